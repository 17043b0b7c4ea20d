file(REMOVE_RECURSE
  "CMakeFiles/interdict-cli.dir/src/cli/cli_util.c.o"
  "CMakeFiles/interdict-cli.dir/src/cli/cli_util.c.o.d"
  "CMakeFiles/interdict-cli.dir/src/cli/cmd_schema.c.o"
  "CMakeFiles/interdict-cli.dir/src/cli/cmd_schema.c.o.d"
  "CMakeFiles/interdict-cli.dir/src/cli/main.c.o"
  "CMakeFiles/interdict-cli.dir/src/cli/main.c.o.d"
  "interdict"
  "interdict.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/interdict-cli.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
