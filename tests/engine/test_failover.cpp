// Failure modes: a load balancer with health checks sends a down backend's share to the others
// (N one-instance nodes behind it behave as one component with `instances: N` in latency,
// availability, must-pass, impact and what-if), and a cache whose callers fall through to the
// origin while it is down (`on_failure`), against one that fails them.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "archbench/availability.h"
#include "archbench/faults.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "archbench/validate.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;

Version parse(const std::string& components, const std::string& links, double rate = 100) {
  const std::string text = R"({"format": "archbench-project", "format_version": 2, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "q", "entry": "users", "per_second": )" +
                           std::to_string(rate) + R"(}],
      "components": [{"id": "users", "kind": "users"}, )" + components + R"(],
      "links": [)" + links + R"(]}]})";
  return parse_project(text, "inline.json", catalog()).versions.at(0);
}

// 100/s over three one-thread app servers of 15 ms: 0.5 per server, 1.5 busy servers in all.
constexpr const char* kApp = R"("kind": "app_server", "params": {"concurrency": 1, "service_ms": 15, "availability": 0.99, "blocking": true})";
constexpr const char* kLb = R"({"id": "lb", "kind": "load_balancer", "params": {"availability": 0.9999}})";
constexpr const char* kDb = R"({"id": "db", "kind": "database", "params": {"availability": 0.995, "service_ms": 2, "concurrency": 8}})";

Version one_component() {
  return parse(std::string(kLb) + R"(, {"id": "app", "kind": "app_server", "params": {"instances": 3, "concurrency": 1, "service_ms": 15, "availability": 0.99, "blocking": true}}, )" + kDb,
               R"({"from": "users", "to": "lb"}, {"from": "lb", "to": "app"}, {"from": "app", "to": "db"})");
}

Version three_nodes(const std::string& lb = kLb) {
  std::string comps = lb;
  std::string links = R"({"from": "users", "to": "lb"})";
  for (const char* id : {"app1", "app2", "app3"}) {
    const std::string q = std::string("\"") + id + "\"";
    comps += ", {\"id\": " + q + ", " + kApp + "}";
    links += ", {\"from\": \"lb\", \"to\": " + q + "}, {\"from\": " + q + ", \"to\": \"db\"}";
  }
  return parse(comps + ", " + kDb, links);
}

Fault crash(const std::string& id) {
  Fault f;
  f.type = FaultType::Crash;
  f.component = id;
  return f;
}

Fault lose(const std::string& id, int n) {
  Fault f;
  f.type = FaultType::Lose;
  f.component = id;
  f.instances = n;
  return f;
}

const ImpactRow& row(const ImpactMatrix& m, const std::string& id) {
  for (const auto& r : m.rows) {
    if (r.component == id) return r;
  }
  FAIL("no row " << id);
  throw;
}

void same_outcome(const ClassOutcome& a, const ClassOutcome& b) {
  CHECK(a.success == Approx(b.success).epsilon(1e-9));
  CHECK(a.failed == Approx(b.failed).margin(1e-9));
  REQUIRE(a.answered_mean_ms.has_value() == b.answered_mean_ms.has_value());
  if (a.answered_mean_ms) {
    CHECK(*a.answered_mean_ms == Approx(*b.answered_mean_ms).epsilon(1e-6));
    CHECK(*a.answered_p95_ms == Approx(*b.answered_p95_ms).epsilon(1e-6));
  }
}

}  // namespace

TEST_CASE("Three nodes behind a load balancer have the latency of one component with three instances", "[failover]") {
  const Report a = evaluate(one_component(), catalog());
  const Report b = evaluate(three_nodes(), catalog());
  REQUIRE(a.classes.at(0).latency);
  REQUIRE(b.classes.at(0).latency);
  CHECK(b.classes[0].latency->mean == Approx(a.classes[0].latency->mean).epsilon(1e-9));
  CHECK(b.classes[0].latency->p95 == Approx(a.classes[0].latency->p95).epsilon(1e-6));
}

TEST_CASE("Three nodes behind a load balancer with health checks have the availability of three instances", "[failover][availability]") {
  const AvailabilityReport a = analyse_availability(one_component(), catalog());
  const AvailabilityReport b = analyse_availability(three_nodes(), catalog());
  // 1.5 busy servers need 2 of the 3 (each at 0.5 would run at 0.75 with one down, at 1.5 with
  // two): A = A_lb × (3a²(1 − a) + a³) × A_db with a = 0.99.
  const double a3 = 0.99;
  const double expected = 0.9999 * (3 * a3 * a3 * (1 - a3) + a3 * a3 * a3) * 0.995;
  CHECK(a.classes.at(0).availability == Approx(expected).epsilon(1e-12));
  CHECK(b.classes.at(0).availability == Approx(expected).epsilon(1e-12));
  // Must-pass: the balancer and the database in both; the one component with spare instances is
  // must-pass but no single point of failure, and no single node is must-pass.
  CHECK(a.classes[0].must_pass == std::vector<std::string>{"lb", "app", "db"});
  CHECK(b.classes[0].must_pass == std::vector<std::string>{"lb", "db"});
  CHECK(a.classes[0].single_points_of_failure == b.classes[0].single_points_of_failure);
  CHECK(b.classes[0].single_points_of_failure == std::vector<std::string>{"lb", "db"});
}

TEST_CASE("Without health checks a down node fails its share", "[failover][availability]") {
  const Version v = three_nodes(R"({"id": "lb", "kind": "load_balancer", "params": {"availability": 0.9999, "health_checks": false}})");
  // A = A_lb × (⅓a + ⅓a + ⅓a) × A_db = 0.9999 × 0.99 × 0.995
  CHECK(analyse_availability(v, catalog()).classes.at(0).availability == Approx(0.9999 * 0.99 * 0.995).epsilon(1e-12));
  const WhatIfReport r = what_if(v, catalog(), {crash("app1")});
  // A third of the requests go to the crashed node: success 2/3.
  CHECK(r.faulted.classes.at(0).success == Approx(2.0 / 3).epsilon(1e-9));
}

TEST_CASE("Crashing one of three nodes behind a load balancer is losing one of three instances", "[failover][impact]") {
  const Version a = one_component(), b = three_nodes();
  const WhatIfReport lost = what_if(a, catalog(), {lose("app", 1)});
  const WhatIfReport crashed = what_if(b, catalog(), {crash("app2")});
  // Both: 100/s over two servers of 15 ms, 0.75 each; every request answered.
  CHECK(crashed.faulted.classes.at(0).success == Approx(1).epsilon(1e-12));
  same_outcome(crashed.faulted.classes.at(0), lost.faulted.classes.at(0));
  const ImpactMatrix ma = impact_matrix(a, catalog()), mb = impact_matrix(b, catalog());
  for (const char* id : {"lb", "db"}) {
    INFO(id);
    CHECK(row(mb, id).criticality == Approx(row(ma, id).criticality).margin(1e-12));
  }
  for (const char* id : {"app1", "app2", "app3"}) {
    INFO(id);
    CHECK(row(mb, id).criticality == Approx(0).margin(1e-12));
    CHECK(row(mb, id).cells.at(0).success == Approx(lost.faulted.classes.at(0).success).epsilon(1e-9));
    REQUIRE(row(mb, id).cells.at(0).p95_ms);
    CHECK(*row(mb, id).cells.at(0).p95_ms == Approx(*lost.faulted.classes.at(0).answered_p95_ms).epsilon(1e-5));
  }
  // Two of three down: 100/s on one server of 15 ms is ρ = 1.5, as two instances lost.
  const WhatIfReport lost2 = what_if(a, catalog(), {lose("app", 2)});
  const WhatIfReport crashed2 = what_if(b, catalog(), {crash("app1"), crash("app3")});
  CHECK(crashed2.faulted.classes.at(0).success == Approx(lost2.faulted.classes.at(0).success).epsilon(1e-9));
  CHECK(crashed2.faulted.classes.at(0).success < 1);
}

TEST_CASE("A crashed cache that falls through sends its reads to the database", "[failover][cache]") {
  auto version = [](const std::string& mode) {
    return parse(R"({"id": "app", "kind": "app_server", "params": {"concurrency": 32}},
                    {"id": "cache", "kind": "cache", "params": {"hit_ratio": 0.9, "availability": 0.999)" + mode + R"(}},
                    {"id": "db", "kind": "database", "params": {"availability": 0.995, "service_ms": 4, "concurrency": 8}})",
                 R"({"from": "users", "to": "app"}, {"from": "app", "to": "cache"}, {"from": "cache", "to": "db"})");
  };
  const Version through = version(""), fails = version(R"(, "on_failure": "fail")");
  const AvailabilityReport at = analyse_availability(through, catalog());
  const AvailabilityReport af = analyse_availability(fails, catalog());
  const double app = 0.995, c = 0.999, db = 0.995, h = 0.9;
  // fall_through: A = A_app × (A_c × (h + (1 − h) A_db) + (1 − A_c) × A_db); the db carries
  // 100/s × 4 ms = 0.4 of 8 connections without the cache.
  CHECK(at.classes.at(0).availability == Approx(app * (c * (h + (1 - h) * db) + (1 - c) * db)).epsilon(1e-12));
  // fail: A = A_app × A_c × (h + (1 − h) A_db)
  CHECK(af.classes.at(0).availability == Approx(app * c * (h + (1 - h) * db)).epsilon(1e-12));
  CHECK(at.classes[0].must_pass == std::vector<std::string>{"app"});
  CHECK(af.classes[0].must_pass == std::vector<std::string>{"app", "cache"});

  const WhatIfReport rt = what_if(through, catalog(), {crash("cache")});
  const WhatIfReport rf = what_if(fails, catalog(), {crash("cache")});
  CHECK(rt.faulted.classes.at(0).success == Approx(1).epsilon(1e-12));
  CHECK(rf.faulted.classes.at(0).success == 0);
  // Every read reaches the database: 100/s instead of (1 − 0.9) × 100 = 10/s.
  CHECK(rt.faulted.component("db")->offered_per_s == Approx(100).epsilon(1e-9));
  CHECK(rt.steady.component("db")->offered_per_s == Approx(10).epsilon(1e-9));
  CHECK(rt.faulted.component("cache")->down);
  CHECK(impact_matrix(through, catalog()).rows.size() == 3);
}

TEST_CASE("A cache that falls through onto a database that cannot carry it stays must-pass", "[failover][cache]") {
  // 100/s × 40 ms = 4 busy connections of 2: the database runs at 20% behind a 90% cache and
  // would run at 200% without it.
  const Version v = parse(R"({"id": "app", "kind": "app_server", "params": {"concurrency": 32}},
                             {"id": "cache", "kind": "cache", "params": {"hit_ratio": 0.9}},
                             {"id": "db", "kind": "database", "params": {"service_ms": 40, "concurrency": 2}})",
                          R"({"from": "users", "to": "app"}, {"from": "app", "to": "cache"}, {"from": "cache", "to": "db"})");
  const AvailabilityReport a = analyse_availability(v, catalog());
  CHECK(a.classes.at(0).must_pass == std::vector<std::string>{"app", "cache"});
}

TEST_CASE("on_failure is checked against its choices", "[failover][validate]") {
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "q", "entry": "users", "per_second": 1}],
      "components": [{"id": "users", "kind": "users"}, {"id": "c", "kind": "cache", "params": {"on_failure": "retry"}},
                     {"id": "d", "kind": "cache", "params": {"on_failure": 1}}, {"id": "e", "kind": "app_server", "params": {"concurrency": "many"}}],
      "links": [{"from": "users", "to": "c"}, {"from": "c", "to": "d"}, {"from": "d", "to": "e"}]}]})";
  std::string message;
  try {
    parse_project(text, "inline.json", catalog());
  } catch (const InputError& e) {
    message = e.what();
  }
  CHECK(message.find(R"(/versions/0/components/1/params/on_failure: "retry" is not a choice of "on_failure" ("fall_through", "fail"))") != std::string::npos);
  CHECK(message.find(R"(/versions/0/components/2/params/on_failure: "on_failure" must be one of "fall_through", "fail")") != std::string::npos);
  CHECK(message.find(R"(/versions/0/components/3/params/concurrency: "concurrency" must be a number, found a string)") != std::string::npos);
}

TEST_CASE("on_failure survives a save and load", "[failover][format]") {
  Project p;
  p.name = "t";
  p.versions.push_back(parse(R"({"id": "c", "kind": "cache", "params": {"on_failure": "fail"}}, {"id": "db", "kind": "database"})",
                             R"({"from": "users", "to": "c"}, {"from": "c", "to": "db"})"));
  const std::string text = dump_project(p);
  CHECK(text.find(R"("on_failure": "fail")") != std::string::npos);
  const Project back = parse_project(text, "saved.json", catalog());
  CHECK(back.versions.at(0).component("c")->params.at("on_failure") == ParamValue::of_text("fail"));
  const KindDecl* cache = catalog().find("cache");
  REQUIRE(cache->choice("on_failure"));
  CHECK(cache->choice("on_failure")->default_value == "fall_through");
  CHECK(catalog().find("cdn")->choice("on_failure")->default_value == "fail");
  CHECK(catalog().find("load_balancer")->param("health_checks")->default_value == 1);
}
