/*
 * test_server_util.h - what the server tests share: a store built from the
 * bundled lists (OFAC SDN + UN consolidated, imported with the CLI), an
 * in-process server on an ephemeral loopback port, a libcurl client and a
 * raw-socket client for malformed requests. Header-only (static functions)
 * because the build makes each tests/test_*.c its own program.
 *
 * No client timeout here assumes a quiet machine: an /admin/reload rebuilds
 * the whole snapshot inside the request (seconds in a sanitizer build, far
 * more when the CPUs are oversubscribed), so the limits only bound a real
 * hang and stretch with tt_slow() (test_timeout.h).
 */
#ifndef IDT_TEST_SERVER_UTIL_H
#define IDT_TEST_SERVER_UTIL_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <curl/curl.h>
#include <jansson.h>
#include "tap.h"
#include "test_timeout.h"
#include "interdict/server.h"

static char ts_db[1200], ts_dir[1024];

/* Import OFAC and UN into a fresh store under the test's tmpdir. */
static int ts_build_store(void)
{
  char cmd[16384];
  const char *ofac = tap_data("data/lists/ofac");
  char ofac_dir[1100];
  snprintf(ts_dir, sizeof ts_dir, "%s", tap_tmpdir());
  snprintf(ts_db, sizeof ts_db, "%s/store.db", ts_dir);
  snprintf(ofac_dir, sizeof ofac_dir, "%s", ofac);
  snprintf(cmd, sizeof cmd,
           "set -e; mkdir -p '%s/ofac'; for f in sdn alt add; do xz -dc '%s'/$f.csv.xz > "
           "'%s/ofac'/$f.csv; done; cp '%s'/sdn_comments.csv '%s/ofac/'; "
           "xz -dc '%s' > '%s/un.xml'; '%s' --db '%s' import ofac-csv '%s/ofac' >/dev/null; "
           "'%s' --db '%s' import un-xml '%s/un.xml' >/dev/null",
           ts_dir, ofac_dir, ts_dir, ofac_dir, ts_dir, tap_data("data/lists/un/consolidated.xml.xz"),
           ts_dir, tap_cli(), ts_db, ts_dir, tap_cli(), ts_db, ts_dir);
  return system(cmd);
}

typedef struct ts_resp {
  long status;
  char *body;
  size_t len;
  char headers[4096];
  size_t hlen;
  json_t *json;
} ts_resp;

static size_t ts_write(char *p, size_t sz, size_t n, void *ud)
{
  ts_resp *r = ud;
  char *nb = realloc(r->body, r->len + sz * n + 1);
  if (!nb)
    return 0;
  memcpy(nb + r->len, p, sz * n);
  r->len += sz * n;
  nb[r->len] = 0;
  r->body = nb;
  return sz * n;
}

static size_t ts_header(char *p, size_t sz, size_t n, void *ud)
{
  ts_resp *r = ud;
  size_t k = sz * n;
  if (r->hlen + k < sizeof r->headers) {
    memcpy(r->headers + r->hlen, p, k);
    r->hlen += k;
    r->headers[r->hlen] = 0;
  }
  return k;
}

static void ts_free(ts_resp *r)
{
  free(r->body);
  json_decref(r->json);
  memset(r, 0, sizeof *r);
}

/* One request; body NULL for GET. hdr: one extra header line or NULL. */
static int ts_req(ts_resp *r, uint16_t port, const char *method, const char *path,
                  const char *body, const char *hdr)
{
  CURL *c = curl_easy_init();
  struct curl_slist *h = NULL;
  char url[2048];
  CURLcode rc;
  memset(r, 0, sizeof *r);
  if (!c)
    return -1;
  snprintf(url, sizeof url, "http://127.0.0.1:%u%s", port, path);
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, ts_write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, ts_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)(120 * tt_slow()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  h = curl_slist_append(h, "Content-Type: application/json");
  h = curl_slist_append(h, "Expect:");
  if (hdr)
    h = curl_slist_append(h, hdr);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  if (body) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
  }
  rc = curl_easy_perform(c);
  if (rc == CURLE_OK)
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
  curl_slist_free_all(h);
  curl_easy_cleanup(c);
  if (rc != CURLE_OK)
    return -1;
  r->json = r->body ? json_loads(r->body, 0, NULL) : NULL;
  return 0;
}

static const char *ts_err_code(const ts_resp *r)
{
  return json_string_value(json_object_get(json_object_get(r->json, "error"), "code"));
}

/* Raw bytes to the server; reads the answer (up to cap) until close or
 * timeout_ms of silence (stretched by tt_slow()). Returns bytes read, -1
 * when it cannot connect. */
static long ts_raw(uint16_t port, const char *data, size_t len, char *out, size_t cap,
                   int timeout_ms)
{
  struct sockaddr_in a;
  struct timeval tv;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  size_t got = 0;
  if (fd < 0)
    return -1;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
    close(fd);
    return -1;
  }
  timeout_ms = (int)(timeout_ms * tt_slow());
  tv.tv_sec = timeout_ms / 1000;
  tv.tv_usec = (timeout_ms % 1000) * 1000;
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (len && send(fd, data, len, MSG_NOSIGNAL) < 0) {
    close(fd);
    return 0;
  }
  shutdown(fd, SHUT_WR);
  while (got + 1 < cap) {
    ssize_t n = recv(fd, out + got, cap - 1 - got, 0);
    if (n <= 0)
      break;
    got += (size_t)n;
  }
  out[got] = 0;
  close(fd);
  return (long)got;
}

static int ts_start(idt_server **s, idt_server_opts *o)
{
  o->db_path = ts_db;
  o->bind = "127.0.0.1:0";
  return idt_server_start(s, o);
}
#endif
