/*
 * fuzz_ais_nmea.c - one input is one line for idt_ais_sentence_parse (and
 * $PGHP through the decoder); the parser must never read outside the line.
 * The input is copied to an exact-size heap block so ASan sees overreads.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "interdict/ais.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *line = malloc(size ? size : 1);
  idt_ais_sentence s;
  if (!line)
    return 0;
  memcpy(line, data, size);
  if (idt_ais_sentence_parse(&s, line, size) == 0) {
    /* Everything the parser hands back must lie inside the line. */
    if (s.payload < line || s.payload + s.payload_len > line + size)
      abort();
    if (s.source && (s.source < line || s.source + s.source_len > line + size))
      abort();
    if (s.count < 1 || s.count > 9 || s.index < 1 || s.index > s.count || s.fill > 5)
      abort();
  }
  free(line);
  return 0;
}
