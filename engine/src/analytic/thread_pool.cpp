#include "analytic/thread_pool.h"

#include <algorithm>
#include <cmath>

namespace archbench {

namespace {

// 1 / (completion rate with k visits present) of one copy of a station.
double inverse_rate(const PoolStation& s, std::size_t k) {
  if (!s.rate.empty()) {
    const double x = s.rate[std::min(k, s.rate.size() - 1)];
    return x > 0 ? 1.0 / x : 0.0;
  }
  return s.service / std::min(static_cast<double>(k), static_cast<double>(s.servers));
}

// Exact MVA for load-dependent stations (Reiser & Lavenberg 1980) over n = 1..N threads:
// marginal probabilities p[m][k] of k visits at station m. With `busy` (P(n threads busy)),
// also accumulates what the pool's calls see, weighted by busy(n)·X(n), and the nested pools'
// busy threads, weighted by busy(n); without it only X is wanted.
std::vector<double> mva(long long threads, double think, const std::vector<PoolStation>& stations,
                        const std::vector<double>* busy, PoolWaits* out) {
  const std::size_t N = static_cast<std::size_t>(std::max<long long>(threads, 1));
  const std::size_t M = stations.size();
  std::vector<std::vector<double>> p(M, std::vector<double>(N + 1, 0.0));
  for (auto& pm : p) pm[0] = 1.0;
  std::vector<double> X(N + 1, 0.0);
  std::vector<double> weight(M, 0.0), waits(M, 0.0), wait_sum(M, 0.0);
  if (out) {
    out->waits.assign(M, {});
    out->nested.assign(M, {});
    for (std::size_t m = 0; m < M; ++m) {
      if (stations[m].rate.empty()) continue;
      const std::size_t c = static_cast<std::size_t>(std::max<long long>(stations[m].servers, 1));
      out->nested[m].assign(c + 1, 0.0);
      out->nested[m][0] = busy->empty() ? 1.0 : (*busy)[0];
    }
  }
  // A station with a server for every thread never queues: its residence time is its service
  // time whatever the population, and its marginal probabilities are not needed (O(N), not
  // O(N²), for such a station).
  std::vector<char> never_waits(M);
  for (std::size_t m = 0; m < M; ++m)
    never_waits[m] = stations[m].rate.empty() && stations[m].servers >= static_cast<long long>(N);
  std::vector<double> pw(M), cw(M);
  for (std::size_t n = 1; n <= N; ++n) {
    double cycle = std::max(0.0, think);
    for (std::size_t m = 0; m < M; ++m) {
      const PoolStation& s = stations[m];
      if (never_waits[m]) {
        pw[m] = cw[m] = 0;
        cycle += s.visits * s.service;
        continue;
      }
      const std::size_t c = static_cast<std::size_t>(std::max<long long>(s.servers, 1));
      // What a visit arriving with n threads in the network sees (arrival theorem: the network
      // with n − 1): with k − 1 ≥ c present it waits for k − c completions at the full rate.
      double r = 0, w = 0, wc = 0;
      for (std::size_t k = 1; k <= n; ++k) {
        r += static_cast<double>(k) * inverse_rate(s, k) * p[m][k - 1];
        if (k > c) {
          w += p[m][k - 1];
          wc += p[m][k - 1] * static_cast<double>(k - c) * inverse_rate(s, c);
        }
      }
      // The (1 + cs²)/2 scaling of the residence time below lets X(n) pass the capacity the
      // exponential marginal probabilities stand for (one server: X(n − 1)·v·S > 1); their sum
      // for "every server busy" then passes 1 (1.26 for a 1-thread middle behind 8 threads),
      // which would give the no-wait part of the wait's transform a negative weight. There
      // every call waits. The mean wait still comes from those marginals (docs/MODEL.md:
      // "The chance of waiting"). Below capacity, and for an exponential station, unchanged.
      w = std::min(1.0, w);
      pw[m] = w;
      cw[m] = wc;
      // The wait part of the residence time scaled by (1 + cs²)/2, as the waits themselves are
      // (below): a less variable holding time lets the same threads carry more. Only below 1:
      // above it (the presets' databases, exponential per class with different means) the
      // exponential MVA is what their agreement with simulation was established with.
      if (s.scv < 1) r -= (1.0 - (1.0 + s.scv) / 2.0) * wc;
      cycle += s.visits * r;  // s.copies copies, each with visits / copies of them
    }
    X[n] = static_cast<double>(n) / cycle;
    const double state = busy && n < busy->size() ? (*busy)[n] : 0.0;
    for (std::size_t m = 0; m < M; ++m) {
      const PoolStation& s = stations[m];
      if (never_waits[m]) continue;  // no waits to report
      const double flow = X[n] * s.visits / s.copies;
      double in_use = 0;
      for (std::size_t k = n; k >= 1; --k) {
        p[m][k] = flow * inverse_rate(s, k) * p[m][k - 1];
        in_use += p[m][k];
      }
      p[m][0] = std::max(0.0, 1.0 - in_use);
      if (!out || state <= 0) continue;
      weight[m] += state * X[n];
      waits[m] += state * X[n] * pw[m];
      wait_sum[m] += state * X[n] * cw[m];
      auto& nested = out->nested[m];
      if (nested.empty()) continue;
      for (std::size_t k = 0; k <= n; ++k)
        nested[std::min(k, nested.size() - 1)] += state * p[m][k];
    }
  }
  if (out) {
    for (std::size_t m = 0; m < M; ++m) {
      if (weight[m] <= 0 || waits[m] <= 0) continue;
      out->waits[m].p_wait = waits[m] / weight[m];
      out->waits[m].cond_mean = wait_sum[m] / waits[m] * (1.0 + stations[m].scv) / 2.0;
    }
  }
  return X;
}

}  // namespace

std::vector<double> pool_throughput(long long threads, double think,
                                    const std::vector<PoolStation>& stations) {
  return mva(threads, think, stations, nullptr, nullptr);
}

PoolSolution serve_poisson(const std::vector<double>& X, double lambda) {
  PoolSolution out;
  const std::size_t N = X.size() - 1;
  // p(n) ∝ Π λ / X(min(j, N)), with a geometric tail of ratio λ / X(N) beyond N.
  const double tail_ratio = lambda / X[N];
  if (!(tail_ratio < 1.0)) {
    out.saturated = true;
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
  out.busy.resize(N + 1);
  for (std::size_t b = 0; b <= N; ++b) out.busy[b] = b < N ? q[b] / total : p_full;
  return out;
}

PoolWaits pool_waits(long long threads, double think, const std::vector<PoolStation>& stations,
                     const std::vector<double>& busy) {
  PoolWaits out;
  mva(threads, think, stations, &busy, &out);
  return out;
}

double departure_scv(const std::vector<double>& X, const std::vector<PoolStation>& stations,
                     double holding_scv) {
  const std::size_t N = X.size() - 1;
  if (N < 1 || !(X[N] > 0)) return holding_scv;
  const double s = std::clamp(static_cast<double>(N) * (X[N] - X[N - 1]) / X[N], 0.0, 1.0);
  // The bottleneck: the most demand per request on one server of one copy.
  double most = 0, scv = holding_scv;
  for (const PoolStation& st : stations) {
    const double per_copy = st.visits / st.copies;
    const double servers = static_cast<double>(std::max<long long>(st.servers, 1));
    const double demand = st.rate.empty()          ? per_copy * st.service / servers
                          : st.rate.back() > 0 ? per_copy / st.rate.back()
                                               : 0.0;
    if (demand > most) {
      most = demand;
      scv = st.scv;
    }
  }
  const double w = std::max(0.0, 1.0 - 2.0 * s);
  return (1.0 - w) * holding_scv + w * scv;
}

}  // namespace archbench
