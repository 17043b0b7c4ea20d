/*
 * index.c - building the screening snapshot: entities in, an immutable
 * in-memory index out (see index_int.h for the layout).
 *
 * The builder copies what screening needs from each entity (names,
 * qualifiers, identifiers) into its arena, merging fragments by id. Build
 * then normalises every name once with the same pipeline as queries,
 * interns tokens into a vocabulary, counts document frequencies (a term's
 * weight falls with its frequency: common names such as Kim, Li or
 * Mohammad weigh less), and lays postings out as CSR arrays. Candidate
 * lookup keys are built per term, not per name: a query token is expanded
 * to the similar vocabulary terms first (trigrams, NYSIIS, Korean and
 * consonant skeletons), then their postings are walked; the vocabulary is
 * ~20x smaller than the postings, which is what keeps a query under 100 us.
 *
 * Rejected: an n-gram index over whole names (every common trigram then
 * points at thousands of names), and a BK-tree over terms (no gain over
 * trigram blocking at this vocabulary size, and no way to add phonetic or
 * Korean keys).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "screen/index_int.h"
#include "screen/run_int.h"
#include "screen/names.h"
#include "screen/qual.h"

enum { V_NAME, V_WEAK, V_DOB, V_COUNTRY, V_GENDER, V_IDENT, V_HOLDER };

typedef struct sl {
  const char *s;
  const char *label;
  struct sl *next;
  uint8_t kind;
} sl;

typedef struct rec {
  const char *id, *source_id, *dataset;
  const idt_schema *schema;
  sl *vals;
  int wallet;
  int absorbed;     /* a wallet attached to its holder */
} rec;

struct idt_screen_builder {
  idt_arena arena;
  idt_map by_id;
  rec **recs;
  size_t nrecs, cap;
  idt_buf versions;
  size_t nversions;
};

typedef struct prop_rule {
  const char *prop;
  uint8_t kind;
  const char *label;
} prop_rule;

static const prop_rule rules[] = {
  { "name", V_NAME, "name" }, { "alias", V_NAME, NULL },
  { "previousName", V_NAME, NULL }, { "weakAlias", V_WEAK, NULL },
  { "birthDate", V_DOB, NULL }, { "nationality", V_COUNTRY, NULL },
  { "citizenship", V_COUNTRY, NULL }, { "country", V_COUNTRY, NULL },
  { "jurisdiction", V_COUNTRY, NULL }, { "flag", V_COUNTRY, NULL },
  { "gender", V_GENDER, NULL },
  { "imoNumber", V_IDENT, "IMO" }, { "mmsi", V_IDENT, "MMSI" },
  { "callSign", V_IDENT, "call sign" }, { "passportNumber", V_IDENT, "passport" },
  { "idNumber", V_IDENT, "national id" }, { "registrationNumber", V_IDENT, "registration" },
  { "leiCode", V_IDENT, "LEI" }, { "swiftBic", V_IDENT, "BIC" },
  { "innCode", V_IDENT, "INN" }, { "ogrnCode", V_IDENT, "OGRN" },
  { "taxNumber", V_IDENT, "tax number" }, { "vatCode", V_IDENT, "VAT" },
  { "publicKey", V_IDENT, "wallet" }, { "holder", V_HOLDER, NULL },
};

static uint64_t generation_counter;

int idt_screen_builder_new(idt_screen_builder **out)
{
  idt_screen_builder *b = idt_calloc(1, sizeof *b);
  if (!b)
    return IDT_ENOMEM;
  idt_arena_init(&b->arena);
  idt_map_init(&b->by_id);
  idt_buf_init(&b->versions, 1 << 20);
  *out = b;
  return 0;
}

void idt_screen_builder_free(idt_screen_builder *b)
{
  if (!b)
    return;
  idt_arena_free(&b->arena);
  idt_map_free(&b->by_id);
  idt_free(b->recs);
  idt_buf_free(&b->versions);
  idt_free(b);
}

int idt_screen_builder_version(idt_screen_builder *b, const char *dataset,
                               const char *version)
{
  int rc = idt_buf_puts(&b->versions, b->nversions ? "," : "");
  if (!rc) rc = idt_buf_json_str(&b->versions, dataset, strlen(dataset));
  if (!rc) rc = idt_buf_putc(&b->versions, ':');
  if (!rc) rc = idt_buf_json_str(&b->versions, version, strlen(version));
  b->nversions++;
  return rc;
}

static int screenable(const idt_schema *s)
{
  return idt_schema_is_a(s, "LegalEntity") || idt_schema_is_a(s, "Vessel") ||
         idt_schema_is_a(s, "Airplane") || idt_schema_is_a(s, "CryptoWallet");
}

static rec *get_rec(idt_screen_builder *b, const idt_entity *e)
{
  void **slot = idt_map_slot_for(&b->by_id, e->id, strlen(e->id));
  rec *r;
  if (!slot)
    return NULL;
  if (*slot) {
    r = *slot;
    if (idt_schema_is_a(e->schema, r->schema->name))
      r->schema = e->schema;
    return r;
  }
  r = idt_arena_calloc(&b->arena, sizeof *r);
  if (!r)
    return NULL;
  r->id = idt_arena_strdup(&b->arena, e->id);
  r->source_id = e->source_id ? idt_arena_strdup(&b->arena, e->source_id) : NULL;
  r->dataset = e->dataset ? idt_arena_strdup(&b->arena, e->dataset) : NULL;
  r->schema = e->schema;
  r->wallet = idt_schema_is_a(e->schema, "CryptoWallet");
  if (!r->id)
    return NULL;
  if (b->nrecs == b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 1024;
    rec **nr = idt_realloc(b->recs, nc * sizeof *nr);
    if (!nr)
      return NULL;
    b->recs = nr;
    b->cap = nc;
  }
  b->recs[b->nrecs++] = r;
  /* the map key must outlive the map: point it at the arena copy */
  *slot = r;
  {
    idt_map_slot *ms = (idt_map_slot *)((char *)slot - offsetof(idt_map_slot, val));
    ms->key = r->id;
  }
  return r;
}

int idt_screen_builder_add(void *vb, idt_entity *e)
{
  idt_screen_builder *b = vb;
  rec *r;
  uint32_t i;
  size_t k;
  if (!b || !e || !e->schema || !e->id)
    return idt_error_set(IDT_EINVAL, "screen: entity without id or schema");
  if (!screenable(e->schema))
    return 0;
  if (!(r = get_rec(b, e)))
    return IDT_ENOMEM;
  for (i = 0; i < e->nstmts; i++) {
    const char *pn = e->stmts[i].prop->name;
    for (k = 0; k < sizeof rules / sizeof *rules; k++) {
      sl *v;
      if (strcmp(rules[k].prop, pn))
        continue;
      v = idt_arena_alloc(&b->arena, sizeof *v);
      if (!v || !(v->s = idt_arena_strdup(&b->arena, e->stmts[i].value)))
        return IDT_ENOMEM;
      v->kind = rules[k].kind;
      v->label = rules[k].label;
      if (r->wallet && v->kind == V_IDENT && !strcmp(pn, "publicKey")) {
        const char *cur = idt_entity_first(e, "currency");
        if (cur && (v->label = idt_arena_strdup(&b->arena, cur)) == NULL)
          return IDT_ENOMEM;
        if (!cur)
          v->label = "wallet";
      }
      v->next = r->vals;
      r->vals = v;
      break;
    }
  }
  return 0;
}

/* ---------------------------------------------------------------- build */

typedef struct vec32 {
  uint32_t *v;
  uint32_t n, cap;
} vec32;

static int vec_push(vec32 *v, uint32_t x)
{
  if (v->n && v->v[v->n - 1] == x)
    return 0;     /* postings arrive in order: drop immediate duplicates */
  if (v->n == v->cap) {
    uint32_t nc = v->cap ? v->cap * 2 : 4;
    uint32_t *nv = idt_realloc(v->v, nc * sizeof *nv);
    if (!nv)
      return IDT_ENOMEM;
    v->v = nv;
    v->cap = nc;
  }
  v->v[v->n++] = x;
  return 0;
}

/* Key maps under construction: key (arena) -> vec32*. */
static int key_add(idt_map *m, idt_arena *a, const char *key, size_t kl, uint32_t id)
{
  void **slot = idt_map_slot_for(m, key, kl);
  vec32 *v;
  if (!slot)
    return IDT_ENOMEM;
  if (!*slot) {
    char *k = idt_arena_strndup(a, key, kl);
    idt_map_slot *ms;
    if (!k || !(v = idt_calloc(1, sizeof *v)))
      return IDT_ENOMEM;
    ms = (idt_map_slot *)((char *)slot - offsetof(idt_map_slot, val));
    ms->key = k;
    *slot = v;
  }
  return vec_push(*slot, id);
}

/* Replace every vec32 value by an arena ix_list; free the vecs. */
static int freeze_map(idt_map *m, idt_arena *a)
{
  size_t i;
  int rc = 0;
  for (i = 0; i < m->cap; i++) {
    vec32 *v;
    ix_list *l;
    if (!m->slots[i].key)
      continue;
    v = m->slots[i].val;
    l = rc ? NULL : idt_arena_alloc(a, sizeof *l + v->n * sizeof(uint32_t));
    if (l) {
      l->n = v->n;
      memcpy(l->ids, v->v, v->n * sizeof(uint32_t));
    } else {
      rc = IDT_ENOMEM;
    }
    idt_free(v->v);
    idt_free(v);
    m->slots[i].val = l;
  }
  return rc;
}

/* Order each of the skeleton map's lists by document frequency, most
 * frequent first (then by id): the common spellings of a skeleton
 * (bin, ben for bn) come before the rare ones, and a query takes only the
 * first few. */
static int sort_by_df(const idt_screen_index *ix, idt_map *m)
{
  size_t i, k;
  for (i = 0; i < m->cap; i++) {
    vec32 *v = m->slots[i].key ? m->slots[i].val : NULL;
    uint64_t *keys;
    if (!v || v->n < 2)
      continue;
    if (!(keys = idt_malloc(v->n * sizeof *keys)))
      return IDT_ENOMEM;
    for (k = 0; k < v->n; k++)
      keys[k] = (uint64_t)(UINT32_MAX - ix->terms[v->v[k]].df) << 32 | v->v[k];
    sc_sort_keys(keys, v->n);
    for (k = 0; k < v->n; k++)
      v->v[k] = (uint32_t)keys[k];
    idt_free(keys);
  }
  return 0;
}

static void free_building_map(idt_map *m)
{
  size_t i;
  for (i = 0; m->slots && i < m->cap; i++)
    if (m->slots[i].key && m->slots[i].val) {
      vec32 *v = m->slots[i].val;
      idt_free(v->v);
      idt_free(v);
      m->slots[i].val = NULL;
    }
}

size_t ix_ident_key(const char *s, char *out, size_t cap)
{
  size_t o = 0, i;
  if (!cap)
    return 0;
  for (; *s && o + 1 < cap; s++) {
    char c = *s;
    if (c >= 'a' && c <= 'z')
      c = (char)(c - 32);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      out[o++] = c;
  }
  out[o] = 0;
  if (o > 3 && !memcmp(out, "IMO", 3)) {
    for (i = 3; i < o && out[i] >= '0' && out[i] <= '9'; i++)
      ;
    if (i == o) {
      memmove(out, out + 3, o - 3 + 1);
      o -= 3;
    }
  }
  return o;
}

const sc_term *ix_term(const idt_screen_index *ix, const char *s, size_t n)
{
  void *v = idt_map_get(&ix->term_map, s, n);
  return v ? &ix->terms[(uintptr_t)v - 1] : NULL;
}

/* Intern a token; returns the term id or UINT32_MAX on OOM. */
static uint32_t intern(idt_screen_index *ix, size_t *termcap, const char *s, size_t n)
{
  void **slot = idt_map_slot_for(&ix->term_map, s, n);
  char *k;
  idt_map_slot *ms;
  if (!slot)
    return UINT32_MAX;
  if (*slot)
    return (uint32_t)((uintptr_t)*slot - 1);
  if (ix->nterms == *termcap) {
    size_t nc = *termcap ? *termcap * 2 : 4096;
    sc_term *nt = idt_realloc(ix->terms, nc * sizeof *nt);
    if (!nt)
      return UINT32_MAX;
    ix->terms = nt;
    *termcap = nc;
  }
  if (!(k = idt_arena_strndup(&ix->arena, s, n)))
    return UINT32_MAX;
  ms = (idt_map_slot *)((char *)slot - offsetof(idt_map_slot, val));
  ms->key = k;
  sc_term_init(&ix->terms[ix->nterms], k, n);
  ix->terms[ix->nterms].id = (uint32_t)ix->nterms;
  ix->terms[ix->nterms].descr = (uint8_t)sc_term_descr(k, n);
  *slot = (void *)(uintptr_t)(ix->nterms + 1);
  return (uint32_t)ix->nterms++;
}

typedef struct build_ctx {
  idt_screen_index *ix;
  size_t termcap, namecap, tokcap;
  uint32_t *tok_ids;       /* all names' term ids, flattened */
  size_t ntoks;
  uint32_t *name_tok0;     /* per name: offset into tok_ids */
} build_ctx;

static int add_name(build_ctx *bc, uint32_t ent, const char *raw, int weak, int kind)
{
  idt_screen_index *ix = bc->ix;
  char forms[(IDT_TEXT_MAX_FORMS + 1) * IDT_TEXT_MAX_FORM];
  uint8_t hf[IDT_TEXT_MAX_FORMS + 1];
  const char *p = forms;
  int nf = sc_forms(raw, kind, forms, sizeof forms, hf), k;
  if (nf < 0)
    return nf;
  for (k = 0; k < nf; k++, p += strlen(p) + 1) {
    idt_str toks[SC_MAX_TOKS];
    uint32_t joined;
    size_t n = sc_form_split(p, toks, SC_MAX_TOKS, &joined), i;
    sc_name *nm;
    if (!n)
      continue;
    if (ix->nnames == bc->namecap) {
      size_t nc = bc->namecap ? bc->namecap * 2 : 4096;
      sc_name *nn = idt_realloc(ix->names, nc * sizeof *nn);
      uint32_t *ne = nn ? idt_realloc(ix->name_ent, nc * sizeof *ne) : NULL;
      uint32_t *nt = ne ? idt_realloc(bc->name_tok0, nc * sizeof *nt) : NULL;
      if (nn) ix->names = nn;
      if (ne) ix->name_ent = ne;
      if (!nt)
        return IDT_ENOMEM;
      bc->name_tok0 = nt;
      bc->namecap = nc;
    }
    if (bc->ntoks + n > bc->tokcap) {
      size_t nc = bc->tokcap ? bc->tokcap * 2 : 16384;
      uint32_t *nt = idt_realloc(bc->tok_ids, nc * sizeof *nt);
      if (!nt)
        return IDT_ENOMEM;
      bc->tok_ids = nt;
      bc->tokcap = nc;
    }
    nm = &ix->names[ix->nnames];
    memset(nm, 0, sizeof *nm);
    nm->n = (uint16_t)n;
    nm->weak = (uint8_t)weak;
    nm->joined = joined;
    nm->cjk = hf[k];
    nm->korean = (uint8_t)sc_korean_name(toks, n, nm->cjk);
    nm->org = kind == SC_NAME_ORG;
    nm->orig = idt_arena_strdup(&ix->arena, raw);
    nm->form = idt_arena_strdup(&ix->arena, p);
    if (!nm->orig || !nm->form)
      return IDT_ENOMEM;
    bc->name_tok0[ix->nnames] = (uint32_t)bc->ntoks;
    for (i = 0; i < n; i++) {
      uint32_t t = intern(ix, &bc->termcap, toks[i].p, toks[i].len);
      if (t == UINT32_MAX)
        return IDT_ENOMEM;
      bc->tok_ids[bc->ntoks++] = t;
    }
    ix->name_ent[ix->nnames++] = ent;
  }
  return 0;
}

/* An organisation's initials as a weak alias (acronym.c), shown as the
 * name they stand for; one per distinct acronym of the entity: without
 * its legal form (legal 0) and, when it has a company, corporation or
 * limited form, with that form's initial (KKBC, NIOC). */
static int add_acronym(build_ctx *bc, const rec *r, uint32_t ent, uint32_t name0, const char *raw,
                       int legal)
{
  idt_screen_index *ix = bc->ix;
  char acr[16];
  size_t k = name0;
  int rc;
  if (!sc_acronym(r->schema, raw, acr, sizeof acr, legal))
    return 0;
  for (; k < ix->nnames; k++)
    if (ix->names[k].weak && !strcmp(ix->names[k].form, acr))
      return 0;
  if ((rc = add_name(bc, ent, acr, 1, 0)) < 0)
    return rc;
  for (; k < ix->nnames; k++)
    ix->names[k].orig = idt_arena_strdup(&ix->arena, raw);
  return k > 0 && !ix->names[k - 1].orig ? IDT_ENOMEM : 0;
}

/* Copy one record into the index: entity fields, names, qualifiers. */
static int add_entity(build_ctx *bc, rec *r, rec **wallets, size_t nw)
{
  idt_screen_index *ix = bc->ix;
  ix_ent *e = &ix->ents[ix->nents];
  sl *v;
  size_t nd = 0, nc = 0, ni = 0, w;
  uint32_t eid = (uint32_t)ix->nents;
  int rc, kind;
  memset(e, 0, sizeof *e);
  e->id = r->id;
  e->source_id = r->source_id;
  e->dataset = r->dataset;
  e->schema = r->schema;
  e->name0 = (uint32_t)ix->nnames;
  kind = idt_schema_is_a(r->schema, "Person") ? SC_NAME_PERSON :
         idt_schema_is_a(r->schema, "Vessel") ? SC_NAME_VESSEL :
         idt_schema_is_a(r->schema, "Organization") ? SC_NAME_ORG : 0;
  for (v = r->vals; v; v = v->next) {
    nd += v->kind == V_DOB;
    nc += v->kind == V_COUNTRY;
    ni += v->kind == V_IDENT;
  }
  for (w = 0; w < nw; w++)
    for (v = wallets[w]->vals; v; v = v->next)
      ni += v->kind == V_IDENT;
  e->dobs = idt_arena_alloc(&ix->arena, (nd + 1) * sizeof *e->dobs);
  e->countries = idt_arena_alloc(&ix->arena, (nc + 1) * sizeof *e->countries);
  e->idents = idt_arena_alloc(&ix->arena, (ni + 1) * sizeof *e->idents);
  if (!e->dobs || !e->countries || !e->idents)
    return IDT_ENOMEM;
  /* The caption is the entity's own name (FtM "name"), not whichever
   * alias sorts first in the store: label "name" marks those values. */
  for (v = r->vals; v; v = v->next)
    if (v->kind == V_NAME && v->label)
      e->caption = v->s;
  /* vals are newest-first; names are added in list order */
  {
    sl *stack[4096];
    size_t ns = 0;
    for (v = r->vals; v && ns < 4096; v = v->next)
      stack[ns++] = v;
    while (ns--) {
      v = stack[ns];
      if (v->kind == V_NAME || v->kind == V_WEAK) {
        if (!e->caption && v->kind == V_NAME)
          e->caption = v->s;
        if ((rc = add_name(bc, eid, v->s, v->kind == V_WEAK, kind)) < 0 ||
            (v->kind == V_NAME && ((rc = add_acronym(bc, r, eid, e->name0, v->s, 0)) < 0 ||
                                   (rc = add_acronym(bc, r, eid, e->name0, v->s, 1)) < 0)))
          return rc;
      } else if (v->kind == V_DOB) {
        e->dobs[e->ndobs++] = sc_date_key(v->s);
      } else if (v->kind == V_COUNTRY) {
        e->countries[e->ncountries++] = sc_country_key(v->s);
      } else if (v->kind == V_GENDER) {
        e->gender = v->s;
      }
    }
  }
  for (w = 0; w <= nw; w++)
    for (v = w < nw ? wallets[w]->vals : r->vals; v; v = v->next)
      if (v->kind == V_IDENT) {
        char key[128];
        size_t kl = ix_ident_key(v->s, key, sizeof key);
        if (kl < 4)
          continue;
        e->idents[e->nidents].label = v->label;
        e->idents[e->nidents++].value = v->s;
        if ((rc = key_add(&ix->id_map, &ix->arena, key, kl, eid)) < 0)
          return rc;
        ix->nidents++;
      }
  if (!e->caption)
    e->caption = e->nidents ? e->idents[0].value : e->id;
  e->nnames = (uint32_t)(ix->nnames - e->name0);
  ix->nents++;
  return 0;
}

static void tri_keys(const sc_term *t, char keys[][4], size_t *nk)
{
  char pad[SC_TERM_MAX + 2];
  size_t i, n = t->len + 2;
  pad[0] = '^';
  memcpy(pad + 1, t->s, t->len);
  pad[t->len + 1] = '$';
  *nk = 0;
  for (i = 0; i + 3 <= n && *nk < SC_TERM_MAX; i++) {
    memcpy(keys[*nk], pad + i, 3);
    keys[(*nk)++][3] = 0;
  }
}

/* Does only a weak alias use term i? Those score on an exact form alone
 * (run.c), so their terms are found by exact lookup only: spelling keys
 * would bring names that cannot score (the acronyms' pla, kcna ...). */
static int weak_only(const idt_screen_index *ix, size_t i)
{
  uint32_t p;
  for (p = ix->post_off[i]; p < ix->post_off[i + 1]; p++)
    if (!ix->names[ix->post[p]].weak)
      return 0;
  return 1;
}

static int index_terms(idt_screen_index *ix)
{
  size_t i;
  int rc = 0;
  for (i = 0; !rc && i < ix->nterms; i++) {
    const sc_term *t = &ix->terms[i];
    char keys[SC_TERM_MAX][4];
    size_t nk, k;
    if (t->kind != IDT_TOK_WORD || weak_only(ix, i))
      continue;
    tri_keys(t, keys, &nk);
    for (k = 0; !rc && k < nk; k++)
      rc = key_add(&ix->tri_map, &ix->arena, keys[k], 3, (uint32_t)i);
    if (!rc && t->nys[0] && t->len >= 3)
      rc = key_add(&ix->nys_map, &ix->arena, t->nys, strlen(t->nys), (uint32_t)i);
    if (!rc && t->ko[0])
      rc = key_add(&ix->ko_map, &ix->arena, t->ko, strlen(t->ko), (uint32_t)i);
    if (!rc && t->cons[0])
      rc = key_add(&ix->cons_map, &ix->arena, t->cons, strlen(t->cons), (uint32_t)i);
    if (!rc && !t->cons[0]) {
      char sk[SC_TERM_MAX];
      size_t skl = idt_text_consonants(t->s, t->len, sk, sizeof sk);
      if (skl)
        rc = key_add(&ix->skel_map, &ix->arena, sk, skl, (uint32_t)i);
    }
    if (!rc && t->tk[0])
      rc = key_add(&ix->tk_map, &ix->arena, t->tk, strlen(t->tk), (uint32_t)i);
    if (!rc && t->tk2[0])
      rc = key_add(&ix->tk_map, &ix->arena, t->tk2, strlen(t->tk2), (uint32_t)i);
  }
  return rc;
}

/* Names with the same terms in the same order and the same flags score
 * the same against any query name (aliases that differ in case or
 * punctuation, one person on both lists): each points at the first such
 * name (same), and those with company are marked shared, so that a query
 * aligns each only once (run.c). */
static int mark_same(idt_screen_index *ix, const build_ctx *bc)
{
  idt_map seen;
  idt_arena tmp;
  size_t i;
  int rc = 0;
  idt_map_init(&seen);
  idt_arena_init(&tmp);
  for (i = 0; i < ix->nnames && !rc; i++) {
    sc_name *nm = &ix->names[i];
    size_t kl = 4 + (size_t)nm->n * sizeof(uint32_t);
    char *key = idt_arena_alloc(&tmp, kl);
    void **slot;
    if (!key) {
      rc = IDT_ENOMEM;
      break;
    }
    key[0] = (char)nm->weak;
    key[1] = (char)nm->korean;
    key[2] = (char)nm->cjk;
    key[3] = (char)(nm->abbr | nm->org << 1);
    memcpy(key + 4, bc->tok_ids + bc->name_tok0[i], kl - 4);
    if (!(slot = idt_map_slot_for(&seen, key, kl))) {
      rc = IDT_ENOMEM;
      break;
    }
    if (*slot) {
      nm->same = (uint32_t)((uintptr_t)*slot - 1);
      nm->shared = 1;
      ix->names[nm->same].shared = 1;
    } else {
      nm->same = (uint32_t)i;
      *slot = (void *)(uintptr_t)(i + 1);
    }
  }
  idt_map_free(&seen);
  idt_arena_free(&tmp);
  return rc;
}

/* Mark each organisation's one-word abbreviations of its other names
 * (sc_abbreviates): they match as written only. */
static void mark_abbr(idt_screen_index *ix)
{
  size_t i;
  uint32_t a, o;
  for (i = 0; i < ix->nents; i++) {
    const ix_ent *e = &ix->ents[i];
    if (!sc_org_schema(e->schema))
      continue;
    for (a = e->name0; a < e->name0 + e->nnames; a++)
      for (o = e->name0; o < e->name0 + e->nnames && !ix->names[a].abbr; o++)
        ix->names[a].abbr = sc_abbreviates(&ix->names[a], &ix->names[o]);
  }
}

/* df, weights, postings CSR; name term pointers. */
static int finish_postings(idt_screen_index *ix, build_ctx *bc)
{
  size_t i, j;
  uint32_t *cnt;
  const sc_term **ptrs;
  ix->post_off = idt_arena_calloc(&ix->arena, (ix->nterms + 1) * sizeof(uint32_t));
  ptrs = idt_arena_alloc(&ix->arena, (bc->ntoks + 1) * sizeof *ptrs);
  cnt = idt_calloc(ix->nterms + 1, sizeof *cnt);
  if (!ix->post_off || !ptrs || !cnt) {
    idt_free(cnt);
    return IDT_ENOMEM;
  }
  for (i = 0; i < ix->nnames; i++) {
    const uint32_t *t = bc->tok_ids + bc->name_tok0[i];
    for (j = 0; j < ix->names[i].n; j++) {
      size_t k;
      for (k = 0; k < j && t[k] != t[j]; k++)
        ;
      if (k == j)
        ix->post_off[t[j] + 1]++;
    }
  }
  for (i = 0; i < ix->nterms; i++) {
    ix->terms[i].df = ix->post_off[i + 1];
    ix->terms[i].w = sc_weight(ix->terms[i].kind, ix->terms[i].df, (uint32_t)ix->nnames);
    if (ix->terms[i].particle && ix->terms[i].w > 0.3f)
      ix->terms[i].w = 0.3f;
    ix->post_off[i + 1] += ix->post_off[i];
  }
  ix->npostings = ix->post_off[ix->nterms];
  ix->post = idt_arena_alloc(&ix->arena, (ix->npostings + 1) * sizeof(uint32_t));
  if (!ix->post) {
    idt_free(cnt);
    return IDT_ENOMEM;
  }
  for (i = 0; i < ix->nnames; i++) {
    const uint32_t *t = bc->tok_ids + bc->name_tok0[i];
    ix->names[i].t = ptrs + bc->name_tok0[i];
    for (j = 0; j < ix->names[i].n; j++) {
      size_t k;
      ptrs[bc->name_tok0[i] + j] = &ix->terms[t[j]];
      for (k = 0; k < j && t[k] != t[j]; k++)
        ;
      if (k == j)
        ix->post[ix->post_off[t[j]] + cnt[t[j]]++] = (uint32_t)i;
    }
    sc_name_masks(&ix->names[i]);
  }
  idt_free(cnt);
  mark_abbr(ix);
  return mark_same(ix, bc);
}

/* Attach wallets to their holders; returns per-record wallet lists via
 * the absorbed flag and a holder map. */
static int link_wallets(idt_screen_builder *b, idt_map *holder_wallets)
{
  size_t i;
  for (i = 0; i < b->nrecs; i++) {
    rec *r = b->recs[i];
    sl *v;
    if (!r->wallet)
      continue;
    for (v = r->vals; v; v = v->next)
      if (v->kind == V_HOLDER && idt_map_get(&b->by_id, v->s, strlen(v->s))) {
        int rc = key_add(holder_wallets, &b->arena, v->s, strlen(v->s), (uint32_t)i);
        if (rc < 0)
          return rc;
        r->absorbed = 1;
      }
  }
  return 0;
}

int idt_screen_build(idt_screen_builder *b, idt_screen_index **out)
{
  idt_screen_index *ix = NULL;
  build_ctx bc;
  idt_map hw;
  struct timespec t0, t1;
  size_t i;
  int rc = 0;
  memset(&bc, 0, sizeof bc);
  idt_map_init(&hw);
  *out = NULL;
  if (!b)
    return idt_error_set(IDT_EINVAL, "screen: no builder");
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (!(ix = idt_calloc(1, sizeof *ix))) {
    rc = IDT_ENOMEM;
    goto out;
  }
  idt_arena_init(&ix->arena);
  idt_map_init(&ix->term_map);
  idt_map_init(&ix->tri_map);
  idt_map_init(&ix->nys_map);
  idt_map_init(&ix->ko_map);
  idt_map_init(&ix->cons_map);
  idt_map_init(&ix->skel_map);
  idt_map_init(&ix->tk_map);
  idt_map_init(&ix->id_map);
  ix->generation = __atomic_add_fetch(&generation_counter, 1, __ATOMIC_RELAXED);
  bc.ix = ix;
  if ((rc = link_wallets(b, &hw)) < 0)
    goto out;
  ix->ents = idt_arena_alloc(&ix->arena, (b->nrecs + 1) * sizeof *ix->ents);
  if (!ix->ents) {
    rc = IDT_ENOMEM;
    goto out;
  }
  for (i = 0; i < b->nrecs; i++) {
    rec *r = b->recs[i], *wl[64];
    vec32 *w = idt_map_get(&hw, r->id, strlen(r->id));
    size_t nw = 0, k;
    if (r->absorbed)
      continue;
    for (k = 0; w && k < w->n && nw < 64; k++)
      wl[nw++] = b->recs[w->v[k]];
    /* entity fields point into the builder's arena: move it over below */
    if ((rc = add_entity(&bc, r, wl, nw)) < 0)
      goto out;
  }
  if ((rc = finish_postings(ix, &bc)) < 0 || (rc = index_terms(ix)) < 0 ||
      (rc = sort_by_df(ix, &ix->skel_map)) < 0)
    goto out;
  {
    idt_map *maps[7] = { &ix->tri_map, &ix->nys_map, &ix->ko_map, &ix->cons_map, &ix->tk_map,
                          &ix->id_map, &ix->skel_map };
    for (ix->frozen = 0; ix->frozen < (int)(sizeof maps / sizeof *maps); ) {
      rc = freeze_map(maps[ix->frozen], &ix->arena);
      ix->frozen++;
      if (rc < 0)
        goto out;
    }
  }
  {
    size_t vl = b->versions.len + 3;
    char *vj = idt_arena_alloc(&ix->arena, vl);
    if (!vj) {
      rc = IDT_ENOMEM;
      goto out;
    }
    snprintf(vj, vl, "{%s}", b->versions.p ? b->versions.p : "");
    ix->versions = vj;
  }
  /* the builder's arena holds entity strings: hand it to the index */
  {
    idt_arena tmp = ix->arena;
    ix->arena = b->arena;
    idt_arena_init(&b->arena);
    /* chain: keep both by moving the index arena's chunks into a holder */
    idt_arena *keep = idt_arena_alloc(&ix->arena, sizeof *keep);
    if (!keep) {
      idt_arena_free(&tmp);
      rc = IDT_ENOMEM;
      goto out;
    }
    *keep = tmp;
    ix->bytes = 0;
    ix->arena_extra = keep;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  ix->build_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  ix->bytes = ix->arena.total + ix->arena_extra->total +
              bc.termcap * sizeof(sc_term) + bc.namecap * (sizeof(sc_name) + 4) +
              (ix->term_map.cap + ix->tri_map.cap + ix->nys_map.cap + ix->ko_map.cap +
               ix->cons_map.cap + ix->skel_map.cap + ix->tk_map.cap + ix->id_map.cap) *
              sizeof(idt_map_slot);
  *out = ix;
  ix = NULL;
out:
  free_building_map(&hw);
  idt_map_free(&hw);
  idt_free(bc.tok_ids);
  idt_free(bc.name_tok0);
  if (ix) {
    idt_map *maps[7] = { &ix->tri_map, &ix->nys_map, &ix->ko_map, &ix->cons_map, &ix->tk_map,
                          &ix->id_map, &ix->skel_map };
    int k;
    for (k = ix->frozen; k < (int)(sizeof maps / sizeof *maps); k++)
      free_building_map(maps[k]);
    idt_screen_index_free(ix);
  }
  idt_screen_builder_free(b);
  return rc;
}

void idt_screen_index_free(idt_screen_index *ix)
{
  if (!ix)
    return;
  idt_map_free(&ix->term_map);
  idt_map_free(&ix->tri_map);
  idt_map_free(&ix->nys_map);
  idt_map_free(&ix->ko_map);
  idt_map_free(&ix->cons_map);
  idt_map_free(&ix->skel_map);
  idt_map_free(&ix->tk_map);
  idt_map_free(&ix->id_map);
  idt_free(ix->terms);
  idt_free(ix->names);
  idt_free(ix->name_ent);
  if (ix->arena_extra) {
    idt_arena extra = *ix->arena_extra;
    idt_arena_free(&ix->arena);
    idt_arena_free(&extra);
  } else {
    idt_arena_free(&ix->arena);
  }
  idt_free(ix);
}

void idt_screen_index_stats(const idt_screen_index *ix, idt_screen_stats *st)
{
  memset(st, 0, sizeof *st);
  if (!ix)
    return;
  st->entities = ix->nents;
  st->names = ix->nnames;
  st->terms = ix->nterms;
  st->postings = ix->npostings;
  st->identifiers = ix->nidents;
  st->bytes = ix->bytes;
  st->build_seconds = ix->build_seconds;
}

const char *idt_screen_index_versions(const idt_screen_index *ix)
{
  return ix && ix->versions ? ix->versions : "{}";
}
