/*
 * entity.c - entities as arrays of (property, value) statements in an arena.
 *
 * A flat statement array rather than a per-property map: entities have
 * 5-50 values, so a linear scan beats hashing, and the array is exactly what
 * the store persists (one row per statement) and what diffs compare.
 */
#include <string.h>
#include <stdlib.h>
#include "interdict/model.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/util.h"

int idt_entity_new(idt_entity **out, idt_arena *a, const idt_schema *s,
                   const char *id)
{
  idt_entity *e;
  *out = NULL;
  if (!s || !id || !*id)
    return idt_error_set(IDT_EINVAL, "entity needs a schema and an id");
  e = idt_arena_calloc(a, sizeof *e);
  if (!e || !(e->id = idt_arena_strdup(a, id)))
    return IDT_ENOMEM;
  e->schema = s;
  e->arena = a;
  *out = e;
  return 0;
}

int idt_entity_set_source(idt_entity *e, const char *source_id,
                          const char *dataset)
{
  if (source_id && !(e->source_id = idt_arena_strdup(e->arena, source_id)))
    return IDT_ENOMEM;
  if (dataset && !(e->dataset = idt_arena_strdup(e->arena, dataset)))
    return IDT_ENOMEM;
  return 0;
}

/* v holds no NUL (idt_entity_addn cuts there), so strncmp equal over n
 * bytes means the stored value is at least n long and value[n] is in it. */
static int has_value(const idt_entity *e, const idt_property *p,
                     const char *v, size_t n)
{
  uint32_t i;
  for (i = 0; i < e->nstmts; i++)
    if (e->stmts[i].prop == p && strncmp(e->stmts[i].value, v, n) == 0 &&
        e->stmts[i].value[n] == '\0')
      return 1;
  return 0;
}

static int push(idt_entity *e, const idt_property *p, const char *v, size_t n)
{
  if (e->nstmts == e->cap) {
    uint32_t ncap = e->cap ? e->cap * 2 : 8;
    idt_stmt *ns = idt_arena_alloc(e->arena, ncap * sizeof *ns);
    if (!ns)
      return IDT_ENOMEM;
    if (e->nstmts)
      memcpy(ns, e->stmts, e->nstmts * sizeof *ns);
    e->stmts = ns;
    e->cap = ncap;
  }
  e->stmts[e->nstmts].prop = p;
  if (!(e->stmts[e->nstmts].value = idt_arena_strndup(e->arena, v, n)))
    return IDT_ENOMEM;
  e->nstmts++;
  return 0;
}

int idt_entity_addn(idt_entity *e, const char *prop, const char *value,
                    size_t len)
{
  const idt_property *p = idt_schema_prop(e->schema, prop);
  const char *z;
  idt_str v;
  if (!p)
    return idt_error_set(IDT_ESCHEMA, "schema %s has no property '%s'",
                         e->schema->name, prop);
  if (!value)
    return 0;
  /* Values are C strings: a NUL byte inside one (bad input) ends it, so
   * stored text and the duplicate check agree on its length. */
  if ((z = memchr(value, '\0', len)))
    len = (size_t)(z - value);
  v = idt_trim(value, len);
  if (v.len == 0 || has_value(e, p, v.p, v.len))
    return 0;
  return push(e, p, v.p, v.len);
}

int idt_entity_add(idt_entity *e, const char *prop, const char *value)
{
  return idt_entity_addn(e, prop, value, value ? strlen(value) : 0);
}

const char *idt_entity_first(const idt_entity *e, const char *prop)
{
  uint32_t i;
  for (i = 0; i < e->nstmts; i++)
    if (strcmp(e->stmts[i].prop->name, prop) == 0)
      return e->stmts[i].value;
  return NULL;
}

size_t idt_entity_values(const idt_entity *e, const char *prop,
                         const char **out, size_t max)
{
  size_t n = 0;
  uint32_t i;
  for (i = 0; i < e->nstmts; i++) {
    if (strcmp(e->stmts[i].prop->name, prop) != 0)
      continue;
    if (out && n < max)
      out[n] = e->stmts[i].value;
    n++;
  }
  return n;
}

int idt_entity_has(const idt_entity *e, const char *prop, const char *value)
{
  const idt_property *p = idt_schema_prop(e->schema, prop);
  return p && has_value(e, p, value, strlen(value));
}

int idt_entity_merge(idt_entity *dst, const idt_entity *src)
{
  const idt_schema *s = idt_schema_common(dst->schema, src->schema);
  uint32_t i;
  int rc;
  if (!s)
    return idt_error_set(IDT_ESCHEMA, "entity %s: cannot merge schema %s "
                         "into %s", dst->id, src->schema->name,
                         dst->schema->name);
  dst->schema = s;
  /* Properties are re-resolved in the merged schema (pointers are per
   * schema table row). */
  for (i = 0; i < dst->nstmts; i++)
    dst->stmts[i].prop = idt_schema_prop(s, dst->stmts[i].prop->name);
  for (i = 0; i < src->nstmts; i++)
    if ((rc = idt_entity_add(dst, src->stmts[i].prop->name,
                             src->stmts[i].value)))
      return rc;
  if (!dst->source_id && src->source_id)
    return idt_entity_set_source(dst, src->source_id, NULL);
  return 0;
}

const char *idt_entity_caption(const idt_entity *e)
{
  static const char *const props[] = { "name", "title", "fileName",
                                       "publicKey", "imoNumber", NULL };
  const char *const *p;
  const char *v;
  if (e->schema->caption_prop && (v = idt_entity_first(e, e->schema->caption_prop)))
    return v;
  for (p = props; *p; p++)
    if (idt_schema_prop(e->schema, *p) && (v = idt_entity_first(e, *p)))
      return v;
  return e->id;
}

static int stmt_cmp(const void *a, const void *b)
{
  const idt_stmt *x = a, *y = b;
  int c = strcmp(x->prop->name, y->prop->name);
  return c ? c : strcmp(x->value, y->value);
}

void idt_entity_sort(idt_entity *e)
{
  if (e->nstmts > 1)
    qsort(e->stmts, e->nstmts, sizeof *e->stmts, stmt_cmp);
}
