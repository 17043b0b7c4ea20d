/*
 * test_net_aml.c - risk ranking on AMLSim (IBM/AMLSim sample graphs, 20,000
 * accounts, ~118k transfers, laundering-pattern members labelled). Accounts
 * become Company entities, transfers Payment entities; half of the labelled
 * accounts (fixed seed) are designated through a Sanction entity, and the
 * other half must rank high: ROC AUC of the personalized-PageRank risk over
 * "held-out illicit vs every other undesignated account", beside the AUC of
 * plain hop distance (score = -hops) on the same split.
 *
 * Floors pinned from measurement (docs/benchmarks/network.md), above the
 * issue's acceptance of 0.88; the reference run (igraph_bench_2core.txt) had 0.936
 * and 0.905 on these two graphs.
 */
#include <stdlib.h>
#include <csv.h>
#include "tap.h"
#include "interdict/net.h"
#include "graph/net_int.h"
#include "common/arena.h"
#include "test_net_keycheck.h"

typedef struct aml_csv {
  int row, col;
  long a, b;
  void (*row_fn)(struct aml_csv *);
  idt_net *net;
  idt_arena *arena;
  unsigned char *fraud;
  long nnodes, nrows;
  int err;
} aml_csv;

static void on_field(void *s, size_t n, void *ctx)
{
  aml_csv *c = ctx;
  char tmp[32];
  if (c->row > 0 && c->col < 2 && n < sizeof tmp) {
    memcpy(tmp, s, n);
    tmp[n] = 0;
    if (c->col == 0)
      c->a = strtol(tmp, NULL, 10);
    else
      c->b = strtol(tmp, NULL, 10);
  }
  c->col++;
}

static void on_row(int ch, void *ctx)
{
  aml_csv *c = ctx;
  (void)ch;
  if (c->row > 0)
    c->row_fn(c);
  c->row++;
  c->col = 0;
}

static void node_row(aml_csv *c)
{
  if (c->a >= 0 && c->a < c->nnodes)
    c->fraud[c->a] = (unsigned char)(c->b != 0);
}

static void txn_row(aml_csv *c)
{
  char id[64], s[32], d[32];
  idt_entity *e;
  snprintf(id, sizeof id, "pay-%ld", c->nrows++);
  snprintf(s, sizeof s, "acct-%ld", c->a);
  snprintf(d, sizeof d, "acct-%ld", c->b);
  if (idt_entity_new(&e, c->arena, idt_schema_get("Payment"), id) ||
      idt_entity_add(e, "payer", s) || idt_entity_add(e, "beneficiary", d) ||
      idt_net_add(c->net, e))
    c->err = 1;
  if (c->nrows % 8192 == 0) {
    idt_arena_free(c->arena);
    idt_arena_init(c->arena);
  }
}

static int read_xz_csv(const char *rel, aml_csv *c)
{
  char cmd[2048], path[1024], buf[65536];
  struct csv_parser p;
  FILE *f;
  size_t n;
  snprintf(path, sizeof path, "%s/aml.csv", tap_tmpdir());
  snprintf(cmd, sizeof cmd, "xz -dc '%s' > '%s'", tap_data(rel), path);
  if (system(cmd) != 0 || !(f = fopen(path, "rb")))
    return -1;
  csv_init(&p, CSV_APPEND_NULL);
  c->row = c->col = 0;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    if (csv_parse(&p, buf, n, on_field, on_row, c) != n)
      c->err = 1;
  csv_fini(&p, on_field, on_row, c);
  csv_free(&p);
  fclose(f);
  return c->err ? -1 : 0;
}

/* Mann-Whitney AUC with ties counted half. */
static const double *auc_score;
static int cmp_idx(const void *a, const void *b)
{
  double x = auc_score[*(const long *)a], y = auc_score[*(const long *)b];
  return x < y ? -1 : x > y;
}

static double auc(const double *score, const unsigned char *pos,
                  const unsigned char *use, long n)
{
  long *idx = malloc((size_t)n * sizeof *idx), k = 0, i, j;
  double rank_sum = 0, np = 0, nn = 0;
  for (i = 0; i < n; i++)
    if (use[i])
      idx[k++] = i;
  auc_score = score;
  qsort(idx, (size_t)k, sizeof *idx, cmp_idx);
  for (i = 0; i < k; i = j) {
    double r;
    for (j = i; j < k && score[idx[j]] == score[idx[i]]; j++)
      ;
    r = (double)(i + 1 + j) / 2.0;   /* mean 1-based rank of the tie run */
    for (long t = i; t < j; t++)
      if (pos[idx[t]])
        rank_sum += r, np++;
      else
        nn++;
  }
  free(idx);
  return (rank_sum - np * (np + 1) / 2) / (np * nn);
}

static void run_graph(const char *name, double floor_ppr)
{
  char rel[256];
  aml_csv c;
  idt_arena a;
  long i, nlab = 0, k = 0;
  long nn = 20000;
  unsigned char *pos, *use, *seed;
  double *ppr, *hop, auc_ppr, auc_hop;
  unsigned long long rng = 20261126ULL;
  long *lab;
  memset(&c, 0, sizeof c);
  idt_arena_init(&a);
  c.arena = &a;
  c.nnodes = nn;
  c.fraud = calloc((size_t)nn, 1);
  pos = calloc((size_t)nn, 1);
  use = calloc((size_t)nn, 1);
  seed = calloc((size_t)nn, 1);
  ppr = calloc((size_t)nn, sizeof *ppr);
  hop = calloc((size_t)nn, sizeof *hop);
  lab = calloc((size_t)nn, sizeof *lab);
  CHECK_OK(idt_net_new(&c.net, NULL));
  snprintf(rel, sizeof rel, "data/network/aml/amlsim_20K_%s_nodes.csv.xz", name);
  c.row_fn = node_row;
  CHECK(read_xz_csv(rel, &c) == 0);
  snprintf(rel, sizeof rel, "data/network/aml/amlsim_20K_%s_transactions.csv.xz", name);
  c.row_fn = txn_row;
  CHECK(read_xz_csv(rel, &c) == 0);
  /* half of the labelled accounts, by a fixed-seed Fisher-Yates shuffle */
  for (i = 0; i < nn; i++)
    if (c.fraud[i])
      lab[nlab++] = i;
  for (i = nlab - 1; i > 0; i--) {
    long j, t;
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    j = (long)((rng >> 33) % (unsigned long long)(i + 1));
    t = lab[i], lab[i] = lab[j], lab[j] = t;
  }
  for (i = 0; i < nlab / 2; i++) {
    char sid[64], eid[64];
    idt_entity *e;
    snprintf(sid, sizeof sid, "sanction-%ld", lab[i]);
    snprintf(eid, sizeof eid, "acct-%ld", lab[i]);
    seed[lab[i]] = 1;
    CHECK_OK(idt_entity_new(&e, &a, idt_schema_get("Sanction"), sid));
    CHECK_OK(idt_entity_add(e, "entity", eid));
    CHECK_OK(idt_entity_add(e, "program", "AML-TEST"));
    CHECK_OK(idt_net_add(c.net, e));
  }
  CHECK_OK(idt_net_finish(c.net));
  {
    idt_net_compute_opts o = IDT_NET_COMPUTE_OPTS_INIT;
    double *ours = calloc(idt_net_count(c.net) + 1, sizeof *ours);
    double *ref = calloc(idt_net_count(c.net) + 1, sizeof *ref), diff = 1, rho = 0;
    o.key_nodes = 0;
    CHECK_OK(idt_net_compute(c.net, &o));
    /* our PageRank (ppr.c) against igraph's PRPACK on the same walk */
    CHECK(idt__net_ppr(c.net, 0.85, ours) > 0);
    CHECK_OK(idt__net_ppr_igraph(c.net, 0.85, ref));
    CHECK_OK(idt__net_ppr_agree(c.net, ours, ref, &diff, &rho));
    tap_diag("AMLSim %s: our PPR vs PRPACK: %u sweeps, max |diff| of scaled risk %.2e, "
             "Spearman %.9f", name, c.net->ppr_sweeps, diff, rho);
    CHECK(diff <= 1e-6);
    CHECK(rho >= 0.99999);
    /* articulation points and components on our CSR = igraph's */
    snprintf(rel, sizeof rel, "AMLSim %s", name);
    CHECK(keynodes_match(c.net, rel) >= 0);
    free(ours);
    free(ref);
  }
  for (i = 0; i < nn; i++) {
    char eid[64];
    idt_net_exposure x;
    snprintf(eid, sizeof eid, "acct-%ld", i);
    if (idt_net_exposure_get(c.net, eid, &x))
      continue;   /* an account without transfers is not in the graph */
    k++;
    use[i] = !seed[i];
    pos[i] = c.fraud[i] && !seed[i];
    ppr[i] = x.risk;
    hop[i] = x.hops < 0 ? -1e9 : -(double)x.hops;
  }
  auc_ppr = auc(ppr, pos, use, nn);
  auc_hop = auc(hop, pos, use, nn);
  tap_diag("AMLSim %s: nodes in graph %ld, labelled %ld, seeds %ld, AUC PPR %.4f, "
           "AUC hops %.4f", name, k, nlab, nlab / 2, auc_ppr, auc_hop);
  CHECK(auc_ppr >= floor_ppr);
  CHECK(auc_ppr > auc_hop);
  CHECK(!c.err);
  idt_net_free(c.net);
  idt_arena_free(&a);
  free(c.fraud); free(pos); free(use); free(seed); free(ppr); free(hop);
  free(lab);
}

/* measured 2026-11-26 with PRPACK: cycle200 0.9162 (hops 0.7698), fanin200
 * 0.9014 (hops 0.7234); unchanged to four decimals with our own PageRank
 * (2026-11-27), which agrees with PRPACK to 1e-6 (checked above), so the
 * floors still sit just under them */
TEST(amlsim_cycle200) { run_graph("cycle200", 0.915); }
TEST(amlsim_fanin200) { run_graph("fanin200", 0.900); }

int main(void)
{
  RUN(amlsim_cycle200);
  RUN(amlsim_fanin200);
  return tap_done();
}
