// The simulator's random draws against their distributions. The exponential comes from a
// ziggurat (random.h): a wrong table or layer test would bend the distribution without
// changing the mean much, so the whole CDF is checked (Kolmogorov–Smirnov), and the tail
// beyond the ziggurat's base (x > r = 7.697), which takes its own path, is counted.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/histogram.h"
#include "sim/random.h"

using archbench::sim::Histogram;
using archbench::sim::Random;

namespace {

constexpr int kDraws = 1'000'000;

std::vector<double> standard_exponentials(std::uint64_t seed) {
  Random rng(seed, 0);
  std::vector<double> x(kDraws);
  for (auto& v : x) v = rng.standard_exponential();
  return x;
}

// sup_x |F_n(x) − F(x)| for F(x) = 1 − e^{−x}.
double ks_statistic(std::vector<double> x) {
  std::sort(x.begin(), x.end());
  const auto n = static_cast<double>(x.size());
  double d = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = 1 - std::exp(-x[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

}  // namespace

TEST_CASE("Ziggurat exponential draws follow the exponential CDF", "[sim][random]") {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    const std::vector<double> x = standard_exponentials(seed);
    // Kolmogorov–Smirnov at the 0.1% level: D·√n < 1.95 for a sample of the distribution.
    CHECK(ks_statistic(x) * std::sqrt(static_cast<double>(kDraws)) < 1.95);
    double sum = 0, sq = 0;
    for (const double v : x) {
      REQUIRE(v >= 0);
      REQUIRE(std::isfinite(v));
      sum += v;
      sq += v * v;
    }
    // Mean 1 with standard error 1/√n = 0.001; E[X²] = 2 with standard error √20/√n ≈ 0.0045.
    CHECK(sum / kDraws == Approx(1).margin(0.005));
    CHECK(sq / kDraws == Approx(2).margin(0.025));
  }
}

TEST_CASE("Ziggurat exponential draws reach the tail beyond the base layer", "[sim][random]") {
  // P(X > 7.697) = e^{−7.697} = 4.54e-4: 454 of a million, standard deviation √454 ≈ 21.
  // P(X > 12) = 6.1e-6: about 6; the tail path must make values past r, not stop at it.
  const std::vector<double> x = standard_exponentials(11);
  const auto beyond_r = std::count_if(x.begin(), x.end(), [](double v) { return v > 7.697117470131487; });
  CHECK(static_cast<double>(beyond_r) == Approx(454.0).margin(5 * 21.3));
  CHECK(*std::max_element(x.begin(), x.end()) > 11);
}

TEST_CASE("Exponential draws at a rate have mean one over the rate", "[sim][random]") {
  Random rng(5, 1);
  double sum = 0;
  for (int i = 0; i < kDraws; ++i) sum += rng.exponential(250);
  // Mean 1/250 = 4 ms, standard error 4 ms / 1000.
  CHECK(sum / kDraws == Approx(0.004).margin(0.004 * 0.005));
}

TEST_CASE("Histogram quantiles lie within a bucket of the exact order statistic", "[sim][random]") {
  // Exponential samples (mean 10 ms) spread over several powers of two, so several pages.
  Random rng(21, 0);
  std::vector<double> x(200'000);
  Histogram h, a, b;
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = rng.exponential(100);
    h.record(x[i]);
    (i % 2 == 0 ? a : b).record(x[i]);
  }
  Histogram merged;
  merged.merge(a);
  merged.merge(b);
  REQUIRE(h.count() == x.size());
  REQUIRE(merged.count() == x.size());
  std::sort(x.begin(), x.end());
  for (const double q : {0.01, 0.5, 0.95, 0.99, 0.999}) {
    const double exact = x[static_cast<std::size_t>(q * static_cast<double>(x.size()))];
    // One bucket spans 2^-7 = 0.78% of its value.
    CHECK(h.quantile(q) == Approx(exact).epsilon(0.0079));
    CHECK(merged.quantile(q) == h.quantile(q));
  }
  h.clear();
  CHECK(h.count() == 0);
  CHECK(h.quantile(0.5) == 0);
}
