// The versions a practice session edits (start_attempt, next_stage_version) and the estimates
// step (grade_estimates): what the app's practice mode builds on.
#include <catch2/catch.hpp>

#include "archbench/project_io.h"
#include "archbench/validate.h"
#include "practice_fixture.h"

using practice_test::scenario;

TEST_CASE("A new attempt holds users and the scenario's classes at the first stage's traffic", "[practice]") {
  const auto& s = scenario("url-shortener");
  const archbench::Project p = archbench::start_attempt(s);
  REQUIRE(p.versions.size() == 1);
  const auto& v = p.versions[0];
  CHECK(v.name == "V1");
  REQUIRE(v.components.size() == 1);
  CHECK(v.components[0].kind == "users");
  REQUIRE(v.workload.size() == 2);
  const auto* redirect = v.request_class("redirect");
  REQUIRE(redirect != nullptr);
  CHECK(redirect->entry == "users");
  CHECK(redirect->op == archbench::Op::Read);
  CHECK(redirect->payload_kb == 0.5);
  // Launch: 1,000,000 a day at a peak factor of 3 → 1e6 / 86,400 × 3 = 34.722 req/s at peak.
  CHECK(redirect->peak_rate() == Approx(1e6 / 86400.0 * 3).epsilon(1e-12));
  CHECK(v.request_class("shorten")->op == archbench::Op::Write);
  REQUIRE(p.practice.has_value());
  CHECK(p.practice->scenario == "url-shortener");
  CHECK(p.practice->stage_reached == 0);
  CHECK(p.practice->hints_taken == std::vector<int>{0, 0});
  // It is a valid project and survives the file format unchanged.
  const auto& catalog = engine_test::catalog();
  CHECK(archbench::validate_version(v, catalog).empty());
  CHECK(archbench::parse_project(archbench::dump_project(p), "attempt", catalog) == p);
}

TEST_CASE("The next stage's version is a copy at the next stage's traffic with notes cleared", "[practice]") {
  const auto& s = scenario("url-shortener");
  archbench::Version launch = s.reference.versions[0];
  launch.notes = "Launch: one server";
  launch.faults.push_back({});
  const auto next = archbench::next_stage_version(s, 1, launch, "V2");
  CHECK(next.name == "V2");
  CHECK(next.notes.empty());
  CHECK(next.faults.empty());
  CHECK(next.components == launch.components);  // same components, same order
  CHECK(next.links == launch.links);
  // Viral: 100,000,000 a day at a peak factor of 3 → 3,472.2 req/s.
  CHECK(next.request_class("redirect")->peak_rate() == Approx(1e8 / 86400.0 * 3).epsilon(1e-12));
  // A class the previous version lacked is added at its entry.
  archbench::Version partial = launch;
  partial.workload.erase(partial.workload.begin() + 1);
  const std::string kept = partial.workload[0].name;
  const auto filled = archbench::next_stage_version(s, 1, partial, "V2");
  CHECK(filled.workload.size() == 2);
  for (const auto& r : filled.workload) CHECK(r.entry == partial.workload[0].entry);
  CHECK(filled.request_class(kept) != nullptr);
}

TEST_CASE("Estimates are graded within their tolerance by the same checks as a grade's", "[practice]") {
  const auto& s = scenario("url-shortener");
  // peak_qps: expected 3,472 ± 25% → 2,604 … 4,340 pass; storage_per_year 182.5 ± 30%.
  const std::map<std::string, double> given{{"peak_qps", 4300}, {"storage_per_year", 300}};
  const auto checks = archbench::grade_estimates(s, given);
  REQUIRE(checks.size() == 3);
  CHECK(checks[0].passed);
  CHECK(checks[0].points == 5);
  CHECK(*checks[0].figure == 4300);
  CHECK_FALSE(checks[1].passed);  // 300 is 64% above 182.5
  CHECK(checks[1].points == 0);
  CHECK_FALSE(checks[2].passed);  // not given
  CHECK_FALSE(checks[2].figure.has_value());
  CHECK(checks[2].reason.find("no estimate \"bandwidth\"") != std::string::npos);
  CHECK_FALSE(archbench::grade_estimates(s, {{"peak_qps", 4341}})[0].passed);  // 25.03% above
  archbench::Project attempt = archbench::start_attempt(s);
  attempt.practice->estimates = given;
  const auto card = archbench::grade(s, attempt, engine_test::catalog());
  REQUIRE(card.estimates.size() == checks.size());
  for (std::size_t i = 0; i < checks.size(); ++i) {
    CHECK(card.estimates[i].passed == checks[i].passed);
    CHECK(card.estimates[i].reason == checks[i].reason);
  }
}
