/*
 * test_update.c - `update` against a loopback HTTP server
 * (tests/http_fixture_server.py on 127.0.0.1, a free port) serving small
 * OFAC fixtures (tests/fixtures/store/ofac_v1, ofac_v2; see README there):
 * a first download, an unchanged list (304, and 200 with the same bytes),
 * a changed list (new version, diff), a truncated body and a 500 (errors,
 * previous version intact), then the CLI once. Every wait is bounded.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "interdict/store.h"
#include "tap.h"

static char srvdir[512], dbpath[512], base[128];
static pid_t server = -1;
static const idt_update_source *ofac;

static const char *const names[] = { "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv" };

static int copy(const char *from, const char *to)
{
  char buf[8192];
  size_t n;
  FILE *in = fopen(from, "rb"), *out;
  if (!in)
    return -1;
  if (!(out = fopen(to, "wb"))) {
    fclose(in);
    return -1;
  }
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    fwrite(buf, 1, n, out);
  fclose(in);
  return fclose(out);
}

static void serve(const char *fixture, const char *mode)
{
  char from[1024], to[1024], rel[256];
  size_t i;
  FILE *f;
  for (i = 0; i < 4; i++) {
    snprintf(rel, sizeof rel, "tests/fixtures/store/%s/%s", fixture, names[i]);
    snprintf(from, sizeof from, "%s", tap_data(rel));
    snprintf(to, sizeof to, "%s/%s", srvdir, names[i]);
    if (copy(from, to) != 0)
      tap_diag("cannot copy %s", from);
  }
  snprintf(to, sizeof to, "%s/_mode", srvdir);
  if ((f = fopen(to, "w"))) {
    fputs(mode, f);
    fclose(f);
  }
}

static int start_server(void)
{
  char portfile[600], script[1024];
  int i;
  FILE *f;
  snprintf(srvdir, sizeof srvdir, "%s/srv", tap_tmpdir());
  snprintf(portfile, sizeof portfile, "%s/port", tap_tmpdir());
  snprintf(script, sizeof script, "%s", tap_data("tests/http_fixture_server.py"));
  if (mkdir(srvdir, 0777) != 0)
    return -1;
  serve("ofac_v1", "normal");
  server = fork();
  if (server == 0) {
    execlp("python3", "python3", script, srvdir, portfile, "300", (char *)NULL);
    _exit(127);
  }
  if (server < 0)
    return -1;
  for (i = 0; i < 200; i++) {   /* up to 10 s */
    int port = 0, status;
    if ((f = fopen(portfile, "r"))) {
      char line[32];
      if (fgets(line, sizeof line, f))
        port = (int)strtol(line, NULL, 10);
      fclose(f);
    }
    if (port > 0) {
      snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
      return 0;
    }
    if (waitpid(server, &status, WNOHANG) == server) {
      server = -1;
      return -1;
    }
    usleep(50000);
  }
  return -1;
}

static void stop_server(void)
{
  if (server > 0) {
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);
    server = -1;
  }
}

static int update(idt_update_result *r)
{
  idt_store *s = NULL;
  idt_update_opts o = IDT_UPDATE_OPTS_INIT;
  int rc;
  o.base_url = base;
  o.tmpdir = tap_tmpdir();
  o.timeout = 30;
  if ((rc = idt_store_open(&s, dbpath)))
    return rc;
  rc = idt_update_run(s, ofac, &o, r);
  idt_store_close(s);
  return rc;
}

typedef struct probe { int n; int has_alias; } probe;

static int on_entity(void *ctx, idt_entity *e)
{
  probe *p = ctx;
  p->n++;
  if (strcmp(e->id, "ofac-306") == 0)
    p->has_alias = idt_entity_has(e, "alias", "BANCO NACIONAL");
  return 0;
}

/* The current version, its entity count and whether ofac-306 carries the
 * alias that only the second fixture has. */
static void expect_current(int64_t version, int alias)
{
  idt_store *s = NULL;
  int64_t cur = 0;
  probe p = { 0, 0 };
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  CHECK_OK(idt_store_current(s, "us_ofac_sdn", &cur));
  CHECK_INT(cur, version);
  CHECK_OK(idt_store_load(s, NULL, 0, on_entity, &p));
  CHECK_INT(p.n, 8);
  CHECK_INT(p.has_alias, alias);
  idt_store_close(s);
}

static int count_in_log(const char *needle)
{
  char path[600], line[512];
  int n = 0;
  FILE *f;
  snprintf(path, sizeof path, "%s/_log", srvdir);
  if (!(f = fopen(path, "r")))
    return 0;
  while (fgets(line, sizeof line, f))
    if (strstr(line, needle))
      n++;
  fclose(f);
  unlink(path);
  return n;
}

static int64_t v1, v2;

TEST(first_download)
{
  idt_update_result r;
  CHECK_OK(update(&r));
  CHECK_INT(r.not_modified, 0);
  CHECK_INT(r.info.unchanged, 0);
  CHECK_INT(r.info.entities, 8);
  CHECK_INT(r.info.listed, 4);
  v1 = r.info.version;
  CHECK(v1 > 0);
  CHECK_INT(count_in_log(" 200 INM="), 4);
  expect_current(v1, 0);
}

TEST(not_modified)
{
  idt_update_result r;
  CHECK_OK(update(&r));
  CHECK_INT(r.not_modified, 1);
  CHECK_INT(count_in_log(" 304 INM=\""), 4);   /* validators were sent */
  expect_current(v1, 0);
  /* A server without validators sends the same bytes: no new version. */
  serve("ofac_v1", "noetag");
  CHECK_OK(update(&r));
  CHECK_INT(r.not_modified, 0);
  CHECK_INT(r.info.unchanged, 1);
  CHECK_INT(r.info.version, v1);
  expect_current(v1, 0);
}

TEST(changed)
{
  idt_update_result r;
  idt_store *s = NULL;
  idt_diff_stats st;
  serve("ofac_v2", "normal");
  CHECK_OK(update(&r));
  CHECK_INT(r.not_modified, 0);
  CHECK_INT(r.info.unchanged, 0);
  CHECK_INT(r.info.previous, v1);
  CHECK_INT(r.info.added, 2);     /* 424 and its Sanction */
  CHECK_INT(r.info.removed, 2);   /* 173 and its Sanction */
  CHECK_INT(r.info.changed, 1);   /* 306 gained an alias */
  v2 = r.info.version;
  expect_current(v2, 1);
  CHECK_OK(idt_store_open(&s, dbpath));
  if (s) {
    CHECK_OK(idt_store_diff(s, "us_ofac_sdn", 0, 0, NULL, NULL, &st));
    CHECK_INT(st.added, 2);
    CHECK_INT(st.removed, 2);
    CHECK_INT(st.changed, 1);
  }
  idt_store_close(s);
  count_in_log("");
}

TEST(truncated_download)
{
  idt_update_result r;
  serve("ofac_v1", "truncate");
  CHECK_INT(update(&r), IDT_ENET);
  CHECK(strstr(idt_error_msg(), "update ofac") != NULL);
  CHECK(strstr(idt_error_msg(), "127.0.0.1") != NULL);
  tap_diag("truncated: %s", idt_error_msg());
  expect_current(v2, 1);
}

TEST(server_error)
{
  idt_update_result r;
  serve("ofac_v1", "error500");
  CHECK_INT(update(&r), IDT_ENET);
  CHECK(strstr(idt_error_msg(), "HTTP 500") != NULL);
  expect_current(v2, 1);
  /* The failures did not touch the remembered validators: v2 is 304. */
  serve("ofac_v2", "normal");
  count_in_log("");
  CHECK_OK(update(&r));
  CHECK_INT(r.not_modified, 1);
  expect_current(v2, 1);
}

TEST(cli_update)
{
  char cmd[2048];
  int rc;
  serve("ofac_v1", "normal");
  snprintf(cmd, sizeof cmd, "'%s' --db '%s' update ofac --base-url '%s' > '%s/out' 2>&1",
           tap_cli(), dbpath, base, tap_tmpdir());
  rc = system(cmd);
  CHECK(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
  expect_current(v2 + 1, 0);
  serve("ofac_v1", "error500");
  rc = system(cmd);
  CHECK(WIFEXITED(rc) && WEXITSTATUS(rc) == 1);
  expect_current(v2 + 1, 0);
}

/* A source of one file (UN, UK): fetched, parsed from the file rather
 * than the directory, made the dataset's current version; not parsed
 * again when the server answers 304. */
static void one_file_source(const char *name, const char *fixture, const char *file,
                            const char *dataset, size_t listed)
{
  idt_store *s = NULL;
  idt_update_opts o = IDT_UPDATE_OPTS_INIT;
  idt_update_result r;
  const idt_update_source *srcs, *src = NULL;
  char to[600];
  size_t n, i;
  int64_t cur = 0;
  srcs = idt_update_sources(&n);
  for (i = 0; i < n; i++)
    if (strcmp(srcs[i].name, name) == 0)
      src = &srcs[i];
  CHECK(src != NULL);
  if (!src)
    return;
  snprintf(to, sizeof to, "%s/%s", srvdir, file);
  CHECK_INT(copy(tap_data(fixture), to), 0);
  serve("ofac_v1", "normal");
  o.base_url = base;
  o.tmpdir = tap_tmpdir();
  o.timeout = 30;
  CHECK_OK(idt_store_open(&s, dbpath));
  if (!s)
    return;
  CHECK_OK(idt_update_run(s, src, &o, &r));
  CHECK_INT(r.not_modified, 0);
  CHECK_INT(r.info.listed, listed);
  CHECK_OK(idt_store_current(s, dataset, &cur));
  CHECK_INT(cur, r.info.version);
  CHECK_OK(idt_update_run(s, src, &o, &r));
  CHECK_INT(r.not_modified, 1);
  idt_store_close(s);
}

TEST(un_source)
{
  one_file_source("un", "tests/fixtures/store/un_v1/consolidated.xml", "consolidated.xml",
                  "un_sc_sanctions", 1);
}

TEST(uk_source)
{
  one_file_source("uk", "tests/fixtures/uk/uk_sanctions_sample.xml", "UK-Sanctions-List.xml",
                  "gb_fcdo_sanctions", 5);
}

int main(void)
{
  size_t n, i;
  const idt_update_source *srcs = idt_update_sources(&n);
  for (i = 0; i < n; i++)
    if (strcmp(srcs[i].name, "ofac") == 0)
      ofac = &srcs[i];
  snprintf(dbpath, sizeof dbpath, "%s/update.db", tap_tmpdir());
  if (system("python3 -c pass >/dev/null 2>&1") != 0 || start_server() != 0) {
    tap_skip("update", "python3 or the loopback fixture server is unavailable");
    stop_server();
    return tap_done();
  }
  RUN(first_download);
  RUN(not_modified);
  RUN(changed);
  RUN(truncated_download);
  RUN(server_error);
  RUN(cli_update);
  RUN(un_source);
  RUN(uk_source);
  stop_server();
  return tap_done();
}
