/*
 * clash.c - what tells two names of one shape apart: a name substituted
 * on each side, legal forms of two kinds, organisations that agree only on
 * the words of their trade (internal to src/screen; score.c applies them
 * to its alignment).
 */
#include <string.h>
#include "interdict/ingest.h"
#include "screen/clash.h"

/* A legal form of a kind: a limited-liability or joint-stock company, a
 * public limited company, a partnership (Corp and Co are no kind, nor
 * are the group designators Group and Holding). */
static int strong_form(const sc_term *t)
{
  static const char *const kinds[] = { "llc", "jsc", "plc", "lp" };
  size_t i;
  if (t->kind != IDT_TOK_LEGAL)
    return 0;
  for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
    if (t->len == strlen(kinds[i]) && !memcmp(t->s, kinds[i], t->len))
      return 1;
  return 0;
}

/* A name: a word, number or initial, not a legal form or particle. */
static int a_name(const sc_term *t)
{
  return t->kind != IDT_TOK_LEGAL && !t->particle;
}

/* Does each side leave a term that passes is unmatched? */
static int unmatched_both(const side *q, const int *qm, const side *c, const int *cm,
                          int (*is)(const sc_term *))
{
  size_t i, j;
  for (i = 0; i < q->n; i++)
    if (qm[i] < 0 && is(q->t[i]))
      break;
  if (i == q->n)
    return 0;
  for (j = 0; j < c->n; j++)
    if (cm[j] < 0 && is(c->t[j]))
      return 1;
  return 0;
}

/* Two legal entities of one name (Bowne Solutions L.P. and L.L.C.): forms
 * of two kinds unmatched on both sides cost like a substituted name, at a
 * legal form's weight. Not more: lists give one entity both forms after a
 * reorganisation (OFAC: OOO and JSC SHIPYARD 'ZALIV', GENI SARL and S.A.,
 * 34 of 1,623 entities with two forms), so the names still decide. */
int sc_legal_clash(const side *q, const int *qm, const side *c, const int *cm)
{
  return unmatched_both(q, qm, c, cm, strong_form);
}

/* Is a name substituted, one left unmatched on each side? Then the names
 * differ, not just in length, and however many others agree the pair
 * stays below the alert threshold on its names alone (SC_SUBST_FACTOR;
 * a birth date or identifier can still lift it): the names of one family
 * are not independent evidence. Brothers share their father's and
 * grandfather's names and the family name (an Arabic nasab chain:
 * SAIF-AL-DIN FULAYYIH HASSAN TAHA AL-MOSULI against ... AL-RAWI), sons
 * share their father's given name, and William G. Frost is not William W.
 * Frost. */
int sc_substituted(const side *q, const int *qm, const side *c, const int *cm)
{
  return unmatched_both(q, qm, c, cm, a_name);
}

/* A word's class for the organisation rules: a word that describes what
 * an organisation is or does, a place, or neither (SC_DESCR_*). */
int sc_term_descr(const char *s, size_t len)
{
  if (idt_text_org_descriptor(s, len))
    return SC_DESCR_TRADE;
  return idt_text_nationality(s, len) || (len >= 4 && idt_country_code(s, len)) ?
         SC_DESCR_PLACE : 0;
}

/* A word that says which organisation a name is: not a descriptive word
 * (bank, trading), a particle, a legal form, a number or an initial. */
static int org_identity(const sc_term *t, int *place)
{
  int d;
  if (t->kind != IDT_TOK_WORD || t->particle || t->len < 2 ||
      (d = sc_descr(t)) == SC_DESCR_TRADE)
    return 0;
  *place = d == SC_DESCR_PLACE;
  return 1;
}

/* Two organisations' names that agree on descriptive words alone: they
 * have words of their own that say which one each is (Shinhan Bank, SAMAN
 * BANK; Industrial Bank, MOSCOW INDUSTRIAL BANK; Societe Generale,
 * SOCIETE GENERALE DE PAIN; Bank of China, BANK OF IRAN), and none of
 * those is matched at ORG_ID_MIN (a misspelling or a transliteration, not
 * a second edit in a short word). Then the names are two organisations
 * that do the same thing, like a substitution among persons' names
 * (sc_substituted). A country or nationality that only the list name has
 * does not count: references leave it out (Mining Development Trading
 * Corporation for KOREA MINING DEVELOPMENT TRADING CORPORATION). */
#define ORG_ID_MIN 0.6
int sc_org_rest(const side *q, const int *qm, const side *c, const int *cm,
                double sim[][SC_MAX_TOKS])
{
  size_t i, j;
  int ident = 0, place;
  for (i = 0; i < q->n; i++)
    if (org_identity(q->t[i], &place)) {
      if (qm[i] >= 0 && sim[i][qm[i]] >= ORG_ID_MIN)
        return 0;
      ident = 1;
    }
  for (j = 0; j < c->n; j++)
    if (org_identity(c->t[j], &place)) {
      if (cm[j] >= 0 && sim[cm[j]][j] >= ORG_ID_MIN)
        return 0;
      ident |= !place;
    }
  return ident;
}
