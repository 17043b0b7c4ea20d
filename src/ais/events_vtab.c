/*
 * events_vtab.c - the detector's vessel table: MMSI -> state slot (open
 * addressing, the MMSI kept in the table so a lookup reads no vessel
 * state), slot reuse after eviction, dormant records revived on return,
 * and the list-match lookups by MMSI and IMO. The rules live in events.c.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "ais/events_int.h"

const idt_aisev_watch *idt__find_watch(const idt_aisev_watch **arr, size_t n,
                                       uint32_t key, int by_imo)
{
  size_t lo = 0, hi = n;
  if (!key)
    return NULL;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    uint32_t k = by_imo ? arr[mid]->imo : arr[mid]->mmsi;
    if (k == key)
      return arr[mid];
    if (k < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static int vgrow(idt_aisev *d)
{
  size_t cap = d->vhcap ? d->vhcap * 2 : 1024, i;
  struct idt__vh *h = idt_calloc(cap, sizeof *h);
  if (!h)
    return IDT_ENOMEM;
  for (i = 0; i < d->vhcap; i++) {
    size_t j;
    if (!d->vhash[i].idx)
      continue;
    j = idt__mix32(d->vhash[i].mmsi) & (cap - 1);
    while (h[j].idx)
      j = (j + 1) & (cap - 1);
    h[j] = d->vhash[i];
  }
  idt_free(d->vhash);
  d->vhash = h;
  d->vhcap = cap;
  return 0;
}

/* The table slot of mmsi: its entry, or the empty slot it would take. */
size_t idt__vslot(const idt_aisev *d, uint32_t mmsi)
{
  size_t j = idt__mix32(mmsi) & (d->vhcap - 1);
  while (d->vhash[j].idx && d->vhash[j].mmsi != mmsi)
    j = (j + 1) & (d->vhcap - 1);
  return j;
}

int idt__push_free(uint32_t **arr, size_t *n, size_t *cap, uint32_t x)
{
  if (*n == *cap) {
    size_t c = *cap ? *cap * 2 : 64;
    uint32_t *a = idt_realloc(*arr, c * sizeof *a);
    if (!a)
      return IDT_ENOMEM;
    *arr = a;
    *cap = c;
  }
  (*arr)[(*n)++] = x;
  return 0;
}

/* A cleared vessel slot: a freed one first (evicted vessels' slots are
 * reused, so v[] stays as large as the peak of active vessels); -1 on
 * ENOMEM. */
static long vslot_new(idt_aisev *d, uint32_t mmsi)
{
  size_t i;
  idt__vessel *v;
  if (d->nvfree)
    i = d->vfree[--d->nvfree];
  else {
    if (d->nv == d->vcap) {
      size_t cap = d->vcap ? d->vcap * 2 : 256;
      idt__vessel *nv = idt_realloc(d->v, cap * sizeof *nv);
      if (!nv)
        return -1;
      d->v = nv;
      d->vcap = cap;
    }
    i = d->nv++;
  }
  v = &d->v[i];
  memset(v, 0, sizeof *v);
  v->cos_lat = NAN;                /* no cos(latitude) cached yet */
  v->mmsi = mmsi;
  v->live = 1;
  v->seen = INT64_MIN;
  if (++d->st.active > d->st.active_max)
    d->st.active_max = d->st.active;
  return (long)i;
}

/* A dormant vessel heard again: full state from its record. Segment 0
 * resumes at the last valid fix with the reception count before it, so
 * the next fix reports the dark period (hours, distance, intent) as it
 * would have without the eviction; its evidence is that one fix. */
static void revive(idt_aisev *d, idt__vessel *v, const idt__dorm *r)
{
  idt__seg *s = &v->s[0];
  unsigned i;
  v->imo = r->imo;
  v->match = r->match;
  memcpy(v->name, r->name, sizeof v->name);
  if (!r->has_prev)
    return;
  v->has_prev = 1;
  v->prev = r->last;
  s->used = 1;
  s->n = 1;
  s->last = r->last;
  s->zin = r->zin;
  s->zinit = r->zinit;
  for (i = 0; i < r->nrecent; i++)
    s->recent[i] = (uint32_t)r->last.t;
  s->nrecent = r->nrecent;
  s->ev[0] = r->last;
  s->ev_n = 1;
  s->ev_last_t = r->last.t;
  d->st.revived++;
}

/* The index of mmsi's state, created when new or dormant; -1 on ENOMEM. */
long idt__vindex(idt_aisev *d, uint32_t mmsi)
{
  size_t j;
  long i;
  uint32_t dj = 0;
  if (d->vhcap) {
    j = idt__mix32(mmsi) & (d->vhcap - 1);
    while (d->vhash[j].idx) {
      if (d->vhash[j].mmsi == mmsi) {
        if (!(d->vhash[j].idx & IDT__DORM))
          return (long)d->vhash[j].idx - 1;
        dj = d->vhash[j].idx;
        break;
      }
      j = (j + 1) & (d->vhcap - 1);
    }
  }
  if (!dj && (d->nvh + 1) * 2 > d->vhcap && vgrow(d))
    return -1;
  if (dj && idt__push_free(&d->dfree, &d->ndfree, &d->ndfcap, dj & ~IDT__DORM))
    return -1;                     /* (room first: nothing fails after) */
  if ((i = vslot_new(d, mmsi)) < 0) {
    if (dj)
      d->ndfree--;
    return -1;
  }
  j = idt__vslot(d, mmsi);
  if (dj) {
    revive(d, &d->v[i], &d->dorm[dj & ~IDT__DORM]);
    d->st.dormant--;
  } else {
    d->v[i].match = idt__find_watch(d->by_mmsi, d->nwatch, mmsi, 0);
    d->vhash[j].mmsi = mmsi;
    d->nvh++;
    d->st.vessels++;
  }
  d->vhash[j].idx = (uint32_t)i + 1;
  return i;
}

/* mmsi's state without creating or reviving it: the live one, or tmp
 * filled from the dormant record (identity, last fix); NULL if unseen. */
const idt__vessel *idt__vpeek(const idt_aisev *d, uint32_t mmsi, idt__vessel *tmp)
{
  const idt__dorm *r;
  size_t j;
  if (!d->vhcap || !d->vhash[j = idt__vslot(d, mmsi)].idx)
    return NULL;
  if (!(d->vhash[j].idx & IDT__DORM))
    return &d->v[d->vhash[j].idx - 1];
  r = &d->dorm[d->vhash[j].idx & ~IDT__DORM];
  memset(tmp, 0, sizeof *tmp);
  tmp->mmsi = r->mmsi;
  tmp->imo = r->imo;
  tmp->match = r->match;
  memcpy(tmp->name, r->name, sizeof tmp->name);
  tmp->has_prev = r->has_prev;
  tmp->prev = r->last;
  return tmp;
}

size_t idt__aisev_bytes(const idt_aisev *d)
{
  return sizeof *d + d->vcap * sizeof *d->v + d->dcap * sizeof *d->dorm +
         d->vhcap * sizeof *d->vhash + (d->nvfcap + d->ndfcap) * sizeof(uint32_t) +
         d->imocap * sizeof *d->imo + 2 * d->nwatch * sizeof *d->by_imo +
         idt__enc_bytes(d);
}
