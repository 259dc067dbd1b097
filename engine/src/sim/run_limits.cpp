// Rate limits and lossy links in time (docs/PATTERNS.md). Rate limits: a split with a limit of R
// requests per second is a token bucket refilled at R holding at most one second's worth of tokens
// (at least one). A request that finds a token takes it and goes on; one that finds none is refused
// at once (429). The analytic model refuses each request with probability 1 − R/λ instead; the two
// agree on the admitted rate when λ is well above R, and differ near λ ≈ R (a bucket refuses
// some requests of a burst even below the limit; thinning refuses none).
#include <algorithm>

#include "sim/run.h"

namespace archbench::sim {

bool Run::admitted(int node) {
  const auto i = static_cast<std::size_t>(node);
  const SimNode& n = m_.nodes[i];
  double& tokens = bucket_tokens_[i];
  tokens = std::min(n.bucket, tokens + (now_ - bucket_at_[i]) * n.rate_limit);
  bucket_at_[i] = now_;
  if (tokens < 1) return false;
  tokens -= 1;
  return true;
}

// A call on a lossy link reaches its callee: the first time for its call, or again (a retry of
// a call whose answer was lost, or a network duplicate). A caller gone or on another call by
// then counts it as a repeat (its call had been sent before).
void Run::count_execution(int f) {
  const Frame& c = frame(f);
  Frame& caller = frame(c.parent);
  const bool first = caller.call_token == c.call_token && !caller.executed;
  if (first) caller.executed = true;
  if (phase_ != RunPhase::Measuring) return;
  LinkFigures& fig = links_[static_cast<std::size_t>(c.in_link)].fig;
  ++fig.executions;
  if (!first) ++fig.duplicates;
}

// Connection limits: the calls in flight on the links that hold a connection of `node`
// (each link's in_flight, kept by the calls' own bookkeeping) against those left free.
bool Run::connection_free(int node) const {
  const SimNode& n = m_.nodes[static_cast<std::size_t>(node)];
  long long used = 0;
  for (const int l : n.conn_links) used += links_[static_cast<std::size_t>(l)].in_flight;
  return used < n.conn_total - conn_pooled_[static_cast<std::size_t>(node)];
}

// A call that finds every connection in use fails at once, not retried (as a bulkhead's
// rejection), or takes the link's degraded fallback.
void Run::refuse_connection(int f) {
  Frame& fr = frame(f);
  const SimLink& l = m_.links[static_cast<std::size_t>(fr.call_link)];
  if (phase_ == RunPhase::Measuring)
    ++links_[static_cast<std::size_t>(fr.call_link)].fig.refused_connections;
  fr.call_link = -1;
  if (!l.fallback_degraded) return finish(f, Outcome::Failed);
  fr.outcome = Outcome::Degraded;
  proceed(f);
}

}  // namespace archbench::sim
