/*
 * snapshot.c - one immutable view of the lists for the server: the
 * screening index, every entity of the current versions (its FtM JSON and
 * content hash), the adjacency between them (relationship entities and
 * entity-typed properties) and the network exposure stored by the latest
 * `interdict net exposure` run. Built in one pass over idt_store_load,
 * beside the snapshot in use, then swapped in by server.c.
 *
 * Lifetime: reference counted. server.c holds one reference for "current";
 * every request takes one for its duration; the last release frees it, so
 * a reload never pulls an index from under a request. Why not one shared
 * store handle and per-request SQL: the store is per thread (SQLite), and a
 * snapshot makes every answer of one request consistent with one set of
 * list versions, which is what the audit log records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "server/server_int.h"
#include "common/util.h"
#include "interdict/store.h"
#include "interdict/net.h"
#include "interdict/audit.h"

typedef struct pend {        /* an entity-typed value, resolved at the end */
  snap_ent *from;
  const char *to, *prop;
} pend;

typedef struct build {
  snap *s;
  idt_screen_builder *b;
  pend *p;
  size_t np, cap;
  int rc;
} build;

static int push_pend(build *bd, snap_ent *from, const char *to, const char *prop)
{
  if (bd->np == bd->cap) {
    size_t cap = bd->cap ? bd->cap * 2 : 4096;
    pend *np = idt_realloc(bd->p, cap * sizeof *np);
    if (!np)
      return IDT_ENOMEM;
    bd->p = np;
    bd->cap = cap;
  }
  bd->p[bd->np].from = from;
  bd->p[bd->np].to = to;
  bd->p[bd->np++].prop = prop;
  return 0;
}

static int keep_entity(build *bd, idt_entity *e)
{
  snap *s = bd->s;
  snap_ent *x;
  char *json;
  uint32_t i;
  idt_entity_sort(e);
  if (!(json = idt_entity_to_json(e)))
    return IDT_ENOMEM;
  x = idt_arena_calloc(&s->arena, sizeof *x);
  if (!x || !(x->json = idt_arena_strdup(&s->arena, json)) ||
      !(x->id = idt_arena_strdup(&s->arena, e->id)) ||
      !(x->caption = idt_arena_strdup(&s->arena, idt_entity_caption(e))) ||
      !(x->dataset = idt_arena_strdup(&s->arena, e->dataset ? e->dataset : ""))) {
    idt_free(json);
    return IDT_ENOMEM;
  }
  idt_free(json);
  if (idt_entity_content_hash(e, x->hash) < 0)
    return IDT_ENOMEM;
  x->schema = e->schema->name;
  x->risk = -1;
  x->designated = idt_entity_has(e, "topics", "sanction");
  for (i = 0; i < e->nstmts; i++) {
    const idt_property *p = e->stmts[i].prop;
    const char *v;
    if (p->type != IDT_TYPE_ENTITY)
      continue;
    if (!(v = idt_arena_strdup(&s->arena, e->stmts[i].value)) || push_pend(bd, x, v, p->name))
      return IDT_ENOMEM;
  }
  if (!idt_map_get(&s->ents, x->id, strlen(x->id)))
    s->nents++;
  return idt_map_put(&s->ents, x->id, strlen(x->id), x);
}

static int on_entity(void *ctx, idt_entity *e)
{
  build *bd = ctx;
  int rc;
  if ((rc = idt_screen_builder_add(bd->b, e)) < 0)
    return rc;
  return keep_entity(bd, e);
}

static int add_adj(snap *s, snap_ent *at, snap_ent *other, const char *other_id,
                   const char *rel, snap_ent *via, int outgoing)
{
  snap_adj *a = idt_arena_calloc(&s->arena, sizeof *a);
  if (!a)
    return IDT_ENOMEM;
  a->other = other;
  a->other_id = other_id;
  a->relation = rel;
  a->via = via;
  a->outgoing = outgoing;
  a->next = at->adj;
  at->adj = a;
  return 0;
}

/* Relationship entities become one link source -> target through them;
 * other entity-typed values link the holder to the value. */
static int link_all(build *bd)
{
  snap *s = bd->s;
  size_t i;
  for (i = 0; i < bd->np; i++) {
    pend *p = &bd->p[i];
    const idt_schema *sc = idt_schema_get(p->from->schema);
    snap_ent *to = idt__snap_get(s, p->to);
    int rc = 0;
    if (sc && (sc->flags & IDT_SCHEMA_EDGE) && sc->edge_source && sc->edge_target) {
      size_t j;
      snap_ent *src;
      if (strcmp(p->prop, sc->edge_target))
        continue;           /* handled from the target's side */
      j = i;                /* one entity's values are contiguous */
      while (j > 0 && bd->p[j - 1].from == p->from)
        j--;
      for (; j < bd->np && bd->p[j].from == p->from; j++)
        if (!strcmp(bd->p[j].prop, sc->edge_source))
          break;
      if (j == bd->np || bd->p[j].from != p->from) {
        rc = to ? add_adj(s, to, p->from, p->from->id, sc->name, NULL, 0) : 0;
      } else {
        src = idt__snap_get(s, bd->p[j].to);
        if (src)
          rc = add_adj(s, src, to, p->to, sc->name, p->from, 1);
        if (!rc && to)
          rc = add_adj(s, to, src, bd->p[j].to, sc->name, p->from, 0);
      }
    } else {
      rc = add_adj(s, p->from, to, p->to, p->prop, NULL, 1);
      if (!rc && to)
        rc = add_adj(s, to, p->from, p->from->id, p->prop, NULL, 0);
      if (to && !strcmp(p->from->schema, "Sanction"))
        to->designated = 1;
    }
    if (rc)
      return rc;
  }
  return 0;
}

static int on_exposure(void *ctx, const idt_net_exposure *x)
{
  snap *s = ctx;
  snap_ent *e = idt__snap_get(s, x->entity_id);
  json_t *o;
  char *t;
  if (!e)
    return 0;
  o = json_pack("{s:b,s:s,s:b,s:b,s:b,s:i,s:s?,s:s,s:f}", "designated", x->designated,
                "programs", x->programs ? x->programs : "", "blocked_50", x->blocked_50,
                "possibly_blocked_50", x->possibly_blocked_50, "eu_controlled",
                x->eu_controlled, "hops", x->hops, "nearest", x->nearest, "path",
                x->path ? x->path : "", "risk", x->risk);
  if (!o)
    return IDT_ENOMEM;
  t = json_dumps(o, IDT_SRV_JSON_FLAGS);   /* /match copies it as is */
  json_decref(o);
  if (!t)
    return IDT_ENOMEM;
  e->exposure = idt_arena_strdup(&s->arena, t);
  free(t);
  e->risk = x->risk;
  return e->exposure ? 0 : IDT_ENOMEM;
}

static int versions_of(idt_store *st, char **key, char **versions)
{
  idt_version_list *vl = NULL;
  idt_buf k, v;
  size_t i;
  int rc;
  idt_buf_init(&k, 1 << 16);
  idt_buf_init(&v, 1 << 16);
  if ((rc = idt_store_versions(st, NULL, 1, &vl)) < 0)
    goto out;
  rc = idt_buf_putc(&v, '{');
  for (i = 0; !rc && i < vl->n; i++) {
    rc = idt_buf_printf(&k, "%s%s:%lld", i ? "," : "", vl->v[i].dataset, (long long)vl->v[i].id);
    if (!rc && i)
      rc = idt_buf_putc(&v, ',');
    if (!rc)
      rc = idt_buf_json_str(&v, vl->v[i].dataset, strlen(vl->v[i].dataset));
    if (!rc)
      rc = idt_buf_printf(&v, ":\"%lld\"", (long long)vl->v[i].id);
  }
  if (!rc)
    rc = idt_buf_putc(&v, '}');
  if (!rc && !k.p)
    rc = idt_buf_puts(&k, "");
  if (!rc) {
    *key = idt_buf_detach(&k);
    if (versions)
      *versions = idt_buf_detach(&v);
  }
out:
  idt_version_list_free(vl);
  idt_buf_free(&k);
  idt_buf_free(&v);
  return rc;
}

int idt__snap_current_key(const char *db_path, char **key)
{
  idt_store *st = NULL;
  int rc;
  *key = NULL;
  if ((rc = idt_store_open(&st, db_path)) < 0)
    return rc;
  rc = versions_of(st, key, NULL);
  idt_store_close(st);
  return rc;
}

static void snap_free(snap *s)
{
  size_t i;
  if (!s)
    return;
  for (i = 0; i < s->nparsed; i++) {
    json_decref(atomic_load(&s->parsed[i]->props));
    idt_free(atomic_load(&s->parsed[i]->props_text));
  }
  idt_free(s->parsed);
  json_decref(s->versions_json);
  pthread_mutex_destroy(&s->mu);
  idt_screen_index_free(s->ix);
  idt_map_free(&s->ents);
  idt_arena_free(&s->arena);
  idt_free(s->key);
  idt_free(s->versions);
  idt_free(s);
}

int idt__snap_build(const char *db_path, snap **out)
{
  build bd;
  idt_store *st = NULL;
  snap *s;
  int rc;
  *out = NULL;
  memset(&bd, 0, sizeof bd);
  if (!(s = idt_calloc(1, sizeof *s)))
    return IDT_ENOMEM;
  atomic_init(&s->refs, 1);
  pthread_mutex_init(&s->mu, NULL);
  idt_arena_init(&s->arena);
  idt_map_init(&s->ents);
  bd.s = s;
  if ((rc = idt_screen_builder_new(&bd.b)) < 0)
    goto out;
  if ((rc = idt_store_open(&st, db_path)) < 0)
    goto out;
  /* The versions first: a list imported during the load then shows up as
   * a changed key at the next check instead of being missed. */
  if ((rc = versions_of(st, &s->key, &s->versions)) < 0)
    goto out;
  if (!(s->versions_json = json_loads(s->versions, 0, NULL))) {
    rc = IDT_ENOMEM;
    goto out;
  }
  if ((rc = idt_store_load(st, NULL, 0, on_entity, &bd)) < 0)
    goto out;
  {
    idt_version_list *vl = NULL;
    size_t i;
    if ((rc = idt_store_versions(st, NULL, 1, &vl)) < 0)
      goto out;
    for (i = 0; i < vl->n && !rc; i++) {
      char v[32];
      snprintf(v, sizeof v, "%lld", (long long)vl->v[i].id);
      rc = idt_screen_builder_version(bd.b, vl->v[i].dataset, v);
    }
    idt_version_list_free(vl);
    if (rc < 0)
      goto out;
  }
  rc = idt_screen_build(bd.b, &s->ix);
  bd.b = NULL;
  if (rc < 0)
    goto out;
  if ((rc = link_all(&bd)) < 0)
    goto out;
  rc = idt_net_stored_each(db_path, NULL, NULL, on_exposure, s);
  if (rc == IDT_ENOTFOUND || rc == IDT_EDB)
    rc = 0;   /* no network run stored (or no net tables yet): exposure null */
  idt_error_clear();
  idt_now_iso(s->loaded_at);
out:
  idt_screen_builder_free(bd.b);
  idt_free(bd.p);
  idt_store_close(st);
  if (rc < 0) {
    snap_free(s);
    return rc == IDT_ENOMEM ? idt_error_set(IDT_ENOMEM, "snapshot: out of memory") : rc;
  }
  *out = s;
  return 0;
}

void idt__snap_release(snap *s)
{
  if (s && atomic_fetch_sub(&s->refs, 1) == 1)
    snap_free(s);
}

snap_ent *idt__snap_get(const snap *s, const char *id)
{
  return id ? idt_map_get(&s->ents, id, strlen(id)) : NULL;
}

json_t *idt__snap_versions(const snap *s)
{
  return json_incref(s->versions_json);
}

static json_t *parse_props(const snap_ent *e)
{
  json_t *src = json_loads(e->json, 0, NULL), *p;
  if (!src)
    return NULL;
  p = json_object_get(src, "properties");
  p = p ? json_incref(p) : json_object();
  json_decref(src);
  return p;
}

/* Parsing each hit's entity JSON again was ~8 % of a /match's
 * instructions; a snapshot keeps each parsed object (only entities that
 * were hit, so the memory follows the traffic, bounded by the lists). */
json_t *idt__snap_props(snap *s, snap_ent *e)
{
  json_t *p = atomic_load_explicit(&e->props, memory_order_acquire);
  if (p)
    return json_incref(p);
  pthread_mutex_lock(&s->mu);
  if (!(p = atomic_load_explicit(&e->props, memory_order_relaxed)) && (p = parse_props(e))) {
    if (s->nparsed == s->capparsed) {
      size_t cap = s->capparsed ? s->capparsed * 2 : 256;
      snap_ent **n = idt_realloc(s->parsed, cap * sizeof *n);
      if (!n) {
        pthread_mutex_unlock(&s->mu);
        return p;          /* uncached: the caller owns the only reference */
      }
      s->parsed = n;
      s->capparsed = cap;
    }
    s->parsed[s->nparsed++] = e;
    atomic_store_explicit(&e->props, p, memory_order_release);
  }
  pthread_mutex_unlock(&s->mu);
  return p ? json_incref(p) : NULL;
}

static int text_cb(const char *buf, size_t size, void *data)
{
  return idt_buf_append(data, buf, size) ? -1 : 0;
}

/* /match writes each hit's properties as text: encoding the shared object
 * on every hit was most of what was left of the response's encoding. */
const char *idt__snap_props_text(snap *s, snap_ent *e)
{
  char *t = atomic_load_explicit(&e->props_text, memory_order_acquire);
  json_t *p;
  idt_buf b;
  if (t)
    return t;
  if (!(p = idt__snap_props(s, e)))
    return NULL;
  idt_buf_init(&b, IDT_BUF_MAX_DEFAULT);
  if (json_dump_callback(p, text_cb, &b, IDT_SRV_JSON_FLAGS) < 0) {
    idt_buf_free(&b);
    json_decref(p);
    return NULL;
  }
  t = idt_buf_detach(&b);
  pthread_mutex_lock(&s->mu);
  if (atomic_load_explicit(&e->props, memory_order_relaxed) != p) {
    idt_free(t);                  /* props not cached (out of memory): nowhere to keep it */
    t = NULL;
  } else if (atomic_load_explicit(&e->props_text, memory_order_relaxed)) {
    idt_free(t);                  /* another thread made it first */
    t = atomic_load_explicit(&e->props_text, memory_order_relaxed);
  } else {
    atomic_store_explicit(&e->props_text, t, memory_order_release);
  }
  pthread_mutex_unlock(&s->mu);
  json_decref(p);
  return t;
}
