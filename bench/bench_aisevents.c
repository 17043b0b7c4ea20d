/*
 * bench_aisevents.c - speed, memory and accuracy of the event detectors.
 *
 * Speed: a generated day of regional traffic (scenario "background",
 * 24 h, default 7,000 vessels: >= 10 million positions) is read into
 * memory, then timed single-threaded (CPU time, median of RUNS):
 *   decode       the ais decoder alone (the peer: what decoding costs)
 *   decode+ev    decoder, tracks and all detectors (the pipeline)
 *   events       tracks and detectors alone, on positions decoded before
 * and the ratio pipeline/decode is printed. Peak RSS of a child that runs
 * the pipeline once, and the detector's memory per vessel.
 * Accuracy: the "dprk" scenario (48 h, ACC_VESSELS background vessels)
 * on three seeds and two noise levels, scored against its truth.
 *
 * usage: bench_aisevents [VESSELS] [RUNS] [ACC_VESSELS]   (VESSELS 0: accuracy only)
 * (IDT_SRC locates data/reference; the NMEA goes to $TMPDIR or /tmp.)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "interdict/aisevents.h"
#include "ais/events_int.h"

typedef struct pos { uint32_t mmsi, imo; int64_t t; double lat, lon, sog; int stat; } pos;

static double cpu(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmpd(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
  qsort(v, (size_t)n, sizeof *v, cmpd);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static char *slurp(const char *path, size_t *n)
{
  FILE *f = fopen(path, "rb");
  char *p;
  long len;
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  len = ftell(f);
  fseek(f, 0, SEEK_SET);
  p = malloc((size_t)len + 1);
  if (p && fread(p, 1, (size_t)len, f) != (size_t)len) {
    free(p);
    p = NULL;
  }
  fclose(f);
  if (p) {
    p[len] = 0;
    *n = (size_t)len;
  }
  return p;
}

static const char *src(const char *rel)
{
  static char buf[4][1024];
  static int k;
  const char *s = getenv("IDT_SRC");
  char *p = buf[k++ % 4];
  snprintf(p, 1024, "%s/%s", s ? s : ".", rel);
  return p;
}

/* The built-in coastline, as `interdict ais events` uses by default
 * (IDT_BENCH_NO_COAST=1: nearest port as shore); NULL without one. */
static idt_aisev_coast *coast;

static idt_aisev_places *places(void)
{
  idt_aisev_places *p = NULL;
  if (!coast && !getenv("IDT_BENCH_NO_COAST") && idt_aisev_coast_builtin(&coast))
    coast = NULL;
  if (idt_aisev_places_new(&p) || idt_aisev_places_add_dprk(p) ||
      idt_aisev_places_load_ports(p, src("data/reference/WPI_ports.csv")) ||
      idt_aisev_places_load_geojson(p, src("data/reference/eez_prk.json"), IDT_ZONE_USER)) {
    fprintf(stderr, "places: %s\n", idt_error_msg());
    exit(1);
  }
  idt_aisev_places_set_coast(p, coast);
  return p;
}

static unsigned long long nevents;
static int count(void *ctx, const idt_aisev_event *e)
{
  (void)ctx;
  (void)e;
  nevents++;
  return 0;
}

/* mode 0: decode only; 1: decode + events; returns positions. */
static unsigned long long pass(const char *buf, size_t n, int mode,
                               const idt_aisev_places *pl, pos **out, size_t *nout)
{
  idt_ais_decoder *dec = NULL;
  idt_aisev *ev = NULL;
  idt_aisev_opts o = IDT_AISEV_OPTS_INIT;
  idt_ais_msg *m = malloc(sizeof *m);
  idt_ais_position p;
  const char *s = buf, *end = buf + n;
  unsigned long long npos = 0;
  size_t cap = 0;
  o.emit = count;
  if (!m || idt_ais_decoder_new(&dec, NULL) ||
      (mode == 1 && idt_aisev_new(&ev, &o, pl, NULL, 0)))
    exit(1);
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
    if (idt_ais_decoder_line(dec, s, len, m) == 1) {
      if (mode == 1)
        idt_aisev_msg(ev, m);
      else if (idt_ais_get_position(m, &p))
        npos++;
      if (out) {
        pos x;
        int64_t imo = 0;
        memset(&x, 0, sizeof x);
        x.mmsi = m->mmsi;
        x.t = m->time;
        if (m->type == 5 || m->type == 24) {
          if (m->type == 5)
            idt_ais_field(m, "imo", &imo);
          x.imo = (uint32_t)imo;
          x.stat = 1;
        } else if (idt_ais_get_position(m, &p)) {
          x.lat = p.lat;
          x.lon = p.lon;
          x.sog = p.sog;
        } else
          x.stat = 2;
        if (x.stat != 2) {
          if (*nout == cap) {
            cap = cap ? cap * 2 : 1 << 20;
            *out = realloc(*out, cap * sizeof **out);
            if (!*out)
              exit(1);
          }
          (*out)[(*nout)++] = x;
        }
      }
    }
    s += len + 1;
  }
  if (mode == 1) {
    idt_aisev_stats st;
    idt_aisev_finish(ev);
    idt_aisev_get_stats(ev, &st);
    npos = st.positions;
    idt_aisev_free(ev);
  }
  idt_ais_decoder_free(dec);
  free(m);
  return npos;
}

static unsigned long long events_only(const pos *v, size_t n, const idt_aisev_places *pl,
                                      idt_aisev_stats *st)
{
  idt_aisev *ev = NULL;
  idt_aisev_opts o = IDT_AISEV_OPTS_INIT;
  size_t i;
  o.emit = count;
  if (idt_aisev_new(&ev, &o, pl, NULL, 0))
    exit(1);
  for (i = 0; i < n; i++) {
    if (v[i].stat)
      idt_aisev_static(ev, v[i].mmsi, v[i].t, v[i].imo, NULL);
    else
      idt_aisev_position(ev, v[i].mmsi, v[i].t, v[i].lat, v[i].lon, v[i].sog);
  }
  idt_aisev_finish(ev);
  idt_aisev_get_stats(ev, st);
  idt_aisev_free(ev);
  return st->positions;
}

static void accuracy(unsigned vessels)
{
  static const uint64_t seeds[] = {11, 12, 13};
  static const double noise[] = {10, 50};
  idt_aisev_places *pl = places(), *zones = NULL;
  char nm[512], tr[512];
  const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  idt_aisev_score tot;
  int si, ni, t;
  memset(&tot, 0, sizeof tot);
  if (idt_aisev_places_new(&zones) ||
      idt_aisev_places_load_geojson(zones, src("data/reference/eez_prk.json"), IDT_ZONE_USER))
    exit(1);
  snprintf(nm, sizeof nm, "%s/bench_aisev_acc.nmea", tmp);
  snprintf(tr, sizeof tr, "%s/bench_aisev_acc.truth", tmp);
  printf("\naccuracy: scenario dprk, 48 h, %u background vessels, seeds 11-13, noise 10/50 m\n",
         vessels);
  for (si = 0; si < 3; si++)
    for (ni = 0; ni < 2; ni++) {
      idt_aisim_opts so = IDT_AISIM_OPTS_INIT;
      idt_aisev_opts o = IDT_AISEV_OPTS_INIT;
      idt_aisev_scorer *sc = NULL;
      idt_aisev_score s;
      FILE *a = fopen(nm, "wb"), *b = fopen(tr, "w");
      char *buf;
      size_t n;
      idt_ais_decoder *dec = NULL;
      idt_aisev *ev = NULL;
      idt_ais_msg *m = malloc(sizeof *m);
      const char *p, *end;
      so.seed = seeds[si];
      so.noise_m = noise[ni];
      so.vessels = vessels;
      so.zones = zones;
      so.coast = coast;
      if (!a || !b || !m || idt_aisim_run(&so, a, b, NULL))
        exit(1);
      fclose(a);
      fclose(b);
      if (idt_aisev_scorer_new(&sc, tr, 3600) || !(buf = slurp(nm, &n)))
        exit(1);
      o.emit = idt_aisev_scorer_event;
      o.ctx = sc;
      if (idt_ais_decoder_new(&dec, NULL) || idt_aisev_new(&ev, &o, pl, NULL, 0))
        exit(1);
      for (p = buf, end = buf + n; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (idt_ais_decoder_line(dec, p, len, m) == 1)
          idt_aisev_msg(ev, m);
        p += len + 1;
      }
      idt_aisev_finish(ev);
      idt_aisev_scorer_result(sc, &s);
      printf("  seed %llu noise %2.0f m: %.0f vessel-days, %u false events\n",
             (unsigned long long)seeds[si], noise[ni], s.vessel_days, s.false_events);
      for (t = 0; t < IDT_AEV_NTYPES; t++) {
        tot.truth[t] += s.truth[t];
        tot.found[t] += s.found[t];
        tot.detected[t] += s.detected[t];
        tot.correct[t] += s.correct[t];
        tot.truth_staged[t] += s.truth_staged[t];
        tot.found_staged[t] += s.found_staged[t];
        tot.unobservable[t] += s.unobservable[t];
        tot.ambiguous[t] += s.ambiguous[t];
        tot.strict_truth[t] += s.strict_truth[t];
        tot.strict_found[t] += s.strict_found[t];
        tot.strict_detected[t] += s.strict_detected[t];
      }
      tot.false_events += s.false_events;
      tot.vessel_days += s.vessel_days;
      idt_aisev_free(ev);
      idt_ais_decoder_free(dec);
      idt_aisev_scorer_free(sc);
      free(buf);
      free(m);
    }
  printf("  %-17s %6s %6s %6s %9s %7s %14s %12s\n", "type", "truth", "found", "detect",
         "precision", "recall", "staged recall", "ambiguous");
  for (t = 0; t < IDT_AEV_NTYPES; t++)
    printf("  %-17s %6u %6u %6u %9.3f %7.3f %7u/%-6u %5u/%-6u\n", idt_aisev_type_name(t),
           tot.truth[t], tot.found[t], tot.detected[t],
           tot.detected[t] ? (double)tot.correct[t] / tot.detected[t] : 1.0,
           tot.truth[t] ? (double)tot.found[t] / tot.truth[t] : 1.0, tot.found_staged[t],
           tot.truth_staged[t], tot.ambiguous[t], tot.unobservable[t]);
  printf("  (truth, recall: observable records; ambiguous: detections matching a record\n"
         "   marked observable:false / such records, counted in neither precision nor recall)\n");
  printf("  strict, without the observability rule (every record whose plan meets the\n"
         "  threshold is a positive; every detection counts):\n");
  for (t = 0; t < IDT_AEV_NTYPES; t++)
    printf("  %-17s positives %5u found %5u detected %5u precision %.3f recall %.3f\n",
           idt_aisev_type_name(t), tot.strict_truth[t], tot.strict_found[t],
           tot.strict_detected[t],
           tot.strict_detected[t] ? (double)tot.strict_found[t] / tot.strict_detected[t] : 1.0,
           tot.strict_truth[t] ? (double)tot.strict_found[t] / tot.strict_truth[t] : 1.0);
  printf("  false events: %u over %.0f vessel-days = %.2f per 1,000 vessel-days\n",
         tot.false_events, tot.vessel_days, tot.false_events * 1000.0 / tot.vessel_days);
  unlink(nm);
  unlink(tr);
  idt_aisev_places_free(pl);
  idt_aisev_places_free(zones);
}

int main(int argc, char **argv)
{
  unsigned vessels = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 7000;
  int runs = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 3, r;
  unsigned acc = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 1000;
  const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  idt_aisim_opts so = IDT_AISIM_OPTS_INIT;
  idt_aisim_stats sst;
  idt_aisev_places *pl = places();
  idt_aisev_stats st;
  char path[512];
  double t0, td[21], tp[21], te[21], tsim;
  unsigned long long npos = 0, np2 = 0, np3 = 0;
  size_t n, nv = 0;
  char *buf;
  pos *v = NULL;
  FILE *f;
  pid_t pid;
  if (runs < 1 || runs > 21)
    runs = 3;
  if (!vessels) {              /* accuracy only */
    idt_aisev_places_free(pl);
    accuracy(acc ? acc : 1000);
    return 0;
  }
  snprintf(path, sizeof path, "%s/bench_aisev_day.nmea", tmp);
  so.scenario = "background";
  so.vessels = vessels;
  so.hours = 24;
  if (!(f = fopen(path, "wb")))
    return 1;
  t0 = cpu();
  if (idt_aisim_run(&so, f, NULL, &sst))
    return 1;
  tsim = cpu() - t0;
  fclose(f);
  printf("generated: %llu vessels, %.0f vessel-days, %llu positions, %llu static, "
         "%llu lines in %.1f s CPU (%.2f M lines/s)\n", sst.vessels, sst.vessel_days,
         sst.positions, sst.statics, sst.lines, tsim, sst.lines / tsim / 1e6);
  if (!(buf = slurp(path, &n)))
    return 1;
  printf("input: %.0f MB in memory\n", n / 1e6);
  for (r = 0; r < runs; r++) {
    t0 = cpu();
    npos = pass(buf, n, 0, pl, NULL, NULL);
    td[r] = cpu() - t0;
    t0 = cpu();
    np2 = pass(buf, n, 1, pl, NULL, NULL);
    tp[r] = cpu() - t0;
  }
  pass(buf, n, 0, pl, &v, &nv);
  for (r = 0; r < runs; r++) {
    t0 = cpu();
    np3 = events_only(v, nv, pl, &st);
    te[r] = cpu() - t0;
  }
  {
    double md = median(td, runs), mp = median(tp, runs), me = median(te, runs);
    printf("\nspeed (CPU time, one thread, median of %d):\n", runs);
    printf("  decode only (peer)       %6.2f s  %5.2f M positions/s\n", md, npos / md / 1e6);
    printf("  decode + tracks + events %6.2f s  %5.2f M positions/s  (%.2fx the decode time)\n",
           mp, np2 / mp / 1e6, mp / md);
    printf("  tracks + events alone    %6.2f s  %5.2f M positions/s\n", me, np3 / me / 1e6);
    printf("  events: %llu; vessels %llu, segments %llu, resampled %llu, pairs open max %llu\n",
           nevents / (unsigned long long)(2 * runs), st.vessels, st.segments, st.resampled,
           st.pairs_open_max);
    printf("  detector state: %zu bytes per vessel (+ 10-min buckets and close pairs), "
           "%zu per dormant one;\n  active max %llu, evicted %llu (idle %.0f h), state "
           "max %.1f MB\n", sizeof(idt__vessel), sizeof(idt__dorm), st.active_max,
           st.evicted, ((idt_aisev_opts)IDT_AISEV_OPTS_INIT).idle_hours, st.state_bytes_max / 1e6);
  }
  free(v);
  /* peak RSS of the pipeline alone, in a child */
  fflush(stdout);
  if ((pid = fork()) == 0) {
    struct rusage ru;
    char *b2;
    size_t n2;
    free(buf);
    b2 = slurp(path, &n2);
    getrusage(RUSAGE_SELF, &ru);
    {
      long before = ru.ru_maxrss;
      pass(b2, n2, 1, pl, NULL, NULL);
      getrusage(RUSAGE_SELF, &ru);
      printf("  peak RSS of decode+events: %.1f MB (of which input buffer %.1f MB; %.1f MB "
             "before the run)\n", ru.ru_maxrss / 1024.0, n2 / 1e6, before / 1024.0);
    }
    fflush(stdout);
    _exit(0);
  }
  waitpid(pid, NULL, 0);
  free(buf);
  unlink(path);
  idt_aisev_places_free(pl);
  if (acc)
    accuracy(acc);
  return 0;
}
