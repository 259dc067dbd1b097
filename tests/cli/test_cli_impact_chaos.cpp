// archbench-cli impact, chaos and availability as users and scripts see them: the impact
// matrix's rows and formats, chaos experiments' PASS and FAIL with their exit codes, and the
// availability table's SLO columns. Split from test_cli_faults.cpp (what-if).
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "faults_fixture.h"

using nlohmann::json;
using namespace cli_test;

TEST_CASE("archbench-cli impact: the steady row then one row per component by criticality",
          "[cli][faults][impact]") {
  const json j =
      run_json({"impact", kBlog, "--version", "V2", "--format", "json", "--catalog", kCatalog});
  CHECK(j.at("version") == "V2");
  const auto classes = j.at("classes").get<std::vector<std::string>>();
  CHECK(classes == std::vector<std::string>{"read_post", "comment", "media"});
  REQUIRE(j.at("steady").size() == classes.size());
  REQUIRE(!j.at("rows").empty());
  double previous = 2;
  for (const auto& row : j.at("rows")) {
    INFO(row.at("component"));
    const double c = row.at("criticality").get<double>();
    CHECK(c <= previous);  // ranked
    CHECK(c >= 0);
    CHECK(c <= 1);
    previous = c;
    REQUIRE(row.at("cells").size() == classes.size());
    for (std::size_t k = 0; k < classes.size(); ++k) {
      const json& cell = row.at("cells")[k];
      CHECK(cell.at("class") == classes[k]);
      CHECK(cell.at("success").get<double>() <= cell.at("answered").get<double>());
      CHECK((cell.at("p95_ms").is_null() || cell.at("p95_ms").get<double>() > 0));
    }
    CHECK(row.at("component") != "users");  // a client is where traffic starts, not a failure
  }
  // Every comment is written to the only database: crashing it answers none.
  bool found = false;
  for (const auto& row : j.at("rows")) {
    if (row.at("component") != "db") continue;
    found = true;
    CHECK(row.at("cells")[1].at("answered").get<double>() == 0);
    CHECK(row.at("cells")[1].at("p95_ms").is_null());
  }
  CHECK(found);

  for (const bool markdown : {false, true}) {
    std::vector<std::string> args{"impact", kBlog, "--version", "V2", "--catalog", kCatalog};
    if (markdown) args.insert(args.end(), {"--format", "markdown"});
    const auto tables = tables_in(run_ok(args), markdown);
    const PrintedTable* t = table_starting_with(tables, "crashed");
    REQUIRE(t != nullptr);
    CHECK(t->headers.size() == 2 + 2 * classes.size());
    REQUIRE(t->rows.size() == 1 + j.at("rows").size());
    CHECK(t->rows[0][0] == "(steady state)");
    for (std::size_t i = 0; i < j.at("rows").size(); ++i)
      CHECK(t->rows[i + 1][0] == j.at("rows")[i].at("component"));
    CHECK(t->cell("db", "comment success") == std::string("0%"));
    CHECK(t->cell("db", "comment p95 ms¹") == std::string("—"));
  }
  const json all = run_json({"impact", kBlog, "--all", "--format", "json", "--catalog", kCatalog});
  REQUIRE(all.is_array());
  CHECK(all.size() == 3);
}

TEST_CASE("archbench-cli chaos: PASS and FAIL and exit codes", "[cli][faults][chaos]") {
  const TempProject t(blog_with_experiments());
  const std::vector<std::string> base{"chaos", t.file(), "--version", "V2", "--catalog", kCatalog};

  SECTION("an experiment that holds exits 0") {
    const CliRun r = run_cli(with(base, {"--experiment", "db down"}));
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("PASS") && !Catch::Contains("FAIL"));
    CHECK_THAT(r.out, Catch::Contains("media keeps working while the database is down"));
    const auto tables = tables_in(r.out, false);
    const PrintedTable* conditions = table_starting_with(tables, "condition");
    REQUIRE(conditions != nullptr);
    CHECK(conditions->cell("media success ≥ 99.9%", "holds") == std::string("✓"));
    CHECK(conditions->cell("media p95 ≤ 5,000 ms", "holds") == std::string("✓"));
  }
  SECTION("one failing experiment makes the exit code 3") {
    const CliRun r = run_cli(base);
    CHECK(r.code == 3);
    CHECK_THAT(r.out,
               Catch::Contains("\"db down\": PASS") && Catch::Contains("\"cache gone\": FAIL"));
    CHECK_THAT(r.out, Catch::Contains("2 experiments: 1 passed, 1 failed"));
    const auto tables = tables_in(r.out, false);
    bool crossed = false;
    for (const auto& tb : tables)
      crossed = crossed || tb.cell("read_post success ≥ 99%", "holds") == std::string("✗");
    CHECK(crossed);
  }
  SECTION("JSON: one object per version, the experiments and their conditions") {
    const CliRun r = run_cli(with(base, {"--format", "json"}));
    CHECK(r.code == 3);
    const json j = json::parse(r.out);
    CHECK(j.at("version") == "V2");
    CHECK(j.at("passed") == false);
    REQUIRE(j.at("experiments").size() == 2);
    const json& e = j.at("experiments")[0];
    CHECK(e.at("name") == "db down");
    CHECK(e.at("passed") == true);
    CHECK(e.at("hypothesis").is_string());
    CHECK(e.at("affected").is_array());
    CHECK(e.at("outside_blast_radius").empty());
    CHECK(e.at("report").at("faults")[0].at("description") == "crash db");
    const json& c = e.at("conditions")[0];
    CHECK(c.at("class") == "media");
    CHECK(c.at("metric") == "success");
    CHECK(c.at("op") == ">=");
    CHECK(c.at("unit") == "percent");
    CHECK(c.at("value").get<double>() == 99.9);
    CHECK(c.at("observed").get<double>() == 100);  // media never touches the database
    CHECK(c.at("holds") == true);
    CHECK(e.at("conditions")[1].at("unit") == "ms");
    CHECK(j.at("experiments")[1].at("passed") == false);
  }
  SECTION("an unknown experiment is bad usage listing the names") {
    const CliRun r = run_cli(with(base, {"--experiment", "nope"}));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("\"db down\"") && Catch::Contains("\"cache gone\""));
  }
  SECTION("a version without experiments is bad usage; --all skips it") {
    CHECK(run_cli({"chaos", t.file(), "--version", "V1", "--catalog", kCatalog}).code == 2);
    const CliRun r = run_cli({"chaos", t.file(), "--all", "--experiment", "db down", "--format",
                              "json", "--catalog", kCatalog});
    CHECK(r.code == 0);
    const json j = json::parse(r.out);
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 1);
    CHECK(j[0].at("version") == "V2");
  }
}

TEST_CASE("archbench-cli availability: SLO and error budget and budget used",
          "[cli][availability]") {
  const TempProject t(blog_with_experiments());
  const json j = run_json(
      {"availability", t.file(), "--version", "V2", "--format", "json", "--catalog", kCatalog});
  for (const auto& c : j.at("classes")) {
    INFO(c.at("name"));
    CHECK(c.at("slo_percent").get<double>() == 99.9);
    // Error budget: (1 − 0.999) × 43,800 min = 43.8 min a month.
    CHECK(c.at("error_budget_minutes_per_month").get<double>() == Approx(43.8).epsilon(1e-9));
    // Budget used: expected downtime over the budget.
    CHECK(c.at("budget_used").get<double>() ==
          Approx(c.at("downtime_minutes_per_month").get<double>() / 43.8).epsilon(1e-9));
  }
  const auto tables = tables_in(
      run_ok({"availability", t.file(), "--version", "V2", "--catalog", kCatalog}), false);
  const PrintedTable* classes = table_starting_with(tables, "class");
  REQUIRE(classes != nullptr);
  CHECK(classes->cell("media", "SLO") == std::string("99.9%"));
  CHECK(classes->cell("media", "error budget/month") == std::string("43.8 min"));
  CHECK(classes->cell("media", "budget used").has_value());

  // No class states an SLO: no SLO columns, and null in JSON.
  json no_slo = preset(kBlog);
  for (auto& v : no_slo.at("versions")) {
    for (auto& c : v.at("workload")) c.erase("slo_percent");
  }
  const TempProject u(no_slo);
  const auto plain = tables_in(
      run_ok({"availability", u.file(), "--version", "V2", "--catalog", kCatalog}), false);
  const PrintedTable* p = table_starting_with(plain, "class");
  REQUIRE(p != nullptr);
  CHECK(std::find(p->headers.begin(), p->headers.end(), "SLO") == p->headers.end());
  const json pj = run_json(
      {"availability", u.file(), "--version", "V2", "--format", "json", "--catalog", kCatalog});
  CHECK(pj.at("classes")[0].at("slo_percent").is_null());
  CHECK(pj.at("classes")[0].at("budget_used").is_null());
}
