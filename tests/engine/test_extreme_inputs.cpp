// Valid but extreme inputs (issue 15): figures near the limits of a double never print as NaN,
// infinity or hundreds of digits; designs whose calls multiply past a billion visits per request
// are refused at the link that does it; ids and names with control or bidirectional characters
// are refused with their place.
#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "archbench/error.h"
#include "archbench/format.h"
#include "archbench/project_io.h"
#include "archbench/report_json.h"
#include "archbench/solver.h"
#include "archbench/validate.h"
#include "engine_fixture.h"

using namespace archbench;

namespace {

using engine_test::catalog;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// users → c1 → … → c(n-1), app servers; link i from c(i) carries `calls` calls (the first 1).
// The last server takes `last_ms` per visit with one thread. Blocking servers (the default)
// hold a thread through their calls; non-blocking ones make the last server the bottleneck.
Version chain(int n, double calls, double rate, double last_ms, bool blocking = true) {
  Version v;
  v.name = "V1";
  RequestClass r;
  r.name = "read";
  r.entry = "users";
  r.per_second = rate;
  v.workload.push_back(r);
  v.components.push_back({"users", "users", "", std::nullopt, {}, {}, {}, {}});
  std::string prev = "users";
  for (int i = 1; i < n; ++i) {
    const std::string id = "c" + std::to_string(i);
    std::map<std::string, ParamValue> params{{"service_ms", ParamValue::of(1)}};
    if (i == n - 1)
      params = {{"service_ms", ParamValue::of(last_ms)}, {"concurrency", ParamValue::of(1)}};
    if (!blocking) params["blocking"] = ParamValue::of_bool(false);
    v.components.push_back({id, "app_server", "", std::nullopt, params, {}, {}, {}});
    v.links.push_back({prev, id, PerClass{prev == "users" ? 1.0 : calls, {}}, 0, 1, {}});
    prev = id;
  }
  return v;
}

bool all_numbers_finite(const nlohmann::json& j) {
  if (j.is_number()) return std::isfinite(j.get<double>());
  if (j.is_structured())
    for (const auto& x : j)
      if (!all_numbers_finite(x)) return false;
  return true;
}

std::string project_text(const std::string& name, const std::string& class_name,
                         const std::string& id) {
  return R"({"format": "archbench-project", "format_version": 1, "name": ")" + name +
         R"(", "versions": [{"name": "V1", "workload": [{"name": ")" + class_name +
         R"(", "entry": ")" + id + R"(", "per_second": 1}], "components": [{"id": ")" + id +
         R"(", "kind": "users"}, {"id": "app", "kind": "app_server"}], "links": [{"from": ")" +
         id + R"(", "to": "app"}]}]})";
}

std::string load_error(const std::string& text) {
  try {
    parse_project(text, "t.archbench.json", catalog());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("Significant digits of figures near the limits of a double", "[extreme][format]") {
  // The issue's multiplier: rounding by v × 10^(2 − magnitude) made 1e-308 × 1e310 = inf, then
  // inf / inf = NaN cast to int (undefined). Rounded by printf's digits it is 1.00 × 10^-308.
  CHECK(format_significant(1e-308, 3) == "1.00e-308");
  CHECK(format_multiplier(8.98717e-301) == "8.99e-301");
  CHECK(format_significant(4.9406564584124654e-324, 3) == "4.94e-324");  // smallest subnormal
  // DBL_MAX = 1.7976931348623157e308 rounds to 1.80e308 (it printed "inf" before).
  CHECK(format_significant(DBL_MAX, 3) == "1.80e308");
  CHECK(format_significant(-DBL_MAX, 3) == "-1.80e308");
  CHECK(format_significant(kNaN, 3) == "beyond range");
  CHECK(format_significant(-kInf, 3) == "beyond range");
}

TEST_CASE("Figures keep plain notation between 1e-6 and 1e15", "[extreme][format]") {
  CHECK(format_significant(1234567, 3) == "1,230,000");
  CHECK(format_significant(999.6, 3) == "1,000");  // rounding carries into a new digit
  CHECK(format_significant(0.000512, 3) == "0.000512");
  CHECK(format_significant(0.0000012345, 3) == "0.00000123");
  CHECK(format_significant(123456789012345, 3) == "123,000,000,000,000");
  // 999,999,999,999,999 rounds to 1.00 × 10^15: past the plain range.
  CHECK(format_significant(999999999999999, 3) == "1.00e15");
  CHECK(format_significant(1.5e-7, 3) == "1.50e-7");
  CHECK(format_significant(99.99949, 6) == "99.9995");
}

TEST_CASE("No figure is longer than 20 characters at any magnitude", "[extreme][format]") {
  for (int e = -323; e <= 308; ++e) {
    const double v = 9.87654321 * std::pow(10.0, e);
    if (!std::isfinite(v)) continue;
    INFO("9.87654321e" << e);
    CHECK(format_significant(v, 3).size() <= 20);
    CHECK(format_significant(-v, 6).size() <= 20);
    CHECK(format_usd(v).size() <= 24);
    CHECK(format_percent(v).size() <= 24);
    CHECK(format_duration(v).size() <= 26);
    CHECK(format_rate(v).find("beyond") == std::string::npos);
  }
}

TEST_CASE("Every formatter shows a non-finite figure as beyond range", "[extreme][format]") {
  for (double bad : {kNaN, kInf, -kInf}) {
    CHECK(format_ms(bad) == "beyond range");
    CHECK(format_usd(bad) == "beyond range");
    CHECK(format_percent(bad) == "beyond range");
    CHECK(format_rate(bad) == "beyond range req/s");
    CHECK(format_multiplier(bad) == "beyond range");
    CHECK(format_share(bad) == "beyond range");
    CHECK(format_duration(bad) == "beyond range");
  }
}

TEST_CASE("Huge percentages money and durations print in scientific notation", "[extreme][format]") {
  // fraction × 100 overflows for DBL_MAX: the exponent moves by 2 instead, 1.80e308 → 1.80e310%.
  CHECK(format_percent(DBL_MAX) == "1.80e310%");
  CHECK(format_percent(1e300) == "1.00e302%");
  CHECK(format_percent(0.4567) == "45.7%");
  CHECK(format_usd(1e300) == "$1.00e300");
  CHECK(format_usd(1120) == "$1,120.00");
  // 8.64e20 s / 86400 = 1e16 days: the exponent's zero is not a trailing zero to strip.
  CHECK(format_duration(8.64e20) == "1.00e16 days");
  CHECK(format_duration(600) == "10 min");
}

TEST_CASE("A chain that multiplies calls past a billion visits is refused at its link", "[extreme][validate]") {
  // The issue's design: 76 components, 10,000 calls per link, 1e9 requests/s, the last server
  // 1e6 ms with one thread. Visits: c1 1, c2 1e4, c3 1e8, c4 1e12 > 1e9 (link 3: c3 → c4).
  const Version v = chain(76, 10000, 1e9, 1e6);
  const auto problems = validate_version(v, catalog(), "/versions/0");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "/versions/0/links/3/calls");
  CHECK_THAT(problems[0].message, Catch::Contains("would visit \"c4\" 1,000,000,000,000 times"));
  CHECK_THAT(problems[0].message, Catch::Contains("users → c1 → c2 → c3 → c4"));
  CHECK_THROWS_AS(evaluate(v, catalog()), InputError);
}

TEST_CASE("A design at the visit bound evaluates to finite figures", "[extreme][validate]") {
  // Visits of the last server: 1000 × 1000 × 1000 = 1e9, the bound itself. Its arrivals are
  // 1e9 req/s × 1e9 = 1e18/s with 3.6e6 ms each on one thread: utilization 3.6e21, saturated;
  // the maximum throughput multiplier is 1 / 3.6e21 ≈ 2.78e-22 (non-blocking servers, so the
  // others hold threads only for their own 1 ms: c3, 1e15/s × 1e-3 s / 16 threads = 6.25e10).
  const Version v = chain(5, 1000, 1e9, 3.6e6, false);
  REQUIRE(validate_version(v, catalog()).empty());
  const Report r = evaluate(v, catalog());
  REQUIRE(r.totals.max_throughput_multiplier);
  CHECK(*r.totals.max_throughput_multiplier == Approx(1 / 3.6e21).epsilon(1e-6));
  CHECK(format_multiplier(*r.totals.max_throughput_multiplier) == "2.78e-22");
  CHECK(all_numbers_finite(report_to_json(r, "t")));
  CHECK(r.totals.bottleneck_reason.find("×2.78e-22") != std::string::npos);
}

TEST_CASE("Visits that add up over many paths are refused like multiplied calls", "[extreme][validate]") {
  // n diamonds x → (b, c) → d with one call per link: each doubles the visits, so d(k)_d is
  // visited 2^(k+1) times per request.
  auto diamonds = [](int n) {
    Version v = chain(2, 1, 10, 1);
    std::string prev = "c1";
    for (int d = 0; d < n; ++d) {
      const std::string p = "d" + std::to_string(d) + "_";
      for (const char* s : {"b", "c", "d"})
        v.components.push_back({p + s, "app_server", "", std::nullopt, {}, {}, {}, {}});
      v.links.push_back({prev, p + "b", PerClass{1.0, {}}, 0, 1, {}});
      v.links.push_back({prev, p + "c", PerClass{1.0, {}}, 0, 1, {}});
      v.links.push_back({p + "b", p + "d", PerClass{1.0, {}}, 0, 1, {}});
      v.links.push_back({p + "c", p + "d", PerClass{1.0, {}}, 0, 1, {}});
      prev = p + "d";
    }
    return v;
  };
  // 30 diamonds: d29_d is visited 2^30 = 1,073,741,824 > 1e9 times.
  const auto problems = validate_version(diamonds(30), catalog());
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("\"d29_d\" 1,070,000,000 times"));
  // 29 diamonds: 2^29 = 536,870,912 visits stay within the bound.
  CHECK(validate_version(diamonds(29), catalog()).empty());
}

TEST_CASE("A split sends each request down one link so its calls do not multiply", "[extreme][validate]") {
  // Six load balancers in a row, 10,000 calls on each link: a split picks one link per request
  // (probability ∝ weight × calls), so every balancer sees one visit per request.
  Version v = chain(2, 1, 10, 1);
  std::string prev = "c1";
  for (int i = 0; i < 6; ++i) {
    const std::string id = "lb" + std::to_string(i);
    v.components.push_back({id, "load_balancer", "", std::nullopt, {}, {}, {}, {}});
    v.links.push_back({prev, id, PerClass{i == 0 ? 1.0 : 10000.0, {}}, 0, 1, {}});
    prev = id;
  }
  v.components.push_back({"db", "database", "", std::nullopt, {}, {}, {}, {}});
  v.links.push_back({prev, "db", PerClass{10000.0, {}}, 0, 1, {}});
  CHECK(validate_version(v, catalog()).empty());
}

TEST_CASE("Ids and names with control or bidi characters are refused at their place", "[extreme][validate][text]") {
  // JSON escapes: \u0000 NUL, \u202e RIGHT-TO-LEFT OVERRIDE, \u001b ESC.
  const std::string nul = load_error(project_text("p", "read", R"(us\u0000ers)"));
  CHECK_THAT(nul, Catch::Contains("t.archbench.json: /versions/0/components/0/id: the id \"us\\u0000ers\" contains a control character, U+0000"));
  const std::string rlo = load_error(project_text("p", R"(r\u202eead)", "users"));
  CHECK_THAT(rlo, Catch::Contains("/versions/0/workload/0/name: the class name \"r\\u202Eead\" contains a bidirectional control"));
  const std::string esc = load_error(project_text(R"(p\u001b[31m)", "read", "users"));
  CHECK_THAT(esc, Catch::Contains("t.archbench.json: /name: the project name \"p\\u001B[31m\" contains a control character, U+001B"));
  // No message prints the raw characters back: U+202E is E2 80 AE in UTF-8, NUL and ESC 00, 1B.
  for (const std::string& m : {nul, rlo, esc}) {
    CHECK(m.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(m.find('\0') == std::string::npos);
    CHECK(m.find('\x1b') == std::string::npos);
  }
  CHECK(load_error(project_text("p", "read", "users")).empty());
}

TEST_CASE("Names notes and zones are checked as text", "[extreme][validate][text]") {
  Version v = chain(3, 1, 10, 1);
  v.notes = "why:\n\tthe cache";  // tabs and line breaks belong in notes
  CHECK(validate_version(v, catalog()).empty());
  v.notes = "fine \u202e";
  v.components[1].name = "App\x07";
  v.components[2].zones = {"eu-1\n"};
  v.name = "V\u2066";
  const auto problems = validate_version(v, catalog(), "/versions/0");
  std::set<std::string> places;
  for (const auto& d : problems) places.insert(d.place);
  CHECK(places == std::set<std::string>{"/versions/0/name", "/versions/0/notes",
                                        "/versions/0/components/1/name",
                                        "/versions/0/components/2/zones/0"});
}

TEST_CASE("Messages quoting an unknown key escape its control characters", "[extreme][validate][text]") {
  // The unknown parameter's name is quoted back; U+202E inside it is written \u202E.
  const std::string text = R"({"format": "archbench-project", "format_version": 1, "name": "p",
    "versions": [{"name": "V1", "workload": [{"name": "r", "entry": "users", "per_second": 1}],
      "components": [{"id": "users", "kind": "users"},
                     {"id": "app", "kind": "app_server", "params": {"x\u202ey": 1}}],
      "links": [{"from": "users", "to": "app"}]}]})";
  const std::string m = load_error(text);
  CHECK_THAT(m, Catch::Contains("/versions/0/components/1/params/x\\u202Ey: unknown parameter \"x\\u202Ey\""));
  CHECK(m.find("\xE2\x80\xAE") == std::string::npos);
}
