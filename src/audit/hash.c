/*
 * hash.c - the hashes the audit layer is built on: the chain hash of one
 * record, canonical JSON, the query fingerprint and the entity content hash.
 *
 * Every hash input is a sequence of netstrings ("<len>:<bytes>,") rather
 * than a plain concatenation or a separator-joined string: with plain
 * concatenation ("ab","c") and ("a","bc") collide, and any separator byte
 * may itself occur in a payload or a name. Netstrings are trivial to
 * reproduce from a shell for independent verification.
 */
#include <stdlib.h>
#include <string.h>
#include "audit_int.h"
#include "common/util.h"

int idt__audit_ns(idt_buf *b, const char *s, size_t n)
{
  int rc;
  if ((rc = idt_buf_printf(b, "%zu:", n)) || (rc = idt_buf_append(b, s, n)))
    return rc;
  return idt_buf_putc(b, ',');
}

static int ns_str(idt_buf *b, const char *s)
{
  return idt__audit_ns(b, s ? s : "", s ? strlen(s) : 0);
}

int idt__audit_record_hash(const char *prev, int64_t seq, const char *time,
                           const char *kind, const char *actor,
                           const char *payload, char hex[IDT_AUDIT_HASH_HEX + 1])
{
  idt_buf b;
  char num[24];
  int rc;
  idt_buf_init(&b, IDT__AUDIT_MAX_FIELD * 2);
  snprintf(num, sizeof num, "%lld", (long long)seq);
  if (!(rc = ns_str(&b, prev)) && !(rc = ns_str(&b, num)) &&
      !(rc = ns_str(&b, time)) && !(rc = ns_str(&b, kind)) &&
      !(rc = ns_str(&b, actor)) && !(rc = ns_str(&b, payload)))
    idt_sha256_mem(b.p, b.len, hex);
  idt_buf_free(&b);
  return rc;
}

int idt_audit_canonical(const json_t *v, char **out)
{
  char *s;
  if (!out)
    return idt_error_set(IDT_EINVAL, "audit: out is NULL");
  *out = NULL;
  if (!v)
    return idt_error_set(IDT_EINVAL, "audit: no JSON value");
  s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
  if (!s)
    return idt_error_set(IDT_ENOMEM, "audit: cannot serialise JSON");
  *out = idt_strdup(s);
  free(s);
  return *out ? 0 : IDT_ENOMEM;
}

static int cmp_jstr(const void *x, const void *y)
{
  const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
  size_t la = json_string_length(a), lb = json_string_length(b);
  int c = memcmp(json_string_value(a), json_string_value(b), la < lb ? la : lb);
  return c ? c : (la > lb) - (la < lb);
}

/* One value as a trimmed json string (new reference), NULL when empty;
 * *bad set when the value is neither a string nor a number. */
static json_t *canon_value(const json_t *v, int *bad)
{
  idt_str t;
  json_t *r;
  char *s;
  if (json_is_string(v)) {
    t = idt_trim(json_string_value(v), json_string_length(v));
    return t.len ? json_stringn(t.p, t.len) : NULL;
  }
  if (!json_is_number(v)) {
    *bad = 1;
    return NULL;
  }
  if (!(s = json_dumps(v, JSON_ENCODE_ANY)))
    return NULL;
  r = json_string(s);
  free(s);
  return r;
}

/* The sorted, de-duplicated, trimmed values of one property, or NULL with
 * *bad set / on OOM; an empty array when nothing is left. */
static json_t *canon_values(const json_t *vals, int *bad)
{
  json_t *tmp[256], **all = tmp, *arr = json_array(), *c, *last;
  size_t n = json_is_array(vals) ? json_array_size(vals) : 1, i, k = 0;
  if (!arr)
    return NULL;
  if (n > 256 && !(all = idt_malloc(n * sizeof *all))) {
    json_decref(arr);
    return NULL;
  }
  for (i = 0; i < n && !*bad; i++) {
    c = canon_value(json_is_array(vals) ? json_array_get(vals, i) : vals, bad);
    if (c)
      all[k++] = c;
  }
  qsort(all, k, sizeof *all, cmp_jstr);
  for (i = 0, last = NULL; i < k; i++) {
    if ((last && cmp_jstr(&last, &all[i]) == 0) || *bad)
      json_decref(all[i]);
    else if (json_array_append_new(arr, (last = all[i])))
      *bad = 2;
  }
  if (all != tmp)
    idt_free(all);
  if (*bad) {
    json_decref(arr);
    return NULL;
  }
  return arr;
}

int idt_query_fingerprint(const json_t *query, char hex[IDT_AUDIT_HASH_HEX + 1])
{
  const json_t *props = query, *vals;
  json_t *canon, *cv;
  const char *k;
  char *text = NULL;
  int bad = 0, rc;
  if (!hex || !json_is_object(query))
    return idt_error_set(IDT_EINVAL, "fingerprint: the query is not a JSON object");
  if (json_object_get(query, "properties") || json_object_get(query, "schema"))
    props = json_object_get(query, "properties");
  if (props && !json_is_object(props))
    return idt_error_set(IDT_EINVAL, "fingerprint: \"properties\" is not an object");
  if (!(canon = json_object()))
    return idt_error_set(IDT_ENOMEM, "fingerprint: out of memory");
  json_object_foreach((json_t *)props, k, vals) {
    if (!(cv = canon_values(vals, &bad))) {
      rc = bad == 1 ? idt_error_set(IDT_EINVAL, "fingerprint: property %s holds "
                                    "a value that is not a string or number", k)
                    : idt_error_set(IDT_ENOMEM, "fingerprint: out of memory");
      json_decref(canon);
      return rc;
    }
    if (json_array_size(cv) == 0)
      json_decref(cv);
    else if (json_object_set_new(canon, k, cv)) {
      json_decref(canon);
      return idt_error_set(IDT_ENOMEM, "fingerprint: out of memory");
    }
  }
  rc = idt_audit_canonical(canon, &text);
  json_decref(canon);
  if (rc)
    return rc;
  idt_sha256_mem(text, strlen(text), hex);
  idt_free(text);
  return 0;
}

int idt_query_fingerprint_str(const char *query_json,
                              char hex[IDT_AUDIT_HASH_HEX + 1])
{
  json_error_t err;
  json_t *q;
  int rc;
  if (!query_json)
    return idt_error_set(IDT_EINVAL, "fingerprint: no query");
  if (!(q = json_loads(query_json, 0, &err)))
    return idt_error_set(IDT_EPARSE, "fingerprint: query JSON: line %d column %d: %s",
                         err.line, err.column, err.text);
  rc = idt_query_fingerprint(q, hex);
  json_decref(q);
  return rc;
}

static int cmp_stmt(const void *x, const void *y)
{
  const idt_stmt *a = *(const idt_stmt *const *)x, *b = *(const idt_stmt *const *)y;
  int c = strcmp(a->prop->name, b->prop->name);
  return c ? c : strcmp(a->value, b->value);
}

int idt_entity_content_hash(const idt_entity *e, char hex[IDT_AUDIT_HASH_HEX + 1])
{
  const idt_stmt **v = NULL;
  idt_buf b;
  uint32_t i;
  int rc;
  if (!e || !e->schema || !hex)
    return idt_error_set(IDT_EINVAL, "entity hash: no entity");
  if (e->nstmts && !(v = idt_malloc(e->nstmts * sizeof *v)))
    return IDT_ENOMEM;
  for (i = 0; i < e->nstmts; i++)
    v[i] = &e->stmts[i];
  if (e->nstmts)
    qsort(v, e->nstmts, sizeof *v, cmp_stmt);
  idt_buf_init(&b, IDT_BUF_MAX_DEFAULT);
  rc = ns_str(&b, e->schema->name);
  for (i = 0; i < e->nstmts && !rc; i++)
    if (!(rc = ns_str(&b, v[i]->prop->name)))
      rc = ns_str(&b, v[i]->value);
  if (!rc)
    idt_sha256_mem(b.p, b.len, hex);
  idt_buf_free(&b);
  idt_free(v);
  return rc;
}
