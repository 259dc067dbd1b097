// Project format 2: class SLOs, zones, link policies, faults and experiments are read, checked
// and written back exactly; a project that uses none of them is still written as format 1.
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/faults.h"
#include "archbench/project_io.h"
#include "archbench/validate.h"
#include "engine_fixture.h"
#include "format_v2_fixture.h"

using namespace archbench;
using nlohmann::json;

using namespace format_v2_test;

TEST_CASE("Format 2 reads every new field with the documented spelling", "[format_v2]") {
  const Project p = parse(base_project());
  const Version& v = p.versions.at(0);
  CHECK(v.workload[0].slo_percent == 99.9);
  CHECK_FALSE(v.workload[1].slo_percent.has_value());
  CHECK(v.component("app")->zones == std::vector<std::string>{"eu-1a", "eu-1b"});

  const LinkPolicy& pol = v.links[1].policy;
  CHECK(pol.timeout_ms == 800);
  CHECK(pol.retries == 2);
  CHECK(pol.backoff_ms == 50);
  CHECK(pol.backoff_multiplier == 3);
  CHECK(pol.jitter);
  CHECK(pol.breaker);
  CHECK(pol.breaker_threshold == 0.4);
  CHECK(pol.breaker_open_ms == 2000);
  CHECK(pol.fallback_degraded);
  CHECK(pol.bulkhead == 40);
  // Only the timeout is set here; the rest keeps the defaults, and no breaker.
  CHECK(v.links[3].policy.timeout_ms == 1000);
  CHECK_FALSE(v.links[3].policy.breaker);
  CHECK(v.links[3].policy.retries == 0);
  CHECK(v.links[0].policy.is_default());

  REQUIRE(v.faults.size() == 8);
  CHECK(v.faults[0].type == FaultType::Lose);
  CHECK(v.faults[0].instances == 2);
  CHECK(v.faults[1].factor == 3);
  CHECK(v.faults[1].add_ms == 5);
  CHECK(v.faults[2].hit_ratio == 0.2);
  // A cut names its caller in Fault::component and its callee in Fault::to.
  CHECK(v.faults[3].component == "app");
  CHECK(v.faults[3].to == "db");
  CHECK(v.faults[4].zone == "eu-1a");
  CHECK(v.faults[4].duration_s == 300);
  CHECK(v.faults[5].factor == 2.5);
  CHECK(v.faults[6].fraction == 0.3);
  CHECK(v.faults[7].duration_s == 600);  // the default

  REQUIRE(v.experiments.size() == 2);
  const Experiment& e = v.experiments[0];
  CHECK(e.name == "cache loss");
  CHECK(e.hypothesis == "Browsing survives losing the cache.");
  CHECK(e.faults ==
        std::vector<Fault>{Fault{FaultType::Crash, "cache", "", "", 1, 0, 1, 0, 0.5, 600}});
  CHECK(e.blast_radius == std::vector<std::string>{"browse"});
  REQUIRE(e.conditions.size() == 2);
  CHECK(e.conditions[0] == Condition{"browse", Metric::Success, Cmp::AtLeast, 99});
  CHECK(e.conditions[1] == Condition{"buy", Metric::P95Ms, Cmp::AtMost, 800});
  CHECK(v.experiments[1].conditions.empty());
}

TEST_CASE("A project using every new field survives dump and parse unchanged",
          "[format_v2][roundtrip]") {
  const Project p = parse(base_project());
  const std::string text = dump_project(p);
  const Project back = parse_project(text, "dumped.archbench.json", catalog());
  CHECK(back == p);
  CHECK(dump_project(back) == text);
  CHECK(json::parse(text)["format_version"] == 2);
}

TEST_CASE("The writer omits defaults of policies and faults", "[format_v2][roundtrip]") {
  const json written = project_to_json(parse(base_project()));
  const json& v = written["versions"][0];
  CHECK_FALSE(v["links"][0].contains("policy"));
  CHECK(v["links"][3]["policy"] == json{{"timeout_ms", 1000}});
  // "breaker" present means the breaker is on; its defaults are left out.
  json doc = base_project();
  version0(doc)["links"][3]["policy"] = {{"breaker", json::object()}};
  const json again = project_to_json(parse(doc));
  CHECK(again["versions"][0]["links"][3]["policy"] == json{{"breaker", json::object()}});
  CHECK(v["faults"][7] == json{{"type", "hang"}, {"component", "app"}});
  CHECK(v["experiments"][1] ==
        json{{"name", "slow database"},
             {"faults", {{{"type", "slow"}, {"component", "db"}, {"add_ms", 20}}}}});
  // A spike always says by how much, even ×1.
  Project p = parse(base_project());
  p.versions[0].faults[5].factor = 1;
  CHECK(project_to_json(p)["versions"][0]["faults"][5] == json{{"type", "spike"}, {"factor", 1}});
}

TEST_CASE("A down fault is read as a crash and written as one", "[format_v2]") {
  json doc = base_project();
  version0(doc)["experiments"][0]["faults"][0]["type"] = "down";
  const Project p = parse(doc);
  CHECK(p.versions[0].experiments[0].faults[0].type == FaultType::Crash);
  CHECK(project_to_json(p)["versions"][0]["experiments"][0]["faults"][0]["type"] == "crash");
}

// As the format-1 writer wrote it: keys in the writer's order, defaults left out.
const char* const kFormat1Text = R"({
  "description": "No field of format 2.",
  "format": "archbench-project",
  "format_version": 1,
  "name": "Plain",
  "versions": [
    {
      "components": [
        {
          "id": "users",
          "kind": "users",
          "pos": [
            0,
            10.5
          ]
        },
        {
          "id": "app",
          "kind": "app_server",
          "name": "App",
          "params": {
            "concurrency": 8,
            "service_ms": {
              "*": 20,
              "view": 12.5
            }
          }
        },
        {
          "id": "db",
          "kind": "database",
          "params": {
            "read_replicas": 1
          }
        }
      ],
      "links": [
        {
          "from": "users",
          "latency_ms": 30,
          "to": "app"
        },
        {
          "calls": {
            "view": 3
          },
          "from": "app",
          "to": "db"
        }
      ],
      "name": "V1",
      "notes": "Why it exists.",
      "workload": [
        {
          "entry": "users",
          "name": "view",
          "op": "read",
          "payload_kb": 40,
          "peak_factor": 3,
          "per_day": 200000
        }
      ]
    }
  ]
}
)";

// A copy with every format-2 field cleared.
static Project without_format2_fields(Project p) {
  for (auto& v : p.versions) {
    for (auto& r : v.workload) r.slo_percent.reset();
    for (auto& c : v.components) c.zones.clear();
    for (auto& l : v.links) l.policy = {};
    v.faults.clear();
    v.experiments.clear();
    v.simulations.clear();  // format 5 (the image pipeline's stored outage)
  }
  return p;
}

TEST_CASE("A project without the new fields is written as format 1 byte for byte",
          "[format_v2][roundtrip]") {
  const Project p = parse_project(kFormat1Text, kFile, catalog());
  CHECK(required_format_version(p) == 1);
  CHECK(dump_project(p) == kFormat1Text);
  // The presets without their failure-analysis fields are format 1 again; with them, format 2.
  for (const std::string name : {"blog.archbench.json", "image-pipeline.archbench.json"}) {
    INFO(name);
    const Project preset = engine_test::preset(name);
    CHECK(required_format_version(preset) == (name == "blog.archbench.json" ? 2 : 5));
    const std::string text = dump_project(without_format2_fields(preset));
    CHECK(json::parse(text)["format_version"] == 1);
    CHECK(dump_project(parse_project(text, name, catalog())) == text);
  }
}

TEST_CASE("Any one new field makes the project format 2", "[format_v2]") {
  Project p = without_format2_fields(engine_test::preset("blog.archbench.json"));
  Version& v = p.versions.at(0);
  REQUIRE(required_format_version(p) == 1);
  SECTION("a class SLO") {
    v.workload[0].slo_percent = 99.5;
  }
  SECTION("zones") {
    v.components[1].zones = {"a"};
  }
  SECTION("a link policy") {
    v.links[0].policy.retries = 1;
  }
  SECTION("a fault") {
    v.faults.push_back(Fault{FaultType::Crash, v.components[1].id, "", "", 1, 0, 1, 0, 0.5, 600});
  }
  SECTION("an experiment") {
    v.experiments.push_back(Experiment{"e", "", {}, {}, {}});
  }
  CHECK(required_format_version(p) == 2);
  CHECK(project_to_json(p)["format_version"] == 2);
}

TEST_CASE("A format 1 file that uses a format 2 field is refused at the field",
          "[format_v2][errors]") {
  json doc = base_project();
  doc["format_version"] = 1;
  const Refusal r = refusal_of(doc);
  check_refusal(r, "/versions/0/workload/0/slo_percent", "\"slo_percent\" needs format_version 2");
  check_refusal(r, "/versions/0/components/1/zones", "\"zones\" needs format_version 2");
  check_refusal(r, "/versions/0/links/1/policy", "\"policy\" needs format_version 2");
  check_refusal(r, "/versions/0/faults", "\"faults\" needs format_version 2");
  check_refusal(r, "/versions/0/experiments", "\"experiments\" needs format_version 2");
}

TEST_CASE("Format versions: 6 asks to upgrade and others are unsupported", "[format_v2][errors]") {
  json doc = base_project();
  doc["format_version"] = 6;
  const Refusal future = refusal_of(doc);
  check_refusal(future, "/format_version", "written by a newer ArchBench (format_version 6)");
  CHECK_THAT(future.what, Catch::Contains("upgrade ArchBench"));
  doc["format_version"] = 1.5;
  check_refusal(refusal_of(doc), "/format_version",
                "unsupported format_version 1.5 (expected 1, 2, 3, 4 or 5)");
  doc["format_version"] = 0;
  check_refusal(refusal_of(doc), "/format_version", "unsupported format_version 0");
}

TEST_CASE("The reader refuses malformed new fields where they stand", "[format_v2][errors]") {
  check_all({
      {"slo as text", [](json& v) { v["workload"][0]["slo_percent"] = "high"; },
       "/versions/0/workload/0/slo_percent", "expected a number, found a string"},
      {"zones as a string", [](json& v) { v["components"][1]["zones"] = "eu-1a"; },
       "/versions/0/components/1/zones", "expected an array of strings, found a string"},
      {"a zone as a number", [](json& v) { v["components"][1]["zones"][1] = 2; },
       "/versions/0/components/1/zones/1", "expected a string, found a number"},
      {"policy as a number", [](json& v) { v["links"][1]["policy"] = 800; },
       "/versions/0/links/1/policy", "expected an object, found a number"},
      {"unknown policy key", [](json& v) { v["links"][1]["policy"]["timeout"] = 800; },
       "/versions/0/links/1/policy/timeout", "unknown field \"timeout\" in a link policy"},
      {"fractional retries", [](json& v) { v["links"][1]["policy"]["retries"] = 2.5; },
       "/versions/0/links/1/policy/retries", "expected a whole number, found 2.5"},
      {"huge bulkhead", [](json& v) { v["links"][1]["policy"]["bulkhead"] = 1e12; },
       "/versions/0/links/1/policy/bulkhead", "the number is too large"},
      {"breaker as true", [](json& v) { v["links"][1]["policy"]["breaker"] = true; },
       "/versions/0/links/1/policy/breaker", "expected an object, found a boolean"},
      {"unknown fallback",
       [](json& v) { v["links"][1]["policy"]["breaker"]["fallback"] = "cached"; },
       "/versions/0/links/1/policy/breaker/fallback",
       "unknown fallback \"cached\" (fail or degraded)"},
      {"unknown breaker key", [](json& v) { v["links"][1]["policy"]["breaker"]["half_open"] = 1; },
       "/versions/0/links/1/policy/breaker/half_open",
       "unknown field \"half_open\" in a circuit breaker"},
      {"faults as an object", [](json& v) { v["faults"] = json::object(); }, "/versions/0/faults",
       "expected an array, found an object"},
      {"fault without type", [](json& v) { v["faults"][1].erase("type"); }, "/versions/0/faults/1",
       "missing \"type\""},
      {"unknown fault type", [](json& v) { v["faults"][1]["type"] = "explode"; },
       "/versions/0/faults/1/type", "unknown fault type \"explode\" (crash, hang, lose"},
      {"a key of another type", [](json& v) { v["faults"][7]["factor"] = 2; },
       "/versions/0/faults/7/factor",
       "unknown field \"factor\" in a hang fault (allowed: type, component, duration_s)"},
      {"a cut with a component", [](json& v) { v["faults"][3]["component"] = "app"; },
       "/versions/0/faults/3/component", "unknown field \"component\" in a cut fault"},
      {"a cut without its callee", [](json& v) { v["faults"][3].erase("to"); },
       "/versions/0/faults/3", "missing \"to\""},
      {"a spike without factor", [](json& v) { v["faults"][5].erase("factor"); },
       "/versions/0/faults/5", "missing \"factor\""},
      {"fractional instances", [](json& v) { v["faults"][0]["instances"] = 1.5; },
       "/versions/0/faults/0/instances", "expected a whole number"},
      {"experiment without name", [](json& v) { v["experiments"][0].erase("name"); },
       "/versions/0/experiments/0", "missing \"name\""},
      {"experiment without faults", [](json& v) { v["experiments"][1].erase("faults"); },
       "/versions/0/experiments/1", "missing \"faults\""},
      {"unknown experiment key", [](json& v) { v["experiments"][0]["owner"] = "me"; },
       "/versions/0/experiments/0/owner", "unknown field \"owner\" in an experiment"},
      {"unknown metric", [](json& v) { v["experiments"][0]["conditions"][0]["metric"] = "p99_ms"; },
       "/versions/0/experiments/0/conditions/0/metric", "unknown metric \"p99_ms\""},
      {"unknown op", [](json& v) { v["experiments"][0]["conditions"][1]["op"] = ">"; },
       "/versions/0/experiments/0/conditions/1/op", "unknown comparison \">\" (>= or <=)"},
      {"condition without value",
       [](json& v) { v["experiments"][0]["conditions"][1].erase("value"); },
       "/versions/0/experiments/0/conditions/1", "missing \"value\""},
      {"blast radius as text", [](json& v) { v["experiments"][0]["blast_radius"] = "browse"; },
       "/versions/0/experiments/0/blast_radius", "expected an array of strings"},
  });
}

TEST_CASE("Copy and paste carries zones and link policies", "[format_v2][fragment]") {
  const Version v = parse(base_project()).versions.at(0);
  const std::string text = dump_fragment(v.components, v.links);
  std::vector<Component> components;
  std::vector<Link> links;
  parse_fragment(text, components, links);
  CHECK(components == v.components);
  CHECK(links == v.links);
  CHECK(components[1].zones == std::vector<std::string>{"eu-1a", "eu-1b"});
  CHECK(links[1].policy.breaker);
}

TEST_CASE("The catalog declares replication mode and MTBF/MTTR", "[format_v2][catalog]") {
  const KindDecl* db = catalog().find("database");
  REQUIRE(db);
  const ParamDecl* sync = db->param("synchronous_replication");
  REQUIRE(sync);
  CHECK(sync->type == ParamType::Bool);
  CHECK(sync->default_value == 0);
  for (const auto& [name, kind] : catalog().kinds()) {
    if (!kind.param("availability")) continue;
    INFO(name);
    for (const char* p : {"mtbf_hours", "mttr_hours"}) {
      const ParamDecl* d = kind.param(p);
      REQUIRE(d);
      CHECK(d->type == ParamType::Number);
      CHECK(d->default_value == 0);
      CHECK(d->min == 0);
      CHECK(d->max == 1e7);
      CHECK(d->unit == "h");
    }
  }
  json doc = base_project();
  version0(doc)["components"][3]["params"]["synchronous_replication"] = true;
  version0(doc)["components"][3]["params"]["mtbf_hours"] = 8760;
  version0(doc)["components"][3]["params"]["mttr_hours"] = 2;
  CHECK_NOTHROW(parse(doc));
  version0(doc)["components"][3]["params"]["mtbf_hours"] = -1;
  check_refusal(refusal_of(doc), "/versions/0/components/3/params/mtbf_hours",
                "below the minimum 0");
}
