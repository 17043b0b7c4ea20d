/*
 * alloc.c - the one allocator entry point.
 *
 * Thin wrappers over malloc that (1) set IDT_ENOMEM as the last error on
 * failure and (2) can be told to fail on the n-th call, so tests can sweep
 * every allocation of a parser or loader and check it fails cleanly
 * (SQLite's and curl's "torture" idea). Counters are atomics so the hooks are
 * safe to leave compiled in release builds at negligible cost.
 */
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include "interdict/common.h"

static atomic_long fail_countdown = -1;
static atomic_int fail_sticky;
static atomic_ulong alloc_calls;

void idt_alloc_fail_after(long n, int sticky)
{
  atomic_store(&fail_sticky, sticky);
  atomic_store(&fail_countdown, n);
}

unsigned long idt_alloc_count(void) { return atomic_load(&alloc_calls); }

static int should_fail(void)
{
  long c;
  atomic_fetch_add(&alloc_calls, 1);
  c = atomic_load(&fail_countdown);
  if (c < 0)
    return 0;
  if (c == 0) {
    if (!atomic_load(&fail_sticky))
      atomic_store(&fail_countdown, -1);
    return 1;
  }
  atomic_fetch_sub(&fail_countdown, 1);
  return 0;
}

void *idt_malloc(size_t n)
{
  void *p = should_fail() ? NULL : malloc(n ? n : 1);
  if (!p)
    idt_error_set(IDT_ENOMEM, "out of memory (%zu bytes)", n);
  return p;
}

void *idt_calloc(size_t n, size_t size)
{
  void *p;
  if (size && n > SIZE_MAX / size) {
    idt_error_set(IDT_ENOMEM, "allocation overflow");
    return NULL;
  }
  p = should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
  if (!p)
    idt_error_set(IDT_ENOMEM, "out of memory (%zu x %zu bytes)", n, size);
  return p;
}

void *idt_realloc(void *p, size_t n)
{
  void *q = should_fail() ? NULL : realloc(p, n ? n : 1);
  if (!q)
    idt_error_set(IDT_ENOMEM, "out of memory (%zu bytes)", n);
  return q;
}

void idt_free(void *p) { free(p); }

char *idt_strndup(const char *s, size_t n)
{
  char *d = idt_malloc(n + 1);
  if (!d)
    return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *idt_strdup(const char *s) { return idt_strndup(s, strlen(s)); }
