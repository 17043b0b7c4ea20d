/*
 * abjad.c - a name written in Arabic script, read as its consonants.
 *
 * Arabic script writes the long vowels (alif, waw, ya) and not the short
 * ones, so its Latin transliteration is neither a vowelled spelling nor a
 * consonant skeleton: أسامة بن لادن comes out "asamt bn ladn", where the
 * alifs give a's, the hamza's vowel (U, O) is lost and the final ta
 * marbuta, said -a in a name (Usama, Fatima, Hamza), is a t. Against
 * OFAC's USAMA BIN LADIN that scores 0.27. So the Latin of Arabic script
 * (forms.c) drops the ta marbuta and every vowel letter, "sm bn ldn":
 * vowel-less tokens are compared with a vowelled spelling by their
 * consonant skeletons (score.c's abjad pairs), which is what the script
 * gives. It replaces the plain reading rather than joining it: one more
 * form per Arabic query cost 10% more instructions over the bench's
 * queries (its alignments), and the plain reading added nothing the
 * skeleton does not match. The article al is written apart and keeps its
 * vowel (a lone l would be an
 * initial): الظواهري is al zwhry, as lists write AL-ZAWAHIRI.
 */
#include <string.h>
#include "text/text_int.h"

static int vowel(char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Does the UTF-8 at s (n bytes left) spell alif lam (U+0627 U+0644)
 * followed by a letter of the word? */
static int article_at(const char *s, size_t n)
{
  /* not Allah (الله), a word of its own (Abd Allah: Abdullah) */
  if (n >= 8 && !memcmp(s, "\xD8\xA7\xD9\x84\xD9\x84\xD9\x87", 8) &&
      (n == 8 || s[8] == ' '))
    return 0;
  return n > 4 && !memcmp(s, "\xD8\xA7\xD9\x84", 4) && (unsigned char)s[4] >= 0xD8;
}

/* s without its ta marbuta (U+0629, D8 A9) and with the article al
 * written apart from its word (الزهراء: al zhr), into b. */
static int respell(const char *s, size_t n, idt_buf *b)
{
  size_t i = 0;
  int rc = 0, start = 1;
  while (i < n && !rc) {
    if (i + 1 < n && (unsigned char)s[i] == 0xD8 && (unsigned char)s[i + 1] == 0xA9) {
      i += 2;
      continue;
    }
    if (start && article_at(s + i, n - i)) {
      rc = idt_buf_append(b, s + i, 4);
      if (!rc)
        rc = idt_buf_putc(b, ' ');
      i += 4;
      start = 0;
      continue;
    }
    start = s[i] == ' ';
    rc = idt_buf_putc(b, s[i++]);
  }
  return rc;
}

/* Latin lat with the vowels of each word dropped, into out; 1 when a
 * vowel went, 0 when none did. */
static int consonants_only(const char *lat, size_t n, idt_buf *out)
{
  size_t i = 0;
  int dropped = 0, rc = 0;
  while (i < n && !rc) {
    size_t j = i, k, cons = 0;
    while (j < n && lat[j] != ' ' && lat[j] != '-')
      j++;
    for (k = i; k < j; k++)
      cons += !vowel(lat[k]);
    if (cons == 0 || (j - i == 2 && !memcmp(lat + i, "al", 2))) {
      rc = idt_buf_append(out, lat + i, j - i);   /* a vowel alone, the article */
    } else {
      for (k = i; k < j && !rc; k++) {
        if (vowel(lat[k]))
          dropped = 1;
        else
          rc = idt_buf_putc(out, lat[k]);
      }
    }
    if (j < n && !rc)
      rc = idt_buf_putc(out, lat[j]);
    i = j + 1;
  }
  return rc < 0 ? rc : dropped;
}

int idt__text_abjad_form(const char *s, size_t n, idt_buf *out)
{
  idt_buf raw, lat;
  int rc;
  idt_buf_init(&raw, n + 16);
  idt_buf_init(&lat, 4 * n + 64);
  rc = respell(s, n, &raw);
  if (!rc && raw.len)
    rc = idt__text_latin(raw.p, raw.len, &lat);
  if (!rc && lat.len)
    rc = consonants_only(lat.p, lat.len, out);
  idt_buf_free(&raw);
  idt_buf_free(&lat);
  return rc;
}
