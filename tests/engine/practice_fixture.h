#pragma once
// What the practice tests share: the shipped scenarios, the small rules scenario of
// tests/fixtures/practice/rules.json, and the naive attempt (one app server, one database).
#include <map>
#include <optional>
#include <string>

#include "archbench/practice.h"
#include "archbench/scenario.h"
#include "engine_fixture.h"

namespace practice_test {

inline const archbench::Scenario& scenario(const std::string& id) {
  static std::map<std::string, archbench::Scenario> loaded;
  auto it = loaded.find(id);
  if (it == loaded.end())
    it = loaded.emplace(id, archbench::load_scenario(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/scenarios/" + id + ".json",
                                                     engine_test::catalog())).first;
  return it->second;
}

inline const archbench::Scenario& rules() {
  static const archbench::Scenario s =
      archbench::load_scenario(std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/practice/rules.json", engine_test::catalog());
  return s;
}

// One app server and one database for every stage, every class through both (all synchronous).
// They keep the service times of the reference's launch version (its first app server and
// database, replicas dropped), so the naive design is the launch design that never evolves.
inline archbench::Project naive_attempt(const archbench::Scenario& s) {
  using namespace archbench;
  const Version& launch = s.reference.versions.front();
  Component app{"app", "app_server", "", std::nullopt, {}, {}, {}, {}};
  Component db{"db", "database", "", std::nullopt, {}, {}, {}, {}};
  for (const auto& c : launch.components) {
    if (c.kind == "app_server" && app.params.empty()) app.params = c.params;
    if (c.kind == "database" && db.params.empty()) db.params = c.params;
  }
  app.params["instances"] = ParamValue::of(1);
  db.params.erase("read_replicas");
  db.params.erase("availability");
  app.params.erase("availability");
  Project p;
  p.name = "naive";
  for (std::size_t i = 0; i < s.stages.size(); ++i) {
    Version v;
    v.name = "V" + std::to_string(i + 1);
    for (const auto& c : s.classes) {
      RequestClass r;
      r.name = c.name;
      r.entry = "users";
      r.op = c.op;
      r.per_second = 1;
      v.workload.push_back(r);
    }
    v.components = {{"users", "users", "", std::nullopt, {}, {}, {}, {}}, app, db};
    v.links = {{"users", "app", PerClass{1.0, {}}, 0, 1, {}}, {"app", "db", PerClass{1.0, {}}, 0, 1, {}}};
    p.versions.push_back(v);
  }
  return p;
}

// The scenario's reference as an attempt.
inline const archbench::Project& reference(const archbench::Scenario& s) { return s.reference; }

// A copy of the nth check of a category: cards are often temporaries in the tests.
inline std::optional<archbench::Check> find_check(const archbench::StageCard& card, const std::string& category,
                                                  std::size_t nth = 0) {
  for (const auto& c : card.checks)
    if (c.category == category && nth-- == 0) return c;
  return std::nullopt;
}

}  // namespace practice_test
