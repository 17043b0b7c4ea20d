/*
 * coast.c - distance from shore over Natural Earth 1:50m land.
 *
 * The coastline is web/dist/land-50m.json (world-atlas 2.0.2, Natural
 * Earth 1:50m land, public domain; data/reference/SOURCES.md), already
 * compiled into the library for the web UI (idt_webui_find), so the C side
 * reads the same bytes: no second copy of the data. TopoJSON arcs are
 * delta-encoded quantized integers; the "land" object is the dissolved land,
 * so every arc is coastline and every ring edge counts for inside/outside.
 *
 * Index: 0.5-degree cells (720x360), each listing the segments whose
 * bounding box touches it (CSR). Distance: rings of cells searched outwards
 * from the query's cell until the ring's lower bound passes the best
 * segment; point-to-segment in an equirectangular plane centred on the
 * query (errors well under 1% at the 20/50 nm thresholds), the result as
 * the haversine to the nearest point found. On land (even crossing count of
 * a northward ray over the segments of the cells above) the distance is 0.
 * Rejected: a distance raster (GFW's approach) - coarser near the coast and
 * megabytes more for the same answers at event decisions only.
 */
#include <jansson.h>
#include <math.h>
#include <string.h>
#include "ais/events_int.h"
#include "interdict/webui.h"

#define CD 0.5
#define NX 720
#define NY 360
/* Longest segment accepted, degrees (Natural Earth 1:50m: 5.7). Bounds the
 * cells one segment can be listed in. */
#define MAXSPAN 45

typedef struct { float x1, y1, x2, y2; } cseg;   /* lon, lat degrees */

struct idt_aisev_coast {
  cseg *seg;
  size_t nseg, cap;
  uint32_t *off, *idx;                 /* CSR over NX*NY cells */
};

static int cell_x(double lon)
{
  int x = (int)floor((lon + 180) / CD);
  return x < 0 ? 0 : x >= NX ? NX - 1 : x;
}
static int cell_y(double lat)
{
  int y = (int)floor((lat + 90) / CD);
  return y < 0 ? 0 : y >= NY ? NY - 1 : y;
}

static int add_seg(idt_aisev_coast *c, double x1, double y1, double x2, double y2)
{
  if (fabs(x2 - x1) > 180 || (x1 == x2 && y1 == y2))
    return 0;                          /* antimeridian cut or repeated */
  if (c->nseg == c->cap) {
    size_t nc = c->cap ? c->cap * 2 : 65536;
    cseg *n = idt_realloc(c->seg, nc * sizeof *n);
    if (!n)
      return idt_error_set(IDT_ENOMEM, "coast: out of memory");
    c->seg = n;
    c->cap = nc;
  }
  c->seg[c->nseg++] = (cseg){(float)x1, (float)y1, (float)x2, (float)y2};
  return 0;
}

static int decode_arcs(idt_aisev_coast *c, json_t *root)
{
  json_t *tr = json_object_get(root, "transform");
  json_t *sc = json_object_get(tr, "scale"), *tl = json_object_get(tr, "translate");
  json_t *arcs = json_object_get(root, "arcs"), *arc;
  double kx = 1, ky = 1, ox = 0, oy = 0;
  size_t i, j;
  int rc;
  if (!json_is_array(arcs) || !json_array_size(arcs))
    return idt_error_set(IDT_EPARSE, "coast: no \"arcs\" array");
  if (tr) {
    kx = json_number_value(json_array_get(sc, 0));
    ky = json_number_value(json_array_get(sc, 1));
    ox = json_number_value(json_array_get(tl, 0));
    oy = json_number_value(json_array_get(tl, 1));
  }
  json_array_foreach(arcs, i, arc) {
    double qx = 0, qy = 0, px = 0, py = 0;
    json_t *pt;
    if (!json_is_array(arc))
      return idt_error_set(IDT_EPARSE, "coast: arc %zu is not an array", i);
    json_array_foreach(arc, j, pt) {
      double x, y, ax = json_number_value(json_array_get(pt, 0));
      double ay = json_number_value(json_array_get(pt, 1));
      if (json_array_size(pt) < 2)
        return idt_error_set(IDT_EPARSE, "coast: arc %zu point %zu", i, j);
      if (tr) {
        qx += ax;
        qy += ay;
        x = qx * kx + ox;
        y = qy * ky + oy;
      } else {
        x = ax;
        y = ay;
      }
      if (!isfinite(x) || !isfinite(y) || fabs(x) > 180 || fabs(y) > 90)
        return idt_error_set(IDT_EPARSE, "coast: arc %zu point %zu: not a "
                             "longitude/latitude", i, j);
      if (j && fabs(x - px) <= 180 && (fabs(x - px) > MAXSPAN || fabs(y - py) > MAXSPAN))
        return idt_error_set(IDT_EPARSE, "coast: arc %zu point %zu: segment "
                             "spans more than %d degrees", i, j, MAXSPAN);
      if (j && (rc = add_seg(c, px, py, x, y)))
        return rc;
      px = x;
      py = y;
    }
  }
  return 0;
}

/* Cells a segment's bounding box touches: fn per cell. */
static void seg_cells(const cseg *s, uint32_t *cnt, uint32_t *cur,
                      uint32_t *idx, uint32_t i)
{
  int x0 = cell_x(fmin(s->x1, s->x2)), x1 = cell_x(fmax(s->x1, s->x2));
  int y0 = cell_y(fmin(s->y1, s->y2)), y1 = cell_y(fmax(s->y1, s->y2));
  int x, y;
  for (y = y0; y <= y1; y++)
    for (x = x0; x <= x1; x++) {
      size_t cell = (size_t)y * NX + x;
      if (idx)
        idx[cur[cell]++] = i;
      else
        cnt[cell + 1]++;
    }
}

/* CSR: count into off[cell + 1], prefix sums, fill through a cursor. */
static int build_grid(idt_aisev_coast *c)
{
  size_t i, k, ncell = (size_t)NX * NY;
  uint32_t *cur;
  if (!(c->off = idt_calloc(ncell + 1, sizeof *c->off)))
    return idt_error_set(IDT_ENOMEM, "coast: out of memory");
  for (i = 0; i < c->nseg; i++)
    seg_cells(&c->seg[i], c->off, NULL, NULL, 0);
  for (k = 0; k < ncell; k++)
    c->off[k + 1] += c->off[k];
  cur = idt_malloc(ncell * sizeof *cur);
  c->idx = idt_malloc(((size_t)c->off[ncell] + 1) * sizeof *c->idx);
  if (!cur || !c->idx) {
    idt_free(cur);
    return idt_error_set(IDT_ENOMEM, "coast: out of memory");
  }
  memcpy(cur, c->off, ncell * sizeof *cur);
  for (i = 0; i < c->nseg; i++)
    seg_cells(&c->seg[i], NULL, cur, c->idx, (uint32_t)i);
  idt_free(cur);
  return 0;
}

int idt_aisev_coast_topojson(idt_aisev_coast **out, const char *json, size_t n)
{
  json_error_t err;
  json_t *root;
  idt_aisev_coast *c;
  int rc;
  *out = NULL;
  if (!(root = json_loadb(json, n, 0, &err)))
    return idt_error_set(IDT_EPARSE, "coast: line %d: %s", err.line, err.text);
  if (!(c = idt_calloc(1, sizeof *c))) {
    json_decref(root);
    return idt_error_set(IDT_ENOMEM, "coast: out of memory");
  }
  rc = decode_arcs(c, root);
  json_decref(root);
  if (!rc && !c->nseg)
    rc = idt_error_set(IDT_EPARSE, "coast: no segments");
  if (!rc)
    rc = build_grid(c);
  if (rc) {
    idt_aisev_coast_free(c);
    return rc;
  }
  *out = c;
  return 0;
}

int idt_aisev_coast_builtin(idt_aisev_coast **out)
{
  const idt_asset *a = idt_webui_find("land-50m.json");
  *out = NULL;
  if (!a)
    return idt_error_set(IDT_ENOTFOUND, "coast: land-50m.json not built in "
                         "(web/dist missing at build time)");
  return idt_aisev_coast_topojson(out, (const char *)a->data, a->len);
}

void idt_aisev_coast_free(idt_aisev_coast *c)
{
  if (!c)
    return;
  idt_free(c->seg);
  idt_free(c->off);
  idt_free(c->idx);
  idt_free(c);
}

size_t idt_aisev_coast_nsegs(const idt_aisev_coast *c) { return c ? c->nseg : 0; }

/* Even-odd count of segments crossed by the ray north of (lat, lon); each
 * crossing counted in the cell holding its latitude only. */
static int on_land(const idt_aisev_coast *c, double lat, double lon)
{
  int x = cell_x(lon), y, in = 0;
  for (y = cell_y(lat); y < NY; y++) {
    size_t cell = (size_t)y * NX + x;
    double lo = y * CD - 90, hi = lo + CD;
    uint32_t k;
    for (k = c->off[cell]; k < c->off[cell + 1]; k++) {
      const cseg *s = &c->seg[c->idx[k]];
      double yc;
      if ((s->x1 > lon) == (s->x2 > lon))
        continue;
      yc = s->y1 + (lon - s->x1) * (s->y2 - s->y1) / (s->x2 - s->x1);
      if (yc > lat && yc >= lo && (yc < hi || y == NY - 1))
        in ^= 1;
    }
  }
  return in;
}

/* Squared planar distance (degrees of latitude) from the origin to the
 * segment, with the nearest point's lon/lat offsets. */
static double seg_d2(const cseg *s, double lat, double lon, double kx,
                     double *nx, double *ny)
{
  double ax = s->x1 - lon, bx = s->x2 - lon, ay = s->y1 - lat, by = s->y2 - lat;
  double dx, dy, t, l2, px, py;
  if (ax > 180) { ax -= 360; bx -= 360; }
  else if (ax < -180) { ax += 360; bx += 360; }
  ax *= kx;
  bx *= kx;
  dx = bx - ax;
  dy = by - ay;
  l2 = dx * dx + dy * dy;
  t = l2 > 0 ? -(ax * dx + ay * dy) / l2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  px = ax + t * dx;
  py = ay + t * dy;
  *nx = px / kx;
  *ny = py;
  return px * px + py * py;
}

double idt_aisev_coast_dist(const idt_aisev_coast *c, double lat, double lon)
{
  double kx, best = HUGE_VAL, bx = 0, by = 0;
  int cx, cy, r;
  if (!c || isnan(lat) || isnan(lon))
    return HUGE_VAL;
  if (on_land(c, lat, lon))
    return 0;
  kx = cos(lat * IDT__DEG2RAD);
  if (kx < 0.01)
    kx = 0.01;
  cx = cell_x(lon);
  cy = cell_y(lat);
  for (r = 0; r <= NX / 2; r++) {
    double lb = (r - 1) * CD * kx;
    int dy, dx;
    if (r > 0 && lb > 0 && lb * lb > best)
      break;
    for (dy = -r; dy <= r; dy++) {
      int y = cy + dy, step = (dy == -r || dy == r) ? 1 : 2 * r;
      if (y < 0 || y >= NY)
        continue;
      for (dx = -r; dx <= r; dx += step ? step : 1) {
        int x = ((cx + dx) % NX + NX) % NX;
        size_t cell = (size_t)y * NX + x;
        uint32_t k;
        for (k = c->off[cell]; k < c->off[cell + 1]; k++) {
          double nx, ny, d2 = seg_d2(&c->seg[c->idx[k]], lat, lon, kx, &nx, &ny);
          if (d2 < best) {
            best = d2;
            bx = nx;
            by = ny;
          }
        }
        if (!r)
          break;
      }
    }
  }
  if (isinf(best))
    return HUGE_VAL;
  return idt_geo_dist_m(lat, lon, lat + by, lon + bx);
}
