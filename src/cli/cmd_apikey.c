/*
 * cmd_apikey.c - `interdict apikey add NAME | list | revoke NAME`: the API
 * keys the HTTP server accepts. A new key is printed once, on stdout alone
 * (so `KEY=$(interdict apikey add ci)` works); only its SHA-256 is kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "interdict/audit.h"

const char cmd_apikey_summary[] = "create, list and revoke API keys for interdict serve";

static const char help[] =
  "usage: interdict apikey add NAME\n"
  "       interdict apikey list [--format table|json]\n"
  "       interdict apikey revoke NAME\n"
  "\n"
  "add     create a key for NAME (1-64 of A-Z a-z 0-9 . _ @ -) and print it\n"
  "        once on stdout; only its SHA-256 is stored, it cannot be shown again.\n"
  "list    every key: name, prefix, created, revoked (never the key itself)\n"
  "revoke  revoke NAME's active key; its name stays in the audit trail\n"
  "Each add and revoke is recorded in the audit log.\n"
  "  --db PATH            the store (as the global --db)\n"
  "  --format table|json  list output (default table)\n";

static int list(idt_audit *a, int json)
{
  json_t *arr = NULL, *k;
  size_t i;
  char *s;
  if (idt_apikey_list(a, &arr))
    return cli_fail("apikey list");
  if (json) {
    if ((s = json_dumps(arr, JSON_INDENT(2))))
      puts(s);
    free(s);
  } else if (json_array_size(arr) == 0) {
    printf("no API keys (interdict apikey add NAME)\n");
  } else {
    printf("%-24s %-9s %-25s %s\n", "NAME", "PREFIX", "CREATED", "REVOKED");
    json_array_foreach(arr, i, k) {
      const char *rev = json_string_value(json_object_get(k, "revoked"));
      printf("%-24s %-9s %-25s %s\n", json_string_value(json_object_get(k, "name")),
             json_string_value(json_object_get(k, "prefix")),
             json_string_value(json_object_get(k, "created")), rev ? rev : "-");
    }
  }
  json_decref(arr);
  return 0;
}

int cmd_apikey(int argc, char **argv)
{
  const char *args[3] = { NULL, NULL, NULL }, *format = "table";
  idt_audit *a = NULL;
  char *key = NULL;
  int i, n = 0, rc = 0;
  for (i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      cli_set_db_path(argv[++i]);
    } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      format = argv[++i];
    } else if (argv[i][0] == '-') {
      return cli_usage("apikey", "unknown option '%s'", argv[i]);
    } else if (n < 3) {
      args[n++] = argv[i];
    } else {
      return cli_usage("apikey", "unexpected argument '%s'", argv[i]);
    }
  }
  if (!args[0])
    return cli_usage("apikey", "give add, list or revoke");
  if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0)
    return cli_usage("apikey", "unknown format '%s' (table, json)", format);
  if (strcmp(args[0], "list") == 0 ? n != 1
      : (strcmp(args[0], "add") == 0 || strcmp(args[0], "revoke") == 0) ? n != 2 : 1)
    return cli_usage("apikey", "expected add NAME, list or revoke NAME");
  if (idt_audit_open(&a, cli_db_path()))
    return cli_fail("apikey");
  if (strcmp(args[0], "list") == 0) {
    rc = list(a, strcmp(format, "json") == 0);
  } else if (strcmp(args[0], "add") == 0) {
    if (idt_apikey_add(a, args[1], &key)) {
      rc = cli_fail("apikey add");
    } else {
      puts(key);
      fflush(stdout);
      fprintf(stderr, "interdict: API key '%s' created; it is shown only this once\n",
              args[1]);
      idt_free(key);
    }
  } else if (idt_apikey_revoke(a, args[1])) {
    rc = cli_fail("apikey revoke");
  } else {
    fprintf(stderr, "interdict: API key '%s' revoked\n", args[1]);
  }
  idt_audit_close(a);
  return rc;
}
