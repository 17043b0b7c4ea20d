# CMake generated Testfile for 
# Source directory: /work/main
# Build directory: /work/main/build
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[test_common]=] "/work/main/build/test_common")
set_tests_properties([=[test_common]=] PROPERTIES  ENVIRONMENT "IDT_SRC=/work/main;IDT_BIN=/work/main/build;IDT_CLI=/work/main/build/interdict" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/main/CMakeLists.txt;96;add_test;/work/main/CMakeLists.txt;0;")
add_test([=[test_model]=] "/work/main/build/test_model")
set_tests_properties([=[test_model]=] PROPERTIES  ENVIRONMENT "IDT_SRC=/work/main;IDT_BIN=/work/main/build;IDT_CLI=/work/main/build/interdict" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/main/CMakeLists.txt;96;add_test;/work/main/CMakeLists.txt;0;")
