/*
 * nicknames.c - common given-name diminutives and the formal name they
 * stand for (Ben Netanyahu ~ Benjamin Netanyahu, Ted Doe ~ Theodore Doe,
 * Misha ~ Mikhail, Bibi ~ Benjamin, Pancho ~ Francisco) and the written
 * short forms of Muhammad (Mohd, Muhd: Malaysia, Singapore, Brunei; Mhd).
 * Hand-written from common English, Russian, Hebrew, Spanish and Malay
 * usage; a diminutive with two
 * formal names (Ted: Theodore, Edward) takes the first.
 * Short forms that are also Korean or Chinese name syllables (Sam, Jon,
 * Don, Dan) or the Arabic article (Al) are left out: they would give every
 * KIM CHOL SAM a second, wrong, form. forms.c adds the formal form as an
 * alternative; the name as written is always kept.
 */
#include <string.h>
#include "text/text_int.h"

typedef struct { const char *nick, *formal; } nick_row;

/* sorted by nick (binary search) */
static const nick_row rows[] = {
  { "abe", "abraham" }, { "alex", "alexander" }, { "andy", "andrew" },
  { "avi", "avraham" }, { "barb", "barbara" }, { "becky", "rebecca" },
  { "ben", "benjamin" }, { "beni", "benjamin" }, { "benny", "benjamin" },
  { "beth", "elizabeth" }, { "beto", "alberto" }, { "betty", "elizabeth" },
  { "bibi", "benjamin" }, { "bill", "william" }, { "billy", "william" },
  { "bob", "robert" }, { "bobby", "robert" }, { "cathy", "catherine" },
  { "charlie", "charles" }, { "chris", "christopher" }, { "chucho", "jesus" },
  { "chuck", "charles" }, { "chuy", "jesus" }, { "danny", "daniel" }, { "dave", "david" },
  { "debbie", "deborah" }, { "dick", "richard" }, { "dima", "dmitry" },
  { "doug", "douglas" }, { "dudi", "david" }, { "eddie", "edward" },
  { "fred", "frederick" }, { "freddie", "frederick" }, { "goyo", "gregorio" },
  { "greg", "gregory" }, { "hank", "henry" }, { "harry", "henry" },
  { "itzik", "yitzhak" }, { "jeff", "jeffrey" }, { "jenny", "jennifer" },
  { "jerry", "gerald" }, { "jim", "james" }, { "jimmy", "james" }, { "joe", "joseph" },
  { "joey", "joseph" }, { "johnny", "john" }, { "kate", "katherine" },
  { "kathy", "katherine" }, { "katya", "ekaterina" }, { "kobi", "yaakov" },
  { "kolya", "nikolai" }, { "kostya", "konstantin" }, { "lalo", "eduardo" },
  { "larry", "lawrence" }, { "liz", "elizabeth" }, { "lupe", "guadalupe" },
  { "lyosha", "aleksey" }, { "maggie", "margaret" }, { "masha", "maria" },
  { "matt", "matthew" }, { "memo", "guillermo" }, { "mhd", "muhammad" }, { "mick", "michael" },
  { "mike", "michael" }, { "misha", "mikhail" }, { "mohd", "muhammad" }, { "moti", "mordechai" },
  { "muhd", "muhammad" },
  { "nacho", "ignacio" }, { "natasha", "natalia" }, { "nick", "nicholas" },
  { "olya", "olga" }, { "paco", "francisco" }, { "pancho", "francisco" },
  { "peggy", "margaret" }, { "pepe", "jose" }, { "pete", "peter" }, { "petya", "pyotr" },
  { "quique", "enrique" }, { "rick", "richard" }, { "rob", "robert" },
  { "robbie", "robert" }, { "ron", "ronald" }, { "sasha", "alexander" },
  { "seryozha", "sergey" }, { "shmulik", "shmuel" }, { "slava", "vyacheslav" },
  { "steve", "steven" }, { "sveta", "svetlana" }, { "tanya", "tatyana" },
  { "ted", "theodore" }, { "teddy", "theodore" }, { "tim", "timothy" },
  { "tolya", "anatoly" }, { "tom", "thomas" }, { "tommy", "thomas" },
  { "tony", "anthony" }, { "vanya", "ivan" }, { "vitya", "viktor" },
  { "volodya", "vladimir" }, { "walt", "walter" }, { "yoni", "yonatan" },
  { "yossi", "yosef" }, { "yura", "yury" }, { "zhenya", "evgeny" },
};

const char *idt__text_nickname(const char *tok, size_t n)
{
  size_t lo = 0, hi = sizeof rows / sizeof *rows;
  char w[16];
  if (n < 3 || n >= sizeof w)
    return NULL;
  memcpy(w, tok, n);
  w[n] = 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(rows[mid].nick, w);
    if (!c)
      return rows[mid].formal;
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return NULL;
}
