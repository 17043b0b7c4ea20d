/* fuzz_uk_xml.c - the uk_xml parser on arbitrary bytes (idt_ingest_uk_xml_mem). */
#include <stdint.h>
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
  idt_mem m;
  m.p = (const char *)data;
  m.n = size;
  o.emit = emit;
  idt_ingest_uk_xml_mem("fuzz", m, &o);
  return 0;
}
