/*
 * qual.c - qualifiers: birth date, country, gender, identifiers.
 *
 * Country names in queries are resolved to ISO 3166 codes with ICU's own
 * English display names (uloc_getISOCountries / uloc_getDisplayCountry),
 * built once per process, so "Iraq", "IQ" and "iq" agree without a
 * hand-kept table; lists arrive with FtM codes from the parsers.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include "interdict/ingest.h"
#include "screen/qual.h"

typedef struct cname {
  char name[64];
  char code[3];
  unsigned ord;             /* insertion order: the first of equal names wins */
} cname;

static cname *cnames;
static size_t ncnames;
static pthread_once_t cn_once = PTHREAD_ONCE_INIT;

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

static int cmp_cname(const void *a, const void *b)
{
  const cname *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : (x->ord > y->ord) - (x->ord < y->ord);
}

/* The alpha-3 code of loc's country (PRK, IRN) as one more name of it. */
static void add_alpha3(const char *loc, const char *alpha2)
{
  const char *a3 = uloc_getISO3Country(loc);
  if (!a3 || strlen(a3) != 3)
    return;
  squash(a3, cnames[ncnames].name, sizeof cnames[ncnames].name);
  cnames[ncnames].code[0] = (char)(alpha2[0] + 32);
  cnames[ncnames].code[1] = (char)(alpha2[1] + 32);
  ncnames++;
}

static void cn_init(void)
{
  const char *const *codes = uloc_getISOCountries();
  static const char *const extra[][2] = {
    { "usa", "us" }, { "unitedstatesofamerica", "us" }, { "uk", "gb" },
    { "greatbritain", "gb" }, { "burma", "mm" }, { "russianfederation", "ru" },
    { "iranislamicrepublicof", "ir" }, { "syrianarabrepublic", "sy" },
    { "koreanorth", "kp" }, { "koreasouth", "kr" }, { "dprk", "kp" },
    { "democraticpeoplesrepublicofkorea", "kp" }, { "republicofkorea", "kr" },
    { "ivorycoast", "ci" }, { "czechrepublic", "cz" }, { "vietnam", "vn" },
    /* ISO 3166's own short names, inverted as banks' files write them */
    { "koreademocraticpeoplesrepublicof", "kp" }, { "korearepublicof", "kr" },
    { "venezuelabolivarianrepublicof", "ve" }, { "boliviaplurinationalstateof", "bo" },
    { "moldovarepublicof", "md" }, { "tanzaniaunitedrepublicof", "tz" },
    { "laopeoplesdemocraticrepublic", "la" }, { "congothedemocraticrepublicof", "cd" },
    { "palestinestateof", "ps" }, { "taiwanprovinceofchina", "tw" },
    { "micronesiafederatedstatesof", "fm" }, { "turkey", "tr" }, { "turkiye", "tr" },
  };
  size_t n = 0, i;
  while (codes[n]) n++;
  cnames = calloc(2 * n + sizeof extra / sizeof *extra, sizeof *cnames);
  if (!cnames)
    return;
  for (i = 0; i < n; i++) {
    char loc[16], name[128];
    UChar u[128];
    UErrorCode st = U_ZERO_ERROR;
    int32_t len;
    snprintf(loc, sizeof loc, "und_%s", codes[i]);
    len = uloc_getDisplayCountry(loc, "en", u, 128, &st);
    if (U_FAILURE(st) || len <= 0)
      continue;
    u_austrncpy(name, u, (int32_t)sizeof name - 1);
    name[sizeof name - 1] = 0;
    squash(name, cnames[ncnames].name, sizeof cnames[ncnames].name);
    cnames[ncnames].code[0] = (char)(codes[i][0] + 32);
    cnames[ncnames].code[1] = (char)(codes[i][1] + 32);
    ncnames++;
    add_alpha3(loc, codes[i]);
  }
  for (i = 0; i < sizeof extra / sizeof *extra; i++) {
    snprintf(cnames[ncnames].name, sizeof cnames[ncnames].name, "%s", extra[i][0]);
    memcpy(cnames[ncnames].code, extra[i][1], 3);
    ncnames++;
  }
  /* sorted once so that each lookup is a binary search (it runs for every
   * candidate entity of every query with a nationality) */
  for (i = 0; i < ncnames; i++)
    cnames[i].ord = (unsigned)i;
  qsort(cnames, ncnames, sizeof *cnames, cmp_cname);
}

int sc_country_code(const char *s, char code[3])
{
  char sq[64];
  size_t lo, hi;
  if (!s)
    return 0;
  squash(s, sq, sizeof sq);
  if (strlen(sq) == 2) {
    memcpy(code, sq, 3);
    return 1;
  }
  pthread_once(&cn_once, cn_init);
  lo = 0;
  hi = ncnames;
  while (lo < hi) {           /* first entry whose name is >= sq */
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(cnames[mid].name, sq) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < ncnames && !strcmp(cnames[lo].name, sq)) {
    memcpy(code, cnames[lo].code, 3);
    return 1;
  }
  return 0;
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
