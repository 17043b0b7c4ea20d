/*
 * interdict/ingest.h - streaming parsers for list formats.
 *
 * Each parser reads one format and calls opts->emit once per entity, in file
 * order, with an entity that lives only during the call (the parser reuses
 * its arena; a sink that keeps it must copy). The same id may be emitted more
 * than once (FtM fragments, OFAC rows joined from several files): sinks merge
 * by id (idt_entity_merge semantics).
 *
 * Ids are stable across list versions: OFAC "ofac-<ent_num>", UN
 * "un-<REFERENCE_NUMBER>" (e.g. un-KPi.001), EU "eu-<logicalId>", FtM its own id, user CSV
 * "<dataset>-<id column or row key>"; derived entities (Sanction, edges,
 * wallets, addresses) get ids derived from their parent's and content.
 * source_id is the list's own identifier.
 * The UK Sanctions List (uk-xml): "gb-fcdo-<UniqueID>" (gb-fcdo-DPR0001).
 *
 * Errors: IDT_EPARSE / IDT_EUTF8 / IDT_EIO with "file:line: field: why" (or
 * a byte offset for XML) in the last error. A parse error stops the parse
 * and returns non-zero; entities already emitted must then be discarded by
 * the caller (the store aborts its transaction).
 */
#ifndef INTERDICT_INGEST_H
#define INTERDICT_INGEST_H
#include <stddef.h>
#include "interdict/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int (*idt_entity_fn)(void *ctx, idt_entity *e);

/* Optional counters a caller may ask for (opts->stats). Parsers add to
 * them; zero it before the run. */
typedef struct idt_ingest_stats {
  size_t listed;        /* list entries (entities with topics=sanction for
                           the sanctions formats; every record for ftm/csv) */
  size_t emitted;       /* all entities handed to emit, derived included */
  size_t warnings;      /* values skipped (unknown FtM property, ...) */
  char first_warning[256];
} idt_ingest_stats;

typedef struct idt_ingest_opts {
  unsigned version;          /* IDT_INGEST_OPTS_VERSION */
  const char *dataset;       /* dataset name stamped on entities */
  idt_entity_fn emit;
  void *ctx;
  /* Optional progress: called now and then with bytes read / total. */
  void (*progress)(void *ctx, size_t done, size_t total);
  /* Optional counters (may be NULL). Added after version 1's fields. */
  idt_ingest_stats *stats;
} idt_ingest_opts;

#define IDT_INGEST_OPTS_VERSION 1
#define IDT_INGEST_OPTS_INIT { IDT_INGEST_OPTS_VERSION, NULL, NULL, NULL, NULL, NULL }

/* Formats: "ofac-csv", "un-xml", "eu-xml", "uk-xml", "ftm", "csv". */
typedef struct idt_format_info {
  const char *name;
  const char *default_dataset;   /* used when opts->dataset is NULL */
  const char *summary;
} idt_format_info;
const idt_format_info *idt_ingest_formats(size_t *n);

/* A date as lists and users write it (08 Jan 1984, 1984-01-08, 08.01.1984,
 * 8/1/1984, January 8, 1984, 19840108 ...) to an ISO 8601 prefix with the
 * precision given (1984-01-08, 1984-01, 1984) in out: 0, or -1 when s is
 * no date. Day first when both numbers could be the month. */
int idt_date_iso(const char *s, size_t n, char out[11]);

/* The FtM country code (ISO 3166-1 alpha-2, lowercase, static storage) of
 * a country as lists and users write it: English name, the lists' own
 * spellings ("Korea, North", "Burma"), ISO's inverted short names, the
 * alpha-3 code (PRK); NULL when unknown. Thread-safe. */
const char *idt_country_code(const char *name, size_t n);

/* Parse paths (a format may take a directory, e.g. ofac-csv) with the named
 * format. IDT_EINVAL for an unknown format. */
int idt_ingest_run(const char *format, const char *const *paths, size_t npaths,
                   const idt_ingest_opts *opts);

/* Per-format entry points. ofac-csv: a directory holding sdn.csv (or
 * cons_prim.csv) and optionally alt/add/sdn_comments (cons_alt/cons_add/
 * cons_comments), or the sdn.csv path itself. */
int idt_ingest_ofac_csv(const char *path, const idt_ingest_opts *opts);
int idt_ingest_un_xml(const char *path, const idt_ingest_opts *opts);
/* eu-xml: the EU Financial Sanctions Files consolidated list (FSF v1.1). */
int idt_ingest_eu_xml(const char *path, const idt_ingest_opts *opts);
/* uk-xml: the FCDO UK Sanctions List (UK-Sanctions-List.xml); ids
 * "gb-fcdo-<UniqueID>". */
int idt_ingest_uk_xml(const char *path, const idt_ingest_opts *opts);
int idt_ingest_ftm(const char *path, const idt_ingest_opts *opts);
int idt_ingest_csv(const char *path, const idt_ingest_opts *opts);

/* In-memory variants (fuzz targets, tests). name is used in messages. For
 * OFAC, the four files are passed separately; any may be NULL but sdn. */
typedef struct idt_mem { const char *p; size_t n; } idt_mem;
int idt_ingest_ofac_csv_mem(idt_mem sdn, idt_mem alt, idt_mem add,
                            idt_mem comments, const idt_ingest_opts *opts);
int idt_ingest_un_xml_mem(const char *name, idt_mem xml, const idt_ingest_opts *opts);
int idt_ingest_eu_xml_mem(const char *name, idt_mem xml, const idt_ingest_opts *opts);
int idt_ingest_uk_xml_mem(const char *name, idt_mem xml, const idt_ingest_opts *opts);
int idt_ingest_ftm_mem(const char *name, idt_mem json, const idt_ingest_opts *opts);
int idt_ingest_csv_mem(const char *name, idt_mem csv, const idt_ingest_opts *opts);

#ifdef __cplusplus
}
#endif
#endif
