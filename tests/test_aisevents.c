/*
 * test_aisevents.c - geometry, places (ports CSV, GeoJSON zones), the AIS
 * encoder against the ais decoder, and each event detector on hand-made
 * tracks with pinned expectations (GFW definitions, DPRK exceptions).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "interdict/aisevents.h"
#include "ais/events_int.h"

#define H 3600
#define T0 1709251200LL   /* 2024-03-01T00:00:00Z */

/* ---- collecting events ---- */

typedef struct got {
  int n[IDT_AEV_NTYPES];
  idt_aisev_event last[IDT_AEV_NTYPES];
  char place[IDT_AEV_NTYPES][64];
  int listed[IDT_AEV_NTYPES];
} got;

static int collect(void *ctx, const idt_aisev_event *e)
{
  got *g = ctx;
  g->n[e->type]++;
  g->last[e->type] = *e;
  snprintf(g->place[e->type], sizeof g->place[0], "%s", e->place ? e->place : "");
  g->listed[e->type] = e->v[0].match || e->v[1].match;
  g->last[e->type].fixes = NULL;
  g->last[e->type].fixes2 = NULL;
  g->last[e->type].why = NULL;
  g->last[e->type].place = NULL;
  return 0;
}

static idt_aisev_places *places(void)
{
  idt_aisev_places *p = NULL;
  if (idt_aisev_places_new(&p) || idt_aisev_places_add_dprk(p) ||
      idt_aisev_places_add_port(p, "SHANGHAI", "CHN", 31.216667, 121.5) ||
      idt_aisev_places_add_port(p, "DALIAN", "CHN", 38.916667, 121.666667))
    return NULL;
  return p;
}

static idt_aisev *det(got *g, const idt_aisev_places *p, const idt_aisev_watch *w, size_t nw)
{
  idt_aisev_opts o = IDT_AISEV_OPTS_INIT;
  idt_aisev *d = NULL;
  memset(g, 0, sizeof *g);
  o.emit = collect;
  o.ctx = g;
  if (idt_aisev_new(&d, &o, p, w, nw))
    return NULL;
  return d;
}

/* Sail from (lat,lon) on bearing brg at kn knots from t for h hours,
 * one fix every dt seconds. Returns the end position through lat and lon. */
static void sail(idt_aisev *d, uint32_t mmsi, int64_t t, double *lat, double *lon,
                 double brg, double kn, double h, int dt)
{
  int64_t k, n = (int64_t)(h * H / dt);
  double la = *lat, lo = *lon;
  for (k = 0; k <= n; k++) {
    double a, b;
    idt_geo_dest(la, lo, brg, kn * IDT_NM_M * (double)(k * dt) / H, &a, &b);
    idt_aisev_position(d, mmsi, t + k * dt, a, b, kn);
    if (k == n) {
      *lat = a;
      *lon = b;
    }
  }
}

/* ---- geometry ---- */

TEST(geo_distances)
{
  double la, lo;
  /* one degree of latitude on the mean-radius sphere: 6371008.8 * pi/180 */
  CHECK(fabs(idt_geo_dist_m(0, 0, 1, 0) - 111195.08) < 0.5);
  /* Nampo to Dandong, ~163 km (haversine, checked by hand) */
  CHECK(fabs(idt_geo_dist_m(38.716667, 125.4, 39.816667, 124.15) / 1000 - 163.3) < 1.0);
  idt_geo_dest(38.7, 125.4, 250, 6000, &la, &lo);
  CHECK(fabs(idt_geo_dist_m(38.7, 125.4, la, lo) - 6000) < 0.5);
  CHECK(fabs(idt_geo_bearing(38.7, 125.4, la, lo) - 250) < 0.01);
  CHECK(idt_aisev_in_korea_bay(39.0, 124.0));
  CHECK(!idt_aisev_in_korea_bay(35.5, 123.6));
}

/* Distance from shore over the built-in Natural Earth 1:50m land. Expected
 * values from an independent brute force in Python over every arc of
 * web/dist/land-50m.json (haversine to points every 0.005 deg along each
 * segment): Point Nemo 1455.4 nm, 10 nm east of the Florida coast crossing
 * of 27N (-80.0907) 9.76 nm, Korea Bay 38.9N 124.0E 52.10 nm. */
TEST(coast_distance)
{
  idt_aisev_coast *c = NULL;
  idt_aisev_places *p = NULL;
  const char *topo = "{\"type\":\"Topology\",\"arcs\":[[[0,0],[0,1],[1,1],"
                     "[1,0],[0,0]]],\"objects\":{}}";
  double d;
  int rc = idt_aisev_coast_builtin(&c);
  if (rc == IDT_ENOTFOUND) {
    tap_diag("no land-50m.json built in: coast tests skipped");
    CHECK(idt_aisev_coast_dist(NULL, 0, 0) == HUGE_VAL);
    return;
  }
  CHECK_OK(rc);
  CHECK(idt_aisev_coast_nsegs(c) > 50000);
  d = idt_aisev_coast_dist(c, -48.876, -123.393) / IDT_NM_M;
  tap_diag("Point Nemo %.1f nm, Florida %.2f nm, Korea Bay %.2f nm", d,
           idt_aisev_coast_dist(c, 27, -79.903816) / IDT_NM_M,
           idt_aisev_coast_dist(c, 38.9, 124.0) / IDT_NM_M);
  CHECK(d > 500 && fabs(d - 1455.4) < 15);
  CHECK(fabs(idt_aisev_coast_dist(c, 27, -79.903816) / IDT_NM_M - 9.76) < 0.2);
  CHECK(fabs(idt_aisev_coast_dist(c, 38.9, 124.0) / IDT_NM_M - 52.10) < 0.5);
  /* on land: Kansas, central Australia, Antarctica (ring closed through
   * the pole), Pyongyang */
  CHECK(idt_aisev_coast_dist(c, 38.5, -98.0) == 0);
  CHECK(idt_aisev_coast_dist(c, -25.0, 134.0) == 0);
  CHECK(idt_aisev_coast_dist(c, -80.0, 0.0) == 0);
  CHECK(idt_aisev_coast_dist(c, 39.03, 125.75) == 0);
  /* at sea near land, not 0: Yellow Sea, mid-Atlantic, Arctic Ocean */
  CHECK(idt_aisev_coast_dist(c, 36.0, 124.0) > 20 * IDT_NM_M);
  CHECK(idt_aisev_coast_dist(c, 30.0, -40.0) > 500 * IDT_NM_M);
  CHECK(idt_aisev_coast_dist(c, 88.0, 0.0) > 100 * IDT_NM_M);
  CHECK(idt_aisev_coast_dist(c, NAN, 0) == HUGE_VAL);
  /* places: the coastline replaces the nearest port as shore */
  CHECK_OK(idt_aisev_places_new(&p));
  CHECK_OK(idt_aisev_places_add_port(p, "X", "XXX", 0, 0));
  CHECK(fabs(idt_aisev_places_shore(p, -48.876, -123.393) -
             idt_aisev_places_nearest(p, -48.876, -123.393, NULL)) < 1);
  idt_aisev_places_set_coast(p, c);
  CHECK(fabs(idt_aisev_places_shore(p, -48.876, -123.393) / IDT_NM_M - 1455.4) < 15);
  idt_aisev_places_free(p);
  idt_aisev_coast_free(c);
  /* an unquantized TopoJSON square: inside 0, outside to its edge */
  CHECK_OK(idt_aisev_coast_topojson(&c, topo, strlen(topo)));
  CHECK(idt_aisev_coast_dist(c, 0.5, 0.5) == 0);
  CHECK(fabs(idt_aisev_coast_dist(c, 0.5, 2.0) - idt_geo_dist_m(0.5, 2.0, 0.5, 1.0)) < 50);
  idt_aisev_coast_free(c);
  CHECK(idt_aisev_coast_topojson(&c, "{\"arcs\":[]}", 11) == IDT_EPARSE);
  CHECK(idt_aisev_coast_topojson(&c, "{", 1) == IDT_EPARSE);
  /* out of range and over-long segments are errors, not a huge grid */
  CHECK(idt_aisev_coast_topojson(&c, "{\"arcs\":[[[0,0],[0,91]]]}", 25) == IDT_EPARSE);
  CHECK(strstr(idt_error_msg(), "arc 0 point 1") != NULL);
  CHECK(idt_aisev_coast_topojson(&c, "{\"arcs\":[[[0,0],[60,1]]]}", 25) == IDT_EPARSE);
  CHECK(strstr(idt_error_msg(), "spans more than") != NULL);
  /* a 340-degree jump is an antimeridian cut, skipped */
  CHECK_OK(idt_aisev_coast_topojson(&c, "{\"arcs\":[[[170,0],[-170,0],[-170,1]]]}", 38));
  CHECK(idt_aisev_coast_nsegs(c) == 1);
  idt_aisev_coast_free(c);
  c = NULL;
  CHECK(c == NULL);
}

TEST(ports_csv)
{
  idt_aisev_places *p = NULL;
  const idt_aisev_port *np = NULL;
  const char *bad = "iso3,label,sublabel,latitude,longitude\nCHN,X,,91.5,120\n";
  CHECK_OK(idt_aisev_places_new(&p));
  CHECK_OK(idt_aisev_places_load_ports(p, tap_data("data/reference/WPI_ports.csv")));
  CHECK_INT(idt_aisev_places_nports(p), 3669);
  CHECK(idt_aisev_places_nearest(p, 38.70, 125.30, &np) < 10000);
  CHECK(np && !strcmp(np->name, "NAMPO") && np->dprk);
  CHECK(idt_aisev_places_nearest(p, 31.1, 121.7, &np) < 30000);
  CHECK(np && !strcmp(np->iso3, "CHN"));
  /* the grid answer equals a brute-force scan of the same list */
  {
    int i, same = 1;
    for (i = 0; i < 300; i++) {
      double la = -70 + fmod(i * 7.3, 140), lo = -180 + fmod(i * 37.7, 360);
      double g = idt_aisev_places_nearest(p, la, lo, NULL), b = HUGE_VAL;
      size_t k;
      for (k = 0; k < p->nports; k++) {
        double x = idt_geo_dist_m(la, lo, p->ports[k].lat, p->ports[k].lon);
        if (x < b)
          b = x;
      }
      if (fabs(g - b) > 1e-6) {
        same = 0;
        tap_diag("nearest at %g,%g: grid %g, scan %g", la, lo, g, b);
      }
    }
    CHECK(same);
  }
  idt_aisev_places_free(p);
  CHECK_OK(idt_aisev_places_new(&p));
  CHECK_OK(idt_aisev_places_load_ports(p, tap_data("data/reference/dprk_ports.csv")));
  CHECK_INT(idt_aisev_places_nports(p), 14);      /* Taean has no coordinates */
  CHECK(idt_aisev_places_nearest_dprk(p, 38.7, 125.4, &np) < 2000);
  CHECK_INT(idt_aisev_places_ports_mem(p, "bad.csv", bad, strlen(bad)), IDT_EPARSE);
  CHECK(strstr(idt_error_msg(), "bad.csv:2") != NULL);
  CHECK_INT(idt_aisev_places_ports_mem(p, "nocol.csv", "a,b\n1,2\n", 8), IDT_EPARSE);
  idt_aisev_places_free(p);
}

TEST(zones_geojson)
{
  idt_aisev_places *p = NULL;
  /* a 2x2 degree square with a 1x1 hole, and a separate square */
  const char *mp = "{\"type\":\"Feature\",\"properties\":{\"name\":\"box\"},\"geometry\":"
    "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[120,30],[122,30],[122,32],[120,32],[120,30]],"
    "[[120.5,30.5],[121.5,30.5],[121.5,31.5],[120.5,31.5],[120.5,30.5]]],"
    "[[[125,30],[126,30],[126,31],[125,31]]]]}}";
  CHECK_OK(idt_aisev_places_new(&p));
  CHECK_OK(idt_aisev_places_load_geojson(p, tap_data("data/reference/eez_prk.json"), IDT_ZONE_USER));
  CHECK_INT(idt_aisev_places_nzones(p), 1);
  CHECK_STR(idt_aisev_places_zone_name(p, 0), "North Korean 12 NM");
  /* inside/outside checked independently (even-odd in Python on the file) */
  CHECK(idt_aisev_places_in_zone(p, 0, 39.3, 129.6));
  CHECK(idt_aisev_places_in_zone(p, 0, 39.75, 127.75));
  CHECK(!idt_aisev_places_in_zone(p, 0, 38.3, 131.0));
  CHECK(!idt_aisev_places_in_zone(p, 0, 35.0, 125.0));
  CHECK_OK(idt_aisev_places_geojson_mem(p, "mp", mp, strlen(mp), IDT_ZONE_WATCH));
  CHECK_INT(idt_aisev_places_nzones(p), 2);
  CHECK_STR(idt_aisev_places_zone_name(p, 1), "box");
  CHECK(idt_aisev_places_in_zone(p, 1, 30.2, 120.2));
  CHECK(!idt_aisev_places_in_zone(p, 1, 31.0, 121.0));     /* the hole */
  CHECK(idt_aisev_places_in_zone(p, 1, 30.5, 125.5));      /* unclosed ring */
  CHECK(!idt_aisev_places_in_zone(p, 1, 33, 121));
  CHECK_INT(idt_aisev_places_in_watch(p, 30.2, 120.2), 1);
  CHECK_INT(idt_aisev_places_in_watch(p, 39.3, 129.6), -1); /* a user zone, not a watch area */
  CHECK_INT(idt_aisev_places_geojson_mem(p, "x", "{\"type\":\"Point\",\"coordinates\":[1,2]}", 36, 0), IDT_EPARSE);
  CHECK_INT(idt_aisev_places_geojson_mem(p, "x", "{\"type\":", 8, 0), IDT_EPARSE);
  CHECK_INT(idt_aisev_places_geojson_mem(p, "x", "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3]]]}", 46, 0), IDT_EPARSE);
  idt_aisev_places_free(p);
}

/* ---- encoder round trip through the ais decoder ---- */

static int decode_all(const char *nmea, idt_ais_msg *out)
{
  idt_ais_decoder *dec = NULL;
  const char *p = nmea;
  int nmsg = 0, rc;
  if (idt_ais_decoder_new(&dec, NULL))
    return -1;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    rc = idt_ais_decoder_line(dec, p, n, out);
    if (rc < 0) {
      nmsg = -1;
      break;
    }
    nmsg += rc;
    p += n + (nl ? 1 : 0);
  }
  idt_ais_decoder_free(dec);
  return nmsg;
}

TEST(encode_roundtrip)
{
  idt_ais_enc m;
  idt_ais_msg msg;
  idt_ais_position pos;
  char out[600];
  int64_t v;
  int n;
  static const unsigned types[] = {1, 3, 18};
  size_t i;
  for (i = 0; i < 3; i++) {
    memset(&m, 0, sizeof m);
    m.type = types[i];
    m.mmsi = 352000101;
    m.lat = 38.716667;
    m.lon = -125.123456;
    m.sog = 10.3;
    m.cog = 271.4;
    m.heading = 270;
    m.second = 42;
    n = idt_ais_encode_nmea(&m, T0 + 5, "sim", 'A', 0, out, sizeof out);
    CHECK(n > 0);
    CHECK_INT(decode_all(out, &msg), 1);
    CHECK_INT(msg.type, types[i]);
    CHECK_INT(msg.mmsi, 352000101);
    CHECK_INT(msg.time, T0 + 5);
    CHECK(idt_ais_get_position(&msg, &pos) == 1);
    CHECK(fabs(pos.lat - 38.716667) < 1e-6 && fabs(pos.lon + 125.123456) < 1e-6);
    CHECK(fabs(pos.sog - 10.3) < 1e-9 && fabs(pos.cog - 271.4) < 1e-9);
    CHECK_INT(pos.heading, 270);
    CHECK_OK(idt_ais_field(&msg, "second", &v));
    CHECK_INT(v, 42);
  }
  /* not available: 91/181, speed 1023, course 3600, heading 511 */
  memset(&m, 0, sizeof m);
  m.type = 1;
  m.mmsi = 412000501;
  m.lat = m.lon = m.sog = m.cog = NAN;
  m.heading = -1;
  n = idt_ais_encode_nmea(&m, T0, NULL, 'B', 0, out, sizeof out);
  CHECK(n > 0 && strncmp(out, "\\c:1709251200*", 14) == 0);
  CHECK_INT(decode_all(out, &msg), 1);
  CHECK(idt_ais_get_position(&msg, &pos) == 1);
  CHECK(isnan(pos.lat) && isnan(pos.lon) && isnan(pos.sog) && isnan(pos.cog));
  CHECK_INT(pos.heading, -1);
  /* type 5: two sentences, IMO, name, call sign, destination */
  memset(&m, 0, sizeof m);
  m.type = 5;
  m.mmsi = 667001234;
  m.imo = 9182734;
  m.name = "SEA STAR 7";
  m.callsign = "9LX77";
  m.destination = "NAMPO";
  m.shiptype = 80;
  m.to_bow = 100;
  m.to_stern = 20;
  n = idt_ais_encode_nmea(&m, T0, "sim", 'A', 3, out, sizeof out);
  CHECK(n > 0);
  CHECK(strstr(out, "!AIVDM,2,1,3,A,") != NULL && strstr(out, "!AIVDM,2,2,3,A,") != NULL);
  CHECK_INT(decode_all(out, &msg), 1);
  CHECK_INT(msg.type, 5);
  CHECK_OK(idt_ais_field(&msg, "imo", &v));
  CHECK_INT(v, 9182734);
  CHECK_STR(idt_ais_text(&msg, "shipname"), "SEA STAR 7");
  CHECK_STR(idt_ais_text(&msg, "callsign"), "9LX77");
  CHECK_STR(idt_ais_text(&msg, "destination"), "NAMPO");
  CHECK_OK(idt_ais_field(&msg, "shiptype", &v));
  CHECK_INT(v, 80);
  /* type 24 A then B */
  memset(&m, 0, sizeof m);
  m.type = 24;
  m.mmsi = 412100001;
  m.name = "FISHING 1";
  n = idt_ais_encode_nmea(&m, T0, NULL, 'A', 0, out, sizeof out);
  CHECK(n > 0);
  CHECK_INT(decode_all(out, &msg), 1);
  CHECK_INT(msg.type, 24);
  CHECK_STR(idt_ais_text(&msg, "shipname"), "FISHING 1");
  m.part = 1;
  m.shiptype = 30;
  m.callsign = "BZ123";
  n = idt_ais_encode_nmea(&m, T0, NULL, 'A', 0, out, sizeof out);
  CHECK(n > 0);
  CHECK_INT(decode_all(out, &msg), 1);
  CHECK_OK(idt_ais_field(&msg, "shiptype", &v));
  CHECK_INT(v, 30);
  CHECK_STR(idt_ais_text(&msg, "callsign"), "BZ123");
  /* unsupported type, small buffer */
  m.type = 8;
  CHECK_INT(idt_ais_encode_nmea(&m, T0, NULL, 'A', 0, out, sizeof out), IDT_EINVAL);
  m.type = 1;
  CHECK_INT(idt_ais_encode_nmea(&m, T0, NULL, 'A', 0, out, 20), IDT_ELIMIT);
}

/* A known sentence: gpsd's sample.aivdm first type-1 line re-encoded from
 * its decoded fields must give the same payload bits (our encoder fills
 * rate of turn, raim and radio with n/a/zero, so compare a case that has
 * them so). */
TEST(encode_known_payload)
{
  idt_ais_enc m;
  char pl[96];
  unsigned fill = 9;
  memset(&m, 0, sizeof m);
  m.type = 1;
  m.mmsi = 0;
  m.lat = 0;
  m.lon = 0;
  m.sog = 0;
  m.cog = 0;
  m.heading = 0;
  m.second = 0;
  CHECK_OK(idt_ais_encode_payload(&m, pl, sizeof pl, &fill));
  /* 168 bits = 28 characters: type 1 (000001) -> '1'; status at bits
   * 38-41; rate of turn -128 = 10000000 at bits 42-49, so character 7
   * (bits 42-47) is 100000 = 32 -> 32+48 = 'P'; everything else 0. */
  CHECK_INT(strlen(pl), 28);
  CHECK_INT(fill, 0);
  CHECK(pl[0] == '1');
  CHECK_STR(pl, "1000000P00000000000000000000");
}

/* ---- detectors ---- */

TEST(gap_rules)
{
  idt_aisev_places *p = places();
  got g;
  idt_aisev *d = det(&g, p, NULL, 0);
  double la = 31.0, lo = 125.5;          /* East China Sea, ~190 nm from Shanghai */
  CHECK(p && d);
  sail(d, 356000701, T0, &la, &lo, 60, 10, 12, 60);
  /* 13 h dark, then back 130 nm further on */
  sail(d, 356000701, T0 + 25 * H, &la, &lo, 60, 10, 1, 60);
  /* a 5 h silence is not a gap */
  sail(d, 356000701, T0 + 31 * H, &la, &lo, 60, 10, 1, 60);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_GAP], 1);
  CHECK(fabs(g.last[IDT_AEV_GAP].hours - 13.0) < 0.02);
  CHECK(g.last[IDT_AEV_GAP].intentional);
  CHECK(!g.last[IDT_AEV_GAP].dprk);
  CHECK(fabs(g.last[IDT_AEV_GAP].speed_kn - 0.0) < 0.01 || g.last[IDT_AEV_GAP].speed_kn >= 0);
  CHECK(g.last[IDT_AEV_GAP].shore_nm > 50);
  idt_aisev_free(d);

  /* 8 h near Nampo: likely intentional by the DPRK rule only */
  d = det(&g, p, NULL, 0);
  la = 38.5;
  lo = 125.0;
  sail(d, 445000201, T0, &la, &lo, 200, 8, 6, 60);
  sail(d, 445000201, T0 + 14 * H, &la, &lo, 200, 8, 1, 60);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_GAP], 1);
  CHECK(g.last[IDT_AEV_GAP].dprk && g.last[IDT_AEV_GAP].intentional);
  idt_aisev_free(d);

  /* 7 h offshore, far from the DPRK: a gap, not intentional (< 12 h) */
  d = det(&g, p, NULL, 0);
  la = 31.0;
  lo = 125.5;
  sail(d, 356000801, T0, &la, &lo, 60, 8, 6, 60);
  sail(d, 356000801, T0 + 13 * H, &la, &lo, 60, 8, 1, 60);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_GAP], 1);
  CHECK(!g.last[IDT_AEV_GAP].intentional);
  /* 13 h but poor reception before (one fix an hour): not intentional */
  idt_aisev_free(d);
  d = det(&g, p, NULL, 0);
  sail(d, 356000901, T0, &la, &lo, 60, 8, 11, 3600);
  sail(d, 356000901, T0 + 24 * H, &la, &lo, 60, 8, 1, 60);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_GAP], 1);
  CHECK(!g.last[IDT_AEV_GAP].intentional);
  CHECK(g.last[IDT_AEV_GAP].count < 14);
  idt_aisev_free(d);
  idt_aisev_places_free(p);
}

/* Two ships drifting side by side dist_m apart for h hours from t. */
static void meet(idt_aisev *d, uint32_t a, uint32_t b, int64_t t, double la, double lo,
                 double dist_m, double h)
{
  double la2, lo2, x1 = la, y1 = lo, x2, y2;
  idt_geo_dest(la, lo, 0, dist_m, &la2, &lo2);
  x2 = la2;
  y2 = lo2;
  /* approach and leave at 10 kn so the meeting has edges */
  sail(d, a, t, &x1, &y1, 270, 0.5, h, 30);
  sail(d, b, t, &x2, &y2, 270, 0.5, h, 30);
}

static void interleaved_meet(idt_aisev *d, uint32_t a, uint32_t b, int64_t t, double la,
                             double lo, double dist_m, double h)
{
  int64_t k, n = (int64_t)(h * H / 30);
  double la2, lo2;
  idt_geo_dest(la, lo, 0, dist_m, &la2, &lo2);
  for (k = 0; k <= n; k++) {
    double a1, b1, a2, b2, s = 0.5 * IDT_NM_M * (double)(k * 30) / H;
    idt_geo_dest(la, lo, 270, s, &a1, &b1);
    idt_geo_dest(la2, lo2, 270, s, &a2, &b2);
    idt_aisev_position(d, a, t + k * 30, a1, b1, 0.5);
    idt_aisev_position(d, b, t + k * 30, a2, b2, 0.5);
  }
}

TEST(encounters)
{
  idt_aisev_places *p = places();
  got g;
  idt_aisev *d = det(&g, p, NULL, 0);
  double la, lo;
  CHECK(p && d);
  /* 3 h, 300 m apart, 6 km off Nampo: kept (DPRK waters) */
  idt_geo_dest(38.716667, 125.4, 250, 6000, &la, &lo);
  interleaved_meet(d, 352000101, 445000201, T0, la, lo, 300, 3);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_ENCOUNTER], 1);
  CHECK(fabs(g.last[IDT_AEV_ENCOUNTER].hours - 3.0) < 0.2);
  CHECK(fabs(g.last[IDT_AEV_ENCOUNTER].speed_kn - 0.5) < 0.05);
  CHECK(g.last[IDT_AEV_ENCOUNTER].dprk);
  idt_aisev_free(d);
  /* the same 6 km off Shanghai: dropped by the anchorage rule */
  d = det(&g, p, NULL, 0);
  idt_geo_dest(31.216667, 121.5, 90, 6000, &la, &lo);
  interleaved_meet(d, 413000001, 413000002, T0, la, lo, 300, 3);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_ENCOUNTER], 0);
  {
    idt_aisev_stats st;
    idt_aisev_get_stats(d, &st);
    CHECK_INT(st.enc_dropped_anchorage, 1);
  }
  idt_aisev_free(d);
  /* offshore: 1.5 h is too short; 700 m is too far; two 2.5 h meetings
   * 2 h apart merge into one */
  /* (each case its own detector: the input must be in time order
   * across vessels, within max_lag) */
  d = det(&g, p, NULL, 0);
  interleaved_meet(d, 1, 2, T0, 33.0, 124.0, 300, 1.5);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_ENCOUNTER], 0);
  idt_aisev_free(d);
  d = det(&g, p, NULL, 0);
  interleaved_meet(d, 3, 4, T0, 33.5, 124.0, 700, 3);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_ENCOUNTER], 0);
  idt_aisev_free(d);
  d = det(&g, p, NULL, 0);
  interleaved_meet(d, 5, 6, T0, 34.0, 124.0, 300, 2.5);
  interleaved_meet(d, 5, 6, T0 + (int64_t)(4.5 * H), 34.0, 124.0, 300, 2.5);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_ENCOUNTER], 1);
  tap_diag("merged encounter: %.2f h, mmsi %u/%u", g.last[IDT_AEV_ENCOUNTER].hours,
           g.last[IDT_AEV_ENCOUNTER].v[0].mmsi, g.last[IDT_AEV_ENCOUNTER].v[1].mmsi);
  CHECK(g.last[IDT_AEV_ENCOUNTER].hours > 6.5 && g.last[IDT_AEV_ENCOUNTER].hours < 7.5);
  idt_aisev_free(d);
  /* fast ships side by side (10 kn) are no encounter */
  d = det(&g, p, NULL, 0);
  la = 33.0;
  lo = 124.0;
  {
    double a = la, b = lo, c, e;
    idt_geo_dest(la, lo, 0, 200, &c, &e);
    meet(d, 7, 8, T0, la, lo, 200, 0);   /* no-op length */
    sail(d, 7, T0, &a, &b, 90, 10, 3, 30);
    sail(d, 8, T0, &c, &e, 90, 10, 3, 30);
  }
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_ENCOUNTER], 0);
  idt_aisev_free(d);
  idt_aisev_places_free(p);
}

TEST(loitering_and_ports)
{
  idt_aisev_places *p = places();
  got g;
  idt_aisev *d = det(&g, p, NULL, 0);
  double la = 35.5, lo = 123.6;
  CHECK(p && d);
  sail(d, 370000301, T0, &la, &lo, 45, 11, 1, 10);
  sail(d, 370000301, T0 + H + 10, &la, &lo, 45, 0.8, 7, 180);
  sail(d, 370000301, T0 + 8 * H + 200, &la, &lo, 45, 11, 1, 10);
  /* 3 h slow: too short */
  sail(d, 370000302, T0, &la, &lo, 45, 0.8, 3, 180);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_LOITER], 1);
  CHECK(fabs(g.last[IDT_AEV_LOITER].hours - 7.0) < 0.1);
  CHECK(g.last[IDT_AEV_LOITER].v[0].mmsi == 370000301);
  idt_aisev_free(d);
  /* slow for 6 h but 8 km from Dalian: no loitering; a port visit? no
   * (outside 3 km) */
  d = det(&g, p, NULL, 0);
  idt_geo_dest(38.916667, 121.666667, 120, 8000, &la, &lo);
  sail(d, 413000009, T0, &la, &lo, 0, 0.1, 6, 180);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_LOITER], 0);
  CHECK_INT(g.n[IDT_AEV_PORT], 0);
  idt_aisev_free(d);
  /* into Nampo (within 3 km), stopped 9 h, out beyond 4 km */
  d = det(&g, p, NULL, 0);
  idt_geo_dest(38.716667, 125.4, 250, 10000, &la, &lo);
  sail(d, 352000101, T0, &la, &lo, 70, 8, 0.65, 10);    /* ~9.6 km in */
  sail(d, 352000101, T0 + (int64_t)(0.65 * H) + 10, &la, &lo, 0, 0.0, 9, 180);
  sail(d, 352000101, T0 + (int64_t)(9.7 * H), &la, &lo, 250, 8, 1, 10);
  /* passing within 2 km at 12 kn without stopping: no visit */
  idt_geo_dest(38.716667, 125.4, 180, 6000, &la, &lo);
  sail(d, 352000102, T0, &la, &lo, 0, 12, 1, 10);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_PORT], 1);
  CHECK_STR(g.place[IDT_AEV_PORT], "NAMPO");
  CHECK(g.last[IDT_AEV_PORT].hours > 9 && g.last[IDT_AEV_PORT].hours < 10.5);
  CHECK(!g.last[IDT_AEV_PORT].open);
  idt_aisev_free(d);
  idt_aisev_places_free(p);
}

/* Where a fishing boat is at minute m: trawling at 3.5 kn due east, hauling
 * at 1 kn from minute 185 to 455 (4.5 h), then trawling again. */
static void haul_at(double m, double *lat, double *lon, double *kn)
{
  double nm = m < 185 ? m / 60 * 3.5 : m < 455 ? 185.0 / 60 * 3.5 + (m - 185) / 60
            : 185.0 / 60 * 3.5 + 4.5 + (m - 455) / 60 * 3.5;
  idt_geo_dest(34.0, 123.5, 90, nm * IDT_NM_M, lat, lon);
  *kn = m >= 185 && m < 455 ? 1.0 : 3.5;
}

TEST(loitering_sparse_satellite)
{
  /* Offshore, heard only by satellite passes every 90 min (two fixes 3 min
   * apart each): the slow fixes seen span 270-453 min (3.05 h), but the
   * displacement between the passes shows the boat slow from the pass
   * before (183 min) to the last slow fix: 4.5 h, as GFW counts it. */
  idt_aisev_places *p = places();
  got g;
  idt_aisev *d = det(&g, p, NULL, 0);
  int k, j;
  CHECK(p && d);
  for (k = 0; k <= 8; k++)
    for (j = 0; j < 2; j++) {
      double la, lo, kn, m = k * 90 + j * 3;
      haul_at(m, &la, &lo, &kn);
      CHECK_OK(idt_aisev_position(d, 412000777, T0 + (int64_t)(m * 60), la, lo, kn));
    }
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_LOITER], 1);
  CHECK_INT(g.last[IDT_AEV_LOITER].start, T0 + 183 * 60);
  CHECK_INT(g.last[IDT_AEV_LOITER].end, T0 + 453 * 60);
  CHECK(g.last[IDT_AEV_LOITER].speed_kn < 2);
  idt_aisev_free(d);
  /* the same passes over a boat trawling at 3.5 kn throughout: nothing */
  d = det(&g, p, NULL, 0);
  for (k = 0; k <= 8; k++)
    for (j = 0; j < 2; j++) {
      double la, lo, m = k * 90 + j * 3;
      idt_geo_dest(34.0, 123.5, 90, m / 60 * 3.5 * IDT_NM_M, &la, &lo);
      CHECK_OK(idt_aisev_position(d, 412000778, T0 + (int64_t)(m * 60), la, lo, 3.5));
    }
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_LOITER], 0);
  idt_aisev_free(d);
  idt_aisev_places_free(p);
}

TEST(spoof_invalid_identity_zone)
{
  idt_aisev_places *p = places();
  idt_aisev_watch w[1] = {{9182734, 0, "ofac-1", "OCEAN GRACE", "test"}};
  const char *sq = "{\"type\":\"Polygon\",\"coordinates\":[[[124,34],[125,34],[125,35],[124,35],[124,34]]]}";
  got g;
  idt_aisev *d;
  int64_t k;
  double la, lo;
  CHECK_OK(idt_aisev_places_geojson_mem(p, "square", sq, strlen(sq), IDT_ZONE_USER));
  d = det(&g, p, w, 1);
  CHECK(p && d);
  /* one MMSI at two places 550 km apart, alternating for 3 h */
  for (k = 0; k < 3 * H; k += 60) {
    idt_aisev_position(d, 413999111, T0 + k, 31.0, 122.5 + k * 1e-5, 10);
    idt_aisev_position(d, 413999111, T0 + k + 30, 35.8, 120.8 + k * 1e-5, 10);
  }
  /* 91/181 for 2 h, then fine */
  for (k = 0; k < 2 * H; k += 10)
    idt_aisev_position(d, 412000501, T0 + k, NAN, NAN, 9);
  idt_aisev_position(d, 412000501, T0 + 2 * H, 36.0, 121.0, 9);
  idt_aisev_position(d, 412000502, T0, 95.0, 200.0, 9);   /* out of range */
  /* same IMO under a new MMSI and name */
  idt_aisev_static(d, 352000101, T0, 9182734, "OCEAN GRACE@@@@");
  idt_aisev_position(d, 352000101, T0 + 10, 38.6, 124.9, 10);
  idt_aisev_static(d, 667001234, T0 + 3 * H, 9182734, "SEA STAR 7");
  idt_aisev_static(d, 667001234, T0 + 4 * H, 9182734, "SEA STAR 7");
  /* a placeholder IMO (bad check digit) shared by two ships: no event */
  idt_aisev_static(d, 413000111, T0, 1111111, "A");
  idt_aisev_static(d, 413000112, T0 + 60, 1111111, "B");
  /* across the square and back out */
  la = 34.5;
  lo = 123.5;
  sail(d, 412000601, T0, &la, &lo, 90, 10, 10, 60);
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n[IDT_AEV_SPOOF], 1);
  CHECK(g.last[IDT_AEV_SPOOF].speed_kn > 1000);
  CHECK_INT(g.n[IDT_AEV_INVALID], 2);
  CHECK_INT(g.n[IDT_AEV_IDENTITY], 1);
  CHECK_INT(g.last[IDT_AEV_IDENTITY].v[0].mmsi, 352000101);
  CHECK_INT(g.last[IDT_AEV_IDENTITY].v[1].mmsi, 667001234);
  CHECK_INT(g.last[IDT_AEV_IDENTITY].v[1].mid, 667);
  CHECK_STR(g.last[IDT_AEV_IDENTITY].v[1].flag, "SL");     /* Sierra Leone */
  CHECK_STR(g.last[IDT_AEV_IDENTITY].v[0].flag, "PA");     /* Panama */
  CHECK(g.listed[IDT_AEV_IDENTITY]);
  CHECK_INT(g.n[IDT_AEV_ZONE_ENTRY], 1);
  CHECK_INT(g.n[IDT_AEV_ZONE_EXIT], 1);
  CHECK_STR(g.place[IDT_AEV_ZONE_ENTRY], "square");
  CHECK(!g.listed[IDT_AEV_SPOOF]);
  idt_aisev_free(d);
  idt_aisev_places_free(p);
}

TEST(output_json)
{
  idt_aisev_places *p = places();
  idt_aisev_opts o = IDT_AISEV_OPTS_INIT;
  idt_aisev_event e;
  idt_aisev_fix f[2] = {{T0, 38.9, 123.8, 11}, {T0 + 14 * H, 38.85, 124.6, 9}};
  char path[512], buf[8192];
  FILE *fp;
  size_t n;
  memset(&e, 0, sizeof e);
  e.type = IDT_AEV_GAP;
  e.v[0].mmsi = 352000101;
  e.v[0].name = "OCEAN \"GRACE\"";
  e.v[1].name = "";
  e.v[0].flag = "PA";
  e.v[1].flag = "";
  e.start = T0;
  e.end = T0 + 14 * H;
  e.hours = 14;
  e.lat = 38.9;
  e.lon = 123.8;
  e.lat2 = 38.85;
  e.lon2 = 124.6;
  e.dist_nm = 37.5;
  e.speed_kn = 2.7;
  e.shore_nm = NAN;
  e.place = "DANDONG";
  e.why = "test";
  e.fixes = f;
  e.nfixes = 2;
  snprintf(path, sizeof path, "%s/ev.json", tap_tmpdir());
  fp = fopen(path, "w+");
  CHECK(fp != NULL);
  if (!fp)
    return;
  CHECK_OK(idt_aisev_json(fp, &e, &o));
  CHECK_OK(idt_aisev_geojson_begin(fp));
  CHECK_OK(idt_aisev_geojson_feature(fp, &e, 1));
  CHECK_OK(idt_aisev_geojson_end(fp));
  rewind(fp);
  n = fread(buf, 1, sizeof buf - 1, fp);
  buf[n] = 0;
  fclose(fp);
  CHECK(strstr(buf, "\"type\":\"gap\",\"start\":\"2024-03-01T00:00:00Z\",\"end\":\"2024-03-01T14:00:00Z\"") != NULL);
  CHECK(strstr(buf, "\"name\":\"OCEAN \\\"GRACE\\\"\"") != NULL);
  CHECK(strstr(buf, "\"shore_nm\":null") != NULL);
  CHECK(strstr(buf, "\"thresholds\":{\"gap_hours\":6,") != NULL);
  CHECK(strstr(buf, "{\"type\":\"LineString\",\"coordinates\":[[123.800000,38.900000],[124.600000,38.850000]]}") != NULL);
  CHECK(strstr(buf, "\"role\":\"track\"") != NULL);
  idt_aisev_places_free(p);
}

int main(void)
{
  RUN(geo_distances);
  RUN(coast_distance);
  RUN(ports_csv);
  RUN(zones_geojson);
  RUN(encode_roundtrip);
  RUN(encode_known_payload);
  RUN(gap_rules);
  RUN(encounters);
  RUN(loitering_and_ports);
  RUN(loitering_sparse_satellite);
  RUN(spoof_invalid_identity_zone);
  RUN(output_json);
  return tap_done();
}
