#!/usr/bin/env bash
# ctest: every preset version exported as a Mermaid flowchart and as architecture-beta, and the
# hand-drawn samples, parse with the real Mermaid 11 parser; a file that must not parse is
# refused (the check can fail). Needs the npm packages of tests/mermaid (scripts/install-deps.sh).
# Usage: run.sh ARCHBENCH_CLI SOURCE_DIR
set -euo pipefail
cli="$1"
src="$2"
here="$src/tests/mermaid"
if [ ! -d "$here/node_modules/mermaid" ]; then
  echo "mermaid check: $here/node_modules is missing; run scripts/install-deps.sh" >&2
  exit 1
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
files=()
for project in "$src"/presets/*.archbench.json; do
  base="$(basename "$project" .archbench.json)"
  mapfile -t versions < <(node -e 'for (const v of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).versions) console.log(v.name)' "$project")
  for v in "${versions[@]}"; do
    for to in mermaid architecture-beta; do
      f="$out/$base-$v-$to.mmd"
      "$cli" export "$project" --catalog "$src/components" --version "$v" --to "$to" -o "$f"
      files+=("$f")
    done
  done
done
files+=("$src"/tests/fixtures/diagrams/*.mmd)
node "$here/check.mjs" "${files[@]}"
# The check can fail: a flowchart with two arrows in a row is not Mermaid.
printf 'flowchart LR\n  a --> --> b\n' > "$out/bad.mmd"
if node "$here/check.mjs" "$out/bad.mmd" >/dev/null; then
  echo "mermaid check: a file that is not Mermaid was accepted" >&2
  exit 1
fi
echo "mermaid check: ${#files[@]} files parse with Mermaid $(node -e "console.log(require('$here/node_modules/mermaid/package.json').version)")"
