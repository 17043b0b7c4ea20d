/*
 * ofac_csv.c - OFAC's legacy CSV files (SDN: sdn.csv, alt.csv, add.csv,
 * sdn_comments.csv; non-SDN consolidated: cons_prim/cons_alt/cons_add/
 * cons_comments) to FtM entities.
 *
 * The companions are read first into maps keyed by ent_num (aliases,
 * addresses, remark continuations), then the primary file is streamed: one
 * listed entity per row (Person, Organization, Vessel, Airplane) with
 * topics=sanction, its Sanction, and the documents and wallets its remarks
 * name. "Linked To:" names and vessel owners refer to other rows by name,
 * so they are resolved after the pass against every primary name of the
 * file and emitted as UnknownLink / Ownership edges, or as notes on the
 * subject (a later fragment with the same id) when no row has that name.
 *
 * Quirks of the files, each handled on purpose:
 * - no header; "-0-" means empty; files end with a DOS EOF byte (0x1A);
 * - text is Latin-1 (the 2024 files happen to be ASCII) -> UTF-8 first;
 * - remarks are cut at 1,000 characters and continued in sdn_comments.csv.
 *   The two files are not always from the same day (the copies here are
 *   2024-05 and 2025-02), so a continuation is only appended when this
 *   file's remark is exactly 1,000 characters long (cut here too), and
 *   continuations whose ent_num is not in the primary file are ignored.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "ingest/ingest_int.h"
#include "common/util.h"

#define OFAC_REMARK_CUT 1000  /* OFAC legacy CSV field limit, observed */
#define ROW_BATCH 256         /* rows sharing one arena before it is freed */

typedef struct alt_rec {
  struct alt_rec *next;
  const char *type, *name, *remarks;
} alt_rec;

typedef struct add_rec {
  struct add_rec *next;
  const char *full, *country;
  int country_only;
} add_rec;

typedef struct list_head { void *head, *tail; } list_head;

enum { K_LINK, K_OWNER, K_OPERATOR };

typedef struct deferred {
  struct deferred *next;
  const char *subject, *subject_schema, *source_id, *name;
  int kind;         /* K_LINK, K_OWNER, K_OPERATOR */
} deferred;

typedef struct ofac {
  const idt_ingest_opts *opts;
  const char *dataset;
  const char *file;            /* primary file name, for messages */
  idt_arena keep;              /* import lifetime */
  idt_arena row;               /* one row's entities */
  idt_map alts, adds, comments, names;
  deferred *defer_head, *defer_tail;
  size_t listed, rows_in_arena;
} ofac;

typedef struct ofac_files {
  const char *dataset;         /* default dataset for this set */
  idt_mem sdn, alt, add, comments;
  const char *sdn_name, *alt_name, *add_name, *comments_name;
} ofac_files;

static char *keep_str(ofac *o, idt_str s)
{
  return idt_arena_strndup(&o->keep, s.p, s.len);
}

static list_head *slot(ofac *o, idt_map *m, idt_str key)
{
  list_head *h = idt_map_get(m, key.p, key.len);
  char *k;
  if (h)
    return h;
  /* The map borrows its key: insert an arena copy, never the field. */
  if (!(k = keep_str(o, key)) || !(h = idt_arena_calloc(&o->keep, sizeof *h)))
    return NULL;
  if (idt_map_put(m, k, key.len, h))
    return NULL;
  return h;
}

static void append(list_head *h, void *rec, void **nextp)
{
  *nextp = NULL;
  if (!h->head)
    h->head = rec;
  else
    *(void **)h->tail = rec;   /* next is the first member of each record */
  h->tail = rec;
}

static int digits_only(idt_str s)
{
  size_t i;
  if (s.len == 0 || s.len > 12)
    return 0;
  for (i = 0; i < s.len; i++)
    if (s.p[i] < '0' || s.p[i] > '9')
      return 0;
  return 1;
}

static int need(const char *file, const idt__csv_row *r, size_t n)
{
  if (r->nf < n)
    return idt_error_set(IDT_EPARSE, "%s:%zu: record: expected %zu columns, "
                         "got %zu", file, r->line, n, r->nf);
  if (!digits_only(idt__csv_field(r, 0)))
    return idt_error_set(IDT_EPARSE, "%s:%zu: ent_num: not a number: '%.*s'",
                         file, r->line, (int)(r->len[0] > 40 ? 40 : r->len[0]),
                         r->f[0]);
  return 0;
}

/* alt.csv: ent_num, alt_num, alt_type, alt_name, alt_remarks */
static int on_alt(void *ctx, const idt__csv_row *r)
{
  ofac *o = ctx;
  list_head *h;
  alt_rec *a;
  int rc;
  if ((rc = need(o->file, r, 4)))
    return rc;
  if (!(h = slot(o, &o->alts, idt__csv_field(r, 0))) ||
      !(a = idt_arena_calloc(&o->keep, sizeof *a)) ||
      !(a->type = keep_str(o, idt__csv_field(r, 2))) ||
      !(a->name = keep_str(o, idt__csv_field(r, 3))) ||
      !(a->remarks = keep_str(o, idt__csv_field(r, 4))))
    return IDT_ENOMEM;
  append(h, a, (void **)&a->next);
  return 0;
}

/* add.csv: ent_num, add_num, address, city/state/postal, country, remarks */
static int on_add(void *ctx, const idt__csv_row *r)
{
  ofac *o = ctx;
  idt_str parts[3];
  list_head *h;
  add_rec *a;
  idt_buf b;
  size_t i;
  int rc;
  if ((rc = need(o->file, r, 5)))
    return rc;
  parts[0] = idt__csv_field(r, 2);
  parts[1] = idt__csv_field(r, 3);
  parts[2] = idt__csv_field(r, 4);
  if (!parts[0].len && !parts[1].len && !parts[2].len)
    return 0;
  idt_buf_init(&b, 8192);
  for (i = 0; i < 3 && !rc; i++)
    if (parts[i].len && !(rc = b.len ? idt_buf_append(&b, ", ", 2) : 0))
      rc = idt_buf_append(&b, parts[i].p, parts[i].len);
  if (!rc && (!(h = slot(o, &o->adds, idt__csv_field(r, 0))) ||
              !(a = idt_arena_calloc(&o->keep, sizeof *a)) ||
              !(a->full = idt_arena_strndup(&o->keep, b.p, b.len)) ||
              !(a->country = keep_str(o, parts[2]))))
    rc = IDT_ENOMEM;
  idt_buf_free(&b);
  if (rc)
    return rc == IDT_ELIMIT ? idt_error_set(rc, "%s:%zu: address too long",
                                            o->file, r->line) : rc;
  a->country_only = !parts[0].len && !parts[1].len;
  append(h, a, (void **)&a->next);
  return 0;
}

/* sdn_comments.csv: ent_num, remarks continuation */
static int on_comment(void *ctx, const idt__csv_row *r)
{
  ofac *o = ctx;
  idt_str key, text;
  const char *old;
  char *k, *s;
  size_t olen;
  if (r->nf == 1 && idt__csv_field(r, 0).len == 0)
    return 0;
  if (r->nf < 2 || !digits_only(idt__csv_field(r, 0)))
    return need(o->file, r, 2);
  key = idt__csv_field(r, 0);
  text.p = r->f[1];    /* untrimmed: the cut may fall on a space */
  text.len = r->len[1];
  old = idt_map_get(&o->comments, key.p, key.len);
  olen = old ? strlen(old) : 0;
  if (!(s = idt_arena_alloc(&o->keep, olen + text.len + 1)))
    return IDT_ENOMEM;
  if (olen)
    memcpy(s, old, olen);
  memcpy(s + olen, text.p, text.len);
  s[olen + text.len] = '\0';
  if (!old)
    return (k = keep_str(o, key)) && !idt_map_put(&o->comments, k, key.len, s)
               ? 0 : IDT_ENOMEM;
  /* Same key: replace the value (the arena key already in place). */
  return idt_map_put(&o->comments, key.p, key.len, s) ? IDT_ENOMEM : 0;
}

static size_t utf8_chars(const char *s, size_t n)
{
  size_t i, c = 0;
  for (i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      c++;
  return c;
}

static int defer(void *ctx, const idt_entity *subject, const char *name,
                 size_t n, int kind)
{
  ofac *o = ctx;
  deferred *d = idt_arena_calloc(&o->keep, sizeof *d);
  if (!d || !(d->subject = idt_arena_strdup(&o->keep, subject->id)) ||
      !(d->subject_schema = subject->schema->name) ||
      !(d->source_id = idt_arena_strdup(&o->keep, subject->source_id)) ||
      !(d->name = idt_arena_strndup(&o->keep, name, n)))
    return IDT_ENOMEM;
  d->kind = kind;
  if (o->defer_tail)
    o->defer_tail->next = d;
  else
    o->defer_head = d;
  o->defer_tail = d;
  return 0;
}

static int on_link(void *ctx, const idt_entity *subject, const char *name,
                   size_t n, int op)
{
  return defer(ctx, subject, name, n, op ? K_OPERATOR : K_LINK);
}

static const char *schema_for(idt_str type)
{
  if (type.len == 0)
    return "Organization";
  if (type.len == 10 && memcmp(type.p, "individual", 10) == 0)
    return "Person";
  if (type.len == 6 && memcmp(type.p, "vessel", 6) == 0)
    return "Vessel";
  if (type.len == 8 && memcmp(type.p, "aircraft", 8) == 0)
    return "Airplane";
  return NULL;
}

/* Upper-cased name as the resolution key ("Linked To" repeats the primary
 * name, sometimes in another case). */
static int name_key(ofac *o, idt_str name, char **out)
{
  char *k = idt_arena_strndup(&o->keep, name.p, name.len);
  size_t i;
  if (!k)
    return IDT_ENOMEM;
  for (i = 0; i < name.len; i++)
    if (k[i] >= 'a' && k[i] <= 'z')
      k[i] = (char)(k[i] - 32);
  *out = k;
  return 0;
}

static int add_column(idt_entity *e, const char *prop, const char *label,
                      idt_str v)
{
  char note[1200];
  if (!v.len)
    return 0;
  if (idt_schema_prop(e->schema, prop))
    return idt__add(e, prop, v.p, v.len);
  snprintf(note, sizeof note, "%s: %.*s", label, (int)(v.len > 1100 ? 1100 : v.len),
           v.p);
  return idt_entity_add(e, "notes", note);
}

static int row_aliases(ofac *o, idt_entity *e, idt_str ent)
{
  list_head *h = idt_map_get(&o->alts, ent.p, ent.len);
  alt_rec *a;
  int rc;
  for (a = h ? h->head : NULL; a; a = a->next) {
    const char *prop = "alias";
    if (strcmp(a->type, "fka") == 0)
      prop = "previousName";
    /* The legacy CSV has no quality flag; OFAC's XML marks low-quality
     * names "weak", and a remark saying so is honoured here. */
    if (strstr(a->remarks, "weak") || strstr(a->remarks, "Weak"))
      prop = "weakAlias";
    if ((rc = idt__ofac_name(e, prop, a->name, strlen(a->name), 0)))
      return rc;
  }
  return 0;
}

static int row_addresses(ofac *o, idt_entity *e, idt_str ent)
{
  list_head *h = idt_map_get(&o->adds, ent.p, ent.len);
  const char *cprop = idt_schema_prop(e->schema, "country") ? "country" : NULL;
  add_rec *a;
  int rc;
  for (a = h ? h->head : NULL; a; a = a->next) {
    const char *code = idt__country_code(a->country, strlen(a->country));
    /* A row with only a country is a country, not an address. */
    if (!a->country_only && idt_schema_prop(e->schema, "address") &&
        (rc = idt_entity_add(e, "address", a->full)))
      return rc;
    if (cprop && code && (rc = idt_entity_add(e, cprop, code)))
      return rc;
  }
  return 0;
}

static int row_sanction(ofac *o, idt_entity *e, idt_str programs,
                        idt_entity **out)
{
  char id[256];
  idt_entity *s;
  size_t i = 0;
  int rc;
  snprintf(id, sizeof id, "%s-sanction", e->id);
  if ((rc = idt__ingest_entity(&s, &o->row, "Sanction", id, e->source_id,
                               o->dataset)) ||
      (rc = idt_entity_add(s, "entity", e->id)) ||
      (rc = idt_entity_add(s, "authority",
                           "Office of Foreign Assets Control")) ||
      (rc = idt_entity_add(s, "country", "us")))
    return rc;
  /* Programs: "NPWMD] [DPRK2" (the file drops the outer brackets). */
  while (i < programs.len) {
    size_t st = i;
    while (i < programs.len && programs.p[i] != ']' && programs.p[i] != '[')
      i++;
    if ((rc = idt__add(s, "program", programs.p + st, i - st)))
      return rc;
    while (i < programs.len && (programs.p[i] == ']' || programs.p[i] == '[' ||
                                programs.p[i] == ' '))
      i++;
  }
  *out = s;
  return 0;
}

/* sdn.csv: ent_num, name, type, programs, title, call_sign, vessel_type,
 * tonnage, GRT, flag, owner, remarks */
static int on_sdn(void *ctx, const idt__csv_row *r)
{
  ofac *o = ctx;
  idt_str ent, name, rem, owner;
  const char *schema, *more;
  idt_entity *e, *s;
  idt__remarks rm;
  char id[64], *key;
  void **slotp;
  size_t i;
  int rc;

  if (r->nf == 1 && idt__csv_field(r, 0).len == 0)
    return 0;
  if ((rc = need(o->file, r, 12)))
    return rc;
  ent = idt__csv_field(r, 0);
  name = idt__csv_field(r, 1);
  if (!name.len)
    return idt_error_set(IDT_EPARSE, "%s:%zu: name: empty", o->file, r->line);
  if (!(schema = schema_for(idt__csv_field(r, 2))))
    return idt_error_set(IDT_EPARSE, "%s:%zu: type: unknown '%.*s'", o->file,
                         r->line, (int)(r->len[2] > 40 ? 40 : r->len[2]),
                         r->f[2]);
  /* Entities only live during emit; the row arena is recycled every
   * ROW_BATCH rows rather than every row to spare malloc/free churn. */
  if (++o->rows_in_arena >= ROW_BATCH) {
    idt_arena_free(&o->row);
    o->rows_in_arena = 0;
  }
  snprintf(id, sizeof id, "ofac-%.*s", (int)ent.len, ent.p);
  if (!(key = idt_arena_strndup(&o->row, ent.p, ent.len)))
    return IDT_ENOMEM;
  if ((rc = idt__ingest_entity(&e, &o->row, schema, id, key, o->dataset)) ||
      (rc = idt__ofac_name(e, "name", name.p, name.len, 1)) ||
      (rc = idt_entity_add(e, "topics", "sanction")) ||
      (rc = row_sanction(o, e, idt__csv_field(r, 3), &s)) ||
      (rc = add_column(e, "position", "Title", idt__csv_field(r, 4))) ||
      (rc = add_column(e, "callSign", "Call sign", idt__csv_field(r, 5))) ||
      (rc = add_column(e, "type", "Vessel type", idt__csv_field(r, 6))) ||
      (rc = add_column(e, "tonnage", "Tonnage", idt__csv_field(r, 7))) ||
      (rc = add_column(e, "grossRegisteredTonnage", "GRT",
                       idt__csv_field(r, 8))))
    return rc;
  if (idt__csv_field(r, 9).len &&
      (rc = idt__add_country(e, idt_schema_prop(e->schema, "flag") ? "flag"
                                                                   : "country",
                             "Flag", idt__csv_field(r, 9).p,
                             idt__csv_field(r, 9).len)))
    return rc;
  owner = idt__csv_field(r, 10);
  if (owner.len) {
    char note[1200];
    snprintf(note, sizeof note, "Owner: %.*s",
             (int)(owner.len > 1100 ? 1100 : owner.len), owner.p);
    if ((rc = idt_entity_add(e, "notes", note)) ||
        (rc = defer(o, e, owner.p, owner.len, K_OWNER)))
      return rc;
  }
  memset(&rm, 0, sizeof rm);
  rm.e = e;
  rm.sanction = s;
  rm.arena = &o->row;
  rm.dataset = o->dataset;
  rm.link = on_link;
  rm.link_ctx = o;
  rem = idt__csv_field(r, 11);
  more = idt_map_get(&o->comments, ent.p, ent.len);
  if (more && utf8_chars(r->f[11], r->len[11]) == OFAC_REMARK_CUT) {
    idt_buf b;
    idt_buf_init(&b, (size_t)4 << 20);
    rc = idt_buf_append(&b, r->f[11], r->len[11]);
    if (!rc)
      rc = idt_buf_puts(&b, more);
    if (!rc)
      rc = idt__ofac_remarks(&rm, b.p, b.len);
    idt_buf_free(&b);
  } else {
    rc = idt__ofac_remarks(&rm, rem.p, rem.len);
  }
  if (rc || (rc = row_aliases(o, e, ent)) || (rc = row_addresses(o, e, ent)))
    return rc;
  if ((rc = name_key(o, name, &key)))
    return rc;
  if (!(slotp = idt_map_slot_for(&o->names, key, name.len)))
    return IDT_ENOMEM;
  if (!*slotp && !(*slotp = idt_arena_strdup(&o->keep, e->id)))
    return IDT_ENOMEM;
  if ((rc = idt__ingest_emit(o->opts, e)) ||
      (rc = idt__ingest_emit(o->opts, s)))
    return rc;
  for (i = 0; i < rm.nderived; i++)
    if ((rc = idt__ingest_emit(o->opts, rm.derived[i])))
      return rc;
  o->listed++;
  idt__ingest_listed(o->opts);
  return 0;
}

static int resolve(ofac *o)
{
  deferred *d;
  int rc;
  for (d = o->defer_head; d; d = d->next) {
    idt_str nm = idt_trim(d->name, strlen(d->name));
    const char *target;
    char *key, id[512];
    idt_entity *x;
    if (++o->rows_in_arena >= ROW_BATCH) {
      idt_arena_free(&o->row);
      o->rows_in_arena = 0;
    }
    if ((rc = name_key(o, nm, &key)))
      return rc;
    target = idt_map_get(&o->names, key, nm.len);
    if (!target && nm.len && nm.p[nm.len - 1] != '.') {
      /* The remark's final '.' was taken as the sentence end: "CO., LTD." */
      char *k2 = idt_arena_alloc(&o->keep, nm.len + 2);
      if (!k2)
        return IDT_ENOMEM;
      memcpy(k2, key, nm.len);
      k2[nm.len] = '.';
      k2[nm.len + 1] = '\0';
      target = idt_map_get(&o->names, k2, nm.len + 1);
    }
    if (target && strcmp(target, d->subject) != 0) {
      const char *tid = strchr(target, '-') ? strchr(target, '-') + 1 : target;
      static const char *const tag[] = { "linked", "owner", "operator" };
      static const char *const role[] = { "Linked To", NULL,
                                          "Aircraft Operator" };
      int own = d->kind == K_OWNER;
      snprintf(id, sizeof id, "%s-%s-%s", d->subject, tag[d->kind], tid);
      if ((rc = idt__ingest_entity(&x, &o->row, own ? "Ownership" : "UnknownLink",
                                   id, NULL, o->dataset)))
        return rc;
      if (own && !(rc = idt_entity_add(x, "owner", target)))
        rc = idt_entity_add(x, "asset", d->subject);
      if (!own && !(rc = idt_entity_add(x, "subject", d->subject)) &&
          !(rc = idt_entity_add(x, "object", target)))
        rc = idt_entity_add(x, "role", role[d->kind]);
    } else if (d->kind == K_LINK) {
      snprintf(id, sizeof id, "Linked To: %.400s", d->name);
      if (!(rc = idt__ingest_entity(&x, &o->row, d->subject_schema,
                                    d->subject, d->source_id, o->dataset)))
        rc = idt_entity_add(x, "notes", id);
    } else {
      continue;   /* owner / operator: the note was added with the row */
    }
    if (rc || (rc = idt__ingest_emit(o->opts, x)))
      return rc;
  }
  return 0;
}

/* Latin-1 to UTF-8 in runs: ASCII spans are copied whole (the 2024 files
 * are all ASCII), each high byte becomes two. */
static int to_utf8(idt_mem in, idt_buf *out)
{
  size_t i = 0;
  int rc = 0;
  idt_buf_init(out, IDT_INGEST_MAX_FILE * 2);
  if (!in.p || !in.n)
    return idt_buf_append(out, "", 0);
  while (i < in.n && !rc) {
    size_t st = i;
    while (i < in.n && (unsigned char)in.p[i] < 0x80)
      i++;
    if (i > st)
      rc = idt_buf_append(out, in.p + st, i - st);
    if (!rc && i < in.n) {
      rc = idt_latin1_to_utf8(out, in.p + i, 1);
      i++;
    }
  }
  return rc;
}

static int parse_one(ofac *o, idt_mem m, const char *name, idt__csv_row_fn fn)
{
  idt_buf b;
  size_t i;
  int rc;
  if (!m.p)
    return 0;
  o->file = name;
  /* ASCII is already UTF-8: parse in place, no copy. */
  for (i = 0; i < m.n && (unsigned char)m.p[i] < 0x80; i++)
    ;
  idt__csv_progress = fn == on_sdn ? o->opts : NULL;
  if (i == m.n) {
    rc = idt__csv_parse(name, m.p, m.n, fn, o);
  } else {
    if (!(rc = to_utf8(m, &b)))
      rc = idt__csv_parse(name, b.p, b.len, fn, o);
    idt_buf_free(&b);
  }
  idt__csv_progress = NULL;
  if (!rc && fn == on_sdn)
    idt__ingest_progress(o->opts, m.n, m.n);
  return rc;
}

static int run(const ofac_files *f, const idt_ingest_opts *opts)
{
  ofac *o;
  int rc;
  if (!opts || !opts->emit)
    return idt_error_set(IDT_EINVAL, "ofac-csv: an emit callback is required");
  if (!f->sdn.p)
    return idt_error_set(IDT_EINVAL, "ofac-csv: the primary file is required");
  if (!(o = idt_calloc(1, sizeof *o)))
    return IDT_ENOMEM;
  o->opts = opts;
  o->dataset = idt__ingest_dataset(opts, f->dataset);
  idt_arena_init(&o->keep);
  idt_arena_init(&o->row);
  idt_map_init(&o->alts);
  idt_map_init(&o->adds);
  idt_map_init(&o->comments);
  idt_map_init(&o->names);
  if (!(rc = parse_one(o, f->alt, f->alt_name, on_alt)) &&
      !(rc = parse_one(o, f->add, f->add_name, on_add)) &&
      !(rc = parse_one(o, f->comments, f->comments_name, on_comment)) &&
      !(rc = parse_one(o, f->sdn, f->sdn_name, on_sdn)))
    rc = resolve(o);
  idt_map_free(&o->alts);
  idt_map_free(&o->adds);
  idt_map_free(&o->comments);
  idt_map_free(&o->names);
  idt_arena_free(&o->row);
  idt_arena_free(&o->keep);
  idt_free(o);
  return rc;
}

int idt_ingest_ofac_csv_mem(idt_mem sdn, idt_mem alt, idt_mem add,
                            idt_mem comments, const idt_ingest_opts *opts)
{
  ofac_files f;
  f.dataset = "us_ofac_sdn";
  f.sdn = sdn;
  f.alt = alt;
  f.add = add;
  f.comments = comments;
  f.sdn_name = "sdn.csv";
  f.alt_name = "alt.csv";
  f.add_name = "add.csv";
  f.comments_name = "sdn_comments.csv";
  if (!sdn.p)
    f.sdn.p = "";
  return run(&f, opts);
}

/* Read dir/name into b; a missing companion is not an error (*got = 0). */
static int read_opt(const char *dir, const char *name, idt_buf *b, char *path,
                    size_t cap, int *got)
{
  struct stat st;
  snprintf(path, cap, "%s/%s", dir, name);
  *got = 0;
  idt_buf_init(b, IDT_INGEST_MAX_FILE);
  if (stat(path, &st) != 0 && errno == ENOENT)
    return 0;
  *got = 1;
  return idt__ingest_read(path, b);
}

int idt_ingest_ofac_csv(const char *path, const idt_ingest_opts *opts)
{
  static const char *const sdn_set[4] = { "sdn.csv", "alt.csv", "add.csv",
                                          "sdn_comments.csv" };
  static const char *const cons_set[4] = { "cons_prim.csv", "cons_alt.csv",
                                           "cons_add.csv", "cons_comments.csv" };
  const char *const *set = sdn_set;
  char dir[4096], paths[4][4200];
  idt_buf bufs[4];
  ofac_files f;
  struct stat st;
  int rc = 0, got[4] = { 0, 0, 0, 0 }, i;

  if (!path)
    return idt_error_set(IDT_EINVAL, "ofac-csv: no path");
  if (stat(path, &st) != 0)
    return idt_error_set(IDT_EIO, "%s: %s", path, strerror(errno));
  if (S_ISDIR(st.st_mode)) {
    /* A directory: the SDN set when sdn.csv is there, else the non-SDN
     * consolidated set. Both in one dataset would mix two lists. */
    snprintf(dir, sizeof dir, "%s", path);
    snprintf(paths[0], sizeof paths[0], "%s/sdn.csv", dir);
    if (stat(paths[0], &st) != 0)
      set = cons_set;
  } else {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
             slash ? path : ".");
    if (strcmp(base, "cons_prim.csv") == 0)
      set = cons_set;
    else if (strcmp(base, "sdn.csv") != 0)
      set = NULL;   /* an unknown name: that file alone */
  }
  for (i = 0; i < 4; i++) {
    idt_buf_init(&bufs[i], IDT_INGEST_MAX_FILE);
    paths[i][0] = '\0';
  }
  if (set) {
    for (i = 0; i < 4 && !rc; i++)
      rc = read_opt(dir, set[i], &bufs[i], paths[i], sizeof paths[i], &got[i]);
    if (!rc && !got[0])
      rc = idt_error_set(IDT_EIO, "%s: no %s", path, set[0]);
  } else {
    snprintf(paths[0], sizeof paths[0], "%s", path);
    rc = idt__ingest_read(path, &bufs[0]);
    got[0] = 1;
  }
  if (!rc) {
    f.dataset = set == cons_set ? "us_ofac_cons" : "us_ofac_sdn";
    f.sdn.p = bufs[0].p;
    f.sdn.n = bufs[0].len;
    f.alt.p = got[1] ? bufs[1].p : NULL;
    f.alt.n = bufs[1].len;
    f.add.p = got[2] ? bufs[2].p : NULL;
    f.add.n = bufs[2].len;
    f.comments.p = got[3] ? bufs[3].p : NULL;
    f.comments.n = bufs[3].len;
    f.sdn_name = paths[0];
    f.alt_name = paths[1];
    f.add_name = paths[2];
    f.comments_name = paths[3];
    rc = run(&f, opts);
  }
  for (i = 0; i < 4; i++)
    idt_buf_free(&bufs[i]);
  return rc;
}
