
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/common/alloc.c" "CMakeFiles/interdict.dir/src/common/alloc.c.o" "gcc" "CMakeFiles/interdict.dir/src/common/alloc.c.o.d"
  "/work/main/src/common/arena.c" "CMakeFiles/interdict.dir/src/common/arena.c.o" "gcc" "CMakeFiles/interdict.dir/src/common/arena.c.o.d"
  "/work/main/src/common/buf.c" "CMakeFiles/interdict.dir/src/common/buf.c.o" "gcc" "CMakeFiles/interdict.dir/src/common/buf.c.o.d"
  "/work/main/src/common/error.c" "CMakeFiles/interdict.dir/src/common/error.c.o" "gcc" "CMakeFiles/interdict.dir/src/common/error.c.o.d"
  "/work/main/src/common/map.c" "CMakeFiles/interdict.dir/src/common/map.c.o" "gcc" "CMakeFiles/interdict.dir/src/common/map.c.o.d"
  "/work/main/src/common/util.c" "CMakeFiles/interdict.dir/src/common/util.c.o" "gcc" "CMakeFiles/interdict.dir/src/common/util.c.o.d"
  "/work/main/src/common/version.c" "CMakeFiles/interdict.dir/src/common/version.c.o" "gcc" "CMakeFiles/interdict.dir/src/common/version.c.o.d"
  "/work/main/src/model/entity.c" "CMakeFiles/interdict.dir/src/model/entity.c.o" "gcc" "CMakeFiles/interdict.dir/src/model/entity.c.o.d"
  "/work/main/src/model/entity_json.c" "CMakeFiles/interdict.dir/src/model/entity_json.c.o" "gcc" "CMakeFiles/interdict.dir/src/model/entity_json.c.o.d"
  "/work/main/src/model/schema.c" "CMakeFiles/interdict.dir/src/model/schema.c.o" "gcc" "CMakeFiles/interdict.dir/src/model/schema.c.o.d"
  "/work/main/src/model/schema_table.c" "CMakeFiles/interdict.dir/src/model/schema_table.c.o" "gcc" "CMakeFiles/interdict.dir/src/model/schema_table.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
