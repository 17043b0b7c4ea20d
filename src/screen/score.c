/*
 * score.c - the name scorer: graded token similarity and free-order
 * alignment of two normalised names.
 *
 * Token similarity (sc_tok_sim) is 1 - d/maxlen with d a weighted
 * Damerau (optimal string alignment) distance: confusable letters (c/k,
 * i/y, o/u, j/g, d/t, b/p ...) cost 0.5, doubled letters and 'h' 0.4-0.5
 * to insert, transpositions 0.6. It is graded, with no cliff and no
 * per-length edit budget (logic-v2's budget gives 3-letter tokens none:
 * "un"~"uun" scored 0). Alternative signals raise it: same NYSIIS key
 * (0.8), same consonant skeleton for a vowel-poor abjad transliteration
 * ("mhmd"~"mohamed", 0.85), same Korean syllable skeleton (0.93) or surname
 * class (0.95) when both names have a Korean shape, where a different
 * syllable is capped at 0.35 instead: "jong un" vs "jong sik" must not
 * pass as a typo. Numbers, legal forms and initials match only exactly (an
 * initial matches a word with its letter at 0.75). A pair whose edits have
 * the shape of another name rather than a misspelling (variant.c: two
 * edits or more, one a consonant that is not a transliteration partner,
 * Sancho vs Sanchez) is capped at 0.35, below SIM_MIN.
 *
 * Alignment: adjacent tokens are first merged when their concatenation is
 * the other side's single token (jong-un ~ jongun, abd allh ~ abdullah;
 * merge.c);
 * then the best pairs are taken greedily (word order free, for persons and
 * organisations alike). Score = sum(sim * (wq + wc)) over pairs divided by
 * sum(wq + wc) over pairs + 1.2 x unmatched query weight + 0.4 x unmatched
 * candidate weight: lists hold full names, queries are partial, so an extra
 * list token costs a quarter of an extra query token (a father's name that
 * most queries leave out, an East Slavic patronymic or the name after bin
 * or ibn, no more than a particle).
 * Disagreeing numbers halve the score, and so does "son of" read the
 * other way round (Abdullah bin Omar against Omar bin Abdullah: father and
 * son; patronymics and kinship links are found by kin.c). Greedy rather than Hungarian assignment: names have under ten
 * tokens and greedy on a graded matrix differs only on ties.
 *
 * Past 800 lines because the similarity cache, the alignment bound and
 * its per-query memo work on the scorer's cell matrix and term layout,
 * inlined in the hot loop (moving either behind a call cost
 * instructions); the cache's and the memo's set-up (sc_cache_init/free/
 * clear/put/query) is the piece to move out next.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "screen/screen_int.h"
#include "screen/merge.h"
#include "screen/kin.h"
#include "screen/clash.h"

#define SIM_MIN 0.4
#define UNMATCHED_Q 1.2
#define UNMATCHED_C 0.4
#define SUBSTITUTED 2.0
#define OTHER_NAME 0.35

/* Equal, non-empty NYSIIS keys (sc_term_init zero-fills past the key). */
#define SAME_NYS(a, b) ((a)->nys[0] && !memcmp((a)->nys, (b)->nys, sizeof (a)->nys))
/* One name in two transliteration conventions (text/translit.c):
 * Prigoschin, Prigozhin; Chruschtschow, Khrushchev; Joukov, Zhukov (a
 * key of one equal to a key of the other). */
static int key_eq(uint32_t ha, const char *a, uint32_t hb, const char *b)
{
  return ha && ha == hb && !memcmp(a, b, SC_TK_MAX);
}

static int same_tk(const sc_term *a, const sc_term *b)
{
  if (!(a->tkh | a->tk2h) || !(b->tkh | b->tk2h))
    return 0;
  return key_eq(a->tkh, a->tk, b->tkh, b->tk) || key_eq(a->tk2h, a->tk2, b->tkh, b->tk) ||
         key_eq(a->tkh, a->tk, b->tk2h, b->tk2) || key_eq(a->tk2h, a->tk2, b->tk2h, b->tk2);
}
#define SAME_TK(a, b) same_tk(a, b)
#define TK_SIM 0.85   /* sim_upper folds it with the skeleton's 0.85 */

/* Zero-pad a transliteration key of length n (same_tk compares all of
 * it) and return its hash: FNV-1a, never 0 for a key; 0 for none. */
static uint32_t key_hash(char *k, size_t n)
{
  uint32_t h = 2166136261u;
  size_t i;
  if (!n)
    return 0;
  memset(k + n, 0, SC_TK_MAX - n);
  for (i = 0; i < n; i++)
    h = (h ^ (unsigned char)k[i]) * 16777619u;
  return h | 1;
}

static int is_vowel(char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Name particles: articles, patronymic and kinship links that say little
 * about who is named (al-, bin, van der ...). */
static int is_particle(const char *s, size_t n)
{
  static const char *const p[] = {
    "al", "el", "bin", "ben", "ibn", "bint", "abu", "abou", "de", "del", "della",
    "der", "den", "van", "von", "da", "di", "do", "dos", "das", "du", "la", "le",
    "mac", "ould", "y", "the", "of", "and", "und", "et",
  };
  size_t i;
  for (i = 0; i < sizeof p / sizeof *p; i++)
    if (strlen(p[i]) == n && !memcmp(p[i], s, n))
      return 1;
  return 0;
}

/* What candidate token j left unmatched costs (x its weight in the
 * denominator). A father's name the query leaves out weighs like a
 * particle: an East Slavic patronymic, or the name after a kinship link
 * (Usama bin Muhammad ibn Awad ibn Ladin against Osama bin Laden); so
 * does a country or nationality, which references to an organisation
 * leave out (Hezbollah for LEBANESE HEZBOLLAH, before ANSAR HEZBOLLAH). One
 * that another name of the query stands against is a substitution
 * instead (name_score_p). */
static inline double unmatched_c_cost(const side *c, size_t j)
{
  const sc_term *t = c->t[j];
  if (t->w > 0.3f && (t->patronymic || (j > 0 && sc_is_kin(c->t[j - 1])) ||
                      sc_descr(t) == SC_DESCR_PLACE))
    return UNMATCHED_C * 0.3f;
  return UNMATCHED_C * t->w;
}

float sc_weight(int kind, uint32_t df, uint32_t nnames)
{
  double r;
  if (kind == IDT_TOK_LEGAL)
    return 0.15f;
  if (kind == IDT_TOK_INITIAL)
    return 0.3f;
  if (kind == IDT_TOK_NUMBER || !nnames || !df)
    return 1.0f;
  r = log(1.0 + (double)nnames / df) / log(1.0 + nnames);
  return (float)(0.25 + 0.75 * sqrt(r));
}

/* Cheap substitutions: letters that transliterations swap (gq: the
 * Arabic qaf, written g where it is said so: Gaddafi, Qadhafi). */
static double sub_cost_slow(char a, char b)
{
  static const char *const pairs[] = {
    "ck", "kq", "cs", "sz", "iy", "ei", "ou", "uw", "vw", "fp", "gj", "dt",
    "bp", "gk", "gq", "ae", "ao", "eo", "ia", "jy", "xh", "kh", "cz", "lr", "mn",
  };
  size_t i;
  if (a == b)
    return 0;
  for (i = 0; i < sizeof pairs / sizeof *pairs; i++)
    if ((pairs[i][0] == a && pairs[i][1] == b) ||
        (pairs[i][0] == b && pairs[i][1] == a))
      return 0.5;
  if ((a >= '0' && a <= '9') || (b >= '0' && b <= '9'))
    return 1.5;
  return 1.0;
}

static float sub_tab[128][128];
/* cost to insert or delete a letter: 'h' 0.5, vowels and 'y' 0.8, others
 * 1.0; a doubled letter 0.4 (indel_row) */
static float indel_base[128];
/* (1 - 0.4 x a / b)^2, floored at 0: sim_upper with a letters missing of
 * b (the longer token's length); 0 for b = 0. Floats stored as doubles,
 * rows of 64 (indexed by a shift). */
static double upper_tab[SC_TERM_MAX + 1][64];
static pthread_once_t sub_once = PTHREAD_ONCE_INIT;

static void sub_init(void)
{
  int a, b;
  for (a = 0; a < 128; a++)
    for (b = 0; b < 128; b++)
      sub_tab[a][b] = (float)sub_cost_slow((char)a, (char)b);
  for (a = 0; a < 128; a++)
    indel_base[a] = a == 'h' ? 0.5f : (is_vowel((char)a) || a == 'y') ? 0.8f : 1.0f;
  for (a = 0; a <= SC_TERM_MAX; a++)
    for (b = 1; b <= SC_TERM_MAX; b++) {
      double u = 1.0 - 0.4 * a / (double)b;
      upper_tab[a][b] = u > 0 ? (float)(u * u) : 0.0;
    }
}


/* Insertion/deletion cost of every position of s, table-driven; needs
 * sub_init. Computed once per term (sc_term_init), not per distance. */
static void indel_row(const char *s, size_t n, float *out)
{
  size_t i;
  for (i = 0; i < n; i++) {
    char c = s[i];
    out[i] = ((i > 0 && s[i - 1] == c) || (i + 1 < n && s[i + 1] == c) ||
              (c == 's' && i + 1 == n && n >= 5)) ?
             0.4f : indel_base[(unsigned char)c & 127];
  }
}

/* Bit per letter (a-z: 0-25; digits share bits 26-30; anything else
 * 31). Shared bits only make sim_upper's bound looser. */
static uint32_t letter_mask(const char *s, size_t n)
{
  uint32_t m = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z')
      m |= 1u << (c - 'a');
    else if (c >= '0' && c <= '9')
      m |= 1u << (26 + (c - '0') % 5);
    else
      m |= 1u << 31;
  }
  return m;
}

float sc_sub_cost(char a, char b)
{
  return sub_tab[(unsigned char)a & 127][(unsigned char)b & 127];
}

void sc_indel_costs(const char *s, size_t n, float *out)
{
  indel_row(s, n, out);
}

static void term_init(sc_term *t, const char *s, size_t len, int korean);

void sc_term_init(sc_term *t, const char *s, size_t len)
{
  term_init(t, s, len, 1);
}

void sc_term_init_pair(sc_term *t, const char *s, size_t len, int korean)
{
  term_init(t, s, len, korean);
}

/* korean: 0 leaves the Korean keys empty (the scorer reads them only for
 * a Korean pair of names). */
static void term_init(sc_term *t, const char *s, size_t len, int korean)
{
  size_t i, vowels = 0;
  if (len >= SC_TERM_MAX)
    len = SC_TERM_MAX - 1;
  memset(t, 0, sizeof *t);
  t->s = s;
  t->len = (uint16_t)len;
  t->kind = (uint8_t)idt_text_token_kind(s, len);
  t->ko_sur = -1;
  t->w = 1.0f;
  t->id = UINT32_MAX;
  pthread_once(&sub_once, sub_init);
  indel_row(s, len, t->indel);
  t->letters = letter_mask(s, len);
  for (i = 0; i < len && i < 3; i++)
    t->head3 = t->head3 << 8 | (unsigned char)s[i];
  if (t->kind != IDT_TOK_WORD)
    return;
  if (is_particle(s, len)) {
    t->w = 0.3f;
    t->particle = sc_kin_word(s, len) ? SC_PARTICLE_KIN : 1;
  }
  t->patronymic = (uint8_t)sc_patronymic(s, len);
  idt_text_nysiis(s, len, t->nys, sizeof t->nys);
  t->tkh = key_hash(t->tk, idt_text_translit_key(s, len, t->tk, sizeof t->tk));
  t->tk2h = key_hash(t->tk2, idt_text_translit_key_alt(s, len, t->tk2, sizeof t->tk2));
#ifdef IDT_HAVE_KOREAN
  /* a Korean place or company word's reading, when it has no other */
  if (!t->tk2h)
    t->tk2h = key_hash(t->tk2, idt_ko_place_key(s, len, t->tk2, sizeof t->tk2));
#endif
  {
    /* zero past the key: equal keys are then equal as 9 bytes (SAME_NYS) */
    size_t kl = strnlen(t->nys, sizeof t->nys);
    memset(t->nys + kl, 0, sizeof t->nys - kl);
  }
  for (i = 0; i < len; i++)
    vowels += is_vowel(s[i]);
  if (vowels == 0 || (vowels == 1 && len >= 5))
    idt_text_consonants(s, len, t->cons, sizeof t->cons);
  t->floors = (uint8_t)((t->cons[0] ? SC_FLOOR_CONS : 0) |
                        (t->nys[0] && len >= 4 ? SC_FLOOR_NYS : 0));
#ifdef IDT_HAVE_KOREAN
  if (korean) {
    idt_str seg[4];
    int k = idt_ko_segment(s, len, seg, 4), j;
    size_t o = 0;
    int sur = idt_ko_surname_class(s, len);
    t->ko_sur = (int8_t)(sur >= 0 && sur < 127 ? sur : -1);
    for (j = 0; j < k; j++) {
      char key[16];
      int kl = idt_ko_skeleton(seg[j].p, seg[j].len, key, sizeof key);
      if (kl < 0 || o + (size_t)kl + 2 >= sizeof t->ko) {
        o = 0;
        break;
      }
      if (o)
        t->ko[o++] = '.';
      memcpy(t->ko + o, key, (size_t)kl);
      o += (size_t)kl;
    }
    t->ko[o] = 0;
    t->ko_nsyl = (uint8_t)(o ? k : 0);
  }
#endif
}

/* Weighted optimal string alignment distance with three rolling rows
 * (row i-2 for transpositions); floats, on the stack. Not inlined into
 * its one caller: GCC's inlined copy ran 6% more instructions. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static double wdist_bounded(const char *a, size_t la, const float *ia,
                            const char *b, size_t lb, const float *ib, float maxd);

/* One cell of the weighted distance: substitution (sub[bm]), deletion
 * of a's letter (up + ins), insertion of b's (left + ib), and a
 * transposition of ac ap with b's bs[j - 1] bs[j] (0.6): tokens hold no
 * 0, so the 0 before bs (j = 1) and ap (i = 1) never match. */
static inline float dp_cell(const float *pp, const float *p, size_t j, float left,
                            const float *sub, const unsigned char *bm, float ins,
                            const float *ib, char ac, char ap, const char *bs)
{
  float x = p[j - 1] + sub[bm[j - 1]];
  float y = p[j] + ins;
  float z = left + ib[j - 1];
  if (y < x) x = y;
  if (z < x) x = z;
  if (ac == bs[j - 1] && ap == bs[j] && pp[j - 2] + 0.6f < x)
    x = pp[j - 2] + 0.6f;
  return x;
}

/* As wdist, but gives up (returning a value > maxd) once a whole row is
 * above maxd: similarity below SC_SIM_MIN needs no exact distance. */
static double wdist_bounded(const char *a, size_t la, const float *ia,
                            const char *b, size_t lb, const float *ib, float maxd)
{
  float r0[SC_TERM_MAX + 1], r1[SC_TERM_MAX + 1], r2[SC_TERM_MAX + 1];
  unsigned char bm[SC_TERM_MAX];
  char bs[SC_TERM_MAX + 1];   /* b after a 0: bs[j - 1], bs[j] are b[j - 2], b[j - 1] */
  float *pp = r0, *p = r1, *c = r2, *t;
  size_t i, j;
  /* sub_tab[x][x] is 0, so equal letters need no branch: p + 0.0f is p */
  for (j = 0; j < lb; j++)
    bm[j] = (unsigned char)b[j] & 127;
  bs[0] = 0;
  memcpy(bs + 1, b, lb);
  p[0] = 0;
  for (j = 1; j <= lb; j++)
    p[j] = p[j - 1] + ib[j - 1];
  for (i = 1; i <= la; i++) {
    const float *sub = sub_tab[(unsigned char)a[i - 1] & 127];
    const float ins = ia[i - 1];
    const char ac = a[i - 1], ap = i > 1 ? a[i - 2] : 0;
    float left = p[0] + ins, rowmin = left;
    c[0] = left;
    for (j = 1; j <= lb; j++) {
      float x = dp_cell(pp, p, j, left, sub, bm, ins, ib, ac, ap, bs);
      c[j] = left = x;
      if (x < rowmin)
        rowmin = x;
    }
    if (rowmin > maxd && i > 1)
      return (double)maxd + 1.0;
    t = pp; pp = p; p = c; c = t;
  }
  return (double)p[lb];
}

/* A vowel-poor (abjad) spelling against another one, or against a
 * vowelled spelling with its consonant skeleton: vowels and w/y are not
 * written there, so the shape of the edits says nothing (variant.c). */
static int abjad_pair(const sc_term *a, const sc_term *b)
{
  char ca[SC_TERM_MAX], cb[SC_TERM_MAX];
  if (!a->cons[0] && !b->cons[0])
    return 0;
  if (a->cons[0] && b->cons[0])
    return 1;
  idt_text_consonants(a->s, a->len, ca, sizeof ca);
  idt_text_consonants(b->s, b->len, cb, sizeof cb);
  return !strcmp(ca, cb);
}

/* Letters counted with the CPU's popcnt where GCC can build the aligner's
 * bound twice (target_clones: a popcnt version picked at load time on
 * x86-64 CPUs that have it, the default one elsewhere); portable bit
 * arithmetic otherwise. Same counts either way. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#define BOUND_INLINE __attribute__((always_inline)) inline
static BOUND_INLINE size_t popcount32(uint32_t x)
{
  return (size_t)__builtin_popcount(x);
}
#else
#define POPCNT_CLONES
#define BOUND_INLINE inline
static inline size_t popcount32(uint32_t x)
{
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0F0F0F0Fu;
  return (size_t)((x * 0x01010101u) >> 24);
}
#endif

_Static_assert(IDT_TOK_WORD == 0, "sim_by_kind tests kinds with a bitwise or");

/* What tok_sim says of two differently spelt tokens from their kinds
 * alone: numbers and legal forms only ever equal themselves, an initial
 * against a word of its letter 0.75, a Korean surname class 0.95. 1 with
 * *s set when decided, 0 when the letters must decide. */
static BOUND_INLINE int sim_by_kind(const sc_term *a, const sc_term *b, int korean, double *s)
{
  if (a->kind | b->kind) {   /* not two words */
    if (a->kind == IDT_TOK_NUMBER || b->kind == IDT_TOK_NUMBER ||
        a->kind == IDT_TOK_LEGAL || b->kind == IDT_TOK_LEGAL) {
      *s = 0.0;
      return 1;
    }
    if (a->kind == IDT_TOK_INITIAL || b->kind == IDT_TOK_INITIAL) {
      *s = (a->s[0] == b->s[0] && a->kind != b->kind) ? 0.75 : 0.0;
      return 1;
    }
  }
  if (korean && a->ko_sur >= 0 && a->ko_sur == b->ko_sur) {
    *s = 0.95;
    return 1;
  }
  return 0;
}

/* Korean syllable skeletons that differ only by u for o before a coda:
 * South Korean passports and press write the closed-syllable vowel eo
 * (DPRK and McCune-Reischauer o) as u, Chul for Chol, Jung for Jong, Sung
 * for Song/Seong. A variant spelling, not another syllable, though
 * weaker than one skeleton (KO_SOFT). */
#define KO_SOFT 0.85
static int ko_soft(const char *a, const char *b)
{
  size_t i;
  int diff = 0;
  for (i = 0; a[i] && b[i]; i++) {
    char x = a[i], y = b[i], nx = a[i + 1];
    if (x == y)
      continue;
    if (!((x == 'u' && y == 'o') || (x == 'o' && y == 'u')) || nx != b[i + 1] || !nx ||
        nx == '.' || strchr("aeiouwy", nx))
      return 0;
    diff = 1;
  }
  return diff && !a[i] && !b[i];
}

/* Token similarity before the other-name cap (tok_sim). org: two words
 * of an organisation's name, where the phonetic keys made for persons'
 * names say nothing (see org_cells). */
static double tok_sim_graded(const sc_term *a, const sc_term *b, int korean, int org)
{
  double s;
  size_t m;
  if (a->len == b->len && !memcmp(a->s, b->s, a->len))
    return 1.0;
  if (sim_by_kind(a, b, korean, &s))
    return s;
  m = a->len > b->len ? a->len : b->len;
  /* every length difference costs at least 0.4: a bound before the DP */
  if (0.4 * (double)(m - (a->len < b->len ? a->len : b->len)) / (double)m > 0.37 &&
      !a->cons[0] && !b->cons[0] && !(korean && a->ko[0] && b->ko[0]) &&
      !SAME_NYS(a, b) && !SAME_TK(a, b))
    return 0;
  /* (1 - d/m)^2 >= SC_SIM_MIN needs d <= 0.368 m: stop the DP beyond */
  s = 1.0 - wdist_bounded(a->s, a->len, a->indel, b->s, b->len, b->indel,
                          0.37f * (float)m + 0.01f) / (double)m;
  if (s < 0)
    s = 0;
  s *= s;   /* steep but graded: one edit in 7 letters 0.75, two 0.51 */
  if (korean && a->ko[0] && b->ko[0]) {
    if (!strcmp(a->ko, b->ko))
      return s > 0.93 ? s : 0.93;
    if (ko_soft(a->ko, b->ko))
      return s > KO_SOFT ? s : KO_SOFT;
    if (a->ko_nsyl == b->ko_nsyl)
      return s < 0.35 ? s : 0.35;
  }
  if (!org && a->len >= 4 && b->len >= 4 && SAME_NYS(a, b) && s < 0.8)
    s = 0.8;
  if (s < TK_SIM && SAME_TK(a, b))
    s = TK_SIM;
  /* the skeleton is for spellings without their vowels (abjad, Hebrew);
   * two vowel-less words of three letters or fewer are acronyms or codes,
   * equal only as written (KFW is not KBP) */
  if ((a->cons[0] || b->cons[0]) && s < 0.85 &&
      !(a->cons[0] && b->cons[0] && a->len <= 3 && b->len <= 3)) {
    char ca[SC_TERM_MAX], cb[SC_TERM_MAX];
    size_t la = idt_text_consonants(a->s, a->len, ca, sizeof ca);
    size_t lb = idt_text_consonants(b->s, b->len, cb, sizeof cb);
    size_t minl = (a->len >= 2 && b->len >= 2) ? 1 : 2;
    if (la >= minl && la == lb && !memcmp(ca, cb, la) && a->s[0] == b->s[0] && la >= 2)
      s = 0.85;
    else if (la >= minl && la == lb && !memcmp(ca, cb, la) && (!org || la >= 2))
      s = s > 0.8 ? s : 0.8;
  }
  return s;
}

/* Would tok_sim cap this pair as another name (variant.c)? Two words not
 * spelt alike, neither Korean-shaped in a Korean pair nor an abjad pair
 * (see abjad_pair); s is the similarity before the cap. */
static int other_name(const sc_term *a, const sc_term *b, int korean, double s)
{
  return s > OTHER_NAME && s < 1.0 && a->kind == IDT_TOK_WORD &&
         b->kind == IDT_TOK_WORD && !(korean && (a->ko[0] || b->ko[0])) &&
         !abjad_pair(a, b) && !SAME_TK(a, b) && sc_other_name(a->s, a->len, b->s, b->len);
}

/* Another name, not a misspelling of this one: capped below SIM_MIN, so
 * the pair counts as a substitution like a different Korean syllable (a
 * cap only lowers the similarity: sim_upper stays an upper bound). */
static double tok_sim(const sc_term *a, const sc_term *b, int korean)
{
  double s = tok_sim_graded(a, b, korean, 0);
  return other_name(a, b, korean, s) ? OTHER_NAME : s;
}

int sc_tok_other_name(const sc_term *a, const sc_term *b, int korean)
{
  return other_name(a, b, korean, tok_sim_graded(a, b, korean, 0));
}

/* An upper bound on tok_sim(a, b, korean) without the distance: every
 * letter that one token has and the other lacks costs an edit, and no
 * edit costs less than 0.4 (a doubled letter), so d >= 0.4 x the larger
 * count of missing letters (and of the length difference); then the same
 * floors and caps as tok_sim, applied to the bound. Unrelated tokens get
 * a bound below what an alignment needs, so fill_sim decides most
 * candidate names without computing a distance. */
static BOUND_INLINE double sim_upper_exact(const sc_term *a, const sc_term *b, int korean)
{
  double u;
  size_t m, na, nb, ld;
  if (a->letters == b->letters)
    return 1.0;   /* could be the same spelling */
  if (sim_by_kind(a, b, korean, &u))
    return u;   /* exact: a different spelling is all it needs */
  m = a->len > b->len ? a->len : b->len;
  ld = m - (a->len < b->len ? a->len : b->len);
  na = popcount32(a->letters & ~b->letters);
  nb = popcount32(b->letters & ~a->letters);
  if (nb > na) na = nb;
  if (ld > na) na = ld;
  u = upper_tab[na][m];   /* na <= SC_TERM_MAX; [na][0] is 0 */
  if (korean && a->ko[0] && b->ko[0]) {
    if (a->ko[0] == b->ko[0] && !strcmp(a->ko, b->ko))   /* the call only when it may be */
      return u > 0.93 ? u : 0.93;
    if (a->ko_nsyl == b->ko_nsyl) {
      if (ko_soft(a->ko, b->ko))
        return u > KO_SOFT ? u : KO_SOFT;
      return u < 0.35 ? u : 0.35;
    }
  }
  /* the floors from the keys' flags: a consonant skeleton's 0.85 covers
   * the same transliteration key's (TK_SIM, also 0.85) and the same
   * NYSIIS key's 0.8 */
  if (u < 0.85) {
    if ((a->floors | b->floors) & SC_FLOOR_CONS)
      u = 0.85;
    else if (SAME_TK(a, b))
      u = TK_SIM;
    else if (u < 0.8 && (a->floors & b->floors & SC_FLOOR_NYS) &&
             !memcmp(a->nys, b->nys, sizeof a->nys))
      u = 0.8;
  }
  return u;
}

/* The bound with a margin: the distance sums floats (0.4f is a little
 * above 0.4, but rounding can land a sum a few 1e-8 below k x 0.4) and
 * the cache holds floats ((float)0.85 > 0.85), so a similarity the aligner
 * sees can sit a hair above the real-number bound. */
#define UPPER_SLACK 1e-6

static BOUND_INLINE double sim_upper(const sc_term *a, const sc_term *b, int korean)
{
  return sim_upper_exact(a, b, korean) + UPPER_SLACK;
}

double sc_tok_sim_upper(const sc_term *a, const sc_term *b, int korean)
{
  return sim_upper(a, b, korean);
}

/* As wdist_bounded, within a band: a cell (i, j) with |i - j| > w needs
 * that many insertions or deletions, each at least 0.4, so with w =
 * maxd / 0.4 its distance is above maxd, and so is any path through it.
 * The cells at or below maxd are the same sums as wdist_bounded's (the
 * same distance when it is at most maxd); above maxd the value is only
 * some value above maxd (cells outside the band count as BAND_OUT). */
#define BAND_OUT 1e30f

double sc_wdist(const char *a, size_t la, const float *ia, const char *b, size_t lb,
                const float *ib, float maxd)
{
  float r0[SC_TERM_MAX + 2], r1[SC_TERM_MAX + 2], r2[SC_TERM_MAX + 2];
  unsigned char bm[SC_TERM_MAX];
  char bs[SC_TERM_MAX + 1];
  float *pp = r0, *p = r1, *c = r2, *t;
  size_t w = (size_t)(((double)maxd + 1e-5) / 0.4), i, j;
  if (la > lb + w || lb > la + w)
    return (double)maxd + 1.0;   /* the last cell is outside the band */
  for (j = 0; j < lb; j++)
    bm[j] = (unsigned char)b[j] & 127;
  bs[0] = 0;
  memcpy(bs + 1, b, lb);
  p[0] = 0;
  for (j = 1; j <= lb && j <= w; j++)
    p[j] = p[j - 1] + ib[j - 1];
  if (j <= lb)
    p[j] = BAND_OUT;
  for (i = 1; i <= la; i++) {
    const float *sub = sub_tab[(unsigned char)a[i - 1] & 127];
    const float ins = ia[i - 1];
    const char ac = a[i - 1], ap = i > 1 ? a[i - 2] : 0;
    size_t lo = i > w ? i - w : 0, hi = i + w < lb ? i + w : lb;
    float left, rowmin;
    if (lo == 0) {
      left = p[0] + ins;
      lo = 1;
    } else {
      left = BAND_OUT;
    }
    c[lo - 1] = rowmin = left;
    for (j = lo; j <= hi; j++) {
      float x = dp_cell(pp, p, j, left, sub, bm, ins, ib, ac, ap, bs);
      c[j] = left = x;
      if (x < rowmin)
        rowmin = x;
    }
    if (hi < lb)
      c[hi + 1] = BAND_OUT;
    if (rowmin > maxd && i > 1)
      return (double)maxd + 1.0;
    t = pp; pp = p; p = c; c = t;
  }
  return (double)p[lb];
}

double sc_tok_sim(const sc_term *a, const sc_term *b, int korean)
{
  return tok_sim(a, b, korean);
}

static _Thread_local sc_sim_cache *tl_cache;

void sc_cache_install(sc_sim_cache *c)
{
  tl_cache = c;
}

int sc_cache_init(sc_sim_cache *c, uint32_t bits)
{
  size_t n = (size_t)1 << bits;
  memset(c, 0, sizeof *c);
  c->bits = bits;
  c->stamp = 1;
  c->slot = idt_calloc(n, sizeof *c->slot);
  if (!c->slot) {
    sc_cache_free(c);
    return IDT_ENOMEM;
  }
  return 0;
}

void sc_cache_free(sc_sim_cache *c)
{
  idt_free(c->slot);
  idt_free(c->um);
  memset(c, 0, sizeof *c);
}


void sc_cache_clear(sc_sim_cache *c)
{
  size_t n = (size_t)1 << c->bits;
  c->used = 0;
  if (++c->stamp == 0) {   /* wrapped: old stamps could look current */
    size_t i;
    for (i = 0; i < n; i++)
      c->slot[i].st = 0;
    c->stamp = 1;
  }
}

void sc_cache_query(sc_sim_cache *c, sc_term *t, size_t n, size_t nterms)
{
  uint32_t qids[SC_UMEMO_K];
  size_t i, k, nq = 0;
  if (c->um_cap < nterms) {
    idt_free(c->um);
    c->um_cap = 0;
    c->um_stamp = 0;
    c->um = nterms < UINT32_MAX / SC_UMEMO_K ? idt_calloc(nterms * SC_UMEMO_K, sizeof *c->um) : NULL;
    if (c->um)
      c->um_cap = (uint32_t)nterms;
  }
  if (++c->um_stamp == 0) {   /* wrapped: old stamps could look current */
    memset(c->um, 0, (size_t)c->um_cap * SC_UMEMO_K * sizeof *c->um);
    c->um_stamp = 1;
  }
  for (i = 0; i < n; i++) {
    for (k = 0; k < nq && qids[k] != t[i].qid; k++)
      ;
    if (k == nq && nq < SC_UMEMO_K && c->um_cap)
      qids[nq++] = t[i].qid;
    t[i].qslot = (uint8_t)(k < nq ? k + 1 : 0);
  }
}

static uint32_t cache_slot(const sc_sim_cache *c, uint64_t key)
{
  key *= 0x9E3779B97F4A7C15ull;
  return (uint32_t)(key >> (64 - c->bits));
}

void sc_cache_put(sc_sim_cache *c, uint32_t qid, uint32_t tid, float s0, float s1)
{
  uint64_t key = ((uint64_t)qid << 32) | tid;
  uint32_t h = cache_slot(c, key), mask = (1u << c->bits) - 1;
  if (!c->slot || c->used >= mask / 2)
    return;
  for (;; h = (h + 1) & mask) {
    sc_cache_slot *sl = &c->slot[h];
    if (sl->st != c->stamp) {
      sl->st = c->stamp;
      sl->key = key;
      sl->sim[0] = s0;
      sl->sim[1] = s1;
      c->used++;
      return;
    }
    if (sl->key == key)
      return;
  }
}

/* Where a pair's similarity lives in the cache: PEEK_NONE, not a
 * cacheable pair; PEEK_MISS, absent; else the slot holding its key. */
#define PEEK_NONE UINT32_MAX
#define PEEK_MISS (UINT32_MAX - 1)

static uint32_t cache_lookup(const sc_term *a, const sc_term *b)
{
  const sc_term *q = a->qid ? a : b, *t = a->qid ? b : a;
  uint64_t key;
  uint32_t h, probes;
  const sc_sim_cache *c = tl_cache;
  uint32_t mask;
  if (!c || !c->slot || !q->qid || t->id == UINT32_MAX || t->qid)
    return PEEK_NONE;
  key = ((uint64_t)q->qid << 32) | t->id;
  h = cache_slot(c, key);
  mask = (1u << c->bits) - 1;
  for (probes = 0; probes <= c->used; probes++, h = (h + 1) & mask) {
    const sc_cache_slot *sl = &c->slot[h];
    if (sl->st != c->stamp)
      return PEEK_MISS;
    if (sl->key == key)
      return h;
  }
  return PEEK_MISS;
}

/* Compute a pair's similarity and remember it at slot (cache_lookup's
 * answer). Rounded to float like a hit, so that a pair's value never
 * depends on what the cache held before (the same pairs recur across
 * candidates and queries). */
static double fill_cell(const sc_term *a, const sc_term *b, int korean, uint32_t slot)
{
  const sc_term *q = a->qid ? a : b, *t = a->qid ? b : a;
  double v = tok_sim(a, b, korean);
  float f = (float)v;
  if (slot == PEEK_NONE)
    return v;
  if (slot == PEEK_MISS)
    sc_cache_put(tl_cache, q->qid, t->id, korean ? -1.0f : f, korean ? f : -1.0f);
  else
    tl_cache->slot[slot].sim[korean ? 1 : 0] = f;
  return f;
}

/* Cached similarity of a query token and a vocabulary term, computed and
 * remembered when absent; -1 when the pair is not a cacheable one. */
static double cached_sim(const sc_term *a, const sc_term *b, int korean)
{
  uint32_t slot = cache_lookup(a, b);
  float v;
  if (slot == PEEK_NONE)
    return -1;
  v = slot == PEEK_MISS ? -1.0f : tl_cache->slot[slot].sim[korean ? 1 : 0];
  return v >= 0 ? v : fill_cell(a, b, korean, slot);   /* < 0: flavour not computed */
}

static void load_side(side *s, const sc_name *n)
{
  s->n = n->n < SC_MAX_TOKS ? n->n : SC_MAX_TOKS;
  s->t = n->t;
}

static void note_pair(sc_align *al, int qi, int ci, double sim, const sc_term *q,
                      const sc_term *c)
{
  sc_pair *p;
  if (!al || al->npairs >= 2 * SC_MAX_TOKS)
    return;
  p = &al->pairs[al->npairs++];
  p->qi = (int16_t)qi;
  p->ci = (int16_t)ci;
  p->sim = (float)sim;
  p->q[0] = p->c[0] = 0;
  if (q)
    snprintf(p->q, sizeof p->q, "%.*s", (int)q->len, q->s);
  if (c)
    snprintf(p->c, sizeof p->c, "%.*s", (int)c->len, c->s);
}

/* Equal spellings of two terms of equal length: vocabulary ids are one
 * per spelling, so two ids decide without a memcmp, except for tokens cut
 * to SC_TERM_MAX - 1 letters (two spellings can share the cut one). */
static int same_spelling(const sc_term *a, const sc_term *b)
{
  if (a->id != UINT32_MAX && b->id != UINT32_MAX && a->len < SC_TERM_MAX - 1)
    return a->id == b->id;
  return !memcmp(a->s, b->s, a->len);
}

/* Cached similarity without computing it: -1 when unknown, with *slot
 * saying where the computed value goes (fill_cell), so that the cell is
 * not looked up twice. */
static double peek_sim(const sc_term *a, const sc_term *b, int korean, uint32_t *slot)
{
  *slot = PEEK_NONE;
  if (a->len == b->len && same_spelling(a, b))
    return 1.0;
  *slot = cache_lookup(a, b);
  return *slot < PEEK_MISS ? tl_cache->slot[*slot].sim[korean ? 1 : 0] : -1;   /* -1: flavour not computed */
}

static double cell_sim(const sc_term *a, const sc_term *b, int korean)
{
  double cs = cached_sim(a, b, korean);
  return cs >= 0 ? cs : tok_sim(a, b, korean);
}

/* Can the alignment still reach need? An upper bound on num - need x den
 * (score >= need iff that is >= 0), each query token on its own: matched
 * to some candidate token j with sim >= SIM_MIN it adds (sim - need) x
 * (wq + wc_j), unmatched it adds -need x 1.2 wq at best; a cell not
 * computed counts as its sim_upper bound (which the cell holds then).
 * At least c.n - q.n candidate tokens stay unmatched, each adding
 * -need x 0.4 wc at best (dc: the lightest of them). Dropping the
 * one-to-one constraint only loosens the bound. */
static int can_reach(const side *q, const side *c, double sim[][SC_MAX_TOKS],
                     double need, double dc)
{
  double tot = -need * dc;
  size_t i, j;
  for (i = 0; i < q->n; i++) {
    double best = -need * UNMATCHED_Q * q->t[i]->w;
    for (j = 0; j < c->n; j++) {
      double v = sim[i][j], x;
      if (v < SIM_MIN - 1e-6)
        continue;
      x = (v - need) * (q->t[i]->w + c->t[j]->w);
      if (x > best)
        best = x;
    }
    tot += best;
  }
  return tot >= -1e-9;
}

/* Lower bound on the unmatched candidate weight: the c.n - q.n cheapest
 * candidate tokens left unmatched (unmatched_c_cost). */
static double unmatched_c_floor(const side *q, const side *c)
{
  double w[SC_MAX_TOKS];
  size_t i, j, k = c->n > q->n ? c->n - q->n : 0;
  double sum = 0;
  if (!k)
    return 0;
  for (i = 0; i < c->n; i++) {
    double x = unmatched_c_cost(c, i);
    for (j = i; j > 0 && w[j - 1] > x; j--)
      w[j] = w[j - 1];
    w[j] = x;
  }
  for (i = 0; i < k; i++)
    sum += w[i];
  return sum;
}

/* Bound every cell by sim_upper (1 for the same spelling), heaviest
 * query token first, stopping (0) as soon as can_reach's sum is below zero
 * with the rows not bounded yet counted at their most (every cell 1): the
 * full sum can only be lower, so can_reach would say no too. Most names
 * stop after a row or two, without touching the similarity cache. A row's
 * best addition to the sum is taken as its cells are bounded, from the
 * values can_reach reads back. */
/* What bound_rows puts in a cell: 1 for the same spelling, else the
 * sim_upper bound (peek_cells tells the two apart). */
static BOUND_INLINE double bound_cell(const sc_term *qt, const sc_term *ct, int korean)
{
  if (qt->len == ct->len && same_spelling(qt, ct))
    return 1.0;
  return sim_upper(qt, ct, korean);
}

/* The cells of query token qt's row against c's tokens (sim_row), and
 * the row's best addition to can_reach's sum when check is set. st,
 * cell: qt's rows of the query's memo, or NULL for none, when the cells
 * are computed. Always inlined: the two callers (memo or not) each get
 * their own loop. */
static BOUND_INLINE double bound_row(const sc_term *qt, const side *c, double *sim_row,
                                     sc_umemo *um, uint32_t stamp,
                                     int korean, double need, int check)
{
  double best = -need * UNMATCHED_Q * qt->w;
  size_t j;
  for (j = 0; j < c->n; j++) {
    const sc_term *ct = c->t[j];
    double v, x;
    if (!um) {
      v = bound_cell(qt, ct, korean);
    } else if (um[ct->id].st == stamp) {
      v = um[ct->id].cell;
    } else {
      um[ct->id].st = stamp;
      v = um[ct->id].cell = (float)bound_cell(qt, ct, korean);
    }
    sim_row[j] = v;
    if (!check || v < SIM_MIN - 1e-6)
      continue;
    x = (v - need) * (qt->w + ct->w);
    if (x > best)
      best = x;
  }
  return best;
}

POPCNT_CLONES
static int bound_rows(const side *q, const side *c, double sim[][SC_MAX_TOKS],
                      const uint8_t *order, int korean, double need, double *dc, double wcmax,
                      double wqsum)
{
  /* every row at its most: every cell 1, which beats leaving the token
   * unmatched (-need x 1.2 wq < 0) as 0 < need < 1, summed at once from
   * the name's weight sum; need >= 1 (no check) needs no sum, and
   * fill_sim's need is > 0 */
  double part = (1.0 - need) * (wqsum + (double)q->n * wcmax);
  /* no memo for Korean pairs (their bounds differ) nor merged list
   * tokens (no vocabulary id) */
  sc_sim_cache *m = korean || c->t == c->own ? NULL : tl_cache;
  size_t i, k;
  for (k = 0; k < q->n; k++) {
    int check = k + 1 < q->n && need < 1;   /* need >= 1: part is not an upper bound */
    const sc_term *qt = q->t[i = order[k]];
    size_t row = m && qt->qslot ? (size_t)(qt->qslot - 1) * m->um_cap : 0;
    double best = m && qt->qslot ?
                  bound_row(qt, c, sim[i], m->um + row, m->um_stamp, korean, need, check) :
                  bound_row(qt, c, sim[i], NULL, 0, korean, need, check);
    if (check && (part += best - (1.0 - need) * (qt->w + wcmax)) < -1e-9)
      return 0;
    /* the unmatched list tokens' part (<= 0) only after the first row:
     * most names are below need without it */
    if (k == 0 && (*dc = unmatched_c_floor(q, c)) > 0 && check &&
        (part -= need * *dc) < -1e-9)
      return 0;
  }
  return 1;
}

/* Replace the bounds by cached similarities where the cache has them
 * (the same spelling's 1 is exact already); bit j of unk[i]: cell (i, j)
 * still holds a bound, and slot says where its similarity goes
 * (fill_cell). */
static void peek_cells(const side *q, const side *c, double sim[][SC_MAX_TOKS],
                       uint32_t slot[][SC_MAX_TOKS], uint32_t *unk, int korean)
{
  size_t i, j;
  for (i = 0; i < q->n; i++) {
    unk[i] = 0;
    for (j = 0; j < c->n; j++) {
      double v = peek_sim(q->t[i], c->t[j], korean, &slot[i][j]);
      if (v >= 0)
        sim[i][j] = v;
      else
        unk[i] |= 1u << j;
    }
  }
}

/* Fill the similarity matrix; with need > 0, stop as soon as the score
 * provably stays below need (returns 0 then, 1 when filled). Bounds
 * first (no memory but the two terms), then cached cells, then the
 * missing ones row by row, heaviest query token first, re-checking the
 * bound after each row. order: q's tokens heaviest first (the name's
 * sc_name.ord when q is unmerged), NULL to sort them here; wcmax: c's
 * heaviest token weight (sc_name.wmax when c is unmerged); wqsum: q's
 * weights summed (sc_name.wsum when q is unmerged). */
static int fill_sim(const side *q, const side *c, double sim[][SC_MAX_TOKS],
                    int korean, double need, const uint8_t *order, float wcmax, double wqsum)
{
  size_t i, j, k;
  uint8_t own[SC_MAX_TOKS];
  uint32_t slot[SC_MAX_TOKS][SC_MAX_TOKS], unk[SC_MAX_TOKS];
  double dc;
  if (need <= 0) {
    for (i = 0; i < q->n; i++)
      for (j = 0; j < c->n; j++)
        sim[i][j] = cell_sim(q->t[i], c->t[j], korean);
    return 1;
  }
  if (!order) {
    sc_weight_order(q->t, q->n, own);
    order = own;
  }
  if (!bound_rows(q, c, sim, order, korean, need, &dc, wcmax, wqsum) ||
      !can_reach(q, c, sim, need, dc))
    return 0;
  peek_cells(q, c, sim, slot, unk, korean);
  if (!can_reach(q, c, sim, need, dc))
    return 0;
  for (k = 0; k < q->n; k++) {
    int filled = 0;
    i = order[k];
    for (j = 0; j < c->n; j++)
      if (unk[i] >> j & 1) {
        double u = sim[i][j];
        /* below SIM_MIN the value is never used: the bound will do */
        sim[i][j] = u < SIM_MIN - 1e-6 ? u : fill_cell(q->t[i], c->t[j], korean, slot[i][j]);
        filled = 1;
      }
    if (filled && k + 1 < q->n && !can_reach(q, c, sim, need, dc))
      return 0;
  }
  return 1;
}

/* The NYSIIS key and the consonant skeleton of one letter were made for
 * persons' names, spelt by ear; an organisation's words share them by
 * chance (Shell and Salah, China and Cham, Deere and Doris, PBF and PEI).
 * In a pair with an organisation's name, each usable cell those floors
 * may have raised is computed again without them. Lowering a cell keeps
 * fill_sim's bounds upper bounds; the cells are few (the floors' 0.8 at
 * most), so the cache keeps the persons' values. */
static void org_cells(const side *q, const side *c, double sim[][SC_MAX_TOKS], int korean)
{
  size_t i, j;
  for (i = 0; i < q->n; i++)
    for (j = 0; j < c->n; j++) {
      const sc_term *a = q->t[i], *b = c->t[j];
      double v = sim[i][j], s;
      if (v < SIM_MIN || v > 0.8 + 1e-6 || (!SAME_NYS(a, b) && !a->cons[0] && !b->cons[0]))
        continue;
      s = tok_sim_graded(a, b, korean, 1);
      if (other_name(a, b, korean, s))
        s = OTHER_NAME;
      if (s < v)
        sim[i][j] = s;
    }
}

static double name_score(const sc_name *qn, const sc_name *cn, sc_align *al, double need);
static double name_score_p(const sc_name *qn, const sc_name *cn, sc_align *al, double need,
                           int *pruned);

double sc_name_score(const sc_name *qn, const sc_name *cn, sc_align *al)
{
  return name_score(qn, cn, al, 0);
}

double sc_name_score_min(const sc_name *qn, const sc_name *cn, double need)
{
  return name_score(qn, cn, NULL, need);
}

double sc_name_score_bound(const sc_name *qn, const sc_name *cn, double need, int *exact)
{
  int pruned = 0;
  double s = name_score_p(qn, cn, NULL, need, &pruned);
  *exact = !pruned;
  return s;
}

static double name_score(const sc_name *qn, const sc_name *cn, sc_align *al, double need)
{
  int pruned;
  return name_score_p(qn, cn, al, need, &pruned);
}

static double name_score_p(const sc_name *qn, const sc_name *cn, sc_align *al, double need,
                           int *pruned)
{
  side q, c;
  merge_pool pool;
  double sim[SC_MAX_TOKS][SC_MAX_TOKS];
  int qm[SC_MAX_TOKS], cm[SC_MAX_TOKS];
  size_t i, j;
  double num = 0, den = 0, score;
  int korean = qn->korean && cn->korean, qnum = 0, cnum = 0;
  if (al) {
    al->npairs = 0;
    al->number_clash = 0;
    al->korean_given_clash = 0;
    al->kin_swap = 0;
    al->substitution = 0;
    al->org_descriptors = 0;
  }
  load_side(&q, qn);
  load_side(&c, cn);
  if (!q.n || !c.n)
    return 0;
  pool.n = 0;
  if (!sc_cjk_strict(qn, cn)) {
    sc_lenmask qm2;
    const sc_lenmask *qm1 = &qn->mm;   /* q's masks, remade after a merge */
    size_t qn0 = q.n;
    if (sc_may_merge(&qn->mm, &cn->mm)) {
      sc_merge_side(&q, &c, &pool, korean, &qn->mm, &cn->mm);
      if (q.n != qn0) {   /* merging only ever removes tokens */
        sc_lenmask_of(q.t, q.n, &qm2);
        qm1 = &qm2;
      }
    }
    if (sc_may_merge(&cn->mm, qm1))
      sc_merge_side(&c, &q, &pool, korean, &cn->mm, qm1);
  }
  if (sc_cjk_strict(qn, cn)) {
    /* Hangul against Hangul, Han against Han: a syllable is the same or
     * another one */
    for (i = 0; i < q.n; i++)
      for (j = 0; j < c.n; j++)
        sim[i][j] = q.t[i]->len == c.t[j]->len &&
                    !memcmp(q.t[i]->s, c.t[j]->s, q.t[i]->len);
  } else if (!fill_sim(&q, &c, sim, korean, need, q.t == qn->t ? qn->ord : NULL,
                       c.t == cn->t ? cn->wmax : sc_weight_max(c.t, c.n),
                       q.t == qn->t ? qn->wsum : sc_weight_sum(q.t, q.n))) {
    *pruned = 1;
    return 0;   /* below need: the caller only wants to know that */
  } else if (qn->org || cn->org) {
    org_cells(&q, &c, sim, korean);
  }
  for (i = 0; i < q.n; i++) qm[i] = -1;
  for (j = 0; j < c.n; j++) cm[j] = -1;
  for (;;) {
    double best = SIM_MIN - 1e-9, bw = 0;
    size_t bi = 0, bj = 0;
    for (i = 0; i < q.n; i++) {
      if (qm[i] >= 0) continue;
      for (j = 0; j < c.n; j++) {
        double w;
        if (cm[j] >= 0 || sim[i][j] < best) continue;
        w = q.t[i]->w + c.t[j]->w;
        if (sim[i][j] > best || w > bw) {
          best = sim[i][j];
          bw = w;
          bi = i;
          bj = j;
        }
      }
    }
    if (best < SIM_MIN)
      break;
    qm[bi] = (int)bj;
    cm[bj] = (int)bi;
    num += best * bw;
    den += bw;
    note_pair(al, (int)bi, (int)bj, best, q.t[bi], c.t[bj]);
  }
  {
    /* A token unmatched on both sides is a substitution (a different
     * person or company), not a partial name: the heaviest unmatched
     * candidate tokens, as many as the query has unmatched, weigh like
     * unmatched query tokens. */
    size_t unq = 0, unc = 0, subs;
    for (i = 0; i < q.n; i++)
      if (qm[i] < 0 && q.t[i]->kind != IDT_TOK_LEGAL)
        unq++;
    for (j = 0; j < c.n; j++)
      if (cm[j] < 0 && c.t[j]->kind != IDT_TOK_LEGAL)
        unc++;
    int form_clash = sc_legal_clash(&q, qm, &c, cm);
    for (i = 0; i < q.n; i++)
      if (qm[i] < 0) {
        double k = unc ? SUBSTITUTED : UNMATCHED_Q;
        if (q.t[i]->kind == IDT_TOK_LEGAL)
          k = form_clash ? SUBSTITUTED : UNMATCHED_Q;
        den += k * q.t[i]->w;
        qnum += q.t[i]->kind == IDT_TOK_NUMBER;
        note_pair(al, (int)i, -1, 0, q.t[i], NULL);
      }
    subs = unq < unc ? unq : unc;
    while (subs) {
      size_t bj = c.n;
      for (j = 0; j < c.n; j++)
        if (cm[j] < 0 && c.t[j]->kind != IDT_TOK_LEGAL &&
            (bj == c.n || c.t[j]->w > c.t[bj]->w))
          bj = j;
      if (bj == c.n)
        break;
      cm[bj] = -2;
      subs--;
      if (al && korean && c.t[bj]->ko[0])
        al->korean_given_clash = 1;
    }
    for (j = 0; j < c.n; j++)
      if (cm[j] < 0) {
        den += cm[j] == -2 || (form_clash && c.t[j]->kind == IDT_TOK_LEGAL) ?
               SUBSTITUTED * c.t[j]->w : unmatched_c_cost(&c, j);
        cnum += c.t[j]->kind == IDT_TOK_NUMBER;
        note_pair(al, -1, (int)j, 0, NULL, c.t[j]);
      }
  }
  score = den > 0 ? num / den : 0;
  if (sc_substituted(&q, qm, &c, cm)) {
    score *= SC_SUBST_FACTOR;   /* another name: see sc_substituted() */
    if (al)
      al->substitution = 1;
  } else if ((qn->org || cn->org) && sc_org_rest(&q, qm, &c, cm, sim)) {
    score *= SC_SUBST_FACTOR;   /* another organisation of the same trade */
    if (al)
      al->org_descriptors = 1;
  }
  if (qnum && cnum) {
    score *= 0.5;
    if (al)
      al->number_clash = 1;
  }
  if (sc_kin_swapped(&q, &c, qm)) {
    score *= 0.5;   /* father and son: another person, like another number */
    if (al)
      al->kin_swap = 1;
  }
  if (al)
    al->score = score;
  return score;
}
