// What each link carries (Report::links, LinkOutcome::offered_per_s / carried_per_s): a
// hand-computed design, and over every preset version the identity that the links into a
// component add up to its arrival rate (steady) and to its offered and carried rates (what-if).
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "archbench/faults.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;
using engine_test::catalog;
using engine_test::component;
using engine_test::make_link;

namespace {

const char* const kPresets[] = {"blog.archbench.json",          "image-pipeline.archbench.json",
                                "flash-sale.archbench.json",    "news-feed.archbench.json",
                                "autoscale-mesh.archbench.json", "event-sourcing.archbench.json",
                                "retries-in-time.archbench.json", "restart-stampede.archbench.json"};

// Entry rate per component: what a class brings it without a link.
std::map<std::string, double> entry_rates(const Version& v, double load) {
  std::map<std::string, double> out;
  for (const auto& r : v.workload) out[r.entry] += load * r.peak_rate();
  return out;
}

}  // namespace

TEST_CASE("A link's rate is the caller's visits times its calls and a cache link carries its misses",
          "[links]") {
  // users (100 reads/s) → app; app → db 2 calls per visit; app → cache 1 call; cache (hit 0.8)
  // → db on a miss. db: app→db 100 × 2 = 200/s, cache→db 100 × (1 − 0.8) = 20/s, 220/s in all.
  Version v;
  v.name = "links";
  RequestClass r;
  r.name = "read";
  r.entry = "users";
  r.op = Op::Read;
  r.per_second = 100;
  v.workload = {r};
  v.components = {component("users", "users"), component("app", "app_server"),
                  component("cache", "cache", {{"hit_ratio", ParamValue::of(0.8)}}),
                  component("db", "database")};
  Link app_db = make_link("app", "db");
  app_db.calls = PerClass{2.0, {}};
  v.links = {make_link("users", "app"), app_db, make_link("app", "cache"), make_link("cache", "db")};
  const Report rep = evaluate(v, catalog());
  REQUIRE(rep.links.size() == 4);
  CHECK(rep.link("users", "app")->calls_per_s == Approx(100).epsilon(1e-12));
  CHECK(rep.link("app", "db")->calls_per_s == Approx(200).epsilon(1e-12));
  CHECK(rep.link("app", "cache")->calls_per_s == Approx(100).epsilon(1e-12));
  CHECK(rep.link("cache", "db")->calls_per_s == Approx(20).epsilon(1e-12));
  CHECK(rep.component("db")->arrival_per_s == Approx(220).epsilon(1e-12));
  CHECK(rep.link("db", "app") == nullptr);
  // Twice the load, twice every link.
  EvaluateOptions twice;
  twice.load = 2;
  CHECK(evaluate(v, catalog(), twice).link("cache", "db")->calls_per_s == Approx(40).epsilon(1e-12));
}

TEST_CASE("The links into a component add up to its arrival rate in every preset version",
          "[links][preset]") {
  for (const char* file : kPresets) {
    for (const Version& v : engine_test::preset(file).versions) {
      const Report rep = evaluate(v, catalog());
      std::map<std::string, double> in = entry_rates(v, rep.load);
      for (const auto& l : rep.links) {
        CHECK(l.calls_per_s >= 0);
        in[l.to] += l.calls_per_s;
      }
      for (const auto& c : rep.components) {
        INFO(file << " " << v.name << " " << c.id);
        CHECK(in[c.id] == Approx(c.arrival_per_s).epsilon(1e-9).margin(1e-9));
      }
    }
  }
}

TEST_CASE("Under a crash the links into a component add up to its offered and carried rates",
          "[links][faults][preset]") {
  for (const char* file : kPresets) {
    for (const Version& v : engine_test::preset(file).versions) {
      // Crash each component that some link reaches, one at a time.
      for (const auto& victim : v.components) {
        bool called = false;
        for (const auto& l : v.links) called = called || l.to == victim.id;
        if (!called) continue;
        Fault f;
        f.type = FaultType::Crash;
        f.component = victim.id;
        const WhatIfReport r = what_if(v, catalog(), {f});
        const auto entries = entry_rates(v, 1.0);
        std::map<std::string, double> offered, carried;
        for (const auto& l : r.faulted.links) {
          offered[l.to] += l.offered_per_s;
          carried[l.to] += l.carried_per_s;
          CHECK(l.carried_per_s <= l.offered_per_s * (1 + 1e-12));
        }
        for (const auto& c : r.faulted.components) {
          if (entries.count(c.id)) continue;  // a client's rate comes from no link
          INFO(file << " " << v.name << " crash " << victim.id << ": " << c.id);
          CHECK(offered[c.id] == Approx(c.offered_per_s).epsilon(1e-9).margin(1e-9));
          CHECK(carried[c.id] == Approx(c.carried_per_s()).epsilon(1e-9).margin(1e-9));
        }
        // The crashed component carries nothing over any link.
        CHECK(carried[victim.id] == 0);
      }
    }
  }
}

TEST_CASE("A link the requests no longer reach carries exactly nothing and no fixed point residue",
          "[links][faults]") {
  // Found by hand in the app: "150 req/s → 2.77e-10 req/s" on a link after a crashed callee.
  // users (1,500 reads/s) → cdn → lb → app, which calls db, s3 and ext in that order; with s3
  // down every visit of app fails at s3 and never calls ext (calls in sequence stop at the
  // first failure), so app → ext is offered 0 exactly, and app → db its 150/s.
  Version v;
  v.name = "short";
  RequestClass r;
  r.name = "resolve";
  r.entry = "users";
  r.op = Op::Read;
  r.per_second = 1500;
  v.workload = {r};
  v.components = {component("users", "users"), component("cdn", "cdn"),
                  component("lb", "load_balancer"),  component("app", "app_server"),
                  component("db", "database"),       component("s3", "object_storage"),
                  component("ext", "external_api")};
  v.links = {make_link("users", "cdn"), make_link("cdn", "lb"), make_link("lb", "app"),
             make_link("app", "db"),    make_link("app", "s3"), make_link("app", "ext")};
  Fault f;
  f.type = FaultType::Crash;
  f.component = "s3";
  const WhatIfReport w = what_if(v, catalog(), {f});
  const LinkOutcome* ext = nullptr;
  const LinkOutcome* db = nullptr;
  for (const auto& l : w.faulted.links) {
    if (l.from == "app" && l.to == "ext") ext = &l;
    if (l.from == "app" && l.to == "db") db = &l;
  }
  REQUIRE(ext != nullptr);
  REQUIRE(db != nullptr);
  CHECK(ext->offered_per_s == 0.0);
  CHECK(ext->carried_per_s == 0.0);
  CHECK(ext->calls_in_flight == 0.0);
  // The CDN's default hit ratio (0.9) leaves 150/s for the app, all of which reach db first.
  CHECK(db->offered_per_s == Approx(150).epsilon(1e-9));
}

