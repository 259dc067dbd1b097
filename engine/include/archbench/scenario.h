#pragma once
// Interview scenarios (presets/scenarios/ID.json, schema in docs/PRACTICE.md): a question split
// into stages of growing traffic, each with requirements the engine can check, hints, and a
// reference solution (a project, one version per stage).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archbench/model.h"

namespace archbench {

class Catalog;

inline constexpr const char* kScenarioFormat = "archbench-scenario";
inline constexpr int kScenarioFormatVersion = 1;

// A back-of-the-envelope figure the candidate states before designing.
struct Estimate {
  std::string id;        // key in the attempt's practice.estimates
  std::string question;  // "Peak redirects per second?"
  std::string unit;      // "req/s", "GB/year", "MB/s"
  double expected = 0;
  double tolerance_percent = 25;  // accepted within expected × (1 ± tolerance)
  double points = 5;
  std::string how;  // the worked calculation, shown after grading
};

// A request class the scenario asks about; the attempt declares classes of the same names.
struct ScenarioClass {
  std::string name;
  Op op = Op::Read;
  double payload_kb = 0;
  bool sync = true;
  std::string description;
};

// One class's traffic at a stage: per_second, or per_day with a peak factor (as in a project).
struct Traffic {
  std::optional<double> per_second;
  std::optional<double> per_day;
  std::optional<double> peak_factor;
};

enum class Percentile { Mean, P50, P95, P99 };
const char* to_string(Percentile p);

struct LatencyRequirement {
  std::string request_class;
  Percentile percentile = Percentile::P99;
  double max_ms = 0;
  bool completion = false;  // an async class: the time until its queued work is done, not the ack
};

struct AvailabilityRequirement {
  std::string request_class;
  double slo_percent = 99.9;
};

// Which failures a stage must survive. Components are the attempt's, found by kind or role.
enum class SurviveKind {
  LoseAnyInstance,  // each component of `kinds` in turn loses one instance (one node)
  AnyZone,          // each zone the attempt places components in, in turn
  CacheFlush,       // each cache or CDN in turn, flushed cold
  SlowKind,         // each component of `kinds` in turn, service × factor
  Spike,            // every class × factor
};
const char* to_string(SurviveKind k);

struct FaultRequirement {
  SurviveKind kind = SurviveKind::LoseAnyInstance;
  std::vector<std::string> kinds;    // component kinds concerned (LoseAnyInstance, SlowKind)
  double factor = 3;                 // SlowKind, Spike
  std::vector<std::string> classes;  // the classes that must keep being answered
  double min_percent = 99;           // answered (success + degraded) share, percent
};

// What a stage asks of the design. Absent optional parts are not checked.
struct StageRequirements {
  std::vector<LatencyRequirement> latency;
  std::vector<AvailabilityRequirement> availability;
  std::optional<double> max_cost_per_month;
  std::optional<double> headroom;  // no station saturates below × this of the stage's traffic
  std::vector<FaultRequirement> faults;
  std::vector<std::string> read_primary;  // classes that must read the primary (no cache, no replica)
  std::vector<std::string> durable;       // async classes that must cross a message queue
};

// A hint: fixed text, or computed from the attempt ("bottleneck", "failing", "cost").
struct Hint {
  std::string text;
  std::string computed;
  double cost = 2;  // points taken off the stage when it is shown
};

struct Stage {
  std::string name;
  std::string description;  // Markdown: what changed (growth, a new feature, a budget)
  std::map<std::string, Traffic> traffic;  // per scenario class
  StageRequirements requirements;
  std::vector<Hint> hints;
};

struct Scenario {
  std::string id;
  std::string title;
  std::string difficulty;  // "easy", "medium" or "hard"
  std::vector<std::string> topics;
  double time_limit_min = 45;
  std::string statement;  // Markdown
  double pass_mark = 70;  // 0–100
  std::vector<Estimate> estimates;
  std::vector<ScenarioClass> classes;
  std::vector<Stage> stages;
  // A given starting design ("here is V1; it is falling over"): the attempt's V1 is this version
  // at the first stage's traffic. Absent: the attempt starts from a users component only.
  std::optional<Version> start;
  Project reference;  // one version per stage; notes say the trade-offs
  std::string reference_notes;

  const ScenarioClass* request_class(const std::string& name) const;
};

// Parses and validates a scenario against the catalog (requirements name its classes and kinds;
// the reference is a valid project with one version per stage). Throws InputError naming
// `file` and the JSON pointer (or line:column) of every problem.
Scenario parse_scenario(const std::string& text, const std::string& file, const Catalog& catalog);
Scenario load_scenario(const std::filesystem::path& path, const Catalog& catalog);

// Where scenarios live: $ARCHBENCH_SCENARIOS, else presets/scenarios beside the catalog folder
// (the source tree's and the installed layout agree on that).
std::filesystem::path default_scenarios_dir();
// Every *.json in `dir`, sorted by id; throws InputError on the first bad file.
std::vector<Scenario> load_scenarios(const std::filesystem::path& dir, const Catalog& catalog);
// A scenario by id from `dir`, or from a path when `id_or_path` ends in ".json".
Scenario find_scenario(const std::string& id_or_path, const std::filesystem::path& dir,
                       const Catalog& catalog);

}  // namespace archbench
