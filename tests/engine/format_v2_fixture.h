#pragma once
// Shared by the format 2 tests (test_format_v2.cpp, test_format_v2_validation.cpp): a valid
// format-2 project using every new field once, and the checks that a broken copy is refused at
// the right place.
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/project_io.h"
#include "engine_fixture.h"

namespace format_v2_test {

using namespace archbench;
using nlohmann::json;

using engine_test::catalog;

inline const char* const kFile = "shop.archbench.json";

// A valid format-2 project that uses every new field once; each test breaks one thing in a copy.
inline json base_project() {
  return json::parse(R"({
    "format": "archbench-project",
    "format_version": 2,
    "name": "Shop",
    "versions": [{
      "name": "V1",
      "workload": [
        {"name": "browse", "entry": "users", "op": "read", "per_second": 50, "slo_percent": 99.9},
        {"name": "buy", "entry": "users", "op": "write", "per_second": 2}
      ],
      "components": [
        {"id": "users", "kind": "users"},
        {"id": "app", "kind": "app_server", "params": {"instances": 3}, "zones": ["eu-1a", "eu-1b"]},
        {"id": "cache", "kind": "cache"},
        {"id": "db", "kind": "database", "params": {"read_replicas": 2}, "zones": ["eu-1a", "eu-1b", "eu-1c"]}
      ],
      "links": [
        {"from": "users", "to": "app"},
        {"from": "app", "to": "cache", "policy": {"timeout_ms": 800, "retries": 2, "backoff_ms": 50,
          "backoff_multiplier": 3, "jitter": true,
          "breaker": {"threshold": 0.4, "open_ms": 2000, "fallback": "degraded"}, "bulkhead": 40}},
        {"from": "cache", "to": "db"},
        {"from": "app", "to": "db", "policy": {"timeout_ms": 1000}}
      ],
      "faults": [
        {"type": "lose", "component": "app", "instances": 2},
        {"type": "slow", "component": "db", "factor": 3, "add_ms": 5},
        {"type": "flush", "component": "cache", "hit_ratio": 0.2},
        {"type": "cut", "from": "app", "to": "db"},
        {"type": "zone", "zone": "eu-1a", "duration_s": 300},
        {"type": "spike", "factor": 2.5},
        {"type": "partition", "component": "db", "fraction": 0.3},
        {"type": "hang", "component": "app"}
      ],
      "experiments": [
        {"name": "cache loss", "hypothesis": "Browsing survives losing the cache.",
         "faults": [{"type": "crash", "component": "cache"}],
         "blast_radius": ["browse"],
         "conditions": [{"class": "browse", "metric": "success", "op": ">=", "value": 99},
                        {"class": "buy", "metric": "p95_ms", "op": "<=", "value": 800}]},
        {"name": "slow database", "faults": [{"type": "slow", "component": "db", "add_ms": 20}]}
      ]
    }]
  })");
}

inline json& version0(json& doc) {
  return doc["versions"][0];
}

inline Project parse(const json& doc) {
  return parse_project(doc.dump(2), kFile, catalog());
}

struct Refusal {
  std::string what;
  std::vector<Diagnostic> problems;
};

inline Refusal refusal_of(const json& doc) {
  try {
    parse(doc);
  } catch (const InputError& e) {
    CHECK(e.file() == kFile);
    return {e.what(), e.problems()};
  }
  FAIL("the project was accepted");
  return {};
}

// The refusal names `place` and says `words` there.
inline void check_refusal(const Refusal& r, const std::string& place, const std::string& words) {
  INFO(r.what);
  bool found = false;
  for (const auto& d : r.problems)
    found = found || (d.place == place && d.message.find(words) != std::string::npos);
  CHECK(found);
  CHECK_THAT(r.what, Catch::Contains(std::string(kFile) + ": " + place + ": "));
}

// A change to the base project that must be refused at `place` with `words`.
struct Broken {
  const char* what;
  std::function<void(json&)> change;
  std::string place;
  std::string words;
};

inline void check_all(const std::vector<Broken>& cases) {
  for (const auto& c : cases) {
    INFO(c.what);
    json doc = base_project();
    c.change(version0(doc));
    check_refusal(refusal_of(doc), c.place, c.words);
  }
}


}  // namespace format_v2_test
