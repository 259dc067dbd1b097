// Per-component visit shares under a scenario (ComponentOutcome::visit_success, visit_degraded,
// visit_failed): how the visits that reach a component end. What the canvas colours by.
#include <catch2/catch.hpp>

#include "archbench/faults.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

const Catalog& cat() { return engine_test::catalog(); }

Component comp(const std::string& id, const std::string& kind, std::map<std::string, ParamValue> params = {}) {
  Component c;
  c.id = id;
  c.kind = kind;
  c.params = std::move(params);
  return c;
}

}  // namespace

TEST_CASE("Visit shares of an entry equal the rate weighted shares of its classes", "[faults][visits]") {
  // A client is visited once per request of each class that enters there, with no retries
  // before it: visit_failed(users) = Σ rate_c · failed_c / Σ rate_c, and the same for success
  // and degraded. Over every preset version, each component crashed in turn.
  for (const char* file : {"blog.archbench.json", "image-pipeline.archbench.json"})
    for (const auto& v : engine_test::preset(file).versions)
      for (const auto& crashed : v.components) {
        if (crashed.kind == "users") continue;
        Fault f;
        f.component = crashed.id;
        const WhatIfReport r = what_if(v, cat(), {f});
        for (const auto& entry : v.components) {
          if (entry.kind != "users") continue;
          double rate = 0, ok = 0, deg = 0, fail = 0;
          for (const auto& cls : v.workload) {
            if (cls.entry != entry.id) continue;
            const ClassOutcome* o = r.faulted.request_class(cls.name);
            REQUIRE(o);
            rate += o->rate_per_s;
            ok += o->rate_per_s * o->success;
            deg += o->rate_per_s * o->degraded;
            fail += o->rate_per_s * o->failed;
          }
          const ComponentOutcome* c = r.faulted.component(entry.id);
          REQUIRE(c);
          INFO(file << " " << v.name << " crash " << crashed.id << " at " << entry.id);
          REQUIRE(rate > 0);
          CHECK(c->visit_success == Approx(ok / rate).margin(1e-9));
          CHECK(c->visit_degraded == Approx(deg / rate).margin(1e-9));
          CHECK(c->visit_failed == Approx(fail / rate).margin(1e-9));
          CHECK(c->visit_success + c->visit_degraded + c->visit_failed == Approx(1).margin(1e-9));
        }
      }
}

TEST_CASE("A crashed cache that fails its reads fails the app's read visits only", "[faults][visits]") {
  // users → app → cache (on_failure: fail) → db for reads; app → db for writes. Reads are 90 of
  // the app's 100 visits per second: with the cache crashed the app fails 90% of its visits and
  // answers the writes; the database keeps answering what reaches it (the writes).
  Version v;
  v.name = "cache-aside";
  v.components = {comp("users", "users"), comp("app", "app_server"),
                  comp("cache", "cache", {{"on_failure", ParamValue::of_text("fail")}}),
                  comp("db", "database")};
  auto link = [](const std::string& a, const std::string& b, PerClass calls) {
    Link l;
    l.from = a;
    l.to = b;
    l.calls = std::move(calls);
    return l;
  };
  v.links = {link("users", "app", PerClass{1.0, {}}),
             link("app", "cache", PerClass{std::nullopt, {{"read", 1.0}}}),
             link("cache", "db", PerClass{std::nullopt, {{"read", 1.0}}}),
             link("app", "db", PerClass{std::nullopt, {{"write", 1.0}}})};
  RequestClass read, write;
  read.name = "read";
  read.entry = "users";
  read.per_second = 90;
  write.name = "write";
  write.entry = "users";
  write.op = Op::Write;
  write.per_second = 10;
  v.workload = {read, write};
  Fault f;
  f.component = "cache";
  const WhatIfReport r = what_if(v, cat(), {f});
  const ComponentOutcome* app = r.faulted.component("app");
  REQUIRE(app);
  CHECK(app->visit_failed == Approx(0.9).margin(1e-9));
  CHECK(app->visit_success == Approx(0.1).margin(1e-9));
  const ComponentOutcome* db = r.faulted.component("db");
  REQUIRE(db);
  CHECK(db->visit_failed == Approx(0).margin(1e-12));
  CHECK(db->carried_per_s() == Approx(10).epsilon(1e-9));  // the writes only
  const ComponentOutcome* cache = r.faulted.component("cache");
  REQUIRE(cache);
  CHECK(cache->down);
  CHECK(cache->carried_per_s() == 0);
  // In the steady state nothing fails anywhere.
  for (const auto& c : r.steady.components) {
    INFO(c.id);
    CHECK(c.visit_success == Approx(1).margin(1e-12));
  }
}
