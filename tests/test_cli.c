/* test_cli.c - the interdict command's global behaviour: help, version,
 * exit codes, unknown commands and options, --help on every subcommand. */
#include <stdlib.h>
#include <sys/wait.h>
#include "tap.h"
#include "interdict/interdict.h"

/* Run the CLI with args; capture stdout into out (may be NULL). Returns the
 * exit status, or -1 when it did not exit normally (a crash). */
static int run(const char *args, char *out, size_t cap)
{
  char cmd[4096];
  FILE *p;
  size_t n = 0;
  int st;
  snprintf(cmd, sizeof cmd, "'%s' %s 2>/dev/null", tap_cli(), args);
  p = popen(cmd, "r");
  if (!p)
    return -1;
  if (out) {
    n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
  } else {
    char sink[4096];
    while (fread(sink, 1, sizeof sink, p) > 0)
      ;
  }
  st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

TEST(help_and_version)
{
  static char out[65536];
  char want[64];
  CHECK_INT(run("--help", out, sizeof out), 0);
  CHECK(strstr(out, "usage: interdict") != NULL);
  CHECK(strstr(out, "--db PATH") != NULL);
  CHECK(strstr(out, "schema") != NULL);
  CHECK_INT(run("--version", out, sizeof out), 0);
  snprintf(want, sizeof want, "interdict %s\n", idt_version());
  CHECK_STR(out, want);
}

TEST(usage_errors_exit_2)
{
  CHECK_INT(run("", NULL, 0), 2);
  CHECK_INT(run("no-such-command", NULL, 0), 2);
  CHECK_INT(run("--no-such-option", NULL, 0), 2);
  CHECK_INT(run("schema NoSuchSchema", NULL, 0), 2);
}

/* Every command listed by --help answers its own --help with exit 0 and a
 * usage line: the brief wants --help on every command. */
TEST(every_command_has_help)
{
  static char out[65536], sub[65536];
  char *line, *save = NULL;
  int ncmd = 0;
  CHECK_INT(run("--help", out, sizeof out), 0);
  line = strstr(out, "commands:\n");
  CHECK(line != NULL);
  if (!line)
    return;
  for (line = strtok_r(line + 10, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char name[64], args[128];
    size_t i = 0;
    if (line[0] != ' ' || line[1] != ' ')
      break;
    while (line[2 + i] && line[2 + i] != ' ' && i < sizeof name - 1) {
      name[i] = line[2 + i];
      i++;
    }
    name[i] = '\0';
    snprintf(args, sizeof args, "%s --help", name);
    if (run(args, sub, sizeof sub) != 0 || !strstr(sub, "usage:"))
      tap_failf(__FILE__, __LINE__, "'interdict %s' has no working --help", name);
    ncmd++;
  }
  CHECK(ncmd >= 1);
  tap_diag("%d commands checked", ncmd);
}

TEST(schema_lists_vessel_props)
{
  static char out[65536];
  CHECK_INT(run("schema Vessel", out, sizeof out), 0);
  CHECK(strstr(out, "imoNumber") != NULL);
  CHECK(strstr(out, "mmsi") != NULL);
  CHECK_INT(run("schema", out, sizeof out), 0);
  CHECK(strstr(out, "Ownership") != NULL && strstr(out, "(edge)") != NULL);
}

int main(void)
{
  RUN(help_and_version);
  RUN(usage_errors_exit_2);
  RUN(every_command_has_help);
  RUN(schema_lists_vessel_props);
  return tap_done();
}
