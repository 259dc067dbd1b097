// Scenario files are refused as strictly as projects (file and place in every message), and the
// attempt record travels in the project file as format_version 3.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "archbench/error.h"
#include "archbench/project_io.h"
#include "practice_fixture.h"

using namespace archbench;

namespace {

const std::string kBroken = std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/broken_scenarios";

struct Expected {
  std::string place;
  std::string message;
};

// Every broken file with the place and message it must be refused with.
const std::map<std::string, Expected>& corpus() {
  static const std::map<std::string, Expected> c = {
      {"syntax-error", {"2:19", "not valid JSON"}},
      {"not-a-scenario", {"/format", "this is not an ArchBench scenario"}},
      {"future-version", {"/format_version", "upgrade ArchBench"}},
      {"unknown-key", {"/stages/0/requirements/throughput", "unknown field \"throughput\""}},
      {"bad-difficulty", {"/difficulty", "unknown difficulty \"brutal\""}},
      {"unknown-class-in-latency", {"/stages/0/requirements/latency/0/class", "unknown class \"redirect\""}},
      {"bad-percentile", {"/stages/0/requirements/latency/0/percentile", "unknown percentile \"p90\""}},
      {"missing-traffic", {"/stages/1/traffic", "no traffic for class \"job\""}},
      {"both-rates", {"/stages/0/traffic/read", "exactly one of \"per_second\" and \"per_day\""}},
      {"slo-out-of-range", {"/stages/0/requirements/availability/0/slo_percent", "strictly between 0 and 100"}},
      {"unknown-survive", {"/stages/0/requirements/faults/0/survive", "unknown failure \"meteor\""}},
      {"unknown-kind", {"/stages/0/requirements/faults/0/kinds/0", "unknown component kind \"mainframe\""}},
      {"durable-sync-class", {"/stages/0/requirements/durable/0", "class \"read\" is synchronous"}},
      {"completion-on-sync", {"/stages/0/requirements/latency/0/completion", "has no completion time"}},
      {"hint-text-and-computed", {"/stages/0/hints/0", "either \"text\" or \"computed\""}},
      {"unknown-computed-hint", {"/stages/0/hints/1/computed", "unknown computed hint \"answer\""}},
      {"pass-mark-above-100", {"/pass_mark", "\"pass_mark\" is 120, outside 0–100"}},
      {"reference-one-version", {"/reference/versions", "the reference has 1 versions for 2 stages"}},
      {"reference-invalid", {"/reference/versions/0/components/1/params/concurrency", "below the minimum 1"}},
      {"reference-lacks-class", {"/reference/versions/1/workload", "the reference lacks class \"read\""}},
      {"duplicate-stage-name", {"/stages/1/name", "duplicate stage name \"Small\""}},
      {"duplicate-key", {"/difficulty", "appears twice"}},
      {"id-not-file-name", {"/id", "differs from the file name"}},
      {"bad-id", {"/id", "lower-case letters, digits and dashes"}},
      {"no-stages", {"/stages", "at least one stage"}},
      {"headroom-below-one", {"/stages/0/requirements/headroom", "outside 1–1000"}},
      {"start-invalid", {"/start/components/1/params/instances", "below the minimum 1"}},
      {"start-without-users", {"/start/components", "no users component"}},
  };
  return c;
}

}  // namespace

TEST_CASE("Broken scenarios are refused with file and place", "[practice][format]") {
  for (const auto& [name, want] : corpus()) {
    const std::string path = kBroken + "/" + name + ".json";
    INFO(name);
    try {
      load_scenario(path, engine_test::catalog());
      FAIL("accepted " << path);
    } catch (const InputError& e) {
      CHECK(e.file() == path);
      CHECK_THAT(e.what(), Catch::StartsWith(path + ": "));
      bool found = false;
      for (const auto& d : e.problems())
        if (d.place == want.place && d.message.find(want.message) != std::string::npos) found = true;
      INFO(e.what());
      CHECK(found);
    }
  }
}

TEST_CASE("Every file of the broken scenario corpus has an expectation", "[practice][format]") {
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(kBroken)) files.insert(e.path().stem().string());
  CHECK(files.size() == corpus().size());
  for (const auto& f : files) {
    INFO(f);
    CHECK(corpus().count(f) == 1);
  }
}

TEST_CASE("An attempt record round-trips as format_version 3", "[practice][format]") {
  Project p = practice_test::rules().reference;
  p.practice = PracticeRecord{"rules", 2, 1830.5, {1, 0}, {{"qps", 95}}, {{"2/saturates-first", "app"}}};
  const std::string text = dump_project(p);
  const auto j = nlohmann::json::parse(text);
  CHECK(j["format_version"] == 3);
  CHECK(j["practice"]["hints_taken"] == nlohmann::json::array({1, 0}));
  const Project back = parse_project(text, "attempt.archbench.json", engine_test::catalog());
  CHECK(back == p);
}

TEST_CASE("Without practice data the writer keeps the older format version", "[practice][format]") {
  Project p = practice_test::rules().reference;
  p.practice.reset();
  CHECK(required_format_version(p) == 1);
  CHECK(nlohmann::json::parse(dump_project(p))["format_version"] == 1);
  p.versions[0].workload[0].slo_percent = 99;
  CHECK(required_format_version(p) == 2);
}

TEST_CASE("A practice record in an older format version is refused at its place", "[practice][format]") {
  Project p = practice_test::rules().reference;
  p.practice = PracticeRecord{"rules", 1, 0, {}, {}, {}};
  auto j = nlohmann::json::parse(dump_project(p));
  j["format_version"] = 2;
  try {
    parse_project(j.dump(), "old.archbench.json", engine_test::catalog());
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE_FALSE(e.problems().empty());
    CHECK(e.problems()[0].place == "/practice");
    CHECK_THAT(e.problems()[0].message, Catch::Contains("needs format_version 3"));
  }
}

TEST_CASE("Malformed practice fields are refused where they stand", "[practice][format]") {
  Project p = practice_test::rules().reference;
  p.practice = PracticeRecord{"rules", 1, 0, {}, {}, {}};
  auto j = nlohmann::json::parse(dump_project(p));
  j["practice"]["hints_taken"] = nlohmann::json::array({1, -2});
  j["practice"]["estimates"] = {{"qps", "lots"}};
  j["practice"]["drills"] = nlohmann::json::array({{{"id", "1/x"}, {"answer", "a"}}, {{"id", "1/x"}, {"answer", "b"}}});
  j["practice"]["mood"] = "calm";
  try {
    parse_project(j.dump(), "bad.archbench.json", engine_test::catalog());
    FAIL("accepted");
  } catch (const InputError& e) {
    std::set<std::string> places;
    for (const auto& d : e.problems()) places.insert(d.place);
    INFO(e.what());
    CHECK(places.count("/practice/hints_taken/1") == 1);
    CHECK(places.count("/practice/estimates/qps") == 1);
    CHECK(places.count("/practice/drills/1/id") == 1);
    CHECK(places.count("/practice/mood") == 1);  // an unknown field
  }
}

TEST_CASE("A check's figure reads whole numbers without decimals and carries its unit", "[practice][format]") {
  // check_figure_text is the one rule the CLI's report, the report card and the panel share.
  auto text = [](std::optional<double> v) {
    Check c;
    c.figure = v;
    return check_figure_text(c);
  };
  CHECK(text(1.0) == "1");  // hints shown, not "1.000"
  CHECK(text(0.0) == "0");
  CHECK(text(100.0) == "100");
  CHECK(text(3500.0) == "3,500");
  CHECK(text(-2.0) == "-2");
  CHECK(text(97.35) == "97.35");
  CHECK(text(0.1052) == "0.1052");
  CHECK(text(2.8066) == "2.807");
  CHECK(text(std::nullopt) == "—");
  // With the unit of what the check measures.
  auto in = [](const char* category, double v) {
    Check c;
    c.category = category;
    c.figure = v;
    return check_figure_text(c);
  };
  CHECK(in("latency", 86.65) == "86.65 ms");
  CHECK(in("availability", 99.49) == "99.49%");
  CHECK(in("resilience", 100.0) == "100%");
  CHECK(in("headroom", 2.6978) == "×2.698");
  CHECK(in("budget", 211.02) == "$211.02");
  CHECK(in("overbuilt", 200.0) == "$200.00");
  CHECK(in("cost_efficiency", 0.068694) == "$0.06869");  // not "$0.07"
  CHECK(in("cost_efficiency", 0.004) == "$0.004");      // not "$0.00"
  CHECK(in("cost_efficiency", 0.0) == "$0.00");
  CHECK(in("consistency", 80.0) == "80%");
  CHECK(in("bottleneck_addressed", 4.9587) == "×4.959");
  CHECK(in("unused", 2.0) == "2");
  CHECK(in("estimate", 3500.0) == "3,500");
}
