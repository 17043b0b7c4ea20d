/*
 * countries.c - English country names, as the sanctions lists spell them,
 * to FtM country codes (ISO 3166-1 alpha-2, lowercase).
 *
 * The bulk comes from ICU (uloc_getISOCountries + uloc_getDisplayCountry in
 * English), so names track CLDR rather than a hand-kept table; a small alias
 * table adds the lists' own spellings that CLDR does not use ("Korea,
 * North", "Burma", "Iran (Islamic Republic of)", "Congo, Democratic Republic
 * of the"), its alpha-3 code (PRK) and ISO's inverted short names ("Korea,
 * Democratic People's Republic of"). Keys are folded to ASCII letters and digits with the filler
 * words "and", "the", "of" dropped, so "Bosnia and Herzegovina", "Bosnia &
 * Herzegovina" and "Bosnia-Herzegovina" meet. The table is built once
 * (pthread_once) into static storage and binary-searched: no heap, so the
 * parsers' OOM sweep never sees it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include "ingest/ingest_int.h"

#define KEY_MAX 64
#define TABLE_MAX 768   /* CLDR's names, their alpha-3 codes, the aliases */

typedef struct country {
  char key[KEY_MAX];
  char code[3];
} country;

static country table[TABLE_MAX];
static size_t ntable;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* List spellings CLDR lacks. Sources: OFAC SDN "nationality"/"citizen"/
 * passport countries, UN consolidated NATIONALITY values (2024-2026). */
static const char *const aliases[][2] = {
  { "Korea, North", "kp" }, { "North Korea", "kp" }, { "DPRK", "kp" },
  { "Democratic People's Republic of Korea", "kp" },
  { "Korea, South", "kr" }, { "Republic of Korea", "kr" },
  { "Korea, Republic of", "kr" }, { "Burma", "mm" }, { "Myanmar", "mm" },
  { "Russia", "ru" }, { "Russian Federation", "ru" },
  { "Iran (Islamic Republic of)", "ir" }, { "Iran, Islamic Republic of", "ir" },
  { "Syrian Arab Republic", "sy" }, { "Congo, Democratic Republic of the", "cd" },
  { "Democratic Republic of the Congo", "cd" }, { "DRC", "cd" },
  { "Congo, Republic of the", "cg" }, { "Republic of the Congo", "cg" },
  { "Congo", "cg" }, { "Lao People's Democratic Republic", "la" },
  { "Laos", "la" }, { "Viet Nam", "vn" }, { "Vietnam", "vn" },
  { "United Republic of Tanzania", "tz" }, { "Bolivia (Plurinational State of)", "bo" },
  { "Venezuela (Bolivarian Republic of)", "ve" }, { "Republic of Moldova", "md" },
  { "Cote d'Ivoire", "ci" }, { "Ivory Coast", "ci" }, { "Turkey", "tr" },
  { "Turkiye", "tr" }, { "T\xc3\xbcrkiye", "tr" },
  { "North Macedonia, The Republic of", "mk" }, { "United States", "us" }, { "United States of America", "us" },
  { "United Kingdom", "gb" }, { "United Kingdom of Great Britain and Northern Ireland", "gb" },
  { "Palestinian", "ps" }, { "Palestine", "ps" }, { "State of Palestine", "ps" },
  { "West Bank", "ps" }, { "Gaza", "ps" }, { "Gaza Strip", "ps" },
  { "Hong Kong", "hk" }, { "Macau", "mo" }, { "Macao", "mo" }, { "Taiwan", "tw" },
  { "Czech Republic", "cz" }, { "Macedonia", "mk" }, { "North Macedonia", "mk" },
  { "The former Yugoslav Republic of Macedonia", "mk" }, { "Kosovo", "xk" },
  { "Saint Kitts and Nevis", "kn" }, { "Saint Lucia", "lc" },
  { "Saint Vincent and the Grenadines", "vc" }, { "Swaziland", "sz" },
  { "Eswatini", "sz" }, { "Cape Verde", "cv" }, { "Cabo Verde", "cv" },
  { "Brunei Darussalam", "bn" }, { "Micronesia, Federated States of", "fm" },
  { "Micronesia (Federated States of)", "fm" }, { "East Timor", "tl" },
  { "Timor-Leste", "tl" }, { "Holy See", "va" }, { "Vatican City", "va" },
  { "Curacao", "cw" }, { "Reunion", "re" }, { "Libyan Arab Jamahiriya", "ly" },
  { "Sao Tome and Principe", "st" }, { "Kyrgyz Republic", "kg" },
  { "Slovak Republic", "sk" }, { "UAE", "ae" }, { "Bahamas, The", "bs" },
  { "Gambia, The", "gm" }, { "Bosnia-Herzegovina", "ba" }, { "Aland Islands", "ax" },
  { "Sint Maarten", "sx" }, { "Saint Martin", "mf" }, { "Yemen", "ye" },
  { "Trinidad and Tobago", "tt" }, { "Antigua and Barbuda", "ag" },
  { "Heard Island and McDonald Islands", "hm" }, { "Man, Isle of", "im" },
  { "Virgin Islands, British", "vg" }, { "British Virgin Islands", "vg" },
  /* queries (a bank's customer file): short forms and ISO 3166's own
   * inverted short names */
  { "UK", "gb" }, { "Great Britain", "gb" }, { "USA", "us" },
  { "Korea, Democratic People's Republic of", "kp" },
  { "Venezuela, Bolivarian Republic of", "ve" }, { "Bolivia, Plurinational State of", "bo" },
  { "Moldova, Republic of", "md" }, { "Tanzania, United Republic of", "tz" },
  { "Palestine, State of", "ps" }, { "Taiwan, Province of China", "tw" },
};

/* Fold to lowercase ASCII alnum, dropping filler words and non-ASCII. */
static size_t fold(const char *s, size_t n, char out[KEY_MAX])
{
  size_t i = 0, o = 0;
  while (i < n) {
    char word[KEY_MAX];
    size_t w = 0;
    while (i < n && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                      (s[i] >= '0' && s[i] <= '9')))
      i++;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                     (s[i] >= '0' && s[i] <= '9') || (unsigned char)s[i] >= 0x80)) {
      char c = s[i++];
      if ((unsigned char)c >= 0x80)
        continue;
      if (c >= 'A' && c <= 'Z')
        c = (char)(c - 'A' + 'a');
      if (w + 1 < KEY_MAX)
        word[w++] = c;
    }
    word[w] = '\0';
    if (w == 0 || strcmp(word, "and") == 0 || strcmp(word, "the") == 0 ||
        strcmp(word, "of") == 0)
      continue;
    if (o + w + 1 >= KEY_MAX)
      return 0;
    memcpy(out + o, word, w);
    o += w;
  }
  out[o] = '\0';
  return o;
}

static void put(const char *name, size_t n, const char *code)
{
  country *c;
  if (ntable >= TABLE_MAX)
    return;
  c = &table[ntable];
  if (!fold(name, n, c->key))
    return;
  c->code[0] = code[0];
  c->code[1] = code[1];
  c->code[2] = '\0';
  ntable++;
}

static int cmp(const void *a, const void *b)
{
  return strcmp(((const country *)a)->key, ((const country *)b)->key);
}

/* The alpha-3 code of loc's country (PRK, IRN) as one more name of it. */
static void alpha3(const char *loc, const char *code)
{
  const char *a3 = uloc_getISO3Country(loc);
  if (a3 && strlen(a3) == 3)
    put(a3, 3, code);
}

static void build(void)
{
  const char *const *iso = uloc_getISOCountries();
  size_t i;
  for (i = 0; iso && iso[i]; i++) {
    char loc[8], utf8[256], code[3];
    UChar name[128];
    UErrorCode st = U_ZERO_ERROR;
    int32_t len, u8len;
    if (strlen(iso[i]) != 2)
      continue;
    snprintf(loc, sizeof loc, "_%s", iso[i]);
    len = uloc_getDisplayCountry(loc, "en", name, 128, &st);
    if (U_FAILURE(st) || len <= 0)
      continue;
    u_strToUTF8(utf8, (int32_t)sizeof utf8, &u8len, name, len, &st);
    if (U_FAILURE(st))
      continue;
    code[0] = (char)(iso[i][0] - 'A' + 'a');
    code[1] = (char)(iso[i][1] - 'A' + 'a');
    code[2] = '\0';
    put(utf8, (size_t)u8len, code);
    alpha3(loc, code);
  }
  for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    put(aliases[i][0], strlen(aliases[i][0]), aliases[i][1]);
  /* An alias equal to a CLDR name carries the same code, so which of the
   * two bsearch finds does not matter. */
  qsort(table, ntable, sizeof table[0], cmp);
}

const char *idt_country_code(const char *name, size_t n)
{
  return name ? idt__country_code(name, n) : NULL;
}

const char *idt__country_code(const char *name, size_t n)
{
  country key;
  size_t lo = 0, hi, found = (size_t)-1;
  pthread_once(&once, build);
  if (!fold(name, n, key.key) || !key.key[0])
    return NULL;
  hi = ntable;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(table[mid].key, key.key);
    if (c == 0) {
      found = mid;
      break;
    }
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return found == (size_t)-1 ? NULL : table[found].code;
}
