/*
 * forms.c - the forms of one name (idt_text_name_forms): the main Latin form
 * and the alternative readings that one spelling of a name cannot carry.
 *
 * The scorer takes the best pair of forms, so an alternative costs one more
 * name to score and can only raise a score: each is made only when its
 * trigger is in the text, and the ASCII path (most names) never calls ICU.
 *   - every name: titles and ranks dropped ("President Erdogan", "Mullah
 *     Mohammad Omar"), names written as
 *     "A/B" split into A and B (lists separate aliases so: Al-Qa'ida/Islamic
 *     Army), digits used as letters ("I9or Sech1n");
 *   - Latin: glued initials of a short name ("JC Juncker" -> j c juncker;
 *     not before a legal form: BP p.l.c.), given-name diminutives written
 *     out (Ben -> benjamin, nicknames.c), 'Abd al-X as one word (Abdul
 *     Hamid -> abdulhamid, Abd el Kader -> abdelkader);
 *   - Han: the Korean (Hanja) reading next to ICU's Mandarin one (金正恩 is
 *     Kim Jong Un, not Jin Zheng En) when the name can be Korean (three
 *     characters or more, none simplified: idt_ko_hanja_plausible; every
 *     Chinese name has a Korean reading, and two-character Chinese names
 *     read in Korean hit DPRK names: 李浩 -> Ri Ho ~ RI Ho Nam), and the syllables of a foreign name
 *     joined within each part of its "·" (贝拉克·奥巴马 -> beilake aobama);
 *   - Cyrillic: a Korean name written in Russian (Kontsevich: Ким Чен Ын)
 *     read back into Korean syllables (korean_cyrillic.c);
 *   - Greek: the stem without the nominative ending (Alexandros ->
 *     alexandr, for Alexander);
 *   - Arabic: 'Abd joined to the name that follows (عبد الله -> bdallh,
 *     for Abdullah: Latin writes these theophoric names as one word).
 *   - Japanese: the reading of a name in kana, or in kanji when MeCab's name
 *     dictionary reads it as surname + given name (山田太郎 -> yamada taro,
 *     japanese.c; Chinese names are kept out by its gate).
 */
#include <string.h>
#include <unicode/utf8.h>
#include <unicode/uchar.h>
#include "text/text_int.h"
#include "common/buf.h"

#if defined(__has_include)
#if __has_include("text/korean.h")
#include "text/korean.h"
#define IDT_HAVE_KOREAN 1
#endif
#endif

int idt_text_has_korean(void)
{
#ifdef IDT_HAVE_KOREAN
  return 1;
#else
  return 0;
#endif
}

enum {
  S_GREEK = 1, S_ARABIC = 2, S_HEBREW = 4, S_CYRILLIC = 8, S_HAN = 16, S_KANA = 32,
  S_HANGUL = 64, S_OTHER = 128
};

static unsigned scripts_of(const char *s, size_t n)
{
  int32_t i = 0, len = n > 4096 ? 4096 : (int32_t)n;
  unsigned f = 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0x80) continue;
    if (c >= 0x370 && c < 0x400) f |= S_GREEK;
    else if (c >= 0x1F00 && c < 0x2000) f |= S_GREEK;
    else if (c >= 0x400 && c < 0x530) f |= S_CYRILLIC;
    else if (c >= 0x590 && c < 0x600) f |= S_HEBREW;
    else if ((c >= 0x600 && c < 0x780) || (c >= 0xFB50 && c < 0xFE00) || (c >= 0xFE70 && c < 0xFF00))
      f |= S_ARABIC;
    else if ((c >= 0x3040 && c < 0x3100) || (c >= 0x31F0 && c < 0x3200)) f |= S_KANA;
    else if ((c >= 0x3400 && c < 0xA000) || (c >= 0xF900 && c < 0xFB00) || c >= 0x20000) f |= S_HAN;
    else if ((c >= 0xAC00 && c < 0xD7B0) || (c >= 0x1100 && c < 0x1200) || (c >= 0x3130 && c < 0x3190))
      f |= S_HANGUL;
    else if (c >= 0x250) f |= S_OTHER;
  }
  return f;
}

int idt_text_han_only(const char *s, size_t n)
{
  size_t i;
  int wide = 0;
  for (i = 0; i < n; i++) {
    if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
      return 0;
    wide |= (unsigned char)s[i] >= 0xE0;   /* Han needs a 3- or 4-byte sequence */
  }
  return wide && (scripts_of(s, n) & ~(unsigned)S_OTHER) == S_HAN;
}

int idt_text_has_abjad(const char *s, size_t n)
{
  return (scripts_of(s, n) & (S_ARABIC | S_HEBREW)) != 0;
}

static int is_ascii(const char *s, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 0;
  return 1;
}

static int tok_is(const idt__toks *t, size_t i, const char *w)
{
  return t->len[i] == strlen(w) && !memcmp(t->p[i], w, t->len[i]);
}

/* Write tokens [from, to) of t into b, as a form would separate them. */
static void put_toks(idt_buf *b, const idt__toks *t, size_t from, size_t to)
{
  size_t i;
  for (i = from; i < to; i++) {
    if (i > from)
      (void)idt_buf_putc(b, t->joined[i - 1] ? '-' : ' ');
    (void)idt_buf_append(b, t->p[i], t->len[i]);
  }
}

static void add_buf(idt_buf *b, idt__forms *f)
{
  if (b->len)
    (void)idt__text_add_form(b->p, b->len, f);
  idt_buf_clear(b);
}

/* Honorifics, ranks and offices written before a person's name: civil,
 * military and religious (Haji, Mullah, Maulvi ... on the Taliban and
 * ISIL lists). The name without them is an extra form: a title that stayed
 * would cost as an unmatched name, or as a substituted one against a
 * list's middle name. Left out because they are names too: Gen and Eng
 * (Chinese syllables), Emir, Imam, Prince, King, Hafiz (Hafez al-Assad
 * must not become "al-assad", a match for Bashar). */
static int is_title(const idt__toks *t, size_t i)
{
  static const char *const titles[] = {
    "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "sheikh", "shaikh", "sheik", "shaykh", "sheikha", "mme", "madame",
    "mlle", "herr", "frau", "senor", "senora", "hon", "honourable", "honorable", "mr",
    "dr", "engineer", "ing", "general", "colonel", "col", "major", "maj",
    "captain", "capt", "lieutenant", "lt", "brigadier", "brig", "admiral", "adm",
    "commander", "marshal", "sergeant", "sgt", "haji", "hajji", "alhaj", "alhaji",
    "mullah", "mulla", "maulvi", "maulavi", "mawlawi", "maulana", "mawlana", "qari",
    "ayatollah", "hojatoleslam", "minister", "senator", "governor", "judge", "rev",
    "reverend", "pastor", "bishop", "chairman", "comrade", "ambassador",
  };
  size_t k;
  if (!t->len[i])
    return 0;
  /* the first letter before tok_is's strlen: eighty words a token */
  for (k = 0; k < sizeof titles / sizeof *titles; k++)
    if (titles[k][0] == t->p[i][0] && tok_is(t, i, titles[k]))
      return 1;
  return 0;
}

static char leet(char c)
{
  static const char map[] = "oizeasgtbg";   /* 0 1 2 3 4 5 6 7 8 9 */
  return map[c - '0'];
}

/* "A/B" names two things only when each side has two words or more, one of
 * three letters or more: "A/S" (Danish aktieselskab) and "S/A" are legal
 * forms, and "LIBERATION PARTY/FRONT" is one name. */
static int slash_parts_ok(const char *s, size_t n)
{
  size_t i, run = 0;
  int word = 0, words = 0;
  for (i = 0; i <= n; i++) {
    char c = i < n ? s[i] : '/';
    int letter = ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
    if (letter) {
      if (!run++)
        words++;
      if (run >= 3)
        word = 1;
      continue;
    }
    run = 0;
    if (c == '/') {
      if (!word || words < 2)
        return 0;
      word = 0;
      words = 0;
    }
  }
  return 1;
}

/* Does a legal form follow the first word (an organisation's name)? */
static int has_legal_form(const idt__toks *t)
{
  size_t i;
  for (i = 1; i < t->n; i++) {
    const char *canon = NULL;
    if (idt__text_legal_match(t->p + i, t->len + i, t->n - i, &canon) && canon)
      return 1;
  }
  return 0;
}

static void arabic_abd(const idt__toks *t, int arabic, idt__forms *f);

/* Alternatives any Latin form can have (see the file comment). */
static void common_alternatives(const char *lat, size_t n, const idt__toks *t,
                                int latin_source, idt__forms *f)
{
  idt_buf b;
  size_t i, k;
  int any;
  if (latin_source)
    arabic_abd(t, 0, f);
  idt_buf_init(&b, IDT_TEXT_MAX_FORM * 2);
  /* titles stand before a person's name; an organisation's first word is
   * its own (ING Groep, General Dynamics) */
  for (k = 0; f->person != IDT__NAME_ORG && k + 1 < t->n && is_title(t, k); k++)
    ;
  if (k && (t->n - k >= 2 || t->len[k] >= 4)) {
    put_toks(&b, t, k, t->n);
    add_buf(&b, f);
  }
  if (memchr(lat, '/', n) && slash_parts_ok(lat, n)) {
    const char *p = lat, *end = lat + n;
    while (p < end) {
      const char *q = memchr(p, '/', (size_t)(end - p));
      if (!q) q = end;
      (void)idt_buf_append(&b, p, (size_t)(q - p));
      add_buf(&b, f);
      p = q + 1;
    }
  }
  /* digits standing for letters: a digit with letters on both sides (the
   * scan first, so that ordinary names build nothing) */
  any = 0;
  for (i = 0; i < t->n && !any; i++)
    for (k = 1; k + 1 < t->len[i]; k++)
      if (t->p[i][k] >= '0' && t->p[i][k] <= '9' && t->p[i][k - 1] >= 'a' &&
          t->p[i][k + 1] >= 'a')
        any = 1;
  for (i = 0; any && i < t->n; i++) {
    const char *w = t->p[i];
    for (k = 0; k < t->len[i]; k++) {
      char c = w[k];
      if (c >= '0' && c <= '9' && k && k + 1 < t->len[i] && w[k - 1] >= 'a' && w[k + 1] >= 'a')
        c = leet(c);
      (void)idt_buf_putc(&b, c);
    }
    (void)idt_buf_putc(&b, ' ');
  }
  if (any)
    add_buf(&b, f);
  /* a diminutive given name (Ben, Ted, Misha) written out; first word only:
   * inside Arabic names ben is "son of" */
  any = 0;
  for (i = 0; latin_source && t->n >= 2 && i < t->n; i++) {
    const char *formal = i ? NULL : idt__text_nickname(t->p[i], t->len[i]);
    if (i)
      (void)idt_buf_putc(&b, t->joined[i - 1] ? '-' : ' ');
    if (formal) {
      (void)idt_buf_puts(&b, formal);
      any = 1;
    } else {
      (void)idt_buf_append(&b, t->p[i], t->len[i]);
    }
  }
  if (any) add_buf(&b, f); else idt_buf_clear(&b);
  /* initials written together: a person's name of two or three words whose
   * first is two consonants (JC Juncker); not Dr, Mr, Jr, Sr, St, nor a
   * company's name (BP p.l.c., and any name of an organisation: TK BANK
   * read as t k bank met Kookmin Bank, Keystone Bank ... through k) */
  if (latin_source && f->person != IDT__NAME_ORG && t->n >= 2 && t->n <= 3 && t->len[0] == 2 && !has_legal_form(t) &&
      !strchr("aeiouy", t->p[0][0]) && !strchr("aeiouy", t->p[0][1]) &&
      t->p[0][0] >= 'a' && t->p[0][1] >= 'a' && !is_title(t, 0) &&
      !tok_is(t, 0, "jr") && !tok_is(t, 0, "sr") && !tok_is(t, 0, "st")) {
    (void)idt_buf_putc(&b, t->p[0][0]);
    (void)idt_buf_putc(&b, ' ');
    (void)idt_buf_putc(&b, t->p[0][1]);
    (void)idt_buf_putc(&b, ' ');
    put_toks(&b, t, 1, t->n);
    add_buf(&b, f);
  }
  idt_buf_free(&b);
}

/* Modern Greek writes b, d, g and u of other languages as the digraphs
 * mp, nt, gk and ou, and ICU's Greek-Latin is the classical one (β b, φ
 * ph, γκ nk): Ντόναλντ Τραμπ is "ntonalnt tramp", Σεργκέι Λαβρόφ
 * "sernkei labroph". w read with today's sounds into out (mp but at the
 * end, where it is mp: Trump; β v, φ f); 1 when it changed. The form is an extra one:
 * Konstantinos keeps its nt in the form as written. */
static int greek_sounds(const char *w, size_t l, char *out, size_t *ol)
{
  size_t i, o = 0;
  int any = 0;
  for (i = 0; i < l; i++) {
    char c = w[i], nx = i + 1 < l ? w[i + 1] : 0, r = 0;
    if (c == 'n' && nx == 't') r = 'd';                      /* Ντόναλντ, Βλαντιμίρ */
    else if (c == 'm' && nx == 'p' && i + 2 < l) r = 'b';    /* Ομπάμα; final: Τραμπ */
    else if ((c == 'n' || c == 'g') && nx == 'k') r = 'g';   /* Γκορμπατσόφ, Σεργκέι */
    else if (c == 'o' && nx == 'u') r = 'u';
    else if (c == 'p' && nx == 'h') r = 'f';                 /* φ: Λαβρόφ */
    if (r) {
      out[o++] = r;
      i++;
      any = 1;
    } else {
      out[o++] = c == 'b' ? 'v' : c;                         /* β: Λαβρόφ */
      any |= c == 'b';
    }
  }
  *ol = o;
  return any;
}

/* Greek: masculine and feminine nominative endings dropped from words of
 * six letters or more (alexandros, nikolaos, georgios -> alexandr, nikola,
 * georgi), for the Latin forms of the same names (Alexander, Nicholas),
 * and the digraphs read as the sounds they stand for (greek_sounds). */
/* The form with the endings of the first word (first 1) or of every word
 * (first 0) cut; 1 when it differs from the plain form. */
static int greek_form(const idt__toks *t, int first, idt_buf *b)
{
  size_t i;
  int any = 0;
  for (i = 0; i < t->n; i++) {
    char w[IDT_TEXT_MAX_FORM];
    size_t l = t->len[i];
    if (i) (void)idt_buf_putc(b, t->joined[i - 1] ? '-' : ' ');
    if (l >= sizeof w)
      l = sizeof w - 1;
    any |= greek_sounds(t->p[i], l, w, &l);
    if ((!first || i == 0) && l >= 6 && w[l - 1] == 's' && strchr("aoie", w[l - 2])) {
      l -= 2;
      any = 1;
    }
    (void)idt_buf_append(b, w, l);
  }
  return any;
}

/* Greek script: every word without its case ending, and (a Greek name
 * written given name first: Αλέξανδρος Παπαδόπουλος) the first word only,
 * since Latin spellings keep a surname's ending (Papadopoulos) and drop a
 * given name's (Alexander). */
static void greek_stems(const idt__toks *t, idt__forms *f)
{
  idt_buf b;
  idt_buf_init(&b, IDT_TEXT_MAX_FORM * 2);
  if (greek_form(t, 0, &b))
    add_buf(&b, f);
  b.len = 0;
  if (t->n >= 2 && greek_form(t, 1, &b))
    add_buf(&b, f);
  idt_buf_free(&b);
}

/* Arabic: 'Abd al-X, "servant of X", is one name however it is written:
 * from Arabic script "bd" (the ayin dropped) or "abd" and the next word;
 * in Latin letters also Abdul, Abdel, Abdur, Abdus ... and the next word,
 * or Abd, an article and the next word. Joined, it counts as one name
 * rather than two: ABDULHAI ABDUL GHAFOOR SALEK is ABDULHAI SALEK with a
 * father's name, not with two names more. */
/* Is token i the prefix alone: abd (bd from Arabic script, the ayin
 * dropped), or in Latin letters abd with its article (abdul, abdur ...)? */
static int abd_prefix(const idt__toks *t, size_t i, int arabic)
{
  if (arabic)
    return tok_is(t, i, "abd") || tok_is(t, i, "bd");
  return t->len[i] >= 3 && idt_text_abd_prefix(t->p[i], t->len[i], 0) == t->len[i];
}

static int article(const idt__toks *t, size_t i)
{
  return idt__text_abd_article(t->p[i], t->len[i]);
}

static void arabic_abd(const idt__toks *t, int arabic, idt__forms *f)
{
  idt_buf b;
  size_t i;
  int any = 0;
  for (i = 0; i + 1 < t->n && !abd_prefix(t, i, arabic); i++)
    ;
  if (i + 1 >= t->n)
    return;   /* most names: no prefix with a word after it, no buffer */
  idt_buf_init(&b, IDT_TEXT_MAX_FORM * 2);
  for (i = 0; i < t->n; i++) {
    if (i) (void)idt_buf_putc(&b, ' ');
    (void)idt_buf_append(&b, t->p[i], t->len[i]);
    if (abd_prefix(t, i, arabic) && i + 1 < t->n) {
      /* Latin "Abd al-Rahman": the article and the word after it */
      size_t k = !arabic && i + 2 < t->n && article(t, i + 1) ? 2 : 1;
      if (!arabic && k == 1 && article(t, i + 1))
        continue;   /* "Abdul al" ends the name: nothing to join */
      for (; k; k--) {
        i++;
        (void)idt_buf_append(&b, t->p[i], t->len[i]);
      }
      any = 1;
    }
  }
  if (any) add_buf(&b, f);
  idt_buf_free(&b);
}

/* Arabic: a word and Allah (نصر الله, nsr llh) or a word and al-Din
 * (نور الدين, nwr al dyn) are one name, which Latin letters mostly write
 * as one word: Nasrallah, Hizballah, Noureddine (the article's l is not
 * said before the sun letter d: ad-Din). An extra form with each such
 * pair joined (nsrllh, nwrdyn), whose consonant skeleton meets the Latin
 * word's; 'Abd Allah is arabic_abd's. */
static int theophoric_tail(const idt__toks *t, size_t i, size_t *skip)
{
  if (t->len[i] == 3 && !memcmp(t->p[i], "llh", 3)) {
    *skip = 0;
    return 1;
  }
  if (i + 1 < t->n && t->len[i] == 2 && !memcmp(t->p[i], "al", 2) && t->len[i + 1] == 3 &&
      !memcmp(t->p[i + 1], "dyn", 3)) {
    *skip = 1;   /* the article */
    return 1;
  }
  return 0;
}

static void arabic_compounds(const idt__toks *t, idt__forms *f)
{
  idt_buf b;
  size_t i, skip;
  int any = 0;
  for (i = 1; i < t->n && !theophoric_tail(t, i, &skip); i++)
    ;
  if (i >= t->n)
    return;   /* most names: nothing to join, no buffer */
  idt_buf_init(&b, IDT_TEXT_MAX_FORM * 2);
  for (i = 0; i < t->n; i++) {
    int prefix = t->len[i] == 2 && !memcmp(t->p[i], "bd", 2);   /* 'Abd: arabic_abd */
    if (i) (void)idt_buf_putc(&b, ' ');
    (void)idt_buf_append(&b, t->p[i], t->len[i]);
    if (i + 1 < t->n && !prefix && !(t->len[i] == 2 && !memcmp(t->p[i], "al", 2)) &&
        theophoric_tail(t, i + 1, &skip)) {
      i += 1 + skip;
      (void)idt_buf_append(&b, t->p[i], t->len[i]);
      any = 1;
    }
  }
  if (any) add_buf(&b, f);
  idt_buf_free(&b);
}

/* Han: a foreign name in Chinese characters separates its words with a
 * middle dot; the syllables between dots are one word (beilake aobama). */
static void han_foreign(const char *lat, size_t n, idt__forms *f)
{
  idt_buf b;
  size_t i;
  int any = 0;
  idt_buf_init(&b, IDT_TEXT_MAX_FORM * 2);
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)lat[i];
    if (c == 0xC2 && i + 1 < n && (unsigned char)lat[i + 1] == 0xB7) {   /* U+00B7 */
      (void)idt_buf_putc(&b, ' ');
      i++;
      any = 1;
    } else if (c == 0xE3 && i + 2 < n && (unsigned char)lat[i + 1] == 0x83 &&
               (unsigned char)lat[i + 2] == 0xBB) {                      /* U+30FB */
      (void)idt_buf_putc(&b, ' ');
      i += 2;
      any = 1;
    } else if (c != ' ') {
      (void)idt_buf_putc(&b, (char)c);
    }
  }
  if (any) add_buf(&b, f);
  idt_buf_free(&b);
}

/* A Chinese company's name with its trade words in English (han_org.c),
 * read in Latin like the name itself, as one more form. */
static int han_org_form(const char *s, size_t n, idt__forms *f)
{
  idt_buf hb, lb;
  idt__toks t;
  int rc;
  idt_buf_init(&hb, IDT_TEXT_MAX_FORM * 4);
  idt_buf_init(&lb, IDT_TEXT_MAX_FORM * 4);
  rc = idt__text_han_org(s, n, &hb);
  if (rc > 0 && (rc = idt__text_latin(hb.p, hb.len, &lb)) == 0 && lb.len) {
    idt__text_prepare(lb.p, lb.len, &t);
    (void)idt__text_add_toks(&t, f);
  }
  idt_buf_free(&hb);
  idt_buf_free(&lb);
  return rc < 0 ? rc : 0;
}

#ifdef IDT_HAVE_KOREAN
/* A Korean organisation's name with its words in English (ko_org.c),
 * first: the plain readings' variants may fill the forms. A name known
 * to be an organisation's without such a word (청송련합, GREEN PINE's
 * CHONGSONG YONHAP) is read as running words in the DPRK's romanisation
 * (chongsongryonhap, which the aligner meets by merging the list's words),
 * not only as a person's surname and given name (chong song-ryon-hap). */
static int ko_org_form(const char *s, size_t n, idt__forms *f)
{
  idt_buf kb;
  idt__toks t;
  int rc;
  idt_buf_init(&kb, IDT_TEXT_MAX_FORM * 4);
  rc = idt__text_ko_org(s, n, &kb);
  if (rc == 0 && f->person == IDT__NAME_ORG && idt_ko_romanize_text(s, n, IDT_KO_MR, &kb) == 0)
    rc = 1;
  if (rc > 0 && kb.len) {
    idt__text_prepare(kb.p, kb.len, &t);
    (void)idt__text_add_toks(&t, f);
  }
  idt_buf_free(&kb);
  return rc < 0 ? rc : 0;
}
#endif

/* Kanji or kana: the Japanese reading, when japanese.c gives one. */
static int japanese_form(const char *s, size_t n, idt__forms *f)
{
  idt_buf jb;
  int rc;
  idt_buf_init(&jb, IDT_TEXT_MAX_FORM * 4);
  rc = idt__ja_reading(s, n, &jb);
  if (rc > 0)
    (void)idt__text_add_form(jb.p, jb.len, f);
  idt_buf_free(&jb);
  return rc < 0 ? rc : 0;
}

#ifdef IDT_HAVE_KOREAN
/* The first (McCune-Reischauer) romanisation of a Hangul name, as a form. */
static int hangul_form(const char *h, size_t n, idt__forms *f, int all)
{
  idt_buf vb;
  int rc, k;
  const char *p;
  idt_buf_init(&vb, 1 << 16);
  rc = idt_ko_name_variants(h, n, &vb);
  p = vb.p;
  for (k = 0; k < rc && f->n < IDT_TEXT_MAX_FORMS; k++) {
    size_t l = strlen(p);
    (void)idt__text_add_form(p, l, f);
    p += l + 1;
    if (!all)
      break;
  }
  idt_buf_free(&vb);
  return rc == IDT_EINVAL ? 0 : (rc < 0 ? rc : 0);
}

/* Han with a Korean reading: the name as Hanja (金正恩 -> 김정은). */
static int han_korean(const char *s, size_t n, idt__forms *f)
{
  idt_buf hb;
  int rc;
  idt_buf_init(&hb, 1 << 14);
  rc = idt_ko_hanja_to_hangul(s, n, &hb);
  if (rc > 0)
    rc = hangul_form(hb.p, hb.len, f, 0);
  idt_buf_free(&hb);
  return rc < 0 ? rc : 0;
}

/* Cyrillic spelling of a Korean name (Ким Чен Ын): its Korean readings. */
static int cyrillic_korean(const char *s, size_t n, idt__forms *f)
{
  idt_buf hb;
  int rc, k;
  const char *p;
  idt_buf_init(&hb, 1 << 14);
  rc = idt_ko_cyrillic_to_hangul(s, n, 3, &hb);
  p = hb.p;
  for (k = 0; k < rc; k++) {
    size_t l = strlen(p);
    int r2 = hangul_form(p, l, f, 0);
    if (r2 < 0) { rc = r2; break; }
    p += l + 1;
  }
  idt_buf_free(&hb);
  return rc < 0 ? rc : 0;
}
#endif

/* Cyrillic spelling of a Chinese name (Си Цзиньпин): its pinyin. */
static int cyrillic_chinese(const char *s, size_t n, idt__forms *f)
{
  idt_buf b;
  int rc;
  idt_buf_init(&b, 256);
  rc = idt__text_palladius(s, n, &b);
  if (rc > 0)
    rc = idt__text_add_form(b.p, b.len, f);
  idt_buf_free(&b);
  return rc < 0 ? rc : 0;
}

/* An empty form list writing into out (shared by the name and query forms). */
int idt__forms_init(idt__forms *f, char *out, size_t cap)
{
  if (!out || cap < 2)
    return idt_error_set(IDT_EINVAL, "text: output buffer too small");
  out[0] = 0;
  f->out = out;
  f->cap = cap;
  f->used = 0;
  f->n = 0;
  f->person = 0;
  return 0;
}

/* Invisible format characters (Unicode Cf: joiners, soft hyphens,
 * direction marks, a byte-order mark) out of s into buf: they are not
 * letters, and the tokenizer would split a word at them. The Persian
 * zero-width non-joiner stays a break between the parts of a compound
 * (پزشک‌فر, Pezeshk-far, is not Pezeshkian), except after the silent heh
 * that writes the vowel e before a suffix (خامنه‌ای, Khamene-i): both go,
 * as the Latin spelling has neither the h of the consonant reading
 * (abjad.c) nor the break. s itself when nothing goes (or when it does
 * not fit). */
static const char *drop_format(const char *s, size_t *n, char *buf, size_t cap)
{
  int32_t i = 0, len = (int32_t)*n, o = 0, prev, last = -1;
  UChar32 lc = 0;
  int dropped = 0;
  if (*n >= cap)
    return s;
  while (i < len) {
    UChar32 c;
    prev = i;
    U8_NEXT(s, i, len, c);
    if (c >= 0 && u_charType(c) == U_FORMAT_CHAR &&
        (c != 0x200C || (last >= 0 && (lc == 0x0647 || lc == 0x06C1 || lc == 0x06D5)))) {
      if (c == 0x200C)
        o = last;   /* the silent heh */
      dropped = 1;
      last = -1;
      continue;
    }
    last = o;
    lc = c;
    memcpy(buf + o, s + prev, (size_t)(i - prev));
    o += i - prev;
  }
  if (!dropped)
    return s;
  *n = (size_t)o;
  return buf;
}

static int name_forms(const char *s, size_t n, int person, char *out, size_t cap)
{
  idt__forms f;
  idt__toks t;
  idt_buf lb;
  unsigned sc;
  int rc = 0;
  char clean[1024];
  if (idt__forms_init(&f, out, cap) < 0)
    return IDT_EINVAL;
  if (!is_ascii(s, n))
    s = drop_format(s, &n, clean, sizeof clean);
  f.person = person;
  if (is_ascii(s, n)) {
    idt__text_prepare(s, n, &t);
    if (idt__text_add_toks(&t, &f))
      common_alternatives(s, n, &t, 1, &f);
    idt__text_percent_form(s, n, &f);
    return f.n;
  }
  if (idt__text_has_khmer(s, n))   /* no ICU Khmer-Latin: khmer.c */
    return idt__text_khmer_forms(s, n, out, cap);
  sc = scripts_of(s, n);
#ifdef IDT_HAVE_KOREAN
  if (sc & S_HANGUL) {
    int org = f.n;
    if (person != IDT__NAME_PERSON && (rc = ko_org_form(s, n, &f)) < 0)
      return rc;
    /* an organisation's name in English needs no eight syllable-by-
     * syllable readings: their syllables would outweigh its words in the
     * candidates' sums (cands.c), so then only the first */
    if ((rc = hangul_form(s, n, &f, f.n == org)) < 0)
      return rc;
    if (f.n)
      return f.n;
  }
#endif
  idt_buf_init(&lb, 1 << 14);
  /* Arabic script is read as its consonants only (abjad.c): its Latin
   * with alifs as a's is neither a spelling nor a skeleton */
  rc = sc & S_ARABIC ? idt__text_abjad_form(s, n, &lb) : idt__text_latin(s, n, &lb);
  if (rc > 0)
    rc = 0;
  if (!rc && lb.len) {
    idt__text_prepare(lb.p, lb.len, &t);
    if (idt__text_add_toks(&t, &f)) {
      if (sc & S_GREEK)
        greek_stems(&t, &f);
      if (sc & S_ARABIC) {
        arabic_abd(&t, 1, &f);
        arabic_compounds(&t, &f);
      }
      if (sc & S_HAN)
        han_foreign(lb.p, lb.len, &f);
      common_alternatives(lb.p, lb.len, &t, !(sc & ~(unsigned)S_OTHER), &f);
    }
  }
  idt_buf_free(&lb);
  if (!rc && (sc & S_HAN) && person != IDT__NAME_PERSON)
    rc = han_org_form(s, n, &f);
#ifdef IDT_HAVE_KOREAN
  if (!rc && (sc & S_HAN) && !(sc & S_KANA) && idt_ko_hanja_plausible(s, n))
    rc = han_korean(s, n, &f);
  if (!rc && (sc & S_CYRILLIC))
    rc = cyrillic_korean(s, n, &f);
#endif
  if (!rc && (sc & S_CYRILLIC))
    rc = cyrillic_chinese(s, n, &f);
  if (!rc && (sc & (S_HAN | S_KANA)))
    rc = japanese_form(s, n, &f);
  return rc < 0 ? rc : f.n;
}

int idt_text_name_forms(const char *s, size_t n, char *out, size_t cap)
{
  return name_forms(s, n, IDT__NAME_ANY, out, cap);
}

int idt_text_person_forms(const char *s, size_t n, char *out, size_t cap)
{
  return name_forms(s, n, IDT__NAME_PERSON, out, cap);
}

int idt_text_org_forms(const char *s, size_t n, char *out, size_t cap)
{
  return name_forms(s, n, IDT__NAME_ORG, out, cap);
}
