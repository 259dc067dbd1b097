#include "archbench/queueing.h"

#include <algorithm>
#include <cmath>

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
    case StationModel::Pool: return "thread pool's closed network (MVA)";
  }
  return "";
}

StationSolution solve_station(long long servers, double lambda, double service, double ca2, double cs2) {
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
  const double factor = s.exact ? 1.0 : (ca2 + cs2) / 2.0;
  s.wait_cond_mean = mmc_cond * factor;
  s.wait_mean = s.p_wait * s.wait_cond_mean;
  return s;
}

}  // namespace archbench
