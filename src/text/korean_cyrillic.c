/*
 * korean_cyrillic.c - Korean names written in Cyrillic, read back into
 * Hangul: "Ким Чен Ын" -> 김정은 (Kim Jong Un), "Пак Кын Хе" -> 박근혜.
 *
 * Russian writes Korean names in the Kontsevich (Kholodovich) system:
 * onsets к/г кк кх н т/д тт тх р/л м п/б пп пх с сс ч/чж/дж чч чх х, vowels
 * а я о(ㅓ ㅗ) ё у ю ы и э е йе ва вэ ве во ви ый, codas к н(ㄴ and ㅇ) ль м
 * п т. The system merges what Korean keeps apart (о is ㅓ and ㅗ, final н is
 * ㄴ and ㅇ: Кан is Kang, Сон is Song, Ын is Un), and press usage adds е for
 * ㅓ (Чен = 정 Jong, Ким Ир Сен), ц for ㅊ (Цой = 최 Choe) and чж for ㅈ
 * (Мун Чжэ Ин). Each Cyrillic syllable therefore has several Hangul
 * readings; only those that are Sino-Korean readings of some Han character
 * are kept (given names are almost all Sino-Korean; Unihan kHangul, the
 * table of korean_hanja.c), ranked by how many characters read so (a
 * proxy for frequency: 정 and 은 have many, 젱 and 읃 none). The best few
 * readings of the whole name are returned; the caller romanises them, so
 * the screening keys (syllable skeletons) are the Korean module's own.
 *
 * A text is taken as a Korean name only if every word parses into such
 * syllables (at most three per word) and the best reading has a Korean name
 * shape (idt_ko_name_shape: a known surname first or last): Иван Петров is
 * not one, Ким Ир Сен and Цой Виктор... only when it parses.
 */
#include <pthread.h>
#include <string.h>
#include <unicode/utf8.h>
#include "interdict/common.h"
#include "text/korean.h"

#define SBASE 0xAC00
#define MAXCP 48
#define MAXSYL 3
#define BEAM 4

typedef struct { const char *cy; unsigned char j[4]; unsigned char n; } spell;

/* onset index (ㄱ0 ㄲ1 ㄴ2 ㄷ3 ㄸ4 ㄹ5 ㅁ6 ㅂ7 ㅃ8 ㅅ9 ㅆ10 ㅇ11 ㅈ12 ㅉ13 ㅊ14 ㅋ15 ㅌ16 ㅍ17 ㅎ18) */
static const spell onsets[] = {
  { "кк", {1}, 1 }, { "кх", {15}, 1 }, { "к", {0}, 1 }, { "г", {0}, 1 }, { "н", {2}, 1 },
  { "тт", {4}, 1 }, { "тх", {16}, 1 }, { "т", {3}, 1 }, { "дж", {12}, 1 }, { "д", {3}, 1 },
  { "р", {5}, 1 }, { "л", {5}, 1 }, { "м", {6}, 1 }, { "пп", {8}, 1 }, { "пх", {17}, 1 },
  { "п", {7}, 1 }, { "б", {7}, 1 }, { "сс", {10}, 1 }, { "с", {9}, 1 }, { "ш", {9}, 1 },
  { "чч", {13}, 1 }, { "чх", {14}, 1 }, { "чж", {12}, 1 }, { "ч", {12, 14}, 2 },
  { "ц", {14, 12}, 2 }, { "х", {18}, 1 },
};
/* vowel index (ㅏ0 ㅐ1 ㅑ2 ㅒ3 ㅓ4 ㅔ5 ㅕ6 ㅖ7 ㅗ8 ㅘ9 ㅙ10 ㅚ11 ㅛ12 ㅜ13 ㅝ14 ㅞ15 ㅟ16 ㅠ17 ㅡ18 ㅢ19 ㅣ20) */
static const spell vowels[] = {
  { "ва", {9}, 1 }, { "вэ", {10}, 1 }, { "ве", {11, 15}, 2 }, { "во", {14}, 1 },
  { "ви", {16}, 1 }, { "ый", {19}, 1 }, { "ой", {11}, 1 }, { "йе", {7}, 1 }, { "йя", {3}, 1 },
  { "йо", {6, 12}, 2 }, { "а", {0}, 1 }, { "я", {2}, 1 }, { "о", {4, 8}, 2 },
  { "ё", {6, 12}, 2 }, { "у", {13}, 1 }, { "ю", {17}, 1 }, { "ы", {18}, 1 }, { "и", {20}, 1 },
  { "э", {1, 5}, 2 }, { "е", {4, 6, 5, 7}, 4 },
};
/* coda index (none 0, ㄱ1, ㄴ4, ㄷ7, ㄹ8, ㅁ16, ㅂ17, ㅇ21) */
static const spell codas[] = {
  { "нг", {21}, 1 }, { "ль", {8}, 1 }, { "р", {8}, 1 }, { "к", {1}, 1 }, { "н", {4, 21}, 2 }, { "л", {8}, 1 },
  { "м", {16}, 1 }, { "п", {17}, 1 }, { "т", {7}, 1 },
};

/* How many Han characters read as each syllable (0: not a Sino-Korean
 * reading). Built once from the Hanja table. */
static unsigned char reading_count[11172];
static pthread_once_t counts_once = PTHREAD_ONCE_INIT;

static void counts_init(void)
{
  size_t i;
  for (i = 0; i < idt__ko_hanja_n; i++) {
    unsigned s = idt__ko_hanja_table[i].sur, o = idt__ko_hanja_table[i].other;
    if (s < 11172 && reading_count[s] < 255) reading_count[s]++;
    if (o != s && o < 11172 && reading_count[o] < 255) reading_count[o]++;
  }
}

/* Does the UTF-8 spelling sp match cp[i..]? Returns code points matched. */
static int match(const char *sp, const UChar32 *cp, int i, int n)
{
  int32_t k = 0, len = (int32_t)strlen(sp);
  int m = 0;
  while (k < len) {
    UChar32 c;
    U8_NEXT(sp, k, len, c);
    if (i + m >= n || cp[i + m] != c) return 0;
    m++;
  }
  return m;
}

typedef struct { UChar32 h[MAXSYL * 2]; int n; double score; } reading;

static void keep(reading *best, int *nb, const reading *r)
{
  int i, w = 0;
  for (i = 0; i < *nb; i++)
    if (best[i].n == r->n && !memcmp(best[i].h, r->h, (size_t)r->n * sizeof r->h[0]))
      return;
  if (*nb < BEAM) { best[(*nb)++] = *r; return; }
  for (i = 1; i < *nb; i++)
    if (best[i].score < best[w].score) w = i;
  if (r->score > best[w].score) best[w] = *r;
}

/* Readings of cp[i..n) as Korean syllables appended to cur. */
static void parse(const UChar32 *cp, int i, int n, reading *cur, reading *best, int *nb)
{
  size_t a, b, c;
  if (i == n) {
    if (cur->n) keep(best, nb, cur);
    return;
  }
  if (cur->n >= MAXSYL) return;
  for (a = 0; a <= sizeof onsets / sizeof *onsets; a++) {
    const spell *on = a < sizeof onsets / sizeof *onsets ? &onsets[a] : NULL;
    int lo = on ? match(on->cy, cp, i, n) : 0, na = on ? on->n : 1;
    if (on && !lo) continue;
    for (b = 0; b < sizeof vowels / sizeof *vowels; b++) {
      int lv = match(vowels[b].cy, cp, i + lo, n);
      if (!lv) continue;
      for (c = 0; c <= sizeof codas / sizeof *codas; c++) {
        const spell *co = c < sizeof codas / sizeof *codas ? &codas[c] : NULL;
        int lc = co ? match(co->cy, cp, i + lo + lv, n) : 0, nc = co ? co->n : 1;
        if (co && !lc) continue;
        for (int x = 0; x < na; x++)
          for (int y = 0; y < vowels[b].n; y++)
            for (int z = 0; z < nc; z++) {
              int L = on ? on->j[x] : 11, V = vowels[b].j[y], T = co ? co->j[z] : 0;
              int syl = (L * 21 + V) * 28 + T, cnt = reading_count[syl];
              reading save = *cur;
              if (!cnt) continue;
              cur->h[cur->n++] = SBASE + syl;
              /* rarer spellings of a jamo (the later ones) cost a little */
              cur->score *= (double)cnt * (x ? 0.5 : 1) * (z ? 0.7 : 1) * (y ? 0.8 : 1);
              parse(cp, i + lo + lv + lc, n, cur, best, nb);
              *cur = save;
            }
      }
    }
  }
}

static UChar32 lower_cy(UChar32 c)
{
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c == 0x401) return 0x451;
  return c;
}

static void put_h(idt_buf *b, UChar32 c)
{
  char u[3] = {(char)(0xE0 | (c >> 12)), (char)(0x80 | ((c >> 6) & 0x3F)), (char)(0x80 | (c & 0x3F))};
  (void)idt_buf_append(b, u, 3);
}

/* Does the Hangul name in h have a Korean name shape once romanised? */
static int shaped(const char *h, size_t n)
{
  idt_buf rb;
  idt_str toks[4];
  int nt = 0, ok = 0;
  idt_buf_init(&rb, 4096);
  if (idt_ko_romanize(h, n, IDT_KO_MR, &rb) == 0) {
    char *p = rb.p, *end = rb.p + rb.len;
    while (p < end && nt < 4) {
      char *q = memchr(p, ' ', (size_t)(end - p));
      if (!q) q = end;
      toks[nt].p = p;
      toks[nt].len = (size_t)(q - p);
      nt++;
      p = q + 1;
    }
    ok = p >= end && nt >= 2 && idt_ko_name_shape(toks, nt) > 0;
  }
  idt_buf_free(&rb);
  return ok;
}

int idt_ko_cyrillic_to_hangul(const char *s, size_t n, int max, idt_buf *out)
{
  reading words[4][BEAM];
  int nw[4], w = 0, count = 0;
  int32_t i = 0, len = n > 512 ? 512 : (int32_t)n;
  if (!s || !out || max < 1) return idt_error_set(IDT_EINVAL, "korean: cyrillic: bad argument");
  pthread_once(&counts_once, counts_init);
  while (i < len) {
    UChar32 cp[MAXCP];
    int k = 0;
    reading cur;
    while (i < len && (s[i] == ' ' || s[i] == '-' || s[i] == ',')) i++;
    if (i >= len) break;
    while (i < len && s[i] != ' ' && s[i] != '-' && s[i] != ',') {
      UChar32 c;
      U8_NEXT(s, i, len, c);
      if (k == MAXCP) return 0;
      cp[k++] = lower_cy(c);
    }
    if (w == 4) return 0;
    cur.n = 0;
    cur.score = 1;
    nw[w] = 0;
    parse(cp, 0, k, &cur, words[w], &nw[w]);
    if (!nw[w]) return 0;
    w++;
  }
  if (w < 2) return 0;
  /* the best readings of the whole name: product of word scores, greedy over
   * the first word's alternatives crossed with the others' best, then the
   * others' second best (enough for max <= 4) */
  for (int a = 0; a < w; a++)
    for (int x = 0; x < nw[a]; x++)
      for (int y = x + 1; y < nw[a]; y++)
        if (words[a][y].score > words[a][x].score) {
          reading t = words[a][x]; words[a][x] = words[a][y]; words[a][y] = t;
        }
  {
    int choice[4] = {0, 0, 0, 0}, tried = 0;
    size_t start = out->len;
    while (count < max && tried < 16) {
      size_t at = out->len;
      for (int a = 0; a < w; a++) {
        if (a) (void)idt_buf_putc(out, ' ');
        for (int k = 0; k < words[a][choice[a]].n; k++) put_h(out, words[a][choice[a]].h[k]);
      }
      if (!count && !shaped(out->p + at, out->len - at)) {
        out->len = start;
        out->p[start] = 0;
        return 0;
      }
      (void)idt_buf_putc(out, 0);
      count++;
      tried++;
      /* next: advance the word whose next alternative loses least */
      {
        int bestw = -1;
        double bestr = 0;
        for (int a = 0; a < w; a++)
          if (choice[a] + 1 < nw[a]) {
            double r = words[a][choice[a] + 1].score / words[a][choice[a]].score;
            if (r > bestr) { bestr = r; bestw = a; }
          }
        if (bestw < 0) break;
        choice[bestw]++;
      }
    }
  }
  return count;
}
