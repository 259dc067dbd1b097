// What a lossy link's retries add to the latency of the calls that are answered: the timeouts
// and backoffs waited before the attempt answered (archbench/delivery.h, retry_delays), in the
// mean, the percentiles and a blocking caller's holding time — against the exact distribution
// and against the simulator, which plays the timeouts out.
#include <catch2/catch.hpp>
#include <cmath>

#include "archbench/delivery.h"
#include "archbench/simulate.h"
#include "archbench/solver.h"
#include "sim_fixture.h"

using namespace sim_test;

namespace {

// users → a → b at 20/s: a 5 ms and b 10 ms, exponential, 1,000 servers each (no queueing);
// the link a → b takes 5 ms each way and loses 2% of its messages, under a 100 ms timeout and
// two retries after 50 ms, then 100 ms (no jitter).
Version lossy_pair() {
  Link ab = edge("a", "b", 1, 5);
  ab.loss = 0.02;
  ab.policy.timeout_ms = 100;
  ab.policy.retries = 2;
  ab.policy.backoff_ms = 50;
  ab.policy.backoff_multiplier = 2;
  return version(20, {station("a", 5, 1000), station("b", 10, 1000)}, {edge("users", "a"), ab});
}

// An attempt fails with p = 1 − 0.98² = 0.0396. Of the answered calls, i failed attempts came
// first with w_i = pⁱ(1 − p)/(1 − p³), after D_0 = 0, D_1 = 100 + 50 = 150 ms and
// D_2 = 150 + 100 + 100 = 350 ms. The answered request takes 10 ms of network, A + B
// (exponential, means 5 and 10 ms: hypoexponential, P(A + B ≤ y) = 1 − 2e^(−y/10) + e^(−y/5))
// and D.
constexpr double kP = 1 - 0.98 * 0.98;
double weight(int i) {
  return std::pow(kP, i) * (1 - kP) / (1 - kP * kP * kP);
}
constexpr double kDelay[] = {0, 150, 350};

double cdf(double x_ms) {
  double f = 0;
  for (int i = 0; i < 3; ++i) {
    const double y = x_ms - 10 - kDelay[i];
    if (y > 0) f += weight(i) * (1 - 2 * std::exp(-y / 10) + std::exp(-y / 5));
  }
  return f;
}

double quantile(double q) {
  double lo = 0, hi = 1000;
  for (int it = 0; it < 200; ++it) {
    const double mid = (lo + hi) / 2;
    (cdf(mid) < q ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace

TEST_CASE("Retry delays of a lossy link follow the attempts answered", "[patterns][delivery]") {
  LinkPolicy policy;
  policy.timeout_ms = 100;
  policy.retries = 2;
  policy.backoff_ms = 50;
  const auto d = retry_delays(0.02, policy);
  REQUIRE(d.size() == 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(d[static_cast<std::size_t>(i)].weight == Approx(weight(i)).epsilon(1e-12));
    CHECK(d[static_cast<std::size_t>(i)].delay_s * 1000 == Approx(kDelay[i]).margin(1e-9));
  }
  // Full jitter waits half the backoff on average, equal jitter three quarters.
  policy.jitter = true;
  CHECK(retry_delays(0.02, policy)[2].delay_s * 1000 == Approx(100 + 25 + 100 + 50));
  policy.jitter_equal = true;
  CHECK(retry_delays(0.02, policy)[2].delay_s * 1000 == Approx(100 + 37.5 + 100 + 75));
  // Nothing is added without loss, without a timeout (a lost call hangs) or without retries.
  CHECK(retry_delays(0, policy).empty());
  policy.retries = 0;
  CHECK(retry_delays(0.02, policy).empty());
  policy.retries = 2;
  policy.timeout_ms = 0;
  CHECK(retry_delays(0.02, policy).empty());
}

TEST_CASE("A lossy link's retries are in the class's mean and percentiles",
          "[patterns][delivery]") {
  // Mean: 10 + 5 + 10 + Σ w_i D_i = 25 + 0.038034 × 150 + 0.001506 × 350 = 31.233 ms. The
  // p99 falls in the retried calls' part (P(D > 0) = 3.96%): 181.3 ms, the quantile of the
  // mixture above (p50 22.78, p95 62.10 ms); without the retries it would be 63.0 ms.
  const QueueingModel model(lossy_pair(), engine_test::catalog());
  EvaluateOptions o;
  o.max_throughput = false;
  const Report r = model.evaluate(o);
  const auto& c = *r.request_class("q");
  REQUIRE(c.latency.has_value());
  const double mean = 25 + weight(1) * 150 + weight(2) * 350;
  CHECK(mean == Approx(31.233).margin(0.001));
  CHECK(c.latency->mean == Approx(mean).epsilon(1e-6));
  CHECK(c.latency->p50 == Approx(quantile(0.50)).epsilon(0.005));
  CHECK(c.latency->p95 == Approx(quantile(0.95)).epsilon(0.005));
  CHECK(c.latency->p99 == Approx(quantile(0.99)).epsilon(0.005));
  CHECK(quantile(0.99) == Approx(181.31).margin(0.01));
  CHECK(quantile(0.95) == Approx(62.10).margin(0.01));
}

TEST_CASE("The simulator's retried calls agree with the analytic latency", "[sim][delivery]") {
  // 20/s for 20,000 s (a tenth warm-up): 360,000 requests, about 14,000 of them retried. The
  // simulated mean, p95 and p99 within their 95% intervals (widened to 99%) of the exact ones.
  SimulateOptions o = run_for(20000, 3);
  const SimReport s = SimulationModel(lossy_pair(), engine_test::catalog()).run(o);
  const SimClassResult& c = *s.request_class("q");
  REQUIRE(c.latency.has_value());
  check_within("mean", c.latency->mean, 25 + weight(1) * 150 + weight(2) * 350, 0.02);
  check_within("p95", c.latency->p95, quantile(0.95), 0.03);
  check_within("p99", c.latency->p99, quantile(0.99), 0.03);
}
