/*
 * fuzz_geojson.c - the places readers: GeoJSON zones (jansson) and port
 * lists (libcsv). The first byte picks the reader ('C': CSV, anything
 * else: GeoJSON) so one corpus covers both; after a successful load the
 * point-in-polygon and nearest-port queries run on a few points.
 */
#include <stddef.h>
#include <stdint.h>
#include "interdict/aisevents.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  idt_aisev_places *p = NULL;
  static const double pts[][2] = {{38.7, 125.4}, {39.3, 129.6}, {0, 0}, {-89.9, 179.9},
                                  {30.5, 125.5}, {31.0, 121.0}};
  size_t i, z;
  int rc;
  if (size < 1 || idt_aisev_places_new(&p))
    return 0;
  if (data[0] == 'C')
    rc = idt_aisev_places_ports_mem(p, "fuzz.csv", (const char *)data + 1, size - 1);
  else
    rc = idt_aisev_places_geojson_mem(p, "fuzz.json", (const char *)data + 1, size - 1,
                                      IDT_ZONE_WATCH);
  if (!rc)
    for (i = 0; i < sizeof pts / sizeof pts[0]; i++) {
      idt_aisev_places_nearest(p, pts[i][0], pts[i][1], NULL);
      idt_aisev_places_in_watch(p, pts[i][0], pts[i][1]);
      for (z = 0; z < idt_aisev_places_nzones(p); z++)
        idt_aisev_places_in_zone(p, z, pts[i][0], pts[i][1]);
    }
  idt_aisev_places_free(p);
  return 0;
}
