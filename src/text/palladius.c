/*
 * palladius.c - Chinese names written in Cyrillic, read back into pinyin:
 * "Си Цзиньпин" -> "xi jinping", "Ху Цзиньтао" -> "hu jintao".
 *
 * Russian writes Chinese names in the Palladius system, one Cyrillic
 * spelling per Mandarin syllable: initials б п м ф д т н л г к х, цз ц с
 * (pinyin j q x before i and ü, z c s otherwise), чж ч ш ж (zh ch sh r);
 * finals а ай ань ан ао э эй энь эн эр о оу ун у уа уай уй уань унь уан,
 * ы (the i of zi ci si), и я е яо ю янь инь ян ин юн, юй юэ юань юнь (ü);
 * syllables without an initial spelt on their own (Ян yang, Ван wang, Юй
 * yu). Transliterated letter by letter (BGN: "Si Tszin'pin") the name is
 * nothing like the lists' pinyin, so a text of two or three words that
 * each parse into one to three such syllables also gets the pinyin form. Russian words
 * rarely parse (Иван, Петров do not); one that does (Лена: lie-na) only
 * gains a form, the name as transliterated is always kept.
 */
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include "text/text_int.h"
#include "common/buf.h"

#define PAL_WORD 64     /* bytes of a lowercase Cyrillic word */
#define PAL_SYL 3       /* syllables a word */
#define PAL_WORDS 3

typedef struct { const char *cy, *py; } pal;

/* Syllables without an initial, spelt whole. */
static const pal whole[] = {
  { "юань", "yuan" }, { "юнь", "yun" }, { "юэ", "yue" }, { "юй", "yu" }, { "юн", "yong" },
  { "янь", "yan" }, { "яо", "yao" }, { "ян", "yang" }, { "я", "ya" }, { "ю", "you" },
  { "инь", "yin" }, { "ин", "ying" }, { "и", "yi" }, { "е", "ye" },
  { "вань", "wan" }, { "вэнь", "wen" }, { "вэй", "wei" }, { "вай", "wai" }, { "ван", "wang" },
  { "вэн", "weng" }, { "ва", "wa" }, { "во", "wo" }, { "у", "wu" },
  { "ань", "an" }, { "ай", "ai" }, { "ан", "ang" }, { "ао", "ao" }, { "а", "a" },
  { "энь", "en" }, { "эй", "ei" }, { "эн", "eng" }, { "эр", "er" }, { "э", "e" },
  { "оу", "ou" }, { "о", "o" },
};

/* Initials: the pinyin before a final of i or ü (jqx) and otherwise. */
typedef struct { const char *cy, *py, *jqx; } initial;
static const initial initials[] = {
  { "цз", "z", "j" }, { "чж", "zh", "zh" }, { "ц", "c", "q" }, { "с", "s", "x" },
  { "ч", "ch", "ch" }, { "ш", "sh", "sh" }, { "ж", "r", "r" },
  { "б", "b", "b" }, { "п", "p", "p" }, { "м", "m", "m" }, { "ф", "f", "f" },
  { "д", "d", "d" }, { "т", "t", "t" }, { "н", "n", "n" }, { "л", "l", "l" },
  { "г", "g", "g" }, { "к", "k", "k" }, { "х", "h", "h" },
};

/* Finals after an initial; front: a final of i or ü (цз ц с read j q x).
 * о is uo but after б п м ф (bo po mo fo); ы only follows цз ц с. */
typedef struct { const char *cy, *py; int front; } final;
static const final finals[] = {
  { "юань", "uan", 1 }, { "юнь", "un", 1 }, { "юэ", "ue", 1 }, { "юй", "u", 1 },
  { "юн", "iong", 1 }, { "янь", "ian", 1 }, { "яо", "iao", 1 }, { "ян", "iang", 1 },
  { "я", "ia", 1 }, { "ю", "iu", 1 }, { "инь", "in", 1 }, { "ин", "ing", 1 },
  { "и", "i", 1 }, { "е", "ie", 1 },
  { "уань", "uan", 0 }, { "уай", "uai", 0 }, { "уан", "uang", 0 }, { "унь", "un", 0 },
  { "уй", "ui", 0 }, { "уа", "ua", 0 }, { "ун", "ong", 0 }, { "у", "u", 0 },
  { "ань", "an", 0 }, { "ай", "ai", 0 }, { "ан", "ang", 0 }, { "ао", "ao", 0 }, { "а", "a", 0 },
  { "энь", "en", 0 }, { "эй", "ei", 0 }, { "эн", "eng", 0 }, { "эр", "er", 0 }, { "э", "e", 0 },
  { "оу", "ou", 0 }, { "о", "o", 0 }, { "ы", "i", 0 },
};

static int at(const char *w, size_t n, size_t i, const char *p)
{
  size_t l = strlen(p);
  return i + l <= n && !memcmp(w + i, p, l);
}

#define PY_CAP 16   /* a syllable's pinyin: at most 6 letters */

/* One syllable at w[i]: its pinyin into py (PY_CAP) and its end, longest
 * spelling first; 0 when none starts there. Only the first parse is
 * taken, so a word parses one way (longest syllables first). */
static size_t syllable(const char *w, size_t n, size_t i, char *py)
{
  size_t k, m, best = 0;
  for (k = 0; k < sizeof whole / sizeof *whole; k++)
    if (at(w, n, i, whole[k].cy) && strlen(whole[k].cy) > best) {
      best = strlen(whole[k].cy);
      snprintf(py, PY_CAP, "%s", whole[k].py);
    }
  for (k = 0; k < sizeof initials / sizeof *initials; k++) {
    const initial *in = &initials[k];
    size_t li = strlen(in->cy);
    int sib, lab;
    if (!at(w, n, i, in->cy))
      continue;
    sib = in->py[0] != in->jqx[0];                 /* цз ц с: z c s or j q x */
    lab = strchr("bpmf", in->py[0]) && !in->py[1];
    for (m = 0; m < sizeof finals / sizeof *finals; m++) {
      const final *f = &finals[m];
      size_t lf = strlen(f->cy);
      if (!at(w, n, i + li, f->cy) || li + lf <= best)
        continue;
      if (!strcmp(f->cy, "ы") && !sib)
        continue;
      best = li + lf;
      snprintf(py, PY_CAP, "%s%s", f->front ? in->jqx : in->py,
               !strcmp(f->cy, "о") && !lab ? "uo" :
               sib && !strcmp(f->cy, "и") ? "i" : f->py);   /* duo but bo; ji qi xi */
    }
  }
  return best ? i + best : 0;
}

/* A word (lowercase Cyrillic, n bytes) as 1 to PAL_SYL syllables, each
 * the longest spelling that starts there, appended to out; 1 when it
 * parses (Palladius spellings do not overlap so that a shorter first
 * syllable would be needed: цзинь-пин, си-ань). */
static int word(const char *w, size_t n, size_t i, int nsyl, idt_buf *out)
{
  size_t mark = out->len, end;
  char py[PY_CAP];
  if (i == n)
    return nsyl > 0;
  if (nsyl == PAL_SYL || !(end = syllable(w, n, i, py)))
    return 0;
  if (idt_buf_puts(out, py) < 0)
    return 0;
  if (word(w, n, end, nsyl + 1, out))
    return 1;
  out->len = mark;
  out->p[mark] = 0;
  return 0;
}

/* Lowercase the Cyrillic letters of s[i..) up to a blank or hyphen into w;
 * the end of the word, or 0 when it holds anything else. */
static size_t lower_word(const char *s, size_t n, size_t i, char *w, size_t *wl)
{
  int32_t j = (int32_t)i, len = (int32_t)n, o = 0;
  while (j < len && s[j] != ' ' && s[j] != '-') {
    UChar32 c;
    UBool err = 0;
    U8_NEXT(s, j, len, c);
    if (c < 0 || ublock_getCode(c) != UBLOCK_CYRILLIC || !u_isalpha(c))
      return 0;
    c = u_tolower(c);
    if (o + 4 >= PAL_WORD)
      return 0;
    U8_APPEND((uint8_t *)w, o, PAL_WORD, c, err);
    if (err)
      return 0;
  }
  *wl = (size_t)o;
  return (size_t)j;
}

int idt__text_palladius(const char *s, size_t n, idt_buf *out)
{
  size_t i = 0, words = 0, start = out->len;
  while (i < n) {
    char w[PAL_WORD];
    size_t wl = 0, end;
    if (s[i] == ' ' || s[i] == '-') {
      i++;
      continue;
    }
    if (++words > PAL_WORDS || !(end = lower_word(s, n, i, w, &wl)) ||
        (out->len > start && idt_buf_putc(out, ' ') < 0) || !word(w, wl, 0, 0, out)) {
      out->len = start;
      if (out->p)
        out->p[start] = 0;
      return 0;
    }
    i = end;
  }
  if (words < 2) {   /* a surname and a given name: Анна is not An-na */
    out->len = start;
    if (out->p)
      out->p[start] = 0;
    return 0;
  }
  return 1;
}
