/*
 * korean.c - Hangul to Latin: the syllable arithmetic, romanisation of names
 * (per syllable, no sound changes, the way passports and sanctions lists
 * write them) and of running text (koconv-style sound changes), and the name
 * variants the screening index stores for a Hangul name.
 *
 * A precomposed syllable is U+AC00 + (L*21 + V)*28 + T with L the onset
 * (19), V the vowel (21) and T the coda (28, 0 = none) (Unicode §3.12). The
 * per-jamo spellings come from the koconv table (korean_tables.c, generated).
 * UTF-8 is decoded with ICU's U8_NEXT, which turns ill-formed bytes into
 * U+FFFD-like negatives that we copy through as '?'.
 *
 * Rejected alternative: ICU's Hangul-Latin transliterator. It gives RR-like
 * output only (gimjeong-eun), writes initial ㄹ as l, does not separate the
 * surname, and has no DPRK/McCune-Reischauer or Yale rules; the lists spell
 * DPRK names in the latter (DOMAIN.md §3).
 */
#include <string.h>
#include <unicode/utf8.h>
#include "interdict/common.h"
#include "text/korean.h"

#define SBASE 0xAC00
#define SCOUNT 11172
#define WORD_MAX 64  /* syllables rendered together in text mode */

enum { L_G = 0, L_N = 2, L_D = 3, L_R = 5, L_M = 6, L_B = 7, L_BB = 8, L_IEUNG = 11, L_J = 12, L_P = 17 };
enum { V_U = 13, V_I = 20 };
enum { T_NONE = 0, T_G = 1, T_N = 4, T_L = 8, T_LG = 9, T_M = 16, T_NG = 21, T_H = 27 };

static int is_syllable(UChar32 c) { return c >= SBASE && c < SBASE + SCOUNT; }

int idt_ko_has_hangul(const char *s, size_t n)
{
  int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
  if (!s) return 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
        (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7A3) ||
        (c >= 0xD7B0 && c <= 0xD7FF))
      return 1;
  }
  return 0;
}

static const char *jamo_str(const idt__ko_jamo *j, idt_ko_system sys)
{
  switch (sys) {
  case IDT_KO_RR: return j->rr;
  case IDT_KO_MR: return j->mr;
  case IDT_KO_DPRK: return j->dprk;
  case IDT_KO_YALE: return j->yale;
  }
  return j->rr;
}

/* The vowel after onset l: Yale writes ㅜ as u after the labials ㅁ ㅂ ㅃ ㅍ
 * (mun, pu), where the w of wu would say nothing (koconv: 물 mul, 부엌 puekh). */
static const char *vowel_str(int v, int l, idt_ko_system sys)
{
  if (sys == IDT_KO_YALE && v == V_U && (l == L_M || l == L_B || l == L_BB || l == L_P))
    return "u";
  return jamo_str(&idt__ko_vowels[v], sys);
}

/* Append a non-Hangul code point: ASCII lowercased, others as UTF-8,
 * ill-formed input as '?'. */
static int put_other(idt_buf *b, UChar32 c)
{
  char u[4];
  int32_t k = 0;
  UBool err = 0;
  if (c < 0) return idt_buf_putc(b, '?');
  if (c < 0x80) return idt_buf_putc(b, (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c));
  U8_APPEND(u, k, 4, c, err);
  if (err) return idt_buf_putc(b, '?');
  return idt_buf_append(b, u, (size_t)k);
}

/* One syllable as a name syllable: table spellings, no sound changes.
 * ch_j writes ㅈ as "ch" (McCune-Reischauer's word-initial form). */
static int put_name_syllable(idt_buf *b, UChar32 c, idt_ko_system sys, int ch_j)
{
  int idx = (int)(c - SBASE), l = idx / 588, v = (idx % 588) / 28, t = idx % 28;
  const char *on = (ch_j && l == L_J) ? "ch" : jamo_str(&idt__ko_onsets[l], sys);
  int rc = idt_buf_puts(b, on);
  if (!rc) rc = idt_buf_puts(b, vowel_str(v, l, sys));
  if (!rc) rc = idt_buf_puts(b, jamo_str(&idt__ko_codas[t], sys));
  return rc;
}

int idt_ko_romanize(const char *s, size_t n, idt_ko_system sys, idt_buf *out)
{
  int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
  int prev_syl = 0, rc = 0;
  if (!s || !out) return idt_error_set(IDT_EINVAL, "korean: romanize: NULL argument");
  while (i < len && !rc) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (is_syllable(c)) {
      if (prev_syl) rc = idt_buf_putc(out, '-');
      if (!rc) rc = put_name_syllable(out, c, sys, 0);
      prev_syl = 1;
    } else {
      rc = put_other(out, c);
      prev_syl = 0;
    }
  }
  return rc;
}

/* ---- Running text (koconv-compatible sound changes) ---- */

/* Coda index → onset index when the coda moves to a following ㅇ; for
 * compound codas the part that moves (the other stays, see coda_keep).
 * -1: nothing moves (ㅇ, ㅎ and the ㅎ of ㄶ/ㅀ fall silent). */
static const signed char coda_move[28] = {
  -1, 0, 1, 9, 2, 12, -1, 3, 5, 0, 6, 7, 9, 16, 17, -1, 6, 7, 9, 9, 10, -1, 12, 14, 15, 16, 17, -1
};
static const unsigned char coda_keep[28] = {
  0, 0, 0, 1, 0, 4, 4, 0, 0, 8, 8, 8, 8, 8, 8, 8, 0, 0, 17, 0, 0, 21, 0, 0, 0, 0, 0, 0
};
/* Coda obstruent class for nasalisation before ㄴ/ㅁ: the nasal it becomes. */
static unsigned char nasalised(int t)
{
  switch (t) {
  case 1: case 2: case 3: case 9: case 24: return T_NG;           /* k → ng */
  case 7: case 19: case 20: case 22: case 23: case 25: case 27: return T_N; /* t → n */
  case 17: case 18: case 14: case 26: return T_M;                  /* p → m */
  default: return (unsigned char)t;
  }
}

typedef struct {
  unsigned char l, v, t;
  const char *onset;  /* literal override, or NULL */
} syl;

/* Sound changes across the boundary between w[i] and w[i+1] (RR, DPRK, MR). */
static void boundary_rules(syl *a, syl *b, idt_ko_system sys)
{
  int t = a->t, l = b->l;
  if (t == T_NONE) return;
  if (l == L_IEUNG) {
    /* Liaison. Not for ㅋ/ㅍ: koconv writes the coda form there (DPRK
     * "Ap-ŏndŏk", "Puŏk-angol"), which in RR is the same letters. */
    if (t == T_NG || t == 24 || t == 26) return;
    int mv = coda_move[t];
    a->t = coda_keep[t];
    if (mv < 0) return;
    b->l = (unsigned char)mv;
    if (b->v == V_I && mv == L_D) b->l = L_J;            /* 굳이 guji */
    else if (b->v == V_I && mv == 16) b->l = 14;          /* 같이 gachi */
    if (b->l == L_R && sys != IDT_KO_RR) b->onset = "l";  /* DPRK 계절이 kyejŏli */
    return;
  }
  if (t == T_LG && l == L_G) a->t = T_L;                   /* 굵기 gulgi */
  if (l == L_R) {
    if (t == T_N) { a->t = T_L; b->onset = "l"; }          /* 천리 cheolli */
    else if (t == T_L) b->onset = sys == IDT_KO_RR ? "l" : "r"; /* 찔레: RR ll, DPRK lr */
    else b->l = L_N;                                       /* 역량 yeongnyang */
  } else if (l == L_N && t == T_L) {
    b->l = L_R; b->onset = "l";                            /* 설날 seollal */
  }
  if (b->l == L_N || b->l == L_M) a->t = nasalised(a->t);  /* 백마 baengma */
}

static int put_word(idt_buf *out, syl *w, int k, idt_ko_system sys)
{
  int rc = 0;
  if (sys != IDT_KO_YALE)
    for (int i = 0; i + 1 < k; i++) boundary_rules(&w[i], &w[i + 1], sys);
  const char *prev_coda = "";
  for (int i = 0; i < k && !rc; i++) {
    const char *on = w[i].onset ? w[i].onset : jamo_str(&idt__ko_onsets[w[i].l], sys);
    /* DPRK voicing: ㄱㄷㅂ are g d b inside a word (kyogudong, Amrokgang). */
    if ((sys == IDT_KO_DPRK || sys == IDT_KO_MR) && i > 0 && !w[i].onset) {
      if (w[i].l == L_G) on = "g";
      else if (w[i].l == L_D) on = "d";
      else if (w[i].l == L_B) on = "b";
    }
    /* Yale marks an ambiguous consonant boundary with '.' (payk.kwa). */
    size_t pl = strlen(prev_coda);
    if (sys == IDT_KO_YALE && pl && on[0] && prev_coda[pl - 1] == on[0] && strchr("ktpsc", on[0]))
      rc = idt_buf_putc(out, '.');
    if (!rc) rc = idt_buf_puts(out, on);
    if (!rc) rc = idt_buf_puts(out, vowel_str(w[i].v, w[i].l, sys));
    prev_coda = jamo_str(&idt__ko_codas[w[i].t], sys);
    if (!rc) rc = idt_buf_puts(out, prev_coda);
  }
  return rc;
}

int idt_ko_romanize_text(const char *s, size_t n, idt_ko_system sys, idt_buf *out)
{
  int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
  syl w[WORD_MAX];
  int k = 0, rc = 0;
  if (!s || !out) return idt_error_set(IDT_EINVAL, "korean: romanize_text: NULL argument");
  while (i < len && !rc) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (is_syllable(c)) {
      int idx = (int)(c - SBASE);
      if (k == WORD_MAX) { rc = put_word(out, w, k, sys); k = 0; }
      w[k].l = (unsigned char)(idx / 588);
      w[k].v = (unsigned char)((idx % 588) / 28);
      w[k].t = (unsigned char)(idx % 28);
      w[k].onset = NULL;
      k++;
      continue;
    }
    if (k) { rc = put_word(out, w, k, sys); k = 0; }
    if (!rc) rc = put_other(out, c);
  }
  if (!rc && k) rc = put_word(out, w, k, sys);
  return rc;
}

/* ---- Hanja ---- */

static const idt__ko_hanja *hanja_find(UChar32 c)
{
  size_t lo = 0, hi = idt__ko_hanja_n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (idt__ko_hanja_table[mid].cp == (unsigned int)c) return &idt__ko_hanja_table[mid];
    if (idt__ko_hanja_table[mid].cp < (unsigned int)c) lo = mid + 1; else hi = mid;
  }
  return NULL;
}

int idt_ko_hanja_to_hangul(const char *s, size_t n, idt_buf *out)
{
  int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
  int count = 0, rc = 0, word_start = 1;
  if (!s || !out) return idt_error_set(IDT_EINVAL, "korean: hanja_to_hangul: NULL argument");
  while (i < len && !rc) {
    UChar32 c;
    int32_t at = i;
    U8_NEXT(s, i, len, c);
    const idt__ko_hanja *h = c > 0x3000 ? hanja_find(c) : NULL;
    if (h) {
      UChar32 h8 = SBASE + (word_start ? h->sur : h->other);
      char u[3] = {(char)(0xE0 | (h8 >> 12)), (char)(0x80 | ((h8 >> 6) & 0x3F)),
                   (char)(0x80 | (h8 & 0x3F))};
      rc = idt_buf_append(out, u, 3);
      count++;
      word_start = 0;
      continue;
    }
    rc = idt_buf_append(out, s + at, (size_t)(i - at));
    word_start = 1;  /* any other character ends a Han word: "(金铁三)" */
  }
  return rc ? rc : count;
}

static int simplified(UChar32 c)
{
  size_t lo = 0, hi = idt__ko_simplified_n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (idt__ko_simplified[mid] == (unsigned int)c) return 1;
    if (idt__ko_simplified[mid] < (unsigned int)c) lo = mid + 1; else hi = mid;
  }
  return 0;
}

int idt_ko_hanja_plausible(const char *s, size_t n)
{
  int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
  int han = 0, simp = 0, other = 0;
  const idt__ko_hanja *h;
  if (!s) return 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (!(c > 0x3000 && (h = hanja_find(c)))) {
      other = 1;
      continue;
    }
    simp |= simplified(c);
    if (!han++) {
      /* written surname first: the first character reads as a surname */
      UChar32 k = SBASE + h->sur;
      char u[3] = {(char)(0xE0 | (k >> 12)), (char)(0x80 | ((k >> 6) & 0x3F)),
                   (char)(0x80 | (k & 0x3F))};
      if (!idt_ko_surname_spellings(u, 3)) return 0;
    }
  }
  /* Simplified characters are Chinese writing: of a Korean name too
   * (Chinese press and registries: 崔龙海, 金与正), which it writes as one
   * run of three characters, surname first. Spaced or longer, it is a
   * Chinese name (红 利 李 would read Hong Ri Ri). */
  if (simp)
    return !other && han == 3;
  return han >= 3;
}

/* ---- Name variants ---- */

#define NAME_MAX_CP 128

typedef struct {
  UChar32 cp[NAME_MAX_CP];
  int n;         /* code points */
  int sur_end;   /* the surname is cp[0..sur_end) */
} name;

/* Two-syllable surnames taken even in a three-syllable name (남궁민): their
 * second syllable rarely starts a given name. 선우/서문/동방/사공 need four
 * syllables or a space, since 선 우진 is as likely as 선우 진. */
static int compound_surname(const UChar32 *c, int total)
{
  static const UChar32 strong[][2] = {
    {0xB0A8, 0xAD81}, {0xD669, 0xBCF4}, {0xC81C, 0xAC08}, {0xB3C5, 0xACE0}};  /* 남궁 황보 제갈 독고 */
  static const UChar32 weak[][2] = {
    {0xC120, 0xC6B0}, {0xC11C, 0xBB38}, {0xB3D9, 0xBC29}, {0xC0AC, 0xACF5}};  /* 선우 서문 동방 사공 */
  for (size_t i = 0; i < sizeof strong / sizeof strong[0]; i++)
    if (c[0] == strong[i][0] && c[1] == strong[i][1] && total >= 3) return 1;
  for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++)
    if (c[0] == weak[i][0] && c[1] == weak[i][1] && total >= 4) return 1;
  return 0;
}

static int parse_name(const char *s, size_t n, name *nm)
{
  int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
  int syls = 0;
  nm->n = 0;
  nm->sur_end = 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c == ',' ) c = ' ';
    if (c == ' ' && (nm->n == 0 || nm->cp[nm->n - 1] == ' ')) continue;
    if (nm->n == NAME_MAX_CP)
      return idt_error_set(IDT_ELIMIT, "korean: name longer than %d code points", NAME_MAX_CP);
    nm->cp[nm->n++] = c;
    syls += is_syllable(c);
  }
  while (nm->n && nm->cp[nm->n - 1] == ' ') nm->n--;
  if (!syls) return idt_error_set(IDT_EINVAL, "korean: name has no Hangul syllable");
  /* The surname: a first word of one syllable or a two-syllable compound
   * ("박 지성", "남궁 민"); otherwise split inside the first word ("김정은",
   * "김정은 위원장"). */
  int w1 = 0;
  while (w1 < nm->n && nm->cp[w1] != ' ') w1++;
  if (w1 >= 2 && compound_surname(nm->cp, w1 == 2 ? 4 : w1)) nm->sur_end = 2;
  else nm->sur_end = 1;
  return 0;
}

/* Render the whole name in one system; sur overrides the surname. */
static int render(idt_buf *b, const name *nm, idt_ko_system sys, int ch_j, const char *sur, size_t sl)
{
  int rc = 0, prev_syl = 0;
  for (int i = 0; i < nm->n && !rc; i++) {
    UChar32 c = nm->cp[i];
    if (i < nm->sur_end) {
      if (sur) { if (i == 0) rc = idt_buf_append(b, sur, sl); continue; }
      rc = is_syllable(c) ? put_name_syllable(b, c, sys, ch_j) : put_other(b, c);
      continue;
    }
    if (i == nm->sur_end && c != ' ') { rc = idt_buf_putc(b, ' '); if (rc) break; }
    if (is_syllable(c)) {
      if (prev_syl) rc = idt_buf_putc(b, '-');
      if (!rc) rc = put_name_syllable(b, c, sys, ch_j);
      prev_syl = 1;
    } else {
      rc = put_other(b, c);
      prev_syl = 0;
    }
  }
  return rc;
}

/* Append cand (NUL-terminated in tmp) to out unless out[start..] has it. */
static int add_unique(idt_buf *out, size_t start, const idt_buf *tmp, int *count)
{
  for (size_t p = start; p < out->len; p += strlen(out->p + p) + 1)
    if (strcmp(out->p + p, tmp->p) == 0) return 0;
  int rc = idt_buf_append(out, tmp->p, tmp->len + 1);
  if (!rc) (*count)++;
  return rc;
}

typedef struct { idt_ko_system sys; int ch_j; } style;

int idt_ko_name_variants(const char *s, size_t n, idt_buf *out)
{
  static const style first[] = {{IDT_KO_MR, 0}, {IDT_KO_DPRK, 0}, {IDT_KO_MR, 1}, {IDT_KO_RR, 0}};
  name nm;
  idt_buf tmp;
  int count = 0, rc;
  if (!s || !out) return idt_error_set(IDT_EINVAL, "korean: name_variants: NULL argument");
  if ((rc = parse_name(s, n, &nm)) != 0) return rc;
  size_t start = out->len;
  idt_buf_init(&tmp, 4096);
  for (size_t i = 0; i < sizeof first / sizeof first[0] && !rc; i++) {
    idt_buf_clear(&tmp);
    rc = render(&tmp, &nm, first[i].sys, first[i].ch_j, NULL, 0);
    if (!rc) rc = add_unique(out, start, &tmp, &count);
  }
  /* Conventional surname spellings with the RR, then the MR given name. */
  char hs[8];
  size_t hl = 0;
  for (int i = 0; i < nm.sur_end && hl != (size_t)-1; i++) {
    UChar32 c = nm.cp[i];   /* a syllable is 3 UTF-8 bytes; sur_end <= 2 */
    if (!is_syllable(c)) { hl = (size_t)-1; break; }
    hs[hl++] = (char)(0xE0 | (c >> 12));
    hs[hl++] = (char)(0x80 | ((c >> 6) & 0x3F));
    hs[hl++] = (char)(0x80 | (c & 0x3F));
  }
  const char *conv = hl == (size_t)-1 ? NULL : idt_ko_surname_spellings(hs, hl);
  for (int pass = 0; conv && pass < 2 && !rc; pass++) {
    for (const char *p = conv; *p && !rc;) {
      size_t l = strcspn(p, ",");
      idt_buf_clear(&tmp);
      rc = render(&tmp, &nm, pass ? IDT_KO_MR : IDT_KO_RR, 0, p, l);
      if (!rc) rc = add_unique(out, start, &tmp, &count);
      p += l + (p[l] == ',');
    }
  }
  if (!rc) {
    idt_buf_clear(&tmp);
    rc = render(&tmp, &nm, IDT_KO_YALE, 0, NULL, 0);
    if (!rc) rc = add_unique(out, start, &tmp, &count);
  }
  idt_buf_free(&tmp);
  if (rc) { out->len = start; if (out->p) out->p[start] = '\0'; return rc; }
  return count;
}
