// The patterns (docs/PATTERNS.md) from the command line: the flash sale preset's rate limit and
// connection limits in evaluate's table and JSON, and validate's warning naming file and place.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <map>
#include <string>

#include "cli_runner.h"

using nlohmann::json;
using namespace cli_test;

namespace {

const std::string kFlash = std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/flash-sale.archbench.json";

}  // namespace

TEST_CASE("archbench-cli validate warns about pools above max_connections with file and place",
          "[cli][patterns]") {
  const CliRun r = run_cli({"validate", kFlash, "--catalog", kCatalog});
  REQUIRE(r.exited);
  CHECK(r.code == 0);  // a warning, not an error
  INFO(r.out);
  CHECK_THAT(r.out, Catch::Contains("    warning: " + kFlash +
                                    ": /versions/2/components/3/params/max_connections: the "
                                    "callers' connection pools need 1,000 connections (app: 50 "
                                    "instances × 20) against max_connections 500 of \"db\""));
  // Only V3 overruns the limit: V4's pooler takes the pools.
  CHECK(r.out.find("warning:") == r.out.rfind("warning:"));
}

TEST_CASE("archbench-cli evaluate shows refused shares and connections in the table and JSON",
          "[cli][patterns]") {
  const std::string v2 = run_ok({"evaluate", kFlash, "--version", "V2", "--catalog", kCatalog});
  CHECK_THAT(v2, Catch::Contains("refused"));
  CHECK_THAT(v2, Catch::Contains("  gateway: limit 650 req/s, refuses 350 req/s (429)"));
  const json j = json::parse(
      run_ok({"evaluate", kFlash, "--version", "V4", "--format", "json", "--catalog", kCatalog}));
  // 1 − 650/1,000 of each class refused; the keys appear only with a limit.
  for (const auto& c : j.at("classes")) CHECK(c.at("refused_share").get<double>() == Approx(0.35));
  for (const auto& c : j.at("components")) {
    INFO(c.at("id"));
    const std::string id = c.at("id").get<std::string>();
    CHECK(c.contains("rate_limit_per_s") == (id == "gateway"));
    CHECK(c.contains("connections") == (id == "db" || id == "pgbouncer"));
  }
  const json* db = nullptr;
  for (const auto& c : j.at("components"))
    if (c.at("id") == "db") db = &c;
  REQUIRE(db != nullptr);
  CHECK(db->at("connections").at("limit") == 500);
  CHECK(db->at("connections").at("unpooled_max") == 40);
  CHECK(db->at("connections").at("refused_share").get<double>() == 0);
  // Without a limit on the path there is no refused column.
  const std::string v1 = run_ok({"evaluate", kFlash, "--version", "V1", "--catalog", kCatalog});
  CHECK(v1.find("refused") == std::string::npos);
}

TEST_CASE("archbench-cli evaluate shows shards and fan-out and simulate plays them",
          "[cli][patterns][shards]") {
  const std::string feed = std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/news-feed.archbench.json";
  const std::string v3 = run_ok({"evaluate", feed, "--version", "V3", "--catalog", kCatalog});
  CHECK_THAT(v3, Catch::Contains("  posts: 8 shards, hot shard 30.0% of single-shard visits: "));
  CHECK_THAT(v3, Catch::Contains("  api: calls 3 links in parallel, waits for the slowest"));
  const json j = json::parse(
      run_ok({"evaluate", feed, "--version", "V3", "--format", "json", "--catalog", kCatalog}));
  for (const auto& c : j.at("components")) {
    const std::string id = c.at("id").get<std::string>();
    INFO(id);
    CHECK(c.contains("shards") == (id == "posts"));
    CHECK(c.contains("parallel_links") == (id == "api"));
    if (id == "posts") {
      CHECK(c.at("shards").at("shards") == 8);
      int hot = 0, others = 0;
      for (const auto& s : c.at("stations")) {
        hot += s.at("shard") == "hot";
        others += s.at("shard") == "others";
      }
      CHECK(hot == 1);
      CHECK(others == 1);
    }
  }
  // V1 has neither: no such line.
  const std::string v1 = run_ok({"evaluate", feed, "--version", "V1", "--catalog", kCatalog});
  CHECK(v1.find("shards") == std::string::npos);
  // The simulator plays the shards and the fan-out: the sharded store's visits per second (a
  // cross-shard visit counts once, as evaluate counts it) and its hot shard's utilization
  // within 3% of evaluate's (60 s of 2,200 requests a second).
  const json sim = json::parse(run_ok({"simulate", feed, "--version", "V3", "--duration", "60s",
                                       "--format", "json", "--catalog", kCatalog}));
  const json* posts = nullptr;
  for (const auto& c : sim.at("components"))
    if (c.at("id") == "posts") posts = &c;
  REQUIRE(posts != nullptr);
  const json* evaluated = nullptr;
  for (const auto& c : j.at("components"))
    if (c.at("id") == "posts") evaluated = &c;
  REQUIRE(evaluated != nullptr);
  CHECK(posts->at("arrival_per_s").get<double>() ==
        Approx(evaluated->at("arrival_per_s").get<double>()).epsilon(0.03));
  CHECK(posts->at("utilization").get<double>() ==
        Approx(evaluated->at("utilization").get<double>()).epsilon(0.03));
}

TEST_CASE("archbench-cli evaluate names how each station wait was found", "[cli][json][model]") {
  // Blog V1: one app instance of 4 blocking threads, solved with its database as a closed
  // network (docs/MODEL.md), not by Allen–Cunneen; the database is its captive. Blog V3: three
  // app instances are left to the open model (a holding time that is not exponential:
  // Allen–Cunneen); the object storage's exponential service with Poisson arrivals is M/M/c.
  const std::string blog = std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/blog.archbench.json";
  auto models = [&](const char* version) {
    std::map<std::string, std::string> out;
    const json j = json::parse(run_ok({"evaluate", blog, "--version", version, "--format", "json",
                                       "--catalog", kCatalog}));
    for (const auto& c : j.at("components"))
      for (const auto& s : c.at("stations")) out[c.at("id").get<std::string>()] = s.at("model");
    return out;
  };
  const auto v1 = models("V1");
  CHECK(v1.at("app") == "thread pool's closed network (MVA)");
  CHECK(v1.at("db") == "thread pool's closed network (MVA)");
  const auto v3 = models("V3");
  CHECK(v3.at("app") == "G/G/c (Allen–Cunneen)");
  CHECK(v3.at("s3") == "M/M/c");
  // Its database serves read_post in 5 ms and comment in 8 ms, each exponential: a mixture more
  // variable than exponential on several servers, whose wait takes the light-traffic limit.
  CHECK(v3.at("db") == "G/G/c (Allen–Cunneen with its light-traffic limit)");
}
