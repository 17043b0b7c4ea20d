/* test_ingest_eu.c - the eu-xml parser on a hand-written sample of the EU
 * FSF consolidated list (tests/fixtures/eu, see SOURCES there): every
 * mapped field, the attribute forms the official file uses ("00"/UNKNOWN
 * countries, empty wholeName, year ranges), bad input with its position,
 * and a screen of the file through the CLI. */
#include <sys/wait.h>
#include "test_ingest_sink.h"
#include "interdict/common.h"
#include "common/util.h"
#include "interdict/store.h"

static sink S;
static idt_ingest_stats st;
static int loaded;

static const char *fixture(void)
{
  return tap_data("tests/fixtures/eu/eu_fsf_sample.xml");
}

static int setup(void)
{
  if (loaded)
    return loaded > 0;
  loaded = sink_load(&S, "eu-xml", fixture(), &st) ? 1 : -1;
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

static size_t nvals(const sink *s, const char *id, const char *prop)
{
  idt_entity *e = sink_get(s, id);
  return e ? idt_entity_values(e, prop, NULL, 0) : 999;
}

/* 7 listings: 4 persons, 3 enterprises; one Passport (KPi.023's); the
 * SWIFT BIC makes no document entity. */
TEST(counts)
{
  CHECK(setup());
  CHECK_INT(S.listed, 7);
  CHECK_INT(st.listed, 7);
  CHECK_INT(st.emitted, 15);
  CHECK_INT(st.warnings, 0);
  CHECK_INT(sink_n(&S, "Person"), 4);
  CHECK_INT(sink_n(&S, "Organization"), 3);
  CHECK_INT(sink_n(&S, "Sanction"), 7);
  CHECK_INT(sink_n(&S, "Passport"), 1);
  CHECK_INT(sink_n(&S, "Identification"), 0);
}

/* logicalId 900001: wholeName, first/last name, the Hangul alias kept as
 * written, birthdate attribute, KP citizenship and birth country. */
TEST(kim_jong_un)
{
  idt_entity *e;
  CHECK(setup());
  CHECK(has("eu-900001", "name", "Kim Jong Un"));
  CHECK(has("eu-900001", "firstName", "Jong Un"));
  CHECK(has("eu-900001", "lastName", "Kim"));
  CHECK_INT(nvals(&S, "eu-900001", "middleName"), 0);
  CHECK(has("eu-900001", "alias", "\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80"));
  CHECK_INT(nvals(&S, "eu-900001", "name"), 1);
  CHECK(has("eu-900001", "gender", "male"));
  CHECK(has("eu-900001", "position", "Chairman of the State Affairs Commission"));
  CHECK(has("eu-900001", "birthDate", "1984-01-08"));
  CHECK(has("eu-900001", "birthCountry", "kp"));
  CHECK_INT(nvals(&S, "eu-900001", "birthPlace"), 0);
  CHECK(has("eu-900001", "nationality", "kp"));
  CHECK(has("eu-900001", "topics", "sanction"));
  e = sink_get(&S, "eu-900001");
  CHECK_STR(e ? e->source_id : NULL, "EU.9001.01");
  CHECK_STR(e ? e->dataset : NULL, "eu_fsf");
  CHECK(has("eu-900001-sanction", "authority", "European Union"));
  CHECK(has("eu-900001-sanction", "program", "PRK"));
  CHECK(has("eu-900001-sanction", "listingDate", "2017-08-31"));
  CHECK(has("eu-900001-sanction", "entity", "eu-900001"));
  CHECK(has("eu-900001-sanction", "authorityId", "EU.9001.01"));
  /* &amp; in publicationUrl decoded */
  CHECK(has("eu-900001-sanction", "sourceUrl",
            "https://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32017R1509&from=EN"));
  CHECK_INT(nvals(&S, "eu-900001-sanction", "unscId"), 0);
  CHECK_INT(nvals(&S, "eu-900001-sanction", "topics"), 0);
}

/* KOMID: strong aliases, street+city+country address, remark, two
 * regulations (listingDate the earlier), unitedNationId. */
TEST(komid)
{
  CHECK(setup());
  CHECK(has("eu-900002", "name", "Korea Mining Development Trading Corporation"));
  CHECK(has("eu-900002", "alias", "KOMID"));
  CHECK(has("eu-900002", "alias", "Changgwang Sinyong Corporation"));
  CHECK_INT(nvals(&S, "eu-900002", "weakAlias"), 0);
  CHECK(has("eu-900002", "address", "Central District, Pyongyang, NORTH KOREA"));
  CHECK(has("eu-900002", "country", "kp"));
  CHECK(has("eu-900002", "notes", "Primary arms dealer and main exporter of goods "
            "and equipment related to ballistic missiles and conventional weapons."));
  CHECK(has("eu-900002-sanction", "listingDate", "2009-05-13"));
  CHECK_INT(nvals(&S, "eu-900002-sanction", "listingDate"), 1);
  CHECK_INT(nvals(&S, "eu-900002-sanction", "sourceUrl"), 2);
  CHECK_INT(nvals(&S, "eu-900002-sanction", "program"), 1);
  CHECK(has("eu-900002-sanction", "unscId", "KPe.001"));
}

/* An enterprise with a SWIFT BIC (identificationTypeCode swiftbic) and a
 * city-only address. */
TEST(bank_swift)
{
  CHECK(setup());
  CHECK(has("eu-900003", "swiftBic", "KUDBKPPY"));
  CHECK_INT(nvals(&S, "eu-900003", "idNumber"), 0);
  CHECK(has("eu-900003", "address", "Pyongyang, NORTH KOREA"));
  CHECK(has("eu-900003", "country", "kp"));
  CHECK(sink_get(&S, "eu-900003-doc-KUDBKPPY") == NULL);
  CHECK(has("eu-900003-sanction", "unscId", "KPe.033"));
}

/* KPi.023: passport with its Passport entity; a year-only birthdate and
 * a full one; "00"/UNKNOWN birth country ignored. */
TEST(passport_and_partial_date)
{
  CHECK(setup());
  CHECK(has("eu-900004", "passportNumber", "290320764"));
  CHECK(has("eu-900004", "birthDate", "1964"));
  CHECK(has("eu-900004", "birthDate", "1962-08-28"));
  CHECK_INT(nvals(&S, "eu-900004", "birthDate"), 2);
  CHECK_INT(nvals(&S, "eu-900004", "birthCountry"), 0);
  CHECK(has("eu-900004", "alias", "Kim Chin-So'k"));
  CHECK(has("eu-900004", "position", "President of Tanchon Commercial Bank"));
  CHECK(has("eu-900004-doc-290320764", "holder", "eu-900004"));
  CHECK(has("eu-900004-doc-290320764", "number", "290320764"));
  CHECK(has("eu-900004-doc-290320764", "country", "kp"));
  CHECK(has("eu-900004-doc-290320764", "type", "National passport"));
  CHECK_STR(sink_get(&S, "eu-900004-doc-290320764")
                ? sink_get(&S, "eu-900004-doc-290320764")->schema->name : NULL,
            "Passport");
}

/* strong="false" -> weakAlias only; empty wholeName -> parts joined; a
 * year range -> every year; a citizenship given only as a description. */
TEST(weak_alias_range_description)
{
  CHECK(setup());
  CHECK(has("eu-900005", "name", "Ch'oe So'k Min"));
  CHECK(has("eu-900005", "weakAlias", "Choe Sok Min"));
  CHECK_INT(nvals(&S, "eu-900005", "alias"), 0);
  CHECK(has("eu-900006", "name", "Jong Sik Kim"));
  CHECK(has("eu-900006", "firstName", "Jong Sik"));
  CHECK(has("eu-900006", "alias", "Kim Cho'ng-sik"));
  CHECK(has("eu-900006", "birthDate", "1967"));
  CHECK(has("eu-900006", "birthDate", "1968"));
  CHECK(has("eu-900006", "birthDate", "1969"));
  CHECK_INT(nvals(&S, "eu-900006", "birthDate"), 3);
  CHECK(has("eu-900006", "nationality", "kp"));
}

/* A non-DPRK designation with its real ids: non-Latin aliases as written. */
TEST(terr_non_latin)
{
  idt_entity *e;
  CHECK(setup());
  CHECK(has("eu-207", "name", "Great Islamic Eastern Warriors Front"));
  CHECK(has("eu-207", "alias", "\xc4\xb0slami B\xc3\xbcy\xc3\xbck Do\xc4\x9fu "
            "Ak\xc4\xb1nc\xc4\xb1lar Cephesi"));
  CHECK(has("eu-207", "alias", "\xd0\xa4\xd1\x80\xd0\xbe\xd0\xbd\xd1\x82 \xd0\xbd\xd0\xb0 "
            "\xd0\xb2\xd0\xb5\xd0\xbb\xd0\xb8\xd0\xba\xd0\xb8\xd1\x82\xd0\xb5 "
            "\xd0\xb8\xd1\x81\xd0\xbb\xd1\x8f\xd0\xbc\xd1\x81\xd0\xba\xd0\xb8 "
            "\xd0\xb8\xd0\xb7\xd1\x82\xd0\xbe\xd1\x87\xd0\xbd\xd0\xb8 "
            "\xd0\xb2\xd0\xbe\xd0\xb8\xd0\xbd\xd0\xb8"));
  CHECK(has("eu-207", "alias", "IBDA-C"));
  CHECK_INT(nvals(&S, "eu-207", "alias"), 4);
  CHECK(has("eu-207-sanction", "program", "TERR"));
  CHECK(has("eu-207-sanction", "listingDate", "2018-03-22"));
  e = sink_get(&S, "eu-207");
  CHECK_STR(e ? e->source_id : NULL, "EU.3523.13");
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
             "<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">\n"

static int run_mem(sink *s, idt_ingest_stats *stats, const char *name,
                   const char *xml)
{
  idt_ingest_opts o;
  idt_mem m;
  sink_init(s);
  o = sink_opts(s);
  o.stats = stats;
  o.dataset = NULL;
  m.p = xml;
  m.n = strlen(xml);
  return idt_ingest_eu_xml_mem(name, m, &o);
}

/* Identification codes, contactInfo, a subject type that is neither, a
 * year+month birth date with a place, no euReferenceNumber, only weak
 * names: written here, not taken from a listing. */
TEST(synthetic_forms)
{
  static const char xml[] = HEAD
    "<sanctionEntity logicalId=\"1\" designationDetails=\"Why listed.\">\n"
    " <subjectType code=\"person\" classificationCode=\"P\"/>\n"
    " <nameAlias wholeName=\"Test Person\" gender=\"F\" title=\"Dr\" strong=\"true\"/>\n"
    " <birthdate birthdate=\"\" year=\"1970\" monthOfYear=\"5\" dayOfMonth=\"\""
    " city=\"Minsk\" countryIso2Code=\"BY\" countryDescription=\"BELARUS\"/>\n"
    " <identification identificationTypeCode=\"id\" identificationTypeDescription=\"National identification card\""
    " number=\"AB 12/34\" countryIso2Code=\"by\" issuedBy=\"Ministry\"/>\n"
    " <identification identificationTypeCode=\"other\" number=\"X-9\"/>\n"
    " <identification identificationTypeCode=\"fiscalcode\" number=\"TAX1\"/>\n"
    " <identification identificationTypeCode=\"passport\" number=\"\" latinNumber=\"P77\"/>\n"
    "</sanctionEntity>\n"
    "<sanctionEntity logicalId=\"2\" euReferenceNumber=\"EU.2.2\">\n"
    " <subjectType code=\"vessel\"/>\n"
    " <nameAlias wholeName=\"Test Shipping\" strong=\"false\"/>\n"
    " <identification identificationTypeCode=\"regnumber\" number=\"R1\"/>\n"
    " <identification identificationTypeCode=\"imo\" number=\"1234567\"/>\n"
    " <citizenship countryIso2Code=\"00\" countryDescription=\"Iran\"/>\n"
    " <address street=\"1 Main St\" zipCode=\"220000\" city=\"Minsk\" countryIso2Code=\"00\" countryDescription=\"UNKNOWN\">\n"
    "  <contactInfo key=\"PHONE\" value=\"+375 17 000\"/><contactInfo key=\"EMAIL\" value=\"a@example.org\"/>\n"
    "  <contactInfo key=\"WEB\" value=\"https://example.org\"/><contactInfo key=\"TELEX\" value=\"123\"/>\n"
    " </address>\n"
    " <address countryIso2Code=\"IR\" countryDescription=\"IRAN\"/>\n"
    "</sanctionEntity>\n"
    "</export>\n";
  sink s;
  idt_ingest_stats stats;
  memset(&stats, 0, sizeof stats);
  CHECK_OK(run_mem(&s, &stats, "syn.xml", xml));
  CHECK(has_in(&s, "eu-1", "gender", "female"));
  CHECK(has_in(&s, "eu-1", "title", "Dr"));
  CHECK(has_in(&s, "eu-1", "birthDate", "1970-05"));
  CHECK(has_in(&s, "eu-1", "birthPlace", "Minsk, BELARUS"));
  CHECK(has_in(&s, "eu-1", "birthCountry", "by"));
  CHECK(has_in(&s, "eu-1", "idNumber", "AB 12/34"));
  CHECK(has_in(&s, "eu-1", "idNumber", "X-9"));
  CHECK(has_in(&s, "eu-1", "taxNumber", "TAX1"));
  CHECK(has_in(&s, "eu-1", "passportNumber", "P77"));
  CHECK(has_in(&s, "eu-1-doc-AB-12-34", "type", "National identification card"));
  CHECK(has_in(&s, "eu-1-doc-AB-12-34", "country", "by"));
  CHECK(has_in(&s, "eu-1-doc-AB-12-34", "authority", "Ministry"));
  CHECK_STR(sink_get(&s, "eu-1-doc-AB-12-34")
                ? sink_get(&s, "eu-1-doc-AB-12-34")->schema->name : NULL,
            "Identification");
  CHECK(sink_get(&s, "eu-1-doc-X-9") == NULL);
  CHECK(has_in(&s, "eu-1-doc-P77", "number", "P77"));
  CHECK(has_in(&s, "eu-1-sanction", "reason", "Why listed."));
  CHECK_STR(sink_get(&s, "eu-1") ? sink_get(&s, "eu-1")->source_id : NULL, "1");
  CHECK_STR(sink_get(&s, "eu-1") ? sink_get(&s, "eu-1")->dataset : NULL, "eu_fsf");
  /* vessel: an Organization and a warning; only a weak name */
  CHECK_STR(sink_get(&s, "eu-2") ? sink_get(&s, "eu-2")->schema->name : NULL,
            "Organization");
  CHECK(has_in(&s, "eu-2", "name", "Test Shipping"));
  CHECK(has_in(&s, "eu-2", "weakAlias", "Test Shipping"));
  CHECK(has_in(&s, "eu-2", "registrationNumber", "R1"));
  CHECK(has_in(&s, "eu-2", "imoNumber", "1234567"));
  CHECK(has_in(&s, "eu-2", "country", "ir"));
  CHECK(has_in(&s, "eu-2", "address", "1 Main St, 220000, Minsk"));
  CHECK_INT(nvals(&s, "eu-2", "address"), 1);
  CHECK(has_in(&s, "eu-2", "phone", "+375 17 000"));
  CHECK(has_in(&s, "eu-2", "email", "a@example.org"));
  CHECK(has_in(&s, "eu-2", "website", "https://example.org"));
  CHECK_INT(stats.listed, 2);
  CHECK_INT(stats.warnings, 3);   /* vessel, weak-only name, TELEX */
  CHECK(strstr(stats.first_warning, "syn.xml:") != NULL &&
        strstr(stats.first_warning, "vessel") != NULL);
  sink_free(&s);
}

/* Names and addresses longer than the parser's buffers are cut on a
 * character boundary: still valid UTF-8 (3-byte characters here, so a
 * cut at any byte count but a multiple of 3 would split one). */
TEST(long_values_cut_whole)
{
  static char xml[16384];
  char big[3000 + 1];
  const char *v;
  size_t i, o;
  sink s;
  idt_ingest_stats stats;
  for (i = 0; i + 3 <= 3000; i += 3)
    memcpy(big + i, "\xea\xb9\x80", 3);
  big[i] = '\0';
  o = (size_t)snprintf(xml, sizeof xml, HEAD "<sanctionEntity logicalId=\"9\">"
                       "<subjectType code=\"person\"/>"
                       "<nameAlias wholeName=\"xy%s\" strong=\"true\"/>"
                       "<nameAlias firstName=\"%s\" lastName=\"y\" strong=\"false\"/>"
                       "<address street=\"%s\" city=\"z%s\"/>"
                       "</sanctionEntity></export>", big, big, big, big);
  CHECK(o < sizeof xml);
  memset(&stats, 0, sizeof stats);
  CHECK_OK(run_mem(&s, &stats, "long.xml", xml));
  v = sink_get(&s, "eu-9") ? idt_entity_first(sink_get(&s, "eu-9"), "name") : NULL;
  CHECK(v != NULL && strlen(v) > 2000 && strlen(v) < 2048);
  CHECK(v != NULL && idt_utf8_invalid_at(v, strlen(v)) == (size_t)-1);
  v = sink_get(&s, "eu-9") ? idt_entity_first(sink_get(&s, "eu-9"), "weakAlias") : NULL;
  CHECK(v != NULL && strlen(v) > 900 && idt_utf8_invalid_at(v, strlen(v)) == (size_t)-1);
  v = sink_get(&s, "eu-9") ? idt_entity_first(sink_get(&s, "eu-9"), "address") : NULL;
  CHECK(v != NULL && strlen(v) > 1900 && idt_utf8_invalid_at(v, strlen(v)) == (size_t)-1);
  sink_free(&s);
}

static void bad(const char *name, const char *xml, const char *want)
{
  sink s;
  idt_ingest_stats stats;
  int rc;
  memset(&stats, 0, sizeof stats);
  rc = run_mem(&s, &stats, name, xml);
  CHECK_INT(rc, IDT_EPARSE);
  CHECK(strncmp(idt_error_msg(), name, strlen(name)) == 0);
  if (!strstr(idt_error_msg(), want))
    tap_diag("message: %s (want %s)", idt_error_msg(), want);
  CHECK(strstr(idt_error_msg(), want) != NULL);
  sink_free(&s);
}

TEST(bad_input)
{
  char buf[8192];
  FILE *f = fopen(fixture(), "rb");
  size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
  if (f)
    fclose(f);
  CHECK(n > 2000);
  /* the real sample cut mid-file: expat's error with line and offset */
  buf[2000] = '\0';
  bad("trunc.xml", buf, "trunc.xml:");
  bad("trunc.xml", buf, "byte offset");
  bad("wrong.xml", "<?xml version=\"1.0\"?>\n<sanctionsData><sanctionEntity logicalId=\"1\"/>"
      "</sanctionsData>", "wrong.xml:2: export: the root element is <sanctionsData>");
  bad("nolid.xml", HEAD "<sanctionEntity euReferenceNumber=\"EU.1\">\n"
      "<nameAlias wholeName=\"X\"/></sanctionEntity></export>",
      "nolid.xml:3: logicalId: missing");
  bad("noname.xml", HEAD "\n<sanctionEntity logicalId=\"5\">\n"
      "<nameAlias wholeName=\"\" strong=\"true\"/></sanctionEntity></export>",
      "noname.xml:4: nameAlias: no name for eu-5");
  bad("open.xml", HEAD "<sanctionEntity logicalId=\"5\">", "open.xml:3:31: byte offset 121");
  bad("empty.xml", "", "empty.xml:");
  bad("text.xml", "sanctionEntity", "text.xml:1:");
}

/* The format table, the dispatch message, the default dataset. */
TEST(registered)
{
  size_t n, i, found = 0;
  const idt_format_info *f = idt_ingest_formats(&n);
  sink s;
  idt_ingest_opts o;
  const char *p = "x";
  for (i = 0; i < n; i++)
    if (strcmp(f[i].name, "eu-xml") == 0) {
      found++;
      CHECK_STR(f[i].default_dataset, "eu_fsf");
    }
  CHECK_INT(found, 1);
  sink_init(&s);
  o = sink_opts(&s);
  CHECK_INT(idt_ingest_run("eu-xm", &p, 1, &o), IDT_EINVAL);
  CHECK(strstr(idt_error_msg(), "eu-xml") != NULL);
  sink_free(&s);
  /* `interdict update eu` */
  found = 0;
  {
    const idt_update_source *u = idt_update_sources(&n);
    for (i = 0; i < n; i++)
      if (strcmp(u[i].name, "eu") == 0) {
        found++;
        CHECK_STR(u[i].format, "eu-xml");
        CHECK_STR(u[i].dataset, "eu_fsf");
        CHECK_INT(u[i].nurls, 1);
        CHECK(strncmp(u[i].urls[0], "https://webgate.ec.europa.eu/fsd/fsf/public/"
                      "files/xmlFullSanctionsList_1_1/content?token=", 89) == 0);
      }
  }
  CHECK_INT(found, 1);
}

static size_t ncalls, last_done, last_total;
static void on_progress(void *ctx, size_t done, size_t total)
{
  (void)ctx;
  ncalls++;
  last_done = done;
  last_total = total;
}

/* The file path entry point reports progress up to the file's size. */
TEST(progress)
{
  sink s;
  idt_ingest_opts o;
  FILE *f = fopen(fixture(), "rb");
  long size = -1;
  if (f && fseek(f, 0, SEEK_END) == 0)
    size = ftell(f);
  if (f)
    fclose(f);
  CHECK(size > 1000);
  sink_init(&s);
  o = sink_opts(&s);
  o.progress = on_progress;
  CHECK_OK(idt_ingest_eu_xml(fixture(), &o));
  CHECK_INT(ncalls, 1);
  CHECK_INT(last_done, size);
  CHECK_INT(last_total, size);
  CHECK_INT(s.listed, 7);
  sink_free(&s);
}

/* Every allocation of a parse failing in turn (once, and from then on):
 * IDT_ENOMEM or, for a single failure expat recovers from, a complete
 * parse; never a crash, a leak (ASan build) or a partial success. */
static int oom_one(idt_mem m, long k, int sticky)
{
  sink s;
  idt_ingest_opts o;
  idt_ingest_stats stats;
  int rc, bad = 0;
  sink_init(&s);
  o = sink_opts(&s);
  memset(&stats, 0, sizeof stats);
  o.stats = &stats;
  idt_alloc_fail_after(k, sticky);
  rc = idt_ingest_eu_xml_mem("oom.xml", m, &o);
  idt_alloc_fail_after(-1, 0);
  if ((rc == 0 && (sticky || stats.listed != 2)) || (rc && rc != IDT_ENOMEM)) {
    tap_diag("k=%ld%s: rc %d, %zu listed (%s)", k, sticky ? " sticky" : "", rc,
             stats.listed, rc ? idt_error_msg() : "");
    bad = 1;
  }
  sink_free(&s);
  return bad;
}

TEST(oom_sweep)
{
  static char buf[8192];
  FILE *f = fopen(tap_data("fuzz/corpus/eu_xml/weak_and_range.xml"), "rb");
  size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
  unsigned long before, total;
  idt_mem m;
  long k;
  int bad = 0;
  if (f)
    fclose(f);
  CHECK(n > 0);
  m.p = buf;
  m.n = n;
  before = idt_alloc_count();
  bad += oom_one(m, -1, 0);
  total = idt_alloc_count() - before;
  for (k = 0; k < (long)total && bad < 5; k++)
    bad += oom_one(m, k, 0) + oom_one(m, k, 1);
  tap_diag("%lu allocation points swept", total);
  CHECK(total > 20);
  CHECK_INT(bad, 0);
}

static int run_cmd(const char *cmd, char *out, size_t cap)
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

/* Screening finds EU entries: `search` and `screen` with --list eu-xml. */
TEST(screen_cli)
{
  static char out[1 << 16];
  char cmd[4096], q[1100];
  FILE *f;
  snprintf(cmd, sizeof cmd, "'%s' search --list eu-xml:'%s' 'Korea Mining "
           "Development Trading' 2>/dev/null", tap_cli(), fixture());
  CHECK_INT(run_cmd(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "EU.9001.02") != NULL);
  CHECK(strstr(out, "Korea Mining Development Trading Corporation") != NULL);
  snprintf(q, sizeof q, "%s/q.jsonl", tap_tmpdir());
  f = fopen(q, "w");
  CHECK(f != NULL);
  if (!f)
    return;
  fputs("{\"id\":\"a\",\"schema\":\"Person\",\"name\":\"Kim Jong Un\","
        "\"birthDate\":\"1984-01-08\"}\n"
        "{\"id\":\"b\",\"schema\":\"Person\",\"name\":\"Choe Sok Min\"}\n"
        "{\"id\":\"c\",\"name\":\"Zzyzx Qwertyuiop\"}\n", f);
  fclose(f);
  snprintf(cmd, sizeof cmd, "'%s' screen --list eu-xml:'%s' --limit 1 '%s' "
           "2>/dev/null", tap_cli(), fixture(), q);
  CHECK_INT(run_cmd(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "{\"id\":\"a\",\"results\":[{\"entity_id\":\"eu-900001\","
                    "\"dataset\":\"eu_fsf\"") != NULL);
  CHECK(strstr(out, "{\"id\":\"b\",\"results\":[{\"entity_id\":\"eu-900005\"") != NULL);
  CHECK(strstr(out, "{\"id\":\"c\",\"results\":[]") != NULL);
}

int main(void)
{
  RUN(counts);
  RUN(kim_jong_un);
  RUN(komid);
  RUN(bank_swift);
  RUN(passport_and_partial_date);
  RUN(weak_alias_range_description);
  RUN(terr_non_latin);
  RUN(synthetic_forms);
  RUN(long_values_cut_whole);
  RUN(bad_input);
  RUN(registered);
  RUN(oom_sweep);
  RUN(progress);
  RUN(screen_cli);
  if (loaded > 0)
    sink_free(&S);
  return tap_done();
}
