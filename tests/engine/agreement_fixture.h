#pragma once
// Shared by the agreement tests: the engine's report and the mini simulation of one version at
// a fraction of the engine's maximum throughput, side by side.
#include <cstdio>
#include <string>

#include "archbench/solver.h"
#include "engine_fixture.h"
#include "mini_sim.h"

namespace engine_test {

struct Agreement {
  archbench::Report engine;
  mini_sim::Result sim;
  double load = 0;
};

// The version at `fraction` of the engine's maximum throughput (load multiplier m·fraction).
inline Agreement agree(const archbench::Version& v, double fraction, double measure_s,
                       std::uint64_t seed = 7) {
  Agreement a;
  const archbench::QueueingModel model(v, catalog());
  const auto [m, id] = model.max_throughput();
  a.load = m.value_or(1.0) * fraction;
  archbench::EvaluateOptions o;
  o.load = a.load;
  o.max_throughput = false;
  a.engine = model.evaluate(o);
  mini_sim::Options so;
  so.load = a.load;
  so.seed = seed;
  so.measure_s = measure_s;
  so.warmup_s = measure_s / 10;
  a.sim = mini_sim::simulate(v, catalog(), so);
  return a;
}

// One line per class: simulated p95 ± CI, engine p95, relative difference.
inline void print(const std::string& title, const Agreement& a) {
  std::printf("%s (load x%.3g)\n", title.c_str(), a.load);
  for (const auto& c : a.engine.classes) {
    const auto& s = a.sim.of(c.name);
    const double e = c.latency ? c.latency->p95 : -1;
    std::printf("  %-12s p95 sim %8.1f ± %5.1f  engine %8.1f  %+6.1f%%  (n=%zu)  mean sim %.1f engine %.1f\n",
                c.name.c_str(), s.p95_ms.value, s.p95_ms.half_width, e,
                100 * (e / s.p95_ms.value - 1), s.samples, s.mean_ms, c.latency ? c.latency->mean : -1);
    if (c.async) {
      const double d = c.completion ? c.completion->p95 : -1;
      std::printf("  %-12s done sim %8.1f ± %5.1f  engine %8.1f  %+6.1f%%  mean sim %.1f engine %.1f\n",
                  "", s.completion_p95_ms.value, s.completion_p95_ms.half_width, d,
                  100 * (d / s.completion_p95_ms.value - 1), s.completion_mean_ms,
                  c.completion ? c.completion->mean : -1);
    }
  }
  for (std::size_t i = 0; i < a.sim.utilization.size(); ++i) {
    const auto& [id, u] = a.sim.utilization[i];
    const auto* c = a.engine.component(id);
    std::printf("  %-12s utilization sim %.3f engine %.3f", id.c_str(), u,
                c && c->utilization ? *c->utilization : -1);
    if (i < a.sim.wait_ms.size()) {
      std::printf("  wait sim %.2f engine %.2f  holding sim %.2f engine %.2f ms, scv sim %.2f engine %.2f",
                  a.sim.wait_ms[i].second, c && c->wait_ms ? *c->wait_ms : -1,
                  a.sim.holding_ms[i].second, c && c->holding_ms ? *c->holding_ms : -1,
                  a.sim.holding_scv[i].second, c && !c->stations.empty() ? c->stations[0].scv : -1);
    }
    std::printf("\n");
  }
}

}  // namespace engine_test
