/*
 * qual.h - qualifier comparisons (internal to src/screen).
 */
#ifndef IDT_SCREEN_QUAL_H
#define IDT_SCREEN_QUAL_H
#include <stdio.h>
#include "screen/explain.h"

/* ISO 3166 alpha-2 (lowercase) for a code or an English country name. */
int sc_country_code(const char *s, char code[3]);
void sc_qual_dob(sc_quals *qu, const char *q, const char *const *dobs, size_t n);
void sc_qual_country(sc_quals *qu, const char *q, const char *const *cs, size_t n);
void sc_qual_gender(sc_quals *qu, const char *q, const char *g);
#endif
