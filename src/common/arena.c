/*
 * arena.c - chunked bump allocator. Chosen over per-object malloc because a
 * list snapshot holds ~10^6 small strings with one lifetime: one free() per
 * chunk instead of per string, and no fragmentation.
 */
#include <string.h>
#include "interdict/common.h"
#include "common/arena.h"

#define ARENA_MIN   4096
#define ARENA_MAX   (1u << 20)
#define ARENA_ALIGN 16

struct idt_arena_chunk {
  idt_arena_chunk *next;
  size_t size, used;
  _Alignas(16) unsigned char data[];
};

void idt_arena_init(idt_arena *a)
{
  a->head = NULL;
  a->next_size = ARENA_MIN;
  a->total = 0;
}

void idt_arena_free(idt_arena *a)
{
  idt_arena_chunk *c, *n;
  if (!a)
    return;
  for (c = a->head; c; c = n) {
    n = c->next;
    idt_free(c);
  }
  idt_arena_init(a);
}

static idt_arena_chunk *new_chunk(idt_arena *a, size_t need)
{
  size_t size = a->next_size;
  idt_arena_chunk *c;

  if (size < need)
    size = need;
  c = idt_malloc(sizeof *c + size);
  if (!c)
    return NULL;
  c->size = size;
  c->used = 0;
  a->total += size;
  if (a->next_size < ARENA_MAX)
    a->next_size *= 2;
  /* An oversized chunk goes second so the current chunk keeps serving. */
  if (a->head && need > a->head->size - a->head->used && size == need) {
    c->next = a->head->next;
    a->head->next = c;
  } else {
    c->next = a->head;
    a->head = c;
  }
  return c;
}

void *idt_arena_alloc(idt_arena *a, size_t n)
{
  idt_arena_chunk *c = a->head;
  size_t off;

  n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (n == 0)
    n = ARENA_ALIGN;
  if (!c || c->size - c->used < n) {
    c = new_chunk(a, n);
    if (!c)
      return NULL;
  }
  off = c->used;
  c->used += n;
  return c->data + off;
}

void *idt_arena_calloc(idt_arena *a, size_t n)
{
  void *p = idt_arena_alloc(a, n);
  if (p)
    memset(p, 0, n);
  return p;
}

char *idt_arena_strndup(idt_arena *a, const char *s, size_t n)
{
  char *d = idt_arena_alloc(a, n + 1);
  if (!d)
    return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *idt_arena_strdup(idt_arena *a, const char *s)
{
  return idt_arena_strndup(a, s, strlen(s));
}
