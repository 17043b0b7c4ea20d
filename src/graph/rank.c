/*
 * rank.c - risk by personalized PageRank, and key-node measures.
 *
 * Hop distance alone is weak in dense graphs (DOMAIN.md 5: half of a 20k
 * AMLSim graph is one hop from a seed); personalized PageRank seeded on the
 * designated entities spreads risk by how many and how strong the paths are.
 * It is solved on our own CSR (ppr.c); igraph's PRPACK on the same walk is
 * kept here as the reference the tests and the bench compare with. The
 * graph is taken as undirected: risk flows from a sanctioned subsidiary to
 * its parent as much as the other way. Edge weights by type (below),
 * ownership scaled by the stake, pivots by specificity (build.c). Scores
 * are scaled so the riskiest undesignated entity is 1.
 *
 * Key nodes: articulation points and connected components by an iterative
 * Hopcroft-Tarjan DFS on our CSR (keynode.c, linear; igraph's copy of the
 * 1M/5M graph cost ~10 s CPU before); communities by Louvain
 * (igraph_community_multilevel, on an igraph copy) up to
 * community_max_edges, above that the connected component (Leiden/Louvain
 * take 40 s at 1M/5M); and a
 * betweenness estimated by Brandes' accumulation from sampled sources, the
 * sources being the designated entities when there are any: it counts the
 * shortest paths out of designated entities that run through a node, which
 * is what "key node of a sanctions network" means for an investigator
 * (C4ADS's Dandong Hongxiang) and costs k BFS instead of n. Exact (all
 * sources) up to 2000 nodes. igraph's exact betweenness was rejected: O(nm),
 * one full BFS per node (20k at AMLSim size, 1M at bench size).
 *
 * igraph is not thread-safe (Debian build): Louvain and the references run
 * on the caller's thread and set igraph's error handler to "ignore" (return codes, no abort) for
 * the duration of the call.
 */
#include <string.h>
#include <stdlib.h>
#include <igraph.h>
#include "graph/net_int.h"

float idt__net_weight(const idt_net *n, uint64_t e)
{
  static const float tw[IDT_NET_NTYPES] = {
    [IDT_NET_OWNERSHIP] = 1.0f, [IDT_NET_DIRECTORSHIP] = 0.8f,
    [IDT_NET_FAMILY] = 0.6f, [IDT_NET_ASSOCIATE] = 0.6f,
    [IDT_NET_MEMBERSHIP] = 0.4f, [IDT_NET_EMPLOYMENT] = 0.5f,
    [IDT_NET_REPRESENTATION] = 0.6f, [IDT_NET_UNKNOWN_LINK] = 0.5f,
    [IDT_NET_PAYMENT] = 1.0f, [IDT_NET_SUCCESSION] = 0.9f,
    [IDT_NET_REF_OWNER] = 0.9f, [IDT_NET_REF_OPERATOR] = 0.7f,
    [IDT_NET_REF_PARENT] = 0.9f,
  };
  int t = n->type[e];
  if (t >= IDT_NET_PIVOT_ID)
    return n->w[e];
  if (t == IDT_NET_OWNERSHIP)   /* 0.3 for a token stake .. 1.0 for 100% */
    return 0.3f + 0.7f * (n->lo[e] + n->hi[e]) / 200.0f;
  return tw[t];
}

static int ig_fail(igraph_error_t err, const char *what)
{
  return idt_error_set(err == IGRAPH_ENOMEM ? IDT_ENOMEM : IDT_EINVAL,
                       "net: igraph %s: %s", what, igraph_strerror(err));
}

/* Undirected igraph of the active, non-loop edges with their weights. */
static int to_igraph(const idt_net *n, igraph_t *g, igraph_vector_t *w)
{
  igraph_vector_int_t ev;
  uint64_t e, k = 0;
  igraph_error_t err;
  if ((err = igraph_vector_int_init(&ev, (igraph_integer_t)(2 * n->m))))
    return ig_fail(err, "edges");
  if ((err = igraph_vector_init(w, (igraph_integer_t)n->m))) {
    igraph_vector_int_destroy(&ev);
    return ig_fail(err, "weights");
  }
  for (e = 0; e < n->m; e++) {
    if ((n->eflags[e] & EDGE_ENDED) || n->src[e] == n->dst[e])
      continue;
    VECTOR(ev)[2 * k] = n->src[e];
    VECTOR(ev)[2 * k + 1] = n->dst[e];
    VECTOR(*w)[k++] = idt__net_weight(n, e);
  }
  igraph_vector_int_resize(&ev, (igraph_integer_t)(2 * k));
  igraph_vector_resize(w, (igraph_integer_t)k);
  err = igraph_create(g, &ev, n->n, IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy(&ev);
  if (err) {
    igraph_vector_destroy(w);
    return ig_fail(err, "create");
  }
  return 0;
}

/* Sorted as contiguous (risk, node) pairs: an indirect comparator reading
 * risk[] through the index costs a cache miss per comparison at 1M nodes. */
typedef struct rank_pair { double r; uint32_t v; } rank_pair;
static const idt_net *rank_net;
static int cmp_risk(const void *a, const void *b)
{
  const rank_pair *x = a, *y = b;
  if (x->r != y->r)
    return x->r > y->r ? -1 : 1;
  return strcmp(rank_net->id[x->v], rank_net->id[y->v]);
}

int idt_net_ranking(const idt_net *n, uint32_t **order, size_t *count)
{
  rank_pair *p;
  uint32_t *o, v, k = 0, i;
  *order = NULL;
  *count = 0;
  if (!n->risk)
    return idt_error_set(IDT_EINVAL, "net: ranking before compute");
  if (!(o = idt_malloc(((size_t)n->n + 1) * 4)))
    return IDT_ENOMEM;
  if (!(p = idt_malloc(((size_t)n->n + 1) * sizeof *p))) {
    idt_free(o);
    return IDT_ENOMEM;
  }
  for (v = 0; v < n->n; v++)
    if (!(n->flags[v] & NODE_DESIGNATED)) {
      p[k].r = n->risk[v];
      p[k++].v = v;
    }
  rank_net = n;
  qsort(p, k, sizeof *p, cmp_risk);
  for (i = 0; i < k; i++)
    o[i] = p[i].v;
  idt_free(p);
  *order = o;
  *count = k;
  return 0;
}

/* Scale so the riskiest undesignated entity scores 1, then rank. */
static int scale_and_rank(idt_net *n)
{
  uint32_t v, *order = NULL;
  size_t k, i;
  double mx = 0;
  int rc;
  for (v = 0; v < n->n; v++)
    n->rank[v] = 0;
  if (!n->st.designated || !n->n)
    return 0;   /* no seed: no risk and no ranking, as before */
  for (v = 0; v < n->n; v++) {
    if (!(n->flags[v] & NODE_DESIGNATED) && n->risk[v] > mx)
      mx = n->risk[v];
  }
  for (v = 0; v < n->n; v++)
    n->risk[v] = mx > 0 ? n->risk[v] / mx : 0;
  if ((rc = idt_net_ranking(n, &order, &k)))
    return rc;
  for (i = 0; i < k; i++)
    n->rank[order[i]] = (uint32_t)(i + 1);
  idt_free(order);
  return 0;
}

/* igraph's PRPACK on the same walk (reference for tests and the bench):
 * x gets the unscaled vector. */
int idt__net_ppr_igraph(const idt_net *n, double damping, double *x)
{
  igraph_t g;
  igraph_vector_t w, reset, res;
  igraph_real_t value;
  igraph_error_handler_t *old;
  igraph_error_t err;
  uint32_t v;
  int rc;
  if (!n->st.designated) {
    memset(x, 0, (size_t)n->n * sizeof *x);
    return 0;
  }
  old = igraph_set_error_handler(igraph_error_handler_ignore);
  if ((rc = to_igraph(n, &g, &w)))
    goto restore;
  if ((err = igraph_vector_init(&reset, n->n))) {
    rc = ig_fail(err, "vectors");
    goto graph;
  }
  if ((err = igraph_vector_init(&res, 0))) {
    rc = ig_fail(err, "vectors");
    goto reset;
  }
  for (v = 0; v < n->n; v++)
    VECTOR(reset)[v] = (n->flags[v] & NODE_DESIGNATED) ? 1.0 : 0.0;
  err = igraph_personalized_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &res,
                                     &value, igraph_vss_all(), 0, damping,
                                     &reset, igraph_vector_size(&w) ? &w : NULL,
                                     NULL);
  if (err)
    rc = ig_fail(err, "personalized PageRank");
  for (v = 0; !rc && v < n->n; v++)
    x[v] = VECTOR(res)[v];
  igraph_vector_destroy(&res);
reset:
  igraph_vector_destroy(&reset);
graph:
  igraph_vector_destroy(&w);
  igraph_destroy(&g);
restore:
  igraph_set_error_handler(old);
  return rc;
}

/* A CSR entry Brandes walks: of a type in mask, not ended, not a loop
 * (read from the entry's kind byte, not the edge arrays). */
static int usable(uint8_t k, uint32_t mask)
{
  return (mask & IDT_NET_BIT(k & KIND_TYPE)) && !(k & (KIND_ENDED | KIND_LOOP));
}

/* Brandes' dependency accumulation from one source (unweighted), paths of
 * at most cutoff hops (cutoff < 0: all). Touches only what it reaches and
 * resets only that, so a bounded search costs its neighbourhood, not n. */
static uint32_t brandes_one(const idt_net *n, uint32_t s, uint32_t mask,
                            int32_t cutoff, int32_t *dist, double *sigma,
                            double *delta, uint32_t *stack, double *bc)
{
  uint32_t top = 0, head = 0, i, dir, reached;
  stack[top++] = s;
  dist[s] = 0;
  sigma[s] = 1;
  while (head < top) {
    uint32_t u = stack[head++];
    if (cutoff >= 0 && dist[u] >= cutoff)
      continue;
    for (dir = 0; dir < 2; dir++) {
      const uint32_t *off = dir ? n->in_off : n->out_off;
      const uint32_t *nb = dir ? n->in_nbr : n->out_nbr;
      const uint8_t *kd = dir ? n->in_kind : n->out_kind;
      for (i = off[u]; i < off[u + 1]; i++) {
        uint32_t x = nb[i];
        if (!usable(kd[i], mask))
          continue;
        if (dist[x] < 0) {
          dist[x] = dist[u] + 1;
          stack[top++] = x;
        }
        if (dist[x] == dist[u] + 1)
          sigma[x] += sigma[u];
      }
    }
  }
  reached = top;
  while (top > 0) {
    uint32_t x = stack[--top];
    for (dir = 0; dir < 2 && dist[x] > 0; dir++) {
      const uint32_t *off = dir ? n->in_off : n->out_off;
      const uint32_t *nb = dir ? n->in_nbr : n->out_nbr;
      const uint8_t *kd = dir ? n->in_kind : n->out_kind;
      for (i = off[x]; i < off[x + 1]; i++) {
        uint32_t u = nb[i];
        if (!usable(kd[i], mask))
          continue;
        if (dist[u] >= 0 && dist[u] == dist[x] - 1)
          delta[u] += sigma[u] / sigma[x] * (1.0 + delta[x]);
      }
    }
    if (x != s)
      bc[x] += delta[x];
  }
  return reached;
}

static int betweenness(idt_net *n, const idt_net_compute_opts *o)
{
  int32_t *dist = idt_malloc(((size_t)n->n + 1) * 4);
  double *sigma = idt_malloc(((size_t)n->n + 1) * 8);
  double *delta = idt_malloc(((size_t)n->n + 1) * 8);
  uint32_t *stack = idt_malloc(((size_t)n->n + 1) * 4);
  uint32_t *src = idt_malloc(((size_t)n->n + 1) * 4);
  uint32_t v, ns = 0, k, i;
  int exact = n->n <= 2000 || !n->st.designated;
  int32_t cutoff = exact && n->n <= 2000 ? -1 :
                   (int32_t)(o->betweenness_cutoff ? o->betweenness_cutoff : 3);
  double scale;
  int rc = 0;
  if (!dist || !sigma || !delta || !stack || !src) {
    rc = IDT_ENOMEM;
    goto out;
  }
  for (v = 0; v < n->n; v++)
    if (exact || (n->flags[v] & NODE_DESIGNATED))
      src[ns++] = v;
  k = n->n <= 2000 ? ns : (o->betweenness_samples ? o->betweenness_samples : 256);
  if (k > ns)
    k = ns;
  scale = k ? (double)ns / (double)k : 0;
  for (v = 0; v < n->n; v++)
    n->betw[v] = 0, dist[v] = -1, sigma[v] = 0, delta[v] = 0;
  for (i = 0; i < k; i++) {
    /* evenly strided over the source list: deterministic */
    uint32_t s = src[(uint32_t)((uint64_t)i * ns / k)], j, r;
    r = brandes_one(n, s, o->path_mask, cutoff, dist, sigma, delta, stack, n->betw);
    /* the stack still holds every node reached (popped, not cleared) */
    for (j = 0; j < r; j++)
      dist[stack[j]] = -1, sigma[stack[j]] = 0, delta[stack[j]] = 0;
  }
  for (v = 0; v < n->n; v++)
    n->betw[v] *= scale / 2.0;   /* undirected: each pair counted twice */
out:
  idt_free(dist); idt_free(sigma); idt_free(delta); idt_free(stack);
  idt_free(src);
  return rc;
}

/* Louvain over igraph's copy of the graph, for graphs up to
 * community_max_edges (the copy and Louvain are bounded by that size). */
static int louvain(idt_net *n)
{
  igraph_t g;
  igraph_vector_t w;
  igraph_vector_int_t memb;
  igraph_error_t err;
  uint32_t v;
  int rc;
  if ((rc = to_igraph(n, &g, &w)))
    return rc;
  if ((err = igraph_vector_int_init(&memb, 0)))
    rc = ig_fail(err, "vectors");
  else {
    err = igraph_community_multilevel(&g, igraph_vector_size(&w) ? &w : NULL,
                                      1.0, &memb, NULL, NULL);
    /* on failure the components (already in community[]) stand */
    for (v = 0; !err && v < n->n; v++)
      n->community[v] = (int32_t)VECTOR(memb)[v];
    igraph_vector_int_destroy(&memb);
  }
  igraph_vector_destroy(&w);
  igraph_destroy(&g);
  return rc;
}

static int key_nodes(idt_net *n, const idt_net_compute_opts *o)
{
  uint64_t maxe = o->community_max_edges ? o->community_max_edges : 250000;
  igraph_error_handler_t *old;
  int rc;
  if ((rc = betweenness(n, o)))
    return rc;
  if ((rc = idt__net_artic(n, n->community)) < 0)   /* keynode.c */
    return rc;
  if (n->m > maxe)
    return 0;
  old = igraph_set_error_handler(igraph_error_handler_ignore);
  rc = louvain(n);
  igraph_set_error_handler(old);
  return rc;
}

/* igraph's articulation points and weak components of the same undirected
 * view: the reference keynode.c is tested against. */
int idt__net_keynodes_igraph(const idt_net *n, uint8_t *artic, int32_t *comp)
{
  igraph_t g;
  igraph_vector_t w;
  igraph_vector_int_t memb, ap;
  igraph_error_handler_t *old;
  igraph_error_t err;
  igraph_integer_t i;
  uint32_t v;
  int rc;
  old = igraph_set_error_handler(igraph_error_handler_ignore);
  if ((rc = to_igraph(n, &g, &w)))
    goto restore;
  if ((err = igraph_vector_int_init(&memb, 0))) {
    rc = ig_fail(err, "vectors");
    goto graph;
  }
  if ((err = igraph_vector_int_init(&ap, 0))) {
    rc = ig_fail(err, "vectors");
    goto memb;
  }
  if ((err = igraph_articulation_points(&g, &ap)) ||
      (err = igraph_connected_components(&g, &memb, NULL, NULL, IGRAPH_WEAK)))
    rc = ig_fail(err, "articulation points / components");
  memset(artic, 0, n->n);
  for (i = 0; !rc && i < igraph_vector_int_size(&ap); i++)
    artic[VECTOR(ap)[i]] = 1;
  for (v = 0; !rc && v < n->n; v++)
    comp[v] = (int32_t)VECTOR(memb)[v];
  igraph_vector_int_destroy(&ap);
memb:
  igraph_vector_int_destroy(&memb);
graph:
  igraph_vector_destroy(&w);
  igraph_destroy(&g);
restore:
  igraph_set_error_handler(old);
  return rc;
}

/* PageRank on our CSR (ppr.c); key nodes on the CSR too (keynode.c), igraph
 * only for Louvain on graphs up to community_max_edges. */
int idt__net_rank(idt_net *n, const idt_net_compute_opts *o)
{
  int rc;
  size_t nn = (size_t)n->n + 1;
  if ((!n->risk && !(n->risk = idt_malloc(nn * sizeof(double)))) ||
      (!n->rank && !(n->rank = idt_malloc(nn * 4))))
    return IDT_ENOMEM;
  if (o->key_nodes &&
      ((!n->community && !(n->community = idt_malloc(nn * 4))) ||
       (!n->betw && !(n->betw = idt_malloc(nn * 8)))))
    return IDT_ENOMEM;
  if ((rc = idt__net_ppr(n, o->damping, n->risk)) < 0)
    return rc;
  n->ppr_sweeps = (uint32_t)rc;
  if ((rc = scale_and_rank(n)) || !o->key_nodes)
    return rc;
  return key_nodes(n, o);
}
