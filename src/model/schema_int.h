/* schema_int.h - the generated schema table's declarations (internal). */
#ifndef IDT_MODEL_SCHEMA_INT_H
#define IDT_MODEL_SCHEMA_INT_H
#include <stddef.h>
#include "interdict/model.h"
extern const idt_schema idt__schemata[];
extern const size_t idt__nschemata;
#endif
