// archbench-cli availability: per-class availability and single points of failure.
#include <catch2/catch.hpp>

#include "archbench/format.h"
#include "cli_runner.h"

using namespace cli_test;
using nlohmann::json;

TEST_CASE("archbench-cli availability: blog V1 names its single points of failure", "[cli][availability]") {
  const json j = run_json({"availability", kBlog, "--version", "V1", "--format", "json", "--catalog", kCatalog});
  REQUIRE(j.at("version") == "V1");
  bool found = false;
  for (const auto& c : j.at("classes")) {
    if (c.at("name") != "read_post") continue;
    found = true;
    // Two components at 99.5% in series: 0.995² = 0.990025.
    CHECK(c.at("availability").get<double>() == Approx(0.990025).epsilon(1e-12));
    const auto spof = c.at("single_points_of_failure").get<std::vector<std::string>>();
    CHECK(spof == std::vector<std::string>{"app", "db"});
  }
  CHECK(found);
  // The table says the same in words, by the one availability rule (format_availability:
  // 0.9975% down, two digits rounded up → 1.0% down → "99.0%").
  const std::string text = run_ok({"availability", kBlog, "--version", "V1", "--catalog", kCatalog});
  CHECK_THAT(text, Catch::Contains(" " + archbench::format_availability(0.990025) + " "));
  CHECK(archbench::format_availability(0.990025) == "99.0%");
  CHECK_THAT(text, Catch::Contains("app, db"));
}

TEST_CASE("archbench-cli availability: --all gives one report per version and bad usage exits 2",
          "[cli][availability]") {
  const json all = run_json({"availability", kBlog, "--all", "--format", "json", "--catalog", kCatalog});
  REQUIRE(all.is_array());
  CHECK(all.size() == 3);
  CHECK(run_cli({"availability", kBlog, "--all", "--version", "V1", "--catalog", kCatalog}).code == 2);
  CHECK(run_cli({"availability", "--catalog", kCatalog}).code == 2);
}
