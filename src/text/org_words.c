/*
 * org_words.c - words that describe what an organisation does or is
 * (bank, trading, shipping, industrial, international), as opposed to the
 * words that say which one it is (Shinhan, Saman, Sberbank, Tanchon).
 *
 * Screening tools keep such a list of "noise words" for companies: two
 * banks agree on "bank" whatever they are called, so a match that rests on
 * such words alone is another organisation (screen/score.c, org_rest).
 * The words are normalised tokens (lowercase ASCII after transliteration)
 * in English and in the languages the sanctions lists transliterate most
 * (French, Spanish, Portuguese, Italian, German, Russian and Ukrainian as
 * BGN writes them, Persian and Arabic as the lists spell them). Legal
 * forms (llc, jsc, group, holding) are classified apart (legal.c).
 * Deliberately left out: place names and nationalities (Bank of China is
 * not Bank of Iran), and brand-like words (golden, star, ocean) that name
 * an organisation as often as they describe it.
 */
#include <string.h>
#include "text/text_int.h"

/* Sorted (strcmp order): bsearch. tests/test_text.c checks the order. */
static const char *const words[] = {
  "academy", "agency", "agricultural", "agriculture", "air", "airlines", "airways",
  "akademiya", "assets", "association", "assurance", "aviation", "aviatsionnyi", "banca",
  "banco", "bank", "banking", "banque", "bazargani", "bureau", "business", "capital",
  "cargo", "center", "central", "centrale", "centre", "chemical", "chemicals",
  "comercial", "comercializadora", "commercial", "commerciale", "committee",
  "commodities", "communications", "compagnia", "compagnie", "companhia", "compania",
  "construction", "constructora", "consulting", "cooperative", "corporacion", "council",
  "credit", "credito", "department", "development", "distribuidora", "electric",
  "electronics", "empresa", "energia", "energie", "energo", "energy", "engineering",
  "enterprise", "enterprises", "equipment", "exchange", "export", "exportadora",
  "exports", "factory", "federal", "federation", "finance", "financial", "financiera",
  "financiere", "finansov", "food", "foods", "foundation", "freight", "fund", "general",
  "generale", "generali", "gesellschaft", "global", "handel", "handels", "housing",
  "import", "importadora", "imports", "industria", "industrial", "industrias",
  "industrie", "industries", "industry", "inmobiliaria", "institut", "institute",
  "insurance", "internacional", "international", "internationale", "inversiones",
  "investitsionn", "investment", "investments", "kala", "khadamat", "kombinat",
  "kommerchesk", "kompaniya", "korporatsiya", "lines", "logistics", "machinery",
  "management", "manufacturing", "marine", "maritima", "maritime", "markaz", "media",
  "merchant", "merchants", "metal", "metals", "mezhdunarodn", "minera", "mining",
  "ministry", "mohandesi", "mutual", "nacional", "naft", "national", "nationale",
  "natsional", "naviera", "navigation", "nazionale", "neft", "obedinenie", "office",
  "oil", "organisation", "organization", "overseas", "partners", "people", "peoples",
  "petrochemical", "petrochemicals", "petroleos", "petroleum", "plant", "post", "postal",
  "predpriyatie", "products", "promyshlenn", "promyshlennyi", "properties", "property",
  "research", "reserve", "resources", "sanat", "sanaye", "savings", "securities",
  "service", "services", "servicios", "sherkat", "shipbuilding", "shipping", "shirkat",
  "sistemas", "sociedad", "sociedade", "societa", "societe", "society", "solutions",
  "steel", "strakhov", "supply", "systems", "technologies", "technology", "tejarat",
  "tekhnologii", "tijarat", "torgov", "torgovyi", "trade", "traders", "trading",
  "transport", "transportation", "transportes", "trust", "tsentr", "tsentral", "union",
  "united", "ventures", "zavod",
};

/* Nationalities and regions that lists put before an organisation's name
 * (KOREA MINING DEVELOPMENT TRADING CORPORATION) and that references to it
 * leave out; countries themselves are resolved by the caller
 * (idt_country_code). Sorted. */
static const char *const places[] = {
  "afghan", "africa", "african", "american", "arab", "arabian", "asia", "asian",
  "belarusian", "british", "burmese", "chinese", "cuban", "emirates", "emirati",
  "eurasian", "europe", "european", "german", "indian", "iranian", "iraqi", "japanese",
  "korea", "korean", "lebanese", "libyan", "pakistani", "persian", "russian", "saudi",
  "somali", "sudanese", "syrian", "turkish", "ukrainian", "venezuelan", "yemeni",
};

#define NWORDS (sizeof words / sizeof *words)
#define NPLACES (sizeof places / sizeof *places)

/* The word, or a word of six letters or more with an ending of up to
 * three letters: the inflected adjectives of the Slavic lists
 * (industrialny, natsionalnyi, torgovyi, tsentralnaya: stems in the
 * table), plurals and the like. */
int idt_text_org_descriptor(const char *w, size_t n)
{
  size_t k;
  if (idt__text_in_sorted(w, n, words, NWORDS, 32))
    return 1;
  for (k = 1; k <= 3 && n < 32 && n >= 6 + k; k++)
    if (idt__text_in_sorted(w, n - k, words, NWORDS, 32))
      return 1;
  return 0;
}

int idt_text_nationality(const char *w, size_t n)
{
  return idt__text_in_sorted(w, n, places, NPLACES, 32);
}

/* For the test of the tables' order. */
size_t idt__text_org_words(const char *const **out, int which)
{
  *out = which ? places : words;
  return which ? NPLACES : NWORDS;
}
