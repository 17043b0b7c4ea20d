/*
 * legal.c - canonical legal forms and organisation abbreviations.
 *
 * A phrase table (after transliteration, so Chinese 有限公司 arrives as
 * "you xian gong si" and Russian ООО as "ooo") mapping each spelling to one
 * canonical token. Canonical legal forms (llc, jsc, plc, corp, co, lp) are
 * classified IDT_TOK_LEGAL and weigh little in the scorer, as do the
 * group designators (group, holding, in several languages); the other rows
 * (shpg -> shipping, grp -> group) only unify abbreviations of ordinary
 * words, whose weight then comes from their frequency in the index.
 *
 * The grouping follows the legal meaning rather than the word: GmbH, OOO,
 * SARL, Sp. z o.o. and Ltd are all limited-liability companies; AG, SA,
 * PJSC, OAO and 股份有限公司 are joint-stock companies. Rejected: deleting
 * legal forms (watchman does, and then "11420 CORP." became "" and matched
 * every CORP, watchman issue #483).
 */
#include <string.h>
#include "text/text_int.h"

typedef struct legal_row {
  const char *phrase;   /* normalised tokens separated by one space */
  const char *canon;
} legal_row;

/* Longest phrases first within a start word is not required: the matcher
 * tries every row and keeps the longest match. */
static const legal_row rows[] = {
  { "limited liability company", "llc" }, { "limited liability co", "llc" },
  { "l l c", "llc" }, { "llc", "llc" }, { "ltd", "llc" }, { "limited", "llc" },
  { "co ltd", "llc" }, { "co llc", "llc" }, { "company limited", "llc" },
  { "gmbh", "llc" }, { "ooo", "llc" }, { "tov", "llc" }, { "too", "llc" },
  { "sarl", "llc" }, { "srl", "llc" }, { "sp z o o", "llc" }, { "sp z oo", "llc" },
  { "spzoo", "llc" }, { "ltda", "llc" }, { "limitada", "llc" }, { "s de rl", "llc" },
  { "s de rl de cv", "llc" }, { "oy", "llc" },
  { "bv", "llc" }, { "pty ltd", "llc" }, { "pte ltd", "llc" }, { "sdn bhd", "llc" },
  { "fze", "llc" }, { "fzco", "llc" }, { "fzc", "llc" }, { "fzllc", "llc" },
  { "you xian gong si", "llc" }, { "you xian ze ren gong si", "llc" },
  { "yugen gaisha", "llc" }, { "obshchestvo s ogranichennoy otvetstvennostyu", "llc" },
  /* the long forms, spelt as BGN (ICU) and the lists write them */
  { "obshchestvo s ogranichennoi otvetstvennostyu", "llc" },
  { "obshchestvo s ogranichennoi otvetstvennostiu", "llc" },
  { "obshchestvo s ogranichennoy otvetstvennostiyu", "llc" },
  { "tovarystvo z obmezhenoyu vidpovidalnistyu", "llc" },
  { "gesellschaft mit beschrankter haftung", "llc" },
  { "societe a responsabilite limitee", "llc" },
  { "sociedad de responsabilidad limitada", "llc" },
  { "societa a responsabilita limitata", "llc" }, { "limited sirketi", "llc" },
  { "jsc", "jsc" }, { "ojsc", "jsc" }, { "cjsc", "jsc" }, { "pjsc", "jsc" },
  { "oao", "jsc" }, { "zao", "jsc" }, { "pao", "jsc" }, { "ao", "jsc" },
  { "joint stock company", "jsc" }, { "joint stock co", "jsc" },
  { "public joint stock company", "jsc" }, { "closed joint stock company", "jsc" },
  { "open joint stock company", "jsc" }, { "ag", "jsc" }, { "sa", "jsc" },
  { "sa de cv", "jsc" }, { "ab", "jsc" }, { "sas", "jsc" }, { "sasu", "jsc" },
  { "spa", "jsc" }, { "s p a", "jsc" }, { "nv", "jsc" }, { "societe anonyme", "jsc" },
  { "aktiengesellschaft", "jsc" }, { "gu fen you xian gong si", "jsc" },
  { "aktsionernoye obshchestvo", "jsc" }, { "aktsionernoe obshchestvo", "jsc" },
  { "publichnoye aktsionernoye obshchestvo", "jsc" },
  { "publichnoe aktsionernoe obshchestvo", "jsc" },
  { "otkrytoye aktsionernoye obshchestvo", "jsc" },
  { "otkrytoe aktsionernoe obshchestvo", "jsc" },
  { "zakrytoye aktsionernoye obshchestvo", "jsc" },
  { "zakrytoe aktsionernoe obshchestvo", "jsc" },
  { "aktsionerne tovarystvo", "jsc" }, { "publichne aktsionerne tovarystvo", "jsc" },
  { "sociedad anonima", "jsc" }, { "sociedade anonima", "jsc" },
  { "societa per azioni", "jsc" }, { "societe par actions simplifiee", "jsc" },
  { "anonim sirketi", "jsc" },
  { "kabushiki kaisha", "jsc" }, { "kk", "jsc" }, { "tbk", "jsc" },
  { "plc", "plc" }, { "public limited company", "plc" },
  { "corp", "corp" }, { "corporation", "corp" }, { "inc", "corp" },
  { "incorporated", "corp" }, { "co", "co" }, { "company", "co" },
  { "gong si", "co" }, { "lp", "lp" }, { "llp", "lp" },
  { "limited partnership", "lp" },
  /* words that say an organisation is a group of companies, not which:
   * they weigh as little as a legal form (Wagner Group is listed as PMC
   * WAGNER, Lazarus as LAZARUS GROUP) but are no kind of company
   * (clash.c) */
  { "group", "group" }, { "grp", "group" }, { "ji tuan", "group" },
  { "groupe", "group" }, { "gruppe", "group" }, { "grupo", "group" },
  { "gruppo", "group" }, { "gruppa", "group" }, { "grupa", "group" },
  { "holding", "holding" }, { "holdings", "holding" }, { "kholding", "holding" },
  /* a private military company (ChVK, Russian ЧВК): PMC Wagner is listed
   * as WAGNER GROUP */
  { "pmc", "pmc" }, { "private military company", "pmc" }, { "chvk", "pmc" },
  { "chastnaya voennaya kompaniya", "pmc" }, { "chastnaya voyennaya kompaniya", "pmc" },
  /* abbreviations of ordinary words frequent in organisation names */
  { "shpg", "shipping" },
  { "intl", "international" }, { "int l", "international" },
  { "trdg", "trading" }, { "mgmt", "management" }, { "mfg", "manufacturing" },
  { "engg", "engineering" }, { "devt", "development" }, { "ind", "industrial" }, { "inds", "industrial" }, { "industries", "industrial" },
  { "industry", "industrial" },
  { "bros", "brothers" }, { "assn", "association" }, { "svcs", "services" },
  { "tech", "technology" }, { "univ", "university" }, { "natl", "national" },
  { "comm", "communications" }, { "communication", "communications" },
  { "telecomm", "telecommunications" },
  { "petrochem", "petrochemical" },
  /* an airline's name with or without its word for airline (Mahan Air,
   * Mahan Airlines) */
  { "airlines", "air" }, { "airline", "air" }, { "airways", "air" },
  /* country abbreviations written out or not (U.S. Department of State,
   * Foreign Trade Bank of the DPRK) */
  { "united states", "us" }, { "united states of america", "us" }, { "usa", "us" },
  { "united kingdom", "uk" },
  { "democratic peoples republic of korea", "dprk" }, { "north korea", "dprk" },
  { "democratic people s republic of korea", "dprk" }, { "d p r k", "dprk" },
  { "peoples republic of china", "prc" }, { "people s republic of china", "prc" },
  { "united arab emirates", "uae" }, { "u a e", "uae" },
  /* the DPRK's own name for Korea, 조선, which its organisations' English
   * names translate (Korea Kwangson Banking Corp) and trade papers
   * transcribe (Chosun Kwangson Banking) */
  { "choson", "korea" }, { "chosun", "korea" }, { "joseon", "korea" },
};

static const char *const legal_canon[] = { "llc", "jsc", "plc", "corp", "co", "lp", "group",
                                           "holding", "pmc" };

int idt_text_token_kind(const char *tok, size_t n)
{
  size_t i;
  int digits = 1;
  if (n == 1 && tok[0] >= 'a' && tok[0] <= 'z')
    return IDT_TOK_INITIAL;
  for (i = 0; i < n; i++)
    if (tok[i] < '0' || tok[i] > '9')
      digits = 0;
  if (digits && n)
    return IDT_TOK_NUMBER;
  for (i = 0; i < sizeof legal_canon / sizeof *legal_canon; i++)
    if (strlen(legal_canon[i]) == n && !memcmp(legal_canon[i], tok, n))
      return IDT_TOK_LEGAL;
  return IDT_TOK_WORD;
}

/* Does phrase match the tokens starting at toks[0]? Returns how many
 * tokens it spans, or 0. */
static size_t phrase_match(const char *phrase, const char *const *toks,
                           const size_t *lens, size_t ntoks)
{
  size_t k = 0;
  const char *p = phrase;
  while (*p) {
    const char *sp = strchr(p, ' ');
    size_t wl = sp ? (size_t)(sp - p) : strlen(p);
    if (k >= ntoks || lens[k] != wl || memcmp(toks[k], p, wl))
      return 0;
    k++;
    p += wl;
    if (*p == ' ')
      p++;
  }
  return k;
}

/* The rows by first byte (a stable counting sort, so rows keep their
 * order within a letter) with their first word's length: a token is
 * compared with the few rows that start with its letter and length
 * instead of every row. Built once per thread on first use (no locks,
 * no heap). */
#define NROWS (sizeof rows / sizeof *rows)
static _Thread_local idt__byte_index tl_ix;

static const char *row_key(size_t i)
{
  return rows[i].phrase;
}

/* len[] is the first word's length */
static const idt__byte_index *legal_ix(void)
{
  _Static_assert(NROWS < 256, "legal rows index in a byte");
  if (!tl_ix.built)
    idt__byte_index_build(&tl_ix, row_key, NROWS, " ");
  return &tl_ix;
}

/* Are a and b at most one slip apart: one letter changed, added, dropped,
 * or two neighbours swapped? */
static int one_slip(const char *a, size_t la, const char *b, size_t lb)
{
  size_t i = 0;
  if (la + 1 < lb || lb + 1 < la)
    return 0;
  while (i < la && i < lb && a[i] == b[i])
    i++;
  if (la == lb && i == la)
    return 1;
  if (la == lb)
    return !memcmp(a + i + 1, b + i + 1, la - i - 1) ||
           (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
            !memcmp(a + i + 2, b + i + 2, la - i - 2));
  return la < lb ? !memcmp(a + i, b + i + 1, la - i) : !memcmp(a + i + 1, b + i, lb - i);
}

/* A long one-word legal form misspelt (Aktiengeselschaft, Corporaton):
 * the rows of its first letter that are one word of ten letters or more,
 * a canonical legal form, and one slip away. */
static size_t legal_typo(const idt__byte_index *x, const char *tok, size_t n,
                         const char **canon)
{
  unsigned c = (unsigned char)tok[0];
  size_t j;
  if (n < 10 || c >= 128)
    return 0;
  for (j = x->start[c]; j < x->start[c + 1]; j++) {
    const legal_row *r = &rows[x->order[j]];
    size_t rl = strlen(r->phrase);
    if (rl >= 10 && !strchr(r->phrase, ' ') &&
        idt_text_token_kind(r->canon, strlen(r->canon)) == IDT_TOK_LEGAL &&
        one_slip(tok, n, r->phrase, rl)) {
      *canon = r->canon;
      return 1;
    }
  }
  return 0;
}

size_t idt__text_legal_match(const char *const *toks, const size_t *lens,
                             size_t ntoks, const char **canon)
{
  const idt__byte_index *x = legal_ix();
  size_t j, best = 0;
  unsigned c = (unsigned char)toks[0][0];
  for (j = c < 128 ? x->start[c] : 0; c < 128 && j < x->start[c + 1]; j++) {
    size_t i = x->order[j], k;
    if (x->len[i] != lens[0] || memcmp(rows[i].phrase, toks[0], lens[0]))
      continue;
    k = phrase_match(rows[i].phrase, toks, lens, ntoks);
    if (k > best) {
      best = k;
      *canon = rows[i].canon;
    }
  }
  if (!best)
    best = legal_typo(x, toks[0], lens[0], canon);
  /* Two-letter and person-like forms (ao, sa, ag, too...) only at the end
   * of a name: "Ao Li" is a person, "Gazprom AO" a company. */
  if (best && best == ntoks)
    return best;
  if (best && (lens[0] <= 2 || !strcmp(*canon, "co")) && best == 1)
    return 0;
  if (best == 1 && (!memcmp(toks[0], "too", 3) || !memcmp(toks[0], "tov", 3)) && lens[0] == 3)
    return 0;
  return best;
}

/* Legal forms glued to the end of a name ("SiemensAG", "ROSNEFTPJSC"):
 * short ones are words' endings too (Lisa, Hamburg, Marco), so they are only
 * split at a CamelCase boundary; these never end an ordinary word. */
int idt__text_glued_legal(const char *tok, size_t n)
{
  static const char *const anywhere[] = {
    "gmbh", "llc", "ltd", "plc", "pjsc", "ojsc", "cjsc", "corp", "sarl", "fzco", "fze",
  };
  static const char *const camel[] = {
    "ag", "sa", "nv", "bv", "kg", "co", "inc", "spa", "jsc", "ooo", "oao", "zao", "pao",
    "srl", "kk", "lp", "llp", "tbk",
  };
  size_t i;
  if (n < 2 || n > 4)   /* every form above is 2 to 4 letters */
    return 0;
  for (i = 0; i < sizeof anywhere / sizeof *anywhere; i++)
    if (anywhere[i][0] == tok[0] && strlen(anywhere[i]) == n && !memcmp(anywhere[i], tok, n))
      return 2;
  for (i = 0; i < sizeof camel / sizeof *camel; i++)
    if (camel[i][0] == tok[0] && strlen(camel[i]) == n && !memcmp(camel[i], tok, n))
      return 1;
  return 0;
}
