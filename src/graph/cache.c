/*
 * cache.c - computed exposure saved in the store's SQLite file.
 *
 * Exposure is computed once per set of list versions (ARCHITECTURE.md:
 * "expensive analysis is precomputed per version") and kept in two tables
 * of the store file, owned by this module and created on demand:
 *   net_runs(key, created, nodes, edges, designated, blocked, possibly)
 *   net_exposure2(key, entity_id, ...one column per idt_net_exposure field)
 * (the suffix is the layout version: a cache from an older layout is simply
 * not read, and the next run writes the new table)
 * The key names the versions ("ofac:12,un:14"), so a new import makes the
 * old run stale by construction, never wrong. Saving a run deletes every
 * other run: the cache holds the latest only (history is the store's job,
 * and a re-computation from a past version is one `net exposure` away).
 *
 * A separate file keyed by version ids was the alternative; it was
 * rejected because the store is already the one file users back up and
 * hand over, and SQLite gives the entity lookup index for free. Our own
 * connection is opened on the same file (WAL, busy timeout) rather than
 * through store.h, which exposes no SQL handle by design.
 */
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "graph/net_int.h"

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS net_runs(key TEXT PRIMARY KEY, created TEXT,"
  " nodes INTEGER, edges INTEGER, designated INTEGER, blocked INTEGER,"
  " possibly INTEGER);"
  "CREATE TABLE IF NOT EXISTS net_exposure2(key TEXT NOT NULL,"
  " entity_id TEXT NOT NULL, source_id TEXT, schema TEXT, caption TEXT,"
  " designated INTEGER, programs TEXT, blocked_50 INTEGER,"
  " possibly_blocked_50 INTEGER, eu_controlled INTEGER, stake_lo REAL,"
  " stake_hi REAL, lookthrough REAL, hops INTEGER, nearest TEXT, path TEXT, risk REAL,"
  " risk_rank INTEGER, community INTEGER, articulation INTEGER,"
  " betweenness REAL, designated_neighbours INTEGER,"
  " PRIMARY KEY(key, entity_id)) WITHOUT ROWID;";

static int db_fail(sqlite3 *db, const char *what)
{
  return idt_error_set(IDT_EDB, "net cache: %s: %s", what,
                       db ? sqlite3_errmsg(db) : "cannot open");
}

static int db_open(const char *path, sqlite3 **db)
{
  if (sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)) {
    int rc = idt_error_set(IDT_EDB, "net cache: open %s: %s", path,
                           *db ? sqlite3_errmsg(*db) : "out of memory");
    sqlite3_close(*db);
    *db = NULL;
    return rc;
  }
  sqlite3_busy_timeout(*db, 10000);
  if (sqlite3_exec(*db, schema_sql, NULL, NULL, NULL)) {
    int rc = db_fail(*db, "create tables");
    sqlite3_close(*db);
    *db = NULL;
    return rc;
  }
  return 0;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
  if (s)
    sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

static int save_rows(idt_net *n, sqlite3 *db, const char *key)
{
  sqlite3_stmt *st = NULL;
  uint32_t v;
  int rc = 0;
  if (sqlite3_prepare_v2(db, "INSERT INTO net_exposure2 VALUES(?,?,?,?,?,?,?,?,?,?,"
                         "?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL))
    return db_fail(db, "prepare");
  for (v = 0; v < n->n && !rc; v++) {
    idt_net_exposure x;
    if ((rc = idt_net_exposure_at(n, v, &x)))
      break;
    sqlite3_reset(st);
    bind_text(st, 1, key);
    bind_text(st, 2, x.entity_id);
    bind_text(st, 3, x.source_id);
    bind_text(st, 4, x.schema);
    bind_text(st, 5, x.caption);
    sqlite3_bind_int(st, 6, x.designated);
    bind_text(st, 7, x.programs);
    sqlite3_bind_int(st, 8, x.blocked_50);
    sqlite3_bind_int(st, 9, x.possibly_blocked_50);
    sqlite3_bind_int(st, 10, x.eu_controlled);
    sqlite3_bind_double(st, 11, x.stake_lo);
    sqlite3_bind_double(st, 12, x.stake_hi);
    sqlite3_bind_double(st, 13, x.lookthrough);
    sqlite3_bind_int(st, 14, x.hops);
    bind_text(st, 15, x.nearest);
    bind_text(st, 16, x.path);
    sqlite3_bind_double(st, 17, x.risk);
    sqlite3_bind_int64(st, 18, x.risk_rank);
    sqlite3_bind_int(st, 19, x.community);
    sqlite3_bind_int(st, 20, x.articulation);
    sqlite3_bind_double(st, 21, x.betweenness);
    sqlite3_bind_int64(st, 22, x.designated_neighbours);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = db_fail(db, "insert");
  }
  sqlite3_finalize(st);
  return rc;
}

int idt_net_save(idt_net *n, const char *db_path, const char *key)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  char now[32];
  int rc;
  if (!n || !db_path || !key)
    return idt_error_set(IDT_EINVAL, "net cache: save needs a network, a path and a key");
  if (!n->computed)
    return idt_error_set(IDT_EINVAL, "net cache: save before compute");
  if ((rc = db_open(db_path, &db)))
    return rc;
  if (sqlite3_exec(db, "BEGIN IMMEDIATE; DELETE FROM net_exposure2; DELETE FROM net_runs;",
                   NULL, NULL, NULL)) {
    rc = db_fail(db, "begin");
    goto out;
  }
  if ((rc = save_rows(n, db, key)))
    goto rollback;
  if (sqlite3_prepare_v2(db, "INSERT INTO net_runs VALUES(?,?,?,?,?,?,?)", -1, &st, NULL)) {
    rc = db_fail(db, "prepare run");
    goto rollback;
  }
  {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
  }
  bind_text(st, 1, key);
  bind_text(st, 2, now);
  sqlite3_bind_int64(st, 3, n->st.nodes);
  sqlite3_bind_int64(st, 4, (sqlite3_int64)n->st.edges);
  sqlite3_bind_int64(st, 5, n->st.designated);
  sqlite3_bind_int64(st, 6, n->st.blocked_50);
  sqlite3_bind_int64(st, 7, n->st.possibly_blocked_50);
  if (sqlite3_step(st) != SQLITE_DONE) {
    rc = db_fail(db, "insert run");
    goto rollback;
  }
  if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)) {
    rc = db_fail(db, "commit");
    goto rollback;
  }
  goto out;
rollback:
  sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
out:
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rc;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
  return (const char *)sqlite3_column_text(st, i);
}

int idt_net_stored_each(const char *db_path, const char *key,
                        const char *entity_id, idt_net_exposure_fn fn, void *ctx)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int rc, found = 0, step;
  char *latest = NULL;
  if (!db_path || !fn)
    return idt_error_set(IDT_EINVAL, "net cache: path and callback required");
  if ((rc = db_open(db_path, &db)))
    return rc;
  if (sqlite3_prepare_v2(db, key ? "SELECT key FROM net_runs WHERE key=?" :
                         "SELECT key FROM net_runs ORDER BY created DESC LIMIT 1",
                         -1, &st, NULL)) {
    rc = db_fail(db, "prepare");
    goto out;
  }
  if (key)
    bind_text(st, 1, key);
  if (sqlite3_step(st) != SQLITE_ROW) {
    rc = idt_error_set(IDT_ENOTFOUND, "net cache: no run for %s", key ? key : "any lists");
    goto out;
  }
  if (!(latest = idt_strdup(col_text(st, 0)))) {
    rc = IDT_ENOMEM;
    goto out;
  }
  key = latest;
  sqlite3_finalize(st);
  st = NULL;
  if (sqlite3_prepare_v2(db, entity_id ?
        "SELECT * FROM net_exposure2 WHERE key=? AND entity_id=?" :
        "SELECT * FROM net_exposure2 WHERE key=? ORDER BY risk_rank=0, risk_rank,"
        " entity_id", -1, &st, NULL)) {
    rc = db_fail(db, "prepare");
    goto out;
  }
  bind_text(st, 1, key);
  if (entity_id)
    bind_text(st, 2, entity_id);
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    idt_net_exposure x;
    x.entity_id = col_text(st, 1);
    x.source_id = col_text(st, 2);
    x.schema = col_text(st, 3);
    x.caption = col_text(st, 4);
    x.designated = sqlite3_column_int(st, 5);
    x.programs = col_text(st, 6) ? col_text(st, 6) : "";
    x.blocked_50 = sqlite3_column_int(st, 7);
    x.possibly_blocked_50 = sqlite3_column_int(st, 8);
    x.eu_controlled = sqlite3_column_int(st, 9);
    x.stake_lo = sqlite3_column_double(st, 10);
    x.stake_hi = sqlite3_column_double(st, 11);
    x.lookthrough = sqlite3_column_double(st, 12);
    x.hops = sqlite3_column_int(st, 13);
    x.nearest = col_text(st, 14);
    x.path = col_text(st, 15) ? col_text(st, 15) : "";
    x.risk = sqlite3_column_double(st, 16);
    x.risk_rank = (uint32_t)sqlite3_column_int64(st, 17);
    x.community = sqlite3_column_int(st, 18);
    x.articulation = sqlite3_column_int(st, 19);
    x.betweenness = sqlite3_column_double(st, 20);
    x.designated_neighbours = (uint32_t)sqlite3_column_int64(st, 21);
    found = 1;
    if ((rc = fn(ctx, &x)))
      goto out;
  }
  if (step != SQLITE_DONE)
    rc = db_fail(db, "read");
  else if (!found && entity_id)
    rc = idt_error_set(IDT_ENOTFOUND, "net cache: no entity '%s' in run %s",
                       entity_id, key);
out:
  idt_free(latest);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rc;
}
