/*
 * ko_org.c - the ordinary words of a Korean organisation's name, in
 * English.
 *
 * DPRK organisations are named in Korean without spaces (조선련봉총회사,
 * 단천상업은행) and listed in English (KOREA RYONBONG GENERAL CORPORATION,
 * TANCHON COMMERCIAL BANK): the proper name is transcribed, the words that
 * say what the organisation is are translated, and 조선 (Choson, the DPRK's
 * name for Korea) becomes Korea. Romanised alone, the two share only the
 * transcribed part (jo son-ryon-pong-chong-hoe-sa ~ 0.14). So a Hangul name
 * that carries an organisation word (회사, 은행, 총국 ...) gets one more form:
 * the words of this table in English, the rest romanised as running words
 * in the DPRK's McCune-Reischauer (련봉 -> ryonbong).
 *
 * Only organisations (forms.c never calls this for a person), and only as
 * an extra form beside the plain readings. The table holds the North's
 * spellings (initial ㄹ kept: 련합, 로동) and the South's (연합, 노동);
 * longer rows come first where one contains another (총회사 before 회사).
 */
#include <string.h>
#include "text/text_int.h"
#include "text/korean.h"

static const idt__word_row words[] = {
  { "총회사", "general corporation" }, { "회사", "company" }, { "공사", "corporation" },
  { "상업은행", "commercial bank" }, { "무역은행", "trade bank" }, { "신용은행", "credit bank" },
  { "은행", "bank" }, { "정찰총국", "reconnaissance general bureau" },
  { "총국", "general bureau" }, { "조선", "korea" }, { "광업", "mining" },
  { "개발", "development" }, { "무역", "trading" }, { "상사", "trading company" },
  { "해운", "shipping" }, { "해사", "maritime" }, { "원양", "ocean" }, { "관리", "management" },
  { "대외", "foreign" }, { "합영", "joint venture" }, { "합작", "joint venture" },
  { "련합", "associated" }, { "연합", "associated" }, { "기술", "technology" },
  { "국제", "international" }, { "화학", "chemical" }, { "공업", "industry" },
  { "기계", "machinery" }, { "수출입", "import export" }, { "전자", "electronics" },
  { "석유", "oil" }, { "에네르기", "energy" }, { "에너지", "energy" },
  { "군수", "munitions" }, { "원자력", "atomic energy" }, { "중앙", "central" },
  { "위원회", "committee" }, { "로동당", "workers party" }, { "노동당", "workers party" },
  { "선박", "ship" }, { "운수", "transport" }, { "운송", "transport" },
  { "투자", "investment" }, { "금융", "financial" }, { "보험", "insurance" },
  { "그룹", "group" }, { "기업", "enterprise" }, { "공장", "factory" },
  { "연구소", "research institute" }, { "연구원", "research institute" },
  { "대학", "university" }, { "항공", "airlines" }, { "철도", "railway" },
};

/* The words that make a name an organisation's. */
static const char *const markers[] = {
  "회사", "공사", "은행", "총국", "상사", "그룹", "기업", "공장", "위원회",
  "연구소", "연구원", "대학", "항공", "로동당", "노동당",
};

int idt__text_ko_org(const char *s, size_t n, idt_buf *out)
{
  idt_buf mix;
  int rc;
  idt_buf_init(&mix, 1 << 12);
  rc = idt__text_word_table(s, n, words, sizeof words / sizeof *words, markers,
                            sizeof markers / sizeof *markers, &mix);
  if (rc > 0 && (rc = idt_ko_romanize_text(mix.p, mix.len, IDT_KO_MR, out)) == 0)
    rc = 1;
  idt_buf_free(&mix);
  return rc;
}
