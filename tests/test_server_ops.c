/*
 * test_server_ops.c - the server's operations on the bundled lists:
 * API keys (401 without or with a wrong key, 403 for a key not allowed on
 * /admin/, reads open on loopback), alerts, decisions and false-positive
 * suppression with the audit chain verified; a reload under load (client
 * threads keep matching while the snapshot is swapped: no request fails);
 * a list imported while serving is picked up by the periodic check; /ais
 * on a simulated scenario given with --ais; a stop
 * while a request is in flight still answers it.
 */
#include <pthread.h>
#include <stdatomic.h>
#include "test_server_util.h"
#include "interdict/audit.h"

static const char kim[] =
  "{\"queries\":{\"q1\":{\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim Jong Un\"],"
  "\"birthDate\":[\"1984-01-08\"]}}}}";

/* the same person without the birth date: a different query fingerprint,
 * so the false-positive decision of decisions_suppress_audit does not hide
 * the hit from the later tests */
static const char kim2[] =
  "{\"queries\":{\"q1\":{\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim Jong Un\"]}}}}";

static json_t *hits(const ts_resp *r)
{
  return json_object_get(json_object_get(json_object_get(r->json, "responses"), "q1"), "results");
}

static int has_hit(const ts_resp *r, const char *id)
{
  json_t *h;
  size_t i;
  json_array_foreach(hits(r), i, h)
    if (!strcmp(json_string_value(json_object_get(h, "id")), id))
      return 1;
  return 0;
}

TEST(auth_keys)
{
  idt_server_opts o = IDT_SERVER_OPTS_INIT;
  const char *admins[] = { "boss" };
  idt_server *s = NULL;
  idt_audit *a = NULL;
  char *k_user = NULL, *k_boss = NULL, hdr[256];
  ts_resp r;
  uint16_t port;
  double t0;
  CHECK_OK(idt_audit_open(&a, ts_db));
  CHECK_OK(idt_apikey_add(a, "analyst", &k_user));
  CHECK_OK(idt_apikey_add(a, "boss", &k_boss));
  idt_audit_close(a);
  if (!k_user || !k_boss)
    return;
  o.admins = admins;
  o.nadmins = 1;
  o.reload_check_s = 0;
  CHECK_OK(ts_start(&s, &o));
  if (!s)
    return;
  port = idt_server_port(s);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default", kim, NULL));
  CHECK_INT(r.status, 401);
  CHECK_STR(ts_err_code(&r), "unauthorized");
  CHECK(strstr(r.headers, "WWW-Authenticate: Bearer") != NULL);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default", kim, "Authorization: Bearer idt_wrong"));
  CHECK_INT(r.status, 401);
  CHECK_STR(ts_err_code(&r), "invalid_key");
  ts_free(&r);
  snprintf(hdr, sizeof hdr, "Authorization: Bearer %s", k_user);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default", kim, hdr));
  CHECK_INT(r.status, 200);
  CHECK(has_hit(&r, "ofac-20157"));
  ts_free(&r);
  snprintf(hdr, sizeof hdr, "X-API-Key: %s", k_user);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default", kim, hdr));
  CHECK_INT(r.status, 200);
  ts_free(&r);
  /* reads are open on loopback */
  CHECK_OK(ts_req(&r, port, "GET", "/entities/ofac-20157", NULL, NULL));
  CHECK_INT(r.status, 200);
  ts_free(&r);
  /* /admin/ needs a key named by --admin */
  CHECK_OK(ts_req(&r, port, "POST", "/admin/reload", "", hdr));
  CHECK_INT(r.status, 403);
  CHECK_STR(ts_err_code(&r), "forbidden");
  ts_free(&r);
  snprintf(hdr, sizeof hdr, "Authorization: Bearer %s", k_boss);
  t0 = tt_now();                  /* a whole rebuild inside the request */
  CHECK_OK(ts_req(&r, port, "POST", "/admin/reload", "", hdr));
  tap_diag("POST /admin/reload answered in %.2f s", tt_now() - t0);
  CHECK_INT(r.status, 200);
  CHECK(json_is_false(json_object_get(r.json, "changed")));
  ts_free(&r);
  idt_server_stop(s);
  /* --no-auth beyond loopback is refused */
  o.no_auth = 1;
  o.bind = "0.0.0.0:0";
  s = NULL;
  o.db_path = ts_db;
  CHECK(idt_server_start(&s, &o) == IDT_EINVAL);
  idt_server_stop(s);
  idt_free(k_user);
  idt_free(k_boss);
}

TEST(decisions_suppress_audit)
{
  idt_server_opts o = IDT_SERVER_OPTS_INIT;
  idt_server *s = NULL;
  ts_resp r;
  uint16_t port;
  long long alert = 0;
  char body[512];
  json_t *h;
  size_t i;
  o.no_auth = 1;
  o.reload_check_s = 0;
  CHECK_OK(ts_start(&s, &o));
  if (!s)
    return;
  port = idt_server_port(s);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default", kim, NULL));
  json_array_foreach(hits(&r), i, h)
    if (!strcmp(json_string_value(json_object_get(h, "id")), "ofac-20157"))
      alert = json_integer_value(json_object_get(h, "alert_id"));
  ts_free(&r);
  CHECK(alert > 0);
  CHECK_OK(ts_req(&r, port, "GET", "/alerts?status=open", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK(json_array_size(json_object_get(r.json, "alerts")) >= 1);
  ts_free(&r);
  /* decide it a false positive: the same query no longer shows the hit */
  snprintf(body, sizeof body, "{\"alert_id\":%lld,\"decision\":\"false_positive\","
           "\"note\":\"different person <b>x</b>\"}", alert);
  CHECK_OK(ts_req(&r, port, "POST", "/decisions", body, NULL));
  CHECK_INT(r.status, 201);
  CHECK_STR(json_string_value(json_object_get(r.json, "decision")), "false_positive");
  CHECK_STR(json_string_value(json_object_get(r.json, "user")), "anonymous");
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/match/default", kim, NULL));
  CHECK_INT(r.status, 200);
  CHECK(!has_hit(&r, "ofac-20157"));
  ts_free(&r);
  /* the same properties in another order: same fingerprint, still hidden */
  CHECK_OK(ts_req(&r, port, "POST", "/match/default",
                  "{\"queries\":{\"q1\":{\"schema\":\"Person\",\"properties\":{\"birthDate\":"
                  "\"1984-01-08\",\"name\":\"Kim Jong Un\"}}}}", NULL));
  CHECK(!has_hit(&r, "ofac-20157"));
  ts_free(&r);
  /* another query still sees it */
  CHECK_OK(ts_req(&r, port, "POST", "/match/default",
                  "{\"queries\":{\"q1\":{\"schema\":\"Person\",\"properties\":{\"name\":"
                  "[\"Kim Jong Un\"]}}}}", NULL));
  CHECK(has_hit(&r, "ofac-20157"));
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "GET", "/decisions?entity_id=ofac-20157", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK_INT(json_array_size(json_object_get(r.json, "decisions")), 1);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/decisions", "{\"alert_id\":1,\"decision\":\"maybe\"}",
                  NULL));
  CHECK_INT(r.status, 422);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/decisions", "{\"decision\":", NULL));
  CHECK_INT(r.status, 400);
  ts_free(&r);
  CHECK_OK(ts_req(&r, port, "POST", "/decisions", "{\"alert_id\":999999,\"decision\":"
                  "\"true_match\"}", NULL));
  CHECK_INT(r.status, 404);
  ts_free(&r);
  /* the log: every match and the decision, chain intact */
  CHECK_OK(ts_req(&r, port, "GET", "/audit/verify", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK(json_is_true(json_object_get(r.json, "ok")));
  CHECK(json_integer_value(json_object_get(r.json, "records")) >= 5);
  ts_free(&r);
  idt_server_stop(s);
}

/* ---- reload under load ---- */

typedef struct load {
  uint16_t port;
  atomic_int stop;
  atomic_long ok, failed;
} load;

static void *client(void *p)
{
  load *l = p;
  while (!atomic_load(&l->stop)) {
    ts_resp r;
    if (ts_req(&r, l->port, "POST", "/match/default", kim2, NULL) == 0 && r.status == 200 &&
        has_hit(&r, "ofac-20157"))
      atomic_fetch_add(&l->ok, 1);
    else
      atomic_fetch_add(&l->failed, 1);
    ts_free(&r);
    /* requests overlap the swaps all the same; spinning flat out only took
     * the CPU from the rebuilds (half the test's time under ASan) */
    tt_sleep_ms(10);
  }
  return NULL;
}

/* Until the clients have n answers in all, or the deadline. */
static long wait_answers(load *l, long n)
{
  double until = tt_deadline(120);
  while (atomic_load(&l->ok) + atomic_load(&l->failed) < n && tt_now() < until)
    tt_sleep_ms(10);
  return atomic_load(&l->ok) + atomic_load(&l->failed);
}

TEST(reload_under_load)
{
  idt_server_opts o = IDT_SERVER_OPTS_INIT;
  idt_server *s = NULL;
  idt_server_stats st;
  pthread_t t[3];
  load l;
  int i, changed = 1;
  long before, after;
  double until;
  o.no_auth = 1;
  o.reload_check_s = 0;
  o.threads = 2;
  CHECK_OK(ts_start(&s, &o));
  if (!s)
    return;
  memset(&l, 0, sizeof l);
  l.port = idt_server_port(s);
  for (i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, client, &l);
  /* the clients are being answered before the first swap ... */
  before = wait_answers(&l, 3);
  for (i = 0; i < 3; i++) {
    CHECK_OK(idt_server_reload(s, &changed));
    CHECK_INT(changed, 0);
  }
  /* ... and after the last, from the new snapshot */
  after = wait_answers(&l, atomic_load(&l.ok) + atomic_load(&l.failed) + 10);
  atomic_store(&l.stop, 1);
  for (i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  tap_diag("reload under load: %ld requests answered, %ld failed, 3 reloads (%ld answers before "
           "them, %ld when the wait after them ended)", atomic_load(&l.ok),
           atomic_load(&l.failed), before, after);
  CHECK(before >= 3);
  CHECK(atomic_load(&l.ok) > 10);
  CHECK_INT(atomic_load(&l.failed), 0);
  /* A client has its whole answer before libmicrohttpd runs the
   * completion callback that ends the request: wait for that. */
  until = tt_deadline(60);
  do {
    idt_server_stats_get(s, &st);
    if (st.in_flight == 0 && st.snapshots_live == 1)
      break;
    tt_sleep_ms(10);
  } while (tt_now() < until);
  CHECK_INT(st.reloads, 4);                 /* start + 3 */
  CHECK_INT(st.snapshots_live, 1);          /* the old ones were freed */
  CHECK_INT(st.in_flight, 0);
  idt_server_stop(s);
}

TEST(periodic_check_picks_up_import)
{
  idt_server_opts o = IDT_SERVER_OPTS_INIT;
  idt_server *s = NULL;
  ts_resp r;
  char cmd[4096];
  int seen = 0;
  double until;
  o.no_auth = 1;
  o.reload_check_s = 1;
  CHECK_OK(ts_start(&s, &o));
  if (!s)
    return;
  snprintf(cmd, sizeof cmd, "'%s' --db '%s' import ofac-csv '%s' --dataset us_ofac_cons "
           ">/dev/null 2>&1", tap_cli(), ts_db, tap_data("data/lists/ofac_cons"));
  CHECK_INT(system(cmd), 0);
  /* the next check (1 s) sees the new version and rebuilds: poll until the
   * rebuilt snapshot is the one served */
  until = tt_deadline(180);
  while (!seen && tt_now() < until) {
    tt_sleep_ms(100);
    if (ts_req(&r, idt_server_port(s), "GET", "/readyz", NULL, NULL) == 0)
      seen = json_object_get(json_object_get(r.json, "datasets"), "us_ofac_cons") != NULL;
    ts_free(&r);
  }
  CHECK(seen);
  CHECK_OK(ts_req(&r, idt_server_port(s), "POST", "/match/us_ofac_cons",
                  "{\"queries\":{\"q1\":{\"schema\":\"LegalEntity\",\"properties\":{\"name\":"
                  "[\"x\"]}}}}", NULL));
  CHECK_INT(r.status, 200);
  ts_free(&r);
  idt_server_stop(s);
}

/* ---- AIS: a simulated DPRK scenario decoded at start-up ---- */

TEST(ais_endpoints)
{
  idt_server_opts o = IDT_SERVER_OPTS_INIT;
  idt_server *s = NULL;
  char nmea[1200], cmd[4096], path[128];
  const char *files[1];
  ts_resp r;
  json_t *e;
  long long mmsi = 0;
  size_t i;
  snprintf(nmea, sizeof nmea, "%s/sim.nmea", ts_dir);
  snprintf(cmd, sizeof cmd, "'%s' ais simulate --seed 7 --vessels 10 --out '%s' "
           ">/dev/null 2>&1", tap_cli(), nmea);
  CHECK_INT(system(cmd), 0);
  files[0] = nmea;
  o.no_auth = 1;
  o.reload_check_s = 0;
  o.ais_files = files;
  o.nais = 1;
  CHECK_OK(ts_start(&s, &o));
  if (!s)
    return;
  CHECK_OK(ts_req(&r, idt_server_port(s), "GET", "/ais/events?limit=5000", NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK(json_array_size(json_object_get(r.json, "events")) > 5);
  json_array_foreach(json_object_get(r.json, "events"), i, e) {
    CHECK(json_is_string(json_object_get(e, "type")));
    if (!mmsi && json_integer_value(json_object_get(e, "mmsi")) > 99999999)
      mmsi = json_integer_value(json_object_get(e, "mmsi"));
  }
  ts_free(&r);
  CHECK(mmsi > 0);
  CHECK_OK(ts_req(&r, idt_server_port(s), "GET", "/ais/events?type=encounter", NULL, NULL));
  CHECK_INT(r.status, 200);
  json_array_foreach(json_object_get(r.json, "events"), i, e)
    CHECK_STR(json_string_value(json_object_get(e, "type")), "encounter");
  ts_free(&r);
  CHECK_OK(ts_req(&r, idt_server_port(s), "GET", "/ais/events?type=teleport", NULL, NULL));
  CHECK_INT(r.status, 400);
  ts_free(&r);
  snprintf(path, sizeof path, "/ais/vessels/%lld", mmsi);
  CHECK_OK(ts_req(&r, idt_server_port(s), "GET", path, NULL, NULL));
  CHECK_INT(r.status, 200);
  CHECK_INT(json_integer_value(json_object_get(r.json, "mmsi")), mmsi);
  CHECK(json_array_size(json_object_get(r.json, "track")) > 10);
  CHECK(json_array_size(json_object_get(r.json, "identity")) >= 1);
  CHECK(json_array_size(json_object_get(r.json, "events")) >= 1);
  if (json_integer_value(json_object_get(r.json, "imo")) > 0) {
    ts_resp r2;
    snprintf(path, sizeof path, "/ais/vessels/IMO%lld",
             (long long)json_integer_value(json_object_get(r.json, "imo")));
    CHECK_OK(ts_req(&r2, idt_server_port(s), "GET", path, NULL, NULL));
    CHECK_INT(r2.status, 200);
    ts_free(&r2);
  }
  ts_free(&r);
  CHECK_OK(ts_req(&r, idt_server_port(s), "GET", "/ais/vessels/123456789", NULL, NULL));
  CHECK_INT(r.status, 404);
  ts_free(&r);
  CHECK_OK(ts_req(&r, idt_server_port(s), "GET", "/ais/vessels/12x", NULL, NULL));
  CHECK_INT(r.status, 400);
  ts_free(&r);
  idt_server_stop(s);
}

/* ---- graceful stop ---- */

typedef struct slow {
  uint16_t port;
  atomic_int stopping;           /* set just before idt_server_stop */
  char out[65536];
  long n;
} slow;

/* Headers and half a body; once the server is being stopped, the rest:
 * the answer must still come. */
static void *slow_client(void *p)
{
  slow *c = p;
  char head[256];
  struct sockaddr_in a;
  int fd = socket(AF_INET, SOCK_STREAM, 0), hl;
  size_t half = sizeof kim2 / 2;
  size_t got = 0;
  double until;
  hl = snprintf(head, sizeof head, "POST /match/default HTTP/1.1\r\nHost: x\r\nContent-Type: "
                "application/json\r\nConnection: close\r\nContent-Length: %zu\r\n\r\n",
                sizeof kim2 - 1);
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(c->port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  c->n = -1;
  if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
    if (fd >= 0)
      close(fd);
    return NULL;
  }
  send(fd, head, (size_t)hl, MSG_NOSIGNAL);
  send(fd, kim2, half, MSG_NOSIGNAL);
  until = tt_deadline(120);
  while (!atomic_load(&c->stopping) && tt_now() < until)
    tt_sleep_ms(5);
  /* idt_server_stop has been called: give it the moment it takes to stop
   * its threads and close the listening socket before the request can end
   * (the order only makes the test sharper; the drain waits either way) */
  tt_sleep_ms(300);
  send(fd, kim2 + half, sizeof kim2 - 1 - half, MSG_NOSIGNAL);
  for (;;) {
    ssize_t n = recv(fd, c->out + got, sizeof c->out - 1 - got, 0);
    if (n <= 0)
      break;
    got += (size_t)n;
  }
  c->out[got] = 0;
  c->n = (long)got;
  close(fd);
  return NULL;
}

TEST(graceful_stop)
{
  idt_server_opts o = IDT_SERVER_OPTS_INIT;
  idt_server *s = NULL;
  idt_server_stats st;
  pthread_t t;
  static slow c;
  double until;
  o.no_auth = 1;
  o.reload_check_s = 0;
  /* the longest the stop may wait for the request and the time the body
   * may take to arrive: both only bound a hang (stop returns as soon as
   * the request is answered) */
  o.drain_ms = (unsigned)(120000 * tt_slow());
  o.request_ms = (unsigned)(120000 * tt_slow());
  CHECK_OK(ts_start(&s, &o));
  if (!s)
    return;
  c.port = idt_server_port(s);
  pthread_create(&t, NULL, slow_client, &c);
  until = tt_deadline(60);        /* wait until the request is in flight */
  do {
    idt_server_stats_get(s, &st);
    if (st.in_flight)
      break;
    tt_sleep_ms(10);
  } while (tt_now() < until);
  CHECK(st.in_flight == 1);
  atomic_store(&c.stopping, 1);
  idt_server_stop(s);             /* returns once it is answered */
  pthread_join(t, NULL);
  CHECK(c.n > 0);
  CHECK(strncmp(c.out, "HTTP/1.1 200", 12) == 0);
  CHECK(strstr(c.out, "ofac-20157") != NULL);
  /* and the port no longer accepts */
  {
    char out[64];
    CHECK(ts_raw(c.port, "GET /healthz HTTP/1.1\r\n\r\n", 25, out, sizeof out, 500) <= 0);
  }
}

int main(void)
{
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (ts_build_store() != 0) {
    tap_skip("all", "could not build the store");
    return tap_done();
  }
  RUN(auth_keys);
  RUN(decisions_suppress_audit);
  RUN(reload_under_load);
  RUN(periodic_check_picks_up_import);
  RUN(ais_endpoints);
  RUN(graceful_stop);
  curl_global_cleanup();
  return tap_done();
}
