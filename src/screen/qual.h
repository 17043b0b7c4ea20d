/*
 * qual.h - qualifier comparisons (internal to src/screen).
 */
#ifndef IDT_SCREEN_QUAL_H
#define IDT_SCREEN_QUAL_H
#include <stdint.h>
#include <stdio.h>
#include "screen/explain.h"

/* ISO 3166 alpha-2 (lowercase) for a code or an English country name. */
int sc_country_code(const char *s, char code[3]);
/* A query's qualifiers resolved once (not once per candidate entity). */
typedef struct sc_qprep {
  const char *dob;           /* NULL: none or unparsable (as written) */
  char iso[11];              /* dob in ISO 8601, when written otherwise */
  int qy, qm, qd;
  const char *country;       /* NULL: none or unknown */
  char cc[3];
  uint16_t ck;               /* cc packed (sc_country_key) */
} sc_qprep;
void sc_qual_prep(sc_qprep *p, const char *dob, const char *country);
/* List values resolved once, when the index is built: a date's key
 * (y x 10000 + m x 100 + d, month and day 0 when absent; -1 unparsable)
 * and a country's code packed in 16 bits (0: unknown). */
int32_t sc_date_key(const char *s);
uint16_t sc_country_key(const char *s);
/* The qualifiers against an entity's keys. They set the scores and notes
 * only; sc_qual_vals copies the query's values for the evidence (hits
 * only, not every candidate). */
void sc_qual_dob(sc_quals *qu, const sc_qprep *p, const int32_t *dobs, size_t n);
void sc_qual_country(sc_quals *qu, const sc_qprep *p, const uint16_t *cs, size_t n);
void sc_qual_vals(sc_quals *qu, const sc_qprep *p);
void sc_qual_gender(sc_quals *qu, const char *q, const char *g);
#endif
