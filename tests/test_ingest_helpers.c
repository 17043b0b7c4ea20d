/* test_ingest_helpers.c - the shared ingest helpers, white-box: list date
 * forms to ISO 8601, country names (ICU + aliases) to codes, OFAC names,
 * and the OFAC remark table on single segments. */
#include "tap.h"
#include "ingest/ingest_int.h"
#include "common/util.h"

static const char *iso(const char *s)
{
  static char out[11];
  return idt__date_iso(s, strlen(s), out) == 0 ? out : "ERR";
}

TEST(dates)
{
  CHECK_STR(iso("08 Jan 1984"), "1984-01-08");
  CHECK_STR(iso("8 Jan 1984"), "1984-01-08");
  CHECK_STR(iso("Sep 1938"), "1938-09");
  CHECK_STR(iso("1946"), "1946");
  CHECK_STR(iso("circa 1962"), "1962");
  CHECK_STR(iso("1964-07-17"), "1964-07-17");
  CHECK_STR(iso("1964-07"), "1964-07");
  CHECK_STR(iso("31 Feb 1984"), "ERR");
  CHECK_STR(iso("1984-13-01"), "ERR");
  CHECK_STR(iso("Jan"), "ERR");
  CHECK_STR(iso(""), "ERR");
  CHECK_STR(iso("08 Jan 1984 extra"), "ERR");
  /* users' forms: year first, day first, month first only when the day
   * cannot be a month; month names first */
  CHECK_STR(iso("1984.01.08"), "1984-01-08");
  CHECK_STR(iso("1984/1/8"), "1984-01-08");
  CHECK_STR(iso("19840108"), "1984-01-08");
  CHECK_STR(iso("08.01.1984"), "1984-01-08");
  CHECK_STR(iso("8/1/1984"), "1984-01-08");
  CHECK_STR(iso("01/28/1984"), "1984-01-28");
  CHECK_STR(iso("28-01-1984"), "1984-01-28");
  CHECK_STR(iso("January 8, 1984"), "1984-01-08");
  CHECK_STR(iso("Jan 8 1984"), "1984-01-08");
  CHECK_STR(iso("08.01/1984"), "ERR");   /* two separators */
  CHECK_STR(iso("13/13/1984"), "ERR");
  CHECK_STR(iso("1984.1"), "ERR");
  CHECK_STR(iso("1937-5-28"), "1937-05-28");   /* ISO unpadded */
  CHECK_STR(iso("1974-02-6"), "1974-02-06");
  CHECK_STR(iso("19841308"), "ERR");
}

static const char *cc(const char *s)
{
  const char *c = idt__country_code(s, strlen(s));
  return c ? c : "NULL";
}

/* Spellings as OFAC and the UN write them. */
TEST(countries)
{
  CHECK_STR(cc("Korea, North"), "kp");
  CHECK_STR(cc("Democratic People's Republic of Korea"), "kp");
  CHECK_STR(cc("North Korea"), "kp");
  CHECK_STR(cc("Korea, South"), "kr");
  CHECK_STR(cc("Burma"), "mm");
  CHECK_STR(cc("Russia"), "ru");
  CHECK_STR(cc("Russian Federation"), "ru");
  CHECK_STR(cc("Iran"), "ir");
  CHECK_STR(cc("Iran (Islamic Republic of)"), "ir");
  CHECK_STR(cc("Syrian Arab Republic"), "sy");
  CHECK_STR(cc("Congo, Democratic Republic of the"), "cd");
  CHECK_STR(cc("Bosnia and Herzegovina"), "ba");
  CHECK_STR(cc("Bosnia-Herzegovina"), "ba");
  CHECK_STR(cc("United Kingdom"), "gb");
  CHECK_STR(cc("Germany"), "de");
  CHECK_STR(cc("Sierra Leone"), "sl");
  CHECK_STR(cc("T\xc3\xbcrkiye"), "tr");
  CHECK_STR(cc("  china "), "cn");
  CHECK_STR(cc("Atlantis"), "NULL");
  CHECK_STR(cc(""), "NULL");
}

TEST(notes_cut_on_characters)
{
  /* an unknown country of 300 two-byte letters makes a note cut at 400
   * bytes: on a character boundary, so the note is valid UTF-8 */
  idt_arena a;
  idt_entity *e = NULL;
  char name[700];
  const char *n;
  size_t i;
  idt_arena_init(&a);
  name[0] = 'x';   /* odd offset: byte 400 falls inside a letter */
  for (i = 0; i < 300; i++)
    memcpy(name + 1 + 2 * i, "\xc3\xa9", 2);
  name[601] = 0;
  CHECK_OK(idt_entity_new(&e, &a, idt_schema_get("Person"), "p1"));
  CHECK_OK(idt__add_country(e, "nationality", "Nationality", name, strlen(name)));
  CHECK_OK(idt__add_dates(e, "birthDate", "DOB", name, strlen(name)));
  n = idt_entity_first(e, "notes");
  CHECK(n && strlen(n) > 400);
  {
    const char *v[8];
    size_t k, nv = idt_entity_values(e, "notes", v, 8);
    CHECK_INT(nv, 2);
    for (k = 0; k < nv && k < 8; k++)
      CHECK(idt_utf8_invalid_at(v[k], strlen(v[k])) == (size_t)-1);
  }
  CHECK_INT(idt_utf8_prefix("a\xc3\xa9", 3, 2), 1);
  CHECK_INT(idt_utf8_prefix("a\xc3\xa9", 3, 3), 3);
  CHECK_INT(idt_utf8_prefix("abc", 3, 9), 3);
  idt_arena_free(&a);
}

static idt_entity *person(idt_arena *a)
{
  idt_entity *e = NULL;
  CHECK_OK(idt_entity_new(&e, a, idt_schema_get("Person"), "p1"));
  return e;
}

TEST(date_ranges)
{
  idt_arena a;
  idt_entity *e;
  idt_arena_init(&a);
  e = person(&a);
  CHECK_OK(idt__add_dates(e, "birthDate", "DOB", "1950 to 1955", 12));
  CHECK_INT(idt_entity_values(e, "birthDate", NULL, 0), 6);
  CHECK_OK(idt__add_dates(e, "birthDate", "DOB", "01 Jan 1900 to 31 Dec 1950", 26));
  CHECK(idt_entity_has(e, "birthDate", "1900-01-01"));
  CHECK(idt_entity_has(e, "birthDate", "1950-12-31"));
  CHECK(!idt_entity_has(e, "birthDate", "1925"));
  CHECK_OK(idt__add_dates(e, "birthDate", "DOB", "circa 1979-1982", 15));
  CHECK(idt_entity_has(e, "birthDate", "1979"));
  CHECK(idt_entity_has(e, "birthDate", "1981"));
  CHECK(idt_entity_has(e, "birthDate", "1982"));
  CHECK_OK(idt__add_dates(e, "birthDate", "DOB", "sometime", 8));
  CHECK(idt_entity_has(e, "notes", "DOB sometime"));
  /* "circa "'s blank starts " to ": no range, a note (read past the text
   * before: the fuzzer's un_xml crash of 2026-11-27) */
  CHECK_OK(idt__add_dates(e, "birthDate", "DOB", "circa to  7-17", 14));
  CHECK(idt_entity_has(e, "notes", "DOB to  7-17"));
  CHECK_OK(idt__add_dates(e, "birthDate", "DOB", "circa 1950 to 1951", 18));
  CHECK(idt_entity_has(e, "birthDate", "1951"));
  idt_arena_free(&a);
}

static int nolink(void *ctx, const idt_entity *s, const char *n, size_t l, int op)
{
  (void)s;
  (void)n;
  (void)l;
  (void)op;
  ++*(int *)ctx;
  return 0;
}

TEST(ofac_remarks)
{
  idt_arena a;
  idt__remarks r;
  int links = 0;
  const char *rem = "DOB circa 1962; alt. DOB Jan 1963; POB Pyongyang, Korea, "
                    "North; citizen Korea, North; Gender Female; Passport "
                    "563120630 (Korea, North) expires 20 Mar 2018; a.k.a. "
                    "'KIM, Ok'; Linked To: X CORP.; Unknown Label 5.";
  idt_arena_init(&a);
  memset(&r, 0, sizeof r);
  r.e = person(&a);
  r.arena = &a;
  r.link = nolink;
  r.link_ctx = &links;
  CHECK_OK(idt__ofac_remarks(&r, rem, strlen(rem)));
  CHECK(idt_entity_has(r.e, "birthDate", "1962"));
  CHECK(idt_entity_has(r.e, "birthDate", "1963-01"));
  CHECK(idt_entity_has(r.e, "birthPlace", "Pyongyang, Korea, North"));
  CHECK(idt_entity_has(r.e, "birthCountry", "kp"));
  CHECK(idt_entity_has(r.e, "citizenship", "kp"));
  CHECK(idt_entity_has(r.e, "gender", "female"));
  CHECK(idt_entity_has(r.e, "passportNumber", "563120630"));
  CHECK(idt_entity_has(r.e, "alias", "KIM Ok"));
  CHECK(idt_entity_has(r.e, "notes", "Unknown Label 5"));
  CHECK_INT(links, 1);
  CHECK_INT(r.nderived, 1);
  if (r.nderived) {
    CHECK(idt_entity_has(r.derived[0], "country", "kp"));
    CHECK(idt_entity_has(r.derived[0], "endDate", "2018-03-20"));
  }
  idt_arena_free(&a);
}

int main(void)
{
  RUN(dates);
  RUN(countries);
  RUN(notes_cut_on_characters);
  RUN(date_ranges);
  RUN(ofac_remarks);
  return tap_done();
}
