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
/* The features of a hit in evidence order ("name", the identifier kind,
 * "birthDate", "country", "gender"): what evidence "features" lists and
 * idt_screen_hit.features carries. Returns how many (<= SC_MAX_FEATURES). */
#define SC_MAX_FEATURES 5
typedef struct sc_feature {
  const char *name, *value;
  double contribution;
} sc_feature;
size_t sc_features(const sc_name *q, const sc_name *c, double name, const sc_quals *qu,
                   sc_feature out[SC_MAX_FEATURES]);
/* Evidence JSON object for a hit. */
void sc_evidence_json(idt_buf *b, const sc_name *q, const sc_name *c,
                      const sc_align *al, double name, const sc_quals *qu,
                      double total);
/* Human explanation line for a hit. */
void sc_explain_hit(idt_buf *b, const sc_name *q, const sc_name *c,
                    const sc_align *al, double name, const sc_quals *qu);
#endif
