// archbench-cli's usage details: --version, each command's --help, how several versions are
// separated, and validate's report per version.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;
using nlohmann::json;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("archbench-cli --version prints the project version and the catalog it reads", "[cli][usage]") {
  const std::string out = run_ok({"--version"});
  // Run from the build tree, the program reads its source tree's catalog unless
  // $ARCHBENCH_CATALOG names another (the installed copy's is checked by install_tree_runs).
  const char* env = std::getenv("ARCHBENCH_CATALOG");
  const std::string catalog = env && *env ? env : ARCHBENCH_TEST_CATALOG_DIR;
  CHECK(out == std::string("archbench-cli ") + ARCHBENCH_TEST_VERSION + "\ncatalog: " + catalog + "\n");
  CHECK(std::regex_search(out, std::regex("^archbench-cli [0-9]+\\.[0-9]+\\.[0-9]+\n")));
  CHECK_THAT(run_ok({"--help"}), Catch::Contains("--version"));
}

TEST_CASE("archbench-cli sweep --help describes every option sweep takes", "[cli][usage]") {
  const std::string help = run_ok({"sweep", "--help"});
  for (const std::string option : {"--version", "--versions", "--points", "--format", "--catalog"}) {
    INFO(option);
    // Described on a line of its own, not only named in the synopsis.
    CHECK(std::regex_search(help, std::regex("\n  " + option + " [A-Z,]+ +[a-z]")));
  }
}

TEST_CASE("archbench-cli evaluate --all separates versions by a blank line", "[cli][usage]") {
  for (const std::string format : {"table", "markdown"}) {
    INFO(format);
    const std::string out =
        run_ok({"evaluate", kBlog, "--all", "--format", format, "--catalog", kCatalog});
    const std::string title = format == "markdown" ? "## Blog platform — " : "Blog platform — ";
    CHECK(out.rfind(title + "V1 at load", 0) == 0);
    CHECK(count(out, title) == 3);
    CHECK(count(out, "\n\n" + title + "V2 at load") == 1);
    CHECK(count(out, "\n\n" + title + "V3 at load") == 1);
  }
}

TEST_CASE("archbench-cli validate says each version is OK", "[cli][usage][validate]") {
  const CliRun r = run_cli({"validate", kBlog, "--catalog", kCatalog});
  REQUIRE(r.exited);
  CHECK(r.code == 0);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].rfind(kBlog + ": valid", 0) == 0);
  const json project = json::parse(slurp(kBlog));
  for (std::size_t i = 0; i < 3; ++i) {
    const json& v = project.at("versions").at(i);
    const std::string expected = "  " + v.at("name").get<std::string>() + ": OK — " +
                                 std::to_string(v.at("components").size()) + " components, " +
                                 std::to_string(v.at("links").size()) + " links, " +
                                 std::to_string(v.at("workload").size()) + " request classes";
    CHECK(lines[i + 1] == expected);
  }
}

TEST_CASE("archbench-cli validate lists each version's problems under its name",
          "[cli][usage][validate]") {
  json project = json::parse(slurp(kBlog));
  // V2's first link leads nowhere and V3 has a negative rate: V1 stays valid.
  project.at("versions").at(1).at("links").at(0).at("to") = "nowhere";
  project.at("versions").at(2).at("workload").at(0)["per_second"] = -1;
  project.at("versions").at(2).at("workload").at(0).erase("per_day");
  const fs::path path = fs::temp_directory_path() /
                        ("archbench_cli_usage_" + std::to_string(::getpid()) + ".archbench.json");
  std::ofstream(path) << project.dump(2);
  const CliRun r = run_cli({"validate", path.string(), "--catalog", kCatalog});
  fs::remove(path);
  REQUIRE(r.exited);
  CHECK(r.code == 1);
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() >= 6);
  CHECK(lines[0].rfind(path.string() + ": invalid — ", 0) == 0);
  CHECK(lines[1] == "  V1: OK");
  CHECK(lines[2] == "  V2: 1 problem");
  CHECK(lines[3].rfind("    /versions/1/links/0/to: ", 0) == 0);
  CHECK(lines[4].rfind("  V3: ", 0) == 0);
  CHECK(lines[4] != "  V3: OK");
  CHECK(lines[5].rfind("    /versions/2/workload/0", 0) == 0);
  // stderr still has every problem, each with the file and its place.
  CHECK_THAT(r.err, Catch::Contains(path.string() + ": /versions/1/links/0/to: "));
  CHECK_THAT(r.err, Catch::Contains(path.string() + ": /versions/2/workload/0"));
}
