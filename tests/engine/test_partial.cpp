// An unfinished design: what can be computed is computed, each problem sits at what it concerns,
// and a component that carries no traffic says so.
#include <catch2/catch.hpp>

#include "archbench/error.h"
#include "archbench/partial.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;

Version unfinished(const std::string& workload, const std::string& components,
                   const std::string& links) {
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [)" + workload + R"(], "components": [)" +
                           components + R"(], "links": [)" + links + "]}]}";
  return parse_unfinished_project(text, "inline.json", catalog()).versions.at(0);
}

const char* const kShop = R"({"id": "users", "kind": "users"},
  {"id": "app", "kind": "app_server", "params": {"concurrency": 4, "service_ms": 20}},
  {"id": "db", "kind": "database", "params": {"service_ms": 5}})";
const char* const kShopLinks = R"({"from": "users", "to": "app"}, {"from": "app", "to": "db"})";

void same_latency(const ClassResult& got, const ClassResult& want) {
  REQUIRE(got.latency.has_value());
  REQUIRE(want.latency.has_value());
  CHECK(got.latency->mean == Approx(want.latency->mean).epsilon(1e-12));
  CHECK(got.latency->p95 == Approx(want.latency->p95).epsilon(1e-9));
}

}  // namespace

TEST_CASE("An unlinked component is counted in the cost and said to carry no traffic",
          "[partial]") {
  const Version v = unfinished(R"({"name": "read", "entry": "users", "per_second": 50})",
                               std::string(kShop) + R"(, {"id": "spare", "kind": "app_server",
                                 "params": {"cost_per_month": 70}})",
                               kShopLinks);
  const PartialEvaluation e = evaluate_partial(v, catalog());
  // Nothing is missing: the version is complete and its figures are evaluate()'s.
  CHECK(e.complete());
  CHECK(e.left_out.empty());
  REQUIRE(e.report.has_value());
  const Report full = evaluate(v, catalog());
  same_latency(e.report->classes.at(0), full.classes.at(0));
  // The spare server's $70 is in the total (Σ of the components), and a note says it idles.
  CHECK(e.report->totals.cost_per_month == Approx(full.totals.cost_per_month).epsilon(1e-12));
  REQUIRE(e.report->component("spare") != nullptr);
  CHECK(e.report->component("spare")->cost_per_month == Approx(70.0).epsilon(1e-12));
  const ComponentNote* note = e.note("spare");
  REQUIRE(note != nullptr);
  CHECK(note->kind == ComponentNote::Kind::NoTraffic);
  CHECK(note->text == "carries no traffic: no request class reaches it; its $70.00 a month "
                      "counts in the total");
  // The components that carry the class need no word.
  CHECK(e.note("app") == nullptr);
  CHECK(e.note("db") == nullptr);
  CHECK(partial_summary(e, 1) == "complete");
}

TEST_CASE("A load balancer not linked yet leaves out the class that reaches it", "[partial]") {
  // users → lb, and nothing behind the balancer yet: the only class stops there.
  const Version v = unfinished(R"({"name": "read", "entry": "users", "per_second": 50})",
                               R"({"id": "users", "kind": "users"},
                                  {"id": "lb", "kind": "load_balancer"})",
                               R"({"from": "users", "to": "lb"})");
  CHECK_THROWS_AS(evaluate(v, catalog()), InputError);
  const PartialEvaluation e = evaluate_partial(v, catalog());
  CHECK_FALSE(e.complete());
  REQUIRE(e.problems.size() == 1);
  CHECK(e.problems[0].component == "lb");
  CHECK(e.problems[0].request_class == "read");
  CHECK(e.problems[0].place == "/workload/0");
  CHECK(e.problems_at("lb").size() == 1);
  CHECK(e.left_out == std::vector<std::string>{"read"});
  // What is left is computed: the balancer's cost, no class, no throughput.
  REQUIRE(e.report.has_value());
  CHECK(e.report->classes.empty());
  const ComponentNote* note = e.note("lb");
  REQUIRE(note != nullptr);
  CHECK(note->kind == ComponentNote::Kind::NotComputed);
  CHECK_FALSE(e.report->component("lb")->utilization.has_value());
  CHECK(partial_summary(e, 1) == "1 problem; 1 of 1 class not computed (read)");
}

TEST_CASE("A class with no route is left out and the others are computed", "[partial]") {
  // "write" enters at a second users component that links nowhere yet.
  const Version v = unfinished(R"({"name": "read", "entry": "users", "per_second": 50},
                                  {"name": "write", "entry": "mobile", "per_second": 5})",
                               std::string(kShop) + R"(, {"id": "mobile", "kind": "users"})",
                               kShopLinks);
  const PartialEvaluation e = evaluate_partial(v, catalog());
  REQUIRE(e.problems.size() == 1);
  CHECK(e.problems[0].request_class == "write");
  CHECK(e.problems[0].component == "mobile");
  CHECK(e.problems[0].message ==
        "class \"write\" goes no further than \"mobile\": no link from it carries that class yet");
  CHECK(e.left_out == std::vector<std::string>{"write"});
  REQUIRE(e.report.has_value());
  REQUIRE(e.report->classes.size() == 1);
  // "read" alone: the same figures as the version holding only "read".
  const Version only_read = unfinished(R"({"name": "read", "entry": "users", "per_second": 50})",
                                       kShop, kShopLinks);
  const Report want = evaluate(only_read, catalog());
  same_latency(e.report->classes[0], want.classes[0]);
  CHECK(*e.report->totals.max_throughput_multiplier ==
        Approx(*want.totals.max_throughput_multiplier).epsilon(1e-9));
  // The classes left out make a cost per request meaningless; the reason is given.
  CHECK_FALSE(e.report->totals.cost_per_million_requests.has_value());
  CHECK_THAT(e.report->totals.cost_per_million_note, Catch::Contains("\"write\""));
  const ComponentNote* mobile = e.note("mobile");
  REQUIRE(mobile != nullptr);
  CHECK(mobile->kind == ComponentNote::Kind::NotComputed);
}

TEST_CASE("A half-routed class beside a fine one", "[partial]") {
  // "upload" goes users → app → queue, whose consumer is not linked yet; "read" is complete.
  const Version v = unfinished(
      R"({"name": "read", "entry": "users", "per_second": 50},
         {"name": "upload", "entry": "users", "per_second": 2, "op": "write", "sync": false})",
      std::string(kShop) + R"(, {"id": "q", "kind": "message_queue"},
                              {"id": "workers", "kind": "worker_pool"})",
      R"({"from": "users", "to": "app"},
         {"from": "app", "to": "db", "calls": {"read": 1, "upload": 0}},
         {"from": "app", "to": "q", "calls": {"read": 0, "upload": 1}})");
  const PartialEvaluation e = evaluate_partial(v, catalog());
  REQUIRE(e.problems.size() == 1);
  CHECK(e.problems[0].component == "q");
  CHECK(e.problems[0].request_class == "upload");
  CHECK(e.left_out == std::vector<std::string>{"upload"});
  REQUIRE(e.report.has_value());
  REQUIRE(e.report->classes.size() == 1);
  CHECK(e.report->classes[0].name == "read");
  const Version only_read = unfinished(R"({"name": "read", "entry": "users", "per_second": 50})",
                                       kShop, kShopLinks);
  const Report want = evaluate(only_read, catalog());
  same_latency(e.report->classes[0], want.classes[0]);
  // The app carries both classes: its figures leave "upload" out, and say so. It sees read's
  // 50/s only (1 visit per request).
  CHECK(e.report->component("app")->arrival_per_s == Approx(50.0).epsilon(1e-12));
  REQUIRE(e.note("app") != nullptr);
  CHECK(e.note("app")->kind == ComponentNote::Kind::Partial);
  CHECK_THAT(e.note("app")->text, Catch::Contains("without class \"upload\""));
  // The queue only "upload" reaches: not computed. The workers no class reaches yet.
  REQUIRE(e.note("q") != nullptr);
  CHECK(e.note("q")->kind == ComponentNote::Kind::NotComputed);
  REQUIRE(e.note("workers") != nullptr);
  CHECK(e.note("workers")->kind == ComponentNote::Kind::NoTraffic);
  CHECK(e.note("db") == nullptr);
}

TEST_CASE("A component with an invalid parameter leaves out only the classes that reach it",
          "[partial]") {
  Version v = unfinished(R"({"name": "read", "entry": "users", "per_second": 50},
                            {"name": "report", "entry": "users", "per_second": 1})",
                         std::string(kShop) + R"(, {"id": "olap", "kind": "database"})",
                         R"({"from": "users", "to": "app"},
                            {"from": "app", "to": "db", "calls": {"read": 1, "report": 0}},
                            {"from": "app", "to": "olap", "calls": {"read": 0, "report": 1}})");
  v.components.back().params["concurrency"].number = -3;  // below the minimum 1
  const PartialEvaluation e = evaluate_partial(v, catalog());
  REQUIRE(e.problems.size() == 1);
  CHECK(e.problems[0].component == "olap");
  CHECK(e.problems[0].place == "/components/3/params/concurrency");
  CHECK(e.left_out == std::vector<std::string>{"report"});
  REQUIRE(e.report.has_value());
  CHECK(e.report->component("olap") == nullptr);  // its figures cannot be computed
  REQUIRE(e.report->request_class("read") != nullptr);
  CHECK(e.report->request_class("read")->latency.has_value());
}

TEST_CASE("Only a version's workload problems may be kept when a file is read unfinished",
          "[partial][project_io]") {
  const std::string head = R"({"format": "archbench-project", "format_version": 1, "name": "t",
    "versions": [{"name": "V1", "workload": [{"name": "r", "entry": "users", "per_second": 1}],
    "components": [{"id": "users", "kind": "users"}, {"id": "lb", "kind": "load_balancer")";
  const std::string tail = R"(}], "links": [{"from": "users", "to": "lb"}]}]})";
  // A route that stops at the balancer: strict reading refuses it, unfinished reading keeps it.
  CHECK_THROWS_AS(parse_project(head + tail, "a.json", catalog()), InputError);
  CHECK(parse_unfinished_project(head + tail, "a.json", catalog()).versions.size() == 1);
  // A parameter out of range, or a class that enters at a server, is no unfinished design:
  // both refuse it.
  const std::string bad = head + R"(, "params": {"instances": 0})" + tail;
  CHECK_THROWS_AS(parse_unfinished_project(bad, "b.json", catalog()), InputError);
  std::string at_server = head + tail;
  at_server.replace(at_server.find(R"("entry": "users")"), 16, R"("entry": "lb")");
  CHECK_THROWS_AS(parse_unfinished_project(at_server, "c.json", catalog()), InputError);
  // A class whose entry was deleted is unfinished: kept.
  std::string deleted = head + tail;
  deleted.replace(deleted.find(R"("entry": "users")"), 16, R"("entry": "gone")");
  CHECK(parse_unfinished_project(deleted, "d.json", catalog()).versions.size() == 1);
}
