#include "archbench/sweep.h"

#include <algorithm>

namespace archbench {

Sweep sweep(const QueueingModel& model, int points, double up_to) {
  Sweep out;
  auto [max, bottleneck] = model.max_throughput();
  out.max_throughput_multiplier = max;
  out.bottleneck = bottleneck;
  const double top = max ? *max * up_to : 0.1 * points;
  EvaluateOptions opt;
  opt.max_throughput = false;
  for (int i = 1; i <= points; ++i) {
    opt.load = top * i / points;
    const Report r = model.evaluate(opt);
    if (out.version.empty()) {
      out.version = r.version;
      for (const auto& c : r.classes) {
        out.classes.push_back(c.name);
        out.async.push_back(c.async);
      }
    }
    SweepPoint p;
    p.load = opt.load;
    p.rate_per_s = r.totals.offered_rate_per_s;
    p.cost_per_month = r.totals.cost_per_month;
    for (const auto& c : r.classes) {
      p.latency.push_back(c.latency);
      p.completion.push_back(c.completion);
    }
    if (const ComponentResult* b = r.component(bottleneck)) {
      for (const auto& s : b->stations) p.bottleneck_utilization = std::max(p.bottleneck_utilization, s.offered_utilization);
    }
    out.points.push_back(std::move(p));
  }
  return out;
}

}  // namespace archbench
