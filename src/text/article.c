/*
 * article.c - the Arabic article assimilated to a "sun letter", read as al.
 *
 * Arabic writes al- before every noun but says its l as the first
 * consonant of a noun that starts with a sun letter, and Latin spellings
 * follow either: al-Zawahiri is also az-Zawahiri, al-Rahman ar-Rahman,
 * al-Shami ash-Shami, al-Din ad-Din. A list and a query seldom pick the
 * same one, and the scorer saw "az" and "al" as two unmatched names (Ayman
 * az-Zawahiri ~ AL-ZAWAHIRI Ayman 0.60, no match). So a token a + a sun
 * letter's spelling (at ath ad adh ar az as ash an; the emphatics t d s z
 * are spelled the same) followed by a token that starts with that same
 * spelling is the article, al; the noun stays as written. The doubling is
 * what says "article": ar in "Ar Ban", an in "An der", ad in "Ad Hoc" stay.
 *   - t, d and s also start the digraphs th, dh and sh: spaced, a + letter
 *     before its digraph stays (English "at the"); hyphenated it is the
 *     article (as-Shams, ad-Dhahabi);
 *   - an is a Chinese and Korean syllable too (Bao An Nan Road, AN
 *     Nam-chol): spaced, it is the article only before a word of four
 *     letters or more that is no pinyin syllable and is not hyphenated on
 *     (a Korean given name is);
 *   - glued forms: 'Abd + article is abd.c's (Abdurrahman). Other words
 *     starting a + a doubled sun letter are left whole: in the lists they
 *     are European names and words (Annette, Arredondo, Assembly) or Arabic
 *     names without an article (Attiyah), never an article and a noun.
 * Both list names and queries are tokenised by idt__text_prepare, which
 * calls this, so the two sides read the article the same way.
 */
#include <string.h>
#include "text/text_int.h"

/* Latin spellings of the sun letters an article can take (the digraphs
 * first only for reading: lookups are by exact length). */
static const char *const sun[] = { "th", "dh", "sh", "t", "d", "r", "z", "s", "n" };

static int is_sun(const char *s, size_t n)
{
  size_t k;
  for (k = 0; k < sizeof sun / sizeof *sun; k++)
    if (strlen(sun[k]) == n && !memcmp(sun[k], s, n))
      return 1;
  return 0;
}

/* Does the noun w (wl bytes) start with the spelling c (cl bytes), and not
 * with the digraph c + h that a spaced article leaves alone? */
static int noun_fits(const char *c, size_t cl, const char *w, size_t wl, int hyphen)
{
  char dig[2];
  if (wl < cl + 2 || memcmp(w, c, cl))
    return 0;
  if (cl == 1 && !hyphen && w[1] == 'h') {
    dig[0] = c[0];
    dig[1] = 'h';
    return !is_sun(dig, 2);
  }
  return 1;
}

/* Is token i the assimilated article of token i + 1? */
static int assimilated(const idt__toks *t, size_t i)
{
  const char *a = t->p[i], *w = t->p[i + 1];
  size_t al = t->len[i], wl = t->len[i + 1];
  int hyphen = t->joined[i];
  if (al < 2 || al > 3 || a[0] != 'a' || !is_sun(a + 1, al - 1))
    return 0;
  if (!noun_fits(a + 1, al - 1, w, wl, hyphen))
    return 0;
  if (!hyphen && idt__text_pinyin_syllable(a, al))
    return wl >= 4 && !idt__text_pinyin_syllable(w, wl) && !t->joined[i + 1];
  return 1;
}

void idt__text_sun_article(idt__toks *t)
{
  size_t i;
  for (i = 0; i + 1 < t->n; i++)
    if (t->p[i][0] == 'a' && assimilated(t, i)) {
      t->p[i] = "al";
      t->len[i] = 2;
      t->camel[i] = 0;
    }
}
