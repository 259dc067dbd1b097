// Failure analysis against closed forms (retry amplification, timeouts on exponential times,
// Erlang B bulkheads, backlog drain, CP vs AP, dominators) and its behaviour on the presets.
#include <catch2/catch.hpp>
#include <cmath>

#include "archbench/availability.h"
#include "archbench/catalog.h"
#include "archbench/fault_text.h"
#include "archbench/faults.h"
#include "archbench/format.h"
#include "archbench/project_io.h"
#include "archbench/queueing.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;

const Project& blog() { return engine_test::preset("blog.archbench.json"); }
const Project& images() { return engine_test::preset("image-pipeline.archbench.json"); }

Version parse(const std::string& components, const std::string& links, double rate = 100) {
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "q", "entry": "users", "per_second": )" +
                           std::to_string(rate) + R"(}],
      "components": [{"id": "users", "kind": "users"}, )" + components + R"(],
      "links": [)" + links + R"(]}]})";
  return parse_project(text, "inline.json", catalog()).versions.at(0);
}

Link& link(Version& v, const std::string& from, const std::string& to) {
  for (auto& l : v.links) {
    if (l.from == from && l.to == to) return l;
  }
  FAIL("no link " << from << "→" << to);
  throw;
}

Fault fault(FaultType t, const std::string& component = "") {
  Fault f;
  f.type = t;
  f.component = component;
  return f;
}

const LinkOutcome& link_outcome(const ScenarioState& s, const std::string& from, const std::string& to) {
  for (const auto& l : s.links) {
    if (l.from == from && l.to == to) return l;
  }
  FAIL("no link outcome " << from << "→" << to);
  throw;
}

// Invariants every scenario state must satisfy.
void check_sane(const ScenarioState& s) {
  CHECK(std::isfinite(s.residual));
  CHECK(s.residual >= 0);
  for (const auto& c : s.classes) {
    INFO(c.name);
    CHECK(c.success >= 0);
    CHECK(c.success <= 1);
    CHECK(c.degraded >= 0);
    CHECK(c.degraded <= 1);
    CHECK(c.failed >= 0);
    CHECK(c.failed <= 1);
    CHECK(c.success + c.degraded + c.failed == Approx(1).margin(1e-9));
    CHECK(c.hung <= c.failed + 1e-12);
    for (const auto& x : {c.answered_mean_ms, c.answered_p95_ms, c.failed_mean_ms}) {
      if (x) {
        CHECK(std::isfinite(*x));
        CHECK(*x >= 0);
      }
    }
  }
  for (const auto& c : s.components) {
    INFO(c.id);
    CHECK(std::isfinite(c.offered_per_s));
    CHECK(c.offered_per_s >= 0);
    CHECK(c.served >= 0);
    CHECK(c.served <= 1);
    CHECK(c.retry_amplification >= 1 - 1e-9);
    if (c.utilization) CHECK(*c.utilization < 1);
  }
}

}  // namespace

TEST_CASE("Dominators of the Lengauer–Tarjan paper's flow graph", "[faults][dominators]") {
  // Lengauer & Tarjan (1979), Fig. 1: R=0, A..L = 1..12. Immediate dominators from the paper:
  // A,B,C,D,E,H,I,K ← R; F,G ← C; J ← G; L ← D.
  enum { R, A, B, C, D, E, F, G, H, I, J, K, L };
  const std::vector<std::pair<int, int>> edges = {
      {R, A}, {R, B}, {R, C}, {A, D}, {B, A}, {B, D}, {B, E}, {C, F}, {C, G}, {D, L}, {E, H},
      {F, I}, {G, I}, {G, J}, {H, E}, {H, K}, {I, K}, {J, I}, {K, I}, {K, R}, {L, H}};
  const std::vector<int> idom = immediate_dominators(13, edges, R);
  const std::vector<int> expected = {-1, R, R, R, R, R, C, C, R, R, G, R, D};
  CHECK(idom == expected);
}

TEST_CASE("Dominators of a loop with a side exit", "[faults][dominators]") {
  // 0→1, 1→2, 1→3, 2→4, 3→4, 4→1, 1→5: 1 dominates everything after it; 4 is reached by two
  // branches so only 1 dominates it; 6 is unreachable.
  const std::vector<int> idom =
      immediate_dominators(7, {{0, 1}, {1, 2}, {1, 3}, {2, 4}, {3, 4}, {4, 1}, {1, 5}}, 0);
  CHECK(idom == std::vector<int>{-1, 0, 1, 1, 1, 1, -1});
}

TEST_CASE("Must-pass components are the dominators of a request's completion", "[faults][dominators]") {
  // users → gw → app, app calls cache then db on every request, and audit for 30% of them:
  // gw, app, cache and db are passed by every request; audit is not. (A cache whose reads fall
  // through to the database while it is down would not be must-pass: test_failover.cpp.)
  const Version v = parse(R"({"id": "gw", "kind": "api_gateway"},
                             {"id": "app", "kind": "app_server"},
                             {"id": "cache", "kind": "cache", "params": {"hit_ratio": 0, "on_failure": "fail"}},
                             {"id": "db", "kind": "database"},
                             {"id": "audit", "kind": "external_api"})",
                          R"({"from": "users", "to": "gw"}, {"from": "gw", "to": "app"},
                             {"from": "app", "to": "cache"}, {"from": "cache", "to": "db"},
                             {"from": "app", "to": "db"}, {"from": "app", "to": "audit", "calls": 0.3})",
                          10);
  const AvailabilityReport r = analyse_availability(v, catalog());
  CHECK(r.classes.at(0).must_pass == std::vector<std::string>{"gw", "app", "cache", "db"});
}

TEST_CASE("Erlang B closed form", "[faults][queueing]") {
  // B(5, 5) = (5^5/5!) / Σ_{i=0..5} 5^i/i! = 26.041667 / 91.416667 = 0.2848678
  CHECK(erlang_b(5, 5.0) == Approx(0.2848678).epsilon(1e-6));
  // B(1, a) = a / (1 + a)
  CHECK(erlang_b(1, 3.0) == Approx(0.75).epsilon(1e-12));
  CHECK(erlang_b(10, 0.0) == 0.0);
}

TEST_CASE("Retries amplify load by Σ p^i for independent failures", "[faults][retries]") {
  // users → lb → {bad (weight 0.3, crashed), good (weight 0.7)}, a balancer without health
  // checks. Each attempt through it fails with p = 0.3, independently; with R = 3 retries on users→lb:
  //   attempts per call = Σ_{i=0..3} p^i = 1 + 0.3 + 0.09 + 0.027 = 1.417
  //   success = 1 − p^4 = 0.9919
  Version v = parse(R"({"id": "lb", "kind": "load_balancer", "params": {"health_checks": false}},
                       {"id": "bad", "kind": "app_server", "params": {"instances": 10, "concurrency": 100}},
                       {"id": "good", "kind": "app_server", "params": {"instances": 10, "concurrency": 100}})",
                    R"({"from": "users", "to": "lb"}, {"from": "lb", "to": "bad", "weight": 0.3},
                       {"from": "lb", "to": "good", "weight": 0.7})");
  link(v, "users", "lb").policy.retries = 3;
  const WhatIfReport r = what_if(v, catalog(), {fault(FaultType::Crash, "bad")});
  REQUIRE(r.faulted.converged);
  const double p = 0.3;
  CHECK(link_outcome(r.faulted, "users", "lb").attempts_per_call == Approx(1 + p + p * p + p * p * p).epsilon(1e-9));
  CHECK(link_outcome(r.faulted, "users", "lb").attempt_failure == Approx(p).epsilon(1e-9));
  CHECK(r.faulted.request_class("q")->success == Approx(1 - std::pow(p, 4)).epsilon(1e-9));
  CHECK(r.faulted.component("lb")->offered_per_s == Approx(100 * (1 + p + p * p + p * p * p)).epsilon(1e-9));
  CHECK(r.faulted.component("lb")->retry_amplification == Approx(1.417).epsilon(1e-9));
  // Without the fault nothing is retried.
  CHECK(link_outcome(r.steady, "users", "lb").attempts_per_call == Approx(1.0));
  check_sane(r.faulted);
}

TEST_CASE("A timeout cuts an exponential time's tail: P(S > T) = e^(−T/mean)", "[faults][timeouts]") {
  // 100 ms exponential service (SCV 1) on plenty of servers, so no wait: with a 100 ms timeout
  // an attempt times out with probability e^−1 = 0.367879; one retry leaves e^−2 failed.
  Version v = parse(R"({"id": "api", "kind": "external_api", "params": {"service_ms": 100, "scv": 1, "concurrency": 100000}})",
                    R"({"from": "users", "to": "api"})", 10);
  link(v, "users", "api").policy.timeout_ms = 100;
  link(v, "users", "api").policy.retries = 1;
  const WhatIfReport r = what_if(v, catalog(), {});
  const LinkOutcome& l = link_outcome(r.steady, "users", "api");
  CHECK(l.timed_out == Approx(std::exp(-1.0)).epsilon(1e-6));
  CHECK(l.attempts_per_call == Approx(1 + std::exp(-1.0)).epsilon(1e-6));
  CHECK(r.steady.request_class("q")->failed == Approx(std::exp(-2.0)).epsilon(1e-6));
  // Failed requests waited for two timeouts: 200 ms.
  CHECK(*r.steady.request_class("q")->failed_mean_ms == Approx(200).epsilon(1e-9));
  check_sane(r.steady);
}

TEST_CASE("A bulkhead rejects calls with the Erlang B probability", "[faults][bulkhead]") {
  // 50 calls/s of 100 ms each (no wait: 100,000 servers) offer A = 5 erlangs to a bulkhead of 5
  // concurrent calls: B(5, 5) = 0.2848678 of the calls are rejected and fail fast.
  Version v = parse(R"({"id": "api", "kind": "external_api", "params": {"service_ms": 100, "scv": 1, "concurrency": 100000}})",
                    R"({"from": "users", "to": "api"})", 50);
  link(v, "users", "api").policy.bulkhead = 5;
  const WhatIfReport r = what_if(v, catalog(), {});
  REQUIRE(r.steady.converged);
  CHECK(link_outcome(r.steady, "users", "api").bulkhead_rejected == Approx(0.2848678).epsilon(1e-6));
  CHECK(r.steady.request_class("q")->failed == Approx(0.2848678).epsilon(1e-6));
  CHECK(r.steady.component("api")->offered_per_s == Approx(50 * (1 - 0.2848678)).epsilon(1e-6));
}

TEST_CASE("Image pipeline: uploads are accepted while the workers are down for 10 minutes",
          "[faults][queue]") {
  // Upload rate λ = 50,000/day × 3 (peak) / 86,400 s = 1.7361/s. With no consumer the backlog
  // after D = 600 s is λ·D = 1,041.7 messages; it drains at (capacity − λ), capacity being the
  // workers' steady-state service rate c / H (offered / utilization).
  const Version& v = *images().version("V1");
  Fault down = fault(FaultType::Crash, "workers");
  down.duration_s = 600;
  const WhatIfReport r = what_if(v, catalog(), {down});
  const ClassOutcome& upload = *r.faulted.request_class("upload");
  CHECK(upload.success == Approx(1.0).margin(1e-12));  // acknowledged by the queue
  REQUIRE(r.backlogs.size() == 1);
  const Backlog& b = r.backlogs[0];
  const double lambda = 50000.0 * 3 / 86400;
  CHECK(b.queue == "sqs");
  CHECK(b.inflow_per_s == Approx(lambda).epsilon(1e-9));
  CHECK(b.backlog_messages == Approx(lambda * 600).epsilon(1e-9));
  CHECK(b.oldest_message_age_s == Approx(600).epsilon(1e-9));
  const ComponentOutcome& w = *r.steady.component("workers");
  const double capacity = w.offered_per_s / w.offered_utilization;
  CHECK(capacity == Approx(24.0 / 7.72).epsilon(0.02));  // 3 × 8 servers, 7.5 s + calls ≈ 7.7 s
  REQUIRE(b.drain_s.has_value());
  CHECK(*b.drain_s == Approx(lambda * 600 / (capacity - lambda)).epsilon(1e-9));
  // The view class never touches the workers.
  CHECK(r.faulted.request_class("view")->success == Approx(1.0).margin(1e-12));
}

TEST_CASE("Slower consumers build a backlog only beyond their capacity", "[faults][queue]") {
  // Workers ×3 slower: holding ≈ 23 s → capacity 24 / 23 ≈ 1.04/s < λ = 1.736/s.
  const Version& v = *images().version("V1");
  Fault slow = fault(FaultType::Slow, "workers");
  slow.factor = 3;
  const WhatIfReport r = what_if(v, catalog(), {slow});
  REQUIRE(r.backlogs.size() == 1);
  const Backlog& b = r.backlogs[0];
  CHECK(b.drain_capacity_per_s < b.inflow_per_s);
  CHECK(b.backlog_messages == Approx((b.inflow_per_s - b.drain_capacity_per_s) * 600).epsilon(1e-9));
  CHECK(r.faulted.component("workers")->saturated);
}

TEST_CASE("Blog V2: a flushed cache sends the whole read path to the database", "[faults][cache]") {
  // read_post: 200,000/day × 3 / 86,400 = 6.944/s, 3 queries per miss: the database gets
  // 0.2 × 3 × 6.944 = 4.167 reads/s warm and 1 × 3 × 6.944 = 20.83 flushed (×5 = 1/(1−h));
  // comments add 5,000 × 3 / 86,400 × 2 = 0.347 writes/s either way.
  const Version& v = *blog().version("V2");
  const WhatIfReport r = what_if(v, catalog(), {fault(FaultType::Flush, "cache")});
  const double reads = 200000.0 * 3 / 86400 * 3, writes = 5000.0 * 3 / 86400 * 2;
  CHECK(r.steady.component("db")->offered_per_s == Approx(0.2 * reads + writes).epsilon(1e-9));
  CHECK(r.faulted.component("db")->offered_per_s == Approx(reads + writes).epsilon(1e-9));
  // ρ = Σ λ·S / c with 5 ms reads, 8 ms writes and 2 connections.
  CHECK(*r.steady.component("db")->utilization == Approx((0.2 * reads * 0.005 + writes * 0.008) / 2).epsilon(1e-9));
  CHECK(*r.faulted.component("db")->utilization == Approx((reads * 0.005 + writes * 0.008) / 2).epsilon(1e-9));
  CHECK(r.faulted.component("cache")->faulted);
}

TEST_CASE("Blog V3: a slowed database exhausts the app tier unless a breaker sheds it",
          "[faults][resilience]") {
  // Database ×100 slower (5 → 500 ms per query) with 200 ms timeouts and 2 retries on every
  // call to it: attempts time out, retries multiply its load, and the app servers (blocking,
  // 12 threads) are held through 3 attempts per query — the app tier saturates and post reads
  // fail. A breaker (50% threshold) with a degraded fallback on the same links stops calling
  // the database, so the app tier stays below saturation, cache hits (80%) still succeed and
  // misses get the degraded answer.
  Version v = *blog().version("V3");
  for (auto& l : v.links) l.policy = {};  // the preset's own policies aside: only what is set here
  for (auto* l : {&link(v, "app", "db"), &link(v, "cache", "db")}) {
    l->policy.timeout_ms = 200;
    l->policy.retries = 2;
    l->policy.backoff_ms = 50;
    l->policy.jitter = true;
  }
  Fault slow = fault(FaultType::Slow, "db");
  slow.factor = 100;
  const WhatIfReport without = what_if(v, catalog(), {slow});
  REQUIRE(without.faulted.converged);
  CHECK(without.faulted.component("app")->saturated);
  CHECK(without.faulted.component("db")->retry_amplification > 2);
  // The app serves 1/ρ of its requests; the rest wait without bound (users have no timeout) or
  // fail on the database's timeouts: over 40% of post reads are lost.
  const double read_without = without.faulted.request_class("read_post")->success;
  CHECK(without.faulted.request_class("read_post")->failed > 0.4);
  CHECK(without.faulted.request_class("read_post")->hung > 0.2);
  CHECK(std::find(without.cascade.begin(), without.cascade.end(), "app") != without.cascade.end());
  check_sane(without.faulted);

  for (auto* l : {&link(v, "app", "db"), &link(v, "cache", "db")}) {
    l->policy.breaker = true;
    l->policy.breaker_threshold = 0.5;
    l->policy.fallback_degraded = true;
  }
  const WhatIfReport with = what_if(v, catalog(), {slow});
  REQUIRE(with.faulted.converged);
  const ClassOutcome& read = *with.faulted.request_class("read_post");
  CHECK_FALSE(with.faulted.component("app")->saturated);
  CHECK(*with.faulted.component("app")->utilization < 0.7);
  CHECK(read.success > 0.75);                     // the hits
  CHECK(read.success > read_without + 0.15);
  CHECK(read.success + read.degraded > 0.999);    // the misses get the fallback
  CHECK(read.failed < 0.001);
  // The media class never touched the database and is unaffected either way.
  CHECK(with.faulted.request_class("media")->success == Approx(1.0));
  check_sane(with.faulted);
}

TEST_CASE("A hung dependency without a timeout takes its blocking callers down", "[faults][resilience]") {
  // app (blocking) → api: api hangs, no timeout: every app thread waits forever, so the app is
  // saturated and its requests never return. A 1 s timeout turns the hang into failures at 1 s.
  Version v = parse(R"({"id": "app", "kind": "app_server", "params": {"instances": 2, "concurrency": 8, "service_ms": 10, "blocking": true}},
                       {"id": "api", "kind": "external_api"})",
                    R"({"from": "users", "to": "app"}, {"from": "app", "to": "api"})", 20);
  const WhatIfReport hung = what_if(v, catalog(), {fault(FaultType::Hang, "api")});
  CHECK(hung.faulted.component("app")->saturated);
  CHECK(hung.faulted.request_class("q")->hung == Approx(1.0));
  CHECK_FALSE(hung.faulted.request_class("q")->answered_mean_ms.has_value());

  link(v, "app", "api").policy.timeout_ms = 1000;
  const WhatIfReport timed = what_if(v, catalog(), {fault(FaultType::Hang, "api")});
  // 20/s × (10 ms + 1 s) = 20.2 busy threads of 16: still saturated — the timeout alone does not
  // save a tier whose threads wait for it; every request fails at about 1 s.
  CHECK(timed.faulted.component("app")->saturated);
  CHECK(timed.faulted.request_class("q")->success == Approx(0).margin(1e-9));
  const WhatIfReport crash = what_if(v, catalog(), {fault(FaultType::Crash, "api")});
  // A crash fails fast: threads are free again at once and the app is not saturated.
  CHECK_FALSE(crash.faulted.component("app")->saturated);
  CHECK(crash.faulted.request_class("q")->failed == Approx(1.0));
  CHECK(*crash.faulted.request_class("q")->failed_mean_ms < 50);
}

TEST_CASE("Losing instances raises the survivors' utilization by n / (n − k)", "[faults][lose]") {
  // app: 3 instances of 4 threads, 40 ms per request at 100/s (non-blocking, so ρ = λ·S/c):
  // ρ = 100/3 × 0.04 / 4 = 0.3333 per instance; with one lost, 100/2 × 0.04 / 4 = 0.5.
  Version v = parse(R"({"id": "app", "kind": "app_server", "params": {"instances": 3, "concurrency": 4, "service_ms": 40, "blocking": false}})",
                    R"({"from": "users", "to": "app"})");
  Fault lose = fault(FaultType::Lose, "app");
  lose.instances = 1;
  const WhatIfReport r = what_if(v, catalog(), {lose});
  CHECK(*r.steady.component("app")->utilization == Approx(1.0 / 3).epsilon(1e-9));
  CHECK(*r.faulted.component("app")->utilization == Approx(0.5).epsilon(1e-9));
  lose.instances = 3;
  const WhatIfReport all = what_if(v, catalog(), {lose});
  CHECK(all.faulted.component("app")->down);
  CHECK(all.faulted.request_class("q")->failed == Approx(1.0));
}

TEST_CASE("A spike multiplies every class's rate", "[faults][spike]") {
  Version v = parse(R"({"id": "app", "kind": "app_server", "params": {"instances": 1, "concurrency": 100, "service_ms": 10}})",
                    R"({"from": "users", "to": "app"})", 40);
  Fault spike = fault(FaultType::Spike);
  spike.factor = 3;
  const WhatIfReport r = what_if(v, catalog(), {spike});
  CHECK(r.faulted.component("app")->offered_per_s == Approx(120).epsilon(1e-12));
  CHECK(r.faulted.request_class("q")->rate_per_s == Approx(120).epsilon(1e-12));
}

TEST_CASE("A cut link behaves as an unreachable callee: timeouts or a hang", "[faults][cut]") {
  Version v = parse(R"({"id": "app", "kind": "app_server", "params": {"instances": 4, "concurrency": 50, "service_ms": 10, "blocking": true}},
                       {"id": "api", "kind": "external_api"})",
                    R"({"from": "users", "to": "app"}, {"from": "app", "to": "api"})", 10);
  Fault cut = fault(FaultType::Cut, "app");
  cut.to = "api";
  link(v, "app", "api").policy.timeout_ms = 250;
  const WhatIfReport r = what_if(v, catalog(), {cut});
  CHECK(r.faulted.request_class("q")->failed == Approx(1.0));
  CHECK(*r.faulted.request_class("q")->failed_mean_ms == Approx(10 + 250).epsilon(0.05));
  CHECK(link_outcome(r.faulted, "app", "api").timed_out == Approx(1.0));
  // Without a timeout the caller's threads wait forever.
  link(v, "app", "api").policy.timeout_ms = 0;
  const WhatIfReport hang = what_if(v, catalog(), {cut});
  CHECK(hang.faulted.component("app")->saturated);
  CHECK(hang.faulted.request_class("q")->hung == Approx(1.0));
}

TEST_CASE("Zone outage: instances spread round-robin over zones", "[faults][zone]") {
  // app: 4 instances over zones a, b → 2 in zone a. Losing zone a leaves 2 of 4: ρ doubles.
  Version v = parse(R"({"id": "app", "kind": "app_server", "params": {"instances": 4, "concurrency": 4, "service_ms": 40, "blocking": false}})",
                    R"({"from": "users", "to": "app"})");
  v.components[1].zones = {"a", "b"};
  Fault z;
  z.type = FaultType::Zone;
  z.zone = "a";
  const WhatIfReport r = what_if(v, catalog(), {z});
  CHECK(*r.faulted.component("app")->utilization == Approx(2 * *r.steady.component("app")->utilization).epsilon(1e-9));
  CHECK(r.faulted.component("app")->faulted);
  // All instances in the lost zone: the component is down.
  v.components[1].zones = {"a"};
  CHECK(what_if(v, catalog(), {z}).faulted.component("app")->down);
}

TEST_CASE("Partition: CP refuses on the cut-off side while AP answers stale and diverges",
          "[faults][partition]") {
  // db with 2 replicas, 30% of requests on the cut-off side for 10 minutes. Reads 100/s and
  // writes 20/s each visit the database once.
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "read", "entry": "users", "op": "read", "per_second": 100},
                                             {"name": "write", "entry": "users", "op": "write", "per_second": 20}],
      "components": [{"id": "users", "kind": "users"},
                     {"id": "db", "kind": "database", "params": {"read_replicas": 2, "concurrency": 50}}],
      "links": [{"from": "users", "to": "db"}]}]})";
  Version v = parse_project(text, "inline.json", catalog()).versions.at(0);
  Fault p = fault(FaultType::Partition, "db");
  p.fraction = 0.3;
  p.duration_s = 600;
  const WhatIfReport ap = what_if(v, catalog(), {p});
  REQUIRE(ap.partitions.size() == 1);
  const PartitionOutcome& po = ap.partitions[0];
  CHECK_FALSE(po.synchronous);
  CHECK(po.divergence_window_s == 600);
  for (const auto& c : po.classes) {
    INFO(c.name);
    CHECK(c.cp_failed == Approx(0.3));
    if (c.op == Op::Read) {
      CHECK(c.ap_stale == Approx(0.3));
    } else {
      CHECK(c.ap_divergent_writes == Approx(20 * 0.3 * 600));  // 3,600 writes to reconcile
    }
  }
  // AP (the default) keeps answering: stale reads, no failures.
  CHECK(ap.faulted.request_class("read")->success == Approx(1.0));
  CHECK(ap.faulted.request_class("read")->stale_reads == Approx(0.3));
  CHECK(ap.faulted.request_class("write")->success == Approx(1.0));
  // CP: the cut-off side's requests fail; nothing is stale.
  v.components[1].params["synchronous_replication"] = ParamValue::of_bool(true);
  const WhatIfReport cp = what_if(v, catalog(), {p});
  CHECK(cp.partitions.at(0).synchronous);
  CHECK(cp.faulted.request_class("write")->failed == Approx(0.3));
  CHECK(cp.faulted.request_class("read")->failed == Approx(0.3));
  CHECK(cp.faulted.request_class("read")->stale_reads == 0);
}

TEST_CASE("Blog V1 impact matrix: the app and the database take every post read down",
          "[faults][impact]") {
  const ImpactMatrix m = impact_matrix(*blog().version("V1"), catalog());
  REQUIRE(m.classes == std::vector<std::string>{"read_post", "comment", "media"});
  REQUIRE(m.rows.size() == 3);  // app, db, s3 (users is the client)
  // Ranked by criticality: rate-weighted share of requests no longer answered.
  for (std::size_t i = 1; i < m.rows.size(); ++i) CHECK(m.rows[i - 1].criticality >= m.rows[i].criticality);
  for (const auto& row : m.rows) {
    INFO(row.component);
    if (row.component == "s3") {
      CHECK(row.cells[2].answered == Approx(0));  // media
      CHECK(row.cells[0].answered == Approx(1));
    } else {
      CHECK(row.cells[0].answered == Approx(0));  // read_post needs app and db
      CHECK(row.cells[1].answered == Approx(0));
      CHECK(row.cells[2].answered == Approx(1));  // media goes straight to S3
    }
  }
  // Criticality of s3: media is 600K of 805K requests a day.
  const auto s3 = std::find_if(m.rows.begin(), m.rows.end(), [](const ImpactRow& r) { return r.component == "s3"; });
  CHECK(s3->criticality == Approx(600.0 / 805).epsilon(1e-9));
  CHECK(m.rows.front().component == "s3");
}

TEST_CASE("Experiments pass or fail on their conditions and blast radius", "[faults][chaos]") {
  const Version& v = *blog().version("V2");
  Experiment e;
  e.name = "db down";
  e.hypothesis = "cached post reads survive a database outage; media is untouched";
  e.faults = {fault(FaultType::Crash, "db")};
  e.blast_radius = {"read_post", "comment"};
  e.conditions = {{"media", Metric::Success, Cmp::AtLeast, 99.9}, {"read_post", Metric::Success, Cmp::AtLeast, 79}};
  const ExperimentResult r = run_experiment(v, catalog(), e);
  REQUIRE(r.conditions.size() == 2);
  CHECK(*r.conditions[0].observed == Approx(100));
  CHECK(r.conditions[0].holds);
  CHECK(*r.conditions[1].observed == Approx(80).epsilon(1e-9));  // the 80% hit ratio
  CHECK(r.conditions[1].holds);
  CHECK(r.passed);
  CHECK(r.affected == std::vector<std::string>{"read_post", "comment"});
  CHECK(r.outside_blast_radius.empty());

  e.conditions[1].value = 95;  // a hypothesis the architecture does not meet
  e.blast_radius = {"comment"};
  const ExperimentResult f = run_experiment(v, catalog(), e);
  CHECK_FALSE(f.conditions[1].holds);
  CHECK(f.outside_blast_radius == std::vector<std::string>{"read_post"});
  CHECK_FALSE(f.passed);
}

TEST_CASE("Invalid faults are refused with their place", "[faults]") {
  const Version& v = *blog().version("V1");
  try {
    (void)what_if(v, catalog(), {fault(FaultType::Crash, "nope")});
    FAIL("accepted a fault on a missing component");
  } catch (const InputError& e) {
    REQUIRE_FALSE(e.problems().empty());
    CHECK(e.problems()[0].place.find("/faults/0") == 0);
  }
}

TEST_CASE("Shares of requests never round a loss away", "[faults][format]") {
  CHECK(format_share(1) == "100%");
  CHECK(format_share(0) == "0%");
  CHECK(format_share(0.9995) == "99.95%");
  CHECK(format_share(0.4) == "40%");
  CHECK(format_share(0.99999) == ">99.99%");
  CHECK(format_share(0.00001) == "<0.01%");
  CHECK(format_duration(600) == "10 min");
  CHECK(format_duration(45) == "45 s");
}

TEST_CASE("Faults combine: two zones take a database's primary and its replica", "[faults][zone]") {
  // db: primary in zone a, its replica in zone b. Zone a alone stops the writes; a and b
  // together leave no node: the database is down and reads fail too.
  const std::string text = R"({"format": "archbench-project", "format_version": 2, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "read", "entry": "users", "op": "read", "per_second": 10},
                                             {"name": "write", "entry": "users", "op": "write", "per_second": 2}],
      "components": [{"id": "users", "kind": "users"},
                     {"id": "db", "kind": "database", "zones": ["a", "b"], "params": {"read_replicas": 1}}],
      "links": [{"from": "users", "to": "db"}]}]})";
  const Version v = parse_project(text, "inline.json", catalog()).versions.at(0);
  Fault a;
  a.type = FaultType::Zone;
  a.zone = "a";
  Fault b = a;
  b.zone = "b";
  const WhatIfReport one = what_if(v, catalog(), {a});
  CHECK(one.faulted.request_class("write")->failed == Approx(1.0));
  CHECK(one.faulted.request_class("read")->success == Approx(1.0));
  const WhatIfReport both = what_if(v, catalog(), {a, b});
  CHECK(both.faulted.component("db")->down);
  CHECK(both.faulted.request_class("read")->failed == Approx(1.0));
}

TEST_CASE("A consumer whose threads wait forever builds a backlog that never drains", "[faults][queue]") {
  // queue → worker (blocking) → api; api hangs and the worker has no timeout: every worker
  // thread waits forever, the worker serves nothing, the backlog grows at the full inflow.
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "job", "entry": "users", "op": "write", "per_second": 5, "sync": false}],
      "components": [{"id": "users", "kind": "users"}, {"id": "q", "kind": "message_queue"},
                     {"id": "w", "kind": "worker_pool", "params": {"instances": 1, "concurrency": 4, "service_ms": 100, "blocking": true}},
                     {"id": "api", "kind": "external_api"}],
      "links": [{"from": "users", "to": "q"}, {"from": "q", "to": "w"}, {"from": "w", "to": "api"}]}]})";
  const Version v = parse_project(text, "inline.json", catalog()).versions.at(0);
  Fault hang = fault(FaultType::Hang, "api");
  hang.duration_s = 120;
  const WhatIfReport r = what_if(v, catalog(), {hang});
  CHECK(r.faulted.request_class("job")->success == Approx(1.0));  // the queue acknowledges
  CHECK(r.faulted.component("w")->saturated);
  REQUIRE(r.backlogs.size() == 1);
  CHECK(r.backlogs[0].backlog_messages == Approx(5 * 120).epsilon(1e-6));
  CHECK(r.backlogs[0].oldest_message_age_s == Approx(120).epsilon(1e-6));
  // After the fault the worker carries 4 / (0.1 s + the api's time) ≫ 5/s: it drains.
  REQUIRE(r.backlogs[0].drain_s.has_value());
  CHECK(*r.backlogs[0].drain_s > 0);
}

TEST_CASE("A bulkhead behind a cache sees only the misses", "[faults][bulkhead]") {
  // 100/s at a cache with a 90% hit ratio: 10 calls/s of 100 ms reach the api, A = 1 erlang;
  // a bulkhead of 2 rejects B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2 of them.
  Version v = parse(R"({"id": "cache", "kind": "cache", "params": {"hit_ratio": 0.9, "concurrency": 1000}},
                       {"id": "api", "kind": "external_api", "params": {"service_ms": 100, "scv": 1, "concurrency": 100000}})",
                    R"({"from": "users", "to": "cache"}, {"from": "cache", "to": "api"})", 100);
  link(v, "cache", "api").policy.bulkhead = 2;
  const WhatIfReport r = what_if(v, catalog(), {});
  CHECK(link_outcome(r.steady, "cache", "api").bulkhead_rejected == Approx(0.2).epsilon(1e-6));
  CHECK(r.steady.request_class("q")->failed == Approx(0.1 * 0.2).epsilon(1e-6));
}

TEST_CASE("Fault text: the CLI's and the app's spellings", "[faults][text]") {
  auto parse = [](FaultType t, const std::string& v) { return parse_fault_value(t, v); };
  CHECK(parse(FaultType::Slow, "db=3x").fault->factor == 3);
  CHECK(parse(FaultType::Slow, "db=×3").fault->factor == 3);
  CHECK(parse(FaultType::Slow, "db=+0.2s").fault->add_ms == Approx(200));
  CHECK(parse(FaultType::Slow, "db+20").fault->add_ms == 20);
  CHECK(parse(FaultType::Lose, "app").fault->instances == 1);
  CHECK(parse(FaultType::Lose, "app=2").fault->instances == 2);
  CHECK(parse(FaultType::Flush, "cache=0.25").fault->hit_ratio == 0.25);
  CHECK(parse(FaultType::Partition, "db=0.3").fault->fraction == 0.3);
  CHECK(parse(FaultType::Spike, "3x").fault->factor == 3);
  const ParsedFault arrow = parse(FaultType::Cut, "app->db");
  CHECK(arrow.fault->component == "app");
  CHECK(arrow.fault->to == "db");
  CHECK(parse(FaultType::Cut, "app-db").cut == "app-db");
  for (const auto& [type, value] : std::vector<std::pair<FaultType, std::string>>{
           {FaultType::Slow, "db"}, {FaultType::Slow, "db=0x"}, {FaultType::Slow, "db=+-5ms"},
           {FaultType::Lose, "app=1.5"}, {FaultType::Flush, "cache=2"}, {FaultType::Spike, "-1"},
           {FaultType::Crash, "db=2"}, {FaultType::Partition, "db=1"}, {FaultType::Cut, "->db"}}) {
    INFO(value);
    const ParsedFault p = parse(type, value);
    CHECK_FALSE(p.fault.has_value());
    CHECK_FALSE(p.expected.empty());
  }
  // "a-b" splits where both sides are components joined by a link, in the link's direction.
  const Version& v = *blog().version("V2");
  using Pair = std::pair<std::string, std::string>;
  CHECK(cut_candidates(v, "app-db") == std::vector<Pair>{{"app", "db"}});
  CHECK(cut_candidates(v, "db-app") == std::vector<Pair>{{"app", "db"}});
  CHECK(cut_candidates(v, "users-db").empty());
}

TEST_CASE("A fault is described with display names for people and ids for files", "[faults][text]") {
  const Version& v1 = blog().versions.at(0);  // app is "Django app", db is "PostgreSQL"
  Fault crash;
  crash.type = FaultType::Crash;
  crash.component = "db";
  CHECK(describe(crash) == "crash db");
  CHECK(describe(crash, v1) == "crash PostgreSQL");
  Fault cut;
  cut.type = FaultType::Cut;
  cut.component = "app";
  cut.to = "db";
  CHECK(describe(cut, v1) == "cut Django app→PostgreSQL");
  crash.component = "gone";  // not in the version: the id is all there is
  CHECK(describe(crash, v1) == "crash gone");
}
