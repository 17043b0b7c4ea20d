/*
 * cmd_aisevents.c - TEMPORARY top-level `interdict aisevents events|simulate`
 * for testing before the lead wires idt_cli_ais_events/idt_cli_ais_simulate
 * into `interdict ais events|simulate` (cmd_ais.c); then this file goes.
 */
#include <string.h>
#include "cli.h"

int idt_cli_ais_events(int argc, char **argv);
int idt_cli_ais_simulate(int argc, char **argv);

const char cmd_aisevents_summary[] = "(temporary) ais events / ais simulate";

int cmd_aisevents(int argc, char **argv)
{
  if (argc < 2 || cli_is_help(argv[1])) {
    fputs("usage: interdict aisevents events|simulate [--help] ...\n"
          "(temporary entry; becomes `interdict ais events|simulate`)\n", stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!strcmp(argv[1], "events"))
    return idt_cli_ais_events(argc - 1, argv + 1);
  if (!strcmp(argv[1], "simulate"))
    return idt_cli_ais_simulate(argc - 1, argv + 1);
  return cli_usage("aisevents", "unknown subcommand '%s'", argv[1]);
}
