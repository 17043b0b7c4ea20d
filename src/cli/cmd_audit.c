/*
 * cmd_audit.c - `interdict audit verify|log`: check the hash chain of the
 * audit log, and print its records (text or JSON lines).
 *
 * Exit status of verify: 0 intact, 3 broken (the first broken record is
 * printed), 1 when the check could not run, 2 usage. A distinct code for
 * "tampered" lets a cron job tell an attack from a missing file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "cli.h"
#include "interdict/audit.h"

const char cmd_audit_summary[] = "verify and print the hash-chained audit log";

static const char help[] =
  "usage: interdict audit verify [--db PATH] [--anchor SEQ:HASH] [--format text|json]\n"
  "       interdict audit log [--db PATH] [--limit N] [--from SEQ] [--format text|jsonl]\n"
  "\n"
  "verify  recompute the chain (hash = SHA-256 over prev_hash, seq, time, kind,\n"
  "        actor, payload) and compare its head with the anchor row; print the\n"
  "        record count and the head (seq and hash: keep it elsewhere and pass\n"
  "        it back with --anchor to detect a rewritten or truncated log).\n"
  "        Exit 0 intact, 3 broken (the first broken record is named), 1 error.\n"
  "  --anchor SEQ:HASH    also require record SEQ to carry HASH\n"
  "  --format text|json   output (json: the GET /audit/verify body)\n"
  "log     print records: by default the last 20, oldest first.\n"
  "  --limit N            at most N records (0: all)\n"
  "  --from SEQ           start at seq SEQ instead of the last N\n"
  "  --format text|jsonl  text (payload shortened) or one JSON object a line\n"
  "                       with every field, hashes included\n";

static int parse_i64(const char *s, long long *v)
{
  char *end;
  errno = 0;
  *v = strtoll(s, &end, 10);
  return errno == 0 && end != s && *end == '\0' && *v >= 0;
}

static int parse_anchor(const char *s, int64_t *seq, char hash[65])
{
  const char *colon = strchr(s, ':');
  char num[24];
  long long v;
  size_t n = colon ? (size_t)(colon - s) : 0;
  if (!colon || n == 0 || n >= sizeof num || strlen(colon + 1) != 64)
    return -1;
  memcpy(num, s, n);
  num[n] = '\0';
  if (!parse_i64(num, &v) || v == 0)
    return -1;
  *seq = v;
  memcpy(hash, colon + 1, 65);
  return 0;
}

static int verify(idt_audit *a, int64_t anchor_seq, const char *anchor_hash, int json)
{
  idt_audit_verify_result r;
  json_t *o;
  char *s;
  if (idt_audit_verify(a, anchor_seq, anchor_seq ? anchor_hash : NULL, &r))
    return cli_fail("audit verify");
  if (json) {
    if (!(o = idt_audit_verify_json(&r)) || !(s = json_dumps(o, JSON_INDENT(2)))) {
      json_decref(o);
      return cli_fail("audit verify");
    }
    puts(s);
    free(s);
    json_decref(o);
  } else if (r.ok) {
    printf("ok: %lld records intact\n", (long long)r.records);
    if (r.head_seq)
      printf("head: %lld:%s\n", (long long)r.head_seq, r.head_hash);
  } else {
    printf("BROKEN at seq %lld: %s\n", (long long)r.bad_seq, r.reason);
    printf("(%lld records before it verified)\n", (long long)r.records);
  }
  return r.ok ? 0 : 3;
}

typedef struct log_ctx { int jsonl; } log_ctx;

static int print_record(void *ctx, const idt_audit_record *r)
{
  log_ctx *c = ctx;
  json_t *o, *p;
  json_error_t err;
  char *s;
  if (!c->jsonl) {
    int n = (int)strlen(r->payload);
    printf("%6lld %s %-14s %-16s %.*s%s\n", (long long)r->seq, r->time, r->kind,
           r->actor, n > 100 ? 100 : n, r->payload, n > 100 ? "..." : "");
    return 0;
  }
  p = json_loads(r->payload, JSON_DECODE_ANY, &err);
  o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s}", "seq", (json_int_t)r->seq,
                "time", r->time, "kind", r->kind, "actor", r->actor,
                "payload", p ? p : json_string(r->payload),
                "prev_hash", r->prev_hash, "hash", r->hash);
  if (!o || !(s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS))) {
    json_decref(o);
    return idt_error_set(IDT_ENOMEM, "out of memory");
  }
  puts(s);
  free(s);
  json_decref(o);
  return 0;
}

static int show_log(idt_audit *a, long long limit, long long from, int jsonl)
{
  log_ctx c = { jsonl };
  int64_t n = 0;
  if (from < 0) {
    if (idt_audit_count(a, &n))
      return cli_fail("audit log");
    from = limit == 0 || n <= limit ? 1 : n - limit + 1;
  }
  if (idt_audit_each(a, from, (size_t)limit, print_record, &c))
    return cli_fail("audit log");
  return 0;
}

int cmd_audit(int argc, char **argv)
{
  const char *verb = NULL, *format = NULL;
  char anchor_hash[65] = "";
  int64_t anchor_seq = 0;
  long long limit = 20, from = -1;
  idt_audit *a = NULL;
  int i, rc;
  for (i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      cli_set_db_path(argv[++i]);
    } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      format = argv[++i];
    } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
      if (!parse_i64(argv[++i], &limit))
        return cli_usage("audit", "--limit wants a number >= 0");
    } else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc) {
      if (!parse_i64(argv[++i], &from) || from == 0)
        return cli_usage("audit", "--from wants a seq >= 1");
    } else if (strcmp(argv[i], "--anchor") == 0 && i + 1 < argc) {
      if (parse_anchor(argv[++i], &anchor_seq, anchor_hash))
        return cli_usage("audit", "--anchor wants SEQ:HASH (64 hex digits)");
    } else if (argv[i][0] == '-') {
      return cli_usage("audit", "unknown option '%s'", argv[i]);
    } else if (!verb) {
      verb = argv[i];
    } else {
      return cli_usage("audit", "unexpected argument '%s'", argv[i]);
    }
  }
  if (!verb || (strcmp(verb, "verify") != 0 && strcmp(verb, "log") != 0))
    return cli_usage("audit", "give verify or log");
  if (format && strcmp(format, "text") != 0 &&
      strcmp(format, strcmp(verb, "log") == 0 ? "jsonl" : "json") != 0)
    return cli_usage("audit", "unknown format '%s'", format);
  /* Never create the file here: a verify that made an empty log for a
   * deleted database would report it intact. */
  if (access(cli_db_path(), F_OK) != 0) {
    fprintf(stderr, "interdict: audit: %s: no such database\n", cli_db_path());
    return 1;
  }
  if (idt_audit_open(&a, cli_db_path()))
    return cli_fail("audit");
  if (strcmp(verb, "verify") == 0)
    rc = verify(a, anchor_seq, anchor_hash, format && strcmp(format, "json") == 0);
  else
    rc = show_log(a, limit, from, format && strcmp(format, "jsonl") == 0);
  idt_audit_close(a);
  return rc;
}
