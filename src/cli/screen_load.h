/*
 * screen_load.h - building the screening index for a CLI command: from the
 * store (current versions of the named datasets, or all), or directly from
 * list files with --list FORMAT:PATH (no store needed: tests, one-off runs).
 */
#ifndef IDT_CLI_SCREEN_LOAD_H
#define IDT_CLI_SCREEN_LOAD_H
#include <stddef.h>
#include "interdict/screen.h"

typedef struct screen_src {
  const char *datasets[32];
  size_t ndatasets;
  const char *lists[32];     /* "format:path" */
  size_t nlists;
} screen_src;

/* Parse one of --dataset NAME / --list FORMAT:PATH at argv[*i]; 1 when
 * consumed (advancing *i), 0 when not one of them, -1 on a usage error. */
int screen_src_arg(screen_src *s, int argc, char **argv, int *i);
/* Build the index; prints progress/timing to stderr when verbose. */
int screen_load(const screen_src *s, int verbose, idt_screen_index **out);
#endif
