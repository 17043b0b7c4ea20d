/*
 * interdict/model.h - the FollowTheMoney-compatible entity model.
 *
 * Schemata and properties come from FtM's defaultModel.json (generated into
 * a static table, inheritance flattened). An entity is a schema, a stable id,
 * the list's own identifier (source_id: OFAC ent_num, UN reference number
 * such as KPi.001, FtM id) and a multiset of (property, value) statements.
 * Relationships (Ownership, Directorship, Sanction, ...) are entities too,
 * pointing at others by id through entity-typed properties.
 *
 * Ownership rule: an entity and every string it holds live in the arena it
 * was created with; nothing is freed individually.
 */
#ifndef INTERDICT_MODEL_H
#define INTERDICT_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "interdict/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum idt_proptype {
  IDT_TYPE_ADDRESS, IDT_TYPE_CHECKSUM, IDT_TYPE_COUNTRY, IDT_TYPE_DATE,
  IDT_TYPE_EMAIL, IDT_TYPE_ENTITY, IDT_TYPE_GENDER, IDT_TYPE_HTML,
  IDT_TYPE_IBAN, IDT_TYPE_IDENTIFIER, IDT_TYPE_IP, IDT_TYPE_JSON,
  IDT_TYPE_LANGUAGE, IDT_TYPE_MIMETYPE, IDT_TYPE_NAME, IDT_TYPE_NUMBER,
  IDT_TYPE_PHONE, IDT_TYPE_STRING, IDT_TYPE_TEXT, IDT_TYPE_TOPIC,
  IDT_TYPE_URL
} idt_proptype;

enum {
  IDT_PROP_MATCHABLE = 1 << 0,
  IDT_PROP_STUB      = 1 << 1  /* reverse side of an edge; not stored */
};

enum {
  IDT_SCHEMA_ABSTRACT  = 1 << 0,
  IDT_SCHEMA_MATCHABLE = 1 << 1,
  IDT_SCHEMA_EDGE      = 1 << 2,
  IDT_SCHEMA_DIRECTED  = 1 << 3
};

typedef struct idt_property {
  const char *name;
  idt_proptype type;
  unsigned flags;
  const char *range;    /* target schema of an entity-typed property */
  const char *reverse;  /* name of the reverse property, if any */
} idt_property;

typedef struct idt_schema {
  const char *name;
  const char *label;
  unsigned flags;
  const char *const *ancestors;   /* sorted, includes the schema itself */
  const idt_property *props;      /* all properties, sorted by name */
  size_t nprops;
  const char *edge_source;        /* edge schemata: source property */
  const char *edge_target;        /* edge schemata: target property */
  const char *caption_prop;       /* first caption property ("name") */
} idt_schema;

const char *idt_proptype_name(idt_proptype t);
/* Schema by exact FtM name, or NULL. */
const idt_schema *idt_schema_get(const char *name);
size_t idt_schema_count(void);
const idt_schema *idt_schema_at(size_t i);
/* Is s the schema named `ancestor` or a descendant of it? */
int idt_schema_is_a(const idt_schema *s, const char *ancestor);
/* The most specific schema that is both a and b (for merging fragments):
 * a if a is_a b, b if b is_a a, else NULL. */
const idt_schema *idt_schema_common(const idt_schema *a, const idt_schema *b);
/* Can a query of schema q be matched against a candidate of schema c?
 * (FtM matchable semantics: Person never matches Vessel; LegalEntity
 * matches Person, Company, Organization.) */
int idt_schema_compatible(const idt_schema *q, const idt_schema *c);
const idt_property *idt_schema_prop(const idt_schema *s, const char *name);

/* ---- entities ---- */

typedef struct idt_arena idt_arena;

typedef struct idt_stmt {
  const idt_property *prop;
  const char *value;   /* NUL-terminated UTF-8, arena-owned */
} idt_stmt;

typedef struct idt_entity {
  const char *id;          /* stable id, unique within the store */
  const char *source_id;   /* the list's own identifier, or NULL */
  const char *dataset;     /* dataset name, or NULL */
  const idt_schema *schema;
  idt_stmt *stmts;
  uint32_t nstmts, cap;
  idt_arena *arena;
} idt_entity;

/* Create an entity in arena a. id is copied. */
int idt_entity_new(idt_entity **out, idt_arena *a, const idt_schema *s,
                   const char *id);
/* Set the list's own identifier / dataset (copied). */
int idt_entity_set_source(idt_entity *e, const char *source_id,
                          const char *dataset);
/* Add a value: trimmed of surrounding whitespace, empty values and exact
 * duplicates of the same property ignored. IDT_ESCHEMA when the schema has
 * no such property (message names it). value must be valid UTF-8. */
int idt_entity_add(idt_entity *e, const char *prop, const char *value);
int idt_entity_addn(idt_entity *e, const char *prop, const char *value,
                    size_t len);
/* First value of prop, or NULL. */
const char *idt_entity_first(const idt_entity *e, const char *prop);
/* Number of values of prop; fills up to max of them into out (may be NULL). */
size_t idt_entity_values(const idt_entity *e, const char *prop,
                         const char **out, size_t max);
/* Does e hold exactly this value for prop? */
int idt_entity_has(const idt_entity *e, const char *prop, const char *value);
/* Merge src's statements into dst (same id; FtM fragment merge). The schema
 * becomes the more specific of the two; IDT_ESCHEMA when unrelated. */
int idt_entity_merge(idt_entity *dst, const idt_entity *src);
/* Caption: first name-like value, else the id. */
const char *idt_entity_caption(const idt_entity *e);
/* Sort statements by (property, value) so output is deterministic. */
void idt_entity_sort(idt_entity *e);
/* FtM JSON: {"id","schema","properties":{...}} plus "source_id" and
 * "dataset" when set. Returns a heap string (idt_free) or NULL on OOM. */
char *idt_entity_to_json(const idt_entity *e);

#ifdef __cplusplus
}
#endif
#endif
