/*
 * test_store_cli.c - end to end through the `interdict` binary with --db in
 * a temporary directory: import -> lists -> import -> diff on the small OFAC
 * fixtures (tests/fixtures/store), and imports of malformed, truncated and
 * non-UTF-8 files that must exit non-zero with a located message and leave
 * the previous version current and intact (checked through the library).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "interdict/store.h"
#include "tap.h"

static char db[512];
static char out[65536];

/* Run `interdict --db DB ARGS`, capture stdout+stderr into out; exit code. */
static int run(const char *args)
{
  char cmd[4096], path[600];
  FILE *f;
  size_t n;
  int rc;
  snprintf(path, sizeof path, "%s/cli.out", tap_tmpdir());
  snprintf(cmd, sizeof cmd, "'%s' --db '%s' %s > '%s' 2>&1", tap_cli(), db, args, path);
  rc = system(cmd);
  out[0] = '\0';
  if ((f = fopen(path, "r"))) {
    n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    fclose(f);
  }
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static const char *tmpfile_with(const char *name, const char *content, size_t n)
{
  static char path[4][600];
  static int k;
  char *p = path[k++ % 4];
  FILE *f;
  snprintf(p, 600, "%s/%s", tap_tmpdir(), name);
  if ((f = fopen(p, "wb"))) {
    fwrite(content, 1, n, f);
    fclose(f);
  }
  return p;
}

static char fixture[2][600];

TEST(import_lists_diff)
{
  char args[2048];
  snprintf(args, sizeof args, "import ofac-csv '%s' --dataset fx", fixture[0]);
  CHECK_INT(run(args), 0);
  CHECK(strstr(out, "fx: version 1: 8 entities (4 listed, 4 derived)") != NULL);
  CHECK(strstr(out, "Organization                4") != NULL);
  /* Same files again: unchanged, no new version. */
  CHECK_INT(run(args), 0);
  CHECK(strstr(out, "fx: unchanged, version 1 stays current") != NULL);
  CHECK_INT(run("lists"), 0);
  CHECK(strstr(out, "fx ") != NULL);
  CHECK(strstr(out, "sdn.csv") != NULL);
  CHECK(strstr(out, "Sanction 4") != NULL);
  CHECK_INT(run("lists --format json"), 0);
  CHECK(strstr(out, "\"dataset\": \"fx\"") != NULL);
  CHECK(strstr(out, "\"listed\": 4") != NULL);
  /* No previous version yet. */
  CHECK_INT(run("diff fx"), 1);
  CHECK(strstr(out, "no version before") != NULL);
  snprintf(args, sizeof args, "import ofac-csv '%s' --dataset fx", fixture[1]);
  CHECK_INT(run(args), 0);
  CHECK(strstr(out, "changes: 2 added, 2 removed, 1 changed") != NULL);
  CHECK_INT(run("diff fx"), 0);
  CHECK(strstr(out, "- ofac-173 ") != NULL);
  CHECK(strstr(out, "+ ofac-424 ") != NULL);
  CHECK(strstr(out, "~ ofac-306 ") != NULL);
  CHECK(strstr(out, "    + alias: BANCO NACIONAL\n") != NULL);
  CHECK(strstr(out, "2 added, 2 removed, 1 changed") != NULL);
  CHECK_INT(run("diff fx 2 1 --format jsonl"), 0);
  CHECK(strstr(out, "{\"change\":\"changed\",\"id\":\"ofac-306\",\"schema\":"
               "\"Organization\",\"source_id\":\"306\",\"caption\":\"BANCO NACIONAL "
               "DE CUBA\",\"properties\":{\"alias\":{\"removed\":[\"BANCO NACIONAL\"]}}}")
        != NULL);
  CHECK(strstr(out, "{\"change\":\"added\",\"id\":\"ofac-173\"") != NULL);
  CHECK_INT(run("lists --all fx"), 0);
  CHECK(strstr(out, "\nfx                        1  ") != NULL);
  CHECK(strstr(out, "\nfx                        2* ") != NULL);
  /* History of one entity: the alias came with version 2 and holds. */
  CHECK_INT(run("diff fx --history ofac-306"), 0);
  CHECK(strstr(out, "alias                BANCO NACIONAL                           "
               "versions 2..current") != NULL);
  CHECK_INT(run("diff fx --history ofac-173"), 0);
  CHECK(strstr(out, "versions 1..1") != NULL);
  CHECK_INT(run("diff fx --history nosuch"), 1);
  /* Usage errors exit 2. */
  CHECK_INT(run("diff"), 2);
  CHECK_INT(run("diff fx 1"), 2);
  CHECK_INT(run("import nosuchformat x"), 2);
  CHECK_INT(run("lists --format xml"), 2);
}

typedef struct probe { int n; char name[128]; } probe;

static int on_entity(void *ctx, idt_entity *e)
{
  probe *p = ctx;
  const char *nm;
  p->n++;
  if (strcmp(e->id, "ftm-p1") == 0 && (nm = idt_entity_first(e, "name")))
    snprintf(p->name, sizeof p->name, "%s", nm);
  return 0;
}

static void expect_ff(int64_t version)
{
  idt_store *s = NULL;
  int64_t cur = 0;
  probe p;
  const char *ds[] = { "ff" };
  memset(&p, 0, sizeof p);
  CHECK_OK(idt_store_open(&s, db));
  if (!s)
    return;
  CHECK_OK(idt_store_current(s, "ff", &cur));
  CHECK_INT(cur, version);
  CHECK_OK(idt_store_load(s, ds, 1, on_entity, &p));
  CHECK_INT(p.n, 2);
  CHECK_STR(p.name, "Kim Chol");
  idt_store_close(s);
}

static const char good[] =
  "{\"id\":\"ftm-p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim Chol\"],"
  "\"topics\":[\"sanction\"]}}\n"
  "{\"id\":\"ftm-c1\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Acme\"]}}\n";

TEST(bad_files_keep_previous)
{
  char args[1024];
  static const char bad_utf8[] =
    "{\"id\":\"ftm-p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim \xff\"]}}\n";
  static const char bad_json[] =
    "{\"id\":\"ftm-p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim\"]}}\n"
    "{\"id\":\"ftm-x\",\"schema\":\"Person\",\"properties\":{\"name\":[\"X\"]]}\n";
  int64_t v;
  const char *p;

  snprintf(args, sizeof args, "import ftm '%s' --dataset ff",
           tmpfile_with("good.ftm.json", good, sizeof good - 1));
  CHECK_INT(run(args), 0);
  CHECK(strstr(out, "ff: version") != NULL);
  p = strstr(out, "ff: version ");
  v = p ? strtoll(p + 12, NULL, 10) : 0;
  expect_ff(v);

  /* Non-UTF-8: located by line, column and byte offset. */
  snprintf(args, sizeof args, "import ftm '%s' --dataset ff",
           tmpfile_with("bad_utf8.ftm.json", bad_utf8, sizeof bad_utf8 - 1));
  CHECK_INT(run(args), 1);
  CHECK(strstr(out, "bad_utf8.ftm.json:1:") != NULL);
  CHECK(strstr(out, "invalid UTF-8") != NULL);
  CHECK(strstr(out, "current version of ff is unchanged") != NULL);
  expect_ff(v);

  /* Malformed JSON on line 2, after a valid entity was already staged. */
  snprintf(args, sizeof args, "import ftm '%s' --dataset ff",
           tmpfile_with("bad.ftm.json", bad_json, sizeof bad_json - 1));
  CHECK_INT(run(args), 1);
  CHECK(strstr(out, "bad.ftm.json:2") != NULL);
  expect_ff(v);

  /* Truncated mid-record. */
  snprintf(args, sizeof args, "import ftm '%s' --dataset ff",
           tmpfile_with("cut.ftm.json", good, sizeof good - 20));
  CHECK_INT(run(args), 1);
  CHECK(strstr(out, "cut.ftm.json:2") != NULL);
  expect_ff(v);

  /* A truncated OFAC CSV (cut inside a quoted field). */
  {
    char dir[600], cmd[2400];
    snprintf(dir, sizeof dir, "%s/cut_ofac", tap_tmpdir());
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && head -c 300 '%s/sdn.csv' > '%s/sdn.csv'",
             dir, fixture[0], dir);
    CHECK_INT(system(cmd), 0);
    snprintf(args, sizeof args, "import ofac-csv '%s' --dataset fx", dir);
    CHECK_INT(run(args), 1);
    CHECK(strstr(out, "cut_ofac/sdn.csv:") != NULL);
    CHECK_INT(run("lists fx --format json"), 0);
    CHECK(strstr(out, "\"version\": 2") != NULL);
    CHECK(strstr(out, "\"entities\": 8") != NULL);
  }
  /* A missing file. */
  CHECK_INT(run("import ftm /nonexistent/x.json --dataset ff"), 1);
  CHECK(strstr(out, "/nonexistent/x.json") != NULL);
  expect_ff(v);
}

int main(void)
{
  snprintf(db, sizeof db, "%s/cli.db", tap_tmpdir());
  snprintf(fixture[0], sizeof fixture[0], "%s", tap_data("tests/fixtures/store/ofac_v1"));
  snprintf(fixture[1], sizeof fixture[1], "%s", tap_data("tests/fixtures/store/ofac_v2"));
  RUN(import_lists_diff);
  RUN(bad_files_keep_previous);
  return tap_done();
}
