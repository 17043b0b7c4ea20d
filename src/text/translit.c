/*
 * translit.c - one key for the European spellings of a Slavic name.
 *
 * (Below the rules: the Ukrainian and Belarusian given names that take
 * their Russian form's key, a table.)
 *
 * A Russian, Ukrainian or Belarusian name reaches the lists through the
 * transliteration conventions of whoever wrote it down: OFAC and the UN
 * write Prigozhin, Khrushchev, Yevgeniy; the EU's German entries
 * Prigoschin, Chruschtschow, Jewgeni; French press Khrouchtchev, Evgueni;
 * Polish and Czech registries Chruszczow, Jewgienij, Abramowicz. These are
 * one name, but they differ by three to six letters, which the edit
 * distance reads as another name (score.c, variant.c). The key rewrites
 * each convention's spelling of a Cyrillic sound to one spelling, so the
 * variants of a name share it:
 *   - sibilants: sch sz zh -> sh; tsch tch cz -> ch; schtsch shtch chtch
 *     szcz -> shch; kh -> h, and ch before a consonant -> h (German and
 *     Polish x: Chruschtschow, Chruszczow);
 *   - w -> v; French ou -> u; gue gui -> ge gi; ph -> f; ck -> k; x -> ks
 *     (Maxim, Maksim; Alexei, Aleksei); gh -> q (Persian writes ق and غ
 *     alike: Ghaani, Qaani; Bagher, Baqer);
 *   - the semivowel: j or y after a vowel and before a consonant or the
 *     end is i (Sergej, Sergey, Szojgu); j elsewhere is y (Juri, Wjatscheslaw);
 *     a word-initial je ye ie is e (Jewgeni, Yevgeny); ja ia, ju iu iou,
 *     jo io are ya, yu, yo at the start, and ia iya after a consonant ya;
 *     Polish ie after a consonant is e (Miedwiediew);
 *   - endings: ii iy ij and y after a consonant at the end are i (Yuriy,
 *     Evgenii, Yevgeny); -ev -ew -ow -off -eff are -ov (Russian -ов/-ев,
 *     whose ё is written e in English and o in German); -eva -ewa -owa are
 *     -ova; a final e after a consonant goes (French Poutine, Prigojine);
 *     -ndr is -nder (Aleksandr, the English Alexander);
 *   - doubled letters once.
 * Tokens under five letters get no key, nor do tokens that read as one
 * or two pinyin syllables unless the rules leave them as they are: pinyin
 * zh and sh, ou and u are different sounds (Zhou, Shou; Lou, Lu), and
 * short names are near enough by their letters (Juri, Yuri) or too common
 * to join on a key (Juan, Yuan). Ukrainian -ych is Russian -ich.
 * A second key (idt_text_translit_key_alt) reads the letters that French,
 * German and Polish use for another sound than English does: French j
 * (zh) and ch (sh) in a word with ou, German z and Polish c (ts) in a
 * word with w. A token has it only when its letters say which convention
 * wrote it, so the English reading stays the primary one.
 * The key is an equality test only: two spellings with one key are the
 * same name in two conventions (score.c floors their similarity), and an
 * index of terms by key finds the list's spelling from the query's.
 * Folding z or j everywhere would merge more names than it joins: hence
 * the second key, only where the word shows its convention.
 */
#include <string.h>
#include "interdict/text.h"
#include "text/text_int.h"

static int vowel(char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static int letter(char c)
{
  return c >= 'a' && c <= 'z';
}

/* Where a rule may fire. */
enum { AT_ANY, AT_START, AFTER_CONS };

typedef struct rule {
  const char *from, *to;
  int where;
  size_t len;   /* strlen(from), set by the table's macro */
} rule;
#define R(from, to, where) { from, to, where, sizeof from - 1 }

/* Tried in order at each position; the first that fits is taken, so a
 * longer spelling of a sound comes before its parts. */
static const rule rules[] = {
  R("iou", "yu", AT_START),
  R("je", "e", AT_START), R("ye", "e", AT_START), R("ie", "e", AT_START),
  R("ja", "ya", AT_START), R("ia", "ya", AT_START),
  R("ju", "yu", AT_START), R("iu", "yu", AT_START),
  R("jo", "yo", AT_START), R("io", "yo", AT_START),
  R("schtsch", "shch", AT_ANY), R("shtch", "shch", AT_ANY),
  R("chtch", "shch", AT_ANY), R("szcz", "shch", AT_ANY),
  R("tsch", "ch", AT_ANY), R("tch", "ch", AT_ANY), R("cz", "ch", AT_ANY),
  R("sch", "sh", AT_ANY), R("sz", "sh", AT_ANY), R("zh", "sh", AT_ANY),
  R("kh", "h", AT_ANY), R("ph", "f", AT_ANY), R("ck", "k", AT_ANY), R("gh", "q", AT_ANY),
  R("gue", "ge", AT_ANY), R("gui", "gi", AT_ANY), R("ou", "u", AT_ANY), R("x", "ks", AT_ANY),
  R("iya", "ya", AFTER_CONS), R("ia", "ya", AFTER_CONS), R("ie", "e", AFTER_CONS),
  R("w", "v", AT_ANY),
};

/* Does rule r fit s[i..n) with the key written so far (out, o)? */
static int fits(const rule *r, const char *s, size_t i, size_t n, const char *out, size_t o)
{
  if (r->from[0] != s[i] || i + r->len > n || memcmp(s + i, r->from, r->len))
    return 0;
  if (r->where == AT_START)
    return i == 0;
  if (r->where == AFTER_CONS)
    return o > 0 && letter(out[o - 1]) && !vowel(out[o - 1]);
  return 1;
}

/* The sound of one letter that no rule rewrote: ch before a consonant is
 * x (h); j and y are the semivowel i after a vowel before a consonant or
 * the end, else j is y. */
static char one(const char *s, size_t i, size_t n, const char *out, size_t o)
{
  char c = s[i], nx = i + 1 < n ? s[i + 1] : 0;
  int after_vowel = o > 0 && vowel(out[o - 1]) && out[o - 1] != 'y';
  if (c == 'c' && nx == 'h' && i + 2 < n && letter(s[i + 2]) && !vowel(s[i + 2]) &&
      s[i + 2] != 'h')
    return 'H';   /* marks "skip the h" for the caller */
  if ((c == 'j' || c == 'y') && after_vowel && (!nx || !vowel(nx)))
    return 'i';
  if (c == 'j')
    return 'y';
  return c;
}

/* Rewrite the ending of key k (length n) in place; returns the length. */
static size_t endings(char *k, size_t n, size_t cap)
{
  if (n >= 5 && n + 2 < cap && !strcmp(k + n - 3, "ndr")) {
    k[n - 1] = 'e';   /* Aleksandr, Alexander: the English -er */
    k[n++] = 'r';
  }
  if (n >= 5 && !strcmp(k + n - 3, "ych"))
    k[n - 3] = 'i';   /* Ukrainian -ych, Russian -ich (-ович) */
  if (n >= 3 && (!strcmp(k + n - 2, "ii") || !strcmp(k + n - 2, "iy")))
    n--, k[n - 1] = 'i';
  if (n >= 3 && k[n - 1] == 'y' && !vowel(k[n - 2]))
    k[n - 1] = 'i';
  if (n >= 5 && k[n - 1] == 'v' && k[n - 2] == 'e')
    k[n - 2] = 'o';
  else if (n >= 5 && k[n - 1] == 'f' && (k[n - 2] == 'e' || k[n - 2] == 'o'))
    k[n - 2] = 'o', k[n - 1] = 'v';
  else if (n >= 6 && !strcmp(k + n - 3, "eva"))
    k[n - 3] = 'o';
  else if (n >= 5 && k[n - 1] == 'e' && !vowel(k[n - 2]))
    n--;
  k[n] = 0;
  return n;
}

/* One or two pinyin syllables (Zhou, Zhiyuan, Xiaoping)? */
static int pinyin(const char *s, size_t n)
{
  size_t a;
  if (n > 12)
    return 0;   /* a syllable has at most 6 letters */
  if (idt__text_pinyin_syllable(s, n))
    return 1;
  for (a = n > 6 ? n - 6 : 1; a < n && a <= 6; a++)
    if (idt__text_pinyin_syllable(s, a) && idt__text_pinyin_syllable(s + a, n - a))
      return 1;
  return 0;
}

/* The key of tok (5 letters or more), pinyin or not. */
static size_t key_of(const char *tok, size_t n, char *key, size_t cap)
{
  size_t i = 0, o = 0, r;
  while (i < n) {
    const char *to = NULL;
    char buf[2] = { 0, 0 };
    size_t adv = 1;
    for (r = 0; r < sizeof rules / sizeof *rules && !to; r++)
      if (fits(&rules[r], tok, i, n, key, o)) {
        to = rules[r].to;
        adv = rules[r].len;
      }
    if (!to) {   /* no rule: the letter's own sound ('H': ch before a consonant) */
      buf[0] = one(tok, i, n, key, o);
      if (buf[0] == 'H') {
        buf[0] = 'h';
        adv = 2;
      }
      to = buf;
    }
    for (; *to; to++)   /* doubled letters once */
      if (o + 1 < cap && (!o || key[o - 1] != *to))
        key[o++] = *to;
    i += adv;
  }
  key[o] = 0;
  if (o + 1 >= cap) {   /* cut short: no key rather than a wrong one */
    key[0] = 0;
    return 0;
  }
  return endings(key, o, cap);
}

/* Lowercase ASCII letters, 5 or more? */
static int keyable(const char *tok, size_t n, char *key, size_t cap)
{
  size_t i;
  if (!cap)
    return 0;
  key[0] = 0;
  if (n < 5)
    return 0;
  for (i = 0; i < n; i++)
    if (!letter(tok[i]))
      return 0;
  return 1;
}

/* Given names that are one name in two languages, spelt apart by more
 * than a convention. East Slavic: Ukrainian writes h for the Russian g and
 * i, y for its e, i (Oleksandr, Volodymyr, Hennadiy, Serhiy), Belarusian a
 * for an unstressed o (Aliaksandr, Uladzimir, Siarhei); EU and UK lists
 * romanise a Ukrainian or Belarusian name from its own language, OFAC and
 * the UN often from Russian. Arabic names in Persian: e and o for the
 * short i and u (Esmail, Hossein, Morteza). Each row gives a form the key
 * of the name's usual English form (the short ones, Oleg, Igor, Reza,
 * included on both sides, since words under five letters get no key
 * otherwise). */
typedef struct cognate {
  const char *form, *english;   /* whose key the form takes */
} cognate;

static const cognate cognates[] = {
  { "oleksandr", "aleksandr" }, { "oleksander", "aleksandr" }, { "olexandr", "aleksandr" },
  { "aliaksandr", "aleksandr" }, { "alyaksandr", "aleksandr" },
  { "oleksiy", "aleksei" }, { "oleksii", "aleksei" }, { "olexiy", "aleksei" },
  { "aliaksei", "aleksei" }, { "alyaksei", "aleksei" },
  { "volodymyr", "vladimir" }, { "uladzimir", "vladimir" },
  { "mykola", "nikolai" }, { "mikalai", "nikolai" },
  { "serhiy", "sergei" }, { "serhii", "sergei" }, { "siarhei", "sergei" },
  { "syarhei", "sergei" },
  { "dmytro", "dmitri" }, { "dzmitry", "dmitri" }, { "dzmitryi", "dmitri" },
  { "andriy", "andrei" }, { "andrii", "andrei" },
  { "oleh", "oleg" }, { "aleh", "oleg" }, { "oleg", "oleg" },
  { "ihor", "igor" }, { "ihar", "igor" }, { "igor", "igor" },
  { "yury", "yuri" }, { "yuri", "yuri" }, { "juri", "yuri" }, { "yurii", "yuri" },
  { "petro", "pyotr" }, { "piotr", "pyotr" }, { "petr", "pyotr" }, { "pyotr", "pyotr" },
  { "pavlo", "pavel" }, { "mykhailo", "mikhail" }, { "mykhaylo", "mikhail" },
  { "hryhoriy", "grigori" }, { "hryhorii", "grigori" }, { "ryhor", "grigori" },
  { "yevhen", "yevgeni" }, { "yevhenii", "yevgeni" }, { "yauhen", "yevgeni" },
  { "vasyl", "vasili" }, { "fedir", "fyodor" }, { "fedor", "fyodor" },
  { "kyrylo", "kirill" }, { "kiryl", "kirill" },
  { "heorhiy", "georgi" }, { "heorhii", "georgi" },
  { "hennadiy", "gennadi" }, { "hennadii", "gennadi" }, { "henadz", "gennadi" },
  { "halyna", "galina" }, { "bohdan", "bogdan" }, { "borys", "boris" },
  { "mykyta", "nikita" }, { "maksym", "maksim" }, { "yakiv", "yakov" },
  { "olha", "olga" }, { "volha", "olga" }, { "olga", "olga" },
  { "olena", "elena" }, { "alena", "elena" },
  { "kateryna", "ekaterina" }, { "katsiaryna", "ekaterina" },
  { "iryna", "irina" }, { "svitlana", "svetlana" }, { "sviatlana", "svetlana" },
  { "tetiana", "tatiana" }, { "tetyana", "tatiana" }, { "tatsiana", "tatiana" },
  { "hanna", "anna" }, { "anna", "anna" },
  /* Arabic given names in Persian and Arabic romanisation: Persian writes
   * e and o for the short i and u (Esmail, Hossein, Morteza) */
  { "esmail", "ismail" }, { "esmaeil", "ismail" }, { "esmaiel", "ismail" },
  { "ismael", "ismail" },
  { "hossein", "hussein" }, { "hosein", "hussein" }, { "husayn", "hussein" },
  { "hussain", "hussein" }, { "husain", "hussein" }, { "hussayn", "hussein" },
  { "ebrahim", "ibrahim" }, { "ebraheem", "ibrahim" }, { "ibraheem", "ibrahim" },
  { "eshaq", "ishaq" }, { "eshagh", "ishaq" },
  { "yousef", "yusuf" }, { "yousuf", "yusuf" }, { "youssef", "yusuf" },
  { "yussef", "yusuf" },
  { "morteza", "murtada" }, { "murtaza", "murtada" }, { "mortaza", "murtada" },
  { "mostafa", "mustafa" }, { "moustafa", "mustafa" }, { "mustapha", "mustafa" },
  { "mahmoud", "mahmud" }, { "mahmood", "mahmud" },
  { "baqer", "baqir" }, { "bagher", "baqir" }, { "sadeq", "sadiq" }, { "sadegh", "sadiq" },
  { "qasem", "qasim" }, { "ghasem", "qasim" }, { "qassem", "qasim" }, { "qassim", "qasim" },
  { "hashem", "hashim" }, { "kazem", "kazim" }, { "kadhim", "kazim" },
  { "mehdi", "mahdi" }, { "ahmed", "ahmad" }, { "mohsen", "muhsin" },
  { "hamed", "hamid" }, { "saeed", "said" }, { "saeid", "said" }, { "said", "said" },
  { "reza", "rida" }, { "ridha", "rida" }, { "rida", "rida" },
  { "gholam", "ghulam" }, { "qolam", "ghulam" }, { "golam", "ghulam" },
  { "omar", "umar" }, { "umar", "umar" },
  { "osman", "uthman" }, { "othman", "uthman" }, { "usman", "uthman" },
};

static const char *table_form(const char *tok, size_t n)
{
  size_t i;
  for (i = 0; i < sizeof cognates / sizeof *cognates; i++)
    if (cognates[i].form[0] == tok[0] && strlen(cognates[i].form) == n &&
        !memcmp(cognates[i].form, tok, n))
      return cognates[i].english;
  return NULL;
}

/* A token that reads as pinyin keeps a key only when the rules leave it
 * as it is (Sergei, Putin: pu + tin, ser + gei): then no pinyin
 * distinction (zh/sh, ou/u) is folded, and Siergiej, Poutine find it. */
size_t idt_text_translit_key(const char *tok, size_t n, char *key, size_t cap)
{
  const char *ru;
  size_t k;
  if (cap && n >= 4 && n <= 10 && (ru = table_form(tok, n)) != NULL) {
    key[0] = 0;
    return key_of(ru, strlen(ru), key, cap);
  }
  if (!keyable(tok, n, key, cap))
    return 0;
  k = key_of(tok, n, key, cap);
  if (k && pinyin(tok, n) && (k != n || memcmp(key, tok, n))) {
    key[0] = 0;
    return 0;
  }
  return k;
}

/* Does a word look like a French transcription of a Russian name: ou
 * (Joukov), a final e after a consonant and n (Prigojine, Setchine), or
 * -ski with v, which Polish would write w (Jirinovski)? */
static int french_shape(const char *tok, size_t n)
{
  size_t i;
  for (i = 0; i + 1 < n; i++)
    if (tok[i] == 'o' && tok[i + 1] == 'u')
      return 1;
  if (n >= 6 && !memcmp(tok + n - 3, "ine", 3) && !vowel(tok[n - 4]))
    return 1;
  return n >= 6 && !memcmp(tok + n - 3, "ski", 3) && memchr(tok, 'v', n) &&
         !memchr(tok, 'w', n);
}

/* The letters whose sound another convention writes with the letters
 * English uses for a different sound, rewritten to the English: French
 * (french_shape) j is zh and ch before a vowel sh (Joukov, Choigou);
 * German and Polish (a word with w) z and c are ts (Zwetkow, Cwietkow;
 * not c in ch, cz, ck). Returns the length written to out (0: none
 * applies or out is too small). */
static size_t other_reading(const char *tok, size_t n, char *out, size_t cap)
{
  int french = french_shape(tok, n), wendish = memchr(tok, 'w', n) != NULL;
  size_t i, o = 0;
  if (!french && !wendish)
    return 0;
  for (i = 0; i < n; i++) {
    char c = tok[i], nx = i + 1 < n ? tok[i + 1] : 0;
    const char *to = NULL;
    if (french && c == 'j')
      to = "zh";
    else if (french && c == 'c' && nx == 'h' && i + 2 < n && vowel(tok[i + 2]))
      to = "sh", i++;
    else if (wendish && !french && c == 'z' && (!i || tok[i - 1] != 's') &&
             (!i || tok[i - 1] != 'c'))
      to = "ts";
    else if (wendish && !french && c == 'c' && nx != 'h' && nx != 'z' && nx != 'k')
      to = "ts";
    if (o + (to ? strlen(to) : 1) + 1 > cap)
      return 0;
    if (to) {
      memcpy(out + o, to, strlen(to));
      o += strlen(to);
    } else {
      out[o++] = c;
    }
  }
  out[o] = 0;
  return o;
}

size_t idt_text_translit_key_alt(const char *tok, size_t n, char *key, size_t cap)
{
  char alt[64], prim[64];
  size_t m, k;
  if (!keyable(tok, n, key, cap) || pinyin(tok, n))
    return 0;
  if (!(m = other_reading(tok, n, alt, sizeof alt)) || (m == n && !memcmp(alt, tok, n)) ||
      !(k = key_of(alt, m, key, cap)))
    return 0;
  if (key_of(tok, n, prim, sizeof prim) == k && !memcmp(prim, key, k)) {
    key[0] = 0;   /* the same as the primary key */
    return 0;
  }
  return k;
}
