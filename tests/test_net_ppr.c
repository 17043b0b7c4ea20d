/*
 * test_net_ppr.c - our personalized PageRank (src/graph/ppr.c) against a
 * closed form and against igraph's PRPACK on the same walk: hand-built
 * graphs with every edge case the walk has (ended relations, self-loops,
 * parallel edges, dangling and isolated nodes, a component without seeds,
 * pivots with fractional weights) and random mixed graphs. Agreement is
 * measured the way the risk score is used: scaled by the riskiest
 * undesignated entity, largest absolute difference and Spearman's rank
 * correlation (AMLSim agreement is in test_net_aml.c).
 */
#include <math.h>
#include <stdlib.h>
#include "tap.h"
#include "interdict/net.h"
#include "graph/net_int.h"

#include "test_net_tnet.h"

static void tn_node(tnet *t, const char *id, int sanctioned, const char *phone)
{
  idt_entity *e = NULL;
  CHECK_OK(idt_entity_new(&e, &t->a, idt_schema_get("Company"), id));
  CHECK_OK(idt_entity_add(e, "name", id));
  if (sanctioned)
    CHECK_OK(idt_entity_add(e, "topics", "sanction"));
  if (phone)
    CHECK_OK(idt_entity_add(e, "phone", phone));
  CHECK_OK(idt_net_add(t->n, e));
}

static void tn_rel(tnet *t, const char *rid, const char *schema, const char *s,
                   const char *d, const char *pct, const char *end)
{
  static const struct { const char *schema, *sp, *dp; } ends[] = {
    { "Ownership", "owner", "asset" }, { "Directorship", "director", "organization" },
    { "Payment", "payer", "beneficiary" }, { "UnknownLink", "subject", "object" },
  };
  idt_entity *e = NULL;
  size_t i;
  CHECK_OK(idt_entity_new(&e, &t->a, idt_schema_get(schema), rid));
  for (i = 0; i < sizeof ends / sizeof ends[0]; i++)
    if (strcmp(ends[i].schema, schema) == 0) {
      CHECK_OK(idt_entity_add(e, ends[i].sp, s));
      CHECK_OK(idt_entity_add(e, ends[i].dp, d));
    }
  if (pct)
    CHECK_OK(idt_entity_add(e, "percentage", pct));
  if (end)
    CHECK_OK(idt_entity_add(e, "endDate", end));
  CHECK_OK(idt_net_add(t->n, e));
}

/* Compute, then compare our vector with PRPACK's. */
static void agree(idt_net *n, double max_diff, double min_rho, const char *what)
{
  double *a = calloc((size_t)n->n + 1, sizeof *a), *b = calloc((size_t)n->n + 1, sizeof *b);
  double diff = 1, rho = 0;
  int sweeps;
  idt_net_compute_opts o = IDT_NET_COMPUTE_OPTS_INIT;
  o.key_nodes = 0;
  CHECK_OK(idt_net_compute(n, &o));
  sweeps = idt__net_ppr(n, 0.85, a);
  CHECK(sweeps > 0);
  CHECK_OK(idt__net_ppr_igraph(n, 0.85, b));
  CHECK_OK(idt__net_ppr_agree(n, a, b, &diff, &rho));
  tap_diag("%s: %u nodes, %d sweeps, max |diff| %.2e, Spearman %.9f", what, n->n,
           sweeps, diff, rho);
  CHECK(diff <= max_diff);
  CHECK(rho >= min_rho);
  free(a);
  free(b);
}

/* Two nodes, one seed, one edge: x_a = 1/(1+d), x_b = d/(1+d). */
TEST(closed_form)
{
  tnet t;
  double x[2];
  uint32_t a, b;
  tn_init(&t);
  tn_node(&t, "a", 1, NULL);
  tn_node(&t, "b", 0, NULL);
  tn_rel(&t, "p1", "Payment", "a", "b", NULL, NULL);
  CHECK_OK(idt_net_finish(t.n));
  CHECK_OK(idt_net_find(t.n, "a", &a));
  CHECK_OK(idt_net_find(t.n, "b", &b));
  CHECK(idt__net_ppr(t.n, 0.85, x) > 0);
  CHECK(fabs(x[a] - 1 / 1.85) < 1e-10);
  CHECK(fabs(x[b] - 0.85 / 1.85) < 1e-10);
  tn_free(&t);
}

/* Every shape the walk treats specially, in one graph. */
TEST(edge_cases)
{
  tnet t;
  idt_net_exposure x;
  tn_init(&t);
  tn_node(&t, "s1", 1, "+44 20 7946 0001");
  tn_node(&t, "s2", 1, NULL);
  tn_node(&t, "a", 0, "+44 20 7946 0001");   /* pivot to s1 */
  tn_node(&t, "b", 0, NULL);
  tn_node(&t, "c", 0, NULL);
  tn_node(&t, "d", 0, NULL);
  tn_node(&t, "lonely", 0, NULL);            /* isolated: dangling */
  tn_node(&t, "x", 0, NULL);                 /* a component without seeds */
  tn_node(&t, "y", 0, NULL);
  tn_rel(&t, "o1", "Ownership", "s1", "b", "60%", NULL);
  tn_rel(&t, "o2", "Ownership", "s1", "b", "25-50%", NULL);   /* parallel */
  tn_rel(&t, "o3", "Ownership", "b", "b", "2%", NULL);        /* self-loop */
  tn_rel(&t, "o4", "Ownership", "b", "c", NULL, NULL);        /* unknown % */
  tn_rel(&t, "d1", "Directorship", "s2", "c", NULL, NULL);
  tn_rel(&t, "p1", "Payment", "c", "d", NULL, "2020-01-01");  /* ended */
  tn_rel(&t, "u1", "UnknownLink", "x", "y", NULL, NULL);
  tn_rel(&t, "u2", "UnknownLink", "d", "d", NULL, NULL);      /* only a loop */
  CHECK_OK(idt_net_finish(t.n));
  agree(t.n, 1e-9, 0.999999, "edge cases");
  CHECK_OK(idt_net_exposure_get(t.n, "x", &x));
  CHECK(x.risk == 0);
  CHECK_OK(idt_net_exposure_get(t.n, "d", &x));   /* ended + loop: unreached */
  CHECK(x.risk == 0);
  CHECK_OK(idt_net_exposure_get(t.n, "b", &x));
  CHECK(x.risk > 0);
  tn_free(&t);
}

static uint64_t rng;
static uint64_t rnd(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* Random mixed graphs like bench_net's, with ended relations and pivots. */
static void random_graph(uint64_t seed, long nodes, long rels)
{
  static const char *const sch[] = { "Ownership", "Directorship", "Payment", "UnknownLink" };
  tnet t;
  long i;
  char id[32], s[32], d[32], pct[16], ph[32];
  rng = seed;
  tn_init(&t);
  for (i = 0; i < nodes; i++) {
    snprintf(id, sizeof id, "c%ld", i);
    snprintf(ph, sizeof ph, "+1 555 %07d", (int)(rnd() % (uint64_t)(nodes * 3)));
    tn_node(&t, id, rnd() % 100 == 0, rnd() % 4 == 0 ? ph : NULL);
  }
  for (i = 0; i < rels; i++) {
    int k = (int)(rnd() % 4);
    snprintf(id, sizeof id, "r%ld", i);
    snprintf(s, sizeof s, "c%ld", (long)(rnd() % (uint64_t)nodes));
    snprintf(d, sizeof d, "c%ld", (long)(rnd() % (uint64_t)nodes));
    snprintf(pct, sizeof pct, "%d%%", (int)(rnd() % 100) + 1);
    tn_rel(&t, id, sch[k], s, d, k == 0 ? pct : NULL, rnd() % 20 == 0 ? "2019-05-01" : NULL);
  }
  CHECK_OK(idt_net_finish(t.n));
  snprintf(id, sizeof id, "random %ld/%ld", nodes, rels);
  agree(t.n, 1e-6, 0.99999, id);
  {
    /* risk ranks follow the scores: rank 1 holds the largest, which is 1 */
    uint32_t v, best = NET_NONE;
    for (v = 0; v < t.n->n; v++)
      if (t.n->rank[v] == 1)
        best = v;
    CHECK(best != NET_NONE && t.n->risk[best] == 1.0);
  }
  tn_free(&t);
}

TEST(random_sparse) { random_graph(1, 3000, 3000); }
TEST(random_dense) { random_graph(2, 3000, 15000); }
TEST(random_larger) { random_graph(3, 20000, 100000); }

int main(void)
{
  RUN(closed_form);
  RUN(edge_cases);
  RUN(random_sparse);
  RUN(random_dense);
  RUN(random_larger);
  return tap_done();
}
