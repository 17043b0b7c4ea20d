/*
 * entity_json.c - FtM JSON serialisation of an entity. Written with the
 * capped buffer rather than jansson: output is one fixed shape and this
 * keeps values in list order without building a DOM per entity.
 */
#include <string.h>
#include "interdict/model.h"
#include "common/buf.h"
#include "model/entity_json.h"

int idt__entity_json(const idt_entity *e, idt_buf *b)
{
  uint32_t i, j;
  int rc = idt_buf_puts(b, "{\"id\":");
  if (!rc) rc = idt_buf_json_str(b, e->id, strlen(e->id));
  if (!rc) rc = idt_buf_puts(b, ",\"schema\":");
  if (!rc) rc = idt_buf_json_str(b, e->schema->name, strlen(e->schema->name));
  if (!rc && e->source_id) {
    rc = idt_buf_puts(b, ",\"source_id\":");
    if (!rc) rc = idt_buf_json_str(b, e->source_id, strlen(e->source_id));
  }
  if (!rc && e->dataset) {
    rc = idt_buf_puts(b, ",\"dataset\":");
    if (!rc) rc = idt_buf_json_str(b, e->dataset, strlen(e->dataset));
  }
  if (!rc) rc = idt_buf_puts(b, ",\"properties\":{");
  for (i = 0; !rc && i < e->nstmts; i++) {
    const idt_property *p = e->stmts[i].prop;
    int first = 1;
    for (j = 0; j < i; j++)       /* already written with an earlier one */
      if (e->stmts[j].prop == p)
        break;
    if (j < i)
      continue;
    if (!rc && b->p[b->len - 1] != '{') rc = idt_buf_putc(b, ',');
    if (!rc) rc = idt_buf_json_str(b, p->name, strlen(p->name));
    if (!rc) rc = idt_buf_puts(b, ":[");
    for (j = i; !rc && j < e->nstmts; j++) {
      if (e->stmts[j].prop != p)
        continue;
      if (!first) rc = idt_buf_putc(b, ',');
      first = 0;
      if (!rc) rc = idt_buf_json_str(b, e->stmts[j].value, strlen(e->stmts[j].value));
    }
    if (!rc) rc = idt_buf_putc(b, ']');
  }
  if (!rc) rc = idt_buf_puts(b, "}}");
  return rc;
}

char *idt_entity_to_json(const idt_entity *e)
{
  idt_buf b;
  idt_buf_init(&b, 0);
  if (idt__entity_json(e, &b)) {
    idt_buf_free(&b);
    return NULL;
  }
  return idt_buf_detach(&b);
}
