/*
 * test_korean.c - Korean names: romanisation against koconv's own test
 * words, Hangul name variants, syllable skeletons, surname classes,
 * segmentation, name shape, and the agreement of the DPRK alias pairs of
 * the UN 1718 and OFAC SDN lists (data/korean/, see SOURCES.md).
 *
 * Expected values are pinned by hand from the sources (koconv's test file,
 * the romanisation tables, the lists), never re-derived from the code.
 */
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "interdict/common.h"
#include "common/buf.h"
#include "common/util.h"
#include "text/korean.h"

#define S(x) x, strlen(x)

/* ---- helpers ---- */

static int variants(const char *name, idt_buf *b, const char **v, int max)
{
  idt_buf_clear(b);
  int k = idt_ko_name_variants(S(name), b);
  size_t p = 0;
  for (int i = 0; i < k && i < max; i++) { v[i] = b->p + p; p += strlen(b->p + p) + 1; }
  return k;
}

static int has_variant(const char **v, int k, const char *want)
{
  for (int i = 0; i < k; i++) if (strcmp(v[i], want) == 0) return 1;
  return 0;
}

static const char *skel(const char *s, int flags)
{
  static char out[4][16];
  static int slot;
  char *o = out[slot++ & 3];
  if (idt_ko_skeleton_ex(S(s), flags, o, 16) < 0) return "(invalid)";
  return o;
}

static int same_class(const char *a, const char *b)
{
  int ca = idt_ko_surname_class(S(a)), cb = idt_ko_surname_class(S(b));
  return ca >= 0 && ca == cb;
}

/* Cut the next line off *p (NUL-terminated in place, \r dropped); NULL at
 * the end. */
static char *next_line(char **p)
{
  char *l = *p, *e;
  if (!l || !*l) return NULL;
  e = strchr(l, '\n');
  if (e) { *e = '\0'; *p = e + 1; } else *p = l + strlen(l);
  size_t n = strlen(l);
  if (n && l[n - 1] == '\r') l[n - 1] = '\0';
  return l;
}

/* Split line at tabs into at most max fields; returns the count. */
static int split_tabs(char *line, char **f, int max)
{
  int nf = 0;
  while (nf < max) {
    f[nf++] = line;
    line = strchr(line, '\t');
    if (!line) break;
    *line++ = '\0';
  }
  return nf;
}

/* ---- romanisation ---- */

TEST(has_hangul)
{
  CHECK_INT(idt_ko_has_hangul(S("김정은")), 1);
  CHECK_INT(idt_ko_has_hangul(S("KIM \xe3\x84\xb1")), 1);   /* ㄱ U+3131 */
  CHECK_INT(idt_ko_has_hangul(S("Kim Jong Un")), 0);
  CHECK_INT(idt_ko_has_hangul(S("金正恩")), 0);
  CHECK_INT(idt_ko_has_hangul(S("\xff\xfe")), 0);
  CHECK_INT(idt_ko_has_hangul(S("")), 0);
}

TEST(romanize_syllables)
{
  idt_buf b;
  idt_buf_init(&b, 1 << 16);
  CHECK_OK(idt_ko_romanize(S("리 병철"), IDT_KO_MR, &b));
  CHECK_STR(b.p, "ri pyong-chol");
  idt_buf_clear(&b);
  CHECK_OK(idt_ko_romanize(S("김정은"), IDT_KO_RR, &b));
  CHECK_STR(b.p, "gim-jeong-eun");
  idt_buf_clear(&b);
  CHECK_OK(idt_ko_romanize(S("리태철 (KP)"), IDT_KO_DPRK, &b));
  CHECK_STR(b.p, "ri-thae-chol (kp)");
  idt_buf_clear(&b);
  CHECK_OK(idt_ko_romanize(S("김정은"), IDT_KO_YALE, &b));
  CHECK_STR(b.p, "kim-ceng-un");
  idt_buf_free(&b);
}

/* Lowercase; drop hyphens, breves and macrons (vowel length comes from a
 * dictionary that koconv has and we do not). */
static void norm_expected(const char *s, char *out, size_t cap)
{
  size_t o = 0;
  for (size_t i = 0; s[i] && o + 1 < cap; i++) {
    unsigned char c = (unsigned char)s[i], d = (unsigned char)s[i + 1];
    if (c == '-') continue;
    if (c == 0xC5 && (d == 0x8F || d == 0x8E)) { out[o++] = 'o'; i++; continue; }  /* ŏ */
    if (c == 0xC5 && (d == 0xAD || d == 0xAC)) { out[o++] = 'u'; i++; continue; }  /* ŭ */
    if (c == 0xC4 && d == 0x81) { out[o++] = 'a'; i++; continue; }                 /* ā */
    if (c == 0xC4 && d == 0x93) { out[o++] = 'e'; i++; continue; }                 /* ē */
    if (c == 0xC4 && d == 0xAB) { out[o++] = 'i'; i++; continue; }                 /* ī */
    out[o++] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  }
  out[o] = '\0';
}

/* Where we deliberately differ from koconv's expected output: our pinned
 * value and the reason (docs/design/korean.md repeats them). */
static const struct { const char *hangul; int sys; const char *ours; } known_diff[] = {
  /* Standard pronunciation art. 19: ㄹ → ㄴ after ㅂ (압록 [암녹]); koconv
   * nasalises the ㅂ but keeps r. */
  {"압록강", IDT_KO_RR, "amnokgang"}, {"압록강", IDT_KO_DPRK, "amnokgang"},
  /* Yale: koconv writes no '.' here though it does in payk.kwa. */
  {"압록강", IDT_KO_YALE, "aplok.kang"},
  /* 한나산: koconv's expected "hallasan" is the mountain 한라산; ㄴㄴ stays nn
   * (안녕 annyeong in the same file). */
  {"한나산", IDT_KO_RR, "hannasan"}, {"한나산", IDT_KO_DPRK, "hannasan"},
  /* 기대산/뒤문: koconv's inputs carried a sai-siot (Yale kis.tay, twis.mun)
   * that the derived file lost; from the Hangul given there is no ㅅ. */
  {"기대산", IDT_KO_RR, "gidaesan"}, {"기대산", IDT_KO_DPRK, "kidaesan"},
  {"기대산", IDT_KO_YALE, "kitaysan"},
  {"뒤문", IDT_KO_RR, "dwimun"}, {"뒤문", IDT_KO_DPRK, "twimun"}, {"뒤문", IDT_KO_YALE, "twimun"},
  /* DPRK voicing: we voice ㄱㄷㅂ everywhere inside a word (wikhibaekgwa,
   * Amrokgang in the same file); koconv keeps 갓 voiceless after ㅅ. */
  {"삿갓봉", IDT_KO_DPRK, "satgatbong"},
};

static const char *known(const char *hangul, int sys)
{
  for (size_t i = 0; i < sizeof known_diff / sizeof known_diff[0]; i++)
    if (known_diff[i].sys == sys && strcmp(known_diff[i].hangul, hangul) == 0)
      return known_diff[i].ours;
  return NULL;
}

TEST(koconv_test_words)
{
  idt_buf file, got;
  idt_buf_init(&file, 1 << 20);
  idt_buf_init(&got, 1 << 16);
  CHECK_OK(idt_read_file(tap_data("data/korean/koconv_test_words_RR_DPRK_Yale.tsv"), &file));
  static const int sys[3] = {IDT_KO_RR, IDT_KO_DPRK, IDT_KO_YALE};
  int rows = 0, same = 0, diff = 0;
  char *cur = file.p, *line;
  next_line(&cur);                                   /* header */
  while ((line = next_line(&cur)) != NULL) {
    char *f[4];
    if (split_tabs(line, f, 4) != 4) { tap_failf(__FILE__, __LINE__, "bad row"); continue; }
    rows++;
    for (int k = 0; k < 3; k++) {
      char want[512], have[512];
      idt_buf_clear(&got);
      CHECK_OK(idt_ko_romanize_text(S(f[0]), (idt_ko_system)sys[k], &got));
      norm_expected(f[k + 1], want, sizeof want);
      norm_expected(got.p ? got.p : "", have, sizeof have);
      const char *kd = known(f[0], sys[k]);
      if (strcmp(want, have) == 0 && !kd) { same++; continue; }
      if (kd && strcmp(kd, have) == 0) { diff++; continue; }
      tap_failf(__FILE__, __LINE__, "%s system %d: got \"%s\", koconv \"%s\"", f[0], sys[k], have, want);
    }
  }
  tap_diag("koconv test words: %d rows x 3 systems: %d as koconv, %d known differences", rows, same, diff);
  CHECK_INT(rows, 45);
  CHECK_INT(diff, (int)(sizeof known_diff / sizeof known_diff[0]));
  idt_buf_free(&file);
  idt_buf_free(&got);
}

TEST(name_variants)
{
  idt_buf b;
  const char *v[64];
  idt_buf_init(&b, 1 << 16);
  /* The full, ordered set for 김정은 (header contract). */
  static const char *kju[] = {"kim jong-un", "kim chong-un", "gim jeong-eun", "kim jeong-eun",
                              "keem jeong-eun", "gim jong-un", "keem jong-un", "kim ceng-un"};
  int k = variants("김정은", &b, v, 64);
  CHECK_INT(k, 8);
  for (int i = 0; i < k && i < 8; i++) CHECK_STR(v[i], kju[i]);
  k = variants("리병철", &b, v, 64);
  CHECK(k > 0 && strcmp(v[0], "ri pyong-chol") == 0);
  CHECK(has_variant(v, k, "lee byeong-cheol"));
  CHECK(has_variant(v, k, "ri byeong-cheol"));
  CHECK(has_variant(v, k, "ri pyeng-chel") == 0);          /* Yale keeps l: "li pyeng-chel" */
  CHECK(has_variant(v, k, "li pyeng-chel"));
  CHECK(has_variant(v, k, "rhee pyong-chol"));
  k = variants("최룡해", &b, v, 64);
  CHECK(k > 0 && strcmp(v[0], "choe ryong-hae") == 0);
  CHECK(has_variant(v, k, "choi ryong-hae"));
  k = variants("김여정", &b, v, 64);
  CHECK(k > 0 && strcmp(v[0], "kim yo-jong") == 0);
  CHECK(has_variant(v, k, "kim yeo-jeong"));
  k = variants("박봉주", &b, v, 64);
  CHECK(k > 0 && strcmp(v[0], "pak pong-ju") == 0);
  CHECK(has_variant(v, k, "park bong-ju"));
  k = variants("리태철", &b, v, 64);
  CHECK(k > 1 && strcmp(v[0], "ri tae-chol") == 0 && strcmp(v[1], "ri thae-chol") == 0);
  k = variants("남궁민", &b, v, 64);
  CHECK(k > 0 && strcmp(v[0], "namkung min") == 0);
  CHECK(has_variant(v, k, "namgung min"));
  k = variants("선우진", &b, v, 64);                       /* 선 + 우진: 3 syllables */
  CHECK(k > 0 && strcmp(v[0], "son u-jin") == 0);
  k = variants("박 지성", &b, v, 64);
  CHECK(k > 0 && strcmp(v[0], "pak ji-song") == 0);
  CHECK(has_variant(v, k, "park ji-seong"));
  idt_buf_clear(&b);
  CHECK_INT(idt_ko_name_variants(S("Smith"), &b), IDT_EINVAL);
  CHECK_INT((long long)b.len, 0);
  idt_buf_free(&b);
}

TEST(hanja)
{
  idt_buf b;
  const char *v[64];
  idt_buf_init(&b, 1 << 16);
  /* Readings checked against Unihan 15.0 kHangul by hand: 金 김(N)/금(E),
   * 正 정, 恩 은, 鐵 철 (铁 has none; its traditional form 鐵 does), 三 삼,
   * 李 리, 炳 병, 哲 철, 崔 최, 龍 룡, 海 해. */
  static const char *rows[][2] = {
    {"金正恩", "김정은"}, {"金铁三", "김철삼"}, {"李炳哲", "리병철"}, {"崔龍海", "최룡해"},
    {"Jin Tiesan (金铁三)", "Jin Tiesan (김철삼)"}, {"金 正恩", "김 정은"}, {"正金", "정금"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    idt_buf_clear(&b);
    CHECK_INT(idt_ko_hanja_to_hangul(S(rows[i][0]), &b), i == 6 ? 2 : 3);
    CHECK_STR(b.p, rows[i][1]);
  }
  idt_buf_clear(&b);
  CHECK_INT(idt_ko_hanja_to_hangul(S("Kim Jong Un"), &b), 0);
  CHECK_STR(b.p, "Kim Jong Un");
  /* The UN pair KIM CHOL SAM | Jin Tiesan (金铁三): the Korean reading of
   * the Han form gives the list's Latin name. */
  idt_buf_clear(&b);
  CHECK_INT(idt_ko_hanja_to_hangul(S("金铁三"), &b), 3);
  char hangul[32];
  snprintf(hangul, sizeof hangul, "%s", b.p);
  int k = variants(hangul, &b, v, 64);
  CHECK(k > 0 && strcmp(v[0], "kim chol-sam") == 0);
  idt_buf_free(&b);
}

/* ---- Latin side ---- */

TEST(skeleton_equalities)
{
  CHECK_STR(skel("jong", 0), "cong");
  CHECK_STR(skel("CH'OL", 0), "col");
  CHECK_STR(skel("Ch\xc5\x8fng", 0), "cong");                /* Chŏng: ŏ folds to o */
  static const char *eq[][2] = {
    {"chol", "cheol"}, {"chol", "ch'ol"}, {"ch\xe2\x80\x99ol", "chol"}, {"kyong", "gyeong"},
    {"kyong", "ky'ong"}, {"kwang", "gwang"}, {"jong", "jeong"}, {"jong", "chong"},
    {"pak", "bak"}, {"un", "eun"}, {"pyong", "byeong"}, {"thae", "tae"}, {"phyong", "pyong"},
    {"ryong", "yong"}, {"ri", "i"}, {"hui", "hee"}, {"yong", "young"}, {"sin", "shin"},
    {"choe", "choi"}, {"choe", "chwe"}, {"hyok", "hyeok"}, {"ho", "heo"}, {"sok", "seok"},
    {"jin", "chin"}, {"ju", "joo"}, {"il", "ril"}, {"ro", "no"}, {"won", "weon"},
  };
  for (size_t i = 0; i < sizeof eq / sizeof eq[0]; i++)
    if (strcmp(skel(eq[i][0], 0), skel(eq[i][1], 0)) != 0)
      tap_failf(__FILE__, __LINE__, "%s (%s) != %s (%s)", eq[i][0], skel(eq[i][0], 0), eq[i][1], skel(eq[i][1], 0));
  static const char *ne[][2] = {
    {"jong", "sik"}, {"un", "il"}, {"chol", "chon"}, {"kim", "kin"}, {"un", "nun"},
    {"chol", "chul"}, {"song", "sung"}, {"nam", "am"}, {"ho", "hong"}, {"pak", "paek"},
    {"yong", "yang"}, {"min", "myong"}, {"su", "so"}, {"kwang", "kang"},
  };
  for (size_t i = 0; i < sizeof ne / sizeof ne[0]; i++)
    if (strcmp(skel(ne[i][0], 0), skel(ne[i][1], 0)) == 0)
      tap_failf(__FILE__, __LINE__, "%s == %s (%s)", ne[i][0], ne[i][1], skel(ne[i][0], 0));
  /* Not Korean syllables. */
  CHECK_STR(skel("smith", 0), "(invalid)");
  CHECK_STR(skel("str", 0), "(invalid)");
  CHECK_STR(skel("", 0), "(invalid)");
  char small[3];
  CHECK_INT(idt_ko_skeleton(S("jong"), small, sizeof small), -1);
}

TEST(skeleton_strict_and_loose)
{
  /* 김종은 (jong-eun) vs 김정은 (jeong-eun): one default key, two strict. */
  CHECK_STR(skel("jong", 0), skel("jeong", 0));
  CHECK(strcmp(skel("jong", IDT_KO_SK_STRICT), skel("jeong", IDT_KO_SK_STRICT)) != 0);
  CHECK_STR(skel("jeong", IDT_KO_SK_STRICT), "ceong");
  CHECK(strcmp(skel("eun", IDT_KO_SK_STRICT), skel("un", IDT_KO_SK_STRICT)) != 0);
  CHECK(strcmp(skel("gyeong", IDT_KO_SK_STRICT), skel("gyong", IDT_KO_SK_STRICT)) != 0);
  CHECK_STR(skel("gyeong", IDT_KO_SK_STRICT), skel("kyeong", IDT_KO_SK_STRICT));
  /* Loose: the South Korean u for ㅓ. */
  CHECK_STR(skel("chul", IDT_KO_SK_LOOSE), skel("chol", IDT_KO_SK_LOOSE));
  CHECK_STR(skel("kyung", IDT_KO_SK_LOOSE), skel("kyong", IDT_KO_SK_LOOSE));
  CHECK(strcmp(skel("chul", IDT_KO_SK_LOOSE), skel("chil", IDT_KO_SK_LOOSE)) != 0);
  CHECK_INT(idt_ko_syllable_relation(S("chol"), S("Chol")), IDT_KO_REL_SAME);
  CHECK_INT(idt_ko_syllable_relation(S("ch'o'l"), S("chol")), IDT_KO_REL_SAME);
  CHECK_INT(idt_ko_syllable_relation(S("cheol"), S("chol")), IDT_KO_REL_VARIANT);
  CHECK_INT(idt_ko_syllable_relation(S("chul"), S("chol")), IDT_KO_REL_LOOSE);
  CHECK_INT(idt_ko_syllable_relation(S("sik"), S("jong")), IDT_KO_REL_DIFFERENT);
  CHECK_INT(idt_ko_syllable_relation(S("uun"), S("un")), IDT_KO_REL_VARIANT);  /* Kim Jong-uun */
  CHECK_INT(idt_ko_syllable_relation(S("un"), S("il")), IDT_KO_REL_DIFFERENT);
  CHECK_INT(idt_ko_syllable_relation(S("sik"), S("smith")), -1);
}

/* Every Hangul syllable: its RR, MR and DPRK name spellings parse, and MR
 * and DPRK share the RR skeleton; the strict key of RR and of MR agrees
 * when MR's o/u are not the ambiguous ones. ㅎ-coda syllables (낳, 좋 ...)
 * are excepted: the conventional silent h (Oh, Noh) takes the coda h. */
TEST(skeleton_covers_all_syllables)
{
  idt_buf b;
  idt_buf_init(&b, 1 << 12);
  int bad = 0, checked = 0;
  for (int c = 0xAC00; c <= 0xD7A3; c++) {
    char u[4] = {(char)(0xE0 | (c >> 12)), (char)(0x80 | ((c >> 6) & 0x3F)), (char)(0x80 | (c & 0x3F)), 0};
    char keys[3][16];
    int ok = 1;
    if ((c - 0xAC00) % 28 == 27) continue;
    static const int sys[3] = {IDT_KO_RR, IDT_KO_MR, IDT_KO_DPRK};
    for (int k = 0; k < 3; k++) {
      idt_buf_clear(&b);
      if (idt_ko_romanize(u, 3, (idt_ko_system)sys[k], &b) != 0 ||
          idt_ko_skeleton(b.p, b.len, keys[k], 16) < 0)
        ok = 0;
    }
    if (ok && (strcmp(keys[0], keys[1]) != 0 || strcmp(keys[0], keys[2]) != 0)) ok = 0;
    checked++;
    if (!ok && bad++ < 5) tap_failf(__FILE__, __LINE__, "U+%04X %s: keys differ or invalid", c, u);
  }
  tap_diag("%d syllables checked, %d with disagreeing skeletons", checked, bad);
  CHECK_INT(checked, 11172 - 399);
  CHECK_INT(bad, 0);
  idt_buf_free(&b);
}

TEST(surname_classes)
{
  static const char *cls[][6] = {
    {"ri", "rhee", "lee", "yi", "i", "li"}, {"pak", "park", "bak", "bark", "pak", "park"},
    {"choe", "choi", "chwe", "tsoi", "ch'oe", "CH\xe2\x80\x99OE"},
    {"jong", "chong", "jeong", "chung", "jung", "cho'ng"}, {"rim", "im", "lim", "yim", "rim", "im"},
    {"ryu", "yu", "yoo", "lyu", "ryu", "yu"}, {"ro", "no", "roh", "noh", "ro", "no"},
    {"ryang", "yang", "ryang", "yang", "ryang", "yang"}, {"kim", "gim", "kim", "gim", "kim", "gim"},
    {"jo", "cho", "jo", "cho", "jo", "cho"}, {"kang", "gang", "kang", "gang", "kang", "gang"},
    {"namgung", "namkung", "namgoong", "namgung", "namgung", "namgung"},
  };
  for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++)
    for (int j = 1; j < 6; j++)
      if (!same_class(cls[i][0], cls[i][j]))
        tap_failf(__FILE__, __LINE__, "%s and %s not one surname class", cls[i][0], cls[i][j]);
  CHECK(!same_class("kim", "pak"));
  CHECK(!same_class("ri", "rim"));
  CHECK(!same_class("pak", "paek"));   /* 박 and 백: two surnames (see design note) */
  CHECK(!same_class("jong", "jon"));
  CHECK_INT(idt_ko_surname_class(S("smith")), -1);
  CHECK_INT(idt_ko_surname_class(S("")), -1);
  CHECK_STR(idt_ko_surname_spellings(S("박")), "park,pak,bak,bark");
  CHECK(idt_ko_surname_spellings(S("밖")) == NULL);
}

static void check_seg(const char *tok, const char *want)
{
  idt_str o[8];
  char got[128] = "";
  size_t g = 0;
  int k = idt_ko_segment(S(tok), o, 8);
  for (int i = 0; i < k; i++)
    g += (size_t)snprintf(got + g, sizeof got - g, "%s%.*s", i ? "|" : "", (int)o[i].len, o[i].p);
  if (strcmp(got, want) != 0) tap_failf(__FILE__, __LINE__, "segment(%s) = \"%s\", expected \"%s\"", tok, got, want);
}

TEST(segmentation)
{
  check_seg("jongun", "jong|un");
  check_seg("cholsu", "chol|su");
  check_seg("kyongsu", "kyong|su");
  check_seg("hyonchol", "hyon|chol");
  check_seg("yongwon", "yong|won");
  check_seg("sunam", "su|nam");
  check_seg("sangman", "sang|man");
  check_seg("unjong", "un|jong");
  check_seg("hongri", "hong|ri");
  check_seg("Myo'ng-ch'o'l", "Myo'ng|ch'o'l");
  check_seg("jong", "jong");
  check_seg("smith", "");
  check_seg("mohammed", "");
  check_seg("david", "");
  check_seg("", "");
  idt_str o[1];
  CHECK_INT(idt_ko_segment(S("jongun"), o, 1), 0);   /* more than max */
}

/* Word w's place key in k (24 bytes), "" for none. */
static const char *pkey(const char *w, char *k)
{
  return idt_ko_place_key(S(w), k, 24) ? k : "";
}

/* Do a and b have the same, non-empty place key? */
static int same_pkey(const char *a, const char *b)
{
  char ka[24], kb[24];
  return *pkey(a, ka) && !strcmp(pkey(a, ka), pkey(b, kb));
}

TEST(place_key)
{
  char k[24];
  /* the DPRK's spelling and the South's meet: initial r, eo, g for k */
  CHECK_STR(pkey("ryonbong", k), "#yonpong");
  CHECK_STR(pkey("Yeonbong", k), "#yonpong");
  CHECK_STR(pkey("rakwon", k), "#nakwon");
  CHECK_STR(pkey("nagwon", k), "#nakwon");   /* rak|won and na|gwon */
  CHECK(same_pkey("ryugyong", "yugyeong"));
  CHECK(same_pkey("koryo", "goryeo"));
  CHECK(same_pkey("ryongaksan", "yongaksan"));
  CHECK(same_pkey("kumunsan", "gumunsan"));
  CHECK(same_pkey("rungrado", "neungnado"));
  /* two syllables need a Korean trait; one syllable never has a key */
  CHECK_STR(pkey("tina", k), "");
  CHECK_STR(pkey("dina", k), "");
  CHECK_STR(pkey("yongak", k), "");
  CHECK_STR(pkey("yonggang", k), "#yongkang");   /* ng before a consonant */
  CHECK_STR(pkey("kwang", k), "");
  CHECK_STR(pkey("smith", k), "");               /* not Korean syllables */
  CHECK_STR(pkey("ab", k), "");
  /* different names keep different keys */
  CHECK(!same_pkey("marina", "narina"));
  CHECK(!same_pkey("ryonbong", "ryongbong"));
  {
    char small[4];
    CHECK_INT(idt_ko_place_key(S("ryonbong"), small, sizeof small), 0);   /* no room */
  }
}

static int shape(const char *a, const char *b, const char *c)
{
  idt_str t[3] = {{a, a ? strlen(a) : 0}, {b, b ? strlen(b) : 0}, {c, c ? strlen(c) : 0}};
  return idt_ko_name_shape(t, c ? 3 : b ? 2 : 1);
}

TEST(name_shape)
{
  CHECK_INT(shape("kim", "jong", "un"), 1);
  CHECK_INT(shape("kim", "jongun", NULL), 1);
  CHECK_INT(shape("ri", "pyong", "chol"), 1);
  CHECK_INT(shape("pyong", "chol", "ri"), 2);
  CHECK_INT(shape("kwang", "su", "han"), 2);
  CHECK_INT(shape("john", "smith", NULL), 0);
  CHECK_INT(shape("mohammed", "ali", NULL), 0);
  CHECK_INT(shape("kim", NULL, NULL), 0);
  CHECK_INT(shape("kim", "jongunsikil", NULL), 0);   /* 4 syllables */
}

/* ---- The DPRK alias pairs ---- */

#define MAXT 8
typedef struct { char buf[160]; idt_str t[MAXT]; int n; } toks;

static void tokenize(const char *s, toks *t)
{
  size_t o = 0;
  t->n = 0;
  for (size_t i = 0; s[i] && o + 1 < sizeof t->buf; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\'' || c == '`') continue;
    if (c == 0xE2 && (unsigned char)s[i + 1] == 0x80) { i += 2; continue; }  /* ’ ‘ */
    if (c == ' ' || c == ',' || c == '-' || c == '\t') c = ' ';
    t->buf[o++] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  }
  t->buf[o] = '\0';
  for (char *p = t->buf; *p;) {
    while (*p == ' ') p++;
    if (!*p) break;
    char *e = p;
    while (*e && *e != ' ') e++;
    if (t->n < MAXT) { t->t[t->n].p = p; t->t[t->n].len = (size_t)(e - p); }
    t->n++;
    p = e;
  }
}

/* Syllables of the given name under form (1 surname first, 2 last). */
static int given(const toks *t, int form, idt_str *syl, int max)
{
  int k = 0;
  int si = form == 1 ? 0 : t->n - 1;
  if (t->n > MAXT || idt_ko_surname_class(t->t[si].p, t->t[si].len) < 0) return -1;
  for (int i = 0; i < t->n; i++) {
    if (i == si) continue;
    int m = idt_ko_segment(t->t[i].p, t->t[i].len, syl + k, max - k);
    if (m <= 0) return -1;
    k += m;
  }
  return k >= 1 && k <= 3 ? k : -1;
}

/* Best relation over the forms both names allow: 2 = every syllable a
 * variant (same skeleton), 1 = some only loosely, 0 = no alignment. */
static int align(const toks *a, const toks *b)
{
  int best = 0;
  for (int fa = 1; fa <= 2; fa++)
    for (int fb = 1; fb <= 2; fb++) {
      idt_str sa[4], sb[4];
      int ka = given(a, fa, sa, 4), kb = given(b, fb, sb, 4);
      if (ka < 0 || kb < 0 || ka != kb) continue;
      const idt_str *ua = &a->t[fa == 1 ? 0 : a->n - 1], *ub = &b->t[fb == 1 ? 0 : b->n - 1];
      if (idt_ko_surname_class(ua->p, ua->len) != idt_ko_surname_class(ub->p, ub->len)) continue;
      int rel = 2;
      for (int i = 0; i < ka; i++) {
        int r = idt_ko_syllable_relation(sa[i].p, sa[i].len, sb[i].p, sb[i].len);
        if (r <= IDT_KO_REL_DIFFERENT) { rel = 0; break; }
        if (r == IDT_KO_REL_LOOSE) rel = 1;
      }
      if (rel > best) best = rel;
    }
  return best;
}

/* Alias pairs that are another name of the same person, not a spelling of
 * the same name (a different given name, a Chinese reading, a cover name):
 * labelled by hand from the lists, in the tokenised form below. No skeleton
 * should align them, and they are left out of the spelling-variant rate. */
static const char *other_name[] = {
  "ra kyong su|chang myong ho", "jang bom su|jang hyon u", "jon myong guk|jon yong sang",
  "kang mun kil|jiang wen ji", "kim tong myong|kim chin sok", "kim tong myong|kim jin sok",
  "kim tong myong|kim hyok chol", "ko tae hun|kim myong gi", "kim song chol|kim hak song",
  "son jong hyok|son min", "cho il u|cho chol", "cho il u|jo chol",
  "min byong chol|min byong chun", "pak han se|kang myong chol", "ri song hyok|li cheng he",
  "hwang su man|hwang kyong nam", "o chong ok|o chong kuk", "kim su kwang|kim son gwang",
  "kim su kwang|kim son kwang", "li hong ri|ri hong il", "ku sung sop|ku young hyok",
  "park jin hyok|kim hyon u", "park jin hyok|kim hyon woo", "park jin hyok|kim hyon wu",
};

static void canon(const toks *t, char *out, size_t cap)
{
  size_t o = 0;
  out[0] = '\0';
  for (int i = 0; i < t->n && i < MAXT; i++)
    o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s%.*s", i ? " " : "",
                          (int)t->t[i].len, t->t[i].p);
}

typedef struct { int pairs, strict, loose, other, vpairs, vstrict, vloose; } alias_stats;

static void alias_file(const char *rel, int col_a, int col_b, alias_stats *st)
{
  idt_buf f;
  idt_buf_init(&f, 1 << 22);
  if (idt_read_file(tap_data(rel), &f) != 0) {
    tap_failf(__FILE__, __LINE__, "%s: %s", rel, idt_error_msg());
    idt_buf_free(&f);
    return;
  }
  char *cur = f.p, *line;
  next_line(&cur);                                   /* header */
  while ((line = next_line(&cur)) != NULL) {
    char *cols[8] = {0};
    int nc = split_tabs(line, cols, 8);
    if (nc <= col_b) continue;
    toks a, b;
    tokenize(cols[col_a], &a);
    tokenize(cols[col_b], &b);
    if (a.n > MAXT || b.n > MAXT || !idt_ko_name_shape(a.t, a.n) || !idt_ko_name_shape(b.t, b.n))
      continue;
    char ca[200], cb[200], key[420];
    canon(&a, ca, sizeof ca);
    canon(&b, cb, sizeof cb);
    snprintf(key, sizeof key, "%s|%s", ca, cb);
    int other = 0;
    for (size_t i = 0; i < sizeof other_name / sizeof other_name[0]; i++)
      if (strcmp(other_name[i], key) == 0) other = 1;
    int r = align(&a, &b);
    st->pairs++;
    st->strict += r == 2;
    st->loose += r >= 1;
    if (other) {
      st->other++;
      if (r) tap_failf(__FILE__, __LINE__, "different names aligned: %s", key);
      continue;
    }
    st->vpairs++;
    st->vstrict += r == 2;
    st->vloose += r >= 1;
    if (r < 2) tap_diag("  %s: %s | %s%s", rel + 12, cols[col_a], cols[col_b], r == 1 ? " (loose)" : "");
  }
  idt_buf_free(&f);
}

TEST(dprk_alias_pairs)
{
  alias_stats st = {0};
  alias_file("data/korean/dprk_alias_pairs_un_1718.tsv", 2, 3, &st);
  alias_file("data/korean/dprk_alias_pairs_ofac_sdn.tsv", 3, 5, &st);
  tap_diag("alias pairs with Korean name shape on both sides: %d; aligned by surname class + "
           "skeletons: %d (%.3f), with the loose tier: %d (%.3f)", st.pairs, st.strict,
           st.pairs ? (double)st.strict / st.pairs : 0.0, st.loose,
           st.pairs ? (double)st.loose / st.pairs : 0.0);
  tap_diag("without the %d hand-labelled other-name aliases: %d spelling-variant pairs, aligned %d "
           "(%.3f), with the loose tier %d (%.3f)", st.other, st.vpairs, st.vstrict,
           st.vpairs ? (double)st.vstrict / st.vpairs : 0.0, st.vloose,
           st.vpairs ? (double)st.vloose / st.vpairs : 0.0);
  /* Measured 2026-11-26: 214 pairs, 164 / 174 aligned; 31 other-name,
   * 183 variant pairs, 164 / 174 aligned (0.896 / 0.951). */
  CHECK_INT(st.pairs, 214);
  CHECK_INT(st.other, 31);
  CHECK(st.vstrict >= 164);
  CHECK(st.vloose >= 174);
}

/* The Hangul rows of watchman's cross-script pairs (moov-io/watchman @
 * 7661490, internal/embeddings/testdata/, via ../shared): a variant of the
 * Hangul name aligns with the list's Latin name; 2 = by skeletons, 1 =
 * only with the loose tier (Sung for 성). */
TEST(watchman_hangul_pairs)
{
  static const struct { const char *hangul, *latin; int want; } rows[] = {
    {"김정은", "Kim Jong Un", 2}, {"박지성", "Park Ji Sung", 1}, {"이민호", "Lee Min Ho", 2},
  };
  idt_buf b;
  const char *v[64];
  idt_buf_init(&b, 1 << 16);
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    toks lat, var;
    int best = 0, k = variants(rows[i].hangul, &b, v, 64);
    tokenize(rows[i].latin, &lat);
    for (int j = 0; j < k && j < 64; j++) {
      tokenize(v[j], &var);
      int r = align(&var, &lat);
      if (r > best) best = r;
    }
    if (best != rows[i].want)
      tap_failf(__FILE__, __LINE__, "%s ~ %s: %d, expected %d", rows[i].hangul, rows[i].latin, best, rows[i].want);
  }
  idt_buf_free(&b);
}

/* CSV field k of a line (double quotes honoured, no escaped quotes needed
 * for these files) into out. */
static void csv_field(const char *line, int k, char *out, size_t cap)
{
  int f = 0, q = 0;
  size_t o = 0;
  for (const char *p = line; *p && *p != '\n' && *p != '\r'; p++) {
    if (*p == '"') { q = !q; continue; }
    if (*p == ',' && !q) { if (f++ == k) break; continue; }
    if (f == k && o + 1 < cap) out[o++] = *p;
  }
  out[o] = '\0';
}

static int ascii_only(const char *s)
{
  for (; *s; s++) if ((unsigned char)*s >= 0x80) return 0;
  return 1;
}

/* Name shape beyond the alias pairs (../shared, skipped when absent): the
 * DPRK persons of yente's UN positives should look Korean; the 50,000
 * synthetic global negatives should mostly not. */
TEST(eval_name_shape)
{
  const char *pos = tap_shared("eval/screening/yente_cgb_positives_un_untreated.csv");
  const char *neg = tap_shared("eval/screening/yente_cgb_negatives_global.csv");
  if (!pos || !neg) { tap_skip("eval_name_shape", "../shared/data/eval/screening absent"); return; }
  idt_buf f;
  int kp = 0, kp_shape = 0, total = 0, flagged = 0;
  idt_buf_init(&f, 1 << 26);
  CHECK_OK(idt_read_file(pos, &f));
  for (char *line = f.p; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    char name[256], nat[16];
    csv_field(line, 0, name, sizeof name);
    csv_field(line, 7, nat, sizeof nat);
    if (strcmp(nat, "kp") != 0) continue;
    toks t;
    tokenize(name, &t);
    kp++;
    if (t.n <= MAXT && idt_ko_name_shape(t.t, t.n)) kp_shape++;
    else tap_diag("  kp not name-shaped: %s", name);
  }
  idt_buf_clear(&f);
  CHECK_OK(idt_read_file(neg, &f));
  for (char *line = f.p; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    char name[256];
    csv_field(line, 0, name, sizeof name);
    if (!ascii_only(name) || line == f.p) continue;
    toks t;
    tokenize(name, &t);
    total++;
    if (t.n <= MAXT && idt_ko_name_shape(t.t, t.n)) {
      if (flagged++ < 15) tap_diag("  negative name-shaped: %s", name);
    }
  }
  idt_buf_free(&f);
  tap_diag("UN positives with nationality kp: %d, name-shaped %d (%.3f)", kp, kp_shape,
           kp ? (double)kp_shape / kp : 0.0);
  tap_diag("global negatives in Latin script: %d, name-shaped %d (%.4f)", total, flagged,
           total ? (double)flagged / total : 0.0);
  /* Measured 2026-11-26: 79 of 79; 35 of 21,447 (Lee, Kim, Ho, Wu, Choi
   * with a given name that happens to split into Korean syllables). */
  CHECK_INT(kp, 79);
  CHECK(kp_shape >= 79);
  CHECK(flagged <= 35);
}

/* Allocation failures inside name_variants: an error, never a crash, and
 * out is left as it was. */
TEST(name_variants_oom)
{
  idt_buf b;
  int failed = 0, ok = 0;
  for (long n = 0; n < 40; n++) {
    idt_buf_init(&b, 1 << 16);
    idt_buf_puts(&b, "x");
    size_t before = b.len;
    idt_alloc_fail_after(n, 1);
    int rc = idt_ko_name_variants(S("리병철"), &b);
    idt_alloc_fail_after(-1, 0);
    if (rc == IDT_ENOMEM) { failed++; CHECK_INT((long long)b.len, (long long)before); }
    else if (rc == 11) ok++;
    else tap_failf(__FILE__, __LINE__, "fail_after %ld: rc %d", n, rc);
    idt_buf_free(&b);
  }
  CHECK(failed > 0 && ok > 0);
}

/* Random bytes, Hangul and Latin pieces through every entry point (run
 * under ASan/UBSan in the sanitizer build). */
TEST(random_input)
{
  static const char *pieces[] = {"\xea\xb9\x80", "\xec\xa0\x95", "\xeb\xa6\xac", "\xe3\x84\xb1",
                                 "ch'", "o'", "\xc5\x8f", "ng", "yeo", "-", " ", ",", "\xff", "\xe2\x80\x99",
                                 "kk", "r", "a", "u", "\xed\x9e\xa3", "\xc5", "\xe9\x87\x91", "\xe9\x93\x81"};
  unsigned long x = 42;
  idt_buf b;
  idt_buf_init(&b, 1 << 20);
  for (int it = 0; it < 5000; it++) {
    char s[200];
    size_t n = 0;
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    int parts = (int)((x >> 40) % 12);
    for (int k = 0; k < parts; k++) {
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      const char *p = pieces[(x >> 33) % (sizeof pieces / sizeof pieces[0])];
      size_t l = strlen(p);
      if (n + l < sizeof s) { memcpy(s + n, p, l); n += l; }
    }
    idt_buf_clear(&b);
    (void)idt_ko_has_hangul(s, n);
    (void)idt_ko_name_variants(s, n, &b);
    (void)idt_ko_hanja_to_hangul(s, n, &b);
    for (int sys = 0; sys < 4; sys++) {
      CHECK_OK(idt_ko_romanize(s, n, (idt_ko_system)sys, &b));
      CHECK_OK(idt_ko_romanize_text(s, n, (idt_ko_system)sys, &b));
    }
    char key[16];
    idt_str seg[8];
    (void)idt_ko_skeleton(s, n, key, sizeof key);
    (void)idt_ko_surname_class(s, n);
    (void)idt_ko_segment(s, n, seg, 8);
    idt_str t[2] = {{s, n / 2}, {s + n / 2, n - n / 2}};
    (void)idt_ko_name_shape(t, 2);
  }
  idt_buf_free(&b);
}

/* Korean names written in Cyrillic (Kontsevich and press usage): the best
 * readings, in order; the ambiguity of final н (ㄴ or ㅇ) and of е gives
 * several, and only Sino-Korean syllables are kept. Words stay words. */
static int cyr_has(const char *cy, const char *want)
{
  idt_buf b;
  int k, rc, found = 0;
  const char *p;
  idt_buf_init(&b, 1 << 16);
  rc = idt_ko_cyrillic_to_hangul(cy, strlen(cy), 3, &b);
  p = b.p;
  for (k = 0; k < rc; k++) {
    if (!strcmp(p, want))
      found = 1;
    p += strlen(p) + 1;
  }
  idt_buf_free(&b);
  return found;
}

TEST(cyrillic)
{
  idt_buf b;
  CHECK(cyr_has("Ким Чен Ын", "김 정 은"));
  CHECK(cyr_has("Ким Ир Сен", "김 일 성"));
  CHECK(cyr_has("Пак Кын Хе", "박 근 혜"));
  /* 령 and 룡 are both ryong in McCune-Reischauer: either will do */
  CHECK(cyr_has("Чхве Рён Хэ", "최 룡 해") || cyr_has("Чхве Рён Хэ", "최 령 해"));
  CHECK(cyr_has("Мун Чжэ Ин", "문 재 인"));
  CHECK(cyr_has("Ли Мён Бак", "리 명 박"));
  idt_buf_init(&b, 4096);
  /* Russian names are no Korean names: a consonant cluster or a final в */
  CHECK_INT(idt_ko_cyrillic_to_hangul("Иван Петров", strlen("Иван Петров"), 3, &b), 0);
  CHECK_INT(idt_ko_cyrillic_to_hangul("Владимир Путин", strlen("Владимир Путин"), 3, &b), 0);
  /* one word is not a name; no surname first or last is not one either */
  CHECK_INT(idt_ko_cyrillic_to_hangul("Ким", 6, 3, &b), 0);
  CHECK_INT(idt_ko_cyrillic_to_hangul("Ана Ира", strlen("Ана Ира"), 3, &b), 0);
  CHECK_INT(b.len, 0);
  CHECK_INT(idt_ko_cyrillic_to_hangul(NULL, 0, 3, &b), IDT_EINVAL);
  idt_buf_free(&b);
}

TEST(hanja_plausible)
{
  CHECK_INT(idt_ko_hanja_plausible("金正恩", strlen("金正恩")), 1);
  /* simplified characters: Chinese writing (铁 for 鐵), of a Korean name
   * too when it is one run of three characters */
  CHECK_INT(idt_ko_hanja_plausible("金铁三", strlen("金铁三")), 1);
  CHECK_INT(idt_ko_hanja_plausible("崔龙海", strlen("崔龙海")), 1);
  CHECK_INT(idt_ko_hanja_plausible("红 利 李", strlen("红 利 李")), 0);
  CHECK_INT(idt_ko_hanja_plausible("金铁三山", strlen("金铁三山")), 0);
  CHECK_INT(idt_ko_hanja_plausible("金 铁三", strlen("金 铁三")), 0);
  /* two characters: mostly Chinese names */
  CHECK_INT(idt_ko_hanja_plausible("李明", strlen("李明")), 0);
  /* not surname first (Western order of a Chinese name) */
  CHECK_INT(idt_ko_hanja_plausible("淑華 黃", strlen("淑華 黃")), 0);
}

int main(void)
{
  RUN(has_hangul);
  RUN(romanize_syllables);
  RUN(koconv_test_words);
  RUN(name_variants);
  RUN(hanja);
  RUN(skeleton_equalities);
  RUN(skeleton_strict_and_loose);
  RUN(skeleton_covers_all_syllables);
  RUN(surname_classes);
  RUN(segmentation);
  RUN(name_shape);
  RUN(place_key);
  RUN(dprk_alias_pairs);
  RUN(watchman_hangul_pairs);
  RUN(eval_name_shape);
  RUN(name_variants_oom);
  RUN(random_input);
  RUN(cyrillic);
  RUN(hanja_plausible);
  return tap_done();
}
