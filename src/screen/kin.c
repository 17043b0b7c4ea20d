/*
 * kin.c - what a name says about family: East Slavic patronymics and the
 * Arabic/Maghrebi "son of" links (bin, ibn, ben, bint, ould).
 *
 * Two rules of the scorer (score.c) rest on them:
 *  - a father's name that only the list has (Sergey Viktorovich Lavrov
 *    against Sergey Lavrov; Usama bin Muhammad ibn Awad ibn Ladin against
 *    Osama bin Laden) costs like a particle when left unmatched: lists
 *    carry it, payment and KYC names mostly do not;
 *  - "son of" read the other way round (Abdullah bin Omar against Omar bin
 *    Abdullah: father and son) halves the score, like disagreeing numbers.
 */
#include <string.h>
#include "screen/kin.h"

/* An East Slavic patronymic (Viktorovich, Ivanovna, Petrivna): formal
 * usage and the lists carry it, most queries leave it out. */
int sc_patronymic(const char *s, size_t n)
{
  static const char *const e[] = {
    "ovich", "evich", "ovych", "evych", "ovitch", "evitch", "ovna", "evna", "ivna", "ichna",
  };
  size_t i, l;
  if (n < 7)
    return 0;
  for (i = 0; i < sizeof e / sizeof *e; i++)
    if ((l = strlen(e[i])) < n && !memcmp(s + n - l, e[i], l))
      return 1;
  return 0;
}

/* A kinship link: bin, ibn, ben, bint, ould ("son or daughter of"). */
int sc_kin_word(const char *s, size_t n)
{
  static const char *const k[] = { "bin", "ibn", "ben", "bint", "binti", "ould" };
  size_t i;
  for (i = 0; i < sizeof k / sizeof *k; i++)
    if (n == strlen(k[i]) && !memcmp(s, k[i], n))
      return 1;
  return 0;
}

static int same_term(const sc_term *a, const sc_term *b)
{
  return a->len == b->len && !memcmp(a->s, b->s, a->len);
}

/* Does a kinship link follow token a of s, naming token b (the first
 * word after the link that is not a particle) as the father? */
static int kin_of(const side *s, int a, int b)
{
  size_t d = (size_t)a + 1;
  if (a < 0 || d >= s->n || !sc_is_kin(s->t[d]))
    return 0;
  while (++d < s->n && s->t[d]->particle)
    ;
  return (int)d == b;
}

/* "Abdullah bin Omar" is Abdullah, son of Omar; "Omar bin Abdullah" is
 * his father or his son. For each kinship link of the query (bin, ibn,
 * ben, bint, ould) between a person's own name (the token before it, not
 * a particle: Al Bin Ali is a family name) and a different father's name
 * (the first word after it that is not a particle: bin al-Din), the
 * candidate must not say the reverse: the query's father "bin" the
 * query's person. Word order is free everywhere else (and an inverted
 * "HELAL, Mounir Ben Dhaou Ben" moves names across links without
 * reversing one), but not across "son of". */
int sc_kin_swapped(const side *q, const side *c, const int *qm)
{
  size_t i, d;
  for (i = 1; i + 1 < q->n; i++) {
    if (!sc_is_kin(q->t[i]) || q->t[i - 1]->particle)
      continue;
    for (d = i + 1; d < q->n && q->t[d]->particle; d++)
      ;
    if (d == q->n || same_term(q->t[i - 1], q->t[d]))
      continue;   /* Mohamed ben Mohamed: the order says nothing */
    if (qm[i - 1] >= 0 && kin_of(c, qm[d], qm[i - 1]))
      return 1;
  }
  return 0;
}
