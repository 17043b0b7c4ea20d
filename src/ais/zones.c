/*
 * zones.c - user polygons from GeoJSON (jansson) and point-in-polygon.
 *
 * A zone is every ring of its Polygon/MultiPolygon as one edge list under
 * the even-odd rule, which honours holes and disjoint parts without telling
 * rings apart. Edges are indexed by latitude band (CSR): a horizontal ray
 * from the point crosses only edges of its own band, so a test on the
 * 3,000-vertex DPRK 12 nm polygon reads a handful of edges instead of all.
 * Rejected: a uniform 2-D cell grid with per-cell inside flags (faster on
 * huge polygons, but needs a seed point per cell and more code than the
 * polygons here need).
 */
#include <jansson.h>
#include <math.h>
#include <string.h>
#include "ais/events_int.h"
#include "common/util.h"

void idt__zones_free(idt_aisev_places *p)
{
  size_t i;
  for (i = 0; i < p->nzones; i++) {
    idt_free(p->zones[i].name);
    idt_free(p->zones[i].e);
    idt_free(p->zones[i].band_off);
    idt_free(p->zones[i].band_idx);
  }
  idt_free(p->zones);
  p->zones = NULL;
  p->nzones = p->zcap = 0;
}

size_t idt_aisev_places_nzones(const idt_aisev_places *p) { return p ? p->nzones : 0; }

const char *idt_aisev_places_zone_name(const idt_aisev_places *p, size_t i)
{
  return p && i < p->nzones ? p->zones[i].name : NULL;
}

static int add_edge(idt__zone *z, double x1, double y1, double x2, double y2)
{
  if (y1 == y2)
    return 0;             /* horizontal edges never cross a horizontal ray */
  if (z->ne == z->cap) {
    size_t cap = z->cap ? z->cap * 2 : 64;
    idt__edge *e = idt_realloc(z->e, cap * sizeof *e);
    if (!e)
      return IDT_ENOMEM;
    z->e = e;
    z->cap = cap;
  }
  z->e[z->ne].x1 = x1;
  z->e[z->ne].y1 = y1;
  z->e[z->ne].x2 = x2;
  z->e[z->ne].y2 = y2;
  z->ne++;
  return 0;
}

static int pt(json_t *p, double *x, double *y)
{
  if (!json_is_array(p) || json_array_size(p) < 2 ||
      !json_is_number(json_array_get(p, 0)) || !json_is_number(json_array_get(p, 1)))
    return -1;
  *x = json_number_value(json_array_get(p, 0));
  *y = json_number_value(json_array_get(p, 1));
  return isfinite(*x) && isfinite(*y) && fabs(*y) <= 90 && fabs(*x) <= 540 ? 0 : -1;
}

static int add_ring(idt__zone *z, json_t *ring, const char *src)
{
  size_t i, n = json_is_array(ring) ? json_array_size(ring) : 0;
  double x0, y0, x1, y1, x, y;
  int rc;
  if (n < 3)
    return idt_error_set(IDT_EPARSE, "%s: polygon ring with %zu positions", src, n);
  if (pt(json_array_get(ring, 0), &x0, &y0))
    return idt_error_set(IDT_EPARSE, "%s: bad position in a ring", src);
  x1 = x0;
  y1 = y0;
  for (i = 0; i <= n; i++) {
    if (i < n) {
      if (pt(json_array_get(ring, i), &x, &y))
        return idt_error_set(IDT_EPARSE, "%s: bad position %zu in a ring", src, i);
    } else {
      x = x0;           /* close the ring even when the file does not */
      y = y0;
    }
    if (x < z->minx) z->minx = x;
    if (x > z->maxx) z->maxx = x;
    if (y < z->miny) z->miny = y;
    if (y > z->maxy) z->maxy = y;
    if (i && (rc = add_edge(z, x1, y1, x, y)))
      return rc;
    x1 = x;
    y1 = y;
  }
  return 0;
}

static int add_polygon(idt__zone *z, json_t *rings, const char *src)
{
  size_t i;
  int rc;
  if (!json_is_array(rings) || !json_array_size(rings))
    return idt_error_set(IDT_EPARSE, "%s: Polygon without rings", src);
  for (i = 0; i < json_array_size(rings); i++)
    if ((rc = add_ring(z, json_array_get(rings, i), src)))
      return rc;
  return 0;
}

static int index_zone(idt__zone *z)
{
  size_t i;
  unsigned nb = (unsigned)(z->ne / 4 + 1), b;
  uint32_t *fill;
  if (nb > 4096)
    nb = 4096;
  z->nband = nb;
  z->band_h = (z->maxy - z->miny) / nb;
  if (z->band_h <= 0)
    z->band_h = 1;
  if (!(z->band_off = idt_calloc(nb + 1, sizeof *z->band_off)) ||
      !(fill = idt_calloc(nb, sizeof *fill)))
    return IDT_ENOMEM;
  for (b = 0; b < 2; b++) {
    size_t total = 0;
    for (i = 0; i < z->ne; i++) {
      double lo = fmin(z->e[i].y1, z->e[i].y2), hi = fmax(z->e[i].y1, z->e[i].y2);
      unsigned b0 = (unsigned)((lo - z->miny) / z->band_h), b1 = (unsigned)((hi - z->miny) / z->band_h), k;
      if (b1 >= nb) b1 = nb - 1;
      if (b0 >= nb) b0 = nb - 1;
      for (k = b0; k <= b1; k++) {
        if (b == 0)
          z->band_off[k + 1]++;
        else
          z->band_idx[z->band_off[k] + fill[k]++] = (uint32_t)i;
        total++;
      }
    }
    if (b == 0) {
      for (i = 0; i < nb; i++)
        z->band_off[i + 1] += z->band_off[i];
      if (!(z->band_idx = idt_malloc((total ? total : 1) * sizeof *z->band_idx))) {
        idt_free(fill);
        return IDT_ENOMEM;
      }
    }
  }
  idt_free(fill);
  return 0;
}

static int add_geometry(idt_aisev_places *p, json_t *g, const char *name,
                        int kind, const char *src)
{
  const char *type = json_string_value(json_object_get(g, "type"));
  json_t *coords = json_object_get(g, "coordinates");
  idt__zone z;
  int rc = 0;
  size_t i;
  if (!type || (strcmp(type, "Polygon") && strcmp(type, "MultiPolygon")))
    return 0;                   /* points, lines: not zones; skipped */
  memset(&z, 0, sizeof z);
  z.kind = kind;
  z.minx = z.miny = HUGE_VAL;
  z.maxx = z.maxy = -HUGE_VAL;
  if (!strcmp(type, "Polygon"))
    rc = add_polygon(&z, coords, src);
  else if (!json_is_array(coords))
    rc = idt_error_set(IDT_EPARSE, "%s: MultiPolygon without coordinates", src);
  else
    for (i = 0; !rc && i < json_array_size(coords); i++)
      rc = add_polygon(&z, json_array_get(coords, i), src);
  if (!rc && !(z.name = idt_strdup(name)))
    rc = IDT_ENOMEM;
  if (!rc)
    rc = index_zone(&z);
  if (!rc && p->nzones == p->zcap) {
    size_t cap = p->zcap ? p->zcap * 2 : 4;
    idt__zone *nz = idt_realloc(p->zones, cap * sizeof *nz);
    if (!nz)
      rc = IDT_ENOMEM;
    else {
      p->zones = nz;
      p->zcap = cap;
    }
  }
  if (rc) {
    idt_free(z.name);
    idt_free(z.e);
    idt_free(z.band_off);
    idt_free(z.band_idx);
    return rc;
  }
  p->zones[p->nzones++] = z;
  return 1;
}

static const char *feature_name(json_t *f, const char *hint, char *buf, size_t cap, size_t k)
{
  json_t *pr = json_object_get(f, "properties");
  static const char *const keys[] = {"name", "geoname", "NAME", "Name", "id"};
  size_t i;
  for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    const char *s = json_string_value(json_object_get(pr, keys[i]));
    if (s && *s)
      return s;
  }
  if (k)
    snprintf(buf, cap, "%s#%zu", hint, k + 1);
  else
    snprintf(buf, cap, "%s", hint);
  return buf;
}

int idt_aisev_places_geojson_mem(idt_aisev_places *p, const char *name_hint,
                                 const char *json, size_t n, int kind)
{
  json_error_t err;
  json_t *root = json_loadb(json, n, 0, &err), *feats;
  const char *type, *src = name_hint ? name_hint : "<geojson>";
  char nb[256];
  int rc = 0, added = 0;
  size_t i;
  if (!root)
    return idt_error_set(IDT_EPARSE, "%s:%d:%d: %s", src, err.line, err.column, err.text);
  if (!json_is_object(root)) {
    json_decref(root);
    return idt_error_set(IDT_EPARSE, "%s: not a GeoJSON object", src);
  }
  type = json_string_value(json_object_get(root, "type"));
  if (type && !strcmp(type, "FeatureCollection")) {
    feats = json_object_get(root, "features");
    for (i = 0; json_is_array(feats) && i < json_array_size(feats); i++) {
      json_t *f = json_array_get(feats, i);
      if (!json_is_object(f))
        continue;
      rc = add_geometry(p, json_object_get(f, "geometry"),
                        feature_name(f, src, nb, sizeof nb, i), kind, src);
      if (rc < 0)
        break;
      added += rc;
    }
  } else if (type && !strcmp(type, "Feature")) {
    rc = add_geometry(p, json_object_get(root, "geometry"),
                      feature_name(root, src, nb, sizeof nb, 0), kind, src);
    added += rc > 0;
  } else {
    rc = add_geometry(p, root, src, kind, src);
    added += rc > 0;
  }
  json_decref(root);
  if (rc < 0)
    return rc;
  if (!added)
    return idt_error_set(IDT_EPARSE, "%s: no Polygon or MultiPolygon", src);
  return 0;
}

int idt_aisev_places_load_geojson(idt_aisev_places *p, const char *path, int kind)
{
  idt_buf b;
  int rc;
  const char *base = strrchr(path, '/');
  idt_buf_init(&b, (size_t)256 << 20);
  if (!(rc = idt_read_file(path, &b)))
    rc = idt_aisev_places_geojson_mem(p, base ? base + 1 : path, b.p ? b.p : "",
                                      b.len, kind);
  idt_buf_free(&b);
  return rc;
}

int idt_aisev_places_in_zone(const idt_aisev_places *p, size_t i, double lat,
                             double lon)
{
  const idt__zone *z;
  unsigned b;
  uint32_t k;
  int in = 0;
  if (!p || i >= p->nzones)
    return 0;
  z = &p->zones[i];
  if (lat < z->miny || lat > z->maxy || lon < z->minx || lon > z->maxx)
    return 0;
  b = (unsigned)((lat - z->miny) / z->band_h);
  if (b >= z->nband)
    b = z->nband - 1;
  for (k = z->band_off[b]; k < z->band_off[b + 1]; k++) {
    const idt__edge *e = &z->e[z->band_idx[k]];
    if ((e->y1 > lat) != (e->y2 > lat) &&
        lon < e->x1 + (lat - e->y1) * (e->x2 - e->x1) / (e->y2 - e->y1))
      in = !in;
  }
  return in;
}

int idt_aisev_places_in_watch(const idt_aisev_places *p, double lat, double lon)
{
  size_t i;
  for (i = 0; p && i < p->nzones; i++)
    if (p->zones[i].kind == IDT_ZONE_WATCH && idt_aisev_places_in_zone(p, i, lat, lon))
      return (int)i;
  return -1;
}
