/*
 * kin.h - patronymics and "son of" links in names (internal to
 * src/screen: kin.c; score.c applies them).
 */
#ifndef IDT_SCREEN_KIN_H
#define IDT_SCREEN_KIN_H
#include "screen/merge.h"

/* An East Slavic patronymic (-ovich, -evna, -ivna ...: lowercase ASCII)? */
int sc_patronymic(const char *s, size_t n);
/* A kinship link word: bin, ibn, ben, bint, binti, ould? */
int sc_kin_word(const char *s, size_t n);

/* Is term t a kinship link (marked once a term by sc_term_init)? */
static inline int sc_is_kin(const sc_term *t)
{
  return t->particle == SC_PARTICLE_KIN;
}

/* Does candidate side c state the reverse of one of query side q's
 * "X bin Y" links, given the alignment qm (query token -> candidate
 * token, -1 unmatched)? */
int sc_kin_swapped(const side *q, const side *c, const int *qm);
#endif
