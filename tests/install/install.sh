#!/usr/bin/env bash
# ctest: `cmake --install` into a fresh temporary prefix, then the installed programs run from
# there: archbench-cli reads the installed catalog (not the source tree's) and evaluates the
# installed blog preset, finds the installed scenarios, and the desktop entry, MIME type, icon
# and man pages are in place and valid.
# Usage: install.sh CMAKE BUILD_DIR WITH_GUI(0|1)
set -euo pipefail
cmake="$1"
build="$2"
gui="$3"
prefix="$(mktemp -d)"
prefix="$(realpath "$prefix")"
trap 'rm -rf "$prefix"' EXIT
fail() { echo "install check: $*" >&2; exit 1; }
"$cmake" --install "$build" --prefix "$prefix" >/dev/null
share="$prefix/share/archbench"

# The data beside the programs.
for f in bin/archbench-cli share/archbench/components/load_balancer.json \
  share/archbench/presets/blog.archbench.json share/archbench/presets/scenarios/payments.json \
  share/man/man1/archbench-cli.1.gz share/applications/archbench.desktop \
  share/mime/packages/archbench.xml share/icons/hicolor/scalable/apps/archbench.svg; do
  [ -s "$prefix/$f" ] || fail "$f is not installed"
done

# The installed CLI reads the installed catalog, whatever the configured prefix was.
unset ARCHBENCH_CATALOG ARCHBENCH_SCENARIOS
version="$("$prefix/bin/archbench-cli" --version)"
catalog="$(sed -n 2p <<<"$version")"
[ "$catalog" = "catalog: $share/components" ] ||
  fail "archbench-cli --version says '$catalog', not the installed catalog $share/components"
out="$("$prefix/bin/archbench-cli" evaluate "$share/presets/blog.archbench.json")" ||
  fail "archbench-cli evaluate of the installed blog preset failed"
grep -q "read_post" <<<"$out" || fail "evaluate printed no read_post class: $out"
"$prefix/bin/archbench-cli" practice list | grep -q "payments" ||
  fail "archbench-cli practice list does not show the installed scenarios"

# A man page per program, made from its --help.
zcat "$prefix/share/man/man1/archbench-cli.1.gz" | grep -q '^\.TH ARCHBENCH-CLI "1"' ||
  fail "archbench-cli.1.gz is not a man page"
zcat "$prefix/share/man/man1/archbench-cli.1.gz" | grep -q "evaluate" ||
  fail "archbench-cli.1.gz does not list the commands"

# The desktop entry opens *.archbench.json files, which the MIME type recognises.
desktop-file-validate "$prefix/share/applications/archbench.desktop" || fail "invalid archbench.desktop"
grep -qx 'Exec=archbench %f' "$prefix/share/applications/archbench.desktop" || fail "Exec line"
grep -qx 'MimeType=application/x-archbench-project;' "$prefix/share/applications/archbench.desktop" ||
  fail "MimeType line"
update-mime-database "$prefix/share/mime" >/dev/null 2>&1 || fail "update-mime-database refused archbench.xml"
grep -qx '60:application/x-archbench-project:\*\.archbench\.json' "$prefix/share/mime/globs2" ||
  fail "the MIME database made from archbench.xml has no *.archbench.json glob"

if [ "$gui" = 1 ]; then
  [ -s "$share/docs/MODEL.md" ] || fail "the docs are not installed"
  zcat "$prefix/share/man/man1/archbench.1.gz" | grep -q "screenshot" ||
    fail "archbench.1.gz does not describe --screenshot"
  # The installed app opens the installed preset and draws it.
  QT_QPA_PLATFORM=offscreen "$prefix/bin/archbench" --screenshot "$prefix/blog.png" \
    "$share/presets/blog.archbench.json" 2>/dev/null || fail "the installed archbench failed"
  [ -s "$prefix/blog.png" ] || fail "the installed archbench saved no screenshot"
fi
echo "installed into a temporary prefix; archbench-cli read $share/components"
