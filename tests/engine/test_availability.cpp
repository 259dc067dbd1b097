// Availability: k of n instances (binomial), composition over a class's call structure, and the
// components every request must pass that have no spare instance (single points of failure).
#include <catch2/catch.hpp>
#include <cmath>

#include "archbench/availability.h"
#include "archbench/catalog.h"
#include "archbench/project_io.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;

const Project& blog() { return engine_test::preset("blog.archbench.json"); }

const ClassAvailability& cls(const AvailabilityReport& r, const std::string& name) {
  for (const auto& c : r.classes) {
    if (c.name == name) return c;
  }
  FAIL("no class " << name);
  throw;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

Version parse(const std::string& components, const std::string& links) {
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "q", "entry": "users", "per_second": 100}],
      "components": [{"id": "users", "kind": "users"}, )" + components + R"(],
      "links": [)" + links + R"(]}]})";
  return parse_project(text, "inline.json", catalog()).versions.at(0);
}

}  // namespace

TEST_CASE("k of n instances up is a binomial tail", "[availability]") {
  const double a = 0.99;
  CHECK(k_of_n(1, 1, a) == Approx(a).epsilon(1e-12));
  // 1 of 2: 1 − (1 − a)² = 0.9999
  CHECK(k_of_n(1, 2, a) == Approx(0.9999).epsilon(1e-12));
  // 2 of 3: 3a²(1 − a) + a³ = 0.999702
  CHECK(k_of_n(2, 3, a) == Approx(3 * a * a * (1 - a) + a * a * a).epsilon(1e-12));
  CHECK(k_of_n(0, 3, a) == 1.0);
  CHECK(k_of_n(4, 3, a) == 0.0);
  CHECK(k_of_n(3, 3, 1.0) == Approx(1.0));
}

TEST_CASE("Blog V1: the app server and the database are single points of failure", "[availability]") {
  const AvailabilityReport r = analyse_availability(blog().versions.at(0), catalog());
  const ClassAvailability& read = cls(r, "read_post");
  // In series: A = A_app × A_db = 0.995 × 0.995 = 0.990025; downtime (1 − A) × 43,800 min.
  CHECK(read.availability == Approx(0.995 * 0.995).epsilon(1e-12));
  CHECK(read.downtime_minutes_per_month == Approx((1 - 0.990025) * 43800).epsilon(1e-9));
  CHECK(has(read.single_points_of_failure, "app"));
  CHECK(has(read.single_points_of_failure, "db"));
  // Images come straight from S3: only S3 is needed.
  CHECK(cls(r, "media").single_points_of_failure == std::vector<std::string>{"s3"});
}

TEST_CASE("Blog V2: reads survive a database outage on cache hits", "[availability]") {
  const AvailabilityReport r = analyse_availability(blog().versions.at(1), catalog());
  // The cache falls through to the database while it is down (on_failure: fall_through):
  // A = A_app × (A_cache × (h + (1 − h) × A_db) + (1 − A_cache) × A_db)
  //   = 0.995 × (0.999 × (0.8 + 0.2 × 0.995) + 0.001 × 0.995)
  CHECK(cls(r, "read_post").availability ==
        Approx(0.995 * (0.999 * (0.8 + 0.2 * 0.995) + 0.001 * 0.995)).epsilon(1e-12));
  CHECK_FALSE(has(cls(r, "read_post").must_pass, "cache"));
  CHECK_FALSE(has(cls(r, "read_post").must_pass, "db"));
  CHECK(has(cls(r, "comment").single_points_of_failure, "db"));
}

TEST_CASE("Blog V3: three app servers are no longer a single point of failure", "[availability]") {
  const AvailabilityReport r = analyse_availability(blog().versions.at(2), catalog());
  const ClassAvailability& read = cls(r, "read_post");
  CHECK(has(read.must_pass, "app"));
  CHECK_FALSE(has(read.single_points_of_failure, "app"));
  CHECK(has(read.single_points_of_failure, "lb"));
  // 26.5% of one instance's threads busy across three: one instance carries it, 1 of 3.
  for (const auto& c : r.components) {
    if (c.id == "app") {
      CHECK(c.needed == 1);
      CHECK(c.instances == 3);
      CHECK(c.availability == Approx(1 - std::pow(0.005, 3)).epsilon(1e-12));
    }
  }
}

TEST_CASE("Instances needed follow the load: no spare means a single point of failure",
          "[availability]") {
  // 3 instances × 1 thread, 100/s × 21 ms = 2.1 busy servers in all (0.7 per instance): two
  // instances would run at 105%, so all 3 are needed, A = a³, and losing any one saturates.
  const Version v = parse(R"({"id": "app", "kind": "app_server",
                              "params": {"instances": 3, "concurrency": 1, "service_ms": 21, "availability": 0.99}})",
                          R"({"from": "users", "to": "app"})");
  const AvailabilityReport r = analyse_availability(v, catalog());
  CHECK(cls(r, "q").availability == Approx(std::pow(0.99, 3)).epsilon(1e-12));
  CHECK(cls(r, "q").single_points_of_failure == std::vector<std::string>{"app"});
}

TEST_CASE("Behind a load balancer with health checks either branch carries the requests", "[availability]") {
  // lb → a, b (one instance each, equal weights, each far from saturation alone): a request
  // fails only when both are down: A = A_lb × (1 − (1 − A_a)(1 − A_b)).
  const Version v = parse(R"({"id": "lb", "kind": "load_balancer", "params": {"availability": 0.9999}},
                             {"id": "a", "kind": "app_server", "params": {"availability": 0.99}},
                             {"id": "b", "kind": "app_server", "params": {"availability": 0.98}})",
                          R"({"from": "users", "to": "lb"}, {"from": "lb", "to": "a"}, {"from": "lb", "to": "b"})");
  const AvailabilityReport r = analyse_availability(v, catalog());
  CHECK(cls(r, "q").availability == Approx(0.9999 * (1 - 0.01 * 0.02)).epsilon(1e-12));
  CHECK(cls(r, "q").must_pass == std::vector<std::string>{"lb"});
}

TEST_CASE("Behind a load balancer without health checks each branch is needed by its share", "[availability]") {
  // lb → a, b (one instance each, equal weights): A = A_lb × (½·A_a + ½·A_b); neither app is
  // must-pass, the balancer is.
  const Version v = parse(R"({"id": "lb", "kind": "load_balancer", "params": {"availability": 0.9999, "health_checks": false}},
                             {"id": "a", "kind": "app_server", "params": {"availability": 0.99}},
                             {"id": "b", "kind": "app_server", "params": {"availability": 0.98}})",
                          R"({"from": "users", "to": "lb"}, {"from": "lb", "to": "a"}, {"from": "lb", "to": "b"})");
  const AvailabilityReport r = analyse_availability(v, catalog());
  CHECK(cls(r, "q").availability == Approx(0.9999 * (0.5 * 0.99 + 0.5 * 0.98)).epsilon(1e-12));
  CHECK(cls(r, "q").must_pass == std::vector<std::string>{"lb"});
}
