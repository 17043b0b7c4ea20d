/*
 * net_out.c - exposure rows for `interdict net exposure` (JSON lines via
 * jansson, CSV via libcsv's quoting) and candidates for `net candidates`
 * (a table for reading, or JSON lines) with the evidence that ranks them.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <csv.h>
#include "net_cli.h"

static void csv_str(FILE *f, const char *s, int last)
{
  csv_fwrite(f, s ? s : "", s ? strlen(s) : 0);
  fputc(last ? '\n' : ',', f);
}

static void put_json(FILE *f, json_t *o)
{
  char *s = json_dumps(o, JSON_COMPACT);
  if (s) {
    fputs(s, f);
    fputc('\n', f);
    free(s);
  }
  json_decref(o);
}

static json_t *opt_str(const char *s)
{
  return s ? json_string(s) : json_null();
}

int net_out_row(void *ctx, const idt_net_exposure *x)
{
  net_out *o = ctx;
  if (o->limit >= 0 && o->written >= o->limit)
    return 0;
  o->written++;
  if (o->csv) {
    char num[64];
    if (!o->header_done) {
      fputs("entity_id,source_id,schema,caption,designated,programs,blocked_50,"
            "possibly_blocked_50,eu_controlled,stake_lo,stake_hi,lookthrough,hops,nearest,path,"
            "risk,risk_rank,community,articulation,betweenness\n", o->f);
      o->header_done = 1;
    }
    csv_str(o->f, x->entity_id, 0);
    csv_str(o->f, x->source_id, 0);
    csv_str(o->f, x->schema, 0);
    csv_str(o->f, x->caption, 0);
    fprintf(o->f, "%d,", x->designated);
    csv_str(o->f, x->programs, 0);
    fprintf(o->f, "%d,%d,%d,%g,%g,%.4g,%d,", x->blocked_50, x->possibly_blocked_50,
            x->eu_controlled, x->stake_lo, x->stake_hi, x->lookthrough, x->hops);
    csv_str(o->f, x->nearest, 0);
    csv_str(o->f, x->path, 0);
    snprintf(num, sizeof num, "%.6g", x->risk);
    fprintf(o->f, "%s,%u,%d,%d,%.6g\n", num, x->risk_rank, x->community,
            x->articulation, x->betweenness);
    return 0;
  }
  {
    json_t *j = json_object();
    json_object_set_new(j, "entity_id", json_string(x->entity_id));
    json_object_set_new(j, "source_id", opt_str(x->source_id));
    json_object_set_new(j, "schema", json_string(x->schema ? x->schema : ""));
    json_object_set_new(j, "caption", json_string(x->caption ? x->caption : ""));
    json_object_set_new(j, "designated", json_boolean(x->designated));
    json_object_set_new(j, "programs", json_string(x->programs ? x->programs : ""));
    json_object_set_new(j, "blocked_50", json_boolean(x->blocked_50));
    json_object_set_new(j, "possibly_blocked_50", json_boolean(x->possibly_blocked_50));
    json_object_set_new(j, "eu_controlled", json_boolean(x->eu_controlled));
    json_object_set_new(j, "stake_lo", json_real(x->stake_lo));
    json_object_set_new(j, "stake_hi", json_real(x->stake_hi));
    json_object_set_new(j, "lookthrough", json_real(x->lookthrough));
    json_object_set_new(j, "hops", x->hops >= 0 ? json_integer(x->hops) : json_null());
    json_object_set_new(j, "nearest", opt_str(x->nearest));
    json_object_set_new(j, "path", json_string(x->path ? x->path : ""));
    json_object_set_new(j, "risk", json_real(x->risk));
    json_object_set_new(j, "risk_rank", json_integer(x->risk_rank));
    json_object_set_new(j, "community", json_integer(x->community));
    json_object_set_new(j, "articulation", json_boolean(x->articulation));
    json_object_set_new(j, "betweenness", json_real(x->betweenness));
    json_object_set_new(j, "designated_neighbours", json_integer(x->designated_neighbours));
    put_json(o->f, j);
  }
  return 0;
}

/* The evidence, in the order an investigator reads it. */
static void evidence(char *buf, size_t cap, const idt_net_exposure *x)
{
  size_t k = 0;
  int w;
#define EV(...) do { w = snprintf(buf + k, cap - k, __VA_ARGS__); \
  if (w > 0 && (size_t)w < cap - k) k += (size_t)w; } while (0)
  buf[0] = 0;
  if (x->blocked_50)
    EV("OFAC 50%%: blocked, %g%% held by blocked owners; ", x->stake_lo);
  else if (x->possibly_blocked_50)
    EV("OFAC 50%%: possibly blocked, %g-%g%% held by (possibly) blocked owners; ",
       x->stake_lo, x->stake_hi);
  if (x->eu_controlled)
    EV("EU/UK owned or controlled; ");
  if (x->lookthrough >= 25)
    EV("look-through %.3g%% held by designated owners; ", x->lookthrough);
  if (x->designated_neighbours)
    EV("%u designated neighbour%s; ", x->designated_neighbours,
       x->designated_neighbours == 1 ? "" : "s");
  if (x->hops > 0)
    EV("%d hop%s to %s", x->hops, x->hops == 1 ? "" : "s", x->nearest);
  if (x->articulation)
    EV("; articulation point");
#undef EV
}

int net_candidate_row(void *ctx, const idt_net_exposure *x)
{
  net_out *o = ctx;
  char ev[1024];
  if (x->designated || x->risk <= 0)
    return 0;
  if (o->limit >= 0 && o->written >= o->limit)
    return 1;   /* stop: rows come in risk order */
  o->written++;
  evidence(ev, sizeof ev, x);
  if (o->csv) {   /* "table" for candidates */
    fprintf(o->f, "%4u  %.4f  %-28s %s\n      %s\n      path: %s\n", x->risk_rank,
            x->risk, x->entity_id, x->caption ? x->caption : "", ev,
            x->path && x->path[0] ? x->path : "-");
    return 0;
  }
  {
    json_t *j = json_object();
    json_object_set_new(j, "rank", json_integer(x->risk_rank));
    json_object_set_new(j, "risk", json_real(x->risk));
    json_object_set_new(j, "entity_id", json_string(x->entity_id));
    json_object_set_new(j, "caption", json_string(x->caption ? x->caption : ""));
    json_object_set_new(j, "schema", json_string(x->schema ? x->schema : ""));
    json_object_set_new(j, "evidence", json_string(ev));
    json_object_set_new(j, "blocked_50", json_boolean(x->blocked_50));
    json_object_set_new(j, "possibly_blocked_50", json_boolean(x->possibly_blocked_50));
    json_object_set_new(j, "eu_controlled", json_boolean(x->eu_controlled));
    json_object_set_new(j, "designated_neighbours", json_integer(x->designated_neighbours));
    json_object_set_new(j, "hops", x->hops >= 0 ? json_integer(x->hops) : json_null());
    json_object_set_new(j, "nearest", opt_str(x->nearest));
    json_object_set_new(j, "path", json_string(x->path ? x->path : ""));
    json_object_set_new(j, "betweenness", json_real(x->betweenness));
    put_json(o->f, j);
  }
  return 0;
}
