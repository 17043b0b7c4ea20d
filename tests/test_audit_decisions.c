/*
 * test_audit_decisions.c - the audit module's records: query fingerprints,
 * entity content hashes, API keys, alerts and decisions (suppression until
 * the entry changes or the decision expires or is superseded; decisions
 * atomic with their audit record), bad input on every entry point and an
 * allocation-failure sweep that must end in errors, never crashes, and a
 * chain that still verifies.
 */
#define _GNU_SOURCE 1   /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "interdict/audit.h"
#include "common/arena.h"
#include "tap.h"

static char path[600];

static idt_audit *fresh(const char *name)
{
  idt_audit *a = NULL;
  char p[640];
  snprintf(path, sizeof path, "%s/%s.db", tap_tmpdir(), name);
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
  CHECK_OK(idt_audit_open(&a, path));
  return a;
}

static int intact(idt_audit *a)
{
  idt_audit_verify_result r;
  if (idt_audit_verify(a, 0, NULL, &r))
    return 0;
  if (!r.ok)
    tap_diag("verify: seq %lld: %s", (long long)r.bad_seq, r.reason);
  return r.ok;
}

static json_t *J(const char *text)
{
  json_error_t err;
  json_t *v = json_loads(text, 0, &err);
  if (!v)
    tap_diag("bad test JSON: %s", err.text);
  return v;
}

static int fp_of(const char *text, char hex[65])
{
  return idt_query_fingerprint_str(text, hex);
}

TEST(fingerprint_canonical)
{
  char a[65], b[65], c[65], d[65];
  json_t *q;
  CHECK_OK(fp_of("{\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim Jong Un\","
                 "\"KIM\"],\"birthDate\":[\"1984-01-08\"]}}", a));
  /* Key order, value order, duplicates, whitespace, empties, schema. */
  CHECK_OK(fp_of("{\"properties\":{\"birthDate\":\"1984-01-08\",\"name\":[\" KIM \","
                 "\"Kim Jong Un\",\"KIM\",\"\"],\"country\":[]},\"schema\":\"LegalEntity\"}",
                 b));
  CHECK_STR(a, b);
  /* Several copies of one value (the duplicate filter compares with the
   * value kept, not a freed one). */
  CHECK_OK(fp_of("{\"name\":[\"A\",\"A\",\"A\",\"B\",\"B\",\"A\"]}", c));
  CHECK_OK(fp_of("{\"name\":[\"B\",\"A\"]}", d));
  CHECK_STR(c, d);
  /* The bare properties object gives the same fingerprint. */
  CHECK_OK(fp_of("{\"name\":[\"KIM\",\"Kim Jong Un\"],\"birthDate\":[\"1984-01-08\"]}", c));
  CHECK_STR(a, c);
  /* Any value change changes it (case is significant: no normalisation). */
  CHECK_OK(fp_of("{\"properties\":{\"name\":[\"Kim Jong Un\",\"Kim\"],"
                 "\"birthDate\":[\"1984-01-08\"]}}", d));
  CHECK(strcmp(a, d) != 0);
  CHECK_OK(fp_of("{\"properties\":{\"name\":[\"Kim Jong Un\",\"KIM\"]}}", d));
  CHECK(strcmp(a, d) != 0);
  /* Numbers are allowed and equal their JSON text as a string. */
  CHECK_OK(fp_of("{\"properties\":{\"imoNumber\":[9123456]}}", c));
  CHECK_OK(fp_of("{\"properties\":{\"imoNumber\":[\"9123456\"]}}", d));
  CHECK_STR(c, d);
  /* Bad input. */
  CHECK_INT(fp_of("{\"properties\":{\"name\":[{\"x\":1}]}}", c), IDT_EINVAL);
  CHECK_INT(fp_of("{\"properties\":[1]}", c), IDT_EINVAL);
  CHECK_INT(fp_of("[1]", c), IDT_EINVAL);
  CHECK_INT(fp_of("{\"properties\":", c), IDT_EPARSE);
  CHECK_INT(fp_of(NULL, c), IDT_EINVAL);
  CHECK_INT(idt_query_fingerprint(NULL, c), IDT_EINVAL);
  q = J("{\"properties\":{\"name\":[null]}}");
  CHECK_INT(idt_query_fingerprint(q, c), IDT_EINVAL);
  json_decref(q);
}

TEST(entity_content_hash)
{
  idt_arena ar;
  idt_entity *e1 = NULL, *e2 = NULL;
  char h1[65], h2[65];
  idt_arena_init(&ar);
  CHECK_OK(idt_entity_new(&e1, &ar, idt_schema_get("Person"), "x-1"));
  CHECK_OK(idt_entity_new(&e2, &ar, idt_schema_get("Person"), "x-2"));
  CHECK_OK(idt_entity_add(e1, "name", "Kim"));
  CHECK_OK(idt_entity_add(e1, "nationality", "kp"));
  CHECK_OK(idt_entity_add(e2, "nationality", "kp"));
  CHECK_OK(idt_entity_add(e2, "name", "Kim"));
  CHECK_OK(idt_entity_content_hash(e1, h1));
  CHECK_OK(idt_entity_content_hash(e2, h2));
  CHECK_STR(h1, h2);            /* order and id do not matter */
  CHECK_OK(idt_entity_add(e2, "name", "Kim Il"));
  CHECK_OK(idt_entity_content_hash(e2, h2));
  CHECK(strcmp(h1, h2) != 0);   /* a new value does */
  CHECK_INT(idt_entity_content_hash(NULL, h2), IDT_EINVAL);
  idt_arena_free(&ar);
}

TEST(api_keys)
{
  idt_audit *a = fresh("keys");
  char *k1 = NULL, *k2 = NULL, *name = NULL, bad[80];
  json_t *l = NULL;
  size_t n = 9;
  CHECK_OK(idt_apikey_count(a, &n));
  CHECK_INT(n, 0);
  CHECK_OK(idt_apikey_add(a, "alice", &k1));
  CHECK_OK(idt_apikey_add(a, "bob@example.org", &k2));
  CHECK(k1 && strlen(k1) == 68 && strncmp(k1, "idt_", 4) == 0);
  CHECK(k1 && k2 && strcmp(k1, k2) != 0);
  CHECK_INT(idt_apikey_add(a, "alice", &name), IDT_EEXIST);
  CHECK(name == NULL);
  CHECK_OK(idt_apikey_check(a, k1, &name));
  CHECK_STR(name, "alice");
  idt_free(name);
  CHECK_OK(idt_apikey_check(a, k2, NULL));
  /* A key differing in its last digit, a prefix of it, garbage, empty. */
  snprintf(bad, sizeof bad, "%s", k1);
  bad[67] = bad[67] == '0' ? '1' : '0';
  CHECK_INT(idt_apikey_check(a, bad, &name), IDT_ENOTFOUND);
  CHECK(name == NULL);
  CHECK(strstr(idt_error_msg(), bad) == NULL);   /* never echoes the key */
  bad[20] = '\0';
  CHECK_INT(idt_apikey_check(a, bad, NULL), IDT_ENOTFOUND);
  CHECK_INT(idt_apikey_check(a, "", NULL), IDT_ENOTFOUND);
  CHECK_INT(idt_apikey_check(a, NULL, NULL), IDT_ENOTFOUND);
  /* The database holds only the digest. */
  CHECK_OK(idt_apikey_list(a, &l));
  CHECK_INT(json_array_size(l), 2);
  CHECK_STR(json_string_value(json_object_get(json_array_get(l, 0), "name")), "alice");
  CHECK(json_is_null(json_object_get(json_array_get(l, 0), "revoked")));
  json_decref(l);
  CHECK_OK(idt_apikey_revoke(a, "alice"));
  CHECK_INT(idt_apikey_revoke(a, "alice"), IDT_ENOTFOUND);
  CHECK_INT(idt_apikey_check(a, k1, NULL), IDT_ENOTFOUND);
  CHECK_OK(idt_apikey_count(a, &n));
  CHECK_INT(n, 1);
  idt_free(k1);
  CHECK_OK(idt_apikey_add(a, "alice", &k1));    /* a name may come back */
  CHECK_OK(idt_apikey_check(a, k1, NULL));
  CHECK_INT(idt_apikey_add(a, "", &name), IDT_EINVAL);
  CHECK_INT(idt_apikey_add(a, "a b", &name), IDT_EINVAL);
  CHECK_INT(idt_apikey_add(a, "<script>", &name), IDT_EINVAL);
  CHECK_INT(idt_apikey_add(a, NULL, &name), IDT_EINVAL);
  CHECK_INT(idt_apikey_add(a, "x", NULL), IDT_EINVAL);
  CHECK_INT(idt_apikey_revoke(a, NULL), IDT_EINVAL);
  CHECK(intact(a));
  idt_free(k1);
  idt_free(k2);
  idt_audit_close(a);
}

/* Keys are not in the file in any form but their digest. */
TEST(api_key_not_stored)
{
  idt_audit *a = fresh("keyfile");
  char *k = NULL, buf[4096];
  FILE *f;
  size_t n;
  int found = 0;
  CHECK_OK(idt_apikey_add(a, "carol", &k));
  idt_audit_close(a);
  if ((f = fopen(path, "rb"))) {
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
      if (k && memmem(buf, n, k + 8, 32))
        found = 1;
    fclose(f);
  }
  snprintf(buf, sizeof buf, "%s-wal", path);
  if ((f = fopen(buf, "rb"))) {
    char *big = malloc(1 << 22);
    n = big ? fread(big, 1, 1 << 22, f) : 0;
    if (k && n && memmem(big, n, k + 8, 32))
      found = 1;
    free(big);
    fclose(f);
  }
  CHECK(!found);
  idt_free(k);
}

static const char H1[] = "1111111111111111111111111111111111111111111111111111111111111111";
static const char H2[] = "2222222222222222222222222222222222222222222222222222222222222222";

static idt_alert_in hit(const json_t *q, const char *entity, const char *h)
{
  idt_alert_in x = { "q1", q, entity, h, "KIM Jong Un", "un", 0.93,
                     "name 0.93", "un:7" };
  return x;
}

TEST(alerts_and_decisions)
{
  idt_audit *a = fresh("decide");
  json_t *q = J("{\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim Jong Un\"]}}");
  json_t *req = J("{\"queries\":{\"q1\":{}}}"), *l = NULL, *d = NULL;
  idt_alert_in hits[2];
  idt_decision_in in = { 0 };
  int64_t ids[2] = { 0, 0 }, ids2[2] = { 0, 0 }, seq = 0;
  size_t total = 0;
  char fp[65];
  time_t jan1 = 1767225600;   /* 2026-01-01T00:00:00Z */
  CHECK_OK(idt_query_fingerprint(q, fp));
  hits[0] = hit(q, "un-KPi.033", H1);
  hits[1] = hit(q, "ofac-1", H1);
  CHECK_OK(idt_audit_match(a, "alice", req, hits, 2, ids, &seq));
  CHECK(ids[0] > 0 && ids[1] > ids[0]);
  CHECK_INT(seq, 1);
  /* Same hits again: the same alerts, hit twice. */
  CHECK_OK(idt_audit_match(a, "alice", req, hits, 2, ids2, &seq));
  CHECK_INT(ids2[0], ids[0]);
  CHECK_INT(ids2[1], ids[1]);
  CHECK_OK(idt_audit_match(a, "alice", NULL, NULL, 0, NULL, NULL));
  CHECK_OK(idt_alert_list(a, IDT_ALERT_OPEN, 0, 0, &l, &total));
  CHECK_INT(total, 2);
  CHECK_INT(json_integer_value(json_object_get(json_array_get(l, 0), "hits")), 2);
  CHECK_STR(json_string_value(json_object_get(json_array_get(l, 0), "query_fingerprint")),
            fp);
  CHECK_STR(json_string_value(json_object_get(json_object_get(json_object_get(
            json_array_get(l, 0), "query"), "properties"), "name") ?
            json_array_get(json_object_get(json_object_get(json_object_get(
            json_array_get(l, 0), "query"), "properties"), "name"), 0) : NULL),
            "Kim Jong Un");
  json_decref(l);
  /* Nothing decided: nothing suppressed. */
  CHECK_INT(idt_decision_suppresses(a, fp, "un-KPi.033", H1, 0), 0);
  /* False positive on the first alert, expiring 2026-03-31. */
  in.alert_id = ids[0];
  in.decision = "false_positive";
  in.note = "different birth date";
  in.user = "alice";
  in.expires = "2026-03-31";
  CHECK_OK(idt_decision_put(a, &in, &d));
  CHECK_STR(json_string_value(json_object_get(d, "decision")), "false_positive");
  CHECK_STR(json_string_value(json_object_get(d, "entity_hash")), H1);
  CHECK_STR(json_string_value(json_object_get(d, "list_version")), "un:7");
  CHECK_INT(json_integer_value(json_object_get(d, "alert_id")), ids[0]);
  CHECK_INT(json_integer_value(json_object_get(d, "audit_seq")), 4);
  json_decref(d);
  CHECK_INT(idt_decision_suppresses(a, fp, "un-KPi.033", H1, jan1), 1);
  CHECK_INT(idt_decision_suppresses(a, fp, "un-KPi.033", H1, jan1 + 89 * 86400), 1);
  CHECK_INT(idt_decision_suppresses(a, fp, "un-KPi.033", H1, jan1 + 90 * 86400), 0);
  /* The list entry changed: no longer suppressed. */
  CHECK_INT(idt_decision_suppresses(a, fp, "un-KPi.033", H2, jan1), 0);
  /* Another entity or another query: not suppressed. */
  CHECK_INT(idt_decision_suppresses(a, fp, "ofac-1", H1, jan1), 0);
  CHECK_INT(idt_decision_suppresses(a, H2, "un-KPi.033", H1, jan1), 0);
  /* Open / decided lists. */
  CHECK_OK(idt_alert_list(a, IDT_ALERT_DECIDED, 0, 0, &l, &total));
  CHECK_INT(total, 1);
  CHECK_STR(json_string_value(json_object_get(json_object_get(json_array_get(l, 0),
            "decision"), "note")), "different birth date");
  CHECK_STR(json_string_value(json_object_get(json_array_get(l, 0), "status")), "decided");
  json_decref(l);
  CHECK_OK(idt_alert_list(a, IDT_ALERT_ALL, 1, 1, &l, &total));
  CHECK_INT(total, 2);
  CHECK_INT(json_array_size(l), 1);
  json_decref(l);
  /* Superseded by a true match (by the pair): suppression ends. */
  memset(&in, 0, sizeof in);
  in.query_fingerprint = fp;
  in.entity_id = "un-KPi.033";
  in.decision = "true_match";
  in.user = "bob";
  CHECK_OK(idt_decision_put(a, &in, NULL));
  CHECK_INT(idt_decision_suppresses(a, fp, "un-KPi.033", H1, jan1), 0);
  CHECK_OK(idt_decision_find(a, fp, "un-KPi.033", &d));
  CHECK_STR(json_string_value(json_object_get(d, "user")), "bob");
  CHECK_INT(json_integer_value(json_object_get(d, "alert_id")), ids[0]);
  CHECK(json_is_null(json_object_get(d, "expires")));
  json_decref(d);
  CHECK_OK(idt_decision_find(a, fp, "nobody", &d));
  CHECK(d == NULL);
  /* A pair with no alert needs the entity hash; with it, it is stored. */
  in.entity_id = "other-1";
  in.decision = "false_positive";
  CHECK_INT(idt_decision_put(a, &in, NULL), IDT_ENOTFOUND);
  in.entity_hash = H2;
  CHECK_OK(idt_decision_put(a, &in, &d));
  CHECK(json_is_null(json_object_get(d, "alert_id")));
  json_decref(d);
  CHECK_INT(idt_decision_suppresses(a, fp, "other-1", H2, 0), 1);
  /* The entity changed after the FP: a new alert opens for the new hash. */
  hits[0] = hit(q, "un-KPi.033", H2);
  CHECK_OK(idt_audit_match(a, "alice", req, hits, 1, ids2, NULL));
  CHECK(ids2[0] != ids[0]);
  CHECK_OK(idt_alert_get(a, ids2[0], &d));
  CHECK_STR(json_string_value(json_object_get(d, "status")), "open");
  json_decref(d);
  CHECK_INT(idt_alert_get(a, 999, &d), IDT_ENOTFOUND);
  CHECK_OK(idt_decision_list(a, NULL, 0, 0, &l));
  CHECK_INT(json_array_size(l), 3);
  json_decref(l);
  CHECK_OK(idt_decision_list(a, "un-KPi.033", 0, 0, &l));
  CHECK_INT(json_array_size(l), 2);
  json_decref(l);
  CHECK(intact(a));
  json_decref(q);
  json_decref(req);
  idt_audit_close(a);
}

/* A decision whose audit record cannot be written is not stored either. */
TEST(decision_atomic_with_audit)
{
  idt_audit *a = fresh("atomic");
  json_t *q = J("{\"properties\":{\"name\":[\"X\"]}}"), *l = NULL;
  idt_alert_in h = hit(q, "e1", H1);
  idt_decision_in in = { 0 };
  int64_t id = 0;
  sqlite3 *db;
  CHECK_OK(idt_audit_match(a, "u", NULL, &h, 1, &id, NULL));
  CHECK_OK(idt_audit_append(a, "k", "u", "{}", NULL));
  /* Truncate the log's tail: appends (and so decisions) are refused. */
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "DROP TRIGGER audit_log_no_delete;"
                     "DELETE FROM audit_log WHERE seq=2", NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);
  in.alert_id = id;
  in.decision = "false_positive";
  in.user = "u";
  CHECK_INT(idt_decision_put(a, &in, NULL), IDT_EDB);
  CHECK_OK(idt_decision_list(a, NULL, 0, 0, &l));
  CHECK_INT(json_array_size(l), 0);
  json_decref(l);
  CHECK_OK(idt_alert_list(a, IDT_ALERT_OPEN, 0, 0, &l, NULL));
  CHECK_INT(json_array_size(l), 1);
  json_decref(l);
  CHECK_INT(idt_audit_match(a, "u", NULL, &h, 1, &id, NULL), IDT_EDB);
  CHECK_INT(idt_apikey_add(a, "k", (char **)&l), IDT_EDB);
  json_decref(q);
  idt_audit_close(a);
}

TEST(bad_input)
{
  idt_audit *a = fresh("bad"), *b = NULL;
  json_t *q = J("{\"properties\":{\"name\":[\"X\"]}}"), *out = NULL;
  idt_alert_in h = hit(q, "e1", H1);
  idt_decision_in in = { 0 };
  idt_audit_verify_result r;
  int64_t seq;
  CHECK_INT(idt_audit_open(&b, ""), IDT_EINVAL);
  CHECK_INT(idt_audit_open(&b, NULL), IDT_EINVAL);
  CHECK_INT(idt_audit_open(NULL, path), IDT_EINVAL);
  CHECK(idt_audit_open(&b, "/proc/nonexistent/x.db") < 0);
  CHECK(b == NULL);
  idt_audit_close(NULL);
  CHECK_INT(idt_audit_append(a, "k", "u", "{bad", &seq), IDT_EPARSE);
  CHECK_INT(idt_audit_append(a, "k", "u", "{\"a\":1,\"a\":2}", &seq), IDT_EPARSE);
  CHECK_INT(idt_audit_append(a, "", "u", "{}", &seq), IDT_EINVAL);
  CHECK_INT(idt_audit_append(a, "k", NULL, "{}", &seq), IDT_EINVAL);
  CHECK_INT(idt_audit_append(a, "k", "\xff\xfe", "{}", &seq), IDT_EINVAL);
  CHECK_INT(idt_audit_append(a, "k", "u", NULL, &seq), IDT_EINVAL);
  CHECK_INT(idt_audit_append(NULL, "k", "u", "{}", &seq), IDT_EINVAL);
  CHECK_INT(idt_audit_append_json(a, "k", "u", NULL, &seq), IDT_EINVAL);
  CHECK_OK(idt_audit_append(a, "k", "u", "\"a string payload\"", &seq));
  CHECK_INT(idt_audit_verify(NULL, 0, NULL, &r), IDT_EINVAL);
  CHECK_INT(idt_audit_verify(a, 0, NULL, NULL), IDT_EINVAL);
  CHECK_INT(idt_audit_each(a, 1, 0, NULL, NULL), IDT_EINVAL);
  CHECK_INT(idt_audit_match(a, "u", NULL, NULL, 1, NULL, NULL), IDT_EINVAL);
  CHECK_INT(idt_audit_match(a, "", NULL, &h, 1, NULL, NULL), IDT_EINVAL);
  h.entity_hash = "ABC";
  CHECK_INT(idt_audit_match(a, "u", NULL, &h, 1, NULL, NULL), IDT_EINVAL);
  h.entity_hash = H1;
  h.score = 0.0 / 0.0;
  CHECK_INT(idt_audit_match(a, "u", NULL, &h, 1, NULL, NULL), IDT_EINVAL);
  h.score = 0.5;
  h.query = NULL;
  CHECK_INT(idt_audit_match(a, "u", NULL, &h, 1, NULL, NULL), IDT_EINVAL);
  CHECK_INT(idt_decision_put(a, NULL, &out), IDT_EINVAL);
  in.alert_id = 1;
  in.user = "u";
  in.decision = "maybe";
  CHECK_INT(idt_decision_put(a, &in, &out), IDT_EINVAL);
  in.decision = "true_match";
  in.expires = "2026-02-30";
  CHECK_INT(idt_decision_put(a, &in, &out), IDT_EINVAL);
  in.expires = "tomorrow";
  CHECK_INT(idt_decision_put(a, &in, &out), IDT_EINVAL);
  in.expires = NULL;
  in.user = NULL;
  CHECK_INT(idt_decision_put(a, &in, &out), IDT_EINVAL);
  in.user = "u";
  CHECK_INT(idt_decision_put(a, &in, &out), IDT_ENOTFOUND);   /* no alert 1 */
  in.alert_id = 0;
  in.query_fingerprint = "short";
  in.entity_id = "e";
  CHECK_INT(idt_decision_put(a, &in, &out), IDT_EINVAL);
  CHECK(out == NULL);
  CHECK_INT(idt_decision_suppresses(a, NULL, "e", H1, 0), IDT_EINVAL);
  CHECK_INT(idt_alert_list(a, (idt_alert_status)7, 0, 0, &out, NULL), IDT_EINVAL);
  {
    idt_alert_status s;
    CHECK_OK(idt_alert_status_parse("decided", &s));
    CHECK_INT(s, IDT_ALERT_DECIDED);
    CHECK_INT(idt_alert_status_parse("closed", &s), IDT_EINVAL);
  }
  CHECK(intact(a));
  json_decref(q);
  idt_audit_close(a);
}

/* Each step below under an allocation failure at every position: errors,
 * never a crash or a leak (ASan), and the chain still verifies. */
static int oom_steps(idt_audit *a, const json_t *q, long iter)
{
  idt_alert_in h = hit(q, "e1", H1);
  idt_decision_in in = { 0 };
  json_t *out = NULL;
  char *key = NULL, fp[65], name[32];
  int64_t id = 0;
  int rc;
  if ((rc = idt_audit_append(a, "k", "u", "{\"x\":[1,2,3]}", NULL)) ||
      (rc = idt_audit_match(a, "u", q, &h, 1, &id, NULL)) ||
      (rc = idt_query_fingerprint(q, fp)))
    return rc;
  in.alert_id = id;
  in.decision = "false_positive";
  in.user = "u";
  in.note = "n";
  if ((rc = idt_decision_put(a, &in, &out)))
    return rc;
  json_decref(out);
  snprintf(name, sizeof name, "oom%ld", iter);
  if ((rc = idt_apikey_add(a, name, &key)))
    return rc;
  rc = idt_apikey_check(a, key, NULL);
  idt_free(key);
  if (rc || (rc = idt_apikey_revoke(a, name)))
    return rc;
  if ((rc = idt_alert_list(a, IDT_ALERT_ALL, 0, 0, &out, NULL)))
    return rc;
  json_decref(out);
  return idt_decision_suppresses(a, fp, "e1", H1, 0) == 1 ? 0 : -100;
}

TEST(oom_sweep)
{
  idt_audit *a = fresh("oom");
  json_t *q = J("{\"properties\":{\"name\":[\"Y\"]}}");
  unsigned long base;
  long n, fails = 0, oks = 0;
  int rc;
  base = idt_alloc_count();
  CHECK_OK(oom_steps(a, q, -1));
  tap_diag("one pass: %lu allocations", idt_alloc_count() - base);
  for (n = 0; n < 200; n++) {
    idt_alloc_fail_after(n, 1);
    rc = oom_steps(a, q, n);
    idt_alloc_fail_after(-1, 0);
    if (rc == 0) {
      oks++;
      if (oks > 2)
        break;
    } else {
      fails++;
      CHECK(rc == IDT_ENOMEM || rc == IDT_EDB);
      if (rc != IDT_ENOMEM && rc != IDT_EDB)
        tap_diag("n=%ld rc=%d %s", n, rc, idt_error_msg());
    }
  }
  CHECK(fails > 5);
  CHECK(oks > 0);
  CHECK(intact(a));
  json_decref(q);
  idt_audit_close(a);
}

/* Each alert points at the audit record that opened it: a repeated alert
 * keeps its first record, one opened later gets the later record (alerts
 * are linked by id inside the /match transaction). */
static int64_t alert_seq(int64_t id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int64_t seq = -1;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "SELECT audit_seq FROM alerts WHERE id=?", -1, &st,
                         NULL) == SQLITE_OK) {
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
      seq = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close_v2(db);
  return seq;
}

TEST(alert_audit_seq)
{
  idt_audit *a = fresh("alertseq");
  json_t *q = J("{\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim Jong Un\"]}}");
  idt_alert_in hits[2];
  int64_t ids[2] = { 0, 0 }, again[2] = { 0, 0 }, seq1 = 0, seq2 = 0, seq3 = 0;
  json_t *d = NULL;
  idt_decision_in in = { 0 };
  char fp[65];
  CHECK_OK(idt_query_fingerprint(q, fp));
  hits[0] = hit(q, "un-A", H1);
  hits[1] = hit(q, "un-B", H1);
  CHECK_OK(idt_audit_match(a, "u", NULL, hits, 1, ids, &seq1));
  CHECK_OK(idt_audit_match(a, "u", NULL, NULL, 0, NULL, &seq2));
  CHECK_OK(idt_audit_match(a, "u", NULL, hits, 2, again, &seq3));
  CHECK_INT(again[0], ids[0]);
  CHECK(again[1] > again[0]);
  CHECK_INT(seq1, 1);
  CHECK_INT(seq3, 3);
  CHECK_INT(alert_seq(ids[0]), seq1);
  CHECK_INT(alert_seq(again[1]), seq3);
  /* The cached lookup statement: nothing, then the latest decision. */
  CHECK_OK(idt_decision_find(a, fp, "un-B", &d));
  CHECK(d == NULL);
  in.alert_id = again[1];
  in.decision = "true_match";
  in.user = "u";
  CHECK_OK(idt_decision_put(a, &in, NULL));
  in.decision = "false_positive";
  CHECK_OK(idt_decision_put(a, &in, NULL));
  CHECK_OK(idt_decision_find(a, fp, "un-B", &d));
  CHECK_STR(json_string_value(json_object_get(d, "decision")), "false_positive");
  json_decref(d);
  CHECK_OK(idt_decision_find(a, fp, "un-A", &d));
  CHECK(d == NULL);
  CHECK(intact(a));
  json_decref(q);
  idt_audit_close(a);
}

int main(void)
{
  RUN(fingerprint_canonical);
  RUN(entity_content_hash);
  RUN(api_keys);
  RUN(api_key_not_stored);
  RUN(alerts_and_decisions);
  RUN(alert_audit_seq);
  RUN(decision_atomic_with_audit);
  RUN(bad_input);
  RUN(oom_sweep);
  return tap_done();
}
