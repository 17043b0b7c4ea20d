/*
 * ais_int.h - internals shared by the AIS files: the field table that
 * drives decoding and every output format.
 *
 * A layout is one message shape (a type, or a type plus the bit that selects
 * a variant: 22 addressed/broadcast, 24 part A/B, 25/26 addressed and
 * structured). Its fields are listed in gpsd's JSON order (what a reader of
 * the output sees); decoding does not care about order since each field
 * names its start bit. gpsd's pipe-delimited layout uses the same order
 * except for a few types, which give their own dsv_order.
 *
 * Rejected alternative: gpsd's 1,100-line switch with one hand-written
 * printf per type and format, which is how its three outputs drifted apart
 * (the 3.22 vs HEAD differences this decoder has to reproduce).
 */
#ifndef IDT_AIS_INT_H
#define IDT_AIS_INT_H
#include <stdint.h>
#include "interdict/ais.h"

enum ais_kind {
  K_U,       /* unsigned */
  K_I,       /* two's complement signed */
  K_B,       /* boolean: JSON true/false, DSV 0/1 */
  K_T,       /* 6-bit text, width bits (0: to the end of the message) */
  K_T21,     /* type 21 name: 120 bits plus the extension after bit 272 */
  K_TEXT_A,  /* type 24 ship name carried over from part A */
  K_DATA,    /* binary from start to the end (minus width bits): "n:hex" */
  K_TS6,     /* year/month/day/hour/minute/second (type 4, 11) */
  K_ETA4,    /* month/day/hour/minute "MM-DDTHH:MMZ" (type 5) */
  K_DHM,     /* day/hour/minute "DDTHH:MMZ" (met-hydro messages) */
  K_ZERO,    /* a field gpsd prints that this variant lacks: 0 */
  K_TIDALS,  /* IMO236/289 tidal windows: elements of width bits from start */
  K_ARR,     /* an array of records: width indexes idt__ais_array() */
  K_TGTID,   /* 8/1/17 target id: idtype selects the member name and kind */
  K_WHEN     /* a date/time assembled from scattered fields: width indexes
                idt__ais_when() (binary sub-types, JSON only) */
};

enum ais_scale {
  S_NONE,
  S_LL,      /* 1/10000 minute -> degrees, %.6f (3.22) or %.7f (HEAD) */
  S_LL10,    /* 1/10 minute -> degrees, %.1f (types 17, 27 in 3.22) */
  S_LLQ,     /* 1/10 minute -> degrees as a quoted "%.6f" (types 22, 23) */
  S_D10,     /* tenths, %.1f */
  S_SPEED,   /* tenths of a knot, 1023 "nan", 1022 "fast" */
  S_TURN,    /* rate of turn: sentinels and the 4.733 square law */
  S_ST27,    /* type 27 status: legend text in 3.22, number + text in HEAD */
  S_LL3,     /* 1/1000 minute -> degrees, %.4f (3.22) or %.6f (HEAD) */
  S_D100,    /* hundredths (plus off), %.1f through printf */
  S_D20,     /* twentieths, %.2f; 0 prints as the integer 0 (gpsd) */
  S_WORD,    /* print the legend word instead of the number */
  S_NAN      /* all ones ("not available") prints "nan" */
};

enum ais_legend { L_NONE, L_NAV, L_EPFD, L_SHIP, L_STATION, L_NAVAID,
                  L_TEND, L_PRECIP, L_ICE, L_RACON, L_LIGHT, L_ERI, L_HAZARD,
                  L_LOADED, L_MOOR, L_LOCK, L_SIGNAL, L_EMMA, L_EMMACLS,
                  L_WIND, L_IMPACT, L_LIGHTS, L_ROUTE };

/* Date/time layouts of K_WHEN fields: bit positions of each part (year 0 =
 * no year) and how gpsd prints it. */
enum { W_BERTH, W_ETA200, W_CLOSEFROM, W_CLOSETO, W_EMMASTART, W_EMMAEND };
typedef struct ais_when {
  uint16_t year, month, day, hour, minute;
  uint8_t pad;                  /* 0: %u-%uT%u:%u (6/1/20, 6/200/21-22), 1: %02u */
} ais_when;
const ais_when *idt__ais_when(unsigned which);

/* Arrays of records in binary sub-types (K_ARR): elements of size bits from
 * start, as many as fit in the message (up to max), or as a count field
 * says (count_width bits at count_at) when it has one. The members are
 * fields whose start is relative to the element. */
enum { A_CARGOS, A_WAY28, A_WAY27, A_TARGETS, A_GAUGES };
typedef struct ais_array {
  uint16_t start, size, count_at;
  uint8_t count_width, max;
  const struct ais_field *m;
  uint8_t n;
} ais_array;
const ais_array *idt__ais_array(unsigned which);

#define F_HEX    0x01  /* DSV prints 0x%x */
#define F_NODSV  0x02  /* not in the pipe-delimited layout */
#define F_NOJSON 0x04  /* not in the JSON */
#define F_POS    0x08  /* the lat/lon/sog/cog/heading of a position report */
#define F_COLON  0x10  /* DSV separator before it is ':' (type 26 radio) */
#define F_XDATA  0x20  /* DSV shows the data as 'x's: gpsd decoded it */
#define F_NOTEXT 0x40  /* legend used for S_WORD only, no *_text member */
#define F_MASK   0x80  /* data: bits past the end of the data print as 0 */
#define F_TRUNC  0x100 /* a message ending inside the field gives the bits
                          present only (gpsd: type 1-3 radio under 168) */

typedef struct ais_field {
  const char *name;
  uint16_t start, width;
  uint8_t kind, scale, legend;
  uint16_t flags;
  int16_t off;                  /* added before scaling (scaled JSON only) */
  uint16_t need;                /* decoded only when the message has at
                                   least this many bits, else 0 (gpsd) */
} ais_field;

typedef struct ais_layout {
  const char *id;               /* "1", "24B", "22a", ... */
  const ais_field *f;
  uint8_t n;
  const uint8_t *dsv;           /* field order in DSV, NULL = table order */
  uint8_t ndsv;
  uint8_t partial;              /* gpsd decodes this binary sub-type into
                                   fields we print as raw data */
} ais_layout;

/* The length policy of a type: gpsd's accepted range, and the range inside
 * which this decoder accepts without a warning. */
typedef struct ais_policy {
  uint16_t min, max;            /* accepted (gpsd's) */
  uint16_t nominal_min, nominal_max;
  const char *why;              /* the reason for any tolerance */
} ais_policy;

const ais_layout *idt__ais_layout_for(const uint8_t *bits, size_t nbits,
                                      unsigned type, unsigned mmsi);
const ais_policy *idt__ais_policy(unsigned type);
const ais_layout *idt__ais_layout_24ab(unsigned mmsi);
const char *idt__ais_legend(int legend, unsigned v);
int idt__ais_field_index(const ais_layout *l, const char *name);

int idt__ais_pghp(const char *line, size_t len, int64_t *t);

/* Reassembly (reassembly.c). */
typedef struct ais_reasm ais_reasm;
size_t idt__ais_reasm_size(void);
void idt__ais_reasm_init(ais_reasm *r, unsigned max_age);
/* Called once per sentence (of any kind): ages are counted in sentences. */
void idt__ais_reasm_tick(ais_reasm *r);
typedef struct ais_group {
  const char *chars;            /* joined payload, owned by the table */
  size_t n;
  unsigned fill;                /* of the last fragment */
  int64_t time;                 /* first fragment's time that had one */
  char source[24];
} ais_group;
/* 1: complete, *g set; 0: stored; <0 error. */
int idt__ais_reasm_add(ais_reasm *r, const idt_ais_sentence *s, ais_group *g,
                       unsigned long long *dropped);
#endif
