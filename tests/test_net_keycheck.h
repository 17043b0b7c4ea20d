/*
 * test_net_keycheck.h - our articulation points and components
 * (src/graph/keynode.c) against igraph's on a finished net; shared by
 * test_net_keynode.c, test_net.c (KEK) and test_net_aml.c (AMLSim).
 */
#ifndef TEST_NET_KEYCHECK_H
#define TEST_NET_KEYCHECK_H
#include <stdlib.h>
#include "tap.h"
#include "graph/net_int.h"

/* The number of articulation points (so a caller can show the case is not
 * vacuous), or -1 when any node's flag or component differs from igraph's. */
static long keynodes_match(idt_net *n, const char *what)
{
  uint8_t *ref = calloc((size_t)n->n + 1, 1);
  int32_t *c1 = calloc((size_t)n->n + 1, 4), *c2 = calloc((size_t)n->n + 1, 4);
  long ap = 0, diff_ap = 0, diff_c = 0;
  int nc;
  uint32_t v;
  nc = idt__net_artic(n, c1);
  CHECK(nc >= 0);
  CHECK_OK(idt__net_keynodes_igraph(n, ref, c2));
  for (v = 0; v < n->n; v++) {
    int ours = (n->flags[v] & NODE_ARTIC) != 0;
    ap += ours;
    diff_ap += ours != ref[v];
    diff_c += c1[v] != c2[v];
  }
  tap_diag("%s: %u nodes, %d components, %ld articulation points; differ from "
           "igraph: %ld flags, %ld components", what, n->n, nc, ap, diff_ap, diff_c);
  CHECK_INT(diff_ap, 0);
  CHECK_INT(diff_c, 0);
  free(ref);
  free(c1);
  free(c2);
  return diff_ap || diff_c ? -1 : ap;
}
#endif
