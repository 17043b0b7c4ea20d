/*
 * fuzz_screen_query.c - the screening input path on arbitrary bytes: the
 * streaming CSV query reader of `interdict screen` (src/cli/screen_io.c,
 * compiled in here because the CLI is not part of the library) and, per
 * record, the name pipeline and the scorer on its fields (as a name of
 * no schema, a Vessel's, an Airplane's or a Person's, by turns); for input that
 * starts with '{', the JSON-lines path (jansson) instead.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <jansson.h>
#include "../src/cli/screen_io.c"
#include "interdict/screen.h"
#include "interdict/text.h"
#include "common/util.h"

/* schemas with their own name rules: vessel prefixes and numerals,
 * aircraft registrations, persons' forms */
static const char *const schemas[] = { NULL, "Vessel", "Airplane", "Person" };

static int row(void *ctx, char **f, size_t n, size_t rec)
{
  double s;
  size_t i;
  (void)ctx;
  for (i = 0; i + 1 < n && i < 4; i++) {
    if (idt_utf8_invalid_at(f[i], strlen(f[i])) != (size_t)-1 ||
        idt_utf8_invalid_at(f[i + 1], strlen(f[i + 1])) != (size_t)-1)
      continue;
    idt_screen_compare(schemas[(rec + i) % 4], f[i], f[i + 1], IDT_SCREEN_MODE_DEFAULT, &s,
                       NULL);
    idt_screen_compare(NULL, f[i], f[i + 1], IDT_SCREEN_MODE_OFAC, &s, NULL);
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FILE *f;
  if (size > 1 << 16)
    return 0;
  if (size && data[0] == '{') {
    json_error_t err;
    json_t *o = json_loadb((const char *)data, size, 0, &err);
    if (json_is_object(o)) {
      json_t *a = json_object_get(o, "name"), *b = json_object_get(o, "aliases");
      double s;
      if (json_is_string(a) && json_is_array(b) && json_is_string(json_array_get(b, 0)))
        idt_screen_compare(NULL, json_string_value(a),
                           json_string_value(json_array_get(b, 0)),
                           IDT_SCREEN_MODE_DEFAULT, &s, NULL);
    }
    json_decref(o);
    return 0;
  }
  f = fmemopen((void *)data, size ? size : 1, "rb");
  if (!f)
    return 0;
  screen_csv_stream(f, row, NULL);
  fclose(f);
  return 0;
}
