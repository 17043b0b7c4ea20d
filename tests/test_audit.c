/*
 * test_audit.c - the audit module: the hash chain and every kind of
 * tampering done to the SQLite file directly (edited payload, edited hash,
 * rewritten record, deleted middle row, swapped rows, truncated tail,
 * appended row, rewritten anchor), concurrent appends from threads and from
 * several connections, and a writer killed mid-stream. Decisions, keys and
 * bad input are in test_audit_decisions.c, the CLI in test_audit_cli.c.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include "interdict/audit.h"
#include "audit/audit_int.h"
#include "common/util.h"
#include "tap.h"

static char path[600];

static idt_audit *fresh(const char *name)
{
  idt_audit *a = NULL;
  char p[640];
  snprintf(path, sizeof path, "%s/%s.db", tap_tmpdir(), name);
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
  CHECK_OK(idt_audit_open(&a, path));
  return a;
}

/* Run SQL on the file through a connection of our own (the attacker). */
static int raw(const char *sql)
{
  sqlite3 *db;
  char *msg = NULL;
  int rc;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    return -1;
  rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    tap_diag("raw sql: %s", msg ? msg : "?");
  sqlite3_free(msg);
  sqlite3_close(db);
  return rc;
}

static void fill(idt_audit *a, int n)
{
  char p[64];
  int i;
  for (i = 0; i < n; i++) {
    snprintf(p, sizeof p, "{\"i\":%d,\"b\":[1,2],\"a\":\"x\"}", i);
    CHECK_OK(idt_audit_append(a, "test", "tester", p, NULL));
  }
}

static idt_audit_verify_result vr;

static int verify(idt_audit *a)
{
  CHECK_OK(idt_audit_verify(a, 0, NULL, &vr));
  if (!vr.ok)
    tap_diag("verify: seq %lld: %s", (long long)vr.bad_seq, vr.reason);
  return vr.ok;
}

static const char *drop_triggers =
  "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;";

TEST(chain_intact_and_recomputable)
{
  idt_audit *a = fresh("chain");
  int64_t seq = 0, n = 0;
  char want[65], buf[512];
  sqlite3 *db;
  sqlite3_stmt *st;
  CHECK(verify(a));
  CHECK_INT(vr.records, 0);
  fill(a, 9);
  CHECK_OK(idt_audit_append(a, "k", "actor", "{\"z\":1, \"a\" : [3, 2]}", &seq));
  CHECK_INT(seq, 10);
  CHECK(verify(a));
  CHECK_INT(vr.records, 10);
  CHECK_INT(vr.head_seq, 10);
  CHECK_OK(idt_audit_count(a, &n));
  CHECK_INT(n, 10);
  /* Recompute record 10 by hand from the documented netstring layout. */
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  CHECK(sqlite3_prepare_v2(db, "SELECT prev_hash, time, payload, hash FROM audit_log "
                           "WHERE seq=10", -1, &st, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  CHECK_STR((const char *)sqlite3_column_text(st, 2), "{\"a\":[3,2],\"z\":1}");
  snprintf(buf, sizeof buf, "64:%s,2:10,24:%s,1:k,5:actor,17:%s,",
           sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
           sqlite3_column_text(st, 2));
  idt_sha256_mem(buf, strlen(buf), want);
  CHECK_STR((const char *)sqlite3_column_text(st, 3), want);
  CHECK_STR(vr.head_hash, want);
  sqlite3_finalize(st);
  sqlite3_close(db);
  idt_audit_close(a);
}

TEST(triggers_refuse_update_delete)
{
  idt_audit *a = fresh("trig");
  fill(a, 3);
  CHECK(raw("UPDATE audit_log SET payload='{}' WHERE seq=2") != SQLITE_OK);
  CHECK(raw("DELETE FROM audit_log WHERE seq=3") != SQLITE_OK);
  CHECK(raw("UPDATE audit_anchor SET seq=1") != SQLITE_OK);
  CHECK(raw("DELETE FROM audit_anchor") != SQLITE_OK);
  CHECK(verify(a));
  /* A dropped trigger comes back at the next open. */
  CHECK_INT(raw("DROP TRIGGER audit_log_no_update"), SQLITE_OK);
  idt_audit_close(a);
  CHECK_OK(idt_audit_open(&a, path));
  CHECK(raw("UPDATE audit_log SET payload='{}' WHERE seq=2") != SQLITE_OK);
  idt_audit_close(a);
}

/* Another connection (an import) holding the write lock does not stop an
 * open of an existing file, nor a verification (WAL readers). */
TEST(open_during_foreign_write)
{
  idt_audit *a = fresh("busy");
  sqlite3 *db;
  fill(a, 2);
  idt_audit_close(a);
  a = NULL;
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "BEGIN IMMEDIATE; CREATE TABLE other(x); "
                     "INSERT INTO other VALUES(1)", NULL, NULL, NULL) == SQLITE_OK);
  CHECK_OK(idt_audit_open(&a, path));
  if (a) {
    CHECK(verify(a));
    CHECK_INT(vr.records, 2);
  }
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close(db);
  if (a)
    CHECK_OK(idt_audit_append(a, "k", "u", "{}", NULL));
  idt_audit_close(a);
}

TEST(tamper_payload)
{
  idt_audit *a = fresh("payload");
  fill(a, 10);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  CHECK_INT(raw("UPDATE audit_log SET payload='{\"i\":99}' WHERE seq=5"), SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 5);
  CHECK_INT(vr.records, 4);
  CHECK(strstr(vr.reason, "changed") != NULL);
  idt_audit_close(a);
}

TEST(tamper_actor_and_time)
{
  idt_audit *a = fresh("actor");
  fill(a, 4);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  CHECK_INT(raw("UPDATE audit_log SET actor='mallory' WHERE seq=3"), SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 3);
  idt_audit_close(a);
  a = fresh("time");
  fill(a, 4);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  CHECK_INT(raw("UPDATE audit_log SET time='2000-01-01T00:00:00.000Z' WHERE seq=1"),
            SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 1);
  idt_audit_close(a);
}

TEST(tamper_hash_only)
{
  idt_audit *a = fresh("hash");
  fill(a, 6);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  CHECK_INT(raw("UPDATE audit_log SET hash=substr(hash,2)||'0' WHERE seq=6"),
            SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 6);
  idt_audit_close(a);
}

/* The attacker edits record 4 and recomputes its hash correctly: record 4
 * then holds on its own, and record 5's link breaks. */
TEST(tamper_rewritten_record)
{
  idt_audit *a = fresh("rewrite");
  sqlite3 *db;
  sqlite3_stmt *st;
  char h[65], sql[512];
  fill(a, 8);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  CHECK(sqlite3_prepare_v2(db, "SELECT prev_hash, time, kind, actor FROM audit_log "
                           "WHERE seq=4", -1, &st, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  CHECK_OK(idt__audit_record_hash((const char *)sqlite3_column_text(st, 0), 4,
           (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2),
           (const char *)sqlite3_column_text(st, 3), "{\"i\":1000}", h));
  sqlite3_finalize(st);
  sqlite3_close(db);
  snprintf(sql, sizeof sql, "UPDATE audit_log SET payload='{\"i\":1000}', hash='%s' "
           "WHERE seq=4", h);
  CHECK_INT(raw(sql), SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 5);
  CHECK(strstr(vr.reason, "link") != NULL);
  idt_audit_close(a);
}

TEST(tamper_delete_middle)
{
  idt_audit *a = fresh("delete");
  fill(a, 10);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  CHECK_INT(raw("DELETE FROM audit_log WHERE seq=5"), SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 5);
  CHECK(strstr(vr.reason, "missing") != NULL);
  /* Deleted and the rest renumbered to close the gap: the link breaks. */
  CHECK_INT(raw("UPDATE audit_log SET seq=seq-1 WHERE seq>5"), SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 5);
  idt_audit_close(a);
}

TEST(tamper_swap)
{
  idt_audit *a = fresh("swap");
  fill(a, 6);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  /* Swap whole rows (seq numbers exchanged). */
  CHECK_INT(raw("UPDATE audit_log SET seq=-3 WHERE seq=3;"
                "UPDATE audit_log SET seq=3 WHERE seq=4;"
                "UPDATE audit_log SET seq=4 WHERE seq=-3"), SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 3);
  idt_audit_close(a);
  /* Swap only the payloads of two records. */
  a = fresh("swap2");
  fill(a, 6);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  CHECK_INT(raw("CREATE TEMP TABLE t AS SELECT seq, payload FROM audit_log "
                "WHERE seq IN (2,3);"
                "UPDATE audit_log SET payload=(SELECT payload FROM t WHERE t.seq = "
                "5 - audit_log.seq) WHERE seq IN (2,3)"), SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 2);
  idt_audit_close(a);
}

TEST(tamper_truncate_tail)
{
  idt_audit *a = fresh("trunc");
  char head[65], sql[256];
  int64_t seq;
  fill(a, 10);
  CHECK(verify(a));
  memcpy(head, vr.head_hash, sizeof head);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  CHECK_INT(raw("DELETE FROM audit_log WHERE seq>=9"), SQLITE_OK);
  /* The shorter chain is valid on its own; the anchor row catches it. */
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 9);
  CHECK(strstr(vr.reason, "truncated") != NULL);
  /* Appending on a truncated log is refused, not re-sealed. */
  CHECK_INT(idt_audit_append(a, "k", "x", "{}", &seq), IDT_EDB);
  /* An attacker who also rewinds the anchor defeats the internal check... */
  CHECK_INT(raw("DROP TRIGGER audit_anchor_forward;"
                "UPDATE audit_anchor SET seq=8, hash=(SELECT hash FROM audit_log "
                "WHERE seq=8)"), SQLITE_OK);
  CHECK(verify(a));
  /* ...but not an external anchor kept from before. */
  CHECK_OK(idt_audit_verify(a, 10, head, &vr));
  CHECK(!vr.ok);
  CHECK_INT(vr.bad_seq, 10);
  CHECK(strstr(vr.reason, "truncated") != NULL);
  /* A wrong external anchor hash on an existing record. */
  snprintf(sql, sizeof sql, "%s", head);
  CHECK_OK(idt_audit_verify(a, 3, sql, &vr));
  CHECK(!vr.ok);
  CHECK_INT(vr.bad_seq, 3);
  CHECK_INT(idt_audit_verify(a, 3, "xyz", &vr), IDT_EINVAL);
  idt_audit_close(a);
}

TEST(tamper_truncate_all_and_append_behind)
{
  idt_audit *a = fresh("all");
  sqlite3 *db;
  sqlite3_stmt *st;
  char h[65], sql[600];
  fill(a, 3);
  CHECK_INT(raw(drop_triggers), SQLITE_OK);
  CHECK_INT(raw("DELETE FROM audit_log"), SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 1);
  idt_audit_close(a);
  /* A well-formed record appended behind the library's back (correct
   * chain hash) still disagrees with the anchor. */
  a = fresh("behind");
  fill(a, 3);
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  CHECK(sqlite3_prepare_v2(db, "SELECT hash FROM audit_log WHERE seq=3", -1, &st,
                           NULL) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  CHECK_OK(idt__audit_record_hash((const char *)sqlite3_column_text(st, 0), 4,
           "2026-01-01T00:00:00.000Z", "k", "m", "{}", h));
  snprintf(sql, sizeof sql, "INSERT INTO audit_log VALUES(4,'2026-01-01T00:00:00.000Z',"
           "'k','m','{}','%s','%s')", (const char *)sqlite3_column_text(st, 0), h);
  sqlite3_finalize(st);
  sqlite3_close(db);
  CHECK_INT(raw(sql), SQLITE_OK);
  CHECK(!verify(a));
  CHECK_INT(vr.bad_seq, 4);
  CHECK(strstr(vr.reason, "anchor") != NULL);
  idt_audit_close(a);
}

/* ---- concurrency ---- */

typedef struct worker { idt_audit *a; int id, n, own; } worker;

static void *work(void *p)
{
  worker *w = p;
  idt_audit *a = w->a;
  char payload[64];
  int i, fails = 0;
  if (w->own && idt_audit_open(&a, path))
    return (void *)1;
  for (i = 0; i < w->n; i++) {
    snprintf(payload, sizeof payload, "{\"w\":%d,\"i\":%d}", w->id, i);
    if (idt_audit_append(a, "thread", "w", payload, NULL))
      fails++;
  }
  if (w->own)
    idt_audit_close(a);
  return fails ? (void *)1 : NULL;
}

TEST(concurrent_appends)
{
  idt_audit *a = fresh("threads");
  pthread_t t[8];
  worker w[8];
  void *r;
  int64_t n = 0;
  int i;
  for (i = 0; i < 8; i++) {
    w[i] = (worker){ a, i, 40, i >= 6 };  /* 6 share a handle, 2 own one */
    CHECK(pthread_create(&t[i], NULL, work, &w[i]) == 0);
  }
  for (i = 0; i < 8; i++) {
    pthread_join(t[i], &r);
    CHECK(r == NULL);
  }
  CHECK(verify(a));
  CHECK_OK(idt_audit_count(a, &n));
  CHECK_INT(n, 320);
  CHECK_INT(vr.records, 320);
  idt_audit_close(a);
}

/* A writer SIGKILLed while appending and deciding leaves a chain that
 * verifies and decisions each matched by their audit record. */
TEST(kill_safety)
{
  idt_audit *a = fresh("kill");
  pid_t pid;
  int status, i;
  int64_t before = 0, after = 0;
  json_t *ds = NULL;
  fill(a, 2);
  CHECK_OK(idt_audit_count(a, &before));
  pid = fork();
  if (pid == 0) {
    idt_audit *c = NULL;
    json_t *q = json_pack("{s:{s:[s]}}", "properties", "name", "Kim");
    idt_alert_in hit = { "q", q, "ent-1", NULL, "Kim", "ds", 0.9, NULL, "v1" };
    idt_decision_in d = { 0 };
    char h[65] = "";
    memset(h, 'a', 64);
    hit.entity_hash = h;
    if (idt_audit_open(&c, path))
      _exit(1);
    for (i = 0;; i++) {
      int64_t id = 0;
      idt_audit_append(c, "child", "c", "{\"x\":1}", NULL);
      idt_audit_match(c, "c", q, &hit, 1, &id, NULL);
      d.alert_id = id;
      d.decision = i % 2 ? "true_match" : "false_positive";
      d.user = "c";
      idt_decision_put(c, &d, NULL);
    }
  }
  CHECK(pid > 0);
  /* Kill it once it is well into its loop (polled, not a fixed sleep: the
   * machine may be loaded), at a random point of a transaction. */
  for (i = 0; i < 500 && after < before + 60; i++) {
    usleep(20000);
    if (idt_audit_count(a, &after))
      break;
  }
  usleep((useconds_t)(rand() % 5000));
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(verify(a));
  CHECK_OK(idt_audit_count(a, &after));
  CHECK(after > before + 3);
  tap_diag("child appended %lld records before SIGKILL", (long long)(after - before));
  /* Every stored decision has its audit record (same transaction). */
  CHECK_OK(idt_decision_list(a, NULL, 1000, 0, &ds));
  for (i = 0; i < (int)json_array_size(ds); i++) {
    int64_t s = json_integer_value(json_object_get(json_array_get(ds, (size_t)i),
                                                   "audit_seq"));
    CHECK(s > 0 && s <= after);
  }
  json_decref(ds);
  /* The log can still be appended to. */
  CHECK_OK(idt_audit_append(a, "k", "x", "{}", NULL));
  CHECK(verify(a));
  idt_audit_close(a);
}

int main(void)
{
  RUN(chain_intact_and_recomputable);
  RUN(triggers_refuse_update_delete);
  RUN(open_during_foreign_write);
  RUN(tamper_payload);
  RUN(tamper_actor_and_time);
  RUN(tamper_hash_only);
  RUN(tamper_rewritten_record);
  RUN(tamper_delete_middle);
  RUN(tamper_swap);
  RUN(tamper_truncate_tail);
  RUN(tamper_truncate_all_and_append_behind);
  RUN(concurrent_appends);
  RUN(kill_safety);
  return tap_done();
}
