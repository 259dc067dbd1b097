#!/usr/bin/env bash
# ctest: the Debian package made by CPack holds both programs, the data, the desktop files and the
# man pages under /usr, and depends on the Qt and Graphviz libraries the programs link (computed
# by dpkg-shlibdeps) and on Qt's platform plugins.
# Usage: deb.sh CPACK BUILD_DIR
set -euo pipefail
cpack="$1"
build="$2"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
fail() { echo "package check: $*" >&2; exit 1; }
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$out" >/dev/null
shopt -s nullglob
debs=("$out"/archbench_*.deb)
[ ${#debs[@]} = 1 ] || fail "expected one archbench_*.deb in $out"
deb="${debs[0]}"
files="$(dpkg-deb -c "$deb" | awk '{print $6}')"
for f in ./usr/bin/archbench ./usr/bin/archbench-cli \
  ./usr/share/archbench/components/load_balancer.json \
  ./usr/share/archbench/presets/blog.archbench.json \
  ./usr/share/archbench/presets/image-pipeline.archbench.json \
  ./usr/share/archbench/presets/scenarios/payments.json ./usr/share/archbench/docs/MODEL.md \
  ./usr/share/applications/archbench.desktop ./usr/share/mime/packages/archbench.xml \
  ./usr/share/icons/hicolor/scalable/apps/archbench.svg \
  ./usr/share/man/man1/archbench.1.gz ./usr/share/man/man1/archbench-cli.1.gz; do
  grep -qx -- "$f" <<<"$files" || fail "$f is not in $(basename "$deb")"
done
# Nothing outside /usr (no build-tree or configured-prefix paths).
if grep -v '^\./usr' <<<"$files" | grep -qv '^\./$'; then
  fail "files outside /usr: $(grep -v '^\./usr' <<<"$files" | grep -v '^\./$' | head -3)"
fi
[ "$(dpkg-deb -f "$deb" Package)" = archbench ] || fail "the package is not named archbench"
depends="$(dpkg-deb -f "$deb" Depends)"
for d in libqt6widgets6 libqt6charts6 libqt6svg6 libgvc6 libcgraph6 qt6-qpa-plugins; do
  grep -q "\b$d\b" <<<"$depends" || fail "Depends lacks $d: $depends"
done
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes, $(wc -l <<<"$files") entries"
echo "Depends: $depends"
