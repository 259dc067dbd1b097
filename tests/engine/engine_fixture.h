#pragma once
// What engine tests share: the real catalog and the presets, each loaded once.
#include <map>
#include <string>

#include "archbench/catalog.h"
#include "archbench/project_io.h"

namespace engine_test {

using Params = std::map<std::string, archbench::ParamValue>;

// A component or link built in a test, defaults for everything not given.
inline archbench::Component component(const std::string& id, const std::string& kind, Params params = {}) {
  archbench::Component c;
  c.id = id;
  c.kind = kind;
  c.params = std::move(params);
  return c;
}

inline archbench::Link make_link(const std::string& from, const std::string& to) {
  archbench::Link l;
  l.from = from;
  l.to = to;
  return l;
}

inline const archbench::Catalog& catalog() {
  static const archbench::Catalog c = archbench::Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  return c;
}

inline const archbench::Project& preset(const std::string& file) {
  static std::map<std::string, archbench::Project> loaded;
  auto it = loaded.find(file);
  if (it == loaded.end())
    it = loaded.emplace(file, archbench::load_project(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/" + file, catalog())).first;
  return it->second;
}

}  // namespace engine_test
