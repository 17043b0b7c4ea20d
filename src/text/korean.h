/*
 * korean.h - Korean names: Hangul romanisation (RR, DPRK/McCune-Reischauer,
 * Yale), conventional surname spellings, Latin syllable skeletons, the
 * segmentation of joined given names and the Korean-name shape test.
 *
 * Internal to libinterdict (src/text/), not a public header. All strings are
 * UTF-8 in and lowercase ASCII out. Nothing here allocates except the
 * functions that append to a caller's idt_buf; skeleton, segmentation and
 * surname lookups use static tables only (binary search or short scans) and
 * are safe to call from any thread. Design and rejected alternatives:
 * docs/design/korean.md.
 */
#ifndef IDT_TEXT_KOREAN_H
#define IDT_TEXT_KOREAN_H
#include <stddef.h>
#include "common/buf.h"

typedef enum {
  IDT_KO_RR,    /* Revised Romanization (South Korea, 2000) */
  IDT_KO_MR,    /* DPRK official / McCune-Reischauer in ASCII: breves dropped
                 * (ŏ→o, ŭ→u), aspirates without apostrophe or h (ch'ol→chol,
                 * t'ae→tae) */
  IDT_KO_YALE,  /* Yale (linguistics) */
  IDT_KO_DPRK   /* DPRK official 1992/2002/2012 in ASCII: as MR but aspirates
                 * kh/th/ph as the DPRK writes them (Thae, Phyong) */
} idt_ko_system;

/* 1 if s contains at least one Hangul syllable or jamo (U+1100-11FF,
 * U+3130-318F, U+A960-A97F, U+AC00-D7A3, U+D7B0-D7FF), else 0. Invalid
 * UTF-8 is skipped byte by byte. */
int idt_ko_has_hangul(const char *s, size_t n);

/* Romanise a Hangul name into name variants. The surname (one syllable, or
 * a two-syllable one from the closed set 남궁 황보 제갈 선우 독고 사공 서문
 * 동방) is separated from the given name by a space and given-name syllables
 * are joined by '-'; a name written with spaces keeps its own split. The
 * variants, deduplicated, in this order:
 *   1. MR (DPRK/McCune-Reischauer ASCII)      김정은 → "kim jong-un"
 *   2. DPRK with kh/th/ph, when different      리태철 → "ri thae-chol"
 *   3. McCune-Reischauer with ㅈ as ch           → "kim chong-un"
 *   4. RR                                       → "gim jeong-eun"
 *   5. each conventional surname spelling + RR given, then + MR given
 *                                               → "kim jeong-eun", ...
 *   6. Yale                                     → "kim ceng-un"
 * Each variant is NUL-terminated and appended to out one after another.
 * Returns the count (>= 1), IDT_EINVAL when s holds no Hangul syllable
 * (nothing appended), or IDT_ENOMEM/IDT_ELIMIT from the buffer. Non-Hangul
 * characters are copied (ASCII lowercased). */
int idt_ko_name_variants(const char *s, size_t n, idt_buf *out);

/* Romanise any Hangul text syllable by syllable in one system, with no sound
 * changes: syllables of one word are separated by '-', everything that is not
 * a Hangul syllable is copied (ASCII lowercased). "리 병철" (MR) → "ri
 * pyong-chol". 0 or IDT_ENOMEM/IDT_ELIMIT. */
int idt_ko_romanize(const char *s, size_t n, idt_ko_system sys, idt_buf *out);

/* Romanise Hangul text as running words the way koconv does: syllables
 * joined, with the sound changes across syllables that the systems write
 * (liaison, nasalisation, ㄴㄹ→ll, palatalisation, DPRK voicing; Yale is
 * morphophonemic and only adds '.' between ambiguous consonants). The rules
 * and the deliberate differences from koconv are in docs/design/korean.md.
 * "반갑습니다" → RR "bangapseumnida", DPRK "pangapsumnida", Yale
 * "pankapsupnita". 0 or IDT_ENOMEM/IDT_ELIMIT. */
int idt_ko_romanize_text(const char *s, size_t n, idt_ko_system sys, idt_buf *out);

/* Korean readings of Han characters (Hanja), for names written in Han:
 * every Han character with a Korean reading (Unihan kHangul; a simplified
 * character takes its traditional form's reading: 铁 → 鐵 → 철) is replaced
 * by that Hangul syllable, the first Han character of each word by its
 * surname reading (金 → 김) and the others by their common reading (金 → 금).
 * Everything else is copied. "金正恩" → "김정은", "金铁三" → "김철삼"; then
 * idt_ko_name_variants gives "kim jong-un", "kim chol-sam". Chinese names get
 * their Korean reading too (their Mandarin reading is ICU's Han-Latin), so
 * callers should use the result as extra variants, not instead of others.
 * Returns the number of characters replaced (0: none, out unchanged except
 * for the copy) or IDT_EINVAL/IDT_ENOMEM/IDT_ELIMIT. */
int idt_ko_hanja_to_hangul(const char *s, size_t n, idt_buf *out);

/* Could the Han text s be a Korean name written in Hanja: three Han
 * characters or more (Korean names are overwhelmingly one surname syllable
 * and two given ones; two-character names are mostly Chinese), the first
 * one read as a Korean surname (Hanja names are written surname first:
 * 金正恩, not 正恩 金) and none a Simplified Chinese form (Korean writes
 * traditional characters)? 1 or 0. */
int idt_ko_hanja_plausible(const char *s, size_t n);

/* Korean readings of a Korean name written in Cyrillic (Kontsevich and
 * Russian press usage: "Ким Чен Ын" -> "김정은"): up to max Hangul names,
 * best first, each NUL-terminated and appended to out. Every word must parse
 * into 1-3 syllables that are Sino-Korean readings (Unihan kHangul) and the
 * best reading must have a Korean name shape; otherwise 0 (nothing
 * appended). Returns the count, or IDT_EINVAL for NULL arguments. */
int idt_ko_cyrillic_to_hangul(const char *s, size_t n, int max, idt_buf *out);

/* Surname class: one id for the romanisation variants of one Korean surname
 * ({ri,rhee,lee,yi,i,li}, {pak,park,bak}, {choe,choi,chwe,tsoi},
 * {jong,chong,jeong,chung,jung}, ...); the initial-law pairs (이/리, 임/림,
 * 류/유, 노/로, 양/량 ...) share a class, and a spelling used by two surnames
 * joins them (so: 서/소). Apostrophes, hyphens and ASCII case are ignored.
 * Returns the id (>= 0) or -1 when tok is not a known surname spelling. */
int idt_ko_surname_class(const char *tok, size_t n);

/* The conventional spellings of a Hangul surname ("박" → "park,pak,bak",
 * comma-separated, most common first) or NULL when unknown. Static. */
const char *idt_ko_surname_spellings(const char *hangul, size_t n);

/* Syllable skeleton: a key for one Latin syllable that romanisation
 * variants of one Hangul syllable share (chol/cheol/ch'ol, kyong/gyeong,
 * kwang/gwang, jong/jeong/chong, un/eun, ri/li/i), while different syllables
 * differ (jong/sik, un/il, chol/chon). The key is onset class + vowel class
 * + coda class in lowercase ASCII ("jong" → "cong"). Classes: onsets
 * {k,g,kk,kh} {t,d,tt,th} {p,b,pp,ph} {ch,j,c,tch,jj,ts,z} {s,sh,ss} {h} {m}
 * and r/l/n with the initial law (before i/y: silent; else n); vowels
 * {eo,o,ou} {eu,u,oo,wu} {ae,e,ai} {yeo,yo,you} {yae,ye} {oe,oi,wae,we}
 * {ui,eui,i,ee,yi} {yu,yoo} {wo,weo} a ya wa wi; codas {k,g,...} {ng} {n}
 * {l} {m} {p,b} {t,d,s,...}. Accepts apostrophes (dropped), ASCII case and
 * ŏ/ŭ. Writes a NUL-terminated key (at most 7 bytes + NUL, so cap >= 8 is
 * always enough) and returns its length, or -1 when the syllable is not a
 * plausible Korean syllable or cap is too small. */
int idt_ko_skeleton(const char *syl, size_t n, char *out, size_t cap);

/* Skeleton flavours for idt_ko_skeleton_ex. */
enum {
  IDT_KO_SK_DEFAULT = 0,
  /* Keep every Hangul vowel apart (eo≠o, eu≠u, yeo≠yo, ae≠e, ui≠i): valid
   * only when both sides are Hangul or known to be RR, where it tells
   * 김종은 (jong-eun) from 김정은 (jeong-eun). */
  IDT_KO_SK_STRICT = 1,
  /* Also merge o with u and yo with yu: the South Korean habit of writing
   * ㅓ as u (Chul, Sung, Jung, Hyun, Kyung, Young-Chul). A weaker tier. */
  IDT_KO_SK_LOOSE = 2
};
int idt_ko_skeleton_ex(const char *syl, size_t n, int flags, char *out, size_t cap);
/* = idt_ko_skeleton_ex(syl, n, IDT_KO_SK_STRICT, out, cap). */
int idt_ko_skeleton_strict(const char *syl, size_t n, char *out, size_t cap);

/* How two Latin syllables relate, best first. */
enum {
  IDT_KO_REL_DIFFERENT = 0,
  IDT_KO_REL_LOOSE = 1,    /* same IDT_KO_SK_LOOSE key (chul ~ chol) */
  IDT_KO_REL_VARIANT = 2,  /* same default skeleton (cheol ~ chol) */
  IDT_KO_REL_SAME = 3      /* same letters once apostrophes/case are gone */
};
/* -1 when either is not a plausible Korean syllable. */
int idt_ko_syllable_relation(const char *a, size_t an, const char *b, size_t bn);

/* Segment a Latin token into Korean syllables ("jongun" → "jong","un";
 * "cholsu" → "chol","su"; "sunam" → "su","nam"). Apostrophes and hyphens are
 * skipped (slices point into tok and may contain them). Only the syllable
 * shapes of names are used (plain codas k n l m p t ng; no Yale diphthongs);
 * among the segmentations the fewest syllables win, then the fewest
 * vowel-initial syllables after a consonant other than ng (su|nam over
 * sun|am), then the longest first syllable (jong|un over jon|gun). Fills up
 * to max slices and returns the count, or 0 when tok cannot be segmented
 * (or needs more than max syllables, or is longer than 63 bytes). */
int idt_ko_segment(const char *tok, size_t n, idt_str *out, int max);

/* Is this token sequence plausibly a Korean name: 2-4 tokens, a known
 * surname first or last, and the other tokens segmentable into 1-3
 * syllables in all? toks are normalised lowercase ASCII (apostrophes and
 * case tolerated). Returns 1 (surname first), 2 (surname last) or 0. */
int idt_ko_name_shape(const idt_str *toks, int ntoks);

/* The key of a Korean place or company word in any romanisation
 * (RYONBONG ~ Yeonbong, RAKWON ~ Nagwon, RYUGYONG ~ Yugyeong, KORYO ~
 * Goryeo): '#' then its syllables' skeletons, run together so that a
 * coda read as the next onset (rak|won, na|gwon) keys alike. Only a
 * word the letters show to be Korean gets one: two to six syllables, and
 * with two a trait Western words rarely have (eo, eu, ae; y or w after a
 * consonant; ng before a consonant). Returns its length, 0 for none. */
size_t idt_ko_place_key(const char *tok, size_t n, char *out, size_t cap);

/* ---- Internal to the korean module (korean*.c) ---- */
typedef struct { const char *rr, *mr, *dprk, *yale; } idt__ko_jamo;
typedef struct { const char *s; unsigned char len; const char *key, *strict; int seg; } idt__ko_spell;
typedef struct { const char *hangul; int cls; const char *spellings; } idt__ko_surname;
typedef struct { const char *s; int cls; } idt__ko_surname_spelling;
typedef struct { unsigned int cp; unsigned short sur, other; } idt__ko_hanja;

extern const idt__ko_jamo idt__ko_onsets[19];
extern const idt__ko_jamo idt__ko_vowels[21];
extern const idt__ko_jamo idt__ko_codas[28];
extern const idt__ko_spell idt__ko_onset_spell[], idt__ko_vowel_spell[], idt__ko_coda_spell[];
extern const unsigned char idt__ko_onset_first[27], idt__ko_vowel_first[27], idt__ko_coda_first[27];
extern const idt__ko_surname idt__ko_surnames[];
extern const size_t idt__ko_surnames_n;
extern const idt__ko_surname_spelling idt__ko_surname_spellings[];
extern const size_t idt__ko_surname_spellings_n;
extern const unsigned int idt__ko_simplified[];   /* sorted code points */
extern const size_t idt__ko_simplified_n;
extern const idt__ko_hanja idt__ko_hanja_table[];
extern const size_t idt__ko_hanja_n;
#endif
