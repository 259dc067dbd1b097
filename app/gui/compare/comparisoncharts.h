#pragma once
// The comparison's charts, drawn from the engine's Comparison and nothing else: latency against
// offered load per version, monthly cost by component kind, utilization of one version's
// components, and the evolution of cost and capacity across versions. Each builder returns a
// new QChart in the light or dark chart theme; the caller gives it to a QChartView.
#include <QChart>
#include <QColor>
#include <QString>
#include <string>

#include "archbench/compare.h"

namespace archbench {
class Catalog;
}

namespace comparison_charts {

enum class Percentile { P50, P95, P99 };

// What the latency chart plots: one class's percentile, of what the caller waits for or, for a
// class that crosses a message queue, of the time until its queued work is done.
struct LatencyPick {
  std::string request_class;
  bool completion = false;
  Percentile percentile = Percentile::P95;
};

// One colour per version, the same in every chart; readable on the light and the dark theme.
QColor version_color(int index);

// "each version's own workload" or "all at V3's workload", for titles.
QString workload_phrase(const archbench::Comparison& c);

QChart* latency_chart(const archbench::Comparison& c, const LatencyPick& pick, bool dark);
QChart* cost_chart(const archbench::Comparison& c, const archbench::Catalog& catalog, bool dark);
// `index` into c.versions.
QChart* utilization_chart(const archbench::Comparison& c, int index, bool dark);
QChart* evolution_chart(const archbench::Comparison& c, bool dark);

}  // namespace comparison_charts
