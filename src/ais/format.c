/*
 * format.c - the output formats, all driven by the field table:
 *   JSON           gpsd's json_aivdm_dump (gpsdecode -j), scaled
 *   JSON unscaled  gpsdecode -u -j and gpsd's daemon reports
 *   DSV            gpsdecode -u -c (aivdm_csv_dump): unscaled, '|'-separated
 *   CSV            positions only: mmsi,time,lat,lon,sog,cog,heading,type
 *
 * Numbers are written by hand, not printf: the decimal scalings used on the
 * hot path (1/10, and 1/600000 degree to 6 or 7 places) are exact in integer
 * arithmetic because v*10/6 and v*100/6 never fall on a rounding tie (the
 * fraction is a multiple of 1/3), so they print exactly what printf("%.6f",
 * v / 600000.0) prints. Scalings that can tie (1/600 to one place) go
 * through snprintf to reproduce printf's binary rounding.
 *
 * The two gpsd dialects differ in lat/lon precision (3.22: 6 places, HEAD:
 * 7), the turn and navigation-status legends, and type 27.
 */
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include "ais/ais_int.h"

/* Writers do not check bounds: every line is formatted into a buffer of
 * LINE_MAX bytes (the caller's when it is that large, else a local one),
 * and no line comes near it: the longest, a 1008-bit binary message or an
 * IMO236 met-hydro report, is under 1,500 bytes, and text fields are at
 * most 160 characters before escaping. */
#define LINE_MAX 4096

typedef struct out {
  char *p, *end;
  int over;
} out;

static inline void put(out *o, const char *s, size_t n)
{
  memcpy(o->p, s, n);
  o->p += n;
}
static inline void puts_(out *o, const char *s) { put(o, s, strlen(s)); }
static inline void putc_(out *o, char c) { *o->p++ = c; }

/* ,"name": for a JSON member. Field names are short, so a byte loop beats
 * strlen plus memcpy (callgrind: ~120 fewer instructions per position
 * report, about 3% of a JSON line). */
static inline void put_key(out *o, const char *name)
{
  char *p = o->p;
  *p++ = ',';
  *p++ = '"';
  while (*name)
    *p++ = *name++;
  *p++ = '"';
  *p++ = ':';
  o->p = p;
}

static const char digits2[201] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

static void put_u(out *o, uint64_t v)
{
  char t[24];
  int i = 24;
  while (v >= 100) {
    unsigned r = (unsigned)(v % 100);
    v /= 100;
    t[--i] = digits2[2 * r + 1];
    t[--i] = digits2[2 * r];
  }
  if (v >= 10) {
    t[--i] = digits2[2 * v + 1];
    t[--i] = digits2[2 * v];
  } else {
    t[--i] = (char)('0' + v);
  }
  put(o, t + i, (size_t)(24 - i));
}

static void put_i(out *o, int64_t v)
{
  if (v < 0) {
    putc_(o, '-');
    put_u(o, (uint64_t)(-(v + 1)) + 1u);
  } else {
    put_u(o, (uint64_t)v);
  }
}

/* v / 10^dec with dec places, v already scaled and rounded. */
static void put_fixed(out *o, int neg, uint64_t v, int dec)
{
  char t[24];
  int i;
  uint64_t ip, frac;
  /* Constant divisors (multiplications) for the places used. */
  switch (dec) {
  case 1: ip = v / 10; frac = v % 10; break;
  case 2: ip = v / 100; frac = v % 100; break;
  case 6: ip = v / 1000000; frac = v % 1000000; break;
  case 7: ip = v / 10000000; frac = v % 10000000; break;
  default: {
    static const uint64_t p10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000 };
    ip = v / p10[dec];
    frac = v % p10[dec];
  }
  }
  if (neg)
    putc_(o, '-');
  put_u(o, ip);
  if (!dec)
    return;
  putc_(o, '.');
  for (i = dec - 1; i >= 0; i--) {
    t[i] = (char)('0' + frac % 10);
    frac /= 10;
  }
  put(o, t, (size_t)dec);
}

static void put_fmt(out *o, int places, double v)
{
  char t[64];
  int n = snprintf(t, sizeof t, "%.*f", places, v);
  if (n > 0)
    put(o, t, (size_t)n < sizeof t ? (size_t)n : sizeof t - 1);
}

/* 1/10000 minute to degrees, 6 or 7 places, exactly as printf would. */
static void put_ll(out *o, int64_t v, int dec)
{
  uint64_t a = (uint64_t)(v < 0 ? -v : v);
  uint64_t scaled = dec == 7 ? (a * 100 + 3) / 6 : (a * 10 + 3) / 6;
  put_fixed(o, v < 0, scaled, dec);
}

static void put_d10(out *o, int64_t v)
{
  put_fixed(o, v < 0, (uint64_t)(v < 0 ? -v : v), 1);
}

static void put_json_str(out *o, const char *s)
{
  putc_(o, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      putc_(o, '\\');
    putc_(o, *s);
  }
  putc_(o, '"');
}

static void put_hexdata(out *o, const idt_ais_msg *m, unsigned start, unsigned end_trim,
                        int mask, int xs)
{
  static const char hx[] = "0123456789abcdef";
  unsigned n = m->nbits > start + end_trim ? m->nbits - start - end_trim : 0;
  unsigned bytes = (n + 7) / 8, i;
  put_u(o, n);
  putc_(o, ':');
  for (i = 0; i < bytes; i++) {
    unsigned b = start + 8 * i;
    const uint8_t *p = m->bits + (b >> 3);
    unsigned v = (unsigned)(((p[0] << 8) | p[1]) >> (8 - (b & 7))) & 0xFFu;
    /* gpsd HEAD zeroes the bits past the data in type 8's last byte;
     * elsewhere whatever the payload held there (fill bits) shows. */
    if (mask && 8 * i + 8 > n)
      v &= 0xFFu << (8 * i + 8 - n);
    if (xs) {
      puts_(o, "xx");
      continue;
    }
    putc_(o, hx[v >> 4]);
    putc_(o, hx[v & 15]);
  }
}

static const char *nav_head(unsigned v)
{
  /* gpsd HEAD follows ITU-R M.1371-5 for the statuses 3.22 called
   * "Restricted manoeuverability" and "Reserved" (11, 12, 14). */
  switch (v) {
  case 3: return "Restricted maneuverability";
  case 11: return "Power-driven vessel towing astern";
  case 12: return "Power-driven vessel pushing ahead or towing alongside";
  case 14: return "AIS-SART is active";
  default: return idt__ais_legend(L_NAV, v);
  }
}

static const char *legend(const ais_field *f, unsigned v, int dialect)
{
  if (f->legend == L_NAV && dialect == IDT_AIS_GPSD_HEAD)
    return nav_head(v);
  return idt__ais_legend(f->legend, v);
}

static void json_turn(out *o, int64_t t, int dialect)
{
  if (t == -128) {
    puts_(o, dialect == IDT_AIS_GPSD_HEAD ? "\"n/a\"" : "\"nan\"");
  } else if (t == -127) {
    puts_(o, "\"fastleft\"");
  } else if (t == 127) {
    puts_(o, "\"fastright\"");
  } else {
    /* ROT_AIS = 4.733 sqrt(ROT_IND) (ITU-R M.1371 table 45). 3.22 prints
     * the unsigned square as %.0f; HEAD a quoted %.2f. */
    double r = (double)t / 4.733;
    if (dialect == IDT_AIS_GPSD_HEAD) {
      putc_(o, '"');
      put_fmt(o, 2, r * fabs(r));
      putc_(o, '"');
    } else {
      /* %.0f rounds half to even; away from an exact half, lround agrees. */
      double r2 = r * r, fl = floor(r2);
      if (r2 - fl != 0.5)
        put_u(o, (uint64_t)llround(r2));
      else
        put_fmt(o, 0, r2);
    }
  }
}

/* Tidal windows (gpsd: elements while 97 + size * i <= length). FI 14:
 * lat 27, lon 28 bits; FI 32: lon 25, lat 24; both in 1/1000 minute. */
static void json_tidals(out *o, const idt_ais_msg *m, const ais_field *f, int scaled,
                        int dialect)
{
  unsigned i, a, big = f->width == 93, sh = big ? 55 : 49;
  putc_(o, '[');
  for (i = 0; f->start + f->width * i <= m->nbits && i < 16; i++) {
    int32_t lat, lon;
    a = f->start + f->width * i;
    lat = big ? idt_ais_sbits(m->bits, IDT_AIS_MAX_BITS, a, 27)
              : idt_ais_sbits(m->bits, IDT_AIS_MAX_BITS, a + 25, 24);
    lon = big ? idt_ais_sbits(m->bits, IDT_AIS_MAX_BITS, a + 27, 28)
              : idt_ais_sbits(m->bits, IDT_AIS_MAX_BITS, a, 25);
    if (i)
      putc_(o, ',');
    puts_(o, "{\"lon\":");
    if (scaled) put_fmt(o, dialect == IDT_AIS_GPSD_HEAD ? 6 : 4, lon / 60000.0); else put_i(o, lon);
    puts_(o, ",\"lat\":");
    if (scaled) put_fmt(o, dialect == IDT_AIS_GPSD_HEAD ? 6 : 4, lat / 60000.0); else put_i(o, lat);
    puts_(o, ",\"from_hour\":");
    put_u(o, idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + sh, 5));
    puts_(o, ",\"from_min\":");
    put_u(o, idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + sh + 5, 6));
    puts_(o, ",\"to_hour\":");
    put_u(o, idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + sh + 11, 5));
    puts_(o, ",\"to_min\":");
    put_u(o, idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + sh + 16, 6));
    puts_(o, ",\"cdir\":");
    put_u(o, idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + sh + 22, 9));
    puts_(o, ",\"cspeed\":");
    {
      uint32_t cs = idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + sh + 31, big ? 7 : 8);
      if (scaled) put_d10(o, cs); else put_u(o, cs);
    }
    putc_(o, '}');
  }
  putc_(o, ']');
}

/* A date/time from scattered sub-fields, printed as gpsd 3.22 does: 6/1/20
 * unpadded "M-DTH:M", the others "MM-DDTHH:MM", EMMA with "YYYY-" (year
 * since 2000) first. */
__attribute__((noinline)) static void json_when(out *o, const idt_ais_msg *m, const ais_when *w)
{
  char t[48];
  const uint8_t *b = m->bits;
  unsigned mo = idt_ais_ubits(b, IDT_AIS_MAX_BITS, w->month, 4);
  unsigned d = idt_ais_ubits(b, IDT_AIS_MAX_BITS, w->day, 5);
  unsigned h = idt_ais_ubits(b, IDT_AIS_MAX_BITS, w->hour, 5);
  unsigned mi = idt_ais_ubits(b, IDT_AIS_MAX_BITS, w->minute, 6);
  if (w->year)
    snprintf(t, sizeof t, "\"%04u-%02u-%02uT%02u:%02u\"",
             2000u + idt_ais_ubits(b, IDT_AIS_MAX_BITS, w->year, 8), mo, d, h, mi);
  else if (w->pad)
    snprintf(t, sizeof t, "\"%02u-%02uT%02u:%02u\"", mo, d, h, mi);
  else
    snprintf(t, sizeof t, "\"%u-%uT%u:%u\"", mo, d, h, mi);
  puts_(o, t);
}

/* 8/1/17 target identifier: idtype, its word, then the id under that word
 * (MMSI and IMO as quoted numbers, call sign and other as 7 characters). */
/* The sub-type printers are kept out of line: inlined into json_value they
 * cost every position report ~125 instructions of spills (callgrind). */
__attribute__((noinline)) static void json_tgtid(out *o, const idt_ais_msg *m, unsigned a)
{
  static const char *const word[4] = { "mmsi", "imo", "callsign", "other" };
  static const char six[] = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";
  unsigned t = idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a, 2), i;
  char txt[8];
  puts_(o, "\"idtype\":");
  put_u(o, t);
  puts_(o, ",\"idtype_text\":\"");
  puts_(o, word[t]);
  puts_(o, "\",\"");
  puts_(o, word[t]);
  puts_(o, "\":");
  if (t < 2) {
    uint64_t id = (uint64_t)idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + 2, 21) << 21 |
                  idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + 23, 21);
    putc_(o, '"');
    put_u(o, id);
    putc_(o, '"');
    return;
  }
  for (i = 0; i < 7; i++)
    txt[i] = six[idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + 2 + 6 * i, 6)];
  txt[7] = 0;
  put_json_str(o, txt);
}

/* An array of records (K_ARR): as many elements as fit, or as the count
 * field says, capped at the array's maximum. */
__attribute__((noinline)) static void json_array(out *o, const idt_ais_msg *m, const ais_array *ar, int scaled,
                       int dialect)
{
  unsigned i, k, cnt = ar->max;
  if (ar->count_width) {
    unsigned c = idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, ar->count_at, ar->count_width);
    cnt = c < cnt ? c : cnt;
  } else {
    cnt = m->nbits >= ar->start ? (unsigned)(m->nbits - ar->start) / ar->size : 0;
    cnt = cnt < ar->max ? cnt : ar->max;
  }
  putc_(o, '[');
  for (i = 0; i < cnt; i++) {
    unsigned a = ar->start + ar->size * i;
    if (i)
      putc_(o, ',');
    putc_(o, '{');
    for (k = 0; k < ar->n; k++) {
      const ais_field *f = &ar->m[k];
      int64_t v;
      if (k)
        putc_(o, ',');
      if (f->kind == K_TGTID) {
        json_tgtid(o, m, a + f->start);
        continue;
      }
      putc_(o, '"');
      puts_(o, f->name);
      puts_(o, "\":");
      if (f->kind == K_I)
        v = idt_ais_sbits(m->bits, IDT_AIS_MAX_BITS, a + f->start, f->width);
      else
        v = idt_ais_ubits(m->bits, IDT_AIS_MAX_BITS, a + f->start, f->width);
      if (!scaled || f->scale == S_NONE)
        put_i(o, v);
      else if (f->scale == S_LL)
        put_ll(o, v, dialect == IDT_AIS_GPSD_HEAD ? 7 : 6);
      else
        put_fmt(o, dialect == IDT_AIS_GPSD_HEAD ? 6 : 4, (double)v / 60000.0);
    }
    putc_(o, '}');
  }
  putc_(o, ']');
}

static void json_value(out *o, const idt_ais_msg *m, const ais_field *f, int64_t v,
                       int scaled, int dialect)
{
  switch (f->kind) {
  case K_TIDALS: json_tidals(o, m, f, scaled, dialect); return;
  case K_B: puts_(o, v ? "true" : "false"); return;
  case K_T: case K_T21: case K_TEXT_A: put_json_str(o, m->text + v); return;
  case K_DATA:
    putc_(o, '"');
    put_hexdata(o, m, f->start, f->width, f->flags & F_MASK, 0);
    putc_(o, '"');
    return;
  case K_ZERO: putc_(o, '0'); return;
  case K_WHEN: json_when(o, m, idt__ais_when(f->width)); return;
  case K_ARR: json_array(o, m, idt__ais_array(f->width), scaled, dialect); return;
  case K_TS6: {
    char t[48];
    unsigned hi = (unsigned)(v >> 20), lo = (unsigned)(v & 0xFFFFF);
    snprintf(t, sizeof t, "\"%04u-%02u-%02uT%02u:%02u:%02uZ\"", hi >> 6, (hi >> 2) & 15,
             ((hi & 3) << 3) | (lo >> 17), (lo >> 12) & 31, (lo >> 6) & 63, lo & 63);
    puts_(o, t);
    return;
  }
  case K_ETA4: {
    char t[32];
    unsigned e = (unsigned)v;
    snprintf(t, sizeof t, "\"%02u-%02uT%02u:%02uZ\"", e >> 16, (e >> 11) & 31,
             (e >> 6) & 31, e & 63);
    puts_(o, t);
    return;
  }
  case K_DHM: {
    char t[32];
    unsigned e = (unsigned)v;
    snprintf(t, sizeof t, "\"%02uT%02u:%02uZ\"", e >> 11, (e >> 6) & 31, e & 63);
    puts_(o, t);
    return;
  }
  default: break;
  }
  if (!scaled) {
    put_i(o, v);
    return;
  }
  v += f->off;
  switch (f->scale) {
  case S_LL: put_ll(o, v, dialect == IDT_AIS_GPSD_HEAD ? 7 : 6); break;
  case S_LL10:
    put_fmt(o, dialect == IDT_AIS_GPSD_HEAD && m->type == 27 ? 4 : 1, (double)v / 600.0);
    break;
  case S_LLQ: putc_(o, '"'); put_fmt(o, 6, (double)v / 600.0); putc_(o, '"'); break;
  case S_D10: put_d10(o, v); break;
  case S_SPEED:
    if (v == 1023)
      puts_(o, "\"nan\"");
    else if (v == 1022)
      puts_(o, "\"fast\"");
    else
      put_d10(o, v);
    break;
  case S_TURN: json_turn(o, v, dialect); break;
  case S_LL3: put_fmt(o, dialect == IDT_AIS_GPSD_HEAD ? 6 : 4, (double)v / 60000.0); break;
  case S_D100: put_fmt(o, 1, (double)(v - f->off) * 0.01 + f->off / 100); break;
  case S_D20:
    if (v == 0)
      putc_(o, '0');
    else
      put_fixed(o, 0, (uint64_t)v * 5, 2);
    break;
  case S_WORD: put_json_str(o, idt__ais_legend(f->legend, (unsigned)v)); break;
  case S_NAN:
    if (v == (int64_t)((1u << f->width) - 1u))
      puts_(o, "\"nan\"");
    else
      put_i(o, v);
    break;
  case S_ST27:
    if (dialect == IDT_AIS_GPSD_322)
      put_json_str(o, idt__ais_legend(L_NAV, (unsigned)v));
    else
      put_i(o, v);
    break;
  default: put_i(o, v); break;
  }
}

static void fmt_json(out *o, const idt_ais_msg *m, const ais_layout *l,
                     const idt_ais_fmt_opts *op, int scaled)
{
  uint8_t i, k;
  /* gpsd's unscaled type 21 keeps the bit order (accuracy before lon/lat),
   * its scaled one does not: the DSV order is the bit order. */
  const uint8_t *order = !scaled && m->type == 21 ? l->dsv : NULL;
  puts_(o, "{\"class\":\"AIS\"");
  if (op->device && op->device[0]) {
    puts_(o, ",\"device\":");
    put_json_str(o, op->device);
  }
  puts_(o, ",\"type\":");
  put_u(o, m->type);
  puts_(o, ",\"repeat\":");
  put_u(o, m->repeat);
  puts_(o, ",\"mmsi\":");
  put_u(o, m->mmsi);
  puts_(o, scaled ? ",\"scaled\":true" : ",\"scaled\":false");
  for (k = 0; k < l->n; k++) {
    const ais_field *f = &l->f[i = order ? order[k] : k];
    if (f->flags & F_NOJSON)
      continue;
    put_key(o, f->name);
    json_value(o, m, f, m->val[i], scaled, op->dialect);
    if (f->legend != L_NONE && !(f->flags & F_NOTEXT)) {
      if (f->scale == S_ST27 && (!scaled || op->dialect == IDT_AIS_GPSD_322))
        continue;
      puts_(o, ",\"");
      puts_(o, f->name);
      puts_(o, "_text\":\"");
      if (f->legend == L_EPFD && op->dialect == IDT_AIS_GPSD_HEAD && m->val[i] == 15) {
        puts_(o, "Internal GNSS");   /* ITU-R M.1371-5 table 48 */
      } else if (f->legend == L_EPFD && op->dialect == IDT_AIS_GPSD_HEAD && m->val[i] >= 9) {
        /* HEAD names the reserved codes instead of "INVALID EPFD". */
        puts_(o, "Reserved (");
        put_u(o, (uint64_t)m->val[i]);
        putc_(o, ')');
      } else {
        puts_(o, legend(f, (unsigned)m->val[i], op->dialect));
      }
      putc_(o, '"');
    }
  }
  puts_(o, "}\r\n");
}

static void dsv_value(out *o, const idt_ais_msg *m, const ais_field *f, int64_t v)
{
  static const char hx[] = "0123456789abcdef";
  switch (f->kind) {
  case K_T: case K_T21: case K_TEXT_A: puts_(o, m->text + v); return;
  case K_DATA: put_hexdata(o, m, f->start, f->width, f->flags & F_MASK, f->flags & F_XDATA); return;
  case K_TS6: case K_ETA4: case K_DHM: {
    /* The quoted JSON rendering minus its quotes. */
    char big[LINE_MAX];
    out tmp = { big, big + sizeof big, 0 };
    json_value(&tmp, m, f, v, 0, IDT_AIS_GPSD_322);
    put(o, big + 1, (size_t)(tmp.p - big) - 2);
    return;
  }
  default: break;
  }
  if (f->flags & F_HEX) {
    char t[20];
    int i = 20;
    uint64_t u = (uint64_t)v;
    do {
      t[--i] = hx[u & 15];
      u >>= 4;
    } while (u);
    puts_(o, "0x");
    put(o, t + i, (size_t)(20 - i));
    return;
  }
  put_i(o, v);
}

static void fmt_dsv(out *o, const idt_ais_msg *m, const ais_layout *l)
{
  char mm[9];
  unsigned v = m->mmsi, j;
  uint8_t k, n = l->dsv ? l->ndsv : l->n;
  put_u(o, m->type);
  putc_(o, '|');
  put_u(o, m->repeat);
  putc_(o, '|');
  /* "%09u": an MMSI has at most 9 digits (30 bits can hold 10: print the
   * excess as printf would). */
  if (v > 999999999u) {
    put_u(o, v);
  } else {
    for (j = 9; j-- > 0; v /= 10)
      mm[j] = (char)('0' + v % 10);
    put(o, mm, 9);
  }
  for (k = 0; k < n; k++) {
    uint8_t i = l->dsv ? l->dsv[k] : k;
    if (l->f[i].flags & F_NODSV)
      continue;
    putc_(o, (l->f[i].flags & F_COLON) ? ':' : '|');
    dsv_value(o, m, &l->f[i], m->val[i]);
  }
  puts_(o, "\r\n");
}

/* CSV straight from the raw fields (integer formatting, sentinels empty). */
static void fmt_csv(out *o, const idt_ais_msg *m, const ais_layout *l)
{
  int64_t lat = 0, lon = 0, sog = -1, cog = -1, hdg = -1;
  int latq = 0, lonq = 0, ll10 = 0;
  uint8_t i;
  for (i = 0; i < l->n; i++) {
    const ais_field *f = &l->f[i];
    int64_t v = m->val[i];
    if (!(f->flags & F_POS))
      continue;
    switch (f->name[0] == 'l' ? f->name[1] : f->name[0]) {
    case 'a': lat = v; latq = 1; ll10 = f->scale == S_LL10; break;   /* lat */
    case 'o': lon = v; lonq = 1; break;                               /* lon */
    case 's':                                                          /* speed */
      if (m->type == 27) sog = v == 63 ? -1 : v * 10;
      else if (m->type == 9) sog = v == 1023 ? -1 : v * 10;
      else sog = v == 1023 ? -1 : v;
      break;
    case 'c':                                                          /* course */
      if (m->type == 27) cog = v == 511 ? -1 : v * 10;
      else cog = v == 3600 ? -1 : v;
      break;
    case 'h': hdg = v == 511 ? -1 : v; break;                          /* heading */
    default: break;
    }
  }
  put_u(o, m->mmsi);
  putc_(o, ',');
  if (m->time != IDT_AIS_NOTIME) {
    char t[32];
    struct tm tm;
    time_t tt = (time_t)m->time;
    if (gmtime_r(&tt, &tm) && strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%SZ", &tm))
      puts_(o, t);
  }
  putc_(o, ',');
  /* Not available: latitude 91, longitude 181 (ITU-R M.1371 table 50). */
  if (latq && lat != (ll10 ? 91 * 600 : 91 * 600000)) {
    if (ll10) put_fmt(o, 6, (double)lat / 600.0); else put_ll(o, lat, 6);
  }
  putc_(o, ',');
  if (lonq && lon != (ll10 ? 181 * 600 : 181 * 600000)) {
    if (ll10) put_fmt(o, 6, (double)lon / 600.0); else put_ll(o, lon, 6);
  }
  putc_(o, ',');
  if (sog >= 0)
    put_d10(o, sog);
  putc_(o, ',');
  if (cog >= 0)
    put_d10(o, cog);
  putc_(o, ',');
  if (hdg >= 0)
    put_u(o, (uint64_t)hdg);
  putc_(o, ',');
  put_u(o, m->type);
  putc_(o, '\n');
}

const char *idt_ais_csv_header(void) { return "mmsi,time,lat,lon,sog,cog,heading,type\n"; }

int idt_ais_format(char *buf, size_t cap, const idt_ais_msg *m, const idt_ais_fmt_opts *op)
{
  char local[LINE_MAX];
  char *dst = cap >= LINE_MAX ? buf : local;
  out o = { dst, dst + LINE_MAX, 0 };
  const ais_layout *l = m->layout;
  idt_ais_position pos;
  size_t len;
  if (!l || cap == 0)
    return idt_error_set(IDT_EINVAL, "message not decoded or no buffer");
  /* gpsdecode prints type 24 only once both halves are joined. */
  if (m->type == 24 && m->part != IDT_AIS_PART_AB && op->format != IDT_AIS_FMT_CSV)
    return 0;
  switch (op->format) {
  case IDT_AIS_FMT_JSON: fmt_json(&o, m, l, op, 1); break;
  case IDT_AIS_FMT_JSON_UNSCALED: fmt_json(&o, m, l, op, 0); break;
  case IDT_AIS_FMT_DSV: fmt_dsv(&o, m, l); break;
  case IDT_AIS_FMT_CSV:
    if (!idt_ais_get_position(m, &pos))
      return 0;
    fmt_csv(&o, m, l);
    break;
  default: return idt_error_set(IDT_EINVAL, "unknown format %d", op->format);
  }
  len = (size_t)(o.p - dst);
  if (len + 1 > cap)
    return idt_error_set(IDT_ELIMIT, "output line of %zu bytes, buffer of %zu", len, cap);
  *o.p = 0;
  if (dst != buf)
    memcpy(buf, local, len + 1);
  return (int)len;
}
