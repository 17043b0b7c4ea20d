/*
 * server.c - the HTTP daemon: libmicrohttpd with a pool of worker threads
 * (MHD_USE_AUTO picks epoll on Linux; each worker polls its share of the
 * connections), the request lifecycle, limits, routing and replies.
 *
 * A request's life: the first callback (headers read) allocates its state
 * and rejects a declared Content-Length over max_body with 413 before any
 * body is read; body chunks are appended to a buffer capped at max_body
 * (chunked bodies over it are answered 413 early and the connection
 * closed); a body still arriving after request_ms is answered 408. The last
 * callback authenticates, routes and answers. Header size is bounded by
 * libmicrohttpd's per-connection memory (max_header), idle connections by
 * conn_timeout, their number by max_conns.
 *
 * Stop: MHD_quiesce_daemon closes the listening socket, then we wait until
 * the requests in flight have been answered (or drain_ms passes) and stop
 * the daemon; idle keep-alive connections are closed then.
 *
 * Why libmicrohttpd: packaged by Debian, small, mature, does HTTP/1.1
 * parsing, keep-alive, chunked encoding, limits and its own thread pool;
 * the alternatives (a hand-written HTTP parser, or libevent/h2o/civetweb)
 * either add parsing code to fuzz or a larger dependency.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <strings.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <microhttpd.h>
#include "server/server_int.h"
#include "interdict/interdict.h"
#include "interdict/audit.h"
#include "interdict/text.h"

struct idt_server {
  idt_server_opts o;
  struct MHD_Daemon *d;
  pthread_mutex_t snap_mu;       /* guards cur (pointer read + ref) */
  snap *cur;
  pthread_mutex_t reload_mu;     /* one reload at a time */
  pthread_mutex_t mu;            /* in-flight count, stop, reloader */
  pthread_cond_t cv;
  int stopping, reloader_started, checkpointer_started;
  pthread_t reloader, checkpointer;
  unsigned long long in_flight;
  atomic_ullong requests, e4, e5, reloads;
  srv_ais *ais;
  idt_audit *audit;
  int loopback;
  uint16_t port;
  pthread_key_t tkey;
};

typedef struct conn_req {
  idt_buf body;
  double t0;
  int rejected;                  /* a reply was already queued */
  int too_large;
} conn_req;

double idt__now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- replies ---- */

int idt__err(reply *rp, unsigned status, const char *code, const char *fmt, ...)
{
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  json_decref(rp->json);
  idt_free(rp->text);
  rp->text = NULL;
  rp->status = status;
  rp->json = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", msg);
  return 0;
}

int idt__err_last(reply *rp, const char *what)
{
  int code = idt_error_code();
  const char *m = idt_error_msg();
  switch (code) {
  case IDT_ENOTFOUND: return idt__err(rp, 404, "not_found", "%s: %s", what, m);
  case IDT_EINVAL: case IDT_EPARSE: case IDT_EUTF8:
    return idt__err(rp, 400, "bad_request", "%s: %s", what, m);
  case IDT_ELIMIT: return idt__err(rp, 413, "too_large", "%s: %s", what, m);
  case IDT_ENOMEM: return idt__err(rp, 503, "out_of_memory", "%s: out of memory", what);
  default: return idt__err(rp, 500, "internal", "%s: %s", what, m);
  }
}

int idt__ok(reply *rp, json_t *body)
{
  if (!body)
    return idt__err(rp, 503, "out_of_memory", "out of memory");
  json_decref(rp->json);
  rp->status = 200;
  rp->json = body;
  return 0;
}

int idt__ok_text(reply *rp, char *text)
{
  if (!text)
    return idt__err(rp, 503, "out_of_memory", "out of memory");
  json_decref(rp->json);
  rp->json = NULL;
  idt_free(rp->text);
  rp->status = 200;
  rp->text = text;
  return 0;
}

const char *idt__header(const request *rq, const char *name)
{
  return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *idt__arg(const request *rq, const char *name)
{
  return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

int idt__arg_long(const request *rq, reply *rp, const char *name, long def, long lo,
                  long hi, long *out)
{
  const char *v = idt__arg(rq, name);
  char *end;
  long x;
  *out = def;
  if (!v || !*v)
    return 0;
  errno = 0;
  x = strtol(v, &end, 10);
  if (*end || errno || x < lo || x > hi) {
    idt__err(rp, 400, "bad_parameter", "%s must be a whole number in [%ld, %ld]", name, lo, hi);
    return -1;
  }
  *out = x;
  return 0;
}

int idt__arg_double(const request *rq, reply *rp, const char *name, double def, double lo,
                    double hi, double *out)
{
  const char *v = idt__arg(rq, name);
  char *end;
  double x;
  *out = def;
  if (!v || !*v)
    return 0;
  x = strtod(v, &end);
  if (*end || !(x >= lo && x <= hi)) {
    idt__err(rp, 400, "bad_parameter", "%s must be a number in [%g, %g]", name, lo, hi);
    return -1;
  }
  *out = x;
  return 0;
}

/* ---- snapshot pointer ---- */

snap *idt__srv_snap(idt_server *s)
{
  snap *p;
  pthread_mutex_lock(&s->snap_mu);
  p = s->cur;
  if (p)
    atomic_fetch_add(&p->refs, 1);
  pthread_mutex_unlock(&s->snap_mu);
  return p;
}

const idt_server_opts *idt__srv_opts(const idt_server *s) { return &s->o; }
const char *idt__srv_db(const idt_server *s) { return s->o.db_path; }
srv_ais *idt__srv_ais(idt_server *s) { return s->ais; }
idt_audit *idt__srv_audit(idt_server *s) { return s->audit; }

int idt__srv_is_admin(const idt_server *s, const char *user)
{
  size_t i;
  if (!s->o.nadmins)
    return 1;
  for (i = 0; i < s->o.nadmins; i++)
    if (!strcmp(s->o.admins[i], user))
      return 1;
  return 0;
}

int idt_server_reload(idt_server *s, int *changed)
{
  snap *n = NULL, *old;
  int rc;
  pthread_mutex_lock(&s->reload_mu);
  if ((rc = idt__snap_build(s->o.db_path, &n)) < 0) {
    pthread_mutex_unlock(&s->reload_mu);
    return rc;
  }
  pthread_mutex_lock(&s->snap_mu);
  old = s->cur;
  s->cur = n;
  pthread_mutex_unlock(&s->snap_mu);
  if (changed)
    *changed = !old || strcmp(old->key, n->key) != 0;
  idt__snap_release(old);
  atomic_fetch_add(&s->reloads, 1);
  pthread_mutex_unlock(&s->reload_mu);
  return 0;
}

int idt__srv_reload(idt_server *s, int *changed) { return idt_server_reload(s, changed); }

/* The audit log's WAL checkpoints, every 200 ms on this thread instead of
 * inside a /match commit (idt_audit_defer_checkpoints): a checkpoint's
 * fsyncs under the audit lock stalled every worker for milliseconds, a few
 * times a second at 1,000 requests/s (docs/design/server.md). */
/* Wait on s->cv (s->mu held) for at most ms milliseconds. */
static void cond_wait_ms(idt_server *s, long ms)
{
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += ms * 1000000L;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  pthread_cond_timedwait(&s->cv, &s->mu, &ts);
}

static void *checkpointer(void *arg)
{
  idt_server *s = arg;
  pthread_mutex_lock(&s->mu);
  while (!s->stopping) {
    double due = idt__now() + 0.2;
    while (!s->stopping && idt__now() < due)
      cond_wait_ms(s, 50);
    if (s->stopping)
      break;
    pthread_mutex_unlock(&s->mu);
    if (idt_audit_checkpoint(s->audit) < 0 && s->o.log)
      fprintf(stderr, "interdict serve: audit checkpoint: %s\n", idt_error_msg());
    pthread_mutex_lock(&s->mu);
  }
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

/* Periodic check: rebuild when the store's current versions moved. */
static void *reloader(void *arg)
{
  idt_server *s = arg;
  pthread_mutex_lock(&s->mu);
  while (!s->stopping) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += s->o.reload_check_s;
    /* s->cv is also broadcast by every request that ends (on_completed):
     * wait out the interval, or each request would trigger a check (a
     * store open with its quick_check, ~0.1 s of CPU on the bundled lists) */
    while (!s->stopping && pthread_cond_timedwait(&s->cv, &s->mu, &ts) == 0)
      ;
    if (s->stopping)
      break;
    pthread_mutex_unlock(&s->mu);
    {
      char *key = NULL;
      snap *cur = idt__srv_snap(s);
      if (idt__snap_current_key(s->o.db_path, &key) == 0 && cur && strcmp(key, cur->key)) {
        if (idt_server_reload(s, NULL) < 0 && s->o.log)
          fprintf(stderr, "interdict serve: reload failed: %s\n", idt_error_msg());
        else if (s->o.log)
          fprintf(stderr, "interdict serve: lists changed, reloaded (%s)\n", key);
      }
      idt__snap_release(cur);
      idt_free(key);
      idt_screen_thread_cleanup();
      idt_text_thread_cleanup();
    }
    pthread_mutex_lock(&s->mu);
  }
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

/* ---- routes ---- */

static int h_healthz(request *rq, reply *rp, const char *tail)
{
  (void)rq;
  (void)tail;
  return idt__ok(rp, json_pack("{s:s}", "status", "ok"));
}

static int h_root(request *rq, reply *rp, const char *tail)
{
  (void)rq;
  (void)tail;
  rp->status = 302;
  rp->location = "/ui/";
  rp->json = json_pack("{s:s}", "location", "/ui/");
  return 0;
}

static int h_reload(request *rq, reply *rp, const char *tail)
{
  int changed = 0;
  snap *sn;
  json_t *o;
  (void)tail;
  if (idt__srv_reload(rq->srv, &changed) < 0)
    return idt__err_last(rp, "reload");
  if (!(sn = idt__srv_snap(rq->srv)))
    return idt__err(rp, 503, "not_ready", "no snapshot");
  o = json_pack("{s:b,s:s,s:o}", "changed", changed, "loaded_at", sn->loaded_at, "datasets",
                json_loads(sn->versions, 0, NULL));
  idt__snap_release(sn);
  return idt__ok(rp, o);
}

enum { PUBLIC = 1, PREFIX = 2 };
typedef struct route {
  const char *method, *path;
  int flags;
  route_fn fn;
} route;

static const route routes[] = {
  { "GET", "/", PUBLIC, h_root },
  { "GET", "/healthz", PUBLIC, h_healthz },
  { "GET", "/readyz", PUBLIC, idt__h_readyz },
  { "GET", "/openapi.json", PUBLIC, idt__h_openapi },
  { "GET", "/ui", PUBLIC, idt__h_ui },
  { "GET", "/ui/", PUBLIC | PREFIX, idt__h_ui },
  { "POST", "/match/", PREFIX, idt__h_match },
  { "GET", "/search/", PREFIX, idt__h_search },
  { "GET", "/entities/", PREFIX, idt__h_entity },
  { "GET", "/lists", 0, idt__h_lists },
  { "GET", "/lists/", PREFIX, idt__h_lists },
  { "GET", "/ais/vessels/", PREFIX, idt__h_ais_vessel },
  { "GET", "/ais/events", 0, idt__h_ais_events },
  { "GET", "/alerts", 0, idt__h_alerts },
  { "GET", "/decisions", 0, idt__h_decisions },
  { "POST", "/decisions", 0, idt__h_decisions },
  { "GET", "/audit/verify", 0, idt__h_audit_verify },
  { "POST", "/admin/reload", 0, h_reload },
};

static const route *find_route(const char *method, const char *path, const char **tail,
                               int *path_known)
{
  size_t i, n;
  *path_known = 0;
  for (i = 0; i < sizeof routes / sizeof routes[0]; i++) {
    const route *r = &routes[i];
    n = strlen(r->path);
    if ((r->flags & PREFIX) ? strncmp(path, r->path, n) : strcmp(path, r->path))
      continue;
    *path_known = 1;
    if (strcmp(method, r->method) && !(!strcmp(method, "HEAD") && !strcmp(r->method, "GET")))
      continue;
    *tail = (r->flags & PREFIX) ? path + n : "";
    return r;
  }
  return NULL;
}

static void dispatch(request *rq, reply *rp)
{
  const char *tail = "";
  int known;
  const route *r = find_route(rq->method, rq->path, &tail, &known);
  if (!r) {
    if (known)
      idt__err(rp, 405, "method_not_allowed", "%s is not allowed on %s", rq->method, rq->path);
    else
      idt__err(rp, 404, "not_found", "no such endpoint: %s", rq->path);
    return;
  }
  if (idt__authenticate(rq, rp, r->flags & PUBLIC) < 0)
    return;
  r->fn(rq, rp, tail);
  if (!rp->status)
    idt__err(rp, 500, "internal", "no reply");
}

/* ---- MHD glue ---- */

static void free_text(void *p)
{
  idt_free(p);
}

static enum MHD_Result queue(idt_server *s, struct MHD_Connection *c, reply *rp)
{
  struct MHD_Response *resp;
  enum MHD_Result ret;
  if (rp->raw) {
    resp = MHD_create_response_from_buffer(rp->rawlen, (void *)rp->raw, MHD_RESPMEM_PERSISTENT);
  } else if (rp->text) {
    resp = MHD_create_response_from_buffer_with_free_callback(rp->textlen, rp->text, free_text);
    if (resp)
      rp->text = NULL;              /* the response frees it */
    rp->ctype = "application/json";
  } else {
    char *text = rp->json ? json_dumps(rp->json, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;
    if (!text) {
      static const char oom[] = "{\"error\":{\"code\":\"out_of_memory\",\"message\":\"out of memory\"}}";
      rp->status = 503;
      resp = MHD_create_response_from_buffer(sizeof oom - 1, (void *)oom, MHD_RESPMEM_PERSISTENT);
    } else {
      resp = MHD_create_response_from_buffer_with_free_callback(strlen(text), text, free);
      if (!resp)
        free(text);
    }
    rp->ctype = "application/json";
  }
  if (!resp)
    return MHD_NO;
  MHD_add_response_header(resp, "Content-Type", rp->ctype ? rp->ctype : "application/json");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Content-Security-Policy",
                          "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                          "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Cache-Control", rp->immutable ? "public, max-age=3600" : "no-store");
  if (rp->location)
    MHD_add_response_header(resp, "Location", rp->location);
  if (rp->status == 401)
    MHD_add_response_header(resp, "WWW-Authenticate", "Bearer");
  ret = MHD_queue_response(c, rp->status, resp);
  MHD_destroy_response(resp);
  if (rp->status >= 500)
    atomic_fetch_add(&s->e5, 1);
  else if (rp->status >= 400)
    atomic_fetch_add(&s->e4, 1);
  return ret;
}

static enum MHD_Result early(idt_server *s, struct MHD_Connection *c, conn_req *cr,
                             unsigned status, const char *code, const char *msg)
{
  reply rp;
  enum MHD_Result ret;
  memset(&rp, 0, sizeof rp);
  idt__err(&rp, status, code, "%s", msg);
  cr->rejected = 1;
  ret = queue(s, c, &rp);
  json_decref(rp.json);
  idt_free(rp.text);
  return ret;
}

static void thread_exit(void *p)
{
  (void)p;
  idt_screen_thread_cleanup();
  idt_text_thread_cleanup();
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
  idt_server *s = cls;
  conn_req *cr = *con_cls;
  request rq;
  reply rp;
  enum MHD_Result ret;
  (void)version;
  if (!cr) {
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (!(cr = idt_calloc(1, sizeof *cr)))
      return MHD_NO;
    idt_buf_init(&cr->body, s->o.max_body);
    cr->t0 = idt__now();
    *con_cls = cr;
    pthread_mutex_lock(&s->mu);
    s->in_flight++;
    pthread_mutex_unlock(&s->mu);
    if (!pthread_getspecific(s->tkey))
      pthread_setspecific(s->tkey, s);
    atomic_fetch_add(&s->requests, 1);
    if (cl && strtoull(cl, NULL, 10) > s->o.max_body)
      return early(s, c, cr, 413, "too_large", "the request body is over the server's limit");
    return MHD_YES;
  }
  if (cr->rejected) {            /* answered early: discard what arrives */
    *upload_size = 0;
    return MHD_YES;
  }
  if (*upload_size) {
    if (idt_buf_append(&cr->body, upload, *upload_size) < 0) {
      *upload_size = 0;
      return early(s, c, cr, 413, "too_large", "the request body is over the server's limit");
    }
    *upload_size = 0;
    if ((idt__now() - cr->t0) * 1000.0 > s->o.request_ms)
      return early(s, c, cr, 408, "timeout", "the request body took too long to arrive");
    return MHD_YES;
  }
  memset(&rq, 0, sizeof rq);
  memset(&rp, 0, sizeof rp);
  rq.srv = s;
  rq.conn = c;
  rq.method = method;
  rq.path = url;
  rq.body = cr->body.p ? cr->body.p : "";
  rq.body_len = cr->body.len;
  rq.user = "anonymous";
  rq.write = strcmp(method, "GET") && strcmp(method, "HEAD");
  rq.t0 = cr->t0;
  dispatch(&rq, &rp);
  idt_free(rq.user_owned);
  ret = queue(s, c, &rp);
  json_decref(rp.json);
  idt_free(rp.text);
  return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
  idt_server *s = cls;
  conn_req *cr = *con_cls;
  (void)c;
  (void)toe;
  if (!cr)
    return;
  idt_buf_free(&cr->body);
  idt_free(cr);
  *con_cls = NULL;
  pthread_mutex_lock(&s->mu);
  s->in_flight--;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
}

/* "host:port", "[v6]:port"; sets loopback. */
static int parse_bind(idt_server *s, struct sockaddr_storage *ss)
{
  const char *b = s->o.bind, *colon;
  char host[128];
  size_t hl;
  long port;
  char *end;
  memset(ss, 0, sizeof *ss);
  if (b[0] == '[') {
    const char *rb = strchr(b, ']');
    if (!rb || rb[1] != ':')
      return idt_error_set(IDT_EINVAL, "--bind %s: expected [ADDRESS]:PORT", b);
    hl = (size_t)(rb - b - 1);
    colon = rb + 1;
    b++;
  } else {
    if (!(colon = strrchr(b, ':')))
      return idt_error_set(IDT_EINVAL, "--bind %s: expected HOST:PORT", b);
    hl = (size_t)(colon - b);
  }
  if (hl >= sizeof host)
    return idt_error_set(IDT_EINVAL, "--bind: address too long");
  memcpy(host, b, hl);
  host[hl] = 0;
  port = strtol(colon + 1, &end, 10);
  if (*end || port < 0 || port > 65535 || end == colon + 1)
    return idt_error_set(IDT_EINVAL, "--bind %s: bad port", s->o.bind);
  if (!strcmp(host, "localhost"))
    memcpy(host, "127.0.0.1", 10);
  if (inet_pton(AF_INET, host, &((struct sockaddr_in *)ss)->sin_addr) == 1) {
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    s->loopback = (ntohl(a->sin_addr.s_addr) >> 24) == 127;
  } else if (inet_pton(AF_INET6, host, &((struct sockaddr_in6 *)ss)->sin6_addr) == 1) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((uint16_t)port);
    s->loopback = IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
  } else {
    return idt_error_set(IDT_EINVAL, "--bind %s: not a numeric IPv4/IPv6 address", s->o.bind);
  }
  return 0;
}

int idt__srv_loopback(const idt_server *s) { return s->loopback; }

static int listen_now(idt_server *s, struct sockaddr_storage *ss)
{
  const union MHD_DaemonInfo *inf;
  struct sockaddr_storage got;
  socklen_t gl = sizeof got;
  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC;
  if (ss->ss_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)ss,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(s->o.threads ? s->o.threads : 2),
      MHD_OPTION_CONNECTION_LIMIT, s->o.max_conns,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->o.max_conns_per_ip,
      MHD_OPTION_CONNECTION_TIMEOUT, s->o.conn_timeout,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, s->o.max_header,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
      MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
      MHD_OPTION_END);
  if (!s->d)
    return idt_error_set(IDT_ENET, "cannot listen on %s (in use, or not an address here?)",
                         s->o.bind);
  inf = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_LISTEN_FD);
  if (inf && getsockname(inf->listen_fd, (struct sockaddr *)&got, &gl) == 0)
    s->port = ntohs(got.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&got)->sin6_port
                                               : ((struct sockaddr_in *)&got)->sin_port);
  return 0;
}

int idt_server_start(idt_server **out, const idt_server_opts *opts)
{
  idt_server *s;
  struct sockaddr_storage ss;
  int rc;
  *out = NULL;
  if (!opts || !opts->db_path || !opts->bind)
    return idt_error_set(IDT_EINVAL, "server: db_path and bind are required");
  if (!(s = idt_calloc(1, sizeof *s)))
    return IDT_ENOMEM;
  s->o = *opts;
  if (!s->o.max_queries)
    s->o.max_queries = 100;
  if (!s->o.request_ms)
    s->o.request_ms = 10000;
  pthread_mutex_init(&s->snap_mu, NULL);
  pthread_mutex_init(&s->reload_mu, NULL);
  pthread_mutex_init(&s->mu, NULL);
  pthread_cond_init(&s->cv, NULL);
  pthread_key_create(&s->tkey, thread_exit);
  if ((rc = parse_bind(s, &ss)) < 0)
    goto fail;
  if (s->o.no_auth && !s->loopback) {
    rc = idt_error_set(IDT_EINVAL, "--no-auth is allowed on a loopback address only (not %s)",
                       s->o.bind);
    goto fail;
  }
  if ((rc = idt_audit_open(&s->audit, s->o.db_path)) < 0)
    goto fail;
  if (!s->o.no_auth && !s->loopback) {
    size_t nkeys = 0;
    if ((rc = idt_apikey_count(s->audit, &nkeys)) < 0)
      goto fail;
    if (!nkeys) {
      rc = idt_error_set(IDT_EINVAL, "bound beyond loopback (%s) with no API key: create one "
                         "first (interdict apikey add NAME)", s->o.bind);
      goto fail;
    }
  }
  if ((rc = idt_server_reload(s, NULL)) < 0)
    goto fail;
  if (s->o.nais && (rc = idt__ais_load(&s->ais, s->o.ais_files, s->o.nais, s->o.db_path)) < 0)
    goto fail;
  if ((rc = listen_now(s, &ss)) < 0)
    goto fail;
  if (s->o.reload_check_s && pthread_create(&s->reloader, NULL, reloader, s) == 0)
    s->reloader_started = 1;
  if (pthread_create(&s->checkpointer, NULL, checkpointer, s) == 0) {
    s->checkpointer_started = 1;
    if (idt_audit_defer_checkpoints(s->audit) < 0 && s->o.log)
      fprintf(stderr, "interdict serve: checkpoints stay in the commits: %s\n",
              idt_error_msg());
  }
  *out = s;
  return 0;
fail:
  idt_server_stop(s);
  return rc;
}

uint16_t idt_server_port(const idt_server *s) { return s ? s->port : 0; }

void idt_server_stats_get(idt_server *s, idt_server_stats *st)
{
  memset(st, 0, sizeof *st);
  st->requests = atomic_load(&s->requests);
  st->errors_4xx = atomic_load(&s->e4);
  st->errors_5xx = atomic_load(&s->e5);
  st->reloads = atomic_load(&s->reloads);
  pthread_mutex_lock(&s->mu);
  st->in_flight = s->in_flight;
  pthread_mutex_unlock(&s->mu);
  pthread_mutex_lock(&s->snap_mu);
  st->snapshots_live = s->cur ? (unsigned long long)atomic_load(&s->cur->refs) : 0;
  pthread_mutex_unlock(&s->snap_mu);
}

void idt_server_stop(idt_server *s)
{
  snap *old;
  if (!s)
    return;
  pthread_mutex_lock(&s->mu);
  s->stopping = 1;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  if (s->reloader_started)
    pthread_join(s->reloader, NULL);
  if (s->checkpointer_started)
    pthread_join(s->checkpointer, NULL);
  if (s->d) {
    double until = idt__now() + s->o.drain_ms / 1000.0;
    MHD_socket fd = MHD_quiesce_daemon(s->d);
    pthread_mutex_lock(&s->mu);
    while (s->in_flight && idt__now() < until)
      cond_wait_ms(s, 20);
    pthread_mutex_unlock(&s->mu);
    MHD_stop_daemon(s->d);
    if (fd != MHD_INVALID_SOCKET)
      close(fd);
  }
  idt__ais_free(s->ais);
  idt_audit_close(s->audit);
  old = s->cur;
  s->cur = NULL;
  idt__snap_release(old);
  pthread_key_delete(s->tkey);
  pthread_cond_destroy(&s->cv);
  pthread_mutex_destroy(&s->mu);
  pthread_mutex_destroy(&s->reload_mu);
  pthread_mutex_destroy(&s->snap_mu);
  idt_free(s);
}
