/*
 * text_int.h - what the files of src/text share (internal, not installed).
 */
#ifndef IDT_TEXT_INT_H
#define IDT_TEXT_INT_H
#include <stddef.h>
#include "interdict/text.h"
#include "common/buf.h"

/* Longest legal phrase at toks[0] (legal.c); sets *canon. */
/* Is s one of the articles after 'Abd (al, el, ul, ur, us, ash ...)? */
int idt__text_abd_article(const char *s, size_t n);
size_t idt__text_legal_match(const char *const *toks, const size_t *lens,
                             size_t ntoks, const char **canon);

/* Is tok (lowercase) a legal form that may be glued to the end of a word:
 * 1 when only a CamelCase boundary may split it (ag, sa: "SiemensAG"),
 * 2 when it may be split anywhere (gmbh, llc, ltd: "SIEMENSGMBH"), 0 no. */
int idt__text_glued_legal(const char *tok, size_t n);
/* The organisation descriptor table (which 0) and the nationality table
 * (which 1) of org_words.c, for the test of their order. */
size_t idt__text_org_words(const char *const **out, int which);

/* Number words, ordinals and Roman numerals at toks[0] (numbers.c): the
 * digit spelling ("44", "1st", "3") written into out (cap >= 24) and the
 * number of tokens it replaces, or 0. first: toks[0] is the name's first
 * token (Roman numerals are never taken there). */
size_t idt__text_number_match(const char *const *toks, const size_t *lens, size_t ntoks,
                              int first, char *out, size_t cap);
/* Tokens of one form (normalize.c). */
#define IDT__MAX_TOKS 64
typedef struct idt__toks {
  const char *p[IDT__MAX_TOKS];
  size_t len[IDT__MAX_TOKS];
  int joined[IDT__MAX_TOKS];          /* hyphenated to the next token */
  unsigned char camel[IDT__MAX_TOKS]; /* offset of a lower->Upper change, 0 none */
  size_t n;
  char store[IDT_TEXT_MAX_FORM];
  size_t used;
} idt__toks;

/* The forms being written for one name: out (cap bytes), n forms so far. */
/* Rows of a static table by first byte (byte_index.c): the rows of byte c
 * are order[start[c]] .. order[start[c + 1]] - 1; len[i] is row i's key
 * length up to the first byte of stop. */
typedef struct idt__byte_index {
  int built;
  unsigned char start[129];
  unsigned char order[255];
  unsigned char len[255];
} idt__byte_index;
void idt__byte_index_build(idt__byte_index *x, const char *(*key)(size_t i), size_t n,
                           const char *stop);

/* What a name is known to name: anything, a person, an organisation. */
#define IDT__NAME_ANY 0
#define IDT__NAME_PERSON 1
#define IDT__NAME_ORG 2

typedef struct idt__forms {
  char *out;
  size_t cap, used;
  int n;
  int person;    /* IDT__NAME_*: a person's name has no legal forms
                  * (idt_text_person_forms), an organisation's no
                  * initials (idt_text_org_forms) */
} idt__forms;

/* Tokenise (mostly) ASCII text, any case. */
void idt__text_tokenize(const char *s, size_t n, idt__toks *t);
/* Emit tokens as a form (numbers and legal phrases canonicalised) unless it
 * duplicates an earlier form or the forms are full: 1 when added, else 0. */
int idt__text_add_toks(const idt__toks *t, idt__forms *f);
/* Tokenise, split glued legal forms ("SiemensAG"), read an assimilated
 * Arabic article as al (idt__text_sun_article) and drop a numero sign
 * (idt__text_numero). */
void idt__text_prepare(const char *s, size_t n, idt__toks *t);
/* The Arabic article assimilated to a sun letter (az-Zawahiri, ash-Shami,
 * ad-Din) read as al, the noun kept (article.c); idt__text_prepare calls it. */
void idt__text_sun_article(idt__toks *t);
/* The numero sign before a number dropped: "Nam San No. 8", "No.8" are
 * Nam San 8 (numbers.c); idt__text_prepare calls it. */
void idt__text_numero(idt__toks *t);
/* A Chinese company name (one holding 公司, 集团, 银行 ...) with its trade
 * words in English (实业 industrial, 贸易 trading: han_org.c) appended to
 * out: 1 when a word was translated, 0 when none or not a company's, < 0
 * on error. */
int idt__text_han_org(const char *s, size_t n, idt_buf *out);
/* Is the n bytes at w one of the words of a table sorted in strcmp order
 * (word_table.c)? Words of cap bytes or more are in none. */
int idt__text_in_sorted(const char *w, size_t n, const char *const *tab, size_t ntab,
                        size_t cap);
/* A table row: a word of the source script and its English. */
typedef struct idt__word_row {
  const char *src, *en;
} idt__word_row;
/* When s holds one of the markers, s with the rows' words in English
 * between blanks appended to out (word_table.c): 1 when a word was
 * translated, 0 (out unchanged) when none or no marker, < 0 on error. */
int idt__text_word_table(const char *s, size_t n, const idt__word_row *rows, size_t nrows,
                         const char *const *markers, size_t nmarkers, idt_buf *out);
/* The same for a Korean organisation's name in Hangul (one holding 회사,
 * 은행, 총국 ...): its words in English, the rest romanised (DPRK
 * McCune-Reischauer, running words), appended to out (ko_org.c). */
int idt__text_ko_org(const char *s, size_t n, idt_buf *out);
/* A name in Arabic script as its consonants: Latin without the ta marbuta
 * and the vowel letters, the article apart ("sm bn ldn"), appended to out
 * (abjad.c; forms.c reads Arabic script so): 1 when a vowel was dropped,
 * 0 when none was, < 0 on error. */
int idt__text_abjad_form(const char *s, size_t n, idt_buf *out);
/* idt__text_prepare, then idt__text_add_toks. */
int idt__forms_init(idt__forms *f, char *out, size_t cap);
int idt__text_add_form(const char *s, size_t n, idt__forms *f);
/* Any script to Latin through ICU (memoised per word, CJK whole):
 * 0 or IDT_EUNSUP/IDT_EUTF8/IDT_ENOMEM. */
int idt__text_latin(const char *s, size_t n, idt_buf *out);
/* idt__text_latin as it was before its fast paths (every non-ASCII piece
 * through the full ICU chain, no memo): the reference tests compare to. */
int idt__text_latin_ref(const char *s, size_t n, idt_buf *out);

/* The formal given name a diminutive stands for ("ben" -> "benjamin"), or
 * NULL (nicknames.c). */
const char *idt__text_nickname(const char *tok, size_t n);

/* Wade-Giles to pinyin (wade_giles.c): 1 and the pinyin spelling of ASCII
 * name s in out when every word is a Wade-Giles syllable and the spelling
 * changes, else 0. Letters with diacritics (ü ê ŭ) and typographic
 * apostrophes are read as their ASCII letters; any other non-ASCII: 0. */
int idt__text_wade_giles(const char *s, size_t n, idt_buf *out);
/* A Chinese name in Cyrillic (Palladius) read in pinyin, appended to out
 * (palladius.c): 1, or 0 when it is not two or three words that each
 * parse (out unchanged). */
int idt__text_palladius(const char *s, size_t n, idt_buf *out);
/* Could lowercase w be one pinyin syllable (wade_giles.c)? */
int idt__text_pinyin_syllable(const char *w, size_t n);

/* A query written as a capitalised acronym plus country names ("PLA
 * China"): the acronym alone as one more form (acronym.c). */
void idt__text_acronym_query_form(const char *s, size_t n, idt__forms *f);

/* The form with "%" written " percent" (numbers.c), when s has one. */
void idt__text_percent_form(const char *s, size_t n, idt__forms *f);

/* Khmer (khmer.c): is there any; the romanised text into out (0); the
 * forms of the romanised name (idt_text_name_forms' result). */
int idt__text_has_khmer(const char *s, size_t n);
int idt__text_khmer(const char *s, size_t n, idt_buf *out);
int idt__text_khmer_forms(const char *s, size_t n, char *out, size_t cap);

/* The Japanese reading of a name in kanji or kana (japanese.c): 山田太郎 ->
 * "yamada taro" written into out (cleared first). 1 when written; 0 when
 * the text is not plausibly a Japanese name (Han-only text that MeCab does
 * not read as surname + given name, Chinese names included) or MeCab is
 * off; IDT_ENOMEM/IDT_EUNSUP from the transliteration. */
int idt__ja_reading(const char *s, size_t n, idt_buf *out);
/* Free this thread's MeCab tagger and lattice (idt_text_thread_cleanup). */
void idt__ja_thread_cleanup(void);

#endif
