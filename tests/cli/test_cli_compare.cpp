// archbench-cli compare, diff and sweep --versions as users and scripts see them: versions side
// by side in every format, what changed between two versions, and exit codes for bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archbench/format.h"
#include "cli_runner.h"

namespace {

using nlohmann::json;
using namespace cli_test;

const std::vector<std::string> kVersions = {"V1", "V2", "V3"};

// The lesson's budgets, $ per month.
const std::vector<double> kBlogCosts = {100.0, 150.0, 400.0};

std::vector<std::string> compare_args(std::vector<std::string> extra) {
  std::vector<std::string> a{"compare", kBlog, "--catalog", kCatalog};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

// The comparison table of a text or Markdown report (first header "figure").
PrintedTable comparison_table(const std::string& out, bool markdown) {
  const auto tables = tables_in(out, markdown);
  const PrintedTable* t = table_starting_with(tables, "figure");
  REQUIRE(t != nullptr);
  return *t;
}

// CSV fields of one line; the compare CSV quotes nothing our figures hold.
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    out.push_back(
        line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// The whole cell as a number, or nothing ("×9.02", "$100.00" and "" are not numbers).
std::optional<double> as_number(const std::string& s) {
  double x = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return x;
}

// The report of the i-th version of a `compare --format json` document.
const json& report_of(const json& comparison, std::size_t i) {
  return comparison.at("versions").at(i).at("report");
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// compare

TEST_CASE("archbench-cli compare: the blog's versions side by side with the change of each figure",
          "[cli][compare]") {
  const std::string text = run_ok(compare_args({}));
  CHECK(starts_with(text, "Blog platform: each version at its own workload\n"));
  const PrintedTable t = comparison_table(text, false);
  CHECK(t.headers == std::vector<std::string>{"figure", "V1", "V2", "V3"});
  for (const auto& row : t.rows) {
    INFO(row[0]);
    CHECK(row.size() == 4);
  }
  // Costs: $100 → $150 (+50%, worse: it costs more) → $400 (+167%, worse).
  CHECK(t.cell("cost per month", "V1") == "$100.00");
  CHECK(t.cell("cost per month", "V2") == "$150.00 (▲ 50% worse)");
  CHECK(t.cell("cost per month", "V3") == "$400.00 (▲ 167% worse)");
  // The cache shortens post reads: V2's p95 is lower than V1's, which is better.
  const auto read_p95 = t.cell("read_post p95 (ms)", "V2");
  REQUIRE(read_p95.has_value());
  CHECK_THAT(*read_p95, Catch::Contains("▼") && Catch::EndsWith("better)"));
  // The first column has nothing to compare against.
  const auto first = t.cell("read_post p95 (ms)", "V1");
  REQUIRE(first.has_value());
  CHECK(first->find('(') == std::string::npos);

  // The table shows the engine's figures: the JSON report of the same run, formatted.
  const json j = run_json(compare_args({"--format", "json"}));
  for (std::size_t i = 0; i < kVersions.size(); ++i) {
    INFO(kVersions[i]);
    const json& r = report_of(j, i);
    const double p95 = r.at("classes").at(0).at("latency_ms").at("p95").get<double>();
    REQUIRE(r.at("classes").at(0).at("name") == "read_post");
    const auto cell = t.cell("read_post p95 (ms)", kVersions[i]);
    REQUIRE(cell.has_value());
    CHECK(starts_with(*cell, archbench::format_ms(p95)));
  }
  // Each version's notes explain it, below the table.
  CHECK_THAT(text, Catch::Contains("Why each version:\n  V1: Monolith for 10K daily users"));
}

TEST_CASE("archbench-cli compare --format json: every version's report and the steps between",
          "[cli][compare][json]") {
  const json j = run_json(compare_args({"--format", "json"}));
  CHECK(j.at("project") == "Blog platform");
  CHECK(j.at("workload_of").is_null());
  REQUIRE(j.at("versions").size() == 3);
  for (std::size_t i = 0; i < kVersions.size(); ++i) {
    INFO(kVersions[i]);
    const json& v = j.at("versions").at(i);
    CHECK(v.at("name") == kVersions[i]);
    CHECK(v.at("report").at("version") == kVersions[i]);
    // Line items in dollars and cents: equal to the cent.
    const double cost = v.at("report").at("totals").at("cost_per_month").get<double>();
    CHECK(std::round(cost * 100) == std::round(kBlogCosts[i] * 100));
    double by_kind = 0;
    for (const auto& [kind, usd] : v.at("cost_by_kind").items()) by_kind += usd.get<double>();
    CHECK(by_kind == Approx(cost).epsilon(1e-12));
  }
  // n − 1 = 2 steps: V1 → V2 adds the cache, V2 → V3 the load balancer.
  REQUIRE(j.at("steps").size() == 2);
  CHECK(j.at("steps").at(0).at("components").at("added") == json::array({"cache"}));
  CHECK(j.at("steps").at(1).at("components").at("added") == json::array({"lb"}));
}

TEST_CASE("archbench-cli compare --format csv: one column per version with plain numbers",
          "[cli][compare][csv]") {
  const std::string csv = run_ok(compare_args({"--format", "csv"}));
  const auto lines = lines_of(csv);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0] == "figure,V1,V2,V3");
  const json j = run_json(compare_args({"--format", "json"}));
  bool saw_cost = false, saw_p95 = false;
  for (std::size_t n = 1; n < lines.size(); ++n) {
    const auto f = csv_fields(lines[n]);
    INFO(lines[n]);
    REQUIRE(f.size() == 4);
    // Ids are not figures; the multiplier row is checked by the next test case.
    if (f[0] == "bottleneck" || starts_with(f[0], "max throughput (×")) continue;
    for (std::size_t c = 1; c < f.size(); ++c) CHECK((as_number(f[c]) || f[c] == "saturated"));
    if (f[0] == "cost per month") {
      saw_cost = true;
      CHECK(as_number(f[1]) == 100.0);
      CHECK(as_number(f[2]) == 150.0);
      CHECK(as_number(f[3]) == 400.0);
    }
    if (f[0] == "read_post p95 (ms)") {
      saw_p95 = true;
      for (std::size_t i = 0; i < 3; ++i) {
        // Printed with 6 significant digits: within 5e-6 relative of the engine's figure.
        const double p95 =
            report_of(j, i).at("classes").at(0).at("latency_ms").at("p95").get<double>();
        REQUIRE(as_number(f[i + 1]).has_value());
        CHECK(*as_number(f[i + 1]) == Approx(p95).epsilon(5e-6));
      }
    }
  }
  CHECK(saw_cost);
  CHECK(saw_p95);
}

// Multipliers of different workloads get no ▲/▼ change text, but CSV still needs their numbers
// (once the CSV branch wrongly keyed plain numbers on that flag and printed "×9.02").
TEST_CASE("archbench-cli compare --format csv: the maximum-throughput multiplier is a number",
          "[cli][compare][csv]") {
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{}, std::vector<std::string>{"--workload-of", "V3"}}) {
    auto csv_run = extra, json_run = extra;
    csv_run.insert(csv_run.end(), {"--format", "csv"});
    json_run.insert(json_run.end(), {"--format", "json"});
    INFO(describe(compare_args(csv_run)));
    const auto lines = lines_of(run_ok(compare_args(csv_run)));
    const json j = run_json(compare_args(json_run));
    bool found = false;
    for (const auto& line : lines) {
      if (!starts_with(line, "max throughput (×")) continue;
      found = true;
      INFO(line);
      const auto f = csv_fields(line);
      REQUIRE(f.size() == 4);
      for (std::size_t i = 0; i < 3; ++i) {
        const double m = report_of(j, i).at("totals").at("max_throughput_multiplier").get<double>();
        const auto cell = as_number(f[i + 1]);
        CHECK(cell.has_value());  // CHECK, not REQUIRE: the shared-workload run still runs
        if (cell) CHECK(*cell == Approx(m).epsilon(5e-6));
      }
    }
    CHECK(found);
  }
}

TEST_CASE("archbench-cli compare --format markdown: a table and why each version exists",
          "[cli][compare][markdown]") {
  const std::string md = run_ok(compare_args({"--format", "markdown"}));
  CHECK(starts_with(md, "## Blog platform: each version at its own workload\n"));
  const auto lines = lines_of(md);
  CHECK(std::find(lines.begin(), lines.end(), "| figure | V1 | V2 | V3 |") != lines.end());
  const PrintedTable t = comparison_table(md, true);
  CHECK(t.headers == std::vector<std::string>{"figure", "V1", "V2", "V3"});
  CHECK(t.cell("cost per month", "V1") == "$100.00");
  CHECK(t.cell("cost per month", "V3") == "$400.00 (▲ 167% worse)");

  CHECK_THAT(md, Catch::Contains("\n### Why each version\n"));
  const json j = run_json(compare_args({"--format", "json"}));
  for (const auto& v : j.at("versions")) {
    const std::string notes = v.at("notes");
    REQUIRE_FALSE(notes.empty());
    const std::string line =
        "- **" + v.at("name").get<std::string>() + "**: " + notes.substr(0, notes.find('\n'));
    INFO(line);
    CHECK(std::find(lines.begin(), lines.end(), line) != lines.end());
  }
}

TEST_CASE("archbench-cli compare --workload-of V3: V1 saturates at V3's traffic",
          "[cli][compare]") {
  const std::string text = run_ok(compare_args({"--workload-of", "V3"}));
  CHECK(starts_with(text, "Blog platform: every version at V3's workload\n"));
  const PrintedTable t = comparison_table(text, false);
  for (const char* q : {"p50", "p95", "p99"}) {
    const std::string row = std::string("read_post ") + q + " (ms)";
    INFO(row);
    CHECK(t.cell(row, "V1") == "saturated");
    const auto v3 = t.cell(row, "V3");
    REQUIRE(v3.has_value());
    CHECK(*v3 != "saturated");
    CHECK(as_number(v3->substr(0, v3->find(' '))).has_value());
  }
  // Under one workload the multipliers compare: V1 saturates at ×0.948 of V3s traffic (its
  // 4 blocking threads with the DB they alone call: docs/MODEL.md, blocking callers).
  CHECK(t.cell("max throughput (× the workload)", "V1") == "×0.948");
  // The reason is spelled out below the table.
  CHECK_THAT(text, Catch::Contains("V1, read_post: passes saturated \"app\""));

  const json j = run_json(compare_args({"--workload-of", "V3", "--format", "json"}));
  CHECK(j.at("workload_of") == "V3");
  CHECK(report_of(j, 0).at("totals").at("max_throughput_multiplier").get<double>() < 1.0);
}

TEST_CASE("archbench-cli compare --versions: the chosen versions in the order given",
          "[cli][compare]") {
  CHECK(comparison_table(run_ok(compare_args({"--versions", "V1,V3"})), false).headers ==
        std::vector<std::string>{"figure", "V1", "V3"});
  const PrintedTable back = comparison_table(run_ok(compare_args({"--versions", "V3,V1"})), false);
  CHECK(back.headers == std::vector<std::string>{"figure", "V3", "V1"});
  // $400 → $100 is 75% cheaper.
  CHECK(back.cell("cost per month", "V1") == "$100.00 (▼ 75% better)");
}

TEST_CASE("archbench-cli compare: bad input exits 1 naming the file and bad usage exits 2",
          "[cli][compare][usage]") {
  for (const std::vector<std::string>& extra : {std::vector<std::string>{"--versions", "V1,V9"},
                                                std::vector<std::string>{"--workload-of", "V9"}}) {
    const auto args = compare_args(extra);
    INFO(describe(args));
    const CliRun r = run_cli(args);
    REQUIRE(r.exited);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(starts_with(r.err, kBlog + ": "));
    CHECK_THAT(r.err, Catch::Contains("no version named \"V9\" (versions: V1, V2, V3)"));
  }
  for (const std::vector<std::string>& args :
       {compare_args({"--format", "xml"}), compare_args({"--versions", ","}),
        std::vector<std::string>{"compare"}, compare_args({"--frobnicate"})}) {
    INFO(describe(args));
    const CliRun r = run_cli(args);
    REQUIRE(r.exited);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
  }
}

// ---------------------------------------------------------------------------------------------
// diff

TEST_CASE("archbench-cli diff: blog V1 → V2 lists the cache and the link changes", "[cli][diff]") {
  const std::string text = run_ok({"diff", kBlog, "V1", "V2", "--catalog", kCatalog});
  CHECK(text ==
        "Blog platform: V1 → V2\n"
        "\n"
        "  + component cache\n"
        "  + link app → cache\n"
        "  + link cache → db\n"
        "  ~ link app → db calls: {comment: 2, read_post: 3} → {comment: 2}\n");

  const json j = run_json({"diff", kBlog, "V1", "V2", "--format", "json", "--catalog", kCatalog});
  CHECK(j.at("from") == "V1");
  CHECK(j.at("to") == "V2");
  CHECK(j.at("components").at("added") == json::array({"cache"}));
  CHECK(j.at("components").at("removed").empty());
  CHECK(j.at("components").at("changed").empty());
  CHECK(j.at("links").at("added") == json::array({"app → cache", "cache → db"}));
  REQUIRE(j.at("links").at("changed").size() == 1);
  const json& link = j.at("links").at("changed").at(0);
  CHECK(link.at("id") == "app → db");
  CHECK(link.at("changes") == json::parse(R"([{"field": "calls",
      "from": "{comment: 2, read_post: 3}", "to": "{comment: 2}"}])"));
  CHECK(j.at("workload").at("changed").empty());

  const std::string md =
      run_ok({"diff", kBlog, "V1", "V2", "--format", "markdown", "--catalog", kCatalog});
  CHECK_THAT(md, Catch::StartsWith("## Blog platform: V1 → V2\n") &&
                     Catch::Contains("- + component `cache`\n"));
}

TEST_CASE("archbench-cli diff: a version against itself has no change", "[cli][diff]") {
  const std::string text = run_ok({"diff", kBlog, "V2", "V2", "--catalog", kCatalog});
  CHECK(text == "Blog platform: V2 → V2\n\nNo change to the design.\n");
}

TEST_CASE("archbench-cli diff: a missing version exits 1 and a wrong argument count 2",
          "[cli][diff][usage]") {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"diff", kBlog, "V1", "V9", "--catalog", kCatalog},
        std::vector<std::string>{"diff", kBlog, "V9", "V1", "--catalog", kCatalog}}) {
    INFO(describe(args));
    const CliRun r = run_cli(args);
    REQUIRE(r.exited);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(starts_with(r.err, kBlog + ": "));
    CHECK_THAT(r.err, Catch::Contains("no version named \"V9\""));
  }
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"diff"}, std::vector<std::string>{"diff", kBlog},
        std::vector<std::string>{"diff", kBlog, "V1"},
        std::vector<std::string>{"diff", kBlog, "V1", "V2", "V3"},
        std::vector<std::string>{"diff", kBlog, "V1", "V2", "--format", "csv"}}) {
    INFO(describe(args));
    const CliRun r = run_cli(args);
    REQUIRE(r.exited);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
  }
}

TEST_CASE("archbench-cli compare and diff: --help prints the usage and exits 0",
          "[cli][compare][diff][usage]") {
  for (const std::string cmd : {"compare", "diff"}) {
    INFO(cmd);
    const CliRun r = run_cli({cmd, "--help"});
    CHECK(r.exited);
    CHECK(r.code == 0);
    CHECK(starts_with(r.out, "usage: archbench-cli " + cmd));
  }
}

// ---------------------------------------------------------------------------------------------
// sweep --versions

TEST_CASE("archbench-cli sweep --versions: one sweep per version in the order given",
          "[cli][compare][sweep]") {
  const std::vector<std::string> base{"sweep",    kBlog, "--versions", "V1,V3",
                                      "--points", "4",   "--catalog",  kCatalog};
  auto with = [&](std::vector<std::string> extra) {
    auto a = base;
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  const json j = run_json(with({"--format", "json"}));
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 2);
  const std::vector<std::string> names{"V1", "V3"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    INFO(names[i]);
    CHECK(j[i].at("version") == names[i]);
    CHECK(j[i].at("points").size() == 4);
    // The sweep stops at 0.99 × the saturation point evaluate reports for the same version.
    const json e = run_json(
        {"evaluate", kBlog, "--version", names[i], "--format", "json", "--catalog", kCatalog});
    const double max = e.at("totals").at("max_throughput_multiplier").get<double>();
    CHECK(j[i].at("max_throughput_multiplier").get<double>() == max);
    CHECK(j[i].at("points").back().at("load").get<double>() == Approx(0.99 * max).epsilon(1e-12));
  }

  const std::string text = run_ok(base);
  CHECK_THAT(text, Catch::Contains("Blog platform — V1: load sweep\n"));
  CHECK_THAT(text, Catch::Contains("Blog platform — V3: load sweep\n"));
  CHECK(text.find("— V1: load sweep") < text.find("— V3: load sweep"));
  const auto tables = tables_in(text, false);
  REQUIRE(tables.size() == 2);
  for (const auto& t : tables) CHECK(t.rows.size() == 4);

  // An unknown name is invalid input naming the file.
  const CliRun r = run_cli({"sweep", kBlog, "--versions", "V1,V9", "--catalog", kCatalog});
  REQUIRE(r.exited);
  CHECK(r.code == 1);
  CHECK(starts_with(r.err, kBlog + ": "));
  CHECK_THAT(r.err, Catch::Contains("\"V9\""));
}

TEST_CASE("archbench-cli compare: availability downtime and SLO rows with their changes",
          "[cli][compare][availability]") {
  const PrintedTable t = comparison_table(run_ok(compare_args({"--format", "markdown"})), true);
  // Blog V1: Django and PostgreSQL at 99.5% each, in series for a post read:
  // A = 0.995² = 0.990025; downtime (1 − A) × 43,800 min = 436.9 min; the 99.9% SLO allows
  // 0.001 × 43,800 = 43.8 min, so 436.9 / 43.8 = 9.975 of the budget is used.
  const double a = 0.995 * 0.995;
  CHECK(t.cell("read_post availability", "V1") == archbench::format_availability(a));
  CHECK(t.cell("read_post downtime per month", "V1") ==
        archbench::format_duration((1 - a) * 43800 * 60));
  CHECK(t.cell("read_post SLO", "V1") == std::string("99.9%"));
  CHECK(t.cell("read_post error budget used", "V1") ==
        archbench::format_percent((1 - a) / 0.001) + " — missed");
  // The downtime and the budget carry the change; the availability and the SLO do not.
  CHECK_THAT(*t.cell("read_post downtime per month", "V3"), Catch::Contains("better)"));
  CHECK_THAT(*t.cell("read_post error budget used", "V3"), Catch::Contains("better)"));
  CHECK(t.cell("read_post availability", "V3")->find('(') == std::string::npos);
  // The multiplier row shows its change too: each version's headroom over its own load
  // (blog V2 ×12.6 against V1's ×9.48: ▲ 33%).
  CHECK_THAT(*t.cell("max throughput (× own load)", "V2"), Catch::Contains("▲ 33% better"));
  // The JSON carries each version's availability report, with the same figure.
  const json j = run_json(compare_args({"--format", "json"}));
  const json& classes = j.at("versions").at(0).at("availability").at("classes");
  bool found = false;
  for (const auto& c : classes) {
    if (c.at("name") != "read_post") continue;
    found = true;
    CHECK(c.at("availability").get<double>() == Approx(a).epsilon(1e-12));
  }
  CHECK(found);
}
