#pragma once
// The JSON contracts of interview practice (docs/PRACTICE.md): a report card, a scenario as
// shown to the candidate (no reference, no hint text), and drills.
#include <optional>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "archbench/drills.h"
#include "archbench/practice.h"
#include "archbench/scenario.h"

namespace archbench {

nlohmann::json report_card_to_json(const ReportCard& card);
nlohmann::json stage_card_to_json(const StageCard& card);
// `stage`: only that stage (0-based); otherwise every stage.
nlohmann::json scenario_to_json(const Scenario& scenario, std::optional<std::size_t> stage = std::nullopt);
nlohmann::json drills_to_json(const std::vector<Drill>& drills, bool with_answers);

}  // namespace archbench
