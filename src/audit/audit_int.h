/*
 * audit_int.h - what the files of the audit module share: the handle, the
 * SQL and transaction helpers, the netstring hash and small validators.
 *
 * One SQLite connection per handle, serialised by a mutex: the server's
 * writes are a few rows each, so a connection pool would add complexity
 * (and cross-connection SQLITE_BUSY retries) for no measurable gain; long
 * reads (verify, log export) open a private read connection instead.
 */
#ifndef IDT_AUDIT_INT_H
#define IDT_AUDIT_INT_H
#include <pthread.h>
#include <sqlite3.h>
#include "interdict/audit.h"
#include "common/buf.h"

#define IDT__AUDIT_CACHE 12

struct idt_audit {
  sqlite3 *db;
  char *path;
  pthread_mutex_t mu;
  /* Prepared statements of the hot paths (append, suppression check),
   * keyed by the address of their static SQL text: parsing them anew made
   * half the instructions of an append (callgrind: ~155k of ~310k). */
  const char *cache_sql[IDT__AUDIT_CACHE];
  sqlite3_stmt *cache[IDT__AUDIT_CACHE];
  /* idt_audit_checkpoint's own connection (opened on first use) */
  pthread_mutex_t ckpt_mu;
  sqlite3 *ckpt_db;
};

/* The largest payload or text field accepted (a /match request body is
 * capped well below this by the server). */
#define IDT__AUDIT_MAX_FIELD ((size_t)16 << 20)

/* IDT_EDB "path: what: sqlite message" for connection db. */
int idt__audit_dberr(const idt_audit *a, sqlite3 *db, const char *what);
int idt__audit_exec(idt_audit *a, const char *sql);
int idt__audit_prepare(idt_audit *a, sqlite3_stmt **st, const char *sql);
/* A cached statement for sql (a static string: matched by address), reset
 * and unbound. Lock held; release with sqlite3_reset, never finalize. */
int idt__audit_cached(idt_audit *a, sqlite3_stmt **st, const char *sql);
/* BEGIN IMMEDIATE / COMMIT (rc == 0) or ROLLBACK (rc != 0); returns rc, or
 * the commit's error. */
int idt__audit_begin(idt_audit *a);
int idt__audit_end(idt_audit *a, int rc);
/* A read-only private connection to the same file (close with
 * sqlite3_close_v2). */
int idt__audit_open_reader(idt_audit *a, sqlite3 **db);
void idt__audit_lock(idt_audit *a);
void idt__audit_unlock(idt_audit *a);

/* "YYYY-MM-DDTHH:MM:SS.mmmZ" now (UTC). */
void idt__audit_now(char out[32]);
/* Column text, "" for NULL. */
const char *idt__audit_col(sqlite3_stmt *st, int i);
/* Column as a JSON string or null. */
json_t *idt__audit_jstr(sqlite3_stmt *st, int i);

/* Append the netstring "<len>:<bytes>," of s to b. */
int idt__audit_ns(idt_buf *b, const char *s, size_t n);
/* The chain hash of one record (see audit.h). */
int idt__audit_record_hash(const char *prev, int64_t seq, const char *time,
                           const char *kind, const char *actor,
                           const char *payload, char hex[IDT_AUDIT_HASH_HEX + 1]);
/* Append a record inside the caller's write transaction (lock held). */
int idt__audit_append_tx(idt_audit *a, const char *kind, const char *actor,
                         const char *canonical_payload, int64_t *seq_out);
/* Records with seq >= from (at most limit, 0 = all) on connection db,
 * ascending; fn's non-zero result stops the scan and is returned. */
int idt__audit_scan(idt_audit *a, sqlite3 *db, int64_t from, size_t limit,
                    idt_audit_fn fn, void *ctx);
/* The decision columns (table alias d) and their JSON (12 columns from
 * col; NULL on OOM or when d.id is NULL). */
#define IDT__AUDIT_DEC_COLS "d.id, d.alert_id, d.query_fingerprint, " \
  "d.entity_id, d.entity_hash, d.decision, d.note, d.user, d.created, " \
  "d.list_version, d.expires, d.audit_seq"
json_t *idt__audit_decision_json(sqlite3_stmt *st, int col);
/* 64 lowercase hex digits? */
int idt__audit_is_hex64(const char *s);
/* A "YYYY-MM-DD" calendar date? */
int idt__audit_is_date(const char *s);
/* A non-empty, NUL-free, valid UTF-8 string of at most max bytes? */
int idt__audit_text_ok(const char *s, size_t max);
#endif
