/*
 * test_japanese.c - Japanese readings of names (src/text/japanese.c): kanji
 * names read through MeCab's name dictionary (IPADIC), kana names, long
 * vowels written once (Hepburn without macrons), the gate that keeps
 * Chinese names out, and readings on several threads at once. Expected
 * readings are the names' usual Hepburn spellings (Yamada Tarō, Satō,
 * Ōno: with the macrons dropped as lists and passports write them).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "forms_util.h"
#include "interdict/screen.h"
#include "interdict/text.h"
#include "text/text_int.h"
#include "common/buf.h"

/* The Japanese reading of s, or "" when there is none. */
static const char *reading(const char *s, idt_buf *b)
{
  int rc = idt__ja_reading(s, strlen(s), b);
  return rc > 0 ? b->p : "";
}

static double score(const char *a, const char *b)
{
  double s = -1;
  if (idt_screen_compare(NULL, a, b, IDT_SCREEN_MODE_DEFAULT, &s, NULL) < 0)
    return -1;
  return s;
}

TEST(dictionary_loaded)
{
  /* tools/install-deps.sh installs libmecab-dev and mecab-ipadic-utf8: a
   * machine without them fails here, not silently in the readings below */
  CHECK_INT(idt_text_has_japanese(), 1);
}

TEST(kanji_names)
{
  idt_buf b;
  idt_buf_init(&b, 1 << 14);
  CHECK_STR(reading("山田太郎", &b), "yamada taro");
  CHECK_STR(reading("田中花子", &b), "tanaka hanako");
  CHECK_STR(reading("佐藤健", &b), "sato ken");          /* Satō */
  CHECK_STR(reading("大野智", &b), "ono satoshi");       /* Ōno */
  CHECK_STR(reading("鈴木一郎", &b), "suzuki ichiro");
  CHECK_STR(reading("小泉純一郎", &b), "koizumi junichiro");
  CHECK_STR(reading("佐々木希", &b), "sasaki nozomi");   /* 々 */
  /* ou that is not a long vowel (i-no-u-e) stays: the dictionary knows */
  CHECK_STR(reading("井上陽水", &b), "inoue yosui");
  CHECK_STR(reading("山田 太郎", &b), "yamada taro");
  /* Western order, as the lists and many forms write it */
  CHECK_STR(reading("花子 田中", &b), "hanako tanaka");
  idt_buf_free(&b);
}

TEST(kana_names)
{
  idt_buf b;
  idt_buf_init(&b, 1 << 14);
  CHECK_STR(reading("やまだ たろう", &b), "yamada taro");
  CHECK_STR(reading("ヤマダ タロウ", &b), "yamada taro");
  CHECK_STR(reading("ヤマダ・タロー", &b), "yamada taro");
  CHECK_STR(reading("ゆうき", &b), "yuki");
  CHECK_STR(reading("おおの", &b), "ono");
  CHECK_STR(reading("山田たろう", &b), "yamada taro");
  idt_buf_free(&b);
}

TEST(gate_keeps_chinese_names_out)
{
  idt_buf b;
  idt_buf_init(&b, 1 << 14);
  /* IPADIC reads 李 as a surname and 明 as a given name (Akira), 周 + 恩来
   * too: one-character surnames are what tells them apart */
  CHECK_STR(reading("李明", &b), "");
  CHECK_STR(reading("王伟", &b), "");
  CHECK_STR(reading("周恩来", &b), "");
  CHECK_STR(reading("习近平", &b), "");
  CHECK_STR(reading("毛泽东", &b), "");
  CHECK_STR(reading("张伟", &b), "");
  CHECK_STR(reading("秀珠 明珠 周", &b), "");
  CHECK_STR(reading("美玲 秋月 李", &b), "");   /* 秋月 is also a surname */
  CHECK_STR(reading("金正恩", &b), "");
  /* not Japanese as written */
  CHECK_STR(reading("Yamada Taro", &b), "");
  CHECK_STR(reading("김정은", &b), "");
  CHECK_STR(reading("山田 Taro", &b), "");
  CHECK_STR(reading("", &b), "");
  CHECK_STR(reading("・・", &b), "");
  idt_buf_free(&b);
}

TEST(forms_and_scores)
{
  CHECK(has_form("山田太郎", "yamada taro"));
  CHECK(has_form("山田太郎", "shan tian tai lang"));   /* Mandarin stays */
  CHECK(has_form("李明", "li ming"));
  CHECK(!has_form("李明", "ri akira"));
  CHECK(score("山田太郎", "Yamada Taro") >= 0.70);
  CHECK(score("田中花子", "Tanaka Hanako") >= 0.70);
  CHECK(score("山田太郎", "YAMADA, Taro") >= 0.70);
  CHECK(score("山田太郎", "Yamada Tarō") >= 0.70);
  CHECK(score("山田太郎", "Yamada Tarou") >= 0.70);
  CHECK(score("佐藤健", "Satō Ken") >= 0.70);
  CHECK(score("大野智", "Ono Satoshi") >= 0.70);
  CHECK(score("やまだ たろう", "Yamada Taro") >= 0.70);
  /* and different names stay apart */
  CHECK(score("山田太郎", "Tanaka Hanako") < 0.70);
  CHECK(score("李明", "Ri Akira") < 0.70);
}

typedef struct work {
  int bad;
} work;

static void *reader(void *arg)
{
  work *w = arg;
  idt_buf b;
  int i;
  idt_buf_init(&b, 1 << 14);
  for (i = 0; i < 200; i++) {
    w->bad += strcmp(reading(i & 1 ? "山田太郎" : "田中花子", &b),
                     i & 1 ? "yamada taro" : "tanaka hanako") != 0;
    w->bad += strcmp(reading("李明", &b), "") != 0;
  }
  idt_buf_free(&b);
  idt_text_thread_cleanup();
  return NULL;
}

TEST(threads)
{
  pthread_t t[4];
  work w[4];
  int i, started = 0;
  memset(w, 0, sizeof w);
  for (i = 0; i < 4; i++)
    if (pthread_create(&t[i], NULL, reader, &w[i]) == 0)
      started++;
  CHECK_INT(started, 4);
  for (i = 0; i < started; i++) {
    pthread_join(t[i], NULL);
    CHECK_INT(w[i].bad, 0);
  }
}

int main(void)
{
  RUN(dictionary_loaded);
  RUN(kanji_names);
  RUN(kana_names);
  RUN(gate_keeps_chinese_names_out);
  RUN(forms_and_scores);
  RUN(threads);
  idt_text_thread_cleanup();
  idt_screen_thread_cleanup();
  return tap_done();
}
