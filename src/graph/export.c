/*
 * export.c - the graph (or one entity's neighbourhood) as GraphML, GEXF,
 * Graphviz DOT or FtM JSON lines, with exposure attributes when computed.
 *
 * Escaping: XML text and attribute values escape & < > " ' and drop the
 * control characters XML 1.0 forbids (everything below U+0020 but tab, LF,
 * CR); DOT strings escape backslash and double quote and turn newlines into
 * \n; JSON goes through jansson. Entity ids are user data (FtM ids are
 * free text) and go through the same escaping as names.
 */
#include <string.h>
#include <jansson.h>
#include "graph/net_int.h"

static void xml_esc(FILE *f, const char *s)
{
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&apos;", f); break;
    default:
      if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
        fputc(c, f);
    }
  }
}

static void dot_esc(FILE *f, const char *s)
{
  fputc('"', f);
  for (; s && *s; s++) {
    if (*s == '"' || *s == '\\')
      fputc('\\', f), fputc(*s, f);
    else if (*s == '\n')
      fputs("\\n", f);
    else if ((unsigned char)*s >= 0x20 || *s == '\t')
      fputc(*s, f);
  }
  fputc('"', f);
}

/* Node selection: everything, or a BFS ball of `hops` around one node. */
static int select_nodes(const idt_net *n, const char *around, unsigned hops,
                        uint8_t **sel_out)
{
  uint8_t *sel = idt_calloc((size_t)n->n + 1, 1);
  uint32_t *q = NULL, *d = NULL, qh = 0, qt = 0, s;
  int rc = 0;
  if (!sel)
    return IDT_ENOMEM;
  if (!around) {
    memset(sel, 1, n->n);
    *sel_out = sel;
    return 0;
  }
  if ((rc = idt_net_find(n, around, &s)))
    goto fail;
  q = idt_malloc(((size_t)n->n + 1) * 4);
  d = idt_malloc(((size_t)n->n + 1) * 4);
  if (!q || !d) {
    rc = IDT_ENOMEM;
    goto fail;
  }
  sel[s] = 1;
  d[s] = 0;
  q[qt++] = s;
  while (qh < qt) {
    uint32_t u = q[qh++], i, dir;
    if (d[u] >= hops)
      continue;
    for (dir = 0; dir < 2; dir++) {
      const uint32_t *off = dir ? n->in_off : n->out_off;
      const uint32_t *ev = dir ? n->in_e : n->out_e;
      for (i = off[u]; i < off[u + 1]; i++) {
        uint32_t e = ev[i], w = dir ? n->src[e] : n->dst[e];
        if (sel[w])
          continue;
        sel[w] = 1;
        d[w] = d[u] + 1;
        q[qt++] = w;
      }
    }
  }
  idt_free(q);
  idt_free(d);
  *sel_out = sel;
  return 0;
fail:
  idt_free(q);
  idt_free(d);
  idt_free(sel);
  return rc;
}

static const char *status(const idt_net *n, uint32_t v)
{
  uint8_t f = n->flags[v];
  if (f & NODE_DESIGNATED) return "designated";
  if (!n->computed) return "";
  if (f & NODE_BLOCKED) return "blocked_50";
  if (f & NODE_POSSIBLE) return "possibly_blocked_50";
  if (f & NODE_EU) return "eu_controlled";
  return "";
}

static const char *label(const idt_net *n, uint32_t v)
{
  return n->caption[v] ? n->caption[v] : n->id[v];
}

static void pct_text(const idt_net *n, uint64_t e, char *buf, size_t cap)
{
  buf[0] = 0;
  if (n->type[e] != IDT_NET_OWNERSHIP || (n->eflags[e] & EDGE_PCT_UNKNOWN))
    return;
  if (n->lo[e] == n->hi[e])
    snprintf(buf, cap, "%g%%", (double)n->lo[e]);
  else
    snprintf(buf, cap, "%g-%g%%", (double)n->lo[e], (double)n->hi[e]);
}

static void graphml(const idt_net *n, const uint8_t *sel, FILE *f)
{
  uint32_t v;
  uint64_t e;
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
        "  <key id=\"schema\" for=\"node\" attr.name=\"schema\" attr.type=\"string\"/>\n"
        "  <key id=\"status\" for=\"node\" attr.name=\"status\" attr.type=\"string\"/>\n"
        "  <key id=\"programs\" for=\"node\" attr.name=\"programs\" attr.type=\"string\"/>\n"
        "  <key id=\"risk\" for=\"node\" attr.name=\"risk\" attr.type=\"double\"/>\n"
        "  <key id=\"hops\" for=\"node\" attr.name=\"hops\" attr.type=\"int\"/>\n"
        "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
        "  <key id=\"percentage\" for=\"edge\" attr.name=\"percentage\" attr.type=\"string\"/>\n"
        "  <key id=\"via\" for=\"edge\" attr.name=\"via\" attr.type=\"string\"/>\n"
        "  <graph id=\"interdict\" edgedefault=\"directed\">\n", f);
  for (v = 0; v < n->n; v++) {
    if (!sel[v])
      continue;
    fputs("    <node id=\"", f); xml_esc(f, n->id[v]); fputs("\">\n", f);
    fputs("      <data key=\"label\">", f); xml_esc(f, label(n, v)); fputs("</data>\n", f);
    fputs("      <data key=\"schema\">", f); xml_esc(f, n->schema[v] ? n->schema[v] : "");
    fputs("</data>\n      <data key=\"status\">", f); xml_esc(f, status(n, v));
    fputs("</data>\n", f);
    if (n->programs[v]) {
      fputs("      <data key=\"programs\">", f); xml_esc(f, n->programs[v]);
      fputs("</data>\n", f);
    }
    if (n->computed)
      fprintf(f, "      <data key=\"risk\">%.6g</data>\n      <data key=\"hops\">%d</data>\n",
              n->risk[v], n->hops[v]);
    fputs("    </node>\n", f);
  }
  for (e = 0; e < n->m; e++) {
    char pct[48];
    if (!sel[n->src[e]] || !sel[n->dst[e]])
      continue;
    pct_text(n, e, pct, sizeof pct);
    fprintf(f, "    <edge id=\"e%llu\" source=\"", (unsigned long long)e);
    xml_esc(f, n->id[n->src[e]]); fputs("\" target=\"", f);
    xml_esc(f, n->id[n->dst[e]]); fputs("\">\n", f);
    fprintf(f, "      <data key=\"type\">%s</data>\n", idt_net_etype_name(n->type[e]));
    if (pct[0])
      fprintf(f, "      <data key=\"percentage\">%s</data>\n", pct);
    fputs("      <data key=\"via\">", f); xml_esc(f, n->via[e]); fputs("</data>\n", f);
    fputs("    </edge>\n", f);
  }
  fputs("  </graph>\n</graphml>\n", f);
}

static void gexf(const idt_net *n, const uint8_t *sel, FILE *f)
{
  uint32_t v;
  uint64_t e;
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
        "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
        "    <attributes class=\"node\">\n"
        "      <attribute id=\"0\" title=\"schema\" type=\"string\"/>\n"
        "      <attribute id=\"1\" title=\"status\" type=\"string\"/>\n"
        "      <attribute id=\"2\" title=\"risk\" type=\"double\"/>\n"
        "      <attribute id=\"3\" title=\"hops\" type=\"integer\"/>\n"
        "    </attributes>\n"
        "    <attributes class=\"edge\">\n"
        "      <attribute id=\"0\" title=\"percentage\" type=\"string\"/>\n"
        "      <attribute id=\"1\" title=\"via\" type=\"string\"/>\n"
        "    </attributes>\n    <nodes>\n", f);
  for (v = 0; v < n->n; v++) {
    if (!sel[v])
      continue;
    fputs("      <node id=\"", f); xml_esc(f, n->id[v]);
    fputs("\" label=\"", f); xml_esc(f, label(n, v)); fputs("\">\n        <attvalues>\n", f);
    fputs("          <attvalue for=\"0\" value=\"", f);
    xml_esc(f, n->schema[v] ? n->schema[v] : ""); fputs("\"/>\n", f);
    fprintf(f, "          <attvalue for=\"1\" value=\"%s\"/>\n", status(n, v));
    if (n->computed)
      fprintf(f, "          <attvalue for=\"2\" value=\"%.6g\"/>\n"
              "          <attvalue for=\"3\" value=\"%d\"/>\n", n->risk[v], n->hops[v]);
    fputs("        </attvalues>\n      </node>\n", f);
  }
  fputs("    </nodes>\n    <edges>\n", f);
  for (e = 0; e < n->m; e++) {
    char pct[48];
    if (!sel[n->src[e]] || !sel[n->dst[e]])
      continue;
    pct_text(n, e, pct, sizeof pct);
    fprintf(f, "      <edge id=\"%llu\" source=\"", (unsigned long long)e);
    xml_esc(f, n->id[n->src[e]]); fputs("\" target=\"", f);
    xml_esc(f, n->id[n->dst[e]]);
    fprintf(f, "\" label=\"%s\" weight=\"%.4g\">\n        <attvalues>\n",
            idt_net_etype_name(n->type[e]), (double)idt__net_weight(n, e));
    fprintf(f, "          <attvalue for=\"0\" value=\"%s\"/>\n", pct);
    fputs("          <attvalue for=\"1\" value=\"", f); xml_esc(f, n->via[e]);
    fputs("\"/>\n        </attvalues>\n      </edge>\n", f);
  }
  fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

static void dot(const idt_net *n, const uint8_t *sel, FILE *f)
{
  uint32_t v;
  uint64_t e;
  fputs("digraph interdict {\n  graph [rankdir=LR, overlap=false];\n"
        "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n"
        "  edge [fontname=\"Helvetica\", fontsize=10];\n", f);
  for (v = 0; v < n->n; v++) {
    const char *st, *fill;
    if (!sel[v])
      continue;
    st = status(n, v);
    fill = !strcmp(st, "designated") ? "#f4a6a6" : !strcmp(st, "blocked_50") ? "#f8c58c" :
           !strcmp(st, "possibly_blocked_50") ? "#fbe9a0" :
           !strcmp(st, "eu_controlled") ? "#d9c8f0" : "white";
    fputs("  ", f); dot_esc(f, n->id[v]); fputs(" [label=", f);
    {
      char buf[1024];
      snprintf(buf, sizeof buf, "%s\n%s%s%s", label(n, v), n->schema[v] ? n->schema[v] : "",
               st[0] ? " / " : "", st);
      dot_esc(f, buf);
    }
    fprintf(f, ", fillcolor=\"%s\"];\n", fill);
  }
  for (e = 0; e < n->m; e++) {
    char pct[48], lab[160];
    if (!sel[n->src[e]] || !sel[n->dst[e]])
      continue;
    pct_text(n, e, pct, sizeof pct);
    snprintf(lab, sizeof lab, "%s%s%s", idt_net_etype_name(n->type[e]), pct[0] ? " " : "", pct);
    fputs("  ", f); dot_esc(f, n->id[n->src[e]]); fputs(" -> ", f);
    dot_esc(f, n->id[n->dst[e]]); fputs(" [label=", f); dot_esc(f, lab);
    fputs(n->type[e] >= IDT_NET_PIVOT_ID ? ", style=dashed, dir=none];\n" : "];\n", f);
  }
  fputs("}\n", f);
}

/* FtM: nodes, then edges as relationship entities with their FtM ends. */
static const struct { const char *schema, *s, *d; } ftm_edge[IDT_NET_NTYPES] = {
  { "Ownership", "owner", "asset" }, { "Directorship", "director", "organization" },
  { "Family", "person", "relative" }, { "Associate", "person", "associate" },
  { "Membership", "member", "organization" }, { "Employment", "employee", "employer" },
  { "Representation", "agent", "client" }, { "UnknownLink", "subject", "object" },
  { "Payment", "payer", "beneficiary" }, { "Succession", "predecessor", "successor" },
  { "Ownership", "owner", "asset" }, { "UnknownLink", "subject", "object" },
  { "Ownership", "owner", "asset" }, { "UnknownLink", "subject", "object" },
  { "UnknownLink", "subject", "object" }, { "UnknownLink", "subject", "object" },
  { "UnknownLink", "subject", "object" },
};

static int emit_json(json_t *o, FILE *f)
{
  char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
  json_decref(o);
  if (!s)
    return IDT_ENOMEM;
  fputs(s, f);
  fputc('\n', f);
  free(s);
  return 0;
}

static json_t *one(const char *s)
{
  json_t *a = json_array();
  json_array_append_new(a, json_string(s ? s : ""));
  return a;
}

static int ftm(const idt_net *n, const uint8_t *sel, FILE *f)
{
  uint32_t v;
  uint64_t e;
  int rc = 0;
  for (v = 0; v < n->n && !rc; v++) {
    json_t *o, *p;
    if (!sel[v])
      continue;
    o = json_object();
    p = json_object();
    json_object_set_new(o, "id", json_string(n->id[v]));
    json_object_set_new(o, "schema", json_string(n->schema[v] ? n->schema[v] : "LegalEntity"));
    json_object_set_new(p, "name", one(label(n, v)));
    if (n->flags[v] & NODE_DESIGNATED)
      json_object_set_new(p, "topics", one("sanction"));
    json_object_set_new(o, "properties", p);
    rc = emit_json(o, f);
  }
  for (e = 0; e < n->m && !rc; e++) {
    json_t *o, *p;
    char id[64], pct[48];
    int t = n->type[e];
    if (!sel[n->src[e]] || !sel[n->dst[e]])
      continue;
    o = json_object();
    p = json_object();
    snprintf(id, sizeof id, "net-edge-%llu", (unsigned long long)e);
    json_object_set_new(o, "id", json_string(t < IDT_NET_REF_OWNER && n->via[e] ? n->via[e] : id));
    json_object_set_new(o, "schema", json_string(ftm_edge[t].schema));
    json_object_set_new(p, ftm_edge[t].s, one(n->id[n->src[e]]));
    json_object_set_new(p, ftm_edge[t].d, one(n->id[n->dst[e]]));
    pct_text(n, e, pct, sizeof pct);
    if (pct[0])
      json_object_set_new(p, "percentage", one(pct));
    if (t >= IDT_NET_REF_OWNER) {
      char role[600];
      snprintf(role, sizeof role, "%s%s%s", idt_net_etype_name(t),
               t >= IDT_NET_PIVOT_ID ? ": " : "", t >= IDT_NET_PIVOT_ID ? n->via[e] : "");
      json_object_set_new(p, "role", one(role));
    }
    json_object_set_new(o, "properties", p);
    rc = emit_json(o, f);
  }
  return rc;
}

int idt_net_export(const idt_net *n, const char *format, const char *around_id,
                   unsigned hops, FILE *out)
{
  uint8_t *sel = NULL;
  int rc;
  if (!n || !format || !out)
    return idt_error_set(IDT_EINVAL, "net export: network, format and output required");
  if (!n->finished)
    return idt_error_set(IDT_EINVAL, "net export: before finish");
  if (strcmp(format, "graphml") && strcmp(format, "gexf") && strcmp(format, "dot") &&
      strcmp(format, "ftm"))
    return idt_error_set(IDT_EINVAL, "net export: unknown format '%s' (graphml, gexf, "
                         "dot, ftm)", format);
  if ((rc = select_nodes(n, around_id, hops, &sel)))
    return rc;
  if (!strcmp(format, "graphml"))
    graphml(n, sel, out);
  else if (!strcmp(format, "gexf"))
    gexf(n, sel, out);
  else if (!strcmp(format, "dot"))
    dot(n, sel, out);
  else
    rc = ftm(n, sel, out);
  idt_free(sel);
  if (!rc && ferror(out))
    rc = idt_error_set(IDT_EIO, "net export: write error");
  return rc;
}
