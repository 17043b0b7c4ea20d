/*
 * alerts.c - screening hits at or above the threshold, recorded with the
 * /match request's audit record in one transaction, and listed for review.
 *
 * An alert is one (query fingerprint, list entity, entity content hash):
 * the same query hitting the same unchanged entry again bumps the alert's
 * hit count instead of queueing a duplicate for the analyst, while a
 * changed list entry (new content hash) opens a new alert, since the
 * earlier review was of different data.
 */
#include <math.h>
#include <string.h>
#include "audit_int.h"

#define ALERT_COLS "a.id, a.query_key, a.query_fingerprint, a.query, " \
  "a.entity_id, a.entity_hash, a.caption, a.dataset, a.score, " \
  "a.explanation, a.list_version, a.created, a.last_seen, a.hits, " \
  "a.decision_id, " IDT__AUDIT_DEC_COLS
#define ALERT_NCOLS 15

typedef struct prepared_hit {
  char fp[IDT_AUDIT_HASH_HEX + 1];
  char *query;              /* canonical JSON, idt_malloc'd */
} prepared_hit;

static int check_hit(const idt_alert_in *h, size_t i)
{
  if (!json_is_object(h->query))
    return idt_error_set(IDT_EINVAL, "alert %zu: the query is not an object", i);
  if (!idt__audit_text_ok(h->entity_id, 1024))
    return idt_error_set(IDT_EINVAL, "alert %zu: bad entity_id", i);
  if (!idt__audit_is_hex64(h->entity_hash))
    return idt_error_set(IDT_EINVAL, "alert %zu: entity_hash must be 64 lowercase "
                         "hex digits", i);
  if (!isfinite(h->score))
    return idt_error_set(IDT_EINVAL, "alert %zu: score is not a number", i);
  if ((h->query_key && !idt__audit_text_ok(h->query_key, 1024)) ||
      (h->caption && strlen(h->caption) > IDT__AUDIT_MAX_FIELD) ||
      (h->explanation && strlen(h->explanation) > IDT__AUDIT_MAX_FIELD))
    return idt_error_set(IDT_EINVAL, "alert %zu: bad query_key, caption or "
                         "explanation", i);
  return 0;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
  if (s)
    sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

static int upsert(idt_audit *a, sqlite3_stmt *st, const idt_alert_in *h,
                  const prepared_hit *p, const char *now, int64_t *id)
{
  int rc = 0;
  sqlite3_reset(st);
  bind_opt(st, 1, h->query_key);
  sqlite3_bind_text(st, 2, p->fp, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, p->query, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, h->entity_id, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, h->entity_hash, -1, SQLITE_STATIC);
  bind_opt(st, 6, h->caption);
  bind_opt(st, 7, h->dataset);
  sqlite3_bind_double(st, 8, h->score);
  bind_opt(st, 9, h->explanation);
  bind_opt(st, 10, h->list_version);
  sqlite3_bind_text(st, 11, now, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW)
    *id = sqlite3_column_int64(st, 0);
  else
    rc = idt__audit_dberr(a, a->db, "record alert");
  while (sqlite3_step(st) == SQLITE_ROW)
    ;
  return rc;
}

/* Cached statements (idt__audit_cached): run on every /match. */
static const char upsert_sql[] = "INSERT INTO alerts(query_key, query_fingerprint, "
  "query, entity_id, entity_hash, caption, dataset, score, explanation, "
  "list_version, created, last_seen, hits, audit_seq) "
  "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?11,1,0) "
  "ON CONFLICT(query_fingerprint, entity_id, entity_hash) DO UPDATE "
  "SET hits=hits+1, last_seen=excluded.last_seen RETURNING id";
/* By id: "WHERE audit_seq=0" alone scanned the whole alerts table (no
 * index on audit_seq) on every /match with a hit. A repeated alert keeps
 * the audit_seq of the record that opened it. */
static const char link_sql[] = "UPDATE alerts SET audit_seq=?1 WHERE id=?2 AND audit_seq=0";

static int link_alerts(idt_audit *a, const json_t *ids, int64_t seq)
{
  sqlite3_stmt *st;
  size_t i;
  int rc = 0;
  for (i = 0; i < json_array_size(ids) && !rc; i++) {
    if ((rc = idt__audit_cached(a, &st, link_sql)))
      break;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_int64(st, 2, json_integer_value(json_array_get(ids, i)));
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = idt__audit_dberr(a, a->db, "link alerts to the audit record");
    sqlite3_reset(st);
  }
  return rc;
}

static int match_tx(idt_audit *a, const char *actor, const json_t *request,
                    const idt_alert_in *hits, const prepared_hit *ph, size_t n,
                    int64_t *ids, int64_t *seq_out)
{
  sqlite3_stmt *st = NULL;
  json_t *payload = NULL, *arr = json_array();
  char now[32], *text = NULL;
  int64_t id = 0, seq = 0;
  size_t i;
  int rc;
  idt__audit_now(now);
  if (!arr)
    return idt_error_set(IDT_ENOMEM, "alerts: out of memory");
  rc = idt__audit_cached(a, &st, upsert_sql);
  for (i = 0; i < n && !rc; i++) {
    if (!(rc = upsert(a, st, &hits[i], &ph[i], now, &id))) {
      if (ids)
        ids[i] = id;
      if (json_array_append_new(arr, json_integer(id)))
        rc = idt_error_set(IDT_ENOMEM, "alerts: out of memory");
    }
  }
  if (st)
    sqlite3_reset(st);
  if (!rc && !(payload = json_pack("{s:O?, s:O}", "request", request, "alerts", arr)))
    rc = idt_error_set(IDT_ENOMEM, "alerts: out of memory");
  if (!rc && !(rc = idt_audit_canonical(payload, &text)) &&
      !(rc = idt__audit_append_tx(a, "match", actor, text, &seq)))
    rc = link_alerts(a, arr, seq);
  json_decref(payload);
  json_decref(arr);
  idt_free(text);
  if (!rc && seq_out)
    *seq_out = seq;
  return rc;
}

int idt_audit_match(idt_audit *a, const char *actor, const json_t *request,
                    const idt_alert_in *hits, size_t n, int64_t *alert_ids,
                    int64_t *seq_out)
{
  prepared_hit *ph = NULL;
  size_t i;
  int rc = 0;
  if (!a || (n && !hits))
    return idt_error_set(IDT_EINVAL, "audit match: no handle or hits");
  if (!idt__audit_text_ok(actor, 256))
    return idt_error_set(IDT_EINVAL, "audit match: actor must be 1-256 bytes");
  if (n && !(ph = idt_calloc(n, sizeof *ph)))
    return IDT_ENOMEM;
  for (i = 0; i < n && !rc; i++) {
    if ((rc = check_hit(&hits[i], i)))
      break;
    if (i && hits[i].query == hits[i - 1].query) {
      /* the hits of one query come together: fingerprint and canonical
       * text once per query, not once per alert */
      memcpy(ph[i].fp, ph[i - 1].fp, sizeof ph[i].fp);
      if (!(ph[i].query = idt_strdup(ph[i - 1].query)))
        rc = IDT_ENOMEM;
    } else if (!(rc = idt_query_fingerprint(hits[i].query, ph[i].fp))) {
      rc = idt_audit_canonical(hits[i].query, &ph[i].query);
    }
  }
  if (!rc) {
    idt__audit_lock(a);
    if (!(rc = idt__audit_begin(a)))
      rc = idt__audit_end(a, match_tx(a, actor, request, hits, ph, n, alert_ids,
                                      seq_out));
    idt__audit_unlock(a);
  }
  for (i = 0; i < n; i++)
    idt_free(ph[i].query);
  idt_free(ph);
  return rc;
}

int idt_alert_status_parse(const char *s, idt_alert_status *out)
{
  if (!s || !out)
    return idt_error_set(IDT_EINVAL, "alert status: none given");
  if (strcmp(s, "open") == 0)
    *out = IDT_ALERT_OPEN;
  else if (strcmp(s, "decided") == 0)
    *out = IDT_ALERT_DECIDED;
  else if (strcmp(s, "all") == 0)
    *out = IDT_ALERT_ALL;
  else
    return idt_error_set(IDT_EINVAL, "alert status '%s': expected open, decided "
                         "or all", s);
  return 0;
}

static json_t *alert_json(sqlite3_stmt *st)
{
  json_error_t err;
  json_t *o, *q, *d;
  q = json_loads(idt__audit_col(st, 3), 0, &err);
  o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:f, s:o, s:o, s:o, "
                "s:o, s:I, s:s}",
                "alert_id", (json_int_t)sqlite3_column_int64(st, 0),
                "query_key", idt__audit_jstr(st, 1),
                "query_fingerprint", idt__audit_jstr(st, 2),
                "query", q ? q : json_null(),
                "entity_id", idt__audit_jstr(st, 4),
                "entity_hash", idt__audit_jstr(st, 5),
                "caption", idt__audit_jstr(st, 6),
                "dataset", idt__audit_jstr(st, 7),
                "score", sqlite3_column_double(st, 8),
                "explanation", idt__audit_jstr(st, 9),
                "list_version", idt__audit_jstr(st, 10),
                "created_at", idt__audit_jstr(st, 11),
                "last_seen", idt__audit_jstr(st, 12),
                "hits", (json_int_t)sqlite3_column_int64(st, 13),
                "status", sqlite3_column_type(st, 14) == SQLITE_NULL ? "open"
                                                                      : "decided");
  if (o && sqlite3_column_type(st, 14) != SQLITE_NULL) {
    if (!(d = idt__audit_decision_json(st, ALERT_NCOLS)) ||
        json_object_set_new(o, "decision", d)) {
      json_decref(o);
      return NULL;
    }
  }
  return o;
}

static const char *status_where(idt_alert_status s)
{
  return s == IDT_ALERT_OPEN ? "a.decision_id IS NULL"
       : s == IDT_ALERT_DECIDED ? "a.decision_id IS NOT NULL" : "1";
}

/* Run a prepared alert query, appending each row to arr. */
static int collect(idt_audit *a, sqlite3_stmt *st, json_t *arr)
{
  json_t *o;
  int s;
  while ((s = sqlite3_step(st)) == SQLITE_ROW)
    if (!(o = alert_json(st)) || json_array_append_new(arr, o))
      return idt_error_set(IDT_ENOMEM, "alerts: out of memory");
  return s == SQLITE_DONE ? 0 : idt__audit_dberr(a, a->db, "list alerts");
}

static int count_alerts(idt_audit *a, idt_alert_status status, size_t *total)
{
  sqlite3_stmt *st;
  char sql[160];
  int rc;
  snprintf(sql, sizeof sql, "SELECT count(*) FROM alerts a WHERE %s",
           status_where(status));
  if ((rc = idt__audit_prepare(a, &st, sql)))
    return rc;
  if (sqlite3_step(st) == SQLITE_ROW)
    *total = (size_t)sqlite3_column_int64(st, 0);
  else
    rc = idt__audit_dberr(a, a->db, "count alerts");
  sqlite3_finalize(st);
  return rc;
}

int idt_alert_list(idt_audit *a, idt_alert_status status, size_t limit,
                   size_t offset, json_t **out, size_t *total)
{
  sqlite3_stmt *st;
  json_t *arr;
  char sql[512];
  int rc;
  if (!a || !out || (unsigned)status > IDT_ALERT_ALL)
    return idt_error_set(IDT_EINVAL, "alerts: no handle, output or bad status");
  *out = NULL;
  limit = limit == 0 ? 50 : limit > 1000 ? 1000 : limit;
  if (!(arr = json_array()))
    return idt_error_set(IDT_ENOMEM, "alerts: out of memory");
  snprintf(sql, sizeof sql, "SELECT " ALERT_COLS " FROM alerts a LEFT JOIN "
           "decisions d ON d.id = a.decision_id WHERE %s ORDER BY a.id DESC "
           "LIMIT ? OFFSET ?", status_where(status));
  idt__audit_lock(a);
  if (!(rc = idt__audit_prepare(a, &st, sql))) {
    sqlite3_bind_int64(st, 1, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 2, offset > INT64_MAX ? INT64_MAX : (sqlite3_int64)offset);
    rc = collect(a, st, arr);
    sqlite3_finalize(st);
  }
  if (!rc && total)
    rc = count_alerts(a, status, total);
  idt__audit_unlock(a);
  if (rc)
    json_decref(arr);
  else
    *out = arr;
  return rc;
}

int idt_alert_get(idt_audit *a, int64_t alert_id, json_t **out)
{
  sqlite3_stmt *st;
  json_t *arr;
  int rc;
  if (!a || !out)
    return idt_error_set(IDT_EINVAL, "alerts: no handle or output");
  *out = NULL;
  if (!(arr = json_array()))
    return idt_error_set(IDT_ENOMEM, "alerts: out of memory");
  idt__audit_lock(a);
  if (!(rc = idt__audit_prepare(a, &st, "SELECT " ALERT_COLS " FROM alerts a "
                                "LEFT JOIN decisions d ON d.id = a.decision_id "
                                "WHERE a.id = ?"))) {
    sqlite3_bind_int64(st, 1, alert_id);
    rc = collect(a, st, arr);
    sqlite3_finalize(st);
  }
  idt__audit_unlock(a);
  if (!rc && json_array_size(arr) == 0)
    rc = idt_error_set(IDT_ENOTFOUND, "no alert %lld", (long long)alert_id);
  if (!rc)
    *out = json_incref(json_array_get(arr, 0));
  json_decref(arr);
  return rc;
}
