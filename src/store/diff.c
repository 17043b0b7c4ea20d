/*
 * diff.c - what changed between two versions of a dataset.
 *
 * Three ordered scans merged in C: the entities holding in `from`, those
 * holding in `to`, and the statements that hold in exactly one of the two
 * (a range test on first_version/last_version, no self-join). All three are
 * ordered by entity id along the tables' clustered keys, so the merge needs
 * no sort and memory for one entity's changes only. An SQL FULL OUTER JOIN
 * was rejected: it would need a second pass to attach the property changes.
 */
#include <string.h>
#include "store_int.h"
#include "common/arena.h"

typedef struct cursor {
  sqlite3_stmt *st;
  int row;
} cursor;

static int advance(idt_store *s, cursor *c)
{
  int step = sqlite3_step(c->st);
  c->row = step == SQLITE_ROW;
  if (step != SQLITE_ROW && step != SQLITE_DONE)
    return idt__store_dberr(s, "diff");
  return 0;
}

static const char ents_sql[] =
  "SELECT e.id, e.schema, e.source_id, CASE WHEN ?3 THEN"
  " (SELECT value FROM statements t WHERE t.ds=?1 AND t.entity_id=e.id"
  "  AND t.prop='name' AND t.first_version<=?2 AND t.last_version>=?2"
  "  ORDER BY value LIMIT 1) END"
  " FROM entities e WHERE e.ds=?1 AND e.first_version<=?2"
  " AND e.last_version>=?2 ORDER BY e.id";

static const char stmts_sql[] =
  "SELECT entity_id, prop, value, first_version<=?3 AND last_version>=?3"
  " FROM statements WHERE ds=?1 AND (first_version<=?2 AND last_version>=?2)"
  " != (first_version<=?3 AND last_version>=?3)"
  " ORDER BY entity_id, prop, value";

typedef struct differ {
  idt_store *s;
  cursor a, b, c;
  idt_value_change *ch;
  size_t nch, capch;
  idt_arena arena;
} differ;

static int push_change(differ *d)
{
  idt_value_change *v;
  if (d->nch == d->capch) {
    size_t ncap = d->capch ? d->capch * 2 : 32;
    idt_value_change *n = idt_realloc(d->ch, ncap * sizeof *n);
    if (!n)
      return IDT_ENOMEM;
    d->ch = n;
    d->capch = ncap;
  }
  v = &d->ch[d->nch];
  v->prop = idt_arena_strdup(&d->arena, idt__col(d->c.st, 1));
  v->value = idt_arena_strdup(&d->arena, idt__col(d->c.st, 2));
  v->added = sqlite3_column_int(d->c.st, 3);
  if (!v->prop || !v->value)
    return IDT_ENOMEM;
  d->nch++;
  return 0;
}

/* Consume the changed statements of entities up to and including id,
 * keeping those of id when keep. */
static int take_changes(differ *d, const char *id, int keep)
{
  int rc;
  d->nch = 0;
  while (d->c.row) {
    const char *eid = idt__col(d->c.st, 0);
    int cmp = strcmp(eid ? eid : "", id);
    if (cmp > 0)
      break;
    if (cmp == 0 && keep && (rc = push_change(d)))
      return rc;
    if ((rc = advance(d->s, &d->c)))
      return rc;
  }
  return 0;
}

static int same(const char *x, const char *y)
{
  return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static int step_merge(differ *d, idt_diff_fn fn, void *ctx, idt_diff_stats *st)
{
  const char *ia = d->a.row ? idt__col(d->a.st, 0) : NULL;
  const char *ib = d->b.row ? idt__col(d->b.st, 0) : NULL;
  int cmp = !ia ? 1 : !ib ? -1 : strcmp(ia, ib);
  cursor *src = cmp <= 0 ? &d->a : &d->b, *other = cmp <= 0 ? &d->b : &d->a;
  idt_diff_item it;
  int rc;

  memset(&it, 0, sizeof it);
  if (cmp < 0) {
    it.kind = IDT_DIFF_REMOVED;
  } else if (cmp > 0) {
    it.kind = IDT_DIFF_ADDED;
  } else {
    it.kind = IDT_DIFF_CHANGED;
    src = &d->b;
    other = &d->a;
  }
  it.id = idt__col(src->st, 0);
  it.schema = idt__col(src->st, 1);
  it.source_id = idt__col(src->st, 2);
  it.caption = idt__col(src->st, 3);
  if (!it.caption)
    it.caption = it.id;
  if ((rc = take_changes(d, it.id, cmp == 0)))
    return rc;
  if (cmp == 0) {
    const char *os = idt__col(other->st, 1);
    if (!same(os, it.schema))
      it.old_schema = os;
    it.changes = d->ch;
    it.nchanges = d->nch;
    if (!it.old_schema && !d->nch && same(idt__col(other->st, 2), it.source_id))
      goto next;   /* the same entity in both versions */
  }
  if (it.kind == IDT_DIFF_ADDED)
    st->added++;
  else if (it.kind == IDT_DIFF_REMOVED)
    st->removed++;
  else
    st->changed++;
  if (fn && (rc = fn(ctx, &it)))
    return rc;
next:
  idt_arena_free(&d->arena);
  if ((rc = advance(d->s, src)))
    return rc;
  if (cmp == 0 && (rc = advance(d->s, other)))
    return rc;
  return 0;
}

int idt__store_diff_ds(idt_store *s, int64_t ds, int64_t from, int64_t to,
                       idt_diff_fn fn, void *ctx, idt_diff_stats *stats)
{
  differ d;
  idt_diff_stats tmp;
  int rc;

  if (!stats)
    stats = &tmp;
  memset(stats, 0, sizeof *stats);
  memset(&d, 0, sizeof d);
  d.s = s;
  idt_arena_init(&d.arena);
  if ((rc = idt__store_prepare(s, &d.a.st, ents_sql)) ||
      (rc = idt__store_prepare(s, &d.b.st, ents_sql)) ||
      (rc = idt__store_prepare(s, &d.c.st, stmts_sql)))
    goto out;
  sqlite3_bind_int64(d.a.st, 1, ds);
  sqlite3_bind_int64(d.a.st, 2, from);
  sqlite3_bind_int(d.a.st, 3, fn != NULL);
  sqlite3_bind_int64(d.b.st, 1, ds);
  sqlite3_bind_int64(d.b.st, 2, to);
  sqlite3_bind_int(d.b.st, 3, fn != NULL);
  sqlite3_bind_int64(d.c.st, 1, ds);
  sqlite3_bind_int64(d.c.st, 2, from);
  sqlite3_bind_int64(d.c.st, 3, to);
  if ((rc = advance(s, &d.a)) || (rc = advance(s, &d.b)) ||
      (rc = advance(s, &d.c)))
    goto out;
  while (!rc && (d.a.row || d.b.row))
    rc = step_merge(&d, fn, ctx, stats);
out:
  sqlite3_finalize(d.a.st);
  sqlite3_finalize(d.b.st);
  sqlite3_finalize(d.c.st);
  idt_free(d.ch);
  idt_arena_free(&d.arena);
  return rc;
}

int idt_store_diff(idt_store *s, const char *dataset, int64_t from, int64_t to,
                   idt_diff_fn fn, void *ctx, idt_diff_stats *stats)
{
  int64_t ds = 0, vds = 0;
  int rc, tx = 0;

  if (!s || !dataset)
    return idt_error_set(IDT_EINVAL, "diff: store and dataset needed");
  if ((rc = idt__store_dataset_id(s, dataset, &ds)))
    return rc;
  if (!ds)
    return idt_error_set(IDT_ENOTFOUND, "no dataset '%s' in the store", dataset);
  if (!to && (rc = idt_store_current(s, dataset, &to)))
    return rc;
  if (!from) {
    if ((rc = idt__store_previous(s, ds, to, &from)))
      return rc;
    if (!from)
      return idt_error_set(IDT_ENOTFOUND, "dataset '%s' has no version before "
                           "%lld to diff against", dataset, (long long)to);
  }
  if ((rc = idt__store_version_ds(s, from, &vds)) || vds != ds ||
      (rc = idt__store_version_ds(s, to, &vds)) || vds != ds)
    return rc ? rc : idt_error_set(IDT_ENOTFOUND, "versions %lld and %lld are "
                                   "not both versions of '%s'", (long long)from,
                                   (long long)to, dataset);
  if (!s->active) {
    if ((rc = idt__store_exec(s, "BEGIN")))
      return rc;
    tx = 1;
  }
  rc = idt__store_diff_ds(s, ds, from, to, fn, ctx, stats);
  if (tx)
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  return rc;
}

/* ---- history ---- */

int idt_store_history(idt_store *s, const char *dataset, const char *entity_id,
                      idt_history_fn fn, void *ctx)
{
  sqlite3_stmt *st = NULL;
  int64_t ds = 0;
  int rc, step, n = 0;

  if (!s || !dataset || !entity_id || !fn)
    return idt_error_set(IDT_EINVAL, "history: store, dataset, id and callback needed");
  if ((rc = idt__store_dataset_id(s, dataset, &ds)))
    return rc;
  if (!ds)
    return idt_error_set(IDT_ENOTFOUND, "no dataset '%s' in the store", dataset);
  if ((rc = idt__store_prepare(s, &st,
         "SELECT prop, value, first_version, last_version FROM statements"
         " WHERE ds=? AND entity_id=? ORDER BY prop, value, first_version")))
    return rc;
  sqlite3_bind_int64(st, 1, ds);
  sqlite3_bind_text(st, 2, entity_id, -1, SQLITE_STATIC);
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    idt_value_history h;
    int64_t last = sqlite3_column_int64(st, 3);
    h.prop = idt__col(st, 0);
    h.value = idt__col(st, 1);
    h.first_version = sqlite3_column_int64(st, 2);
    h.last_version = last == IDT__STORE_OPEN ? 0 : last;
    n++;
    if ((rc = fn(ctx, &h)))
      goto out;
  }
  if (step != SQLITE_DONE)
    rc = idt__store_dberr(s, "history");
  else if (!n)
    rc = idt_error_set(IDT_ENOTFOUND, "dataset '%s' never held entity '%s'",
                       dataset, entity_id);
out:
  sqlite3_finalize(st);
  return rc;
}
