/*
 * test_net_keynode.c - articulation points and connected components on our
 * CSR (src/graph/keynode.c) against igraph's igraph_articulation_points and
 * igraph_connected_components on the same undirected view: identical sets
 * and identical component numbering, on hand-built graphs with known
 * answers, graphs with every edge case (ended relations, self-loops,
 * parallel edges, isolated nodes), random graphs from tree-like to dense,
 * and a 200,000-node path (a recursive DFS would need 200k frames); exact
 * betweenness (up to 2,000 nodes) against igraph_betweenness. The
 * KEK and AMLSim graphs are compared in test_net.c and test_net_aml.c.
 */
#include <math.h>
#include <stdlib.h>
#include <igraph.h>
#include "tap.h"
#include "interdict/net.h"
#include "graph/net_int.h"
#include "test_net_keycheck.h"

#include "test_net_tnet.h"

static void tn_node(tnet *t, const char *id, int sanctioned)
{
  idt_entity *e = NULL;
  CHECK_OK(idt_entity_new(&e, &t->a, idt_schema_get("Company"), id));
  CHECK_OK(idt_entity_add(e, "name", id));
  if (sanctioned)
    CHECK_OK(idt_entity_add(e, "topics", "sanction"));
  CHECK_OK(idt_net_add(t->n, e));
}

static void tn_rel(tnet *t, const char *rid, const char *s, const char *d,
                   const char *end)
{
  idt_entity *e = NULL;
  CHECK_OK(idt_entity_new(&e, &t->a, idt_schema_get("UnknownLink"), rid));
  CHECK_OK(idt_entity_add(e, "subject", s));
  CHECK_OK(idt_entity_add(e, "object", d));
  if (end)
    CHECK_OK(idt_entity_add(e, "endDate", end));
  CHECK_OK(idt_net_add(t->n, e));
}

static int artic(idt_net *n, const char *id)
{
  uint32_t v;
  CHECK_OK(idt_net_find(n, id, &v));
  return (n->flags[v] & NODE_ARTIC) != 0;
}

/* Two triangles joined at c, c-d a bridge, d-e a tail; x-y apart with a
 * parallel edge; a self-loop on e; an ended edge that would close d-a. */
TEST(known)
{
  static const char *const ids[] = { "a", "b", "c", "f", "g", "d", "e", "x", "y", "z" };
  static const char *const rel[][2] = {
    { "a", "b" }, { "b", "c" }, { "c", "a" }, { "c", "f" }, { "f", "g" }, { "g", "c" },
    { "c", "d" }, { "d", "e" }, { "e", "e" }, { "x", "y" }, { "y", "x" },
  };
  tnet t;
  size_t i;
  char rid[16];
  tn_init(&t);
  for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
    tn_node(&t, ids[i], i == 0);
  for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
    snprintf(rid, sizeof rid, "r%zu", i);
    tn_rel(&t, rid, rel[i][0], rel[i][1], NULL);
  }
  tn_rel(&t, "ended", "d", "a", "2020-01-01");
  CHECK_OK(idt_net_finish(t.n));
  CHECK_INT(keynodes_match(t.n, "known"), 2);
  CHECK(artic(t.n, "c") && artic(t.n, "d"));
  CHECK(!artic(t.n, "a") && !artic(t.n, "e") && !artic(t.n, "x") && !artic(t.n, "z"));
  /* through idt_net_compute: communities are components above the cap */
  {
    idt_net_compute_opts o = IDT_NET_COMPUTE_OPTS_INIT;
    idt_net_exposure x, y;
    o.community_max_edges = 1;
    CHECK_OK(idt_net_compute(t.n, &o));
    CHECK_OK(idt_net_exposure_get(t.n, "a", &x));
    CHECK_OK(idt_net_exposure_get(t.n, "e", &y));
    CHECK(x.community == y.community && !x.articulation);
    CHECK_OK(idt_net_exposure_get(t.n, "x", &y));
    CHECK(x.community != y.community);
    CHECK_OK(idt_net_exposure_get(t.n, "d", &y));
    CHECK(y.articulation);
  }
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

/* Exact betweenness (graphs up to 2,000 nodes: every source, no cutoff)
 * from idt_net_compute against igraph_betweenness on the active non-loop
 * edges, parallels counted as igraph counts them. */
static void betweenness_match(idt_net *n, const char *what)
{
  idt_net_compute_opts o = IDT_NET_COMPUTE_OPTS_INIT;
  igraph_vector_int_t ev;
  igraph_vector_t res;
  igraph_t g;
  uint64_t e, k = 0;
  uint32_t v;
  double worst = 0, top = 0;
  CHECK_OK(idt_net_compute(n, &o));
  CHECK_OK(igraph_vector_int_init(&ev, (igraph_integer_t)(2 * n->m)));
  for (e = 0; e < n->m; e++)
    if (!(n->eflags[e] & EDGE_ENDED) && n->src[e] != n->dst[e]) {
      VECTOR(ev)[2 * k] = n->src[e];
      VECTOR(ev)[2 * k++ + 1] = n->dst[e];
    }
  igraph_vector_int_resize(&ev, (igraph_integer_t)(2 * k));
  CHECK_OK(igraph_create(&g, &ev, n->n, IGRAPH_UNDIRECTED));
  CHECK_OK(igraph_vector_init(&res, 0));
  CHECK_OK(igraph_betweenness(&g, &res, igraph_vss_all(), 0, NULL));
  for (v = 0; v < n->n; v++) {
    double d = fabs(n->betw[v] - VECTOR(res)[v]);
    worst = d > worst ? d : worst;
    top = VECTOR(res)[v] > top ? VECTOR(res)[v] : top;
  }
  tap_diag("%s: betweenness max %.1f, largest difference from igraph %.2e", what, top,
           worst);
  CHECK(top > 0);
  CHECK(worst <= 1e-9 * (1 + top));
  igraph_vector_destroy(&res);
  igraph_destroy(&g);
  igraph_vector_int_destroy(&ev);
}

static void random_graph(uint64_t seed, long nodes, long rels, long min_ap)
{
  tnet t;
  long i;
  char id[32], s[32], d[32];
  rng = seed;
  tn_init(&t);
  for (i = 0; i < nodes; i++) {
    snprintf(id, sizeof id, "c%ld", i);
    tn_node(&t, id, rnd() % 100 == 0);
  }
  for (i = 0; i < rels; i++) {
    long x = (long)(rnd() % (uint64_t)nodes);
    long y = rnd() % 10 == 0 ? x : (long)(rnd() % (uint64_t)nodes);   /* loops */
    snprintf(id, sizeof id, "r%ld", i);
    snprintf(s, sizeof s, "c%ld", x);
    snprintf(d, sizeof d, "c%ld", y);
    tn_rel(&t, id, s, d, rnd() % 20 == 0 ? "2019-05-01" : NULL);
  }
  CHECK_OK(idt_net_finish(t.n));
  snprintf(id, sizeof id, "random %ld/%ld", nodes, rels);
  CHECK(keynodes_match(t.n, id) >= min_ap);
  if (nodes <= 2000)
    betweenness_match(t.n, id);
  tn_free(&t);
}

/* Around the giant-component threshold (m = n/2) articulation points are
 * many; sparse and dense both have some at these sizes. */
TEST(random_small) { for (int s = 1; s <= 20; s++) random_graph((uint64_t)s, 40, 40, 0); }
TEST(random_threshold) { random_graph(101, 5000, 2600, 100); }
TEST(random_sparse) { random_graph(102, 5000, 5000, 100); }
TEST(random_dense) { random_graph(103, 3000, 15000, 1); }
TEST(random_exact) { random_graph(104, 2000, 3000, 1); }

/* A path of 200,000 nodes: every inner node is an articulation point. */
TEST(long_path)
{
  tnet t;
  long i, nn = 200000;
  char id[32], s[32], d[32];
  tn_init(&t);
  for (i = 0; i < nn; i++) {
    snprintf(id, sizeof id, "p%ld", i);
    tn_node(&t, id, i == 0);
  }
  for (i = 1; i < nn; i++) {
    snprintf(id, sizeof id, "e%ld", i);
    snprintf(s, sizeof s, "p%ld", i - 1);
    snprintf(d, sizeof d, "p%ld", i);
    tn_rel(&t, id, s, d, NULL);
  }
  CHECK_OK(idt_net_finish(t.n));
  CHECK_INT(keynodes_match(t.n, "path"), nn - 2);
  tn_free(&t);
}

int main(void)
{
  RUN(known);
  RUN(random_small);
  RUN(random_threshold);
  RUN(random_sparse);
  RUN(random_dense);
  RUN(random_exact);
  RUN(long_path);
  return tap_done();
}
