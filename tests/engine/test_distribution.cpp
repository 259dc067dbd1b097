// Service-time shapes fitted to (mean, SCV), two-moment arithmetic, and the Euler inversion of
// transforms that gives every percentile.
#include <catch2/catch.hpp>

#include <cmath>

#include "archbench/distribution.h"

using namespace archbench;

namespace {

// Mean and second moment computed from the fitted shape's own parameters with the textbook
// formulas of each family (not through ServiceShape::moments()).
struct Raw {
  double mean, second;
};

Raw raw_moments(const ServiceShape& s) {
  using T = ServiceShape::Type;
  switch (s.type) {
    case T::Zero: return {0, 0};
    case T::Deterministic: return {s.mean, s.mean * s.mean};
    case T::Exponential: return {1 / s.rate1, 2 / (s.rate1 * s.rate1)};
    case T::ErlangMix: {
      // p·Erlang(k−1, r) + (1−p)·Erlang(k, r): E = Σ w·j/r, E[X²] = Σ w·j(j+1)/r².
      const double r = s.rate1, k = s.k, p = s.p;
      return {p * (k - 1) / r + (1 - p) * k / r,
              p * (k - 1) * k / (r * r) + (1 - p) * k * (k + 1) / (r * r)};
    }
    case T::Hyper2: {
      // p·Exp(r1) + (1−p)·Exp(r2): E = p/r1 + (1−p)/r2, E[X²] = 2p/r1² + 2(1−p)/r2².
      const double p = s.p, r1 = s.rate1, r2 = s.rate2;
      return {p / r1 + (1 - p) / r2, 2 * p / (r1 * r1) + 2 * (1 - p) / (r2 * r2)};
    }
  }
  return {0, 0};
}

// The LST of an exponential time with mean m, evaluated at every inversion point.
LstBatch exponential_lst(double m) {
  return [m](const std::array<cplx, kEulerNodes>& s, std::array<cplx, kEulerNodes>& out) {
    for (int j = 0; j < kEulerNodes; ++j) out[j] = 1.0 / (1.0 + m * s[j]);
  };
}

LstBatch shape_lst(const ServiceShape& shape) {
  return [shape](const std::array<cplx, kEulerNodes>& s, std::array<cplx, kEulerNodes>& out) {
    for (int j = 0; j < kEulerNodes; ++j) out[j] = shape.lst(s[j]);
  };
}

}  // namespace

TEST_CASE("ServiceShape::fit matches the mean and SCV exactly", "[distribution][fit]") {
  const double mean = 0.02;  // 20 ms
  struct Case {
    double scv;
    ServiceShape::Type type;
  };
  for (Case c : {Case{0.0, ServiceShape::Type::Deterministic}, Case{0.3, ServiceShape::Type::ErlangMix},
                 Case{1.0, ServiceShape::Type::Exponential}, Case{4.0, ServiceShape::Type::Hyper2}}) {
    INFO("scv = " << c.scv);
    const ServiceShape s = ServiceShape::fit(mean, c.scv);
    CHECK(s.type == c.type);
    // From the shape's parameters: E = 20 ms and Var = scv·E², i.e. E[X²] = (1 + scv)·E².
    const Raw r = raw_moments(s);
    CHECK(r.mean == Approx(mean).epsilon(1e-12));
    CHECK(r.second == Approx((1 + c.scv) * mean * mean).epsilon(1e-12));
    // The shape's own moments agree: variance = scv · (20 ms)².
    const Moments m = s.moments();
    CHECK(m.mean == Approx(mean).epsilon(1e-12));
    CHECK(m.var == Approx(c.scv * mean * mean).margin(1e-15 * mean * mean).epsilon(1e-12));
  }
}

TEST_CASE("ServiceShape::fit for SCV 0.3 is a mixture of Erlang(3) and Erlang(4)", "[distribution][fit]") {
  // Tijms: k = ⌈1/0.3⌉ = 4, p = [4·0.3 − √(4·1.3 − 16·0.3)]/1.3 = (1.2 − √0.4)/1.3 ≈ 0.43659.
  const ServiceShape s = ServiceShape::fit(1.0, 0.3);
  CHECK(s.k == 4);
  CHECK(s.p == Approx((1.2 - std::sqrt(0.4)) / 1.3).epsilon(1e-12));
  CHECK(s.p > 0);
  CHECK(s.p < 1);
}

TEST_CASE("Fitted shapes' transforms carry the same mean and variance", "[distribution][fit]") {
  // The transform, not just the stored moments, is what percentiles use: its derivatives at 0
  // are E = −L'(0) and E[X²] = L''(0). Central differences with h = 1e-4/mean (truncation
  // ~h²·E[X³] stays below 1e-6 even for SCV 4), relative 1e-5.
  const double mean = 0.05;
  for (double scv : {0.0, 0.3, 1.0, 4.0}) {
    INFO("scv = " << scv);
    const ServiceShape s = ServiceShape::fit(mean, scv);
    const double h = 1e-4 / mean;
    const double lp = s.lst(h).real(), l0 = s.lst(0.0).real(), lm = s.lst(-h).real();
    CHECK(l0 == Approx(1.0).epsilon(1e-15));
    CHECK(-(lp - lm) / (2 * h) == Approx(mean).epsilon(1e-5));
    CHECK((lp - 2 * l0 + lm) / (h * h) == Approx((1 + scv) * mean * mean).epsilon(1e-5));
  }
}

TEST_CASE("Euler inversion recovers the exponential CDF within 1e-6", "[distribution][inversion]") {
  const double m = 0.04;  // mean 40 ms
  const LstBatch lst = exponential_lst(m);
  for (double x : {0.05, 0.5, 1.0, 2.0, 4.6, 10.0}) {
    const double t = x * m;
    INFO("t = " << x << " means");
    const CdfPoint p = invert_at(lst, t);
    // F(t) = 1 − e^{−t/m}, absolute 1e-6.
    CHECK(p.cdf == Approx(1 - std::exp(-x)).margin(1e-6).epsilon(0));
    // f(t) = e^{−t/m}/m, relative 1e-6 (of the density scale 1/m).
    CHECK(p.pdf * m == Approx(std::exp(-x)).margin(1e-6).epsilon(0));
  }
}

// Euler inversion rings (Gibbs) around a jump of the CDF, so a time with an atom — a constant
// service (SCV 0) — is inverted with its point masses carried exactly beside the transform.
TEST_CASE("Inversion of a constant time with its atom is a step at its value",
          "[distribution][inversion]") {
  // L(s) = e^{−s·d}, d = 10 ms, atom {d, 1}: F(t) = 0 below d and 1 from d on.
  const ServiceShape d = ServiceShape::fit(0.01, 0.0);
  const Atoms atoms{{0.01, 1.0}};
  CHECK(invert_at(shape_lst(d), 0.005, atoms).cdf == Approx(0.0).margin(1e-6));
  CHECK(invert_at(shape_lst(d), 0.015, atoms).cdf == Approx(1.0).margin(1e-6));
  CHECK(invert_at(shape_lst(d), 0.02, atoms).cdf == Approx(1.0).margin(1e-6));
  // Any quantile of a constant is the constant.
  CHECK(quantile(shape_lst(d), 0.95, 0.0, 0.05, 0.02, nullptr, atoms) == Approx(0.01).epsilon(1e-4));
}

TEST_CASE("Atoms of sums and mixtures", "[distribution][atoms]") {
  // (10 ms w.p. ½, 20 ms w.p. ½) + (5 ms w.p. 1): 15 and 25 ms, ½ each.
  const Atoms sum = convolve({{0.01, 0.5}, {0.02, 0.5}}, {{0.005, 1.0}});
  REQUIRE(sum.size() == 2);
  CHECK(sum[0].time == Approx(0.015));
  CHECK(sum[1].mass == Approx(0.5));
  // A continuous summand (no atoms) leaves no atoms.
  CHECK(convolve(sum, {}).empty());
  // Mixing ¼ of {15 ms} into {15 ms: ½} merges the equal times: 0.5 + 0.25.
  Atoms mix{{0.015, 0.5}};
  add_scaled(mix, {{0.015, 1.0}}, 0.25);
  REQUIRE(mix.size() == 1);
  CHECK(mix[0].mass == Approx(0.75));
}

TEST_CASE("Quantile of an exponential is -m ln(1 - p)", "[distribution][quantile]") {
  const double m = 0.04;
  const LstBatch lst = exponential_lst(m);
  for (double p : {0.5, 0.95, 0.99}) {
    INFO("p = " << p);
    // t_p = −m ln(1 − p): 27.7 ms, 119.8 ms, 184.2 ms. Relative 1e-5 (the solver stops at
    // |F − p| < 1e-7, which moves t by at most 1e-7·m/(1 − p) ≤ 1e-5·m).
    const double expected = -m * std::log(1 - p);
    CHECK(quantile(lst, p, 0.0, 20 * m, m) == Approx(expected).epsilon(1e-5));
    // A poor guess (the bracket's edge) still converges.
    CHECK(quantile(lst, p, 0.0, 20 * m, 20 * m) == Approx(expected).epsilon(1e-5));
  }
}

TEST_CASE("Quantile of a hyperexponential matches its CDF", "[distribution][quantile]") {
  // H2 with mean 10 ms and SCV 4: F(t) = 1 − p·e^{−r1·t} − (1−p)·e^{−r2·t}. Check F(t95) = 0.95.
  const ServiceShape h = ServiceShape::fit(0.01, 4.0);
  REQUIRE(h.type == ServiceShape::Type::Hyper2);
  const double t95 = quantile(shape_lst(h), 0.95, 0.0, 0.5, 0.02);
  const double f = 1 - h.p * std::exp(-h.rate1 * t95) - (1 - h.p) * std::exp(-h.rate2 * t95);
  CHECK(f == Approx(0.95).margin(1e-6));
}

TEST_CASE("Moments compose: sequence adds and fractional calls repeat and branches mix",
          "[distribution][moments]") {
  const Moments e{2.0, 4.0, false};  // exponential, mean 2, variance 4
  // Independent sum: means and variances add, 2 + 2 = 4 and 4 + 4 = 8.
  const Moments s = seq(e, e);
  CHECK(s.mean == Approx(4.0).epsilon(1e-12));
  CHECK(s.var == Approx(8.0).epsilon(1e-12));
  // 1.5 calls: one for sure plus B·X with B ~ Bernoulli(0.5):
  // mean 1.5·2 = 3, var 4 + (0.5·E[X²] − (0.5·2)²) = 4 + (0.5·8 − 1) = 7.
  const Moments r = repeat(e, 1.5);
  CHECK(r.mean == Approx(3.0).epsilon(1e-12));
  CHECK(r.var == Approx(7.0).epsilon(1e-12));
  // Mixture with 0 w.p. 0.25: mean 0.75·2 = 1.5, E[X²] = 0.75·8 = 6, var 6 − 2.25 = 3.75.
  const Moments m = mix(e, 0.75, Moments{});
  CHECK(m.mean == Approx(1.5).epsilon(1e-12));
  CHECK(m.var == Approx(3.75).epsilon(1e-12));
  // An infinite part makes the whole unbounded.
  CHECK(seq(e, Moments::inf()).infinite);
  CHECK(repeat(Moments::inf(), 0.5).infinite);
  CHECK_FALSE(repeat(Moments::inf(), 0.0).infinite);  // never called
}

TEST_CASE("Quantiles of a nearly constant service (SCV 0.037 Erlang mixture) match its CDF",
          "[distribution][quantile]") {
  // 5–10 s uniform processing: mean 7.5 s, SCV 25/12/56.25 = 0.037. Tijms' fit: k = ⌈1/scv⌉ = 28
  // phases, Erlang(k−1) w.p. p, else Erlang(k), rate r. Erlang(j, r) CDF = 1 − Σ_{n<j} e^{−rt}(rt)^n/n!.
  const ServiceShape s = ServiceShape::fit(7.5, 0.037);
  REQUIRE(s.type == ServiceShape::Type::ErlangMix);
  auto erlang_cdf = [](int j, double r, double t) {
    double term = std::exp(-r * t), sum = 0;
    for (int n = 0; n < j; ++n) {
      sum += term;
      term *= r * t / (n + 1);
    }
    return 1 - sum;
  };
  auto cdf = [&](double t) {
    return s.p * erlang_cdf(s.k - 1, s.rate1, t) + (1 - s.p) * erlang_cdf(s.k, s.rate1, t);
  };
  for (double p : {0.5, 0.95, 0.99}) {
    double lo = 0, hi = 30;
    for (int i = 0; i < 200; ++i) {
      const double mid = 0.5 * (lo + hi);
      (cdf(mid) < p ? lo : hi) = mid;
    }
    INFO("p = " << p);
    CHECK(quantile(shape_lst(s), p, 0.0, 30.0, 7.5) == Approx(lo).epsilon(1e-3));
  }
}
