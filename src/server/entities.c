/*
 * entities.c - GET /entities/{id} (the FtM entity, its adjacent entities
 * and its stored network exposure) and GET /entities/{id}/network?hops=N
 * (the neighbourhood as nodes and edges for drawing).
 *
 * Both read the snapshot's adjacency: a relationship entity (Ownership,
 * Directorship, UnknownLink, ...) links its source to its target; any other
 * entity-typed value (Sanction.entity, Identification.holder,
 * Vessel.owner, ...) links the holder to the value. The neighbourhood is a
 * breadth-first walk capped at MAX_NODES so a hub cannot make a response
 * unbounded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "server/server_int.h"

#define MAX_NODES 300
#define MAX_ADJ 500

static json_t *adjacent(const snap_ent *e)
{
  json_t *arr = json_array();
  const snap_adj *a;
  size_t n = 0;
  for (a = e->adj; a && n < MAX_ADJ; a = a->next, n++) {
    json_t *o = json_pack("{s:s,s:s?,s:s,s:s,s:s}", "id", a->other_id, "schema",
                          a->other ? a->other->schema : NULL, "caption",
                          a->other ? a->other->caption : a->other_id, "relation", a->relation,
                          "direction", a->outgoing ? "outgoing" : "incoming");
    if (!o)
      continue;
    if (a->other) {
      json_t *src = json_loads(a->other->json, 0, NULL);
      json_object_set(o, "properties", json_object_get(src, "properties"));
      json_object_set_new(o, "designated", json_boolean(a->other->designated));
      json_decref(src);
    }
    if (a->via) {
      json_t *src = json_loads(a->via->json, 0, NULL);
      json_object_set_new(o, "via", json_pack("{s:s,s:s,s:O}", "id", a->via->id, "schema",
                          a->via->schema, "properties", json_object_get(src, "properties")));
      json_decref(src);
    }
    json_array_append_new(arr, o);
  }
  return arr;
}

typedef struct walk {
  const snap_ent *node[MAX_NODES];
  unsigned hop[MAX_NODES];
  size_t n;
  idt_map seen;
} walk;

static int visit(walk *w, const snap_ent *e, unsigned hop)
{
  if (w->n == MAX_NODES || idt_map_get(&w->seen, e->id, strlen(e->id)))
    return 0;
  if (idt_map_put(&w->seen, e->id, strlen(e->id), (void *)e) < 0)
    return IDT_ENOMEM;
  w->node[w->n] = e;
  w->hop[w->n++] = hop;
  return 0;
}

/* Nodes are entities; a relationship entity is not a node but the label
 * of the edge it makes (Sanction, Identification ... are nodes, linked by
 * the property that points at their holder). */
static json_t *network(const snap_ent *root, unsigned hops, int *truncated)
{
  walk *w = idt_calloc(1, sizeof *w);
  json_t *nodes, *edges;
  size_t i;
  if (!w)
    return NULL;
  idt_map_init(&w->seen);
  visit(w, root, 0);
  for (i = 0; i < w->n; i++) {
    const snap_adj *a;
    if (w->hop[i] >= hops)
      continue;
    for (a = w->node[i]->adj; a; a = a->next)
      if (a->other && visit(w, a->other, w->hop[i] + 1) < 0)
        break;
  }
  *truncated = w->n == MAX_NODES;
  nodes = json_array();
  edges = json_array();
  for (i = 0; i < w->n; i++) {
    const snap_ent *e = w->node[i];
    const snap_adj *a;
    json_array_append_new(nodes, json_pack("{s:s,s:s,s:s,s:b,s:o,s:i}", "id", e->id, "caption",
                          e->caption, "schema", e->schema, "designated", e->designated,
                          "risk", e->risk >= 0 ? json_real(e->risk) : json_null(), "hops",
                          (int)w->hop[i]));
    for (a = e->adj; a; a = a->next)   /* each link once, from its source */
      if (a->outgoing && a->other && idt_map_get(&w->seen, a->other_id, strlen(a->other_id)))
        json_array_append_new(edges, json_pack("{s:s,s:s,s:s,s:s,s:s?}", "source", e->id,
                              "target", a->other_id, "type", a->relation, "label",
                              a->via ? a->via->caption : a->relation, "via",
                              a->via ? a->via->id : NULL));
  }
  idt_map_free(&w->seen);
  idt_free(w);
  return json_pack("{s:o,s:o}", "nodes", nodes, "edges", edges);
}

int idt__h_entity(request *rq, reply *rp, const char *tail)
{
  char id[512];
  const char *slash = strchr(tail, '/');
  size_t n = slash ? (size_t)(slash - tail) : strlen(tail);
  snap *sn;
  snap_ent *e;
  json_t *o;
  if (!n || n >= sizeof id)
    return idt__err(rp, 404, "not_found", "GET /entities/{id}");
  if (slash && strcmp(slash, "/network"))
    return idt__err(rp, 404, "not_found", "no such endpoint: %s", rq->path);
  memcpy(id, tail, n);
  id[n] = 0;
  if (!(sn = idt__srv_snap(rq->srv)))
    return idt__err(rp, 503, "not_ready", "the lists are not loaded yet");
  if (!(e = idt__snap_get(sn, id))) {
    idt__snap_release(sn);
    return idt__err(rp, 404, "not_found", "no entity '%.200s' in the current lists", id);
  }
  if (slash) {
    long hops;
    int trunc = 0;
    if (idt__arg_long(rq, rp, "hops", 1, 1, 3, &hops) == 0) {
      o = network(e, (unsigned)hops, &trunc);
      if (o) {
        json_object_set_new(o, "root", json_string(e->id));
        json_object_set_new(o, "truncated", json_boolean(trunc));
      }
      idt__ok(rp, o);
    }
  } else {
    o = idt__srv_entity_json(e);
    if (o) {
      json_object_set_new(o, "adjacent", adjacent(e));
      json_object_set_new(o, "exposure", idt__srv_exposure_json(e));
      json_object_set_new(o, "content_hash", json_string(e->hash));
    }
    idt__ok(rp, o);
  }
  idt__snap_release(sn);
  return 0;
}
