#pragma once
// The discrete-event simulator: the analytic model's semantics played out in time, on the same
// compiled version, so simulated and analytic figures can be compared one by one.
#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"

namespace archbench {

// How every class's requests arrive. The stated rate (× load) stays the long-run mean, except
// under a profile, which multiplies it in time.
struct ArrivalShape {
  enum class Kind { Poisson, Deterministic, Bursty };
  Kind kind = Kind::Poisson;
  // Bursty: a two-state Markov-modulated Poisson process shared by all classes: bursts of
  // mean length burst_mean_s, a share burst_share of the time, at burst_factor × the rate
  // between them (both rates scaled so that the mean is the stated one).
  double burst_factor = 5, burst_share = 0.1, burst_mean_s = 10;
  enum class Profile { Flat, Ramp, Daily };
  Profile profile = Profile::Flat;
  double ramp_from = 1, ramp_to = 1;  // Ramp: multiplier at 0 and at the end of arrivals
  // Daily: multiplier 1 + amplitude · cos(2π (t − peak_s) / period_s).
  double daily_amplitude = 0.5, daily_period_s = 86400, daily_peak_s = 43200;
};

// Watches a run from another thread (a front end's progress bar and Cancel): the run adds the
// simulated time it has covered, every few thousand events, and stops soon after `cancel` is
// set. Polled rather than called back, so that the simulating thread never runs front-end code.
struct SimControl {
  std::atomic<bool> cancel{false};
  std::atomic<std::int64_t> simulated_us{0};  // simulated time covered, all replications (µs)
  std::atomic<std::int64_t> total_us{0};      // what a whole run covers, set when it starts

  // 0 at the start, 1 when every replication is done (a run that drains past its duration
  // stays at 1 until it ends).
  double fraction() const;
};

// Thrown by a run whose SimControl was cancelled.
class SimulationCancelled : public std::runtime_error {
 public:
  SimulationCancelled() : std::runtime_error("the simulation was cancelled") {}
};

struct SimulateOptions {
  double load = 1.0;        // multiplier on every class's peak rate
  double duration_s = 600;  // simulated time over which requests arrive, warm-up included
  double warmup_s = 60;     // requests arriving before this are not measured
  std::uint64_t seed = 1;
  int replications = 1;            // independent runs with their own random streams
  int threads = 0;                 // replications run at once; 0: every core
  int batches = 10;                // batch means, when there is one replication (2–100)
  std::vector<TimedFault> faults;  // partition faults are not simulated (invalid_argument)
  std::vector<Restart> restarts;   // replacements of every instance (sim/run_restart.cpp)
  double timeline_step_s = 0;      // > 0: record a timeline at this step (first replication)
  int traces = 0;                  // whole requests to record as span trees (0–1000)
  ArrivalShape arrivals;
  // How splits choose a target and visits an instance: random (by weight; the analytic
  // model's Poisson split), smooth weighted round-robin, or least connections.
  enum class Balancing { Random, RoundRobin, LeastConnections };
  Balancing balancing = Balancing::Random;
  SimControl* control = nullptr;  // progress and cancel, owned by the caller; may be null
};

// A figure with the half-width of its 95% confidence interval (Student t over batch means or
// over replications); the half-width is 0 when there is no spread to estimate it from.
struct SimEstimate {
  double value = 0;
  double half_width = 0;
};

struct SimLatency {  // milliseconds
  SimEstimate mean, p50, p95, p99, p999;
};

struct SimClassResult {
  std::string name;
  Op op = Op::Read;
  double rate_per_s = 0;         // offered, at the simulated load
  std::uint64_t measured = 0;    // requests that arrived in the measured window
  std::uint64_t unfinished = 0;  // of those, still in flight when the run was stopped
  // Shares of the finished measured requests: answered normally, answered by a fallback
  // (degraded), failed.
  double success = 0, degraded = 0, failed = 0;
  // Of the failed, the share of the finished refused by a rate limit (429); set when the
  // version has a rate limit.
  std::optional<double> refused;
  // What the caller waits for (the ack at a queue), of the answered requests.
  std::optional<SimLatency> latency;
  // From arrival until the caller learns that its request failed, of the failed requests.
  std::optional<SimLatency> failed_latency;
  bool async = false;                    // crosses a message queue
  std::optional<SimLatency> completion;  // until the last work it caused ends (async only)
};

struct SimComponentResult {
  std::string id, kind;
  Behaviour behaviour = Behaviour::Service;
  double arrival_per_s = 0;   // visits started per second, all classes
  double utilization = 0;     // busy servers / servers, time average, busiest station
  double queue_length = 0;    // visits waiting for a server, time average, summed over stations
  long long peak_queue = 0;   // most visits waiting at once at one station
  double wait_ms = 0;         // mean wait for a server per visit
  bool has_stations = false;  // false for clients
};

// What happened on a link whose calls failed, were retried or rejected, or that has a breaker
// or a bulkhead. Counts are over the measured window, all replications.
struct SimLinkResult {
  std::string from, to;
  std::uint64_t attempts = 0;
  std::uint64_t failed_attempts = 0;  // the callee failed, the attempt timed out or was cut
  std::uint64_t timeouts = 0;
  std::uint64_t retries = 0;
  std::uint64_t rejected_by_breaker = 0;
  std::uint64_t rejected_by_bulkhead = 0;
  std::uint64_t breaker_opened = 0;  // times the breaker went from closed or half-open to open
  double breaker_open_share = 0;     // share of the measured time it was open
  // A link with loss or duplicates: calls made, the callee's executions of them, and those
  // beyond the first of their call (the duplicate side effects when not idempotent).
  std::uint64_t calls = 0, executions = 0, duplicates = 0;
  // A call into a component with max_connections, refused because every connection was in use.
  std::uint64_t refused_connections = 0;
  // A restart (SimulateOptions::restarts): the caller's pool connections the callee's limit
  // refused when they were opened (every try, the whole run, all replications), and when the
  // restarted pools were all full again (s; the latest over replications; null: never).
  std::uint64_t refused_pool_connections = 0;
  std::optional<double> pools_refilled_s;
};

// Figures per step of simulated time, from the first replication (warm-up included).
struct SimTimeline {
  double step_s = 1;
  std::vector<double> start_s;                          // [step]
  std::vector<std::string> classes, components, links;  // links: "from → to" with a breaker
  // [class][step]: requests that arrived, and that ended answered (success or degraded),
  // degraded or failed in the step; mean latency of those answered (ms, 0 when none).
  std::vector<std::vector<std::uint64_t>> arrived, answered, degraded, failed;
  std::vector<std::vector<double>> mean_ms;
  // [class][step]: 95th percentile of the latency of those answered (ms, 0 when none), from a
  // log-bucket histogram of the step (relative error below 0.8%).
  std::vector<std::vector<double>> p95_ms;
  // [component][step]: time-average busy servers per server of its stations, visits waiting
  // (summed over stations), and instances down at the step's end (before anything that
  // happens at that instant).
  std::vector<std::vector<double>> utilization, queue_length;
  std::vector<std::vector<int>> instances_down;
  // [link][step]: the breaker's state at the step's end: "closed", "open" or "half-open".
  std::vector<std::vector<std::string>> breaker;
  // Every link of the version, "from → to", and [link][step] the attempts sent on it per second
  // in the step (retries included).
  std::vector<std::string> call_links;
  std::vector<std::vector<double>> calls_per_s;
};

// One visit of a traced request: times in ms from the request's arrival; a visit that never
// ended (lost with a crash, still held by a hang) has end_ms < 0.
struct SimSpan {
  int parent = -1;  // index in SimTrace::spans; -1 for the root (the request at its client)
  std::string component;
  int attempt = 0;         // 0 the first attempt of its call, then retries
  double sent_ms = 0;      // when the caller sent it
  double arrived_ms = -1;  // when it reached the component (-1: never, e.g. a cut link)
  double wait_ms = 0;      // waiting for a server
  double service_ms = 0;   // the component's own work
  double end_ms = -1;      // when the visit ended (before its answer travels back)
  std::string outcome;     // "success", "degraded", "failed" (or "unfinished")
  int shard = -1;          // at a sharded component: the shard visited (0 the hot one)
  // The component and, at a sharded one, its shard: "posts · hot shard", "posts · shard 4"
  // (shards counted from 1, the hot one first), as the CLI and the app show it.
  std::string place() const;
};

// A whole request, sampled evenly over the measured window (first replication).
struct SimTrace {
  std::string request_class;
  double arrival_s = 0;
  double latency_ms = -1;  // until the caller had its answer or its failure; -1: unfinished
  std::string outcome;
  std::vector<SimSpan> spans;  // in the order they started; parents before children
};

struct SimReport {
  std::string version;
  double load = 1;
  double duration_s = 0, warmup_s = 0;
  std::uint64_t seed = 0;
  int replications = 1;
  int batches = 0;  // batches per replication used for the intervals (1 with replications)
  std::string interval_method;  // "batch means" or "replications"
  std::uint64_t events = 0;     // events processed, every replication
  double stopped_at_s = 0;      // simulated time of the last event (the longest replication)
  std::vector<SimClassResult> classes;
  std::vector<SimComponentResult> components;
  std::vector<SimLinkResult> links;
  std::vector<TimedFault> faults;
  std::vector<Restart> restarts;
  ArrivalShape arrivals;
  SimulateOptions::Balancing balancing = SimulateOptions::Balancing::Random;
  std::optional<SimTimeline> timeline;
  std::vector<SimTrace> traces;

  const SimClassResult* request_class(const std::string& name) const;
  const SimComponentResult* component(const std::string& id) const;
};

class CompiledVersion;
namespace sim {
struct SimModel;
}

// A version compiled once for many runs (benchmarks, sweeps). Construct only from a version
// that validates; the version and catalog may change afterwards. Runs the version as given:
// an autoscaled component at its `instances`; simulate() first gives it the count evaluate
// picks for the load (scaled_for_load, scaling.h), and so should a caller of this class.
class SimulationModel {
 public:
  SimulationModel(const Version& version, const Catalog& catalog);
  ~SimulationModel();
  SimulationModel(SimulationModel&&) noexcept;
  SimulationModel& operator=(SimulationModel&&) noexcept;

  // Throws std::invalid_argument on options out of range (duration ≤ warm-up, …).
  SimReport run(const SimulateOptions& options = {}) const;

 private:
  std::unique_ptr<CompiledVersion> compiled_;
  std::unique_ptr<sim::SimModel> model_;
};

// Validates, compiles and simulates; throws InputError (file "version NAME") on an invalid
// version.
SimReport simulate(const Version& version, const Catalog& catalog,
                   const SimulateOptions& options = {});

// A stored simulation's settings as options (format 5): duration, warm-up (a tenth of the
// duration when not stated), load, seed, timeline step, faults and restarts.
SimulateOptions simulation_options(const StoredSimulation& stored);
// The stored simulation of this name, or null.
const StoredSimulation* stored_simulation(const Version& version, const std::string& name);
// "--restart app=10s@60s", "--rolling-restart app=10s@60s": a restart as archbench-cli spells it.
std::string restart_spelling(const Restart& r);

}  // namespace archbench
