// Failure drills: generated from the design deterministically, answered by the engine.
#include <catch2/catch.hpp>

#include <algorithm>

#include "archbench/drills.h"
#include "archbench/faults.h"
#include "archbench/solver.h"
#include "practice_fixture.h"

using namespace archbench;

namespace {

const Drill* of_kind(const std::vector<Drill>& ds, DrillKind k) {
  for (const auto& d : ds)
    if (d.kind == k) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("Drills are the same for the same design in any order", "[practice][drills]") {
  const Scenario& s = practice_test::scenario("url-shortener");
  Version v = s.reference.versions[1];
  const auto a = generate_drills(s, 1, v, engine_test::catalog());
  std::reverse(v.components.begin(), v.components.end());
  std::reverse(v.links.begin(), v.links.end());
  for (auto& c : v.components) c.pos = std::array<double, 2>{1, 2};  // moving boxes is not a new design
  const auto b = generate_drills(s, 1, v, engine_test::catalog());
  REQUIRE(a.size() == 3);
  REQUIRE(b.size() == a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].answer == b[i].answer);
    CHECK(a[i].id.rfind("2/", 0) == 0);
  }
}

TEST_CASE("Saturates-first drill answers with the bottleneck below twice the traffic", "[practice][drills]") {
  const Scenario& s = practice_test::scenario("url-shortener");
  const Project naive = practice_test::naive_attempt(s);
  // The naive design at launch traffic: far from saturation, so doubling saturates nothing.
  const auto launch = generate_drills(s, 0, naive.versions[0], engine_test::catalog());
  const Report r0 = evaluate(stage_version(s, 0, naive.versions[0]), engine_test::catalog());
  REQUIRE(*r0.totals.max_throughput_multiplier >= 2);
  CHECK(of_kind(launch, DrillKind::SaturatesFirst)->answer == "none");
  // At viral traffic it already saturates: the engine's bottleneck is the answer.
  const auto viral = generate_drills(s, 1, naive.versions[1], engine_test::catalog());
  const Report r1 = evaluate(stage_version(s, 1, naive.versions[1]), engine_test::catalog());
  const Drill* d = of_kind(viral, DrillKind::SaturatesFirst);
  CHECK(d->answer == r1.totals.bottleneck);
  CHECK(std::find(d->choices.begin(), d->choices.end(), d->answer) != d->choices.end());
}

TEST_CASE("Crash drill answers with the classes what_if sees failing", "[practice][drills]") {
  const Scenario& s = practice_test::scenario("url-shortener");
  const Project naive = practice_test::naive_attempt(s);
  const auto ds = generate_drills(s, 0, naive.versions[0], engine_test::catalog());
  const Drill* d = of_kind(ds, DrillKind::CrashFails);
  REQUIRE(d);
  const std::string target = d->id.substr(d->id.find(':') + 1);
  Fault f;
  f.type = FaultType::Crash;
  f.component = target;
  const WhatIfReport w = what_if(stage_version(s, 0, naive.versions[0]), engine_test::catalog(), {f});
  std::vector<std::string> failing;
  for (const auto& c : w.faulted.classes)
    if (c.success + c.degraded < 0.99) failing.push_back(c.name);
  // One app server and one database: either crash stops every class.
  CHECK(failing.size() == 2);
  CHECK(d->answer == "redirect, shorten");
  CHECK(drill_answer_correct(*d, "Shorten,redirect"));
  CHECK_FALSE(drill_answer_correct(*d, "redirect"));
  CHECK_FALSE(drill_answer_correct(*d, "none"));
}

TEST_CASE("Slow drill bands the what_if p95 against the stage requirement", "[practice][drills]") {
  const Scenario& s = practice_test::scenario("url-shortener");
  const Version& v = s.reference.versions[0];
  const auto ds = generate_drills(s, 0, v, engine_test::catalog());
  const Drill* d = of_kind(ds, DrillKind::SlowLatency);
  REQUIRE(d);
  REQUIRE(d->choices.size() == 3);
  // The id says which component slows and which class is asked about: "1/slow:ID:CLASS".
  const std::string rest = d->id.substr(d->id.find(':') + 1);
  const std::string target = rest.substr(0, rest.find(':')), cls = rest.substr(rest.find(':') + 1);
  Fault f;
  f.type = FaultType::Slow;
  f.component = target;
  f.factor = 3;
  const WhatIfReport w = what_if(stage_version(s, 0, v), engine_test::catalog(), {f});
  const auto p95 = w.faulted.request_class(cls)->answered_p95_ms;
  const double limit = cls == "redirect" ? 200 : 500;  // the stage's p99 requirements
  const std::size_t band = !p95 ? 2 : *p95 < limit ? 0 : *p95 <= 3 * limit ? 1 : 2;
  CHECK(d->answer == d->choices[band]);
  CHECK(drill_answer_correct(*d, d->choices[band]));
}

TEST_CASE("Drill answers in the attempt are graded", "[practice][drills]") {
  const Scenario& s = practice_test::scenario("url-shortener");
  Project p = s.reference;
  const auto ds = generate_drills(s, 1, p.versions[1], engine_test::catalog());
  p.practice->drills = {{ds[0].id, ds[0].answer}, {ds[1].id, "nothing at all"}, {"9/saturates-first", "db"}};
  const ReportCard card = grade(s, p, engine_test::catalog());
  REQUIRE(card.drills.size() == 2);
  double earned = 0;
  for (const auto& c : card.drills) earned += c.points;
  CHECK(earned == 5);  // one right, one wrong
  CHECK(std::any_of(card.notes.begin(), card.notes.end(),
                    [](const std::string& n) { return n.find("9/saturates-first") != std::string::npos; }));
}
