/*
 * encode.c - AIS encoder: fields to bits (ITU-R M.1371-5 layouts of types
 * 1/2/3, 5, 18 and 24), 6-bit armouring, NMEA 0183 sentences with XOR
 * checksums and IEC 61162-450 tag blocks carrying the unix time (c:).
 *
 * The inverse of the ais engineer's decoder (include/interdict/ais.h); the
 * round-trip test (tests/test_aissim.c) feeds every line written here to
 * that decoder and compares the fields. Layouts are written out per type as
 * (width, value) sequences rather than a shared table: the encoder covers 4
 * types and the decoder's table is internal to its module.
 *
 * Multi-part type 5 is split after 60 characters, as most receivers do; the
 * tag block is repeated on every fragment so a reader keyed on any fragment
 * sees the time.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ais/events_int.h"

typedef struct bits {
  uint8_t b[64];
  unsigned n;
} bits;

static void put(bits *w, unsigned width, uint64_t v)
{
  unsigned i;
  for (i = 0; i < width; i++) {
    unsigned bit = (unsigned)((v >> (width - 1 - i)) & 1u), at = w->n + i;
    if (at < sizeof w->b * 8) {
      if (bit)
        w->b[at / 8] |= (uint8_t)(0x80u >> (at % 8));
    }
  }
  w->n += width;
}

static void puts6(bits *w, const char *s, unsigned nchars)
{
  unsigned i;
  size_t len = s ? strlen(s) : 0;
  for (i = 0; i < nchars; i++) {
    unsigned c = i < len ? (unsigned char)s[i] : '@';
    if (c >= 'a' && c <= 'z')
      c -= 32;
    if (c >= 64 && c < 96)
      c -= 64;
    else if (c < 32 || c >= 96)
      c = 32;             /* outside the AIS alphabet: a space */
    put(w, 6, c);
  }
}

static uint64_t sgn(long long v, unsigned width)
{
  return (uint64_t)v & ((1ULL << width) - 1);
}

static void put_pos(bits *w, double lon, double lat)
{
  long long x = isnan(lon) ? 181LL * 600000 : llround(lon * 600000.0);
  long long y = isnan(lat) ? 91LL * 600000 : llround(lat * 600000.0);
  put(w, 28, sgn(x, 28));
  put(w, 27, sgn(y, 27));
}

static unsigned speed10(double sog)
{
  long v;
  if (isnan(sog) || sog < 0)
    return 1023;
  v = lround(sog * 10);
  return v > 1022 ? 1022 : (unsigned)v;
}

static unsigned course10(double cog)
{
  long v;
  if (isnan(cog) || cog < 0)
    return 3600;
  v = lround(cog * 10) % 3600;
  return (unsigned)v;
}

static int build(const idt_ais_enc *m, bits *w)
{
  memset(w, 0, sizeof *w);
  put(w, 6, m->type);
  put(w, 2, m->repeat);
  put(w, 30, m->mmsi);
  switch (m->type) {
  case 1: case 2: case 3:
    put(w, 4, m->status);
    put(w, 8, sgn(-128, 8));                    /* rate of turn: n/a */
    put(w, 10, speed10(m->sog));
    put(w, 1, 0);
    put_pos(w, m->lon, m->lat);
    put(w, 12, course10(m->cog));
    put(w, 9, m->heading < 0 ? 511u : (unsigned)m->heading);
    put(w, 6, m->second > 60 ? 60 : m->second);
    put(w, 2, 0);
    put(w, 3, 0);
    put(w, 1, 0);
    put(w, 19, 0);
    break;
  case 18:
    put(w, 8, 0);
    put(w, 10, speed10(m->sog));
    put(w, 1, 0);
    put_pos(w, m->lon, m->lat);
    put(w, 12, course10(m->cog));
    put(w, 9, m->heading < 0 ? 511u : (unsigned)m->heading);
    put(w, 6, m->second > 60 ? 60 : m->second);
    put(w, 2, 0);
    put(w, 1, 1);                               /* CS unit */
    put(w, 1, 0);
    put(w, 1, 0);
    put(w, 1, 1);
    put(w, 1, 0);
    put(w, 1, 0);
    put(w, 1, 0);
    put(w, 20, 0);
    break;
  case 5:
    put(w, 2, 0);
    put(w, 30, m->imo);
    puts6(w, m->callsign, 7);
    puts6(w, m->name, 20);
    put(w, 8, m->shiptype);
    put(w, 9, m->to_bow);
    put(w, 9, m->to_stern);
    put(w, 6, m->to_port);
    put(w, 6, m->to_starboard);
    put(w, 4, 1);                               /* EPFD: GPS */
    put(w, 4, 0);
    put(w, 5, 0);
    put(w, 5, 24);
    put(w, 6, 60);
    put(w, 8, m->draught);
    puts6(w, m->destination, 20);
    put(w, 1, 0);
    put(w, 1, 0);
    break;
  case 24:
    put(w, 2, m->part);
    if (m->part == 0) {
      puts6(w, m->name, 20);
      put(w, 8, 0);
    } else {
      put(w, 8, m->shiptype);
      puts6(w, "SIM", 3);
      put(w, 4, 1);
      put(w, 20, 1);
      puts6(w, m->callsign, 7);
      put(w, 9, m->to_bow);
      put(w, 9, m->to_stern);
      put(w, 6, m->to_port);
      put(w, 6, m->to_starboard);
      put(w, 6, 0);
    }
    break;
  default:
    return idt_error_set(IDT_EINVAL, "encode: message type %u not supported", m->type);
  }
  return 0;
}

int idt_ais_encode_payload(const idt_ais_enc *m, char *payload, size_t cap,
                           unsigned *fill)
{
  bits w;
  unsigned nch, i;
  int rc;
  if ((rc = build(m, &w)))
    return rc;
  nch = (w.n + 5) / 6;
  if (cap < (size_t)nch + 1)
    return idt_error_set(IDT_ELIMIT, "encode: payload needs %u characters", nch);
  for (i = 0; i < nch; i++) {
    unsigned v = 0, k;
    for (k = 0; k < 6; k++) {
      unsigned at = i * 6 + k;
      v = (v << 1) | (at < w.n ? (w.b[at / 8] >> (7 - at % 8)) & 1u : 0u);
    }
    v += 48;
    if (v > 87)
      v += 8;
    payload[i] = (char)v;
  }
  payload[nch] = 0;
  *fill = nch * 6 - w.n;
  return 0;
}

static unsigned xsum(const char *s, size_t n)
{
  unsigned x = 0;
  size_t i;
  for (i = 0; i < n; i++)
    x ^= (unsigned char)s[i];
  return x;
}

int idt_ais_encode_nmea(const idt_ais_enc *m, int64_t t, const char *src,
                        char channel, unsigned seqid, char *out, size_t cap)
{
  char pl[96], tag[96], body[160];
  unsigned fill, nparts, part;
  size_t len = 0, plen, per = 60;
  int rc, n;
  if ((rc = idt_ais_encode_payload(m, pl, sizeof pl, &fill)))
    return rc;
  plen = strlen(pl);
  nparts = (unsigned)((plen + per - 1) / per);
  tag[0] = 0;
  if (t >= 0) {
    char inner[80];
    int k = src ? snprintf(inner, sizeof inner, "s:%s,c:%lld", src, (long long)t)
                : snprintf(inner, sizeof inner, "c:%lld", (long long)t);
    if (k < 0 || (size_t)k >= sizeof inner)
      return idt_error_set(IDT_ELIMIT, "encode: tag block too long");
    snprintf(tag, sizeof tag, "\\%s*%02X\\", inner, xsum(inner, (size_t)k));
  }
  for (part = 0; part < nparts; part++) {
    size_t off = part * per, cl = plen - off < per ? plen - off : per;
    int bl;
    char seq[4] = "";
    if (nparts > 1)
      snprintf(seq, sizeof seq, "%u", seqid % 10);
    bl = snprintf(body, sizeof body, "AIVDM,%u,%u,%s,%c,%.*s,%u", nparts, part + 1,
                  seq, channel ? channel : 'A', (int)cl, pl + off,
                  part + 1 == nparts ? fill : 0);
    if (bl < 0 || (size_t)bl >= sizeof body)
      return idt_error_set(IDT_ELIMIT, "encode: sentence too long");
    n = snprintf(out + len, cap - len, "%s!%s*%02X\r\n", tag, body,
                 xsum(body, (size_t)bl));
    if (n < 0 || (size_t)n >= cap - len)
      return idt_error_set(IDT_ELIMIT, "encode: output buffer of %zu bytes too small", cap);
    len += (size_t)n;
  }
  return (int)len;
}
