// archbench-cli evaluate on an unfinished version: the figures that can be computed, then each
// problem at the component or class it concerns, exit code 5; an idle component is noted.
#include <catch2/catch.hpp>

#include "cli_runner.h"

using namespace cli_test;
using nlohmann::json;

namespace {

const std::string kUnfinished = std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/unfinished/";

// The text table's row of `name` (the line that starts with it), or "".
std::string row(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(name + " ", 0) == 0) return line;
  return {};
}

json run_json_code(const std::vector<std::string>& args, int code) {
  const CliRun r = run_cli(args);
  REQUIRE(r.exited);
  CHECK(r.code == code);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("archbench-cli evaluate: an unlinked component is costed and noted with exit 0",
          "[cli][partial]") {
  const std::string file = kUnfinished + "unlinked-component.json";
  const std::string text = run_ok({"evaluate", file, "--catalog", kCatalog});
  CHECK_THAT(text, Catch::Contains("  spare: carries no traffic: no request class reaches it; its "
                                   "$70.00 a month counts in the total"));
  CHECK_THAT(text, !Catch::Contains("Problems"));
  const json j = run_json({"evaluate", file, "--format", "json", "--catalog", kCatalog});
  CHECK(j.at("complete") == true);
  REQUIRE(j.at("notes").size() == 1);
  CHECK(j.at("notes")[0].at("component") == "spare");
  CHECK(j.at("notes")[0].at("kind") == "no_traffic");
}

TEST_CASE("archbench-cli evaluate: a class with no route is left out with its problem and exit 5",
          "[cli][partial]") {
  const std::string file = kUnfinished + "class-without-route.json";
  const CliRun r = run_cli({"evaluate", file, "--catalog", kCatalog});
  REQUIRE(r.exited);
  CHECK(r.code == 5);
  CHECK(r.err.empty());
  // The computed class reads as it does in the finished version that holds only it.
  const std::string finished =
      run_ok({"evaluate", kUnfinished + "read-only.json", "--catalog", kCatalog});
  CHECK_FALSE(row(finished, "read").empty());
  CHECK(row(r.out, "read") == row(finished, "read"));
  CHECK(row(r.out, "write").empty());
  CHECK_THAT(r.out, Catch::Contains("Problems (unfinished: 1 problem; 1 of 2 classes not computed "
                                    "(write))"));
  CHECK_THAT(r.out, Catch::Contains("  mobile: class \"write\" goes no further than \"mobile\""));
  const CliRun jr = run_cli({"evaluate", file, "--format", "json", "--catalog", kCatalog});
  CHECK(jr.code == 5);
  const json j = json::parse(jr.out);
  CHECK(j.at("complete") == false);
  CHECK(j.at("left_out") == json::array({"write"}));
  REQUIRE(j.at("problems").size() == 1);
  CHECK(j.at("problems")[0].at("component") == "mobile");
  CHECK(j.at("problems")[0].at("class") == "write");
  CHECK(j.at("problems")[0].at("place") == "/versions/0/workload/1");
  CHECK(j.at("classes").size() == 1);
  CHECK(j.at("totals").at("cost_per_million_requests").is_null());
}

TEST_CASE("archbench-cli evaluate: a half-routed class beside a fine one", "[cli][partial]") {
  const std::string file = kUnfinished + "half-routed.json";
  const CliRun r = run_cli({"evaluate", file, "--format", "markdown", "--catalog", kCatalog});
  REQUIRE(r.exited);
  CHECK(r.code == 5);
  CHECK_THAT(r.out, Catch::Contains("- q: class \"upload\" reaches Message queue \"q\", but none "
                                    "of its links carries that class"));
  const json j = run_json_code({"evaluate", file, "--format", "json", "--catalog", kCatalog}, 5);
  const json finished =
      run_json({"evaluate", kUnfinished + "read-only.json", "--format", "json", "--catalog", kCatalog});
  // read's figures are those of the finished version without "upload".
  CHECK(j.at("classes")[0].at("latency_ms") == finished.at("classes")[0].at("latency_ms"));
  std::map<std::string, std::string> kinds;
  for (const auto& n : j.at("notes")) kinds[n.at("component")] = n.at("kind");
  CHECK(kinds == std::map<std::string, std::string>{
                     {"app", "partial"}, {"q", "not_computed"}, {"workers", "no_traffic"}});
  // A complete project is unchanged: the presets still exit 0.
  CHECK(run_cli({"evaluate", kBlog, "--all", "--catalog", kCatalog}).code == 0);
}
