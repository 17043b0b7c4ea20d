/*
 * events_out.c - events as JSON lines and as a GeoJSON FeatureCollection.
 *
 * Each event carries its evidence: the rule that fired with its numbers
 * ("why"), the thresholds in force for its type, and the track around it.
 * GeoJSON: per event a Point (or, for a gap, the LineString across the
 * silence) with the event's properties, plus LineStrings of the evidence
 * tracks (role "track"), so QGIS shows where and what led to it. Written
 * with idt_buf rather than jansson: output only, streaming, no tree.
 */
#include <math.h>
#include <string.h>
#include "ais/events_int.h"

static void num(idt_buf *b, const char *k, double v, int prec)
{
  if (isnan(v) || isinf(v))
    idt_buf_printf(b, ",\"%s\":null", k);
  else
    idt_buf_printf(b, ",\"%s\":%.*f", k, prec, v);
}

static void str(idt_buf *b, const char *k, const char *v)
{
  idt_buf_printf(b, ",\"%s\":", k);
  idt_buf_json_str(b, v ? v : "", v ? strlen(v) : 0);
}

static void vessel(idt_buf *b, const idt_aisev_vessel_info *v, int nested)
{
  idt_buf_printf(b, "\"mmsi\":%u,\"imo\":%u", v->mmsi, v->imo);
  str(b, "name", v->name);
  idt_buf_printf(b, ",\"mid\":%u", v->mid);
  str(b, "flag", v->flag);
  if (nested)
    idt_buf_printf(b, ",\"listed\":%s", v->match ? "true" : "false");
  if (v->match) {
    idt_buf_puts(b, ",\"list_match\":{");
    idt_buf_puts(b, "\"id\":");
    idt_buf_json_str(b, v->match->id ? v->match->id : "", v->match->id ? strlen(v->match->id) : 0);
    str(b, "caption", v->match->caption);
    str(b, "dataset", v->match->dataset);
    str(b, "by", v->match->imo && v->match->imo == v->imo ? "imo" : "mmsi");
    idt_buf_putc(b, '}');
  }
}

static void thresholds(idt_buf *b, int type, const idt_aisev_opts *o)
{
  idt_buf_puts(b, ",\"thresholds\":{");
  switch (type) {
  case IDT_AEV_GAP:
    idt_buf_printf(b, "\"gap_hours\":%g,\"intent_hours\":%g,\"intent_shore_nm\":%g,"
                   "\"intent_min_positions\":%u,\"intent_window_hours\":%g,"
                   "\"dprk_radius_nm\":%g,\"dprk_gap_hours\":%g", o->gap_hours,
                   o->gap_intent_hours, o->gap_intent_shore_nm, o->gap_intent_min_pos,
                   o->gap_intent_window_h, o->dprk_radius_nm, o->dprk_gap_hours);
    break;
  case IDT_AEV_ENCOUNTER:
    idt_buf_printf(b, "\"distance_m\":%g,\"hours\":%g,\"median_speed_kn\":%g,"
                   "\"resample_min\":%g,\"max_interp_hours\":%g,\"merge_hours\":%g,"
                   "\"anchorage_km\":%g,\"dprk_waters_nm\":%g", o->enc_dist_m,
                   o->enc_hours, o->enc_speed_kn, o->enc_resample_min,
                   o->enc_max_interp_h, o->enc_merge_h, o->enc_anchorage_km,
                   o->dprk_waters_nm);
    break;
  case IDT_AEV_LOITER:
    idt_buf_printf(b, "\"speed_kn\":%g,\"hours\":%g,\"shore_nm\":%g",
                   o->loiter_speed_kn, o->loiter_hours, o->loiter_shore_nm);
    break;
  case IDT_AEV_PORT:
    idt_buf_printf(b, "\"entry_km\":%g,\"exit_km\":%g,\"stop_kn\":%g,\"go_kn\":%g,"
                   "\"in_port_gap_hours\":%g", o->port_entry_km, o->port_exit_km,
                   o->port_stop_kn, o->port_go_kn, o->port_gap_h);
    break;
  case IDT_AEV_SPOOF:
    idt_buf_printf(b, "\"speed_kn\":%g,\"merge_hours\":%g", o->spoof_speed_kn,
                   o->spoof_merge_h);
    break;
  default:
    break;
  }
  idt_buf_putc(b, '}');
}

static void fixes(idt_buf *b, const char *k, const idt_aisev_fix *f, size_t n)
{
  size_t i;
  idt_buf_printf(b, ",\"%s\":[", k);
  for (i = 0; i < n; i++) {
    char iso[24];
    idt__iso_time(f[i].t, iso);
    idt_buf_printf(b, "%s{\"time\":\"%s\",\"lat\":%.6f,\"lon\":%.6f", i ? "," : "",
                   iso, f[i].lat, f[i].lon);
    num(b, "sog", f[i].sog, 1);
    idt_buf_putc(b, '}');
  }
  idt_buf_putc(b, ']');
}

static const char *speed_key(int type)
{
  switch (type) {
  case IDT_AEV_ENCOUNTER: return "median_speed_kn";
  case IDT_AEV_LOITER: return "mean_speed_kn";
  default: return "implied_speed_kn";
  }
}

/* The event's properties, without braces. */
static void props(idt_buf *b, const idt_aisev_event *e, const idt_aisev_opts *o)
{
  char s[24], t[24];
  idt__iso_time(e->start, s);
  idt__iso_time(e->end, t);
  idt_buf_printf(b, "\"type\":\"%s\",\"start\":\"%s\",\"end\":\"%s\","
                 "\"start_unix\":%lld,\"end_unix\":%lld", idt_aisev_type_name(e->type),
                 s, t, (long long)e->start, (long long)e->end);
  num(b, "hours", e->hours, 2);
  idt_buf_putc(b, ',');
  vessel(b, &e->v[0], 0);
  if (e->type == IDT_AEV_ENCOUNTER || e->type == IDT_AEV_IDENTITY) {
    idt_buf_printf(b, ",\"%s\":{", e->type == IDT_AEV_ENCOUNTER ? "partner" : "new_identity");
    vessel(b, &e->v[1], 1);
    idt_buf_putc(b, '}');
  }
  idt_buf_printf(b, ",\"listed\":%s", e->v[0].match || e->v[1].match ? "true" : "false");
  num(b, "lat", e->lat, 6);
  num(b, "lon", e->lon, 6);
  if (!isnan(e->lat2)) {
    num(b, "lat_end", e->lat2, 6);
    num(b, "lon_end", e->lon2, 6);
  }
  if (!isnan(e->dist_nm))
    num(b, "distance_nm", e->dist_nm, 2);
  if (!isnan(e->speed_kn))
    num(b, speed_key(e->type), e->speed_kn, 2);
  num(b, "shore_nm", e->shore_nm, 1);
  str(b, "place", e->place);
  idt_buf_printf(b, ",\"dprk_vicinity\":%s", e->dprk ? "true" : "false");
  if (e->type == IDT_AEV_GAP)
    idt_buf_printf(b, ",\"likely_intentional\":%s", e->intentional ? "true" : "false");
  idt_buf_printf(b, ",\"open\":%s,\"positions\":%u", e->open ? "true" : "false", e->count);
  str(b, "why", e->why);
  if (o)
    thresholds(b, e->type, o);
}

static int put(FILE *f, idt_buf *b)
{
  int rc = 0;
  if (!b->p)
    rc = IDT_ENOMEM;
  else if (fwrite(b->p, 1, b->len, f) != b->len)
    rc = idt_error_set(IDT_EIO, "events: write error");
  idt_buf_free(b);
  return rc;
}

int idt_aisev_json(FILE *f, const idt_aisev_event *e, const idt_aisev_opts *o)
{
  idt_buf b;
  idt_buf_init(&b, (size_t)1 << 20);
  idt_buf_putc(&b, '{');
  props(&b, e, o);
  fixes(&b, "evidence", e->fixes, e->nfixes);
  if (e->nfixes2)
    fixes(&b, "evidence_partner", e->fixes2, e->nfixes2);
  idt_buf_puts(&b, "}\n");
  return put(f, &b);
}

int idt_aisev_geojson_begin(FILE *f)
{
  return fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f) < 0
             ? idt_error_set(IDT_EIO, "geojson: write error") : 0;
}

static void line(idt_buf *b, const idt_aisev_fix *f, size_t n)
{
  size_t i;
  idt_buf_puts(b, "{\"type\":\"LineString\",\"coordinates\":[");
  for (i = 0; i < n; i++)
    idt_buf_printf(b, "%s[%.6f,%.6f]", i ? "," : "", f[i].lon, f[i].lat);
  idt_buf_puts(b, "]}");
}

static void track(idt_buf *b, const idt_aisev_event *e, const idt_aisev_vessel_info *v,
                  const idt_aisev_fix *f, size_t n)
{
  char s[24], t[24];
  if (n < 2)
    return;
  idt__iso_time(f[0].t, s);
  idt__iso_time(f[n - 1].t, t);
  idt_buf_puts(b, ",\n{\"type\":\"Feature\",\"geometry\":");
  line(b, f, n);
  idt_buf_printf(b, ",\"properties\":{\"role\":\"track\",\"event\":\"%s\",\"mmsi\":%u,"
                 "\"start_unix\":%lld,\"start\":\"%s\",\"end\":\"%s\",\"positions\":%zu}}",
                 idt_aisev_type_name(e->type), v->mmsi, (long long)e->start, s, t, n);
}

int idt_aisev_geojson_feature(FILE *f, const idt_aisev_event *e, int first)
{
  idt_buf b;
  idt_buf_init(&b, (size_t)1 << 20);
  if (!first)
    idt_buf_puts(&b, ",\n");
  idt_buf_puts(&b, "{\"type\":\"Feature\",\"geometry\":");
  if (isnan(e->lat) || isnan(e->lon))
    idt_buf_puts(&b, "null");
  else if (e->type == IDT_AEV_GAP && !isnan(e->lat2))
    idt_buf_printf(&b, "{\"type\":\"LineString\",\"coordinates\":[[%.6f,%.6f],[%.6f,%.6f]]}",
                   e->lon, e->lat, e->lon2, e->lat2);
  else
    idt_buf_printf(&b, "{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}", e->lon, e->lat);
  idt_buf_puts(&b, ",\"properties\":{\"role\":\"event\",");
  props(&b, e, NULL);
  idt_buf_puts(&b, "}}");
  track(&b, e, &e->v[0], e->fixes, e->nfixes);
  track(&b, e, &e->v[1], e->fixes2, e->nfixes2);
  return put(f, &b);
}

int idt_aisev_geojson_end(FILE *f)
{
  return fputs("\n]}\n", f) < 0 ? idt_error_set(IDT_EIO, "geojson: write error") : 0;
}
