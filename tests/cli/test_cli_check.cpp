// archbench-cli check: requirements for CI, their table, JSON and JUnit XML, and the exit codes
// (0 all hold, 3 one fails, 2 a requirement that does not parse, 1 an invalid file).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_runner.h"

namespace {

using namespace cli_test;

std::vector<std::string> check(std::vector<std::string> extra) {
  std::vector<std::string> args{"check", kBlog, "--catalog", kCatalog};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

}  // namespace

TEST_CASE("archbench-cli check exits 0 when every requirement holds", "[cli][check]") {
  const std::string out =
      run_ok(check({"--version", "V3", "--require", "cost <= 100k", "--require", "headroom >= 1"}));
  const auto tables = tables_in(out, false);
  const PrintedTable* t = table_starting_with(tables, "Requirement");
  REQUIRE(t != nullptr);
  CHECK(t->headers == std::vector<std::string>{"Requirement", "Figure", "Wanted", "Result"});
  REQUIRE(t->rows.size() == 2);
  CHECK(t->rows[0][0] == "cost <= 100k");
  CHECK(t->rows[0][2] == "<= $100,000.00");
  CHECK(t->rows[0][3] == "holds");
  CHECK_THAT(out, Catch::Contains("All 2 requirements hold."));
}

TEST_CASE("archbench-cli check shows the same figures as evaluate and availability",
          "[cli][check]") {
  const auto j = run_json(check({"--version", "V3", "--format", "json", "--require",
                                 "read_post.p95 <= 1s", "--require",
                                 "availability(read_post) >= 99"}));
  const auto ev = run_json({"evaluate", kBlog, "--catalog", kCatalog, "--version", "V3",
                            "--format", "json"});
  double p95 = -1;
  for (const auto& c : ev["classes"])
    if (c["name"] == "read_post") p95 = c["latency_ms"]["p95"].get<double>();
  REQUIRE(j["requirements"].size() == 2);
  CHECK(j["requirements"][0]["figure"].get<double>() == Approx(p95).epsilon(1e-9));
  // The availability as the availability command prints it (one formatting rule).
  const std::string avail = run_ok({"availability", kBlog, "--catalog", kCatalog, "--version", "V3"});
  const std::string shown = j["requirements"][1]["shown"].get<std::string>();
  CHECK_THAT(avail, Catch::Contains(shown));
  CHECK(j["all_hold"] == true);
}

TEST_CASE("archbench-cli check exits 3 and writes JUnit XML when a requirement fails",
          "[cli][check]") {
  namespace fs = std::filesystem;
  const fs::path xml = fs::temp_directory_path() / "archbench_check_test.xml";
  fs::remove(xml);
  const CliRun r = run_cli(check({"--version", "V1", "--require", "cost <= 1", "--require",
                                  "no-spof(read_post)", "--junit", xml.string()}));
  REQUIRE(r.exited);
  CHECK(r.code == 3);
  CHECK_THAT(r.out, Catch::Contains("2 of 2 requirements fail."));
  CHECK_THAT(r.out, Catch::Contains("FAILS"));
  const std::string x = slurp(xml);
  CHECK_THAT(x, Catch::Contains("<testsuite name=\"Blog platform V1\" tests=\"2\" failures=\"2\""));
  CHECK_THAT(x, Catch::Contains("name=\"no-spof(read_post)\">\n      <failure"));
  fs::remove(xml);
}

TEST_CASE("archbench-cli check reads requirements from a file and names its lines",
          "[cli][check]") {
  namespace fs = std::filesystem;
  const fs::path reqs = fs::temp_directory_path() / "archbench_check_reqs.txt";
  {
    std::ofstream f(reqs);
    f << "# gates for the blog\n\ncost <= 100k   # the budget\nheadroom >= 1\n";
  }
  const std::string out = run_ok(check({"--requirements", reqs.string()}));
  CHECK_THAT(out, Catch::Contains("All 2 requirements hold."));
  {
    std::ofstream f(reqs);
    f << "cost <= 100k\n\nheadroom => 1\n";
  }
  const CliRun bad = run_cli(check({"--requirements", reqs.string()}));
  REQUIRE(bad.exited);
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains(reqs.string() + ":3, column 10: '=' is not a comparison"));
  fs::remove(reqs);
}

TEST_CASE("archbench-cli check refuses bad requirements with exit 2 and the place",
          "[cli][check]") {
  struct Bad {
    std::string req;
    std::string message;
  };
  for (const Bad& b : std::vector<Bad>{
           {"read_post.p90 <= 2", "--require 1, column 11: unknown statistic 'p90'"},
           {"read_post.p99 <= 2 hours", "column 20: unknown unit 'hours'"},
           {"speed >= 3", "unknown figure 'speed'"},
           {"nope.p99 <= 2", "--require 1 (nope.p99 <= 2): no request class named 'nope'"}}) {
    INFO(b.req);
    const CliRun r = run_cli(check({"--require", b.req}));
    REQUIRE(r.exited);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(b.message));
  }
  const CliRun none = run_cli(check({}));
  CHECK(none.code == 2);
  CHECK_THAT(none.err, Catch::Contains("give at least one requirement"));
  const CliRun missing = run_cli({"check", "no-such-file.archbench.json", "--catalog", kCatalog,
                                  "--require", "cost <= 1"});
  CHECK(missing.code == 1);
  CHECK_THAT(missing.err, Catch::Contains("no-such-file.archbench.json"));
}
