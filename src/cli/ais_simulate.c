/*
 * ais_simulate.c - `interdict ais simulate`: write a generated scenario as
 * NMEA (with tag-block times) and its ground truth as JSON lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "interdict/aisevents.h"

int idt_cli_ais_simulate(int argc, char **argv);

static const char help[] =
  "usage: interdict ais simulate [--scenario dprk|background] [--seed N]\n"
  "                              [--vessels N] [--hours H] [--noise M]\n"
  "                              [--drop P] [--zone FILE.geojson] [--no-coast]\n"
  "                              --out FILE.nmea [--truth FILE.jsonl]\n"
  "\n"
  "Generate AIS traffic: scripted vessels (waypoint legs, speeds, ITU-R\n"
  "M.1371 reporting intervals by speed class, coast-station vs satellite\n"
  "reception, position noise, lost messages) encoded as NMEA AIVDM lines\n"
  "(types 1, 5, 18, 24) with IEC 61162-450 tag blocks \\s:sim,c:TIME*hh\\,\n"
  "in time order, and the ground truth of the staged events.\n"
  "\n"
  "  --scenario NAME  dprk (default): a DPRK-linked tanker dark 14 h in\n"
  "                   Korea Bay, a 3 h ship-to-ship meeting 6 km off Nampo,\n"
  "                   a call at Nampo, a new MMSI/name/flag under the same\n"
  "                   IMO; a second tanker dark 8 h near Nampo; loitering,\n"
  "                   a shared MMSI, invalid positions, two offshore gaps;\n"
  "                   plus background traffic. background: traffic only.\n"
  "  --seed N         random seed (default 1): same seed, same output\n"
  "  --vessels N      background vessels (default 300): cargo and express\n"
  "                   ships between ports, fishing boats (class B), ships\n"
  "                   at anchor off Chinese ports\n"
  "  --hours H        length (default 48; dprk needs >= 48)\n"
  "  --noise M        position noise in metres, 1 sigma (default 10)\n"
  "  --drop P         share of coast-station messages lost (default 0.1)\n"
  "  --zone FILE      GeoJSON polygon(s): a fishing boat crosses the first\n"
  "                   and its entries/exits go into the truth\n"
  "  --no-coast       truth's \"offshore\" (loitering) measured to the nearest\n"
  "                   port, not the built-in coastline: pair it with\n"
  "                   'ais events --no-coast'\n"
  "  --out FILE       NMEA output ('-' for stdout)\n"
  "  --truth FILE     ground truth, one JSON object per staged event and a\n"
  "                   final {\"type\":\"meta\",...} line\n"
  "See docs/cli/ais-simulate.md.\n";

static int num(const char *s, double *out)
{
  char *end;
  *out = strtod(s, &end);
  return *end || end == s ? -1 : 0;
}

int idt_cli_ais_simulate(int argc, char **argv)
{
  idt_aisim_opts o = IDT_AISIM_OPTS_INIT;
  idt_aisim_stats st;
  idt_aisev_places *zones = NULL;
  idt_aisev_coast *coast = NULL;
  const char *out = NULL, *truth = NULL, *zone = NULL;
  FILE *fo = NULL, *ft = NULL;
  int i, rc = 0, use_coast = 1;
  double v;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) {
      fputs(help, stdout);
      return 0;
    }
    if (!strcmp(a, "--no-coast")) {
      use_coast = 0;
      continue;
    }
    if (i + 1 >= argc)
      return cli_usage("ais simulate", "unknown or incomplete option '%s'", a);
    if (!strcmp(a, "--scenario"))
      o.scenario = argv[++i];
    else if (!strcmp(a, "--out"))
      out = argv[++i];
    else if (!strcmp(a, "--truth"))
      truth = argv[++i];
    else if (!strcmp(a, "--zone"))
      zone = argv[++i];
    else {
      if (num(argv[++i], &v) || v < 0)
        return cli_usage("ais simulate", "%s needs a non-negative number", a);
      if (!strcmp(a, "--seed")) o.seed = (uint64_t)v;
      else if (!strcmp(a, "--vessels")) o.vessels = (unsigned)v;
      else if (!strcmp(a, "--hours")) o.hours = v;
      else if (!strcmp(a, "--noise")) o.noise_m = v;
      else if (!strcmp(a, "--drop")) {
        if (v > 1)
          return cli_usage("ais simulate", "--drop is a share between 0 and 1");
        o.drop = v;
      } else
        return cli_usage("ais simulate", "unknown option '%s'", a);
    }
  }
  if (!out)
    return cli_usage("ais simulate", "--out FILE is required");
  if (zone) {
    if ((rc = idt_aisev_places_new(&zones)) ||
        (rc = idt_aisev_places_load_geojson(zones, zone, IDT_ZONE_USER)))
      goto fail;
    o.zones = zones;
  }
  if (use_coast) {
    if ((rc = idt_aisev_coast_builtin(&coast)))
      goto fail;
    o.coast = coast;
  }
  fo = strcmp(out, "-") ? fopen(out, "wb") : stdout;
  if (!fo) {
    idt_error_set(IDT_EIO, "%s: cannot create", out);
    goto fail;
  }
  if (truth && !(ft = fopen(truth, "w"))) {
    idt_error_set(IDT_EIO, "%s: cannot create", truth);
    goto fail;
  }
  if ((rc = idt_aisim_run(&o, fo, ft, &st)))
    goto fail;
  if (fo != stdout && fclose(fo)) {
    fo = NULL;
    idt_error_set(IDT_EIO, "%s: write error", out);
    goto fail;
  }
  fo = NULL;
  if (ft && fclose(ft)) {
    ft = NULL;
    idt_error_set(IDT_EIO, "%s: write error", truth);
    goto fail;
  }
  ft = NULL;
  fprintf(stderr, "simulate: %llu vessels, %.1f vessel-days, %llu positions, "
          "%llu static, %llu lines, %llu staged events\n", st.vessels, st.vessel_days,
          st.positions, st.statics, st.lines, st.truth);
  idt_aisev_places_free(zones);
  idt_aisev_coast_free(coast);
  return 0;
fail:
  if (fo && fo != stdout)
    fclose(fo);
  if (ft)
    fclose(ft);
  idt_aisev_places_free(zones);
  idt_aisev_coast_free(coast);
  return cli_fail("ais simulate");
}
