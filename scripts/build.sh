#!/usr/bin/env bash
# Configures ArchBench into ./build (Release, warnings as errors) and builds the targets named
# on the command line, or everything. run-main.sh and run-tests.sh configure the same way, so
# the second of them reuses what the first built. ARCHBENCH_WERROR=OFF turns -Werror off.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DARCHBENCH_WERROR="${ARCHBENCH_WERROR:-ON}"
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build -j"$(nproc)" "${targets[@]}"
