#pragma once
// Regions (docs/REGIONS.md): where components stand, the latency between regions that a link
// crossing them adds, where a database's replicas stand and the replication lag each one has.
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/model.h"

namespace archbench {

// One-way latency between regions `a` and `b` from the version's table: 0 when they are the
// same or either is empty (not placed); null when the table has no entry for the pair.
std::optional<double> region_latency_ms(const Version& v, const std::string& a,
                                        const std::string& b);
// The region of a database's replica `i` (0-based): replica_regions round-robin, else its own.
const std::string& replica_region(const Component& c, int i);
// Replica `i`'s replication lag: the database's replication_lag_ms plus, for a replica in
// another region than the primary, the one-way latency between them.
double replica_lag_ms(const Version& v, const Component& c, double replication_lag_ms, int i);

// Problems with regions and consistency: undeclared regions, bad latencies, links crossing
// regions without a latency, consistency fields out of place; places are JSON pointers below
// `prefix`.
std::vector<Diagnostic> validate_regions(const Version& v, const Catalog& catalog,
                                         const std::string& prefix);

}  // namespace archbench
