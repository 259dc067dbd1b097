#pragma once
// Grading an interview attempt: a pure function from (scenario, attempt project) to a report
// card. Every figure comes from the engine's own analyses (evaluate, analyse_availability,
// what_if); every check carries the requirement, the figure, the points and a reason naming the
// component. Rules are documented one by one in docs/PRACTICE.md.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"
#include "archbench/scenario.h"
#include "archbench/solver.h"

namespace archbench {

// One graded rule. `category` names the rule ("latency", "availability", "headroom",
// "consistency", "durability", "budget", "cost_efficiency", "resilience", "unused", "overbuilt",
// "trigger", "bottleneck_addressed", "estimate", "hint", "drill"); `group` the scoring group
// ("requirements", "cost", "resilience", "simplicity", "evolution", "estimates", "hints",
// "drills").
struct Check {
  std::string group;
  std::string category;
  std::string requirement;        // "redirect p99 <= 200 ms"
  bool passed = false;
  std::optional<double> figure;   // the measured value (ms, %, $, ×); null when it does not exist
  std::string component;          // the component the reason is about, when there is one
  double points = 0;              // earned; negative for a hint shown
  double max_points = 0;
  std::string reason;
};

struct StageCard {
  std::string name;      // the scenario's stage
  std::string version;   // the attempt's version graded for it; empty when missing
  bool missing = false;  // the attempt has no version for this stage
  bool saturated = false;  // some station saturates at the stage's traffic
  double score = 0;      // 0–100: earned / max points of its checks
  bool passed = false;   // score ≥ pass mark and not saturated
  std::string bottleneck;  // at the stage's traffic
  std::vector<Check> checks;
};

struct ReportCard {
  std::string scenario;
  double score = 0;  // 0–100 over every check (stages, estimates, drills, hint costs)
  double pass_mark = 70;
  bool passed = false;  // score ≥ pass mark and every stage passed
  std::vector<StageCard> stages;
  std::vector<Check> estimates;
  std::vector<Check> drills;
  std::vector<std::string> notes;  // e.g. versions beyond the last stage, another scenario's id
};

// The attempt's version with the stage's traffic: classes named like the scenario's take its
// rates and payload; other classes are left as they are. Classes the version lacks are listed
// in `missing` (not an error: their requirements fail).
Version stage_version(const Scenario& scenario, std::size_t stage, const Version& version,
                      std::vector<std::string>* missing = nullptr);

// A new attempt at `scenario`: one version, V1 — the scenario's starting design if it gives one,
// else a `users` component alone — with the scenario's classes at the first stage's traffic
// (classes the start lacks enter at its users component), and a practice record naming the
// scenario with no stage submitted. The candidate designs from there.
Project start_attempt(const Scenario& scenario);

// The version a candidate starts `stage` (0-based) from: a copy of `previous` named `name`,
// with its notes cleared (the new version states its own trigger), no saved faults or
// experiments, and the scenario's classes at the stage's traffic (classes it lacks are added,
// entering at its first client component). The order of its components is kept.
Version next_stage_version(const Scenario& scenario, std::size_t stage, const Version& previous,
                           const std::string& name);

// Live check: one stage on one version, by the same rules as grade(). `previous` is the version
// graded for the stage before (for the evolution rules); null for the first stage or when
// unknown. The version must validate (InputError otherwise).
StageCard check_stage(const Scenario& scenario, std::size_t stage, const Version& version,
                      const Catalog& catalog, const Version* previous = nullptr);

// The whole attempt: versions in order are the stages; estimates, hints and drill answers come
// from attempt.practice. Deterministic and independent of the order of things in the file.
ReportCard grade(const Scenario& scenario, const Project& attempt, const Catalog& catalog);

// The back-of-the-envelope figures (estimate id → the candidate's figure), one check each in the
// scenario's order: within expected × (1 ± tolerance) earns the estimate's points; a missing one
// fails with the worked calculation. The same checks as a grade's `estimates`.
std::vector<Check> grade_estimates(const Scenario& scenario, const std::map<std::string, double>& given);

// The hint at `index` (0-based) of a stage, its computed part filled from the version (or a
// sentence saying what it needs when the version is missing).
std::string hint_text(const Scenario& scenario, std::size_t stage, std::size_t index,
                      const Version* version, const Catalog& catalog);

// Points a stage loses for the first `taken` hints.
double hint_cost(const Scenario& scenario, std::size_t stage, int taken);

// How a card reads, in the CLI's tables and in the app alike (one rule each): a score to one
// decimal ("87.5"), a check's figure to four significant digits (a whole number without
// decimals) with its category's unit ("86.65 ms", "99.49%", "×2.698"; money in dollars and
// cents, "$211.02", below a dollar to four digits, "$0.06869"), or "—" when it has none, and
// its points as "earned/max" ("10/10", "-2/0" for a hint).
std::string score_text(double score);
std::string check_figure_text(const Check& check);
std::string check_points_text(const Check& check);

}  // namespace archbench
