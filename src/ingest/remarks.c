/*
 * remarks.c - OFAC's free-text "remarks" column to FtM properties.
 *
 * The legacy CSV packs everything that is not a name into one field:
 * "DOB 08 Jan 1984; alt. DOB 1985; POB Pyongyang; nationality Korea, North;
 * Passport 472220033 (Korea, North) expires 20 Mar 2018; Linked To: X." The
 * text is split on "; ", an "alt. " prefix dropped, and each segment
 * dispatched on its leading label through one table (label, handler,
 * property), as the OFAC data dictionary names them. What no row of the
 * table claims is kept verbatim in `notes`, so nothing the list says is lost
 * and new labels show up in the store instead of vanishing.
 *
 * Alternative rejected: regular expressions over the whole remark (what
 * several open-source loaders do). Labels are fixed strings at segment
 * starts, so a prefix table is faster, has no backtracking on hostile
 * input, and each row is one reviewable line.
 *
 * Derived entities (documents as Passport/Identification, digital currency
 * addresses as CryptoWallet) are collected in r->derived and emitted by the
 * caller after the listed entity; "Linked To" names go to r->link because
 * they can only be resolved once every primary name of the file is known.
 */
#include <string.h>
#include "ingest/ingest_int.h"
#include "common/util.h"

typedef int (*seg_fn)(idt__remarks *r, const char *prop, idt_str v,
                      idt_str seg);

typedef struct label {
  const char *prefix;     /* segment start, "alt. " already removed */
  size_t len;             /* strlen(prefix), from sizeof at compile time */
  seg_fn fn;
  const char *prop;
} label;

#define L(s) s, sizeof(s) - 1

static int has_prop(const idt_entity *e, const char *prop)
{
  return idt_schema_prop(e->schema, prop) != NULL;
}

static int is_person(const idt_entity *e)
{
  return idt_schema_is_a(e->schema, "Person");
}

static int note(idt__remarks *r, idt_str seg)
{
  return idt__add(r->e, "notes", seg.p, seg.len);
}

/* Add to prop when the schema has it, else keep the segment as a note. */
static int put(idt__remarks *r, const char *prop, idt_str v, idt_str seg)
{
  if (!has_prop(r->e, prop))
    return note(r, seg);
  return idt__add(r->e, prop, v.p, v.len);
}

static const char *find(idt_str s, const char *needle)
{
  size_t k = strlen(needle);
  const char *p = s.p, *end = s.p + s.len;
  while (k && (size_t)(end - p) >= k &&
         (p = memchr(p, needle[0], (size_t)(end - p) - k + 1))) {
    if (memcmp(p, needle, k) == 0)
      return p;
    p++;
  }
  return NULL;
}

static int add_derived(idt__remarks *r, idt_entity *d)
{
  if (r->nderived == r->capderived) {
    size_t ncap = r->capderived ? r->capderived * 2 : 8;
    idt_entity **nd = idt_arena_alloc(r->arena, ncap * sizeof *nd);
    if (!nd)
      return IDT_ENOMEM;
    if (r->nderived)
      memcpy(nd, r->derived, r->nderived * sizeof *nd);
    r->derived = nd;
    r->capderived = ncap;
  }
  r->derived[r->nderived++] = d;
  return 0;
}

/* Id-safe copy of a value: alnum kept, the rest as '-'. */
static void slug(char *out, size_t cap, idt_str v)
{
  size_t i, o = 0;
  for (i = 0; i < v.len && o + 1 < cap; i++) {
    char c = v.p[i];
    int ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
             (c >= 'A' && c <= 'Z');
    out[o++] = ok ? c : '-';
  }
  out[o] = '\0';
}

static int seg_dates(idt__remarks *r, const char *prop, idt_str v, idt_str seg)
{
  if (!has_prop(r->e, prop))
    return note(r, seg);
  return idt__add_dates(r->e, prop, prop, v.p, v.len);
}

static int seg_pob(idt__remarks *r, const char *prop, idt_str v, idt_str seg)
{
  const char *code = NULL;
  size_t i, commas = 0;
  int rc;
  if ((rc = put(r, prop, v, seg)) || !has_prop(r->e, "birthCountry"))
    return rc;
  /* The country is the last comma part, or the last two ("Korea, North"). */
  for (i = v.len; i > 0 && !code && commas < 2; i--)
    if (v.p[i - 1] == ',') {
      commas++;
      code = idt__country_code(v.p + i, v.len - i);
    }
  if (!code)
    code = idt__country_code(v.p, v.len);
  return code ? idt_entity_add(r->e, "birthCountry", code) : 0;
}

/* nationality / citizen: Person property, else the entity's country. */
static int seg_country(idt__remarks *r, const char *prop, idt_str v,
                       idt_str seg)
{
  const char *code = idt__country_code(v.p, v.len);
  (void)seg;
  if (!has_prop(r->e, prop))
    prop = "country";
  if (!code)
    return idt__add_country(r->e, prop, prop, v.p, v.len);
  return idt_entity_add(r->e, prop, code);
}

static int seg_gender(idt__remarks *r, const char *prop, idt_str v, idt_str seg)
{
  if (!has_prop(r->e, prop))
    return note(r, seg);
  if (idt_startswith_ci(v.p, v.len, "male") && v.len == 4)
    return idt_entity_add(r->e, prop, "male");
  if (idt_startswith_ci(v.p, v.len, "female") && v.len == 6)
    return idt_entity_add(r->e, prop, "female");
  return note(r, seg);
}

static int seg_imo_value(idt__remarks *r, idt_str v, idt_str seg)
{
  const char *imo = find(v, "IMO ");
  idt_str num;
  size_t i = 0;
  if (!imo)
    return 0;
  num.p = imo + 4;
  num.len = v.len - (size_t)(num.p - v.p);
  while (i < num.len && num.p[i] >= '0' && num.p[i] <= '9')
    i++;
  if (i != 7)
    return note(r, seg);
  num.len = 7;
  return put(r, "imoNumber", num, seg);
}

static int seg_imo(idt__remarks *r, const char *prop, idt_str v, idt_str seg)
{
  (void)prop;
  if (!find(v, "IMO "))
    return note(r, seg);
  return seg_imo_value(r, v, seg);
}

/* A document: "NUMBER (Country) issued D expires D" -> the number on the
 * entity, and a Passport / Identification entity with country and dates. */
static int seg_doc(idt__remarks *r, const char *prop, idt_str v, idt_str seg)
{
  idt_str num = v, ctry = { "", 0 };
  const char *paren = find(v, " ("), *code = NULL;
  const char *schema = strcmp(prop, "passportNumber") == 0 ? "Passport"
                                                           : "Identification";
  const char *cut;
  idt_entity *d;
  char id[512], sl[200];
  int rc;

  if (find(v, "IMO ") && (has_prop(r->e, "imoNumber") || !is_person(r->e)))
    return seg_imo_value(r, v, seg);
  if (paren) {
    const char *close = memchr(paren, ')', v.len - (size_t)(paren - v.p));
    num.len = (size_t)(paren - v.p);
    if (close) {
      ctry.p = paren + 2;
      ctry.len = (size_t)(close - ctry.p);
      code = idt__country_code(ctry.p, ctry.len);
    }
  } else if ((cut = find(v, " issued ")) || (cut = find(v, " expires "))) {
    num.len = (size_t)(cut - v.p);
  }
  num = idt_trim(num.p, num.len);
  if (num.len == 0 || num.len > 100)
    return note(r, seg);
  if (!has_prop(r->e, prop))
    prop = has_prop(r->e, "idNumber") ? "idNumber" : "registrationNumber";
  if (!has_prop(r->e, prop))
    return note(r, seg);
  if ((rc = idt__add(r->e, prop, num.p, num.len)))
    return rc;
  if (!is_person(r->e) && strcmp(schema, "Passport") == 0)
    schema = "Identification";
  slug(sl, sizeof sl, num);
  snprintf(id, sizeof id, "%s-doc-%s", r->e->id, sl);
  if ((rc = idt__ingest_entity(&d, r->arena, schema, id, NULL, r->dataset)) ||
      (rc = idt_entity_add(d, "holder", r->e->id)) ||
      (rc = idt__add(d, "number", num.p, num.len)) ||
      (rc = idt__add(d, "type", seg.p, (size_t)(v.p - seg.p))))
    return rc;
  if (code && (rc = idt_entity_add(d, "country", code)))
    return rc;
  if (strcmp(schema, "Passport") == 0 &&
      (rc = idt__add(d, "passportNumber", num.p, num.len)))
    return rc;
  if ((cut = find(v, " issued "))) {
    idt_str rest = { cut + 8, (size_t)(v.p + v.len - (cut + 8)) };
    const char *end = find(rest, " expires ");
    if ((rc = idt__add_dates(d, "startDate", "issued", rest.p,
                             end ? (size_t)(end - rest.p) : rest.len)))
      return rc;
  }
  if ((cut = find(v, " expires ")) &&
      (rc = idt__add_dates(d, "endDate", "expires", cut + 9,
                           (size_t)(v.p + v.len - (cut + 9)))))
    return rc;
  return add_derived(r, d);
}

/* "Digital Currency Address - ETH 0x..." -> CryptoWallet. The id is per
 * currency and address, so one address held by several listed entities
 * is one wallet with several holders once the sink merges by id. */
static int seg_wallet(idt__remarks *r, const char *prop, idt_str v, idt_str seg)
{
  const char *sp = memchr(v.p, ' ', v.len);
  idt_str cur, addr;
  idt_entity *w;
  char id[512], sl[200], cs[32];
  size_t i;
  int rc;
  (void)prop;
  if (!sp)
    return note(r, seg);
  cur.p = v.p;
  cur.len = (size_t)(sp - v.p);
  addr = idt_trim(sp + 1, v.len - cur.len - 1);
  if (cur.len == 0 || cur.len >= sizeof cs || addr.len == 0 ||
      addr.len > 150 || memchr(addr.p, ' ', addr.len))
    return note(r, seg);
  for (i = 0; i < cur.len; i++)
    cs[i] = (cur.p[i] >= 'A' && cur.p[i] <= 'Z') ? (char)(cur.p[i] + 32)
                                                 : cur.p[i];
  cs[cur.len] = '\0';
  slug(sl, sizeof sl, addr);
  snprintf(id, sizeof id, "ofac-wallet-%s-%s", cs, sl);
  if ((rc = idt__ingest_entity(&w, r->arena, "CryptoWallet", id, NULL,
                               r->dataset)) ||
      (rc = idt__add(w, "publicKey", addr.p, addr.len)) ||
      (rc = idt__add(w, "currencySymbol", cur.p, cur.len)) ||
      (rc = idt_entity_add(w, "holder", r->e->id)))
    return rc;
  return add_derived(r, w);
}

static int seg_link(idt__remarks *r, const char *prop, idt_str v, idt_str seg)
{
  (void)prop;
  if (!r->link || v.len == 0)
    return note(r, seg);
  return r->link(r->link_ctx, r->e, v.p, v.len, 0);
}

/* "Aircraft Operator NAME": kept as a note, and linked when NAME is a
 * listed entry (FtM's operator property is entity-typed). */
static int seg_operator(idt__remarks *r, const char *prop, idt_str v,
                        idt_str seg)
{
  int rc;
  (void)prop;
  if ((rc = note(r, seg)) || !r->link || v.len == 0)
    return rc;
  return r->link(r->link_ctx, r->e, v.p, v.len, 1);
}

/* a.k.a. 'NAME' / f.k.a. / n.k.a.: the text between the outer quotes. */
static int seg_alias(idt__remarks *r, const char *prop, idt_str v, idt_str seg)
{
  const char *a = memchr(v.p, '\'', v.len), *b = NULL;
  size_t i;
  for (i = v.len; i > 0; i--)
    if (v.p[i - 1] == '\'') {
      b = v.p + i - 1;
      break;
    }
  if (!a || !b || b <= a + 1)
    return note(r, seg);
  return idt__ofac_name(r->e, prop, a + 1, (size_t)(b - a - 1), 0);
}

static int seg_provision(idt__remarks *r, const char *prop, idt_str v,
                         idt_str seg)
{
  (void)prop;
  (void)v;
  if (!r->sanction)
    return note(r, seg);
  return idt__add(r->sanction, "provisions", seg.p, seg.len);
}

static int seg_vessel_flag(idt__remarks *r, const char *prop, idt_str v,
                           idt_str seg)
{
  if (!has_prop(r->e, prop))
    return note(r, seg);
  return idt__add_country(r->e, prop, "Flag", v.p, v.len);
}

/* Labels, longest first where one is a prefix of another. Sources: OFAC
 * SDN legacy CSV remarks (2024-05-03), counted per label; labels seen
 * fewer than ~20 times fall through to notes unless they carry an
 * identifier. */
static const label labels[] = {
  { L("DOB "), seg_dates, "birthDate" },
  { L("POB "), seg_pob, "birthPlace" },
  { L("nationality "), seg_country, "nationality" },
  { L("citizen "), seg_country, "citizenship" },
  { L("Gender "), seg_gender, "gender" },
  { L("Passport "), seg_doc, "passportNumber" },
  { L("Diplomatic Passport "), seg_doc, "passportNumber" },
  { L("National ID No. "), seg_doc, "idNumber" },
  { L("Cedula No. "), seg_doc, "idNumber" },
  { L("D.N.I. "), seg_doc, "idNumber" },
  { L("Identification Number "), seg_doc, "idNumber" },
  { L("Personal ID Card "), seg_doc, "idNumber" },
  { L("Birth Certificate Number "), seg_doc, "idNumber" },
  { L("Driver's License No. "), seg_doc, "idNumber" },
  { L("SSN "), seg_doc, "idNumber" },
  { L("C.U.R.P. "), seg_doc, "idNumber" },
  { L("Residency Number "), seg_doc, "idNumber" },
  { L("Electoral Registry No. "), seg_doc, "idNumber" },
  { L("National Foreign ID Number "), seg_doc, "idNumber" },
  { L("Tax ID No. "), seg_doc, "taxNumber" },
  { L("RUC # "), seg_doc, "taxNumber" },
  { L("NIT # "), seg_doc, "taxNumber" },
  { L("R.F.C. "), seg_doc, "taxNumber" },
  { L("RFC "), seg_doc, "taxNumber" },
  { L("V.A.T. Number "), seg_doc, "taxNumber" },
  { L("C.U.I.T. "), seg_doc, "taxNumber" },
  { L("RIF # "), seg_doc, "taxNumber" },
  { L("Registration Number "), seg_doc, "registrationNumber" },
  { L("Business Registration Number "), seg_doc, "registrationNumber" },
  { L("Business Registration Document # "), seg_doc, "registrationNumber" },
  { L("Company Number "), seg_doc, "registrationNumber" },
  { L("Commercial Registry Number "), seg_doc, "registrationNumber" },
  { L("Registration ID "), seg_doc, "registrationNumber" },
  { L("Folio Mercantil No. "), seg_doc, "registrationNumber" },
  { L("Chamber of Commerce Number "), seg_doc, "registrationNumber" },
  { L("Trade License No. "), seg_doc, "registrationNumber" },
  { L("Unified Social Credit Code "), seg_doc, "registrationNumber" },
  { L("Economic Register Number "), seg_doc, "registrationNumber" },
  { L("Government Gazette Number "), seg_doc, "registrationNumber" },
  { L("Matricula Mercantil No "), seg_doc, "registrationNumber" },
  { L("C.R. No. "), seg_doc, "registrationNumber" },
  { L("Central Registration System Number "), seg_doc, "registrationNumber" },
  { L("Istanbul Chamber of Comm. No. "), seg_doc, "registrationNumber" },
  { L("Certificate of Incorporation Number "), seg_doc, "registrationNumber" },
  { L("Public Registration Number "), seg_doc, "registrationNumber" },
  { L("UK Company Number "), seg_doc, "registrationNumber" },
  { L("Business Number "), seg_doc, "registrationNumber" },
  { L("C.U.I. "), seg_doc, "registrationNumber" },
  { L("BIK "), seg_doc, "registrationNumber" },
  { L("Legal Entity Number "), seg_doc, "leiCode" },
  { L("D-U-N-S Number "), seg_doc, "dunsCode" },
  { L("SWIFT/BIC "), seg_doc, "swiftBic" },
  { L("Vessel Registration Identification "), seg_imo, "imoNumber" },
  { L("MMSI "), put, "mmsi" },
  { L("Vessel Call Sign "), put, "callSign" },
  { L("Vessel Flag "), seg_vessel_flag, "flag" },
  { L("Former Vessel Flag "), seg_vessel_flag, "pastFlags" },
  { L("Nationality of Registration "), seg_country, "country" },
  { L("Vessel Type "), put, "type" },
  { L("Vessel Year of Build "), seg_dates, "buildDate" },
  { L("Digital Currency Address - "), seg_wallet, NULL },
  { L("Linked To: "), seg_link, NULL },
  { L("a.k.a. "), seg_alias, "alias" },
  { L("f.k.a. "), seg_alias, "previousName" },
  { L("n.k.a. "), seg_alias, "alias" },
  { L("Organization Established Date "), seg_dates, "incorporationDate" },
  { L("Organization Type: "), put, "sector" },
  { L("Email Address "), put, "email" },
  { L("Website "), put, "website" },
  { L("Phone Number "), put, "phone" },
  { L("Telephone "), put, "phone" },
  { L("Telephone: "), put, "phone" },
  { L("Aircraft Manufacturer's Serial Number (MSN) "), put, "serialNumber" },
  { L("Aircraft Model "), put, "model" },
  { L("Aircraft Manufacture Date "), seg_dates, "buildDate" },
  { L("Aircraft Tail Number "), put, "registrationNumber" },
  { L("Aircraft Operator "), seg_operator, NULL },
  { L("Secondary sanctions risk: "), seg_provision, NULL },
  { L("Transactions Prohibited For Persons Owned or Controlled By U.S. "
    "Financial Institutions: "), seg_provision, NULL },
  { L("Additional Sanctions Information - "), seg_provision, NULL },
  { L("Executive Order "), seg_provision, NULL },
  { L("CAATSA Section "), seg_provision, NULL },
  { L("Listing Date "), seg_provision, NULL },
  { L("Effective Date "), seg_provision, NULL },
};

static int segment(idt__remarks *r, idt_str seg)
{
  size_t i, best = (size_t)-1, blen = 0;
  idt_str v;
  seg = idt_trim(seg.p, seg.len);
  if (seg.len >= 5 && memcmp(seg.p, "alt. ", 5) == 0)
    seg = idt_trim(seg.p + 5, seg.len - 5);
  if (seg.len == 0)
    return 0;
  for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
    size_t k = labels[i].len;
    if (k <= seg.len && k > blen && labels[i].prefix[0] == seg.p[0] &&
        memcmp(seg.p, labels[i].prefix, k) == 0) {
      best = i;
      blen = k;
    }
  }
  if (best == (size_t)-1)
    return note(r, seg);
  v = idt_trim(seg.p + blen, seg.len - blen);
  if (v.len == 0)
    return note(r, seg);
  return labels[best].fn(r, labels[best].prop, v, seg);
}

int idt__ofac_remarks(idt__remarks *r, const char *s, size_t n)
{
  idt_str t = idt_trim(s, n);
  size_t i, start = 0;
  int rc;
  if (t.len && t.p[t.len - 1] == '.')
    t.len--;
  for (i = 0; i + 1 < t.len; i++) {
    if (t.p[i] == ';' && t.p[i + 1] == ' ') {
      idt_str seg = { t.p + start, i - start };
      if ((rc = segment(r, seg)))
        return rc;
      start = i + 2;
    }
  }
  if (start < t.len) {
    idt_str seg = { t.p + start, t.len - start };
    return segment(r, seg);
  }
  return 0;
}

int idt__ofac_name(idt_entity *e, const char *prop, const char *s, size_t n,
                   int parts)
{
  idt_str t = idt_trim(s, n), last, first;
  const char *comma;
  char full[1024];
  int rc;
  if (t.len == 0)
    return 0;
  comma = is_person(e) ? memchr(t.p, ',', t.len) : NULL;
  if (!comma || t.len >= sizeof full)
    return idt__add(e, prop, t.p, t.len);
  last = idt_trim(t.p, (size_t)(comma - t.p));
  first = idt_trim(comma + 1, t.len - (size_t)(comma + 1 - t.p));
  if (last.len == 0 || first.len == 0)
    return idt__add(e, prop, t.p, t.len);
  snprintf(full, sizeof full, "%.*s %.*s", (int)last.len, last.p,
           (int)first.len, first.p);
  if ((rc = idt_entity_add(e, prop, full)))
    return rc;
  if (parts && ((rc = idt__add(e, "lastName", last.p, last.len)) ||
                (rc = idt__add(e, "firstName", first.p, first.len))))
    return rc;
  return 0;
}
