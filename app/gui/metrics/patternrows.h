#pragma once
// The totals panel's lines for the patterns (docs/PATTERNS.md): each a figure of the engine's
// report, formatted by the engine (archbench/pattern_figures.h), the same string as the CLI's.
#include <QColor>
#include <QString>

#include "archbench/solver.h"

class Document;
class QTableWidgetItem;

namespace pattern_rows {

// One row per rate-limited component: its name (a link that selects it) and
// "limit 100 req/s, refuses 50 req/s (429)". Empty when the version has no limit.
// A class's cells for the patterns' columns (Refused, Dup/day, Lost): the engine's strings, "—"
// where the class has no such figure; the caller's table takes them.
struct ClassCells {
  QTableWidgetItem* refused;
  QTableWidgetItem* duplicates;
  QTableWidgetItem* lost;
  QTableWidgetItem* stale;      // consistency (archbench/consistency_figures.h)
  QTableWidgetItem* staleness;
};
ClassCells classCells(const archbench::ClassResult& c);

QString rateLimitRows(const archbench::Report& report, const Document& doc);
// One row per component with max_connections: "limit 500 per node, pools hold 1,000 …", in
// `warning` colour when connections are refused. Empty when none has a limit.
QString connectionRows(const archbench::Report& report, const Document& doc, const QColor& warning);
// One row per autoscaled component ("3 instances (auto 2–10, target 70.0%): 66.7% utilization",
// in `warning` colour at max) and one per component with sidecars ("sidecars: 3 × $5.00 …").
QString scalingRows(const archbench::Report& report, const Document& doc, const QColor& warning);

// One row per sharded component ("8 shards, hot shard 30.0% …") and per fan-out ("calls 3
// links in parallel, waits for the slowest"). Empty when the version has neither.
QString shardingRows(const archbench::Report& report, const Document& doc);

// One row per queue with replay_events (docs/PATTERNS.md, event sourcing): "replays 200,000,000 events in
// 12.3 h at …", in `warning` colour when the projection has no spare capacity.
QString replayRows(const archbench::Report& report, const Document& doc, const QColor& warning);

}  // namespace pattern_rows
