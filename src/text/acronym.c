/*
 * acronym.c - organisations named by their initials: PLA for the People's
 * Liberation Army, IRGC, KCNA, HTS (Hay'at Tahrir al-Sham), LTTE.
 *
 * Two halves, one per side of a match:
 *   - idt_text_org_acronym: the initials of the significant words of an
 *     organisation's name (articles, prepositions and conjunctions of the
 *     lists' languages and legal forms skipped; three to six of them, no
 *     number). The screening index keeps it as a weak alias of the entity
 *     (exact hits only): a three-letter token would otherwise be close to
 *     thousands of names, and initials are never typo'd into a name;
 *   - idt__text_acronym_query_form: a query written as an acronym in
 *     capitals plus country names ("PLA China", "IRGC Iran") also gets the
 *     acronym alone as a form, so the exact hit can happen. Only when the
 *     rest is country names (ICU's English names of the ISO 3166 regions):
 *     "Banco Santander Mexico" keeps Mexico, and a person's name is not
 *     written in capitals beside mixed-case words.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include "text/text_int.h"
#include "common/buf.h"

#define ACR_MIN 3
#define ACR_MAX 6

/* Words acronyms skip (lowercase; English, French, Spanish, Portuguese,
 * Italian, German, Dutch, Arabic article; the s of a possessive: People's
 * is people s). Sorted for bsearch. */
static const char *const skip[] = {
  "a", "al", "an", "and", "at", "by", "da", "das", "de", "del", "della", "der",
  "des", "di", "die", "do", "dos", "du", "e", "el", "en", "et", "for", "fur",
  "i", "in", "la", "las", "le", "les", "los", "of", "on", "s", "the", "to", "und",
  "van", "von", "y",
};

static int is_skip(const char *w, size_t n)
{
  return idt__text_in_sorted(w, n, skip, sizeof skip / sizeof *skip, 8);
}

/* The letter a legal form gives an acronym: c for co and corp (Company,
 * Corporation, Inc.), l for llc (Limited, Ltd); 0 for the others, whose
 * canonical token does not say how it was written (GmbH, OOO and Ltd are
 * all llc; JSC, AG and SA all jsc). */
static char legal_initial(const char *w, size_t n)
{
  if ((n == 2 && !memcmp(w, "co", 2)) || (n == 4 && !memcmp(w, "corp", 4)))
    return 'c';
  return n == 3 && !memcmp(w, "llc", 3) ? 'l' : 0;
}

static size_t acronym(const char *s, size_t n, char *out, size_t cap, int legal)
{
  char forms[IDT_TEXT_MAX_FORMS * IDT_TEXT_MAX_FORM];
  const char *p;
  size_t k = 0;
  int kept = 0;
  if (!out || cap <= ACR_MAX)
    return 0;
  out[0] = 0;
  if (idt_text_name_forms(s, n, forms, sizeof forms) <= 0)
    return 0;
  for (p = forms; *p;) {
    const char *w = p;
    size_t wl;
    int kind;
    while (*p && *p != ' ' && *p != '-')
      p++;
    wl = (size_t)(p - w);
    kind = idt_text_token_kind(w, wl);
    if (*p)
      p++;
    if (kind == IDT_TOK_NUMBER)
      return 0;
    /* a group designator is a word of the acronym (Lazarus Group: LG) */
    if (kind == IDT_TOK_LEGAL && !(wl == 5 && !memcmp(w, "group", 5)) &&
        !(wl == 7 && !memcmp(w, "holding", 7)) && !(wl == 3 && !memcmp(w, "pmc", 3))) {
      char c = legal ? legal_initial(w, wl) : 0;
      if (!c)
        continue;
      if (k == ACR_MAX)
        return 0;
      out[k++] = c;
      kept = 1;
      continue;
    }
    if (is_skip(w, wl))
      continue;
    if (k == ACR_MAX || w[0] < 'a' || w[0] > 'z')
      return 0;
    out[k++] = w[0];
  }
  if (k < ACR_MIN || (legal && !kept))
    k = 0;
  out[k] = 0;
  return k;
}

size_t idt_text_org_acronym(const char *s, size_t n, char *out, size_t cap)
{
  return acronym(s, n, out, cap, 0);
}

size_t idt_text_org_acronym_legal(const char *s, size_t n, char *out, size_t cap)
{
  return acronym(s, n, out, cap, 1);
}

/* ------------------------------------------------- country names (ICU) */

#define NCOUNTRY_MAX 320
static char countries[NCOUNTRY_MAX][24];
static size_t ncountries;
static pthread_once_t countries_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
  return strcmp(a, b);
}

/* One-word English names of the ISO 3166 regions, lowercase. */
static void countries_init(void)
{
  const char *const *codes = uloc_getISOCountries();
  for (; codes && *codes && ncountries < NCOUNTRY_MAX; codes++) {
    char loc[8] = "und_";
    UChar name[64];
    UErrorCode err = U_ZERO_ERROR;
    int32_t l, i;
    char *c = countries[ncountries];
    memcpy(loc + 4, *codes, strlen(*codes) < 3 ? strlen(*codes) + 1 : 3);
    loc[7] = 0;
    l = uloc_getDisplayCountry(loc, "en", name, 64, &err);
    if (U_FAILURE(err) || l <= 0 || l >= 24)
      continue;
    for (i = 0; i < l; i++) {
      if (!((name[i] | 32) >= 'a' && (name[i] | 32) <= 'z'))
        break;
      c[i] = (char)(name[i] | 32);
    }
    if (i < l)
      continue;
    c[l] = 0;
    ncountries++;
  }
  qsort(countries, ncountries, sizeof *countries, cmp_str);
}

static int is_country(const char *w, size_t n)
{
  char k[24];
  size_t i;
  if (n >= sizeof k)
    return 0;
  for (i = 0; i < n; i++)
    k[i] = (char)(w[i] | 32);
  k[n] = 0;
  pthread_once(&countries_once, countries_init);
  return bsearch(k, countries, ncountries, sizeof *countries, cmp_str) != NULL;
}

void idt__text_acronym_query_form(const char *s, size_t n, idt__forms *f)
{
  size_t i = 0, acr = 0, acr_len = 0, words = 0;
  int have = 0;
  while (i < n) {
    size_t st, upper = 0;
    if (!((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')) {
      if ((s[i] >= '0' && s[i] <= '9') || (unsigned char)s[i] >= 0x80)
        return;
      i++;
      continue;
    }
    st = i;
    while (i < n && (s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')
      upper += s[i++] <= 'Z';
    words++;
    if (upper == i - st && i - st >= ACR_MIN && i - st <= ACR_MAX && !have) {
      have = 1;
      acr = st;
      acr_len = i - st;
    } else if (upper == i - st || !is_country(s + st, i - st)) {
      return;
    }
  }
  if (have && words >= 2)
    (void)idt__text_add_form(s + acr, acr_len, f);
}
