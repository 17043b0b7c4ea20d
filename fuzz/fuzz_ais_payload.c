/*
 * fuzz_ais_payload.c - raw bits into idt_ais_decode_bits: the first two
 * bytes give the bit length (so every length policy boundary is reached),
 * the rest are the payload; decoded messages are formatted every way,
 * including into a small buffer that must fail cleanly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "interdict/ais.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  idt_ais_msg *m;
  size_t nbits;
  char out[4096], small[64];
  int f;
  if (size < 3)
    return 0;
  nbits = ((size_t)data[0] << 8 | data[1]) % (8 * (size - 2) + 1);
  m = malloc(sizeof *m);
  if (!m)
    return 0;
  if (idt_ais_decode_bits(m, data + 2, nbits) == 0) {
    for (f = IDT_AIS_FMT_JSON; f <= IDT_AIS_FMT_CSV; f++) {
      idt_ais_fmt_opts fo = { f, IDT_AIS_GPSD_HEAD, NULL };
      int n = idt_ais_format(out, sizeof out, m, &fo);
      if (n < 0 || (size_t)n >= sizeof out)
        abort();
      fo.dialect = IDT_AIS_GPSD_322;
      (void)idt_ais_format(small, sizeof small, m, &fo);
    }
  }
  free(m);
  return 0;
}
