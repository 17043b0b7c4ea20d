/* test_ingest_fail.c - malformed, truncated and non-UTF-8 input is refused
 * with a message naming the file and line or byte offset, and an OOM sweep:
 * failing the k-th allocation of a small real input, for every k, makes
 * each parser return IDT_ENOMEM cleanly (no crash; ASan checks leaks). */
#include <stdlib.h>
#include "test_ingest_sink.h"

static int nop(void *ctx, idt_entity *e)
{
  (void)ctx;
  (void)e;
  return 0;
}

static idt_ingest_opts nop_opts(void)
{
  idt_ingest_opts o = IDT_INGEST_OPTS_INIT;
  o.emit = nop;
  return o;
}

static idt_mem M(const char *s)
{
  idt_mem m;
  m.p = s;
  m.n = strlen(s);
  return m;
}

static int msg_has(const char *needle)
{
  if (strstr(idt_error_msg(), needle))
    return 1;
  tap_diag("message \"%s\" lacks \"%s\"", idt_error_msg(), needle);
  return 0;
}

/* Real rows of sdn.csv (2024-05-03), the third cut inside its quoted
 * remarks as a truncated download would be. */
static const char sdn3[] =
  "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
  "306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'BNC'.\"\r\n"
  "20157,\"KIM, Jong Un\",\"individual\",\"DPRK3\",\"Chairman of the Workers' "
  "Party of Korea\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 08 Jan 1984; Secondary sanc";

TEST(ofac_truncated_quote)
{
  idt_ingest_opts o = nop_opts();
  idt_mem none = { NULL, 0 };
  int rc = idt_ingest_ofac_csv_mem(M(sdn3), none, none, none, &o);
  CHECK_INT(rc, IDT_EPARSE);
  CHECK(msg_has("sdn.csv:3:"));
  CHECK(msg_has("unterminated quoted field"));
}

TEST(ofac_missing_column)
{
  idt_ingest_opts o = nop_opts();
  idt_mem none = { NULL, 0 };
  int rc = idt_ingest_ofac_csv_mem(M("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n"),
                                   none, none, none, &o);
  CHECK_INT(rc, IDT_EPARSE);
  CHECK(msg_has("sdn.csv:1: record: expected 12 columns, got 4"));
}

TEST(ofac_alt_stray_quote)
{
  idt_ingest_opts o = nop_opts();
  idt_mem none = { NULL, 0 };
  int rc = idt_ingest_ofac_csv_mem(M("36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"),
                                   M("36,12,\"aka\",\"AERO\"x,-0- \r\n"),
                                   none, none, &o);
  CHECK_INT(rc, IDT_EPARSE);
  CHECK(msg_has("alt.csv:1:"));
}

TEST(ftm_not_utf8)
{
  idt_ingest_opts o = nop_opts();
  int rc = idt_ingest_ftm_mem("t.ftm.json",
      M("{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n"
        "{\"id\":\"b\",\"schema\":\"Person\",\"properties\":{\"name\":[\"J\xe9r\xf4me\"]}}\n"),
      &o);
  CHECK_INT(rc, IDT_EUTF8);
  CHECK(msg_has("t.ftm.json:2:"));
  CHECK(msg_has("t.ftm.json:2:53: byte offset 109:"));
}

TEST(ftm_bad_json_line)
{
  idt_ingest_opts o = nop_opts();
  int rc = idt_ingest_ftm_mem("t.ftm.json",
      M("{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n"
        "\n{\"id\":\"b\",\"schema\":\"Person\",\"properties\":{\"name\":[\"B\"]}\n"),
      &o);
  CHECK_INT(rc, IDT_EPARSE);
  CHECK(msg_has("t.ftm.json:3:"));
  CHECK(msg_has("JSON"));
}

TEST(ftm_unknown_schema)
{
  idt_ingest_opts o = nop_opts();
  int rc = idt_ingest_ftm_mem("t.ftm.json",
      M("{\"id\":\"a\",\"schema\":\"Persn\",\"properties\":{}}\n"), &o);
  CHECK_INT(rc, IDT_ESCHEMA);
  CHECK(msg_has("t.ftm.json:1: schema: unknown FtM schema 'Persn'"));
}

TEST(csv_not_utf8)
{
  idt_ingest_opts o = nop_opts();
  int rc = idt_ingest_csv_mem("w.csv", M("name,country\nJ\xe9r\xf4me,fr\n"), &o);
  CHECK_INT(rc, IDT_EUTF8);
  CHECK(msg_has("w.csv:2:2: byte offset 14"));
}

TEST(csv_unknown_column_and_bad_date)
{
  idt_ingest_opts o = nop_opts();
  CHECK_INT(idt_ingest_csv_mem("w.csv", M("name,nationalty\nX,kp\n"), &o),
            IDT_EPARSE);
  CHECK(msg_has("w.csv:1: column 'nationalty': unknown"));
  CHECK_INT(idt_ingest_csv_mem("w.csv", M("name,schema,dob\nX,Person,1984-13-01\n"),
                               &o), IDT_EPARSE);
  CHECK(msg_has("w.csv:2: birth_date: not a date"));
  CHECK_INT(idt_ingest_csv_mem("w.csv", M("id,schema\n1,Person\n"), &o),
            IDT_EPARSE);
  CHECK(msg_has("column 'name': required"));
  CHECK_INT(idt_ingest_csv_mem("w.csv", M("name,notes\n\"X,\"unterminated\n"), &o),
            IDT_EPARSE);
  CHECK(msg_has("w.csv:2:"));
}

TEST(xml_truncated)
{
  idt_ingest_opts o = nop_opts();
  int rc = idt_ingest_un_xml_mem("un.xml",
      M("<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n"
        "<INDIVIDUAL><FIRST_NAME>RI</FIRST_NAME>\n<REFERENCE_NUMBER>KPi.0"), &o);
  CHECK_INT(rc, IDT_EPARSE);
  CHECK(msg_has("un.xml:5:"));
  CHECK(msg_has("byte offset"));
}

TEST(xml_missing_reference)
{
  idt_ingest_opts o = nop_opts();
  int rc = idt_ingest_un_xml_mem("un.xml",
      M("<CONSOLIDATED_LIST><INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>RI</FIRST_NAME>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"), &o);
  CHECK_INT(rc, IDT_EPARSE);
  CHECK(msg_has("un.xml:2: REFERENCE_NUMBER: missing"));
}

TEST(unknown_format)
{
  idt_ingest_opts o = nop_opts();
  const char *p = "x";
  CHECK_INT(idt_ingest_run("ofac-xml", &p, 1, &o), IDT_EINVAL);
  CHECK(msg_has("unknown import format 'ofac-xml'"));
}

/* ---- OOM sweep ---- */

static char *slurp(const char *rel, size_t *n)
{
  FILE *f = fopen(tap_data(rel), "rb");
  char *b;
  long len;
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  len = ftell(f);
  fseek(f, 0, SEEK_SET);
  b = malloc((size_t)len + 1);
  if (b && fread(b, 1, (size_t)len, f) != (size_t)len) {
    free(b);
    b = NULL;
  }
  fclose(f);
  if (b)
    b[len] = '\0';
  *n = (size_t)len;
  return b;
}

typedef int (*run_fn)(idt_mem in, const idt_ingest_opts *o);

static int run_ofac(idt_mem in, const idt_ingest_opts *o)
{
  idt_mem part[4] = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 }, { NULL, 0 } };
  const char *p = in.p, *end = in.p + in.n;
  int i;
  for (i = 0; i < 4; i++) {
    const char *rs = memchr(p, 0x1E, (size_t)(end - p));
    part[i].p = p;
    part[i].n = rs ? (size_t)(rs - p) : (size_t)(end - p);
    if (!rs)
      break;
    p = rs + 1;
  }
  return idt_ingest_ofac_csv_mem(part[0], part[1], part[2], part[3], o);
}
static int run_un(idt_mem in, const idt_ingest_opts *o)
{ return idt_ingest_un_xml_mem("un.xml", in, o); }
static int run_ftm(idt_mem in, const idt_ingest_opts *o)
{ return idt_ingest_ftm_mem("t.ftm.json", in, o); }
static int run_csv(idt_mem in, const idt_ingest_opts *o)
{ return idt_ingest_csv_mem("w.csv", in, o); }

/* One run with allocation k failing (once, or sticky: k and every later
 * one). Returns 0 when the outcome is acceptable: IDT_ENOMEM, or (only when
 * not sticky, as libcsv retries a failed realloc with a smaller size) a
 * complete success. */
static int one(idt_mem m, run_fn fn, long k, int sticky, size_t want,
               const char *rel)
{
  sink s;
  idt_ingest_opts o;
  idt_ingest_stats st;
  int rc, bad = 0;
  sink_init(&s);
  o = sink_opts(&s);
  memset(&st, 0, sizeof st);
  o.stats = &st;
  idt_alloc_fail_after(k, sticky);
  rc = fn(m, &o);
  idt_alloc_fail_after(-1, 0);
  if (rc == 0 && (sticky || st.listed != want)) {
    tap_diag("%s: k=%ld%s: success with %zu listed, want ENOMEM or %zu", rel,
             k, sticky ? " sticky" : "", st.listed, want);
    bad = 1;
  } else if (rc != 0 && rc != IDT_ENOMEM) {
    tap_diag("%s: k=%ld%s: rc %d (%s)", rel, k, sticky ? " sticky" : "", rc,
             idt_error_msg());
    bad = 1;
  }
  sink_free(&s);
  return bad;
}

/* Count the allocations of a clean run (the sink's copies included), then
 * fail each of them in turn, once and sticky. */
static void sweep(const char *rel, run_fn fn, size_t want_listed)
{
  size_t n;
  char *in = slurp(rel, &n);
  unsigned long before, total;
  long k;
  int bad = 0;
  idt_mem m;
  CHECK(in != NULL);
  if (!in)
    return;
  m.p = in;
  m.n = n;
  before = idt_alloc_count();
  bad += one(m, fn, -1, 0, want_listed, rel);
  total = idt_alloc_count() - before;
  for (k = 0; k < (long)total && bad < 5; k++) {
    bad += one(m, fn, k, 0, want_listed, rel);
    bad += one(m, fn, k, 1, want_listed, rel);
  }
  tap_diag("%s: %lu allocation points swept", rel, total);
  CHECK(total > 0);
  CHECK_INT(bad, 0);
  free(in);
}

TEST(oom_ofac)
{
  sweep("fuzz/corpus/ofac_csv/dprk_people.txt", run_ofac, 3);
  sweep("fuzz/corpus/ofac_csv/lazarus_cut.txt", run_ofac, 1);
  sweep("fuzz/corpus/ofac_csv/vessels.txt", run_ofac, 4);
}
TEST(oom_un)
{
  sweep("fuzz/corpus/un_xml/kp_pair.xml", run_un, 2);
  sweep("fuzz/corpus/un_xml/kp_alias.xml", run_un, 4);
}
TEST(oom_ftm)
{
  sweep("fuzz/corpus/ftm/fragments.json", run_ftm, 2);
  sweep("fuzz/corpus/ftm/eu_fsf.json", run_ftm, 7);
}
TEST(oom_csv) { sweep("fuzz/corpus/csv/basic.csv", run_csv, 3); }

int main(void)
{
  RUN(ofac_truncated_quote);
  RUN(ofac_missing_column);
  RUN(ofac_alt_stray_quote);
  RUN(ftm_not_utf8);
  RUN(ftm_bad_json_line);
  RUN(ftm_unknown_schema);
  RUN(csv_not_utf8);
  RUN(csv_unknown_column_and_bad_date);
  RUN(xml_truncated);
  RUN(xml_missing_reference);
  RUN(unknown_format);
  RUN(oom_ofac);
  RUN(oom_un);
  RUN(oom_ftm);
  RUN(oom_csv);
  return tap_done();
}
