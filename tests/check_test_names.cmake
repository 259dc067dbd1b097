# Fails when a Catch2 executable registers a test case whose name is not plain words.
# catch_discover_tests turns each name into a ctest entry and a command-line filter: a `;`
# splits the entry in two, and quotes, commas, brackets, backslashes or `*` change what the
# filter selects, so the test case would silently never run.
# Usage: cmake -DTEST_EXECUTABLE=path -P check_test_names.cmake
execute_process(COMMAND "${TEST_EXECUTABLE}" --list-test-names-only
  OUTPUT_VARIABLE names RESULT_VARIABLE listed)
# Catch2 2 exits with the number of test cases it listed.
if(NOT listed MATCHES "^[0-9]+$" OR listed EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE} listed no test cases (${listed})")
endif()
# A `;` would split the list below: make it visible first.
string(REPLACE ";" "<semicolon>" names "${names}")
string(REPLACE "\n" ";" names "${names}")
set(bad "")
foreach(name IN LISTS names)
  # Inside brackets CMake's regex takes `\` literally; `]` first is a literal `]`.
  if(name MATCHES "<semicolon>" OR name MATCHES [=[[],"\*[]]=] OR name MATCHES "^[~#]")
    string(APPEND bad "\n  ${name}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "test case names that are not plain words (no ; , quotes, brackets, "
    "backslash or *; no leading ~ or #): rename them${bad}")
endif()
message(STATUS "${listed} test case names, all plain words")
