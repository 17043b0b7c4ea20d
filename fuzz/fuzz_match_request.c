/*
 * fuzz_match_request.c - the body parser of POST /match/{dataset}
 * (src/server/match_parse.c) on arbitrary bytes, without sockets: JSON
 * parsing, the yente query shape, value normalisation, the limits and the
 * query fingerprint. Every accepted query must come out with a schema, a
 * fingerprint of 64 hex digits, and either a name/identifier or a reason.
 */
#include <stdint.h>
#include <string.h>
#include "server/server_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  match_req *r = NULL;
  size_t i;
  if (idt__match_parse((const char *)data, size, 100, &r) == 0) {
    for (i = 0; i < r->n; i++) {
      const match_query *q = &r->q[i];
      if (!q->q.schema || strlen(q->fingerprint) != 64)
        __builtin_trap();
      if (!q->error && !q->q.name && !q->q.imo && !q->q.mmsi && !q->q.passport &&
          !q->q.id_number && !q->q.wallet)
        __builtin_trap();
    }
    idt__match_req_free(r);
  }
  return 0;
}
