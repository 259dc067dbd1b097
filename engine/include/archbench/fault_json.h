#pragma once
// The JSON contract of failure reports (documented in docs/FORMAT.md).
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "archbench/faults.h"

namespace archbench {

nlohmann::json what_if_to_json(const WhatIfReport& report, const std::string& project);
nlohmann::json impact_to_json(const ImpactMatrix& matrix, const std::string& project);
nlohmann::json experiment_to_json(const ExperimentResult& result, const std::string& project);

}  // namespace archbench
