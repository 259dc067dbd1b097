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
  // 1.569 calls per request and 14.3 ms of their own work (generated chain 108's front): the
  // (1 + cs²)/2 scaling of the residence times lets X(n) pass what the marginal probabilities
  // assume, and with 8 threads their sum for "the server is busy" came out at 1.26. A call
  // waits with the probability that the server is busy, its utilization with one thread
  // fewer, X(n − 1) · 1.569 / 44.75, at most 1 (with 8 threads X(7) is just above the server's
  // 28.5 requests/s: every call waits).
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
  // = 0.71, X(1) = 1 / (14.3 ms + 1.569 / 44.75 s) = 20.24/s.
  const auto two = archbench::pool_waits(2, 0.0143, stations, all_busy(2));
  CHECK(two.waits[0].p_wait == Approx(1.569 / 44.75 / (0.0143 + 1.569 / 44.75)).epsilon(1e-9));
}
