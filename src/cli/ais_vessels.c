/*
 * ais_vessels.c - `interdict ais vessels`: the identity registry as a table
 * or JSON lines, optionally only the flagged vessels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "cli.h"
#include "interdict/ais.h"

int cli_ais_vessels(int argc, char **argv);

static const char help[] =
  "usage: interdict ais vessels [--flagged] [--lists] [--format table|jsonl]\n"
  "\n"
  "List the vessels in the registry of the store (--db): MMSI, latest IMO,\n"
  "name, call sign, flag from the MID, ship type, first and last seen,\n"
  "messages, and the identity flags with their evidence. Feed the registry\n"
  "with `interdict ais ingest FILE...` or `ais decode --registry`.\n"
  "--lists first refreshes the list vessels matched against (every FtM\n"
  "Vessel, or entity with an IMO or MMSI, of the current datasets in the\n"
  "store, e.g. after `interdict import`).\n";

static void iso(char *out, size_t cap, int64_t t)
{
  struct tm tm;
  time_t tt = (time_t)t;
  if (t == IDT_AIS_NOTIME || !gmtime_r(&tt, &tm) || !strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm))
    snprintf(out, cap, "-");
}

static int print_table(const idt_ais_vessel *v, void *ctx)
{
  char f[32], l[32];
  unsigned i;
  (void)ctx;
  iso(f, sizeof f, v->first_seen);
  iso(l, sizeof l, v->last_seen);
  printf("%09u  %-7u  %-20s  %-7s  %-2s  %3d  %-20s  %-20s  %6llu\n", v->mmsi, v->imo,
         v->name[0] ? v->name : "-", v->callsign[0] ? v->callsign : "-",
         v->flag[0] ? v->flag : "--", v->shiptype, f, l, v->messages);
  for (i = 0; i < v->nflags; i++)
    printf("    ! %s\n", v->flags[i]);
  return 0;
}

static int print_jsonl(const idt_ais_vessel *v, void *ctx)
{
  json_t *o = json_object(), *fl = json_array();
  char f[32], l[32], *s;
  unsigned i;
  (void)ctx;
  iso(f, sizeof f, v->first_seen);
  iso(l, sizeof l, v->last_seen);
  json_object_set_new(o, "mmsi", json_integer(v->mmsi));
  json_object_set_new(o, "imo", v->imo ? json_integer(v->imo) : json_null());
  json_object_set_new(o, "name", json_string(v->name));
  json_object_set_new(o, "callsign", json_string(v->callsign));
  json_object_set_new(o, "flag", v->flag[0] ? json_string(v->flag) : json_null());
  json_object_set_new(o, "shiptype", v->shiptype >= 0 ? json_integer(v->shiptype) : json_null());
  json_object_set_new(o, "destination", json_string(v->destination));
  json_object_set_new(o, "first_seen", v->first_seen == IDT_AIS_NOTIME ? json_null() : json_string(f));
  json_object_set_new(o, "last_seen", v->last_seen == IDT_AIS_NOTIME ? json_null() : json_string(l));
  json_object_set_new(o, "messages", json_integer((json_int_t)v->messages));
  for (i = 0; i < v->nflags; i++)
    json_array_append_new(fl, json_string(v->flags[i]));
  json_object_set_new(o, "flags", fl);
  s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  if (s)
    puts(s);
  free(s);
  json_decref(o);
  return 0;
}

int cli_ais_vessels(int argc, char **argv)
{
  idt_ais_registry *r;
  int i, flagged = 0, jsonl = 0, lists = 0, rc;
  for (i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    } else if (!strcmp(argv[i], "--flagged")) {
      flagged = 1;
    } else if (!strcmp(argv[i], "--lists")) {
      lists = 1;
    } else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
      const char *f = argv[++i];
      if (!strcmp(f, "jsonl")) jsonl = 1;
      else if (strcmp(f, "table")) return cli_usage("ais vessels", "unknown format '%s'", f);
    } else {
      return cli_usage("ais vessels", "unknown argument '%s'", argv[i]);
    }
  }
  if (idt_ais_registry_open(&r, cli_db_path()) < 0)
    return cli_fail("ais vessels");
  if (lists) {
    unsigned long n = 0;
    if (idt_ais_registry_load_lists(r, cli_db_path(), &n) < 0) {
      idt_ais_registry_free(r);
      return cli_fail("ais vessels: loading list vessels");
    }
    fprintf(stderr, "ais vessels: %lu list vessels to match against\n", n);
  }
  if (!jsonl)
    printf("%-9s  %-7s  %-20s  %-7s  %-2s  %3s  %-20s  %-20s  %6s\n", "MMSI", "IMO", "NAME",
           "CALL", "FL", "TYP", "FIRST SEEN", "LAST SEEN", "MSGS");
  rc = idt_ais_registry_each(r, flagged, jsonl ? print_jsonl : print_table, NULL);
  idt_ais_registry_free(r);
  return rc < 0 ? cli_fail("ais vessels") : 0;
}
