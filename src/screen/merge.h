/*
 * merge.h - alignment sides and token merging (internal to src/screen:
 * score.c aligns, merge.c merges).
 */
#ifndef IDT_SCREEN_MERGE_H
#define IDT_SCREEN_MERGE_H
#include <string.h>
#include "screen/screen_int.h"

/* One side of an alignment: the name's own token array until a merge
 * changes it, then a copy (own). */
typedef struct side {
  const sc_term *const *t;
  size_t n;
  const sc_term *own[SC_MAX_TOKS];
} side;

/* The side's tokens, writable: copied before the first change. */
static inline const sc_term **side_own(side *s)
{
  if (s->t != s->own) {
    memcpy(s->own, s->t, s->n * sizeof *s->own);
    s->t = s->own;
  }
  return s->own;
}

typedef struct merge_pool {
  sc_term terms[SC_MAX_TOKS];
  char buf[SC_MAX_TOKS][SC_TERM_MAX];
  size_t n;
} merge_pool;

/* Merge adjacent tokens of a whose concatenation is one token of b (or a
 * near spelling of it), at most once per token of a; merged terms live in
 * pool; am, bm: the masks of a's and b's tokens as they are. Call only
 * when sc_may_merge says a merge is possible. */
void sc_merge_side(side *a, const side *b, merge_pool *pool, int korean,
                   const sc_lenmask *am, const sc_lenmask *bm);
/* The order of n tokens by weight, heaviest first, equal weights in
 * their order (sc_name.ord, and an unmerged side's in score.c). */
void sc_weight_order(const sc_term *const *t, size_t n, uint8_t *ord);
/* The largest of n tokens' weights, 0 for none (sc_name.wmax). */
float sc_weight_max(const sc_term *const *t, size_t n);
/* The sum of n tokens' weights (sc_name.wsum). */
double sc_weight_sum(const sc_term *const *t, size_t n);
/* The merge masks of n tokens (sc_name.mm, and a merged side's). */
void sc_lenmask_of(const sc_term *const *t, size_t n, sc_lenmask *m);

/* From score.c, for merges: the bounded weighted distance (the distance
 * when it is at most maxd, else some value above maxd; letter costs from
 * sc_indel_costs). */
double sc_wdist(const char *a, size_t la, const float *ia, const char *b, size_t lb,
                const float *ib, float maxd);

#endif
