#!/usr/bin/env bash
# The "new user" flow of issue 10 driven under a real X display with xdotool: File ▸ New, six
# components dragged from the palette, linked by dragging from their ports, a workload typed in,
# V2 with a second app server, V1 and V2 compared, the second app server crashed from its fault
# menu, saved, and reopened. A screenshot after each step goes to OUT (default: a new temporary
# folder). Needs Xvfb, xdotool and ImageMagick's import (Debian: xvfb xdotool imagemagick).
#
#   bash scripts/daily-flow.sh [OUT]
#
# The coordinates are those of the window at its default size (1400×860) in the top-left corner
# of a 1600×1000 screen with no window manager, which the script sets up itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
app="$PWD/build/app/gui/archbench"
[ -x "$app" ] || { echo "build the app first (scripts/build.sh)" >&2; exit 1; }
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
work="$(mktemp -d)"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"  # a first start: the tour shows
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY="$display"
trap 'kill "$app_pid" "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 2

shot() { sleep "${2:-0.8}"; import -window root "$out/$1.png"; echo "$out/$1.png"; }
# drag X1 Y1 X2 Y2: press, move in ten steps, release (Qt needs the motion events).
drag() {
  xdotool mousemove "$1" "$2"; sleep 0.2; xdotool mousedown 1; sleep 0.2
  for i in 1 2 3 4 5 6 7 8 9 10; do
    xdotool mousemove $(($1 + ($3 - $1) * i / 10)) $(($2 + ($4 - $2) * i / 10)); sleep 0.08
  done
  sleep 0.2; xdotool mouseup 1; sleep 0.5
}
click() { xdotool mousemove "$1" "$2" click "${3:-1}"; sleep 0.4; }
type_into() {  # double-click a cell (or click a field), replace its text, Enter
  xdotool mousemove "$1" "$2" click --repeat "${4:-2}" --delay 80 1; sleep 0.3
  xdotool key ctrl+a; xdotool type --delay 30 "$3"; xdotool key Return; sleep 0.5
}

"$app" >"$work/app.log" 2>&1 &
app_pid=$!
sleep 4
shot 01-first-start-tour
click 667 439                      # the tour's Close
click 20 8; click 46 29            # File ▸ New
# Six kinds from the palette: CDN, load balancer, app server, database, object storage, API.
drag 124 127 300 150; drag 44 202 520 140; drag 44 273 720 140
drag 44 490 950 140; drag 124 490 720 450; drag 44 555 950 450
shot 02-six-components
# Links by dragging from each card's port (its right edge) onto the callee.
drag 688 321 294 141; drag 367 141 513 141; drag 587 141 714 141
drag 788 141 954 141; drag 788 141 714 441; drag 788 141 954 441
shot 03-linked
click 461 500                      # the background: the version's properties
type_into 1248 146 "URL shortener" 1
type_into 1133 222 "resolve"
type_into 1249 222 "1.5k"
shot 04-workload
click 461 500; xdotool key ctrl+shift+l; sleep 0.8   # Arrange (its shortcut: the toolbar may move)
click 337 62                       # "+": V2 from V1
drag 44 273 787 450                # a second app server, linked like the first
drag 665 320 783 453; drag 831 453 956 263; drag 831 453 956 320; drag 831 453 956 380
shot 05-v2-second-app-server
click 980 62                       # Compare Versions…
shot 06-compare-table 1.5
click 121 49                       # Latency vs load
shot 07-compare-latency 1.5
xdotool key Escape; sleep 0.5
click 783 453 3                    # the second app server's fault menu
shot 08-fault-menu
click 827 477                      # Crash
shot 09-crashed 1.5
click 600 150; xdotool key ctrl+s; sleep 1.5
xdotool type --delay 20 "$work/url-shortener.archbench.json"; xdotool key Return; sleep 1.5
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
"$app" "$work/url-shortener.archbench.json" >>"$work/app.log" 2>&1 &
app_pid=$!
sleep 4
shot 10-reopened
