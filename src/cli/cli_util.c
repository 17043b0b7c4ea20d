/*
 * cli_util.c - store path resolution, error printing, progress bars.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli.h"
#include "interdict/common.h"

static const char *db_override;
static char db_default[4096];

void cli_set_db_path(const char *path) { db_override = path; }

static void mkdirs(char *path)
{
  char *s;
  for (s = path + 1; *s; s++) {
    if (*s != '/')
      continue;
    *s = '\0';
    mkdir(path, 0755);
    *s = '/';
  }
}

const char *cli_db_path(void)
{
  const char *env = getenv("INTERDICT_DB"), *xdg, *home;
  if (db_override)
    return db_override;
  if (env && *env)
    return env;
  if (!db_default[0]) {
    xdg = getenv("XDG_DATA_HOME");
    home = getenv("HOME");
    if (xdg && *xdg)
      snprintf(db_default, sizeof db_default, "%s/interdict/interdict.db", xdg);
    else
      snprintf(db_default, sizeof db_default, "%s/.local/share/interdict/interdict.db",
               home && *home ? home : ".");
    mkdirs(db_default);
  }
  return db_default;
}

int cli_fail(const char *what)
{
  const char *msg = idt_error_msg();
  fprintf(stderr, "interdict: %s%s%s\n", what ? what : "", what && *msg ? ": " : "", msg);
  return 1;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
  va_list ap;
  fprintf(stderr, "interdict %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\ntry 'interdict %s --help'\n", cmd);
  return 2;
}

int cli_is_help(const char *arg)
{
  return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, const char *label, unsigned long long total)
{
  p->label = label;
  p->total = total;
  p->done = 0;
  p->last_draw = 0;
  p->active = isatty(STDERR_FILENO);
}

void cli_progress_update(cli_progress *p, unsigned long long done)
{
  double t;
  p->done = done;
  if (!p->active || (t = now_s()) - p->last_draw < 0.1)
    return;
  p->last_draw = t;
  if (p->total) {
    int width = 30, filled = (int)((double)done / (double)p->total * width), i;
    fprintf(stderr, "\r%s [", p->label);
    for (i = 0; i < width; i++)
      fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %3d%% %llu/%llu", (int)(100.0 * (double)done / (double)p->total),
            done, p->total);
  } else {
    fprintf(stderr, "\r%s %llu", p->label, done);
  }
  fflush(stderr);
}

void cli_progress_end(cli_progress *p)
{
  if (p->active && p->last_draw > 0)
    fprintf(stderr, "\r\033[K");
  p->active = 0;
}
