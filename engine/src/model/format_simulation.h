#pragma once
// Format 5's additions for the simulator (docs/FORMAT.md, "Stored simulations"): a link
// policy's jitter kind ("jitter": "none", "full" or "equal"; true and false as before) and a
// version's stored simulations (duration, load, faults in time, restarts). A file declaring an
// older version cannot carry them, and the writer writes 5 only when one is used.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/model.h"
#include "model/format_versions.h"
#include "model/json_util.h"

namespace archbench::detail {

// Whether the version uses anything of format_version 5.
bool uses_simulation_fields(const Version& v);

// In a file that says format_version `fv` < 5: each format-5 field of the project, at its place.
void check_format5(const Project& project, double fv, Problems& p);

// A policy's "jitter": a bool, or "none", "full" or "equal".
void read_jitter(const nlohmann::json& policy, const std::string& at, Problems& p, LinkPolicy& pol);
// The value to write, or null when there is no jitter.
nlohmann::json jitter_json(const LinkPolicy& pol);

// A version's "simulations"; `fault` reads one fault object (without start_s and end_s).
std::vector<StoredSimulation> read_simulations(
    const nlohmann::json& list, const std::string& at, Problems& p,
    const std::function<Fault(const nlohmann::json&, const std::string&)>& fault);
nlohmann::json simulations_json(const std::vector<StoredSimulation>& sims);

// Problems of the stored simulations against their version: windows, durations, names.
std::vector<Diagnostic> validate_simulations(const Version& v, const Catalog& catalog,
                                             const std::string& prefix);

}  // namespace archbench::detail
