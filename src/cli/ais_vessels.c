#include "cli.h"
int cli_ais_vessels(int argc, char **argv);
int cli_ais_vessels(int argc, char **argv) { (void)argc; (void)argv; return 1; }
