/*
 * update.c - download the official list files and import what changed.
 *
 * Per source: every URL is fetched with libcurl into a fresh temporary
 * directory, conditionally (If-None-Match / If-Modified-Since with the
 * validators remembered per URL in the store's http_cache table). A
 * transfer counts only when curl succeeded, the status is 200 and the body
 * length equals Content-Length when one was sent; anything else is an error
 * and nothing is imported. When every file answers 304 nothing is parsed.
 * When only some do, those are fetched again unconditionally: a parser needs
 * the whole set, and keeping a cache of old downloads next to the store was
 * rejected as one more thing that can go stale. The import itself then
 * compares checksums and content, so a 200 with the same bytes still makes
 * no new version. Validators are written only after the import committed,
 * so a failed import is retried in full next time.
 *
 * libcurl (Debian's libcurl4) rather than a hand-written HTTP client: TLS,
 * redirects, proxies and partial-transfer detection are its job.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <curl/curl.h>
#include "store_int.h"
#include "common/buf.h"
#include "common/util.h"

#define OFAC_BASE "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
#define MAX_URLS 8

static const char *const ofac_urls[] = {
  OFAC_BASE "SDN.CSV", OFAC_BASE "ALT.CSV", OFAC_BASE "ADD.CSV",
  OFAC_BASE "SDN_COMMENTS.CSV"
};
/* The names the ofac-csv parser looks for in a directory. */
static const char *const ofac_files[] = {
  "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"
};
static const char *const un_urls[] = {
  "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
};
static const char *const un_files[] = { "consolidated.xml" };
static const char *const eu_urls[] = {
  "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
  "content?token=dG9rZW4tMjAxNw"
};
static const char *const eu_files[] = { "eu_fsf.xml" };
static const char *const uk_urls[] = {
  "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
};
static const char *const uk_files[] = { "UK-Sanctions-List.xml" };

static const idt_update_source sources[] = {
  { "ofac", "ofac-csv", "us_ofac_sdn", ofac_urls, ofac_files, 4 },
  { "un", "un-xml", "un_sc_sanctions", un_urls, un_files, 1 },
  { "eu", "eu-xml", "eu_fsf", eu_urls, eu_files, 1 },
  { "uk", "uk-xml", "gb_fcdo_sanctions", uk_urls, uk_files, 1 },
};

const idt_update_source *idt_update_sources(size_t *n)
{
  if (n)
    *n = sizeof sources / sizeof sources[0];
  return sources;
}

typedef struct fetch {
  const char *url;          /* effective URL */
  char path[4096];
  char etag[256], lastmod[128];          /* sent */
  char new_etag[256], new_lastmod[128];  /* received */
  long status;
  const idt_update_opts *opts;
} fetch;

/* ---- http_cache ---- */

static void copy_trim(char *dst, size_t cap, const char *s, size_t n)
{
  while (n && (*s == ' ' || *s == '\t')) {
    s++;
    n--;
  }
  while (n && (s[n - 1] == '\r' || s[n - 1] == '\n' || s[n - 1] == ' '))
    n--;
  if (n >= cap)
    n = 0;   /* an oversized validator is not remembered */
  memcpy(dst, s, n);
  dst[n] = '\0';
}

static int cache_get(idt_store *s, fetch *f)
{
  sqlite3_stmt *st;
  int rc = idt__store_prepare(s, &st, "SELECT etag, last_modified FROM"
                              " http_cache WHERE url=?");
  if (rc)
    return rc;
  sqlite3_bind_text(st, 1, f->url, -1, SQLITE_STATIC);
  f->etag[0] = f->lastmod[0] = '\0';
  if (sqlite3_step(st) == SQLITE_ROW) {
    const char *e = idt__col(st, 0), *l = idt__col(st, 1);
    if (e)
      copy_trim(f->etag, sizeof f->etag, e, strlen(e));
    if (l)
      copy_trim(f->lastmod, sizeof f->lastmod, l, strlen(l));
  }
  sqlite3_finalize(st);
  return 0;
}

static int cache_put(idt_store *s, const fetch *f)
{
  sqlite3_stmt *st;
  char now[32];
  int rc = idt__store_prepare(s, &st, "INSERT OR REPLACE INTO http_cache(url,"
                              " etag, last_modified, updated) VALUES(?,?,?,?)");
  if (rc)
    return rc;
  idt_now_iso(now);
  sqlite3_bind_text(st, 1, f->url, -1, SQLITE_STATIC);
  if (f->new_etag[0])
    sqlite3_bind_text(st, 2, f->new_etag, -1, SQLITE_STATIC);
  if (f->new_lastmod[0])
    sqlite3_bind_text(st, 3, f->new_lastmod, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = idt__store_dberr(s, "remember validators");
  sqlite3_finalize(st);
  return rc;
}

/* ---- one transfer ---- */

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
  fetch *f = ctx;
  size_t len = size * n;
  if (len > 5 && strncasecmp(p, "ETag:", 5) == 0)
    copy_trim(f->new_etag, sizeof f->new_etag, p + 5, len - 5);
  else if (len > 14 && strncasecmp(p, "Last-Modified:", 14) == 0)
    copy_trim(f->new_lastmod, sizeof f->new_lastmod, p + 14, len - 14);
  return len;
}

static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow)
{
  fetch *f = ctx;
  (void)ultotal;
  (void)ulnow;
  if (f->opts->progress)
    f->opts->progress(f->opts->ctx, f->url, (size_t)dlnow, (size_t)dltotal);
  return 0;
}

/* GET f->url into f->path; conditional when validators are known and
 * conditional is set. IDT_ENET with the URL and the reason on failure. */
static int get(fetch *f, int conditional)
{
  CURL *c;
  FILE *out;
  CURLcode cc;
  struct curl_slist *hdr = NULL;
  char line[512];
  curl_off_t clen = -1, got = 0;
  int rc = 0;

  f->new_etag[0] = f->new_lastmod[0] = '\0';
  f->status = 0;
  if (!(out = fopen(f->path, "wb")))
    return idt_error_set(IDT_EIO, "%s: %s", f->path, strerror(errno));
  if (!(c = curl_easy_init())) {
    fclose(out);
    return idt_error_set(IDT_ENOMEM, "%s: cannot start a transfer", f->url);
  }
  if (conditional && f->etag[0]) {
    snprintf(line, sizeof line, "If-None-Match: %s", f->etag);
    hdr = curl_slist_append(hdr, line);
  }
  if (conditional && f->lastmod[0]) {
    snprintf(line, sizeof line, "If-Modified-Since: %s", f->lastmod);
    hdr = curl_slist_append(hdr, line);
  }
  curl_easy_setopt(c, CURLOPT_URL, f->url);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, f);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, f);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, f->opts->timeout > 0 ? f->opts->timeout : 300L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "interdict/" "0.1");
  /* No Accept-Encoding: the Content-Length check then compares plain body
   * bytes, with no doubt about encoded vs decoded counts. */
  /* Lists are a few MB (OFAC SDN.CSV ~4 MB, UN XML ~2 MB): 1 GiB bounds a
   * hostile or broken server without ever cutting a real list. */
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)1 << 30);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  cc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &f->status);
  curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &clen);
  curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &got);
  if (fclose(out) != 0)
    rc = idt_error_set(IDT_EIO, "%s: %s", f->path, strerror(errno));
  else if (cc != CURLE_OK) {
    rc = idt_error_set(IDT_ENET, "%s: %s (HTTP %ld, %lld of %lld bytes)", f->url,
                       curl_easy_strerror(cc), f->status, (long long)got,
                       (long long)clen);
  } else if (f->status == 304 && conditional) {
    rc = 0;   /* not modified: the caller decides */
  } else if (f->status != 200) {
    rc = idt_error_set(IDT_ENET, "%s: HTTP %ld", f->url, f->status);
  } else if (clen >= 0 && got != clen) {
    rc = idt_error_set(IDT_ENET, "%s: incomplete: %lld of %lld bytes", f->url,
                       (long long)got, (long long)clen);
  } else if (got == 0) {
    rc = idt_error_set(IDT_ENET, "%s: empty response", f->url);
  }
  curl_slist_free_all(hdr);
  curl_easy_cleanup(c);
  return rc;
}

/* ---- a source ---- */

static int effective_url(char *out, size_t cap, const char *base, const char *url)
{
  const char *slash = strrchr(url, '/');
  size_t bl;
  if (!base || !*base)
    return (size_t)snprintf(out, cap, "%s", url) >= cap ? IDT_EINVAL : 0;
  bl = strlen(base);
  while (bl && base[bl - 1] == '/')
    bl--;
  if ((size_t)snprintf(out, cap, "%.*s/%s", (int)bl, base, slash ? slash + 1 : url) >= cap)
    return idt_error_set(IDT_EINVAL, "update: URL too long");
  return 0;
}

static void remove_dir(const char *dir, fetch *f, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    if (f[i].path[0])
      unlink(f[i].path);
  rmdir(dir);
}

static int import_files(idt_store *s, const idt_update_source *src,
                        const char *dir, fetch *f, idt_update_result *res)
{
  idt_import *im = NULL;
  idt_ingest_opts io = IDT_INGEST_OPTS_INIT;
  idt_buf urls;
  const char *path = src->nurls > 1 ? dir : f[0].path;
  size_t i;
  int rc = 0;

  idt_buf_init(&urls, 1 << 16);
  for (i = 0; i < src->nurls && !rc; i++)
    rc = idt_buf_printf(&urls, "%s%s", i ? " " : "", f[i].url);
  if (rc || (rc = idt_import_begin(&im, s, src->dataset, src->format, urls.p,
                                   &path, 1)))
    goto out;
  if (!idt_import_unchanged(im)) {
    io.dataset = src->dataset;
    io.emit = idt_import_add;
    io.ctx = im;
    if ((rc = idt_ingest_run(src->format, &path, 1, &io))) {
      idt_import_abort(im);
      goto out;
    }
  }
  rc = idt_import_commit(im, &res->info);
out:
  idt_buf_free(&urls);
  return rc;
}

int idt_update_run(idt_store *s, const idt_update_source *src,
                   const idt_update_opts *opts, idt_update_result *res)
{
  idt_update_opts dflt = IDT_UPDATE_OPTS_INIT;
  fetch f[MAX_URLS];
  char urls[MAX_URLS][2048], dir[3072];
  const char *tmp;
  size_t i, n304 = 0;
  int rc = 0;

  if (!s || !src || !res || src->nurls == 0 || src->nurls > MAX_URLS)
    return idt_error_set(IDT_EINVAL, "update: store, source and result needed");
  if (!opts)
    opts = &dflt;
  if (opts->version != IDT_UPDATE_OPTS_VERSION)
    return idt_error_set(IDT_EINVAL, "update: opts version %u, expected %u",
                         opts->version, IDT_UPDATE_OPTS_VERSION);
  memset(res, 0, sizeof *res);
  memset(f, 0, sizeof f);
  tmp = opts->tmpdir ? opts->tmpdir : getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/interdict-update-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir))
    return idt_error_set(IDT_EIO, "%s: %s", dir, strerror(errno));
  curl_global_init(CURL_GLOBAL_DEFAULT);
  for (i = 0; i < src->nurls && !rc; i++) {
    f[i].opts = opts;
    if ((rc = effective_url(urls[i], sizeof urls[i], opts->base_url, src->urls[i])))
      break;
    f[i].url = urls[i];
    snprintf(f[i].path, sizeof f[i].path, "%s/%s", dir, src->files[i]);
    if (!(rc = cache_get(s, &f[i])) && !(rc = get(&f[i], 1)) && f[i].status == 304)
      n304++;
  }
  if (rc)
    goto out;
  if (n304 == src->nurls) {
    res->not_modified = 1;
    goto out;
  }
  /* A partial 304: fetch those files again in full (see the header). */
  for (i = 0; i < src->nurls && !rc; i++)
    if (f[i].status == 304)
      rc = get(&f[i], 0);
  if (rc || (rc = import_files(s, src, dir, f, res)))
    goto out;
  for (i = 0; i < src->nurls && !rc; i++)
    rc = cache_put(s, &f[i]);
out:
  if (rc)
    idt_error_wrap(rc, "update %s", src->name);
  remove_dir(dir, f, src->nurls);
  return rc;
}
