#pragma once
// The JSON contract of a simulation report (`archbench-cli simulate --format json`),
// documented in docs/SIMULATE.md.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "archbench/simulate.h"

namespace archbench {

nlohmann::json simulation_to_json(const SimReport& report, const std::string& project);
// The timeline (`simulate --timeline FILE.json`): one array per series, one value per step.
nlohmann::json timeline_to_json(const SimTimeline& timeline);

}  // namespace archbench
