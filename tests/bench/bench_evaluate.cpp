// Evaluation speed: a preset (target < 200 µs) and a generated 1,000-component architecture
// (target < 5 ms). Each iteration compiles the version and evaluates it completely: means,
// p50/p95/p99 by transform inversion, costs and the maximum-throughput search.
#include <string>

#include <benchmark/benchmark.h>

#include "archbench/catalog.h"
#include "archbench/compare.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "archbench/sweep.h"
#include "generated_architecture.h"
#include "../engine/blocking_chains.h"

namespace {

using namespace archbench;

const Catalog& catalog() {
  static const Catalog c = Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  return c;
}

const Project& preset(const std::string& name) {
  static std::map<std::string, Project> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    it = cache.emplace(name, load_project(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/" + name, catalog())).first;
  }
  return it->second;
}

void evaluate_version(benchmark::State& state, const Version& v) {
  for (auto _ : state) {
    QueueingModel model(v, catalog());
    Report r = model.evaluate();
    benchmark::DoNotOptimize(r);
  }
  state.counters["components"] = static_cast<double>(v.components.size());
  state.counters["classes"] = static_cast<double>(v.workload.size());
}

void BM_EvaluateBlogV3(benchmark::State& state) {
  evaluate_version(state, preset("blog.archbench.json").versions.back());
}
BENCHMARK(BM_EvaluateBlogV3)->Unit(benchmark::kMicrosecond);

void BM_EvaluateImagePipelineV1(benchmark::State& state) {
  evaluate_version(state, preset("image-pipeline.archbench.json").versions.front());
}
BENCHMARK(BM_EvaluateImagePipelineV1)->Unit(benchmark::kMicrosecond);

void BM_EvaluateBlogV1(benchmark::State& state) {
  evaluate_version(state, preset("blog.archbench.json").versions.front());
}
BENCHMARK(BM_EvaluateBlogV1)->Unit(benchmark::kMicrosecond);

// A front of 7 threads behind a 2-thread middle and a database (the agreement test's chain) at
// 85% of its maximum throughput: the pool chain (36 states per level) in every evaluation.
void BM_EvaluateNestedPools(benchmark::State& state) {
  static const Version v = engine_test::blocking_chain(107, 7, 2);
  EvaluateOptions o;
  o.load = 0.85 * QueueingModel(v, catalog()).max_throughput().first.value_or(1.0);
  for (auto _ : state) {
    QueueingModel model(v, catalog());
    Report r = model.evaluate(o);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EvaluateNestedPools)->Unit(benchmark::kMicrosecond);

void BM_EvaluateGenerated1000(benchmark::State& state) {
  static const Version v = bench::generated_architecture(100, 20);
  evaluate_version(state, v);
}
BENCHMARK(BM_EvaluateGenerated1000)->Unit(benchmark::kMillisecond);

void BM_EvaluateGenerated1000WithoutPercentiles(benchmark::State& state) {
  static const Version v = bench::generated_architecture(100, 20);
  EvaluateOptions opt;
  opt.percentiles = false;
  for (auto _ : state) {
    Report r = QueueingModel(v, catalog()).evaluate(opt);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EvaluateGenerated1000WithoutPercentiles)->Unit(benchmark::kMillisecond);

void BM_SweepBlogV3_100Points(benchmark::State& state) {
  const QueueingModel model(preset("blog.archbench.json").versions.back(), catalog());
  for (auto _ : state) {
    Sweep s = sweep(model, 100);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_SweepBlogV3_100Points)->Unit(benchmark::kMillisecond);

// The comparison view's latency chart: 100 load points for each of the image preset's three
// versions, each point a full evaluation with percentiles (target < 50 ms).
void BM_SweepImagePipeline_3Versions_100Points(benchmark::State& state) {
  const Project& p = preset("image-pipeline.archbench.json");
  std::vector<QueueingModel> models;
  for (const auto& v : p.versions) models.emplace_back(v, catalog());
  for (auto _ : state) {
    for (const auto& m : models) {
      Sweep s = sweep(m, 100);
      benchmark::DoNotOptimize(s);
    }
  }
  state.counters["versions"] = static_cast<double>(models.size());
}
BENCHMARK(BM_SweepImagePipeline_3Versions_100Points)->Unit(benchmark::kMillisecond);

// What the comparison window computes on every edit: all versions evaluated, diffed and swept
// at 60 points each.
void BM_CompareImagePipeline_Sweeps60(benchmark::State& state) {
  const Project& p = preset("image-pipeline.archbench.json");
  CompareOptions opt;
  opt.sweep_points = 60;
  for (auto _ : state) {
    Comparison c = compare_versions(p, catalog(), opt);
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_CompareImagePipeline_Sweeps60)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
