/*
 * test_timeout.h - deadlines for tests that wait on what another thread or
 * process does (a server answering, a reload, a child exiting).
 *
 * A wait polls its condition up to a deadline; it never sleeps a fixed time
 * hoping the other side is done. The deadlines are generous (the condition
 * normally holds within milliseconds; the deadline only bounds a real hang,
 * so a long one costs nothing when the test passes) and stretch with
 * tt_slow(): x3 in a sanitizer build, times IDT_TEST_TIMEOUT_SCALE when set
 * (e.g. 4 on a machine loaded far beyond its cores). ctest's per-test
 * TIMEOUT still bounds the whole program. Header-only, static inline: the
 * build makes each tests/test_*.c its own program.
 */
#ifndef IDT_TEST_TIMEOUT_H
#define IDT_TEST_TIMEOUT_H
#include <stdlib.h>
#include <time.h>

#if defined(__SANITIZE_ADDRESS__)
#define TT_SANITIZER_FACTOR 3.0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TT_SANITIZER_FACTOR 3.0
#endif
#endif
#ifndef TT_SANITIZER_FACTOR
#define TT_SANITIZER_FACTOR 1.0
#endif

/* How much slower than a quiet machine this run may be. */
static inline double tt_slow(void)
{
  const char *e = getenv("IDT_TEST_TIMEOUT_SCALE");
  double v = e && *e ? strtod(e, NULL) : 1.0;
  return (v > 0 && v < 1000 ? v : 1.0) * TT_SANITIZER_FACTOR;
}

static inline double tt_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The monotonic time base_s seconds (stretched by tt_slow()) from now. */
static inline double tt_deadline(double base_s)
{
  return tt_now() + base_s * tt_slow();
}

static inline void tt_sleep_ms(long ms)
{
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}
#endif
