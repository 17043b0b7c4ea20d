/*
 * fuzz_coast.c - the coastline reader (TopoJSON arcs through jansson) and
 * the distance and on-land queries on a few points after a successful load.
 */
#include <stddef.h>
#include <stdint.h>
#include "interdict/aisevents.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  idt_aisev_coast *c = NULL;
  static const double pts[][2] = {{38.7, 125.4}, {0.5, 0.5}, {0, 0}, {-89.9, 179.9},
                                  {89.9, -179.9}, {-48.9, -123.4}};
  size_t i;
  if (idt_aisev_coast_topojson(&c, (const char *)data, size))
    return 0;
  for (i = 0; i < sizeof pts / sizeof pts[0]; i++)
    idt_aisev_coast_dist(c, pts[i][0], pts[i][1]);
  idt_aisev_coast_free(c);
  return 0;
}
