// The simulator's connection limits (run_limits.cpp): calls without a pool hold a connection
// while in flight and are refused when every connection left is in use, against Erlang B.
#include <catch2/catch.hpp>

#include "archbench/simulate.h"
#include "archbench/solver.h"
#include "sim_fixture.h"

using namespace sim_test;

namespace {

// users → app (an event loop, no pool) → db (max_connections 5, 20 ms exponential) at 100/s.
Version limited() {
  Component db = component("db", "database",
                           {{"concurrency", ParamValue::of(1000)},
                            {"service_ms", ParamValue::of(20)},
                            {"scv", ParamValue::of(1)},
                            {"max_connections", ParamValue::of(5)}});
  return version(100, {station("app", 1, 64), db}, {edge("users", "app"), edge("app", "db")});
}

}  // namespace

TEST_CASE("Simulated connection refusals follow Erlang B and the analytic figure bounds them",
          "[sim][patterns][connections]") {
  // At most 5 calls in flight and 5 servers: the database is an M/M/5/5 loss system offered
  // λS = 2 erlangs: B(5, 2) = (2⁵/5!) / Σ_{i≤5} 2^i/i! = 0.26667 / 7.26667 = 0.036697. The
  // analytic model adds the open queue's wait to the round trip (2.0398 erlangs): B = 0.03898,
  // a little above.
  const Version v = limited();
  SimulateOptions o;
  o.duration_s = 600;
  o.warmup_s = 60;
  o.seed = 3;
  const SimReport r = SimulationModel(v, engine_test::catalog()).run(o);
  const SimLinkResult* l = nullptr;
  for (const auto& x : r.links)
    if (x.to == "db") l = &x;
  REQUIRE(l != nullptr);
  REQUIRE(l->attempts > 40000);
  const double refused = static_cast<double>(l->refused_connections) /
                         static_cast<double>(l->attempts + l->refused_connections);
  INFO("simulated refused share " << refused);
  CHECK(refused == Approx(0.036697).margin(0.004));
  CHECK(r.request_class("q")->failed == Approx(refused).margin(0.002));
  const Report engine = evaluate(v, engine_test::catalog());
  const double analytic = *engine.component("db")->connections->refused_share;
  CHECK(analytic == Approx(0.03898).epsilon(1e-3));
  CHECK(analytic >= refused - 0.002);
  CHECK(analytic <= 1.15 * refused + 0.002);
}
