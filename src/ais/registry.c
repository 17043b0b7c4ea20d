/* registry.c - placeholder while the registry is written (not committed). */
#include "ais/ais_int.h"
int idt_ais_registry_open(idt_ais_registry **out, const char *path)
{ (void)path; *out = NULL; return idt_error_set(IDT_EUNSUP, "registry not yet built"); }
void idt_ais_registry_free(idt_ais_registry *r) { (void)r; }
int idt_ais_registry_add(idt_ais_registry *r, const idt_ais_msg *m) { (void)r; (void)m; return 0; }
int idt_ais_registry_flush(idt_ais_registry *r) { (void)r; return 0; }
