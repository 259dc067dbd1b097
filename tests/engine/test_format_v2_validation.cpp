// Project format 2, validation: the bounds of class SLOs, zones, link policies, faults and
// experiments, each refused where it stands with the bound it breaks.
#include <catch2/catch.hpp>
#include <string>

#include "archbench/faults.h"
#include "archbench/validate.h"
#include "format_v2_fixture.h"

using namespace format_v2_test;

TEST_CASE("Validation bounds of class SLOs and zones and link policies", "[format_v2][errors]") {
  auto policy = [](const char* key, json value) {
    return [key, value](json& v) { v["links"][1]["policy"][key] = value; };
  };
  auto breaker = [](const char* key, json value) {
    return [key, value](json& v) { v["links"][1]["policy"]["breaker"][key] = value; };
  };
  const std::string pol = "/versions/0/links/1/policy/";
  check_all({
      {"SLO 100%", [](json& v) { v["workload"][0]["slo_percent"] = 100; },
       "/versions/0/workload/0/slo_percent", "strictly between 0 and 100"},
      {"SLO 0%", [](json& v) { v["workload"][0]["slo_percent"] = 0; },
       "/versions/0/workload/0/slo_percent", "strictly between 0 and 100"},
      {"empty zone name", [](json& v) { v["components"][1]["zones"][1] = ""; },
       "/versions/0/components/1/zones/1", "a zone needs a name"},
      {"zone listed twice", [](json& v) { v["components"][1]["zones"][1] = "eu-1a"; },
       "/versions/0/components/1/zones/1", "zone \"eu-1a\" is listed twice"},
      {"long zone name", [](json& v) { v["components"][1]["zones"][0] = std::string(101, 'z'); },
       "/versions/0/components/1/zones/0", "at most 100 characters"},
      {"65 zones",
       [](json& v) {
         json zones = json::array();
         for (int i = 0; i < 65; ++i) zones.push_back("z" + std::to_string(i));
         v["components"][1]["zones"] = zones;
       },
       "/versions/0/components/1/zones", "at most 64"},
      {"negative timeout", policy("timeout_ms", -1), pol + "timeout_ms",
       "between 0 and 1000000 ms"},
      {"timeout above 1e6 ms", policy("timeout_ms", 1000001), pol + "timeout_ms",
       "between 0 and 1000000 ms"},
      {"11 retries", policy("retries", 11), pol + "retries", "between 0 and 10"},
      {"negative retries", policy("retries", -1), pol + "retries", "between 0 and 10"},
      {"negative backoff", policy("backoff_ms", -5), pol + "backoff_ms",
       "between 0 and 1000000 ms"},
      {"multiplier below 1", policy("backoff_multiplier", 0.5), pol + "backoff_multiplier",
       "between 1 and 10"},
      {"multiplier above 10", policy("backoff_multiplier", 11), pol + "backoff_multiplier",
       "between 1 and 10"},
      {"bulkhead above 1e6", policy("bulkhead", 1000001), pol + "bulkhead",
       "between 0 and 1000000"},
      {"negative bulkhead", policy("bulkhead", -1), pol + "bulkhead", "between 0 and 1000000"},
      {"threshold 0", breaker("threshold", 0), pol + "breaker/threshold", "above 0 and at most 1"},
      {"threshold above 1", breaker("threshold", 1.5), pol + "breaker/threshold",
       "above 0 and at most 1"},
      {"open time 0", breaker("open_ms", 0), pol + "breaker/open_ms", "between 1 and 10000000 ms"},
      {"open time above 1e7", breaker("open_ms", 2e7), pol + "breaker/open_ms",
       "between 1 and 10000000 ms"},
  });
  // The edges themselves are valid.
  json doc = base_project();
  version0(doc)["links"][1]["policy"] = {
      {"timeout_ms", 1e6},   {"retries", 10},
      {"backoff_ms", 1e6},   {"backoff_multiplier", 10},
      {"bulkhead", 1000000}, {"breaker", {{"threshold", 1}, {"open_ms", 1e7}}}};
  version0(doc)["workload"][0]["slo_percent"] = 99.999;
  CHECK_NOTHROW(parse(doc));
}

TEST_CASE("Breaker settings without a breaker are refused (they could not be saved)",
          "[format_v2][errors]") {
  Project p = parse(base_project());
  LinkPolicy& pol = p.versions[0].links[1].policy;
  pol.breaker = false;
  const auto problems = validate_version(p.versions[0], catalog(), "/versions/0");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "/versions/0/links/1/policy");
  CHECK_THAT(problems[0].message, Catch::Contains("need the circuit breaker on"));
}

TEST_CASE("Validation of faults names the fault and the bound", "[format_v2][errors]") {
  auto fault = [](std::size_t i, const char* key, json value) {
    return [=](json& v) { v["faults"][i][key] = value; };
  };
  check_all({
      {"unknown component", fault(1, "component", "ghost"), "/versions/0/faults/1/component",
       "no component with id \"ghost\""},
      {"a client", fault(7, "component", "users"), "/versions/0/faults/7/component", "is a client"},
      {"cut of a missing link", fault(3, "to", "users"), "/versions/0/faults/3",
       "no link from \"app\" to \"users\""},
      {"cut to a missing id", fault(3, "to", "ghost"), "/versions/0/faults/3/to",
       "no component with id \"ghost\""},
      {"unknown zone", fault(4, "zone", "us-2"), "/versions/0/faults/4/zone",
       "no component is placed in zone \"us-2\""},
      {"lose 0", fault(0, "instances", 0), "/versions/0/faults/0/instances", "at least 1 instance"},
      {"lose 4 of 3", fault(0, "instances", 4), "/versions/0/faults/0/instances",
       "\"app\" has 3 instances; a lose fault cannot take 4"},
      {"lose 4 of a primary and 2 replicas",
       [](json& v) {
         v["faults"][0] = {{"type", "lose"}, {"component", "db"}, {"instances", 4}};
       },
       "/versions/0/faults/0/instances", "\"db\" has 3 nodes (the primary and 2 read replicas)"},
      {"slow ×0", fault(1, "factor", 0), "/versions/0/faults/1/factor", "above 0 and at most 1000"},
      {"slow ×1001", fault(1, "factor", 1001), "/versions/0/faults/1/factor",
       "above 0 and at most 1000"},
      {"slow −1 ms", fault(1, "add_ms", -1), "/versions/0/faults/1/add_ms", "between 0 and 1e6 ms"},
      {"slow +2e6 ms", fault(1, "add_ms", 2e6), "/versions/0/faults/1/add_ms",
       "between 0 and 1e6 ms"},
      {"slow by nothing",
       [](json& v) {
         v["faults"][1] = {{"type", "slow"}, {"component", "db"}};
       },
       "/versions/0/faults/1", "needs \"factor\" (other than 1) or \"add_ms\""},
      {"flush a database", fault(2, "component", "db"), "/versions/0/faults/2/component",
       "\"db\" (kind database) is not a cache; only a cache can be flushed"},
      {"flush to 1.5", fault(2, "hit_ratio", 1.5), "/versions/0/faults/2/hit_ratio",
       "between 0 and 1"},
      {"spike ×0", fault(5, "factor", 0), "/versions/0/faults/5/factor",
       "above 0 and at most 1000"},
      {"spike ×2000", fault(5, "factor", 2000), "/versions/0/faults/5/factor",
       "above 0 and at most 1000"},
      {"partition an app server", fault(6, "component", "app"), "/versions/0/faults/6/component",
       "\"app\" (kind app_server) is not a store"},
      {"partition a database without replicas",
       [](json& v) { v["components"][3]["params"]["read_replicas"] = 0; },
       "/versions/0/faults/6/component", "\"db\" has no read replicas"},
      {"partition fraction 1", fault(6, "fraction", 1), "/versions/0/faults/6/fraction",
       "strictly between 0 and 1"},
      {"partition fraction 0", fault(6, "fraction", 0), "/versions/0/faults/6/fraction",
       "strictly between 0 and 1"},
      {"duration 0", fault(4, "duration_s", 0), "/versions/0/faults/4/duration_s",
       "above 0 and at most 1e7 s"},
      {"duration above 1e7 s", fault(4, "duration_s", 2e7), "/versions/0/faults/4/duration_s",
       "above 0 and at most 1e7 s"},
      {"two slows on db",
       [](json& v) {
         v["faults"].push_back({{"type", "slow"}, {"component", "db"}, {"add_ms", 1}});
       },
       "/versions/0/faults/8", "a second slow fault on \"db\" clashes with /versions/0/faults/1"},
      {"two spikes",
       [](json& v) {
         v["faults"].push_back({{"type", "spike"}, {"factor", 2}});
       },
       "/versions/0/faults/8", "clashes with /versions/0/faults/5"},
      {"inside an experiment",
       [](json& v) { v["experiments"][1]["faults"][0]["component"] = "ghost"; },
       "/versions/0/experiments/1/faults/0/component", "no component with id \"ghost\""},
  });
  // Different types on one component do not clash: a crash and a lose of the same app.
  json doc = base_project();
  version0(doc)["faults"].push_back({{"type", "crash"}, {"component", "app"}});
  CHECK_NOTHROW(parse(doc));
}

TEST_CASE("Validation of experiments", "[format_v2][errors]") {
  check_all({
      {"empty name", [](json& v) { v["experiments"][1]["name"] = ""; },
       "/versions/0/experiments/1/name", "an experiment needs a name"},
      {"duplicate name", [](json& v) { v["experiments"][1]["name"] = "cache loss"; },
       "/versions/0/experiments/1/name", "duplicate experiment name \"cache loss\""},
      {"no fault", [](json& v) { v["experiments"][1]["faults"] = json::array(); },
       "/versions/0/experiments/1/faults", "at least one fault"},
      {"condition on an unknown class",
       [](json& v) { v["experiments"][0]["conditions"][0]["class"] = "sell"; },
       "/versions/0/experiments/0/conditions/0/class", "unknown request class \"sell\""},
      {"blast radius names an unknown class",
       [](json& v) { v["experiments"][0]["blast_radius"][0] = "sell"; },
       "/versions/0/experiments/0/blast_radius/0", "unknown request class \"sell\""},
      {"blast radius lists a class twice",
       [](json& v) { v["experiments"][0]["blast_radius"].push_back("browse"); },
       "/versions/0/experiments/0/blast_radius/1", "listed twice"},
      {"success above 100%", [](json& v) { v["experiments"][0]["conditions"][0]["value"] = 101; },
       "/versions/0/experiments/0/conditions/0/value", "between 0 and 100%"},
      {"negative latency", [](json& v) { v["experiments"][0]["conditions"][1]["value"] = -1; },
       "/versions/0/experiments/0/conditions/1/value", "a latency is -1 ms"},
  });
}

TEST_CASE("validate_faults checks a scenario given outside the file", "[format_v2]") {
  const Version v = parse(base_project()).versions.at(0);
  // Flushing the database: the catalog says it is no cache.
  const std::vector<Fault> flush_db{Fault{FaultType::Flush, "db", "", "", 1, 0, 1, 0, 0.5, 600}};
  const auto flush = validate_faults(v, catalog(), flush_db, "/faults");
  REQUIRE(flush.size() == 1);
  CHECK(flush[0].place == "/faults/0/component");
  // A field the type does not read would be lost on save.
  Fault crash{FaultType::Crash, "app", "", "", 3, 0, 1, 0, 0.5, 600};
  const auto unused = validate_faults(v, catalog(), {crash}, "/faults");
  REQUIRE(unused.size() == 1);
  CHECK(unused[0].place == "/faults/0/factor");
  CHECK_THAT(unused[0].message, Catch::Contains("does not apply to a crash fault"));
  // The version's own scenario is valid.
  CHECK(validate_faults(v, catalog(), v.faults, "/faults").empty());
}
