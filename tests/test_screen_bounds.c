/*
 * test_screen_bounds.c - the aligner decides most candidate names from
 * sc_tok_sim_upper before computing any distance, which is only exact if
 * the bound is never below the similarity itself. Checked on name tokens
 * of several scripts' romanisations, their typos (deleted, doubled,
 * swapped, substituted letters), numbers, initials and legal forms, in
 * both flavours (Korean names and others).
 */
#include <stdio.h>
#include <string.h>
#include "tap.h"
#include "screen/screen_int.h"

static const char *const words[] = {
  "mohammad", "muhammad", "mohammed", "ali", "hassan", "hussein", "abdullah",
  "abdulrahman", "bin", "al", "kim", "jong", "un", "jeong", "chol", "cheol",
  "ri", "lee", "yi", "pak", "park", "choe", "choi", "kyong", "gyeong", "kwang",
  "gwang", "sergei", "sergey", "lavrov", "zelenskyy", "zelenskiy", "khodorkovsky",
  "shchedrin", "tsvetkov", "xi", "jinping", "zhang", "zhou", "qiang", "nguyen",
  "sanchez", "sancho", "friedrich", "buchenberg", "wheeler", "patricia", "lucas",
  "mbappe", "brzezinski", "schwarzenegger", "mkrtchyan", "nkrumah", "tlhabane",
  "1", "44", "2004", "a", "b", "j", "llc", "jsc", "co", "ltd", "shipping",
  "trading", "petroleum", "hellenic", "spirit", "nam", "san", "chon", "ma",
  "chul", "jung", "sung", "song", "on", "prigozhin", "prigoschin", "jewgeni",
  "yevgeniy", "chruschtschow", "khrushchev", "ramsan", "ramzan",
};

/* Typos of w into out (up to max): each letter deleted, doubled,
 * swapped with the next, replaced by 'e'. */
static size_t typos(const char *w, char out[][32], size_t max)
{
  size_t n = 0, l = strlen(w), i;
  for (i = 0; i < l && l < 30 && n + 4 <= max; i++) {
    snprintf(out[n++], 32, "%.*s%s", (int)i, w, w + i + 1);
    snprintf(out[n++], 32, "%.*s%c%s", (int)i + 1, w, w[i], w + i + 1);
    if (i + 1 < l)
      snprintf(out[n++], 32, "%.*s%c%c%s", (int)i, w, w[i + 1], w[i], w + i + 2);
    snprintf(out[n++], 32, "%.*se%s", (int)i, w, w + i + 1);
  }
  return n;
}

TEST(upper_bound_holds)
{
  static char pool[4096][32];
  static sc_term t[4096];
  size_t n = 0, i, j, nw = sizeof words / sizeof *words, bad = 0, pairs = 0;
  int k;
  for (i = 0; i < nw && n < 4000; i++) {
    snprintf(pool[n++], 32, "%s", words[i]);
    n += typos(words[i], pool + n, 4000 - n);
  }
  for (i = 0; i < n; i++)
    if (pool[i][0])
      sc_term_init(&t[i], pool[i], strlen(pool[i]));
  for (k = 0; k < 2; k++)
    for (i = 0; i < n; i++)
      for (j = 0; j < n; j += 7) {   /* a spread of partners, 1/7 of all */
        double s, u;
        if (!pool[i][0] || !pool[j][0])
          continue;
        s = sc_tok_sim(&t[i], &t[j], k);
        u = sc_tok_sim_upper(&t[i], &t[j], k);
        pairs++;
        if (u + 1e-9 < s && bad++ < 5)
          tap_diag("bound %.4f < sim %.4f: %s ~ %s (korean %d)", u, s, pool[i], pool[j], k);
      }
  tap_diag("%zu pairs", pairs);
  CHECK(pairs > 100000);
  CHECK(bad == 0);
}

TEST(bound_separates_unrelated_tokens)
{
  sc_term a, b, c;
  sc_term_init(&a, "hassan", 6);
  sc_term_init(&b, "wheeler", 7);
  sc_term_init(&c, "hasan", 5);
  /* four letters of wheeler are missing from hassan: (1 - 1.6/7)^2, below
   * what a name needs against a disjoint birth date (0.89) */
  CHECK(sc_tok_sim_upper(&a, &b, 0) < 0.6);
  /* a doubled letter less: the bound cannot rule it out */
  CHECK(sc_tok_sim_upper(&a, &c, 0) >= sc_tok_sim(&a, &c, 0));
  CHECK(sc_tok_sim_upper(&a, &c, 0) > 0.8);
}

int main(void)
{
  RUN(upper_bound_holds);
  RUN(bound_separates_unrelated_tokens);
  return tap_done();
}
