// Event sourcing and CQRS (docs/PATTERNS.md, event sourcing): a read model fed through a message queue
// trails the writes by the time from an event's enqueue until the work it causes ends (the
// queue's wait + the projection's time); and a rebuild replays the stored events at the
// consumers' spare capacity while live events keep arriving.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "analytic/compiled.h"

namespace archbench {

namespace {

// Whether node `to` is reached from node `from` by calls of class `k`; with `in_sync`, only
// without crossing a queue. An explicit stack with a visited mark: each node is entered once,
// so a design of diamond-shaped paths costs O(nodes + links), not one walk per path.
bool reaches(const CompiledVersion& cv, int from, int to, std::size_t k, bool in_sync = false) {
  std::vector<char> seen(cv.nodes.size(), 0);
  std::vector<int> stack{from};
  seen[static_cast<std::size_t>(from)] = 1;
  while (!stack.empty()) {
    const int at = stack.back();
    stack.pop_back();
    if (at == to) return true;
    const CNode& n = cv.nodes[static_cast<std::size_t>(at)];
    if (in_sync && n.behaviour == Behaviour::Queue) continue;
    for (const CLink& l : n.out) {
      if (l.calls[k] <= 0 || seen[static_cast<std::size_t>(l.to)]) continue;
      seen[static_cast<std::size_t>(l.to)] = 1;
      stack.push_back(l.to);
    }
  }
  return false;
}

}  // namespace

std::optional<ProjectionLag> CompiledVersion::projection_lag(int w, int i, const MeanState& st) const {
  const std::size_t kw = static_cast<std::size_t>(w);
  if (visits[kw][static_cast<std::size_t>(i)] <= 0) return std::nullopt;
  // A store the writer also reaches without a queue is written in step with it: not a read model.
  if (reaches(*this, classes[kw].entry, i, kw, true)) return std::nullopt;
  std::optional<ProjectionLag> out;
  // Every queue the writer crosses upstream of the read model; the slowest one sets the lag.
  for (std::size_t q = 0; q < nodes.size(); ++q) {
    if (nodes[q].behaviour != Behaviour::Queue || visits[kw][q] <= 0) continue;
    if (!reaches(*this, static_cast<int>(q), i, kw)) continue;
    const Moments& done = st.visit_of(static_cast<int>(q), kw, true);
    ProjectionLag lag{static_cast<int>(q), done.infinite ? std::numeric_limits<double>::infinity()
                                                         : done.mean};
    if (!out || lag.seconds > out->seconds) out = lag;
  }
  return out;
}

std::optional<ReplayFigures> CompiledVersion::replay(int q, double load, const MeanState& st) const {
  const CNode& n = nodes[static_cast<std::size_t>(q)];
  if (n.behaviour != Behaviour::Queue || n.replay_events <= 0) return std::nullopt;
  ReplayFigures out;
  out.events = n.replay_events;
  const std::size_t K = classes.size();
  // Messages per second through the queue, per class: replayed events are like them, in the
  // same mix (an idle queue's events count each class alike).
  std::vector<double> mix(K, 0.0);
  double lam_sum = 0;
  for (std::size_t k = 0; k < K; ++k) {
    mix[k] = load * classes[k].peak_rate * visits[k][static_cast<std::size_t>(q)];
    lam_sum += mix[k];
  }
  out.live_per_s = lam_sum;
  for (std::size_t k = 0; k < K; ++k) {
    if (lam_sum > 0) {
      mix[k] /= lam_sum;
    } else {
      mix[k] = visits[k][static_cast<std::size_t>(q)] > 0 || K == 1 ? 1.0 : 0.0;
    }
  }
  double rate = std::numeric_limits<double>::infinity();
  // Each station of `node` that the replay reaches, given per class the visits one replayed
  // event brings the node: its spare server time, servers × (1 − utilization), over the server
  // time one event takes there (a class's holding time as at the evaluated load, its callees'
  // waits included when it blocks).
  auto limit_at = [&](int node, const std::vector<double>& per_event) {
    const CNode& c = nodes[static_cast<std::size_t>(node)];
    std::vector<double> demand(c.roles.size(), 0.0);
    for (std::size_t k = 0; k < K; ++k) {
      if (per_event[k] <= 0 || c.route[k] < 0) continue;
      const std::size_t r = static_cast<std::size_t>(c.route[k]);
      const int pr = pair_index[static_cast<std::size_t>(node) * K + k];
      const double down = c.blocking && pr >= 0 ? st.down[static_cast<std::size_t>(pr)].mean : 0.0;
      demand[r] += per_event[k] * c.roles[r].share[k] * (c.service_s[k] + down);
    }
    for (std::size_t r = 0; r < c.roles.size(); ++r) {
      if (demand[r] <= 0) continue;
      const RoleState& rs = st.roles[static_cast<std::size_t>(role_offset[static_cast<std::size_t>(node)]) + r];
      const double spare = rs.saturated || rs.unbounded || !std::isfinite(demand[r])
                               ? 0.0
                               : static_cast<double>(c.roles[r].servers) * std::max(0.0, 1 - rs.utilization);
      const double r_rate = spare / demand[r];
      if (r_rate < rate) {
        rate = r_rate;
        out.limited_by = c.id;
      }
    }
  };
  // Per node and class, the visits one replayed event brings it: the queue's consumers, and
  // every station below them (the read model, and what it calls in turn), summed over the paths
  // that reach it, callers before callees.
  std::vector<std::vector<double>> per_event(nodes.size());
  for (const CLink& l : n.out) {
    auto& to = per_event[static_cast<std::size_t>(l.to)];
    to.resize(K, 0.0);
    for (std::size_t k = 0; k < K; ++k) to[k] += mix[k] * visits_per_visit(n, l, static_cast<int>(k));
  }
  for (int i : callers_first) {
    const std::vector<double> here = per_event[static_cast<std::size_t>(i)];
    if (here.empty() || i == q) continue;
    limit_at(i, here);
    const CNode& c = nodes[static_cast<std::size_t>(i)];
    for (const CLink& cl : c.out) {
      auto& to = per_event[static_cast<std::size_t>(cl.to)];
      to.resize(K, 0.0);
      for (std::size_t k = 0; k < K; ++k)
        to[k] += here[k] * visits_per_visit(c, cl, static_cast<int>(k)) * arrivals_per_call(c, cl);
    }
  }
  if (!std::isfinite(rate)) return std::nullopt;
  out.rate_per_s = rate;
  if (rate > 0) out.seconds = n.replay_events / rate;
  return out;
}

}  // namespace archbench
