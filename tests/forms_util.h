/*
 * forms_util.h - test helpers for name forms (NUL-separated lists from
 * idt_text_name_forms / idt_text_query_forms).
 */
#ifndef IDT_TEST_FORMS_UTIL_H
#define IDT_TEST_FORMS_UTIL_H
#include <string.h>
#include "interdict/text.h"

/* Is want one of the n forms in out? */
static inline int forms_contain(const char *out, int n, const char *want)
{
  const char *p = out;
  int k;
  for (k = 0; k < n; k++, p += strlen(p) + 1)
    if (!strcmp(p, want))
      return 1;
  return 0;
}

/* Does some name form of s equal want? */
static inline int has_form(const char *s, const char *want)
{
  char out[IDT_TEXT_MAX_FORMS * IDT_TEXT_MAX_FORM];
  return forms_contain(out, idt_text_name_forms(s, strlen(s), out, sizeof out), want);
}

/* Does some query-only form of s equal want? */
static inline int has_qform(const char *s, const char *want)
{
  char out[IDT_TEXT_MAX_FORMS * IDT_TEXT_MAX_FORM];
  return forms_contain(out, idt_text_query_forms(s, strlen(s), out, sizeof out), want);
}

#endif
