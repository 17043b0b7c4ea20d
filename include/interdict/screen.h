/*
 * interdict/screen.h - screening: an in-memory index over listed entities
 * and an explainable scorer for names, identifiers and qualifiers.
 *
 * Lifecycle: a builder receives entities (from the store, a parser or the
 * caller), then idt_screen_build() freezes them into an immutable index:
 * one arena, shared read-only by any number of threads; each thread runs
 * its own queries (the text pipeline caches one ICU transliterator per
 * thread). Results own their strings and are freed with
 * idt_screen_result_free().
 *
 * Scores are in [0,1]: 0.9 x the best name score over the entity's names,
 * plus 0.05 as a neutral base, plus qualifier contributions (birth date
 * +0.04 / +0.02 for the year / -0.15 disjoint; country +0.01 / -0.08;
 * gender -0.15); an exact identifier hit (IMO, MMSI, passport, wallet ...)
 * scores 0.97 + 0.03 x name. A name-only exact match is thus 0.95 and the
 * same name with a corroborating birth date 0.99: scores rank, they do not
 * saturate. The default threshold is IDT_SCREEN_THRESHOLD.
 *
 * Errors: 0 or a negative IDT_E* with the detail in idt_error_msg().
 */
#ifndef INTERDICT_SCREEN_H
#define INTERDICT_SCREEN_H
#include <stddef.h>
#include <stdint.h>
#include "interdict/common.h"
#include "interdict/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IDT_SCREEN_THRESHOLD 0.70

typedef struct idt_screen_builder idt_screen_builder;
typedef struct idt_screen_index idt_screen_index;

int idt_screen_builder_new(idt_screen_builder **out);
/* Add (copy) one entity; entities with the same id are merged. Entities of
 * non-matchable schemata (edges, Sanction, Address) are ignored except
 * CryptoWallet, whose address is attached to its holder when present. Usable
 * directly as an idt_entity_fn (ctx = the builder). */
int idt_screen_builder_add(void *builder, idt_entity *e);
/* Record the version of a dataset (echoed in screening output). */
int idt_screen_builder_version(idt_screen_builder *b, const char *dataset,
                               const char *version);
/* Freeze into an index; the builder is consumed (freed) in every case. */
int idt_screen_build(idt_screen_builder *b, idt_screen_index **out);
void idt_screen_builder_free(idt_screen_builder *b);
void idt_screen_index_free(idt_screen_index *ix);

typedef struct idt_screen_stats {
  size_t entities, names, terms, postings, identifiers;
  size_t bytes;           /* arena + tables */
  double build_seconds;
} idt_screen_stats;
void idt_screen_index_stats(const idt_screen_index *ix, idt_screen_stats *st);
/* {"dataset":"version",...} as a JSON object text (borrowed). */
const char *idt_screen_index_versions(const idt_screen_index *ix);

/* A query. All fields optional but name or an identifier. */
typedef struct idt_screen_query {
  unsigned version;            /* IDT_SCREEN_QUERY_VERSION */
  const char *id;
  const char *schema;          /* FtM schema name; NULL: any */
  const char *name;
  const char *const *aliases;
  size_t naliases;
  const char *birth_date;      /* YYYY, YYYY-MM or YYYY-MM-DD */
  const char *nationality;     /* ISO code or name as lists spell it */
  const char *country;
  const char *gender;          /* male / female */
  const char *imo, *mmsi, *passport, *id_number, *wallet;
} idt_screen_query;
#define IDT_SCREEN_QUERY_VERSION 1
#define IDT_SCREEN_QUERY_INIT { IDT_SCREEN_QUERY_VERSION, NULL, NULL, NULL, NULL, 0, \
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

enum {
  IDT_SCREEN_MODE_DEFAULT = 0,
  IDT_SCREEN_MODE_OFAC = 1       /* OFAC Sanctions List Search compatible */
};

typedef struct idt_screen_opts {
  unsigned version;            /* IDT_SCREEN_OPTS_VERSION */
  double threshold;            /* hits below are dropped (all: < 0) */
  size_t limit;                /* most hits returned */
  int mode;
  int exhaustive;              /* score every entity (recall measurement) */
  const char *const *datasets; /* restrict to these datasets; NULL: all */
  size_t ndatasets;
} idt_screen_opts;
#define IDT_SCREEN_OPTS_VERSION 1
#define IDT_SCREEN_OPTS_INIT { IDT_SCREEN_OPTS_VERSION, IDT_SCREEN_THRESHOLD, 10, \
    IDT_SCREEN_MODE_DEFAULT, 0, NULL, 0 }

/* One scoring feature of a hit: the name and contribution of an entry of
 * the evidence's "features" (which prints the contribution to 4 decimals),
 * for callers that want them without parsing the evidence text. */
typedef struct idt_screen_feature {
  const char *name;            /* "name", "birthDate", ... or the identifier kind */
  double contribution;
} idt_screen_feature;
#define IDT_SCREEN_MAX_FEATURES 5

typedef struct idt_screen_hit {
  const char *entity_id, *dataset, *source_id, *schema, *caption;
  double score;
  int match;                   /* score >= threshold */
  double name_score;           /* best name alignment alone, [0,1] */
  const char *matched_name;    /* the list name that aligned best, or NULL */
  const char *evidence;        /* JSON object text */
  const char *explanation;     /* one line */
  idt_screen_feature features[IDT_SCREEN_MAX_FEATURES]; /* as evidence "features" */
  size_t nfeatures;            /* 0 in OFAC mode (no "features" in its evidence) */
} idt_screen_hit;

typedef struct idt_screen_result {
  idt_screen_hit *hits;        /* best first */
  size_t n;
  size_t candidates;           /* entities scored */
  void *priv;
} idt_screen_result;

/* Screen one query. *out is freed with idt_screen_result_free. */
int idt_screen_run(const idt_screen_index *ix, const idt_screen_query *q,
                   const idt_screen_opts *opts, idt_screen_result **out);
void idt_screen_result_free(idt_screen_result *r);
/* Release this thread's query scratch space (optional, before a thread
 * exits; the next query re-creates it). */
void idt_screen_thread_cleanup(void);

/* Score two names (schema may be NULL) without an index; *explanation (may
 * be NULL) receives a heap string to idt_free(). mode as above (OFAC mode
 * returns score/100). */
int idt_screen_compare(const char *schema, const char *name1, const char *name2,
                       int mode, double *score, char **explanation);

#ifdef __cplusplus
}
#endif
#endif
