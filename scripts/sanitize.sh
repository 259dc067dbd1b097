#!/usr/bin/env bash
# The sanitizer job: builds the engine, archbench-cli and their tests into ./build-sanitize with
# -fsanitize=address,undefined,float-cast-overflow (no GUI, no benchmarks), runs the engine and
# CLI tests (less the test cases tagged [long], simulations of hundreds of millions of events
# that the Release build runs; tests/CMakeLists.txt), and runs the CLI over every file of the
# broken-file corpus. Any sanitizer report
# aborts the program, which fails the test or this script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DARCHBENCH_SANITIZE=ON \
  -DARCHBENCH_BUILD_GUI=OFF -DARCHBENCH_BUILD_BENCHMARKS=OFF \
  -DARCHBENCH_WERROR="${ARCHBENCH_WERROR:-ON}"
cmake --build build-sanitize -j"$(nproc)"

# abort_on_error: a report ends in SIGABRT, never in exit code 1, which the CLI tests would
# take for "invalid input" and accept.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=abort_on_error=1:halt_on_error=1:print_stacktrace=1
# Graphviz and fontconfig keep some allocations for the life of the process (tests/lsan.supp).
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)"

# The corpus again, command by command, outside any test's expectations: each file must be
# refused (exit 1) with a message, and nothing may crash or report.
cli=build-sanitize/app/cli/archbench-cli
failed=0
checked=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for file in tests/fixtures/broken/*; do
  for cmd in validate evaluate availability what-if impact chaos; do
    args=("$cmd" "$file" --catalog components)
    [ "$cmd" = what-if ] && args+=(--crash db)
    code=0
    "$cli" "${args[@]}" >/dev/null 2>"$log" || code=$?
    checked=$((checked + 1))
    if [ "$code" -ne 1 ] || grep -q 'Sanitizer\|runtime error' "$log"; then
      echo "sanitize: archbench-cli ${args[*]} exited $code" >&2
      cat "$log" >&2
      failed=$((failed + 1))
    fi
  done
done
echo "sanitize: $checked runs of archbench-cli over tests/fixtures/broken, $failed failed"
[ "$failed" -eq 0 ]
