#pragma once
// Versions side by side: each evaluated under its own workload, or all under one version's
// workload ("what would V1 do at V3's traffic?").
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archbench/availability.h"
#include "archbench/diff.h"
#include "archbench/solver.h"
#include "archbench/sweep.h"

namespace archbench {

class Catalog;

struct CompareOptions {
  std::vector<std::string> versions;       // empty: all, in project order
  std::optional<std::string> workload_of;  // evaluate every version under this version's workload
  int sweep_points = 0;                    // > 0: also sweep each version up to saturation
};

struct VersionResult {
  std::string name;
  std::string notes;
  Report report;
  std::size_t components = 0;
  std::optional<Sweep> sweep;
  std::vector<std::string> workload_notes;  // how a shared workload was adapted to this version
  std::map<std::string, double> cost_by_kind;  // $ per month per component kind
  // Availability under the workload evaluated; null when it cannot be analysed.
  std::optional<AvailabilityReport> availability;
};

struct Comparison {
  std::string project;
  std::optional<std::string> workload_of;
  std::vector<VersionResult> versions;
  std::vector<VersionDiff> steps;  // versions[i-1] → versions[i]
};

// The version with the workload of `source`: classes keep their names; a class's entry moves
// to a client of `target` when its id is missing there; per-class map entries for classes the
// workload lacks are dropped. `notes` receives one line per adaptation. Throws InputError when
// `target` has no client.
Version with_workload(const Version& target, const Version& source, std::vector<std::string>* notes,
                      const Catalog& catalog);

// Throws InputError naming an unknown version or a version that does not validate.
Comparison compare_versions(const Project& project, const Catalog& catalog,
                            const CompareOptions& options = {});

// Relative change of a figure between two versions, for "better/worse" colouring: positive
// means larger. Empty when either side is missing or the base is 0.
std::optional<double> relative_change(const std::optional<double>& before,
                                      const std::optional<double>& after);

}  // namespace archbench
