/*
 * arena.h - bump allocation for bulk lifetimes (a loaded list, an import,
 * one HTTP request). Everything allocated from an arena is freed by one
 * idt_arena_free(); nothing is freed individually. Chunks grow geometrically
 * up to 1 MiB; a request larger than a chunk gets a chunk of its own.
 */
#ifndef IDT_COMMON_ARENA_H
#define IDT_COMMON_ARENA_H
#include <stddef.h>

typedef struct idt_arena_chunk idt_arena_chunk;
typedef struct idt_arena {
  idt_arena_chunk *head;
  size_t next_size;
  size_t total;          /* bytes reserved from the allocator */
} idt_arena;

void  idt_arena_init(idt_arena *a);
/* Release everything; the arena may be reused after. NULL-safe. */
void  idt_arena_free(idt_arena *a);
/* 16-byte aligned; NULL (last error IDT_ENOMEM) on failure. */
void *idt_arena_alloc(idt_arena *a, size_t n);
void *idt_arena_calloc(idt_arena *a, size_t n);
char *idt_arena_strndup(idt_arena *a, const char *s, size_t n);
char *idt_arena_strdup(idt_arena *a, const char *s);
#endif
