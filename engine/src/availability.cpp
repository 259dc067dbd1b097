#include "archbench/availability.h"

#include <algorithm>
#include <cmath>
#include <set>

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

namespace {

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
    // success[i]: fraction of visits of i (and all it calls) that find every component up.
    // always[i]: components every visit of i reaches. Both callee-first over the class's DAG.
    std::vector<double> success(N, 1.0);
    std::vector<std::set<int>> always(N);
    for (int i : cv.class_nodes[k]) {
      const CNode& n = cv.nodes[i];
      double down = 1.0;
      std::set<int> reach;
      const bool one_of = n.behaviour == Behaviour::Split || n.behaviour == Behaviour::Queue;
      if (n.behaviour == Behaviour::Queue) {
        // Accepted at the queue: the consumers' state does not fail the request.
      } else if (one_of) {
        double sum = 0;
        bool first = true;
        for (const auto& l : n.out) {
          const double p = cv.route_probability(n, l, static_cast<int>(k));
          if (p <= 0) continue;
          sum += p * success[l.to];
          if (first) reach = always[l.to];
          else {
            std::set<int> both;
            std::set_intersection(reach.begin(), reach.end(), always[l.to].begin(), always[l.to].end(),
                                  std::inserter(both, both.begin()));
            reach = std::move(both);
          }
          first = false;
        }
        down = first ? 1.0 : sum;
      } else {
        const double miss = n.behaviour == Behaviour::Cache ? 1.0 - n.hit[k] : 1.0;
        double chain = 1.0;
        for (const auto& l : n.out) {
          const double calls = l.calls[k];
          if (calls <= 0 || miss <= 0) continue;
          // A component is needed once however often it is called; below one call it is needed
          // only by the requests that make the call.
          chain *= calls >= 1 ? success[l.to] : (1 - calls) + calls * success[l.to];
          if (calls >= 1 && miss >= 1) reach.insert(always[l.to].begin(), always[l.to].end());
        }
        down = (1 - miss) + miss * chain;
      }
      success[i] = for_class[i][k] * down;
      reach.insert(i);
      always[i] = std::move(reach);
    }
    ClassAvailability c;
    c.name = cv.classes[k].name;
    const int entry = cv.classes[k].entry;
    c.availability = std::clamp(success[entry], 0.0, 1.0);
    c.downtime_minutes_per_month = (1 - c.availability) * 730 * 60;
    c.downtime_hours_per_year = (1 - c.availability) * 8760;
    for (int i : cv.callers_first) {
      if (!always[entry].count(i) || cv.nodes[i].behaviour == Behaviour::Client) continue;
      c.must_pass.push_back(cv.nodes[i].id);
      if (!spare[i][k]) c.single_points_of_failure.push_back(cv.nodes[i].id);
    }
    out.classes.push_back(std::move(c));
  }
  out.components = std::move(comp);
  return out;
}

}  // namespace archbench
