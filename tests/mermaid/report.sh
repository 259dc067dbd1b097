#!/usr/bin/env bash
# ctest: the HTML report of each preset parses with a real HTML parser (jsdom) and has every
# part (tests/mermaid/check-report.mjs); a report with a part removed is refused (the check can
# fail). Usage: report.sh ARCHBENCH_CLI SOURCE_DIR
set -euo pipefail
cli="$1"
src="$2"
here="$src/tests/mermaid"
if [ ! -d "$here/node_modules/jsdom" ]; then
  echo "report check: $here/node_modules is missing; run scripts/install-deps.sh" >&2
  exit 1
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for project in "$src"/presets/*.archbench.json; do
  base="$(basename "$project" .archbench.json)"
  "$cli" report "$project" --catalog "$src/components" -o "$out/$base.html"
  mapfile -t versions < <(node -e 'for (const v of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).versions) console.log(v.name)' "$project")
  node "$here/check-report.mjs" "$out/$base.html" "${versions[@]}"
done
# Without the first diagram the check must fail.
sed 's/class="diagram"/class="gone"/' "$out/blog.html" > "$out/broken.html"
if node "$here/check-report.mjs" "$out/broken.html" V1 V2 V3 >/dev/null; then
  echo "report check: a report without its diagrams was accepted" >&2
  exit 1
fi
