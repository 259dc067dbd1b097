#pragma once
// The project file's JSON, written: each model type as the file spells it, defaults left out, so
// files stay as people write them (docs/FORMAT.md). Private to the engine; project_read.h reads.
#include <vector>

#include <nlohmann/json.hpp>

#include "archbench/model.h"

namespace archbench::detail {

nlohmann::json number_json(double v);  // integral values as integers
nlohmann::json components_json(const std::vector<Component>& components);
nlohmann::json links_json(const std::vector<Link>& links);
nlohmann::json faults_json(const std::vector<Fault>& faults);
nlohmann::json experiment_json(const Experiment& e);

}  // namespace archbench::detail
