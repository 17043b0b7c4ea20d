/*
 * reassembly.c - multi-sentence AIS messages.
 *
 * A group is keyed by (fragment count, sequence id, channel), so groups of
 * different sizes or channels may interleave; fragments may arrive in any
 * order. The table is fixed-size (no heap): a group that has waited for more
 * than max_age sentences is dropped, and when every slot is busy the oldest
 * group is evicted. Both count as dropped. A fragment 1 arriving for a key
 * whose fragment 1 is already held restarts the group: the sequence id was
 * reused after a fragment was lost, the case that wedges gpsd (it keys by
 * channel only and needs fragments in order; AIVDM.adoc, "Multi-fragment
 * messages").
 */
#include <stddef.h>
#include <string.h>
#include "ais/ais_int.h"

#define SLOTS 32
#define MAXPARTS 9
#define MAXFRAG 100 /* an NMEA sentence is at most 82 characters */

typedef struct slot {
  int used;
  unsigned count;
  int seqid;
  char channel;
  unsigned have;               /* bit i: fragment i+1 held */
  unsigned fill;
  unsigned long long born;
  int64_t time;
  char source[24];
  uint8_t len[MAXPARTS];
  char frag[MAXPARTS][MAXFRAG];
} slot;

struct ais_reasm {
  unsigned max_age;
  unsigned long long clock;
  slot s[SLOTS];
  char joined[IDT_AIS_MAX_CHARS];
};

size_t idt__ais_reasm_size(void) { return sizeof(ais_reasm); }

void idt__ais_reasm_tick(ais_reasm *r) { r->clock++; }

void idt__ais_reasm_init(ais_reasm *r, unsigned max_age)
{
  memset(r, 0, sizeof *r);
  r->max_age = max_age ? max_age : 64;
}

static slot *find(ais_reasm *r, const idt_ais_sentence *s)
{
  int i;
  for (i = 0; i < SLOTS; i++) {
    slot *x = &r->s[i];
    if (x->used && x->count == s->count && x->seqid == s->seqid &&
        x->channel == s->channel)
      return x;
  }
  return NULL;
}

static slot *claim(ais_reasm *r, unsigned long long *dropped)
{
  slot *oldest = NULL;
  int i;
  for (i = 0; i < SLOTS; i++) {
    if (!r->s[i].used)
      return &r->s[i];
    if (!oldest || r->s[i].born < oldest->born)
      oldest = &r->s[i];
  }
  (*dropped)++;
  return oldest;
}

static void age_out(ais_reasm *r, unsigned long long *dropped)
{
  int i;
  for (i = 0; i < SLOTS; i++)
    if (r->s[i].used && r->clock - r->s[i].born > r->max_age) {
      r->s[i].used = 0;
      (*dropped)++;
    }
}

int idt__ais_reasm_add(ais_reasm *r, const idt_ais_sentence *s, ais_group *g,
                       unsigned long long *dropped)
{
  slot *x;
  unsigned bit, i;
  size_t total = 0;
  age_out(r, dropped);
  if (s->count > MAXPARTS || s->index < 1 || s->index > s->count)
    return idt_error_set(IDT_EPARSE, "fragment %u of %u", s->index, s->count);
  if (s->payload_len >= MAXFRAG)
    return idt_error_set(IDT_ELIMIT, "fragment payload of %zu characters", s->payload_len);
  bit = 1u << (s->index - 1);
  x = find(r, s);
  if (x && s->index == 1 && (x->have & 1u)) {
    (*dropped)++;
    x->used = 0;
    x = NULL;
  }
  if (!x) {
    x = claim(r, dropped);
    memset(x, 0, offsetof(slot, len));
    x->used = 1;
    x->count = s->count;
    x->seqid = s->seqid;
    x->channel = s->channel;
    x->born = r->clock;
    x->time = IDT_AIS_NOTIME;
  }
  memcpy(x->frag[s->index - 1], s->payload, s->payload_len);
  x->len[s->index - 1] = (uint8_t)s->payload_len;
  x->have |= bit;
  if (s->index == s->count)
    x->fill = s->fill;
  if (x->time == IDT_AIS_NOTIME && s->time != IDT_AIS_NOTIME)
    x->time = s->time;
  if (!x->source[0] && s->source) {
    size_t n = s->source_len < sizeof x->source - 1 ? s->source_len : sizeof x->source - 1;
    memcpy(x->source, s->source, n);
    x->source[n] = 0;
  }
  if (x->have != (1u << x->count) - 1u)
    return 0;
  for (i = 0; i < x->count; i++)
    total += x->len[i];
  x->used = 0;
  if (total > sizeof r->joined)
    return idt_error_set(IDT_ELIMIT, "reassembled payload of %zu characters", total);
  for (total = 0, i = 0; i < x->count; i++) {
    memcpy(r->joined + total, x->frag[i], x->len[i]);
    total += x->len[i];
  }
  g->chars = r->joined;
  g->n = total;
  g->fill = x->fill;
  g->time = x->time;
  memcpy(g->source, x->source, sizeof g->source);
  return 1;
}
