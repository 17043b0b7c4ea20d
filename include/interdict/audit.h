/*
 * interdict/audit.h - API keys, alerts, analyst decisions and the
 * hash-chained audit log (the persistence and integrity layer behind
 * `interdict serve`; no HTTP here).
 *
 * Storage: the same SQLite file as the list store (include/interdict/store.h;
 * the CLI's --db / $INTERDICT_DB default), through this module's own
 * connection and its own tables, created with CREATE TABLE IF NOT EXISTS:
 *   audit_log(seq, time, kind, actor, payload, prev_hash, hash)
 *   audit_anchor(id=1, seq, hash)       head of the chain, same transaction
 *   alerts(...), decisions(...), api_keys(...)
 * WAL journal and a busy timeout, so several processes (the server and a CLI
 * `audit verify`) may use the file at once.
 *
 * Threads: one idt_audit handle may be shared by any number of threads;
 * every call serialises on the handle's mutex (writes are short: one
 * transaction of a few rows). idt_audit_verify and idt_audit_each read
 * through a private connection of their own (a WAL snapshot), so a long
 * verification does not stall appends.
 *
 * Atomicity: every change to alerts, decisions or api_keys is committed in
 * one transaction together with the audit record describing it; a killed
 * process leaves either both or neither.
 *
 * The chain. Record n (seq = n, 1, 2, 3, ... without gaps) stores
 *   hash = hex(SHA-256(ns(prev_hash) ns(seq) ns(time) ns(kind) ns(actor)
 *                      ns(payload)))
 * where ns(x) is the netstring "<decimal byte length>:<bytes>," of the field
 * as stored (seq in decimal, time "YYYY-MM-DDTHH:MM:SS.mmmZ", payload the
 * canonical JSON: sorted keys, no whitespace, UTF-8 unescaped), and
 * prev_hash is the previous record's hash, 64 '0' for seq 1. Netstrings make
 * the concatenation unambiguous, so anyone can re-verify with sqlite3 and
 * sha256sum (docs/design/audit.md shows how).
 *
 * Ownership: json_t results are new references the caller json_decref()s;
 * char* results are idt_malloc'd and freed with idt_free. json_t arguments
 * are only read (borrowed). Strings in callback records live only during
 * the callback.
 *
 * Errors: 0 (or the documented non-negative result) or a negative IDT_E*
 * with idt_error_msg(): IDT_EINVAL (bad argument: NULL, empty, malformed
 * date, unknown decision), IDT_EPARSE (payload not JSON), IDT_ENOTFOUND,
 * IDT_EEXIST, IDT_EDB (SQLite; message carries its text), IDT_ENOMEM.
 */
#ifndef INTERDICT_AUDIT_H
#define INTERDICT_AUDIT_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>
#include "interdict/common.h"
#include "interdict/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct idt_audit idt_audit;

/* Length of a SHA-256 hex digest, without the NUL. */
#define IDT_AUDIT_HASH_HEX 64

/* ---- open / close ---- */

/* Open (creating when absent, with the parent directory) db_path and create
 * the audit tables and the triggers that refuse UPDATE and DELETE on
 * audit_log (re-created at every open when someone dropped them). When the
 * schema is complete no write lock is taken, so opening works while an
 * import holds the file's write transaction. IDT_EINVAL for a NULL/empty
 * path, IDT_EDB when the file is not SQLite. */
int idt_audit_open(idt_audit **out, const char *db_path);
/* Close; NULL-safe. No call may be running on the handle. */
void idt_audit_close(idt_audit *a);

/* WAL checkpoints off the write path. By default SQLite checkpoints inside
 * the commit that takes the WAL past 1,000 pages, two fsyncs included,
 * while the handle's lock is held, so every writer waits for it (the tail
 * latency of /match). After idt_audit_defer_checkpoints, commits never
 * checkpoint and the caller runs idt_audit_checkpoint from a thread of its
 * own: a PASSIVE checkpoint on a second connection, which writers do not
 * wait for. Durability is the same (docs/design/audit.md: fsyncs happen at
 * checkpoints). idt_audit_checkpoint may run concurrently with any other
 * call on the handle, but not with idt_audit_close. */
int idt_audit_defer_checkpoints(idt_audit *a);
int idt_audit_checkpoint(idt_audit *a);

/* ---- hashing helpers (no handle needed) ---- */

/* Fingerprint of a query entity, so the same query asked twice (properties
 * in any key order, values in any order, repeated, or with surrounding
 * whitespace) gives the same decisions. query is the yente query object
 * {"schema": ..., "properties": {"name": [...], ...}} or just its
 * properties object. Canonical form: {"prop": [values]} with property names
 * sorted, each value trimmed, empty ones dropped, duplicates removed and
 * values sorted bytewise; a string where an array is expected counts as a
 * one-element array; numbers are written as JSON writes them. The schema
 * is NOT part of the fingerprint (docs/api.md: "canonical query
 * properties"). hex gets 64 hex digits and a NUL. IDT_EINVAL when query is
 * not an object or a property holds something else than strings/numbers. */
int idt_query_fingerprint(const json_t *query, char hex[IDT_AUDIT_HASH_HEX + 1]);
/* The same from JSON text; IDT_EPARSE when it does not parse. */
int idt_query_fingerprint_str(const char *query_json,
                              char hex[IDT_AUDIT_HASH_HEX + 1]);
/* Content hash of a list entity: SHA-256 over its schema and its
 * (property, value) statements in sorted order (netstrings, as the chain).
 * Independent of statement order, id, dataset and source id; changes when
 * any value or the schema changes. */
int idt_entity_content_hash(const idt_entity *e, char hex[IDT_AUDIT_HASH_HEX + 1]);
/* Canonical JSON text of v (sorted keys, compact, UTF-8): what the log
 * stores as payload. *out is freed with idt_free. */
int idt_audit_canonical(const json_t *v, char **out);

/* ---- API keys ---- */

/* Create a key named name (1-64 characters of [A-Za-z0-9._@-]): 32 random
 * bytes from OpenSSL's RAND_bytes, written "idt_" + 64 hex digits. Only its
 * SHA-256 is stored: *key_out is the one chance to see it (idt_free it).
 * Appends an "apikey.add" audit record. IDT_EEXIST when an active key has
 * that name, IDT_EINVAL for a bad name. */
int idt_apikey_add(idt_audit *a, const char *name, char **key_out);
/* Is key an active API key? 0 and *name_out (may be NULL; idt_free) set to
 * its name; IDT_ENOTFOUND for an unknown or revoked key (the message never
 * contains the key). The comparison runs in constant time over every
 * stored hash. */
int idt_apikey_check(idt_audit *a, const char *key, char **name_out);
/* Every key ever created, oldest first:
 * [{"name","created","revoked":null|"time","prefix":"idt_ab12"}]
 * (prefix = the first 8 characters of the key, to tell keys apart). */
int idt_apikey_list(idt_audit *a, json_t **out);
/* Revoke the active key named name (its row stays, marked revoked);
 * appends an "apikey.revoke" record. IDT_ENOTFOUND when none is active. */
int idt_apikey_revoke(idt_audit *a, const char *name);
/* Number of active keys (the server refuses to bind beyond loopback with
 * none). */
int idt_apikey_count(idt_audit *a, size_t *n);

/* ---- the audit log ---- */

/* Append one record: kind (e.g. "match", "decision"; 1-64 bytes), actor
 * (the API key name, or "anonymous"/"system"; 1-256 bytes) and payload_json
 * (any JSON text, duplicate keys refused; stored canonicalised, IDT_EPARSE
 * when it does not parse, IDT_ELIMIT over 16 MiB). *seq_out (may be NULL)
 * gets the record's seq. One transaction with the anchor update.
 * IDT_EDB (fail closed) when the log's last record disagrees with the
 * anchor (a truncated tail): appending would re-seal the tampering. The
 * kinds written by this library: "match", "decision", "apikey.add",
 * "apikey.revoke". */
int idt_audit_append(idt_audit *a, const char *kind, const char *actor,
                     const char *payload_json, int64_t *seq_out);
/* Same with a json_t payload. */
int idt_audit_append_json(idt_audit *a, const char *kind, const char *actor,
                          const json_t *payload, int64_t *seq_out);

typedef struct idt_audit_record {
  int64_t seq;
  const char *time, *kind, *actor, *payload, *prev_hash, *hash;
} idt_audit_record;

typedef int (*idt_audit_fn)(void *ctx, const idt_audit_record *r);

/* Records with from_seq <= seq (from_seq <= 1: from the start), ascending,
 * at most limit of them (0: all). fn returning non-zero stops and that
 * value is returned. Reads a snapshot on a private connection. */
int idt_audit_each(idt_audit *a, int64_t from_seq, size_t limit,
                   idt_audit_fn fn, void *ctx);
/* Number of records in the log (= the head seq when intact). */
int idt_audit_count(idt_audit *a, int64_t *records);

typedef struct idt_audit_verify_result {
  int ok;                   /* 1 when the whole chain holds */
  int64_t records;          /* records read */
  int64_t head_seq;         /* last seq read (0: empty log) */
  char head_hash[IDT_AUDIT_HASH_HEX + 1];   /* its hash: anchor it elsewhere */
  int64_t bad_seq;          /* first broken record (or the missing seq) */
  char reason[256];         /* why, one line: "payload or fields changed:
                               stored hash ... != computed ...", "seq 5
                               missing (deleted?)", "prev_hash does not
                               link to seq 4", "log ends at seq 7 but the
                               anchor records 9 (tail truncated)", ... */
} idt_audit_verify_result;

/* Recompute the chain from seq 1 and compare with the anchor table and,
 * when anchor_seq > 0, with an external anchor (a seq and the hash printed
 * by an earlier verify): the record anchor_seq must exist and carry
 * anchor_hash. Returns 0 when the check ran (res->ok says the verdict),
 * negative when it could not run (IDT_EDB ...). Detects: a changed field or
 * hash (recomputed hash differs, or the next record's prev_hash no longer
 * links), a deleted row (seq gap or tail shorter than the anchor), rows
 * inserted or reordered (seq/link breaks). Cannot detect an attacker who
 * rewrites the whole chain and the anchor row after the point they change,
 * unless an external anchor from before the change is given. */
int idt_audit_verify(idt_audit *a, int64_t anchor_seq, const char *anchor_hash,
                     idt_audit_verify_result *res);
/* {"ok":true,"records":N,"head":{"seq":S,"hash":H}} or
 * {"ok":false,"records":N,"seq":BAD,"reason":"..."}: the /audit/verify body
 * (docs/api.md's {"ok":true,"records":N} plus the head to anchor; records
 * counts those verified before the break). NULL on OOM. */
json_t *idt_audit_verify_json(const idt_audit_verify_result *res);

/* ---- alerts: screening hits at or above threshold ---- */

typedef struct idt_alert_in {
  const char *query_key;    /* the key in the /match request ("q1") */
  const json_t *query;      /* the query entity; fingerprinted and stored */
  const char *entity_id;    /* the list entity hit */
  const char *entity_hash;  /* idt_entity_content_hash of it */
  const char *caption;
  const char *dataset;
  double score;
  const char *explanation;  /* may be NULL */
  const char *list_version; /* free text, e.g. "ofac:12" (may be NULL) */
} idt_alert_in;

/* Record one /match request: appends one "match" audit record whose
 * payload is {"request": request (may be NULL -> null), "alerts": [ids]}
 * and records each hit as an alert, all in one transaction. A hit whose
 * (query fingerprint, entity_id, entity_hash) already has an alert reuses
 * it (its hits count and last_seen are bumped) instead of making a new one.
 * alert_ids (may be NULL) gets n ids; *seq_out (may be NULL) the record's
 * seq. n may be 0 (a request with no hits is still logged). */
int idt_audit_match(idt_audit *a, const char *actor, const json_t *request,
                    const idt_alert_in *hits, size_t n, int64_t *alert_ids,
                    int64_t *seq_out);

typedef enum idt_alert_status {
  IDT_ALERT_OPEN,           /* no decision yet */
  IDT_ALERT_DECIDED,        /* at least one decision */
  IDT_ALERT_ALL
} idt_alert_status;

/* Parse "open" / "decided" / "all"; IDT_EINVAL otherwise. */
int idt_alert_status_parse(const char *s, idt_alert_status *out);

/* Alerts, newest first, paged (limit 0: 50; capped at 1000):
 * [{"alert_id","query_key","query_fingerprint","query","entity_id",
 *   "entity_hash","caption","dataset","score","explanation","list_version",
 *   "created_at","last_seen","hits","status":"open"|"decided",
 *   "decision": {...} (the latest decision; absent when open)}]
 * *total (may be NULL) gets the count matching status. */
int idt_alert_list(idt_audit *a, idt_alert_status status, size_t limit,
                   size_t offset, json_t **out, size_t *total);
/* One alert in the same shape; IDT_ENOTFOUND. */
int idt_alert_get(idt_audit *a, int64_t alert_id, json_t **out);

/* ---- decisions ---- */

typedef struct idt_decision_in {
  int64_t alert_id;               /* > 0: decide this alert; else the pair: */
  const char *query_fingerprint;  /*   64 hex digits */
  const char *entity_id;
  const char *entity_hash;        /* NULL: taken from the pair's latest alert */
  const char *decision;           /* "true_match" | "false_positive" */
  const char *note;               /* may be NULL */
  const char *user;               /* the API key's name; non-empty */
  const char *list_version;       /* NULL: from the alert */
  const char *expires;            /* NULL or "YYYY-MM-DD" (inclusive, UTC) */
} idt_decision_in;

/* Store a decision, mark its alert decided and append a "decision" audit
 * record (payload: the stored decision), in one transaction. Decisions are
 * never overwritten: a later one for the same pair supersedes the earlier.
 * *out (may be NULL) gets the stored decision:
 *   {"decision_id","alert_id"|null,"query_fingerprint","entity_id",
 *    "entity_hash","decision","note","user","created_at","list_version",
 *    "expires"|null,"audit_seq"}
 * IDT_ENOTFOUND for an unknown alert id, or a pair with no alert and no
 * entity_hash given; IDT_EINVAL for a bad decision, date or fingerprint. */
int idt_decision_put(idt_audit *a, const idt_decision_in *in, json_t **out);
/* The latest decision for (fingerprint, entity_id), or *out = NULL (and 0)
 * when there is none. */
int idt_decision_find(idt_audit *a, const char *fingerprint,
                      const char *entity_id, json_t **out);
/* Decisions, newest first (entity_id NULL: all; limit 0: 50, cap 1000). */
int idt_decision_list(idt_audit *a, const char *entity_id, size_t limit,
                      size_t offset, json_t **out);
/* Should this hit be left out? 1 when the latest decision for
 * (fingerprint, entity_id) is false_positive, was made against the same
 * entity_hash (the list entry is unchanged) and has not expired at now
 * (expires is the last day it holds, UTC; now 0 = the current time);
 * 0 when not; negative on error. */
int idt_decision_suppresses(idt_audit *a, const char *fingerprint,
                            const char *entity_id, const char *entity_hash,
                            time_t now);

#ifdef __cplusplus
}
#endif
#endif
