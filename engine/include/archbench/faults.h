#pragma once
// Failure analysis: a scenario of faults evaluated by the queueing model with the links'
// resilience policies (timeouts, retries, circuit breakers, bulkheads), solved to a consistent
// state by a damped fixed-point iteration, and reported against the steady state.
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/model.h"
#include "archbench/scaling.h"

namespace archbench {

struct ResilienceOptions {
  double load = 1.0;          // multiplier on every class's rate (before a spike)
  double tolerance = 1e-9;    // largest change of any flow, probability or fraction between sweeps
  int max_iterations = 2000;
  double damping = 0.5;       // weight of the new value in each update
  // Anchor the answered p95 to the steady report's exact percentile (one full evaluation with
  // percentile inversion per what-if). Off, a p95 is the fixed point's own estimate, unanchored:
  // for callers that read only shares (success, degraded, failed), such as grading.
  bool anchor_percentiles = true;
};

// "crash db", "slow db ×3", "cut app→cache", "zone eu-west-1a", "spike ×3".
std::string describe(const Fault& f);
// The same with the components' display names, for people ("crash PostgreSQL"); an id the
// version does not have stays as it is.
std::string describe(const Fault& f, const Version& v);

struct ClassOutcome {
  std::string name;
  double rate_per_s = 0;        // offered, at this load (after a spike)
  double success = 1;           // fractions of requests, summing to 1
  double degraded = 0;          // answered by a fallback
  double failed = 0;            // errors, timeouts, and requests that never return
  double hung = 0;              // part of `failed`: waits without bound (no timeout on the path)
  double stale_reads = 0;       // AP partition: reads answered from the cut-off side
  // Latency of the answered (success + degraded) requests and of the failed ones, ms; null when
  // there are none or when their wait is unbounded. p95 from a two-moment (gamma) fit.
  std::optional<double> answered_mean_ms, answered_p95_ms;
  std::optional<double> failed_mean_ms;
  std::string reason;           // what makes it fail, when it does
  // false: answered_mean_ms and answered_p95_ms are the steady report's own (exact) figures;
  // true: the p95 is an estimate (see scenario_p95 in figures.h) and is shown marked "≈".
  bool p95_estimate = true;
  // Set when the answered time sits at a timeout ceiling: callers give up after this timeout on
  // an overloaded callee, and the mean and p95 are the timeout plus the rest of the path, not a
  // distribution. Shown as "timed out (3 s + 60 ms)".
  std::optional<double> ceiling_timeout_ms;
  // Asynchronous classes (they cross a message queue): what happens to their queued work.
  bool async = false;
  double completion_backlog_messages = 0;  // messages piled up on its queues during the fault
  double completion_delay_s = 0;           // the oldest such message's wait at the fault's end
  std::string completion_blocked_by;       // down or saturated behind its queue (first callee)
};

struct ComponentOutcome {
  std::string id;
  bool faulted = false;            // a fault of the scenario is on this component
  std::string fault;               // describe() of it
  double offered_per_s = 0;        // visits per second, retries included
  double retry_amplification = 1;  // offered / first attempts
  double served = 1;               // fraction of its visits it serves (1/ρ when saturated)
  std::optional<double> utilization;  // busiest station; null when saturated or down
  double offered_utilization = 0;  // λ·H/c of the busiest station; may exceed 1
  bool saturated = false;
  bool down = false;
  int instances_up = 0;
  std::string reason;
  // Of the visits that reach it (retries included), the shares that end answered, answered by a
  // fallback (degraded) or failed — by its own fault or by the calls it makes; they sum to 1.
  // What the canvas colours a component by under a scenario. 1, 0, 0 without visits.
  double visit_success = 1, visit_degraded = 0, visit_failed = 0;
  // Visits per second it serves: offered × served (0 when down).
  double carried_per_s() const { return down ? 0.0 : offered_per_s * served; }
};

struct LinkOutcome {
  std::string from, to;
  double attempts_per_call = 1;   // Σ p^i over the attempts that are made
  double attempt_failure = 0;     // per attempt: error, timeout or rejection
  double timed_out = 0;           // per attempt
  double breaker_admitted = 1;    // fraction of calls the breaker lets through
  double bulkhead_rejected = 0;   // fraction rejected by the bulkhead (Erlang B)
  double calls_in_flight = 0;     // mean concurrent calls (Little)
  // Attempts per second sent on the link (retries included; 0 when it is cut), and of them
  // the visits the callee serves (its `served` share). The links into a component add up to
  // its offered and carried rates.
  double offered_per_s = 0;
  double carried_per_s = 0;
};

struct ScenarioState {
  bool converged = true;
  int iterations = 0;
  double residual = 0;  // the last sweep's largest change
  std::vector<ClassOutcome> classes;
  std::vector<ComponentOutcome> components;
  std::vector<LinkOutcome> links;  // only links with traffic

  const ClassOutcome* request_class(const std::string& name) const;
  const ComponentOutcome* component(const std::string& id) const;
};

// Messages that pile up in a queue whose consumers cannot keep up for the fault's duration.
struct Backlog {
  std::string queue;
  double inflow_per_s = 0;
  double drain_capacity_per_s = 0;  // consumers' service rate during the fault
  double normal_capacity_per_s = 0; // after it
  double duration_s = 0;
  double backlog_messages = 0;      // (inflow − capacity during) × duration, ≥ 0
  std::optional<double> drain_s;    // backlog / (normal capacity − inflow); null: never drains
  double oldest_message_age_s = 0;  // at the end of the fault
};

// A database partition, evaluated both ways so the trade-off is visible.
struct PartitionOutcome {
  std::string store;
  bool synchronous = false;  // the configured mode: true CP, false AP
  double fraction = 0.5;     // of the requests that arrive on the cut-off side
  double duration_s = 0;
  struct PerClass {
    std::string name;
    Op op = Op::Read;
    double cp_failed = 0;        // CP: refused on the cut-off side
    double ap_stale = 0;         // AP: reads that may miss recent writes
    double ap_divergent_writes = 0;  // AP: how many writes the cut-off side accepts (rate × share × duration), to reconcile
    // A strong read (docs/REGIONS.md): it cannot reach the primary from the cut-off side and
    // fails there in either mode (ap_stale 0); evaluation refuses cp_failed of it.
    bool strong = false;
  };
  std::vector<PerClass> classes;
  double divergence_window_s = 0;  // AP: how long the sides disagree (the partition's duration)
};

struct WhatIfReport {
  std::string version;
  std::vector<Fault> faults;
  ScenarioState steady;   // no faults, same policies
  ScenarioState faulted;
  std::vector<std::string> cascade;  // faulted components down or saturated, then the saturated ones, callees first
  std::vector<Backlog> backlogs;
  std::vector<PartitionOutcome> partitions;
  // Autoscaled components whose count rises with a spike: the lag before the new instances
  // arrive (scaling.h). The steady and faulted states use the counts of their loads.
  std::vector<ScaleUpLag> scale_ups;
};

// Evaluates one scenario. The version must validate; the faults must name what exists
// (validate_faults). Throws InputError otherwise.
WhatIfReport what_if(const Version& version, const Catalog& catalog, const std::vector<Fault>& faults,
                     const ResilienceOptions& options = {});

// Problems in faults against a version, with places under `base` (e.g. "/versions/0/faults").
// The catalog says which components are caches and stores and how many instances they have.
std::vector<Diagnostic> validate_faults(const Version& version, const Catalog& catalog,
                                        const std::vector<Fault>& faults, const std::string& base);

struct ImpactCell {
  double success = 1;   // success + degraded is "answered"
  double answered = 1;
  std::optional<double> p95_ms;
  bool p95_estimate = true;                   // false in the steady row: the report's exact p95
  std::optional<double> ceiling_timeout_ms;   // the p95 sits at this timeout's ceiling
};

struct ImpactRow {
  std::string component;
  double criticality = 0;  // rate-weighted fraction of requests not answered
  std::vector<ImpactCell> cells;  // per class, in `classes` order
};

struct ImpactMatrix {
  std::string version;
  std::vector<std::string> classes;
  std::vector<ImpactCell> steady;  // per class
  std::vector<ImpactRow> rows;     // one per component that carries traffic, most critical first
  bool complete = true;            // false: cancelled; `rows` holds the rows finished by then
};

// How a long impact computation reports and stops (the app's impact window runs it off the GUI
// thread). `progress` is called after each row, one call at a time, from a worker thread;
// `cancel` is polled between rows.
struct ImpactControl {
  std::function<void(int done, int total)> progress;
  const std::atomic<bool>* cancel = nullptr;
};

// Every single component crashed in turn.
ImpactMatrix impact_matrix(const Version& version, const Catalog& catalog,
                           const ResilienceOptions& options = {}, const ImpactControl& control = {});

struct ConditionResult {
  Condition condition;
  std::optional<double> observed;  // null: the figure does not exist (e.g. unbounded latency)
  bool holds = false;
  std::string text;  // "browse success ≥ 99%: 99.6% ✓"
};

struct ExperimentResult {
  std::string name;
  std::string hypothesis;
  bool passed = false;
  std::vector<ConditionResult> conditions;
  std::vector<std::string> affected;          // affected_classes() of the report, by name
  std::vector<std::string> affected_why;      // per affected class: what changed (same order)
  std::vector<std::string> outside_blast_radius;  // affected but not in the stated radius
  WhatIfReport report;
};

ExperimentResult run_experiment(const Version& version, const Catalog& catalog,
                                const Experiment& experiment, const ResilienceOptions& options = {});

}  // namespace archbench
