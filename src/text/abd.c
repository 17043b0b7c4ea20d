/*
 * abd.c - the 'Abd al- prefix of Arabic theophoric names ('Abd al-Rahman,
 * "servant of the Merciful"), however Latin letters write it: abd, then
 * an article, assimilated or not (abdul, abdel, abdal, abdol, abdoul,
 * abdil, abdur, abdus, abdash ...). One table for the text pipeline, which
 * joins the prefix to the name that follows (forms.c), and for the
 * scorer, which compares two such names on what follows it (variant.c).
 */
#include <string.h>
#include "interdict/text.h"
#include "text/text_int.h"

/* longest first: abdash is abd + ash, not abd + as */
static const char *const articles[] = {
  "oul", "ash", "ul", "el", "al", "ol", "il", "ur", "us", "ar", "as", "ad", "an", "az",
};

int idt__text_abd_article(const char *s, size_t n)
{
  size_t k;
  for (k = 0; k < sizeof articles / sizeof *articles; k++)
    if (strlen(articles[k]) == n && !memcmp(articles[k], s, n))
      return 1;
  return 0;
}

size_t idt_text_abd_prefix(const char *s, size_t n, size_t rest)
{
  size_t k;
  if (n < 3 + rest || memcmp(s, "abd", 3))
    return 0;
  for (k = 0; k < sizeof articles / sizeof *articles; k++) {
    size_t l = strlen(articles[k]);
    if (n >= 3 + l + rest && !memcmp(s + 3, articles[k], l))
      return 3 + l;
  }
  return 3;
}
