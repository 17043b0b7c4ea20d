file(REMOVE_RECURSE
  "CMakeFiles/interdict.dir/src/common/alloc.c.o"
  "CMakeFiles/interdict.dir/src/common/alloc.c.o.d"
  "CMakeFiles/interdict.dir/src/common/arena.c.o"
  "CMakeFiles/interdict.dir/src/common/arena.c.o.d"
  "CMakeFiles/interdict.dir/src/common/buf.c.o"
  "CMakeFiles/interdict.dir/src/common/buf.c.o.d"
  "CMakeFiles/interdict.dir/src/common/error.c.o"
  "CMakeFiles/interdict.dir/src/common/error.c.o.d"
  "CMakeFiles/interdict.dir/src/common/map.c.o"
  "CMakeFiles/interdict.dir/src/common/map.c.o.d"
  "CMakeFiles/interdict.dir/src/common/util.c.o"
  "CMakeFiles/interdict.dir/src/common/util.c.o.d"
  "CMakeFiles/interdict.dir/src/common/version.c.o"
  "CMakeFiles/interdict.dir/src/common/version.c.o.d"
  "CMakeFiles/interdict.dir/src/model/entity.c.o"
  "CMakeFiles/interdict.dir/src/model/entity.c.o.d"
  "CMakeFiles/interdict.dir/src/model/entity_json.c.o"
  "CMakeFiles/interdict.dir/src/model/entity_json.c.o.d"
  "CMakeFiles/interdict.dir/src/model/schema.c.o"
  "CMakeFiles/interdict.dir/src/model/schema.c.o.d"
  "CMakeFiles/interdict.dir/src/model/schema_table.c.o"
  "CMakeFiles/interdict.dir/src/model/schema_table.c.o.d"
  "libinterdict.a"
  "libinterdict.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/interdict.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
