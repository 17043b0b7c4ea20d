/*
 * nmea.c - the NMEA 0183 sentence layer of AIS: !xxVDM / !xxVDO from any
 * talker, the XOR checksum, IEC 61162-450 tag blocks, and the timestamp
 * conventions found in real recordings:
 *   \s:station,c:1418169601*hh\!AIVDM,...   tag block (c: seconds, or
 *                                           milliseconds when > 1e11)
 *   !AIVDM,...*hh,b003669794,1272412827     trailing unix time (US Coast
 *                                           Guard NAIS / ais250 logs)
 *   $PGHP,1,2013,3,18,9,19,9,499,...*hh     Gatehouse time of the next
 *                                           sentence (idt__ais_pghp)
 * The parser borrows from the line and never allocates. It is strict about
 * structure (7 comma fields, counts 1-9, fill 0-5, checksum) because a
 * corrupt sentence decoded anyway yields plausible-looking wrong positions.
 */
#include <string.h>
#include <time.h>
#include "ais/ais_int.h"

static int hexval(char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

static unsigned xor_of(const char *p, size_t n)
{
  unsigned x = 0;
  size_t i;
  for (i = 0; i < n; i++)
    x ^= (unsigned char)p[i];
  return x;
}

/* Parse a decimal run of at most 18 digits; -1 when empty or not digits. */
static int64_t digits(const char *p, size_t n)
{
  int64_t v = 0;
  size_t i;
  if (n == 0 || n > 18)
    return -1;
  for (i = 0; i < n; i++) {
    if (p[i] < '0' || p[i] > '9')
      return -1;
    v = v * 10 + (p[i] - '0');
  }
  return v;
}

static int64_t unix_time(int64_t v)
{
  /* Some feeds write milliseconds in c: (AISHub, Spire); seconds since 1970
   * stay below 1e11 until the year 5138. */
  return v > 100000000000LL ? v / 1000 : v;
}

static int tag_block(idt_ais_sentence *out, const char *p, size_t n)
{
  const char *star = memchr(p, '*', n);
  size_t body, i, start;
  if (!star || (size_t)(star - p) + 3 != n)
    return idt_error_set(IDT_EPARSE, "tag block without *hh checksum");
  body = (size_t)(star - p);
  if (hexval(star[1]) < 0 || hexval(star[2]) < 0 ||
      (unsigned)(hexval(star[1]) * 16 + hexval(star[2])) != xor_of(p, body))
    return idt_error_set(IDT_EPARSE, "tag block checksum mismatch");
  for (start = 0, i = 0; i <= body; i++) {
    if (i < body && p[i] != ',')
      continue;
    if (i - start >= 2 && p[start + 1] == ':') {
      const char *v = p + start + 2;
      size_t vn = i - start - 2;
      if (p[start] == 'c') {
        int64_t t = digits(v, vn);
        if (t >= 0)
          out->time = unix_time(t);
      } else if (p[start] == 's') {
        out->source = v;
        out->source_len = vn;
      }
    }
    start = i + 1;
  }
  return 0;
}

int idt_ais_sentence_parse(idt_ais_sentence *out, const char *line, size_t len)
{
  const char *p = line, *end, *star, *f[7];
  size_t nf = 0, flen[7];
  const char *q;
  int64_t v;

  memset(out, 0, sizeof *out);
  out->seqid = -1;
  out->time = IDT_AIS_NOTIME;
  while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
    len--;
  end = line + len;
  if (len && *p == '\\') {
    const char *close = memchr(p + 1, '\\', len - 1);
    int rc;
    if (!close)
      return idt_error_set(IDT_EPARSE, "unterminated tag block");
    if ((rc = tag_block(out, p + 1, (size_t)(close - p - 1))) < 0)
      return rc;
    p = close + 1;
  }
  if (end - p < 7 || p[0] != '!' ||
      !(memcmp(p + 3, "VDM,", 4) == 0 || memcmp(p + 3, "VDO,", 4) == 0)) {
    if (p < end && (*p == '!' || *p == '$') && end - p >= 6 &&
        (memcmp(p + 3, "VDM", 3) == 0 || memcmp(p + 3, "VDO", 3) == 0))
      return idt_error_set(IDT_EPARSE, "malformed VDM/VDO sentence start");
    return idt_error_set(IDT_ENOTFOUND, "not an AIS sentence");
  }
  out->talker[0] = p[1];
  out->talker[1] = p[2];
  out->own = p[5] == 'O';
  star = memchr(p, '*', (size_t)(end - p));
  if (!star || end - star < 3)
    return idt_error_set(IDT_EPARSE, "no *hh checksum");
  if (hexval(star[1]) < 0 || hexval(star[2]) < 0)
    return idt_error_set(IDT_EPARSE, "checksum is not hexadecimal");
  {
    unsigned want = (unsigned)(hexval(star[1]) * 16 + hexval(star[2]));
    unsigned got = xor_of(p + 1, (size_t)(star - p - 1));
    if (want != got)
      return idt_error_set(IDT_EPARSE, "checksum mismatch: sentence says %02X, "
                           "content gives %02X", want, got);
  }
  /* After the checksum: nothing, or ",...,unixtime" (NAIS style); other
   * trailing text is ignored, as gpsd's lexer does. */
  if (end - star > 3 && (star[3] == ',' || star[3] == ' ')) {
    const char *t = end;
    while (t > star + 3 && t[-1] != ',' && t[-1] != ' ')
      t--;
    v = digits(t, (size_t)(end - t));
    if (v >= 0 && out->time == IDT_AIS_NOTIME)
      out->time = unix_time(v);
  }
  /* Fields between "!xxVDM," and '*'. */
  for (q = p + 7, f[0] = q; q < star; q++) {
    if (*q == ',') {
      flen[nf] = (size_t)(q - f[nf]);
      if (++nf == 6)
        return idt_error_set(IDT_EPARSE, "more than 6 fields");
      f[nf] = q + 1;
    }
  }
  flen[nf] = (size_t)(star - f[nf]);
  if (++nf != 6)
    return idt_error_set(IDT_EPARSE, "%zu fields, VDM has 6", nf);
  if (flen[0] != 1 || f[0][0] < '1' || f[0][0] > '9')
    return idt_error_set(IDT_EPARSE, "fragment count is not 1-9");
  out->count = (unsigned)(f[0][0] - '0');
  if (flen[1] != 1 || f[1][0] < '1' || f[1][0] > '9' ||
      (unsigned)(f[1][0] - '0') > out->count)
    return idt_error_set(IDT_EPARSE, "fragment number is not 1-%u", out->count);
  out->index = (unsigned)(f[1][0] - '0');
  if (flen[2]) {
    v = digits(f[2], flen[2]);
    if (v < 0 || v > 9)
      return idt_error_set(IDT_EPARSE, "sequence id is not 0-9");
    out->seqid = (int)v;
  }
  if (flen[3] > 1)
    return idt_error_set(IDT_EPARSE, "channel longer than one character");
  out->channel = flen[3] ? f[3][0] : 0;
  out->payload = f[4];
  out->payload_len = flen[4];
  if (flen[5] != 1 || f[5][0] < '0' || f[5][0] > '5')
    return idt_error_set(IDT_EPARSE, "fill bits are not 0-5");
  out->fill = (unsigned)(f[5][0] - '0');
  return 0;
}

/* $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...*hh: Gatehouse's timestamp for the
 * sentence that follows. 1 with *t set, 0 when the line is not PGHP type 1,
 * IDT_EPARSE when it is but is malformed. */
int idt__ais_pghp(const char *line, size_t len, int64_t *t)
{
  const char *p = line, *end = line + len, *star;
  int64_t v[8];
  int i;
  struct tm tm;
  if (len < 8 || memcmp(line, "$PGHP,1,", 8) != 0)
    return 0;
  star = memchr(line, '*', len);
  if (!star || end - star < 3 || hexval(star[1]) < 0 || hexval(star[2]) < 0 ||
      (unsigned)(hexval(star[1]) * 16 + hexval(star[2])) !=
      xor_of(line + 1, (size_t)(star - line - 1)))
    return idt_error_set(IDT_EPARSE, "$PGHP checksum mismatch");
  p = line + 8;
  for (i = 0; i < 7; i++) {
    const char *c = memchr(p, ',', (size_t)(star - p));
    if (!c)
      return idt_error_set(IDT_EPARSE, "$PGHP with fewer than 7 time fields");
    v[i] = digits(p, (size_t)(c - p));
    if (v[i] < 0)
      return idt_error_set(IDT_EPARSE, "$PGHP time field %d is not a number", i + 1);
    p = c + 1;
  }
  memset(&tm, 0, sizeof tm);
  tm.tm_year = (int)v[0] - 1900;
  tm.tm_mon = (int)v[1] - 1;
  tm.tm_mday = (int)v[2];
  tm.tm_hour = (int)v[3];
  tm.tm_min = (int)v[4];
  tm.tm_sec = (int)v[5];
  *t = (int64_t)timegm(&tm);
  return 1;
}
