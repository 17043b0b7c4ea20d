/*
 * uk_xml_int.h - what the two halves of the uk-xml parser share: uk_xml.c
 * reads a <Designation> into items, uk_xml_map.c maps the items to
 * entities and emits them.
 */
#ifndef IDT_UK_XML_INT_H
#define IDT_UK_XML_INT_H
#include <stddef.h>
#include "interdict/ingest.h"
#include "common/arena.h"

/* Leaf kinds (uk_xml.c names the elements). */
enum {
  UK_UNIQUEID, UK_TYPE, UK_LASTUPDATED, UK_DESIGNATED, UK_UNREF, UK_REGIME,
  UK_IMPOSED, UK_OTHERINFO, UK_REASONS, UK_NONLATIN, UK_TITLE, UK_PHONE,
  UK_EMAIL, UK_WEBSITE, UK_DOB, UK_NATIONALITY, UK_GENDER, UK_POSITION,
  UK_REGNUM, UK_ENTTYPE, UK_PARENT, UK_SUBSIDIARY, UK_IMO, UK_OWNER,
  UK_FLAG, UK_PASTFLAG, UK_SHIPTYPE, UK_YEARBUILT,
  UK_NLEAF
};
/* Group kinds, after the leaves. */
enum { UK_G_NAME = UK_NLEAF, UK_G_ADDRESS, UK_G_PASSPORT, UK_G_NATID,
       UK_G_BIRTH };
/* Slots of the largest group (Name1..Name6, NameType, AliasStrength). */
enum { UK_NSLOT = 8 };
/* Name slots. */
enum { UK_N6 = 5, UK_NTYPE = 6, UK_NSTRENGTH = 7 };

/* One leaf (v[0]) or group (v[slot], NULL when absent), trimmed text in
 * the record's arena. */
typedef struct uk_item {
  int kind;
  size_t line;      /* where it closed (a group: where it opened) */
  char *v[UK_NSLOT];
} uk_item;

typedef struct uk_record {
  const idt_ingest_opts *opts;
  const char *name, *dataset;
  idt_arena row;                 /* freed per record */
  size_t line;                   /* line of <Designation> */
  uk_item **items;
  size_t nitems, capitems;
  idt_entity *e, *sanction;
  idt_entity **derived;
  size_t nderived, capderived;
} uk_record;

/* Free the previous record's memory and forget its items. */
void idt__uk_record_reset(uk_record *r);
/* Map r's items to entities and emit them: 0, IDT_EPARSE "name:line:
 * field: why" (no UniqueID, unknown IndividualEntityShip, no name), or the
 * sink's error. */
int idt__uk_record_end(uk_record *r);
#endif
