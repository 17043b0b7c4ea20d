/*
 * keynode.c - articulation points and connected components on our CSR.
 *
 * The undirected view of the active relations (ended relations and
 * self-loops dropped, every type, parallel edges kept: they change neither
 * measure) is walked by one iterative Hopcroft-Tarjan depth-first search:
 * parent links as the stack and a per-node cursor into its out- then
 * in-entries, so a 1M-node path does not overflow the C stack. A node u is an
 * articulation point when it is a DFS root with two or more tree children,
 * or a non-root with a tree child c whose low point low[c] >= disc[u].
 *
 * Components are numbered as igraph_connected_components numbers them
 * (weak): in the order of their smallest node index, since roots are taken
 * in index order. This replaced igraph_create + igraph_articulation_points
 * + igraph_connected_components, which copied the 1M/5M graph into an
 * indexed edge list (~10 s CPU); igraph's versions stay in rank.c as the
 * reference the tests compare with (idt__net_keynodes_igraph).
 */
#include <string.h>
#include "graph/net_int.h"

/* Per node in one 16-byte record, so the random visit of a neighbour
 * costs one cache line: discovery time (0: unseen), low point, cursor into
 * the node's entries, DFS parent node (NET_NONE at a root). The parent
 * chain is the DFS stack. */
typedef struct dfs_node { uint32_t disc, low, cur, par; } dfs_node;

/* The next usable entry of u after its cursor: 1 with its neighbour, 0
 * when u's out- and in-entries are used up. */
static int next_nbr(const idt_net *n, uint32_t u, dfs_node *d, uint32_t *x)
{
  uint32_t nout = n->out_off[u + 1] - n->out_off[u];
  uint32_t deg = nout + n->in_off[u + 1] - n->in_off[u];
  while (d[u].cur < deg) {
    uint32_t i = d[u].cur++, j;
    uint8_t k;
    if (i < nout) {
      j = n->out_off[u] + i;
      k = n->out_kind[j], *x = n->out_nbr[j];
    } else {
      j = n->in_off[u] + (i - nout);
      k = n->in_kind[j], *x = n->in_nbr[j];
    }
    if (!(k & (KIND_ENDED | KIND_LOOP)))
      return 1;
  }
  return 0;
}

/* One DFS tree from root r; *t is the discovery clock. Every entry back to
 * the parent is skipped, parallels included: a multigraph has the same
 * articulation points as its simple graph (a parallel edge to the parent
 * would only set low[u] = disc[parent], which still passes >=). */
static void dfs_tree(idt_net *n, dfs_node *d, uint32_t r, uint32_t *t,
                     int32_t *comp, int32_t c)
{
  uint32_t kids = 0, u = r, x, p;
  d[r].disc = d[r].low = ++*t;
  d[r].par = NET_NONE;
  if (comp)
    comp[r] = c;
  for (;;) {
    if (next_nbr(n, u, d, &x)) {
      if (x == d[u].par)
        continue;
      if (!d[x].disc) {
        d[x].disc = d[x].low = ++*t;
        d[x].par = u;
        if (comp)
          comp[x] = c;
        u = x;
      } else if (d[x].disc < d[u].low)
        d[u].low = d[x].disc;
      continue;
    }
    if ((p = d[u].par) == NET_NONE)
      break;
    if (d[u].low < d[p].low)
      d[p].low = d[u].low;
    if (p == r)
      kids++;
    else if (d[u].low >= d[p].disc)
      n->flags[p] |= NODE_ARTIC;
    u = p;
  }
  if (kids >= 2)
    n->flags[r] |= NODE_ARTIC;
}

int idt__net_artic(idt_net *n, int32_t *comp)
{
  dfs_node *d = idt_calloc((size_t)n->n + 1, sizeof *d);
  uint32_t v, t = 0;
  int32_t c = 0;
  if (!d)
    return IDT_ENOMEM;
  for (v = 0; v < n->n; v++)
    n->flags[v] &= (uint8_t)~NODE_ARTIC;
  for (v = 0; v < n->n; v++)
    if (!d[v].disc)
      dfs_tree(n, d, v, &t, comp, c++);
  idt_free(d);
  return (int)c;
}
