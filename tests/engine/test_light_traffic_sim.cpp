// An open M/G/c station's mean wait, the engine's (Allen–Cunneen interpolated with the
// light-traffic limit, queueing.h) against the simulator's, for holding times more variable than
// exponential: a two-phase hyperexponential (cs² 4) and a mix of fast and slow classes like the
// flash sale's app pods. Allen–Cunneen alone, (1 + cs²)/2 · Wq(M/M/c), is computed here too: the
// engine must be within the stated bound of the simulation and closer to it than Allen–Cunneen.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

#include "archbench/queueing.h"
#include "archbench/solver.h"
#include "sim_fixture.h"

using namespace sim_test;
using engine_test::catalog;

namespace {

struct Waits {
  double engine = 0, simulated = 0, half_width = 0, allen_cunneen = 0;
};

// Mean wait (ms) of class `cls` at a one-station version: mean latency minus the mean service.
Waits waits_of(const Version& v, const std::string& cls, double mean_service_ms, double ac_ms,
               double seconds) {
  const Report r = evaluate(v, catalog());
  const SimReport s = simulate(v, catalog(), run_for(seconds, 3));
  const ClassResult* e = r.request_class(cls);
  const SimClassResult* m = s.request_class(cls);
  REQUIRE(e != nullptr);
  REQUIRE(m != nullptr);
  REQUIRE(e->latency.has_value());
  REQUIRE(m->latency.has_value());
  return {e->latency->mean - mean_service_ms, m->latency->mean.value - mean_service_ms,
          m->latency->mean.half_width, ac_ms};
}

// One station of c servers (service SCV `scv`) taking λ/s: nine "fast" requests of 25 ms for
// every "slow" one of 420 ms.
Version fast_and_slow(double lambda, int c, double scv) {
  Version v = version(lambda * 0.9, {station("s", 25, c, scv)}, {edge("users", "s")});
  v.workload[0].name = "fast";
  RequestClass slow = v.workload[0];
  slow.name = "slow";
  slow.per_second = lambda * 0.1;
  v.workload.push_back(slow);
  v.components[1].params["service_ms"] = ParamValue::of_map({{"fast", 25}, {"slow", 420}});
  return v;
}

void check_waits(const Waits& w, double bound) {
  INFO("wait ms: engine " << w.engine << ", simulated " << w.simulated << " ± " << w.half_width
                          << ", Allen–Cunneen " << w.allen_cunneen);
  CHECK(std::fabs(w.engine / w.simulated - 1) <= bound + w.half_width / w.simulated);
  CHECK(std::fabs(w.engine - w.simulated) < std::fabs(w.allen_cunneen - w.simulated));
}

}  // namespace

TEST_CASE("An M/G/c station with hyperexponential holding times waits as simulated",
          "[sim][light]") {
  // S = 100 ms, cs² = 4 (balanced two-phase hyperexponential), Poisson arrivals at ρ = 0.3,
  // 0.5, 0.7 on c = 2 and 4 servers. Allen–Cunneen: Wq = C(c, a)·S/(c(1 − ρ))·(1 + 4)/2, which
  // overestimates in light traffic (by 15–55% here); the interpolation, within 8%.
  for (int c : {2, 4}) {
    for (double rho : {0.3, 0.5, 0.7}) {
      const double lambda = rho * c / 0.1;
      const double ac = 1000 * erlang_c(c, lambda * 0.1) * 0.1 / (c * (1 - rho)) * 2.5;
      const Version v = version(lambda, {station("s", 100, c, 4)}, {edge("users", "s")});
      INFO("c = " << c << ", rho = " << rho);
      check_waits(waits_of(v, "q", 100, ac, 2.0e6 / lambda), 0.08);
    }
  }
}

TEST_CASE("An M/G/2 station holding a mix of fast and slow requests waits as simulated",
          "[sim][light]") {
  // Nine fast requests (25 ms) for every slow one (420 ms), each Erlang-3-like (scv 1/3), two
  // servers: E[S] = 0.9·25 + 0.1·420 = 64.5 ms; E[S²] = (1 + 1/3)(0.9·625 + 0.1·176,400) =
  // 24,270 ms², cs² = 24,270/4,160.25 − 1 = 4.834. At λ = 13.33/s, ρ = 0.43 (the flash sale's
  // pods: README, "Simulate"): Allen–Cunneen's (1 + cs²)/2 = 2.917 against a light-traffic ratio
  // of 2.346 (the slow requests hold one server of two, not the station).
  const double es = 0.9 * 25 + 0.1 * 420;
  const double cs2 = (1 + 1.0 / 3) * (0.9 * 625 + 0.1 * 176400) / (es * es) - 1;
  const double lambda = 0.43 * 2 / (es / 1000);
  const Version v = fast_and_slow(lambda, 2, 1.0 / 3);
  const double ac = 1000 * erlang_c(2, lambda * es / 1000) * (es / 1000) / (2 * (1 - 0.43)) * (1 + cs2) / 2;
  check_waits(waits_of(v, "fast", 25, ac, 2.0e6 / lambda), 0.05);
}

// Not run by default (`archbench_engine_tests "[.report][light]"`, about 15 s): the grid behind
// docs/MODEL.md ("Stations with variable holding times"). For each holding time and c = 2, 4, 8
// at ρ = 0.3, 0.5, 0.7, 0.85 it prints the simulated mean wait as a multiple of Wq(M/M/c) beside
// Allen–Cunneen's (1 + cs²)/2, the linear interpolation with the light-traffic ratio, and the
// engine's (which uses the interpolation only where cs² > 1 and the ratio is the smaller).
TEST_CASE("M/G/c waits against simulation over a grid of loads and servers", "[.report][light]") {
  struct Shape {
    const char* name;
    double scv;        // the station's service-time SCV (every class)
    bool fast_and_slow;  // nine 25 ms requests for every 420 ms one, else one class of 100 ms
  };
  const Shape shapes[] = {{"constant", 0, false},
                          {"Erlang-2", 0.5, false},
                          {"hyperexponential cs2 4", 4, false},
                          {"fast and slow, scv 1/3 each", 1.0 / 3, true}};
  for (const Shape& sh : shapes) {
    const double es = sh.fast_and_slow ? 0.9 * 25 + 0.1 * 420 : 100;  // ms
    const double second = sh.fast_and_slow ? (1 + sh.scv) * (0.9 * 625 + 0.1 * 176400) : (1 + sh.scv) * 1e4;
    const double cs2 = second / (es * es) - 1;
    std::vector<HoldingPart> parts;
    if (sh.fast_and_slow) {
      parts = {{0.9, Moments{25, sh.scv * 625, false}}, {0.1, Moments{420, sh.scv * 176400, false}}};
    } else {
      parts = {{1, Moments{100, sh.scv * 1e4, false}}};
    }
    std::printf("%s (cs² %.3f)\n", sh.name, cs2);
    for (int c : {2, 4, 8}) {
      const double light = light_traffic_ratio(c, parts);
      for (double rho : {0.3, 0.5, 0.7, 0.85}) {
        const double lambda = rho * c / (es / 1000);
        const Version v = sh.fast_and_slow
                              ? fast_and_slow(lambda, c, sh.scv)
                              : version(lambda, {station("s", 100, c, sh.scv)}, {edge("users", "s")});
        const double mmc = erlang_c(c, lambda * es / 1000) * es / (c * (1 - rho));
        const Report r = evaluate(v, catalog());
        const SimReport s = simulate(v, catalog(), run_for(1.5e6 / lambda, 5));
        // The mean wait per visit of the station itself: the latency minus the service would
        // drown a wait of 0.1% of the holding time in the service's noise.
        const double engine = r.component("s")->wait_ms.value_or(-1);
        const double simulated = s.component("s")->wait_ms;
        std::printf("  c=%d rho=%.2f  simulated %.3f  Allen-Cunneen %.3f  interpolated %.3f  engine %.3f"
                    "  (light %.3f)\n",
                    c, rho, simulated / mmc, (1 + cs2) / 2, (1 - rho) * light + rho * (1 + cs2) / 2,
                    engine / mmc, light);
        CHECK(s.events > 0);
      }
    }
  }
}
