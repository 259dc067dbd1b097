#pragma once
// The project file's root "practice" object (format_version 3), read and written. Private to the
// engine: project_io.cpp calls it so that the attempt's metadata travels with the design.
#include <string>

#include <nlohmann/json.hpp>

#include "model/json_util.h"
#include "archbench/attempt.h"

namespace archbench::detail {

PracticeRecord read_practice(const nlohmann::json& j, const std::string& at, Problems& p);
nlohmann::json practice_json(const PracticeRecord& r);

}  // namespace archbench::detail
