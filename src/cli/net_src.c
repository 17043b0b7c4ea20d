/*
 * net_src.c - the graph's source for `interdict net`: the store's current
 * list versions (default; exposure is cached in the store under their
 * version key), or FtM JSON-lines files given with --ftm (analysis of a
 * file without importing it; nothing cached).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "net_cli.h"
#include "interdict/interdict.h"
#include "interdict/ingest.h"
#include "interdict/store.h"

int net_src_opt(net_src *s, const char *cmd, int argc, char **argv, int *i)
{
  const char *a = argv[*i];
  const char *val = *i + 1 < argc ? argv[*i + 1] : NULL;
  if (!strcmp(a, "--refresh"))
    return s->refresh = 1;
  if (!strcmp(a, "--no-pivots"))
    return s->no_pivots = 1;
  if (!strcmp(a, "--no-key-nodes"))
    return (s->key_nodes = 0), 1;
  if (strcmp(a, "--ftm") && strcmp(a, "--dataset") && strcmp(a, "--today") &&
      strcmp(a, "--pivot-cap") && strcmp(a, "--edges"))
    return 0;
  if (!val)
    return cli_usage(cmd, "%s needs a value", a), -1;
  (*i)++;
  if (!strcmp(a, "--ftm")) {
    if (s->nftm == 64)
      return cli_usage(cmd, "at most 64 --ftm files"), -1;
    s->ftm[s->nftm++] = val;
  } else if (!strcmp(a, "--dataset")) {
    if (s->nds == 64)
      return cli_usage(cmd, "at most 64 --dataset names"), -1;
    s->datasets[s->nds++] = val;
  } else if (!strcmp(a, "--today"))
    s->today = val;
  else if (!strcmp(a, "--pivot-cap")) {
    char *end;
    long v = strtol(val, &end, 10);
    if (*end || v < 2 || v > 100000)
      return cli_usage(cmd, "--pivot-cap: a number from 2 to 100000"), -1;
    s->pivot_cap = (unsigned)v;
  } else if (idt_net_mask_parse(val, &s->mask))
    return cli_usage(cmd, "--edges: %s", idt_error_msg()), -1;
  return 1;
}

static int wanted(const net_src *s, const char *ds)
{
  size_t i;
  if (!s->nds)
    return 1;
  for (i = 0; i < s->nds; i++)
    if (!strcmp(s->datasets[i], ds))
      return 1;
  return 0;
}

int net_src_key(net_src *s)
{
  idt_store *st = NULL;
  idt_version_list *l = NULL;
  size_t i, k = 0;
  s->key[0] = 0;
  if (s->nftm)
    return 0;
  if (idt_store_open(&st, cli_db_path()))
    return cli_fail("open store");
  if (idt_store_versions(st, NULL, 1, &l)) {
    idt_store_close(st);
    return cli_fail("versions");
  }
  for (i = 0; i < l->n; i++) {
    int w;
    if (!wanted(s, l->v[i].dataset))
      continue;
    w = snprintf(s->key + k, sizeof s->key - k, "%s%s:%lld", k ? "," : "",
                 l->v[i].dataset, (long long)l->v[i].id);
    if (w < 0 || (size_t)w >= sizeof s->key - k)
      break;
    k += (size_t)w;
  }
  /* options that change results are part of the key; so is the date, as
   * relations and sanctions with an endDate lapse with it */
  if (k < sizeof s->key - 64) {
    char day[16];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    snprintf(s->key + k, sizeof s->key - k, ";pivots=%d,cap=%u,today=%.10s,edges=%x",
             !s->no_pivots, s->pivot_cap, s->today ? s->today : day, s->mask);
  }
  idt_version_list_free(l);
  idt_store_close(st);
  if (!k) {
    fprintf(stderr, "interdict: net: no lists in the store %s (import one first, or "
            "use --ftm FILE)\n", cli_db_path());
    return 1;
  }
  return 0;
}

int net_src_build(net_src *s, idt_net **out)
{
  idt_net_opts o = IDT_NET_OPTS_INIT;
  idt_net_compute_opts co = IDT_NET_COMPUTE_OPTS_INIT;
  idt_net *n = NULL;
  int rc;
  o.pivots = !s->no_pivots;
  o.pivot_cap = s->pivot_cap;
  o.today = s->today;
  co.path_mask = s->mask;
  co.key_nodes = s->key_nodes;
  *out = NULL;
  if (idt_net_new(&n, &o))
    return cli_fail("net");
  if (s->nftm) {
    idt_ingest_opts io = IDT_INGEST_OPTS_INIT;
    io.emit = idt_net_add;
    io.ctx = n;
    rc = idt_ingest_run("ftm", s->ftm, s->nftm, &io);
  } else {
    idt_store *st = NULL;
    if (idt_store_open(&st, cli_db_path())) {
      idt_net_free(n);
      return cli_fail("open store");
    }
    rc = idt_store_load(st, s->nds ? s->datasets : NULL, s->nds, idt_net_add, n);
    idt_store_close(st);
  }
  if (rc || idt_net_finish(n) || idt_net_compute(n, &co)) {
    idt_net_free(n);
    return cli_fail("net: build");
  }
  *out = n;
  return 0;
}
