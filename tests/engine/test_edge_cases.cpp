// Inputs at the edges of the model: a cache that always hits, nearly constant service times,
// huge pools, saturation reached through a non-blocking hop, serverless billing, and
// validation that reports every problem at once.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>

#include "archbench/catalog.h"
#include "archbench/project_io.h"
#include "archbench/queueing.h"
#include "archbench/solver.h"
#include "archbench/validate.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;

std::string exact(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

Version parse(const std::string& components, const std::string& links, double rate = 10) {
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "q", "entry": "users", "per_second": )" +
                           exact(rate) + R"(}],
      "components": [{"id": "users", "kind": "users"}, )" + components + R"(],
      "links": [)" + links + R"(]}]})";
  return parse_project(text, "inline.json", catalog()).versions.at(0);
}

}  // namespace

TEST_CASE("A cache that always hits never sends its class downstream", "[edge][cache]") {
  // hit_ratio 1 with constant service: every request is one cache visit, 2 × 1 ms + 0.3 ms.
  const Version v = parse(R"({"id": "cache", "kind": "cache", "params": {"hit_ratio": 1, "scv": 0}},
                             {"id": "db", "kind": "database"})",
                          R"({"from": "users", "to": "cache", "latency_ms": 1},
                             {"from": "cache", "to": "db", "latency_ms": 0.5})");
  const Report r = evaluate(v, catalog());
  const ClassResult* q = r.request_class("q");
  REQUIRE(q->latency.has_value());
  // Waits are negligible at ρ = 10 × 0.0003 = 0.3% on one server: T ≈ 2 + 0.3 ms.
  CHECK(q->latency->mean == Approx(2.3).epsilon(1e-3));
  CHECK(q->latency->p99 == Approx(2.3).epsilon(0.01));
  CHECK(r.component("db")->arrival_per_s == 0.0);
}

TEST_CASE("A nearly constant service time has nearly constant percentiles", "[edge][percentiles]") {
  // SCV 1e-6 is a standard deviation of 0.1% of 20 ms: p50, p95 and p99 all ≈ 20 ms (at
  // ρ = 10 × 0.02 / 64 = 0.3% waits vanish). Before SCV < 1e-3 counted as constant, an Erlang
  // fit with a million phases made the inversion report 20.6 ms for p95.
  const Version v = parse(R"({"id": "app", "kind": "app_server",
                              "params": {"service_ms": 20, "scv": 0.000001, "concurrency": 64, "blocking": false}})",
                          R"({"from": "users", "to": "app"})");
  const Latency l = *evaluate(v, catalog()).request_class("q")->latency;
  CHECK(l.p50 == Approx(20.0).epsilon(0.002));
  CHECK(l.p95 == Approx(20.0).epsilon(0.002));
  CHECK(l.p99 == Approx(20.0).epsilon(0.002));
}

TEST_CASE("Erlang C for a billion servers is finite and matches the recursion's limit", "[edge][queueing]") {
  // At 50% of 1e9 servers the probability of waiting is astronomically small, and it must come
  // back finite and in [0, 1] without a loop over every server.
  const double c = erlang_c(1000000000LL, 5e8);
  CHECK(std::isfinite(c));
  CHECK(c >= 0.0);
  CHECK(c < 1e-100);
  // Near saturation the O(1) path (c > 2000) and the recursion (c ≤ 2000) agree at the seam:
  // C(2000, 1990) and C(2001, 1990) differ only by one server, so they are within 5%.
  const double below = erlang_c(2000, 1990), above = erlang_c(2001, 1990);
  CHECK(below > above);
  CHECK(above == Approx(below).epsilon(0.05));
}

TEST_CASE("Saturation reached through a non-blocking hop names the saturated station",
          "[edge][saturation]") {
  // app (blocking) → cache (non-blocking, always misses) → db at ρ = 10 × 3 × 0.05 / 1 = 1.5.
  const Version v = parse(R"({"id": "app", "kind": "app_server"},
                             {"id": "cache", "kind": "cache", "params": {"hit_ratio": 0}},
                             {"id": "db", "kind": "database", "params": {"concurrency": 1, "service_ms": 50}})",
                          R"({"from": "users", "to": "app"}, {"from": "app", "to": "cache"},
                             {"from": "cache", "to": "db", "calls": 3})");
  const Report r = evaluate(v, catalog());
  CHECK(r.component("db")->saturated);
  CHECK(r.component("app")->saturated);
  CHECK_THAT(r.component("app")->reason, Catch::Contains("\"db\""));
  CHECK_THAT(r.request_class("q")->reason, Catch::Contains("\"db\""));
}

TEST_CASE("A blocking function is billed for the time it waits on its calls", "[edge][cost]") {
  // fn (128 MB, 10 ms of its own) waits 2 × 10 ms + ~100 ms on the API: billed ≈ 130 ms a call.
  // 10/s × 2,628,000 s × 0.13 s × 0.125 GB × $0.0000166667 = $7.12 for compute, against $0.55
  // for its own 10 ms.
  const Version v = parse(R"({"id": "fn", "kind": "function",
                              "params": {"service_ms": 10, "memory_mb": 128, "cost_per_million_requests": 0}},
                             {"id": "api", "kind": "external_api",
                              "params": {"service_ms": 100, "cost_per_million_requests": 0}})",
                          R"({"from": "users", "to": "fn"}, {"from": "fn", "to": "api", "latency_ms": 10})");
  const Report r = evaluate(v, catalog());
  const ComponentResult* fn = r.component("fn");
  double compute = 0;
  for (const auto& item : fn->costs) {
    if (item.term == "compute") compute = item.usd_per_month;
  }
  const double wait_s = r.component("api")->response_ms.value() / 1000;
  const double expected = 10 * 2628000.0 * (0.010 + 0.020 + wait_s) * 0.125 * 0.0000166667;
  CHECK(compute == Approx(expected).epsilon(1e-6));
  CHECK(compute > 7.0);
}

TEST_CASE("Validation reports a cycle alongside other problems", "[edge][validate]") {
  Version v = parse(R"({"id": "a", "kind": "app_server"}, {"id": "b", "kind": "app_server"})",
                    R"({"from": "users", "to": "a"}, {"from": "a", "to": "b"})");
  v.links.push_back({"b", "a", PerClass{1.0, {}}, 0, 1, {}});
  v.component("a")->params["concurrency"] = ParamValue::of(0);
  bool cycle = false, range = false;
  for (const auto& d : validate_version(v, catalog())) {
    cycle = cycle || d.message.find("cycle") != std::string::npos;
    range = range || d.message.find("below the minimum") != std::string::npos;
  }
  CHECK(cycle);
  CHECK(range);
}

TEST_CASE("Rates and weights and latencies and positions beyond any design are refused",
          "[edge][validate]") {
  struct Case {
    const char* what;
    std::string components, links;
    double rate;
    const char* message;
  };
  const Case cases[] = {
      {"rate", R"({"id": "a", "kind": "app_server"})", R"({"from": "users", "to": "a"})", 2e9, "above the maximum"},
      {"tiny rate", R"({"id": "a", "kind": "app_server"})", R"({"from": "users", "to": "a"})", 1e-12, "too small"},
      {"latency", R"({"id": "a", "kind": "app_server"})", R"({"from": "users", "to": "a", "latency_ms": 1e7})", 1,
       "latency is above"},
      {"weight", R"({"id": "lb", "kind": "load_balancer"}, {"id": "a", "kind": "app_server"})",
       R"({"from": "users", "to": "lb"}, {"from": "lb", "to": "a", "weight": 1e300})", 1, "weight must lie"},
      {"position", R"({"id": "a", "kind": "app_server", "pos": [1e300, 0]})", R"({"from": "users", "to": "a"})", 1,
       "position lies beyond"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    std::string text;
    try {
      parse(c.components, c.links, c.rate);
    } catch (const InputError& e) {
      text = e.what();
    }
    CHECK_THAT(text, Catch::Contains(c.message));
  }
}
