/*
 * util.h - small shared helpers: UTF-8 validation (ICU's U8_NEXT), Latin-1
 * to UTF-8, SHA-256 of files (OpenSSL libcrypto), whole-file reads with a
 * cap, and time formatting.
 */
#ifndef IDT_COMMON_UTIL_H
#define IDT_COMMON_UTIL_H
#include <stddef.h>
#include <stdint.h>
#include "common/buf.h"

/* Offset of the first invalid byte, or (size_t)-1 when s is valid UTF-8. */
size_t idt_utf8_invalid_at(const char *s, size_t n);
/* The length of s[0..n) cut to at most max bytes and backed off to a
 * UTF-8 character boundary: a value cut to fit a note or a buffer stays
 * valid UTF-8 (the model stores values as given). */
size_t idt_utf8_prefix(const char *s, size_t n, size_t max);
/* Append Latin-1 bytes to b as UTF-8. */
int idt_latin1_to_utf8(idt_buf *b, const char *s, size_t n);
/* Lowercase hex SHA-256 (65 bytes with NUL) of a file or a memory block. */
int idt_sha256_file(const char *path, char hex[65]);
void idt_sha256_mem(const void *p, size_t n, char hex[65]);
/* Read a whole file into b (capped by b->max). Errors name the path. */
int idt_read_file(const char *path, idt_buf *b);
/* Trim ASCII whitespace; returns the trimmed slice. */
idt_str idt_trim(const char *s, size_t n);
/* Case-insensitive ASCII prefix test. */
int idt_startswith_ci(const char *s, size_t n, const char *prefix);
/* Current UTC time as ISO 8601 "YYYY-MM-DDTHH:MM:SSZ". */
void idt_now_iso(char out[32]);
#endif
