/*
 * cmd_ais.c - `interdict ais decode|ingest|vessels`: the AIS decoder over
 * files or stdin, and the vessel registry.
 *
 * decode streams: input is read in 1 MiB blocks and split into lines here
 * (no getline allocation per line), output goes through a 1 MiB stdio
 * buffer, and the decoder itself is constant-memory, so any size of input
 * runs in a few MiB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "interdict/ais.h"

const char cmd_ais_summary[] = "decode AIS (AIVDM) to gpsd JSON/DSV or CSV; vessel identity registry";

static const char help[] =
  "usage: interdict ais decode [--format json|json-unscaled|gpsd-dsv|csv]\n"
  "                            [--gpsd head|3.22] [--device NAME]\n"
  "                            [--errors | --errors-json]\n"
  "                            [--registry] FILE...|-\n"
  "       interdict ais ingest FILE...|-\n"
  "       interdict ais vessels [--flagged] [--lists] [--format table|jsonl]\n"
  "       interdict ais events ...     (see interdict ais events --help)\n"
  "       interdict ais simulate ...   (see interdict ais simulate --help)\n"
  "\n"
  "decode   NMEA 0183 AIVDM/AIVDO (any talker, tag blocks, $PGHP, trailing\n"
  "         unix time) to one line per message: gpsd's JSON (gpsdecode -j),\n"
  "         its unscaled JSON (-u -j), its pipe-delimited layout (-u -c), or\n"
  "         CSV of positions (mmsi,time,lat,lon,sog,cog,heading,type).\n"
  "         --gpsd picks the gpsd release whose JSON to match (default head;\n"
  "         3.22 is Debian bookworm's gpsdecode). --errors reports each\n"
  "         rejected line and why on stderr; --errors-json writes them as\n"
  "         {\"class\":\"ERROR\",...} lines into the output stream instead.\n"
  "         --registry also records the\n"
  "         identities seen into the store (--db).\n"
  "ingest   decode and record identities into the store, no output.\n"
  "vessels  list the registry: identity history and the flags raised.\n"
  "events   behaviour events (gaps, encounters, loitering, ...) from tracks.\n"
  "simulate generate AIS scenarios with ground truth.\n"
  "See docs/cli/ais.md.\n";

#define BLOCK (1u << 20)

typedef struct dec_ctx {
  idt_ais_decoder *dec;
  idt_ais_fmt_opts fo;
  int errors, quiet;
  idt_ais_registry *reg;
  const char *name;
  unsigned long long lineno;
  char out[8192];
  idt_ais_msg msg;
} dec_ctx;

static int one_line(dec_ctx *c, const char *line, size_t n)
{
  int rc, len;
  c->lineno++;
  rc = idt_ais_decoder_line(c->dec, line, n, &c->msg);
  if (rc < 0) {
    while (n && (line[n - 1] == '\r' || line[n - 1] == '\n'))
      n--;
    if (c->errors == 1) {
      fprintf(stderr, "%s:%llu: %s: %.*s\n", c->name, c->lineno, idt_error_msg(),
              (int)(n > 200 ? 200 : n), line);
    } else if (c->errors == 2) {
      /* The line may not be UTF-8: jansson refuses it then, and the error
       * line goes out without the sentence. */
      json_t *o = json_pack("{s:s,s:s,s:I,s:s}", "class", "ERROR", "file", c->name,
                            "line", (json_int_t)c->lineno, "error", idt_error_msg());
      char *js;
      if (o) {
        json_t *sv = json_stringn(line, n > 200 ? 200 : n);
        if (sv)
          json_object_set_new(o, "sentence", sv);
        if ((js = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER))) {
          fputs(js, stdout);
          fputc('\n', stdout);
          free(js);
        }
        json_decref(o);
      }
    }
    return 0;
  }
  if (rc == 0)
    return 0;
  if (c->reg && (rc = idt_ais_registry_add(c->reg, &c->msg)) < 0)
    return rc;
  if (c->quiet)
    return 0;
  len = idt_ais_format(c->out, sizeof c->out, &c->msg, &c->fo);
  if (len > 0)
    fwrite(c->out, 1, (size_t)len, stdout);
  return 0;
}

static int run_file(dec_ctx *c, const char *path, char *buf)
{
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  size_t have = 0, got;
  int rc = 0;
  if (!f) {
    fprintf(stderr, "interdict ais: cannot open %s\n", path);
    return 1;
  }
  c->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
  c->lineno = 0;
  while ((got = fread(buf + have, 1, BLOCK - have, f)) > 0 || have) {
    char *p = buf, *end = buf + have + got, *nl;
    int eof = got == 0;
    while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
      if ((rc = one_line(c, p, (size_t)(nl - p))) < 0)
        goto out;
      p = nl + 1;
    }
    have = (size_t)(end - p);
    if (eof || have == BLOCK) {
      /* Last line without a newline, or a "line" longer than a block. */
      if (have && (rc = one_line(c, p, have)) < 0)
        goto out;
      have = 0;
      if (eof)
        break;
      continue;
    }
    memmove(buf, p, have);
  }
out:
  if (f != stdin)
    fclose(f);
  return rc < 0 ? cli_fail("ais") : 0;
}

static int decode_main(int argc, char **argv, int ingest_only)
{
  dec_ctx *c;
  static char obuf[BLOCK];
  char *buf = NULL;
  int i, rc = 0, nfiles = 0, use_reg = ingest_only;
  idt_ais_stats st;

  if (!(c = calloc(1, sizeof *c)))
    return cli_fail("ais");
  c->fo.format = IDT_AIS_FMT_JSON;
  c->fo.dialect = IDT_AIS_GPSD_HEAD;
  c->fo.device = "stdin";
  c->quiet = ingest_only;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) {
      fputs(help, stdout);
      free(c);
      return 0;
    } else if (!strcmp(a, "--format") && i + 1 < argc) {
      const char *v = argv[++i];
      if (!strcmp(v, "json")) c->fo.format = IDT_AIS_FMT_JSON;
      else if (!strcmp(v, "json-unscaled")) c->fo.format = IDT_AIS_FMT_JSON_UNSCALED;
      else if (!strcmp(v, "gpsd-dsv")) c->fo.format = IDT_AIS_FMT_DSV;
      else if (!strcmp(v, "csv")) c->fo.format = IDT_AIS_FMT_CSV;
      else { free(c); return cli_usage("ais", "unknown format '%s'", v); }
    } else if (!strcmp(a, "--gpsd") && i + 1 < argc) {
      const char *v = argv[++i];
      if (!strcmp(v, "head")) c->fo.dialect = IDT_AIS_GPSD_HEAD;
      else if (!strcmp(v, "3.22")) c->fo.dialect = IDT_AIS_GPSD_322;
      else { free(c); return cli_usage("ais", "--gpsd takes head or 3.22"); }
    } else if (!strcmp(a, "--device") && i + 1 < argc) {
      c->fo.device = argv[++i];
    } else if (!strcmp(a, "--errors")) {
      c->errors = 1;
    } else if (!strcmp(a, "--errors-json")) {
      c->errors = 2;
    } else if (!strcmp(a, "--registry")) {
      use_reg = 1;
    } else if (a[0] == '-' && a[1]) {
      free(c);
      return cli_usage("ais", "unknown option '%s'", a);
    } else {
      nfiles++;
    }
  }
  if (!nfiles) {
    free(c);
    return cli_usage("ais", "no input (give FILE... or - for stdin)");
  }
  if (idt_ais_decoder_new(&c->dec, NULL) < 0 ||
      (use_reg && idt_ais_registry_open(&c->reg, cli_db_path()) < 0)) {
    rc = cli_fail("ais");
    goto out;
  }
  buf = malloc(BLOCK);
  if (!buf) {
    rc = cli_fail("ais: out of memory");
    goto out;
  }
  setvbuf(stdout, obuf, _IOFBF, BLOCK);
  if (c->fo.format == IDT_AIS_FMT_CSV && !c->quiet)
    fputs(idt_ais_csv_header(), stdout);
  for (i = 1; i < argc && rc == 0; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--format") || !strcmp(a, "--gpsd") || !strcmp(a, "--device")) {
      i++;
      continue;
    }
    if (a[0] == '-' && a[1])
      continue;
    rc = run_file(c, a, buf);
  }
  if (c->reg && rc == 0 && idt_ais_registry_flush(c->reg) < 0)
    rc = cli_fail("ais: registry");
  idt_ais_decoder_stats(c->dec, &st);
  if (c->errors || ingest_only)
    fprintf(stderr, "ais: %llu lines, %llu sentences, %llu messages, %llu rejected, "
            "%llu incomplete groups dropped\n", st.lines, st.sentences, st.messages,
            st.rejected, st.dropped_groups);
out:
  fflush(stdout);
  idt_ais_registry_free(c->reg);
  idt_ais_decoder_free(c->dec);
  free(buf);
  free(c);
  return rc;
}

int cli_ais_vessels(int argc, char **argv);
/* Event detection and the scenario simulator (src/cli/ais_events.c,
 * ais_simulate.c, the events module's). */
int idt_cli_ais_events(int argc, char **argv);
int idt_cli_ais_simulate(int argc, char **argv);

int cmd_ais(int argc, char **argv)
{
  if (argc < 2 || cli_is_help(argv[1])) {
    fputs(help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!strcmp(argv[1], "decode"))
    return decode_main(argc - 1, argv + 1, 0);
  if (!strcmp(argv[1], "ingest"))
    return decode_main(argc - 1, argv + 1, 1);
  if (!strcmp(argv[1], "vessels"))
    return cli_ais_vessels(argc - 1, argv + 1);
  if (!strcmp(argv[1], "events"))
    return idt_cli_ais_events(argc - 1, argv + 1);
  if (!strcmp(argv[1], "simulate"))
    return idt_cli_ais_simulate(argc - 1, argv + 1);
  return cli_usage("ais", "unknown subcommand '%s'", argv[1]);
}
