/*
 * korean_latin.c - Korean names written in Latin letters: syllable
 * skeletons, surname classes, segmentation of joined given names and the
 * Korean-name shape test.
 *
 * A Latin syllable is parsed as onset + vowel + coda against the spelling
 * grammar generated from the koconv jamo table (every spelling any of RR,
 * DPRK/MR or Yale uses for a jamo, plus a marked handful of conventional
 * ones: oo, ee, ou, sh, ts ...; see tools/gen_korean_tables.py), indexed by
 * first letter. At a position, every onset/vowel/coda combination that
 * matches is enumerated (longest onset and vowel first); a whole syllable is
 * the first that ends where the text does, and the segmenter runs a dynamic
 * programme over the ends. Each part carries a class and the key is their
 * concatenation. The alternative, a sorted list of every
 * syllable spelling (~20k strings once the conventional variants are crossed
 * in), costs ~500 KB of tables for the same answers; the grammar is three
 * short arrays and parses a syllable in well under a microsecond.
 *
 * No function here allocates: tokens are normalised into stack buffers of a
 * fixed size and anything longer is rejected.
 */
#include <string.h>
#include "text/korean.h"

#define SYL_MAX 12  /* longest plausible syllable after normalisation */
#define TOK_MAX 64  /* longest token we segment */

/* Lowercase ASCII letters; skip apostrophes (' ` ’ ‘ ʼ) and hyphens; fold
 * ŏ/Ŏ→o and ŭ/Ŭ→u (MR with breves). The offsets in s where each output byte
 * starts and ends go to off and end when they are not NULL. Returns the
 * length, or -1 on any other byte or when cap is exceeded. */
static int norm_latin(const char *s, size_t n, char *out, size_t cap,
                      unsigned char *off, unsigned char *end)
{
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char ch = 0;
    size_t at = i;
    if (c == '\'' || c == '`' || c == '-') continue;
    if (c >= 'A' && c <= 'Z') ch = (char)(c - 'A' + 'a');
    else if (c >= 'a' && c <= 'z') ch = (char)c;
    else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
      i += 2; continue;                                   /* ‘ ’ */
    } else if (c == 0xCA && i + 1 < n && (unsigned char)s[i + 1] == 0xBC) {
      i += 1; continue;                                   /* ʼ */
    } else if (c == 0xC5 && i + 1 < n) {
      unsigned char d = (unsigned char)s[i + 1];
      if (d == 0x8E || d == 0x8F) ch = 'o';               /* Ŏ ŏ */
      else if (d == 0xAC || d == 0xAD) ch = 'u';          /* Ŭ ŭ */
      else return -1;
      i += 1;
    } else {
      return -1;
    }
    if (o + 1 >= cap) return -1;
    if (off) off[o] = (unsigned char)at;
    if (end) end[o] = (unsigned char)(i + 1);
    out[o++] = ch;
  }
  out[o] = '\0';
  return (int)o;
}

typedef struct {
  const idt__ko_spell *on, *vo, *co;  /* on/co NULL when empty */
  size_t end;                         /* offset just after the syllable */
} parse;

#define MAX_PARSES 64  /* <= 4 onsets x 3 vowels x 4 codas share a start */

static int matches(const idt__ko_spell *sp, const char *s, size_t i, size_t n)
{
  return sp->len <= n - i && memcmp(sp->s, s + i, sp->len) == 0;
}

static int letter(const char *s, size_t i, size_t n)
{
  return i < n && s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' : -1;
}

/* Every syllable that starts at s[i]: onsets longest first then none,
 * vowels longest first, then no coda before the codas. Only the spellings
 * sharing a first letter are tried (the tables are indexed by it), so this
 * costs a few dozen short memcmps. seg restricts to the name grammar. */
static int syllables_at(const char *s, size_t n, size_t i, int seg, parse *out, int max)
{
  const idt__ko_spell *ons[8];
  int non = 0, k = 0, c;
  if ((c = letter(s, i, n)) >= 0)
    for (size_t a = idt__ko_onset_first[c]; a < idt__ko_onset_first[c + 1] && non < 7; a++)
      if (matches(&idt__ko_onset_spell[a], s, i, n)) ons[non++] = &idt__ko_onset_spell[a];
  ons[non++] = NULL;
  for (int a = 0; a < non; a++) {
    size_t v0 = i + (ons[a] ? ons[a]->len : 0);
    if ((c = letter(s, v0, n)) < 0) continue;
    for (size_t b = idt__ko_vowel_first[c]; b < idt__ko_vowel_first[c + 1]; b++) {
      const idt__ko_spell *vo = &idt__ko_vowel_spell[b];
      int cc;
      if ((seg && !vo->seg) || !matches(vo, s, v0, n)) continue;
      size_t c0 = v0 + vo->len;
      if (k < max) out[k++] = (parse){ons[a], vo, NULL, c0};
      if ((cc = letter(s, c0, n)) < 0) continue;
      for (size_t d = idt__ko_coda_first[cc]; d < idt__ko_coda_first[cc + 1]; d++) {
        const idt__ko_spell *co = &idt__ko_coda_spell[d];
        if ((seg && !co->seg) || !matches(co, s, c0, n)) continue;
        if (k < max) out[k++] = (parse){ons[a], vo, co, c0 + co->len};
      }
    }
  }
  return k;
}

/* Parse a whole normalised syllable: the first parse that ends at n. */
static int parse_syllable(const char *s, size_t n, int seg, parse *p)
{
  parse all[MAX_PARSES];
  int k = syllables_at(s, n, 0, seg, all, MAX_PARSES);
  for (int i = 0; i < k; i++)
    if (all[i].end == n) { *p = all[i]; return 1; }
  return 0;
}

static int build_key(const parse *p, int flags, char *out, size_t cap)
{
  const char *v = (flags & IDT_KO_SK_STRICT) ? p->vo->strict : p->vo->key;
  const char *on = p->on ? p->on->key : "";
  const char *co = p->co ? p->co->key : "";
  /* The initial law: r/l/n are silent before i and y (ri = i = li = ni,
   * ryong = yong) and r/l are n elsewhere (ro = no). Applied in every
   * position because given names are written both ways (Ryong-hae/Yong-hae). */
  if (on[0] == 'l' || on[0] == 'n') {
    char v0 = p->vo->key[0];
    on = (v0 == 'i' || v0 == 'y') ? "" : "n";
  }
  if ((flags & IDT_KO_SK_LOOSE) && !(flags & IDT_KO_SK_STRICT)) {
    if (strcmp(v, "o") == 0) v = "u";
    else if (strcmp(v, "yo") == 0) v = "yu";
  }
  size_t a = strlen(on), b = strlen(v), c = strlen(co);
  if (a + b + c + 1 > cap) return -1;
  memcpy(out, on, a);
  memcpy(out + a, v, b);
  memcpy(out + a + b, co, c);
  out[a + b + c] = '\0';
  return (int)(a + b + c);
}

int idt_ko_skeleton_ex(const char *syl, size_t n, int flags, char *out, size_t cap)
{
  char buf[SYL_MAX + 1];
  parse p;
  if (!syl || !out) return -1;
  int len = norm_latin(syl, n, buf, sizeof buf, NULL, NULL);
  if (len <= 0 || !parse_syllable(buf, (size_t)len, 0, &p)) return -1;
  return build_key(&p, flags, out, cap);
}

int idt_ko_skeleton(const char *syl, size_t n, char *out, size_t cap)
{
  return idt_ko_skeleton_ex(syl, n, IDT_KO_SK_DEFAULT, out, cap);
}

int idt_ko_skeleton_strict(const char *syl, size_t n, char *out, size_t cap)
{
  return idt_ko_skeleton_ex(syl, n, IDT_KO_SK_STRICT, out, cap);
}

int idt_ko_syllable_relation(const char *a, size_t an, const char *b, size_t bn)
{
  char na[SYL_MAX + 1], nb[SYL_MAX + 1], ka[16], kb[16];
  if (idt_ko_skeleton(a, an, ka, sizeof ka) < 0 || idt_ko_skeleton(b, bn, kb, sizeof kb) < 0)
    return -1;
  if (norm_latin(a, an, na, sizeof na, NULL, NULL) >= 0 &&
      norm_latin(b, bn, nb, sizeof nb, NULL, NULL) >= 0 && strcmp(na, nb) == 0)
    return IDT_KO_REL_SAME;
  if (strcmp(ka, kb) == 0) return IDT_KO_REL_VARIANT;
  idt_ko_skeleton_ex(a, an, IDT_KO_SK_LOOSE, ka, sizeof ka);
  idt_ko_skeleton_ex(b, bn, IDT_KO_SK_LOOSE, kb, sizeof kb);
  return strcmp(ka, kb) == 0 ? IDT_KO_REL_LOOSE : IDT_KO_REL_DIFFERENT;
}

int idt_ko_surname_class(const char *tok, size_t n)
{
  char buf[24];
  if (!tok) return -1;
  int len = norm_latin(tok, n, buf, sizeof buf, NULL, NULL);
  if (len <= 0) return -1;
  size_t lo = 0, hi = idt__ko_surname_spellings_n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(idt__ko_surname_spellings[mid].s, buf);
    if (c == 0) return idt__ko_surname_spellings[mid].cls;
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return -1;
}

const char *idt_ko_surname_spellings(const char *hangul, size_t n)
{
  size_t lo = 0, hi = idt__ko_surnames_n;
  if (!hangul) return NULL;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const char *h = idt__ko_surnames[mid].hangul;
    size_t hl = strlen(h);
    int c = memcmp(h, hangul, hl < n ? hl : n);
    if (c == 0) c = (hl > n) - (hl < n);
    if (c == 0) return idt__ko_surnames[mid].spellings;
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return NULL;
}

static int is_vowel_letter(char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Cost of a vowel-initial syllable at i after a consonant other than ng:
 * Korean romanisations hyphenate such boundaries (sun-am), so a joined
 * "sunam" is more likely su|nam. */
static int boundary_penalty(const char *s, size_t i)
{
  if (i == 0 || !is_vowel_letter(s[i]) || is_vowel_letter(s[i - 1]) ||
      s[i - 1] == 'y' || s[i - 1] == 'w')
    return 0;
  if (i >= 2 && s[i - 2] == 'n' && s[i - 1] == 'g') return 0;
  return 1;
}

int idt_ko_segment(const char *tok, size_t n, idt_str *out, int max)
{
  char s[TOK_MAX];
  unsigned char off[TOK_MAX], end[TOK_MAX];
  int cost[TOK_MAX + 1];
  unsigned char next[TOK_MAX + 1];
  if (!tok || !out || max <= 0 || n >= TOK_MAX) return 0;
  int len = norm_latin(tok, n, s, sizeof s, off, end);
  if (len <= 0 || strpbrk(s, "fqvx")) return 0;  /* letters no system uses */
  /* Suffix DP: cost = 100 per syllable + 1 per dispreferred boundary; the
   * longest syllable wins ties because lengths are tried longest first. */
  cost[len] = 0;
  for (int i = len - 1; i >= 0; i--) {
    parse all[MAX_PARSES];
    int pen = boundary_penalty(s, (size_t)i);
    int k = syllables_at(s, (size_t)len, (size_t)i, 1, all, MAX_PARSES);
    cost[i] = -1;
    for (int a = 0; a < k; a++) {
      int j = (int)all[a].end;
      if (cost[j] < 0) continue;
      int c = cost[j] + 100 + pen;
      if (cost[i] < 0 || c < cost[i] || (c == cost[i] && j > next[i])) {
        cost[i] = c;
        next[i] = (unsigned char)j;
      }
    }
  }
  if (cost[0] < 0) return 0;
  int k = 0;
  for (int i = 0; i < len; i = next[i]) {
    if (k == max) return 0;
    out[k].p = tok + off[i];
    out[k].len = (size_t)end[next[i] - 1] - off[i];
    k++;
  }
  return k;
}

/* Does normalised word s show a Korean romanisation's trait? */
static int korean_trait(const char *s, size_t n)
{
  size_t i;
  for (i = 0; i + 1 < n; i++) {
    char a = s[i], b = s[i + 1], c = i + 2 < n ? s[i + 2] : 0;
    if ((a == 'e' && (b == 'o' || b == 'u')) || (a == 'a' && b == 'e'))
      return 1;
    if (!is_vowel_letter(a) && a != 'y' && a != 'w' && (b == 'y' || b == 'w') &&
        c && is_vowel_letter(c))
      return 1;
    if (a == 'n' && b == 'g' && c && !is_vowel_letter(c))
      return 1;
  }
  return 0;
}

size_t idt_ko_place_key(const char *tok, size_t n, char *out, size_t cap)
{
  char s[TOK_MAX];
  idt_str seg[6];
  size_t o = 1, vowels = 0;
  int len, k, j, trait, i;
  if (!tok || !out || cap < 2 || n >= TOK_MAX ||
      (len = norm_latin(tok, n, s, sizeof s, NULL, NULL)) < 4)
    return 0;
  /* every syllable holds a vowel letter: without a trait, three syllables
   * need three (most words stop here, before the segmenter) */
  trait = korean_trait(s, (size_t)len);
  for (i = 0; i < len; i++)
    vowels += is_vowel_letter(s[i]);
  if (!trait && vowels < 3)
    return 0;
  k = idt_ko_segment(tok, n, seg, 6);
  if (k < 2 || (k == 2 && !trait))
    return 0;
  out[0] = '#';
  for (j = 0; j < k; j++) {
    char key[16];
    int kl = idt_ko_skeleton(seg[j].p, seg[j].len, key, sizeof key);
    if (kl < 0 || o + (size_t)kl + 1 > cap)
      return 0;
    memcpy(out + o, key, (size_t)kl);
    o += (size_t)kl;
  }
  out[o] = 0;
  return o;
}

int idt_ko_name_shape(const idt_str *toks, int ntoks)
{
  idt_str seg[8];
  if (!toks || ntoks < 2 || ntoks > 4) return 0;
  for (int form = 1; form <= 2; form++) {
    int si = form == 1 ? 0 : ntoks - 1;
    if (idt_ko_surname_class(toks[si].p, toks[si].len) < 0) continue;
    int total = 0, ok = 1;
    for (int i = 0; i < ntoks && ok; i++) {
      if (i == si) continue;
      int k = idt_ko_segment(toks[i].p, toks[i].len, seg, 8);
      if (k <= 0) ok = 0;
      total += k;
    }
    if (ok && total >= 1 && total <= 3) return form;
  }
  return 0;
}
