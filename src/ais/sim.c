/*
 * sim.c - the scenario simulator: scripted vessels (waypoint legs, speeds,
 * identity changes, dark periods) turned into the NMEA a receiver network
 * would deliver (ITU-R M.1371 reporting intervals by speed class, coast
 * stations vs satellite passes, position and speed noise, lost messages),
 * plus a ground-truth file of the events the script staged.
 *
 * Truth comes from the script, never from the generated messages: a gap is
 * a planned transmitter-off period, a port visit a planned stop within the
 * entry radius of a port, loitering a planned slow stretch far offshore, an
 * encounter a planned meeting. The detector sees only the noisy, lossy NMEA.
 * Reception gaps that the script did not plan (a vessel missed by several
 * satellite passes) are therefore false events by construction: that is the
 * point of counting false events per 1,000 vessel-days.
 *
 * Output order: a binary heap of per-vessel next-report times gives the
 * stream in time order, as a receiver network's merged feed would be.
 * Determinism: xoshiro256** seeded from --seed; same seed, same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ais/events_int.h"

typedef struct simport { const char *name, *iso3; double lat, lon; int anch; } simport;

/* World Port Index coordinates (GFW's WPI_ports.csv), the region's main
 * ports; anch marks the Chinese ports whose anchorages get waiting ships. */
static const simport ports[] = {
  {"DALIAN", "CHN", 38.916667, 121.666667, 1}, {"YINGKOU", "CHN", 40.683333, 122.233333, 0},
  {"DANDONG", "CHN", 39.816667, 124.15, 1},    {"LUSHUN", "CHN", 38.783333, 121.25, 0},
  {"TIANJIN XIN GANG", "CHN", 38.966667, 117.833333, 1},
  {"QINGDAO GANG", "CHN", 36.033333, 120.266667, 1}, {"YANTAI", "CHN", 37.55, 121.45, 1},
  {"WEIHAI", "CHN", 37.5, 122.1, 1},           {"RIZHAO", "CHN", 35.383333, 119.566667, 1},
  {"LIANYUNGANG", "CHN", 34.733333, 119.45, 1}, {"SHANGHAI", "CHN", 31.216667, 121.5, 1},
  {"NINGBO", "CHN", 29.883333, 121.55, 1},     {"ZHOUSHAN", "CHN", 30.0, 122.1, 0},
  {"LONGKOU GANG", "CHN", 37.633333, 120.283333, 0},
  {"INCHON", "KOR", 37.466667, 126.616667, 0}, {"PYEONGTAEK HANG", "KOR", 37.0, 126.8, 0},
  {"KUNSAN", "KOR", 35.983333, 126.616667, 0}, {"MOKPO", "KOR", 34.783333, 126.383333, 0},
  {"PUSAN", "KOR", 35.1, 129.033333, 0},       {"YOSU", "KOR", 34.733333, 127.75, 0},
  {"CHEJU HANG", "KOR", 33.516667, 126.533333, 0}, {"DAESAN HANG", "KOR", 37.016667, 126.4, 0},
  {"NAMPO", "PRK", 38.716667, 125.4, 0},
};
#define NPORTS (sizeof ports / sizeof ports[0])

typedef struct wp { double t, lat, lon; int moored; } wp;   /* t: seconds */
typedef struct ident { double from; uint32_t mmsi, imo; char name[21], call[8]; } ident;

typedef struct sv {
  int classb, kind;
  unsigned shiptype;
  wp *w;
  size_t nw, wcap, cur;
  double dark[4][2];
  int ndark;
  ident id[2];
  int nid;
  double inval[2];              /* invalid-position window, seconds */
  double next_pos, next_static;
  double sat_phase;
  double near_t, near_d;        /* cached distance to the nearest port */
  int alive;
  uint32_t *ci;                 /* truth candidates this vessel takes part in */
  size_t nci, cicap;
} sv;

/* A truth candidate: a behaviour the script staged, with what the delivered
 * messages of its vessel(s) show of it (see observable()). */
typedef struct cand {
  const char *type, *note;
  uint32_t mmsi, mmsi2;
  int32_t v[2];                 /* vessel indices; v[1] -1 for one vessel */
  double t0, t1, thr;           /* plan (seconds) and the type's threshold */
  int silence, staged;          /* silence: shown by the absence of fixes */
  int borderline;               /* plan within the detector's tolerance of
                                   a spatial threshold: ambiguous at best */
  double before[2], in0[2], in1[2], after[2]; /* delivered fix times */
} cand;

typedef struct sim {
  const idt_aisim_opts *o;
  idt__rng rng;
  sv *v;
  size_t nv, vcap;
  FILE *nmea, *truth;
  idt_aisim_stats *st;
  uint32_t next_mmsi, next_imo;
  unsigned seq;
  int io_err;
  cand *c;
  size_t nc, ccap;
} sim;

static double urand(sim *s, double a, double b) { return a + (b - a) * idt__rng_unif(&s->rng); }

static uint32_t make_imo(uint32_t six)
{
  uint32_t d[6], i, sum = 0, x = six;
  for (i = 0; i < 6; i++) {
    d[5 - i] = x % 10;
    x /= 10;
  }
  for (i = 0; i < 6; i++)
    sum += d[i] * (7 - i);
  return six * 10 + sum % 10;
}

static sv *new_vessel(sim *s, int kind, int classb, uint32_t mmsi, const char *name)
{
  sv *v;
  if (s->nv == s->vcap) {
    size_t cap = s->vcap ? s->vcap * 2 : 64;
    sv *nv = idt_realloc(s->v, cap * sizeof *nv);
    if (!nv)
      return NULL;
    s->v = nv;
    s->vcap = cap;
  }
  v = &s->v[s->nv++];
  memset(v, 0, sizeof *v);
  v->kind = kind;
  v->classb = classb;
  v->shiptype = classb ? 30 : 80;
  v->nid = 1;
  v->id[0].mmsi = mmsi;
  /* unique per vessel (3000000-3999999, apart from the staged 9xxxxxx):
   * a shared IMO is itself an identity event */
  v->id[0].imo = classb ? 0 : make_imo(300000 + s->next_imo++ % 100000);
  snprintf(v->id[0].name, sizeof v->id[0].name, "%s", name);
  snprintf(v->id[0].call, sizeof v->id[0].call, "S%06u", mmsi % 1000000);
  v->inval[0] = v->inval[1] = -1;
  v->sat_phase = urand(s, 0, s->o->sat_period_min * 60);
  v->near_t = -1e18;
  return v;
}

static int add_wp(sv *v, double t, double lat, double lon, int moored)
{
  if (v->nw == v->wcap) {
    size_t cap = v->wcap ? v->wcap * 2 : 8;
    wp *nw = idt_realloc(v->w, cap * sizeof *nw);
    if (!nw)
      return IDT_ENOMEM;
    v->w = nw;
    v->wcap = cap;
  }
  v->w[v->nw].t = t;
  v->w[v->nw].lat = lat;
  v->w[v->nw].lon = lon;
  v->w[v->nw].moored = moored;
  v->nw++;
  return 0;
}

/* Sail from the last waypoint to (lat,lon) at kn knots. */
static int go(sv *v, double lat, double lon, double kn)
{
  const wp *l = &v->w[v->nw - 1];
  double d = idt_geo_dist_m(l->lat, l->lon, lat, lon);
  return add_wp(v, l->t + d / (kn * IDT_NM_M / 3600.0), lat, lon, 0);
}

/* Stay (moored when moored) for h hours. */
static int stay(sv *v, double h, int moored)
{
  const wp *l = &v->w[v->nw - 1];
  v->w[v->nw - 1].moored = moored;
  return add_wp(v, l->t + h * 3600, l->lat, l->lon, moored);
}

/* Drift from the last waypoint on bearing brg at kn knots for h hours. */
static int drift(sv *v, double brg, double kn, double h)
{
  const wp *l = &v->w[v->nw - 1];
  double lat, lon;
  idt_geo_dest(l->lat, l->lon, brg, kn * IDT_NM_M * h, &lat, &lon);
  return add_wp(v, l->t + h * 3600, lat, lon, 0);
}

static double port_dist(double lat, double lon, const simport **np)
{
  size_t i;
  double best = HUGE_VAL;
  for (i = 0; i < NPORTS; i++) {
    double d = idt_geo_dist_m(lat, lon, ports[i].lat, ports[i].lon);
    if (d < best) {
      best = d;
      if (np)
        *np = &ports[i];
    }
  }
  return best;
}

/* Distance from shore as the detector measures it: the coastline when
 * the caller gave one (the CLI's default), else the nearest port. */
static double shore_dist(const sim *s, double lat, double lon)
{
  if (s->o->coast)
    return idt_aisev_coast_dist(s->o->coast, lat, lon);
  return port_dist(lat, lon, NULL);
}

/* ---- truth ---- */

/* The detector's default thresholds (include/interdict/aisevents.h): the
 * observability rule measures each candidate against the same numbers. */
static double type_thr(const char *type, int *silence)
{
  idt_aisev_opts d = IDT_AISEV_OPTS_INIT;
  *silence = !strcmp(type, "gap");
  if (*silence)
    return d.gap_hours * 3600;
  if (!strcmp(type, "loitering"))
    return d.loiter_hours * 3600;
  if (!strcmp(type, "encounter"))
    return d.enc_hours * 3600;
  return 0;
}

static int cand_link(sv *v, uint32_t ci)
{
  if (v->nci == v->cicap) {
    size_t cap = v->cicap ? v->cicap * 2 : 8;
    uint32_t *n = idt_realloc(v->ci, cap * sizeof *n);
    if (!n)
      return IDT_ENOMEM;
    v->ci = n;
    v->cicap = cap;
  }
  v->ci[v->nci++] = ci;
  return 0;
}

/* staged: scripted on purpose (the scenario's story); else incidental to
 * the background plans (a stop in port, two slow legs in a row offshore).
 * Records are written at the end (write_truth), once the delivered
 * messages are known. */
static int truth_x(sim *s, const char *type, sv *va, sv *vb, uint32_t mmsi, uint32_t mmsi2,
                   double a, double b, const char *note, int staged)
{
  cand *c;
  int k;
  if (!s->truth)
    return 0;
  if (s->nc == s->ccap) {
    size_t cap = s->ccap ? s->ccap * 2 : 256;
    cand *n = idt_realloc(s->c, cap * sizeof *n);
    if (!n)
      return IDT_ENOMEM;
    s->c = n;
    s->ccap = cap;
  }
  c = &s->c[s->nc];
  memset(c, 0, sizeof *c);
  c->type = type;
  c->note = note;
  c->mmsi = mmsi;
  c->mmsi2 = mmsi2;
  c->v[0] = (int32_t)(va - s->v);
  c->v[1] = vb && vb != va ? (int32_t)(vb - s->v) : -1;
  c->t0 = a;
  c->t1 = b;
  c->thr = type_thr(type, &c->silence);
  c->staged = staged;
  for (k = 0; k < 2; k++) {
    c->before[k] = c->in1[k] = -HUGE_VAL;
    c->in0[k] = c->after[k] = HUGE_VAL;
  }
  if (cand_link(va, (uint32_t)s->nc) || (c->v[1] >= 0 && cand_link(vb, (uint32_t)s->nc)))
    return IDT_ENOMEM;
  s->nc++;
  return 0;
}

static uint32_t mmsi_at(const sv *v, double t)
{
  return v->nid > 1 && t >= v->id[1].from ? v->id[1].mmsi : v->id[0].mmsi;
}

static int truth(sim *s, const char *type, sv *va, sv *vb, uint32_t mmsi, uint32_t mmsi2,
                 double a, double b, const char *note)
{
  return truth_x(s, type, va, vb, mmsi, mmsi2, a, b, note, 1);
}

/* A position of v was delivered at t: what it shows of v's candidates. */
static void cand_seen(sim *s, const sv *v, double t)
{
  size_t i;
  int32_t vi = (int32_t)(v - s->v);
  for (i = 0; i < v->nci; i++) {
    cand *c = &s->c[v->ci[i]];
    int k = c->v[0] == vi ? 0 : 1;
    if (t < c->t0) {
      if (t > c->before[k])
        c->before[k] = t;
    } else if (t > c->t1) {
      if (t < c->after[k])
        c->after[k] = t;
    } else {
      if (t < c->in0[k])
        c->in0[k] = t;
      if (t > c->in1[k])
        c->in1[k] = t;
    }
  }
}

/* The observability rule, one for every type (docs/design/events.md).
 * From the delivered positions of the event's vessel(s):
 *   shortest extent  what any detector must see: from the latest first to
 *                    the earliest last delivered fix inside the event (for
 *                    a gap, shown by silence: last fix before to first
 *                    after);
 *   longest extent   what a detector may see: from the latest last fix
 *                    before to the earliest first fix after.
 * observable (1): every vessel delivered a fix inside (a gap: the vessel
 * came back) and the shortest extent meets the type's threshold; for an
 * instant (start == end: a zone crossing, an identity change) a delivered
 * fix on either side, between which the change shows.
 * ambiguous (0): only the longest extent meets it (written with
 * "observable":false: neither recall nor precision counts it).
 * not labelled (-1): not even the longest extent meets it.
 * Each record also says whether the plan itself meets the threshold
 * ("planned_meets"), for the strict score that ignores observability. */
static int observable(const cand *c)
{
  int k, nk = c->v[1] >= 0 ? 2 : 1;
  double in0 = -HUGE_VAL, in1 = HUGE_VAL, bef = -HUGE_VAL, aft = HUGE_VAL, lo, hi;
  for (k = 0; k < nk; k++) {
    in0 = fmax(in0, c->in0[k]);
    in1 = fmin(in1, c->in1[k]);
    bef = fmax(bef, c->before[k]);
    aft = fmin(aft, c->after[k]);
  }
  if (c->t0 == c->t1 && !c->silence)
    return !isinf(bef) && !isinf(aft) ? 1 : 0;
  hi = aft - bef;
  lo = c->silence ? (isinf(aft) ? -HUGE_VAL : hi) : in1 - in0;
  if (lo >= c->thr)
    return c->borderline ? 0 : 1;
  return hi >= c->thr ? 0 : -1;
}

static void write_truth(sim *s)
{
  size_t i;
  for (i = 0; i < s->nc; i++) {
    const cand *c = &s->c[i];
    int ob = observable(c);
    if (ob < 0)
      continue;
    if (fprintf(s->truth, "{\"type\":\"%s\",\"mmsi\":%u,\"mmsi2\":%u,\"start\":%lld,"
                "\"end\":%lld,\"staged\":%s,\"observable\":%s,\"planned_meets\":%s,"
                "\"note\":\"%s\"}\n", c->type, c->mmsi, c->mmsi2,
                (long long)(s->o->start + (int64_t)c->t0),
                (long long)(s->o->start + (int64_t)c->t1), c->staged ? "true" : "false",
                ob ? "true" : "false", c->t1 - c->t0 >= c->thr ? "true" : "false", c->note) < 0)
      s->io_err = 1;
    s->st->truth++;
  }
}

/* A slow stretch over waypoints i..j: loitering truth when every waypoint
 * is >= 24 nm from shore (the detector's 20 nm with a margin for where
 * along the stretch it measures and for noise), ambiguous ("borderline")
 * when some waypoint is but not all, or all sit between 16 and 24 nm; none
 * when every waypoint is within 16 nm. The stretch is straight between
 * waypoints, so its ends bound where the detector measures. */
static int plan_loiter(sim *s, sv *v, size_t i, size_t j, double t0, double t1)
{
  double lo = HUGE_VAL, hi = 0, d;
  size_t k;
  cand *c;
  int rc;
  for (k = i; k <= j; k++) {
    d = shore_dist(s, v->w[k].lat, v->w[k].lon);
    lo = fmin(lo, d);
    hi = fmax(hi, d);
  }
  if (!s->truth || hi < 20 * IDT_NM_M * 0.8)
    return 0;
  if ((rc = truth_x(s, "loitering", v, NULL, mmsi_at(v, t0), 0, t0, t1,
                    "planned slow stretch offshore", v->kind == 9)))
    return rc;
  c = &s->c[s->nc - 1];
  c->borderline = lo < 20 * IDT_NM_M * 1.2;
  return 0;
}

/* Planned stops at ports and slow stretches offshore, from the legs. */
static int plan_truth(sim *s, sv *v, double horizon)
{
  size_t i, j;
  int rc = 0;
  for (i = 0; i + 1 < v->nw; i = j) {
    const wp *a = &v->w[i];
    double d = idt_geo_dist_m(a->lat, a->lon, v->w[i + 1].lat, v->w[i + 1].lon);
    double kn = d / IDT_NM_M / ((v->w[i + 1].t - a->t) / 3600.0);
    j = i + 1;
    if (a->t >= horizon)
      break;
    if (d < 1 && port_dist(a->lat, a->lon, NULL) < 3000 * 0.9)
      rc = truth_x(s, "port_visit", v, NULL, mmsi_at(v, a->t), 0, a->t, v->w[j].t,
                   "planned stop in port", v->kind == 9);
    else if (kn < 2) {
      double t0 = a->t, t1;
      while (j + 1 < v->nw) {
        double d2 = idt_geo_dist_m(v->w[j].lat, v->w[j].lon, v->w[j + 1].lat, v->w[j + 1].lon);
        if (d2 / IDT_NM_M / ((v->w[j + 1].t - v->w[j].t) / 3600.0) >= 2)
          break;
        j++;
      }
      t1 = v->w[j].t;
      /* every slow stretch offshore, however short: write_truth keeps
       * those the delivered messages can show as >= 4 h */
      rc = plan_loiter(s, v, i, j, t0, t1);
    }
    if (rc)
      return rc;
  }
  return 0;
}

static void pos_at(sv *v, double t, double *lat, double *lon, double *kn,
                   double *cog, int *moored)
{
  const wp *a, *b;
  double f, d;
  while (v->cur + 2 < v->nw && v->w[v->cur + 1].t <= t)
    v->cur++;
  a = &v->w[v->cur];
  b = &v->w[v->cur + 1 < v->nw ? v->cur + 1 : v->cur];
  if (b == a || b->t <= a->t) {
    *lat = a->lat; *lon = a->lon; *kn = 0; *cog = 0; *moored = a->moored;
    return;
  }
  f = (t - a->t) / (b->t - a->t);
  if (f < 0) f = 0;
  if (f > 1) f = 1;
  d = idt_geo_dist_m(a->lat, a->lon, b->lat, b->lon);
  idt_geo_dest(a->lat, a->lon, idt_geo_bearing(a->lat, a->lon, b->lat, b->lon),
               d * f, lat, lon);
  *kn = d / IDT_NM_M / ((b->t - a->t) / 3600.0);
  *cog = idt_geo_bearing(a->lat, a->lon, b->lat, b->lon);
  *moored = d < 1 && a->moored;
}

/* ITU-R M.1371-5 Table 1 (class A) and the class B SO intervals. */
static double interval(const sv *v, double kn, int moored)
{
  if (v->classb)
    return kn <= 2 ? 180 : 30;
  if (moored && kn < 3)
    return 180;
  if (kn <= 14)
    return 10;
  if (kn <= 23)
    return 6;
  return 2;
}

static int received(sim *s, sv *v, double t, double lat, double lon)
{
  const idt_aisim_opts *o = s->o;
  if (t - v->near_t > 600) {
    v->near_d = port_dist(lat, lon, NULL);
    v->near_t = t;
  }
  if (v->near_d <= o->terrestrial_nm * IDT_NM_M)
    return idt__rng_unif(&s->rng) >= o->drop;
  if (fmod(t + v->sat_phase, o->sat_period_min * 60) < o->sat_window_min * 60)
    return idt__rng_unif(&s->rng) < o->sat_receive;
  return 0;
}

static int dark(const sv *v, double t)
{
  int i;
  for (i = 0; i < v->ndark; i++)
    if (t >= v->dark[i][0] && t < v->dark[i][1])
      return 1;
  return 0;
}

static int emit(sim *s, const idt_ais_enc *m, double t)
{
  char line[600];
  int n = idt_ais_encode_nmea(m, s->o->start + (int64_t)floor(t), "sim",
                              (idt__rng_next(&s->rng) & 1) ? 'B' : 'A', s->seq++ % 10,
                              line, sizeof line);
  if (n < 0)
    return n;
  if (fwrite(line, 1, (size_t)n, s->nmea) != (size_t)n)
    s->io_err = 1;
  s->st->lines += n > 0;
  return 0;
}

/* One report of v at t: a position, or static data when it is due. */
static int report(sim *s, sv *v, double t, int is_static)
{
  double lat, lon, kn, cog, nlat, nlon;
  int moored, rc;
  const ident *id = &v->id[v->nid > 1 && t >= v->id[1].from ? 1 : 0];
  idt_ais_enc m;
  pos_at(v, t, &lat, &lon, &kn, &cog, &moored);
  if (is_static)
    v->next_static = t + 360 + urand(s, -5, 5);
  else
    v->next_pos = t + interval(v, kn, moored) * urand(s, 0.97, 1.03);
  if (dark(v, t) || !received(s, v, t, lat, lon))
    return 0;
  memset(&m, 0, sizeof m);
  m.mmsi = id->mmsi;
  m.heading = -1;
  if (is_static) {
    m.imo = id->imo;
    m.name = id->name;
    m.callsign = id->call;
    m.shiptype = v->shiptype;
    m.to_bow = 100; m.to_stern = 20; m.to_port = 10; m.to_starboard = 10;
    if (v->classb) {
      m.type = 24;
      if ((rc = emit(s, &m, t)))
        return rc;
      m.part = 1;
    } else {
      m.type = 5;
      m.destination = "";
    }
    s->st->statics++;
    return emit(s, &m, t);
  }
  idt_geo_dest(lat, lon, urand(s, 0, 360), fabs(idt__rng_norm(&s->rng)) * s->o->noise_m,
               &nlat, &nlon);
  m.type = v->classb ? 18 : 1;
  m.status = moored ? (v->kind == 2 ? 1u : 5u) : 0u;
  m.lat = nlat;
  m.lon = nlon;
  if (t >= v->inval[0] && t < v->inval[1])
    m.lat = m.lon = NAN;
  m.sog = fmax(0, kn + idt__rng_norm(&s->rng) * (kn < 1 ? 0.05 : 0.1));
  m.cog = kn < 0.3 ? urand(s, 0, 360) : fmod(cog + idt__rng_norm(&s->rng) * 2 + 360, 360);
  m.heading = (int)fmod(round(cog), 360);
  m.second = (unsigned)((s->o->start + (int64_t)t) % 60);
  s->st->positions++;
  if (v->nci)
    cand_seen(s, v, t);
  return emit(s, &m, t);
}

/* ---- the heap ---- */

typedef struct hent { double t; uint32_t v; int is_static; } hent;

static void hpush(hent *h, size_t *n, hent e)
{
  size_t i = (*n)++;
  while (i) {
    size_t p = (i - 1) / 2;
    if (h[p].t <= e.t)
      break;
    h[i] = h[p];
    i = p;
  }
  h[i] = e;
}

static hent hpop(hent *h, size_t *n)
{
  hent top = h[0], last = h[--*n];
  size_t i = 0;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= *n)
      break;
    if (c + 1 < *n && h[c + 1].t < h[c].t)
      c++;
    if (h[c].t >= last.t)
      break;
    h[i] = h[c];
    i = c;
  }
  if (*n)
    h[i] = last;
  return top;
}

/* ---- scenarios ---- */

static const simport *rand_port(sim *s, int anch_only)
{
  for (;;) {
    const simport *p = &ports[idt__rng_next(&s->rng) % NPORTS];
    if (!strcmp(p->iso3, "PRK"))
      continue;
    if (!anch_only || p->anch)
      return p;
  }
}

static int merchant(sim *s, sv *v, double hours, double kn_lo, double kn_hi)
{
  const simport *p = rand_port(s, 0), *q;
  double la, lo, end = hours * 3600;
  int rc;
  idt_geo_dest(p->lat, p->lon, urand(s, 0, 360), urand(s, 0, 900), &la, &lo);
  if ((rc = add_wp(v, urand(s, -3600, 0), la, lo, 1)) ||
      (rc = stay(v, urand(s, 1, 10), 1)))
    return rc;
  while (v->w[v->nw - 1].t < end) {
    double kn = urand(s, kn_lo, kn_hi), ola, olo;
    do
      q = rand_port(s, 0);
    while (q == p || idt_geo_dist_m(p->lat, p->lon, q->lat, q->lon) < 150000);
    /* Out of the port, then across: straight legs (no land mask here). */
    idt_geo_dest(p->lat, p->lon, idt_geo_bearing(p->lat, p->lon, q->lat, q->lon),
                 12000, &ola, &olo);
    if ((rc = go(v, ola, olo, 8)) )
      return rc;
    idt_geo_dest(q->lat, q->lon, urand(s, 0, 360), urand(s, 0, 900), &la, &lo);
    if ((rc = go(v, la, lo, kn)) || (rc = stay(v, urand(s, 4, 14), 1)))
      return rc;
    p = q;
  }
  return 0;
}

static int fishing(sim *s, sv *v, double hours)
{
  double la, lo, end = hours * 3600;
  int rc;
  do {
    la = urand(s, 31.5, 37.0);
    lo = urand(s, 121.8, 125.0);
  } while (port_dist(la, lo, NULL) < 30 * IDT_NM_M);
  if ((rc = add_wp(v, urand(s, -3600, 0), la, lo, 0)))
    return rc;
  while (v->w[v->nw - 1].t < end) {
    /* Trawling at 2.5-4.5 kn, now and then hauling nets at 0.5-1.5 kn for
     * 1-3 h (shorter than the loitering threshold). */
    if (idt__rng_unif(&s->rng) < 0.2)
      rc = drift(v, urand(s, 0, 360), urand(s, 0.5, 1.5), urand(s, 1, 3));
    else
      rc = drift(v, urand(s, 0, 360), urand(s, 2.6, 4.5), urand(s, 1, 3));
    if (rc)
      return rc;
  }
  return 0;
}

static int background(sim *s, double hours)
{
  unsigned i;
  int rc;
  for (i = 0; i < s->o->vessels; i++) {
    double r = idt__rng_unif(&s->rng);
    char name[24];
    sv *v;
    if (r < 0.20) {
      /* A cluster of 2-4 ships at anchor 5-8 km off a Chinese port. */
      const simport *p = rand_port(s, 1);
      double cla, clo, brg = urand(s, 0, 360), dist = urand(s, 5000, 8000);
      unsigned k, n = 2 + (unsigned)(idt__rng_next(&s->rng) % 3);
      idt_geo_dest(p->lat, p->lon, brg, dist, &cla, &clo);
      for (k = 0; k < n && i < s->o->vessels; k++, i++) {
        double la, lo;
        snprintf(name, sizeof name, "ANCHOR %u", i);
        if (!(v = new_vessel(s, 2, 0, 413000000 + s->next_mmsi++, name)))
          return IDT_ENOMEM;
        idt_geo_dest(cla, clo, urand(s, 0, 360), urand(s, 0, 350), &la, &lo);
        if ((rc = add_wp(v, urand(s, -3600, 0), la, lo, 1)) ||
            (rc = add_wp(v, hours * 3600 + 3600, la, lo, 1)))
          return rc;
      }
      i--;
      continue;
    }
    if (r < 0.45) {
      snprintf(name, sizeof name, "FISHING %u", i);
      if (!(v = new_vessel(s, 1, 1, 412000000 + s->next_mmsi++, name)))
        return IDT_ENOMEM;
      rc = fishing(s, v, hours);
    } else if (r < 0.85) {
      snprintf(name, sizeof name, "CARGO %u", i);
      if (!(v = new_vessel(s, 0, 0, (r < 0.65 ? 413000000 : 440000000) + s->next_mmsi++, name)))
        return IDT_ENOMEM;
      v->shiptype = 70;
      rc = merchant(s, v, hours, 9, 14);
    } else {
      snprintf(name, sizeof name, "EXPRESS %u", i);
      if (!(v = new_vessel(s, 0, 0, 477000000 + s->next_mmsi++, name)))
        return IDT_ENOMEM;
      v->shiptype = 60;
      rc = merchant(s, v, hours, 16, 22);
    }
    if (rc)
      return rc;
  }
  return 0;
}

#define H 3600.0

/* The DPRK scenario (docs/cli/ais-simulate.md tells the story). */
static int dprk(sim *s, double hours)
{
  sv *a, *b, *c, *d1, *d2, *e, *g, *h;
  double nla = 38.716667, nlo = 125.4, ela, elo, t;
  int rc;
  if (hours < 48)
    return idt_error_set(IDT_EINVAL, "scenario dprk needs --hours >= 48");
  /* A: DPRK-linked tanker. */
  if (!(a = new_vessel(s, 9, 0, 352000101, "OCEAN GRACE")))
    return IDT_ENOMEM;
  a->shiptype = 80;
  a->id[0].imo = make_imo(918273);
  a->nid = 2;
  a->id[1] = a->id[0];
  a->id[1].mmsi = 667001234;                      /* Sierra Leone MID */
  snprintf(a->id[1].name, sizeof a->id[1].name, "SEA STAR 7");
  snprintf(a->id[1].call, sizeof a->id[1].call, "9LX77");
  idt_geo_dest(nla, nlo, 250, 6000, &ela, &elo);  /* 6 km WSW of Nampo */
  if ((rc = add_wp(a, -600, 38.60, 122.60, 0)) || (rc = go(a, 38.95, 123.80, 11)))
    return rc;
  t = a->w[a->nw - 1].t;
  a->dark[0][0] = t;
  a->dark[0][1] = t + 14 * H;
  a->ndark = 1;
  if ((rc = add_wp(a, t + 14 * H, 38.85, 124.60, 0)) ||
      (rc = go(a, ela, elo, 9)))
    return rc;
  t = a->w[a->nw - 1].t;
  if ((rc = add_wp(a, t + 0.25 * H, ela, elo, 0)))
    return rc;
  t += 0.25 * H;                                   /* meeting starts */
  if ((rc = drift(a, 270, 0.5, 3)))
    return rc;
  if ((rc = truth(s, "gap", a, NULL, a->id[0].mmsi, 0, a->dark[0][0], a->dark[0][1],
                  "14 h dark in Korea Bay")))
    return rc;
  /* B: the other tanker, 300 m north of A, same drift. */
  if (!(b = new_vessel(s, 9, 0, 445000201, "PAEK MA 3")))
    return IDT_ENOMEM;
  b->shiptype = 80;
  {
    double bla, blo, xla, xlo;
    idt_geo_dest(ela, elo, 0, 300, &bla, &blo);
    if ((rc = add_wp(b, t - 5 * H, 37.90, 124.90, 0)) || (rc = go(b, bla, blo, 10)))
      return rc;
    b->w[b->nw - 1].t = t;                         /* arrive on time */
    b->w[b->nw - 2].t = t - 5 * H;
    if ((rc = drift(b, 270, 0.5, 3)) || (rc = go(b, 38.50, 125.00, 10)))
      return rc;
    b->dark[0][0] = b->w[b->nw - 1].t;
    b->dark[0][1] = b->dark[0][0] + 8 * H;
    b->ndark = 1;
    if ((rc = go(b, 38.20, 124.60, 3)))
      return rc;
    b->w[b->nw - 1].t = b->dark[0][1];
    idt_geo_dest(38.20, 124.60, 200, 300000, &xla, &xlo);
    if ((rc = go(b, xla, xlo, 10)))
      return rc;
    if ((rc = truth(s, "gap", b, NULL, b->id[0].mmsi, 0, b->dark[0][0], b->dark[0][1],
                    "8 h dark near Nampo")))
      return rc;
  }
  if ((rc = truth(s, "encounter", a, b, a->id[0].mmsi, b->id[0].mmsi, t, t + 3 * H,
                  "3 h at 0.5 kn, 300 m apart, 6 km off Nampo")))
    return rc;
  /* A calls at Nampo, then leaves under a new identity. */
  {
    double pla, plo;
    idt_geo_dest(nla, nlo, 180, 500, &pla, &plo);
    if ((rc = go(a, pla, plo, 6)) || (rc = stay(a, 9, 1)) ||
        (rc = go(a, 38.60, 124.90, 10)))
      return rc;
    a->id[1].from = a->w[a->nw - 1].t;
    if ((rc = truth(s, "identity_change", a, NULL, a->id[0].mmsi, a->id[1].mmsi,
                    a->id[1].from, a->id[1].from, "same IMO, new MMSI, name and flag")))
      return rc;
    if ((rc = go(a, 37.00, 122.90, 11)) || (rc = drift(a, 200, 11, hours)))
      return rc;
  }
  /* C: loiters 7 h in the middle of the Yellow Sea. */
  if (!(c = new_vessel(s, 9, 0, 370000301, "DRIFTER ONE")))
    return IDT_ENOMEM;
  if ((rc = add_wp(c, -600, 34.80, 122.90, 0)) || (rc = go(c, 35.50, 123.60, 11)))
    return rc;
  c->w[c->nw - 1].t = 10 * H;
  c->w[c->nw - 2].t = 10 * H - idt_geo_dist_m(34.8, 122.9, 35.5, 123.6) / (11 * IDT_NM_M / H);
  if ((rc = drift(c, 45, 0.8, 7)) || (rc = go(c, 37.30, 123.80, 11)) ||
      (rc = drift(c, 30, 11, hours)))
    return rc;
  /* D1/D2: two ships broadcasting one MMSI, 12-18 h. */
  if (!(d1 = new_vessel(s, 9, 0, 413999111, "TWIN")) ||
      !(d2 = new_vessel(s, 9, 0, 413999111, "TWIN")))
    return IDT_ENOMEM;
  d2->id[0].imo = d1->id[0].imo;
  if ((rc = add_wp(d1, -600, 31.0, 122.5, 0)) || (rc = drift(d1, 90, 10, hours + 1)) ||
      (rc = add_wp(d2, -600, 35.8, 120.8, 0)) || (rc = drift(d2, 90, 10, hours + 1)))
    return rc;
  d2->dark[0][0] = -H;
  d2->dark[0][1] = 12 * H;
  d2->dark[1][0] = 18 * H;
  d2->dark[1][1] = hours * H + H;
  d2->ndark = 2;
  if ((rc = truth(s, "spoofing", d1, d2, 413999111, 0, 12 * H, 18 * H,
                  "one MMSI, two ships 550 km apart")))
    return rc;
  /* E: sends 91/181 for 2 h. */
  if (!(e = new_vessel(s, 9, 0, 412000501, "NO FIX")))
    return IDT_ENOMEM;
  if ((rc = add_wp(e, -600, 36.0, 121.0, 0)) || (rc = drift(e, 120, 9, hours + 1)))
    return rc;
  e->inval[0] = 20 * H;
  e->inval[1] = 22 * H;
  if ((rc = truth(s, "invalid_position", e, NULL, e->id[0].mmsi, 0, 20 * H, 22 * H,
                  "lat 91 lon 181")))
    return rc;
  /* G: 13 h dark far offshore in the East China Sea; H: 7 h dark. */
  if (!(g = new_vessel(s, 9, 0, 356000701, "FAR DARK")) ||
      !(h = new_vessel(s, 9, 0, 356000801, "SHORT DARK")))
    return IDT_ENOMEM;
  if ((rc = add_wp(g, -600, 30.5, 124.0, 0)) || (rc = drift(g, 60, 8, hours + 1)) ||
      (rc = add_wp(h, -600, 33.5, 122.5, 0)) || (rc = drift(h, 20, 8, hours + 1)))
    return rc;
  g->dark[0][0] = 20 * H;
  g->dark[0][1] = 33 * H;
  g->ndark = 1;
  h->dark[0][0] = 10 * H;
  h->dark[0][1] = 17 * H;
  h->ndark = 1;
  if ((rc = truth(s, "gap", g, NULL, g->id[0].mmsi, 0, 20 * H, 33 * H, "13 h dark offshore")))
    return rc;
  return truth(s, "gap", h, NULL, h->id[0].mmsi, 0, 10 * H, 17 * H, "7 h dark offshore");
}

/* A fishing boat crossing into and out of the first user zone, when there
 * is one: straight at the zone's bounding-box centre and back. */
static int zone_crossing(sim *s, double hours)
{
  const idt_aisev_places *z = s->o->zones;
  sv *f;
  double la0 = 38.3, lo0 = 131.0, la1 = 39.3, lo1 = 129.6, t, prev = -1;
  size_t zi;
  int rc, in0;
  if (!z || !idt_aisev_places_nzones(z))
    return 0;
  if (!(f = new_vessel(s, 9, 0, 412000601, "ZONE RUNNER")))
    return IDT_ENOMEM;
  if ((rc = add_wp(f, 2 * H, la0, lo0, 0)) || (rc = go(f, la1, lo1, 8)) ||
      (rc = drift(f, 200, 3, 3)) || (rc = go(f, la0, lo0, 8)) ||
      (rc = drift(f, 90, 8, hours)))
    return rc;
  for (zi = 0; zi < idt_aisev_places_nzones(z); zi++) {
    f->cur = 0;
    in0 = -1;
    for (t = f->w[0].t; t < hours * H && t <= f->w[f->nw - 1].t; t += 30) {
      double la, lo, kn, cog;
      int m, in;
      pos_at(f, t, &la, &lo, &kn, &cog, &m);
      in = idt_aisev_places_in_zone(z, zi, la, lo);
      if (in0 >= 0 && in != in0 &&
          (rc = truth(s, in ? "zone_entry" : "zone_exit", f, NULL, f->id[0].mmsi, 0, t, t,
                      idt_aisev_places_zone_name(z, zi))))
        return rc;
      in0 = in;
      prev = t;
    }
  }
  (void)prev;
  f->cur = 0;
  return 0;
}

int idt_aisim_run(const idt_aisim_opts *o, FILE *nmea, FILE *truthf,
                  idt_aisim_stats *st)
{
  sim s;
  idt_aisim_stats dummy;
  hent *heap = NULL;
  size_t nh = 0, i;
  double end;
  int rc = 0;
  memset(&s, 0, sizeof s);
  if (!st)
    st = &dummy;
  memset(st, 0, sizeof *st);
  s.o = o;
  s.nmea = nmea;
  s.truth = truthf;
  s.st = st;
  s.next_mmsi = 100000;
  idt__rng_seed(&s.rng, o->seed);
  end = o->hours * H;
  if (!o->scenario || !strcmp(o->scenario, "dprk"))
    rc = dprk(&s, o->hours);
  else if (strcmp(o->scenario, "background"))
    rc = idt_error_set(IDT_EINVAL, "unknown scenario '%s' (dprk, background)", o->scenario);
  if (!rc)
    rc = zone_crossing(&s, o->hours);
  if (!rc)
    rc = background(&s, o->hours);
  if (rc)
    goto out;
  if (!(heap = idt_malloc((2 * s.nv + 1) * sizeof *heap))) {
    rc = IDT_ENOMEM;
    goto out;
  }
  for (i = 0; i < s.nv; i++) {
    sv *v = &s.v[i];
    double t0 = v->w[0].t > 0 ? v->w[0].t : urand(&s, 0, 10);
    double last = v->w[v->nw - 1].t < end ? v->w[v->nw - 1].t : end;
    if ((rc = plan_truth(&s, v, end)))
      goto out;
    st->vessel_days += (last - (v->w[0].t > 0 ? v->w[0].t : 0)) / 86400.0;
    v->next_pos = t0;
    v->next_static = t0 + urand(&s, 0, 360);
    hpush(heap, &nh, (hent){v->next_pos, (uint32_t)i, 0});
    hpush(heap, &nh, (hent){v->next_static, (uint32_t)i, 1});
  }
  st->vessels = s.nv;
  while (nh && !s.io_err) {
    hent h = hpop(heap, &nh);
    sv *v = &s.v[h.v];
    if (h.t >= end || h.t > v->w[v->nw - 1].t)
      continue;
    if ((rc = report(&s, v, h.t, h.is_static)))
      goto out;
    hpush(heap, &nh, (hent){h.is_static ? v->next_static : v->next_pos, h.v, h.is_static});
  }
  if (s.truth && !s.io_err)
    write_truth(&s);
  if (s.truth && fprintf(s.truth, "{\"type\":\"meta\",\"vessels\":%llu,\"vessel_days\":%.3f,"
                         "\"seed\":%llu,\"scenario\":\"%s\"}\n", st->vessels, st->vessel_days,
                         (unsigned long long)o->seed, o->scenario ? o->scenario : "dprk") < 0)
    s.io_err = 1;
  if (s.io_err)
    rc = idt_error_set(IDT_EIO, "simulate: write error");
out:
  for (i = 0; i < s.nv; i++) {
    idt_free(s.v[i].w);
    idt_free(s.v[i].ci);
  }
  idt_free(s.v);
  idt_free(s.c);
  idt_free(heap);
  return rc;
}
