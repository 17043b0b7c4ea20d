/*
 * interdict/common.h - error codes, the last-error channel and the allocator.
 *
 * Every fallible function in libinterdict returns int: 0 on success or a
 * negative IDT_E* code. The detail (file, line, field, why) goes to a
 * thread-local last error that idt_error_msg() returns until the next error
 * is set on the same thread. The library never aborts on bad input or OOM.
 *
 * All heap traffic goes through idt_malloc/idt_realloc/idt_free so that an
 * allocation-failure sweep (idt_alloc_fail_after) can exercise every path.
 */
#ifndef INTERDICT_COMMON_H
#define INTERDICT_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

/* X-macro: code, value, message. */
#define IDT_ERRORS(X)                                                   \
  X(IDT_OK,        0,  "success")                                       \
  X(IDT_ENOMEM,   -1,  "out of memory")                                 \
  X(IDT_EINVAL,   -2,  "invalid argument")                              \
  X(IDT_EIO,      -3,  "input/output error")                            \
  X(IDT_EPARSE,   -4,  "malformed input")                               \
  X(IDT_ENOTFOUND,-5,  "not found")                                     \
  X(IDT_EDB,      -6,  "database error")                                \
  X(IDT_ENET,     -7,  "network error")                                 \
  X(IDT_EUTF8,    -8,  "invalid UTF-8")                                 \
  X(IDT_ELIMIT,   -9,  "size limit exceeded")                           \
  X(IDT_ESCHEMA, -10,  "schema violation")                              \
  X(IDT_EEXIST,  -11,  "already exists")                                \
  X(IDT_EUNSUP,  -12,  "unsupported")

enum idt_error_code {
#define IDT__E(name, val, msg) name = val,
  IDT_ERRORS(IDT__E)
#undef IDT__E
};

/* Static message for a code ("unknown error" for an unknown one). */
const char *idt_strerror(int code);

/* Set the thread's last error; returns code so callers can
 * `return idt_error_set(IDT_EPARSE, "%s:%zu: field %s: ...", ...)`. */
int idt_error_set(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int idt_error_vset(int code, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Prepend context ("while importing X: ") to the current message. */
int idt_error_wrap(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The thread's last message; never NULL (empty when none). */
const char *idt_error_msg(void);
int idt_error_code(void);
void idt_error_clear(void);

/* The one allocator entry point. idt_malloc(0) returns a unique pointer.
 * On failure these return NULL and set IDT_ENOMEM as the last error. */
void *idt_malloc(size_t n);
void *idt_calloc(size_t n, size_t size);
void *idt_realloc(void *p, size_t n);
void  idt_free(void *p);
char *idt_strdup(const char *s);
char *idt_strndup(const char *s, size_t n);

/* Fault injection for tests: the n-th allocation from now fails (and every
 * later one while sticky is set); n < 0 disables. Thread-global. */
void idt_alloc_fail_after(long n, int sticky);
/* Allocations made since process start (for the OOM sweep's loop bound). */
unsigned long idt_alloc_count(void);

#ifdef __cplusplus
}
#endif
#endif
