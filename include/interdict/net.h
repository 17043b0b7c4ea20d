/*
 * interdict/net.h - the ownership and control graph and network exposure.
 *
 * A network is built once per set of list versions: entities stream in
 * through idt_net_add (an idt_entity_fn, so it plugs into idt_store_load or
 * idt_ingest_run), idt_net_finish resolves references and lays the graph out
 * as CSR arrays with uint32 node ids, and idt_net_compute derives, for every
 * node: designation (list/program), the OFAC 50% rule (certain and possible,
 * as two least fixpoints over blocked owners), EU/UK-style owned-or-
 * controlled, the hop distance and explainable path to the nearest
 * designated entity, a personalized-PageRank risk score seeded on the
 * designated, and key-node measures (articulation points, sampled
 * betweenness, communities). Results can be saved in the store's SQLite file
 * (tables net_*) keyed by the list versions they were computed from, so a
 * screening hit only looks them up.
 *
 * Ownership: an idt_net owns copies of every string it keeps; strings handed
 * out through idt_net_exposure / idt_net_step are borrowed from the network
 * and valid until idt_net_free. Entities passed to idt_net_add are only read.
 *
 * Threads: igraph (Louvain communities on graphs up to community_max_edges)
 * is not thread-safe in its Debian build; idt_net_compute must not run on two
 * threads at once. A computed network is read-only and may be shared.
 *
 * Errors: 0 or negative IDT_E*: IDT_ENOMEM, IDT_EINVAL (misuse, e.g.
 * adding after finish), IDT_ENOTFOUND (unknown entity id), IDT_EPARSE
 * (percentage text), IDT_EDB (cache tables), IDT_EIO (export output).
 */
#ifndef INTERDICT_NET_H
#define INTERDICT_NET_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "interdict/common.h"
#include "interdict/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Edge types. Relationship schemata map one to one; REF_* come from an
 * entity's own entity-typed properties (Vessel/Vehicle/Airplane owner and
 * operator, LegalEntity parent); PIVOT_* link entities that share a value,
 * weighted by how specific the value is. */
typedef enum idt_net_etype {
  IDT_NET_OWNERSHIP, IDT_NET_DIRECTORSHIP, IDT_NET_FAMILY, IDT_NET_ASSOCIATE,
  IDT_NET_MEMBERSHIP, IDT_NET_EMPLOYMENT, IDT_NET_REPRESENTATION,
  IDT_NET_UNKNOWN_LINK, IDT_NET_PAYMENT, IDT_NET_SUCCESSION,
  IDT_NET_REF_OWNER, IDT_NET_REF_OPERATOR, IDT_NET_REF_PARENT,
  IDT_NET_PIVOT_ID, IDT_NET_PIVOT_ADDRESS, IDT_NET_PIVOT_PHONE,
  IDT_NET_PIVOT_EMAIL,
  IDT_NET_NTYPES
} idt_net_etype;

#define IDT_NET_BIT(t) (1u << (t))
#define IDT_NET_ALL ((1u << IDT_NET_NTYPES) - 1u)
#define IDT_NET_PIVOTS (IDT_NET_BIT(IDT_NET_PIVOT_ID) | \
  IDT_NET_BIT(IDT_NET_PIVOT_ADDRESS) | IDT_NET_BIT(IDT_NET_PIVOT_PHONE) | \
  IDT_NET_BIT(IDT_NET_PIVOT_EMAIL))

/* "ownership", "directorship", ..., "pivot_id"; NULL for out of range. */
const char *idt_net_etype_name(int t);
/* Parse a comma-separated list of type names (also "all", "pivots",
 * "relations") into a mask. IDT_EINVAL naming the unknown word. */
int idt_net_mask_parse(const char *s, uint32_t *mask);

/* Parse an ownership percentage into bounds in [0,100]: "50%", "38,85 %",
 * "0.5" (a bare number is a percentage, as in FtM: 0.5%), "25-50%", "25 to 50
 * percent", "between 25% and 50%", ">50%", "more than 25%", "at least 50%",
 * "up to 10%", "<25%", "majority", "minority", "wholly owned", UK PSC
 * strings such as "ownership-of-shares-25-to-50-percent". A strict ">50"
 * gives lo = 50 (the OFAC threshold is ">= 50", so it is certain either way).
 * IDT_EPARSE when no percentage can be read (the caller then treats the
 * stake as unknown: [0,100]). s need not be NUL-terminated. */
int idt_net_parse_pct(const char *s, size_t n, double *lo, double *hi);

typedef struct idt_net idt_net;

typedef struct idt_net_opts {
  unsigned version;       /* IDT_NET_OPTS_VERSION */
  int pivots;             /* link entities sharing identifiers etc. */
  unsigned pivot_cap;     /* a value held by more entities is generic and
                             links nothing (0: 20) */
  const char *today;      /* "YYYY-MM-DD": edges and sanctions that ended
                             before it are inactive (NULL: the clock) */
} idt_net_opts;
#define IDT_NET_OPTS_VERSION 1
#define IDT_NET_OPTS_INIT { IDT_NET_OPTS_VERSION, 1, 20, NULL }

/* New empty network; opts may be NULL (defaults). */
int idt_net_new(idt_net **out, const idt_net_opts *opts);
/* Add one entity (an idt_entity_fn: ctx is the idt_net). Nodes are the
 * non-edge entities; relationship entities become edges; Sanction entities
 * and the topic "sanction" mark designation. Fragments of one id merge.
 * References to ids never seen become stub nodes at finish. */
int idt_net_add(void *net, idt_entity *e);
/* Resolve references, build pivot links and the CSR adjacency. After it
 * nothing more can be added. */
int idt_net_finish(idt_net *n);
void idt_net_free(idt_net *n);

typedef struct idt_net_stats {
  uint32_t nodes, stubs, designated;
  uint64_t edges;
  uint64_t by_type[IDT_NET_NTYPES];
  uint64_t pct_unknown;     /* ownership edges with no readable percentage */
  uint64_t self_loops;      /* edges from a node to itself (kept, inert) */
  uint64_t ended;           /* edges ended before `today` (inactive) */
  uint64_t pivot_values;    /* shared values that linked entities */
  uint64_t pivot_generic;   /* shared by more than pivot_cap: not linked */
  uint32_t over_100;        /* assets whose stated stakes sum over 100% */
  uint32_t blocked_50, possibly_blocked_50, eu_controlled;  /* after compute */
  uint32_t lookthrough_rounds;  /* iterations the look-through series took */
} idt_net_stats;
void idt_net_stats_get(const idt_net *n, idt_net_stats *st);

typedef struct idt_net_compute_opts {
  unsigned version;            /* IDT_NET_COMPUTE_OPTS_VERSION */
  uint32_t path_mask;          /* edge types for hops and paths */
  double damping;              /* PageRank damping (0: 0.85) */
  int key_nodes;               /* articulation, betweenness, communities */
  unsigned betweenness_samples;/* BFS sources for betweenness: exact (all
                                  nodes) up to 2000 nodes, else up to this
                                  many designated sources (0: 256) */
  unsigned betweenness_cutoff; /* paths counted up to this many hops when
                                  sampled (0: 3) */
  uint64_t community_max_edges;/* up to: Louvain (igraph); above: community
                                  = connected component (0: 250000) */
} idt_net_compute_opts;
#define IDT_NET_COMPUTE_OPTS_VERSION 1
#define IDT_NET_COMPUTE_OPTS_INIT { IDT_NET_COMPUTE_OPTS_VERSION, IDT_NET_ALL, \
  0.85, 1, 0, 0, 0 }

/* Compute every exposure measure. Call after finish; may be called again
 * with other options. opts may be NULL (defaults). */
int idt_net_compute(idt_net *n, const idt_net_compute_opts *opts);

/* Per-entity result. Strings borrowed from the network (or, from
 * idt_net_stored_each, valid during the callback). */
typedef struct idt_net_exposure {
  const char *entity_id, *source_id, *schema, *caption;
  int designated;           /* listed itself (Sanction or topic) */
  const char *programs;     /* "authority: program; ..." or "" */
  int blocked_50;           /* OFAC 50%: certainly blocked (not designated) */
  int possibly_blocked_50;  /* blocked only on upper bounds */
  int eu_controlled;        /* EU/UK owned (>50%) or controlled */
  double stake_lo, stake_hi;/* aggregate stake held by (possibly) blocked
                               owners, percent */
  double lookthrough;       /* look-through (multiplied) stake of designated
                               owners over all chains, percent, on lower
                               bounds: the beneficial-ownership measure
                               (25% thresholds), reported beside OFAC's */
  int hops;                 /* to the nearest designated; 0 itself; -1 none */
  const char *nearest;      /* id of that designated entity, or NULL */
  const char *path;         /* explanation: the holding chain that blocks
                               it, else the path to the nearest; "" none */
  double risk;              /* personalized PageRank, max-normalised to 1 */
  uint32_t risk_rank;       /* 1 = riskiest undesignated; 0 designated */
  int32_t community;
  int articulation;         /* removing it disconnects its component */
  double betweenness;       /* (estimated) shortest-path betweenness */
  uint32_t designated_neighbours;  /* directly linked designated entities */
} idt_net_exposure;

size_t idt_net_count(const idt_net *n);
/* Node index of an entity id; IDT_ENOTFOUND. */
int idt_net_find(const idt_net *n, const char *entity_id, uint32_t *idx);
/* Exposure of node idx / of an entity id (IDT_ENOTFOUND). Valid after
 * compute; path strings are built lazily and cached in the network, so
 * these are not safe to call from two threads on one network. */
int idt_net_exposure_at(idt_net *n, uint32_t idx, idt_net_exposure *out);
int idt_net_exposure_get(idt_net *n, const char *entity_id,
                         idt_net_exposure *out);

/* Undesignated node indices ordered by risk (highest first), ties by id. */
int idt_net_ranking(const idt_net *n, uint32_t **order, size_t *count);

/* ---- paths ---- */
typedef struct idt_net_step {
  const char *from, *to;    /* entity ids, in walking order */
  const char *via;          /* relation entity id, or the shared value */
  int type;                 /* idt_net_etype */
  int forward;              /* walking along the relation's direction */
  double pct_lo, pct_hi;    /* ownership bounds (-1 when not ownership) */
} idt_net_step;

typedef struct idt_net_path {
  idt_net_step *steps;
  size_t n;
} idt_net_path;

/* Shortest path (fewest hops, edges in mask, either direction) from a to b.
 * IDT_ENOTFOUND for an unknown id or when no path exists (message says
 * which). *out freed with idt_net_path_free. */
int idt_net_path_between(const idt_net *n, const char *a, const char *b,
                         uint32_t mask, idt_net_path **out);
void idt_net_path_free(idt_net_path *p);
/* "A -[ownership 50%]-> B <-[directorship]- C": heap string (idt_free). */
char *idt_net_path_format(const idt_net_path *p);

/* ---- export ---- */
/* Write the graph (or the neighbourhood of around_id within hops) as
 * "graphml", "gexf", "dot" or "ftm" (JSON lines: nodes, then edges as FtM
 * relationship entities) with exposure attributes when computed. */
int idt_net_export(const idt_net *n, const char *format, const char *around_id,
                   unsigned hops, FILE *out);

/* ---- cache in the store file ---- */
/* Save computed results under key (the list versions they come from, e.g.
 * "ofac:12,un:14") in tables net_runs/net_exposure of the SQLite file at
 * db_path, replacing an earlier run with the same key. */
int idt_net_save(idt_net *n, const char *db_path, const char *key);
typedef int (*idt_net_exposure_fn)(void *ctx, const idt_net_exposure *e);
/* Stream saved results of run key (entity_id NULL: all, in risk order; else
 * that one). key NULL means the most recent run, whatever its versions: what
 * a screening hit uses to attach an exposure summary (the CLI refreshes the
 * run when lists change). Returns IDT_ENOTFOUND when no run has that key
 * (or the entity is not in it); fn returning non-zero stops and that value
 * is returned. */
int idt_net_stored_each(const char *db_path, const char *key,
                        const char *entity_id, idt_net_exposure_fn fn,
                        void *ctx);

#ifdef __cplusplus
}
#endif
#endif
