/*
 * eu_xml.c - the EU Financial Sanctions Files consolidated list (FSF XML
 * v1.1, namespace http://eu.europa.ec/fpi/fsd/export) to FtM entities,
 * streamed through expat as un_xml.c does.
 *
 * Each <sanctionEntity> becomes a Person (subjectType code "person") or an
 * Organization (anything else) with id "eu-<logicalId>", topics=sanction,
 * plus one Sanction "eu-<logicalId>-sanction" summing up its regulations
 * and a Passport/Identification per identity document.
 *
 * The format keeps its data in attributes, and the schema (subjectType)
 * comes after the first <regulation>. So the direct children of one
 * sanctionEntity are copied into the record's arena as nodes (element,
 * attributes, text of <remark>, the <publicationUrl> of a regulation, the
 * <contactInfo> of an address) and mapped when the record closes: the
 * parser state is one record, never the whole document. Deeper elements
 * (regulationSummary, remarks on a name or a document) are skipped.
 */
#include <string.h>
#include "ingest/eu_xml_int.h"
#include "common/util.h"

typedef idt__eu_node node;
typedef idt__eu eux;

static const char *const kind_el[K_COUNT] = {
  "regulation", "subjectType", "nameAlias", "citizenship", "birthdate",
  "identification", "address", "remark", "contactInfo"
};

/* Caps for one record, far above the real list's (a few dozen nodes). */
enum { MAX_NODES = 4096, MAX_ATTRS = 64 };

static int fail(eux *u, int rc)
{
  if (!u->rc) {
    u->rc = rc;
    XML_StopParser(u->xp, XML_FALSE);
  }
  return rc;
}

static unsigned long line_now(const eux *u)
{
  return (unsigned long)XML_GetCurrentLineNumber(u->xp);
}

/* Element name without a namespace prefix ("fsd:export" -> "export"). */
static const char *local(const char *el)
{
  const char *c = strrchr(el, ':');
  return c ? c + 1 : el;
}

static int copy_attrs(eux *u, node *n, const XML_Char **attr)
{
  size_t i, k = 0;
  while (attr[k] && k < 2 * MAX_ATTRS)
    k += 2;
  if (!(n->attr = idt_arena_alloc(&u->row, (k + 1) * sizeof *n->attr)))
    return IDT_ENOMEM;
  for (i = 0; i < k; i++)
    if (!(n->attr[i] = idt_arena_strdup(&u->row, attr[i])))
      return IDT_ENOMEM;
  n->attr[k] = NULL;
  return 0;
}

static int new_node(eux *u, enum idt__eu_kind k, const XML_Char **attr, node **out)
{
  node *n;
  int rc;
  if (++u->nnodes > MAX_NODES)
    return idt_error_set(IDT_ELIMIT, "%s:%lu: %s: more than %d elements in "
                         "one sanctionEntity", u->name, line_now(u),
                         kind_el[k], MAX_NODES);
  if (!(n = idt_arena_alloc(&u->row, sizeof *n)))
    return IDT_ENOMEM;
  memset(n, 0, sizeof *n);
  n->kind = k;
  n->line = line_now(u);
  if ((rc = copy_attrs(u, n, attr)))
    return rc;
  *out = n;
  return 0;
}

static int begin_record(eux *u, const XML_Char **attr)
{
  const char *lid = idt__eu_attr(attr, "logicalId");
  idt_str t = idt_trim(lid, strlen(lid));
  idt_arena_free(&u->row);
  u->first = u->last = u->cur = NULL;
  u->nnodes = 0;
  u->derived = NULL;
  u->nderived = u->capderived = 0;
  u->rec_line = line_now(u);
  if (t.len == 0 || t.len > 100)
    return idt_error_set(IDT_EPARSE, "%s:%zu: logicalId: %s on "
                         "<sanctionEntity>", u->name, u->rec_line,
                         t.len ? "longer than 100 bytes" : "missing or empty");
  if (!(u->logical = idt_arena_strndup(&u->row, t.p, t.len)) ||
      !(u->eu_ref = idt_arena_strdup(&u->row, idt__eu_attr(attr, "euReferenceNumber"))) ||
      !(u->un_id = idt_arena_strdup(&u->row, idt__eu_attr(attr, "unitedNationId"))) ||
      !(u->details = idt_arena_strdup(&u->row, idt__eu_attr(attr, "designationDetails"))) ||
      !(u->desig_date = idt_arena_strdup(&u->row, idt__eu_attr(attr, "designationDate"))))
    return IDT_ENOMEM;
  u->in_record = 1;
  return 0;
}

/* ---- expat callbacks ---- */

static int child_start(eux *u, const char *el, const XML_Char **attr)
{
  node *n;
  int k, rc;
  if (u->depth == 3) {
    u->cur = NULL;
    for (k = 0; k < K_CONTACT; k++)
      if (strcmp(el, kind_el[k]) == 0)
        break;
    if (k == K_CONTACT)
      return 0;   /* unknown children are skipped */
    if ((rc = new_node(u, (enum idt__eu_kind)k, attr, &n)))
      return rc;
    if (u->last)
      u->last->next = n;
    else
      u->first = n;
    u->last = u->cur = n;
    u->collect = k == K_REMARK;
    return 0;
  }
  if (u->depth != 4 || !u->cur)
    return 0;
  if (u->cur->kind == K_REGULATION && strcmp(el, "publicationUrl") == 0 &&
      !u->cur->text) {
    u->collect = 1;
  } else if (u->cur->kind == K_ADDRESS && strcmp(el, "contactInfo") == 0) {
    if ((rc = new_node(u, K_CONTACT, attr, &n)))
      return rc;
    n->next = u->cur->contacts;
    u->cur->contacts = n;
  }
  return 0;
}

static void XMLCALL on_start(void *data, const XML_Char *el,
                             const XML_Char **attr)
{
  eux *u = data;
  const char *l = local(el);
  int rc = 0;
  if (u->rc)
    return;
  u->depth++;
  idt_buf_clear(&u->text);
  if (u->depth == 1 && strcmp(l, "export") != 0)
    rc = idt_error_set(IDT_EPARSE, "%s:%lu: export: the root element is <%.60s>, "
                       "not the EU FSF <export>", u->name, line_now(u), el);
  else if (!u->in_record && u->depth == 2 && strcmp(l, "sanctionEntity") == 0)
    rc = begin_record(u, attr);
  else if (u->in_record)
    rc = child_start(u, l, attr);
  if (rc)
    fail(u, rc);
}

static int keep_text(eux *u, char **dst)
{
  idt_str t = idt_trim(u->text.p ? u->text.p : "", u->text.len);
  u->collect = 0;
  if (!t.len || !u->cur)
    return 0;
  return (*dst = idt_arena_strndup(&u->row, t.p, t.len)) ? 0 : IDT_ENOMEM;
}

static void XMLCALL on_end(void *data, const XML_Char *el)
{
  eux *u = data;
  int rc = 0;
  (void)el;
  if (u->rc)
    return;
  if (u->in_record) {
    if (u->depth == 2)
      rc = idt__eu_end_record(u);
    else if (u->depth <= 4 && u->collect && u->cur)
      rc = keep_text(u, &u->cur->text);
    if (u->depth == 3)
      u->cur = NULL;
  }
  idt_buf_clear(&u->text);
  u->depth--;
  if (rc)
    fail(u, rc);
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
  eux *u = data;
  int rc;
  if (u->rc || !u->collect || len <= 0)
    return;
  if ((rc = idt__xml_text(&u->text, u->name, line_now(u), s, len)))
    fail(u, rc);
}

static void *xml_malloc(size_t n) { return idt_malloc(n); }
static void *xml_realloc(void *p, size_t n) { return idt_realloc(p, n); }
static void xml_free(void *p) { idt_free(p); }

static int parse(eux *u, idt_mem xml)
{
  /* Fed in 256 KiB pieces so progress can be reported. */
  size_t pos = 0, step = (size_t)256 << 10;
  const char *base = xml.p ? xml.p : "";
  enum XML_Status st = XML_STATUS_OK;
  do {
    size_t len = xml.n - pos < step ? xml.n - pos : step;
    int last = pos + len == xml.n;
    st = XML_Parse(u->xp, base + pos, (int)len, last);
    pos += len;
    if (st != XML_STATUS_ERROR)
      idt__ingest_progress(u->opts, pos, xml.n);
  } while (st != XML_STATUS_ERROR && pos < xml.n);
  if (u->rc)
    return u->rc;
  if (st == XML_STATUS_ERROR) {
    enum XML_Error err = XML_GetErrorCode(u->xp);
    return idt_error_set(err == XML_ERROR_NO_MEMORY ? IDT_ENOMEM : IDT_EPARSE,
                         "%s:%lu:%lu: byte offset %ld: XML: %s", u->name,
                         line_now(u),
                         (unsigned long)XML_GetCurrentColumnNumber(u->xp) + 1,
                         (long)XML_GetCurrentByteIndex(u->xp),
                         XML_ErrorString(err));
  }
  if (u->in_record)
    return idt_error_set(IDT_EPARSE, "%s:%zu: sanctionEntity eu-%s not closed",
                         u->name, u->rec_line, u->logical);
  return 0;
}

int idt_ingest_eu_xml_mem(const char *name, idt_mem xml,
                          const idt_ingest_opts *opts)
{
  static const XML_Memory_Handling_Suite ms = { xml_malloc, xml_realloc,
                                                xml_free };
  eux *u;
  int rc;
  if (!opts || !opts->emit)
    return idt_error_set(IDT_EINVAL, "eu-xml: an emit callback is required");
  if (!name)
    name = "eu_fsf.xml";
  if (xml.n > (size_t)INT32_MAX)
    return idt_error_set(IDT_ELIMIT, "%s: larger than 2 GB", name);
  if (!(u = idt_calloc(1, sizeof *u)))
    return IDT_ENOMEM;
  u->opts = opts;
  u->name = name;
  u->dataset = idt__ingest_dataset(opts, "eu_fsf");
  idt_arena_init(&u->row);
  idt_buf_init(&u->text, (size_t)1 << 20);
  if (!(u->xp = XML_ParserCreate_MM(NULL, &ms, NULL))) {
    rc = idt_error_set(IDT_ENOMEM, "%s: cannot create the XML parser", name);
  } else {
    XML_SetUserData(u->xp, u);
    XML_SetElementHandler(u->xp, on_start, on_end);
    XML_SetCharacterDataHandler(u->xp, on_text);
    rc = parse(u, xml);
    XML_ParserFree(u->xp);
  }
  idt_buf_free(&u->text);
  idt_arena_free(&u->row);
  idt_free(u);
  return rc;
}

int idt_ingest_eu_xml(const char *path, const idt_ingest_opts *opts)
{
  return idt__ingest_file(path, "eu-xml", idt_ingest_eu_xml_mem, opts);
}
