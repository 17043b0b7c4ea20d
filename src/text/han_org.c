/*
 * han_org.c - the ordinary words of a Chinese company name, in English.
 *
 * A Chinese front company is registered in Chinese (丹东鸿祥实业发展有限公司)
 * and listed in English (DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD):
 * the place and brand are transcribed, but the words that say what the
 * company does are translated. Read in pinyin alone, the two share only
 * the transcribed half (dan dong hong xiang shi ye fa zhan ~ 0.23). So a
 * name in Han characters that carries a company word (公司, 集团, 银行 ...)
 * gets one more form with the trade words of this table in English, the
 * way registries and lists translate them; the legal form is left to
 * legal.c (有限公司 -> you xian gong si -> llc).
 *
 * Only company names: two of these characters are a person's given name
 * as often as a trade word (国际 Guoji, 发展 Fazhan), hence the marker, and
 * only as an extra form beside the plain reading. Simplified and
 * traditional spellings are both rows; longer rows come first where one
 * contains another (进出口 before 出口).
 */
#include <string.h>
#include "text/text_int.h"

static const idt__word_row words[] = {
  { "进出口", "import export" }, { "進出口", "import export" },
  { "房地产", "real estate" }, { "房地產", "real estate" },
  { "实业", "industrial" }, { "實業", "industrial" },
  { "工业", "industrial" }, { "工業", "industrial" },
  { "发展", "development" }, { "發展", "development" },
  { "贸易", "trading" }, { "貿易", "trading" }, { "商贸", "trading" }, { "商貿", "trading" },
  { "国际", "international" }, { "國際", "international" },
  { "科技", "technology" }, { "技术", "technology" }, { "技術", "technology" },
  { "船务", "shipping" }, { "船務", "shipping" }, { "航运", "shipping" },
  { "航運", "shipping" }, { "海运", "shipping" }, { "海運", "shipping" },
  { "船舶", "ship" }, { "运输", "transport" }, { "運輸", "transport" },
  { "物流", "logistics" }, { "投资", "investment" }, { "投資", "investment" },
  { "控股", "holdings" }, { "能源", "energy" }, { "石油", "petroleum" },
  { "化工", "chemical" }, { "电子", "electronics" }, { "電子", "electronics" },
  { "机械", "machinery" }, { "機械", "machinery" }, { "设备", "equipment" },
  { "設備", "equipment" }, { "矿业", "mining" }, { "礦業", "mining" },
  { "银行", "bank" }, { "銀行", "bank" }, { "香港", "hong kong" },
  { "管理", "management" }, { "服务", "services" }, { "服務", "services" },
  { "咨询", "consulting" }, { "諮詢", "consulting" }, { "建设", "construction" },
  { "建設", "construction" }, { "工程", "engineering" }, { "钢铁", "steel" },
  { "鋼鐵", "steel" }, { "金属", "metals" }, { "金屬", "metals" },
  { "材料", "materials" }, { "电力", "power" }, { "電力", "power" },
  { "渔业", "fishery" }, { "漁業", "fishery" }, { "食品", "food" },
  { "医药", "pharmaceutical" }, { "醫藥", "pharmaceutical" },
  { "电气", "electric" }, { "電氣", "electric" }, { "通信", "communications" },
  { "网络", "network" }, { "網絡", "network" }, { "软件", "software" },
  { "軟件", "software" }, { "信息", "information" }, { "农业", "agriculture" },
  { "農業", "agriculture" }, { "汽车", "automobile" }, { "汽車", "automobile" },
  { "航空", "aviation" }, { "代理", "agency" }, { "中国", "china" }, { "中國", "china" },
};

/* The words that make a name a company's. */
static const char *const markers[] = {
  "公司", "集团", "集團", "银行", "銀行", "厂", "廠", "商行", "企业", "企業",
};

int idt__text_han_org(const char *s, size_t n, idt_buf *out)
{
  return idt__text_word_table(s, n, words, sizeof words / sizeof *words, markers,
                              sizeof markers / sizeof *markers, out);
}
