/*
 * vessel.c - how vessel names are written: a ship-type prefix before the
 * name (MV, M/T), a Roman numeral after it (NAM SAN VIII), and a Korean
 * name's syllables run together in South Korean romanisation
 * (CHEONMASAN for OFAC's CHON MA SAN).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "screen/names.h"

/* The ship-type prefixes: motor, tanker, steam, fishing and research
 * vessels; M/S, M.V. and the like are read without their punctuation. */
static const char *const vessel_prefixes[] = { "mv", "mt", "ms", "ss", "fv", "rv" };

size_t sc_vessel_prefix(const char *raw)
{
  char p[3];
  size_t i = 0, n = 0, k;
  while (raw[i] && n < 3) {
    unsigned char c = (unsigned char)raw[i];
    if (isalpha(c))
      p[n++] = (char)tolower(c);
    else if (c != '/' && c != '.')
      break;
    i++;
  }
  if (n != 2 || (raw[i] != ' ' && raw[i] != '\t'))
    return 0;
  while (raw[i] == ' ' || raw[i] == '\t')
    i++;
  if (!raw[i])
    return 0;   /* the prefix alone is the name */
  for (k = 0; k < sizeof vessel_prefixes / sizeof *vessel_prefixes; k++)
    if (!memcmp(p, vessel_prefixes[k], 2))
      return i;
  return 0;
}

/* The value of Roman numeral s (n letters of I, V and X, any case)
 * written the canonical way (VIII, not IIX), 1..39; 0 when it is not one. */
static int roman_value(const char *s, size_t n)
{
  static const char *const units[] = { "", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix" };
  char canon[16];
  int v = 0, i;
  size_t k;
  for (k = 0; k < n; k++) {
    int c = tolower((unsigned char)s[k]);
    int x = c == 'i' ? 1 : c == 'v' ? 5 : c == 'x' ? 10 : 0;
    if (!x || n > 8)
      return 0;
    /* subtractive: a smaller letter before a larger one */
    if (k + 1 < n) {
      int d = tolower((unsigned char)s[k + 1]);
      int y = d == 'i' ? 1 : d == 'v' ? 5 : d == 'x' ? 10 : 0;
      if (y > x)
        x = -x;
    }
    v += x;
  }
  if (v < 1 || v > 39)
    return 0;
  k = 0;
  for (i = 0; i < v / 10; i++)
    canon[k++] = 'x';
  canon[k] = 0;
  if (k + strlen(units[v % 10]) >= sizeof canon)
    return 0;
  memcpy(canon + k, units[v % 10], strlen(units[v % 10]) + 1);
  if (strlen(canon) != n)
    return 0;
  for (k = 0; k < n; k++)
    if (tolower((unsigned char)s[k]) != canon[k])
      return 0;
  return v;
}

size_t sc_vessel_numeral(const char *raw, char *out, size_t cap)
{
  size_t n = strlen(raw), e, b;
  int v;
  e = n;
  while (e && (raw[e - 1] == ' ' || raw[e - 1] == '\t'))
    e--;
  b = e;
  while (b && raw[b - 1] != ' ' && raw[b - 1] != '\t')
    b--;
  /* a numeral after a name (not the whole name; one letter too: OFAC
   * lists ARGO I, MARIE DE LOURDES V, BICENTENARIO X), but not XI, a
   * Chinese syllable (HUA XI) */
  if (!b || b == e || (e - b == 2 && tolower((unsigned char)raw[b]) == 'x' &&
                       tolower((unsigned char)raw[b + 1]) == 'i'))
    return 0;
  if (!(v = roman_value(raw + b, e - b)) || b + 3 >= cap)
    return 0;
  memcpy(out, raw, b);
  return b + (size_t)snprintf(out + b, cap - b, "%d", v);
}

/* Hangul syllable at s[0..2] (U+AC00-U+D7A3, three UTF-8 bytes)? */
static int hangul_at(const unsigned char *s)
{
  unsigned cp;
  if ((s[0] & 0xF0) != 0xE0 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
    return 0;
  cp = (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
  return cp >= 0xAC00 && cp <= 0xD7A3;
}

/* Copy Hangul text raw[0..n) to out with digits set apart from the
 * syllables around them; the new length, or 0 when out is too small. */
static size_t hangul_digits_apart(const char *raw, size_t n, char *out, size_t cap)
{
  const unsigned char *s = (const unsigned char *)raw;
  size_t i = 0, o = 0;
  int prev = 0;   /* 1 a syllable, 2 a digit, 0 anything else */
  while (i < n) {
    int cur = i + 2 < n && hangul_at(s + i) ? 1 : isdigit(s[i]) ? 2 : 0;
    size_t len = cur == 1 ? 3 : 1;
    if (o + len + 2 > cap)
      return 0;
    if (cur && prev && cur != prev)
      out[o++] = ' ';
    memcpy(out + o, raw + i, len);
    o += len;
    i += len;
    prev = cur;
  }
  out[o] = 0;
  return o;
}

/* The words of raw before its last, counted, and whether the one just
 * before it is a number: for the Latin suffix Ho. */
static size_t words_before(const char *raw, size_t last, int *number)
{
  size_t i = 0, words = 0;
  *number = 0;
  while (i < last) {
    size_t j = i, digits = 0;
    while (j < last && (raw[j] == ' ' || raw[j] == '-' || raw[j] == '\t'))
      j++;
    if (j == last)
      break;
    i = j;
    while (j < last && raw[j] != ' ' && raw[j] != '-' && raw[j] != '\t')
      digits += isdigit((unsigned char)raw[j++]) != 0;
    words++;
    *number = digits == j - i;
    i = j;
  }
  return words;
}

size_t sc_vessel_suffix(const char *raw, char *out, size_t cap)
{
  size_t n = strlen(raw), b, l;
  const unsigned char *s = (const unsigned char *)raw;
  int number;
  while (n && (raw[n - 1] == ' ' || raw[n - 1] == '\t'))
    n--;
  /* 호 (ED 98 B8) after two syllables, or after a digit */
  if (n >= 7 && !memcmp(raw + n - 3, "\xED\x98\xB8", 3) &&
      (isdigit(s[n - 4]) || (hangul_at(s + n - 6) && n >= 9 && hangul_at(s + n - 9))))
    return hangul_digits_apart(raw, n - 3, out, cap);
  if ((l = hangul_digits_apart(raw, n, out, cap)) > n)
    return l;   /* digits set apart: a longer name */
  /* a last word Ho after a number or two words */
  b = n;
  while (b && raw[b - 1] != ' ' && raw[b - 1] != '-' && raw[b - 1] != '\t')
    b--;
  if (n - b != 2 || tolower(s[b]) != 'h' || tolower(s[b + 1]) != 'o' || !b)
    return 0;
  if (words_before(raw, b, &number) < 2 && !number)
    return 0;
  while (b && (raw[b - 1] == ' ' || raw[b - 1] == '-' || raw[b - 1] == '\t'))
    b--;
  if (b + 1 > cap)
    return 0;
  memcpy(out, raw, b);
  out[b] = 0;
  return b;
}

#ifdef IDT_HAVE_KOREAN
/* Is w (n letters) a run of Korean syllables in Revised Romanisation:
 * six letters or more, with a vowel pair only RR writes (eo, eu, ae), and
 * segmentable into two to four syllables? Their count, else 0. */
static int rr_run(const char *w, size_t n, idt_str *seg)
{
  size_t i;
  int rr = 0, k;
  if (n < 6)
    return 0;
  for (i = 0; i + 1 < n; i++)
    if ((w[i] == 'e' && (w[i + 1] == 'o' || w[i + 1] == 'u')) ||
        (w[i] == 'a' && w[i + 1] == 'e'))
      rr = 1;
  if (!rr || (k = idt_ko_segment(w, n, seg, 4)) < 2)
    return 0;
  return k;
}

/* Is w (n bytes) a word of exactly one Korean syllable? */
static int one_syllable(const char *w, size_t n)
{
  idt_str seg[1];
  size_t i;
  for (i = 0; i < n; i++)
    if (w[i] < 'a' || w[i] > 'z')
      return 0;
  return n && idt_ko_segment(w, n, seg, 1) == 1;
}

size_t sc_vessel_joined(const char *form, char *out, size_t cap)
{
  const char *p = form;
  size_t o = 0, run = 0;   /* run: one-syllable words joined so far */
  int joined = 0;
  while (*p) {
    size_t n = strcspn(p, " -");
    int one = one_syllable(p, n);
    if (o + n + 2 > cap)
      return 0;
    if (one && run) {
      o--;   /* drop the blank before: join this word to the run */
      joined = 1;
    }
    memcpy(out + o, p, n);
    o += n;
    run = one ? run + 1 : 0;
    p += n;
    if (*p)
      out[o++] = *p++;
  }
  out[o] = 0;
  return joined ? o : 0;
}

size_t sc_vessel_syllables(const char *form, char *out, size_t cap)
{
  const char *p = form;
  size_t o = 0;
  int split = 0;
  while (*p) {
    idt_str seg[4];
    size_t n = strcspn(p, " -"), j;
    int k = rr_run(p, n, seg);
    for (j = 0; j < (size_t)(k ? k : 1); j++) {
      const char *s = k ? seg[j].p : p;
      size_t l = k ? seg[j].len : n;
      if (o + l + 2 > cap)
        return 0;
      if (j)
        out[o++] = ' ';
      memcpy(out + o, s, l);
      o += l;
    }
    split |= k > 0;
    p += n;
    if (*p) {
      if (o + 2 > cap)
        return 0;
      out[o++] = *p++;
    }
  }
  out[o] = 0;
  return split ? o : 0;
}
#else
/* Without the Korean module no word reads as Korean syllables. */
size_t sc_vessel_joined(const char *form, char *out, size_t cap)
{
  (void)form;
  (void)out;
  (void)cap;
  return 0;
}

size_t sc_vessel_syllables(const char *form, char *out, size_t cap)
{
  (void)form;
  (void)out;
  (void)cap;
  return 0;
}
#endif
