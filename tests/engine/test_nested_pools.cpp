// A blocking pool behind another blocking pool (front → middle → db), and repeated calls to a
// pool's captive station, against closed forms (docs/MODEL.md, "Pools behind pools" and
// "Repeated calls and less variable holding times").
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::Params;
using engine_test::component;
using engine_test::make_link;

Component pool(const std::string& id, ParamValue service_ms, int threads) {
  return component(id, "app_server",
                   {{"service_ms", std::move(service_ms)},
                    {"concurrency", ParamValue::of(threads)},
                    {"scv", ParamValue::of(1.0)},
                    {"blocking", ParamValue::of_bool(true)}});
}

Component database(const std::string& id, double service_ms, double scv) {
  return component(id, "database",
                   {{"service_ms", ParamValue::of(service_ms)},
                    {"concurrency", ParamValue::of(1)},
                    {"scv", ParamValue::of(scv)}});
}

Link edge(const std::string& from, const std::string& to, PerClass calls) {
  Link l;
  l.from = from;
  l.to = to;
  l.calls = std::move(calls);
  l.latency_ms = 0;
  return l;
}

RequestClass request(const std::string& name, double per_second) {
  RequestClass r;
  r.name = name;
  r.entry = "users";
  r.per_second = per_second;
  return r;
}

const ComponentResult& comp(const Report& r, const std::string& id) {
  const ComponentResult* c = r.component(id);
  REQUIRE(c != nullptr);
  return *c;
}

}  // namespace

TEST_CASE("A database behind a one-thread front never queues however many threads the middle has",
          "[nested][blocking]") {
  // front (1 thread, 20 ms) → middle (4 threads, 5 ms) → db (1 server, 10 ms), 20/s. The
  // front's one thread is the only caller below it: no call ever waits at the middle or the db
  // (taken as Poisson at the middle, the db would have queued).
  Version v;
  v.name = "nest";
  v.workload = {request("get", 20)};
  v.components = {component("users", "users"), pool("front", ParamValue::of(20.0), 1),
                  pool("middle", ParamValue::of(5.0), 4), database("db", 10, 1)};
  v.links = {edge("users", "front", PerClass{1.0, {}}), edge("front", "middle", PerClass{1.0, {}}),
             edge("middle", "db", PerClass{1.0, {}})};
  const Report r = evaluate(v, engine_test::catalog());
  CHECK(*comp(r, "db").wait_ms == Approx(0.0).margin(1e-12));
  CHECK(*comp(r, "middle").wait_ms == Approx(0.0).margin(1e-12));
  // The front is held 20 + 5 + 10 = 35 ms: ρ = 20 · 0.035 = 0.7.
  CHECK(*comp(r, "front").utilization == Approx(0.7).epsilon(1e-9));
}

TEST_CASE("The db behind a nested pool waits as in the flat closed network of the front's threads",
          "[nested][blocking]") {
  // front (2 threads, S_f = 20 ms) → middle (2 threads, S_m = 5 ms) → db (1 server, D = 10 ms),
  // all exponential, λ = 30/s. The middle never has more calls than threads, so below the front
  // is the flat closed network: a delay Z = S_f + S_m = 25 ms and the db. MVA: X(1) = 1/(Z + D),
  // Q_db(1) = D·X(1), X(2) = 2/(Z + D(1 + Q_db(1))). The front as a birth–death chain:
  // q1 = λ/X(1), q2 = q1·λ/X(2) with a geometric tail of ratio λ/X(2). A db call made with one
  // front thread busy never waits; with two it finds the other thread there with probability
  // D/(Z + D) and waits its exponential residual D. Calls are made at rate P(n)·X(n), so
  // W_db = P(2)·X(2)·D²/(Z + D) / (P(1)·X(1) + P(2)·X(2)) = 2.02 ms.
  const double Z = 0.025, D = 0.010, lambda = 30;
  const double X1 = 1 / (Z + D), X2 = 2 / (Z + D * (1 + D * X1));
  const double q1 = lambda / X1, q2_tail = q1 * lambda / X2 / (1 - lambda / X2);
  const double total = 1 + q1 + q2_tail;
  const double p1 = q1 / total, p2 = q2_tail / total;
  const double wait_db = p2 * X2 * D * D / (Z + D) / (p1 * X1 + p2 * X2);
  REQUIRE(wait_db * 1000 == Approx(2.024).epsilon(1e-3));

  Version v;
  v.name = "nest";
  v.workload = {request("get", lambda)};
  v.components = {component("users", "users"), pool("front", ParamValue::of(20.0), 2),
                  pool("middle", ParamValue::of(5.0), 2), database("db", 10, 1)};
  v.links = {edge("users", "front", PerClass{1.0, {}}), edge("front", "middle", PerClass{1.0, {}}),
             edge("middle", "db", PerClass{1.0, {}})};
  const Report r = evaluate(v, engine_test::catalog());
  CHECK(*comp(r, "middle").wait_ms == Approx(0.0).margin(1e-12));
  CHECK(*comp(r, "db").wait_ms == Approx(wait_db * 1000).epsilon(1e-9));
}

TEST_CASE("Repeated calls to a captive wait as fresh ones when exponential and longer when not",
          "[nested][blocking]") {
  // app (2 threads, 10 ms) → db (1 server, 8 ms); "once" calls the db once, "twice" twice in a
  // row, 15/s each. The app's wait and work are the same for both classes, so
  // mean(twice) − mean(once) = W_again + S_db, and the db's mean wait per visit is
  // (W_fresh·(λ_once + λ_twice) + W_again·λ_twice) / (λ_once + 2·λ_twice). A repeated call
  // counts as exponential in the (1 + cs²)/2 scaling of the wait: W_again / W_fresh = 1 with
  // cs² = 1 (product form: every visit alike), 2/(1 + cs²) = 4/3 with cs² = 0.5.
  for (const double scv : {1.0, 0.5}) {
    Version v;
    v.name = "repeat";
    v.workload = {request("once", 15), request("twice", 15)};
    v.components = {component("users", "users"), pool("app", ParamValue::of(10.0), 2),
                    database("db", 8, scv)};
    v.links = {edge("users", "app", PerClass{1.0, {}}),
               edge("app", "db", PerClass{std::nullopt, {{"once", 1.0}, {"twice", 2.0}}})};
    const Report r = evaluate(v, engine_test::catalog());
    const double again =
        r.request_class("twice")->latency->mean - r.request_class("once")->latency->mean - 8.0;
    const double per_visit = *comp(r, "db").wait_ms;
    const double fresh = (per_visit * 3 - again) / 2;  // λ_once = λ_twice: (W_f·2 + W_a) / 3
    INFO("cs² " << scv << ": fresh " << fresh << " ms, again " << again << " ms");
    REQUIRE(fresh > 0);
    CHECK(again / fresh == Approx(scv < 1 ? 4.0 / 3.0 : 1.0).epsilon(1e-9));
  }
}
