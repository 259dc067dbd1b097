#include "archbench/fault_json.h"

#include <nlohmann/json.hpp>

namespace archbench {

nlohmann::json what_if_to_json(const WhatIfReport&, const std::string&) { return nlohmann::json::object(); }
nlohmann::json impact_to_json(const ImpactMatrix&, const std::string&) { return nlohmann::json::object(); }
nlohmann::json experiment_to_json(const ExperimentResult&, const std::string&) { return nlohmann::json::object(); }

}  // namespace archbench
