#pragma once
// The JSON contract of reports (documented in docs/FORMAT.md): saturated figures are null
// with "saturated": true and a "reason", never NaN or infinity.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "archbench/availability.h"
#include "archbench/compare.h"
#include "archbench/diff.h"
#include "archbench/solver.h"
#include "archbench/sweep.h"

namespace archbench {

nlohmann::json report_to_json(const Report& report, const std::string& project);
nlohmann::json sweep_to_json(const Sweep& sweep, const std::string& project);
nlohmann::json diff_to_json(const VersionDiff& diff);
nlohmann::json comparison_to_json(const Comparison& comparison);
nlohmann::json availability_to_json(const AvailabilityReport& report, const std::string& project,
                                    const std::string& version);

}  // namespace archbench
