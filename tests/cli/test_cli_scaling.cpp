// Autoscaling and the mesh from the command line (docs/PATTERNS.md): evaluate's lines and JSON,
// what-if's scale-up lag, the sweep's cost steps and the comparison of a version with a mesh,
// each the engine's string (archbench/scaling.h) on the autoscale-mesh preset.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_runner.h"

using nlohmann::json;
using namespace cli_test;

namespace {

const std::string kPreset =
    std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/autoscale-mesh.archbench.json";

}  // namespace

TEST_CASE("archbench-cli evaluate prints the autoscaler's count and the sidecars",
          "[cli][patterns]") {
  const std::string v3 =
      run_ok({"evaluate", kPreset, "--version", "V3 mesh", "--catalog", kCatalog});
  // B = 630/s × 22 ms = 13.86; ⌈13.86 / (8 × 0.6)⌉ = ⌈2.89⌉ = 3 instances at 57.75%.
  CHECK_THAT(v3, Catch::Contains("  api: 3 instances (auto 2–16, target 60.0%): 57.8% utilization"));
  CHECK_THAT(v3, Catch::Contains("  api sidecars: 3 × $5.00 = $15.00/month"));
  const json j = json::parse(run_ok(
      {"evaluate", kPreset, "--version", "V3 mesh", "--format", "json", "--catalog", kCatalog}));
  for (const auto& c : j.at("components")) {
    INFO(c.at("id"));
    CHECK(c.contains("autoscale") == (c.at("id") == "api"));
    CHECK(c.contains("mesh") == (c.at("id") == "api"));
  }
}

TEST_CASE("archbench-cli what-if states the backlog of a spike during the scale-up delay",
          "[cli][patterns]") {
  const std::string out =
      run_ok({"what-if", kPreset, "--version", "V2 autoscaled", "--catalog", kCatalog});
  CHECK_THAT(out, Catch::Contains("Autoscaling lag"));
  // 630 × 3 = 1,890/s; 3 instances carry 3 × 8 / 20 ms = 1,200/s for 90 s: 62,100 requests.
  CHECK_THAT(out, Catch::Contains("api: 3 → 8 instances after 90 s; meanwhile 1,890 req/s "
                                  "against a capacity of 1,200 req/s: a backlog of 62,100 "
                                  "requests"));
}

TEST_CASE("archbench-cli compare shows the mesh's price in latency and dollars",
          "[cli][patterns]") {
  const json j = json::parse(run_ok({"compare", kPreset, "--format", "json", "--catalog", kCatalog}));
  const json& v2 = j.at("versions").at(1).at("report");
  const json& v3 = j.at("versions").at(2).at("report");
  // 3 sidecars × $5; two hops each way of 0.5 ms (+2 ms) and 20 ms × 0.1 of CPU (+2 ms), plus
  // the API's wait rising with its utilization (0.394 → 0.764 ms).
  CHECK(v3.at("totals").at("cost_per_month").get<double>() -
            v2.at("totals").at("cost_per_month").get<double>() ==
        Approx(15).epsilon(1e-9));
  const double added = v3.at("classes").at(0).at("latency_ms").at("mean").get<double>() -
                       v2.at("classes").at(0).at("latency_ms").at("mean").get<double>();
  CHECK(added == Approx(4.37).margin(0.01));
  // The diff names the change at the component.
  bool named = false;
  for (const auto& c : j.at("steps").at(1).at("components").at("changed"))
    for (const auto& f : c.at("changes"))
      if (f.at("field") == "mesh") named = true;
  CHECK(named);
}
