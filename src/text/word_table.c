/*
 * word_table.c - the words of an organisation's name translated by a
 * table (han_org.c for Chinese, ko_org.c for Korean): when the name holds
 * one of the markers, each table word found (the first row that matches
 * at a position, so a longer row goes before one it contains) is written
 * in English between blanks and every other character is copied; and
 * the look-up of a word in a sorted table that the other word lists share.
 */
#include <stdlib.h>
#include <string.h>
#include "text/text_int.h"

static int cmp_word(const void *k, const void *e)
{
  return strcmp(k, *(const char *const *)e);
}

int idt__text_in_sorted(const char *w, size_t n, const char *const *tab, size_t ntab,
                        size_t cap)
{
  char k[64];
  if (!w || !n || n >= cap || n >= sizeof k)
    return 0;
  memcpy(k, w, n);
  k[n] = 0;
  return bsearch(k, tab, ntab, sizeof *tab, cmp_word) != NULL;
}

static int has(const char *s, size_t n, const char *w)
{
  size_t wl = strlen(w), i;
  for (i = 0; i + wl <= n; i++)
    if (!memcmp(s + i, w, wl))
      return 1;
  return 0;
}

/* The row spelt at s (n bytes left), or NULL. */
static const idt__word_row *word_at(const char *s, size_t n, const idt__word_row *rows,
                                    size_t nrows)
{
  size_t k;
  for (k = 0; k < nrows; k++) {
    size_t l = strlen(rows[k].src);
    if (l <= n && !memcmp(s, rows[k].src, l))
      return &rows[k];
  }
  return NULL;
}

/* Bytes of the UTF-8 character that starts with byte c (1 for a stray
 * continuation byte, so the walk always advances). */
static size_t char_len(unsigned char c)
{
  return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

int idt__text_word_table(const char *s, size_t n, const idt__word_row *rows, size_t nrows,
                         const char *const *markers, size_t nmarkers, idt_buf *out)
{
  size_t i = 0, k, start = out->len;
  int any = 0, marked = 0, rc = 0;
  for (k = 0; k < nmarkers && !marked; k++)
    marked = has(s, n, markers[k]);
  if (!marked)
    return 0;
  while (i < n && !rc) {
    const idt__word_row *w = word_at(s + i, n - i, rows, nrows);
    size_t cl = char_len((unsigned char)s[i]);
    if (w) {
      rc = idt_buf_printf(out, " %s ", w->en);
      i += strlen(w->src);
      any = 1;
      continue;
    }
    if (cl > n - i)
      cl = n - i;
    rc = idt_buf_append(out, s + i, cl);
    i += cl;
  }
  if ((rc < 0 || !any) && out->p) {
    out->len = start;   /* nothing translated: out as it was */
    out->p[start] = 0;
  }
  return rc < 0 ? rc : any;
}
