#include "archbench/availability.h"

#include <algorithm>
#include <cmath>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dominator_tree.hpp>

#include "analytic/compiled.h"
#include "failure/failure_modes.h"

namespace archbench {

double k_of_n(int k, int n, double a) {
  if (k <= 0) return 1.0;
  if (k > n) return 0.0;
  // Σ_{i=k}^{n} C(n,i) a^i (1−a)^(n−i), with the binomial terms built in logs for large n.
  double sum = 0;
  for (int i = k; i <= n; ++i) {
    const double log_c = std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0);
    const double log_term = log_c + (a > 0 ? i * std::log(a) : (i > 0 ? -INFINITY : 0.0)) +
                            (a < 1 ? (n - i) * std::log1p(-a) : (n - i > 0 ? -INFINITY : 0.0));
    sum += std::exp(log_term);
  }
  return std::min(1.0, sum);
}

std::vector<int> immediate_dominators(int vertices, const std::vector<std::pair<int, int>>& edges, int root) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
  using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
  // Boost's Lengauer–Tarjan numbers the vertices its depth-first search does not reach 0, the
  // root's number: an edge out of such a vertex makes its target look reached from the root, so
  // the target's dominators upstream vanish. Only edges out of reachable vertices are kept.
  std::vector<std::vector<int>> succ(static_cast<std::size_t>(vertices));
  for (const auto& [a, b] : edges) succ[static_cast<std::size_t>(a)].push_back(b);
  std::vector<char> reached(static_cast<std::size_t>(vertices), 0);
  std::vector<int> stack{root};
  reached[static_cast<std::size_t>(root)] = 1;
  while (!stack.empty()) {
    const int v = stack.back();
    stack.pop_back();
    for (int w : succ[static_cast<std::size_t>(v)]) {
      if (!reached[static_cast<std::size_t>(w)]) {
        reached[static_cast<std::size_t>(w)] = 1;
        stack.push_back(w);
      }
    }
  }
  Graph g(static_cast<std::size_t>(vertices));
  for (const auto& [a, b] : edges) {
    if (reached[static_cast<std::size_t>(a)]) boost::add_edge(static_cast<Vertex>(a), static_cast<Vertex>(b), g);
  }
  std::vector<Vertex> idom(static_cast<std::size_t>(vertices), boost::graph_traits<Graph>::null_vertex());
  auto index = boost::get(boost::vertex_index, g);
  boost::lengauer_tarjan_dominator_tree(g, static_cast<Vertex>(root),
                                        boost::make_iterator_property_map(idom.begin(), index));
  std::vector<int> out(static_cast<std::size_t>(vertices), -1);
  for (std::size_t v = 0; v < idom.size(); ++v) {
    if (idom[v] != boost::graph_traits<Graph>::null_vertex()) out[v] = static_cast<int>(idom[v]);
  }
  return out;
}

namespace {

// The components every request of class k passes: the dominators of the request's completion in
// its execution graph. Each component i has an "arrive" (3i), an "enter" (3i+1: it is up and does
// its work) and an "exit" (3i+2) vertex; a component calls its callees in sequence (enter →
// callee's arrive … callee's exit → next), a call made by only some requests (calls < 1, a cache's
// miss path) gets a bypass edge, a split goes to one of its targets, a queue acknowledges at once,
// and a cache whose callers fall through to the origin while it is down (and the origin can carry
// that) has an edge from its arrive vertex straight to its calls. The request completes at the
// entry's exit; a component is must-pass when its enter vertex dominates that exit. Components
// the class never reaches are cut off by the dominator search's reachability.
std::vector<int> must_pass_by_dominators(const CompiledVersion& cv, std::size_t k,
                                         const std::vector<char>& falls_through) {
  const int N = static_cast<int>(cv.nodes.size());
  int next = 3 * N;  // junction vertices after the component vertices
  std::vector<std::pair<int, int>> edges;
  for (int i = 0; i < N; ++i) {
    const CNode& n = cv.nodes[static_cast<std::size_t>(i)];
    const int arrive = 3 * i, enter = 3 * i + 1, exit = 3 * i + 2;
    edges.emplace_back(arrive, enter);
    switch (n.behaviour) {
      case Behaviour::Store:
      case Behaviour::Queue: edges.emplace_back(enter, exit); break;
      case Behaviour::Split: {
        bool any = false;
        for (const auto& l : n.out) {
          if (cv.route_probability(n, l, static_cast<int>(k)) <= 0) continue;
          edges.emplace_back(enter, 3 * l.to);
          edges.emplace_back(3 * l.to + 2, exit);
          any = true;
        }
        if (!any) edges.emplace_back(enter, exit);
        break;
      }
      case Behaviour::Client:
      case Behaviour::Service:
      case Behaviour::Cache: {
        const double miss = n.behaviour == Behaviour::Cache ? 1.0 - n.hit[k] : 1.0;
        const bool around = falls_through[static_cast<std::size_t>(i)] != 0;
        if (miss < 1) edges.emplace_back(enter, exit);  // hits end here
        if (miss <= 0 && !around) break;
        int at = next++;
        if (miss > 0) edges.emplace_back(enter, at);
        if (around) edges.emplace_back(arrive, at);
        for (const auto& l : n.out) {
          const double calls = l.calls[k];
          if (calls <= 0) continue;
          const int junction = next++;
          edges.emplace_back(at, 3 * l.to);
          edges.emplace_back(3 * l.to + 2, junction);
          if (calls < 1) edges.emplace_back(at, junction);
          at = junction;
        }
        edges.emplace_back(at, exit);
        break;
      }
    }
  }
  const int entry = cv.classes[k].entry;
  const std::vector<int> idom = immediate_dominators(next, edges, 3 * entry);
  std::vector<int> out;
  for (int v = 3 * entry + 2; v >= 0; v = idom[static_cast<std::size_t>(v)]) {
    if (v < 3 * N && v % 3 == 1) out.push_back(v / 3);
  }
  return out;
}

// Whether the rest of the version carries the load when cache `c` is out of the way (every read
// goes to its origin): the version solved with the cache's hit ratio at 0 and its own work gone
// saturates no station.
bool carries_without(const Version& version, const Catalog& catalog, std::size_t c) {
  Version without = version;
  auto& params = without.components[c].params;
  params["hit_ratio"] = ParamValue::of(0);
  params["service_ms"] = ParamValue::of(0);
  params["blocking"] = ParamValue::of_bool(false);
  CompiledVersion cv(without, catalog);
  cv.admit_at(1.0);  // rate limits shed the excess (admission.cpp)
  return !cv.solve_means(1.0).any_saturated;
}

// One target of a split for a class: its routing share, its availability, the success of what it
// calls once it is up, and the utilization of the station the class waits at.
struct SplitTarget {
  double share = 0, up = 1, below = 1, utilization = 0;
};

// Without health checks a down target fails its share.
double no_failover_success(const std::vector<SplitTarget>& targets) {
  double sum = 0;
  for (const auto& t : targets) sum += t.share * t.up * t.below;
  return sum;
}

// With health checks the targets up take the down ones' shares in proportion to their own; the
// visit succeeds when each of them stays below saturation with its larger share (utilization ×
// all shares / shares up < 1) and the one picked succeeds below. Exact over the 2^n sets of
// targets up for n ≤ 16; beyond, the targets are taken as alike (mean availability and share,
// the busiest utilization), a binomial over how many are up. N alike targets give the k-of-n of a
// component with `instances: N`.
double failover_success(const std::vector<SplitTarget>& targets) {
  const std::size_t n = targets.size();
  double total = 0;
  for (const auto& t : targets) total += t.share;
  if (n > 16) {
    double up = 0, below = 0, busiest = 0;
    for (const auto& t : targets) {
      up += t.up / static_cast<double>(n);
      below += t.share * t.below / total;
      busiest = std::max(busiest, t.utilization);
    }
    const int need = std::min(static_cast<int>(n) + 1, static_cast<int>(std::floor(busiest * static_cast<double>(n))) + 1);
    return k_of_n(need, static_cast<int>(n), up) * below;
  }
  double sum = 0;
  for (std::size_t mask = 1; mask < (std::size_t{1} << n); ++mask) {
    double p = 1, share_up = 0, below = 0, busiest = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const bool up = (mask >> j) & 1;
      p *= up ? targets[j].up : 1 - targets[j].up;
      if (!up) continue;
      share_up += targets[j].share;
      below += targets[j].share * targets[j].below;
      busiest = std::max(busiest, targets[j].utilization);
    }
    if (p <= 0 || busiest * total / share_up >= 1) continue;
    sum += p * below / share_up;
  }
  return sum;
}

// How many of `n` units must be up for `busy` busy servers at `per_unit` servers each.
int needed_units(double busy, long long per_unit, int n) {
  const double units = busy / static_cast<double>(per_unit);
  return std::min(n + 1, static_cast<int>(std::floor(units)) + 1);
}

}  // namespace

AvailabilityReport analyse_availability(const Version& version, const Catalog& catalog) {
  CompiledVersion cv(version, catalog);
  cv.admit_at(1.0);  // the load rate limits let through (admission.cpp)
  cv.autoscale_at(1.0);  // the instances an autoscaler runs at the stated load (autoscale.cpp)
  const MeanState st = cv.solve_means(1.0);
  const std::size_t N = cv.nodes.size(), K = cv.classes.size();
  AvailabilityReport out;

  // Availability of a visit of node i by class k: its station role's k-of-n.
  std::vector<ComponentAvailability> comp(N);
  std::vector<std::vector<double>> for_class(N, std::vector<double>(K, 1.0));
  std::vector<std::vector<bool>> spare(N, std::vector<bool>(K, true));  // survives losing one
  for (std::size_t i = 0; i < N; ++i) {
    const CNode& n = cv.nodes[i];
    ComponentAvailability& c = comp[i];
    c.id = n.id;
    c.per_instance = n.availability;
    for (std::size_t k = 0; k < K; ++k) {
      if (n.behaviour == Behaviour::Client || n.route[k] < 0) continue;
      const CStationRole& role = n.roles[n.route[k]];
      const RoleState& rs = st.roles[cv.role_offset[i] + n.route[k]];
      int units = role.count, need = 1;
      if (role.role == "pool") {
        units = static_cast<int>(n.instances);
        need = rs.saturated ? units + 1 : needed_units(rs.utilization * static_cast<double>(role.servers), n.concurrency, units);
      } else {
        need = rs.saturated ? units + 1 : needed_units(rs.utilization * units, 1, units);
      }
      for_class[i][k] = k_of_n(need, units, n.availability);
      if (n.route_cold[k] >= 0) {
        // Sharded (docs/PATTERNS.md#sharding): a single-shard request needs its shard, a
        // cross-shard one every shard; each shard as available as the hot one (the busiest).
        const double a = for_class[i][k], x = cv.classes[k].cross_shard;
        for_class[i][k] = (1 - x) * a + x * std::pow(a, n.shards);
      }
      spare[i][k] = need < units;
      if (cv.visits[k][i] > 0) {
        c.instances = units;
        c.needed = need;
        c.availability = for_class[i][k];
        c.saturated = c.saturated || rs.saturated;
      }
    }
    if (n.behaviour != Behaviour::Client && cv.node_classes[i].empty()) {
      c.availability = n.availability;  // unused by any class: one instance's figure
    }
  }

  // Failure modes: splits that route around a down target, caches that let reads through to an
  // origin that can carry them.
  const detail::FailureModes modes = detail::failure_modes(cv, version, catalog);
  std::vector<char> falls_through(N, 0);
  for (std::size_t i = 0; i < N; ++i) {
    if (modes.fall_through[i] && !cv.node_classes[i].empty())
      falls_through[i] = carries_without(version, catalog, i);
  }

  for (std::size_t k = 0; k < K; ++k) {
    // rest[i]: fraction of visits of i, once i is up, whose calls find what they need up;
    // success[i]: the same including i itself. Callee-first over every component, as a crashed
    // cache sends reads where its hits never go.
    std::vector<double> rest(N, 1.0), success(N, 1.0);
    for (auto it = cv.callers_first.rbegin(); it != cv.callers_first.rend(); ++it) {
      const std::size_t i = static_cast<std::size_t>(*it);
      const CNode& n = cv.nodes[i];
      const double own = for_class[i][k];
      if (n.behaviour == Behaviour::Queue) {
        // Accepted at the queue: the consumers' state does not fail the request.
      } else if (n.behaviour == Behaviour::Split) {
        std::vector<SplitTarget> targets;
        for (const auto& l : n.out) {
          const double p = cv.route_probability(n, l, static_cast<int>(k));
          if (p <= 0) continue;
          const std::size_t j = static_cast<std::size_t>(l.to);
          const CNode& t = cv.nodes[j];
          const double rho = t.route[k] < 0 ? 0.0 : st.roles[cv.role_offset[j] + t.route[k]].utilization;
          targets.push_back({p, for_class[j][k], rest[j], rho});
        }
        rest[i] = targets.empty() ? 1.0 : modes.failover[i] ? failover_success(targets) : no_failover_success(targets);
      } else {
        const double miss = n.behaviour == Behaviour::Cache ? 1.0 - n.hit[k] : 1.0;
        double chain = 1.0;
        for (const auto& l : n.out) {
          const double calls = l.calls[k];
          if (calls <= 0) continue;
          // A component is needed once however often it is called; below one call it is needed
          // only by the requests that make the call.
          chain *= calls >= 1 ? success[l.to] : (1 - calls) + calls * success[l.to];
        }
        rest[i] = (1 - miss) + miss * chain;
        if (falls_through[i]) {
          // Down: every read goes to the origin (own < 1 only then matters).
          success[i] = own * rest[i] + (1 - own) * chain;
          continue;
        }
      }
      success[i] = own * rest[i];
    }
    ClassAvailability c;
    c.name = cv.classes[k].name;
    const int entry = cv.classes[k].entry;
    c.availability = std::clamp(success[entry], 0.0, 1.0);
    // Saturation is a state of the load, not a failure of instances: say so rather than show it
    // as 0% available and a month of downtime.
    for (int i : cv.class_nodes[k]) {  // callees first: the root cause before its callers
      if (!comp[static_cast<std::size_t>(i)].saturated) continue;
      c.saturated = true;
      c.saturated_reason = "passes saturated \"" + cv.nodes[static_cast<std::size_t>(i)].id + "\"";
      break;
    }
    c.downtime_minutes_per_month = (1 - c.availability) * 730 * 60;
    c.downtime_hours_per_year = (1 - c.availability) * 8760;
    const std::vector<int> dominators = must_pass_by_dominators(cv, k, falls_through);
    for (int i : cv.callers_first) {
      if (cv.nodes[i].behaviour == Behaviour::Client) continue;
      if (std::find(dominators.begin(), dominators.end(), i) == dominators.end()) continue;
      c.must_pass.push_back(cv.nodes[i].id);
      if (!spare[i][k]) c.single_points_of_failure.push_back(cv.nodes[i].id);
    }
    if (const RequestClass* rc = version.request_class(c.name); rc && rc->slo_percent) {
      c.slo_percent = rc->slo_percent;
      const double budget = (1 - *rc->slo_percent / 100) * 730 * 60;
      c.error_budget_minutes_per_month = budget;
      c.budget_used = budget > 0 ? c.downtime_minutes_per_month / budget : 0.0;
    }
    out.classes.push_back(std::move(c));
  }
  out.components = std::move(comp);
  return out;
}

}  // namespace archbench
