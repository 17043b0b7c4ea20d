/*
 * bench_import.c - import time and peak memory for OFAC SDN + UN into a
 * fresh store, median of N runs (default 5), each run in its own child
 * process so ru_maxrss is that run's peak. The peer measured in the same
 * run is parsing alone (the same parsers into a no-op sink): the ratio is
 * what the store adds. Also timed: loading both current versions back
 * (idt_store_load, what a screening snapshot build does) and a second
 * version on top: OFAC with every 100th SDN row removed, imported into a
 * store holding OFAC + UN (the daily-update path).
 *
 * usage: bench_import [RUNS] [SRC_DIR]   (SRC_DIR defaults to IDT_SRC or .)
 * The .xz inputs in data/lists are decompressed into a temporary directory
 * first, outside the timing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "interdict/store.h"

#define MAX_RUNS 21

static char tmp[128], ofac_dir[256], ofac2_dir[256], un_path[256], db[256],
            base_db[256];

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int sh(const char *cmd)
{
  int rc = system(cmd);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int prepare(const char *src)
{
  char cmd[4096];
  char tmpl[] = "/tmp/bench_import_XXXXXX";
  if (!mkdtemp(tmpl))
    return -1;
  snprintf(tmp, sizeof tmp, "%s", tmpl);
  snprintf(ofac_dir, sizeof ofac_dir, "%s/ofac", tmp);
  snprintf(un_path, sizeof un_path, "%s/consolidated.xml", tmp);
  snprintf(db, sizeof db, "%s/bench.db", tmp);
  snprintf(base_db, sizeof base_db, "%s/base.db", tmp);
  snprintf(ofac2_dir, sizeof ofac2_dir, "%s/ofac2", tmp);
  snprintf(cmd, sizeof cmd,
           "set -e; mkdir -p '%s'; d='%s/data/lists';"
           " for f in sdn alt add; do xz -dc \"$d/ofac/$f.csv.xz\" > '%s'/$f.csv; done;"
           " cp \"$d/ofac/sdn_comments.csv\" '%s/';"
           " xz -dc \"$d/un/consolidated.xml.xz\" > '%s';"
           /* The next day's list, made up: every 100th SDN row gone. */
           " mkdir -p '%s'; cp '%s'/*.csv '%s/'; sed -i '0~100d' '%s/sdn.csv'",
           ofac_dir, src, ofac_dir, ofac_dir, un_path, ofac2_dir, ofac_dir,
           ofac2_dir, ofac2_dir);
  return sh(cmd);
}

static int noop(void *ctx, idt_entity *e)
{
  (void)e;
  (*(size_t *)ctx)++;
  return 0;
}

typedef struct tally { size_t entities, statements; } tally;

static int on_load(void *ctx, idt_entity *e)
{
  tally *t = ctx;
  t->entities++;
  t->statements += e->nstmts;
  return 0;
}

static int parse_only(void)
{
  idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
  size_t n = 0;
  const char *p1 = ofac_dir, *p2 = un_path;
  o.emit = noop;
  o.ctx = &n;
  if (idt_ingest_run("ofac-csv", &p1, 1, &o) || idt_ingest_run("un-xml", &p2, 1, &o)) {
    fprintf(stderr, "parse: %s\n", idt_error_msg());
    return 1;
  }
  return n ? 0 : 1;
}

static int import_one(idt_store *s, const char *dataset, const char *format,
                      const char *path)
{
  idt_import *im = NULL;
  idt_import_info info;
  idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
  int rc = idt_import_begin(&im, s, dataset, format, NULL, &path, 1);
  if (rc)
    return rc;
  o.dataset = dataset;
  o.emit = idt_import_add;
  o.ctx = im;
  if ((rc = idt_ingest_run(format, &path, 1, &o))) {
    idt_import_abort(im);
    return rc;
  }
  return idt_import_commit(im, &info);
}

static int import_both(void)
{
  idt_store *s = NULL;
  int rc;
  unlink(db);
  if ((rc = idt_store_open(&s, db)) ||
      (rc = import_one(s, "us_ofac_sdn", "ofac-csv", ofac_dir)) ||
      (rc = import_one(s, "un_sc_sanctions", "un-xml", un_path)))
    fprintf(stderr, "import: %s\n", idt_error_msg());
  idt_store_close(s);
  return rc ? 1 : 0;
}

/* A second OFAC version into a store holding OFAC + UN (the daily path:
 * compare against the open rows, close ~1%, keep the rest). */
static int setup_update(void)
{
  char cmd[1400];
  snprintf(cmd, sizeof cmd, "cp '%s' '%s'", base_db, db);
  return sh(cmd);
}

static int update_ofac(void)
{
  idt_store *s = NULL;
  int rc;
  if ((rc = idt_store_open(&s, db)) ||
      (rc = import_one(s, "us_ofac_sdn", "ofac-csv", ofac2_dir)))
    fprintf(stderr, "update: %s\n", idt_error_msg());
  idt_store_close(s);
  return rc ? 1 : 0;
}

static tally loaded;

static int load_both(void)
{
  idt_store *s = NULL;
  int rc;
  memset(&loaded, 0, sizeof loaded);
  if ((rc = idt_store_open(&s, db)) ||
      (rc = idt_store_load(s, NULL, 0, on_load, &loaded)))
    fprintf(stderr, "load: %s\n", idt_error_msg());
  idt_store_close(s);
  if (!rc)
    fprintf(stderr, "  (loaded %zu entities, %zu statements)\n", loaded.entities,
            loaded.statements);
  return rc ? 1 : 0;
}

/* Run fn in a child; its wall time (s) and peak RSS (KiB). */
static int (*setup)(void);

static int child(int (*fn)(void), double *secs, long *rss, double *cpu)
{
  int fds[2], status = 0;
  struct rusage ru;
  pid_t pid;
  if (pipe(fds) != 0)
    return -1;
  pid = fork();
  if (pid == 0) {
    double t0, dt;
    int rc;
    if (setup && setup() != 0)
      _exit(4);
    t0 = now();
    rc = fn();
    dt = now() - t0;
    if (write(fds[1], &dt, sizeof dt) != (ssize_t)sizeof dt)
      _exit(3);
    _exit(rc);
  }
  close(fds[1]);
  if (pid < 0 || read(fds[0], secs, sizeof *secs) != (ssize_t)sizeof *secs) {
    close(fds[0]);
    if (pid > 0)
      waitpid(pid, NULL, 0);
    return -1;
  }
  close(fds[0]);
  if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
    return -1;
  *rss = ru.ru_maxrss;
  *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  return 0;
}

static int cmp_d(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static int cmp_l(const void *a, const void *b)
{
  long x = *(const long *)a, y = *(const long *)b;
  return x < y ? -1 : x > y;
}

typedef struct result { double t, cpu; long rss; } result;

static int measure(const char *name, int (*fn)(void), int runs, result *r)
{
  double t[MAX_RUNS], c[MAX_RUNS];
  long m[MAX_RUNS];
  int i;
  for (i = 0; i < runs; i++)
    if (child(fn, &t[i], &m[i], &c[i]) != 0) {
      fprintf(stderr, "%s: run %d failed\n", name, i);
      return -1;
    }
  qsort(t, (size_t)runs, sizeof t[0], cmp_d);
  qsort(m, (size_t)runs, sizeof m[0], cmp_l);
  qsort(c, (size_t)runs, sizeof c[0], cmp_d);
  r->t = t[runs / 2];
  r->cpu = c[runs / 2];
  r->rss = m[runs / 2];
  printf("%-32s wall %6.3f s (min %.3f, max %.3f)  cpu %6.3f s  peak RSS %6.1f MB\n",
         name, r->t, t[0], t[runs - 1], r->cpu, (double)r->rss / 1024.0);
  return 0;
}

int main(int argc, char **argv)
{
  int runs = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 5;
  const char *src = argc > 2 ? argv[2] : getenv("IDT_SRC");
  result parse, import, load, upd;
  char cmd[700];
  FILE *f;
  long size = 0;

  if (runs < 1 || runs > MAX_RUNS)
    runs = 5;
  if (prepare(src && *src ? src : ".") != 0) {
    fprintf(stderr, "bench_import: cannot decompress data/lists (run from the "
            "source tree or pass SRC_DIR)\n");
    return 1;
  }
  printf("bench_import: OFAC SDN (sdn/alt/add/comments) + UN consolidated, "
         "%d runs, fresh store each\n", runs);
  if (measure("parse only (peer: no-op sink)", parse_only, runs, &parse) ||
      measure("import into fresh store", import_both, runs, &import) ||
      measure("load both current versions", load_both, runs, &load))
    return 1;
  snprintf(cmd, sizeof cmd, "cp '%s' '%s'", db, base_db);
  setup = setup_update;
  if (sh(cmd) != 0 ||
      measure("OFAC v2 (1% rows gone) on top", update_ofac, runs, &upd))
    return 1;
  setup = NULL;
  if ((f = fopen(base_db, "rb"))) {
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fclose(f);
  }
  printf("ratio import / parse-only: %.2fx wall, %.2fx cpu (store adds %.3f s cpu)\n",
         import.t / parse.t, import.cpu / parse.cpu, import.cpu - parse.cpu);
  printf("store file: %.1f MB\n", (double)size / 1048576.0);
  printf("target: import < 2 s and < 200 MB: %s\n",
         import.t < 2.0 && import.rss < 200 * 1024 ? "met" : "NOT met");
  printf("target: load < 0.5 s: %s\n", load.t < 0.5 ? "met" : "NOT met");
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
  sh(cmd);
  return 0;
}
