/*
 * uk_xml.c - the UK Sanctions List (FCDO, UK-Sanctions-List.xml) to FtM
 * entities, streamed through expat.
 *
 * Root <Designations>, one <Designation> per listing. Each becomes a
 * Person (IndividualEntityShip "Individual"), Organization ("Entity") or
 * Vessel ("Ship") with id "gb-fcdo-<UniqueID>" (gb-fcdo-DPR0001),
 * topics=sanction, plus a Sanction "gb-fcdo-<UniqueID>-sanction" and a
 * Passport/Identification per document. docs/formats.md has the mapping.
 *
 * Unlike the UN file, the element that says what a designation is
 * (IndividualEntityShip) comes after its names, and how a name is read
 * depends on it (Name1..Name6 in order for a person, Name6 alone for an
 * entity or a ship). So the parser does not apply values as they arrive:
 * it keeps the record's leaves and small groups (a Name, an Address, a
 * Passport ...) as items in the record's arena, in document order, and
 * applies them when </Designation> closes. The state is still one record,
 * never the document; the alternative, guessing a schema and re-typing the
 * entity later, would have had to undo person-only properties.
 *
 * expat for the reasons given in un_xml.c (memory suite through
 * idt_malloc, byte offsets for errors, no entity expansion attacks).
 * Element names are compared without a namespace prefix.
 */
#include <expat.h>
#include <string.h>
#include "ingest/ingest_int.h"
#include "ingest/uk_xml_int.h"
#include "common/util.h"

/* Leaf elements outside the groups, by local name; the index is the
 * leaf's kind. Elements not named here (OFSIGroupID, DesignationSource,
 * the SanctionsImposedIndicators, tonnage and length) are not mapped. */
static const char *const leaf_names[UK_NLEAF] = {
  [UK_UNIQUEID] = "UniqueID",
  [UK_TYPE] = "IndividualEntityShip",
  [UK_LASTUPDATED] = "LastUpdated",
  [UK_DESIGNATED] = "DateDesignated",
  [UK_UNREF] = "UNReferenceNumber",
  [UK_REGIME] = "RegimeName",
  [UK_IMPOSED] = "SanctionsImposed",
  [UK_OTHERINFO] = "OtherInformation",
  [UK_REASONS] = "UKStatementofReasons",
  [UK_NONLATIN] = "NameNonLatinScript",
  [UK_TITLE] = "Title",
  [UK_PHONE] = "PhoneNumber",
  [UK_EMAIL] = "EmailAddress",
  [UK_WEBSITE] = "Website",
  [UK_DOB] = "DOB",
  [UK_NATIONALITY] = "Nationality",
  [UK_GENDER] = "Gender",
  [UK_POSITION] = "Position",
  [UK_REGNUM] = "BusinessRegistrationNumber",
  [UK_ENTTYPE] = "TypeOfEntity",
  [UK_PARENT] = "ParentCompany",
  [UK_SUBSIDIARY] = "Subsidiary",
  [UK_IMO] = "IMONumber",
  [UK_OWNER] = "CurrentOwnerOperator",
  [UK_FLAG] = "CurrentBelievedFlagOfShip",
  [UK_PASTFLAG] = "PreviousFlag",
  [UK_SHIPTYPE] = "TypeOfShip",
  [UK_YEARBUILT] = "YearBuilt",
};

/* Groups: the element that opens one and its leaves; the index in fields
 * is the slot (item.v). */
static const char *const name_f[] = { "Name1", "Name2", "Name3", "Name4",
                                      "Name5", "Name6", "NameType",
                                      "AliasStrength", NULL };
static const char *const addr_f[] = { "AddressLine1", "AddressLine2",
                                      "AddressLine3", "AddressLine4",
                                      "AddressLine5", "AddressLine6",
                                      "AddressPostalCode", "AddressCountry",
                                      NULL };
static const char *const pass_f[] = { "PassportNumber",
                                      "PassportAdditionalInformation", NULL };
static const char *const natid_f[] = {
  "NationalIdentifierNumber", "NationalIdentifierAdditionalInformation", NULL
};
static const char *const birth_f[] = { "TownOfBirth", "CountryOfBirth", NULL };

static const struct group_def {
  const char *el;
  int kind;
  const char *const *fields;
} groups[] = {
  { "Name", UK_G_NAME, name_f },
  { "Address", UK_G_ADDRESS, addr_f },
  { "Passport", UK_G_PASSPORT, pass_f },
  { "NationalIdentifier", UK_G_NATID, natid_f },
  { "Location", UK_G_BIRTH, birth_f },
};

typedef struct ukx {
  uk_record r;                 /* the record being read (uk_xml_map.c) */
  XML_Parser xp;
  int depth, rec_depth, in_record;
  const struct group_def *grp; /* open group, or NULL */
  int grp_depth;
  uk_item *cur;                /* the open group's item */
  idt_buf text;
  int rc;
} ukx;

static int fail(ukx *u, int rc)
{
  if (!u->rc) {
    u->rc = rc;
    XML_StopParser(u->xp, XML_FALSE);
  }
  return rc;
}

static const char *local(const char *el)
{
  const char *c = strrchr(el, ':');
  return c ? c + 1 : el;
}

static unsigned long line_now(const ukx *u)
{
  return (unsigned long)XML_GetCurrentLineNumber(u->xp);
}

static uk_item *new_item(ukx *u, int kind)
{
  uk_record *r = &u->r;
  uk_item *it;
  if (r->nitems == r->capitems) {
    size_t ncap = r->capitems ? r->capitems * 2 : 32;
    uk_item **n = idt_arena_alloc(&r->row, ncap * sizeof *n);
    if (!n)
      return NULL;
    if (r->nitems)
      memcpy(n, r->items, r->nitems * sizeof *n);
    r->items = n;
    r->capitems = ncap;
  }
  if (!(it = idt_arena_alloc(&r->row, sizeof *it)))
    return NULL;
  memset(it, 0, sizeof *it);
  it->kind = kind;
  it->line = (size_t)line_now(u);
  r->items[r->nitems++] = it;
  return it;
}

static void begin_record(ukx *u)
{
  idt__uk_record_reset(&u->r);
  u->r.line = (size_t)line_now(u);
  u->in_record = 1;
  u->rec_depth = u->depth;
  u->grp = NULL;
  u->cur = NULL;
}

static int check_root(ukx *u, const char *el)
{
  if (strcmp(local(el), "Designations") == 0)
    return 0;
  return idt_error_set(IDT_EPARSE, "%s:%lu:%lu: byte offset %ld: root element "
                       "<%.64s>, expected <Designations>", u->r.name,
                       line_now(u),
                       (unsigned long)XML_GetCurrentColumnNumber(u->xp) + 1,
                       (long)XML_GetCurrentByteIndex(u->xp), el);
}

static void XMLCALL on_start(void *data, const XML_Char *el,
                             const XML_Char **attr)
{
  ukx *u = data;
  const char *ln = local(el);
  size_t i;
  int rc = 0;
  (void)attr;
  if (u->rc)
    return;
  u->depth++;
  idt_buf_clear(&u->text);
  if (u->depth == 1) {
    rc = check_root(u, el);
  } else if (!u->in_record) {
    if (u->depth == 2 && strcmp(ln, "Designation") == 0)
      begin_record(u);
  } else if (!u->grp) {
    for (i = 0; i < sizeof groups / sizeof groups[0]; i++)
      if (strcmp(ln, groups[i].el) == 0) {
        if (!(u->cur = new_item(u, groups[i].kind)))
          rc = IDT_ENOMEM;
        u->grp = &groups[i];
        u->grp_depth = u->depth;
        break;
      }
  }
  if (rc)
    fail(u, rc);
}

/* A leaf closed inside the record: a group's field or a known leaf. */
static int end_leaf(ukx *u, const char *ln)
{
  idt_str t = idt_trim(u->text.p ? u->text.p : "", u->text.len);
  const char *const *f;
  uk_item *it;
  char *v;
  int i;
  if (u->grp) {
    for (f = u->grp->fields, i = 0; f[i] && i < UK_NSLOT; i++)
      if (strcmp(ln, f[i]) == 0 && !u->cur->v[i]) {
        if (!(u->cur->v[i] = idt_arena_strndup(&u->r.row, t.p, t.len)))
          return IDT_ENOMEM;
        break;
      }
    return 0;
  }
  for (i = 0; i < UK_NLEAF; i++)
    if (strcmp(ln, leaf_names[i]) == 0) {
      if (!(v = idt_arena_strndup(&u->r.row, t.p, t.len)) ||
          !(it = new_item(u, i)))
        return IDT_ENOMEM;
      it->v[0] = v;
      return 0;
    }
  return 0;
}

static void XMLCALL on_end(void *data, const XML_Char *el)
{
  ukx *u = data;
  int rc = 0;
  if (u->rc)
    return;
  if (u->in_record) {
    if (u->depth == u->rec_depth) {
      rc = idt__uk_record_end(&u->r);
      u->in_record = 0;
    } else if (u->grp && u->depth == u->grp_depth) {
      u->grp = NULL;
      u->cur = NULL;
    } else {
      rc = end_leaf(u, local(el));
    }
  }
  idt_buf_clear(&u->text);
  u->depth--;
  if (rc)
    fail(u, rc);
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
  ukx *u = data;
  int rc;
  if (u->rc || !u->in_record || len <= 0)
    return;
  if ((rc = idt__xml_text(&u->text, u->r.name, line_now(u), s, len)))
    fail(u, rc);
}

static void *xml_malloc(size_t n) { return idt_malloc(n); }
static void *xml_realloc(void *p, size_t n) { return idt_realloc(p, n); }
static void xml_free(void *p) { idt_free(p); }

/* Feed the document in 256 KiB pieces (for progress); 0 or the error. */
static int feed(ukx *u, idt_mem xml)
{
  size_t pos = 0, step = (size_t)256 << 10;
  const char *base = xml.p ? xml.p : "";
  enum XML_Status st;
  enum XML_Error err;
  do {
    size_t len = xml.n - pos < step ? xml.n - pos : step;
    st = XML_Parse(u->xp, base + pos, (int)len, pos + len == xml.n);
    pos += len;
    if (st != XML_STATUS_ERROR)
      idt__ingest_progress(u->r.opts, pos, xml.n);
  } while (st != XML_STATUS_ERROR && pos < xml.n);
  if (u->rc)
    return u->rc;
  if (st != XML_STATUS_ERROR)
    return 0;
  err = XML_GetErrorCode(u->xp);
  return idt_error_set(err == XML_ERROR_NO_MEMORY ? IDT_ENOMEM : IDT_EPARSE,
                       "%s:%lu:%lu: byte offset %ld: XML: %s", u->r.name,
                       line_now(u),
                       (unsigned long)XML_GetCurrentColumnNumber(u->xp) + 1,
                       (long)XML_GetCurrentByteIndex(u->xp),
                       XML_ErrorString(err));
}

int idt_ingest_uk_xml_mem(const char *name, idt_mem xml,
                          const idt_ingest_opts *opts)
{
  static const XML_Memory_Handling_Suite ms = { xml_malloc, xml_realloc,
                                                xml_free };
  ukx *u;
  int rc = 0;
  if (!opts || !opts->emit)
    return idt_error_set(IDT_EINVAL, "uk-xml: an emit callback is required");
  if (!name)
    name = "uk.xml";
  if (xml.n > (size_t)INT32_MAX)
    return idt_error_set(IDT_ELIMIT, "%s: larger than 2 GB", name);
  if (!(u = idt_calloc(1, sizeof *u)))
    return IDT_ENOMEM;
  u->r.opts = opts;
  u->r.name = name;
  u->r.dataset = idt__ingest_dataset(opts, "gb_fcdo_sanctions");
  idt_arena_init(&u->r.row);
  idt_buf_init(&u->text, (size_t)1 << 20);
  if (!(u->xp = XML_ParserCreate_MM(NULL, &ms, NULL))) {
    rc = idt_error_set(IDT_ENOMEM, "%s: cannot create the XML parser", name);
    goto out;
  }
  XML_SetUserData(u->xp, u);
  XML_SetElementHandler(u->xp, on_start, on_end);
  XML_SetCharacterDataHandler(u->xp, on_text);
  rc = feed(u, xml);
  if (!rc && u->in_record)
    rc = idt_error_set(IDT_EPARSE, "%s:%zu: Designation not closed", name,
                       u->r.line);
out:
  if (u->xp)
    XML_ParserFree(u->xp);
  idt_buf_free(&u->text);
  idt_arena_free(&u->r.row);
  idt_free(u);
  return rc;
}

int idt_ingest_uk_xml(const char *path, const idt_ingest_opts *opts)
{
  return idt__ingest_file(path, "uk-xml", idt_ingest_uk_xml_mem, opts);
}
