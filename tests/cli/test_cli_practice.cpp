// archbench-cli practice: list, show, grade and drills, their exit codes and JSON contract. The
// card the CLI prints is the engine's (report_card_to_json of grade), compared as JSON.
#include "cli_runner.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "archbench/catalog.h"
#include "archbench/practice.h"
#include "archbench/practice_json.h"
#include "archbench/project_io.h"
#include "archbench/scenario.h"

using cli_test::run_cli;
using cli_test::run_json;
using cli_test::run_ok;

namespace {

const std::string kScenarios = std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/scenarios";

const archbench::Catalog& catalog() {
  static const archbench::Catalog c = archbench::Catalog::load(cli_test::kCatalog);
  return c;
}

// The scenario's reference written as an attempt file.
std::string reference_file(const std::string& id) {
  const auto s = archbench::load_scenario(kScenarios + "/" + id + ".json", catalog());
  const auto path = std::filesystem::temp_directory_path() / ("practice_ref_" + id + ".archbench.json");
  archbench::save_project(s.reference, path);
  return path.string();
}

std::vector<std::string> args(std::vector<std::string> a) {
  a.insert(a.end(), {"--catalog", cli_test::kCatalog, "--scenarios", kScenarios});
  return a;
}

}  // namespace

TEST_CASE("practice list prints every shipped scenario", "[cli][practice]") {
  const auto j = run_json(args({"practice", "list", "--format", "json"}));
  REQUIRE(j.is_array());
  CHECK(j.size() >= 8);
  std::set<std::string> ids;
  for (const auto& s : j) ids.insert(s["id"].get<std::string>());
  CHECK(ids.count("url-shortener") == 1);
  CHECK(ids.count("payments") == 1);
  const std::string table = run_ok(args({"practice", "list"}));
  const auto tables = cli_test::tables_in(table, false);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].cell("url-shortener", "difficulty") == std::optional<std::string>("easy"));
}

TEST_CASE("practice show prints one stage without the reference", "[cli][practice]") {
  const auto j = run_json(args({"practice", "show", "url-shortener", "--stage", "2", "--format", "json"}));
  CHECK(j["id"] == "url-shortener");
  REQUIRE(j["stages"].size() == 1);
  CHECK(j["stages"][0]["name"] == "Viral");
  CHECK_FALSE(j.contains("reference"));
  for (const auto& h : j["stages"][0]["hints"]) CHECK_FALSE(h.contains("text"));
  const std::string md = run_ok(args({"practice", "show", "url-shortener"}));
  CHECK_THAT(md, Catch::StartsWith("# Design a URL shortener (url-shortener)"));
  CHECK_THAT(md, Catch::Contains("## Stage 2: Viral"));
  CHECK_THAT(md, Catch::Contains("- latency: redirect p99 <= 150 ms"));
}

TEST_CASE("practice grade prints the engine report card and exits 0 when passed", "[cli][practice]") {
  const std::string file = reference_file("url-shortener");
  const auto j = run_json(args({"practice", "grade", "url-shortener", file, "--format", "json"}));
  const auto s = archbench::load_scenario(kScenarios + "/url-shortener.json", catalog());
  const auto card = archbench::grade(s, archbench::load_project(file, catalog()), catalog());
  CHECK(j == archbench::report_card_to_json(card));
  CHECK(j["passed"] == true);
  CHECK(j["pass_mark"] == 70);
  const auto& check = j["stages"][0]["checks"][0];
  for (const char* key : {"category", "requirement", "passed", "figure", "points", "max_points", "reason"})
    CHECK(check.contains(key));
  std::filesystem::remove(file);
}

TEST_CASE("practice grade exits 4 below the pass mark", "[cli][practice]") {
  // The launch design kept for the viral stage: it saturates there.
  auto s = archbench::load_scenario(kScenarios + "/url-shortener.json", catalog());
  archbench::Project p = s.reference;
  p.versions[1] = p.versions[0];
  p.versions[1].name = "V2";
  const auto path = std::filesystem::temp_directory_path() / "practice_naive.archbench.json";
  archbench::save_project(p, path);
  const auto r = run_cli(args({"practice", "grade", "url-shortener", path.string()}));
  CHECK(r.exited);
  CHECK(r.code == 4);
  CHECK_THAT(r.out, Catch::Contains("NOT PASSED"));
  CHECK_THAT(r.out, Catch::Contains("saturated at this stage's traffic: app is offered"));
  const auto md = run_cli(args({"practice", "grade", "url-shortener", path.string(), "--format", "markdown"}));
  CHECK(md.code == 4);
  CHECK_THAT(md.out, Catch::StartsWith("# Design a URL shortener"));
  std::filesystem::remove(path);
}

TEST_CASE("practice refuses invalid input with exit 1 and the place", "[cli][practice]") {
  const std::string broken = std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/broken_scenarios/bad-percentile.json";
  const auto r = run_cli(args({"practice", "show", broken}));
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains(broken + ": /stages/0/requirements/latency/0/percentile: unknown percentile"));
  const auto missing = run_cli(args({"practice", "grade", "no-such-scenario", cli_test::kBlog}));
  CHECK(missing.code == 1);
  CHECK_THAT(missing.err, Catch::Contains("no scenario with this id"));
  const auto attempt = run_cli(args({"practice", "grade", "url-shortener", "/nonexistent/attempt.archbench.json"}));
  CHECK(attempt.code == 1);
}

TEST_CASE("practice reports bad usage with exit 2", "[cli][practice]") {
  CHECK(run_cli({"practice"}).code == 2);
  CHECK(run_cli({"practice", "juggle"}).code == 2);
  CHECK(run_cli(args({"practice", "grade", "url-shortener"})).code == 2);
  CHECK(run_cli(args({"practice", "show", "url-shortener", "--format", "csv"})).code == 2);
  CHECK(run_cli(args({"practice", "show", "url-shortener", "--stage", "3"})).code == 2);
  const auto help = run_cli({"practice", "--help"});
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("practice grade ID ATTEMPT"));
}

TEST_CASE("practice drills prints questions and with answers the engine's", "[cli][practice]") {
  const std::string file = reference_file("url-shortener");
  const auto q = run_json(args({"practice", "drills", "url-shortener", file, "--stage", "2", "--format", "json"}));
  REQUIRE(q.size() == 3);
  CHECK_FALSE(q[0].contains("answer"));
  const auto a = run_json(args({"practice", "drills", "url-shortener", file, "--stage", "2", "--format", "json", "--answers"}));
  CHECK(a[0]["id"] == "2/saturates-first");
  CHECK(a[0].contains("answer"));
  CHECK(a[0].contains("explanation"));
  std::filesystem::remove(file);
}

TEST_CASE("practice new writes the engine's starting attempt and never overwrites", "[cli][practice]") {
  const auto path = std::filesystem::temp_directory_path() / "practice_new_attempt.archbench.json";
  std::filesystem::remove(path);
  const std::string out = run_ok(args({"practice", "new", "url-shortener", path.string()}));
  CHECK(out.find("design V1 for stage Launch") != std::string::npos);
  const auto s = archbench::load_scenario(kScenarios + "/url-shortener.json", catalog());
  CHECK(archbench::load_project(path, catalog()) == archbench::start_attempt(s));
  // A second run refuses the existing file (exit 1, naming it) and leaves it as it was.
  const auto before = std::filesystem::last_write_time(path);
  const auto again = run_cli(args({"practice", "new", "url-shortener", path.string()}));
  CHECK(again.code == 1);
  CHECK(again.err.find(path.string()) != std::string::npos);
  CHECK(again.err.find("already exists") != std::string::npos);
  CHECK(std::filesystem::last_write_time(path) == before);
  CHECK(run_cli(args({"practice", "new", "url-shortener"})).code == 2);
}

TEST_CASE("practice new and show give a scenario's starting design", "[cli][practice]") {
  // checkout-rescue gives V1 ("it falls over every evening"): practice new writes it, with the
  // first stage's traffic, exactly as start_attempt makes it; practice show lists it.
  const auto path = std::filesystem::temp_directory_path() / "practice_new_rescue.archbench.json";
  std::filesystem::remove(path);
  run_ok(args({"practice", "new", "checkout-rescue", path.string()}));
  const auto s = archbench::load_scenario(kScenarios + "/checkout-rescue.json", catalog());
  REQUIRE(s.start);
  const archbench::Project written = archbench::load_project(path, catalog());
  CHECK(written == archbench::start_attempt(s));
  REQUIRE(written.versions.size() == 1);
  CHECK(written.versions[0].components == s.start->components);
  std::filesystem::remove(path);
  const std::string md = run_ok(args({"practice", "show", "checkout-rescue"}));
  CHECK(md.find("## The design you start from") != std::string::npos);
  CHECK(md.find("| Shop monolith (app) | app_server | db |") != std::string::npos);
  CHECK(run_ok(args({"practice", "show", "url-shortener"})).find("The design you start from") == std::string::npos);
}

// The README's practice pictures are of docs/practice/'s example attempts: they stay valid
// attempts, graded by the CLI as the engine grades them. The finished one passes both stages;
// the one halfway is at stage 2 (stage_reached 1) with V2 in progress.
TEST_CASE("The example attempts in docs/practice are graded as the engine grades them", "[cli][practice]") {
  const auto s = archbench::load_scenario(kScenarios + "/url-shortener.json", catalog());
  const std::string dir = std::string(ARCHBENCH_TEST_SOURCE_DIR) + "/docs/practice/";
  for (const char* name : {"url-shortener-midway", "url-shortener-finished"}) {
    INFO(name);
    const std::string file = dir + name + ".archbench.json";
    const auto attempt = archbench::load_project(file, catalog());
    REQUIRE(attempt.practice);
    CHECK(attempt.practice->scenario == "url-shortener");
    const auto card = archbench::grade(s, attempt, catalog());
    const auto run = run_cli(args({"practice", "grade", "url-shortener", file, "--format", "json"}));
    CHECK(run.code == (card.passed ? 0 : 4));
    CHECK(nlohmann::json::parse(run.out) == archbench::report_card_to_json(card));
  }
  const auto finished = archbench::load_project(dir + "url-shortener-finished.archbench.json", catalog());
  CHECK(finished.practice->stage_reached == 2);
  CHECK(archbench::grade(s, finished, catalog()).passed);
}
