/*
 * phonetic.c - NYSIIS keys and consonant skeletons for Latin name tokens.
 *
 * NYSIIS (New York State Identification and Intelligence System, R. L.
 * Taft, "Name Search Techniques", 1970) rather than Soundex or Double
 * Metaphone: it keeps vowel positions (as 'A') and the first letter, so it
 * separates more names than Soundex (Soundex files KIM, KHAN and KING under
 * K520/K500) while being a single deterministic key that is cheap to index;
 * Double Metaphone's two keys and ~700 rules are tuned to English surnames
 * of European origin and add little for transliterated Arabic, Korean or
 * Russian names, where the consonant skeleton below does the work.
 *
 * The consonant skeleton compares abjad transliterations, which carry no
 * short vowels (ICU gives "mhmd" for Arabic Muhammad), with vowelled Latin
 * spellings ("mohamed" -> "mhmd").
 */
#include <string.h>
#include "interdict/text.h"

static int is_vowel(char c)
{
  return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* Rewrite the first letters per NYSIIS step 1 and the ending per step 2. */
static size_t nysiis_prepare(char *w, size_t n)
{
  if (n >= 3 && !memcmp(w, "MAC", 3)) { w[1] = 'C'; }
  else if (n >= 2 && !memcmp(w, "KN", 2)) { w[0] = 'N'; }
  else if (n >= 1 && w[0] == 'K') { w[0] = 'C'; }
  else if (n >= 2 && (!memcmp(w, "PH", 2) || !memcmp(w, "PF", 2))) { w[0] = 'F'; w[1] = 'F'; }
  else if (n >= 3 && !memcmp(w, "SCH", 3)) { w[1] = 'S'; w[2] = 'S'; }
  if (n >= 2) {
    const char *e = w + n - 2;
    if (!memcmp(e, "EE", 2) || !memcmp(e, "IE", 2)) { w[n - 2] = 'Y'; n--; }
    else if (!memcmp(e, "DT", 2) || !memcmp(e, "RT", 2) || !memcmp(e, "RD", 2) ||
             !memcmp(e, "NT", 2) || !memcmp(e, "ND", 2)) { w[n - 2] = 'D'; n--; }
  }
  return n;
}

size_t idt_text_nysiis(const char *tok, size_t n, char *key, size_t cap)
{
  char w[64], k[80];
  size_t m = 0, i, kn = 0;
  for (i = 0; i < n && m < sizeof w; i++)
    if (tok[i] >= 'a' && tok[i] <= 'z')
      w[m++] = (char)(tok[i] - 32);
    else if (tok[i] >= 'A' && tok[i] <= 'Z')
      w[m++] = tok[i];
  if (!m || cap < 2) {
    if (cap)
      key[0] = 0;
    return 0;
  }
  m = nysiis_prepare(w, m);
  k[kn++] = w[0];
  for (i = 1; i < m; i++) {
    char c = w[i], add[3] = { 0, 0, 0 };
    size_t na = 1;
    if (c == 'E' && i + 1 < m && w[i + 1] == 'V') { add[0] = 'A'; add[1] = 'F'; na = 2; i++; }
    else if (is_vowel(c)) add[0] = 'A';
    else if (c == 'Q') add[0] = 'G';
    else if (c == 'Z') add[0] = 'S';
    else if (c == 'M') add[0] = 'N';
    else if (c == 'K' && i + 1 < m && w[i + 1] == 'N') add[0] = 'N';
    else if (c == 'K') add[0] = 'C';
    else if (c == 'S' && i + 2 < m && w[i + 1] == 'C' && w[i + 2] == 'H') {
      add[0] = 'S'; add[1] = 'S'; add[2] = 'S'; na = 3; i += 2;
    } else if (c == 'P' && i + 1 < m && w[i + 1] == 'H') { add[0] = 'F'; add[1] = 'F'; na = 2; i++; }
    else if (c == 'H' && (!is_vowel(w[i - 1]) || (i + 1 < m && !is_vowel(w[i + 1])) || i + 1 == m))
      add[0] = k[kn - 1];
    else if (c == 'W' && is_vowel(w[i - 1])) add[0] = 'A';
    else add[0] = c;
    for (size_t j = 0; j < na; j++)
      if (kn < sizeof k && k[kn - 1] != add[j])
        k[kn++] = add[j];
  }
  if (kn > 1 && k[kn - 1] == 'S') kn--;
  if (kn > 2 && k[kn - 2] == 'A' && k[kn - 1] == 'Y') { k[kn - 2] = 'Y'; kn--; }
  if (kn > 1 && k[kn - 1] == 'A') kn--;
  if (kn > 8) kn = 8;
  if (kn >= cap) kn = cap - 1;
  memcpy(key, k, kn);
  key[kn] = 0;
  return kn;
}

/* Letter classes of the skeleton: what abjads write with one letter and
 * Latin with several. v goes with w (dropped): Hebrew vav and Arabic waw
 * are a consonant or a long vowel (dwd is David, mhmwd Mahmoud); b p f are
 * one class (Arabic has no p: byryz is Perez; Hebrew pe is p or f: ywsp is
 * Yosef); q is k; g is j (Egyptian Gamal for jim). */
static char skeleton_class(char c)
{
  switch (c) {
  case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w': case 'v':
    return 0;
  case 'p': case 'f':
    return 'b';
  case 'q':
    return 'k';
  case 'g':
    return 'j';
  default:
    return c;
  }
}

/* A word-final i or y is kept as y: Arabic and Persian write a final
 * long vowel (ی), so Ahmadi is hmdy and not Ahmad's hmd, Sami smy and not
 * Usama's sm, Khamenei khmny. */
size_t idt_text_consonants(const char *tok, size_t n, char *out, size_t cap)
{
  size_t i, m = 0;
  if (!cap)
    return 0;
  for (i = 0; i < n && m + 1 < cap; i++) {
    char c = skeleton_class(tok[i]);
    if (!c)
      continue;
    if (m && out[m - 1] == c)
      continue;
    out[m++] = c;
  }
  if (n >= 2 && (tok[n - 1] == 'i' || tok[n - 1] == 'y') && m + 1 < cap &&
      !(m && out[m - 1] == 'y'))
    out[m++] = 'y';
  out[m] = 0;
  return m;
}
