/*
 * names.h - query-side names for the scorer (internal to src/screen).
 */
#ifndef IDT_SCREEN_NAMES_H
#define IDT_SCREEN_NAMES_H
#include <stdio.h>
#include "screen/screen_int.h"
#include "interdict/model.h"

#define SC_MAX_QNAMES 32
#define SC_MAX_QTERMS (SC_MAX_QNAMES * 8)

typedef const sc_term *(*sc_lookup_fn)(void *ctx, const char *s, size_t n);

typedef struct sc_qnames {
  sc_name names[SC_MAX_QNAMES];
  size_t n;
  sc_term terms[SC_MAX_QTERMS];
  const sc_term *ptrs[SC_MAX_QTERMS];
  size_t nterms;
  char forms[SC_MAX_QNAMES][IDT_TEXT_MAX_FORM];
  int list_side;         /* compare's second name: a list name, not a query */
  int person;            /* names of a Person (sc_forms): set before adding */
  int vessel;            /* names of a Vessel (sc_forms): likewise */
  int org;               /* names of an Organization (sc_forms): likewise */
  size_t code_n;         /* names[0..code_n) are forms of an aircraft's
                          * registration, compared as a code (regcode.c) */
} sc_qnames;

/* Split a normalised form into tokens; bit i of *joined: hyphen after i. */
size_t sc_form_split(const char *form, idt_str *toks, size_t max, uint32_t *joined);
/* The forms of a raw name (idt_text_name_forms) plus, for Hangul, the
 * strict RR form; hflags[k] (sc_name.cjk): 0 neither Hangul nor Han, 1 a
 * Hangul variant, 2 the strict RR form, 3 a variant of a name in Han
 * characters, 4 its pinyin form (the first). kind: SC_NAME_PERSON, a
 * Person's name, whose legal-form words stay words
 * (idt_text_person_forms); SC_NAME_VESSEL, a Vessel's, read without its
 * type prefix (MV, M/T: sc_vessel_prefix); SC_NAME_ORG, an
 * Organization's, whose glued consonants are no initials
 * (idt_text_org_forms); 0 any other. forms needs
 * (IDT_TEXT_MAX_FORMS + 1) * IDT_TEXT_MAX_FORM bytes. */
#define SC_NAME_PERSON 1
#define SC_NAME_VESSEL 2
#define SC_NAME_ORG 4
int sc_forms(const char *raw, int kind, char *forms, size_t cap, uint8_t *hflags);
/* Bytes of raw taken by a ship-type prefix before the name (MV, M/V,
 * M.V., MT, M/T, MS, SS, FV, RV; 0 none). */
size_t sc_vessel_prefix(const char *raw);
/* A vessel's name ending in a Roman numeral (NAM SAN VIII, OCEAN STAR
 * II) written with digits into out (NAM SAN 8), so that it agrees or
 * clashes as a number; its length, or 0 (out unset) when raw ends in
 * none. XI (a Chinese syllable: HUA XI) is not read. */
size_t sc_vessel_numeral(const char *raw, char *out, size_t cap);
/* A vessel's name without the Korean ship suffix ho (호: 천마산호, Nam San
 * 8 Ho), into out: Hangul 호 after two syllables or a digit, a last word
 * Ho after a number or two words; digits set apart from the Hangul
 * around them (예성강1호 -> 예성강 1). Its length, or 0 (out unset) when
 * raw is left as it is. */
size_t sc_vessel_suffix(const char *raw, char *out, size_t cap);
/* A vessel's normalised form with each word that reads as Korean
 * syllables run together in Revised Romanisation (cheonmasan: a pair eo,
 * eu or ae, six letters or more, two to four syllables) written apart
 * ("cheon ma san"), into out; its length, or 0 when no word is one. */
size_t sc_vessel_syllables(const char *form, char *out, size_t cap);
/* The other way round: a vessel's normalised form with each run of two or
 * more words of one Korean syllable run together ("ryong ak san" ->
 * "ryongaksan"), into out, so that the word's Korean key
 * (idt_ko_place_key) meets the run-together spellings (Yongaksan);
 * its length, or 0 when there is no such run. */
size_t sc_vessel_joined(const char *form, char *out, size_t cap);
/* May names a and b be compared? Hangul on both sides: strict RR only;
 * Han on both sides: pinyin only. */
static inline int sc_pairable(const sc_name *a, const sc_name *b)
{
  int ha = a->cjk >= SC_CJK_HAN, hb = b->cjk >= SC_CJK_HAN;
  return !(a->cjk && b->cjk) || ha != hb || sc_cjk_strict(a, b);
}
/* Korean name shape of a token sequence (0 without the Korean module). */
int sc_korean_shape(const idt_str *toks, size_t n);
/* Does a form of this shape and cjk flag take the Korean rules (syllable
 * skeletons, surname classes: Ri = Lee = Yi)? Not the pinyin of a name in
 * Han characters: its Korean reading is a form of its own, and in Chinese
 * Li and Yi are two surnames. */
int sc_korean_name(const idt_str *toks, size_t n, int cjk);
/* Normalise raw and append its forms (orig: the text shown in evidence,
 * NULL: raw). lookup (may be NULL) gives vocabulary weights. Forms that do
 * not fit are dropped silently (SC_MAX_QNAMES). A query (not list_side)
 * cut at a payment field's width also gets its form without the last,
 * perhaps cut, word. */
int sc_qnames_add(sc_qnames *q, const char *raw, const char *orig, int weak,
                  sc_lookup_fn lookup, void *ctx);

/* Organisation acronyms (acronym.c): is s an organisation; its name's
 * initials into out (0: none; legal: with the initial of its company,
 * corporation or limited form, 0 without one); raw's acronym added to q
 * as a weak name;
 * a pair with a weak side: 1 and *s (its score, or -1: not comparable). */
int sc_org_schema(const idt_schema *s);
size_t sc_acronym(const idt_schema *s, const char *raw, char *out, size_t cap, int legal);
int sc_qnames_add_acronym(sc_qnames *q, const idt_schema *s, const char *raw);
int sc_acronym_pair(const sc_name *a, const sc_name *b, double *s);
/* Is one-word name a (legal forms aside) an abbreviation of name o of the
 * same organisation:
 * its letters the beginnings of two or more of o's words in order, from
 * the first (NIOC, IRISL; PEDEX for Pars Energy-Gostar Drilling and
 * Exploration, PASCO for Pasargad Steel Complex), or its first word cut
 * short (INTER for Intercontinental de Aviacion)? The lists give such
 * codes as plain aliases; index.c marks them (sc_name.abbr) so that they
 * match only as written, like the initials of acronym.c. */
int sc_abbreviates(const sc_name *a, const sc_name *o);
/* Is query name q that abbreviation's word, legal forms aside? */
int sc_abbr_hit(const sc_name *q, const sc_name *abbr);
#endif
