/*
 * qual.c - qualifiers: birth date, country, gender, identifiers.
 *
 * Country names in queries are resolved to ISO 3166 codes by the list
 * parsers' resolver (idt_country_code: ICU's English names, the lists' own
 * spellings, alpha-3 codes), so "Iraq", "IRQ", "IQ" and "iq" agree, and a
 * query reads a country as the lists do; lists arrive with FtM codes.
 */
#include <stdlib.h>
#include <string.h>
#include "interdict/ingest.h"
#include "screen/qual.h"

/* Squash to lowercase ASCII letters and digits (" KP " -> "kp"). */
static void squash(const char *s, char *out, size_t cap)
{
  size_t o = 0;
  for (; *s && o + 1 < cap; s++) {
    char c = *s;
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out[o++] = c;
  }
  out[o] = 0;
}

int sc_country_code(const char *s, char code[3])
{
  char sq[64];
  const char *c;
  if (!s)
    return 0;
  squash(s, sq, sizeof sq);
  if (strlen(sq) == 2) {   /* an alpha-2 code already */
    memcpy(code, sq, 3);
    return 1;
  }
  if (!(c = idt_country_code(s, strlen(s))))
    return 0;
  memcpy(code, c, 3);
  return 1;
}

/* n ASCII digits at s (and not one more) as an int; -1 otherwise. */
static int digits(const char *s, size_t n)
{
  size_t i;
  int v = 0;
  for (i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return s[n] >= '0' && s[n] <= '9' ? -1 : v;
}

/* YYYY[-MM[-DD]] (runs for every candidate entity: no strtol) */
static int parse_date(const char *s, int *y, int *m, int *d)
{
  int v;
  *y = *m = *d = 0;
  if (!s || (v = digits(s, 4)) < 0)
    return 0;
  *y = v;
  if (s[4] == '-' && (v = digits(s + 5, 2)) >= 0) {
    *m = v;
    if (s[7] == '-' && (v = digits(s + 8, 2)) >= 0)
      *d = v;
  }
  return 1;
}

/* Is s all of an ISO date, YYYY, YYYY-MM or YYYY-MM-DD? */
static int iso_prefix(const char *s)
{
  size_t n = strlen(s), i;
  if (n != 4 && n != 7 && n != 10)
    return 0;
  for (i = 0; i < n; i++)
    if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

/* snprintf(out, cap, "%s", s) without the format machinery (hits only). */
static void copy_val(char *out, size_t cap, const char *s)
{
  size_t n = strlen(s);
  if (n >= cap)
    n = cap - 1;
  memcpy(out, s, n);
  out[n] = 0;
}

static uint16_t pack_code(const char code[3])
{
  return (uint16_t)((unsigned char)code[0] << 8 | (unsigned char)code[1]);
}

void sc_qual_prep(sc_qprep *p, const char *dob, const char *country)
{
  memset(p, 0, sizeof *p);
  /* ISO (fast) or any form idt_date_iso reads: 08.01.1984, 8 Jan 1984 */
  if (dob && (iso_prefix(dob) ? parse_date(dob, &p->qy, &p->qm, &p->qd) :
              idt_date_iso(dob, strlen(dob), p->iso) == 0 &&
              parse_date(p->iso, &p->qy, &p->qm, &p->qd)))
    p->dob = dob;
  if (country && sc_country_code(country, p->cc)) {
    p->country = country;
    p->ck = pack_code(p->cc);
  }
}

int32_t sc_date_key(const char *s)
{
  int y, m, d;
  return parse_date(s, &y, &m, &d) ? (int32_t)(y * 10000 + m * 100 + d) : -1;
}

uint16_t sc_country_key(const char *s)
{
  char cc[3];
  return s && sc_country_code(s, cc) ? pack_code(cc) : 0;
}

void sc_qual_vals(sc_quals *qu, const sc_qprep *p)
{
  if (qu->dob_note && p->dob)
    copy_val(qu->dob_val, sizeof qu->dob_val, p->dob);
  if (qu->country_note)
    copy_val(qu->country_val, sizeof qu->country_val, p->cc);
}

void sc_qual_dob(sc_quals *qu, const sc_qprep *p, const int32_t *dobs, size_t n)
{
  int qy = p->qy, qm = p->qm, qd = p->qd, best = -1;   /* 4 exact 3 swap 2 year 1 near 0 far */
  size_t i;
  if (!p->dob || !n)
    return;
  for (i = 0; i < n; i++) {
    int y, m, d, r = 0;
    if (dobs[i] < 0)
      continue;
    y = dobs[i] / 10000;
    m = dobs[i] / 100 % 100;
    d = dobs[i] % 100;
    if (y == qy) {
      r = 2;
      if (qm && m && qd && d) {
        if (qm == m && qd == d) r = 4;
        else if (qm == d && qd == m) r = 3;
        else r = 1;   /* same year, another day: weak */
      }
    } else if (abs(y - qy) <= 1) {
      r = 1;
    }
    if (r > best)
      best = r;
  }
  switch (best) {
  case -1: break;
  case 4: qu->dob = 0.04; qu->dob_note = "matches"; break;
  case 3: qu->dob = 0.03; qu->dob_note = "matches with day and month swapped"; break;
  case 2: qu->dob = 0.02; qu->dob_note = "same year"; break;
  case 1: qu->dob = -0.05; qu->dob_note = "near but different"; break;
  default: qu->dob = -0.15; qu->dob_note = "differs"; break;
  }
}

void sc_qual_country(sc_quals *qu, const sc_qprep *p, const uint16_t *cs, size_t n)
{
  size_t i;
  int any = 0;
  if (!p->country || !n)
    return;
  for (i = 0; i < n; i++) {
    if (!cs[i])
      continue;
    any = 1;
    if (cs[i] == p->ck) {
      qu->country = 0.01;
      qu->country_note = "matches";
      return;
    }
  }
  if (any) {
    qu->country = -0.05;
    qu->country_note = "differs";
  }
}

void sc_qual_gender(sc_quals *qu, const char *q, const char *g)
{
  if (!q || !g || !*q || !*g)
    return;
  if ((q[0] | 32) != (g[0] | 32)) {
    qu->gender = -0.15;
    qu->gender_note = "differs";
  }
}
