/*
 * test_screen_rank.c - the candidate ranking's selection and sort
 * (cands.c): sc_select_top must move exactly the k smallest keys to the
 * front and sc_sort_keys must order keys as qsort does, on random, sorted,
 * reversed and clustered keys of the rank_key shape (float bits above, a
 * distinct name number below), for sizes around the thresholds where the
 * sampled first pivot and the insertion sort take over.
 */
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "xorshift.h"
#include "screen/run_int.h"

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
  return xorshift64(&rng);
}

static int cmp_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* n keys of shape s: 0 random, 1 ascending, 2 descending, 3 few distinct
 * high halves (ties broken by the name number only). */
static void make_keys(uint64_t *v, size_t n, int shape)
{
  size_t i;
  for (i = 0; i < n; i++) {
    uint64_t hi = shape == 0 ? next() >> 32 : shape == 1 ? i : shape == 2 ? n - i : next() % 5;
    v[i] = hi << 32 | (uint32_t)((i * 2654435761u) % 1000003u);
  }
}

static const size_t sizes[] = { 2, 3, 16, 17, 100, 161, 320, 639, 640, 641, 2000, 9000 };

TEST(select_top_moves_the_k_smallest)
{
  size_t si, k;
  int shape;
  for (si = 0; si < sizeof sizes / sizeof *sizes; si++)
    for (shape = 0; shape < 4; shape++) {
      size_t n = sizes[si];
      uint64_t *v = malloc(n * sizeof *v), *ref = malloc(n * sizeof *ref);
      size_t ks[4] = { 1, n / 3 ? n / 3 : 1, 160 < n ? 160 : n - 1, n - 1 }, t;
      for (t = 0; t < 4; t++) {
        k = ks[t];
        if (!k || k >= n)
          continue;
        make_keys(v, n, shape);
        memcpy(ref, v, n * sizeof *v);
        qsort(ref, n, sizeof *ref, cmp_u64);
        sc_select_top(v, n, k);
        qsort(v, k, sizeof *v, cmp_u64);
        if (memcmp(v, ref, k * sizeof *v))
          tap_failf(__FILE__, __LINE__, "n %zu k %zu shape %d: wrong front", n, k, shape);
      }
      free(v);
      free(ref);
    }
}

TEST(sort_keys_orders_as_qsort)
{
  size_t si;
  int shape;
  for (si = 0; si < sizeof sizes / sizeof *sizes; si++)
    for (shape = 0; shape < 4; shape++) {
      size_t n = sizes[si];
      uint64_t *v = malloc(n * sizeof *v), *ref = malloc(n * sizeof *ref);
      make_keys(v, n, shape);
      memcpy(ref, v, n * sizeof *v);
      qsort(ref, n, sizeof *ref, cmp_u64);
      sc_sort_keys(v, n);
      if (memcmp(v, ref, n * sizeof *v))
        tap_failf(__FILE__, __LINE__, "n %zu shape %d: not sorted", n, shape);
      free(v);
      free(ref);
    }
}

int main(void)
{
  RUN(select_top_moves_the_k_smallest);
  RUN(sort_keys_orders_as_qsort);
  return tap_done();
}
