/*
 * byte_index.c - a small static table's rows grouped by first byte, so a
 * token is compared only with the rows that start like it (legal forms,
 * number words). A stable counting sort: rows keep their order within a
 * byte. Each user keeps one per thread, built on first use (no locks, no
 * heap).
 */
#include <string.h>
#include "text/text_int.h"

void idt__byte_index_build(idt__byte_index *x, const char *(*key)(size_t i), size_t n,
                           const char *stop)
{
  size_t i, c, at = 0;
  if (n > sizeof x->order)
    n = sizeof x->order;   /* callers assert their table fits */
  for (c = 0; c < 128; c++) {
    x->start[c] = (unsigned char)at;
    for (i = 0; i < n; i++)
      if ((unsigned char)key(i)[0] == c)
        x->order[at++] = (unsigned char)i;
  }
  x->start[128] = (unsigned char)at;
  for (i = 0; i < n; i++)
    x->len[i] = (unsigned char)strcspn(key(i), stop);
  x->built = 1;
}
