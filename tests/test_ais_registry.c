/*
 * test_ais_registry.c - vessel identity: IMO check digits, MMSI classes and
 * MIDs, and the registry's history and flags on messages built bit by bit
 * (type 5) plus the real gpsd sample.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "interdict/ais.h"
#include "interdict/model.h"
#include "common/arena.h"

TEST(imo_check_digit)
{
  CHECK(idt_ais_imo_valid(9074729));   /* 9*7+0+7*5+4*4+7*3+2*2 = 139 */
  CHECK(!idt_ais_imo_valid(9074728));
  CHECK(idt_ais_imo_valid(8528864));   /* KINGSWAY (C4ADS, DOMAIN.md) */
  CHECK(idt_ais_imo_valid(8514045));   /* SUBBLIC */
  CHECK(!idt_ais_imo_valid(2300591));  /* seen in ais-nmea-type6-fid55.log */
  CHECK(!idt_ais_imo_valid(123456));   /* not 7 digits */
  CHECK(!idt_ais_imo_valid(0));
}

TEST(mmsi_classes)
{
  unsigned mid;
  CHECK_INT(idt_ais_mmsi_class(445123456, &mid), IDT_MMSI_SHIP);
  CHECK_INT(mid, 445);
  CHECK_STR(idt_ais_mid_country(mid), "KP");
  CHECK_INT(idt_ais_mmsi_class(2655090, &mid), IDT_MMSI_COAST);   /* 002655090 */
  CHECK_INT(mid, 265);
  CHECK_STR(idt_ais_mid_country(mid), "SE");
  CHECK_INT(idt_ais_mmsi_class(24466031, &mid), IDT_MMSI_GROUP);  /* 024466031 */
  CHECK_INT(mid, 244);
  CHECK_INT(idt_ais_mmsi_class(970123456, &mid), IDT_MMSI_SART);
  CHECK_INT(idt_ais_mmsi_class(972123456, &mid), IDT_MMSI_MOB);
  CHECK_INT(idt_ais_mmsi_class(974123456, &mid), IDT_MMSI_EPIRB);
  CHECK_INT(idt_ais_mmsi_class(992509977, &mid), IDT_MMSI_ATON);
  CHECK_INT(mid, 250);
  CHECK_INT(idt_ais_mmsi_class(111232501, &mid), IDT_MMSI_SAR_AIRCRAFT);
  CHECK_INT(mid, 232);
  CHECK_INT(idt_ais_mmsi_class(982331234, &mid), IDT_MMSI_CRAFT_OF_PARENT);
  CHECK_INT(idt_ais_mmsi_class(123456789, &mid), IDT_MMSI_OTHER);
  CHECK(idt_ais_mid_country(222) == NULL);                          /* unallocated */
  CHECK_STR(idt_ais_mid_country(273), "RU");
  CHECK_STR(idt_ais_mid_country(413), "CN");
  CHECK_STR(idt_ais_mid_country(440), "KR");
}

/* ---- a type 5 built bit by bit ---- */
static void put_bits(uint8_t *b, unsigned start, unsigned width, uint32_t v)
{
  unsigned i;
  for (i = 0; i < width; i++) {
    unsigned bit = (v >> (width - 1 - i)) & 1u, pos = start + i;
    if (bit)
      b[pos / 8] |= (uint8_t)(0x80u >> (pos % 8));
  }
}

static void put_text(uint8_t *b, unsigned start, unsigned chars, const char *s)
{
  unsigned i;
  for (i = 0; i < chars; i++) {
    unsigned c = i < strlen(s) ? (unsigned char)s[i] : '@';
    put_bits(b, start + 6 * i, 6, c >= 64 ? c - 64 : c);
  }
}

static void type5(idt_ais_msg *m, uint32_t mmsi, uint32_t imo, const char *name,
                  const char *call, int64_t t)
{
  uint8_t b[64];
  memset(b, 0, sizeof b);
  put_bits(b, 0, 6, 5);
  put_bits(b, 8, 30, mmsi);
  put_bits(b, 40, 30, imo);
  put_text(b, 70, 7, call);
  put_text(b, 112, 20, name);
  put_bits(b, 232, 8, 80);                       /* tanker */
  put_text(b, 302, 20, "NAMPO");
  CHECK_OK(idt_ais_decode_bits(m, b, 424));
  m->time = t;
}

typedef struct seen {
  int n;
  char all[8192];
} seen;

static int collect(const idt_ais_vessel *v, void *ctx)
{
  seen *s = ctx;
  size_t len = strlen(s->all);
  unsigned i;
  s->n++;
  len += (size_t)snprintf(s->all + len, sizeof s->all - len, "[%09u %u %s %s %lld %lld]",
                          v->mmsi, v->imo, v->name, v->flag, (long long)v->first_seen,
                          (long long)v->last_seen);
  for (i = 0; i < v->nflags && len < sizeof s->all; i++)
    len += (size_t)snprintf(s->all + len, sizeof s->all - len, " {%s}", v->flags[i]);
  return 0;
}

TEST(registry_history_and_flags)
{
  char db[512];
  idt_ais_registry *r = NULL;
  idt_ais_msg *m = malloc(sizeof *m);
  seen s;
  snprintf(db, sizeof db, "%s/ais_registry.db", tap_tmpdir());
  CHECK_OK(idt_ais_registry_open(&r, db));
  if (!r || !m) {
    free(m);
    return;
  }
  /* One IMO under two MMSIs and two names that differ only by a number. */
  type5(m, 445111000, 8528864, "NAM SAN 6", "HMAA", 1500000000);
  CHECK_OK(idt_ais_registry_add(r, m));
  type5(m, 445111000, 8528864, "NAM SAN 6", "HMAA", 1500000900);
  CHECK_OK(idt_ais_registry_add(r, m));
  type5(m, 667001234, 8528864, "NAM SAN 8", "9LXX", 1500003600);
  CHECK_OK(idt_ais_registry_add(r, m));
  /* One MMSI with two IMOs, one of which fails its check digit. */
  type5(m, 273000111, 9074729, "OCEAN", "UBAA", IDT_AIS_NOTIME);
  CHECK_OK(idt_ais_registry_add(r, m));
  type5(m, 273000111, 9074728, "OCEAN", "UBAA", IDT_AIS_NOTIME);
  CHECK_OK(idt_ais_registry_add(r, m));
  /* A clean vessel. */
  type5(m, 244660274, 9266633, "SEA ENTERPRISE", "HP6683", 1600000000);
  CHECK_OK(idt_ais_registry_add(r, m));
  CHECK_OK(idt_ais_registry_flush(r));

  memset(&s, 0, sizeof s);
  CHECK_OK(idt_ais_registry_each(r, 0, collect, &s));
  CHECK_INT(s.n, 4);
  tap_diag("%s", s.all);
  CHECK(strstr(s.all, "[445111000 8528864 NAM SAN 6 KP 1500000000 1500000900]"));
  CHECK(strstr(s.all, "imo_many_mmsi: IMO 8528864 is also broadcast by MMSI 667001234"));
  CHECK(strstr(s.all, "imo_many_names: IMO 8528864 was broadcast under 2 names: NAM SAN 6, NAM SAN 8"));
  CHECK(strstr(s.all, "mmsi_many_imo: MMSI 273000111 broadcast 2 IMO numbers"));
  CHECK(strstr(s.all, "imo_check: IMO 9074728 fails the check digit"));
  CHECK(strstr(s.all, "[244660274 9266633 SEA ENTERPRISE NL 1600000000 1600000000]"));

  memset(&s, 0, sizeof s);
  CHECK_OK(idt_ais_registry_each(r, 1, collect, &s));
  CHECK_INT(s.n, 3);                        /* the clean vessel is not listed */
  CHECK(!strstr(s.all, "244660274"));
  idt_ais_registry_free(r);

  /* History survives reopening; adding again only bumps counts. */
  CHECK_OK(idt_ais_registry_open(&r, db));
  type5(m, 445111000, 8528864, "NAM SAN 6", "HMAA", 1400000000);
  CHECK_OK(idt_ais_registry_add(r, m));
  memset(&s, 0, sizeof s);
  CHECK_OK(idt_ais_registry_each(r, 0, collect, &s));
  CHECK(strstr(s.all, "[445111000 8528864 NAM SAN 6 KP 1400000000 1500000900]"));
  idt_ais_registry_free(r);
  free(m);
}

/* List matching against FtM Vessel entities built here: by IMO (with the
 * list's flag against the MID's), by MMSI, and by name with numbers kept. */
TEST(registry_list_matching)
{
  char db[512];
  idt_ais_registry *r = NULL;
  idt_ais_msg *m = malloc(sizeof *m);
  idt_arena a;
  idt_entity *e;
  seen s;
  idt_arena_init(&a);
  snprintf(db, sizeof db, "%s/ais_lists.db", tap_tmpdir());
  CHECK_OK(idt_ais_registry_open(&r, db));
  if (!r || !m) {
    free(m);
    return;
  }
  CHECK_OK(idt_entity_new(&e, &a, idt_schema_get("Vessel"), "ofac-1234"));
  CHECK_OK(idt_entity_set_source(e, "1234", "us_ofac_sdn"));
  CHECK_OK(idt_entity_add(e, "name", "KINGSWAY"));
  CHECK_OK(idt_entity_add(e, "imoNumber", "IMO 8528864"));
  CHECK_OK(idt_entity_add(e, "flag", "kp"));
  CHECK_OK(idt_ais_registry_add_list_entity(r, e));
  CHECK_OK(idt_entity_new(&e, &a, idt_schema_get("Vessel"), "un-77"));
  CHECK_OK(idt_entity_set_source(e, "77", "un_sc_sanctions"));
  CHECK_OK(idt_entity_add(e, "name", "Nam San 8"));
  CHECK_OK(idt_entity_add(e, "mmsi", "445112000"));
  CHECK_OK(idt_ais_registry_add_list_entity(r, e));
  /* not a vessel, no IMO/MMSI: ignored */
  CHECK_OK(idt_entity_new(&e, &a, idt_schema_get("Person"), "p-1"));
  CHECK_OK(idt_entity_add(e, "name", "NAM SAN 6"));
  CHECK_OK(idt_ais_registry_add_list_entity(r, e));

  type5(m, 667001234, 8528864, "APEX", "9LXX", 1500000000);      /* relabelled, flag SL */
  CHECK_OK(idt_ais_registry_add(r, m));
  type5(m, 445111000, 0, "NAM SAN 6", "HMAA", 1500000000);       /* name differs by a digit */
  CHECK_OK(idt_ais_registry_add(r, m));
  type5(m, 445999000, 0, "NAM-SAN  8", "HMAB", 1500000000);      /* same name, punctuation */
  CHECK_OK(idt_ais_registry_add(r, m));
  type5(m, 445112000, 0, "CHON MA SAN", "HMAC", 1500000000);     /* listed MMSI */
  CHECK_OK(idt_ais_registry_add(r, m));
  memset(&s, 0, sizeof s);
  CHECK_OK(idt_ais_registry_each(r, 1, collect, &s));
  tap_diag("%s", s.all);
  CHECK(strstr(s.all, "list_imo: IMO 8528864 broadcast by MMSI 667001234 is listed in "
               "us_ofac_sdn as KINGSWAY (ofac-1234)"));
  CHECK(strstr(s.all, "flag_mismatch: the MMSI's MID gives flag SL, us_ofac_sdn lists IMO "
               "8528864 (KINGSWAY) under flag KP"));
  CHECK(strstr(s.all, "list_name: the broadcast name NAM SAN 8 is listed in un_sc_sanctions"));
  CHECK(strstr(s.all, "list_mmsi: MMSI 445112000 is listed in un_sc_sanctions as Nam San 8"));
  CHECK(!strstr(s.all, "445111000"));     /* NAM SAN 6 matches nothing */
  CHECK_INT(s.n, 3);
  CHECK_OK(idt_ais_registry_clear_lists(r));
  memset(&s, 0, sizeof s);
  CHECK_OK(idt_ais_registry_each(r, 1, collect, &s));
  CHECK_INT(s.n, 0);
  idt_ais_registry_free(r);
  idt_arena_free(&a);
  free(m);
}

TEST(registry_real_sample)
{
  char db[512], cmd[2048];
  snprintf(db, sizeof db, "%s/ais_sample.db", tap_tmpdir());
  snprintf(cmd, sizeof cmd, "'%s' --db '%s' ais ingest '%s' 2>/dev/null && '%s' --db '%s' ais "
           "vessels --flagged --format jsonl > '%s/flagged.jsonl'", tap_cli(), db,
           tap_data("data/ais/gpsd/ais-nmea-type6-fid55.log"), tap_cli(), db, tap_tmpdir());
  CHECK_INT(system(cmd), 0);
  {
    char path[600], line[4096];
    FILE *f;
    int found = 0;
    snprintf(path, sizeof path, "%s/flagged.jsonl", tap_tmpdir());
    f = fopen(path, "r");
    CHECK(f != NULL);
    while (f && fgets(line, sizeof line, f))
      if (strstr(line, "\"mmsi\":244750526") && strstr(line, "IMO 2300591 fails the check digit"))
        found = 1;
    if (f)
      fclose(f);
    CHECK(found);   /* ADELHEID, Norway 2018 recording: IMO 2300591 is invalid */
  }
}

int main(void)
{
  RUN(imo_check_digit);
  RUN(mmsi_classes);
  RUN(registry_history_and_flags);
  RUN(registry_list_matching);
  RUN(registry_real_sample);
  return tap_done();
}
