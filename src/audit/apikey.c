/*
 * apikey.c - API keys: created from OpenSSL's CSPRNG, shown once, stored as
 * SHA-256 only, checked in constant time, revoked (never deleted, so the
 * audit trail's actor names stay meaningful).
 *
 * A plain SHA-256 (not a slow password hash) is enough: the key is 256
 * random bits, so there is nothing to brute-force from the stored digest.
 * The check compares the presented key's digest with every active digest
 * using CRYPTO_memcmp and no early exit, so neither the position nor the
 * existence of a match shows in the timing beyond the key count.
 */
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include "audit_int.h"
#include "common/util.h"

#define KEY_BYTES 32
#define KEY_PREFIX "idt_"
#define KEY_MAX 256

static int name_ok(const char *name)
{
  size_t i, n = name ? strlen(name) : 0;
  if (n == 0 || n > 64)
    return 0;
  for (i = 0; i < n; i++) {
    char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '.' || c == '_' || c == '@' || c == '-'))
      return 0;
  }
  return 1;
}

static int log_key_event(idt_audit *a, const char *kind, const char *name,
                         const char *prefix)
{
  json_t *p = prefix ? json_pack("{s:s, s:s}", "name", name, "prefix", prefix)
                     : json_pack("{s:s}", "name", name);
  char *text = NULL;
  int rc;
  if (!p)
    return idt_error_set(IDT_ENOMEM, "apikey: out of memory");
  rc = idt_audit_canonical(p, &text);
  json_decref(p);
  if (!rc)
    rc = idt__audit_append_tx(a, kind, "system", text, NULL);
  idt_free(text);
  return rc;
}

static int insert_key(idt_audit *a, const char *name, const char *hash,
                      const char *prefix)
{
  sqlite3_stmt *st;
  char now[32];
  int rc, s;
  idt__audit_now(now);
  if ((rc = idt__audit_prepare(a, &st, "INSERT INTO api_keys(name, hash, prefix, "
                               "created) VALUES(?,?,?,?)")))
    return rc;
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
  s = sqlite3_step(st);
  if (s == SQLITE_CONSTRAINT)
    rc = idt_error_set(IDT_EEXIST, "API key '%s' already exists (revoke it first)",
                       name);
  else if (s != SQLITE_DONE)
    rc = idt__audit_dberr(a, a->db, "add API key");
  sqlite3_finalize(st);
  return rc;
}

int idt_apikey_add(idt_audit *a, const char *name, char **key_out)
{
  static const char hexd[] = "0123456789abcdef";
  unsigned char raw[KEY_BYTES];
  char key[sizeof KEY_PREFIX + 2 * KEY_BYTES], hash[IDT_AUDIT_HASH_HEX + 1],
       prefix[9];
  size_t i, np = sizeof KEY_PREFIX - 1;
  int rc;
  if (!a || !key_out)
    return idt_error_set(IDT_EINVAL, "apikey: no handle or output");
  *key_out = NULL;
  if (!name_ok(name))
    return idt_error_set(IDT_EINVAL, "API key name must be 1-64 characters of "
                         "A-Z a-z 0-9 . _ @ -");
  if (RAND_bytes(raw, sizeof raw) != 1)
    return idt_error_set(IDT_EIO, "apikey: OpenSSL RAND_bytes failed");
  memcpy(key, KEY_PREFIX, np);
  for (i = 0; i < KEY_BYTES; i++) {
    key[np + 2 * i] = hexd[raw[i] >> 4];
    key[np + 2 * i + 1] = hexd[raw[i] & 15];
  }
  key[np + 2 * KEY_BYTES] = '\0';
  OPENSSL_cleanse(raw, sizeof raw);
  idt_sha256_mem(key, strlen(key), hash);
  memcpy(prefix, key, 8);
  prefix[8] = '\0';
  if (!(*key_out = idt_strdup(key)))
    rc = IDT_ENOMEM;
  else {
    idt__audit_lock(a);
    if (!(rc = idt__audit_begin(a))) {
      if (!(rc = insert_key(a, name, hash, prefix)))
        rc = log_key_event(a, "apikey.add", name, prefix);
      rc = idt__audit_end(a, rc);
    }
    idt__audit_unlock(a);
  }
  OPENSSL_cleanse(key, sizeof key);
  if (rc) {
    idt_free(*key_out);
    *key_out = NULL;
  }
  return rc;
}

int idt_apikey_check(idt_audit *a, const char *key, char **name_out)
{
  sqlite3_stmt *st;
  char hash[IDT_AUDIT_HASH_HEX + 1], *found = NULL;
  int rc, s, match = 0;
  if (name_out)
    *name_out = NULL;
  if (!a)
    return idt_error_set(IDT_EINVAL, "apikey: no handle");
  if (!key || !*key || strlen(key) > KEY_MAX)
    return idt_error_set(IDT_ENOTFOUND, "invalid API key");
  idt_sha256_mem(key, strlen(key), hash);
  idt__audit_lock(a);
  if ((rc = idt__audit_prepare(a, &st, "SELECT name, hash FROM api_keys "
                               "WHERE revoked IS NULL")))
    goto out;
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    const char *h = idt__audit_col(st, 1);
    int eq = strlen(h) == IDT_AUDIT_HASH_HEX &&
             CRYPTO_memcmp(h, hash, IDT_AUDIT_HASH_HEX) == 0;
    if (eq && !match) {
      match = 1;
      if (!(found = idt_strdup(idt__audit_col(st, 0))))
        rc = IDT_ENOMEM;
    }
  }
  if (s != SQLITE_DONE && !rc)
    rc = idt__audit_dberr(a, a->db, "check API key");
  sqlite3_finalize(st);
out:
  idt__audit_unlock(a);
  if (!rc && !match)
    rc = idt_error_set(IDT_ENOTFOUND, "invalid API key");
  if (!rc && name_out)
    *name_out = found;
  else
    idt_free(found);
  return rc;
}

int idt_apikey_list(idt_audit *a, json_t **out)
{
  sqlite3_stmt *st;
  json_t *arr, *o;
  int rc, s;
  if (!a || !out)
    return idt_error_set(IDT_EINVAL, "apikey: no handle or output");
  *out = NULL;
  if (!(arr = json_array()))
    return idt_error_set(IDT_ENOMEM, "apikey: out of memory");
  idt__audit_lock(a);
  if ((rc = idt__audit_prepare(a, &st, "SELECT name, created, revoked, prefix "
                               "FROM api_keys ORDER BY id")))
    goto out;
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    o = json_pack("{s:o, s:o, s:o, s:o}", "name", idt__audit_jstr(st, 0),
                  "created", idt__audit_jstr(st, 1), "revoked", idt__audit_jstr(st, 2),
                  "prefix", idt__audit_jstr(st, 3));
    if (!o || json_array_append_new(arr, o)) {
      rc = idt_error_set(IDT_ENOMEM, "apikey: out of memory");
      break;
    }
  }
  if (!rc && s != SQLITE_DONE)
    rc = idt__audit_dberr(a, a->db, "list API keys");
  sqlite3_finalize(st);
out:
  idt__audit_unlock(a);
  if (rc)
    json_decref(arr);
  else
    *out = arr;
  return rc;
}

static int revoke_tx(idt_audit *a, const char *name)
{
  sqlite3_stmt *st;
  char now[32];
  int rc;
  idt__audit_now(now);
  if ((rc = idt__audit_prepare(a, &st, "UPDATE api_keys SET revoked=? "
                               "WHERE name=? AND revoked IS NULL")))
    return rc;
  sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = idt__audit_dberr(a, a->db, "revoke API key");
  else if (sqlite3_changes(a->db) == 0)
    rc = idt_error_set(IDT_ENOTFOUND, "no active API key named '%s'", name);
  sqlite3_finalize(st);
  return rc ? rc : log_key_event(a, "apikey.revoke", name, NULL);
}

int idt_apikey_revoke(idt_audit *a, const char *name)
{
  int rc;
  if (!a)
    return idt_error_set(IDT_EINVAL, "apikey: no handle");
  if (!name_ok(name))
    return idt_error_set(IDT_EINVAL, "API key name must be 1-64 characters of "
                         "A-Z a-z 0-9 . _ @ -");
  idt__audit_lock(a);
  if (!(rc = idt__audit_begin(a)))
    rc = idt__audit_end(a, revoke_tx(a, name));
  idt__audit_unlock(a);
  return rc;
}

int idt_apikey_count(idt_audit *a, size_t *n)
{
  sqlite3_stmt *st;
  int rc;
  if (!a || !n)
    return idt_error_set(IDT_EINVAL, "apikey: no handle or output");
  idt__audit_lock(a);
  if (!(rc = idt__audit_prepare(a, &st, "SELECT count(*) FROM api_keys "
                                "WHERE revoked IS NULL"))) {
    if (sqlite3_step(st) == SQLITE_ROW)
      *n = (size_t)sqlite3_column_int64(st, 0);
    else
      rc = idt__audit_dberr(a, a->db, "count API keys");
    sqlite3_finalize(st);
  }
  idt__audit_unlock(a);
  return rc;
}
