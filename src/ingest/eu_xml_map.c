/*
 * eu_xml_map.c - one EU FSF sanctionEntity, collected by eu_xml.c, to FtM:
 * the listed Person/Organization, its Sanction and its documents (see the
 * eu-xml section of docs/formats.md for the table).
 */
#include <string.h>
#include "ingest/eu_xml_int.h"
#include "common/util.h"

typedef idt__eu_node node;
typedef idt__eu eux;

const char *idt__eu_attr(const char **attr, const char *k)
{
  size_t i;
  if (!attr)
    return "";
  for (i = 0; attr[i]; i += 2)
    if (strcmp(attr[i], k) == 0)
      return attr[i + 1];
  return "";
}

static const char *A(const node *n, const char *k)
{
  return idt__eu_attr(n->attr, k);
}

/* The length of s[0..n) cut to at most max bytes on a character
 * boundary, as an int for "%.*s". */
static int clip(const char *s, size_t n, size_t max)
{
  return (int)idt_utf8_prefix(s, n, max);
}

/* out holds cap - 1 bytes cut by snprintf: drop a character left
 * incomplete at the end; the new length. */
static size_t clip_tail(char *out, size_t cap)
{
  size_t o = cap - 1, i = o, k = 0, need;
  unsigned char c;
  while (i && k < 4 && ((unsigned char)out[i - 1] & 0xC0) == 0x80) {
    i--;
    k++;
  }
  if (i) {
    c = (unsigned char)out[i - 1];
    need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (o - (i - 1) < need)
      o = i - 1;
  }
  out[o] = '\0';
  return o;
}

static int is_person(const eux *u)
{
  return idt_schema_is_a(u->e->schema, "Person");
}

static int letter(char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A country from countryIso2Code (two letters; the list writes "00" for
 * unknown), else from countryDescription (not "UNKNOWN") through
 * idt_country_code; NULL when neither gives one. The code is copied into
 * buf (lowercase). */
static const char *country_of(const node *n, char buf[3])
{
  const char *c = A(n, "countryIso2Code"), *d = A(n, "countryDescription");
  if (strlen(c) == 2 && letter(c[0]) && letter(c[1])) {
    buf[0] = (char)(c[0] | 0x20);
    buf[1] = (char)(c[1] | 0x20);
    buf[2] = '\0';
    return buf;
  }
  if (*d && strcmp(d, "UNKNOWN") != 0)
    return idt_country_code(d, strlen(d));
  return NULL;
}

/* The readable country for a joined string (not "UNKNOWN"). */
static const char *country_text(const node *n)
{
  const char *d = A(n, "countryDescription");
  return strcmp(d, "UNKNOWN") == 0 ? "" : d;
}

/* Non-empty parts joined with ", " into out; the length. */
static size_t join(char *out, size_t cap, const char *const *parts, size_t n)
{
  size_t i, o = 0;
  out[0] = '\0';
  for (i = 0; i < n; i++) {
    idt_str t = idt_trim(parts[i], strlen(parts[i]));
    if (!t.len)
      continue;
    o += (size_t)snprintf(out + o, cap - o, "%s%.*s", o ? ", " : "",
                          clip(t.p, t.len, 1000), t.p);
    if (o >= cap) {
      o = clip_tail(out, cap);
      break;
    }
  }
  return o;
}

static int add_if(idt_entity *e, const char *prop, const char *v)
{
  return *v && idt_schema_prop(e->schema, prop) ? idt_entity_add(e, prop, v) : 0;
}

/* The whole name of a nameAlias, or its parts joined. */
static size_t alias_name(const node *n, char *out, size_t cap)
{
  const char *parts[3];
  idt_str w = idt_trim(A(n, "wholeName"), strlen(A(n, "wholeName")));
  size_t i, o = 0;
  if (w.len) {
    snprintf(out, cap, "%.*s", clip(w.p, w.len, cap - 1), w.p);
    return strlen(out);
  }
  parts[0] = A(n, "firstName");
  parts[1] = A(n, "middleName");
  parts[2] = A(n, "lastName");
  out[0] = '\0';
  for (i = 0; i < 3; i++) {
    idt_str t = idt_trim(parts[i], strlen(parts[i]));
    if (!t.len)
      continue;
    o += (size_t)snprintf(out + o, cap - o, "%s%.*s", o ? " " : "",
                          clip(t.p, t.len, 1000), t.p);
    if (o >= cap) {
      o = clip_tail(out, cap);
      break;
    }
  }
  return o;
}

static int name_details(eux *u, const node *n)
{
  const char *g = A(n, "gender"), *fn = A(n, "function");
  char note[1100];
  int rc;
  if (is_person(u)) {
    if ((rc = add_if(u->e, "firstName", A(n, "firstName"))) ||
        (rc = add_if(u->e, "middleName", A(n, "middleName"))) ||
        (rc = add_if(u->e, "lastName", A(n, "lastName"))) ||
        (rc = add_if(u->e, "title", A(n, "title"))) ||
        (rc = add_if(u->e, "position", fn)))
      return rc;
    if (strcmp(g, "M") == 0)
      return idt_entity_add(u->e, "gender", "male");
    if (strcmp(g, "F") == 0)
      return idt_entity_add(u->e, "gender", "female");
    return 0;
  }
  if (!*fn)
    return 0;
  snprintf(note, sizeof note, "Function: %.*s", clip(fn, strlen(fn), 1000), fn);
  return idt_entity_add(u->e, "notes", note);
}

/* nameAlias: the first strong one is the name, other strong ones aliases,
 * strong="false" weak aliases. With no strong name the first weak one is
 * the name (counted as a warning). */
static int map_names(eux *u)
{
  const node *n;
  char full[2048];
  int named = 0, rc;
  for (n = u->first; n; n = n->next) {
    int weak = strcmp(A(n, "strong"), "false") == 0;
    if (n->kind != K_NAME || !alias_name(n, full, sizeof full))
      continue;
    if (!weak) {
      if ((rc = idt_entity_add(u->e, named ? "alias" : "name", full)) ||
          (rc = name_details(u, n)))
        return rc;
      named = 1;
    } else if ((rc = idt_entity_add(u->e, "weakAlias", full))) {
      return rc;
    }
  }
  if (named)
    return 0;
  for (n = u->first; n; n = n->next)
    if (n->kind == K_NAME && alias_name(n, full, sizeof full)) {
      idt__ingest_warn(u->opts, "%s:%zu: %s has only weak names", u->name,
                       u->rec_line, u->e->id);
      return idt_entity_add(u->e, "name", full);
    }
  return idt_error_set(IDT_EPARSE, "%s:%zu: nameAlias: no name for %s",
                       u->name, u->rec_line, u->e->id);
}

/* A whole number of up to 4 digits, or -1. */
static int small_num(const char *s)
{
  int v = 0, i;
  if (!*s)
    return -1;
  for (i = 0; s[i]; i++) {
    if (i == 4 || s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

static int birth_date(eux *u, const node *n)
{
  const char *iso = A(n, "birthdate"), *from = A(n, "yearRangeFrom"),
             *to = A(n, "yearRangeTo"), *year = A(n, "year");
  char buf[64], d[11];
  int m = small_num(A(n, "monthOfYear")), day = small_num(A(n, "dayOfMonth"));
  if (*iso)
    return idt__add_dates(u->e, "birthDate", "DOB", iso, strlen(iso));
  if (*from && *to && strcmp(from, to) != 0) {
    snprintf(buf, sizeof buf, "%.*s to %.*s", clip(from, strlen(from), 20),
             from, clip(to, strlen(to), 20), to);
    return idt__add_dates(u->e, "birthDate", "DOB", buf, strlen(buf));
  }
  if (!*year)
    year = *from ? from : to;
  if (!*year)
    return 0;
  if (m >= 1 && m <= 12 && day >= 1 && day <= 31)
    snprintf(buf, sizeof buf, "%.*s-%02d-%02d", clip(year, strlen(year), 8),
             year, m, day);
  else if (m >= 1 && m <= 12)
    snprintf(buf, sizeof buf, "%.*s-%02d", clip(year, strlen(year), 8), year, m);
  else
    snprintf(buf, sizeof buf, "%.*s", clip(year, strlen(year), 8), year);
  if (idt_date_iso(buf, strlen(buf), d) == 0)
    return idt_entity_add(u->e, "birthDate", d);
  return idt__add_dates(u->e, "birthDate", "DOB", year, strlen(year));
}

static int map_birth(eux *u, const node *n)
{
  const char *parts[4];
  char cc[3];
  const char *code = country_of(n, cc);
  char full[4200];
  int rc;
  if (!is_person(u))
    return 0;
  if ((rc = birth_date(u, n)))
    return rc;
  parts[0] = A(n, "city");
  parts[1] = A(n, "place");
  parts[2] = A(n, "region");
  parts[3] = country_text(n);
  if ((*parts[0] || *parts[1]) && join(full, sizeof full, parts, 4) &&
      (rc = idt_entity_add(u->e, "birthPlace", full)))
    return rc;
  return code ? idt_entity_add(u->e, "birthCountry", code) : 0;
}

static int map_citizen(eux *u, const node *n)
{
  char cc[3];
  const char *code = country_of(n, cc), *d = country_text(n);
  if (code)
    return idt_entity_add(u->e, is_person(u) ? "nationality" : "country", code);
  return idt__add_country(u->e, is_person(u) ? "nationality" : "country",
                          "Citizenship", d, strlen(d));
}

static int map_address(eux *u, const node *n)
{
  const char *parts[7];
  char cc[3];
  const char *code = country_of(n, cc);
  const node *c;
  char full[8000];
  int rc;
  parts[0] = A(n, "street");
  parts[1] = A(n, "poBox");
  parts[2] = A(n, "zipCode");
  parts[3] = A(n, "city");
  parts[4] = A(n, "place");
  parts[5] = A(n, "region");
  parts[6] = country_text(n);
  /* Only a country: the entity's country, not an address. */
  if (join(full, sizeof full, parts, 6) && join(full, sizeof full, parts, 7) &&
      (rc = idt_entity_add(u->e, "address", full)))
    return rc;
  if (code && (rc = idt_entity_add(u->e, "country", code)))
    return rc;
  for (c = n->contacts; c; c = c->next) {
    const char *k = A(c, "key"), *v = A(c, "value");
    const char *prop = strcmp(k, "PHONE") == 0 || strcmp(k, "FAX") == 0
                           ? "phone" : strcmp(k, "EMAIL") == 0 ? "email"
                           : strcmp(k, "WEB") == 0 ? "website" : NULL;
    if (!*v)
      continue;
    if (!prop) {
      idt__ingest_warn(u->opts, "%s:%zu: contactInfo key '%.*s' skipped",
                       u->name, c->line, clip(k, strlen(k), 40), k);
      continue;
    }
    if ((rc = idt_entity_add(u->e, prop, v)))
      return rc;
  }
  return 0;
}

/* The codes of identificationTypeCode that are a person's or company's
 * identity papers: an Identification entity besides idNumber. */
static int national_id(const char *t)
{
  static const char *const ids[] = { "id", "nationcert", "ssn", "NRN",
                                     "residentperm", "drivinglicence",
                                     "birthcert", "electionid",
                                     "travelcardid", NULL };
  size_t i;
  for (i = 0; ids[i]; i++)
    if (strcmp(t, ids[i]) == 0)
      return 1;
  return 0;
}

static int add_derived(eux *u, idt_entity *d)
{
  return idt__entity_push(&u->row, &u->derived, &u->nderived, &u->capderived, d);
}

static int document(eux *u, const node *n, const char *num, int passport)
{
  char cc[3];
  const char *code = country_of(n, cc);
  const char *desc = A(n, "identificationTypeDescription");
  idt_entity *d;
  char id[512];
  size_t i, o;
  int rc;
  o = (size_t)snprintf(id, sizeof id, "%s-doc-", u->e->id);
  for (i = 0; num[i] && o + 1 < sizeof id; i++)
    id[o++] = ((num[i] >= '0' && num[i] <= '9') || (num[i] >= 'A' && num[i] <= 'Z') ||
               (num[i] >= 'a' && num[i] <= 'z')) ? num[i] : '-';
  id[o] = '\0';
  if ((rc = idt__ingest_entity(&d, &u->row, passport ? "Passport"
                                   : "Identification", id, NULL, u->dataset)) ||
      (rc = idt_entity_add(d, "holder", u->e->id)) ||
      (rc = idt_entity_add(d, "number", num)) ||
      (rc = idt_entity_add(d, "type", *desc ? desc : A(n, "identificationTypeCode"))) ||
      (rc = add_if(d, "authority", A(n, "issuedBy"))))
    return rc;
  if (code && (rc = idt_entity_add(d, "country", code)))
    return rc;
  return add_derived(u, d);
}

static int map_id(eux *u, const node *n)
{
  const char *t = A(n, "identificationTypeCode"), *num = A(n, "number");
  const char *latin = A(n, "latinNumber"), *prop = "idNumber";
  int passport = strcmp(t, "passport") == 0 && is_person(u), rc;
  if (!*num)
    num = latin;
  if (!*num)
    return 0;
  if (passport)
    prop = "passportNumber";
  else if (strcmp(t, "swiftbic") == 0)
    prop = "swiftBic";
  else if (strcmp(t, "regnumber") == 0)
    prop = "registrationNumber";
  else if (strcmp(t, "fiscalcode") == 0 || strncmp(t, "tax", 3) == 0)
    prop = "taxNumber";
  else if (strcmp(t, "imo") == 0 && idt_schema_prop(u->e->schema, "imoNumber"))
    prop = "imoNumber";
  if ((rc = idt_entity_add(u->e, prop, num)) ||
      (*latin && strcmp(latin, num) != 0 &&
       (rc = idt_entity_add(u->e, prop, latin))))
    return rc;
  if (passport || national_id(t) || strcmp(t, "passport") == 0)
    return document(u, n, num, passport);
  return 0;
}

/* Every regulation: programme -> program, its publicationUrl -> sourceUrl,
 * the earliest publicationDate -> listingDate. */
static int map_sanction(eux *u)
{
  const node *n;
  char best[11] = "", d[11];
  int rc;
  for (n = u->first; n; n = n->next) {
    const char *pd = A(n, "publicationDate");
    if (n->kind != K_REGULATION)
      continue;
    if ((rc = add_if(u->sanction, "program", A(n, "programme"))) ||
        (n->text && (rc = idt_entity_add(u->sanction, "sourceUrl", n->text))))
      return rc;
    if (strlen(pd) >= 10 && idt_date_iso(pd, 10, d) == 0 &&
        (!*best || strcmp(d, best) < 0))
      memcpy(best, d, sizeof best);
  }
  if (*best && (rc = idt_entity_add(u->sanction, "listingDate", best)))
    return rc;
  if (strlen(u->desig_date) >= 10 && idt_date_iso(u->desig_date, 10, d) == 0 &&
      (rc = idt_entity_add(u->sanction, "startDate", d)))
    return rc;
  if ((rc = add_if(u->sanction, "unscId", u->un_id)) ||
      (rc = add_if(u->sanction, "authorityId", u->eu_ref)) ||
      (rc = add_if(u->sanction, "reason", u->details)) ||
      (rc = idt_entity_add(u->sanction, "authority", "European Union")) ||
      (rc = idt_entity_add(u->sanction, "entity", u->e->id)))
    return rc;
  return 0;
}

static const char *schema_of(eux *u)
{
  const node *n;
  for (n = u->first; n; n = n->next)
    if (n->kind == K_SUBJECT) {
      const char *c = A(n, "code");
      if (strcmp(c, "person") == 0)
        return "Person";
      if (strcmp(c, "enterprise") != 0)
        idt__ingest_warn(u->opts, "%s:%zu: subjectType code '%.*s' read as "
                         "an Organization", u->name, n->line,
                         clip(c, strlen(c), 40), c);
      return "Organization";
    }
  idt__ingest_warn(u->opts, "%s:%zu: eu-%s has no subjectType; read as an "
                   "Organization", u->name, u->rec_line, u->logical);
  return "Organization";
}

static int map_node(eux *u, const node *n)
{
  switch (n->kind) {
  case K_CITIZEN: return map_citizen(u, n);
  case K_BIRTH: return map_birth(u, n);
  case K_ID: return map_id(u, n);
  case K_ADDRESS: return map_address(u, n);
  case K_REMARK: return n->text ? idt_entity_add(u->e, "notes", n->text) : 0;
  default: return 0;
  }
}

int idt__eu_end_record(eux *u)
{
  char id[128];
  const node *n;
  size_t i;
  int rc;
  const char *src = *u->eu_ref ? u->eu_ref : u->logical;
  snprintf(id, sizeof id, "eu-%s", u->logical);
  if ((rc = idt__ingest_entity(&u->e, &u->row, schema_of(u), id, src,
                               u->dataset)))
    return rc;
  snprintf(id, sizeof id, "eu-%s-sanction", u->logical);
  if ((rc = idt__ingest_entity(&u->sanction, &u->row, "Sanction", id, src,
                               u->dataset)) ||
      (rc = idt_entity_add(u->e, "topics", "sanction")) ||
      (rc = map_names(u)))
    return rc;
  for (n = u->first; n; n = n->next)
    if ((rc = map_node(u, n)))
      return rc;
  if ((rc = map_sanction(u)) ||
      (rc = idt__ingest_emit(u->opts, u->e)) ||
      (rc = idt__ingest_emit(u->opts, u->sanction)))
    return rc;
  for (i = 0; i < u->nderived; i++)
    if ((rc = idt__ingest_emit(u->opts, u->derived[i])))
      return rc;
  u->in_record = 0;
  idt__ingest_listed(u->opts);
  return 0;
}
