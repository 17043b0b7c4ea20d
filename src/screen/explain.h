/*
 * explain.h - evidence and explanations (internal to src/screen).
 */
#ifndef IDT_SCREEN_EXPLAIN_H
#define IDT_SCREEN_EXPLAIN_H
#include "screen/screen_int.h"
#include "common/buf.h"

/* Qualifier contributions of one hit. */
typedef struct sc_quals {
  double dob, country, gender, ident;
  const char *dob_note, *country_note, *gender_note, *ident_note;
  char dob_val[16], country_val[16], ident_val[96];
} sc_quals;

/* Entity score from the best name score and the qualifiers (NULL: none):
 * 0.9 x name + 0.05 + dob + country + gender, or an identifier hit's
 * 0.97 + 0.03 x name; clamped to [0,1]. */
double sc_entity_score(double name, const sc_quals *qu);

/* One line: "name 'kim jong un' ~ 'kim jong-un' 0.97: kim=kim ..." */
void sc_explain_name(idt_buf *b, const sc_name *q, const sc_name *c,
                     const sc_align *al, double score);
/* Evidence JSON object for a hit. */
void sc_evidence_json(idt_buf *b, const sc_name *q, const sc_name *c,
                      const sc_align *al, double name, const sc_quals *qu,
                      double total);
/* Human explanation line for a hit. */
void sc_explain_hit(idt_buf *b, const sc_name *q, const sc_name *c,
                    const sc_align *al, double name, const sc_quals *qu);
#endif
