/*
 * screen_io.h - streaming CSV input (libcsv) and CSV output quoting for
 * the screen, compare and eval commands.
 */
#ifndef IDT_CLI_SCREEN_IO_H
#define IDT_CLI_SCREEN_IO_H
#include <stdio.h>
#include <stddef.h>

#define SCREEN_CSV_MAX_FIELDS 64

/* Called once per record (header included) with its fields (NUL-terminated,
 * valid until return) and the 1-based record number. Non-zero stops. */
typedef int (*screen_row_fn)(void *ctx, char **fields, size_t n, size_t rec);

/* Stream CSV from f, record by record, in constant memory (fields are
 * capped at 64 KiB). Returns 0, the callback's non-zero value, or -1 on a
 * parse error (message on stderr). */
int screen_csv_stream(FILE *f, screen_row_fn fn, void *ctx);
/* Write s as one CSV field (quoted when needed). */
void screen_csv_field(FILE *out, const char *s);
/* Index of column name in a header row, or -1. */
int screen_csv_col(char **hdr, size_t n, const char *name);
#endif
