#include "analytic/thread_pool.h"

#include <algorithm>
#include <cmath>

namespace archbench {

namespace {

// 1 / (completion rate with k visits present) of one copy of a station.
double inverse_rate(const PoolStation& s, std::size_t k) {
  if (!s.rate.empty()) {
    const std::size_t b = std::min<std::size_t>(k, s.rate.size() - 1);
    return s.rate[b] > 0 ? 1.0 / s.rate[b] : 0.0;
  }
  return s.service / std::min(static_cast<double>(k), static_cast<double>(s.servers));
}

}  // namespace

ClosedPool solve_closed(long long threads, double think, const std::vector<PoolStation>& stations) {
  ClosedPool out;
  out.threads = std::max<long long>(threads, 1);
  const std::size_t N = static_cast<std::size_t>(out.threads);
  const std::size_t M = stations.size();
  // Exact MVA for load-dependent stations (Reiser & Lavenberg 1980): marginal probabilities
  // p[m][k] of k visits at station m with n threads in the closed network.
  std::vector<std::vector<double>> p(M, std::vector<double>(N + 1, 0.0));
  for (auto& pm : p) pm[0] = 1.0;
  out.X.assign(N + 1, 0.0);
  out.pw.assign(M, std::vector<double>(N + 1, 0.0));
  out.cw.assign(M, std::vector<double>(N + 1, 0.0));
  out.present.assign(M, {});
  for (std::size_t m = 0; m < M; ++m) {
    if (!stations[m].rate.empty()) out.present[m].assign(N + 1, std::vector<double>{1.0});
  }
  std::vector<double> R(M);
  for (std::size_t n = 1; n <= N; ++n) {
    double cycle = std::max(0.0, think);
    for (std::size_t m = 0; m < M; ++m) {
      const PoolStation& s = stations[m];
      const std::size_t c = static_cast<std::size_t>(std::max<long long>(s.servers, 1));
      // What a visit arriving with n threads sees (arrival theorem: the network with n − 1):
      // with k − 1 ≥ c present it waits for k − c completions at the full rate.
      double r = 0, w = 0, wc = 0;
      for (std::size_t k = 1; k <= n; ++k) {
        r += static_cast<double>(k) * inverse_rate(s, k) * p[m][k - 1];
        if (k > c) {
          w += p[m][k - 1];
          wc += p[m][k - 1] * static_cast<double>(k - c) * inverse_rate(s, c);
        }
      }
      out.pw[m][n] = w;
      out.cw[m][n] = wc;
      R[m] = s.visits / s.copies * r;  // per copy, per request
      cycle += s.copies * R[m];
    }
    out.X[n] = static_cast<double>(n) / cycle;
    for (std::size_t m = 0; m < M; ++m) {
      const PoolStation& s = stations[m];
      const double flow = out.X[n] * s.visits / s.copies;
      double busy = 0;
      for (std::size_t k = n; k >= 1; --k) {
        p[m][k] = flow * inverse_rate(s, k) * p[m][k - 1];
        busy += p[m][k];
      }
      p[m][0] = std::max(0.0, 1.0 - busy);
      if (!out.present[m].empty()) out.present[m][n].assign(p[m].begin(), p[m].begin() + n + 1);
    }
  }
  return out;
}

PoolSolution serve_poisson(const ClosedPool& pool, double lambda) {
  PoolSolution out;
  const std::size_t N = static_cast<std::size_t>(pool.threads);
  // p(n) ∝ Π λ / X(min(j, N)), with a geometric tail of ratio λ / X(N) beyond N.
  const double tail_ratio = lambda / pool.X[N];
  if (!(tail_ratio < 1.0)) {
    out.saturated = true;
    return out;
  }
  std::vector<double> q(N + 1, 0.0);
  q[0] = 1.0;
  double total = 1.0;
  for (std::size_t n = 1; n <= N; ++n) {
    q[n] = q[n - 1] * lambda / pool.X[n];
    total += n < N ? q[n] : q[n] / (1.0 - tail_ratio);
  }
  const double p_full = q[N] / (1.0 - tail_ratio) / total;  // PASTA: an arrival waits for a thread
  out.pool_wait = {p_full, 1.0 / (pool.X[N] - lambda)};
  out.busy.resize(N + 1);
  for (std::size_t b = 0; b <= N; ++b) out.busy[b] = b < N ? q[b] / total : p_full;
  return out;
}

std::vector<WaitShape> station_waits(const ClosedPool& pool, const std::vector<double>& busy,
                                     const std::vector<PoolStation>& stations) {
  std::vector<WaitShape> out(stations.size());
  for (std::size_t m = 0; m < stations.size(); ++m) {
    double weight = 0, waits = 0, wait_sum = 0;
    for (std::size_t b = 1; b < busy.size(); ++b) {
      const double w = busy[b] * pool.X[b];
      weight += w;
      waits += w * pool.pw[m][b];
      wait_sum += w * pool.cw[m][b];
    }
    if (weight <= 0 || waits <= 0) continue;
    out[m].p_wait = waits / weight;
    out[m].cond_mean = wait_sum / waits * (1.0 + stations[m].scv) / 2.0;
  }
  return out;
}

std::vector<double> nested_busy(const ClosedPool& outer, const std::vector<double>& busy,
                                std::size_t station, long long servers) {
  const std::size_t c = static_cast<std::size_t>(std::max<long long>(servers, 1));
  std::vector<double> out(c + 1, 0.0);
  out[0] = busy.empty() ? 1.0 : busy[0];
  for (std::size_t n = 1; n < busy.size(); ++n) {
    const auto& k_present = outer.present[station][n];
    for (std::size_t k = 0; k < k_present.size(); ++k) out[std::min(k, c)] += busy[n] * k_present[k];
  }
  return out;
}

}  // namespace archbench
