/*
 * explain.c - the score formula's last step and what every hit carries:
 * structured evidence (JSON: the matched alias, each token pair with its
 * similarity, unmatched tokens, each feature's value and contribution) and
 * a one-line explanation for a person reading an alert.
 */
#include <string.h>
#include "screen/explain.h"
#include "screen/clash.h"

double sc_entity_score(double name, const sc_quals *qu)
{
  double s = 0.9 * name + 0.05;
  if (qu) {
    s += qu->dob + qu->country + qu->gender;
    if (qu->ident > 0) {
      double id = qu->ident + 0.03 * name;
      if (id > s) s = id;
    }
  }
  if (s < 0) s = 0;
  if (s > 1) s = 1;
  return s;
}

/* For the unmatched query token of pair i: the unmatched list token that
 * looks alike but was judged another name (score.c, variant.c: Sancho vs
 * Sanchez), so that a reader sees why they did not pair; -1 when none. */
static int other_name_of(const sc_align *al, int i)
{
  const sc_pair *p = &al->pairs[i];
  sc_term x;
  int j;
  if (p->qi < 0 || p->ci >= 0)
    return -1;
  sc_term_init(&x, p->q, strlen(p->q));
  for (j = 0; j < al->npairs; j++) {
    const sc_pair *r = &al->pairs[j];
    sc_term y;
    if (r->qi >= 0 || r->ci < 0)
      continue;
    sc_term_init(&y, r->c, strlen(r->c));
    if (sc_tok_other_name(&x, &y, 0))
      return j;
  }
  return -1;
}

static void other_names_text(idt_buf *b, const sc_align *al)
{
  int i, j;
  for (i = 0; i < al->npairs; i++)
    if ((j = other_name_of(al, i)) >= 0)
      idt_buf_printf(b, "; '%s' vs '%s' is another name, not a misspelling",
                     al->pairs[i].q, al->pairs[j].c);
}

static void pairs_text(idt_buf *b, const sc_align *al)
{
  int i, first = 1;
  for (i = 0; i < al->npairs; i++) {
    const sc_pair *p = &al->pairs[i];
    if (p->qi < 0 || p->ci < 0)
      continue;
    idt_buf_printf(b, "%s%s%s%s", first ? "" : " ", p->q,
                   p->sim >= 0.999f ? "=" : "~", p->c);
    if (p->sim < 0.999f)
      idt_buf_printf(b, "(%.2f)", (double)p->sim);
    first = 0;
  }
  for (i = 0; i < al->npairs; i++) {
    const sc_pair *p = &al->pairs[i];
    if (p->ci < 0)
      idt_buf_printf(b, "; query '%s' unmatched", p->q);
  }
  for (i = 0; i < al->npairs; i++) {
    const sc_pair *p = &al->pairs[i];
    if (p->qi < 0)
      idt_buf_printf(b, "; list '%s' unmatched", p->c);
  }
  other_names_text(b, al);
  if (al->number_clash)
    idt_buf_puts(b, "; numbers disagree");
  if (al->korean_given_clash)
    idt_buf_puts(b, "; Korean given-name syllable differs");
  if (al->kin_swap)
    idt_buf_puts(b, "; 'son of' read the other way round (father and son swapped)");
  if (al->substitution)
    idt_buf_printf(b, "; a name differs on each side (another person or company): x%.1f",
                   SC_SUBST_FACTOR);
  if (al->org_descriptors)
    idt_buf_printf(b, "; the names agree only on words that describe an organisation "
                   "(another organisation of the same trade): x%.1f", SC_SUBST_FACTOR);
}

void sc_explain_name(idt_buf *b, const sc_name *q, const sc_name *c,
                     const sc_align *al, double score)
{
  idt_buf_printf(b, "name '%s' ~ '%s' %.2f: ", q->form, c->orig ? c->orig : c->form, score);
  pairs_text(b, al);
  if (q->cut)
    idt_buf_puts(b, "; query filled to a payment field's width: its cut last word left out");
}

void sc_explain_hit(idt_buf *b, const sc_name *q, const sc_name *c,
                    const sc_align *al, double name, const sc_quals *qu)
{
  if (qu && qu->ident > 0)
    idt_buf_printf(b, "%s %s matches exactly", qu->ident_note, qu->ident_val);
  if (q && c && al) {
    if (qu && qu->ident > 0)
      idt_buf_puts(b, "; ");
    sc_explain_name(b, q, c, al, name);
  }
  if (qu && qu->dob_note)
    idt_buf_printf(b, "; birth date %s %s", qu->dob_val, qu->dob_note);
  if (qu && qu->country_note)
    idt_buf_printf(b, "; country %s %s", qu->country_val, qu->country_note);
  if (qu && qu->gender_note)
    idt_buf_printf(b, "; gender %s", qu->gender_note);
}

static void feature(idt_buf *b, int *first, const char *name, const char *value,
                    double contrib)
{
  idt_buf_printf(b, "%s{\"feature\":\"%s\",\"value\":", *first ? "" : ",", name);
  idt_buf_json_str(b, value ? value : "", value ? strlen(value) : 0);
  idt_buf_printf(b, ",\"contribution\":%.4f}", contrib);
  *first = 0;
}

size_t sc_features(const sc_name *q, const sc_name *c, double name, const sc_quals *qu,
                   sc_feature out[SC_MAX_FEATURES])
{
  size_t n = 0;
  if (q && c) {
    out[n].name = "name";
    out[n].value = c->orig ? c->orig : c->form;
    out[n++].contribution = 0.9 * name + 0.05;
  }
  if (qu && qu->ident > 0) {
    out[n].name = qu->ident_note;
    out[n].value = qu->ident_val;
    out[n++].contribution = qu->ident + 0.03 * name;
  }
  if (qu && qu->dob_note) {
    out[n].name = "birthDate";
    out[n].value = qu->dob_val;
    out[n++].contribution = qu->dob;
  }
  if (qu && qu->country_note) {
    out[n].name = "country";
    out[n].value = qu->country_val;
    out[n++].contribution = qu->country;
  }
  if (qu && qu->gender_note) {
    out[n].name = "gender";
    out[n].value = qu->gender_note;
    out[n++].contribution = qu->gender;
  }
  return n;
}

void sc_evidence_json(idt_buf *b, const sc_name *q, const sc_name *c,
                      const sc_align *al, double name, const sc_quals *qu,
                      double total)
{
  sc_feature fs[SC_MAX_FEATURES];
  size_t nf = sc_features(q, c, name, qu, fs), k;
  int i, first = 1;
  idt_buf_puts(b, "{");
  if (q && c && al) {
    idt_buf_puts(b, "\"name\":{\"query\":");
    idt_buf_json_str(b, q->form, strlen(q->form));
    idt_buf_puts(b, ",\"matched\":");
    idt_buf_json_str(b, c->orig ? c->orig : c->form, strlen(c->orig ? c->orig : c->form));
    idt_buf_puts(b, ",\"matched_form\":");
    idt_buf_json_str(b, c->form, strlen(c->form));
    idt_buf_printf(b, ",\"weak_alias\":%s,\"query_cut\":%s,\"score\":%.4f,\"pairs\":[",
                   c->weak ? "true" : "false", q->cut ? "true" : "false", name);
    for (i = 0; i < al->npairs; i++) {
      const sc_pair *p = &al->pairs[i];
      idt_buf_puts(b, i ? ",[" : "[");
      if (p->qi >= 0) idt_buf_json_str(b, p->q, strlen(p->q)); else idt_buf_puts(b, "null");
      idt_buf_putc(b, ',');
      if (p->ci >= 0) idt_buf_json_str(b, p->c, strlen(p->c)); else idt_buf_puts(b, "null");
      idt_buf_printf(b, ",%.3f]", (double)p->sim);
    }
    idt_buf_puts(b, "],\"other_names\":[");
    for (i = 0, k = 0; i < al->npairs; i++) {
      int j = other_name_of(al, i);
      if (j < 0)
        continue;
      idt_buf_puts(b, k++ ? ",[" : "[");
      idt_buf_json_str(b, al->pairs[i].q, strlen(al->pairs[i].q));
      idt_buf_putc(b, ',');
      idt_buf_json_str(b, al->pairs[j].c, strlen(al->pairs[j].c));
      idt_buf_putc(b, ']');
    }
    idt_buf_printf(b, "],\"number_clash\":%s,\"korean_given_clash\":%s,"
                   "\"kin_swap\":%s,\"substitution\":%s,\"org_descriptors_only\":%s},",
                   al->number_clash ? "true" : "false",
                   al->korean_given_clash ? "true" : "false",
                   al->kin_swap ? "true" : "false",
                   al->substitution ? "true" : "false",
                   al->org_descriptors ? "true" : "false");
  }
  idt_buf_puts(b, "\"features\":[");
  for (k = 0; k < nf; k++)
    feature(b, &first, fs[k].name, fs[k].value, fs[k].contribution);
  idt_buf_printf(b, "],\"score\":%.4f}", total);
}
