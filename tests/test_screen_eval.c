/*
 * test_screen_eval.c - accuracy floors on the repository's copies of the
 * labelled sets (data/eval/screening): the nomenklatura name bench (F1 of
 * interdict and of logic-v2's recorded scores on the same rows), OFAC tool
 * parity of the --ofac mode (within +-5 points), watchman's cross-script
 * pairs. The floors are the measured values of docs/benchmarks/screening.md
 * rounded down: a change that loses accuracy fails here.
 */
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "tap.h"
#include "interdict/screen.h"
#include "interdict/text.h"

typedef struct rows {
  char *f[16];
  size_t nf;
  void (*row)(struct rows *r, size_t rec);
  size_t rec;
  /* tallies */
  size_t tp, fp, fn, ltp, lfp, lfn, n, ok;
  int c1, c2, cm, cl, cs;
} rows;

static void on_field(void *s, size_t len, void *d)
{
  rows *r = d;
  if (r->nf < 16) {
    r->f[r->nf] = malloc(len + 1);
    memcpy(r->f[r->nf], s, len);
    r->f[r->nf++][len] = 0;
  }
}

static void on_row(int c, void *d)
{
  rows *r = d;
  size_t i;
  (void)c;
  r->row(r, r->rec++);
  for (i = 0; i < r->nf; i++)
    free(r->f[i]);
  r->nf = 0;
}

static int read_csv(const char *path, rows *r)
{
  struct csv_parser p;
  char buf[8192];
  size_t got;
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  csv_init(&p, CSV_APPEND_NULL);
  while ((got = fread(buf, 1, sizeof buf, f)) > 0)
    csv_parse(&p, buf, got, on_field, on_row, r);
  csv_fini(&p, on_field, on_row, r);
  csv_free(&p);
  fclose(f);
  return 0;
}

static int col(rows *r, const char *name)
{
  size_t i;
  for (i = 0; i < r->nf; i++)
    if (!strcmp(r->f[i], name))
      return (int)i;
  return -1;
}

static void bench_row(rows *r, size_t rec)
{
  double s = 0;
  int truth, ours, theirs;
  if (rec == 0) {
    r->c1 = col(r, "name1");
    r->c2 = col(r, "name2");
    r->cm = col(r, "is_match");
    r->cl = col(r, "logicv2_score");
    r->cs = col(r, "schema");
    return;
  }
  if (r->c1 < 0 || (size_t)r->cl >= r->nf)
    return;
  idt_screen_compare(r->f[r->cs], r->f[r->c1], r->f[r->c2], IDT_SCREEN_MODE_DEFAULT, &s, NULL);
  truth = !strcmp(r->f[r->cm], "true");
  ours = s >= IDT_SCREEN_THRESHOLD;
  theirs = strtod(r->f[r->cl], NULL) >= 0.7;
  r->n++;
  if (ours && truth) r->tp++; else if (ours) r->fp++; else if (truth) r->fn++;
  if (theirs && truth) r->ltp++; else if (theirs) r->lfp++; else if (truth) r->lfn++;
}

static double f1(size_t tp, size_t fp, size_t fn)
{
  double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
  double rc = tp + fn ? (double)tp / (double)(tp + fn) : 0;
  return p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
}

TEST(name_bench_f1)
{
  rows r;
  double ours, theirs;
  memset(&r, 0, sizeof r);
  r.row = bench_row;
  CHECK_OK(read_csv(tap_data("data/eval/screening/name_bench_dev.csv"), &r));
  ours = f1(r.tp, r.fp, r.fn);
  theirs = f1(r.ltp, r.lfp, r.lfn);
  tap_diag("name bench: %zu pairs, F1 interdict %.3f, logic-v2 %.3f", r.n, ours, theirs);
  CHECK_INT(r.n, 495);
  CHECK(theirs > 0.71 && theirs < 0.72);   /* logic-v2 as recorded: 0.713 */
  CHECK(ours >= 0.82);                     /* measured 0.827 (2026-11-27) */
}

static void parity_row(rows *r, size_t rec)
{
  double s = 0, want;
  if (rec == 0 || r->nf < 3)
    return;
  want = strtod(r->f[2], NULL);
  idt_screen_compare(NULL, r->f[0], r->f[1], IDT_SCREEN_MODE_OFAC, &s, NULL);
  if (want < 0) {           /* OFAC listed nothing at its 80 slider */
    r->fn++;
    r->fp += s >= 0.8;      /* ours would list it */
    return;
  }
  r->n++;
  r->ok += s * 100 - want <= 5 && want - s * 100 <= 5;
}

TEST(ofac_parity)
{
  rows r;
  memset(&r, 0, sizeof r);
  r.row = parity_row;
  CHECK_OK(read_csv(tap_data("data/eval/screening/nomenklatura_ofac_tool_parity_fixtures.csv"), &r));
  tap_diag("OFAC parity: %zu of %zu within 5 points; %zu of %zu unlisted rows at 80+",
           r.ok, r.n, r.fp, r.fn);
  CHECK_INT(r.n, 164);
  CHECK(r.ok >= 161);       /* measured 161 (2026-11-27, Soundex cap on parts) */
  CHECK_INT(r.fn, 6);
  CHECK_INT(r.fp, 0);       /* ALQAEDA ~ AL QAEDA: not listed by the pre-filter */
}

static void wm_row(rows *r, size_t rec)
{
  double s = 0;
  (void)rec;
  if (r->nf < 2 || r->f[0][0] == '#' || !r->f[1][0])
    return;
  idt_screen_compare(NULL, r->f[0], r->f[1], IDT_SCREEN_MODE_DEFAULT, &s, NULL);
  r->n++;
  r->ok += s >= IDT_SCREEN_THRESHOLD;
}

TEST(watchman_cross_script)
{
  rows r;
  memset(&r, 0, sizeof r);
  r.row = wm_row;
  CHECK_OK(read_csv(tap_data("data/eval/screening/watchman_cross_script_pairs.csv"), &r));
  tap_diag("watchman: %zu of %zu pairs match", r.ok, r.n);
  CHECK_INT(r.n, 22);
  CHECK(r.ok >= (idt_text_has_korean() ? 20u : 13u)); /* measured 20 of 22 */
}

int main(void)
{
  RUN(name_bench_f1);
  RUN(ofac_parity);
  RUN(watchman_cross_script);
  idt_screen_thread_cleanup();
  idt_text_thread_cleanup();
  return tap_done();
}
