/*
 * test_text.c - the name pipeline: transliteration, tokens, legal forms,
 * NYSIIS keys and consonant skeletons. Expected values are hand-checked
 * (NYSIIS against Taft's published examples).
 */
#include <string.h>
#include "tap.h"
#include "interdict/text.h"

static const char *form0(const char *s, char *buf, size_t cap)
{
  int n = idt_text_name_forms(s, strlen(s), buf, cap);
  return n > 0 ? buf : "";
}

TEST(ascii_tokens)
{
  char b[1024];
  CHECK_STR(form0("KIM Jong-Un", b, sizeof b), "kim jong-un");
  CHECK_STR(form0("RI Ch'ol", b, sizeof b), "ri chol");
  CHECK_STR(form0("O'Brien, U.S.A.", b, sizeof b), "obrien usa");
  CHECK_STR(form0("  NAM SAN 8 ", b, sizeof b), "nam san 8");
  CHECK_INT(idt_text_name_forms("...", 3, b, sizeof b), 0);
}

TEST(legal_forms)
{
  char b[1024];
  CHECK_STR(form0("Korea Ryonbong General Co., Ltd.", b, sizeof b), "korea ryonbong general llc");
  CHECK_STR(form0("Siemens AG", b, sizeof b), "siemens jsc");
  CHECK_STR(form0("GUANGZHOU HAIGE COMM GRP", b, sizeof b), "guangzhou haige communications group");
  CHECK_STR(form0("OCEAN MARITIME SHPG LIMITED LIABILITY COMPANY", b, sizeof b), "ocean maritime shipping llc");
  CHECK_STR(form0("ООО Ромашка", b, sizeof b), "llc romashka");
  CHECK_STR(form0("广州海格通信集团有限公司", b, sizeof b), "guang zhou hai ge tong xin group llc");
  /* never deleted into nothing */
  CHECK_STR(form0("11420 CORP.", b, sizeof b), "11420 corp");
  CHECK_STR(form0("Ao Li", b, sizeof b), "ao li");
  CHECK_INT(idt_text_token_kind("llc", 3), IDT_TOK_LEGAL);
  CHECK_INT(idt_text_token_kind("8", 1), IDT_TOK_NUMBER);
  CHECK_INT(idt_text_token_kind("k", 1), IDT_TOK_INITIAL);
}

TEST(scripts)
{
  char b[1024];
  CHECK_STR(form0("Владимир Путин", b, sizeof b), "vladimir putin");
  CHECK_STR(form0("Müller Straße", b, sizeof b), "muller strasse");
  CHECK_STR(form0("محمد علي", b, sizeof b), "mhmd ly");
  CHECK_STR(form0("习近平", b, sizeof b), "xi jin ping");
  CHECK_STR(form0("ＫＩＭ", b, sizeof b), "kim");
}

TEST(nysiis)
{
  char k[16];
  idt_text_nysiis("knight", 6, k, sizeof k); CHECK_STR(k, "NAGT");
  idt_text_nysiis("macintosh", 9, k, sizeof k); CHECK_STR(k, "MCANT");
  idt_text_nysiis("brown", 5, k, sizeof k); CHECK_STR(k, "BRAN");
  idt_text_nysiis("browne", 6, k, sizeof k); CHECK_STR(k, "BRAN");
  idt_text_nysiis("mohammed", 8, k, sizeof k);
  {
    char k2[16];
    idt_text_nysiis("muhammad", 8, k2, sizeof k2);
    CHECK_STR(k, k2);
  }
  CHECK_INT(idt_text_nysiis("123", 3, k, sizeof k), 0);
}

TEST(consonants)
{
  char a[32], b[32];
  idt_text_consonants("mhmd", 4, a, sizeof a);
  idt_text_consonants("mohamed", 7, b, sizeof b);
  CHECK_STR(a, b);
  idt_text_consonants("abdullah", 8, a, sizeof a);
  CHECK_STR(a, "bdlh");
}

int main(void)
{
  RUN(ascii_tokens);
  RUN(legal_forms);
  RUN(scripts);
  RUN(nysiis);
  RUN(consonants);
  idt_text_thread_cleanup();
  return tap_done();
}
