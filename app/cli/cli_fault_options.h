#pragma once
// Fault options on the command line (--crash ID, --slow ID=3x, --cut A->B, …), shared by
// what-if and simulate (cli_faults.cpp).
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"

namespace archbench::cli {

inline constexpr const char* kFaultFlags[] = {"down",  "crash", "hang", "slow",  "lose",
                                              "flush", "cut",   "zone", "spike", "partition",
                                              "region"};
bool is_fault_flag(const std::string& name);

// One fault as given on the command line. A cut written "A-B" is resolved against each version.
struct FaultSpec {
  std::string text;  // "--crash db", the place named in messages
  Fault fault;
  std::string cut;  // "A-B" still to split; empty when resolved
};

// Takes the fault options (repeatable, kept in order) out of argv; the rest is for parse_args.
// UsageError for a malformed value.
std::vector<FaultSpec> take_fault_options(std::vector<std::string>& argv);

// The faults of one version: the command's (places are the options that gave them) or the saved
// ones (places are JSON pointers); InputError when validate_faults finds problems.
std::vector<Fault> faults_for(const Project& p, const Version& v, const Catalog& catalog,
                              const std::vector<FaultSpec>& specs, std::optional<double> duration_s,
                              const std::string& file);

}  // namespace archbench::cli
