/*
 * decode.c - AIS payload decoding and the streaming decoder.
 *
 * idt_ais_decode_bits applies the length policy of the message type, picks
 * the layout (fields.c) and extracts every field of it into msg->val[] and
 * msg->text[]: one loop over the table, no per-type code. The streaming
 * decoder glues the layers: sentence -> (reassembly) -> de-armouring ->
 * payload, plus the pairing of type 24 halves: part A's ship name is
 * remembered per MMSI (256 direct-mapped slots; gpsd keeps 8 round-robin,
 * MAX_TYPE24_INTERLEAVE, and loses pairs on busy feeds) and joined to the
 * next part B of the same MMSI.
 *
 * No heap after idt_ais_decoder_new: the message, bit buffer and tables are
 * fixed-size.
 */
#include <string.h>
#include <math.h>
#include "ais/ais_int.h"

/* Fast field read from msg->bits, which is zeroed past the message and has
 * 8 bytes of slack, so one unaligned 64-bit big-endian load covers any field
 * of up to 32 bits. */
static inline uint32_t ub(const uint8_t *b, unsigned start, unsigned width)
{
  uint64_t w;
  memcpy(&w, b + (start >> 3), 8);
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  w = __builtin_bswap64(w);
#elif !(defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
  {
    const uint8_t *p = b + (start >> 3);
    w = ((uint64_t)p[0] << 56) | ((uint64_t)p[1] << 48) | ((uint64_t)p[2] << 40) |
        ((uint64_t)p[3] << 32) | ((uint64_t)p[4] << 24) | ((uint64_t)p[5] << 16) |
        ((uint64_t)p[6] << 8) | (uint64_t)p[7];
  }
#endif
  return (uint32_t)((w << (start & 7)) >> (64 - width));
}

static inline int32_t sb(const uint8_t *b, unsigned start, unsigned width)
{
  uint32_t u = ub(b, start, width);
  uint32_t sign = 1u << (width - 1);
  return (int32_t)((u ^ sign) - sign);
}

static const char sixchr[65] =
  "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

/* gpsd's text rule: stop at the first '@', then trim trailing spaces and
 * '@'s. Returns the length written (a NUL follows). */
static size_t text6(char *to, const uint8_t *b, unsigned start, unsigned count)
{
  size_t i;
  for (i = 0; i < count; i++) {
    char c = sixchr[ub(b, start + 6 * (unsigned)i, 6)];
    if (c == '@')
      break;
    to[i] = c;
  }
  while (i > 0 && to[i - 1] == ' ')
    i--;
  to[i] = 0;
  return i;
}

static int decode_fields(idt_ais_msg *m, const ais_layout *l)
{
  const uint8_t *b = m->bits;
  size_t tp = 0;
  uint8_t i;
  m->layout = l;
  m->nfields = l->n;
  for (i = 0; i < l->n; i++) {
    const ais_field *f = &l->f[i];
    unsigned count;
    if (f->need && m->nbits < f->need) {
      m->val[i] = 0;
      continue;
    }
    switch (f->kind) {
    case K_U:
      m->val[i] = ub(b, f->start, f->width);
      if ((f->flags & F_TRUNC) && m->nbits < f->start + f->width)
        m->val[i] = m->nbits > f->start
                    ? m->val[i] >> (f->start + f->width - m->nbits) : 0;
      break;
    case K_B: m->val[i] = ub(b, f->start, 1); break;
    case K_I: m->val[i] = sb(b, f->start, f->width); break;
    case K_TS6:
      m->val[i] = ((int64_t)ub(b, f->start, 20) << 20) | ub(b, f->start + 20, 20);
      break;
    case K_ETA4: m->val[i] = ub(b, f->start, 20); break;
    case K_DHM: m->val[i] = ub(b, f->start, 16); break;
    case K_T:
    case K_T21:
      count = f->width ? f->width / 6u
                       : (m->nbits > f->start ? (m->nbits - f->start) / 6u : 0u);
      if (tp + count + 16 >= sizeof m->text)
        return idt_error_set(IDT_ELIMIT, "type %u: text field %s too long", m->type, f->name);
      m->val[i] = (int64_t)tp;
      {
        size_t n = text6(m->text + tp, b, f->start, count);
        /* Type 21: the name continues after bit 272 (up to 14 characters). */
        if (f->kind == K_T21 && n == 20 && m->nbits > 272) {
          unsigned ext = (m->nbits - 272) / 6u;
          n += text6(m->text + tp + n, b, 272, ext > 14 ? 14 : ext);
        }
        tp += n + 1;
      }
      break;
    case K_TEXT_A:
      /* Room for part A's 20 characters, filled in by pair24. */
      m->val[i] = (int64_t)tp;
      memset(m->text + tp, 0, 21);
      tp += 21;
      break;
    case K_DATA:
      m->val[i] = f->start;
      break;
    default:
      m->val[i] = 0;
      break;
    }
  }
  return 0;
}

/* Decode m->bits (nbits long, zeroed from byte ceil(raw/8) on). */
static int decode_inplace(idt_ais_msg *m, size_t nbits)
{
  const ais_policy *p;
  const ais_layout *l;
  unsigned part;
  if (nbits < 38)
    return idt_error_set(IDT_EPARSE, "%zu bits: shorter than the 38-bit header", nbits);
  m->nbits = (unsigned)nbits;
  m->type = ub(m->bits, 0, 6);
  m->repeat = ub(m->bits, 6, 2);
  m->mmsi = ub(m->bits, 8, 30);
  m->part = IDT_AIS_WHOLE;
  m->warn = 0;
  m->layout = NULL;
  m->nfields = 0;
  if (!(p = idt__ais_policy(m->type)))
    return idt_error_set(IDT_EPARSE, "message type %u is not defined", m->type);
  if (nbits < p->min || nbits > p->max)
    return idt_error_set(IDT_EPARSE, "type %u: %zu bits outside the accepted %u-%u",
                         m->type, nbits, p->min, p->max);
  if (m->type == 24) {
    part = ub(m->bits, 38, 2);
    if (part > 1)
      return idt_error_set(IDT_EPARSE, "type 24: part number %u (only A=0, B=1)", part);
    if (part == 1 && nbits != 168)
      return idt_error_set(IDT_EPARSE, "type 24 part B: %zu bits, not 168", nbits);
    m->part = part ? IDT_AIS_PART_B : IDT_AIS_PART_A;
  }
  if (m->type == 25 || m->type == 26) {
    /* gpsd: "too short for mode" */
    unsigned need = 40 + 30 * ub(m->bits, 38, 1) + 16 * ub(m->bits, 39, 1) +
                    (m->type == 26 ? 20 : 0);
    if (nbits < need)
      return idt_error_set(IDT_EPARSE, "type %u: %zu bits, too short for its addressing "
                           "mode (%u)", m->type, nbits, need);
  }
  m->warn = nbits < p->nominal_min || nbits > p->nominal_max;
  l = idt__ais_layout_for(m->bits, nbits, m->type, m->mmsi);
  if (!l)
    return idt_error_set(IDT_EPARSE, "type %u: no layout", m->type);
  return decode_fields(m, l);
}

int idt_ais_decode_bits(idt_ais_msg *m, const uint8_t *bits, size_t nbits)
{
  size_t nbytes = (nbits + 7) / 8;
  if (nbytes > sizeof m->bits - 8)
    return idt_error_set(IDT_ELIMIT, "%zu bits: longer than any AIS message", nbits);
  memcpy(m->bits, bits, nbytes);
  memset(m->bits + nbytes, 0, sizeof m->bits - nbytes);
  return decode_inplace(m, nbits);
}

/* ---- the streaming decoder ---------------------------------------------- */

/* Type 24 part A names waiting for their part B: direct-mapped by MMSI. gpsd
 * keeps 8 slots round-robin, so on a busy feed (or one with talkers gpsd
 * skips) a part A is overwritten before its part B arrives; 256 slots keyed
 * by MMSI pair every half gpsd pairs and more. */
#define T24_SLOTS 256

struct idt_ais_decoder {
  idt_ais_decoder_opts opts;
  idt_ais_stats st;
  int64_t pending_time;          /* from $PGHP, for the next sentence */
  struct { unsigned mmsi; char name[24]; } t24[T24_SLOTS];
  ais_reasm *reasm;              /* allocated with the decoder */
};

int idt_ais_decoder_new(idt_ais_decoder **out, const idt_ais_decoder_opts *opts)
{
  idt_ais_decoder_opts def = IDT_AIS_DECODER_OPTS_INIT;
  idt_ais_decoder *d;
  *out = NULL;
  if (opts && opts->version != IDT_AIS_DECODER_OPTS_VERSION)
    return idt_error_set(IDT_EINVAL, "idt_ais_decoder_opts version %u, expected %u",
                         opts->version, IDT_AIS_DECODER_OPTS_VERSION);
  if (!(d = idt_calloc(1, sizeof *d + idt__ais_reasm_size())))
    return IDT_ENOMEM;
  d->opts = opts ? *opts : def;
  d->reasm = (ais_reasm *)(void *)(d + 1);
  idt__ais_reasm_init(d->reasm, d->opts.max_age);
  d->pending_time = IDT_AIS_NOTIME;
  *out = d;
  return 0;
}

void idt_ais_decoder_free(idt_ais_decoder *d) { idt_free(d); }

void idt_ais_decoder_stats(const idt_ais_decoder *d, idt_ais_stats *out) { *out = d->st; }

static void pair24(idt_ais_decoder *d, idt_ais_msg *m)
{
  /* Fibonacci hashing of the MMSI to a slot (Knuth, TAOCP 6.4). */
  unsigned i = (unsigned)((m->mmsi * 2654435761u) >> 24) % T24_SLOTS;
  if (m->part == IDT_AIS_PART_A) {
    d->t24[i].mmsi = m->mmsi;
    memcpy(d->t24[i].name, m->text + m->val[0], 21);
    return;
  }
  /* A part B takes the name once (a repeated B is then a lone B, as in
   * gpsd, which clears the slot to avoid false matches). */
  if (d->t24[i].mmsi == m->mmsi && m->mmsi) {
    decode_fields(m, idt__ais_layout_24ab(m->mmsi));
    memcpy(m->text + m->val[0], d->t24[i].name, 21);
    d->t24[i].mmsi = 0;
    m->part = IDT_AIS_PART_AB;
  }
}

int idt_ais_decoder_line(idt_ais_decoder *d, const char *line, size_t len,
                         idt_ais_msg *m)
{
  idt_ais_sentence s;
  ais_group g;
  size_t nbits = 0;
  int rc;
  int64_t t;
  d->st.lines++;
  if (len > 5 && line[0] == '$' && line[1] == 'P') {
    rc = idt__ais_pghp(line, len, &t);
    if (rc == 1)
      d->pending_time = t;
    if (rc < 0)
      d->st.rejected++;
    return rc < 0 ? rc : 0;
  }
  rc = idt_ais_sentence_parse(&s, line, len);
  if (rc == IDT_ENOTFOUND)
    return 0;
  if (rc < 0) {
    d->st.rejected++;
    return rc;
  }
  d->st.sentences++;
  idt__ais_reasm_tick(d->reasm);
  if (s.time == IDT_AIS_NOTIME && d->pending_time != IDT_AIS_NOTIME)
    s.time = d->pending_time;
  d->pending_time = IDT_AIS_NOTIME;
  if (s.count == 1) {
    g.chars = s.payload;
    g.n = s.payload_len;
    g.fill = s.fill;
    g.time = s.time;
    g.source[0] = 0;
    if (s.source) {
      size_t n = s.source_len < sizeof g.source - 1 ? s.source_len : sizeof g.source - 1;
      memcpy(g.source, s.source, n);
      g.source[n] = 0;
    }
  } else {
    rc = idt__ais_reasm_add(d->reasm, &s, &g, &d->st.dropped_groups);
    if (rc <= 0) {
      if (rc < 0)
        d->st.rejected++;
      return rc;
    }
  }
  /* De-armour straight into the message; zero what follows so fields read
   * past a short message see 0 (gpsd's buffer is zeroed the same way). */
  rc = idt_ais_dearmor(m->bits, IDT_AIS_MAX_BITS, &nbits, g.chars, g.n);
  if (rc == 0) {
    size_t used = (nbits + 7) / 8;
    memset(m->bits + used, 0, sizeof m->bits - used);
    if (nbits < g.fill)
      rc = idt_error_set(IDT_EPARSE, "fill bits exceed the payload");
    else
      rc = decode_inplace(m, nbits - g.fill);
  }
  if (rc < 0) {
    d->st.rejected++;
    return rc;
  }
  m->time = g.time;
  m->channel = s.channel;
  memcpy(m->source, g.source, sizeof m->source);
  if (m->type == 24)
    pair24(d, m);
  d->st.messages++;
  return 1;
}

/* ---- named access -------------------------------------------------------- */

int idt_ais_field(const idt_ais_msg *m, const char *name, int64_t *out)
{
  const ais_layout *l = m->layout;
  int i;
  if (!l || (i = idt__ais_field_index(l, name)) < 0 || l->f[i].kind == K_T ||
      l->f[i].kind == K_T21 || l->f[i].kind == K_TEXT_A || l->f[i].kind == K_DATA)
    return IDT_ENOTFOUND;
  *out = m->val[i];
  return 0;
}

const char *idt_ais_text(const idt_ais_msg *m, const char *name)
{
  const ais_layout *l = m->layout;
  int i;
  if (!l || (i = idt__ais_field_index(l, name)) < 0 ||
      !(l->f[i].kind == K_T || l->f[i].kind == K_T21 || l->f[i].kind == K_TEXT_A))
    return NULL;
  return m->text + m->val[i];
}

int idt_ais_get_position(const idt_ais_msg *m, idt_ais_position *out)
{
  const ais_layout *l = m->layout;
  uint8_t i;
  int have = 0;
  if (!l)
    return 0;
  out->mmsi = m->mmsi;
  out->type = m->type;
  out->lat = out->lon = out->sog = out->cog = NAN;
  out->heading = -1;
  for (i = 0; i < l->n; i++) {
    const ais_field *f = &l->f[i];
    int64_t v = m->val[i];
    double div = f->scale == S_LL ? 600000.0 : 600.0;
    if (!(f->flags & F_POS))
      continue;
    switch (f->name[0] == 'l' ? f->name[1] : f->name[0]) {
    case 'a':                                          /* lat: 91 = n/a */
      if (v != (f->scale == S_LL ? 91 * 600000 : 91 * 600))
        out->lat = (double)v / div;
      have = 1;
      break;
    case 'o':                                          /* lon: 181 = n/a */
      if (v != (f->scale == S_LL ? 181 * 600000 : 181 * 600))
        out->lon = (double)v / div;
      break;
    case 's':                                          /* speed */
      if (m->type == 27)
        out->sog = v == 63 ? NAN : (double)v;
      else if (m->type == 9)
        out->sog = v == 1023 ? NAN : (double)v;
      else
        out->sog = v == 1023 ? NAN : (double)v / 10.0;
      break;
    case 'c':                                          /* course */
      if (m->type == 27)
        out->cog = v == 511 ? NAN : (double)v;
      else
        out->cog = v == 3600 ? NAN : (double)v / 10.0;
      break;
    case 'h':                                          /* heading */
      out->heading = v == 511 ? -1 : (int)v;
      break;
    default:
      break;
    }
  }
  return have;
}
