/*
 * ais_events.c - `interdict ais events`: decode NMEA (the ais decoder),
 * run the event detectors, write JSON lines (stdout) and optionally a
 * GeoJSON FeatureCollection; --truth scores the events against a
 * simulator's ground truth.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "interdict/aisevents.h"
#include "interdict/store.h"

int idt_cli_ais_events(int argc, char **argv);

static const char help[] =
  "usage: interdict ais events [--ports FILE.csv]... [--zone FILE.geojson]...\n"
  "                            [--watch FILE.geojson]... [--lists [--dataset D]...]\n"
  "                            [--geojson FILE] [--types T,T] [--truth FILE]\n"
  "                            [--no-coast] [--stats] [THRESHOLDS] FILE...|-\n"
  "\n"
  "Decode AIS NMEA (IEC 61162-450 tag-block or trailing times required) and\n"
  "detect, per vessel in time order: dark periods (gap), encounters (possible\n"
  "ship-to-ship transfers), loitering, port visits, zone entry/exit, jumps\n"
  "implying impossible speed (spoofing or a shared MMSI), invalid positions,\n"
  "and identity changes (an IMO under a new MMSI, a renamed ship). One JSON\n"
  "object per event on stdout with its evidence: the rule and numbers that\n"
  "fired, the thresholds, and the track around it.\n"
  "\n"
  "  --ports FILE     port list CSV (WPI_ports.csv or dprk_ports.csv columns)\n"
  "                   for port visits and the anchorage rule. The DPRK ports\n"
  "                   are built in; give the WPI list too\n"
  "                   (data/reference/WPI_ports.csv).\n"
  "  --no-coast       measure \"from shore\" (gap intent, loitering) to the\n"
  "                   nearest port instead of the built-in Natural Earth\n"
  "                   1:50m coastline (the default)\n"
  "  --zone FILE      GeoJSON Polygon/MultiPolygon: entry and exit events\n"
  "  --watch FILE     GeoJSON watch areas: loitering anywhere inside, and\n"
  "                   encounters inside are kept even near an anchorage;\n"
  "                   gaps inside count as in the DPRK vicinity\n"
  "  --lists          mark events of vessels on the lists in the store\n"
  "                   (--db): exact IMO or MMSI match with Vessel entities\n"
  "  --dataset D      only these datasets (repeatable; default all)\n"
  "  --geojson FILE   also write the events and their tracks as GeoJSON\n"
  "  --types LIST     only these event types (comma-separated names)\n"
  "  --truth FILE     score against a simulator truth file: precision and\n"
  "                   recall per type and false events per 1,000 vessel-days\n"
  "                   on stderr (exit 0 whatever the score)\n"
  "  --stats          counters on stderr\n"
  "\n"
  "Thresholds (defaults after Global Fishing Watch; see docs/cli/ais-events.md):\n"
  "  --gap-hours H (6)  --gap-intent-hours H (12)  --gap-shore-nm N (50)\n"
  "  --gap-min-positions N (14)  --dprk-radius-nm N (100)\n"
  "  --dprk-gap-hours H (6)  --dprk-waters-nm N (30)\n"
  "  --enc-distance-m M (500)  --enc-hours H (2)  --enc-speed-kn K (2)\n"
  "  --enc-resample-min M (10)  --enc-max-interp-hours H (1)\n"
  "  --enc-merge-hours H (4)  --enc-anchorage-km K (10)\n"
  "  --loiter-speed-kn K (2)  --loiter-hours H (4)  --loiter-shore-nm N (20)\n"
  "  --port-entry-km K (3)  --port-exit-km K (4)  --port-stop-kn K (0.2)\n"
  "  --spoof-speed-kn K (50)  --max-lag-s S (3600)\n"
  "\n"
  "Memory:\n"
  "  --idle-hours H (48)  a vessel silent H hours of stream time has its open\n"
  "                   loitering/port visit closed (\"open\":true) and its state\n"
  "                   released, keeping ~100 bytes (last fix, IMO, name, list\n"
  "                   match) so its return still makes a gap event; memory then\n"
  "                   follows the active vessels. 0: never evict\n"
  "\n"
  "Exit status: 0, 1 on an error (unreadable file, bad port list/GeoJSON,\n"
  "store), 2 on a usage error.\n";

typedef struct thr { const char *opt; size_t off; } thr;
#define T(o, f) { o, offsetof(idt_aisev_opts, f) }
static const thr thrs[] = {
  T("--gap-hours", gap_hours), T("--gap-intent-hours", gap_intent_hours),
  T("--gap-shore-nm", gap_intent_shore_nm), T("--dprk-radius-nm", dprk_radius_nm),
  T("--dprk-gap-hours", dprk_gap_hours), T("--dprk-waters-nm", dprk_waters_nm),
  T("--enc-distance-m", enc_dist_m), T("--enc-hours", enc_hours),
  T("--enc-speed-kn", enc_speed_kn), T("--enc-resample-min", enc_resample_min),
  T("--enc-max-interp-hours", enc_max_interp_h), T("--enc-merge-hours", enc_merge_h),
  T("--enc-anchorage-km", enc_anchorage_km), T("--loiter-speed-kn", loiter_speed_kn),
  T("--loiter-hours", loiter_hours), T("--loiter-shore-nm", loiter_shore_nm),
  T("--port-entry-km", port_entry_km), T("--port-exit-km", port_exit_km),
  T("--port-stop-kn", port_stop_kn), T("--spoof-speed-kn", spoof_speed_kn),
  T("--max-lag-s", max_lag_s), T("--idle-hours", idle_hours),
};

typedef struct ctx {
  idt_aisev_opts o;
  FILE *gj;
  int first, types_mask;
  idt_aisev_scorer *sc;
  unsigned long long written;
} ctx;

static int on_event(void *p, const idt_aisev_event *e)
{
  ctx *c = p;
  int rc;
  if (c->sc)
    idt_aisev_scorer_event(c->sc, e);
  if (c->types_mask && !(c->types_mask & (1 << e->type)))
    return 0;
  if ((rc = idt_aisev_json(stdout, e, &c->o)))
    return rc;
  if (c->gj) {
    if ((rc = idt_aisev_geojson_feature(c->gj, e, c->first)))
      return rc;
    c->first = 0;
  }
  c->written++;
  return 0;
}

/* ---- watch list from the store ---- */

typedef struct wl {
  idt_aisev_watch *w;
  size_t n, cap;
} wl;

static uint32_t digits(const char *s, unsigned want)
{
  unsigned n = 0;
  uint32_t v = 0;
  for (; s && *s; s++) {
    if (*s >= '0' && *s <= '9') {
      v = v * 10 + (uint32_t)(*s - '0');
      if (++n == want)
        return s[1] >= '0' && s[1] <= '9' ? 0 : v;
    } else {
      n = 0;
      v = 0;
    }
  }
  return 0;
}

static char *dup(const char *s)
{
  size_t n = s ? strlen(s) : 0;
  char *p = malloc(n + 1);
  if (p) {
    memcpy(p, s ? s : "", n);
    p[n] = 0;
  }
  return p;
}

static int add_watch(wl *l, uint32_t imo, uint32_t mmsi, const idt_entity *e)
{
  idt_aisev_watch *w;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 256;
    idt_aisev_watch *nw = realloc(l->w, cap * sizeof *nw);
    if (!nw)
      return idt_error_set(IDT_ENOMEM, "lists: out of memory");
    l->w = nw;
    l->cap = cap;
  }
  w = &l->w[l->n];
  w->imo = imo;
  w->mmsi = mmsi;
  w->id = dup(e->id);
  w->caption = dup(idt_entity_caption(e));
  w->dataset = dup(e->dataset);
  if (!w->id || !w->caption || !w->dataset)
    return idt_error_set(IDT_ENOMEM, "lists: out of memory");
  l->n++;
  return 0;
}

static int on_entity(void *p, idt_entity *e)
{
  wl *l = p;
  const char *imos[8], *mmsis[8];
  size_t ni, nm, i, j;
  int rc;
  if (!idt_schema_is_a(e->schema, "Vessel"))
    return 0;
  ni = idt_entity_values(e, "imoNumber", imos, 8);
  nm = idt_entity_values(e, "mmsi", mmsis, 8);
  if (ni > 8) ni = 8;
  if (nm > 8) nm = 8;
  for (i = 0; i < ni; i++) {
    uint32_t imo = digits(imos[i], 7);
    if (imo && (rc = add_watch(l, imo, 0, e)))
      return rc;
  }
  for (j = 0; j < nm; j++) {
    uint32_t mmsi = digits(mmsis[j], 9);
    if (mmsi && (rc = add_watch(l, 0, mmsi, e)))
      return rc;
  }
  return 0;
}

static void wl_free(wl *l)
{
  size_t i;
  for (i = 0; i < l->n; i++) {
    free((char *)l->w[i].id);
    free((char *)l->w[i].caption);
    free((char *)l->w[i].dataset);
  }
  free(l->w);
}

/* ---- input ---- */

#define BLOCK (1u << 20)

typedef struct in {
  idt_ais_decoder *dec;
  idt_aisev *ev;
  idt_ais_msg msg;
  unsigned long long rejected;
} in;

static int one(in *c, const char *line, size_t n)
{
  int rc = idt_ais_decoder_line(c->dec, line, n, &c->msg);
  if (rc < 0) {
    c->rejected++;
    return 0;
  }
  return rc ? idt_aisev_msg(c->ev, &c->msg) : 0;
}

static int run_file(in *c, const char *path, char *buf)
{
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  size_t have = 0, got;
  int rc = 0;
  if (!f)
    return idt_error_set(IDT_EIO, "%s: cannot open", path);
  while ((got = fread(buf + have, 1, BLOCK - have, f)) > 0 || have) {
    char *p = buf, *end = buf + have + got, *nl;
    int eof = got == 0;
    while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
      if ((rc = one(c, p, (size_t)(nl - p))))
        goto out;
      p = nl + 1;
    }
    have = (size_t)(end - p);
    if (eof || have == BLOCK) {
      if (have && (rc = one(c, p, have)))
        goto out;
      have = 0;
      if (eof)
        break;
      continue;
    }
    memmove(buf, p, have);
  }
  if (ferror(f))
    rc = idt_error_set(IDT_EIO, "%s: read error", path);
out:
  if (f != stdin)
    fclose(f);
  return rc;
}

static void print_score(const idt_aisev_scorer *sc)
{
  idt_aisev_score s;
  int t;
  idt_aisev_scorer_result(sc, &s);
  fprintf(stderr, "%-17s %6s %6s %6s %9s %7s %13s %9s\n", "type", "truth", "found", "detect",
          "precision", "recall", "staged recall", "ambiguous");
  for (t = 0; t < IDT_AEV_NTYPES; t++) {
    if (!s.truth[t] && !s.detected[t] && !s.unobservable[t])
      continue;
    fprintf(stderr, "%-17s %6u %6u %6u %9.3f %7.3f %6u/%-6u %4u/%-4u\n",
            idt_aisev_type_name(t), s.truth[t], s.found[t], s.detected[t],
            s.detected[t] ? (double)s.correct[t] / s.detected[t] : 1.0,
            s.truth[t] ? (double)s.found[t] / s.truth[t] : 1.0, s.found_staged[t],
            s.truth_staged[t], s.ambiguous[t], s.unobservable[t]);
  }
  fprintf(stderr, "false events: %u over %.1f vessel-days = %.2f per 1,000 vessel-days\n",
          s.false_events, s.vessel_days,
          s.vessel_days > 0 ? s.false_events * 1000.0 / s.vessel_days : 0.0);
}

int idt_cli_ais_events(int argc, char **argv)
{
  ctx c;
  in ic;
  idt_aisev_places *pl = NULL;
  idt_store *st = NULL;
  wl list = {NULL, 0, 0};
  const char *files[256], *datasets[64], *gjpath = NULL, *truth = NULL;
  size_t nfiles = 0, nds = 0, k;
  int i, rc = 0, lists = 0, stats = 0, coast = 1;
  char *buf = NULL;
  idt_aisev_coast *cst = NULL;
  idt_aisev_opts def = IDT_AISEV_OPTS_INIT;

  memset(&c, 0, sizeof c);
  memset(&ic, 0, sizeof ic);
  c.o = def;
  c.first = 1;
  if ((rc = idt_aisev_places_new(&pl)) || (rc = idt_aisev_places_add_dprk(pl)))
    return cli_fail("ais events");
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    int matched = 0;
    if (cli_is_help(a)) {
      fputs(help, stdout);
      idt_aisev_places_free(pl);
      return 0;
    }
    if (!strcmp(a, "-") || a[0] != '-') {
      if (nfiles == sizeof files / sizeof files[0]) {
        idt_aisev_places_free(pl);
        return cli_usage("ais events", "too many input files");
      }
      files[nfiles++] = a;
      continue;
    }
    if (!strcmp(a, "--lists")) {
      lists = 1;
      continue;
    }
    if (!strcmp(a, "--stats")) {
      stats = 1;
      continue;
    }
    if (!strcmp(a, "--no-coast")) {
      coast = 0;
      continue;
    }
    if (i + 1 >= argc) {
      idt_aisev_places_free(pl);
      return cli_usage("ais events", "option '%s' needs a value or is unknown", a);
    }
    if (!strcmp(a, "--ports"))
      rc = idt_aisev_places_load_ports(pl, argv[++i]);
    else if (!strcmp(a, "--zone"))
      rc = idt_aisev_places_load_geojson(pl, argv[++i], IDT_ZONE_USER);
    else if (!strcmp(a, "--watch"))
      rc = idt_aisev_places_load_geojson(pl, argv[++i], IDT_ZONE_WATCH);
    else if (!strcmp(a, "--geojson"))
      gjpath = argv[++i];
    else if (!strcmp(a, "--truth"))
      truth = argv[++i];
    else if (!strcmp(a, "--dataset") && nds < 64)
      datasets[nds++] = argv[++i];
    else if (!strcmp(a, "--types")) {
      char tmp[256], *p, *save = NULL;
      snprintf(tmp, sizeof tmp, "%s", argv[++i]);
      for (p = tmp; p; p = save) {
        int ty;
        save = strchr(p, ',');
        if (save)
          *save++ = 0;
        if ((ty = idt_aisev_type_from_name(p)) < 0) {
          idt_aisev_places_free(pl);
          return cli_usage("ais events", "unknown event type '%s'", p);
        }
        c.types_mask |= 1 << ty;
      }
    } else if (!strcmp(a, "--gap-min-positions")) {
      char *end;
      long v = strtol(argv[++i], &end, 10);
      if (*end || v < 0) {
        idt_aisev_places_free(pl);
        return cli_usage("ais events", "%s needs a whole number", a);
      }
      c.o.gap_intent_min_pos = (unsigned)v;
    } else {
      for (k = 0; k < sizeof thrs / sizeof thrs[0]; k++)
        if (!strcmp(a, thrs[k].opt)) {
          char *end;
          double v = strtod(argv[i + 1], &end);
          if (*end || end == argv[i + 1] || v < 0) {
            idt_aisev_places_free(pl);
            return cli_usage("ais events", "%s needs a non-negative number", a);
          }
          *(double *)((char *)&c.o + thrs[k].off) = v;
          matched = 1;
          i++;
          break;
        }
      if (!matched) {
        idt_aisev_places_free(pl);
        return cli_usage("ais events", "unknown option '%s'", a);
      }
    }
    if (rc)
      goto fail;
  }
  if (!nfiles) {
    idt_aisev_places_free(pl);
    return cli_usage("ais events", "no input (FILE... or - for stdin)");
  }
  if (coast) {
    if ((rc = idt_aisev_coast_builtin(&cst)))
      goto fail;
    idt_aisev_places_set_coast(pl, cst);
  } else if (idt_aisev_places_nports(pl) < 64)
    fprintf(stderr, "interdict ais events: only the built-in DPRK ports: distance from "
            "shore is measured to them alone (give --ports WPI_ports.csv)\n");
  if (lists) {
    if ((rc = idt_store_open(&st, cli_db_path())) ||
        (rc = idt_store_load(st, nds ? datasets : NULL, nds, on_entity, &list)))
      goto fail;
    idt_store_close(st);
    st = NULL;
    if (stats)
      fprintf(stderr, "lists: %zu vessel identifiers\n", list.n);
  }
  if (truth && (rc = idt_aisev_scorer_new(&c.sc, truth, 3600)))
    goto fail;
  if (gjpath) {
    if (!(c.gj = fopen(gjpath, "w"))) {
      rc = idt_error_set(IDT_EIO, "%s: cannot create", gjpath);
      goto fail;
    }
    if ((rc = idt_aisev_geojson_begin(c.gj)))
      goto fail;
  }
  c.o.emit = on_event;
  c.o.ctx = &c;
  if ((rc = idt_ais_decoder_new(&ic.dec, NULL)) ||
      (rc = idt_aisev_new(&ic.ev, &c.o, pl, list.w, list.n)))
    goto fail;
  if (!(buf = malloc(BLOCK))) {
    rc = idt_error_set(IDT_ENOMEM, "out of memory");
    goto fail;
  }
  for (k = 0; k < nfiles; k++)
    if ((rc = run_file(&ic, files[k], buf)))
      goto fail;
  if ((rc = idt_aisev_finish(ic.ev)))
    goto fail;
  if (c.gj) {
    rc = idt_aisev_geojson_end(c.gj);
    if (fclose(c.gj) && !rc)
      rc = idt_error_set(IDT_EIO, "%s: write error", gjpath);
    c.gj = NULL;
    if (rc)
      goto fail;
  }
  if (fflush(stdout)) {
    rc = idt_error_set(IDT_EIO, "stdout: write error");
    goto fail;
  }
  if (stats) {
    idt_aisev_stats s;
    int t;
    idt_aisev_get_stats(ic.ev, &s);
    fprintf(stderr, "positions %llu, static %llu, no time %llu, out of order %llu, "
            "invalid %llu, rejected lines %llu, vessels %llu, segments %llu, resampled %llu, "
            "encounter candidates %llu, dropped near anchorages %llu, pairs open max %llu\n",
            s.positions, s.static_msgs, s.no_time, s.out_of_order, s.invalid, ic.rejected,
            s.vessels, s.segments, s.resampled, s.enc_candidates, s.enc_dropped_anchorage,
            s.pairs_open_max);
    fprintf(stderr, "vessel state: active %llu (max %llu, %llu slots), dormant %llu, "
            "evicted %llu, returned %llu, detector memory %.1f MB (max %.1f MB)\n",
            s.active, s.active_max, s.slots, s.dormant, s.evicted, s.revived,
            s.state_bytes / 1e6, s.state_bytes_max / 1e6);
    for (t = 0; t < IDT_AEV_NTYPES; t++)
      fprintf(stderr, "  %-17s %llu\n", idt_aisev_type_name(t), s.events[t]);
  }
  if (c.sc)
    print_score(c.sc);
  idt_aisev_free(ic.ev);
  idt_ais_decoder_free(ic.dec);
  idt_aisev_scorer_free(c.sc);
  idt_aisev_places_free(pl);
  idt_aisev_coast_free(cst);
  wl_free(&list);
  free(buf);
  return 0;
fail:
  if (c.gj)
    fclose(c.gj);
  idt_store_close(st);
  idt_aisev_free(ic.ev);
  idt_ais_decoder_free(ic.dec);
  idt_aisev_scorer_free(c.sc);
  idt_aisev_places_free(pl);
  idt_aisev_coast_free(cst);
  wl_free(&list);
  free(buf);
  return cli_fail("ais events");
}
