#pragma once
// Figures of the patterns (docs/PATTERNS.md) that more than one view shows: decided and
// formatted here once, so the CLI and the app print the same string for the same fact.
#include <string>

#include "archbench/solver.h"

namespace archbench {

// A class's share refused by rate limits (format_share): "33.33%"; "0%" when a limit is on its
// path but refuses nothing; "—" when its path meets no limit.
std::string refused_share_text(const ClassResult& c);
// A limited component: "limit 100 req/s, refuses 50 req/s (429)", or "limit 100 req/s, admits
// all"; "" when it has no limit.
std::string rate_limit_text(const ComponentResult& c);

}  // namespace archbench
