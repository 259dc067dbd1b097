#include "archbench/queueing.h"

#include <cmath>

namespace archbench {

double erlang_c(int servers, double offered) {
  if (offered <= 0) return 0.0;
  const double rho = offered / servers;
  if (servers > offered + 40.0 * std::sqrt(offered) + 40.0) {
    // Far more servers than load (a CDN edge, a function's concurrency limit): the Poisson
    // tail beyond c is negligible, so B = pmf(c) / cdf(c) ≈ pmf(c), taken in logs to avoid
    // underflow. Skips an O(c) recursion for c in the hundreds of thousands.
    const double log_pmf = servers * std::log(offered) - offered - std::lgamma(servers + 1.0);
    const double b_far = std::exp(log_pmf);
    return b_far / (1.0 - rho * (1.0 - b_far));
  }
  double b = 1.0;  // Erlang B with 0 servers
  for (int k = 1; k <= servers; ++k) b = offered * b / (k + offered * b);
  return b / (1.0 - rho * (1.0 - b));
}

StationSolution solve_station(int servers, double lambda, double service, double ca2, double cs2) {
  StationSolution s;
  const double offered = lambda * service;
  s.utilization = offered / servers;
  s.exact = std::fabs(ca2 - 1.0) < 1e-9 && std::fabs(cs2 - 1.0) < 1e-9;
  if (lambda <= 0 || service <= 0) return s;
  if (s.utilization >= 1.0) {
    s.saturated = true;
    return s;
  }
  s.p_wait = erlang_c(servers, offered);
  const double mu = 1.0 / service;
  const double mmc_cond = 1.0 / (servers * mu - lambda);  // M/M/c: W | W > 0 ~ Exp(cμ - λ)
  const double factor = s.exact ? 1.0 : (ca2 + cs2) / 2.0;
  s.wait_cond_mean = mmc_cond * factor;
  s.wait_mean = s.p_wait * s.wait_cond_mean;
  return s;
}

}  // namespace archbench
