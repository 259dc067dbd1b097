#pragma once
// Tables and Markdown of the failure reports (archbench-cli what-if, impact, chaos).
#include <ostream>
#include <string>

#include "archbench/faults.h"
#include "cli_common.h"

namespace archbench::cli {

void print_what_if(const WhatIfReport& r, const std::string& project, Format f, std::ostream& out);
void print_impact(const ImpactMatrix& m, const std::string& project, Format f, std::ostream& out);
void print_experiment(const ExperimentResult& e, const Experiment& x, const std::string& project,
                      Format f, std::ostream& out);

}  // namespace archbench::cli
