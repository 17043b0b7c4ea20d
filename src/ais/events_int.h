/*
 * events_int.h - what the event detector, places, encoder and simulator
 * files share (internal to src/ais; the ais engineer's files do not use it).
 */
#ifndef IDT_AIS_EVENTS_INT_H
#define IDT_AIS_EVENTS_INT_H
#include <math.h>
#include <stdint.h>
#include "interdict/aisevents.h"
#include "common/arena.h"
#include "common/buf.h"

#define IDT__EARTH_R 6371008.8   /* mean Earth radius, m (IUGG) */
#define IDT__DEG2RAD (3.14159265358979323846 / 180.0)

/* Equirectangular distance in metres: within 0.1% of haversine below a few
 * hundred km, and ~4x cheaper; the detector uses it on consecutive fixes. */
static inline double idt__fast_dist_m(double lat1, double lon1, double lat2,
                                      double lon2)
{
  double dlon = lon2 - lon1, x, y;
  if (dlon > 180) dlon -= 360;
  if (dlon < -180) dlon += 360;
  x = dlon * IDT__DEG2RAD * cos((lat1 + lat2) * 0.5 * IDT__DEG2RAD);
  y = (lat2 - lat1) * IDT__DEG2RAD;
  return sqrt(x * x + y * y) * IDT__EARTH_R;
}

/* The same with cos(latitude) given: the detector computes it once per fix
 * and uses it for every distance from that fix (consecutive fixes and
 * nearby ports are close, so the latitude of either end serves). */
static inline double idt__eq_dist_m(double lat1, double lon1, double lat2,
                                    double lon2, double coslat)
{
  double dlon = lon2 - lon1, x, y;
  if (dlon > 180) dlon -= 360;
  if (dlon < -180) dlon += 360;
  x = dlon * IDT__DEG2RAD * coslat;
  y = (lat2 - lat1) * IDT__DEG2RAD;
  return sqrt(x * x + y * y) * IDT__EARTH_R;
}

/* Deterministic PRNG (splitmix64 seeding xoshiro256**): the simulator must
 * give the same file for the same seed on every platform, so libc rand()
 * is out. */
typedef struct idt__rng { uint64_t s[4]; } idt__rng;
void idt__rng_seed(idt__rng *r, uint64_t seed);
uint64_t idt__rng_next(idt__rng *r);
double idt__rng_unif(idt__rng *r);            /* [0,1) */
double idt__rng_norm(idt__rng *r);            /* N(0,1) */

/* Places (ports.c, zones.c). Ports sit in a 1-degree grid (CSR built
 * lazily on the first query after an add); a zone keeps all its ring edges
 * (outer rings and holes, even-odd rule) indexed by latitude band, so a
 * point-in-polygon test reads only the few edges of its band. */
typedef struct idt__edge { double x1, y1, x2, y2; } idt__edge;
typedef struct idt__zone {
  char *name;
  int kind;
  double minx, miny, maxx, maxy;
  idt__edge *e;
  size_t ne, cap;
  unsigned nband;
  double band_h;
  uint32_t *band_off, *band_idx;      /* CSR: edges per band */
} idt__zone;

struct idt_aisev_places {
  idt_arena arena;                    /* port names */
  idt_aisev_port *ports;
  size_t nports, cap;
  uint32_t *cell_off, *cell_idx;      /* CSR over 180x360 cells, lazily */
  int grid_ok;
  idt__zone *zones;
  size_t nzones, zcap;
  const idt_aisev_coast *coast;       /* borrowed; NULL: ports as shore */
};
void idt__zones_free(idt_aisev_places *p);

/* ISO 8601 UTC of unix seconds into out[24]. */
void idt__iso_time(int64_t t, char out[24]);

/* ---- the detector (events.c, events_enc.c, events_out.c) ---- */

#define IDT__EVID 16               /* evidence ring per segment */
#define IDT__MAXZ 64               /* user zones tracked per segment */
#define IDT__PIPE 8                /* inputs in flight (prefetch distance) */

/* Hot fields first: a fix touches the scalars below and one slot of
 * recent[]; the rings sit at the end. With thousands of interleaved
 * vessels every fix is a cache miss, so lines touched are what costs. */
typedef struct idt__seg {
  int used, loit, inport, stopped, zinit, pd_ok;
  unsigned n, nrecent, ev_n, loit_n, port_n;
  idt_aisev_fix last;
  int64_t ev_last_t, port_in;
  double loit_sumsog, loit_sumlat, loit_sumlon;
  double pd, pd_lat, pd_lon;       /* distance to the nearest port there */
  uint64_t zin;                    /* inside user zone i: bit i */
  const idt_aisev_port *port;      /* port of the visit under way */
  uint32_t recent[16];             /* last 16 fix times (reception; unix
                                      seconds fit 32 bits until 2106) */
  idt_aisev_fix loit_first;        /* first fix of the loitering run */
  idt_aisev_fix ev[IDT__EVID];     /* fixes >= 5 min apart, ring */
} idt__seg;

typedef struct idt__vessel {
  uint32_t mmsi, imo;
  int has_prev, spoof, inval, s1used; /* s1used: s[1].used, kept here so a
                                      fix of a one-track vessel reads no
                                      line of s[1] */
  unsigned spoof_n, inval_n;
  int64_t seen;                    /* newest input time (eviction) */
  uint32_t npairs;                 /* encounter pairs naming this slot */
  int live;                        /* 0: a free slot */
  idt_aisev_fix prev;              /* last valid fix of any segment */
  double cos_lat, cosv;            /* cos(cos_lat), see do_position */
  int64_t spoof_start, spoof_last, inval_start, inval_last;
  double spoof_kn, spoof_dist;
  idt__seg s[2];
  idt_aisev_fix spoof_a, spoof_b;
  const idt_aisev_watch *match;
  char name[24];
} idt__vessel;

/* What a vessel evicted after idle_hours keeps (events.c): enough to
 * report the dark period when it returns (last valid fix, the reception
 * count before it, zone flags), to detect a rename or an IMO under a new
 * MMSI, and its list match. */
typedef struct idt__dorm {
  uint32_t mmsi, imo;
  const idt_aisev_watch *match;
  idt_aisev_fix last;              /* valid when has_prev */
  uint64_t zin;
  uint8_t has_prev, zinit, nrecent; /* nrecent: fixes in the gap-intent
                                      window before last (<= 16) */
  char name[24];
} idt__dorm;

/* vhash idx: 0 empty, i + 1 for d->v[i], IDT__DORM | j for d->dorm[j]. */
#define IDT__DORM 0x80000000u

typedef struct idt__rpt { uint32_t owner; float lat, lon, sog; } idt__rpt;
typedef struct idt__bucket {
  int64_t tb;                      /* -1 when empty */
  idt__rpt *p;
  size_t n, cap;
} idt__bucket;

typedef struct idt__pair idt__pair;

struct idt_aisev {
  idt_aisev_opts o;
  const idt_aisev_places *pl;
  const idt_aisev_watch *watch;
  size_t nwatch;
  const idt_aisev_watch **by_imo, **by_mmsi;
  idt__vessel *v;
  size_t nv, vcap;
  struct idt__vh { uint32_t mmsi, idx; } *vhash; /* mmsi -> index + 1, open
                                     addressing; the MMSI is kept in the
                                     table so a lookup reads no vessel state */
  size_t vhcap, nvh;               /* entries (active and dormant) */
  uint32_t *vfree, *dfree;         /* free slots of v[] and dorm[] */
  size_t nvfree, nvfcap, ndfree, ndfcap;
  idt__dorm *dorm;
  size_t ndorm, dcap;              /* ndorm: high-water mark of dorm[] */
  int64_t next_sweep;
  /* Inputs wait IDT__PIPE calls in a ring while their vessel's state is
   * prefetched (events.c: with thousands of vessels interleaved, every fix
   * otherwise stalls on a cache miss the decoder's work could hide). */
  struct idt__pend {
    uint32_t vi, mmsi, imo;
    int kind;                      /* 0 position, 1 static */
    int64_t t;
    double lat, lon, sog;
    char name[24];
    int has_name;
  } pend[IDT__PIPE];
  unsigned pend_head, pend_n;
  struct imo_ent { uint32_t imo, mmsi, prev_mmsi; int64_t t; } *imo;
  size_t nimo, imocap;             /* open addressing on imo */
  /* encounters */
  idt__bucket *bk;
  size_t nbk;
  int64_t res, maxt, done_tb;
  idt__pair *pairs;
  size_t npairs, pcap;
  uint32_t *phash;
  size_t phcap;
  uint32_t *gh, *gnext;            /* per-bucket grid scratch */
  size_t ghcap, gncap;
  idt_aisev_stats st;
  int rc;
  double coslat;                   /* cos(latitude) of the current fix */
  char why[512];
  idt_aisev_fix evbuf[64], evbuf2[64];
};

/* events.c */
void idt__aisev_info(idt_aisev *d, const idt__vessel *v, idt_aisev_vessel_info *vi);
int idt__aisev_dprk(const idt_aisev *d, double lat, double lon);
int idt__aisev_emit(idt_aisev *d, idt_aisev_event *e);
size_t idt__aisev_bytes(const idt_aisev *d);    /* state, for the stats */
/* events_vtab.c: the vessel table */
static inline uint32_t idt__mix32(uint32_t x)
{
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}
/* Binary search of the sorted watch list by IMO (by_imo) or MMSI. */
const idt_aisev_watch *idt__find_watch(const idt_aisev_watch **arr, size_t n,
                                       uint32_t key, int by_imo);
/* The table slot of mmsi: its entry, or the empty slot it would take. */
size_t idt__vslot(const idt_aisev *d, uint32_t mmsi);
int idt__push_free(uint32_t **arr, size_t *n, size_t *cap, uint32_t x);
/* The index of mmsi's state, created when new or revived when dormant;
 * -1 on ENOMEM. */
long idt__vindex(idt_aisev *d, uint32_t mmsi);
/* mmsi's state without creating or reviving it (tmp filled from a dormant
 * record); NULL if unseen. */
const idt__vessel *idt__vpeek(const idt_aisev *d, uint32_t mmsi, idt__vessel *tmp);
/* events_enc.c */
int idt__enc_init(idt_aisev *d);
void idt__enc_free(idt_aisev *d);
int idt__enc_point(idt_aisev *d, uint32_t owner, int64_t tb, double lat,
                   double lon, double sog);
int idt__enc_advance(idt_aisev *d, int64_t now);
int idt__enc_finish(idt_aisev *d);
size_t idt__enc_bytes(const idt_aisev *d);
#endif
