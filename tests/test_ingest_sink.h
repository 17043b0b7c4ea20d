/*
 * test_ingest_sink.h - a collecting sink for the ingest tests: entities are
 * copied into one arena and merged by id (what the store does), counted by
 * schema, and the listed ones (topics=sanction) counted apart. Also the xz
 * decompression of data/lists files into the test's tmpdir.
 */
#ifndef TEST_INGEST_SINK_H
#define TEST_INGEST_SINK_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "interdict/ingest.h"
#include "common/arena.h"
#include "common/map.h"

typedef struct sink {
  idt_arena arena;
  idt_map byid;
  size_t emitted, listed;
  size_t nschema[128];
  const char *schema_name[128];
  size_t nsch;
} sink;

static inline void sink_init(sink *s)
{
  memset(s, 0, sizeof *s);
  idt_arena_init(&s->arena);
  idt_map_init(&s->byid);
}

static inline void sink_free(sink *s)
{
  idt_map_free(&s->byid);
  idt_arena_free(&s->arena);
}

static inline void sink_count(sink *s, const char *schema, int listed)
{
  size_t i;
  if (listed)
    s->listed++;
  for (i = 0; i < s->nsch; i++)
    if (strcmp(s->schema_name[i], schema) == 0) {
      s->nschema[i]++;
      return;
    }
  if (s->nsch < 128) {
    s->schema_name[s->nsch] = schema;
    s->nschema[s->nsch++] = 1;
  }
}

/* Listed entities per schema: counted once per id. */
static inline int sink_emit(void *ctx, idt_entity *e)
{
  sink *s = ctx;
  idt_entity *c = idt_map_get(&s->byid, e->id, strlen(e->id));
  int rc;
  s->emitted++;
  if (c)
    return idt_entity_merge(c, e);
  if ((rc = idt_entity_new(&c, &s->arena, e->schema, e->id)) ||
      (rc = idt_entity_set_source(c, e->source_id, e->dataset)) ||
      (rc = idt_entity_merge(c, e)))
    return rc;
  if (idt_map_put(&s->byid, c->id, strlen(c->id), c))
    return IDT_ENOMEM;
  sink_count(s, e->schema->name, idt_entity_has(e, "topics", "sanction"));
  return 0;
}

static inline size_t sink_n(const sink *s, const char *schema)
{
  size_t i;
  for (i = 0; i < s->nsch; i++)
    if (strcmp(s->schema_name[i], schema) == 0)
      return s->nschema[i];
  return 0;
}

static inline idt_entity *sink_get(const sink *s, const char *id)
{
  return idt_map_get(&s->byid, id, strlen(id));
}

static inline idt_ingest_opts sink_opts(sink *s)
{
  idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
  o.emit = sink_emit;
  o.ctx = s;
  return o;
}

/* Import path with format into a fresh s (counters into st, may be
 * NULL): 1, or 0 with the error as a TAP diagnostic. */
static inline int sink_load(sink *s, const char *format, const char *path,
                            idt_ingest_stats *st)
{
  idt_ingest_opts o;
  sink_init(s);
  o = sink_opts(s);
  o.stats = st;
  if (idt_ingest_run(format, &path, 1, &o) != 0) {
    tap_diag("import failed: %s", idt_error_msg());
    return 0;
  }
  return 1;
}

/* Does entity id hold value v for prop? A TAP diagnostic says what it
 * holds when not. */
static inline int sink_has(const sink *s, const char *id, const char *prop, const char *v)
{
  idt_entity *e = sink_get(s, id);
  if (!e) {
    tap_diag("no entity %s", id);
    return 0;
  }
  if (!idt_entity_has(e, prop, v)) {
    tap_diag("%s.%s lacks \"%s\" (first: %s)", id, prop, v,
             idt_entity_first(e, prop) ? idt_entity_first(e, prop) : "none");
    return 0;
  }
  return 1;
}

/* data/lists/<rel>.xz -> <tmpdir>/<rel> (directories created). */
static inline const char *unxz(const char *rel)
{
  static char out[8][4096];
  static int slot;
  char *p = out[slot++ & 7], cmd[9000];
  snprintf(p, 4096, "%s/%s", tap_tmpdir(), rel);
  snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\" && xz -dc '%s/%s.xz' "
           "> '%s'", p, tap_data("data/lists"), rel, p);
  if (system(cmd) != 0)
    return NULL;
  return p;
}

/* Copy a plain file into <tmpdir>/<rel>. */
static inline const char *copy_data(const char *rel)
{
  static char out[8][4096];
  static int slot;
  char *p = out[slot++ & 7], cmd[9000];
  snprintf(p, 4096, "%s/%s", tap_tmpdir(), rel);
  snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\" && cp '%s/%s' '%s'",
           p, tap_data("data/lists"), rel, p);
  return system(cmd) == 0 ? p : NULL;
}
#endif
