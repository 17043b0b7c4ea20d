/*
 * test_store_real.c - the store on the real lists in data/lists (OFAC SDN
 * legacy CSV, UN consolidated XML; decompressed into the test's temporary
 * directory): listed counts equal the lists' published entry counts (OFAC
 * SDN 2024-05-03: 14,965 rows; UN 2026-02-27: 1,003 entries, see
 * data/lists/SOURCES.md), everything imported loads back, a re-import is
 * unchanged, and a next version with every 100th SDN row removed (149 rows)
 * keeps 14,816 listed and the diff names exactly those 149 as removed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interdict/store.h"
#include "tap.h"

static char ofac[256], ofac2[256], un[256], db[256];

static int sh(const char *cmd)
{
  return system(cmd);
}

static int prepare(void)
{
  char cmd[4096];
  const char *d = tap_data("data/lists");
  char dir[256];
  snprintf(dir, sizeof dir, "%s", d);
  snprintf(ofac, sizeof ofac, "%s/ofac", tap_tmpdir());
  snprintf(ofac2, sizeof ofac2, "%s/ofac2", tap_tmpdir());
  snprintf(un, sizeof un, "%s/consolidated.xml", tap_tmpdir());
  snprintf(db, sizeof db, "%s/real.db", tap_tmpdir());
  snprintf(cmd, sizeof cmd,
           "set -e; mkdir -p '%s' '%s';"
           " for f in sdn alt add; do xz -dc '%s'/ofac/$f.csv.xz > '%s'/$f.csv; done;"
           " cp '%s/ofac/sdn_comments.csv' '%s/';"
           " xz -dc '%s/un/consolidated.xml.xz' > '%s';"
           " cp '%s'/*.csv '%s/'; sed -i '0~100d' '%s/sdn.csv'",
           ofac, ofac2, dir, ofac, dir, ofac, dir, un, ofac, ofac2, ofac2);
  return sh(cmd);
}

static int import(idt_store *s, const char *dataset, const char *format,
                  const char *path, idt_import_info *info)
{
  idt_import *im = NULL;
  idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
  int rc = idt_import_begin(&im, s, dataset, format, NULL, &path, 1);
  if (rc)
    return rc;
  if (!idt_import_unchanged(im)) {
    o.dataset = dataset;
    o.emit = idt_import_add;
    o.ctx = im;
    if ((rc = idt_ingest_run(format, &path, 1, &o))) {
      idt_import_abort(im);
      return rc;
    }
  }
  return idt_import_commit(im, info);
}

typedef struct counts { size_t entities, statements, listed; } counts;

static int on_entity(void *ctx, idt_entity *e)
{
  counts *c = ctx;
  c->entities++;
  c->statements += e->nstmts;
  if (idt_entity_has(e, "topics", "sanction"))
    c->listed++;
  return 0;
}

typedef struct removed { int listed, other; } removed;

static int on_diff(void *ctx, const idt_diff_item *d)
{
  removed *r = ctx;
  if (d->kind != IDT_DIFF_REMOVED)
    return 0;
  /* Listed entities have ids ofac-<ent_num>; derived ones add a suffix. */
  if (strncmp(d->id, "ofac-", 5) == 0 && strspn(d->id + 5, "0123456789") ==
      strlen(d->id + 5))
    r->listed++;
  else
    r->other++;
  return 0;
}

TEST(real_lists)
{
  idt_store *s = NULL;
  idt_import_info a, b, c;
  counts n;
  removed r = { 0, 0 };
  const char *ds_ofac[] = { "us_ofac_sdn" };

  CHECK_OK(idt_store_open(&s, db));
  if (!s)
    return;
  CHECK_OK(import(s, "us_ofac_sdn", "ofac-csv", ofac, &a));
  CHECK_INT(a.listed, 14965);
  CHECK_OK(import(s, "un_sc_sanctions", "un-xml", un, &b));
  CHECK_INT(b.listed, 1003);
  memset(&n, 0, sizeof n);
  CHECK_OK(idt_store_load(s, NULL, 0, on_entity, &n));
  CHECK_INT(n.entities, a.entities + b.entities);
  CHECK_INT(n.statements, a.statements + b.statements);
  CHECK_INT(n.listed, 14965 + 1003);
  CHECK_OK(import(s, "us_ofac_sdn", "ofac-csv", ofac, &c));
  CHECK_INT(c.unchanged, 1);
  CHECK_INT(c.version, a.version);
  CHECK_OK(import(s, "us_ofac_sdn", "ofac-csv", ofac2, &c));
  CHECK_INT(c.unchanged, 0);
  CHECK_INT(c.listed, 14816);
  CHECK_INT(c.added, 0);
  CHECK_OK(idt_store_diff(s, "us_ofac_sdn", 0, 0, on_diff, &r, NULL));
  CHECK_INT(r.listed, 149);
  CHECK_INT(c.removed, (uint64_t)(r.listed + r.other));
  memset(&n, 0, sizeof n);
  CHECK_OK(idt_store_load(s, ds_ofac, 1, on_entity, &n));
  CHECK_INT(n.listed, 14816);
  CHECK_INT(n.entities, c.entities);
  memset(&n, 0, sizeof n);
  CHECK_OK(idt_store_load_version(s, "us_ofac_sdn", a.version, on_entity, &n));
  CHECK_INT(n.listed, 14965);
  CHECK_INT(n.entities, a.entities);
  tap_diag("OFAC %llu entities / %llu statements, UN %llu / %llu; v2 removed %d "
           "listed + %d derived, changed %llu",
           (unsigned long long)a.entities, (unsigned long long)a.statements,
           (unsigned long long)b.entities, (unsigned long long)b.statements,
           r.listed, r.other, (unsigned long long)c.changed);
  idt_store_close(s);
}

int main(void)
{
  if (prepare() != 0) {
    tap_skip("real_lists", "cannot decompress data/lists (xz missing?)");
    return tap_done();
  }
  RUN(real_lists);
  return tap_done();
}
