// archbench-cli practice: interview scenarios (list, show), grading an attempt, failure drills.
// Every figure and verdict comes from the engine (archbench/practice.h, archbench/drills.h).
#include <cmath>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "archbench/drills.h"
#include "archbench/error.h"
#include "archbench/format.h"
#include "archbench/practice.h"
#include "archbench/practice_json.h"
#include "archbench/project_io.h"
#include "archbench/scenario.h"
#include "cli_common.h"
#include "cli_table.h"

namespace archbench::cli {

const char* const kPracticeHelp =
    "usage: archbench-cli practice list [--format table|json|markdown]\n"
    "       archbench-cli practice show ID [--stage N] [--format markdown|json]\n"
    "       archbench-cli practice new ID ATTEMPT.archbench.json\n"
    "       archbench-cli practice grade ID ATTEMPT.archbench.json [--format table|json|markdown]\n"
    "       archbench-cli practice drills ID ATTEMPT.archbench.json [--stage N] [--answers]\n"
    "                                     [--format table|json|markdown]\n"
    "       (every form also takes --scenarios DIR and --catalog DIR)\n"
    "\n"
    "Interview practice (docs/PRACTICE.md). A scenario is a question in stages of growing\n"
    "traffic; an attempt is a project whose versions, in order, are the stages.\n"
    "\n"
    "  list            the scenarios: id, title, difficulty, stages, time limit\n"
    "  show ID         the statement, classes, estimates to make and each stage's traffic and\n"
    "                  requirements (--stage N: only stage N, from 1)\n"
    "  new ID FILE     start an attempt: V1 with the users and the scenario's classes at the\n"
    "                  first stage's traffic; an existing FILE is not overwritten\n"
    "  grade ID FILE   the report card: every check with its figure, points and reason\n"
    "  drills ID FILE  failure drills generated from the attempt's design (--answers: with the\n"
    "                  engine's answers and figures)\n"
    "\n"
    "ID is a scenario id from the scenarios folder (default: presets/scenarios beside the\n"
    "catalog, or $ARCHBENCH_SCENARIOS) or a path to a scenario .json file.\n"
    "Exit codes: 0 success (grade: passed), 4 grade: below the pass mark, 1 invalid input,\n"
    "2 bad usage.\n";

namespace {

std::filesystem::path scenarios_dir(const Args& a) {
  if (auto d = a.value("scenarios")) return *d;
  return default_scenarios_dir();
}

std::size_t stage_of(const Args& a, const Scenario& s) {
  const double n = number_option(a, "stage", 1, 1, static_cast<double>(s.stages.size()));
  if (n != static_cast<double>(static_cast<std::size_t>(n))) throw UsageError("--stage needs a whole number");
  return static_cast<std::size_t>(n) - 1;
}

void expect_positional(const Args& a, std::size_t n, const char* what) {
  if (a.positional.size() < n) throw UsageError(std::string("missing ") + what);
  if (a.positional.size() > n) throw UsageError("unexpected argument '" + a.positional[n] + "'");
}

// Scores to a tenth and points as written in the scenario: "87.5", "10", "-5".

std::string traffic_text(const Traffic& t) {
  if (t.per_second) return format_rate(*t.per_second);
  return format_significant(*t.per_day, 4) + "/day × " + format_significant(t.peak_factor.value_or(1), 3) + " peak";
}

int list(const Args& a, std::ostream& out) {
  const Format f = format_of(a);
  const Catalog catalog = catalog_of(a);
  expect_positional(a, 0, "");
  const auto all = load_scenarios(scenarios_dir(a), catalog);
  if (f == Format::Json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& s : all)
      arr.push_back({{"id", s.id}, {"title", s.title}, {"difficulty", s.difficulty}, {"topics", s.topics},
                     {"stages", s.stages.size()}, {"time_limit_min", s.time_limit_min}, {"pass_mark", s.pass_mark}});
    out << arr.dump(2) << "\n";
    return 0;
  }
  Table t{{"id", "title", "difficulty", "stages", "minutes", "topics"}, {false, false, false, true, true, false}, {}};
  for (const auto& s : all) {
    std::string topics;
    for (const auto& x : s.topics) topics += (topics.empty() ? "" : ", ") + x;
    t.rows.push_back({s.id, s.title, s.difficulty, std::to_string(s.stages.size()),
                      plain_number(s.time_limit_min), topics});
  }
  out << (f == Format::Markdown ? t.markdown() : t.text());
  return 0;
}

void show_stage(const Scenario& s, std::size_t i, std::ostream& out) {
  const Stage& st = s.stages[i];
  out << "## Stage " << i + 1 << ": " << st.name << "\n\n";
  if (!st.description.empty()) out << st.description << "\n\n";
  Table t{{"class", "traffic"}, {false, false}, {}};
  for (const auto& c : s.classes)
    if (auto it = st.traffic.find(c.name); it != st.traffic.end()) t.rows.push_back({c.name, traffic_text(it->second)});
  out << t.markdown() << "\n";
  const nlohmann::json req = scenario_to_json(s, i)["stages"][0]["requirements"];
  out << "Requirements:\n\n";
  for (const auto& l : req["latency"]) out << "- latency: " << l["text"].get<std::string>() << "\n";
  for (const auto& av : s.stages[i].requirements.availability)
    out << "- availability: " << av.request_class << " >= " << format_share(av.slo_percent / 100) << "\n";
  if (st.requirements.max_cost_per_month) out << "- cost: at most " << format_usd(*st.requirements.max_cost_per_month) << " a month\n";
  if (st.requirements.headroom)
    out << "- headroom: no saturation below ×" << format_multiplier(*st.requirements.headroom) << " of this traffic\n";
  for (const auto& f : req["faults"]) out << "- resilience: " << f["text"].get<std::string>() << "\n";
  for (const auto& c : st.requirements.read_primary) out << "- consistency: " << c << " reads the primary (no cache, no replica)\n";
  for (const auto& c : st.requirements.durable) out << "- durability: " << c << " crosses a message queue\n";
  out << "\n" << st.hints.size() << " hint(s) available.\n\n";
}

int show(const Args& a, std::ostream& out) {
  const std::string fmt = a.value("format").value_or("markdown");
  if (fmt != "markdown" && fmt != "json") throw UsageError("--format must be markdown or json (got '" + fmt + "')");
  expect_positional(a, 1, "ID");
  const Catalog catalog = catalog_of(a);
  const Scenario s = find_scenario(a.positional[0], scenarios_dir(a), catalog);
  std::optional<std::size_t> stage;
  if (a.value("stage")) stage = stage_of(a, s);
  if (fmt == "json") {
    out << scenario_to_json(s, stage).dump(2) << "\n";
    return 0;
  }
  out << "# " << s.title << " (" << s.id << ")\n\n"
      << "Difficulty: " << s.difficulty << " · time limit " << plain_number(s.time_limit_min)
      << " min · pass mark " << plain_number(s.pass_mark) << "\n\n"
      << s.statement << "\n\n";
  Table c{{"class", "op", "payload", "caller waits"}, {false, false, true, false}, {}};
  for (const auto& k : s.classes)
    c.rows.push_back({k.name, to_string(k.op), format_significant(k.payload_kb, 3) + " KB", k.sync ? "yes" : "no (async)"});
  out << "## Request classes\n\n" << c.markdown() << "\n";
  if (s.start) {
    out << "## The design you start from\n\n";
    Table d{{"component", "kind", "calls"}, {false, false, false}, {}};
    for (const auto& comp : s.start->components) {
      std::string calls;
      for (const auto& l : s.start->links)
        if (l.from == comp.id) calls += (calls.empty() ? "" : ", ") + l.to;
      d.rows.push_back({comp.display_name() + (comp.name.empty() ? "" : " (" + comp.id + ")"), comp.kind, calls});
    }
    out << "`practice new` writes it as V1, at the first stage's traffic.\n\n" << d.markdown() << "\n";
    if (!s.start->notes.empty()) out << s.start->notes << "\n\n";
  }
  if (!s.estimates.empty()) {
    out << "## Estimates to make first\n\n";
    for (const auto& e : s.estimates) out << "- `" << e.id << "`: " << e.question << " (" << e.unit << ")\n";
    out << "\n";
  }
  for (std::size_t i = 0; i < s.stages.size(); ++i)
    if (!stage || *stage == i) show_stage(s, i, out);
  return 0;
}

void print_checks(const std::vector<Check>& checks, bool md, std::ostream& out) {
  Table t{{"check", "requirement", "figure", "points", "reason"}, {false, false, true, true, false}, {}};
  for (const auto& c : checks)
    t.rows.push_back({std::string(c.passed ? "PASS " : "FAIL ") + c.category, c.requirement,
                      check_figure_text(c), check_points_text(c), c.reason});
  out << (md ? t.markdown() : t.text()) << "\n";
}

int grade_cmd(const Args& a, std::ostream& out) {
  const Format f = format_of(a);
  expect_positional(a, 2, "ID and ATTEMPT");
  const Catalog catalog = catalog_of(a);
  const Scenario s = find_scenario(a.positional[0], scenarios_dir(a), catalog);
  const Project attempt = load_project(a.positional[1], catalog);
  const ReportCard card = grade(s, attempt, catalog);
  if (f == Format::Json) {
    out << report_card_to_json(card).dump(2) << "\n";
  } else {
    const bool md = f == Format::Markdown;
    out << (md ? "# " : "") << s.title << " (" << s.id << "): " << score_text(card.score) << "/100, "
        << (card.passed ? "PASSED" : "NOT PASSED") << " (pass mark " << plain_number(card.pass_mark) << ")\n\n";
    for (const auto& st : card.stages) {
      out << (md ? "## " : "") << "Stage " << st.name << " — "
          << (st.missing ? std::string("no version") : "version " + st.version) << ": " << score_text(st.score)
          << "/100 " << (st.passed ? "passed" : "not passed") << (st.saturated ? " (saturated)" : "") << "\n\n";
      print_checks(st.checks, md, out);
    }
    if (!card.estimates.empty()) {
      out << (md ? "## " : "") << "Estimates\n\n";
      print_checks(card.estimates, md, out);
    }
    if (!card.drills.empty()) {
      out << (md ? "## " : "") << "Drills\n\n";
      print_checks(card.drills, md, out);
    }
    for (const auto& n : card.notes) out << "Note: " << n << "\n";
  }
  return card.passed ? 0 : 4;
}

int new_cmd(const Args& a, std::ostream& out) {
  expect_positional(a, 2, "ID and ATTEMPT");
  const auto file = a.positional[1];
  const Catalog catalog = catalog_of(a);
  const Scenario s = find_scenario(a.positional[0], scenarios_dir(a), catalog);
  if (std::filesystem::exists(file))
    throw InputError(file, "", "already exists; practice new does not overwrite a file");
  save_project(start_attempt(s), file);
  out << "Started an attempt at \"" << s.title << "\" in " << file << ": design V1 for stage "
      << s.stages.front().name << ", then grade it with archbench-cli practice grade " << s.id << " " << file
      << "\n";
  return 0;
}

int drills_cmd(const Args& a, std::ostream& out) {
  const Format f = format_of(a);
  expect_positional(a, 2, "ID and ATTEMPT");
  const Catalog catalog = catalog_of(a);
  const Scenario s = find_scenario(a.positional[0], scenarios_dir(a), catalog);
  const Project attempt = load_project(a.positional[1], catalog);
  const std::size_t stage = stage_of(a, s);
  if (stage >= attempt.versions.size())
    throw InputError(a.positional[1], "/versions", "the attempt has no version for stage " + std::to_string(stage + 1));
  const auto drills = generate_drills(s, stage, attempt.versions[stage], catalog);
  const bool answers = a.has("answers");
  if (f == Format::Json) {
    out << drills_to_json(drills, answers).dump(2) << "\n";
    return 0;
  }
  Table t{{"id", "question", "choices"}, {false, false, false}, {}};
  if (answers) t.headers.insert(t.headers.end(), {"answer", "explanation"});
  t.right.resize(t.headers.size(), false);
  for (const auto& d : drills) {
    std::string choices;
    for (const auto& c : d.choices) choices += (choices.empty() ? "" : " | ") + c;
    std::vector<std::string> row{d.id, d.question, choices};
    if (answers) row.insert(row.end(), {d.answer, d.explanation});
    t.rows.push_back(std::move(row));
  }
  out << (f == Format::Markdown ? t.markdown() : t.text());
  return 0;
}

}  // namespace

int cmd_practice(const std::vector<std::string>& argv, std::ostream& out) {
  if (argv.empty()) throw UsageError("missing what to do: list, show, new, grade or drills");
  const std::string what = argv.front();
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  const Args a = parse_args(rest, {"format", "stage", "scenarios", "catalog"}, {"answers"});
  if (what == "list") return list(a, out);
  if (what == "show") return show(a, out);
  if (what == "new") return new_cmd(a, out);
  if (what == "grade") return grade_cmd(a, out);
  if (what == "drills") return drills_cmd(a, out);
  throw UsageError("unknown practice command '" + what + "' (list, show, new, grade or drills)");
}

}  // namespace archbench::cli
