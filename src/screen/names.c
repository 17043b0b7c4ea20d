/*
 * names.c - query names: raw text through the text pipeline into scorer
 * terms, with weights looked up in the index vocabulary when there is one.
 * The same pipeline prepares list names in index.c (normalise once).
 */
#include <ctype.h>
#include <string.h>
#include "screen/names.h"

/* Split a form ("kim jong-un") into token slices and the hyphen mask. */
size_t sc_form_split(const char *form, idt_str *toks, size_t max, uint32_t *joined)
{
  size_t n = 0;
  const char *p = form;
  *joined = 0;
  while (*p && n < max) {
    const char *s = p;
    while (*p && *p != ' ' && *p != '-')
      p++;
    toks[n].p = s;
    toks[n].len = (size_t)(p - s);
    if (*p == '-' && n < 32)
      *joined |= 1u << n;
    n++;
    if (*p)
      p++;
  }
  return n;
}

int sc_korean_shape(const idt_str *toks, size_t n)
{
#ifdef IDT_HAVE_KOREAN
  return n >= 2 && idt_ko_name_shape(toks, (int)n) > 0;
#else
  (void)toks;
  (void)n;
  return 0;
#endif
}

int sc_korean_name(const idt_str *toks, size_t n, int cjk)
{
  return cjk != SC_CJK_HAN_PINYIN && sc_korean_shape(toks, n);
}

/* One more form of a vessel's first one (sc_vessel_syllables,
 * sc_vessel_joined); the new count. */
static int add_vessel_form(char *forms, size_t cap, int nf, uint8_t *hflags,
                           size_t (*make)(const char *, char *, size_t))
{
  char sy[IDT_TEXT_MAX_FORM];
  size_t used = 0, l;
  const char *p = forms;
  int k;
  for (k = 0; k < nf; k++) {
    used += strlen(p) + 1;
    p += strlen(p) + 1;
  }
  l = make(forms, sy, sizeof sy);
  if (!l || used + l + 1 > cap)
    return nf;
  memcpy(forms + used, sy, l + 1);
  hflags[nf] = 0;
  return nf + 1;
}

int sc_forms(const char *raw, int kind, char *forms, size_t cap, uint8_t *hflags)
{
  size_t rl;
  int nf, k;
  char vname[256], vbase[256];
  if (kind & SC_NAME_VESSEL) {
    raw += sc_vessel_prefix(raw);
    if (sc_vessel_suffix(raw, vbase, sizeof vbase))
      raw = vbase;
    if (sc_vessel_numeral(raw, vname, sizeof vname))
      raw = vname;
  }
  rl = strlen(raw);
  nf = kind & SC_NAME_PERSON ? idt_text_person_forms(raw, rl, forms, cap) :
       kind & SC_NAME_ORG ? idt_text_org_forms(raw, rl, forms, cap) :
                            idt_text_name_forms(raw, rl, forms, cap);
  int han = nf > 0 && idt_text_han_only(raw, rl);
  for (k = 0; k < nf && k < IDT_TEXT_MAX_FORMS + 1; k++)
    hflags[k] = han ? (k ? SC_CJK_HAN : SC_CJK_HAN_PINYIN) : 0;
  /* (below IDT_TEXT_MAX_FORMS: the Hangul block may add one more) */
  if ((kind & SC_NAME_VESSEL) && nf > 0 && nf < IDT_TEXT_MAX_FORMS && !han)
    nf = add_vessel_form(forms, cap, nf, hflags, sc_vessel_syllables);
  if ((kind & SC_NAME_VESSEL) && nf > 0 && nf < IDT_TEXT_MAX_FORMS && !han)
    nf = add_vessel_form(forms, cap, nf, hflags, sc_vessel_joined);
#ifdef IDT_HAVE_KOREAN
  if (nf > 0 && idt_ko_has_hangul(raw, rl)) {
    /* Hangul on both sides is compared strictly in RR, where every
     * vowel is kept apart (jong != jeong): add the RR spelling as its own
     * form, marked 2; the other variants are marked 1. */
    idt_buf rr;
    size_t used = 0;
    const char *p = forms;
    for (k = 0; k < nf; k++) {
      hflags[k] = 1;
      used += strlen(p) + 1;
      p += strlen(p) + 1;
    }
    idt_buf_init(&rr, 4096);
    if (idt_ko_romanize(raw, rl, IDT_KO_RR, &rr) == 0 && rr.len) {
      char f2[IDT_TEXT_MAX_FORM];
      int n2 = idt_text_name_forms(rr.p, rr.len, f2, sizeof f2);
      size_t l = n2 > 0 ? strlen(f2) : 0;
      if (l && used + l + 1 <= cap) {
        memcpy(forms + used, f2, l + 1);
        hflags[nf++] = 2;
      }
    }
    idt_buf_free(&rr);
  }
#endif
  return nf;
}

static int add_form(sc_qnames *q, const char *form, int weak, int cjk,
                    sc_lookup_fn lookup, void *ctx)
{
  idt_str toks[SC_MAX_TOKS];
  uint32_t joined;
  size_t n, i, fi;
  sc_name *nm;
  if (q->n >= SC_MAX_QNAMES)
    return 0;
  fi = q->n;
  {
    size_t fl = strlen(form);
    if (fl >= sizeof q->forms[fi])
      fl = sizeof q->forms[fi] - 1;
    memcpy(q->forms[fi], form, fl);
    q->forms[fi][fl] = 0;
  }
  n = sc_form_split(q->forms[fi], toks, SC_MAX_TOKS, &joined);
  if (!n || q->nterms + n > SC_MAX_QTERMS)
    return 0;
  nm = &q->names[q->n++];
  memset(nm, 0, sizeof *nm);
  nm->t = &q->ptrs[q->nterms];
  nm->n = (uint16_t)n;
  nm->weak = (uint8_t)weak;
  nm->joined = joined;
  nm->form = q->forms[fi];
  nm->cjk = (uint8_t)cjk;
  nm->korean = (uint8_t)sc_korean_name(toks, n, nm->cjk);
  nm->org = q->org != 0;
  for (i = 0; i < n; i++) {
    sc_term *t = &q->terms[q->nterms];
    const sc_term *known = lookup ? lookup(ctx, toks[i].p, toks[i].len) : NULL;
    if (known) {
      /* the vocabulary term of the same spelling has the same keys
       * (sc_term_init of the same letters): copy, not recompute */
      *t = *known;
      t->s = toks[i].p;
    } else {
      sc_term_init(t, toks[i].p, toks[i].len);
    }
    t->qid = (uint32_t)q->nterms + 1;
    if (known) {
      t->w = t->particle && known->w > 0.3f ? 0.3f : known->w;
      t->df = known->df;
      t->id = known->id;
    } else if (t->kind == IDT_TOK_LEGAL || t->kind == IDT_TOK_INITIAL) {
      t->w = sc_weight(t->kind, 0, 0);
    }
    q->ptrs[q->nterms++] = t;
  }
  sc_name_masks(nm);
  return 1;
}

/* Was raw cut at a payment message's field width? SWIFT MT name lines
 * (fields 50/59) hold 35 characters, ISO 20022 names 140: a name of
 * exactly that many characters, ending in a letter or digit, may end in
 * half a word ("... BELKASSEM DR" for DRISSI). */
static int cut_at_field_width(const char *raw)
{
  size_t n = 0, i, last = 0;
  for (i = 0; raw[i]; i++)
    if (((unsigned char)raw[i] & 0xC0) != 0x80) {
      n++;
      last = i;
    }
  return (n == 35 || n == 140) && ((raw[last] >= 'a' && raw[last] <= 'z') ||
                                   (raw[last] >= 'A' && raw[last] <= 'Z') ||
                                   (raw[last] >= '0' && raw[last] <= '9'));
}

/* The form without its last word (at least two words left): what a name
 * cut inside its last word certainly says. Not when the last word is one
 * of the lists' words of four letters or more (with a vocabulary to ask):
 * a long word cut in two is rarely a word, and dropping a whole surname
 * would pair relatives; fragments of two or three letters are list words
 * by chance (DR, from a title) and stay suspect. */
static void add_uncut_form(sc_qnames *q, const char *form, int weak, int cjk,
                           sc_lookup_fn lookup, void *ctx)
{
  char f[IDT_TEXT_MAX_FORM];
  const char *sp = strrchr(form, ' ');
  size_t l = sp ? (size_t)(sp - form) : 0;
  const char *w = strrchr(form, '-') > sp ? strrchr(form, '-') : sp;
  const sc_term *known;
  if (!l || l >= sizeof f || !memchr(form, ' ', l))
    return;
  if (lookup && strlen(w + 1) >= 4 && (known = lookup(ctx, w + 1, strlen(w + 1))) &&
      known->id != UINT32_MAX)
    return;
  memcpy(f, form, l);
  f[l] = 0;
  if (add_form(q, f, weak, cjk, lookup, ctx))
    q->names[q->n - 1].cut = 1;
}

int sc_qnames_add(sc_qnames *q, const char *raw, const char *orig, int weak,
                  sc_lookup_fn lookup, void *ctx)
{
  char forms[(IDT_TEXT_MAX_FORMS + 1) * IDT_TEXT_MAX_FORM];
  uint8_t hf[IDT_TEXT_MAX_FORMS + 1];
  int nf, k;
  const char *p = forms;
  size_t first = q->n;
  if (!raw || !*raw)
    return 0;
  nf = sc_forms(raw, (q->person ? SC_NAME_PERSON : 0) | (q->vessel ? SC_NAME_VESSEL : 0) |
                     (q->org ? SC_NAME_ORG : 0),
                forms, sizeof forms, hf);
  if (nf < 0)
    return nf;
  for (k = 0; k < nf; k++) {
    add_form(q, p, weak, hf[k], lookup, ctx);
    p += strlen(p) + 1;
  }
  if (nf > 0 && !q->list_side && cut_at_field_width(raw))
    add_uncut_form(q, forms, weak, hf[0], lookup, ctx);
  nf = idt_text_query_forms(raw, strlen(raw), forms, sizeof forms);   /* Wade-Giles, PLA China */
  for (k = 0, p = forms; k < nf; k++, p += strlen(p) + 1)
    add_form(q, p, weak, 0, lookup, ctx);
  {
    int abjad = idt_text_has_abjad(raw, strlen(raw));
    for (; first < q->n; first++) {
      q->names[first].orig = orig ? orig : raw;
      q->names[first].abjad = abjad;
    }
  }
  return 0;
}
