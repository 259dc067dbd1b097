// Work still on its way when its request is over: a caller killed by a crash fails its request
// at once, while the message it was sending to a queue is still in transit.
#include <catch2/catch.hpp>

#include "sim_fixture.h"

using namespace sim_test;
using engine_test::catalog;

namespace {

// users → a → q → w: `a` 1 ms, non-blocking, 1,000 servers; the link a → q takes 20 ms; the
// queue's consumers `w` (200 threads of 5 ms) keep up with 100 messages/s (ρ = 0.0025 per
// thread), so nothing ever waits long and every request is over within a few tens of ms.
Version sender_queue_worker() {
  Version v = version(100,
                      {station("a", 1, 1000, 0),
                       component("q", "message_queue", {{"service_ms", ParamValue::of(1.0)}}),
                       component("w", "worker_pool",
                                 {{"instances", ParamValue::of(1)},
                                  {"concurrency", ParamValue::of(200)},
                                  {"service_ms", ParamValue::of(5.0)},
                                  {"blocking", ParamValue::of_bool(true)}})},
                      {edge("users", "a"), edge("a", "q", 1, 20), edge("q", "w", 1, 1)});
  v.workload[0].op = Op::Write;
  return v;
}

}  // namespace

TEST_CASE("A message in transit when its sender is killed belongs to no request",
          "[sim][faults]") {
  // `a` crashes for 10 ms every replication, at 30 s of 60 (3 s warm-up). Each request spends
  // 1 ms at a, then waits for its call to q: 20 ms there, 1 ms at q (the ack), 20 ms back. The
  // crash kills every visit of a then in progress, 100/s × 42 ms = 4.2 requests on average,
  // which fail at once, and the 100/s × 10 ms = 1 arriving while a is down: 5.2 per
  // replication, 1,560 over 300. Those killed in the first 20 ms of their call (≈ 2 per
  // replication, 600 in all) have a message still in transit: it reaches q and is worked on by
  // w, and must count neither for the finished request nor for the request that takes its slot
  // next: every measured request ends exactly once (the run's accounting throws otherwise) and
  // none is left unfinished after the drain.
  SimulateOptions o = run_for(60, 11);
  o.replications = 300;
  TimedFault crash;
  crash.fault.type = FaultType::Crash;
  crash.fault.component = "a";
  crash.start_s = 30;
  crash.end_s = 30.01;
  o.faults = {crash};
  SimReport r;
  REQUIRE_NOTHROW(r = simulate(sender_queue_worker(), catalog(), o));
  const SimClassResult& c = *r.request_class("q");
  CHECK(c.unfinished == 0);
  // 300 × 57 s × 100/s = 1.71 M measured; 1,560 failed, a Poisson count (standard deviation
  // about 40): within 10%.
  CHECK(static_cast<double>(c.measured) == Approx(300 * 57 * 100.0).epsilon(0.01));
  CHECK(c.failed * static_cast<double>(c.measured) == Approx(300 * 5.2).epsilon(0.1));
  // Every message, also those of killed senders, is worked on once by w.
  const SimComponentResult* w = r.component("w");
  REQUIRE(w != nullptr);
  CHECK(w->arrival_per_s == Approx(100).epsilon(0.01));
}
