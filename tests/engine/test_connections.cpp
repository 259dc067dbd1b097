// Connection limits (docs/PATTERNS.md): max_connections on databases and connection poolers,
// pool_size per instance on callers. Pools above the limit are refused when they open (and
// warned about); calls without a pool are a loss system (Erlang B) on the connections left.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/format.h"
#include "archbench/pattern_figures.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "archbench/validate.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;
using engine_test::Params;
using engine_test::component;
using engine_test::make_link;

// users → app (n instances, `pool` connections each, blocking or not) → db (max_connections).
Version pooled(long long instances, long long pool, long long limit, bool blocking = true,
               double per_second = 100) {
  Version v;
  v.name = "pools";
  RequestClass r;
  r.name = "q";
  r.entry = "users";
  r.per_second = per_second;
  v.workload = {r};
  v.components = {component("users", "users"),
                  component("app", "app_server",
                            {{"instances", ParamValue::of(static_cast<double>(instances))},
                             {"concurrency", ParamValue::of(4)},
                             {"service_ms", ParamValue::of(1)},
                             {"blocking", ParamValue::of_bool(blocking)},
                             {"pool_size", ParamValue::of(static_cast<double>(pool))}}),
                  component("db", "database",
                            {{"concurrency", ParamValue::of(1000)},
                             {"service_ms", ParamValue::of(20)},
                             {"scv", ParamValue::of(1)},
                             {"max_connections", ParamValue::of(static_cast<double>(limit))}})};
  v.links = {make_link("users", "app"), make_link("app", "db")};
  return v;
}

}  // namespace

TEST_CASE("Pools above the connection limit are refused when they open and warned about",
          "[patterns][connections]") {
  // The lesson's stampede: 50 pods × 20 connections = 1,000 against max_connections 500.
  const Version v = pooled(50, 20, 500);
  const Report r = evaluate(v, catalog());
  REQUIRE(r.component("db")->connections);
  const ConnectionFigures& f = *r.component("db")->connections;
  CHECK(f.limit == 500);
  CHECK(f.pooled == 1000);
  CHECK(f.refused_pooled == 500);
  CHECK(f.largest_pool == "app: 50 × 20");
  CHECK(f.unpooled_max == 0);  // every caller has a pool
  CHECK(connections_refused(*r.component("db")));
  CHECK(connections_text(*r.component("db")) ==
        "limit 500 per node, pools hold 1,000 (largest app: 50 × 20): 500 refused when they open");
  const auto warnings = design_warnings(v, catalog(), "/versions/2");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].place == "/versions/2/components/2/params/max_connections");
  CHECK_THAT(warnings[0].message,
             Catch::StartsWith("the callers' connection pools need 1,000 connections (app: 50 "
                               "instances × 20) against max_connections 500 of \"db\": 500 are "
                               "refused when the pools open"));
  // 25 × 20 = 500 fits exactly: no warning, nothing refused.
  CHECK(design_warnings(pooled(25, 20, 500), catalog()).empty());
  CHECK(evaluate(pooled(25, 20, 500), catalog()).component("db")->connections->refused_pooled == 0);
}

TEST_CASE("Calls without a pool lose what finds every connection in use by Erlang B",
          "[patterns][connections]") {
  // A non-blocking caller without a pool, 100 calls/s into a database of 20 ms (exponential)
  // with max_connections 5: it runs 5 queries at once (min(1,000, 5)), M/M/5 at a = 2 erlangs:
  // Erlang C 0.0597, wait C·S/(c − a) = 0.398 ms, round trip 20.398 ms; connections held on
  // average λ·T = 2.0398; refused B(5, 2.0398) = 0.03898.
  const Report r = evaluate(pooled(1, 0, 5, false), catalog());
  const ComponentResult& db = *r.component("db");
  CHECK(db.stations.at(0).servers == 5);
  REQUIRE(db.connections);
  const ConnectionFigures& f = *db.connections;
  CHECK(f.pooled == 0);
  CHECK(f.unpooled_max == -1);  // an event loop holds as many as it has calls in flight
  REQUIRE(f.unpooled_in_use);
  CHECK(*f.unpooled_in_use == Approx(2.0398009950).epsilon(1e-6));
  REQUIRE(f.refused_share);
  CHECK(*f.refused_share == Approx(0.0389754445).epsilon(1e-6));
  CHECK(connections_text(db) ==
        "limit 5 per node; calls without a pool hold 2.04 at once on average, 3.9% of them "
        "refused");
}

TEST_CASE("A blocking caller's threads bound its connections so none are refused when they fit",
          "[patterns][connections]") {
  // 2 instances × 4 threads, no pool: at most 8 calls in flight against max_connections 10.
  const Report r = evaluate(pooled(2, 0, 10, true), catalog());
  const ConnectionFigures& f = *r.component("db")->connections;
  CHECK(f.unpooled_max == 8);
  CHECK(*f.refused_share == 0);
  CHECK_FALSE(connections_refused(*r.component("db")));
  // Against max_connections 6 they may not fit: Erlang B on 6 (an upper bound here).
  const ConnectionFigures tight =
      *evaluate(pooled(2, 0, 6, true), catalog()).component("db")->connections;
  CHECK(*tight.refused_share > 0);
}

TEST_CASE("Connection limits and the pooler kind are format 4", "[patterns][connections][format]") {
  Project p;
  p.name = "Pools";
  p.versions = {pooled(50, 20, 500)};
  std::string text = dump_project(p);
  CHECK_THAT(text, Catch::Contains("\"format_version\": 4"));
  CHECK(parse_project(text, "pools.archbench.json", catalog()) == p);
  text.replace(text.find("\"format_version\": 4"), 19, "\"format_version\": 3");
  try {
    parse_project(text, "pools.archbench.json", catalog());
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0].place == "/versions/0/components/1/params/pool_size");
    CHECK(e.problems()[1].place == "/versions/0/components/2/params/max_connections");
  }
  Project pooler;
  pooler.name = "Pooler";
  Version v = pooled(50, 0, 0);
  v.components[1].params.erase("pool_size");
  v.components[2].params.erase("max_connections");
  v.components.push_back(component("pgbouncer", "connection_pooler"));
  v.links = {make_link("users", "app"), make_link("app", "pgbouncer"),
             make_link("pgbouncer", "db")};
  pooler.versions = {v};
  CHECK(required_format_version(pooler) == 4);
  std::string old = dump_project(pooler);
  old.replace(old.find("\"format_version\": 4"), 19, "\"format_version\": 2");
  try {
    parse_project(old, "pooler.archbench.json", catalog());
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].place == "/versions/0/components/3/kind");
    CHECK(e.problems()[0].message ==
          "\"connection_pooler\" needs format_version 4; this file says format_version 2");
  }
}

TEST_CASE("A connection pooler multiplexes the pods' pools onto its few server connections",
          "[patterns][connections]") {
  // 50 pods × pool 20 = 1,000 client connections end at the pooler (limit 2,000); it runs the
  // queries over its 40 server connections (blocking: one per query in flight), so the
  // database (limit 500) sees at most 40 and refuses none.
  Version v = pooled(50, 20, 500);
  v.components.push_back(
      component("pgbouncer", "connection_pooler",
                {{"concurrency", ParamValue::of(40)}, {"max_connections", ParamValue::of(2000)}}));
  v.links = {make_link("users", "app"), make_link("app", "pgbouncer"),
             make_link("pgbouncer", "db")};
  CHECK(design_warnings(v, catalog()).empty());
  const Report r = evaluate(v, catalog());
  const ConnectionFigures& pool = *r.component("pgbouncer")->connections;
  CHECK(pool.pooled == 1000);
  CHECK(pool.refused_pooled == 0);
  const ConnectionFigures& db = *r.component("db")->connections;
  CHECK(db.pooled == 0);
  CHECK(db.unpooled_max == 40);
  CHECK(*db.refused_share == 0);
  // Little: the pooler's calls in flight at the database = 100/s × 20 ms = 2.
  CHECK(*db.unpooled_in_use == Approx(2).epsilon(1e-9));
}

TEST_CASE("The flash sale preset's V3 and V4 notes state the engine's connection figures",
          "[patterns][connections][preset]") {
  const Project& p = engine_test::preset("flash-sale.archbench.json");
  const Version& v3 = *p.version("V3");
  const Version& v4 = *p.version("V4");
  auto says = [](const Version& v, const std::string& figure) {
    INFO(v.name << " notes: " << v.notes);
    INFO("figure: " << figure);
    CHECK(v.notes.find(figure) != std::string::npos);
  };
  // V3: 50 pods × 20 = 1,000 pooled against 500: 500 refused; warned at the parameter.
  const Report r3 = evaluate(v3, catalog());
  const ConnectionFigures& c3 = *r3.component("db")->connections;
  CHECK(c3.pooled == 50 * 20);
  says(v3, "need " + format_count(c3.pooled) + " connections against " + format_count(c3.limit));
  says(v3, format_count(c3.refused_pooled) + " connections are refused");
  CHECK(design_warnings(v3, catalog()).size() == 1);
  const std::string p95_3 = format_ms(r3.request_class("browse")->latency->p95) + " ms";
  says(v3, "browse p95 " + p95_3);
  // V4: the pooler takes the pools (1,000 of its 2,000) and the database sees its 40 server
  // connections at most, none refused.
  const Report r4 = evaluate(v4, catalog());
  CHECK(design_warnings(v4, catalog()).empty());
  const ConnectionFigures& pool = *r4.component("pgbouncer")->connections;
  const ConnectionFigures& db = *r4.component("db")->connections;
  CHECK(pool.refused_pooled == 0);
  CHECK(*db.refused_share == 0);
  says(v4, format_count(pool.pooled) + " client connections to PgBouncer, which accepts " +
               format_count(pool.limit));
  says(v4, format_count(db.unpooled_max) + " server connections");
  says(v4, format_significant(*db.unpooled_in_use, 3) + " in use on average");
  says(v4, "browse p95 " + format_ms(r4.request_class("browse")->latency->p95) +
               " ms against V3's " + p95_3);
}
