#pragma once
// What a scenario's report says about each class beyond the fixed point's shares: the steady
// state's own (exact) latency, the scenario's p95 anchored to it, timeout ceilings, and the fate
// of asynchronous work. Private to the engine: what_if and impact_matrix call it.
#include <optional>
#include <vector>

#include "archbench/faults.h"
#include "archbench/solver.h"
#include "analytic/compiled.h"

namespace archbench::detail {

// Per class: the steady report's figures, and the fixed point's own steady figures.
struct ClassAnchor {
  std::optional<double> exact_mean_ms, exact_p95_ms;  // the solver's report (transform inversion)
  std::optional<double> model_p95_ms;                 // the fixed point's steady gamma estimate
};

// The steady report at this load, one anchor per class of `cv`.
std::vector<ClassAnchor> class_anchors(const Report& steady, const ScenarioState& steady_state);

// The steady state takes the report's figures (p95_estimate false); a scenario's p95 is the
// exact steady p95 scaled by the estimate's change, exact when the answered time is unchanged.
void anchor_latency(std::vector<ClassAnchor> const& anchors, ScenarioState& state, bool steady);

// Flags answered times that sit at a timeout ceiling: the class calls an overloaded component
// over a link with a timeout (its callers give up after T) and mean and p95 coincide.
void mark_ceilings(const CompiledVersion& cv, ScenarioState& state);

// Asynchronous classes: their queues' backlogs and what behind them is down or saturated.
void mark_completion(const CompiledVersion& cv, const std::vector<Backlog>& backlogs,
                     ScenarioState& state);

}  // namespace archbench::detail
