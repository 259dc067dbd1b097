#include "analytic/thread_pool.h"

#include <algorithm>
#include <cmath>

namespace archbench {

PoolSolution solve_pool(long long threads, double lambda, double think,
                        const std::vector<PoolStation>& stations) {
  PoolSolution out;
  const std::size_t N = static_cast<std::size_t>(std::max<long long>(threads, 1));
  const std::size_t M = stations.size();
  // Exact MVA for load-dependent stations (Reiser & Lavenberg 1980): marginal probabilities
  // p[m][k] of k visits at station m with n threads in the closed network; a station with c
  // servers completes at rate min(k, c)/S.
  std::vector<std::vector<double>> p(M, std::vector<double>(N + 1, 0.0));
  for (auto& pm : p) pm[0] = 1.0;
  std::vector<double> X(N + 1, 0.0);
  // Per station and population b: what a visit arriving with b threads in the network sees
  // (arrival theorem: the network with b − 1), as P(wait) and E[wait; wait > 0].
  std::vector<std::vector<double>> pw(M, std::vector<double>(N + 1, 0.0)),
      cw(M, std::vector<double>(N + 1, 0.0));
  std::vector<double> R(M);
  for (std::size_t n = 1; n <= N; ++n) {
    double cycle = std::max(0.0, think);
    for (std::size_t m = 0; m < M; ++m) {
      const PoolStation& s = stations[m];
      const double c = static_cast<double>(s.servers);
      double r = 0, w = 0, wc = 0;
      for (std::size_t k = 1; k <= n; ++k) {
        const double kk = static_cast<double>(k);
        r += kk * s.service / std::min(kk, c) * p[m][k - 1];
        if (kk > c) {  // k − 1 ≥ c present: wait for k − c completions at rate c/S
          w += p[m][k - 1];
          wc += p[m][k - 1] * (kk - c) * s.service / c;
        }
      }
      pw[m][n] = w;
      cw[m][n] = wc;
      R[m] = s.visits / s.copies * r;  // per copy, per request
      cycle += s.copies * R[m];
    }
    X[n] = static_cast<double>(n) / cycle;
    for (std::size_t m = 0; m < M; ++m) {
      const PoolStation& s = stations[m];
      const double c = static_cast<double>(s.servers);
      const double demand = X[n] * s.visits / s.copies * s.service;
      double busy = 0;
      for (std::size_t k = n; k >= 1; --k) {
        p[m][k] = demand / std::min(static_cast<double>(k), c) * p[m][k - 1];
        busy += p[m][k];
      }
      p[m][0] = std::max(0.0, 1.0 - busy);
    }
  }
  // The pool as one server with rate X(min(n, N)) fed at λ: p(n) ∝ Π λ / X(min(j, N)), with a
  // geometric tail of ratio λ / X(N) beyond N.
  const double tail_ratio = lambda / X[N];
  if (!(tail_ratio < 1.0)) {
    out.saturated = true;
    out.waits.assign(M, {});
    return out;
  }
  std::vector<double> q(N + 1, 0.0);
  q[0] = 1.0;
  double total = 1.0;
  for (std::size_t n = 1; n <= N; ++n) {
    q[n] = q[n - 1] * lambda / X[n];
    total += n < N ? q[n] : q[n] / (1.0 - tail_ratio);
  }
  const double p_full = q[N] / (1.0 - tail_ratio) / total;  // PASTA: an arrival waits for a thread
  out.pool_wait = {p_full, 1.0 / (X[N] - lambda)};
  // Calls reach station m at a rate ∝ X(b) in a state with b busy threads.
  out.waits.resize(M);
  for (std::size_t m = 0; m < M; ++m) {
    double weight = 0, waits = 0, wait_sum = 0;
    for (std::size_t b = 1; b <= N; ++b) {
      const double state = b < N ? q[b] / total : p_full;
      const double w = state * X[b];
      weight += w;
      waits += w * pw[m][b];
      wait_sum += w * cw[m][b];
    }
    if (weight <= 0 || waits <= 0) continue;
    out.waits[m].p_wait = waits / weight;
    out.waits[m].cond_mean = wait_sum / waits * (1.0 + stations[m].scv) / 2.0;
  }
  return out;
}

}  // namespace archbench
