// Per-class figures of a scenario beyond the fixed point's shares (see scenario_figures.h and
// docs/FAILURE.md, "Latency under a fault" and "Affected classes").
#include "failure/scenario_figures.h"

#include <algorithm>
#include <cmath>

namespace archbench::detail {

std::vector<ClassAnchor> class_anchors(const Report& steady, const ScenarioState& steady_state) {
  std::vector<ClassAnchor> out;
  for (const auto& c : steady_state.classes) {
    ClassAnchor a;
    a.model_p95_ms = c.answered_p95_ms;
    if (const ClassResult* r = steady.request_class(c.name); r && r->latency) {
      a.exact_mean_ms = r->latency->mean;
      a.exact_p95_ms = r->latency->p95;
    }
    out.push_back(a);
  }
  return out;
}

void anchor_latency(const std::vector<ClassAnchor>& anchors, ScenarioState& state, bool steady) {
  for (std::size_t k = 0; k < state.classes.size() && k < anchors.size(); ++k) {
    ClassOutcome& c = state.classes[k];
    const ClassAnchor& a = anchors[k];
    if (!a.exact_p95_ms || !a.model_p95_ms || *a.model_p95_ms <= 0 || !c.answered_p95_ms) continue;
    if (c.ceiling_timeout_ms) continue;  // one value, not a distribution: nothing to anchor
    if (steady) {
      // The steady column shows what the steady report shows (the mean is exact in both).
      c.answered_mean_ms = a.exact_mean_ms;
      c.answered_p95_ms = a.exact_p95_ms;
      c.p95_estimate = false;
      continue;
    }
    // p95 under the fault ≈ exact steady p95 × (estimate under the fault / estimate steady):
    // the estimate's change applied to the exact figure, so an unchanged class shows its exact
    // steady p95 and a changed one moves by the estimated ratio.
    const double ratio = *c.answered_p95_ms / *a.model_p95_ms;
    c.p95_estimate = std::fabs(ratio - 1) > 1e-9;
    double p95 = *a.exact_p95_ms * ratio;
    if (c.answered_mean_ms) p95 = std::max(p95, *c.answered_mean_ms);
    c.answered_p95_ms = p95;
  }
}

namespace {

bool takes(const CompiledVersion& cv, std::size_t k, std::size_t i, const CLink& l) {
  return cv.visits[k][i] > 0 && cv.visits[k][static_cast<std::size_t>(l.to)] > 0 && l.calls[k] > 0;
}

}  // namespace

void mark_ceilings(const CompiledVersion& cv, ScenarioState& state) {
  for (std::size_t k = 0; k < state.classes.size(); ++k) {
    ClassOutcome& c = state.classes[k];
    c.ceiling_timeout_ms.reset();
    if (!c.answered_mean_ms || !c.answered_p95_ms) continue;
    // Mean and p95 within 1% of each other: the answered time is (nearly) one value.
    if (*c.answered_p95_ms - *c.answered_mean_ms > 0.01 * *c.answered_mean_ms) continue;
    double timeout = 0;
    for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
      for (const CLink& l : cv.nodes[i].out) {
        const auto& callee = state.components[static_cast<std::size_t>(l.to)];
        if (l.policy.timeout_ms > 0 && callee.saturated && takes(cv, k, i, l))
          timeout = std::max(timeout, l.policy.timeout_ms);
      }
    }
    if (timeout > 0 && *c.answered_mean_ms >= timeout) {
      c.ceiling_timeout_ms = timeout;
      c.answered_p95_ms = c.answered_mean_ms;  // one value: the ceiling
      c.p95_estimate = false;
    }
  }
}

void mark_completion(const CompiledVersion& cv, const std::vector<Backlog>& backlogs,
                     ScenarioState& state) {
  for (std::size_t k = 0; k < state.classes.size(); ++k) {
    ClassOutcome& c = state.classes[k];
    // Reach of the class behind each queue it passes, callers first.
    std::vector<char> behind(cv.nodes.size(), 0);
    for (int ii : cv.callers_first) {
      const std::size_t i = static_cast<std::size_t>(ii);
      if (cv.visits[k][i] <= 0) continue;
      const CNode& n = cv.nodes[i];
      if (n.behaviour == Behaviour::Queue) {
        c.async = true;
        for (const auto& b : backlogs) {
          if (b.queue != n.id) continue;
          c.completion_backlog_messages += b.backlog_messages;
          c.completion_delay_s = std::max(c.completion_delay_s, b.oldest_message_age_s);
        }
      }
      for (const CLink& l : n.out) {
        if ((n.behaviour == Behaviour::Queue || behind[i]) && takes(cv, k, i, l))
          behind[static_cast<std::size_t>(l.to)] = 1;
      }
    }
    for (int i : cv.callers_first) {
      const auto& o = state.components[static_cast<std::size_t>(i)];
      if (behind[static_cast<std::size_t>(i)] && (o.down || o.saturated)) {
        c.completion_blocked_by = o.id;
        break;
      }
    }
  }
}

}  // namespace archbench::detail
