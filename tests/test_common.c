/* test_common.c - allocator, arena, buffer, map, error channel, utilities. */
#include <stdlib.h>
#include "tap.h"
#include "interdict/common.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/map.h"
#include "common/util.h"

TEST(error_channel)
{
  CHECK_INT(idt_error_set(IDT_EPARSE, "f.csv:%d: field %s", 3, "name"), IDT_EPARSE);
  CHECK_STR(idt_error_msg(), "f.csv:3: field name");
  idt_error_wrap(IDT_EPARSE, "importing %s", "ofac");
  CHECK_STR(idt_error_msg(), "importing ofac: f.csv:3: field name");
  CHECK_STR(idt_strerror(IDT_ENOMEM), "out of memory");
  CHECK_STR(idt_strerror(-999), "unknown error");
}

TEST(alloc_fault_injection)
{
  void *p;
  idt_alloc_fail_after(1, 0);
  p = idt_malloc(8);
  CHECK(p != NULL);
  idt_free(p);
  CHECK(idt_malloc(8) == NULL);
  CHECK_INT(idt_error_code(), IDT_ENOMEM);
  p = idt_malloc(8);   /* not sticky: recovers */
  CHECK(p != NULL);
  idt_free(p);
  idt_alloc_fail_after(-1, 0);
}

TEST(arena_many)
{
  idt_arena a;
  int i, ok = 1;
  char *big;
  idt_arena_init(&a);
  for (i = 0; i < 10000; i++) {
    char *s = idt_arena_strdup(&a, "hello");
    if (!s || strcmp(s, "hello") || ((uintptr_t)s & 15))
      ok = 0;
  }
  big = idt_arena_alloc(&a, 3u << 20);
  CHECK(big != NULL);
  memset(big, 1, 3u << 20);
  CHECK(ok);
  CHECK(a.total >= 10000 * 16);
  idt_arena_free(&a);
  CHECK(a.head == NULL);
}

TEST(buf_cap_and_json)
{
  idt_buf b;
  idt_buf_init(&b, 8);
  CHECK_OK(idt_buf_puts(&b, "1234567"));
  CHECK_INT(idt_buf_puts(&b, "89"), IDT_ELIMIT);
  CHECK_STR(b.p, "1234567");
  idt_buf_free(&b);
  idt_buf_init(&b, 0);
  CHECK_OK(idt_buf_json_str(&b, "a\"b\\c\n<x>\x01", 10));
  CHECK_STR(b.p, "\"a\\\"b\\\\c\\n\\u003cx\\u003e\\u0001\"");
  idt_buf_free(&b);
}

TEST(map_basic)
{
  idt_map m;
  char keys[2000][8];
  int i, ok = 1;
  idt_map_init(&m);
  for (i = 0; i < 2000; i++) {
    snprintf(keys[i], 8, "k%d", i);
    CHECK_OK(idt_map_put(&m, keys[i], strlen(keys[i]), (void *)(intptr_t)(i + 1)));
  }
  for (i = 0; i < 2000; i++)
    if ((intptr_t)idt_map_get(&m, keys[i], strlen(keys[i])) != i + 1)
      ok = 0;
  CHECK(ok);
  CHECK(idt_map_get(&m, "nope", 4) == NULL);
  CHECK_INT(m.len, 2000);
  idt_map_free(&m);
}

TEST(utf8_and_latin1)
{
  idt_buf b;
  CHECK_INT(idt_utf8_invalid_at("abc", 3), -1);
  CHECK_INT(idt_utf8_invalid_at("a\xc3\xa9z", 4), -1);
  CHECK_INT(idt_utf8_invalid_at("ab\xff", 3), 2);
  CHECK_INT(idt_utf8_invalid_at("ab\xe2\x82", 4), 2);   /* truncated */
  idt_buf_init(&b, 0);
  CHECK_OK(idt_latin1_to_utf8(&b, "caf\xe9", 4));
  CHECK_STR(b.p, "caf\xc3\xa9");
  idt_buf_free(&b);
}

TEST(sha256)
{
  char hex[65];
  idt_sha256_mem("abc", 3, hex);
  CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
  RUN(error_channel);
  RUN(alloc_fault_injection);
  RUN(arena_many);
  RUN(buf_cap_and_json);
  RUN(map_basic);
  RUN(utf8_and_latin1);
  RUN(sha256);
  return tap_done();
}
