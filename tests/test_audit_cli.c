/*
 * test_audit_cli.c - `interdict audit` and `interdict apikey` end to end
 * through the binary with --db in a temporary directory: verify's exit
 * codes (0 intact, 3 tampered, 1 unreadable, 2 usage), --anchor against a
 * truncated log, log output in text and JSON lines, and the key printed
 * once by `apikey add` being accepted by the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include "interdict/audit.h"
#include "tap.h"

static char db[512];
static char out[65536];

static int run(const char *args)
{
  char cmd[4096], path[600];
  FILE *f;
  size_t n;
  int rc;
  snprintf(path, sizeof path, "%s/cli.out", tap_tmpdir());
  snprintf(cmd, sizeof cmd, "'%s' %s > '%s' 2>&1", tap_cli(), args, path);
  rc = system(cmd);
  out[0] = '\0';
  if ((f = fopen(path, "r"))) {
    n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    fclose(f);
  }
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* `interdict --db DB ARGS` */
static int rundb(const char *args)
{
  char full[2048];
  snprintf(full, sizeof full, "--db '%s' %s", db, args);
  return run(full);
}

static int raw(const char *sql)
{
  sqlite3 *h;
  int rc;
  if (sqlite3_open(db, &h) != SQLITE_OK)
    return -1;
  char *msg = NULL;
  rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    tap_diag("sql: %s", msg ? msg : "?");
  sqlite3_free(msg);
  sqlite3_close(h);
  return rc;
}

TEST(apikey_cli)
{
  idt_audit *a = NULL;
  char key[128], *name = NULL, *nl;
  CHECK_INT(rundb("apikey add ci-bot"), 0);
  nl = strchr(out, '\n');
  CHECK(nl && nl - out == 68);
  snprintf(key, sizeof key, "%.68s", out);
  CHECK_INT(rundb("apikey add ci-bot"), 1);
  CHECK(strstr(out, "already exists") != NULL);
  CHECK_INT(rundb("apikey list"), 0);
  CHECK(strstr(out, "ci-bot") != NULL);
  CHECK(strstr(out, key + 8) == NULL);
  CHECK_INT(rundb("apikey list --format json"), 0);
  CHECK(strstr(out, "\"name\": \"ci-bot\"") != NULL);
  CHECK_OK(idt_audit_open(&a, db));
  CHECK_OK(idt_apikey_check(a, key, &name));
  CHECK_STR(name, "ci-bot");
  idt_free(name);
  CHECK_INT(rundb("apikey revoke ci-bot"), 0);
  CHECK_INT(idt_apikey_check(a, key, NULL), IDT_ENOTFOUND);
  CHECK_INT(rundb("apikey revoke ci-bot"), 1);
  CHECK_INT(rundb("apikey add 'bad name'"), 1);
  CHECK_INT(rundb("apikey frobnicate"), 2);
  CHECK_INT(rundb("apikey --help"), 0);
  CHECK(strstr(out, "usage: interdict apikey") != NULL);
  idt_audit_close(a);
}

TEST(audit_cli)
{
  char head[128], args[600], cmd[800], *p;
  CHECK_INT(rundb("audit verify"), 0);
  CHECK(strstr(out, "ok: 2 records intact") != NULL);   /* apikey add, revoke */
  p = strstr(out, "head: ");
  CHECK(p != NULL);
  snprintf(head, sizeof head, "%.*s", p ? (int)strcspn(p + 6, "\n") : 0, p ? p + 6 : "");
  CHECK_INT(strlen(head), 2 + 64);
  snprintf(cmd, sizeof cmd, "audit verify --db '%s' --format json", db);
  CHECK_INT(run(cmd), 0);
  CHECK(strstr(out, "\"ok\": true") != NULL);
  CHECK_INT(rundb("audit log --format jsonl"), 0);
  CHECK(strstr(out, "\"kind\":\"apikey.add\"") != NULL);
  CHECK(strstr(out, "\"prev_hash\":\"0000") != NULL);
  CHECK_INT(rundb("audit log --limit 1"), 0);
  CHECK(strstr(out, "apikey.revoke") != NULL && strstr(out, "apikey.add") == NULL);
  CHECK_INT(rundb("audit log --from 2 --limit 1"), 0);
  CHECK(strstr(out, "     2 ") != NULL && strstr(out, "     3 ") == NULL);
  snprintf(args, sizeof args, "audit verify --anchor %s", head);
  CHECK_INT(rundb(args), 0);
  /* Tampering: exit 3 and the record named. */
  CHECK_INT(raw("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
                "UPDATE audit_log SET actor='x' WHERE seq=2"), SQLITE_OK);
  CHECK_INT(rundb("audit verify"), 3);
  CHECK(strstr(out, "BROKEN at seq 2") != NULL);
  CHECK_INT(rundb("audit verify --format json"), 3);
  CHECK(strstr(out, "\"seq\": 2") != NULL);
  /* Truncation plus a rewound anchor: only the external anchor sees it. */
  /* (every open re-creates the triggers, so drop them again) */
  CHECK_INT(raw("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq>=2;"
                "DROP TRIGGER audit_anchor_forward;"
                "UPDATE audit_anchor SET seq=1, hash=(SELECT hash FROM audit_log "
                "WHERE seq=1)"), SQLITE_OK);
  CHECK_INT(rundb("audit verify"), 0);
  CHECK_INT(rundb(args), 3);
  CHECK(strstr(out, "truncated") != NULL);
  /* Usage and unreadable files. */
  CHECK_INT(rundb("audit verify --anchor 12:zz"), 2);
  CHECK_INT(rundb("audit explode"), 2);
  CHECK_INT(rundb("audit log --limit -4"), 2);
  CHECK_INT(run("--db /proc/none/x.db audit verify"), 1);
  /* A deleted database is not an empty, intact log. */
  snprintf(cmd, sizeof cmd, "--db '%.500s/absent.db' audit verify", tap_tmpdir());
  CHECK_INT(run(cmd), 1);
  CHECK(strstr(out, "no such database") != NULL);
  snprintf(args, sizeof args, "%.500s/notsqlite.db", tap_tmpdir());
  {
    FILE *f = fopen(args, "w");
    if (f) {
      fputs("this is not a database, just some text long enough to look like a header\n", f);
      fclose(f);
    }
  }
  snprintf(cmd, sizeof cmd, "--db '%s' audit verify", args);
  CHECK_INT(run(cmd), 1);
  CHECK_INT(rundb("audit --help"), 0);
  CHECK(strstr(out, "usage: interdict audit verify") != NULL);
}

int main(void)
{
  snprintf(db, sizeof db, "%s/cli.db", tap_tmpdir());
  unlink(db);
  RUN(apikey_cli);
  RUN(audit_cli);
  return tap_done();
}
