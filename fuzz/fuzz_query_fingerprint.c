/* fuzz_query_fingerprint.c - the audit module's query fingerprint
 * (idt_query_fingerprint_str) on arbitrary bytes. The contract is checked,
 * not just survival: a query that fingerprints gives 64 hex digits, and the
 * same query re-serialised with its keys in another order gives the same
 * fingerprint (decisions must not depend on how a client orders JSON). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "interdict/audit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char a[IDT_AUDIT_HASH_HEX + 1], b[IDT_AUDIT_HASH_HEX + 1];
  char *s, *again;
  json_t *j;
  if (!(s = malloc(size + 1)))
    return 0;
  memcpy(s, data, size);
  s[size] = 0;
  if (idt_query_fingerprint_str(s, a) == 0) {
    if (strlen(a) != IDT_AUDIT_HASH_HEX ||
        strspn(a, "0123456789abcdef") != IDT_AUDIT_HASH_HEX)
      abort();
    j = json_loads(s, JSON_DECODE_ANY, NULL);
    again = j ? json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    if (again && idt_query_fingerprint_str(again, b) == 0 && strcmp(a, b) != 0)
      abort();
    free(again);
    json_decref(j);
  }
  free(s);
  return 0;
}
