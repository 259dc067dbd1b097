// Connection limits (docs/PATTERNS.md, "Connection limits"). A component with max_connections M
// accepts at most M client connections per node. Callers with a pool (pool_size P per instance)
// hold n × P connections open whatever the load; those beyond M are refused when the pools open,
// all at once on a restart (the stampede). Callers without a pool hold a connection for each
// call in flight: Little's law gives the mean held, λ × (round trip), and a call that finds
// every connection the pools leave free in use is refused with the Erlang B probability
// B(M − pooled, λ × round trip) (a loss system, insensitive to the holding time's distribution;
// an upper bound for blocking callers, whose calls in flight never exceed their threads).
#include <algorithm>

#include "analytic/compiled.h"
#include "archbench/pattern_figures.h"
#include "archbench/queueing.h"

namespace archbench {

std::optional<ConnectionFigures> CompiledVersion::connections(int s, double load,
                                                              const MeanState& st) const {
  const CNode& target = nodes[static_cast<std::size_t>(s)];
  if (target.max_connections <= 0) return std::nullopt;
  ConnectionFigures f;
  f.limit = target.max_connections;
  long long largest = 0;
  bool unbounded = false, saturated = false;
  double in_use = 0;
  for (std::size_t c = 0; c < nodes.size(); ++c) {
    const CNode& caller = nodes[c];
    for (const CLink& l : caller.out) {
      if (l.to != s) continue;
      if (caller.pool_size > 0) {
        const long long held = caller.instances * caller.pool_size;
        f.pooled += held;
        if (held > largest) {
          largest = held;
          f.largest_pool = caller.id + ": " + format_count(caller.instances) + " × " +
                           format_count(caller.pool_size);
        }
        continue;
      }
      // Calls in flight on this link: λ per class × the call's round trip.
      for (std::size_t k = 0; k < classes.size(); ++k) {
        if (visits[k][c] <= 0) continue;
        // Calls, not attempts: each call holds its connection for the round trip.
        const double per_visit = visits_per_visit(caller, l, static_cast<int>(k));
        const double lambda = load * classes[k].peak_rate * visits[k][c] * per_visit;
        if (lambda <= 0) continue;
        const Moments& at = st.visit_of(s, k, false);
        if (at.infinite) {
          saturated = true;
          continue;
        }
        in_use += lambda * (2 * l.latency(k) + at.mean);
      }
      if (caller.blocking)
        f.unpooled_max += caller.instances * caller.concurrency;  // a thread holds one at a time
      else
        unbounded = true;
    }
  }
  if (unbounded) f.unpooled_max = -1;
  f.refused_pooled = std::max(0LL, f.pooled - f.limit);
  if (saturated) {  // the round trips are unbounded: no figure
    f.unpooled_in_use.reset();
    f.refused_share.reset();
    return f;
  }
  f.unpooled_in_use = in_use;
  // Connections per node: the calls spread evenly over the nodes (a primary and its replicas).
  const long long free = std::max(0LL, f.limit - std::min(f.pooled, f.limit));
  const double offered = in_use / static_cast<double>(std::max(1, target.nodes));
  const bool always_fit = f.unpooled_max >= 0 && f.unpooled_max <= free;
  f.refused_share = always_fit ? 0.0 : erlang_b(free, offered);
  return f;
}

}  // namespace archbench
