#pragma once
// The figures of the comparison's availability, SLO and throughput rows, decided and worded once
// for the CLI's compare and the app's comparison table (the change between versions comes from
// figure_change in figures.h).
#include <optional>
#include <string>
#include <vector>

#include "archbench/compare.h"

namespace archbench {

// One version's figure in one row of the comparison.
struct ComparedFigure {
  std::optional<double> value;  // the number behind the text; empty: a state or nothing
  std::string text;             // as shown: "99.0%", "7.28 h", "saturated", "—"
  bool saturated = false;       // a state of the load, with its reason
  std::string reason;           // why there is no figure; empty when there is one
};

// Classes in the order they first appear across the versions, and those of them that state an
// SLO in some version.
std::vector<std::string> compared_classes(const Comparison& c);
std::vector<std::string> compared_slo_classes(const Comparison& c);

// The maximum throughput as a multiplier: of the shared workload, or of each version's own load
// (its headroom); higher is better either way. "×3.78", or "—" without traffic.
ComparedFigure max_throughput_figure(const VersionResult& v);
std::string max_throughput_label(const Comparison& c);  // "max throughput (× own load)" …
// A class's availability ("99.0%"; no change is shown: the downtime row carries it).
ComparedFigure availability_figure(const VersionResult& v, const std::string& cls);
// Its expected downtime per month, in minutes (text "7.28 h"); lower is better.
ComparedFigure downtime_figure(const VersionResult& v, const std::string& cls);
// Its SLO ("99.9%"), and the share of the error budget the expected downtime uses
// ("45.0% — met", "997.5% — missed"); lower is better.
ComparedFigure slo_figure(const VersionResult& v, const std::string& cls);
ComparedFigure budget_used_figure(const VersionResult& v, const std::string& cls);

// Consistency and event sourcing (docs/REGIONS.md, docs/PATTERNS.md): the classes that have a
// stale-read figure in some version, and the queues that have a replay figure.
std::vector<std::string> compared_stale_classes(const Comparison& c);
std::vector<std::string> compared_replay_queues(const Comparison& c);
// A read class's stale share ("17.72%", "<0.01%", "growing", "strong"); lower is better.
ComparedFigure stale_figure(const VersionResult& v, const std::string& cls);
// A queue's replay time in seconds (text "8.77 h", "never"); lower is better.
ComparedFigure replay_figure(const VersionResult& v, const std::string& queue);

}  // namespace archbench
