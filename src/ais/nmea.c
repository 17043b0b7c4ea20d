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
 * A tag block with a bad checksum is ignored (its time and source dropped),
 * the sentence still parsed. The parser borrows from the line and never
 * allocates. It is strict about
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

/* XOR of n bytes, 8 at a time: the checksum pass is most of the parsing
 * cost otherwise. */
static unsigned xor_fast(const char *p, size_t n)
{
  uint64_t acc = 0, w;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    memcpy(&w, p + i, 8);
    acc ^= w;
  }
  acc ^= acc >> 32;
  acc ^= acc >> 16;
  acc ^= acc >> 8;
  {
    unsigned x = (unsigned)(acc & 0xFF);
    for (; i < n; i++)
      x ^= (unsigned char)p[i];
    return x;
  }
}

int idt_ais_sentence_parse(idt_ais_sentence *out, const char *line, size_t len)
{
  const char *p = line, *end, *star, *q;
  int64_t v;

  out->seqid = -1;
  out->time = IDT_AIS_NOTIME;
  out->source = NULL;
  out->source_len = 0;
  while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
    len--;
  end = line + len;
  if (len && *p == '\\') {
    const char *close = memchr(p + 1, '\\', len - 1);
    int rc;
    if (!close)
      return idt_error_set(IDT_EPARSE, "unterminated tag block");
    /* A tag block that fails its own checksum (or has a one-digit one, as
     * in pyais's test feeds) is ignored, not the sentence: the sentence has
     * its own checksum, and gpsd decodes these lines too. Its time and
     * source are not trusted. */
    if ((rc = tag_block(out, p + 1, (size_t)(close - p - 1))) < 0) {
      out->time = IDT_AIS_NOTIME;
      out->source = NULL;
      out->source_len = 0;
    }
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
  out->talker[2] = 0;
  out->own = p[5] == 'O';
  star = memchr(p, '*', (size_t)(end - p));
  if (!star || end - star < 3)
    return idt_error_set(IDT_EPARSE, "no *hh checksum");
  if (hexval(star[1]) < 0 || hexval(star[2]) < 0)
    return idt_error_set(IDT_EPARSE, "checksum is not hexadecimal");
  {
    unsigned want = (unsigned)(hexval(star[1]) * 16 + hexval(star[2]));
    unsigned got = xor_fast(p + 1, (size_t)(star - p - 1));
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
  /* "c,i,[s],[ch],payload,f": the short fields are read from the front and
   * the fill from the back, so the payload is never scanned here (a comma
   * inside it fails de-armouring). */
  q = p + 7;
  if (star - q < 9 || q[0] < '1' || q[0] > '9' || q[1] != ',')
    return idt_error_set(IDT_EPARSE, "fragment count is not 1-9");
  out->count = (unsigned)(q[0] - '0');
  if (q[2] < '1' || q[2] > '9' || q[3] != ',' || (unsigned)(q[2] - '0') > out->count)
    return idt_error_set(IDT_EPARSE, "fragment number is not 1-%u", out->count);
  out->index = (unsigned)(q[2] - '0');
  q += 4;
  if (*q != ',') {
    if (*q < '0' || *q > '9' || q[1] != ',')
      return idt_error_set(IDT_EPARSE, "sequence id is not 0-9");
    out->seqid = *q - '0';
    q++;
  }
  q++;
  out->channel = 0;
  if (q < star && *q != ',') {
    if (q[1] != ',')
      return idt_error_set(IDT_EPARSE, "channel longer than one character");
    out->channel = *q++;
  }
  q++;
  if (star - q < 2 || star[-2] != ',')
    return idt_error_set(IDT_EPARSE, "no payload,fill before the checksum");
  if (star[-1] < '0' || star[-1] > '5')
    return idt_error_set(IDT_EPARSE, "fill bits are not 0-5");
  out->fill = (unsigned)(star[-1] - '0');
  out->payload = q;
  out->payload_len = (size_t)(star - 2 - q);
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
