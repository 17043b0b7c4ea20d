/* fuzz_net_pct.c - the ownership-percentage parser (idt_net_parse_pct) and
 * the edge-type list parser (idt_net_mask_parse) on arbitrary bytes. The
 * parser's contract is checked, not just its survival: on success
 * 0 <= lo <= hi <= 100. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "interdict/net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  double lo = -1, hi = -1;
  char *s;
  uint32_t mask;
  if (idt_net_parse_pct((const char *)data, size, &lo, &hi) == 0 &&
      !(lo >= 0 && lo <= hi && hi <= 100))
    abort();
  if (!(s = malloc(size + 1)))
    return 0;
  memcpy(s, data, size);
  s[size] = 0;
  if (idt_net_mask_parse(s, &mask) == 0 && (mask & ~(uint32_t)IDT_NET_ALL))
    abort();
  free(s);
  return 0;
}
