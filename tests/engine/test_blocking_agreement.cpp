// The analytic model against the mini simulation (mini_sim.h) where the model approximates:
// blocking callers with few threads near saturation.
#include <catch2/catch.hpp>

#include "agreement_fixture.h"

using engine_test::agree;
using engine_test::preset;

TEST_CASE("Agreement report for every preset version at half and 85 percent of max throughput",
          "[.report]") {
  for (const char* file : {"blog.archbench.json", "image-pipeline.archbench.json"}) {
    for (const auto& v : preset(file).versions) {
      for (double f : {0.5, 0.85}) {
        const auto a = agree(v, f, 4000);
        engine_test::print(std::string(file) + " " + v.name + " at " + std::to_string(f), a);
        CHECK(a.sim.events > 0);
      }
    }
  }
}

TEST_CASE("Agreement timing probe", "[.probe]") {
  const auto& v = preset("blog.archbench.json").versions[0];
  for (double len : {20000.0}) {
    const auto a = agree(v, 0.85, len);
    engine_test::print("blog V1 len " + std::to_string(len), a);
    std::printf("events %zu\n", a.sim.events);
    CHECK(a.sim.events > 0);
  }
}

#include "blocking_chains.h"
TEST_CASE("Chain probe", "[.chains]") {
  for (int t = 1; t <= 8; ++t) {
    const auto v = engine_test::blocking_chain(100 + t, t, 9 - t);
    for (double f : {0.5, 0.85}) {
      const auto a = agree(v, f, 4000);
      engine_test::print(v.name + " front " + std::to_string(t) + " middle " + std::to_string(9 - t), a);
      std::printf("events %zu\n", a.sim.events);
      CHECK(a.sim.events > 0);
    }
  }
}
