#pragma once
// The grading rules, one function per group, over a stage already evaluated by the engine.
// Private to the engine; grade.cpp orchestrates them and docs/PRACTICE.md documents them.
#include <optional>
#include <string>
#include <vector>

#include "archbench/practice.h"

namespace archbench::detail {

// Points of each rule (docs/PRACTICE.md, "Points").
inline constexpr double kServedPoints = 5;
inline constexpr double kLatencyPoints = 10;
inline constexpr double kAvailabilityPoints = 5;
inline constexpr double kHeadroomPoints = 10;
inline constexpr double kConsistencyPoints = 5;
inline constexpr double kDurabilityPoints = 5;
inline constexpr double kBudgetPoints = 10;
inline constexpr double kEfficiencyPoints = 5;
inline constexpr double kResiliencePoints = 10;
inline constexpr double kUnusedPoints = 5;
inline constexpr double kOverbuiltPoints = 5;
inline constexpr double kTriggerPoints = 5;
inline constexpr double kAddressedPoints = 5;
inline constexpr double kDrillPoints = 5;
// Cost per million requests may reach this multiple of the reference's before it costs points.
inline constexpr double kEfficiencyFactor = 1.5;
// A monthly cost above this multiple of the reference's is over-built for the stage's traffic.
inline constexpr double kOverbuiltFactor = 2.0;
// A change "relieves" the bottleneck when, at the same traffic, the maximum throughput multiplier
// grows at least this much.
inline constexpr double kRelievedFactor = 1.1;

// A class named like a scenario class takes the stage's rates and the scenario's payload.
void apply_traffic(RequestClass& r, const Traffic& t, const ScenarioClass& sc);

// Everything the rules read about one stage. Reports are the engine's.
struct StageContext {
  const Scenario& scenario;
  std::size_t stage = 0;
  const Catalog& catalog;
  Version version;                      // the attempt's, with the stage's traffic
  std::vector<std::string> missing;     // scenario classes the version lacks
  Report report;                        // evaluate(version) at the stage's traffic
  std::optional<Report> reference;      // the reference version at the same traffic
  const Version* previous = nullptr;    // the attempt's version for the stage before
  std::optional<Report> previous_report;  // that version at this stage's traffic

  const Stage& st() const { return scenario.stages[stage]; }
  bool has_class(const std::string& name) const;
};

void requirement_checks(const StageContext& c, std::vector<Check>& out);
void cost_checks(const StageContext& c, std::vector<Check>& out);
void resilience_checks(const StageContext& c, std::vector<Check>& out);
void simplicity_checks(const StageContext& c, std::vector<Check>& out);
void evolution_checks(const StageContext& c, std::vector<Check>& out);

// The same checks, all failed with `reason`, for a stage the attempt has no version for: the
// stage keeps its full weight in the overall score.
std::vector<Check> missing_stage_checks(const Scenario& scenario, std::size_t stage,
                                        const std::string& reason);

// The saturated component with the highest offered utilization (ties: smallest id), or "".
std::string most_saturated(const Report& r, double* offered = nullptr);
// The component with the highest monthly cost (ties: smallest id).
std::string most_expensive(const Report& r);
// Why the design answers no request of class `name` (its entry calls no component for it), or
// nullopt when some component serves it.
std::optional<std::string> unserved_reason(const StageContext& c, const std::string& name);
// Text of a requirement as the report card shows it.
std::string latency_text(const LatencyRequirement& l);
std::string fault_text(const FaultRequirement& f);

}  // namespace archbench::detail
