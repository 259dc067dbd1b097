// Failure analysis: one what-if scenario with resilience policies, and the impact matrix (every
// single component crashed in turn) of the presets and of a generated 200-component platform.
#include <benchmark/benchmark.h>

#include "archbench/catalog.h"
#include "archbench/faults.h"
#include "archbench/project_io.h"
#include "generated_architecture.h"

namespace {

using namespace archbench;

const Catalog& catalog() {
  static const Catalog c = Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  return c;
}

const Project& preset(const std::string& file) {
  static std::map<std::string, Project> loaded;
  auto it = loaded.find(file);
  if (it == loaded.end())
    it = loaded.emplace(file, load_project(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/" + file, catalog())).first;
  return it->second;
}

// Blog V3 with 200 ms timeouts, 2 retries and a breaker on the database calls, database ×100 slower.
void BM_WhatIfBlogV3SlowDatabase(benchmark::State& state) {
  Version v = *preset("blog.archbench.json").version("V3");
  for (auto& l : v.links) {
    if (l.to != "db") continue;
    l.policy.timeout_ms = 200;
    l.policy.retries = 2;
    l.policy.breaker = true;
    l.policy.fallback_degraded = true;
  }
  Fault slow;
  slow.type = FaultType::Slow;
  slow.component = "db";
  slow.factor = 100;
  for (auto _ : state) benchmark::DoNotOptimize(what_if(v, catalog(), {slow}));
}
BENCHMARK(BM_WhatIfBlogV3SlowDatabase)->Unit(benchmark::kMillisecond);

void BM_ImpactBlogV3(benchmark::State& state) {
  const Version& v = *preset("blog.archbench.json").version("V3");
  for (auto _ : state) benchmark::DoNotOptimize(impact_matrix(v, catalog()));
}
BENCHMARK(BM_ImpactBlogV3)->Unit(benchmark::kMillisecond);

void BM_ImpactImagePipelineV3(benchmark::State& state) {
  const Version& v = *preset("image-pipeline.archbench.json").version("V3");
  for (auto _ : state) benchmark::DoNotOptimize(impact_matrix(v, catalog()));
}
BENCHMARK(BM_ImpactImagePipelineV3)->Unit(benchmark::kMillisecond);

// 20 domains × 10 components + users + gateway = 202 components, 10 classes; every link of the
// generated platform gets a timeout and a retry, so the fixed point has work to do.
void BM_ImpactGenerated200(benchmark::State& state) {
  Version v = bench::generated_architecture(20, 10);
  for (auto& l : v.links) {
    l.policy.timeout_ms = 1000;
    l.policy.retries = 1;
  }
  std::size_t rows = 0;
  for (auto _ : state) {
    const ImpactMatrix m = impact_matrix(v, catalog());
    rows = m.rows.size();
    benchmark::DoNotOptimize(m);
  }
  state.counters["components"] = static_cast<double>(v.components.size());
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ImpactGenerated200)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

using namespace archbench;

// users → c1 → c2 → … → cN: blocking app servers, each calling the next once, one class.
Version chain(int n) {
  Version v;
  v.name = "chain";
  v.components.push_back({"users", "users", "", std::nullopt, {}, {}, {}, {}});
  RequestClass r;
  r.name = "q";
  r.entry = "users";
  r.per_second = 10;
  v.workload.push_back(r);
  std::string prev = "users";
  for (int i = 0; i < n; ++i) {
    const std::string id = "c" + std::to_string(i);
    v.components.push_back({id, "app_server", "", std::nullopt,
                            {{"concurrency", ParamValue::of(64)}, {"service_ms", ParamValue::of(1)}}, {}, {}, {}});
    v.links.push_back({prev, id, PerClass{1.0, {}}, 0.1, 1.0, {}});
    prev = id;
  }
  return v;
}


void BM_ImpactChain(benchmark::State& state) {
  const Version v = chain(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(impact_matrix(v, catalog()));
  state.counters["components"] = static_cast<double>(v.components.size());
}
BENCHMARK(BM_ImpactChain)->Arg(1000)->Arg(2000)->Arg(4000)->Arg(10000)->Unit(benchmark::kSecond)->Iterations(1);

void BM_ImpactFanOut(benchmark::State& state) {
  const Version v = bench::fan_out(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(impact_matrix(v, catalog()));
  state.counters["components"] = static_cast<double>(v.components.size());
}
BENCHMARK(BM_ImpactFanOut)->Arg(1000)->Arg(2000)->Arg(4000)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
