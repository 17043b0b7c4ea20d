/*
 * test_japanese_nodict.c - a machine where MeCab finds no configuration or
 * dictionary: Japanese readings are off (idt_text_has_japanese is 0, one
 * warning on stderr), kanji names keep their other forms, nothing fails.
 * Its own process, since MeCab's model is opened once per process.
 */
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "interdict/text.h"
#include "text/text_int.h"
#include "common/buf.h"

TEST(no_dictionary)
{
  char out[4096];
  idt_buf b;
  int n;
  CHECK_INT(idt_text_has_japanese(), 0);
  idt_buf_init(&b, 1 << 14);
  CHECK_INT(idt__ja_reading("山田太郎", strlen("山田太郎"), &b), 0);
  CHECK_INT(idt__ja_reading("やまだ", strlen("やまだ"), &b), 0);
  idt_buf_free(&b);
  n = idt_text_name_forms("山田太郎", strlen("山田太郎"), out, sizeof out);
  CHECK_INT(n, 1);
  CHECK_STR(out, "shan tian tai lang");
  n = idt_text_name_forms("やまだ", strlen("やまだ"), out, sizeof out);
  CHECK(n >= 1);
  CHECK_STR(out, "yamada");
}

int main(void)
{
  /* MeCab reads $MECABRC before ~/.mecabrc and /etc/mecabrc */
  setenv("MECABRC", "/nonexistent/interdict-test-mecabrc", 1);
  RUN(no_dictionary);
  idt_text_thread_cleanup();
  return tap_done();
}
