/*
 * decisions.c - analysts' verdicts on alerts, and the suppression rule.
 *
 * Decisions are only ever added: a later decision for the same (query
 * fingerprint, entity) supersedes the earlier one, which stays for the
 * record. A false positive is tied to the entity's content hash at the time
 * of the decision, so it stops suppressing as soon as the list entry
 * changes: the analyst judged different data. An expiry date (inclusive,
 * UTC) bounds it in time as well.
 */
#include <string.h>
#include <time.h>
#include "audit_int.h"

json_t *idt__audit_decision_json(sqlite3_stmt *st, int c)
{
  if (sqlite3_column_type(st, c) == SQLITE_NULL)
    return NULL;
  return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I}",
                   "decision_id", (json_int_t)sqlite3_column_int64(st, c),
                   "alert_id", sqlite3_column_type(st, c + 1) == SQLITE_NULL
                       ? json_null() : json_integer(sqlite3_column_int64(st, c + 1)),
                   "query_fingerprint", idt__audit_jstr(st, c + 2),
                   "entity_id", idt__audit_jstr(st, c + 3),
                   "entity_hash", idt__audit_jstr(st, c + 4),
                   "decision", idt__audit_jstr(st, c + 5),
                   "note", idt__audit_jstr(st, c + 6),
                   "user", idt__audit_jstr(st, c + 7),
                   "created_at", idt__audit_jstr(st, c + 8),
                   "list_version", idt__audit_jstr(st, c + 9),
                   "expires", idt__audit_jstr(st, c + 10),
                   "audit_seq", (json_int_t)sqlite3_column_int64(st, c + 11));
}

/* What a decision is about, resolved from the alert or the pair. */
typedef struct target {
  int64_t alert_id;         /* 0: none */
  char fp[IDT_AUDIT_HASH_HEX + 1];
  char *entity_id, *entity_hash, *list_version;
} target;

static void target_free(target *t)
{
  idt_free(t->entity_id);
  idt_free(t->entity_hash);
  idt_free(t->list_version);
}

static int dup_opt(char **dst, const char *s)
{
  if (!s || !*s)
    return 0;
  return (*dst = idt_strdup(s)) ? 0 : IDT_ENOMEM;
}

static int check_input(const idt_decision_in *in)
{
  if (!in->decision || (strcmp(in->decision, "true_match") != 0 &&
                        strcmp(in->decision, "false_positive") != 0))
    return idt_error_set(IDT_EINVAL, "decision must be \"true_match\" or "
                         "\"false_positive\"");
  if (!idt__audit_text_ok(in->user, 256))
    return idt_error_set(IDT_EINVAL, "decision: user must be 1-256 bytes of UTF-8");
  if (in->note && *in->note && !idt__audit_text_ok(in->note, 65536))
    return idt_error_set(IDT_EINVAL, "decision: note over 64 KiB or not UTF-8");
  if (in->expires && *in->expires && !idt__audit_is_date(in->expires))
    return idt_error_set(IDT_EINVAL, "decision: expires '%s' is not a YYYY-MM-DD "
                         "date", in->expires);
  if (in->list_version && strlen(in->list_version) > 1024)
    return idt_error_set(IDT_EINVAL, "decision: list_version too long");
  if (in->alert_id > 0)
    return 0;
  if (!idt__audit_is_hex64(in->query_fingerprint))
    return idt_error_set(IDT_EINVAL, "decision: give alert_id, or a query_fingerprint "
                         "of 64 lowercase hex digits and an entity_id");
  if (!idt__audit_text_ok(in->entity_id, 1024))
    return idt_error_set(IDT_EINVAL, "decision: bad entity_id");
  if (in->entity_hash && !idt__audit_is_hex64(in->entity_hash))
    return idt_error_set(IDT_EINVAL, "decision: entity_hash must be 64 lowercase "
                         "hex digits");
  return 0;
}

/* Fill t from the alert row the statement (bound by the caller) finds. */
static int resolve_row(idt_audit *a, sqlite3_stmt *st, target *t, int *found)
{
  int s = sqlite3_step(st), rc = 0;
  *found = 0;
  if (s == SQLITE_ROW) {
    *found = 1;
    t->alert_id = sqlite3_column_int64(st, 0);
    snprintf(t->fp, sizeof t->fp, "%s", idt__audit_col(st, 1));
    if ((!t->entity_id && (rc = dup_opt(&t->entity_id, idt__audit_col(st, 2)))) ||
        (!t->entity_hash && (rc = dup_opt(&t->entity_hash, idt__audit_col(st, 3)))) ||
        (!t->list_version &&
         (rc = dup_opt(&t->list_version, idt__audit_col(st, 4)))))
      return rc;
  } else if (s != SQLITE_DONE) {
    rc = idt__audit_dberr(a, a->db, "find alert");
  }
  return rc;
}

static int resolve(idt_audit *a, const idt_decision_in *in, target *t)
{
  sqlite3_stmt *st;
  int rc, found = 0;
  if ((rc = dup_opt(&t->list_version, in->list_version)))
    return rc;
  if (in->alert_id <= 0) {
    snprintf(t->fp, sizeof t->fp, "%s", in->query_fingerprint);
    if ((rc = dup_opt(&t->entity_id, in->entity_id)) ||
        (rc = dup_opt(&t->entity_hash, in->entity_hash)))
      return rc;
  }
  rc = idt__audit_prepare(a, &st, in->alert_id > 0
       ? "SELECT id, query_fingerprint, entity_id, entity_hash, list_version "
         "FROM alerts WHERE id = ?1"
       : "SELECT id, query_fingerprint, entity_id, entity_hash, list_version "
         "FROM alerts WHERE query_fingerprint = ?2 AND entity_id = ?3 "
         "AND (?4 IS NULL OR entity_hash = ?4) ORDER BY id DESC LIMIT 1");
  if (rc)
    return rc;
  sqlite3_bind_int64(st, 1, in->alert_id);
  sqlite3_bind_text(st, 2, t->fp, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, t->entity_id, -1, SQLITE_STATIC);
  if (t->entity_hash)
    sqlite3_bind_text(st, 4, t->entity_hash, -1, SQLITE_STATIC);
  rc = resolve_row(a, st, t, &found);
  sqlite3_finalize(st);
  if (!rc && !found && in->alert_id > 0)
    rc = idt_error_set(IDT_ENOTFOUND, "no alert %lld", (long long)in->alert_id);
  else if (!rc && !t->entity_hash)
    rc = idt_error_set(IDT_ENOTFOUND, "no alert for that query fingerprint and "
                       "entity %s (give entity_hash to decide it anyway)",
                       t->entity_id);
  return rc;
}

static json_t *payload_json(const target *t, const idt_decision_in *in,
                            int64_t id, const char *now)
{
  const char *exp = in->expires && *in->expires ? in->expires : NULL;
  const char *note = in->note && *in->note ? in->note : NULL;
  return json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s?, s:s?}",
                   "decision_id", (json_int_t)id,
                   "alert_id", t->alert_id ? json_integer(t->alert_id) : json_null(),
                   "query_fingerprint", t->fp, "entity_id", t->entity_id,
                   "entity_hash", t->entity_hash, "decision", in->decision,
                   "note", note, "user", in->user, "created_at", now,
                   "list_version", t->list_version, "expires", exp);
}

static int exec_bound(idt_audit *a, const char *sql, int64_t x, int64_t y)
{
  sqlite3_stmt *st;
  int rc = idt__audit_prepare(a, &st, sql);
  if (rc)
    return rc;
  sqlite3_bind_int64(st, 1, x);
  sqlite3_bind_int64(st, 2, y);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = idt__audit_dberr(a, a->db, "store decision");
  sqlite3_finalize(st);
  return rc;
}

static int insert_decision(idt_audit *a, const target *t, const idt_decision_in *in,
                           const char *now, int64_t *id)
{
  sqlite3_stmt *st;
  int rc = idt__audit_prepare(a, &st, "INSERT INTO decisions(alert_id, "
           "query_fingerprint, entity_id, entity_hash, decision, note, user, "
           "created, list_version, expires, audit_seq) "
           "VALUES(?,?,?,?,?,?,?,?,?,?,0)");
  if (rc)
    return rc;
  if (t->alert_id)
    sqlite3_bind_int64(st, 1, t->alert_id);
  sqlite3_bind_text(st, 2, t->fp, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, t->entity_id, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, t->entity_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, in->decision, -1, SQLITE_STATIC);
  if (in->note && *in->note)
    sqlite3_bind_text(st, 6, in->note, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 7, in->user, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
  if (t->list_version)
    sqlite3_bind_text(st, 9, t->list_version, -1, SQLITE_STATIC);
  if (in->expires && *in->expires)
    sqlite3_bind_text(st, 10, in->expires, -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = idt__audit_dberr(a, a->db, "store decision");
  else
    *id = sqlite3_last_insert_rowid(a->db);
  sqlite3_finalize(st);
  return rc;
}

static int put_tx(idt_audit *a, const idt_decision_in *in, int64_t *id)
{
  target t;
  json_t *p = NULL;
  char now[32], *text = NULL;
  int64_t seq = 0;
  int rc;
  memset(&t, 0, sizeof t);
  idt__audit_now(now);
  if ((rc = resolve(a, in, &t)) || (rc = insert_decision(a, &t, in, now, id)))
    goto out;
  if (!(p = payload_json(&t, in, *id, now))) {
    rc = idt_error_set(IDT_ENOMEM, "decision: out of memory");
    goto out;
  }
  if ((rc = idt_audit_canonical(p, &text)) ||
      (rc = idt__audit_append_tx(a, "decision", in->user, text, &seq)) ||
      (rc = exec_bound(a, "UPDATE decisions SET audit_seq=?1 WHERE id=?2", seq, *id)))
    goto out;
  if (t.alert_id)
    rc = exec_bound(a, "UPDATE alerts SET decision_id=?1 WHERE id=?2", *id, t.alert_id);
out:
  json_decref(p);
  idt_free(text);
  target_free(&t);
  return rc;
}

/* Run sql (binding x to ?1 and y to ?2 when not NULL) and collect the
 * decision rows into an array. */
static int query_decisions(idt_audit *a, const char *sql, const char *x,
                           const char *y, int64_t lim, int64_t off, json_t **out)
{
  sqlite3_stmt *st;
  json_t *arr = json_array(), *o;
  int rc, s;
  if (!arr)
    return idt_error_set(IDT_ENOMEM, "decisions: out of memory");
  if ((rc = idt__audit_prepare(a, &st, sql))) {
    json_decref(arr);
    return rc;
  }
  if (x)
    sqlite3_bind_text(st, 1, x, -1, SQLITE_STATIC);
  if (y)
    sqlite3_bind_text(st, 2, y, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 3, lim);
  sqlite3_bind_int64(st, 4, off);
  while ((s = sqlite3_step(st)) == SQLITE_ROW)
    if (!(o = idt__audit_decision_json(st, 0)) || json_array_append_new(arr, o)) {
      rc = idt_error_set(IDT_ENOMEM, "decisions: out of memory");
      break;
    }
  if (!rc && s != SQLITE_DONE)
    rc = idt__audit_dberr(a, a->db, "read decisions");
  sqlite3_finalize(st);
  if (rc)
    json_decref(arr);
  else
    *out = arr;
  return rc;
}

static const char by_id_sql[] = "SELECT " IDT__AUDIT_DEC_COLS " FROM decisions d "
  "WHERE d.id = CAST(?1 AS INTEGER) AND ?2 IS NULL LIMIT ?3 OFFSET ?4";

int idt_decision_put(idt_audit *a, const idt_decision_in *in, json_t **out)
{
  json_t *arr = NULL;
  char idtext[24];
  int64_t id = 0;
  int rc;
  if (out)
    *out = NULL;
  if (!a || !in)
    return idt_error_set(IDT_EINVAL, "decision: no handle or input");
  if ((rc = check_input(in)))
    return rc;
  idt__audit_lock(a);
  if (!(rc = idt__audit_begin(a)))
    rc = idt__audit_end(a, put_tx(a, in, &id));
  if (!rc && out) {
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    if (!(rc = query_decisions(a, by_id_sql, idtext, NULL, 1, 0, &arr))) {
      *out = json_incref(json_array_get(arr, 0));
      json_decref(arr);
    }
  }
  idt__audit_unlock(a);
  return rc;
}

static const char find_sql[] = "SELECT " IDT__AUDIT_DEC_COLS " FROM decisions d "
  "WHERE d.query_fingerprint = ?1 AND d.entity_id = ?2 ORDER BY d.id DESC LIMIT 1";

/* Called for every hit of every /match: a cached statement and no array
 * (preparing it anew was 17 % of a request's instructions). */
int idt_decision_find(idt_audit *a, const char *fingerprint,
                      const char *entity_id, json_t **out)
{
  sqlite3_stmt *st;
  int rc, s;
  if (!a || !out || !fingerprint || !entity_id)
    return idt_error_set(IDT_EINVAL, "decision: no handle, output or key");
  *out = NULL;
  idt__audit_lock(a);
  if (!(rc = idt__audit_cached(a, &st, find_sql))) {
    sqlite3_bind_text(st, 1, fingerprint, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, entity_id, -1, SQLITE_STATIC);
    if ((s = sqlite3_step(st)) == SQLITE_ROW) {
      if (!(*out = idt__audit_decision_json(st, 0)))
        rc = idt_error_set(IDT_ENOMEM, "decisions: out of memory");
    } else if (s != SQLITE_DONE) {
      rc = idt__audit_dberr(a, a->db, "read decisions");
    }
    sqlite3_reset(st);
  }
  idt__audit_unlock(a);
  return rc;
}

int idt_decision_list(idt_audit *a, const char *entity_id, size_t limit,
                      size_t offset, json_t **out)
{
  int rc;
  if (!a || !out)
    return idt_error_set(IDT_EINVAL, "decision: no handle or output");
  *out = NULL;
  limit = limit == 0 ? 50 : limit > 1000 ? 1000 : limit;
  idt__audit_lock(a);
  rc = query_decisions(a, "SELECT " IDT__AUDIT_DEC_COLS " FROM decisions d "
                       "WHERE ?1 IS NULL OR d.entity_id = ?1 "
                       "ORDER BY d.id DESC LIMIT ?3 OFFSET ?4",
                       entity_id, NULL, (int64_t)limit,
                       offset > INT64_MAX ? INT64_MAX : (int64_t)offset, out);
  idt__audit_unlock(a);
  return rc;
}

static int suppress_row(sqlite3_stmt *st, const char *entity_hash, time_t now)
{
  struct tm tm;
  char today[16];
  const char *exp = (const char *)sqlite3_column_text(st, 2);
  if (strcmp(idt__audit_col(st, 0), "false_positive") != 0 ||
      strcmp(idt__audit_col(st, 1), entity_hash) != 0)
    return 0;
  if (!exp)
    return 1;
  if (now == 0)
    now = time(NULL);
  if (!gmtime_r(&now, &tm))
    return 0;
  strftime(today, sizeof today, "%Y-%m-%d", &tm);
  return strcmp(today, exp) <= 0;
}

static const char suppress_sql[] =
  "SELECT decision, entity_hash, expires FROM decisions WHERE "
  "query_fingerprint = ? AND entity_id = ? ORDER BY id DESC LIMIT 1";

int idt_decision_suppresses(idt_audit *a, const char *fingerprint,
                            const char *entity_id, const char *entity_hash,
                            time_t now)
{
  sqlite3_stmt *st;
  int rc, s;
  if (!a || !fingerprint || !entity_id || !entity_hash)
    return idt_error_set(IDT_EINVAL, "suppress: no handle, fingerprint, entity or hash");
  idt__audit_lock(a);
  if (!(rc = idt__audit_cached(a, &st, suppress_sql))) {
    sqlite3_bind_text(st, 1, fingerprint, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, entity_id, -1, SQLITE_STATIC);
    if ((s = sqlite3_step(st)) == SQLITE_ROW)
      rc = suppress_row(st, entity_hash, now);
    else if (s != SQLITE_DONE)
      rc = idt__audit_dberr(a, a->db, "read decisions");
    sqlite3_reset(st);
  }
  idt__audit_unlock(a);
  return rc;
}
