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
};
void idt__zones_free(idt_aisev_places *p);

/* ISO 8601 UTC of unix seconds into out[24]. */
void idt__iso_time(int64_t t, char out[24]);
#endif
