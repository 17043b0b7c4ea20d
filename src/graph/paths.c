/*
 * paths.c - hop distances, explainable paths and the text of explanations.
 *
 * Hops are a multi-source BFS from every designated node over the chosen
 * edge types, walking relations in either direction (a subsidiary is as
 * close to its sanctioned parent as the parent is to it) and skipping ended
 * ones. The BFS parent edge of each node is kept, so the path to its
 * nearest designated entity is read back in O(hops) without a second search.
 * Ties between equally near designated entities go to the one reached first
 * (lowest node index at each level), which makes output deterministic.
 */
#include <string.h>
#include <stdlib.h>
#include "graph/net_int.h"

static int usable(const idt_net *n, uint32_t e, uint32_t mask)
{
  return (mask & IDT_NET_BIT(n->type[e])) && !(n->eflags[e] & EDGE_ENDED);
}

int idt__net_hops(idt_net *n, uint32_t mask)
{
  uint32_t *q, qh = 0, qt = 0, v;
  size_t sz = ((size_t)n->n + 1) * 4;
  if ((!n->hops && !(n->hops = idt_malloc(sz))) ||
      (!n->nearest && !(n->nearest = idt_malloc(sz))) ||
      (!n->hop_par && !(n->hop_par = idt_malloc(sz))) ||
      (!n->dneigh && !(n->dneigh = idt_malloc(sz))))
    return IDT_ENOMEM;
  if (!(q = idt_malloc(((size_t)n->n + 1) * 4)))
    return IDT_ENOMEM;
  for (v = 0; v < n->n; v++) {
    n->hop_par[v] = NET_NONE;
    n->dneigh[v] = 0;
    if (n->flags[v] & NODE_DESIGNATED) {
      n->hops[v] = 0;
      n->nearest[v] = v;
      q[qt++] = v;
    } else {
      n->hops[v] = -1;
      n->nearest[v] = NET_NONE;
    }
  }
  while (qh < qt) {
    uint32_t u = q[qh++], i, dir;
    for (dir = 0; dir < 2; dir++) {
      const uint32_t *off = dir ? n->in_off : n->out_off;
      const uint32_t *ev = dir ? n->in_e : n->out_e;
      const uint32_t *nb = dir ? n->in_nbr : n->out_nbr;
      const uint8_t *kd = dir ? n->in_kind : n->out_kind;
      for (i = off[u]; i < off[u + 1]; i++) {
        uint32_t w = nb[i];
        uint8_t k = kd[i];
        if (!(mask & IDT_NET_BIT(k & KIND_TYPE)) || (k & (KIND_ENDED | KIND_LOOP)))
          continue;
        if (n->hops[u] == 0)
          n->dneigh[w]++;
        if (n->hops[w] >= 0)
          continue;
        n->hops[w] = n->hops[u] + 1;
        n->nearest[w] = n->nearest[u];
        n->hop_par[w] = ev[i];
        q[qt++] = w;
      }
    }
  }
  n->path_mask = mask;
  idt_free(q);
  return 0;
}

/* "-[ownership 50%]->" seen walking from `from` over edge e. */
void idt__net_step_fmt(const idt_net *n, uint64_t e, uint32_t from, idt_buf *b)
{
  int fwd = n->src[e] == from;
  const char *tn = idt_net_etype_name(n->type[e]);
  idt_buf_puts(b, fwd ? " -[" : " <-[");
  idt_buf_puts(b, tn);
  if (n->type[e] == IDT_NET_OWNERSHIP) {
    if (n->eflags[e] & EDGE_PCT_UNKNOWN)
      idt_buf_puts(b, " ?%");
    else if (n->lo[e] == n->hi[e])
      idt_buf_printf(b, " %g%%", (double)n->lo[e]);
    else
      idt_buf_printf(b, " %g-%g%%", (double)n->lo[e], (double)n->hi[e]);
  } else if (n->type[e] >= IDT_NET_PIVOT_ID && n->via[e]) {
    idt_buf_printf(b, " \"%s\"", n->via[e]);
  }
  idt_buf_puts(b, fwd ? "]-> " : "]- ");
}

static uint32_t block_parent(const idt_net *n, uint32_t v)
{
  uint32_t i, best = NET_NONE;
  if (n->flags[v] & NODE_BLOCKED)
    return n->block_par[v];
  for (i = n->in_off[v]; i < n->in_off[v + 1]; i++) {
    uint32_t e = n->in_e[i];
    if (n->type[e] == IDT_NET_OWNERSHIP && !(n->eflags[e] & (EDGE_ENDED | EDGE_DUP)) &&
        (n->flags[n->src[e]] & NODE_POSSIBLE) && n->src[e] != v &&
        (best == NET_NONE || n->hi[e] > n->hi[best]))
      best = e;
  }
  return best;
}

/* Explanations are for reading: a chain is cut after EXPLAIN_MAX_CHAIN
 * holdings (a "..." marks the cut; real registers seldom pass 6 levels) and
 * co-holders after EXPLAIN_MAX_COHOLDERS. */
#define EXPLAIN_MAX_CHAIN 16
#define EXPLAIN_MAX_COHOLDERS 8

/* The other (possibly) blocked holders whose stakes add up with the
 * chain's last one: "; with X 3%, Y ?%". */
static void co_owners(const idt_net *n, uint32_t v, uint32_t skip, idt_buf *b)
{
  uint8_t flag = (n->flags[v] & NODE_BLOCKED) ? NODE_BLOCKED : NODE_POSSIBLE;
  uint32_t i, k = 0;
  for (i = n->in_off[v]; i < n->in_off[v + 1]; i++) {
    uint32_t e = n->in_e[i];
    if (e == skip || n->type[e] != IDT_NET_OWNERSHIP ||
        (n->eflags[e] & (EDGE_ENDED | EDGE_DUP)) || n->src[e] == v ||
        !(n->flags[n->src[e]] & flag))
      continue;
    if (k == EXPLAIN_MAX_COHOLDERS) {
      idt_buf_puts(b, ", ...");
      return;
    }
    idt_buf_puts(b, k++ ? ", " : "; with ");
    idt_buf_puts(b, n->id[n->src[e]]);
    if (n->eflags[e] & EDGE_PCT_UNKNOWN)
      idt_buf_puts(b, " ?%");
    else if (n->lo[e] == n->hi[e])
      idt_buf_printf(b, " %g%%", (double)n->lo[e]);
    else
      idt_buf_printf(b, " %g-%g%%", (double)n->lo[e], (double)n->hi[e]);
  }
}

/* The explanation of node v: for a (possibly) blocked entity the chain of
 * holdings from a designated owner down to it (largest blocked stake at
 * each level), else the path to its nearest designated entity. */
int idt__net_explain(idt_net *n, uint32_t v, idt_buf *b)
{
  uint32_t chain[EXPLAIN_MAX_CHAIN], k = 0, u = v, i;
  uint8_t f = n->flags[v];
  if (f & NODE_DESIGNATED)
    return 0;
  if (f & NODE_POSSIBLE) {
    while (!(n->flags[u] & NODE_DESIGNATED) && k < EXPLAIN_MAX_CHAIN) {
      uint32_t e = block_parent(n, u);
      if (e == NET_NONE)
        break;
      chain[k++] = e;
      u = n->src[e];
    }
    if (!(n->flags[u] & NODE_DESIGNATED))
      idt_buf_puts(b, "... ");
    idt_buf_puts(b, n->id[u]);
    for (i = k; i > 0; i--) {
      idt__net_step_fmt(n, chain[i - 1], n->src[chain[i - 1]], b);
      idt_buf_puts(b, n->id[n->dst[chain[i - 1]]]);
    }
    if (k)
      co_owners(n, v, chain[0], b);
    return 0;
  }
  if (!n->hops || n->hops[v] <= 0)
    return 0;
  idt_buf_puts(b, n->id[v]);
  while (n->hop_par[u] != NET_NONE) {
    uint32_t e = n->hop_par[u], w = n->src[e] == u ? n->dst[e] : n->src[e];
    idt__net_step_fmt(n, e, u, b);
    idt_buf_puts(b, n->id[w]);
    u = w;
  }
  return 0;
}

int idt_net_path_between(const idt_net *n, const char *a, const char *b,
                         uint32_t mask, idt_net_path **out)
{
  uint32_t s, t, *par = NULL, *q = NULL, qh = 0, qt = 0, v, len = 0;
  uint8_t *seen = NULL;
  idt_net_path *p = NULL;
  int rc;
  *out = NULL;
  if (!n->finished)
    return idt_error_set(IDT_EINVAL, "net: path before finish");
  if ((rc = idt_net_find(n, a, &s)) || (rc = idt_net_find(n, b, &t)))
    return rc;
  par = idt_malloc(((size_t)n->n + 1) * 4);
  q = idt_malloc(((size_t)n->n + 1) * 4);
  seen = idt_calloc((size_t)n->n + 1, 1);
  if (!par || !q || !seen) {
    rc = IDT_ENOMEM;
    goto out;
  }
  seen[s] = 1;
  par[s] = NET_NONE;
  q[qt++] = s;
  while (qh < qt && !seen[t]) {
    uint32_t u = q[qh++], i, dir;
    for (dir = 0; dir < 2; dir++) {
      const uint32_t *off = dir ? n->in_off : n->out_off;
      const uint32_t *ev = dir ? n->in_e : n->out_e;
      for (i = off[u]; i < off[u + 1]; i++) {
        uint32_t e = ev[i], w = dir ? n->src[e] : n->dst[e];
        if (!usable(n, e, mask) || seen[w])
          continue;
        seen[w] = 1;
        par[w] = e;
        q[qt++] = w;
      }
    }
  }
  if (!seen[t]) {
    rc = idt_error_set(IDT_ENOTFOUND, "net: no path from '%s' to '%s' over "
                       "the chosen edge types", a, b);
    goto out;
  }
  for (v = t; v != s; v = n->src[par[v]] == v ? n->dst[par[v]] : n->src[par[v]])
    len++;
  if (!(p = idt_calloc(1, sizeof *p)) ||
      !(p->steps = idt_calloc(len ? len : 1, sizeof *p->steps))) {
    idt_free(p);
    p = NULL;
    rc = IDT_ENOMEM;
    goto out;
  }
  p->n = len;
  for (v = t; v != s;) {
    uint32_t e = par[v], u = n->src[e] == v ? n->dst[e] : n->src[e];
    idt_net_step *st = &p->steps[--len];
    st->from = n->id[u];
    st->to = n->id[v];
    st->via = n->via[e];
    st->type = n->type[e];
    st->forward = n->src[e] == u;
    st->pct_lo = n->type[e] == IDT_NET_OWNERSHIP ? n->lo[e] : -1;
    st->pct_hi = n->type[e] == IDT_NET_OWNERSHIP ? n->hi[e] : -1;
    v = u;
  }
  *out = p;
out:
  idt_free(par);
  idt_free(q);
  idt_free(seen);
  return rc;
}

void idt_net_path_free(idt_net_path *p)
{
  if (!p)
    return;
  idt_free(p->steps);
  idt_free(p);
}

char *idt_net_path_format(const idt_net_path *p)
{
  idt_buf b;
  size_t i;
  idt_buf_init(&b, 1 << 20);
  for (i = 0; i < p->n; i++) {
    const idt_net_step *s = &p->steps[i];
    if (i == 0)
      idt_buf_puts(&b, s->from);
    idt_buf_puts(&b, s->forward ? " -[" : " <-[");
    idt_buf_puts(&b, idt_net_etype_name(s->type));
    if (s->type == IDT_NET_OWNERSHIP) {
      if (s->pct_lo == 0 && s->pct_hi == 100)
        idt_buf_puts(&b, " ?%");
      else if (s->pct_lo == s->pct_hi)
        idt_buf_printf(&b, " %g%%", s->pct_lo);
      else
        idt_buf_printf(&b, " %g-%g%%", s->pct_lo, s->pct_hi);
    } else if (s->type >= IDT_NET_PIVOT_ID && s->via)
      idt_buf_printf(&b, " \"%s\"", s->via);
    idt_buf_puts(&b, s->forward ? "]-> " : "]- ");
    idt_buf_puts(&b, s->to);
  }
  if (!b.p)
    return idt_strdup("");
  return idt_buf_detach(&b);
}
