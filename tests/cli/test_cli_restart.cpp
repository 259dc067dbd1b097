// archbench-cli simulate --restart, --rolling-restart and --scenario (format 5): the stampede
// preset's figures through the command line, and how bad values are refused.
#include <catch2/catch.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "cli_runner.h"

namespace {

using namespace cli_test;
using nlohmann::json;

const std::string kStampede = std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/restart-stampede.archbench.json";

}  // namespace

TEST_CASE("archbench-cli simulate plays a stored scenario and the same restart given as options",
          "[cli][simulate][restart]") {
  // The preset's "All pods restart at once": 24 pods × 20 against max_connections 500 refuse
  // 460 on each of 4 tries (tests/engine/test_simulate_stories.cpp derives it); the same run
  // spelled with options gives the same figures.
  const CliRun stored = run_cli({"simulate", kStampede, "--catalog", kCatalog, "--scenario",
                                 "All pods restart at once", "--format", "json"});
  REQUIRE(stored.exited);
  REQUIRE(stored.code == 0);
  const json j = json::parse(stored.out);
  CHECK(j["duration_s"] == 150.0);
  CHECK(j["restarts"][0]["component"] == "app");
  CHECK(j["restarts"][0]["rolling"] == false);
  bool found = false;
  for (const auto& l : j["links"])
    if (l["from"] == "app" && l["to"] == "db") {
      found = true;
      CHECK(l["refused_pool_connections"] == 1840);
      CHECK(l["pools_refilled_s"] == 75.0);
    }
  CHECK(found);
  const CliRun spelled = run_cli({"simulate", kStampede, "--catalog", kCatalog, "--duration",
                                  "150s", "--warmup", "30s", "--restart", "app=10s@60s",
                                  "--format", "json"});
  REQUIRE(spelled.exited);
  REQUIRE(spelled.code == 0);
  CHECK(spelled.out == stored.out);
  // The table says it in words.
  const CliRun table = run_cli({"simulate", kStampede, "--catalog", kCatalog, "--duration",
                                "360s", "--rolling-restart", "app@60s"});
  REQUIRE(table.code == 0);
  CHECK_THAT(table.out, Catch::Contains("rolling restart: app one instance every 10 s from 60 s"));
  CHECK_THAT(table.out, Catch::Contains("app → db: 0 pool connections refused, pools full again at 300 s"));
}

TEST_CASE("archbench-cli simulate refuses restarts it cannot play", "[cli][simulate][restart]") {
  const std::vector<std::tuple<std::vector<std::string>, int, std::string>> cases = {
      {{"--restart", "app"}, 2, "--restart app: expected ID@START or ID=STARTUP@START"},
      {{"--restart", "app=0s@60s"}, 2, "the start-up time needs a time above 0"},
      {{"--rolling-restart", "app@soon"}, 2, "the start needs a time such as 60s"},
      {{"--restart", "apps@60s"}, 1, "no component with id \"apps\""},
      {{"--restart", "db@60s"}, 1, "restart of \"db\": it has no connection pool (pool_size)"},
      {{"--scenario", "Nothing"}, 1, "stores no simulation named \"Nothing\""},
  };
  for (const auto& [extra, code, message] : cases) {
    INFO(extra[0] << " " << extra[1]);
    std::vector<std::string> args{"simulate", kStampede, "--catalog", kCatalog};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliRun r = run_cli(args);
    REQUIRE(r.exited);
    CHECK(r.code == code);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains(message));
  }
}
