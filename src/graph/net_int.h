/*
 * net_int.h - the network's internal layout, shared by the files of
 * src/graph: build.c (entities in, CSR out), pct.c (percentage text),
 * ownership.c (OFAC 50% and EU control fixpoints), paths.c (BFS, paths),
 * ppr.c (personalized PageRank on our CSR), intern.c (the id table),
 * rank.c (risk scaling and ranking; sampled betweenness; igraph Louvain
 * for small graphs), keynode.c (articulation points, components), export.c and cache.c (net_* tables).
 *
 * Nodes and edges are parallel arrays indexed by uint32 ids; adjacency is
 * CSR in both directions (out_off/out_e by source, in_off/in_e by target,
 * entries are edge indices). Strings live in one arena freed with the net.
 */
#ifndef IDT_GRAPH_NET_INT_H
#define IDT_GRAPH_NET_INT_H
#include <stdint.h>
#include "interdict/net.h"
#include "common/arena.h"
#include "common/map.h"
#include "common/buf.h"

enum {
  NODE_SEEN = 1 << 0,        /* the entity itself was added (not a stub) */
  NODE_DESIGNATED = 1 << 1,
  NODE_BLOCKED = 1 << 2,     /* OFAC 50%: certain (incl. designated) */
  NODE_POSSIBLE = 1 << 3,    /* OFAC 50%: on upper bounds (incl. certain) */
  NODE_EU = 1 << 4,          /* EU/UK owned or controlled (incl. designated) */
  NODE_ARTIC = 1 << 5
};

enum {
  EDGE_ENDED = 1 << 0,       /* endDate before today: inactive */
  EDGE_DUP = 1 << 1,         /* parallel ownership edge merged into another */
  EDGE_PCT_UNKNOWN = 1 << 2
};

/* The CSR entry byte: the edge's type in the low 5 bits and the flags the
 * traversals test, so a walk over a node's entries reads no edge array. */
enum {
  KIND_TYPE = 0x1f,
  KIND_ENDED = 0x20,         /* the edge has EDGE_ENDED */
  KIND_DUP = 0x40,           /* EDGE_DUP (set when parallels are merged) */
  KIND_LOOP = 0x80           /* source = target */
};

#define NET_NONE UINT32_MAX

typedef struct net_pivot {   /* one (value, node) posting */
  const char *key;           /* "I:" / "A:" / "P:" / "E:" + normalised value */
  uint32_t node;
} net_pivot;

struct idt_net {
  idt_net_opts opts;
  char today[11];
  idt_arena arena;
  struct net_slot *islots;   /* entity id -> node index (intern.c) */
  size_t icap;
  int finished, computed, merged;

  /* nodes */
  uint32_t n, ncap;
  const char **id, **source_id, **caption, **schema;
  char **programs;           /* arena strings, "a: p; b: q" */
  uint8_t *flags;

  /* edges */
  uint64_t m, mcap;
  uint32_t *src, *dst;
  uint8_t *type, *eflags;
  float *lo, *hi, *w;        /* ownership bounds (percent); PPR weight */
  const char **via;          /* relation entity id or shared value */

  /* pivots, until finish */
  net_pivot *piv;
  size_t npiv, pivcap;

  /* CSR; beside each entry the node at its other end and its kind byte */
  uint32_t *out_off, *out_e, *in_off, *in_e;
  uint32_t *out_nbr, *in_nbr;
  uint8_t *out_kind, *in_kind;

  idt_net_stats st;

  /* results */
  float *stake_lo, *stake_hi, *look;
  uint32_t *block_par;       /* edge that pushed the node over 50% */
  int32_t *hops;
  uint32_t *nearest, *hop_par;   /* nearest designated; BFS parent edge */
  double *risk;
  uint32_t *rank;            /* risk rank (1-based; 0 designated) */
  uint32_t ppr_sweeps;       /* Gauss-Seidel sweeps of the last compute */
  int32_t *community;
  double *betw;
  uint32_t *dneigh;
  char **path_cache;         /* lazily built explanation strings */
  uint32_t path_mask;
};

/* build.c */
int idt__net_grow_nodes(idt_net *n);
/* intern.c: the node of an id, created when new (NET_NONE on OOM); the
 * node of an id or NET_NONE; the table's release */
uint32_t idt__net_node(idt_net *n, const char *id);
uint32_t idt__net_lookup(const idt_net *n, const char *id);
void idt__net_intern_free(idt_net *n);
int idt__net_edge(idt_net *n, uint32_t s, uint32_t d, int type,
                  double lo, double hi, float w, const char *via);
/* ownership.c */
int idt__net_ownership(idt_net *n);
/* paths.c */
int idt__net_hops(idt_net *n, uint32_t mask);
int idt__net_explain(idt_net *n, uint32_t v, idt_buf *b);
void idt__net_step_fmt(const idt_net *n, uint64_t e, uint32_t from,
                       idt_buf *b);
/* rank.c */
int idt__net_rank(idt_net *n, const idt_net_compute_opts *o);
/* igraph's PRPACK personalized PageRank of the same walk, unscaled: the
 * reference ppr.c is tested and benchmarked against */
int idt__net_ppr_igraph(const idt_net *n, double damping, double *x);
/* igraph's articulation points (artic[v] 0/1) and weak components of the
 * same undirected view: the reference keynode.c is tested against */
int idt__net_keynodes_igraph(const idt_net *n, uint8_t *artic, int32_t *comp);
/* keynode.c: sets NODE_ARTIC; comp (may be NULL) gets component ids
 * numbered like igraph's; the number of components or < 0 */
int idt__net_artic(idt_net *n, int32_t *comp);
/* ppr.c: our personalized PageRank, unscaled (sums to 1); sweeps or < 0 */
int idt__net_ppr(const idt_net *n, double damping, double *x);
/* How far two PPR vectors are apart once scaled like the risk score: the
 * largest absolute difference, and Spearman's rank correlation over the
 * undesignated nodes (ties averaged). */
int idt__net_ppr_agree(const idt_net *n, const double *a, const double *b,
                       double *max_diff, double *spearman);
/* per-type PPR weight of an edge */
float idt__net_weight(const idt_net *n, uint64_t e);
#endif
