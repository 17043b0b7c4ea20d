/*
 * xorshift.h - Marsaglia's xorshift64 (13, 7, 17): reproducible
 * pseudo-random test and benchmark inputs from a caller-held state.
 */
#ifndef IDT_TESTS_XORSHIFT_H
#define IDT_TESTS_XORSHIFT_H
#include <stdint.h>

static inline uint64_t xorshift64(uint64_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}
#endif
