/*
 * interdict/store.h - the versioned list store (SQLite, embedded, WAL).
 *
 * The store holds statements, not rows: every (entity, property, value) of a
 * dataset is kept with the range of that dataset's versions in which it held
 * (first_version..last_version). The current version of a dataset, any past
 * version, the diff between two versions and the provenance of one value all
 * fall out of range queries. One import is one SQLite transaction: a parse
 * error, an abort or a killed process leaves the previous version current and
 * unchanged.
 *
 * Version ids are unique across the store and increase with time, so the
 * versions of one dataset are ordered by id.
 *
 * Threads: one idt_store handle per thread (SQLite connection semantics);
 * several processes may open the same file (WAL, busy timeout).
 *
 * Ownership: strings handed to callbacks live only during the callback;
 * lists returned through out-parameters are freed with their _free function
 * (NULL-safe). Errors: 0 or a negative IDT_E* with the detail in
 * idt_error_msg(): IDT_EDB (SQLite, message includes its text), IDT_EIO,
 * IDT_ENOTFOUND (no such dataset/version), IDT_EINVAL, IDT_ENOMEM.
 */
#ifndef INTERDICT_STORE_H
#define INTERDICT_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "interdict/common.h"
#include "interdict/model.h"
#include "interdict/ingest.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct idt_store idt_store;

/* Open (creating when absent, with parent directory) the store at path,
 * migrate its schema to the current one and run a quick integrity check.
 * IDT_EDB when the file is not a store, is corrupt or is newer than this
 * build understands. */
int idt_store_open(idt_store **out, const char *path);
/* Close; NULL-safe. An import still open on it is aborted. */
void idt_store_close(idt_store *s);
/* The schema version the store was migrated to (PRAGMA user_version). */
int idt_store_schema_version(idt_store *s);

/* ---- versions ---- */

typedef struct idt_version_rec {
  int64_t id;               /* unique in the store, increasing */
  const char *dataset;
  const char *format;       /* ingest format it was parsed with */
  const char *source;       /* where the files came from (paths or URLs) */
  const char *created;      /* ISO 8601 UTC */
  const char *checksum;     /* SHA-256 over the files' names and SHA-256s */
  const char *files_json;   /* [{"name":..,"size":..,"sha256":..},...] */
  const char *counts_json;  /* {"Person":n,...} entities by schema */
  uint64_t entities;        /* all entities in the version */
  uint64_t listed;          /* entities with topic "sanction" */
  uint64_t statements;
  int current;              /* is it its dataset's current version */
} idt_version_rec;

typedef struct idt_version_list {
  idt_version_rec *v;
  size_t n;
  idt_arena *arena;         /* owns every string above */
} idt_version_list;

/* Versions of dataset (NULL: all datasets), ordered by dataset then id;
 * current_only keeps the current version of each dataset only. An unknown
 * dataset gives an empty list, not an error. */
int idt_store_versions(idt_store *s, const char *dataset, int current_only,
                       idt_version_list **out);
void idt_version_list_free(idt_version_list *l);

/* The current version id of dataset, or IDT_ENOTFOUND. */
int idt_store_current(idt_store *s, const char *dataset, int64_t *version);

/* ---- loading (for the screening snapshot) ---- */

/* Stream every entity of the current version of each named dataset (NULL,0:
 * every dataset) to emit, with all its statements; e->dataset is set. The
 * entity and its strings are valid only during the call. emit returning
 * non-zero stops the load and that value is returned. Entities come grouped
 * by dataset, in id order. IDT_ENOTFOUND for a named dataset that has no
 * version. */
int idt_store_load(idt_store *s, const char *const *datasets, size_t n,
                   idt_entity_fn emit, void *ctx);
/* Same for one given version of one dataset (history, re-screening). */
int idt_store_load_version(idt_store *s, const char *dataset, int64_t version,
                           idt_entity_fn emit, void *ctx);

/* ---- import ---- */

typedef struct idt_import idt_import;

#define IDT_STORE_MAX_SCHEMATA 128

typedef struct idt_schema_tally {
  const char *schema;       /* static schema name */
  uint64_t n;
} idt_schema_tally;

typedef struct idt_import_info {
  int64_t version;          /* the new version; the current one if unchanged */
  int64_t previous;         /* the version it replaced, 0 if first */
  int unchanged;            /* same file checksums: no new version */
  uint64_t entities, listed, statements;
  uint64_t added, removed, changed;   /* entities vs the previous version */
  size_t nschemata;
  idt_schema_tally by_schema[IDT_STORE_MAX_SCHEMATA];  /* sorted by name */
} idt_import_info;

/* Start an import of dataset from files (paths of files or directories; a
 * directory contributes every regular file in it) parsed as format. Checksums
 * the files (SHA-256) and opens the write transaction. source describes the
 * origin (URL list) and may be NULL (then the paths). One import at a time
 * per handle. */
int idt_import_begin(idt_import **out, idt_store *s, const char *dataset,
                     const char *format, const char *source,
                     const char *const *files, size_t nfiles);
/* 1 when the files' checksums equal those of the dataset's current version:
 * the caller may skip parsing; commit then reports unchanged. */
int idt_import_unchanged(const idt_import *im);
/* Add one entity (an idt_entity_fn: pass idt_import_add as opts.emit and the
 * import as opts.ctx). Repeated ids are merged: statements united, the schema
 * the more specific one (IDT_ESCHEMA when unrelated). e is only read. */
int idt_import_add(void *im, idt_entity *e);
/* Make the staged entities the dataset's new current version (or report
 * unchanged when the files or the content equal the current version's) and
 * commit. Frees im whatever the result; on error nothing changed. */
int idt_import_commit(idt_import *im, idt_import_info *info);
/* Roll back and free; NULL-safe. */
void idt_import_abort(idt_import *im);

/* ---- diff ---- */

typedef enum idt_diff_kind {
  IDT_DIFF_ADDED, IDT_DIFF_REMOVED, IDT_DIFF_CHANGED
} idt_diff_kind;

typedef struct idt_value_change {
  const char *prop;
  const char *value;
  int added;                /* 1 added in `to`, 0 removed */
} idt_value_change;

typedef struct idt_diff_item {
  idt_diff_kind kind;
  const char *id, *schema, *source_id, *caption;
  const char *old_schema;   /* CHANGED with a schema change, else NULL */
  const idt_value_change *changes;   /* CHANGED only, by prop then value */
  size_t nchanges;
} idt_diff_item;

typedef int (*idt_diff_fn)(void *ctx, const idt_diff_item *d);

typedef struct idt_diff_stats { uint64_t added, removed, changed; } idt_diff_stats;

/* Diff two versions of dataset; from/to 0 mean the previous/current version.
 * Items come in entity id order, valid only during the callback. fn may be
 * NULL (counts only). IDT_ENOTFOUND when a version does not exist or belongs
 * to another dataset, or when from=0 and there is no previous version. */
int idt_store_diff(idt_store *s, const char *dataset, int64_t from, int64_t to,
                   idt_diff_fn fn, void *ctx, idt_diff_stats *stats);

/* ---- history and provenance ---- */

typedef struct idt_value_history {
  const char *prop, *value;
  int64_t first_version;    /* the version in which the value appeared */
  int64_t last_version;     /* the last version holding it; 0 while current */
} idt_value_history;

typedef int (*idt_history_fn)(void *ctx, const idt_value_history *h);

/* Every value entity_id has had in dataset, ordered by property, value and
 * first version (a value that went and came back has two ranges). Strings
 * are valid during the callback only. IDT_ENOTFOUND when the dataset never
 * held that entity. */
int idt_store_history(idt_store *s, const char *dataset, const char *entity_id,
                      idt_history_fn fn, void *ctx);

/* ---- update: official downloads ---- */

typedef struct idt_update_source {
  const char *name;         /* "ofac", "un" */
  const char *format;       /* ingest format */
  const char *dataset;      /* dataset it imports into */
  const char *const *urls;  /* official URLs */
  const char *const *files; /* local file names (what the parser expects) */
  size_t nurls;
} idt_update_source;

const idt_update_source *idt_update_sources(size_t *n);

typedef struct idt_update_opts {
  unsigned version;         /* IDT_UPDATE_OPTS_VERSION */
  const char *base_url;     /* replaces each URL's directory: base/FILE */
  const char *tmpdir;       /* where to download (NULL: $TMPDIR or /tmp) */
  long timeout;             /* seconds per transfer, 0 = 300 */
  void (*progress)(void *ctx, const char *what, size_t done, size_t total);
  void *ctx;
} idt_update_opts;
#define IDT_UPDATE_OPTS_VERSION 1
#define IDT_UPDATE_OPTS_INIT { IDT_UPDATE_OPTS_VERSION, NULL, NULL, 0, NULL, NULL }

typedef struct idt_update_result {
  int not_modified;         /* every file answered 304: nothing fetched */
  idt_import_info info;     /* when fetched: the import's result */
} idt_update_result;

/* Download source's files (conditional requests with the ETag and
 * Last-Modified remembered per URL), check them complete (transfer result,
 * HTTP 200, Content-Length) and import them. On any failure nothing is
 * imported and the remembered validators are left as they were. IDT_ENET
 * for transfer/HTTP errors (message names the URL and status). */
int idt_update_run(idt_store *s, const idt_update_source *src,
                   const idt_update_opts *opts, idt_update_result *res);

#ifdef __cplusplus
}
#endif
#endif
