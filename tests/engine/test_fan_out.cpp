// Parallel fan-out (docs/PATTERNS.md#parallel-fan-out): a component whose calls are made in
// parallel waits for the slowest branch, M = max_b T_b with F_M(t) = Π_b F_b(t) for
// independent branches. Checked against closed forms at a load so light that no station waits.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;
using engine_test::component;
using engine_test::make_link;

// users → agg (no work of its own, `parallel_calls`) → n databases of exponential service
// `ms` (and one of constant service `constant_ms` when given), at 0.001 req/s.
Version scatter(int n, double ms, bool parallel, double constant_ms = 0) {
  Version v;
  v.name = "scatter";
  RequestClass r;
  r.name = "feed";
  r.entry = "users";
  r.per_second = 0.001;
  v.workload = {r};
  v.components = {component("users", "users"),
                  component("agg", "app_server",
                            {{"service_ms", ParamValue::of(0)},
                             {"blocking", ParamValue::of_bool(false)},
                             {"parallel_calls", ParamValue::of_bool(parallel)}})};
  auto add_store = [&](const std::string& id, double service, double scv) {
    v.components.push_back(component(id, "database",
                                     {{"service_ms", ParamValue::of(service)},
                                      {"scv", ParamValue::of(scv)},
                                      {"concurrency", ParamValue::of(100)}}));
    Link l = make_link("agg", id);
    l.latency_ms = 0;
    v.links.push_back(l);
  };
  for (int i = 0; i < n; ++i) add_store("db" + std::to_string(i), ms, 1);
  if (constant_ms > 0) add_store("fixed", constant_ms, 0);
  Link in = make_link("users", "agg");
  in.latency_ms = 0;
  v.links.insert(v.links.begin(), in);
  return v;
}

const Latency& latency_of(const Report& r) {
  REQUIRE(r.request_class("feed"));
  REQUIRE(r.request_class("feed")->latency);
  return *r.request_class("feed")->latency;
}

}  // namespace

TEST_CASE("Fan-out over n exponential branches waits for the slowest of them", "[patterns][fanout]") {
  // Max of n i.i.d. exponentials of mean 1/μ = 10 ms: E[M] = H_n/μ, and
  // F_M(t) = (1 − e^{−μt})^n, so the p-quantile is −ln(1 − p^{1/n})/μ.
  for (int n : {2, 4, 8}) {
    const Report r = evaluate(scatter(n, 10, true), catalog());
    const Latency& l = latency_of(r);
    double harmonic = 0;
    for (int i = 1; i <= n; ++i) harmonic += 1.0 / i;
    auto q = [&](double p) { return -std::log(1 - std::pow(p, 1.0 / n)) * 10; };
    INFO("n = " << n);
    // n = 4: mean 20.8 ms, p50 18.4 ms, p95 43.6 ms, p99 59.9 ms; within 0.5%.
    CHECK(l.mean == Approx(harmonic * 10).epsilon(0.005));
    CHECK(l.p50 == Approx(q(0.50)).epsilon(0.005));
    CHECK(l.p95 == Approx(q(0.95)).epsilon(0.005));
    CHECK(l.p99 == Approx(q(0.99)).epsilon(0.005));
  }
}

TEST_CASE("The same calls made one after another add up instead", "[patterns][fanout]") {
  // Sequential: a sum of 4 exponentials of 10 ms, mean 40 ms (Erlang-4); parallel: H_4·10 ms.
  const Latency seq = latency_of(evaluate(scatter(4, 10, false), catalog()));
  const Latency par = latency_of(evaluate(scatter(4, 10, true), catalog()));
  CHECK(seq.mean == Approx(40).epsilon(0.005));
  CHECK(par.mean == Approx(25.0 / 12 * 10).epsilon(0.005));
}

TEST_CASE("Fan-out with a constant branch keeps its point mass", "[patterns][fanout]") {
  // max(X, 15 ms), X exponential of 10 ms: F(t) = 0 below 15 ms, 1 − e^{−t/10} from 15 ms on
  // (a jump of 1 − e^{−1.5} = 0.777 at 15 ms). E = 15 + 10·e^{−1.5} = 17.23 ms; p50 = 15 ms
  // (inside the jump); p95 = 10·ln 20 = 29.96 ms; p99 = 10·ln 100 = 46.05 ms.
  const Latency l = latency_of(evaluate(scatter(1, 10, true, 15), catalog()));
  CHECK(l.mean == Approx(15 + 10 * std::exp(-1.5)).epsilon(0.005));
  CHECK(l.p50 == Approx(15).epsilon(0.005));
  CHECK(l.p95 == Approx(10 * std::log(20.0)).epsilon(0.005));
  CHECK(l.p99 == Approx(10 * std::log(100.0)).epsilon(0.005));
}

TEST_CASE("A blocking aggregator holds its thread for the slowest branch", "[patterns][fanout]") {
  // The holding time of a blocking caller is its own work plus the fan-out's time: the mean-value
  // pass's maximum of the branches' gamma fits, exact for exponential branches (H_4·10 ms).
  Version v = scatter(4, 10, true);
  v.components[1].params["blocking"] = ParamValue::of_bool(true);
  const Report r = evaluate(v, catalog());
  REQUIRE(r.component("agg")->holding_ms);
  CHECK(*r.component("agg")->holding_ms == Approx(25.0 / 12 * 10).epsilon(0.005));
}
