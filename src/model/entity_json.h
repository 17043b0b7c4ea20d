/* entity_json.h - append an entity's FtM JSON to a buffer (internal). */
#ifndef IDT_MODEL_ENTITY_JSON_H
#define IDT_MODEL_ENTITY_JSON_H
#include "interdict/model.h"
#include "common/buf.h"
int idt__entity_json(const idt_entity *e, idt_buf *b);
#endif
