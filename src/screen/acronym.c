/*
 * acronym.c - organisations found by their initials (PLA, IRGC, KCNA).
 *
 * The initials come from the text pipeline (idt_text_org_acronym). Each
 * organisation's name gives one weak alias holding them: weak aliases
 * count only on an exact hit of the whole form (run.c: 0.85), so a query
 * "PLA" (or "PLA China", whose forms include "pla") finds the People's
 * Liberation Army, while the three letters are never compared by spelling
 * with other names (pla ~ pia, plaza). People get none: initials of a
 * person's name are not how lists or queries name them, and the 50,000
 * yente negatives are people. An acronym is never compared with another
 * acronym (People's / Palestine Liberation Army are both PLA).
 */
#include <string.h>
#include "interdict/model.h"
#include "screen/names.h"

int sc_org_schema(const idt_schema *s)
{
  return s && idt_schema_is_a(s, "LegalEntity") && !idt_schema_is_a(s, "Person");
}

size_t sc_acronym(const idt_schema *s, const char *raw, char *out, size_t cap, int legal)
{
  if (!sc_org_schema(s) || !raw)
    return 0;
  return legal ? idt_text_org_acronym_legal(raw, strlen(raw), out, cap) :
                 idt_text_org_acronym(raw, strlen(raw), out, cap);
}

int sc_qnames_add_acronym(sc_qnames *q, const idt_schema *s, const char *raw)
{
  char acr[16];
  int legal, rc;
  for (legal = 0; legal < 2; legal++)   /* as the index has them (index.c) */
    if (sc_acronym(s, raw, acr, sizeof acr, legal) &&
        (rc = sc_qnames_add(q, acr, raw, 1, NULL, NULL)) < 0)
      return rc;
  return 0;
}

/* Can w[p..wl) be spelt by beginnings (a letter or more) of o's tokens
 * from i on, in order, skipping any; used: tokens taken so far (the
 * first must be token i, o's first word); cut: one of them was cut short
 * (whole words run together are a spelling, AIRKORYO, not a code).
 * *budget bounds the calls (a list's name is input: A A A A ... must not
 * stall the index build); spent, the answer is no. */
static int spelt(const char *w, size_t wl, size_t p, const sc_name *o, size_t i, int used,
                 int cut, long *budget)
{
  size_t j, l;
  if (--*budget < 0)
    return 0;
  if (p == wl)
    return used >= 2 && cut;
  for (j = i; j < o->n && (used || j == i); j++) {
    const sc_term *t = o->t[j];
    if (t->kind == IDT_TOK_NUMBER)
      continue;
    for (l = 1; l <= t->len && p + l <= wl && t->s[l - 1] == w[p + l - 1]; l++)
      if (spelt(w, wl, p + l, o, j + 1, used + 1, cut || l < t->len, budget))
        return 1;
  }
  return 0;
}

/* The one word of name a, legal forms beside it (PJSC SASCO), or NULL. */
static const sc_term *one_word(const sc_name *a)
{
  const sc_term *w = NULL;
  size_t i;
  for (i = 0; i < a->n; i++) {
    if (a->t[i]->kind == IDT_TOK_LEGAL)
      continue;
    if (w || a->t[i]->kind != IDT_TOK_WORD)
      return NULL;
    w = a->t[i];
  }
  return w;
}

int sc_abbr_hit(const sc_name *q, const sc_name *abbr)
{
  const sc_term *a = one_word(q), *b = one_word(abbr);
  return a && b && a->len == b->len && !memcmp(a->s, b->s, a->len);
}

int sc_abbreviates(const sc_name *a, const sc_name *o)
{
  const sc_term *w;
  size_t i;
  long budget = 20000;
  if (a == o || o->n < 2 || o->n > 12 || a->weak || o->weak)
    return 0;
  w = one_word(a);
  if (!w || w->len < 2 || w->len > 8)
    return 0;
  for (i = 0; i < o->n; i++)   /* a word of o itself (SYRIATEL, CITADEL) */
    if (o->t[i]->len == w->len && !memcmp(o->t[i]->s, w->s, w->len))
      return 0;
  for (i = 0; i < o->n && o->t[i]->kind == IDT_TOK_LEGAL; i++)
    ;   /* from the first word: PJSC SAKHALIN SHIPPING CO is SASCO */
  /* the first word cut to two thirds or less: INTER for INTERCONTINENTAL
   * (BIOGRAD for BIOGRADE is a spelling) */
  if (i < o->n && w->len >= 3 && 3 * (size_t)w->len <= 2 * (size_t)o->t[i]->len &&
      !memcmp(o->t[i]->s, w->s, w->len))
    return 1;
  return spelt(w->s, w->len, 0, o, i, 0, 0, &budget);
}

int sc_acronym_pair(const sc_name *a, const sc_name *b, double *s)
{
  if (!a->weak && !b->weak)
    return 0;
  *s = a->weak != b->weak && !strcmp(a->form, b->form) ? 0.85 : -1;
  return 1;
}
