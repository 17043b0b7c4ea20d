/*
 * test_server_jsonw.c - the server's JSON writer (src/server/jsonw.c), which
 * /match uses instead of building and encoding a jansson tree, must write
 * byte for byte what jansson's json_dumps(JSON_COMPACT |
 * JSON_REAL_PRECISION(12)) writes for the same strings, reals and values:
 * the /match responses stay the same bytes. Compared on fixed edge cases
 * and on pseudo-random strings and doubles.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "xorshift.h"
#include "server/server_int.h"

/* jansson's encoding of a value as a one-element array, brackets removed. */
static char *jansson_of(json_t *v)
{
  json_t *a = json_array();
  char *t, *r;
  size_t n;
  json_array_append_new(a, v);
  t = json_dumps(a, IDT_SRV_JSON_FLAGS);
  json_decref(a);
  if (!t)
    return NULL;
  n = strlen(t);
  r = idt_malloc(n);
  memcpy(r, t + 1, n - 2);
  r[n - 2] = 0;
  free(t);
  return r;
}

static int same_str(const char *s, size_t n)
{
  idt_buf b;
  char *want = jansson_of(json_stringn(s, n));
  int ok;
  idt_buf_init(&b, IDT_BUF_MAX_DEFAULT);
  ok = want && idt__jw_strn(&b, s, n) == 0 && b.len == strlen(want) && !memcmp(b.p, want, b.len);
  if (!ok)
    tap_diag("string of %zu bytes: ours %.*s, jansson %s", n, (int)b.len, b.p ? b.p : "",
             want ? want : "(null)");
  idt_buf_free(&b);
  idt_free(want);
  return ok;
}

static int same_real(double v)
{
  idt_buf b;
  char *want = jansson_of(json_real(v));
  int ok;
  idt_buf_init(&b, IDT_BUF_MAX_DEFAULT);
  ok = want && idt__jw_real(&b, v) == 0 && b.len == strlen(want) && !memcmp(b.p, want, b.len);
  if (!ok)
    tap_diag("real %.17g: ours %.*s, jansson %s", v, (int)b.len, b.p ? b.p : "",
             want ? want : "(null)");
  idt_buf_free(&b);
  idt_free(want);
  return ok;
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next(void)
{
  return xorshift64(&rng);
}

TEST(strings_fixed)
{
  static const char *const cases[] = {
    "", "plain", "quote \" backslash \\ slash /", "\b\f\n\r\t", "\x01\x1f\x7f",
    "<script>alert(1)</script>", "é 金正恩 Ким Чен Ын \xF0\x9F\x98\x80", "a\xE2\x80\xA8z",
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    CHECK(same_str(cases[i], strlen(cases[i])));
  CHECK(same_str("nul\0inside", 10));
}

TEST(strings_random_utf8)
{
  /* valid UTF-8 built from random code points, controls and quotes often */
  int k;
  for (k = 0; k < 3000; k++) {
    char s[256];
    size_t n = 0;
    while (n < sizeof s - 8 && next() % 24) {
      uint32_t r = (uint32_t)next(), cp;
      switch (r % 6) {
      case 0: cp = r >> 8 & 0x1f; break;
      case 1: cp = "\"\\/<>&'"[(r >> 8) % 7]; break;
      case 2: cp = 0x20 + (r >> 8) % 0x60; break;
      case 3: cp = 0x80 + (r >> 8) % 0x780; break;
      case 4: cp = 0x800 + (r >> 8) % 0xF800; break;
      default: cp = 0x10000 + (r >> 8) % 0x100000; break;
      }
      if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 'x';
      if (cp < 0x80) {
        s[n++] = (char)cp;
      } else if (cp < 0x800) {
        s[n++] = (char)(0xC0 | cp >> 6); s[n++] = (char)(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        s[n++] = (char)(0xE0 | cp >> 12); s[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
        s[n++] = (char)(0x80 | (cp & 0x3F));
      } else {
        s[n++] = (char)(0xF0 | cp >> 18); s[n++] = (char)(0x80 | (cp >> 12 & 0x3F));
        s[n++] = (char)(0x80 | (cp >> 6 & 0x3F)); s[n++] = (char)(0x80 | (cp & 0x3F));
      }
    }
    CHECK(idt__jw_utf8_ok(s, n));
    if (!same_str(s, n)) {
      CHECK(!"random string differs from jansson");
      break;
    }
  }
}

/* jansson refuses these; the writer must still write valid JSON. */
TEST(strings_invalid_utf8)
{
  static const char *const bad[] = {
    "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "ab\xE2\x82", "\xFF", "\x80x",
  };
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    idt_buf b;
    json_t *back;
    CHECK(!idt__jw_utf8_ok(bad[i], strlen(bad[i])));
    idt_buf_init(&b, IDT_BUF_MAX_DEFAULT);
    CHECK_INT(idt__jw_str(&b, bad[i]), 0);
    back = json_loadb(b.p, b.len, JSON_DECODE_ANY, NULL);
    CHECK(json_is_string(back));
    CHECK(idt__jw_utf8_ok(b.p, b.len));
    CHECK(strstr(b.p, "\xEF\xBF\xBD") != NULL);
    json_decref(back);
    idt_buf_free(&b);
  }
}

TEST(reals)
{
  static const double cases[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 0.865, 0.1 + 0.2, 0.9 * 0.97 + 0.05, -0.15, 1e-5, 1.5e-7,
    -2.5e-10, 1e15, 1e16, 1e17, 123456789012.0, 1234567890123.0, 1e300, -1e-300, 5e-324,
    0.70, 0.9999999999999, 3.14159265358979,
  };
  size_t i;
  int k;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    CHECK(same_real(cases[i]));
  for (k = 0; k < 20000; k++) {
    uint64_t bits = next();
    double v;
    if (k % 2) {
      v = (double)(next() % 100000) / 10000.0 - 2.0;   /* scores and features */
    } else {
      memcpy(&v, &bits, sizeof v);
      if (!isfinite(v))
        continue;
    }
    if (!same_real(v)) {
      CHECK(!"random double differs from jansson");
      break;
    }
  }
}

TEST(values)
{
  json_t *v = json_pack("{s:s,s:[i,f,b,n],s:{}}", "a", "x<y", "b", 42, 0.25, 1, "c");
  char *want = json_dumps(v, IDT_SRV_JSON_FLAGS);
  idt_buf b;
  idt_buf_init(&b, IDT_BUF_MAX_DEFAULT);
  CHECK_INT(idt__jw_json(&b, v), 0);
  CHECK_STR(b.p, want);
  idt_buf_clear(&b);
  CHECK_INT(idt__jw_json(&b, NULL), 0);
  CHECK_STR(b.p, "null");
  idt_buf_clear(&b);
  CHECK_INT(idt__jw_str(&b, NULL), 0);
  CHECK_STR(b.p, "null");
  idt_buf_free(&b);
  free(want);
  json_decref(v);
}

int main(void)
{
  RUN(strings_fixed);
  RUN(strings_random_utf8);
  RUN(strings_invalid_utf8);
  RUN(reals);
  RUN(values);
  return tap_done();
}
