// One test per grading rule (docs/PRACTICE.md, "Grading rules"), on the small scenario of
// tests/fixtures/practice/rules.json. Figures on the card must be the engine's own: each test
// compares them with the analysis they come from.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "archbench/availability.h"
#include "archbench/faults.h"
#include "archbench/practice_json.h"
#include "archbench/solver.h"
#include "practice_fixture.h"

using namespace archbench;
using practice_test::find_check;
using practice_test::rules;

namespace {

const Catalog& cat() { return engine_test::catalog(); }

Project reference_attempt() { return rules().reference; }

void set_param(Project& p, std::size_t version, const std::string& id, const std::string& name, double v) {
  Component* c = p.versions[version].component(id);
  REQUIRE(c);
  c->params[name] = ParamValue::of(v);
}

ReportCard graded(const Project& p) { return grade(rules(), p, cat()); }

Report stage_report(const Project& p, std::size_t stage) {
  return evaluate(stage_version(rules(), stage, p.versions[stage]), cat());
}

}  // namespace

TEST_CASE("Latency check reports the class percentile from evaluate", "[practice][rules]") {
  const Project p = reference_attempt();
  const ReportCard card = graded(p);
  const auto c = find_check(card.stages[0], "latency");
  REQUIRE(c);
  const Report r = stage_report(p, 0);
  // The figure is the solver's p99 of "read" at the stage's 50 req/s, not the file's rate.
  CHECK(*c->figure == Approx(r.request_class("read")->latency->p99).epsilon(1e-12));
  CHECK(c->passed);
  CHECK(c->points == 10);

  Project slow = p;
  set_param(slow, 0, "app", "service_ms", 400);  // p99 of an M/M/c with 400 ms service is above 500 ms
  const auto s = find_check(graded(slow).stages[0], "latency");
  REQUIRE(s);
  CHECK_FALSE(s->passed);
  CHECK(s->points == 0);
  CHECK(*s->figure > 500);
  CHECK_THAT(s->reason, Catch::Contains("above 500 ms") && Catch::Contains("app"));
}

TEST_CASE("Served check fails a class nothing answers together with its latency and availability", "[practice][rules]") {
  // The reference serves every class: one "served" check per scenario class, all passed.
  const StageCard ok = graded(reference_attempt()).stages[0];
  std::size_t served = 0;
  for (const auto& c : ok.checks)
    if (c.category == "served") {
      ++served;
      CHECK(c.passed);
      CHECK(c.points == 5);
    }
  CHECK(served == rules().classes.size());
  // A fresh attempt (users and the classes, nothing else): every class stops at its client, so
  // a latency of 0 ms must not pass; the stage fails. (The URL shortener's classes are all
  // synchronous: a fresh attempt with an asynchronous class is invalid until it has a queue.)
  const Scenario& url = practice_test::scenario("url-shortener");
  const StageCard empty = check_stage(url, 0, start_attempt(url).versions[0], cat());
  for (const auto& c : empty.checks) {
    if (c.category != "served" && c.category != "latency" && c.category != "availability") continue;
    INFO(c.requirement << ": " << c.reason);
    CHECK_FALSE(c.passed);
    CHECK(c.points == 0);
    CHECK_THAT(c.reason, Catch::Contains("is answered by nothing: users calls no component for it"));
  }
  CHECK(empty.score < url.pass_mark);
  CHECK_THROWS_WITH(check_stage(rules(), 0, start_attempt(rules()).versions[0], cat()),
                    Catch::Contains("never reaches a message queue"));
}

TEST_CASE("Completion latency reads the queued work of an async class", "[practice][rules]") {
  const Project p = reference_attempt();
  const auto c = find_check(graded(p).stages[0], "latency", 1);
  REQUIRE(c);
  INFO(c->requirement);
  CHECK(c->requirement == "job completion p95 <= 5,000 ms");
  CHECK(*c->figure == Approx(stage_report(p, 0).request_class("job")->completion->p95).epsilon(1e-12));
}

TEST_CASE("Availability check reports analyse_availability and names single points of failure", "[practice][rules]") {
  Project p = reference_attempt();
  set_param(p, 0, "app", "instances", 1);
  const auto c = find_check(graded(p).stages[0], "availability");
  REQUIRE(c);
  const AvailabilityReport ar = analyse_availability(stage_version(rules(), 0, p.versions[0]), cat());
  const auto it = std::find_if(ar.classes.begin(), ar.classes.end(), [](auto& x) { return x.name == "read"; });
  REQUIRE(it != ar.classes.end());
  CHECK(*c->figure == Approx(it->availability * 100).epsilon(1e-12));
  CHECK(c->passed == (it->availability * 100 >= 90));
  CHECK(c->component == "app");  // app and db are single points of failure; the smaller id is named
  CHECK_THAT(c->reason, Catch::Contains("single points of failure: app, db"));
}

TEST_CASE("Headroom check compares the maximum throughput multiplier", "[practice][rules]") {
  const Project p = reference_attempt();
  const auto c = find_check(graded(p).stages[0], "headroom");
  REQUIRE(c);
  const Report r = stage_report(p, 0);
  CHECK(*c->figure == Approx(*r.totals.max_throughput_multiplier).epsilon(1e-12));
  CHECK(c->passed == (*r.totals.max_throughput_multiplier >= 2));
  CHECK(c->component == r.totals.bottleneck);

  Project small = p;
  // 550 req/s holding a thread ≥ 12 ms each keep ≥ 6.6 threads busy: more than 4, offered > 100%
  set_param(small, 1, "app", "instances", 1);
  set_param(small, 1, "app", "concurrency", 4);
  const StageCard large = graded(small).stages[1];
  const auto h = find_check(large, "headroom");
  REQUIRE(h);
  CHECK(large.saturated);
  CHECK_FALSE(large.passed);
  CHECK_FALSE(h->passed);
  CHECK(h->component == "app");
  CHECK_THAT(h->reason, Catch::StartsWith("saturated at this stage's traffic: app is offered"));
}

TEST_CASE("Consistency check fails a read through a cache or a replica", "[practice][rules]") {
  const Project p = reference_attempt();
  CHECK(find_check(graded(p).stages[0], "consistency")->passed);

  Project replica = p;
  set_param(replica, 0, "db", "read_replicas", 1);
  const auto r = find_check(graded(replica).stages[0], "consistency");
  CHECK_FALSE(r->passed);
  CHECK(r->component == "db");
  CHECK_THAT(r->reason, Catch::Contains("replicas of db"));

  Project cached = p;
  Version& v = cached.versions[0];
  v.components.push_back({"cache", "cache", "", std::nullopt, {{"hit_ratio", ParamValue::of_map({{"read", 0.8}})}}, {}, {}, {}});
  v.links[1].calls = PerClass{std::nullopt, {{"write", 1}}};  // app → db: writes only
  v.links.push_back({"app", "cache", PerClass{std::nullopt, {{"read", 1}}}, 0, 1, {}});
  v.links.push_back({"cache", "db", PerClass{std::nullopt, {{"read", 1}}}, 0, 1, {}});
  const auto c = find_check(graded(cached).stages[0], "consistency");
  CHECK_FALSE(c->passed);
  CHECK(c->component == "cache");
  CHECK(*c->figure == Approx(80));
}

TEST_CASE("Durability check needs the class to cross a message queue", "[practice][rules]") {
  const Project p = reference_attempt();
  CHECK(find_check(graded(p).stages[0], "durability")->passed);
  Project direct = p;
  Version& v = direct.versions[0];
  v.workload[2].sync = true;  // the job is done while the caller waits, straight on the database
  v.links[1].calls = PerClass{1.0, {}};
  v.links.erase(v.links.begin() + 2, v.links.end());
  v.components.erase(std::remove_if(v.components.begin(), v.components.end(),
                                    [](auto& c) { return c.id == "queue" || c.id == "workers"; }),
                     v.components.end());
  const auto c = find_check(graded(direct).stages[0], "durability");
  REQUIRE(c);
  CHECK_FALSE(c->passed);
  CHECK_THAT(c->reason, Catch::Contains("never reaches a message queue"));
}

TEST_CASE("Budget and cost efficiency checks read the report's costs", "[practice][rules]") {
  const Project p = reference_attempt();
  const StageCard ok = graded(p).stages[0];
  CHECK(find_check(ok, "budget")->passed);
  CHECK(*find_check(ok, "budget")->figure == Approx(stage_report(p, 0).totals.cost_per_month));
  CHECK(find_check(ok, "cost_efficiency")->passed);  // the reference against itself: ratio 1

  Project dear = p;
  set_param(dear, 0, "app", "cost_per_month", 5000);
  const Report r = stage_report(dear, 0);
  const StageCard st = graded(dear).stages[0];
  const auto b = find_check(st, "budget");
  CHECK_FALSE(b->passed);
  CHECK(*b->figure == Approx(r.totals.cost_per_month));
  CHECK(b->component == "app");
  const auto e = find_check(st, "cost_efficiency");
  CHECK_FALSE(e->passed);
  CHECK(*e->figure == Approx(*r.totals.cost_per_million_requests));
}

TEST_CASE("Resilience check evaluates each lost instance with what_if", "[practice][rules]") {
  const Project p = reference_attempt();
  CHECK(find_check(graded(p).stages[0], "resilience")->passed);

  Project single = p;
  set_param(single, 0, "app", "instances", 1);
  const auto c = find_check(graded(single).stages[0], "resilience");
  REQUIRE(c);
  Fault lose;
  lose.type = FaultType::Lose;
  lose.component = "app";
  const WhatIfReport w = what_if(stage_version(rules(), 0, single.versions[0]), cat(), {lose});
  const ClassOutcome* o = w.faulted.request_class("read");
  // The only app server lost: nothing answers reads.
  CHECK(*c->figure == Approx((o->success + o->degraded) * 100).margin(1e-9));
  CHECK_FALSE(c->passed);
  CHECK(c->component == "app");
  INFO(c->reason);
  CHECK_THAT(c->reason, Catch::Contains("lose 1 instance of app"));
}

TEST_CASE("Simplicity checks flag idle components and over-built designs", "[practice][rules]") {
  Project p = reference_attempt();
  p.versions[0].components.push_back({"spare", "cache", "", std::nullopt, {}, {}, {}, {}});
  p.versions[0].components.push_back({"extra", "database", "", std::nullopt, {}, {}, {}, {}});
  const StageCard st = graded(p).stages[0];
  const auto u = find_check(st, "unused");
  CHECK_FALSE(u->passed);
  CHECK(*u->figure == 2);
  CHECK(u->component == "extra");
  CHECK_THAT(u->reason, Catch::Contains("extra, spare"));

  Project big = reference_attempt();
  set_param(big, 0, "db", "cost_per_month", 3000);  // more than twice the reference's total
  const auto o = find_check(graded(big).stages[0], "overbuilt");
  CHECK_FALSE(o->passed);
  CHECK(o->component == "db");
}

TEST_CASE("Evolution trigger check reads the version notes", "[practice][rules]") {
  Project p = reference_attempt();
  CHECK(find_check(graded(p).stages[1], "trigger")->passed);
  p.versions[1].notes = "";
  CHECK_FALSE(find_check(graded(p).stages[1], "trigger")->passed);
  // The previous design's bottleneck at this stage's traffic, named in the notes.
  const std::string before = evaluate(stage_version(rules(), 1, p.versions[0]), cat()).totals.bottleneck;
  p.versions[1].notes = "More servers because " + before + " ran hot.";
  CHECK(find_check(graded(p).stages[1], "trigger")->passed);
  p.versions[1].notes = "More servers.";
  CHECK_FALSE(find_check(graded(p).stages[1], "trigger")->passed);
  CHECK_FALSE(find_check(graded(p).stages[0], "trigger").has_value());  // the first stage has no previous one
}

TEST_CASE("Evolution check wants the previous bottleneck relieved", "[practice][rules]") {
  const Project p = reference_attempt();
  const auto ok = find_check(graded(p).stages[1], "bottleneck_addressed");
  CHECK(ok->passed);
  Project same = p;
  same.versions[1] = same.versions[0];
  same.versions[1].name = "V2";
  const auto c = find_check(graded(same).stages[1], "bottleneck_addressed");
  CHECK_FALSE(c->passed);
  CHECK(c->component == stage_report(same, 1).totals.bottleneck);
  // The same design at the same traffic: the multiplier does not grow (ratio 1).
  CHECK(*c->figure == Approx(1));
}

TEST_CASE("A missing stage fails all its checks at full weight", "[practice][rules]") {
  Project p = reference_attempt();
  const StageCard full = graded(p).stages[1];
  p.versions.pop_back();
  const ReportCard card = graded(p);
  const StageCard& st = card.stages[1];
  CHECK(st.missing);
  CHECK_FALSE(st.passed);
  CHECK_FALSE(card.passed);
  CHECK(st.score == 0);
  double max_full = 0, max_missing = 0;
  for (const auto& c : full.checks) max_full += c.max_points;
  for (const auto& c : st.checks) {
    max_missing += c.max_points;
    CHECK_FALSE(c.passed);
  }
  CHECK(max_missing == max_full);
}

TEST_CASE("A missing class fails its requirements without an error", "[practice][rules]") {
  Project p = reference_attempt();
  Version& v = p.versions[0];
  v.workload.erase(v.workload.begin());  // no "read"
  v.links[1].calls = PerClass{std::nullopt, {{"write", 1}}};
  ReportCard card;
  REQUIRE_NOTHROW(card = graded(p));
  const auto c = find_check(card.stages[0], "latency");
  CHECK_FALSE(c->passed);
  CHECK(c->reason == "the attempt has no request class \"read\"");
  CHECK_FALSE(find_check(card.stages[0], "resilience")->passed);
}

TEST_CASE("The stage traffic replaces the attempt rates", "[practice][rules]") {
  Project a = reference_attempt(), b = reference_attempt();
  a.versions[0].workload[0].per_second = 1;
  b.versions[0].workload[0].per_second.reset();
  b.versions[0].workload[0].per_day = 1e9;
  CHECK(report_card_to_json(graded(a)) == report_card_to_json(graded(b)));
  const Version v = stage_version(rules(), 1, a.versions[1]);
  CHECK(v.request_class("read")->peak_rate() == Approx(500));  // 43,200,000 / 86,400 × 1
}

TEST_CASE("Grading does not depend on the order of things in the file", "[practice][rules]") {
  const Project p = reference_attempt();
  Project q = p;
  for (auto& v : q.versions) {
    std::reverse(v.components.begin(), v.components.end());
    std::reverse(v.links.begin(), v.links.end());
    std::reverse(v.workload.begin(), v.workload.end());
  }
  nlohmann::json a = report_card_to_json(graded(p)), b = report_card_to_json(graded(q));
  CHECK(a == b);
}

TEST_CASE("Hints shown cost their points in the stage score", "[practice][rules]") {
  Project p = reference_attempt();
  const StageCard clean = graded(p).stages[0];
  p.practice = PracticeRecord{"rules", 1, 0, {2}, {}, {}};
  const StageCard st = graded(p).stages[0];
  const auto h = find_check(st, "hint");
  REQUIRE(h);
  CHECK(h->points == -5);  // the first two hints cost 2 + 3
  CHECK(hint_cost(rules(), 0, 2) == 5);
  double max = 0, earned = 0;
  for (const auto& c : st.checks) {
    max += c.max_points;
    earned += c.points;
  }
  CHECK(st.score == Approx(100 * earned / max));
  CHECK(st.score < clean.score);
}

TEST_CASE("Computed hints read the attempt's figures", "[practice][rules]") {
  const Project p = reference_attempt();
  const Report r = stage_report(p, 0);
  const std::string h = hint_text(rules(), 0, 1, &p.versions[0], cat());
  CHECK_THAT(h, Catch::StartsWith("At this stage your bottleneck is " + r.totals.bottleneck + " at "));
  CHECK(hint_text(rules(), 0, 0, nullptr, cat()) == "Start simple.");
  CHECK_THAT(hint_text(rules(), 0, 1, nullptr, cat()), Catch::StartsWith("Build a version"));
  Project slow = p;
  set_param(slow, 1, "app", "instances", 1);
  set_param(slow, 1, "app", "concurrency", 4);
  CHECK_THAT(hint_text(rules(), 1, 0, &slow.versions[1], cat()), Catch::StartsWith("Look at \"read p99 <= 500 ms\""));
}

TEST_CASE("Estimates pass within their tolerance", "[practice][rules]") {
  Project p = reference_attempt();
  p.practice = PracticeRecord{"rules", 2, 0, {}, {{"qps", 109}}, {}};
  CHECK(graded(p).estimates[0].passed);  // |109 − 100| ≤ 10% of 100
  p.practice->estimates["qps"] = 111;
  CHECK_FALSE(graded(p).estimates[0].passed);
  p.practice->estimates.clear();
  CHECK_THAT(graded(p).estimates[0].reason, Catch::StartsWith("no estimate \"qps\" given"));
}

TEST_CASE("Overall score sums every check and passing needs every stage", "[practice][rules]") {
  Project p = reference_attempt();
  p.practice = PracticeRecord{"rules", 2, 0, {}, {{"qps", 100}}, {}};
  const ReportCard card = graded(p);
  double max = 0, earned = 0;
  for (const auto& s : card.stages)
    for (const auto& c : s.checks) {
      max += c.max_points;
      earned += c.points;
    }
  for (const auto& c : card.estimates) {
    max += c.max_points;
    earned += c.points;
  }
  CHECK(card.score == Approx(100 * earned / max));
  CHECK(card.passed == (card.score >= 70 && card.stages[0].passed && card.stages[1].passed));
  CHECK(card.passed);
  CHECK(card.notes.empty());
  p.practice->time_used_s = 46 * 60;  // the scenario's default limit is 45 minutes
  CHECK(graded(p).notes == std::vector<std::string>{"time used 46 min, over the 45 min limit"});
}

TEST_CASE("Live check of one stage gives the graded stage card", "[practice][rules]") {
  const Project p = reference_attempt();
  const ReportCard card = graded(p);
  for (std::size_t i = 0; i < p.versions.size(); ++i) {
    const StageCard live = check_stage(rules(), i, p.versions[i], cat(), i > 0 ? &p.versions[i - 1] : nullptr);
    CHECK(stage_card_to_json(live) == stage_card_to_json(card.stages[i]));
  }
}
