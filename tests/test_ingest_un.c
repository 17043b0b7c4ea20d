/* test_ingest_un.c - golden test of the un-xml parser on the UN Security
 * Council consolidated list of 2026-02-27 (data/lists/un). Expected values
 * were read from the XML by hand; the element quoted is in each comment. */
#include "test_ingest_sink.h"

static sink S;
static int loaded;

static int setup(void)
{
  idt_ingest_opts o;
  const char *p;
  if (loaded)
    return loaded > 0;
  loaded = -1;
  if (!(p = unxz("un/consolidated.xml")))
    return 0;
  sink_init(&S);
  o = sink_opts(&S);
  if (idt_ingest_run("un-xml", &p, 1, &o) != 0) {
    tap_diag("import failed: %s", idt_error_msg());
    return 0;
  }
  loaded = 1;
  return 1;
}

static int has(const char *id, const char *prop, const char *v)
{
  idt_entity *e = sink_get(&S, id);
  if (!e) {
    tap_diag("no entity %s", id);
    return 0;
  }
  if (!idt_entity_has(e, prop, v)) {
    tap_diag("%s.%s lacks \"%s\" (first: %s)", id, prop, v,
             idt_entity_first(e, prop) ? idt_entity_first(e, prop) : "none");
    return 0;
  }
  return 1;
}

/* 1,003 entries: 730 INDIVIDUAL, 273 ENTITY; 155 DPRK = 80 KPi + 75 KPe. */
TEST(counts)
{
  size_t i, kpi = 0, kpe = 0;
  CHECK(setup());
  CHECK_INT(S.listed, 1003);
  CHECK_INT(sink_n(&S, "Person"), 730);
  CHECK_INT(sink_n(&S, "Organization"), 273);
  CHECK_INT(sink_n(&S, "Sanction"), 1003);
  for (i = 0; i < S.byid.cap; i++) {
    const char *k = S.byid.slots[i].key;
    if (!k || strchr(k + 3, '-'))
      continue;
    kpi += strncmp(k, "un-KPi.", 7) == 0;
    kpe += strncmp(k, "un-KPe.", 7) == 0;
  }
  CHECK_INT(kpi, 80);
  CHECK_INT(kpe, 75);
}

/* KPi.033: FIRST_NAME RI, SECOND_NAME WON HO, LISTED_ON 2016-11-30,
 * DESIGNATION "DPRK Ministry of State Security Official", NATIONALITY
 * Democratic People's Republic of Korea, DATE_OF_BIRTH EXACT 1964-07-17,
 * document Passport 381310014. */
TEST(kpi_033)
{
  CHECK(setup());
  CHECK(has("un-KPi.033", "name", "RI WON HO"));
  CHECK(has("un-KPi.033", "firstName", "RI"));
  CHECK(has("un-KPi.033", "birthDate", "1964-07-17"));
  CHECK(has("un-KPi.033", "nationality", "kp"));
  CHECK(has("un-KPi.033", "passportNumber", "381310014"));
  CHECK(has("un-KPi.033", "position", "DPRK Ministry of State Security Official"));
  CHECK(has("un-KPi.033-sanction", "listingDate", "2016-11-30"));
  CHECK(has("un-KPi.033-sanction", "program", "DPRK"));
  CHECK(has("un-KPi.033-sanction", "unscId", "KPi.033"));
  CHECK(has("un-KPi.033-sanction", "authority", "United Nations Security Council"));
  CHECK_STR(sink_get(&S, "un-KPi.033") ? sink_get(&S, "un-KPi.033")->source_id
                                       : NULL, "KPi.033");
}

/* KPe.022 COMMENTS1 "IMO Number: 5342883. The Chongchongang Shipping
 * Company ..."; KPe.056 "... IMO number: 5571322." */
TEST(kpe_imo_from_comments)
{
  CHECK(setup());
  CHECK(has("un-KPe.022", "imoNumber", "5342883"));
  CHECK(has("un-KPe.056", "imoNumber", "5571322"));
  CHECK(has("un-KPe.022", "topics", "sanction"));
  /* KPe.033 COMMENTS1 "... SWIFT/BIC: KUDBKPPY" */
  CHECK(has("un-KPe.033", "swiftBic", "KUDBKPPY"));
}

/* Alias quality: KPe.001 ENTITY_ALIAS Good "KOMID" (quoted in the file);
 * KPe.002 f.k.a. "LYONGAKSAN GENERAL TRADING CORPORATION"; KPi.064 Low
 * "Choe Sok Min". DOB BETWEEN: KPi.066 FROM_YEAR 1967 TO_YEAR 1969. */
TEST(aliases_and_dob_forms)
{
  CHECK(setup());
  CHECK(has("un-KPe.001", "alias", "KOMID"));
  CHECK(has("un-KPe.001", "name", "KOREA MINING DEVELOPMENT TRADING CORPORATION"));
  CHECK(has("un-KPe.002", "previousName", "LYONGAKSAN GENERAL TRADING CORPORATION"));
  CHECK(has("un-KPi.064", "weakAlias", "Choe Sok Min"));
  CHECK(has("un-KPi.066", "birthDate", "1967"));
  CHECK(has("un-KPi.066", "birthDate", "1968"));
  CHECK(has("un-KPi.066", "birthDate", "1969"));
}

/* CDi.001: FIRST_NAME ERIC, SECOND_NAME BADEGE, GENDER Male, DOB EXACT YEAR
 * 1971, INDIVIDUAL_ADDRESS COUNTRY Rwanda, UN_LIST_TYPE DRC, LISTED_ON
 * 2012-12-31. */
TEST(other_regime)
{
  CHECK(setup());
  CHECK(has("un-CDi.001", "name", "ERIC BADEGE"));
  CHECK(has("un-CDi.001", "gender", "male"));
  CHECK(has("un-CDi.001", "birthDate", "1971"));
  CHECK(has("un-CDi.001", "nationality", "cd"));
  CHECK(has("un-CDi.001", "country", "rw"));
  CHECK(has("un-CDi.001-sanction", "program", "DRC"));
  CHECK(has("un-CDi.001-sanction", "listingDate", "2012-12-31"));
}

static size_t ncalls, last_done, last_total;
static void on_progress(void *ctx, size_t done, size_t total)
{
  (void)ctx;
  ncalls++;
  last_done = done;
  last_total = total;
}

/* The 2,030,620-byte file is fed in 256 KiB pieces: 8 progress calls, the
 * last with done == total. */
TEST(progress)
{
  sink s;
  idt_ingest_opts o;
  const char *p = unxz("un/consolidated.xml");
  sink_init(&s);
  o = sink_opts(&s);
  o.progress = on_progress;
  CHECK_OK(idt_ingest_un_xml(p, &o));
  CHECK_INT(ncalls, 8);
  CHECK_INT(last_done, 2030620);
  CHECK_INT(last_total, 2030620);
  sink_free(&s);
}

int main(void)
{
  RUN(counts);
  RUN(kpi_033);
  RUN(kpe_imo_from_comments);
  RUN(aliases_and_dob_forms);
  RUN(other_regime);
  RUN(progress);
  if (loaded > 0)
    sink_free(&S);
  return tap_done();
}
