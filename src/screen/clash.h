/*
 * clash.h - substituted names, legal forms of two kinds and organisations
 * of the same trade in an alignment (internal to src/screen: clash.c;
 * score.c applies them).
 */
#ifndef IDT_SCREEN_CLASH_H
#define IDT_SCREEN_CLASH_H
#include "screen/merge.h"

/* x the name score when a name is substituted: 0.9 x 0.7 + 0.05 < 0.70,
 * names alone stay below the threshold (score.c, explain.c) */
#define SC_SUBST_FACTOR 0.7

/* qm, cm: the alignment (query token -> candidate token and back, < 0
 * unmatched). Is a name (a word, number or initial, not a legal form or
 * particle) left unmatched on each side? */
int sc_substituted(const side *q, const int *qm, const side *c, const int *cm);
/* Are legal forms of two kinds (llc, jsc, plc, lp) left unmatched on
 * each side? */
int sc_legal_clash(const side *q, const int *qm, const side *c, const int *cm);
/* Do two organisations' names agree on descriptive words only (bank,
 * trading), their own words (places only on the query side) left
 * unmatched or matched below 0.6? sim: the alignment's cells. */
int sc_org_rest(const side *q, const int *qm, const side *c, const int *cm,
                double sim[][SC_MAX_TOKS]);
#endif
