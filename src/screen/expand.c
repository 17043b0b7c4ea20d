/*
 * expand.c - per-thread query state and token expansion (see run.c).
 *
 * A query token is expanded to similar vocabulary terms: itself, terms
 * sharing enough trigrams, the same NYSIIS key, Korean skeleton or
 * consonant skeleton; each kept when the token similarity passes
 * SC_SIM_MIN (at most MAX_TERM_CANDS). The expansion depends on the
 * spelling alone, so each thread memoises it per spelling, with the
 * number that keys the similarity cache and, for spellings outside the
 * vocabulary, the finished term.
 */
#include <stdlib.h>
#include <string.h>
#include "screen/run_int.h"

static _Thread_local scratch *tl_scratch;

void idt_screen_thread_cleanup(void)
{
  scratch *s = tl_scratch;
  if (!s)
    return;
  idt_free(s->acc);
  idt_free(s->touched);
  idt_free(s->ranked);
  idt_free(s->name_len);
  idt_free(s->tri_cnt);
  idt_free(s->term_touched);
  idt_free(s->tri_cand);
  idt_free(s->term_stamp);
  idt_free(s->ent_stamp);
  idt_free(s->same_stamp);
  idt_free(s->same);
  idt_free(s->ents);
  idt_free(s->cands);
  sc_cache_free(&s->cache);
  idt_map_free(&s->memo);
  idt_free(s->memo_id);
  idt_arena_free(&s->memo_arena);
  idt_free(s);
  tl_scratch = NULL;
}

scratch *sc_scratch_get(const idt_screen_index *ix)
{
  scratch *s = tl_scratch;
  size_t i;
  if (s && s->gen == ix->generation)
    return s;
  idt_screen_thread_cleanup();
  s = idt_calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->gen = ix->generation;
  s->nnames = ix->nnames;
  s->nterms = ix->nterms;
  s->nents = ix->nents;
  s->acc = idt_calloc(ix->nnames + 1, sizeof *s->acc);
  s->touched = idt_malloc((ix->nnames + 1) * sizeof *s->touched);
  s->ranked = idt_malloc((ix->nnames + 1) * sizeof *s->ranked);
  s->name_len = idt_malloc((ix->nnames + 1) * sizeof *s->name_len);
  s->tri_cnt = idt_calloc(ix->nterms + 1, sizeof *s->tri_cnt);
  s->term_touched = idt_malloc((ix->nterms + 1) * sizeof *s->term_touched);
  s->tri_cand = idt_malloc((ix->nterms + 1) * sizeof *s->tri_cand);
  s->term_stamp = idt_calloc(ix->nterms + 1, sizeof *s->term_stamp);
  s->ent_stamp = idt_calloc(ix->nents + 1, sizeof *s->ent_stamp);
  s->same_stamp = idt_calloc(ix->nnames + 1, sizeof *s->same_stamp);
  s->same = idt_malloc((ix->nnames + 1) * SAME_QN * sizeof *s->same);
  s->memo_id = idt_calloc(ix->nterms + 1, sizeof *s->memo_id);
  idt_map_init(&s->memo);
  idt_arena_init(&s->memo_arena);
  tl_scratch = s;
  if (!s->acc || !s->touched || !s->ranked || !s->name_len ||
      !s->tri_cnt || !s->term_touched || !s->tri_cand || !s->term_stamp || !s->ent_stamp ||
      !s->same_stamp || !s->same || !s->memo_id ||
      sc_cache_init(&s->cache, CACHE_BITS) < 0) {
    idt_screen_thread_cleanup();
    return NULL;
  }
  for (i = 0; i < ix->nnames; i++)
    s->name_len[i] = (float)(1.0 + 0.15 * ix->names[i].n);
  return s;
}

const sc_term *sc_memo_lookup(void *ctx, const char *s, size_t n)
{
  const lookup_ctx *c = ctx;
  const sc_term *t = ix_term(c->ix, s, n);
  const tok_memo *m;
  if (t)
    return t;
  m = idt_map_get(&c->s->memo, s, n);
  return m ? m->term : NULL;
}

/* ------------------------------------------------------------ candidates */

#define PLAIN_KEEP 0.8

static void consider(const idt_screen_index *ix, scratch *s, const sc_term *qt,
                     uint32_t tid, int korean, tcand *out, size_t *n)
{
  double sim;
  if (s->term_stamp[tid] == s->stamp || *n >= MAX_TERM_CANDS)
    return;
  s->term_stamp[tid] = s->stamp;
  sim = sc_tok_sim(qt, &ix->terms[tid], korean);
  {
    /* The plain flavour differs only when both tokens have a Korean
     * skeleton or share a surname class; it is left to the scorer (-1:
     * computed on first use), unless the Korean flavour dropped the term:
     * names that are not both Korean-shaped are scored in the plain one,
     * where Ramsan ~ Ramzan is one letter (a Chechen name), not two
     * syllables apart. A term the plain flavour finds close (PLAIN_KEEP)
     * stays a candidate; a looser bar found only false hits on the bench
     * queries (chang ~ kheng 0.80) and cost 9% more instructions. */
    const sc_term *t = &ix->terms[tid];
    int ko = korean && ((qt->ko[0] && t->ko[0]) || (qt->ko_sur >= 0 && qt->ko_sur == t->ko_sur));
    double plain = ko && sim < SC_SIM_MIN && sc_tok_sim_upper(qt, t, 0) > PLAIN_KEEP ?
                   sc_tok_sim(qt, t, 0) : -1.0;
    sc_cache_put(&s->cache, qt->qid, tid, !ko ? (float)sim : (float)plain, (float)sim);
    if (plain > PLAIN_KEEP)
      sim = plain;
  }
  if (sim >= SC_SIM_MIN) {
    out[*n].term = tid;
    out[(*n)++].sim = (float)sim;
  }
}

static void from_list(const idt_screen_index *ix, scratch *s, const idt_map *m,
                      const char *key, const sc_term *qt, int korean, tcand *out,
                      size_t *n)
{
  const ix_list *l;
  uint32_t i;
  if (!key[0] || !(l = idt_map_get(m, key, strlen(key))))
    return;
  for (i = 0; i < l->n && i < 2 * MAX_TERM_CANDS; i++)
    consider(ix, s, qt, l->ids[i], korean, out, n);
}

/* A piece of a split query token: a candidate (its postings count), but
 * not a similarity to cache (the scorer re-merges the list tokens). */
static void piece(scratch *s, const sc_term *qt, const sc_term *t, tcand *out, size_t *n)
{
  (void)qt;
  if (s->term_stamp[t->id] == s->stamp || *n >= MAX_TERM_CANDS)
    return;
  s->term_stamp[t->id] = s->stamp;
  out[*n].term = t->id;
  out[(*n)++].sim = 1.0f;
}

/* Count the trigrams of pad (ntri of them) each term shares; the terms
 * met go to s->term_touched in the order first met (returns how many),
 * those reaching need to s->tri_cand (*nc) keyed by (first trigram, id). */
static size_t tri_count(const idt_screen_index *ix, scratch *s, const char *pad, size_t ntri,
                        unsigned need, size_t *nc)
{
  uint32_t *cnt = s->tri_cnt, base;
  size_t k, nt = 0;
  *nc = 0;
  if (++s->tri_gen >= 1u << (32 - TRI_GEN_SHIFT)) {
    memset(cnt, 0, (s->nterms + 1) * sizeof *cnt);
    s->tri_gen = 1;
  }
  base = s->tri_gen << TRI_GEN_SHIFT;
  for (k = 0; k < ntri; k++) {
    const ix_list *l = idt_map_get(&ix->tri_map, pad + k, 3);
    uint32_t i, first = base | (uint32_t)k << TRI_K_SHIFT;
    if (!l)
      continue;
    for (i = 0; i < l->n; i++) {
      uint32_t t = l->ids[i], v = cnt[t];
      if (v < base) {
        v = first;
        s->term_touched[nt++] = t;
      }
      cnt[t] = ++v;
      if ((v & 0xFF) == need)
        s->tri_cand[(*nc)++] = (uint64_t)((v >> TRI_K_SHIFT) & 0x3F) << 32 | t;
    }
  }
  return nt;
}

/* The best TRI_TOP terms by shared trigrams, the earlier met first on
 * ties. */
typedef struct tri_top {
  uint32_t top[TRI_TOP];
  uint16_t topc[TRI_TOP];
  size_t ntop, w;
} tri_top;

static void top_add(tri_top *tp, uint32_t t, uint16_t c)
{
  size_t m;
  if (tp->ntop < TRI_TOP) {
    m = tp->ntop++;
  } else {
    /* w: the first slot with the lowest count, recomputed only when the
     * table changes (most terms lose against it) */
    if (tp->topc[tp->w] >= c)
      return;
    m = tp->w;
  }
  tp->top[m] = t;
  tp->topc[m] = c;
  if (tp->ntop == TRI_TOP) {
    size_t x;
    tp->w = 0;
    for (x = 1; x < TRI_TOP; x++)
      if (tp->topc[x] < tp->topc[tp->w]) tp->w = x;
  }
}

/* Similar vocabulary terms of one query token. */
static size_t expand(const idt_screen_index *ix, scratch *s, const sc_term *qt,
                     int korean, tcand *out)
{
  size_t n = 0, nt, nc, k, ntri;
  unsigned need;
  char pad[SC_TERM_MAX + 2];
  const sc_term *ex;
  s->stamp++;
  if ((ex = ix_term(ix, qt->s, qt->len)))
    consider(ix, s, qt, ex->id, korean, out, &n);
  if (qt->kind != IDT_TOK_WORD)
    return n;
  /* a joined token (CHONMASAN) reaches the names of its pieces: split it
   * into two or three vocabulary terms */
  if (qt->len >= 5) {
    size_t a, b2;
    for (a = 2; a + 2 <= qt->len; a++) {
      const sc_term *l = ix_term(ix, qt->s, a), *r;
      if (!l)
        continue;
      if ((r = ix_term(ix, qt->s + a, qt->len - a))) {
        piece(s, qt, l, out, &n);
        piece(s, qt, r, out, &n);
      }
      for (b2 = a + 1; b2 + 2 <= qt->len; b2++) {
        const sc_term *m = ix_term(ix, qt->s + a, b2 - a);
        if (m && (r = ix_term(ix, qt->s + b2, qt->len - b2))) {
          piece(s, qt, l, out, &n);
          piece(s, qt, m, out, &n);
          piece(s, qt, r, out, &n);
        }
      }
    }
  }
  from_list(ix, s, &ix->nys_map, qt->len >= 3 ? qt->nys : "", qt, korean, out, &n);
  from_list(ix, s, &ix->ko_map, qt->ko, qt, korean, out, &n);
  from_list(ix, s, &ix->cons_map, qt->cons, qt, korean, out, &n);
  from_list(ix, s, &ix->tk_map, qt->tk, qt, korean, out, &n);
  from_list(ix, s, &ix->tk_map, qt->tk2, qt, korean, out, &n);
  /* trigrams: count shared ones per term, keep those sharing enough */
  pad[0] = '^';
  memcpy(pad + 1, qt->s, qt->len);
  pad[qt->len + 1] = '$';
  ntri = (size_t)qt->len + 2 >= 3 ? (size_t)qt->len : 0;
  need = ntri <= 3 ? 1 : (unsigned)(ntri / 2);
  nt = tri_count(ix, s, pad, ntri, need, &nc);
  {
    /* the TRI_TOP terms sharing the most trigrams (at least need), taken
     * in the order the terms were first met (trigram by trigram, each
     * list by ascending term id): from the first-met list when most
     * terms qualify, else from the qualifying terms sorted by (first
     * trigram, term id), which is the same order */
    tri_top tp;
    size_t m;
    tp.ntop = tp.w = 0;
    if (nc * 4 >= nt) {
      for (k = 0; k < nt; k++) {
        uint32_t t = s->term_touched[k], c = s->tri_cnt[t] & 0xFF;
        if (c >= need)
          top_add(&tp, t, (uint16_t)c);
      }
    } else {
      sc_sort_keys(s->tri_cand, nc);
      for (k = 0; k < nc; k++) {
        uint32_t t = (uint32_t)s->tri_cand[k];
        top_add(&tp, t, (uint16_t)(s->tri_cnt[t] & 0xFF));
      }
    }
    for (m = 0; m < tp.ntop; m++)
      consider(ix, s, qt, tp.top[m], korean, out, &n);
  }
  return n;
}

/* Forget every memoised token (and so every cached similarity). */
void sc_memo_reset(scratch *s)
{
  idt_map_free(&s->memo);
  idt_arena_free(&s->memo_arena);
  idt_map_init(&s->memo);
  idt_arena_init(&s->memo_arena);
  memset(s->memo_id, 0, (s->nterms + 1) * sizeof *s->memo_id);
  s->memo_n = 0;
  sc_cache_clear(&s->cache);
}

/* Keep a copy of qt when its spelling is not in the vocabulary, so that
 * sc_memo_lookup hands it back next time (sc_term_init runs once a
 * spelling). Without memory it is simply not kept. */
static void keep_term(scratch *s, tok_memo *m, const sc_term *qt)
{
  if (m->term || qt->id != UINT32_MAX ||
      !(m->term = idt_arena_alloc(&s->memo_arena, sizeof *m->term)))
    return;
  *m->term = *qt;
  m->term->s = m->key;
  m->term->qid = 0;
}

/* The memo entry of a query token, created on first sight (NULL on OOM:
 * the caller then works without it). A vocabulary term's entry is found
 * by its id, without hashing the spelling, when the id stands for the
 * spelling (not for a token cut to SC_TERM_MAX - 1 letters, whose memo
 * key is the cut spelling). */
tok_memo *sc_memo_get(scratch *s, const sc_term *qt)
{
  int voc = qt->id < s->nterms && qt->len < SC_TERM_MAX - 1;
  tok_memo *m = voc ? s->memo_id[qt->id] : idt_map_get(&s->memo, qt->s, qt->len);
  char *k;
  if (!m) {
    m = idt_arena_alloc(&s->memo_arena, sizeof *m);
    k = m ? idt_arena_strndup(&s->memo_arena, qt->s, qt->len) : NULL;
    if (!k || (!voc && idt_map_put(&s->memo, k, qt->len, m) < 0))
      return NULL;
    if (voc)
      s->memo_id[qt->id] = m;
    m->qid = ++s->next_qid;
    m->ncand = -1;
    m->cand = NULL;
    m->nskel = -1;
    m->skel = NULL;
    m->key = k;
    m->term = NULL;
    s->memo_n++;
  }
  keep_term(s, m, qt);
  return m;
}

/* Similar vocabulary terms of query token qt, memoised per spelling. *out
 * points at the memo's copy or at buf. */
size_t sc_expand_memo(const idt_screen_index *ix, scratch *s, const sc_term *qt,
                      tok_memo *m, tcand *buf, const tcand **out)
{
  size_t n;
  if (m && m->ncand >= 0) {
    *out = m->cand;
    return (size_t)m->ncand;
  }
  n = expand(ix, s, qt, 1, buf);
  *out = buf;
  if (m && (m->cand = idt_arena_alloc(&s->memo_arena, (n + 1) * sizeof *buf)) != NULL) {
    memcpy(m->cand, buf, n * sizeof *buf);
    m->ncand = (int32_t)n;
  }
  return n;
}

