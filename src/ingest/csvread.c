/*
 * csvread.c - libcsv behind a row callback with line numbers and caps.
 *
 * libcsv (Debian libcsv3) is an RFC 4180 push parser: it handles quoted
 * fields, doubled quotes and embedded newlines, and in strict mode reports a
 * stray quote or an unterminated quoted field instead of guessing. It has no
 * notion of lines, so the text is fed one physical line at a time and the
 * line where each record starts is remembered for messages. Its buffers go
 * through idt_realloc/idt_free so the OOM sweep reaches them. Hand-splitting
 * on commas was rejected: OFAC names contain commas and quotes.
 */
#include <csv.h>
#include <string.h>
#include "ingest/ingest_int.h"
#include "common/util.h"

_Thread_local const idt_ingest_opts *idt__csv_progress;

#define PROGRESS_STEP ((size_t)256 << 10)
#define MAX_FIELDS 512
#define MAX_FIELD  ((size_t)1 << 20)

typedef struct reader {
  const char *name;
  idt__csv_row_fn fn;
  void *ctx;
  idt_buf rec;                 /* fields, NUL-separated */
  size_t off[MAX_FIELDS], len[MAX_FIELDS];
  const char *ptr[MAX_FIELDS];
  size_t nf;
  size_t line, rec_line;       /* current physical line; record start */
  int rc;                      /* first error; stops the parse */
} reader;

static void on_field(void *s, size_t n, void *data)
{
  reader *r = data;
  int rc;
  if (r->rc)
    return;
  if (r->nf == 0)
    idt_buf_clear(&r->rec);
  if (r->nf >= MAX_FIELDS) {
    r->rc = idt_error_set(IDT_EPARSE, "%s:%zu: more than %d fields",
                          r->name, r->rec_line, MAX_FIELDS);
    return;
  }
  if (n > MAX_FIELD) {
    r->rc = idt_error_set(IDT_ELIMIT, "%s:%zu: field %zu: longer than %zu "
                          "bytes", r->name, r->rec_line, r->nf + 1, MAX_FIELD);
    return;
  }
  r->off[r->nf] = r->rec.len;
  r->len[r->nf] = n;
  if ((rc = idt_buf_append(&r->rec, s ? s : "", s ? n : 0)) ||
      (rc = idt_buf_putc(&r->rec, '\0'))) {
    r->rc = rc;
    return;
  }
  r->nf++;
}

static void on_record(int c, void *data)
{
  reader *r = data;
  idt__csv_row row;
  size_t i;
  (void)c;
  if (r->rc)
    return;
  for (i = 0; i < r->nf; i++)
    r->ptr[i] = r->rec.p + r->off[i];
  row.f = r->ptr;
  row.len = r->len;
  row.nf = r->nf;
  row.line = r->rec_line;
  if (r->nf)
    r->rc = r->fn(r->ctx, &row);
  r->nf = 0;
  r->rec_line = r->line + 1;
}

static void *lib_realloc(void *p, size_t n) { return idt_realloc(p, n); }
static void lib_free(void *p) { idt_free(p); }

static int csv_fail(reader *r, struct csv_parser *p, const char *what)
{
  if (csv_error(p) == CSV_ENOMEM)
    return idt_error_set(IDT_ENOMEM, "%s:%zu: out of memory", r->name,
                         r->line);
  return idt_error_set(IDT_EPARSE, "%s:%zu: field %zu: %s (record from line "
                       "%zu)", r->name, r->line, r->nf + 1, what,
                       r->rec_line);
}

int idt__csv_parse(const char *name, const char *p, size_t n,
                   idt__csv_row_fn fn, void *ctx)
{
  struct csv_parser cp;
  reader *r;
  size_t pos = 0, reported = 0;
  int rc = 0;

  /* DOS end-of-file marker (0x1A) that the OFAC files end with. */
  while (n && p[n - 1] == 0x1A)
    n--;
  if (!(r = idt_calloc(1, sizeof *r)))
    return IDT_ENOMEM;
  r->name = name;
  r->fn = fn;
  r->ctx = ctx;
  r->line = 1;
  r->rec_line = 1;
  idt_buf_init(&r->rec, (size_t)MAX_FIELDS * (MAX_FIELD + 1));
  if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    idt_free(r);
    return idt_error_set(IDT_ENOMEM, "%s: cannot start the CSV parser", name);
  }
  csv_set_realloc_func(&cp, lib_realloc);
  csv_set_free_func(&cp, lib_free);
  while (pos < n && !r->rc) {
    const char *nl = memchr(p + pos, '\n', n - pos);
    size_t len = nl ? (size_t)(nl - (p + pos)) + 1 : n - pos;
    if (csv_parse(&cp, p + pos, len, on_field, on_record, r) != len) {
      rc = r->rc ? r->rc
                 : csv_fail(r, &cp, "stray quote or malformed quoted field");
      break;
    }
    pos += len;
    if (nl)
      r->line++;
    if (idt__csv_progress && pos - reported >= PROGRESS_STEP) {
      idt__ingest_progress(idt__csv_progress, pos, n);
      reported = pos;
    }
  }
  if (!rc && r->rc)
    rc = r->rc;
  if (!rc) {
    if (r->line > 1 && n && p[n - 1] == '\n')
      r->line--;
    if (csv_fini(&cp, on_field, on_record, r) != 0)
      rc = csv_fail(r, &cp, "unterminated quoted field (truncated file?)");
    else
      rc = r->rc;
  }
  csv_free(&cp);
  idt_buf_free(&r->rec);
  idt_free(r);
  return rc;
}

idt_str idt__csv_field(const idt__csv_row *r, size_t i)
{
  idt_str s = { "", 0 };
  if (i >= r->nf)
    return s;
  s = idt_trim(r->f[i], r->len[i]);
  if (s.len == 3 && memcmp(s.p, "-0-", 3) == 0)
    s.len = 0;
  return s;
}
