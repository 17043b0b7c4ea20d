/*
 * variant.c - is a spelling difference a misspelling or another name?
 *
 * Token similarity (score.c) grades how far two spellings are apart; it
 * cannot tell Sancho from Sanchez (another name: the Spanish patronymic of
 * Sancho) from Juare for Juarez (a truncated name), both two or three
 * letters apart at the end. What separates them is the shape of the edit:
 *
 *  - a misspelling or a transliteration changes ONE thing: a letter typed
 *    for another, dropped, added or swapped with its neighbour (Friedrych,
 *    Serei, Scholze, al-Asasd), a doubled letter (Emanuel, Lindeman), or
 *    only vowels, however many (Narender, Husayn/Hussein, Mitsotakos:
 *    romanisations disagree on vowels above all);
 *  - another name differs in its consonants AND somewhere else: a
 *    different ending or syllable (Sanch-o/Sanch-ez, Ronald-inho/Ronald-o,
 *    Lukashe-vich/Lukashe-nko, Alban-o/Alban-ese) or two consonants
 *    (Navros/Lavrov).
 *
 * So two tokens are "other names" when their cheapest alignment needs two
 * edits or more, more than one per five letters of the shorter spelling
 * (two slips in a long word are still a typo: Agriculture/Agricultural,
 * Khordorovsky/Khodorkovsky), and at least one of them is a hard
 * consonant edit: a consonant put in, left out or replaced by a letter
 * that is not its usual transliteration partner (cost 1.0 in score.c's
 * table). Soft edits count
 * towards the two but are never the hard one: vowels and y, 'h' (silent or
 * a digraph marker in many romanisations), the confusable pairs of the
 * substitution table (c/k, s/z, b/p, f/p, g/j, d/t, l/r, m/n, v/w ...:
 * what transliterations swap), a transposition. Before aligning, both
 * spellings are folded so that one sound is one letter on both sides:
 * doubled letters once (Emmanuel, Lindemann, Puffin), dzh, dj, zh -> j
 * (Ahmadinezhad/Ahmadinejad), ck -> k (Barack/Baraku), x -> ks
 * (Alexander/Aleksandr), 'h' after a consonant dropped (kh ch sh th ph),
 * j closing a syllable after a vowel -> y (Sergej, Sergejs/Sergey: the
 * German, Slavic and Baltic spelling of the semivowel).
 * Folding doubled letters also stops ff -> cc passing as four cheap
 * doubled-letter edits.
 *
 * Two 'Abd al-X names (Abdulmalik, Abd al-Khaliq, Abdurrahman: "servant
 * of" and an attribute of God) are judged on what follows the prefix: the
 * shared abdul- would otherwise make malik/khaliq two slips in a long word.
 *
 * The alignment minimises the weighted cost first, then the hard edits,
 * then all edits: among equally cheap alignments the one most like a typo
 * decides. Not applied (score.c) to vowel-poor abjad spellings against
 * each other or against a vowelled spelling with the same consonant
 * skeleton (mhmd ~ mohamed, frnandw ~ fernando), nor to Korean-shaped
 * names, which have their own syllable rule. Sigma/Cigna (s/c and m/n,
 * both confusable) and Orbach/Orban (ch is one letter: one consonant
 * changed) stay similar: the rule is about the shape of the edits, not a
 * list of names.
 */
#include <pthread.h>
#include <string.h>
#include "screen/screen_int.h"

/* Packed alignment cost: weighted cost in tenths, then hard edits, then
 * edits; adding two packed values adds each field (fields stay below
 * their widths: at most 2 x 47 operations), comparing them compares
 * (cost, hard, edits) lexicographically. */
#define F_EDIT 1u
#define F_HARD (1u << 7)
#define F_COST (1u << 14)

/* Fold one token: lowercase ASCII in, digraphs to one letter. */
static size_t fold(const char *s, size_t n, char *out, size_t cap)
{
  size_t i, m = 0;
  for (i = 0; i < n && m + 2 < cap; i++) {
    char c = s[i], nx = i + 1 < n ? s[i + 1] : 0;
    if (c == 'd' && nx == 'z' && i + 2 < n && s[i + 2] == 'h') {
      out[m++] = 'j';
      i += 2;
    } else if ((c == 'd' && nx == 'j') || (c == 'z' && nx == 'h')) {
      out[m++] = 'j';
      i++;
    } else if (c == 'x') {
      out[m++] = 'k';
      out[m++] = 's';
    } else if (c == 'j' && m && !sc_is_consonant(out[m - 1]) && out[m - 1] != 'h' &&
               (!nx || sc_is_consonant(nx))) {
      out[m++] = 'y';   /* j closing a syllable is the semivowel y: Sergej(s) */
    } else if (c == 'c' && nx == 'k') {
      out[m++] = 'k';
      i++;
    } else if (c == 'h' && m && sc_is_consonant(out[m - 1])) {
      continue;
    } else if (!m || out[m - 1] != c) {   /* a doubled letter is one */
      out[m++] = c;
    }
  }
  out[m] = 0;
  return m;
}

int sc_is_consonant(char c)
{
  return !(c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' ||
           c == 'h');
}

/* Packed substitution costs, built once from score.c's table, and
 * insertion/deletion costs of a letter (score.c's, without the doubled
 * letter discount: the folded spellings have no doubled letters). */
static uint32_t sub_pk[128][128], indel_pk[128];
static pthread_once_t sub_pk_once = PTHREAD_ONCE_INIT;

static void sub_pk_init(void)
{
  int x, y;
  for (x = 0; x < 128; x++)
    for (y = 0; y < 128; y++) {
      unsigned t = (unsigned)(sc_sub_cost((char)x, (char)y) * 10.0f + 0.5f);
      int hard = t >= 10 && (sc_is_consonant((char)x) || sc_is_consonant((char)y));
      sub_pk[x][y] = x == y ? 0 : t * F_COST + (hard ? F_HARD : 0) + F_EDIT;
    }
  for (x = 0; x < 128; x++) {
    char one = (char)x;
    float c;
    sc_indel_costs(&one, 1, &c);
    indel_pk[x] = (uint32_t)(c * 10.0f + 0.5f) * F_COST +
                  (sc_is_consonant(one) ? F_HARD : 0) + F_EDIT;
  }
}

static uint32_t min3(uint32_t x, uint32_t y, uint32_t z)
{
  uint32_t m = x < y ? x : y;
  return m < z ? m : z;
}

static int other_name_plain(const char *as, size_t an, const char *bs, size_t bn);

int sc_other_name(const char *as, size_t an, const char *bs, size_t bn)
{
  size_t pa = idt_text_abd_prefix(as, an, 3), pb = idt_text_abd_prefix(bs, bn, 3);
  /* 'Abd al-Malik and 'Abd al-Khaliq: the names after "servant of" decide
   * (the shared prefix would make two edits look like slips in a long word) */
  if (pa && pb)
    return other_name_plain(as + pa, an - pa, bs + pb, bn - pb);
  return other_name_plain(as, an, bs, bn);
}

static int other_name_plain(const char *as, size_t an, const char *bs, size_t bn)
{
  char a[SC_TERM_MAX + 8], b[SC_TERM_MAX + 8], bz[SC_TERM_MAX + 9];
  unsigned char bm[SC_TERM_MAX + 8];   /* b's letters as table indices */
  uint32_t ia[SC_TERM_MAX + 8], ib[SC_TERM_MAX + 8];
  uint32_t r0[SC_TERM_MAX + 8], r1[SC_TERM_MAX + 8], r2[SC_TERM_MAX + 8];
  uint32_t *pp = r0, *p = r1, *c = r2, *t, v;
  size_t la, lb, i, j;
  if (an >= SC_TERM_MAX || bn >= SC_TERM_MAX)
    return 0;
  pthread_once(&sub_pk_once, sub_pk_init);
  la = fold(as, an, a, sizeof a);
  lb = fold(bs, bn, b, sizeof b);
  if (la >= SC_TERM_MAX || lb >= SC_TERM_MAX)
    return 0;
  for (i = 0; i < la; i++)
    ia[i] = indel_pk[(unsigned char)a[i] & 127];
  for (j = 0; j < lb; j++) {
    bm[j] = (unsigned char)b[j] & 127;
    ib[j] = indel_pk[bm[j]];
  }
  bz[0] = 0;   /* bz: b after a 0 (bz[j - 1], bz[j] are b[j - 2], b[j - 1]) */
  memcpy(bz + 1, b, lb);
  p[0] = 0;
  for (j = 1; j <= lb; j++)
    p[j] = p[j - 1] + ib[j - 1];
  for (i = 1; i <= la; i++) {
    const uint32_t *sub = sub_pk[(unsigned char)a[i - 1] & 127], del = ia[i - 1];
    const char ac = a[i - 1], ap = i > 1 ? a[i - 2] : 0;
    uint32_t left = c[0] = p[0] + del;
    for (j = 1; j <= lb; j++) {
      uint32_t x = min3(p[j - 1] + sub[bm[j - 1]], p[j] + del, left + ib[j - 1]);
      /* a transposition needs two letters on each side: folded spellings
       * hold no 0, so the 0 before bz (j = 1) and ap (i = 1) never match */
      if (ac == bz[j - 1] && ap == bz[j] && ac != ap && pp[j - 2] + 6 * F_COST + F_EDIT < x)
        x = pp[j - 2] + 6 * F_COST + F_EDIT;
      c[j] = left = x;
    }
    t = pp; pp = p; p = c; c = t;
  }
  v = p[lb];
  /* two edits or more, and more than one per five letters of the shorter
   * spelling: two slips in a long word are still a misspelling */
  return (v / F_HARD) % (F_COST / F_HARD) >= 1 && v % F_HARD >= 2 &&
         (v % F_HARD) * 5 > (la < lb ? la : lb);
}
