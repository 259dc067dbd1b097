// The desktop app's command line, run as a user or a script runs it (offscreen platform): its
// version, and --screenshot runs that fail with a message on stderr and exit code 1 instead of
// a dialog box that nobody can dismiss. cli_runner.h's run_cli runs the program built as
// ARCHBENCH_CLI_PATH, which for these tests is the app (see tests/CMakeLists.txt).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

const std::string kBroken = std::string(ARCHBENCH_TEST_FIXTURES_DIR) + "/broken";

// No display is needed, and a run leaves no settings behind.
void offscreen() {
  ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
  static const fs::path config = fs::temp_directory_path() /
                                 ("archbench_app_test_config_" + std::to_string(::getpid()));
  fs::create_directories(config);
  ::setenv("XDG_CONFIG_HOME", config.c_str(), 1);
}

fs::path screenshot_path() {
  return fs::temp_directory_path() /
         ("archbench_app_test_" + std::to_string(::getpid()) + ".png");
}

}  // namespace

TEST_CASE("archbench --version prints the project version", "[app]") {
  offscreen();
  const CliRun r = run_cli({"--version"});
  REQUIRE(r.exited);
  CHECK(r.code == 0);
  CHECK(r.out == std::string("ArchBench ") + ARCHBENCH_TEST_VERSION + "\n");
}

TEST_CASE("archbench --screenshot of an invalid file says why on stderr and exits 1", "[app]") {
  offscreen();
  const fs::path png = screenshot_path();
  fs::remove(png);
  for (const std::string name : {"cycle.json", "not-json.json", "no-such-file.json"}) {
    const std::string file = kBroken + "/" + name;
    INFO(file);
    const CliRun r = run_cli({file, "--catalog", kCatalog, "--screenshot", png.string()});
    REQUIRE(r.exited);
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("archbench: Could not open the project."));
    CHECK_THAT(r.err, Catch::Contains(name));
    CHECK_FALSE(fs::exists(png));
  }
}

TEST_CASE("archbench --screenshot without a usable catalog says why on stderr and exits 1",
          "[app]") {
  offscreen();
  const fs::path png = screenshot_path();
  const CliRun r =
      run_cli({kBlog, "--catalog", kBroken + "/no-such-folder", "--screenshot", png.string()});
  REQUIRE(r.exited);
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("archbench: Cannot load the component catalog."));
  CHECK_FALSE(fs::exists(png));
}

TEST_CASE("archbench --screenshot of a valid file writes the picture and exits 0", "[app]") {
  offscreen();
  const fs::path png = screenshot_path();
  fs::remove(png);
  const CliRun r = run_cli({kBlog, "--catalog", kCatalog, "--screenshot", png.string()});
  REQUIRE(r.exited);
  CHECK(r.code == 0);
  CHECK(fs::file_size(png) > 1000);
  fs::remove(png);
}

TEST_CASE("archbench --palette takes dark or light and refuses anything else with exit 2", "[app]") {
  offscreen();
  const fs::path png = screenshot_path();
  fs::remove(png);
  const CliRun dark = run_cli({kBlog, "--catalog", kCatalog, "--palette", "dark", "--screenshot", png.string()});
  REQUIRE(dark.exited);
  CHECK(dark.code == 0);
  CHECK(fs::file_size(png) > 1000);
  fs::remove(png);
  const CliRun bad = run_cli({kBlog, "--catalog", kCatalog, "--palette", "purple", "--screenshot", png.string()});
  REQUIRE(bad.exited);
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--palette: expected dark or light, got \"purple\"") != std::string::npos);
  CHECK_FALSE(fs::exists(png));
}
