#!/usr/bin/env bash
# Configures and builds ArchBench into ./build (warnings are errors when CI is set).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
werror=OFF
if [ -n "${CI:-}" ]; then werror=ON; fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DARCHBENCH_WERROR="${ARCHBENCH_WERROR:-$werror}"
cmake --build build -j"$(nproc)"
