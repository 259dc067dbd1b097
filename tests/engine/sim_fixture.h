#pragma once
// Shared by the simulator's tests: small versions built in code against the real catalog, and
// the check that a simulated figure lies within its confidence interval of an exact one.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "archbench/model.h"
#include "archbench/simulate.h"
#include "engine_fixture.h"

namespace sim_test {

using namespace archbench;
using Params = std::map<std::string, ParamValue>;

inline Component component(const std::string& id, const std::string& kind, Params params = {}) {
  Component c;
  c.id = id;
  c.kind = kind;
  c.params = std::move(params);
  return c;
}

// A non-blocking service station (app_server kind) with `scv` service-time variability.
inline Component station(const std::string& id, double service_ms, int servers, double scv = 1) {
  return component(id, "app_server",
                   {{"service_ms", ParamValue::of(service_ms)},
                    {"concurrency", ParamValue::of(servers)},
                    {"instances", ParamValue::of(1)},
                    {"scv", ParamValue::of(scv)},
                    {"blocking", ParamValue::of_bool(false)}});
}

inline Link edge(const std::string& from, const std::string& to, double calls = 1,
                 double latency_ms = 0) {
  Link l;
  l.from = from;
  l.to = to;
  l.calls = PerClass{calls, {}};
  l.latency_ms = latency_ms;
  return l;
}

inline Version version(double per_second, std::vector<Component> components,
                       std::vector<Link> links) {
  Version v;
  v.name = "test";
  RequestClass r;
  r.name = "q";
  r.entry = "users";
  r.per_second = per_second;
  v.workload = {r};
  components.insert(components.begin(), component("users", "users"));
  v.components = std::move(components);
  v.links = std::move(links);
  return v;
}

// `duration_s` of simulated time, the first 5% not measured.
inline SimulateOptions run_for(double duration_s, std::uint64_t seed = 1) {
  SimulateOptions o;
  o.duration_s = duration_s;
  o.warmup_s = duration_s / 20;
  o.seed = seed;
  return o;
}

// The 99% interval from the 95% one: t(0.995, 9) / t(0.975, 9) = 3.250 / 2.262 = 1.437 for
// 10 batches. A fixed seed makes each check deterministic; the wider level keeps the chance
// that a correct simulator misses one of the ~20 exact figures below about 20% overall, while
// a wrong one (a figure off by more than the run's noise) still fails.
inline constexpr double kWiden99 = 3.250 / 2.262;

inline void check_within(const char* what, const SimEstimate& e, double exact,
                         double max_relative_hw) {
  INFO(what << ": simulated " << e.value << " ± " << e.half_width << ", exact " << exact);
  CHECK(e.half_width > 0);
  CHECK(e.half_width < max_relative_hw * exact);  // the run is long enough to mean something
  CHECK(std::fabs(e.value - exact) <= kWiden99 * e.half_width);
}

}  // namespace sim_test
