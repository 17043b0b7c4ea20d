/*
 * wade_giles.c - Chinese names in Wade-Giles, read again in pinyin:
 * Hsi Chin-p'ing -> xi jin-ping, Mao Tse-tung -> mao ze-dong, CHOU Hsien
 * Cheng -> zhou xian zheng.
 *
 * Taiwanese documents, older Western sources and many OFAC entries write
 * Mandarin in Wade-Giles, while lists and queries from the mainland use
 * pinyin; the two spell the same syllable differently (hs/x, ch/zh/j,
 * ts/z, p/b, -ien/-ian, -ung/-ong), far beyond what edit distance forgives.
 * A syllable is parsed as initial + final against the Wade-Giles tables
 * below (the apostrophe of aspiration kept where the source has it:
 * ch'ing -> qing, ching -> jing) and each part converted. The pinyin is
 * added as one more form of the name, never in its place, and only when
 *   - every word of the name is one Wade-Giles syllable (Wade-Giles writes
 *     the syllables of a given name apart or hyphenated: Chin-p'ing is
 *     chin + p'ing, and the hyphen is kept so the scorer also tries
 *     jinping), so Western, Korean and Cantonese names (Tom, Kim, Yat-sen,
 *     Kai-shek) are left alone: Wade-Giles has no b, d, g, q, x, z or r and
 *     a short list of finals;
 *   - the pinyin differs from the name as written, and one syllable at
 *     least cannot be pinyin (hsi, chin, tse, tung, an apostrophe): a name
 *     that reads as pinyin is taken to be pinyin (Pao Yu Yi, Li Cheng Yu:
 *     converting those gave Chinese names with one syllable in common
 *     seven more alerts among yente's 50,000 negatives).
 * Ambiguities, resolved to the commoner reading: without apostrophes the
 * unaspirated reading is taken (chin is jin; ch'in, written so, qin);
 * without the umlaut, ch + u-final is zh (chu = zhu, not chü = ju) except
 * where only ü exists (chueh = jue); yu stays yu (the surname Yü), not the
 * you it is in strict Wade-Giles; o is e after k, k', h (ko = ge), uo after
 * dentals and retroflexes (to = duo, lo = luo) and o after labials.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/text_int.h"
#include "common/buf.h"

#define WG_WORD_MAX 12
#define WG_MAX_WORDS 16

/* Initials, longest first. cls: 0 plain, 1 may palatalise (ch, ch': j, q
 * before i and ü), 2 dental sibilant (ts, tz, ss: no i-finals), 3 velar or
 * h (no i-finals), 4 hs (only i- and u-finals), 5 retroflex (sh, j: no
 * i-finals but ih), 6 labial (o stays o). */
typedef struct { const char *wg, *py, *py_pal; int cls; } wg_initial;

static const wg_initial initials[] = {
  { "ch'", "ch", "q", 1 }, { "ts'", "c", NULL, 2 }, { "tz'", "c", NULL, 2 },
  { "ch", "zh", "j", 1 }, { "hs", "x", NULL, 4 }, { "sh", "sh", NULL, 5 },
  { "ts", "z", NULL, 2 }, { "tz", "z", NULL, 2 }, { "ss", "s", NULL, 2 },
  { "sz", "s", NULL, 2 }, { "p'", "p", NULL, 6 }, { "t'", "t", NULL, 0 },
  { "k'", "k", NULL, 3 }, { "p", "b", NULL, 6 }, { "t", "d", NULL, 0 },
  { "k", "g", NULL, 3 }, { "m", "m", NULL, 6 }, { "f", "f", NULL, 6 },
  { "n", "n", NULL, 0 }, { "l", "l", NULL, 0 }, { "h", "h", NULL, 3 },
  { "j", "r", NULL, 5 }, { "s", "s", NULL, 2 },
};

/* Finals after a consonant. ifin: begins with the i glide (or is ü-only),
 * so it palatalises ch and is refused after dentals, velars, retroflexes. */
typedef struct { const char *wg, *py; int ifin; } wg_final;

static const wg_final finals[] = {
  { "a", "a", 0 }, { "ai", "ai", 0 }, { "an", "an", 0 }, { "ang", "ang", 0 },
  { "ao", "ao", 0 }, { "e", "e", 0 }, { "ei", "ei", 0 }, { "en", "en", 0 },
  { "eng", "eng", 0 }, { "ou", "ou", 0 }, { "ung", "ong", 0 },
  { "ua", "ua", 0 }, { "uai", "uai", 0 }, { "uan", "uan", 0 },
  { "uang", "uang", 0 }, { "ui", "ui", 0 }, { "uei", "ui", 0 },
  { "un", "un", 0 }, { "uo", "uo", 0 }, { "u", "u", 0 }, { "o", "o", 0 },
  { "ih", "i", 0 },
  { "i", "i", 1 }, { "ia", "ia", 1 }, { "iang", "iang", 1 }, { "iao", "iao", 1 },
  { "ieh", "ie", 1 }, { "ien", "ian", 1 }, { "in", "in", 1 }, { "ing", "ing", 1 },
  { "iu", "iu", 1 }, { "iung", "iong", 1 }, { "ueh", "ue", 1 },
};

/* Syllables with no consonant initial (y and w are spelling, not sounds). */
typedef struct { const char *wg, *py; } wg_pair;

static const wg_pair bare[] = {
  { "a", "a" }, { "ai", "ai" }, { "an", "an" }, { "ang", "ang" }, { "ao", "ao" },
  { "e", "e" }, { "en", "en" }, { "eng", "eng" }, { "erh", "er" }, { "o", "o" },
  { "ou", "ou" },
  { "ya", "ya" }, { "yai", "yai" }, { "yang", "yang" }, { "yao", "yao" },
  { "yeh", "ye" }, { "yen", "yan" }, { "yi", "yi" }, { "yin", "yin" },
  { "ying", "ying" }, { "yo", "yo" }, { "yu", "yu" }, { "yung", "yong" },
  { "yuan", "yuan" }, { "yueh", "yue" }, { "yun", "yun" },
  { "wa", "wa" }, { "wai", "wai" }, { "wan", "wan" }, { "wang", "wang" },
  { "wei", "wei" }, { "wen", "wen" }, { "weng", "weng" }, { "wo", "wo" },
  { "wu", "wu" },
};

static int starts(const char *s, size_t n, const char *p)
{
  size_t l = strlen(p);
  return l <= n && !memcmp(s, p, l);
}

static int equals(const char *s, size_t n, const char *p)
{
  return strlen(p) == n && !memcmp(s, p, n);
}

/* The final after an initial of class cls, into b; 0 if not allowed. */
static int put_final(const wg_initial *in, const char *f, size_t n, idt_buf *b)
{
  size_t k;
  for (k = 0; k < sizeof finals / sizeof *finals; k++) {
    const wg_final *fi = &finals[k];
    const char *py = fi->py;
    if (!equals(f, n, fi->wg))
      continue;
    if (fi->ifin && (in->cls == 2 || in->cls == 3 || in->cls == 5))
      return 0;
    if (in->cls == 4 && !fi->ifin && fi->wg[0] != 'u')
      return 0;                                   /* hs takes i and ü only */
    if (!strcmp(fi->wg, "ih") && in->cls != 1 && in->cls != 5)
      return 0;                                   /* chih, shih, jih */
    if (!strcmp(fi->wg, "u") && in->cls == 2 && in->wg[1] != 's')
      py = "i";                                   /* tzu, ssu, szu -> zi, si */
    if (!strcmp(fi->wg, "o"))
      py = in->cls == 6 ? "o" : in->cls == 3 ? "e" : "uo";
    (void)idt_buf_puts(b, in->cls == 1 && fi->ifin ? in->py_pal : in->py);
    (void)idt_buf_puts(b, py);
    return 1;
  }
  return 0;
}

/* One lowercase syllable (apostrophes kept) to pinyin in b: 1, or 0 when
 * it is not Wade-Giles. */
static int syllable(const char *s, size_t n, idt_buf *b)
{
  size_t k;
  for (k = 0; k < sizeof bare / sizeof *bare; k++)
    if (equals(s, n, bare[k].wg))
      return idt_buf_puts(b, bare[k].py) == 0;
  for (k = 0; k < sizeof initials / sizeof *initials; k++) {
    const wg_initial *in = &initials[k];
    size_t l = strlen(in->wg);
    if (starts(s, n, in->wg) && l < n) {
      size_t mark = b->len;
      if (put_final(in, s + l, n - l, b))
        return 1;
      b->len = mark;
      return 0;                                   /* longest initial only */
    }
  }
  return 0;
}

/* Could w (lowercase, no apostrophe) be a pinyin syllable? Initials and
 * finals with the combinations pinyin forbids: j q x take only i and u (ü)
 * finals; g k h, z c s, zh ch sh r and the labials take no i-glide final
 * (but plain i after the sibilants). Names that could be pinyin are not
 * converted: PAO Yu Yi is Bao Yu Yi or Pao Yu Yi. */
static const char *const py_ini[] = {
  "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
  "j", "q", "x", "r", "z", "c", "s", "y", "w", "",
};
static const char *const py_fin[] = {
  "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er",
  "i", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong",
  "u", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ue", "v",
};

static int pinyin_rules(const char *w, size_t n)
{
  size_t a, b;
  for (a = 0; a < sizeof py_ini / sizeof *py_ini; a++) {
    const char *ini = py_ini[a];
    size_t l = strlen(ini);
    if (!starts(w, n, ini) || l >= n)
      continue;
    for (b = 0; b < sizeof py_fin / sizeof *py_fin; b++) {
      const char *f = py_fin[b];
      int glide = f[0] == 'i' && f[1];
      if (!equals(w + l, n - l, f))
        continue;
      if (strchr("jqx", ini[0]) && l == 1 && f[0] != 'i' && f[0] != 'u')
        continue;
      if (glide && (strchr("gkhzcsr", ini[0]) || !l))
        continue;
      if (!strcmp(f, "i") && strchr("gkh", ini[0]) && l == 1)
        continue;
      return 1;
    }
  }
  return 0;
}

/* Every syllable pinyin_rules allows (an initial and a final: a few
 * hundred; the table has room for every pair), packed a letter a byte
 * (at most 6 letters) and sorted, so
 * that the question is a binary search. */
#define PY_MAX (sizeof py_ini / sizeof *py_ini * (sizeof py_fin / sizeof *py_fin))
static uint64_t py_tab[PY_MAX];
static size_t py_n;
static pthread_once_t py_once = PTHREAD_ONCE_INIT;

static uint64_t py_pack(const char *w, size_t n)
{
  uint64_t k = 0;
  size_t i;
  for (i = 0; i < n; i++)
    k = k << 8 | (unsigned char)w[i];
  return k;
}

static int py_cmp(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static void py_init(void)
{
  size_t a, b;
  for (a = 0; a < sizeof py_ini / sizeof *py_ini; a++)
    for (b = 0; b < sizeof py_fin / sizeof *py_fin; b++) {
      char w[8];
      size_t li = strlen(py_ini[a]), lf = strlen(py_fin[b]);
      memcpy(w, py_ini[a], li);
      memcpy(w + li, py_fin[b], lf);
      if (li + lf <= 6 && py_n < PY_MAX && pinyin_rules(w, li + lf))
        py_tab[py_n++] = py_pack(w, li + lf);
    }
  qsort(py_tab, py_n, sizeof *py_tab, py_cmp);
}

int idt__text_pinyin_syllable(const char *w, size_t n)
{
  uint64_t k;
  size_t lo = 0, hi;
  if (!n || n > 6)
    return 0;
  pthread_once(&py_once, py_init);
  k = py_pack(w, n);
  hi = py_n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (py_tab[mid] < k)
      lo = mid + 1;
    else if (py_tab[mid] > k)
      hi = mid;
    else
      return 1;
  }
  return 0;
}

static int is_apos(char c)
{
  return c == '\'' || c == '`';
}

/* s with the letters Wade-Giles writes with diacritics (ü ê ŭ, any case)
 * and typographic apostrophes (’ ‘ ʻ ʼ) as ASCII, into o (cap bytes):
 * the length, or -1 on any other non-ASCII byte or when o is full. */
static long wg_ascii(const char *s, size_t n, char *o, size_t cap)
{
  static const struct { const char *u; char a; } map[] = {
    { "\xC3\xBC", 'u' }, { "\xC3\x9C", 'U' }, { "\xC3\xAA", 'e' }, { "\xC3\x8A", 'E' },
    { "\xC5\xAD", 'u' }, { "\xC5\xAC", 'U' }, { "\xE2\x80\x99", '\'' },
    { "\xE2\x80\x98", '\'' }, { "\xCA\xBB", '\'' }, { "\xCA\xBC", '\'' },
  };
  size_t i = 0, k = 0, m;
  while (i < n) {
    if (k + 1 >= cap)
      return -1;
    if ((unsigned char)s[i] < 0x80) {
      o[k++] = s[i++];
      continue;
    }
    for (m = 0; m < sizeof map / sizeof *map; m++)
      if (starts(s + i, n - i, map[m].u))
        break;
    if (m == sizeof map / sizeof *map)
      return -1;
    o[k++] = map[m].a;
    i += strlen(map[m].u);
  }
  return (long)k;
}

/* Convert name s: 1 and the pinyin in out when every word is a Wade-Giles
 * syllable and the pinyin differs, else 0. */
int idt__text_wade_giles(const char *s0, size_t n0, idt_buf *out)
{
  char s[IDT_TEXT_MAX_FORM];
  long n = wg_ascii(s0, n0, s, sizeof s);
  long i = 0;
  size_t words = 0;
  int differs = 0, foreign = 0;
  idt_buf_clear(out);
  while (i < n) {
    char w[WG_WORD_MAX + 1];
    size_t l = 0, mark;
    long st = i;
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 || (c >= '0' && c <= '9'))
      return 0;
    if (!((c | 32) >= 'a' && (c | 32) <= 'z')) {
      i++;
      continue;
    }
    while (i < n && (((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') || is_apos(s[i]))) {
      if (l >= WG_WORD_MAX)
        return 0;
      w[l++] = (char)(s[i] | (is_apos(s[i]) ? 0 : 32));
      i++;
    }
    while (l && is_apos(w[l - 1]))
      l--;                                        /* a closing quote */
    if (++words > WG_MAX_WORDS)
      return 0;
    if (out->len)
      (void)idt_buf_putc(out, st > 0 && s[st - 1] == '-' ? '-' : ' ');
    mark = out->len;
    if (!syllable(w, l, out))
      return 0;
    if (out->len - mark != l || memcmp(out->p + mark, w, l))
      differs = 1;
    if (memchr(w, '\'', l) || memchr(w, '`', l) || !idt__text_pinyin_syllable(w, l))
      foreign = 1;
  }
  return differs && foreign;
}

