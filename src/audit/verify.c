/*
 * verify.c - recompute the audit chain and name the first record that does
 * not hold: a gap in seq (a deleted row), a prev_hash that does not link to
 * the record before (rows deleted, inserted, reordered or rewritten), a
 * stored hash that differs from the recomputed one (a changed field or an
 * edited hash), then a head that differs from the anchor row (tail
 * truncated, or rows added behind the library's back) or from an external
 * anchor given by the caller.
 *
 * The scan trusts nothing in the database but the bytes of each row: the
 * triggers may have been dropped, so every check is recomputed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "audit_int.h"

typedef struct vstate {
  idt_audit_verify_result *res;
  char prev[IDT_AUDIT_HASH_HEX + 1];
  int64_t anchor_seq;         /* external anchor, 0 = none */
  const char *anchor_hash;
  int anchor_seen;
  int err;                    /* an error (not a verdict) that stopped us */
} vstate;

static int broken(vstate *v, int64_t seq, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int broken(vstate *v, int64_t seq, const char *fmt, ...)
{
  va_list ap;
  v->res->ok = 0;
  v->res->bad_seq = seq;
  va_start(ap, fmt);
  vsnprintf(v->res->reason, sizeof v->res->reason, fmt, ap);
  va_end(ap);
  return 1;   /* stop the scan */
}

static int check_row(void *ctx, const idt_audit_record *r)
{
  vstate *v = ctx;
  char h[IDT_AUDIT_HASH_HEX + 1];
  int64_t want = v->res->head_seq + 1;
  int rc;
  if (r->seq != want)
    return broken(v, want, "seq %lld missing (deleted?): the next record is seq %lld",
                  (long long)want, (long long)r->seq);
  if (strcmp(r->prev_hash, v->prev) != 0)
    return broken(v, r->seq, "prev_hash does not link to seq %lld "
                  "(a record was rewritten, inserted or moved)", (long long)r->seq - 1);
  if ((rc = idt__audit_record_hash(r->prev_hash, r->seq, r->time, r->kind, r->actor,
                                   r->payload, h))) {
    v->err = rc;
    return 1;
  }
  if (strcmp(h, r->hash) != 0)
    return broken(v, r->seq, "stored hash %.16s... differs from the "
                  "recomputed %.16s... (a field or the hash was changed)", r->hash, h);
  if (v->anchor_seq == r->seq) {
    v->anchor_seen = 1;
    if (strcmp(r->hash, v->anchor_hash) != 0)
      return broken(v, r->seq, "hash %.16s... differs from the external "
                    "anchor %.16s... (the chain was rewritten since)", r->hash,
                    v->anchor_hash);
  }
  v->res->records++;
  v->res->head_seq = r->seq;
  memcpy(v->prev, r->hash, sizeof v->prev);
  memcpy(v->res->head_hash, r->hash, sizeof v->prev);
  return 0;
}

/* Compare the verified head with the anchor row, in the same snapshot. */
static int check_anchor(idt_audit *a, sqlite3 *db, vstate *v)
{
  sqlite3_stmt *st;
  int rc = 0, s;
  int64_t seq = 0;
  char hash[IDT_AUDIT_HASH_HEX + 1] = "";
  if (sqlite3_prepare_v2(db, "SELECT seq, hash FROM audit_anchor WHERE id=1", -1,
                         &st, NULL) != SQLITE_OK)
    return idt__audit_dberr(a, db, "read audit_anchor");
  if ((s = sqlite3_step(st)) == SQLITE_ROW) {
    seq = sqlite3_column_int64(st, 0);
    snprintf(hash, sizeof hash, "%s", idt__audit_col(st, 1));
  } else if (s != SQLITE_DONE) {
    rc = idt__audit_dberr(a, db, "read audit_anchor");
  }
  sqlite3_finalize(st);
  if (rc)
    return rc;
  if (seq > v->res->head_seq)
    broken(v, v->res->head_seq + 1, "log ends at seq %lld but the anchor records "
           "seq %lld (tail truncated)", (long long)v->res->head_seq, (long long)seq);
  else if (seq < v->res->head_seq)
    broken(v, seq + 1, "the anchor records seq %lld but the log goes on to seq %lld "
           "(records added behind the library, or the anchor was reset)",
           (long long)seq, (long long)v->res->head_seq);
  else if (seq && strcmp(hash, v->res->head_hash) != 0)
    broken(v, seq, "hash differs from the anchor's (head rewritten)");
  else if (v->anchor_seq > 0 && !v->anchor_seen)
    broken(v, v->anchor_seq, "external anchor seq %lld is past the end of the "
           "log (seq %lld): tail truncated", (long long)v->anchor_seq,
           (long long)v->res->head_seq);
  return 0;
}

int idt_audit_verify(idt_audit *a, int64_t anchor_seq, const char *anchor_hash,
                     idt_audit_verify_result *res)
{
  vstate v;
  sqlite3 *db = NULL;
  int rc;
  if (!a || !res)
    return idt_error_set(IDT_EINVAL, "audit verify: no handle or result");
  if (anchor_seq > 0 && !idt__audit_is_hex64(anchor_hash))
    return idt_error_set(IDT_EINVAL, "audit verify: the anchor hash must be 64 "
                         "lowercase hex digits");
  memset(res, 0, sizeof *res);
  memset(&v, 0, sizeof v);
  res->ok = 1;
  v.res = res;
  v.anchor_seq = anchor_seq;
  v.anchor_hash = anchor_hash;
  memset(v.prev, '0', IDT_AUDIT_HASH_HEX);
  if ((rc = idt__audit_open_reader(a, &db)))
    return rc;
  if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    rc = idt__audit_dberr(a, db, "begin");
  else if ((rc = idt__audit_scan(a, db, 1, 0, check_row, &v)) == 1)
    rc = v.err;
  if (!rc && res->ok)
    rc = check_anchor(a, db, &v);
  sqlite3_close_v2(db);
  return rc;
}

json_t *idt_audit_verify_json(const idt_audit_verify_result *res)
{
  json_t *o;
  if (!res)
    return NULL;
  if (res->ok)
    return json_pack("{s:b, s:I, s:{s:I, s:s}}", "ok", 1, "records",
                     (json_int_t)res->records, "head", "seq",
                     (json_int_t)res->head_seq, "hash", res->head_hash);
  o = json_pack("{s:b, s:I, s:I, s:s}", "ok", 0, "records",
                (json_int_t)res->records, "seq", (json_int_t)res->bad_seq,
                "reason", res->reason);
  return o;
}
