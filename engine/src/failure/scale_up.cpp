// The scale-up lag as a fluid model: capacity C(n) = n·c / H visits per second, H the holding
// time during the spike; arrivals λ above C(n_before) pile up for the delay D:
// backlog = max(0, λ − C(n_before)) · D, and drain at C(n_after) − λ once the new instances
// serve: drain time = backlog / (C(n_after) − λ), never when C(n_after) ≤ λ.
#include "failure/scale_up.h"

#include <algorithm>

namespace archbench::detail {

std::vector<ScaleUpLag> scale_up_lags(const CompiledVersion& before, const CompiledVersion& after,
                                      const ScenarioState& during, double duration_s) {
  std::vector<ScaleUpLag> out;
  for (std::size_t i = 0; i < after.nodes.size(); ++i) {
    const CNode& n = after.nodes[i];
    if (!n.autoscale) continue;
    const long long n0 = before.nodes[i].instances, n1 = n.instances;
    const ComponentOutcome& c = during.components[i];
    if (n1 <= n0 || c.down || c.offered_utilization <= 0) continue;
    ScaleUpLag s;
    s.component = n.id;
    s.instances_before = n0;
    s.instances_after = n1;
    s.delay_s = std::min(n.autoscale->scale_up_delay_s, duration_s);
    s.arrivals_per_s = c.offered_per_s;
    // offered_utilization is the busiest station's λ·H/c, so offered / it is n_after·c/H.
    s.capacity_after_per_s = c.offered_per_s / c.offered_utilization;
    s.capacity_before_per_s =
        s.capacity_after_per_s * static_cast<double>(n0) / static_cast<double>(n1);
    s.backlog_requests = std::max(0.0, s.arrivals_per_s - s.capacity_before_per_s) * s.delay_s;
    const double spare = s.capacity_after_per_s - s.arrivals_per_s;
    if (s.backlog_requests <= 0) s.drain_s = 0.0;
    else if (spare > 0) s.drain_s = s.backlog_requests / spare;
    out.push_back(s);
  }
  return out;
}

}  // namespace archbench::detail
