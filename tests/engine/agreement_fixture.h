#pragma once
// Shared by the agreement tests: the engine's report and the engine's own discrete-event
// simulation (archbench/simulate.h) of one version at a fraction of the engine's maximum
// throughput, side by side.
#include <cstdio>
#include <string>

#include "archbench/simulate.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

namespace engine_test {

// The half-width of a simulated figure's 95% interval relative to the figure.
inline double relative(const archbench::SimEstimate& e) {
  return e.value > 0 ? e.half_width / e.value : 0;
}

struct Agreement {
  archbench::Report engine;
  archbench::SimReport sim;
  double load = 0;
  // The simulated class (every class of the version is simulated).
  const archbench::SimClassResult& of(const std::string& name) const {
    return *sim.request_class(name);
  }
  // The simulated latency of a class; every measured class of these designs is answered.
  const archbench::SimLatency& latency(const std::string& name) const {
    return *of(name).latency;
  }
};

// The version at `fraction` of the engine's maximum throughput (load multiplier m·fraction),
// simulated for `replications` independent runs of `duration_s` each (a tenth of it warm-up);
// with one replication the intervals are by batch means, with several by replications.
inline Agreement agree(const archbench::Version& v, double fraction, double duration_s,
                       int replications = 1, std::uint64_t seed = 7) {
  Agreement a;
  const archbench::QueueingModel model(v, catalog());
  const auto [m, id] = model.max_throughput();
  a.load = m.value_or(1.0) * fraction;
  archbench::EvaluateOptions o;
  o.load = a.load;
  o.max_throughput = false;
  a.engine = model.evaluate(o);
  archbench::SimulateOptions so;
  so.load = a.load;
  so.seed = seed;
  so.duration_s = duration_s;
  so.warmup_s = duration_s / 10;
  so.replications = replications;
  a.sim = archbench::SimulationModel(v, catalog()).run(so);
  return a;
}

// One line per class: simulated p95 ± half-width, engine p95, relative difference; then each
// station's utilization and mean wait per visit, simulated and analytic.
inline void print(const std::string& title, const Agreement& a) {
  std::printf("%s (load x%.4g, %llu events)\n", title.c_str(), a.load,
              static_cast<unsigned long long>(a.sim.events));
  for (const auto& c : a.engine.classes) {
    const auto& s = a.of(c.name);
    if (!s.latency) continue;
    const double e = c.latency ? c.latency->p95 : -1;
    std::printf(
        "  %-12s p95 sim %8.2f ± %5.2f (%.2f%%)  engine %8.2f  %+6.2f%%  (n=%llu)  mean sim %.2f "
        "engine %.2f\n",
        c.name.c_str(), s.latency->p95.value, s.latency->p95.half_width,
        100 * relative(s.latency->p95), e, 100 * (e / s.latency->p95.value - 1),
        static_cast<unsigned long long>(s.measured), s.latency->mean.value,
        c.latency ? c.latency->mean : -1);
    if (c.async && s.completion) {
      const double d = c.completion ? c.completion->p95 : -1;
      std::printf("  %-12s done sim %8.2f ± %5.2f  engine %8.2f  %+6.2f%%  mean sim %.2f engine "
                  "%.2f\n",
                  "", s.completion->p95.value, s.completion->p95.half_width, d,
                  100 * (d / s.completion->p95.value - 1), s.completion->mean.value,
                  c.completion ? c.completion->mean : -1);
    }
  }
  for (const auto& c : a.engine.components) {
    const auto* s = a.sim.component(c.id);
    if (!s || !s->has_stations) continue;
    std::printf("  %-12s utilization sim %.3f engine %.3f  wait sim %.3f engine %.3f ms\n",
                c.id.c_str(), s->utilization, c.utilization.value_or(-1), s->wait_ms,
                c.wait_ms.value_or(-1));
  }
}

}  // namespace engine_test
