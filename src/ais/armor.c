/*
 * armor.c - AIS 6-bit de-armouring and bit extraction.
 *
 * Each payload character carries 6 bits: subtract 48, and 8 more when the
 * result exceeds 40 (ITU-R M.1371 annex 8 via IEC 61162-1; AIVDM.adoc
 * "AIVDM/AIVDO payload armoring"); anything outside that alphabet is
 * rejected with its position. Bits are packed MSB first, the layout every
 * field table in ITU-R M.1371 is written in.
 */
#include <string.h>
#include "ais/ais_int.h"

/* Value of an armoured character, or 0xFF outside '0'-'W' and '`'-'w'. */
static inline unsigned sixbit(unsigned char c)
{
  if (c >= '0' && c <= 'W')
    return c - 48u;
  if (c >= '`' && c <= 'w')
    return c - 56u;
  return 0xFFu;
}

int idt_ais_dearmor(uint8_t *bits, size_t cap_bits, size_t *nbits,
                    const char *payload, size_t n)
{
  size_t pos = *nbits & ~(size_t)7, i;
  uint32_t acc = 0;
  unsigned have;
  if (pos + 6 * n > cap_bits)
    return idt_error_set(IDT_ELIMIT, "payload of %zu characters exceeds %zu bits",
                         n, cap_bits);
  /* Align to a byte: the common case (pos == 0) skips this. */
  have = (unsigned)(*nbits & 7);
  if (have)
    acc = (uint32_t)(bits[pos >> 3] >> (8 - have));
  for (i = 0; i < n; i++) {
    unsigned v = sixbit((unsigned char)payload[i]);
    if (v == 0xFFu)
      return idt_error_set(IDT_EPARSE, "payload character '%c' (0x%02x) at %zu is "
                           "not AIS 6-bit", payload[i] >= 32 && payload[i] < 127 ?
                           payload[i] : '?', (unsigned char)payload[i], i);
    acc = (acc << 6) | v;
    have += 6;
    if (have >= 8) {
      have -= 8;
      bits[pos >> 3] = (uint8_t)(acc >> have);
      pos += 8;
    }
  }
  if (have)
    bits[pos >> 3] = (uint8_t)(acc << (8 - have));
  *nbits = *nbits + 6 * n;
  return 0;
}

uint32_t idt_ais_ubits(const uint8_t *bits, size_t nbits, unsigned start, unsigned width)
{
  uint64_t v = 0;
  unsigned i;
  if (width == 0 || width > 32)
    return 0;
  for (i = 0; i < width; i++) {
    size_t b = (size_t)start + i;
    unsigned bit = b < nbits ? (bits[b >> 3] >> (7 - (b & 7))) & 1u : 0u;
    v = (v << 1) | bit;
  }
  return (uint32_t)v;
}

int32_t idt_ais_sbits(const uint8_t *bits, size_t nbits, unsigned start, unsigned width)
{
  uint32_t u = idt_ais_ubits(bits, nbits, start, width);
  if (width == 0 || width > 32)
    return 0;
  if (width < 32 && (u >> (width - 1)) & 1u)
    return (int32_t)(int64_t)((int64_t)u - ((int64_t)1 << width));
  return (int32_t)u;
}
