/*
 * bench_korean.c - speed of the Korean name functions beside a peer doing
 * the same job in the same run:
 *   1. Latin tokens at index time: idt_ko_segment + idt_ko_skeleton per
 *      syllable, beside idt_text_nysiis (the phonetic key the index also
 *      computes per token). Tokens: every token of the DPRK alias pairs.
 *   2. Hangul names: idt_ko_name_variants (all variants) beside ICU's
 *      "Hangul-Latin" transliterator (one RR-like form) on 20,000 generated
 *      three-syllable names.
 * Medians of 5 runs. Usage: bench_korean [DATA_DIR] (default data/korean,
 * or $IDT_SRC/data/korean).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
#include "interdict/common.h"
#include "interdict/text.h"
#include "common/buf.h"
#include "common/util.h"
#include "text/korean.h"

#define RUNS 5
#define MAXTOK 20000
#define NNAMES 20000

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_d(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v) { qsort(v, RUNS, sizeof *v, cmp_d); return v[RUNS / 2]; }

static idt_str toks[MAXTOK];
static int ntok;
static volatile size_t sink;

static void load_tokens(const char *path, idt_buf *keep)
{
  idt_buf f;
  idt_buf_init(&f, 1 << 22);
  if (idt_read_file(path, &f) != 0) { fprintf(stderr, "%s\n", idt_error_msg()); exit(1); }
  for (size_t i = 0; i < f.len; i++) {
    char c = f.p[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (!((c >= 'a' && c <= 'z') || c == '\'')) c = ' ';
    idt_buf_putc(keep, c);
  }
  idt_buf_free(&f);
}

static void split_tokens(idt_buf *keep)
{
  char *p = keep->p, *end = keep->p + keep->len;
  while (p < end && ntok < MAXTOK) {
    while (p < end && *p == ' ') p++;
    char *e = p;
    while (e < end && *e != ' ') e++;
    if (e > p) { toks[ntok].p = p; toks[ntok].len = (size_t)(e - p); ntok++; }
    p = e;
  }
}

static void bench_tokens(void)
{
  double ours[RUNS], peer[RUNS];
  int reps = 50;
  for (int r = 0; r < RUNS; r++) {
    double t0 = now();
    for (int k = 0; k < reps; k++)
      for (int i = 0; i < ntok; i++) {
        idt_str seg[4];
        char key[16];
        int m = idt_ko_segment(toks[i].p, toks[i].len, seg, 4);
        for (int j = 0; j < m; j++) sink += (size_t)idt_ko_skeleton(seg[j].p, seg[j].len, key, sizeof key);
      }
    ours[r] = (now() - t0) / ((double)reps * ntok);
    t0 = now();
    for (int k = 0; k < reps; k++)
      for (int i = 0; i < ntok; i++) {
        char key[32];
        sink += idt_text_nysiis(toks[i].p, toks[i].len, key, sizeof key);
      }
    peer[r] = (now() - t0) / ((double)reps * ntok);
  }
  double o = median(ours), p = median(peer);
  printf("latin tokens (%d distinct-position tokens x %d):\n", ntok, reps);
  printf("  segment+skeleton  %8.1f ns/token  (%.2f M tokens/s)\n", o * 1e9, 1e-6 / o);
  printf("  nysiis (peer)     %8.1f ns/token  (%.2f M tokens/s)\n", p * 1e9, 1e-6 / p);
  printf("  ratio ours/peer   %8.2f\n", o / p);
}

static void make_names(idt_buf *names, size_t *off)
{
  static const char *sur[] = {"김", "리", "박", "최", "정", "강", "조", "윤", "장", "림", "한", "오", "서", "신", "권", "황", "안", "송", "류", "전", "홍", "고", "문", "량", "손", "배", "백", "허", "남궁", "황보"};
  static const char *giv[] = {"정", "은", "철", "영", "성", "광", "명", "일", "수", "남", "룡", "혁", "호", "진", "국", "혜", "순", "희", "학", "춘", "봉", "석", "원", "우", "길", "태", "경", "현", "민", "주"};
  unsigned long x = 12345;
  for (int i = 0; i < NNAMES; i++) {
    off[i] = names->len;
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    idt_buf_puts(names, sur[(x >> 33) % (sizeof sur / sizeof sur[0])]);
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    idt_buf_puts(names, giv[(x >> 33) % (sizeof giv / sizeof giv[0])]);
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    idt_buf_puts(names, giv[(x >> 33) % (sizeof giv / sizeof giv[0])]);
    idt_buf_putc(names, '\0');
  }
}

static void bench_hangul(void)
{
  idt_buf names, out;
  static size_t off[NNAMES];
  double ours[RUNS], peer[RUNS];
  UErrorCode st = U_ZERO_ERROR;
  UChar u[64];
  UChar id[] = {'H', 'a', 'n', 'g', 'u', 'l', '-', 'L', 'a', 't', 'i', 'n', 0};
  UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
  if (U_FAILURE(st)) { fprintf(stderr, "ICU Hangul-Latin: %s\n", u_errorName(st)); return; }
  idt_buf_init(&names, 1 << 22);
  idt_buf_init(&out, 1 << 16);
  make_names(&names, off);
  for (int r = 0; r < RUNS; r++) {
    double t0 = now();
    for (int i = 0; i < NNAMES; i++) {
      idt_buf_clear(&out);
      sink += (size_t)idt_ko_name_variants(names.p + off[i], strlen(names.p + off[i]), &out);
    }
    ours[r] = (now() - t0) / NNAMES;
    t0 = now();
    for (int i = 0; i < NNAMES; i++) {
      int32_t len = 0, lim;
      st = U_ZERO_ERROR;
      u_strFromUTF8(u, 64, &len, names.p + off[i], -1, &st);
      lim = len;
      utrans_transUChars(tr, u, &len, 64, 0, &lim, &st);
      sink += (size_t)len;
    }
    peer[r] = (now() - t0) / NNAMES;
  }
  double o = median(ours), p = median(peer);
  printf("hangul names (%d, 3 syllables):\n", NNAMES);
  printf("  name_variants     %8.2f us/name (all variants, ~8 each)\n", o * 1e6);
  printf("  ICU Hangul-Latin  %8.2f us/name (one form, peer)\n", p * 1e6);
  printf("  ratio ours/peer   %8.2f\n", o / p);
  utrans_close(tr);
  idt_buf_free(&names);
  idt_buf_free(&out);
}

int main(int argc, char **argv)
{
  char dir[1024], path[1200];
  const char *src = getenv("IDT_SRC");
  if (argc > 1) snprintf(dir, sizeof dir, "%s", argv[1]);
  else snprintf(dir, sizeof dir, "%s/data/korean", src ? src : ".");
  idt_buf keep;
  idt_buf_init(&keep, 1 << 22);
  snprintf(path, sizeof path, "%s/dprk_alias_pairs_un_1718.tsv", dir);
  load_tokens(path, &keep);
  snprintf(path, sizeof path, "%s/dprk_alias_pairs_ofac_sdn.tsv", dir);
  load_tokens(path, &keep);
  split_tokens(&keep);
  bench_tokens();
  bench_hangul();
  idt_buf_free(&keep);
  return 0;
}
