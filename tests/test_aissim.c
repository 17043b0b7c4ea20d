/*
 * test_aissim.c - the simulator end to end: determinism, staged events
 * found through encoder -> ais decoder -> detectors on several seeds and
 * noise levels (precision/recall against the ground truth), and the CLI
 * (simulate, events with GeoJSON and --lists from a store).
 *
 * The large scenario and the speed runs are in bench/ (bench_aisevents.c).
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "tap.h"
#include "interdict/aisevents.h"
#include "common/util.h"

static char *path(const char *name)
{
  static char buf[8][512];
  static int k;
  char *p = buf[k++ % 8];
  snprintf(p, 512, "%s/%s", tap_tmpdir(), name);
  return p;
}

/* Coastline for the simulator's truth (scenario_scores_coast), else NULL. */
static const idt_aisev_coast *sim_coast;

static int sim_files(uint64_t seed, double noise, unsigned vessels, const char *nmea,
                     const char *truth, const idt_aisev_places *zones)
{
  idt_aisim_opts o = IDT_AISIM_OPTS_INIT;
  FILE *a = fopen(nmea, "wb"), *b = fopen(truth, "w");
  int rc;
  o.seed = seed;
  o.noise_m = noise;
  o.vessels = vessels;
  o.zones = zones;
  o.coast = sim_coast;
  if (!a || !b) {
    if (a) fclose(a);
    if (b) fclose(b);
    return -1;
  }
  rc = idt_aisim_run(&o, a, b, NULL);
  fclose(a);
  fclose(b);
  return rc;
}

TEST(deterministic)
{
  char h1[65], h2[65], h3[65];
  CHECK_OK(sim_files(7, 10, 10, path("d1.nmea"), path("d1.truth"), NULL));
  CHECK_OK(sim_files(7, 10, 10, path("d2.nmea"), path("d2.truth"), NULL));
  CHECK_OK(sim_files(8, 10, 10, path("d3.nmea"), path("d3.truth"), NULL));
  CHECK_OK(idt_sha256_file(path("d1.nmea"), h1));
  CHECK_OK(idt_sha256_file(path("d2.nmea"), h2));
  CHECK_OK(idt_sha256_file(path("d3.nmea"), h3));
  CHECK_STR(h1, h2);
  CHECK(strcmp(h1, h3) != 0);
}

/* Decode a file line by line (the ais engineer's decoder) into d. */
static int detect_file(const char *nmea, idt_aisev *d, unsigned long long *rejected)
{
  idt_ais_decoder *dec = NULL;
  idt_ais_msg *m = malloc(sizeof *m);
  FILE *f = fopen(nmea, "rb");
  char line[1024];
  int rc = 0;
  *rejected = 0;
  if (!m || !f || idt_ais_decoder_new(&dec, NULL)) {
    free(m);
    if (f)
      fclose(f);
    return -1;
  }
  while (!rc && fgets(line, sizeof line, f)) {
    int r = idt_ais_decoder_line(dec, line, strlen(line), m);
    if (r < 0)
      ++*rejected;
    else if (r > 0)
      rc = idt_aisev_msg(d, m);
  }
  if (!rc)
    rc = idt_aisev_finish(d);
  idt_ais_decoder_free(dec);
  fclose(f);
  free(m);
  return rc;
}

/* Six runs scored together; with c, both the truth and the detector
 * measure "from shore" to the coastline. */
static void scores(const idt_aisev_coast *c)
{
  static const uint64_t seeds[] = {1, 2, 3};
  static const double noises[] = {10, 40};
  idt_aisev_places *pl = NULL, *zones = NULL;
  idt_aisev_score tot;
  size_t si, ni;
  int t;
  memset(&tot, 0, sizeof tot);
  CHECK_OK(idt_aisev_places_new(&pl));
  CHECK_OK(idt_aisev_places_add_dprk(pl));
  CHECK_OK(idt_aisev_places_load_ports(pl, tap_data("data/reference/WPI_ports.csv")));
  CHECK_OK(idt_aisev_places_load_geojson(pl, tap_data("data/reference/eez_prk.json"), IDT_ZONE_USER));
  idt_aisev_places_set_coast(pl, c);
  sim_coast = c;
  CHECK_OK(idt_aisev_places_new(&zones));
  CHECK_OK(idt_aisev_places_load_geojson(zones, tap_data("data/reference/eez_prk.json"), IDT_ZONE_USER));
  for (si = 0; si < 3; si++)
    for (ni = 0; ni < 2; ni++) {
      idt_aisev_scorer *sc = NULL;
      idt_aisev_opts o = IDT_AISEV_OPTS_INIT;
      idt_aisev *d = NULL;
      idt_aisev_score s;
      unsigned long long rej;
      CHECK_OK(sim_files(seeds[si], noises[ni], 40, path("s.nmea"), path("s.truth"), zones));
      CHECK_OK(idt_aisev_scorer_new(&sc, path("s.truth"), 3600));
      if (!sc)
        continue;
      o.emit = idt_aisev_scorer_event;
      o.ctx = sc;
      CHECK_OK(idt_aisev_new(&d, &o, pl, NULL, 0));
      CHECK_OK(detect_file(path("s.nmea"), d, &rej));
      CHECK_INT(rej, 0);        /* every encoded line decodes */
      idt_aisev_scorer_result(sc, &s);
      for (t = 0; t < IDT_AEV_NTYPES; t++) {
        tot.truth[t] += s.truth[t];
        tot.found[t] += s.found[t];
        tot.detected[t] += s.detected[t];
        tot.correct[t] += s.correct[t];
        tot.truth_staged[t] += s.truth_staged[t];
        tot.found_staged[t] += s.found_staged[t];
        tot.unobservable[t] += s.unobservable[t];
        tot.ambiguous[t] += s.ambiguous[t];
      }
      tot.false_events += s.false_events;
      tot.vessel_days += s.vessel_days;
      idt_aisev_free(d);
      idt_aisev_scorer_free(sc);
    }
  for (t = 0; t < IDT_AEV_NTYPES; t++) {
    double prec = tot.detected[t] ? (double)tot.correct[t] / tot.detected[t] : 1;
    double rec = tot.truth[t] ? (double)tot.found[t] / tot.truth[t] : 1;
    double srec = tot.truth_staged[t] ? (double)tot.found_staged[t] / tot.truth_staged[t] : 1;
    tap_diag("%-17s truth %4u found %4u detected %4u precision %.3f recall %.3f "
             "staged %u/%u ambiguous %u/%u", idt_aisev_type_name(t), tot.truth[t],
             tot.found[t], tot.detected[t], prec, rec, tot.found_staged[t],
             tot.truth_staged[t], tot.ambiguous[t], tot.unobservable[t]);
    /* every staged type is staged (and observable) in each of the 6 runs */
    CHECK(tot.truth_staged[t] >= 6);
    CHECK(srec >= 0.95);
    CHECK(prec >= 0.95);
    CHECK(rec >= 0.95);
  }
  tap_diag("false events %u over %.0f vessel-days: %.2f per 1,000", tot.false_events,
           tot.vessel_days, tot.false_events * 1000.0 / tot.vessel_days);
  CHECK(tot.vessel_days > 500);
  CHECK(tot.false_events * 1000.0 / tot.vessel_days < 20);
  idt_aisev_places_free(pl);
  idt_aisev_places_free(zones);
  sim_coast = NULL;
}

TEST(scenario_scores) { scores(NULL); }

TEST(scenario_scores_coast)
{
  idt_aisev_coast *c = NULL;
  if (idt_aisev_coast_builtin(&c) == IDT_ENOTFOUND) {
    tap_diag("no land-50m.json built in: skipped");
    return;
  }
  CHECK(c != NULL);
  if (c)
    scores(c);
  idt_aisev_coast_free(c);
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
  char cmd[4096];
  va_list ap;
  int rc;
  va_start(ap, fmt);
  vsnprintf(cmd, sizeof cmd, fmt, ap);
  va_end(ap);
  rc = system(cmd);
  return rc == -1 ? -1 : WEXITSTATUS(rc);
}

TEST(cli)
{
  const char *cli = tap_cli();
  char db[512], ftm[512], ports[4096];
  FILE *f;
  snprintf(db, sizeof db, "%s", path("store.db"));      /* path() reuses buffers */
  snprintf(ftm, sizeof ftm, "%s", path("list.ftm.json"));
  snprintf(ports, sizeof ports, "%s", tap_data("data/reference/WPI_ports.csv"));
  f = fopen(ftm, "w");
  json_error_t err;
  json_t *gj;
  idt_buf b;
  int listed_tanker = 0;
  CHECK(f != NULL);
  if (!f)
    return;
  /* the staged tanker's IMO on a list */
  fputs("{\"id\":\"t-ocean-grace\",\"schema\":\"Vessel\",\"properties\":{\"name\":"
        "[\"OCEAN GRACE\"],\"imoNumber\":[\"IMO 9182734\"]}}\n", f);
  fclose(f);
  CHECK_INT(run("'%s' ais simulate --help >/dev/null", cli), 0);
  CHECK_INT(run("'%s' ais events --help >/dev/null", cli), 0);
  CHECK_INT(run("'%s' ais simulate --vessels 20 --seed 4 --out %s --truth %s "
                "--zone %s 2>/dev/null", cli, path("c.nmea"), path("c.truth"),
                tap_data("data/reference/eez_prk.json")), 0);
  CHECK_INT(run("'%s' --db %s import ftm %s --dataset test >/dev/null 2>&1", cli, db, ftm), 0);
  CHECK_INT(run("'%s' --db %s ais events --lists --ports %s --zone %s --geojson %s "
                "--truth %s %s > %s 2>%s", cli, db, ports,
                tap_data("data/reference/eez_prk.json"), path("c.geojson"),
                path("c.truth"), path("c.nmea"), path("c.jsonl"), path("c.err")), 0);
  idt_buf_init(&b, (size_t)64 << 20);
  CHECK_OK(idt_read_file(path("c.jsonl"), &b));
  if (b.p) {
    char *p = b.p, *nl;
    for (; (nl = strchr(p, '\n')); p = nl + 1) {
      json_t *e = json_loadb(p, (size_t)(nl - p), 0, &err);
      CHECK(e != NULL);
      if (!e)
        continue;
      if (json_integer_value(json_object_get(e, "mmsi")) == 352000101 &&
          json_is_true(json_object_get(e, "listed")) &&
          !strcmp(json_string_value(json_object_get(json_object_get(e, "list_match"), "id")),
                  "t-ocean-grace"))
        listed_tanker++;
      json_decref(e);
    }
  }
  idt_buf_free(&b);
  /* the dark period, the encounter, the port call, the identity change */
  tap_diag("events of the listed tanker: %d", listed_tanker);
  CHECK(listed_tanker >= 4);
  gj = json_load_file(path("c.geojson"), 0, &err);
  CHECK(gj != NULL);
  if (gj) {
    json_t *fs = json_object_get(gj, "features");
    CHECK_STR(json_string_value(json_object_get(gj, "type")), "FeatureCollection");
    CHECK(json_array_size(fs) > 20);
    json_decref(gj);
  }
  CHECK_INT(run("'%s' ais events --ports /nonexistent.csv %s 2>/dev/null >/dev/null",
                cli, path("c.nmea")), 1);
  CHECK_INT(run("'%s' ais events --bogus 1 x 2>/dev/null", cli), 2);
  CHECK_INT(run("'%s' ais simulate --scenario nope --out %s 2>/dev/null", cli,
                path("x.nmea")), 1);
}

int main(void)
{
  RUN(deterministic);
  RUN(scenario_scores);
  RUN(scenario_scores_coast);
  RUN(cli);
  return tap_done();
}
