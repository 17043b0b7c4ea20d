/*
 * bench_ingest.c - parse time of each ingest format on the real lists, with
 * a counting sink (no store), median of N runs, entities/s, and the process
 * peak RSS. Peer: none in-process; the number to beat is the budget
 * (OFAC + UN with the store under 2 s and 200 MB, so each parser well under
 * 0.5 s).
 *
 *   bench_ingest [RUNS] [OFAC_DIR] [UN_XML] [FTM_JSON]
 * defaults: 5 runs over ../shared/data/lists/{ofac,un/consolidated.xml,
 * ftm/zala_network.ftm.json} relative to the source tree (IDT_SRC or .).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "interdict/ingest.h"

static int count(void *ctx, idt_entity *e)
{
  (void)e;
  ++*(size_t *)ctx;
  return 0;
}

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double cpu(void)
{
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void bench(const char *fmt, const char *path, int runs)
{
  double t[64], c[64], med;
  size_t n = 0;
  idt_ingest_stats st;
  int i;
  if (runs > 64)
    runs = 64;
  for (i = 0; i < runs; i++) {
    idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
    double t0, c0;
    n = 0;
    memset(&st, 0, sizeof st);
    o.emit = count;
    o.ctx = &n;
    o.stats = &st;
    t0 = now();
    c0 = cpu();
    if (idt_ingest_run(fmt, &path, 1, &o) != 0) {
      printf("%-9s %s: %s\n", fmt, path, idt_error_msg());
      return;
    }
    t[i] = now() - t0;
    c[i] = cpu() - c0;
  }
  qsort(t, (size_t)runs, sizeof t[0], cmp);
  qsort(c, (size_t)runs, sizeof c[0], cmp);
  med = t[runs / 2];
  printf("%-9s listed %6zu  emitted %6zu  wall median %6.1f ms (min %6.1f)"
         "  cpu median %6.1f ms  %8.0f listed/s  %8.0f emitted/s (wall)\n",
         fmt, st.listed, n, med * 1e3, t[0] * 1e3, c[runs / 2] * 1e3,
         (double)st.listed / med, (double)n / med);
}

int main(int argc, char **argv)
{
  const char *src = getenv("IDT_SRC") ? getenv("IDT_SRC") : ".";
  char ofac[4096], un[4096], ftm[4096];
  int runs = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 5;
  struct rusage ru;
  snprintf(ofac, sizeof ofac, "%s", argc > 2 ? argv[2] : "");
  snprintf(un, sizeof un, "%s", argc > 3 ? argv[3] : "");
  snprintf(ftm, sizeof ftm, "%s", argc > 4 ? argv[4] : "");
  if (!ofac[0])
    snprintf(ofac, sizeof ofac, "%s/../shared/data/lists/ofac", src);
  if (!un[0])
    snprintf(un, sizeof un, "%s/../shared/data/lists/un/consolidated.xml", src);
  if (!ftm[0])
    snprintf(ftm, sizeof ftm, "%s/../shared/data/lists/ftm/zala_network.ftm.json",
             src);
  if (runs < 1)
    runs = 1;
  printf("bench_ingest: %d runs each, parsers only (counting sink)\n", runs);
  bench("ofac-csv", ofac, runs);
  bench("un-xml", un, runs);
  bench("ftm", ftm, runs);
  getrusage(RUSAGE_SELF, &ru);
  printf("peak RSS %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
  return 0;
}
