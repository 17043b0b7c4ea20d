/*
 * lists.c - GET /readyz, GET /lists and GET /lists/{dataset}/diff.
 *
 * /readyz answers from the snapshot (the versions being served); /lists and
 * the diff read the store through a connection opened for the request (the
 * store is one handle per thread; these are rare, analyst-driven calls).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "server/server_int.h"
#include "interdict/store.h"

#define DIFF_MAX 5000   /* items in one diff response; "truncated" says so */

int idt__h_readyz(request *rq, reply *rp, const char *tail)
{
  snap *sn = idt__srv_snap(rq->srv);
  json_t *o;
  (void)tail;
  if (!sn)
    return idt__err(rp, 503, "not_ready", "the lists are not loaded yet");
  o = json_pack("{s:s,s:o,s:I,s:s}", "status", "ready", "datasets",
                json_loads(sn->versions, 0, NULL), "entities", (json_int_t)sn->nents,
                "loaded_at", sn->loaded_at);
  idt__snap_release(sn);
  return idt__ok(rp, o);
}

static json_t *version_json(const idt_version_rec *v)
{
  return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:I,s:I,s:I,s:b}", "version", (json_int_t)v->id,
                   "format", v->format ? v->format : "", "source", v->source ? v->source : "",
                   "imported_at", v->created ? v->created : "", "checksum",
                   v->checksum ? v->checksum : "", "counts",
                   v->counts_json ? json_loads(v->counts_json, 0, NULL) : json_object(),
                   "entities", (json_int_t)v->entities, "listed", (json_int_t)v->listed,
                   "statements", (json_int_t)v->statements, "current", v->current);
}

static int lists(request *rq, reply *rp)
{
  idt_store *st = NULL;
  idt_version_list *vl = NULL;
  json_t *arr = json_array(), *cur = NULL;
  size_t i;
  if (idt_store_open(&st, idt__srv_db(rq->srv)) < 0 ||
      idt_store_versions(st, NULL, 0, &vl) < 0) {
    idt_store_close(st);
    json_decref(arr);
    return idt__err_last(rp, "lists");
  }
  for (i = 0; i < vl->n; i++) {
    const idt_version_rec *v = &vl->v[i];
    if (!i || strcmp(v->dataset, vl->v[i - 1].dataset)) {
      cur = json_pack("{s:s,s:n,s:I,s:s,s:[]}", "name", v->dataset, "version", "entities",
                      (json_int_t)0, "imported_at", "", "versions");
      json_array_append_new(arr, cur);
    }
    json_array_append_new(json_object_get(cur, "versions"), version_json(v));
    if (v->current) {
      json_object_set_new(cur, "version", json_integer(v->id));
      json_object_set_new(cur, "entities", json_integer((json_int_t)v->entities));
      json_object_set_new(cur, "imported_at", json_string(v->created ? v->created : ""));
    }
  }
  idt_version_list_free(vl);
  idt_store_close(st);
  return idt__ok(rp, json_pack("{s:o}", "datasets", arr));
}

typedef struct dctx {
  json_t *added, *removed, *changed;
  size_t n;
} dctx;

static int on_diff(void *p, const idt_diff_item *d)
{
  dctx *c = p;
  json_t *o, *ch;
  size_t i;
  if (c->n++ >= DIFF_MAX)
    return 0;
  o = json_pack("{s:s,s:s?,s:s?,s:s?}", "id", d->id, "schema", d->schema, "caption",
                d->caption, "source_id", d->source_id);
  if (!o)
    return IDT_ENOMEM;
  if (d->kind == IDT_DIFF_CHANGED) {
    ch = json_array();
    for (i = 0; i < d->nchanges; i++)
      json_array_append_new(ch, json_pack("{s:s,s:s,s:s}", "prop", d->changes[i].prop, "value",
                            d->changes[i].value, "change",
                            d->changes[i].added ? "added" : "removed"));
    json_object_set_new(o, "changes", ch);
    if (d->old_schema)
      json_object_set_new(o, "old_schema", json_string(d->old_schema));
  }
  json_array_append_new(d->kind == IDT_DIFF_ADDED ? c->added
                        : d->kind == IDT_DIFF_REMOVED ? c->removed : c->changed, o);
  return 0;
}

static int diff(request *rq, reply *rp, const char *ds)
{
  idt_store *st = NULL;
  idt_diff_stats stats;
  dctx c;
  long from, to;
  int rc;
  if (idt__arg_long(rq, rp, "from", 0, 0, 1L << 62, &from) ||
      idt__arg_long(rq, rp, "to", 0, 0, 1L << 62, &to))
    return 0;
  memset(&c, 0, sizeof c);
  c.added = json_array();
  c.removed = json_array();
  c.changed = json_array();
  if ((rc = idt_store_open(&st, idt__srv_db(rq->srv))) == 0)
    rc = idt_store_diff(st, ds, from, to, on_diff, &c, &stats);
  idt_store_close(st);
  if (rc < 0) {
    json_decref(c.added);
    json_decref(c.removed);
    json_decref(c.changed);
    return idt__err_last(rp, "diff");
  }
  return idt__ok(rp, json_pack("{s:s,s:I,s:I,s:o,s:o,s:o,s:{s:I,s:I,s:I},s:b}", "dataset", ds,
                               "from", (json_int_t)from, "to", (json_int_t)to, "added", c.added,
                               "removed", c.removed, "changed", c.changed, "counts", "added",
                               (json_int_t)stats.added, "removed", (json_int_t)stats.removed,
                               "changed", (json_int_t)stats.changed, "truncated",
                               c.n > DIFF_MAX));
}

int idt__h_lists(request *rq, reply *rp, const char *tail)
{
  char ds[256];
  const char *slash;
  size_t n;
  if (!*tail)
    return lists(rq, rp);
  slash = strchr(tail, '/');
  if (!slash || strcmp(slash, "/diff") || (n = (size_t)(slash - tail)) == 0 || n >= sizeof ds)
    return idt__err(rp, 404, "not_found", "no such endpoint: %s", rq->path);
  memcpy(ds, tail, n);
  ds[n] = 0;
  return diff(rq, rp, ds);
}
