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
