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
#include <pthread.h>
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

/* The matcher description never changes: encoded once. */
static char matcher_text[2048];
static size_t matcher_len;
static pthread_once_t matcher_once = PTHREAD_ONCE_INIT;

static void matcher_init(void)
{
  json_t *m = matcher_docs();
  size_t n = m ? json_dumpb(m, matcher_text, sizeof matcher_text, IDT_SRV_JSON_FLAGS) : 0;
  json_decref(m);
  matcher_len = n <= sizeof matcher_text ? n : 0;
}

/* Collect r's hits into *hits up to the limit: decisions looked up,
 * decided false positives left out. Returns how many were left out, or
 * IDT_ENOMEM. */
static int collect(request *rq, snap *sn, const match_query *mq, const mparams *p,
                   match_resp *mr, match_hit **hits, size_t *nhits, size_t *cap)
{
  size_t i;
  int suppressed = 0;
  for (i = 0; i < mr->r->n && mr->n < (size_t)p->limit; i++) {
    const idt_screen_hit *h = &mr->r->hits[i];
    snap_ent *e = idt__snap_get(sn, h->entity_id);
    const char *props;
    json_t *dec = NULL;
    if (e && idt__review_hit(rq, mq, e, &dec)) {
      suppressed++;                 /* decided false positive, unchanged */
      continue;
    }
    if (!e || !(props = idt__snap_props_text(sn, e))) {
      json_decref(dec);
      continue;
    }
    if (*nhits == *cap) {
      size_t nc = *cap ? *cap * 2 : 16;
      match_hit *n = idt_realloc(*hits, nc * sizeof *n);
      if (!n) {
        json_decref(dec);
        return IDT_ENOMEM;
      }
      *hits = n;
      *cap = nc;
    }
    (*hits)[(*nhits)++] = (match_hit){ h, e, props, dec, h->score >= p->threshold, -1 };
    mr->n++;
  }
  return suppressed;
}

/* Screen one query into *hits; the hits' text stays in mr->r until the
 * reply is written. The screening is asked for `limit` hits, since the
 * evidence and explanation of every hit it returns cost more than its
 * search (docs/design/server.md); only when decided false positives were
 * left out and the limit is not reached is it asked again for 10 more, as
 * room to fill the limit. */
static int screen_one(request *rq, snap *sn, const match_query *mq, const idt_screen_opts *o,
                      const mparams *p, match_resp *mr, match_hit **hits, size_t *nhits,
                      size_t *cap)
{
  idt_screen_opts oo = *o;
  int rc;
  mr->first = *nhits;
  if (mq->error) {
    mr->status = 400;
    mr->error = mq->error;
    return 0;
  }
  for (oo.limit = (size_t)p->limit;; oo.limit = (size_t)p->limit + 10) {
    if (idt_screen_run(sn->ix, &mq->q, &oo, &mr->r) < 0) {
      snprintf(mr->errbuf, sizeof mr->errbuf, "%s", idt_error_msg());
      mr->status = 500;
      mr->error = mr->errbuf;
      return 0;
    }
    mr->status = 200;
    if ((rc = collect(rq, sn, mq, p, mr, hits, nhits, cap)) <= 0 || mr->n == (size_t)p->limit ||
        mr->r->n < oo.limit || oo.limit > (size_t)p->limit)
      return rc < 0 ? rc : 0;
    while (*nhits > mr->first)      /* again, with room */
      json_decref((*hits)[--*nhits].decision);
    mr->n = 0;
    idt_screen_result_free(mr->r);
    mr->r = NULL;
  }
}

/* yente's "features": each feature's contribution, summed by name, as the
 * evidence prints them (4 decimals). */
static int put_features(idt_buf *b, const idt_screen_hit *h)
{
  const char *name[IDT_SCREEN_MAX_FEATURES];
  double sum[IDT_SCREEN_MAX_FEATURES];
  size_t n = 0, i, k;
  int rc = 0;
  for (i = 0; i < h->nfeatures && i < IDT_SCREEN_MAX_FEATURES; i++) {
    char t[64];
    double v;
    snprintf(t, sizeof t, "%.4f", h->features[i].contribution);
    v = strtod(t, NULL);
    for (k = 0; k < n && strcmp(name[k], h->features[i].name); k++)
      ;
    if (k == n) {
      name[n] = h->features[i].name;
      sum[n++] = 0.0;
    }
    sum[k] += v;
  }
  rc |= idt_buf_putc(b, '{');
  for (k = 0; k < n; k++) {
    if (k)
      rc |= idt_buf_putc(b, ',');
    rc |= idt__jw_str(b, name[k]);
    rc |= idt_buf_putc(b, ':');
    rc |= idt__jw_real(b, sum[k]);
  }
  return rc | idt_buf_putc(b, '}');
}

/* One result, in the order of yente's ScoredEntityResponse, then ours. */
static int put_hit(idt_buf *b, const match_hit *m)
{
  const snap_ent *e = m->e;
  const idt_screen_hit *h = m->h;
  int rc = idt_buf_puts(b, "{\"id\":");
  rc |= idt__jw_str(b, e->id);
  rc |= idt_buf_puts(b, ",\"caption\":");
  rc |= idt__jw_str(b, e->caption);
  rc |= idt_buf_puts(b, ",\"schema\":");
  rc |= idt__jw_str(b, e->schema);
  rc |= idt_buf_puts(b, ",\"properties\":");
  rc |= idt_buf_puts(b, m->props);
  rc |= idt_buf_puts(b, ",\"datasets\":[");
  rc |= idt__jw_str(b, e->dataset);
  rc |= idt_buf_puts(b, e->designated ? "],\"referents\":[],\"target\":true"
                                      : "],\"referents\":[],\"target\":false");
  rc |= idt_buf_puts(b, ",\"first_seen\":null,\"last_seen\":null,\"last_change\":null,"
                        "\"score\":");
  rc |= idt__jw_real(b, h->score);
  rc |= idt_buf_puts(b, m->match ? ",\"match\":true,\"features\":" : ",\"match\":false,\"features\":");
  rc |= put_features(b, h);
  rc |= idt_buf_puts(b, ",\"evidence\":");
  /* the screening's own JSON text, copied instead of parsed and encoded
   * again (same values; numbers keep its fixed decimals) */
  if (h->evidence && idt__jw_utf8_ok(h->evidence, strlen(h->evidence)))
    rc |= idt_buf_puts(b, h->evidence);
  else
    rc |= idt_buf_puts(b, "null");
  rc |= idt_buf_puts(b, ",\"explanation\":");
  rc |= idt__jw_str(b, h->explanation ? h->explanation : "");
  rc |= idt_buf_puts(b, ",\"exposure\":");
  rc |= idt_buf_puts(b, e->exposure ? e->exposure : "null");
  rc |= idt_buf_puts(b, ",\"decision\":");
  rc |= idt__jw_json(b, m->decision);
  if (m->alert_id >= 0)
    rc |= idt_buf_printf(b, ",\"alert_id\":%lld", (long long)m->alert_id);
  return rc | idt_buf_putc(b, '}');
}

static int put_response(idt_buf *b, const match_query *mq, const match_resp *mr,
                        const match_hit *hits)
{
  size_t k;
  int rc = idt_buf_printf(b, "{\"status\":%u,\"results\":[", mr->status);
  for (k = 0; k < mr->n; k++) {
    if (k)
      rc |= idt_buf_putc(b, ',');
    rc |= put_hit(b, &hits[mr->first + k]);
  }
  rc |= idt_buf_printf(b, "],\"total\":{\"value\":%zu,\"relation\":\"eq\"},\"query\":", mr->n);
  rc |= idt__jw_json(b, mq->example);
  if (mr->error) {
    rc |= idt_buf_puts(b, ",\"error\":");
    rc |= idt__jw_str(b, mr->error);
  }
  return rc | idt_buf_putc(b, '}');
}

/* The /match body, written straight into a buffer: byte for byte what the
 * jansson tree it replaces encoded to, except "evidence", which is the
 * screening's text as is (docs/design/server.md, "CPU per /match"). */
static int put_body(idt_buf *b, const snap *sn, const match_req *mr, const match_resp *resp,
                    const match_hit *hits, long limit)
{
  json_t *versions = idt__snap_versions(sn);
  size_t i;
  int rc = idt_buf_puts(b, "{\"responses\":{");
  for (i = 0; i < mr->n; i++) {
    if (i)
      rc |= idt_buf_putc(b, ',');
    rc |= idt__jw_str(b, mr->q[i].key);
    rc |= idt_buf_putc(b, ':');
    rc |= put_response(b, &mr->q[i], &resp[i], hits);
  }
  pthread_once(&matcher_once, matcher_init);
  rc |= idt_buf_puts(b, "},\"matcher\":");
  rc |= matcher_len ? idt_buf_append(b, matcher_text, matcher_len) : idt_buf_puts(b, "{}");
  rc |= idt_buf_printf(b, ",\"limit\":%ld,\"engine\":{\"name\":\"interdict\",\"version\":", limit);
  rc |= idt__jw_str(b, idt_version());
  rc |= idt_buf_puts(b, ",\"versions\":");
  rc |= idt__jw_json(b, versions);
  rc |= idt_buf_puts(b, "}}");
  json_decref(versions);
  return rc ? IDT_ENOMEM : 0;
}

static void match_free(match_req *mr, match_resp *resp, match_hit *hits, size_t nhits)
{
  size_t i;
  for (i = 0; i < nhits; i++)
    json_decref(hits[i].decision);
  for (i = 0; resp && i < mr->n; i++)
    idt_screen_result_free(resp[i].r);
  idt_free(hits);
  idt_free(resp);
  idt__match_req_free(mr);
}

static int match_fail(reply *rp, snap *sn, match_req *mr, match_resp *resp, match_hit *hits,
                      size_t nhits, unsigned status, const char *code, const char *msg)
{
  idt__err(rp, status, code, "%s", msg);
  match_free(mr, resp, hits, nhits);
  idt__snap_release(sn);
  return 0;
}

int idt__h_match(request *rq, reply *rp, const char *tail)
{
  const idt_server_opts *so = idt__srv_opts(rq->srv);
  idt_screen_opts o = IDT_SCREEN_OPTS_INIT;
  match_req *mr = NULL;
  match_resp *resp;
  match_hit *hits = NULL;
  size_t nhits = 0, cap = 0, i;
  mparams p;
  snap *sn;
  idt_buf b;
  char msg[512];
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
    snprintf(msg, sizeof msg, "no dataset '%.100s' (GET /lists)", tail);
    return match_fail(rp, sn, mr, NULL, NULL, 0, 404, "unknown_dataset", msg);
  }
  o.threshold = p.cutoff;
  o.mode = p.mode;
  if (strcmp(tail, "default")) {
    o.datasets = &tail;
    o.ndatasets = 1;
  }
  if (!(resp = idt_calloc(mr->n + 1, sizeof *resp)))
    return match_fail(rp, sn, mr, NULL, NULL, 0, 503, "out_of_memory", "out of memory");
  for (i = 0; i < mr->n; i++) {
    if ((idt__now() - rq->t0) * 1000.0 > so->request_ms) {
      snprintf(msg, sizeof msg, "the request took longer than %u ms", so->request_ms);
      return match_fail(rp, sn, mr, resp, hits, nhits, 503, "timeout", msg);
    }
    if (screen_one(rq, sn, &mr->q[i], &o, &p, &resp[i], &hits, &nhits, &cap) < 0)
      return match_fail(rp, sn, mr, resp, hits, nhits, 503, "out_of_memory", "out of memory");
  }
  if (idt__review_match(rq, sn, tail, mr, resp, hits, p.threshold) < 0) {
    snprintf(msg, sizeof msg, "the request could not be written to the audit log, so it is "
             "not answered: %s", idt_error_msg());
    return match_fail(rp, sn, mr, resp, hits, nhits, 503, "audit_unavailable", msg);
  }
  idt_buf_init(&b, IDT_BUF_MAX_DEFAULT);
  if (put_body(&b, sn, mr, resp, hits, p.limit) < 0) {
    idt_buf_free(&b);
    return match_fail(rp, sn, mr, resp, hits, nhits, 503, "out_of_memory", "out of memory");
  }
  match_free(mr, resp, hits, nhits);
  idt__snap_release(sn);
  rp->textlen = b.len;
  return idt__ok_text(rp, idt_buf_detach(&b));
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
