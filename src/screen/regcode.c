/*
 * regcode.c - an aircraft named by its registration (EP-MMH, N123AB,
 * 4X-ABC) is compared as a code, not as a name.
 *
 * Registrations are letters picked in sequence, not words: Mahan Air's
 * EP-MMA, EP-MMB ... EP-MMH are different aircraft. The name scorer's
 * variant rules (consonant skeletons for abjad spellings, transliteration
 * keys, one-letter typos) would read EP-MMH ~ EP-MHA as 0.93. So a query
 * Airplane whose name is code-shaped keeps its name score only against a
 * list name that is the same code (letters and digits, case aside: RA-73001
 * is RA73001, scored 1 however the hyphen split the tokens); any
 * other list name scores at most SC_CODE_CAP, below every threshold a
 * user would set. The code also goes to the identifier index (run.c), so
 * the aircraft registered as EP-MMH is found whatever its listed name.
 */
#include <ctype.h>
#include <string.h>
#include "screen/regcode.h"

int sc_code_shaped(const char *s)
{
  size_t n = 0;
  int mark = 0;
  if (!s)
    return 0;
  for (; *s; s++, n++) {
    if (*s == '-' || isdigit((unsigned char)*s))
      mark = 1;
    else if (!isalpha((unsigned char)*s))
      return 0;
  }
  return mark && n >= 4 && n <= 16;
}

int sc_reg_code(const idt_schema *s, const char *raw)
{
  return s && idt_schema_is_a(s, "Airplane") && sc_code_shaped(raw);
}

/* The next letter or digit of s, lower case; 0 at the end. */
static int code_next(const char **s)
{
  while (**s && !isalnum((unsigned char)**s))
    (*s)++;
  return **s ? tolower((unsigned char)*(*s)++) : 0;
}

int sc_code_same(const char *a, const char *b)
{
  int x, y;
  if (!a || !b)
    return 0;
  do {
    x = code_next(&a);
    y = code_next(&b);
  } while (x == y && x);
  return x == y;
}

double sc_code_cap(const char *code, const char *listed, double s)
{
  if (sc_code_same(code, listed))
    return 1.0;   /* RA-73001 is RA73001: the same code, however split */
  return s > SC_CODE_CAP ? SC_CODE_CAP : s;
}
