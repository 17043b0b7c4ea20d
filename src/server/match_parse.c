/*
 * match_parse.c - the body of POST /match/{dataset}, in OpenSanctions
 * yente's EntityMatchQuery shape:
 *
 *   {"queries": {"KEY": {"schema": "Person", "properties": {"name": [...],
 *    "birthDate": [...], ...}}}, "weights": {...}}
 *
 * into screening queries. Property values may be a string or an array of
 * strings (yente's EntityExample allows both); they are normalised to arrays
 * in `example`, which is echoed as the response's "query" and hashed
 * (idt_query_fingerprint: canonical properties) into the query fingerprint
 * that decisions are keyed by. Properties the schema does
 * not have are dropped, as FtM does when it cleans an entity, except the
 * shorthand "wallet" (publicKey).
 *
 * Everything untrusted is bounded here: queries (max_queries), values per
 * property, value length. jansson rejects invalid UTF-8 and NUL bytes in
 * strings (JSON_ALLOW_NUL is not given). No sockets: fuzz/fuzz_match_request.c
 * drives this file directly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "server/server_int.h"
#include "interdict/audit.h"
#include "interdict/model.h"

static int bad(const char *key, const char *what)
{
  return idt_error_set(IDT_EINVAL, "queries.%s: %s", key ? key : "?", what);
}

/* Values of one property as a fresh array of strings. */
static int values_of(json_t *v, const char *key, const char *prop, json_t **out)
{
  json_t *arr = json_array();
  size_t i, n;
  if (!arr)
    return idt_error_set(IDT_ENOMEM, "out of memory");
  if (json_is_string(v)) {
    json_array_append(arr, v);
  } else if (json_is_array(v)) {
    n = json_array_size(v);
    if (n > IDT_MATCH_MAX_VALUES) {
      json_decref(arr);
      return idt_error_set(IDT_EINVAL, "queries.%s.properties.%s: more than %d values",
                           key, prop, IDT_MATCH_MAX_VALUES);
    }
    for (i = 0; i < n; i++) {
      json_t *s = json_array_get(v, i);
      if (!json_is_string(s)) {
        json_decref(arr);
        return idt_error_set(IDT_EINVAL, "queries.%s.properties.%s: values must be strings",
                             key, prop);
      }
      json_array_append(arr, s);
    }
  } else {
    json_decref(arr);
    return idt_error_set(IDT_EINVAL, "queries.%s.properties.%s: a string or an array of strings",
                         key, prop);
  }
  for (i = 0; i < json_array_size(arr); i++)
    if (json_string_length(json_array_get(arr, i)) > IDT_MATCH_MAX_VALUE) {
      json_decref(arr);
      return idt_error_set(IDT_EINVAL, "queries.%s.properties.%s: a value longer than %d bytes",
                           key, prop, IDT_MATCH_MAX_VALUE);
    }
  *out = arr;
  return 0;
}

/* The decisions key: idt_query_fingerprint over the canonical properties
 * (the audit module's definition, so a fingerprint shown in /alerts is the
 * one /decisions accepts). */
static int fingerprint(match_query *m)
{
  return idt_query_fingerprint(m->example, m->fingerprint);
}

static const char *first(json_t *props, const char *name)
{
  json_t *a = json_object_get(props, name);
  return json_is_array(a) && json_array_size(a) ? json_string_value(json_array_get(a, 0)) : NULL;
}

static void add_aliases(match_query *m, json_t *props, const char *name, size_t from)
{
  json_t *a = json_object_get(props, name);
  size_t i;
  for (i = from; i < json_array_size(a) && m->q.naliases < IDT_MATCH_MAX_ALIASES; i++)
    m->aliases[m->q.naliases++] = json_string_value(json_array_get(a, i));
}

/* Map FtM properties onto the screening query (one value per field). */
static void to_query(match_query *m)
{
  json_t *p = json_object_get(m->example, "properties");
  idt_screen_query *q = &m->q;
  const char *fn, *ln;
  q->id = m->key;
  q->schema = json_string_value(json_object_get(m->example, "schema"));
  q->name = first(p, "name");
  add_aliases(m, p, "name", 1);
  add_aliases(m, p, "alias", 0);
  add_aliases(m, p, "previousName", 0);
  add_aliases(m, p, "weakAlias", 0);
  fn = first(p, "firstName");
  ln = first(p, "lastName");
  if (!q->name && (fn || ln)) {
    snprintf(m->namebuf, sizeof m->namebuf, "%s%s%s", fn ? fn : "", fn && ln ? " " : "",
             ln ? ln : "");
    q->name = m->namebuf;
  }
  if (!q->name && q->naliases)
    q->name = m->aliases[0];
  q->aliases = m->aliases;
  q->birth_date = first(p, "birthDate");
  q->nationality = first(p, "nationality");
  q->country = first(p, "country");
  if (!q->country)
    q->country = first(p, "jurisdiction");
  q->gender = first(p, "gender");
  q->imo = first(p, "imoNumber");
  q->mmsi = first(p, "mmsi");
  q->passport = first(p, "passportNumber");
  q->id_number = first(p, "idNumber");
  if (!q->id_number)
    q->id_number = first(p, "registrationNumber");
  if (!q->id_number)
    q->id_number = first(p, "taxNumber");
  q->wallet = first(p, "publicKey");
  if (!q->name && !q->imo && !q->mmsi && !q->passport && !q->id_number && !q->wallet)
    m->error = "the query has no name and no identifier (imoNumber, mmsi, passportNumber, "
               "idNumber, registrationNumber, publicKey)";
}

static int one_query(match_query *m, const char *key, json_t *ex)
{
  json_t *schema, *props, *norm, *v, *id;
  const idt_schema *sc;
  const char *pk;
  int rc;
  m->key = key;
  if (!json_is_object(ex))
    return bad(key, "each query must be an object {schema, properties}");
  schema = json_object_get(ex, "schema");
  if (!json_is_string(schema))
    return bad(key, "schema must be a string (an FtM schema name)");
  if (!(sc = idt_schema_get(json_string_value(schema))))
    return idt_error_set(IDT_EINVAL, "queries.%s.schema: unknown schema '%.64s'", key,
                         json_string_value(schema));
  if (!(sc->flags & IDT_SCHEMA_MATCHABLE))
    return idt_error_set(IDT_EINVAL, "queries.%s.schema: '%s' is not matchable", key, sc->name);
  props = json_object_get(ex, "properties");
  if (!json_is_object(props))
    return bad(key, "properties must be an object");
  id = json_object_get(ex, "id");
  if (id && !json_is_null(id) && !json_is_string(id))
    return bad(key, "id must be a string");
  if (!(m->example = json_object()) || !(norm = json_object()))
    return idt_error_set(IDT_ENOMEM, "out of memory");
  if (json_is_string(id))
    json_object_set(m->example, "id", id);
  json_object_set(m->example, "schema", schema);
  json_object_set_new(m->example, "properties", norm);
  json_object_foreach(props, pk, v) {
    json_t *arr = NULL;
    const char *name = !strcmp(pk, "wallet") ? "publicKey" : pk;
    if (!idt_schema_prop(sc, name) && strcmp(name, "publicKey"))
      continue;
    if ((rc = values_of(v, key, pk, &arr)) < 0)
      return rc;
    if (json_array_size(arr))
      json_object_set_new(norm, name, arr);
    else
      json_decref(arr);
  }
  to_query(m);
  return fingerprint(m);
}

int idt__match_parse(const char *body, size_t len, unsigned max_queries, match_req **out)
{
  json_error_t je;
  match_req *r;
  json_t *qs, *ex;
  const char *key;
  size_t i = 0;
  int rc;
  *out = NULL;
  if (!(r = idt_calloc(1, sizeof *r)))
    return IDT_ENOMEM;
  r->root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
  if (!r->root) {
    idt__match_req_free(r);
    return idt_error_set(IDT_EPARSE, "invalid JSON at line %d, column %d: %s", je.line,
                         je.column, je.text);
  }
  qs = json_object_get(r->root, "queries");
  if (!json_is_object(r->root) || !json_is_object(qs)) {
    idt__match_req_free(r);
    return idt_error_set(IDT_EINVAL, "the body must be an object with \"queries\": {KEY: "
                         "{schema, properties}}");
  }
  if (json_object_size(qs) > max_queries) {
    idt__match_req_free(r);
    return idt_error_set(IDT_ELIMIT, "%zu queries; at most %u in one request",
                         json_object_size(qs), max_queries);
  }
  if (!json_object_size(qs)) {
    idt__match_req_free(r);
    return idt_error_set(IDT_EINVAL, "queries is empty");
  }
  if (!(r->q = idt_calloc(json_object_size(qs), sizeof *r->q))) {
    idt__match_req_free(r);
    return IDT_ENOMEM;
  }
  json_object_foreach(qs, key, ex) {
    r->q[i].q = (idt_screen_query)IDT_SCREEN_QUERY_INIT;
    rc = one_query(&r->q[i], key, ex);
    r->n = ++i;
    if (rc < 0) {
      idt__match_req_free(r);
      return rc;
    }
  }
  *out = r;
  return 0;
}

void idt__match_req_free(match_req *r)
{
  size_t i;
  if (!r)
    return;
  for (i = 0; i < r->n; i++)
    json_decref(r->q[i].example);
  idt_free(r->q);
  json_decref(r->root);
  idt_free(r);
}
