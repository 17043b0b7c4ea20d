/*
 * uk_xml_map.c - one UK Sanctions List <Designation>, read into items by
 * uk_xml.c, to FtM entities: the listed Person/Organization/Vessel, its
 * Sanction and its documents.
 *
 * The FCDO's quirks handled here, each seen in the published file or in
 * other parsers of it: NameType comes in several cases ("Primary name",
 * "ALias"); a person's name is Name1..Name5 given names then Name6, an
 * entity's or a ship's is Name6 alone; AliasStrength is "Good quality
 * a.k.a" or "Low quality a.k.a" or absent (absent is a plain alias); a
 * birth date with an unknown day or month is written dd/mm/1950 or
 * dd/05/1950 (idt__date_iso reads neither, so the placeholders are taken
 * off first); IMO numbers appear as IMO9562233 and as 9562233; several
 * email addresses may share one element. Values that have no property on
 * the schema (a phone on a ship) are not mapped.
 */
#include <string.h>
#include "ingest/ingest_int.h"
#include "ingest/uk_xml_int.h"
#include "common/util.h"

#define AUTHORITY "UK Foreign, Commonwealth and Development Office"

void idt__uk_record_reset(uk_record *r)
{
  idt_arena_free(&r->row);
  r->items = NULL;
  r->nitems = r->capitems = 0;
  r->derived = NULL;
  r->nderived = r->capderived = 0;
  r->e = r->sanction = NULL;
}

static int eq_ci(const char *s, const char *lit)
{
  size_t n = strlen(s);
  return n == strlen(lit) && idt_startswith_ci(s, n, lit);
}

/* The longest prefix of s, at most max bytes, ending on a character
 * boundary (idt_utf8_prefix). */
static size_t utf8_prefix(const char *s, size_t max)
{
  return idt_utf8_prefix(s, strlen(s), max);
}

static int is_person(const uk_record *r)
{
  return idt_schema_is_a(r->e->schema, "Person");
}

/* Add v to prop when the schema has it (a Vessel has no phone). */
static int put(idt_entity *e, const char *prop, const char *v)
{
  if (!v || !*v || !idt_schema_prop(e->schema, prop))
    return 0;
  return idt_entity_add(e, prop, v);
}

static int put_country(idt_entity *e, const char *prop, const char *label,
                       const char *v)
{
  if (!v || !*v || !idt_schema_prop(e->schema, prop))
    return 0;
  /* idt__add_country notes at most 400 bytes of an unknown name */
  return idt__add_country(e, prop, label, v, utf8_prefix(v, 400));
}

static int add_derived(uk_record *r, idt_entity *d)
{
  return idt__entity_push(&r->row, &r->derived, &r->nderived, &r->capderived, d);
}

/* Append s to out (cap bytes) after sep when out is not empty; runs of
 * whitespace (the FCDO's line wrapping) become one blank. */
static void append(char *out, size_t cap, const char *sep, const char *s)
{
  size_t o = strlen(out), k;
  int blank = 0;
  if (!s || !*s)
    return;
  if (o)
    for (k = 0; sep[k] && o + 1 < cap; k++)
      out[o++] = sep[k];
  for (; *s && o + 1 < cap; s++) {
    int ws = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
    if (ws && blank)
      continue;
    blank = ws;
    out[o++] = ws ? ' ' : *s;
  }
  out[o] = '\0';
  /* Cut short inside a character (the next byte continues it): drop
   * the character's bytes already copied. */
  if (((unsigned char)*s & 0xC0) == 0x80) {
    while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
      o--;
    out[o > 0 ? o - 1 : 0] = '\0';
  }
}

/* ---- names ---- */

/* A name's text: Name6 alone for an entity or a ship (when present),
 * Name1..Name6 in order for a person. */
static void name_text(const uk_record *r, const uk_item *it, char *out,
                      size_t cap)
{
  int i;
  out[0] = '\0';
  if (!is_person(r) && it->v[UK_N6] && *it->v[UK_N6]) {
    append(out, cap, " ", it->v[UK_N6]);
    return;
  }
  for (i = 0; i <= UK_N6; i++)
    append(out, cap, " ", it->v[i]);
}

static int is_primary(const uk_item *it)
{
  return it->v[UK_NTYPE] && eq_ci(it->v[UK_NTYPE], "Primary Name");
}

static int is_weak(const uk_item *it)
{
  const char *s = it->v[UK_NSTRENGTH];
  return s && idt_startswith_ci(s, strlen(s), "Low");
}

/* The name item that becomes `name`: the first Primary Name, else the
 * first name that is not a weak alias, else the first name. */
static const uk_item *pick_name(const uk_record *r)
{
  const uk_item *good = NULL, *any = NULL;
  char buf[1024];
  size_t i;
  for (i = 0; i < r->nitems; i++) {
    const uk_item *it = r->items[i];
    if (it->kind != UK_G_NAME)
      continue;
    name_text(r, it, buf, sizeof buf);
    if (!*buf)
      continue;
    if (is_primary(it))
      return it;
    if (!good && !is_weak(it))
      good = it;
    if (!any)
      any = it;
  }
  return good ? good : any;
}

static int name_parts(uk_record *r, const uk_item *it)
{
  char buf[1024];
  int i, rc;
  for (i = 0; i < UK_N6; i++) {
    buf[0] = '\0';
    append(buf, sizeof buf, " ", it->v[i]);
    if ((rc = put(r->e, i == 0 ? "firstName" : "middleName", buf)))
      return rc;
  }
  buf[0] = '\0';
  append(buf, sizeof buf, " ", it->v[UK_N6]);
  return put(r->e, "lastName", buf);
}

static int apply_names(uk_record *r)
{
  const uk_item *pri = pick_name(r);
  char first[1024], buf[1024];
  size_t i;
  int rc;
  if (!pri)
    return idt_error_set(IDT_EPARSE, "%s:%zu: Names: no name for %s",
                         r->name, r->line, r->e->id);
  name_text(r, pri, first, sizeof first);
  if ((rc = idt_entity_add(r->e, "name", first)) ||
      (is_person(r) && (rc = name_parts(r, pri))))
    return rc;
  for (i = 0; i < r->nitems; i++) {
    const uk_item *it = r->items[i];
    if (it->kind != UK_G_NAME || it == pri)
      continue;
    name_text(r, it, buf, sizeof buf);
    if (!*buf || strcmp(buf, first) == 0)
      continue;
    if ((rc = idt_entity_add(r->e, is_weak(it) ? "weakAlias" : "alias", buf)))
      return rc;
  }
  return 0;
}

/* ---- dates ---- */

static int all_digits(const char *s, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return n > 0;
}

/* A birth date: dd/mm/yyyy, dd/mm/1950 (year known), dd/05/1950 and
 * 05/1950 (month known). What cannot be read is kept as a note. */
static int add_dob(uk_record *r, const char *v)
{
  idt_str t = idt_trim(v, strlen(v));
  const char *p = t.p, *slash;
  size_t n = t.len;
  char iso[16];
  if (n > 3 && idt_startswith_ci(p, n, "dd/")) {
    p += 3;
    n -= 3;
    if (n > 3 && idt_startswith_ci(p, n, "mm/")) {
      p += 3;
      n -= 3;
    }
  }
  slash = memchr(p, '/', n);
  if (slash && (slash - p == 1 || slash - p == 2) &&
      all_digits(p, (size_t)(slash - p)) &&
      n - (size_t)(slash - p) - 1 == 4 && all_digits(slash + 1, 4)) {
    /* month/year: rewrite as ISO year-month, which idt__date_iso reads */
    snprintf(iso, sizeof iso, "%.4s-%s%.*s", slash + 1,
             slash - p == 1 ? "0" : "", (int)(slash - p), p);
    if (idt__date_iso(iso, strlen(iso), iso) == 0)
      return idt_entity_add(r->e, "birthDate", iso);
  } else if (!idt__date_iso(p, n, iso)) {
    return idt_entity_add(r->e, "birthDate", iso);
  }
  /* its note keeps at most 400 bytes */
  return idt__add_dates(r->e, "birthDate", "DOB", t.p,
                        t.len > 400 ? utf8_prefix(t.p, 400) : t.len);
}

/* A listing's own date (DateDesignated, LastUpdated): ISO or nothing. */
static int put_date(uk_record *r, idt_entity *e, const char *prop,
                    const char *field, const char *v)
{
  char iso[11];
  if (!*v)
    return 0;
  if (idt__date_iso(v, strlen(v), iso)) {
    idt__ingest_warn(r->opts, "%s: %s: unreadable date '%.40s' for %s",
                     r->name, field, v, r->e->id);
    return 0;
  }
  return idt_entity_add(e, prop, iso);
}

/* ---- documents, addresses, birth places ---- */

static int add_doc(uk_record *r, const char *schema, const char *type,
                   const char *num, const char *info)
{
  idt_entity *d;
  char id[512];
  size_t i, o;
  int rc;
  o = (size_t)snprintf(id, sizeof id, "%s-doc-", r->e->id);
  for (i = 0; num[i] && o + 1 < sizeof id; i++) {
    char c = num[i];
    int ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
             (c >= 'a' && c <= 'z');
    id[o++] = ok ? c : '-';
  }
  id[o] = '\0';
  if ((rc = idt__ingest_entity(&d, &r->row, schema, id, r->e->source_id,
                               r->dataset)) ||
      (rc = idt_entity_add(d, "holder", r->e->id)) ||
      (rc = idt_entity_add(d, "number", num)) ||
      (rc = idt_entity_add(d, "type", type)) ||
      (rc = put(d, "summary", info)))
    return rc;
  return add_derived(r, d);
}

static int apply_passport(uk_record *r, const uk_item *it)
{
  const char *num = it->v[0];
  int rc;
  if (!num || !*num)
    return 0;   /* additional information without a number */
  if (!is_person(r)) {   /* not seen in the list; a ship has no idNumber */
    if (!idt_schema_prop(r->e->schema, "idNumber"))
      return 0;
    return (rc = idt_entity_add(r->e, "idNumber", num)) ? rc
           : add_doc(r, "Identification", "Passport", num, it->v[1]);
  }
  if ((rc = idt_entity_add(r->e, "passportNumber", num)))
    return rc;
  return add_doc(r, "Passport", "Passport", num, it->v[1]);
}

static int apply_natid(uk_record *r, const uk_item *it)
{
  const char *num = it->v[0];
  int rc;
  if (!num || !*num || !idt_schema_prop(r->e->schema, "idNumber"))
    return 0;
  if ((rc = idt_entity_add(r->e, "idNumber", num)))
    return rc;
  return add_doc(r, "Identification", "National identifier", num, it->v[1]);
}

static int apply_address(uk_record *r, const uk_item *it)
{
  char full[2048];
  int i, rc;
  full[0] = '\0';
  for (i = 0; i < 7; i++)   /* AddressLine1..6, AddressPostalCode */
    append(full, sizeof full, ", ", it->v[i]);
  /* Only a country: that is the entity's country, not an address. */
  if (*full) {
    append(full, sizeof full, ", ", it->v[7]);
    if ((rc = put(r->e, "address", full)))
      return rc;
  }
  return put_country(r->e, "country", "Country", it->v[7]);
}

static int apply_birth(uk_record *r, const uk_item *it)
{
  int rc;
  if (!is_person(r))
    return 0;
  if ((rc = put(r->e, "birthPlace", it->v[0])))
    return rc;
  return put_country(r->e, "birthCountry", "Country of birth", it->v[1]);
}

/* ---- leaves ---- */

/* Split v on any of seps and put each piece. */
static int put_split(idt_entity *e, const char *prop,
                     const char *v, const char *seps)
{
  size_t n = strlen(v), i = 0, k;
  int rc;
  while (i < n) {
    k = strcspn(v + i, seps);
    if (k) {
      idt_str t = idt_trim(v + i, k);
      if (t.len && idt_schema_prop(e->schema, prop) &&
          (rc = idt__add(e, prop, t.p, t.len)))
        return rc;
    }
    i += k + 1;
  }
  return 0;
}

/* "IMO9562233", "IMO 9562233", "9562233": the seven digits; anything
 * else is kept as written. */
static int put_imo(uk_record *r, const char *v)
{
  const char *p = v;
  if (idt_startswith_ci(p, strlen(p), "IMO"))
    for (p += 3; *p == ' ' || *p == ':' || *p == '-'; p++)
      ;
  if (strlen(p) == 7 && all_digits(p, 7))
    return put(r->e, "imoNumber", p);
  return put(r->e, "imoNumber", v);
}

static int put_note(uk_record *r, const char *label, const char *v)
{
  char note[1024];
  snprintf(note, sizeof note, "%s: %.*s", label, (int)utf8_prefix(v, 900), v);
  return put(r->e, "notes", note);
}

static int put_gender(uk_record *r, const char *v)
{
  if (eq_ci(v, "Male"))
    return put(r->e, "gender", "male");
  if (eq_ci(v, "Female"))
    return put(r->e, "gender", "female");
  return 0;
}

static int apply_leaf(uk_record *r, const uk_item *it)
{
  const char *v = it->v[0];
  idt_entity *e = r->e, *s = r->sanction;
  char year[11];
  if (!v || !*v)
    return 0;
  switch (it->kind) {
  case UK_LASTUPDATED: return put_date(r, s, "modifiedAt", "LastUpdated", v);
  case UK_DESIGNATED: return put_date(r, s, "listingDate", "DateDesignated", v);
  case UK_UNREF: return idt_entity_add(s, "unscId", v);
  case UK_REGIME: return idt_entity_add(s, "program", v);
  case UK_IMPOSED: return put_split(s, "provisions", v, "|");
  case UK_OTHERINFO:
  case UK_REASONS: return put(e, "notes", v);
  case UK_NONLATIN: return put(e, "alias", v);
  case UK_TITLE: return put(e, "title", v);
  case UK_PHONE: return put(e, "phone", v);
  case UK_EMAIL: return put_split(e, "email", v, "; ,\t\r\n");
  case UK_WEBSITE: return put(e, "website", v);
  case UK_DOB: return is_person(r) ? add_dob(r, v) : 0;
  case UK_NATIONALITY: return put_country(e, "nationality", "Nationality", v);
  case UK_GENDER: return put_gender(r, v);
  case UK_POSITION: return put(e, "position", v);
  case UK_REGNUM: return put(e, "registrationNumber", v);
  case UK_ENTTYPE: return put(e, "legalForm", v);
  case UK_PARENT: return put_note(r, "Parent company", v);
  case UK_SUBSIDIARY: return put_note(r, "Subsidiary", v);
  case UK_IMO: return put_imo(r, v);
  case UK_OWNER: return put_note(r, "Current owner/operator", v);
  case UK_FLAG: return put_country(e, "flag", "Flag", v);
  case UK_PASTFLAG: return put_country(e, "pastFlags", "Previous flag", v);
  case UK_SHIPTYPE: return put(e, "type", v);
  case UK_YEARBUILT:
    return idt__date_iso(v, strlen(v), year) ? 0 : put(e, "buildDate", year);
  default: return 0;   /* UniqueID, IndividualEntityShip: read before */
  }
}

static int apply_item(uk_record *r, const uk_item *it)
{
  switch (it->kind) {
  case UK_G_NAME: return 0;   /* apply_names */
  case UK_G_ADDRESS: return apply_address(r, it);
  case UK_G_PASSPORT: return apply_passport(r, it);
  case UK_G_NATID: return apply_natid(r, it);
  case UK_G_BIRTH: return apply_birth(r, it);
  default: return apply_leaf(r, it);
  }
}

/* ---- the record ---- */

static const uk_item *first_of(const uk_record *r, int kind)
{
  size_t i;
  for (i = 0; i < r->nitems; i++)
    if (r->items[i]->kind == kind)
      return r->items[i];
  return NULL;
}

static int schema_of(const uk_record *r, const char *uid, const char **out)
{
  const uk_item *t = first_of(r, UK_TYPE);
  const char *v = t ? t->v[0] : "";
  if (!*v)
    return idt_error_set(IDT_EPARSE, "%s:%zu: IndividualEntityShip: missing "
                         "for %s", r->name, r->line, uid);
  if (eq_ci(v, "Individual"))
    *out = "Person";
  else if (eq_ci(v, "Entity"))
    *out = "Organization";
  else if (eq_ci(v, "Ship"))
    *out = "Vessel";
  else
    return idt_error_set(IDT_EPARSE, "%s:%zu: IndividualEntityShip: unknown "
                         "value '%.40s' for %s", r->name, t->line, v, uid);
  return 0;
}

/* The listed entity and its Sanction, from UniqueID and the type. */
static int make_entities(uk_record *r)
{
  const uk_item *u = first_of(r, UK_UNIQUEID);
  const char *uid = u ? u->v[0] : "", *schema = NULL;
  char id[256];
  int rc;
  if (!*uid)
    return idt_error_set(IDT_EPARSE, "%s:%zu: UniqueID: missing in the "
                         "Designation", r->name, r->line);
  if (strlen(uid) > 100)
    return idt_error_set(IDT_EPARSE, "%s:%zu: UniqueID: longer than 100 "
                         "bytes", r->name, u->line);
  if ((rc = schema_of(r, uid, &schema)))
    return rc;
  snprintf(id, sizeof id, "gb-fcdo-%s", uid);
  if ((rc = idt__ingest_entity(&r->e, &r->row, schema, id, uid, r->dataset)))
    return rc;
  snprintf(id, sizeof id, "gb-fcdo-%s-sanction", uid);
  if ((rc = idt__ingest_entity(&r->sanction, &r->row, "Sanction", id, uid,
                               r->dataset)) ||
      (rc = idt_entity_add(r->e, "topics", "sanction")) ||
      (rc = idt_entity_add(r->sanction, "entity", r->e->id)) ||
      (rc = idt_entity_add(r->sanction, "authority", AUTHORITY)) ||
      (rc = idt_entity_add(r->sanction, "authorityId", uid)))
    return rc;
  return 0;
}

int idt__uk_record_end(uk_record *r)
{
  size_t i;
  int rc;
  if ((rc = make_entities(r)) || (rc = apply_names(r)))
    return rc;
  for (i = 0; i < r->nitems; i++)
    if ((rc = apply_item(r, r->items[i])))
      return rc;
  if ((rc = idt__ingest_emit(r->opts, r->e)) ||
      (rc = idt__ingest_emit(r->opts, r->sanction)))
    return rc;
  for (i = 0; i < r->nderived; i++)
    if ((rc = idt__ingest_emit(r->opts, r->derived[i])))
      return rc;
  idt__ingest_listed(r->opts);
  return 0;
}
