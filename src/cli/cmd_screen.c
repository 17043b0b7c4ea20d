/*
 * cmd_screen.c - `interdict screen`: screen a file of names (CSV with a
 * header, or JSON lines) against the lists, streaming: one query in, one
 * line (JSON) or one row per hit (CSV) out, memory independent of the
 * input size.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "interdict/net.h"
#include "screen_io.h"
#include "screen_load.h"
#include "interdict/interdict.h"
#include "interdict/screen.h"

const char cmd_screen_summary[] = "screen names (CSV or JSON lines) against the lists";

static const char help[] =
  "usage: interdict screen [--dataset NAME]... [--list FORMAT:PATH]...\n"
  "                        [--threshold X] [--limit N] [--format jsonl|csv]\n"
  "                        [--ofac] [--exhaustive] [--exposure] [FILE|-]\n"
  "\n"
  "Screen each record of FILE (default stdin) against the current versions of\n"
  "the named datasets in the store (all when none is named), or against list\n"
  "files given with --list (e.g. --list ofac-csv:data/ofac --list un-xml:un.xml).\n"
  "Input: CSV with a header, or JSON lines, with the fields id, schema, name\n"
  "and optionally aliases (JSON array, or ';'-separated in CSV), birthDate,\n"
  "nationality, country, gender, imo, mmsi, passport, idNumber, wallet.\n"
  "Output (jsonl): one line per record {\"id\",\"results\":[{entity_id, dataset,\n"
  "source_id, schema, caption, score, match, evidence, explanation}],\n"
  "\"versions\":{dataset: version}}; (csv): one row per hit.\n"
  "--threshold X  drop hits below X (default 0.70); --limit N  at most N hits\n"
  "(default 10); --ofac  OFAC Sanctions List Search compatible scores;\n"
  "--exhaustive  score every entity instead of using the index.\n"
  "--exposure  (jsonl) add to each hit the network exposure stored by the\n"
  "latest `interdict net exposure` run on this store (designated, blocked_50,\n"
  "possibly_blocked_50, hops, nearest, path, risk), or null when it has none.\n";

typedef struct sctx {
  const idt_screen_index *ix;
  idt_screen_opts opts;
  int csv_out;
  int col[16];
  unsigned long long n, hits;
  cli_progress prog;
  int header_done;
  int exposure;          /* --exposure: attach the stored net exposure */
} sctx;

static const char *const fields[] = {
  "id", "schema", "name", "aliases", "birthDate", "nationality", "country",
  "gender", "imo", "mmsi", "passport", "idNumber", "wallet",
};
enum { F_ID, F_SCHEMA, F_NAME, F_ALIASES, F_DOB, F_NAT, F_COUNTRY, F_GENDER,
       F_IMO, F_MMSI, F_PASSPORT, F_IDNUM, F_WALLET, F_N };

static void out_json_str(const char *s)
{
  const char *p;
  fputc('"', stdout);
  for (p = s ? s : ""; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '"' || c == '\\')
      printf("\\%c", c);
    else if (c < 0x20)
      printf("\\u%04x", c);
    else
      fputc(c, stdout);
  }
  fputc('"', stdout);
}

/* Print one stored exposure row as a JSON object (idt_net_exposure_fn). */
static int print_exposure(void *ctx, const idt_net_exposure *x)
{
  int *found = ctx;
  printf("{\"designated\":%s,\"programs\":", x->designated ? "true" : "false");
  out_json_str(x->programs);
  printf(",\"blocked_50\":%s,\"possibly_blocked_50\":%s,\"eu_controlled\":%s,"
         "\"hops\":%d,\"nearest\":", x->blocked_50 ? "true" : "false",
         x->possibly_blocked_50 ? "true" : "false", x->eu_controlled ? "true" : "false",
         x->hops);
  if (x->nearest) out_json_str(x->nearest); else fputs("null", stdout);
  fputs(",\"path\":", stdout);
  out_json_str(x->path);
  printf(",\"risk\":%.6f}", x->risk);
  *found = 1;
  return 0;
}

static void emit_exposure(const char *entity_id)
{
  int found = 0;
  fputs(",\"exposure\":", stdout);
  if (idt_net_stored_each(cli_db_path(), NULL, entity_id, print_exposure, &found) || !found) {
    if (!found)
      fputs("null", stdout);
  }
}

static int emit(sctx *c, const idt_screen_query *q, const idt_screen_result *r)
{
  size_t i;
  if (c->csv_out) {
    if (!c->header_done) {
      fputs("id,entity_id,dataset,source_id,schema,caption,score,match,explanation\n", stdout);
      c->header_done = 1;
    }
    for (i = 0; i < r->n; i++) {
      const idt_screen_hit *h = &r->hits[i];
      screen_csv_field(stdout, q->id ? q->id : "");
      fputc(',', stdout);
      screen_csv_field(stdout, h->entity_id);
      fputc(',', stdout);
      screen_csv_field(stdout, h->dataset ? h->dataset : "");
      fputc(',', stdout);
      screen_csv_field(stdout, h->source_id ? h->source_id : "");
      fputc(',', stdout);
      screen_csv_field(stdout, h->schema);
      fputc(',', stdout);
      screen_csv_field(stdout, h->caption);
      printf(",%.4f,%s,", h->score, h->match ? "true" : "false");
      screen_csv_field(stdout, h->explanation);
      fputc('\n', stdout);
    }
    return 0;
  }
  fputs("{\"id\":", stdout);
  out_json_str(q->id);
  fputs(",\"results\":[", stdout);
  for (i = 0; i < r->n; i++) {
    const idt_screen_hit *h = &r->hits[i];
    fputs(i ? ",{\"entity_id\":" : "{\"entity_id\":", stdout);
    out_json_str(h->entity_id);
    fputs(",\"dataset\":", stdout);
    if (h->dataset) out_json_str(h->dataset); else fputs("null", stdout);
    fputs(",\"source_id\":", stdout);
    if (h->source_id) out_json_str(h->source_id); else fputs("null", stdout);
    fputs(",\"schema\":", stdout);
    out_json_str(h->schema);
    fputs(",\"caption\":", stdout);
    out_json_str(h->caption);
    printf(",\"score\":%.4f,\"match\":%s,\"evidence\":%s,\"explanation\":", h->score,
           h->match ? "true" : "false", h->evidence);
    out_json_str(h->explanation);
    if (c->exposure)
      emit_exposure(h->entity_id);
    fputc('}', stdout);
  }
  printf("],\"versions\":%s}\n", idt_screen_index_versions(c->ix));
  return 0;
}

static int screen_one(sctx *c, idt_screen_query *q)
{
  idt_screen_result *r = NULL;
  char rid[32];
  if (!q->id) {
    snprintf(rid, sizeof rid, "%llu", c->n + 1);
    q->id = rid;
  }
  if (idt_screen_run(c->ix, q, &c->opts, &r) < 0) {
    fprintf(stderr, "interdict screen: record %llu: %s\n", c->n + 1, idt_error_msg());
    c->n++;
    return 0;
  }
  emit(c, q, r);
  c->hits += r->n;
  c->n++;
  cli_progress_update(&c->prog, c->n);
  idt_screen_result_free(r);
  return 0;
}

/* CSV input: header maps columns; aliases split on ';'. */
static int csv_row(void *vctx, char **f, size_t n, size_t rec)
{
  sctx *c = vctx;
  idt_screen_query q = IDT_SCREEN_QUERY_INIT;
  const char *al[32];
  char *alias_copy = NULL;
  const char **slots[F_N] = { &q.id, &q.schema, &q.name, NULL, &q.birth_date,
    &q.nationality, &q.country, &q.gender, &q.imo, &q.mmsi, &q.passport,
    &q.id_number, &q.wallet };
  size_t k;
  if (rec == 1) {
    for (k = 0; k < F_N; k++)
      c->col[k] = screen_csv_col(f, n, fields[k]);
    if (c->col[F_NAME] < 0)
      c->col[F_NAME] = screen_csv_col(f, n, "full_name");
    if (c->col[F_DOB] < 0)
      c->col[F_DOB] = screen_csv_col(f, n, "date_of_birth");
    return 0;
  }
  for (k = 0; k < F_N; k++)
    if (slots[k] && c->col[k] >= 0 && (size_t)c->col[k] < n && f[c->col[k]][0])
      *slots[k] = f[c->col[k]];
  if (c->col[F_ALIASES] >= 0 && (size_t)c->col[F_ALIASES] < n && f[c->col[F_ALIASES]][0]) {
    char *save = NULL, *tok;
    alias_copy = idt_strdup(f[c->col[F_ALIASES]]);
    for (tok = alias_copy ? strtok_r(alias_copy, ";", &save) : NULL; tok && q.naliases < 32;
         tok = strtok_r(NULL, ";", &save))
      al[q.naliases++] = tok;
    q.aliases = al;
  }
  screen_one(c, &q);
  idt_free(alias_copy);
  return 0;
}

static const char *jstr(json_t *o, const char *k)
{
  json_t *v = json_object_get(o, k);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static int jsonl_line(sctx *c, const char *line, size_t lineno)
{
  json_error_t err;
  json_t *o = json_loads(line, 0, &err), *a;
  idt_screen_query q = IDT_SCREEN_QUERY_INIT;
  const char *al[32];
  size_t i;
  if (!json_is_object(o)) {
    fprintf(stderr, "interdict screen: line %zu: not a JSON object%s%s\n", lineno,
            o ? "" : ": ", o ? "" : err.text);
    json_decref(o);
    c->n++;
    return 0;
  }
  q.id = jstr(o, "id");
  q.schema = jstr(o, "schema");
  q.name = jstr(o, "name");
  q.birth_date = jstr(o, "birthDate");
  q.nationality = jstr(o, "nationality");
  q.country = jstr(o, "country");
  q.gender = jstr(o, "gender");
  q.imo = jstr(o, "imo");
  q.mmsi = jstr(o, "mmsi");
  q.passport = jstr(o, "passport");
  q.id_number = jstr(o, "idNumber");
  q.wallet = jstr(o, "wallet");
  a = json_object_get(o, "aliases");
  if (json_is_array(a))
    for (i = 0; i < json_array_size(a) && q.naliases < 32; i++)
      if (json_is_string(json_array_get(a, i)))
        al[q.naliases++] = json_string_value(json_array_get(a, i));
  q.aliases = al;
  screen_one(c, &q);
  json_decref(o);
  return 0;
}

int cmd_screen(int argc, char **argv)
{
  screen_src src;
  sctx c;
  const char *path = NULL, *fmt = "jsonl";
  idt_screen_index *ix = NULL;
  FILE *in;
  int i, ch, rc = 0;
  memset(&src, 0, sizeof src);
  memset(&c, 0, sizeof c);
  c.opts = (idt_screen_opts)IDT_SCREEN_OPTS_INIT;
  for (i = 1; i < argc; i++) {
    int k;
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    }
    if ((k = screen_src_arg(&src, argc, argv, &i)) < 0)
      return cli_usage("screen", "bad %s", argv[i]);
    if (k)
      continue;
    if (!strcmp(argv[i], "--threshold") && i + 1 < argc)
      c.opts.threshold = strtod(argv[++i], NULL);
    else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
      c.opts.limit = (size_t)strtoul(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--format") && i + 1 < argc)
      fmt = argv[++i];
    else if (!strcmp(argv[i], "--ofac"))
      c.opts.mode = IDT_SCREEN_MODE_OFAC;
    else if (!strcmp(argv[i], "--exhaustive"))
      c.opts.exhaustive = 1;
    else if (!strcmp(argv[i], "--exposure"))
      c.exposure = 1;
    else if (argv[i][0] == '-' && argv[i][1])
      return cli_usage("screen", "unknown option '%s'", argv[i]);
    else if (!path)
      path = argv[i];
    else
      return cli_usage("screen", "one input file only");
  }
  if (strcmp(fmt, "jsonl") && strcmp(fmt, "csv"))
    return cli_usage("screen", "--format must be jsonl or csv");
  c.csv_out = !strcmp(fmt, "csv");
  in = (!path || !strcmp(path, "-")) ? stdin : fopen(path, "rb");
  if (!in) {
    fprintf(stderr, "interdict screen: cannot open %s\n", path);
    return 1;
  }
  if (screen_load(&src, 1, &ix) < 0) {
    if (in != stdin)
      fclose(in);
    return cli_fail("screen: loading the lists");
  }
  c.ix = ix;
  cli_progress_start(&c.prog, "screening", 0);
  while ((ch = fgetc(in)) == ' ' || ch == '\n' || ch == '\r' || ch == '\t')
    ;
  if (ch != EOF)
    ungetc(ch, in);
  if (ch == '{') {
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, in)) >= 0) {
      lineno++;
      if (len <= 1)
        continue;
      jsonl_line(&c, line, lineno);
    }
    free(line);
  } else if (ch != EOF) {
    rc = screen_csv_stream(in, csv_row, &c) ? 1 : 0;
  }
  cli_progress_end(&c.prog);
  fprintf(stderr, "interdict: screened %llu records, %llu hits\n", c.n, c.hits);
  if (in != stdin)
    fclose(in);
  idt_screen_index_free(ix);
  return rc;
}
