/*
 * tap.h - the test harness: each tests/test_*.c is one program printing TAP.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_STR(a, "b"); }
 *   int main(void) { RUN(name); ...; return tap_done(); }
 *
 * CHECK records a failure with file:line and the expression and continues;
 * a test passes when none of its checks failed. tap_done prints
 * "N passed, N failed" and returns the exit status. tap_data() resolves a
 * path under the source tree (IDT_SRC, set by ctest); tap_shared() resolves
 * one under ../shared/data and returns NULL when it is absent, for the tests
 * that say they are skipped then.
 */
#ifndef IDT_TAP_H
#define IDT_TAP_H
#include <stdio.h>
#include <string.h>

extern int tap_cur_failed;
void tap_fail(const char *file, int line, const char *expr);
void tap_failf(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tap_run(const char *name, void (*fn)(void));
void tap_skip(const char *name, const char *why);
int  tap_done(void);
const char *tap_data(const char *rel);     /* static buffer, per call */
const char *tap_shared(const char *rel);   /* NULL when ../shared absent */
const char *tap_tmpdir(void);              /* fresh per process */
const char *tap_cli(void);                 /* path of the interdict binary */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define TEST(name) static void name(void)
#define RUN(name) tap_run(#name, name)
#define CHECK(expr) \
  do { if (!(expr)) tap_fail(__FILE__, __LINE__, #expr); } while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
  if (a_ != b_) tap_failf(__FILE__, __LINE__, "%s == %lld, expected %lld", #a, a_, b_); } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
  if (!a_ || !b_ || strcmp(a_, b_) != 0) tap_failf(__FILE__, __LINE__, \
    "%s == \"%s\", expected \"%s\"", #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } while (0)
#define CHECK_OK(expr) do { int rc_ = (expr); if (rc_ != 0) tap_failf(__FILE__, \
  __LINE__, "%s returned %d: %s", #expr, rc_, idt_error_msg()); } while (0)
#endif
