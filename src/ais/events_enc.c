/*
 * events_enc.c - encounters (possible ship-to-ship transfers), after GFW:
 * two vessels within 500 m for >= 2 h at a median speed < 2 kn, on tracks
 * resampled every 10 minutes without interpolating across gaps > 1 h,
 * encounters < 4 h apart merged, those within 10 km of an anchorage (here:
 * a port of the lists) dropped - except in DPRK waters (within
 * dprk_waters_nm of a DPRK port, which covers Nampo's Marine Import
 * Terminal and the Cho-do/Sok-do anchorages the UN Panel names) and inside
 * watch areas.
 *
 * Not O(n^2): resampled points go into 10-minute buckets (a ring); a bucket
 * is closed once the stream's newest time is max_lag + max_interp past it,
 * and its points are hashed into a grid of cells one encounter-distance
 * high (and 2.9x that wide, enough up to 70 degrees of latitude), so each
 * point is compared only with the points of its 3x3 neighbourhood. Pairs
 * close in a bucket keep a small state (the current run of consecutive
 * close buckets, a pending merged encounter, the speeds for the median and
 * the last samples of both tracks as evidence); pairs idle for longer than
 * the merge window are emitted or dropped and removed.
 * Rejected: sorting all positions by time first (not streaming) and an
 * R-tree per bucket (a uniform grid is simpler and as fast at this scale).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ais/events_int.h"

#define PEV 24                       /* evidence samples per side */

typedef struct span {
  int64_t start, end;
  float *spd;                        /* speeds of both vessels */
  size_t ns, cap;
  double sumlat, sumlon;
  unsigned n;
} span;

struct idt__pair {
  uint64_t key;                      /* owner a << 32 | owner b, a < b */
  int run_on;
  int64_t run_last;
  span run, pend;
  int has_pend;
  idt_aisev_fix ea[PEV], eb[PEV];    /* rings */
  unsigned en;
};

static uint64_t mix64(uint64_t x)
{
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

int idt__enc_init(idt_aisev *d)
{
  size_t i;
  d->res = (int64_t)(d->o.enc_resample_min * 60);
  if (d->res < 1)
    d->res = 1;
  d->nbk = (size_t)((d->o.max_lag_s + d->o.enc_max_interp_h * 3600) / (double)d->res) + 4;
  if (!(d->bk = idt_calloc(d->nbk, sizeof *d->bk)))
    return IDT_ENOMEM;
  for (i = 0; i < d->nbk; i++)
    d->bk[i].tb = -1;
  d->done_tb = INT64_MIN;
  return 0;
}

static void span_free(span *s)
{
  idt_free(s->spd);
  memset(s, 0, sizeof *s);
}

void idt__enc_free(idt_aisev *d)
{
  size_t i;
  for (i = 0; d->bk && i < d->nbk; i++)
    idt_free(d->bk[i].p);
  idt_free(d->bk);
  for (i = 0; i < d->npairs; i++) {
    span_free(&d->pairs[i].run);
    span_free(&d->pairs[i].pend);
  }
  idt_free(d->pairs);
  idt_free(d->phash);
  idt_free(d->gh);
  idt_free(d->gnext);
}

/* ---- pair table: dense array + linear-probing index (backward shift) ---- */

static int phash_rebuild(idt_aisev *d, size_t cap)
{
  uint32_t *h = idt_malloc(cap * sizeof *h);
  size_t i;
  if (!h)
    return IDT_ENOMEM;
  memset(h, 0xff, cap * sizeof *h);
  for (i = 0; i < d->npairs; i++) {
    size_t j = mix64(d->pairs[i].key) & (cap - 1);
    while (h[j] != UINT32_MAX)
      j = (j + 1) & (cap - 1);
    h[j] = (uint32_t)i;
  }
  idt_free(d->phash);
  d->phash = h;
  d->phcap = cap;
  return 0;
}

static size_t pslot(const idt_aisev *d, uint64_t key)
{
  size_t j = mix64(key) & (d->phcap - 1);
  while (d->phash[j] != UINT32_MAX && d->pairs[d->phash[j]].key != key)
    j = (j + 1) & (d->phcap - 1);
  return j;
}

static idt__pair *pair_get(idt_aisev *d, uint64_t key)
{
  size_t j;
  idt__pair *p;
  if ((d->npairs + 1) * 2 > d->phcap &&
      phash_rebuild(d, d->phcap ? d->phcap * 2 : 256))
    return NULL;
  j = pslot(d, key);
  if (d->phash[j] != UINT32_MAX)
    return &d->pairs[d->phash[j]];
  if (d->npairs == d->pcap) {
    size_t cap = d->pcap ? d->pcap * 2 : 64;
    idt__pair *np = idt_realloc(d->pairs, cap * sizeof *np);
    if (!np)
      return NULL;
    d->pairs = np;
    d->pcap = cap;
  }
  p = &d->pairs[d->npairs];
  memset(p, 0, sizeof *p);
  p->key = key;
  d->v[(key >> 32) / 2].npairs++;  /* pins both slots (eviction waits) */
  d->v[(key & 0xffffffffu) / 2].npairs++;
  d->phash[j] = (uint32_t)d->npairs++;
  if (d->npairs > d->st.pairs_open_max)
    d->st.pairs_open_max = d->npairs;
  return p;
}

static void pair_del(idt_aisev *d, size_t idx)
{
  size_t j = pslot(d, d->pairs[idx].key), k, last = d->npairs - 1;
  d->v[(d->pairs[idx].key >> 32) / 2].npairs--;
  d->v[(d->pairs[idx].key & 0xffffffffu) / 2].npairs--;
  span_free(&d->pairs[idx].run);
  span_free(&d->pairs[idx].pend);
  /* backward-shift deletion */
  d->phash[j] = UINT32_MAX;
  k = (j + 1) & (d->phcap - 1);
  while (d->phash[k] != UINT32_MAX) {
    size_t home = mix64(d->pairs[d->phash[k]].key) & (d->phcap - 1);
    if ((k > j && (home <= j || home > k)) || (k < j && (home <= j && home > k))) {
      d->phash[j] = d->phash[k];
      d->phash[k] = UINT32_MAX;
      j = k;
    }
    k = (k + 1) & (d->phcap - 1);
  }
  if (idx != last) {
    d->pairs[idx] = d->pairs[last];
    d->phash[pslot(d, d->pairs[idx].key)] = (uint32_t)idx;
  }
  d->npairs--;
}

static int span_add(span *s, float a, float b)
{
  if (s->ns + 2 > s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 32;
    float *n = idt_realloc(s->spd, cap * sizeof *n);
    if (!n)
      return IDT_ENOMEM;
    s->spd = n;
    s->cap = cap;
  }
  s->spd[s->ns++] = a;
  s->spd[s->ns++] = b;
  return 0;
}

static int cmpf(const void *a, const void *b)
{
  float x = *(const float *)a, y = *(const float *)b;
  return x < y ? -1 : x > y;
}

static double median(span *s)
{
  size_t n = 0, i;
  for (i = 0; i < s->ns; i++)
    if (!isnan(s->spd[i]))
      s->spd[n++] = s->spd[i];
  s->ns = n;
  if (!n)
    return NAN;
  qsort(s->spd, n, sizeof *s->spd, cmpf);
  return n % 2 ? s->spd[n / 2] : 0.5 * (s->spd[n / 2 - 1] + s->spd[n / 2]);
}

static int emit_pend(idt_aisev *d, idt__pair *p, int open)
{
  idt_aisev_event e;
  span *s = &p->pend;
  const idt__vessel *va = &d->v[(p->key >> 32) / 2], *vb = &d->v[(p->key & 0xffffffffu) / 2];
  const idt_aisev_port *port = NULL;
  double lat = s->sumlat / s->n, lon = s->sumlon / s->n, anch, dw;
  unsigned i, k;
  int watch;
  p->has_pend = 0;
  anch = d->pl ? idt_aisev_places_nearest(d->pl, lat, lon, &port) : HUGE_VAL;
  dw = d->pl ? idt_aisev_places_nearest_dprk(d->pl, lat, lon, NULL) : HUGE_VAL;
  watch = d->pl ? idt_aisev_places_in_watch(d->pl, lat, lon) : -1;
  if (anch < d->o.enc_anchorage_km * 1000 && dw > d->o.dprk_waters_nm * IDT_NM_M &&
      watch < 0) {
    d->st.enc_dropped_anchorage++;
    span_free(s);
    return 0;
  }
  memset(&e, 0, sizeof e);
  e.type = IDT_AEV_ENCOUNTER;
  e.why = d->why;
  idt__aisev_info(d, va, &e.v[0]);
  idt__aisev_info(d, vb, &e.v[1]);
  e.start = s->start;
  e.end = s->end;
  e.hours = (double)(s->end - s->start) / 3600.0;
  e.lat = lat;
  e.lon = lon;
  e.lat2 = e.lon2 = NAN;
  e.dist_nm = NAN;
  e.speed_kn = median(s);
  e.shore_nm = isinf(anch) ? NAN : anch / IDT_NM_M;
  e.place = port ? port->name : "";
  e.dprk = idt__aisev_dprk(d, lat, lon);
  e.count = s->n;
  e.open = open;
  snprintf(d->why, sizeof d->why, "within %.0f m for %.1f h (>= %.1f h) at median "
           "%.2f kn (< %.1f kn), %u samples every %.0f min%s", d->o.enc_dist_m, e.hours,
           d->o.enc_hours, e.speed_kn, d->o.enc_speed_kn, s->n, d->o.enc_resample_min,
           anch < d->o.enc_anchorage_km * 1000
               ? (watch >= 0 ? "; near an anchorage but inside a watch area: kept"
                             : "; near an anchorage but in DPRK waters: kept")
               : "");
  k = p->en < PEV ? p->en : PEV;
  for (i = 0; i < k; i++) {
    d->evbuf[i] = p->ea[(p->en - k + i) % PEV];
    d->evbuf2[i] = p->eb[(p->en - k + i) % PEV];
  }
  e.fixes = d->evbuf;
  e.nfixes = k;
  e.fixes2 = d->evbuf2;
  e.nfixes2 = k;
  if (va->mmsi > vb->mmsi) {
    /* the lower MMSI first: slots are reused after evictions, so slot
     * order would make the output depend on the history of memory */
    idt_aisev_vessel_info t = e.v[0];
    e.v[0] = e.v[1];
    e.v[1] = t;
    e.fixes = d->evbuf2;
    e.fixes2 = d->evbuf;
  }
  span_free(s);
  return idt__aisev_emit(d, &e);
}

/* The current run ended: keep it if it qualifies, merging with the
 * pending encounter when they are close in time. */
static int close_run(idt_aisev *d, idt__pair *p)
{
  span *r = &p->run;
  int rc;
  p->run_on = 0;
  if ((double)(r->end - r->start) < d->o.enc_hours * 3600 - 1 ||
      !(median(r) < d->o.enc_speed_kn)) {
    span_free(r);
    return 0;
  }
  d->st.enc_candidates++;
  if (p->has_pend &&
      (double)(r->start - p->pend.end) >= d->o.enc_merge_h * 3600 &&
      (rc = emit_pend(d, p, 0)))
    return rc;
  if (!p->has_pend) {
    p->pend = *r;
    memset(r, 0, sizeof *r);
    p->has_pend = 1;
    return 0;
  }
  {
    size_t i;
    for (i = 0; i + 1 < r->ns; i += 2)
      if ((rc = span_add(&p->pend, r->spd[i], r->spd[i + 1])))
        return rc;
    p->pend.end = r->end;
    p->pend.sumlat += r->sumlat;
    p->pend.sumlon += r->sumlon;
    p->pend.n += r->n;
  }
  span_free(r);
  return 0;
}

static int hit(idt_aisev *d, int64_t tb, const idt__rpt *a, const idt__rpt *b)
{
  uint64_t key;
  idt__pair *p;
  const idt__rpt *x = a, *y = b;
  if (a->owner > b->owner) {
    x = b;
    y = a;
  }
  key = (uint64_t)x->owner << 32 | y->owner;
  if (!(p = pair_get(d, key)))
    return IDT_ENOMEM;
  if (p->run_on && p->run_last == tb)
    return 0;                 /* the same pair twice in a bucket */
  if (p->run_on && p->run_last != tb - d->res) {
    int rc = close_run(d, p);
    if (rc)
      return rc;
  }
  if (!p->run_on) {
    p->run_on = 1;
    memset(&p->run, 0, sizeof p->run);
    p->run.start = tb;
  }
  p->run_last = tb;
  p->run.end = tb;
  p->run.sumlat += 0.5 * ((double)x->lat + y->lat);
  p->run.sumlon += 0.5 * ((double)x->lon + y->lon);
  p->run.n++;
  p->ea[p->en % PEV] = (idt_aisev_fix){tb, x->lat, x->lon, x->sog};
  p->eb[p->en % PEV] = (idt_aisev_fix){tb, y->lat, y->lon, y->sog};
  p->en++;
  return span_add(&p->run, x->sog, y->sog);
}

static int64_t cellkey(double lat, double lon, double h, int dy, int dx)
{
  int64_t cy = (int64_t)floor(lat / h) + dy, cx = (int64_t)floor(lon / (h * 2.92)) + dx;
  return cy * 1000003 + cx;
}

static int process(idt_aisev *d, idt__bucket *b)
{
  double h = d->o.enc_dist_m / 111195.0;
  size_t i, cap = 16, n = b->n;
  int rc = 0;
  while (cap < n * 2)
    cap *= 2;
  if (cap > d->ghcap) {
    idt_free(d->gh);
    if (!(d->gh = idt_malloc(cap * sizeof *d->gh)))
      return IDT_ENOMEM;
    d->ghcap = cap;
  }
  if (n > d->gncap) {
    idt_free(d->gnext);
    if (!(d->gnext = idt_malloc(n * sizeof *d->gnext)))
      return IDT_ENOMEM;
    d->gncap = n;
  }
  /* cell-key hash: slot -> first point index; chains via gnext; a slot
   * holds points of one cell key only (probing on collision). */
  memset(d->gh, 0xff, cap * sizeof *d->gh);
  for (i = 0; i < n && !rc; i++) {
    const idt__rpt *pi = &b->p[i];
    int dy, dx;
    for (dy = -1; dy <= 1 && !rc; dy++)
      for (dx = -1; dx <= 1 && !rc; dx++) {
        int64_t k = cellkey(pi->lat, pi->lon, h, dy, dx);
        size_t j = mix64((uint64_t)k) & (cap - 1);
        while (d->gh[j] != UINT32_MAX) {
          const idt__rpt *q = &b->p[d->gh[j]];
          if (cellkey(q->lat, q->lon, h, 0, 0) == k) {
            uint32_t m;
            for (m = d->gh[j]; m != UINT32_MAX; m = d->gnext[m]) {
              const idt__rpt *pm = &b->p[m];
              if (pm->owner / 2 != pi->owner / 2 &&
                  idt__fast_dist_m(pi->lat, pi->lon, pm->lat, pm->lon) <= d->o.enc_dist_m &&
                  (rc = hit(d, b->tb, pi, pm)))
                break;
            }
            break;
          }
          j = (j + 1) & (cap - 1);
        }
      }
    if (!rc) {
      int64_t k = cellkey(pi->lat, pi->lon, h, 0, 0);
      size_t j = mix64((uint64_t)k) & (cap - 1);
      while (d->gh[j] != UINT32_MAX && cellkey(b->p[d->gh[j]].lat, b->p[d->gh[j]].lon, h, 0, 0) != k)
        j = (j + 1) & (cap - 1);
      d->gnext[i] = d->gh[j];
      d->gh[j] = (uint32_t)i;
    }
  }
  if (rc)
    return rc;
  /* Runs not extended in this bucket end; idle pairs go. */
  for (i = d->npairs; i-- > 0;) {
    idt__pair *p = &d->pairs[i];
    if (p->run_on && p->run_last < b->tb && (rc = close_run(d, p)))
      return rc;
    if (!p->run_on && p->has_pend &&
        (double)(b->tb - p->pend.end) >= d->o.enc_merge_h * 3600 &&
        (rc = emit_pend(d, p, 0)))
      return rc;
    if (!p->run_on && !p->has_pend &&
        (double)(b->tb - p->run_last) >= d->o.enc_merge_h * 3600)
      pair_del(d, i);
  }
  d->done_tb = b->tb;
  b->n = 0;
  b->tb = -1;
  return 0;
}

int idt__enc_point(idt_aisev *d, uint32_t owner, int64_t tb, double lat,
                   double lon, double sog)
{
  idt__bucket *b;
  int rc;
  if (tb <= d->done_tb)
    return 0;                 /* too late: that bucket is closed */
  b = &d->bk[(size_t)((uint64_t)(tb / d->res) % d->nbk)];
  if (b->tb != tb) {
    if (b->tb >= 0) {
      /* An older bucket still open in this slot: the input is more out
       * of order than max_lag allows. Close the ring up to it. */
      int64_t t;
      for (t = d->done_tb == INT64_MIN ? b->tb : d->done_tb + d->res; t <= b->tb; t += d->res) {
        idt__bucket *x = &d->bk[(size_t)((uint64_t)(t / d->res) % d->nbk)];
        if (x->tb == t && (rc = process(d, x)))
          return rc;
      }
      if (tb <= d->done_tb)
        return 0;
    }
    b->tb = tb;
    b->n = 0;
  }
  if (b->n == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    idt__rpt *np = idt_realloc(b->p, cap * sizeof *np);
    if (!np)
      return IDT_ENOMEM;
    b->p = np;
    b->cap = cap;
  }
  b->p[b->n].owner = owner;
  b->p[b->n].lat = (float)lat;
  b->p[b->n].lon = (float)lon;
  b->p[b->n].sog = (float)sog;
  b->n++;
  return 0;
}

/* Close every bucket older than now - (max_lag + max_interp). */
int idt__enc_advance(idt_aisev *d, int64_t now)
{
  int64_t horizon = now - (int64_t)(d->o.max_lag_s + d->o.enc_max_interp_h * 3600);
  int64_t t = d->done_tb == INT64_MIN ? INT64_MIN : d->done_tb + d->res;
  size_t i;
  int rc;
  int64_t newest = INT64_MIN;
  for (i = 0; i < d->nbk; i++)
    if (d->bk[i].tb >= 0) {
      if (d->bk[i].tb > newest)
        newest = d->bk[i].tb;
      if (d->done_tb == INT64_MIN && (t == INT64_MIN || d->bk[i].tb < t))
        t = d->bk[i].tb;       /* first time: the oldest open bucket */
    }
  if (t == INT64_MIN || newest == INT64_MIN)
    return 0;
  if (horizon > newest)
    horizon = newest;          /* nothing to close past the newest point */
  for (; t <= horizon; t += d->res) {
    idt__bucket *b = &d->bk[(size_t)((uint64_t)(t / d->res) % d->nbk)];
    if (b->tb == t) {
      if ((rc = process(d, b)))
        return rc;
    } else if (b->tb < 0 || b->tb > t) {
      /* empty bucket: still ends runs */
      idt__bucket empty = {t, NULL, 0, 0};
      if ((rc = process(d, &empty)))
        return rc;
    }
  }
  return 0;
}

size_t idt__enc_bytes(const idt_aisev *d)
{
  size_t n = d->nbk * sizeof *d->bk + d->pcap * sizeof *d->pairs +
             d->phcap * sizeof *d->phash + d->ghcap * sizeof *d->gh +
             d->gncap * sizeof *d->gnext, i;
  for (i = 0; i < d->nbk; i++)
    n += d->bk[i].cap * sizeof *d->bk[i].p;
  for (i = 0; i < d->npairs; i++)
    n += (d->pairs[i].run.cap + d->pairs[i].pend.cap) * sizeof(float);
  return n;
}

int idt__enc_finish(idt_aisev *d)
{
  size_t i;
  int rc;
  if ((rc = idt__enc_advance(d, INT64_MAX / 4)))
    return rc;
  for (i = d->npairs; i-- > 0;) {
    idt__pair *p = &d->pairs[i];
    int was_on = p->run_on;
    if (p->run_on && (rc = close_run(d, p)))
      return rc;
    if (p->has_pend && (rc = emit_pend(d, p, was_on)))
      return rc;
  }
  return 0;
}
