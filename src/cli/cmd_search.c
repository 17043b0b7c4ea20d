/*
 * cmd_search.c - `interdict search NAME`: one name against the lists, as a
 * ranked table for a person at a terminal.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "screen_load.h"
#include "interdict/interdict.h"
#include "interdict/screen.h"

const char cmd_search_summary[] = "search the lists for a name (ranked table)";

static const char help[] =
  "usage: interdict search [--schema S] [--limit N] [--threshold X] [--ofac]\n"
  "                        [--dataset NAME]... [--list FORMAT:PATH]... NAME...\n"
  "\n"
  "Screen NAME (several words are joined) against the current versions of the\n"
  "datasets in the store (or list files given with --list) and print the best\n"
  "hits, most likely first, with score, schema, dataset, list id, caption and\n"
  "the explanation. --schema restricts to compatible schemata (Person, Vessel,\n"
  "Company...). Default limit 10, threshold 0.5 (below the 0.70 alert line,\n"
  "so near misses show; the match column marks alerts).\n";

int cmd_search(int argc, char **argv)
{
  screen_src src;
  idt_screen_opts o = IDT_SCREEN_OPTS_INIT;
  idt_screen_query q = IDT_SCREEN_QUERY_INIT;
  idt_screen_index *ix = NULL;
  idt_screen_result *r = NULL;
  char name[1024] = "";
  size_t nl = 0, i;
  int a, k;
  memset(&src, 0, sizeof src);
  o.threshold = 0.5;
  for (a = 1; a < argc; a++) {
    if (cli_is_help(argv[a])) {
      fputs(help, stdout);
      return 0;
    }
    if ((k = screen_src_arg(&src, argc, argv, &a)) < 0)
      return cli_usage("search", "bad %s", argv[a]);
    if (k)
      continue;
    if (!strcmp(argv[a], "--schema") && a + 1 < argc)
      q.schema = argv[++a];
    else if (!strcmp(argv[a], "--limit") && a + 1 < argc)
      o.limit = (size_t)strtoul(argv[++a], NULL, 10);
    else if (!strcmp(argv[a], "--threshold") && a + 1 < argc)
      o.threshold = strtod(argv[++a], NULL);
    else if (!strcmp(argv[a], "--ofac"))
      o.mode = IDT_SCREEN_MODE_OFAC;
    else if (argv[a][0] == '-' && argv[a][1])
      return cli_usage("search", "unknown option '%s'", argv[a]);
    else {
      int w = snprintf(name + nl, sizeof name - nl, "%s%s", nl ? " " : "", argv[a]);
      if (w < 0 || (size_t)w >= sizeof name - nl)
        return cli_usage("search", "name too long");
      nl += (size_t)w;
    }
  }
  if (!nl)
    return cli_usage("search", "a name is needed");
  if (q.schema && !idt_schema_get(q.schema))
    return cli_usage("search", "unknown schema '%s'", q.schema);
  q.name = name;
  if (screen_load(&src, 0, &ix) < 0)
    return cli_fail("search: loading the lists");
  if (idt_screen_run(ix, &q, &o, &r) < 0) {
    idt_screen_index_free(ix);
    return cli_fail("search");
  }
  if (!r->n)
    printf("no hits for '%s' at %.2f\n", name, o.threshold);
  else
    printf("%-3s %-6s %-5s %-12s %-16s %-12s %s\n", "#", "score", "alert", "schema",
           "dataset", "list id", "caption");
  for (i = 0; i < r->n; i++) {
    const idt_screen_hit *h = &r->hits[i];
    printf("%-3zu %-6.3f %-5s %-12s %-16s %-12s %s\n", i + 1, h->score,
           h->score >= IDT_SCREEN_THRESHOLD ? "yes" : "", h->schema, h->dataset ? h->dataset : "-",
           h->source_id ? h->source_id : "-", h->caption);
    printf("    %s\n", h->explanation);
  }
  idt_screen_result_free(r);
  idt_screen_index_free(ix);
  return 0;
}
