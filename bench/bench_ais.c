/*
 * bench_ais.c - AIS decode throughput from memory, no I/O: the whole input
 * file is read first, then decoded RUNS times (default 5); the median is
 * printed for
 *   decode   sentence parse + checksum + de-armour + every field of the layout
 *   +dsv     the same plus formatting gpsd's -u -c line into a buffer
 *   +json    the same plus formatting gpsd's -j line into a buffer
 * The peer (gpsdecode) is measured end to end by bench/ais.sh in the same run.
 * With --once (--once-json, --once-dsv) it decodes (and formats) once, for
 * `valgrind --tool=callgrind` instruction counts per sentence (bench/ais.sh
 * does that too).
 *
 * usage: bench_ais FILE [RUNS] | bench_ais --once[-json|-dsv] FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "interdict/ais.h"

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this process: on a shared, loaded machine wall time measures
 * the neighbours; CPU time measures the work (both are printed). */
static double cpu(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_d(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Decode every line of buf; fmt < 0: decode only. Returns messages. */
static unsigned long run(const char *buf, size_t n, int fmt, size_t *bytes)
{
  idt_ais_decoder *d;
  idt_ais_msg *m = malloc(sizeof *m);
  idt_ais_fmt_opts fo = { IDT_AIS_FMT_JSON, IDT_AIS_GPSD_322, "stdin" };
  char out[4096];
  const char *p = buf, *end = buf + n;
  unsigned long msgs = 0;
  size_t total = 0;
  if (!m || idt_ais_decoder_new(&d, NULL) < 0) {
    fprintf(stderr, "bench_ais: %s\n", idt_error_msg());
    exit(1);
  }
  fo.format = fmt < 0 ? IDT_AIS_FMT_JSON : fmt;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (idt_ais_decoder_line(d, p, len, m) == 1) {
      msgs++;
      if (fmt >= 0) {
        int k = idt_ais_format(out, sizeof out, m, &fo);
        if (k > 0)
          total += (size_t)k;
      }
    }
    p += len + 1;
  }
  idt_ais_decoder_free(d);
  free(m);
  *bytes = total;
  return msgs;
}

static unsigned long count_lines(const char *buf, size_t n)
{
  unsigned long c = 0;
  size_t i;
  for (i = 0; i < n; i++)
    c += buf[i] == '\n';
  return c;
}

int main(int argc, char **argv)
{
  const char *path;
  int runs = 5, once = 0, i, f;
  FILE *fp;
  char *buf;
  long n;
  unsigned long lines, msgs = 0;
  size_t bytes = 0;
  static const char *names[] = { "decode", "decode+dsv", "decode+json" };
  static const int fmts[] = { -1, IDT_AIS_FMT_DSV, IDT_AIS_FMT_JSON };

  if (argc > 1 && (!strcmp(argv[1], "--once") || !strcmp(argv[1], "--once-json") ||
                   !strcmp(argv[1], "--once-dsv"))) {
    once = !strcmp(argv[1], "--once") ? 1 : !strcmp(argv[1], "--once-json") ? 2 : 3;
    argv++;
    argc--;
  }
  if (argc < 2) {
    fprintf(stderr, "usage: bench_ais FILE [RUNS] | bench_ais --once[-json|-dsv] FILE\n");
    return 2;
  }
  path = argv[1];
  if (argc > 2) {
    long r = strtol(argv[2], NULL, 10);
    runs = r > 0 && r <= 21 ? (int)r : 5;
  }
  if (!(fp = fopen(path, "rb")))
    return perror(path), 1;
  fseek(fp, 0, SEEK_END);
  n = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  buf = malloc((size_t)n + 1);
  if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n)
    return perror(path), 1;
  fclose(fp);
  lines = count_lines(buf, (size_t)n);
  if (once) {
    msgs = run(buf, (size_t)n, once == 1 ? -1 : once == 2 ? IDT_AIS_FMT_JSON : IDT_AIS_FMT_DSV,
               &bytes);
    printf("once: %lu lines, %lu messages\n", lines, msgs);
    free(buf);
    return 0;
  }
  printf("input: %s, %lu lines, %.1f MB, median of %d runs (machine: %s)\n", path, lines,
         (double)n / 1e6, runs, "see docs/benchmarks/ais.md");
  for (f = 0; f < 3; f++) {
    double t[21], c[21], med, cmed;
    for (i = 0; i < runs; i++) {
      double t0 = now(), c0 = cpu();
      msgs = run(buf, (size_t)n, fmts[f], &bytes);
      t[i] = now() - t0;
      c[i] = cpu() - c0;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp_d);
    qsort(c, (size_t)runs, sizeof c[0], cmp_d);
    med = t[runs / 2];
    cmed = c[runs / 2];
    printf("%-12s wall %7.3f s %6.2f M sentences/s | cpu %7.3f s %6.2f M sentences/s "
           "%5.0f ns/sentence\n", names[f], med, (double)lines / med / 1e6, cmed,
           (double)lines / cmed / 1e6, cmed / (double)lines * 1e9);
    if (f)
      printf("%-12s output %.1f MB, %lu messages\n", "", (double)bytes / 1e6, msgs);
  }
  free(buf);
  return 0;
}
