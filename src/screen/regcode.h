/*
 * regcode.h - registration codes as aircraft names (internal to
 * src/screen; regcode.c says why).
 */
#ifndef IDT_SCREEN_REGCODE_H
#define IDT_SCREEN_REGCODE_H
#include "interdict/model.h"

/* The most a list name other than the query's registration scores. */
#define SC_CODE_CAP 0.5

/* One run of 4 to 16 letters, digits and hyphens holding a digit or a
 * hyphen (EP-MMH, N123AB, 9187629): a registration or hull number. */
int sc_code_shaped(const char *s);
/* Is raw, the name of a query of schema s, a registration to compare as
 * a code (an Airplane's code-shaped name)? */
int sc_reg_code(const idt_schema *s, const char *raw);
/* Are a and b the same code: the same letters and digits, case aside? */
int sc_code_same(const char *a, const char *b);
/* Name score s of registration code against list name listed: 1 when the
 * two are the same code, else s capped at SC_CODE_CAP. */
double sc_code_cap(const char *code, const char *listed, double s);
#endif
