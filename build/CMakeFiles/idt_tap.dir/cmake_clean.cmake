file(REMOVE_RECURSE
  "CMakeFiles/idt_tap.dir/tests/tap.c.o"
  "CMakeFiles/idt_tap.dir/tests/tap.c.o.d"
  "libidt_tap.a"
  "libidt_tap.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/idt_tap.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
