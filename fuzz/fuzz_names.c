/* fuzz_names.c - the name-knowledge romanisers on arbitrary text: Khmer to
 * Latin (which must leave no Khmer behind), Wade-Giles to pinyin, the query
 * forms, Palladius Cyrillic to pinyin, an organisation's acronym, Chinese
 * and Korean company words in English (nothing written when nothing is
 * translated), the consonants of Arabic script, the
 * assimilated Arabic article (tokens stay as many, each non-empty) and the
 * transliteration key (which must
 * fit its buffer and be its own key's length). Inputs that are not valid UTF-8 are
 * skipped: text is validated at the edge (docs/design.md). */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "interdict/common.h"
#include "interdict/text.h"
#include "common/buf.h"
#include "common/util.h"
#include "text/text_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s = (const char *)data;
  char out[IDT_TEXT_MAX_FORMS * IDT_TEXT_MAX_FORM];
  idt_buf b;
  if (size > 4096 || idt_utf8_invalid_at(s, size) != (size_t)-1)
    return 0;
  idt_buf_init(&b, 4 * size + 64);
  if (idt__text_khmer(s, size, &b) == 0 && idt__text_has_khmer(b.p, b.len))
    abort();                          /* the pipeline would come back here */
  idt_buf_clear(&b);
  if (idt__text_wade_giles(s, size, &b) > 0 && (!b.len || strlen(b.p) != b.len))
    abort();
  idt_buf_clear(&b);
  if (idt__text_palladius(s, size, &b) > 0 && (!b.len || strlen(b.p) != b.len))
    abort();
  idt_buf_free(&b);
  (void)idt_text_query_forms(s, size, out, sizeof out);
  (void)idt_text_org_acronym(s, size, out, 16);
  (void)idt_text_org_acronym_legal(s, size, out, 16);
  (void)idt_text_name_forms(s, size, out, sizeof out);
  {
    idt__toks t;
    size_t i, n;
    idt__text_tokenize(s, size, &t);
    n = t.n;
    idt__text_sun_article(&t);
    for (i = 0; i < t.n; i++)
      if (t.n != n || !t.len[i])
        abort();
    idt__text_numero(&t);   /* drops tokens, never empties one */
    for (i = 0; i < t.n; i++)
      if (t.n > n || !t.len[i])
        abort();
  }
  {
    idt_buf hb;
    idt_buf_init(&hb, 256);
    if (idt__text_han_org(s, size, &hb) == 0 && hb.len)
      abort();   /* nothing translated: nothing written */
    idt_buf_clear(&hb);
    if (idt__text_ko_org(s, size, &hb) == 0 && hb.len)
      abort();
    idt_buf_clear(&hb);
    (void)idt__text_abjad_form(s, size, &hb);
    idt_buf_free(&hb);
  }
  {
    char k[24];
    size_t kl = idt_text_translit_key(s, size, k, sizeof k);
    if (kl >= sizeof k || strlen(k) != kl)
      abort();
    kl = idt_text_translit_key_alt(s, size, k, sizeof k);
    if (kl >= sizeof k || strlen(k) != kl)
      abort();
  }
  return 0;
}
