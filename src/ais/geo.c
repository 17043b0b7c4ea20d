/*
 * geo.c - distances on the sphere, the simulator's PRNG and time format.
 *
 * Haversine on a sphere of the mean Earth radius: the thresholds it serves
 * (500 m, 3 km, 20 nm, 50 nm) are far coarser than the ~0.3% error of the
 * spherical model against WGS84 (Vincenty would cost 10x for nothing here).
 */
#include <math.h>
#include <stdio.h>
#include <time.h>
#include "ais/events_int.h"

double idt_geo_dist_m(double lat1, double lon1, double lat2, double lon2)
{
  double p1 = lat1 * IDT__DEG2RAD, p2 = lat2 * IDT__DEG2RAD;
  double dp = p2 - p1, dl = (lon2 - lon1) * IDT__DEG2RAD;
  double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
  if (a > 1)
    a = 1;
  return 2 * IDT__EARTH_R * asin(sqrt(a));
}

double idt_geo_bearing(double lat1, double lon1, double lat2, double lon2)
{
  double p1 = lat1 * IDT__DEG2RAD, p2 = lat2 * IDT__DEG2RAD;
  double dl = (lon2 - lon1) * IDT__DEG2RAD;
  double y = sin(dl) * cos(p2);
  double x = cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(dl);
  double b = atan2(y, x) / IDT__DEG2RAD;
  return b < 0 ? b + 360 : b;
}

void idt_geo_dest(double lat, double lon, double brg, double d, double *lat2,
                  double *lon2)
{
  double p1 = lat * IDT__DEG2RAD, l1 = lon * IDT__DEG2RAD, th = brg * IDT__DEG2RAD;
  double dr = d / IDT__EARTH_R;
  double p2 = asin(sin(p1) * cos(dr) + cos(p1) * sin(dr) * cos(th));
  double l2 = l1 + atan2(sin(th) * sin(dr) * cos(p1), cos(dr) - sin(p1) * sin(p2));
  *lat2 = p2 / IDT__DEG2RAD;
  *lon2 = fmod(l2 / IDT__DEG2RAD + 540.0, 360.0) - 180.0;
}

static uint64_t splitmix(uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void idt__rng_seed(idt__rng *r, uint64_t seed)
{
  int i;
  for (i = 0; i < 4; i++)
    r->s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t idt__rng_next(idt__rng *r)
{
  uint64_t *s = r->s, res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return res;
}

double idt__rng_unif(idt__rng *r)
{
  return (double)(idt__rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double idt__rng_norm(idt__rng *r)
{
  double u = idt__rng_unif(r), v = idt__rng_unif(r);
  if (u < 1e-300)
    u = 1e-300;
  return sqrt(-2 * log(u)) * cos(2 * 3.14159265358979323846 * v);
}

void idt__iso_time(int64_t t, char out[24])
{
  struct tm tm;
  time_t tt = (time_t)t;
  if (!gmtime_r(&tt, &tm)) {
    snprintf(out, 24, "%lld", (long long)t);
    return;
  }
  strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
