// Scale of validation and evaluation (issue 15): a chain of app servers and the generated
// platform at 1k, 10k and 100k components. Targets: validate and evaluate of 10,000
// components under 0.3 s each, linear in size. Each family reports its fitted complexity
// (benchmark's Complexity(): BigO and RMS), so a quadratic step shows as a worse fit. CPU time is
// the whole process's (the solver may use a thread pool); on a loaded machine read the CPU column.
#include <string>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "archbench/catalog.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "archbench/validate.h"
#include "generated_architecture.h"

namespace {

using namespace archbench;

const Catalog& catalog() {
  static const Catalog c = Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  return c;
}

// users → c1 → … → c(n−1): app servers of 1 ms each, one call per link, 10 requests/s.
Version chain(int n) {
  Version v;
  v.name = "V1";
  RequestClass r;
  r.name = "read";
  r.entry = "users";
  r.per_second = 10;
  v.workload.push_back(r);
  v.components.push_back({"users", "users", "", std::nullopt, {}, {}, {}, {}});
  for (int i = 1; i < n; ++i) {
    const std::string id = "c" + std::to_string(i);
    v.components.push_back({id, "app_server", "", std::nullopt, {{"service_ms", ParamValue::of(1)}}, {}, {}, {}});
    v.links.push_back({i == 1 ? "users" : "c" + std::to_string(i - 1), id, PerClass{1.0, {}}, 0, 1, {}});
  }
  return v;
}

// The chain as a project file's text, as `archbench-cli validate` reads it.
std::string chain_text(int n) {
  nlohmann::json comps = nlohmann::json::array({{{"id", "users"}, {"kind", "users"}}});
  nlohmann::json links = nlohmann::json::array();
  for (int i = 1; i < n; ++i) {
    const std::string id = "c" + std::to_string(i);
    comps.push_back({{"id", id}, {"kind", "app_server"}, {"params", {{"service_ms", 1}}}});
    links.push_back({{"from", i == 1 ? "users" : "c" + std::to_string(i - 1)}, {"to", id}});
  }
  nlohmann::json doc = {
      {"format", "archbench-project"}, {"format_version", 1}, {"name", "chain"},
      {"versions", {{{"name", "V1"},
                     {"workload", {{{"name", "read"}, {"entry", "users"}, {"per_second", 10}}}},
                     {"components", comps},
                     {"links", links}}}}};
  return doc.dump();
}

const Version& chain_of(int n) {
  static std::map<int, Version> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, chain(n)).first;
  return it->second;
}

const Version& generated_of(int n) {
  static std::map<int, Version> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, bench::generated_architecture(n / 10, 20)).first;
  return it->second;
}

void validate_version_of(benchmark::State& state, const Version& v) {
  for (auto _ : state) {
    auto problems = validate_version(v, catalog());
    benchmark::DoNotOptimize(problems);
    if (!problems.empty()) state.SkipWithError(problems.front().message.c_str());
  }
  state.SetComplexityN(static_cast<int64_t>(v.components.size()));
  state.counters["components"] = static_cast<double>(v.components.size());
}

void evaluate_version_of(benchmark::State& state, const Version& v) {
  for (auto _ : state) {
    Report r = QueueingModel(v, catalog()).evaluate();
    benchmark::DoNotOptimize(r);
  }
  state.SetComplexityN(static_cast<int64_t>(v.components.size()));
  state.counters["components"] = static_cast<double>(v.components.size());
}

void BM_ValidateChain(benchmark::State& state) {
  validate_version_of(state, chain_of(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_ValidateChain)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->Complexity();

// What `archbench-cli validate FILE` does after reading the file: parse the JSON, read the
// model, validate the design and its scenarios.
void BM_ParseAndValidateChain(benchmark::State& state) {
  const std::string text = chain_text(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    Project p = parse_project(text, "chain.archbench.json", catalog());
    benchmark::DoNotOptimize(p);
  }
  state.SetComplexityN(state.range(0));
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_ParseAndValidateChain)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->Complexity();

void BM_EvaluateChain(benchmark::State& state) {
  evaluate_version_of(state, chain_of(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_EvaluateChain)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->Complexity();

void BM_ValidateGenerated(benchmark::State& state) {
  validate_version_of(state, generated_of(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_ValidateGenerated)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->Complexity();

void BM_EvaluateGenerated(benchmark::State& state) {
  evaluate_version_of(state, generated_of(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_EvaluateGenerated)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->Complexity();

}  // namespace
