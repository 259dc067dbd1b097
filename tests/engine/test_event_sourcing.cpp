// Event sourcing and CQRS (docs/PATTERNS.md, event sourcing): a read model fed through a queue trails the
// writes by the queue's wait and the projection, with the Poisson stale-read probability on that
// lag; a rebuild replays the stored events at the spare capacity of the projection and its
// callees; a store written in step with the writer is not a read model; format 5's replay_events.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "archbench/consistency_figures.h"
#include "archbench/error.h"
#include "archbench/project_io.h"
#include "archbench/report_json.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;
using engine_test::catalog;

namespace {

const Version& preset_version(const std::string& name) {
  const Version* v = engine_test::preset("event-sourcing.archbench.json").version(name);
  REQUIRE(v);
  return *v;
}

// users → events (queue) → projector (1 thread, `projector_ms`) → rm; reads users → rm.
// 20 writes/s over 100 keys; 50 reads/s.
std::string small_project(double projector_ms, int format_version = 5) {
  return R"({"format": "archbench-project", "format_version": )" + std::to_string(format_version) +
         R"(, "name": "x",
    "versions": [{"name": "V1",
      "workload": [{"name": "w", "entry": "users", "op": "write", "per_second": 20, "sync": false},
                   {"name": "r", "entry": "users", "op": "read", "per_second": 50,
                    "consistency": "eventual", "keys": 100}],
      "components": [{"id": "users", "kind": "users"},
                     {"id": "events", "kind": "message_queue",
                      "params": {"service_ms": 1, "replay_events": 1000000}},
                     {"id": "projector", "kind": "worker_pool",
                      "params": {"instances": 1, "concurrency": 1, "service_ms": )" +
         std::to_string(projector_ms) + R"(, "blocking": true}},
                     {"id": "rm", "kind": "database", "params": {"service_ms": 1}}],
      "links": [{"from": "users", "to": "events", "calls": {"w": 1}, "latency_ms": 0},
                {"from": "events", "to": "projector", "latency_ms": 0},
                {"from": "projector", "to": "rm", "latency_ms": 0},
                {"from": "users", "to": "rm", "calls": {"r": 1}, "latency_ms": 0}]}]})";
}

}  // namespace

TEST_CASE("A read model fed through a queue is stale with the Poisson probability on the projection's lag",
          "[event_sourcing]") {
  // V2: order events reach the read model through the topic "events" (2 ms to enqueue), the
  // projector (1 ms link, 4 ms of work) and its upsert (0.5 ms link, 3 ms, 0.5 ms back); every
  // wait is below a microsecond at 3–5% utilization, so the lag is the sum: L = 11.0 ms.
  const Report r = evaluate(preset_version("V2"), catalog());
  const ClassResult& get = *r.request_class("get_order");
  REQUIRE(get.stale);
  const StaleReads& s = *get.stale;
  CHECK(s.projection_queue == "events");
  CHECK_FALSE(s.projection_unbounded);
  CHECK(s.projection_lag_ms == Approx(11.0).epsilon(1e-3));
  CHECK(s.lag_ms == Approx(11.0).epsilon(1e-3));  // no replicas: the projection alone
  // 30 order events/s over 50,000 orders: λw = 6e-4 per s; P = 1 − e^(−λw·L) = 6.6e-6.
  CHECK(s.writes_per_key_per_s == Approx(6e-4).epsilon(1e-9));
  CHECK(s.stale_share == Approx(-std::expm1(-6e-4 * 0.011)).epsilon(1e-3));
  // For small λw·L a stale read is L/2 old on average.
  CHECK(s.staleness_ms == Approx(5.5).epsilon(1e-3));
  const std::string text = stale_reads_text(get);
  CHECK(text.find("read model fed through \"events\", 11.0 ms behind the writes") != std::string::npos);
  // V1 reads and writes one database in step: no stale figure.
  CHECK_FALSE(evaluate(preset_version("V1"), catalog()).request_class("get_order")->stale);
}

TEST_CASE("A store the writer also reaches without a queue is not a read model", "[event_sourcing]") {
  // The image pipeline inserts the row in PostgreSQL synchronously and its workers update it
  // later through SQS: views read a store written in step, with no replication lag stated.
  const Version* v1 = engine_test::preset("image-pipeline.archbench.json").version("V1");
  REQUIRE(v1);
  CHECK_FALSE(evaluate(*v1, catalog()).request_class("view")->stale);
}

TEST_CASE("A replay runs at the spare capacity of the projection and its callees", "[event_sourcing]") {
  // V2: 2 × 4 projector threads, each event holding one for 4 ms + 0.5 + 3 + 0.5 = 8 ms; 30 live
  // events/s keep it 30 × 0.008 / 8 = 3% busy. Spare: 8 × 0.97 / 0.008 = 970 events/s; the
  // read model's 20 connections at 4.95% busy could take 20 × 0.9505 / 0.003 = 6,337/s.
  const Report v2 = evaluate(preset_version("V2"), catalog());
  const ReplayFigures& a = *v2.component("events")->replay;
  CHECK(a.events == Approx(2e8));
  CHECK(a.live_per_s == Approx(30).epsilon(1e-9));
  CHECK(a.rate_per_s == Approx(970).epsilon(1e-3));
  CHECK(a.limited_by == "projector");
  REQUIRE(a.seconds);
  CHECK(*a.seconds == Approx(2e8 / 970).epsilon(1e-3));
  // V3: 8 × 8 threads could replay 64 × (1 − 0.00375) / 0.008 = 7,970/s; the read model's
  // (600 × 1.5 ms + 30 × 3 ms) / 20 = 4.95% busy connections take 20 × 0.9505 / 0.003 = 6,337.
  const Report v3 = evaluate(preset_version("V3"), catalog());
  const ReplayFigures& b = *v3.component("events")->replay;
  CHECK(b.rate_per_s == Approx(20 * (1 - 0.0495) / 0.003).epsilon(1e-3));
  CHECK(b.limited_by == "read_model");
  CHECK(replay_text(b).find("(the spare capacity of \"read_model\", with 30.0 live events/s)") !=
        std::string::npos);
  // The JSON report holds the same figures.
  const nlohmann::json j = report_to_json(v3, "x");
  bool found = false;
  for (const auto& c : j["components"]) {
    if (c["id"] != "events") continue;
    found = true;
    CHECK(c["replay"]["rate_per_s"].get<double>() == Approx(b.rate_per_s));
    CHECK(c["replay"]["limited_by"] == "read_model");
  }
  CHECK(found);
}

TEST_CASE("A replay is limited by a station deeper than the projection's direct callees",
          "[event_sourcing]") {
  // users → events → projector (8 threads, 1 ms, blocking) → svc (64 servers, 1 ms) → ledger
  // (one connection, 5 ms). 20 live events/s keep the ledger 20 × 0.005 = 10% busy: its spare
  // 1 × 0.9 / 0.005 = 180 events/s sets the replay, two calls below the queue's consumer (the
  // projector and svc could take thousands a second).
  const std::string text = R"({"format": "archbench-project", "format_version": 5, "name": "x",
    "versions": [{"name": "V1",
      "workload": [{"name": "w", "entry": "users", "op": "write", "per_second": 20, "sync": false}],
      "components": [{"id": "users", "kind": "users"},
                     {"id": "events", "kind": "message_queue",
                      "params": {"service_ms": 1, "replay_events": 1000000}},
                     {"id": "projector", "kind": "worker_pool",
                      "params": {"instances": 1, "concurrency": 8, "service_ms": 1, "blocking": true}},
                     {"id": "svc", "kind": "app_server",
                      "params": {"instances": 1, "concurrency": 64, "service_ms": 1, "blocking": false}},
                     {"id": "ledger", "kind": "database", "params": {"concurrency": 1, "service_ms": 5}}],
      "links": [{"from": "users", "to": "events", "latency_ms": 0},
                {"from": "events", "to": "projector", "latency_ms": 0},
                {"from": "projector", "to": "svc", "latency_ms": 0},
                {"from": "svc", "to": "ledger", "latency_ms": 0}]}]})";
  const Project p = parse_project(text, "deep.archbench.json", catalog());
  const Report r = evaluate(p.versions[0], catalog());
  const ReplayFigures& replay = *r.component("events")->replay;
  CHECK(replay.limited_by == "ledger");
  CHECK(replay.rate_per_s == Approx(0.9 / 0.005).epsilon(1e-6));
  REQUIRE(replay.seconds);
  CHECK(*replay.seconds == Approx(1e6 / 180).epsilon(1e-6));
}

TEST_CASE("A projection that cannot keep up leaves the read model ever further behind", "[event_sourcing]") {
  // 20 events/s into one thread of 100 ms: ρ = 2, the backlog grows.
  const Project p = parse_project(small_project(100), "es.archbench.json", catalog());
  const Report r = evaluate(p.versions[0], catalog());
  const ClassResult& read = *r.request_class("r");
  REQUIRE(read.stale);
  CHECK(read.stale->projection_unbounded);
  CHECK(stale_share_text(read) == "growing");
  CHECK(staleness_text(read) == "unbounded");
  CHECK(stale_reads_text(read).find("backlog grows without bound") != std::string::npos);
  const ReplayFigures& replay = *r.component("events")->replay;
  CHECK(replay.rate_per_s == 0);
  CHECK_FALSE(replay.seconds);
  CHECK(replay_text(replay).find("never") != std::string::npos);
  // 10 ms of work: the thread is held 10 ms + the read model's 1 ms (exponential each: holding
  // SCV (10² + 1²)/11² = 0.835), ρ = 20 × 0.011 = 0.22; the Pollaczek–Khinchine wait
  // ρ/(1−ρ) × (1 + 0.835)/2 × 11 ms = 2.846 ms. The lag is the queue's 1 ms + 2.846 + 11 =
  // 14.846 ms (the read model's 20 connections barely wait); P = 1 − e^(−λw·L), λw = 20/100.
  const Project ok = parse_project(small_project(10), "es.archbench.json", catalog());
  const Report fine = evaluate(ok.versions[0], catalog());
  const StaleReads& s = *fine.request_class("r")->stale;
  const double scv = (100.0 + 1.0) / 121.0;
  CHECK(s.projection_lag_ms == Approx(1 + 11 + 0.22 / 0.78 * (1 + scv) / 2 * 11).epsilon(1e-3));
  CHECK(s.stale_share == Approx(-std::expm1(-0.2 * s.projection_lag_ms / 1000)).epsilon(1e-9));
  // Replay: the thread's spare 1 × (1 − 0.22) / 0.011 s (10 ms + the 1 ms upsert it waits on).
  const ReplayFigures& fr = *fine.component("events")->replay;
  CHECK(fr.limited_by == "projector");
  CHECK(fr.rate_per_s == Approx((1 - 20 * 0.011) / 0.011).epsilon(0.01));
}

TEST_CASE("replay_events needs format 5 and is checked against the catalog's range", "[event_sourcing][format]") {
  CHECK_THROWS_WITH(parse_project(small_project(10, 4), "old.archbench.json", catalog()),
                    Catch::Contains("old.archbench.json") && Catch::Contains("replay_events") &&
                        Catch::Contains("needs format_version 5"));
  std::string negative = small_project(10);
  negative.replace(negative.find("\"replay_events\": 1000000"), 24, "\"replay_events\": -3");
  try {
    (void)parse_project(negative, "neg.archbench.json", catalog());
    FAIL("a negative replay_events was accepted");
  } catch (const InputError& e) {
    const std::string what = e.what();
    INFO(what);
    CHECK(what.find("neg.archbench.json") != std::string::npos);
    CHECK(what.find("/versions/0/components/1/params/replay_events") != std::string::npos);
  }
}
