/* version.c - the library version string. */
#include "interdict/interdict.h"
const char *idt_version(void) { return IDT_VERSION; }
