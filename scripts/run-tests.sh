#!/usr/bin/env bash
# Installs what is needed, builds everything with warnings as errors, runs every test with
# ctest (a registered test that runs no test case fails), then the sanitizer job: the engine,
# the CLI and their tests under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
bash scripts/sanitize.sh
