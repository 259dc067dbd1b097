// Requirements for CI (archbench/gates.h): the grammar of docs/GATES.md, the place of each
// syntax error, and figures that are the engine's own, formatted by the rules every view uses.
#include <catch2/catch.hpp>

#include "archbench/availability.h"
#include "archbench/error.h"
#include "archbench/figures.h"
#include "archbench/format.h"
#include "archbench/gates.h"
#include "archbench/solver.h"
#include "engine_fixture.h"

using namespace archbench;
using engine_test::catalog;
using engine_test::preset;

namespace {

const Version& blog(const char* name) { return *preset("blog.archbench.json").version(name); }

GateResult check_one(const Version& v, const std::string& text) {
  const GateCheck c = check_gates(v, catalog(), {parse_gate(text)});
  REQUIRE(c.results.size() == 1);
  return c.results[0];
}

std::size_t error_column(const std::string& text) {
  try {
    parse_gate(text);
  } catch (const GateSyntaxError& e) {
    return e.column();
  }
  FAIL("no syntax error for: " << text);
  return 0;
}

}  // namespace

TEST_CASE("gate grammar reads each figure with its unit", "[gates]") {
  Gate g = parse_gate("  read_post.p99 <= 200ms ");
  CHECK(g.text == "read_post.p99 <= 200ms");
  CHECK(g.figure == Gate::Figure::Latency);
  CHECK(g.subject == "read_post");
  CHECK(g.stat == "p99");
  CHECK(g.compare == Gate::Compare::AtMost);
  CHECK(g.bound == 200);

  g = parse_gate("upload.completion.p95 < 2s");  // seconds become milliseconds
  CHECK(g.figure == Gate::Figure::Completion);
  CHECK(g.subject == "upload");
  CHECK(g.compare == Gate::Compare::Below);
  CHECK(g.bound == 2000);

  CHECK(parse_gate("cost <= 500").bound == 500);
  CHECK(parse_gate("cost <= $1.5k").bound == 1500);
  CHECK(parse_gate("cost_per_million<=2").figure == Gate::Figure::CostPerMillion);

  g = parse_gate("availability(read_post) >= 99.9");  // a percentage, kept as a fraction
  CHECK(g.figure == Gate::Figure::Availability);
  CHECK(g.subject == "read_post");
  CHECK(g.compare == Gate::Compare::AtLeast);
  CHECK(g.bound == Approx(0.999).epsilon(1e-12));
  CHECK(parse_gate("availability > 99%").subject.empty());
  CHECK(parse_gate("availability > 99%").compare == Gate::Compare::Above);

  CHECK(parse_gate("headroom >= 2x").bound == 2);
  CHECK(parse_gate("utilization( db ) <= 70%").subject == "db");
  CHECK(parse_gate("utilization(db) <= 70%").bound == Approx(0.7).epsilon(1e-12));

  g = parse_gate("no-spof(comment)");
  CHECK(g.figure == Gate::Figure::NoSpof);
  CHECK(g.subject == "comment");
  CHECK(parse_gate("no-spof").subject.empty());
}

TEST_CASE("gate syntax errors give the column of what cannot be read", "[gates]") {
  // Columns count from 1 in the trimmed requirement.
  CHECK(error_column("read_post.p99 =< 2") == 15);       // '=' alone is no comparison
  CHECK(error_column("read_post.p90 <= 2") == 11);       // the statistic
  CHECK(error_column("read_post.p99 <= 2 hours") == 20); // the unit
  CHECK(error_column("read_post.p99 <= fast") == 18);    // not a number
  CHECK(error_column("read_post.p99") == 14);            // no comparison: just past the end
  CHECK(error_column("cost <=") == 8);                   // nothing after the comparison
  CHECK(error_column("latency <= 2") == 1);              // no figure of that name
  CHECK(error_column("availability(read_post >= 99") == 23);  // unclosed bracket
  CHECK(error_column("availability(read_post) >= 120") == 28);  // above 100%
  CHECK(error_column("cost <= -5") == 9);                // negative
  CHECK(error_column("read_post.p99 <= $5") == 18);      // '$' on a latency
  CHECK(error_column("no-spof comment") == 9);
  CHECK(error_column("   ") == 1);
}

TEST_CASE("gate figures are the engine's own figures in the views' format", "[gates]") {
  const Version& v3 = blog("V3");
  const Report report = evaluate(v3, catalog());
  const AvailabilityReport av = analyse_availability(v3, catalog());

  const GateResult p99 = check_one(v3, "read_post.p99 <= 1000ms");
  REQUIRE(p99.figure);
  CHECK(*p99.figure == report.request_class("read_post")->latency->p99);
  CHECK(p99.figure_text == format_ms(*p99.figure) + " ms");
  CHECK(p99.holds == (*p99.figure <= 1000));

  const GateResult cost = check_one(v3, "cost <= 1");
  CHECK(*cost.figure == report.totals.cost_per_month);
  CHECK(cost.figure_text == format_usd(report.totals.cost_per_month));
  CHECK_FALSE(cost.holds);  // blog V3 costs far more than $1 a month
  CHECK(cost.bound_text == format_usd(1));

  const GateResult cpm = check_one(v3, "cost_per_million <= 100");
  CHECK(cpm.figure_text == cost_per_million_text(report.totals));

  const GateResult head = check_one(v3, "headroom >= 1");
  CHECK(*head.figure == *report.totals.max_throughput_multiplier);
  CHECK(head.holds);

  const GateResult a = check_one(v3, "availability(read_post) >= 50");
  const ClassAvailability* read_post = nullptr;
  for (const auto& c : av.classes)
    if (c.name == "read_post") read_post = &c;
  REQUIRE(read_post);
  CHECK(*a.figure == read_post->availability);
  CHECK(a.figure_text == format_availability(read_post->availability));
  CHECK(a.holds);

  // The lowest class's availability, named.
  double lowest = 1;
  std::string lowest_name;
  for (const auto& c : av.classes)
    if (c.availability < lowest) lowest = c.availability, lowest_name = c.name;
  const GateResult worst = check_one(v3, "availability >= 99.999");
  CHECK(*worst.figure == lowest);
  CHECK(worst.figure_text == format_availability(lowest) + " (" + lowest_name + ")");
  CHECK_FALSE(worst.holds);
}

TEST_CASE("no-spof holds exactly when the class has no single point of failure", "[gates]") {
  for (const char* name : {"V1", "V2", "V3"}) {
    const Version& v = blog(name);
    const AvailabilityReport av = analyse_availability(v, catalog());
    for (const auto& c : av.classes) {
      INFO(name << " " << c.name);
      const GateResult r = check_one(v, "no-spof(" + c.name + ")");
      CHECK(r.holds == c.single_points_of_failure.empty());
      CHECK(*r.figure == static_cast<double>(c.single_points_of_failure.size()));
      if (!c.single_points_of_failure.empty()) {
        // Names, not ids: the first single point of failure by its display name.
        const Component* first = v.component(c.single_points_of_failure.front());
        REQUIRE(first);
        CHECK(r.figure_text.rfind(first->display_name(), 0) == 0);
      }
    }
  }
}

TEST_CASE("a saturated class fails its latency gate without a figure", "[gates]") {
  Version v = blog("V1");
  for (auto& c : v.workload) {
    if (c.per_second) *c.per_second *= 50;
    if (c.per_day) *c.per_day *= 50;
  }
  const GateResult r = check_one(v, "read_post.p99 <= 100000s");
  CHECK_FALSE(r.figure);
  CHECK(r.figure_text == "saturated");
  CHECK_FALSE(r.holds);
}

TEST_CASE("a gate naming what the version lacks is refused with its place", "[gates]") {
  const Version& v3 = blog("V3");
  try {
    check_gates(v3, catalog(), {parse_gate("cost <= 5"), parse_gate("nope.p99 <= 2")});
    FAIL("no error");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].place == "requirement 2 (nope.p99 <= 2)");
    CHECK_THAT(e.problems()[0].message, Catch::Contains("read_post, comment, media"));
  }
  CHECK_THROWS_WITH(check_gates(v3, catalog(), {parse_gate("read_post.completion.p95 <= 2")}),
                    Catch::Contains("synchronous"));
  CHECK_THROWS_WITH(check_gates(v3, catalog(), {parse_gate("utilization(nothing) <= 50")}),
                    Catch::Contains("no component named 'nothing'"));
}

TEST_CASE("gates JUnit XML has a test case per requirement and escapes markup", "[gates]") {
  const Version& v3 = blog("V3");
  const GateCheck c =
      check_gates(v3, catalog(), {parse_gate("cost <= 1"), parse_gate("headroom >= 1")});
  const std::string x = gates_junit_xml(c, "Blog & co");
  CHECK(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
  CHECK_THAT(x, Catch::Contains("<testsuite name=\"Blog &amp; co V3\" tests=\"2\" failures=\"1\""));
  CHECK_THAT(x, Catch::Contains("<testcase classname=\"archbench.V3\" name=\"cost &lt;= 1\">"));
  CHECK_THAT(x, Catch::Contains("<failure message=\"cost &lt;= 1: " +
                                format_usd(c.results[0].figure.value()) + " against $1.00\""));
  CHECK_THAT(x, Catch::Contains("name=\"headroom &gt;= 1\">\n      <system-out>"));
  CHECK(x.find("<=") == std::string::npos);  // every '<' of the text escaped
}
