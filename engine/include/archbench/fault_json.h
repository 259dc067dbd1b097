#pragma once
// The JSON contract of failure reports (documented in docs/FAILURE.md): absent figures are
// null, shares of requests are fractions in [0, 1], latencies are milliseconds.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "archbench/faults.h"

namespace archbench {

nlohmann::json what_if_to_json(const WhatIfReport& report, const std::string& project);
nlohmann::json impact_to_json(const ImpactMatrix& matrix, const std::string& project);
nlohmann::json experiment_to_json(const ExperimentResult& result, const std::string& project);

}  // namespace archbench
