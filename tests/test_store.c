/*
 * test_store.c - versions, loads and diffs of the store with small
 * hand-made entities: first import, repeated ids merged, a second version
 * that adds, removes and changes, unchanged re-imports (same files, same
 * content), refused and aborted imports leaving the previous version intact,
 * a killed import (SIGKILL mid-way), and a file that is not a store.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "interdict/store.h"
#include "common/arena.h"
#include <sqlite3.h>
#include "tap.h"

static char dbpath[512];

static const char *write_file(const char *name, const char *content)
{
  static char path[8][512];
  static int k;
  char *p = path[k++ % 8];
  FILE *f;
  snprintf(p, 512, "%s/%s", tap_tmpdir(), name);
  f = fopen(p, "w");
  if (f) {
    fputs(content, f);
    fclose(f);
  }
  return p;
}

/* An entity from "id schema prop=value|prop=value...". */
static idt_entity *mk(idt_arena *a, const char *id, const char *schema,
                      const char *props)
{
  idt_entity *e = NULL;
  char buf[512], *p, *next;
  if (idt_entity_new(&e, a, idt_schema_get(schema), id))
    return NULL;
  idt_entity_set_source(e, id, NULL);
  snprintf(buf, sizeof buf, "%s", props);
  for (p = buf; p && *p; p = next) {
    char *eq;
    next = strchr(p, '|');
    if (next)
      *next++ = '\0';
    if ((eq = strchr(p, '=')) != NULL) {
      *eq = '\0';
      if (idt_entity_add(e, p, eq + 1))
        return NULL;
    }
  }
  return e;
}

typedef struct spec { const char *id, *schema, *props; } spec;

static int import_specs(idt_store *s, const char *file, const spec *sp, size_t n,
                        idt_import_info *info)
{
  idt_import *im;
  idt_arena a;
  size_t i;
  int rc;
  const char *files[1];
  files[0] = file;
  if ((rc = idt_import_begin(&im, s, "test", "ftm", NULL, files, 1)))
    return rc;
  idt_arena_init(&a);
  for (i = 0; i < n && !rc; i++) {
    idt_entity *e = mk(&a, sp[i].id, sp[i].schema, sp[i].props);
    rc = e ? idt_import_add(im, e) : IDT_EINVAL;
  }
  idt_arena_free(&a);
  if (rc) {
    idt_import_abort(im);
    return rc;
  }
  return idt_import_commit(im, info);
}

static const spec v1[] = {
  { "p1", "Person", "name=KIM Jong Un|topics=sanction|birthDate=1984-01-08" },
  { "c1", "Company", "name=Acme Trading|jurisdiction=kp" },
  { "p1", "Person", "alias=Kim Jong-un|nationality=kp" },   /* merged */
  { "v1", "Vessel", "name=CHON MA SAN|imoNumber=IMO 8660313|topics=sanction" },
  { "s1", "Sanction", "entity=p1|program=DPRK" },
};
static const spec v2[] = {
  { "p1", "Person", "name=KIM Jong Un|topics=sanction|birthDate=1983-01-08|"
                    "alias=Kim Jong-un|nationality=kp" },
  { "c1", "Company", "name=Acme Trading|jurisdiction=kp" },
  { "s1", "Sanction", "entity=p1|program=DPRK" },
  { "o1", "Organization", "name=Lazarus Group|topics=sanction" },
};

/* ---- load collector ---- */
typedef struct seen {
  int n, stmts;
  char bd[64];
  char names[8][64];
} seen;

static int collect(void *ctx, idt_entity *e)
{
  seen *c = ctx;
  const char *bd;
  if (c->n < 8)
    snprintf(c->names[c->n], 64, "%s", e->id);
  c->n++;
  c->stmts += (int)e->nstmts;
  if (strcmp(e->id, "p1") == 0 && (bd = idt_entity_first(e, "birthDate")))
    snprintf(c->bd, sizeof c->bd, "%s", bd);
  return 0;
}

static void expect_v1_intact(idt_store *s, int64_t vid)
{
  seen c;
  int64_t cur = 0;
  memset(&c, 0, sizeof c);
  CHECK_OK(idt_store_current(s, "test", &cur));
  CHECK_INT(cur, vid);
  CHECK_OK(idt_store_load(s, NULL, 0, collect, &c));
  CHECK_INT(c.n, 4);
  CHECK_INT(c.stmts, 12);
  CHECK_STR(c.bd, "1984-01-08");
}

static int64_t first_version;

TEST(first_import)
{
  idt_store *s = NULL;
  idt_import_info info;
  seen c;
  const char *names[] = { "test" };
  snprintf(dbpath, sizeof dbpath, "%s/sub/dir/store.db", tap_tmpdir());
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  CHECK_INT(idt_store_schema_version(s), 1);
  CHECK_OK(import_specs(s, write_file("v1.ftm", "one\n"), v1, 5, &info));
  CHECK_INT(info.unchanged, 0);
  CHECK_INT(info.previous, 0);
  CHECK_INT(info.entities, 4);
  CHECK_INT(info.listed, 2);
  CHECK_INT(info.statements, 12);
  CHECK_INT(info.added, 4);
  CHECK_INT(info.nschemata, 4);
  CHECK_STR(info.by_schema[0].schema, "Company");
  CHECK_STR(info.by_schema[1].schema, "Person");
  CHECK_INT(info.by_schema[1].n, 1);
  first_version = info.version;
  memset(&c, 0, sizeof c);
  CHECK_OK(idt_store_load(s, names, 1, collect, &c));
  CHECK_INT(c.n, 4);
  CHECK_STR(c.names[0], "c1");   /* id order */
  CHECK_STR(c.names[1], "p1");
  CHECK_STR(c.bd, "1984-01-08");
  idt_store_close(s);
}

static int check_p1_merged(void *ctx, idt_entity *e)
{
  int *ok = ctx;
  if (strcmp(e->id, "p1") == 0) {
    *ok = idt_entity_has(e, "alias", "Kim Jong-un") &&
          idt_entity_has(e, "nationality", "kp") &&
          idt_entity_has(e, "name", "KIM Jong Un") &&
          e->source_id && strcmp(e->source_id, "p1") == 0 &&
          e->dataset && strcmp(e->dataset, "test") == 0 && e->nstmts == 5;
  }
  return 0;
}

TEST(merged_fragments)
{
  idt_store *s = NULL;
  int ok = 0;
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  CHECK_OK(idt_store_load(s, NULL, 0, check_p1_merged, &ok));
  CHECK(ok);
  idt_store_close(s);
}

TEST(unchanged_reimport)
{
  idt_store *s = NULL;
  idt_import_info info;
  idt_version_list *l = NULL;
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  /* Same file checksum: no new version, parse may be skipped. */
  CHECK_OK(import_specs(s, write_file("v1.ftm", "one\n"), v1, 5, &info));
  CHECK_INT(info.unchanged, 1);
  CHECK_INT(info.version, first_version);
  CHECK_INT(info.entities, 4);
  /* Different file, same content: no new version either. */
  CHECK_OK(import_specs(s, write_file("v1b.ftm", "one again\n"), v1, 5, &info));
  CHECK_INT(info.unchanged, 1);
  CHECK_INT(info.version, first_version);
  CHECK_OK(idt_store_versions(s, "test", 0, &l));
  CHECK_INT(l ? l->n : 0, 1);
  idt_version_list_free(l);
  expect_v1_intact(s, first_version);
  idt_store_close(s);
}

TEST(failed_imports_keep_previous)
{
  idt_store *s = NULL;
  idt_import *im = NULL;
  idt_arena a;
  idt_import_info info;
  const char *files[1];
  static const spec clash[] = {
    { "p1", "Person", "name=X" },
    { "p1", "Vessel", "name=X" },   /* Person and Vessel cannot merge */
  };
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  /* Abort after staging rows. */
  files[0] = write_file("v9.ftm", "nine\n");
  idt_arena_init(&a);
  CHECK_OK(idt_import_begin(&im, s, "test", "ftm", NULL, files, 1));
  CHECK_OK(idt_import_add(im, mk(&a, "zz", "Person", "name=Nobody")));
  idt_import_abort(im);
  expect_v1_intact(s, first_version);
  /* Schema clash: add fails, commit reports it, nothing changes. */
  CHECK_OK(idt_import_begin(&im, s, "test", "ftm", NULL, files, 1));
  CHECK_OK(idt_import_add(im, mk(&a, clash[0].id, clash[0].schema, clash[0].props)));
  CHECK_INT(idt_import_add(im, mk(&a, clash[1].id, clash[1].schema, clash[1].props)),
            IDT_ESCHEMA);
  CHECK(strstr(idt_error_msg(), "p1") != NULL);
  CHECK_INT(idt_import_commit(im, &info), IDT_ESCHEMA);
  expect_v1_intact(s, first_version);
  /* Nothing parsed: refused. */
  CHECK_OK(idt_import_begin(&im, s, "test", "ftm", NULL, files, 1));
  CHECK_INT(idt_import_commit(im, &info), IDT_EPARSE);
  expect_v1_intact(s, first_version);
  /* A missing input file fails in begin. */
  files[0] = "/nonexistent/file.json";
  CHECK_INT(idt_import_begin(&im, s, "test", "ftm", NULL, files, 1), IDT_EIO);
  CHECK(im == NULL);
  expect_v1_intact(s, first_version);
  idt_arena_free(&a);
  idt_store_close(s);
}

typedef struct diffs {
  int n;
  char line[16][160];
} diffs;

static int on_diff(void *ctx, const idt_diff_item *d)
{
  diffs *D = ctx;
  size_t i, off;
  char *l;
  if (D->n >= 16)
    return 0;
  l = D->line[D->n++];
  off = (size_t)snprintf(l, 160, "%c %s %s", d->kind == IDT_DIFF_ADDED ? '+' :
                         d->kind == IDT_DIFF_REMOVED ? '-' : '~', d->id, d->caption);
  for (i = 0; i < d->nchanges && off < 160; i++)
    off += (size_t)snprintf(l + off, 160 - off, " %c%s=%s",
                            d->changes[i].added ? '+' : '-', d->changes[i].prop,
                            d->changes[i].value);
  return 0;
}

static int64_t second_version;

TEST(second_version_and_diff)
{
  idt_store *s = NULL;
  idt_import_info info;
  idt_diff_stats st;
  idt_version_list *l = NULL;
  diffs D;
  seen c;
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  CHECK_OK(import_specs(s, write_file("v2.ftm", "two\n"), v2, 4, &info));
  CHECK_INT(info.unchanged, 0);
  CHECK_INT(info.previous, first_version);
  CHECK(info.version > first_version);
  CHECK_INT(info.added, 1);
  CHECK_INT(info.removed, 1);
  CHECK_INT(info.changed, 1);
  CHECK_INT(info.entities, 4);
  second_version = info.version;
  memset(&D, 0, sizeof D);
  CHECK_OK(idt_store_diff(s, "test", 0, 0, on_diff, &D, &st));
  CHECK_INT(D.n, 3);
  CHECK_STR(D.line[0], "+ o1 Lazarus Group");
  CHECK_STR(D.line[1], "~ p1 KIM Jong Un +birthDate=1983-01-08 -birthDate=1984-01-08");
  CHECK_STR(D.line[2], "- v1 CHON MA SAN");
  CHECK_INT(st.added, 1);
  CHECK_INT(st.removed, 1);
  CHECK_INT(st.changed, 1);
  /* Reverse direction. */
  memset(&D, 0, sizeof D);
  CHECK_OK(idt_store_diff(s, "test", second_version, first_version, on_diff, &D, NULL));
  CHECK_INT(D.n, 3);
  CHECK_STR(D.line[0], "- o1 Lazarus Group");
  CHECK_STR(D.line[1], "~ p1 KIM Jong Un -birthDate=1983-01-08 +birthDate=1984-01-08");
  CHECK_STR(D.line[2], "+ v1 CHON MA SAN");
  /* History: the old version still loads as it was. */
  memset(&c, 0, sizeof c);
  CHECK_OK(idt_store_load_version(s, "test", first_version, collect, &c));
  CHECK_INT(c.n, 4);
  CHECK_STR(c.bd, "1984-01-08");
  memset(&c, 0, sizeof c);
  CHECK_OK(idt_store_load(s, NULL, 0, collect, &c));
  CHECK_STR(c.bd, "1983-01-08");
  CHECK_INT(c.n, 4);
  CHECK_OK(idt_store_versions(s, NULL, 0, &l));
  CHECK_INT(l ? l->n : 0, 2);
  if (l && l->n == 2) {
    CHECK_INT(l->v[0].current, 0);
    CHECK_INT(l->v[1].current, 1);
    CHECK_STR(l->v[1].format, "ftm");
    CHECK(strstr(l->v[1].files_json, "\"name\":\"v2.ftm\"") != NULL);
    CHECK(strstr(l->v[1].counts_json, "\"Organization\":1") != NULL);
    CHECK_INT(l->v[1].listed, 2);
  }
  idt_version_list_free(l);
  /* Errors: unknown dataset, versions of another dataset. */
  CHECK_INT(idt_store_diff(s, "nope", 0, 0, NULL, NULL, NULL), IDT_ENOTFOUND);
  CHECK_INT(idt_store_diff(s, "test", 99999, 0, NULL, NULL, NULL), IDT_ENOTFOUND);
  idt_store_close(s);
}

/* Back to the first content: a third version, and the reappearing values
 * get new ranges (v1 and the 1984 birth date come back). */
TEST(third_version_reverts)
{
  idt_store *s = NULL;
  idt_import_info info;
  seen c;
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  CHECK_OK(import_specs(s, write_file("v3.ftm", "three\n"), v1, 5, &info));
  CHECK_INT(info.unchanged, 0);
  CHECK_INT(info.added, 1);
  CHECK_INT(info.removed, 1);
  CHECK_INT(info.changed, 1);
  memset(&c, 0, sizeof c);
  CHECK_OK(idt_store_load(s, NULL, 0, collect, &c));
  CHECK_STR(c.bd, "1984-01-08");
  CHECK_INT(c.stmts, 12);
  memset(&c, 0, sizeof c);
  CHECK_OK(idt_store_load_version(s, "test", second_version, collect, &c));
  CHECK_STR(c.bd, "1983-01-08");
  idt_store_close(s);
}

typedef struct hist { int n; char line[8][96]; } hist;

static int on_hist(void *ctx, const idt_value_history *h)
{
  hist *H = ctx;
  if (strcmp(h->prop, "birthDate") == 0 && H->n < 8)
    snprintf(H->line[H->n++], 96, "%s %lld..%lld", h->value,
             (long long)h->first_version, (long long)h->last_version);
  return 0;
}

/* p1's birth date: 1984 in v1, 1983 in v2, 1984 again from v3 (current). */
TEST(history)
{
  idt_store *s = NULL;
  hist H;
  char want[3][96];
  int64_t v3 = 0;
  memset(&H, 0, sizeof H);
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  CHECK_OK(idt_store_current(s, "test", &v3));
  CHECK_OK(idt_store_history(s, "test", "p1", on_hist, &H));
  CHECK_INT(H.n, 3);
  snprintf(want[0], 96, "1983-01-08 %lld..%lld", (long long)second_version,
           (long long)second_version);
  snprintf(want[1], 96, "1984-01-08 %lld..%lld", (long long)first_version,
           (long long)first_version);
  snprintf(want[2], 96, "1984-01-08 %lld..0", (long long)v3);
  CHECK_STR(H.line[0], want[0]);
  CHECK_STR(H.line[1], want[1]);
  CHECK_STR(H.line[2], want[2]);
  CHECK_INT(idt_store_history(s, "test", "nobody", on_hist, &H), IDT_ENOTFOUND);
  idt_store_close(s);
}

/* A child imports 200k entities into dataset ds and is SIGKILLed once it
 * has written half of them; the store must open, pass its check and keep
 * the old version. */
static void kill_mid_import(const char *ds)
{
  int fds[2];
  pid_t pid;
  char b = 0;
  idt_store *s = NULL;
  int64_t before = 0;
  seen c;

  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  CHECK_OK(idt_store_current(s, "test", &before));
  idt_store_close(s);
  if (pipe(fds) != 0) {
    CHECK(!"pipe");
    return;
  }
  pid = fork();
  if (pid == 0) {
    idt_store *cs = NULL;
    idt_import *im = NULL;
    idt_arena a;
    const char *files[1];
    int i;
    close(fds[0]);
    files[0] = write_file("big.ftm", "big\n");
    if (idt_store_open(&cs, dbpath) ||
        idt_import_begin(&im, cs, ds, "ftm", NULL, files, 1))
      _exit(3);
    idt_arena_init(&a);
    for (i = 0; i < 200000; i++) {
      char id[32], props[96];
      idt_entity *e;
      snprintf(id, sizeof id, "big%06d", i);
      snprintf(props, sizeof props, "name=Big Person %d|topics=sanction", i);
      if (!(e = mk(&a, id, "Person", props)) || idt_import_add(im, e))
        _exit(4);
      if (i == 100000 && write(fds[1], "x", 1) != 1)
        _exit(5);
      if (i % 1000 == 0)
        idt_arena_free(&a);
    }
    idt_import_commit(im, NULL);   /* normally killed before this */
    _exit(0);
  }
  close(fds[1]);
  CHECK(pid > 0);
  if (pid > 0) {
    int status = 0;
    ssize_t r = read(fds[0], &b, 1);   /* child is mid-import */
    CHECK_INT(r, 1);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  }
  close(fds[0]);
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  memset(&c, 0, sizeof c);
  expect_v1_intact(s, before);
  idt_store_close(s);
}

/* Into an existing dataset (staged path) and as the first import of a new
 * one (statements written in place): the new dataset must not appear. */
TEST(killed_import)
{
  idt_store *s = NULL;
  int64_t v = 0;
  kill_mid_import("test");
  kill_mid_import("fresh");
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  CHECK_INT(idt_store_current(s, "fresh", &v), IDT_ENOTFOUND);
  idt_store_close(s);
}

static int64_t current_entities(int64_t *version)
{
  idt_store *s = NULL;
  idt_version_list *l = NULL;
  int64_t n = -1;
  *version = 0;
  if (idt_store_open(&s, dbpath))
    return -1;
  if (!idt_store_versions(s, "test", 1, &l) && l->n == 1) {
    *version = l->v[0].id;
    n = (int64_t)l->v[0].entities;
  }
  idt_version_list_free(l);
  idt_store_close(s);
  return n;
}

/* SIGKILL while the child commits a 50k-entity re-import, after delays of
 * 0..1000 ms: whatever the moment, the store must hold either the old version
 * complete or the new one complete, never a mix. */
TEST(killed_during_commit)
{
  static const int delay_ms[] = { 0, 10, 40, 120, 300, 1000 };
  size_t k;
  int old_seen = 0, new_seen = 0;
  for (k = 0; k < sizeof delay_ms / sizeof delay_ms[0]; k++) {
    int fds[2], status = 0;
    int64_t before = 0, after = 0, nb, na;
    pid_t pid;
    char b;
    nb = current_entities(&before);
    CHECK(nb > 0);
    if (pipe(fds) != 0)
      return;
    pid = fork();
    if (pid == 0) {
      idt_store *cs = NULL;
      idt_import *im = NULL;
      idt_arena a;
      const char *files[1];
      char name[32];
      int i;
      close(fds[0]);
      snprintf(name, sizeof name, "commit%zu.ftm", k);
      files[0] = write_file(name, name);
      if (idt_store_open(&cs, dbpath) ||
          idt_import_begin(&im, cs, "test", "ftm", NULL, files, 1))
        _exit(3);
      idt_arena_init(&a);
      for (i = 0; i < 50000; i++) {
        char id[32], props[96];
        idt_entity *e;
        snprintf(id, sizeof id, "c%zu-%06d", k, i);
        snprintf(props, sizeof props, "name=Commit Person %d|topics=sanction", i);
        if (!(e = mk(&a, id, "Person", props)) || idt_import_add(im, e))
          _exit(4);
        if (i % 1000 == 0)
          idt_arena_free(&a);
      }
      if (write(fds[1], "x", 1) != 1)
        _exit(5);
      idt_import_commit(im, NULL);
      _exit(0);
    }
    close(fds[1]);
    if (pid < 0)
      return;
    if (read(fds[0], &b, 1) == 1) {
      usleep((useconds_t)delay_ms[k] * 1000);
      kill(pid, SIGKILL);
    }
    waitpid(pid, &status, 0);
    close(fds[0]);
    na = current_entities(&after);
    if (after == before) {
      CHECK_INT(na, nb);
      old_seen++;
    } else {
      CHECK(after > before);
      CHECK_INT(na, 50000);
      new_seen++;
    }
  }
  tap_diag("kill during commit: old version kept %d times, new complete %d times",
           old_seen, new_seen);
}

TEST(not_a_store)
{
  idt_store *s = NULL;
  char path[512];
  FILE *f;
  int i;
  snprintf(path, sizeof path, "%s/garbage.db", tap_tmpdir());
  f = fopen(path, "w");
  if (!f) {
    CHECK(!"fopen");
    return;
  }
  for (i = 0; i < 4096; i++)
    fputc("garbage!"[i % 8], f);
  fclose(f);
  CHECK_INT(idt_store_open(&s, path), IDT_EDB);
  CHECK(s == NULL);
  CHECK(strstr(idt_error_msg(), "garbage.db") != NULL);
  idt_store_close(NULL);
}

/* A store written by a newer build (higher user_version) is refused, not
 * misread; one with other applications' tables gets ours added. */
TEST(schema_versions)
{
  idt_store *s = NULL;
  sqlite3 *db = NULL;
  char path[512];
  snprintf(path, sizeof path, "%s/newer.db", tap_tmpdir());
  CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
  CHECK_INT(sqlite3_exec(db, "CREATE TABLE other(x); PRAGMA user_version=99",
                         NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  CHECK_INT(idt_store_open(&s, path), IDT_EDB);
  CHECK(strstr(idt_error_msg(), "newer") != NULL);
  snprintf(path, sizeof path, "%s/foreign.db", tap_tmpdir());
  CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
  CHECK_INT(sqlite3_exec(db, "CREATE TABLE net_cache(k PRIMARY KEY, v)", NULL,
                         NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  CHECK_OK(idt_store_open(&s, path));
  CHECK_INT(s ? idt_store_schema_version(s) : -1, 1);
  idt_store_close(s);
}

/* Allocation failure at every point of an import (idt_malloc's fault
 * injection; SQLite's own allocations are not covered): each attempt fails
 * cleanly or succeeds, and a failed one leaves the first version current. */
TEST(oom_sweep)
{
  idt_store *s = NULL;
  idt_import_info info;
  char path[512];
  const char *f1, *f2;
  long n;
  int rc = -1, failures = 0;
  snprintf(path, sizeof path, "%s/oom.db", tap_tmpdir());
  CHECK_OK(idt_store_open(&s, path));
  if (!s)
    return;
  f1 = write_file("oom1.ftm", "oom one\n");
  CHECK_OK(import_specs(s, f1, v1, 5, &info));
  f2 = write_file("oom2.ftm", "oom two\n");
  for (n = 0; n < 5000 && rc != 0; n++) {
    idt_alloc_fail_after(n, 1);
    rc = import_specs(s, f2, v2, 4, &info);
    idt_alloc_fail_after(-1, 0);
    if (rc != 0) {
      int64_t cur = 0;
      failures++;
      CHECK(rc < 0);
      CHECK_OK(idt_store_current(s, "test", &cur));
      if (cur != 1) {
        CHECK_INT(cur, 1);
        break;
      }
    }
  }
  CHECK_INT(rc, 0);
  CHECK(failures > 10);
  CHECK_INT(info.added, 1);
  CHECK_INT(info.removed, 1);
  tap_diag("oom sweep: %d injected failures before success", failures);
  idt_store_close(s);
}

int main(void)
{
  RUN(first_import);
  RUN(merged_fragments);
  RUN(unchanged_reimport);
  RUN(failed_imports_keep_previous);
  RUN(second_version_and_diff);
  RUN(third_version_reverts);
  RUN(history);
  RUN(killed_import);
  RUN(killed_during_commit);
  RUN(not_a_store);
  RUN(schema_versions);
  RUN(oom_sweep);
  return tap_done();
}
