/*
 * buf.h - an owned, growable byte buffer with a mandatory maximum (curl's
 * dynbuf): untrusted input can never grow one past its cap. The content is
 * always NUL-terminated. Also the borrowed slice type idt_str.
 */
#ifndef IDT_COMMON_BUF_H
#define IDT_COMMON_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct idt_str {
  const char *p;
  size_t len;
} idt_str;

typedef struct idt_buf {
  char *p;
  size_t len, cap, max;
} idt_buf;

#define IDT_BUF_MAX_DEFAULT ((size_t)64 << 20)

void idt_buf_init(idt_buf *b, size_t max);
void idt_buf_free(idt_buf *b);
void idt_buf_clear(idt_buf *b);
/* 0, IDT_ENOMEM or IDT_ELIMIT (max exceeded; the buffer is unchanged). */
int  idt_buf_append(idt_buf *b, const void *p, size_t n);
int  idt_buf_puts(idt_buf *b, const char *s);
int  idt_buf_putc(idt_buf *b, char c);
int  idt_buf_printf(idt_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int  idt_buf_vprintf(idt_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Append s as a JSON string literal (quotes included, escaped). */
int  idt_buf_json_str(idt_buf *b, const char *s, size_t n);
/* Steal the content (caller frees with idt_free); the buffer is reset. */
char *idt_buf_detach(idt_buf *b);
#endif
