/* fuzz_korean.c - the Korean name module on arbitrary bytes: Hangul name
 * variants, romanisation in every system, Hanja to Hangul, and the Latin
 * side (segmentation, skeletons, surname classes) on each space-separated
 * token. Inputs that are not valid UTF-8 are skipped: text is validated at
 * the edge before it reaches this module (docs/design.md). */
#include <stdint.h>
#include <stddef.h>
#include "interdict/common.h"
#include "common/buf.h"
#include "common/util.h"
#include "text/korean.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void latin_tokens(const char *s, size_t n)
{
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    char key[64];
    idt_str segs[8];
    while (j < n && s[j] != ' ')
      j++;
    if (j > i) {
      idt_ko_segment(s + i, j - i, segs, 8);
      idt_ko_skeleton(s + i, j - i, key, sizeof key);
      idt_ko_skeleton_strict(s + i, j - i, key, sizeof key);
      idt_ko_surname_class(s + i, j - i);
    }
    i = j + 1;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s = (const char *)data;
  idt_buf b;
  int sys;
  if (size > 4096 || idt_utf8_invalid_at(s, size) != (size_t)-1)
    return 0;
  idt_buf_init(&b, 1 << 20);
  if (idt_ko_has_hangul(s, size))
    idt_ko_name_variants(s, size, &b);
  for (sys = IDT_KO_RR; sys <= IDT_KO_DPRK; sys++) {
    idt_buf_clear(&b);
    idt_ko_romanize(s, size, (idt_ko_system)sys, &b);
  }
  idt_buf_clear(&b);
  idt_ko_hanja_to_hangul(s, size, &b);
  latin_tokens(s, size);
  idt_buf_free(&b);
  return 0;
}
