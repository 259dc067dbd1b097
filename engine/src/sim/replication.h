#pragma once
// One simulation run of a SimModel: the event calendar, stations, requests and the figures
// measured over [warm-up, duration), split into batches by arrival time.
#include <cstdint>
#include <vector>

#include "archbench/simulate.h"
#include "sim/histogram.h"
#include "sim/sim_model.h"

namespace archbench::sim {

// What one class's measured requests of one batch took.
struct BatchFigures {
  Histogram ack, done;  // `done` only for a class that reaches a queue
  double ack_sum = 0, done_sum = 0;  // seconds
  std::uint64_t count = 0;
};

struct StationFigures {
  double busy_area = 0;   // ∫ busy servers dt over the measured window
  double queue_area = 0;  // ∫ waiting visits dt
  double wait_sum = 0;    // s, over visits that started service in the window
  std::uint64_t started = 0;
  long long peak_queue = 0;
};

struct ClassCounts {
  std::uint64_t measured = 0, unfinished = 0, success = 0, degraded = 0, failed = 0;
};

struct ReplicationResult {
  std::uint64_t events = 0;
  double stopped_at = 0;
  double measured_time = 0;
  std::vector<std::vector<BatchFigures>> batches;  // [class][batch]
  std::vector<ClassCounts> counts;                 // [class]
  std::vector<StationFigures> stations;
};

// Runs replication `index` (its own random stream) with `batches` batches.
ReplicationResult run_replication(const SimModel& model, const SimulateOptions& options,
                                  int index, int batches);

}  // namespace archbench::sim
