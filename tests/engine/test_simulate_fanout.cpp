// The simulator's forks and joins against closed forms: a component whose calls are made in
// parallel waits for the slowest branch, and a sharded store sends a single-shard visit to the
// hot shard with its share and a cross-shard visit to every shard (docs/PATTERNS.md).
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <string>

#include "sim_fixture.h"

using namespace sim_test;
using engine_test::catalog;

namespace {

constexpr std::uint64_t kSeed = 3;

// users → agg (no work of its own, parallel or not) → n stores of exponential 10 ms service
// with ample servers (no queueing: each branch's time is its service), at `rate` req/s.
Version scatter(int n, bool parallel, double rate) {
  std::vector<Component> parts = {component("agg", "app_server",
                                            {{"service_ms", ParamValue::of(0)},
                                             {"blocking", ParamValue::of_bool(false)},
                                             {"parallel_calls", ParamValue::of_bool(parallel)}})};
  std::vector<Link> links = {edge("users", "agg")};
  for (int i = 0; i < n; ++i) {
    const std::string id = "db" + std::to_string(i);
    parts.push_back(component(id, "database",
                              {{"service_ms", ParamValue::of(10)},
                               {"concurrency", ParamValue::of(1000)}}));
    links.push_back(edge("agg", id));
  }
  return version(rate, std::move(parts), std::move(links));
}

// users → db: one server of 10 ms per shard, S shards, hot share h, cross-shard share x.
Version sharded(int shards, double hot, double cross, double rate) {
  Version v = version(rate,
                      {component("db", "database",
                                 {{"service_ms", ParamValue::of(10)},
                                  {"concurrency", ParamValue::of(1)},
                                  {"shards", ParamValue::of(shards)},
                                  {"hot_shard_share", ParamValue::of(hot)}})},
                      {edge("users", "db")});
  v.workload[0].cross_shard = cross;
  return v;
}

}  // namespace

TEST_CASE("Simulated parallel calls wait for the slowest branch", "[sim][fanout]") {
  // Four branches of exponential 10 ms, no queueing: the maximum of 4 i.i.d. Exp(1/10 ms) has
  // mean H_4 · 10 = 20.83 ms and p-quantile −10 ln(1 − p^(1/4)) ms: p50 18.37 ms, p95
  // 43.61 ms; in sequence the sum (Erlang-4) has mean 40 ms.
  const SimReport par = simulate(scatter(4, true, 20), catalog(), run_for(20000, kSeed));
  const SimClassResult& c = *par.request_class("q");
  REQUIRE(c.latency.has_value());
  CHECK(c.unfinished == 0);
  CHECK(c.success == 1);
  check_within("mean", c.latency->mean, 10 * (1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4), 0.02);
  check_within("p50", c.latency->p50, -10 * std::log(1 - std::pow(0.5, 0.25)), 0.02);
  check_within("p95", c.latency->p95, -10 * std::log(1 - std::pow(0.95, 0.25)), 0.03);
  // Each branch is one visit of its store per request.
  CHECK(par.component("db3")->arrival_per_s == Approx(20).epsilon(0.03));
  const SimReport seq = simulate(scatter(4, false, 20), catalog(), run_for(20000, kSeed));
  check_within("sequential mean", seq.request_class("q")->latency->mean, 40, 0.02);
}

TEST_CASE("Simulated parallel calls fail when one branch fails", "[sim][fanout]") {
  // A crashed store fails its branch (no fallback): every request fails, the other branches'
  // stores still see every request.
  SimulateOptions o = run_for(2000, kSeed);
  TimedFault crash;
  crash.fault.type = FaultType::Crash;
  crash.fault.component = "db2";
  crash.start_s = 0;
  crash.end_s = 2000;
  o.faults = {crash};
  const SimReport r = simulate(scatter(4, true, 20), catalog(), o);
  const SimClassResult& c = *r.request_class("q");
  CHECK(c.unfinished == 0);
  CHECK(c.failed == 1);
  CHECK(r.component("db0")->arrival_per_s == Approx(20).epsilon(0.05));
}

TEST_CASE("Simulated shards share the load as the hot share and the cross-shard share say", "[sim][shards]") {
  // S = 4, h = 0.4, x = 0.25, λ = 50/s, 10 ms: the hot shard's server is busy
  // λ·((1 − x)h + x)·S = 50 · 0.55 · 0.01 = 0.275, each other's λ·((1 − x)(1 − h)/3 + x)·S =
  // 50 · 0.40 · 0.01 = 0.20; the component's busiest station is the hot one. A visit counts
  // once however many shards it visits: 50 visits/s.
  const SimReport r = simulate(sharded(4, 0.4, 0.25, 50), catalog(), run_for(20000, kSeed));
  const SimComponentResult& db = *r.component("db");
  CHECK(db.utilization == Approx(0.275).epsilon(0.03));
  CHECK(db.arrival_per_s == Approx(50).epsilon(0.02));
  CHECK(r.request_class("q")->unfinished == 0);
}

TEST_CASE("A simulated cross-shard visit waits for the slowest shard", "[sim][shards]") {
  // Every visit on all 4 shards (x = 1) at 1 req/s: each shard is an M/M/1 at ρ = 0.01, so a
  // visit's time is the maximum of 4 nearly independent sojourns Exp(μ − λ = 99/s):
  // mean H_4 / 99 s = 21.04 ms.
  const SimReport r = simulate(sharded(4, 0, 1, 1), catalog(), run_for(200000, kSeed));
  check_within("mean", r.request_class("q")->latency->mean,
               1000 * (1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4) / 99, 0.02);
}

TEST_CASE("Losing a shard in the simulation fails its share and every cross-shard visit", "[sim][shards]") {
  // One shard of 4 lost (the hot one first) with h = 0.4 and x = 0.25: (1 − x)·h + x =
  // 0.75 · 0.4 + 0.25 = 55% of the requests fail, as what-if says (test_shards.cpp). The
  // failed share is a proportion of about 95,000 requests: standard error 0.16%.
  SimulateOptions o = run_for(2000, kSeed);
  TimedFault lose;
  lose.fault.type = FaultType::Lose;
  lose.fault.component = "db";
  lose.fault.instances = 1;
  lose.start_s = 0;
  lose.end_s = 2000;
  o.faults = {lose};
  const SimReport r = simulate(sharded(4, 0.4, 0.25, 50), catalog(), o);
  CHECK(r.request_class("q")->failed == Approx(0.55).margin(0.01));
}

TEST_CASE("A traced cross-shard visit lists each shard's visit under it", "[sim][shards][traces]") {
  // Every visit on all 4 shards: each trace's db visit has four children, one per shard (the
  // hot one first), each named by its shard, and ends when the slowest of them ends. Spans are
  // listed as a tree: each one's parent comes before it, and a span whose parent is not the
  // span just before it follows that parent's whole subtree (depth-first order).
  SimulateOptions o = run_for(200, kSeed);
  o.traces = 5;
  const SimReport r = simulate(sharded(4, 0, 1, 1), catalog(), o);
  REQUIRE(r.traces.size() == 5);
  for (const SimTrace& t : r.traces) {
    const auto n = static_cast<int>(t.spans.size());
    REQUIRE(n == 6);  // users, db, and db's four shards
    for (int i = 1; i < n; ++i) {
      const int p = t.spans[static_cast<std::size_t>(i)].parent;
      REQUIRE(p >= 0);
      REQUIRE(p < i);
      int a = i - 1;  // the span before it, or an ancestor of it, is its parent
      while (a > p) a = t.spans[static_cast<std::size_t>(a)].parent;
      CHECK(a == p);
    }
    const SimSpan& db = t.spans[1];
    CHECK(db.place() == "db");
    double slowest = 0;
    for (int s = 0; s < 4; ++s) {
      const SimSpan& part = t.spans[static_cast<std::size_t>(2 + s)];
      CHECK(part.parent == 1);
      CHECK(part.shard == s);
      CHECK(part.service_ms > 0);
      slowest = std::max(slowest, part.end_ms);
    }
    CHECK(t.spans[2].place() == "db · hot shard");
    CHECK(t.spans[3].place() == "db · shard 2");
    CHECK(db.end_ms == Approx(slowest));
  }
}

TEST_CASE("A sharded store's timeline shows its hot shard's utilization", "[sim][shards]") {
  // As the summary's busiest station: the hot shard's 0.275 (S = 4, h = 0.4, x = 0.25, 50/s,
  // 10 ms), not the average over all shards, 0.275/4 + 0.20·3/4 = 0.219. The mean over
  // 2,000 one-second steps, within 3%.
  SimulateOptions o = run_for(2000, kSeed);
  o.timeline_step_s = 1;
  const SimReport r = simulate(sharded(4, 0.4, 0.25, 50), catalog(), o);
  REQUIRE(r.timeline.has_value());
  const auto& t = *r.timeline;
  const auto at = std::find(t.components.begin(), t.components.end(), "db") - t.components.begin();
  const std::vector<double>& u = t.utilization.at(static_cast<std::size_t>(at));
  REQUIRE(u.size() >= 1900);
  double sum = 0;
  for (const double x : u) sum += x;
  CHECK(sum / static_cast<double>(u.size()) == Approx(0.275).epsilon(0.03));
  CHECK(r.component("db")->utilization == Approx(sum / static_cast<double>(u.size())).epsilon(0.03));
}
