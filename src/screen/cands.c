/*
 * cands.c - candidate list names of one query from the postings (see
 * run.c): sums of similarity x weight per name over the expansions,
 * pruned by the bound they give, ranked by integer keys.
 */
#include <math.h>
#include <string.h>
#include "screen/run_int.h"

/* Query weight qw: the lightest query name's token weights (every query
 * token weighs at least its weight in an alignment's denominator). */
static double query_weight(const sc_qnames *qn)
{
  size_t k, j;
  double qw = 0;
  for (k = 0; k < qn->n; k++) {
    double w = 0;
    for (j = 0; j < qn->names[k].n; j++)
      w += qn->names[k].t[j]->w;
    if (qw == 0 || w < qw)
      qw = w;
  }
  return qw;
}

/* Add one query token's expansions to the names in their postings
 * (locals, not s's fields, in the loop: the stores through acc could
 * alias them). */
static void add_postings(const idt_screen_index *ix, scratch *s, float qw,
                         const tcand *tv, size_t nt)
{
  name_acc *acc = s->acc;
  uint32_t *touched = s->touched, st = s->estamp;
  const uint32_t *post = ix->post;
  size_t kk, ntouched = s->ntouched;
  for (kk = 0; kk < nt; kk++) {
    const sc_term *t = &ix->terms[tv[kk].term];
    float add = tv[kk].sim * (t->w + qw);
    uint32_t p, end = ix->post_off[t->id + 1];
    for (p = ix->post_off[t->id]; p < end; p++) {
      uint32_t nm = post[p];
      name_acc *a = &acc[nm];
      if (a->st != st) {   /* first touch: the sum starts at 0 + add */
        a->st = st;
        a->sum = add;
        touched[ntouched++] = nm;
      } else {
        a->sum += add;
      }
    }
  }
  s->ntouched = ntouched;
}

/* A name's rank key: ascending keys are descending acc (> 0, so its bits
 * order as its value), then ascending name number. */
static uint64_t rank_key(float acc, uint32_t nm)
{
  uint32_t b;
  memcpy(&b, &acc, sizeof b);
  return ((uint64_t)(UINT32_MAX - b) << 32) | nm;
}

/* Adjacent short words of a query name whose concatenation is a list
 * word (dan dong -> dandong, hong xiang -> hongxiang: Han read syllable
 * by syllable, spaced pinyin, Korean syllables): that word's names are
 * candidates too, as the scorer merges the two (merge.c). Weighed as an
 * exact hit on the list word, with the heavier of the two query words as
 * the merged word's weight (merge.c gives it). */
#define JOIN_PART_MAX 6
static void add_joins(const idt_screen_index *ix, scratch *s, const sc_qnames *qn)
{
  size_t k, j;
  for (k = 0; k < qn->n; k++) {
    const sc_name *nm = &qn->names[k];
    for (j = 0; j + 1 < nm->n; j++) {
      const sc_term *a = nm->t[j], *b = nm->t[j + 1], *t;
      char buf[2 * JOIN_PART_MAX];
      tcand tc;
      if (a->kind != IDT_TOK_WORD || b->kind != IDT_TOK_WORD || a->len > JOIN_PART_MAX ||
          b->len > JOIN_PART_MAX)
        continue;
      memcpy(buf, a->s, a->len);
      memcpy(buf + a->len, b->s, b->len);
      if (!(t = ix_term(ix, buf, (size_t)a->len + b->len)) || !t->df)
        continue;
      tc.term = t->id;
      tc.sim = 1.0f;
      add_postings(ix, s, a->w > b->w ? a->w : b->w, &tc, 1);
    }
  }
}

/* A query name read from an abjad script (Arabic, Persian, Hebrew: sm bn
 * ldn, bshr al sd) against the vowelled list words of each vowel-poor
 * word's consonant skeleton (usama, bin, ladin), the SKEL_TAKE most
 * frequent of them: a short skeleton has hundreds (bn: bin, ben, bano,
 * abuna ...), and the common spellings come first (index.c, sort_by_df).
 * Only for such names, not in the per-spelling expansion: in Latin
 * letters a vowel-less word is an acronym (HP, HMM), whose skeleton
 * would reach HEBO and HOMA. */
#define SKEL_TAKE 16
static size_t skel_cands(const idt_screen_index *ix, const sc_term *qt, tcand *out)
{
  const ix_list *l;
  uint32_t i;
  size_t n = 0;
  if (!qt->cons[0] || !(l = idt_map_get(&ix->skel_map, qt->cons, strlen(qt->cons))))
    return 0;
  for (i = 0; i < l->n && i < SKEL_TAKE; i++) {
    out[n].term = l->ids[i];
    out[n].sim = (float)sc_tok_sim(qt, &ix->terms[l->ids[i]], 0);
    n += out[n].sim >= SC_SIM_MIN;
  }
  return n;
}

/* The candidates depend on the spelling alone: memoised beside its
 * expansion (tok_memo.skel). */
static void add_skel(const idt_screen_index *ix, scratch *s, const sc_qnames *qn)
{
  size_t k, j;
  for (k = 0; k < qn->n; k++) {
    const sc_name *nm = &qn->names[k];
    if (!nm->abjad)
      continue;
    for (j = 0; j < nm->n; j++) {
      const sc_term *qt = nm->t[j];
      tok_memo *m = s->tmemo[nm->t + j - qn->ptrs];
      tcand buf[SKEL_TAKE];
      const tcand *tv = buf;
      size_t n;
      if (!qt->cons[0])
        continue;
      if (m && m->nskel >= 0) {
        tv = m->skel;
        n = (size_t)m->nskel;
      } else {
        n = skel_cands(ix, qt, buf);
        if (m && (m->skel = idt_arena_alloc(&s->memo_arena, (n + 1) * sizeof *buf)) != NULL) {
          memcpy(m->skel, buf, n * sizeof *buf);
          m->nskel = (int32_t)n;
        }
      }
      add_postings(ix, s, qt->w, tv, n);
    }
  }
}

/* Accumulate sim x weight per list name over the query tokens'
 * expansions; prune the names that cannot reach the threshold even with
 * the most the qualifiers add: acc bounds the alignment's numerator and
 * every query token weighs at least its weight in the denominator, so the
 * score is at most acc / qw. (The bound is not strict: expansions keep
 * the most similar terms found through trigrams and phonetic keys, and
 * a tighter bound, sim x weights on each side, lost 18 of 2,620 hits on
 * the bench queries; acc / qw lost none.) Rank the rest by acc normalised
 * by their own length, so long names do not crowd out short exact ones.
 * s->acc keeps each touched name's sum for score_ent's bound. */
void sc_accumulate(const idt_screen_index *ix, scratch *s, const sc_qnames *qn, double thr)
{
  tcand tc[MAX_TERM_CANDS];
  double qw = s->qw = query_weight(qn), floor = thr >= 0 ? (thr - 0.1 - 0.05) / 0.9 : -1;
  /* below lim a name cannot reach the threshold (0: keep every name) */
  double dlim = floor > 0 && qw > 0 ? floor * qw : 0;
  /* the least float >= dlim: acc < lim exactly when acc < dlim */
  float lim = (float)dlim;
  if ((double)lim < dlim)
    lim = nextafterf(lim, INFINITY);
  size_t i, kept = 0, ntouched;
  const uint32_t *touched = s->touched;
  const name_acc *acc = s->acc;
  const float *len = s->name_len;
  uint64_t *ranked = s->ranked;
  s->ntouched = 0;
  for (i = 0; i < qn->nterms; i++) {
    const tcand *tv;
    size_t nt = sc_expand_memo(ix, s, qn->ptrs[i], s->tmemo[i], tc, &tv);
    add_postings(ix, s, qn->ptrs[i]->w, tv, nt);
  }
  add_joins(ix, s, qn);
  add_skel(ix, s, qn);
  ntouched = s->ntouched;
  for (i = 0; i < ntouched; i++) {
    uint32_t nm = touched[i];
    float sum = acc[nm].sum;
    if (sum < lim)
      continue;
    ranked[kept++] = rank_key(sum / len[nm], nm);
  }
  s->nranked = kept;
}

/* Hoare's partition of n >= 2 distinct keys around the middle one:
 * returns j < n - 1 with v[0..j] below v[j+1..n-1]. About a third of the
 * moves of the Lomuto scheme, one comparison per key. */
static size_t partition(uint64_t *v, size_t n)
{
  uint64_t pv = v[(n - 1) / 2];
  size_t i = 0, j = n - 1;
  for (;;) {
    uint64_t t;
    while (v[i] < pv)
      i++;
    while (v[j] > pv)
      j--;
    if (i >= j)
      return j;
    t = v[i];
    v[i++] = v[j];
    v[j--] = t;
  }
}

/* A first pivot for selecting the k smallest of n keys (n >= 4 k): the
 * key of a sample of SAMPLE placed a little above k / n of the way, moved
 * to the middle where partition takes it. The first pass then leaves
 * about 2 k keys on the small side instead of n / 2. */
#define SAMPLE 64
static void sample_pivot(uint64_t *v, size_t n, size_t k)
{
  uint64_t sm[SAMPLE], t;
  size_t i, r = k * SAMPLE / n + 2, at = 0;
  for (i = 0; i < SAMPLE; i++)
    sm[i] = v[i * (n / SAMPLE)];
  sc_sort_keys(sm, SAMPLE);
  for (i = 0; i < SAMPLE; i++)
    if (v[i * (n / SAMPLE)] == sm[r])
      at = i * (n / SAMPLE);
  t = v[at];
  v[at] = v[(n - 1) / 2];
  v[(n - 1) / 2] = t;
}

/* Partial selection: move the k smallest keys to the front of v
 * (unordered), so that only those k need sorting. Keys are distinct
 * (their low half is the name), so the front equals a full sort's. */
void sc_select_top(uint64_t *v, size_t n, size_t k)
{
  size_t lo = 0, hi = n;   /* v[0, lo) < v[lo, hi) < v[hi, n); lo <= k <= hi */
  if (k && n >= 4 * k)
    sample_pivot(v, n, k);
  while (lo < k && k < hi) {
    size_t j = lo + partition(v + lo, hi - lo);
    if (k <= j + 1)
      hi = j + 1;
    else
      lo = j + 1;
  }
}

/* Sort n keys ascending: quicksort, insertion sort for short runs. */
void sc_sort_keys(uint64_t *v, size_t n)
{
  while (n > 16) {
    size_t j = partition(v, n) + 1;
    if (j < n - j) {   /* recurse on the smaller side */
      sc_sort_keys(v, j);
      v += j;
      n -= j;
    } else {
      sc_sort_keys(v + j, n - j);
      n = j;
    }
  }
  for (size_t i = 1; i < n; i++) {
    uint64_t x = v[i];
    size_t j = i;
    for (; j > 0 && v[j - 1] > x; j--)
      v[j] = v[j - 1];
    v[j] = x;
  }
}

/* Entities of the first CAND_NAMES ranked names, each once, up to
 * limit - 1 in all; 1 when every one of them fitted. */
int sc_collect_ents(const idt_screen_index *ix, scratch *s, uint32_t *ents, size_t *nents,
                    size_t limit)
{
  size_t i;
  for (i = 0; i < s->nranked && i < CAND_NAMES; i++) {
    uint32_t e = ix->name_ent[(uint32_t)s->ranked[i]];
    if (s->ent_stamp[e] == s->estamp)
      continue;
    if (*nents >= limit - 1)
      return 0;
    s->ent_stamp[e] = s->estamp;
    ents[(*nents)++] = e;
  }
  return 1;
}

