#pragma once
// Running the real archbench-cli from a test and reading what it prints: exit code, stdout,
// stderr, JSON, and the tables of text and Markdown reports. Shared by the CLI test files.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace cli_test {

inline const std::string kCatalog = ARCHBENCH_TEST_CATALOG_DIR;
inline const std::string kBlog = std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/blog.archbench.json";
inline const std::string kImage =
    std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/image-pipeline.archbench.json";

struct CliRun {
  bool exited = false;  // false: the process was killed by a signal (a crash)
  int code = -1;        // the exit code, or the signal number when !exited
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs archbench-cli with stdout and stderr redirected to temporary files. posix_spawn rather
// than std::system: no shell quoting, and waitpid tells a crash from an exit code exactly.
inline CliRun run_cli(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  static int counter = 0;  // one counter for every file of the executable (inline function)
  const std::string stem =
      "archbench_cli_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  const fs::path out_path = fs::temp_directory_path() / (stem + ".out");
  const fs::path err_path = fs::temp_directory_path() / (stem + ".err");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<std::string> argv_store{ARCHBENCH_CLI_PATH};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int spawned =
      posix_spawn(&pid, ARCHBENCH_CLI_PATH, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(spawned == 0);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);

  CliRun r;
  r.exited = WIFEXITED(status);
  r.code = r.exited ? WEXITSTATUS(status) : (WIFSIGNALED(status) ? WTERMSIG(status) : -1);
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return r;
}

inline std::string describe(const std::vector<std::string>& args) {
  std::string s = "archbench-cli";
  for (const auto& a : args) s += " " + a;
  return s;
}

// Runs a command that must succeed and returns its stdout.
inline std::string run_ok(const std::vector<std::string>& args) {
  const CliRun r = run_cli(args);
  INFO(describe(args) << "\nstderr: " << r.err);
  REQUIRE(r.exited);
  REQUIRE(r.code == 0);
  return r.out;
}

inline nlohmann::json run_json(const std::vector<std::string>& args) {
  const std::string out = run_ok(args);
  INFO(describe(args));
  nlohmann::json j;
  REQUIRE_NOTHROW(j = nlohmann::json::parse(out));
  return j;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

inline std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

// A table as printed: header cells and rows of cells.
struct PrintedTable {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;

  // The cell in the row whose first cell is `key`, under the header `column`.
  std::optional<std::string> cell(const std::string& key, const std::string& column) const {
    const auto col = std::find(headers.begin(), headers.end(), column);
    if (col == headers.end()) return std::nullopt;
    const auto c = static_cast<std::size_t>(col - headers.begin());
    for (const auto& r : rows) {
      if (!r.empty() && r[0] == key && c < r.size()) return r[c];
    }
    return std::nullopt;
  }
};

// Text tables pad cells and separate them by at least two spaces; no cell holds two spaces.
inline std::vector<std::string> text_cells(const std::string& line) {
  std::vector<std::string> cells;
  const std::string s = trim(line);
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t gap = s.find("  ", start);
    cells.push_back(s.substr(start, gap == std::string::npos ? std::string::npos : gap - start));
    if (gap == std::string::npos) break;
    start = s.find_first_not_of(' ', gap);
  }
  return cells;
}

inline std::vector<std::string> markdown_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string s = trim(line);
  if (!s.empty() && s.front() == '|') s.erase(0, 1);
  if (!s.empty() && s.back() == '|') s.pop_back();
  std::istringstream in(s);
  for (std::string c; std::getline(in, c, '|');) cells.push_back(trim(c));
  return cells;
}

// Every table of a text or Markdown report: a header line followed by a rule line.
inline std::vector<PrintedTable> tables_in(const std::string& text, bool markdown) {
  const auto lines = lines_of(text);
  std::vector<PrintedTable> tables;
  auto is_rule = [&](const std::string& l) {
    if (markdown) return l.rfind("| ---", 0) == 0;
    return !l.empty() && l.find_first_not_of("- ") == std::string::npos;
  };
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].empty() || !is_rule(lines[i + 1])) continue;
    if (markdown && lines[i].front() != '|') continue;
    PrintedTable t;
    t.headers = markdown ? markdown_cells(lines[i]) : text_cells(lines[i]);
    std::size_t j = i + 2;
    for (; j < lines.size() && !lines[j].empty() && (!markdown || lines[j].front() == '|'); ++j)
      t.rows.push_back(markdown ? markdown_cells(lines[j]) : text_cells(lines[j]));
    tables.push_back(std::move(t));
    i = j;
  }
  return tables;
}

inline const PrintedTable* table_starting_with(const std::vector<PrintedTable>& tables,
                                               const std::string& first_header) {
  for (const auto& t : tables) {
    if (!t.headers.empty() && t.headers[0] == first_header) return &t;
  }
  return nullptr;
}

}  // namespace cli_test
