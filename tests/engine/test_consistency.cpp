// Consistency, replication lag and regions (docs/REGIONS.md): stale reads from lagging replicas
// against the Poisson formula, strong reads routed to the primary, latency between regions, the
// region outage, partitions by the class's consistency, and format 5's validation messages.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "archbench/consistency_figures.h"
#include "archbench/error.h"
#include "archbench/faults.h"
#include "archbench/project_io.h"
#include "archbench/regions.h"
#include "archbench/simulate.h"
#include "archbench/solver.h"
#include "archbench/validate.h"
#include "engine_fixture.h"

using namespace archbench;
using engine_test::catalog;
using engine_test::component;
using engine_test::make_link;

namespace {

RequestClass rclass(const std::string& name, Op op, double per_second) {
  RequestClass r;
  r.name = name;
  r.entry = "users";
  r.op = op;
  r.per_second = per_second;
  return r;
}

// users → app → db with 2 replicas lagging `lag_ms`; `reads` per second of "browse" over
// `keys` keys, 10 writes per second of "update".
Version replicated(double lag_ms, double keys, std::optional<Consistency> consistency) {
  Version v;
  v.name = "lag";
  RequestClass read = rclass("browse", Op::Read, 100);
  read.consistency = consistency;
  read.keys = keys;
  read.writes_from = "update";
  v.workload = {read, rclass("update", Op::Write, 10)};
  v.components = {component("users", "users"),
                  component("app", "app_server", {{"instances", ParamValue::of(2)}}),
                  component("db", "database",
                            {{"read_replicas", ParamValue::of(2)},
                             {"replication_lag_ms", ParamValue::of(lag_ms)}})};
  v.links = {make_link("users", "app"), make_link("app", "db")};
  return v;
}

double role_arrival(const ComponentResult& c, const std::string& role) {
  for (const auto& s : c.stations)
    if (s.role == role) return s.arrival_per_s;
  return -1;
}

}  // namespace

TEST_CASE("Eventual reads of a lagging replica are stale with the Poisson probability",
          "[consistency]") {
  const Report r = evaluate(replicated(3000, 100, Consistency::Eventual), catalog());
  const ClassResult* browse = r.request_class("browse");
  REQUIRE(browse->stale);
  // λw = 10 writes/s over 100 keys = 0.1 per key; L = 3 s; x = 0.3.
  // P(stale) = 1 − e^(−0.3) = 0.259182; E[S] = L − P/λw = 3 − 2.59182 = 0.408182 s;
  // E[S | stale] = 0.408182 / 0.259182 = 1.57489 s.
  CHECK(browse->stale->writes_per_key_per_s == Approx(0.1).epsilon(1e-12));
  CHECK(browse->stale->stale_share == Approx(1 - std::exp(-0.3)).epsilon(1e-12));
  CHECK(browse->stale->stale_share == Approx(0.259182).epsilon(1e-5));
  CHECK(browse->stale->mean_staleness_ms == Approx(408.182).epsilon(1e-5));
  CHECK(browse->stale->staleness_ms == Approx(1574.89).epsilon(1e-5));
  // Stale reads per second = 100 × 0.259182.
  CHECK(browse->stale->stale_per_s == Approx(25.9182).epsilon(1e-5));
  CHECK(stale_share_text(*browse) == "25.92%");
  CHECK(staleness_text(*browse) == "1.57 s");
  // A tiny λw·L keeps its digits: E[S] ≈ λw·L²/2 (10 writes/s over 1e9 keys, L = 3 s:
  // 1e-8 × 9 / 2 s = 4.5e-5 ms).
  const Report tiny = evaluate(replicated(3000, 1e9, Consistency::Eventual), catalog());
  CHECK(tiny.request_class("browse")->stale->mean_staleness_ms == Approx(4.5e-5).epsilon(1e-6));
  CHECK(tiny.request_class("browse")->stale->staleness_ms == Approx(1500).epsilon(1e-6));
}

TEST_CASE("The stale share follows the write rate under a load multiplier", "[consistency]") {
  // ×10 load: λw = 1 per key, P = 1 − e^(−3) = 0.950213.
  EvaluateOptions o;
  o.load = 10;
  const Report r = evaluate(replicated(3000, 100, Consistency::Eventual), catalog(), o);
  CHECK(r.request_class("browse")->stale->stale_share == Approx(0.950213).epsilon(1e-5));
}

TEST_CASE("Strong reads go to the primary and are never stale", "[consistency]") {
  const Report eventual = evaluate(replicated(3000, 100, Consistency::Eventual), catalog());
  const Report strong = evaluate(replicated(3000, 100, Consistency::Strong), catalog());
  // Eventual: the primary sees the 10 writes/s, each replica 10 writes + 100/2 reads.
  CHECK(role_arrival(*eventual.component("db"), "primary") == Approx(10));
  CHECK(role_arrival(*eventual.component("db"), "replica") == Approx(60));
  // Strong: the primary takes the 100 reads too; the replicas only apply the writes.
  CHECK(role_arrival(*strong.component("db"), "primary") == Approx(110));
  CHECK(role_arrival(*strong.component("db"), "replica") == Approx(10));
  CHECK_FALSE(strong.request_class("browse")->stale);
  CHECK(strong.request_class("browse")->strong);
  CHECK(stale_share_text(*strong.request_class("browse")) == "strong");
}

TEST_CASE("No lag stated gives no stale figures", "[consistency]") {
  const Report r = evaluate(replicated(0, 100, Consistency::Eventual), catalog());
  CHECK_FALSE(r.request_class("browse")->stale);
}

TEST_CASE("Replicas in another region lag by the latency between the regions", "[regions]") {
  Version v = replicated(1000, 100, Consistency::ReadYourWrites);
  v.regions = {"us", "eu"};
  v.region_latency = {{"us", "eu", 75}};
  for (auto& c : v.components) c.region = "us";
  v.component("db")->replica_regions = {"us", "eu"};
  REQUIRE(validate_version(v, catalog()).empty());
  const Report r = evaluate(v, catalog());
  // Replica 0 in us lags 1 s, replica 1 in eu 1.075 s; reads spread evenly:
  // P = (1 − e^(−0.1)) / 2 + (1 − e^(−0.1075)) / 2 = (0.0951626 + 0.101921) / 2 = 0.0985430.
  const double expected = (-std::expm1(-0.1) - std::expm1(-0.1075)) / 2;
  CHECK(r.request_class("browse")->stale->stale_share == Approx(expected).epsilon(1e-12));
  CHECK(r.request_class("browse")->stale->stale_share == Approx(0.0985430).epsilon(1e-5));
  CHECK(r.request_class("browse")->stale->lag_ms == Approx(1075));
}

TEST_CASE("A link crossing regions adds the latency between them", "[regions]") {
  Version v = replicated(0, 1, std::nullopt);
  const double before = evaluate(v, catalog()).request_class("update")->latency->mean;
  v.regions = {"us", "eu"};
  v.region_latency = {{"eu", "us", 40}};
  v.component("users")->region = "eu";
  v.component("app")->region = "eu";
  v.component("db")->region = "us";
  v.component("db")->replica_regions = {"eu"};
  const Report r = evaluate(v, catalog());
  // The write crosses eu → us once per request: two one-way latencies, +80 ms. The read is
  // served by the replicas in eu and crosses nothing.
  CHECK(r.request_class("update")->latency->mean == Approx(before + 80).epsilon(1e-9));
  const double read_before = evaluate(replicated(0, 1, std::nullopt), catalog())
                                  .request_class("browse")->latency->mean;
  CHECK(r.request_class("browse")->latency->mean == Approx(read_before).epsilon(1e-9));
}

TEST_CASE("A region outage takes down what stands there", "[regions][faults]") {
  Version v = replicated(0, 1, Consistency::Eventual);
  v.regions = {"us", "eu"};
  v.region_latency = {{"us", "eu", 40}};
  for (auto& c : v.components) c.region = "eu";
  v.component("db")->region = "us";
  v.component("db")->replica_regions = {"eu"};
  Fault f;
  f.type = FaultType::Region;
  f.zone = "us";
  REQUIRE(validate_faults(v, catalog(), {f}, "/faults").empty());
  const WhatIfReport r = what_if(v, catalog(), {f});
  // The primary in us is down: writes fail; eventual reads are served by the replicas in eu.
  CHECK(r.faulted.request_class("update")->failed == Approx(1));
  CHECK(r.faulted.request_class("browse")->success == Approx(1));
  // The reason names where a class fails, not a fault it passes unharmed.
  CHECK(r.faulted.request_class("update")->reason == "fails at \"db\"");
  CHECK(r.faulted.request_class("browse")->reason.empty());
  // A strong read needs the primary: it fails too.
  v.workload[0].consistency = Consistency::Strong;
  CHECK(what_if(v, catalog(), {f}).faulted.request_class("browse")->failed == Approx(1));
  // eu down: the app stands there, every class fails.
  f.zone = "eu";
  const WhatIfReport eu = what_if(v, catalog(), {f});
  CHECK(eu.faulted.request_class("update")->failed == Approx(1));
  f.zone = "mars";
  CHECK_FALSE(validate_faults(v, catalog(), {f}, "/faults").empty());
}

TEST_CASE("A class refused by a rate limit is said to be refused and not to fail at a fault it passes",
          "[regions][faults][preset]") {
  const Project& p = engine_test::preset("flash-sale.archbench.json");
  const Version* v7 = p.version("V7");
  REQUIRE(v7);
  Fault f;
  f.type = FaultType::Region;
  f.zone = "us-east";  // the primary's region; browse reads the replicas in eu-west
  const WhatIfReport r = what_if(*v7, catalog(), {f});
  const auto* browse = r.faulted.request_class("browse");
  const auto* buy = r.faulted.request_class("buy");
  // browse loses only what the gateway's limit refuses in steady state too (35% at ×10).
  CHECK(browse->failed == Approx(r.steady.request_class("browse")->failed).margin(1e-9));
  CHECK(browse->reason == "refused at \"gateway\" (rate limit: 429)");
  CHECK(buy->failed == Approx(1));
  CHECK(buy->reason == "fails at \"db\"");
}

TEST_CASE("A partition fails strong reads and answers eventual ones stale", "[consistency][faults]") {
  Fault f;
  f.type = FaultType::Partition;
  f.component = "db";
  f.fraction = 0.3;
  const WhatIfReport eventual = what_if(replicated(0, 1, Consistency::Eventual), catalog(), {f});
  CHECK(eventual.faulted.request_class("browse")->stale_reads == Approx(0.3));
  CHECK(eventual.faulted.request_class("browse")->failed == Approx(0).margin(1e-9));
  const WhatIfReport strong = what_if(replicated(0, 1, Consistency::Strong), catalog(), {f});
  CHECK(strong.faulted.request_class("browse")->failed == Approx(0.3).epsilon(1e-6));
  CHECK(strong.faulted.request_class("browse")->stale_reads == Approx(0).margin(1e-12));
  REQUIRE(strong.partitions.size() == 1);
  CHECK(strong.partitions[0].classes[0].strong);
}

TEST_CASE("Bad consistency and region values are named with their place", "[consistency][format]") {
  // Read first: an unknown consistency is refused while the file is read.
  const std::string bad_name = R"({"format": "archbench-project", "format_version": 5, "name": "x",
    "versions": [{"name": "V1",
      "workload": [{"name": "r", "entry": "users", "op": "read", "per_second": 1,
                    "consistency": "linearizable"}],
      "components": [{"id": "users", "kind": "users"}, {"id": "db", "kind": "database"}],
      "links": [{"from": "users", "to": "db"}]}]})";
  CHECK_THROWS_WITH(parse_project(bad_name, "bad.archbench.json", catalog()),
                    Catch::Contains("bad.archbench.json") &&
                        Catch::Contains("/versions/0/workload/0/consistency") &&
                        Catch::Contains("unknown consistency \"linearizable\""));
  // Then the design: an undeclared region in the table, a negative latency and lag.
  const std::string text = R"({"format": "archbench-project", "format_version": 5, "name": "x",
    "versions": [{"name": "V1",
      "regions": {"names": ["us"], "latency_ms": [{"between": ["us", "eu"], "ms": -5}]},
      "workload": [{"name": "r", "entry": "users", "op": "read", "per_second": 1,
                    "consistency": "eventual"}],
      "components": [{"id": "users", "kind": "users"},
                     {"id": "db", "kind": "database", "region": "us",
                      "params": {"replication_lag_ms": -1}}],
      "links": [{"from": "users", "to": "db"}]}]})";
  try {
    parse_project(text, "bad.archbench.json", catalog());
    FAIL("a bad file was accepted");
  } catch (const InputError& e) {
    const std::string what = e.what();
    INFO(what);
    CHECK(what.find("bad.archbench.json") != std::string::npos);
    CHECK(what.find("/versions/0/regions/latency_ms/0/between") != std::string::npos);
    CHECK(what.find("unknown region \"eu\" (declared: us)") != std::string::npos);
    CHECK(what.find("/versions/0/regions/latency_ms/0/ms") != std::string::npos);
    CHECK(what.find("/versions/0/components/1/params/replication_lag_ms") != std::string::npos);
  }
}

TEST_CASE("Format 5 fields are refused in an older file and round trip in a new one",
          "[consistency][format]") {
  const std::string text = R"({"format": "archbench-project", "format_version": 4, "name": "x",
    "versions": [{"name": "V1",
      "workload": [{"name": "r", "entry": "users", "op": "read", "per_second": 1,
                    "consistency": "strong"}],
      "components": [{"id": "users", "kind": "users"}, {"id": "db", "kind": "database"}],
      "links": [{"from": "users", "to": "db"}]}]})";
  CHECK_THROWS_WITH(parse_project(text, "old.json", catalog()),
                    Catch::Contains("\"consistency\" needs format_version 5"));
  const Project& p = engine_test::preset("flash-sale.archbench.json");
  CHECK(required_format_version(p) == 5);
  CHECK(parse_project(dump_project(p), "again.json", catalog()) == p);
}

TEST_CASE("The flash sale preset's V7 notes state the engine's stale-price figures",
          "[consistency][preset]") {
  const Project& p = engine_test::preset("flash-sale.archbench.json");
  const Version* v7 = p.version("V7");
  REQUIRE(v7);
  // At the sale's peak the gateway admits 650 of 1,000 req/s: 65 buys/s, 2 writes each, over
  // 2,000 price keys: λw = 0.065/s; L = 2,925 ms of lag + 75 ms between the regions = 3 s.
  // P = 1 − e^(−0.195) = 17.72%; E[S | stale] = 3 / 0.177167 − 1 / 0.065 = 1.548 s.
  const Report sale = evaluate(*v7, catalog());
  const auto& s = *sale.request_class("browse")->stale;
  CHECK(s.lag_ms == Approx(3000));
  CHECK(s.writes_per_key_per_s == Approx(0.065).epsilon(1e-9));
  CHECK(s.stale_share == Approx(1 - std::exp(-0.195)).epsilon(1e-9));
  CHECK(s.staleness_ms == Approx(1548).epsilon(1e-3));
  // The day's average (load ×0.1): 10 buys/s, λw = 0.01, P = 1 − e^(−0.03) = 2.96%.
  EvaluateOptions day;
  day.load = 0.1;
  const Report avg = evaluate(*v7, catalog(), day);
  CHECK(avg.request_class("browse")->stale->stale_share == Approx(1 - std::exp(-0.03)).epsilon(1e-9));
  for (const std::string& figure :
       {stale_share_text(*sale.request_class("browse")), std::string("1.55 s"),
        stale_share_text(*avg.request_class("browse")), std::string("2,925 ms"),
        std::string("0.065")}) {
    INFO(figure);
    CHECK(v7->notes.find(figure) != std::string::npos);
  }
  CHECK(staleness_text(*sale.request_class("browse")) == "1.55 s");
}

TEST_CASE("The simulator takes a region down and reads replicas in another region", "[regions][sim]") {
  Version v = replicated(0, 1, Consistency::Eventual);
  v.regions = {"us", "eu"};
  v.region_latency = {{"us", "eu", 40}};
  for (auto& c : v.components) c.region = "eu";
  v.component("db")->region = "us";
  v.component("db")->replica_regions = {"eu"};
  SimulateOptions o;
  o.duration_s = 60;
  o.warmup_s = 5;
  o.threads = 1;
  Fault f;
  f.type = FaultType::Region;
  f.zone = "us";
  o.faults = {{f, 0, 1000}};  // past the run's end: requests still in flight at 60 s see it
  const SimReport r = simulate(v, catalog(), o);
  // The primary in us is down all along: every write fails, every eventual read (served by the
  // replicas in eu) succeeds, as what-if says.
  CHECK(r.request_class("update")->failed == Approx(1));
  CHECK(r.request_class("browse")->success == Approx(1));
}

