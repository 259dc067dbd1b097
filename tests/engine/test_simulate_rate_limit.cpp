// The simulator's rate limits (a token bucket per limited split, run_limits.cpp) against the
// analytic admission (admitted = min(λ, R), each request refused with probability 1 − R/λ).
#include <catch2/catch.hpp>

#include "archbench/simulate.h"
#include "archbench/solver.h"
#include "sim_fixture.h"

using namespace sim_test;

namespace {

// users → gateway (limit R, 1 ms on 1,000 servers) → app (M/M/1 of 5 ms).
Version limited(double per_second, double limit) {
  Component gw = component("gateway", "api_gateway",
                           {{"service_ms", ParamValue::of(1)},
                            {"concurrency", ParamValue::of(1000)},
                            {"scv", ParamValue::of(1)},
                            {"rate_limit_per_s", ParamValue::of(limit)}});
  return version(per_second, {gw, station("app", 5, 1)},
                 {edge("users", "gateway"), edge("gateway", "app")});
}

SimReport simulate(const Version& v) {
  SimulateOptions o;
  o.duration_s = 600;
  o.warmup_s = 60;
  o.seed = 11;
  return SimulationModel(v, engine_test::catalog()).run(o);
}

}  // namespace

TEST_CASE("Simulated rate limit refuses the share the analytic admission gives",
          "[sim][patterns][rate_limit]") {
  // λ = 300/s against R = 100/s: analytic refused share 1 − 100/300 = 2/3. The bucket (100
  // tokens) is almost never full at three times its rate, so it admits R: 2/3 refused too.
  const Version v = limited(300, 100);
  const Report engine = evaluate(v, engine_test::catalog());
  const SimReport sim = simulate(v);
  const SimClassResult& c = *sim.request_class("q");
  REQUIRE(c.refused);
  INFO("simulated refused share " << *c.refused);
  CHECK(*c.refused == Approx(*engine.request_class("q")->refused_share).margin(0.005));
  CHECK(c.failed == Approx(*c.refused).margin(1e-12));  // nothing else fails here
  // The app is offered the admitted 100/s in both (1% of ~54,000 visits).
  CHECK(sim.component("app")->arrival_per_s ==
        Approx(engine.component("app")->arrival_per_s).epsilon(0.01));
}

TEST_CASE("Below its rate a simulated limit refuses next to nothing as the analytic one",
          "[sim][patterns][rate_limit]") {
  // λ = 50/s against R = 100/s with 100 tokens: the bucket empties only when 100 more requests
  // than tokens arrive within a refill, which Poisson arrivals at half the rate never do here.
  const Version v = limited(50, 100);
  const SimReport sim = simulate(v);
  REQUIRE(sim.request_class("q")->refused);
  CHECK(*sim.request_class("q")->refused == 0);
  CHECK(*evaluate(v, engine_test::catalog()).request_class("q")->refused_share == 0);
}

TEST_CASE("Behind a saturated token bucket the admitted stream is smoother than Poisson",
          "[sim][patterns][rate_limit]") {
  // The analytic model sends the app a Poisson stream of 100/s: M/M/1 wait ρS/(1 − ρ) = 5 ms.
  // A bucket emptied by 300/s lets through the first request after each token, and a token
  // comes every 10 ms: admissions at 10 ms·i + E_i with E_i exponential of mean 3.33 ms, a
  // lattice jittered by less than its step. Its wait lies between that of perfectly regular
  // arrivals, D/M/1 at ρ = 0.5 (σ = e^(−2(1 − σ)) = 0.2032, wait σ/(1 − σ)·S = 1.28 ms), and
  // the Poisson stream's 5 ms; the analytic figure is the pessimistic one (docs/PATTERNS.md).
  const Version v = limited(300, 100);
  const Report engine = evaluate(v, engine_test::catalog());
  const SimReport sim = simulate(v);
  REQUIRE(engine.component("app")->wait_ms);
  CHECK(*engine.component("app")->wait_ms == Approx(5).epsilon(1e-9));
  INFO("simulated wait " << sim.component("app")->wait_ms << " ms");
  CHECK(sim.component("app")->wait_ms > 1.28);
  CHECK(sim.component("app")->wait_ms < 0.6 * *engine.component("app")->wait_ms);
  CHECK(sim.request_class("q")->latency->p95.value < engine.request_class("q")->latency->p95);
}
