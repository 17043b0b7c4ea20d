/*
 * test_screen_cli.c - the screening commands end to end: `interdict screen`
 * on JSON lines and on CSV (streamed, versions recorded, CSV output),
 * `compare` on a pair and on a pairs file, `search`, and usage errors.
 * Lists come from the repository's OFAC copy (data/lists/ofac, --list).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "tap.h"

static char ofac[1100], tmp[1024];

static int run(const char *cmd, char *out, size_t cap)
{
  FILE *p = popen(cmd, "r");
  size_t n = 0, got;
  if (!p)
    return -1;
  while (n + 1 < cap && (got = fread(out + n, 1, cap - 1 - n, p)) > 0)
    n += got;
  out[n] = 0;
  return pclose(p);
}

static int setup(void)
{
  char cmd[4096];
  const char *dir = tap_data("data/lists/ofac");
  snprintf(tmp, sizeof tmp, "%s", tap_tmpdir());
  snprintf(ofac, sizeof ofac, "%s/ofac", tmp);
  snprintf(cmd, sizeof cmd, "set -e; mkdir -p '%s'; for f in sdn alt add; do"
           " xz -dc '%s'/$f.csv.xz > '%s'/$f.csv; done; cp '%s'/sdn_comments.csv '%s'/",
           ofac, dir, ofac, dir, ofac);
  return system(cmd);
}

TEST(screen_jsonl_and_csv)
{
  char cmd[4096], out[1 << 16], in[1100];
  FILE *f;
  snprintf(in, sizeof in, "%s/q.jsonl", tmp);
  f = fopen(in, "w");
  CHECK(f != NULL);
  if (!f)
    return;
  fputs("{\"id\":\"a\",\"schema\":\"Person\",\"name\":\"Kim Jong Un\",\"birthDate\":\"1984-01-08\"}\n"
        "{\"id\":\"b\",\"schema\":\"Vessel\",\"imo\":\"IMO 8122347\"}\n"
        "not json\n"
        "{\"id\":\"c\",\"name\":\"Zzyzx Qwertyuiop\"}\n", f);
  fclose(f);
  snprintf(cmd, sizeof cmd, "'%s' screen --list ofac-csv:'%s' --limit 2 '%s' 2>/dev/null",
           tap_cli(), ofac, in);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "{\"id\":\"a\",\"results\":[{\"entity_id\":\"ofac-20157\"") != NULL);
  CHECK(strstr(out, "\"score\":0.9900,\"match\":true") != NULL);
  CHECK(strstr(out, "{\"id\":\"b\",\"results\":[{\"entity_id\":\"ofac-23727\"") != NULL);
  CHECK(strstr(out, "{\"id\":\"c\",\"results\":[]") != NULL);
  CHECK(strstr(out, "\"versions\":{\"ofac-csv\":") != NULL);
  /* CSV in, CSV out */
  snprintf(in, sizeof in, "%s/q.csv", tmp);
  f = fopen(in, "w");
  if (!f)
    return;
  fputs("id,schema,name,aliases\n1,Organization,\"Korea Mining Development Trading Corp\",KOMID\n", f);
  fclose(f);
  snprintf(cmd, sizeof cmd, "'%s' screen --list ofac-csv:'%s' --format csv --limit 1 < '%s' 2>/dev/null",
           tap_cli(), ofac, in);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strncmp(out, "id,entity_id,dataset,source_id,schema,caption,score,match,explanation\n", 70) == 0);
  CHECK(strstr(out, "1,ofac-9345,us_ofac_sdn,9345,Organization,") != NULL);
}

TEST(compare_and_search)
{
  char cmd[4096], out[1 << 16], in[1100];
  FILE *f;
  snprintf(cmd, sizeof cmd, "'%s' compare 'KIM Jong Un' 'KIM Jong Sik'", tap_cli());
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "match: false") != NULL);
  snprintf(in, sizeof in, "%s/pairs.csv", tmp);
  f = fopen(in, "w");
  if (!f)
    return;
  fputs("schema,name1,name2\nPerson,Ri Chol,RI Ch'ol\nVessel,NAM SAN 6,NAM SAN 8\n", f);
  fclose(f);
  snprintf(cmd, sizeof cmd, "'%s' compare --pairs '%s'", tap_cli(), in);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "schema,name1,name2,score,match\n") != NULL);
  CHECK(strstr(out, "Person,Ri Chol,RI Ch'ol,0.9500,true\n") != NULL);
  CHECK(strstr(out, ",false\n") != NULL);
  snprintf(cmd, sizeof cmd, "'%s' search --list ofac-csv:'%s' --schema Vessel chonmasan", tap_cli(), ofac);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "23729") != NULL && strstr(out, "CHON MA SAN") != NULL);
  snprintf(cmd, sizeof cmd, "'%s' compare onlyone 2>/dev/null", tap_cli());
  CHECK(WEXITSTATUS(run(cmd, out, sizeof out)) == 2);
  snprintf(cmd, sizeof cmd, "'%s' screen --format xml 2>/dev/null", tap_cli());
  CHECK(WEXITSTATUS(run(cmd, out, sizeof out)) == 2);
}

/* Issue 6: a screening hit carries the exposure that `net exposure` stored
 * for it (an OpenSanctions FtM network: the hit is itself designated). */
TEST(screen_hits_carry_exposure)
{
  static char out[1 << 16];
  char cmd[4096], db[1100], q[1100];
  FILE *f;
  snprintf(db, sizeof db, "%s/exposure.db", tmp);
  snprintf(q, sizeof q, "%s/exposure.jsonl", tmp);
  f = fopen(q, "w");
  CHECK(f != NULL);
  if (!f)
    return;
  fputs("{\"id\":\"z\",\"schema\":\"Company\",\"name\":\"Limited Liability Company RTC\"}\n", f);
  fclose(f);
  snprintf(cmd, sizeof cmd, "'%s' --db '%s' import ftm '%s' --dataset zala --quiet && "
           "'%s' --db '%s' net exposure > /dev/null", tap_cli(), db,
           tap_data("data/lists/ftm/zala_network.ftm.json"), tap_cli(), db);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  snprintf(cmd, sizeof cmd, "'%s' --db '%s' screen --exposure --limit 1 '%s' 2>/dev/null",
           tap_cli(), db, q);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "\"exposure\":{\"designated\":true") != NULL);
  snprintf(cmd, sizeof cmd, "'%s' --db '%s' screen --limit 1 '%s' 2>/dev/null",
           tap_cli(), db, q);
  CHECK_INT(run(cmd, out, sizeof out), 0);
  CHECK(strstr(out, "\"exposure\"") == NULL);
}

int main(void)
{
  if (setup() != 0) {
    tap_skip("screen_cli", "cannot decompress data/lists/ofac");
    return tap_done();
  }
  RUN(screen_jsonl_and_csv);
  RUN(compare_and_search);
  RUN(screen_hits_carry_exposure);
  return tap_done();
}
