/*
 * schema.c - lookups over the generated FtM schema table. Schemata are few
 * (70) and sorted by name, properties sorted per schema: binary search,
 * no hashing, no allocation.
 */
#include <string.h>
#include <stdlib.h>
#include "model/schema_int.h"

static const char *const type_names[] = {
  "address", "checksum", "country", "date", "email", "entity", "gender",
  "html", "iban", "identifier", "ip", "json", "language", "mimetype", "name",
  "number", "phone", "string", "text", "topic", "url"
};

const char *idt_proptype_name(idt_proptype t)
{
  if ((size_t)t >= sizeof type_names / sizeof *type_names)
    return "unknown";
  return type_names[t];
}

const idt_schema *idt_schema_get(const char *name)
{
  size_t lo = 0, hi = idt__nschemata;
  if (!name)
    return NULL;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(name, idt__schemata[mid].name);
    if (c == 0)
      return &idt__schemata[mid];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

size_t idt_schema_count(void) { return idt__nschemata; }

const idt_schema *idt_schema_at(size_t i)
{
  return i < idt__nschemata ? &idt__schemata[i] : NULL;
}

int idt_schema_is_a(const idt_schema *s, const char *ancestor)
{
  const char *const *a;
  if (!s || !ancestor)
    return 0;
  for (a = s->ancestors; *a; a++)
    if (strcmp(*a, ancestor) == 0)
      return 1;
  return 0;
}

const idt_schema *idt_schema_common(const idt_schema *a, const idt_schema *b)
{
  if (!a)
    return b;
  if (!b)
    return a;
  if (idt_schema_is_a(a, b->name))
    return a;
  if (idt_schema_is_a(b, a->name))
    return b;
  return NULL;
}

int idt_schema_compatible(const idt_schema *q, const idt_schema *c)
{
  if (!q || !c)
    return 0;
  /* A query of a generic schema (Thing, LegalEntity) matches anything more
   * specific below it; a specific query matches its ancestors too (a list
   * entry typed only LegalEntity may be a Person). Siblings never match. */
  return idt_schema_is_a(c, q->name) || idt_schema_is_a(q, c->name);
}

const idt_property *idt_schema_prop(const idt_schema *s, const char *name)
{
  size_t lo = 0, hi;
  if (!s || !name)
    return NULL;
  hi = s->nprops;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(name, s->props[mid].name);
    if (c == 0)
      return &s->props[mid];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}
