// Sharding (docs/PATTERNS.md#sharding): `shards` and `hot_shard_share` on databases and caches,
// a class's `cross_shard` share visiting every shard. The hot shard's stations see
// (1 − x)·h + x of the visits, each other shard's (1 − x)(1 − h)/(S − 1) + x.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "archbench/availability.h"
#include "archbench/error.h"
#include "archbench/faults.h"
#include "archbench/format.h"
#include "archbench/pattern_figures.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "archbench/validate.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;
using engine_test::component;
using engine_test::make_link;

// users → db: one connection per node, 10 ms exponential service, S shards.
Version sharded(double shards, double hot, double cross, double per_second = 10) {
  Version v;
  v.name = "sharded";
  RequestClass r;
  r.name = "q";
  r.entry = "users";
  r.per_second = per_second;
  r.cross_shard = cross;
  v.workload = {r};
  v.components = {component("users", "users"),
                  component("db", "database",
                            {{"service_ms", ParamValue::of(10)},
                             {"concurrency", ParamValue::of(1)},
                             {"shards", ParamValue::of(shards)},
                             {"hot_shard_share", ParamValue::of(hot)},
                             {"availability", ParamValue::of(0.99)},
                             {"cost_per_month", ParamValue::of(100)}})};
  Link l = make_link("users", "db");
  l.latency_ms = 0;
  v.links = {l};
  return v;
}

double max_rate(const Version& v) {
  const Report r = evaluate(v, catalog());
  REQUIRE(r.totals.max_throughput_rate_per_s);
  return *r.totals.max_throughput_rate_per_s;
}

}  // namespace

TEST_CASE("The hot shard sets the maximum throughput", "[patterns][shards]") {
  // One server of 10 ms per shard: 100 req/s each. The hot shard saturates at λ·share = 100.
  CHECK(max_rate(sharded(1, 0, 0)) == Approx(100).epsilon(1e-3));
  // Even over 4 shards: share 1/4, λ* = 400 req/s.
  CHECK(max_rate(sharded(4, 0, 0)) == Approx(400).epsilon(1e-3));
  // A hot shard with 40%: λ* = 100 / 0.4 = 250 req/s.
  CHECK(max_rate(sharded(4, 0.4, 0)) == Approx(250).epsilon(1e-3));
  // Half the requests cross-shard: share 0.5·0.4 + 0.5 = 0.7, λ* = 142.9 req/s.
  CHECK(max_rate(sharded(4, 0.4, 0.5)) == Approx(100 / 0.7).epsilon(1e-3));
  const Report r = evaluate(sharded(4, 0.4, 0), catalog());
  CHECK(r.totals.bottleneck == "db");
}

TEST_CASE("Cost counts every shard and its replicas", "[patterns][shards]") {
  // 4 shards × (primary + 1 replica) = 8 nodes at $100 = $800, and each node stores its copy.
  Version v = sharded(4, 0, 0);
  v.components[1].params["read_replicas"] = ParamValue::of(1);
  const Report r = evaluate(v, catalog());
  const Report one = evaluate(sharded(1, 0, 0), catalog());
  bool found = false;
  for (const CostItem& c : r.component("db")->costs) {
    if (c.term != "nodes") continue;
    found = true;
    CHECK(c.quantity == 8);
    CHECK(c.usd_per_month == Approx(800).epsilon(1e-9));
  }
  CHECK(found);
  // Everything per node scales by 8 against one unreplicated shard.
  CHECK(r.component("db")->cost_per_month == Approx(8 * one.component("db")->cost_per_month).epsilon(1e-9));
}

TEST_CASE("A cross-shard query waits for the slowest shard", "[patterns][shards]") {
  // At 0.001 req/s nothing waits: every shard's visit is exponential of 10 ms. All cross-shard
  // over 4 shards: max of 4 exponentials, mean H_4·10 = 20.83 ms, p95 = −10·ln(1 − 0.95^¼) = 43.6 ms.
  const Report all = evaluate(sharded(4, 0, 1, 0.001), catalog());
  const Latency& l = *all.request_class("q")->latency;
  CHECK(l.mean == Approx(25.0 / 12 * 10).epsilon(0.005));
  CHECK(l.p95 == Approx(-10 * std::log(1 - std::pow(0.95, 0.25))).epsilon(0.005));
  // Half of them: a mixture, mean 0.5·10 + 0.5·20.83 = 15.42 ms.
  const Report half = evaluate(sharded(4, 0, 0.5, 0.001), catalog());
  CHECK(half.request_class("q")->latency->mean == Approx(0.5 * 10 + 0.5 * 25.0 / 12 * 10).epsilon(0.005));
  // None: one shard's visit, mean 10 ms.
  CHECK(evaluate(sharded(4, 0.7, 0, 0.001), catalog()).request_class("q")->latency->mean ==
        Approx(10).epsilon(0.005));
}

TEST_CASE("A class needs its shard and a cross-shard class needs every shard", "[patterns][shards]") {
  // Each shard one node of availability a = 0.99: single-shard requests a, cross-shard a^4;
  // with x = 0.25 the class has 0.75·0.99 + 0.25·0.99⁴ = 0.98508.
  const AvailabilityReport r = analyse_availability(sharded(4, 0, 0.25), catalog());
  REQUIRE(r.classes.size() == 1);
  CHECK(r.classes[0].availability == Approx(0.75 * 0.99 + 0.25 * std::pow(0.99, 4)).epsilon(1e-9));
  // A shard without a replica is a single point of failure of the requests that need it.
  CHECK(r.classes[0].single_points_of_failure == std::vector<std::string>{"db"});
}

TEST_CASE("Losing a shard fails its share and every cross-shard request", "[patterns][shards]") {
  // lose 1 on 4 shards with h = 0.4 takes the hot shard: single-shard requests fail with 0.4,
  // cross-shard ones always: 0.75·0.4 + 0.25 = 0.55 failed, 0.45 succeed.
  Fault f;
  f.type = FaultType::Lose;
  f.component = "db";
  f.instances = 1;
  const Version v = sharded(4, 0.4, 0.25);
  REQUIRE(validate_faults(v, catalog(), {f}, "/faults").empty());
  const WhatIfReport w = what_if(v, catalog(), {f});
  REQUIRE(w.faulted.classes.size() == 1);
  CHECK(w.faulted.classes[0].success == Approx(0.45).epsilon(1e-6));
  // Losing all four is the whole component down.
  f.instances = 4;
  CHECK(what_if(v, catalog(), {f}).faulted.classes[0].success == Approx(0).margin(1e-9));
  f.instances = 5;
  const auto problems = validate_faults(v, catalog(), {f}, "/faults");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "/faults/0/instances");
}

TEST_CASE("Bad sharding values are refused with their place", "[patterns][shards]") {
  auto first = [](const Version& v) {
    const auto d = validate_version(v, catalog(), "/versions/0");
    REQUIRE_FALSE(d.empty());
    return d[0];
  };
  const Diagnostic zero = first(sharded(0, 0, 0));
  CHECK(zero.place == "/versions/0/components/1/params/shards");
  const Diagnostic half = first(sharded(2.5, 0, 0));
  CHECK(half.place == "/versions/0/components/1/params/shards");
  CHECK(half.message.find("whole number") != std::string::npos);
  // Below 1/shards: 0.1 < 1/4.
  const Diagnostic cold = first(sharded(4, 0.1, 0));
  CHECK(cold.place == "/versions/0/components/1/params/hot_shard_share");
  CHECK(cold.message.find("below 1/shards = 0.25") != std::string::npos);
  CHECK(first(sharded(4, 1.5, 0)).place == "/versions/0/components/1/params/hot_shard_share");
  const Diagnostic cross = first(sharded(4, 0, 1.2));
  CHECK(cross.place == "/versions/0/workload/0/cross_shard");
  CHECK(validate_version(sharded(4, 0.25, 1), catalog(), "").empty());
}

TEST_CASE("Sharding needs format_version 5 and older files still open", "[patterns][shards][format]") {
  Project p;
  p.name = "s";
  p.versions = {sharded(4, 0.4, 0.25)};
  CHECK(required_format_version(p) == 5);
  std::string text = dump_project(p);
  CHECK(parse_project(text, "s.json", catalog()).versions[0] == p.versions[0]);
  text.replace(text.find("\"format_version\": 5"), 19, "\"format_version\": 4");
  try {
    parse_project(text, "old.json", catalog());
    FAIL("a format-5 field in a format-4 file was accepted");
  } catch (const InputError& e) {
    REQUIRE_FALSE(e.problems().empty());
    CHECK(e.problems()[0].message.find("needs format_version 5") != std::string::npos);
  }
  Project plain;
  plain.name = "plain";
  plain.versions = {sharded(1, 0, 0)};
  plain.versions[0].components[1].params.erase("shards");
  plain.versions[0].components[1].params.erase("hot_shard_share");
  CHECK(required_format_version(plain) < 5);
}

TEST_CASE("The news feed preset's notes state the figures the engine gives its versions",
          "[patterns][shards][fanout][preset]") {
  const Project& p = engine_test::preset("news-feed.archbench.json");
  auto says = [](const Version& v, const std::string& figure) {
    INFO(v.name << " notes: " << v.notes);
    INFO("figure: " << figure);
    CHECK(v.notes.find(figure) != std::string::npos);
  };
  const Version& v1 = *p.version("V1");
  const Version& v2 = *p.version("V2");
  const Version& v3 = *p.version("V3");
  const Report r1 = evaluate(v1, catalog());
  const Report r2 = evaluate(v2, catalog());
  const Report r3 = evaluate(v3, catalog());
  // V1: posts offered (2,000 × 6 ms + 200 × 10 ms) / 16 connections = 87.5%.
  CHECK(*r1.component("posts")->utilization == Approx((2000 * 0.006 + 200 * 0.010) / 16).epsilon(1e-9));
  says(v1, format_percent(*r1.component("posts")->utilization));
  says(v1, "×" + format_multiplier(*r1.totals.max_throughput_multiplier));
  says(v1, format_rate(*r1.totals.max_throughput_rate_per_s));
  says(v1, "p95 " + format_ms(r1.request_class("feed")->latency->p95) + " ms");
  // V2: the hot shard's station sees (1 − 0.2)·0.3 + 0.2 = 0.44 of the feeds and 0.3 of the
  // posts: (2,000·0.44·6 ms + 200·0.3·10 ms) / 16 = 36.75%; each other shard
  // (2,000·(0.8·0.7/7 + 0.2)·6 ms + 200·(0.7/7)·10 ms) / 16 = 22.25%.
  const ShardFigures& f = *r2.component("posts")->shards;
  CHECK(*f.hot_utilization == Approx((2000 * 0.44 * 0.006 + 200 * 0.3 * 0.010) / 16).epsilon(1e-9));
  CHECK(*f.other_utilization ==
        Approx((2000 * (0.8 * 0.7 / 7 + 0.2) * 0.006 + 200 * 0.1 * 0.010) / 16).epsilon(1e-9));
  says(v2, format_percent(*f.hot_utilization) + " busy against " + format_percent(*f.other_utilization));
  says(v2, "×" + format_multiplier(*r2.totals.max_throughput_multiplier));
  says(v2, format_rate(*r2.totals.max_throughput_rate_per_s));
  says(v2, format_usd(r2.component("posts")->cost_per_month));
  says(v2, "feed mean " + format_ms(r2.request_class("feed")->latency->mean) + " ms against " +
               format_ms(r1.request_class("feed")->latency->mean) + " ms");
  CHECK(r2.request_class("feed")->latency->mean > r1.request_class("feed")->latency->mean);
  // V3: the maximum of the three calls instead of their sum.
  const Latency& l3 = *r3.request_class("feed")->latency;
  CHECK(l3.mean < r2.request_class("feed")->latency->mean);
  says(v3, "mean " + format_ms(l3.mean) + " ms, p95 " + format_ms(l3.p95) + " ms");
  says(v3, format_percent(*r3.component("api")->utilization) + " busy against " +
               format_percent(*r2.component("api")->utilization));
}

TEST_CASE("A sharded cache keeps its instances per shard and its miss path", "[patterns][shards]") {
  // users → cache (2 instances of one server, 1 ms, hit 0.9, 4 shards, hot 0.5) → db, 100 req/s.
  // Hot shard: 100 × 0.5 / 2 instances × 1 ms = 2.5% per instance; others 100 × (0.5/3) / 2 ×
  // 1 ms = 0.833%. The misses reach the database as before: 100 × 0.1 = 10 req/s. Nodes: 4 × 2.
  Version v;
  v.name = "cache";
  RequestClass r;
  r.name = "q";
  r.entry = "users";
  r.per_second = 100;
  v.workload = {r};
  v.components = {component("users", "users"),
                  component("cache", "cache",
                            {{"instances", ParamValue::of(2)},
                             {"concurrency", ParamValue::of(1)},
                             {"service_ms", ParamValue::of(1)},
                             {"hit_ratio", ParamValue::of(0.9)},
                             {"shards", ParamValue::of(4)},
                             {"hot_shard_share", ParamValue::of(0.5)},
                             {"cost_per_month", ParamValue::of(60)}}),
                  component("db", "database", {{"service_ms", ParamValue::of(5)}})};
  v.links = {make_link("users", "cache"), make_link("cache", "db")};
  const Report rep = evaluate(v, catalog());
  const ComponentResult& c = *rep.component("cache");
  REQUIRE(c.shards);
  CHECK(*c.shards->hot_utilization == Approx(100 * 0.5 / 2 * 0.001).epsilon(1e-9));
  CHECK(*c.shards->other_utilization == Approx(100 * (0.5 / 3) / 2 * 0.001).epsilon(1e-9));
  CHECK(rep.component("db")->arrival_per_s == Approx(10).epsilon(1e-9));
  bool found = false;
  for (const CostItem& item : c.costs) {
    if (item.term != "nodes") continue;
    found = true;
    CHECK(item.quantity == 8);
  }
  CHECK(found);
  CHECK(shards_badge(c) == "×4 shards");
}
