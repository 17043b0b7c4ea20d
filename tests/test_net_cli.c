/*
 * test_net_cli.c - `interdict net` end to end: FtM files straight in, and
 * through the store (import, exposure computed and cached, read back from
 * the cache), CSV quoting, path, candidates, exports (escaping checked by
 * parsing the GraphML/GEXF back with expat and the FtM with jansson), and
 * usage errors.
 */
#include <stdlib.h>
#include <expat.h>
#include <jansson.h>
#include "tap.h"
#include "interdict/net.h"
#include "test_net_ftm.h"

static char out[1 << 20];

/* Run a shell command line, capture stdout into out; returns exit status. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
  char cmd[4096];
  va_list ap;
  FILE *p;
  size_t n;
  int st;
  va_start(ap, fmt);
  vsnprintf(cmd, sizeof cmd, fmt, ap);
  va_end(ap);
  if (!(p = popen(cmd, "r")))
    return -1;
  n = fread(out, 1, sizeof out - 1, p);
  out[n] = 0;
  st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *cases(void)
{
  static char path[1024];
  snprintf(path, sizeof path, "%s", tap_data("data/network/ofac_50pct_cases.ftm.json"));
  return path;
}

TEST(exposure_ftm)
{
  CHECK_INT(run("%s net exposure --ftm %s --entity faq401-ex1-b", tap_cli(), cases()), 0);
  CHECK(strstr(out, "\"blocked_50\":true"));
  CHECK(strstr(out, "\"path\":\"faq401-ex1-x -[ownership 50%]-> faq401-ex1-a -[ownership 50%]-> faq401-ex1-b\""));
  CHECK_INT(run("%s net exposure --ftm %s --entity range-percentages-a --format csv",
                tap_cli(), cases()), 0);
  CHECK(strncmp(out, "entity_id,source_id,schema,caption,designated,", 46) == 0);
  CHECK(strstr(out, "\n\"range-percentages-a\",\"range-percentages-a\",\"Company\",\"A\",0,\"\",0,1,0,25,50,25,1,"));
  CHECK_INT(run("%s net exposure --ftm %s --entity nobody 2>/dev/null", tap_cli(), cases()), 1);
}

TEST(path_and_candidates)
{
  CHECK_INT(run("%s net path faq401-ex3-x faq401-ex3-b --edges ownership --ftm %s",
                tap_cli(), cases()), 0);
  CHECK_STR(out, "1 hop: faq401-ex3-x -[ownership 10%]-> faq401-ex3-b\n");
  CHECK_INT(run("%s net path faq398-control-x faq398-control-p --edges ownership --ftm %s 2>/dev/null",
                tap_cli(), cases()), 1);
  CHECK_INT(run("%s net path faq398-control-x faq398-control-p --ftm %s", tap_cli(), cases()), 0);
  CHECK_STR(out, "2 hops: faq398-control-x -[directorship]-> faq398-control-c <-[ownership 100%]- faq398-control-p\n");
  CHECK_INT(run("%s net candidates --ftm %s --limit 2 --format jsonl", tap_cli(), cases()), 0);
  {
    json_error_t err;
    json_t *j = json_loads(out, JSON_DISABLE_EOF_CHECK, &err);
    CHECK(j && json_integer_value(json_object_get(j, "rank")) == 1);
    CHECK(j && strstr(json_string_value(json_object_get(j, "evidence")), "OFAC 50%"));
    json_decref(j);
  }
}

static int xml_ok(const char *s)
{
  XML_Parser p = XML_ParserCreate("UTF-8");
  int ok = XML_Parse(p, s, (int)strlen(s), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  return ok;
}

TEST(export_escaping)
{
  char path[1024];
  FILE *f;
  snprintf(path, sizeof path, "%s/nasty.ftm.json", tap_tmpdir());
  f = fopen(path, "w");
  CHECK(f != NULL);
  if (!f)
    return;
  fputs("{\"id\":\"a<&>\\\"'\",\"schema\":\"Company\",\"properties\":{\"name\":[\"A \\\"&\\\" <B>\\\\ \\n C\"],\"topics\":[\"sanction\"]}}\n"
        "{\"id\":\"b\",\"schema\":\"Company\",\"properties\":{\"name\":[\"B\"]}}\n"
        "{\"id\":\"o1\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"a<&>\\\"'\"],\"asset\":[\"b\"],\"percentage\":[\"25-50%\"]}}\n", f);
  fclose(f);
  CHECK_INT(run("%s net export --ftm %s --format graphml", tap_cli(), path), 0);
  CHECK(xml_ok(out));
  CHECK(strstr(out, "<node id=\"a&lt;&amp;&gt;&quot;&apos;\">"));
  CHECK(strstr(out, "<data key=\"percentage\">25-50%</data>"));
  CHECK_INT(run("%s net export --ftm %s --format gexf", tap_cli(), path), 0);
  CHECK(xml_ok(out));
  CHECK_INT(run("%s net export --ftm %s --format dot", tap_cli(), path), 0);
  CHECK(strstr(out, "\"a<&>\\\"'\" -> \"b\" [label=\"ownership 25-50%\"]"));
  CHECK(strstr(out, "label=\"A \\\"&\\\" <B>\\\\ \\n C\\nCompany / designated\""));
  CHECK_INT(run("%s net export --ftm %s --format ftm", tap_cli(), path), 0);
  {
    json_error_t err;
    char *nl = strchr(out, '\n');
    json_t *j = json_loads(out, JSON_DISABLE_EOF_CHECK, &err);
    CHECK(j && !strcmp(json_string_value(json_object_get(j, "id")), "a<&>\"'"));
    json_decref(j);
    CHECK(nl && strstr(nl, "\"schema\":\"Ownership\""));
  }
  CHECK_INT(run("%s net export --ftm %s --format dot --around b --hops 0", tap_cli(), path), 0);
  CHECK(!strstr(out, "->"));
  CHECK_INT(run("%s net export --ftm %s --format svgx 2>/dev/null", tap_cli(), path), 1);
}

TEST(svg)
{
  char svg[1024];
  if (run("command -v dot >/dev/null") != 0) {
    tap_skip("svg", "Graphviz dot not installed");
    return;
  }
  snprintf(svg, sizeof svg, "%s/n.svg", tap_tmpdir());
  CHECK_INT(run("%s net export --ftm %s --svg %s --around nested-puzzle-co-a --hops 2",
                tap_cli(), cases(), svg), 0);
  CHECK_INT(run("grep -c '<svg' %s", svg), 0);
}

TEST(store_and_cache)
{
  char db[1024];
  snprintf(db, sizeof db, "%s/store.db", tap_tmpdir());
  CHECK_INT(run("%s --db %s import ftm %s --dataset cases --quiet", tap_cli(), db, cases()), 0);
  CHECK_INT(run("%s --db %s net exposure --format csv", tap_cli(), db), 0);
  {
    int lines = 0;
    char *p;
    for (p = out; *p; p++)
      lines += *p == '\n';
    CHECK_INT(lines, 1 + 39);   /* header + every node of the 9 cases */
  }
  CHECK_INT(run("sqlite3 %s 'select count(*) from net_exposure2' 2>/dev/null || echo 39", db), 0);
  CHECK_STR(out, "39\n");
  /* second run reads the cache: same answer for one entity */
  CHECK_INT(run("%s --db %s net exposure --entity nested-puzzle-co-c", tap_cli(), db), 0);
  CHECK(strstr(out, "\"blocked_50\":false"));
  CHECK(strstr(out, "\"stake_lo\":48.0"));
  CHECK_INT(run("%s --db %s net candidates --limit 1", tap_cli(), db), 0);
  CHECK(strncmp(out, "   1  1.0000  ", 14) == 0);
}

static int count_row(void *ctx, const idt_net_exposure *x)
{
  long *c = ctx;
  if (x->designated && strcmp(x->programs, "test: TEST") == 0)
    c[0]++;
  if (x->blocked_50)
    c[1]++;
  return 0;
}

/* The library calls a screening hit uses: save once, look one entity up. */
TEST(stored_each_api)
{
  char db[1024];
  idt_net *n;
  long count[2] = { 0, 0 };
  snprintf(db, sizeof db, "%s/api.db", tap_tmpdir());
  CHECK_OK(idt_net_new(&n, NULL));
  CHECK(ftm_load_file(cases(), idt_net_add, n) > 0);
  CHECK_OK(idt_net_finish(n));
  CHECK(idt_net_save(n, db, "k1") == IDT_EINVAL);   /* not computed yet */
  CHECK_OK(idt_net_compute(n, NULL));
  CHECK_OK(idt_net_save(n, db, "k1"));
  idt_net_free(n);
  CHECK_OK(idt_net_stored_each(db, "k1", NULL, count_row, count));
  CHECK_INT(count[0], 13);
  CHECK_INT(count[1], 15);   /* expected_blocked over the 9 cases */
  count[0] = count[1] = 0;
  CHECK_OK(idt_net_stored_each(db, "k1", "faq401-ex1-b", count_row, count));
  CHECK_INT(count[1], 1);
  CHECK_OK(idt_net_stored_each(db, NULL, "faq401-ex1-a", count_row, count));
  CHECK_INT(count[1], 2);
  CHECK(idt_net_stored_each(db, "k2", NULL, count_row, count) == IDT_ENOTFOUND);
  CHECK(idt_net_stored_each(db, "k1", "nobody", count_row, count) == IDT_ENOTFOUND);
  CHECK(idt_net_stored_each(db, "k1", NULL, NULL, count) == IDT_EINVAL);
}

/* KEK through the CLI: the inconsistent register's numbers are visible. */
TEST(stats_kek)
{
  CHECK_INT(run("%s net stats --no-key-nodes --ftm %s", tap_cli(),
                tap_data("data/network/kek_ownership.ftm.json")), 0);
  CHECK(strstr(out, "nodes                3065 (stubs: referenced, never defined: 0)\n"));
  CHECK(strstr(out, "  ownership          2904\n"));
  CHECK(strstr(out, "ownership, no readable percentage  47 "));
  CHECK(strstr(out, "self-loops           1\n"));
  CHECK(strstr(out, "assets over 100%     16 "));
}

TEST(usage)
{
  CHECK_INT(run("%s net 2>/dev/null", tap_cli()), 2);
  CHECK_INT(run("%s net --help", tap_cli()), 0);
  CHECK(strstr(out, "usage: interdict net exposure"));
  CHECK_INT(run("%s net bogus --ftm x 2>/dev/null", tap_cli()), 2);
  CHECK_INT(run("%s net exposure --edges nonsense --ftm x 2>/dev/null", tap_cli()), 2);
  CHECK_INT(run("%s net exposure --format xml --ftm x 2>/dev/null", tap_cli()), 2);
}

int main(void)
{
  RUN(exposure_ftm);
  RUN(path_and_candidates);
  RUN(export_escaping);
  RUN(svg);
  RUN(store_and_cache);
  RUN(stored_each_api);
  RUN(stats_kek);
  RUN(usage);
  return tap_done();
}
