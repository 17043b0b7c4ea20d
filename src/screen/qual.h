/*
 * qual.h - qualifier comparisons (internal to src/screen).
 */
#ifndef IDT_SCREEN_QUAL_H
#define IDT_SCREEN_QUAL_H
#include <stdio.h>
#include "screen/explain.h"

/* ISO 3166 alpha-2 (lowercase) for a code or an English country name. */
int sc_country_code(const char *s, char code[3]);
/* A query's qualifiers resolved once (not once per candidate entity). */
typedef struct sc_qprep {
  const char *dob;           /* NULL: none or unparsable */
  int qy, qm, qd;
  const char *country;       /* NULL: none or unknown */
  char cc[3];
} sc_qprep;
void sc_qual_prep(sc_qprep *p, const char *dob, const char *country);
void sc_qual_dob(sc_quals *qu, const sc_qprep *p, const char *const *dobs, size_t n);
void sc_qual_country(sc_quals *qu, const sc_qprep *p, const char *const *cs, size_t n);
void sc_qual_gender(sc_quals *qu, const char *q, const char *g);
#endif
