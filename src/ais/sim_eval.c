/*
 * sim_eval.c - precision and recall of detected events against the
 * simulator's ground truth.
 *
 * A detection matches a truth record of the same type, the same vessel
 * (MMSI; an encounter's unordered pair; an identity change's old and new
 * MMSI) and overlapping time, the truth interval widened by tol_s on both
 * sides (resampling, reception gaps and the detector's own timing make
 * boundaries differ by minutes to an hour). Each truth record is matched
 * at most once: a second detection of the same staged event counts as a
 * false one, so fragmenting an event costs precision. Records marked
 * "observable":false (the simulator's observability rule) are ambiguous: a
 * detection matching one counts neither as correct nor as false, and they
 * are left out of recall.
 */
#include <jansson.h>
#include <string.h>
#include "ais/events_int.h"
#include "common/util.h"

typedef struct truth {
  int type, staged, obs, meets;
  uint32_t mmsi, mmsi2;
  int64_t start, end;
  int hit;
} truth;

struct idt_aisev_scorer {
  truth *t;
  size_t n, cap;
  double tol, vessel_days;
  idt_aisev_score sc;
};

static int add_line(idt_aisev_scorer *s, const char *p, size_t n, size_t lineno)
{
  json_error_t err;
  json_t *o = json_loadb(p, n, 0, &err);
  const char *type;
  int ty, rc = 0;
  if (!o)
    return idt_error_set(IDT_EPARSE, "truth:%zu: %s", lineno, err.text);
  type = json_string_value(json_object_get(o, "type"));
  if (!type) {
    rc = idt_error_set(IDT_EPARSE, "truth:%zu: no type", lineno);
  } else if (!strcmp(type, "meta")) {
    s->vessel_days = json_number_value(json_object_get(o, "vessel_days"));
  } else if ((ty = idt_aisev_type_from_name(type)) < 0) {
    rc = idt_error_set(IDT_EPARSE, "truth:%zu: unknown type '%s'", lineno, type);
  } else {
    if (s->n == s->cap) {
      size_t cap = s->cap ? s->cap * 2 : 64;
      truth *nt = idt_realloc(s->t, cap * sizeof *nt);
      if (!nt) {
        json_decref(o);
        return IDT_ENOMEM;
      }
      s->t = nt;
      s->cap = cap;
    }
    s->t[s->n].type = ty;
    s->t[s->n].mmsi = (uint32_t)json_integer_value(json_object_get(o, "mmsi"));
    s->t[s->n].mmsi2 = (uint32_t)json_integer_value(json_object_get(o, "mmsi2"));
    s->t[s->n].start = json_integer_value(json_object_get(o, "start"));
    s->t[s->n].end = json_integer_value(json_object_get(o, "end"));
    s->t[s->n].hit = 0;
    s->t[s->n].staged = json_is_true(json_object_get(o, "staged"));
    s->t[s->n].obs = !json_is_false(json_object_get(o, "observable"));
    s->t[s->n].meets = !json_is_false(json_object_get(o, "planned_meets"));
    s->sc.strict_truth[ty] += (unsigned)s->t[s->n].meets;
    if (s->t[s->n].obs) {
      s->sc.truth[ty]++;
      s->sc.truth_staged[ty] += (unsigned)s->t[s->n].staged;
    } else {
      s->sc.unobservable[ty]++;
    }
    s->n++;
  }
  json_decref(o);
  return rc;
}

int idt_aisev_scorer_new_mem(idt_aisev_scorer **out, const char *jsonl, size_t n,
                             double tol_s)
{
  idt_aisev_scorer *s = idt_calloc(1, sizeof *s);
  size_t i = 0, lineno = 0;
  int rc = 0;
  *out = NULL;
  if (!s)
    return IDT_ENOMEM;
  s->tol = tol_s > 0 ? tol_s : 3600;
  while (i < n && !rc) {
    const char *nl = memchr(jsonl + i, '\n', n - i);
    size_t len = nl ? (size_t)(nl - (jsonl + i)) : n - i;
    lineno++;
    if (len)
      rc = add_line(s, jsonl + i, len, lineno);
    i += len + 1;
  }
  if (rc) {
    idt_aisev_scorer_free(s);
    return rc;
  }
  *out = s;
  return 0;
}

int idt_aisev_scorer_new(idt_aisev_scorer **out, const char *path, double tol_s)
{
  idt_buf b;
  int rc;
  idt_buf_init(&b, (size_t)256 << 20);
  if (!(rc = idt_read_file(path, &b)))
    rc = idt_aisev_scorer_new_mem(out, b.p ? b.p : "", b.len, tol_s);
  idt_buf_free(&b);
  return rc;
}

void idt_aisev_scorer_free(idt_aisev_scorer *s)
{
  if (!s)
    return;
  idt_free(s->t);
  idt_free(s);
}

static int same_vessels(const truth *t, const idt_aisev_event *e)
{
  uint32_t a = e->v[0].mmsi, b = e->v[1].mmsi;
  if (t->type == IDT_AEV_ENCOUNTER)
    return (t->mmsi == a && t->mmsi2 == b) || (t->mmsi == b && t->mmsi2 == a);
  if (t->type == IDT_AEV_IDENTITY)
    return t->mmsi == a && t->mmsi2 == b;
  return t->mmsi == a;
}

/* The first unmatched record this detection matches, observable records
 * first; NULL with *dup set when it matches only records already hit. */
static truth *match(idt_aisev_scorer *s, const idt_aisev_event *e, int *dup)
{
  size_t i;
  int pass;
  for (pass = 1; pass >= 0; pass--)
    for (i = 0; i < s->n; i++) {
      truth *t = &s->t[i];
      if (t->obs != pass || t->type != e->type || !same_vessels(t, e) ||
          (double)e->end < (double)t->start - s->tol ||
          (double)e->start > (double)t->end + s->tol)
        continue;
      if (!t->hit)
        return t;
      *dup = 1;
    }
  return NULL;
}

int idt_aisev_scorer_event(void *ctx, const idt_aisev_event *e)
{
  idt_aisev_scorer *s = ctx;
  int dup = 0;
  truth *t = match(s, e, &dup);
  s->sc.strict_detected[e->type]++;
  if (t && t->meets)
    s->sc.strict_found[e->type]++;
  if (t && !t->obs) {
    t->hit = 1;
    s->sc.ambiguous[e->type]++;
    return 0;
  }
  s->sc.detected[e->type]++;
  if (t) {
    t->hit = 1;
    s->sc.correct[e->type]++;
    s->sc.found[e->type]++;
    s->sc.found_staged[e->type] += (unsigned)t->staged;
  } else if (!dup) {
    s->sc.false_events++;
  }
  return 0;
}

void idt_aisev_scorer_result(const idt_aisev_scorer *s, idt_aisev_score *out)
{
  *out = s->sc;
  out->vessel_days = s->vessel_days;
}
