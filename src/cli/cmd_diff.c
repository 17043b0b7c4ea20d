/*
 * cmd_diff.c - `interdict diff DATASET [FROM TO] [--format table|jsonl]`:
 * the entities added, removed and changed between two versions of a
 * dataset (default: the previous and the current), and for changed ones
 * which property values came and went.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "interdict/interdict.h"
#include "interdict/store.h"

const char cmd_diff_summary[] = "show what changed between two versions of a list";

static const char help[] =
  "usage: interdict diff DATASET [FROM TO] [--format table|jsonl]\n"
  "       interdict diff DATASET --history ENTITY_ID\n"
  "\n"
  "List the entities added (+), removed (-) and changed (~) between version\n"
  "FROM and version TO of DATASET (default: the previous and the current\n"
  "version; see `interdict lists --all` for version ids). For a changed\n"
  "entity, each property value added or removed is shown.\n"
  "  --format table|jsonl  output format (default table); jsonl prints one\n"
  "                        JSON object per entity and a final summary line\n"
  "  --history ENTITY_ID   instead, every value the entity ever had, with the\n"
  "                        versions in which it held (\"current\" if it still does)\n";

static int history_item(void *ctx, const idt_value_history *h)
{
  (void)ctx;
  if (h->last_version)
    printf("%-20s %-40s versions %lld..%lld\n", h->prop, h->value,
           (long long)h->first_version, (long long)h->last_version);
  else
    printf("%-20s %-40s versions %lld..current\n", h->prop, h->value,
           (long long)h->first_version);
  return 0;
}

static int table_item(void *ctx, const idt_diff_item *d)
{
  size_t i;
  (void)ctx;
  printf("%c %-24s %-14s %s\n", d->kind == IDT_DIFF_ADDED ? '+' :
         d->kind == IDT_DIFF_REMOVED ? '-' : '~', d->id, d->schema, d->caption);
  if (d->old_schema)
    printf("    schema: %s -> %s\n", d->old_schema, d->schema);
  for (i = 0; i < d->nchanges; i++)
    printf("    %c %s: %s\n", d->changes[i].added ? '+' : '-', d->changes[i].prop,
           d->changes[i].value);
  return 0;
}

static const char *kind_name(idt_diff_kind k)
{
  return k == IDT_DIFF_ADDED ? "added" : k == IDT_DIFF_REMOVED ? "removed" : "changed";
}

static void print_json(json_t *o)
{
  char *s = json_dumps(o, JSON_COMPACT);
  if (s) {
    puts(s);
    free(s);
  }
  json_decref(o);
}

static int jsonl_item(void *ctx, const idt_diff_item *d)
{
  json_t *o = json_object(), *props;
  size_t i;
  (void)ctx;
  json_object_set_new(o, "change", json_string(kind_name(d->kind)));
  json_object_set_new(o, "id", json_string(d->id));
  json_object_set_new(o, "schema", json_string(d->schema));
  if (d->source_id)
    json_object_set_new(o, "source_id", json_string(d->source_id));
  json_object_set_new(o, "caption", json_string(d->caption));
  if (d->old_schema)
    json_object_set_new(o, "old_schema", json_string(d->old_schema));
  if (d->kind == IDT_DIFF_CHANGED) {
    props = json_object();
    for (i = 0; i < d->nchanges; i++) {
      json_t *p = json_object_get(props, d->changes[i].prop), *arr;
      const char *side = d->changes[i].added ? "added" : "removed";
      if (!p) {
        p = json_object();
        json_object_set_new(props, d->changes[i].prop, p);
      }
      if (!(arr = json_object_get(p, side))) {
        arr = json_array();
        json_object_set_new(p, side, arr);
      }
      json_array_append_new(arr, json_string(d->changes[i].value));
    }
    json_object_set_new(o, "properties", props);
  }
  print_json(o);
  return 0;
}

static int parse_version(const char *s, int64_t *v)
{
  char *end;
  long long x = strtoll(s, &end, 10);
  if (*s == '\0' || *end != '\0' || x <= 0)
    return -1;
  *v = x;
  return 0;
}

int cmd_diff(int argc, char **argv)
{
  const char *format = "table", *dataset = NULL, *pos[2], *history = NULL;
  int i, npos = 0, rc;
  int64_t from = 0, to = 0;
  idt_store *st = NULL;
  idt_diff_stats stats;

  for (i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      format = argv[++i];
    } else if (strcmp(argv[i], "--history") == 0 && i + 1 < argc) {
      history = argv[++i];
    } else if (argv[i][0] == '-') {
      return cli_usage("diff", "unknown option '%s'", argv[i]);
    } else if (!dataset) {
      dataset = argv[i];
    } else if (npos < 2) {
      pos[npos++] = argv[i];
    } else {
      return cli_usage("diff", "unexpected argument '%s'", argv[i]);
    }
  }
  if (!dataset)
    return cli_usage("diff", "need a DATASET");
  if (npos == 1)
    return cli_usage("diff", "give both FROM and TO, or neither");
  if (npos == 2 && (parse_version(pos[0], &from) || parse_version(pos[1], &to)))
    return cli_usage("diff", "versions are positive integers (see lists --all)");
  if (strcmp(format, "table") != 0 && strcmp(format, "jsonl") != 0)
    return cli_usage("diff", "unknown format '%s' (table, jsonl)", format);
  if (history && npos)
    return cli_usage("diff", "--history takes no versions");
  if (idt_store_open(&st, cli_db_path()))
    return cli_fail("diff");
  if (history) {
    rc = idt_store_history(st, dataset, history, history_item, NULL) ?
         cli_fail("diff") : 0;
    idt_store_close(st);
    return rc;
  }
  rc = idt_store_diff(st, dataset, from, to,
                      strcmp(format, "jsonl") == 0 ? jsonl_item : table_item,
                      NULL, &stats);
  if (rc) {
    rc = cli_fail("diff");
  } else if (strcmp(format, "jsonl") == 0) {
    json_t *o = json_object();
    json_object_set_new(o, "summary", json_true());
    json_object_set_new(o, "added", json_integer((json_int_t)stats.added));
    json_object_set_new(o, "removed", json_integer((json_int_t)stats.removed));
    json_object_set_new(o, "changed", json_integer((json_int_t)stats.changed));
    print_json(o);
  } else {
    printf("%llu added, %llu removed, %llu changed\n",
           (unsigned long long)stats.added, (unsigned long long)stats.removed,
           (unsigned long long)stats.changed);
  }
  idt_store_close(st);
  return rc;
}
