/*
 * un_xml.c - the UN Security Council consolidated list (sc-sanctions.xsd)
 * to FtM entities, streamed through expat.
 *
 * Each INDIVIDUAL becomes a Person and each ENTITY an Organization with id
 * "un-<REFERENCE_NUMBER>" (un-KPi.001), topics=sanction, plus a Sanction
 * (authority, program = UN_LIST_TYPE regime, listingDate, unscId) and a
 * Passport/Identification per document. Sub-records (aliases, addresses,
 * dates and places of birth, documents) are small fixed groups of leaf
 * elements: their text is collected into slots and applied when the group
 * closes, so the parser state is one record, never the whole document.
 *
 * expat (Debian libexpat1) rather than libxml2: a SAX parser with a
 * memory-handling suite (so allocations go through idt_malloc and the OOM
 * sweep reaches them), declared-encoding handling, byte offsets for errors,
 * and protection against entity expansion attacks since 2.4. A DOM would
 * hold the 2 MB file as ~10^5 nodes for no gain.
 */
#include <expat.h>
#include <string.h>
#include "ingest/ingest_int.h"
#include "common/util.h"

enum group { G_NONE, G_ALIAS, G_ADDRESS, G_DOB, G_POB, G_DOC, G_VALUE };
enum { NSLOT = 12 };

/* Leaf element names per group; the index is the slot. */
static const char *const alias_f[] = { "QUALITY", "ALIAS_NAME", NULL };
static const char *const addr_f[] = { "STREET", "CITY", "STATE_PROVINCE",
                                      "ZIP_CODE", "COUNTRY", "NOTE", NULL };
static const char *const dob_f[] = { "TYPE_OF_DATE", "DATE", "YEAR",
                                     "FROM_YEAR", "TO_YEAR", "NOTE", NULL };
static const char *const pob_f[] = { "CITY", "STATE_PROVINCE", "COUNTRY",
                                     "NOTE", NULL };
static const char *const doc_f[] = { "TYPE_OF_DOCUMENT", "NUMBER",
                                     "ISSUING_COUNTRY", "COUNTRY_OF_ISSUE",
                                     "DATE_OF_ISSUE", "TYPE_OF_DOCUMENT2",
                                     "NOTE", NULL };

typedef struct unx {
  const idt_ingest_opts *opts;
  const char *name, *dataset;
  XML_Parser xp;
  idt_arena row;
  idt_entity *e, *sanction;
  idt_entity **derived;
  size_t nderived, capderived;
  int in_record, depth, rec_depth;
  enum group group;
  const char *const *fields;
  char *slot[NSLOT];
  char value_of[32];          /* NATIONALITY, DESIGNATION, TITLE ... */
  char *names[4];             /* FIRST..FOURTH_NAME */
  idt_buf text;
  size_t rec_line;
  int rc;
} unx;

static int fail(unx *u, int rc)
{
  if (!u->rc) {
    u->rc = rc;
    XML_StopParser(u->xp, XML_FALSE);
  }
  return rc;
}

static int add_derived(unx *u, idt_entity *d)
{
  return idt__entity_push(&u->row, &u->derived, &u->nderived, &u->capderived, d);
}

static const char *S(const unx *u, int i)
{
  return u->slot[i] ? u->slot[i] : "";
}

static int begin_record(unx *u, const char *schema)
{
  int rc;
  idt_arena_free(&u->row);
  u->nderived = u->capderived = 0;
  u->derived = NULL;
  memset(u->names, 0, sizeof u->names);
  u->rec_line = (size_t)XML_GetCurrentLineNumber(u->xp);
  /* The id arrives with REFERENCE_NUMBER; until then a placeholder. */
  if ((rc = idt__ingest_entity(&u->e, &u->row, schema, "un-?", NULL,
                               u->dataset)) ||
      (rc = idt__ingest_entity(&u->sanction, &u->row, "Sanction", "un-?",
                               NULL, u->dataset)) ||
      (rc = idt_entity_add(u->e, "topics", "sanction")) ||
      (rc = idt_entity_add(u->sanction, "authority",
                           "United Nations Security Council")))
    return rc;
  u->in_record = 1;
  u->rec_depth = u->depth;
  return 0;
}

static int set_ref(unx *u, const char *ref)
{
  char id[256];
  int rc;
  if (!*ref || strlen(ref) > 100)
    return idt_error_set(IDT_EPARSE, "%s:%lu: REFERENCE_NUMBER: empty or too "
                         "long", u->name,
                         (unsigned long)XML_GetCurrentLineNumber(u->xp));
  snprintf(id, sizeof id, "un-%s", ref);
  if (!(u->e->id = idt_arena_strdup(&u->row, id)))
    return IDT_ENOMEM;
  snprintf(id, sizeof id, "un-%s-sanction", ref);
  if (!(u->sanction->id = idt_arena_strdup(&u->row, id)))
    return IDT_ENOMEM;
  if ((rc = idt_entity_set_source(u->e, ref, NULL)) ||
      (rc = idt_entity_set_source(u->sanction, ref, NULL)) ||
      (rc = idt_entity_add(u->sanction, "unscId", ref)))
    return rc;
  return 0;
}

static int is_person(const unx *u)
{
  return idt_schema_is_a(u->e->schema, "Person");
}

/* "IMO number: 5342883", "(IMO) Number: 1790183", "IMO 5434358"; and
 * "SWIFT/BIC: KUDBKPPY" (KPe.033 and other DPRK banks). */
static int comment_imos(unx *u, const char *s)
{
  const char *p = s;
  int rc;
  while ((p = strstr(p, "SWIFT/BIC"))) {
    const char *q = p + 9;
    size_t n = 0;
    while (*q == ':' || *q == ' ')
      q++;
    while ((q[n] >= 'A' && q[n] <= 'Z') || (q[n] >= '0' && q[n] <= '9'))
      n++;
    if ((n == 8 || n == 11) && idt_schema_prop(u->e->schema, "swiftBic") &&
        (rc = idt__add(u->e, "swiftBic", q, n)))
      return rc;
    p += 9;
  }
  p = s;
  while ((p = strstr(p, "IMO"))) {
    const char *q = p + 3;
    size_t skip = 0, n = 0;
    while (*q && (*q < '0' || *q > '9') && skip < 16) {
      q++;
      skip++;
    }
    while (q[n] >= '0' && q[n] <= '9')
      n++;
    if (n == 7 && idt_schema_prop(u->e->schema, "imoNumber") &&
        (rc = idt__add(u->e, "imoNumber", q, 7)))
      return rc;
    p += 3;
  }
  return 0;
}

static int end_record(unx *u)
{
  char full[1024];
  size_t i, o = 0;
  int rc;
  if (strcmp(u->e->id, "un-?") == 0)
    return idt_error_set(IDT_EPARSE, "%s:%zu: REFERENCE_NUMBER: missing in "
                         "the record", u->name, u->rec_line);
  for (i = 0; i < 4; i++) {
    if (!u->names[i] || !*u->names[i])
      continue;
    o += (size_t)snprintf(full + o, sizeof full - o, "%s%s", o ? " " : "",
                          u->names[i]);
    if (o >= sizeof full)
      o = sizeof full - 1;
  }
  if (o == 0)
    return idt_error_set(IDT_EPARSE, "%s:%zu: FIRST_NAME: missing for %s",
                         u->name, u->rec_line, u->e->id);
  if ((rc = idt_entity_add(u->e, "name", full)) ||
      (rc = idt_entity_add(u->sanction, "entity", u->e->id)))
    return rc;
  if ((rc = idt__ingest_emit(u->opts, u->e)) ||
      (rc = idt__ingest_emit(u->opts, u->sanction)))
    return rc;
  for (i = 0; i < u->nderived; i++)
    if ((rc = idt__ingest_emit(u->opts, u->derived[i])))
      return rc;
  u->in_record = 0;
  idt__ingest_listed(u->opts);
  return 0;
}

static int join(char *out, size_t cap, const unx *u, const int *idx, size_t n)
{
  size_t i, o = 0;
  out[0] = '\0';
  for (i = 0; i < n; i++) {
    const char *v = S(u, idx[i]);
    if (!*v)
      continue;
    o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? ", " : "", v);
    if (o >= cap)
      o = cap - 1;
  }
  return (int)o;
}

static int end_alias(unx *u)
{
  const char *q = S(u, 0), *prop = "alias", *v = S(u, 1);
  size_t n = strlen(v);
  if (!n)
    return 0;
  if (strcmp(q, "Low") == 0)
    prop = "weakAlias";
  else if (strcmp(q, "f.k.a.") == 0)
    prop = "previousName";
  /* Acronyms come quoted: "KOMID". */
  if (n > 2 && v[0] == '"' && v[n - 1] == '"')
    return idt__add(u->e, prop, v + 1, n - 2);
  return idt_entity_add(u->e, prop, v);
}

static int end_address(unx *u)
{
  static const int idx[] = { 0, 1, 2, 3, 4 };
  char full[2048];
  const char *code = idt__country_code(S(u, 4), strlen(S(u, 4)));
  int rc;
  /* Only a country: that is the entity's country, not an address. */
  if ((*S(u, 0) || *S(u, 1) || *S(u, 2)) && join(full, sizeof full, u, idx, 5) &&
      (rc = idt_entity_add(u->e, "address", full)))
    return rc;
  if (code)
    return idt_entity_add(u->e, "country", code);
  return 0;
}

static int end_dob(unx *u)
{
  char range[64];
  if (!is_person(u))
    return 0;
  if (*S(u, 3) && *S(u, 4)) {
    snprintf(range, sizeof range, "%.20s to %.20s", S(u, 3), S(u, 4));
    return idt__add_dates(u->e, "birthDate", "DOB", range, strlen(range));
  }
  if (*S(u, 1))
    return idt__add_dates(u->e, "birthDate", "DOB", S(u, 1), strlen(S(u, 1)));
  if (*S(u, 2))
    return idt__add_dates(u->e, "birthDate", "DOB", S(u, 2), strlen(S(u, 2)));
  return 0;
}

static int end_pob(unx *u)
{
  static const int idx[] = { 0, 1, 2 };
  char full[2048];
  const char *code = idt__country_code(S(u, 2), strlen(S(u, 2)));
  int rc;
  if (!is_person(u))
    return 0;
  if (join(full, sizeof full, u, idx, 3) &&
      (rc = idt_entity_add(u->e, "birthPlace", full)))
    return rc;
  return code ? idt_entity_add(u->e, "birthCountry", code) : 0;
}

static int end_doc(unx *u)
{
  const char *type = S(u, 0), *num = S(u, 1);
  const char *ctry = *S(u, 2) ? S(u, 2) : S(u, 3), *code;
  int passport = strstr(type, "assport") || strstr(type, "asaporte") ||
                 strstr(type, "asseport");
  const char *prop = passport && is_person(u) ? "passportNumber" : "idNumber";
  idt_entity *d;
  char id[512];
  size_t i, o;
  int rc;
  if (!*num)
    return 0;
  if ((rc = idt_entity_add(u->e, prop, num)))
    return rc;
  o = (size_t)snprintf(id, sizeof id, "%s-doc-", u->e->id);
  for (i = 0; num[i] && o + 1 < sizeof id; i++)
    id[o++] = ((num[i] >= '0' && num[i] <= '9') || (num[i] >= 'A' && num[i] <= 'Z') ||
               (num[i] >= 'a' && num[i] <= 'z')) ? num[i] : '-';
  id[o] = '\0';
  if ((rc = idt__ingest_entity(&d, &u->row, passport && is_person(u)
                                   ? "Passport" : "Identification",
                               id, NULL, u->dataset)) ||
      (rc = idt_entity_add(d, "holder", u->e->id)) ||
      (rc = idt_entity_add(d, "number", num)) ||
      (rc = idt_entity_add(d, "type", type)))
    return rc;
  if ((code = idt__country_code(ctry, strlen(ctry))) &&
      (rc = idt_entity_add(d, "country", code)))
    return rc;
  if (*S(u, 4) && (rc = idt__add_dates(d, "startDate", "issued", S(u, 4),
                                       strlen(S(u, 4)))))
    return rc;
  return add_derived(u, d);
}

/* A VALUE inside NATIONALITY, DESIGNATION, TITLE (others ignored). */
static int end_value(unx *u, const char *v)
{
  const char *code;
  if (!*v)
    return 0;
  if (strcmp(u->value_of, "NATIONALITY") == 0) {
    if (!is_person(u))
      return 0;
    code = idt__country_code(v, strlen(v));
    return code ? idt_entity_add(u->e, "nationality", code)
                : idt__add_country(u->e, "nationality", "Nationality", v,
                                   strlen(v));
  }
  if (strcmp(u->value_of, "DESIGNATION") == 0 && is_person(u))
    return idt_entity_add(u->e, "position", v);
  if (strcmp(u->value_of, "TITLE") == 0 && is_person(u))
    return idt_entity_add(u->e, "title", v);
  return 0;
}

static int leaf(unx *u, const char *el, const char *v)
{
  static const char *const nm[4] = { "FIRST_NAME", "SECOND_NAME",
                                     "THIRD_NAME", "FOURTH_NAME" };
  static const char *const parts[4] = { "firstName", "secondName",
                                        "middleName", "middleName" };
  char d[11];
  int i;
  for (i = 0; i < 4; i++)
    if (strcmp(el, nm[i]) == 0) {
      if (!(u->names[i] = idt_arena_strdup(&u->row, v)))
        return IDT_ENOMEM;
      return is_person(u) ? idt_entity_add(u->e, parts[i], v) : 0;
    }
  if (strcmp(el, "REFERENCE_NUMBER") == 0)
    return set_ref(u, v);
  if (strcmp(el, "UN_LIST_TYPE") == 0)
    return idt_entity_add(u->sanction, "program", v);
  if (strcmp(el, "LISTED_ON") == 0)
    return strlen(v) >= 10 && idt__date_iso(v, 10, d) == 0
               ? idt_entity_add(u->sanction, "listingDate", d) : 0;
  if (strcmp(el, "NAME_ORIGINAL_SCRIPT") == 0)
    return idt_entity_add(u->e, "alias", v);
  if (strcmp(el, "GENDER") == 0 && is_person(u)) {
    if (strcmp(v, "Male") == 0)
      return idt_entity_add(u->e, "gender", "male");
    if (strcmp(v, "Female") == 0)
      return idt_entity_add(u->e, "gender", "female");
    return 0;
  }
  if (strcmp(el, "COMMENTS1") == 0) {
    int rc = idt_entity_add(u->e, "notes", v);
    return rc ? rc : comment_imos(u, v);
  }
  return 0;
}

static void XMLCALL on_start(void *data, const XML_Char *el,
                             const XML_Char **attr)
{
  unx *u = data;
  int rc = 0;
  (void)attr;
  if (u->rc)
    return;
  u->depth++;
  idt_buf_clear(&u->text);
  if (!u->in_record) {
    if (strcmp(el, "INDIVIDUAL") == 0)
      rc = begin_record(u, "Person");
    else if (strcmp(el, "ENTITY") == 0)
      rc = begin_record(u, "Organization");
  } else if (u->group == G_NONE && u->depth == u->rec_depth + 1) {
    const char *const *f = NULL;
    enum group g = G_NONE;
    if (strcmp(el, "INDIVIDUAL_ALIAS") == 0 || strcmp(el, "ENTITY_ALIAS") == 0)
      g = G_ALIAS, f = alias_f;
    else if (strcmp(el, "INDIVIDUAL_ADDRESS") == 0 ||
             strcmp(el, "ENTITY_ADDRESS") == 0)
      g = G_ADDRESS, f = addr_f;
    else if (strcmp(el, "INDIVIDUAL_DATE_OF_BIRTH") == 0)
      g = G_DOB, f = dob_f;
    else if (strcmp(el, "INDIVIDUAL_PLACE_OF_BIRTH") == 0)
      g = G_POB, f = pob_f;
    else if (strcmp(el, "INDIVIDUAL_DOCUMENT") == 0)
      g = G_DOC, f = doc_f;
    else if (strcmp(el, "NATIONALITY") == 0 || strcmp(el, "DESIGNATION") == 0 ||
             strcmp(el, "TITLE") == 0) {
      g = G_VALUE;
      snprintf(u->value_of, sizeof u->value_of, "%s", el);
    }
    u->group = g;
    u->fields = f;
    memset(u->slot, 0, sizeof u->slot);
  }
  if (rc)
    fail(u, rc);
}

static int group_end(unx *u)
{
  switch (u->group) {
  case G_ALIAS: return end_alias(u);
  case G_ADDRESS: return end_address(u);
  case G_DOB: return end_dob(u);
  case G_POB: return end_pob(u);
  case G_DOC: return end_doc(u);
  default: return 0;
  }
}

static void XMLCALL on_end(void *data, const XML_Char *el)
{
  unx *u = data;
  idt_str t;
  char *v;
  int rc = 0, i;
  if (u->rc)
    return;
  if (!u->in_record) {
    u->depth--;
    return;
  }
  if (u->depth == u->rec_depth) {
    rc = end_record(u);
  } else if (u->depth == u->rec_depth + 1) {
    if (u->group != G_NONE && u->group != G_VALUE) {
      rc = group_end(u);
    } else if (u->group == G_NONE) {
      t = idt_trim(u->text.p ? u->text.p : "", u->text.len);
      if (!(v = idt_arena_strndup(&u->row, t.p, t.len)))
        rc = IDT_ENOMEM;
      else
        rc = leaf(u, el, v);
    }
    u->group = G_NONE;
  } else if (u->depth == u->rec_depth + 2) {
    t = idt_trim(u->text.p ? u->text.p : "", u->text.len);
    if (!(v = idt_arena_strndup(&u->row, t.p, t.len))) {
      rc = IDT_ENOMEM;
    } else if (u->group == G_VALUE) {
      if (strcmp(el, "VALUE") == 0)
        rc = end_value(u, v);
    } else if (u->fields) {
      for (i = 0; u->fields[i] && i < NSLOT; i++)
        if (strcmp(el, u->fields[i]) == 0)
          u->slot[i] = v;
    }
  }
  idt_buf_clear(&u->text);
  u->depth--;
  if (rc)
    fail(u, rc);
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
  unx *u = data;
  int rc;
  if (u->rc || !u->in_record || len <= 0)
    return;
  if ((rc = idt__xml_text(&u->text, u->name,
                          (unsigned long)XML_GetCurrentLineNumber(u->xp), s, len)))
    fail(u, rc);
}

static void *xml_malloc(size_t n) { return idt_malloc(n); }
static void *xml_realloc(void *p, size_t n) { return idt_realloc(p, n); }
static void xml_free(void *p) { idt_free(p); }

int idt_ingest_un_xml_mem(const char *name, idt_mem xml,
                          const idt_ingest_opts *opts)
{
  static const XML_Memory_Handling_Suite ms = { xml_malloc, xml_realloc,
                                                xml_free };
  unx *u;
  int rc = 0;
  if (!opts || !opts->emit)
    return idt_error_set(IDT_EINVAL, "un-xml: an emit callback is required");
  if (!name)
    name = "un.xml";
  if (!(u = idt_calloc(1, sizeof *u)))
    return IDT_ENOMEM;
  u->opts = opts;
  u->name = name;
  u->dataset = idt__ingest_dataset(opts, "un_sc_sanctions");
  idt_arena_init(&u->row);
  idt_buf_init(&u->text, (size_t)1 << 20);
  if (!(u->xp = XML_ParserCreate_MM(NULL, &ms, NULL))) {
    rc = idt_error_set(IDT_ENOMEM, "%s: cannot create the XML parser", name);
    goto out;
  }
  XML_SetUserData(u->xp, u);
  XML_SetElementHandler(u->xp, on_start, on_end);
  XML_SetCharacterDataHandler(u->xp, on_text);
  if (xml.n > (size_t)INT32_MAX) {
    rc = idt_error_set(IDT_ELIMIT, "%s: larger than 2 GB", name);
    goto out;
  }
  {
    /* Fed in 256 KiB pieces so progress can be reported. */
    size_t pos = 0, step = (size_t)256 << 10;
    const char *base = xml.p ? xml.p : "";
    enum XML_Status st = XML_STATUS_OK;
    do {
      size_t len = xml.n - pos < step ? xml.n - pos : step;
      int last = pos + len == xml.n;
      st = XML_Parse(u->xp, base + pos, (int)len, last);
      pos += len;
      if (st != XML_STATUS_ERROR)
        idt__ingest_progress(opts, pos, xml.n);
    } while (st != XML_STATUS_ERROR && pos < xml.n);
    if (st == XML_STATUS_ERROR && !u->rc) {
      enum XML_Error err = XML_GetErrorCode(u->xp);
      rc = idt_error_set(err == XML_ERROR_NO_MEMORY ? IDT_ENOMEM : IDT_EPARSE,
                         "%s:%lu:%lu: byte offset %ld: XML: %s", name,
                         (unsigned long)XML_GetCurrentLineNumber(u->xp),
                         (unsigned long)XML_GetCurrentColumnNumber(u->xp) + 1,
                         (long)XML_GetCurrentByteIndex(u->xp),
                         XML_ErrorString(err));
    }
  }
  if (u->rc)
    rc = u->rc;
  if (!rc && u->in_record)
    rc = idt_error_set(IDT_EPARSE, "%s:%zu: record %s not closed", name,
                       u->rec_line, u->e ? u->e->id : "?");
out:
  if (u->xp)
    XML_ParserFree(u->xp);
  idt_buf_free(&u->text);
  idt_arena_free(&u->row);
  idt_free(u);
  return rc;
}

int idt_ingest_un_xml(const char *path, const idt_ingest_opts *opts)
{
  return idt__ingest_file(path, "un-xml", idt_ingest_un_xml_mem, opts);
}
