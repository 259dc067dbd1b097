// Stale reads from lagging replicas (docs/REGIONS.md). Writes to one key form a Poisson process
// of rate λw (the writes reaching the database, spread evenly over the class's keys); a replica
// shows the primary as it was L ago. A read there is stale when some write to its key came in
// the last L: P = 1 − e^(−λw·L). The staleness of a read — how long the newest value it misses
// has existed — is L − U for the first write U after t − L, so E[S] = L − (1 − e^(−λw·L))/λw over
// every read and E[S | stale] = E[S] / P.
#include <algorithm>
#include <cmath>

#include "analytic/compiled.h"

namespace archbench {

namespace {

struct Stale {
  double p = 0;       // P(stale)
  double mean_s = 0;  // E[S] over every read, s
};

Stale stale_at(double lambda_w, double lag_s) {
  Stale out;
  const double x = lambda_w * lag_s;
  if (x <= 0) return out;
  out.p = -std::expm1(-x);
  // L − (1 − e^(−x))/λw loses its digits for small x: the series L·(x/2 − x²/6 + x³/24).
  out.mean_s = x < 1e-4 ? lag_s * (x / 2 - x * x / 6 + x * x * x / 24) : lag_s - out.p / lambda_w;
  return out;
}

}  // namespace

std::optional<StaleReads> CompiledVersion::stale_reads(int k, double load) const {
  const CClass& cc = classes[static_cast<std::size_t>(k)];
  if (cc.op != Op::Read || cc.consistency == Consistency::Strong) return std::nullopt;
  StaleReads out;
  out.consistency = cc.consistency;
  double visits_sum = 0, p_sum = 0, mean_sum = 0;
  bool lags = false;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const CNode& n = nodes[i];
    const double v = visits[static_cast<std::size_t>(k)][i];
    if (v <= 0 || n.replicas <= 0 || n.replica_lag_s.empty()) continue;
    double writes = 0;  // per second reaching this database
    for (int w : cc.writers)
      writes += load * classes[static_cast<std::size_t>(w)].peak_rate *
                visits[static_cast<std::size_t>(w)][i];
    const double lambda_w = writes / cc.keys;
    // Reads spread evenly over the replicas, each with its own lag.
    double p = 0, mean = 0;
    for (double lag : n.replica_lag_s) {
      const Stale s = stale_at(lambda_w, lag);
      p += s.p / static_cast<double>(n.replica_lag_s.size());
      mean += s.mean_s / static_cast<double>(n.replica_lag_s.size());
      out.lag_ms = std::max(out.lag_ms, lag * 1000);
      lags = lags || lag > 0;
    }
    visits_sum += v;
    p_sum += v * p;
    mean_sum += v * mean;
    out.writes_per_key_per_s = std::max(out.writes_per_key_per_s, lambda_w);
  }
  if (!lags || visits_sum <= 0) return std::nullopt;
  // Per read of a replicated database, weighted by the class's visits to each.
  out.stale_share = p_sum / visits_sum;
  out.mean_staleness_ms = mean_sum / visits_sum * 1000;
  out.staleness_ms = out.stale_share > 0 ? out.mean_staleness_ms / out.stale_share : 0;
  out.stale_per_s = load * cc.peak_rate * p_sum;
  return out;
}

}  // namespace archbench
