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

int sc_acronym_pair(const sc_name *a, const sc_name *b, double *s)
{
  if (!a->weak && !b->weak)
    return 0;
  *s = a->weak != b->weak && !strcmp(a->form, b->form) ? 0.85 : -1;
  return 1;
}
