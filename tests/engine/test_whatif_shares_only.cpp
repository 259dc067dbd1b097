// what_if with anchor_percentiles off (what grading's resilience rule uses) skips only the p95
// anchoring: every share, reason, state and the mean are those of the full what-if, and each
// p95 is the fixed point's own estimate (the value the anchoring starts from).
#include <catch2/catch.hpp>

#include "archbench/faults.h"
#include "archbench/project_io.h"
#include "engine_fixture.h"

using namespace archbench;

TEST_CASE("A shares-only what-if gives the full what-if's shares for every crash flush and slowdown of the presets", "[faults]") {
  ResilienceOptions shares_only;
  shares_only.anchor_percentiles = false;
  int compared = 0;
  for (const char* file : {"blog.archbench.json", "image-pipeline.archbench.json"}) {
    for (const Version& v : engine_test::preset(file).versions) {
      for (const Component& c : v.components) {
        for (FaultType type : {FaultType::Crash, FaultType::Slow, FaultType::Flush}) {
          Fault f;
          f.type = type;
          f.component = c.id;
          if (type == FaultType::Slow) f.factor = 3;
          if (type == FaultType::Flush && c.kind != "cache") continue;
          if (c.kind == "users") continue;  // a client cannot fail
          INFO(file << " " << v.name << " " << to_string(type) << " " << c.id);
          const WhatIfReport full = what_if(v, engine_test::catalog(), {f});
          const WhatIfReport lean = what_if(v, engine_test::catalog(), {f}, shares_only);
          REQUIRE(lean.faulted.classes.size() == full.faulted.classes.size());
          for (std::size_t k = 0; k < full.faulted.classes.size(); ++k) {
            const ClassOutcome& a = full.faulted.classes[k];
            const ClassOutcome& b = lean.faulted.classes[k];
            CHECK(b.success == a.success);
            CHECK(b.degraded == a.degraded);
            CHECK(b.failed == a.failed);
            CHECK(b.reason == a.reason);
            CHECK(b.answered_mean_ms == a.answered_mean_ms);
            CHECK(b.answered_p95_ms.has_value() == a.answered_p95_ms.has_value());
            ++compared;
          }
          CHECK(lean.cascade == full.cascade);
        }
      }
    }
  }
  // Both presets, every version, every component: well over a hundred class outcomes.
  CHECK(compared > 100);
}
