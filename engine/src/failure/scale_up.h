#pragma once
// A spike's lag at autoscaled components (docs/PATTERNS.md, "Autoscaling").
#include <vector>

#include "analytic/compiled.h"
#include "archbench/faults.h"

namespace archbench::detail {

// For each autoscaled node whose count rises from `before` (the counts of the load without the
// spike) to `after` (those of the spike): until the new instances arrive, min(scale_up_delay_s,
// duration_s), the old count carries the spike's visits (`during`); the excess piles up.
std::vector<ScaleUpLag> scale_up_lags(const CompiledVersion& before, const CompiledVersion& after,
                                      const ScenarioState& during, double duration_s);

}  // namespace archbench::detail
