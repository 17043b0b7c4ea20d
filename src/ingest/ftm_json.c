/*
 * ftm_json.c - FollowTheMoney entities as JSON lines (OpenSanctions
 * exports: one {"id","schema","properties":{prop:[values]}} per line).
 *
 * Each line is validated as UTF-8, parsed with jansson, checked against the
 * FtM model (an unknown schema stops the import with the line; a property
 * the schema lacks is skipped and counted as a warning, because exports
 * from a newer FtM carry properties an older model lacks), and emitted.
 * Consecutive fragments with the same id (statement-based exports) are
 * merged here; non-adjacent ones are merged by the sink, as the contract
 * says. "caption", "referents", "first_seen" and the like are ignored;
 * "datasets" names the dataset when the caller gave none.
 *
 * Files are streamed line by line (OpenSanctions' full export is several
 * GB), lines capped at 64 MiB. jansson (Debian libjansson4) because it
 * reports line/column of a syntax error and takes an allocator hook, so its
 * allocations are in the OOM sweep; the hook is process-wide and set to the
 * same idt_malloc/idt_free every time.
 */
#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>
#include "ingest/ingest_int.h"
#include "common/util.h"

#define FTM_MAX_LINE ((size_t)64 << 20)

typedef struct ftm {
  const idt_ingest_opts *opts;
  const char *name;
  idt_arena a[2];
  int cur;                 /* arena of the pending entity */
  idt_entity *pending;
  size_t offset;           /* byte offset of the current line */
} ftm;

static void *jmalloc(size_t n) { return idt_malloc(n); }
static void jfree(void *p) { idt_free(p); }

static int flush(ftm *f)
{
  int rc = 0;
  if (f->pending) {
    rc = idt__ingest_emit(f->opts, f->pending);
    if (!rc)
      idt__ingest_listed(f->opts);
    f->pending = NULL;
  }
  idt_arena_free(&f->a[f->cur]);
  return rc;
}

static int add_value(ftm *f, idt_entity *e, const char *prop, json_t *v,
                     size_t line)
{
  char num[64];
  if (json_is_string(v))
    return idt__add(e, prop, json_string_value(v), json_string_length(v));
  if (json_is_integer(v)) {
    snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    return idt_entity_add(e, prop, num);
  }
  if (json_is_real(v)) {
    snprintf(num, sizeof num, "%.17g", json_real_value(v));
    return idt_entity_add(e, prop, num);
  }
  if (json_is_object(v) && json_is_string(json_object_get(v, "id")))
    return idt_entity_add(e, prop, json_string_value(json_object_get(v, "id")));
  idt__ingest_warn(f->opts, "%s:%zu: %s: value of unsupported JSON type "
                   "skipped", f->name, line, prop);
  return 0;
}

static int build(ftm *f, json_t *j, size_t line, idt_arena *a,
                 idt_entity **out)
{
  json_t *jid = json_object_get(j, "id"), *js = json_object_get(j, "schema");
  json_t *props = json_object_get(j, "properties"), *ds, *vals, *v;
  const char *dataset = f->opts->dataset, *key;
  const idt_schema *s;
  idt_entity *e;
  size_t i;
  int rc;

  if (!json_is_string(jid) || json_string_length(jid) == 0)
    return idt_error_set(IDT_EPARSE, "%s:%zu: id: missing or not a string",
                         f->name, line);
  if (!json_is_string(js))
    return idt_error_set(IDT_EPARSE, "%s:%zu: schema: missing or not a "
                         "string", f->name, line);
  if (!(s = idt_schema_get(json_string_value(js))))
    return idt_error_set(IDT_ESCHEMA, "%s:%zu: schema: unknown FtM schema "
                         "'%.80s'", f->name, line, json_string_value(js));
  if (props && !json_is_object(props))
    return idt_error_set(IDT_EPARSE, "%s:%zu: properties: not an object",
                         f->name, line);
  if (!dataset && json_is_array(ds = json_object_get(j, "datasets")) &&
      json_is_string(json_array_get(ds, 0)))
    dataset = json_string_value(json_array_get(ds, 0));
  if (!dataset)
    dataset = "ftm";
  if ((rc = idt_entity_new(&e, a, s, json_string_value(jid))) ||
      (rc = idt_entity_set_source(e, json_string_value(jid), dataset)))
    return rc;
  json_object_foreach(props, key, vals) {
    if (!idt_schema_prop(s, key)) {
      idt__ingest_warn(f->opts, "%s:%zu: schema %s has no property '%.80s' "
                       "(skipped)", f->name, line, s->name, key);
      continue;
    }
    if (!json_is_array(vals)) {
      if ((rc = add_value(f, e, key, vals, line)))
        return rc;
      continue;
    }
    json_array_foreach(vals, i, v)
      if ((rc = add_value(f, e, key, v, line)))
        return rc;
  }
  *out = e;
  return 0;
}

static int line_in(ftm *f, const char *p, size_t n, size_t line)
{
  idt_str t = idt_trim(p, n);
  json_error_t err;
  json_t *j;
  idt_entity *e = NULL;
  size_t bad;
  int other = 1 - f->cur, rc;

  if (t.len == 0)
    return 0;
  if ((bad = idt_utf8_invalid_at(p, n)) != (size_t)-1)
    return idt_error_set(IDT_EUTF8, "%s:%zu:%zu: byte offset %zu: invalid "
                         "UTF-8 (byte 0x%02x)", f->name, line, bad + 1,
                         f->offset + bad, (unsigned)(unsigned char)p[bad]);
  /* jansson reports a failed allocation as a syntax error: tell them
   * apart by our allocator's last error. */
  idt_error_clear();
  j = json_loadb(t.p, t.len, 0, &err);
  if (!j) {
    if (idt_error_code() == IDT_ENOMEM)
      return IDT_ENOMEM;
    return idt_error_set(IDT_EPARSE, "%s:%zu:%d: byte offset %zu: JSON: %s",
                         f->name, line, err.column, f->offset + (size_t)
                         (err.position > 0 ? err.position : 0), err.text);
  }
  if (!json_is_object(j)) {
    json_decref(j);
    return idt_error_set(IDT_EPARSE, "%s:%zu: JSON: a line must be one "
                         "object", f->name, line);
  }
  rc = build(f, j, line, &f->a[other], &e);
  json_decref(j);
  if (rc) {
    idt_arena_free(&f->a[other]);
    return rc;
  }
  if (f->pending && strcmp(f->pending->id, e->id) == 0) {
    rc = idt_entity_merge(f->pending, e);
    idt_arena_free(&f->a[other]);
    if (rc)
      return idt_error_wrap(rc, "%s:%zu: ", f->name, line);
    return 0;
  }
  if ((rc = flush(f)))
    return rc;
  f->cur = other;
  f->pending = e;
  return 0;
}

static int start(ftm *f, const char *name, const idt_ingest_opts *opts)
{
  if (!opts || !opts->emit)
    return idt_error_set(IDT_EINVAL, "ftm: an emit callback is required");
  memset(f, 0, sizeof *f);
  f->opts = opts;
  f->name = name ? name : "ftm.json";
  idt_arena_init(&f->a[0]);
  idt_arena_init(&f->a[1]);
  json_set_alloc_funcs(jmalloc, jfree);
  return 0;
}

static void finish(ftm *f)
{
  idt_arena_free(&f->a[0]);
  idt_arena_free(&f->a[1]);
}

int idt_ingest_ftm_mem(const char *name, idt_mem json,
                       const idt_ingest_opts *opts)
{
  ftm f;
  size_t pos = 0, line = 1;
  int rc;
  if ((rc = start(&f, name, opts)))
    return rc;
  while (pos < json.n && !rc) {
    const char *nl = memchr(json.p + pos, '\n', json.n - pos);
    size_t len = nl ? (size_t)(nl - (json.p + pos)) : json.n - pos;
    f.offset = pos;
    rc = line_in(&f, json.p + pos, len, line++);
    pos += len + (nl ? 1 : 0);
  }
  if (!rc)
    rc = flush(&f);
  finish(&f);
  return rc;
}

int idt_ingest_ftm(const char *path, const idt_ingest_opts *opts)
{
  ftm f;
  FILE *fp;
  idt_buf line;
  char chunk[65536];
  size_t n, lineno = 1, off = 0, total = 0, size = 0;
  struct stat st;
  int rc;
  if (!path)
    return idt_error_set(IDT_EINVAL, "ftm: no path");
  if ((rc = start(&f, path, opts)))
    return rc;
  if (!(fp = fopen(path, "rb"))) {
    finish(&f);
    return idt_error_set(IDT_EIO, "%s: %s", path, strerror(errno));
  }
  if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
    size = (size_t)st.st_size;
  idt_buf_init(&line, FTM_MAX_LINE);
  while (!rc && (n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
    size_t i = 0;
    while (!rc && i < n) {
      const char *nl = memchr(chunk + i, '\n', n - i);
      size_t len = nl ? (size_t)(nl - (chunk + i)) : n - i;
      if ((rc = idt_buf_append(&line, chunk + i, len))) {
        if (rc == IDT_ELIMIT)
          idt_error_set(rc, "%s:%zu: line longer than %zu bytes", path,
                        lineno, FTM_MAX_LINE);
        break;
      }
      i += len;
      if (nl) {
        f.offset = off;
        rc = line_in(&f, line.p, line.len, lineno++);
        off += line.len + 1;
        idt_buf_clear(&line);
        i++;
      }
    }
    total += n;
    if (opts->progress)
      opts->progress(opts->ctx, total, size);
  }
  if (!rc && ferror(fp))
    rc = idt_error_set(IDT_EIO, "%s: read error", path);
  if (!rc && line.len) {
    f.offset = off;
    rc = line_in(&f, line.p, line.len, lineno);
  }
  if (!rc)
    rc = flush(&f);
  fclose(fp);
  idt_buf_free(&line);
  finish(&f);
  return rc;
}
