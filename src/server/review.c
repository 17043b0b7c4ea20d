/*
 * review.c - the server side of the audit module (include/interdict/audit.h):
 * API-key authentication, alerts and suppression on /match, /alerts,
 * /decisions and /audit/verify.
 *
 * Auth: `Authorization: Bearer KEY` or `X-API-Key: KEY`. Write requests
 * always need a valid key; reads need one when the server is bound beyond
 * loopback. /healthz, /readyz, /openapi.json and the UI's static files
 * never do (the UI must load to ask for a key). --no-auth (loopback only)
 * turns it off. 401: no key or an unknown/revoked one; 403: a valid key
 * that may not call /admin/ (not named by --admin).
 *
 * Every /match request is appended to the audit log with its alerts (hits
 * at or above threshold) in one transaction; if that fails the request is
 * answered 503, never silently unlogged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "server/server_int.h"
#include "interdict/audit.h"

static const char *bearer(const request *rq)
{
  const char *h = idt__header(rq, "Authorization");
  if (h && !strncasecmp(h, "Bearer ", 7))
    return h + 7;
  return idt__header(rq, "X-API-Key");
}

int idt__authenticate(request *rq, reply *rp, int is_public)
{
  idt_server *s = rq->srv;
  const char *key;
  char *name = NULL;
  if (is_public || idt__srv_opts(s)->no_auth || (!rq->write && idt__srv_loopback(s)))
    return 0;
  if (!(key = bearer(rq)) || !*key) {
    idt__err(rp, 401, "unauthorized", "an API key is needed (Authorization: Bearer KEY or "
             "X-API-Key: KEY; create one with `interdict apikey add NAME`)");
    return -1;
  }
  if (idt_apikey_check(idt__srv_audit(s), key, &name) < 0) {
    idt__err(rp, 401, "invalid_key", "the API key is unknown or revoked");
    return -1;
  }
  rq->user_owned = name;
  rq->user = name;
  /* /admin/ is POST only, so every call to it reaches this point */
  if (!strncmp(rq->path, "/admin/", 7) && !idt__srv_is_admin(s, rq->user)) {
    idt__err(rp, 403, "forbidden", "the key '%s' may not call /admin/ (serve --admin NAME)",
             rq->user);
    return -1;
  }
  return 0;
}

/* ---- /match ---- */

int idt__review_hit(request *rq, const match_query *mq, const snap_ent *e, json_t **decision)
{
  idt_audit *a = idt__srv_audit(rq->srv);
  *decision = NULL;
  /* Most hits were never decided: one indexed lookup answers both
   * questions; the suppression rule (audit module) runs only when there is
   * a decision to apply it to. */
  if (idt_decision_find(a, mq->fingerprint, e->id, decision) < 0 || !*decision) {
    *decision = NULL;
    return 0;
  }
  if (idt_decision_suppresses(a, mq->fingerprint, e->id, e->hash, 0) > 0) {
    json_decref(*decision);
    *decision = NULL;
    return 1;
  }
  return 0;
}

/* Version of a dataset as "dataset:version" for the alert record. */
static void list_version(json_t *versions, const char *ds, char *out, size_t cap)
{
  const char *v = json_string_value(json_object_get(versions, ds));
  snprintf(out, cap, "%s:%s", ds, v ? v : "?");
}

int idt__review_match(request *rq, const snap *sn, const char *dataset, const match_req *mr,
                      const match_resp *resp, match_hit *hits, double threshold)
{
  idt_alert_in *in;
  match_hit **alerted;
  json_t *req, *qs = json_object(), *versions = idt__snap_versions(sn);
  char (*lv)[96];
  int64_t *ids;
  size_t n = 0, cap = 0, i, k;
  int rc = IDT_ENOMEM;
  for (i = 0; i < mr->n; i++)
    cap += resp[i].n;
  in = idt_calloc(cap + 1, sizeof *in);
  alerted = idt_calloc(cap + 1, sizeof *alerted);
  lv = idt_calloc(cap + 1, sizeof *lv);
  ids = idt_calloc(cap + 1, sizeof *ids);
  if (!in || !alerted || !lv || !ids || !qs)
    goto out;
  for (i = 0; i < mr->n; i++) {
    json_object_set(qs, mr->q[i].key, mr->q[i].example);
    for (k = resp[i].first; k < resp[i].first + resp[i].n; k++) {
      match_hit *h = &hits[k];
      if (!h->match || n == cap)
        continue;
      list_version(versions, h->e->dataset, lv[n], sizeof lv[n]);
      in[n].query_key = mr->q[i].key;
      in[n].query = mr->q[i].example;
      in[n].entity_id = h->e->id;
      in[n].entity_hash = h->e->hash;
      in[n].caption = h->e->caption;
      in[n].dataset = h->e->dataset;
      in[n].score = h->h->score;
      in[n].explanation = h->h->explanation ? h->h->explanation : "";
      in[n].list_version = lv[n];
      alerted[n++] = h;
    }
  }
  req = json_pack("{s:s,s:f,s:O,s:O}", "dataset", dataset, "threshold", threshold, "queries",
                  qs, "versions", versions ? versions : json_null());
  rc = req ? idt_audit_match(idt__srv_audit(rq->srv), rq->user, req, in, n, ids, NULL)
           : IDT_ENOMEM;
  json_decref(req);
  for (i = 0; rc == 0 && i < n; i++)
    alerted[i]->alert_id = ids[i];
out:
  json_decref(qs);
  json_decref(versions);
  idt_free(in);
  idt_free(alerted);
  idt_free(lv);
  idt_free(ids);
  return rc;
}

/* ---- /alerts, /decisions, /audit/verify ---- */

int idt__h_alerts(request *rq, reply *rp, const char *tail)
{
  idt_alert_status st = IDT_ALERT_OPEN;
  const char *s = idt__arg(rq, "status");
  long limit, offset;
  json_t *arr = NULL;
  size_t total = 0;
  (void)tail;
  if (s && *s && idt_alert_status_parse(s, &st) < 0)
    return idt__err(rp, 400, "bad_parameter", "status must be open, decided or all");
  if (idt__arg_long(rq, rp, "limit", 50, 1, 1000, &limit) ||
      idt__arg_long(rq, rp, "offset", 0, 0, 1000000, &offset))
    return 0;
  if (idt_alert_list(idt__srv_audit(rq->srv), st, (size_t)limit, (size_t)offset, &arr,
                     &total) < 0)
    return idt__err_last(rp, "alerts");
  return idt__ok(rp, json_pack("{s:o,s:I,s:I,s:I}", "alerts", arr, "total", (json_int_t)total,
                               "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

static int decide(request *rq, reply *rp)
{
  idt_decision_in in;
  json_error_t je;
  json_t *b = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je), *out = NULL, *v;
  snap *sn = NULL;
  int rc;
  memset(&in, 0, sizeof in);
  if (!b)
    return idt__err(rp, 400, "invalid_json", "invalid JSON at line %d, column %d: %s", je.line,
                    je.column, je.text);
  if (!json_is_object(b)) {
    json_decref(b);
    return idt__err(rp, 422, "invalid_request", "the body must be a JSON object");
  }
  v = json_object_get(b, "alert_id");
  if (v && !json_is_integer(v)) {
    json_decref(b);
    return idt__err(rp, 422, "invalid_request", "alert_id must be an integer");
  }
  in.alert_id = v ? json_integer_value(v) : 0;
  in.query_fingerprint = json_string_value(json_object_get(b, "query_fingerprint"));
  in.entity_id = json_string_value(json_object_get(b, "entity_id"));
  in.decision = json_string_value(json_object_get(b, "decision"));
  in.note = json_string_value(json_object_get(b, "note"));
  in.expires = json_string_value(json_object_get(b, "expires"));
  in.user = rq->user;
  if (!in.decision || (in.alert_id <= 0 && (!in.query_fingerprint || !in.entity_id))) {
    json_decref(b);
    return idt__err(rp, 422, "invalid_request", "give \"decision\" (true_match or "
                    "false_positive) and \"alert_id\", or \"query_fingerprint\" and \"entity_id\"");
  }
  if (in.alert_id <= 0 && (sn = idt__srv_snap(rq->srv))) {
    const snap_ent *e = idt__snap_get(sn, in.entity_id);
    if (e)
      in.entity_hash = e->hash;   /* the entry as it is now */
  }
  rc = idt_decision_put(idt__srv_audit(rq->srv), &in, &out);
  idt__snap_release(sn);
  json_decref(b);
  if (rc == IDT_EINVAL)
    return idt__err(rp, 422, "invalid_request", "%s", idt_error_msg());
  if (rc < 0)
    return idt__err_last(rp, "decision");
  idt__ok(rp, out);
  rp->status = 201;
  return 0;
}

int idt__h_decisions(request *rq, reply *rp, const char *tail)
{
  long limit, offset;
  json_t *arr = NULL;
  const char *ent = idt__arg(rq, "entity_id");
  (void)tail;
  if (rq->write)
    return decide(rq, rp);
  if (idt__arg_long(rq, rp, "limit", 50, 1, 1000, &limit) ||
      idt__arg_long(rq, rp, "offset", 0, 0, 1000000, &offset))
    return 0;
  if (idt_decision_list(idt__srv_audit(rq->srv), ent && *ent ? ent : NULL, (size_t)limit,
                        (size_t)offset, &arr) < 0)
    return idt__err_last(rp, "decisions");
  return idt__ok(rp, json_pack("{s:o}", "decisions", arr));
}

int idt__h_audit_verify(request *rq, reply *rp, const char *tail)
{
  idt_audit_verify_result res;
  long seq;
  const char *hash = idt__arg(rq, "hash");
  (void)tail;
  if (idt__arg_long(rq, rp, "seq", 0, 0, 1L << 62, &seq))
    return 0;
  if (seq && (!hash || strlen(hash) != IDT_AUDIT_HASH_HEX))
    return idt__err(rp, 400, "bad_parameter", "an anchor needs seq and a 64-digit hash");
  if (idt_audit_verify(idt__srv_audit(rq->srv), seq, seq ? hash : NULL, &res) < 0)
    return idt__err_last(rp, "audit verify");
  return idt__ok(rp, idt_audit_verify_json(&res));
}
