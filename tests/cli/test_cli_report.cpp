// archbench-cli report: the Markdown variant holds the CLI's own tables (one formatting rule),
// its pictures are written beside it, and bad usage is refused. The HTML variant is parsed by
// a real HTML parser in the ctest report_html_parses (tests/mermaid/report.sh).
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "cli_runner.h"

namespace {

using namespace cli_test;
namespace fs = std::filesystem;

// "## " headings one level down, as the report puts the commands' output under its sections.
std::string demoted(const std::string& md) {
  std::string out;
  std::size_t pos = 0;
  while (pos < md.size()) {
    std::size_t nl = md.find('\n', pos);
    if (nl == std::string::npos) nl = md.size();
    const std::string line = md.substr(pos, nl - pos);
    out += (line.rfind('#', 0) == 0 ? "#" + line : line) + "\n";
    pos = nl + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("archbench-cli report Markdown holds the commands' own tables and its pictures",
          "[cli][report]") {
  const fs::path dir = fs::temp_directory_path() / "archbench_cli_report_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path md = dir / "image.md";
  const std::string said = run_ok({"report", kImage, "--catalog", kCatalog, "-o", md.string()});
  CHECK_THAT(said, Catch::Contains("pictures in"));
  const std::string text = slurp(md);
  CHECK(text.rfind("# Image pipeline — design report\n", 0) == 0);
  // The same strings as the commands print.
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"compare", kImage, "--catalog", kCatalog, "--format", "markdown"},
        {"evaluate", kImage, "--catalog", kCatalog, "--version", "V2", "--format", "markdown"},
        {"availability", kImage, "--catalog", kCatalog, "--version", "V3", "--format", "markdown"},
        {"impact", kImage, "--catalog", kCatalog, "--version", "V1", "--format", "markdown"},
        {"diff", kImage, "V1", "V2", "--catalog", kCatalog, "--format", "markdown"}}) {
    INFO(describe(cmd));
    CHECK_THAT(text, Catch::Contains(demoted(run_ok(cmd))));
  }
  // Pictures: a diagram and a utilization chart per version, the cost chart, a latency chart per class.
  for (const char* f : {"diagram-v1.svg", "diagram-v3.svg", "utilization-v2.svg", "cost.svg",
                        "latency-upload.svg", "latency-view.svg"}) {
    INFO(f);
    CHECK(fs::exists(dir / "image-images" / f));
    CHECK_THAT(text, Catch::Contains(std::string("(image-images/") + f + ")"));
  }
  CHECK(slurp(dir / "image-images" / "diagram-v1.svg").rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  fs::remove_all(dir);
}

TEST_CASE("archbench-cli report refuses bad usage", "[cli][report]") {
  const CliRun none = run_cli({"report", kBlog, "--catalog", kCatalog});
  CHECK(none.code == 2);
  CHECK_THAT(none.err, Catch::Contains("-o REPORT.html or -o REPORT.md is needed"));
  const CliRun pdf = run_cli({"report", kBlog, "--catalog", kCatalog, "-o", "x.pdf"});
  CHECK(pdf.code == 2);
  CHECK_THAT(pdf.err, Catch::Contains("not 'x.pdf'"));
  const CliRun nowhere = run_cli({"report", kBlog, "--catalog", kCatalog, "-o", "/nonexistent/dir/r.html"});
  CHECK(nowhere.code == 1);
  CHECK_THAT(nowhere.err, Catch::Contains("/nonexistent/dir/r.html: cannot write"));
}
