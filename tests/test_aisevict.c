/*
 * test_aisevict.c - the AIS event detector's eviction of idle vessels
 * (idle_hours): a vessel silent past idle_hours is released and its return
 * still reports the dark period; identity, zone and list state survive;
 * loitering, port visits and encounters around an eviction; and a month of
 * 10,000 vessels coming and going keeps the vessel slots bounded by the
 * active ones with the same events as without eviction.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "interdict/aisevents.h"

#define H 3600
#define T0 1709251200LL   /* 2024-03-01T00:00:00Z */

/* ---- events as comparable lines ---- */

typedef struct evlog {
  char **line;
  size_t n, cap;
  int n_type[IDT_AEV_NTYPES];
  idt_aisev_event last[IDT_AEV_NTYPES];
  int listed[IDT_AEV_NTYPES];
} evlog;

static int logev(void *ctx, const idt_aisev_event *e)
{
  evlog *g = ctx;
  char buf[1024];
  int64_t f0 = e->nfixes ? e->fixes[0].t : 0, f1 = e->nfixes ? e->fixes[e->nfixes - 1].t : 0;
  snprintf(buf, sizeof buf, "%s %u/%u imo %u/%u %lld-%lld %.4f h at %.5f,%.5f -> %.5f,%.5f "
           "dist %.3f kn %.3f shore %.2f n %u open %d int %d dprk %d fixes %zu %lld-%lld "
           "place %s match %d why %s", idt_aisev_type_name(e->type), e->v[0].mmsi,
           e->v[1].mmsi, e->v[0].imo, e->v[1].imo, (long long)e->start,
           (long long)e->end, e->hours, e->lat, e->lon, e->lat2, e->lon2, e->dist_nm,
           e->speed_kn, e->shore_nm, e->count, e->open, e->intentional, e->dprk,
           e->nfixes, (long long)f0, (long long)f1, e->place ? e->place : "",
           e->v[0].match || e->v[1].match, e->why ? e->why : "");
  if (g->n == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 256;
    char **nl = realloc(g->line, cap * sizeof *nl);
    if (!nl)
      return -1;
    g->line = nl;
    g->cap = cap;
  }
  if (!(g->line[g->n] = malloc(strlen(buf) + 1)))
    return -1;
  memcpy(g->line[g->n++], buf, strlen(buf) + 1);
  g->n_type[e->type]++;
  g->last[e->type] = *e;
  g->last[e->type].fixes = g->last[e->type].fixes2 = NULL;
  g->last[e->type].why = g->last[e->type].place = NULL;
  g->listed[e->type] = e->v[0].match || e->v[1].match;
  return 0;
}

static void log_free(evlog *g)
{
  size_t i;
  for (i = 0; i < g->n; i++)
    free(g->line[i]);
  free(g->line);
  memset(g, 0, sizeof *g);
}

static int cmpstr(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The same events, whatever the order they came out in. */
static int same_events(evlog *a, evlog *b)
{
  size_t i;
  qsort(a->line, a->n, sizeof *a->line, cmpstr);
  qsort(b->line, b->n, sizeof *b->line, cmpstr);
  if (a->n != b->n) {
    tap_diag("%zu events vs %zu", a->n, b->n);
    return 0;
  }
  for (i = 0; i < a->n; i++)
    if (strcmp(a->line[i], b->line[i])) {
      tap_diag("differ:\n  %s\n  %s", a->line[i], b->line[i]);
      return 0;
    }
  return 1;
}

static idt_aisev_places *places(void)
{
  idt_aisev_places *p = NULL;
  const char *sq = "{\"type\":\"Polygon\",\"coordinates\":[[[124,34],[125,34],[125,35],"
                   "[124,35],[124,34]]]}";
  if (idt_aisev_places_new(&p) || idt_aisev_places_add_dprk(p) ||
      idt_aisev_places_add_port(p, "SHANGHAI", "CHN", 31.216667, 121.5) ||
      idt_aisev_places_add_port(p, "DALIAN", "CHN", 38.916667, 121.666667) ||
      idt_aisev_places_geojson_mem(p, "square", sq, strlen(sq), IDT_ZONE_USER))
    return NULL;
  return p;
}

static idt_aisev *det(evlog *g, const idt_aisev_places *p, double idle,
                      const idt_aisev_watch *w, size_t nw)
{
  idt_aisev_opts o = IDT_AISEV_OPTS_INIT;
  idt_aisev *d = NULL;
  memset(g, 0, sizeof *g);
  o.emit = logev;
  o.ctx = g;
  o.idle_hours = idle;
  if (idt_aisev_new(&d, &o, p, w, nw))
    return NULL;
  return d;
}

/* Where a scripted vessel is at t (see the scripts below); 0: silent. */
typedef struct track {
  uint32_t mmsi;
  int64_t t0;                /* first fix */
  double lat, lon, brg, kn;  /* start, course, speed */
  int dt;                    /* seconds between fixes */
  int64_t on[4][2];          /* reporting intervals, relative to t0 */
} track;

static int track_at(const track *k, int64_t t, double *lat, double *lon)
{
  int i;
  for (i = 0; i < 4; i++)
    if (k->on[i][1] > k->on[i][0] && t >= k->t0 + k->on[i][0] &&
        t <= k->t0 + k->on[i][1] && (t - k->t0) % k->dt == 0) {
      idt_geo_dest(k->lat, k->lon, k->brg, k->kn * IDT_NM_M * (double)(t - k->t0) / H,
                   lat, lon);
      return 1;
    }
  return 0;
}

/* All tracks in time order, one second at a time from t0 to t1. */
static void play(idt_aisev *d, const track *k, size_t n, int64_t t0, int64_t t1)
{
  int64_t t;
  size_t i;
  for (t = t0; t <= t1; t++)
    for (i = 0; i < n; i++) {
      double la, lo;
      if (track_at(&k[i], t, &la, &lo))
        idt_aisev_position(d, k[i].mmsi, t, la, lo, k[i].kn);
    }
}

/* A clock: a vessel far from everything that reports every 10 minutes and
 * so moves stream time on while the others are silent. */
#define CLOCK(t1) { 538000001, T0, 10.0, 140.0, 90, 10, 600, {{0, t1}} }

TEST(gap_after_eviction)
{
  idt_aisev_places *p = places();
  idt_aisev_watch w[1] = {{9182734, 0, "ofac-1", "OCEAN GRACE", "test"}};
  /* A: 12 h offshore at 10 kn, silent 30 h, back 1 h (moving on as if it
   * had sailed all along). Z: inside the square, silent, back outside. */
  track k[3] = {
    {356000701, T0, 31.0, 125.5, 60, 10, 60, {{0, 12 * H}, {42 * H, 43 * H}}},
    {412000601, T0, 34.9, 124.5, 180, 1.5, 60, {{0, 3 * H}, {40 * H, 41 * H}}},
    CLOCK(44 * H),
  };
  evlog g0, g1;
  idt_aisev_stats st;
  idt_aisev *d;
  int pass;
  CHECK(p != NULL);
  for (pass = 0; pass < 2; pass++) {
    evlog *g = pass ? &g1 : &g0;
    d = det(g, p, pass ? 12 : 0, w, 1);
    CHECK(d != NULL);
    if (!d)
      return;
    CHECK_OK(idt_aisev_static(d, 356000701, T0, 9182734, "OCEAN GRACE"));
    play(d, k, 3, T0, T0 + 44 * H);
    /* A back under a new name (same MMSI and IMO) */
    CHECK_OK(idt_aisev_static(d, 356000701, T0 + 44 * H, 9182734, "SEA STAR"));
    CHECK_OK(idt_aisev_finish(d));
    idt_aisev_get_stats(d, &st);
    tap_diag("idle %s: vessels %llu, active %llu (max %llu, %llu slots), dormant %llu, "
             "evicted %llu, returned %llu, state %llu bytes (max %llu)", pass ? "12 h" : "off",
             st.vessels, st.active, st.active_max, st.slots, st.dormant, st.evicted,
             st.revived, st.state_bytes, st.state_bytes_max);
    CHECK_INT(st.vessels, 3);
    CHECK_INT(st.evicted, pass ? 2 : 0);   /* A and Z, not the clock */
    CHECK_INT(st.revived, pass ? 2 : 0);
    CHECK_INT(st.dormant, 0);
    CHECK_INT(g->n_type[IDT_AEV_GAP], 2);
    CHECK_INT(g->n_type[IDT_AEV_ZONE_EXIT], 1);
    CHECK_INT(g->n_type[IDT_AEV_IDENTITY], 1);
    idt_aisev_free(d);
  }
  /* A's gap (the last gap: A's return is after Z's): 30 h, the distance
   * between its last fix and its return, intent and the list match kept */
  CHECK_INT(g1.last[IDT_AEV_GAP].v[0].mmsi, 356000701);
  CHECK(fabs(g1.last[IDT_AEV_GAP].hours - 30.0) < 1e-9);
  {
    double la, lo, la2, lo2;
    track_at(&k[0], T0 + 12 * H, &la, &lo);
    track_at(&k[0], T0 + 42 * H, &la2, &lo2);
    CHECK(fabs(g1.last[IDT_AEV_GAP].dist_nm - idt_geo_dist_m(la, lo, la2, lo2) / IDT_NM_M) < 1e-6);
    CHECK(fabs(g1.last[IDT_AEV_GAP].dist_nm - 300.0) < 1.0);   /* 30 h at 10 kn */
  }
  CHECK(g1.last[IDT_AEV_GAP].intentional);
  CHECK_INT(g1.last[IDT_AEV_GAP].count, 16);   /* the whole reception ring */
  CHECK(g1.listed[IDT_AEV_GAP]);
  CHECK_INT(g1.last[IDT_AEV_GAP].intentional, g0.last[IDT_AEV_GAP].intentional);
  CHECK_INT(g1.last[IDT_AEV_GAP].count, g0.last[IDT_AEV_GAP].count);
  CHECK(g1.last[IDT_AEV_GAP].dist_nm == g0.last[IDT_AEV_GAP].dist_nm);
  CHECK(g1.last[IDT_AEV_GAP].shore_nm == g0.last[IDT_AEV_GAP].shore_nm);
  /* evidence: the dormant record keeps the last fix only */
  CHECK_INT(g1.last[IDT_AEV_GAP].nfixes, 2);
  CHECK(g0.last[IDT_AEV_GAP].nfixes > 2);
  /* the rename after the return is still seen (the name survived) */
  CHECK_INT(g1.last[IDT_AEV_IDENTITY].v[0].mmsi, 356000701);
  CHECK(g1.listed[IDT_AEV_IDENTITY]);
  /* Z left the square while dark */
  CHECK_INT(g1.last[IDT_AEV_ZONE_EXIT].v[0].mmsi, 412000601);
  CHECK_INT(g1.last[IDT_AEV_ZONE_EXIT].start, g0.last[IDT_AEV_ZONE_EXIT].start);
  log_free(&g0);
  log_free(&g1);
  idt_aisev_places_free(p);
}

TEST(evict_while_queued)
{
  /* A's last fix at 10 min, back at 13 h, in the same second as the clock
   * fix that runs the 13 h sweep: A is idle for 12 h then, but its return
   * waits in the input ring, so it must not be evicted under it (else the
   * return would be processed on a freed slot and the dark period
   * reported twice). */
  track k[2] = {
    CLOCK(15 * H),
    {356000701, T0, 31.0, 125.5, 60, 10, 300, {{0, 600}, {13 * H, 14 * H}}},
  };
  evlog g;
  idt_aisev_stats st;
  idt_aisev *d = det(&g, NULL, 12, NULL, 0);
  CHECK(d != NULL);
  if (!d)
    return;
  play(d, k, 2, T0, T0 + 15 * H);
  CHECK_OK(idt_aisev_finish(d));
  idt_aisev_get_stats(d, &st);
  CHECK_INT(g.n_type[IDT_AEV_GAP], 1);
  CHECK(fabs(g.last[IDT_AEV_GAP].hours - (13 * H - 600) / 3600.0) < 1e-9);
  CHECK_INT(st.evicted, 0);
  idt_aisev_free(d);
  log_free(&g);
}

TEST(identity_from_dormant)
{
  /* B broadcast IMO 9182734 and fell silent; days later C broadcasts it:
   * the identity change names B (dormant) with its last fix. */
  track k[3] = {
    {352000101, T0, 38.6, 124.9, 90, 8, 60, {{0, 2 * H}}},
    {667001234, T0, 38.0, 124.0, 90, 8, 60, {{70 * H, 71 * H}}},
    CLOCK(72 * H),
  };
  evlog g;
  idt_aisev_stats st;
  idt_aisev *d = det(&g, NULL, 48, NULL, 0);
  CHECK(d != NULL);
  if (!d)
    return;
  CHECK_OK(idt_aisev_static(d, 352000101, T0, 9182734, "OCEAN GRACE"));
  play(d, k, 3, T0, T0 + 71 * H);
  idt_aisev_get_stats(d, &st);
  CHECK_INT(st.dormant, 1);
  CHECK_INT(st.active, 2);
  CHECK_OK(idt_aisev_static(d, 667001234, T0 + 71 * H, 9182734, "SEA STAR 7"));
  CHECK_OK(idt_aisev_finish(d));
  CHECK_INT(g.n_type[IDT_AEV_IDENTITY], 1);
  CHECK_INT(g.last[IDT_AEV_IDENTITY].v[0].mmsi, 352000101);
  CHECK_INT(g.last[IDT_AEV_IDENTITY].v[1].mmsi, 667001234);
  CHECK_INT(g.last[IDT_AEV_IDENTITY].start, T0 + 2 * H);
  CHECK(fabs(g.last[IDT_AEV_IDENTITY].hours - 69.0) < 1e-9);
  CHECK(!isnan(g.last[IDT_AEV_IDENTITY].dist_nm));
  idt_aisev_get_stats(d, &st);
  CHECK_INT(st.dormant, 1);          /* looking B up did not revive it */
  CHECK_INT(st.revived, 0);
  idt_aisev_free(d);
  log_free(&g);
}

TEST(open_events_at_eviction)
{
  idt_aisev_places *p = places();
  double la, lo;
  /* L loiters 6 h offshore, then silent. P stops 5 h in Nampo, silent,
   * back in port 3 days later for 2 h. E1/E2 meet 3 h offshore (300 m
   * apart, 0.5 kn), then silent: with idle_hours 1 their slots must stay
   * theirs until the encounter is out (~9 h: 4 h merge window and 2 h of
   * bucket lag after its end), though they are silent from 3 h. N: new
   * vessels, the first at 6 h (it would take E1's or E2's slot if they
   * were released at 4-5 h), the others after 9 h, reusing freed slots. */
  track k[8] = {
    {370000301, T0, 35.5, 123.6, 45, 0.8, 180, {{0, 6 * H}}},
    {352000101, T0, 0, 0, 0, 0, 60, {{0, 5 * H}, {77 * H, 79 * H}}},
    {412000001, T0, 33.0, 124.0, 270, 0.5, 30, {{0, 3 * H}}},
    {412000002, T0, 0, 0, 270, 0.5, 30, {{0, 3 * H}}},
    {413000001, T0, 32.0, 123.0, 0, 10, 60, {{6 * H, 14 * H}}},
    {413000002, T0, 32.2, 123.0, 0, 10, 60, {{10 * H, 15 * H}}},
    {413000003, T0, 32.4, 123.0, 0, 10, 60, {{11 * H, 16 * H}}},
    CLOCK(80 * H),
  };
  evlog g0, g1, g2;
  idt_aisev_stats st;
  int pass;
  idt_geo_dest(38.716667, 125.4, 250, 1000, &la, &lo);   /* 1 km from Nampo */
  k[1].lat = la;
  k[1].lon = lo;
  idt_geo_dest(33.0, 124.0, 0, 300, &k[3].lat, &k[3].lon);
  CHECK(p != NULL);
  for (pass = 0; pass < 3; pass++) {
    evlog *g = pass == 0 ? &g0 : pass == 1 ? &g1 : &g2;
    idt_aisev *d = det(g, p, pass == 0 ? 0 : pass == 1 ? 1 : 48, NULL, 0);
    int before[IDT_AEV_NTYPES];
    CHECK(d != NULL);
    if (!d)
      return;
    play(d, k, 8, T0, T0 + 76 * H);
    memcpy(before, g->n_type, sizeof before);
    play(d, k, 8, T0 + 76 * H + 1, T0 + 80 * H);
    CHECK_OK(idt_aisev_finish(d));
    idt_aisev_get_stats(d, &st);
    tap_diag("idle %d h: events %zu, active max %llu, slots %llu, evicted %llu, "
             "returned %llu", pass == 0 ? 0 : pass == 1 ? 1 : 48, g->n, st.active_max,
             st.slots, st.evicted, st.revived);
    CHECK_INT(g->n_type[IDT_AEV_ENCOUNTER], 1);
    CHECK(fabs(g->last[IDT_AEV_ENCOUNTER].hours - 3.0) < 0.2);
    CHECK_INT(g->last[IDT_AEV_ENCOUNTER].v[0].mmsi, 412000001);
    CHECK_INT(g->last[IDT_AEV_ENCOUNTER].v[1].mmsi, 412000002);
    CHECK_INT(g->n_type[IDT_AEV_LOITER], 1);
    CHECK(fabs(g->last[IDT_AEV_LOITER].hours - 6.0) < 0.1);
    CHECK(g->last[IDT_AEV_LOITER].open);
    if (pass) {
      /* emitted at the eviction, long before the end of input */
      CHECK_INT(before[IDT_AEV_LOITER], 1);
      CHECK(st.evicted >= 7);
      if (pass == 1)
        CHECK(st.slots < 8);        /* N reused freed slots */
      /* P: the visit closed at eviction (open) and a new one on return */
      CHECK_INT(g->n_type[IDT_AEV_PORT], 2);
      CHECK_INT(before[IDT_AEV_PORT], 1);
      CHECK_INT(g->n_type[IDT_AEV_GAP], 1);   /* P's 72 h */
      CHECK(fabs(g->last[IDT_AEV_GAP].hours - 72.0) < 1e-9);
    } else {
      CHECK_INT(before[IDT_AEV_LOITER], 0);
      CHECK_INT(g->n_type[IDT_AEV_PORT], 1);  /* one visit across the silence */
      CHECK_INT(st.slots, 8);
    }
    idt_aisev_free(d);
  }
  /* idle 1 h and 48 h give the same events (the evictions differ only in
   * when, never in what), encounters and loitering as without eviction */
  CHECK(same_events(&g1, &g2));
  log_free(&g0);
  log_free(&g1);
  log_free(&g2);
  idt_aisev_places_free(p);
}

/* ---- a month of vessels coming and going ---- */

#define NV 10000
#define SPACING 259          /* 30 days / 10,000 vessels, seconds */

static uint32_t imo_of(unsigned k)
{
  /* a valid IMO (check digit: digits 1-6 weighted 7..2, sum mod 10) */
  uint32_t b = 900000 + k % 100000, s = 0, x = b, w = 2;
  while (x) {
    s += (x % 10) * w++;
    x /= 10;
  }
  return b * 10 + s % 10;
}

/* Vessel k (start k * SPACING): most sail an hour; every 100th pair meets
 * for 3 h, every 100th loiters 5 h, one stops in port, one goes dark 10 h
 * and comes back; every 1000th takes the IMO of the vessel 1000 earlier
 * (dormant by then). */
static void month_track(unsigned k, track *t)
{
  double lat = 20.0 + (k % 97) * 0.15, lon = 125.0 + (k % 89) * 0.15;
  memset(t, 0, sizeof *t);
  t->mmsi = 200000000u + k;
  t->t0 = T0 + (int64_t)k * SPACING;
  t->lat = lat;
  t->lon = lon;
  t->brg = (k * 37) % 360;
  t->kn = 11;
  t->dt = 120;
  t->on[0][1] = H;
  switch (k % 100) {
  case 0: case 1:             /* pair k, k+1: 300 m apart, 0.5 kn, 3 h */
    t->t0 = T0 + (int64_t)(k - k % 100) * SPACING + 30;
    t->lat = 20.0 + (k / 100 % 97) * 0.15;
    t->lon = 150.0;
    if (k % 100)
      idt_geo_dest(t->lat, t->lon, 0, 300, &t->lat, &t->lon);
    t->brg = 270;
    t->kn = 0.5;
    t->dt = 60;
    t->on[0][1] = 3 * H;
    break;
  case 50:                    /* loitering 5 h */
    t->kn = 0.6;
    t->dt = 300;
    t->on[0][1] = 5 * H;
    break;
  case 25:                    /* stopped in Shanghai 2 h */
    idt_geo_dest(31.216667, 121.5, 90, 1000, &t->lat, &t->lon);
    t->kn = 0;
    t->on[0][1] = 2 * H;
    break;
  case 60:                    /* dark 10 h, then on */
    t->on[1][0] = 11 * H;
    t->on[1][1] = 12 * H;
    break;
  }
}

typedef struct tick { int64_t t; uint32_t k, kind; } tick;

static int cmptick(const void *a, const void *b)
{
  const tick *x = a, *y = b;
  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  if (x->k != y->k)
    return x->k < y->k ? -1 : 1;
  return x->kind < y->kind ? -1 : x->kind > y->kind;
}

/* Every message of the month in time order (kind 0 position, 1 the first
 * static, 2 the static taking an older vessel's IMO); NULL on ENOMEM. */
static tick *month_ticks(track *tr, size_t *n)
{
  size_t cap = 1 << 19, m = 0;
  tick *tk = malloc(cap * sizeof *tk);
  unsigned k;
  int i;
  if (!tk)
    return NULL;
  for (k = 0; k < NV; k++) {
    month_track(k, &tr[k]);
    for (i = 0; i < 4; i++) {
      int64_t t;
      for (t = tr[k].on[i][0]; t < tr[k].on[i][1] + 1 && tr[k].on[i][1]; t += tr[k].dt) {
        if (m + 2 >= cap) {
          tick *nt = realloc(tk, (cap *= 2) * sizeof *tk);
          if (!nt) {
            free(tk);
            return NULL;
          }
          tk = nt;
        }
        tk[m++] = (tick){tr[k].t0 + t, k, 0};
      }
    }
    if (k % 1000 == 500) {
      tk[m++] = (tick){tr[k].t0 + 30, k, 1};
      if (k >= 1000)
        tk[m++] = (tick){tr[k].t0 + 60, k, 2};
    }
  }
  qsort(tk, m, sizeof *tk, cmptick);
  *n = m;
  return tk;
}

static void month(idt_aisev *d, const track *tr, const tick *tk, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++) {
    const track *t = &tr[tk[i].k];
    double la, lo;
    if (tk[i].kind == 1)
      idt_aisev_static(d, t->mmsi, tk[i].t, imo_of(tk[i].k), "FIRST");
    else if (tk[i].kind == 2)
      idt_aisev_static(d, t->mmsi, tk[i].t, imo_of(tk[i].k - 1000), "RENAMED");
    else if (track_at(t, tk[i].t, &la, &lo))
      idt_aisev_position(d, t->mmsi, tk[i].t, la, lo, t->kn);
  }
}

TEST(month_of_vessels)
{
  idt_aisev_places *p = places();
  track *tr = calloc(NV, sizeof *tr);
  tick *tk = NULL;
  size_t ntk = 0;
  evlog g0, g1;
  idt_aisev_stats s0, s1;
  idt_aisev *d;
  CHECK(p && tr);
  if (!p || !tr || !(tk = month_ticks(tr, &ntk))) {
    CHECK(0);
    return;
  }
  d = det(&g0, p, 0, NULL, 0);
  CHECK(d != NULL);
  month(d, tr, tk, ntk);
  CHECK_OK(idt_aisev_finish(d));
  idt_aisev_get_stats(d, &s0);
  idt_aisev_free(d);
  d = det(&g1, p, 48, NULL, 0);
  CHECK(d != NULL);
  month(d, tr, tk, ntk);
  CHECK_OK(idt_aisev_finish(d));
  idt_aisev_get_stats(d, &s1);
  idt_aisev_free(d);
  tap_diag("never evict: %llu positions, %llu vessels, %llu slots, state max %.2f MB",
           s0.positions, s0.vessels, s0.slots, s0.state_bytes_max / 1e6);
  tap_diag("idle 48 h: active max %llu, %llu slots, dormant %llu at end, evicted %llu, "
           "state max %.2f MB", s1.active_max, s1.slots, s1.dormant, s1.evicted,
           s1.state_bytes_max / 1e6);
  tap_diag("events: %zu (gap %d, encounter %d, loitering %d, port %d, identity %d)",
           g1.n, g1.n_type[IDT_AEV_GAP], g1.n_type[IDT_AEV_ENCOUNTER],
           g1.n_type[IDT_AEV_LOITER], g1.n_type[IDT_AEV_PORT], g1.n_type[IDT_AEV_IDENTITY]);
  CHECK_INT(s0.vessels, NV);
  CHECK_INT(s1.vessels, NV);
  CHECK_INT(s0.slots, NV);
  /* a vessel holds its slot for its hour, 48 h of silence and up to an
   * hour to the next sweep: 50 h of arrivals every 259 s is 695 (plus the
   * few longer tracks): the slots follow the vessels heard lately, not
   * the 10,000 */
  CHECK(s1.active_max <= 50 * H / SPACING + 20);
  CHECK(s1.slots <= s1.active_max + 8);
  CHECK(s1.evicted >= NV - s1.active_max);
  CHECK_INT(s1.dormant + s1.active, NV);
  CHECK(s1.state_bytes_max * 5 < s0.state_bytes_max);
  /* every behaviour happened, and identically */
  CHECK_INT(g1.n_type[IDT_AEV_ENCOUNTER], NV / 100);
  CHECK_INT(g1.n_type[IDT_AEV_LOITER], NV / 100);
  CHECK_INT(g1.n_type[IDT_AEV_PORT], NV / 100);
  CHECK_INT(g1.n_type[IDT_AEV_GAP], NV / 100);
  CHECK_INT(g1.n_type[IDT_AEV_IDENTITY], NV / 1000 - 1);
  CHECK(same_events(&g0, &g1));
  log_free(&g0);
  log_free(&g1);
  free(tr);
  free(tk);
  idt_aisev_places_free(p);
}

TEST(options)
{
  idt_aisev_opts o = IDT_AISEV_OPTS_INIT;
  idt_aisev *d = NULL;
  CHECK_INT(o.version, 2);
  CHECK(o.idle_hours == 48);
  o.idle_hours = -1;
  CHECK_INT(idt_aisev_new(&d, &o, NULL, NULL, 0), IDT_EINVAL);
  o.idle_hours = NAN;
  CHECK_INT(idt_aisev_new(&d, &o, NULL, NULL, 0), IDT_EINVAL);
  /* a version-1 caller's struct ends before idle_hours: the default */
  o.idle_hours = -1;
  o.version = 1;
  CHECK_OK(idt_aisev_new(&d, &o, NULL, NULL, 0));
  idt_aisev_free(d);
}

int main(void)
{
  RUN(options);
  RUN(gap_after_eviction);
  RUN(evict_while_queued);
  RUN(identity_from_dormant);
  RUN(open_events_at_eviction);
  RUN(month_of_vessels);
  return tap_done();
}
