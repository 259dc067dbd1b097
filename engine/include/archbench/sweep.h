#pragma once
// A load sweep: the same version evaluated from low load up to just below saturation.
#include <optional>
#include <string>
#include <vector>

#include "archbench/solver.h"

namespace archbench {

struct SweepPoint {
  double load = 0;        // multiplier on the stated workload
  double rate_per_s = 0;  // total offered rate at that load
  std::vector<std::optional<Latency>> latency;     // per class; empty when saturated
  std::vector<std::optional<Latency>> completion;  // per class: queued work done (async only)
  double bottleneck_utilization = 0;            // of the version's bottleneck
  double cost_per_month = 0;
};

struct Sweep {
  std::string version;
  std::vector<std::string> classes;
  std::vector<bool> async;  // per class: crosses a message queue (has a completion time)
  std::optional<double> max_throughput_multiplier;
  std::string bottleneck;
  std::vector<SweepPoint> points;
};

// `points` loads evenly spaced from max/points up to `up_to` × the saturation multiplier
// (0.99 by default); without a saturation point (no traffic), from 0.1 to `points`×0.1.
Sweep sweep(const QueueingModel& model, int points, double up_to = 0.99);

}  // namespace archbench
