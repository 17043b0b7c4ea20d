/*
 * test_ais_decoder.c - the layers one by one, on real sentences: sentence
 * parsing (talkers, checksums, tag blocks, trailing time, $PGHP), armouring,
 * reassembly (interleaving, out of order, ageing, a reused sequence id),
 * type 24 pairing, length policies, sentinels, and the CLI's --errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "tap.h"
#include "interdict/ais.h"

static int feed(idt_ais_decoder *d, const char *line, idt_ais_msg *m)
{
  return idt_ais_decoder_line(d, line, strlen(line), m);
}

TEST(sentence_fields)
{
  idt_ais_sentence s;
  const char *l = "!BSVDO,2,1,7,B,<TpL50u8F10D8L>222202OmvUEEEOPAsQUnl800Ang0@0:mC1W3ws02837m:,0*26";
  /* recomputed checksum below, so this exercises the field split */
  char line[200];
  unsigned x = 0;
  size_t i;
  snprintf(line, sizeof line, "%.*s", (int)(strchr(l, '*') - l), l);
  for (i = 1; line[i]; i++)
    x ^= (unsigned char)line[i];
  snprintf(line + strlen(line), 8, "*%02X\r\n", x);
  CHECK_OK(idt_ais_sentence_parse(&s, line, strlen(line)));
  CHECK_STR(s.talker, "BS");
  CHECK_INT(s.own, 1);
  CHECK_INT(s.count, 2);
  CHECK_INT(s.index, 1);
  CHECK_INT(s.seqid, 7);
  CHECK_INT(s.channel, 'B');
  CHECK_INT(s.payload_len, 60);
  CHECK_INT(s.fill, 0);
  CHECK(s.time == IDT_AIS_NOTIME);
}

TEST(sentence_rejects)
{
  idt_ais_sentence s;
  /* sample.aivdm's first type 1 with one payload character changed */
  CHECK_INT(idt_ais_sentence_parse(&s, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CR,0*4A", 48),
            IDT_EPARSE);
  CHECK(strstr(idt_error_msg(), "checksum mismatch"));
  CHECK_INT(idt_ais_sentence_parse(&s, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0", 44),
            IDT_EPARSE);
  CHECK_INT(idt_ais_sentence_parse(&s, "$GPGGA,213950.00,5250.53669,N*7B", 32), IDT_ENOTFOUND);
  CHECK_INT(idt_ais_sentence_parse(&s, "# comment", 9), IDT_ENOTFOUND);
  CHECK_INT(idt_ais_sentence_parse(&s, "!AIVDM,0,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A", 48),
            IDT_EPARSE);
  CHECK_OK(idt_ais_sentence_parse(&s, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A", 48));
}

TEST(timestamps)
{
  idt_ais_sentence s;
  idt_ais_decoder *d;
  idt_ais_msg *m = malloc(sizeof *m);
  const char *tb = "\\s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53*55\\"
                   "!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78";
  CHECK_OK(idt_ais_sentence_parse(&s, tb, strlen(tb)));
  CHECK_INT(s.time, 1418172113);
  CHECK_INT(s.source_len, 11);
  CHECK(s.source && !strncmp(s.source, "rORBCOMM104", 11));
  /* libais tagblock.nmea, with the tag block checksum broken: the tag block
   * is ignored, the sentence (its own checksum good) still parses */
  CHECK_OK(idt_ais_sentence_parse(&s, "\\s:rORBCOMM104,c:1418172113*56\\!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78", 79));
  CHECK(s.time == IDT_AIS_NOTIME);
  CHECK(s.source == NULL);
  /* NAIS style: trailing receiver id and unix time (gpsd sample.aivdm) */
  {
    const char *nais = "!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70,b003669794,1272412827";
    CHECK_OK(idt_ais_sentence_parse(&s, nais, strlen(nais)));
  }
  CHECK_INT(s.time, 1272412827);
  /* $PGHP dates the next sentence (dma-aislib stream_example.txt) */
  CHECK_OK(idt_ais_decoder_new(&d, NULL));
  CHECK_INT(feed(d, "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B", m), 0);
  CHECK_INT(feed(d, "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B", m), 1);
  CHECK_INT(m->time, 1276256771);   /* 2010-06-11T11:46:11Z */
  CHECK_INT(feed(d, "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B", m), 1);
  CHECK(m->time == IDT_AIS_NOTIME);  /* only the next sentence */
  idt_ais_decoder_free(d);
  free(m);
}

TEST(armour)
{
  uint8_t bits[64];
  size_t n = 0;
  memset(bits, 0xAA, sizeof bits);
  CHECK_OK(idt_ais_dearmor(bits, 512, &n, "15RTgt0PAso;90TKcjM8h6g208CQ", 28));
  CHECK_INT(n, 168);
  CHECK_INT(idt_ais_ubits(bits, n, 0, 6), 1);
  CHECK_INT(idt_ais_ubits(bits, n, 8, 30), 371798000);
  CHECK_INT(idt_ais_sbits(bits, n, 42, 8), -127);
  CHECK_INT(idt_ais_sbits(bits, n, 61, 28), -74037230);
  CHECK_INT(idt_ais_ubits(bits, n, 168, 32), 0);   /* past the end reads 0 */
  /* continuing at an odd bit offset equals de-armouring in one go */
  {
    uint8_t b2[64];
    size_t n2 = 0;
    memset(b2, 0x55, sizeof b2);
    CHECK_OK(idt_ais_dearmor(b2, 512, &n2, "15RTgt0PAso;9", 13));
    CHECK_OK(idt_ais_dearmor(b2, 512, &n2, "0TKcjM8h6g208CQ", 15));
    CHECK_INT(n2, 168);
    CHECK(memcmp(bits, b2, 21) == 0);
  }
  n = 0;
  CHECK_INT(idt_ais_dearmor(bits, 512, &n, "15RT,t0P", 8), IDT_EPARSE);
  CHECK(strstr(idt_error_msg(), "at 4"));
  n = 0;
  CHECK_INT(idt_ais_dearmor(bits, 12, &n, "15RT", 4), IDT_ELIMIT);
}

/* gpsd sample.aivdm, type 5 in two fragments, sequence id 1 */
static const char *t5a = "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
static const char *t5b = "!AIVDM,2,2,1,A,88888888880,2*25";
static const char *t1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";

TEST(reassembly)
{
  idt_ais_decoder *d;
  idt_ais_msg *m = malloc(sizeof *m);
  idt_ais_decoder_opts o = IDT_AIS_DECODER_OPTS_INIT;
  idt_ais_stats st;
  int i;
  o.max_age = 16;
  CHECK_OK(idt_ais_decoder_new(&d, &o));
  /* in order, with a single-part message interleaved */
  CHECK_INT(feed(d, t5a, m), 0);
  CHECK_INT(feed(d, t1, m), 1);
  CHECK_INT(m->mmsi, 371798000);
  CHECK_INT(feed(d, t5b, m), 1);
  CHECK_INT(m->type, 5);
  CHECK_INT(m->mmsi, 351759000);
  CHECK_STR(idt_ais_text(m, "shipname"), "EVER DIADEM");
  CHECK_STR(idt_ais_text(m, "destination"), "NEW YORK");
  /* out of order */
  CHECK_INT(feed(d, t5b, m), 0);
  CHECK_INT(feed(d, t5a, m), 1);
  CHECK_INT(m->mmsi, 351759000);
  /* a lost second fragment, then the sequence id reused: the new group
   * must not be wedged by the stale one */
  CHECK_INT(feed(d, t5a, m), 0);
  CHECK_INT(feed(d, t5a, m), 0);
  CHECK_INT(feed(d, t5b, m), 1);
  CHECK_INT(m->mmsi, 351759000);
  /* a lost fragment ages out after max_age sentences */
  CHECK_INT(feed(d, t5a, m), 0);
  for (i = 0; i < 40; i++)
    CHECK_INT(feed(d, t1, m), 1);
  CHECK_INT(feed(d, t5b, m), 0);     /* its partner is gone (dropped lazily) */
  idt_ais_decoder_stats(d, &st);
  CHECK_INT(st.dropped_groups, 2);
  idt_ais_decoder_free(d);
  free(m);
}

TEST(type24_pairing)
{
  idt_ais_decoder *d;
  idt_ais_msg *m = malloc(sizeof *m);
  char out[4096];
  idt_ais_fmt_opts fo = { IDT_AIS_FMT_DSV, IDT_AIS_GPSD_HEAD, NULL };
  CHECK_OK(idt_ais_decoder_new(&d, NULL));
  /* gpsd sample.aivdm (Nirgal): part A then part B of 271041815 */
  CHECK_INT(feed(d, "!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D", m), 1);
  CHECK_INT(m->part, IDT_AIS_PART_A);
  CHECK_INT(idt_ais_format(out, sizeof out, m, &fo), 0);   /* gpsdecode prints nothing */
  CHECK_INT(feed(d, "!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40", m), 1);
  CHECK_INT(m->part, IDT_AIS_PART_AB);
  CHECK(idt_ais_format(out, sizeof out, m, &fo) > 0);
  CHECK_STR(out, "24|0|271041815|PROGUY|60|1D00014|12|199796|TC6163|0|15|0|5\r\n");
  /* the same part B again has no part A left: a lone B */
  CHECK_INT(feed(d, "!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40", m), 1);
  CHECK_INT(m->part, IDT_AIS_PART_B);
  CHECK_STR(idt_ais_text(m, "callsign"), "TC6163");
  idt_ais_decoder_free(d);
  free(m);
}

TEST(length_policy_and_sentinels)
{
  idt_ais_decoder *d;
  idt_ais_msg *m = malloc(sizeof *m);
  idt_ais_position p;
  CHECK_OK(idt_ais_decoder_new(&d, NULL));
  /* sample.aivdm type 1 truncated to 27 characters (162 bits): below 163 */
  CHECK_INT(feed(d, "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208C,0*1B", m), IDT_EPARSE);
  CHECK(strstr(idt_error_msg(), "type 1: 162 bits outside the accepted 163-204"));
  /* type 9 with every sentinel (corpus: SAR aircraft 111232501) */
  CHECK_INT(feed(d, "!AIVDM,1,1,,B,91b55wi;hbOS@OdQAC062Ch2089h,0*30", m), 1);
  CHECK_INT(m->type, 9);
  CHECK_INT(idt_ais_get_position(m, &p), 1);
  CHECK_INT(p.mmsi, 111232511);
  CHECK(fabs(p.lat - 58.144) < 1e-6);
  /* sample.aivdm: 440348000 sends heading 511 (not available) */
  CHECK_INT(feed(d, "!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42", m), 1);
  CHECK_INT(idt_ais_get_position(m, &p), 1);
  CHECK_INT(p.heading, -1);                                /* 511 */
  idt_ais_decoder_free(d);
  free(m);
}

TEST(cli_errors)
{
  char cmd[2048], path[600], line[1024];
  FILE *f;
  int n = 0, why = 0;
  snprintf(path, sizeof path, "%s/in.nmea", tap_tmpdir());
  f = fopen(path, "w");
  CHECK(f != NULL);
  if (!f)
    return;
  fprintf(f, "%s\n!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CR,0*4A\n%s\n", t1, t1);
  fclose(f);
  snprintf(cmd, sizeof cmd, "'%s' ais decode --format csv --errors '%s' 2>'%s/err' >'%s/out'",
           tap_cli(), path, tap_tmpdir(), tap_tmpdir());
  CHECK_INT(system(cmd), 0);
  snprintf(path, sizeof path, "%s/err", tap_tmpdir());
  if ((f = fopen(path, "r"))) {
    while (fgets(line, sizeof line, f))
      if (strstr(line, "in.nmea:2: checksum mismatch"))
        why = 1;
    fclose(f);
  }
  CHECK(why);
  snprintf(path, sizeof path, "%s/out", tap_tmpdir());
  if ((f = fopen(path, "r"))) {
    while (fgets(line, sizeof line, f))
      n++;
    fclose(f);
  }
  CHECK_INT(n, 3);   /* header + 2 positions */
  /* --errors-json: the reason inline, as a JSON line among the messages */
  snprintf(path, sizeof path, "%s/in.nmea", tap_tmpdir());
  snprintf(cmd, sizeof cmd, "'%s' ais decode --errors-json '%s' 2>/dev/null >'%s/out.json'",
           tap_cli(), path, tap_tmpdir());
  CHECK_INT(system(cmd), 0);
  snprintf(path, sizeof path, "%s/out.json", tap_tmpdir());
  n = why = 0;
  if ((f = fopen(path, "r"))) {
    while (fgets(line, sizeof line, f)) {
      n++;
      if (n == 2 && strstr(line, "{\"class\":\"ERROR\"") && strstr(line, "\"line\":2,") &&
          strstr(line, "checksum mismatch"))
        why = 1;
    }
    fclose(f);
  }
  CHECK_INT(n, 3);   /* message, error, message */
  CHECK(why);
}

/* The decoder's one allocation failing is reported, not a crash; nothing
 * else in decoding allocates (checked by counting allocations). */
TEST(allocation)
{
  idt_ais_decoder *d = NULL;
  idt_ais_msg *m = malloc(sizeof *m);
  unsigned long before;
  int i;
  idt_alloc_fail_after(0, 0);
  CHECK_INT(idt_ais_decoder_new(&d, NULL), IDT_ENOMEM);
  CHECK(d == NULL);
  idt_alloc_fail_after(-1, 0);
  CHECK_OK(idt_ais_decoder_new(&d, NULL));
  before = idt_alloc_count();
  for (i = 0; i < 100; i++) {
    CHECK_INT(feed(d, t5a, m), 0);
    CHECK_INT(feed(d, t5b, m), 1);
    CHECK_INT(feed(d, t1, m), 1);
  }
  CHECK_INT(idt_alloc_count(), before);
  idt_ais_decoder_free(d);
  free(m);
}

int main(void)
{
  RUN(sentence_fields);
  RUN(sentence_rejects);
  RUN(timestamps);
  RUN(armour);
  RUN(reassembly);
  RUN(type24_pairing);
  RUN(length_policy_and_sentinels);
  RUN(cli_errors);
  RUN(allocation);
  return tap_done();
}
