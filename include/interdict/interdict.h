/*
 * interdict/interdict.h - the umbrella header of libinterdict.
 *
 * Modules: common (errors, allocator), model (FtM entities), ingest (list
 * parsers), store (SQLite versions, diffs, updates), text and screen
 * (normalisation, matching), ais (decoding, vessels). Each has its own
 * header; this one includes those that exist and gives the version.
 */
#ifndef INTERDICT_H
#define INTERDICT_H
#include "interdict/common.h"
#include "interdict/model.h"

#define IDT_VERSION "0.1.0"
const char *idt_version(void);
#endif
