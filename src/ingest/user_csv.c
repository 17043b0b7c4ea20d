/*
 * user_csv.c - a user's own watch list: CSV with a header row.
 *
 * Columns (matched ignoring case, '_', '-' and spaces): name (required),
 * id, schema (default LegalEntity), aliases (';'-separated), birth_date /
 * birthDate / dob, country / nationality, identifiers / id_number, imo,
 * mmsi, passport, wallet, notes. An unknown column is an error that names
 * it: a typo such as "nationalty" would otherwise silently drop a column
 * the user relies on for screening. Values are checked too (a birth date
 * that is not a date, a country that is not one, an IMO on a Person) and
 * reported with file:line: column.
 *
 * Ids: "<dataset>-<id>" when the id column is set, else "<dataset>-" and
 * the first 16 hex digits of SHA-256 over schema and name, so a row keeps
 * its id when rows are added or reordered. A wallet becomes a CryptoWallet
 * held by the row's entity (or the row itself when its schema is
 * CryptoWallet).
 */
#include <string.h>
#include "ingest/ingest_int.h"
#include "common/util.h"

enum col { C_NAME, C_ID, C_SCHEMA, C_ALIASES, C_DOB, C_COUNTRY, C_NATIONALITY,
           C_IDENT, C_IMO, C_MMSI, C_PASSPORT, C_WALLET, C_NOTES, C_N };

static const struct { const char *key; enum col c; } headers[] = {
  { "name", C_NAME }, { "id", C_ID }, { "schema", C_SCHEMA },
  { "aliases", C_ALIASES }, { "alias", C_ALIASES }, { "birthdate", C_DOB },
  { "dob", C_DOB }, { "dateofbirth", C_DOB }, { "country", C_COUNTRY },
  { "nationality", C_NATIONALITY }, { "identifiers", C_IDENT },
  { "idnumber", C_IDENT }, { "imo", C_IMO }, { "imonumber", C_IMO },
  { "mmsi", C_MMSI }, { "passport", C_PASSPORT },
  { "passportnumber", C_PASSPORT }, { "wallet", C_WALLET },
  { "notes", C_NOTES },
};

typedef struct ucsv {
  const idt_ingest_opts *opts;
  const char *name, *dataset;
  idt_arena row;
  int col[C_N];            /* column index per field, -1 when absent */
  int have_header;
} ucsv;

static void fold(const char *s, size_t n, char *out, size_t cap)
{
  size_t i, o = 0;
  for (i = 0; i < n && o + 1 < cap; i++) {
    char c = s[i];
    if (c == '_' || c == '-' || c == ' ' || c == '\t')
      continue;
    out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  out[o] = '\0';
}

static int header(ucsv *u, const idt__csv_row *r)
{
  size_t i, k;
  for (i = 0; i < C_N; i++)
    u->col[i] = -1;
  for (i = 0; i < r->nf; i++) {
    char key[64];
    idt_str t = idt_trim(r->f[i], r->len[i]);
    int found = 0;
    /* A UTF-8 byte order mark before the first header. */
    if (i == 0 && t.len >= 3 && memcmp(t.p, "\xEF\xBB\xBF", 3) == 0)
      t = idt_trim(t.p + 3, t.len - 3);
    fold(t.p, t.len, key, sizeof key);
    for (k = 0; k < sizeof headers / sizeof headers[0]; k++)
      if (strcmp(key, headers[k].key) == 0) {
        if (u->col[headers[k].c] >= 0)
          return idt_error_set(IDT_EPARSE, "%s:%zu: column '%.*s': given "
                               "twice", u->name, r->line, (int)t.len, t.p);
        u->col[headers[k].c] = (int)i;
        found = 1;
      }
    if (!found)
      return idt_error_set(IDT_EPARSE, "%s:%zu: column '%.*s': unknown (known: "
                           "name, id, schema, aliases, birth_date, country, "
                           "nationality, identifiers, imo, mmsi, passport, "
                           "wallet, notes)", u->name, r->line,
                           (int)(t.len > 60 ? 60 : t.len), t.p);
  }
  if (u->col[C_NAME] < 0)
    return idt_error_set(IDT_EPARSE, "%s:%zu: column 'name': required",
                         u->name, r->line);
  u->have_header = 1;
  return 0;
}

static idt_str field(const ucsv *u, const idt__csv_row *r, enum col c)
{
  idt_str s = { "", 0 };
  if (u->col[c] < 0 || (size_t)u->col[c] >= r->nf)
    return s;
  return idt_trim(r->f[u->col[c]], r->len[u->col[c]]);
}

static int bad(const ucsv *u, const idt__csv_row *r, const char *col,
               const char *why, idt_str v)
{
  return idt_error_set(IDT_EPARSE, "%s:%zu: %s: %s: '%.*s'", u->name, r->line,
                       col, why, (int)(v.len > 80 ? 80 : v.len), v.p);
}

/* Each ';'-separated part of v as a value of prop. */
static int each(const ucsv *u, const idt__csv_row *r, idt_entity *e,
                const char *col, const char *prop, idt_str v)
{
  size_t i = 0;
  int rc;
  while (i < v.len) {
    size_t st = i;
    while (i < v.len && v.p[i] != ';')
      i++;
    if (!idt_schema_prop(e->schema, prop))
      return idt_error_set(IDT_EPARSE, "%s:%zu: %s: schema %s has no "
                           "property %s", u->name, r->line, col,
                           e->schema->name, prop);
    if ((rc = idt__add(e, prop, v.p + st, i - st)))
      return rc;
    i++;
  }
  return 0;
}

static int country(const ucsv *u, const idt__csv_row *r, idt_entity *e,
                   const char *col, const char *prop, idt_str v)
{
  size_t i = 0;
  int rc;
  while (i < v.len) {
    size_t st = i;
    idt_str part;
    const char *code;
    char two[3];
    while (i < v.len && v.p[i] != ';')
      i++;
    part = idt_trim(v.p + st, i - st);
    i++;
    if (!part.len)
      continue;
    if (part.len == 2) {
      two[0] = (char)(part.p[0] | 0x20);
      two[1] = (char)(part.p[1] | 0x20);
      two[2] = '\0';
      code = two;
    } else if (!(code = idt__country_code(part.p, part.len))) {
      return bad(u, r, col, "not a country name or ISO code", part);
    }
    if (!idt_schema_prop(e->schema, prop))
      prop = "country";
    if ((rc = idt_entity_add(e, prop, code)))
      return rc;
  }
  return 0;
}

static int dates(const ucsv *u, const idt__csv_row *r, idt_entity *e,
                 idt_str v)
{
  size_t i = 0;
  int rc;
  if (!idt_schema_prop(e->schema, "birthDate"))
    return v.len ? bad(u, r, "birth_date", "only a Person has one", v) : 0;
  while (i < v.len) {
    size_t st = i;
    char iso[11];
    idt_str part;
    while (i < v.len && v.p[i] != ';')
      i++;
    part = idt_trim(v.p + st, i - st);
    i++;
    if (!part.len)
      continue;
    if (idt__date_iso(part.p, part.len, iso))
      return bad(u, r, "birth_date", "not a date (YYYY-MM-DD, YYYY-MM, YYYY "
                 "or 08 Jan 1984)", part);
    if ((rc = idt_entity_add(e, "birthDate", iso)))
      return rc;
  }
  return 0;
}

static int wallet(ucsv *u, const idt__csv_row *r, idt_entity *e, idt_str v)
{
  idt_entity *w;
  char id[512];
  int rc;
  if (!v.len)
    return 0;
  if (idt_schema_is_a(e->schema, "CryptoWallet"))
    return idt__add(e, "publicKey", v.p, v.len);
  if (v.len > 200 || memchr(v.p, ' ', v.len))
    return bad(u, r, "wallet", "not one address", v);
  snprintf(id, sizeof id, "%s-wallet-%.*s", e->id, (int)v.len, v.p);
  if ((rc = idt__ingest_entity(&w, &u->row, "CryptoWallet", id, NULL,
                               u->dataset)) ||
      (rc = idt__add(w, "publicKey", v.p, v.len)) ||
      (rc = idt_entity_add(w, "holder", e->id)))
    return rc;
  return idt__ingest_emit(u->opts, w);
}

static int on_row(void *ctx, const idt__csv_row *r)
{
  ucsv *u = ctx;
  idt_str name, sid, sch;
  const idt_schema *s = NULL;
  char sname[64], id[600];
  idt_entity *e;
  int rc;

  if (!u->have_header)
    return header(u, r);
  name = field(u, r, C_NAME);
  if (r->nf == 1 && name.len == 0)
    return 0;   /* a blank line */
  if (!name.len)
    return bad(u, r, "name", "required", name);
  sch = field(u, r, C_SCHEMA);
  snprintf(sname, sizeof sname, "%.*s", (int)(sch.len > 60 ? 60 : sch.len),
           sch.p);
  if (!(s = idt_schema_get(sch.len ? sname : "LegalEntity")) ||
      (s->flags & IDT_SCHEMA_ABSTRACT && strcmp(s->name, "LegalEntity") != 0))
    return bad(u, r, "schema", "not a concrete FtM schema", sch);
  idt_arena_free(&u->row);
  sid = field(u, r, C_ID);
  if (sid.len) {
    if (sid.len > 200)
      return bad(u, r, "id", "longer than 200 bytes", sid);
    snprintf(id, sizeof id, "%s-%.*s", u->dataset, (int)sid.len, sid.p);
  } else {
    char hex[65];
    idt_buf b;
    idt_buf_init(&b, (size_t)1 << 20);
    if ((rc = idt_buf_printf(&b, "%s\n%.*s", s->name, (int)name.len, name.p))) {
      idt_buf_free(&b);
      return rc;
    }
    idt_sha256_mem(b.p, b.len, hex);
    idt_buf_free(&b);
    snprintf(id, sizeof id, "%s-%.16s", u->dataset, hex);
  }
  if (!(sid.p = sid.len ? idt_arena_strndup(&u->row, sid.p, sid.len) : NULL) &&
      sid.len)
    return IDT_ENOMEM;
  if ((rc = idt_entity_new(&e, &u->row, s, id)) ||
      (rc = idt_entity_set_source(e, sid.len ? sid.p : NULL, u->dataset)) ||
      (rc = idt__add(e, idt_schema_prop(s, "name") ? "name" : "notes",
                     name.p, name.len)) ||
      (rc = each(u, r, e, "aliases", "alias", field(u, r, C_ALIASES))) ||
      (rc = dates(u, r, e, field(u, r, C_DOB))) ||
      (rc = country(u, r, e, "country", "country", field(u, r, C_COUNTRY))) ||
      (rc = country(u, r, e, "nationality", "nationality",
                    field(u, r, C_NATIONALITY))) ||
      (rc = each(u, r, e, "identifiers", "idNumber", field(u, r, C_IDENT))) ||
      (rc = each(u, r, e, "imo", "imoNumber", field(u, r, C_IMO))) ||
      (rc = each(u, r, e, "mmsi", "mmsi", field(u, r, C_MMSI))) ||
      (rc = each(u, r, e, "passport", "passportNumber",
                 field(u, r, C_PASSPORT))) ||
      (rc = idt__add(e, "notes", field(u, r, C_NOTES).p,
                     field(u, r, C_NOTES).len)))
    return rc == IDT_ESCHEMA ? idt_error_wrap(rc, "%s:%zu: ", u->name, r->line)
                             : rc;
  if ((rc = idt__ingest_emit(u->opts, e)))
    return rc;
  idt__ingest_listed(u->opts);
  return wallet(u, r, e, field(u, r, C_WALLET));
}

int idt_ingest_csv_mem(const char *name, idt_mem csv,
                       const idt_ingest_opts *opts)
{
  ucsv *u;
  int rc;
  if (!opts || !opts->emit)
    return idt_error_set(IDT_EINVAL, "csv: an emit callback is required");
  if (!name)
    name = "watchlist.csv";
  if ((rc = idt__ingest_check_utf8(name, csv.p ? csv.p : "", csv.n)))
    return rc;
  if (!(u = idt_calloc(1, sizeof *u)))
    return IDT_ENOMEM;
  u->opts = opts;
  u->name = name;
  u->dataset = idt__ingest_dataset(opts, "watchlist");
  idt_arena_init(&u->row);
  idt__csv_progress = opts;
  rc = idt__csv_parse(name, csv.p ? csv.p : "", csv.n, on_row, u);
  idt__csv_progress = NULL;
  if (!rc)
    idt__ingest_progress(opts, csv.n, csv.n);
  if (!rc && !u->have_header)
    rc = idt_error_set(IDT_EPARSE, "%s:1: header: missing (the file is "
                       "empty)", name);
  idt_arena_free(&u->row);
  idt_free(u);
  return rc;
}

int idt_ingest_csv(const char *path, const idt_ingest_opts *opts)
{
  return idt__ingest_file(path, "csv", idt_ingest_csv_mem, opts);
}
