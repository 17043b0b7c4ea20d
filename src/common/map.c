/*
 * map.c - open-addressing string map. Load factor kept under 0.5; the hash
 * is stored per slot so growth never rehashes strings.
 */
#include <string.h>
#include "interdict/common.h"
#include "common/map.h"

uint64_t idt_hash(const void *p, size_t n)
{
  const unsigned char *s = p;
  uint64_t h = 1469598103934665603ULL;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= s[i];
    h *= 1099511628211ULL;
  }
  return h ^ (h >> 29);
}

void idt_map_init(idt_map *m)
{
  m->slots = NULL;
  m->cap = m->len = 0;
}

void idt_map_free(idt_map *m)
{
  if (!m)
    return;
  idt_free(m->slots);
  idt_map_init(m);
}

static idt_map_slot *find(const idt_map *m, const char *key, size_t klen, uint64_t h)
{
  size_t mask = m->cap - 1, i = (size_t)h & mask;
  for (;; i = (i + 1) & mask) {
    idt_map_slot *s = &m->slots[i];
    if (!s->key)
      return s;
    if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
      return s;
  }
}

static int grow(idt_map *m)
{
  size_t ncap = m->cap ? m->cap * 2 : 16, i;
  idt_map old = *m;
  m->slots = idt_calloc(ncap, sizeof *m->slots);
  if (!m->slots) {
    *m = old;
    return IDT_ENOMEM;
  }
  m->cap = ncap;
  for (i = 0; i < old.cap; i++) {
    idt_map_slot *s = &old.slots[i];
    if (s->key)
      *find(m, s->key, s->klen, s->hash) = *s;
  }
  idt_free(old.slots);
  return 0;
}

void **idt_map_slot_for(idt_map *m, const char *key, size_t klen)
{
  uint64_t h = idt_hash(key, klen);
  idt_map_slot *s;
  if ((m->len + 1) * 2 > m->cap && grow(m))
    return NULL;
  s = find(m, key, klen, h);
  if (!s->key) {
    s->key = key;
    s->klen = klen;
    s->hash = h;
    s->val = NULL;
    m->len++;
  }
  return &s->val;
}

int idt_map_put(idt_map *m, const char *key, size_t klen, void *val)
{
  void **slot = idt_map_slot_for(m, key, klen);
  if (!slot)
    return IDT_ENOMEM;
  *slot = val;
  return 0;
}

void *idt_map_get(const idt_map *m, const char *key, size_t klen)
{
  idt_map_slot *s;
  if (!m->cap)
    return NULL;
  s = find(m, key, klen, idt_hash(key, klen));
  return s->key ? s->val : NULL;
}
