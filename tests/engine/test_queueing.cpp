// One station in closed form: Erlang C against independent computations, M/M/1 and M/M/c means,
// the Allen–Cunneen G/G/c scaling and saturation.
#include <catch2/catch.hpp>

#include <cmath>

#include "archbench/queueing.h"

using namespace archbench;

namespace {

// Textbook Erlang C, C = [a^c/c! · c/(c−a)] / [Σ_{k<c} a^k/k! + a^c/c! · c/(c−a)], with every
// term scaled by e^{−a} (Poisson probabilities) and summed in long double. Independent of the
// engine's Erlang B recursion.
double erlang_c_sum(int c, double offered) {
  const long double a = offered;
  long double term = std::exp(-a);  // P(0)
  long double head = 0;
  for (int k = 0; k < c; ++k) {
    head += term;
    term *= a / static_cast<long double>(k + 1);  // P(k+1)
  }
  const long double tail = term * static_cast<long double>(c) / (static_cast<long double>(c) - a);
  return static_cast<double>(tail / (head + tail));
}

// The same in log space: ln P(k) = k·ln a − a − lnΓ(k+1), combined by log-sum-exp, so it never
// multiplies long chains of factors (suits thousands of servers).
double erlang_c_log(int c, double offered) {
  const long double a = offered;
  auto log_p = [&](int k) {
    return static_cast<long double>(k) * std::log(a) - a -
           std::lgamma(static_cast<long double>(k) + 1.0L);
  };
  const long double log_tail =
      log_p(c) + std::log(static_cast<long double>(c) / (static_cast<long double>(c) - a));
  long double top = log_tail;
  for (int k = 0; k < c; ++k) top = std::max(top, log_p(k));
  long double head = 0;
  for (int k = 0; k < c; ++k) head += std::exp(log_p(k) - top);
  const long double tail = std::exp(log_tail - top);
  return static_cast<double>(tail / (head + tail));
}

}  // namespace

TEST_CASE("Erlang C for one and two servers equals the closed forms", "[queueing][erlang]") {
  for (double rho : {0.5, 0.9, 0.999}) {
    INFO("rho = " << rho);
    // M/M/1: an arrival waits exactly when the server is busy, P(wait) = ρ.
    CHECK(erlang_c(1, rho) == Approx(rho).epsilon(1e-12));
    // M/M/2 with a = 2ρ: P(wait) = 2ρ² / (1 + ρ); ρ = 0.5 gives 1/3.
    CHECK(erlang_c(2, 2 * rho) == Approx(2 * rho * rho / (1 + rho)).epsilon(1e-12));
  }
  // Published value: M/M/2 at ρ = 0.5 waits with probability exactly 1/3.
  CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0).epsilon(1e-12));
}

TEST_CASE("Erlang C matches the textbook sum for 1 and 2 and 64 and 512 servers",
          "[queueing][erlang]") {
  for (int c : {1, 2, 64, 512}) {
    for (double rho : {0.5, 0.999}) {
      const double a = rho * c;
      INFO("c = " << c << ", rho = " << rho);
      const double by_sum = erlang_c_sum(c, a);
      const double by_logs = erlang_c_log(c, a);
      // The two references agree with each other (sanity of the references themselves).
      REQUIRE(by_sum == Approx(by_logs).epsilon(1e-12));
      // C(c, a) from the Erlang B recursion, relative 1e-10.
      CHECK(erlang_c(c, a) == Approx(by_logs).epsilon(1e-10));
    }
  }
}

TEST_CASE("Erlang C of many servers at high load stays accurate", "[queueing][erlang]") {
  // c = 512, ρ = 0.999: Halfin–Whitt β = (1−ρ)√c ≈ 0.0226, so almost every arrival waits
  // (C ≈ 0.97). Relative 1e-10 against the log-space sum.
  const double c = erlang_c(512, 0.999 * 512);
  CHECK(c == Approx(erlang_c_log(512, 0.999 * 512)).epsilon(1e-10));
  CHECK(c > 0.95);
  CHECK(c < 1.0);
  // c = 2048 at ρ = 0.9 (the recursion path), against the log-space sum.
  CHECK(erlang_c(2048, 0.9 * 2048) == Approx(erlang_c_log(2048, 0.9 * 2048)).epsilon(1e-9));
}

TEST_CASE("Erlang C far below capacity uses the Poisson tail and stays exact", "[queueing][erlang]") {
  // c = 100, a = 2 lies beyond a + 40√a + 40 ≈ 98.6: the engine's shortcut branch.
  // Exact value ≈ e^−2 · 2^100 / 100! ≈ 1.8e-129; relative 1e-9 against the sum.
  const double expected = erlang_c_log(100, 2.0);
  REQUIRE(expected > 0);
  CHECK(erlang_c(100, 2.0) == Approx(expected).epsilon(1e-9));
  // Just inside the recursion branch (c = 98) the value is also exact.
  CHECK(erlang_c(98, 2.0) == Approx(erlang_c_log(98, 2.0)).epsilon(1e-9));
}

TEST_CASE("Erlang C without load is zero", "[queueing][erlang]") {
  // No traffic: nobody waits.
  CHECK(erlang_c(4, 0.0) == 0.0);
}

TEST_CASE("M/M/1 station: W = 1/(mu - lambda)", "[queueing][station]") {
  SECTION("rho = 0.5") {
    // S = 1 s, λ = 0.5/s: W = 1/(1 − 0.5) = 2 s, Wq = W − S = 1 s, P(wait) = 0.5.
    const StationSolution s = solve_station(1, 0.5, 1.0, 1.0, 1.0);
    REQUIRE_FALSE(s.saturated);
    CHECK(s.exact);
    CHECK(s.utilization == Approx(0.5).epsilon(1e-12));
    CHECK(s.p_wait == Approx(0.5).epsilon(1e-12));
    CHECK(s.wait_mean + 1.0 == Approx(2.0).epsilon(1e-12));
    // Conditional wait of those who wait: Exp(μ − λ), mean 1/(1 − 0.5) = 2 s.
    CHECK(s.wait_cond_mean == Approx(2.0).epsilon(1e-12));
  }
  SECTION("rho = 0.999") {
    // S = 10 ms, λ = 99.9/s: W = 1/(100 − 99.9) = 10 s.
    const StationSolution s = solve_station(1, 99.9, 0.01, 1.0, 1.0);
    REQUIRE_FALSE(s.saturated);
    CHECK(s.utilization == Approx(0.999).epsilon(1e-12));
    CHECK(s.wait_mean + 0.01 == Approx(10.0).epsilon(1e-9));
  }
}

TEST_CASE("M/M/c station: W = C(c a)/(c·mu - lambda) + 1/mu", "[queueing][station]") {
  const double service = 0.02;  // 20 ms, μ = 50/s
  for (int c : {1, 2, 64, 512}) {
    for (double rho : {0.5, 0.999}) {
      INFO("c = " << c << ", rho = " << rho);
      const double lambda = rho * c / service;
      const StationSolution s = solve_station(c, lambda, service, 1.0, 1.0);
      REQUIRE_FALSE(s.saturated);
      CHECK(s.exact);
      // ρ = λ·S/c.
      CHECK(s.utilization == Approx(rho).epsilon(1e-12));
      const double pw = erlang_c_log(c, lambda * service);
      CHECK(s.p_wait == Approx(pw).epsilon(1e-10));
      // Wq = C / (cμ − λ); W = Wq + S.
      const double wq = pw / (c / service - lambda);
      CHECK(s.wait_mean == Approx(wq).epsilon(1e-9));
      CHECK(s.wait_mean + service == Approx(wq + service).epsilon(1e-9));
    }
  }
}

TEST_CASE("M/M/2 response time equals S/(1 - rho^2)", "[queueing][station]") {
  // M/M/2, S = 10 ms, λ = 150/s: ρ = 0.75, W = S/(1 − ρ²) = 0.01/0.4375 = 22.857 ms.
  const StationSolution s = solve_station(2, 150.0, 0.01, 1.0, 1.0);
  CHECK(s.wait_mean + 0.01 == Approx(0.01 / (1 - 0.75 * 0.75)).epsilon(1e-12));
}

TEST_CASE("Allen-Cunneen scales the M/M/c wait by (ca2 + cs2)/2", "[queueing][allen-cunneen]") {
  const int c = 4;
  const double lambda = 150.0, service = 0.02;  // a = 3, ρ = 0.75
  const StationSolution mmc = solve_station(c, lambda, service, 1.0, 1.0);
  REQUIRE(mmc.exact);
  struct Case {
    double ca2, cs2;
  };
  for (Case k : {Case{1.0, 0.0}, Case{1.0, 4.0}, Case{2.0, 0.5}, Case{0.5, 0.5}}) {
    INFO("ca2 = " << k.ca2 << ", cs2 = " << k.cs2);
    const StationSolution g = solve_station(c, lambda, service, k.ca2, k.cs2);
    CHECK_FALSE(g.exact);
    // The probability of waiting is still Erlang C; only the wait scales.
    CHECK(g.p_wait == Approx(mmc.p_wait).epsilon(1e-12));
    // Wq(G/G/c) = Wq(M/M/c) · (ca² + cs²)/2, e.g. (2 + 0.5)/2 = 1.25.
    CHECK(g.wait_mean == Approx(mmc.wait_mean * (k.ca2 + k.cs2) / 2).epsilon(1e-12));
    CHECK(g.utilization == Approx(0.75).epsilon(1e-12));
  }
}

TEST_CASE("Allen-Cunneen with one server and Poisson arrivals is Pollaczek-Khinchine",
          "[queueing][allen-cunneen]") {
  // M/G/1: Wq = ρ·S·(1 + cs²) / (2(1 − ρ)). S = 1 s, λ = 0.5/s.
  // M/D/1 (cs² = 0): Wq = 0.5·1·1/(2·0.5) = 0.5 s.
  CHECK(solve_station(1, 0.5, 1.0, 1.0, 0.0).wait_mean == Approx(0.5).epsilon(1e-12));
  // cs² = 4: Wq = 0.5·1·5/(2·0.5) = 2.5 s.
  CHECK(solve_station(1, 0.5, 1.0, 1.0, 4.0).wait_mean == Approx(2.5).epsilon(1e-12));
}

TEST_CASE("A station at or beyond full utilization is saturated", "[queueing][saturation]") {
  SECTION("rho exactly 1") {
    // λ·S/c = 2 · 0.5 / 1 = 1.
    const StationSolution s = solve_station(1, 2.0, 0.5, 1.0, 1.0);
    CHECK(s.saturated);
    CHECK(s.utilization == Approx(1.0).epsilon(1e-12));
  }
  SECTION("rho above 1 with many servers") {
    // λ·S/c = 1000 · 0.1 / 64 = 1.5625.
    const StationSolution s = solve_station(64, 1000.0, 0.1, 1.0, 1.0);
    CHECK(s.saturated);
    CHECK(s.utilization == Approx(1.5625).epsilon(1e-12));
    // No steady-state wait is reported as if it were a figure.
    CHECK(s.wait_mean == 0.0);
    CHECK(s.p_wait == 0.0);
  }
  SECTION("just below 1 is not saturated") {
    // λ·S/c = 0.9999 with c = 8: finite wait, P(wait) close to 1.
    const StationSolution s = solve_station(8, 799.92, 0.01, 1.0, 1.0);
    CHECK_FALSE(s.saturated);
    CHECK(std::isfinite(s.wait_mean));
    CHECK(s.wait_mean > 0);
    CHECK(s.p_wait == Approx(erlang_c_log(8, 7.9992)).epsilon(1e-9));
  }
}
