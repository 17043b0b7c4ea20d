/*
 * armor.c - AIS 6-bit de-armouring and bit extraction.
 *
 * Each payload character carries 6 bits: subtract 48, and 8 more when the
 * result exceeds 40 (ITU-R M.1371 annex 8 via IEC 61162-1; AIVDM.adoc
 * "AIVDM/AIVDO payload armoring"); anything outside that alphabet is
 * rejected with its position. Bits are packed MSB first, the layout every
 * field table in ITU-R M.1371 is written in. A compile-time table maps
 * characters; the aligned case turns 4 characters into 3 bytes at a time
 * (the rest, and continuations at odd bit offsets, go bit by bit).
 */
#include <string.h>
#include "ais/ais_int.h"

/* Value of each armoured character, 0xFF outside '0'-'W' and '`'-'w'. */
#define R8(c) V(c), V(c + 1), V(c + 2), V(c + 3), V(c + 4), V(c + 5), V(c + 6), V(c + 7)
#define V(c) ((c) >= 48 && (c) <= 87 ? (c) - 48 : (c) >= 96 && (c) <= 119 ? (c) - 56 : 0xFF)
static const uint8_t sixbit[256] = {
  R8(0), R8(8), R8(16), R8(24), R8(32), R8(40), R8(48), R8(56),
  R8(64), R8(72), R8(80), R8(88), R8(96), R8(104), R8(112), R8(120),
  R8(128), R8(136), R8(144), R8(152), R8(160), R8(168), R8(176), R8(184),
  R8(192), R8(200), R8(208), R8(216), R8(224), R8(232), R8(240), R8(248),
};
#undef V
#undef R8

static int bad_char(const char *payload, size_t i)
{
  unsigned char c = (unsigned char)payload[i];
  return idt_error_set(IDT_EPARSE, "payload character '%c' (0x%02x) at %zu is not AIS 6-bit",
                       c >= 32 && c < 127 ? c : '?', c, i);
}

int idt_ais_dearmor(uint8_t *bits, size_t cap_bits, size_t *nbits,
                    const char *payload, size_t n)
{
  const unsigned char *s = (const unsigned char *)payload;
  size_t pos = *nbits, i = 0;
  uint8_t *o;
  if (pos + 6 * n > cap_bits)
    return idt_error_set(IDT_ELIMIT, "payload of %zu characters exceeds %zu bits",
                         n, cap_bits);
  if ((pos & 7) == 0) {
    /* Aligned (every message start): 4 characters make 3 bytes. */
    o = bits + (pos >> 3);
    for (; i + 4 <= n; i += 4) {
      unsigned a = sixbit[s[i]], b = sixbit[s[i + 1]], c = sixbit[s[i + 2]],
               d = sixbit[s[i + 3]];
      uint32_t w;
      if ((a | b | c | d) & 0x80u) {
        size_t k;
        for (k = i; sixbit[s[k]] != 0xFF; k++)
          ;
        return bad_char(payload, k);
      }
      w = (a << 18) | (b << 12) | (c << 6) | d;
      o[0] = (uint8_t)(w >> 16);
      o[1] = (uint8_t)(w >> 8);
      o[2] = (uint8_t)w;
      o += 3;
    }
    pos += 6 * i;
  }
  for (; i < n; i++) {
    unsigned v = sixbit[s[i]], k;
    if (v == 0xFF)
      return bad_char(payload, i);
    for (k = 0; k < 6; k++, pos++) {
      uint8_t mask = (uint8_t)(0x80u >> (pos & 7));
      if ((v >> (5 - k)) & 1u)
        bits[pos >> 3] |= mask;
      else
        bits[pos >> 3] &= (uint8_t)~mask;
    }
  }
  /* The rest of the last byte is zeroed: callers may read whole bytes. */
  if (pos & 7)
    bits[pos >> 3] &= (uint8_t)(0xFFu << (8 - (pos & 7)));
  *nbits = pos;
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
