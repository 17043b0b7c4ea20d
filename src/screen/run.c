/*
 * run.c - one screening query: candidates from the index, then the scorer.
 *
 * 1. The query's names are normalised (same pipeline as the lists) and each
 *    token is expanded to similar vocabulary terms: itself, terms sharing
 *    enough trigrams, the same NYSIIS key, Korean skeleton or consonant
 *    skeleton; each kept when the token similarity passes SC_SIM_MIN.
 * 2. The postings of those terms accumulate sim x weight per list name; the
 *    best CAND_NAMES names give the candidate entities, plus every entity
 *    hit by an identifier.
 * 3. Each candidate is scored: best name alignment over (query name, list
 *    name) pairs, weak aliases only on an exact form, then qualifiers.
 * Exhaustive mode skips 1-2 and scores every entity (to measure the
 * index's candidate recall against the same scorer).
 *
 * Scratch space (accumulators sized to the index) is kept per thread and
 * reused across queries of the same index generation.
 *
 * Past 800 lines: candidate collection and entity scoring share the
 * per-thread scratch; the expansion (expand, memo) is the piece to move
 * to its own file.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "screen/index_int.h"
#include "screen/names.h"
#include "screen/qual.h"
#include "common/arena.h"

#define CAND_NAMES 160
#define CAND_ENTS 64
#define MAX_TERM_CANDS 64
#define TRI_TOP 48

typedef struct scratch {
  uint64_t gen;
  size_t nnames, nterms, nents;
  float *name_acc;
  float *name_sum;        /* name_acc before ranking: name_sum / qw bounds
                           * the name's score (accumulate) */
  double qw;              /* the query's weight (query_weight) */
  uint32_t *touched;      /* names with acc > 0 this query */
  size_t ntouched;
  uint64_t *ranked;       /* kept names' rank keys (rank_key) */
  size_t nranked;
  float *name_len;        /* 1 + 0.15 x tokens: ranks acc per name length */
  uint16_t *tri_cnt;
  uint32_t *term_touched;
  uint32_t *term_stamp;
  uint32_t stamp;
  uint32_t *ent_stamp;
  uint32_t *name_stamp;   /* == estamp: the name shares an expanded term */
  uint32_t estamp;
  uint32_t *same_stamp;   /* == estamp: same[] of this name holds this query's */
  struct same_cell *same; /* nnames x SAME_QN: scores of shared names */
  sc_qnames q;
  struct tok_memo *tmemo[SC_MAX_QTERMS];
  sc_sim_cache cache;
  /* Query tokens seen by this thread (spelling -> tok_memo): the token
   * number that keys the similarity cache, and the token's expansion.
   * Names repeat their tokens (Mohammad, Ivan, Li), so most tokens of a
   * query were expanded before; both depend on the spelling alone. */
  idt_map memo;
  idt_arena memo_arena;
  size_t memo_n;
  uint32_t next_qid;
} scratch;

/* A shared list name's score against query name qi < SAME_QN, this query:
 * the score itself (exact), or that it is below v (below). */
#define SAME_QN 4
typedef struct same_cell {
  double v;
  uint8_t state;          /* 0 unknown, 1 exact, 2 below v */
} same_cell;

typedef struct tok_memo {
  uint32_t qid;
  int32_t ncand;              /* -1: not expanded yet */
  struct tcand *cand;
  const char *key;            /* the spelling (memo arena) */
  sc_term *term;              /* a spelling not in the vocabulary: its
                               * term, so that sc_term_init runs once */
} tok_memo;

/* Cache: 2^19 slots (10 MB a thread); memo: reset beyond this many tokens. */
#define CACHE_BITS 19
#define MEMO_MAX 200000

static _Thread_local scratch *tl_scratch;

void idt_screen_thread_cleanup(void)
{
  scratch *s = tl_scratch;
  if (!s)
    return;
  idt_free(s->name_acc);
  idt_free(s->name_sum);
  idt_free(s->touched);
  idt_free(s->ranked);
  idt_free(s->name_len);
  idt_free(s->tri_cnt);
  idt_free(s->term_touched);
  idt_free(s->term_stamp);
  idt_free(s->ent_stamp);
  idt_free(s->name_stamp);
  idt_free(s->same_stamp);
  idt_free(s->same);
  sc_cache_free(&s->cache);
  idt_map_free(&s->memo);
  idt_arena_free(&s->memo_arena);
  idt_free(s);
  tl_scratch = NULL;
}

static scratch *get_scratch(const idt_screen_index *ix)
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
  s->name_acc = idt_calloc(ix->nnames + 1, sizeof *s->name_acc);
  s->name_sum = idt_malloc((ix->nnames + 1) * sizeof *s->name_sum);
  s->touched = idt_malloc((ix->nnames + 1) * sizeof *s->touched);
  s->ranked = idt_malloc((ix->nnames + 1) * sizeof *s->ranked);
  s->name_len = idt_malloc((ix->nnames + 1) * sizeof *s->name_len);
  s->tri_cnt = idt_calloc(ix->nterms + 1, sizeof *s->tri_cnt);
  s->term_touched = idt_malloc((ix->nterms + 1) * sizeof *s->term_touched);
  s->term_stamp = idt_calloc(ix->nterms + 1, sizeof *s->term_stamp);
  s->ent_stamp = idt_calloc(ix->nents + 1, sizeof *s->ent_stamp);
  s->name_stamp = idt_calloc(ix->nnames + 1, sizeof *s->name_stamp);
  s->same_stamp = idt_calloc(ix->nnames + 1, sizeof *s->same_stamp);
  s->same = idt_malloc((ix->nnames + 1) * SAME_QN * sizeof *s->same);
  idt_map_init(&s->memo);
  idt_arena_init(&s->memo_arena);
  tl_scratch = s;
  if (!s->name_acc || !s->name_sum || !s->touched || !s->ranked || !s->name_len || !s->tri_cnt || !s->term_touched ||
      !s->term_stamp || !s->ent_stamp || !s->name_stamp || !s->same_stamp || !s->same ||
      sc_cache_init(&s->cache, CACHE_BITS) < 0) {
    idt_screen_thread_cleanup();
    return NULL;
  }
  for (i = 0; i < ix->nnames; i++)
    s->name_len[i] = (float)(1.0 + 0.15 * ix->names[i].n);
  return s;
}

/* Terms for sc_qnames_add: the vocabulary's, else one this thread made
 * for the same spelling before (see idt_screen_run). */
typedef struct lookup_ctx {
  const idt_screen_index *ix;
  scratch *s;
} lookup_ctx;

static const sc_term *lookup(void *ctx, const char *s, size_t n)
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

typedef struct tcand {
  uint32_t term;
  float sim;
} tcand;

static void consider(const idt_screen_index *ix, scratch *s, const sc_term *qt,
                     uint32_t tid, int korean, tcand *out, size_t *n)
{
  double sim;
  if (s->term_stamp[tid] == s->stamp || *n >= MAX_TERM_CANDS)
    return;
  s->term_stamp[tid] = s->stamp;
  sim = sc_tok_sim(qt, &ix->terms[tid], korean);
  {
    /* the non-Korean flavour differs only when both tokens have a Korean
     * skeleton or share a surname class; then it is left to the scorer
     * (-1: computed on first use, most queries never need it) */
    const sc_term *t = &ix->terms[tid];
    int ko = korean && ((qt->ko[0] && t->ko[0]) || (qt->ko_sur >= 0 && qt->ko_sur == t->ko_sur));
    sc_cache_put(&s->cache, qt->qid, tid, ko ? -1.0f : (float)sim, (float)sim);
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

/* Similar vocabulary terms of one query token. */
static size_t expand(const idt_screen_index *ix, scratch *s, const sc_term *qt,
                     int korean, tcand *out)
{
  size_t n = 0, nt = 0, k, ntri = 0;
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
  /* trigrams: count shared ones per term, keep those sharing enough */
  pad[0] = '^';
  memcpy(pad + 1, qt->s, qt->len);
  pad[qt->len + 1] = '$';
  for (k = 0; k + 3 <= (size_t)qt->len + 2; k++) {
    const ix_list *l = idt_map_get(&ix->tri_map, pad + k, 3);
    uint32_t i;
    ntri++;
    if (!l)
      continue;
    for (i = 0; i < l->n; i++) {
      uint32_t t = l->ids[i];
      if (!s->tri_cnt[t]++)
        s->term_touched[nt++] = t;
    }
  }
  {
    /* the TRI_TOP terms sharing the most trigrams (at least half) */
    unsigned need = ntri <= 3 ? 1 : (unsigned)(ntri / 2);
    uint32_t top[TRI_TOP];
    uint16_t topc[TRI_TOP];
    size_t ntop = 0, m, w = 0;
    for (k = 0; k < nt; k++) {
      uint32_t t = s->term_touched[k];
      uint16_t c = s->tri_cnt[t];
      s->tri_cnt[t] = 0;
      if (c < need)
        continue;
      if (ntop < TRI_TOP) {
        m = ntop++;
      } else {
        /* w: the first slot with the lowest count, recomputed only when
         * the table changes (most touched terms lose against it) */
        if (topc[w] >= c)
          continue;
        m = w;
      }
      top[m] = t;
      topc[m] = c;
      if (ntop == TRI_TOP) {
        size_t x;
        w = 0;
        for (x = 1; x < TRI_TOP; x++)
          if (topc[x] < topc[w]) w = x;
      }
    }
    for (m = 0; m < ntop; m++)
      consider(ix, s, qt, top[m], korean, out, &n);
  }
  return n;
}

/* Forget every memoised token (and so every cached similarity). */
static void memo_reset(scratch *s)
{
  idt_map_free(&s->memo);
  idt_arena_free(&s->memo_arena);
  idt_map_init(&s->memo);
  idt_arena_init(&s->memo_arena);
  s->memo_n = 0;
  sc_cache_clear(&s->cache);
}

/* The memo entry of a query token, created on first sight (NULL on OOM:
 * the caller then works without it). */
static tok_memo *memo_get(scratch *s, const sc_term *qt)
{
  tok_memo *m = idt_map_get(&s->memo, qt->s, qt->len);
  char *k;
  if (m)
    return m;
  m = idt_arena_alloc(&s->memo_arena, sizeof *m);
  k = m ? idt_arena_strndup(&s->memo_arena, qt->s, qt->len) : NULL;
  if (!k || idt_map_put(&s->memo, k, qt->len, m) < 0)
    return NULL;
  m->qid = ++s->next_qid;
  m->ncand = -1;
  m->cand = NULL;
  m->key = k;
  m->term = NULL;
  s->memo_n++;
  return m;
}

/* Similar vocabulary terms of query token qt, memoised per spelling. *out
 * points at the memo's copy or at buf. */
static size_t expand_memo(const idt_screen_index *ix, scratch *s, const sc_term *qt,
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

/* ------------------------------------------------------------ postings */

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

/* Add one query token's expansions to the names in their postings. */
static void add_postings(const idt_screen_index *ix, scratch *s, const sc_term *qt,
                         const tcand *tv, size_t nt)
{
  size_t kk;
  for (kk = 0; kk < nt; kk++) {
    const sc_term *t = &ix->terms[tv[kk].term];
    float add = tv[kk].sim * (t->w + qt->w);
    uint32_t p;
    for (p = ix->post_off[t->id]; p < ix->post_off[t->id + 1]; p++) {
      uint32_t nm = ix->post[p];
      if (s->name_acc[nm] == 0) {
        s->touched[s->ntouched++] = nm;
        s->name_stamp[nm] = s->estamp;
      }
      s->name_acc[nm] += add;
    }
  }
}

/* A name's rank key: ascending keys are descending acc (> 0, so its bits
 * order as its value), then ascending name number. */
static uint64_t rank_key(float acc, uint32_t nm)
{
  uint32_t b;
  memcpy(&b, &acc, sizeof b);
  return ((uint64_t)(UINT32_MAX - b) << 32) | nm;
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
 * name_sum keeps each touched name's acc for score_ent's bound. */
static void accumulate(const idt_screen_index *ix, scratch *s, const sc_qnames *qn, double thr)
{
  tcand tc[MAX_TERM_CANDS];
  double qw = s->qw = query_weight(qn), floor = thr >= 0 ? (thr - 0.1 - 0.05) / 0.9 : -1;
  /* below lim a name cannot reach the threshold (0: keep every name) */
  double dlim = floor > 0 && qw > 0 ? floor * qw : 0;
  /* the least float >= dlim: acc < lim exactly when acc < dlim */
  float lim = (float)dlim;
  if ((double)lim < dlim)
    lim = nextafterf(lim, INFINITY);
  size_t i, kept = 0;
  s->ntouched = 0;
  for (i = 0; i < qn->nterms; i++) {
    const tcand *tv;
    size_t nt = expand_memo(ix, s, qn->ptrs[i], s->tmemo[i], tc, &tv);
    add_postings(ix, s, qn->ptrs[i], tv, nt);
  }
  for (i = 0; i < s->ntouched; i++) {
    uint32_t nm = s->touched[i];
    float acc = s->name_acc[nm];
    s->name_acc[nm] = 0;
    s->name_sum[nm] = acc;
    if (acc < lim)
      continue;
    s->ranked[kept++] = rank_key(acc / s->name_len[nm], nm);
  }
  s->nranked = kept;
}

static void swap64(uint64_t *v, size_t i, size_t j)
{
  uint64_t t = v[i];
  v[i] = v[j];
  v[j] = t;
}

/* Partial selection: move the k smallest keys to the front of v
 * (unordered), so that only those k need sorting. Keys are distinct
 * (their low half is the name), so the front equals a full sort's. */
static void select_top(uint64_t *v, size_t n, size_t k)
{
  size_t lo = 0, hi = n;   /* the k-th lies in [lo, hi) */
  while (hi - lo > 1) {
    size_t i, st = lo;
    uint64_t pv;
    swap64(v, lo + (hi - lo) / 2, hi - 1);
    pv = v[hi - 1];
    for (i = lo; i + 1 < hi; i++)
      if (v[i] < pv)
        swap64(v, i, st++);
    swap64(v, st, hi - 1);
    if (st == k || st + 1 == k)
      return;
    if (st > k)
      hi = st;
    else
      lo = st + 1;
  }
}

/* Sort n keys ascending: quicksort, insertion sort for short runs. */
static void sort_keys(uint64_t *v, size_t n)
{
  while (n > 16) {
    size_t i, st = 0;
    uint64_t pv;
    swap64(v, n / 2, n - 1);
    pv = v[n - 1];
    for (i = 0; i + 1 < n; i++)
      if (v[i] < pv)
        swap64(v, i, st++);
    swap64(v, st, n - 1);
    if (st < n - st - 1) {   /* recurse on the smaller side */
      sort_keys(v, st);
      v += st + 1;
      n -= st + 1;
    } else {
      sort_keys(v + st + 1, n - st - 1);
      n = st;
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
static int collect_ents(const idt_screen_index *ix, scratch *s, uint32_t *ents,
                        size_t *nents, size_t limit)
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

/* ---------------------------------------------------------------- scoring */

typedef struct cand {
  uint32_t ent;
  double score, name;
  int qi;            /* best query name, -1 none */
  int verbatim;      /* the list name is spelled exactly as the query */
  uint32_t ni;       /* best list name (global index) */
  sc_quals qu;
} cand;

/* Schema compatibility answers of one query, by entity schema: a query
 * meets a handful of schemata, each walked once instead of per entity. */
typedef struct schema_memo {
  const idt_schema *s[16];
  uint8_t ok[16];
  size_t n;
} schema_memo;

static int schema_allowed(schema_memo *m, const idt_schema *qs, const idt_schema *es)
{
  size_t i;
  int ok;
  for (i = 0; i < m->n; i++)
    if (m->s[i] == es)
      return m->ok[i];
  ok = idt_schema_compatible(qs, es) || idt_schema_is_a(es, "CryptoWallet");
  if (m->n < 16) {
    m->s[m->n] = es;
    m->ok[m->n++] = (uint8_t)ok;
  }
  return ok;
}

static int ent_allowed(const idt_screen_index *ix, const ix_ent *e,
                       const idt_schema *qs, const idt_screen_opts *o, schema_memo *sm)
{
  size_t i;
  (void)ix;
  if (qs && !schema_allowed(sm, qs, e->schema))
    return 0;
  if (o->ndatasets) {
    for (i = 0; i < o->ndatasets; i++)
      if (e->dataset && !strcmp(e->dataset, o->datasets[i]))
        return 1;
    return 0;
  }
  return 1;
}

/* IMO number check digit: (d1*7 + d2*6 + ... + d6*2) mod 10 == d7. A
 * query IMO that fails it is a typo, not near-certain evidence. */
static int imo_ok(const char *v)
{
  char k[32];
  size_t n = ix_ident_key(v, k, sizeof k), i;
  int sum = 0;
  if (n != 7)
    return 0;
  for (i = 0; i < 7; i++)
    if (k[i] < '0' || k[i] > '9')
      return 0;
  for (i = 0; i < 6; i++)
    sum += (k[i] - '0') * (int)(7 - i);
  return sum % 10 == k[6] - '0';
}

static void ident_hit(const ix_ent *e, const idt_screen_query *q, sc_quals *qu)
{
  const char *qv[5] = { q->imo && imo_ok(q->imo) ? q->imo : NULL, q->mmsi,
                        q->passport, q->id_number, q->wallet };
  size_t i, k;
  for (k = 0; k < 5; k++) {
    char a[128], b[128];
    size_t al;
    if (!qv[k] || !*qv[k] || (al = ix_ident_key(qv[k], a, sizeof a)) < 4)
      continue;
    for (i = 0; i < e->nidents; i++)
      if (ix_ident_key(e->idents[i].value, b, sizeof b) == al && !memcmp(a, b, al)) {
        qu->ident = 0.97;
        qu->ident_note = e->idents[i].label ? e->idents[i].label : "identifier";
        snprintf(qu->ident_val, sizeof qu->ident_val, "%s", e->idents[i].value);
        return;
      }
  }
}

/* Score of query name q (number qi) against a shared list name en (see
 * sc_name.same): aligned once per query for all the names with the same
 * terms. What the caller needs of sc_name_score_min holds: the score when
 * it is >= need, else some value below need (and never above the score),
 * and the caller keeps the first name reaching the best score, so its
 * choice does not change. */
static double same_score(scratch *s, const sc_name *q, size_t qi, const sc_name *en,
                         double need)
{
  uint32_t id = en->same;
  same_cell *c = &s->same[(size_t)id * SAME_QN + qi];
  double v;
  int exact;
  if (s->same_stamp[id] != s->estamp) {
    size_t k;
    s->same_stamp[id] = s->estamp;
    for (k = 0; k < SAME_QN; k++)
      s->same[(size_t)id * SAME_QN + k].state = 0;
  }
  if (c->state == 1)
    return c->v;
  if (c->state == 2 && need >= c->v)
    return 0;
  v = sc_name_score_bound(q, en, need, &exact);
  c->state = exact ? 1 : 2;
  c->v = exact ? v : need;
  return v;
}

/* May the aligner merge tokens of list name en or of a query name (a
 * merged token is matched by spelling, outside the postings' sums)? */
static int merges(const sc_qnames *qn, const sc_name *en)
{
  size_t i;
  for (i = 0; i < qn->n; i++)
    if (sc_may_merge(&qn->names[i].mm, &en->mm) || sc_may_merge(&en->mm, &qn->names[i].mm))
      return 1;
  return 0;
}

/* Is list name nm's score provably below v by its postings' bound
 * (name_sum / qw, see accumulate)? */
static int below(const scratch *s, uint32_t nm, double v)
{
  return s->qw > 0 && s->name_sum[nm] < (v - 1e-4) * s->qw;
}

/* Score entity eid: the best of its names against the query's. When
 * nstamp is given, only the names sharing an expanded term with the query
 * (nstamp[name] == st) are scored: an alias with no similar token cannot
 * be the best name (and skipping them halves the scorer's work). */
static void score_ent(const idt_screen_index *ix, scratch *sc, const sc_qnames *qn,
                      const idt_screen_query *q, const sc_qprep *qp,
                      const idt_screen_opts *o,
                      uint32_t eid, const uint32_t *nstamp, uint32_t st, cand *c)
{
  const ix_ent *e = &ix->ents[eid];
  uint32_t k;
  size_t i;
  double best = 0, need = 0;
  memset(c, 0, sizeof *c);
  c->ent = eid;
  c->qi = -1;
  if (o->mode != IDT_SCREEN_MODE_OFAC) {
    sc_qual_dob(&c->qu, qp, e->dobs, e->ndobs);
    sc_qual_country(&c->qu, qp, e->countries, e->ncountries);
    sc_qual_gender(&c->qu, q->gender, e->gender);
    ident_hit(e, q, &c->qu);
    /* Hits only: without an identifier, the entity reaches the threshold
     * only if a name scores >= need (sc_entity_score inverted, with a
     * margin for rounding); a name that provably cannot is not aligned. A
     * name below need can neither be the best of a hit. */
    if (nstamp && o->threshold > 0 && c->qu.ident <= 0)
      need = (o->threshold - 0.05 - (c->qu.dob + c->qu.country + c->qu.gender)) / 0.9 - 1e-6;
  }
  for (k = 0; k < e->nnames; k++) {
    const sc_name *en = &ix->names[e->name0 + k];
    if (nstamp && nstamp[e->name0 + k] != st)
      continue;
    if (nstamp && !en->weak && below(sc, e->name0 + k, best > need ? best : need) &&
        !merges(qn, en))
      continue;
    for (i = 0; i < qn->n; i++) {
      double s;
      if (!sc_pairable(&qn->names[i], en))
        continue;
      if (o->mode == IDT_SCREEN_MODE_OFAC) {
        if (en->weak)
          continue;
        s = sc_ofac_score(qn->names[i].orig, en->orig) / 100.0;
      } else if (en->weak) {
        s = strcmp(en->form, qn->names[i].form) ? 0 : 0.85;
      } else if (en->shared && i < SAME_QN) {
        s = same_score(sc, &qn->names[i], i, en, best > need ? best : need);
      } else {
        s = sc_name_score_min(&qn->names[i], en, best > need ? best : need);
      }
      if (s > best || c->qi < 0) {
        best = s;
        c->qi = (int)i;
        c->ni = e->name0 + k;
      }
    }
  }
  c->name = best;
  if (c->qi >= 0)
    c->verbatim = !strcasecmp(qn->names[c->qi].orig, ix->names[c->ni].orig);
  if (o->mode == IDT_SCREEN_MODE_OFAC) {
    c->score = best;
    return;
  }
  c->score = c->qi >= 0 || c->qu.ident > 0 ? sc_entity_score(best, &c->qu) : 0;
}

static int cmp_cand(const void *a, const void *b)
{
  const cand *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  /* a tie (two people of the same name): the verbatim spelling first */
  if (x->verbatim != y->verbatim)
    return x->verbatim ? -1 : 1;
  return x->ent < y->ent ? -1 : x->ent > y->ent;
}

/* Entities hit by the query's identifiers. */
static size_t ident_cands(const idt_screen_index *ix, const idt_screen_query *q,
                          uint32_t *out, size_t max)
{
  const char *qv[5] = { q->imo && imo_ok(q->imo) ? q->imo : NULL, q->mmsi,
                        q->passport, q->id_number, q->wallet };
  size_t k, n = 0;
  for (k = 0; k < 5; k++) {
    char key[128];
    size_t kl;
    const ix_list *l;
    uint32_t i;
    if (!qv[k] || (kl = ix_ident_key(qv[k], key, sizeof key)) < 4)
      continue;
    if (!(l = idt_map_get(&ix->id_map, key, kl)))
      continue;
    for (i = 0; i < l->n && n < max; i++)
      out[n++] = l->ids[i];
  }
  return n;
}

/* ---------------------------------------------------------------- results */

typedef struct result_priv {
  idt_arena arena;
} result_priv;

static int make_hit(const idt_screen_index *ix, const sc_qnames *qn, const cand *c,
                    const idt_screen_opts *o, idt_arena *a, idt_screen_hit *h)
{
  const ix_ent *e = &ix->ents[c->ent];
  idt_buf eb, xb;
  sc_align al;
  const sc_name *qname = c->qi >= 0 ? &qn->names[c->qi] : NULL;
  const sc_name *ename = c->qi >= 0 ? &ix->names[c->ni] : NULL;
  int rc = 0;
  h->entity_id = e->id;
  h->dataset = e->dataset;
  h->source_id = e->source_id;
  h->schema = e->schema->name;
  h->caption = e->caption;
  h->score = c->score;
  h->name_score = c->name;
  h->matched_name = ename ? ename->orig : NULL;
  h->match = c->score >= (o->threshold < 0 ? IDT_SCREEN_THRESHOLD : o->threshold);
  idt_buf_init(&eb, 1 << 16);
  idt_buf_init(&xb, 1 << 14);
  if (qname && ename) {
    if (o->mode == IDT_SCREEN_MODE_OFAC || ename->weak) {
      memset(&al, 0, sizeof al);
      al.score = c->name;
    } else {
      sc_name_score(qname, ename, &al);
    }
  }
  if (o->mode == IDT_SCREEN_MODE_OFAC) {
    idt_buf_puts(&eb, "{\"mode\":\"ofac\",\"matched\":");
    idt_buf_json_str(&eb, ename ? ename->orig : "", ename ? strlen(ename->orig) : 0);
    idt_buf_printf(&eb, ",\"ofac_score\":%.0f}", c->name * 100.0);
    idt_buf_printf(&xb, "OFAC-compatible score %.0f against '%s'", c->name * 100.0,
                   ename ? ename->orig : "");
  } else {
    sc_feature fs[SC_MAX_FEATURES];
    size_t k;
    h->nfeatures = sc_features(qname, ename, c->name, &c->qu, fs);
    for (k = 0; k < h->nfeatures && k < IDT_SCREEN_MAX_FEATURES; k++) {
      h->features[k].name = fs[k].name;
      h->features[k].contribution = fs[k].contribution;
    }
    sc_evidence_json(&eb, qname, ename, qname ? &al : NULL, c->name, &c->qu, c->score);
    sc_explain_hit(&xb, qname, ename, qname ? &al : NULL, c->name, &c->qu);
    if (ename && ename->weak)
      idt_buf_puts(&xb, " (exact weak alias)");
  }
  h->evidence = idt_arena_strndup(a, eb.p ? eb.p : "{}", eb.p ? eb.len : 2);
  h->explanation = idt_arena_strndup(a, xb.p ? xb.p : "", xb.p ? xb.len : 0);
  if (!h->evidence || !h->explanation)
    rc = IDT_ENOMEM;
  idt_buf_free(&eb);
  idt_buf_free(&xb);
  return rc;
}

int idt_screen_run(const idt_screen_index *ix, const idt_screen_query *q,
                   const idt_screen_opts *opts, idt_screen_result **out)
{
  idt_screen_opts dflt = IDT_SCREEN_OPTS_INIT;
  const idt_screen_opts *o = opts ? opts : &dflt;
  const idt_schema *qs = NULL;
  sc_qprep qp;
  schema_memo sm;
  lookup_ctx lc;
  scratch *s;
  sc_qnames *qn;
  cand *cands = NULL;
  uint32_t *ents = NULL;
  size_t nents = 0, ncand = 0, i, j, limit, nident = 0;
  idt_screen_result *r = NULL;
  result_priv *rp = NULL;
  int rc = 0;
  double thr = o->threshold;
  *out = NULL;
  if (!ix || !q)
    return idt_error_set(IDT_EINVAL, "screen: no index or query");
  if (q->schema && *q->schema && !(qs = idt_schema_get(q->schema)))
    return idt_error_set(IDT_EINVAL, "screen: query %s: unknown schema '%s'",
                         q->id ? q->id : "", q->schema);
  if (!(s = get_scratch(ix)))
    return IDT_ENOMEM;
  qn = &s->q;
  qn->n = qn->nterms = 0;
  lc.ix = ix;
  lc.s = s;
  if ((rc = sc_qnames_add(qn, q->name, NULL, 0, lookup, &lc)) < 0)
    return rc;
  for (i = 0; i < q->naliases; i++)
    if ((rc = sc_qnames_add(qn, q->aliases[i], NULL, 0, lookup, &lc)) < 0)
      return rc;
  /* bounded memory: start the memo afresh beyond MEMO_MAX tokens (and
   * before the token numbers wrap), the cache when a quarter full */
  if (s->memo_n + qn->nterms > MEMO_MAX || s->next_qid > UINT32_MAX / 2) {
    memo_reset(s);
    if (s->next_qid > UINT32_MAX / 2)
      s->next_qid = 0;
  } else if (s->cache.used >= (1u << CACHE_BITS) / 4) {
    sc_cache_clear(&s->cache);
  }
  for (i = 0; i < qn->nterms; i++) {
    /* the thread's number for this spelling keys the similarity cache;
     * without a memo entry (OOM), a number no other token has */
    tok_memo *m = memo_get(s, &qn->terms[i]);
    qn->terms[i].qid = m ? m->qid : ++s->next_qid;
    s->tmemo[i] = m;
    if (m && !m->term && qn->terms[i].id == UINT32_MAX &&
        (m->term = idt_arena_alloc(&s->memo_arena, sizeof *m->term)) != NULL) {
      *m->term = qn->terms[i];
      m->term->s = m->key;
      m->term->qid = 0;
    }
  }
  limit = o->exhaustive ? ix->nents : CAND_ENTS + 16;
  ents = idt_malloc((limit + 1) * sizeof *ents);
  cands = idt_malloc((limit + 1) * sizeof *cands);
  if (!ents || !cands) {
    rc = IDT_ENOMEM;
    goto out;
  }
  s->estamp++;
  if (o->exhaustive) {
    for (i = 0; i < ix->nents; i++)
      ents[nents++] = (uint32_t)i;
  } else {
    uint32_t idc[16];
    size_t nid = ident_cands(ix, q, idc, 16);
    for (i = 0; i < nid; i++)
      if (s->ent_stamp[idc[i]] != s->estamp) {
        s->ent_stamp[idc[i]] = s->estamp;
        ents[nents++] = idc[i];
      }
    nident = nents;
    accumulate(ix, s, qn, thr);
    if (s->nranked > CAND_NAMES)
      select_top(s->ranked, s->nranked, CAND_NAMES);
    /* The best CAND_NAMES names give their entities, in rank order while
     * there is room (limit - 1). When all of them fit, rank order does not
     * matter (the hits are sorted by cmp_cand, a total order, and no
     * score depends on the order entities are scored in): then no sort. */
    if (!collect_ents(ix, s, ents, &nents, limit) && s->nranked > CAND_NAMES) {
      for (i = nident; i < nents; i++)
        s->ent_stamp[ents[i]] = s->estamp - 1;
      nents = nident;
      sort_keys(s->ranked, CAND_NAMES);
      collect_ents(ix, s, ents, &nents, limit);
    }
  }
  sc_cache_install(o->exhaustive ? NULL : &s->cache);
  sc_qual_prep(&qp, q->birth_date, q->nationality ? q->nationality : q->country);
  sm.n = 0;
  for (i = 0; i < nents; i++) {
    const ix_ent *e = &ix->ents[ents[i]];
    if (!ent_allowed(ix, e, qs, o, &sm))
      continue;
    score_ent(ix, s, qn, q, &qp, o, ents[i],
              o->exhaustive || i < nident ? NULL : s->name_stamp, s->estamp,
              &cands[ncand]);
    if (thr < 0 || cands[ncand].score >= thr)
      ncand++;
  }
  qsort(cands, ncand, sizeof *cands, cmp_cand);
  if (o->limit && ncand > o->limit)
    ncand = o->limit;
  r = idt_calloc(1, sizeof *r);
  rp = idt_calloc(1, sizeof *rp);
  if (!r || !rp) {
    rc = IDT_ENOMEM;
    goto out;
  }
  idt_arena_init(&rp->arena);
  r->priv = rp;
  r->candidates = nents;
  r->hits = idt_arena_calloc(&rp->arena, (ncand + 1) * sizeof *r->hits);
  if (!r->hits) {
    rc = IDT_ENOMEM;
    goto out;
  }
  for (j = 0; j < ncand; j++) {
    sc_qual_vals(&cands[j].qu, &qp);
    if ((rc = make_hit(ix, qn, &cands[j], o, &rp->arena, &r->hits[r->n++])) < 0)
      goto out;
  }
  *out = r;
  r = NULL;
out:
  sc_cache_install(NULL);
  idt_free(ents);
  idt_free(cands);
  idt_screen_result_free(r);
  return rc;
}

void idt_screen_result_free(idt_screen_result *r)
{
  result_priv *rp;
  if (!r)
    return;
  rp = r->priv;
  if (rp) {
    idt_arena_free(&rp->arena);
    idt_free(rp);
  }
  idt_free(r);
}
