// Project files: every refusal names the file and the place (JSON pointer or line:column), and
// what is written reads back as the same project.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/project_io.h"
#include "engine_fixture.h"

using namespace archbench;
using nlohmann::json;

namespace {

const char* const kFile = "shop.archbench.json";

using engine_test::catalog;

// A small valid project; each test breaks one thing in a copy.
json base_project() {
  return json::parse(R"({
    "format": "archbench-project",
    "format_version": 1,
    "name": "Shop",
    "versions": [{
      "name": "V1",
      "workload": [{"name": "browse", "entry": "users", "op": "read", "per_second": 10}],
      "components": [
        {"id": "users", "kind": "users"},
        {"id": "app", "kind": "app_server", "params": {"concurrency": 8, "blocking": true}},
        {"id": "db", "kind": "database"}
      ],
      "links": [
        {"from": "users", "to": "app"},
        {"from": "app", "to": "db", "calls": 2, "latency_ms": 0.5}
      ]
    }]
  })");
}

struct Refusal {
  std::string what;
  std::string file;
  std::vector<Diagnostic> problems;
};

// Parses text that must be refused and returns the error.
Refusal refusal_of_text(const std::string& text) {
  try {
    parse_project(text, kFile, catalog());
  } catch (const InputError& e) {
    return {e.what(), e.file(), e.problems()};
  }
  FAIL("the project was accepted");
  return {};
}

Refusal refusal_of(const json& doc) { return refusal_of_text(doc.dump(2)); }

// The refusal names the file and `place`, and says `words` there.
void check_refusal(const Refusal& r, const std::string& place, const std::string& words) {
  INFO(r.what);
  CHECK(r.file == kFile);
  bool found = false;
  for (const auto& d : r.problems) found = found || (d.place == place && d.message.find(words) != std::string::npos);
  CHECK(found);
  // what() reads "FILE: PLACE: MESSAGE".
  CHECK_THAT(r.what, Catch::Contains(std::string(kFile) + ": " + place + ": "));
  CHECK_THAT(r.what, Catch::Contains(words));
}

json& version0(json& doc) { return doc["versions"][0]; }

Project blog() {
  return load_project(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/blog.archbench.json", catalog());
}

}  // namespace

TEST_CASE("The base project used by these tests is valid", "[project_io]") {
  const Project p = parse_project(base_project().dump(), kFile, catalog());
  REQUIRE(p.versions.size() == 1);
  const Version& v = p.versions[0];
  CHECK(v.components.size() == 3);
  REQUIRE(v.links.size() == 2);
  CHECK(v.links[1].calls.for_class("browse", 0) == 2.0);
  CHECK(v.links[1].latency_ms == 0.5);
  CHECK(v.component("app")->params.at("blocking") == ParamValue::of_bool(true));
}

TEST_CASE("An unknown kind is refused at its component", "[project_io][errors]") {
  json doc = base_project();
  version0(doc)["components"][1]["kind"] = "mainframe";
  const Refusal r = refusal_of(doc);
  check_refusal(r, "/versions/0/components/1/kind", "unknown kind \"mainframe\"");
  // It lists the kinds that exist.
  CHECK_THAT(r.what, Catch::Contains("app_server"));
}

TEST_CASE("An unknown parameter is refused and the known ones listed", "[project_io][errors]") {
  json doc = base_project();
  version0(doc)["components"][1]["params"]["colour"] = 3;
  const Refusal r = refusal_of(doc);
  check_refusal(r, "/versions/0/components/1/params/colour", "unknown parameter \"colour\"");
  CHECK_THAT(r.what, Catch::Contains("concurrency"));
}

TEST_CASE("A value of the wrong type is refused where it stands", "[project_io][errors]") {
  SECTION("a string for a number parameter") {
    json doc = base_project();
    version0(doc)["components"][1]["params"]["concurrency"] = "lots";
    check_refusal(refusal_of(doc), "/versions/0/components/1/params/concurrency", "found a string");
  }
  SECTION("a number for a bool parameter") {
    json doc = base_project();
    version0(doc)["components"][1]["params"]["blocking"] = 3;
    check_refusal(refusal_of(doc), "/versions/0/components/1/params/blocking", "must be true or false");
  }
  SECTION("a string for a rate") {
    json doc = base_project();
    version0(doc)["workload"][0]["per_second"] = "ten";
    check_refusal(refusal_of(doc), "/versions/0/workload/0/per_second", "expected a number, found a string");
  }
}

TEST_CASE("A value outside its range is refused with the limit", "[project_io][errors]") {
  SECTION("below the minimum") {
    json doc = base_project();
    version0(doc)["components"][1]["params"]["concurrency"] = 0;
    check_refusal(refusal_of(doc), "/versions/0/components/1/params/concurrency", "below the minimum 1");
  }
  SECTION("a fraction for an integer") {
    json doc = base_project();
    version0(doc)["components"][1]["params"]["concurrency"] = 2.5;
    check_refusal(refusal_of(doc), "/versions/0/components/1/params/concurrency", "whole number");
  }
  SECTION("inside a per-class map") {
    json doc = base_project();
    version0(doc)["components"][1]["params"]["service_ms"] = {{"browse", -1}};
    check_refusal(refusal_of(doc), "/versions/0/components/1/params/service_ms/browse", "below the minimum 0");
  }
  SECTION("a cache hit ratio above 1") {
    json doc = base_project();
    version0(doc)["components"].push_back({{"id", "cache"}, {"kind", "cache"}, {"params", {{"hit_ratio", 1.5}}}});
    check_refusal(refusal_of(doc), "/versions/0/components/3/params/hit_ratio", "above the maximum 1");
  }
}

TEST_CASE("A link to a missing component is refused", "[project_io][errors]") {
  json doc = base_project();
  version0(doc)["links"][1]["to"] = "ghost";
  check_refusal(refusal_of(doc), "/versions/0/links/1/to", "no component with id \"ghost\"");
}

TEST_CASE("A call cycle is refused and named", "[project_io][errors]") {
  json doc = base_project();
  version0(doc)["components"].push_back({{"id", "app2"}, {"kind", "app_server"}});
  version0(doc)["links"].push_back({{"from", "app"}, {"to", "app2"}});
  version0(doc)["links"].push_back({{"from", "app2"}, {"to", "app"}});
  // The link that closes the loop is links/3 (app2 → app).
  check_refusal(refusal_of(doc), "/versions/0/links/3", "cycle: app → app2 → app");
}

TEST_CASE("A request class must enter at a client", "[project_io][errors]") {
  json doc = base_project();
  version0(doc)["workload"][0]["entry"] = "app";
  check_refusal(refusal_of(doc), "/versions/0/workload/0/entry", "not a client");
}

TEST_CASE("Duplicate component ids are refused at the second one", "[project_io][errors]") {
  json doc = base_project();
  version0(doc)["components"].push_back({{"id", "db"}, {"kind", "cache"}});
  check_refusal(refusal_of(doc), "/versions/0/components/3/id", "duplicate id \"db\"");
}

TEST_CASE("A JSON syntax error is reported at line:column", "[project_io][errors]") {
  // Line 3, column 11 is the 'o' of the bare word: `  "name": oops`.
  const std::string text = "{\n  \"format\": \"archbench-project\",\n  \"name\": oops\n}\n";
  const Refusal r = refusal_of_text(text);
  check_refusal(r, "3:11", "not valid JSON");
}

TEST_CASE("An empty file is reported as empty", "[project_io][errors]") {
  const Refusal r = refusal_of_text("  \n");
  CHECK_THAT(r.what, Catch::Contains(std::string(kFile) + ": "));
  CHECK_THAT(r.what, Catch::Contains("the file is empty"));
}

TEST_CASE("A file from a newer ArchBench asks to upgrade", "[project_io][errors]") {
  json doc = base_project();
  doc["format_version"] = 6;
  const Refusal r = refusal_of(doc);
  check_refusal(r, "/format_version", "upgrade ArchBench");
  CHECK_THAT(r.what, Catch::Contains("format_version 6"));
}

TEST_CASE("A missing file is refused with its path", "[project_io][errors]") {
  const std::string path = std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/no-such-project.archbench.json";
  try {
    load_project(path, catalog());
    FAIL("a missing file was loaded");
  } catch (const InputError& e) {
    CHECK(e.file() == path);
    CHECK_THAT(std::string(e.what()), Catch::StartsWith(path + ": "));
    CHECK_THAT(std::string(e.what()), Catch::Contains("cannot open"));
  }
}

TEST_CASE("Every problem of a file is reported and not only the first", "[project_io][errors]") {
  json doc = base_project();
  version0(doc)["components"][1]["kind"] = "mainframe";
  version0(doc)["links"][1]["to"] = "ghost";
  const Refusal r = refusal_of(doc);
  CHECK(r.problems.size() >= 2);
  CHECK_THAT(r.what, Catch::Contains("/versions/0/components/1/kind"));
  CHECK_THAT(r.what, Catch::Contains("/versions/0/links/1/to"));
}

TEST_CASE("The blog preset survives dump and parse unchanged", "[project_io][roundtrip]") {
  const Project p = blog();
  REQUIRE(p.versions.size() >= 3);
  const std::string text = dump_project(p);
  const Project back = parse_project(text, "dumped.archbench.json", catalog());
  CHECK(back == p);
  // The written text is stable: dump(parse(dump(x))) == dump(x).
  CHECK(dump_project(back) == text);
  CHECK(text.back() == '\n');
}

TEST_CASE("Every field of the model survives a round trip", "[project_io][roundtrip]") {
  Project p;
  p.name = "Every field";
  p.description = "Covers each optional field of the format.";
  Version v;
  v.name = "V1";
  v.notes = "Queue in front of workers.";
  RequestClass job;
  job.name = "job";
  job.entry = "users";
  job.op = Op::Write;
  job.per_day = 86400;
  job.peak_factor = 2.5;
  job.payload_kb = 3.5;
  job.sync = false;
  RequestClass view;
  view.name = "view";
  view.entry = "users";
  view.per_second = 5;
  v.workload = {job, view};
  Component users{"users", "users", "Visitors", std::array<double, 2>{0, 10.5}, {}, {}, {}, {}};
  Component app{"app", "app_server", "", std::nullopt,
                {{"service_ms", ParamValue::of_map({{"job", 12.5}, {"*", 20}})},
                 {"blocking", ParamValue::of_bool(false)},
                 {"concurrency", ParamValue::of(8)}},
                {}, {}, {}};
  Component mq{"mq", "message_queue", "Jobs", std::array<double, 2>{300, -20}, {}, {}, {}, {}};
  Component workers{"workers", "worker_pool", "", std::nullopt, {{"scv", ParamValue::of(0.25)}}, {}, {}, {}};
  v.components = {users, app, mq, workers};
  Link to_app{"users", "app", PerClass{1.0, {}}, 0, 1, {}};
  Link to_mq{"app", "mq", PerClass{std::nullopt, {{"job", 1}}}, 0.25, 1, {}};
  Link to_workers{"mq", "workers", PerClass{0.5, {}}, 1.5, 2, {}};
  v.links = {to_app, to_mq, to_workers};
  p.versions = {v};

  const std::string text = dump_project(p);
  const Project back = parse_project(text, "fields.archbench.json", catalog());
  CHECK(back == p);
  CHECK(dump_project(back) == text);
}
