/*
 * cmd_eval.c - `interdict eval`: the screening accuracy evaluations on the
 * labelled sets under ../shared/data (or --data DIR), printed as Markdown
 * for docs/benchmarks/screening.md. Every section says when its data is
 * absent and is skipped. Throughput and candidate recall are in
 * bench/bench_screen.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "screen_io.h"
#include "screen_load.h"
#include "interdict/interdict.h"
#include "interdict/screen.h"

const char cmd_eval_summary[] = "evaluate screening accuracy on the labelled sets";

static const char help[] =
  "usage: interdict eval [--data DIR] [--threshold X] [--errors]\n"
  "\n"
  "Run the screening evaluations and print Markdown: nomenklatura's name\n"
  "bench (P/R/F1 beside logic-v2), OFAC tool parity (+-5 points), yente UN\n"
  "positives (treated/untreated) and global negatives against OFAC SDN + UN,\n"
  "DPRK alias pairs (each alias finds its own entity first) and watchman's\n"
  "cross-script pairs. DIR defaults to ../shared/data; sections whose files\n"
  "are missing are reported as skipped. --errors lists every error.\n";

static char data_dir[1024] = "../shared/data";
static double thr = IDT_SCREEN_THRESHOLD;
static int list_errors;

static const char *dpath(const char *rel)
{
  static char p[2][1200];
  static int k;
  k ^= 1;
  snprintf(p[k], sizeof p[k], "%s/%s", data_dir, rel);
  return access(p[k], R_OK) == 0 ? p[k] : NULL;
}

/* ------------------------------------------------------------ name bench */

typedef struct nb_ctx {
  int cs, c1, c2, cm, cl;
  size_t tp, fp, fn, tn, ltp, lfp, lfn, ltn, rows;
} nb_ctx;

static int nb_row(void *vctx, char **f, size_t n, size_t rec)
{
  nb_ctx *c = vctx;
  double s;
  int truth, ours, theirs;
  if (rec == 1) {
    c->cs = screen_csv_col(f, n, "schema");
    c->c1 = screen_csv_col(f, n, "name1");
    c->c2 = screen_csv_col(f, n, "name2");
    c->cm = screen_csv_col(f, n, "is_match");
    c->cl = screen_csv_col(f, n, "logicv2_score");
    return c->c1 < 0 || c->c2 < 0 || c->cm < 0;
  }
  if ((size_t)c->c2 >= n || (size_t)c->cm >= n)
    return 0;
  if (idt_screen_compare(c->cs >= 0 ? f[c->cs] : NULL, f[c->c1], f[c->c2],
                         IDT_SCREEN_MODE_DEFAULT, &s, NULL) < 0)
    return 0;
  truth = !strcmp(f[c->cm], "true");
  ours = s >= thr;
  theirs = c->cl >= 0 && (size_t)c->cl < n && strtod(f[c->cl], NULL) >= 0.7;
  c->rows++;
  if (ours && truth) c->tp++; else if (ours) c->fp++; else if (truth) c->fn++; else c->tn++;
  if (theirs && truth) c->ltp++; else if (theirs) c->lfp++; else if (truth) c->lfn++; else c->ltn++;
  if (list_errors && ours != truth)
    printf("| %s | %s | %s | %s | %.3f | %s |\n", truth ? "FN" : "FP",
           c->cs >= 0 ? f[c->cs] : "", f[c->c1], f[c->c2], s,
           c->cl >= 0 && (size_t)c->cl < n ? f[c->cl] : "");
  return 0;
}

static void prf(const char *who, size_t tp, size_t fp, size_t fn)
{
  double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
  double r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
  printf("| %s | %.3f | %.3f | %.3f | %zu | %zu | %zu |\n", who, p, r,
         p + r > 0 ? 2 * p * r / (p + r) : 0, tp, fp, fn);
}

static void eval_name_bench(void)
{
  const char *p = dpath("eval/screening/name_bench_dev.csv");
  nb_ctx c;
  FILE *f;
  printf("\n## nomenklatura name bench (name_bench_dev.csv)\n\n");
  if (!p || !(f = fopen(p, "rb"))) {
    printf("skipped: %s/eval/screening/name_bench_dev.csv not found\n", data_dir);
    return;
  }
  memset(&c, 0, sizeof c);
  if (list_errors)
    printf("| error | schema | name1 | name2 | ours | logic-v2 |\n|---|---|---|---|---|---|\n");
  screen_csv_stream(f, nb_row, &c);
  fclose(f);
  printf("\n%zu pairs, threshold %.2f (ours) and 0.70 (logic-v2, its scores as "
         "recorded in the file)\n\n", c.rows, thr);
  printf("| matcher | precision | recall | F1 | TP | FP | FN |\n|---|---|---|---|---|---|---|\n");
  prf("interdict", c.tp, c.fp, c.fn);
  prf("logic-v2", c.ltp, c.lfp, c.lfn);
}

/* ------------------------------------------------------------ OFAC parity */

typedef struct op_ctx {
  size_t rows, within, within2, notfound, notfound_low;
  double maxdev, sumdev;
} op_ctx;

static int op_row(void *vctx, char **f, size_t n, size_t rec)
{
  op_ctx *c = vctx;
  double s, want, dev;
  if (rec == 1 || n < 3)
    return 0;
  want = strtod(f[2], NULL);
  if (idt_screen_compare(NULL, f[0], f[1], IDT_SCREEN_MODE_OFAC, &s, NULL) < 0)
    return 0;
  s *= 100.0;
  if (want < 0) {
    c->notfound++;
    c->notfound_low += s < 80;
    return 0;
  }
  dev = s > want ? s - want : want - s;
  c->rows++;
  c->within2 += dev <= 2;
  c->sumdev += dev;
  if (dev <= 5)
    c->within++;
  else if (list_errors)
    printf("| %s | %s | %.0f | %.1f |\n", f[0], f[1], want, s);
  if (dev > c->maxdev)
    c->maxdev = dev;
  return 0;
}

static void eval_ofac_parity(void)
{
  const char *p = dpath("eval/screening/nomenklatura_ofac_tool_parity_fixtures.csv");
  op_ctx c;
  FILE *f;
  printf("\n## OFAC tool parity (--ofac mode)\n\n");
  if (!p || !(f = fopen(p, "rb"))) {
    printf("skipped: parity fixtures not found\n");
    return;
  }
  memset(&c, 0, sizeof c);
  if (list_errors)
    printf("| query | result | OFAC | ours |\n|---|---|---|---|\n");
  screen_csv_stream(f, op_row, &c);
  fclose(f);
  printf("\n%zu of %zu scored triples within +-5 points (%.1f%%), %zu within +-2, "
         "mean deviation %.2f, largest %.1f; %zu rows where OFAC returned nothing (-1): "
         "ours below 80 on %zu\n",
         c.within, c.rows, c.rows ? 100.0 * (double)c.within / (double)c.rows : 0,
         c.within2, c.rows ? c.sumdev / (double)c.rows : 0, c.maxdev, c.notfound,
         c.notfound_low);
}

/* ------------------------------------------------------------ positives */

typedef struct pos_row {
  char *name, *dob, *nat;
} pos_row;

typedef struct pos_ctx {
  pos_row *rows;
  size_t n, cap;
  int cn, cd, cc;
} pos_ctx;

static int pos_collect(void *vctx, char **f, size_t n, size_t rec)
{
  pos_ctx *c = vctx;
  if (rec == 1) {
    c->cn = screen_csv_col(f, n, "full_name");
    c->cd = screen_csv_col(f, n, "date_of_birth");
    c->cc = screen_csv_col(f, n, "nationality");
    return c->cn < 0;
  }
  if (c->n == c->cap) {
    size_t nc = c->cap ? c->cap * 2 : 1024;
    pos_row *nr = idt_realloc(c->rows, nc * sizeof *nr);
    if (!nr)
      return -1;
    c->rows = nr;
    c->cap = nc;
  }
  c->rows[c->n].name = idt_strdup((size_t)c->cn < n ? f[c->cn] : "");
  c->rows[c->n].dob = c->cd >= 0 && (size_t)c->cd < n && f[c->cd][0] ? idt_strdup(f[c->cd]) : NULL;
  c->rows[c->n].nat = c->cc >= 0 && (size_t)c->cc < n && f[c->cc][0] ? idt_strdup(f[c->cc]) : NULL;
  c->n++;
  return 0;
}

static void pos_free(pos_ctx *c)
{
  size_t i;
  for (i = 0; i < c->n; i++) {
    idt_free(c->rows[i].name);
    idt_free(c->rows[i].dob);
    idt_free(c->rows[i].nat);
  }
  idt_free(c->rows);
}

static int pos_load(const char *rel, pos_ctx *c)
{
  const char *p = dpath(rel);
  FILE *f;
  memset(c, 0, sizeof *c);
  if (!p || !(f = fopen(p, "rb")))
    return -1;
  screen_csv_stream(f, pos_collect, c);
  fclose(f);
  return 0;
}

static void query_of(const pos_row *r, idt_screen_query *q)
{
  idt_screen_query z = IDT_SCREEN_QUERY_INIT;
  *q = z;
  q->schema = "Person";
  q->name = r->name;
  q->birth_date = r->dob;
  q->nationality = r->nat;
}

static double now_s(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void eval_positives(const idt_screen_index *ix)
{
  pos_ctx un, tr;
  size_t i, resolved = 0, found_un = 0, found_tr = 0;
  idt_screen_opts truth_o = IDT_SCREEN_OPTS_INIT, o = IDT_SCREEN_OPTS_INIT;
  const char *un_ds[] = { "un_sc_sanctions" };
  printf("\n## yente UN positives (against OFAC SDN + UN)\n\n");
  if (pos_load("eval/screening/yente_cgb_positives_un_untreated.csv", &un) < 0 ||
      pos_load("eval/screening/yente_cgb_positives_un_treated.csv", &tr) < 0 ||
      un.n != tr.n) {
    printf("skipped: yente_cgb_positives_un_{untreated,treated}.csv not found or unaligned\n");
    pos_free(&un);
    pos_free(&tr);
    return;
  }
  truth_o.exhaustive = 1;
  truth_o.threshold = 0.5;
  truth_o.limit = 20;
  truth_o.datasets = un_ds;
  truth_o.ndatasets = 1;
  o.limit = 20;
  if (list_errors)
    printf("| query (treated) | expected |\n|---|---|\n");
  for (i = 0; i < un.n; i++) {
    idt_screen_query q;
    idt_screen_result *t = NULL, *a = NULL, *b = NULL;
    const char *truth[8];
    size_t nt = 0, k, j;
    int fa = 0, fb = 0;
    query_of(&un.rows[i], &q);
    q.birth_date = NULL;
    q.nationality = NULL;
    /* the truth: the UN entities listing exactly this name */
    if (idt_screen_run(ix, &q, &truth_o, &t) < 0)
      continue;
    for (k = 0; k < t->n && nt < 8; k++)
      if (t->hits[k].name_score >= 0.999)
        truth[nt++] = t->hits[k].entity_id;
    if (nt) {
      resolved++;
      query_of(&un.rows[i], &q);
      if (idt_screen_run(ix, &q, &o, &a) == 0)
        for (k = 0; k < a->n; k++)
          for (j = 0; j < nt; j++)
            fa |= a->hits[k].match && !strcmp(a->hits[k].entity_id, truth[j]);
      query_of(&tr.rows[i], &q);
      if (idt_screen_run(ix, &q, &o, &b) == 0)
        for (k = 0; k < b->n; k++)
          for (j = 0; j < nt; j++)
            fb |= b->hits[k].match && !strcmp(b->hits[k].entity_id, truth[j]);
      found_un += (size_t)fa;
      found_tr += (size_t)fb;
      if (list_errors && !fb)
        printf("| %s | %s |\n", tr.rows[i].name, truth[0]);
    }
    idt_screen_result_free(t);
    idt_screen_result_free(a);
    idt_screen_result_free(b);
  }
  printf("\n%zu queries; %zu resolved to their UN entity (a UN entity listing the "
         "untreated name exactly)\n\n", un.n, resolved);
  printf("| set | right entity found at %.2f | rate |\n|---|---|---|\n", thr);
  printf("| untreated | %zu / %zu | %.2f%% |\n", found_un, resolved,
         resolved ? 100.0 * (double)found_un / (double)resolved : 0);
  printf("| treated | %zu / %zu | %.2f%% |\n", found_tr, resolved,
         resolved ? 100.0 * (double)found_tr / (double)resolved : 0);
  pos_free(&un);
  pos_free(&tr);
}

static void eval_negatives(const idt_screen_index *ix)
{
  pos_ctx neg;
  size_t i, alerts = 0;
  idt_screen_opts o = IDT_SCREEN_OPTS_INIT;
  double t0;
  printf("\n## yente global negatives (50,000 clean people)\n\n");
  if (pos_load("eval/screening/yente_cgb_negatives_global.csv", &neg) < 0) {
    printf("skipped: yente_cgb_negatives_global.csv not found\n");
    return;
  }
  o.limit = 1;
  t0 = now_s();
  for (i = 0; i < neg.n; i++) {
    idt_screen_query q;
    idt_screen_result *r = NULL;
    query_of(&neg.rows[i], &q);
    if (idt_screen_run(ix, &q, &o, &r) == 0 && r->n && r->hits[0].match) {
      alerts++;
      if (list_errors && alerts <= 50)
        printf("- alert: %s -> %s (%.3f) %s\n", neg.rows[i].name, r->hits[0].caption,
               r->hits[0].score, r->hits[0].explanation);
    }
    idt_screen_result_free(r);
  }
  printf("\n%zu queries (with birth date and nationality), %zu alerts at %.2f: "
         "%.2f alerts per 1,000 names (%.0f queries/s on one thread)\n", neg.n, alerts,
         thr, neg.n ? 1000.0 * (double)alerts / (double)neg.n : 0,
         (double)neg.n / (now_s() - t0));
  pos_free(&neg);
}

/* ------------------------------------------------------------ DPRK aliases */

static void eval_dprk(const idt_screen_index *ix)
{
  static const struct { const char *file, *dataset; int idcol, aliascol; } sets[] = {
    { "korean/dprk_alias_pairs_ofac_sdn.tsv", "us_ofac_sdn", 0, 5 },
    { "korean/dprk_alias_pairs_un_1718.tsv", "un_sc_sanctions", 0, 3 },
  };
  size_t s;
  printf("\n## DPRK alias pairs: each alias as a query finds its own entity first\n\n");
  printf("| file | aliases | own entity first | rate |\n|---|---|---|---|\n");
  for (s = 0; s < 2; s++) {
    const char *p = dpath(sets[s].file);
    FILE *f;
    char *line = NULL;
    size_t cap = 0, total = 0, first = 0, lineno = 0;
    idt_screen_opts o = IDT_SCREEN_OPTS_INIT;
    const char *ds[1];
    if (!p || !(f = fopen(p, "rb"))) {
      printf("| %s | skipped: not found | | |\n", sets[s].file);
      continue;
    }
    ds[0] = sets[s].dataset;
    o.datasets = ds;
    o.ndatasets = 1;
    o.limit = 3;
    o.threshold = 0;
    while (getline(&line, &cap, f) >= 0) {
      char *cols[12], *q = line, *nl;
      int nc = 0;
      idt_screen_query qq = IDT_SCREEN_QUERY_INIT;
      idt_screen_result *r = NULL;
      if (lineno++ == 0)
        continue;
      if ((nl = strchr(line, '\n'))) *nl = 0;
      if ((nl = strchr(line, '\r'))) *nl = 0;
      while (nc < 12) {
        char *tab = strchr(q, '\t');
        cols[nc++] = q;
        if (!tab) break;
        *tab = 0;
        q = tab + 1;
      }
      if (nc <= sets[s].aliascol || !cols[sets[s].aliascol][0])
        continue;
      {
        /* the TSVs pad some ids with spaces ("KPe.023 ") */
        char *id = cols[sets[s].idcol];
        size_t il = strlen(id);
        while (il && (id[il - 1] == ' ' || id[il - 1] == '\t'))
          id[--il] = 0;
      }
      qq.name = cols[sets[s].aliascol];
      total++;
      if (idt_screen_run(ix, &qq, &o, &r) == 0 && r->n &&
          r->hits[0].source_id && !strcmp(r->hits[0].source_id, cols[sets[s].idcol]))
        first++;
      else if (list_errors)
        printf("| miss | %s | %s | %s |\n", qq.name, cols[sets[s].idcol],
               r && r->n ? r->hits[0].caption : "(none)");
      idt_screen_result_free(r);
    }
    free(line);
    fclose(f);
    printf("| %s | %zu | %zu | %.2f%% |\n", sets[s].file, total, first,
           total ? 100.0 * (double)first / (double)total : 0);
  }
}

/* ------------------------------------------------------------ watchman */

typedef struct wm_ctx {
  size_t n, ok;
} wm_ctx;

static int wm_row(void *vctx, char **f, size_t n, size_t rec)
{
  wm_ctx *c = vctx;
  double s;
  char *expl = NULL;
  (void)rec;
  if (n < 2 || f[0][0] == '#' || !f[1][0])
    return 0;
  if (idt_screen_compare(NULL, f[0], f[1], IDT_SCREEN_MODE_DEFAULT, &s, &expl) < 0)
    return 0;
  c->n++;
  c->ok += s >= thr;
  printf("| %s | %s | %.3f | %s |\n", f[0], f[1], s, s >= thr ? "match" : "**miss**");
  idt_free(expl);
  return 0;
}

static void eval_watchman(void)
{
  const char *p = dpath("eval/screening/watchman_cross_script_pairs.csv");
  wm_ctx c = { 0, 0 };
  FILE *f;
  printf("\n## watchman cross-script pairs\n\n");
  if (!p || !(f = fopen(p, "rb"))) {
    printf("skipped: watchman_cross_script_pairs.csv not found\n");
    return;
  }
  printf("| query | list name | score | |\n|---|---|---|---|\n");
  screen_csv_stream(f, wm_row, &c);
  fclose(f);
  printf("\n%zu of %zu pairs match at %.2f\n", c.ok, c.n, thr);
}

int cmd_eval(int argc, char **argv)
{
  int i;
  screen_src src;
  idt_screen_index *ix = NULL;
  char ofac[1200], un[1200];
  memset(&src, 0, sizeof src);
  for (i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    } else if (!strcmp(argv[i], "--data") && i + 1 < argc) {
      snprintf(data_dir, sizeof data_dir, "%s", argv[++i]);
    } else if (!strcmp(argv[i], "--threshold") && i + 1 < argc) {
      thr = strtod(argv[++i], NULL);
    } else if (!strcmp(argv[i], "--errors")) {
      list_errors = 1;
    } else {
      return cli_usage("eval", "unknown argument '%s'", argv[i]);
    }
  }
  printf("# interdict screening evaluation\n\ndata: %s; threshold %.2f\n", data_dir, thr);
  eval_name_bench();
  eval_ofac_parity();
  eval_watchman();
  if (!dpath("lists/ofac/sdn.csv") || !dpath("lists/un/consolidated.xml")) {
    printf("\nskipped: list-based evaluations (lists/ofac/sdn.csv and "
           "lists/un/consolidated.xml not under %s)\n", data_dir);
    return 0;
  }
  snprintf(ofac, sizeof ofac, "ofac-csv:%s/lists/ofac", data_dir);
  snprintf(un, sizeof un, "un-xml:%s/lists/un/consolidated.xml", data_dir);
  src.lists[src.nlists++] = ofac;
  src.lists[src.nlists++] = un;
  if (screen_load(&src, 1, &ix) < 0)
    return cli_fail("eval: loading OFAC SDN + UN");
  eval_dprk(ix);
  eval_positives(ix);
  eval_negatives(ix);
  idt_screen_index_free(ix);
  return 0;
}
