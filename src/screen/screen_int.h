/*
 * screen_int.h - what the screening files share (internal to src/screen).
 *
 * A term is one distinct normalised token with its precomputed keys (NYSIIS,
 * consonant skeleton, Korean syllable skeleton and surname class) and its
 * weight from index frequency; index terms are built once per snapshot,
 * query terms once per query. A name is a sequence of term pointers; the
 * scorer (score.c) aligns two names, the index (index.c) finds candidates.
 */
#ifndef IDT_SCREEN_INT_H
#define IDT_SCREEN_INT_H
#include <stddef.h>
#include <stdint.h>
#include "interdict/text.h"
#include "common/buf.h"

#if defined(__has_include)
#if __has_include("text/korean.h")
#include "text/korean.h"
#define IDT_HAVE_KOREAN 1
#endif
#endif

#define SC_MAX_TOKS 24
#define SC_TERM_MAX 48
#define SC_TK_MAX 24     /* longer keys are not kept (no Slavic name is) */

typedef struct sc_term {
  const char *s;
  uint16_t len;
  uint8_t kind;          /* IDT_TOK_* */
  int8_t ko_sur;         /* Korean surname class, -1 none */
  char nys[9];           /* NYSIIS key */
  char cons[SC_TERM_MAX];/* consonant skeleton, "" unless vowel-poor */
  char tk[SC_TK_MAX];    /* transliteration key, zero-padded; "" none */
  uint32_t tkh;          /* its hash, 0 for none: most pairs differ there */
  char tk2[SC_TK_MAX];   /* the key of its other reading (French j, German
                          * z...: idt_text_translit_key_alt), "" none */
  uint32_t tk2h;         /* its hash, 0 for none */
  char ko[SC_TERM_MAX];  /* Korean syllable skeletons joined by '.', "" none */
  uint8_t ko_nsyl;       /* syllables in ko */
  uint8_t particle;      /* al, bin, van ...: weight capped at 0.3;
                          * SC_PARTICLE_KIN for bin, ibn, ben, bint, ould */
  uint8_t patronymic;    /* Viktorovich ...: cheap when the list alone has it */
  uint8_t qslot;         /* a query token: 1 + its spelling's slot in the
                          * query's bound memo (sc_cache_query), 0 none */
  uint8_t floors;        /* SC_FLOOR_*: which of tok_sim's floors its keys
                          * can raise a pair to (score.c, sim_upper) */
  uint8_t descr;         /* SC_DESCR_* of a vocabulary term: a word
                          * describing an organisation (bank, trading:
                          * idt_text_org_descriptor) or a place
                          * (sc_term_descr; 0 for query-only terms) */
  uint32_t letters;      /* bit per letter it holds (score.c, sim_upper) */
  uint32_t head3;        /* its first three letters packed (merge.c) */
  float w;               /* weight: rarity x kind */
  uint32_t df;           /* names holding it (index terms) */
  uint32_t id;           /* vocabulary id, UINT32_MAX for query-only */
  uint32_t qid;          /* query token number + 1 (0: not a query token) */
  float indel[SC_TERM_MAX]; /* insertion/deletion cost of each letter (score.c) */
} sc_term;

/* sc_term.descr (score.c, org_rest) */
#define SC_DESCR_TRADE 1
#define SC_DESCR_PLACE 2
int sc_term_descr(const char *s, size_t len);   /* clash.c */
/* A term's SC_DESCR_* class: the vocabulary's are computed once (index.c),
 * a query-only or merged spelling's when a pair asks (compare's names,
 * an organisation's query). */
static inline int sc_descr(const sc_term *t)
{
  return t->id != UINT32_MAX ? t->descr : sc_term_descr(t->s, t->len);
}

/* sc_term.floors: a consonant skeleton (cons: 0.85 against anything);
 * a NYSIIS key and 4 letters or more (0.8 against the same key). */
#define SC_FLOOR_CONS 1
#define SC_FLOOR_NYS 2

/* Token lengths of a name, for the merge test (score.c, sc_name_masks):
 * bit L set when the name has a token of L letters (lens), a token of at
 * least 6 letters within two of L, L >= 6 (near), two or three adjacent
 * word tokens spelling L letters together (pair2, pair3); and a bit per
 * hash of the first two letters of its tokens (head) and of its adjacent
 * word pairs and triples (phead); and a bit per hash of the first three
 * letters of its tokens (head3, sc_head3_bit) and of its adjacent word
 * pairs and triples (phead3); and a bit per hash of a token's length and
 * first three letters, for every length within two of it from 6 letters
 * (klen), and of a pair's or triple's (pklen; sc_klen_bit).
 */
typedef struct sc_lenmask {
  uint64_t lens, near, pair2, pair3, head, phead, head3, phead3, klen, pklen;
} sc_lenmask;

/* The bit of sc_lenmask.head3 for first three letters packed as in
 * sc_term.head3. */
static inline uint64_t sc_head3_bit(uint32_t h3)
{
  return (uint64_t)1 << ((h3 * 0x9E3779B1u) >> 26);
}

/* The bit of sc_lenmask.klen for a length and first three letters. */
static inline uint64_t sc_klen_bit(size_t len, uint32_t h3)
{
  return (uint64_t)1 << ((h3 * 0x9E3779B1u + (uint32_t)len * 0x85EBCA77u) >> 26);
}

/* Can merge_side(a, b) merge anything? merge3 needs three adjacent word
 * tokens of a spelling as many letters as a token of b; a pair needs a
 * token of b of its length or, from 6 letters, a token of 6 letters or
 * more within two letters of it; either way the merged token starts with
 * the first three letters of that token of b (exact spelling, or the
 * same first three letters for a near one), and the same token has both
 * the length and the letters (klen: the hash of the two together). Most
 * name pairs fail one of these, and then merge_side would only walk its
 * loops (and score_ent may skip a name by its postings' bound). */
static inline int sc_may_merge(const sc_lenmask *a, const sc_lenmask *b)
{
  return (a->pklen & b->klen) && (a->phead3 & b->head3) && (a->phead & b->head) &&
         ((a->pair3 & b->lens) || (a->pair2 & (b->lens | b->near)));
}

typedef struct sc_name {
  const sc_term **t;
  uint16_t n;
  uint8_t weak;          /* weakAlias: exact hits only */
  uint8_t korean;        /* has a Korean name shape */
  uint8_t cjk;           /* from Hangul: 1 a variant, 2 the strict RR form;
                          * from Han: 3 a variant, 4 the strict pinyin form
                          * (SC_CJK_*; sc_pairable) */
  uint8_t shared;        /* index names: another name has the same tokens */
  uint8_t cut;           /* query form without a last word cut at a
                          * payment field's width (names.c) */
  uint8_t org : 1;       /* an organisation's name: no phonetic floors
                          * (score.c, org_cells) */
  uint8_t abjad : 1;     /* query names read from Arabic or Hebrew script
                          * (cands.c, add_skel) */
  uint8_t abbr : 1;      /* index names: an organisation's one-word
                          * abbreviation of its other name (NIOC):
                          * exact hits only (sc_abbreviates) */
  uint32_t joined;       /* bit i: token i hyphenated to i+1 */
  uint32_t same;         /* index names: the first name with the same terms
                          * and flags (weak, korean, cjk): it scores the
                          * same against any query name */
  sc_lenmask mm;
  uint8_t ord[SC_MAX_TOKS]; /* tokens heaviest first (sc_weight_order): the
                          * order the aligner's bound takes a query's rows */
  float wmax;            /* its heaviest token's weight (the bound's) */
  double wsum;           /* its tokens' weights summed (the bound's start) */
  const char *orig;      /* the name as listed */
  const char *form;      /* normalised form */
} sc_name;

#define SC_PARTICLE_KIN 2

enum { SC_CJK_HANGUL = 1, SC_CJK_HANGUL_RR = 2, SC_CJK_HAN = 3, SC_CJK_HAN_PINYIN = 4 };

/* Both names written in the same syllable script and in its strict form:
 * a syllable is the same or another one, never a misspelling. */
static inline int sc_cjk_strict(const sc_name *a, const sc_name *b)
{
  return a->cjk == b->cjk && (a->cjk == SC_CJK_HANGUL_RR || a->cjk == SC_CJK_HAN_PINYIN);
}

/* Fill t's keys from s (lowercase ASCII, len bytes, kept by the caller). */
void sc_term_init(sc_term *t, const char *s, size_t len);
/* The same for a term that meets one pair of names only (a merged token,
 * merge.c): without the Korean keys unless the pair is Korean (korean),
 * the only pairs that read them. */
void sc_term_init_pair(sc_term *t, const char *s, size_t len, int korean);
/* Weight of a term from its document frequency among nnames names. */
float sc_weight(int kind, uint32_t df, uint32_t nnames);

/* Similarity of two tokens in [0,1] (graded); korean: both names have a
 * Korean shape (syllable skeletons then decide). */
double sc_tok_sim(const sc_term *a, const sc_term *b, int korean);
/* An upper bound on sc_tok_sim from the tokens' letters, kinds and keys,
 * without a distance (the aligner's first pass; test_screen_bounds). */
double sc_tok_sim_upper(const sc_term *a, const sc_term *b, int korean);
#define SC_SIM_MIN 0.4
/* score.c's edit costs: substituting b for a, and the insertion/deletion
 * cost of each letter of s (n < SC_TERM_MAX + 8); valid once a term was
 * initialised (sc_term_init builds the tables). */
float sc_sub_cost(char a, char b);
void sc_indel_costs(const char *s, size_t n, float *out);
/* variant.c: do two word tokens differ like two names rather than one
 * name misspelt (two edits or more, one of them a consonant that is not a
 * transliteration partner)? Lowercase ASCII, no vowel-poor tokens. */
int sc_other_name(const char *a, size_t an, const char *b, size_t bn);
int sc_is_consonant(char c);
/* Does sc_tok_sim cap this pair as another name (for explanations)? */
int sc_tok_other_name(const sc_term *a, const sc_term *b, int korean);

/* Per-thread cache of (query token, vocabulary term) similarities: filled
 * during candidate expansion and by the scorer, kept across queries (a
 * query token's qid is its per-thread token number, the same for the same
 * spelling in every query, see run.c), emptied when half full. A pair
 * absent from it is computed and added. */
typedef struct sc_cache_slot {
  uint64_t key;          /* qid << 32 | term id */
  float sim[2];          /* korean = 0, 1; -1: not computed yet */
  uint32_t st;           /* == stamp: in use */
} sc_cache_slot;

/* One query's alignment-bound cells of the vocabulary terms against its
 * first SC_UMEMO_K spellings (score.c, bound_rows): a row per spelling
 * (slot), by term id, of the value bound_rows puts in the cell (1 for
 * the same spelling, else the sim_upper bound), valid when the
 * stamp beside it is the query's. A list term meets the same query tokens
 * in many candidate names (seven cells in ten repeat within a query). */
#define SC_UMEMO_K 16

/* One cell of that memo: the stamp beside the value, so that a lookup
 * is one memory access. The value is a float: the bound carries a
 * margin (UPPER_SLACK, 1e-6) far above float rounding (6e-8), so it
 * stays an upper bound. */
typedef struct sc_umemo {
  uint32_t st;
  float cell;
} sc_umemo;

typedef struct sc_sim_cache {
  uint32_t stamp;        /* slots whose st differs are empty */
  uint32_t bits;         /* 2^bits slots */
  uint32_t used;
  sc_cache_slot *slot;   /* one memory access a probe */
  sc_umemo *um;          /* SC_UMEMO_K rows of um_cap cells (sc_cache_query) */
  uint32_t um_cap, um_stamp;
} sc_sim_cache;
/* Allocate 2^bits slots (0 or IDT_ENOMEM); free with sc_cache_free. */
int sc_cache_init(sc_sim_cache *c, uint32_t bits);
void sc_cache_free(sc_sim_cache *c);
/* Empty it (O(1)). */
void sc_cache_clear(sc_sim_cache *c);
void sc_cache_install(sc_sim_cache *c);   /* NULL: none */
/* A new query for c's bound memo: the query's terms t[0..n) get their
 * spellings' slots (qslot; by qid, the first SC_UMEMO_K spellings), for
 * vocabulary term ids below nterms. Without memory, no memo (the bounds
 * are computed, as they are for the other spellings). */
void sc_cache_query(sc_sim_cache *c, sc_term *t, size_t n, size_t nterms);
void sc_cache_put(sc_sim_cache *c, uint32_t qid, uint32_t tid, float s0, float s1);

/* One aligned pair of the best alignment (for evidence). */
typedef struct sc_pair {
  int16_t qi, ci;        /* -1 when unmatched on that side */
  float sim;
  char q[SC_TERM_MAX], c[SC_TERM_MAX];
} sc_pair;

typedef struct sc_align {
  double score;
  int npairs;
  sc_pair pairs[2 * SC_MAX_TOKS];
  int number_clash;      /* numbers that disagree */
  int korean_given_clash;
  int kin_swap;          /* "X bin Y" against "Y bin X" (score.c) */
  int substitution;      /* a name on each side left unmatched (score.c) */
  int org_descriptors;   /* organisations agreeing on descriptive words
                          * only (score.c, org_rest) */
} sc_align;

/* Fill nm->mm, nm->ord, nm->wmax and nm->wsum from its tokens (after nm->t, nm->n
 * and the terms' weights are set). */
void sc_name_masks(sc_name *nm);

/* Align query name q with candidate name c and score it in [0,1]. al may
 * be NULL when no evidence is wanted. */
double sc_name_score(const sc_name *q, const sc_name *c, sc_align *al);
/* As sc_name_score without evidence, but free to stop early once the score
 * provably stays below need: the result is then some value < need (not
 * the score). need <= 0 always gives the exact score. */
double sc_name_score_min(const sc_name *q, const sc_name *c, double need);
/* The same, *exact set to 0 when it stopped early (the score is < need,
 * the value returned is 0) and to 1 when the value is the score. */
double sc_name_score_bound(const sc_name *q, const sc_name *c, double need, int *exact);

/* OFAC Sanctions List Search compatible score in [0,100] of two raw names. */
double sc_ofac_score(const char *query, const char *candidate);
/* Jaro-Winkler similarity of two byte strings. */
double sc_jaro_winkler(const char *a, size_t la, const char *b, size_t lb);

#endif
