/*
 * ais.c - the AIS files given to `serve --ais`, decoded once at start-up
 * (include/interdict/ais.h) and run through the event detector
 * (aisevents.h) with the built-in DPRK ports and the store's listed vessels
 * as the watch list, the same pipeline as `interdict ais events --lists`.
 * The result is immutable while the server runs: per vessel its identity
 * history (each change of name, call sign, IMO or ship type), its track
 * (the last TRACK_MAX positions) and its events; and every event in the
 * `interdict ais events` JSON shape.
 *
 * Everything is kept as jansson values built here and only read (deep
 * copied into responses) afterwards, so the worker threads share it
 * without locks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <strings.h>
#include <time.h>
#include "server/server_int.h"
#include "interdict/aisevents.h"
#include "interdict/store.h"

#define TRACK_MAX 5000
#define EVENTS_MAX 200000

typedef struct vessel {
  unsigned mmsi;
  uint32_t imo;
  char name[64], callsign[16];
  int shiptype;
  json_t *identity, *track;   /* arrays */
  json_t *last_ident;         /* borrowed: the open identity record */
  size_t track_total;
} vessel;

struct srv_ais {
  idt_map by_mmsi;            /* "mmsi" -> vessel */
  idt_arena keys;
  vessel **v;
  size_t nv, cap;
  json_t *events;             /* array, time order of detection */
  idt_aisev_watch *watch;
  size_t nwatch, wcap;
  unsigned long long lines, rejected;
};

static vessel *get_vessel(srv_ais *a, unsigned mmsi)
{
  char k[16];
  vessel *v;
  int n = snprintf(k, sizeof k, "%u", mmsi);
  if ((v = idt_map_get(&a->by_mmsi, k, (size_t)n)))
    return v;
  if (a->nv == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 256;
    vessel **nvv = idt_realloc(a->v, cap * sizeof *nvv);
    if (!nvv)
      return NULL;
    a->v = nvv;
    a->cap = cap;
  }
  if (!(v = idt_calloc(1, sizeof *v)))
    return NULL;
  v->mmsi = mmsi;
  v->shiptype = -1;
  v->identity = json_array();
  v->track = json_array();
  a->v[a->nv++] = v;
  if (idt_map_put(&a->by_mmsi, idt_arena_strndup(&a->keys, k, (size_t)n), (size_t)n, v) < 0)
    return NULL;
  return v;
}

static void iso(int64_t t, char out[32])
{
  time_t tt = (time_t)t;
  struct tm tm;
  if (t == IDT_AIS_NOTIME || !gmtime_r(&tt, &tm)) {
    out[0] = 0;
    return;
  }
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A static message: a new identity record when anything it carries
 * differs from what the vessel had. */
static void on_static(vessel *v, const idt_ais_msg *m)
{
  const char *name = idt_ais_text(m, "shipname"), *cs = idt_ais_text(m, "callsign");
  int64_t imo = 0, st = -1;
  int changed = 0;
  char t[32];
  unsigned mid = 0;
  idt_ais_field(m, "imo", &imo);
  idt_ais_field(m, "shiptype", &st);
  if (name && *name && strcmp(name, v->name)) {
    snprintf(v->name, sizeof v->name, "%s", name);
    changed = 1;
  }
  if (cs && *cs && strcmp(cs, v->callsign)) {
    snprintf(v->callsign, sizeof v->callsign, "%s", cs);
    changed = 1;
  }
  if (imo > 0 && (uint32_t)imo != v->imo) {
    v->imo = (uint32_t)imo;
    changed = 1;
  }
  if (st > 0 && st != v->shiptype) {
    v->shiptype = (int)st;
    changed = 1;
  }
  iso(m->time, t);
  if (changed || !v->last_ident) {
    const char *flag;
    idt_ais_mmsi_class(v->mmsi, &mid);
    flag = idt_ais_mid_country(mid);
    v->last_ident = json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:o}", "from", t, "to", t, "name",
                              v->name, "callsign", v->callsign, "imo",
                              v->imo ? json_integer(v->imo) : json_null(), "flag",
                              flag ? flag : "", "shiptype",
                              v->shiptype >= 0 ? json_integer(v->shiptype) : json_null());
    if (v->last_ident)
      json_array_append_new(v->identity, v->last_ident);
  } else if (*t) {
    json_object_set_new(v->last_ident, "to", json_string(t));
  }
}

static void on_position(vessel *v, const idt_ais_msg *m)
{
  idt_ais_position p;
  json_t *pt;
  if (!idt_ais_get_position(m, &p) || isnan(p.lat) || isnan(p.lon) || m->time == IDT_AIS_NOTIME)
    return;
  pt = json_pack("[I,f,f,o]", (json_int_t)m->time, p.lat, p.lon,
                 isnan(p.sog) ? json_null() : json_real(p.sog));
  if (!pt)
    return;
  if (json_array_size(v->track) == TRACK_MAX)
    json_array_remove(v->track, 0);
  json_array_append_new(v->track, pt);
  v->track_total++;
}

static int on_event(void *ctx, const idt_aisev_event *e)
{
  srv_ais *a = ctx;
  char *text = NULL;
  size_t len = 0;
  FILE *f;
  json_t *o;
  if (json_array_size(a->events) >= EVENTS_MAX)
    return 0;
  if (!(f = open_memstream(&text, &len)))
    return idt_error_set(IDT_ENOMEM, "ais events: out of memory");
  idt_aisev_json(f, e, NULL);
  fclose(f);
  o = text ? json_loadb(text, len, 0, NULL) : NULL;
  free(text);
  if (o)
    json_array_append_new(a->events, o);
  return 0;
}

static uint32_t digits(const char *s, unsigned want)
{
  unsigned n = 0;
  uint32_t v = 0;
  for (; s && *s; s++) {
    if (*s >= '0' && *s <= '9') {
      v = v * 10 + (uint32_t)(*s - '0');
      if (++n == want)
        return s[1] >= '0' && s[1] <= '9' ? 0 : v;
    } else {
      n = 0;
      v = 0;
    }
  }
  return 0;
}

static int add_watch(srv_ais *a, uint32_t imo, uint32_t mmsi, const idt_entity *e)
{
  idt_aisev_watch *w;
  if (a->nwatch == a->wcap) {
    size_t cap = a->wcap ? a->wcap * 2 : 256;
    idt_aisev_watch *nw = idt_realloc(a->watch, cap * sizeof *nw);
    if (!nw)
      return IDT_ENOMEM;
    a->watch = nw;
    a->wcap = cap;
  }
  w = &a->watch[a->nwatch];
  w->imo = imo;
  w->mmsi = mmsi;
  w->id = idt_arena_strdup(&a->keys, e->id);
  w->caption = idt_arena_strdup(&a->keys, idt_entity_caption(e));
  w->dataset = idt_arena_strdup(&a->keys, e->dataset ? e->dataset : "");
  if (!w->id || !w->caption || !w->dataset)
    return IDT_ENOMEM;
  a->nwatch++;
  return 0;
}

static int on_entity(void *p, idt_entity *e)
{
  srv_ais *a = p;
  const char *vals[8];
  size_t n, i;
  int rc;
  if (!idt_schema_is_a(e->schema, "Vessel"))
    return 0;
  n = idt_entity_values(e, "imoNumber", vals, 8);
  for (i = 0; i < n && i < 8; i++)
    if (digits(vals[i], 7) && (rc = add_watch(a, digits(vals[i], 7), 0, e)))
      return rc;
  n = idt_entity_values(e, "mmsi", vals, 8);
  for (i = 0; i < n && i < 8; i++)
    if (digits(vals[i], 9) && (rc = add_watch(a, 0, digits(vals[i], 9), e)))
      return rc;
  return 0;
}

static int run_file(srv_ais *a, idt_ais_decoder *dec, idt_aisev *ev, const char *path)
{
  FILE *f = fopen(path, "rb");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  idt_ais_msg *m = idt_malloc(sizeof *m);
  int rc = 0;
  if (!f || !m) {
    if (f)
      fclose(f);
    idt_free(m);
    return f ? IDT_ENOMEM : idt_error_set(IDT_EIO, "--ais %s: cannot open", path);
  }
  while ((len = getline(&line, &cap, f)) >= 0) {
    int got = idt_ais_decoder_line(dec, line, (size_t)len, m);
    vessel *v;
    a->lines++;
    if (got < 0) {
      a->rejected++;
      continue;
    }
    if (!got || !(v = get_vessel(a, m->mmsi)))
      continue;
    if (m->type == 5 || m->type == 19 || m->type == 24)
      on_static(v, m);
    on_position(v, m);
    if ((rc = idt_aisev_msg(ev, m)) < 0)
      break;
  }
  free(line);
  fclose(f);
  idt_free(m);
  return rc;
}

int idt__ais_load(srv_ais **out, const char *const *files, size_t n, const char *db_path)
{
  srv_ais *a = idt_calloc(1, sizeof *a);
  idt_aisev_opts o = IDT_AISEV_OPTS_INIT;
  idt_aisev_places *pl = NULL;
  idt_ais_decoder *dec = NULL;
  idt_aisev *ev = NULL;
  idt_store *st = NULL;
  size_t i;
  int rc;
  *out = NULL;
  if (!a)
    return IDT_ENOMEM;
  idt_map_init(&a->by_mmsi);
  idt_arena_init(&a->keys);
  a->events = json_array();
  if ((rc = idt_store_open(&st, db_path)) < 0 ||
      (rc = idt_store_load(st, NULL, 0, on_entity, a)) < 0)
    goto out;
  o.emit = on_event;
  o.ctx = a;
  if ((rc = idt_aisev_places_new(&pl)) < 0 || (rc = idt_aisev_places_add_dprk(pl)) < 0 ||
      (rc = idt_ais_decoder_new(&dec, NULL)) < 0 ||
      (rc = idt_aisev_new(&ev, &o, pl, a->watch, a->nwatch)) < 0)
    goto out;
  for (i = 0; i < n; i++)
    if ((rc = run_file(a, dec, ev, files[i])) < 0)
      goto out;
  rc = idt_aisev_finish(ev);
out:
  idt_store_close(st);
  idt_aisev_free(ev);
  idt_ais_decoder_free(dec);
  idt_aisev_places_free(pl);
  if (rc < 0) {
    idt__ais_free(a);
    return rc;
  }
  *out = a;
  return 0;
}

void idt__ais_free(srv_ais *a)
{
  size_t i;
  if (!a)
    return;
  for (i = 0; i < a->nv; i++) {
    json_decref(a->v[i]->identity);
    json_decref(a->v[i]->track);
    idt_free(a->v[i]);
  }
  idt_free(a->v);
  idt_free(a->watch);
  json_decref(a->events);
  idt_map_free(&a->by_mmsi);
  idt_arena_free(&a->keys);
  idt_free(a);
}

/* ---- handlers ---- */

static int event_of(const json_t *e, unsigned mmsi)
{
  return (unsigned)json_integer_value(json_object_get(e, "mmsi")) == mmsi ||
         (unsigned)json_integer_value(json_object_get(json_object_get(e, "partner"), "mmsi")) ==
             mmsi ||
         (unsigned)json_integer_value(json_object_get(json_object_get(e, "new_identity"),
                                                      "mmsi")) == mmsi;
}

int idt__h_ais_vessel(request *rq, reply *rp, const char *tail)
{
  srv_ais *a = idt__srv_ais(rq->srv);
  const char *p = tail;
  vessel *v = NULL;
  uint32_t num;
  json_t *evs, *e;
  size_t i, nd = 0;
  char *end;
  if (!a)
    return idt__err(rp, 404, "no_ais", "the server was started without --ais files");
  if (!strncasecmp(p, "IMO", 3))
    p += 3;
  for (i = 0; p[i]; i++)
    nd += p[i] >= '0' && p[i] <= '9';
  num = (uint32_t)strtoul(p, &end, 10);
  if (*end || !nd || (nd != 7 && nd != 9))
    return idt__err(rp, 400, "bad_parameter", "give a 9-digit MMSI or a 7-digit IMO number");
  for (i = 0; i < a->nv && !v; i++)
    if (nd == 9 ? a->v[i]->mmsi == num : a->v[i]->imo == num)
      v = a->v[i];
  if (!v)
    return idt__err(rp, 404, "not_found", "no vessel %s in the AIS data", tail);
  evs = json_array();
  json_array_foreach(a->events, i, e)
    if (event_of(e, v->mmsi))
      json_array_append_new(evs, json_deep_copy(e));
  return idt__ok(rp, json_pack("{s:I,s:o,s:s,s:o,s:o,s:I,s:o}", "mmsi", (json_int_t)v->mmsi,
                               "imo", v->imo ? json_integer(v->imo) : json_null(), "name",
                               v->name, "identity", json_deep_copy(v->identity), "track",
                               json_deep_copy(v->track), "track_total",
                               (json_int_t)v->track_total, "events", evs));
}

int idt__h_ais_events(request *rq, reply *rp, const char *tail)
{
  srv_ais *a = idt__srv_ais(rq->srv);
  const char *type = idt__arg(rq, "type");
  long mmsi, since, until, limit;
  json_t *out, *e;
  size_t i;
  (void)tail;
  if (!a)
    return idt__err(rp, 404, "no_ais", "the server was started without --ais files");
  if (idt__arg_long(rq, rp, "mmsi", 0, 0, 999999999, &mmsi) ||
      idt__arg_long(rq, rp, "since", 0, 0, 1L << 40, &since) ||
      idt__arg_long(rq, rp, "until", 0, 0, 1L << 40, &until) ||
      idt__arg_long(rq, rp, "limit", 1000, 1, 10000, &limit))
    return 0;
  if (type && *type && idt_aisev_type_from_name(type) < 0)
    return idt__err(rp, 400, "bad_parameter", "unknown event type '%.64s'", type);
  out = json_array();
  json_array_foreach(a->events, i, e) {
    json_int_t s = json_integer_value(json_object_get(e, "start_unix"));
    json_int_t en = json_integer_value(json_object_get(e, "end_unix"));
    if (json_array_size(out) == (size_t)limit)
      break;
    if ((mmsi && !event_of(e, (unsigned)mmsi)) || (since && en < since) || (until && s > until))
      continue;
    if (type && *type && strcmp(json_string_value(json_object_get(e, "type")), type))
      continue;
    json_array_append_new(out, json_deep_copy(e));
  }
  return idt__ok(rp, json_pack("{s:o,s:I}", "events", out, "total_detected",
                               (json_int_t)json_array_size(a->events)));
}
