/*
 * compare.c - the scorer on one pair of names, without an index
 * (`interdict compare`, the name bench). Token weights are 1 here (no
 * frequencies without a list), legal forms and initials keep their kind
 * weights.
 */
#include <string.h>
#include "interdict/screen.h"
#include "screen/names.h"
#include "screen/explain.h"
#include "screen/regcode.h"

int idt_screen_compare(const char *schema, const char *name1, const char *name2,
                       int mode, double *score, char **explanation)
{
  sc_qnames *a = NULL, *b = NULL;
  const idt_schema *sc = schema ? idt_schema_get(schema) : NULL;
  sc_align al, best_al;
  size_t i, j, bi = 0, bj = 0;
  double best = -1;
  int rc = 0, capped = 0, cap_ij = 0;
  if (!name1 || !name2 || !score)
    return idt_error_set(IDT_EINVAL, "compare: two names needed");
  if (explanation)
    *explanation = NULL;
  if (mode == IDT_SCREEN_MODE_OFAC) {
    *score = sc_ofac_score(name1, name2) / 100.0;
    if (explanation) {
      idt_buf eb;
      idt_buf_init(&eb, 4096);
      idt_buf_printf(&eb, "OFAC-compatible score %.0f", *score * 100.0);
      *explanation = idt_buf_detach(&eb);
    }
    return 0;
  }
  a = idt_calloc(1, sizeof *a);
  b = idt_calloc(1, sizeof *b);
  if (!a || !b) {
    rc = IDT_ENOMEM;
    goto out;
  }
  b->list_side = 1;
  a->person = b->person = sc && idt_schema_is_a(sc, "Person");
  a->vessel = b->vessel = sc && idt_schema_is_a(sc, "Vessel");
  a->org = b->org = sc && idt_schema_is_a(sc, "Organization");
  if ((rc = sc_qnames_add(a, name1, NULL, 0, NULL, NULL)) < 0)
    goto out;
  if (sc_reg_code(sc, name1))
    a->code_n = a->n;
  if ((rc = sc_qnames_add(b, name2, NULL, 0, NULL, NULL)) < 0 ||
      (rc = sc_qnames_add_acronym(a, sc, name1)) < 0 ||
      (rc = sc_qnames_add_acronym(b, sc, name2)) < 0)
    goto out;
  for (i = 0; i < a->n; i++)
    for (j = 0; j < b->n; j++) {
      double s;
      if (!sc_pairable(&a->names[i], &b->names[j]))
        continue;
      if (sc_acronym_pair(&a->names[i], &b->names[j], &s)) {
        memset(&al, 0, sizeof al);
        al.score = s;
      } else {
        s = sc_name_score(&a->names[i], &b->names[j], &al);
      }
      cap_ij = 0;
      if (i < a->code_n) {
        double v = sc_code_cap(name1, name2, s);
        cap_ij = v < s;
        s = v;
      }
      if (s > best) {
        best = s;
        capped = cap_ij;
        best_al = al;
        bi = i;
        bj = j;
      }
    }
  if (best < 0) {
    *score = 0;
    if (explanation)
      *explanation = idt_strdup("no name tokens to compare");
    goto out;
  }
  *score = sc_entity_score(best, NULL);
  if (explanation) {
    idt_buf eb;
    idt_buf_init(&eb, 4096);
    sc_explain_name(&eb, &a->names[bi], &b->names[bj], &best_al, best);
    if (a->names[bi].weak || b->names[bj].weak)
      idt_buf_puts(&eb, "the organisation's initials, exact");
    if (capped)
      idt_buf_printf(&eb, "; registration %s is not %s", name1, name2);
    *explanation = idt_buf_detach(&eb);
  }
out:
  idt_free(a);
  idt_free(b);
  return rc < 0 ? rc : 0;
}
