// The service mesh (docs/PATTERNS.md): each sidecar a call passes adds latency_ms_per_hop each
// way; a meshed component's service demand is × (1 + cpu_overhead); each instance's sidecar
// costs cost_per_instance_month. A version's mesh covers the services that run instances.
#include <catch2/catch.hpp>

#include "archbench/compare.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;
using engine_test::component;
using engine_test::make_link;
using engine_test::Params;

// users → gateway → app (3 instances, 20 ms, 1,000 threads: no wait) → db (2 ms, no wait).
Version plain() {
  Version v;
  v.name = "plain";
  RequestClass r;
  r.name = "browse";
  r.entry = "users";
  r.per_second = 10;
  v.workload = {r};
  v.components = {
      component("users", "users"),
      component("gateway", "api_gateway", Params{{"service_ms", ParamValue::of(0)}}),
      component("app", "app_server", Params{{"instances", ParamValue::of(3)},
                                            {"concurrency", ParamValue::of(1000)},
                                            {"service_ms", ParamValue::of(20)}}),
      component("db", "database", Params{{"concurrency", ParamValue::of(1000)},
                                         {"service_ms", ParamValue::of(2)}})};
  v.links = {make_link("users", "gateway"), make_link("gateway", "app"), make_link("app", "db")};
  return v;
}

double mean_ms(const Version& v) {
  EvaluateOptions o;
  o.percentiles = false;
  return evaluate(v, catalog(), o).classes.front().latency->mean;
}

}  // namespace

TEST_CASE("A version's mesh adds its hops each way its CPU share and a sidecar per instance") {
  Version meshed = plain();
  meshed.name = "meshed";
  meshed.mesh = Mesh{0.5, 0.1, 5};
  // Only app (a service running instances) is meshed: gateway → app and app → db pass one
  // sidecar each, 0.5 ms each way: +2 ms; app's 20 ms of work × 1.1: +2 ms. Waits ≈ 0
  // (1,000 threads at 10/s): +4 ms.
  CHECK(mean_ms(meshed) - mean_ms(plain()) == Approx(4).margin(1e-3));
  const Report r = evaluate(meshed, catalog());
  const ComponentResult* app = r.component("app");
  REQUIRE(app->mesh);
  CHECK_FALSE(r.component("gateway")->mesh);
  CHECK(app->mesh->sidecars == 3);
  CHECK(app->mesh->cost_per_month == Approx(15).epsilon(1e-12));  // 3 × $5
  CHECK(r.totals.cost_per_month - evaluate(plain(), catalog()).totals.cost_per_month ==
        Approx(15).epsilon(1e-9));
  CHECK(mesh_text(*app->mesh) ==
        "sidecars: 3 × $5.00 = $15.00/month, +0.500 ms per hop each way, +10.0% CPU");
}

TEST_CASE("A sidecar on the gateway as well adds the hop on each of its links") {
  Version meshed = plain();
  meshed.mesh = Mesh{0.5, 0.1, 5};
  meshed.components[1].mesh = Mesh{1, 0, 0};
  // users → gateway: +1 ms each way (2); gateway → app: 1 + 0.5 each way (3); app → db: 0.5
  // each way (1); app's work +2 ms: +8 ms.
  CHECK(mean_ms(meshed) - mean_ms(plain()) == Approx(8).margin(1e-3));
}

TEST_CASE("The comparison shows the mesh's price in latency and dollars") {
  Project p;
  p.name = "mesh";
  Version meshed = plain();
  meshed.name = "meshed";
  meshed.mesh = Mesh{0.5, 0.1, 5};
  p.versions = {plain(), meshed};
  CHECK(required_format_version(p) == 5);
  CHECK(parse_project(dump_project(p), "mesh.json", catalog()) == p);
  const Comparison c = compare_versions(p, catalog());
  REQUIRE(c.versions.size() == 2);
  CHECK(c.versions[1].report.totals.cost_per_month - c.versions[0].report.totals.cost_per_month ==
        Approx(15).epsilon(1e-9));
  CHECK(c.versions[1].report.classes.front().latency->mean -
            c.versions[0].report.classes.front().latency->mean ==
        Approx(4).margin(1e-3));
}
