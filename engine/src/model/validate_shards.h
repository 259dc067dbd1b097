#pragma once
// Checks of the sharding fields (docs/PATTERNS.md#sharding) that a parameter's own range cannot
// state: a hot shard's share against the number of shards, a class's cross-shard share.
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/model.h"

namespace archbench::detail {

std::vector<Diagnostic> check_sharding(const Version& v, const Catalog& catalog,
                                       const std::string& prefix);

}  // namespace archbench::detail
