/*
 * ofac.h - the OFAC-compatible score (ofac.c) with the parts that make it,
 * so a caller can say which of OFAC's two techniques carried a score.
 */
#ifndef IDT_SCREEN_OFAC_H
#define IDT_SCREEN_OFAC_H

typedef struct sc_ofac_why {
  double whole;   /* Jaro-Winkler of the two squeezed names, 0..100 */
  double parts;   /* mean over the query's name parts of their best, 0..100 */
  int listed;     /* 0: no pair of name parts passes OFAC's pre-filter, so
                     OFAC would not list the name (whole and parts are 0) */
} sc_ofac_why;

/* As sc_ofac_score (the larger of why->whole and why->parts, or 0 when
 * not listed); why may be NULL. */
double sc_ofac_score_why(const char *query, const char *cand, sc_ofac_why *why);

#endif
