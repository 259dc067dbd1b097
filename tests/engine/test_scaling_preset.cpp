// The autoscale-mesh preset's notes state figures; each is checked here against the engine.
#include <catch2/catch.hpp>
#include <string>

#include "archbench/faults.h"
#include "archbench/format.h"
#include "archbench/scaling.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

const Project& preset() { return engine_test::preset("autoscale-mesh.archbench.json"); }

Report report(std::size_t i) { return evaluate(preset().versions[i], engine_test::catalog()); }

void in_notes(std::size_t i, const std::string& figure) {
  INFO("version " << preset().versions[i].name << " notes: " << preset().versions[i].notes);
  CHECK_THAT(preset().versions[i].notes, Catch::Contains(figure));
}

}  // namespace

TEST_CASE("Autoscale-mesh preset V1 notes state the fixed fleet's figures") {
  const Report r = report(0);
  in_notes(0, format_percent(*r.component("api")->utilization) + " utilization");
  in_notes(0, format_usd(r.component("api")->cost_per_month) + " a month");
  in_notes(0, "×" + format_multiplier(*r.totals.max_throughput_multiplier) + " the peak");
}

TEST_CASE("Autoscale-mesh preset V2 notes state the autoscaler's choice and the spike's lag") {
  const Report r = report(1);
  const ComponentResult* api = r.component("api");
  REQUIRE(api->autoscale);
  in_notes(1, "runs " + std::to_string(api->autoscale->instances) + " instances at the peak, at " +
                  format_percent(*api->utilization) + " utilization for " +
                  format_usd(api->cost_per_month) + " a month");
  in_notes(1, "×" + format_multiplier(*r.totals.max_throughput_multiplier) + " the peak");
  const WhatIfReport w =
      what_if(preset().versions[1], engine_test::catalog(), preset().versions[1].faults);
  REQUIRE(w.scale_ups.size() == 1);
  const ScaleUpLag& s = w.scale_ups.front();
  in_notes(1, format_rate(s.arrivals_per_s) + " against a capacity of " +
                  format_rate(s.capacity_before_per_s));
  in_notes(1, "backlog of " + format_significant(s.backlog_requests, 3) + " requests");
  REQUIRE(s.drain_s);
  in_notes(1, "drained " + format_duration(*s.drain_s) + " after the " +
                  std::to_string(s.instances_after) + " instances serve");
}

TEST_CASE("Autoscale-mesh preset V3 notes state the mesh's price in latency and dollars") {
  const Report before = report(1), after = report(2);
  const ComponentResult* api = after.component("api");
  REQUIRE(api->mesh);
  in_notes(2, "from " + format_ms(before.classes.front().latency->mean) + " ms to " +
                  format_ms(after.classes.front().latency->mean) + " ms");
  in_notes(2, "by " + format_usd(after.totals.cost_per_month - before.totals.cost_per_month) +
                  " a month (" + std::to_string(api->mesh->sidecars) + " sidecars)");
}
