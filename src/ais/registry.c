/*
 * registry.c - who each vessel claims to be: identity history by MMSI and
 * IMO, kept in the store's SQLite file (tables prefixed ais_), and the
 * identity flags raised from it.
 *
 *   ais_vessel(mmsi, first_seen, last_seen, messages, types)
 *       every MMSI heard; types is a bit set of the message types sent
 *   ais_identity(mmsi, imo, name, callsign, shiptype, dimensions,
 *                destination, msgtype, first_seen, last_seen, count)
 *       one row per distinct static-data combination (types 5, 19, 24)
 *
 * Times are the sentence's (tag block c:, $PGHP, trailing unix time), NULL
 * when the feed carries none. Writes are upserts through prepared
 * statements inside one transaction per 10,000 messages: a million position
 * reports cost a few seconds, not a million fsyncs.
 *
 * Flags are computed when listing (idt_ais_registry_each), from the whole
 * history, so they reflect everything ingested so far rather than what was
 * known when a message arrived. Rejected alternative: an in-memory registry
 * dumped at exit; it would lose the history across runs and could not be
 * queried by other tools.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <sqlite3.h>
#include "ais/ais_int.h"
#include "interdict/model.h"
#include "interdict/store.h"

#define BATCH 10000

struct idt_ais_registry {
  sqlite3 *db;
  sqlite3_stmt *up_vessel, *up_ident;
  unsigned pending;
  int in_tx;
};

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS ais_vessel("
  " mmsi INTEGER PRIMARY KEY, first_seen INTEGER, last_seen INTEGER,"
  " messages INTEGER NOT NULL DEFAULT 0, types INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS ais_identity("
  " mmsi INTEGER NOT NULL, imo INTEGER NOT NULL, name TEXT NOT NULL,"
  " callsign TEXT NOT NULL, shiptype INTEGER NOT NULL, to_bow INTEGER NOT NULL,"
  " to_stern INTEGER NOT NULL, to_port INTEGER NOT NULL, to_starboard INTEGER NOT NULL,"
  " destination TEXT NOT NULL, msgtype INTEGER NOT NULL,"
  " first_seen INTEGER, last_seen INTEGER, count INTEGER NOT NULL DEFAULT 0,"
  " PRIMARY KEY(mmsi, imo, name, callsign, shiptype, to_bow, to_stern, to_port,"
  "  to_starboard, destination, msgtype)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS ais_identity_imo ON ais_identity(imo) WHERE imo > 0;"
  "CREATE TABLE IF NOT EXISTS ais_list_vessel("
  " dataset TEXT NOT NULL, entity_id TEXT NOT NULL, caption TEXT NOT NULL,"
  " name TEXT NOT NULL, imo INTEGER NOT NULL, mmsi INTEGER NOT NULL, flag TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS ais_list_imo ON ais_list_vessel(imo) WHERE imo > 0;"
  "CREATE INDEX IF NOT EXISTS ais_list_mmsi ON ais_list_vessel(mmsi) WHERE mmsi > 0;"
  "CREATE INDEX IF NOT EXISTS ais_list_name ON ais_list_vessel(name);";

/* first_seen = the earlier of the two, last_seen the later, NULLs ignored. */
static const char up_vessel_sql[] =
  "INSERT INTO ais_vessel(mmsi, first_seen, last_seen, messages, types)"
  " VALUES(?1, ?2, ?2, 1, ?3) ON CONFLICT(mmsi) DO UPDATE SET"
  " messages = messages + 1, types = types | ?3,"
  " first_seen = min(coalesce(first_seen, ?2), coalesce(?2, first_seen)),"
  " last_seen = max(coalesce(last_seen, ?2), coalesce(?2, last_seen))";

static const char up_ident_sql[] =
  "INSERT INTO ais_identity(mmsi, imo, name, callsign, shiptype, to_bow, to_stern,"
  " to_port, to_starboard, destination, msgtype, first_seen, last_seen, count)"
  " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, 1)"
  " ON CONFLICT DO UPDATE SET count = count + 1,"
  " first_seen = min(coalesce(first_seen, ?12), coalesce(?12, first_seen)),"
  " last_seen = max(coalesce(last_seen, ?12), coalesce(?12, last_seen))";

static int db_err(sqlite3 *db, const char *what)
{
  return idt_error_set(IDT_EDB, "ais registry: %s: %s", what,
                       db ? sqlite3_errmsg(db) : "cannot open");
}

int idt_ais_registry_open(idt_ais_registry **out, const char *path)
{
  idt_ais_registry *r;
  int rc;
  *out = NULL;
  if (!(r = idt_calloc(1, sizeof *r)))
    return IDT_ENOMEM;
  if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
    rc = db_err(r->db, path);
    goto fail;
  }
  sqlite3_busy_timeout(r->db, 10000);
  if (sqlite3_exec(r->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec(r->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
    rc = db_err(r->db, "creating the ais_ tables");
    goto fail;
  }
  if (sqlite3_prepare_v2(r->db, up_vessel_sql, -1, &r->up_vessel, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(r->db, up_ident_sql, -1, &r->up_ident, NULL) != SQLITE_OK) {
    rc = db_err(r->db, "preparing");
    goto fail;
  }
  *out = r;
  return 0;
fail:
  idt_ais_registry_free(r);
  return rc;
}

int idt_ais_registry_flush(idt_ais_registry *r)
{
  if (r && r->in_tx) {
    r->in_tx = 0;
    r->pending = 0;
    if (sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
      return db_err(r->db, "commit");
  }
  return 0;
}

void idt_ais_registry_free(idt_ais_registry *r)
{
  if (!r)
    return;
  idt_ais_registry_flush(r);
  sqlite3_finalize(r->up_vessel);
  sqlite3_finalize(r->up_ident);
  sqlite3_close(r->db);
  idt_free(r);
}

static void bind_time(sqlite3_stmt *st, int i, int64_t t)
{
  if (t == IDT_AIS_NOTIME)
    sqlite3_bind_null(st, i);
  else
    sqlite3_bind_int64(st, i, t);
}

static int64_t fieldv(const idt_ais_msg *m, const char *name, int64_t dflt)
{
  int64_t v;
  return idt_ais_field(m, name, &v) == 0 ? v : dflt;
}

static const char *textv(const idt_ais_msg *m, const char *name)
{
  const char *t = idt_ais_text(m, name);
  return t ? t : "";
}

int idt_ais_registry_add(idt_ais_registry *r, const idt_ais_msg *m)
{
  sqlite3_stmt *st;
  if (!m->layout || m->mmsi == 0)
    return 0;
  if (!r->in_tx) {
    if (sqlite3_exec(r->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
      return db_err(r->db, "begin");
    r->in_tx = 1;
  }
  st = r->up_vessel;
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, m->mmsi);
  bind_time(st, 2, m->time);
  sqlite3_bind_int64(st, 3, (sqlite3_int64)1 << (m->type & 31));
  if (sqlite3_step(st) != SQLITE_DONE)
    return db_err(r->db, "ais_vessel upsert");
  if (m->type == 5 || m->type == 19 || m->type == 24) {
    st = r->up_ident;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, m->mmsi);
    sqlite3_bind_int64(st, 2, fieldv(m, "imo", 0));
    sqlite3_bind_text(st, 3, textv(m, "shipname"), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, textv(m, "callsign"), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, fieldv(m, "shiptype", -1));
    sqlite3_bind_int64(st, 6, fieldv(m, "to_bow", 0));
    sqlite3_bind_int64(st, 7, fieldv(m, "to_stern", 0));
    sqlite3_bind_int64(st, 8, fieldv(m, "to_port", 0));
    sqlite3_bind_int64(st, 9, fieldv(m, "to_starboard", 0));
    sqlite3_bind_text(st, 10, textv(m, "destination"), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 11, m->type);
    bind_time(st, 12, m->time);
    if (sqlite3_step(st) != SQLITE_DONE)
      return db_err(r->db, "ais_identity upsert");
  }
  if (++r->pending >= BATCH)
    return idt_ais_registry_flush(r);
  return 0;
}

/* ---- list vessels --------------------------------------------------------- */

/* Names compare after upper-casing ASCII and collapsing every run of
 * non-alphanumerics to one space: AIS's 6-bit names are upper case, lists
 * mix case and punctuation. Digits stay: "NAM SAN 6" is not "NAM SAN 8". */
static void norm_name(char *out, size_t cap, const char *in)
{
  size_t n = 0;
  int space = 0;
  for (; *in && n + 2 < cap; in++) {
    unsigned char c = (unsigned char)*in;
    if (isalnum(c) || c >= 0x80) {
      if (space && n)
        out[n++] = ' ';
      space = 0;
      out[n++] = (char)(c < 0x80 ? toupper(c) : c);
    } else {
      space = 1;
    }
  }
  out[n] = 0;
}

/* The first run of exactly `digits` digits in s ("IMO 8528864" -> 8528864). */
static int64_t number_in(const char *s, int digits)
{
  while (s && *s) {
    int n = 0;
    int64_t v = 0;
    while (s[n] >= '0' && s[n] <= '9') {
      v = v * 10 + (s[n] - '0');
      n++;
    }
    if (n == digits)
      return v;
    s += n ? n : 1;
  }
  return 0;
}

int idt_ais_registry_clear_lists(idt_ais_registry *r)
{
  if (idt_ais_registry_flush(r) < 0 ||
      sqlite3_exec(r->db, "DELETE FROM ais_list_vessel", NULL, NULL, NULL) != SQLITE_OK)
    return db_err(r->db, "clearing ais_list_vessel");
  return 0;
}

int idt_ais_registry_add_list_entity(void *reg, struct idt_entity *e)
{
  idt_ais_registry *r = reg;
  const char *names[16], *flag;
  int64_t imo, mmsi;
  size_t n, i;
  sqlite3_stmt *st;
  int rc = 0;
  imo = number_in(idt_entity_first(e, "imoNumber"), 7);
  mmsi = number_in(idt_entity_first(e, "mmsi"), 9);
  if (!idt_schema_is_a(e->schema, "Vessel") && !imo && !mmsi)
    return 0;
  flag = idt_entity_first(e, "flag");
  n = idt_entity_values(e, "name", names, 16);
  if (n > 16)
    n = 16;
  if (sqlite3_prepare_v2(r->db, "INSERT INTO ais_list_vessel(dataset, entity_id, caption, name,"
                         " imo, mmsi, flag) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &st,
                         NULL) != SQLITE_OK)
    return db_err(r->db, "preparing");
  for (i = 0; i < (n ? n : 1) && rc == 0; i++) {
    char nn[256];
    norm_name(nn, sizeof nn, n ? names[i] : "");
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, e->dataset ? e->dataset : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, e->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, idt_entity_caption(e), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, nn, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, imo);
    sqlite3_bind_int64(st, 6, mmsi);
    sqlite3_bind_text(st, 7, flag ? flag : "", -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = db_err(r->db, "ais_list_vessel insert");
  }
  sqlite3_finalize(st);
  return rc;
}

int idt_ais_registry_load_lists(idt_ais_registry *r, const char *store_path,
                                unsigned long *nvessels)
{
  idt_store *s = NULL;
  int rc;
  sqlite3_stmt *st;
  if ((rc = idt_store_open(&s, store_path)) < 0)
    return rc;
  if ((rc = idt_ais_registry_clear_lists(r)) == 0 &&
      sqlite3_exec(r->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK) {
    rc = idt_store_load(s, NULL, 0, idt_ais_registry_add_list_entity, r);
    if (sqlite3_exec(r->db, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK &&
        rc == 0)
      rc = db_err(r->db, "commit");
  }
  idt_store_close(s);
  if (nvessels && sqlite3_prepare_v2(r->db, "SELECT count(DISTINCT entity_id) FROM "
                                     "ais_list_vessel", -1, &st, NULL) == SQLITE_OK) {
    *nvessels = sqlite3_step(st) == SQLITE_ROW ? (unsigned long)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
  }
  return rc;
}

/* ---- identity checks ------------------------------------------------------ */

/* IMO: 7 digits, the last = (d1*7 + d2*6 + d3*5 + d4*4 + d5*3 + d6*2) mod 10
 * (IMO resolution A.1078(28), DOMAIN.md section 3). */
int idt_ais_imo_valid(uint32_t imo)
{
  unsigned d[7], i, sum = 0;
  if (imo < 1000000u || imo > 9999999u)
    return 0;
  for (i = 7; i-- > 0; imo /= 10)
    d[i] = imo % 10;
  for (i = 0; i < 6; i++)
    sum += d[i] * (7 - i);
  return sum % 10 == d[6];
}

/* ITU-R M.585-9 annex 1: the leading digits give the station class. */
int idt_ais_mmsi_class(uint32_t mmsi, unsigned *mid)
{
  unsigned lead3 = mmsi / 1000000u, lead2 = mmsi / 10000000u;
  *mid = 0;
  if (mmsi > 999999999u || mmsi == 0)
    return IDT_MMSI_INVALID;
  if (lead3 == 970) return IDT_MMSI_SART;
  if (lead3 == 972) return IDT_MMSI_MOB;
  if (lead3 == 974) return IDT_MMSI_EPIRB;
  if (lead3 == 111) { *mid = (mmsi / 1000u) % 1000u; return IDT_MMSI_SAR_AIRCRAFT; }
  if (lead2 == 98) { *mid = (mmsi / 10000u) % 1000u; return IDT_MMSI_CRAFT_OF_PARENT; }
  if (lead2 == 99) { *mid = (mmsi / 10000u) % 1000u; return IDT_MMSI_ATON; }
  /* As 9-digit strings: 00MIDxxxx is below 10^7, 0MIDxxxxx below 10^8. */
  if (mmsi < 10000000u) { *mid = mmsi / 10000u; return IDT_MMSI_COAST; }
  if (mmsi < 100000000u) { *mid = mmsi / 100000u; return IDT_MMSI_GROUP; }
  if (lead3 >= 201 && lead3 <= 775) {
    *mid = lead3;
    return IDT_MMSI_SHIP;
  }
  return IDT_MMSI_OTHER;   /* no MID: 1xx, 8xx, 9xx outside the classes above */
}

const char *idt_ais_mmsi_class_name(int cls)
{
  static const char *const names[] = {
    "invalid", "ship", "group", "coast station", "SAR aircraft",
    "craft associated with a parent ship", "aid to navigation", "AIS-SART",
    "man overboard device", "EPIRB-AIS", "not in ITU-R M.585",
  };
  return cls >= 0 && cls <= IDT_MMSI_OTHER ? names[cls] : "?";
}

static void add_flag(idt_ais_vessel *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void add_flag(idt_ais_vessel *v, const char *fmt, ...)
{
  va_list ap;
  if (v->nflags >= sizeof v->flags / sizeof v->flags[0])
    return;
  va_start(ap, fmt);
  vsnprintf(v->flags[v->nflags++], sizeof v->flags[0], fmt, ap);
  va_end(ap);
}

static void copy_col(char *dst, size_t cap, sqlite3_stmt *st, int col)
{
  const unsigned char *t = sqlite3_column_text(st, col);
  snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

/* Distinct values of one column for a key, joined as "a, b, c" (at most
 * 6), and how many there are. */
static int distinct(sqlite3 *db, const char *sql, int64_t key, int64_t other,
                    char *list, size_t cap)
{
  sqlite3_stmt *st;
  int n = 0;
  size_t len = 0;
  list[0] = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_err(db, "query");
  sqlite3_bind_int64(st, 1, key);
  sqlite3_bind_int64(st, 2, other);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char *t = sqlite3_column_text(st, 0);
    if (n++ < 6 && len < cap)
      len += (size_t)snprintf(list + len, cap - len, "%s%s", len ? ", " : "",
                              t ? (const char *)t : "");
  }
  sqlite3_finalize(st);
  return n;
}

/* Matches against ais_list_vessel by IMO (any IMO the MMSI broadcast), by
 * MMSI and by normalised name (any name it broadcast), each with the entry;
 * and the flag a list gives for the IMO against the MID's. */
static void list_checks(sqlite3 *db, idt_ais_vessel *v)
{
  static const char sql[] =
    "SELECT DISTINCT 'imo', l.dataset, l.caption, l.entity_id, l.flag, l.imo FROM ais_list_vessel l"
    "  WHERE l.imo > 0 AND l.imo IN (SELECT imo FROM ais_identity WHERE mmsi = ?1 AND imo > 0)"
    " UNION SELECT DISTINCT 'mmsi', l.dataset, l.caption, l.entity_id, l.flag, l.imo"
    "  FROM ais_list_vessel l WHERE l.mmsi = ?1"
    " UNION SELECT DISTINCT 'name', l.dataset, l.caption, l.entity_id, l.flag, l.name"
    "  FROM ais_list_vessel l WHERE l.name <> '' AND l.name IN (SELECT name FROM ais_names)";
  sqlite3_stmt *st, *nm;
  char key[256];
  /* The vessel's broadcast names, normalised as list names are. */
  sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS ais_names(name TEXT PRIMARY KEY);"
               "DELETE FROM ais_names", NULL, NULL, NULL);
  if (sqlite3_prepare_v2(db, "SELECT DISTINCT name FROM ais_identity WHERE mmsi = ?1 AND name <> ''",
                         -1, &st, NULL) != SQLITE_OK)
    return;
  if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO ais_names VALUES(?1)", -1, &nm, NULL) != SQLITE_OK) {
    sqlite3_finalize(st);
    return;
  }
  sqlite3_bind_int64(st, 1, v->mmsi);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char *t = sqlite3_column_text(st, 0);
    norm_name(key, sizeof key, t ? (const char *)t : "");
    sqlite3_reset(nm);
    sqlite3_bind_text(nm, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_step(nm);
  }
  sqlite3_finalize(st);
  sqlite3_finalize(nm);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64(st, 1, v->mmsi);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *kind = (const char *)sqlite3_column_text(st, 0);
    const char *ds = (const char *)sqlite3_column_text(st, 1);
    const char *cap = (const char *)sqlite3_column_text(st, 2);
    const char *id = (const char *)sqlite3_column_text(st, 3);
    const char *flag = (const char *)sqlite3_column_text(st, 4);
    const char *what = (const char *)sqlite3_column_text(st, 5);
    if (!strcmp(kind, "imo")) {
      add_flag(v, "list_imo: IMO %s broadcast by MMSI %09u is listed in %s as %s (%s)", what,
               v->mmsi, ds, cap, id);
      /* A list's flag for that IMO against the MID's flag. */
      if (flag && strlen(flag) == 2 && v->flag[0] && strcasecmp(flag, v->flag) != 0)
        add_flag(v, "flag_mismatch: the MMSI's MID gives flag %s, %s lists IMO %s (%s) under "
                 "flag %c%c", v->flag, ds, what, cap, toupper((unsigned char)flag[0]),
                 toupper((unsigned char)flag[1]));
    } else if (!strcmp(kind, "mmsi")) {
      add_flag(v, "list_mmsi: MMSI %09u is listed in %s as %s (%s)", v->mmsi, ds, cap, id);
    } else {
      add_flag(v, "list_name: the broadcast name %s is listed in %s as %s (%s); same name, "
               "identity not confirmed by IMO or MMSI", what, ds, cap, id);
    }
  }
  sqlite3_finalize(st);
}

static void check(sqlite3 *db, idt_ais_vessel *v, long long types)
{
  unsigned mid;
  int cls = idt_ais_mmsi_class(v->mmsi, &mid), n;
  char list[120];
  const long long ship_types = (1LL << 1) | (1LL << 2) | (1LL << 3) | (1LL << 5) |
                               (1LL << 18) | (1LL << 19) | (1LL << 24);
  sqlite3_stmt *st;

  if ((types & ship_types) && cls != IDT_MMSI_SHIP && cls != IDT_MMSI_CRAFT_OF_PARENT) {
    if (cls == IDT_MMSI_OTHER || cls == IDT_MMSI_INVALID)
      add_flag(v, "mmsi_class: MMSI %09u fits no ITU-R M.585 class but sends ship reports",
               v->mmsi);
    else
      add_flag(v, "mmsi_class: MMSI %09u is a %s number (ITU-R M.585) but sends ship "
               "reports", v->mmsi, idt_ais_mmsi_class_name(cls));
  }
  /* Every class that embeds a MID (ships, groups, coast stations, SAR
   * aircraft, parent-ship craft, AtoN) should carry an allocated one. */
  if (mid && !idt_ais_mid_country(mid))
    add_flag(v, "mid_unallocated: MID %03u of MMSI %09u (%s) is not allocated by the ITU",
             mid, v->mmsi, idt_ais_mmsi_class_name(cls));
  /* Every IMO this MMSI has broadcast. */
  if (sqlite3_prepare_v2(db, "SELECT DISTINCT imo FROM ais_identity WHERE mmsi = ?1 AND imo > 0",
                         -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_int64(st, 1, v->mmsi);
    while (sqlite3_step(st) == SQLITE_ROW) {
      uint32_t imo = (uint32_t)sqlite3_column_int64(st, 0);
      if (!idt_ais_imo_valid(imo))
        add_flag(v, imo > 9999999u || imo < 1000000u
                 ? "imo_check: IMO %u is not 7 digits" : "imo_check: IMO %u fails the check digit",
                 imo);
    }
    sqlite3_finalize(st);
  }
  n = distinct(db, "SELECT DISTINCT imo FROM ais_identity WHERE mmsi = ?1 AND imo > 0 AND ?2 = ?2",
               v->mmsi, 0, list, sizeof list);
  if (n > 1)
    add_flag(v, "mmsi_many_imo: MMSI %09u broadcast %d IMO numbers: %s", v->mmsi, n, list);
  n = distinct(db, "SELECT DISTINCT name FROM ais_identity WHERE mmsi = ?1 AND name <> '' AND ?2 = ?2",
               v->mmsi, 0, list, sizeof list);
  if (n > 1)
    add_flag(v, "mmsi_many_names: MMSI %09u broadcast %d names: %s", v->mmsi, n, list);
  if (v->imo) {
    n = distinct(db, "SELECT DISTINCT mmsi FROM ais_identity WHERE imo = ?1 AND mmsi <> ?2",
                 v->imo, v->mmsi, list, sizeof list);
    if (n > 0)
      add_flag(v, "imo_many_mmsi: IMO %u is also broadcast by MMSI %s", v->imo, list);
    n = distinct(db, "SELECT DISTINCT name FROM ais_identity WHERE imo = ?1 AND name <> '' AND ?2 = ?2",
                 v->imo, 0, list, sizeof list);
    if (n > 1)
      add_flag(v, "imo_many_names: IMO %u was broadcast under %d names: %s", v->imo, n, list);
  }
  list_checks(db, v);
}

int idt_ais_registry_each(idt_ais_registry *r, int flagged_only, idt_ais_vessel_cb cb, void *ctx)
{
  sqlite3_stmt *st = NULL, *id = NULL;
  idt_ais_vessel *v;
  int rc = 0;
  if ((rc = idt_ais_registry_flush(r)) < 0)
    return rc;
  if (!(v = idt_malloc(sizeof *v)))
    return IDT_ENOMEM;
  if (sqlite3_prepare_v2(r->db, "SELECT mmsi, first_seen, last_seen, messages, types FROM "
                         "ais_vessel ORDER BY mmsi", -1, &st, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(r->db,
                         "SELECT imo, name, callsign, shiptype, destination FROM ais_identity"
                         " WHERE mmsi = ?1 ORDER BY coalesce(last_seen, 0) DESC, count DESC",
                         -1, &id, NULL) != SQLITE_OK) {
    rc = db_err(r->db, "listing");
    goto out;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    unsigned mid;
    const char *cc;
    memset(v, 0, sizeof *v);
    v->mmsi = (uint32_t)sqlite3_column_int64(st, 0);
    v->first_seen = sqlite3_column_type(st, 1) == SQLITE_NULL ? IDT_AIS_NOTIME
                                                              : sqlite3_column_int64(st, 1);
    v->last_seen = sqlite3_column_type(st, 2) == SQLITE_NULL ? IDT_AIS_NOTIME
                                                             : sqlite3_column_int64(st, 2);
    v->messages = (unsigned long long)sqlite3_column_int64(st, 3);
    v->shiptype = -1;
    idt_ais_mmsi_class(v->mmsi, &mid);
    cc = idt_ais_mid_country(mid);
    snprintf(v->flag, sizeof v->flag, "%s", cc ? cc : "");
    /* The latest value of each attribute (rows newest first). */
    sqlite3_reset(id);
    sqlite3_bind_int64(id, 1, v->mmsi);
    while (sqlite3_step(id) == SQLITE_ROW) {
      if (!v->imo && sqlite3_column_int64(id, 0) > 0)
        v->imo = (uint32_t)sqlite3_column_int64(id, 0);
      if (!v->name[0])
        copy_col(v->name, sizeof v->name, id, 1);
      if (!v->callsign[0])
        copy_col(v->callsign, sizeof v->callsign, id, 2);
      if (v->shiptype < 0 && sqlite3_column_int64(id, 3) >= 0)
        v->shiptype = (int)sqlite3_column_int64(id, 3);
      if (!v->destination[0])
        copy_col(v->destination, sizeof v->destination, id, 4);
    }
    check(r->db, v, sqlite3_column_int64(st, 4));
    if (flagged_only && !v->nflags)
      continue;
    if ((rc = cb(v, ctx)) != 0)
      break;
  }
out:
  sqlite3_finalize(st);
  sqlite3_finalize(id);
  idt_free(v);
  return rc;
}
