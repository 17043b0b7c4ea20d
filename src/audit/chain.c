/*
 * chain.c - the append-only, hash-chained audit log: append, read, verify.
 *
 * Each record's hash covers the previous record's hash and its own fields
 * (audit.h gives the exact input), so changing, removing, inserting or
 * reordering any record breaks either its own hash or the next record's
 * link. Removing records from the END leaves a valid shorter chain; the
 * anchor row (seq and hash of the head, written in the same transaction as
 * every append, allowed only to move forward by a trigger) catches that
 * unless the attacker also rewrites the anchor, and an external anchor (the
 * head printed by an earlier verify and kept elsewhere) catches even that.
 *
 * Append takes the previous hash from the anchor, not from the last row,
 * and refuses to write when they disagree: appending on a truncated log
 * would otherwise re-seal it with a fresh valid head. Failing closed (the
 * server then answers 500 until someone looks) was preferred to logging on.
 */
#include <string.h>
#include "audit_int.h"

static const char head_sql[] =
  "SELECT seq, hash FROM audit_anchor WHERE id=1 "
  "UNION ALL SELECT max(seq), NULL FROM audit_log";
static const char insert_sql[] =
  "INSERT INTO audit_log(seq, time, kind, actor, payload, prev_hash, hash) "
  "VALUES(?,?,?,?,?,?,?)";
static const char anchor_sql[] =
  "INSERT INTO audit_anchor(id, seq, hash) VALUES(1,?,?) ON CONFLICT(id) "
  "DO UPDATE SET seq=excluded.seq, hash=excluded.hash";

static const char zero_hash[] =
  "0000000000000000000000000000000000000000000000000000000000000000";

/* The head per the anchor and per the log; they must agree. */
static int head(idt_audit *a, int64_t *seq, char hash[IDT_AUDIT_HASH_HEX + 1])
{
  sqlite3_stmt *st;
  int rc, have_anchor = 0;
  int64_t last = 0;
  *seq = 0;
  memcpy(hash, zero_hash, sizeof zero_hash);
  if ((rc = idt__audit_cached(a, &st, head_sql)))
    return rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (!have_anchor && sqlite3_column_type(st, 1) != SQLITE_NULL) {
      have_anchor = 1;
      *seq = sqlite3_column_int64(st, 0);
      snprintf(hash, IDT_AUDIT_HASH_HEX + 1, "%s", idt__audit_col(st, 1));
    } else {
      last = sqlite3_column_int64(st, 0);
    }
  }
  rc = rc == SQLITE_DONE ? 0 : idt__audit_dberr(a, a->db, "read the log head");
  sqlite3_reset(st);
  if (!rc && last != *seq)
    rc = idt_error_set(IDT_EDB, "%s: audit log ends at seq %lld but its anchor "
                       "records seq %lld: refusing to append (run interdict "
                       "audit verify)", a->path, (long long)last, (long long)*seq);
  return rc;
}

int idt__audit_append_tx(idt_audit *a, const char *kind, const char *actor,
                         const char *payload, int64_t *seq_out)
{
  sqlite3_stmt *st = NULL;
  char prev[IDT_AUDIT_HASH_HEX + 1], hash[IDT_AUDIT_HASH_HEX + 1], now[32];
  int64_t seq;
  int rc;
  if ((rc = head(a, &seq, prev)))
    return rc;
  seq++;
  idt__audit_now(now);
  if ((rc = idt__audit_record_hash(prev, seq, now, kind, actor, payload, hash)) ||
      (rc = idt__audit_cached(a, &st, insert_sql)))
    return rc;
  sqlite3_bind_int64(st, 1, seq);
  sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, payload, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 6, prev, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 7, hash, -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = idt__audit_dberr(a, a->db, "append to audit_log");
  sqlite3_reset(st);
  if (rc || (rc = idt__audit_cached(a, &st, anchor_sql)))
    return rc;
  sqlite3_bind_int64(st, 1, seq);
  sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = idt__audit_dberr(a, a->db, "update audit_anchor");
  sqlite3_reset(st);
  if (!rc && seq_out)
    *seq_out = seq;
  return rc;
}

static int check_names(const char *kind, const char *actor)
{
  if (!idt__audit_text_ok(kind, 64))
    return idt_error_set(IDT_EINVAL, "audit: kind must be 1-64 bytes of UTF-8");
  if (!idt__audit_text_ok(actor, 256))
    return idt_error_set(IDT_EINVAL, "audit: actor must be 1-256 bytes of UTF-8");
  return 0;
}

int idt_audit_append_json(idt_audit *a, const char *kind, const char *actor,
                          const json_t *payload, int64_t *seq_out)
{
  char *text = NULL;
  int rc;
  if (!a)
    return idt_error_set(IDT_EINVAL, "audit: no handle");
  if ((rc = check_names(kind, actor)) || (rc = idt_audit_canonical(payload, &text)))
    return rc;
  if (strlen(text) > IDT__AUDIT_MAX_FIELD) {
    idt_free(text);
    return idt_error_set(IDT_ELIMIT, "audit: payload over %zu bytes",
                         IDT__AUDIT_MAX_FIELD);
  }
  idt__audit_lock(a);
  if (!(rc = idt__audit_begin(a)))
    rc = idt__audit_end(a, idt__audit_append_tx(a, kind, actor, text, seq_out));
  idt__audit_unlock(a);
  idt_free(text);
  return rc;
}

int idt_audit_append(idt_audit *a, const char *kind, const char *actor,
                     const char *payload_json, int64_t *seq_out)
{
  json_error_t err;
  json_t *v;
  int rc;
  if (!payload_json)
    return idt_error_set(IDT_EINVAL, "audit: no payload");
  if (!(v = json_loads(payload_json, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err)))
    return idt_error_set(IDT_EPARSE, "audit: payload: line %d column %d: %s",
                         err.line, err.column, err.text);
  rc = idt_audit_append_json(a, kind, actor, v, seq_out);
  json_decref(v);
  return rc;
}

int idt_audit_count(idt_audit *a, int64_t *records)
{
  sqlite3_stmt *st;
  int rc;
  if (!a || !records)
    return idt_error_set(IDT_EINVAL, "audit: no handle");
  idt__audit_lock(a);
  if (!(rc = idt__audit_prepare(a, &st, "SELECT count(*) FROM audit_log"))) {
    if (sqlite3_step(st) == SQLITE_ROW)
      *records = sqlite3_column_int64(st, 0);
    else
      rc = idt__audit_dberr(a, a->db, "count audit_log");
    sqlite3_finalize(st);
  }
  idt__audit_unlock(a);
  return rc;
}

/* Iterate records on a private read connection inside one read
 * transaction (a consistent snapshot, the anchor included). */
int idt__audit_scan(idt_audit *a, sqlite3 *db, int64_t from, size_t limit,
                    idt_audit_fn fn, void *ctx)
{
  sqlite3_stmt *st;
  idt_audit_record r;
  int rc = 0, s;
  if (sqlite3_prepare_v2(db, "SELECT seq, time, kind, actor, payload, prev_hash, "
                         "hash FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?",
                         -1, &st, NULL) != SQLITE_OK)
    return idt__audit_dberr(a, db, "read audit_log");
  sqlite3_bind_int64(st, 1, from);
  sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    r.seq = sqlite3_column_int64(st, 0);
    r.time = idt__audit_col(st, 1);
    r.kind = idt__audit_col(st, 2);
    r.actor = idt__audit_col(st, 3);
    r.payload = idt__audit_col(st, 4);
    r.prev_hash = idt__audit_col(st, 5);
    r.hash = idt__audit_col(st, 6);
    if ((rc = fn(ctx, &r)))
      break;
  }
  if (!rc && s != SQLITE_DONE)
    rc = idt__audit_dberr(a, db, "read audit_log");
  sqlite3_finalize(st);
  return rc;
}

int idt_audit_each(idt_audit *a, int64_t from_seq, size_t limit,
                   idt_audit_fn fn, void *ctx)
{
  sqlite3 *db = NULL;
  int rc;
  if (!a || !fn)
    return idt_error_set(IDT_EINVAL, "audit: no handle or callback");
  if ((rc = idt__audit_open_reader(a, &db)))
    return rc;
  if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    rc = idt__audit_dberr(a, db, "begin");
  else
    rc = idt__audit_scan(a, db, from_seq, limit, fn, ctx);
  sqlite3_close_v2(db);   /* ends the read transaction */
  return rc;
}
