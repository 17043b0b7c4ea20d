/*
 * index_int.h - the frozen screening index (internal to src/screen).
 *
 * Everything lives in one arena and is read-only after idt_screen_build():
 * entities with their names, qualifiers and identifiers; the vocabulary of
 * distinct name tokens (terms) with document frequencies and weights;
 * postings term -> names (CSR arrays); and maps from blocking keys (token
 * trigram, NYSIIS, Korean skeleton, consonant skeleton) to terms, and from
 * normalised identifiers to entities.
 */
#ifndef IDT_SCREEN_INDEX_INT_H
#define IDT_SCREEN_INDEX_INT_H
#include "interdict/screen.h"
#include "screen/screen_int.h"
#include "common/arena.h"
#include "common/map.h"

typedef struct ix_list {
  uint32_t n;
  uint32_t ids[];
} ix_list;

typedef struct ix_ident {
  const char *label;     /* "IMO", "MMSI", "passport", "wallet" ... */
  const char *value;     /* as listed */
} ix_ident;

typedef struct ix_ent {
  const char *id, *source_id, *dataset, *caption;
  const idt_schema *schema;
  uint32_t name0, nnames;
  int32_t *dobs;          /* sc_date_key of each birth date */
  uint16_t *countries;    /* sc_country_key of each country */
  ix_ident *idents;
  uint16_t ndobs, ncountries, nidents;
  const char *gender;
} ix_ent;

struct idt_screen_index {
  idt_arena arena;
  uint64_t generation;
  ix_ent *ents;
  size_t nents;
  sc_name *names;
  uint32_t *name_ent;
  size_t nnames;
  sc_term *terms;
  size_t nterms;
  idt_map term_map;       /* token -> term id + 1 (as uintptr) */
  uint32_t *post_off;     /* nterms + 1 */
  uint32_t *post;         /* name ids */
  idt_map tri_map, nys_map, ko_map, cons_map, tk_map;   /* key -> ix_list of terms */
  idt_map skel_map;      /* vowelled words by consonant skeleton (usama: sm),
                          * most frequent first: for vowel-less query tokens
                          * (an abjad script read as consonants) */
  idt_map id_map;         /* identifier key -> ix_list of entities */
  char *versions;         /* JSON object */
  idt_arena *arena_extra; /* the builder's arena (entity strings), moved in */
  int frozen;             /* key maps converted to ix_list so far */
  size_t bytes, npostings, nidents;
  double build_seconds;
};

/* Identifier key: upper-case alphanumerics (so ETH 0xAbC.. matches
 * 0xabc..), an "IMO" prefix dropped. Returns length (0: nothing left). */
size_t ix_ident_key(const char *s, char *out, size_t cap);
/* Term lookup by token. */
const sc_term *ix_term(const idt_screen_index *ix, const char *s, size_t n);
#endif
