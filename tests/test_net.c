/*
 * test_net.c - the network module: percentage parsing, the OFAC 50% golden
 * cases (data/network/ofac_50pct_cases.json, written from OFAC FAQs
 * 398-401), EU control, pivots, paths and explanations, and the real KEK
 * register (cycles, a self-loop, sums over 100%) against expected sets
 * computed by an independent Python least-fixpoint (see docs/design/
 * network.md; numbers pinned below).
 */
#include <math.h>
#include <stdlib.h>
#include "tap.h"
#include "interdict/net.h"
#include "test_net_ftm.h"
#include "test_net_keycheck.h"
#include "test_net_tnet.h"

TEST(pct_parse)
{
  static const struct { const char *s; double lo, hi; } ok[] = {
    { "50%", 50, 50 }, { "50 %", 50, 50 }, { "38,85", 38.85, 38.85 },
    { "0.28", 0.28, 0.28 }, { "100", 100, 100 }, { "25-50%", 25, 50 },
    { "25 \xE2\x80\x93 50 %", 25, 50 }, { "50-75%", 50, 75 },
    { ">50%", 50, 100 }, { "\xE2\x89\xA5" "25%", 25, 100 },
    { "more than 25%", 25, 100 }, { "at least 50 percent", 50, 100 },
    { "up to 10%", 0, 10 }, { "<25%", 0, 25 }, { "less than 5 %", 0, 5 },
    { "between 25% and 50%", 25, 50 }, { "majority", 50, 100 },
    { "Minority", 0, 50 }, { "wholly owned", 100, 100 },
    { "ownership-of-shares-25-to-50-percent", 25, 50 },
    { "ownership-of-shares-75-to-100-percent", 75, 100 },
    { "more-than-25-percent", 25, 100 }, { "75% or more", 75, 100 },
    { "51%", 51, 51 }, { "0.5", 0.5, 0.5 }, { "half", 50, 50 },
  };
  static const char *const bad[] = { "", "n/a", "unknown", "150%", "1 2 3",
                                     "shares", "-", "%" };
  size_t i;
  for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    double lo = -1, hi = -1;
    int rc = idt_net_parse_pct(ok[i].s, strlen(ok[i].s), &lo, &hi);
    if (rc || fabs(lo - ok[i].lo) > 1e-9 || fabs(hi - ok[i].hi) > 1e-9)
      tap_failf(__FILE__, __LINE__, "'%s' -> rc %d [%g,%g], expected [%g,%g]",
                ok[i].s, rc, lo, hi, ok[i].lo, ok[i].hi);
  }
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    double lo, hi;
    if (idt_net_parse_pct(bad[i], strlen(bad[i]), &lo, &hi) != IDT_EPARSE)
      tap_failf(__FILE__, __LINE__, "'%s' parsed, expected IDT_EPARSE", bad[i]);
  }
}

/* ---- hand-built entities ---- */

static idt_entity *tn_ent(tnet *t, const char *schema, const char *id)
{
  idt_entity *e = NULL;
  CHECK_OK(idt_entity_new(&e, &t->a, idt_schema_get(schema), id));
  return e;
}

static void tn_node(tnet *t, const char *schema, const char *id, int sanctioned)
{
  idt_entity *e = tn_ent(t, schema, id);
  CHECK_OK(idt_entity_add(e, "name", id));
  if (sanctioned)
    CHECK_OK(idt_entity_add(e, "topics", "sanction"));
  CHECK_OK(idt_net_add(t->n, e));
}

static void tn_rel(tnet *t, const char *schema, const char *sp, const char *s,
                   const char *dp, const char *d, const char *pct)
{
  char id[256];
  idt_entity *e;
  snprintf(id, sizeof id, "%s-%s-%s", schema, s, d);
  e = tn_ent(t, schema, id);
  CHECK_OK(idt_entity_add(e, sp, s));
  CHECK_OK(idt_entity_add(e, dp, d));
  if (pct)
    CHECK_OK(idt_entity_add(e, "percentage", pct));
  CHECK_OK(idt_net_add(t->n, e));
}

static int in_array(json_t *arr, const char *name)
{
  size_t i;
  json_t *v;
  json_array_foreach(arr, i, v)
    if (strcmp(json_string_value(v), name) == 0)
      return 1;
  return 0;
}

/* Every case of ofac_50pct_cases.json, built from the case description. */
TEST(ofac_50pct_golden)
{
  json_error_t err;
  json_t *root = json_load_file(tap_data("data/network/ofac_50pct_cases.json"), 0, &err);
  json_t *cases = json_object_get(root, "cases"), *c;
  size_t ci;
  CHECK(root && json_array_size(cases) == 9);
  json_array_foreach(cases, ci, c) {
    const char *cid = json_string_value(json_object_get(c, "id"));
    json_t *sanc = json_object_get(c, "sanctioned"), *o, *exp_b, *exp_p, *exp_n;
    size_t i;
    tnet t;
    idt_net_stats st;
    uint32_t v;
    tn_init(&t);
    json_array_foreach(sanc, i, o)
      tn_node(&t, "Person", json_string_value(o), 1);
    json_array_foreach(json_object_get(c, "ownership"), i, o)
      tn_rel(&t, "Ownership", "owner", json_string_value(json_object_get(o, "owner")),
             "asset", json_string_value(json_object_get(o, "asset")),
             json_string_value(json_object_get(o, "percentage")));
    json_array_foreach(json_object_get(c, "directorship"), i, o)
      tn_rel(&t, "Directorship", "director",
             json_string_value(json_object_get(o, "director")), "organization",
             json_string_value(json_object_get(o, "organization")), NULL);
    CHECK_OK(idt_net_finish(t.n));
    CHECK_OK(idt_net_compute(t.n, NULL));
    exp_b = json_object_get(c, "expected_blocked");
    exp_p = json_object_get(c, "solver_possible_blocked");
    exp_n = json_object_get(c, "expected_not_blocked");
    for (v = 0; v < idt_net_count(t.n); v++) {
      idt_net_exposure x;
      int want_b, want_p;
      CHECK_OK(idt_net_exposure_at(t.n, v, &x));
      want_b = in_array(exp_b, x.entity_id);
      want_p = in_array(exp_p, x.entity_id);
      if (x.blocked_50 != want_b || x.possibly_blocked_50 != want_p)
        tap_failf(__FILE__, __LINE__, "%s: %s blocked %d possible %d, expected %d %d",
                  cid, x.entity_id, x.blocked_50, x.possibly_blocked_50, want_b, want_p);
      if (in_array(exp_n, x.entity_id) && (x.blocked_50 || x.designated))
        tap_failf(__FILE__, __LINE__, "%s: %s must not be blocked", cid, x.entity_id);
      if (x.blocked_50 && strncmp(x.path, "SDN", 3) != 0 && x.path[0] != 'X')
        tap_failf(__FILE__, __LINE__, "%s: %s chain '%s' not from a designated owner",
                  cid, x.entity_id, x.path);
    }
    idt_net_stats_get(t.n, &st);
    CHECK_INT(st.blocked_50, json_array_size(exp_b));
    tn_free(&t);
  }
  json_decref(root);
}

/* The same cases through the FtM file (Sanction entities, topics). */
TEST(ofac_50pct_ftm)
{
  tnet t;
  json_error_t err;
  json_t *root = json_load_file(tap_data("data/network/ofac_50pct_cases.json"), 0, &err);
  json_t *c;
  size_t ci, nb = 0, np = 0;
  uint32_t v;
  tn_init(&t);
  CHECK(ftm_load_file(tap_data("data/network/ofac_50pct_cases.ftm.json"),
                      idt_net_add, t.n) > 0);
  CHECK_OK(idt_net_finish(t.n));
  CHECK_OK(idt_net_compute(t.n, NULL));
  json_array_foreach(json_object_get(root, "cases"), ci, c) {
    const char *cid = json_string_value(json_object_get(c, "id"));
    json_t *exp_b = json_object_get(c, "expected_blocked");
    json_t *exp_p = json_object_get(c, "solver_possible_blocked");
    nb += json_array_size(exp_b);
    np += json_array_size(exp_p);
    for (v = 0; v < idt_net_count(t.n); v++) {
      idt_net_exposure x;
      CHECK_OK(idt_net_exposure_at(t.n, v, &x));
      if (strncmp(x.entity_id, cid, strlen(cid)) != 0 || x.entity_id[strlen(cid)] != '-')
        continue;
      if (x.blocked_50 != in_array(exp_b, x.caption) ||
          x.possibly_blocked_50 != in_array(exp_p, x.caption))
        tap_failf(__FILE__, __LINE__, "%s: %s (%s) blocked %d possible %d", cid,
                  x.caption, x.entity_id, x.blocked_50, x.possibly_blocked_50);
      if (x.designated && strcmp(x.programs, "test: TEST") != 0)
        tap_failf(__FILE__, __LINE__, "%s programs '%s'", x.entity_id, x.programs);
    }
  }
  {
    /* look-through (multiplied) beside OFAC's aggregate, as the case notes
     * give them: 25% for FAQ 401 example 1's B, 40% for D */
    idt_net_exposure x;
    CHECK_OK(idt_net_exposure_get(t.n, "faq401-ex1-b", &x));
    CHECK(fabs(x.lookthrough - 25) < 1e-3 && x.blocked_50);
    CHECK_OK(idt_net_exposure_get(t.n, "below-threshold-chain-d", &x));
    CHECK(fabs(x.lookthrough - 40) < 1e-3 && !x.blocked_50);
    CHECK_OK(idt_net_exposure_get(t.n, "cross-holding-cycle-b", &x));
    /* through the cycle: L(B) = 50 + 0.1 (30 + 0.2 L(B)) = 53 / 0.98 */
    CHECK(fabs(x.lookthrough - 53.0 / 0.98) < 1e-3);
  }
  {
    idt_net_stats st;
    idt_net_stats_get(t.n, &st);
    CHECK_INT(st.blocked_50, nb);
    CHECK_INT(st.possibly_blocked_50, np);
  }
  json_decref(root);
  tn_free(&t);
}

/* Control without ownership: not OFAC-blocked, EU/UK-controlled. */
TEST(eu_control_and_paths)
{
  tnet t;
  idt_net_exposure x;
  idt_net_path *p = NULL;
  char *s;
  tn_init(&t);
  tn_node(&t, "Person", "X", 1);
  tn_node(&t, "Company", "C", 0);
  tn_node(&t, "Company", "D", 0);
  tn_node(&t, "Company", "E", 0);
  tn_rel(&t, "Ownership", "owner", "P", "asset", "C", "100%");
  tn_rel(&t, "Directorship", "director", "X", "organization", "C", NULL);
  tn_rel(&t, "Ownership", "owner", "C", "asset", "D", "60%");
  tn_rel(&t, "Ownership", "owner", "C", "asset", "E", "50%");
  CHECK_OK(idt_net_finish(t.n));
  CHECK_OK(idt_net_compute(t.n, NULL));
  CHECK_OK(idt_net_exposure_get(t.n, "C", &x));
  CHECK(!x.blocked_50 && x.eu_controlled && x.hops == 1);
  CHECK_STR(x.nearest, "X");
  CHECK_STR(x.path, "C <-[directorship]- X");
  CHECK_OK(idt_net_exposure_get(t.n, "D", &x));
  CHECK(!x.blocked_50 && x.eu_controlled && x.hops == 2);   /* > 50% of C's */
  CHECK_OK(idt_net_exposure_get(t.n, "E", &x));
  CHECK(!x.eu_controlled);                                    /* not > 50% */
  CHECK_OK(idt_net_exposure_get(t.n, "P", &x));
  CHECK(!x.eu_controlled && x.hops == 2);
  CHECK_OK(idt_net_path_between(t.n, "X", "D", IDT_NET_ALL, &p));
  CHECK(p && p->n == 2);
  s = idt_net_path_format(p);
  CHECK_STR(s, "X -[directorship]-> C -[ownership 60%]-> D");
  idt_free(s);
  idt_net_path_free(p);
  CHECK(idt_net_path_between(t.n, "X", "D", IDT_NET_BIT(IDT_NET_OWNERSHIP), &p)
        == IDT_ENOTFOUND);
  CHECK(idt_net_exposure_get(t.n, "nobody", &x) == IDT_ENOTFOUND);
  tn_free(&t);
}

/* Shared specific identifiers link; a value held by too many is generic. */
TEST(pivots)
{
  tnet t;
  idt_net_exposure x;
  idt_net_stats st;
  char id[32];
  int i;
  tn_init(&t);
  for (i = 0; i < 30; i++) {
    idt_entity *e;
    snprintf(id, sizeof id, "co%d", i);
    e = tn_ent(&t, "Company", id);
    CHECK_OK(idt_entity_add(e, "name", id));
    CHECK_OK(idt_entity_add(e, "address", "1 Registered Agent Way, Road Town"));
    if (i == 0)
      CHECK_OK(idt_entity_add(e, "topics", "sanction"));
    if (i == 0 || i == 1)
      CHECK_OK(idt_entity_add(e, "registrationNumber", i ? "RN 123-456" : "rn123456"));
    if (i == 1 || i == 2)
      CHECK_OK(idt_entity_add(e, "phone", i == 1 ? "+850 2 381 8221" : "850-2-3818221"));
    CHECK_OK(idt_net_add(t.n, e));
  }
  CHECK_OK(idt_net_finish(t.n));
  idt_net_stats_get(t.n, &st);
  CHECK_INT(st.pivot_values, 2);
  CHECK_INT(st.pivot_generic, 1);      /* the agent's address: 30 > 20 */
  CHECK_INT(st.by_type[IDT_NET_PIVOT_ID], 1);
  CHECK_INT(st.by_type[IDT_NET_PIVOT_PHONE], 1);
  CHECK_OK(idt_net_compute(t.n, NULL));
  CHECK_OK(idt_net_exposure_get(t.n, "co2", &x));
  CHECK_INT(x.hops, 2);
  CHECK_STR(x.path, "co2 <-[pivot_phone \"85023818221\"]- co1 <-[pivot_id \"rn123456\"]- co0");
  CHECK(x.risk > 0 && x.risk_rank == 2);
  CHECK_OK(idt_net_exposure_get(t.n, "co1", &x));
  CHECK(x.risk_rank == 1 && x.articulation && x.designated_neighbours == 1);
  CHECK_OK(idt_net_exposure_get(t.n, "co5", &x));
  CHECK(x.hops == -1 && x.risk == 0 && x.path[0] == 0);
  tn_free(&t);
}

/* KEK: 3,065 companies, 2,904 holdings (47 without a percentage), cycles,
 * a self-loop (kek-1115 holds 1.81% of itself) and 16 assets whose stated
 * stakes sum over 100%. Designating Axel Springer AG, Madsack and
 * ProSiebenSat.1 must give 116 certainly and 1 possibly blocked (kek-3708),
 * the values of an independent Python fixpoint over the same file. */
TEST(kek_register)
{
  tnet t;
  idt_net_stats st;
  idt_net_exposure x;
  static const char *const seeds[] = { "kek-3360", "kek-2594", "kek-132" };
  size_t i;
  tn_init(&t);
  CHECK_INT(ftm_load_file(tap_data("data/network/kek_ownership.ftm.json"),
                          idt_net_add, t.n), 3065 + 2904);
  for (i = 0; i < 3; i++) {
    idt_entity *e = tn_ent(&t, "Sanction", seeds[i]);
    char sid[64];
    snprintf(sid, sizeof sid, "%s-sanction", seeds[i]);
    e = tn_ent(&t, "Sanction", sid);
    CHECK_OK(idt_entity_add(e, "entity", seeds[i]));
    CHECK_OK(idt_entity_add(e, "program", "TEST"));
    CHECK_OK(idt_net_add(t.n, e));
  }
  CHECK_OK(idt_net_finish(t.n));
  CHECK_OK(idt_net_compute(t.n, NULL));
  idt_net_stats_get(t.n, &st);
  CHECK_INT(st.nodes, 3065);
  CHECK_INT(st.stubs, 0);
  CHECK_INT(st.by_type[IDT_NET_OWNERSHIP], 2904);
  CHECK_INT(st.pct_unknown, 47);
  CHECK_INT(st.self_loops, 1);
  CHECK_INT(st.over_100, 16);
  CHECK_INT(st.designated, 3);
  CHECK_INT(st.blocked_50, 116);
  CHECK_INT(st.possibly_blocked_50, 1);
  CHECK_OK(idt_net_exposure_get(t.n, "kek-3708", &x));
  CHECK(x.possibly_blocked_50 && !x.blocked_50);
  CHECK_OK(idt_net_exposure_get(t.n, "kek-1056", &x));
  CHECK(x.blocked_50 && x.stake_lo >= 50);
  CHECK_OK(idt_net_exposure_get(t.n, "kek-1115", &x));   /* the self-holder */
  CHECK(!x.designated);
  /* a forest of holdings: many articulation points, igraph's exactly */
  CHECK(keynodes_match(t.n, "KEK") > 100);
  tn_free(&t);
}

/* The id table keeps ids under 20 bytes inline and compares longer ones
 * past their first 20 bytes: ids that share long prefixes stay distinct. */
TEST(intern_ids)
{
  static const char *const ids[] = {
    "abcdefghijklmnopqrs", "abcdefghijklmnopqrst", "abcdefghijklmnopqrstu",
    "abcdefghijklmnopqrstv", "abcdefghijklmnopqrstuvwxyz0123456789abcd",
    "abcdefghijklmnopqrstuvwxyz0123456789abce", "a", "",
  };
  tnet t;
  size_t i, j;
  uint32_t v[8], w;
  tn_init(&t);
  for (j = 0; j < 2; j++)   /* twice: the second time they must be found */
    for (i = 0; i < 8; i++) {
      if (!ids[i][0])
        continue;
      tn_node(&t, "Company", ids[i], 0);
    }
  CHECK_OK(idt_net_finish(t.n));
  CHECK_INT(idt_net_count(t.n), 7);
  for (i = 0; i < 7; i++) {
    CHECK_OK(idt_net_find(t.n, ids[i], &v[i]));
    for (j = 0; j < i; j++)
      CHECK(v[i] != v[j]);
  }
  CHECK(idt_net_find(t.n, "abcdefghijklmnopqrstuvwxyz0123456789abcf", &w) == IDT_ENOTFOUND);
  CHECK(idt_net_find(t.n, "abcdefghijklmnopqr", &w) == IDT_ENOTFOUND);
  CHECK(idt_net_find(t.n, "", &w) == IDT_ENOTFOUND);
  tn_free(&t);
}

TEST(misuse)
{
  idt_net *n;
  idt_net_exposure x;
  idt_net_opts bad = IDT_NET_OPTS_INIT;
  bad.version = 99;
  CHECK(idt_net_new(&n, &bad) == IDT_EINVAL);
  CHECK_OK(idt_net_new(&n, NULL));
  CHECK(idt_net_compute(n, NULL) == IDT_EINVAL);
  CHECK_OK(idt_net_finish(n));
  CHECK(idt_net_exposure_at(n, 0, &x) == IDT_EINVAL);
  CHECK_OK(idt_net_compute(n, NULL));
  CHECK(idt_net_exposure_at(n, 0, &x) == IDT_ENOTFOUND);
  CHECK(idt_net_finish(n) == IDT_EINVAL);
  idt_net_free(n);
  idt_net_free(NULL);
}

/* Allocation-failure sweep: every allocation of add/finish/compute/explain
 * fails in turn (sticky); each run must end in 0 or IDT_ENOMEM, never crash
 * or leak (ASan). Entities are built before the sweep. */
typedef struct ents { idt_entity *e[128]; size_t n; idt_arena a; } ents;
static int keep(void *ctx, idt_entity *e)
{
  ents *s = ctx;
  idt_entity *c;
  uint32_t i;
  if (s->n == 128 || idt_entity_new(&c, &s->a, e->schema, e->id))
    return IDT_ENOMEM;
  for (i = 0; i < e->nstmts; i++)
    if (idt_entity_add(c, e->stmts[i].prop->name, e->stmts[i].value))
      return IDT_ENOMEM;
  s->e[s->n++] = c;
  return 0;
}

static int build_all(ents *s, int *explained)
{
  idt_net *n;
  size_t i;
  uint32_t v;
  int rc;
  *explained = 0;
  if ((rc = idt_net_new(&n, NULL)))
    return rc;
  for (i = 0; i < s->n && !rc; i++)
    rc = idt_net_add(n, s->e[i]);
  if (!rc)
    rc = idt_net_finish(n);
  if (!rc)
    rc = idt_net_compute(n, NULL);
  for (v = 0; !rc && v < idt_net_count(n); v++) {
    idt_net_exposure x;
    rc = idt_net_exposure_at(n, v, &x);
    *explained += !rc && x.path[0];
  }
  idt_net_free(n);
  return rc;
}

TEST(oom_sweep)
{
  ents s;
  unsigned long before, total;
  long k;
  int explained, want, bad = 0;
  memset(&s, 0, sizeof s);
  idt_arena_init(&s.a);
  /* the first 2 cases of the golden file plus the pivot/vessel corpus file */
  CHECK(ftm_load_file(tap_data("data/network/ofac_50pct_cases.ftm.json"), keep, &s) > 0 ||
        s.n == 128);
  s.n = s.n > 24 ? 24 : s.n;
  CHECK(ftm_load_file(tap_data("fuzz/corpus/net_graph/pivots_selfloop.ftm.json"), keep, &s) > 0);
  before = idt_alloc_count();
  CHECK_OK(build_all(&s, &want));
  total = idt_alloc_count() - before;
  CHECK(want > 0 && total > 20);
  for (k = 0; k <= (long)total; k++) {
    int rc;
    idt_alloc_fail_after(k, 1);
    rc = build_all(&s, &explained);
    idt_alloc_fail_after(-1, 0);
    if (rc != 0 && rc != IDT_ENOMEM) {
      tap_diag("k=%ld: rc %d (%s)", k, rc, idt_error_msg());
      bad = 1;
    }
  }
  CHECK(!bad);
  idt_arena_free(&s.a);
}

int main(void)
{
  RUN(pct_parse);
  RUN(ofac_50pct_golden);
  RUN(ofac_50pct_ftm);
  RUN(eu_control_and_paths);
  RUN(pivots);
  RUN(kek_register);
  RUN(intern_ids);
  RUN(misuse);
  RUN(oom_sweep);
  return tap_done();
}
