/*
 * interdict/text.h - name normalisation for matching.
 *
 * One pipeline for list names and queries (normalise once, at the edge; the
 * scorer sees pre-normalised tokens):
 *   1. pure ASCII input takes a fast path (no ICU);
 *   2. Hangul goes through the Korean module's romanisation variants
 *      (DPRK/McCune-Reischauer, RR, Yale) when it is built in;
 *   3. anything else: ICU "NFKC; casefold; Han-Latin/Names; Russian-Latin/BGN;
 *      Any-Latin; Latin-ASCII" (one compound transliterator cached per
 *      thread: ICU transliterators are not thread-safe; words it provably
 *      leaves alone skip Han-Latin/Names, with identical output);
 *   4. ASCII tokenisation: dots and apostrophes deleted (CH'OL -> chol,
 *      U.S.A. -> usa), hyphens split but remembered (a "joined" mark on the
 *      token, so jong-un is both jong+un and jongun), other punctuation
 *      separates;
 *   5. legal forms and organisation abbreviations rewritten to one canonical
 *      token across languages (Co., Ltd. / GmbH / OOO / you xian gong si ->
 *      llc; SHPG -> shipping; GRP -> group), kept as low-weight tokens,
 *      never deleted.
 *
 * A "form" is a NUL-terminated string of lowercase ASCII tokens separated by
 * ' ' or '-' (the latter meaning "hyphenated to the next token").
 */
#ifndef INTERDICT_TEXT_H
#define INTERDICT_TEXT_H
#include <stddef.h>
#include <stdint.h>
#include "interdict/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Token kinds. */
enum {
  IDT_TOK_WORD = 0,
  IDT_TOK_NUMBER = 1,   /* all digits: must agree (NAM SAN 6 != NAM SAN 8) */
  IDT_TOK_LEGAL = 2,    /* canonical legal form (llc, jsc, plc, corp, co) */
  IDT_TOK_INITIAL = 3   /* one letter */
};

/* Longest form kept; longer names are cut at a token boundary. */
#define IDT_TEXT_MAX_FORM 512
/* Most forms one name yields (Hangul variants). */
#define IDT_TEXT_MAX_FORMS 8

/* Normalise name s (valid UTF-8, n bytes) into 1..IDT_TEXT_MAX_FORMS forms
 * written into out (cap bytes) one after another, each NUL-terminated.
 * Returns the number of forms (0 when the name has no letters or digits),
 * or a negative IDT_E* (IDT_ENOMEM, IDT_EUNSUP when ICU fails). */
int idt_text_name_forms(const char *s, size_t n, char *out, size_t cap);

/* The same for a person's name (FtM Person): legal forms are not
 * canonicalised, since PAO, SA or AO there are surnames, not joint-stock
 * companies. */
int idt_text_person_forms(const char *s, size_t n, char *out, size_t cap);

/* The same for an organisation's name (FtM Organization and its
 * descendants): two consonants written together are an acronym, never a
 * person's initials (TK BANK is not t k bank). */
int idt_text_org_forms(const char *s, size_t n, char *out, size_t cap);

/* Is a normalised token a word that describes what an organisation is or
 * does (bank, trading, shipping, industrial, international; in English
 * and the lists' other languages, src/text/org_words.c) rather than which
 * one it is? Place names and nationalities are not. 1 or 0. */
int idt_text_org_descriptor(const char *tok, size_t n);
/* Is a normalised token a nationality or a region (korean, iranian, asia)?
 * Countries' own names are idt_country_code's (ingest.h). 1 or 0. */
int idt_text_nationality(const char *tok, size_t n);

/* Classify a normalised token. */
int idt_text_token_kind(const char *tok, size_t n);

/* NYSIIS phonetic key (Taft 1970, original rules) of a lowercase ASCII
 * token, at most 8 characters + NUL into key (cap >= 9). Returns the key
 * length (0 for a token with no letters). */
size_t idt_text_nysiis(const char *tok, size_t n, char *key, size_t cap);

/* Consonant skeleton (vowels a e i o u y w and h after a consonant...
 * dropped, doubled letters collapsed): compares abjad transliterations
 * without vowels (mhmd) with vowelled spellings (mohamed). Returns length. */
size_t idt_text_consonants(const char *tok, size_t n, char *out, size_t cap);

/* One key for the English, German, French, Polish and Czech spellings of
 * a Slavic name (Prigozhin, Prigoschin; Khrushchev, Chruschtschow,
 * Khrouchtchev, Chruszczow; Yevgeny, Jewgeni): each convention's spelling
 * of a Cyrillic sound rewritten to one (src/text/translit.c); the
 * Ukrainian and Belarusian forms of a given name get its Russian form's
 * key (Oleksandr, Aliaksandr: Aleksandr). Lowercase ASCII letters, 5 or
 * more (4 for a given name of that table) and not pinyin, in; returns the
 * key length, 0 (and "") for other tokens or when cap is too small. */
size_t idt_text_translit_key(const char *tok, size_t n, char *key, size_t cap);

/* The key of the token's other reading, where a convention writes a sound
 * with letters English reads as another (French j, ch: Joukov, Choigou;
 * German and Polish z, c: Zwetkow, Cwietkow): the same key, of the token
 * with those letters in the English spelling. 0 (and "") when no such
 * letter is in it or the key is the primary's. */
size_t idt_text_translit_key_alt(const char *tok, size_t n, char *key, size_t cap);

/* Length of the 'Abd al- prefix of a lowercase word (abd and the longest
 * article after it that leaves at least rest letters: "abdulmalik" -> 5,
 * "abdurrahman" -> 5, "abdallah" -> 5), 0 when it does not start with
 * "abd" followed by rest letters or more. */
size_t idt_text_abd_prefix(const char *s, size_t n, size_t rest);

/* The initials of an organisation's name, for matching it when it is
 * named by them ("People's Liberation Army" -> "pla"): the first letter of
 * each word, articles, prepositions, conjunctions and legal forms skipped.
 * Written into out (cap > 6) NUL-terminated; returns its length, 3 to 6, or
 * 0 (fewer than three such words, more than six, or a number). */
size_t idt_text_org_acronym(const char *s, size_t n, char *out, size_t cap);
/* The same with the initial of a company, corporation or limited form
 * kept (Korea Kwangson Banking Corp -> "kkbc", National Iranian Oil
 * Company -> "nioc", as such organisations are often known); 0 when the
 * name has no such form, so the acronym would be the one above. */
size_t idt_text_org_acronym_legal(const char *s, size_t n, char *out, size_t cap);

/* Forms a name gets as a query, beside idt_text_name_forms: a Wade-Giles
 * name read in pinyin (Hsi Chin-p'ing -> xi jin-ping), a capitalised
 * acronym followed by country names alone (PLA China -> pla). Written as
 * idt_text_name_forms writes; returns their number (0 none) or IDT_E*.
 * Query side only: see docs/design/names.md for why list names do not
 * get them. */
int idt_text_query_forms(const char *s, size_t n, char *out, size_t cap);

/* Is name s written in Han characters alone (Chinese, or Japanese kanji
 * without kana; punctuation and blanks aside, no letter of another
 * script)? Its first form is then the pinyin of one token per character. */
int idt_text_han_only(const char *s, size_t n);
/* Does name s hold Arabic or Hebrew script, abjads whose names are read
 * as their consonants (sm bn ldn)? */
int idt_text_has_abjad(const char *s, size_t n);

/* Is the Korean romanisation module built in (Hangul -> DPRK/RR/Yale)? */
int idt_text_has_korean(void);

/* Are Japanese readings of kanji names on (MeCab and a dictionary found
 * through its configuration, /etc/mecabrc)? Loads the dictionary on the
 * first call; when it cannot, warns once on stderr and returns 0. */
int idt_text_has_japanese(void);

/* Release this thread's cached ICU transliterator (optional; threads that
 * normalised text may call it before exiting). */
void idt_text_thread_cleanup(void);

/* Forget this thread's memo of transliterated words but keep the ICU
 * transliterators open (opening the two costs ~1 G instructions, once a
 * thread): benchmarks start a cold pass with it. */
void idt_text_memo_reset(void);

#ifdef __cplusplus
}
#endif
#endif
