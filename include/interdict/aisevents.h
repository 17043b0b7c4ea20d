/*
 * interdict/aisevents.h - maritime evasion events from decoded AIS positions,
 * the AIS encoder and the scenario simulator that proves them.
 *
 * Layers:
 *   geometry   great-circle distances, places (ports as points with a grid
 *              index, zones as GeoJSON polygons with a latitude-band edge
 *              index), distance from shore over Natural Earth coastline
 *              (coast.c; the nearest port when none is loaded).
 *   detector   idt_aisev: positions and static data in (per vessel in time
 *              order; vessels interleaved as a receiver stream delivers
 *              them), events out through a callback: dark periods (gap),
 *              encounters (possible ship-to-ship transfers), loitering, port
 *              visits, zone entry/exit, impossible speed (spoofing or a shared
 *              identity), invalid positions and identity changes (one IMO
 *              under a new MMSI or name). Definitions follow Global Fishing
 *              Watch (docs/design/events.md) with the DPRK exceptions.
 *   encoder    the inverse of include/interdict/ais.h: 6-bit armouring,
 *              types 1/3, 5, 18, 24 and NMEA sentences with IEC 61162-450
 *              tag-block times.
 *   simulator  scripted vessels writing NMEA and a ground-truth file of the
 *              staged events; idt_aisev_score compares events to it.
 *
 * Ownership: an event handed to the callback and everything it points to
 * live only during the call. Places own their ports and polygons. Memory of
 * the detector follows the vessels active within idle_hours (one state of
 * ~1.8 kB each; a vessel silent longer keeps a ~100-byte dormant record),
 * the pairs currently close to each other and the open 10-minute buckets.
 * Errors: 0 or a negative IDT_E* with the detail in idt_error_msg().
 */
#ifndef INTERDICT_AISEVENTS_H
#define INTERDICT_AISEVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "interdict/common.h"
#include "interdict/ais.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IDT_NM_M 1852.0           /* metres in a nautical mile */

/* Great-circle distance in metres (haversine, mean Earth radius 6371 km). */
double idt_geo_dist_m(double lat1, double lon1, double lat2, double lon2);
/* Initial bearing in degrees [0,360) from point 1 to point 2. */
double idt_geo_bearing(double lat1, double lon1, double lat2, double lon2);
/* The point d metres from (lat,lon) along bearing brg (degrees). */
void idt_geo_dest(double lat, double lon, double brg, double d,
                  double *lat2, double *lon2);

/* ---- places: ports, zones, watch areas ---------------------------------- */

typedef struct idt_aisev_places idt_aisev_places;

typedef struct idt_aisev_port {
  const char *name;
  char iso3[4];                   /* "PRK", "CHN", "" when unknown */
  double lat, lon;
  int dprk;                       /* a DPRK port */
} idt_aisev_port;

enum idt_aisev_zone_kind {
  IDT_ZONE_USER = 0,              /* entry/exit events */
  IDT_ZONE_WATCH                  /* watch area: loitering anywhere inside,
                                     encounters kept near anchorages */
};

int idt_aisev_places_new(idt_aisev_places **out);
void idt_aisev_places_free(idt_aisev_places *p);
/* Add one port (name copied). */
int idt_aisev_places_add_port(idt_aisev_places *p, const char *name,
                              const char *iso3, double lat, double lon);
/* The DPRK ports of data/reference/dprk_ports.csv that have coordinates,
 * built in so the DPRK rules work without any file. */
int idt_aisev_places_add_dprk(idt_aisev_places *p);
/* A port list as CSV (libcsv), columns found by header name: either
 * WPI_ports.csv (iso3,label,sublabel,latitude,longitude) or dprk_ports.csv
 * (name,alt_names,lat,lon,...; every row is a DPRK port). Rows without
 * coordinates are skipped. IDT_EPARSE "name:line: why". */
int idt_aisev_places_load_ports(idt_aisev_places *p, const char *path);
int idt_aisev_places_ports_mem(idt_aisev_places *p, const char *name,
                               const char *csv, size_t n);
/* GeoJSON (jansson): a FeatureCollection, Feature or bare geometry of
 * Polygon/MultiPolygon (holes honoured); each feature is one zone named by
 * its "name"/"geoname"/"NAME" property, else by name_hint. IDT_EPARSE when
 * it holds no polygon. */
int idt_aisev_places_load_geojson(idt_aisev_places *p, const char *path,
                                  int kind);
int idt_aisev_places_geojson_mem(idt_aisev_places *p, const char *name_hint,
                                 const char *json, size_t n, int kind);
size_t idt_aisev_places_nports(const idt_aisev_places *p);
size_t idt_aisev_places_nzones(const idt_aisev_places *p);
const char *idt_aisev_places_zone_name(const idt_aisev_places *p, size_t i);
/* Distance in metres to the nearest port (port/anchorage rules; "shore"
 * without a coastline), and that port (may be NULL). Returns HUGE_VAL with
 * no ports. */
double idt_aisev_places_nearest(const idt_aisev_places *p, double lat,
                                double lon, const idt_aisev_port **port);
/* ---- coastline (coast.c) ---- */
/* Natural Earth 1:50m land (world-atlas land-50m.json, public domain) as
 * coastline segments in a 0.5-degree grid. _builtin reads the copy compiled
 * into the library for the web UI (IDT_ENOTFOUND when the build had none);
 * _topojson any TopoJSON whose arcs are land boundaries. */
typedef struct idt_aisev_coast idt_aisev_coast;
int idt_aisev_coast_builtin(idt_aisev_coast **out);
int idt_aisev_coast_topojson(idt_aisev_coast **out, const char *json, size_t n);
void idt_aisev_coast_free(idt_aisev_coast *c);
size_t idt_aisev_coast_nsegs(const idt_aisev_coast *c);
/* Metres from (lat, lon) to the nearest coastline; 0 on land; HUGE_VAL
 * when c is NULL or the point is NaN. */
double idt_aisev_coast_dist(const idt_aisev_coast *c, double lat, double lon);
/* Measure "from shore" against c (borrowed; NULL: back to the nearest
 * port). Port and anchorage rules keep the ports. */
void idt_aisev_places_set_coast(idt_aisev_places *p, const idt_aisev_coast *c);
/* Distance from shore in metres: the coastline when set, else the nearest
 * port (HUGE_VAL with neither). */
double idt_aisev_places_shore(const idt_aisev_places *p, double lat, double lon);
/* Same over DPRK ports only. */
double idt_aisev_places_nearest_dprk(const idt_aisev_places *p, double lat,
                                     double lon, const idt_aisev_port **port);
/* Is the point inside zone i? */
int idt_aisev_places_in_zone(const idt_aisev_places *p, size_t i, double lat,
                             double lon);
/* Index of the first watch area containing the point, or -1. */
int idt_aisev_places_in_watch(const idt_aisev_places *p, double lat, double lon);
/* Korea Bay (a built-in box, see docs/design/events.md). */
int idt_aisev_in_korea_bay(double lat, double lon);

/* ---- events -------------------------------------------------------------- */

enum idt_aisev_type {
  IDT_AEV_GAP = 0, IDT_AEV_ENCOUNTER, IDT_AEV_LOITER, IDT_AEV_PORT,
  IDT_AEV_ZONE_ENTRY, IDT_AEV_ZONE_EXIT, IDT_AEV_SPOOF, IDT_AEV_INVALID,
  IDT_AEV_IDENTITY, IDT_AEV_NTYPES
};
/* "gap", "encounter", "loitering", "port_visit", "zone_entry",
 * "zone_exit", "spoofing", "invalid_position", "identity_change". */
const char *idt_aisev_type_name(int type);
/* The type of a name, or -1. */
int idt_aisev_type_from_name(const char *name);

/* A list entry to mark events with (exact IMO or MMSI match). */
typedef struct idt_aisev_watch {
  uint32_t imo, mmsi;             /* 0 when the entry has none */
  const char *id, *caption, *dataset;
} idt_aisev_watch;

typedef struct idt_aisev_fix {
  int64_t t;                      /* unix seconds */
  double lat, lon, sog;           /* sog NaN when not reported */
} idt_aisev_fix;

typedef struct idt_aisev_vessel_info {
  uint32_t mmsi, imo;
  const char *name;               /* latest static name, "" when none */
  unsigned mid;                   /* MID of a ship MMSI (the claimed
                                     flag, ITU-R M.585), 0 otherwise */
  const char *flag;               /* ISO alpha-2 of that MID, "" unknown */
  const idt_aisev_watch *match;   /* list entry or NULL */
} idt_aisev_vessel_info;

typedef struct idt_aisev_event {
  int type;
  idt_aisev_vessel_info v[2];     /* v[1]: encounter partner; identity: the
                                     new identity (mmsi may equal v[0]) */
  int64_t start, end;             /* unix seconds (end == start: instant) */
  double lat, lon;                /* where: start / mean position */
  double lat2, lon2;              /* gap: where it ended; NaN otherwise */
  double hours;
  double dist_nm;                 /* gap, spoofing: distance of the jump */
  double speed_kn;                /* gap, spoofing: implied speed;
                                     encounter: median; loiter: mean SOG */
  double shore_nm;                /* distance from shore: coastline, or
                                     the nearest port without one */
  const char *place;              /* nearest port / zone / port visited */
  int dprk;                       /* in the DPRK vicinity */
  int intentional;                /* gap: likely intentional */
  int open;                       /* still under way at end of input */
  unsigned count;                 /* positions the event spans */
  const char *why;                /* rule that fired, with the numbers */
  const idt_aisev_fix *fixes;     /* evidence: the track around the event */
  size_t nfixes;
  const idt_aisev_fix *fixes2;    /* encounter: the partner's track */
  size_t nfixes2;
} idt_aisev_event;

typedef int (*idt_aisev_fn)(void *ctx, const idt_aisev_event *e);

/* Thresholds (defaults in the comments, from GFW unless marked). */
typedef struct idt_aisev_opts {
  unsigned version;               /* IDT_AISEV_OPTS_VERSION */
  double gap_hours;               /* 6 */
  double gap_intent_hours;        /* 12 */
  double gap_intent_shore_nm;     /* 50 */
  unsigned gap_intent_min_pos;    /* 14 positions ... */
  double gap_intent_window_h;     /* ... in the 12 h before */
  double dprk_radius_nm;          /* 100: DPRK vicinity (brief) */
  double dprk_gap_hours;          /* 6: likely intentional there (brief) */
  double dprk_waters_nm;          /* 30: encounters kept this near a DPRK
                                     port despite the anchorage rule */
  double enc_dist_m;              /* 500 */
  double enc_hours;               /* 2 */
  double enc_speed_kn;            /* 2 (median) */
  double enc_resample_min;        /* 10 */
  double enc_max_interp_h;        /* 1 */
  double enc_merge_h;             /* 4 */
  double enc_anchorage_km;        /* 10 */
  double loiter_speed_kn;         /* 2 */
  double loiter_hours;            /* 4 (carriers; GFW uses 2 for others) */
  double loiter_shore_nm;         /* 20 */
  double port_entry_km;           /* 3 */
  double port_exit_km;            /* 4 */
  double port_stop_kn;            /* 0.2 */
  double port_go_kn;              /* 0.5 */
  double port_gap_h;              /* 4: an in-port gap counts as a stop */
  double spoof_speed_kn;          /* 50 */
  double spoof_merge_h;           /* 6: jumps this close make one event */
  double max_lag_s;               /* 3600: disorder tolerated across vessels
                                     before a 10-min bucket is closed */
  size_t evidence;                /* 24 positions kept per event */
  idt_aisev_fn emit;
  void *ctx;
  /* Version 2. */
  double idle_hours;              /* 48: a vessel silent this long (stream
                                     time) has its open events closed as at
                                     end of input and its state released,
                                     keeping a small dormant record, so that
                                     memory follows the active vessels; 0:
                                     never (docs/design/events.md) */
} idt_aisev_opts;
#define IDT_AISEV_OPTS_VERSION 2
#define IDT_AISEV_OPTS_INIT { IDT_AISEV_OPTS_VERSION, 6, 12, 50, 14, 12, 100, \
  6, 30, 500, 2, 2, 10, 1, 4, 10, 2, 4, 20, 3, 4, 0.2, 0.5, 4, 50, 6, 3600, \
  24, NULL, NULL, 48 }

typedef struct idt_aisev idt_aisev;

typedef struct idt_aisev_stats {
  unsigned long long positions, static_msgs, no_time, out_of_order, invalid;
  unsigned long long vessels, segments, events[IDT_AEV_NTYPES];
  unsigned long long enc_dropped_anchorage, enc_candidates;
  unsigned long long resampled, pairs_open_max;
  /* Memory (idle_hours): vessels with full state now and at most, slots
   * allocated (peak active plus those waiting for eviction), compact
   * dormant records now, evictions and returns, and the detector's state
   * in bytes (vessels, dormant records, MMSI and IMO tables, pairs,
   * buckets) now and at most. */
  unsigned long long active, active_max, slots, dormant, evicted, revived;
  unsigned long long state_bytes, state_bytes_max;
} idt_aisev_stats;

/* places and the watch list are borrowed and must outlive the detector
 * (either may be NULL). opts is copied. */
int idt_aisev_new(idt_aisev **out, const idt_aisev_opts *opts,
                  const idt_aisev_places *places,
                  const idt_aisev_watch *watch, size_t nwatch);
void idt_aisev_free(idt_aisev *d);
/* One position. t in unix seconds; lat/lon NaN (the 91/181 sentinels) or
 * out of range make an invalid-position event; sog NaN when unknown.
 * Returns 0 or the first non-zero value of the callback. */
int idt_aisev_position(idt_aisev *d, uint32_t mmsi, int64_t t, double lat,
                       double lon, double sog);
/* Static data (type 5, 19, 24): imo 0 and name NULL when not carried. */
int idt_aisev_static(idt_aisev *d, uint32_t mmsi, int64_t t, uint32_t imo,
                     const char *name);
/* A decoded message: positions and static data are taken from it, other
 * types ignored (returns 0). */
int idt_aisev_msg(idt_aisev *d, const idt_ais_msg *m);
/* End of input: close what is open (encounters, loitering, port visits
 * under way are emitted with open=1; so are a vessel's when it is evicted
 * after idle_hours of silence). */
int idt_aisev_finish(idt_aisev *d);
void idt_aisev_get_stats(const idt_aisev *d, idt_aisev_stats *out);

/* Output: one JSON object per event (with "\n"). opts for the thresholds
 * block; returns 0 or IDT_ELIMIT/IDT_ENOMEM. */
int idt_aisev_json(FILE *f, const idt_aisev_event *e, const idt_aisev_opts *o);
/* GeoJSON FeatureCollection: _begin, one _feature per event (the event's
 * geometry plus a LineString of its evidence track), _end. */
int idt_aisev_geojson_begin(FILE *f);
int idt_aisev_geojson_feature(FILE *f, const idt_aisev_event *e, int first);
int idt_aisev_geojson_end(FILE *f);

/* ---- encoder ------------------------------------------------------------- */

/* Fields to encode; 0/empty values mean "not available" where the protocol
 * has a sentinel (lat 91, lon 181, speed 1023, course 3600, heading 511). */
typedef struct idt_ais_enc {
  unsigned type, repeat, mmsi;
  unsigned status;                /* types 1-3 navigational status */
  double lat, lon;                /* degrees; NaN encodes 91/181 */
  double sog, cog;                /* knots, degrees; NaN: not available */
  int heading;                    /* -1: 511 */
  unsigned second;                /* UTC second 0-59, 60 = n/a */
  uint32_t imo;                   /* type 5 */
  const char *name, *callsign, *destination; /* types 5, 24 (NULL = "") */
  unsigned shiptype;              /* types 5, 24B */
  unsigned to_bow, to_stern, to_port, to_starboard;
  unsigned part;                  /* type 24: 0 = A, 1 = B */
  unsigned draught;               /* decimetres, type 5 */
} idt_ais_enc;

/* Encode the message's bits into 6-bit armoured payload text (NUL-
 * terminated) and its fill bit count. cap >= 80 always suffices.
 * IDT_EINVAL for an unsupported type, IDT_ELIMIT when cap is too small. */
int idt_ais_encode_payload(const idt_ais_enc *m, char *payload, size_t cap,
                           unsigned *fill);
/* Whole NMEA lines (several for a multi-part type 5, each ending "\r\n"),
 * each with a tag block \s:src,c:time*hh\ when t >= 0 (src may be NULL).
 * seqid 0-9 is used for multi-part groups. Returns the bytes written or a
 * negative IDT_ELIMIT; cap >= 512 always suffices. */
int idt_ais_encode_nmea(const idt_ais_enc *m, int64_t t, const char *src,
                        char channel, unsigned seqid, char *out, size_t cap);

/* ---- simulator ----------------------------------------------------------- */

typedef struct idt_aisim_opts {
  unsigned version;               /* IDT_AISIM_OPTS_VERSION */
  const char *scenario;           /* "dprk" (default), "background" */
  uint64_t seed;                  /* 1 */
  unsigned vessels;               /* background vessels, 300 */
  double hours;                   /* 48 */
  int64_t start;                  /* unix time of hour 0; default 2024-03-01 */
  double noise_m;                 /* position noise (1 sigma), 10 m */
  double drop;                    /* terrestrial message loss, 0.1 */
  double sat_period_min;          /* satellite revisit, 90 min */
  double sat_window_min;          /* pass length, 10 min */
  double sat_receive;             /* share received during a pass, 0.5 */
  double terrestrial_nm;          /* coast-station range, 40 nm */
  const idt_aisev_places *zones;  /* zone crossings staged when it has one */
  const idt_aisev_coast *coast;   /* truth's "offshore" measured to it when
                                     set (as the detector's), else to ports */
} idt_aisim_opts;
#define IDT_AISIM_OPTS_VERSION 1
#define IDT_AISIM_OPTS_INIT { IDT_AISIM_OPTS_VERSION, "dprk", 1, 300, 48, \
  1709251200, 10, 0.1, 90, 10, 0.5, 40, NULL, NULL }

typedef struct idt_aisim_stats {
  unsigned long long lines, positions, statics, vessels, truth;
  double vessel_days;
} idt_aisim_stats;

/* Write the scenario's NMEA to nmea and its ground truth (JSON lines, one
 * staged event each) to truth (may be NULL). Messages come out in time
 * order. IDT_EINVAL for an unknown scenario; IDT_EIO on a write error. */
int idt_aisim_run(const idt_aisim_opts *o, FILE *nmea, FILE *truth,
                  idt_aisim_stats *st);

/* ---- scoring against ground truth ---------------------------------------- */

/* Truth records carry "observable" (absent: true), set by the simulator's
 * one observability rule (docs/design/events.md): a record the delivered
 * messages cannot show for sure is ambiguous, and counts neither for
 * recall nor, when a detection matches it, for precision. */
typedef struct idt_aisev_score {
  unsigned truth[IDT_AEV_NTYPES], found[IDT_AEV_NTYPES];  /* recall, over
                                     observable records */
  unsigned detected[IDT_AEV_NTYPES], correct[IDT_AEV_NTYPES]; /* precision:
                                     detections less the ambiguous ones */
  unsigned truth_staged[IDT_AEV_NTYPES], found_staged[IDT_AEV_NTYPES];
                                  /* recall over the scripted events only
                                     (observable, "staged":true) */
  unsigned unobservable[IDT_AEV_NTYPES]; /* records with observable false */
  unsigned ambiguous[IDT_AEV_NTYPES];    /* detections matching those */
  /* Strict score, without the observability rule: positives are all
   * records whose plan meets the type's threshold ("planned_meets", absent:
   * true), observable or not; every detection counts, and one matching a
   * record below the threshold is a wrong one. */
  unsigned strict_truth[IDT_AEV_NTYPES], strict_found[IDT_AEV_NTYPES];
  unsigned strict_detected[IDT_AEV_NTYPES];
  unsigned false_events;          /* detected events matching no truth */
  double vessel_days;
} idt_aisev_score;
typedef struct idt_aisev_scorer idt_aisev_scorer;
/* Read a truth file written by idt_aisim_run (JSON lines). tol_s widens
 * every truth interval on both sides when matching (default 3600). */
int idt_aisev_scorer_new(idt_aisev_scorer **out, const char *truth_path,
                         double tol_s);
int idt_aisev_scorer_new_mem(idt_aisev_scorer **out, const char *jsonl,
                             size_t n, double tol_s);
void idt_aisev_scorer_free(idt_aisev_scorer *s);
/* Feed each detected event (an idt_aisev_fn: pass the scorer as ctx). */
int idt_aisev_scorer_event(void *scorer, const idt_aisev_event *e);
void idt_aisev_scorer_result(const idt_aisev_scorer *s, idt_aisev_score *out);

#ifdef __cplusplus
}
#endif
#endif
