// Simulation speed on the blog preset's V3 (6 components, 3 classes, 3 app instances behind a
// load balancer, a cache and a database). An event is one entry taken from the event calendar:
// a class's next arrival, a call arriving at a component, a service ending, or a response
// arriving back at its caller. Targets (issue 12): at least 20 million events per second on one
// core; ten simulated minutes at the stated load in under a second.
#include <benchmark/benchmark.h>

#include <map>
#include <thread>
#include <vector>
#include <string>

#include "archbench/catalog.h"
#include "archbench/project_io.h"
#include "archbench/simulate.h"
#include "archbench/solver.h"

namespace {

using namespace archbench;

const Catalog& catalog() {
  static const Catalog c = Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  return c;
}

const Version& blog_v3() {
  static const Project p =
      load_project(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/blog.archbench.json", catalog());
  return p.versions.back();
}

// One replication on one thread at `load` for `duration_s`; reports events per second.
void simulate_events(benchmark::State& state, double load, double duration_s) {
  const SimulationModel model(blog_v3(), catalog());
  SimulateOptions o;
  o.load = load;
  o.duration_s = duration_s;
  o.warmup_s = duration_s / 10;
  o.threads = 1;
  double events = 0;
  for (auto _ : state) {
    const SimReport r = model.run(o);
    events += static_cast<double>(r.events);
    benchmark::DoNotOptimize(r);
  }
  state.counters["events/s"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.counters["events/run"] = events / static_cast<double>(state.iterations());
}

// Blog V3 at its stated load (280 requests/s) for 10 simulated minutes.
void BM_SimulateBlogV3Events(benchmark::State& state) {
  simulate_events(state, 1.0, 600);
}
BENCHMARK(BM_SimulateBlogV3Events)->Unit(benchmark::kMillisecond);

// The same at 85% of its maximum throughput (×3.21): longer queues, a larger calendar.
void BM_SimulateBlogV3At85PercentEvents(benchmark::State& state) {
  const auto m = QueueingModel(blog_v3(), catalog()).max_throughput().first.value_or(1.0);
  simulate_events(state, 0.85 * m, 600);
}
BENCHMARK(BM_SimulateBlogV3At85PercentEvents)->Unit(benchmark::kMillisecond);

// What `archbench-cli simulate presets/blog.archbench.json` does: validate, compile and run
// ten simulated minutes at the stated load (one replication).
void BM_SimulateBlogV3TenMinutes(benchmark::State& state) {
  SimulateOptions o;
  o.threads = 1;
  for (auto _ : state) {
    const SimReport r = simulate(blog_v3(), catalog(), o);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SimulateBlogV3TenMinutes)->Unit(benchmark::kMillisecond);

// Eight replications of ten minutes, on one thread and on two (the development machine's cores);
// the speed-up is the ratio of the two wall times (README, Speed).
void BM_SimulateBlogV3EightReplications(benchmark::State& state) {
  const SimulationModel model(blog_v3(), catalog());
  SimulateOptions o;
  o.replications = 8;
  o.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const SimReport r = model.run(o);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SimulateBlogV3EightReplications)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The control for the speed-up above: the same number of threads each spinning on arithmetic
// alone (no memory, no lock), 50 million additions per thread. On a machine with T free cores
// the wall time stays flat up to T threads; on a machine whose other core is taken it doubles
// with two, and no program can be faster on two threads there.
void BM_IndependentWorkControl(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    std::vector<std::thread> pool;
    std::vector<unsigned long> sums(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&sums, t] {
        unsigned long x = 0;
        for (unsigned long i = 0; i < 50'000'000UL; ++i) {
          x += i;
          benchmark::DoNotOptimize(x);
        }
        sums[static_cast<std::size_t>(t)] = x;
      });
    for (auto& t : pool) t.join();
    benchmark::DoNotOptimize(sums);
  }
}
BENCHMARK(BM_IndependentWorkControl)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
