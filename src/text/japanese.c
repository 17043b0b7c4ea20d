/*
 * japanese.c - the Japanese reading of a name in kanji or kana (山田太郎 ->
 * yamada taro), an alternative form for idt_text_name_forms (forms.c).
 *
 * A kanji has several readings and the one a name uses is fixed only by a
 * name dictionary, so the reading comes from MeCab with IPADIC (Debian's
 * libmecab2 + mecab-ipadic-utf8): its person-name entries (名詞,固有名詞,人名,
 * 姓/名) carry the pronunciation in katakana with long vowels written as ー
 * (太郎 タロー, 佐藤 サトー, 大野 オーノ). The ー is dropped and ICU turns the
 * katakana into Latin, which gives Hepburn without macrons, as lists and
 * passports write these names (Taro, Sato, Ono). Rejected: kakasi (readings
 * without part-of-speech tags, so no gate: 李明 -> sumomo mei; no vowel
 * length: satou, inoue alike; global state), ICU alone (Han-Latin is
 * Mandarin: shan tian tai lang). docs/design/japanese.md has the measures.
 *
 * The gate. Han text is Chinese far more often than Japanese, and IPADIC has
 * Chinese names too (李 姓 + 明 名, 周 + 恩来), so Han-only text gets a reading
 * only when MeCab reads every piece of it as a person-name entry, with at
 * least two pieces, a surname of two characters or more first or last, and
 * no one-character surname: Japanese surnames are mostly two characters
 * (山田, 佐々木), Chinese ones mostly one (read_nodes has the details).
 * Japanese names with a one-character surname (林, 森) get no reading; that
 * is the price of keeping Chinese names off Japanese list entries. Text with
 * kana is Japanese whatever MeCab makes of it: its reading is taken as is,
 * and there the long vowels a writer spells out in kana (たろう, ゆうき) are
 * also shortened (ou, oo -> o; uu -> u), as Hepburn writes them.
 *
 * Threads: one MeCab model (the dictionary, read-only) per process, opened
 * once; a tagger and a lattice per thread (MeCab's documented use), freed by
 * idt_text_thread_cleanup. Without MeCab's configuration or dictionary the
 * readings are off and a one-line warning goes to stderr once; nothing
 * fails.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <mecab.h>
#include <unicode/utf8.h>
#include "text/text_int.h"

/* Longest text read (bytes): a person's name is far shorter. */
#define JA_MAX_TEXT 1024

static pthread_once_t model_once = PTHREAD_ONCE_INIT;
static mecab_model_t *model;
static _Thread_local mecab_t *tl_tagger;
static _Thread_local mecab_lattice_t *tl_lattice;

static void model_open(void)
{
  /* "" = MeCab's own configuration: $MECABRC, ~/.mecabrc, /etc/mecabrc */
  model = mecab_model_new2("");
  if (!model)
    fprintf(stderr, "interdict: Japanese readings of kanji names are off: MeCab "
            "could not load a dictionary (%s); install mecab-ipadic-utf8\n",
            mecab_strerror(NULL));
}

int idt_text_has_japanese(void)
{
  (void)pthread_once(&model_once, model_open);
  return model != NULL;
}

void idt__ja_thread_cleanup(void)
{
  if (tl_lattice)
    mecab_lattice_destroy(tl_lattice);
  if (tl_tagger)
    mecab_destroy(tl_tagger);
  tl_lattice = NULL;
  tl_tagger = NULL;
}

static int tagger_ready(void)
{
  if (tl_tagger && tl_lattice)
    return 1;
  if (!idt_text_has_japanese())
    return 0;
  if (!tl_tagger)
    tl_tagger = mecab_model_new_tagger(model);
  if (!tl_lattice)
    tl_lattice = mecab_model_new_lattice(model);
  return tl_tagger && tl_lattice;
}

static int is_kana(UChar32 c)
{
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309F) ||
         (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FD && c <= 0x30FF) ||
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9D);
}

static int is_han(UChar32 c)
{
  return (c >= 0x3400 && c < 0xA000) || (c >= 0xF900 && c < 0xFB00) ||
         (c >= 0x20000 && c < 0x30000) || c == 0x3005;   /* 々 佐々木 */
}

/* Separators between the words of a name: space, ideographic space, the
 * middle dots (・ ･ ·), ー (the long-vowel mark, read as a vowel length). */
static int is_sep(UChar32 c)
{
  return c == ' ' || c == 0x3000 || c == 0x30FB || c == 0xFF65 || c == 0xB7 ||
         c == 0x30FC || c == 0xFF70 || c == ',' || c == '.' || c == '-';
}

/* 1 kana (a Japanese reading whatever MeCab says), 0 Han only (three
 * characters or more), -1 something else (Latin letters, Hangul, digits:
 * not a Japanese name as written). */
static int text_kind(const char *s, size_t n)
{
  int32_t i = 0, len = n > 4096 ? 4096 : (int32_t)n;
  int kana = 0, han = 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (is_kana(c))
      kana = 1;
    else if (is_han(c))
      han++;
    else if (!is_sep(c))
      return -1;
  }
  /* Han only: gate_ok needs a surname of two characters and another
   * piece, so fewer than three characters never pass (and MeCab is
   * spared the two-character Chinese names) */
  return kana ? 1 : (han >= 3 ? 0 : -1);
}

/* Split a MeCab feature (comma-separated) into at most max fields. */
static size_t fields(const char *feat, const char **f, size_t *fl, size_t max)
{
  size_t k = 0;
  while (k < max) {
    const char *c = strchr(feat, ',');
    f[k] = feat;
    fl[k] = c ? (size_t)(c - feat) : strlen(feat);
    k++;
    if (!c)
      break;
    feat = c + 1;
  }
  return k;
}

static int field_is(const char *f, size_t l, const char *w)
{
  return l == strlen(w) && !memcmp(f, w, l);
}

/* What one node tells the gate. */
typedef struct ja_node {
  int person, sur, sep;       /* 人名; 人名 姓; a separator symbol */
  const char *read;           /* katakana reading, or NULL */
  size_t readlen;
} ja_node;

static void node_read(const mecab_node_t *nd, ja_node *o)
{
  const char *f[9];
  size_t fl[9], nf = fields(nd->feature, f, fl, 9);
  memset(o, 0, sizeof *o);
  o->sep = nf > 0 && field_is(f[0], fl[0], "記号");
  o->person = nf > 3 && field_is(f[1], fl[1], "固有名詞") && field_is(f[2], fl[2], "人名");
  o->sur = o->person && field_is(f[3], fl[3], "姓");
  if (nf > 8 && !field_is(f[8], fl[8], "*")) {
    o->read = f[8];                      /* pronunciation: タロー */
    o->readlen = fl[8];
  } else if (nf > 7 && !field_is(f[7], fl[7], "*")) {
    o->read = f[7];                      /* reading: タロウ */
    o->readlen = fl[7];
  } else if (text_kind(nd->surface, nd->length) == 1) {
    o->read = nd->surface;               /* kana MeCab does not know */
    o->readlen = nd->length;
  }
}

static size_t codepoints(const char *s, size_t n)
{
  size_t i, k = 0;
  for (i = 0; i < n; i++)
    k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

/* Append a reading without its long-vowel marks (ー U+30FC, ｰ U+FF70),
 * with a space for a middle dot (・ U+30FB, ･ U+FF65) inside it: MeCab
 * takes ヤマダ・タロー as one unknown katakana word. */
static void put_reading(idt_buf *b, const char *r, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++) {
    const unsigned char *u = (const unsigned char *)r + i;
    if (i + 2 < n && ((u[0] == 0xE3 && u[1] == 0x83 && (u[2] == 0xBC || u[2] == 0xBB)) ||
                      (u[0] == 0xEF && u[1] == 0xBD && (u[2] == 0xB0 || u[2] == 0xA5)))) {
      if (u[2] == 0xBB || u[2] == 0xA5)
        (void)idt_buf_putc(b, ' ');
      i += 2;
      continue;
    }
    (void)idt_buf_putc(b, r[i]);
  }
}

/* What the gate has seen so far (see read_nodes). */
typedef struct ja_gate {
  int all_person, short_sur, first_long, last_long, pieces, prev_sur;
} ja_gate;

static const ja_gate gate_init = {1, 0, 0, 0, 0, -1};

/* The gate: every piece a person-name entry, two pieces or more, the first
 * or the last a surname of two characters or more (surname first as
 * Japanese writes it, or last as Western lists do), and no one-character
 * surname anywhere (美玲 秋月 李 is Chinese though 秋月 is also a Japanese
 * surname). */
static int gate_ok(const ja_gate *g)
{
  return g->all_person && g->pieces >= 2 && !g->short_sur && (g->first_long || g->last_long);
}

/* Walk MeCab's best path over s, appending the readings to kb with a space
 * between words (a space or dot in the text, or the turn from surname to
 * given name) and telling g about each piece. 0 when a piece has no
 * reading (an unknown kanji), else 1. */
static int read_nodes(const char *s, size_t n, ja_gate *g, idt_buf *kb)
{
  const mecab_node_t *nd;
  char z[JA_MAX_TEXT + 1];
  /* MeCab reads the sentence up to a NUL even when given its length
   * (a strlen in Tokenizer::lookup, found by fuzz_japanese) */
  if (n > JA_MAX_TEXT)
    return 0;
  memcpy(z, s, n);
  z[n] = 0;
  mecab_lattice_set_sentence2(tl_lattice, z, n);
  if (!mecab_parse_lattice(tl_tagger, tl_lattice))
    return 0;
  for (nd = mecab_lattice_get_bos_node(tl_lattice); nd; nd = nd->next) {
    ja_node o;
    int long_sur;
    if (nd->stat != MECAB_NOR_NODE && nd->stat != MECAB_UNK_NODE)
      continue;
    node_read(nd, &o);
    if (o.sep) {
      g->prev_sur = -1;
      continue;
    }
    if (!o.read)
      return 0;
    long_sur = o.sur && codepoints(nd->surface, nd->length) >= 2;
    g->all_person &= o.person;
    g->short_sur |= o.sur && !long_sur;
    g->first_long = g->pieces++ ? g->first_long : long_sur;
    g->last_long = long_sur;
    if (kb->len && (nd->rlength > nd->length || g->prev_sur < 0 || g->prev_sur != o.sur))
      (void)idt_buf_putc(kb, ' ');
    put_reading(kb, o.read, o.readlen);
    g->prev_sur = o.sur;
  }
  return 1;
}

/* Han-only text with spaces or dots, read one word at a time: MeCab's best
 * path over the whole text can cut across the words of a name written
 * given name first (陽一 三浦 -> 陽 一 三 浦), each word alone it reads as a
 * name (陽一, 三浦). */
static int read_words(const char *s, size_t n, ja_gate *g, idt_buf *kb)
{
  int32_t i = 0, start = 0, len = (int32_t)n;
  while (i <= len) {
    int32_t at = i;
    UChar32 c = ' ';
    if (i < len)
      U8_NEXT(s, i, len, c);
    else
      i++;
    if (!is_sep(c) || c == 0x30FC || c == 0xFF70)
      continue;
    if (at > start) {
      g->prev_sur = -1;
      if (!read_nodes(s + start, (size_t)(at - start), g, kb))
        return 0;
    }
    start = i;
  }
  return 1;
}

/* ICU's syllable-boundary apostrophe (jun'ichiro) dropped, as the
 * tokeniser would; and in kana text a long vowel written once, as Hepburn
 * does: ou, oo -> o; uu -> u (tarou, oono, yuuki -> taro, ono, yuki).
 * In place; returns the new length. */
static size_t tidy(char *s, size_t n, int kana)
{
  size_t i, w = 0;
  for (i = 0; i < n; i++) {
    char prev = w ? s[w - 1] : 0;
    if (s[i] == '\'')
      continue;
    if (kana && ((prev == 'o' && (s[i] == 'u' || s[i] == 'o')) || (prev == 'u' && s[i] == 'u')))
      continue;
    s[w++] = s[i];
  }
  return w;
}

int idt__ja_reading(const char *s, size_t n, idt_buf *out)
{
  idt_buf kb;
  ja_gate g = gate_init;
  int kind = text_kind(s, n), rc = 0, ok;
  idt_buf_clear(out);
  if (kind < 0 || n > JA_MAX_TEXT || !tagger_ready())
    return 0;
  idt_buf_init(&kb, 1 << 14);
  ok = read_nodes(s, n, &g, &kb) && (kind == 1 || gate_ok(&g));
  if (!ok && kind == 0 && g.pieces > 1) {
    idt_buf_clear(&kb);
    g = gate_init;
    ok = read_words(s, n, &g, &kb) && gate_ok(&g);
  }
  if (ok && kb.len) {
    rc = idt__text_latin(kb.p, kb.len, out);
    if (!rc && out->len) {
      out->len = tidy(out->p, out->len, kind == 1);
      out->p[out->len] = 0;
    }
    if (!rc)
      rc = out->len > 0;
  }
  idt_buf_free(&kb);
  return rc;
}
