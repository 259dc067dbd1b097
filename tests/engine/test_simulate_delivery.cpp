// The simulator's lossy links (loss and duplicates under the caller's timeout and retries,
// run.cpp and run_limits.cpp) against the analytic figures of one call (archbench/delivery.h).
#include <catch2/catch.hpp>
#include <cmath>

#include "archbench/delivery.h"
#include "archbench/simulate.h"
#include "archbench/solver.h"
#include "sim_fixture.h"

using namespace sim_test;

namespace {

// users → app → pay at 100/s; the app → pay link loses `loss` of its messages, duplicates
// `duplicate` of its calls, under a 1 s timeout and two retries.
Version lossy(double loss, double duplicate) {
  Link l = edge("app", "pay");
  l.loss = loss;
  l.duplicate = duplicate;
  l.policy.timeout_ms = 1000;
  l.policy.retries = 2;
  Version v =
      version(100, {station("app", 1, 64), station("pay", 10, 64)}, {edge("users", "app"), l});
  v.workload[0].op = Op::Write;
  return v;
}

const SimLinkResult& pay_link(const SimReport& r) {
  for (const auto& l : r.links)
    if (l.to == "pay") return l;
  FAIL("no figures for app → pay");
  return r.links.front();
}

SimReport simulate(const Version& v) {
  SimulateOptions o;
  o.duration_s = 600;
  o.warmup_s = 60;
  o.seed = 5;
  return SimulationModel(v, engine_test::catalog()).run(o);
}

}  // namespace

TEST_CASE("Simulated lost answers are retried and repeat the work as the formula says",
          "[sim][patterns][delivery]") {
  // ℓ = 0.05: p = 1 − 0.95² = 0.0975; attempts 1 + p + p² = 1.10701; duplicates per call
  // (1 + p + p²)·0.95 − (1 − 0.05³) = 0.051784; failed p³ = 0.000927. About 54,000 calls:
  // the duplicate share's standard deviation is about 0.001.
  const Version v = lossy(0.05, 0);
  const CallDelivery d = call_delivery(0.05, 0, v.links[1].policy);
  CHECK(d.duplicates == Approx(0.051784).epsilon(1e-4));
  const SimReport r = simulate(v);
  const SimLinkResult& l = pay_link(r);
  REQUIRE(l.calls > 50000);
  const double calls = static_cast<double>(l.calls);
  INFO("calls " << l.calls << ", executions " << l.executions << ", duplicates " << l.duplicates);
  CHECK(static_cast<double>(l.duplicates) / calls == Approx(d.duplicates).margin(0.004));
  CHECK(static_cast<double>(l.attempts) / calls == Approx(d.attempts).margin(0.006));
  CHECK(static_cast<double>(l.executions) / calls == Approx(d.executions).margin(0.006));
  // The requests that fail after all three attempts: p³ of them, ~50 ± 7 of 54,000.
  CHECK(r.request_class("q")->failed == Approx(d.failed).margin(0.0004));
}

TEST_CASE("Simulated network duplicates repeat the work without a retry",
          "[sim][patterns][delivery]") {
  // d = 0.1 without loss: 1.1 executions per call, 0.1 duplicates, no retry.
  const SimReport r = simulate(lossy(0, 0.1));
  const SimLinkResult& l = pay_link(r);
  const double calls = static_cast<double>(l.calls);
  CHECK(static_cast<double>(l.duplicates) / calls == Approx(0.1).margin(0.005));
  CHECK(l.retries == 0);
  CHECK(r.request_class("q")->failed == 0);
}
