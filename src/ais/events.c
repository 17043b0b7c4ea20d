/*
 * events.c - the per-vessel event detectors: gaps, loitering, port visits,
 * zone entry/exit, impossible speed, invalid positions, identity changes;
 * resampling for the encounter detector (events_enc.c).
 *
 * Streaming: each vessel keeps one small state (the last fix, a ring of
 * recent fix times and of evidence fixes, the open loitering run, port
 * visit and zone flags); nothing else of its history is kept, and a vessel
 * silent for idle_hours is reduced to a dormant record (evict, revive), so
 * memory follows the active vessels, not the positions nor every MMSI seen.
 *
 * Segments (after GFW's segmenter): consecutive fixes of one MMSI that
 * imply more than spoof_speed_kn are a jump (spoofing or two ships sharing
 * an identity). Each MMSI keeps up to two segments; a fix joins the one it
 * is plausible from, so two ships broadcasting one MMSI keep two sane tracks
 * for the other detectors instead of resetting them on every jump.
 * Implied speeds use a time floor of 60 s: position noise of tens of metres
 * over the 2 s reporting interval of a fast ship would otherwise read as
 * > 50 kn (documented in docs/design/events.md).
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "ais/events_int.h"

static const char *const type_names[IDT_AEV_NTYPES] = {
  "gap", "encounter", "loitering", "port_visit", "zone_entry", "zone_exit",
  "spoofing", "invalid_position", "identity_change"
};

const char *idt_aisev_type_name(int type)
{
  return type >= 0 && type < IDT_AEV_NTYPES ? type_names[type] : "unknown";
}

int idt_aisev_type_from_name(const char *name)
{
  int i;
  for (i = 0; i < IDT_AEV_NTYPES; i++)
    if (!strcmp(name, type_names[i]))
      return i;
  return -1;
}

static int cmp_imo(const void *a, const void *b)
{
  uint32_t x = (*(const idt_aisev_watch *const *)a)->imo, y = (*(const idt_aisev_watch *const *)b)->imo;
  return x < y ? -1 : x > y;
}

static int cmp_mmsi(const void *a, const void *b)
{
  uint32_t x = (*(const idt_aisev_watch *const *)a)->mmsi, y = (*(const idt_aisev_watch *const *)b)->mmsi;
  return x < y ? -1 : x > y;
}

int idt_aisev_new(idt_aisev **out, const idt_aisev_opts *opts,
                  const idt_aisev_places *places, const idt_aisev_watch *watch,
                  size_t nwatch)
{
  idt_aisev *d = idt_calloc(1, sizeof *d);
  idt_aisev_opts def = IDT_AISEV_OPTS_INIT;
  size_t i;
  *out = NULL;
  if (!d)
    return IDT_ENOMEM;
  d->o = def;
  if (opts && opts->version == 1)  /* before idle_hours: never read past */
    memcpy(&d->o, opts, offsetof(idt_aisev_opts, idle_hours));
  else if (opts)
    d->o = *opts;
  if (d->o.version != 1 && d->o.version != IDT_AISEV_OPTS_VERSION) {
    idt_free(d);
    return idt_error_set(IDT_EINVAL, "aisev: options version %u, expected %u",
                         d->o.version, IDT_AISEV_OPTS_VERSION);
  }
  if (!(d->o.idle_hours >= 0 && d->o.idle_hours < 1e6)) {
    idt_free(d);
    return idt_error_set(IDT_EINVAL, "aisev: idle_hours must be >= 0 (0: never evict)");
  }
  if (d->o.enc_resample_min <= 0 || d->o.enc_dist_m <= 0 || d->o.port_exit_km < d->o.port_entry_km) {
    idt_free(d);
    return idt_error_set(IDT_EINVAL, "aisev: resample interval and encounter distance "
                         "must be > 0, port exit >= entry");
  }
  if (d->o.evidence > 60)
    d->o.evidence = 60;
  d->pl = places;
  d->watch = watch;
  d->nwatch = watch ? nwatch : 0;
  if (d->nwatch) {
    d->by_imo = idt_malloc(d->nwatch * sizeof *d->by_imo);
    d->by_mmsi = idt_malloc(d->nwatch * sizeof *d->by_mmsi);
    if (!d->by_imo || !d->by_mmsi) {
      idt_aisev_free(d);
      return IDT_ENOMEM;
    }
    for (i = 0; i < d->nwatch; i++)
      d->by_imo[i] = d->by_mmsi[i] = &watch[i];
    qsort(d->by_imo, d->nwatch, sizeof *d->by_imo, cmp_imo);
    qsort(d->by_mmsi, d->nwatch, sizeof *d->by_mmsi, cmp_mmsi);
  }
  if (idt__enc_init(d)) {
    idt_aisev_free(d);
    return IDT_ENOMEM;
  }
  *out = d;
  return 0;
}

void idt_aisev_free(idt_aisev *d)
{
  if (!d)
    return;
  idt__enc_free(d);
  idt_free(d->v);
  idt_free(d->vhash);
  idt_free(d->vfree);
  idt_free(d->dfree);
  idt_free(d->dorm);
  idt_free(d->imo);
  idt_free(d->by_imo);
  idt_free(d->by_mmsi);
  idt_free(d);
}

void idt_aisev_get_stats(const idt_aisev *d, idt_aisev_stats *out)
{
  *out = d->st;
  out->slots = d->nv;
  out->state_bytes = idt__aisev_bytes(d);
  if (out->state_bytes > out->state_bytes_max)
    out->state_bytes_max = out->state_bytes;
}

void idt__aisev_info(idt_aisev *d, const idt__vessel *v, idt_aisev_vessel_info *vi)
{
  (void)d;
  vi->mmsi = v->mmsi;
  vi->imo = v->imo;
  vi->name = v->name;
  /* A ship's MMSI is MIDxxxxxx with MID 201-775 (ITU-R M.585); the MID is
   * the flag the transponder claims. */
  vi->mid = v->mmsi >= 201000000 && v->mmsi <= 775999999 ? v->mmsi / 1000000 : 0;
  vi->flag = vi->mid ? idt_ais_mid_country(vi->mid) : NULL;
  if (!vi->flag)
    vi->flag = "";
  vi->match = v->match;
}

int idt__aisev_dprk(const idt_aisev *d, double lat, double lon)
{
  if (idt_aisev_in_korea_bay(lat, lon))
    return 1;
  if (d->pl && idt_aisev_places_in_watch(d->pl, lat, lon) >= 0)
    return 1;
  return d->pl && idt_aisev_places_nearest_dprk(d->pl, lat, lon, NULL) <=
                  d->o.dprk_radius_nm * IDT_NM_M;
}

int idt__aisev_emit(idt_aisev *d, idt_aisev_event *e)
{
  int rc = 0;
  d->st.events[e->type]++;
  if (d->o.emit)
    rc = d->o.emit(d->o.ctx, e);
  if (rc && !d->rc)
    d->rc = rc;
  return rc;
}

static void ev_init(idt_aisev *d, idt_aisev_event *e, int type, const idt__vessel *v)
{
  memset(e, 0, sizeof *e);
  e->type = type;
  idt__aisev_info(d, v, &e->v[0]);
  e->v[1].name = "";
  e->v[1].flag = "";
  e->lat2 = e->lon2 = NAN;
  e->shore_nm = NAN;
  e->speed_kn = NAN;
  e->dist_nm = NAN;
  e->place = "";
  e->why = d->why;
  d->why[0] = 0;
}

static void shore(idt_aisev *d, idt_aisev_event *e)
{
  const idt_aisev_port *p = NULL;
  double m = d->pl ? idt_aisev_places_nearest(d->pl, e->lat, e->lon, &p) : HUGE_VAL;
  if (d->pl && d->pl->coast)
    m = idt_aisev_coast_dist(d->pl->coast, e->lat, e->lon);
  e->shore_nm = isinf(m) ? NAN : m / IDT_NM_M;
  if (p && !e->place[0])
    e->place = p->name;
  e->dprk = idt__aisev_dprk(d, e->lat, e->lon) ||
            (!isnan(e->lat2) && idt__aisev_dprk(d, e->lat2, e->lon2));
}

/* Evidence: the segment's ring (oldest first), then extra fixes. */
static void evidence(idt_aisev *d, idt_aisev_event *e, const idt__seg *s,
                     const idt_aisev_fix *extra, size_t nextra)
{
  size_t n = 0, i, k = s->ev_n < IDT__EVID ? s->ev_n : IDT__EVID, cap = d->o.evidence;
  size_t skip = k + nextra > cap ? k + nextra - cap : 0;
  for (i = skip; i < k && n < cap; i++)
    d->evbuf[n++] = s->ev[(s->ev_n - k + i) % IDT__EVID];
  for (i = 0; i < nextra && n < cap; i++)
    d->evbuf[n++] = extra[i];
  e->fixes = d->evbuf;
  e->nfixes = n;
}

static int flush_spoof(idt_aisev *d, idt__vessel *v)
{
  idt_aisev_event e;
  idt_aisev_fix f[2];
  if (!v->spoof)
    return 0;
  v->spoof = 0;
  ev_init(d, &e, IDT_AEV_SPOOF, v);
  e.start = v->spoof_start;
  e.end = v->spoof_last;
  e.hours = (double)(e.end - e.start) / 3600.0;
  e.lat = v->spoof_a.lat;
  e.lon = v->spoof_a.lon;
  e.lat2 = v->spoof_b.lat;
  e.lon2 = v->spoof_b.lon;
  e.speed_kn = v->spoof_kn;
  e.dist_nm = v->spoof_dist / IDT_NM_M;
  e.count = v->spoof_n;
  snprintf(d->why, sizeof d->why, "%u jumps between consecutive fixes implying more "
           "than %.0f kn (max %.0f kn over %.1f nm)", v->spoof_n, d->o.spoof_speed_kn,
           v->spoof_kn, e.dist_nm);
  f[0] = v->spoof_a;
  f[1] = v->spoof_b;
  e.fixes = d->evbuf;
  e.nfixes = 2;
  d->evbuf[0] = f[0];
  d->evbuf[1] = f[1];
  shore(d, &e);
  return idt__aisev_emit(d, &e);
}

static int flush_inval(idt_aisev *d, idt__vessel *v)
{
  idt_aisev_event e;
  if (!v->inval)
    return 0;
  v->inval = 0;
  ev_init(d, &e, IDT_AEV_INVALID, v);
  e.start = v->inval_start;
  e.end = v->inval_last;
  e.hours = (double)(e.end - e.start) / 3600.0;
  e.lat = v->has_prev ? v->prev.lat : NAN;
  e.lon = v->has_prev ? v->prev.lon : NAN;
  e.count = v->inval_n;
  snprintf(d->why, sizeof d->why, "%u positions not available (lat 91/lon 181) "
           "or out of range", v->inval_n);
  return idt__aisev_emit(d, &e);
}

static int close_loiter(idt_aisev *d, idt__vessel *v, idt__seg *s, int open)
{
  idt_aisev_event e;
  double h;
  s->loit = 0;
  h = (double)(s->last.t - s->loit_first.t) / 3600.0;
  if (h < d->o.loiter_hours || !s->loit_n)
    return 0;
  ev_init(d, &e, IDT_AEV_LOITER, v);
  e.start = s->loit_first.t;
  e.end = s->last.t;
  e.hours = h;
  e.lat = s->loit_sumlat / s->loit_n;
  e.lon = s->loit_sumlon / s->loit_n;
  e.speed_kn = s->loit_sumsog / s->loit_n;
  e.count = s->loit_n;
  e.open = open;
  shore(d, &e);
  {
    int w = d->pl ? idt_aisev_places_in_watch(d->pl, e.lat, e.lon) : -1;
    if (!(isnan(e.shore_nm) || e.shore_nm >= d->o.loiter_shore_nm) && w < 0)
      return 0;
    snprintf(d->why, sizeof d->why, "speed < %.1f kn for %.1f h (>= %.1f h), %s",
             d->o.loiter_speed_kn, h, d->o.loiter_hours,
             w >= 0 ? "inside a watch area"
             : d->pl && d->pl->coast ? "far from shore (coastline)"
                                     : "far from shore (nearest port)");
    if (w >= 0)
      e.place = idt_aisev_places_zone_name(d->pl, (size_t)w);
  }
  evidence(d, &e, s, &s->loit_first, 1);
  /* the first slow fix belongs first */
  if (e.nfixes > 1) {
    idt_aisev_fix f = d->evbuf[e.nfixes - 1];
    memmove(d->evbuf + 1, d->evbuf, (e.nfixes - 1) * sizeof *d->evbuf);
    d->evbuf[0] = f;
  }
  return idt__aisev_emit(d, &e);
}

static int close_port(idt_aisev *d, idt__vessel *v, idt__seg *s, int open)
{
  idt_aisev_event e;
  s->inport = 0;
  if (!s->stopped)
    return 0;
  ev_init(d, &e, IDT_AEV_PORT, v);
  e.start = s->port_in;
  e.end = s->last.t;
  e.hours = (double)(e.end - e.start) / 3600.0;
  e.lat = s->port->lat;
  e.lon = s->port->lon;
  e.place = s->port->name;
  e.count = s->port_n;
  e.open = open;
  shore(d, &e);
  e.place = s->port->name;
  snprintf(d->why, sizeof d->why, "entered within %.1f km of %s, stopped (< %.1f kn "
           "or an in-port gap > %.0f h)%s", d->o.port_entry_km, s->port->name,
           d->o.port_stop_kn, d->o.port_gap_h, open ? ", still in port at end of input"
           : ", left beyond the exit radius");
  evidence(d, &e, s, NULL, 0);
  return idt__aisev_emit(d, &e);
}

static int gap_event(idt_aisev *d, idt__vessel *v, idt__seg *s, const idt_aisev_fix *f)
{
  idt_aisev_event e;
  unsigned recent = 0, i, k = s->nrecent < 16 ? s->nrecent : 16;
  int64_t win = (int64_t)(d->o.gap_intent_window_h * 3600);
  double dist;
  int gfw, dprk;
  ev_init(d, &e, IDT_AEV_GAP, v);
  e.start = s->last.t;
  e.end = f->t;
  e.hours = (double)(f->t - s->last.t) / 3600.0;
  e.lat = s->last.lat;
  e.lon = s->last.lon;
  e.lat2 = f->lat;
  e.lon2 = f->lon;
  dist = idt_geo_dist_m(e.lat, e.lon, e.lat2, e.lon2);
  e.dist_nm = dist / IDT_NM_M;
  e.speed_kn = e.dist_nm / e.hours;
  for (i = 0; i < k; i++)
    recent += (int64_t)s->recent[i] >= s->last.t - win;
  e.count = recent;
  shore(d, &e);
  dprk = e.dprk && e.hours >= d->o.dprk_gap_hours;
  gfw = e.hours >= d->o.gap_intent_hours &&
        (isnan(e.shore_nm) || e.shore_nm > d->o.gap_intent_shore_nm) &&
        recent >= d->o.gap_intent_min_pos;
  e.intentional = gfw || dprk;
  snprintf(d->why, sizeof d->why, "silent %.1f h (>= %.1f h); %s%s%s; %u positions in "
           "the %.0f h before", e.hours, d->o.gap_hours,
           gfw ? "likely intentional (GFW: >= 12 h, far from shore, good reception)"
               : "not GFW-intentional",
           dprk ? "; likely intentional (DPRK vicinity)" : "",
           e.dprk && !dprk ? "; DPRK vicinity" : "", recent, d->o.gap_intent_window_h);
  evidence(d, &e, s, f, 1);
  return idt__aisev_emit(d, &e);
}

static int zones(idt_aisev *d, idt__vessel *v, idt__seg *s, const idt_aisev_fix *f)
{
  size_t i, nz = d->pl ? d->pl->nzones : 0;
  int rc;
  for (i = 0; i < nz && i < IDT__MAXZ; i++) {
    int in;
    uint64_t bit = 1ULL << i;
    if (d->pl->zones[i].kind != IDT_ZONE_USER)
      continue;
    in = idt_aisev_places_in_zone(d->pl, i, f->lat, f->lon);
    if (s->zinit && in != !!(s->zin & bit)) {
      idt_aisev_event e;
      idt_aisev_fix two[2];
      ev_init(d, &e, in ? IDT_AEV_ZONE_ENTRY : IDT_AEV_ZONE_EXIT, v);
      e.start = s->last.t;
      e.end = f->t;
      e.lat = f->lat;
      e.lon = f->lon;
      e.place = d->pl->zones[i].name;
      shore(d, &e);
      e.place = d->pl->zones[i].name;
      snprintf(d->why, sizeof d->why, "%s zone '%s' between two consecutive fixes",
               in ? "entered" : "left", d->pl->zones[i].name);
      two[0] = s->last;
      two[1] = *f;
      evidence(d, &e, s, two + 1, 1);
      if ((rc = idt__aisev_emit(d, &e)))
        return rc;
    }
    if (in)
      s->zin |= bit;
    else
      s->zin &= ~bit;
  }
  s->zinit = 1;
  return 0;
}

static int port_step(idt_aisev *d, idt__vessel *v, idt__seg *s, const idt_aisev_fix *f)
{
  double entry = d->o.port_entry_km * 1000, exitm = d->o.port_exit_km * 1000;
  if (!d->pl || !d->pl->nports)
    return 0;
  if (s->inport) {
    double dd = idt__eq_dist_m(f->lat, f->lon, s->port->lat, s->port->lon, d->coslat);
    if (dd > exitm)
      return close_port(d, v, s, 0);
    s->port_n++;
    if ((!isnan(f->sog) && f->sog < d->o.port_stop_kn) ||
        (double)(f->t - s->last.t) > d->o.port_gap_h * 3600)
      s->stopped = 1;
    return 0;
  }
  if (!s->pd_ok ||
      s->pd - 1.05 * idt__eq_dist_m(s->pd_lat, s->pd_lon, f->lat, f->lon, d->coslat) <
          exitm + 2000) {
    /* (5% covers the flat-earth error over hundreds of km: triangle
     * inequality, so no port within the exit radius is skipped) */
    const idt_aisev_port *p = NULL;
    s->pd = idt_aisev_places_nearest(d->pl, f->lat, f->lon, &p);
    s->pd_lat = f->lat;
    s->pd_lon = f->lon;
    s->pd_ok = 1;
    if (p && s->pd <= entry) {
      s->inport = 1;
      s->port = p;
      s->port_in = f->t;
      s->port_n = 1;
      s->stopped = !isnan(f->sog) && f->sog < d->o.port_stop_kn;
    }
  }
  return 0;
}

/* Loitering counts intervals between consecutive fixes, as GFW does (its
 * loitering hours are the sum of the hours of fixes whose implied speed
 * from the previous fix is below the threshold): a run starts at the fix
 * before its first slow interval and ends at the last slow fix. An
 * interval of LOIT_IMPLIED_S or more is judged by the implied speed over
 * it (sparse satellite fixes: the displacement between two passes 90 min
 * apart is what shows a slow vessel; 10-50 m of position noise moves it by
 * less than 0.3 kn), a shorter one by the reported SOG (implied speed when
 * none: noise over 10 s between dense fixes would read as knots). An
 * interval of gap_hours or more is a gap, never loitering. */
#define LOIT_IMPLIED_S 600
static int loiter_step(idt_aisev *d, idt__vessel *v, idt__seg *s, const idt_aisev_fix *f,
                       double implied_kn, int after_gap)
{
  int has_a = s->n && !after_gap;
  double dt = has_a ? (double)(f->t - s->last.t) : 0;
  double sog = has_a && dt >= LOIT_IMPLIED_S ? implied_kn
                                              : isnan(f->sog) ? implied_kn : f->sog;
  int rc;
  if (!isnan(sog) && sog < d->o.loiter_speed_kn) {
    if (!s->loit) {
      s->loit = 1;
      s->loit_first = has_a ? s->last : *f;
      s->loit_sumsog = s->loit_sumlat = s->loit_sumlon = 0;
      s->loit_n = 0;
    }
    s->loit_sumsog += sog;
    s->loit_sumlat += f->lat;
    s->loit_sumlon += f->lon;
    s->loit_n++;
    return 0;
  }
  if (s->loit && (rc = close_loiter(d, v, s, 0)))
    return rc;
  return 0;
}

static void resample(idt_aisev *d, const idt__vessel *v, unsigned segi, const idt__seg *s,
                     const idt_aisev_fix *f)
{
  int64_t res = d->res, tb;
  const idt_aisev_fix *a = &s->last;
  double dt = (double)(f->t - a->t);
  uint32_t owner = (uint32_t)((v - d->v) * 2 + segi);
  if (!s->n) {
    if (f->t % res == 0)
      idt__enc_point(d, owner, f->t, f->lat, f->lon, f->sog);
    return;
  }
  if (dt <= 0 || dt > d->o.enc_max_interp_h * 3600)
    return;
  for (tb = (a->t / res + 1) * res; tb <= f->t; tb += res) {
    double w = (double)(tb - a->t) / dt;
    double sa = a->sog, sb = f->sog, sog;
    if (isnan(sa) || isnan(sb))
      sog = idt__fast_dist_m(a->lat, a->lon, f->lat, f->lon) / IDT_NM_M / (dt / 3600.0);
    else
      sog = sa + (sb - sa) * w;
    idt__enc_point(d, owner, tb, a->lat + (f->lat - a->lat) * w,
                   a->lon + (f->lon - a->lon) * w, sog);
    d->st.resampled++;
  }
}

static void seg_push(idt__seg *s, const idt_aisev_fix *f)
{
  s->recent[s->nrecent++ % 16] = (uint32_t)f->t;
  if (!s->ev_n || f->t - s->ev_last_t >= 300) {
    s->ev[s->ev_n++ % IDT__EVID] = *f;
    s->ev_last_t = f->t;
  }
  s->last = *f;
  s->n++;
}

static int seg_fix(idt_aisev *d, idt__vessel *v, unsigned segi, const idt_aisev_fix *f)
{
  idt__seg *s = &v->s[segi];
  double implied = NAN;
  int rc, gap = 0;
  if (!s->used) {
    memset(s, 0, sizeof *s);
    s->used = 1;
    if (segi)
      v->s1used = 1;
    d->st.segments++;
  } else {
    double dt = (double)(f->t - s->last.t);
    implied = dt > 0 ? idt__eq_dist_m(s->last.lat, s->last.lon, f->lat, f->lon, d->coslat) /
                           IDT_NM_M / (dt / 3600.0) : NAN;
    if (dt >= d->o.gap_hours * 3600) {
      gap = 1;
      if (s->loit && (rc = close_loiter(d, v, s, 0)))
        return rc;
      if ((rc = gap_event(d, v, s, f)))
        return rc;
    }
  }
  /* A vessel in a port (inside the port-visit radius) of the lists takes
   * no part in encounters: GFW's anchorage rule would drop them anyway, and
   * ships moored side by side in a busy port make thousands of close pairs.
   * DPRK ports are exempt (the UN Panel's transfers at Nampo's terminal). */
  if (!s->inport || s->port->dprk ||
      (d->pl && idt_aisev_places_in_watch(d->pl, f->lat, f->lon) >= 0))
    resample(d, v, segi, s, f);
  if ((rc = loiter_step(d, v, s, f, implied, gap)) || (rc = port_step(d, v, s, f)) ||
      (rc = zones(d, v, s, f)))
    return rc;
  seg_push(s, f);
  return 0;
}

static int close_seg(idt_aisev *d, idt__vessel *v, idt__seg *s)
{
  int rc;
  if (!s->used)
    return 0;
  if (s->loit && (rc = close_loiter(d, v, s, 1)))
    return rc;
  if (s->inport && (rc = close_port(d, v, s, 1)))
    return rc;
  return 0;
}

/* ---- eviction (idle_hours) ---- */

/* Release vessel i: what is open is closed as idt_aisev_finish closes it,
 * then a dormant record replaces the state and the slot is freed. */
static int evict(idt_aisev *d, size_t i)
{
  idt__vessel *v = &d->v[i];
  const idt__seg *s = &v->s[v->s1used && v->s[1].last.t > v->s[0].last.t];
  int64_t win = (int64_t)(d->o.gap_intent_window_h * 3600);
  idt__dorm *r;
  uint32_t k;
  unsigned m, n = 0;
  if (idt__push_free(&d->vfree, &d->nvfree, &d->nvfcap, (uint32_t)i))
    return IDT_ENOMEM;
  if (d->ndfree)
    k = d->dfree[--d->ndfree];
  else {
    if (d->ndorm == d->dcap) {
      size_t cap = d->dcap ? d->dcap * 2 : 256;
      idt__dorm *nd = idt_realloc(d->dorm, cap * sizeof *nd);
      if (!nd) {
        d->nvfree--;
        return IDT_ENOMEM;
      }
      d->dorm = nd;
      d->dcap = cap;
    }
    k = (uint32_t)d->ndorm++;
  }
  /* a callback's non-zero return is kept in d->rc; the eviction completes */
  if (!flush_spoof(d, v) && !flush_inval(d, v) && !close_seg(d, v, &v->s[0]))
    close_seg(d, v, &v->s[1]);
  r = &d->dorm[k];
  memset(r, 0, sizeof *r);
  r->mmsi = v->mmsi;
  r->imo = v->imo;
  r->match = v->match;
  memcpy(r->name, v->name, sizeof r->name);
  r->has_prev = (uint8_t)(v->has_prev && s->used);
  if (r->has_prev) {
    r->last = v->prev;
    r->zin = s->zin;
    r->zinit = (uint8_t)s->zinit;
    for (m = 0; m < (s->nrecent < 16 ? s->nrecent : 16); m++)
      n += (int64_t)s->recent[m] >= s->last.t - win;
    r->nrecent = (uint8_t)n;
  }
  d->vhash[idt__vslot(d, v->mmsi)].idx = IDT__DORM | k;
  v->live = 0;
  d->st.active--;
  d->st.dormant++;
  d->st.evicted++;
  return d->rc;
}

/* Once per hour of stream time (the hot path only compares two times):
 * evict the vessels silent for idle_hours that nothing still names - no
 * input waiting in the ring, no encounter pair, no point in an open
 * 10-minute bucket - so no index to a slot outlives the vessel in it. */
static int sweep(idt_aisev *d, int64_t now)
{
  int64_t idle = (int64_t)(d->o.idle_hours * 3600), lim = INT64_MAX;
  size_t i;
  unsigned k;
  int rc;
  size_t bytes = idt__aisev_bytes(d);
  if (bytes > d->st.state_bytes_max)
    d->st.state_bytes_max = bytes;
  for (i = 0; i < d->nbk; i++)
    if (d->bk[i].tb > d->done_tb && d->bk[i].tb < lim)
      lim = d->bk[i].tb;
  for (i = 0; i < d->nv; i++) {
    const idt__vessel *v = &d->v[i];
    if (!v->live || v->npairs || v->seen > now - idle || v->seen >= lim)
      continue;
    for (k = 0; k < d->pend_n; k++)
      if (d->pend[(d->pend_head + k) % IDT__PIPE].vi == i)
        break;
    if (k < d->pend_n)
      continue;
    if ((rc = evict(d, i)))
      return rc;
  }
  return 0;
}

static int do_position(idt_aisev *d, idt__vessel *v, int64_t t, double lat, double lon,
                       double sog)
{
  idt_aisev_fix f;
  unsigned segi;
  int rc;
  d->st.positions++;
  if (t > d->maxt) {
    d->maxt = t;
    if ((rc = idt__enc_advance(d, t)))
      return rc;
    if (d->o.idle_hours > 0 && t >= d->next_sweep) {
      int64_t step = (int64_t)(d->o.idle_hours * 3600);
      if (d->next_sweep && (rc = sweep(d, t)))
        return rc;
      d->next_sweep = t + (step > 3600 ? 3600 : step < 1 ? 1 : step);
    }
  }
  if (v->spoof && t - v->spoof_last > (int64_t)(d->o.spoof_merge_h * 3600) &&
      (rc = flush_spoof(d, v)))
    return rc;
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
    d->st.invalid++;
    if (!v->inval) {
      v->inval = 1;
      v->inval_start = t;
      v->inval_n = 0;
    }
    v->inval_last = t;
    v->inval_n++;
    return 0;
  }
  if (v->inval && (rc = flush_inval(d, v)))
    return rc;                /* a valid fix ends the episode */
  /* cos(latitude) per vessel, recomputed when it moved 0.01 degree north or
   * south (the cosine changes by < 0.02% over that; the equirectangular
   * distances it serves are 0.1% approximations already): a cos per fix
   * was 5% of the pipeline. */
  if (!(fabs(lat - v->cos_lat) < 0.01)) {
    v->cos_lat = lat;
    v->cosv = cos(lat * IDT__DEG2RAD);
  }
  d->coslat = v->cosv;
  f.t = t;
  f.lat = lat;
  f.lon = lon;
  f.sog = sog >= 0 && sog < 102.2 ? sog : NAN;
  if (v->has_prev) {
    double dt = (double)(t - v->prev.t), dist;
    if (dt < 0) {
      d->st.out_of_order++;
      return 0;
    }
    dist = idt__eq_dist_m(v->prev.lat, v->prev.lon, lat, lon, d->coslat);
    if (dist > 200000)
      dist = idt_geo_dist_m(v->prev.lat, v->prev.lon, lat, lon);
    if (dist / IDT_NM_M / ((dt < 60 ? 60 : dt) / 3600.0) > d->o.spoof_speed_kn) {
      double kn = dist / IDT_NM_M / ((dt < 1 ? 1 : dt) / 3600.0);
      if (!v->spoof) {
        v->spoof = 1;
        v->spoof_start = v->prev.t;
        v->spoof_n = 0;
        v->spoof_kn = 0;
        v->spoof_a = v->prev;
        v->spoof_b = f;
        v->spoof_dist = dist;
      }
      if (kn > v->spoof_kn)
        v->spoof_kn = kn;
      v->spoof_last = t;
      v->spoof_n++;
    }
  }
  /* Segment: the one this fix is plausible from (the nearer if both). */
  segi = 0;
  if (v->s[0].used) {
    double best = HUGE_VAL;
    int found = -1;
    unsigned i;
    for (i = 0; i < 1u + (unsigned)v->s1used; i++) {
      const idt__seg *s = &v->s[i];
      double dt, dist;
      if (!s->used)
        continue;
      dt = (double)(t - s->last.t);
      if (dt < 0)
        continue;
      dist = idt__eq_dist_m(s->last.lat, s->last.lon, lat, lon, d->coslat);
      if (dist / IDT_NM_M / ((dt < 60 ? 60 : dt) / 3600.0) <= d->o.spoof_speed_kn &&
          dist < best) {
        best = dist;
        found = (int)i;
      }
    }
    if (found >= 0)
      segi = (unsigned)found;
    else if (!v->s1used)
      segi = 1;
    else {
      /* Both implausible: restart the one silent longer. */
      segi = v->s[0].last.t <= v->s[1].last.t ? 0 : 1;
      if ((rc = close_seg(d, v, &v->s[segi])))
        return rc;
      v->s[segi].used = 0;
      if (segi)
        v->s1used = 0;
    }
  }
  if ((rc = seg_fix(d, v, segi, &f)))
    return rc;
  v->prev = f;
  v->has_prev = 1;
  return d->rc;
}

static uint32_t imo_slot(idt_aisev *d, uint32_t imo)
{
  size_t j = idt__mix32(imo) & (d->imocap - 1);
  while (d->imo[j].imo && d->imo[j].imo != imo)
    j = (j + 1) & (d->imocap - 1);
  return (uint32_t)j;
}

static int imo_grow(idt_aisev *d)
{
  size_t cap = d->imocap ? d->imocap * 2 : 1024, i, old = d->imocap;
  struct imo_ent *o = d->imo, *n = idt_calloc(cap, sizeof *n);
  if (!n)
    return IDT_ENOMEM;
  d->imo = n;
  d->imocap = cap;
  for (i = 0; i < old; i++)
    if (o[i].imo)
      d->imo[imo_slot(d, o[i].imo)] = o[i];
  idt_free(o);
  return 0;
}

/* nm: the trimmed name, "" when none. */
static int do_static(idt_aisev *d, idt__vessel *v, int64_t t, uint32_t imo, const char *nm)
{
  uint32_t mmsi = v->mmsi;
  int rc;
  d->st.static_msgs++;
  if (nm[0] && v->name[0] && strcmp(nm, v->name) && imo && imo == v->imo) {
    idt_aisev_event e;
    ev_init(d, &e, IDT_AEV_IDENTITY, v);
    idt__aisev_info(d, v, &e.v[1]);
    e.v[1].name = nm;
    e.start = e.end = t;
    e.lat = v->has_prev ? v->prev.lat : NAN;
    e.lon = v->has_prev ? v->prev.lon : NAN;
    snprintf(d->why, sizeof d->why, "name changed from '%s' to '%s' (same MMSI and IMO)",
             v->name, nm);
    if ((rc = idt__aisev_emit(d, &e)))
      return rc;
  }
  if (nm[0])
    memcpy(v->name, nm, sizeof v->name);
  /* An IMO with a bad check digit is a placeholder (0, 1234567, the MMSI):
   * many ships share those, so they say nothing about identity; the vessel
   * registry flags them. */
  if (!imo || !idt_ais_imo_valid(imo))
    return 0;
  v->imo = imo;
  if (!v->match)
    v->match = idt__find_watch(d->by_imo, d->nwatch, imo, 1);
  if ((d->nimo + 1) * 2 > d->imocap && imo_grow(d))
    return IDT_ENOMEM;
  {
    struct imo_ent *ie = &d->imo[imo_slot(d, imo)];
    if (!ie->imo) {
      ie->imo = imo;
      ie->mmsi = mmsi;
      ie->t = t;
      d->nimo++;
      return 0;
    }
    if (ie->mmsi != mmsi) {
      idt__vessel tmp;          /* the old MMSI may be dormant */
      const idt__vessel *old = idt__vpeek(d, ie->mmsi, &tmp);
      int flip = ie->prev_mmsi == mmsi && t - ie->t < 86400;
      ie->prev_mmsi = ie->mmsi;
      ie->mmsi = mmsi;
      ie->t = t;
      if (old && !flip) {
        idt_aisev_event e;
        ev_init(d, &e, IDT_AEV_IDENTITY, old);
        idt__aisev_info(d, v, &e.v[1]);
        if (!e.v[0].match)
          e.v[0].match = v->match;
        e.start = old->has_prev ? old->prev.t : t;
        e.end = t;
        e.lat = v->has_prev ? v->prev.lat : NAN;
        e.lon = v->has_prev ? v->prev.lon : NAN;
        if (old->has_prev) {
          e.lat2 = e.lat;
          e.lon2 = e.lon;
          e.lat = old->prev.lat;
          e.lon = old->prev.lon;
          if (!isnan(e.lat2))
            e.dist_nm = idt_geo_dist_m(e.lat, e.lon, e.lat2, e.lon2) / IDT_NM_M;
        }
        e.hours = (double)(e.end - e.start) / 3600.0;
        snprintf(d->why, sizeof d->why, "IMO %u broadcast by MMSI %u ('%s', MID %u %s) "
                 "after MMSI %u ('%s', MID %u %s)", imo, mmsi, v->name, e.v[1].mid,
                 e.v[1].flag, old->mmsi, old->name, e.v[0].mid, e.v[0].flag);
        if (!isnan(e.lat))
          shore(d, &e);
        if (old->has_prev) {
          d->evbuf[0] = old->prev;
          e.fixes = d->evbuf;
          e.nfixes = 1;
          if (v->has_prev) {
            d->evbuf[1] = v->prev;
            e.nfixes = 2;
          }
        }
        return idt__aisev_emit(d, &e);
      }
    }
  }
  return 0;
}

int idt_aisev_msg(idt_aisev *d, const idt_ais_msg *m)
{
  idt_ais_position p;
  if (m->time == IDT_AIS_NOTIME) {
    d->st.no_time++;
    return 0;
  }
  if (m->type == 5 || m->type == 19 || m->type == 24) {
    int64_t imo = 0;
    const char *name = idt_ais_text(m, "shipname");
    if (m->type == 5)
      idt_ais_field(m, "imo", &imo);
    if (name || imo) {
      int rc = idt_aisev_static(d, m->mmsi, m->time, (uint32_t)imo, name);
      if (rc || m->type != 19)
        return rc;
    }
  }
  if (!idt_ais_get_position(m, &p))
    return 0;
  if (m->type == 4 || m->type == 9 || m->type == 21 || m->type == 27)
    return 0;              /* base stations, aircraft, AtoN, long range */
  return idt_aisev_position(d, m->mmsi, m->time, p.lat, p.lon, p.sog);
}

/* ---- the input ring: look up, prefetch, process IDT__PIPE calls later ---- */

static int run_one(idt_aisev *d)
{
  struct idt__pend *p = &d->pend[d->pend_head];
  idt__vessel *v = &d->v[p->vi];
  int rc;
  d->pend_head = (d->pend_head + 1) % IDT__PIPE;
  d->pend_n--;
  if (p->t > v->seen)
    v->seen = p->t;
  if (p->kind == 0)
    rc = do_position(d, v, p->t, p->lat, p->lon, p->sog);
  else
    rc = do_static(d, v, p->t, p->imo, p->name);
  if (rc && !d->rc)
    d->rc = rc;
  return d->rc;
}

static struct idt__pend *enqueue(idt_aisev *d, uint32_t mmsi)
{
  struct idt__pend *p;
  long vi;
  if (d->pend_n == IDT__PIPE && run_one(d))
    return NULL;
  if ((vi = idt__vindex(d, mmsi)) < 0) {
    d->rc = IDT_ENOMEM;
    return NULL;
  }
#if defined(__GNUC__)
  {
    /* The header and segment 0's scalars and reception ring: what a fix
     * reads and writes (events_int.h orders the fields for this). Written
     * here, not in a helper: GCC deems a function of prefetches alone
     * const and drops its call. Read prefetches: without -mprfchw x86-64
     * has no write prefetch, and GCC emits nothing for one. */
    const char *c = (const char *)&d->v[vi];
    __builtin_prefetch(c, 0, 3);
    __builtin_prefetch(c + 64, 0, 3);
    __builtin_prefetch(c + 128, 0, 3);
    __builtin_prefetch(c + 192, 0, 3);
    __builtin_prefetch(c + 256, 0, 3);
    __builtin_prefetch(c + 320, 0, 3);
  }
#endif
  p = &d->pend[(d->pend_head + d->pend_n) % IDT__PIPE];
  d->pend_n++;
  p->vi = (uint32_t)vi;
  p->mmsi = mmsi;
  return p;
}

static int drain(idt_aisev *d)
{
  while (d->pend_n)
    if (run_one(d))
      return d->rc;
  return 0;
}

int idt_aisev_position(idt_aisev *d, uint32_t mmsi, int64_t t, double lat,
                       double lon, double sog)
{
  struct idt__pend *p;
  if (d->rc)
    return d->rc;
  if (!(p = enqueue(d, mmsi)))
    return d->rc;
  p->kind = 0;
  p->t = t;
  p->lat = lat;
  p->lon = lon;
  p->sog = sog;
  return 0;
}

int idt_aisev_static(idt_aisev *d, uint32_t mmsi, int64_t t, uint32_t imo,
                     const char *name)
{
  struct idt__pend *p;
  size_t n;
  if (d->rc)
    return d->rc;
  if (!(p = enqueue(d, mmsi)))
    return d->rc;
  p->kind = 1;
  p->t = t;
  p->imo = imo;
  p->name[0] = 0;
  if (name) {
    /* AIS pads with '@' or spaces. */
    snprintf(p->name, sizeof p->name, "%s", name);
    n = strlen(p->name);
    while (n && (p->name[n - 1] == ' ' || p->name[n - 1] == '@'))
      p->name[--n] = 0;
  }
  return 0;
}

int idt_aisev_finish(idt_aisev *d)
{
  size_t i;
  int rc;
  if (d->rc)
    return d->rc;
  if ((rc = drain(d)))
    return rc;
  if ((rc = idt__enc_finish(d)))
    return rc;
  for (i = 0; i < d->nv; i++) {
    idt__vessel *v = &d->v[i];
    if (!v->live)
      continue;
    if ((rc = flush_spoof(d, v)) || (rc = flush_inval(d, v)) ||
        (rc = close_seg(d, v, &v->s[0])) || (rc = close_seg(d, v, &v->s[1])))
      return rc;
  }
  return 0;
}
