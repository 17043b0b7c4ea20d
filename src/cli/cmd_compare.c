/*
 * cmd_compare.c - `interdict compare`: the scorer on one pair of names, or
 * on every row of a CSV of pairs, with the explanation.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "screen_io.h"
#include "interdict/interdict.h"
#include "interdict/screen.h"

const char cmd_compare_summary[] = "score two names against each other, with the explanation";

static const char help[] =
  "usage: interdict compare [--schema S] [--ofac] [--threshold X] NAME1 NAME2\n"
  "       interdict compare [--ofac] [--threshold X] --pairs FILE.csv\n"
  "\n"
  "Score NAME1 (the query) against NAME2 (a list name) with the screening\n"
  "scorer and print the score, the decision at the threshold (default 0.70)\n"
  "and the explanation. --pairs reads a CSV with a header holding the columns\n"
  "schema,name1,name2 (others are copied) and writes it back with score and\n"
  "match appended. --ofac uses the OFAC Sanctions List Search compatible\n"
  "score (0-100 scaled to 0-1).\n";

typedef struct pairs_ctx {
  int cs, c1, c2, mode;
  double threshold;
  size_t ncols;
} pairs_ctx;

static int pair_row(void *vctx, char **f, size_t n, size_t rec)
{
  pairs_ctx *c = vctx;
  size_t i;
  double score = 0;
  if (rec == 1) {
    c->cs = screen_csv_col(f, n, "schema");
    c->c1 = screen_csv_col(f, n, "name1");
    c->c2 = screen_csv_col(f, n, "name2");
    if (c->c1 < 0 || c->c2 < 0) {
      fprintf(stderr, "interdict compare: --pairs needs name1 and name2 columns\n");
      return 2;
    }
    c->ncols = n;
    for (i = 0; i < n; i++) {
      screen_csv_field(stdout, f[i]);
      fputc(',', stdout);
    }
    fputs("score,match\n", stdout);
    return 0;
  }
  if ((size_t)c->c1 >= n || (size_t)c->c2 >= n) {
    fprintf(stderr, "interdict compare: record %zu: too few columns\n", rec);
    return 0;
  }
  if (idt_screen_compare(c->cs >= 0 && (size_t)c->cs < n ? f[c->cs] : NULL,
                         f[c->c1], f[c->c2], c->mode, &score, NULL) < 0)
    return cli_fail("compare");
  for (i = 0; i < c->ncols; i++) {
    if (i < n)
      screen_csv_field(stdout, f[i]);
    fputc(',', stdout);
  }
  printf("%.4f,%s\n", score, score >= c->threshold ? "true" : "false");
  return 0;
}

int cmd_compare(int argc, char **argv)
{
  const char *schema = NULL, *pairs = NULL, *names[2] = { NULL, NULL };
  int i, nn = 0, mode = IDT_SCREEN_MODE_DEFAULT;
  double threshold = IDT_SCREEN_THRESHOLD, score;
  char *expl = NULL;
  for (i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    } else if (!strcmp(argv[i], "--schema") && i + 1 < argc) {
      schema = argv[++i];
    } else if (!strcmp(argv[i], "--pairs") && i + 1 < argc) {
      pairs = argv[++i];
    } else if (!strcmp(argv[i], "--threshold") && i + 1 < argc) {
      threshold = strtod(argv[++i], NULL);
    } else if (!strcmp(argv[i], "--ofac")) {
      mode = IDT_SCREEN_MODE_OFAC;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      return cli_usage("compare", "unknown option '%s'", argv[i]);
    } else if (nn < 2) {
      names[nn++] = argv[i];
    } else {
      return cli_usage("compare", "too many names");
    }
  }
  if (schema && !idt_schema_get(schema))
    return cli_usage("compare", "unknown schema '%s'", schema);
  if (pairs) {
    pairs_ctx c = { -1, -1, -1, mode, threshold, 0 };
    FILE *f = strcmp(pairs, "-") ? fopen(pairs, "rb") : stdin;
    int rc;
    if (!f) {
      fprintf(stderr, "interdict compare: cannot open %s\n", pairs);
      return 1;
    }
    rc = screen_csv_stream(f, pair_row, &c);
    if (f != stdin)
      fclose(f);
    return rc ? (rc < 0 ? 1 : rc) : 0;
  }
  if (nn != 2)
    return cli_usage("compare", "two names needed");
  if (idt_screen_compare(schema, names[0], names[1], mode, &score, &expl) < 0)
    return cli_fail("compare");
  printf("score: %.4f\nmatch: %s\nexplanation: %s\n", score,
         score >= threshold ? "true" : "false", expl ? expl : "");
  idt_free(expl);
  return 0;
}
