/*
 * normalize.c - the one name pipeline (see interdict/text.h): script to
 * Latin ASCII, tokens, legal forms.
 *
 * ICU is used through one compound transliterator per thread
 * ("NFKC; Any-Lower; Han-Latin/Names; Russian-Latin/BGN; Any-Latin;
 * Latin-ASCII; Any-Lower"): Han-Latin/Names gives surname readings, BGN the
 * common English spelling of Cyrillic (Chen, not ISO 9's Cen), Any-Latin the
 * rest. Opening it costs milliseconds, so it is cached in thread-local
 * storage; ASCII input, the bulk of lists and queries, never reaches ICU.
 * Hangul goes to the Korean module (DPRK/McCune-Reischauer, RR and Yale
 * spellings of the name) when it is built in, because ICU only knows RR
 * and glues surname and given name together ("gimjeong-eun").
 */
#include <string.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
#include <unicode/uscript.h>
#include "interdict/text.h"
#include "common/buf.h"
#include "common/arena.h"
#include "common/map.h"

#if defined(__has_include)
#if __has_include("text/korean.h")
#include "text/korean.h"
#define IDT_HAVE_KOREAN 1
#endif
#endif

size_t idt__text_legal_match(const char *const *toks, const size_t *lens,
                             size_t ntoks, const char **canon);

#define MAX_TOKS 64

static _Thread_local UTransliterator *tl_trans;
static _Thread_local int tl_trans_failed;

static const char trans_id[] =
  "NFKC; Any-Lower; Han-Latin/Names; Russian-Latin/BGN; Any-Latin; "
  "Latin-ASCII; Any-Lower";

int idt_text_has_korean(void)
{
#ifdef IDT_HAVE_KOREAN
  return 1;
#else
  return 0;
#endif
}

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
  if (tl_trans)
    utrans_close(tl_trans);
  tl_trans = NULL;
  words_drop();
}

static UTransliterator *get_trans(void)
{
  UChar id[128];
  UErrorCode st = U_ZERO_ERROR;
  UParseError pe;
  if (tl_trans || tl_trans_failed)
    return tl_trans;
  u_uastrcpy(id, trans_id);
  tl_trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
  if (U_FAILURE(st)) {
    tl_trans = NULL;
    tl_trans_failed = 1;
  }
  return tl_trans;
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
static int to_latin(const char *s, size_t n, idt_buf *out)
{
  UErrorCode st = U_ZERO_ERROR;
  UTransliterator *t = get_trans();
  UChar ubuf[1024];
  int32_t ulen = 0, limit, cap = (int32_t)(sizeof ubuf / sizeof *ubuf);
  char obuf[2048];
  int32_t olen = 0;
  if (!t)
    return idt_error_set(IDT_EUNSUP, "text: ICU transliterator '%s' unavailable", trans_id);
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
  if ((rc = to_latin(s, n, out)) < 0)
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

/* Text to Latin: word by word (space-separated, memoised) unless CJK. */
static int text_latin(const char *s, size_t n, idt_buf *out)
{
  size_t i = 0;
  int rc;
  if (n > 600)
    n = 600;
  if (has_cjk(s, n))
    return word_latin(s, n, out);
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
    if ((rc = word_latin(s + i, j - i, out)) < 0)
      return rc;
    i = j;
  }
  return 0;
}

typedef struct toks {
  const char *p[MAX_TOKS];
  size_t len[MAX_TOKS];
  int joined[MAX_TOKS];     /* hyphenated to the next token */
  size_t n;
  char store[IDT_TEXT_MAX_FORM];
  size_t used;
} toks;

/* Split lowercase (mostly) ASCII text into tokens: [a-z0-9] kept, '.' and
 * apostrophes deleted, '-' splits and marks, other bytes separate. */
static void tokenize(const char *s, size_t n, toks *t)
{
  size_t i;
  int in = 0;
  t->n = 0;
  t->used = 0;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (!in) {
        if (t->n == MAX_TOKS || t->used + 1 >= sizeof t->store)
          return;
        t->p[t->n] = t->store + t->used;
        t->len[t->n] = 0;
        t->joined[t->n] = 0;
        t->n++;
        in = 1;
      }
      if (t->used + 1 >= sizeof t->store)
        return;
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

/* Canonicalise legal phrases and write the form "a b-c d" into out. */
static int emit_form(const toks *t, char *out, size_t cap)
{
  size_t i = 0, o = 0;
  while (i < t->n) {
    const char *canon = NULL;
    size_t k = idt__text_legal_match(t->p + i, t->len + i, t->n - i, &canon);
    const char *w = t->p[i];
    size_t wl = t->len[i];
    int joined = t->joined[i];
    if (k && canon) {
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

/* Append one normalised form of ASCII-ish text s; dedupe against earlier
 * forms. Returns 1 when added, 0 when empty or duplicate. */
static int add_form(const char *s, size_t n, char *out, size_t cap, size_t *used,
                    int nforms)
{
  toks t;
  char form[IDT_TEXT_MAX_FORM];
  int fl, i;
  size_t off = 0;
  tokenize(s, n, &t);
  if (!t.n)
    return 0;
  fl = emit_form(&t, form, sizeof form);
  if (fl <= 0)
    return 0;
  for (i = 0; i < nforms; i++) {
    size_t l = strlen(out + off);
    if (l == (size_t)fl && !memcmp(out + off, form, (size_t)fl))
      return 0;
    off += l + 1;
  }
  if (*used + (size_t)fl + 1 > cap)
    return 0;
  memcpy(out + *used, form, (size_t)fl + 1);
  *used += (size_t)fl + 1;
  return 1;
}

#ifdef IDT_HAVE_KOREAN
static int korean_forms(const char *s, size_t n, char *out, size_t cap,
                        size_t *used, int *nforms)
{
  idt_buf vb;
  int rc, k;
  const char *p;
  idt_buf_init(&vb, 1 << 16);
  rc = idt_ko_name_variants(s, n, &vb);
  if (rc > 0) {
    p = vb.p;
    for (k = 0; k < rc && *nforms < IDT_TEXT_MAX_FORMS; k++) {
      size_t l = strlen(p);
      *nforms += add_form(p, l, out, cap, used, *nforms);
      p += l + 1;
    }
  }
  idt_buf_free(&vb);
  return rc < 0 ? rc : 0;
}
#endif

int idt_text_name_forms(const char *s, size_t n, char *out, size_t cap)
{
  size_t used = 0;
  int nforms = 0, rc = 0;
  idt_buf lb;
  if (!out || cap < 2)
    return idt_error_set(IDT_EINVAL, "text: output buffer too small");
  out[0] = 0;
  if (is_ascii_w(s, n))
    return add_form(s, n, out, cap, &used, 0);
#ifdef IDT_HAVE_KOREAN
  if (idt_ko_has_hangul(s, n)) {
    rc = korean_forms(s, n, out, cap, &used, &nforms);
    if (rc < 0)
      return rc;
    if (nforms)
      return nforms;
  }
#endif
  idt_buf_init(&lb, 1 << 14);
  rc = text_latin(s, n, &lb);
  if (!rc && lb.len)
    nforms += add_form(lb.p, lb.len, out, cap, &used, nforms);
  idt_buf_free(&lb);
  return rc < 0 ? rc : nforms;
}
