// Autoscaling (docs/PATTERNS.md): the instance count of a component follows the load. An
// instance's utilization is ρ(n) = λ·H / (n·c): λ the component's visits per second, H the
// time a visit holds a server (its own work, plus its calls' round trips when it blocks), c
// the servers of one instance. H does not depend on the component's own count, so the busy
// servers B = λ·H fix the count at once: the smallest n with B / (n·c) ≤ target is
// n = ⌈B / (c·target)⌉, clamped to [min, max]. A blocking caller's H grows with the waits of
// autoscaled callees, so the counts are settled callee by callee: each pass fixes one more
// level of the call graph, from every count at max down.
#include <algorithm>
#include <cmath>

#include "analytic/compiled.h"

namespace archbench {

bool CompiledVersion::has_autoscaling() const {
  for (const auto& n : nodes)
    if (n.autoscale) return true;
  return false;
}

void CompiledVersion::set_instances(int i, long long count) {
  CNode& n = nodes[static_cast<std::size_t>(i)];
  n.instances = count;
  for (auto& r : n.roles) {
    if (r.role == "pool") {
      r.servers = count * n.concurrency;  // consumers behind a queue: one shared station
    } else if (r.role == "instance") {
      r.count = static_cast<int>(count);
      for (double& s : r.share) s = 1.0 / static_cast<double>(count);
    }
  }
  n.nodes = static_cast<int>(count);
}

void CompiledVersion::autoscale_at(double load) {
  if (!has_autoscaling()) return;
  CompiledVersion probe = *this;  // the admitted loads of rate limits, without touching ours
  if (probe.has_rate_limits()) probe.admit_at(load);
  for (std::size_t i = 0; i < probe.nodes.size(); ++i)
    if (probe.nodes[i].autoscale) probe.set_instances(static_cast<int>(i), probe.nodes[i].autoscale->max);
  for (std::size_t pass = 0; pass <= probe.nodes.size(); ++pass) {
    const MeanState st = probe.solve_means(load);
    bool changed = false;
    for (std::size_t i = 0; i < probe.nodes.size(); ++i) {
      CNode& n = probe.nodes[i];
      if (!n.autoscale) continue;
      double busy = 0;
      bool unbounded = false;
      for (std::size_t r = 0; r < n.roles.size(); ++r) {
        const RoleState& rs = st.roles[static_cast<std::size_t>(probe.role_offset[i]) + r];
        if (rs.unbounded) unbounded = true;
        busy += rs.utilization * static_cast<double>(n.roles[r].servers) * n.roles[r].count;
      }
      long long wanted = -1;
      if (!unbounded) {
        const double exact = busy / (static_cast<double>(n.concurrency) * n.autoscale->target_utilization);
        // 1e-9 relative: a load that meets the target exactly is not rounded up a whole instance.
        wanted = std::max(1LL, static_cast<long long>(std::ceil(exact * (1 - 1e-9))));
      }
      n.autoscale_wanted = wanted;
      const long long count = wanted < 0 ? n.autoscale->max
                                         : std::clamp<long long>(wanted, n.autoscale->min,
                                                                 n.autoscale->max);
      if (count != n.instances) {
        probe.set_instances(static_cast<int>(i), count);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!nodes[i].autoscale) continue;
    set_instances(static_cast<int>(i), probe.nodes[i].instances);
    nodes[i].autoscale_wanted = probe.nodes[i].autoscale_wanted;
  }
}

std::optional<AutoscaleFigures> CompiledVersion::autoscale_figures(int i) const {
  const CNode& n = nodes[static_cast<std::size_t>(i)];
  if (!n.autoscale) return std::nullopt;
  AutoscaleFigures f;
  f.min = n.autoscale->min;
  f.max = n.autoscale->max;
  f.target_utilization = n.autoscale->target_utilization;
  f.scale_up_delay_s = n.autoscale->scale_up_delay_s;
  f.instances = n.instances;
  f.wanted = n.autoscale_wanted;
  return f;
}

}  // namespace archbench
