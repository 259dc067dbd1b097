// A split's routing: each link is chosen with probability ∝ weight × calls of the class, and
// with health checks a down target's share goes to the targets still up, renormalised over
// them. The sums behind these shares are computed once per split (a split may have thousands of
// targets); these tests pin the shares themselves in the steady report, in a what-if and in an
// impact row.
#include <catch2/catch.hpp>
#include <string>

#include "archbench/faults.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "../bench/generated_architecture.h"
#include "engine_fixture.h"

using namespace archbench;
using engine_test::catalog;

namespace {

// users → lb → s1 (weight 1), s2 (weight 2), s3 (weight 3). Class "a" (60/s) calls only s1 and
// s2; class "b" (120/s) calls all three. Targets of 1 ms with 64 threads: far from saturation.
Version weighted(bool health_checks) {
  const std::string target = R"("kind": "app_server", "params": {"concurrency": 64, "service_ms": 1})";
  const std::string text = R"({"format": "archbench-project", "format_version": 2, "name": "t",
    "versions": [{"name": "V1",
      "workload": [{"name": "a", "entry": "users", "per_second": 60},
                   {"name": "b", "entry": "users", "per_second": 120}],
      "components": [{"id": "users", "kind": "users"},
        {"id": "lb", "kind": "load_balancer", "params": {"health_checks": )" +
                           std::string(health_checks ? "true" : "false") + R"(}},
        {"id": "s1", )" + target + R"(}, {"id": "s2", )" + target + R"(}, {"id": "s3", )" + target + R"(}],
      "links": [{"from": "users", "to": "lb"},
        {"from": "lb", "to": "s1", "weight": 1, "calls": {"a": 1, "b": 1}},
        {"from": "lb", "to": "s2", "weight": 2, "calls": {"a": 1, "b": 1}},
        {"from": "lb", "to": "s3", "weight": 3, "calls": {"b": 1}}]}]})";
  return parse_project(text, "inline.json", catalog()).versions.at(0);
}

Fault crash(const std::string& id) {
  Fault f;
  f.type = FaultType::Crash;
  f.component = id;
  return f;
}

}  // namespace

TEST_CASE("A split routes each class by weight times calls", "[split]") {
  const Report r = evaluate(weighted(true), catalog());
  // s1: 60 × 1/3 + 120 × 1/6 = 40/s; s2: 60 × 2/3 + 120 × 2/6 = 80/s; s3: 120 × 3/6 = 60/s
  CHECK(r.component("s1")->arrival_per_s == Approx(40).epsilon(1e-12));
  CHECK(r.component("s2")->arrival_per_s == Approx(80).epsilon(1e-12));
  CHECK(r.component("s3")->arrival_per_s == Approx(60).epsilon(1e-12));
  const WhatIfReport w = what_if(weighted(true), catalog(), {});
  CHECK(w.steady.component("s1")->offered_per_s == Approx(40).epsilon(1e-12));
  CHECK(w.steady.component("s2")->offered_per_s == Approx(80).epsilon(1e-12));
  CHECK(w.steady.component("s3")->offered_per_s == Approx(60).epsilon(1e-12));
}

TEST_CASE("With health checks a crashed target's share is renormalised over the targets up per class", "[split][failover]") {
  const WhatIfReport w = what_if(weighted(true), catalog(), {crash("s2")});
  // a: all of it to s1 (its only other target); b: s1 1/(1 + 3), s3 3/(1 + 3).
  // s1: 60 + 120 × 1/4 = 90/s; s3: 120 × 3/4 = 90/s; every request answered.
  CHECK(w.faulted.component("s1")->offered_per_s == Approx(90).epsilon(1e-12));
  CHECK(w.faulted.component("s3")->offered_per_s == Approx(90).epsilon(1e-12));
  CHECK(w.faulted.request_class("a")->success == Approx(1).epsilon(1e-12));
  CHECK(w.faulted.request_class("b")->success == Approx(1).epsilon(1e-12));
  // The impact row of s2 is the same crash.
  const ImpactMatrix m = impact_matrix(weighted(true), catalog());
  bool found = false;
  for (const ImpactRow& row : m.rows) {
    if (row.component != "s2") continue;
    found = true;
    CHECK(row.criticality == Approx(0).margin(1e-12));
  }
  CHECK(found);
}

TEST_CASE("Without health checks a crashed target fails its share of each class", "[split][failover]") {
  const WhatIfReport w = what_if(weighted(false), catalog(), {crash("s2")});
  // a: 2/3 of its requests go to s2; b: 2/6.
  CHECK(w.faulted.request_class("a")->success == Approx(1.0 / 3).epsilon(1e-9));
  CHECK(w.faulted.request_class("b")->success == Approx(4.0 / 6).epsilon(1e-9));
}

TEST_CASE("A wide split with health checks spreads a crashed target's share over all the others", "[split][failover]") {
  // users → gw → 1,000 targets, 100/s: 0.1/s each, 100/999 each after one crash.
  const int n = 1000;
  const Version v = bench::fan_out(n);
  const WhatIfReport w = what_if(v, catalog(), {crash("s500")});
  CHECK(w.steady.component("s0")->offered_per_s == Approx(0.1).epsilon(1e-12));
  CHECK(w.faulted.component("s0")->offered_per_s == Approx(100.0 / 999).epsilon(1e-12));
  CHECK(w.faulted.component("s999")->offered_per_s == Approx(100.0 / 999).epsilon(1e-12));
  CHECK(w.faulted.request_class("q")->success == Approx(1).epsilon(1e-12));
}
