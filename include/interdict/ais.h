/*
 * interdict/ais.h - AIS (AIVDM/AIVDO) decoding and the vessel registry.
 *
 * Layers, each usable on its own:
 *   sentence   idt_ais_sentence_parse: one NMEA 0183 line (any talker, VDM or
 *              VDO, XOR checksum verified), with an optional IEC 61162-450 tag
 *              block (\s:src,c:time*hh\) and a trailing unix time after the
 *              checksum; $PGHP lines set the time of the next sentence.
 *   armour     idt_ais_dearmor: 6-bit ASCII payload to a bit buffer.
 *   reassembly inside idt_ais_decoder: multi-part groups keyed by (fragment
 *              count, sequence id, channel), interleaving allowed, stale
 *              groups aged out; a fixed-size table.
 *   payload    idt_ais_decode_bits: message types 1-27 through one field table
 *              (name, start bit, width, signedness, scale, legend) that also
 *              drives every output format (idt_ais_format).
 *
 * Ownership: an idt_ais_msg is a plain value (fixed-size, no pointers into
 * the input); the decoder allocates once in idt_ais_decoder_new and never
 * again, so decoding a stream is heap-free and constant-memory.
 */
#ifndef INTERDICT_AIS_H
#define INTERDICT_AIS_H

#include <stddef.h>
#include <stdint.h>
#include "interdict/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* "No time known" for idt_ais_sentence.time and idt_ais_msg.time. */
#define IDT_AIS_NOTIME INT64_MIN

/* Longest payload of one message after reassembly, in 6-bit characters:
 * 5 slots of 256 bits (ITU-R M.1371 type 26 maximum 1064 bits) with room
 * for receivers that emit a few extra characters. */
#define IDT_AIS_MAX_CHARS 240
#define IDT_AIS_MAX_BITS (IDT_AIS_MAX_CHARS * 6)
#define IDT_AIS_MAX_FIELDS 48
#define IDT_AIS_TEXT_MAX 512

typedef struct idt_ais_sentence {
  const char *payload;     /* borrowed from the line */
  size_t payload_len;
  unsigned count, index;   /* fragment count and 1-based index */
  int seqid;               /* -1 when empty */
  char channel;            /* 'A', 'B', '1', '2' or 0 when empty */
  unsigned fill;           /* fill bits 0-5 */
  char talker[3];          /* "AI", "AB", "BS", ... */
  int own;                 /* 1 for VDO (own ship) */
  int64_t time;            /* unix seconds, or IDT_AIS_NOTIME */
  const char *source;      /* tag block s: (borrowed), or NULL */
  size_t source_len;
} idt_ais_sentence;

/* Parse one line (without or with its trailing CR/LF). Returns 0 and fills
 * *out; IDT_EPARSE with the reason as last error (bad checksum, not a VDM,
 * malformed field); IDT_ENOTFOUND for a line that is not an AIS sentence at
 * all (comments, other NMEA) so callers can skip it quietly. */
int idt_ais_sentence_parse(idt_ais_sentence *out, const char *line, size_t len);

/* De-armour n payload characters into bits (MSB first), starting at bit
 * offset *nbits, and advance *nbits; fill bits are not subtracted here.
 * The bits after the new *nbits in its last byte are set to 0.
 * IDT_EPARSE on a character outside the AIS 6-bit alphabet, IDT_ELIMIT when
 * the result would exceed cap_bits. */
int idt_ais_dearmor(uint8_t *bits, size_t cap_bits, size_t *nbits,
                    const char *payload, size_t n);

/* Read width (1-32) bits at start from a de-armoured buffer of nbits bits;
 * bits past nbits read as 0 (gpsd's zero-padded buffer does the same). */
uint32_t idt_ais_ubits(const uint8_t *bits, size_t nbits, unsigned start, unsigned width);
int32_t idt_ais_sbits(const uint8_t *bits, size_t nbits, unsigned start, unsigned width);

enum idt_ais_part { IDT_AIS_WHOLE = 0, IDT_AIS_PART_A, IDT_AIS_PART_B, IDT_AIS_PART_AB };

typedef struct idt_ais_msg {
  unsigned type, repeat, mmsi;
  unsigned nbits;
  int part;                       /* type 24: idt_ais_part */
  int warn;                       /* accepted outside gpsd's nominal length */
  int64_t time;                   /* sentence time or IDT_AIS_NOTIME */
  char channel;
  char source[24];                /* tag block s:, "" when none */
  const void *layout;             /* internal: the field table used */
  unsigned nfields;
  int64_t val[IDT_AIS_MAX_FIELDS];/* per field of the layout; text: offset in text */
  char text[IDT_AIS_TEXT_MAX];    /* NUL-separated decoded strings */
  uint8_t bits[IDT_AIS_MAX_BITS / 8 + 8];
} idt_ais_msg;

/* Decode a bit buffer into *msg (stateless; type 24 parts stay separate).
 * 0, or IDT_EPARSE (unknown type, length outside the type's policy) with the
 * reason as last error. */
int idt_ais_decode_bits(idt_ais_msg *msg, const uint8_t *bits, size_t nbits);

/* The streaming decoder: sentences in, messages out. */
typedef struct idt_ais_decoder idt_ais_decoder;

typedef struct idt_ais_decoder_opts {
  unsigned version;               /* IDT_AIS_DECODER_OPTS_VERSION */
  unsigned max_age;               /* sentences before an incomplete group is
                                     dropped; 0 = default (64) */
  int strict_checksum;            /* 1 (default): reject bad checksums */
} idt_ais_decoder_opts;
#define IDT_AIS_DECODER_OPTS_VERSION 1
#define IDT_AIS_DECODER_OPTS_INIT { IDT_AIS_DECODER_OPTS_VERSION, 0, 1 }

/* opts may be NULL for defaults. Returns 0 or IDT_ENOMEM. */
int idt_ais_decoder_new(idt_ais_decoder **out, const idt_ais_decoder_opts *opts);
void idt_ais_decoder_free(idt_ais_decoder *d);
/* Feed one line. Returns 1 with *msg filled when a message is complete,
 * 0 when the line was consumed without a message (a fragment, $PGHP,
 * a non-AIS line), or a negative IDT_E* with the reason as last error for a
 * rejected line. A type 24 part B is returned with part IDT_AIS_PART_AB and
 * the ship name of a part A seen earlier for the same MMSI (gpsd's rule). */
int idt_ais_decoder_line(idt_ais_decoder *d, const char *line, size_t len,
                         idt_ais_msg *msg);
/* Counters since creation. */
typedef struct idt_ais_stats {
  unsigned long long lines, sentences, messages, rejected, dropped_groups;
} idt_ais_stats;
void idt_ais_decoder_stats(const idt_ais_decoder *d, idt_ais_stats *out);

/* Output. */
enum idt_ais_format {
  IDT_AIS_FMT_JSON = 0,           /* gpsdecode -j */
  IDT_AIS_FMT_JSON_UNSCALED,      /* gpsdecode -u -j / gpsd's daemon JSON */
  IDT_AIS_FMT_DSV,                /* gpsdecode -u -c */
  IDT_AIS_FMT_CSV                 /* mmsi,time,lat,lon,sog,cog,heading,type */
};
/* gpsd changed its JSON between releases; both are golden references. */
enum idt_ais_dialect {
  IDT_AIS_GPSD_HEAD = 0,          /* gpsd's test .chk files (3.25+) */
  IDT_AIS_GPSD_322                /* Debian bookworm gpsdecode 3.22 */
};
typedef struct idt_ais_fmt_opts {
  int format;                     /* idt_ais_format */
  int dialect;                    /* idt_ais_dialect */
  const char *device;             /* JSON "device" member, NULL to omit */
} idt_ais_fmt_opts;

/* Write one output line (with its line end: "\r\n" for the gpsd formats as
 * gpsdecode does, "\n" for CSV) into buf. Returns the length, 0 when the
 * message has no line in that format (a lone type 24 half; a non-position
 * message in CSV), or a negative IDT_ELIMIT when cap is too small (4096 always
 * suffices). */
int idt_ais_format(char *buf, size_t cap, const idt_ais_msg *m,
                   const idt_ais_fmt_opts *o);
/* The CSV header line ("mmsi,time,lat,lon,sog,cog,heading,type\n"). */
const char *idt_ais_csv_header(void);

/* Named access to a decoded field (gpsd's name). 0 and *out set; IDT_ENOTFOUND
 * when the message has no such field. Text fields: idt_ais_text. */
int idt_ais_field(const idt_ais_msg *m, const char *name, int64_t *out);
const char *idt_ais_text(const idt_ais_msg *m, const char *name);

/* A position report (types 1-3, 4, 9, 11, 18, 19, 21, 27), scaled, with
 * not-available sentinels as NaN / -1. Returns 1 when m carries one. */
typedef struct idt_ais_position {
  unsigned mmsi, type;
  double lat, lon;                /* degrees; NaN when 91/181 */
  double sog, cog;                /* knots, degrees; NaN when not available */
  int heading;                    /* -1 when 511 */
} idt_ais_position;
int idt_ais_get_position(const idt_ais_msg *m, idt_ais_position *out);

/* ---- Vessel identity ---------------------------------------------------- */

/* Check digit of a 7-digit IMO number: 1 valid, 0 not. */
int idt_ais_imo_valid(uint32_t imo);
/* MMSI class per ITU-R M.585 and its MID. */
enum idt_ais_mmsi_class {
  IDT_MMSI_INVALID = 0, IDT_MMSI_SHIP, IDT_MMSI_GROUP, IDT_MMSI_COAST,
  IDT_MMSI_SAR_AIRCRAFT, IDT_MMSI_CRAFT_OF_PARENT, IDT_MMSI_ATON,
  IDT_MMSI_SART, IDT_MMSI_MOB, IDT_MMSI_EPIRB, IDT_MMSI_OTHER
};
int idt_ais_mmsi_class(uint32_t mmsi, unsigned *mid);
const char *idt_ais_mmsi_class_name(int cls);
/* ISO 3166 alpha-2 of an ITU MID, NULL when unallocated. */
const char *idt_ais_mid_country(unsigned mid);

typedef struct idt_ais_registry idt_ais_registry;
/* Open (creating the ais_ tables) in the SQLite file at path. */
int idt_ais_registry_open(idt_ais_registry **out, const char *path);
void idt_ais_registry_free(idt_ais_registry *r);
/* Record the identity carried by a message (types 5, 19, 24, and the MMSI
 * of any other). Writes are batched in one transaction per 10,000 calls;
 * idt_ais_registry_flush commits. */
int idt_ais_registry_add(idt_ais_registry *r, const idt_ais_msg *m);
int idt_ais_registry_flush(idt_ais_registry *r);

/* Sanctions-list vessels to match against (OFAC SDN vessels, UN, any FtM
 * Vessel): kept in the table ais_list_vessel of the same file.
 * idt_ais_registry_add_list_entity takes one entity (ignored unless it is a
 * Vessel or carries an IMO or MMSI number) and fits idt_store_load's
 * callback through a cast of r to void *; idt_ais_registry_load_lists
 * replaces the table with every current dataset of the store at path. */
struct idt_entity;
int idt_ais_registry_clear_lists(idt_ais_registry *r);
int idt_ais_registry_add_list_entity(void *r, struct idt_entity *e);
int idt_ais_registry_load_lists(idt_ais_registry *r, const char *store_path,
                                unsigned long *nvessels);

/* A vessel as the registry knows it and the flags it raised. */
typedef struct idt_ais_vessel {
  uint32_t mmsi;
  uint32_t imo;                   /* latest, 0 when none */
  char name[64], callsign[16], destination[64];
  char flag[3];                   /* from the MID, "" when unallocated */
  int shiptype;
  int64_t first_seen, last_seen;  /* IDT_AIS_NOTIME when unknown */
  unsigned long long messages;
  unsigned nflags;
  char flags[12][200];            /* "code: evidence" */
} idt_ais_vessel;
typedef int (*idt_ais_vessel_cb)(const idt_ais_vessel *v, void *ctx);
/* Every vessel (flagged_only: those with at least one flag), MMSI order. */
int idt_ais_registry_each(idt_ais_registry *r, int flagged_only,
                          idt_ais_vessel_cb cb, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
