/*
 * intern.c - entity id -> node index, the graph's one hash table.
 *
 * Every relation end is looked up here while entities stream in (11M
 * lookups into 1M ids for the 1M/5M benchmark), so the table is laid out
 * for one cache miss per lookup: open addressing, linear probing, 32-byte
 * slots holding the full hash, the node index and the first 20 bytes of
 * the id inline. An id that fits is compared in the slot; a longer one
 * (FtM ids are often 40-character hashes) is compared against the node's
 * arena copy only when the 64-bit hash already matches. The general
 * idt_map (src/common) was the first design: its slots point at the key,
 * so every hit cost a second miss into the arena, and the lookups were
 * 40% of the build at 1M/5M (perf, 2026-11-27). Load factor <= 1/2; the
 * table grows by doubling and rehashes from the stored hashes.
 */
#include <string.h>
#include "graph/net_int.h"

#define INLINE_KEY 20

struct net_slot {
  uint64_t h;          /* 0: empty (hashes are forced non-zero) */
  uint32_t v;          /* node index */
  char key[INLINE_KEY];/* the id's first bytes, NUL-padded */
};

static uint64_t hash(const char *s, size_t len)
{
  uint64_t h = idt_hash(s, len);
  return h ? h : 1;
}

static int same(const idt_net *n, const struct net_slot *s, const char *id, size_t len)
{
  if (len < INLINE_KEY)   /* whole id inline, NUL-terminated */
    return memcmp(s->key, id, len) == 0 && s->key[len] == 0;
  return memcmp(s->key, id, INLINE_KEY) == 0 && strcmp(n->id[s->v] + INLINE_KEY,
                                                      id + INLINE_KEY) == 0;
}

static struct net_slot *probe(const idt_net *n, const char *id, size_t len, uint64_t h)
{
  size_t mask = n->icap - 1, i = (size_t)(h ^ (h >> 32)) & mask;
  for (;; i = (i + 1) & mask) {
    struct net_slot *s = &n->islots[i];
    if (!s->h || (s->h == h && same(n, s, id, len)))
      return s;
  }
}

static int grow_table(idt_net *n)
{
  size_t cap = n->icap ? n->icap * 2 : 1024, i;
  struct net_slot *old = n->islots, *neu = idt_calloc(cap, sizeof *neu);
  if (!neu)
    return IDT_ENOMEM;
  for (i = 0; i < n->icap; i++)
    if (old[i].h) {
      size_t j = (size_t)(old[i].h ^ (old[i].h >> 32)) & (cap - 1);
      while (neu[j].h)
        j = (j + 1) & (cap - 1);
      neu[j] = old[i];
    }
  idt_free(old);
  n->islots = neu;
  n->icap = cap;
  return 0;
}

void idt__net_intern_free(idt_net *n)
{
  idt_free(n->islots);
  n->islots = NULL;
  n->icap = 0;
}

uint32_t idt__net_lookup(const idt_net *n, const char *id)
{
  size_t len = strlen(id);
  struct net_slot *s;
  if (!n->icap)
    return NET_NONE;
  s = probe(n, id, len, hash(id, len));
  return s->h ? s->v : NET_NONE;
}

uint32_t idt__net_node(idt_net *n, const char *id)
{
  size_t len = strlen(id);
  uint64_t h = hash(id, len);
  struct net_slot *s;
  uint32_t v;
  char *copy;
  if (((size_t)n->n + 1) * 2 > n->icap && grow_table(n))
    return NET_NONE;
  s = probe(n, id, len, h);
  if (s->h)
    return s->v;
  if (n->n == n->ncap && idt__net_grow_nodes(n))
    return NET_NONE;
  if (n->n == UINT32_MAX - 1) {
    idt_error_set(IDT_ELIMIT, "net: more than 2^32 - 2 nodes");
    return NET_NONE;
  }
  if (!(copy = idt_arena_strndup(&n->arena, id, len)))
    return NET_NONE;
  v = n->n++;
  s->h = h;
  s->v = v;
  memcpy(s->key, id, len < INLINE_KEY ? len + 1 : INLINE_KEY);
  if (len < INLINE_KEY)
    memset(s->key + len, 0, INLINE_KEY - len);
  n->id[v] = copy;
  n->source_id[v] = NULL;
  n->caption[v] = NULL;
  n->schema[v] = NULL;
  n->programs[v] = NULL;
  n->flags[v] = 0;
  return v;
}
