/*
 * cmd_serve.c - `interdict serve`: the HTTP API and web UI (docs/api.md,
 * docs/cli/serve.md) until SIGINT or SIGTERM; SIGHUP reloads the lists.
 *
 * Signals are blocked before the server starts (its threads inherit the
 * mask) and taken synchronously here with sigwait, so no handler runs in
 * an async-signal context and a reload is an ordinary function call.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "interdict/interdict.h"
#include "interdict/server.h"

const char cmd_serve_summary[] = "serve the HTTP API and the web UI";

static const char help[] =
  "usage: interdict serve [--bind HOST:PORT] [--threads N] [--ais FILE]...\n"
  "                       [--no-auth] [--admin NAME]... [--max-body BYTES]\n"
  "                       [--max-header BYTES] [--timeout S] [--max-conns N]\n"
  "                       [--max-conns-per-ip N]\n"
  "                       [--request-ms MS] [--max-queries N] [--reload-check S]\n"
  "                       [--drain-ms MS] [--quiet]\n"
  "\n"
  "Serve the lists of the store (--db) over HTTP: yente-compatible POST\n"
  "/match/{dataset}, /search, /entities, /lists, /ais, /alerts, /decisions,\n"
  "/audit/verify, /openapi.json and the web UI under /ui/ (docs/api.md).\n"
  "\n"
  "  --bind HOST:PORT   listen address (default 127.0.0.1:8000; [::1]:8000 for\n"
  "                     IPv6; port 0 picks one and prints it)\n"
  "  --threads N        worker threads (default 2)\n"
  "  --ais FILE         NMEA file decoded at start-up for /ais (repeatable)\n"
  "  --no-auth          no API keys (loopback addresses only)\n"
  "  --admin NAME       API key allowed to POST /admin/reload (repeatable;\n"
  "                     default: any valid key)\n"
  "  --max-body BYTES   request body limit, 413 above (default 1048576)\n"
  "  --max-header BYTES per-connection memory for headers (default 16384)\n"
  "  --timeout S        idle connection timeout (default 30)\n"
  "  --max-conns N      simultaneous connections (default 512)\n"
  "  --max-conns-per-ip N  simultaneous connections from one address\n"
  "                     (default 0: no limit)\n"
  "  --request-ms MS    time to receive a body and answer (default 10000)\n"
  "  --max-queries N    queries in one /match request (default 100)\n"
  "  --reload-check S   check the store's versions every S seconds and\n"
  "                     reload when they moved (default 60, 0 = never)\n"
  "  --drain-ms MS      on stop, wait this long for requests in flight\n"
  "                     (default 10000)\n"
  "  --quiet            no start-up and reload messages\n"
  "\n"
  "Signals: SIGHUP reloads the lists (requests in flight finish on the old\n"
  "ones); SIGINT/SIGTERM stop accepting, finish requests in flight, exit 0.\n"
  "API keys: interdict apikey add NAME. Exit status: 0, 1 error, 2 usage.\n";

static int num(const char *s, unsigned long max, unsigned long *out)
{
  char *end;
  errno = 0;
  *out = strtoul(s, &end, 10);
  return *s && !*end && !errno && *out <= max ? 0 : -1;
}

typedef struct uopt { const char *name; unsigned long max; size_t off; int is_size; } uopt;
#define U(n, m, f) { n, m, offsetof(idt_server_opts, f), 0 }
#define Z(n, m, f) { n, m, offsetof(idt_server_opts, f), 1 }
static const uopt uopts[] = {
  U("--threads", 256, threads), Z("--max-body", 1ul << 30, max_body),
  Z("--max-header", 1ul << 24, max_header), U("--timeout", 86400, conn_timeout),
  U("--max-conns", 100000, max_conns), U("--max-conns-per-ip", 100000, max_conns_per_ip),
  U("--request-ms", 3600000, request_ms),
  U("--max-queries", 10000, max_queries), U("--reload-check", 86400, reload_check_s),
  U("--drain-ms", 3600000, drain_ms),
};

static int parse(int argc, char **argv, idt_server_opts *o, const char **ais, size_t *nais,
                 const char **admins, size_t *nadm, int *quiet)
{
  int i;
  size_t k;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--no-auth")) { o->no_auth = 1; continue; }
    if (!strcmp(a, "--quiet")) { *quiet = 1; continue; }
    if (i + 1 >= argc)
      return cli_usage("serve", "unknown option or missing value: '%s'", a);
    if (!strcmp(a, "--bind")) { o->bind = argv[++i]; continue; }
    if (!strcmp(a, "--ais")) {
      if (*nais == 64)
        return cli_usage("serve", "at most 64 --ais files");
      ais[(*nais)++] = argv[++i];
      continue;
    }
    if (!strcmp(a, "--admin")) {
      if (*nadm == 64)
        return cli_usage("serve", "at most 64 --admin names");
      admins[(*nadm)++] = argv[++i];
      continue;
    }
    for (k = 0; k < sizeof uopts / sizeof uopts[0]; k++)
      if (!strcmp(a, uopts[k].name)) {
        unsigned long v;
        if (num(argv[i + 1], uopts[k].max, &v) < 0)
          return cli_usage("serve", "%s needs a whole number up to %lu", a, uopts[k].max);
        if (uopts[k].is_size)
          *(size_t *)((char *)o + uopts[k].off) = (size_t)v;
        else
          *(unsigned *)((char *)o + uopts[k].off) = (unsigned)v;
        i++;
        break;
      }
    if (k == sizeof uopts / sizeof uopts[0])
      return cli_usage("serve", "unknown option '%s'", a);
  }
  return 0;
}

int cmd_serve(int argc, char **argv)
{
  idt_server_opts o = IDT_SERVER_OPTS_INIT;
  const char *ais[64], *admins[64];
  size_t nais = 0, nadm = 0;
  idt_server *s = NULL;
  sigset_t set;
  int i, quiet = 0, rc, sig;
  for (i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    }
  if ((rc = parse(argc, argv, &o, ais, &nais, admins, &nadm, &quiet)))
    return rc;
  o.db_path = cli_db_path();
  o.ais_files = ais;
  o.nais = nais;
  o.admins = admins;
  o.nadmins = nadm;
  o.log = !quiet;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);
  if (!quiet)
    fprintf(stderr, "interdict serve: loading the lists from %s\n", o.db_path);
  if (idt_server_start(&s, &o) < 0)
    return cli_fail("serve");
  if (!quiet) {
    const char *colon = strrchr(o.bind, ':');
    fprintf(stderr, "interdict serve: listening on %.*s:%u%s (SIGHUP reloads, SIGINT stops)\n",
            colon ? (int)(colon - o.bind) : 0, o.bind, idt_server_port(s),
            o.no_auth ? ", no auth" : "");
  }
  printf("port %u\n", idt_server_port(s));
  fflush(stdout);
  for (;;) {
    if (sigwait(&set, &sig))
      continue;
    if (sig == SIGHUP) {
      int changed = 0;
      if (idt_server_reload(s, &changed) < 0)
        fprintf(stderr, "interdict serve: reload failed (still serving the old lists): %s\n",
                idt_error_msg());
      else if (!quiet)
        fprintf(stderr, "interdict serve: reloaded (%s)\n", changed ? "lists changed" : "same versions");
      continue;
    }
    break;
  }
  if (!quiet)
    fprintf(stderr, "interdict serve: stopping (finishing requests in flight)\n");
  idt_server_stop(s);
  return 0;
}
