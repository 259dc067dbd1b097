#pragma once
// Semantic checks of a version against the catalog: ids, kinds, parameters, links, cycles,
// class SLOs, zones, link policies; and, apart, the faults and experiments the version keeps.
#include <string>
#include <vector>

#include "archbench/error.h"
#include "archbench/model.h"

namespace archbench {

class Catalog;

// Every problem of `version`'s design; places are JSON pointers below `prefix` (e.g.
// "/versions/0"). The steady-state figures need only this.
std::vector<Diagnostic> validate_version(const Version& version, const Catalog& catalog,
                                         const std::string& prefix = "");

// Warnings about a version that validates but will misbehave (docs/PATTERNS.md): callers'
// connection pools (instances × pool_size) above a component's max_connections. Places as above.
std::vector<Diagnostic> design_warnings(const Version& version, const Catalog& catalog,
                                        const std::string& prefix = "");

// Every problem of the version's saved scenario (`faults`) and experiments, against its design.
// A project file must pass both; an invalid fault leaves the steady-state figures standing.
std::vector<Diagnostic> validate_scenarios(const Version& version, const Catalog& catalog,
                                           const std::string& prefix = "");

}  // namespace archbench
