/*
 * server_int.h - what the files of src/server share.
 *
 *   server.c     the daemon: options, connection and request lifecycle,
 *                limits, routing table, replies, graceful stop
 *   snapshot.c   the list snapshot and its reference-counted swap; reload
 *   match.c      POST /match/{dataset} (yente shape) and GET /search
 *   match_parse.c the /match request parser (no sockets: fuzzed)
 *   entities.c   GET /entities/{id}, /entities/{id}/network
 *   lists.c      /readyz, GET /lists, /lists/{dataset}/diff
 *   ais.c        AIS files decoded at start-up; /ais/vessels, /ais/events
 *   review.c     auth (API keys) and /alerts, /decisions, /audit/verify
 *   static.c     /ui/ assets, /openapi.json
 */
#ifndef IDT_SERVER_INT_H
#define IDT_SERVER_INT_H
#include <pthread.h>
#include <stdatomic.h>
#include <jansson.h>
#include "interdict/server.h"
#include "interdict/screen.h"
#include "common/arena.h"
#include "common/map.h"
#include "common/buf.h"

/* ---- snapshot ---- */

typedef struct snap_ent snap_ent;
typedef struct snap_adj {
  snap_ent *other;            /* NULL when the id is not in any list */
  const char *other_id;
  const char *relation;       /* edge schema ("Ownership") or property */
  snap_ent *via;              /* the relationship entity, or NULL */
  int outgoing;               /* this entity is the edge's source */
  struct snap_adj *next;
} snap_adj;

struct snap_ent {
  const char *id, *schema, *caption, *dataset;
  const char *json;           /* idt_entity_to_json, statements sorted */
  char hash[65];              /* idt_entity_content_hash: the entry's content */
  int designated;             /* topic "sanction" or a Sanction points here */
  const char *exposure;       /* stored net exposure as JSON text, or NULL */
  double risk;                /* from the exposure, -1 without */
  snap_adj *adj;
  /* "properties" of json, parsed on the first hit and then shared by every
   * response (read-only: jansson >= 2.13 encodes without marking values,
   * and its reference counts are atomic); freed with the snapshot. */
  _Atomic(json_t *) props;
  /* the same "properties" encoded (IDT_SRV_JSON_FLAGS) for /match, made on
   * the first hit and kept with props (NULL until then). */
  _Atomic(char *) props_text;
};

typedef struct snap {
  atomic_long refs;
  idt_screen_index *ix;
  idt_arena arena;
  idt_map ents;               /* id -> snap_ent */
  size_t nents;
  char *key;                  /* "dataset:version,..." (heap) */
  char *versions;             /* {"dataset":"version",...} (heap) */
  char *net_key;              /* the network run exposures came from */
  char loaded_at[32];
  json_t *versions_json;      /* versions parsed once (read-only, shared) */
  pthread_mutex_t mu;         /* guards parsed (props caching) */
  snap_ent **parsed;          /* entities whose props are cached */
  size_t nparsed, capparsed;
} snap;

int idt__snap_build(const char *db_path, snap **out);
/* The store's current versions key (what a snapshot would be built from). */
int idt__snap_current_key(const char *db_path, char **key);
void idt__snap_release(snap *s);
snap_ent *idt__snap_get(const snap *s, const char *id);
/* A new reference to e's "properties" object (parsed once per snapshot),
 * never to be modified; NULL on OOM. */
json_t *idt__snap_props(snap *s, snap_ent *e);
/* e's "properties" as JSON text (IDT_SRV_JSON_FLAGS), valid while the
 * snapshot lives; NULL when out of memory. */
const char *idt__snap_props_text(snap *s, snap_ent *e);
/* A new reference to the snapshot's versions object (read-only). */
json_t *idt__snap_versions(const snap *s);

/* ---- /match request parsing ---- */

#define IDT_MATCH_MAX_ALIASES 32
#define IDT_MATCH_MAX_VALUES 64
#define IDT_MATCH_MAX_VALUE 1024

typedef struct match_query {
  const char *key;
  idt_screen_query q;
  const char *aliases[IDT_MATCH_MAX_ALIASES];
  json_t *example;            /* {"id"?,"schema","properties":{p:[v]}} */
  char fingerprint[65];       /* idt_query_fingerprint of the example */
  const char *error;          /* why it cannot be screened, else NULL */
  char namebuf[512];          /* firstName + lastName when no name */
} match_query;

typedef struct match_req {
  json_t *root;
  match_query *q;
  size_t n;
} match_req;

/* Parse a /match body. IDT_EPARSE: not JSON (message with line/column);
 * IDT_EINVAL: JSON of the wrong shape (message names the member);
 * IDT_ELIMIT: more than max_queries queries. */
int idt__match_parse(const char *body, size_t len, unsigned max_queries,
                     match_req **out);
void idt__match_req_free(match_req *r);

/* ---- JSON written into a buffer (jsonw.c) ----
 * Byte for byte what json_dumps(v, IDT_SRV_JSON_FLAGS) writes for the same
 * values; 0 or IDT_ENOMEM (the buffer's cap). */
#define IDT_SRV_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(12))
int idt__jw_str(idt_buf *b, const char *s);       /* NULL: null */
int idt__jw_strn(idt_buf *b, const char *s, size_t n);
int idt__jw_real(idt_buf *b, double v);
int idt__jw_json(idt_buf *b, const json_t *v);    /* NULL: null */
/* s[0..n) is valid UTF-8 (jansson's rules). */
int idt__jw_utf8_ok(const char *s, size_t n);

/* ---- /match results between screening, the audit write and the reply ---- */

typedef struct match_hit {
  const idt_screen_hit *h;
  snap_ent *e;
  const char *props;          /* idt__snap_props_text */
  json_t *decision;           /* owned, or NULL */
  int match;                  /* score >= the request's threshold */
  int64_t alert_id;           /* set by idt__review_match; -1: no alert */
} match_hit;

typedef struct match_resp {
  unsigned status;            /* 200, or 400/500 with error */
  const char *error;
  char errbuf[256];           /* error's text when the screening failed */
  idt_screen_result *r;       /* owns the hits' text */
  size_t first, n;            /* its hits in the request's match_hit array */
} match_resp;

/* ---- requests and replies ---- */

typedef struct idt_conn idt_conn;   /* struct MHD_Connection */

typedef struct reply {
  unsigned status;
  json_t *json;               /* body (owned), or: */
  char *text;                 /* body already encoded as JSON (owned, idt_free) */
  size_t textlen;
  const void *raw;            /* static body (assets) */
  size_t rawlen;
  const char *ctype;
  const char *location;       /* redirect target */
  int immutable;              /* cacheable asset */
} reply;

typedef struct request {
  idt_server *srv;
  void *conn;                 /* struct MHD_Connection * */
  const char *method, *path;
  const char *body;
  size_t body_len;
  const char *user;           /* API key's name, or "anonymous" */
  char *user_owned;           /* the same, when allocated (idt_free) */
  int write;                  /* POST/PUT/DELETE */
  double t0;                  /* monotonic seconds at the first byte */
} request;

/* Request header or NULL. */
const char *idt__header(const request *rq, const char *name);
/* Query-string argument or NULL. */
const char *idt__arg(const request *rq, const char *name);
/* Integer argument in [lo,hi] (def when absent); -1 and an error reply when
 * malformed. */
int idt__arg_long(const request *rq, reply *rp, const char *name, long def,
                  long lo, long hi, long *out);
int idt__arg_double(const request *rq, reply *rp, const char *name, double def,
                    double lo, double hi, double *out);
/* Fill rp with {"error":{"code","message"}}; returns 0 so handlers can
 * `return idt__err(...)`. */
int idt__err(reply *rp, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* An error reply from the last idt_error (maps IDT_E* to a status). */
int idt__err_last(reply *rp, const char *what);
int idt__ok(reply *rp, json_t *body);
/* A 200 whose body is JSON text (owned; rp->textlen set by the caller);
 * NULL: a 503 out_of_memory. */
int idt__ok_text(reply *rp, char *text);

typedef int (*route_fn)(request *rq, reply *rp, const char *tail);

/* Server internals the handlers use. */
snap *idt__srv_snap(idt_server *s);          /* acquire; NULL before ready */
const idt_server_opts *idt__srv_opts(const idt_server *s);
const char *idt__srv_db(const idt_server *s);
struct idt_audit *idt__srv_audit(idt_server *s);
int idt__srv_loopback(const idt_server *s);
/* --admin key names may call /admin/ (any key when none is named). */
int idt__srv_is_admin(const idt_server *s, const char *user);
int idt__srv_reload(idt_server *s, int *changed);

/* review.c: authentication (0 and rq->user set, or -1 with an error
 * reply), suppression/decision of one hit (1: leave it out), and the audit
 * record + alerts of one /match request (sets "alert_id" on alerted hits). */
int idt__authenticate(request *rq, reply *rp, int is_public);
int idt__review_hit(request *rq, const match_query *mq, const snap_ent *e, json_t **decision);
/* Append the /match request to the audit log with an alert for every hit
 * with match set (resp[i] answers mr->q[i]); sets their alert_id. */
int idt__review_match(request *rq, const snap *sn, const char *dataset, const match_req *mr,
                      const match_resp *resp, match_hit *hits, double threshold);

/* Handlers. */
int idt__h_match(request *rq, reply *rp, const char *tail);
int idt__h_search(request *rq, reply *rp, const char *tail);
int idt__h_entity(request *rq, reply *rp, const char *tail);
int idt__h_readyz(request *rq, reply *rp, const char *tail);
int idt__h_lists(request *rq, reply *rp, const char *tail);
int idt__h_ais_vessel(request *rq, reply *rp, const char *tail);
int idt__h_ais_events(request *rq, reply *rp, const char *tail);
int idt__h_alerts(request *rq, reply *rp, const char *tail);
int idt__h_decisions(request *rq, reply *rp, const char *tail);
int idt__h_audit_verify(request *rq, reply *rp, const char *tail);
int idt__h_ui(request *rq, reply *rp, const char *tail);
int idt__h_openapi(request *rq, reply *rp, const char *tail);

/* Entity JSON for responses: {id, caption, schema, properties, datasets,
 * referents, target, first_seen, last_seen, last_change}. NULL on OOM. */
json_t *idt__srv_entity_json(const snap_ent *e);
/* The same with the snapshot's cached properties (match.c's hot path). */
json_t *idt__srv_entity_json_cached(snap *sn, snap_ent *e);
/* The stored exposure of e as a JSON value (null when none). */
json_t *idt__srv_exposure_json(const snap_ent *e);

/* ---- AIS ---- */
typedef struct srv_ais srv_ais;
int idt__ais_load(srv_ais **out, const char *const *files, size_t n,
                  const char *db_path);
void idt__ais_free(srv_ais *a);
srv_ais *idt__srv_ais(idt_server *s);

/* Monotonic seconds. */
double idt__now(void);
#endif
