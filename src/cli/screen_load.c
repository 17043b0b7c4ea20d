/*
 * screen_load.c - see screen_load.h.
 */
#include <stdio.h>
#include <string.h>
#include "interdict/interdict.h"
#include "interdict/ingest.h"
#include "interdict/store.h"
#include "cli.h"
#include "screen_load.h"

int screen_src_arg(screen_src *s, int argc, char **argv, int *i)
{
  const char *a = argv[*i];
  if (strcmp(a, "--dataset") && strcmp(a, "--list"))
    return 0;
  if (*i + 1 >= argc)
    return -1;
  if (!strcmp(a, "--dataset")) {
    if (s->ndatasets == 32)
      return -1;
    s->datasets[s->ndatasets++] = argv[++*i];
  } else {
    if (s->nlists == 32 || !strchr(argv[*i + 1], ':'))
      return -1;
    s->lists[s->nlists++] = argv[++*i];
  }
  return 1;
}

static int from_lists(const screen_src *s, idt_screen_builder *b)
{
  size_t i;
  for (i = 0; i < s->nlists; i++) {
    char fmt[32];
    const char *colon = strchr(s->lists[i], ':'), *path = colon + 1;
    idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
    size_t fl = (size_t)(colon - s->lists[i]);
    int rc;
    if (fl >= sizeof fmt)
      return idt_error_set(IDT_EINVAL, "--list %s: unknown format", s->lists[i]);
    memcpy(fmt, s->lists[i], fl);
    fmt[fl] = 0;
    o.emit = idt_screen_builder_add;
    o.ctx = b;
    if ((rc = idt_ingest_run(fmt, &path, 1, &o)) < 0)
      return rc;
    idt_screen_builder_version(b, fmt, path);
  }
  return 0;
}

static int from_store(const screen_src *s, idt_screen_builder *b)
{
  idt_store *st = NULL;
  idt_version_list *vl = NULL;
  size_t i, k;
  int rc;
  if ((rc = idt_store_open(&st, cli_db_path())) < 0)
    return rc;
  if ((rc = idt_store_load(st, s->ndatasets ? s->datasets : NULL, s->ndatasets,
                           idt_screen_builder_add, b)) < 0)
    goto out;
  if ((rc = idt_store_versions(st, NULL, 1, &vl)) < 0)
    goto out;
  for (i = 0; i < vl->n; i++) {
    char v[32];
    int want = !s->ndatasets;
    for (k = 0; k < s->ndatasets; k++)
      want |= !strcmp(s->datasets[k], vl->v[i].dataset);
    if (!want)
      continue;
    snprintf(v, sizeof v, "%lld", (long long)vl->v[i].id);
    idt_screen_builder_version(b, vl->v[i].dataset, v);
  }
out:
  idt_version_list_free(vl);
  idt_store_close(st);
  return rc;
}

int screen_load(const screen_src *s, int verbose, idt_screen_index **out)
{
  idt_screen_builder *b = NULL;
  idt_screen_stats st;
  int rc;
  if ((rc = idt_screen_builder_new(&b)) < 0)
    return rc;
  rc = s->nlists ? from_lists(s, b) : from_store(s, b);
  if (rc < 0) {
    idt_screen_builder_free(b);
    return rc;
  }
  if ((rc = idt_screen_build(b, out)) < 0)
    return rc;
  idt_screen_index_stats(*out, &st);
  if (verbose)
    fprintf(stderr, "interdict: index: %zu entities, %zu names, %zu terms, %zu identifiers, "
            "%.1f MB, built in %.3f s\n", st.entities, st.names, st.terms,
            st.identifiers, (double)st.bytes / 1e6, st.build_seconds);
  if (!st.entities)
    fprintf(stderr, "interdict: warning: the index is empty (import a list first: "
            "interdict import, or use --list FORMAT:PATH)\n");
  return 0;
}
