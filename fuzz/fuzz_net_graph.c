/* fuzz_net_graph.c - arbitrary FtM JSON lines through the graph: build
 * (relations, sanctions, pivots, dangling references, self-loops), every
 * exposure computation, explanations, and all four exports. The FtM parser
 * is the ingest module's; what is fuzzed here is what the graph makes of
 * whatever entities it lets through. */
#include <stdint.h>
#include <stdio.h>
#include "interdict/ingest.h"
#include "interdict/net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const char *const fmts[] = { "graphml", "gexf", "dot", "ftm" };
  idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
  idt_net_opts no = IDT_NET_OPTS_INIT;
  idt_net *n;
  idt_mem m;
  size_t i;
  uint32_t v;
  FILE *sink;
  no.today = "2026-01-01";
  no.pivot_cap = 3;
  if (idt_net_new(&n, &no))
    return 0;
  m.p = (const char *)data;
  m.n = size;
  o.emit = idt_net_add;
  o.ctx = n;
  idt_ingest_ftm_mem("fuzz", m, &o);
  if (idt_net_finish(n) == 0 && idt_net_compute(n, NULL) == 0) {
    idt_net_exposure x;
    uint32_t *order;
    size_t k;
    for (v = 0; v < idt_net_count(n); v++)
      idt_net_exposure_at(n, v, &x);
    if (idt_net_ranking(n, &order, &k) == 0)
      idt_free(order);
    if (idt_net_count(n) >= 2 && idt_net_exposure_at(n, 0, &x) == 0) {
      idt_net_exposure y;
      idt_net_path *p;
      if (idt_net_exposure_at(n, (uint32_t)idt_net_count(n) - 1, &y) == 0 &&
          idt_net_path_between(n, x.entity_id, y.entity_id, IDT_NET_ALL, &p) == 0) {
        idt_free(idt_net_path_format(p));
        idt_net_path_free(p);
      }
    }
    if ((sink = fopen("/dev/null", "w"))) {
      for (i = 0; i < 4; i++)
        idt_net_export(n, fmts[i], NULL, 0, sink);
      fclose(sink);
    }
  }
  idt_net_free(n);
  return 0;
}
