// The simulator's failure model in time: retries with backoff (with and without jitter),
// timeouts, bulkheads, circuit breakers, cut links, traffic spikes and a queue's backlog
// during a consumer outage, each against the figure its rules give exactly or by a closed form.
#include <catch2/catch.hpp>
#include <cmath>

#include "archbench/solver.h"
#include "sim_fixture.h"

using namespace sim_test;
using engine_test::catalog;
using engine_test::preset;

namespace {

// users → a → b: `a` a non-blocking service of 5 ms exactly with 1,000 servers (no queueing),
// `b` a database; the link a → b has 10 ms one way and `policy`.
Version caller_callee(double per_second, const LinkPolicy& policy, double b_service_ms = 5,
                      double b_scv = 0, int b_servers = 1000) {
  Link ab = edge("a", "b", 1, 10);
  ab.policy = policy;
  return version(per_second,
                 {station("a", 5, 1000, 0), component("b", "app_server",
                                                      {{"service_ms", ParamValue::of(b_service_ms)},
                                                       {"concurrency", ParamValue::of(b_servers)},
                                                       {"scv", ParamValue::of(b_scv)},
                                                       {"blocking", ParamValue::of_bool(false)}})},
                 {edge("users", "a"), ab});
}

TimedFault fault(FaultType type, const std::string& component, double start, double end) {
  TimedFault f;
  f.fault.type = type;
  f.fault.component = component;
  f.start_s = start;
  f.end_s = end;
  return f;
}

SimulateOptions faulted_run(double duration_s, std::vector<TimedFault> faults = {}) {
  SimulateOptions o = run_for(duration_s, 3);
  o.faults = std::move(faults);
  return o;
}

const SimLinkResult& link(const SimReport& r, const std::string& from, const std::string& to) {
  for (const auto& l : r.links)
    if (l.from == from && l.to == to) return l;
  FAIL("no figures for the link " << from << " -> " << to);
  return r.links.front();
}

}  // namespace

TEST_CASE("Retries after a fixed backoff fail at the time the policy gives", "[sim][faults]") {
  // b is down for the whole run; a's call fails fast after the round trip (2 × 10 ms), is
  // retried twice after 100 ms and 200 ms (base 100 ms, multiplier 2, no jitter):
  // failure known at 5 + 20 + 100 + 20 + 200 + 20 = 365 ms, for every request.
  LinkPolicy p;
  p.retries = 2;
  p.backoff_ms = 100;
  p.backoff_multiplier = 2;
  const SimReport r = simulate(caller_callee(10, p), catalog(),
                               faulted_run(1000, {fault(FaultType::Crash, "b", 0, 5000)}));
  const SimClassResult& c = *r.request_class("q");
  CHECK(c.failed == 1.0);
  CHECK_FALSE(c.latency.has_value());
  REQUIRE(c.failed_latency.has_value());
  CHECK(c.failed_latency->mean.value == Approx(365).epsilon(1e-9));
  // A percentile is read from a log-bucketed histogram: within its 0.78% bucket.
  CHECK(c.failed_latency->p95.value == Approx(365).epsilon(0.008));
  const SimLinkResult& l = link(r, "a", "b");
  // Three attempts per call, two of them retries, all failed (to within the calls cut by the
  // measured window's edges).
  CHECK(static_cast<double>(l.failed_attempts) ==
        Approx(static_cast<double>(l.attempts)).margin(2));
  CHECK(static_cast<double>(l.retries) ==
        Approx(2.0 / 3 * static_cast<double>(l.attempts)).epsilon(0.002));
  CHECK(l.timeouts == 0);
}

TEST_CASE("Full jitter spreads each backoff uniformly below its base", "[sim][faults]") {
  // As above with jitter: the waits are U(0, 100 ms) and U(0, 200 ms), mean 50 + 100 ms, and
  // their sum is symmetric about 150 ms. Failure at 5 + 60 + 150 = 215 ms on average and at
  // the median.
  LinkPolicy p;
  p.retries = 2;
  p.backoff_ms = 100;
  p.backoff_multiplier = 2;
  p.jitter = true;
  const SimReport r = simulate(caller_callee(10, p), catalog(),
                               faulted_run(2000, {fault(FaultType::Crash, "b", 0, 5000)}));
  const SimClassResult& c = *r.request_class("q");
  REQUIRE(c.failed_latency.has_value());
  check_within("mean", c.failed_latency->mean, 215, 0.02);
  check_within("p50", c.failed_latency->p50, 215, 0.03);
}

TEST_CASE("A hung callee costs each attempt its timeout", "[sim][faults]") {
  // b hangs for the whole run; a times out after 50 ms, retries once at once:
  // failure at 5 + 50 + 50 = 105 ms, two timeouts per request.
  LinkPolicy p;
  p.timeout_ms = 50;
  p.retries = 1;
  const SimReport r = simulate(caller_callee(10, p), catalog(),
                               faulted_run(1000, {fault(FaultType::Hang, "b", 0, 5000)}));
  const SimClassResult& c = *r.request_class("q");
  CHECK(c.failed == 1.0);
  REQUIRE(c.failed_latency.has_value());
  CHECK(c.failed_latency->mean.value == Approx(105).epsilon(1e-9));
  const SimLinkResult& l = link(r, "a", "b");
  CHECK(l.timeouts == l.attempts);
  CHECK(static_cast<double>(l.retries) ==
        Approx(0.5 * static_cast<double>(l.attempts)).epsilon(0.002));
}

TEST_CASE("A simulated bulkhead rejects calls with the Erlang B probability", "[sim][faults]") {
  // Calls at λ = 50/s hold a bulkhead slot for 10 ms + an exponential 100 ms at b (1,000
  // servers: no wait) + 10 ms: mean 120 ms, offered a = 6 erlangs to M = 5 slots. A loss
  // system's blocking does not depend on the holding time's distribution (Erlang's
  // insensitivity): B(5, 6) = (6⁵/5!) / Σ_{k=0..5} 6ᵏ/k! = 64.8 / 179.8 = 0.3604.
  // Rejected calls fail (no fallback). 2,000 s: 95,000 requests, standard error 0.0016.
  LinkPolicy p;
  p.bulkhead = 5;
  const SimReport r = simulate(caller_callee(50, p, 100, 1), catalog(), faulted_run(2000));
  const SimClassResult& c = *r.request_class("q");
  CHECK(c.failed == Approx(64.8 / 179.8).margin(0.008));
  const SimLinkResult& l = link(r, "a", "b");
  CHECK(static_cast<double>(l.rejected_by_bulkhead) / static_cast<double>(c.measured) ==
        Approx(64.8 / 179.8).margin(0.008));
}

TEST_CASE("A breaker opens on a crashed callee and lets one probe through per open period",
          "[sim][faults]") {
  // b is down from 0 to 500 s of a 1,000 s run (50 s warm-up). The breaker opens once 20
  // attempts have failed (threshold 0.5), stays open 1 s, then lets one probe through, which
  // fails after its 20 ms round trip and reopens it: cycles of about 1 s + the wait for the next
  // call (1/50 s) + 20 ms. So over the 450 s of outage it opens about 450 / 1.04 = 433 times and
  // is open about 96% of that time; the fallback answers every call degraded. After the outage
  // the next probe succeeds and it closes: every request succeeds again.
  LinkPolicy p;
  p.breaker = true;
  p.breaker_threshold = 0.5;
  p.breaker_open_ms = 1000;
  p.fallback_degraded = true;
  SimulateOptions o = faulted_run(1000, {fault(FaultType::Crash, "b", 0, 500)});
  o.timeline_step_s = 10;
  const SimReport r = simulate(caller_callee(50, p), catalog(), o);
  const SimClassResult& c = *r.request_class("q");
  CHECK(c.failed == 0.0);
  CHECK(c.degraded == Approx(450.0 / 950).margin(0.01));
  const SimLinkResult& l = link(r, "a", "b");
  CHECK(static_cast<double>(l.breaker_opened) == Approx(450 / 1.04).epsilon(0.03));
  CHECK(l.breaker_open_share == Approx(450.0 / 950 * 1.0 / 1.04).epsilon(0.03));
  // Attempts while open are only the probes: one per opening.
  CHECK(static_cast<double>(l.failed_attempts) ==
        Approx(static_cast<double>(l.breaker_opened)).epsilon(0.03));
  REQUIRE(r.timeline.has_value());
  REQUIRE(r.timeline->breaker.size() == 1);
  CHECK(r.timeline->breaker[0][20] != "closed");  // the step [200 s, 210 s)
  CHECK(r.timeline->breaker[0][70] == "closed");  // [700 s, 710 s)
  CHECK(r.timeline->degraded[0][70] == 0);
}

TEST_CASE("A cut link without an answer fails each call at its timeout", "[sim][faults]") {
  // a → b cut from 200 s to 400 s of 1,000 s (50 s warm-up); timeout 100 ms, no retry.
  // Requests that call during the cut (200 of the 950 measured seconds) fail 5 + 100 ms after
  // they arrive, except those calling in its last 100 ms, which fail when it ends, 55 ms later
  // on average: mean (199.9 × 105 + 0.1 × 55) / 200 = 104.975 ms.
  LinkPolicy p;
  p.timeout_ms = 100;
  TimedFault cut;
  cut.fault.type = FaultType::Cut;
  cut.fault.component = "a";
  cut.fault.to = "b";
  cut.start_s = 200;
  cut.end_s = 400;
  const SimReport r = simulate(caller_callee(20, p), catalog(), faulted_run(1000, {cut}));
  const SimClassResult& c = *r.request_class("q");
  CHECK(c.failed == Approx(200.0 / 950).margin(0.01));
  REQUIRE(c.failed_latency.has_value());
  CHECK(c.failed_latency->mean.value == Approx(104.975).margin(0.05));
  CHECK(static_cast<double>(link(r, "a", "b").timeouts) ==
        Approx(c.failed * static_cast<double>(c.measured)).epsilon(0.01));
}

TEST_CASE("A traffic spike multiplies the arrivals in its window", "[sim][faults]") {
  // λ = 20/s, ×3 from 100 s to 200 s: 60 arrivals per second in that window (6,000 in all,
  // standard deviation 77), 20 outside it.
  TimedFault spike;
  spike.fault.type = FaultType::Spike;
  spike.fault.factor = 3;
  spike.start_s = 100;
  spike.end_s = 200;
  SimulateOptions o = faulted_run(300, {spike});
  o.timeline_step_s = 1;
  const SimReport r = simulate(caller_callee(20, LinkPolicy{}), catalog(), o);
  REQUIRE(r.timeline.has_value());
  double inside = 0, before = 0;
  for (std::size_t i = 0; i < 100; ++i) {
    before += static_cast<double>(r.timeline->arrived[0][i]);
    inside += static_cast<double>(r.timeline->arrived[0][100 + i]);
  }
  CHECK(inside == Approx(6000).margin(300));
  CHECK(before == Approx(2000).margin(180));
}

TEST_CASE("A ten minute worker outage builds the backlog arrival rate times outage and drains it",
          "[sim][faults][backlog]") {
  // Image pipeline V1: uploads at λ = 1.74/s are acknowledged at the queue and processed by the
  // worker pool. The workers are down from 100 s to 700 s: messages wait in the queue, so the
  // backlog peaks at λ × 600 s = 1,042 messages. Afterwards it drains at the pool's capacity
  // minus the inflow, μ − λ with μ = λ/ρ (ρ the pool's utilization at this load, from the
  // engine, 0.558: μ = 3.11/s): drain time = backlog / (μ − λ) = 1,042 / 1.38 = 758 s.
  // Poisson arrivals put a standard deviation of √1,042 = 32 messages (3%) on the peak; the
  // drain is a first passage of a random walk with drift μ − λ, whose standard deviation is
  // √(b(λ + μ)) / (μ − λ)^{3/2} = √(1,042 × 4.85) / 1.61 = 44 s (6%). Tolerances: 10% on the
  // peak, 15% on the drain (about 2.5 standard deviations). Seed 3 gives 1,019 and 707 s.
  const Version& v = preset("image-pipeline.archbench.json").versions.front();
  const Report steady = QueueingModel(v, catalog()).evaluate();
  const double lambda = steady.request_class("upload")->rate_per_s;
  const double rho = *steady.component("workers")->utilization;
  const double mu = lambda / rho;
  const double backlog = lambda * 600;
  const double drain = backlog / (mu - lambda);
  INFO("λ " << lambda << "/s, μ " << mu << "/s: backlog " << backlog << ", drain " << drain
            << " s");
  // The preset stores this run (Simulate > Examples): the same settings, run from the file.
  const StoredSimulation* stored = stored_simulation(v, "A 10-minute worker outage");
  REQUIRE(stored != nullptr);
  SimulateOptions expected = faulted_run(3000, {fault(FaultType::Crash, "workers", 100, 700)});
  expected.warmup_s = 50;
  const SimulateOptions o = simulation_options(*stored);
  CHECK(o.duration_s == expected.duration_s);
  CHECK(o.warmup_s == expected.warmup_s);
  CHECK(o.seed == expected.seed);
  CHECK(o.timeline_step_s == 1);
  REQUIRE(o.faults.size() == 1);
  CHECK(o.faults[0].fault.type == FaultType::Crash);
  CHECK(o.faults[0].fault.component == "workers");
  CHECK(o.faults[0].start_s == 100);
  CHECK(o.faults[0].end_s == 700);
  const SimReport r = simulate(v, catalog(), o);
  // Acknowledged at the queue: every upload succeeds during the outage.
  CHECK(r.request_class("upload")->success == 1.0);
  const SimComponentResult& workers = *r.component("workers");
  CHECK(static_cast<double>(workers.peak_queue) == Approx(backlog).epsilon(0.1));
  // Drained: the first second after the outage in which no message waits.
  REQUIRE(r.timeline.has_value());
  const auto& t = *r.timeline;
  std::size_t w = 0;
  while (t.components[w] != "workers") ++w;
  std::size_t step = 700;
  while (step < t.queue_length[w].size() && t.queue_length[w][step] > 0) ++step;
  REQUIRE(step < t.queue_length[w].size());
  CHECK(static_cast<double>(step) - 700 == Approx(drain).epsilon(0.15));
  // The oldest message at the end of the outage waited the whole 600 s: the completion p99.9 of
  // uploads is at least that long.
  REQUIRE(r.request_class("upload")->completion.has_value());
  CHECK(r.request_class("upload")->completion->p999.value > 500000);
}

TEST_CASE("Faults give the same report for the same seed", "[sim][faults]") {
  LinkPolicy p;
  p.timeout_ms = 50;
  p.retries = 2;
  p.backoff_ms = 20;
  p.jitter = true;
  p.breaker = true;
  TimedFault slow = fault(FaultType::Slow, "a", 100, 250);
  slow.fault.factor = 3;
  const auto o = faulted_run(300, {fault(FaultType::Hang, "b", 50, 150), slow});
  const SimReport a = simulate(caller_callee(30, p), catalog(), o);
  const SimReport b = simulate(caller_callee(30, p), catalog(), o);
  CHECK(a.events == b.events);
  CHECK(a.classes[0].failed == b.classes[0].failed);
  CHECK(a.classes[0].degraded == b.classes[0].degraded);
  CHECK(a.links[0].attempts == b.links[0].attempts);
}

TEST_CASE("A traced request shows each attempt of a retried call as its own span",
          "[sim][traces]") {
  // The retry case above: a's work ends at 5 ms; attempts are sent at 5, 5 + 20 + 100 = 125 and
  // 125 + 20 + 200 = 345 ms, each reaching b 10 ms later and failing there; the request fails at
  // 365 ms.
  LinkPolicy p;
  p.retries = 2;
  p.backoff_ms = 100;
  p.backoff_multiplier = 2;
  SimulateOptions o = faulted_run(200, {fault(FaultType::Crash, "b", 0, 5000)});
  o.traces = 4;
  const SimReport r = simulate(caller_callee(10, p), catalog(), o);
  REQUIRE(r.traces.size() == 4);
  const SimTrace& t = r.traces[1];
  CHECK(t.request_class == "q");
  CHECK(t.outcome == "failed");
  CHECK(t.latency_ms == Approx(365).epsilon(1e-9));
  // Traced requests are spread evenly over the measured window [10 s, 200 s): 47.5 s apart.
  CHECK(t.arrival_s >= 10 + 47.5);
  CHECK(t.arrival_s < 10 + 47.5 + 5);
  REQUIRE(t.spans.size() == 5);  // users, a, and three attempts at b
  CHECK(t.spans[0].component == "users");
  CHECK(t.spans[0].parent == -1);
  CHECK(t.spans[1].component == "a");
  CHECK(t.spans[1].service_ms == Approx(5).epsilon(1e-9));
  const double sent[] = {5, 125, 345};
  for (int i = 0; i < 3; ++i) {
    const SimSpan& b = t.spans[static_cast<std::size_t>(2 + i)];
    INFO("attempt " << i);
    CHECK(b.component == "b");
    CHECK(b.parent == 1);
    CHECK(b.attempt == i);
    CHECK(b.sent_ms == Approx(sent[i]).epsilon(1e-9));
    CHECK(b.arrived_ms == Approx(sent[i] + 10).epsilon(1e-9));
    CHECK(b.outcome == "failed");
  }
  CHECK(t.spans[1].end_ms == Approx(365).epsilon(1e-9));
}
