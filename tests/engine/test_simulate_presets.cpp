// The simulator against the analytic engine on every preset version, at its stated load and at
// 50% and 85% of the engine's maximum throughput: each class's p95 within 3% of the analytic
// figure, or within the simulation's confidence interval of it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "archbench/scaling.h"
#include "archbench/simulate.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;
using engine_test::catalog;
using engine_test::preset;

namespace {

struct Case {
  std::string name;  // "blog V1 at 85% of max"
  Report engine;
  SimReport sim;
};

// `fraction` of the maximum throughput, or the stated load when fraction is 0. The run lasts
// long enough for about 10,000 requests of the rarest class (the blog's comments are 2.5% of
// its posts), from 2,000 s to 40,000 s, 5% of it warm-up; the news feed, whose rarest class
// comes 200 times a second and whose stations serve in milliseconds, for 300 s (above
// 100,000 of its rarest requests, 30–70 million events).
Case run_case(const std::string& file, const Version& v, double fraction) {
  const QueueingModel model(v, catalog());
  double load = 1;
  if (fraction > 0) load = model.max_throughput().first.value_or(1.0) * fraction;
  double rarest = 1e300;
  for (const auto& r : v.workload)
    if (r.peak_rate() > 0) rarest = std::min(rarest, r.peak_rate() * load);
  const double shortest = file.starts_with("news-feed") ? 300.0 : 2000.0;
  const double duration_s = std::clamp(10000 / rarest, shortest, 40000.0);
  EvaluateOptions eo;
  eo.load = load;
  eo.max_throughput = false;
  SimulateOptions so;
  so.load = load;
  so.duration_s = duration_s;
  so.warmup_s = duration_s / 20;
  so.seed = 7;
  Case c;
  c.name = file.substr(0, file.find('.')) + " " + v.name +
           (fraction > 0 ? " at " + std::to_string(static_cast<int>(fraction * 100)) + "% of max"
                         : " at its stated load");
  c.engine = model.evaluate(eo);
  // As simulate() does: an autoscaled component at the count evaluate picks for the load.
  c.sim = SimulationModel(scaled_for_load(v, catalog(), load), catalog()).run(so);
  return c;
}

// Relative distance of the engine's p95 outside the simulated interval (0 inside it).
double beyond_interval(double engine, const SimEstimate& s) {
  const double d = std::fabs(engine - s.value) - s.half_width;
  return d > 0 ? d / s.value : 0;
}

constexpr double kFractions[] = {0, 0.5, 0.85};

// The presets checked at their stated load only (below), and all eight with the three above.
const char* const kOtherFiles[] = {"flash-sale.archbench.json", "event-sourcing.archbench.json",
                                   "autoscale-mesh.archbench.json",
                                   "restart-stampede.archbench.json",
                                   "retries-in-time.archbench.json"};
std::vector<const char*> all_files() {
  std::vector<const char*> files{"blog.archbench.json", "image-pipeline.archbench.json",
                                 "news-feed.archbench.json"};
  files.insert(files.end(), std::begin(kOtherFiles), std::end(kOtherFiles));
  return files;
}

}  // namespace

// Every preset, the ones the [agreement] tests check at their stated load only included. A
// version whose maximum throughput is beyond ×100 is skipped at 50% and 85% of it: the flash
// sale from V2, whose maximum is its rate-limiting gateway's own servers (×1,000); behind the
// limit those loads are the stated load's 650 admitted requests a second.
TEST_CASE("Simulation and engine side by side for every preset version", "[.report][sim]") {
  for (const char* file : all_files()) {
    for (const auto& v : preset(file).versions) {
      const auto [most, at] = QueueingModel(v, catalog()).max_throughput();
      for (double f : kFractions) {
        if (f > 0 && most.value_or(1e9) > 100) {
          std::printf("%s %s at %d%% of max: skipped (its maximum, x%.4g at %s, is beyond x100)\n",
                      file, v.name.c_str(), static_cast<int>(f * 100), most.value_or(0.0),
                      at.c_str());
          continue;
        }
        const Case c = run_case(file, v, f);
        std::printf("%s (load x%.3g, %llu events)\n", c.name.c_str(), c.sim.load,
                    static_cast<unsigned long long>(c.sim.events));
        for (const auto& e : c.engine.classes) {
          const SimClassResult& s = *c.sim.request_class(e.name);
          if (!e.latency || !s.latency) continue;
          std::printf(
              "  %-10s p95 sim %9.1f ± %6.1f  engine %9.1f  %+6.1f%%  mean sim %8.1f engine "
              "%8.1f\n",
              e.name.c_str(), s.latency->p95.value, s.latency->p95.half_width, e.latency->p95,
              100 * (e.latency->p95 / s.latency->p95.value - 1), s.latency->mean.value,
              e.latency->mean);
          if (e.completion && s.completion)
            std::printf("  %-10s done p95 sim %9.1f ± %6.1f  engine %9.1f  %+6.1f%%\n", "",
                        s.completion->p95.value, s.completion->p95.half_width, e.completion->p95,
                        100 * (e.completion->p95 / s.completion->p95.value - 1));
        }
        for (const auto& e : c.engine.components) {
          const SimComponentResult& s = *c.sim.component(e.id);
          if (!s.has_stations) continue;
          std::printf("  %-10s utilization sim %.3f engine %.3f\n", e.id.c_str(), s.utilization,
                      e.utilization.value_or(-1));
        }
        CHECK(c.sim.events > 0);
      }
    }
  }
}

namespace {

// Every class's p95 and mean (and, for a class that crosses a queue, its completion p95) within
// 3% of the simulated figure, widened by the simulation's relative half-width beyond 0.5% (the
// rule of test_blocking_agreement.cpp, whose longer runs check the blocking pools closely), or
// the engine's figure inside the simulated 95% interval (seed 7; up to 20 million events,
// about a second, per case). The half-width must stay below 6% (it is 0.1–4.7% here), so the
// widest tolerance is 8.5%. Without the widening the verdict on a true gap of 1.5% (blog V1
// at 85%: comment p95 engine 310.5 ms, simulated 306 ± 1.8 ms over 16 replications of
// 20,000 s) depended on the seed: seed 7 drew 299.2 ± 9.7 ms.
// Where the engine is known to be further than that from the simulation (README, "Simulate"):
// the relative bound it must stay within, so that the test still fails if the model gets
// worse there. The flash sale from V2 on limits its gateway to 650 req/s under 1,000 offered:
// the token bucket, nearly always empty, admits the first request after each token, a stream
// far smoother than Poisson, which the engine takes as Poisson (docs/PATTERNS.md, rate
// limiting): the database's wait is 1.42 ms against 0.67 ms simulated (V4; 1.17 ms simulated
// without the limit at the same 650 req/s), so the time the pooler and the app hold a
// connection or a thread, and their utilization, are overestimated (app 3.7–4.8% in V2–V4,
// pooler 11–12%). (V5–V6's browse, +8.8% mean and +7.9% p95 under Allen–Cunneen alone, agrees
// since the light-traffic interpolation: docs/MODEL.md.)
double known_gap(const std::string& case_name, const std::string& what) {
  struct Gap {
    const char* versions;  // "V2 V3 …": the flash sale's versions it holds for
    const char* what;
    double bound;
  };
  static const Gap gaps[] = {{"V2 V3 V4", "app", 0.07},
                             {"V4 V5 V6", "pgbouncer", 0.13}};
  if (!case_name.starts_with("flash-sale ")) return 0;
  const std::string version = case_name.substr(11, case_name.find(' ', 11) - 11);
  for (const Gap& g : gaps) {
    const std::string listed = " " + std::string(g.versions) + " ";
    if (what == g.what && listed.find(" " + version + " ") != std::string::npos) return g.bound;
  }
  return 0;
}

void check_agreement(const char* file, std::size_t version, bool stated_load_only = false) {
  {
    const Version& v = preset(file).versions.at(version);
    for (double f : kFractions) {
      if (stated_load_only && f > 0) continue;
      const Case c = run_case(file, v, f);
      for (const auto& e : c.engine.classes) {
        const SimClassResult* s = c.sim.request_class(e.name);
        REQUIRE(s != nullptr);
        INFO(c.name << ", " << e.name);
        REQUIRE(e.latency.has_value());
        REQUIRE(s->latency.has_value());
        CHECK(s->unfinished == 0);
        auto agree = [&](const char* what, double engine, const SimEstimate& sim) {
          INFO(what << ": engine " << engine << " ms, simulated " << sim.value << " ± "
                    << sim.half_width << " ms");
          const double rel = sim.half_width / sim.value;
          CHECK(rel < 0.06);
          const double gap = known_gap(c.name, e.name + " " + what);
          CHECK((std::fabs(engine / sim.value - 1) <= 0.03 + std::max(0.0, rel - 0.005) ||
                 beyond_interval(engine, sim) == 0 || std::fabs(engine / sim.value - 1) <= gap));
        };
        agree("p95", e.latency->p95, s->latency->p95);
        agree("mean", e.latency->mean, s->latency->mean);
        REQUIRE(e.async == s->async);
        if (e.async) {
          REQUIRE(e.completion.has_value());
          REQUIRE(s->completion.has_value());
          agree("completion p95", e.completion->p95, s->completion->p95);
        }
      }
      // Utilization is the same figure in both (λ·H/c); within 3%, or 0.005 for a nearly idle
      // station; the queue consumers' pool, whose 7.5 s jobs make a few thousand seconds'
      // average noisy, gets 0.02 more.
      for (const auto& e : c.engine.components) {
        const SimComponentResult* s = c.sim.component(e.id);
        REQUIRE(s != nullptr);
        if (!s->has_stations || !e.utilization) continue;
        INFO(c.name << ", " << e.id << ": engine " << *e.utilization << ", simulated "
                    << s->utilization);
        CHECK(std::fabs(s->utilization - *e.utilization) <=
              std::max({0.03 * *e.utilization, 0.005, known_gap(c.name, e.id) * *e.utilization}) +
                  (e.id == "workers" ? 0.02 : 0.0));
      }
    }
  }
}

}  // namespace

TEST_CASE("Simulated blog V1 agrees with the engine at stated load and half and 85 percent of max",
          "[sim][agreement]") {
  check_agreement("blog.archbench.json", 0);
}

TEST_CASE("Simulated blog V2 agrees with the engine at stated load and half and 85 percent of max",
          "[sim][agreement]") {
  check_agreement("blog.archbench.json", 1);
}

TEST_CASE("Simulated blog V3 agrees with the engine at stated load and half and 85 percent of max",
          "[sim][agreement]") {
  check_agreement("blog.archbench.json", 2);
}

TEST_CASE(
    "Simulated image pipeline V1 agrees with the engine at stated load and half and 85 percent of "
    "max",
    "[sim][agreement]") {
  check_agreement("image-pipeline.archbench.json", 0);
}

TEST_CASE(
    "Simulated image pipeline V2 agrees with the engine at stated load and half and 85 percent of "
    "max",
    "[sim][agreement]") {
  check_agreement("image-pipeline.archbench.json", 1);
}

TEST_CASE(
    "Simulated image pipeline V3 agrees with the engine at stated load and half and 85 percent of "
    "max",
    "[sim][agreement]") {
  check_agreement("image-pipeline.archbench.json", 2);
}

// The news feed: a sharded posts store with a hot shard and cross-shard feeds in V2 and V3, and
// a fan-out API (parallel calls) in V3.
TEST_CASE("Simulated news feed V1 agrees with the engine at stated load and half and 85 percent of max",
          "[sim][agreement]") {
  check_agreement("news-feed.archbench.json", 0);
}

TEST_CASE("Simulated news feed V2 agrees with the engine at stated load and half and 85 percent of max",
          "[sim][agreement]") {
  check_agreement("news-feed.archbench.json", 1);
}

TEST_CASE("Simulated news feed V3 agrees with the engine at stated load and half and 85 percent of max",
          "[sim][agreement]") {
  check_agreement("news-feed.archbench.json", 2);
}

// The other presets (the flash sale's seven versions, event sourcing, autoscaling and the mesh,
// the restart and retries stories) at their stated load, by the same rule; their loads near
// saturation are left to the presets above (a flash sale at 85% of its maximum throughput runs
// for minutes). The flash sale's V1 saturates at its stated load (its database): evaluate
// gives it no latency, and no other version may be skipped for that. Tagged [long] (22 s in a
// Release build): the sanitizer build leaves it out; the news feed's cases keep the forks and
// joins under the sanitizers.
TEST_CASE("Simulated other presets agree with the engine at their stated load",
          "[sim][agreement][long]") {
  std::set<std::string> saturated;
  for (const char* file : kOtherFiles) {
    const auto& versions = preset(file).versions;
    for (std::size_t i = 0; i < versions.size(); ++i) {
      const Report r = QueueingModel(versions[i], catalog()).evaluate(EvaluateOptions{});
      if (r.totals.saturated) {
        saturated.insert(std::string(file) + " " + versions[i].name);
        continue;
      }
      check_agreement(file, i, true);
    }
  }
  CHECK(saturated == std::set<std::string>{"flash-sale.archbench.json V1"});
}
