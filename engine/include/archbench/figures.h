#pragma once
// Figures that more than one view shows (the CLI's tables, the app's panels, tables and
// windows): each is decided by one function here and formatted by one, so every view prints
// the same string for the same fact.
#include <optional>
#include <string>
#include <vector>

#include "archbench/faults.h"
#include "archbench/solver.h"

namespace archbench {

// --- The change of a figure from one version to the next -------------------------------------

enum class Direction { Lower, Higher, Neither };  // which way the figure gets better

// Below this relative change a figure reads "=" (it rounds to 0.0%).
constexpr double kChangeEqual = 0.0005;
// From this relative change on, a change is better or worse; below it, no one should act on it.
constexpr double kChangeNoticeable = 0.01;

struct FigureChange {
  std::optional<double> relative;  // (after − before) / |before|; empty: nothing to compare
  std::string text;                // "=", "▲ 167%", "▼ 0.76%"; empty when `relative` is
  int sense = 0;                   // +1 better, −1 worse, 0 neither
};

// "167%" (10% and more: whole percent), "1.4%", "0.76%" (below: 2 significant digits).
std::string format_change_percent(double relative);
FigureChange figure_change(const std::optional<double>& before, const std::optional<double>& after,
                           Direction better);
// The CLI's cell suffix: " (▲ 167% worse)", " (▼ 0.76%)", " (=)", or "" with nothing to compare.
std::string change_suffix(const FigureChange& change);

// --- Cascade of a what-if scenario -----------------------------------------------------------

struct CascadeStep {
  std::string id;
  std::string state;  // "down", "hangs", "saturated" or "" (a faulted component still working)
};
// The report's cascade, first cause first, each with its state.
std::vector<CascadeStep> cascade_steps(const WhatIfReport& r);
// "workers (down) → api (saturated)", or kNoCascade.
std::string cascade_text(const WhatIfReport& r);
extern const char* const kNoCascade;  // "none: no component fails or saturates"

// --- Latency of answered requests in a scenario ----------------------------------------------

enum class AnsweredFigure { Mean, P95 };
// "124" (exact), "≈382" (an estimate), "timed out (3 s + 60 ms)" (at a timeout ceiling),
// "saturated" (answered, but the wait is unbounded), "—" (nothing answered).
std::string answered_latency_text(const ClassOutcome& c, AnsweredFigure figure);
// The same rule for an impact-matrix cell's p95.
std::string impact_p95_text(const ImpactCell& c);
// "timed out (3 s + 60 ms)": the timeout, and what the rest of the path adds to it.
std::string format_timeout_ceiling(double timeout_ms, double total_ms);

// An asynchronous class's queued work in a scenario: "on time", "435 queued, oldest 62.6 s;
// workers saturated", "workers down"; "—" for a class that queues nothing.
std::string completion_text(const ClassOutcome& c, const ScenarioState& state);

// --- Availability and cost that depend on the load being carried -----------------------------

// "$4.08"; "not meaningful (saturated)" when the offered load cannot be carried (the reason is
// Totals::cost_per_million_note); "not computed (classes left out)" for an unfinished version
// (archbench/partial.h); "— (no traffic)".
std::string cost_per_million_text(const Totals& t);

}  // namespace archbench
