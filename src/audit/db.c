/*
 * db.c - opening the audit tables inside the store's SQLite file, the SQL
 * and transaction helpers, time stamps and input validators.
 *
 * The tables live in the store's file (one file an analyst copies or backs
 * up) but are created here with IF NOT EXISTS rather than by the store's
 * migrations: the store's schema version then says nothing about them and
 * neither module has to know the other's layout. The audit_log triggers
 * refuse UPDATE and DELETE (defence in depth: anyone with write access can
 * drop them, which is why verification never trusts them), and the anchor
 * may only move forward.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "audit_int.h"
#include "common/util.h"

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS audit_log(seq INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL,"
  "  payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS audit_anchor(id INTEGER PRIMARY KEY CHECK(id=1),"
  "  seq INTEGER NOT NULL, hash TEXT NOT NULL);"
  "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
  "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
  "CREATE TRIGGER IF NOT EXISTS audit_anchor_forward BEFORE UPDATE ON audit_anchor"
  "  WHEN NEW.seq <= OLD.seq"
  "  BEGIN SELECT RAISE(ABORT, 'audit_anchor only moves forward'); END;"
  "CREATE TRIGGER IF NOT EXISTS audit_anchor_no_delete BEFORE DELETE ON audit_anchor"
  "  BEGIN SELECT RAISE(ABORT, 'audit_anchor cannot be deleted'); END;"
  "CREATE TABLE IF NOT EXISTS api_keys(id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,"
  "  created TEXT NOT NULL, revoked TEXT);"
  "CREATE UNIQUE INDEX IF NOT EXISTS api_keys_active ON api_keys(name)"
  "  WHERE revoked IS NULL;"
  "CREATE TABLE IF NOT EXISTS alerts(id INTEGER PRIMARY KEY,"
  "  query_key TEXT, query_fingerprint TEXT NOT NULL, query TEXT NOT NULL,"
  "  entity_id TEXT NOT NULL, entity_hash TEXT NOT NULL, caption TEXT,"
  "  dataset TEXT, score REAL, explanation TEXT, list_version TEXT,"
  "  created TEXT NOT NULL, last_seen TEXT NOT NULL, hits INTEGER NOT NULL,"
  "  decision_id INTEGER, audit_seq INTEGER NOT NULL,"
  "  UNIQUE(query_fingerprint, entity_id, entity_hash));"
  "CREATE INDEX IF NOT EXISTS alerts_status ON alerts(decision_id, id);"
  "CREATE TABLE IF NOT EXISTS decisions(id INTEGER PRIMARY KEY,"
  "  alert_id INTEGER, query_fingerprint TEXT NOT NULL,"
  "  entity_id TEXT NOT NULL, entity_hash TEXT NOT NULL,"
  "  decision TEXT NOT NULL CHECK(decision IN ('true_match','false_positive')),"
  "  note TEXT, user TEXT NOT NULL, created TEXT NOT NULL, list_version TEXT,"
  "  expires TEXT, audit_seq INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS decisions_pair ON decisions(query_fingerprint,"
  "  entity_id, id);"
  "CREATE INDEX IF NOT EXISTS decisions_entity ON decisions(entity_id, id);";

/* The schema's named objects: when all exist, open needs no write lock
 * (the server may then start while an import holds the file's write
 * transaction for minutes); a dropped trigger makes the count fall short
 * and the schema is re-run, which re-creates it. */
static const char objects_sql[] =
  "SELECT count(*) FROM sqlite_master WHERE name IN ('audit_log','audit_anchor',"
  "'audit_log_no_update','audit_log_no_delete','audit_anchor_forward',"
  "'audit_anchor_no_delete','api_keys','api_keys_active','alerts','alerts_status',"
  "'decisions','decisions_pair','decisions_entity')";
#define SCHEMA_OBJECTS 13

static int schema_complete(idt_audit *a)
{
  sqlite3_stmt *st;
  int n = -1;
  if (idt__audit_prepare(a, &st, objects_sql))
    return 0;
  if (sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n == SCHEMA_OBJECTS;
}

static int create_schema(idt_audit *a)
{
  int rc;
  if (schema_complete(a))
    return 0;
  if ((rc = idt__audit_begin(a)))
    return rc;
  return idt__audit_end(a, idt__audit_exec(a, schema));
}

int idt__audit_dberr(const idt_audit *a, sqlite3 *db, const char *what)
{
  return idt_error_set(IDT_EDB, "%s: %s: %s", a && a->path ? a->path : "audit",
                       what, db ? sqlite3_errmsg(db) : "no database");
}

int idt__audit_exec(idt_audit *a, const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec(a->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    idt_error_set(IDT_EDB, "%s: %s", a->path, msg ? msg : "error");
    sqlite3_free(msg);
    return IDT_EDB;
  }
  return 0;
}

int idt__audit_prepare(idt_audit *a, sqlite3_stmt **st, const char *sql)
{
  if (sqlite3_prepare_v2(a->db, sql, -1, st, NULL) != SQLITE_OK) {
    *st = NULL;
    return idt__audit_dberr(a, a->db, "prepare");
  }
  return 0;
}

int idt__audit_cached(idt_audit *a, sqlite3_stmt **st, const char *sql)
{
  int i;
  for (i = 0; i < IDT__AUDIT_CACHE && a->cache_sql[i]; i++) {
    if (a->cache_sql[i] == sql) {
      *st = a->cache[i];
      sqlite3_reset(*st);
      sqlite3_clear_bindings(*st);
      return 0;
    }
  }
  if (sqlite3_prepare_v3(a->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL)
      != SQLITE_OK) {
    *st = NULL;
    return idt__audit_dberr(a, a->db, "prepare");
  }
  if (i < IDT__AUDIT_CACHE) {
    a->cache_sql[i] = sql;
    a->cache[i] = *st;
  } else {
    sqlite3_finalize(*st);   /* never reached: the cache outnumbers callers */
    *st = NULL;
    return idt_error_set(IDT_EDB, "%s: statement cache full", a->path);
  }
  return 0;
}

int idt__audit_begin(idt_audit *a)
{
  return idt__audit_exec(a, "BEGIN IMMEDIATE");
}

int idt__audit_end(idt_audit *a, int rc)
{
  if (rc == 0 && (rc = idt__audit_exec(a, "COMMIT")) == 0)
    return 0;
  if (!sqlite3_get_autocommit(a->db))
    sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

void idt__audit_lock(idt_audit *a) { pthread_mutex_lock(&a->mu); }
void idt__audit_unlock(idt_audit *a) { pthread_mutex_unlock(&a->mu); }

static int mkdir_parents(const char *path)
{
  char dir[4096];
  size_t i, n = strlen(path);
  if (n >= sizeof dir)
    return idt_error_set(IDT_EINVAL, "%s: path too long", path);
  memcpy(dir, path, n + 1);
  while (n && dir[n - 1] != '/')
    n--;
  if (n <= 1)
    return 0;
  dir[n - 1] = '\0';
  for (i = 1; i <= n - 1; i++) {
    if (dir[i] == '/' || dir[i] == '\0') {
      char c = dir[i];
      dir[i] = '\0';
      if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return idt_error_set(IDT_EIO, "%s: cannot create directory: %s", dir,
                             strerror(errno));
      dir[i] = c;
    }
  }
  return 0;
}

int idt_audit_open(idt_audit **out, const char *db_path)
{
  idt_audit *a;
  int rc;
  if (!out)
    return idt_error_set(IDT_EINVAL, "audit: out is NULL");
  *out = NULL;
  if (!db_path || !*db_path)
    return idt_error_set(IDT_EINVAL, "audit: database path is empty");
  if ((rc = mkdir_parents(db_path)))
    return rc;
  if (!(a = idt_calloc(1, sizeof *a)))
    return IDT_ENOMEM;
  if (!(a->path = idt_strdup(db_path)) || pthread_mutex_init(&a->mu, NULL)) {
    idt_free(a->path);
    idt_free(a);
    return idt_error_set(IDT_ENOMEM, "audit: cannot allocate the handle");
  }
  if (pthread_mutex_init(&a->ckpt_mu, NULL)) {
    pthread_mutex_destroy(&a->mu);
    idt_free(a->path);
    idt_free(a);
    return idt_error_set(IDT_ENOMEM, "audit: cannot allocate the handle");
  }
  if (sqlite3_open_v2(db_path, &a->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                      SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    rc = idt__audit_dberr(a, a->db, "open");
    goto fail;
  }
  sqlite3_busy_timeout(a->db, 10000);
  /* WAL and synchronous=NORMAL as the store (a commit survives a killed
   * process); the schema in one transaction so a half-made one never
   * exists. */
  if ((rc = idt__audit_exec(a, "PRAGMA journal_mode=WAL;"
                               "PRAGMA synchronous=NORMAL")) ||
      (rc = create_schema(a)))
    goto fail;
  *out = a;
  return 0;
fail:
  idt_audit_close(a);
  return idt_error_wrap(rc, "opening audit tables");
}

void idt_audit_close(idt_audit *a)
{
  int i;
  if (!a)
    return;
  for (i = 0; i < IDT__AUDIT_CACHE; i++)
    sqlite3_finalize(a->cache[i]);
  sqlite3_close_v2(a->ckpt_db);
  sqlite3_close_v2(a->db);
  pthread_mutex_destroy(&a->ckpt_mu);
  pthread_mutex_destroy(&a->mu);
  idt_free(a->path);
  idt_free(a);
}

int idt_audit_defer_checkpoints(idt_audit *a)
{
  int rc;
  if (!a)
    return idt_error_set(IDT_EINVAL, "audit: no handle");
  idt__audit_lock(a);
  rc = idt__audit_exec(a, "PRAGMA wal_autocheckpoint=0");
  idt__audit_unlock(a);
  return rc;
}

/* WAL frames beyond which the checkpoint finishes under the handle's lock. */
#define CKPT_RESTART_FRAMES 2000

int idt_audit_checkpoint(idt_audit *a)
{
  int rc = 0, src, nlog = 0, nckpt = 0;
  if (!a)
    return idt_error_set(IDT_EINVAL, "audit: no handle");
  pthread_mutex_lock(&a->ckpt_mu);
  /* a connection learns the file is in WAL mode only when it first reads
   * it; until then a checkpoint is a silent no-op */
  if (!a->ckpt_db && (sqlite3_open_v2(a->path, &a->ckpt_db, SQLITE_OPEN_READWRITE |
                                      SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
                      sqlite3_exec(a->ckpt_db, "PRAGMA schema_version", NULL, NULL,
                                   NULL) != SQLITE_OK)) {
    rc = idt__audit_dberr(a, a->ckpt_db, "open for checkpoints");
    sqlite3_close_v2(a->ckpt_db);
    a->ckpt_db = NULL;
  }
  /* PASSIVE: copies the WAL into the file without waiting for readers or
   * writers (fsyncs included); BUSY only when another checkpoint runs. */
  if (!rc && (src = sqlite3_wal_checkpoint_v2(a->ckpt_db, NULL, SQLITE_CHECKPOINT_PASSIVE,
                                              &nlog, &nckpt)) != SQLITE_OK &&
      src != SQLITE_BUSY)
    rc = idt__audit_dberr(a, a->ckpt_db, "checkpoint");
  pthread_mutex_unlock(&a->ckpt_mu);
  /* Under steady writes a concurrent checkpoint never catches up with the
   * last commit, so the WAL is never started over and grows without end.
   * When it is long, finish on the writer's own connection under its lock:
   * only the frames committed since the pass above are left to copy. */
  if (!rc && nlog > CKPT_RESTART_FRAMES) {
    idt__audit_lock(a);
    src = sqlite3_wal_checkpoint_v2(a->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    if (src != SQLITE_OK && src != SQLITE_BUSY)
      rc = idt__audit_dberr(a, a->db, "checkpoint");
    idt__audit_unlock(a);
  }
  return rc;
}

int idt__audit_open_reader(idt_audit *a, sqlite3 **db)
{
  if (sqlite3_open_v2(a->path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                      NULL) != SQLITE_OK) {
    int rc = idt__audit_dberr(a, *db, "open reader");
    sqlite3_close_v2(*db);
    *db = NULL;
    return rc;
  }
  sqlite3_busy_timeout(*db, 10000);
  return 0;
}

void idt__audit_now(char out[32])
{
  struct timespec ts;
  struct tm tm;
  char s[24];
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out, 32, "%s.%03dZ", s, (int)(ts.tv_nsec / 1000000));
}

const char *idt__audit_col(sqlite3_stmt *st, int i)
{
  const char *s = (const char *)sqlite3_column_text(st, i);
  return s ? s : "";
}

json_t *idt__audit_jstr(sqlite3_stmt *st, int i)
{
  const char *s = (const char *)sqlite3_column_text(st, i);
  return s ? json_string(s) : json_null();
}

int idt__audit_is_hex64(const char *s)
{
  size_t i;
  if (!s)
    return 0;
  for (i = 0; i < IDT_AUDIT_HASH_HEX; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
      return 0;
  return s[i] == '\0';
}

static int digits(const char *s, int n, int *v)
{
  int i;
  *v = 0;
  for (i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    *v = *v * 10 + (s[i] - '0');
  }
  return 1;
}

int idt__audit_is_date(const char *s)
{
  static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, m, d;
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
      !digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
    return 0;
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
    return 0;
  return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

int idt__audit_text_ok(const char *s, size_t max)
{
  size_t n;
  if (!s || !*s)
    return 0;
  n = strlen(s);
  return n <= max && idt_utf8_invalid_at(s, n) == (size_t)-1;
}
