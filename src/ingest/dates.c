/*
 * dates.c - the date forms of the lists to ISO 8601 prefixes.
 *
 * OFAC writes "08 Jan 1984", "Jan 1984", "1984", "circa 1984" and ranges
 * "1950 to 1955" / "01 Jan 1961 to 31 Dec 1962"; the UN writes 1984-01-08
 * (DATE) or a bare YEAR. FtM dates are prefixes of ISO 8601 with the
 * precision the source has (YYYY, YYYY-MM, YYYY-MM-DD), so nothing is
 * invented: "Jan 1984" stays "1984-01", not "1984-01-01".
 *
 * Users' own lists and screening queries (a bank's customer file) bring
 * the other common forms: 1984.01.08, 1984/1/8, 19840108, 08.01.1984,
 * 8/1/1984, "January 8, 1984", "Jan 8 1984". Numbers with the year last
 * are read day first (most of the world), month first only when the day
 * could not be a month (01/28/1984): the scorer counts a swapped day and
 * month as near evidence anyway.
 */
#include <string.h>
#include "ingest/ingest_int.h"
#include "common/util.h"

static const char months[12][4] = { "jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec" };

static int digits(const char *s, size_t n, size_t want, int *v)
{
  size_t i;
  int x = 0;
  if (n != want)
    return -1;
  for (i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    x = x * 10 + (s[i] - '0');
  }
  *v = x;
  return 0;
}

static int month(const char *s, size_t n)
{
  int i;
  if (n < 3)
    return -1;
  for (i = 0; i < 12; i++)
    if (idt_startswith_ci(s, 3, months[i]))
      return i + 1;
  return -1;
}

/* Split s into up to 3 tokens separated by blanks and commas. */
static size_t tokens(const char *s, size_t n, idt_str tok[3])
{
  size_t i = 0, k = 0;
  while (i < n) {
    size_t st;
    while (i < n && (s[i] == ' ' || s[i] == ','))
      i++;
    if (i == n)
      break;
    if (k == 3)
      return 4;
    st = i;
    while (i < n && s[i] != ' ' && s[i] != ',')
      i++;
    tok[k].p = s + st;
    tok[k].len = i - st;
    k++;
  }
  return k;
}

static int valid_ymd(int y, int m, int d)
{
  static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  return y >= 1000 && y <= 2999 && (m == 0 || (m >= 1 && m <= 12)) &&
         (d == 0 || (m && d >= 1 && d <= mdays[m - 1]));
}

static int format(int y, int m, int d, char out[11])
{
  char tmp[40];
  if (!valid_ymd(y, m, d))
    return -1;
  if (d)
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
  else if (m)
    snprintf(tmp, sizeof tmp, "%04d-%02d", y, m);
  else
    snprintf(tmp, sizeof tmp, "%04d", y);
  memcpy(out, tmp, 11);
  out[10] = '\0';
  return 0;
}

/* A number of 1 or 2 digits (day or month) into *v. */
static int small(const idt_str *t, int *v)
{
  return digits(t->p, t->len, t->len == 1 ? 1 : 2, v);
}

/* Numeric dates: three fields split by one of . / - with the year first
 * (1984.01.08, 1984/1/8) or last (08.01.1984, 8/1/1984, 01/28/1984), or
 * eight digits (19840108). */
static int numeric(idt_str t, char out[11])
{
  idt_str f[3];
  size_t i, k = 0, st = 0;
  char sep = 0;
  int y, a, b;
  if (t.len == 8 && digits(t.p, 4, 4, &y) == 0 && digits(t.p + 4, 2, 2, &a) == 0 &&
      digits(t.p + 6, 2, 2, &b) == 0)
    return format(y, a, b, out);
  for (i = 0; i <= t.len; i++) {
    char c = i < t.len ? t.p[i] : 0;
    if (c && c != '.' && c != '/' && c != '-')
      continue;
    if (k == 3 || (c && sep && c != sep))
      return -1;
    if (c)
      sep = c;
    f[k].p = t.p + st;
    f[k++].len = i - st;
    st = i + 1;
  }
  if (k != 3)
    return -1;
  if (digits(f[0].p, f[0].len, 4, &y) == 0 && small(&f[1], &a) == 0 && small(&f[2], &b) == 0)
    return format(y, a, b, out);
  if (digits(f[2].p, f[2].len, 4, &y) || small(&f[0], &a) || small(&f[1], &b))
    return -1;
  return b > 12 ? format(y, a, b, out) : format(y, b, a, out);   /* day first */
}

int idt__date_iso(const char *s, size_t n, char out[11])
{
  idt_str t = idt_trim(s, n), tok[3];
  int y = 0, m = 0, d = 0;
  size_t k;
  if (idt_startswith_ci(t.p, t.len, "circa "))
    t = idt_trim(t.p + 6, t.len - 6);
  /* ISO forms (UN). */
  if (t.len >= 4 && t.len <= 10 && t.p[0] >= '0' && t.p[0] <= '9' &&
      (t.len == 4 || t.p[4] == '-')) {
    if (digits(t.p, 4, 4, &y))
      return -1;
    if (t.len == 4)
      return format(y, 0, 0, out);
    if (t.len >= 7 && digits(t.p + 5, 2, 2, &m) == 0) {
      if (t.len == 7)
        return format(y, m, 0, out);
      if (t.len == 10 && t.p[7] == '-' && digits(t.p + 8, 2, 2, &d) == 0)
        return format(y, m, d, out);
    }
    return numeric(t, out);   /* 1937-5-28, 1974-02-6 */
  }
  k = tokens(t.p, t.len, tok);
  if (k == 2 && (m = month(tok[0].p, tok[0].len)) > 0 &&
      digits(tok[1].p, tok[1].len, 4, &y) == 0)
    return format(y, m, 0, out);
  if (k == 3 && (tok[0].len == 1 || tok[0].len == 2) &&
      digits(tok[0].p, tok[0].len, tok[0].len, &d) == 0 &&
      (m = month(tok[1].p, tok[1].len)) > 0 &&
      digits(tok[2].p, tok[2].len, 4, &y) == 0)
    return format(y, m, d, out);
  if (k == 3 && (m = month(tok[0].p, tok[0].len)) > 0 && small(&tok[1], &d) == 0 &&
      digits(tok[2].p, tok[2].len, 4, &y) == 0)
    return format(y, m, d, out);   /* January 8, 1984 */
  if (k == 1)
    return numeric(t, out);
  return -1;
}

int idt_date_iso(const char *s, size_t n, char out[11])
{
  return s ? idt__date_iso(s, n, out) : -1;
}

static const char *find(const char *s, size_t n, const char *needle)
{
  size_t k = strlen(needle), i;
  for (i = 0; i + k <= n; i++)
    if (memcmp(s + i, needle, k) == 0)
      return s + i;
  return NULL;
}

static int note(idt_entity *e, const char *label, const char *s, size_t n)
{
  char buf[512];
  if (!idt_schema_prop(e->schema, "notes"))
    return 0;   /* e.g. a Passport: the listed entity keeps the text */
  snprintf(buf, sizeof buf, "%s %.*s", label, (int)idt_utf8_prefix(s, n, 400), s);
  return idt_entity_add(e, "notes", buf);
}

int idt__add_dates(idt_entity *e, const char *prop, const char *label,
                   const char *s, size_t n)
{
  idt_str t = idt_trim(s, n);
  const char *to;
  size_t sep = 4;
  char a[11], b[11];
  int rc, scratch;
  if (t.len == 0)
    return 0;
  if (idt_startswith_ci(t.p, t.len, "circa "))
    t = idt_trim(t.p + 6, t.len - 6);
  /* after "circa ": its blank may start " to " ("circa to 1990"), and a
   * range must lie inside what is left */
  to = find(t.p, t.len, " to ");
  /* "1979-1982": a year range written with a hyphen. */
  if (!to && t.len == 9 && t.p[4] == '-' && digits(t.p, 4, 4, &scratch) == 0 &&
      digits(t.p + 5, 4, 4, &scratch) == 0) {
    to = t.p + 4;
    sep = 1;
  }
  if (!to) {
    if (idt__date_iso(t.p, t.len, a))
      return note(e, label, t.p, t.len);
    return idt_entity_add(e, prop, a);
  }
  if (idt__date_iso(t.p, (size_t)(to - t.p), a) ||
      idt__date_iso(to + sep, t.len - (size_t)(to + sep - t.p), b))
    return note(e, label, t.p, t.len);
  if ((rc = idt_entity_add(e, prop, a)) || (rc = idt_entity_add(e, prop, b)))
    return rc;
  {
    int ya, yb, y;
    char yy[16];
    if (digits(a, 4, 4, &ya) || digits(b, 4, 4, &yb) || yb - ya > 10)
      return 0;
    for (y = ya + 1; y < yb; y++) {
      snprintf(yy, sizeof yy, "%04d", y);
      if ((rc = idt_entity_add(e, prop, yy)))
        return rc;
    }
  }
  return 0;
}
