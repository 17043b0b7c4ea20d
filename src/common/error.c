/*
 * error.c - the thread-local last error (libgit2's model).
 *
 * A fixed 1 KiB buffer per thread: messages are one line and carry the file,
 * line and field, so they never need more; longer ones are truncated, never
 * allocated (an error path must not fail on OOM).
 */
#include <stdio.h>
#include <string.h>
#include "interdict/common.h"

#define ERR_MAX 1024

static _Thread_local char err_msg[ERR_MAX];
static _Thread_local int err_code;

const char *idt_strerror(int code)
{
  switch (code) {
#define IDT__E(name, val, msg) case val: return msg;
    IDT_ERRORS(IDT__E)
#undef IDT__E
  }
  return "unknown error";
}

int idt_error_vset(int code, const char *fmt, va_list ap)
{
  err_code = code;
  if (!fmt) {
    snprintf(err_msg, sizeof err_msg, "%s", idt_strerror(code));
    return code;
  }
  vsnprintf(err_msg, sizeof err_msg, fmt, ap);
  return code;
}

int idt_error_set(int code, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  idt_error_vset(code, fmt, ap);
  va_end(ap);
  return code;
}

int idt_error_wrap(int code, const char *fmt, ...)
{
  char prefix[ERR_MAX], old[ERR_MAX];
  va_list ap;

  memcpy(old, err_msg, sizeof old);
  va_start(ap, fmt);
  vsnprintf(prefix, sizeof prefix, fmt, ap);
  va_end(ap);
  {
    /* Join by hand: snprintf("%s: %s") trips -Wformat-truncation. */
    const char *rest = old[0] ? old : idt_strerror(code);
    size_t pl = strnlen(prefix, ERR_MAX - 3), rl = strlen(rest);
    memcpy(err_msg, prefix, pl);
    err_msg[pl] = ':';
    err_msg[pl + 1] = ' ';
    if (rl > ERR_MAX - pl - 3)
      rl = ERR_MAX - pl - 3;
    memcpy(err_msg + pl + 2, rest, rl);
    err_msg[pl + 2 + rl] = '\0';
  }
  err_code = code;
  return code;
}

const char *idt_error_msg(void) { return err_msg; }
int idt_error_code(void) { return err_code; }

void idt_error_clear(void)
{
  err_msg[0] = '\0';
  err_code = 0;
}
