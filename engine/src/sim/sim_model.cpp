#include "sim/sim_model.h"

#include <cmath>

#include "analytic/compiled.h"

namespace archbench::sim {

SimModel::SimModel(const CompiledVersion& c) : K(c.classes.size()) {
  for (const auto& n : c.nodes) {
    SimNode s;
    s.behaviour = n.behaviour;
    s.blocking = n.blocking;
    s.replicated = n.behaviour == Behaviour::Store && n.replicas > 0;
    for (std::size_t r = 0; r < n.roles.size() && r < 2; ++r) {
      s.role_first[r] = static_cast<int>(servers.size());
      s.role_count[r] = n.roles[r].count;
      for (int i = 0; i < n.roles[r].count; ++i) {
        servers.push_back(n.roles[r].servers);
        station_node.push_back(static_cast<int>(nodes.size()));
      }
    }
    s.out_first = static_cast<int>(links.size());
    s.out_count = static_cast<int>(n.out.size());
    const bool routes = n.behaviour == Behaviour::Split || n.behaviour == Behaviour::Queue;
    std::vector<double> cum(K, 0.0);
    for (const auto& l : n.out) {
      links.push_back({l.to, l.latency_s});
      for (std::size_t k = 0; k < K; ++k) {
        const double calls = l.calls[k];
        const double whole = std::floor(calls);
        whole_calls.push_back(static_cast<int>(whole));
        extra_call.push_back(calls - whole);
        const double p = routes ? c.route_probability(n, l, static_cast<int>(k)) : 0.0;
        cum[k] += p;
        route_cum.push_back(cum[k]);
        routed.push_back(p > 0 ? 1 : 0);
      }
    }
    for (std::size_t k = 0; k < K; ++k) {
      shape.push_back(n.shape[k]);
      hit.push_back(n.hit[k]);
      role.push_back(static_cast<std::int8_t>(n.route[k]));
    }
    nodes.push_back(s);
  }
  for (std::size_t k = 0; k < K; ++k) {
    const auto& cl = c.classes[k];
    entry.push_back(cl.entry);
    peak_rate.push_back(cl.peak_rate);
    write.push_back(cl.op == Op::Write);
    bool reaches_queue = false;
    for (std::size_t i = 0; i < c.nodes.size(); ++i)
      reaches_queue = reaches_queue || (c.nodes[i].behaviour == Behaviour::Queue && c.visits[k][i] > 0);
    async.push_back(reaches_queue);
  }
}

}  // namespace archbench::sim
