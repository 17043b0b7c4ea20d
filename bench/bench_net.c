/*
 * bench_net.c - network exposure on a generated graph, beside igraph's
 * personalized PageRank alone on the same graph in the same run.
 *
 *   bench_net [nodes [relations [seeds_per_mille]]]   (default 1000000 5000000 1)
 *
 * The graph: Company entities, relations drawn uniformly at random (an
 * Erdos-Renyi multigraph like the reference igraph_bench_2core.txt), 60%
 * Ownership with a random stake (a tenth of them banded "25-50%", a
 * twentieth missing), 15% Directorship, 15% Payment, 10% Associate; 0.1%
 * of entities designated through Sanction entities. Everything enters
 * through idt_net_add as entities, as it would from the store.
 *
 * Phases, each as wall / CPU seconds (the machine is shared; CPU time is
 * what the work costs an idle core): generation alone (the same entities
 * made and dropped, to separate the generator's snprintf and model cost
 * from ours), build (entities in through idt_net_add, finish), exposure
 * (idt_net_compute without key nodes: 50% + EU + look-through fixpoints,
 * hops BFS, our personalized PageRank, ranking) with its phases, build +
 * exposure, the full exposure with key nodes (articulation points and
 * components on our CSR, sampled betweenness) with its peak RSS, and igraph alone on the same graph in
 * the same run: igraph_create + personalized PageRank (PRPACK), unweighted
 * and with our weights, with how far our PPR is from PRPACK's (largest
 * difference after scaling, Spearman's rank correlation). Peak RSS from
 * getrusage after the build, after exposure (before the igraph-alone copy
 * exists) and at the end. -x adds the explanation text of every entity.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <igraph.h>
#include "interdict/net.h"
#include "graph/net_int.h"
#include "common/arena.h"
#include "../tests/xorshift.h"

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Process CPU time: the machine is shared, and under load wall time
 * measures the neighbours; everything here is single-threaded, so CPU time
 * is what the same work takes on an idle core. Both are printed. */
static double cpu(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
  return xorshift64(&rng_state);
}

static long peak_kb(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static int die(const char *what)
{
  fprintf(stderr, "bench_net: %s: %s\n", what, idt_error_msg());
  return 1;
}

/* The generator feeds `sink`; a NULL net only makes and drops entities. */
static int add(idt_net *n, idt_entity *e)
{
  return n ? idt_net_add(n, e) : 0;
}

static int build(idt_net *n, long nodes, long rels, long seeds)
{
  idt_arena a;
  long i;
  char id[32], s[32], d[32], pct[16];
  static const char *const sch[] = { "Ownership", "Directorship", "Payment", "Associate" };
  static const char *const sp[] = { "owner", "director", "payer", "person" };
  static const char *const dp[] = { "asset", "organization", "beneficiary", "associate" };
  idt_arena_init(&a);
  for (i = 0; i < nodes; i++) {
    idt_entity *e;
    snprintf(id, sizeof id, "c%ld", i);
    if (idt_entity_new(&e, &a, idt_schema_get("Company"), id) ||
        idt_entity_add(e, "name", id) || add(n, e))
      return -1;
    if ((i & 8191) == 8191) {
      idt_arena_free(&a);
      idt_arena_init(&a);
    }
  }
  for (i = 0; i < rels; i++) {
    idt_entity *e;
    uint64_t r = rnd() % 100;
    int t = r < 60 ? 0 : r < 75 ? 1 : r < 90 ? 2 : 3;
    long x = (long)(rnd() % (uint64_t)nodes), y = (long)(rnd() % (uint64_t)nodes);
    /* Associate is Person-Person in FtM; here any two legal entities */
    snprintf(id, sizeof id, "r%ld", i);
    snprintf(s, sizeof s, "c%ld", x);
    snprintf(d, sizeof d, "c%ld", y);
    if (idt_entity_new(&e, &a, idt_schema_get(sch[t]), id))
      return -1;
    if (t == 3) {   /* schema range is checked by the model, not here */
      if (idt_entity_add(e, "person", s) || idt_entity_add(e, "associate", d))
        return -1;
    } else if (idt_entity_add(e, sp[t], s) || idt_entity_add(e, dp[t], d))
      return -1;
    if (t == 0) {
      uint64_t q = rnd() % 20;
      if (q == 0)
        pct[0] = 0;
      else if (q < 3)
        snprintf(pct, sizeof pct, "25-50%%");
      else
        snprintf(pct, sizeof pct, "%d%%", (int)(rnd() % 100) + 1);
      if (pct[0] && idt_entity_add(e, "percentage", pct))
        return -1;
    }
    if (add(n, e))
      return -1;
    if ((i & 8191) == 8191) {
      idt_arena_free(&a);
      idt_arena_init(&a);
    }
  }
  for (i = 0; i < seeds; i++) {
    idt_entity *e;
    snprintf(id, sizeof id, "s%ld", i);
    snprintf(s, sizeof s, "c%ld", (long)(rnd() % (uint64_t)nodes));
    if (idt_entity_new(&e, &a, idt_schema_get("Sanction"), id) ||
        idt_entity_add(e, "entity", s) || idt_entity_add(e, "program", "BENCH") ||
        add(n, e))
      return -1;
  }
  idt_arena_free(&a);
  return n ? idt_net_finish(n) : 0;
}

typedef struct tick { double w, c; } tick;
static tick tnow(void)
{
  tick t = { now(), cpu() };
  return t;
}
static tick since(tick a)
{
  tick b = tnow();
  b.w -= a.w;
  b.c -= a.c;
  return b;
}

/* igraph alone: the same edges and seeds, create + personalized PageRank,
 * unweighted (the plain reference) and with our weights and the active
 * edges only (the same walk as ours: agreement is measured on that one). */
static int igraph_alone(const idt_net *n, tick *t_create, tick *t_ppr, tick *t_wppr,
                        double *ours)
{
  igraph_t g;
  igraph_vector_int_t ev;
  igraph_vector_t reset, res;
  igraph_real_t value;
  double *ref, diff, rho;
  uint64_t e;
  uint32_t v;
  tick t0 = tnow();
  igraph_vector_int_init(&ev, (igraph_integer_t)(2 * n->m));
  for (e = 0; e < n->m; e++) {
    VECTOR(ev)[2 * e] = n->src[e];
    VECTOR(ev)[2 * e + 1] = n->dst[e];
  }
  if (igraph_create(&g, &ev, n->n, IGRAPH_UNDIRECTED))
    return -1;
  igraph_vector_int_destroy(&ev);
  igraph_vector_init(&reset, n->n);
  igraph_vector_init(&res, 0);
  for (v = 0; v < n->n; v++)
    VECTOR(reset)[v] = (n->flags[v] & NODE_DESIGNATED) ? 1.0 : 0.0;
  *t_create = since(t0);
  t0 = tnow();
  if (igraph_personalized_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value,
                                   igraph_vss_all(), 0, 0.85, &reset, NULL, NULL))
    return -1;
  *t_ppr = since(t0);
  igraph_vector_destroy(&res);
  igraph_vector_destroy(&reset);
  igraph_destroy(&g);
  /* the weighted walk over active edges, through the library's reference */
  if (!(ref = malloc(((size_t)n->n + 1) * sizeof *ref)))
    return -1;
  t0 = tnow();
  if (idt__net_ppr_igraph(n, 0.85, ref))
    return -1;
  *t_wppr = since(t0);
  if (idt__net_ppr_agree(n, ours, ref, &diff, &rho))
    return -1;
  printf("ours vs PRPACK (same weights): max |diff| of scaled risk %.2e, Spearman %.9f\n",
         diff, rho);
  free(ref);
  return 0;
}

#define T(x) (x).w, (x).c

int main(int argc, char **argv)
{
  int explain = argc > 1 && strcmp(argv[1], "-x") == 0;
  long nodes = argc > 1 + explain ? strtol(argv[1 + explain], NULL, 10) : 1000000;
  long rels = argc > 2 + explain ? strtol(argv[2 + explain], NULL, 10) : 5000000;
  long permille = argc > 3 + explain ? strtol(argv[3 + explain], NULL, 10) : 1;
  idt_net *n;
  idt_net_stats st;
  idt_net_compute_opts o = IDT_NET_COMPUTE_OPTS_INIT;
  tick t0, t_gen, t_build, t_exp, t_key, t_icreate, t_ippr, t_iwppr, t1, t2, t3, t4, t5;
  double la[3], *ours;
  uint32_t *order;
  size_t cnt;
  long rss_build, rss_exp, rss_key;
  if (nodes < 2 || rels < 1)
    return fprintf(stderr, "usage: bench_net [-x] [nodes [relations [seeds_per_mille]]]\n"), 2;
  if (getloadavg(la, 3) == 3)
    printf("load average at start: %.2f %.2f %.2f (2 cores); times: wall s / CPU s\n",
           la[0], la[1], la[2]);
  t0 = tnow();
  if (build(NULL, nodes, rels, nodes * permille / 1000))
    return die("generate");
  t_gen = since(t0);
  rng_state = 88172645463325252ULL;   /* the same graph again, into the net */
  if (idt_net_new(&n, NULL))
    return die("new");
  t0 = tnow();
  if (build(n, nodes, rels, nodes * permille / 1000))
    return die("build");
  t_build = since(t0);
  rss_build = peak_kb() / 1024;
  idt_net_stats_get(n, &st);
  printf("graph: %u nodes, %llu edges, %u designated, %llu pct unknown\n", st.nodes,
         (unsigned long long)st.edges, st.designated, (unsigned long long)st.pct_unknown);
  printf("generation alone (snprintf + idt_entity_new/add, dropped): %.3f / %.3f\n",
         T(t_gen));
  printf("BUILD (the same entities through idt_net_add, finish): %.3f / %.3f, "
         "net of generation %.3f / %.3f, peak RSS %ld MB\n", T(t_build),
         t_build.w - t_gen.w, t_build.c - t_gen.c, rss_build);

  o.key_nodes = 0;
  t0 = tnow();
  if (idt_net_compute(n, &o))
    return die("compute");
  t_exp = since(t0);
  rss_exp = peak_kb() / 1024;
  idt_net_stats_get(n, &st);
  printf("EXPOSURE (50%% certain+possible, EU control, look-through, hops+paths, PPR "
         "risk, ranking): %.3f / %.3f, %u PPR sweeps, peak RSS %ld MB\n", T(t_exp),
         n->ppr_sweeps, rss_exp);
  printf("  blocked %u, possibly %u, eu-controlled %u, look-through rounds %u\n",
         st.blocked_50, st.possibly_blocked_50, st.eu_controlled, st.lookthrough_rounds);
  printf("BUILD + EXPOSURE: %.3f / %.3f\n", t_build.w + t_exp.w, t_build.c + t_exp.c);
  if (!(ours = malloc(((size_t)n->n + 1) * sizeof *ours)))
    return die("memory");
  t1 = tnow();
  idt__net_ownership(n);
  t2 = since(t1);
  t1 = tnow();
  idt__net_hops(n, IDT_NET_ALL);
  t3 = since(t1);
  t1 = tnow();
  if (idt__net_ppr(n, 0.85, ours) < 0)
    return die("ppr");
  t4 = since(t1);
  t1 = tnow();
  if (idt_net_ranking(n, &order, &cnt))
    return die("ranking");
  free(order);
  t5 = since(t1);
  printf("phases (a second run): 50%%+EU+look-through %.3f / %.3f, hops BFS %.3f / %.3f, "
         "PPR (CSR + sweeps) %.3f / %.3f, ranking sort %.3f / %.3f\n", T(t2), T(t3),
         T(t4), T(t5));

  o.key_nodes = 1;
  t0 = tnow();
  if (idt_net_compute(n, &o))
    return die("compute with key nodes");
  t_key = since(t0);
  rss_key = peak_kb() / 1024;
  printf("FULL EXPOSURE incl. key nodes (all of the above + articulation points and "
         "components by DFS on our CSR, betweenness from 256 designated sources within "
         "3 hops; communities = components above 250k edges): %.3f / %.3f, peak RSS "
         "%ld MB\n", T(t_key), rss_key);
  printf("BUILD + FULL EXPOSURE: %.3f / %.3f\n", t_build.w + t_key.w, t_build.c + t_key.c);
  t1 = tnow();
  if (idt__net_artic(n, n->community) < 0)
    return die("articulation");
  t2 = since(t1);
  printf("key-node phase (a second run): articulation points + components %.3f / %.3f; "
         "betweenness = full - exposure (no separate entry point)\n", T(t2));
  if (explain) {
    uint32_t v;
    idt_net_exposure x;
    size_t chars = 0;
    t0 = tnow();
    for (v = 0; v < idt_net_count(n); v++)
      if (idt_net_exposure_at(n, v, &x) == 0)
        chars += strlen(x.path);
    t0 = since(t0);
    printf("explanations for every entity (chains/paths as text): %.3f / %.3f, %zu MB\n",
           T(t0), chars >> 20);
  }
  if (igraph_alone(n, &t_icreate, &t_ippr, &t_iwppr, ours))
    return die("igraph");
  printf("IGRAPH ALONE: create %.3f / %.3f, personalized PageRank (PRPACK) %.3f / %.3f; "
         "with our weights (create + PPR) %.3f / %.3f\n", T(t_icreate), T(t_ippr),
         T(t_iwppr));
  printf("RATIO exposure / igraph PPR alone: wall %.2f, CPU %.2f; exposure / igraph "
         "create+PPR: wall %.2f, CPU %.2f; exposure+key nodes / igraph create+PPR: "
         "wall %.2f, CPU %.2f\n", t_exp.w / t_ippr.w, t_exp.c / t_ippr.c,
         t_exp.w / (t_icreate.w + t_ippr.w), t_exp.c / (t_icreate.c + t_ippr.c),
         t_key.w / (t_icreate.w + t_ippr.w), t_key.c / (t_icreate.c + t_ippr.c));
  printf("peak RSS: after build %ld MB, after exposure %ld MB, at the end (with key "
         "nodes and the igraph-alone copies) %ld MB\n", rss_build, rss_exp,
         peak_kb() / 1024);
  free(ours);
  idt_net_free(n);
  return 0;
}
