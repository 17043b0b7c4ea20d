/*
 * fuzz_ais_reassembly.c - a stream of lines (split on '\n') through one
 * decoder: reassembly with interleaved, repeated, missing and out-of-order
 * fragments, type 24 pairing, $PGHP and tag blocks; every message decoded
 * is also formatted in all four formats.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "interdict/ais.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  idt_ais_decoder *d;
  idt_ais_msg *m = malloc(sizeof *m);
  idt_ais_decoder_opts o = IDT_AIS_DECODER_OPTS_INIT;
  char out[4096];
  size_t i = 0;
  o.max_age = 8;
  if (!m || idt_ais_decoder_new(&d, &o) < 0) {
    free(m);
    return 0;
  }
  while (i < size) {
    const uint8_t *nl = memchr(data + i, '\n', size - i);
    size_t len = nl ? (size_t)(nl - (data + i)) : size - i;
    char *line = malloc(len ? len : 1);
    if (!line)
      break;
    memcpy(line, data + i, len);
    if (idt_ais_decoder_line(d, line, len, m) == 1) {
      int f;
      for (f = IDT_AIS_FMT_JSON; f <= IDT_AIS_FMT_CSV; f++) {
        idt_ais_fmt_opts fo = { f, f & 1 ? IDT_AIS_GPSD_322 : IDT_AIS_GPSD_HEAD, "x" };
        if (idt_ais_format(out, sizeof out, m, &fo) < 0)
          abort();
      }
    }
    free(line);
    i += len + 1;
  }
  idt_ais_decoder_free(d);
  free(m);
  return 0;
}
