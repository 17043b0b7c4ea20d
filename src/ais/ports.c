/*
 * ports.c - ports as points: the built-in DPRK list, CSV port lists (libcsv)
 * and the nearest-port query; "distance from shore" (idt_aisev_places_shore)
 * is the Natural Earth coastline (coast.c) when one is set, else this
 * nearest port, which over-estimates it along empty coasts
 * (docs/design/events.md).
 *
 * Query: ports in 1-degree cells (CSR), rings of cells searched outwards
 * until the ring is farther than the best port found. Rejected: a k-d tree
 * (more code for ~4,000 points that a grid already answers in a few cells).
 */
#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ais/events_int.h"
#include "common/util.h"

#define NCELL (180 * 360)

/* data/reference/dprk_ports.csv rows with coordinates (Taean has none). */
static const struct { const char *name; double lat, lon; } dprk_ports[] = {
  {"NAMPO", 38.716667, 125.400000},   {"SONGNIM", 38.733333, 125.616667},
  {"HAEJU", 38.000000, 125.700000},   {"CHONGJIN", 41.766667, 129.816667},
  {"RAJIN", 42.233333, 130.300000},   {"SONBONG", 42.333333, 130.400000},
  {"HUNGNAM", 39.833333, 127.616667}, {"WONSAN", 39.166667, 127.450000},
  {"KIMCHAEK", 40.666667, 129.200000},{"CHAHO", 40.200000, 128.650000},
  {"SINPO", 40.066667, 128.266667},   {"TANCHON", 40.416667, 128.933333},
  {"RIWON", 40.316667, 128.633333},   {"ODAEJIN", 41.383333, 129.750000},
};

int idt_aisev_places_new(idt_aisev_places **out)
{
  idt_aisev_places *p = idt_calloc(1, sizeof *p);
  *out = p;
  if (!p)
    return IDT_ENOMEM;
  idt_arena_init(&p->arena);
  return 0;
}

void idt_aisev_places_free(idt_aisev_places *p)
{
  if (!p)
    return;
  idt_arena_free(&p->arena);
  idt_free(p->ports);
  idt_free(p->cell_off);
  idt_free(p->cell_idx);
  idt__zones_free(p);
  idt_free(p);
}

void idt_aisev_places_set_coast(idt_aisev_places *p, const idt_aisev_coast *c)
{
  if (p)
    p->coast = c;
}

double idt_aisev_places_shore(const idt_aisev_places *p, double lat, double lon)
{
  if (!p)
    return HUGE_VAL;
  if (p->coast)
    return idt_aisev_coast_dist(p->coast, lat, lon);
  return idt_aisev_places_nearest(p, lat, lon, NULL);
}

size_t idt_aisev_places_nports(const idt_aisev_places *p) { return p ? p->nports : 0; }

int idt_aisev_places_add_port(idt_aisev_places *p, const char *name,
                              const char *iso3, double lat, double lon)
{
  idt_aisev_port *np;
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
    return idt_error_set(IDT_EINVAL, "port %s: coordinates %g,%g out of range",
                         name, lat, lon);
  if (p->nports == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 256;
    if (!(np = idt_realloc(p->ports, cap * sizeof *np)))
      return IDT_ENOMEM;
    p->ports = np;
    p->cap = cap;
  }
  np = &p->ports[p->nports];
  memset(np, 0, sizeof *np);
  if (!(np->name = idt_arena_strdup(&p->arena, name ? name : "")))
    return IDT_ENOMEM;
  snprintf(np->iso3, sizeof np->iso3, "%s", iso3 ? iso3 : "");
  np->lat = lat;
  np->lon = lon;
  np->dprk = iso3 && !strcmp(iso3, "PRK");
  p->nports++;
  p->grid_ok = 0;
  return 0;
}

int idt_aisev_places_add_dprk(idt_aisev_places *p)
{
  size_t i;
  int rc;
  for (i = 0; i < sizeof dprk_ports / sizeof dprk_ports[0]; i++)
    if ((rc = idt_aisev_places_add_port(p, dprk_ports[i].name, "PRK",
                                        dprk_ports[i].lat, dprk_ports[i].lon)))
      return rc;
  return 0;
}

static int cell_of(double lat, double lon)
{
  int r = (int)floor(lat + 90), c = (int)floor(lon + 180);
  if (r < 0) r = 0;
  if (r > 179) r = 179;
  if (c < 0) c = 0;
  if (c > 359) c = 359;
  return r * 360 + c;
}

static int build_grid(idt_aisev_places *p)
{
  size_t i;
  uint32_t *off, *idx, *fill;
  if (p->grid_ok)
    return 0;
  off = idt_calloc(NCELL + 1, sizeof *off);
  idx = idt_malloc((p->nports ? p->nports : 1) * sizeof *idx);
  fill = idt_calloc(NCELL, sizeof *fill);
  if (!off || !idx || !fill) {
    idt_free(off);
    idt_free(idx);
    idt_free(fill);
    return IDT_ENOMEM;
  }
  for (i = 0; i < p->nports; i++)
    off[cell_of(p->ports[i].lat, p->ports[i].lon) + 1]++;
  for (i = 0; i < NCELL; i++)
    off[i + 1] += off[i];
  for (i = 0; i < p->nports; i++) {
    int c = cell_of(p->ports[i].lat, p->ports[i].lon);
    idx[off[c] + fill[c]++] = (uint32_t)i;
  }
  idt_free(fill);
  idt_free(p->cell_off);
  idt_free(p->cell_idx);
  p->cell_off = off;
  p->cell_idx = idx;
  p->grid_ok = 1;
  return 0;
}

static double nearest(const idt_aisev_places *cp, double lat, double lon,
                      int dprk_only, const idt_aisev_port **port)
{
  idt_aisev_places *p = (idt_aisev_places *)cp;  /* lazy index only */
  double best = HUGE_VAL;
  const idt_aisev_port *bp = NULL;
  int r0, c0, k;
  size_t i;
  if (port)
    *port = NULL;
  if (!p || !p->nports)
    return HUGE_VAL;
  if (dprk_only || p->nports < 64 || build_grid(p)) {
    for (i = 0; i < p->nports; i++) {
      double d;
      if (dprk_only && !p->ports[i].dprk)
        continue;
      d = idt_geo_dist_m(lat, lon, p->ports[i].lat, p->ports[i].lon);
      if (d < best) {
        best = d;
        bp = &p->ports[i];
      }
    }
    goto out;
  }
  r0 = (int)floor(lat + 90);
  c0 = (int)floor(lon + 180);
  for (k = 0; k <= 180; k++) {
    int r, c;
    /* Cells of ring k are at least (k-1) cells away; a cell is at least
     * 111 km * cos(lat) wide in longitude near this latitude. */
    double wlat = fabs(lat) + k + 1 > 89 ? 0 : cos((fabs(lat) + k + 1) * IDT__DEG2RAD);
    double ring_min = (k - 1) * 111195.0 * (wlat < 1 ? wlat : 1);
    if (bp && k > 0 && ring_min > best)
      break;
    for (r = r0 - k; r <= r0 + k; r++) {
      if (r < 0 || r > 179)
        continue;
      for (c = c0 - k; c <= c0 + k; c++) {
        int cc = ((c % 360) + 360) % 360;
        uint32_t j;
        if (r != r0 - k && r != r0 + k && c != c0 - k && c != c0 + k)
          continue;      /* interior: done in an earlier ring */
        for (j = p->cell_off[r * 360 + cc]; j < p->cell_off[r * 360 + cc + 1]; j++) {
          const idt_aisev_port *q = &p->ports[p->cell_idx[j]];
          double d = idt_geo_dist_m(lat, lon, q->lat, q->lon);
          if (d < best) {
            best = d;
            bp = q;
          }
        }
      }
    }
    if (k > 2 * 360)
      break;
  }
out:
  if (port)
    *port = bp;
  return best;
}

double idt_aisev_places_nearest(const idt_aisev_places *p, double lat,
                                double lon, const idt_aisev_port **port)
{
  return nearest(p, lat, lon, 0, port);
}

double idt_aisev_places_nearest_dprk(const idt_aisev_places *p, double lat,
                                     double lon, const idt_aisev_port **port)
{
  return nearest(p, lat, lon, 1, port);
}

/* Korea Bay: the Yellow Sea's northern arm between the Liaodong peninsula
 * and the DPRK's west coast, bounded to the south by the line Laotieshan
 * (Lushun) - Changsan-got: an approximation as a box, 38.0-40.0 N and
 * 121.8-125.5 E, since the project has no IHO sea-areas file. */
int idt_aisev_in_korea_bay(double lat, double lon)
{
  return lat >= 38.0 && lat <= 40.0 && lon >= 121.8 && lon <= 125.5;
}

/* ---- CSV port lists ---- */

#define MAXF 32
typedef struct rd {
  idt_aisev_places *p;
  const char *name;
  size_t line, nf;
  char *f[MAXF];
  int header, c_name, c_iso, c_lat, c_lon, dprk_list;
  int rc;
} rd;

static void on_field(void *s, size_t n, void *data)
{
  rd *r = data;
  if (r->rc || r->nf >= MAXF) {
    r->nf++;
    return;
  }
  if (!(r->f[r->nf] = idt_strndup(s ? s : "", s ? n : 0)))
    r->rc = IDT_ENOMEM;
  r->nf++;
}

static int col(rd *r, const char *a, const char *b)
{
  size_t i;
  for (i = 0; i < r->nf && i < MAXF; i++)
    if (r->f[i] && (!strcmp(r->f[i], a) || (b && !strcmp(r->f[i], b))))
      return (int)i;
  return -1;
}

static int num(const char *s, double *out)
{
  char *end;
  if (!s || !*s)
    return -1;
  *out = strtod(s, &end);
  return *end ? -1 : 0;
}

static void on_record(int c, void *data)
{
  rd *r = data;
  size_t i, nf = r->nf < MAXF ? r->nf : MAXF;
  (void)c;
  r->line++;
  if (r->rc)
    goto out;
  if (!r->header) {
    r->header = 1;
    r->c_lat = col(r, "latitude", "lat");
    r->c_lon = col(r, "longitude", "lon");
    r->c_iso = col(r, "iso3", NULL);
    r->c_name = col(r, "label", "name");
    r->dprk_list = col(r, "alt_names", NULL) >= 0 && r->c_iso < 0;
    if (r->c_lat < 0 || r->c_lon < 0 || r->c_name < 0)
      r->rc = idt_error_set(IDT_EPARSE, "%s:1: need name/label, lat/latitude "
                            "and lon/longitude columns", r->name);
    goto out;
  }
  {
    double lat, lon;
    const char *nm = (size_t)r->c_name < nf ? r->f[r->c_name] : NULL;
    const char *iso = r->dprk_list ? "PRK"
                      : (r->c_iso >= 0 && (size_t)r->c_iso < nf) ? r->f[r->c_iso] : "";
    if ((size_t)r->c_lat >= nf || (size_t)r->c_lon >= nf ||
        !r->f[r->c_lat][0] || !r->f[r->c_lon][0])
      goto out;             /* no coordinates (Taean): skipped */
    if (num(r->f[r->c_lat], &lat) || num(r->f[r->c_lon], &lon) ||
        !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      r->rc = idt_error_set(IDT_EPARSE, "%s:%zu: bad coordinates '%s','%s'",
                            r->name, r->line, r->f[r->c_lat], r->f[r->c_lon]);
      goto out;
    }
    r->rc = idt_aisev_places_add_port(r->p, nm ? nm : "", iso, lat, lon);
  }
out:
  for (i = 0; i < nf; i++) {
    idt_free(r->f[i]);
    r->f[i] = NULL;
  }
  r->nf = 0;
}

static void *csv_realloc(void *p, size_t n) { return idt_realloc(p, n); }

int idt_aisev_places_ports_mem(idt_aisev_places *p, const char *name,
                               const char *csvtext, size_t n)
{
  struct csv_parser cp;
  rd r;
  size_t i;
  memset(&r, 0, sizeof r);
  r.p = p;
  r.name = name ? name : "<ports>";
  if (csv_init(&cp, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
    return idt_error_set(IDT_ENOMEM, "%s: csv_init failed", r.name);
  csv_set_realloc_func(&cp, csv_realloc);
  csv_set_free_func(&cp, idt_free);
  if (csv_parse(&cp, csvtext, n, on_field, on_record, &r) != n && !r.rc)
    r.rc = idt_error_set(IDT_EPARSE, "%s:%zu: %s", r.name, r.line + 1,
                         csv_strerror(csv_error(&cp)));
  if (!r.rc && csv_fini(&cp, on_field, on_record, &r) != 0)
    r.rc = idt_error_set(IDT_EPARSE, "%s:%zu: %s", r.name, r.line + 1,
                         csv_strerror(csv_error(&cp)));
  for (i = 0; i < MAXF; i++)
    idt_free(r.f[i]);
  csv_free(&cp);
  if (!r.rc && !r.header)
    r.rc = idt_error_set(IDT_EPARSE, "%s: empty port list", r.name);
  return r.rc;
}

int idt_aisev_places_load_ports(idt_aisev_places *p, const char *path)
{
  idt_buf b;
  int rc;
  idt_buf_init(&b, (size_t)64 << 20);
  if (!(rc = idt_read_file(path, &b)))
    rc = idt_aisev_places_ports_mem(p, path, b.p ? b.p : "", b.len);
  idt_buf_free(&b);
  return rc;
}
