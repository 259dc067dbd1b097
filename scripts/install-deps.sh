#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/packages.txt (skips apt when all are present),
# then the npm packages of tests/mermaid (the real Mermaid parser the tests check exports with).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The npm packages of tests/mermaid, pinned by its package-lock.json; again only when the lock
# changed since the last install. Node.js and npm come from Debian unless the machine has them.
install_mermaid() {
  local dir="$here/../tests/mermaid"
  if cmp -s "$dir/package-lock.json" "$dir/node_modules/.archbench-lock" 2>/dev/null; then
    echo "install-deps: tests/mermaid npm packages present"
    return
  fi
  echo "install-deps: installing the npm packages of tests/mermaid"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$dir/node_modules/.archbench-lock"
}

mapfile -t packages < <(grep -v '^\s*#' "$here/packages.txt" | grep -v '^\s*$')

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_mermaid
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_mermaid
