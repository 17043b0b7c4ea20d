/*
 * jsonw.c - JSON written straight into a buffer, byte for byte as jansson's
 * json_dumps(JSON_COMPACT | JSON_REAL_PRECISION(12)) writes the same
 * values, so that /match can stream its response instead of building a
 * jansson tree, encoding it and freeing it (35 % of a request's
 * instructions, docs/design/server.md "CPU per /match").
 *
 * Strings: '"' '\\' and the C0 controls are escaped as jansson does
 * (\b \f \n \r \t, else \u00XX in upper case); everything else, UTF-8
 * included, is copied. jansson refuses invalid UTF-8 (json_string returns
 * NULL); here each byte of an invalid sequence becomes U+FFFD, so a bad
 * byte in list data can never make the response invalid JSON.
 * tests/test_server_jsonw.c compares every function with jansson.
 */
#include <stdio.h>
#include <string.h>
#include <unicode/utf8.h>
#include "server/server_int.h"
#include "common/util.h"

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid.
 * ICU's U8_NEXT (as idt_utf8_invalid_at) has jansson's rules: no overlong
 * forms, no surrogates, at most U+10FFFF. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
  int32_t i = 0, len = n > 4 ? 4 : (int32_t)n;
  UChar32 c;
  U8_NEXT(s, i, len, c);
  return c < 0 ? 0 : (size_t)i;
}

int idt__jw_utf8_ok(const char *s, size_t n)
{
  return idt_utf8_invalid_at(s, n) == (size_t)-1;
}

int idt__jw_strn(idt_buf *b, const char *s, size_t n)
{
  static const char hex[] = "0123456789ABCDEF";
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, start = 0, k;
  int rc = idt_buf_putc(b, '"');
  while (!rc && i < n) {
    char esc[7];
    size_t elen = 2;
    unsigned char c = u[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0x80 && (k = utf8_len(u + i, n - i))) {
      i += k;
      continue;
    }
    rc = idt_buf_append(b, s + start, i - start);
    esc[0] = '\\';
    switch (c) {
    case '"': esc[1] = '"'; break;
    case '\\': esc[1] = '\\'; break;
    case '\b': esc[1] = 'b'; break;
    case '\f': esc[1] = 'f'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    default:
      if (c >= 0x80) {             /* invalid UTF-8: U+FFFD */
        memcpy(esc, "\xEF\xBF\xBD", 3);
        elen = 3;
      } else {
        esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
        esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; elen = 6;
      }
    }
    if (!rc)
      rc = idt_buf_append(b, esc, elen);
    start = ++i;
  }
  if (!rc)
    rc = idt_buf_append(b, s + start, n - start);
  if (!rc)
    rc = idt_buf_putc(b, '"');
  return rc;
}

int idt__jw_str(idt_buf *b, const char *s)
{
  return s ? idt__jw_strn(b, s, strlen(s)) : idt_buf_puts(b, "null");
}

/* jansson's jsonp_dtostr: "%.12g", ".0" when it reads as an integer, the
 * exponent without '+' and leading zeros. */
int idt__jw_real(idt_buf *b, double v)
{
  char t[48], *e, *from, *to;
  int n = snprintf(t, sizeof t - 3, "%.12g", v);
  size_t len;
  if (n < 0 || (size_t)n >= sizeof t - 3)
    return idt_buf_puts(b, "null");
  for (e = t; *e; e++)
    if (*e == ',')                 /* a locale's decimal comma */
      *e = '.';
  len = (size_t)n;
  if (strspn(t, "0123456789-") == len) {
    memcpy(t + len, ".0", 3);
    len += 2;
  }
  if ((e = strchr(t, 'e'))) {
    from = to = e + 1;
    if (*from == '+')
      from++;
    else if (*from == '-')
      from = ++to;
    while (*from == '0' && from[1])
      from++;
    if (from != to) {
      memmove(to, from, strlen(from) + 1);
      len = strlen(t);
    }
  }
  return idt_buf_append(b, t, len);
}

static int put_cb(const char *buf, size_t size, void *data)
{
  return idt_buf_append(data, buf, size) ? -1 : 0;
}

int idt__jw_json(idt_buf *b, const json_t *v)
{
  if (!v)
    return idt_buf_puts(b, "null");
  return json_dump_callback(v, put_cb, b, IDT_SRV_JSON_FLAGS | JSON_ENCODE_ANY) ? IDT_ENOMEM
                                                                                 : 0;
}
