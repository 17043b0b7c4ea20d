/*
 * khmer.c - Khmer names in Latin letters (ប៉ុល ពត -> pol pot, ហ៊ុន សែន ->
 * hun saen).
 *
 * ICU 72 has no Khmer-Latin transliterator (Any-Latin leaves Khmer as it
 * is, and the ASCII tokens then hold nothing), so Khmer is romanised here,
 * before the rest of the pipeline: the Latin text goes through
 * idt_text_name_forms like any name. The tables follow the UNGEGN system
 * (BGN/PCGN 1972), written without diacritics as Cambodian names are in
 * Latin (â -> a, ô -> o, ŏ -> o, ŭ -> u, ĕ -> e).
 *
 * Khmer writes a syllable as a consonant cluster (base, subscripts after
 * COENG U+17D2) with a dependent vowel, and each consonant belongs to one
 * of two series that decide how the vowel is read (ក k is a-series: កា ka;
 * គ k is o-series: គា kea). MUUSIKATOAN U+17C9 moves a consonant to the
 * a-series (ប b + ៉ = p) and TRIISAP U+17CA to the o-series. A consonant
 * with no vowel after an open syllable of the same word is that syllable's
 * final (ប៉ុ + ល = pol; ព + ត = pot: the inherent vowel a / o, then t);
 * otherwise it starts a syllable with the inherent vowel. When the last
 * syllable is bare and a subscript cluster follows (សម្តេច), the base closes
 * the syllable and the subscript begins the next (sam-dech). Names need no
 * more: word breaks are spaces in names, and spelling exceptions (the
 * silent final r of ខ្មែរ) only add a letter the scorer forgives.
 *
 * Every Khmer code point maps to ASCII or to nothing, so the output never
 * holds Khmer and the pipeline cannot come back here.
 */
#include <string.h>
#include <unicode/utf8.h>
#include "text/text_int.h"
#include "common/buf.h"

/* Consonants U+1780..U+17A2: initial, final, series (1 a-, 2 o-series). */
typedef struct { const char *ini, *fin; unsigned char series; } km_cons;

static const km_cons cons[] = {
  { "k", "k", 1 }, { "kh", "k", 1 }, { "k", "k", 2 }, { "kh", "k", 2 },
  { "ng", "ng", 2 }, { "ch", "ch", 1 }, { "chh", "ch", 1 }, { "ch", "ch", 2 },
  { "chh", "ch", 2 }, { "nh", "nh", 2 }, { "d", "t", 1 }, { "th", "t", 1 },
  { "d", "t", 2 }, { "th", "t", 2 }, { "n", "n", 1 }, { "t", "t", 1 },
  { "th", "t", 1 }, { "t", "t", 2 }, { "th", "t", 2 }, { "n", "n", 2 },
  { "b", "p", 1 }, { "ph", "p", 1 }, { "p", "p", 2 }, { "ph", "p", 2 },
  { "m", "m", 2 }, { "y", "y", 2 }, { "r", "r", 2 }, { "l", "l", 2 },
  { "v", "v", 2 }, { "sh", "s", 1 }, { "ss", "s", 1 }, { "s", "s", 1 },
  { "h", "h", 1 }, { "l", "l", 1 }, { "", "", 1 },
};

/* Dependent vowels U+17B6..U+17C5: a-series and o-series readings. */
static const char *const vowels[][2] = {
  { "a", "ea" }, { "e", "i" }, { "ei", "i" }, { "oe", "eu" }, { "eu", "eu" },
  { "o", "u" }, { "ou", "u" }, { "uo", "uo" }, { "aeu", "eu" }, { "oea", "oea" },
  { "ie", "ie" }, { "e", "e" }, { "ae", "ae" }, { "ai", "ey" }, { "ao", "o" },
  { "au", "ov" },
};

/* Independent vowels U+17A3..U+17B3. */
static const char *const indep[] = {
  "a", "a", "e", "ei", "o", "ou", "ou", "ov", "rue", "rueu", "lue", "lueu",
  "ae", "ai", "ao", "ao", "au",
};

#define IS_CONS(c) ((c) >= 0x1780 && (c) <= 0x17A2)
#define IS_VOWEL(c) ((c) >= 0x17B6 && (c) <= 0x17C5)
#define COENG 0x17D2

int idt__text_has_khmer(const char *s, size_t n)
{
  size_t i;
  /* U+1780..U+17FF are E1 9E xx and E1 9F xx; U+19E0..U+19FF are E1 A7 A0..BF
   * (E1 A7 80..9F is New Tai Lue, which the romaniser passes through: counting
   * it as Khmer made khmer_forms recurse on its own output). */
  for (i = 0; i + 2 < n; i++) {
    unsigned char b1 = (unsigned char)s[i + 1], b2 = (unsigned char)s[i + 2];
    if ((unsigned char)s[i] == 0xE1 &&
        (b1 == 0x9E || b1 == 0x9F || (b1 == 0xA7 && b2 >= 0xA0)))
      return 1;
  }
  return 0;
}

/* One cluster starting at consonant c0 (s[*i] just after it). */
typedef struct {
  UChar32 base, sub[3];
  int nsub, vowel, nikahit, reahmuk, silent, robat;
  unsigned char series;
  int p_from_b;
} km_cluster;

static void read_cluster(const char *s, int32_t *i, int32_t n, UChar32 c0, km_cluster *k)
{
  memset(k, 0, sizeof *k);
  k->base = c0;
  k->vowel = -1;
  k->series = cons[c0 - 0x1780].series;
  while (*i < n) {
    int32_t j = *i;
    UChar32 c;
    U8_NEXT(s, j, n, c);
    if (c == COENG) {
      int32_t j2 = j;
      UChar32 c2;
      if (j2 >= n)
        break;
      U8_NEXT(s, j2, n, c2);
      if (!IS_CONS(c2))
        break;
      if (k->nsub < 3)
        k->sub[k->nsub++] = c2;
      *i = j2;
      continue;
    }
    if (c == 0x17C9) {                    /* muusikatoan: a-series */
      k->series = 1;
      k->p_from_b = c0 == 0x1794;
    } else if (c == 0x17CA) {             /* triisap: o-series */
      k->series = 2;
    } else if (IS_VOWEL(c)) {
      k->vowel = (int)(c - 0x17B6);
    } else if (c == 0x17C6) {
      k->nikahit = 1;
    } else if (c == 0x17C7 || c == 0x17C8) {
      k->reahmuk = 1;
    } else if (c == 0x17CC) {
      k->robat = 1;
    } else if (c == 0x17CD || c == 0x17D1) {
      k->silent = 1;
    } else if (c != 0x17CB && c != 0x17CE && c != 0x17CF && c != 0x17D0 && c != 0x17D3 &&
               c != 0x17DD) {
      break;
    }
    *i = j;
  }
}

static const char *initial_of(UChar32 c, int p_from_b)
{
  return p_from_b ? "p" : cons[c - 0x1780].ini;
}

/* Emit a syllable begun by cluster k (from subscript first_sub on). */
static void put_syllable(const km_cluster *k, int first_sub, idt_buf *b)
{
  int j, s2 = k->series == 2;
  if (first_sub < 0)
    (void)idt_buf_puts(b, initial_of(k->base, k->p_from_b));
  for (j = first_sub < 0 ? 0 : first_sub; j < k->nsub; j++)
    (void)idt_buf_puts(b, cons[k->sub[j] - 0x1780].ini);
  if (k->robat)
    (void)idt_buf_putc(b, 'r');
  if (k->vowel >= 0)
    (void)idt_buf_puts(b, vowels[k->vowel][s2]);
  if (k->nikahit)
    (void)idt_buf_puts(b, k->vowel >= 0 ? "m" : s2 ? "um" : "am");
  else if (k->reahmuk)
    (void)idt_buf_puts(b, k->vowel < 0 ? (s2 ? "eah" : "ah") : "h");
  else if (k->vowel < 0)
    (void)idt_buf_puts(b, s2 ? "o" : "a");
}

/* Romanise the Khmer in s (other text copied; out's cap must allow 4n). */
int idt__text_khmer(const char *s, size_t n, idt_buf *out)
{
  int32_t i = 0, len = n > (1u << 20) ? (int32_t)(1u << 20) : (int32_t)n;
  int open = 0, bare = 0;   /* the last syllable may take a final; has no vowel */
  idt_buf_clear(out);
  while (i < len) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (IS_CONS(c)) {
      km_cluster k;
      read_cluster(s, &i, len, c, &k);
      if (k.silent)
        continue;
      if (open && k.vowel < 0 && !k.nikahit && !k.reahmuk && !k.nsub && !k.robat) {
        (void)idt_buf_puts(out, cons[c - 0x1780].fin);
        open = 0;
        continue;
      }
      if (open && bare && k.nsub) {
        (void)idt_buf_puts(out, cons[c - 0x1780].fin);
        put_syllable(&k, 0, out);
      } else {
        put_syllable(&k, -1, out);
      }
      open = !k.nikahit && !k.reahmuk;
      bare = k.vowel < 0;
    } else if (c >= 0x17A3 && c <= 0x17B3) {
      (void)idt_buf_puts(out, indep[c - 0x17A3]);
      open = 1;
      bare = 0;
    } else if (c >= 0x17E0 && c <= 0x17E9) {
      (void)idt_buf_putc(out, (char)('0' + (c - 0x17E0)));
      open = 0;
    } else if (c < 0 || (c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF) ||
               c == 0x200B) {
      (void)idt_buf_putc(out, ' ');      /* signs out of place, punctuation */
      open = 0;
    } else {
      (void)idt_buf_append(out, s + at, (size_t)(i - at));
      open = 0;
    }
  }
  return 0;   /* an append that fails (out of memory) shortens the form */
}

/* idt_text_name_forms of the romanised name (forms.c calls this for any
 * name with Khmer in it). */
int idt__text_khmer_forms(const char *s, size_t n, char *out, size_t cap)
{
  idt_buf b;
  int rc;
  idt_buf_init(&b, 4 * n + 64);
  rc = idt__text_khmer(s, n, &b);
  /* The romaniser maps every Khmer code point, so its output never comes
   * back here; checked anyway, since a miss would recurse without end. */
  if (!rc && idt__text_has_khmer(b.p, b.len))
    rc = idt_error_set(IDT_EINVAL, "text: Khmer left after romanisation");
  if (!rc)
    rc = b.len ? idt_text_name_forms(b.p, b.len, out, cap) : 0;
  idt_buf_free(&b);
  return rc;
}
