/* test_ingest_uk.c - the uk-xml parser (FCDO UK Sanctions List) on the
 * hand-written fixture tests/fixtures/uk/uk_sanctions_sample.xml (see its
 * SOURCES), on small in-memory documents for the FCDO's quirks, on broken
 * input, under an allocation-failure sweep, and end to end through `interdict search --list uk-xml:...`.
 * Each expected value is quoted from the fixture in the comment above it. */
#include <stdlib.h>
#include <sys/wait.h>
#include "test_ingest_sink.h"
#include "common/util.h"

static sink S;
static int loaded;
static idt_ingest_stats stats;

static const char *fixture(void)
{
  return tap_data("tests/fixtures/uk/uk_sanctions_sample.xml");
}

static int setup(void)
{
  if (loaded)
    return loaded > 0;
  loaded = sink_load(&S, "uk-xml", fixture(), &stats) ? 1 : -1;
  return loaded > 0;
}

static int has_in(const sink *s, const char *id, const char *prop, const char *v)
{
  return sink_has(s, id, prop, v);
}

static int has(const char *id, const char *prop, const char *v)
{
  return has_in(&S, id, prop, v);
}

static size_t nvalues(const char *id, const char *prop)
{
  idt_entity *e = sink_get(&S, id);
  return e ? idt_entity_values(e, prop, NULL, 0) : 0;
}

/* Five Designations: 2 Individual, 2 Entity, 1 Ship; passports 290320764
 * and L 191609; national identifiers 04643632 and DAOMMD74T11Z352Z. */
TEST(counts)
{
  CHECK(setup());
  CHECK_INT(S.listed, 5);
  CHECK_INT(stats.listed, 5);
  CHECK_INT(stats.emitted, 14);
  CHECK_INT(sink_n(&S, "Person"), 2);
  CHECK_INT(sink_n(&S, "Organization"), 2);
  CHECK_INT(sink_n(&S, "Vessel"), 1);
  CHECK_INT(sink_n(&S, "Sanction"), 5);
  CHECK_INT(sink_n(&S, "Passport"), 2);
  CHECK_INT(sink_n(&S, "Identification"), 2);
  CHECK_STR(sink_get(&S, "gb-fcdo-DPR0043")
                ? sink_get(&S, "gb-fcdo-DPR0043")->dataset : NULL,
            "gb_fcdo_sanctions");
}

/* DPR0043: Name1 Tong, Name2 My'ong, Name6 KIM (Primary Name); Chin-So'k
 * Kim (Good quality a.k.a); Tong-Myong Kim (Primary name variation); Hyok
 * Chol Kim (Low quality a.k.a); DOB dd/mm/1964 and 28/08/1962; Nationality
 * North Korea; Position; Gender Male; passport 290320764. */
TEST(dprk_individual)
{
  const char *id = "gb-fcdo-DPR0043";
  CHECK(setup());
  CHECK(has(id, "name", "Tong My'ong KIM"));
  CHECK_INT(nvalues(id, "name"), 1);
  CHECK(has(id, "firstName", "Tong"));
  CHECK(has(id, "middleName", "My'ong"));
  CHECK(has(id, "lastName", "KIM"));
  CHECK(has(id, "alias", "Chin-So'k Kim"));
  CHECK(has(id, "alias", "Tong-Myong Kim"));
  CHECK(has(id, "weakAlias", "Hyok Chol Kim"));
  CHECK(!idt_entity_has(sink_get(&S, id), "alias", "Hyok Chol Kim"));
  CHECK(has(id, "birthDate", "1964"));
  CHECK(has(id, "birthDate", "1962-08-28"));
  CHECK_INT(nvalues(id, "birthDate"), 2);
  CHECK(has(id, "nationality", "kp"));
  CHECK(has(id, "position", "President of Tanchon Commercial Bank"));
  CHECK(has(id, "gender", "male"));
  CHECK(has(id, "passportNumber", "290320764"));
  CHECK(has(id, "topics", "sanction"));
  CHECK(has(id, "notes", "President of Tanchon Commercial Bank since at "
                         "least 2002; has also managed affairs of Amroggang."));
  CHECK_INT(nvalues(id, "notes"), 1);   /* the empty UKStatementofReasons */
  CHECK_STR(sink_get(&S, id) ? sink_get(&S, id)->source_id : NULL, "DPR0043");
  /* the Passport entity */
  CHECK(has("gb-fcdo-DPR0043-doc-290320764", "holder", id));
  CHECK(has("gb-fcdo-DPR0043-doc-290320764", "number", "290320764"));
  CHECK(has("gb-fcdo-DPR0043-doc-290320764", "type", "Passport"));
  CHECK(has("gb-fcdo-DPR0043-doc-290320764", "summary", "DPRK passport"));
}

/* The Sanction of DPR0043: RegimeName, DateDesignated 02/03/2016,
 * LastUpdated 26/07/2022, SanctionsImposed "Asset freeze|Travel Ban",
 * UNReferenceNumber KPi.023. */
TEST(sanction)
{
  const char *id = "gb-fcdo-DPR0043-sanction";
  CHECK(setup());
  CHECK(has(id, "entity", "gb-fcdo-DPR0043"));
  CHECK(has(id, "authority", "UK Foreign, Commonwealth and Development Office"));
  CHECK(has(id, "authorityId", "DPR0043"));
  CHECK(has(id, "program", "The Democratic People's Republic of Korea "
                           "(Sanctions) (EU Exit) Regulations 2019"));
  CHECK(has(id, "listingDate", "2016-03-02"));
  CHECK(has(id, "modifiedAt", "2022-07-26"));
  CHECK(has(id, "provisions", "Asset freeze"));
  CHECK(has(id, "provisions", "Travel Ban"));
  CHECK_INT(nvalues(id, "provisions"), 2);
  CHECK(has(id, "unscId", "KPi.023"));
  CHECK_STR(sink_get(&S, id) ? sink_get(&S, id)->source_id : NULL, "DPR0043");
  CHECK(has("gb-fcdo-AQD0239-sanction", "unscId", "QDi.060"));
  CHECK(has("gb-fcdo-RUS1213-sanction", "listingDate", "2022-04-06"));
}

/* DPR0008 KOMID: Name6 only; four aliases without or with Good strength;
 * AddressLine1 Central District, AddressLine6 Pyongyang, AddressCountry
 * North Korea; TypeOfEntity Trading corporation. */
TEST(komid_entity)
{
  const char *id = "gb-fcdo-DPR0008";
  CHECK(setup());
  CHECK(has(id, "name", "KOREA MINING DEVELOPMENT TRADING CORPORATION"));
  CHECK(has(id, "alias", "CHANGGWANG SINYONG CORPORATION"));
  CHECK(has(id, "alias", "EXTERNAL TECHNOLOGY GENERAL CORPORATION"));
  CHECK(has(id, "alias", "DPRKN MINING DEVELOPMENT TRADING COOPERATION"));
  CHECK(has(id, "alias", "KOMID"));
  CHECK_INT(nvalues(id, "alias"), 4);
  CHECK_INT(nvalues(id, "weakAlias"), 0);
  CHECK(has(id, "address", "Central District, Pyongyang, North Korea"));
  CHECK(has(id, "country", "kp"));
  CHECK(has(id, "legalForm", "Trading corporation"));
  CHECK(has(id, "topics", "sanction"));
  CHECK(has("gb-fcdo-DPR0008-sanction", "provisions", "Trust services sanctions"));
}

/* DPR0075 PETREL 8: IMONumber IMO9562233, flag Comoros, previous flag
 * India, TypeOfShip Bulk Carrier, YearBuilt 2011, owner Global United
 * Shipping India, alias JAL VAHINI. */
TEST(ship)
{
  const char *id = "gb-fcdo-DPR0075";
  CHECK(setup());
  CHECK_STR(sink_get(&S, id) ? sink_get(&S, id)->schema->name : NULL, "Vessel");
  CHECK(has(id, "name", "PETREL 8"));
  CHECK(has(id, "alias", "JAL VAHINI"));
  CHECK(has(id, "imoNumber", "9562233"));
  CHECK_INT(nvalues(id, "imoNumber"), 1);
  CHECK(has(id, "flag", "km"));
  CHECK(has(id, "pastFlags", "in"));
  CHECK(has(id, "type", "Bulk Carrier"));
  CHECK(has(id, "buildDate", "2011"));
  CHECK(has(id, "notes", "Current owner/operator: Global United Shipping India"));
  CHECK(has("gb-fcdo-DPR0075-sanction", "provisions", "Deflag"));
  CHECK(has("gb-fcdo-DPR0075-sanction", "listingDate", "2018-03-30"));
}

/* RUS1213 Sberbank: NameNonLatinScript in Cyrillic, SBER Low quality
 * a.k.a, SBERBANK Good quality, address with postcode 117312, phone,
 * two emails in one element, website, two BusinessRegistrationNumbers. */
TEST(russian_entity)
{
  const char *id = "gb-fcdo-RUS1213";
  CHECK(setup());
  CHECK(has(id, "name", "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA"));
  CHECK(has(id, "alias", "Публичное акционерное общество «Сбербанк России»"));
  CHECK(has(id, "alias", "SBERBANK"));
  CHECK(has(id, "weakAlias", "SBER"));
  CHECK(has(id, "address", "19 Vavilova Street, Moscow, 117312, Russia"));
  CHECK(has(id, "country", "ru"));
  CHECK(has(id, "phone", "+7 495 500 5550"));
  CHECK(has(id, "email", "sberbank@sberbank.ru"));
  CHECK(has(id, "email", "press@sberbank.ru"));
  CHECK_INT(nvalues(id, "email"), 2);
  CHECK(has(id, "website", "www.sberbank.ru"));
  CHECK(has(id, "registrationNumber", "OGRN: 1027700132195"));
  CHECK(has(id, "registrationNumber", "INN: 7707083893"));
  CHECK(has(id, "legalForm", "Public Joint Stock Company"));
  CHECK(has(id, "notes", "Subsidiary: Sberbank Europe AG"));
  CHECK(has(id, "notes", "Sberbank is a state-owned bank carrying on business "
                         "in a sector of strategic significance to the "
                         "Government of Russia, namely the financial services "
                         "sector."));
}

/* AQD0239: Name1..Name3 then Name6; Arabic non-Latin name; NameType
 * "ALias"; TownOfBirth Tunis, CountryOfBirth Tunisia; passport L 191609;
 * national identifiers 04643632 and DAOMMD74T11Z352Z. */
TEST(identifiers_and_birth)
{
  const char *id = "gb-fcdo-AQD0239";
  CHECK(setup());
  CHECK(has(id, "name", "MOHAMED BEN BELGACEM BEN ABDALLAH AL-AOUADI"));
  CHECK(has(id, "firstName", "MOHAMED"));
  CHECK(has(id, "middleName", "BEN BELGACEM"));
  CHECK(has(id, "middleName", "BEN ABDALLAH"));
  CHECK(has(id, "lastName", "AL-AOUADI"));
  CHECK(has(id, "alias", "Fathi Hannachi"));
  CHECK(has(id, "alias", "محمد بن بلقاسم بن عبد الله العوادي"));
  CHECK(has(id, "birthDate", "1974-12-11"));
  CHECK(has(id, "birthPlace", "Tunis"));
  CHECK(has(id, "birthCountry", "tn"));
  CHECK(has(id, "nationality", "tn"));
  CHECK(has(id, "address", "50th Street, Number 23, Zehrouni, Tunis, Tunisia"));
  CHECK(has(id, "passportNumber", "L 191609"));
  CHECK(has(id, "idNumber", "04643632"));
  CHECK(has(id, "idNumber", "DAOMMD74T11Z352Z"));
  CHECK(has("gb-fcdo-AQD0239-doc-L-191609", "number", "L 191609"));
  CHECK(has("gb-fcdo-AQD0239-doc-04643632", "type", "National identifier"));
  CHECK(has("gb-fcdo-AQD0239-doc-DAOMMD74T11Z352Z", "summary",
            "Italian fiscal code"));
  CHECK(has("gb-fcdo-AQD0239-doc-DAOMMD74T11Z352Z", "holder", id));
}

/* ---- in-memory documents ---- */

#define HEAD "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Designations>\n"

static int parse(sink *s, const char *name, const char *xml)
{
  idt_ingest_opts o;
  idt_mem m;
  sink_init(s);
  o = sink_opts(s);
  m.p = xml;
  m.n = strlen(xml);
  return idt_ingest_uk_xml_mem(name, m, &o);
}

/* Partial dates (dd/05/1950, 05/1950, dd/mm/1950), an unreadable one kept
 * as a note, an IMO number without its prefix, a Primary Name after an
 * alias, a blank Primary Name, line wrapping inside a name, two Primary
 * Names, a parent company, a title, Gender Female, no phone on a ship. */
TEST(quirks)
{
  sink s;
  const char *xml = HEAD
    "<Designation><UniqueID>RUS0001</UniqueID>\n"
    "<Names><Name><Name1>Ivan</Name1><Name6>Petrov</Name6><NameType>Alias"
    "</NameType></Name><Name><Name6> </Name6><NameType>Primary Name</NameType>"
    "</Name><Name><Name1>Ivan\n  Ivanovich</Name1><Name6>PETROV</Name6>"
    "<NameType>PRIMARY NAME</NameType></Name></Names>\n"
    "<IndividualEntityShip>individual</IndividualEntityShip>\n"
    "<IndividualDetails><Individual><DOBs><DOB>dd/05/1950</DOB>"
    "<DOB>7/1951</DOB><DOB>dd/mm/1952</DOB><DOB>15/08/19yy</DOB></DOBs>"
    "<Nationalities><Nationality>Atlantis</Nationality></Nationalities>"
    "<PassportDetails><Passport><PassportAdditionalInformation>no number"
    "</PassportAdditionalInformation></Passport></PassportDetails>"
    "</Individual></IndividualDetails></Designation>\n"
    "<Designation><UniqueID>DPR0100</UniqueID><Names><Name><Name6>SHIP"
    "</Name6><NameType>Primary Name</NameType></Name></Names>"
    "<IndividualEntityShip>Ship</IndividualEntityShip><PhoneNumbers>"
    "<PhoneNumber>123</PhoneNumber></PhoneNumbers><ShipDetails><Ship>"
    "<IMONumbers><IMONumber>8122347</IMONumber></IMONumbers></Ship>"
    "</ShipDetails></Designation>\n"
    "<Designation><UniqueID>RUS0002</UniqueID><Names><Name><Name6>FIRST LLC"
    "</Name6><NameType>Primary Name</NameType></Name><Name><Name6>SECOND LLC"
    "</Name6><NameType>Primary Name</NameType></Name><Name><Name6>FIRST LLC"
    "</Name6><NameType>Alias</NameType></Name></Names>"
    "<IndividualEntityShip>Entity</IndividualEntityShip><EntityDetails>"
    "<Entity><ParentCompanies><ParentCompany>Parent JSC</ParentCompany>"
    "</ParentCompanies></Entity></EntityDetails></Designation>\n"
    "<Designation><UniqueID>RUS0003</UniqueID><Names><Name><Name1>Anna"
    "</Name1><Name6>Ivanova</Name6><NameType>Primary Name</NameType></Name>"
    "</Names><Titles><Title>Colonel</Title></Titles><IndividualEntityShip>"
    "Individual</IndividualEntityShip><IndividualDetails><Individual>"
    "<Genders><Gender>Female</Gender></Genders></Individual>"
    "</IndividualDetails></Designation>\n</Designations>\n";
  CHECK_OK(parse(&s, "quirks.xml", xml));
  CHECK(has_in(&s, "gb-fcdo-RUS0001", "name", "Ivan Ivanovich PETROV"));
  CHECK(has_in(&s, "gb-fcdo-RUS0001", "alias", "Ivan Petrov"));
  CHECK(has_in(&s, "gb-fcdo-RUS0001", "birthDate", "1950-05"));
  CHECK(has_in(&s, "gb-fcdo-RUS0001", "birthDate", "1951-07"));
  CHECK(has_in(&s, "gb-fcdo-RUS0001", "birthDate", "1952"));
  CHECK(has_in(&s, "gb-fcdo-RUS0001", "notes", "DOB 15/08/19yy"));
  CHECK(has_in(&s, "gb-fcdo-RUS0001", "notes", "Nationality: Atlantis"));
  CHECK_INT(sink_n(&s, "Passport"), 0);
  CHECK(has_in(&s, "gb-fcdo-DPR0100", "imoNumber", "8122347"));
  /* a second Primary Name is an alias; an alias equal to name is dropped */
  CHECK(has_in(&s, "gb-fcdo-RUS0002", "name", "FIRST LLC"));
  CHECK(has_in(&s, "gb-fcdo-RUS0002", "alias", "SECOND LLC"));
  CHECK(sink_get(&s, "gb-fcdo-RUS0002") &&
        idt_entity_values(sink_get(&s, "gb-fcdo-RUS0002"), "alias", NULL, 0) == 1);
  CHECK(has_in(&s, "gb-fcdo-RUS0002", "notes", "Parent company: Parent JSC"));
  CHECK(has_in(&s, "gb-fcdo-RUS0003", "title", "Colonel"));
  CHECK(has_in(&s, "gb-fcdo-RUS0003", "gender", "female"));
  CHECK(sink_get(&s, "gb-fcdo-DPR0100") &&
        !idt_entity_first(sink_get(&s, "gb-fcdo-DPR0100"), "phone"));
  sink_free(&s);
}

/* Values longer than the parser's buffers are cut on a character
 * boundary: a 1,200-byte Cyrillic name, a 901-byte nationality (kept as
 * a note of at most 400 bytes; the leading A puts byte 400 mid-letter). */
TEST(long_values)
{
  sink s;
  char xml[8192];
  size_t o, i;
  const char *v;
  o = (size_t)snprintf(xml, sizeof xml, "%s<Designation><UniqueID>X1"
                       "</UniqueID><Names><Name><Name1>", HEAD);
  for (i = 0; i < 600; i++)
    o += (size_t)snprintf(xml + o, sizeof xml - o, "\xd0\x96");
  o += (size_t)snprintf(xml + o, sizeof xml - o, "</Name1></Name></Names>"
                        "<IndividualEntityShip>Individual</IndividualEntityShip>"
                        "<IndividualDetails><Individual><Nationalities>"
                        "<Nationality>A");
  for (i = 0; i < 450; i++)
    o += (size_t)snprintf(xml + o, sizeof xml - o, "\xd0\x96");
  snprintf(xml + o, sizeof xml - o, "</Nationality></Nationalities>"
           "</Individual></IndividualDetails></Designation></Designations>");
  CHECK_OK(parse(&s, "long.xml", xml));
  v = sink_get(&s, "gb-fcdo-X1") ? idt_entity_first(sink_get(&s, "gb-fcdo-X1"),
                                                    "name") : NULL;
  CHECK(v != NULL);
  if (v) {
    CHECK(strlen(v) >= 1000 && strlen(v) < 1024);
    CHECK(idt_utf8_invalid_at(v, strlen(v)) == (size_t)-1);
  }
  v = sink_get(&s, "gb-fcdo-X1") ? idt_entity_first(sink_get(&s, "gb-fcdo-X1"),
                                                    "notes") : NULL;
  CHECK(v != NULL && strncmp(v, "Nationality: ", 13) == 0);
  if (v)
    CHECK(idt_utf8_invalid_at(v, strlen(v)) == (size_t)-1);
  sink_free(&s);
}

/* Each broken document fails with IDT_EPARSE and a message that starts
 * with the file name and a line, never a crash. */
static void bad(const char *name, const char *xml, const char *want)
{
  sink s;
  char prefix[64];
  int rc = parse(&s, name, xml);
  snprintf(prefix, sizeof prefix, "%s:", name);
  CHECK_INT(rc, IDT_EPARSE);
  if (strncmp(idt_error_msg(), prefix, strlen(prefix)) != 0 ||
      !strstr(idt_error_msg(), want)) {
    tap_failf(__FILE__, __LINE__, "%s: message \"%s\", want \"%s\" in it",
              name, idt_error_msg(), want);
  }
  sink_free(&s);
}

TEST(bad_input)
{
  bad("truncated.xml", HEAD "<Designation><UniqueID>DPR0001</UniqueID>"
      "<Names><Name><Name6>X", "truncated.xml:3:");
  bad("truncated2.xml", HEAD "<Designation><UniqueID>DPR0001</Uniq",
      "byte offset");
  bad("root.xml", "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>"
      "</CONSOLIDATED_LIST>", "root.xml:2:1: byte offset 22: root element "
      "<CONSOLIDATED_LIST>, expected <Designations>");
  bad("noid.xml", HEAD "<Designation>\n<Names><Name><Name6>X</Name6>"
      "</Name></Names><IndividualEntityShip>Entity</IndividualEntityShip>"
      "</Designation></Designations>", "noid.xml:3: UniqueID: missing");
  bad("notype.xml", HEAD "<Designation><UniqueID>A1</UniqueID><Names><Name>"
      "<Name6>X</Name6></Name></Names></Designation></Designations>",
      "notype.xml:3: IndividualEntityShip: missing for A1");
  bad("type.xml", HEAD "<Designation><UniqueID>A1</UniqueID>\n"
      "<IndividualEntityShip>Aircraft</IndividualEntityShip><Names><Name>"
      "<Name6>X</Name6></Name></Names></Designation></Designations>",
      "type.xml:4: IndividualEntityShip: unknown value 'Aircraft'");
  bad("noname.xml", HEAD "<Designation><UniqueID>A1</UniqueID>"
      "<IndividualEntityShip>Entity</IndividualEntityShip><Names><Name>"
      "<NameType>Primary Name</NameType></Name></Names></Designation>"
      "</Designations>", "noname.xml:3: Names: no name for gb-fcdo-A1");
  bad("empty.xml", "", "empty.xml:1:");
}

/* Nothing the sink saw from a failed parse counts as a listing; the
 * entry point also takes the fixture path directly. */
TEST(file_entry_point)
{
  sink s;
  idt_ingest_opts o;
  sink_init(&s);
  o = sink_opts(&s);
  CHECK_OK(idt_ingest_uk_xml(fixture(), &o));
  CHECK_INT(s.listed, 5);
  sink_free(&s);
  sink_init(&s);
  o = sink_opts(&s);
  CHECK(idt_ingest_uk_xml("/nonexistent/uk.xml", &o) != 0);
  sink_free(&s);
}

/* OOM sweep: failing the k-th allocation (once, or k and every later
 * one) of a run over a seed file gives IDT_ENOMEM or, when only one
 * allocation failed and nothing depended on it, the full result; never a
 * crash or another error (ASan checks the leaks). */
static int oom_once(idt_mem m, long k, int sticky, size_t want)
{
  sink s;
  idt_ingest_opts o;
  int rc, bad = 0;
  sink_init(&s);
  o = sink_opts(&s);
  idt_alloc_fail_after(k, sticky);
  rc = idt_ingest_uk_xml_mem("oom.xml", m, &o);
  idt_alloc_fail_after(-1, 0);
  if ((rc == 0 && (sticky || s.listed != want)) ||
      (rc != 0 && rc != IDT_ENOMEM)) {
    tap_diag("k=%ld%s: rc %d, %zu listed (%s)", k, sticky ? " sticky" : "",
             rc, s.listed, rc ? idt_error_msg() : "");
    bad = 1;
  }
  sink_free(&s);
  return bad;
}

static void oom_sweep(const char *rel, size_t want)
{
  idt_buf b;
  idt_mem m;
  unsigned long before, total;
  long k;
  int bad = 0;
  idt_buf_init(&b, (size_t)1 << 20);
  CHECK_OK(idt_read_file(tap_data(rel), &b));
  m.p = b.p;
  m.n = b.len;
  before = idt_alloc_count();
  bad += oom_once(m, -1, 0, want);
  total = idt_alloc_count() - before;
  for (k = 0; k < (long)total && bad < 5; k++)
    bad += oom_once(m, k, 0, want) + oom_once(m, k, 1, want);
  tap_diag("%s: %lu allocation points swept", rel, total);
  CHECK(total > 20);
  CHECK_INT(bad, 0);
  idt_buf_free(&b);
}

TEST(oom)
{
  oom_sweep("fuzz/corpus/uk_xml/aqd_documents.xml", 1);
  oom_sweep("fuzz/corpus/uk_xml/sberbank_cyrillic.xml", 1);
}

static int run(const char *cmd, char *out, size_t cap)
{
  FILE *p = popen(cmd, "r");
  size_t n = 0, got;
  if (!p)
    return -1;
  while (n + 1 < cap && (got = fread(out + n, 1, cap - 1 - n, p)) > 0)
    n += got;
  out[n] = 0;
  return pclose(p);
}

/* Screening finds the UK listings: KOMID by its alias, the ship by name. */
TEST(search_cli)
{
  char cmd[4096], out[1 << 16];
  snprintf(cmd, sizeof cmd, "'%s' search --list uk-xml:'%s' KOMID", tap_cli(),
           fixture());
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "DPR0008") != NULL);
  CHECK(strstr(out, "KOREA MINING DEVELOPMENT TRADING CORPORATION") != NULL);
  snprintf(cmd, sizeof cmd, "'%s' search --list uk-xml:'%s' --schema Vessel "
           "'Petrel 8'", tap_cli(), fixture());
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "DPR0075") != NULL);
  CHECK(strstr(out, "DPR0008") == NULL);
}

int main(void)
{
  RUN(counts);
  RUN(dprk_individual);
  RUN(sanction);
  RUN(komid_entity);
  RUN(ship);
  RUN(russian_entity);
  RUN(identifiers_and_birth);
  RUN(quirks);
  RUN(long_values);
  RUN(bad_input);
  RUN(file_entry_point);
  RUN(oom);
  RUN(search_cli);
  if (loaded > 0)
    sink_free(&S);
  return tap_done();
}
