// Watching a simulation from another thread (the app's progress bar and Cancel), and the
// timeline's per-step percentiles and link rates the app's charts and canvas replay show.
#include <catch2/catch.hpp>
#include <cmath>
#include <thread>

#include "sim_fixture.h"

using namespace sim_test;
using engine_test::catalog;

TEST_CASE("A finished simulation reports its whole simulated time as progress", "[sim][control]") {
  // λ = 5/s into one M/M/1 station, 2 replications of 200 s: total 400 s of simulated time.
  const Version v = version(5, {station("s", 50, 1)}, {edge("users", "s")});
  SimControl control;
  SimulateOptions o;
  o.duration_s = 200;
  o.warmup_s = 20;
  o.replications = 2;
  o.threads = 1;
  o.control = &control;
  CHECK(control.fraction() == 0);
  simulate(v, catalog(), o);
  CHECK(control.total_us.load() == 400'000'000);
  CHECK(control.fraction() == 1.0);
}

TEST_CASE("Cancelling a simulation stops it long before its end", "[sim][control]") {
  // λ = 100/s for 10^7 s: a billion requests, far more than the test could wait for. The run is
  // cancelled once it has reported progress; it must throw SimulationCancelled having covered
  // under 1% of its simulated time (it checks the flag every 4,096 events, a few seconds of
  // simulated time here).
  const Version v = version(100, {station("s", 5, 1)}, {edge("users", "s")});
  SimControl control;
  SimulateOptions o;
  o.duration_s = 1e7;
  o.warmup_s = 10;
  o.control = &control;
  bool cancelled = false;
  std::thread runner([&] {
    try {
      simulate(v, catalog(), o);
    } catch (const SimulationCancelled&) {
      cancelled = true;
    }
  });
  while (control.simulated_us.load() == 0) std::this_thread::yield();
  control.cancel = true;
  runner.join();
  CHECK(cancelled);
  INFO("covered " << control.fraction() << " of the run");
  CHECK(control.fraction() > 0);
  CHECK(control.fraction() < 0.01);
}

TEST_CASE("Cancelling replications on several threads stops them all", "[sim][control]") {
  const Version v = version(100, {station("s", 5, 1)}, {edge("users", "s")});
  SimControl control;
  control.cancel = true;  // before it starts: every replication stops at its first check
  SimulateOptions o;
  o.duration_s = 1e6;
  o.warmup_s = 10;
  o.replications = 4;
  o.threads = 2;
  o.control = &control;
  CHECK_THROWS_AS(simulate(v, catalog(), o), SimulationCancelled);
}

TEST_CASE("The timeline has each step's p95 and each link's call rate", "[sim][timeline]") {
  // M/M/1 with λ = 50/s, S = 10 ms (μ = 100/s): the sojourn is Exp(μ − λ = 50/s), so
  // p95 = ln 20 / 50 = 59.9 ms. Steps of 100 s hold about 5,000 requests each; the mean of
  // the per-step p95 over the 20 steps after warm-up is within 5% of it, and the link's rate
  // averages λ = 50/s within 2% (Poisson counts: 0.3% standard error over 100,000 arrivals).
  const Version v = version(50, {station("s", 10, 1)}, {edge("users", "s")});
  SimulateOptions o;
  o.duration_s = 2100;
  o.warmup_s = 100;
  o.timeline_step_s = 100;
  o.seed = 3;
  const SimReport r = simulate(v, catalog(), o);
  REQUIRE(r.timeline);
  const SimTimeline& t = *r.timeline;
  REQUIRE(t.call_links.size() == 1);
  CHECK(t.call_links[0] == "users → s");
  REQUIRE(t.p95_ms.size() == 1);
  REQUIRE(t.start_s.size() >= 21);
  double p95 = 0, rate = 0;
  for (std::size_t i = 1; i <= 20; ++i) {
    p95 += t.p95_ms[0][i] / 20;
    rate += t.calls_per_s[0][i] / 20;
  }
  const double exact_p95 = std::log(20.0) / 50 * 1000;
  CHECK(p95 == Approx(exact_p95).epsilon(0.05));
  CHECK(rate == Approx(50).epsilon(0.02));
}
