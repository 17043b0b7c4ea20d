/* fuzz_japanese.c - Japanese readings (src/text/japanese.c) on arbitrary
 * bytes: MeCab's analysis, the walk over its feature strings, the gate,
 * the katakana-to-Latin step and the whole forms pipeline around it.
 * Inputs that are not valid UTF-8 are skipped: text is validated at the
 * edge before it reaches the text module (docs/design.md). */
#include <stdint.h>
#include <stddef.h>
#include "interdict/text.h"
#include "common/buf.h"
#include "common/util.h"
#include "text/text_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s = (const char *)data;
  char out[4096];
  idt_buf b;
  if (size > 4096 || idt_utf8_invalid_at(s, size) != (size_t)-1)
    return 0;
  idt_buf_init(&b, 1 << 16);
  (void)idt__ja_reading(s, size, &b);
  idt_buf_free(&b);
  (void)idt_text_name_forms(s, size, out, sizeof out);
  return 0;
}
