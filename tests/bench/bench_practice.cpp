// Grading speed: a 3-stage attempt of a generated 32-component platform (target < 50 ms per
// grade). Each iteration evaluates every stage, the reference and the previous design, the
// availability analysis and every fault the stage's requirements stand for (one what_if each:
// 12 lost instances, 3 cache flushes and 3 slow databases per stage).
#include <string>

#include <benchmark/benchmark.h>

#include "archbench/catalog.h"
#include "archbench/practice.h"
#include "generated_architecture.h"

namespace {

using namespace archbench;

const Catalog& catalog() {
  static const Catalog c = Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  return c;
}

// A scenario over the generated platform's classes: traffic ×1, ×1.5, ×2 of its stated rates.
Scenario generated_scenario(const Version& v) {
  Scenario s;
  s.id = "generated";
  s.title = "Generated platform";
  s.difficulty = "hard";
  for (const auto& r : v.workload) s.classes.push_back({r.name, r.op, 0, true, ""});
  for (double growth : {1.0, 1.5, 2.0}) {
    Stage st;
    st.name = "x" + std::to_string(growth);
    for (const auto& r : v.workload) st.traffic[r.name] = Traffic{*r.per_second * growth, std::nullopt, std::nullopt};
    std::vector<std::string> all;
    for (const auto& r : v.workload) {
      st.requirements.latency.push_back({r.name, Percentile::P99, 1000, false});
      st.requirements.availability.push_back({r.name, 99});
      all.push_back(r.name);
    }
    st.requirements.max_cost_per_month = 1e6;
    st.requirements.headroom = 1.2;
    st.requirements.faults = {
        {SurviveKind::LoseAnyInstance, {"app_server", "worker_pool", "cache", "database"}, 3, all, 99},
        {SurviveKind::CacheFlush, {}, 3, all, 99},
        {SurviveKind::SlowKind, {"database"}, 3, all, 99}};
    s.stages.push_back(std::move(st));
  }
  s.reference.name = "reference";
  for (int i = 0; i < 3; ++i) {
    Version r = v;
    r.name = "V" + std::to_string(i + 1);
    r.notes = "Trigger: growth.";
    s.reference.versions.push_back(std::move(r));
  }
  return s;
}

// Three domains in one chain; the top gateway sends every class into it.
Version platform() {
  Version v = bench::generated_architecture(3, 6);
  for (auto& l : v.links)
    if (l.from == "gateway") l.calls = PerClass{1.0, {}};
  return v;
}

void BM_GradeGeneratedAttempt(benchmark::State& state) {
  const Version v = platform();
  const Scenario s = generated_scenario(v);
  const Project attempt = s.reference;
  for (auto _ : state) {
    ReportCard card = grade(s, attempt, catalog());
    benchmark::DoNotOptimize(card);
  }
  state.counters["components"] = static_cast<double>(v.components.size());
}
BENCHMARK(BM_GradeGeneratedAttempt)->Unit(benchmark::kMillisecond);

void BM_LiveCheckOneStage(benchmark::State& state) {
  const Version v = platform();
  const Scenario s = generated_scenario(v);
  for (auto _ : state) {
    StageCard card = check_stage(s, 1, s.reference.versions[1], catalog(), &s.reference.versions[0]);
    benchmark::DoNotOptimize(card);
  }
}
BENCHMARK(BM_LiveCheckOneStage)->Unit(benchmark::kMillisecond);

}  // namespace
