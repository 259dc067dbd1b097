// Rate limiting and load shedding (docs/PATTERNS.md): a split with rate_limit_per_s R offered λ
// admits min(λ, R) and refuses the rest with 429; what lies behind it is solved at the admitted
// rate, the class reports its refused share, and the limit is written as format_version 4.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "archbench/availability.h"
#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/faults.h"
#include "archbench/format.h"
#include "archbench/pattern_figures.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;
using engine_test::Params;
using engine_test::component;
using engine_test::make_link;

RequestClass request_class(const std::string& name, double per_second,
                           const std::string& entry = "users") {
  RequestClass r;
  r.name = name;
  r.entry = entry;
  r.per_second = per_second;
  return r;
}

// users → gateway (limit R, 1 ms of own work) → app, an M/M/1 station of `service_ms`.
Version limited(double per_second, double limit, double service_ms = 5) {
  Version v;
  v.name = "limited";
  v.workload = {request_class("read", per_second)};
  Params gw = {{"service_ms", ParamValue::of(1)},
               {"concurrency", ParamValue::of(1000)},
               {"scv", ParamValue::of(1)}};
  if (limit > 0) gw["rate_limit_per_s"] = ParamValue::of(limit);
  v.components = {component("users", "users"), component("gateway", "api_gateway", gw),
                  component("app", "app_server",
                            {{"service_ms", ParamValue::of(service_ms)},
                             {"concurrency", ParamValue::of(1)},
                             {"scv", ParamValue::of(1)},
                             {"blocking", ParamValue::of_bool(false)}})};
  v.links = {make_link("users", "gateway"), make_link("gateway", "app")};
  return v;
}

}  // namespace

TEST_CASE("A rate limit admits the limit and refuses the excess at once",
          "[patterns][rate_limit]") {
  // λ = 300/s offered, R = 100/s: refused share 1 − R/λ = 2/3; the app sees λ = 100/s.
  const Report r = evaluate(limited(300, 100), catalog());
  const ClassResult& c = *r.request_class("read");
  REQUIRE(c.refused_share);
  CHECK(*c.refused_share == Approx(2.0 / 3.0).epsilon(1e-12));
  CHECK(r.component("gateway")->refused_per_s == Approx(200).epsilon(1e-12));
  CHECK(r.component("gateway")->arrival_per_s == Approx(300).epsilon(1e-12));  // it sees them all
  const ComponentResult& app = *r.component("app");
  CHECK(app.arrival_per_s == Approx(100).epsilon(1e-12));
  // M/M/1 at λ = 100/s, S = 5 ms: ρ = 0.5, response S/(1 − ρ) = 10 ms.
  REQUIRE(app.utilization);
  CHECK(*app.utilization == Approx(0.5).epsilon(1e-9));
  REQUIRE(app.response_ms);
  CHECK(*app.response_ms == Approx(10).epsilon(1e-9));
  // The admitted request's latency: the gateway's M/M/c response (1 ms, no wait at 0.03% of
  // 1,000 servers) plus the app's 10 ms.
  REQUIRE(c.latency);
  CHECK(c.latency->mean == Approx(11).epsilon(1e-6));
  CHECK_FALSE(r.totals.saturated);
  CHECK(refused_share_text(c) == "66.67%");
  CHECK(rate_limit_text(*r.component("gateway")) == "limit 100 req/s, refuses 200 req/s (429)");
}

TEST_CASE("Without the limit the same load saturates what the limit protects",
          "[patterns][rate_limit]") {
  // λ = 300/s at an M/M/1 of 5 ms: ρ = 1.5.
  const Report r = evaluate(limited(300, 0), catalog());
  CHECK(r.totals.saturated);
  CHECK(r.component("app")->saturated);
  CHECK_FALSE(r.request_class("read")->refused_share);
  CHECK(r.component("gateway")->rate_limit_per_s == std::nullopt);
  CHECK(rate_limit_text(*r.component("gateway")).empty());
}

TEST_CASE("Below its limit a rate limit changes no figure", "[patterns][rate_limit]") {
  const Report with = evaluate(limited(60, 100), catalog());
  const Report without = evaluate(limited(60, 0), catalog());
  const ClassResult& c = *with.request_class("read");
  REQUIRE(c.refused_share);
  CHECK(*c.refused_share == 0);
  CHECK(refused_share_text(c) == "0%");
  CHECK(rate_limit_text(*with.component("gateway")) == "limit 100 req/s, admits all");
  REQUIRE(c.latency);
  CHECK(c.latency->mean == without.request_class("read")->latency->mean);
  CHECK(c.latency->p99 == without.request_class("read")->latency->p99);
  CHECK(*with.component("app")->utilization == *without.component("app")->utilization);
}

TEST_CASE("Two rate limits in a row refuse one minus the product of their admitted shares",
          "[patterns][rate_limit]") {
  // users → gateway (R1 = 200) → balancer (R2 = 80) → app, offered 400/s:
  // a1 = 200/400 = 0.5; the balancer is offered 200/s, a2 = 80/200 = 0.4; refused 1 − 0.2 = 0.8.
  Version v = limited(400, 200);
  v.components.push_back(
      component("lb", "load_balancer",
                {{"rate_limit_per_s", ParamValue::of(80)}, {"service_ms", ParamValue::of(0.5)}}));
  v.links = {make_link("users", "gateway"), make_link("gateway", "lb"), make_link("lb", "app")};
  const Report r = evaluate(v, catalog());
  CHECK(*r.request_class("read")->refused_share == Approx(0.8).epsilon(1e-12));
  CHECK(r.component("lb")->arrival_per_s == Approx(200).epsilon(1e-12));
  CHECK(r.component("lb")->refused_per_s == Approx(120).epsilon(1e-12));
  CHECK(r.component("app")->arrival_per_s == Approx(80).epsilon(1e-12));
}

TEST_CASE("A class that never meets the limit is not refused and keeps its own load",
          "[patterns][rate_limit]") {
  // "admin" enters at its own client straight to the app: the gateway's limit (100/s of the
  // 300/s of "read") does not apply to it; the app sees 100 + 50 = 150/s.
  Version v = limited(300, 100, 4);
  v.components.push_back(component("ops", "users"));
  v.links.push_back(make_link("ops", "app"));
  v.workload.push_back(request_class("admin", 50, "ops"));
  const Report r = evaluate(v, catalog());
  CHECK_FALSE(r.request_class("admin")->refused_share);
  CHECK(refused_share_text(*r.request_class("admin")) == "—");
  CHECK(r.component("app")->arrival_per_s == Approx(150).epsilon(1e-12));
  // M/M/1 at 150/s × 4 ms: ρ = 0.6.
  CHECK(*r.component("app")->utilization == Approx(0.6).epsilon(1e-9));
}

TEST_CASE("With a rate limit the maximum throughput is where the limiter itself saturates",
          "[patterns][rate_limit]") {
  // Without the limit the app (M/M/1, 5 ms) saturates at λ = 200/s: ×200/60 of 60/s.
  const Report open = evaluate(limited(60, 0), catalog());
  REQUIRE(open.totals.max_throughput_multiplier);
  CHECK(*open.totals.max_throughput_multiplier == Approx(200.0 / 60.0).epsilon(1e-6));
  CHECK(open.totals.bottleneck == "app");
  // With R = 150/s the app never passes ρ = 0.75; the gateway's own work (1 ms on 1,000
  // servers, for every request offered, refused or not) saturates at λ = 1,000/0.001 = 1e6/s.
  const Report shed = evaluate(limited(60, 150), catalog());
  REQUIRE(shed.totals.max_throughput_multiplier);
  CHECK(*shed.totals.max_throughput_multiplier == Approx(1e6 / 60.0).epsilon(1e-6));
  CHECK(shed.totals.bottleneck == "gateway");
  // The reason says that this maximum is capacity to refuse: 150 req/s admitted, ever.
  CHECK_THAT(shed.totals.bottleneck_reason,
             Catch::Contains("behind its rate limit nothing saturates; it admits 150 req/s"));
  // A limit above the app's capacity does not protect it: it saturates at 200/s as before.
  const Report loose = evaluate(limited(60, 250), catalog());
  CHECK(*loose.totals.max_throughput_multiplier == Approx(200.0 / 60.0).epsilon(1e-6));
  CHECK(loose.totals.bottleneck == "app");
  CHECK_THAT(loose.totals.bottleneck_reason, !Catch::Contains("behind its rate limit"));
  // A limiter that saturates before its limit binds (one server of 10 ms: 100 req/s against a
  // limit of 150) has refused nothing there: no such sentence.
  Version slow = limited(60, 150);
  slow.components[1].params["service_ms"] = ParamValue::of(10);
  slow.components[1].params["concurrency"] = ParamValue::of(1);
  const Report tight = evaluate(slow, catalog());
  REQUIRE(tight.totals.max_throughput_multiplier);
  CHECK(*tight.totals.max_throughput_multiplier == Approx(100.0 / 60.0).epsilon(1e-6));
  CHECK(tight.totals.bottleneck == "gateway");
  CHECK_THAT(tight.totals.bottleneck_reason, !Catch::Contains("behind its rate limit"));
}

TEST_CASE("A limiter with no work of its own sheds any load and nothing saturates",
          "[patterns][rate_limit]") {
  Version v = limited(60, 150);
  v.components[1].params["service_ms"] = ParamValue::of(0);
  const Report r = evaluate(v, catalog());
  CHECK_FALSE(r.totals.max_throughput_multiplier);
  CHECK_THAT(r.totals.bottleneck_reason, Catch::Contains("the rate limits refuse"));
  const Report far = evaluate(v, catalog(), EvaluateOptions{1e6, false, false});
  CHECK_FALSE(far.totals.saturated);
  CHECK(*far.request_class("read")->refused_share == Approx(1 - 150 / 6e7).epsilon(1e-12));
}

TEST_CASE("A rate limit is written as format_version 4 and refused in an older file",
          "[patterns][rate_limit][format]") {
  Project p;
  p.name = "Limits";
  p.versions = {limited(300, 100)};
  const std::string text = dump_project(p);
  CHECK_THAT(text, Catch::Contains("\"format_version\": 4"));
  CHECK(parse_project(text, "limits.archbench.json", catalog()) == p);
  // The same design without the limit stays format 1, which every older build opens.
  Project plain = p;
  plain.versions = {limited(300, 0)};
  CHECK(required_format_version(plain) == 1);
  // A file that says 3 and carries the limit is refused at the parameter.
  std::string old = text;
  old.replace(old.find("\"format_version\": 4"), 19, "\"format_version\": 3");
  try {
    parse_project(old, "limits.archbench.json", catalog());
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].place == "/versions/0/components/1/params/rate_limit_per_s");
    CHECK(e.problems()[0].message ==
          "\"rate_limit_per_s\" needs format_version 4; this file says format_version 3");
  }
}

TEST_CASE("The flash sale preset's notes state the figures the engine gives its versions",
          "[patterns][rate_limit][preset]") {
  const Project& p = engine_test::preset("flash-sale.archbench.json");
  const Version& v1 = *p.version("V1");
  const Version& v2 = *p.version("V2");
  auto says = [](const Version& v, const std::string& figure) {
    INFO(v.name << " notes: " << v.notes);
    INFO("figure: " << figure);
    CHECK(v.notes.find(figure) != std::string::npos);
  };
  // V1: PostgreSQL offered 2 queries × 1,000 req/s against 8 connections / its mean service
  // (0.9 × 4 ms + 0.1 × 12 ms = 4.8 ms): 8 / 4.8 ms = 1,667/s; utilization 2,000 × 4.8 ms / 8.
  const Report r1 = evaluate(v1, catalog());
  const ComponentResult& db1 = *r1.component("db");
  CHECK(db1.saturated);
  CHECK(db1.stations.at(0).offered_utilization == Approx(2000 * 0.0048 / 8).epsilon(1e-9));
  CHECK_THAT(db1.reason, Catch::Contains(format_rate(8 / 0.0048).substr(0, 5)));  // "1,670"
  says(v1, format_significant(2000, 3));
  says(v1, format_significant(8 / 0.0048, 3));
  says(v1, format_percent(db1.stations.at(0).offered_utilization));
  REQUIRE(r1.totals.max_throughput_multiplier);
  says(v1, "×" + format_multiplier(*r1.totals.max_throughput_multiplier));
  says(v1, format_rate(*r1.totals.max_throughput_rate_per_s));
  // V2: the gateway admits 650 of 1,000 req/s: refused 1 − 650/1,000 = 35%.
  const Report r2 = evaluate(v2, catalog());
  CHECK_FALSE(r2.totals.saturated);
  const ClassResult& browse = *r2.request_class("browse");
  const ClassResult& buy = *r2.request_class("buy");
  REQUIRE(browse.refused_share);
  CHECK(*browse.refused_share == Approx(0.35).epsilon(1e-12));
  CHECK(*buy.refused_share == Approx(0.35).epsilon(1e-12));
  says(v2, format_significant(*r2.component("gateway")->rate_limit_per_s, 3));
  says(v2, refused_share_text(browse) + " of the requests are refused");
  says(v2, format_percent(*r2.component("db")->utilization));
  says(v2, format_ms(browse.latency->p95) + " ms (browse)");
  says(v2, format_ms(buy.latency->p95) + " ms (buy)");
}

TEST_CASE("Availability counts what a rate limit admits and not what is offered",
          "[patterns][rate_limit][availability]") {
  // Flash sale V1 offers PostgreSQL 120% of its capacity: no number of instances up carries
  // that, so availability reads saturated. V2's gateway admits 650 req/s (78.0%): PostgreSQL's
  // single node carries it and each class has an availability figure.
  const Project& p = engine_test::preset("flash-sale.archbench.json");
  const AvailabilityReport a1 = analyse_availability(*p.version("V1"), catalog());
  const AvailabilityReport a2 = analyse_availability(*p.version("V2"), catalog());
  for (std::size_t k = 0; k < 2; ++k) {
    INFO(a2.classes.at(k).name);
    CHECK(a1.classes.at(k).saturated);
    CHECK_FALSE(a2.classes.at(k).saturated);
    CHECK(a2.classes.at(k).availability > 0.99);
  }
}

TEST_CASE("What-if scenarios refuse above the rate limit and count the refused as failed",
          "[patterns][rate_limit][faults]") {
  // Flash sale V2: 1,000 req/s offered, 650 admitted: success 0.65 in the steady state. A spike
  // ×2 offers 2,000: success 650/2,000 = 0.325, and PostgreSQL still sees only the admitted.
  const Version& v2 = *engine_test::preset("flash-sale.archbench.json").version("V2");
  Fault spike;
  spike.type = FaultType::Spike;
  spike.factor = 2;
  const WhatIfReport w = what_if(v2, catalog(), {spike});
  for (std::size_t k = 0; k < 2; ++k) {
    INFO(w.steady.classes.at(k).name);
    CHECK(w.steady.classes.at(k).success == Approx(0.65).epsilon(1e-6));
    CHECK(w.faulted.classes.at(k).success == Approx(0.325).epsilon(1e-6));
  }
  CHECK(w.cascade.empty());  // nothing saturates: the limit sheds the spike
}
