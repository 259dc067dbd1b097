#!/usr/bin/env bash
# Rewrites the outputs shown in README.md's command examples (```text blocks of
# "$ archbench-cli ..." lines) from what the commands print now, keeping each "…" elision.
# Run it after a change to the engine's figures or the CLI's layout, then read the diff: the
# README's test (README command examples, in archbench_cli_tests) compares them on every run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/build.sh archbench_cli_tests
ARCHBENCH_UPDATE_README=1 ./build/tests/archbench_cli_tests "[readme]" --warn NoTests
if command -v git >/dev/null; then git --no-pager diff --stat -- README.md; fi
