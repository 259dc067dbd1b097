// A scenario's starting design ("here is V1; it is falling over", docs/PRACTICE.md `start`): the
// attempt begins from it, it is validated as a project's version under /start, and the first
// stage is graded as an evolution from it. On presets/scenarios/checkout-rescue.json.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "archbench/error.h"
#include "archbench/practice_json.h"
#include "archbench/solver.h"
#include "practice_fixture.h"

using namespace archbench;
using practice_test::find_check;

namespace {

const Catalog& cat() { return engine_test::catalog(); }
const Scenario& rescue() { return practice_test::scenario("checkout-rescue"); }

nlohmann::json rescue_json() {
  std::ifstream in(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/scenarios/checkout-rescue.json");
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

// The problems parse_scenario reports for checkout-rescue with `start` edited by `edit`.
std::vector<Diagnostic> problems_with(const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json j = rescue_json();
  edit(j["start"]);
  try {
    parse_scenario(j.dump(), "edited.json", cat());
  } catch (const InputError& e) {
    CHECK(e.file() == "edited.json");
    return e.problems();
  }
  return {};
}

bool has_problem(const std::vector<Diagnostic>& ps, const std::string& place, const std::string& text) {
  for (const auto& d : ps)
    if (d.place == place && d.message.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("An attempt at a scenario with a start begins from the given design", "[practice][start]") {
  REQUIRE(rescue().start);
  const Project p = start_attempt(rescue());
  REQUIRE(p.versions.size() == 1);
  const Version& v1 = p.versions[0];
  CHECK(v1.name == "V1");
  // The start's three components and two links, unchanged, and its notes (the story so far).
  REQUIRE(v1.components.size() == 3);
  CHECK(v1.components == rescue().start->components);
  CHECK(v1.links == rescue().start->links);
  CHECK(v1.notes == rescue().start->notes);
  // The first stage's traffic replaces the start's rates: browse 5,184,000 a day at peak ×5
  // (= 300/s), checkout 100,000 a day at peak ×5.
  const RequestClass* browse = v1.request_class("browse");
  REQUIRE(browse);
  CHECK_FALSE(browse->per_second);
  CHECK(browse->per_day == Approx(5184000.0).epsilon(1e-12));
  CHECK(browse->peak_factor == Approx(5.0).epsilon(1e-12));
  CHECK(browse->payload_kb == Approx(40.0).epsilon(1e-12));
  const Report r = evaluate(v1, cat());
  const ClassResult* b = r.request_class("browse");
  REQUIRE(b);
  CHECK(b->rate_per_s == Approx(300.0).epsilon(1e-9));  // 5,184,000 / 86,400 × 5
  CHECK(p.practice->scenario == "checkout-rescue");
}

TEST_CASE("The untouched start fails its first stage saturated with the component named", "[practice][start]") {
  // The story of the scenario must be true in the engine: V1 falls over at tonight's peak, and
  // the first stage is an evolution from V1 (a version that changes nothing relieves nothing).
  const Project p = start_attempt(rescue());
  const StageCard card = check_stage(rescue(), 0, p.versions[0], cat());
  CHECK(card.saturated);
  CHECK_FALSE(card.passed);
  CHECK(card.bottleneck == "app");
  const auto head = find_check(card, "headroom");
  REQUIRE(head);
  CHECK(head->component == "app");
  REQUIRE(head->figure);
  CHECK(*head->figure < 1);  // saturates below ×1 of the stage's traffic
  // Saturation is shown as a state: no availability figure, no cost per request.
  const auto avail = find_check(card, "availability");
  REQUIRE(avail);
  CHECK_FALSE(avail->figure);
  CHECK_THAT(avail->reason, Catch::Contains("saturated") && Catch::Contains("app"));
  const auto eff = find_check(card, "cost_efficiency");
  REQUIRE(eff);
  CHECK_THAT(eff->reason, Catch::Contains("not meaningful"));
  // Evolution from the start: the notes are the start's own (no trigger named by the candidate)
  // and the bottleneck app is not relieved (the same max throughput: ratio exactly 1).
  const auto trig = find_check(card, "trigger");
  REQUIRE(trig);
  CHECK_FALSE(trig->passed);
  const auto addressed = find_check(card, "bottleneck_addressed");
  REQUIRE(addressed);
  CHECK_FALSE(addressed->passed);
  REQUIRE(addressed->figure);
  CHECK(*addressed->figure == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("Relieving the start's bottleneck earns the first stage's evolution points", "[practice][start]") {
  Project p = start_attempt(rescue());
  Version& v1 = p.versions[0];
  v1.component("app")->params["instances"] = ParamValue::of(3);
  v1.notes = "Trigger: app saturates at tonight's peak; three instances.";
  const StageCard card = check_stage(rescue(), 0, v1, cat());
  CHECK_FALSE(card.saturated);
  const Report before = evaluate(stage_version(rescue(), 0, *rescue().start), cat());
  const Report after = evaluate(stage_version(rescue(), 0, v1), cat());
  REQUIRE(before.totals.max_throughput_multiplier);
  REQUIRE(after.totals.max_throughput_multiplier);
  const auto addressed = find_check(card, "bottleneck_addressed");
  REQUIRE(addressed);
  CHECK(addressed->passed);
  // Either the bottleneck moved, or the ratio of the max throughput multipliers is the figure.
  if (after.totals.bottleneck == "app") {
    REQUIRE(addressed->figure);
    CHECK(*addressed->figure ==
          Approx(*after.totals.max_throughput_multiplier / *before.totals.max_throughput_multiplier).epsilon(1e-12));
  }
  CHECK(find_check(card, "trigger")->passed);
}

TEST_CASE("A scenario without a start has no evolution checks at its first stage", "[practice][start]") {
  const Scenario& url = practice_test::scenario("url-shortener");
  CHECK_FALSE(url.start);
  const StageCard card = check_stage(url, 0, url.reference.versions[0], cat());
  CHECK_FALSE(find_check(card, "trigger"));
  CHECK_FALSE(find_check(card, "bottleneck_addressed"));
  const ReportCard missing = grade(url, Project{}, cat());
  CHECK_FALSE(find_check(missing.stages[0], "trigger"));
  const ReportCard rescue_missing = grade(rescue(), Project{}, cat());
  CHECK(find_check(rescue_missing.stages[0], "trigger"));
}

TEST_CASE("A starting design is validated as a project version with places under start", "[practice][start]") {
  const auto bad_param = problems_with([](nlohmann::json& s) { s["components"][1]["params"]["concurrency"] = 0; });
  CHECK(has_problem(bad_param, "/start/components/1/params/concurrency", "below the minimum 1"));
  const auto bad_link = problems_with([](nlohmann::json& s) { s["links"][1]["to"] = "nowhere"; });
  CHECK(has_problem(bad_link, "/start/links/1/to", "nowhere"));
  const auto not_object = problems_with([](nlohmann::json& s) { s = nlohmann::json::array(); });
  CHECK(has_problem(not_object, "/start", "object"));
  // No users component and no class declared: the scenario's classes would have nowhere to enter.
  const auto no_users = problems_with([](nlohmann::json& s) {
    s["components"].erase(0);
    s["links"].erase(0);
    s.erase("workload");
  });
  CHECK(has_problem(no_users, "/start/components", "no users component"));
}

TEST_CASE("practice show JSON gives the starting design or null", "[practice][start]") {
  const auto with = scenario_to_json(rescue(), std::nullopt);
  REQUIRE(with["start"].is_object());
  CHECK(with["start"]["components"].size() == 3);
  CHECK(with["start"]["components"][1]["id"] == "app");
  CHECK(with["start"]["links"].size() == 2);
  const auto without = scenario_to_json(practice_test::scenario("url-shortener"), std::nullopt);
  CHECK(without["start"].is_null());
}
