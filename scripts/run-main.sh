#!/usr/bin/env bash
# Installs what is needed, builds, and runs the main job: evaluating the blog preset.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/app/cli/archbench-cli evaluate presets/blog.archbench.json --all
