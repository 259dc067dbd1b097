// The README's command examples are run and compared with what they show. Each ```text block
// that starts with "$ archbench-cli ..." holds one or more commands, each followed by its
// output. The command runs from the repository root; lines are compared without trailing
// spaces, and trailing blank lines do not count. A line holding only "…" stands for any number
// of output lines (none included). Every command must exit with code 0.
//
// With ARCHBENCH_UPDATE_README=1 in the environment the test rewrites the README's outputs
// from the real commands instead (scripts/update-readme-examples.sh), keeping each "…" and as
// many lines as were shown around them (see regenerate).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

const fs::path kRoot = fs::path(ARCHBENCH_TEST_SOURCE_DIR);
const std::string kElision = "…";

struct Example {
  std::size_t line = 0;               // the "$ ..." line, counted from 0
  std::vector<std::string> args;      // after "archbench-cli"
  std::vector<std::string> expected;  // the shown output, "…" lines included
};

struct Block {
  std::size_t first = 0, end = 0;  // README lines [first, end) inside the fences
  std::vector<Example> examples;
};

std::string rtrim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::vector<std::string> trimmed_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (const auto& l : lines_of(text)) lines.push_back(rtrim(l));
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string first_word(const std::string& line) {
  std::istringstream in(line);
  std::string w;
  in >> w;
  return w;
}

std::vector<Block> blocks_of(const std::vector<std::string>& readme) {
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < readme.size(); ++i) {
    if (readme[i] != "```text" || i + 1 >= readme.size() ||
        readme[i + 1].rfind("$ archbench-cli ", 0) != 0)
      continue;
    Block b;
    b.first = i + 1;
    std::size_t j = b.first;
    for (; j < readme.size() && readme[j] != "```"; ++j) {
      const std::string line = rtrim(readme[j]);
      if (line.rfind("$ ", 0) == 0) {
        Example e;
        e.line = j;
        std::istringstream words(line.substr(2));
        std::string w;
        words >> w;  // "archbench-cli"
        INFO("README.md:" << j + 1 << ": " << line);
        // Arguments are split at spaces, as a shell does; "double quotes" hold one argument
        // with spaces. Single quotes and backslashes would be taken literally: refused.
        REQUIRE(line.find_first_of("'\\") == std::string::npos);
        REQUIRE(w == "archbench-cli");
        while (words >> std::quoted(w)) e.args.push_back(w);
        b.examples.push_back(std::move(e));
      } else {
        REQUIRE_FALSE(b.examples.empty());
        b.examples.back().expected.push_back(line);
      }
    }
    INFO("README.md:" << i + 1 << ": the block is not closed");
    REQUIRE(j < readme.size());
    b.end = j;
    for (auto& e : b.examples) {
      while (!e.expected.empty() && e.expected.back().empty()) e.expected.pop_back();
    }
    blocks.push_back(std::move(b));
    i = j;
  }
  return blocks;
}

// Whether `actual` matches `expected`, where a "…" line matches any run of lines.
bool matches(const std::vector<std::string>& expected, std::size_t e,
             const std::vector<std::string>& actual, std::size_t a) {
  if (e == expected.size()) return a == actual.size();
  if (expected[e] == kElision) {
    for (std::size_t k = a; k <= actual.size(); ++k) {
      if (matches(expected, e + 1, actual, k)) return true;
    }
    return false;
  }
  return a < actual.size() && expected[e] == actual[a] && matches(expected, e + 1, actual, a + 1);
}

// The shown lines regenerated from `actual`, as many as were shown in each run of lines
// between "…": the first run is the output's first lines (unless a "…" precedes it), the last
// its last lines (unless a "…" follows it), and a run in between is found again where most of
// its lines' first words agree.
std::vector<std::string> regenerate(const std::vector<std::string>& expected,
                                    const std::vector<std::string>& actual) {
  std::vector<std::vector<std::string>> runs(1);
  for (const auto& l : expected) {
    if (l == kElision) runs.emplace_back();
    else runs.back().push_back(l);
  }
  if (runs.size() == 1) return actual;
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    if (r) out.push_back(kElision);
    const auto& run = runs[r];
    if (run.empty()) continue;
    std::size_t start = from, best_score = 0;
    if (r + 1 == runs.size()) {
      start = std::max(from, actual.size() - std::min(actual.size(), run.size()));
      best_score = 1;
    } else if (r == 0) {
      best_score = 1;
    } else {
      // Ties (a table row "db  database …" and a line "db connections: …") go to the place
      // whose lines share the longest beginnings with the shown ones.
      std::size_t best_shared = 0;
      for (std::size_t p = from; p + run.size() <= actual.size(); ++p) {
        std::size_t score = 0, shared = 0;
        for (std::size_t i = 0; i < run.size(); ++i) {
          score += first_word(run[i]) == first_word(actual[p + i]) ? 1 : 0;
          const auto [a, b] = std::mismatch(run[i].begin(), run[i].end(), actual[p + i].begin(), actual[p + i].end());
          shared += static_cast<std::size_t>(a - run[i].begin());
        }
        if (score > best_score || (score == best_score && score > 0 && shared > best_shared))
          start = p, best_score = score, best_shared = shared;
      }
    }
    if (best_score == 0) {  // not found: kept, and the comparison will say what differs
      out.insert(out.end(), run.begin(), run.end());
      continue;
    }
    const std::size_t end = std::min(actual.size(), start + run.size());
    out.insert(out.end(), actual.begin() + static_cast<std::ptrdiff_t>(start),
               actual.begin() + static_cast<std::ptrdiff_t>(end));
    from = end;
  }
  return out;
}

// Runs archbench-cli from the repository root, as the README's reader does.
CliRun run_from_root(const std::vector<std::string>& args) {
  const fs::path here = fs::current_path();
  fs::current_path(kRoot);
  CliRun r = run_cli(args);
  fs::current_path(here);
  return r;
}

}  // namespace

TEST_CASE("README command examples show what the commands print", "[cli][readme]") {
  const fs::path path = kRoot / "README.md";
  std::vector<std::string> readme = lines_of(slurp(path));
  REQUIRE_FALSE(readme.empty());
  const std::vector<Block> blocks = blocks_of(readme);
  // The tour of the CLI and the comparison: losing them would make this test vacuous.
  CHECK(blocks.size() >= 6);

  const char* update = std::getenv("ARCHBENCH_UPDATE_README");
  const bool updating = update && std::string(update) == "1";
  std::vector<std::string> rewritten;
  std::size_t copied = 0;  // README lines already in `rewritten`

  for (const auto& b : blocks) {
    for (std::size_t k = 0; k < b.examples.size(); ++k) {
      const Example& e = b.examples[k];
      const std::string shown = "README.md:" + std::to_string(e.line + 1) + ": " + describe(e.args);
      INFO(shown);
      const CliRun r = run_from_root(e.args);
      INFO("stderr: " << r.err);
      REQUIRE(r.exited);
      CHECK(r.code == 0);
      const std::vector<std::string> actual = trimmed_lines(r.out);
      if (updating) {
        const std::size_t next = k + 1 < b.examples.size() ? b.examples[k + 1].line : b.end;
        rewritten.insert(rewritten.end(), readme.begin() + static_cast<std::ptrdiff_t>(copied),
                         readme.begin() + static_cast<std::ptrdiff_t>(e.line + 1));
        const auto lines = regenerate(e.expected, actual);
        rewritten.insert(rewritten.end(), lines.begin(), lines.end());
        copied = next;
        continue;
      }
      std::string expected_text, actual_text;
      for (const auto& l : e.expected) expected_text += l + "\n";
      for (const auto& l : actual) actual_text += l + "\n";
      INFO("shown in the README:\n" << expected_text << "\nprinted:\n" << actual_text);
      CHECK(matches(e.expected, 0, actual, 0));
    }
  }
  if (updating) {
    rewritten.insert(rewritten.end(), readme.begin() + static_cast<std::ptrdiff_t>(copied),
                     readme.end());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    for (const auto& l : rewritten) out << l << "\n";
    REQUIRE(out.good());
    WARN("rewrote the outputs of " << path.string() << ": check the diff");
  }
}

TEST_CASE("README examples: an elision line matches any run of lines and nothing else",
          "[cli][readme]") {
  const std::vector<std::string> out{"a", "b", "c", "d"};
  CHECK(matches({"a", "b", "c", "d"}, 0, out, 0));
  CHECK(matches({"a", kElision, "d"}, 0, out, 0));
  CHECK(matches({kElision, "c", "d"}, 0, out, 0));
  CHECK(matches({"a", kElision}, 0, out, 0));
  CHECK(matches({"a", "b", kElision, "c", "d"}, 0, out, 0));  // "…" may stand for no line
  CHECK_FALSE(matches({"a", "b", "c"}, 0, out, 0));           // a missing line is a difference
  CHECK_FALSE(matches({"a", kElision, "x"}, 0, out, 0));
  CHECK_FALSE(matches({"b", kElision}, 0, out, 0));  // no "…" before: the output starts there
  // Regenerating keeps the elisions and finds each run again by its lines' first words.
  const std::vector<std::string> now{"title 2", "", "x 1", "y 1", "z", "tail"};
  CHECK(regenerate({kElision, "x 0", "y 0", kElision}, now) ==
        std::vector<std::string>{kElision, "x 1", "y 1", kElision});
  CHECK(regenerate({"title 1", kElision, "z"}, now) ==
        std::vector<std::string>{"title 2", kElision, "tail"});
  CHECK(regenerate({"x", kElision}, now) == std::vector<std::string>{"title 2", kElision});
  CHECK(regenerate({"old"}, now) == now);
  // Two places whose first words agree: the one sharing the longer beginning with the shown line.
  const std::vector<std::string> rows{"head", "db  database 1,300", "x", "db connections: limit 500, 9 in use", "end"};
  CHECK(regenerate({kElision, "db connections: limit 500, 8 in use", kElision}, rows) ==
        std::vector<std::string>{kElision, "db connections: limit 500, 9 in use", kElision});
}
