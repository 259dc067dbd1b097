#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/ from the real app, without a display
# (Qt's offscreen platform renders the same pixels as a window on screen).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -x build/app/gui/archbench ] || bash scripts/build.sh
mkdir -p docs/screenshots
export QT_QPA_PLATFORM=offscreen
# A fresh settings folder, so a saved window layout does not change the pictures.
XDG_CONFIG_HOME="$(mktemp -d)"
export XDG_CONFIG_HOME
app=build/app/gui/archbench
"$app" presets/blog.archbench.json --project-version V3 --select app --size 1600x1000 \
  --screenshot docs/screenshots/blog-v3.png
"$app" presets/image-pipeline.archbench.json --project-version V1 --select workers --size 1600x1000 \
  --screenshot docs/screenshots/image-pipeline-v1.png
"$app" presets/blog.archbench.json --compare latency --size 1400x900 \
  --screenshot docs/screenshots/compare-blog-latency.png
"$app" presets/image-pipeline.archbench.json --compare table --size 1400x900 \
  --screenshot docs/screenshots/compare-image-table.png
"$app" presets/image-pipeline.archbench.json --compare cost --size 1400x900 \
  --screenshot docs/screenshots/compare-image-cost.png
# A dark palette, and the app at 2× scale (a 2800×1720 picture of a 1400×860 window).
"$app" presets/blog.archbench.json --project-version V3 --select app --palette dark --size 1600x1000 \
  --screenshot docs/screenshots/blog-v3-dark.png
QT_SCALE_FACTOR=2 "$app" presets/blog.archbench.json --project-version V3 --select app --size 1400x860 \
  --screenshot docs/screenshots/blog-v3-scale2.png
# The legend on the canvas (Help → Legend).
"$app" presets/blog.archbench.json --project-version V3 --legend --size 1400x860 \
  --screenshot docs/screenshots/legend.png
# An unfinished design: what can be computed, and each problem at its component.
"$app" docs/unfinished/half-built.archbench.json --size 1400x800 \
  --screenshot docs/screenshots/unfinished.png
# A rate limit at the gateway: the Refused column and the limiter's line in the totals.
"$app" presets/flash-sale.archbench.json --project-version V2 --select gateway --size 1600x1000 \
  --screenshot docs/screenshots/flash-sale-v2.png
# Connection pools above PostgreSQL's max_connections: the Connections line in the totals.
"$app" presets/flash-sale.archbench.json --project-version V3 --select db --size 1600x1000 \
  --screenshot docs/screenshots/flash-sale-v3.png
# Sharding and fan-out: the ×8 shards and fan-out tags, the Shards and Fan-out lines.
"$app" presets/news-feed.archbench.json --project-version V3 --select posts --size 1600x1000 \
  --screenshot docs/screenshots/news-feed-v3.png
"$app" presets/autoscale-mesh.archbench.json --project-version "V3 mesh" --select api \
  --size 1600x1000 --screenshot docs/screenshots/autoscale-mesh-v3.png
# Event sourcing and CQRS: the queue's Events to replay field and the Replay line in the totals.
"$app" presets/event-sourcing.archbench.json --project-version V3 --select events --size 1600x1000 \
  --screenshot docs/screenshots/event-sourcing-v3.png
# Edit → Arrange: a design with its cards dropped anywhere, before and after.
"$app" docs/arrange/messy-image-pipeline.archbench.json --size 1400x800 \
  --screenshot docs/screenshots/arrange-before.png
"$app" docs/arrange/messy-image-pipeline.archbench.json --arrange --size 1400x800 \
  --screenshot docs/screenshots/arrange-after.png
# Failure analysis: V2 with its cache flushed (the scenario on the canvas, the metrics and the
# status bar), the crash heatmap of V3, and V3's experiments run (one fails on purpose).
"$app" presets/blog.archbench.json --project-version V2 --fault flush:cache --select db \
  --size 1600x1000 --screenshot docs/screenshots/faulted.png
"$app" presets/blog.archbench.json --project-version V3 --impact \
  --screenshot docs/screenshots/impact.png
# V3 with its database 100× slower: timeouts, retries and a breaker with a degraded fallback.
"$app" presets/blog.archbench.json --project-version V3 --fault slow:db=100 --select db \
  --size 1600x1000 --screenshot docs/screenshots/faulted-slow-db.png
"$app" presets/blog.archbench.json --project-version V3 --experiments --size 1600x1000 \
  --screenshot docs/screenshots/experiments.png
# Practice: an attempt halfway (stage 2 being designed), and a finished one's report card and
# its versions beside the reference solution.
"$app" docs/practice/url-shortener-midway.archbench.json --size 1600x1000 \
  --screenshot docs/screenshots/practice.png
"$app" docs/practice/url-shortener-finished.archbench.json --report-card \
  --screenshot docs/screenshots/practice-report-card.png
"$app" docs/practice/url-shortener-finished.archbench.json --reference \
  --screenshot docs/screenshots/practice-reference.png
# Simulate: the image pipeline's 10-minute worker outage (the backlog builds and drains; the
# fault's window shaded), the run replayed on the canvas during the outage, blog V3's figures
# beside the analytic ones, and a sampled read that misses the cache as a waterfall.
"$app" presets/image-pipeline.archbench.json --project-version V1 --simulate timeline \
  --sim-scenario "A 10-minute worker outage" --sim-at 600 --size 1500x950 \
  --screenshot docs/screenshots/simulate-timeline.png
"$app" presets/image-pipeline.archbench.json --project-version V1 --simulate canvas \
  --sim-fault crash:workers@100-700 --sim-duration 3000 --sim-at 600 --size 1600x1000 \
  --screenshot docs/screenshots/simulate-replay.png
"$app" presets/blog.archbench.json --project-version V3 --simulate figures --sim-duration 600 \
  --size 1100x760 --screenshot docs/screenshots/simulate-figures.png
"$app" presets/blog.archbench.json --project-version V3 --simulate traces --sim-duration 300 \
  --sim-traces 200 --sim-trace 15 --size 1400x520 --screenshot docs/screenshots/simulate-traces.png
# What only time shows: the runs the presets store (Simulate ▸ Examples), each side of each story.
shot() {  # FILE VERSION SIMULATION AT
  "$app" "presets/$1" --project-version "$2" --simulate timeline --sim-scenario "$3" \
    --sim-at "$4" --size 1500x950 --screenshot "docs/screenshots/$5.png"
}
shot retries-in-time.archbench.json "No jitter" "A 30-second database blip" 95 simulate-jitter-waves
shot retries-in-time.archbench.json "Full jitter" "A 30-second database blip" 92 simulate-jitter-spread
shot restart-stampede.archbench.json V1 "All pods restart at once" 72 simulate-restart-stampede
shot restart-stampede.archbench.json V1 "Rolling restart" 150 simulate-rolling-restart
shot retries-in-time.archbench.json "Retry storm" "A 20-second slowdown" 150 simulate-retry-storm
shot retries-in-time.archbench.json "Circuit breaker" "A 20-second slowdown" 150 simulate-breaker
ls docs/screenshots
