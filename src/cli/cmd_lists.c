/*
 * cmd_lists.c - `interdict lists [--format table|json] [--all]`: the
 * datasets in the store with their current version (or every version),
 * when it was made, from which files (with SHA-256) and what it holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "interdict/interdict.h"
#include "interdict/store.h"

const char cmd_lists_summary[] = "show the imported lists: versions, files, checksums, counts";

static const char help[] =
  "usage: interdict lists [--format table|json] [--all] [DATASET]\n"
  "\n"
  "Show each dataset's current version: id, creation time (UTC), format,\n"
  "entity counts (listed = topic sanction; derived = the rest: sanctions,\n"
  "relationships, addresses), the files it was imported from with size and\n"
  "SHA-256, and counts by schema.\n"
  "  --format table|json  output format (default table)\n"
  "  --all                every version, not only the current ones\n";

static void print_files(const char *files_json)
{
  json_error_t err;
  json_t *a = json_loads(files_json, 0, &err), *f;
  size_t i;
  json_array_foreach(a, i, f) {
    printf("    %-24s %10lld bytes  sha256 %s\n",
           json_string_value(json_object_get(f, "name")),
           (long long)json_integer_value(json_object_get(f, "size")),
           json_string_value(json_object_get(f, "sha256")));
  }
  json_decref(a);
}

static void print_counts(const char *counts_json)
{
  json_error_t err;
  json_t *o = json_loads(counts_json, 0, &err), *v;
  const char *k;
  int col = 0;
  if (!o)
    return;
  printf("   ");
  json_object_foreach(o, k, v) {
    if (col && col % 4 == 0)
      printf("\n   ");
    printf(" %s %lld", k, (long long)json_integer_value(v));
    col++;
  }
  printf("\n");
  json_decref(o);
}

static void table(const idt_version_list *l)
{
  size_t i;
  if (!l->n) {
    printf("no lists imported yet (interdict import FORMAT PATH... or interdict update)\n");
    return;
  }
  printf("%-20s %7s %-20s %-9s %9s %8s %8s\n", "DATASET", "VERSION", "CREATED",
         "FORMAT", "ENTITIES", "LISTED", "DERIVED");
  for (i = 0; i < l->n; i++) {
    const idt_version_rec *v = &l->v[i];
    printf("%-20s %6lld%s %-20s %-9s %9llu %8llu %8llu\n", v->dataset,
           (long long)v->id, v->current ? "*" : " ", v->created, v->format,
           (unsigned long long)v->entities, (unsigned long long)v->listed,
           (unsigned long long)(v->entities - v->listed));
    print_files(v->files_json);
    print_counts(v->counts_json);
  }
}

static int json_out(const idt_version_list *l)
{
  json_t *a = json_array();
  json_error_t err;
  size_t i;
  char *s;
  for (i = 0; i < l->n; i++) {
    const idt_version_rec *v = &l->v[i];
    json_t *o = json_object();
    json_object_set_new(o, "dataset", json_string(v->dataset));
    json_object_set_new(o, "version", json_integer(v->id));
    json_object_set_new(o, "current", json_boolean(v->current));
    json_object_set_new(o, "created", json_string(v->created));
    json_object_set_new(o, "format", json_string(v->format));
    json_object_set_new(o, "source", json_string(v->source));
    json_object_set_new(o, "checksum", json_string(v->checksum));
    json_object_set_new(o, "entities", json_integer((json_int_t)v->entities));
    json_object_set_new(o, "listed", json_integer((json_int_t)v->listed));
    json_object_set_new(o, "statements", json_integer((json_int_t)v->statements));
    json_object_set_new(o, "files", json_loads(v->files_json, 0, &err));
    json_object_set_new(o, "counts", json_loads(v->counts_json, 0, &err));
    json_array_append_new(a, o);
  }
  s = json_dumps(a, JSON_INDENT(2));
  json_decref(a);
  if (!s)
    return 1;
  puts(s);
  free(s);
  return 0;
}

int cmd_lists(int argc, char **argv)
{
  const char *format = "table", *dataset = NULL;
  int i, all = 0, rc;
  idt_store *st = NULL;
  idt_version_list *l = NULL;

  for (i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      format = argv[++i];
    } else if (strcmp(argv[i], "--all") == 0) {
      all = 1;
    } else if (argv[i][0] == '-') {
      return cli_usage("lists", "unknown option '%s'", argv[i]);
    } else if (!dataset) {
      dataset = argv[i];
    } else {
      return cli_usage("lists", "unexpected argument '%s'", argv[i]);
    }
  }
  if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0)
    return cli_usage("lists", "unknown format '%s' (table, json)", format);
  if (idt_store_open(&st, cli_db_path()) ||
      idt_store_versions(st, dataset, !all, &l)) {
    rc = cli_fail("lists");
    goto out;
  }
  if (strcmp(format, "json") == 0)
    rc = json_out(l);
  else {
    table(l);
    rc = 0;
  }
out:
  idt_version_list_free(l);
  idt_store_close(st);
  return rc;
}
