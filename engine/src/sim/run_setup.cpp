// A replication's set-up: its state from the model, the measured window's edges, and the
// entry point run_replication.
#include <algorithm>
#include <cmath>
#include <numbers>

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
    for (int shard = 0; shard < n.shards; ++shard)
      for (int r = 0; r < 2; ++r)
        for (int j = 0; j < n.role_count[r]; ++j)
          nodes_[i].up[r].push_back(n.role_first[r] + shard * n.shard_stride + j);
  }
  links_.resize(m.links.size());
  base_rate_.resize(m.K);
  for (std::size_t k = 0; k < m.K; ++k) base_rate_[k] = o.load * m.peak_rate[k];
  rate_.assign(m.K, 0);
  gap_.assign(m.K, 0);
  balancing_ = o.balancing;
  rr_.assign(m.nodes.size() * 2, 0);
  turns_.assign(m.links.size(), 0);
  credit_.assign(m.links.size() * m.K, 0.0);
  bucket_tokens_.assign(m.nodes.size(), 0.0);
  for (std::size_t i = 0; i < m.nodes.size(); ++i) bucket_tokens_[i] = m.nodes[i].bucket;  // full
  bucket_at_.assign(m.nodes.size(), 0.0);
  const ArrivalShape& a = o.arrivals;
  if (a.profile == ArrivalShape::Profile::Ramp) profile_max_ = std::max(a.ramp_from, a.ramp_to);
  if (a.profile == ArrivalShape::Profile::Daily) profile_max_ = 1 + a.daily_amplitude;
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

// Candidate arrivals come at rate_ (the stated rate × spikes × the burst level × the profile's
// largest multiplier); a profile then keeps each with probability m(t) / max m (thinning,
// Lewis & Shedler 1979), which gives a Poisson process of rate × m(t).
double Run::interarrival(std::size_t k) {
  if (o_.arrivals.kind == ArrivalShape::Kind::Deterministic) return gap_[k];
  return rng_.exponential_mean(gap_[k]);
}

double Run::profile_at(double t) const {
  const ArrivalShape& a = o_.arrivals;
  switch (a.profile) {
    case ArrivalShape::Profile::Flat:
      return 1;
    case ArrivalShape::Profile::Ramp:
      return a.ramp_from + (a.ramp_to - a.ramp_from) * std::min(t / o_.duration_s, 1.0);
    case ArrivalShape::Profile::Daily:
      return 1 + a.daily_amplitude *
                     std::cos(2 * std::numbers::pi * (t - a.daily_peak_s) / a.daily_period_s);
  }
  return 1;
}

// Rates after a change of spike or burst state; a class whose rate changed draws its next
// arrival afresh (Poisson arrivals are memoryless; deterministic ones restart their period).
void Run::update_rates() {
  const ArrivalShape& a = o_.arrivals;
  double level = 1;
  if (a.kind == ArrivalShape::Kind::Bursty) {
    const double calm = 1 / (1 - a.burst_share + a.burst_factor * a.burst_share);
    level = bursting_ ? a.burst_factor * calm : calm;
  }
  for (std::size_t k = 0; k < m_.K; ++k) {
    const double rate = base_rate_[k] * spike_ * level * profile_max_;
    if (rate == rate_[k]) continue;
    rate_[k] = rate;
    gap_[k] = rate > 0 ? 1 / rate : 0;
    ++arrival_epoch_[k];
    if (rate > 0 && now_ < o_.duration_s)
      calendar_.push(now_ + interarrival(k), Ev::ClassArrival, static_cast<int>(k),
                     arrival_epoch_[k]);
  }
}

void Run::burst_switch() {
  const ArrivalShape& a = o_.arrivals;
  bursting_ = !bursting_;
  const double mean =
      bursting_ ? a.burst_mean_s : a.burst_mean_s * (1 - a.burst_share) / a.burst_share;
  calendar_.push(now_ + rng_.exponential_mean(mean), Ev::Burst, 0, 0);
  update_rates();
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
