/*
 * ofac.c - a score compatible with OFAC's Sanctions List Search tool.
 *
 * Reverse-engineered from 170 captured (query, result, score) triples
 * (nomenklatura's ofac_fixtures.csv; see docs/design/screening.md): the
 * score is the larger of
 *   - Jaro-Winkler of the whole upper-cased strings (punctuation removed),
 *     the list name as written ("SURNAME, Given"), counted only when both
 *     start with the same letter; and
 *   - the plain mean over query tokens of each token's best Jaro-Winkler
 *     against the list name's tokens, a best below 0.5 counting 0; query
 *     tokens of one or two characters are dropped unless nothing else is
 *     left (hence KIM JONG UN = 100 for KIM Jong Sik).
 * Variants measured on the fixtures: length-weighted mean 151/164 within
 * 5 points, also trying "Given SURNAME" 150/164, this one 156/164.
 * It reproduces OFAC's false positives on purpose: the mode exists so users
 * can show regulators the same numbers, not to screen with.
 */
#include <string.h>
#include "screen/screen_int.h"

double sc_jaro_winkler(const char *a, size_t la, const char *b, size_t lb)
{
  unsigned char am[128], bm[128];
  size_t i, j, m = 0, t = 0, k = 0, win, pre = 0;
  double jaro;
  if (la > 128) la = 128;
  if (lb > 128) lb = 128;
  if (!la || !lb)
    return 0;
  win = (la > lb ? la : lb) / 2;
  win = win ? win - 1 : 0;
  memset(am, 0, la);
  memset(bm, 0, lb);
  for (i = 0; i < la; i++) {
    size_t lo = i > win ? i - win : 0, hi = i + win + 1 < lb ? i + win + 1 : lb;
    for (j = lo; j < hi; j++)
      if (!bm[j] && a[i] == b[j]) {
        am[i] = bm[j] = 1;
        m++;
        break;
      }
  }
  if (!m)
    return 0;
  for (i = 0; i < la; i++)
    if (am[i]) {
      while (!bm[k]) k++;
      if (a[i] != b[k]) t++;
      k++;
    }
  jaro = ((double)m / la + (double)m / lb + (double)(m - t / 2.0) / m) / 3.0;
  while (pre < 4 && pre < la && pre < lb && a[pre] == b[pre])
    pre++;
  return jaro + 0.1 * (double)pre * (1.0 - jaro);
}

typedef struct otoks {
  char buf[256];
  size_t off[32], len[32], n;
} otoks;

/* Upper-case alphanumeric tokens; '.' and apostrophes deleted, hyphens
 * and other punctuation separate. */
static void otokenize(const char *s, otoks *t)
{
  size_t o = 0;
  int in = 0;
  t->n = 0;
  for (; *s && o + 1 < sizeof t->buf; s++) {
    char c = *s;
    if (c >= 'a' && c <= 'z') c = (char)(c - 32);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      if (!in) {
        if (t->n == 32) break;
        t->off[t->n] = o;
        t->len[t->n++] = 0;
        in = 1;
      }
      t->buf[o++] = c;
      t->len[t->n - 1]++;
    } else if (c != '.' && c != '\'') {
      in = 0;
    }
  }
}

static size_t join(const otoks *t, size_t from, size_t to, char *out, size_t o)
{
  size_t i;
  for (i = from; i < to; i++) {
    if (o) out[o++] = ' ';
    memcpy(out + o, t->buf + t->off[i], t->len[i]);
    o += t->len[i];
  }
  return o;
}

double sc_ofac_score(const char *query, const char *cand)
{
  otoks q, c;
  char qs[300], cs[300];
  size_t i, j, ql, cl, keep = 0;
  double best = 0, num = 0, den = 0;
  otokenize(query, &q);
  otokenize(cand, &c);
  if (!q.n || !c.n)
    return 0;
  ql = join(&q, 0, q.n, qs, 0);
  cl = join(&c, 0, c.n, cs, 0);
  if (qs[0] == cs[0])
    best = sc_jaro_winkler(qs, ql, cs, cl);
  for (i = 0; i < q.n; i++)
    keep += q.len[i] > 2;
  for (i = 0; i < q.n; i++) {
    double tb = 0;
    if (keep && q.len[i] <= 2)
      continue;
    for (j = 0; j < c.n; j++) {
      double s = sc_jaro_winkler(q.buf + q.off[i], q.len[i], c.buf + c.off[j], c.len[j]);
      if (s > tb) tb = s;
    }
    if (tb < 0.5) tb = 0;
    num += tb;
    den += 1.0;
  }
  if (den > 0 && num / den > best)
    best = num / den;
  return 100.0 * best;
}
