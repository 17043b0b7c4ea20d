/*
 * fields.c - the AIS field table: every message layout as (name, start bit,
 * width, kind, scale, legend, flags), the per-type length policy, and the
 * legends gpsd prints as *_text.
 *
 * Bit positions and widths: ITU-R M.1371-5 as laid out field by field in
 * gpsd's AIVDM.adoc ("AIVDM/AIVDO protocol decoding", E. S. Raymond), which
 * also names the fields; names and order follow gpsd's JSON so the output
 * compares with `gpsdecode -j` line for line.
 *
 * The file passes 800 lines because it is data (tables and legends), not
 * logic; splitting the binary sub-types into their own file would separate
 * them from the selection code and policy they share.
 */
#include <string.h>
#include "ais/ais_int.h"

#define N(a) ((uint8_t)(sizeof(a) / sizeof((a)[0])))
#define LL_LON(s) { "lon", s, 28, K_I, S_LL, L_NONE, F_POS, 0, 0 }
#define LL_LAT(s) { "lat", s, 27, K_I, S_LL, L_NONE, F_POS, 0, 0 }

static const ais_field f123[] = {
  { "status", 38, 4, K_U, S_NONE, L_NAV, 0, 0, 0 },
  { "turn", 42, 8, K_I, S_TURN, L_NONE, 0, 0, 0 },
  { "speed", 50, 10, K_U, S_SPEED, L_NONE, F_POS, 0, 0 },
  { "accuracy", 60, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  LL_LON(61), LL_LAT(89),
  { "course", 116, 12, K_U, S_D10, L_NONE, F_POS, 0, 0 },
  { "heading", 128, 9, K_U, S_NONE, L_NONE, F_POS, 0, 0 },
  { "second", 137, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "maneuver", 143, 2, K_U, S_NONE, L_NONE, F_HEX, 0, 0 },
  { "raim", 148, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "radio", 149, 19, K_U, S_NONE, L_NONE, F_HEX | F_TRUNC, 0, 0 },
};

static const ais_field f4[] = {
  { "timestamp", 38, 40, K_TS6, S_NONE, L_NONE, 0, 0, 0 },
  { "accuracy", 78, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  LL_LON(79), LL_LAT(107),
  { "epfd", 134, 4, K_U, S_NONE, L_EPFD, 0, 0, 0 },
  { "raim", 148, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "radio", 149, 19, K_U, S_NONE, L_NONE, F_HEX, 0, 0 },
};

static const ais_field f5[] = {
  { "imo", 40, 30, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "ais_version", 38, 2, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "callsign", 70, 42, K_T, S_NONE, L_NONE, 0, 0, 0 },
  { "shipname", 112, 120, K_T, S_NONE, L_NONE, 0, 0, 0 },
  { "shiptype", 232, 8, K_U, S_NONE, L_SHIP, 0, 0, 0 },
  { "to_bow", 240, 9, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "to_stern", 249, 9, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "to_port", 258, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "to_starboard", 264, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "epfd", 270, 4, K_U, S_NONE, L_EPFD, 0, 0, 0 },
  { "eta", 274, 20, K_ETA4, S_NONE, L_NONE, 0, 0, 0 },
  { "draught", 294, 8, K_U, S_D10, L_NONE, 0, 0, 0 },
  { "destination", 302, 120, K_T, S_NONE, L_NONE, 0, 0, 0 },
  { "dte", 422, 1, K_U, S_NONE, L_NONE, 0, 0, 423 },
};

static const ais_field f6[] = {
  { "seqno", 38, 2, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "dest_mmsi", 40, 30, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "retransmit", 70, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "dac", 72, 10, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "fid", 82, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "data", 88, 0, K_DATA, S_NONE, L_NONE, 0, 0, 0 },
};

static const ais_field f7[] = {
  { "mmsi1", 40, 30, K_U, S_NONE, L_NONE, 0, 0, 41 },
  { "mmsi2", 72, 30, K_U, S_NONE, L_NONE, 0, 0, 73 },
  { "mmsi3", 104, 30, K_U, S_NONE, L_NONE, 0, 0, 105 },
  { "mmsi4", 136, 30, K_U, S_NONE, L_NONE, 0, 0, 137 },
};

static const ais_field f8[] = {
  { "dac", 40, 10, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "fid", 50, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "data", 56, 0, K_DATA, S_NONE, L_NONE, F_MASK, 0, 0 },
};

static const ais_field f9[] = {
  { "alt", 38, 12, K_U, S_NAN, L_NONE, 0, 0, 0 },
  { "speed", 50, 10, K_U, S_NAN, L_NONE, F_POS, 0, 0 },
  { "accuracy", 60, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  LL_LON(61), LL_LAT(89),
  { "course", 116, 12, K_U, S_D10, L_NONE, F_POS, 0, 0 },
  { "second", 128, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "regional", 134, 8, K_U, S_NONE, L_NONE, F_HEX, 0, 0 },
  { "dte", 142, 1, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "raim", 147, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "radio", 148, 20, K_U, S_NONE, L_NONE, F_HEX, 0, 0 },
};

static const ais_field f10[] = {
  { "dest_mmsi", 40, 30, K_U, S_NONE, L_NONE, 0, 0, 0 },
};

static const ais_field f12[] = {
  { "seqno", 38, 2, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "dest_mmsi", 40, 30, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "retransmit", 70, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "text", 72, 0, K_T, S_NONE, L_NONE, 0, 0, 0 },
};

static const ais_field f14[] = {
  { "text", 40, 0, K_T, S_NONE, L_NONE, 0, 0, 0 },
};

static const ais_field f15[] = {
  { "mmsi1", 40, 30, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "type1_1", 70, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "offset1_1", 76, 12, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "type1_2", 90, 6, K_U, S_NONE, L_NONE, 0, 0, 91 },
  { "offset1_2", 96, 12, K_U, S_NONE, L_NONE, 0, 0, 91 },
  { "mmsi2", 110, 30, K_U, S_NONE, L_NONE, 0, 0, 111 },
  { "type2_1", 140, 6, K_U, S_NONE, L_NONE, 0, 0, 111 },
  { "offset2_1", 146, 12, K_U, S_NONE, L_NONE, 0, 0, 111 },
};

static const ais_field f16[] = {
  { "mmsi1", 40, 30, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "offset1", 70, 12, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "increment1", 82, 10, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "mmsi2", 92, 30, K_U, S_NONE, L_NONE, 0, 0, 144 },
  { "offset2", 122, 12, K_U, S_NONE, L_NONE, 0, 0, 144 },
  { "increment2", 134, 10, K_U, S_NONE, L_NONE, 0, 0, 144 },
};

static const ais_field f17[] = {
  { "lon", 40, 18, K_I, S_LL10, L_NONE, 0, 0, 0 },
  { "lat", 58, 17, K_I, S_LL10, L_NONE, 0, 0, 0 },
  { "data", 80, 0, K_DATA, S_NONE, L_NONE, 0, 0, 0 },
};

static const ais_field f18[] = {
  { "reserved", 38, 8, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "speed", 46, 10, K_U, S_SPEED, L_NONE, F_POS, 0, 0 },
  { "accuracy", 56, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  LL_LON(57), LL_LAT(85),
  { "course", 112, 12, K_U, S_D10, L_NONE, F_POS, 0, 0 },
  { "heading", 124, 9, K_U, S_NONE, L_NONE, F_POS, 0, 0 },
  { "second", 133, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "regional", 139, 2, K_U, S_NONE, L_NONE, F_HEX, 0, 0 },
  { "cs", 141, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "display", 142, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "dsc", 143, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "band", 144, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "msg22", 145, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "raim", 147, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "radio", 148, 20, K_U, S_NONE, L_NONE, F_HEX, 0, 0 },
};

static const ais_field f19[] = {
  { "reserved", 38, 8, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "speed", 46, 10, K_U, S_SPEED, L_NONE, F_POS, 0, 0 },
  { "accuracy", 56, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  LL_LON(57), LL_LAT(85),
  { "course", 112, 12, K_U, S_D10, L_NONE, F_POS, 0, 0 },
  { "heading", 124, 9, K_U, S_NONE, L_NONE, F_POS, 0, 0 },
  { "second", 133, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "regional", 139, 4, K_U, S_NONE, L_NONE, F_HEX, 0, 0 },
  { "shipname", 143, 120, K_T, S_NONE, L_NONE, 0, 0, 0 },
  { "shiptype", 263, 8, K_U, S_NONE, L_SHIP, 0, 0, 0 },
  { "to_bow", 271, 9, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "to_stern", 280, 9, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "to_port", 289, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "to_starboard", 295, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "epfd", 301, 4, K_U, S_NONE, L_EPFD, 0, 0, 0 },
  { "raim", 305, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "dte", 306, 1, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "assigned", 307, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
};

#define F20(k, s) \
  { "offset" #k, s, 12, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "number" #k, s + 12, 4, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "timeout" #k, s + 16, 3, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "increment" #k, s + 19, 11, K_U, S_NONE, L_NONE, 0, 0, 0 }
static const ais_field f20[] = { F20(1, 40), F20(2, 70), F20(3, 100), F20(4, 130) };

static const ais_field f21[] = {
  { "aid_type", 38, 5, K_U, S_NONE, L_NAVAID, 0, 0, 0 },
  { "name", 43, 120, K_T21, S_NONE, L_NONE, 0, 0, 0 },
  LL_LON(164), LL_LAT(192),
  { "accuracy", 163, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "to_bow", 219, 9, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "to_stern", 228, 9, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "to_port", 237, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "to_starboard", 243, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "epfd", 249, 4, K_U, S_NONE, L_EPFD, 0, 0, 0 },
  { "second", 253, 6, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "regional", 260, 8, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "off_position", 259, 1, K_B, S_NONE, L_NONE, F_HEX, 0, 0 },
  { "raim", 268, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "virtual_aid", 269, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
};
static const uint8_t d21[] = { 0, 1, 4, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 };

#define F22_HEAD \
  { "channel_a", 40, 12, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "channel_b", 52, 12, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "txrx", 64, 4, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "power", 68, 1, K_B, S_NONE, L_NONE, 0, 0, 0 }
#define F22_TAIL \
  { "addressed", 139, 1, K_B, S_NONE, L_NONE, 0, 0, 0 }, \
  { "band_a", 140, 1, K_B, S_NONE, L_NONE, 0, 0, 0 }, \
  { "band_b", 141, 1, K_B, S_NONE, L_NONE, 0, 0, 0 }, \
  { "zonesize", 142, 3, K_U, S_NONE, L_NONE, 0, 0, 0 }
static const ais_field f22b[] = {
  F22_HEAD,
  { "ne_lon", 69, 18, K_I, S_LLQ, L_NONE, 0, 0, 0 },
  { "ne_lat", 87, 17, K_I, S_LLQ, L_NONE, 0, 0, 0 },
  { "sw_lon", 104, 18, K_I, S_LLQ, L_NONE, 0, 0, 0 },
  { "sw_lat", 122, 17, K_I, S_LLQ, L_NONE, 0, 0, 0 },
  F22_TAIL,
};
static const ais_field f22a[] = {
  F22_HEAD,
  { "dest1", 69, 30, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "dest2", 104, 30, K_U, S_NONE, L_NONE, 0, 0, 0 },
  F22_TAIL,
};

static const ais_field f23[] = {
  { "ne_lon", 40, 18, K_I, S_LLQ, L_NONE, 0, 0, 0 },
  { "ne_lat", 58, 17, K_I, S_LLQ, L_NONE, 0, 0, 0 },
  { "sw_lon", 75, 18, K_I, S_LLQ, L_NONE, 0, 0, 0 },
  { "sw_lat", 93, 17, K_I, S_LLQ, L_NONE, 0, 0, 0 },
  { "stationtype", 110, 4, K_U, S_NONE, L_STATION, 0, 0, 0 },
  { "shiptype", 114, 8, K_U, S_NONE, L_SHIP, 0, 0, 0 },
  { "txrx", 144, 2, K_U, S_NONE, L_NONE, F_NOJSON, 0, 0 },
  { "interval", 146, 4, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "quiet", 150, 4, K_U, S_NONE, L_NONE, 0, 0, 0 },
};

static const ais_field f24a[] = {
  { "shipname", 40, 120, K_T, S_NONE, L_NONE, 0, 0, 0 },
};
#define F24B_HEAD \
  { "shiptype", 40, 8, K_U, S_NONE, L_SHIP, 0, 0, 0 }, \
  { "vendorid", 48, 42, K_T, S_NONE, L_NONE, 0, 0, 0 }, \
  { "model", 66, 4, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "serial", 70, 20, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "callsign", 90, 42, K_T, S_NONE, L_NONE, 0, 0, 0 }
#define F24B_DIM \
  { "to_bow", 132, 9, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "to_stern", 141, 9, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "to_port", 150, 6, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "to_starboard", 156, 6, K_U, S_NONE, L_NONE, 0, 0, 0 }
#define F24B_AUX { "mothership_mmsi", 132, 30, K_U, S_NONE, L_NONE, 0, 0, 0 }
#define F24_NAME { "shipname", 0, 0, K_TEXT_A, S_NONE, L_NONE, 0, 0, 0 }
static const ais_field f24b[] = { F24B_HEAD, F24B_DIM };
static const ais_field f24bx[] = { F24B_HEAD, F24B_AUX };
static const ais_field f24ab[] = { F24_NAME, F24B_HEAD, F24B_DIM };
static const ais_field f24abx[] = { F24_NAME, F24B_HEAD, F24B_AUX };

/* Types 25 and 26: addressed (a) and structured (s) select where the
 * destination and application id sit and where the data starts. */
#define F2526(a, s, end) \
  { "addressed", 38, 1, K_B, S_NONE, L_NONE, 0, 0, 0 }, \
  { "structured", 39, 1, K_B, S_NONE, L_NONE, 0, 0, 0 }, \
  { "dest_mmsi", 40, (a) ? 30 : 0, (a) ? K_U : K_ZERO, S_NONE, L_NONE, 0, 0, 0 }, \
  { "app_id", 40 + 30 * (a), (s) ? 16 : 0, (s) ? K_U : K_ZERO, S_NONE, L_NONE, 0, 0, 0 }, \
  { "data", 40 + 30 * (a) + 16 * (s), end, K_DATA, S_NONE, L_NONE, 0, 0, 0 }
static const ais_field f25_00[] = { F2526(0, 0, 0) };
static const ais_field f25_01[] = { F2526(0, 1, 0) };
static const ais_field f25_10[] = { F2526(1, 0, 0) };
static const ais_field f25_11[] = { F2526(1, 1, 0) };
/* Type 26 ends with a 20-bit radio status; gpsd prints "radio" as 0 since
 * it never decodes that field (a K_ZERO, reproduced for comparability). */
#define F26_RADIO { "radio", 0, 0, K_ZERO, S_NONE, L_NONE, F_COLON, 0, 0 }
static const ais_field f26_00[] = { F2526(0, 0, 20), F26_RADIO };
static const ais_field f26_01[] = { F2526(0, 1, 20), F26_RADIO };
static const ais_field f26_10[] = { F2526(1, 0, 20), F26_RADIO };
static const ais_field f26_11[] = { F2526(1, 1, 20), F26_RADIO };

static const ais_field f27[] = {
  { "status", 40, 4, K_U, S_ST27, L_NAV, 0, 0, 0 },
  { "accuracy", 38, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "lon", 44, 18, K_I, S_LL10, L_NONE, F_POS, 0, 0 },
  { "lat", 62, 17, K_I, S_LL10, L_NONE, F_POS, 0, 0 },
  { "speed", 79, 6, K_U, S_NONE, L_NONE, F_POS, 0, 0 },
  { "course", 85, 9, K_U, S_NONE, L_NONE, F_POS, 0, 0 },
  { "raim", 39, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "gnss", 94, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
};

#define LAYOUT(id, f) { id, f, N(f), NULL, 0, 0 }
static const ais_layout L123 = LAYOUT("1", f123), L4 = LAYOUT("4", f4),
  L5 = LAYOUT("5", f5), L6 = LAYOUT("6", f6), L7 = LAYOUT("7", f7),
  L8 = LAYOUT("8", f8), L9 = LAYOUT("9", f9), L10 = LAYOUT("10", f10),
  L12 = LAYOUT("12", f12), L14 = LAYOUT("14", f14), L15 = LAYOUT("15", f15),
  L16 = LAYOUT("16", f16), L17 = LAYOUT("17", f17), L18 = LAYOUT("18", f18),
  L19 = LAYOUT("19", f19), L20 = LAYOUT("20", f20),
  L21 = { "21", f21, N(f21), d21, N(d21), 0 },
  L22a = LAYOUT("22a", f22a), L22b = LAYOUT("22b", f22b),
  L23 = LAYOUT("23", f23), L24a = LAYOUT("24A", f24a),
  L24b = LAYOUT("24B", f24b), L24bx = LAYOUT("24B", f24bx),
  L24ab = LAYOUT("24", f24ab), L24abx = LAYOUT("24", f24abx),
  L27 = LAYOUT("27", f27);
static const ais_layout L25[4] = {
  LAYOUT("25", f25_00), LAYOUT("25", f25_01), LAYOUT("25", f25_10), LAYOUT("25", f25_11) };
static const ais_layout L26[4] = {
  LAYOUT("26", f26_00), LAYOUT("26", f26_01), LAYOUT("26", f26_10), LAYOUT("26", f26_11) };

/* ---- binary sub-types (types 6 and 8, by DAC and FI) ----------------- */

#define F6_HEAD \
  { "seqno", 38, 2, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "dest_mmsi", 40, 30, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "retransmit", 70, 1, K_B, S_NONE, L_NONE, 0, 0, 0 }, \
  { "dac", 72, 10, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "fid", 82, 6, K_U, S_NONE, L_NONE, 0, 0, 0 }
#define F8_HEAD \
  { "dac", 40, 10, K_U, S_NONE, L_NONE, 0, 0, 0 }, \
  { "fid", 50, 6, K_U, S_NONE, L_NONE, 0, 0, 0 }
#define U(n, s, w) { n, s, w, K_U, S_NONE, L_NONE, F_NODSV, 0, 0 }

/* DAC 200 FI 55: persons on board (inland AIS, CCNR). */
static const ais_field f6_200_55[] = {
  F6_HEAD, U("crew", 88, 8), U("passengers", 96, 13), U("personnel", 109, 8),
  { "data", 88, 0, K_DATA, S_NONE, L_NONE, F_XDATA | F_NOJSON, 0, 0 },
};

/* DAC 235/250 FI 10: GLA AtoN monitoring (UK, Ireland). */
static const ais_field f6_235_10[] = {
  F6_HEAD,
  { "off_pos", 131, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "alarm", 122, 1, K_B, S_NONE, L_NONE, 0, 0, 0 },
  { "stat_ext", 123, 8, K_U, S_NONE, L_NONE, 0, 0, 0 },
  { "ana_int", 88, 10, K_U, S_D20, L_NONE, 0, 0, 0 },
  { "ana_ext1", 98, 10, K_U, S_D20, L_NONE, 0, 0, 0 },
  { "ana_ext2", 108, 10, K_U, S_D20, L_NONE, 0, 0, 0 },
  { "racon", 118, 2, K_U, S_NONE, L_RACON, 0, 0, 0 },
  { "light", 120, 2, K_U, S_NONE, L_LIGHT, 0, 0, 0 },
};
static const uint8_t d6_235_10[] = { 0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 6, 7, 5 };

/* DAC 1 FI 11: IMO236 meteorological and hydrographic data. */
#define MET(n, s, w, k, sc, off) { n, s, w, k, sc, L_NONE, 0, off, 0 }
static const ais_field f8_1_11[] = {
  F8_HEAD,
  MET("lat", 56, 24, K_I, S_LL3, 0), MET("lon", 80, 25, K_I, S_LL3, 0),
  { "timestamp", 105, 16, K_DHM, S_NONE, L_NONE, 0, 0, 0 },
  MET("wspeed", 121, 7, K_U, S_NONE, 0), MET("wgust", 128, 7, K_U, S_NONE, 0),
  MET("wdir", 135, 9, K_U, S_NONE, 0), MET("wgustdir", 144, 9, K_U, S_NONE, 0),
  MET("humidity", 164, 7, K_U, S_NONE, 0), MET("airtemp", 153, 11, K_U, S_D10, -600),
  MET("dewpoint", 171, 10, K_U, S_D10, -200), MET("pressure", 181, 9, K_U, S_NONE, 800),
  { "pressuretend", 190, 2, K_U, S_WORD, L_TEND, F_NOTEXT, 0, 0 },
  MET("visibility", 192, 8, K_U, S_D10, 0), MET("waterlevel", 200, 9, K_U, S_D10, -100),
  { "leveltrend", 209, 2, K_U, S_WORD, L_TEND, F_NOTEXT, 0, 0 },
  MET("cspeed", 211, 8, K_U, S_D10, 0), MET("cdir", 219, 9, K_U, S_NONE, 0),
  MET("cspeed2", 228, 8, K_U, S_D10, 0), MET("cdir2", 236, 9, K_U, S_NONE, 0),
  MET("cdepth2", 245, 5, K_U, S_NONE, 0), MET("cspeed3", 250, 8, K_U, S_D10, 0),
  MET("cdir3", 258, 9, K_U, S_NONE, 0), MET("cdepth3", 267, 5, K_U, S_NONE, 0),
  MET("waveheight", 272, 8, K_U, S_D10, 0), MET("waveperiod", 280, 6, K_U, S_NONE, 0),
  MET("wavedir", 286, 9, K_U, S_NONE, 0), MET("swellheight", 295, 8, K_U, S_D10, 0),
  MET("swellperiod", 303, 6, K_U, S_NONE, 0), MET("swelldir", 309, 9, K_U, S_NONE, 0),
  MET("seastate", 318, 4, K_U, S_NONE, 0), MET("watertemp", 322, 10, K_U, S_D10, -100),
  { "preciptype", 332, 3, K_U, S_NONE, L_PRECIP, 0, 0, 0 },
  MET("salinity", 335, 9, K_U, S_D10, 0),
  { "ice", 344, 2, K_U, S_NONE, L_ICE, 0, 0, 0 },
};
/* DSV: lon before lat, airtemp before humidity. */
static const uint8_t d8_1_11[] = { 0, 1, 3, 2, 4, 5, 6, 7, 8, 10, 9, 11, 12, 13, 14, 15, 16,
  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35 };

/* DAC 1 FI 31: IMO289 meteorological and hydrographic data. */
static const ais_field f8_1_31[] = {
  F8_HEAD,
  MET("lat", 81, 24, K_I, S_LL3, 0), MET("lon", 56, 25, K_I, S_LL3, 0),
  { "accuracy", 105, 1, K_B, S_NONE, L_NONE, F_NODSV, 0, 0 },
  { "timestamp", 106, 16, K_DHM, S_NONE, L_NONE, 0, 0, 0 },
  MET("wspeed", 122, 7, K_U, S_NONE, 0), MET("wgust", 129, 7, K_U, S_NONE, 0),
  MET("wdir", 136, 9, K_U, S_NONE, 0), MET("wgustdir", 145, 9, K_U, S_NONE, 0),
  MET("humidity", 165, 7, K_U, S_NONE, 0), MET("airtemp", 154, 11, K_I, S_D10, 0),
  MET("dewpoint", 172, 10, K_I, S_D10, 0), MET("pressure", 182, 9, K_U, S_NONE, 799),
  { "pressuretend", 191, 2, K_U, S_WORD, L_TEND, F_NOTEXT, 0, 0 },
  { "visgreater", 193, 1, K_B, S_NONE, L_NONE, F_NODSV, 0, 0 },
  MET("visibility", 194, 7, K_U, S_D10, 0), MET("waterlevel", 201, 12, K_U, S_D100, -1000),
  { "leveltrend", 213, 2, K_U, S_WORD, L_TEND, F_NOTEXT, 0, 0 },
  MET("cspeed", 215, 8, K_U, S_D10, 0), MET("cdir", 223, 9, K_U, S_NONE, 0),
  MET("cspeed2", 232, 8, K_U, S_D10, 0), MET("cdir2", 240, 9, K_U, S_NONE, 0),
  MET("cdepth2", 249, 5, K_U, S_NONE, 0), MET("cspeed3", 254, 8, K_U, S_D10, 0),
  MET("cdir3", 262, 9, K_U, S_NONE, 0), MET("cdepth3", 271, 5, K_U, S_NONE, 0),
  MET("waveheight", 276, 8, K_U, S_D10, 0), MET("waveperiod", 284, 6, K_U, S_NONE, 0),
  MET("wavedir", 290, 9, K_U, S_NONE, 0), MET("swellheight", 299, 8, K_U, S_D10, 0),
  MET("swellperiod", 307, 6, K_U, S_NONE, 0), MET("swelldir", 313, 9, K_U, S_NONE, 0),
  MET("seastate", 322, 4, K_U, S_NONE, 0), MET("watertemp", 326, 10, K_I, S_D10, 0),
  { "preciptype", 336, 3, K_U, S_WORD, L_PRECIP, F_NOTEXT, 0, 0 },
  MET("salinity", 339, 9, K_U, S_D10, 0),
  { "ice", 348, 2, K_U, S_WORD, L_ICE, F_NOTEXT, 0, 0 },
};
static const uint8_t d8_1_31[] = { 0, 1, 3, 2, 5, 6, 7, 8, 9, 11, 10, 12, 13, 14, 16, 17, 18,
  19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37 };

#define XDATA6 { "data", 88, 0, K_DATA, S_NONE, L_NONE, F_XDATA | F_NOJSON, 0, 0 }
#define JT(n, s, w) { n, s, w, K_T, S_NONE, L_NONE, F_NODSV, 0, 0 }
#define JETA(n, s) { n, s, 20, K_ETA4, S_NONE, L_NONE, F_NODSV, 0, 0 }

/* DAC 1 FI 12: IMO236 dangerous cargo indication. */
static const ais_field f6_1_12[] = {
  F6_HEAD, JT("lastport", 88, 30), JETA("departure", 118), JT("nextport", 138, 30),
  JETA("eta", 168), JT("dangerous", 188, 120), JT("imdcat", 308, 24),
  U("unid", 332, 13), U("amount", 345, 10), U("unit", 355, 2), XDATA6,
};

/* DAC 1 FI 18: IMO289 clearance time to enter port. */
static const ais_field f6_1_18[] = {
  F6_HEAD, U("linkage", 88, 10), JETA("arrival", 98), JT("portname", 118, 120),
  JT("destination", 238, 30),
  { "lon", 268, 25, K_I, S_LL3, L_NONE, F_NODSV, 0, 0 },
  { "lat", 293, 24, K_I, S_LL3, L_NONE, F_NODSV, 0, 0 },
  XDATA6,
};

/* DAC 1 FI 30: IMO289 text description (addressed). */
static const ais_field f6_1_30[] = {
  F6_HEAD, U("linkage", 88, 10), JT("text", 98, 0), XDATA6,
};

/* DAC 1 FI 14 (IMO236) and FI 32 (IMO289): tidal windows, an array of
 * 93- or 88-bit elements from bit 97 (format.c prints the elements). */
static const ais_field f6_1_14[] = {
  F6_HEAD, U("month", 88, 4), U("day", 92, 5),
  { "tidals", 97, 93, K_TIDALS, S_NONE, L_NONE, F_NODSV, 0, 0 }, XDATA6,
};
static const ais_field f6_1_32[] = {
  F6_HEAD, U("month", 88, 4), U("day", 92, 5),
  { "tidals", 97, 88, K_TIDALS, S_NONE, L_NONE, F_NODSV, 0, 0 }, XDATA6,
};

/* DAC 200 FI 10: inland ship static and voyage data (ERI, CCNR). */
static const ais_field f8_200_10[] = {
  F8_HEAD,
  { "vin", 56, 48, K_T, S_NONE, L_NONE, F_NODSV, 0, 0 },
  U("length", 104, 13), U("beam", 117, 10),
  { "shiptype", 127, 14, K_U, S_NONE, L_ERI, F_NODSV, 0, 0 },
  { "hazard", 141, 3, K_U, S_NONE, L_HAZARD, F_NODSV, 0, 0 },
  U("draught", 144, 11),
  { "loaded", 155, 2, K_U, S_NONE, L_LOADED, F_NODSV, 0, 0 },
  { "speed_q", 157, 1, K_B, S_NONE, L_NONE, F_NODSV, 0, 0 },
  { "course_q", 158, 1, K_B, S_NONE, L_NONE, F_NODSV, 0, 0 },
  { "heading_q", 159, 1, K_B, S_NONE, L_NONE, F_NODSV, 0, 0 },
  { "data", 56, 0, K_DATA, S_NONE, L_NONE, F_XDATA | F_NOJSON, 0, 0 },
};

/* ---- sub-types added from AIVDM.adoc, checked against gpsdecode 3.22
 * (tests/test_ais_golden.c: subtypes_*; differences listed there). ---- */
#define E(n, s, w, lg) { n, s, w, K_U, S_NONE, lg, F_NODSV, 0, 0 }
#define WHEN(n, w) { n, 0, w, K_WHEN, S_NONE, L_NONE, F_NODSV, 0, 0 }
#define XDATA8 { "data", 56, 0, K_DATA, S_NONE, L_NONE, F_XDATA | F_NOJSON, 0, 0 }

/* DAC 1 FI 15: IMO236 extended ship static data (air draught, 0.1 m). */
static const ais_field f6_1_15[] = { F6_HEAD, U("airdraught", 88, 11), XDATA6 };
static const ais_field f8_1_15[] = { F8_HEAD, U("airdraught", 56, 11), XDATA8 };
/* DAC 1 FI 16: persons on board (IMO289 addressed; IMO236 broadcast). */
static const ais_field f6_1_16[] = { F6_HEAD, U("persons", 88, 13), XDATA6 };
static const ais_field f8_1_16[] = { F8_HEAD, U("persons", 56, 13), XDATA8 };

/* DAC 1 FI 20: IMO289 berthing data (addressed). */
#define SVC(n, s) E(n, s, 2, L_NONE)
static const ais_field f6_1_20[] = {
  F6_HEAD, U("linkage", 88, 10), U("berth_length", 98, 9),
  E("position", 115, 3, L_MOOR), WHEN("arrival", W_BERTH),
  { "availability", 138, 1, K_U, S_NONE, L_NONE, F_NODSV, 0, 0 },
  SVC("agent", 139), SVC("fuel", 141), SVC("chandler", 143), SVC("stevedore", 145),
  SVC("electrical", 147), SVC("water", 149), SVC("customs", 151), SVC("cartage", 153),
  SVC("crane", 155), SVC("lift", 157), SVC("medical", 159), SVC("navrepair", 161),
  SVC("provisions", 163), SVC("shiprepair", 165), SVC("surveyor", 167), SVC("steam", 169),
  SVC("tugs", 171), SVC("solidwaste", 173), SVC("liquidwaste", 175),
  SVC("hazardouswaste", 177), SVC("ballast", 179), SVC("additional", 181),
  SVC("regional1", 183), SVC("regional2", 185), SVC("future1", 187), SVC("future2", 189),
  JT("berth_name", 191, 120),
  { "berth_lon", 311, 25, K_I, S_LL3, L_NONE, F_NODSV, 0, 0 },
  { "berth_lat", 336, 24, K_I, S_LL3, L_NONE, F_NODSV, 0, 0 },
  { "berth_depth", 107, 8, K_U, S_D10, L_NONE, F_NODSV, 0, 0 },
  XDATA6,
};

/* DAC 200 FI 21 and 22: inland ETA and RTA at a lock, bridge or terminal. */
#define LOCK_HEAD \
  JT("country", 88, 12), JT("locode", 100, 18), JT("section", 118, 30), \
  JT("terminal", 148, 30), JT("hectometre", 178, 30), WHEN("eta", W_ETA200)
static const ais_field f6_200_21[] = {
  F6_HEAD, LOCK_HEAD, U("tugs", 228, 3), U("airdraught", 231, 12), XDATA6,
};
static const ais_field f6_200_22[] = {
  F6_HEAD, LOCK_HEAD, E("status", 228, 2, L_LOCK), XDATA6,
};

/* DAC 1 FI 13: IMO236 fairway closed. */
static const ais_field f8_1_13[] = {
  F8_HEAD, JT("reason", 56, 120), JT("closefrom", 176, 120), JT("closeto", 296, 120),
  U("radius", 416, 10), U("extunit", 426, 2), WHEN("from", W_CLOSEFROM),
  WHEN("to", W_CLOSETO), XDATA8,
};

/* DAC 1 FI 19: IMO289 marine traffic signal. */
static const ais_field f8_1_19[] = {
  F8_HEAD, U("linkage", 56, 10), JT("station", 66, 120),
  { "lon", 186, 25, K_I, S_LL3, L_NONE, F_NODSV, 0, 0 },
  { "lat", 211, 24, K_I, S_LL3, L_NONE, F_NODSV, 0, 0 },
  U("status", 235, 2), E("signal", 237, 5, L_SIGNAL), U("hour", 242, 5),
  U("minute", 247, 6), E("nextsignal", 253, 5, L_SIGNAL), XDATA8,
};

/* DAC 1 FI 29: IMO289 text description (broadcast). */
static const ais_field f8_1_29[] = { F8_HEAD, U("linkage", 56, 10), JT("text", 66, 0), XDATA8 };

/* DAC 200 FI 23: EMMA warning (inland). gpsd names two members "type" and
 * "class", which collide with the report's own; see docs/design/ais.md. */
#define LL4(n, s, w) { n, s, w, K_I, S_LL, L_NONE, F_NODSV, 0, 0 }
static const ais_field f8_200_23[] = {
  F8_HEAD, WHEN("start", W_EMMASTART), WHEN("end", W_EMMAEND),
  LL4("start_lon", 112, 28), LL4("start_lat", 140, 27),
  LL4("end_lon", 167, 28), LL4("end_lat", 195, 27),
  E("emma_type", 222, 4, L_EMMA),
  { "min", 226, 9, K_I, S_NONE, L_NONE, F_NODSV, 0, 0 },
  { "max", 235, 9, K_I, S_NONE, L_NONE, F_NODSV, 0, 0 },
  E("intensity", 244, 2, L_EMMACLS), E("wind", 246, 4, L_WIND), XDATA8,
};

/* DAC 200 FI 40: inland signal status. */
static const ais_field f8_200_40[] = {
  F8_HEAD, LL4("lon", 56, 28), LL4("lat", 84, 27), U("form", 111, 4), U("facing", 115, 9),
  E("direction", 124, 3, L_IMPACT), E("status", 127, 30, L_LIGHTS), XDATA8,
};

/* DAC 1 FI 25: IMO289 dangerous cargo indication (cargos array). */
static const ais_field f6_1_25[] = {
  F6_HEAD, U("unit", 88, 2), U("amount", 90, 10),
  { "cargos", 0, A_CARGOS, K_ARR, S_NONE, L_NONE, F_NODSV, 0, 0 }, XDATA6,
};
/* DAC 1 FI 28 (addressed) and FI 27 (broadcast): IMO289 route information. */
#define ROUTE(s, arr) \
  U("linkage", s, 10), U("sender", s + 10, 3), E("rtype", s + 13, 5, L_ROUTE), \
  { "start", s + 18, 20, K_ETA4, S_NONE, L_NONE, F_NODSV, 0, 0 }, U("duration", s + 38, 18), \
  { "waypoints", 0, arr, K_ARR, S_NONE, L_NONE, F_NODSV, 0, 0 }
static const ais_field f6_1_28[] = { F6_HEAD, ROUTE(88, A_WAY28), XDATA6 };
static const ais_field f8_1_27[] = { F8_HEAD, ROUTE(56, A_WAY27), XDATA8 };
/* DAC 1 FI 17: VTS-generated targets. */
static const ais_field f8_1_17[] = {
  F8_HEAD, { "targets", 0, A_TARGETS, K_ARR, S_NONE, L_NONE, F_NODSV, 0, 0 }, XDATA8,
};
/* DAC 200 FI 24: inland water levels. */
static const ais_field f8_200_24[] = {
  F8_HEAD, JT("country", 56, 12),
  { "gauges", 0, A_GAUGES, K_ARR, S_NONE, L_NONE, F_NODSV, 0, 0 }, XDATA8,
};

/* Array members: start bits relative to the element. */
#define M(n, s, w, k, sc) { n, s, w, k, sc, L_NONE, 0, 0, 0 }
static const ais_field m_cargo[] = { M("code", 0, 4, K_U, S_NONE), M("subtype", 4, 13, K_U, S_NONE) };
static const ais_field m_way[] = { M("lon", 0, 28, K_I, S_LL), M("lat", 28, 27, K_I, S_LL) };
static const ais_field m_target[] = {
  M("idtype", 0, 2, K_TGTID, S_NONE), M("lat", 48, 24, K_I, S_LL3), M("lon", 72, 25, K_I, S_LL3),
  M("course", 97, 9, K_U, S_NONE), M("second", 106, 6, K_U, S_NONE),
  M("speed", 112, 10, K_U, S_NONE),
};
static const ais_field m_gauge[] = { M("id", 0, 11, K_U, S_NONE), M("level", 11, 14, K_I, S_NONE) };
static const ais_array arrays[] = {
  [A_CARGOS] = { 100, 17, 0, 0, 28, m_cargo, N(m_cargo) },
  [A_WAY28] = { 149, 55, 144, 5, 16, m_way, N(m_way) },
  [A_WAY27] = { 117, 55, 112, 5, 16, m_way, N(m_way) },
  [A_TARGETS] = { 56, 122, 0, 0, 4, m_target, N(m_target) },
  [A_GAUGES] = { 68, 25, 0, 0, 4, m_gauge, N(m_gauge) },
};

const ais_array *idt__ais_array(unsigned which)
{
  return which < sizeof arrays / sizeof arrays[0] ? &arrays[which] : &arrays[0];
}

static const ais_when whens[] = {
  [W_BERTH] = { 0, 118, 122, 127, 132, 0 },
  [W_ETA200] = { 0, 208, 212, 217, 222, 0 },
  [W_CLOSEFROM] = { 0, 433, 428, 437, 442, 1 },
  [W_CLOSETO] = { 0, 453, 448, 457, 462, 1 },
  [W_EMMASTART] = { 56, 64, 68, 90, 95, 1 },
  [W_EMMAEND] = { 73, 81, 85, 101, 106, 1 },
};

const ais_when *idt__ais_when(unsigned which)
{
  return which < sizeof whens / sizeof whens[0] ? &whens[which] : &whens[0];
}

#define SUBLAYOUT(id, f, partial) { id, f, N(f), NULL, 0, partial }
#define SUBLAYOUT_D(id, f, d) { id, f, N(f), d, N(d), 0 }
static const ais_layout L6_200_55 = SUBLAYOUT("6/200/55", f6_200_55, 0);
static const ais_layout L6_235_10 = SUBLAYOUT_D("6/235/10", f6_235_10, d6_235_10);
static const ais_layout L8_1_11 = SUBLAYOUT_D("8/1/11", f8_1_11, d8_1_11);
static const ais_layout L8_1_31 = SUBLAYOUT_D("8/1/31", f8_1_31, d8_1_31);
static const ais_layout L8_200_10 = SUBLAYOUT("8/200/10", f8_200_10, 0);
static const ais_layout L6_1_12 = SUBLAYOUT("6/1/12", f6_1_12, 0);
static const ais_layout L6_1_18 = SUBLAYOUT("6/1/18", f6_1_18, 0);
static const ais_layout L6_1_30 = SUBLAYOUT("6/1/30", f6_1_30, 0);
static const ais_layout L6_1_14 = SUBLAYOUT("6/1/14", f6_1_14, 0);
static const ais_layout L6_1_32 = SUBLAYOUT("6/1/32", f6_1_32, 0);
static const ais_layout L6_1_15 = SUBLAYOUT("6/1/15", f6_1_15, 0);
static const ais_layout L6_1_16 = SUBLAYOUT("6/1/16", f6_1_16, 0);
static const ais_layout L6_1_20 = SUBLAYOUT("6/1/20", f6_1_20, 0);
static const ais_layout L6_200_21 = SUBLAYOUT("6/200/21", f6_200_21, 0);
static const ais_layout L6_200_22 = SUBLAYOUT("6/200/22", f6_200_22, 0);
static const ais_layout L8_1_13 = SUBLAYOUT("8/1/13", f8_1_13, 0);
static const ais_layout L8_1_15 = SUBLAYOUT("8/1/15", f8_1_15, 0);
static const ais_layout L8_1_16 = SUBLAYOUT("8/1/16", f8_1_16, 0);
static const ais_layout L8_1_19 = SUBLAYOUT("8/1/19", f8_1_19, 0);
static const ais_layout L8_1_29 = SUBLAYOUT("8/1/29", f8_1_29, 0);
static const ais_layout L8_200_23 = SUBLAYOUT("8/200/23", f8_200_23, 0);
static const ais_layout L8_200_40 = SUBLAYOUT("8/200/40", f8_200_40, 0);
static const ais_layout L6_1_25 = SUBLAYOUT("6/1/25", f6_1_25, 0);
static const ais_layout L6_1_28 = SUBLAYOUT("6/1/28", f6_1_28, 0);
static const ais_layout L8_1_27 = SUBLAYOUT("8/1/27", f8_1_27, 0);
static const ais_layout L8_1_17 = SUBLAYOUT("8/1/17", f8_1_17, 0);
static const ais_layout L8_200_24 = SUBLAYOUT("8/200/24", f8_200_24, 0);

/* Which (DAC, FI) gpsd decodes into fields, with its length conditions
 * (drivers/driver_ais.c); NULL keeps the generic binary layout. */
static const ais_layout *sub6(unsigned dac, unsigned fid, size_t nbits)
{
  if (dac == 200) {
    if (fid == 55 && nbits == 168) return &L6_200_55;
    if (fid == 21 && nbits == 248) return &L6_200_21;
    if (fid == 22 && nbits == 232) return &L6_200_22;
  } else if (dac == 235 || dac == 250) {
    if (fid == 10 && nbits == 136) return &L6_235_10;
  } else if (dac == 1) {
    switch (fid) {
    case 12: return &L6_1_12;
    case 18: return &L6_1_18;
    case 30: return &L6_1_30;
    case 14: return &L6_1_14;
    case 32: return &L6_1_32;
    case 15: return &L6_1_15;
    case 16: return &L6_1_16;
    case 20: return &L6_1_20;
    case 25: return &L6_1_25;
    case 28: return &L6_1_28;
    default: break;
    }
  }
  return NULL;
}

static const ais_layout *sub8(const uint8_t *bits, size_t nbits, unsigned dac, unsigned fid)
{
  if (dac == 1) {
    switch (fid) {
    case 11: return &L8_1_11;
    case 31: return &L8_1_31;
    case 13: return &L8_1_13;
    case 15: return &L8_1_15;
    case 19: return &L8_1_19;
    case 29: return &L8_1_29;
    case 17: return &L8_1_17;
    case 27: return &L8_1_27;
    case 16: return nbits - 56 == 136 || nbits - 56 == 72 ? &L8_1_16 : NULL;
    default: return NULL;
    }
  }
  if (dac == 200) {
    /* FI 10 only when the hazard code is in range (gpsd's guard against
     * false matches, DAC200FID10_HAZARD_MAX = 5). */
    if (fid == 10 && nbits == 168 && idt_ais_ubits(bits, nbits, 141, 3) <= 5) return &L8_200_10;
    if (fid == 23 && nbits == 256) return &L8_200_23;
    if (fid == 40 && nbits == 168) return &L8_200_40;
    if (fid == 24 && nbits == 168) return &L8_200_24;
  }
  return NULL;
}

/* Auxiliary craft of a parent ship: MMSI 98MIDxxxx (ITU-R M.585 annex 1),
 * whose type 24 part B carries the mother ship's MMSI instead of sizes. */
static int auxiliary(unsigned mmsi) { return mmsi / 10000000u == 98u; }

const ais_layout *idt__ais_layout_24ab(unsigned mmsi)
{
  return auxiliary(mmsi) ? &L24abx : &L24ab;
}

const ais_layout *idt__ais_layout_for(const uint8_t *bits, size_t nbits,
                                      unsigned type, unsigned mmsi)
{
  const ais_layout *l;
  unsigned a, s;
  switch (type) {
  case 1: case 2: case 3: return &L123;
  case 4: case 11: return &L4;
  case 5: return &L5;
  case 6:
    l = sub6(idt_ais_ubits(bits, nbits, 72, 10), idt_ais_ubits(bits, nbits, 82, 6), nbits);
    return l ? l : &L6;
  case 7: case 13: return &L7;
  case 8:
    l = sub8(bits, nbits, idt_ais_ubits(bits, nbits, 40, 10), idt_ais_ubits(bits, nbits, 50, 6));
    return l ? l : &L8;
  case 9: return &L9;
  case 10: return &L10;
  case 12: return &L12;
  case 14: return &L14;
  case 15: return &L15;
  case 16: return &L16;
  case 17: return &L17;
  case 18: return &L18;
  case 19: return &L19;
  case 20: return &L20;
  case 21: return &L21;
  case 22: return idt_ais_ubits(bits, nbits, 139, 1) ? &L22a : &L22b;
  case 23: return &L23;
  case 24:
    switch (idt_ais_ubits(bits, nbits, 38, 2)) {
    case 0: return &L24a;
    case 1: return auxiliary(mmsi) ? &L24bx : &L24b;
    default: return NULL;
    }
  case 25: case 26:
    a = idt_ais_ubits(bits, nbits, 38, 1);
    s = idt_ais_ubits(bits, nbits, 39, 1);
    return type == 25 ? &L25[a * 2 + s] : &L26[a * 2 + s];
  case 27: return &L27;
  default: return NULL;
  }
}

/* Length policy. The accepted ranges are gpsd's (drivers/driver_ais.c:
 * RANGE_CHECK, and PERMISSIVE_LENGTH_CHECK, which has no upper bound: here
 * the buffer size), so that the same messages decode; the nominal range is
 * ITU-R M.1371's. A message accepted outside nominal has msg->warn set. */
#define ANY IDT_AIS_MAX_BITS
static const ais_policy policies[28] = {
  [1] = { 163, 204, 168, 168, "class A reports: USCG NAVCEN samples (2023) are mostly 168 "
          "bits, some 163 and 204; every field lies before bit 163" },
  [4] = { 168, ANY, 168, 168, "fixed 168; longer is padding (gpsd: permissive)" },
  [5] = { 420, ANY, 424, 424, "many transmitters send 420 or 422 bits; the missing bits are "
          "the DTE flag and spare, read as 0 (gpsd: recoverable)" },
  [6] = { 88, 1008, 88, 1008, "variable binary payload, up to 5 slots" },
  [7] = { 72, 168, 72, 168, "1-4 acknowledged MMSIs; absent ones are 0" },
  [8] = { 56, 1008, 56, 1008, "variable binary payload, up to 5 slots" },
  [9] = { 168, ANY, 168, 168, "fixed 168; longer is padding (gpsd: permissive)" },
  [10] = { 72, ANY, 72, 72, "fixed 72; longer is padding (gpsd: permissive)" },
  [12] = { 72, 1008, 72, 1008, "variable text" },
  [14] = { 40, 960, 40, 960, "variable text" },
  [15] = { 88, 168, 88, 160, "1-3 interrogations; absent ones are 0" },
  [16] = { 96, 168, 96, 144, "one or two assignments; a second one only from 144 bits; "
           "168 is a padded 144" },
  [17] = { 80, 816, 80, 816, "variable DGNSS payload" },
  [18] = { 168, ANY, 168, 168, "fixed 168; longer is padding (gpsd: permissive)" },
  [19] = { 312, ANY, 312, 312, "fixed 312; longer is padding (gpsd: permissive)" },
  [20] = { 72, 186, 72, 160, "1-4 reservations; up to 186 seen from padding transmitters" },
  [21] = { 272, 368, 272, 360, "name extension of up to 14 characters (and padding)" },
  [22] = { 168, ANY, 168, 168, "fixed 168; longer is padding (gpsd: permissive)" },
  [23] = { 160, ANY, 160, 160, "fixed 160; longer is padding (gpsd: permissive)" },
  [24] = { 160, ANY, 160, 168, "part A 160-168 (padded to a slot), part B at least 168" },
  [25] = { 40, 168, 40, 168, "variable binary payload, one slot" },
  [26] = { 60, 1004, 60, 1004, "variable binary payload, up to five slots" },
  [27] = { 96, 168, 96, 96, "96 bits; 168 is a full-slot implementation error seen in the "
           "wild (gpsd accepts exactly 96 or 168)" },
};

const ais_policy *idt__ais_policy(unsigned type)
{
  if (type == 2 || type == 3)
    type = 1;
  else if (type == 11)
    type = 4;
  else if (type == 13)
    type = 7;
  if (type >= 28 || !policies[type].max)
    return NULL;
  return &policies[type];
}

int idt__ais_field_index(const ais_layout *l, const char *name)
{
  uint8_t i;
  for (i = 0; i < l->n; i++)
    if (strcmp(l->f[i].name, name) == 0)
      return i;
  return -1;
}

/* Legends: gpsd's json_aivdm_dump tables, from ITU-R M.1371 annex 8. */
static const char *const nav[16] = {
  "Under way using engine", "At anchor", "Not under command",
  "Restricted manoeuverability", "Constrained by her draught", "Moored",
  "Aground", "Engaged in fishing", "Under way sailing", "Reserved for HSC",
  "Reserved for WIG", "Reserved", "Reserved", "Reserved", "Reserved",
  "Not defined",
};
static const char *const epfd[9] = {
  "Undefined", "GPS", "GLONASS", "Combined GPS/GLONASS", "Loran-C", "Chayka",
  "Integrated navigation system", "Surveyed", "Galileo",
};
static const char *const station[16] = {
  "All types of mobiles", "Reserved for future use",
  "All types of Class B mobile stations", "SAR airborne mobile station",
  "Aid to Navigation station", "Class B shipborne mobile station",
  "Regional use and inland waterways", "Regional use and inland waterways",
  "Regional use and inland waterways", "Regional use and inland waterways",
  "Reserved for future use", "Reserved for future use",
  "Reserved for future use", "Reserved for future use",
  "Reserved for future use", "Reserved for future use",
};
static const char *const navaid[32] = {
  "Unspecified", "Reference point", "RACON", "Fixed offshore structure",
  "Spare, Reserved for future use.", "Light, without sectors",
  "Light, with sectors", "Leading Light Front", "Leading Light Rear",
  "Beacon, Cardinal N", "Beacon, Cardinal E", "Beacon, Cardinal S",
  "Beacon, Cardinal W", "Beacon, Port hand", "Beacon, Starboard hand",
  "Beacon, Preferred Channel port hand",
  "Beacon, Preferred Channel starboard hand", "Beacon, Isolated danger",
  "Beacon, Safe water", "Beacon, Special mark", "Cardinal Mark N",
  "Cardinal Mark E", "Cardinal Mark S", "Cardinal Mark W", "Port hand Mark",
  "Starboard hand Mark", "Preferred Channel Port hand",
  "Preferred Channel Starboard hand", "Isolated danger", "Safe Water",
  "Special Mark", "Light Vessel / LANBY / Rigs",
};

/* IMO236/IMO289 met-hydro codes and GLA AtoN status words, as gpsd prints. */
static const char *const tend[4] = { "steady", "increasing", "decreasing", "N/A" };
static const char *const precip[8] = { "reserved", "rain", "thunderstorm", "freezing rain",
  "mixed/ice", "snow", "reserved", "N/A" };
static const char *const ice[4] = { "no", "yes", "reserved", "N/A" };
static const char *const racon[4] = { "No RACON installed", "RACON not monitored",
  "RACON operational", "RACON ERROR" };
static const char *const light[4] = { "No light or no monitoring", "Light ON", "Light OFF",
  "Light ERROR" };

/* Inland AIS (ERI) ship and convoy types with the maritime type gpsd also
 * accepts in that field, and gpsd's words for hazard cones and load. */
static const struct { uint16_t code, ais; const char *legend; } eri_types[] = {
  { 8000, 99, "Vessel, type unknown" }, { 8010, 79, "Motor freighter" },
  { 8020, 89, "Motor tanker" }, { 8021, 80, "Motor tanker, liquid cargo, type N" },
  { 8022, 80, "Motor tanker, liquid cargo, type C" },
  { 8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)" },
  { 8030, 79, "Container vessel" }, { 8040, 80, "Gas tanker" },
  { 8050, 79, "Motor freighter, tug" }, { 8060, 89, "Motor tanker, tug" },
  { 8070, 79, "Motor freighter with one or more ships alongside" },
  { 8080, 89, "Motor freighter with tanker" },
  { 8090, 79, "Motor freighter pushing one or more freighters" },
  { 8100, 89, "Motor freighter pushing at least one tank-ship" },
  { 8110, 79, "Tug, freighter" }, { 8120, 89, "Tug, tanker" },
  { 8130, 31, "Tug freighter, coupled" }, { 8140, 31, "Tug, freighter/tanker, coupled" },
  { 8150, 99, "Freightbarge" }, { 8160, 99, "Tankbarge" },
  { 8161, 90, "Tankbarge, liquid cargo, type N" }, { 8162, 90, "Tankbarge, liquid cargo, type C" },
  { 8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)" },
  { 8170, 99, "Freightbarge with containers" }, { 8180, 90, "Tankbarge, gas" },
  { 8210, 79, "Pushtow, one cargo barge" }, { 8220, 79, "Pushtow, two cargo barges" },
  { 8230, 79, "Pushtow, three cargo barges" }, { 8240, 79, "Pushtow, four cargo barges" },
  { 8250, 79, "Pushtow, five cargo barges" }, { 8260, 79, "Pushtow, six cargo barges" },
  { 8270, 79, "Pushtow, seven cargo barges" }, { 8280, 79, "Pushtow, eigth cargo barges" },
  { 8290, 79, "Pushtow, nine or more barges" }, { 8310, 80, "Pushtow, one tank/gas barge" },
  { 8320, 80, "Pushtow, two barges at least one tanker or gas barge" },
  { 8330, 80, "Pushtow, three barges at least one tanker or gas barge" },
  { 8340, 80, "Pushtow, four barges at least one tanker or gas barge" },
  { 8350, 80, "Pushtow, five barges at least one tanker or gas barge" },
  { 8360, 80, "Pushtow, six barges at least one tanker or gas barge" },
  { 8370, 80, "Pushtow, seven barges at least one tanker or gas barg" },
};
static const char *const hazard[6] = { "0 blue cones/lights", "1 blue cone/light",
  "2 blue cones/lights", "3 blue cones/lights", "4 B-Flag", "Unknown" };
static const char *const loaded[3] = { "N/A (default)", "Unloaded", "Loaded" };

/* Berthing, lock status, traffic signals, EMMA and inland signal legends as
 * gpsdecode 3.22 prints them (read off its output code by code). Signal
 * codes 9-13 carry quotes gpsd prints unescaped (broken JSON): escaped here. */
static const char *const moor[8] = { "Not available", "Port-side to", "Starboard-side to",
  "Mediterranean (end-on) mooring", "Mooring buoy", "Anchorage", "Reserved for future use",
  "Reserved for future use" };
static const char *const lock[4] = { "Operational", "Limited operation", "Out of order", "N/A" };
static const char *const tsignal[15] = { "N/A",
  "Serious emergency \xe2\x80\x93" " stop or divert according to instructions.",
  "Vessels shall not proceed.", "Vessels may proceed. One way traffic.",
  "Vessels may proceed. Two way traffic.", "Vessels shall proceed on specific orders only.",
  "Vessels in main channel shall not proceed.",
  "Vessels in main channel shall proceed on specific orders only.",
  "Vessels in main channel shall proceed on specific orders only.",
  "I = \\\"in-bound\\\" only acceptable.", "O = \\\"out-bound\\\" only acceptable.",
  "F = both \\\"in- and out-bound\\\" acceptable.",
  "XI = Code will shift to \\\"I\\\" in due time.",
  "XO = Code will shift to \\\"O\\\" in due time.",
  "X = Vessels shall proceed only on direction." };
static const char *const emma[10] = { "Not Available", "Wind", "Rain", "Snow and ice",
  "Thunderstorm", "Fog", "Low temperature", "High temperature", "Flood", "Forest Fire" };
static const char *const emmacls[3] = { "Slight", "Medium", "Strong" };
static const char *const wind[9] = { "N/A", "North", "North East", "East", "South East",
  "South", "South West", "West", "North West" };
static const char *const impact[5] = { "Unknown", "Upstream", "Downstream", "To left bank",
  "To right bank" };
static const char *const route[8] = { "Undefined (default)", "Mandatory", "Recommended",
  "Alternative", "Recommended route through ice", "Ship route plan",
  "Cancel route identified by message linkage", "Reserved for future use." };
static const char *const lights[8] = { "Unknown", "No light", "White", "Yellow", "Green", "Red",
  "White flashing", "Yellow flashing." };

static const char *eri(unsigned v)
{
  size_t i;
  for (i = 0; i < sizeof eri_types / sizeof eri_types[0]; i++)
    if (eri_types[i].code == v || eri_types[i].ais == v)
      return eri_types[i].legend;
  return "Illegal ship type value.";
}

static const char *ship_type(unsigned v)
{
  static const char *const low[] = {
    "Fishing", "Towing", "Towing: length exceeds 200m or breadth exceeds 25m",
    "Dredging or underwater ops", "Diving ops", "Military ops", "Sailing",
    "Pleasure Craft", "Reserved", "Reserved",
  };
  static const char *const fifty[] = {
    "Pilot Vessel", "Search and Rescue vessel", "Tug", "Port Tender",
    "Anti-pollution equipment", "Law Enforcement", "Spare - Local Vessel",
    "Spare - Local Vessel", "Medical Transport",
    "Ship according to RR Resolution No. 18",
  };
  /* Decades 20, 40, 60-90: "<class> - <category>". */
  static const char *const cat[10][10] = {
    [2] = { "Wing in ground (WIG) - all ships of this type",
            "Wing in ground (WIG) - Hazardous category A",
            "Wing in ground (WIG) - Hazardous category B",
            "Wing in ground (WIG) - Hazardous category C",
            "Wing in ground (WIG) - Hazardous category D",
            "Wing in ground (WIG) - Reserved for future use",
            "Wing in ground (WIG) - Reserved for future use",
            "Wing in ground (WIG) - Reserved for future use",
            "Wing in ground (WIG) - Reserved for future use",
            "Wing in ground (WIG) - Reserved for future use" },
    [4] = { "High speed craft (HSC) - all ships of this type",
            "High speed craft (HSC) - Hazardous category A",
            "High speed craft (HSC) - Hazardous category B",
            "High speed craft (HSC) - Hazardous category C",
            "High speed craft (HSC) - Hazardous category D",
            "High speed craft (HSC) - Reserved for future use",
            "High speed craft (HSC) - Reserved for future use",
            "High speed craft (HSC) - Reserved for future use",
            "High speed craft (HSC) - Reserved for future use",
            "High speed craft (HSC) - No additional information" },
    [6] = { "Passenger - all ships of this type",
            "Passenger - Hazardous category A", "Passenger - Hazardous category B",
            "Passenger - Hazardous category C", "Passenger - Hazardous category D",
            "Passenger - Reserved for future use",
            "Passenger - Reserved for future use",
            "Passenger - Reserved for future use",
            "Passenger - Reserved for future use",
            "Passenger - No additional information" },
    [7] = { "Cargo - all ships of this type", "Cargo - Hazardous category A",
            "Cargo - Hazardous category B", "Cargo - Hazardous category C",
            "Cargo - Hazardous category D", "Cargo - Reserved for future use",
            "Cargo - Reserved for future use", "Cargo - Reserved for future use",
            "Cargo - Reserved for future use", "Cargo - No additional information" },
    [8] = { "Tanker - all ships of this type", "Tanker - Hazardous category A",
            "Tanker - Hazardous category B", "Tanker - Hazardous category C",
            "Tanker - Hazardous category D", "Tanker - Reserved for future use",
            "Tanker - Reserved for future use", "Tanker - Reserved for future use",
            "Tanker - Reserved for future use", "Tanker - No additional information" },
    [9] = { "Other Type - all ships of this type",
            "Other Type - Hazardous category A", "Other Type - Hazardous category B",
            "Other Type - Hazardous category C", "Other Type - Hazardous category D",
            "Other Type - Reserved for future use",
            "Other Type - Reserved for future use",
            "Other Type - Reserved for future use",
            "Other Type - Reserved for future use",
            "Other Type - no additional information" },
  };
  if (v == 0)
    return "Not available";
  if (v < 20)
    return "Reserved for future use";
  if (v >= 100)
    return "INVALID SHIP TYPE";
  if (v / 10 == 3)
    return low[v % 10];
  if (v / 10 == 5)
    return fifty[v % 10];
  return cat[v / 10][v % 10];
}

const char *idt__ais_legend(int legend, unsigned v)
{
  switch (legend) {
  case L_NAV: return v < 16 ? nav[v] : "INVALID STATUS";
  case L_EPFD: return v < 9 ? epfd[v] : "INVALID EPFD";
  case L_SHIP: return ship_type(v);
  case L_STATION: return v < 16 ? station[v] : "INVALID STATION TYPE";
  case L_NAVAID: return v < 32 ? navaid[v] : "INVALID NAVAID TYPE";
  case L_TEND: return v < 4 ? tend[v] : "";
  case L_PRECIP: return v < 8 ? precip[v] : "";
  case L_ICE: return v < 4 ? ice[v] : "";
  case L_RACON: return v < 4 ? racon[v] : "";
  case L_LIGHT: return v < 4 ? light[v] : "";
  case L_ERI: return eri(v);
  case L_HAZARD: return v < 6 ? hazard[v] : "INVALID HAZARD TYPE";
  case L_LOADED: return v < 3 ? loaded[v] : "INVALID LOAD STATUS";
  case L_MOOR: return moor[v & 7];
  case L_LOCK: return lock[v & 3];
  case L_SIGNAL: return v < 15 ? tsignal[v] : "INVALID SIGNAL TYPE";
  case L_EMMA: return v < 10 ? emma[v] : "INVALID EMMA TYPE";
  case L_EMMACLS: return v < 3 ? emmacls[v] : "INVALID EMMA TYPE";
  case L_WIND: return v < 9 ? wind[v] : "INVALID EMMA WIND DIRECTION";
  case L_IMPACT: return v < 5 ? impact[v] : "INVALID DIRECTION";
  case L_LIGHTS: return v < 8 ? lights[v] : "INVALID STATUS";
  case L_ROUTE: return v == 31 ? route[6] : route[v < 6 ? v : 7];
  default: return "";
  }
}
