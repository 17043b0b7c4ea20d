/*
 * run_int.h - one query's per-thread state (internal to src/screen): the
 * scratch space sized to the index, the token memo and its expansions
 * (expand.c), the postings' sums and candidate ranking (cands.c), and what
 * run.c's scoring keeps per query.
 */
#ifndef IDT_SCREEN_RUN_INT_H
#define IDT_SCREEN_RUN_INT_H
#include "screen/index_int.h"
#include "screen/names.h"
#include "common/arena.h"

#define CAND_NAMES 160
#define CAND_ENTS 64
#define MAX_TERM_CANDS 64
#define TRI_TOP 48
/* tri_cnt packs a term's trigram count (bits 0-7; a query token has at
 * most SC_TERM_MAX trigrams), the first query trigram it shares (bits
 * 8-13) and the expansion it belongs to (bits 14-31): nothing to clear
 * between expansions but every 2^18th. */
#define TRI_K_SHIFT 8
#define TRI_GEN_SHIFT 14

typedef struct scratch {
  uint64_t gen;
  size_t nnames, nterms, nents;
  struct name_acc *acc;    /* per list name: its postings' sum this query */
  double qw;              /* the query's weight (query_weight) */
  uint32_t *touched;      /* names with acc > 0 this query */
  size_t ntouched;
  uint64_t *ranked;       /* kept names' rank keys (rank_key) */
  size_t nranked;
  float *name_len;        /* 1 + 0.15 x tokens: ranks acc per name length */
  uint32_t *tri_cnt;      /* per term: tri_gen, first list, shared trigrams
                           * (expand.c, TRI_* below) */
  uint32_t tri_gen;
  uint32_t *term_touched;
  uint64_t *tri_cand;     /* terms sharing enough trigrams (expand.c) */
  uint32_t *term_stamp;
  uint32_t stamp;
  uint32_t *ent_stamp;
  uint32_t estamp;
  uint32_t *same_stamp;   /* == estamp: same[] of this name holds this query's */
  struct same_cell *same; /* nnames x SAME_QN: scores of shared names */
  sc_qnames q;
  /* a query's candidate entities and their scores (run.c's struct cand),
   * CAND_ENTS + 17 each, kept across queries; exhaustive runs allocate */
  uint32_t *ents;
  struct cand *cands;
  struct tok_memo *tmemo[SC_MAX_QTERMS];
  sc_sim_cache cache;
  /* Query tokens seen by this thread (spelling -> tok_memo): the token
   * number that keys the similarity cache, and the token's expansion.
   * Names repeat their tokens (Mohammad, Ivan, Li), so most tokens of a
   * query were expanded before; both depend on the spelling alone. */
  idt_map memo;           /* spellings outside the vocabulary */
  struct tok_memo **memo_id;   /* vocabulary terms, by term id */
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

/* A list name's postings' sum (sim x weight over the query's expansions;
 * sum / qw bounds its score, see sc_accumulate), valid when st == estamp:
 * the name shares an expanded term with this query. Sum and stamp side by
 * side: one memory access a posting, and nothing to clear. */
typedef struct name_acc {
  float sum;
  uint32_t st;
} name_acc;

/* A vocabulary term similar to a query token. */
typedef struct tcand {
  uint32_t term;
  float sim;
} tcand;

typedef struct tok_memo {
  uint32_t qid;
  int32_t ncand;              /* -1: not expanded yet */
  struct tcand *cand;
  int32_t nskel;              /* its skeleton's candidates (cands.c,
                               * add_skel); -1: not looked up yet */
  struct tcand *skel;
  const char *key;            /* the spelling (memo arena) */
  sc_term *term;              /* a spelling not in the vocabulary: its
                               * term, so that sc_term_init runs once */
} tok_memo;

/* Cache: 2^19 slots (10 MB a thread); memo: reset beyond this many tokens. */
#define CACHE_BITS 19
#define MEMO_MAX 200000


/* Terms for sc_qnames_add: the vocabulary's, else one this thread made
 * for the same spelling before (see idt_screen_run). */
typedef struct lookup_ctx {
  const idt_screen_index *ix;
  scratch *s;
} lookup_ctx;

/* expand.c: the thread's scratch for index ix (made or remade when the
 * index generation changes; NULL on OOM); the lookup callback for
 * sc_qnames_add (ctx: a lookup_ctx); the token memo (reset, entry of a
 * query token, created on first sight, keeping the term of a spelling
 * outside the vocabulary; NULL on OOM); a token's similar
 * vocabulary terms, memoised per spelling (*out: the memo's copy or buf). */
scratch *sc_scratch_get(const idt_screen_index *ix);
const sc_term *sc_memo_lookup(void *ctx, const char *s, size_t n);
void sc_memo_reset(scratch *s);
tok_memo *sc_memo_get(scratch *s, const sc_term *qt);
size_t sc_expand_memo(const idt_screen_index *ix, scratch *s, const sc_term *qt,
                      tok_memo *m, tcand *buf, const tcand **out);

/* cands.c: the postings' sums of the query's expansions per list name,
 * pruned and ranked (s->ranked, s->nranked; s->acc and s->qw for the
 * bound score_ent uses); the CAND_NAMES best keys to the front; sorting
 * keys; the entities of the first CAND_NAMES ranked names (1 when all
 * fitted in limit - 1). */
void sc_accumulate(const idt_screen_index *ix, scratch *s, const sc_qnames *qn, double thr);
void sc_select_top(uint64_t *v, size_t n, size_t k);
void sc_sort_keys(uint64_t *v, size_t n);
int sc_collect_ents(const idt_screen_index *ix, scratch *s, uint32_t *ents, size_t *nents,
                    size_t limit);

#endif
