#pragma once
// Figures of the patterns (docs/PATTERNS.md) that more than one view shows: decided and
// formatted here once, so the CLI and the app print the same string for the same fact.
#include <string>

#include "archbench/solver.h"

namespace archbench {

// A whole number with thousands separators: 1000 → "1,000" (connections, instances).
std::string format_count(long long n);

// A class's share refused by rate limits (format_share): "33.33%"; "0%" when a limit is on its
// path but refuses nothing; "—" when its path meets no limit.
std::string refused_share_text(const ClassResult& c);
// A class's duplicate side effects a day from retried or duplicated non-idempotent writes:
// "862", "0" (idempotent, or a read); "—" when no link on its path loses or duplicates.
std::string duplicates_text(const ClassResult& c);
// The share of its requests failed by lost messages after retries: "0.02%", "0%"; with
// " (hang)" when a lossy link on its path has no timeout; "—" as above.
std::string lost_text(const ClassResult& c);

// A limited component: "limit 100 req/s, refuses 50 req/s (429)", or "limit 100 req/s, admits
// all"; "" when it has no limit.
std::string rate_limit_text(const ComponentResult& c);

// A component with max_connections: "limit 500 per node, pools hold 1,000 (api: 50 × 20):
// 500 refused when they open; calls without a pool hold 3.2 at once on average, none
// refused"; "" when it has no limit.
std::string connections_text(const ComponentResult& c);
// Whether that text reports connections refused (for a warning colour).
bool connections_refused(const ComponentResult& c);

// A sharded component: "8 shards, hot shard 30% of single-shard visits: 72.0% busy, others
// 40.0%"; "" when it has one shard. Saturated stations read "saturated".
std::string shards_text(const ComponentResult& c);
// The canvas badge of a sharded component: "×8 shards"; "" when it has one.
std::string shards_badge(const ComponentResult& c);
// A fan-out: "calls 3 links in parallel, waits for the slowest"; "" when it calls in sequence.
std::string fan_out_text(const ComponentResult& c);

}  // namespace archbench
