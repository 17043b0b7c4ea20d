/*
 * ingest_int.h - what the ingest parsers share (internal to src/ingest).
 *
 * Country names to FtM codes (countries.c), list date forms to ISO 8601
 * (dates.c), a libcsv wrapper that tracks lines and bounds fields
 * (csvread.c), OFAC remark parsing (remarks.c) and the emit/dataset/file
 * helpers (ingest.c).
 */
#ifndef IDT_INGEST_INT_H
#define IDT_INGEST_INT_H
#include <stddef.h>
#include <stdio.h>
#include "interdict/ingest.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/map.h"

/* Largest list file a parser reads whole (the SDN CSV is 4 MB, the UN XML
 * 2 MB; OpenSanctions' full FtM export is streamed line by line). */
#define IDT_INGEST_MAX_FILE ((size_t)512 << 20)

/* ---- ingest.c ---- */
/* The dataset name: opts->dataset, else dflt. */
const char *idt__ingest_dataset(const idt_ingest_opts *o, const char *dflt);
/* Hand e to the sink; a sink error is returned unchanged (its message kept). */
int idt__ingest_emit(const idt_ingest_opts *o, idt_entity *e);
/* Count one list entry / one skipped value in opts->stats (if any). */
void idt__ingest_listed(const idt_ingest_opts *o);
void idt__ingest_warn(const idt_ingest_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* New entity of schema name sname with id, stamped with source_id and
 * dataset. IDT_EINVAL for an unknown schema. */
int idt__ingest_entity(idt_entity **out, idt_arena *a, const char *sname,
                       const char *id, const char *source_id,
                       const char *dataset);
/* Read a file into b (capped at IDT_INGEST_MAX_FILE). */
int idt__ingest_read(const char *path, idt_buf *b);
/* Read path whole and parse it with mem, the format's in-memory entry
 * point (fmt names the format in the error for a NULL path). */
/* Append an XML element's text piece to b; past b's cap, the error
 * "name:line: element text longer than N bytes". 0 or the error. */
int idt__xml_text(idt_buf *b, const char *name, unsigned long line, const char *s, int len);
/* Append e to the array *v of *n entities (capacity *cap), grown in
 * arena a (a record's derived entities). 0 or IDT_ENOMEM. */
int idt__entity_push(idt_arena *a, idt_entity ***v, size_t *n, size_t *cap, idt_entity *e);
typedef int (*idt__mem_fn)(const char *name, idt_mem m, const idt_ingest_opts *opts);
int idt__ingest_file(const char *path, const char *fmt, idt__mem_fn mem,
                     const idt_ingest_opts *opts);
/* 1-based line and column of byte offset off in p. */
void idt__ingest_linecol(const char *p, size_t n, size_t off, size_t *line,
                         size_t *col);
/* IDT_EUTF8 naming name:line:col and the byte offset when p is not UTF-8. */
int idt__ingest_check_utf8(const char *name, const char *p, size_t n);
/* Add a value given as a slice (prop must exist in the schema). */
int idt__add(idt_entity *e, const char *prop, const char *v, size_t n);
/* Add "value" for a country-typed prop when name resolves, else add
 * "<label>: <name>" as a note. */
int idt__add_country(idt_entity *e, const char *prop, const char *label,
                     const char *name, size_t n);

/* ---- countries.c ---- */
/* FtM country code (ISO 3166-1 alpha-2, lowercase, static) for an English
 * country name as the lists spell it ("Korea, North", "Burma", "Iran
 * (Islamic Republic of)"), or NULL. Thread-safe; no heap. */
const char *idt__country_code(const char *name, size_t n);

/* ---- dates.c ---- */
/* "08 Jan 1984", "Jan 1984", "1984", "1984-01-08", "1984-01" (with an
 * optional leading "circa "), and the numeric and month-first forms of
 * users' lists and queries (1984.01.08, 19840108, 08.01.1984, 8/1/1984,
 * January 8, 1984; see dates.c) to ISO 8601 "1984-01-08" / "1984-01" /
 * "1984" in out. 0, or -1 when s is not such a date. */
int idt__date_iso(const char *s, size_t n, char out[11]);
/* Add the dates of s to prop: a single date, or a range "A to B" (both
 * ends; with every year between when the span is at most 10 years, so a
 * query's year inside the range still matches). Unparseable text goes to
 * notes with label. */
int idt__add_dates(idt_entity *e, const char *prop, const char *label,
                   const char *s, size_t n);

/* ---- csvread.c ---- */
typedef struct idt__csv_row {
  const char *const *f;   /* NUL-terminated fields, valid during the call */
  const size_t *len;
  size_t nf;
  size_t line;            /* 1-based line where the record starts */
} idt__csv_row;
typedef int (*idt__csv_row_fn)(void *ctx, const idt__csv_row *row);
/* Parse CSV text p (UTF-8) calling fn per record. Unterminated quotes and
 * stray quotes are IDT_EPARSE "name:line: field N: why". Fields are capped
 * at 1 MiB and records at 512 fields. A non-zero return of fn stops the
 * parse and is returned. */
int idt__csv_parse(const char *name, const char *p, size_t n,
                   idt__csv_row_fn fn, void *ctx);
/* Report progress of the primary file (opts->progress, when set). */
void idt__ingest_progress(const idt_ingest_opts *o, size_t done, size_t total);
/* Set by a parser around idt__csv_parse of its primary file so the reader
 * reports progress every 256 KiB; NULL otherwise. Per-thread. */
extern _Thread_local const idt_ingest_opts *idt__csv_progress;
/* Field i as a trimmed slice; OFAC's "-0-" (empty) becomes empty. */
idt_str idt__csv_field(const idt__csv_row *r, size_t i);

/* ---- remarks.c (OFAC) ---- */
typedef struct idt__remarks {
  idt_entity *e;          /* the listed entity: properties go here */
  idt_entity *sanction;   /* its Sanction: provisions */
  idt_arena *arena;       /* derived entities are made here */
  const char *dataset;
  /* Derived entities (wallets, documents), emitted after e. */
  idt_entity **derived;
  size_t nderived, capderived;
  /* "Linked To: NAME", "Aircraft Operator NAME": resolved after the whole
   * file is read. op: 0 Linked To (unresolved -> note), 1 operator (the
   * segment is already kept as a note). */
  int (*link)(void *ctx, const idt_entity *subject, const char *name,
              size_t n, int op);
  void *link_ctx;
} idt__remarks;
/* Parse OFAC remarks text (already re-joined and UTF-8) into r->e. */
int idt__ofac_remarks(idt__remarks *r, const char *s, size_t n);
/* OFAC "SURNAME, Given" to "SURNAME Given" plus lastName/firstName on e
 * when e is a Person; other names are added as-is to prop. */
int idt__ofac_name(idt_entity *e, const char *prop, const char *s, size_t n,
                   int parts);
#endif
