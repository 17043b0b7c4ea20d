/*
 * cmd_update.c - `interdict update [SOURCE...] [--base-url URL]`: fetch the
 * official list files (conditionally) and import those that changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "interdict/interdict.h"
#include "interdict/store.h"

const char cmd_update_summary[] = "download the official lists and import what changed";

static const char help[] =
  "usage: interdict update [SOURCE...] [--base-url URL] [--timeout SECONDS]\n"
  "\n"
  "Download the official files of each SOURCE (default: all) with\n"
  "conditional requests and import those that changed as a new version.\n"
  "A failed, truncated or unparsable download leaves the current version in\n"
  "force; the exit status is then 1.\n"
  "\n"
  "sources:\n"
  "  ofac  OFAC SDN legacy CSV (SDN.CSV, ALT.CSV, ADD.CSV, SDN_COMMENTS.CSV)\n"
  "        -> dataset us_ofac_sdn\n"
  "  un    UN Security Council consolidated list XML -> dataset un_sc_sanctions\n"
  "  eu    EU Financial Sanctions Files consolidated list XML -> dataset eu_fsf\n"
  "  uk    FCDO UK Sanctions List XML (UK-Sanctions-List.xml)\n"
  "        -> dataset gb_fcdo_sanctions\n"
  "options:\n"
  "  --base-url URL  fetch every file as URL/<FILE NAME> instead of the\n"
  "                  official address (mirrors, tests); also the\n"
  "                  INTERDICT_UPDATE_BASE environment variable\n"
  "  --timeout SECS  per-file transfer limit (default 300)\n";

typedef struct bar {
  cli_progress p;
  const char *what;
} bar;

static void on_progress(void *ctx, const char *what, size_t done, size_t total)
{
  bar *b = ctx;
  if (b->what != what) {
    cli_progress_end(&b->p);
    cli_progress_start(&b->p, "downloading", total);
    b->what = what;
  }
  b->p.total = total;
  cli_progress_update(&b->p, done);
}

static int one(idt_store *st, const idt_update_source *src, idt_update_opts *o)
{
  idt_update_result r;
  bar b;
  int rc;
  memset(&b, 0, sizeof b);
  o->progress = on_progress;
  o->ctx = &b;
  rc = idt_update_run(st, src, o, &r);
  cli_progress_end(&b.p);
  if (rc) {
    cli_fail("update");
    fprintf(stderr, "interdict: update: %s: the current version of %s is unchanged\n",
            src->name, src->dataset);
    return 1;
  }
  if (r.not_modified)
    printf("%s: not modified since the last download\n", src->name);
  else if (r.info.unchanged)
    printf("%s: downloaded, same content: version %lld stays current\n",
           src->name, (long long)r.info.version);
  else
    printf("%s: new version %lld of %s: %llu entities (%llu listed); "
           "%llu added, %llu removed, %llu changed\n", src->name,
           (long long)r.info.version, src->dataset,
           (unsigned long long)r.info.entities, (unsigned long long)r.info.listed,
           (unsigned long long)r.info.added, (unsigned long long)r.info.removed,
           (unsigned long long)r.info.changed);
  return 0;
}

int cmd_update(int argc, char **argv)
{
  idt_update_opts o = IDT_UPDATE_OPTS_INIT;
  const idt_update_source *srcs;
  const char *names[16];
  size_t nsrc, nn = 0, i, j;
  idt_store *st = NULL;
  int a, failed = 0;

  srcs = idt_update_sources(&nsrc);
  o.base_url = getenv("INTERDICT_UPDATE_BASE");
  for (a = 1; a < argc; a++) {
    if (cli_is_help(argv[a])) {
      fputs(help, stdout);
      return 0;
    } else if (strcmp(argv[a], "--base-url") == 0 && a + 1 < argc) {
      o.base_url = argv[++a];
    } else if (strcmp(argv[a], "--timeout") == 0 && a + 1 < argc) {
      char *end;
      o.timeout = strtol(argv[++a], &end, 10);
      if (*end || o.timeout <= 0)
        return cli_usage("update", "--timeout wants a positive number of seconds");
    } else if (argv[a][0] == '-') {
      return cli_usage("update", "unknown option '%s'", argv[a]);
    } else if (nn < sizeof names / sizeof names[0]) {
      for (j = 0; j < nsrc && strcmp(srcs[j].name, argv[a]) != 0; j++)
        ;
      if (j == nsrc)
        return cli_usage("update", "unknown source '%s' (ofac, un)", argv[a]);
      names[nn++] = argv[a];
    }
  }
  if (idt_store_open(&st, cli_db_path()))
    return cli_fail("update");
  for (i = 0; i < nsrc; i++) {
    int wanted = nn == 0;
    for (j = 0; j < nn && !wanted; j++)
      wanted = strcmp(names[j], srcs[i].name) == 0;
    if (wanted)
      failed |= one(st, &srcs[i], &o);
  }
  idt_store_close(st);
  return failed;
}
