/* test_model.c - the generated schema table agrees with FtM's
 * defaultModel.json, and entity operations behave. */
#include <jansson.h>
#include "tap.h"
#include "interdict/model.h"
#include "common/arena.h"

static json_t *model;

static void collect(json_t *schemata, const char *name, json_t *acc)
{
  json_t *s = json_object_get(schemata, name), *ext, *v;
  size_t i;
  const char *k;
  json_array_foreach((ext = json_object_get(s, "extends")), i, v)
    collect(schemata, json_string_value(v), acc);
  json_object_foreach(json_object_get(s, "properties"), k, v)
    json_object_set(acc, k, v);
}

TEST(schema_table_matches_json)
{
  json_t *schemata = json_object_get(model, "schemata"), *s;
  const char *name;
  int bad = 0;
  CHECK_INT(idt_schema_count(), json_object_size(schemata));
  json_object_foreach(schemata, name, s) {
    const idt_schema *sc = idt_schema_get(name);
    json_t *acc = json_object(), *p;
    const char *pn;
    if (!sc) { bad++; tap_diag("missing schema %s", name); continue; }
    collect(schemata, name, acc);
    if (sc->nprops != json_object_size(acc)) {
      bad++;
      tap_diag("%s: %zu props, json %zu", name, sc->nprops, json_object_size(acc));
    }
    json_object_foreach(acc, pn, p) {
      const idt_property *ip = idt_schema_prop(sc, pn);
      const char *type = json_string_value(json_object_get(p, "type"));
      if (!ip || strcmp(idt_proptype_name(ip->type), type) != 0) {
        bad++;
        tap_diag("%s.%s type mismatch", name, pn);
      }
    }
    if (!!json_object_get(s, "edge") != !!(sc->flags & IDT_SCHEMA_EDGE)) bad++;
    json_decref(acc);
  }
  CHECK_INT(bad, 0);
}

TEST(required_schemata)
{
  static const char *need[] = { "Person", "Organization", "Company",
    "LegalEntity", "Vessel", "Airplane", "CryptoWallet", "Address",
    "Ownership", "Directorship", "Family", "Associate", "Membership",
    "Employment", "Representation", "UnknownLink", "Sanction", NULL };
  const char **n;
  for (n = need; *n; n++)
    CHECK(idt_schema_get(*n) != NULL);
  CHECK(idt_schema_is_a(idt_schema_get("Company"), "LegalEntity"));
  CHECK(!idt_schema_is_a(idt_schema_get("Vessel"), "LegalEntity"));
  CHECK_STR(idt_schema_get("Ownership")->edge_source, "owner");
  CHECK_STR(idt_schema_get("Ownership")->edge_target, "asset");
  CHECK(idt_schema_compatible(idt_schema_get("LegalEntity"), idt_schema_get("Person")));
  CHECK(!idt_schema_compatible(idt_schema_get("Vessel"), idt_schema_get("Person")));
  CHECK(!idt_schema_compatible(idt_schema_get("Person"), idt_schema_get("Company")));
  CHECK(idt_schema_prop(idt_schema_get("Vessel"), "imoNumber") != NULL);
  CHECK(idt_schema_prop(idt_schema_get("Person"), "weakAlias") != NULL);
}

TEST(entity_values_and_merge)
{
  idt_arena a;
  idt_entity *e, *f;
  const char *vals[4];
  char *js;
  idt_arena_init(&a);
  CHECK_OK(idt_entity_new(&e, &a, idt_schema_get("LegalEntity"), "x1"));
  CHECK_OK(idt_entity_add(e, "name", "  KIM Jong Un "));
  CHECK_OK(idt_entity_add(e, "name", "KIM Jong Un"));    /* duplicate */
  CHECK_OK(idt_entity_add(e, "name", ""));               /* empty */
  CHECK_OK(idt_entity_add(e, "alias", "Kim Jong-un"));
  CHECK_INT(idt_entity_add(e, "birthDate", "1984"), IDT_ESCHEMA);
  CHECK_INT(idt_entity_values(e, "name", vals, 4), 1);
  CHECK_STR(vals[0], "KIM Jong Un");
  CHECK_OK(idt_entity_new(&f, &a, idt_schema_get("Person"), "x1"));
  CHECK_OK(idt_entity_add(f, "birthDate", "1984-01-08"));
  CHECK_OK(idt_entity_merge(e, f));
  CHECK_STR(e->schema->name, "Person");
  CHECK_STR(idt_entity_first(e, "birthDate"), "1984-01-08");
  CHECK_STR(idt_entity_caption(e), "KIM Jong Un");
  CHECK_OK(idt_entity_new(&f, &a, idt_schema_get("Vessel"), "x1"));
  CHECK_INT(idt_entity_merge(e, f), IDT_ESCHEMA);
  idt_entity_sort(e);
  js = idt_entity_to_json(e);
  CHECK_STR(js, "{\"id\":\"x1\",\"schema\":\"Person\",\"properties\":{\"alias\":"
            "[\"Kim Jong-un\"],\"birthDate\":[\"1984-01-08\"],\"name\":[\"KIM Jong Un\"]}}");
  idt_free(js);
  idt_arena_free(&a);
}

/* A NUL inside a value (bad input) ends it: stored and compared as the C
 * string before it, so the duplicate check never reads past a stored value
 * (found by fuzz_ofac_csv: an OFAC remark with a NUL byte). */
TEST(entity_value_with_nul)
{
  idt_arena a;
  idt_entity *e;
  const char *vals[4];
  idt_arena_init(&a);
  CHECK_OK(idt_entity_new(&e, &a, idt_schema_get("Person"), "x2"));
  CHECK_OK(idt_entity_addn(e, "notes", "ab", 2));
  CHECK_OK(idt_entity_addn(e, "notes", "ab\0cdefghijklmnopqrstuvwxyz", 28));
  CHECK_OK(idt_entity_addn(e, "notes", "\0xyz", 4));
  CHECK_OK(idt_entity_addn(e, "notes", "a\0b", 3));
  CHECK_INT(idt_entity_values(e, "notes", vals, 4), 2);
  CHECK_STR(vals[0], "ab");
  CHECK_STR(vals[1], "a");
  idt_arena_free(&a);
}

int main(void)
{
  json_error_t err;
  model = json_load_file(tap_data("data/ftm/defaultModel.json"), 0, &err);
  if (!model) {
    printf("Bail out! cannot load defaultModel.json: %s\n", err.text);
    return 1;
  }
  RUN(schema_table_matches_json);
  RUN(required_schemata);
  RUN(entity_values_and_merge);
  RUN(entity_value_with_nul);
  json_decref(model);
  return tap_done();
}
