/*
 * ownership.c - the OFAC 50% rule and EU/UK owned-or-controlled.
 *
 * OFAC (FAQs 398-401): an entity is blocked when blocked persons own 50% or
 * more of it in aggregate, directly or through entities that are themselves
 * blocked. That is a least fixpoint over the blocked set, computed here by a
 * worklist: when an owner becomes blocked its stakes are added to its
 * assets' tallies, and an asset whose tally reaches 50 is blocked and queued.
 * Each ownership edge is visited once per run: O(V + E), cycles and
 * self-loops terminate by construction (a node is queued at most once; a
 * self-held stake only counts once its holder is already blocked, so it can
 * never tip itself). Percentages are not multiplied along chains (the
 * look-through product is the beneficial-ownership measure, not OFAC's).
 *
 * Bounds: every stake is an interval [lo, hi] (bands such as "25-50%";
 * missing = [0,100]). The certain set is the fixpoint on lo over certain
 * owners; the possible set the fixpoint on hi over possible owners. Both
 * are monotone, certain is a subset of possible, and "possibly blocked" is
 * the difference.
 *
 * Inconsistent registers (stakes summing over 100%, KEK has them): stated
 * stakes are taken at face value, not normalised. Normalising would let an
 * unrelated over-statement dilute a blocked owner's real stake below 50%;
 * taking them as stated can only err towards blocking, which is the side a
 * compliance screen must err on. Such assets are counted in over_100.
 * Parallel ownership edges between the same owner and asset (the same
 * holding reported by two sources) are merged to the widest bounds
 * [max lo, max hi] rather than added, which would double-count it.
 *
 * Look-through ownership (the beneficial-ownership measure, DOMAIN.md 5:
 * "report both"): the designated owners' stake multiplied along every chain
 * and summed over chains, L(v) = sum over holdings u->v of lo * (1 if u is
 * designated else L(u)/100), capped at 100. Iterated from 0 it rises
 * monotonically to the least solution (Gauss-Seidel, in place); with
 * cycles it is a geometric series, cut when no value moves by more than
 * 1e-4 points or after 100 rounds
 * (registers with sums over 100% would otherwise only stop at the cap).
 *
 * EU/UK "owned or controlled": a further fixpoint in which designated or
 * already controlled parties control an entity by directing it
 * (Directorship), by being its owner/operator/parent of record, or by
 * holding more than 50% (strictly, EU Best Practices para. 62) in aggregate.
 */
#include <string.h>
#include <stdlib.h>
#include "graph/net_int.h"

#define THRESH_EPS 1e-6

/* An active ownership entry of the CSR (not ended, not a merged parallel). */
static int own_kind(uint8_t k)
{
  return (k & (KIND_TYPE | KIND_ENDED | KIND_DUP)) == IDT_NET_OWNERSHIP;
}

/* Merge parallel holdings: per asset (in-edge list, in edge order), the
 * first holding of each owner keeps the widest bounds and later ones are
 * marked duplicate. A stamp per owner (the asset it was last seen holding)
 * finds them in one pass; sorting each in-list by owner, the first design,
 * cost a comparison sort per asset with an indirect comparator. */
static int merge_parallel(idt_net *n)
{
  uint32_t v, *stamp = idt_malloc(((size_t)n->n + 1) * 4);
  uint32_t *keep = idt_malloc(((size_t)n->n + 1) * 4);
  if (!stamp || !keep) {
    idt_free(stamp);
    idt_free(keep);
    return IDT_ENOMEM;
  }
  for (v = 0; v < n->n; v++)
    stamp[v] = NET_NONE;
  for (v = 0; v < n->n; v++) {
    uint32_t i;
    for (i = n->in_off[v]; i < n->in_off[v + 1]; i++) {
      uint32_t e = n->in_e[i], u = n->in_nbr[i], k, j;
      if (!own_kind(n->in_kind[i]))
        continue;
      if (stamp[u] != v) {
        stamp[u] = v;
        keep[u] = e;
        continue;
      }
      k = keep[u];
      if (n->lo[e] > n->lo[k]) n->lo[k] = n->lo[e];
      if (n->hi[e] > n->hi[k]) n->hi[k] = n->hi[e];
      n->eflags[e] |= EDGE_DUP;
      n->in_kind[i] |= KIND_DUP;
      for (j = n->out_off[u]; j < n->out_off[u + 1]; j++)
        if (n->out_e[j] == e)
          n->out_kind[j] |= KIND_DUP;
    }
  }
  idt_free(stamp);
  idt_free(keep);
  return 0;
}

/* The in-edge from a member of set `flag` with the largest stake. */
static uint32_t best_owner(const idt_net *n, uint32_t v, uint8_t flag,
                           const float *stake)
{
  uint32_t i, best = NET_NONE;
  for (i = n->in_off[v]; i < n->in_off[v + 1]; i++) {
    uint32_t e = n->in_e[i], u = n->in_nbr[i];
    if (own_kind(n->in_kind[i]) && (n->flags[u] & flag) && u != v &&
        (best == NET_NONE || stake[e] > stake[best]))
      best = e;
  }
  return best;
}

/* One least fixpoint: members of `flag` start as the designated; stakes
 * `pct` from members accumulate into tally; >= thresh (strict when
 * `strict`) joins. Control edges join outright when `control` is set. */
static int fixpoint(idt_net *n, uint8_t flag, const float *pct, float *tally,
                    double thresh, int strict, int control, uint32_t *par)
{
  uint32_t *queue = idt_malloc(((size_t)n->n + 1) * 4), qh = 0, qt = 0, v;
  if (!queue)
    return IDT_ENOMEM;
  for (v = 0; v < n->n; v++) {
    tally[v] = 0;
    if (par)
      par[v] = NET_NONE;
    if (n->flags[v] & NODE_DESIGNATED) {
      n->flags[v] |= flag;
      queue[qt++] = v;
    } else
      n->flags[v] &= (uint8_t)~flag;
  }
  while (qh < qt) {
    uint32_t u = queue[qh++], i;
    for (i = n->out_off[u]; i < n->out_off[u + 1]; i++) {
      uint8_t k = n->out_kind[i];
      uint32_t d = n->out_nbr[i];
      int t = k & KIND_TYPE, join = 0, own = own_kind(k);
      if (k & (KIND_LOOP | KIND_ENDED))
        continue;
      if (own) {
        tally[d] += pct[n->out_e[i]];
        join = strict ? tally[d] > thresh + THRESH_EPS
                      : tally[d] >= thresh - THRESH_EPS;
      } else if (control && (t == IDT_NET_DIRECTORSHIP || t == IDT_NET_REF_OWNER ||
                             t == IDT_NET_REF_OPERATOR || t == IDT_NET_REF_PARENT))
        join = 1;
      if (join && !(n->flags[d] & flag)) {
        n->flags[d] |= flag;
        if (par)
          par[d] = own ? best_owner(n, d, flag, pct) : n->out_e[i];
        queue[qt++] = d;
      }
    }
  }
  idt_free(queue);
  return 0;
}

/* The look-through rounds read each holding's owner and stake from two
 * arrays laid out by asset, built once, rather than through the edge index
 * (three scattered reads per holding per round). */
static int lookthrough(idt_net *n)
{
  float *cur = n->look, *olo = NULL;
  uint32_t *osrc = NULL, *off = NULL, v, round, i;
  uint64_t k = 0;
  if (!(off = idt_malloc(((size_t)n->n + 1) * 4)) ||
      !(osrc = idt_malloc((n->m ? n->m : 1) * 4)) ||
      !(olo = idt_malloc((n->m ? n->m : 1) * sizeof *olo))) {
    idt_free(off);
    idt_free(osrc);
    return IDT_ENOMEM;
  }
  for (v = 0; v < n->n; v++) {
    off[v] = (uint32_t)k;
    for (i = n->in_off[v]; i < n->in_off[v + 1]; i++)
      if (own_kind(n->in_kind[i]) && n->in_nbr[i] != v) {
        osrc[k] = n->in_nbr[i];
        olo[k++] = n->lo[n->in_e[i]];
      }
  }
  off[n->n] = (uint32_t)k;
  for (v = 0; v < n->n; v++)
    cur[v] = (n->flags[v] & NODE_DESIGNATED) ? 100.0f : 0.0f;
  /* Gauss-Seidel: each node is updated in place from its owners' newest
   * values; from zero it still rises monotonically to the least solution,
   * in about half the rounds of Jacobi iteration */
  for (round = 0; round < 100; round++) {
    float delta = 0;
    for (v = 0; v < n->n; v++) {
      float sum = 0, d;
      if ((n->flags[v] & NODE_DESIGNATED) || off[v] == off[v + 1])
        continue;
      for (i = off[v]; i < off[v + 1]; i++)
        sum += olo[i] * cur[osrc[i]] / 100.0f;
      if (sum > 100.0f)
        sum = 100.0f;
      d = sum - cur[v];
      if (d > delta)
        delta = d;
      cur[v] = sum;
    }
    if (delta < 1e-4f)
      break;
  }
  n->st.lookthrough_rounds = round + (round < 100);
  idt_free(osrc);
  idt_free(olo);
  idt_free(off);
  return 0;
}

/* Assets whose stated (active) stakes sum over 100%: a property of the
 * edges alone, counted once. */
static void count_over_100(idt_net *n)
{
  uint32_t v, i;
  n->st.over_100 = 0;
  for (v = 0; v < n->n; v++) {
    double sum = 0;
    for (i = n->in_off[v]; i < n->in_off[v + 1]; i++)
      if (own_kind(n->in_kind[i]))
        sum += n->lo[n->in_e[i]];
    n->st.over_100 += sum > 100.0 + 1e-3;
  }
}

int idt__net_ownership(idt_net *n)
{
  float *eu = NULL;
  uint32_t v;
  int rc;
  if (!n->merged) {
    if ((rc = merge_parallel(n)))
      return rc;
    count_over_100(n);
    n->merged = 1;   /* edges do not change after finish */
  }
  if ((!n->stake_lo && !(n->stake_lo = idt_malloc(((size_t)n->n + 1) * sizeof(float)))) ||
      (!n->stake_hi && !(n->stake_hi = idt_malloc(((size_t)n->n + 1) * sizeof(float)))) ||
      (!n->block_par && !(n->block_par = idt_malloc(((size_t)n->n + 1) * 4))) ||
      (!n->look && !(n->look = idt_malloc(((size_t)n->n + 1) * sizeof(float)))))
    return IDT_ENOMEM;
  if ((rc = lookthrough(n)))
    return rc;
  if (!(eu = idt_malloc(((size_t)n->n + 1) * sizeof(float))))
    return IDT_ENOMEM;
  if ((rc = fixpoint(n, NODE_BLOCKED, n->lo, n->stake_lo, 50.0, 0, 0, n->block_par)) ||
      (rc = fixpoint(n, NODE_POSSIBLE, n->hi, n->stake_hi, 50.0, 0, 0, NULL)) ||
      (rc = fixpoint(n, NODE_EU, n->lo, eu, 50.0, 1, 1, NULL)))
    goto out;
  n->st.blocked_50 = n->st.possibly_blocked_50 = n->st.eu_controlled = 0;
  for (v = 0; v < n->n; v++) {
    uint8_t f = n->flags[v];
    if (!(f & NODE_DESIGNATED)) {
      n->st.blocked_50 += (f & NODE_BLOCKED) != 0;
      n->st.possibly_blocked_50 += (f & NODE_POSSIBLE) && !(f & NODE_BLOCKED);
      n->st.eu_controlled += (f & NODE_EU) != 0;
    }
  }
out:
  idt_free(eu);
  return rc;
}
