#pragma once
// Generated platforms (bench::generated_architecture) varied at random for the failure tests:
// some domains' app servers become separate one-instance nodes behind their load balancer, caches
// get other hit ratios (some 0 or 1, some `on_failure: fail`), some load balancers lose their
// health checks, some links are taken only
// sometimes, and some links get a timeout, retries and a breaker with a degraded fallback. Rates
// stay where every station has room for a lost node's or a crashed cache's share, so a crash
// fails only what structurally depends on it.
#include <random>
#include <string>

#include "../bench/generated_architecture.h"
#include "archbench/model.h"

namespace engine_test {

inline archbench::Version varied_architecture(std::mt19937& rng) {
  using namespace archbench;
  auto uniform = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  Version v = bench::generated_architecture(5 * (1 + pick(2)), 2 + pick(4));
  for (auto& r : v.workload) r.per_second = *r.per_second * uniform(0.05, 0.5);
  // Split app servers into nodes behind the domain's load balancer.
  std::vector<Component> extra;
  std::vector<Link> extra_links;
  for (auto& c : v.components) {
    if (c.kind != "app_server" || uniform(0, 1) < 0.4) continue;
    const int nodes = 2 + pick(3);
    c.params["instances"] = ParamValue::of(1);
    const std::string prefix = c.id.substr(0, c.id.find('_') + 1);
    for (int n = 1; n < nodes; ++n) {
      Component copy = c;
      copy.id = c.id + "_" + std::to_string(n);
      extra.push_back(copy);
      for (const auto& l : v.links) {
        if (l.from == c.id) {
          Link out = l;
          out.from = copy.id;
          extra_links.push_back(out);
        }
      }
      extra_links.push_back({prefix + "lb", copy.id, PerClass{1.0, {}}, 0.2, 1.0, {}});
    }
  }
  v.components.insert(v.components.end(), extra.begin(), extra.end());
  v.links.insert(v.links.end(), extra_links.begin(), extra_links.end());
  for (auto& c : v.components) {
    if (c.kind != "cache") continue;
    const double h = uniform(0, 1);
    c.params["hit_ratio"] = ParamValue::of(h < 0.15 ? 0.0 : h > 0.9 ? 1.0 : h);
    if (uniform(0, 1) < 0.3) c.params["on_failure"] = ParamValue::of_text("fail");
  }
  for (auto& c : v.components) {
    if (c.kind == "load_balancer" && uniform(0, 1) < 0.3) c.params["health_checks"] = ParamValue::of_bool(false);
  }
  for (auto& l : v.links) {
    const double u = uniform(0, 1);
    if (u < 0.1 && l.calls.all && *l.calls.all >= 1) l.calls.all = uniform(0.2, 0.9);
    if (uniform(0, 1) < 0.3) {
      LinkPolicy& p = l.policy;
      p.timeout_ms = uniform(0, 1) < 0.5 ? uniform(2000, 5000) : 0;
      p.retries = pick(3);
      p.breaker = uniform(0, 1) < 0.5;
      p.fallback_degraded = p.breaker && uniform(0, 1) < 0.6;
    }
  }
  return v;
}

}  // namespace engine_test
