/*
 * openapi.c - GET /openapi.json: the OpenAPI 3.0 description of docs/api.md,
 * built from one table of operations (method, path, summary, parameters,
 * body and response schema) plus a few component schemas in yente's names
 * (EntityMatchQuery, EntityMatchResponse, EntityResponse, ...). Keep this
 * table and docs/api.md in step; tests/test_server.c checks that every
 * routed path is described.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "server/server_int.h"
#include "interdict/interdict.h"

typedef struct op {
  const char *method, *path, *summary;
  const char *params;          /* "name:in:type,..." */
  const char *body;            /* component schema of the request body */
  const char *resp;            /* component schema of the 200 answer */
} op;

static const op ops[] = {
  { "get", "/healthz", "Liveness: {\"status\":\"ok\"} while the process runs", "", NULL, NULL },
  { "get", "/readyz", "Readiness: 200 with the list versions served, 503 before", "", NULL, NULL },
  { "get", "/openapi.json", "This document", "", NULL, NULL },
  { "post", "/match/{dataset}", "yente-compatible matching of query entities",
    "dataset:path:string,threshold:query:number,cutoff:query:number,limit:query:integer,"
    "algorithm:query:string", "EntityMatchQuery", "EntityMatchResponse" },
  { "get", "/search/{dataset}", "yente-style name search",
    "dataset:path:string,q:query:string,schema:query:string,limit:query:integer,"
    "offset:query:integer", NULL, "SearchResponse" },
  { "get", "/entities/{id}", "An entity with its adjacent entities and network exposure",
    "id:path:string", NULL, "EntityResponse" },
  { "get", "/entities/{id}/network", "The neighbourhood as nodes and edges",
    "id:path:string,hops:query:integer", NULL, NULL },
  { "get", "/lists", "Datasets and their versions", "", NULL, NULL },
  { "get", "/lists/{dataset}/diff", "Entities added, removed and changed between versions",
    "dataset:path:string,from:query:integer,to:query:integer", NULL, NULL },
  { "get", "/ais/vessels/{id}", "A vessel from the AIS files: identity, track, events",
    "id:path:string", NULL, NULL },
  { "get", "/ais/events", "Maritime events from the AIS files",
    "mmsi:query:integer,type:query:string,since:query:integer,until:query:integer,"
    "limit:query:integer", NULL, NULL },
  { "get", "/alerts", "Hits recorded by /match at or above threshold",
    "status:query:string,limit:query:integer,offset:query:integer", NULL, NULL },
  { "get", "/decisions", "Stored decisions", "entity_id:query:string,limit:query:integer,"
    "offset:query:integer", NULL, NULL },
  { "post", "/decisions", "Decide an alert: true_match or false_positive", "", "DecisionIn", NULL },
  { "get", "/audit/verify", "Recompute the audit hash chain", "seq:query:integer,hash:query:string",
    NULL, NULL },
  { "post", "/admin/reload", "Rebuild the snapshot from the store and swap it in", "", NULL, NULL },
  { "get", "/ui/{path}", "The web UI's static files", "path:path:string", NULL, NULL },
};

static json_t *params_of(const char *spec)
{
  json_t *arr = json_array();
  char buf[512], *p, *save = NULL;
  snprintf(buf, sizeof buf, "%s", spec);
  for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
    char *in = strchr(p, ':'), *type;
    if (!in || !(type = strchr(in + 1, ':')))
      continue;
    *in++ = 0;
    *type++ = 0;
    json_array_append_new(arr, json_pack("{s:s,s:s,s:b,s:{s:s}}", "name", p, "in", in,
                                         "required", !strcmp(in, "path"), "schema", "type", type));
  }
  return arr;
}

static json_t *ref(const char *name)
{
  char r[128];
  snprintf(r, sizeof r, "#/components/schemas/%s", name);
  return json_pack("{s:s}", "$ref", r);
}

static json_t *operation(const op *o)
{
  json_t *x = json_pack("{s:s,s:o,s:{s:{s:s,s:{s:{s:o}}},s:{s:s,s:{s:{s:o}}}}}", "summary",
    o->summary, "parameters", params_of(o->params), "responses", "200", "description", "OK",
    "content", "application/json", "schema", o->resp ? ref(o->resp) : json_object(), "default",
    "description", "Error", "content", "application/json", "schema", ref("Error"));
  if (x && o->body)
    json_object_set_new(x, "requestBody", json_pack("{s:b,s:{s:{s:o}}}", "required", 1,
                        "content", "application/json", "schema", ref(o->body)));
  if (x && strcmp(o->path, "/healthz") && strcmp(o->path, "/readyz") &&
      strcmp(o->path, "/openapi.json") && strncmp(o->path, "/ui", 3))
    json_object_set_new(x, "security", json_pack("[{s:[]},{s:[]}]", "bearer", "apiKey"));
  return x;
}

static json_t *T(const char *type) { return json_pack("{s:s}", "type", type); }
static json_t *arr_of(json_t *items) { return json_pack("{s:s,s:o}", "type", "array", "items", items); }
static json_t *map_of(json_t *v)
{
  return json_pack("{s:s,s:o}", "type", "object", "additionalProperties", v);
}
/* {"type":"object","properties":{k1:v1,...}} from NULL-terminated pairs. */
static json_t *obj(const char *k, ...)
{
  json_t *props = json_object();
  va_list ap;
  va_start(ap, k);
  for (; k; k = va_arg(ap, const char *))
    json_object_set_new(props, k, va_arg(ap, json_t *));
  va_end(ap);
  return json_pack("{s:s,s:o}", "type", "object", "properties", props);
}

static json_t *schemas(void)
{
  json_t *s = json_object();
  json_object_set_new(s, "Error", obj("error", obj("code", T("string"), "message", T("string"),
                                                   NULL), NULL));
  json_object_set_new(s, "EntityResponse", obj("id", T("string"), "caption", T("string"),
      "schema", T("string"), "properties", map_of(arr_of(T("string"))), "datasets",
      arr_of(T("string")), "referents", arr_of(T("string")), "target", T("boolean"),
      "first_seen", T("string"), "last_seen", T("string"), "last_change", T("string"),
      "adjacent", arr_of(T("object")), "exposure", T("object"), NULL));
  json_object_set_new(s, "EntityExample", obj("id", T("string"), "schema", T("string"),
      "properties", map_of(arr_of(T("string"))), NULL));
  json_object_set_new(s, "ScoredEntityResponse", json_pack("{s:[o,o]}", "allOf",
      ref("EntityResponse"), obj("score", T("number"), "match", T("boolean"), "features",
      map_of(T("number")), "evidence", T("object"), "explanation", T("string"), "exposure",
      T("object"), "decision", T("object"), "alert_id", T("integer"), NULL)));
  json_object_set_new(s, "EntityMatchQuery", obj("queries", map_of(ref("EntityExample")),
      "weights", map_of(T("number")), NULL));
  json_object_set_new(s, "EntityMatches", obj("status", T("integer"), "results",
      arr_of(ref("ScoredEntityResponse")), "total", obj("value", T("integer"), "relation",
      T("string"), NULL), "query", ref("EntityExample"), NULL));
  json_object_set_new(s, "EntityMatchResponse", obj("responses", map_of(ref("EntityMatches")),
      "matcher", map_of(T("object")), "limit", T("integer"), "engine", T("object"), NULL));
  json_object_set_new(s, "SearchResponse", obj("results", arr_of(ref("EntityResponse")),
      "total", obj("value", T("integer"), "relation", T("string"), NULL), "limit",
      T("integer"), "offset", T("integer"), "facets", T("object"), NULL));
  json_object_set_new(s, "DecisionIn", obj("alert_id", T("integer"), "query_fingerprint",
      T("string"), "entity_id", T("string"), "decision", json_pack("{s:s,s:[s,s]}", "type",
      "string", "enum", "true_match", "false_positive"), "note", T("string"), "expires",
      T("string"), NULL));
  return s;
}

int idt__h_openapi(request *rq, reply *rp, const char *tail)
{
  json_t *paths = json_object(), *doc;
  size_t i;
  (void)rq;
  (void)tail;
  for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    json_t *item = json_object_get(paths, ops[i].path);
    if (!item) {
      item = json_object();
      json_object_set_new(paths, ops[i].path, item);
    }
    json_object_set_new(item, ops[i].method, operation(&ops[i]));
  }
  doc = json_pack("{s:s,s:{s:s,s:s,s:s},s:o,s:{s:o,s:{s:{s:s,s:s},s:{s:s,s:s,s:s}}}}",
                  "openapi", "3.0.3", "info", "title", "interdict API", "version", idt_version(),
                  "description", "Sanctions screening (yente-compatible /match), entities, "
                  "networks, AIS, alerts, decisions and the audit log. See docs/api.md.",
                  "paths", paths, "components", "schemas", schemas(), "securitySchemes",
                  "bearer", "type", "http", "scheme", "bearer", "apiKey", "type", "apiKey", "in",
                  "header", "name", "X-API-Key");
  return idt__ok(rp, doc);
}
