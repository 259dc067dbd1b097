#pragma once
// Semantic checks of a version against the catalog: ids, kinds, parameters, links, cycles,
// class SLOs, zones, link policies, and the faults and experiments the version keeps.
#include <string>
#include <vector>

#include "archbench/error.h"
#include "archbench/model.h"

namespace archbench {

class Catalog;

// Every problem of `version`; places are JSON pointers below `prefix` (e.g. "/versions/0").
std::vector<Diagnostic> validate_version(const Version& version, const Catalog& catalog,
                                         const std::string& prefix = "");

}  // namespace archbench
