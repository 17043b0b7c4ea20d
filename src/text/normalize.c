/*
 * normalize.c - the one name pipeline (see interdict/text.h): script to
 * Latin ASCII, tokens, legal forms.
 *
 * ICU is used through one compound transliterator per thread
 * ("NFKC; Any-Lower; Han-Latin/Names; Russian-Latin/BGN; Any-Latin;
 * Latin-ASCII; Any-Lower"): Han-Latin/Names gives surname readings, BGN the
 * common English spelling of Cyrillic (Chen, not ISO 9's Cen), Any-Latin the
 * rest. Opening it costs milliseconds, so it is cached in thread-local
 * storage; ASCII input, the bulk of lists and queries, never reaches ICU,
 * and words without Han, kana, fullwidth forms or the punctuation
 * Han-Spacedhan spaces use the chain without Han-Latin/Names (nohan_safe).
 * Hangul goes to the Korean module (DPRK/McCune-Reischauer, RR and Yale
 * spellings of the name) when it is built in, because ICU only knows RR
 * and glues surname and given name together ("gimjeong-eun").
 */
#include <string.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
#include <unicode/uscript.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include "text/text_int.h"
#include "common/buf.h"
#include "common/arena.h"
#include "common/map.h"




/* Two transliterators per thread: the full chain, and the same chain
 * without Han-Latin/Names for words it cannot touch. Han-Latin/Names costs
 * ~14 us a call whatever the input (its unfiltered Han-Spacedhan and
 * Han-Latin rule sets are walked even for "ivan"), 80% of a Cyrillic or
 * Arabic word's ICU time; nohan_safe() says when skipping it is exact. */
enum { TR_FULL = 0, TR_NOHAN = 1 };
static _Thread_local UTransliterator *tl_trans[2];
static _Thread_local int tl_trans_failed[2];

static const char *const trans_ids[2] = {
  "NFKC; Any-Lower; Han-Latin/Names; Russian-Latin/BGN; Any-Latin; "
  "Latin-ASCII; Any-Lower",
  "NFKC; Any-Lower; Russian-Latin/BGN; Any-Latin; Latin-ASCII; Any-Lower"
};


/* Per-thread memo of transliterated words: ICU costs ~10k instructions a
 * character through the compound transliterator, and the words of names
 * recur (Aleksandr, Mohammed, Ivanov): 85% of the non-ASCII words of
 * yente's 50,000 negatives are repeats. Dropped whole when it fills. */
#define WORD_CACHE_MAX 65536
static _Thread_local idt_map *tl_words;
static _Thread_local idt_arena *tl_words_arena;

static void words_drop(void)
{
  if (tl_words) {
    idt_map_free(tl_words);
    idt_free(tl_words);
  }
  if (tl_words_arena) {
    idt_arena_free(tl_words_arena);
    idt_free(tl_words_arena);
  }
  tl_words = NULL;
  tl_words_arena = NULL;
}

void idt_text_thread_cleanup(void)
{
  int k;
  for (k = 0; k < 2; k++) {
    if (tl_trans[k])
      utrans_close(tl_trans[k]);
    tl_trans[k] = NULL;
  }
  words_drop();
  idt__ja_thread_cleanup();
}

void idt_text_memo_reset(void)
{
  words_drop();
}

static UTransliterator *get_trans(int k)
{
  UChar id[128];
  UErrorCode st = U_ZERO_ERROR;
  UParseError pe;
  if (tl_trans[k] || tl_trans_failed[k])
    return tl_trans[k];
  u_uastrcpy(id, trans_ids[k]);
  tl_trans[k] = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
  if (U_FAILURE(st)) {
    tl_trans[k] = NULL;
    tl_trans_failed[k] = 1;
  }
  return tl_trans[k];
}

/* Is Han-Latin/Names the identity on s (after NFKC; Any-Lower)? Its rules
 * only act on Han and ideographs, on what Han-Spacedhan's NFKC filter and
 * Fullwidth-Halfwidth cover (U+2E80 and above: CJK, kana, fullwidth forms,
 * compatibility jamo), and insert spaces next to brackets, quotes and
 * . , : ; ? ! (Ps Pe Pi Pf). So: every code point below U+2E80 outside the
 * Hangul Jamo block, and either ASCII other than those punctuation marks or
 * a letter, mark or decimal digit (NFKC and lowering of those stay below
 * U+2E80 and stay letters). Anything else takes the full chain. */
static int nohan_safe(const char *s, size_t n)
{
  int32_t i = 0, len = (int32_t)n;
  while (i < len) {
    UChar32 c;
    int8_t t;
    U8_NEXT(s, i, len, c);
    if (c < 0 || c >= 0x2E80 || (c >= 0x1100 && c <= 0x11FF))
      return 0;
    if (c < 0x80) {
      if (strchr("()[]{}.,:;?!", (int)c))
        return 0;
      continue;
    }
    t = (int8_t)u_charType(c);
    if (!(t == U_UPPERCASE_LETTER || t == U_LOWERCASE_LETTER || t == U_TITLECASE_LETTER ||
          t == U_MODIFIER_LETTER || t == U_OTHER_LETTER || t == U_NON_SPACING_MARK ||
          t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK ||
          t == U_DECIMAL_DIGIT_NUMBER))
      return 0;
  }
  return 1;
}

static int is_ascii_w(const char *s, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 0;
  return 1;
}

/* Transliterate UTF-8 s to (mostly) ASCII UTF-8 in out. */
static int to_latin(const char *s, size_t n, int k, idt_buf *out)
{
  UErrorCode st = U_ZERO_ERROR;
  UTransliterator *t = get_trans(k);
  UChar ubuf[1024];
  int32_t ulen = 0, limit, cap = (int32_t)(sizeof ubuf / sizeof *ubuf);
  char obuf[2048];
  int32_t olen = 0;
  if (!t)
    return idt_error_set(IDT_EUNSUP, "text: ICU transliterator '%s' unavailable", trans_ids[k]);
  if (n > 600)
    n = 600;
  u_strFromUTF8Lenient(ubuf, cap / 2, &ulen, s, (int32_t)n, &st);
  if (U_FAILURE(st))
    return idt_error_set(IDT_EUTF8, "text: cannot convert name to UTF-16");
  limit = ulen;
  utrans_transUChars(t, ubuf, &ulen, cap, 0, &limit, &st);
  if (U_FAILURE(st))
    return idt_error_set(IDT_EUNSUP, "text: transliteration failed: %s", u_errorName(st));
  u_strToUTF8(obuf, (int32_t)sizeof obuf, &olen, ubuf, ulen, &st);
  if (U_FAILURE(st) && st != U_STRING_NOT_TERMINATED_WARNING)
    return idt_error_set(IDT_EUNSUP, "text: UTF-8 conversion failed");
  return idt_buf_append(out, obuf, (size_t)olen);
}

/* Han, kana and other CJK text is transliterated whole: Han-Latin/Names
 * reads the first character of the text as a surname, so splitting would
 * change the readings. */
static int has_cjk(const char *s, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    /* lead bytes of U+2E80 and above: E2 BA.. or E3..EF, F0.. */
    if (c >= 0xE3 || (c == 0xE2 && i + 1 < n && (unsigned char)s[i + 1] >= 0xBA))
      return 1;
  }
  return 0;
}

/* Transliterate one whitespace-free piece through the per-thread memo. */
static int word_latin(const char *s, size_t n, idt_buf *out)
{
  const char *v;
  size_t before = out->len;
  int rc;
  if (is_ascii_w(s, n))
    return idt_buf_append(out, s, n);
  if (tl_words && (v = idt_map_get(tl_words, s, n)))
    return idt_buf_append(out, v, strlen(v));
  if ((rc = to_latin(s, n, nohan_safe(s, n) ? TR_NOHAN : TR_FULL, out)) < 0)
    return rc;
  if (!tl_words || tl_words->len >= WORD_CACHE_MAX) {
    words_drop();
    tl_words = idt_calloc(1, sizeof *tl_words);
    tl_words_arena = idt_calloc(1, sizeof *tl_words_arena);
    if (!tl_words || !tl_words_arena) {
      words_drop();
      return 0;
    }
    idt_map_init(tl_words);
    idt_arena_init(tl_words_arena);
  }
  {
    char *k = idt_arena_strndup(tl_words_arena, s, n);
    char *val = out->len > before ?
                idt_arena_strndup(tl_words_arena, out->p + before, out->len - before) :
                idt_arena_strndup(tl_words_arena, "", 0);
    if (k && val)
      (void)idt_map_put(tl_words, k, n, val);   /* a failed put only loses the memo */
  }
  return 0;
}

/* Han names are written as words of Han characters ("秀珠 明珠 周",
 * Japanese "くみ子 佐々木"): the text is transliterated whole (has_cjk),
 * ~80 us a name, but is then the concatenation of its pieces (blanks +
 * word) through the same chain, each memoised, when no rule of the chain
 * reaches across a blank:
 *   - Han-Latin/Names marks a Han character after a non-Han one (the
 *     surname reading) and turns the mark into a space after any
 *     character: a piece keeps its leading blanks, so the character before
 *     is the same blank whole or alone;
 *   - Han-Spacedhan inserts spaces between an ideograph and a letter only
 *     when the two touch;
 *   - the few rules with a right context through an optional space
 *     ({令}' '?狐, {重}' '?庆...) start at 令 万 澹 长 藏 重 沈 秘: a
 *     piece ending with one of them sends the text whole;
 *   - Hiragana/Katakana-Latin's contexts are the neighbouring kana or the
 *     Latin just written for them (ッ, small ャ), never past a blank, but
 *     for the marks excluded below;
 *   - NFKC is the identity on unified ideographs and full-width kana
 *     (compatibility ideographs, radicals and half-width kana, which NFKC
 *     maps, send the text whole), lower case and Latin-ASCII act on one
 *     character at a time.
 * Short texts only (the whole chain works in fixed buffers: a long text
 * fails whole and might not in pieces). tests/test_text.c compares with
 * the reference on every Han name of the lists and eval sets. */
static int han_char_ok(UChar32 c)
{
  UErrorCode st = U_ZERO_ERROR;
  /* kana letters and 々; not ー (script Common: Any-Latin joins it to the
   * kana run before the blank, "あ ー" -> "a \u0304") nor ヽ ゝ (they repeat
   * the character before, a blank too) */
  if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c == 0x3005)
    return 1;
  if (!((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
        (c >= 0x20000 && c <= 0x2FFFF && !(c >= 0x2F800 && c <= 0x2FA1F))))
    return 0;
  return uscript_getScript(c, &st) == USCRIPT_HAN && U_SUCCESS(st);
}

static int han_ends_context(UChar32 c)
{
  return c == 0x4EE4 || c == 0x4E07 || c == 0x6FB9 || c == 0x957F || c == 0x85CF ||
         c == 0x91CD || c == 0x6C88 || c == 0x79D8;
}

/* Is s words of Han characters separated by blanks, with no rule reaching
 * from one word into the next? */
static int han_words(const char *s, size_t n)
{
  int32_t i = 0, len = (int32_t)n;
  UChar32 last = 0;
  int words = 0;
  if (n > 120)
    return 0;
  while (i < len) {
    UChar32 c;
    if (s[i] == ' ' || s[i] == '\t') {
      if (last && han_ends_context(last))
        return 0;
      if (last)
        words++;
      last = 0;
      i++;
      continue;
    }
    U8_NEXT(s, i, len, c);
    if (!han_char_ok(c))
      return 0;
    last = c;
  }
  return words + (last != 0) >= 2;
}

/* Han words through the memo, each with the blanks before it. */
static int han_pieces(const char *s, size_t n, idt_buf *out)
{
  size_t i = 0;
  int rc;
  while (i < n) {
    size_t j = i;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
      j++;
    if (j == n)
      return idt_buf_append(out, s + i, n - i);
    while (j < n && s[j] != ' ' && s[j] != '\t')
      j++;
    if ((rc = word_latin(s + i, j - i, out)) < 0)
      return rc;
    i = j;
  }
  return 0;
}

/* The memo's CJK text: Han words in pieces, anything else whole. */
static int cjk_latin(const char *s, size_t n, idt_buf *out)
{
  return han_words(s, n) ? han_pieces(s, n, out) : word_latin(s, n, out);
}

/* The reference's word: every non-ASCII piece through the full chain. */
static int word_ref(const char *s, size_t n, idt_buf *out)
{
  return is_ascii_w(s, n) ? idt_buf_append(out, s, n) : to_latin(s, n, TR_FULL, out);
}

/* Text to Latin: CJK text through cjk(), else blanks copied and each
 * whitespace-free piece through word(). */
static int text_latin(const char *s, size_t n, idt_buf *out,
                      int (*word)(const char *, size_t, idt_buf *),
                      int (*cjk)(const char *, size_t, idt_buf *))
{
  size_t i = 0;
  int rc;
  if (n > 600)
    n = 600;
  if (has_cjk(s, n))
    return cjk(s, n, out);
  while (i < n) {
    size_t j = i;
    if (s[i] == ' ' || s[i] == '\t') {
      if ((rc = idt_buf_append(out, s + i, 1)) < 0)
        return rc;
      i++;
      continue;
    }
    while (j < n && s[j] != ' ' && s[j] != '\t')
      j++;
    if ((rc = word(s + i, j - i, out)) < 0)
      return rc;
    i = j;
  }
  return 0;
}

/* Text to Latin: word by word (space-separated, memoised) unless CJK. */
int idt__text_latin(const char *s, size_t n, idt_buf *out)
{
  return text_latin(s, n, out, word_latin, cjk_latin);
}

/* The same pipeline as idt__text_latin before the no-Han chain and the
 * memo: every piece through the full chain (tests compare the two). */
int idt__text_latin_ref(const char *s, size_t n, idt_buf *out)
{
  return text_latin(s, n, out, word_ref, word_ref);
}

/* Split lowercase (mostly) ASCII text into tokens: [a-z0-9] kept, '.' and
 * apostrophes deleted, '-' splits and marks, other bytes separate. A
 * lowercase letter followed by a capital inside a token is remembered
 * (camel[]) for glued legal forms ("SiemensAG"). */
void idt__text_tokenize(const char *s, size_t n, idt__toks *t)
{
  size_t i;
  int in = 0, prev_lower = 0;
  t->n = 0;
  t->used = 0;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    int upper = c >= 'A' && c <= 'Z';
    if (upper)
      c = (unsigned char)(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (!in) {
        if (t->n == IDT__MAX_TOKS || t->used + 1 >= sizeof t->store)
          return;
        t->p[t->n] = t->store + t->used;
        t->len[t->n] = 0;
        t->joined[t->n] = 0;
        t->camel[t->n] = 0;
        t->n++;
        in = 1;
        prev_lower = 0;
      }
      if (t->used + 1 >= sizeof t->store)
        return;
      if (upper && prev_lower && t->len[t->n - 1] < 255)
        t->camel[t->n - 1] = (unsigned char)t->len[t->n - 1];
      prev_lower = !upper && c >= 'a';
      t->store[t->used++] = (char)c;
      t->len[t->n - 1]++;
      continue;
    }
    if (c == '.' || c == '\'' || c == '`')
      continue;
    /* UTF-8 modifier letters left by Latin-ASCII (U+02BB-U+02BF, U+2018,
     * U+2019: ayin, hamza, apostrophes) are deletions as well. */
    if ((c == 0xCA && i + 1 < n && (unsigned char)s[i + 1] >= 0xBB &&
         (unsigned char)s[i + 1] <= 0xBF) ||
        (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
         ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99))) {
      i += (c == 0xCA) ? 1 : 2;
      continue;
    }
    if (c == '-' && in && t->n)
      t->joined[t->n - 1] = 1;
    in = 0;
  }
}

/* Insert a token boundary k bytes into token i. */
static void split_at(idt__toks *t, size_t i, size_t k)
{
  size_t j;
  if (t->n == IDT__MAX_TOKS)
    return;
  for (j = t->n; j > i + 1; j--) {
    t->p[j] = t->p[j - 1];
    t->len[j] = t->len[j - 1];
    t->joined[j] = t->joined[j - 1];
    t->camel[j] = t->camel[j - 1];
  }
  t->n++;
  t->p[i + 1] = t->p[i] + k;
  t->len[i + 1] = t->len[i] - k;
  t->joined[i + 1] = t->joined[i];
  t->camel[i + 1] = 0;
  t->len[i] = k;
  t->joined[i] = 0;
  t->camel[i] = 0;
}

static int has_vowel(const char *s, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    if (strchr("aeiouy", s[i]))
      return 1;
  return 0;
}

/* Where a word of three letters or more with a vowel ends in one to four
 * digits, the length of the word; else 0. AIS and port records glue a
 * ship's number to its name (NAMSAN8, KUMUNSAN3, HAO FAN6); codes keep
 * theirs (RA73001: two letters; N123AB: digits inside). */
static size_t glued_number(const char *w, size_t n)
{
  size_t k = n, i;
  while (k && w[k - 1] >= '0' && w[k - 1] <= '9')
    k--;
  if (k < 3 || k == n || n - k > 4 || !has_vowel(w, k))
    return 0;
  for (i = 0; i < k; i++)
    if (w[i] < 'a' || w[i] > 'z')
      return 0;
  return k;
}

/* A legal form glued to the end of a word becomes its own token
 * ("SiemensAG", "SIEMENSGMBH" -> siemens + the legal form) when the rest is
 * a plausible word: at least three letters with a vowel; so does a number
 * glued to the end of a word (glued_number). */
static void split_glued(idt__toks *t)
{
  size_t i;
  for (i = 0; i < t->n; i++) {
    const char *w = t->p[i];
    size_t n = t->len[i], k;
    if ((k = glued_number(w, n)) != 0) {
      split_at(t, i, k);
      continue;
    }
    if (n < 5)
      continue;
    k = t->camel[i];
    if (k >= 3 && idt__text_glued_legal(w + k, n - k) && has_vowel(w, k)) {
      split_at(t, i, k);
      continue;
    }
    for (k = n - 4; k <= n - 3; k++)
      if (k >= 3 && idt__text_glued_legal(w + k, n - k) == 2 && has_vowel(w, k)) {
        split_at(t, i, k);
        break;
      }
  }
}

/* Canonicalise numbers and legal phrases (not in a person's name: PAO,
 * SA, AO are surnames there) and write the form "a b-c d". */
static int emit_form(const idt__toks *t, int person, char *out, size_t cap)
{
  size_t i = 0, o = 0;
  while (i < t->n) {
    const char *canon = NULL;
    char num[32];
    size_t k = idt__text_number_match(t->p + i, t->len + i, t->n - i, i == 0, num, sizeof num);
    const char *w = t->p[i];
    size_t wl = t->len[i];
    int joined = t->joined[i];
    if (k) {
      w = num;
      wl = strlen(num);
      joined = 0;
    } else if (person != IDT__NAME_PERSON &&
               (k = idt__text_legal_match(t->p + i, t->len + i, t->n - i, &canon)) && canon) {
      w = canon;
      wl = strlen(canon);
      joined = 0;
    } else {
      k = 1;
    }
    if (o + wl + 2 > cap)
      break;
    memcpy(out + o, w, wl);
    o += wl;
    i += k;
    if (i < t->n)
      out[o++] = (joined && i < t->n) ? '-' : ' ';
  }
  if (o && (out[o - 1] == ' ' || out[o - 1] == '-'))
    o--;
  out[o] = 0;
  return (int)o;
}

int idt__text_add_toks(const idt__toks *t, idt__forms *f)
{
  char form[IDT_TEXT_MAX_FORM];
  int fl, i;
  size_t off = 0;
  if (!t->n || f->n >= IDT_TEXT_MAX_FORMS)
    return 0;
  fl = emit_form(t, f->person, form, sizeof form);
  if (fl <= 0)
    return 0;
  for (i = 0; i < f->n; i++) {
    size_t l = strlen(f->out + off);
    if (l == (size_t)fl && !memcmp(f->out + off, form, (size_t)fl))
      return 0;
    off += l + 1;
  }
  if (f->used + (size_t)fl + 1 > f->cap)
    return 0;
  memcpy(f->out + f->used, form, (size_t)fl + 1);
  f->used += (size_t)fl + 1;
  f->n++;
  return 1;
}

void idt__text_prepare(const char *s, size_t n, idt__toks *t)
{
  idt__text_tokenize(s, n, t);
  split_glued(t);
  idt__text_sun_article(t);
  idt__text_numero(t);
}

int idt__text_add_form(const char *s, size_t n, idt__forms *f)
{
  idt__toks t;
  idt__text_prepare(s, n, &t);
  return idt__text_add_toks(&t, f);
}
