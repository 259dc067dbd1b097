#include "archbench/availability.h"

#include <algorithm>
#include <cmath>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dominator_tree.hpp>

#include "compiled.h"

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
// its execution graph. Each component i visited by k has an "enter" (2i) and an "exit" (2i+1)
// vertex; a component calls its callees in sequence (enter → callee … callee's exit → next),
// a call made by only some requests (calls < 1, a cache's miss path) gets a bypass edge, a split
// goes to one of its targets, a queue acknowledges at once. The request completes at the entry's
// exit; a component is must-pass when its enter vertex dominates that exit.
std::vector<int> must_pass_by_dominators(const CompiledVersion& cv, std::size_t k) {
  const int N = static_cast<int>(cv.nodes.size());
  int next = 2 * N;  // junction vertices after the component vertices
  std::vector<std::pair<int, int>> edges;
  for (int i : cv.class_nodes[k]) {
    const CNode& n = cv.nodes[static_cast<std::size_t>(i)];
    const int enter = 2 * i, exit = 2 * i + 1;
    switch (n.behaviour) {
      case Behaviour::Store:
      case Behaviour::Queue: edges.emplace_back(enter, exit); break;
      case Behaviour::Split: {
        bool any = false;
        for (const auto& l : n.out) {
          if (cv.route_probability(n, l, static_cast<int>(k)) <= 0) continue;
          edges.emplace_back(enter, 2 * l.to);
          edges.emplace_back(2 * l.to + 1, exit);
          any = true;
        }
        if (!any) edges.emplace_back(enter, exit);
        break;
      }
      case Behaviour::Client:
      case Behaviour::Service:
      case Behaviour::Cache: {
        const double miss = n.behaviour == Behaviour::Cache ? 1.0 - n.hit[k] : 1.0;
        if (miss < 1) edges.emplace_back(enter, exit);  // hits end here
        if (miss <= 0) break;
        int at = enter;
        for (const auto& l : n.out) {
          const double calls = l.calls[k];
          if (calls <= 0) continue;
          const int junction = next++;
          edges.emplace_back(at, 2 * l.to);
          edges.emplace_back(2 * l.to + 1, junction);
          if (calls < 1) edges.emplace_back(at, junction);
          at = junction;
        }
        edges.emplace_back(at, exit);
        break;
      }
    }
  }
  const int entry = cv.classes[k].entry;
  const std::vector<int> idom = immediate_dominators(next, edges, 2 * entry);
  std::vector<int> out;
  for (int v = 2 * entry + 1; v >= 0; v = idom[static_cast<std::size_t>(v)]) {
    if (v < 2 * N && v % 2 == 0) out.push_back(v / 2);
  }
  return out;
}

// How many of `n` units must be up for `busy` busy servers at `per_unit` servers each.
int needed_units(double busy, long long per_unit, int n) {
  const double units = busy / static_cast<double>(per_unit);
  return std::min(n + 1, static_cast<int>(std::floor(units)) + 1);
}

}  // namespace

AvailabilityReport analyse_availability(const Version& version, const Catalog& catalog) {
  const CompiledVersion cv(version, catalog);
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
      spare[i][k] = need < units;
      if (cv.visits[k][i] > 0) {
        c.instances = units;
        c.needed = need;
        c.availability = for_class[i][k];
      }
    }
    if (n.behaviour != Behaviour::Client && cv.node_classes[i].empty()) {
      c.availability = n.availability;  // unused by any class: one instance's figure
    }
  }

  for (std::size_t k = 0; k < K; ++k) {
    // success[i]: fraction of visits of i (and all it calls) that find every component up,
    // callee-first over the class's DAG.
    std::vector<double> success(N, 1.0);
    for (int i : cv.class_nodes[k]) {
      const CNode& n = cv.nodes[i];
      double down = 1.0;
      if (n.behaviour == Behaviour::Queue) {
        // Accepted at the queue: the consumers' state does not fail the request.
      } else if (n.behaviour == Behaviour::Split) {
        double sum = 0;
        bool any = false;
        for (const auto& l : n.out) {
          const double p = cv.route_probability(n, l, static_cast<int>(k));
          if (p <= 0) continue;
          sum += p * success[l.to];
          any = true;
        }
        down = any ? sum : 1.0;
      } else {
        const double miss = n.behaviour == Behaviour::Cache ? 1.0 - n.hit[k] : 1.0;
        double chain = 1.0;
        for (const auto& l : n.out) {
          const double calls = l.calls[k];
          if (calls <= 0 || miss <= 0) continue;
          // A component is needed once however often it is called; below one call it is needed
          // only by the requests that make the call.
          chain *= calls >= 1 ? success[l.to] : (1 - calls) + calls * success[l.to];
        }
        down = (1 - miss) + miss * chain;
      }
      success[i] = for_class[i][k] * down;
    }
    ClassAvailability c;
    c.name = cv.classes[k].name;
    const int entry = cv.classes[k].entry;
    c.availability = std::clamp(success[entry], 0.0, 1.0);
    c.downtime_minutes_per_month = (1 - c.availability) * 730 * 60;
    c.downtime_hours_per_year = (1 - c.availability) * 8760;
    const std::vector<int> dominators = must_pass_by_dominators(cv, k);
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
