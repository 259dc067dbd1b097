// archbench-cli export and import: a preset version out as Mermaid or DOT and back in as the
// same version; a hand-drawn diagram in with its guesses printed; bad usage and bad text.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "cli_runner.h"

namespace {

using namespace cli_test;
namespace fs = std::filesystem;

const std::string kDiagrams = std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/diagrams/";

fs::path temp(const std::string& name) { return fs::temp_directory_path() / ("archbench_cli_diagram_" + name); }

}  // namespace

TEST_CASE("archbench-cli export then import gives the version back", "[cli][diagram]") {
  for (const char* to : {"mermaid", "architecture-beta", "dot"}) {
    INFO(to);
    const fs::path diagram = temp(std::string("v2.") + to);
    const fs::path project = temp(std::string("v2-") + to + ".archbench.json");
    fs::remove(project);
    run_ok({"export", kImage, "--catalog", kCatalog, "--version", "V2", "--to", to, "-o", diagram.string()});
    const std::string said = run_ok({"import", diagram.string(), "--catalog", kCatalog, "-o", project.string()});
    CHECK_THAT(said, Catch::Contains("the version is as exported"));
    // The imported version evaluates to the same figures as the original.
    const auto before = run_json({"evaluate", kImage, "--catalog", kCatalog, "--version", "V2", "--format", "json"});
    const auto after = run_json({"evaluate", project.string(), "--catalog", kCatalog, "--format", "json"});
    CHECK(after["classes"] == before["classes"]);
    CHECK(after["totals"] == before["totals"]);
    fs::remove(diagram);
    fs::remove(project);
  }
}

TEST_CASE("archbench-cli import prints every guess for a hand-drawn diagram", "[cli][diagram]") {
  const fs::path project = temp("shop.archbench.json");
  fs::remove(project);
  const std::string out = run_ok({"import", kDiagrams + "hand-drawn-shop.mmd", "--catalog", kCatalog,
                                  "-o", project.string()});
  CHECK_THAT(out, Catch::Contains("(mermaid): 12 components, 12 links; wrote"));
  CHECK_THAT(out, Catch::Contains("  - node lb (nginx): load_balancer, from \"nginx\"\n"));
  CHECK_THAT(out, Catch::Contains("  - node billing (Billing): no known word; an app server\n"));
  // The project it wrote opens and evaluates.
  run_ok({"evaluate", project.string(), "--catalog", kCatalog});
  // It is not overwritten without --force.
  const CliRun again = run_cli({"import", kDiagrams + "hand-drawn-shop.mmd", "--catalog", kCatalog,
                                "-o", project.string()});
  CHECK(again.code == 2);
  CHECK_THAT(again.err, Catch::Contains("exists: give --force to replace it"));
  run_ok({"import", kDiagrams + "hand-drawn-shop.mmd", "--catalog", kCatalog, "-o", project.string(), "--force"});
  fs::remove(project);
}

TEST_CASE("archbench-cli export and import refuse bad usage and bad text", "[cli][diagram]") {
  const CliRun no_to = run_cli({"export", kBlog, "--catalog", kCatalog});
  CHECK(no_to.code == 2);
  CHECK_THAT(no_to.err, Catch::Contains("--to is needed"));
  const CliRun bad_to = run_cli({"export", kBlog, "--catalog", kCatalog, "--to", "svg"});
  CHECK(bad_to.code == 2);
  CHECK_THAT(bad_to.err, Catch::Contains("--to must be mermaid, architecture-beta or dot (got 'svg')"));
  const CliRun no_o = run_cli({"import", kDiagrams + "hand-drawn-feed.dot", "--catalog", kCatalog});
  CHECK(no_o.code == 2);
  const fs::path bad = temp("bad.mmd");
  {
    std::ofstream f(bad);
    f << "flowchart LR\n  A --> B\n  B <--> C\n";
  }
  const fs::path project = temp("bad.archbench.json");
  fs::remove(project);
  const CliRun r = run_cli({"import", bad.string(), "--catalog", kCatalog, "-o", project.string()});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains(bad.string() + ": 3:5: an arrow that points left or both ways"));
  CHECK_FALSE(fs::exists(project));  // nothing written
  fs::remove(bad);
}
