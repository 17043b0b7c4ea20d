/* test_ingest_ftm_csv.c - the ftm (JSON lines) and csv (user watch list)
 * parsers: golden values from OpenSanctions' yente fixtures (data/lists/
 * ftm, read by hand from the JSON) and hand-written watch lists. */
#include "test_ingest_sink.h"

static int has(const sink *s, const char *id, const char *prop, const char *v)
{
  idt_entity *e = sink_get(s, id);
  if (!e) {
    tap_diag("no entity %s", id);
    return 0;
  }
  if (!idt_entity_has(e, prop, v)) {
    tap_diag("%s.%s lacks \"%s\"", id, prop, v);
    return 0;
  }
  return 1;
}

/* zala_network.ftm.json: 91 lines = Sanction 41, Ownership 14, Company 11,
 * Address 11, Person 6, Family 4, Directorship 3, Passport 1. */
TEST(ftm_zala)
{
  sink s;
  idt_ingest_opts o;
  idt_ingest_stats st;
  const char *p = tap_data("data/lists/ftm/zala_network.ftm.json");
  sink_init(&s);
  o = sink_opts(&s);
  memset(&st, 0, sizeof st);
  o.stats = &st;
  CHECK_OK(idt_ingest_run("ftm", &p, 1, &o));
  CHECK_INT(st.listed, 91);
  CHECK_INT(sink_n(&s, "Sanction"), 41);
  CHECK_INT(sink_n(&s, "Ownership"), 14);
  CHECK_INT(sink_n(&s, "Company"), 11);
  CHECK_INT(sink_n(&s, "Person"), 6);
  CHECK_INT(sink_n(&s, "Family"), 4);
  CHECK_INT(sink_n(&s, "Directorship"), 3);
  CHECK_INT(sink_n(&s, "Passport"), 1);
  /* First line: NK-2Tbri3s6GgNtAwsSXh4qpL, Person, innCode 183116181362,
   * birthDate 1988-01-07, datasets[0] gb_coh_disqualified. */
  CHECK(has(&s, "NK-2Tbri3s6GgNtAwsSXh4qpL", "innCode", "183116181362"));
  CHECK(has(&s, "NK-2Tbri3s6GgNtAwsSXh4qpL", "birthDate", "1988-01-07"));
  CHECK(has(&s, "NK-2Tbri3s6GgNtAwsSXh4qpL", "lastName", "Осетрова"));
  CHECK_STR(sink_get(&s, "NK-2Tbri3s6GgNtAwsSXh4qpL")->dataset,
            "gb_coh_disqualified");
  /* ru-29477727...: Ownership owner NK-nR5AXM9AVPq4pQaSPSaVam, asset
   * NK-abdzbEBkqyT29GyREbiURZ, percentage 49. */
  CHECK(has(&s, "ru-29477727b21c0f44d9c8b2e0c3697b8e028f8f5f", "percentage", "49"));
  CHECK(has(&s, "ru-29477727b21c0f44d9c8b2e0c3697b8e028f8f5f", "owner",
            "NK-nR5AXM9AVPq4pQaSPSaVam"));
  sink_free(&s);
}

/* A dataset given by the caller wins over "datasets". */
TEST(ftm_eu_dataset)
{
  sink s;
  idt_ingest_opts o;
  const char *p = tap_data("data/lists/ftm/eu_fsf_sample.ftm.json");
  sink_init(&s);
  o = sink_opts(&s);
  o.dataset = "eu";
  CHECK_OK(idt_ingest_run("ftm", &p, 1, &o));
  CHECK_INT(s.emitted, 7);
  CHECK(has(&s, "NK-2Ka3UvopqbpZmVDFjWd4LA", "birthDate", "1971-01-22"));
  CHECK(has(&s, "NK-2Ka3UvopqbpZmVDFjWd4LA", "nationality", "ru"));
  CHECK_STR(sink_get(&s, "NK-2Ka3UvopqbpZmVDFjWd4LA")->dataset, "eu");
  sink_free(&s);
}

/* Consecutive fragments merge into one emit with the more specific schema;
 * an unknown property is skipped and counted. */
TEST(ftm_fragments_and_warnings)
{
  sink s;
  idt_ingest_opts o;
  idt_ingest_stats st;
  static const char in[] =
    "{\"id\":\"x1\",\"schema\":\"LegalEntity\",\"properties\":{\"name\":[\"A B\"]}}\n"
    "{\"id\":\"x1\",\"schema\":\"Person\",\"properties\":{\"birthDate\":[\"1960\"]}}\n"
    "{\"id\":\"x2\",\"schema\":\"Vessel\",\"properties\":{\"imoNumber\":[\"8604917\"],"
    "\"bogus\":[\"1\"]}}\n";
  idt_mem m = { in, sizeof in - 1 };
  sink_init(&s);
  o = sink_opts(&s);
  memset(&st, 0, sizeof st);
  o.stats = &st;
  CHECK_OK(idt_ingest_ftm_mem("f.json", m, &o));
  CHECK_INT(s.emitted, 2);
  CHECK_STR(sink_get(&s, "x1") ? sink_get(&s, "x1")->schema->name : NULL, "Person");
  CHECK(has(&s, "x1", "name", "A B"));
  CHECK(has(&s, "x1", "birthDate", "1960"));
  CHECK_INT(st.warnings, 1);
  CHECK(strstr(st.first_warning, "f.json:3: schema Vessel has no property 'bogus'") != NULL);
  sink_free(&s);
}

TEST(csv_watchlist)
{
  sink s;
  idt_ingest_opts o;
  static const char in[] =
    "Name,Schema,Aliases,Birth_Date,Country,IMO,MMSI,passport,wallet,ID\n"
    "KIM Jong Un,Person,Kim Chong-un;Kim Jong-eun,08 Jan 1984,\"Korea, North\",,,,,k1\n"
    "YU JONG 2,Vessel,,,kp,8604917,445123000,,,v1\n"
    "LAZARUS GROUP,Organization,HIDDEN COBRA,,KP,,,,"
    "0x098B716B8Aaf21512996dC57EB0615e2383E2f96,\n";
  idt_mem m = { in, sizeof in - 1 };
  sink_init(&s);
  o = sink_opts(&s);
  o.dataset = "mine";
  CHECK_OK(idt_ingest_csv_mem("w.csv", m, &o));
  CHECK(has(&s, "mine-k1", "birthDate", "1984-01-08"));
  CHECK(has(&s, "mine-k1", "alias", "Kim Jong-eun"));
  CHECK(has(&s, "mine-k1", "country", "kp"));
  CHECK_STR(sink_get(&s, "mine-k1") ? sink_get(&s, "mine-k1")->source_id : NULL, "k1");
  CHECK(has(&s, "mine-v1", "imoNumber", "8604917"));
  CHECK(has(&s, "mine-v1", "mmsi", "445123000"));
  /* No id column value: sha256("Organization\nLAZARUS GROUP")[:16] as
   * computed by sha256sum. */
  CHECK(has(&s, "mine-90ea0311474da511", "alias", "HIDDEN COBRA"));
  CHECK(has(&s, "mine-90ea0311474da511-wallet-0x098B716B8Aaf21512996dC57EB0615e2383E2f96",
            "holder", "mine-90ea0311474da511"));
  /* An IMO on a Person is refused with the line. */
  {
    static const char bad[] = "name,schema,imo\nX,Person,1234567\n";
    idt_mem b = { bad, sizeof bad - 1 };
    CHECK_INT(idt_ingest_csv_mem("w.csv", b, &o), IDT_EPARSE);
    CHECK(strstr(idt_error_msg(), "w.csv:2: imo: schema Person has no property "
                 "imoNumber") != NULL);
  }
  sink_free(&s);
}

int main(void)
{
  RUN(ftm_zala);
  RUN(ftm_eu_dataset);
  RUN(ftm_fragments_and_warnings);
  RUN(csv_watchlist);
  return tap_done();
}
