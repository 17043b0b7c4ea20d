/* user_csv.c - placeholder while the parser is written (returns IDT_EUNSUP). */
#include "ingest/ingest_int.h"

int idt_ingest_csv(const char *path, const idt_ingest_opts *opts)
{
  (void)opts;
  return idt_error_set(IDT_EUNSUP, "%s: format not implemented yet", path);
}

int idt_ingest_csv_mem(const char *name, idt_mem m, const idt_ingest_opts *opts)
{
  (void)m;
  (void)opts;
  return idt_error_set(IDT_EUNSUP, "%s: format not implemented yet", name);
}
