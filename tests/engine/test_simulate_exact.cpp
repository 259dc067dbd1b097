// The simulator against exact queueing results: M/M/1, M/M/c, a tandem of M/M/1 stations and
// an open Jackson network with fan-out. Each figure must lie within its confidence interval
// (batch means, 10 batches; see sim_fixture.h for the level) of the closed form.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "sim_fixture.h"

using namespace sim_test;
using engine_test::catalog;

namespace {

// The p-quantile of a CDF on [0, ∞) by bisection.
double quantile_of(const std::function<double(double)>& cdf, double p) {
  double lo = 0, hi = 1e-3;
  while (cdf(hi) < p) hi *= 2;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (cdf(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// Hypoexponential CDF of a sum of independent exponentials with distinct rates r_i:
// F(t) = 1 − Σ_i (Π_{j≠i} r_j/(r_j − r_i)) e^{−r_i t}.
double hypoexp_cdf(const std::vector<double>& r, double t) {
  double tail = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    double coef = 1;
    for (std::size_t j = 0; j < r.size(); ++j)
      if (j != i) coef *= r[j] / (r[j] - r[i]);
    tail += coef * std::exp(-r[i] * t);
  }
  return 1 - tail;
}

// Erlang C: the probability that an arrival waits at an M/M/c station offered a = λS erlangs.
double erlang_c(int c, double a) {
  double b = 1;  // Erlang B by its recursion
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return c * b / (c - a * (1 - b));
}

}  // namespace

TEST_CASE("Simulated M/M/1 sojourn times match the exponential law", "[sim][exact]") {
  // λ = 7/s, S = 100 ms (μ = 10/s, ρ = 0.7): the sojourn is Exp(μ − λ = 3/s).
  // Mean 1/3 s = 333.3 ms; p50 = ln 2 / 3 = 231.0 ms; p95 = ln 20 / 3 = 998.6 ms;
  // p99 = ln 100 / 3 = 1,535 ms. 40,000 s simulated: 280,000 requests.
  const Version v = version(7, {station("s", 100, 1)}, {edge("users", "s")});
  const SimReport r = simulate(v, catalog(), run_for(400000));
  const SimClassResult& c = *r.request_class("q");
  REQUIRE(c.latency.has_value());
  CHECK(c.unfinished == 0);
  check_within("mean", c.latency->mean, 1000.0 / 3, 0.03);
  check_within("p50", c.latency->p50, 1000 * std::log(2.0) / 3, 0.03);
  check_within("p95", c.latency->p95, 1000 * std::log(20.0) / 3, 0.03);
  check_within("p99", c.latency->p99, 1000 * std::log(100.0) / 3, 0.05);
  // Utilization ρ = λS = 0.7 and the mean queue length Lq = ρ²/(1 − ρ) = 1.633, within 3%
  // (the run's own noise on these time averages is about 1%).
  const SimComponentResult& s = *r.component("s");
  CHECK(s.utilization == Approx(0.7).epsilon(0.03));
  CHECK(s.queue_length == Approx(0.49 / 0.3).epsilon(0.03));
  CHECK(s.arrival_per_s == Approx(7).epsilon(0.03));
}

TEST_CASE("Simulated M/M/c sojourn times match Erlang C", "[sim][exact]") {
  // c = 4, S = 100 ms (μ = 10/s), λ = 32/s: a = 3.2 erlangs, ρ = 0.8, C(4, 3.2) = 0.5964.
  // Sojourn = Exp(μ) + (with probability C) Exp(cμ − λ = 8/s):
  // F(t) = (1 − C)(1 − e^{−10t}) + C·Hypo(10, 8)(t); mean = C/8 + 1/10 s = 174.6 ms.
  const double C = erlang_c(4, 3.2);
  CHECK(C == Approx(0.5964).epsilon(1e-3));
  auto cdf = [C](double t) {
    return (1 - C) * (1 - std::exp(-10 * t)) + C * hypoexp_cdf({10, 8}, t);
  };
  const Version v = version(32, {station("s", 100, 4)}, {edge("users", "s")});
  const SimReport r = simulate(v, catalog(), run_for(200000));
  const SimClassResult& c = *r.request_class("q");
  REQUIRE(c.latency.has_value());
  check_within("mean", c.latency->mean, 1000 * (C / 8 + 0.1), 0.03);
  check_within("p50", c.latency->p50, 1000 * quantile_of(cdf, 0.5), 0.03);
  check_within("p95", c.latency->p95, 1000 * quantile_of(cdf, 0.95), 0.03);
  check_within("p99", c.latency->p99, 1000 * quantile_of(cdf, 0.99), 0.05);
  // Mean wait per visit W_q = C/(cμ − λ) = 74.6 ms, within 3%.
  CHECK(r.component("s")->wait_ms == Approx(1000 * C / 8).epsilon(0.03));
}

TEST_CASE("Simulated tandem of three M/M/1 stations gives the hypoexponential sojourn",
          "[sim][exact][jackson]") {
  // λ = 20/s through S = 10, 20, 30 ms: sojourns at successive FCFS M/M/1 stations of a tandem
  // are independent (Reich 1957), each Exp(μ_i − λ) with rates 80, 30, 13.33/s.
  // Mean = 12.5 + 33.33 + 75 = 120.8 ms.
  const std::vector<double> rates{80, 30, 1000.0 / 30 - 20};
  auto cdf = [&](double t) { return hypoexp_cdf(rates, t); };
  const Version v = version(20, {station("a", 10, 1), station("b", 20, 1), station("c", 30, 1)},
                            {edge("users", "a"), edge("a", "b"), edge("b", "c")});
  const SimReport r = simulate(v, catalog(), run_for(200000));
  const SimClassResult& c = *r.request_class("q");
  REQUIRE(c.latency.has_value());
  check_within("mean", c.latency->mean, 12.5 + 1000.0 / 30 + 75, 0.03);
  check_within("p50", c.latency->p50, 1000 * quantile_of(cdf, 0.5), 0.03);
  check_within("p95", c.latency->p95, 1000 * quantile_of(cdf, 0.95), 0.03);
  check_within("p99", c.latency->p99, 1000 * quantile_of(cdf, 0.99), 0.05);
}

TEST_CASE("Simulated Jackson network with fan-out and network delay matches the product form",
          "[sim][exact][jackson]") {
  // A calls B twice and C half the time, B calls D once; links users→A 1 ms, A→B 2 ms,
  // B→D 0.5 ms one way. λ = 10/s; visits A 1, B 2, C 0.5, D 2. Per-visit responses (Jackson:
  // each station M/M/c at its visit rate): A M/M/1 at 10/s, S 20 ms → 25 ms; B M/M/1 at 20/s,
  // S 10 ms → 12.5 ms; C M/M/2 at 5/s, S 40 ms → 40/(1 − 0.1²) = 40.40 ms; D M/M/1 at 20/s,
  // S 5 ms → 5.556 ms. Network: 2·1 + 2·2·2 + 2·2·0.5 = 12 ms.
  // Mean latency = 25 + 2·12.5 + 0.5·40.40 + 2·5.556 + 12 = 93.31 ms, exact: a request's fixed
  // route (A, B, D, B, D, maybe C) with FCFS exponential stations whose service does not depend
  // on the visit is a Kelly network, whose product form gives each visit the M/M/c response of
  // its station's total visit rate (Kelly, "Reversibility and Stochastic Networks", 1979, ch. 3).
  const Version v = version(10,
                            {station("A", 20, 1), station("B", 10, 1), station("C", 40, 2),
                             component("D", "database",
                                       {{"service_ms", ParamValue::of(5)},
                                        {"concurrency", ParamValue::of(1)},
                                        {"scv", ParamValue::of(1)}})},
                            {edge("users", "A", 1, 1.0), edge("A", "B", 2, 2.0),
                             edge("A", "C", 0.5), edge("B", "D", 1, 0.5)});
  const SimReport r = simulate(v, catalog(), run_for(400000));
  const SimClassResult& c = *r.request_class("q");
  REQUIRE(c.latency.has_value());
  const double mean = 25 + 2 * 12.5 + 0.5 * 40 / 0.99 + 2 * 1000.0 / 180 + 12;
  check_within("mean", c.latency->mean, mean, 0.03);
  // Each station's mean wait W_q = ρ/(μ − λ_i) for M/M/1 (A 5 ms, B 2.5 ms, D 0.556 ms) and
  // S·ρ²/(1 − ρ²) for M/M/2 (C: 0.404 ms), within 5% or 0.05 ms (the small waits are noisy).
  const std::pair<const char*, double> waits[] = {
      {"A", 5.0}, {"B", 2.5}, {"C", 40 * 0.01 / 0.99}, {"D", 0.1 * 1000.0 / 180}};
  for (const auto& [id, w] : waits) {
    INFO(id);
    CHECK(std::fabs(r.component(id)->wait_ms - w) <= std::max(0.05 * w, 0.05));
  }
  // Utilizations λ_i·S/c: A 0.2, B 0.2, C 0.1, D 0.1, within 3%.
  CHECK(r.component("A")->utilization == Approx(0.2).epsilon(0.03));
  CHECK(r.component("B")->utilization == Approx(0.2).epsilon(0.03));
  CHECK(r.component("C")->utilization == Approx(0.1).epsilon(0.03));
  CHECK(r.component("D")->utilization == Approx(0.1).epsilon(0.03));
}

TEST_CASE("The same seed gives the same report and another seed another", "[sim]") {
  const Version v = version(7, {station("s", 100, 1)}, {edge("users", "s")});
  SimulateOptions o = run_for(2000, 42);
  const SimReport a = simulate(v, catalog(), o);
  const SimReport b = simulate(v, catalog(), o);
  CHECK(a.events == b.events);
  CHECK(a.classes[0].latency->p95.value == b.classes[0].latency->p95.value);
  CHECK(a.classes[0].latency->mean.half_width == b.classes[0].latency->mean.half_width);
  o.seed = 43;
  const SimReport c = simulate(v, catalog(), o);
  CHECK(c.classes[0].latency->p95.value != a.classes[0].latency->p95.value);
}

TEST_CASE("Replications on several threads give the same figures as on one", "[sim]") {
  // Four replications, intervals over replications (t with 3 degrees of freedom).
  const Version v = version(7, {station("s", 100, 1)}, {edge("users", "s")});
  SimulateOptions o = run_for(2000, 5);
  o.replications = 4;
  o.threads = 1;
  const SimReport one = simulate(v, catalog(), o);
  o.threads = 4;
  const SimReport four = simulate(v, catalog(), o);
  CHECK(one.interval_method == "replications");
  CHECK(one.events == four.events);
  CHECK(one.classes[0].latency->p99.value == four.classes[0].latency->p99.value);
  CHECK(one.classes[0].latency->mean.value == four.classes[0].latency->mean.value);
  CHECK(one.classes[0].latency->mean.half_width == four.classes[0].latency->mean.half_width);
  CHECK(one.classes[0].latency->mean.half_width > 0);
  CHECK(one.components[1].utilization == four.components[1].utilization);
}
