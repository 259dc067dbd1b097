#include "class_latency.h"

#include <cmath>

namespace archbench {

namespace {

using Values = std::array<cplx, kEulerNodes>;

// Z^⌊c⌋ · ((1 − f) + f·Z): ⌊c⌋ calls for sure and one more with probability f = frac(c).
cplx repeat_lst(cplx z, double calls) {
  const double n = std::floor(calls);
  const double f = calls - n;
  cplx r = 1.0;
  if (n > 0) r = n <= 8 ? [&] {
    cplx p = 1.0;
    for (int i = 0; i < static_cast<int>(n); ++i) p *= z;
    return p;
  }()
                        : std::pow(z, n);
  return r * ((1.0 - f) + f * z);
}

}  // namespace

void ClassLatency::transform(int k, bool done, const Values& s, Values& out) const {
  const std::size_t N = cv_.nodes.size();
  thread_local std::vector<Values> lst;
  lst.resize(N);
  for (auto it = cv_.callers_first.rbegin(); it != cv_.callers_first.rend(); ++it) {
    const int i = *it;
    if (cv_.visits[k][i] <= 0) continue;
    const CNode& n = cv_.nodes[i];
    const NodeState& ns = st_.nodes[i];
    Values& v = lst[i];
    const WaitShape* wait = n.route[k] >= 0 ? &ns.roles[n.route[k]].wait : nullptr;
    const ServiceShape& shape = n.shape[k];
    for (int j = 0; j < kEulerNodes; ++j) {
      cplx down = 1.0;
      switch (n.behaviour) {
        case Behaviour::Client:
        case Behaviour::Service:
        case Behaviour::Cache: {
          cplx chain = 1.0;
          for (const auto& l : n.out) {
            if (l.calls[k] <= 0) continue;
            chain *= repeat_lst(std::exp(-2.0 * l.latency_s * s[j]) * lst[l.to][j], l.calls[k]);
          }
          down = n.behaviour == Behaviour::Cache ? n.hit[k] + (1.0 - n.hit[k]) * chain : chain;
          break;
        }
        case Behaviour::Split:
        case Behaviour::Queue: {
          if (n.behaviour == Behaviour::Queue && !done) break;
          const double trips = n.behaviour == Behaviour::Split ? 2.0 : 1.0;
          cplx sum = 0.0;
          for (const auto& l : n.out) {
            const double p = cv_.route_probability(n, l, k);
            if (p > 0) sum += p * std::exp(-trips * l.latency_s * s[j]) * lst[l.to][j];
          }
          down = sum;
          break;
        }
        case Behaviour::Store: break;
      }
      cplx own = shape.lst(s[j]);
      if (wait) own *= wait->lst(s[j]);
      v[j] = own * down;
    }
  }
  out = lst[cv_.classes[k].entry];
}

Latency ClassLatency::latency(int k, bool done, bool percentiles) const {
  const NodeState& entry = st_.nodes[cv_.classes[k].entry];
  const Moments& m = done ? entry.visit_done[k] : entry.visit[k];
  Latency out;
  out.mean = m.mean * 1000;
  if (!percentiles || m.mean <= 0) {
    out.p50 = out.p95 = out.p99 = out.mean;
    return out;
  }
  const double sd = std::sqrt(m.var);
  LstBatch lst = [&](const Values& s, Values& values) { transform(k, done, s, values); };
  // Cantelli: P(T ≥ μ + kσ) ≤ 1/(1 + k²), so F(μ + 10σ) ≥ 0.99.
  double hi = m.mean + 10.0 * sd + 1e-9 * m.mean + 1e-12;
  for (int i = 0; i < 4 && invert_at(lst, hi).cdf < 0.99; ++i) hi *= 2;  // inversion noise
  const double p50 = quantile(lst, 0.50, 0.0, hi, m.mean);
  const double p95 = quantile(lst, 0.95, p50, hi, m.mean + 1.645 * sd);
  const double p99 = quantile(lst, 0.99, p95, hi, m.mean + 2.326 * sd);
  out.p50 = p50 * 1000;
  out.p95 = p95 * 1000;
  out.p99 = p99 * 1000;
  return out;
}

}  // namespace archbench
