/*
 * net_ftm.h - test helper: read FtM JSON lines with jansson into entities
 * and hand them to a sink. The ingest module's own FtM parser is the
 * product; this stays small and independent so the network tests do not
 * depend on it.
 */
#ifndef IDT_TEST_NET_FTM_H
#define IDT_TEST_NET_FTM_H
#include <jansson.h>
#include <string.h>
#include "interdict/ingest.h"
#include "common/arena.h"

static int ftm_entity_from_json(json_t *o, idt_arena *a, idt_entity **out)
{
  const char *id = json_string_value(json_object_get(o, "id"));
  const char *sn = json_string_value(json_object_get(o, "schema"));
  json_t *props = json_object_get(o, "properties"), *vals;
  const idt_schema *s = sn ? idt_schema_get(sn) : NULL;
  const char *key;
  idt_entity *e;
  int rc;
  if (!id || !s)
    return IDT_EPARSE;
  if ((rc = idt_entity_new(&e, a, s, id)))
    return rc;
  json_object_foreach(props, key, vals) {
    size_t i;
    json_t *v;
    json_array_foreach(vals, i, v)
      if (json_is_string(v) && (rc = idt_entity_add(e, key, json_string_value(v))))
        return rc;
  }
  *out = e;
  return 0;
}

/* Each line of path through emit; returns entities read or < 0. */
static long ftm_load_file(const char *path, idt_entity_fn emit, void *ctx)
{
  FILE *f = fopen(path, "r");
  char *line = NULL;
  size_t cap = 0;
  long n = 0, bad = 0;
  idt_arena a;
  if (!f)
    return -1;
  idt_arena_init(&a);
  while (getline(&line, &cap, f) > 0) {
    json_error_t err;
    json_t *o = json_loads(line, 0, &err);
    idt_entity *e;
    if (!o)
      continue;
    if (ftm_entity_from_json(o, &a, &e) == 0 && emit(ctx, e) == 0)
      n++;
    else
      bad++;
    json_decref(o);
    if (n % 4096 == 0) {
      idt_arena_free(&a);
      idt_arena_init(&a);
    }
  }
  free(line);
  fclose(f);
  idt_arena_free(&a);
  return bad ? -bad : n;
}
#endif
