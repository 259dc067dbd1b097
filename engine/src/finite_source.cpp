#include "finite_source.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace archbench {

namespace {

// The birth–death chain of M/M/c//N with per-source call rate r and service rate μ:
// p(n) ∝ Π_{m=1..n} (N − m + 1)·r / (min(m, c)·μ). Returns the throughput Σ p(n)·min(n, c)·μ and
// leaves the unnormalized terms in `t` (rescaled on the way to stay finite).
double throughput(long long sources, long long servers, double r, double mu, std::vector<double>& t) {
  const std::size_t N = static_cast<std::size_t>(sources);
  t.assign(N + 1, 0.0);
  t[0] = 1.0;
  double total = 1.0, busy = 0.0;
  for (std::size_t n = 1; n <= N; ++n) {
    const double m = static_cast<double>(std::min<long long>(static_cast<long long>(n), servers));
    t[n] = t[n - 1] * static_cast<double>(N - n + 1) * r / (m * mu);
    total += t[n];
    busy += t[n] * m;
    if (t[n] > 1e250) {  // rescale every term so far; ratios are what matter
      for (std::size_t j = 0; j <= n; ++j) t[j] *= 1e-250;
      total *= 1e-250;
      busy *= 1e-250;
    }
  }
  return busy * mu / total;
}

}  // namespace

StationSolution solve_finite_source(long long sources, long long servers, double lambda,
                                    double service, double cs2) {
  StationSolution s;
  const double c = static_cast<double>(servers);
  s.utilization = lambda * service / c;
  if (lambda <= 0 || service <= 0) return s;
  if (s.utilization >= 1.0) {
    s.saturated = true;
    return s;
  }
  if (sources <= servers) return s;  // a free server for every possible call: no one waits
  const double mu = 1.0 / service;
  std::vector<double> t;
  // X(r) rises from 0 to c·μ > λ; X(λ/N) ≤ N·(λ/N) = λ brackets the root from below. Solve in
  // ln r by the Illinois variant of regula falsi (superlinear, and it keeps the bracket).
  double lo = std::log(lambda / static_cast<double>(sources)), hi = lo + 1.0;
  double f_lo = throughput(sources, servers, std::exp(lo), mu, t) - lambda;
  double f_hi = throughput(sources, servers, std::exp(hi), mu, t) - lambda;
  for (int i = 0; i < 200 && f_hi < 0; ++i) {
    lo = hi;
    f_lo = f_hi;
    hi += 2.0;
    f_hi = throughput(sources, servers, std::exp(hi), mu, t) - lambda;
  }
  double x = lo;
  int side = 0;
  for (int i = 0; i < 100; ++i) {
    x = f_hi == f_lo ? 0.5 * (lo + hi) : hi - f_hi * (hi - lo) / (f_hi - f_lo);
    const double f = throughput(sources, servers, std::exp(x), mu, t) - lambda;
    if (std::fabs(f) <= 1e-12 * lambda || (hi - lo) < 1e-14) break;
    if (f < 0) {
      lo = x;
      f_lo = f;
      if (side == -1) f_hi *= 0.5;
      side = -1;
    } else {
      hi = x;
      f_hi = f;
      if (side == 1) f_lo *= 0.5;
      side = 1;
    }
  }
  throughput(sources, servers, std::exp(x), mu, t);
  // An arrival finds n in service or waiting with probability ∝ (N − n)·p(n), and then waits
  // for n − c + 1 completions at rate c·μ when n ≥ c.
  const std::size_t N = static_cast<std::size_t>(sources);
  const std::size_t C = static_cast<std::size_t>(servers);
  double seen = 0, waits = 0, wait_sum = 0;
  for (std::size_t n = 0; n < N; ++n) {
    const double a = static_cast<double>(N - n) * t[n];
    seen += a;
    if (n >= C) {
      waits += a;
      wait_sum += a * static_cast<double>(n - C + 1) / (c * mu);
    }
  }
  if (seen <= 0 || waits <= 0) return s;
  s.p_wait = waits / seen;
  s.wait_cond_mean = wait_sum / waits * (1.0 + cs2) / 2.0;
  s.wait_mean = s.p_wait * s.wait_cond_mean;
  return s;
}

}  // namespace archbench
