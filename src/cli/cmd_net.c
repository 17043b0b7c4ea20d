/*
 * cmd_net.c - `interdict net exposure|candidates|path|export`: the
 * ownership and control network over the imported lists (or FtM files):
 * OFAC 50% (certain and possible), EU/UK control, hops and explainable
 * paths to designated entities, PageRank risk, and exports for graph tools.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <jansson.h>
#include "cli.h"
#include "net_cli.h"
#include "interdict/interdict.h"

extern char **environ;

const char cmd_net_summary[] = "ownership network: OFAC 50% rule, control, paths, risk, export";

static const char help[] =
  "usage: interdict net exposure [--entity ID] [--format jsonl|csv] [SOURCE]\n"
  "       interdict net candidates [--limit N] [--format table|jsonl] [SOURCE]\n"
  "       interdict net path A B [--format text|jsonl] [SOURCE]\n"
  "       interdict net stats [SOURCE]\n"
  "       interdict net export --format graphml|gexf|dot|ftm [--around ID]\n"
  "                            [--hops N] [--output FILE] [--svg FILE] [SOURCE]\n"
  "\n"
  "exposure    per entity: designated (and programs), blocked_50 and\n"
  "            possibly_blocked_50 (OFAC 50% rule on lower/upper bounds),\n"
  "            eu_controlled, hops/nearest/path to a designated entity, risk\n"
  "            (personalized PageRank from the designated, 1 = riskiest),\n"
  "            community, articulation, betweenness. Computed once per set of\n"
  "            list versions and cached in the store.\n"
  "candidates  undesignated entities ranked by risk, with the evidence.\n"
  "path        the shortest path between two entities (fewest hops).\n"
  "stats       what the graph holds: nodes, stubs, edges by type, unreadable\n"
  "            percentages, self-loops, assets whose stakes sum over 100%,\n"
  "            shared values linked and generic ones ignored, results.\n"
  "export      the graph, or --around ID within --hops N (default 2); --svg\n"
  "            renders that neighbourhood with Graphviz dot.\n"
  "\n"
  "SOURCE (default: the current version of every list in the store):\n"
  "  --dataset NAME     only this dataset (repeatable)\n"
  "  --ftm FILE         read FtM JSON lines instead of the store (repeatable)\n"
  "  --edges TYPES      edge types for hops and paths: all (default),\n"
  "                     relations, pivots, or a list such as\n"
  "                     ownership,directorship,family,associate,membership,\n"
  "                     employment,representation,unknown_link,payment,\n"
  "                     succession,owner,operator,parent,pivot_id,\n"
  "                     pivot_address,pivot_phone,pivot_email\n"
  "  --no-pivots        no links from shared identifiers/addresses/phones\n"
  "  --pivot-cap N      a value shared by more than N entities links none (20)\n"
  "  --today DATE       relations and sanctions ended before DATE are inactive\n"
  "  --no-key-nodes     skip articulation points, betweenness, communities\n"
  "  --refresh          recompute even when the store has a cached result\n";

typedef struct net_args {
  net_src src;
  const char *format, *entity, *around, *output, *svg;
  const char *pos[2];
  int npos;
  long limit, hops;
} net_args;

static int parse(net_args *a, const char *cmd, int argc, char **argv)
{
  int i, r;
  for (i = 2; i < argc; i++) {
    const char *o = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (cli_is_help(o))
      return fputs(help, stdout), -2;
    if ((r = net_src_opt(&a->src, cmd, argc, argv, &i)) < 0)
      return 2;
    if (r)
      continue;
    if (!strcmp(o, "--format") || !strcmp(o, "--entity") || !strcmp(o, "--around") ||
        !strcmp(o, "--output") || !strcmp(o, "--svg") || !strcmp(o, "--limit") ||
        !strcmp(o, "--hops")) {
      char *end;
      if (!val)
        return cli_usage(cmd, "%s needs a value", o);
      i++;
      if (!strcmp(o, "--format")) a->format = val;
      else if (!strcmp(o, "--entity")) a->entity = val;
      else if (!strcmp(o, "--around")) a->around = val;
      else if (!strcmp(o, "--output")) a->output = val;
      else if (!strcmp(o, "--svg")) a->svg = val;
      else if (!strcmp(o, "--limit")) {
        a->limit = strtol(val, &end, 10);
        if (*end || a->limit < 0)
          return cli_usage(cmd, "--limit: a non-negative number");
      } else {
        a->hops = strtol(val, &end, 10);
        if (*end || a->hops < 0 || a->hops > 20)
          return cli_usage(cmd, "--hops: a number from 0 to 20");
      }
    } else if (o[0] == '-' && o[1])
      return cli_usage(cmd, "unknown option '%s'", o);
    else if (a->npos < 2)
      a->pos[a->npos++] = o;
    else
      return cli_usage(cmd, "unexpected argument '%s'", o);
  }
  return 0;
}

/* In-memory output order: undesignated by risk rank, then the designated. */
static int each_computed(idt_net *n, const char *entity, idt_net_exposure_fn fn, void *ctx)
{
  idt_net_exposure x;
  uint32_t *order = NULL, v;
  size_t k, i;
  int rc = 0;
  if (entity) {
    if (idt_net_exposure_get(n, entity, &x))
      return cli_fail("net exposure");
    fn(ctx, &x);
    return 0;
  }
  if (idt_net_ranking(n, &order, &k))
    return cli_fail("net ranking");
  for (i = 0; i < k && !rc; i++)
    if (!idt_net_exposure_at(n, order[i], &x))
      rc = fn(ctx, &x);
  for (v = 0; v < idt_net_count(n) && !rc; v++)
    if (!idt_net_exposure_at(n, v, &x) && x.designated)
      rc = fn(ctx, &x);
  idt_free(order);
  return 0;
}

/* exposure and candidates: from the cache when it is current. */
static int run_rows(net_args *a, const char *entity, idt_net_exposure_fn fn, void *ctx)
{
  idt_net *n = NULL;
  int rc;
  if ((rc = net_src_key(&a->src)))
    return rc;
  if (!a->src.nftm && !a->src.refresh) {
    rc = idt_net_stored_each(cli_db_path(), a->src.key, entity, fn, ctx);
    if (rc >= 0)
      return 0;
    if (rc != IDT_ENOTFOUND)
      return cli_fail("net cache");
  }
  if ((rc = net_src_build(&a->src, &n)))
    return rc;
  if (!a->src.nftm && idt_net_save(n, cli_db_path(), a->src.key)) {
    idt_net_free(n);
    return cli_fail("net cache save");
  }
  rc = each_computed(n, entity, fn, ctx);
  idt_net_free(n);
  return rc;
}

static int cmd_exposure(net_args *a)
{
  net_out o = { stdout, 0, 0, 0, -1, 0 };
  if (a->format && strcmp(a->format, "jsonl") && strcmp(a->format, "csv"))
    return cli_usage("net", "exposure --format: jsonl or csv");
  o.csv = a->format && !strcmp(a->format, "csv");
  return run_rows(a, a->entity, net_out_row, &o);
}

static int cmd_candidates(net_args *a)
{
  net_out o = { stdout, 1, 0, 1, 20, 0 };
  if (a->format && strcmp(a->format, "table") && strcmp(a->format, "jsonl"))
    return cli_usage("net", "candidates --format: table or jsonl");
  o.csv = !(a->format && !strcmp(a->format, "jsonl"));
  if (a->limit >= 0)
    o.limit = a->limit;
  return run_rows(a, NULL, net_candidate_row, &o);
}

static int cmd_path(net_args *a)
{
  idt_net *n = NULL;
  idt_net_path *p = NULL;
  int rc;
  if (a->npos != 2)
    return cli_usage("net", "path needs two entity ids");
  if ((rc = net_src_build(&a->src, &n)))
    return rc;
  if (idt_net_path_between(n, a->pos[0], a->pos[1], a->src.mask, &p)) {
    rc = cli_fail("net path");
    idt_net_free(n);
    return rc;
  }
  if (a->format && !strcmp(a->format, "jsonl")) {
    size_t i;
    for (i = 0; i < p->n; i++) {
      json_t *j = json_object();
      char *s;
      json_object_set_new(j, "from", json_string(p->steps[i].from));
      json_object_set_new(j, "to", json_string(p->steps[i].to));
      json_object_set_new(j, "type", json_string(idt_net_etype_name(p->steps[i].type)));
      json_object_set_new(j, "forward", json_boolean(p->steps[i].forward));
      json_object_set_new(j, "via", p->steps[i].via ? json_string(p->steps[i].via) : json_null());
      if (p->steps[i].pct_lo >= 0) {
        json_object_set_new(j, "pct_lo", json_real(p->steps[i].pct_lo));
        json_object_set_new(j, "pct_hi", json_real(p->steps[i].pct_hi));
      }
      if ((s = json_dumps(j, JSON_COMPACT)))
        puts(s), free(s);
      json_decref(j);
    }
  } else {
    char *s = idt_net_path_format(p);
    printf("%zu hop%s: %s\n", p->n, p->n == 1 ? "" : "s", s ? s : "");
    idt_free(s);
  }
  idt_net_path_free(p);
  idt_net_free(n);
  return 0;
}

static int cmd_stats(net_args *a)
{
  idt_net *n = NULL;
  idt_net_stats st;
  int rc, t;
  if ((rc = net_src_build(&a->src, &n)))
    return rc;
  idt_net_stats_get(n, &st);
  printf("nodes                %u (stubs: referenced, never defined: %u)\n", st.nodes, st.stubs);
  printf("designated           %u\n", st.designated);
  printf("edges                %llu\n", (unsigned long long)st.edges);
  for (t = 0; t < IDT_NET_NTYPES; t++)
    if (st.by_type[t])
      printf("  %-18s %llu\n", idt_net_etype_name(t), (unsigned long long)st.by_type[t]);
  printf("ownership, no readable percentage  %llu (counted as 0-100%%)\n",
         (unsigned long long)st.pct_unknown);
  printf("self-loops           %llu\n", (unsigned long long)st.self_loops);
  printf("ended relations      %llu (inactive)\n", (unsigned long long)st.ended);
  printf("assets over 100%%     %u (stakes taken as stated)\n", st.over_100);
  printf("shared values linked %llu; generic, not linked %llu\n",
         (unsigned long long)st.pivot_values, (unsigned long long)st.pivot_generic);
  printf("blocked_50           %u\npossibly_blocked_50  %u\neu_controlled        %u\n",
         st.blocked_50, st.possibly_blocked_50, st.eu_controlled);
  idt_net_free(n);
  return 0;
}

/* dot -Tsvg -o FILE DOTFILE, without a shell. */
static int render_svg(idt_net *n, net_args *a)
{
  char tmp[] = "/tmp/interdict-net-XXXXXX";
  int fd = mkstemp(tmp), status = 0;
  FILE *f;
  pid_t pid;
  char *argv[] = { "dot", "-Tsvg", "-o", (char *)a->svg, tmp, NULL };
  if (fd < 0 || !(f = fdopen(fd, "w"))) {
    fprintf(stderr, "interdict: net export: cannot create a temporary file\n");
    return 1;
  }
  if (idt_net_export(n, "dot", a->around, (unsigned)(a->hops >= 0 ? a->hops : 2), f)) {
    fclose(f);
    unlink(tmp);
    return cli_fail("net export");
  }
  fclose(f);
  if (posix_spawnp(&pid, "dot", NULL, NULL, argv, environ) != 0 ||
      waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
    unlink(tmp);
    fprintf(stderr, "interdict: net export: Graphviz `dot` failed or is not installed "
            "(tools/install-deps.sh installs it)\n");
    return 1;
  }
  unlink(tmp);
  return 0;
}

static int cmd_export(net_args *a)
{
  idt_net *n = NULL;
  FILE *out = stdout;
  int rc = 0;
  if (!a->svg && !a->format)
    return cli_usage("net", "export needs --format graphml|gexf|dot|ftm or --svg FILE");
  if ((rc = net_src_build(&a->src, &n)))
    return rc;
  if (a->svg) {
    rc = render_svg(n, a);
    if (rc || !a->format) {
      idt_net_free(n);
      return rc;
    }
  }
  if (a->output && !(out = fopen(a->output, "w"))) {
    idt_net_free(n);
    fprintf(stderr, "interdict: net export: cannot write %s\n", a->output);
    return 1;
  }
  if (idt_net_export(n, a->format, a->around, (unsigned)(a->hops >= 0 ? a->hops : 2), out))
    rc = cli_fail("net export");
  if (out != stdout && fclose(out) && !rc)
    rc = cli_fail("net export: close");
  idt_net_free(n);
  return rc;
}

int cmd_net(int argc, char **argv)
{
  net_args a;
  int rc;
  memset(&a, 0, sizeof a);
  a.src.mask = IDT_NET_ALL;
  a.src.key_nodes = 1;
  a.src.pivot_cap = 20;
  a.limit = -1;
  a.hops = -1;
  if (argc < 2 || cli_is_help(argv[1])) {
    fputs(help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if ((rc = parse(&a, "net", argc, argv)))
    return rc == -2 ? 0 : rc;
  if (!strcmp(argv[1], "exposure"))
    return cmd_exposure(&a);
  if (!strcmp(argv[1], "candidates"))
    return cmd_candidates(&a);
  if (!strcmp(argv[1], "path"))
    return cmd_path(&a);
  if (!strcmp(argv[1], "export"))
    return cmd_export(&a);
  if (!strcmp(argv[1], "stats"))
    return cmd_stats(&a);
  return cli_usage("net", "unknown subcommand '%s' (exposure, candidates, path, export, stats)",
                   argv[1]);
}
