/*
 * keynode.c - articulation points and connected components on our CSR.
 *
 * The undirected view of the active relations (ended relations and
 * self-loops dropped, every type, parallel edges kept: they change neither
 * measure) is walked by one iterative Hopcroft-Tarjan depth-first search:
 * an explicit stack and a per-node cursor into its out- then in-entries,
 * so a 1M-node path does not overflow the C stack. A node u is an
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

typedef struct dfs_ws {
  uint32_t *disc, *low, *cur, *pe, *stack;
} dfs_ws;

static void ws_free(dfs_ws *w)
{
  idt_free(w->disc); idt_free(w->low); idt_free(w->cur); idt_free(w->pe);
  idt_free(w->stack);
}

static int ws_alloc(dfs_ws *w, size_t nn)
{
  memset(w, 0, sizeof *w);
  w->disc = idt_calloc(nn, 4);
  w->low = idt_malloc(nn * 4);
  w->cur = idt_calloc(nn, 4);
  w->pe = idt_malloc(nn * 4);
  w->stack = idt_malloc(nn * 4);
  if (w->disc && w->low && w->cur && w->pe && w->stack)
    return 0;
  ws_free(w);
  return IDT_ENOMEM;
}

/* The next usable entry of u after its cursor: 1 with its neighbour and
 * edge, 0 when u's out- and in-entries are used up. */
static int next_entry(const idt_net *n, uint32_t u, uint32_t *cur,
                      uint32_t *x, uint32_t *e)
{
  uint32_t nout = n->out_off[u + 1] - n->out_off[u];
  uint32_t deg = nout + n->in_off[u + 1] - n->in_off[u];
  while (cur[u] < deg) {
    uint32_t i = cur[u]++, j;
    uint8_t k;
    if (i < nout) {
      j = n->out_off[u] + i;
      k = n->out_kind[j], *x = n->out_nbr[j], *e = n->out_e[j];
    } else {
      j = n->in_off[u] + (i - nout);
      k = n->in_kind[j], *x = n->in_nbr[j], *e = n->in_e[j];
    }
    if (!(k & (KIND_ENDED | KIND_LOOP)))
      return 1;
  }
  return 0;
}

/* One DFS tree from root r; *t is the discovery clock. */
static void dfs_tree(idt_net *n, dfs_ws *w, uint32_t r, uint32_t *t,
                     int32_t *comp, int32_t c)
{
  uint32_t sp = 0, kids = 0, u, x, e;
  w->disc[r] = w->low[r] = ++*t;
  w->pe[r] = NET_NONE;
  w->stack[sp++] = r;
  if (comp)
    comp[r] = c;
  while (sp) {
    u = w->stack[sp - 1];
    if (next_entry(n, u, w->cur, &x, &e)) {
      if (e == w->pe[u])
        continue;   /* the tree edge back to the parent (not a parallel) */
      if (!w->disc[x]) {
        w->disc[x] = w->low[x] = ++*t;
        w->pe[x] = e;
        w->stack[sp++] = x;
        if (comp)
          comp[x] = c;
      } else if (w->disc[x] < w->low[u])
        w->low[u] = w->disc[x];
      continue;
    }
    if (--sp == 0)
      break;
    x = w->stack[sp - 1];   /* u's parent */
    if (w->low[u] < w->low[x])
      w->low[x] = w->low[u];
    if (x == r)
      kids++;
    else if (w->low[u] >= w->disc[x])
      n->flags[x] |= NODE_ARTIC;
  }
  if (kids >= 2)
    n->flags[r] |= NODE_ARTIC;
}

int idt__net_artic(idt_net *n, int32_t *comp)
{
  dfs_ws w;
  uint32_t v, t = 0;
  int32_t c = 0;
  if (ws_alloc(&w, (size_t)n->n + 1))
    return IDT_ENOMEM;
  for (v = 0; v < n->n; v++)
    n->flags[v] &= (uint8_t)~NODE_ARTIC;
  for (v = 0; v < n->n; v++)
    if (!w.disc[v])
      dfs_tree(n, &w, v, &t, comp, c++);
  ws_free(&w);
  return (int)c;
}
