/*
 * test_webui_e2e.c - the web UI end to end in headless Debian chromium.
 *
 * Builds a store from the bundled lists (OFAC SDN, the OpenSanctions FtM
 * network "zala", and a user CSV list whose entity is named
 * `<script>alert(1)</script>`), stores the network exposure, simulates an
 * AIS scenario, creates an API key, starts the real `interdict serve` on
 * loopback port 0 (writes then need the key, which the UI must send; with
 * no `apikey` command, `--no-auth`), and runs tests/e2e/ui_e2e.py, which
 * drives chromium through
 * chromedriver (W3C WebDriver, Python stdlib only). Each browser step the
 * driver reports becomes one TAP line here; a step the driver never reached
 * fails. Without chromium, chromedriver or python3 every step is a TAP skip
 * naming what is missing.
 *
 * No step assumes a quiet machine: the server picks its own port and prints
 * it once the lists are loaded (a port probed free beforehand can be taken
 * by another process during the seconds the load takes), and every wait
 * here and in the driver is a poll with a generous deadline, stretched by
 * tt_slow() (test_timeout.h; passed to the driver as --timeout-scale).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "tap.h"
#include "test_timeout.h"

static const char *const steps[] = {
  "server_ready", "ui_loads", "api_key_prompt", "search_name", "open_hit",
  "entity_page_graph", "network_graph", "script_entity_inert", "decide_alerts",
  "lists_page", "vessel_map",
};
#define NSTEPS (sizeof steps / sizeof steps[0])
static int seen[NSTEPS];

static char tmp[1024], db[1100], ais[1100], logpath[1100], key[256], vessel[64];
static const char *chromium, *chromedriver;
static pid_t server = -1;
static char detail[2048];
static int any_failed;

static const char *find_tool(const char *env, const char *a, const char *b)
{
  const char *e = getenv(env);
  if (e && *e)
    return access(e, X_OK) == 0 ? e : NULL;
  if (access(a, X_OK) == 0)
    return a;
  return b && access(b, X_OK) == 0 ? b : NULL;
}

static int run(const char *cmd, char *out, size_t cap)
{
  FILE *p = popen(cmd, "r");
  size_t n = 0, got;
  if (!p)
    return -1;
  while (out && n + 1 < cap && (got = fread(out + n, 1, cap - 1 - n, p)) > 0)
    n += got;
  if (out)
    out[n] = 0;
  return pclose(p);
}

static void skip_all(const char *why)
{
  for (size_t i = 0; i < NSTEPS; i++)
    tap_skip(steps[i], why);
}

/* The store: OFAC SDN, the zala FtM network (with stored exposure), and a
 * user list whose names are markup. Plus a simulated AIS scenario. */
static int make_store(void)
{
  char cmd[8192];
  FILE *f;
  snprintf(db, sizeof db, "%s/ui.db", tmp);
  snprintf(ais, sizeof ais, "%s/scenario.nmea", tmp);
  /* two versions of the user list: the second adds the markup entity */
  for (int v = 1; v <= 2; v++) {
    snprintf(cmd, sizeof cmd, "%s/user%d.csv", tmp, v);
    if (!(f = fopen(cmd, "w")))
      return -1;
    fputs("id,schema,name,aliases,country\n"
          "ok1,Organization,Harmless Test Trading Co,,de\n", f);
    if (v == 2)
      fputs("xss1,Organization,<script>alert(1)</script>,\"<img src=x onerror=alert(2)>\",kp\n", f);
    fclose(f);
  }
  snprintf(cmd, sizeof cmd, "set -e; cd '%s'; mkdir -p ofac; for f in sdn alt add; do"
           " xz -dc '%s'/$f.csv.xz > ofac/$f.csv; done; cp '%s'/sdn_comments.csv ofac/;"
           " I='%s'; $I --db ui.db import ofac-csv ofac --quiet >/dev/null;"
           " $I --db ui.db import ftm '%s' --dataset zala --quiet >/dev/null;"
           " $I --db ui.db import csv user1.csv --quiet >/dev/null;"
           " $I --db ui.db import csv user2.csv --quiet >/dev/null;"
           " $I --db ui.db net exposure >/dev/null;"
           " $I ais simulate --seed 7 --vessels 20 --zone '%s' --out scenario.nmea"
           " --truth truth.jsonl 2>/dev/null",
           tmp, tap_data("data/lists/ofac"), tap_data("data/lists/ofac"), tap_cli(),
           tap_data("data/lists/ftm/zala_network.ftm.json"),
           tap_data("data/reference/eez_prk.json"));
  return system(cmd);
}

/* The MMSI of the scenario's first staged event (a vessel with a track). */
static void pick_vessel(void)
{
  char cmd[1200], out[64];
  snprintf(cmd, sizeof cmd, "sed -n 's/.*\"mmsi\":\\([0-9]*\\).*/\\1/p' '%s/truth.jsonl' | head -1", tmp);
  vessel[0] = 0;
  if (run(cmd, out, sizeof out) == 0) {
    out[strcspn(out, "\n")] = 0;
    snprintf(vessel, sizeof vessel, "%s", out);
  }
}

/* An API key from `interdict apikey add`, when that command exists: the
 * longest token of its output that looks like a key. */
static void make_key(void)
{
  char cmd[1400], out[4096], *tok, *save = NULL;
  size_t best = 0;
  key[0] = 0;
  snprintf(cmd, sizeof cmd, "'%s' --db '%s' apikey add e2e-analyst 2>/dev/null", tap_cli(), db);
  if (run(cmd, out, sizeof out) != 0)
    return;
  for (tok = strtok_r(out, " \t\r\n:\"'", &save); tok; tok = strtok_r(NULL, " \t\r\n:\"'", &save)) {
    size_t n = strlen(tok);
    if (n >= 20 && n < sizeof key && n > best && strspn(tok, "abcdefghijklmnopqrstuvwxyz"
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == n) {
      memcpy(key, tok, n + 1);
      best = n;
    }
  }
}

static int start_server(void)
{
  const char *bind = "127.0.0.1:0";
  int fd;
  snprintf(logpath, sizeof logpath, "%s/serve.log", tmp);
  fflush(stdout);
  server = fork();
  if (server < 0)
    return -1;
  if (server == 0) {
    fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    /* with a key, writes (POST /match, /decisions) need it: the UI must send it */
    if (key[0])
      execl(tap_cli(), tap_cli(), "--db", db, "serve", "--bind", bind, "--ais", ais, (char *)NULL);
    else
      execl(tap_cli(), tap_cli(), "--db", db, "serve", "--bind", bind, "--no-auth",
            "--ais", ais, (char *)NULL);
    _exit(127);
  }
  return 0;
}

/* The port `interdict serve` prints ("port N" on stdout, into the log)
 * once it has loaded the lists and listens; 0 with why in detail when it
 * exits first or the deadline passes. */
static int server_port(void)
{
  double t0 = tt_now(), until = tt_deadline(300);
  int status;
  do {
    FILE *f = fopen(logpath, "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
      char *end;
      long p = strncmp(line, "port ", 5) ? 0 : strtol(line + 5, &end, 10);
      if (p > 0 && p < 65536 && (*end == '\n' || !*end)) {
        fclose(f);
        tap_diag("server listening on port %ld after %.1f s", p, tt_now() - t0);
        return (int)p;
      }
    }
    if (f)
      fclose(f);
    if (waitpid(server, &status, WNOHANG) == server) {
      server = -1;
      snprintf(detail, sizeof detail, "interdict serve exited (wait status %d) before "
               "listening; see its log below", status);
      return 0;
    }
    tt_sleep_ms(100);
  } while (tt_now() < until);
  snprintf(detail, sizeof detail, "interdict serve printed no port within %.0f s",
           tt_now() - t0);
  return 0;
}

/* SIGTERM, then a generous deadline for a graceful exit (a sanitizer build
 * frees the snapshot and checks for leaks first); the exit status. */
static int stop_server(void)
{
  int status = -1;
  double until = tt_deadline(120);
  if (server <= 0)
    return -1;
  kill(server, SIGTERM);
  do {
    pid_t r = waitpid(server, &status, WNOHANG);
    if (r == server) {
      server = -1;
      return status;
    }
    tt_sleep_ms(100);
  } while (tt_now() < until);
  kill(server, SIGKILL);
  waitpid(server, &status, 0);
  server = -1;
  return -2;
}

static void show_log(void)
{
  char cmd[1200], out[4096];
  snprintf(cmd, sizeof cmd, "tail -n 15 '%s' 2>/dev/null", logpath);
  if (run(cmd, out, sizeof out) == 0 && out[0]) {
    for (char *line = out, *nl; *line; line = nl + 1) {
      nl = strchr(line, '\n');
      if (!nl) {
        tap_diag("serve: %s", line);
        break;
      }
      *nl = 0;
      tap_diag("serve: %s", line);
    }
  }
}

TEST(step_failed)
{
  any_failed = 1;
  tap_failf(__FILE__, __LINE__, "%s", detail);
}
TEST(step_passed) { CHECK(1); }

/* "STEP\tok|fail|skip\tNAME\tDETAIL" -> one TAP line. */
static void report(char *line)
{
  char *status = line + 5, *name, *det;
  if (!(name = strchr(status, '\t')))
    return;
  *name++ = 0;
  if ((det = strchr(name, '\t')))
    *det++ = 0;
  else
    det = name + strlen(name);
  det[strcspn(det, "\r\n")] = 0;
  for (size_t i = 0; i < NSTEPS; i++)
    if (!strcmp(steps[i], name))
      seen[i] = 1;
  snprintf(detail, sizeof detail, "%s", det);
  if (!strcmp(status, "skip")) {
    tap_skip(name, det);
  } else if (!strcmp(status, "ok")) {
    tap_diag("%s: %s", name, det);
    tap_run(name, step_passed);
  } else {
    tap_run(name, step_failed);
  }
}

static int drive(int port)
{
  char cmd[8192], line[4096];
  FILE *p;
  int n = snprintf(cmd, sizeof cmd, "python3 '%s' --base http://127.0.0.1:%d --chromium '%s'"
                   " --chromedriver '%s' --query 'Korea Mining Development Trading'"
                   " --schema Organization --expect 'korea mining development'"
                   " --graph-entity NK-aU5ybkbRFJucf8YMwsJvDw"
                   " --datasets watchlist,us_ofac_sdn,zala --diff-expect '<script>alert(1)</script>'"
                   " --shots '%s/shots' --timeout-scale %.2f",
                   tap_data("tests/e2e/ui_e2e.py"), port, chromium, chromedriver, tmp,
                   tt_slow());
  if (vessel[0])
    n += snprintf(cmd + n, sizeof cmd - (size_t)n, " --vessel %s", vessel);
  if (key[0])
    n += snprintf(cmd + n, sizeof cmd - (size_t)n, " --auth --api-key '%s' --key-name e2e-analyst", key);
  snprintf(cmd + n, sizeof cmd - (size_t)n, " 2>&1");
  if (!(p = popen(cmd, "r")))
    return -1;
  while (fgets(line, sizeof line, p)) {
    if (!strncmp(line, "STEP\t", 5))
      report(line);
    else {
      line[strcspn(line, "\n")] = 0;
      tap_diag("driver: %s", line);
    }
  }
  return pclose(p);
}

int main(void)
{
  char cmd[2048];
  int port = 0, rc;
  chromium = find_tool("IDT_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser");
  chromedriver = find_tool("IDT_CHROMEDRIVER", "/usr/bin/chromedriver", NULL);
  if (!chromium || !chromedriver) {
    skip_all(!chromium ? "chromium is not installed (apt-get install chromium chromium-driver;"
             " tools/install-deps.sh)" : "chromedriver is not installed (apt-get install chromium-driver)");
    return tap_done();
  }
  if (system("command -v python3 >/dev/null 2>&1") != 0) {
    skip_all("python3 is not installed");
    return tap_done();
  }
  snprintf(cmd, sizeof cmd, "'%s' serve --help >/dev/null 2>&1", tap_cli());
  if (system(cmd) != 0) {
    skip_all("`interdict serve` is not built (src/server missing)");
    return tap_done();
  }
  snprintf(tmp, sizeof tmp, "%s", tap_tmpdir());
  if (make_store() != 0) {
    snprintf(detail, sizeof detail, "could not build the test store from data/ (see stderr)");
    tap_run("setup", step_failed);
    return tap_done();
  }
  pick_vessel();
  make_key();
  if (!key[0]) {
    seen[2] = 1;
    tap_skip("api_key_prompt", "`interdict apikey add` gave no key: the key prompt is not exercised");
  }
  if (start_server() != 0) {
    snprintf(detail, sizeof detail, "fork: %s", strerror(errno));
    tap_run("server_ready", step_failed);
    return tap_done();
  }
  if (!(port = server_port())) {
    seen[0] = 1;
    tap_run("server_ready", step_failed);
    rc = -1;
  } else {
    rc = drive(port);
  }
  for (size_t i = 0; i < NSTEPS; i++)
    if (!seen[i]) {
      if (port)
        snprintf(detail, sizeof detail, "the driver never reported this step (exit status %d)",
                 rc);
      else
        snprintf(detail, sizeof detail, "not run: the server did not start");
      tap_run(steps[i], step_failed);
    }
  rc = stop_server();
  snprintf(detail, sizeof detail, "interdict serve did not exit 0 on SIGTERM (wait status %d)", rc);
  tap_run("server_stops_on_sigterm", rc == 0 ? step_passed : step_failed);
  if (any_failed)
    show_log();
  return tap_done();
}
