/*
 * tap.c - see tap.h. Deliberately tiny: ctest runs each test program in its
 * own process with a timeout (libuv's runner idea), so a crash fails only
 * that program and this harness needs no fork or signal handling.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include "tap.h"
#include "interdict/common.h"

int tap_cur_failed;
static int n_run, n_pass, n_fail;

void tap_diag(const char *fmt, ...)
{
  va_list ap;
  printf("# ");
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
}

void tap_fail(const char *file, int line, const char *expr)
{
  tap_cur_failed++;
  printf("#   %s:%d: check failed: %s\n", file, line, expr);
  if (idt_error_msg()[0])
    printf("#   last error: %s\n", idt_error_msg());
}

void tap_failf(const char *file, int line, const char *fmt, ...)
{
  va_list ap;
  tap_cur_failed++;
  printf("#   %s:%d: ", file, line);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
}

void tap_run(const char *name, void (*fn)(void))
{
  tap_cur_failed = 0;
  idt_error_clear();
  fn();
  n_run++;
  if (tap_cur_failed) {
    n_fail++;
    printf("not ok %d - %s\n", n_run, name);
  } else {
    n_pass++;
    printf("ok %d - %s\n", n_run, name);
  }
  fflush(stdout);
}

void tap_skip(const char *name, const char *why)
{
  n_run++;
  printf("ok %d - %s # SKIP %s\n", n_run, name, why);
}

int tap_done(void)
{
  printf("1..%d\n%d passed, %d failed\n", n_run, n_pass, n_fail);
  return n_fail ? 1 : 0;
}

const char *tap_data(const char *rel)
{
  static char path[8][4096];
  static int slot;
  const char *src = getenv("IDT_SRC");
  char *p = path[slot++ & 7];
  snprintf(p, 4096, "%s/%s", src ? src : ".", rel);
  return p;
}

const char *tap_shared(const char *rel)
{
  static char path[8][4096];
  static int slot;
  const char *src = getenv("IDT_SRC");
  const char *env = getenv("IDT_SHARED");
  char *p = path[slot++ & 7];
  if (env)
    snprintf(p, 4096, "%s/%s", env, rel);
  else
    snprintf(p, 4096, "%s/../shared/data/%s", src ? src : ".", rel);
  return access(p, R_OK) == 0 ? p : NULL;
}

const char *tap_tmpdir(void)
{
  static char dir[256];
  if (!dir[0]) {
    snprintf(dir, sizeof dir, "/tmp/idt-test-XXXXXX");
    if (!mkdtemp(dir))
      snprintf(dir, sizeof dir, "/tmp");
  }
  return dir;
}

const char *tap_cli(void)
{
  const char *c = getenv("IDT_CLI");
  return c ? c : "interdict";
}
