#pragma once
// The file's `autoscale` (on a component) and `mesh` (on a component or a version), format 5
// (docs/FORMAT.md, docs/PATTERNS.md): read field by field, written with every field, so a file
// says what the model assumes.
#include <nlohmann/json.hpp>

#include "archbench/model.h"
#include "model/json_util.h"

namespace archbench::detail {

Autoscale read_autoscale(const nlohmann::json& j, const std::string& at, Problems& p);
Mesh read_mesh(const nlohmann::json& j, const std::string& at, Problems& p);
nlohmann::json autoscale_json(const Autoscale& a);
nlohmann::json mesh_json(const Mesh& m);
// A component's `autoscale` and `mesh` (a version's `mesh`: pass a dummy autoscale) from the
// object `j` at `at`; each one present is noted in `noted` (place, key) for the version check.
void read_scaling(const nlohmann::json& j, const std::string& at, Problems& p,
                  std::vector<std::pair<std::string, std::string>>& noted,
                  std::optional<Autoscale>& autoscale, std::optional<Mesh>& mesh);
// Whether the version uses autoscaling or a mesh.
bool uses_scaling_fields(const Version& v);

}  // namespace archbench::detail
