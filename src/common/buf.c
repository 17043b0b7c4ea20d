/*
 * buf.c - capped growable buffer. Doubling growth, hard maximum.
 */
#include <stdio.h>
#include <string.h>
#include "interdict/common.h"
#include "common/buf.h"

void idt_buf_init(idt_buf *b, size_t max)
{
  b->p = NULL;
  b->len = b->cap = 0;
  b->max = max ? max : IDT_BUF_MAX_DEFAULT;
}

void idt_buf_free(idt_buf *b)
{
  if (!b)
    return;
  idt_free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

void idt_buf_clear(idt_buf *b)
{
  b->len = 0;
  if (b->p)
    b->p[0] = '\0';
}

static int reserve(idt_buf *b, size_t extra)
{
  size_t need, cap;
  char *p;

  if (extra > b->max || b->len > b->max - extra)
    return idt_error_set(IDT_ELIMIT, "buffer limit of %zu bytes exceeded", b->max);
  need = b->len + extra + 1;
  if (need <= b->cap)
    return 0;
  cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap *= 2;
  if (cap > b->max + 1)
    cap = b->max + 1;
  p = idt_realloc(b->p, cap);
  if (!p)
    return IDT_ENOMEM;
  b->p = p;
  b->cap = cap;
  return 0;
}

int idt_buf_append(idt_buf *b, const void *p, size_t n)
{
  int rc = reserve(b, n);
  if (rc)
    return rc;
  if (n)
    memcpy(b->p + b->len, p, n);
  b->len += n;
  b->p[b->len] = '\0';
  return 0;
}

int idt_buf_puts(idt_buf *b, const char *s) { return idt_buf_append(b, s, strlen(s)); }
int idt_buf_putc(idt_buf *b, char c) { return idt_buf_append(b, &c, 1); }

int idt_buf_vprintf(idt_buf *b, const char *fmt, va_list ap)
{
  va_list cp;
  size_t room = b->cap > b->len ? b->cap - b->len : 0;   /* with the NUL */
  int n, rc;

  /* Format straight into the free space; measure and format again only
   * when it does not fit (formatting twice was half of every call). */
  va_copy(cp, ap);
  n = vsnprintf(room ? b->p + b->len : NULL, room, fmt, cp);
  va_end(cp);
  if (n < 0)
    return idt_error_set(IDT_EINVAL, "bad format");
  if ((size_t)n < room) {
    if ((rc = reserve(b, (size_t)n)) != 0) {   /* only the max can refuse here */
      b->p[b->len] = '\0';
      return rc;
    }
    b->len += (size_t)n;
    return 0;
  }
  if (room)
    b->p[b->len] = '\0';
  rc = reserve(b, (size_t)n);
  if (rc)
    return rc;
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return 0;
}

int idt_buf_printf(idt_buf *b, const char *fmt, ...)
{
  va_list ap;
  int rc;
  va_start(ap, fmt);
  rc = idt_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return rc;
}

int idt_buf_json_str(idt_buf *b, const char *s, size_t n)
{
  static const char hex[] = "0123456789abcdef";
  size_t i, start = 0;
  int rc = idt_buf_putc(b, '"');

  for (i = 0; !rc && i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char esc[7];
    size_t elen = 2;
    if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>')
      continue;
    rc = idt_buf_append(b, s + start, i - start);
    start = i + 1;
    esc[0] = '\\';
    switch (c) {
    case '"': esc[1] = '"'; break;
    case '\\': esc[1] = '\\'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    default: /* control chars, and < > so JSON is safe inside HTML */
      esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
      esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; elen = 6;
    }
    if (!rc)
      rc = idt_buf_append(b, esc, elen);
  }
  if (!rc)
    rc = idt_buf_append(b, s + start, n - start);
  if (!rc)
    rc = idt_buf_putc(b, '"');
  return rc;
}

char *idt_buf_detach(idt_buf *b)
{
  char *p = b->p;
  if (!p)
    p = idt_strdup("");
  b->p = NULL;
  b->len = b->cap = 0;
  return p;
}
