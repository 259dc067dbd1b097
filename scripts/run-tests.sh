#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors, and runs every test with ctest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh
ARCHBENCH_WERROR=ON bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
