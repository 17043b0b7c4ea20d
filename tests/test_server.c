/*
 * test_server.c - the HTTP API on the bundled lists (OFAC SDN 2024-05 and
 * the UN consolidated list, imported into a fresh store), an in-process
 * server on a loopback port driven with libcurl: golden answers of /match
 * in yente's response shape, /search, /entities (+ network), /lists,
 * /readyz, /openapi.json, the UI's redirect and security headers, and every
 * kind of malformed request answered with a JSON error (400, 404, 405,
 * 413, 422) while the server stays up.
 */
#include "test_server_util.h"

static idt_server *srv;
static uint16_t port;

static const char kim[] =
  "{\"queries\":{\"q1\":{\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim Jong Un\"],"
  "\"birthDate\":\"1984-01-08\"}},\"v\":{\"schema\":\"Vessel\",\"properties\":{\"imoNumber\":"
  "[\"IMO 8122347\"]}},\"o\":{\"schema\":\"Organization\",\"properties\":{\"name\":[\"Korea "
  "Mining Development Trading Corp\"],\"alias\":[\"KOMID\"]}},\"none\":{\"schema\":\"Person\","
  "\"properties\":{\"name\":[\"Zzyzx Qwertyuiop\"]}}}}";

static json_t *resp_of(const ts_resp *r, const char *key)
{
  return json_object_get(json_object_get(r->json, "responses"), key);
}

static json_t *first_hit(const ts_resp *r, const char *key)
{
  return json_array_get(json_object_get(resp_of(r, key), "results"), 0);
}

TEST(health_and_ready)
{
  ts_resp r;
  CHECK_OK(ts_req(&r, port, "GET", "/healthz", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK_STR(json_string_value(json_object_get(r.json, "status")), "ok");
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/readyz", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK_STR(json_string_value(json_object_get(r.json, "status")), "ready");
  CHECK(json_is_string(json_object_get(json_object_get(r.json, "datasets"), "us_ofac_sdn")));
  CHECK(json_is_string(json_object_get(json_object_get(r.json, "datasets"), "un_sc_sanctions")));
  CHECK(json_integer_value(json_object_get(r.json, "entities")) > 50000);
  ts_free(&r);
}

/* yente's EntityMatchResponse / EntityMatches / ScoredEntityResponse. */
TEST(match_yente_shape)
{
  static const char *const keys[] = { "id", "caption", "schema", "properties", "datasets",
    "referents", "target", "first_seen", "last_seen", "last_change", "score", "match",
    "features", "evidence", "explanation", "exposure", "decision" };
  ts_resp r;
  json_t *q1, *h;
  size_t i;
  CHECK_OK(ts_req(&r, port, "POST", "/match/default", kim, NULL));
  CHECK_INT(r.status, 200);
  CHECK(json_is_object(json_object_get(r.json, "matcher")));
  CHECK(json_is_object(json_object_get(json_object_get(r.json, "matcher"), "name")));
  CHECK_INT(json_integer_value(json_object_get(r.json, "limit")), 5);
  q1 = resp_of(&r, "q1");
  CHECK_INT(json_integer_value(json_object_get(q1, "status")), 200);
  CHECK(json_is_array(json_object_get(q1, "results")));
  CHECK_STR(json_string_value(json_object_get(json_object_get(q1, "total"), "relation")), "eq");
  CHECK_INT(json_integer_value(json_object_get(json_object_get(q1, "total"), "value")),
            json_array_size(json_object_get(q1, "results")));
  CHECK_STR(json_string_value(json_object_get(json_object_get(q1, "query"), "schema")), "Person");
  /* the string value was normalised to an array, as yente does */
  CHECK(json_is_array(json_object_get(json_object_get(json_object_get(q1, "query"),
                                                      "properties"), "birthDate")));
  h = first_hit(&r, "q1");
  for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
    if (!json_object_get(h, keys[i]))
      tap_failf(__FILE__, __LINE__, "result lacks \"%s\"", keys[i]);
  CHECK_STR(json_string_value(json_object_get(h, "id")), "ofac-20157");
  CHECK_STR(json_string_value(json_object_get(h, "caption")), "KIM Jong Un");
  CHECK_STR(json_string_value(json_array_get(json_object_get(h, "datasets"), 0)), "us_ofac_sdn");
  CHECK(json_is_true(json_object_get(h, "match")));
  CHECK(json_is_true(json_object_get(h, "target")));
  CHECK(json_number_value(json_object_get(h, "score")) > 0.989);
  CHECK(json_number_value(json_object_get(h, "score")) < 0.991);
  CHECK(json_number_value(json_object_get(json_object_get(h, "features"), "name")) > 0.94);
  CHECK(json_number_value(json_object_get(json_object_get(h, "features"), "birthDate")) > 0.03);
  CHECK(strstr(json_string_value(json_object_get(h, "explanation")), "birth date") != NULL);
  CHECK(json_is_integer(json_object_get(h, "alert_id")));
  /* golden hits from the CLI tests on the same data */
  CHECK_STR(json_string_value(json_object_get(first_hit(&r, "v"), "id")), "ofac-23727");
  /* KOMID is on both lists: the UN entry and the OFAC one lead */
  {
    json_t *res = json_object_get(resp_of(&r, "o"), "results");
    const char *a = json_string_value(json_object_get(json_array_get(res, 0), "id"));
    const char *b = json_string_value(json_object_get(json_array_get(res, 1), "id"));
    CHECK(a && b);
    if (a && b) {
      CHECK((!strcmp(a, "un-KPe.001") && !strcmp(b, "ofac-9345")) ||
            (!strcmp(b, "un-KPe.001") && !strcmp(a, "ofac-9345")));
    }
  }
  /* nothing at all like it: results below yente's cutoff 0 still come,
   * none of them a match */
  h = first_hit(&r, "none");
  CHECK(!h || json_is_false(json_object_get(h, "match")));
  ts_free(&r);
}

TEST(match_params_and_datasets)
{
  ts_resp r;
  json_t *res, *h;
  size_t i;
  CHECK_OK(ts_req(&r, port, "POST", "/match/un_sc_sanctions?limit=3&threshold=0.5", kim, NULL));
  CHECK_INT(r.status, 200);
  CHECK_INT(json_integer_value(json_object_get(r.json, "limit")), 3);
  res = json_object_get(resp_of(&r, "q1"), "results");
  CHECK(json_array_size(res) <= 3);
  json_array_foreach(res, i, h)
    CHECK_STR(json_string_value(json_array_get(json_object_get(h, "datasets"), 0)),
              "un_sc_sanctions");
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default?cutoff=0.9", kim, NULL));
  res = json_object_get(resp_of(&r, "q1"), "results");
  json_array_foreach(res, i, h)
    CHECK(json_number_value(json_object_get(h, "score")) >= 0.9);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default?algorithm=ofac", kim, NULL));
  CHECK_INT(r.status, 200);
  CHECK_STR(json_string_value(json_object_get(first_hit(&r, "q1"), "id")), "ofac-20157");
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/match/no_such_list", kim, NULL));
  CHECK_INT(r.status, 404);
  CHECK_STR(ts_err_code(&r), "unknown_dataset");
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default?algorithm=magic", kim, NULL));
  CHECK_INT(r.status, 400);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default?threshold=2", kim, NULL));
  CHECK_INT(r.status, 400);
  CHECK_STR(ts_err_code(&r), "bad_parameter");
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default?limit=abc", kim, NULL));
  CHECK_INT(r.status, 400);
  ts_free(&r);
}

TEST(match_bad_bodies)
{
  static const struct { const char *body; long status; const char *code; } cases[] = {
    { "{\"queries\": {\"q\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"x\"]}}",
      400, "invalid_json" },                                    /* truncated */
    { "not json at all", 400, "invalid_json" },
    { "", 400, "invalid_json" },
    { "[1,2,3]", 422, "invalid_request" },
    { "{\"queries\": []}", 422, "invalid_request" },
    { "{\"queries\": {}}", 422, "invalid_request" },
    { "{\"queries\": {\"q\": 5}}", 422, "invalid_request" },
    { "{\"queries\": {\"q\": {\"schema\": \"Starship\", \"properties\": {}}}}", 422,
      "invalid_request" },
    { "{\"queries\": {\"q\": {\"schema\": \"Ownership\", \"properties\": {}}}}", 422,
      "invalid_request" },
    { "{\"queries\": {\"q\": {\"schema\": \"Person\", \"properties\": {\"name\": 7}}}}", 422,
      "invalid_request" },
    { "{\"queries\": {\"q\": {\"schema\": \"Person\", \"properties\": {\"name\": [[\"a\"]]}}}}",
      422, "invalid_request" },
    { "{\"queries\": {\"q\": {\"schema\": \"Person\"}}}", 422, "invalid_request" },
    { "{\"queries\": {\"q\": {\"schema\": \"Person\", \"properties\": {}}, \"q\": {}}}", 400,
      "invalid_json" },                                         /* duplicate key */
    { "{\"queries\": {\"q\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"\\u0000\"]}}}}",
      400, "invalid_json" },                                    /* NUL in a string */
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    ts_resp r;
    if (ts_req(&r, port, "POST", "/match/default", cases[i].body, NULL) < 0) {
      tap_failf(__FILE__, __LINE__, "case %zu: no answer", i);
      continue;
    }
    if (r.status != cases[i].status || !ts_err_code(&r) || strcmp(ts_err_code(&r), cases[i].code))
      tap_failf(__FILE__, __LINE__, "case %zu: %ld %s, expected %ld %s", i, r.status,
                r.body ? r.body : "", cases[i].status, cases[i].code);
    ts_free(&r);
  }
  /* invalid UTF-8 is refused by the JSON parser */
  {
    ts_resp r;
    const char bad[] = "{\"queries\": {\"q\": {\"schema\": \"Person\", \"properties\": "
                       "{\"name\": [\"\xff\xfe\"]}}}}";
    CHECK_OK(ts_req(&r, port, "POST", "/match/default", bad, NULL));
    CHECK_INT(r.status, 400);
    ts_free(&r);
  }
  /* a query with no name and no identifier: its own status 400 */
  {
    ts_resp r;
    CHECK_OK(ts_req(&r, port, "POST", "/match/default",
                    "{\"queries\":{\"a\":{\"schema\":\"Person\",\"properties\":{\"birthDate\":"
                    "[\"1980\"]}},\"b\":{\"schema\":\"Person\",\"properties\":{\"name\":"
                    "[\"Kim Jong Un\"]}}}}", NULL));
    CHECK_INT(r.status, 200);
    CHECK_INT(json_integer_value(json_object_get(resp_of(&r, "a"), "status")), 400);
    CHECK_INT(json_integer_value(json_object_get(resp_of(&r, "b"), "status")), 200);
    ts_free(&r);
  }
}

TEST(limits)
{
  ts_resp r;
  char *big;
  size_t n = 300000, i;
  /* over max_body (256 KiB in this test): 413 JSON, server still up */
  big = malloc(n + 64);
  if (!big)
    return;
  {
    static const char head[] = "{\"queries\":{\"q\":{\"schema\":\"Person\",\"properties\":"
                               "{\"name\":[\"";
    memcpy(big, head, sizeof head - 1);
    i = sizeof head - 1;
  }
  for (; i < n; i++)
    big[i] = 'a';
  memcpy(big + n, "\"]}}}}", 7);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default", big, NULL));
  CHECK_INT(r.status, 413);
  CHECK_STR(ts_err_code(&r), "too_large");
  ts_free(&r);
  free(big);
  /* more queries than max_queries */
  {
    char body[16384];
    size_t len = 0;
    len += (size_t)snprintf(body + len, sizeof body - len, "{\"queries\":{");
    for (i = 0; i < 120; i++)
      len += (size_t)snprintf(body + len, sizeof body - len,
                              "%s\"q%zu\":{\"schema\":\"Person\",\"properties\":{\"name\":[\"x\"]}}",
                              i ? "," : "", i);
    snprintf(body + len, sizeof body - len, "}}");
    CHECK_OK(ts_req(&r, port, "POST", "/match/default", body, NULL));
    CHECK_INT(r.status, 413);
    CHECK_STR(ts_err_code(&r), "too_many_queries");
    ts_free(&r);
  }
  /* a value over 1 KiB */
  {
    char body[4096];
    memset(body, 0, sizeof body);
    snprintf(body, sizeof body, "{\"queries\":{\"q\":{\"schema\":\"Person\",\"properties\":"
             "{\"name\":[\"%01100d\"]}}}}", 0);
    CHECK_OK(ts_req(&r, port, "POST", "/match/default", body, NULL));
    CHECK_INT(r.status, 422);
    ts_free(&r);
  }
}

TEST(raw_malformed)
{
  char out[8192];
  long n;
  ts_resp r;
  /* declared length over the limit: 413 before the body is read */
  static const char big[] = "POST /match/default HTTP/1.1\r\nHost: x\r\nContent-Length: "
                            "99999999\r\nContent-Type: application/json\r\n\r\n{";
  /* truncated body: fewer bytes than declared, then the client goes away */
  static const char trunc[] = "POST /match/default HTTP/1.1\r\nHost: x\r\nContent-Length: "
                              "200\r\n\r\n{\"queries\":";
  /* not HTTP */
  static const char junk[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n";
  /* a header far over max_header */
  char hbig[40000];
  /* must be answered: up to 30 s of silence (stretched by tt_slow()); the
   * answer ends with a close, so only a hung server waits it out. The cases
   * after it pass without an answer too (libmicrohttpd sometimes misses the
   * FIN after a partial body and holds the connection until conn_timeout),
   * so they keep a short wait. */
  n = ts_raw(port, big, sizeof big - 1, out, sizeof out, 30000);
  CHECK(n > 0 && strstr(out, " 413 ") && strstr(out, "\"too_large\""));
  n = ts_raw(port, trunc, sizeof trunc - 1, out, sizeof out, 3000);
  CHECK(n >= 0 && (n == 0 || strstr(out, " 4")));
  n = ts_raw(port, junk, sizeof junk - 1, out, sizeof out, 3000);
  CHECK(n >= 0 && (n == 0 || strstr(out, " 4")));
  memcpy(hbig, "GET /healthz HTTP/1.1\r\nX-Big: ", 30);
  memset(hbig + 30, 'a', sizeof hbig - 40);
  memcpy(hbig + sizeof hbig - 10, "\r\n\r\n", 4);
  n = ts_raw(port, hbig, sizeof hbig - 6, out, sizeof out, 3000);
  CHECK(n >= 0 && (n == 0 || strstr(out, " 4")));
  /* still serving */
  CHECK_OK(ts_req(&r, port, "GET", "/healthz", NULL, NULL));
  CHECK_INT(r.status, 200);
  ts_free(&r);
}

TEST(search_entities_lists)
{
  ts_resp r;
  json_t *res, *adj, *a;
  size_t i;
  int has_sanction = 0;
  CHECK_OK(ts_req(&r, port, "GET", "/search/default?q=Kim%20Jong%20Un&limit=3", NULL, NULL));
  CHECK_INT(r.status, 200);
  res = json_object_get(r.json, "results");
  CHECK(json_array_size(res) >= 1 && json_array_size(res) <= 3);
  CHECK_STR(json_string_value(json_object_get(json_array_get(res, 0), "id")), "ofac-20157");
  CHECK(json_is_object(json_object_get(r.json, "total")));
  CHECK_INT(json_integer_value(json_object_get(r.json, "limit")), 3);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/search/default?q=Kim%20Jong%20Un&limit=2&offset=1", NULL,
                  NULL));
  res = json_object_get(r.json, "results");
  CHECK(json_array_size(res) <= 2);
  for (i = 0; i < json_array_size(res); i++) {   /* the first hit is on page one */
    const char *id = json_string_value(json_object_get(json_array_get(res, i), "id"));
    CHECK(id && strcmp(id, "ofac-20157") != 0);
  }
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/search/default", NULL, NULL));
  CHECK_INT(r.status, 400);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/search/default?q=x&schema=Starship", NULL, NULL));
  CHECK_INT(r.status, 400);
  ts_free(&r);

  CHECK_OK(ts_req(&r, port, "GET", "/entities/ofac-20157", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK_STR(json_string_value(json_object_get(r.json, "caption")), "KIM Jong Un");
  CHECK_STR(json_string_value(json_object_get(r.json, "schema")), "Person");
  CHECK(json_is_null(json_object_get(r.json, "exposure")));
  adj = json_object_get(r.json, "adjacent");
  json_array_foreach(adj, i, a)
    has_sanction |= !strcmp(json_string_value(json_object_get(a, "schema")), "Sanction");
  CHECK(has_sanction);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/entities/ofac-20157/network?hops=2", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK(json_array_size(json_object_get(r.json, "nodes")) >= 2);
  CHECK(json_array_size(json_object_get(r.json, "edges")) >= 1);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/entities/ofac-20157/network?hops=9", NULL, NULL));
  CHECK_INT(r.status, 400);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/entities/no-such-entity", NULL, NULL));
  CHECK_INT(r.status, 404);
  CHECK_STR(ts_err_code(&r), "not_found");
  ts_free(&r);

  CHECK_OK(ts_req(&r, port, "GET", "/lists", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK_INT(json_array_size(json_object_get(r.json, "datasets")), 2);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/lists/us_ofac_sdn/diff", NULL, NULL));
  CHECK_INT(r.status, 404);            /* one version only: nothing to diff */
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/ais/events", NULL, NULL));
  CHECK_INT(r.status, 404);            /* started without --ais */
  CHECK_STR(ts_err_code(&r), "no_ais");
  ts_free(&r);
}

TEST(routing_openapi_ui_headers)
{
  ts_resp r;
  json_t *paths;
  CHECK_OK(ts_req(&r, port, "GET", "/nope", NULL, NULL));
  CHECK_INT(r.status, 404);
  CHECK_STR(ts_err_code(&r), "not_found");
  CHECK(strstr(r.headers, "Content-Security-Policy: default-src 'self'") != NULL);
  CHECK(strstr(r.headers, "X-Content-Type-Options: nosniff") != NULL);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "DELETE", "/healthz", NULL, NULL));
  CHECK_INT(r.status, 405);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/match/default", NULL, NULL));
  CHECK_INT(r.status, 405);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/openapi.json", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK_STR(json_string_value(json_object_get(r.json, "openapi")), "3.0.3");
  paths = json_object_get(r.json, "paths");
  CHECK(json_object_get(json_object_get(paths, "/match/{dataset}"), "post") != NULL);
  CHECK(json_object_get(json_object_get(paths, "/entities/{id}"), "get") != NULL);
  CHECK(json_object_get(json_object_get(json_object_get(r.json, "components"), "schemas"),
                        "EntityMatchResponse") != NULL);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/", NULL, NULL));
  CHECK_INT(r.status, 302);
  CHECK(strstr(r.headers, "Location: /ui/") != NULL);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/ui/", NULL, NULL));
  CHECK(r.status == 200 || r.status == 404);
  if (r.status == 200) {
    CHECK(strstr(r.headers, "text/html") != NULL);
    CHECK(strstr(r.headers, "Content-Security-Policy: default-src 'self'") != NULL);
  }
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/ui/../../etc/passwd", NULL, NULL));
  CHECK(r.status == 400 || r.status == 404);
  ts_free(&r);
}

int main(void)
{
  idt_server_opts o = IDT_SERVER_OPTS_INIT;
  int rc;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (ts_build_store() != 0) {
    tap_skip("all", "could not build the store");
    return tap_done();
  }
  o.no_auth = 1;
  o.max_body = 256 * 1024;
  o.reload_check_s = 0;
  o.threads = 2;
  if ((rc = ts_start(&srv, &o)) < 0) {
    printf("# server: %s\n", idt_error_msg());
    tap_skip("all", "server did not start");
    return tap_done() + 1;
  }
  port = idt_server_port(srv);
  RUN(health_and_ready);
  RUN(match_yente_shape);
  RUN(match_params_and_datasets);
  RUN(match_bad_bodies);
  RUN(limits);
  RUN(raw_malformed);
  RUN(search_entities_lists);
  RUN(routing_openapi_ui_headers);
  idt_server_stop(srv);
  curl_global_cleanup();
  return tap_done();
}
