/*
 * fuzz_ais_armor.c - de-armour arbitrary bytes at an arbitrary starting bit
 * offset (the first byte picks it), then read every field width at every
 * position through the public bit readers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "interdict/ais.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  uint8_t bits[IDT_AIS_MAX_BITS / 8];
  size_t nbits, i;
  unsigned w;
  if (size < 1)
    return 0;
  memset(bits, 0, sizeof bits);
  nbits = data[0] % 64;
  if (idt_ais_dearmor(bits, IDT_AIS_MAX_BITS, &nbits, (const char *)data + 1, size - 1) == 0) {
    if (nbits != data[0] % 64 + 6 * (size - 1))
      abort();
    for (i = 0; i < nbits + 40; i += 7)
      for (w = 1; w <= 32; w += 5) {
        uint32_t u = idt_ais_ubits(bits, nbits, (unsigned)i, w);
        if (w < 32 && (u >> w))
          abort();
        (void)idt_ais_sbits(bits, nbits, (unsigned)i, w);
      }
  }
  return 0;
}
