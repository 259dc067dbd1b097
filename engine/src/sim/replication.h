#pragma once
// One simulation run of a SimModel: the event calendar, stations, requests and the figures
// measured over [warm-up, duration), split into batches by arrival time.
#include <cstdint>
#include <optional>
#include <vector>

#include "archbench/simulate.h"
#include "sim/histogram.h"
#include "sim/sim_model.h"

namespace archbench::sim {

// A fault resolved against the model: indices instead of ids, times in seconds.
struct SimFault {
  FaultType type = FaultType::Crash;
  int node = -1;                 // crash, hang, lose, slow, flush
  int link = -1;                 // cut
  int zone = -1;                 // zone: index into SimModel::zones
  std::string region;            // region: every instance placed there goes down
  double factor = 1, add_s = 0;  // slow (×, + s); spike (×)
  int instances = 1;             // lose
  double hit = 0;                // flush
  double start = 0, end = 0;
};

// What one class's measured requests of one batch took: the answered ones (`done` only for a
// class that reaches a queue), and apart, the time until the failed ones failed.
struct BatchFigures {
  Histogram ack, done, failed;
  double ack_sum = 0, done_sum = 0, failed_sum = 0;  // seconds
  std::uint64_t count = 0, failed_count = 0;
};

struct StationFigures {
  double busy_area = 0;   // ∫ busy servers dt over the measured window
  double queue_area = 0;  // ∫ waiting visits dt
  double wait_sum = 0;    // s, over visits that started service in the window
  std::uint64_t started = 0;
  std::uint64_t parts = 0;  // of those, one shard's part of a cross-shard visit
  long long peak_queue = 0;
};

struct ClassCounts {
  std::uint64_t measured = 0, unfinished = 0, success = 0, degraded = 0, failed = 0;
  std::uint64_t refused = 0;  // of the failed: refused by a rate limit on the way
};

struct LinkFigures {
  std::uint64_t attempts = 0, failed = 0, timeouts = 0, retries = 0, rejected_open = 0,
                rejected_bulkhead = 0, opened = 0;
  // Lossy links only: calls made, and the callee's executions of them (duplicates: those
  // beyond the first of their call).
  std::uint64_t calls = 0, executions = 0, duplicates = 0;
  std::uint64_t refused_connections = 0;  // calls that found every connection in use
  // A pool's connection opens refused by the callee's limit at a restart (the whole run), and
  // when the restarted pools were all full again (-1: never, or no restart).
  std::uint64_t refused_pool = 0;
  double refilled_at = -1;
  double open_time = 0;  // s within the measured window
};

// A traced request as the run records it (times in seconds, absolute; outcome -1 unfinished,
// 0 success, 1 degraded, 2 failed); SimTrace once names and offsets are applied.
struct SpanRecord {
  int parent = -1, node = 0, attempt = 0;
  int shard = -1;  // the shard visited at a sharded component
  double sent = 0, arrived = -1, service_start = -1, service_end = -1, end = -1;
  int outcome = -1;
};

struct TraceRecord {
  int cls = 0;
  double arrival = 0, answered = -1;
  int outcome = -1;
  std::vector<SpanRecord> spans;
};

struct ReplicationResult {
  std::uint64_t events = 0;
  double stopped_at = 0;
  double measured_time = 0;
  std::vector<std::vector<BatchFigures>> batches;  // [class][batch]
  std::vector<ClassCounts> counts;                 // [class]
  std::vector<StationFigures> stations;
  std::vector<LinkFigures> links;
  std::optional<SimTimeline> timeline;
  std::vector<TraceRecord> traces;
};

// Throws std::invalid_argument for a restart the model cannot play (no such component, no
// pool into a limited callee, consumers behind a queue, a start-up time not above 0).
void check_restarts(const std::vector<Restart>& restarts, const SimModel& model);

// Runs replication `index` (its own random stream) with `batches` batches; records a timeline
// when `timeline` (options.timeline_step_s apart).
ReplicationResult run_replication(const SimModel& model, const SimulateOptions& options,
                                  const std::vector<SimFault>& faults, int index, int batches,
                                  bool timeline);

}  // namespace archbench::sim
