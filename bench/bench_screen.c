/*
 * bench_screen.c - screening throughput, index build cost and candidate
 * recall, beside two peers measured in the same run:
 *   - an exhaustive scan with the same scorer (what the index saves), and
 *   - a brute-force Jaro-Winkler scan over every list name (the OFAC tool /
 *     watchman approach; here the OFAC-compatible score of ofac.c).
 * Lists: OFAC SDN + UN consolidated; queries: yente's 50,000 global
 * negatives and 683 UN positives (treated). One thread (one core).
 *
 * usage: bench_screen [DATA_DIR] [N_EXHAUSTIVE] [N_JW] [N_INDEXED] [PASSES]
 * DATA_DIR defaults to ../shared/data. The peers run on the first
 * N_EXHAUSTIVE (default 150) / N_JW (default 150) negatives and as many
 * positives; rates are per CPU-second so the ratios hold on a shared box.
 * N_INDEXED (default: all) limits the indexed pass to an evenly spaced
 * sample of the queries, for profiling under callgrind. PASSES (or the
 * REPEAT environment variable; default 3) runs the indexed pass that many
 * times, each from cold per-thread state (screening scratch, token memo,
 * similarity cache, ICU word memo; the ICU transliterators are opened
 * once, as a server thread does), and reports the median rate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>
#include <csv.h>
#include "interdict/interdict.h"
#include "interdict/ingest.h"
#include "interdict/screen.h"
#include "screen/index_int.h"

typedef struct qrow {
  char *name, *dob, *nat;
} qrow;

typedef struct qset {
  qrow *r;
  size_t n, cap;
  int col, cn, cd, cc;
  size_t rec;
  char *f[16];
  size_t nf;
} qset;

static double now_s(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double cpu_s(void)
{
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void on_field(void *s, size_t len, void *data)
{
  qset *q = data;
  if (q->nf < 16) {
    q->f[q->nf] = malloc(len + 1);
    memcpy(q->f[q->nf], s, len);
    q->f[q->nf++][len] = 0;
  }
}

static void on_row(int c, void *data)
{
  qset *q = data;
  size_t i;
  (void)c;
  if (q->rec++ == 0) {
    q->cn = q->cd = q->cc = -1;
    for (i = 0; i < q->nf; i++) {
      if (!strcmp(q->f[i], "full_name")) q->cn = (int)i;
      if (!strcmp(q->f[i], "date_of_birth")) q->cd = (int)i;
      if (!strcmp(q->f[i], "nationality")) q->cc = (int)i;
    }
  } else if (q->cn >= 0 && (size_t)q->cn < q->nf) {
    if (q->n == q->cap) {
      q->cap = q->cap ? q->cap * 2 : 1024;
      q->r = realloc(q->r, q->cap * sizeof *q->r);
    }
    q->r[q->n].name = strdup(q->f[q->cn]);
    q->r[q->n].dob = q->cd >= 0 && (size_t)q->cd < q->nf && q->f[q->cd][0] ? strdup(q->f[q->cd]) : NULL;
    q->r[q->n].nat = q->cc >= 0 && (size_t)q->cc < q->nf && q->f[q->cc][0] ? strdup(q->f[q->cc]) : NULL;
    q->n++;
  }
  for (i = 0; i < q->nf; i++)
    free(q->f[i]);
  q->nf = 0;
}

static int load_q(const char *path, qset *q)
{
  struct csv_parser p;
  char buf[65536];
  size_t got;
  FILE *f = fopen(path, "rb");
  memset(q, 0, sizeof *q);
  if (!f)
    return -1;
  csv_init(&p, CSV_APPEND_NULL);
  while ((got = fread(buf, 1, sizeof buf, f)) > 0)
    csv_parse(&p, buf, got, on_field, on_row, q);
  csv_fini(&p, on_field, on_row, q);
  csv_free(&p);
  fclose(f);
  return 0;
}

static void mkq(const qrow *r, idt_screen_query *q)
{
  idt_screen_query z = IDT_SCREEN_QUERY_INIT;
  *q = z;
  q->schema = "Person";
  q->name = r->name;
  q->birth_date = r->dob;
  q->nationality = r->nat;
}

/* Brute force: best OFAC-style Jaro-Winkler score over every list name. */
static double jw_best(const idt_screen_index *ix, const char *name, uint32_t *ent)
{
  size_t i;
  double best = 0;
  for (i = 0; i < ix->nnames; i++) {
    double s;
    if (ix->names[i].weak)
      continue;
    s = sc_ofac_score(name, ix->names[i].orig);
    if (s > best) {
      best = s;
      *ent = ix->name_ent[i];
    }
  }
  return best / 100.0;
}

int main(int argc, char **argv)
{
  const char *dir = argc > 1 ? argv[1] : "../shared/data";
  size_t nex = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 150;
  size_t njw = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 150;
  size_t nidx = argc > 4 ? (size_t)strtoul(argv[4], NULL, 10) : 0;
  size_t nrep = argc > 5 ? (size_t)strtoul(argv[5], NULL, 10) :
                getenv("REPEAT") ? (size_t)strtoul(getenv("REPEAT"), NULL, 10) : 3;
  size_t step = 1, ndone = 0;
  char p1[1024], p2[1024], p3[1024], p4[1024];
  const char *pp;
  idt_screen_builder *b;
  idt_screen_index *ix;
  idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
  idt_screen_stats st;
  idt_screen_opts so = IDT_SCREEN_OPTS_INIT, ex = IDT_SCREEN_OPTS_INIT;
  qset neg, pos;
  double t0, c0, t_idx, c_idx, t_ex, t_jw, c_ex, c_jw;
  size_t i, k, nq, exq = 0, jwq = 0, ex_hits = 0, ix_hits_found = 0, alerts = 0;
  snprintf(p1, sizeof p1, "%s/lists/ofac", dir);
  snprintf(p2, sizeof p2, "%s/lists/un/consolidated.xml", dir);
  snprintf(p3, sizeof p3, "%s/eval/screening/yente_cgb_negatives_global.csv", dir);
  snprintf(p4, sizeof p4, "%s/eval/screening/yente_cgb_positives_un_treated.csv", dir);
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (access(p1, R_OK) || access(p2, R_OK) || access(p3, R_OK) || access(p4, R_OK)) {
    printf("skipped: lists or eval sets not under %s\n", dir);
    return 0;
  }
  if (idt_screen_builder_new(&b) < 0)
    return 1;
  o.emit = idt_screen_builder_add;
  o.ctx = b;
  t0 = now_s();
  pp = p1;
  if (idt_ingest_run("ofac-csv", &pp, 1, &o) < 0)
    return fprintf(stderr, "ofac: %s\n", idt_error_msg()), 1;
  pp = p2;
  if (idt_ingest_run("un-xml", &pp, 1, &o) < 0)
    return fprintf(stderr, "un: %s\n", idt_error_msg()), 1;
  printf("parse OFAC SDN + UN: %.3f s\n", now_s() - t0);
  c0 = cpu_s();
  if (idt_screen_build(b, &ix) < 0)
    return fprintf(stderr, "build: %s\n", idt_error_msg()), 1;
  c0 = cpu_s() - c0;
  idt_screen_index_stats(ix, &st);
  printf("index: %zu entities, %zu names, %zu terms, %zu postings; build %.3f s wall, "
         "%.3f s CPU; %.1f MB\n", st.entities, st.names, st.terms, st.postings,
         st.build_seconds, c0, (double)st.bytes / 1e6);
  load_q(p3, &neg);
  load_q(p4, &pos);
  nq = neg.n + pos.n;
  if (nidx && nidx < nq)
    step = nq / nidx;
  if (nrep < 1) nrep = 1;
  if (nrep > 16) nrep = 16;
  so.limit = 10;
  ex.limit = 10;
  ex.exhaustive = 1;
  /* 1. indexed, every query (REPEAT passes, median) */
  {
    double rates[16], walls[16];
    size_t rep;
    for (rep = 0; rep < nrep; rep++) {
      /* cold per-thread state (screening scratch, token memo, similarity
       * cache, ICU word memo); the transliterators stay open, as in a
       * server thread that opened them once */
      idt_screen_thread_cleanup();
      idt_text_memo_reset();
      for (i = 0; i < 50 && i < neg.n; i++) {
        idt_screen_query q;
        idt_screen_result *r;
        mkq(&neg.r[i], &q);
        if (idt_screen_run(ix, &q, &so, &r) == 0)
          idt_screen_result_free(r);
      }
      ndone = alerts = 0;
      t0 = now_s();
      c0 = cpu_s();
      for (i = 0; i < nq; i += step) {
        idt_screen_query q;
        idt_screen_result *r;
        mkq(i < neg.n ? &neg.r[i] : &pos.r[i - neg.n], &q);
        ndone++;
        if (idt_screen_run(ix, &q, &so, &r) == 0) {
          alerts += i < neg.n && r->n && r->hits[0].match;
          idt_screen_result_free(r);
        }
      }
      t_idx = now_s() - t0;
      c_idx = cpu_s() - c0;
      rates[rep] = (double)ndone / c_idx;
      walls[rep] = (double)ndone / t_idx;
      printf("indexed pass %zu: %zu queries in %.2f s wall, %.2f s CPU = %.0f queries/s per "
             "CPU-second (%.0f wall; one thread); negatives alerting: %zu\n",
             rep + 1, ndone, t_idx, c_idx, rates[rep], walls[rep], alerts);
    }
    for (i = 1; i < nrep; i++)
      for (k = i; k > 0 && rates[k - 1] > rates[k]; k--) {
        double t = rates[k]; rates[k] = rates[k - 1]; rates[k - 1] = t;
      }
    c_idx = (double)ndone / rates[nrep / 2];
    printf("indexed: median of %zu passes %.0f queries/s per CPU-second (min %.0f, max %.0f)\n",
           nrep, rates[nrep / 2], rates[0], rates[nrep - 1]);
  }
  /* 2. exhaustive on a subset + recall of the index against it */
  t0 = now_s();
  c0 = cpu_s();
  for (i = 0; i < nq; i++) {
    idt_screen_query q;
    idt_screen_result *r = NULL, *s = NULL;
    if ((i < neg.n ? i : i - neg.n) >= nex)
      continue;
    mkq(i < neg.n ? &neg.r[i] : &pos.r[i - neg.n], &q);
    exq++;
    if (idt_screen_run(ix, &q, &ex, &r) == 0) {
      double t1 = now_s(), u1 = cpu_s();
      if (idt_screen_run(ix, &q, &so, &s) == 0) {
        for (k = 0; k < r->n; k++) {
          size_t j;
          int found = 0;
          for (j = 0; j < s->n; j++)
            found |= !strcmp(r->hits[k].entity_id, s->hits[j].entity_id);
          ex_hits++;
          ix_hits_found += (size_t)found;
        }
      }
      t0 += now_s() - t1;   /* do not bill the indexed re-run to the scan */
      c0 += cpu_s() - u1;
    }
    idt_screen_result_free(r);
    idt_screen_result_free(s);
  }
  t_ex = now_s() - t0;
  c_ex = cpu_s() - c0;
  if (exq)
    printf("exhaustive (same scorer): %zu queries in %.2f s wall, %.2f s CPU = %.2f queries/s per CPU-second\n",
           exq, t_ex, c_ex, (double)exq / c_ex);
  else
    printf("exhaustive (same scorer): skipped (N_EXHAUSTIVE = 0)\n");
  if (exq)
    printf("candidate recall: %zu of %zu exhaustive hits >= %.2f also found through the index "
           "(%.2f%%)\n", ix_hits_found, ex_hits, IDT_SCREEN_THRESHOLD,
           ex_hits ? 100.0 * (double)ix_hits_found / (double)ex_hits : 100.0);
  else
    printf("candidate recall: skipped (N_EXHAUSTIVE = 0)\n");
  /* 3. brute-force Jaro-Winkler */
  t0 = now_s();
  c0 = cpu_s();
  {
    size_t jw_alerts[5] = { 0 }, pos_over[5] = { 0 };
    static const double jt[5] = { 0.85, 0.88, 0.90, 0.92, 0.95 };
    size_t jn = 0, jp = 0;
    for (i = 0; i < nq; i++) {
      uint32_t e = 0;
      double s;
      if ((i < neg.n ? i : i - neg.n) >= njw)
        continue;
      s = jw_best(ix, i < neg.n ? neg.r[i].name : pos.r[i - neg.n].name, &e);
      jwq++;
      for (k = 0; k < 5; k++) {
        if (i < neg.n) jw_alerts[k] += s >= jt[k];
        else pos_over[k] += s >= jt[k];
      }
      if (i < neg.n) jn++; else jp++;
    }
    t_jw = now_s() - t0;
    c_jw = cpu_s() - c0;
    if (jwq)
      printf("brute-force Jaro-Winkler: %zu queries in %.2f s wall, %.2f s CPU = %.1f queries/s per CPU-second\n",
             jwq, t_jw, c_jw, (double)jwq / c_jw);
    else
      printf("brute-force Jaro-Winkler: skipped (N_JW = 0)\n");
    printf("speed ratio (CPU) indexed / exhaustive: ");
    if (exq && c_ex > 0)
      printf("%.0fx", ((double)ndone / c_idx) / ((double)exq / c_ex));
    else
      printf("skipped");
    printf("; indexed / brute-force JW: ");
    if (jwq && c_jw > 0)
      printf("%.0fx\n", ((double)ndone / c_idx) / ((double)jwq / c_jw));
    else
      printf("skipped\n");
    if (jwq)
      printf("JW scan: threshold, positives with a hit >= t, negative alerts per 1,000:\n");
    for (k = 0; k < 5 && jwq; k++)
      printf("  %.2f: positives %.2f%%, negatives %.1f / 1,000\n", jt[k],
             jp ? 100.0 * (double)pos_over[k] / (double)jp : 0,
             jn ? 1000.0 * (double)jw_alerts[k] / (double)jn : 0);
    printf("interdict: negatives %.2f / 1,000 at %.2f\n",
           1000.0 * (double)alerts / (double)(step > 1 ? (neg.n + step - 1) / step : neg.n),
           IDT_SCREEN_THRESHOLD);
  }
  {
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
      printf("peak resident set: %.1f MB (lists, eval sets, index, per-thread caches)\n",
             (double)ru.ru_maxrss / 1024.0);
  }
  idt_screen_index_free(ix);
  idt_screen_thread_cleanup();
  idt_text_thread_cleanup();
  return 0;
}
