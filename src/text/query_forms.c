/*
 * query_forms.c - the forms a name gets only as a query
 * (idt_text_query_forms): Wade-Giles read in pinyin (wade_giles.c) and an
 * acronym written with its country ("PLA China": acronym.c).
 *
 * Why not list names too: converting the lists' Wade-Giles names (CHOU
 * Hsien Cheng -> zhou xian zheng) made Chinese names in yente's 50,000
 * negatives that share two of three syllables with them alert (75 -> 80
 * alerts, all of them such pairs), because the scorer has no signal yet to
 * tell a common Chinese name sharing two syllables from the same person.
 * A query in Wade-Giles meets lists that mostly also give the pinyin.
 */
#include <string.h>
#include "text/text_int.h"
#include "common/buf.h"

int idt_text_query_forms(const char *s, size_t n, char *out, size_t cap)
{
  idt__forms f;
  idt_buf b;
  if (idt__forms_init(&f, out, cap) < 0)
    return IDT_EINVAL;
  idt_buf_init(&b, 2 * n + 64);
  if (idt__text_wade_giles(s, n, &b) > 0)
    (void)idt__text_add_form(b.p, b.len, &f);
  idt_buf_free(&b);
  idt__text_acronym_query_form(s, n, &f);
  return f.n;
}
