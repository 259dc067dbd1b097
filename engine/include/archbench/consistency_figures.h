#pragma once
// Figures of consistency and replication lag (docs/REGIONS.md) that more than one view shows:
// formatted here once, so the CLI and the app print the same string for the same fact.
#include <string>

#include <nlohmann/json.hpp>

#include "archbench/solver.h"

namespace archbench {

// A class's probability of a stale read: "97.5%", "0%"; "strong" for a strong read; "—" when it
// reads no lagging replica (or writes).
std::string stale_share_text(const ClassResult& c);
// The expected staleness of one stale read: "2.58 s", "41.7 ms"; "—" as above (and when no read
// is stale).
std::string staleness_text(const ClassResult& c);
// One line: "eventual reads up to 3 s behind the primary, 1.2 writes/s per key: 97.5% stale,
// a stale read 2.58 s old on average (975 stale reads/s)"; "" without stale figures.
std::string stale_reads_text(const ClassResult& c);
// The JSON object of `stale` in evaluate's report.
nlohmann::json stale_reads_json(const StaleReads& s);

// A queue's rebuild (docs/PATTERNS.md, event sourcing): "replays 200,000,000 events in 12.3 h at 4,520
// events/s (the spare capacity of "projector", with 30 live events/s)".
std::string replay_text(const ReplayFigures& r);
// The JSON object of `replay` in evaluate's report.
nlohmann::json replay_json(const ReplayFigures& r);

}  // namespace archbench
