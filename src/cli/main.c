/*
 * main.c - `interdict [--db PATH] COMMAND [ARGS]`: global options, then
 * dispatch through the generated command table.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "interdict/interdict.h"

typedef struct command {
  const char *name;
  int (*fn)(int, char **);
  const char *summary;
} command;

static const command commands[] = {
#define IDT_CMD(n) { #n, cmd_##n, cmd_##n##_summary },
#include "cli_commands.h"
#undef IDT_CMD
  { NULL, NULL, NULL }
};

static void usage(FILE *f)
{
  const command *c;
  fprintf(f,
    "usage: interdict [--db PATH] COMMAND [ARGS...]\n"
    "\n"
    "Counter-proliferation screening, networks and maritime analysis.\n"
    "\n"
    "global options:\n"
    "  --db PATH     the store (SQLite); default $INTERDICT_DB, else\n"
    "                $XDG_DATA_HOME/interdict/interdict.db\n"
    "                (~/.local/share/interdict/interdict.db)\n"
    "  --version     print the version\n"
    "  -h, --help    this help; `interdict COMMAND --help` for a command\n"
    "\ncommands:\n");
  for (c = commands; c->name; c++)
    fprintf(f, "  %-10s %s\n", c->name, c->summary);
  fprintf(f, "\nManual pages: docs/cli/. Exit status: 0 ok, 1 error, 2 usage.\n");
}

int main(int argc, char **argv)
{
  const command *c;
  int i = 1;

  while (i < argc && argv[i][0] == '-') {
    if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      cli_set_db_path(argv[i + 1]);
      i += 2;
    } else if (strncmp(argv[i], "--db=", 5) == 0) {
      cli_set_db_path(argv[i] + 5);
      i++;
    } else if (cli_is_help(argv[i])) {
      usage(stdout);
      return 0;
    } else if (strcmp(argv[i], "--version") == 0) {
      printf("interdict %s\n", idt_version());
      return 0;
    } else {
      fprintf(stderr, "interdict: unknown option %s\n", argv[i]);
      usage(stderr);
      return 2;
    }
  }
  if (i >= argc) {
    usage(stderr);
    return 2;
  }
  for (c = commands; c->name; c++)
    if (strcmp(c->name, argv[i]) == 0)
      return c->fn(argc - i, argv + i);
  fprintf(stderr, "interdict: unknown command '%s' (see interdict --help)\n", argv[i]);
  return 2;
}
