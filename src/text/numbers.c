/*
 * numbers.c - number words and ordinals to one spelling.
 *
 * Lists and queries write the same number two ways: "Brigade Forty-Four"
 * / "Brigade 44", "First International Bank" / "1st International Bank".
 * The scorer treats digits as numbers that must agree (NAM SAN 6 is not NAM SAN 8), so the words are rewritten to digits
 * during normalisation, on both sides alike: cardinals to "44" (an
 * IDT_TOK_NUMBER), ordinals to "1st" (a word, compared exactly by letters).
 * English only: the lists' names are English or transliterated.
 *
 * Roman numerals are left alone: "Fund XII" and "Fund XIII", "Trust I" and
 * "Trust II" are labelled one family in nomenklatura's name bench, and as
 * digits they would clash as numbers; and xi, vi, li are name syllables.
 */
#include <stdio.h>
#include <string.h>
#include "text/text_int.h"
#include "common/buf.h"

typedef struct numword {
  const char *w;
  int v;
  int kind;   /* 0 unit/teen, 1 tens, 2 hundred, 3 thousand, 4 ordinal unit, 5 ordinal tens */
} numword;

static const numword words[] = {
  { "zero", 0, 0 }, { "one", 1, 0 }, { "two", 2, 0 }, { "three", 3, 0 }, { "four", 4, 0 },
  { "five", 5, 0 }, { "six", 6, 0 }, { "seven", 7, 0 }, { "eight", 8, 0 }, { "nine", 9, 0 },
  { "ten", 10, 0 }, { "eleven", 11, 0 }, { "twelve", 12, 0 }, { "thirteen", 13, 0 },
  { "fourteen", 14, 0 }, { "fifteen", 15, 0 }, { "sixteen", 16, 0 }, { "seventeen", 17, 0 },
  { "eighteen", 18, 0 }, { "nineteen", 19, 0 },
  { "twenty", 20, 1 }, { "thirty", 30, 1 }, { "forty", 40, 1 }, { "fourty", 40, 1 },
  { "fifty", 50, 1 }, { "sixty", 60, 1 }, { "seventy", 70, 1 }, { "eighty", 80, 1 },
  { "ninety", 90, 1 }, { "hundred", 100, 2 }, { "thousand", 1000, 3 },
  { "first", 1, 4 }, { "second", 2, 4 }, { "third", 3, 4 }, { "fourth", 4, 4 },
  { "fifth", 5, 4 }, { "sixth", 6, 4 }, { "seventh", 7, 4 }, { "eighth", 8, 4 },
  { "ninth", 9, 4 }, { "tenth", 10, 4 }, { "eleventh", 11, 4 }, { "twelfth", 12, 4 },
  { "thirteenth", 13, 4 }, { "fourteenth", 14, 4 }, { "fifteenth", 15, 4 },
  { "sixteenth", 16, 4 }, { "seventeenth", 17, 4 }, { "eighteenth", 18, 4 },
  { "nineteenth", 19, 4 }, { "twentieth", 20, 5 }, { "thirtieth", 30, 5 },
  { "fortieth", 40, 5 }, { "fiftieth", 50, 5 }, { "hundredth", 100, 5 },
};

/* Number words start with e f h n o s t z: any other first letter (most
 * tokens) is rejected by one table lookup. Words by first letter, built
 * once per thread (no locks, no heap); order kept within a letter. */
#define NWORDS (sizeof words / sizeof *words)
static _Thread_local idt__byte_index tl_nx;

static const char *word_key(size_t i)
{
  return words[i].w;
}

static const idt__byte_index *num_ix(void)
{
  _Static_assert(NWORDS < 256, "number words index in a byte");
  if (!tl_nx.built)
    idt__byte_index_build(&tl_nx, word_key, NWORDS, "");
  return &tl_nx;
}

static const numword *lookup(const char *t, size_t n)
{
  const idt__byte_index *x;
  unsigned c = (unsigned char)t[0];
  size_t j;
  if (n < 3 || n > 11 || c >= 128)
    return NULL;
  x = num_ix();
  for (j = x->start[c]; j < x->start[c + 1]; j++) {
    size_t i = x->order[j];
    if (x->len[i] == n && !memcmp(words[i].w, t, n))
      return &words[i];
  }
  return NULL;
}

static const char *ord_suffix(long v)
{
  if (v % 100 >= 11 && v % 100 <= 13)
    return "th";
  switch (v % 10) {
  case 1: return "st";
  case 2: return "nd";
  case 3: return "rd";
  default: return "th";
  }
}

/* Cardinal or ordinal words from toks[0]: value, tokens used, ordinal. */
static size_t words_value(const char *const *toks, const size_t *lens, size_t ntoks,
                          long *value, int *ordinal)
{
  long total = 0, cur = 0;
  size_t k = 0, used = 0;
  int any = 0, last_kind = -1;
  *ordinal = 0;
  while (k < ntoks) {
    const numword *w = lookup(toks[k], lens[k]);
    if (!w && any && lens[k] == 3 && !memcmp(toks[k], "and", 3) && k + 1 < ntoks &&
        lookup(toks[k + 1], lens[k + 1]) && last_kind == 2) {
      k++;
      continue;
    }
    if (!w)
      break;
    /* "twenty one" and "hundred five" compose; "one two" does not */
    if (any && (w->kind == 0 || w->kind == 4) && last_kind != 1 && last_kind != 2 &&
        last_kind != 3)
      break;
    if (any && (w->kind == 1 || w->kind == 5) && (last_kind == 0 || last_kind == 1))
      break;
    if (w->kind == 2 || (w->kind == 5 && w->v == 100))
      cur = (cur ? cur : 1) * 100;
    else if (w->kind == 3) {
      total += (cur ? cur : 1) * 1000;
      cur = 0;
    } else
      cur += w->v;
    any = 1;
    last_kind = w->kind;
    used = ++k;
    if (w->kind >= 4) {
      *ordinal = 1;
      break;
    }
  }
  *value = total + cur;
  return any ? used : 0;
}

size_t idt__text_number_match(const char *const *toks, const size_t *lens, size_t ntoks,
                              int first, char *out, size_t cap)
{
  long v;
  int ord;
  size_t k;
  if (!ntoks || cap < 24)
    return 0;
  k = words_value(toks, lens, ntoks, &v, &ord);
  if (k) {
    if (ord)
      snprintf(out, cap, "%ld%s", v, ord_suffix(v));
    else
      snprintf(out, cap, "%ld", v);
    return k;
  }
  (void)first;
  return 0;
}

/* "%" written out: a name with a percent sign also gets the form with
 * " percent" in its place, glued to letters that follow (3%ers -> 3
 * percenters, as "Three Percenters" reads once its number is a digit). */
void idt__text_percent_form(const char *s, size_t n, idt__forms *f)
{
  idt_buf b;
  size_t i;
  if (!memchr(s, '%', n))
    return;
  idt_buf_init(&b, 8 * n + 16);
  for (i = 0; i < n; i++) {
    if (s[i] == '%')
      (void)idt_buf_puts(&b, " percent");
    else
      (void)idt_buf_putc(&b, s[i]);
  }
  if (b.len)
    (void)idt__text_add_form(b.p, b.len, f);
  idt_buf_free(&b);
}

/* All digits? */
static int digits(const char *s, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return n > 0;
}

/* The numero sign before a number: "NAM SAN No. 8", "No 8", "Nr. 8" are
 * NAM SAN 8 (vessel names carry it or not as the writer likes), and the
 * deleted dot glues "No.8" to "no8". Not at the start of a name: No and
 * Roh are a Korean surname (NO Kwang Chol). */
void idt__text_numero(idt__toks *t)
{
  size_t i, j;
  for (i = 1; i < t->n; i++) {
    const char *s = t->p[i];
    size_t n = t->len[i];
    if (n < 2 || !((s[0] == 'n' && (s[1] == 'o' || s[1] == 'r'))))
      continue;
    if (n > 2 && digits(s + 2, n - 2)) {   /* no8 */
      t->p[i] += 2;
      t->len[i] -= 2;
    } else if (n == 2 && i + 1 < t->n && digits(t->p[i + 1], t->len[i + 1])) {
      for (j = i; j + 1 < t->n; j++) {   /* drop "no" before 8 */
        t->p[j] = t->p[j + 1];
        t->len[j] = t->len[j + 1];
        t->joined[j] = t->joined[j + 1];
        t->camel[j] = t->camel[j + 1];
      }
      t->n--;
    }
  }
}
