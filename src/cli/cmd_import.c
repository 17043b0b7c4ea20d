/*
 * cmd_import.c - `interdict import FORMAT PATH... [--dataset NAME]`: parse
 * list files with the ingest module straight into one store transaction
 * and print what the new version holds, by schema.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "interdict/interdict.h"
#include "interdict/ingest.h"
#include "interdict/store.h"

const char cmd_import_summary[] = "import list files as a new version of a dataset";

static const char help[] =
  "usage: interdict import FORMAT PATH... [--dataset NAME] [--quiet]\n"
  "\n"
  "Parse PATH... (files or, for ofac-csv, a directory) as FORMAT and store\n"
  "them as a new version of the dataset (default: the format's own name,\n"
  "e.g. us_ofac_sdn). One transaction: on any error the previous version\n"
  "stays current and the exit status is 1. Files whose checksums equal the\n"
  "current version's are not parsed again (\"unchanged\").\n"
  "\n"
  "formats: ofac-csv, un-xml, eu-xml, uk-xml, ftm, csv\n"
  "  --dataset NAME  store under this dataset name\n"
  "  --quiet         print nothing on success\n";

typedef struct sink {
  idt_import *im;
  cli_progress bar;
} sink;

static int emit(void *ctx, idt_entity *e)
{
  sink *k = ctx;
  return idt_import_add(k->im, e);
}

static void progress(void *ctx, size_t done, size_t total)
{
  sink *k = ctx;
  k->bar.total = total;
  cli_progress_update(&k->bar, done);
}

static const char *default_dataset(const char *format)
{
  size_t n, i;
  const idt_format_info *f = idt_ingest_formats(&n);
  for (i = 0; i < n; i++)
    if (strcmp(f[i].name, format) == 0)
      return f[i].default_dataset;
  return NULL;
}

static void print_info(const char *dataset, const idt_import_info *in)
{
  size_t i;
  if (in->unchanged) {
    printf("%s: unchanged, version %lld stays current (%llu entities)\n", dataset,
           (long long)in->version, (unsigned long long)in->entities);
    return;
  }
  printf("%s: version %lld", dataset, (long long)in->version);
  if (in->previous)
    printf(" (previous %lld)", (long long)in->previous);
  printf(": %llu entities (%llu listed, %llu derived), %llu statements\n",
         (unsigned long long)in->entities, (unsigned long long)in->listed,
         (unsigned long long)(in->entities - in->listed),
         (unsigned long long)in->statements);
  printf("  changes: %llu added, %llu removed, %llu changed\n",
         (unsigned long long)in->added, (unsigned long long)in->removed,
         (unsigned long long)in->changed);
  for (i = 0; i < in->nschemata; i++)
    printf("  %-20s %8llu\n", in->by_schema[i].schema,
           (unsigned long long)in->by_schema[i].n);
}

int cmd_import(int argc, char **argv)
{
  const char *format = NULL, *dataset = NULL, *paths[64];
  size_t np = 0;
  int i, quiet = 0, rc;
  idt_store *st = NULL;
  idt_import_info info;
  idt_ingest_opts opts = IDT_INGEST_OPTS_INIT;
  sink k;

  for (i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    } else if (strcmp(argv[i], "--dataset") == 0 && i + 1 < argc) {
      dataset = argv[++i];
    } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
      quiet = 1;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      return cli_usage("import", "unknown option '%s'", argv[i]);
    } else if (!format) {
      format = argv[i];
    } else if (np < sizeof paths / sizeof paths[0]) {
      paths[np++] = argv[i];
    } else {
      return cli_usage("import", "too many paths");
    }
  }
  if (!format || !np)
    return cli_usage("import", "need a FORMAT and at least one PATH");
  if (!default_dataset(format))
    return cli_usage("import", "unknown format '%s' (ofac-csv, un-xml, eu-xml, uk-xml, ftm, csv)",
                     format);
  if (!dataset)
    dataset = default_dataset(format);
  if (idt_store_open(&st, cli_db_path()))
    return cli_fail("import");
  memset(&k, 0, sizeof k);
  if (idt_import_begin(&k.im, st, dataset, format, NULL, paths, np)) {
    rc = cli_fail("import");
    goto out;
  }
  if (!idt_import_unchanged(k.im)) {
    opts.dataset = dataset;
    opts.emit = emit;
    opts.ctx = &k;
    opts.progress = progress;
    if (!quiet)
      cli_progress_start(&k.bar, "parsing", 0);
    rc = idt_ingest_run(format, paths, np, &opts);
    if (!quiet)
      cli_progress_end(&k.bar);
    if (rc) {
      idt_import_abort(k.im);
      rc = cli_fail("import");
      fprintf(stderr, "interdict: import: nothing imported; the current "
              "version of %s is unchanged\n", dataset);
      goto out;
    }
  }
  if (idt_import_commit(k.im, &info)) {
    rc = cli_fail("import");
    goto out;
  }
  if (!quiet)
    print_info(dataset, &info);
  rc = 0;
out:
  idt_store_close(st);
  return rc;
}
