// Autoscaling (docs/PATTERNS.md): an autoscaled component runs the smallest count n in
// [min, max] with utilization B / (n·c) ≤ target, B = λ·H its busy servers; cost follows n; a
// spike's lag piles up (λ − n_before·c/H) · delay. Format 5, validated where it stands.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>

#include "archbench/error.h"
#include "archbench/faults.h"
#include "archbench/project_io.h"
#include "archbench/scaling.h"
#include "archbench/solver.h"
#include "archbench/sweep.h"
#include "archbench/validate.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;
using engine_test::component;
using engine_test::make_link;
using engine_test::Params;

// users → app (4 threads, 20 ms, non-blocking, $40 an instance; auto 2–10 at 70%, 60 s) → db.
Version scaled(double per_second) {
  Version v;
  v.name = "auto";
  RequestClass r;
  r.name = "browse";
  r.entry = "users";
  r.per_second = per_second;
  v.workload = {r};
  Component app = component("app", "app_server",
                            Params{{"concurrency", ParamValue::of(4)},
                                   {"service_ms", ParamValue::of(20)},
                                   {"blocking", ParamValue::of_bool(false)},
                                   {"cost_per_month", ParamValue::of(40)}});
  app.autoscale = Autoscale{2, 10, 0.7, 60};
  v.components = {component("users", "users"), app,
                  component("db", "database", Params{{"concurrency", ParamValue::of(100)},
                                                     {"service_ms", ParamValue::of(2)}})};
  v.links = {make_link("users", "app"), make_link("app", "db")};
  return v;
}

EvaluateOptions at(double load) {
  EvaluateOptions o;
  o.load = load;
  o.percentiles = false;
  return o;
}

}  // namespace

TEST_CASE("Autoscaling picks the smallest instance count at or below the target utilization") {
  const Report r = evaluate(scaled(400), catalog(), at(1));
  const ComponentResult* app = r.component("app");
  REQUIRE(app->autoscale);
  // B = 400/s × 0.020 s = 8 busy servers; n = ⌈8 / (4 × 0.7)⌉ = ⌈2.857⌉ = 3; ρ = 8 / 12.
  CHECK(app->autoscale->instances == 3);
  CHECK_FALSE(app->autoscale->at_max());
  CHECK(*app->utilization == Approx(8.0 / 12.0).epsilon(1e-9));
  // The cost follows the count: 3 instances × $40.
  CHECK(app->costs.front().quantity == 3);
  CHECK(app->costs.front().usd_per_month == Approx(120).epsilon(1e-12));
  CHECK(autoscale_text(*app->autoscale, app->utilization) ==
        "3 instances (auto 2–10, target 70.0%): 66.7% utilization");
}

TEST_CASE("Autoscaling stays at min under light load and says so at max") {
  // ×0.1: B = 0.8, ⌈0.8 / 2.8⌉ = 1, held at min 2.
  const Report light = evaluate(scaled(400), catalog(), at(0.1));
  CHECK(light.component("app")->autoscale->instances == 2);
  // ×4: B = 32, ⌈32 / 2.8⌉ = 12 > max 10: 10 instances at ρ = 32 / 40 = 80%, above the target.
  const Report heavy = evaluate(scaled(400), catalog(), at(4));
  const ComponentResult* app = heavy.component("app");
  CHECK(app->autoscale->instances == 10);
  CHECK(app->autoscale->wanted == 12);
  CHECK(app->autoscale->at_max());
  CHECK(*app->utilization == Approx(0.8).epsilon(1e-9));
  CHECK(autoscale_text(*app->autoscale, app->utilization) ==
        "10 instances (auto 2–10, target 70.0%) at max: 80.0% utilization, above the target");
  // Max throughput is that of max instances: 10 × 4 / 0.020 s = 2,000/s, ×5 the stated 400/s.
  CHECK(*heavy.totals.max_throughput_multiplier == Approx(5).epsilon(1e-6));
}

TEST_CASE("The sweep's cost steps up with the autoscaled instance count") {
  const Sweep s = sweep(QueueingModel(scaled(400), catalog()), 8);
  // The same version with one fixed instance: the difference at each load is (n − 1) × $40,
  // whole instances, growing with the load.
  Version one = scaled(400);
  one.components[1].autoscale.reset();
  const QueueingModel fixed(one, catalog());
  std::set<long long> counts;
  long long last = 0;
  for (const auto& p : s.points) {
    EvaluateOptions o = at(p.load);
    o.max_throughput = false;
    const double extra = (p.cost_per_month - fixed.evaluate(o).totals.cost_per_month) / 40;
    const long long n = std::llround(extra) + 1;
    CHECK(extra == Approx(static_cast<double>(n - 1)).margin(1e-9));
    CHECK(n >= last);
    last = n;
    counts.insert(n);
  }
  CHECK(counts.size() >= 4);  // steps, not one flat line
  CHECK(last == 10);          // ×4.95: B = 39.6 needs more than max
}

TEST_CASE("A spike piles up what the instances before it cannot carry during the scale-up delay") {
  Fault spike;
  spike.type = FaultType::Spike;
  spike.factor = 3;
  const WhatIfReport r = what_if(scaled(400), catalog(), {spike});
  REQUIRE(r.scale_ups.size() == 1);
  const ScaleUpLag& s = r.scale_ups.front();
  // 3 → ⌈1,200 × 0.02 / 2.8⌉ = ⌈8.57⌉ = 9 instances. Capacity before 3 × 4 / 0.020 = 600/s
  // against 1,200/s for 60 s: backlog (1,200 − 600) × 60 = 36,000; after: 9 × 4 / 0.02 =
  // 1,800/s, drained in 36,000 / (1,800 − 1,200) = 60 s.
  CHECK(s.instances_before == 3);
  CHECK(s.instances_after == 9);
  CHECK(s.capacity_before_per_s == Approx(600).epsilon(1e-9));
  CHECK(s.backlog_requests == Approx(36000).epsilon(1e-9));
  REQUIRE(s.drain_s);
  CHECK(*s.drain_s == Approx(60).epsilon(1e-9));
  CHECK(scale_up_text(s) ==
        "app: 3 → 9 instances after 60 s; meanwhile 1,200 req/s against a capacity of 600 req/s: "
        "a backlog of 36,000 requests, drained 60 s after the new instances arrive");
  // A spike shorter than the delay piles up only while it lasts: 600/s × 20 s.
  spike.duration_s = 20;
  CHECK(what_if(scaled(400), catalog(), {spike}).scale_ups.front().backlog_requests ==
        Approx(12000).epsilon(1e-9));
}

TEST_CASE("The version scaled for a load runs the chosen counts as fixed instances") {
  const Version v = scaled_for_load(scaled(400), catalog(), 2);
  const Component* app = v.component("app");
  CHECK_FALSE(app->autoscale);
  // ×2: B = 16, ⌈16 / 2.8⌉ = 6.
  CHECK(app->params.at("instances").number == 6);
}

TEST_CASE("Bad autoscale fields are named where they stand") {
  Version v = scaled(400);
  v.components[1].autoscale = Autoscale{0, 10, 0.7, 60};
  auto d = validate_version(v, catalog(), "/versions/0");
  REQUIRE(!d.empty());
  CHECK(d.front().place == "/versions/0/components/1/autoscale/min");
  v.components[1].autoscale = Autoscale{5, 3, 0.7, 60};
  d = validate_version(v, catalog(), "/versions/0");
  REQUIRE(d.size() == 1);
  CHECK(d.front().place == "/versions/0/components/1/autoscale/max");
  CHECK(d.front().message == "max 3 is below min 5");
  v.components[1].autoscale = Autoscale{2, 10, 1, -1};
  d = validate_version(v, catalog(), "/versions/0");
  REQUIRE(d.size() == 2);
  CHECK(d[0].place == "/versions/0/components/1/autoscale/target_utilization");
  CHECK(d[1].place == "/versions/0/components/1/autoscale/scale_up_delay_s");
  v = scaled(400);
  v.components[2].autoscale = Autoscale{};
  d = validate_version(v, catalog(), "/versions/0");
  REQUIRE(d.size() == 1);
  CHECK(d.front().place == "/versions/0/components/2/autoscale");
}

TEST_CASE("Autoscale is written as format_version 5 and refused in an older file") {
  Project p;
  p.name = "auto";
  p.versions = {scaled(400)};
  std::string text = dump_project(p);
  CHECK(required_format_version(p) == 5);
  CHECK(parse_project(text, "auto.json", catalog()) == p);
  text.replace(text.find("\"format_version\": 5"), 19, "\"format_version\": 4");
  try {
    parse_project(text, "auto.json", catalog());
    FAIL("a format-4 file with autoscale opened");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("/versions/0/components/1/autoscale"));
    CHECK_THAT(e.what(), Catch::Contains("\"autoscale\" needs format_version 5"));
  }
}
