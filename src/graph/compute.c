/*
 * compute.c - run every exposure measure over a finished network and hand
 * out per-entity results (idt_net_exposure). Explanation strings are built
 * on first request and cached, so a full export pays for them once and a
 * single lookup does not pay for a million.
 */
#include <string.h>
#include "graph/net_int.h"

int idt_net_compute(idt_net *n, const idt_net_compute_opts *opts)
{
  idt_net_compute_opts o = IDT_NET_COMPUTE_OPTS_INIT;
  uint32_t v;
  int rc;
  if (opts) {
    if (opts->version != IDT_NET_COMPUTE_OPTS_VERSION)
      return idt_error_set(IDT_EINVAL, "net: compute opts version %u, expected %u",
                           opts->version, IDT_NET_COMPUTE_OPTS_VERSION);
    o = *opts;
  }
  if (!o.damping)
    o.damping = 0.85;
  if (!(o.damping > 0 && o.damping < 1))
    return idt_error_set(IDT_EINVAL, "net: damping %g outside (0,1)", o.damping);
  if (!n->finished)
    return idt_error_set(IDT_EINVAL, "net: compute before finish");
  n->computed = 0;   /* until every measure below is in */
  if (!n->path_cache && !(n->path_cache = idt_calloc((size_t)n->n + 1, sizeof(char *))))
    return IDT_ENOMEM;
  for (v = 0; v < n->n; v++)
    n->path_cache[v] = NULL;   /* arena strings: dropped, not freed */
  if ((rc = idt__net_ownership(n)) || (rc = idt__net_hops(n, o.path_mask)) ||
      (rc = idt__net_rank(n, &o)))
    return rc;
  n->computed = o.key_nodes ? 2 : 1;
  return 0;
}

static const char *explanation(idt_net *n, uint32_t v)
{
  idt_buf b;
  if (n->path_cache[v])
    return n->path_cache[v];
  idt_buf_init(&b, 1 << 16);
  idt__net_explain(n, v, &b);
  n->path_cache[v] = idt_arena_strndup(&n->arena, b.p ? b.p : "", b.len);
  idt_buf_free(&b);
  return n->path_cache[v] ? n->path_cache[v] : "";
}

int idt_net_exposure_at(idt_net *n, uint32_t v, idt_net_exposure *x)
{
  uint8_t f;
  memset(x, 0, sizeof *x);
  if (!n->computed)
    return idt_error_set(IDT_EINVAL, "net: exposure before compute");
  if (v >= n->n)
    return idt_error_set(IDT_ENOTFOUND, "net: node %u out of range", v);
  f = n->flags[v];
  x->entity_id = n->id[v];
  x->source_id = n->source_id[v];
  x->schema = n->schema[v] ? n->schema[v] : "";
  x->caption = n->caption[v] ? n->caption[v] : n->id[v];
  x->designated = (f & NODE_DESIGNATED) != 0;
  x->programs = n->programs[v] ? n->programs[v] : "";
  x->blocked_50 = !x->designated && (f & NODE_BLOCKED);
  x->possibly_blocked_50 = !x->designated && (f & NODE_POSSIBLE) && !(f & NODE_BLOCKED);
  x->eu_controlled = !x->designated && (f & NODE_EU);
  x->stake_lo = n->stake_lo[v];
  x->stake_hi = n->stake_hi[v];
  x->lookthrough = x->designated ? 100 : n->look[v];
  x->hops = n->hops[v];
  x->nearest = n->nearest[v] != NET_NONE ? n->id[n->nearest[v]] : NULL;
  x->path = explanation(n, v);
  x->risk = n->risk[v];
  x->risk_rank = n->rank[v];
  x->community = n->computed > 1 ? n->community[v] : -1;
  x->articulation = (f & NODE_ARTIC) != 0;
  x->betweenness = n->computed > 1 ? n->betw[v] : 0;
  x->designated_neighbours = n->dneigh[v];
  return 0;
}

int idt_net_exposure_get(idt_net *n, const char *entity_id, idt_net_exposure *x)
{
  uint32_t v;
  int rc;
  if ((rc = idt_net_find(n, entity_id, &v)))
    return rc;
  return idt_net_exposure_at(n, v, x);
}
