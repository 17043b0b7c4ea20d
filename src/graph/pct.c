/*
 * pct.c - ownership percentages as written in registers and lists.
 *
 * Real values seen: "50%", "38,85" (decimal comma), "0.28" (KEK: a bare
 * number is a percentage, as FtM's `percentage` and BODS's `exact` define
 * it; reading decimals <= 1 as fractions was tried and rejected because it
 * turned KEK's 0.28% stakes into 28%), "25-50%" and "ownership-of-shares-25-to-50-percent" (UK PSC bands),
 * ">50%", "more than 25%", "majority", "wholly owned". The text is read as
 * tokens (numbers, %, comparison words) and interpreted by a few rules
 * rather than a grammar: lists write these by hand and a grammar would
 * reject half of them. Anything else is IDT_EPARSE, and the caller treats
 * the stake as unknown [0,100] (which can only make an entity "possibly"
 * blocked, never certainly).
 */
#include <string.h>
#include <stdlib.h>
#include "graph/net_int.h"

#define PCT_MAX_TEXT 256

enum { Q_NONE, Q_GE, Q_LE };

typedef struct pct_scan {
  double num[2];
  int nnum, decimal, percent, cmp;
  int majority, minority, whole, half;
} pct_scan;

static int word_is(const char *w, size_t n, const char *lit)
{
  return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

/* Comparison and quantity words; multi-word phrases are matched by their
 * distinctive word ("than" after more/less is taken from the first word). */
static void scan_word(pct_scan *s, const char *w, size_t n)
{
  static const char *const ge[] = { "more", "over", "above", "greater",
    "exceeding", "excess", "least", "min", "minimum", "from", NULL };
  static const char *const le[] = { "less", "under", "below", "upto",
    "most", "max", "maximum", "fewer", "up", NULL };
  size_t i;
  for (i = 0; ge[i]; i++)
    if (word_is(w, n, ge[i]) && s->cmp == Q_NONE)
      s->cmp = Q_GE;
  for (i = 0; le[i]; i++)
    if (word_is(w, n, le[i]) && s->cmp == Q_NONE)
      s->cmp = Q_LE;
  if (word_is(w, n, "percent") || word_is(w, n, "pct") ||
      word_is(w, n, "cent") || word_is(w, n, "procent") ||
      word_is(w, n, "prozent"))
    s->percent = 1;
  if (word_is(w, n, "majority") || word_is(w, n, "controlling"))
    s->majority = 1;
  if (word_is(w, n, "minority"))
    s->minority = 1;
  if (word_is(w, n, "wholly") || word_is(w, n, "sole") ||
      word_is(w, n, "entire") || word_is(w, n, "entirely") ||
      word_is(w, n, "fully") || word_is(w, n, "all"))
    s->whole = 1;
  if (word_is(w, n, "half"))
    s->half = 1;
}

/* A number: digits with at most one '.' or ',' decimal separator. */
static int scan_number(pct_scan *s, const char *p, size_t n, size_t *used)
{
  char tmp[64];
  size_t i = 0, k = 0;
  int sep = 0;
  char *end;
  while (i < n && k + 1 < sizeof tmp) {
    char c = p[i];
    if (c >= '0' && c <= '9')
      tmp[k++] = c;
    else if ((c == '.' || c == ',') && !sep && i + 1 < n &&
             p[i + 1] >= '0' && p[i + 1] <= '9') {
      tmp[k++] = '.';
      sep = 1;
    } else
      break;
    i++;
  }
  if (k + 1 >= sizeof tmp)
    return IDT_EPARSE;
  tmp[k] = 0;
  *used = i;
  if (s->nnum >= 2)
    return IDT_EPARSE;
  s->num[s->nnum++] = strtod(tmp, &end);
  if (sep)
    s->decimal = 1;
  return 0;
}

static int scan(pct_scan *s, const char *in, size_t n)
{
  char t[PCT_MAX_TEXT];
  size_t i, k = 0;
  int rc;
  if (n >= sizeof t)
    return IDT_EPARSE;
  /* lower-case ASCII; map the UTF-8 signs that occur (en/em dash, >=, <=) */
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)in[i];
    if (c == 0xE2 && i + 2 < n && (unsigned char)in[i + 1] == 0x80 &&
        ((unsigned char)in[i + 2] == 0x93 || (unsigned char)in[i + 2] == 0x94)) {
      t[k++] = '-';
      i += 2;
    } else if (c == 0xE2 && i + 2 < n && (unsigned char)in[i + 1] == 0x89 &&
               ((unsigned char)in[i + 2] == 0xA5 || (unsigned char)in[i + 2] == 0xA4)) {
      t[k++] = (unsigned char)in[i + 2] == 0xA5 ? '>' : '<';
      i += 2;
    } else
      t[k++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
  }
  for (i = 0; i < k;) {
    char c = t[i];
    if (c >= '0' && c <= '9') {
      size_t used;
      if ((rc = scan_number(s, t + i, k - i, &used)))
        return rc;
      i += used;
    } else if (c >= 'a' && c <= 'z') {
      size_t j = i;
      while (j < k && t[j] >= 'a' && t[j] <= 'z')
        j++;
      scan_word(s, t + i, j - i);
      i = j;
    } else {
      if (c == '%')
        s->percent = 1;
      else if (c == '>' && s->cmp == Q_NONE)
        s->cmp = Q_GE;
      else if (c == '<' && s->cmp == Q_NONE)
        s->cmp = Q_LE;
      i++;
    }
  }
  return 0;
}

int idt_net_parse_pct(const char *s, size_t n, double *lo, double *hi)
{
  pct_scan sc;
  double a, b;
  int rc;
  memset(&sc, 0, sizeof sc);
  if (!s || !lo || !hi)
    return idt_error_set(IDT_EINVAL, "percentage: NULL argument");
  if ((rc = scan(&sc, s, n)))
    return idt_error_set(IDT_EPARSE, "percentage: cannot read '%.*s'",
                         (int)(n > 64 ? 64 : n), s);
  if (sc.nnum == 0) {
    if (sc.whole)
      a = b = 100;
    else if (sc.majority)
      a = 50, b = 100;
    else if (sc.minority)
      a = 0, b = 50;
    else if (sc.half)
      a = b = 50;
    else
      return idt_error_set(IDT_EPARSE, "percentage: no number in '%.*s'",
                           (int)(n > 64 ? 64 : n), s);
  } else {
    a = sc.num[0];
    b = sc.nnum == 2 ? sc.num[1] : a;
    if (a > b) {
      double t = a;
      a = b, b = t;
    }
    if (sc.nnum == 1 && sc.cmp == Q_GE)
      b = 100;
    else if (sc.nnum == 1 && sc.cmp == Q_LE)
      a = 0;
  }
  if (!(a >= 0 && b <= 100 && a <= b))
    return idt_error_set(IDT_EPARSE, "percentage: '%.*s' outside 0-100",
                         (int)(n > 64 ? 64 : n), s);
  *lo = a;
  *hi = b;
  return 0;
}
