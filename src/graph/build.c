/*
 * build.c - entities in, graph out.
 *
 * idt_net_add is a streaming sink: a node is created the first time its id
 * is seen, whether as an entity or as the end of a relation (a stub until
 * the entity itself arrives), so relations never wait for a second pass.
 * Relationship schemata (FtM edge schemata) become typed edges between their
 * source and target properties; Vessel/Vehicle/Airplane owner and operator
 * (and CryptoWallet/BankAccount holder) and LegalEntity parent become REF_*
 * edges; Sanction entities and the topic
 * "sanction" mark designation. Shared identifiers, phones, e-mails and
 * addresses are collected as postings and linked at finish.
 *
 * Pivot links: a value shared by k entities links them pairwise with
 * weight type_weight * ln(N/k) / ln(N/2) (IDF scaled so that a pair shares
 * weight 1); a value held by more than pivot_cap entities is generic (a
 * registered agent's address, a toll-free number) and links nothing
 * (Senzing's "generic value" principle, DOMAIN.md 5). A star through a
 * value node was rejected: it would put the value on paths as if it were an
 * entity and double every hop count.
 */
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <math.h>
#include "graph/net_int.h"

static const struct { const char *schema; int type; } edge_schemata[] = {
  { "Ownership", IDT_NET_OWNERSHIP }, { "Directorship", IDT_NET_DIRECTORSHIP },
  { "Family", IDT_NET_FAMILY }, { "Associate", IDT_NET_ASSOCIATE },
  { "Membership", IDT_NET_MEMBERSHIP }, { "Employment", IDT_NET_EMPLOYMENT },
  { "Representation", IDT_NET_REPRESENTATION },
  { "UnknownLink", IDT_NET_UNKNOWN_LINK }, { "Payment", IDT_NET_PAYMENT },
  { "Succession", IDT_NET_SUCCESSION },
};

static const char *const etype_names[IDT_NET_NTYPES] = {
  "ownership", "directorship", "family", "associate", "membership",
  "employment", "representation", "unknown_link", "payment", "succession",
  "owner", "operator", "parent", "pivot_id", "pivot_address", "pivot_phone",
  "pivot_email"
};

/* Identifier properties that do not single out one entity: list
 * bookkeeping, and the Russian KPP, which encodes a tax office and a reason
 * code shared by thousands of companies (OFAC's SDN data made two unrelated
 * companies "share" KPP 772701001 before it was excluded). */
static const char *const id_skip[] = { "programId", "authorityId", "unscId",
                                       "wikidataId", "kppCode", NULL };

const char *idt_net_etype_name(int t)
{
  return t >= 0 && t < IDT_NET_NTYPES ? etype_names[t] : NULL;
}

int idt_net_mask_parse(const char *s, uint32_t *mask)
{
  uint32_t m = 0;
  const char *p = s;
  if (!s || !mask)
    return idt_error_set(IDT_EINVAL, "edge types: NULL argument");
  while (*p) {
    size_t len = strcspn(p, ",");
    int t, hit = 0;
    if (len == 3 && memcmp(p, "all", 3) == 0)
      m |= IDT_NET_ALL, hit = 1;
    else if (len == 6 && memcmp(p, "pivots", 6) == 0)
      m |= IDT_NET_PIVOTS, hit = 1;
    else if (len == 9 && memcmp(p, "relations", 9) == 0)
      m |= IDT_NET_ALL & ~IDT_NET_PIVOTS, hit = 1;
    for (t = 0; t < IDT_NET_NTYPES && !hit; t++)
      if (strlen(etype_names[t]) == len && memcmp(p, etype_names[t], len) == 0)
        m |= IDT_NET_BIT(t), hit = 1;
    if (!hit)
      return idt_error_set(IDT_EINVAL, "edge types: unknown type '%.*s'",
                           (int)len, p);
    p += len;
    if (*p == ',')
      p++;
  }
  *mask = m;
  return 0;
}

int idt_net_new(idt_net **out, const idt_net_opts *opts)
{
  idt_net *n;
  idt_net_opts def = IDT_NET_OPTS_INIT;
  *out = NULL;
  if (opts && opts->version != IDT_NET_OPTS_VERSION)
    return idt_error_set(IDT_EINVAL, "net: opts version %u, expected %u",
                         opts->version, IDT_NET_OPTS_VERSION);
  if (!(n = idt_calloc(1, sizeof *n)))
    return IDT_ENOMEM;
  n->opts = opts ? *opts : def;
  if (!n->opts.pivot_cap)
    n->opts.pivot_cap = 20;
  if (n->opts.today && strlen(n->opts.today) >= 10) {
    memcpy(n->today, n->opts.today, 10);
  } else {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(n->today, sizeof n->today, "%Y-%m-%d", &tm);
  }
  n->opts.today = n->today;
  idt_arena_init(&n->arena);
  *out = n;
  return 0;
}

void idt_net_free(idt_net *n)
{
  if (!n)
    return;
  idt_free(n->id); idt_free(n->source_id); idt_free(n->caption);
  idt_free(n->schema); idt_free(n->programs); idt_free(n->flags);
  idt_free(n->src); idt_free(n->dst); idt_free(n->type); idt_free(n->eflags);
  idt_free(n->lo); idt_free(n->hi); idt_free(n->w); idt_free(n->via);
  idt_free(n->piv);
  idt_free(n->out_off); idt_free(n->out_e); idt_free(n->in_off);
  idt_free(n->in_e);
  idt_free(n->out_nbr); idt_free(n->in_nbr); idt_free(n->out_kind); idt_free(n->in_kind);
  idt_free(n->stake_lo); idt_free(n->stake_hi); idt_free(n->look); idt_free(n->block_par);
  idt_free(n->hops); idt_free(n->nearest); idt_free(n->hop_par);
  idt_free(n->risk); idt_free(n->rank); idt_free(n->community);
  idt_free(n->betw); idt_free(n->dneigh); idt_free(n->path_cache);
  idt__net_intern_free(n);
  idt_arena_free(&n->arena);
  idt_free(n);
}

/* Grow one parallel array to cap elements of size sz. */
static int grow(void *pp, size_t cap, size_t sz)
{
  void **p = pp;
  void *q = idt_realloc(*p, cap * sz);
  if (!q)
    return IDT_ENOMEM;
  *p = q;
  return 0;
}

int idt__net_grow_nodes(idt_net *n)
{
  uint32_t cap = n->ncap ? n->ncap * 2 : 1024;
  if (grow(&n->id, cap, sizeof *n->id) || grow(&n->source_id, cap, sizeof *n->source_id) ||
      grow(&n->caption, cap, sizeof *n->caption) || grow(&n->schema, cap, sizeof *n->schema) ||
      grow(&n->programs, cap, sizeof *n->programs) || grow(&n->flags, cap, 1))
    return IDT_ENOMEM;
  n->ncap = cap;
  return 0;
}

int idt__net_edge(idt_net *n, uint32_t s, uint32_t d, int type,
                  double lo, double hi, float w, const char *via)
{
  uint64_t e;
  if (n->m == n->mcap) {
    uint64_t cap = n->mcap ? n->mcap * 2 : 4096;
    if (cap > UINT32_MAX)
      return idt_error_set(IDT_ELIMIT, "net: more than 2^32 edges");
    if (grow(&n->src, cap, 4) || grow(&n->dst, cap, 4) || grow(&n->type, cap, 1) ||
        grow(&n->eflags, cap, 1) || grow(&n->lo, cap, 4) || grow(&n->hi, cap, 4) ||
        grow(&n->w, cap, 4) || grow(&n->via, cap, sizeof *n->via))
      return IDT_ENOMEM;
    n->mcap = cap;
  }
  e = n->m++;
  n->src[e] = s;
  n->dst[e] = d;
  n->type[e] = (uint8_t)type;
  n->eflags[e] = 0;
  n->lo[e] = (float)lo;
  n->hi[e] = (float)hi;
  n->w[e] = w;
  n->via[e] = via;
  n->st.by_type[type]++;
  if (s == d)
    n->st.self_loops++;
  return 0;
}

static int ended(const idt_net *n, const idt_entity *e)
{
  const char *end = idt_entity_first(e, "endDate");
  return end && strlen(end) >= 4 && strncmp(end, n->today, 10) < 0;
}

static int add_relation(idt_net *n, idt_entity *e, int type)
{
  const char *srcs[16], *dsts[16], *via;
  size_t ns, nd, i, j;
  double lo = -1, hi = -1;
  int unknown = 0, end = ended(n, e);
  ns = idt_entity_values(e, e->schema->edge_source, srcs, 16);
  nd = idt_entity_values(e, e->schema->edge_target, dsts, 16);
  ns = ns > 16 ? 16 : ns;
  nd = nd > 16 ? 16 : nd;
  if (!ns || !nd)
    return 0;   /* a relation with a missing end says nothing */
  if (type == IDT_NET_OWNERSHIP) {
    const char *pct = idt_entity_first(e, "percentage");
    if (!pct || idt_net_parse_pct(pct, strlen(pct), &lo, &hi)) {
      idt_error_clear();
      lo = 0, hi = 100, unknown = 1;
    }
  }
  if (!(via = idt_arena_strdup(&n->arena, e->id)))
    return IDT_ENOMEM;
  for (i = 0; i < ns; i++)
    for (j = 0; j < nd; j++) {
      uint32_t s = idt__net_node(n, srcs[i]), d;
      int rc;
      if (s == NET_NONE || (d = idt__net_node(n, dsts[j])) == NET_NONE)
        return IDT_ENOMEM;
      if ((rc = idt__net_edge(n, s, d, type, lo, hi, 1.0f, via)))
        return rc;
      if (unknown)
        n->eflags[n->m - 1] |= EDGE_PCT_UNKNOWN, n->st.pct_unknown++;
      if (end)
        n->eflags[n->m - 1] |= EDGE_ENDED, n->st.ended++;
    }
  return 0;
}

static int add_program(idt_net *n, uint32_t v, const idt_entity *s)
{
  const char *auth = idt_entity_first(s, "authority");
  const char *progs[8];
  size_t np = idt_entity_values(s, "program", progs, 8), i;
  idt_buf b;
  int rc = 0;
  if (np == 0)
    progs[0] = idt_entity_first(s, "programId"), np = progs[0] ? 1 : 0;
  np = np > 8 ? 8 : np;
  idt_buf_init(&b, 1 << 16);
  if (n->programs[v])
    rc = idt_buf_puts(&b, n->programs[v]);
  for (i = 0; i < np && !rc; i++) {
    char item[512];
    snprintf(item, sizeof item, "%s%s%s", auth ? auth : "", auth ? ": " : "",
             progs[i]);
    if (b.len && strstr(b.p, item))
      continue;
    if (b.len)
      rc = idt_buf_puts(&b, "; ");
    if (!rc)
      rc = idt_buf_puts(&b, item);
  }
  if (!rc && b.len && !(n->programs[v] = idt_arena_strndup(&n->arena, b.p, b.len)))
    rc = IDT_ENOMEM;
  idt_buf_free(&b);
  return rc;
}

static int add_sanction(idt_net *n, idt_entity *e)
{
  const char *ents[16];
  size_t k = idt_entity_values(e, "entity", ents, 16), i;
  if (ended(n, e))
    return 0;
  for (i = 0; i < k && i < 16; i++) {
    uint32_t v = idt__net_node(n, ents[i]);
    int rc;
    if (v == NET_NONE)
      return IDT_ENOMEM;
    n->flags[v] |= NODE_DESIGNATED;
    if ((rc = add_program(n, v, e)))
      return rc;
  }
  return 0;
}

/* Normalise a pivot value into key (prefix + folded value): identifiers and
 * phones keep alphanumerics only (so "+44 20 7946 0000" = "442079460000"),
 * addresses and e-mails are lower-cased with runs of space and punctuation
 * folded to one space. Too short a value (under 5 characters) says nothing. */
static size_t pivot_key(char *out, size_t cap, char prefix, const char *v)
{
  size_t k = 0;
  int alnum_only = prefix == 'I' || prefix == 'P', space = 0;
  out[k++] = prefix;
  out[k++] = ':';
  for (; *v && k + 2 < cap; v++) {
    unsigned char c = (unsigned char)*v;
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 ||
        (prefix == 'E' && (c == '@' || c == '.'))) {
      if (space && k > 2)
        out[k++] = ' ';
      space = 0;
      out[k++] = (char)c;
    } else if (!alnum_only)
      space = 1;
  }
  out[k] = 0;
  return k - 2 >= 5 ? k : 0;
}

static int add_pivot(idt_net *n, uint32_t v, char prefix, const char *value)
{
  char key[512];
  size_t len = pivot_key(key, sizeof key, prefix, value);
  if (!len)
    return 0;
  if (n->npiv == n->pivcap) {
    size_t cap = n->pivcap ? n->pivcap * 2 : 1024;
    if (grow(&n->piv, cap, sizeof *n->piv))
      return IDT_ENOMEM;
    n->pivcap = cap;
  }
  if (!(n->piv[n->npiv].key = idt_arena_strndup(&n->arena, key, len)))
    return IDT_ENOMEM;
  n->piv[n->npiv++].node = v;
  return 0;
}

static int skip_id_prop(const char *name)
{
  size_t i;
  for (i = 0; id_skip[i]; i++)
    if (strcmp(id_skip[i], name) == 0)
      return 1;
  return 0;
}

static int add_node_props(idt_net *n, uint32_t v, idt_entity *e)
{
  uint32_t i;
  int rc = 0;
  for (i = 0; i < e->nstmts && !rc; i++) {
    const idt_property *p = e->stmts[i].prop;
    const char *val = e->stmts[i].value;
    if (strcmp(p->name, "topics") == 0 && strcmp(val, "sanction") == 0)
      n->flags[v] |= NODE_DESIGNATED;
    if (!n->opts.pivots && p->type != IDT_TYPE_ENTITY)
      continue;
    switch (p->type) {
    case IDT_TYPE_IDENTIFIER:
      if (!skip_id_prop(p->name))
        rc = add_pivot(n, v, 'I', val);
      break;
    case IDT_TYPE_PHONE: rc = add_pivot(n, v, 'P', val); break;
    case IDT_TYPE_EMAIL: rc = add_pivot(n, v, 'E', val); break;
    case IDT_TYPE_ADDRESS: rc = add_pivot(n, v, 'A', val); break;
    case IDT_TYPE_ENTITY: {
      int t = -1;
      uint32_t d;
      if (strcmp(p->name, "addressEntity") == 0) {
        if (n->opts.pivots)
          rc = add_pivot(n, v, 'R', val);
        break;
      }
      if (strcmp(p->name, "owner") == 0 || strcmp(p->name, "holder") == 0)
        t = IDT_NET_REF_OWNER;
      else if (strcmp(p->name, "operator") == 0) t = IDT_NET_REF_OPERATOR;
      else if (strcmp(p->name, "parent") == 0) t = IDT_NET_REF_PARENT;
      if (t < 0)
        break;
      if ((d = idt__net_node(n, val)) == NET_NONE)
        return IDT_ENOMEM;
      /* owner/operator/parent -> this entity, the way Ownership points */
      rc = idt__net_edge(n, d, v, t, -1, -1, 1.0f,
                         idt_arena_strdup(&n->arena, p->name));
      break;
    }
    default: break;
    }
  }
  return rc;
}

static int is_node_schema(const idt_schema *s)
{
  return idt_schema_is_a(s, "LegalEntity") || idt_schema_is_a(s, "Asset") ||
         idt_schema_is_a(s, "BankAccount") || idt_schema_is_a(s, "CryptoWallet") ||
         idt_schema_is_a(s, "Vehicle");
}

/* Identification/Passport: the number is a pivot on the holder. */
static int add_identification(idt_net *n, idt_entity *e)
{
  const char *holder = idt_entity_first(e, "holder");
  const char *num = idt_entity_first(e, "number");
  uint32_t v;
  if (!holder || !num || !n->opts.pivots)
    return 0;
  if ((v = idt__net_node(n, holder)) == NET_NONE)
    return IDT_ENOMEM;
  return add_pivot(n, v, 'I', num);
}

int idt_net_add(void *net, idt_entity *e)
{
  idt_net *n = net;
  size_t i;
  uint32_t v;
  if (!n || !e || !e->schema || !e->id)
    return idt_error_set(IDT_EINVAL, "net: add needs an entity with a schema");
  if (n->finished)
    return idt_error_set(IDT_EINVAL, "net: add after finish");
  if (e->schema->flags & IDT_SCHEMA_EDGE) {
    for (i = 0; i < sizeof edge_schemata / sizeof edge_schemata[0]; i++)
      if (idt_schema_is_a(e->schema, edge_schemata[i].schema))
        return add_relation(n, e, edge_schemata[i].type);
    return 0;
  }
  if (idt_schema_is_a(e->schema, "Sanction"))
    return add_sanction(n, e);
  if (idt_schema_is_a(e->schema, "Identification"))
    return add_identification(n, e);
  if (!is_node_schema(e->schema))
    return 0;
  if ((v = idt__net_node(n, e->id)) == NET_NONE)
    return IDT_ENOMEM;
  n->flags[v] |= NODE_SEEN;
  if (!n->schema[v] || idt_schema_is_a(e->schema, n->schema[v]))
    n->schema[v] = e->schema->name;
  if (e->source_id && !n->source_id[v] &&
      !(n->source_id[v] = idt_arena_strdup(&n->arena, e->source_id)))
    return IDT_ENOMEM;
  if (!n->caption[v]) {
    const char *cap = idt_entity_caption(e);
    if (cap && strcmp(cap, e->id) != 0 &&
        !(n->caption[v] = idt_arena_strdup(&n->arena, cap)))
      return IDT_ENOMEM;
  }
  return add_node_props(n, v, e);
}

static int cmp_pivot(const void *a, const void *b)
{
  const net_pivot *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c)
    return c;
  return x->node < y->node ? -1 : x->node > y->node;
}

static int pivot_type(char prefix)
{
  switch (prefix) {
  case 'I': return IDT_NET_PIVOT_ID;
  case 'P': return IDT_NET_PIVOT_PHONE;
  case 'E': return IDT_NET_PIVOT_EMAIL;
  default: return IDT_NET_PIVOT_ADDRESS;
  }
}

/* Sort postings by value, then link each value's holders pairwise. */
static int link_pivots(idt_net *n)
{
  static const float type_w[] = { 1.0f, 0.6f, 0.8f, 0.9f };  /* id addr ph em */
  size_t i = 0, j, a, b;
  double lnn = log(n->n > 2 ? (double)n->n / 2.0 : 2.0);
  if (n->npiv)
    qsort(n->piv, n->npiv, sizeof *n->piv, cmp_pivot);
  while (i < n->npiv) {
    size_t k = 0;
    const char *key = n->piv[i].key;
    for (j = i; j < n->npiv && strcmp(n->piv[j].key, key) == 0; j++)
      if (j == i || n->piv[j].node != n->piv[j - 1].node)
        k++;
    if (k >= 2 && k <= n->opts.pivot_cap) {
      int t = pivot_type(key[0]);
      float spec = (float)(log((double)n->n / (double)k) / lnn);
      float wt = type_w[t - IDT_NET_PIVOT_ID] * (spec > 1 ? 1 : spec < 0.05f ? 0.05f : spec);
      n->st.pivot_values++;
      for (a = i; a < j; a++) {
        if (a > i && n->piv[a].node == n->piv[a - 1].node)
          continue;
        for (b = a + 1; b < j; b++) {
          int rc;
          if (n->piv[b].node == n->piv[b - 1].node)
            continue;
          if ((rc = idt__net_edge(n, n->piv[a].node, n->piv[b].node, t, -1, -1,
                                  wt, key + 2)))
            return rc;
        }
      }
    } else if (k > n->opts.pivot_cap)
      n->st.pivot_generic++;
    i = j;
  }
  idt_free(n->piv);
  n->piv = NULL;
  n->npiv = n->pivcap = 0;
  return 0;
}

/* Counting sort of the edges by `key` (source or target), stable, so each
 * node's entries stay in edge order; beside each entry the other end and
 * the kind byte. */
static int csr(idt_net *n, const uint32_t *key, const uint32_t *other,
               uint32_t **off_out, uint32_t **e_out, uint32_t **nbr_out,
               uint8_t **kind_out)
{
  uint32_t nn = n->n, v;
  uint64_t m = n->m, e;
  uint32_t *off = idt_calloc((size_t)nn + 1, 4), *ev = idt_malloc((m ? m : 1) * 4);
  uint32_t *nbr = idt_malloc((m ? m : 1) * 4);
  uint8_t *kind = idt_malloc(m ? m : 1);
  if (!off || !ev || !nbr || !kind) {
    idt_free(off);
    idt_free(ev);
    idt_free(nbr);
    idt_free(kind);
    return IDT_ENOMEM;
  }
  for (e = 0; e < m; e++)
    off[key[e] + 1]++;
  for (v = 0; v < nn; v++)
    off[v + 1] += off[v];
  for (e = 0; e < m; e++) {
    uint32_t i = off[key[e]]++;
    ev[i] = (uint32_t)e;
    nbr[i] = other[e];
    kind[i] = (uint8_t)(n->type[e] | ((n->eflags[e] & EDGE_ENDED) ? KIND_ENDED : 0) |
                        ((n->eflags[e] & EDGE_DUP) ? KIND_DUP : 0) |
                        (n->src[e] == n->dst[e] ? KIND_LOOP : 0));
  }
  for (v = nn; v > 0; v--)
    off[v] = off[v - 1];
  off[0] = 0;
  *off_out = off;
  *e_out = ev;
  *nbr_out = nbr;
  *kind_out = kind;
  return 0;
}

int idt_net_finish(idt_net *n)
{
  uint32_t v;
  int rc;
  if (n->finished)
    return idt_error_set(IDT_EINVAL, "net: finish called twice");
  if ((rc = link_pivots(n)))
    return rc;
  for (v = 0; v < n->n; v++) {
    if (!(n->flags[v] & NODE_SEEN))
      n->st.stubs++;
    if (n->flags[v] & NODE_DESIGNATED)
      n->st.designated++;
  }
  n->st.nodes = n->n;
  n->st.edges = n->m;
  if ((rc = csr(n, n->src, n->dst, &n->out_off, &n->out_e, &n->out_nbr, &n->out_kind)) ||
      (rc = csr(n, n->dst, n->src, &n->in_off, &n->in_e, &n->in_nbr, &n->in_kind)))
    return rc;
  n->finished = 1;
  return 0;
}

size_t idt_net_count(const idt_net *n)
{
  return n ? n->n : 0;
}

int idt_net_find(const idt_net *n, const char *entity_id, uint32_t *idx)
{
  uint32_t v = entity_id ? idt__net_lookup(n, entity_id) : NET_NONE;
  if (v == NET_NONE)
    return idt_error_set(IDT_ENOTFOUND, "net: no entity '%s' in the graph",
                         entity_id ? entity_id : "(null)");
  *idx = v;
  return 0;
}

void idt_net_stats_get(const idt_net *n, idt_net_stats *st)
{
  *st = n->st;
}
