#pragma once
// Problems of a version's autoscaling and mesh (format 5): ranges, min ≤ max, and kinds that
// cannot carry them, at JSON pointers below `prefix`.
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/model.h"

namespace archbench::detail {

std::vector<Diagnostic> check_scaling(const Version& v, const Catalog& catalog,
                                      const std::string& prefix);

}  // namespace archbench::detail
