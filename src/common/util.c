/*
 * util.c - see util.h. SHA-256 via libcrypto's EVP interface: checksums of
 * list files identify versions, so they must be a real cryptographic hash.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <time.h>
#include <openssl/evp.h>
#include <unicode/utf8.h>
#include "interdict/common.h"
#include "common/util.h"

size_t idt_utf8_prefix(const char *s, size_t n, size_t max)
{
  if (n <= max)
    return n;
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
    max--;
  return max;
}

size_t idt_utf8_invalid_at(const char *s, size_t n)
{
  int32_t i = 0, len;
  UChar32 c;
  if (n > INT32_MAX)
    n = INT32_MAX;
  len = (int32_t)n;
  while (i < len) {
    int32_t at = i;
    U8_NEXT(s, i, len, c);
    if (c < 0)
      return (size_t)at;
  }
  return (size_t)-1;
}

int idt_latin1_to_utf8(idt_buf *b, const char *s, size_t n)
{
  size_t i;
  int rc = 0;
  for (i = 0; i < n && !rc; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      rc = idt_buf_putc(b, (char)c);
    } else {
      char two[2] = { (char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F)) };
      rc = idt_buf_append(b, two, 2);
    }
  }
  return rc;
}

static void to_hex(const unsigned char *md, unsigned len, char hex[65])
{
  static const char digits[] = "0123456789abcdef";
  unsigned i;
  for (i = 0; i < len && i < 32; i++) {
    hex[2 * i] = digits[md[i] >> 4];
    hex[2 * i + 1] = digits[md[i] & 15];
  }
  hex[2 * i] = '\0';
}

void idt_sha256_mem(const void *p, size_t n, char hex[65])
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_Digest(p, n, md, &len, EVP_sha256(), NULL);
  to_hex(md, len, hex);
}

int idt_sha256_file(const char *path, char hex[65])
{
  unsigned char md[EVP_MAX_MD_SIZE], chunk[65536];
  unsigned len = 0;
  size_t n;
  int rc = 0;
  FILE *f = fopen(path, "rb");
  EVP_MD_CTX *ctx;

  if (!f)
    return idt_error_set(IDT_EIO, "%s: %s", path, strerror(errno));
  ctx = EVP_MD_CTX_new();
  if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
    rc = idt_error_set(IDT_ENOMEM, "%s: cannot start SHA-256", path);
    goto out;
  }
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    EVP_DigestUpdate(ctx, chunk, n);
  if (ferror(f)) {
    rc = idt_error_set(IDT_EIO, "%s: read error", path);
    goto out;
  }
  EVP_DigestFinal_ex(ctx, md, &len);
  to_hex(md, len, hex);
out:
  EVP_MD_CTX_free(ctx);
  fclose(f);
  return rc;
}

int idt_read_file(const char *path, idt_buf *b)
{
  char chunk[65536];
  size_t n;
  int rc = 0;
  FILE *f = fopen(path, "rb");
  if (!f)
    return idt_error_set(IDT_EIO, "%s: %s", path, strerror(errno));
  while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
    rc = idt_buf_append(b, chunk, n);
  if (!rc && ferror(f))
    rc = idt_error_set(IDT_EIO, "%s: read error", path);
  else if (rc == IDT_ELIMIT)
    idt_error_set(rc, "%s: larger than %zu bytes", path, b->max);
  fclose(f);
  if (!rc && !b->p)
    rc = idt_buf_append(b, "", 0);
  return rc;
}

idt_str idt_trim(const char *s, size_t n)
{
  idt_str r;
  while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
    s++;
    n--;
  }
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
               s[n - 1] == '\n'))
    n--;
  r.p = s;
  r.len = n;
  return r;
}

int idt_startswith_ci(const char *s, size_t n, const char *prefix)
{
  size_t pl = strlen(prefix);
  return n >= pl && strncasecmp(s, prefix, pl) == 0;
}

void idt_now_iso(char out[32])
{
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
