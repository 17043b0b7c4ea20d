/*
 * test_ais_golden.c - the AIS decoder against gpsd's expected outputs on
 * real recordings (data/ais/SOURCES.md), field by field:
 *   gpsd sample.aivdm    -> sample.aivdm.chk (-u -c), .js.chk (-j), .ju.chk (-u -j)
 *   gpsd test/daemon logs -> the AIS reports in their .chk (gpsd's JSON)
 *   corpus/single_part_unique.nmea -> Debian gpsdecode 3.22 (-j and -u -c),
 *                           aligned by sentence through its -v output
 * A difference fails the test unless the allow-list below names its type (and
 * DAC/FI), field and reason. The expected files are gpsd's, never regenerated
 * from this code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "tap.h"
#include "interdict/ais.h"
#include "ais/ais_int.h"

#define ANYD (-1)
#define D_HEAD 1
#define D_322 2

typedef struct allow {
  int type, dac, fid;          /* -1: any */
  const char *field;           /* JSON member, "dsv:N" column, or "*" */
  int dialects;                /* D_HEAD | D_322 */
  const char *why;
  int hits;
} allow;

static allow allows[] = {
  { 23, ANYD, ANYD, "dsv:9", D_HEAD | D_322,
    "gpsd reads txrx with UBITS(144, 4), overlapping the interval field; ITU-R "
    "M.1371-5 (message 23) and AIVDM.adoc give 2 bits at 144", 0 },
  { 8, 1, 31, "waterlevel", D_322, "gpsd 3.22 subtracts the 10 m offset in unsigned "
    "arithmetic and prints 42949672.9 for raw values under 1000; interdict prints the "
    "signed level", 0 },
};

static allow *allowed(int type, int dac, int fid, const char *field, int dialect)
{
  size_t i;
  for (i = 0; i < sizeof allows / sizeof allows[0]; i++) {
    allow *a = &allows[i];
    if (a->type == type && (a->dac < 0 || a->dac == dac) && (a->fid < 0 || a->fid == fid) &&
        (a->dialects & dialect) && (!strcmp(a->field, "*") || !strcmp(a->field, field)))
      return a;
  }
  return NULL;
}

/* ---- line files ---------------------------------------------------------- */

typedef struct lines {
  char **v;
  size_t n, cap;
} lines;

static void lines_push(lines *l, const char *s, size_t n)
{
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 1024;
    l->v = realloc(l->v, l->cap * sizeof *l->v);
  }
  l->v[l->n] = malloc(n + 1);
  memcpy(l->v[l->n], s, n);
  l->v[l->n][n] = 0;
  l->n++;
}

static void lines_free(lines *l)
{
  size_t i;
  for (i = 0; i < l->n; i++)
    free(l->v[i]);
  free(l->v);
  memset(l, 0, sizeof *l);
}

/* Read a file's lines without CR/LF; NULL path or unreadable: 0 lines. */
static int read_lines(const char *path, lines *out)
{
  FILE *f = path ? fopen(path, "rb") : NULL;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  if (!f)
    return -1;
  while ((n = getline(&line, &cap, f)) >= 0) {
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      n--;
    lines_push(out, line, (size_t)n);
  }
  free(line);
  fclose(f);
  return 0;
}

static const char *unxz(const char *rel)
{
  static char out[4096];
  char cmd[8192];
  const char *base = strrchr(rel, '/');
  snprintf(out, sizeof out, "%s/%s", tap_tmpdir(), base ? base + 1 : rel);
  out[strlen(out) - 3] = 0;
  snprintf(cmd, sizeof cmd, "xz -dc '%s' > '%s'", tap_data(rel), out);
  return system(cmd) == 0 ? out : NULL;
}

/* ---- decoding a file the way gpsdecode does ------------------------------ */

typedef struct decoded {
  lines in;      /* the input line that completed each message */
  lines out;     /* our output for it, without CR/LF */
} decoded;

static void decode_file(const char *path, const idt_ais_fmt_opts *fo, decoded *d)
{
  lines in = { 0 };
  idt_ais_decoder *dec = NULL;
  idt_ais_msg *m = malloc(sizeof *m);
  char buf[8192];
  size_t i;
  memset(d, 0, sizeof *d);
  read_lines(path, &in);
  CHECK_OK(idt_ais_decoder_new(&dec, NULL));
  for (i = 0; dec && i < in.n; i++) {
    int len;
    if (idt_ais_decoder_line(dec, in.v[i], strlen(in.v[i]), m) != 1)
      continue;
    len = idt_ais_format(buf, sizeof buf, m, fo);
    CHECK(len >= 0);
    if (len <= 0)
      continue;
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
      len--;
    lines_push(&d->in, in.v[i], strlen(in.v[i]));
    lines_push(&d->out, buf, (size_t)len);
  }
  idt_ais_decoder_free(dec);
  lines_free(&in);
  free(m);
}

static void decoded_free(decoded *d)
{
  lines_free(&d->in);
  lines_free(&d->out);
}

/* ---- comparing ----------------------------------------------------------- */

typedef struct tally {
  unsigned long msgs, fields, allowed;
} tally;

static int jint(json_t *o, const char *k)
{
  json_t *v = json_object_get(o, k);
  return json_is_integer(v) ? (int)json_integer_value(v) : -1;
}

/* Field-by-field comparison of two JSON lines. Returns the number of
 * differences not on the allow-list. */
static int cmp_json(const char *mine, const char *theirs, int dialect, tally *t, const char *where)
{
  json_error_t err;
  json_t *a = json_loads(mine, 0, &err), *b = json_loads(theirs, 0, &err);
  const char *k;
  json_t *v;
  int bad = 0, type, dac, fid, allowed_here = 0;
  if (!a || !b) {
    tap_diag("%s: unparsable JSON: %s | %s", where, mine, theirs);
    json_decref(a);
    json_decref(b);
    return 1;
  }
  type = jint(b, "type");
  dac = jint(b, "dac");
  fid = jint(b, "fid");
  t->msgs++;
  json_object_foreach(b, k, v) {
    json_t *w = json_object_get(a, k);
    t->fields++;
    if (w && json_equal(v, w))
      continue;
    {
      allow *al = allowed(type, dac, fid, k, dialect);
      if (al) {
        al->hits++;
        t->allowed++;
        allowed_here++;
        continue;
      }
    }
    bad++;
    if (bad < 4) {
      char *sv = json_dumps(v, JSON_ENCODE_ANY), *sw = w ? json_dumps(w, JSON_ENCODE_ANY) : NULL;
      tap_diag("%s: type %d field %s: gpsd %s, interdict %s", where, type, k, sv,
               sw ? sw : "(absent)");
      free(sv);
      free(sw);
    }
  }
  json_object_foreach(a, k, v) {
    if (json_object_get(b, k) || allowed(type, dac, fid, k, dialect))
      continue;
    bad++;
    tap_diag("%s: type %d: interdict prints %s, gpsd does not", where, type, k);
  }
  /* Equal values must also be equal text (decimals, member order). */
  if (!bad && !allowed_here && strcmp(mine, theirs) != 0) {
    bad++;
    tap_diag("%s: same values, different text:\n#   gpsd      %s\n#   interdict %s", where,
             theirs, mine);
  }
  json_decref(a);
  json_decref(b);
  return bad;
}

static int cmp_dsv_q(const char *mine, const char *theirs, int dialect, tally *t,
                     const char *where, int quiet);
static int cmp_dsv(const char *mine, const char *theirs, int dialect, tally *t, const char *where)
{
  return cmp_dsv_q(mine, theirs, dialect, t, where, 0);
}

static int cmp_dsv_q(const char *mine, const char *theirs, int dialect, tally *t,
                     const char *where, int quiet)
{
  char a[8192], b[8192], *pa = a, *pb = b, name[16];
  int col = 0, bad = 0, type = atoi(theirs), dac = -1, fid = -1;
  snprintf(a, sizeof a, "%s", mine);
  snprintf(b, sizeof b, "%s", theirs);
  t->msgs++;
  while (pa || pb) {
    char *ea = pa ? strchr(pa, '|') : NULL, *eb = pb ? strchr(pb, '|') : NULL;
    if (ea) *ea = 0;
    if (eb) *eb = 0;
    if (type == 6 && col == 6) dac = pb ? atoi(pb) : -1;
    if (type == 6 && col == 7) fid = pb ? atoi(pb) : -1;
    if (type == 8 && col == 3) dac = pb ? atoi(pb) : -1;
    if (type == 8 && col == 4) fid = pb ? atoi(pb) : -1;
    t->fields++;
    if (!pa || !pb || strcmp(pa, pb) != 0) {
      allow *al;
      snprintf(name, sizeof name, "dsv:%d", col);
      if ((al = allowed(type, dac, fid, name, dialect))) {
        if (!quiet)
          al->hits++;
        t->allowed++;
      } else {
        bad++;
        if (!quiet)
          tap_diag("%s: column %d: gpsd '%s', interdict '%s'", where, col, pb ? pb : "(none)",
                   pa ? pa : "(none)");
      }
    }
    pa = ea ? ea + 1 : NULL;
    pb = eb ? eb + 1 : NULL;
    col++;
  }
  return bad;
}

static void report(const char *what, const tally *t)
{
  tap_diag("%s: %lu messages, %lu fields compared, %lu differences allowed", what, t->msgs,
           t->fields, t->allowed);
}

/* A type 24 line of ours gpsd does not have: gpsd keeps type 24 part A's in
 * 8 slots round-robin and loses the pair on busy feeds; interdict keeps 256
 * by MMSI (src/ais/decode.c). Such extra lines are counted, not failed. */
static int is_t24(const char *line)
{
  return !strncmp(line, "24|", 3) || strstr(line, "\"type\":24,") != NULL;
}

/* Compare in order; ours may have extra type 24 pairs. Returns differences. */
static int cmp_seq(lines *ours, lines *e, int dialect, int dsv, tally *t, const char *what)
{
  size_t i, k = 0, extra24 = 0;
  int bad = 0;
  for (i = 0; i < e->n; i++) {
    char where[256];
    snprintf(where, sizeof where, "%s:%zu", what, i + 1);
    while (k < ours->n && is_t24(ours->v[k]) && !is_t24(e->v[i])) {
      k++;
      extra24++;
    }
    if (k == ours->n) {
      bad++;
      tap_diag("%s: interdict has no line for it", where);
      continue;
    }
    bad += dsv ? cmp_dsv(ours->v[k], e->v[i], dialect, t, where)
               : cmp_json(ours->v[k], e->v[i], dialect, t, where);
    k++;
  }
  while (k < ours->n && is_t24(ours->v[k])) {
    k++;
    extra24++;
  }
  CHECK_INT(k, ours->n);
  if (extra24)
    tap_diag("%s: %zu type 24 pairs only interdict makes (gpsd's 8-slot part A queue)", what,
             extra24);
  return bad;
}

/* Our output for a whole file against an expected file, in order. */
static void golden_file(const char *in, const char *expect, const idt_ais_fmt_opts *fo,
                        int dialect, int dsv)
{
  decoded d;
  lines e = { 0 };
  tally t = { 0, 0, 0 };
  int bad;
  decode_file(tap_data(in), fo, &d);
  CHECK(read_lines(tap_data(expect), &e) == 0);
  bad = cmp_seq(&d.out, &e, dialect, dsv, &t, expect);
  report(expect, &t);
  CHECK_INT(bad, 0);
  CHECK(t.msgs > 50);
  decoded_free(&d);
  lines_free(&e);
}

TEST(sample_dsv)
{
  idt_ais_fmt_opts fo = { IDT_AIS_FMT_DSV, IDT_AIS_GPSD_HEAD, NULL };
  golden_file("data/ais/gpsd/sample.aivdm", "data/ais/gpsd/sample.aivdm.chk", &fo, D_HEAD, 1);
}

TEST(sample_json_scaled)
{
  idt_ais_fmt_opts fo = { IDT_AIS_FMT_JSON, IDT_AIS_GPSD_HEAD, "stdin" };
  golden_file("data/ais/gpsd/sample.aivdm", "data/ais/gpsd/sample.aivdm.js.chk", &fo, D_HEAD, 0);
}

TEST(sample_json_unscaled)
{
  idt_ais_fmt_opts fo = { IDT_AIS_FMT_JSON_UNSCALED, IDT_AIS_GPSD_HEAD, "stdin" };
  golden_file("data/ais/gpsd/sample.aivdm", "data/ais/gpsd/sample.aivdm.ju.chk", &fo, D_HEAD, 0);
}

/* gpsd's daemon test logs: the .chk interleaves input and all reports; its AIS
 * reports (unscaled JSON, no device) are repeated while the daemon re-reports,
 * so consecutive duplicates are collapsed on both sides. */
static void collapse(lines *l)
{
  size_t i, j = 0;
  for (i = 0; i < l->n; i++) {
    if (j && strcmp(l->v[j - 1], l->v[i]) == 0) {
      free(l->v[i]);
      continue;
    }
    l->v[j++] = l->v[i];
  }
  l->n = j;
}

static void daemon_log(const char *log, const char *chk)
{
  idt_ais_fmt_opts fo = { IDT_AIS_FMT_JSON_UNSCALED, IDT_AIS_GPSD_HEAD, NULL };
  decoded d;
  lines all = { 0 }, e = { 0 };
  tally t = { 0, 0, 0 };
  size_t i;
  int bad = 0;
  decode_file(tap_data(log), &fo, &d);
  CHECK(read_lines(tap_data(chk), &all) == 0);
  for (i = 0; i < all.n; i++)
    if (strstr(all.v[i], "{\"class\":\"AIS\""))
      lines_push(&e, all.v[i], strlen(all.v[i]));
  collapse(&e);
  collapse(&d.out);
  bad = cmp_seq(&d.out, &e, D_HEAD, 0, &t, chk);
  report(chk, &t);
  CHECK_INT(bad, 0);
  CHECK(t.msgs > 100);
  decoded_free(&d);
  lines_free(&all);
  lines_free(&e);
}

TEST(daemon_ais_nmea)
{
  daemon_log("data/ais/gpsd/ais-nmea.log", "data/ais/gpsd/ais-nmea.log.chk");
}

TEST(daemon_type6_fid55)
{
  daemon_log("data/ais/gpsd/ais-nmea-type6-fid55.log", "data/ais/gpsd/ais-nmea-type6-fid55.log.chk");
}

/* The corpus against Debian's gpsdecode 3.22: its -v output pairs each
 * sentence with its JSON, in input order, and its -u -c lines follow the same
 * order. Sentences only interdict decodes (3.22 skips tag-block lines) are
 * counted, not compared. */
TEST(corpus_vs_gpsdecode_322)
{
  idt_ais_fmt_opts fj = { IDT_AIS_FMT_JSON, IDT_AIS_GPSD_322, "stdin" };
  idt_ais_fmt_opts fd = { IDT_AIS_FMT_DSV, IDT_AIS_GPSD_322, NULL };
  const char *vj = unxz("data/ais/oracle/corpus__single_part_unique.nmea.verbose-json.txt.xz");
  decoded dj, dd;
  lines v = { 0 }, ed = { 0 };
  tally tj = { 0, 0, 0 }, td = { 0, 0, 0 };
  size_t i, k = 0, nd = 0, only_ours = 0;
  int bad = 0;
  CHECK(vj != NULL);
  decode_file(tap_data("data/ais/corpus/single_part_unique.nmea"), &fj, &dj);
  decode_file(tap_data("data/ais/corpus/single_part_unique.nmea"), &fd, &dd);
  CHECK_INT(dj.out.n, dd.out.n);
  CHECK(read_lines(vj, &v) == 0);
  CHECK(read_lines(tap_data("data/ais/oracle/corpus__single_part_unique.nmea.dsv"), &ed) == 0);
  for (i = 0; i + 1 < v.n; i++) {
    const char *sentence = v.v[i], *json = v.v[i + 1];
    char where[300];
    if (sentence[0] != '!' || json[0] != '{')
      continue;
    i++;
    while (k < dj.in.n && strcmp(dj.in.v[k], sentence) != 0) {
      k++;
      only_ours++;
    }
    if (k == dj.in.n) {
      bad++;
      tap_diag("gpsdecode decodes %s, interdict does not", sentence);
      k = 0;
      continue;
    }
    snprintf(where, sizeof where, "%s", sentence);
    bad += cmp_json(dj.out.v[k], json, D_322, &tj, where);
    if (nd < ed.n)
      bad += cmp_dsv(dd.out.v[k], ed.v[nd], D_322, &td, where);
    nd++;
    k++;
  }
  only_ours += dj.in.n - k;
  CHECK_INT(nd, ed.n);
  report("corpus JSON vs gpsdecode 3.22", &tj);
  report("corpus DSV vs gpsdecode 3.22", &td);
  tap_diag("corpus: %zu messages decoded by interdict only (tag-block lines 3.22 skips)",
           only_ours);
  CHECK_INT(bad, 0);
  CHECK(tj.msgs > 6000);
  decoded_free(&dj);
  decoded_free(&dd);
  lines_free(&v);
  lines_free(&ed);
}

/* Every recording in ../shared/data/ais that has a gpsdecode 3.22 oracle:
 * gpsdecode's DSV lines, in order, must each match one of ours (allowing
 * the listed differences); ours in between are messages only interdict
 * decodes (tag-block lines gpsd 3.22 skips, talkers it does not accept). */
TEST(shared_oracle_dsv)
{
  static const char *files[] = {
    "ais-stream-decoder/messages.txt", "dma-aislib/ais250.txt",
    "dma-aislib/decode_encode_messages.txt", "dma-aislib/replay_dump.txt",
    "dma-aislib/small_cb_example.txt", "dma-aislib/stream_example.txt",
    "gfw-ais-tools/bad-tagblock-group.nmea", "gfw-ais-tools/ee-multiline.nmea",
    "gfw-ais-tools/errors.nmea", "gfw-ais-tools/mixed_types.nmea",
    "gfw-ais-tools/multi-part.nmea", "gfw-ais-tools/sample.nmea",
    "gfw-ais-tools/type1-bad-bitcount.nmea", "gfw-ais-tools/type8.nmea",
    "gpsd/ais_unpack_sixbit.log", "libais/tagblock.nmea", "libais/test.aivdm",
    "npm/ggencoder_AisHubSample.nmea", "pyais/ais_test_messages", "pyais/gatehouse.nmea",
    "pyais/messages.ais", "pyais/mixed.txt", "pyais/nmea_data_sample.txt",
    "pyais/sample.ais", "pyais/timestamped.ais",
  };
  idt_ais_fmt_opts fd = { IDT_AIS_FMT_DSV, IDT_AIS_GPSD_322, NULL };
  size_t f, matched = 0, only_ours = 0, missing = 0;
  tally t = { 0, 0, 0 };
  if (!tap_shared("ais/oracle/gpsdecode-3.22")) {
    tap_skip("shared_oracle_dsv", "../shared/data/ais absent");
    return;
  }
  for (f = 0; f < sizeof files / sizeof files[0]; f++) {
    char oracle[512], *q;
    const char *src = tap_shared(files[0 + f] ? files[f] : "");
    decoded d;
    lines e = { 0 };
    size_t i, k = 0;
    char rel[300];
    snprintf(rel, sizeof rel, "ais/%s", files[f]);
    src = tap_shared(rel);
    snprintf(oracle, sizeof oracle, "ais/oracle/gpsdecode-3.22/%s.dsv", files[f]);
    for (q = oracle + strlen("ais/oracle/gpsdecode-3.22/"); *q; q++)
      if (*q == '/') {
        memmove(q + 1, q, strlen(q) + 1);
        q[0] = q[1] = '_';
        break;
      }
    if (!src || !tap_shared(oracle)) {
      tap_diag("%s: not in ../shared, skipped", files[f]);
      continue;
    }
    decode_file(src, &fd, &d);
    read_lines(tap_shared(oracle), &e);
    for (i = 0; i < e.n; i++) {
      size_t j = k;
      while (j < d.out.n && cmp_dsv_q(d.out.v[j], e.v[i], D_322, &t, files[f], 1) != 0)
        j++;
      if (j == d.out.n) {
        missing++;
        tap_diag("%s: gpsdecode line %zu has no match: %s", files[f], i + 1, e.v[i]);
        continue;
      }
      only_ours += j - k;
      k = j + 1;
      matched++;
    }
    only_ours += d.out.n - k;
    decoded_free(&d);
    lines_free(&e);
  }
  tap_diag("shared recordings: %zu gpsdecode lines matched, %zu messages only interdict "
           "decodes", matched, only_ours);
  CHECK_INT(missing, 0);
  CHECK(matched > 6000);
}

TEST(allow_list_used)
{
  size_t i;
  for (i = 0; i < sizeof allows / sizeof allows[0]; i++)
    tap_diag("allowed %d differences: type %d dac %d fid %d %s: %s", allows[i].hits,
             allows[i].type, allows[i].dac, allows[i].fid, allows[i].field, allows[i].why);
}

int main(void)
{
  RUN(sample_dsv);
  RUN(sample_json_scaled);
  RUN(sample_json_unscaled);
  RUN(daemon_ais_nmea);
  RUN(daemon_type6_fid55);
  RUN(corpus_vs_gpsdecode_322);
  RUN(shared_oracle_dsv);
  RUN(allow_list_used);
  return tap_done();
}
