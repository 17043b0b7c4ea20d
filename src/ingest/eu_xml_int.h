/*
 * eu_xml_int.h - what the two halves of the eu-xml parser share: the
 * record's nodes collected by the expat callbacks (eu_xml.c) and mapped to
 * entities when the record closes (eu_xml_map.c). Internal to src/ingest.
 */
#ifndef IDT_EU_XML_INT_H
#define IDT_EU_XML_INT_H
#include <expat.h>
#include "ingest/ingest_int.h"

enum idt__eu_kind { K_REGULATION, K_SUBJECT, K_NAME, K_CITIZEN, K_BIRTH, K_ID,
                    K_ADDRESS, K_REMARK, K_CONTACT, K_COUNT };

/* One direct child of a sanctionEntity (or a contactInfo of an address). */
typedef struct idt__eu_node {
  enum idt__eu_kind kind;
  const char **attr;        /* name, value, ..., NULL (copies) */
  char *text;               /* <remark> text; regulation: publicationUrl */
  struct idt__eu_node *next;
  struct idt__eu_node *contacts;    /* address: its contactInfo nodes */
  size_t line;
} idt__eu_node;

typedef struct idt__eu {
  const idt_ingest_opts *opts;
  const char *name, *dataset;
  XML_Parser xp;
  idt_arena row;             /* the record's: nodes, entities */
  idt_entity *e, *sanction;
  idt_entity **derived;      /* documents, emitted after e */
  size_t nderived, capderived;
  idt__eu_node *first, *last, *cur;  /* cur: the open child, if kept */
  size_t nnodes;
  const char *logical, *eu_ref, *un_id, *details, *desig_date;
  int in_record, depth, collect;
  idt_buf text;
  size_t rec_line;
  int rc;
} idt__eu;

/* Value of attribute k in a NULL-terminated name/value array, or "". */
const char *idt__eu_attr(const char **attr, const char *k);
/* Map the collected record to entities and emit them (u->in_record is
 * cleared on success). */
int idt__eu_end_record(idt__eu *u);
#endif
