// The simulator agrees with the analytic figures of autoscaling (it runs the count evaluate
// picks for the simulated load) and of the mesh (the same compiled hops and CPU share).
#include <catch2/catch.hpp>

#include "archbench/simulate.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;
using engine_test::component;
using engine_test::make_link;
using engine_test::Params;

// users → app (2 threads, 10 ms, non-blocking; auto 1–8 at 60% or a mesh) → db (2 ms, 50).
Version version(bool autoscale, bool mesh) {
  Version v;
  v.name = "sim";
  RequestClass r;
  r.name = "q";
  r.entry = "users";
  r.per_second = 300;
  v.workload = {r};
  Component app = component("app", "app_server", Params{{"concurrency", ParamValue::of(2)},
                                                         {"service_ms", ParamValue::of(10)},
                                                         {"blocking", ParamValue::of_bool(false)},
                                                         {"instances", ParamValue::of(5)}});
  if (autoscale) app.autoscale = Autoscale{1, 8, 0.6, 60};
  if (mesh) app.mesh = Mesh{1, 0.2, 5};
  v.components = {component("users", "users"), app,
                  component("db", "database", Params{{"concurrency", ParamValue::of(50)},
                                                     {"service_ms", ParamValue::of(2)}})};
  v.links = {make_link("users", "app"), make_link("app", "db")};
  return v;
}

SimulateOptions options(double load) {
  SimulateOptions o;
  o.load = load;
  o.duration_s = 300;
  o.warmup_s = 30;
  return o;
}

}  // namespace

TEST_CASE("The simulator runs an autoscaled component at the count evaluate picks") {
  // ×1.5: 450/s × 10 ms = 4.5 busy servers; ⌈4.5 / (2 × 0.6)⌉ = ⌈3.75⌉ = 4 instances, ρ = 56.25%.
  const Version v = version(true, false);
  EvaluateOptions eo;
  eo.load = 1.5;
  const Report r = evaluate(v, catalog(), eo);
  REQUIRE(r.component("app")->autoscale->instances == 4);
  const SimReport s = simulate(v, catalog(), options(1.5));
  const SimComponentResult* app = nullptr;
  for (const auto& c : s.components)
    if (c.id == "app") app = &c;
  REQUIRE(app);
  // The simulated utilization is that of 4 instances (5 would give 45%), within 2 points.
  CHECK(app->utilization == Approx(0.5625).margin(0.02));
  // The mean latency agrees within 3% (M/M/2 stations at 56% wait 3.9 ms on 10 ms of work).
  CHECK(s.classes.front().latency->mean.value ==
        Approx(r.classes.front().latency->mean).epsilon(0.03));
}

TEST_CASE("The simulator adds the mesh's hops and CPU share as the analytic model does") {
  const Version v = version(false, true);
  const Report r = evaluate(v, catalog());
  const SimReport s = simulate(v, catalog(), options(1));
  // Analytic: 2 links × 1 ms each way (+4 ms) and 10 ms × 1.2 of work, plus the waits.
  CHECK(s.classes.front().latency->mean.value ==
        Approx(r.classes.front().latency->mean).epsilon(0.03));
  const Report plain = evaluate(version(false, false), catalog());
  CHECK(r.classes.front().latency->mean - plain.classes.front().latency->mean > 6);
}
