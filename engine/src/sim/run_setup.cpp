// A replication's set-up: its state from the model, the measured window's edges, and the
// entry point run_replication.
#include <algorithm>

#include "sim/run.h"

namespace archbench::sim {

Run::Run(const SimModel& m, const SimulateOptions& o, const std::vector<SimFault>& faults,
         int index, int batches, bool timeline)
    : m_(m),
      o_(o),
      faults_(faults),
      rng_(o.seed, static_cast<std::uint64_t>(index)),
      batches_(batches),
      timeline_(timeline) {
  stations_.resize(m.servers.size());
  for (std::size_t s = 0; s < stations_.size(); ++s)
    stations_[s].servers = stations_[s].up = m.servers[s];
  nodes_.resize(m.nodes.size());
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    const SimNode& n = m.nodes[i];
    nodes_[i].instance_down.assign(static_cast<std::size_t>(std::max(1LL, n.instances)), 0);
    for (int r = 0; r < 2; ++r)
      for (int j = 0; j < n.role_count[r]; ++j) nodes_[i].up[r].push_back(n.role_first[r] + j);
  }
  links_.resize(m.links.size());
  base_rate_.resize(m.K);
  for (std::size_t k = 0; k < m.K; ++k) base_rate_[k] = o.load * m.peak_rate[k];
  rate_ = base_rate_;
  arrival_epoch_.assign(m.K, 0);
  fault_active_.assign(faults.size(), 0);
  out_.batches.assign(m.K, std::vector<BatchFigures>(static_cast<std::size_t>(batches)));
  out_.counts.assign(m.K, {});
  pending_.assign(m.K, 0);
  batch_len_ = (o.duration_s - o.warmup_s) / batches;
  frames_.reserve(1024);
  next_trace_ = o.warmup_s;
  requests_.reserve(1024);
}

void Run::start_measuring() {
  for (auto& s : stations_) {
    s.account(o_.warmup_s);
    s.busy_mark = s.busy_area;
    s.queue_mark = s.queue_area;
    s.fig = {};
  }
  for (auto& l : links_) l.fig = {};
  phase_ = RunPhase::Measuring;
}

void Run::stop_measuring() {
  out_.stations.reserve(stations_.size());
  for (auto& s : stations_) {
    s.account(o_.duration_s);
    s.fig.busy_area = s.busy_area - s.busy_mark;
    s.fig.queue_area = s.queue_area - s.queue_mark;
    out_.stations.push_back(s.fig);
  }
  phase_ = RunPhase::Draining;
}

void Run::open_span(int f, int trace, int parent_span, int attempt) {
  auto& spans = out_.traces[static_cast<std::size_t>(trace)].spans;
  SpanRecord sp;
  sp.parent = parent_span;
  sp.node = frame(f).node;
  sp.attempt = attempt;
  sp.sent = now_;
  frame(f).trace = trace;
  frame(f).span = static_cast<int>(spans.size());
  spans.push_back(sp);
}

ReplicationResult run_replication(const SimModel& model, const SimulateOptions& options,
                                  const std::vector<SimFault>& faults, int index, int batches,
                                  bool timeline) {
  return Run(model, options, faults, index, batches, timeline).run();
}

}  // namespace archbench::sim
