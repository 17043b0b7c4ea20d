/* fuzz_ofac_csv.c - the ofac-csv parser on arbitrary bytes. The input is
 * split on 0x1E (ASCII record separator) into sdn, alt, add and comments,
 * so one input exercises the joins; without 0x1E it is sdn.csv alone. */
#include <stdint.h>
#include <string.h>
#include "interdict/ingest.h"

static int emit(void *ctx, idt_entity *e)
{
  (void)ctx;
  (void)idt_entity_caption(e);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
  idt_mem part[4] = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 }, { NULL, 0 } };
  const char *p = (const char *)data, *end = p + size;
  int i = 0;
  o.emit = emit;
  while (i < 4) {
    const char *rs = memchr(p, 0x1E, (size_t)(end - p));
    part[i].p = p;
    part[i].n = rs && i < 3 ? (size_t)(rs - p) : (size_t)(end - p);
    i++;
    if (!rs || i == 4)
      break;
    p = rs + 1;
  }
  idt_ingest_ofac_csv_mem(part[0], part[1], part[2], part[3], &o);
  return 0;
}
