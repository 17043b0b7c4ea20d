/*
 * map.h - a string-keyed hash map to void* (open addressing, linear probing,
 * FNV-1a). Keys are borrowed: the caller keeps them alive (usually in an
 * arena) for the map's lifetime. No deletion: maps here are built once per
 * import or snapshot and dropped whole.
 */
#ifndef IDT_COMMON_MAP_H
#define IDT_COMMON_MAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct idt_map_slot {
  const char *key;
  size_t klen;
  uint64_t hash;
  void *val;
} idt_map_slot;

typedef struct idt_map {
  idt_map_slot *slots;
  size_t cap, len;
} idt_map;

uint64_t idt_hash(const void *p, size_t n);
void  idt_map_init(idt_map *m);
void  idt_map_free(idt_map *m);
/* Insert or replace. 0 or IDT_ENOMEM. */
int   idt_map_put(idt_map *m, const char *key, size_t klen, void *val);
/* NULL when absent. */
void *idt_map_get(const idt_map *m, const char *key, size_t klen);
/* Pointer to the value slot, inserting NULL when absent (NULL on OOM). */
void **idt_map_slot_for(idt_map *m, const char *key, size_t klen);
#endif
