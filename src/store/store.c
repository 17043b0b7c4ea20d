/*
 * store.c - opening the store (schema, migrations, integrity), listing
 * versions and streaming a version's entities back out.
 *
 * Layout (schema version 1):
 *   datasets(id, name, current)              current = current version id
 *   versions(id, dataset, created, format, source, checksum, files, counts,
 *            entities, listed, statements, status)
 *   entities(ds, id, schema, source_id, first_version, last_version)
 *   statements(ds, entity_id, prop, value, first_version, last_version)
 *   http_cache(url, etag, last_modified, updated)
 * entities and statements are WITHOUT ROWID tables clustered on
 * (ds, entity id, ...): a load is then two ordered range scans merged in C,
 * with no sort and no per-entity lookups. A row per (statement, version)
 * was rejected: OFAC's ~300k statements would be copied on every update,
 * and "what changed" would need a self-join instead of a range test.
 *
 * SQLite was chosen (over a custom file format or LMDB) because imports
 * must be atomic even when the process is killed, and its WAL journal gives
 * that plus concurrent readers for free; it is in Debian and everywhere.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "store_int.h"
#include "common/arena.h"
#include "common/buf.h"

static const char schema_v1[] =
  "CREATE TABLE datasets(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
  "  current INTEGER);"
  "CREATE TABLE versions(id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  dataset INTEGER NOT NULL REFERENCES datasets(id), created TEXT NOT NULL,"
  "  format TEXT NOT NULL, source TEXT, checksum TEXT NOT NULL,"
  "  files TEXT NOT NULL, counts TEXT, entities INTEGER, listed INTEGER,"
  "  statements INTEGER, status TEXT NOT NULL);"
  "CREATE INDEX versions_ds ON versions(dataset, id);"
  "CREATE TABLE entities(ds INTEGER NOT NULL, id TEXT NOT NULL,"
  "  schema TEXT NOT NULL, source_id TEXT, first_version INTEGER NOT NULL,"
  "  last_version INTEGER NOT NULL,"
  "  PRIMARY KEY(ds, id, first_version)) WITHOUT ROWID;"
  "CREATE TABLE statements(ds INTEGER NOT NULL, entity_id TEXT NOT NULL,"
  "  prop TEXT NOT NULL, value TEXT NOT NULL, first_version INTEGER NOT NULL,"
  "  last_version INTEGER NOT NULL,"
  "  PRIMARY KEY(ds, entity_id, prop, value, first_version)) WITHOUT ROWID;"
  "CREATE TABLE http_cache(url TEXT PRIMARY KEY, etag TEXT,"
  "  last_modified TEXT, sha256 TEXT, updated TEXT);";

/* Migrations: index i takes user_version i to i+1. */
static const char *const migrations[IDT__STORE_SCHEMA] = { schema_v1 };

int idt__store_dberr(idt_store *s, const char *what)
{
  return idt_error_set(IDT_EDB, "%s: %s: %s", s && s->path ? s->path : "store",
                       what, s && s->db ? sqlite3_errmsg(s->db) : "no database");
}

int idt__store_exec(idt_store *s, const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    idt_error_set(IDT_EDB, "%s: %s", s->path, msg ? msg : "error");
    sqlite3_free(msg);
    return IDT_EDB;
  }
  return 0;
}

int idt__store_prepare(idt_store *s, sqlite3_stmt **st, const char *sql)
{
  if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
    *st = NULL;
    return idt__store_dberr(s, "prepare");
  }
  return 0;
}

const char *idt__col(sqlite3_stmt *st, int i)
{
  return (const char *)sqlite3_column_text(st, i);
}

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

static int user_version(idt_store *s, int *v)
{
  sqlite3_stmt *st;
  int rc = idt__store_prepare(s, &st, "PRAGMA user_version");
  if (rc)
    return rc;
  if (sqlite3_step(st) != SQLITE_ROW)
    rc = idt__store_dberr(s, "read schema version");
  else
    *v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return rc;
}

static int migrate(idt_store *s)
{
  int v = 0, rc;
  char sql[64];
  if ((rc = user_version(s, &v)))
    return rc;
  if (v > IDT__STORE_SCHEMA)
    return idt_error_set(IDT_EDB, "%s: store schema version %d is newer than "
                         "this build understands (%d)", s->path, v,
                         IDT__STORE_SCHEMA);
  while (v < IDT__STORE_SCHEMA) {
    if ((rc = idt__store_exec(s, "BEGIN IMMEDIATE")))
      return rc;
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
    if ((rc = idt__store_exec(s, migrations[v])) ||
        (rc = idt__store_exec(s, sql)) ||
        (rc = idt__store_exec(s, "COMMIT"))) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      return idt_error_wrap(rc, "migrating store to schema %d", v + 1);
    }
    v++;
  }
  return 0;
}

/* PRAGMA quick_check: page-level consistency without index cross-checks
 * (integrity_check is O(N log N) and too slow for every open). */
static int check(idt_store *s)
{
  sqlite3_stmt *st;
  const char *r;
  int rc = idt__store_prepare(s, &st, "PRAGMA quick_check(1)");
  if (rc)
    return rc;
  if (sqlite3_step(st) != SQLITE_ROW)
    rc = idt__store_dberr(s, "integrity check");
  else if (!(r = idt__col(st, 0)) || strcmp(r, "ok") != 0)
    rc = idt_error_set(IDT_EDB, "%s: integrity check failed: %s", s->path,
                       r ? r : "?");
  sqlite3_finalize(st);
  return rc;
}

int idt_store_open(idt_store **out, const char *path)
{
  idt_store *s;
  int rc;
  *out = NULL;
  if (!path || !*path)
    return idt_error_set(IDT_EINVAL, "store path is empty");
  if ((rc = mkdir_parents(path)))
    return rc;
  if (!(s = idt_calloc(1, sizeof *s)) || !(s->path = idt_strdup(path))) {
    idt_free(s);
    return IDT_ENOMEM;
  }
  if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      NULL) != SQLITE_OK) {
    rc = idt__store_dberr(s, "open");
    goto fail;
  }
  sqlite3_busy_timeout(s->db, 10000);
  /* WAL: atomic commits that survive a killed writer, readers never block.
   * synchronous=NORMAL is durable against process death (not power loss of
   * the last commit), the trade SQLite documents for WAL. */
  /* SQLite's default 2 MB page cache is kept: a 32 MB one made the open
   * check and a full load fault in every page of the file (load of OFAC+UN:
   * 0.45 s CPU and 27 MB vs 0.18 s and 5.5 MB) and did not speed imports. */
  if ((rc = idt__store_exec(s, "PRAGMA journal_mode=WAL;"
                               "PRAGMA synchronous=NORMAL;"
                               "PRAGMA foreign_keys=ON;"
                               "PRAGMA temp_store=MEMORY")) ||
      (rc = check(s)) || (rc = migrate(s)))
    goto fail;
  *out = s;
  return 0;
fail:
  idt_store_close(s);
  return rc;
}

void idt_store_close(idt_store *s)
{
  if (!s)
    return;
  if (s->active)
    idt__import_abort_on_close(s->active);
  sqlite3_close_v2(s->db);
  idt_free(s->path);
  idt_free(s);
}

void idt__store_import_closed(idt_store *s)
{
  s->active = NULL;
}

int idt_store_schema_version(idt_store *s)
{
  int v = -1;
  return user_version(s, &v) ? -1 : v;
}

int idt__store_dataset_id(idt_store *s, const char *name, int64_t *ds)
{
  sqlite3_stmt *st;
  int rc = idt__store_prepare(s, &st, "SELECT id FROM datasets WHERE name=?");
  *ds = 0;
  if (rc)
    return rc;
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  switch (sqlite3_step(st)) {
  case SQLITE_ROW: *ds = sqlite3_column_int64(st, 0); break;
  case SQLITE_DONE: break;
  default: rc = idt__store_dberr(s, "dataset");
  }
  sqlite3_finalize(st);
  return rc;
}

int idt__store_version_ds(idt_store *s, int64_t version, int64_t *ds)
{
  sqlite3_stmt *st;
  int rc = idt__store_prepare(s, &st, "SELECT dataset FROM versions WHERE id=?");
  if (rc)
    return rc;
  sqlite3_bind_int64(st, 1, version);
  switch (sqlite3_step(st)) {
  case SQLITE_ROW: *ds = sqlite3_column_int64(st, 0); break;
  case SQLITE_DONE:
    rc = idt_error_set(IDT_ENOTFOUND, "no version %lld", (long long)version);
    break;
  default: rc = idt__store_dberr(s, "version");
  }
  sqlite3_finalize(st);
  return rc;
}

int idt__store_previous(idt_store *s, int64_t ds, int64_t version, int64_t *prev)
{
  sqlite3_stmt *st;
  int rc = idt__store_prepare(s, &st, "SELECT max(id) FROM versions "
                              "WHERE dataset=? AND id<?");
  if (rc)
    return rc;
  sqlite3_bind_int64(st, 1, ds);
  sqlite3_bind_int64(st, 2, version);
  if (sqlite3_step(st) != SQLITE_ROW)
    rc = idt__store_dberr(s, "previous version");
  else
    *prev = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return rc;
}

int idt_store_current(idt_store *s, const char *dataset, int64_t *version)
{
  int64_t ds;
  sqlite3_stmt *st;
  int rc = idt__store_dataset_id(s, dataset, &ds);
  *version = 0;
  if (rc)
    return rc;
  if (!ds)
    return idt_error_set(IDT_ENOTFOUND, "no dataset '%s' in the store", dataset);
  if ((rc = idt__store_prepare(s, &st, "SELECT current FROM datasets WHERE id=?")))
    return rc;
  sqlite3_bind_int64(st, 1, ds);
  if (sqlite3_step(st) == SQLITE_ROW)
    *version = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (!*version)
    return idt_error_set(IDT_ENOTFOUND, "dataset '%s' has no version", dataset);
  return 0;
}

/* ---- version listing ---- */

static const char *adup(idt_arena *a, const char *s)
{
  return idt_arena_strdup(a, s ? s : "");
}

int idt_store_versions(idt_store *s, const char *dataset, int current_only,
                       idt_version_list **out)
{
  sqlite3_stmt *st = NULL;
  idt_version_list *l;
  size_t cap = 0;
  int rc, step;

  *out = NULL;
  if (!(l = idt_calloc(1, sizeof *l)) || !(l->arena = idt_calloc(1, sizeof *l->arena))) {
    idt_free(l);
    return IDT_ENOMEM;
  }
  idt_arena_init(l->arena);
  rc = idt__store_prepare(s, &st,
    "SELECT v.id, d.name, v.format, v.source, v.created, v.checksum, v.files,"
    " v.counts, v.entities, v.listed, v.statements, v.id = d.current"
    " FROM versions v JOIN datasets d ON d.id = v.dataset"
    " WHERE (?1 IS NULL OR d.name = ?1) AND (?2 = 0 OR v.id = d.current)"
    " ORDER BY d.name, v.id");
  if (rc)
    goto out;
  if (dataset)
    sqlite3_bind_text(st, 1, dataset, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 2, current_only != 0);
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    idt_version_rec *v;
    if (l->n == cap) {
      size_t ncap = cap ? cap * 2 : 16;
      idt_version_rec *nv = idt_realloc(l->v, ncap * sizeof *nv);
      if (!nv) {
        rc = IDT_ENOMEM;
        goto out;
      }
      l->v = nv;
      cap = ncap;
    }
    v = &l->v[l->n];
    v->id = sqlite3_column_int64(st, 0);
    v->dataset = adup(l->arena, idt__col(st, 1));
    v->format = adup(l->arena, idt__col(st, 2));
    v->source = adup(l->arena, idt__col(st, 3));
    v->created = adup(l->arena, idt__col(st, 4));
    v->checksum = adup(l->arena, idt__col(st, 5));
    v->files_json = adup(l->arena, idt__col(st, 6));
    v->counts_json = adup(l->arena, idt__col(st, 7));
    v->entities = (uint64_t)sqlite3_column_int64(st, 8);
    v->listed = (uint64_t)sqlite3_column_int64(st, 9);
    v->statements = (uint64_t)sqlite3_column_int64(st, 10);
    v->current = sqlite3_column_int(st, 11);
    if (!v->dataset || !v->format || !v->source || !v->created ||
        !v->checksum || !v->files_json || !v->counts_json) {
      rc = IDT_ENOMEM;
      goto out;
    }
    l->n++;
  }
  if (step != SQLITE_DONE)
    rc = idt__store_dberr(s, "list versions");
out:
  sqlite3_finalize(st);
  if (rc)
    idt_version_list_free(l);
  else
    *out = l;
  return rc;
}

void idt_version_list_free(idt_version_list *l)
{
  if (!l)
    return;
  idt_arena_free(l->arena);
  idt_free(l->arena);
  idt_free(l->v);
  idt_free(l);
}

/* ---- loading ---- */

typedef struct loader {
  idt_store *s;
  sqlite3_stmt *ents, *stmts;
  int have_stmt;           /* stmts is positioned on an unread row */
  idt_stmt *tmp;
  size_t ntmp, captmp;
  idt_arena arena;
} loader;

static int push_tmp(loader *L, const idt_property *p, const char *v)
{
  if (L->ntmp == L->captmp) {
    size_t ncap = L->captmp ? L->captmp * 2 : 64;
    idt_stmt *n = idt_realloc(L->tmp, ncap * sizeof *n);
    if (!n)
      return IDT_ENOMEM;
    L->tmp = n;
    L->captmp = ncap;
  }
  L->tmp[L->ntmp].prop = p;
  L->tmp[L->ntmp].value = v;
  L->ntmp++;
  return 0;
}

/* Build the entity at the current row of L->ents, consuming its statements
 * from L->stmts (both ordered by entity id under BINARY collation, which
 * orders like strcmp for NUL-free UTF-8). */
static int build(loader *L, const char *dataset, idt_entity **out)
{
  const char *id = idt__col(L->ents, 0), *schema = idt__col(L->ents, 1);
  const char *sid = idt__col(L->ents, 2);
  const idt_schema *sc = idt_schema_get(schema ? schema : "");
  idt_entity *e;
  int rc, step;

  if (!sc)
    return idt_error_set(IDT_ESCHEMA, "%s: entity %s: unknown schema '%s'",
                         L->s->path, id ? id : "?", schema ? schema : "");
  if ((rc = idt_entity_new(&e, &L->arena, sc, id)) ||
      (rc = idt_entity_set_source(e, sid, dataset)))
    return rc;
  L->ntmp = 0;
  while (L->have_stmt) {
    const char *eid = idt__col(L->stmts, 0);
    int c = strcmp(eid ? eid : "", e->id);
    if (c > 0)
      break;
    if (c == 0) {
      const idt_property *p = idt_schema_prop(sc, idt__col(L->stmts, 1));
      const char *v = (const char *)sqlite3_column_text(L->stmts, 2);
      int vn = sqlite3_column_bytes(L->stmts, 2);
      /* A property the model no longer has is skipped, not fatal: the
       * store outlives model upgrades. */
      if (p && v) {
        char *cv = idt_arena_strndup(&L->arena, v, (size_t)vn);
        if (!cv || (rc = push_tmp(L, p, cv)))
          return IDT_ENOMEM;
      }
    }
    step = sqlite3_step(L->stmts);
    if (step == SQLITE_DONE)
      L->have_stmt = 0;
    else if (step != SQLITE_ROW)
      return idt__store_dberr(L->s, "load statements");
  }
  if (L->ntmp) {
    e->stmts = idt_arena_alloc(&L->arena, L->ntmp * sizeof *e->stmts);
    if (!e->stmts)
      return IDT_ENOMEM;
    memcpy(e->stmts, L->tmp, L->ntmp * sizeof *e->stmts);
    e->nstmts = e->cap = (uint32_t)L->ntmp;
  }
  *out = e;
  return 0;
}

static int load_one(idt_store *s, int64_t ds, const char *dataset,
                    int64_t version, idt_entity_fn emit, void *ctx)
{
  loader L;
  int rc, step;
  memset(&L, 0, sizeof L);
  L.s = s;
  idt_arena_init(&L.arena);
  if ((rc = idt__store_prepare(s, &L.ents,
         "SELECT id, schema, source_id FROM entities WHERE ds=?1"
         " AND first_version<=?2 AND last_version>=?2 ORDER BY id")) ||
      (rc = idt__store_prepare(s, &L.stmts,
         "SELECT entity_id, prop, value FROM statements WHERE ds=?1"
         " AND first_version<=?2 AND last_version>=?2 ORDER BY entity_id")))
    goto out;
  sqlite3_bind_int64(L.ents, 1, ds);
  sqlite3_bind_int64(L.ents, 2, version);
  sqlite3_bind_int64(L.stmts, 1, ds);
  sqlite3_bind_int64(L.stmts, 2, version);
  step = sqlite3_step(L.stmts);
  if (step != SQLITE_ROW && step != SQLITE_DONE) {
    rc = idt__store_dberr(s, "load statements");
    goto out;
  }
  L.have_stmt = step == SQLITE_ROW;
  while ((step = sqlite3_step(L.ents)) == SQLITE_ROW) {
    idt_entity *e = NULL;
    if ((rc = build(&L, dataset, &e)) || (rc = emit(ctx, e)))
      goto out;
    idt_arena_free(&L.arena);
  }
  if (step != SQLITE_DONE)
    rc = idt__store_dberr(s, "load entities");
out:
  sqlite3_finalize(L.ents);
  sqlite3_finalize(L.stmts);
  idt_free(L.tmp);
  idt_arena_free(&L.arena);
  return rc;
}

int idt_store_load_version(idt_store *s, const char *dataset, int64_t version,
                           idt_entity_fn emit, void *ctx)
{
  int64_t ds, vds = 0;
  int rc;
  if ((rc = idt__store_dataset_id(s, dataset, &ds)))
    return rc;
  if (!ds)
    return idt_error_set(IDT_ENOTFOUND, "no dataset '%s' in the store", dataset);
  if ((rc = idt__store_version_ds(s, version, &vds)))
    return rc;
  if (vds != ds)
    return idt_error_set(IDT_ENOTFOUND, "version %lld is not a version of '%s'",
                         (long long)version, dataset);
  /* One read transaction so both scans see the same version. */
  if ((rc = idt__store_exec(s, "BEGIN")))
    return rc;
  rc = load_one(s, ds, dataset, version, emit, ctx);
  sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  return rc;
}

int idt_store_load(idt_store *s, const char *const *datasets, size_t n,
                   idt_entity_fn emit, void *ctx)
{
  idt_version_list *l = NULL;
  size_t i, j;
  int rc;
  if (s->active)
    return idt_error_set(IDT_EINVAL, "store: load during an open import");
  if ((rc = idt__store_exec(s, "BEGIN")))
    return rc;
  if ((rc = idt_store_versions(s, NULL, 1, &l)))
    goto out;
  for (i = 0; datasets && i < n; i++) {
    for (j = 0; j < l->n && strcmp(l->v[j].dataset, datasets[i]) != 0; j++)
      ;
    if (j == l->n) {
      rc = idt_error_set(IDT_ENOTFOUND, "no version of dataset '%s' in the store",
                         datasets[i]);
      goto out;
    }
  }
  for (j = 0; j < l->n && !rc; j++) {
    int64_t ds = 0;
    int wanted = !datasets;
    for (i = 0; datasets && i < n && !wanted; i++)
      wanted = strcmp(l->v[j].dataset, datasets[i]) == 0;
    if (!wanted)
      continue;
    if (!(rc = idt__store_dataset_id(s, l->v[j].dataset, &ds)))
      rc = load_one(s, ds, l->v[j].dataset, l->v[j].id, emit, ctx);
  }
out:
  sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  idt_version_list_free(l);
  return rc;
}
