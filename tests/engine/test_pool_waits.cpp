// What a pool's calls see at its captive stations (engine/src/analytic/thread_pool.h): the
// probability that a call waits, against closed forms.
#include <catch2/catch.hpp>
#include <algorithm>
#include <vector>

#include "analytic/thread_pool.h"

using archbench::PoolStation;

namespace {

// Every thread busy: the calls are made with all N threads in the closed network.
std::vector<double> all_busy(std::size_t threads) {
  std::vector<double> busy(threads + 1, 0.0);
  busy[threads] = 1.0;
  return busy;
}

}  // namespace

TEST_CASE("A call waits at an exponential single server as in the machine-repairman model",
          "[pool]") {
  // 3 threads, 30 ms of their own work, one exponential server of 10 ms per call: a call made
  // with 3 threads in the network sees the network with 2 (arrival theorem), whose server is
  // busy with probability 1 − p0, p0 = 1 / Σ_k 2!/(2 − k)! (10/30)^k = 1 / (1 + 2/3 + 2/9)
  // = 0.5294: P(wait) = 0.4706.
  const std::vector<PoolStation> stations{{1.0, 0.010, 1.0, 1, 1, {}}};
  const auto w = archbench::pool_waits(3, 0.030, stations, all_busy(3));
  CHECK(w.waits[0].p_wait == Approx(1.0 - 1.0 / (1.0 + 2.0 / 3.0 + 2.0 / 9.0)).epsilon(1e-9));
}

TEST_CASE("A call waits at a less variable single server as often as the server is busy",
          "[pool]") {
  // Eight threads in front of one thread of a nested pool (rate 44.75/s, holding SCV 0.48),
  // 1.569 calls per request and 14.3 ms of their own work (generated chain 108's front). The
  // marginal probabilities of calls present stand for the server's utilization with one
  // thread fewer, X(n − 1) · 1.569 / 44.75 (arrival theorem and utilization law), while it is
  // below 1. The (1 + cs²)/2 scaling of the residence times lets X(n) pass the server's 28.5
  // requests/s from 3 threads on (X(2) · 1.569 / 44.75 = 1.03), and their sum for "the server
  // is busy" then passes 1 (1.26 with 8 threads): there every call waits, P(wait) = 1.
  const std::vector<PoolStation> stations{{1.569, 1 / 44.75, 0.48, 1, 1, {0.0, 44.75}}};
  const auto X = archbench::pool_throughput(8, 0.0143, stations);
  for (std::size_t n = 2; n <= 8; ++n) {
    const auto w = archbench::pool_waits(static_cast<long long>(n), 0.0143, stations, all_busy(n));
    const double utilization = X[n - 1] * 1.569 / 44.75;
    INFO(n << " threads: utilization with one fewer " << utilization);
    CHECK(w.waits[0].p_wait <= 1.0);
    CHECK(w.waits[0].p_wait == Approx(std::min(1.0, utilization)).epsilon(1e-9));
  }
  // With 2 threads a call finds the other one at the server with probability X(1)·1.569/44.75
  // = 0.71, X(1) = 1 / (14.3 ms + 1.569 / 44.75 s) = 20.26/s.
  const auto two = archbench::pool_waits(2, 0.0143, stations, all_busy(2));
  CHECK(two.waits[0].p_wait == Approx(1.569 / 44.75 / (0.0143 + 1.569 / 44.75)).epsilon(1e-9));
}

TEST_CASE("A call waits at two servers as in the two-server machine-repairman model and never with a chance above one",
          "[pool]") {
  // Exponential: 3 threads, 30 ms of their own work, two servers of 10 ms. A call made with 3
  // threads in the network sees the other 2 (arrival theorem) and waits when both are at the
  // servers: p(k) ∝ Π (2 − j)/30 ms · 10 ms / min(j + 1, 2), so p(1)/p(0) = 2/3 and
  // p(2)/p(1) = 1/6: P(wait) = (1/9) / (1 + 2/3 + 1/9) = 0.0625.
  const std::vector<PoolStation> exponential{{1.0, 0.010, 1.0, 2, 1, {}}};
  const auto w = archbench::pool_waits(3, 0.030, exponential, all_busy(3));
  CHECK(w.waits[0].p_wait == Approx((1.0 / 9) / (1 + 2.0 / 3 + 1.0 / 9)).epsilon(1e-9));
  // Less variable (SCV 0.48): two servers of 22.3 ms behind 8 threads of 14.3 ms each with
  // 1.569 calls. With 2 threads no call waits; from 3 on some do, and no probability passes
  // 1: with 8 threads the scaled X(8) passes the two servers' 57.0 requests/s and the
  // marginal sum for "both busy" came out at 1.22, so there every call waits.
  const std::vector<PoolStation> regular{{1.569, 1 / 44.75, 0.48, 2, 1, {}}};
  CHECK(archbench::pool_waits(2, 0.0143, regular, all_busy(2)).waits[0].p_wait == 0.0);
  for (std::size_t n = 3; n <= 8; ++n) {
    const auto v = archbench::pool_waits(static_cast<long long>(n), 0.0143, regular, all_busy(n));
    INFO(n << " threads");
    CHECK(v.waits[0].p_wait > 0.0);
    CHECK(v.waits[0].p_wait <= 1.0);
  }
  CHECK(archbench::pool_waits(8, 0.0143, regular, all_busy(8)).waits[0].p_wait == 1.0);
}
