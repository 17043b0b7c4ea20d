/*
 * store_int.h - what the files of the store module share: the handle, the
 * SQL helpers and the "open range" sentinel.
 *
 * A statement or entity row whose last_version is IDT__STORE_OPEN holds in
 * the dataset's current version; closing it writes the last version in which
 * it held. A sentinel rather than NULL keeps "holds in version v" one range
 * test (first_version <= v AND last_version >= v) that indexes can serve.
 */
#ifndef IDT_STORE_INT_H
#define IDT_STORE_INT_H
#include <sqlite3.h>
#include "interdict/store.h"

#define IDT__STORE_OPEN INT64_MAX
#define IDT__STORE_SCHEMA 1

struct idt_store {
  sqlite3 *db;
  char *path;
  idt_import *active;     /* the import holding the write transaction */
};

/* Set IDT_EDB with the SQLite message: "what: sqlite message". */
int idt__store_dberr(idt_store *s, const char *what);
/* Run SQL without results; IDT_EDB on failure. */
int idt__store_exec(idt_store *s, const char *sql);
/* Prepare; IDT_EDB on failure (message names the statement). */
int idt__store_prepare(idt_store *s, sqlite3_stmt **st, const char *sql);
/* Dataset row id by name, 0 when absent (ds), or error. */
int idt__store_dataset_id(idt_store *s, const char *name, int64_t *ds);
/* Version row: dataset id and check it exists. */
int idt__store_version_ds(idt_store *s, int64_t version, int64_t *ds);
/* The version before `version` in the same dataset, 0 when none. */
int idt__store_previous(idt_store *s, int64_t ds, int64_t version, int64_t *prev);
/* Diff internals used by import to count changes. */
int idt__store_diff_ds(idt_store *s, int64_t ds, int64_t from, int64_t to,
                       idt_diff_fn fn, void *ctx, idt_diff_stats *stats);
/* Release an import's handle binding (import.c calls it on close). */
void idt__store_import_closed(idt_store *s);
void idt__import_abort_on_close(idt_import *im);
/* Expand paths (directories to their regular files), hash each file and
 * the set: checksum (hex), files_json ([{"name","size","sha256"}], heap) and,
 * when *source is NULL, *source = the paths joined by spaces (heap). */
int idt__store_checksum_files(const char *const *paths, size_t np,
                              char checksum[65], char **files_json,
                              char **source);
/* Column text or NULL. */
const char *idt__col(sqlite3_stmt *st, int i);
#endif
