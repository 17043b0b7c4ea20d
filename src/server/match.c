/*
 * match.c - POST /match/{dataset} and GET /search/{dataset}, in the shapes
 * of OpenSanctions yente (yente/data/common.py: EntityMatchResponse,
 * EntityMatches, ScoredEntityResponse, SearchResponse) so that yente
 * clients work unchanged, with our evidence, explanation, stored network
 * exposure and analyst decision added to each result.
 *
 * yente's parameters: threshold (match flag, default 0.70 here), cutoff
 * (results below are dropped, default 0), limit (default 5), algorithm
 * (every name but "ofac" runs the default scorer). "features" maps each
 * scoring feature to its contribution to the score, as yente's do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "server/server_int.h"
#include "interdict/interdict.h"

static const char *const algorithms[] = {
  "best", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1",
  "regression-v2", "interdict", "ofac",
};

static json_t *entity_with(const snap_ent *e, json_t *props)
{
  if (!props)
    return NULL;
  return json_pack("{s:s,s:s,s:s,s:o,s:[s],s:[],s:b,s:n,s:n,s:n}", "id", e->id, "caption",
                   e->caption, "schema", e->schema, "properties", props, "datasets",
                   e->dataset, "referents", "target", e->designated, "first_seen",
                   "last_seen", "last_change");
}

json_t *idt__srv_entity_json(const snap_ent *e)
{
  json_t *src = json_loads(e->json, 0, NULL), *props, *o;
  if (!src)
    return NULL;
  props = json_object_get(src, "properties");
  o = entity_with(e, props ? json_incref(props) : json_object());
  json_decref(src);
  return o;
}

json_t *idt__srv_entity_json_cached(snap *sn, snap_ent *e)
{
  return entity_with(e, idt__snap_props(sn, e));
}

json_t *idt__srv_exposure_json(const snap_ent *e)
{
  json_t *x = e && e->exposure ? json_loads(e->exposure, 0, NULL) : NULL;
  return x ? x : json_null();
}

/* "default" (all lists) or one dataset of the snapshot. */
static int dataset_ok(const snap *sn, const char *ds)
{
  return !strcmp(ds, "default") || json_object_get(sn->versions_json, ds) != NULL;
}

static json_t *features_of(const json_t *ev)
{
  json_t *f = json_object(), *arr = json_object_get(ev, "features"), *it;
  size_t i;
  json_array_foreach(arr, i, it) {
    const char *name = json_string_value(json_object_get(it, "feature"));
    double c = json_number_value(json_object_get(it, "contribution"));
    if (name)
      json_object_set_new(f, name, json_real(c + json_number_value(json_object_get(f, name))));
  }
  return f;
}

static json_t *hit_json(snap *sn, const idt_screen_hit *h, double threshold,
                        json_t *decision)
{
  snap_ent *e = idt__snap_get(sn, h->entity_id);
  json_t *o, *ev;
  if (!e || !(o = idt__srv_entity_json_cached(sn, e))) {
    json_decref(decision);
    return NULL;
  }
  ev = json_loads(h->evidence, 0, NULL);
  json_object_set_new(o, "score", json_real(h->score));
  json_object_set_new(o, "match", json_boolean(h->score >= threshold));
  json_object_set_new(o, "features", features_of(ev));
  json_object_set_new(o, "evidence", ev ? ev : json_null());
  json_object_set_new(o, "explanation", json_string(h->explanation ? h->explanation : ""));
  json_object_set_new(o, "exposure", idt__srv_exposure_json(e));
  json_object_set_new(o, "decision", decision ? decision : json_null());
  return o;
}

typedef struct mparams {
  double threshold, cutoff;
  long limit;
  int mode;
} mparams;

static int params(request *rq, reply *rp, mparams *p)
{
  const char *alg = idt__arg(rq, "algorithm");
  size_t i;
  if (idt__arg_double(rq, rp, "threshold", IDT_SCREEN_THRESHOLD, 0, 1, &p->threshold) ||
      idt__arg_double(rq, rp, "cutoff", 0, 0, 1, &p->cutoff) ||
      idt__arg_long(rq, rp, "limit", 5, 1, 500, &p->limit))
    return -1;
  p->mode = IDT_SCREEN_MODE_DEFAULT;
  if (alg && *alg) {
    for (i = 0; i < sizeof algorithms / sizeof algorithms[0]; i++)
      if (!strcmp(alg, algorithms[i]))
        break;
    if (i == sizeof algorithms / sizeof algorithms[0]) {
      idt__err(rp, 400, "bad_parameter", "unknown algorithm '%.64s'", alg);
      return -1;
    }
    if (!strcmp(alg, "ofac"))
      p->mode = IDT_SCREEN_MODE_OFAC;
  }
  return 0;
}

static json_t *one_response(request *rq, snap *sn, const match_query *mq,
                            const idt_screen_opts *o, const mparams *p)
{
  idt_screen_result *r = NULL;
  json_t *res = json_array(), *out;
  size_t i;
  if (mq->error) {
    out = json_pack("{s:i,s:o,s:{s:i,s:s},s:O,s:s}", "status", 400, "results", res, "total",
                    "value", 0, "relation", "eq", "query", mq->example, "error", mq->error);
    return out;
  }
  if (idt_screen_run(sn->ix, &mq->q, o, &r) < 0) {
    out = json_pack("{s:i,s:o,s:{s:i,s:s},s:O,s:s}", "status", 500, "results", res, "total",
                    "value", 0, "relation", "eq", "query", mq->example, "error", idt_error_msg());
    return out;
  }
  for (i = 0; i < r->n && json_array_size(res) < (size_t)p->limit; i++) {
    const snap_ent *e = idt__snap_get(sn, r->hits[i].entity_id);
    json_t *dec = NULL, *h;
    if (e && idt__review_hit(rq, mq, e, &dec))
      continue;                     /* decided false positive, unchanged */
    if ((h = hit_json(sn, &r->hits[i], p->threshold, dec)))
      json_array_append_new(res, h);
  }
  idt_screen_result_free(r);
  return json_pack("{s:i,s:o,s:{s:I,s:s},s:O}", "status", 200, "results", res, "total",
                   "value", (json_int_t)json_array_size(res), "relation", "eq", "query",
                   mq->example);
}

static json_t *matcher_docs(void)
{
  return json_pack("{s:{s:s,s:f,s:s},s:{s:s,s:f,s:s},s:{s:s,s:f,s:s},s:{s:s,s:f,s:s},"
                   "s:{s:s,s:f,s:s}}",
    "name", "description", "best alignment of the query's names with the entry's names "
    "(transliterated, Korean romanizations, phonetic keys), x 0.9, plus 0.05 base",
    "coefficient", 0.9, "url", "docs/design/screening.md",
    "identifier", "description", "exact identifier (IMO, MMSI, passport, id, wallet): 0.97 "
    "+ 0.03 x name", "coefficient", 0.97, "url", "docs/design/screening.md",
    "birthDate", "description", "birth date agrees (+0.04, year +0.02) or is disjoint "
    "(-0.15)", "coefficient", 0.04, "url", "docs/design/screening.md",
    "country", "description", "country or nationality agrees (+0.01) or differs (-0.08)",
    "coefficient", 0.01, "url", "docs/design/screening.md",
    "gender", "description", "gender differs (-0.15)", "coefficient", -0.15, "url",
    "docs/design/screening.md");
}

int idt__h_match(request *rq, reply *rp, const char *tail)
{
  const idt_server_opts *so = idt__srv_opts(rq->srv);
  idt_screen_opts o = IDT_SCREEN_OPTS_INIT;
  match_req *mr = NULL;
  mparams p;
  snap *sn;
  json_t *responses, *body;
  size_t i;
  int rc;
  if (!*tail || strchr(tail, '/'))
    return idt__err(rp, 404, "not_found", "POST /match/{dataset}: dataset 'default' or a list");
  if (params(rq, rp, &p) < 0)
    return 0;
  if ((rc = idt__match_parse(rq->body, rq->body_len, so->max_queries, &mr)) < 0) {
    if (rc == IDT_EPARSE)
      return idt__err(rp, 400, "invalid_json", "%s", idt_error_msg());
    if (rc == IDT_ELIMIT)
      return idt__err(rp, 413, "too_many_queries", "%s", idt_error_msg());
    if (rc == IDT_ENOMEM)
      return idt__err(rp, 503, "out_of_memory", "out of memory");
    return idt__err(rp, 422, "invalid_request", "%s", idt_error_msg());
  }
  if (!(sn = idt__srv_snap(rq->srv))) {
    idt__match_req_free(mr);
    return idt__err(rp, 503, "not_ready", "the lists are not loaded yet");
  }
  if (!dataset_ok(sn, tail)) {
    idt__snap_release(sn);
    idt__match_req_free(mr);
    return idt__err(rp, 404, "unknown_dataset", "no dataset '%.100s' (GET /lists)", tail);
  }
  o.threshold = p.cutoff;
  o.limit = (size_t)p.limit + 10;   /* room for suppressed false positives */
  o.mode = p.mode;
  if (strcmp(tail, "default")) {
    o.datasets = &tail;
    o.ndatasets = 1;
  }
  responses = json_object();
  for (i = 0; i < mr->n; i++) {
    if ((idt__now() - rq->t0) * 1000.0 > so->request_ms) {
      json_decref(responses);
      idt__snap_release(sn);
      idt__match_req_free(mr);
      return idt__err(rp, 503, "timeout", "the request took longer than %u ms", so->request_ms);
    }
    json_object_set_new(responses, mr->q[i].key, one_response(rq, sn, &mr->q[i], &o, &p));
  }
  if (idt__review_match(rq, sn, tail, mr, responses, p.threshold) < 0) {
    json_decref(responses);
    idt__snap_release(sn);
    idt__match_req_free(mr);
    return idt__err(rp, 503, "audit_unavailable", "the request could not be written to the "
                    "audit log, so it is not answered: %s", idt_error_msg());
  }
  body = json_pack("{s:o,s:o,s:I,s:{s:s,s:s,s:o}}", "responses", responses, "matcher",
                   matcher_docs(), "limit", (json_int_t)p.limit, "engine", "name", "interdict",
                   "version", idt_version(), "versions", idt__snap_versions(sn));
  idt__snap_release(sn);
  idt__match_req_free(mr);
  return idt__ok(rp, body);
}

int idt__h_search(request *rq, reply *rp, const char *tail)
{
  idt_screen_opts o = IDT_SCREEN_OPTS_INIT;
  idt_screen_query q = IDT_SCREEN_QUERY_INIT;
  idt_screen_result *r = NULL;
  const char *text = idt__arg(rq, "q"), *schema = idt__arg(rq, "schema");
  long limit, offset;
  snap *sn;
  json_t *results;
  size_t i;
  if (!*tail || strchr(tail, '/'))
    return idt__err(rp, 404, "not_found", "GET /search/{dataset}");
  if (idt__arg_long(rq, rp, "limit", 10, 0, 100, &limit) ||
      idt__arg_long(rq, rp, "offset", 0, 0, 1000, &offset))
    return 0;
  if (!text || !*text)
    return idt__err(rp, 400, "bad_parameter", "q (the text to search) is required");
  if (strlen(text) > IDT_MATCH_MAX_VALUE)
    return idt__err(rp, 400, "bad_parameter", "q is longer than %d bytes", IDT_MATCH_MAX_VALUE);
  if (schema && *schema && !idt_schema_get(schema))
    return idt__err(rp, 400, "bad_parameter", "unknown schema '%.64s'", schema);
  if (!(sn = idt__srv_snap(rq->srv)))
    return idt__err(rp, 503, "not_ready", "the lists are not loaded yet");
  if (!dataset_ok(sn, tail)) {
    idt__snap_release(sn);
    return idt__err(rp, 404, "unknown_dataset", "no dataset '%.100s' (GET /lists)", tail);
  }
  q.name = text;
  q.schema = schema && *schema ? schema : NULL;
  o.threshold = 0.5;
  o.limit = (size_t)(limit + offset);
  if (strcmp(tail, "default")) {
    o.datasets = &tail;
    o.ndatasets = 1;
  }
  if (o.limit && idt_screen_run(sn->ix, &q, &o, &r) < 0) {
    idt__snap_release(sn);
    return idt__err_last(rp, "search");
  }
  results = json_array();
  for (i = (size_t)offset; r && i < r->n; i++) {
    snap_ent *e = idt__snap_get(sn, r->hits[i].entity_id);
    json_t *ej = e ? idt__srv_entity_json_cached(sn, e) : NULL;
    if (!ej)
      continue;
    json_object_set_new(ej, "score", json_real(r->hits[i].score));
    json_object_set_new(ej, "explanation", json_string(r->hits[i].explanation));
    json_array_append_new(results, ej);
  }
  idt__ok(rp, json_pack("{s:o,s:{s:I,s:s},s:I,s:I,s:{}}", "results", results, "total", "value",
                        (json_int_t)(r ? r->n : 0), "relation",
                        r && o.limit && r->n == o.limit ? "gte" : "eq", "limit",
                        (json_int_t)limit, "offset", (json_int_t)offset, "facets"));
  idt_screen_result_free(r);
  idt__snap_release(sn);
  return 0;
}
