// The simulator's arrival shapes: deterministic (against the exact D/M/1 queue), bursty
// (a two-state Markov-modulated Poisson process that keeps the stated mean), and rate
// profiles (a ramp and a daily curve) by thinning.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "sim_fixture.h"

using namespace sim_test;
using engine_test::catalog;

namespace {

SimulateOptions shaped(double duration_s, const ArrivalShape& a, double step_s = 0) {
  SimulateOptions o;
  o.duration_s = duration_s;
  o.warmup_s = duration_s / 20;
  o.arrivals = a;
  o.timeline_step_s = step_s;
  o.seed = 11;
  return o;
}

// Arrivals in the timeline's steps [from, to).
double arrived(const SimReport& r, std::size_t from, std::size_t to) {
  double n = 0;
  for (std::size_t i = from; i < to; ++i) n += static_cast<double>(r.timeline->arrived[0].at(i));
  return n;
}

}  // namespace

TEST_CASE("Simulated deterministic arrivals match the D/M/1 queue", "[sim][exact][arrivals]") {
  // Arrivals every 1/7 s, exponential service of 100 ms (μ = 10/s). For GI/M/1 the sojourn is
  // exponential with rate μ(1 − σ), σ the root in (0, 1) of σ = A*(μ(1 − σ)), A* the
  // interarrival time's transform: here σ = exp(−(10/7)(1 − σ)) = 0.46700 (Kleinrock, vol. 1,
  // §6.4). Mean 1/(10 × 0.53300) = 187.6 ms; p50 = ln 2 × 187.6 = 130.0 ms; p95 = ln 20 ×
  // 187.6 = 562.0 ms; p99 = ln 100 × 187.6 = 864.0 ms. (Poisson arrivals at the same rate give
  // 333 ms: regular arrivals wait far less.)
  double sigma = 0.5;
  for (int i = 0; i < 200; ++i) sigma = std::exp(-(10.0 / 7) * (1 - sigma));
  CHECK(sigma == Approx(0.46700).epsilon(1e-4));
  const double mean = 1000 / (10 * (1 - sigma));
  ArrivalShape a;
  a.kind = ArrivalShape::Kind::Deterministic;
  const SimReport r = simulate(version(7, {station("s", 100, 1)}, {edge("users", "s")}), catalog(),
                               shaped(100000, a));
  const SimClassResult& c = *r.request_class("q");
  REQUIRE(c.latency.has_value());
  // Exactly 7 per second arrive in the measured 95,000 s.
  CHECK(static_cast<double>(c.measured) == Approx(7 * 95000).margin(1));
  check_within("mean", c.latency->mean, mean, 0.03);
  check_within("p50", c.latency->p50, std::log(2.0) * mean, 0.03);
  check_within("p95", c.latency->p95, std::log(20.0) * mean, 0.03);
  check_within("p99", c.latency->p99, std::log(100.0) * mean, 0.05);
}

TEST_CASE("Regular arrivals at a constant service time never wait", "[sim][arrivals]") {
  // D/D/1: a request every 0.1 s, 50 ms of constant work: every latency is exactly 50 ms.
  ArrivalShape a;
  a.kind = ArrivalShape::Kind::Deterministic;
  const SimReport r = simulate(version(10, {station("s", 50, 1, 0)}, {edge("users", "s")}),
                               catalog(), shaped(1000, a));
  const SimClassResult& c = *r.request_class("q");
  REQUIRE(c.latency.has_value());
  CHECK(c.latency->mean.value == Approx(50).epsilon(1e-9));
  CHECK(c.latency->p99.value == Approx(50).epsilon(0.008));  // within its histogram bucket
  CHECK(r.component("s")->wait_ms == 0);
}

TEST_CASE("Bursty arrivals keep the stated mean and come in two levels", "[sim][arrivals]") {
  // λ = 20/s with bursts ×5 a tenth of the time, 10 s long on average: 14.29/s between bursts,
  // 71.43/s in them, mean 0.9 × 14.29 + 0.1 × 71.43 = 20/s. The count over T = 20,000 s has
  // an index of dispersion 1 + 2(λ₂ − λ₁)² p(1 − p) / (λ(r₁ + r₂)) = 266 (r₁ = 1/10 s,
  // r₂ = 1/90 s the switching rates), so its standard deviation is √(266 × 400,000) =
  // 10,300 (2.6%): the mean is checked within 8%.
  ArrivalShape a;
  a.kind = ArrivalShape::Kind::Bursty;
  a.burst_factor = 5;
  a.burst_share = 0.1;
  a.burst_mean_s = 10;
  const SimReport r = simulate(version(20, {station("s", 30, 1)}, {edge("users", "s")}), catalog(),
                               shaped(20000, a, 1));
  const double total = arrived(r, 0, 20000);
  CHECK(total == Approx(20 * 20000).epsilon(0.08));
  // Seconds in bursts see about 71 arrivals, the others about 14.
  std::vector<double> per_second(r.timeline->arrived[0].begin(),
                                 r.timeline->arrived[0].begin() + 20000);
  std::sort(per_second.begin(), per_second.end());
  CHECK(per_second[10000] == Approx(14).margin(4));   // median: between bursts
  CHECK(per_second[19500] == Approx(71).margin(12));  // 97.5th percentile: in a burst
  // Bursts overload the 30 ms station (71.4 × 0.03 = 2.1): far longer tails than the M/M/1
  // at the mean rate (p95 = ln 20 / (33.3 − 20) = 225 ms).
  CHECK(r.request_class("q")->latency->p95.value > 2 * 225);
}

TEST_CASE("A ramp profile thins arrivals to the rate times the multiplier", "[sim][arrivals]") {
  // λ = 20/s × m(t), m from 0.5 at 0 to 1.5 at 1,000 s. Arrivals in [0, 100 s):
  // 20 × 100 × (0.5 + 0.05) = 1,100; in [900, 1,000): 20 × 100 × 1.45 = 2,900 (Poisson:
  // standard deviations 33 and 54).
  ArrivalShape a;
  a.profile = ArrivalShape::Profile::Ramp;
  a.ramp_from = 0.5;
  a.ramp_to = 1.5;
  const SimReport r = simulate(version(20, {station("s", 10, 1)}, {edge("users", "s")}), catalog(),
                               shaped(1000, a, 1));
  CHECK(arrived(r, 0, 100) == Approx(1100).margin(130));
  CHECK(arrived(r, 900, 1000) == Approx(2900).margin(200));
}

TEST_CASE("A daily profile peaks and dips around the stated rate", "[sim][arrivals]") {
  // λ = 20/s × (1 + 0.5 cos(2π (t − 250 s) / 1,000 s)): around the peak at 250 s, [200, 300)
  // receives 20 × ∫(1 + 0.5 cos) = 2,000 + 20 × 0.5 × (1,000/2π) × 2 sin(π/10) = 2,984; around
  // the trough at 750 s, 2,000 − 984 = 1,016 (standard deviations 55 and 32).
  ArrivalShape a;
  a.profile = ArrivalShape::Profile::Daily;
  a.daily_amplitude = 0.5;
  a.daily_period_s = 1000;
  a.daily_peak_s = 250;
  const SimReport r = simulate(version(20, {station("s", 10, 1)}, {edge("users", "s")}), catalog(),
                               shaped(1000, a, 1));
  const double swing = 20 * 0.5 * (1000 / (2 * M_PI)) * std::sin(M_PI / 10) * 2;  // 984
  CHECK(arrived(r, 200, 300) == Approx(2000 + swing).margin(200));
  CHECK(arrived(r, 700, 800) == Approx(2000 - swing).margin(130));
}

TEST_CASE(
    "Round-robin over two instances gives each the E2/M/1 queue and least connections does better",
    "[sim][exact][balancing]") {
  // Λ = 14/s over 2 instances of one 100 ms exponential server (μ = 10/s, ρ = 0.7 each).
  // Random: each instance is M/M/1 at 7/s, p95 = ln 20 / (10 − 7) = 998.6 ms.
  // Round-robin: each gets every other arrival, Erlang-2 interarrivals of rate Λ per phase, so
  // GI/M/1 with σ = (Λ/(Λ + μ(1 − σ)))² = 0.61548 and sojourn Exp(μ(1 − σ)): mean 260.1 ms,
  // p50 180.3 ms, p95 779.1 ms, p99 1,198 ms. Least connections (join the shortest queue)
  // has no closed form here; it must beat round-robin.
  double sigma = 0.5;
  for (int i = 0; i < 500; ++i) sigma = std::pow(14 / (14 + 10 * (1 - sigma)), 2);
  CHECK(sigma == Approx(0.61548).epsilon(1e-4));
  const double mean = 1000 / (10 * (1 - sigma));
  Component s = station("s", 100, 1);
  s.params["instances"] = ParamValue::of(2);
  const Version v = version(14, {s}, {edge("users", "s")});
  SimulateOptions o = shaped(100000, ArrivalShape{});
  o.balancing = SimulateOptions::Balancing::RoundRobin;
  const SimReport rr = simulate(v, catalog(), o);
  const SimLatency& l = *rr.request_class("q")->latency;
  check_within("mean", l.mean, mean, 0.03);
  check_within("p50", l.p50, std::log(2.0) * mean, 0.03);
  check_within("p95", l.p95, std::log(20.0) * mean, 0.03);
  check_within("p99", l.p99, std::log(100.0) * mean, 0.05);
  o.balancing = SimulateOptions::Balancing::Random;
  const SimReport random = simulate(v, catalog(), o);
  check_within("random p95", random.request_class("q")->latency->p95, 1000 * std::log(20.0) / 3,
               0.03);
  o.balancing = SimulateOptions::Balancing::LeastConnections;
  const SimReport jsq = simulate(v, catalog(), o);
  CHECK(jsq.request_class("q")->latency->p95.value < 0.9 * l.p95.value);
}

TEST_CASE("A timeline covers every whole step of the arrivals however the run ends", "[sim][arrivals]") {
  // 1,000 s at 1 s steps: 1,000 steps whether the last request ends just before or after 1,000 s,
  // for several seeds (the run ends on a different event each time).
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    INFO("seed " << seed);
    SimulateOptions o = shaped(1000, ArrivalShape{}, 1);
    o.seed = seed;
    const SimReport r = simulate(version(20, {station("s", 10, 1)}, {edge("users", "s")}), catalog(), o);
    REQUIRE(r.timeline);
    CHECK(r.timeline->start_s.size() >= 1000);
    CHECK(r.timeline->arrived[0].size() == r.timeline->start_s.size());
    CHECK(r.timeline->start_s[999] == Approx(999));
  }
}
