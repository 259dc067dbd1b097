#pragma once
// The JSON contract of a simulation report (`archbench-cli simulate --format json`),
// documented in docs/SIMULATE.md.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "archbench/simulate.h"

namespace archbench {

nlohmann::json simulation_to_json(const SimReport& report, const std::string& project);

}  // namespace archbench
