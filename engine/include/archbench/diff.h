#pragma once
// What changed from one version to another: components, parameters, links and workload.
#include <string>
#include <vector>

#include "archbench/model.h"

namespace archbench {

class Catalog;

struct FieldChange {
  std::string field;  // "kind", "name", a parameter name, "calls", "latency_ms", "per_day" …
  std::string from;   // as a user reads it: "16", "{read_post: 3, comment: 2}", "default (20)"
  std::string to;
};

struct ItemChange {
  std::string id;  // component id, "from → to" for a link, class name for the workload
  std::vector<FieldChange> changes;
};

struct VersionDiff {
  std::string from_version, to_version;
  std::vector<std::string> components_added, components_removed;  // ids
  std::vector<ItemChange> components_changed;
  std::vector<std::string> links_added, links_removed;  // "from → to"
  std::vector<ItemChange> links_changed;
  std::vector<std::string> classes_added, classes_removed;
  std::vector<ItemChange> classes_changed;

  bool empty() const;
};

// Compares b against a. With a catalog, a parameter set on one side only is shown against the
// kind's default ("default (20)"); positions on the canvas are not changes of the design.
VersionDiff diff_versions(const Version& a, const Version& b, const Catalog* catalog = nullptr);

}  // namespace archbench
