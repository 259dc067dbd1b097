// archbench-cli check: requirements on a version's figures, for CI (exit 3 when one fails).
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>

#include "archbench/error.h"
#include "archbench/gates.h"
#include "archbench/project_io.h"
#include "archbench/text_file.h"
#include "cli_common.h"
#include "cli_table.h"

namespace archbench::cli {

const char* const kCheckHelp =
    "usage: archbench-cli check FILE [--version NAME] --require REQ [--require REQ ...]\n"
    "                           [--requirements FILE] [--junit FILE.xml]\n"
    "                           [--format table|json|markdown] [--catalog DIR]\n"
    "\n"
    "Checks requirements on a version's figures at its stated load, such as\n"
    "  --require \"read_post.p99 <= 200ms\"   a class's latency: mean, p50, p95 or p99 (ms or s)\n"
    "  --require \"upload.completion.p95 < 2s\"  an asynchronous class's completion\n"
    "  --require \"cost <= 500\"               $ per month (also \"$500\", \"1.5k\")\n"
    "  --require \"cost_per_million <= 2\"     $ per million requests\n"
    "  --require \"availability(read_post) >= 99.9\"  percent; without (CLASS): the lowest class\n"
    "  --require \"headroom >= 2\"             maximum throughput over the stated load (2 or 2x)\n"
    "  --require \"utilization(db) <= 70%\"    a component's busiest server\n"
    "  --require \"no-spof(comment)\"          no single point of failure on the class's path;\n"
    "                                       without (CLASS): on any class's path\n"
    "and prints each requirement with its figure. Comparisons: <=, <, >=, >. The grammar is in\n"
    "docs/GATES.md.\n"
    "\n"
    "  --version NAME      the version to check (default: the last one)\n"
    "  --require REQ       a requirement; give as many as needed\n"
    "  --requirements F    more requirements from file F, one a line ('#' starts a comment)\n"
    "  --junit FILE.xml    also write the results as JUnit XML (a test case each)\n"
    "  --format F          table (default), json or markdown\n"
    "  --catalog DIR       component catalog folder (default: the installed one)\n"
    "\n"
    "Exit codes: 0 every requirement holds; 3 one or more do not; 2 a requirement that does\n"
    "not parse (its place is printed) or names what the version lacks; 1 an invalid file or\n"
    "a --junit file that cannot be written.\n";

namespace {

// Where a requirement came from, for messages: "--require 2" or "reqs.txt:4".
struct Source {
  std::string text;
  std::string place;
};

// Takes every --require VALUE (and --require=VALUE) out of argv.
std::vector<Source> take_requires(std::vector<std::string>& argv) {
  std::vector<Source> out;
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& s = argv[i];
    if (s.rfind("--require=", 0) == 0) {
      out.push_back({s.substr(10), "--require " + std::to_string(out.size() + 1)});
    } else if (s == "--require") {
      if (i + 1 >= argv.size()) throw UsageError("--require needs a requirement, such as \"cost <= 500\"");
      out.push_back({argv[++i], "--require " + std::to_string(out.size() + 1)});
    } else {
      rest.push_back(s);
    }
  }
  argv = std::move(rest);
  return out;
}

std::vector<Source> read_requirements(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "", "cannot read the requirements file");
  std::vector<Source> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back({line, path + ":" + std::to_string(n)});
  }
  return out;
}

const char* compare_text(Gate::Compare c) {
  switch (c) {
    case Gate::Compare::AtMost: return "<=";
    case Gate::Compare::Below: return "<";
    case Gate::Compare::AtLeast: return ">=";
    case Gate::Compare::Above: return ">";
  }
  return "";
}

std::string wanted(const GateResult& r) {
  if (r.gate.figure == Gate::Figure::NoSpof) return "none";
  return std::string(compare_text(r.gate.compare)) + " " + r.bound_text;
}

}  // namespace

int cmd_check(const std::vector<std::string>& argv_in, std::ostream& out) {
  std::vector<std::string> argv = argv_in;
  std::vector<Source> sources = take_requires(argv);
  const Args a = parse_args(argv, {"version", "format", "catalog", "junit", "requirements"}, {});
  const std::string file = file_of(a);
  const Format f = format_of(a);
  if (const auto rf = a.value("requirements")) {
    const auto more = read_requirements(*rf);
    sources.insert(sources.end(), more.begin(), more.end());
  }
  if (sources.empty())
    throw UsageError("give at least one requirement with --require or --requirements");
  std::vector<Gate> gates;
  for (const auto& s : sources) {
    try {
      gates.push_back(parse_gate(s.text));
    } catch (const GateSyntaxError& e) {
      // Column of the trimmed text, shown under the text as written.
      std::size_t lead = s.text.find_first_not_of(" \t");
      if (lead == std::string::npos) lead = 0;
      throw UsageError(s.place + ", column " + std::to_string(e.column() + lead) + ": " + e.what() +
                       "\n  " + s.text + "\n  " + std::string(e.column() + lead - 1, ' ') + "^");
    }
  }
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  const Version& v = version_of(p, a, file);
  GateCheck check;
  try {
    check = check_gates(v, catalog, gates);
  } catch (const InputError& e) {
    // A requirement naming what the version lacks is a usage problem of the command line.
    std::string msg;
    for (const auto& d : e.problems()) {
      std::string place = d.place;
      if (place.rfind("requirement ", 0) == 0) {
        const std::size_t n = std::stoul(place.substr(12));
        place = sources[n - 1].place + " (" + gates[n - 1].text + ")";
      }
      msg += (msg.empty() ? "" : "\n") + place + ": " + d.message;
    }
    throw UsageError(msg + " (version " + v.name + ")");
  }

  if (const auto junit = a.value("junit")) {
    write_text_file(*junit, gates_junit_xml(check, p.name));  // names the file when it fails
  }

  std::size_t failing = 0;
  for (const auto& r : check.results) failing += r.holds ? 0 : 1;
  if (f == Format::Json) {
    nlohmann::json j;
    j["project"] = p.name;
    j["version"] = v.name;
    j["all_hold"] = failing == 0;
    j["requirements"] = nlohmann::json::array();
    for (const auto& r : check.results) {
      nlohmann::json jr;
      jr["requirement"] = r.gate.text;
      jr["holds"] = r.holds;
      jr["figure"] = r.figure ? nlohmann::json(*r.figure) : nlohmann::json();
      jr["shown"] = r.figure_text;
      jr["wanted"] = wanted(r);
      j["requirements"].push_back(std::move(jr));
    }
    out << j.dump(2) << "\n";
  } else {
    Table t;
    t.headers = {"Requirement", "Figure", "Wanted", "Result"};
    t.right = {false, true, false, false};
    for (const auto& r : check.results)
      t.rows.push_back({r.gate.text, r.figure_text, wanted(r), r.holds ? "holds" : "FAILS"});
    const std::string title = (p.name.empty() ? file : p.name) + " " + v.name;
    if (f == Format::Markdown)
      out << "## Requirements: " << title << "\n\n" << t.markdown();
    else
      out << "Requirements: " << title << "\n" << t.text();
    out << "\n"
        << (failing == 0 ? "All " + std::to_string(check.results.size()) + " requirements hold.\n"
                         : std::to_string(failing) + " of " + std::to_string(check.results.size()) +
                               " requirements fail.\n");
  }
  return failing == 0 ? 0 : 3;
}

}  // namespace archbench::cli
