#include "archbench/queueing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include <boost/math/special_functions/gamma.hpp>

namespace archbench {

double erlang_b(long long servers, double offered) {
  if (offered <= 0) return 0.0;
  if (servers <= 0) return 1.0;
  // B = pmf(c) / P(X ≤ c) for X ~ Poisson(a), with P(X ≤ c) = Q(c + 1, a): O(1) for any c.
  const double c = static_cast<double>(servers);
  const double log_pmf = c * std::log(offered) - offered - std::lgamma(c + 1.0);
  const double cdf = boost::math::gamma_q(c + 1.0, offered);
  if (cdf <= 0) return 1.0;
  return std::min(1.0, std::exp(log_pmf) / cdf);
}

double erlang_c(long long servers, double offered) {
  if (offered <= 0) return 0.0;
  const double c = static_cast<double>(servers);
  const double rho = offered / c;
  if (c > offered + 40.0 * std::sqrt(offered) + 40.0) {
    // Far more servers than load (a CDN edge, a function's concurrency limit): the Poisson
    // tail beyond c is negligible, so B = pmf(c) / cdf(c) ≈ pmf(c), taken in logs to avoid
    // underflow. Skips an O(c) recursion for c in the hundreds of thousands.
    const double log_pmf = c * std::log(offered) - offered - std::lgamma(c + 1.0);
    const double b_far = std::exp(log_pmf);
    return b_far / (1.0 - rho * (1.0 - b_far));
  }
  if (servers > 2000) {
    // Large pools near their load: B = pmf(c)/P(X ≤ c) for X ~ Poisson(a), with
    // P(X ≤ c) = Q(c + 1, a), the regularized upper incomplete gamma function — O(1) instead of
    // a recursion over every server.
    const double log_pmf = c * std::log(offered) - offered - std::lgamma(c + 1.0);
    const double cdf = boost::math::gamma_q(c + 1.0, offered);
    const double b_big = cdf > 0 ? std::exp(log_pmf) / cdf : 1.0;
    return b_big / (1.0 - rho * (1.0 - b_big));
  }
  double b = 1.0;  // Erlang B with 0 servers
  for (long long k = 1; k <= servers; ++k) b = offered * b / (static_cast<double>(k) + offered * b);
  return b / (1.0 - rho * (1.0 - b));
}

const char* station_model_name(StationModel m) {
  switch (m) {
    case StationModel::MMc: return "M/M/c";
    case StationModel::AllenCunneen: return "G/G/c (Allen–Cunneen)";
    case StationModel::AllenCunneenLight: return "G/G/c (Allen–Cunneen with its light-traffic limit)";
    case StationModel::Pool: return "thread pool's closed network (MVA)";
  }
  return "";
}

double interpolated_wait_factor(double rho, double light, double heavy) {
  if (std::isnan(light) || !(rho < 1)) return heavy;
  const double r = std::clamp(rho, 0.0, 1.0);
  return (1 - r) * std::min(light, heavy) + r * heavy;
}

namespace {

// ∫_x^∞ P(S > u) du for a fitted shape (E[(S − x)⁺]).
double integrated_tail(const ServiceShape& s, double x) {
  using T = ServiceShape::Type;
  switch (s.type) {
    case T::Zero: return 0;
    case T::Deterministic: return std::max(0.0, s.mean - x);
    case T::Exponential: return std::exp(-s.rate1 * x) / s.rate1;
    case T::Hyper2:
      return s.p / s.rate1 * std::exp(-s.rate1 * x) + (1 - s.p) / s.rate2 * std::exp(-s.rate2 * x);
    case T::ErlangMix: {
      // Erlang(n, r): E[(S − x)⁺] = (1/r)·Σ_{i<n} (n − i)·e^{−rx}(rx)^i/i!, for a few phases by
      // the ratio of successive terms; for many, by its closed form with the regularized upper
      // incomplete gamma Q: (1/r)·[n·Q(n + 1, rx) − rx·Q(n, rx)] (E[S·1{S > x}] − x·P(S > x)).
      const double rx = s.rate1 * x;
      auto erlang = [&](int n) {
        if (n <= 0) return 0.0;
        return n * boost::math::gamma_q(n + 1.0, rx) - rx * boost::math::gamma_q(static_cast<double>(n), rx);
      };
      double shorter = 0, longer = 0;
      if (s.k <= 16 && rx < 600) {
        double term = std::exp(-rx);
        for (int i = 0; i < s.k; ++i) {
          longer += (s.k - i) * term;
          if (i < s.k - 1) shorter += (s.k - 1 - i) * term;
          term *= rx / (i + 1);
        }
      } else {
        shorter = erlang(s.k - 1);
        longer = erlang(s.k);
      }
      return (s.p * shorter + (1 - s.p) * longer) / s.rate1;
    }
  }
  return 0;
}

// t^n by squaring: n multiplications' worth of log₂ n steps, no log or exp.
double power(double t, long long n) {
  double result = 1;
  while (n > 0) {
    if (n & 1) result *= t;
    t *= t;
    n >>= 1;
  }
  return result;
}

}  // namespace

double light_traffic_ratio(long long servers, std::span<const HoldingPart> parts) {
  double weight = 0, mean = 0, second = 0, smallest = std::numeric_limits<double>::infinity(), reach = 0;
  for (const HoldingPart& part : parts) {
    if (!(part.weight > 0) || part.time.infinite) continue;
    weight += part.weight;
    mean += part.weight * part.time.mean;
    second += part.weight * part.time.second();
  }
  if (!(weight > 0) || !(mean > 0)) return 1.0;
  mean /= weight;
  second /= weight;
  if (servers <= 1) return second / (2 * mean * mean);  // c·E[R]/E[S] = E[S²]/(2E[S]²)
  const double c = static_cast<double>(servers);
  std::vector<std::pair<double, ServiceShape>> fitted;  // T(x) = Σ w·E[(S_k − x)⁺]
  fitted.reserve(parts.size());
  for (const HoldingPart& part : parts) {
    if (!(part.weight > 0) || part.time.infinite || !(part.time.mean > 0)) continue;
    const double m = part.time.mean;
    const double scv = part.time.var / (m * m);
    fitted.emplace_back(part.weight / weight / mean, ServiceShape::fit(m, scv));
    smallest = std::min(smallest, m);
    reach = std::max(reach, m * (1 + std::max(1.0, scv)));
  }
  if (fitted.empty() || !std::isfinite(reach)) return std::numeric_limits<double>::quiet_NaN();
  auto tail = [&](double x) {
    double t = 0;
    for (const auto& [w, shape] : fitted) t += w * integrated_tail(shape, x);
    return t;
  };
  // E[min of c residuals] = ∫_0^∞ T(x)^c dx with T(x) = P(R > x) = E[(S − x)⁺]/E[S]. T ≥ 1 − x/E[S],
  // so the integral is at least E[S]/(c + 1): [0, lo] with T ≈ 1 adds lo, a relative 1e-5 at most.
  // Beyond: x = e^u, ∫ T(e^u)^c e^u du by the trapezoidal rule, exponentially convergent for an
  // integrand smooth in u and decaying at both ends, up to 60 times the longest part's
  // mean·(1 + SCV), or until the integrand is negligible.
  const double lo = 1e-5 * std::min(smallest, mean / (c + 1));
  const double hi = 60 * reach;
  constexpr double h = 0.5;
  const double step = std::exp(h);
  double sum = 0;
  // At most ln(hi/lo)/h steps: below 200 for any finite reach.
  for (double x = lo * step; x <= hi; x *= step) {
    const double t = std::min(1.0, tail(x));
    if (!(t > 0)) break;  // 0, or NaN from a shape that could not be fitted
    const double term = power(t, servers) * x;
    sum += term;
    if (x > reach && term < 1e-12 * sum) break;
  }
  const double e_min = lo + h * (sum + 0.5 * lo);
  return c * e_min / mean;
}

double station_light_ratio(long long servers, double lambda, double holding, double cs2,
                           std::span<const HoldingPart> parts) {
  constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  if (servers <= 1 || !(lambda > 0) || !(holding > 0) || !(cs2 > 1.0 + 1e-9)) return kNone;
  const double offered = lambda * holding;
  if (offered >= static_cast<double>(servers) || erlang_c(servers, offered) < 1e-7) return kNone;
  // Only where it lowers the heavy-traffic factor (1 + cs²)/2 (solve_station with ca² = 1).
  const double light = light_traffic_ratio(servers, parts);
  return light < (1 + cs2) / 2 ? light : kNone;
}

StationSolution solve_station(long long servers, double lambda, double service, double ca2, double cs2,
                              double light) {
  StationSolution s;
  const double offered = lambda * service;
  const double c = static_cast<double>(servers);
  s.utilization = offered / c;
  s.exact = std::fabs(ca2 - 1.0) < 1e-9 && std::fabs(cs2 - 1.0) < 1e-9;
  if (lambda <= 0 || service <= 0) return s;
  if (s.utilization >= 1.0) {
    s.saturated = true;
    return s;
  }
  s.p_wait = erlang_c(servers, offered);
  const double mu = 1.0 / service;
  const double mmc_cond = 1.0 / (c * mu - lambda);  // M/M/c: W | W > 0 ~ Exp(cμ - λ)
  const double factor = s.exact ? 1.0 : interpolated_wait_factor(s.utilization, light, (ca2 + cs2) / 2.0);
  s.wait_cond_mean = mmc_cond * factor;
  s.wait_mean = s.p_wait * s.wait_cond_mean;
  return s;
}

}  // namespace archbench
