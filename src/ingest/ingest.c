/*
 * ingest.c - the format table, dispatch by name, and what every parser
 * shares: stamping entities, handing them to the sink, reading files with a
 * cap, and UTF-8 validation with a line/column/offset message.
 *
 * Parsers read each file whole (bounded by IDT_INGEST_MAX_FILE) rather than
 * through a FILE* stream: the real lists are a few MB, the in-memory entry
 * points (fuzzing, tests) then share every code path with the file ones,
 * and errors can quote line and byte offset exactly. Entities still leave
 * one by one through opts->emit, so memory does not grow with the output.
 */
#include <stdarg.h>
#include <string.h>
#include "ingest/ingest_int.h"
#include "common/util.h"

static const idt_format_info formats[] = {
  { "ofac-csv", "us_ofac_sdn",
    "OFAC SDN / consolidated legacy CSV (sdn, alt, add, sdn_comments)" },
  { "un-xml", "un_sc_sanctions",
    "UN Security Council consolidated list XML (all regimes)" },
  { "eu-xml", "eu_fsf",
    "EU Financial Sanctions Files consolidated list XML (FSF v1.1)" },
  { "uk-xml", "gb_fcdo_sanctions",
    "UK Sanctions List XML (FCDO, all UK regimes)" },
  { "ftm", "ftm", "FollowTheMoney JSON lines (OpenSanctions exports)" },
  { "csv", "watchlist", "a user's own watch list, CSV with a header row" },
};

const idt_format_info *idt_ingest_formats(size_t *n)
{
  if (n)
    *n = sizeof formats / sizeof formats[0];
  return formats;
}

int idt_ingest_run(const char *format, const char *const *paths, size_t npaths,
                   const idt_ingest_opts *opts)
{
  int (*fn)(const char *, const idt_ingest_opts *) = NULL;
  size_t i;
  int rc;
  if (!format || !opts || !opts->emit || (npaths && !paths))
    return idt_error_set(IDT_EINVAL, "ingest: format, paths and an emit "
                         "callback are required");
  if (opts->version != IDT_INGEST_OPTS_VERSION)
    return idt_error_set(IDT_EINVAL, "ingest: opts version %u, expected %u",
                         opts->version, IDT_INGEST_OPTS_VERSION);
  if (strcmp(format, "ofac-csv") == 0)
    fn = idt_ingest_ofac_csv;
  else if (strcmp(format, "un-xml") == 0)
    fn = idt_ingest_un_xml;
  else if (strcmp(format, "eu-xml") == 0)
    fn = idt_ingest_eu_xml;
  else if (strcmp(format, "uk-xml") == 0)
    fn = idt_ingest_uk_xml;
  else if (strcmp(format, "ftm") == 0)
    fn = idt_ingest_ftm;
  else if (strcmp(format, "csv") == 0)
    fn = idt_ingest_csv;
  if (!fn)
    return idt_error_set(IDT_EINVAL, "unknown import format '%s' (known: "
                         "ofac-csv, un-xml, eu-xml, uk-xml, ftm, csv)", format);
  if (npaths == 0)
    return idt_error_set(IDT_EINVAL, "import %s: no input path", format);
  for (i = 0; i < npaths; i++)
    if ((rc = fn(paths[i], opts)))
      return rc;
  return 0;
}

const char *idt__ingest_dataset(const idt_ingest_opts *o, const char *dflt)
{
  return o->dataset && *o->dataset ? o->dataset : dflt;
}

int idt__ingest_emit(const idt_ingest_opts *o, idt_entity *e)
{
  int rc = o->emit(o->ctx, e);
  if (rc && idt_error_code() == 0)
    idt_error_set(rc, "sink rejected entity %s", e->id);
  if (!rc && o->stats)
    o->stats->emitted++;
  return rc;
}

void idt__ingest_progress(const idt_ingest_opts *o, size_t done, size_t total)
{
  if (o && o->progress)
    o->progress(o->ctx, done, total);
}

void idt__ingest_listed(const idt_ingest_opts *o)
{
  if (o->stats)
    o->stats->listed++;
}

void idt__ingest_warn(const idt_ingest_opts *o, const char *fmt, ...)
{
  va_list ap;
  if (!o->stats)
    return;
  if (o->stats->warnings++ == 0) {
    va_start(ap, fmt);
    vsnprintf(o->stats->first_warning, sizeof o->stats->first_warning, fmt, ap);
    va_end(ap);
  }
}

int idt__ingest_entity(idt_entity **out, idt_arena *a, const char *sname,
                       const char *id, const char *source_id,
                       const char *dataset)
{
  const idt_schema *s = idt_schema_get(sname);
  int rc;
  *out = NULL;
  if (!s)
    return idt_error_set(IDT_EINVAL, "unknown schema '%s'", sname);
  if ((rc = idt_entity_new(out, a, s, id)))
    return rc;
  return idt_entity_set_source(*out, source_id, dataset);
}

int idt__ingest_read(const char *path, idt_buf *b)
{
  idt_buf_init(b, IDT_INGEST_MAX_FILE);
  return idt_read_file(path, b);
}

int idt__entity_push(idt_arena *a, idt_entity ***v, size_t *n, size_t *cap, idt_entity *e)
{
  if (*n == *cap) {
    size_t ncap = *cap ? *cap * 2 : 8;
    idt_entity **nv = idt_arena_alloc(a, ncap * sizeof *nv);
    if (!nv)
      return IDT_ENOMEM;
    if (*n)
      memcpy(nv, *v, *n * sizeof *nv);
    *v = nv;
    *cap = ncap;
  }
  (*v)[(*n)++] = e;
  return 0;
}

int idt__xml_text(idt_buf *b, const char *name, unsigned long line, const char *s, int len)
{
  int rc = idt_buf_append(b, s, (size_t)len);
  if (rc == IDT_ELIMIT)
    idt_error_set(rc, "%s:%lu: element text longer than %zu bytes", name, line, b->max);
  return rc;
}

int idt__ingest_file(const char *path, const char *fmt, idt__mem_fn mem,
                     const idt_ingest_opts *opts)
{
  idt_buf b;
  idt_mem m;
  int rc;
  if (!path)
    return idt_error_set(IDT_EINVAL, "%s: no path", fmt);
  if ((rc = idt__ingest_read(path, &b)) == 0) {
    m.p = b.p;
    m.n = b.len;
    rc = mem(path, m, opts);
  }
  idt_buf_free(&b);
  return rc;
}

void idt__ingest_linecol(const char *p, size_t n, size_t off, size_t *line,
                         size_t *col)
{
  size_t i, l = 1, start = 0;
  for (i = 0; i < off && i < n; i++)
    if (p[i] == '\n') {
      l++;
      start = i + 1;
    }
  *line = l;
  *col = off - start + 1;
}

int idt__ingest_check_utf8(const char *name, const char *p, size_t n)
{
  size_t at = idt_utf8_invalid_at(p, n), line, col;
  if (at == (size_t)-1)
    return 0;
  idt__ingest_linecol(p, n, at, &line, &col);
  return idt_error_set(IDT_EUTF8, "%s:%zu:%zu: byte offset %zu: invalid "
                       "UTF-8 (byte 0x%02x)", name, line, col, at,
                       (unsigned)(unsigned char)p[at]);
}

int idt__add(idt_entity *e, const char *prop, const char *v, size_t n)
{
  return idt_entity_addn(e, prop, v, n);
}

int idt__add_country(idt_entity *e, const char *prop, const char *label,
                     const char *name, size_t n)
{
  idt_str t = idt_trim(name, n);
  const char *code;
  char note[512];
  if (t.len == 0)
    return 0;
  if ((code = idt__country_code(t.p, t.len)))
    return idt_entity_add(e, prop, code);
  if (!idt_schema_prop(e->schema, "notes"))
    return 0;
  snprintf(note, sizeof note, "%s: %.*s", label, (int)idt_utf8_prefix(t.p, t.len, 400),
           t.p);
  return idt_entity_add(e, "notes", note);
}
