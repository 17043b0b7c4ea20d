/*
 * screen_io.c - streaming CSV for the screening commands, on libcsv (the
 * Debian package the project links for CSV; hand-written CSV splitting
 * gets quoted newlines wrong).
 */
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "interdict/common.h"
#include "screen_io.h"

#define FIELD_MAX (64 * 1024)

typedef struct rowacc {
  char *f[SCREEN_CSV_MAX_FIELDS];
  size_t n, rec;
  screen_row_fn fn;
  void *ctx;
  int stop;
} rowacc;

static void on_field(void *s, size_t len, void *data)
{
  rowacc *r = data;
  char *v;
  if (r->stop || r->n >= SCREEN_CSV_MAX_FIELDS)
    return;
  if (len > FIELD_MAX)
    len = FIELD_MAX;
  v = idt_malloc(len + 1);
  if (!v) {
    r->stop = -1;
    return;
  }
  memcpy(v, s, len);
  v[len] = 0;
  r->f[r->n++] = v;
}

static void on_row(int c, void *data)
{
  rowacc *r = data;
  size_t i;
  (void)c;
  r->rec++;
  if (!r->stop && r->n)
    r->stop = r->fn(r->ctx, r->f, r->n, r->rec);
  for (i = 0; i < r->n; i++)
    idt_free(r->f[i]);
  r->n = 0;
}

int screen_csv_stream(FILE *f, screen_row_fn fn, void *ctx)
{
  struct csv_parser p;
  rowacc r;
  char buf[65536];
  size_t got;
  memset(&r, 0, sizeof r);
  r.fn = fn;
  r.ctx = ctx;
  if (csv_init(&p, CSV_APPEND_NULL) != 0)
    return -1;
  while (!r.stop && (got = fread(buf, 1, sizeof buf, f)) > 0)
    if (csv_parse(&p, buf, got, on_field, on_row, &r) != got) {
      fprintf(stderr, "interdict: CSV record %zu: %s\n", r.rec + 1,
              csv_strerror(csv_error(&p)));
      r.stop = -1;
    }
  if (!r.stop)
    csv_fini(&p, on_field, on_row, &r);
  for (size_t i = 0; i < r.n; i++)
    idt_free(r.f[i]);
  csv_free(&p);
  return r.stop;
}

void screen_csv_field(FILE *out, const char *s)
{
  if (!s)
    return;
  if (!strpbrk(s, ",\"\n\r")) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

int screen_csv_col(char **hdr, size_t n, const char *name)
{
  size_t i;
  for (i = 0; i < n; i++)
    if (!strcmp(hdr[i], name))
      return (int)i;
  return -1;
}
