// archbench-cli costs: the bill per line item, its CSV for spreadsheets, and that its total is
// evaluate's cost per month.
#include <catch2/catch.hpp>
#include <string>

#include "cli_runner.h"

namespace {

using namespace cli_test;

// One CSV record (RFC 4180: a quoted field may hold commas and doubled quotes).
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("archbench-cli costs CSV adds up to evaluate's cost per month", "[cli][costs]") {
  const std::string csv =
      run_ok({"costs", kImage, "--catalog", kCatalog, "--all", "--format", "csv"});
  const auto lines = lines_of(csv);
  // Image V2's "Redis (metadata, smaller node)" holds a comma: its field is quoted.
  CHECK_THAT(csv, Catch::Contains("V2,\"Redis (metadata, smaller node)\",redis,"));
  REQUIRE(lines.size() > 3);
  CHECK(lines[0] ==
        "version,component,id,kind,line item,quantity,unit,unit price (USD),USD per month");
  const auto evals = run_json({"evaluate", kImage, "--catalog", kCatalog, "--all", "--format", "json"});
  for (const auto& e : evals) {
    const std::string version = e["version"].get<std::string>();
    double sum = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const auto cells = split_csv_line(lines[i]);
      REQUIRE(cells.size() == 9);
      if (cells[0] != version) continue;
      const double q = std::stod(cells[5]), price = std::stod(cells[7]), usd = std::stod(cells[8]);
      CHECK(usd == Approx(q * price).epsilon(1e-8));  // 10 significant digits each
      sum += usd;
    }
    INFO(version);
    CHECK(sum == Approx(e["totals"]["cost_per_month"].get<double>()).epsilon(1e-8));
  }
}

TEST_CASE("archbench-cli costs per year is twelve months and shows a total", "[cli][costs]") {
  const auto month = run_json({"costs", kBlog, "--catalog", kCatalog, "--format", "json"});
  const auto year =
      run_json({"costs", kBlog, "--catalog", kCatalog, "--format", "json", "--per", "year"});
  CHECK(month["per"] == "month");
  CHECK(year["per"] == "year");
  CHECK(year["total_usd"].get<double>() ==
        Approx(12 * month["total_usd"].get<double>()).epsilon(1e-12));
  const std::string table = run_ok({"costs", kBlog, "--catalog", kCatalog, "--version", "V1"});
  CHECK(table.rfind("Blog platform — V1: costs per month\n", 0) == 0);
  const auto tables = tables_in(table, false);
  const PrintedTable* t = table_starting_with(tables, "component");
  REQUIRE(t);
  REQUIRE_FALSE(t->rows.empty());
  CHECK(t->rows.back()[0] == "total");
  const auto ev = run_json({"evaluate", kBlog, "--catalog", kCatalog, "--version", "V1",
                            "--format", "json"});
  // The total is evaluate's cost per month in the same format ("$215.00").
  const std::string evaluate_text = run_ok({"evaluate", kBlog, "--catalog", kCatalog, "--version", "V1"});
  CHECK_THAT(evaluate_text, Catch::Contains("cost per month: " + t->rows.back().back()));
}

TEST_CASE("archbench-cli costs refuses a bad period", "[cli][costs]") {
  const CliRun r = run_cli({"costs", kBlog, "--catalog", kCatalog, "--per", "week"});
  REQUIRE(r.exited);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("--per must be hour, month or year (got 'week')"));
}
