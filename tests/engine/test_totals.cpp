// Totals a user reads first: what the bottleneck is and why, and what storage costs.
#include <catch2/catch.hpp>

#include "archbench/catalog.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;

// users → app (blocking) → db, 100 requests/s, 3 calls per request, 1 ms one way.
Version app_and_db(int app_threads, int db_replicas) {
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "q", "entry": "users", "per_second": 100}],
      "components": [{"id": "users", "kind": "users"},
        {"id": "app", "kind": "app_server", "params": {"concurrency": )" +
                           std::to_string(app_threads) + R"(, "service_ms": 20}},
        {"id": "db", "kind": "database", "params": {"concurrency": 2, "service_ms": 5,
          "read_replicas": )" + std::to_string(db_replicas) + R"(, "storage_gb": 100,
          "cost_per_gb_month": 0.1, "cost_per_month": 50}}],
      "links": [{"from": "users", "to": "app"},
                {"from": "app", "to": "db", "calls": 3, "latency_ms": 1}]}]})";
  return parse_project(text, "inline.json", catalog()).versions.at(0);
}

}  // namespace

TEST_CASE("A thread pool exhausted by a congested database names the database as the cause",
          "[totals][bottleneck]") {
  // 1,000 app threads: the app's threads run out only when the DB's wait explodes. The DB
  // (M/M/2, 3 × 100/s × 5 ms = 1.5 busy servers at ×1) saturates at ×2/1.5 = ×1.333; the app,
  // whose holding time grows without bound as the DB nears it, just before.
  const Report r = evaluate(app_and_db(1000, 0), catalog());
  REQUIRE(r.totals.max_throughput_multiplier.has_value());
  CHECK(*r.totals.max_throughput_multiplier < 2.0 / 1.5);
  CHECK(*r.totals.max_throughput_multiplier > 0.99 * 2.0 / 1.5);
  CHECK(r.totals.bottleneck == "app");
  CHECK_THAT(r.totals.bottleneck_reason, Catch::Contains("waiting on \"db\""));
}

TEST_CASE("A thread pool too small for its own load is not blamed on the database",
          "[totals][bottleneck]") {
  // 4 app threads, holding ≈ 20 + 3·(2 + 5) = 41 ms: the app saturates near ×4/(100·0.041)
  // = ×0.98 while the DB is at 0.98·1.5/2 ≈ 73%: below the 90% that would make it the cause.
  const Report r = evaluate(app_and_db(4, 0), catalog());
  CHECK(r.totals.bottleneck == "app");
  CHECK_THAT(r.totals.bottleneck_reason, !Catch::Contains("waiting on"));
  CHECK_THAT(r.totals.bottleneck_reason, Catch::Contains("own work"));
}

TEST_CASE("Every database node bills its own storage", "[totals][cost]") {
  // Primary + 2 replicas: 3 nodes × ($50 + 100 GB × $0.10) = $180 a month.
  const Report r = evaluate(app_and_db(16, 2), catalog());
  const ComponentResult* db = r.component("db");
  REQUIRE(db != nullptr);
  CHECK(db->cost_per_month == Approx(180.0).epsilon(1e-12));
  // The app server adds its catalog default, $40.
  CHECK(r.totals.cost_per_month == Approx(220.0).epsilon(1e-12));
}
