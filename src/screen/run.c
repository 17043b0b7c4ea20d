/*
 * run.c - one screening query: candidates from the index, then the scorer.
 *
 * 1. The query's names are normalised (same pipeline as the lists) and each
 *    token is expanded to similar vocabulary terms: itself, terms sharing
 *    enough trigrams, the same NYSIIS key, Korean skeleton or consonant
 *    skeleton; each kept when the token similarity passes SC_SIM_MIN.
 * 2. The postings of those terms accumulate sim x weight per list name; the
 *    best CAND_NAMES names give the candidate entities, plus every entity
 *    hit by an identifier.
 * 3. Each candidate is scored: best name alignment over (query name, list
 *    name) pairs, weak aliases only on an exact form, then qualifiers.
 * Exhaustive mode skips 1-2 and scores every entity (to measure the
 * index's candidate recall against the same scorer).
 *
 * Scratch space (accumulators sized to the index) is kept per thread and
 * reused across queries of the same index generation (run_int.h). Step 1
 * is expand.c, step 2 cands.c; this file scores and builds the results.
 */
#include <stddef.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include "screen/run_int.h"
#include "screen/qual.h"
#include "screen/regcode.h"

/* ---------------------------------------------------------------- scoring */

typedef struct cand {
  uint32_t ent;
  double score, name;
  int qi;            /* best query name, -1 none */
  int verbatim;      /* the list name is spelled exactly as the query */
  uint32_t ni;       /* best list name (global index) */
  sc_quals qu;
} cand;

/* Schema compatibility answers of one query, by entity schema: a query
 * meets a handful of schemata, each walked once instead of per entity. */
typedef struct schema_memo {
  const idt_schema *s[16];
  uint8_t ok[16];
  size_t n;
} schema_memo;

static int schema_allowed(schema_memo *m, const idt_schema *qs, const idt_schema *es)
{
  size_t i;
  int ok;
  for (i = 0; i < m->n; i++)
    if (m->s[i] == es)
      return m->ok[i];
  ok = idt_schema_compatible(qs, es) || idt_schema_is_a(es, "CryptoWallet");
  if (m->n < 16) {
    m->s[m->n] = es;
    m->ok[m->n++] = (uint8_t)ok;
  }
  return ok;
}

/* One run of 20 or more letters and digits: an address, not a name
 * (addresses of every chain are longer; names have blanks or are short). */
static int looks_like_address(const char *s)
{
  size_t n = 0;
  if (!s)
    return 0;
  for (; *s; s++, n++)
    if (!isalnum((unsigned char)*s))
      return 0;
  return n >= 20;
}

/* The query with its name read as an identifier where the name is one
 * (in *wq), else q itself: a CryptoWallet's address written as its name
 * is the wallet, and not a name to compare with the holder's; an
 * aircraft's or ship's tail or hull number written as its name (EP-MMH)
 * is also an identifier, since lists give it as one (OFAC: Aircraft Tail
 * Number) under a name such as MSN 391. */
static const idt_screen_query *name_as_ident(const idt_screen_query *q, const idt_schema *qs,
                                             int wallet_q, idt_screen_query *wq)
{
  if (wallet_q && (!q->wallet || !*q->wallet) && looks_like_address(q->name)) {
    *wq = *q;
    wq->wallet = q->name;
    wq->name = NULL;
    return wq;
  }
  if (qs && (idt_schema_is_a(qs, "Airplane") || idt_schema_is_a(qs, "Vessel")) &&
      (!q->id_number || !*q->id_number) && sc_code_shaped(q->name)) {
    *wq = *q;
    wq->id_number = q->name;
    return wq;
  }
  return q;
}

/* holder: the entity holds the wallet a CryptoWallet query screens (it
 * came through the identifier index), whatever its schema: OFAC lists a
 * wallet as an identifier of its Person or Organization. */
static int ent_allowed(const idt_screen_index *ix, const ix_ent *e, const idt_schema *qs,
                       int holder, const idt_screen_opts *o, schema_memo *sm)
{
  size_t i;
  (void)ix;
  if (qs && !holder && !schema_allowed(sm, qs, e->schema))
    return 0;
  if (o->ndatasets) {
    for (i = 0; i < o->ndatasets; i++)
      if (e->dataset && !strcmp(e->dataset, o->datasets[i]))
        return 1;
    return 0;
  }
  return 1;
}

/* IMO number check digit: (d1*7 + d2*6 + ... + d6*2) mod 10 == d7. A
 * query IMO that fails it is a typo, not near-certain evidence. */
static int imo_ok(const char *v)
{
  char k[32];
  size_t n = ix_ident_key(v, k, sizeof k), i;
  int sum = 0;
  if (n != 7)
    return 0;
  for (i = 0; i < 7; i++)
    if (k[i] < '0' || k[i] > '9')
      return 0;
  for (i = 0; i < 6; i++)
    sum += (k[i] - '0') * (int)(7 - i);
  return sum % 10 == k[6] - '0';
}

/* The query's identifier keys (IMO, MMSI, passport, id number, wallet),
 * made once a query instead of once per candidate entity; len 0: none or
 * too short to count. */
typedef struct qident {
  char key[5][128];
  size_t len[5];
  int any;
} qident;

static void qident_prep(const idt_screen_query *q, qident *qi)
{
  const char *qv[5] = { q->imo && imo_ok(q->imo) ? q->imo : NULL, q->mmsi,
                        q->passport, q->id_number, q->wallet };
  size_t k;
  qi->any = 0;
  for (k = 0; k < 5; k++) {
    qi->len[k] = 0;
    if (qv[k] && *qv[k] && (qi->len[k] = ix_ident_key(qv[k], qi->key[k], sizeof qi->key[k])) < 4)
      qi->len[k] = 0;
    qi->any |= qi->len[k] > 0;
  }
}

static void ident_hit(const ix_ent *e, const qident *qi, sc_quals *qu)
{
  size_t i, k;
  if (!qi->any)
    return;
  for (k = 0; k < 5; k++) {
    const char *a = qi->key[k];
    char b[128];
    size_t al = qi->len[k];
    if (!al)
      continue;
    for (i = 0; i < e->nidents; i++)
      if (ix_ident_key(e->idents[i].value, b, sizeof b) == al && !memcmp(a, b, al)) {
        qu->ident = 0.97;
        qu->ident_note = e->idents[i].label ? e->idents[i].label : "identifier";
        snprintf(qu->ident_val, sizeof qu->ident_val, "%s", e->idents[i].value);
        return;
      }
  }
}

/* Score of query name q (number qi) against a shared list name en (see
 * sc_name.same): aligned once per query for all the names with the same
 * terms. What the caller needs of sc_name_score_min holds: the score when
 * it is >= need, else some value below need (and never above the score),
 * and the caller keeps the first name reaching the best score, so its
 * choice does not change. */
static double same_score(scratch *s, const sc_name *q, size_t qi, const sc_name *en,
                         double need)
{
  uint32_t id = en->same;
  same_cell *c = &s->same[(size_t)id * SAME_QN + qi];
  double v;
  int exact;
  if (s->same_stamp[id] != s->estamp) {
    size_t k;
    s->same_stamp[id] = s->estamp;
    for (k = 0; k < SAME_QN; k++)
      s->same[(size_t)id * SAME_QN + k].state = 0;
  }
  if (c->state == 1)
    return c->v;
  if (c->state == 2 && need >= c->v)
    return 0;
  v = sc_name_score_bound(q, en, need, &exact);
  c->state = exact ? 1 : 2;
  c->v = exact ? v : need;
  return v;
}

/* May the aligner merge tokens of list name en or of a query name (a
 * merged token is matched by spelling, outside the postings' sums)? */
static int merges(const sc_qnames *qn, const sc_name *en)
{
  size_t i;
  for (i = 0; i < qn->n; i++)
    if (sc_may_merge(&qn->names[i].mm, &en->mm) || sc_may_merge(&en->mm, &qn->names[i].mm))
      return 1;
  return 0;
}

/* Is list name nm's score provably below v by its postings' bound
 * (its sum / qw, see sc_accumulate)? */
static int below(const scratch *s, uint32_t nm, double v)
{
  return s->qw > 0 && s->acc[nm].sum < (v - 1e-4) * s->qw;
}

/* The next character of a spelling for verbatim(): case folded (ASCII),
 * commas skipped and blank runs read as one blank (OFAC's "KIM, Tong-ch'o'l"
 * is indexed as "KIM Tong-ch'o'l"). */
static int spell_next(const char **p)
{
  while (**p == ',')
    (*p)++;
  if (**p == ' ') {
    while (**p == ' ' || **p == ',')
      (*p)++;
    return ' ';
  }
  return **p ? tolower((unsigned char)*(*p)++) : 0;
}

/* Is list name en spelled exactly as query name q was written (case,
 * commas and blanks aside)? Among names that score alike, that one
 * explains the hit, and among entities that score alike, its entity ranks
 * first (cmp_cand): two KIM Tong Chols, and the query wrote one of them
 * letter for letter. */
static int verbatim(const sc_name *q, const sc_name *en)
{
  const char *a = q->orig, *b = en->orig;
  int x, y;
  do {
    x = spell_next(&a);
    y = spell_next(&b);
  } while (x == y && x);
  return x == y;
}

/* Score entity eid: the best of its names against the query's. When
 * nacc is given, only the names sharing an expanded term with the query
 * (nacc[name].st == st) are scored: an alias with no similar token cannot
 * be the best name (and skipping them halves the scorer's work). */
static void score_ent(const idt_screen_index *ix, scratch *sc, const sc_qnames *qn,
                      const idt_screen_query *q, const sc_qprep *qp, const qident *qi,
                      const idt_screen_opts *o,
                      uint32_t eid, const name_acc *nacc, uint32_t st, cand *c)
{
  const ix_ent *e = &ix->ents[eid];
  uint32_t k;
  size_t i;
  double best = 0, need = 0;
  int vb = -1;   /* is the best name verbatim (-1: not asked yet)? */
  /* all but the qualifiers' value strings (144 bytes a candidate, read
   * as strings and filled for hits only, sc_qual_vals and ident_hit) */
  memset(c, 0, offsetof(cand, qu) + offsetof(sc_quals, dob_val));
  c->qu.dob_val[0] = c->qu.country_val[0] = c->qu.ident_val[0] = 0;
  c->ent = eid;
  c->qi = -1;
  if (o->mode != IDT_SCREEN_MODE_OFAC) {
    sc_qual_dob(&c->qu, qp, e->dobs, e->ndobs);
    sc_qual_country(&c->qu, qp, e->countries, e->ncountries);
    sc_qual_gender(&c->qu, q->gender, e->gender);
    ident_hit(e, qi, &c->qu);
    /* Hits only: without an identifier, the entity reaches the threshold
     * only if a name scores >= need (sc_entity_score inverted, with a
     * margin for rounding); a name that provably cannot is not aligned. A
     * name below need can neither be the best of a hit. */
    if (nacc && o->threshold > 0 && c->qu.ident <= 0)
      need = (o->threshold - 0.05 - (c->qu.dob + c->qu.country + c->qu.gender)) / 0.9 - 1e-6;
  }
  for (k = 0; k < e->nnames; k++) {
    const sc_name *en = &ix->names[e->name0 + k];
    if (nacc && nacc[e->name0 + k].st != st)
      continue;
    if (nacc && !en->weak && below(sc, e->name0 + k, best > need ? best : need) &&
        !merges(qn, en))
      continue;
    for (i = 0; i < qn->n; i++) {
      double s;
      if (!sc_pairable(&qn->names[i], en))
        continue;
      if (o->mode == IDT_SCREEN_MODE_OFAC) {
        if (en->weak)
          continue;
        s = sc_ofac_score(qn->names[i].orig, en->orig) / 100.0;
      } else if (en->weak) {
        s = strcmp(en->form, qn->names[i].form) ? 0 : 0.85;
      } else if (en->abbr) {
        s = sc_abbr_hit(&qn->names[i], en) ? sc_name_score_min(&qn->names[i], en, need) : 0;
      } else if (en->shared && i < SAME_QN) {
        s = same_score(sc, &qn->names[i], i, en, best > need ? best : need);
      } else {
        s = sc_name_score_min(&qn->names[i], en, best > need ? best : need);
      }
      if (i < qn->code_n)
        s = sc_code_cap(qn->names[i].orig, en->orig, s);
      if (c->qi >= 0 && s <= best) {
        /* a tie (of a score that can make a hit): the name written as the
         * query was explains it */
        if (s < best || s <= 0 || s < need)
          continue;
        if (vb < 0)
          vb = verbatim(&qn->names[c->qi], &ix->names[c->ni]);
        if (vb || !verbatim(&qn->names[i], en))
          continue;
        vb = 1;
      } else {
        vb = -1;   /* not known until a tie asks */
      }
      best = s;
      c->qi = (int)i;
      c->ni = e->name0 + k;
    }
  }
  c->name = best;
  if (o->mode == IDT_SCREEN_MODE_OFAC) {
    c->score = best;
    return;
  }
  c->score = c->qi >= 0 || c->qu.ident > 0 ? sc_entity_score(best, &c->qu) : 0;
}

static int cmp_cand(const void *a, const void *b)
{
  const cand *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  /* a tie (two people of the same name): the verbatim spelling first */
  if (x->verbatim != y->verbatim)
    return x->verbatim ? -1 : 1;
  return x->ent < y->ent ? -1 : x->ent > y->ent;
}

/* Entities hit by the query's identifiers. */
static size_t ident_cands(const idt_screen_index *ix, const idt_screen_query *q,
                          uint32_t *out, size_t max)
{
  const char *qv[5] = { q->imo && imo_ok(q->imo) ? q->imo : NULL, q->mmsi,
                        q->passport, q->id_number, q->wallet };
  size_t k, n = 0;
  for (k = 0; k < 5; k++) {
    char key[128];
    size_t kl;
    const ix_list *l;
    uint32_t i;
    if (!qv[k] || (kl = ix_ident_key(qv[k], key, sizeof key)) < 4)
      continue;
    if (!(l = idt_map_get(&ix->id_map, key, kl)))
      continue;
    for (i = 0; i < l->n && n < max; i++)
      out[n++] = l->ids[i];
  }
  return n;
}

/* ---------------------------------------------------------------- results */

typedef struct result_priv {
  idt_arena arena;
} result_priv;

static int make_hit(const idt_screen_index *ix, const sc_qnames *qn, const cand *c,
                    const idt_screen_opts *o, idt_arena *a, idt_screen_hit *h)
{
  const ix_ent *e = &ix->ents[c->ent];
  idt_buf eb, xb;
  sc_align al;
  const sc_name *qname = c->qi >= 0 ? &qn->names[c->qi] : NULL;
  const sc_name *ename = c->qi >= 0 ? &ix->names[c->ni] : NULL;
  int rc = 0, capped = 0;
  h->entity_id = e->id;
  h->dataset = e->dataset;
  h->source_id = e->source_id;
  h->schema = e->schema->name;
  h->caption = e->caption;
  h->score = c->score;
  h->name_score = c->name;
  h->matched_name = ename ? ename->orig : NULL;
  h->match = c->score >= (o->threshold < 0 ? IDT_SCREEN_THRESHOLD : o->threshold);
  idt_buf_init(&eb, 1 << 16);
  idt_buf_init(&xb, 1 << 14);
  if (qname && ename) {
    if (o->mode == IDT_SCREEN_MODE_OFAC || ename->weak) {
      memset(&al, 0, sizeof al);
      al.score = c->name;
    } else {
      sc_name_score(qname, ename, &al);
      if ((size_t)c->qi < qn->code_n) {
        double v = sc_code_cap(qname->orig, ename->orig, al.score);
        capped = v < al.score;
        al.score = v;
      }
    }
  }
  if (o->mode == IDT_SCREEN_MODE_OFAC) {
    idt_buf_puts(&eb, "{\"mode\":\"ofac\",\"matched\":");
    idt_buf_json_str(&eb, ename ? ename->orig : "", ename ? strlen(ename->orig) : 0);
    idt_buf_printf(&eb, ",\"ofac_score\":%.0f}", c->name * 100.0);
    idt_buf_printf(&xb, "OFAC-compatible score %.0f against '%s'", c->name * 100.0,
                   ename ? ename->orig : "");
  } else {
    sc_feature fs[SC_MAX_FEATURES];
    size_t k;
    h->nfeatures = sc_features(qname, ename, c->name, &c->qu, fs);
    for (k = 0; k < h->nfeatures && k < IDT_SCREEN_MAX_FEATURES; k++) {
      h->features[k].name = fs[k].name;
      h->features[k].contribution = fs[k].contribution;
    }
    sc_evidence_json(&eb, qname, ename, qname ? &al : NULL, c->name, &c->qu, c->score);
    sc_explain_hit(&xb, qname, ename, qname ? &al : NULL, c->name, &c->qu);
    if (ename && ename->weak)
      idt_buf_puts(&xb, " (exact weak alias)");
    else if (ename && ename->abbr)
      idt_buf_puts(&xb, " (the organisation's abbreviation, exact)");
    if (capped)
      idt_buf_printf(&xb, "; registration %s is not %s", qname->orig, ename->orig);
  }
  h->evidence = idt_arena_strndup(a, eb.p ? eb.p : "{}", eb.p ? eb.len : 2);
  h->explanation = idt_arena_strndup(a, xb.p ? xb.p : "", xb.p ? xb.len : 0);
  if (!h->evidence || !h->explanation)
    rc = IDT_ENOMEM;
  idt_buf_free(&eb);
  idt_buf_free(&xb);
  return rc;
}

int idt_screen_run(const idt_screen_index *ix, const idt_screen_query *q,
                   const idt_screen_opts *opts, idt_screen_result **out)
{
  idt_screen_opts dflt = IDT_SCREEN_OPTS_INIT;
  const idt_screen_opts *o = opts ? opts : &dflt;
  const idt_schema *qs = NULL;
  idt_screen_query wq;
  int wallet_q;
  sc_qprep qp;
  qident qi;
  schema_memo sm;
  lookup_ctx lc;
  scratch *s;
  sc_qnames *qn;
  cand *cands = NULL;
  uint32_t *ents = NULL;
  size_t nents = 0, ncand = 0, i, j, limit, nident = 0;
  idt_screen_result *r = NULL;
  result_priv *rp = NULL;
  int rc = 0;
  double thr = o->threshold;
  *out = NULL;
  if (!ix || !q)
    return idt_error_set(IDT_EINVAL, "screen: no index or query");
  if (q->schema && *q->schema && !(qs = idt_schema_get(q->schema)))
    return idt_error_set(IDT_EINVAL, "screen: query %s: unknown schema '%s'",
                         q->id ? q->id : "", q->schema);
  wallet_q = qs && idt_schema_is_a(qs, "CryptoWallet");
  q = name_as_ident(q, qs, wallet_q, &wq);
  if (!(s = sc_scratch_get(ix)))
    return IDT_ENOMEM;
  qn = &s->q;
  qn->n = qn->nterms = 0;
  qn->list_side = 0;
  qn->person = qs && idt_schema_is_a(qs, "Person");
  qn->vessel = qs && idt_schema_is_a(qs, "Vessel");
  qn->org = qs && idt_schema_is_a(qs, "Organization");
  qn->code_n = 0;
  lc.ix = ix;
  lc.s = s;
  if ((rc = sc_qnames_add(qn, q->name, NULL, 0, sc_memo_lookup, &lc)) < 0)
    return rc;
  if (sc_reg_code(qs, q->name))
    qn->code_n = qn->n;
  for (i = 0; i < q->naliases; i++)
    if ((rc = sc_qnames_add(qn, q->aliases[i], NULL, 0, sc_memo_lookup, &lc)) < 0)
      return rc;
  /* bounded memory: start the memo afresh beyond MEMO_MAX tokens (and
   * before the token numbers wrap), the cache when a quarter full */
  if (s->memo_n + qn->nterms > MEMO_MAX || s->next_qid > UINT32_MAX / 2) {
    sc_memo_reset(s);
    if (s->next_qid > UINT32_MAX / 2)
      s->next_qid = 0;
  } else if (s->cache.used >= (1u << CACHE_BITS) / 4) {
    sc_cache_clear(&s->cache);
  }
  for (i = 0; i < qn->nterms; i++) {
    /* the thread's number for this spelling keys the similarity cache;
     * without a memo entry (OOM), a number no other token has */
    tok_memo *m = sc_memo_get(s, &qn->terms[i]);
    qn->terms[i].qid = m ? m->qid : ++s->next_qid;
    s->tmemo[i] = m;
  }
  limit = o->exhaustive ? ix->nents : CAND_ENTS + 16;
  if (o->exhaustive) {
    ents = idt_malloc((limit + 1) * sizeof *ents);
    cands = idt_malloc((limit + 1) * sizeof *cands);
  } else {
    /* the thread's buffers, made once (limit is the same every query) */
    if (!s->ents)
      s->ents = idt_malloc((limit + 1) * sizeof *s->ents);
    if (!s->cands)
      s->cands = idt_malloc((limit + 1) * sizeof *s->cands);
    ents = s->ents;
    cands = s->cands;
  }
  if (!ents || !cands) {
    rc = IDT_ENOMEM;
    goto out;
  }
  s->estamp++;
  if (o->exhaustive) {
    for (i = 0; i < ix->nents; i++)
      ents[nents++] = (uint32_t)i;
  } else {
    uint32_t idc[16];
    size_t nid = ident_cands(ix, q, idc, 16);
    for (i = 0; i < nid; i++)
      if (s->ent_stamp[idc[i]] != s->estamp) {
        s->ent_stamp[idc[i]] = s->estamp;
        ents[nents++] = idc[i];
      }
    nident = nents;
    sc_accumulate(ix, s, qn, thr);
    if (s->nranked > CAND_NAMES)
      sc_select_top(s->ranked, s->nranked, CAND_NAMES);
    /* The best CAND_NAMES names give their entities, in rank order while
     * there is room (limit - 1). When all of them fit, rank order does not
     * matter (the hits are sorted by cmp_cand, a total order, and no
     * score depends on the order entities are scored in): then no sort.
     * When they do not, the names are sorted first, however few they are
     * (139 names of 80 entities and more: RA KY'ONG-SU's UN entry came
     * 84th in touch order and was dropped). */
    if (!sc_collect_ents(ix, s, ents, &nents, limit)) {
      for (i = nident; i < nents; i++)
        s->ent_stamp[ents[i]] = s->estamp - 1;
      nents = nident;
      sc_sort_keys(s->ranked, s->nranked < CAND_NAMES ? s->nranked : CAND_NAMES);
      sc_collect_ents(ix, s, ents, &nents, limit);
    }
  }
  sc_cache_install(o->exhaustive ? NULL : &s->cache);
  if (!o->exhaustive)
    sc_cache_query(&s->cache, qn->terms, qn->nterms, ix->nterms);
  sc_qual_prep(&qp, q->birth_date, q->nationality ? q->nationality : q->country);
  qident_prep(q, &qi);
  sm.n = 0;
  for (i = 0; i < nents; i++) {
    const ix_ent *e = &ix->ents[ents[i]];
    if (!ent_allowed(ix, e, qs, wallet_q && i < nident, o, &sm))
      continue;
    score_ent(ix, s, qn, q, &qp, &qi, o, ents[i],
              o->exhaustive || i < nident ? NULL : s->acc, s->estamp,
              &cands[ncand]);
    if (thr < 0 || cands[ncand].score >= thr) {
      cand *c = &cands[ncand++];
      /* for ties in cmp_cand: only the kept candidates need it */
      if (c->qi >= 0)
        c->verbatim = verbatim(&qn->names[c->qi], &ix->names[c->ni]);
    }
  }
  qsort(cands, ncand, sizeof *cands, cmp_cand);
  if (o->limit && ncand > o->limit)
    ncand = o->limit;
  r = idt_calloc(1, sizeof *r);
  rp = idt_calloc(1, sizeof *rp);
  if (!r || !rp) {
    rc = IDT_ENOMEM;
    goto out;
  }
  idt_arena_init(&rp->arena);
  r->priv = rp;
  r->candidates = nents;
  r->hits = idt_arena_calloc(&rp->arena, (ncand + 1) * sizeof *r->hits);
  if (!r->hits) {
    rc = IDT_ENOMEM;
    goto out;
  }
  for (j = 0; j < ncand; j++) {
    sc_qual_vals(&cands[j].qu, &qp);
    if ((rc = make_hit(ix, qn, &cands[j], o, &rp->arena, &r->hits[r->n++])) < 0)
      goto out;
  }
  *out = r;
  r = NULL;
out:
  sc_cache_install(NULL);
  if (ents != s->ents)
    idt_free(ents);
  if (cands != s->cands)
    idt_free(cands);
  idt_screen_result_free(r);
  return rc;
}

void idt_screen_result_free(idt_screen_result *r)
{
  result_priv *rp;
  if (!r)
    return;
  rp = r->priv;
  if (rp) {
    idt_arena_free(&rp->arena);
    idt_free(rp);
  }
  idt_free(r);
}
