/*
 * merge.c - token merging for the aligner (score.c): adjacent tokens of
 * one name spelled together as one token of the other (CHON MA SAN ~
 * CHONMASAN, Abdul Rahman ~ Abdulrahman, or a near spelling of it), and
 * the per-name masks that tell when a merge is possible at all; with
 * them, each name's tokens ordered by weight and its heaviest weight,
 * for the aligner's bound.
 */
#include <string.h>
#include "screen/merge.h"

/* Does token z spell x then y (then w, when given)? No copy. */
static int spells(const sc_term *z, const sc_term *x, const sc_term *y, const sc_term *w)
{
  size_t l = (size_t)x->len + y->len + (w ? w->len : 0);
  return z->len == l && !memcmp(z->s, x->s, x->len) &&
         !memcmp(z->s + x->len, y->s, y->len) &&
         (!w || !memcmp(z->s + x->len + y->len, w->s, w->len));
}

/* Merge three adjacent tokens of a whose concatenation is exactly one
 * token of b (CHON MA SAN ~ CHONMASAN). */
static void merge3(side *a, const side *b, merge_pool *pool, uint64_t lens, int korean)
{
  size_t i, j;
  for (i = 0; i + 2 < a->n && pool->n < SC_MAX_TOKS; i++) {
    const sc_term *x = a->t[i], *y = a->t[i + 1], *z = a->t[i + 2], **at;
    size_t l = (size_t)x->len + y->len + z->len;
    char *mb;
    if (x->kind != IDT_TOK_WORD || y->kind != IDT_TOK_WORD || z->kind != IDT_TOK_WORD ||
        l >= SC_TERM_MAX || !(lens >> l & 1))
      continue;
    for (j = 0; j < b->n; j++)
      if (spells(b->t[j], x, y, z)) {
        sc_term *mt = &pool->terms[pool->n];
        mb = pool->buf[pool->n++];
        memcpy(mb, b->t[j]->s, l);
        mb[l] = 0;
        sc_term_init_pair(mt, mb, l, korean);
        mt->w = x->w > y->w ? (x->w > z->w ? x->w : z->w) : (y->w > z->w ? y->w : z->w);
        at = side_own(a);
        at[i] = mt;
        memmove(&at[i + 1], &at[i + 3], (a->n - i - 3) * sizeof at[0]);
        a->n -= 2;
        break;
      }
  }
}

/* The first three letters (fewer when shorter) of x then y, packed:
 * x's own (sc_term.head3) then as many of y's as x lacks. */
static uint32_t head3(const sc_term *x, const sc_term *y)
{
  size_t k, y3;
  if (x->len >= 3 || !y)
    return x->head3;
  y3 = y->len < 3 ? y->len : 3;
  k = 3 - (size_t)x->len < y3 ? 3 - (size_t)x->len : y3;   /* letters y adds */
  return x->head3 << (8 * k) | y->head3 >> (8 * (y3 - k));
}

/* The same for x, y then z (sc_lenmask.phead3 of a triple). */
static uint32_t head3_of3(const sc_term *x, const sc_term *y, const sc_term *z)
{
  size_t l = (size_t)x->len + y->len, z3, k;
  uint32_t h = head3(x, y);
  if (l >= 3)
    return h;
  z3 = z->len < 3 ? z->len : 3;
  k = 3 - l < z3 ? 3 - l : z3;   /* letters z adds */
  return h << (8 * k) | z->head3 >> (8 * (z3 - k));
}

/* Bits set in v (few: letters one token lacks). */
static int bits(uint32_t v)
{
  int n = 0;
  for (; v; v &= v - 1)
    n++;
  return n;
}

/* Can x then y be a near spelling of z (es^2 >= 0.75 below) by their
 * letters? Every letter one side has and the other lacks costs an edit of
 * at least 0.4 (score.c's sim_upper), so d >= 0.4 x the larger count of
 * them, less 1e-5 for float sums; a 0 here is a 0 from the distance. */
static int near_letters(const sc_term *x, const sc_term *y, const sc_term *z)
{
  uint32_t m = x->letters | y->letters;
  int na = bits(m & ~z->letters), nb = bits(z->letters & ~m);
  size_t l = (size_t)x->len + y->len, mm = l > z->len ? l : z->len;
  double es = 1.0 - (0.4 * (na > nb ? na : nb) - 1e-5) / (double)mm;
  return es >= 0 && es * es >= 0.75;
}

/* Merge adjacent tokens of a whose concatenation is one token of b (or a
 * near spelling of it: same first three letters, length within two,
 * similarity >= 0.75). The concatenation is only built for a token of b
 * that passes those cheap tests. */
void sc_merge_side(side *a, const side *b, merge_pool *pool, int korean,
                   const sc_lenmask *am, const sc_lenmask *bm)
{
  size_t i, j;
  uint64_t lens = bm->lens;   /* bit L: b has a token of L letters */
  if (am->pair3 & lens)   /* else no three tokens of a spell one of b */
    merge3(a, b, pool, lens, korean);
  for (i = 0; i + 1 < a->n && pool->n < SC_MAX_TOKS; i++) {
    const sc_term *x = a->t[i], *y = a->t[i + 1];
    size_t l = (size_t)x->len + y->len;
    sc_term *mt;
    char *mb = NULL;
    float imb[SC_TERM_MAX];
    uint32_t h;
    if (x->kind != IDT_TOK_WORD || y->kind != IDT_TOK_WORD || l >= SC_TERM_MAX)
      continue;
    /* exact: a token of l letters; near: one of l-2..l+2 letters, >= 6
     * (bm->near's bit l, l >= 6) */
    if (!(lens >> l & 1) && (l < 6 || !(bm->near >> l & 1)))
      continue;
    h = head3(x, y);
    if (!(bm->head3 & sc_head3_bit(h)))
      continue;   /* no token of b starts with these three letters */
    for (j = 0; j < b->n; j++) {
      const sc_term *z = b->t[j];
      int exact;
      double sm;
      /* both need the same first three letters (all of them when shorter) */
      if (z->head3 != h)
        continue;
      exact = z->len == l && spells(z, x, y, NULL);
      if (!exact && (l < 6 || z->len < 6 || (size_t)z->len + 2 < l ||
                     l + 2 < (size_t)z->len || !near_letters(x, y, z)))
        continue;
      if (!mb) {
        mb = pool->buf[pool->n];
        memcpy(mb, x->s, x->len);
        memcpy(mb + x->len, y->s, y->len);
        mb[l] = 0;
        sc_indel_costs(mb, l, imb);
      }
      if (!exact) {
        size_t mm = l > z->len ? l : z->len;
        /* es^2 >= 0.75 needs d <= 0.134 mm: stop the distance beyond */
        double es = 1.0 - sc_wdist(mb, l, imb, z->s, z->len, z->indel,
                                        0.134f * (float)mm + 0.01f) / (double)mm;
        if (es < 0 || es * es < 0.75)
          continue;
      }
      mt = &pool->terms[pool->n];
      sc_term_init_pair(mt, mb, l, korean);
      mt->w = x->w > y->w ? x->w : y->w;
      /* an exact merge always beats x and y alone: a token is 1 only
       * against its own spelling, and z is longer than either */
      sm = exact ? 1.0 : sc_tok_sim(mt, z, korean);
      if (exact ||
          (sm >= 0.75 && sm > sc_tok_sim(x, z, korean) && sm > sc_tok_sim(y, z, korean))) {
        const sc_term **at = side_own(a);
        pool->n++;
        at[i] = mt;
        memmove(&at[i + 1], &at[i + 2], (a->n - i - 2) * sizeof at[0]);
        a->n--;
        break;
      }
    }
  }
}

/* Bit for the first two letters of the concatenation of x and y (y may
 * be NULL; sc_lenmask.head); all bits when it has fewer than two. */
static uint64_t head_bit(const sc_term *x, const sc_term *y)
{
  char h[2];
  size_t k = 0, i;
  for (i = 0; i < x->len && k < 2; i++)
    h[k++] = x->s[i];
  for (i = 0; y && i < y->len && k < 2; i++)
    h[k++] = y->s[i];
  if (k < 2)
    return ~(uint64_t)0;
  return (uint64_t)1 << (((unsigned char)h[0] * 37u + (unsigned char)h[1]) & 63);
}

/* Length masks of a token sequence (see sc_lenmask). */
void sc_lenmask_of(const sc_term *const *t, size_t n, sc_lenmask *m)
{
  size_t i;
  memset(m, 0, sizeof *m);
  for (i = 0; i < n; i++) {
    size_t l = t[i]->len;   /* < SC_TERM_MAX <= 48 */
    m->lens |= (uint64_t)1 << l;
    if (l >= 6)   /* L in [l-2, l+2], L >= 6 */
      m->near |= ((uint64_t)0x1f << (l - 2)) & ~(uint64_t)0x3f;
    m->head |= head_bit(t[i], NULL);
    m->head3 |= sc_head3_bit(t[i]->head3);
    m->klen |= sc_klen_bit(l, t[i]->head3);
    if (l >= 6) {   /* near merges: a pair of l - 2 .. l + 2 letters, >= 6 */
      size_t d;
      for (d = l - 2; d <= l + 2; d++)
        if (d >= 6)
          m->klen |= sc_klen_bit(d, t[i]->head3);
    }
    if (i + 1 < n && t[i]->kind == IDT_TOK_WORD && t[i + 1]->kind == IDT_TOK_WORD) {
      size_t l2 = l + t[i + 1]->len;
      /* a triple shorter than two letters has a pair shorter too */
      uint64_t hb = head_bit(t[i], t[i + 1]);
      if (l2 < SC_TERM_MAX) {
        m->pair2 |= (uint64_t)1 << l2;
        m->phead |= hb;
        m->phead3 |= sc_head3_bit(head3(t[i], t[i + 1]));
        m->pklen |= sc_klen_bit(l2, head3(t[i], t[i + 1]));
      }
      if (i + 2 < n && t[i + 2]->kind == IDT_TOK_WORD && l2 + t[i + 2]->len < SC_TERM_MAX) {
        m->pair3 |= (uint64_t)1 << (l2 + t[i + 2]->len);
        m->phead |= hb;
        m->phead3 |= sc_head3_bit(head3_of3(t[i], t[i + 1], t[i + 2]));
        m->pklen |= sc_klen_bit(l2 + t[i + 2]->len, head3_of3(t[i], t[i + 1], t[i + 2]));
      }
    }
  }
}

void sc_weight_order(const sc_term *const *t, size_t n, uint8_t *ord)
{
  size_t i, k;
  for (i = 0; i < n; i++) {
    for (k = i; k > 0 && t[ord[k - 1]]->w < t[i]->w; k--)
      ord[k] = ord[k - 1];
    ord[k] = (uint8_t)i;
  }
}

float sc_weight_max(const sc_term *const *t, size_t n)
{
  float m = 0;
  size_t i;
  for (i = 0; i < n; i++)
    if (t[i]->w > m)
      m = t[i]->w;
  return m;
}

double sc_weight_sum(const sc_term *const *t, size_t n)
{
  double s = 0;
  size_t i;
  for (i = 0; i < n; i++)
    s += t[i]->w;
  return s;
}

/* Per name, once (index build, query names): the merge masks, and the
 * token order, heaviest weight and weight sum the aligner's bound would
 * otherwise work out per pair of names. */
void sc_name_masks(sc_name *nm)
{
  size_t n = nm->n < SC_MAX_TOKS ? nm->n : SC_MAX_TOKS;
  sc_lenmask_of(nm->t, n, &nm->mm);
  sc_weight_order(nm->t, n, nm->ord);
  nm->wmax = sc_weight_max(nm->t, n);
  nm->wsum = sc_weight_sum(nm->t, n);
}

