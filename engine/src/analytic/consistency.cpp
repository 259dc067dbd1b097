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

std::optional<StaleReads> CompiledVersion::stale_reads(int k, double load, const MeanState& st) const {
  const CClass& cc = classes[static_cast<std::size_t>(k)];
  if (cc.op != Op::Read || cc.consistency == Consistency::Strong) return std::nullopt;
  StaleReads out;
  out.consistency = cc.consistency;
  double visits_sum = 0, p_sum = 0, mean_sum = 0;
  bool lags = false;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const CNode& n = nodes[i];
    const double v = visits[static_cast<std::size_t>(k)][i];
    if (v <= 0 || (n.behaviour != Behaviour::Store && n.behaviour != Behaviour::Cache)) continue;
    double writes = 0;  // per second reaching this database
    // A read model fed through a queue trails the writes by the projection's lag (docs/
    // PATTERNS.md, event sourcing): the same Poisson argument holds with the lag L = its mean, since the
    // writes of a key in flight are Poisson with mean λw·E[D] whatever D's distribution.
    std::optional<ProjectionLag> projection;
    for (int w : cc.writers) {
      writes += load * classes[static_cast<std::size_t>(w)].peak_rate *
                visits[static_cast<std::size_t>(w)][i];
      const auto lag = projection_lag(w, static_cast<int>(i), st);
      if (lag && (!projection || lag->seconds > projection->seconds)) projection = lag;
    }
    const double base_s = projection ? projection->seconds : 0.0;
    if (projection) {
      out.projection_queue = nodes[static_cast<std::size_t>(projection->queue)].id;
      out.projection_lag_ms = std::max(out.projection_lag_ms, base_s * 1000);
      if (!std::isfinite(base_s)) {
        out.projection_unbounded = true;
        continue;
      }
    }
    // Reads spread evenly over the replicas, each with its own lag; a database without
    // replicas (a read model) answers from the primary, which trails by the projection alone.
    std::vector<double> lag_s;
    if (n.replicas > 0 && !n.replica_lag_s.empty()) {
      for (double lag : n.replica_lag_s) lag_s.push_back(base_s + lag);
    } else if (projection) {
      lag_s.push_back(base_s);
    } else {
      continue;
    }
    const double lambda_w = writes / cc.keys;
    double p = 0, mean = 0;
    for (double lag : lag_s) {
      const Stale s = stale_at(lambda_w, lag);
      p += s.p / static_cast<double>(lag_s.size());
      mean += s.mean_s / static_cast<double>(lag_s.size());
      out.lag_ms = std::max(out.lag_ms, lag * 1000);
      lags = lags || lag > 0;
    }
    visits_sum += v;
    p_sum += v * p;
    mean_sum += v * mean;
    out.writes_per_key_per_s = std::max(out.writes_per_key_per_s, lambda_w);
  }
  if (out.projection_unbounded) {
    out.lag_ms = 0;
    return out;
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
