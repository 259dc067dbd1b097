// The analytic model against the engine's simulator (archbench/simulate.h) where the model
// approximates: blocking callers with few threads near saturation.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <vector>

#include "agreement_fixture.h"
#include "blocking_chains.h"

using engine_test::agree;
using engine_test::preset;

namespace {

// Simulated time per case from ARCHBENCH_AGREEMENT_SECONDS (report runs), else `fallback`.
double seconds(double fallback) {
  const char* s = std::getenv("ARCHBENCH_AGREEMENT_SECONDS");
  return s ? std::atof(s) : fallback;
}

}  // namespace

TEST_CASE("Agreement report for every preset version at half and 85 percent of max throughput",
          "[.report]") {
  for (const char* file :
       {"blog.archbench.json", "image-pipeline.archbench.json", "flash-sale.archbench.json"}) {
    for (const auto& v : preset(file).versions) {
      for (double f : {0.5, 0.85}) {
        const auto a = agree(v, f, seconds(20000));
        engine_test::print(std::string(file) + " " + v.name + " at " + std::to_string(f), a);
        CHECK(a.sim.events > 0);
      }
    }
  }
}

TEST_CASE("Generated blocking chains report", "[.report]") {
  for (std::uint64_t seeds : {100, 200}) {
    for (int t = 1; t <= 8; ++t) {
      const auto v = engine_test::blocking_chain(seeds + static_cast<std::uint64_t>(t), t, 9 - t);
      for (double f : {0.5, 0.85}) {
        const auto a = agree(v, f, seconds(20000));
        engine_test::print(v.name + " front " + std::to_string(t) + " middle " +
                               std::to_string(9 - t) + " at " + std::to_string(f),
                           a);
        CHECK(a.sim.events > 0);
      }
    }
  }
}
