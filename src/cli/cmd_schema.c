/*
 * cmd_schema.c - `interdict schema [NAME]`: list the FtM schemata, or one
 * schema's properties with their types. For users writing their own lists.
 */
#include <string.h>
#include "cli.h"
#include "interdict/interdict.h"

const char cmd_schema_summary[] = "list entity schemata and their properties (FtM)";

static const char help[] =
  "usage: interdict schema [NAME]\n"
  "\n"
  "Without NAME, list the FollowTheMoney schemata interdict knows (edges\n"
  "marked). With NAME, list that schema's properties and their types.\n";

int cmd_schema(int argc, char **argv)
{
  size_t i;
  const idt_schema *s;
  if (argc > 1 && cli_is_help(argv[1])) {
    fputs(help, stdout);
    return 0;
  }
  if (argc < 2) {
    for (i = 0; (s = idt_schema_at(i)); i++)
      printf("%-22s %s%s\n", s->name, s->label,
             (s->flags & IDT_SCHEMA_EDGE) ? " (edge)" : "");
    return 0;
  }
  if (!(s = idt_schema_get(argv[1])))
    return cli_usage("schema", "unknown schema '%s'", argv[1]);
  for (i = 0; i < s->nprops; i++)
    if (!(s->props[i].flags & IDT_PROP_STUB))
      printf("%-28s %s%s%s\n", s->props[i].name, idt_proptype_name(s->props[i].type),
             s->props[i].range ? " -> " : "", s->props[i].range ? s->props[i].range : "");
  return 0;
}
