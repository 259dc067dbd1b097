#include "sim/run.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace archbench::sim {

ReplicationResult Run::run() {
  const ArrivalShape& shape = o_.arrivals;
  if (shape.kind == ArrivalShape::Kind::Bursty) {     // starts in its stationary state
    bursting_ = rng_.uniform() >= shape.burst_share;  // switched at once below
    burst_switch();
  } else {
    update_rates();
  }
  if (shape.kind == ArrivalShape::Kind::Deterministic) {
    // A random phase per class, so that classes do not arrive in lockstep.
    for (std::size_t k = 0; k < m_.K; ++k) {
      if (rate_[k] <= 0) continue;
      ++arrival_epoch_[k];
      calendar_.push(rng_.uniform() / rate_[k], Ev::ClassArrival, static_cast<int>(k),
                     arrival_epoch_[k]);
    }
  }
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    calendar_.push(faults_[i].start, Ev::FaultEdge, static_cast<int>(i), 0);
    calendar_.push(faults_[i].end, Ev::FaultEdge, static_cast<int>(i), 1);
  }
  open_restarts();
  if (timeline_) open_timeline();
  // Measured requests may outlast the arrivals; past this the run stops and counts them as
  // unfinished (a saturated station never drains).
  const double hard_stop = o_.duration_s + std::max(o_.duration_s - o_.warmup_s, 60.0);
  if (o_.warmup_s <= 0) phase_ = RunPhase::Measuring;
  while (!calendar_.empty()) {
    const Event e = calendar_.pop();
    const double t = e.t();
    if (phase_ == RunPhase::Warmup && t >= o_.warmup_s) start_measuring();
    if (phase_ == RunPhase::Measuring && t >= o_.duration_s) stop_measuring();
    if (phase_ == RunPhase::Draining && (total_pending_ == 0 || t > hard_stop)) break;
    while (timeline_ && t >= next_sample_) {  // steps that end before this event
      now_ = next_sample_;
      sample();
      next_sample_ = static_cast<double>(out_.timeline->start_s.size() + 1) * o_.timeline_step_s;
    }
    now_ = t;
    // Every 4096 events: tell a watching front end how far the run is, and stop if it asks.
    if ((++out_.events & 4095) == 0 && o_.control) {
      report_progress();
      if (o_.control->cancel.load(std::memory_order_relaxed)) throw SimulationCancelled();
    }
    const int who = e.who;
    switch (e.type()) {
      case Ev::ClassArrival:
        if (e.aux == arrival_epoch_[static_cast<std::size_t>(who)]) new_request(who, e.aux);
        break;
      case Ev::Arrive:
        if (frame(who).epoch == e.aux) arrive(who);
        break;
      case Ev::ServiceDone:
        if (frame(who).epoch == e.aux && frame(who).phase == Phase::InService) service_done(who);
        break;
      case Ev::Returned:
        if (frame(who).epoch == e.aux) returned(who);
        break;
      case Ev::Timeout:
        timer(who);
        break;
      case Ev::Retry:
        if (frame(who).token == e.aux && frame(who).phase == Phase::Calling) attempt(who);
        break;
      case Ev::FaultEdge:
        fault_edge(who, e.aux == 0);
        break;
      case Ev::Burst:
        burst_switch();
        break;
      case Ev::RestartStep:
        restart_step(who, e.aux);
        break;
      case Ev::Reconnect:
        reconnect(who);
        break;
    }
  }
  if (phase_ == RunPhase::Warmup) start_measuring();
  if (phase_ == RunPhase::Measuring) stop_measuring();
  const double last_event = now_;
  // The event that ended the run (or none, when the calendar emptied) may lie past steps not
  // yet closed: the timeline covers every whole step up to the later of the arrivals' end and
  // the last event. Nothing happens in them but the drain's quiet.
  while (timeline_ && next_sample_ <= std::max(now_, o_.duration_s) * (1 + 1e-12)) {
    now_ = next_sample_;
    sample();
    next_sample_ = static_cast<double>(out_.timeline->start_s.size() + 1) * o_.timeline_step_s;
  }
  if (o_.control) {  // a replication done counts whole, however early it drained
    now_ = std::max(now_, o_.duration_s);
    report_progress();
  }
  for (std::size_t k = 0; k < m_.K; ++k) out_.counts[k].unfinished = pending_[k];
  out_.stopped_at = last_event;
  out_.measured_time = o_.duration_s - o_.warmup_s;
  out_.links.reserve(links_.size());
  for (const auto& l : links_) out_.links.push_back(l.fig);
  return std::move(out_);
}

void Run::new_request(int k, std::uint32_t epoch) {
  const auto kk = static_cast<std::size_t>(k);
  if (now_ >= o_.duration_s) return;  // arrivals end; no next one
  calendar_.push(now_ + interarrival(kk), Ev::ClassArrival, k, epoch);
  if (o_.arrivals.profile != ArrivalShape::Profile::Flat &&
      rng_.uniform() * profile_max_ >= profile_at(now_))
    return;  // thinned out by the profile
  int q;
  if (!free_requests_.empty()) {
    q = free_requests_.back();
    free_requests_.pop_back();
  } else {
    q = static_cast<int>(requests_.size());
    requests_.emplace_back();
  }
  Request& r = requests_[static_cast<std::size_t>(q)];
  const std::uint32_t gen = r.gen;
  r = Request{};
  r.gen = gen;
  r.arrival = now_;
  r.cls = k;
  r.roots = 1;
  if (phase_ == RunPhase::Measuring) {
    r.batch = std::min(batches_ - 1, static_cast<int>((now_ - o_.warmup_s) / batch_len_));
    ++out_.counts[kk].measured;
    ++pending_[kk];
    ++total_pending_;
  }
  if (timeline_) ++step_arrived_[kk];
  const int root = new_frame(m_.entry[kk], k, q, -1, -1);
  if (phase_ == RunPhase::Measuring && o_.traces > 0 && now_ >= next_trace_ &&
      out_.traces.size() < static_cast<std::size_t>(o_.traces)) {
    // Traced requests are spread evenly over the measured window.
    next_trace_ += (o_.duration_s - o_.warmup_s) / o_.traces;
    requests_[static_cast<std::size_t>(q)].trace = static_cast<int>(out_.traces.size());
    TraceRecord t;
    t.cls = k;
    t.arrival = now_;
    out_.traces.push_back(std::move(t));
    open_span(root, static_cast<int>(out_.traces.size()) - 1, -1, 0);
  }
  arrive(root);
}

void Run::arrive(int f) {
  if (SpanRecord* sp = span_of(f)) sp->arrived = now_;
  if (frame(f).call_token != 0) count_execution(f);
  const int node = frame(f).node, k = frame(f).cls;
  const SimNode& n = m_.nodes[static_cast<std::size_t>(node)];
  if (n.role_first[0] < 0) {  // a client: no station
    frame(f).phase = Phase::Calling;
    return proceed(f);
  }
  if (n.pool) return request_server(f, n.role_first[0]);  // waits even while no consumer is up
  if (n.shards > 1) return arrive_sharded(f);
  const bool write = m_.write[static_cast<std::size_t>(k)];
  if (!any_down_) {  // every instance is up: the common case, without the lists of those up
    if (n.replicated && write) {
      for (int i = 0; i < n.role_count[1]; ++i) {
        const int b = new_frame(node, k, -1, -1, -1);
        frame(b).background = true;
        request_server(b, n.role_first[1] + i);
      }
      return request_server(f, n.role_first[0]);
    }
    const int role = m_.role[static_cast<std::size_t>(node) * m_.K + static_cast<std::size_t>(k)];
    const int count = n.role_count[role];
    return request_server(
        f, count > 1 ? pick_station(node, role, nullptr, count) : n.role_first[role]);
  }
  const NodeState& ns = nodes_[static_cast<std::size_t>(node)];
  if (n.replicated && write) {
    if (ns.up[0].empty()) return finish(f, Outcome::Failed);  // no primary to write to
    // A write goes to the primary and is applied on every replica up, not waited for.
    for (const int s : ns.up[1]) {
      const int b = new_frame(node, k, -1, -1, -1);
      frame(b).background = true;
      request_server(b, s);
    }
    return request_server(f, n.role_first[0]);
  }
  int role = m_.role[static_cast<std::size_t>(node) * m_.K + static_cast<std::size_t>(k)];
  if (n.replicated && ns.up[1].empty()) role = 0;  // no replica left: reads go to the primary
  const std::vector<int>& up = ns.up[role];
  if (up.empty()) return none_up(f);
  const auto count = static_cast<int>(up.size());
  request_server(f, count > 1 ? pick_station(node, role, up.data(), count) : up.front());
}

// A visit finds no server of its role up: a cache whose callers read from the origin goes on
// along its miss path (no cache work; a cross-shard part makes its whole visit miss), anything
// else fails at once.
void Run::none_up(int f) {
  if (!m_.nodes[static_cast<std::size_t>(frame(f).node)].fall_through)
    return finish(f, Outcome::Failed);  // down: the call fails fast
  if (frame(f).part) {
    frame(frame(f).parent).decided = true;
    return finish(f, Outcome::Ok);
  }
  Frame& fr = frame(f);
  fr.decided = true;
  fr.phase = Phase::Calling;
  proceed(f);
}

void Run::request_server(int f, int s) {
  Frame& fr = frame(f);
  fr.station = s;
  fr.enqueued = now_;
  Station& st = stations_[static_cast<std::size_t>(s)];
  if (st.hung) {  // takes the visit and never answers
    fr.phase = Phase::Parked;
    st.parked.push_back(f);
    return;
  }
  if (st.busy < st.up) return start(f, st);
  st.account(now_);
  st.waiting.push(f);
  fr.phase = Phase::Waiting;
  if (phase_ == RunPhase::Measuring)
    st.fig.peak_queue = std::max(st.fig.peak_queue, static_cast<long long>(st.waiting.size()));
}

void Run::start(int f, Station& st) {
  Frame& fr = frame(f);
  st.account(now_);
  ++st.busy;
  st.fig.wait_sum += now_ - fr.enqueued;
  ++st.fig.started;
  if (fr.part) ++st.fig.parts;
  fr.holding = true;
  fr.phase = Phase::InService;
  if (fr.trace >= 0) span_of(f)->service_start = now_;
  const auto pair = static_cast<std::size_t>(fr.node) * m_.K + static_cast<std::size_t>(fr.cls);
  double service = rng_.sample(m_.shape[pair]);
  if (any_slow_) {
    const NodeState& ns = nodes_[static_cast<std::size_t>(fr.node)];
    service = service * ns.slow_factor + ns.slow_add;
  }
  calendar_.push(now_ + service, Ev::ServiceDone, f, fr.epoch);
}

void Run::release(int f) {
  Frame& fr = frame(f);
  if (!fr.holding) return;
  fr.holding = false;
  Station& st = stations_[static_cast<std::size_t>(fr.station)];
  st.account(now_);
  --st.busy;
  while (!st.waiting.empty() && st.busy < st.up) start(st.waiting.pop(), st);
}

void Run::service_done(int f) {
  if (SpanRecord* sp = span_of(f)) sp->service_end = now_;
  if (frame(f).background) {
    release(f);
    free_frame(f);
    return;
  }
  const Station& st = stations_[static_cast<std::size_t>(frame(f).station)];
  if (st.hung) {  // the work is done but the answer never leaves
    release(f);
    frame(f).phase = Phase::Parked;
    stations_[static_cast<std::size_t>(frame(f).station)].parked.push_back(f);
    return;
  }
  if (frame(f).part) return finish(f, Outcome::Ok);  // one shard of a cross-shard visit
  if (!m_.nodes[static_cast<std::size_t>(frame(f).node)].blocking) release(f);
  frame(f).phase = Phase::Calling;
  proceed(f);
}

// Continues a visit after its own work or after a call returned.
void Run::proceed(int f) {
  Frame& fr = frame(f);
  const SimNode& n = m_.nodes[static_cast<std::size_t>(fr.node)];
  const int k = fr.cls;
  const auto kk = static_cast<std::size_t>(k);
  switch (n.behaviour) {
    case Behaviour::Store:
      return finish(f, Outcome::Ok);
    case Behaviour::Split:
      if (fr.decided) return finish(f, Outcome::Ok);
      fr.decided = true;
      if (n.rate_limit > 0 && !admitted(fr.node)) {  // 429 at once, after its own work
        if (live(fr)) requests_[static_cast<std::size_t>(fr.req)].refused = true;
        return finish(f, Outcome::Failed);
      }
      if (const int l =
              balancing_ == SimulateOptions::Balancing::Random ? one_of(n, k) : balanced(n, k);
          l >= 0)
        return call(f, l);
      return finish(f, Outcome::Ok);
    case Behaviour::Queue:
      if (const int l = one_of(n, k); l >= 0) deliver(f, l);
      return finish(f, Outcome::Ok);  // acknowledged at once
    case Behaviour::Cache:
      if (!fr.decided) {
        fr.decided = true;
        const NodeState& ns = nodes_[static_cast<std::size_t>(fr.node)];
        double hit = m_.hit[static_cast<std::size_t>(fr.node) * m_.K + kk];
        if (ns.flushed && hit > 0) hit = ns.flush_hit;
        if (rng_.uniform() < hit) return finish(f, Outcome::Ok);
      }
      break;
    case Behaviour::Client:
    case Behaviour::Service:
      if (n.parallel && !fr.branch && !fr.decided) {
        fr.decided = true;
        return fan_out(f);
      }
      break;
  }
  while (fr.link < n.out_count) {
    const int link = n.out_first + fr.link;
    const auto lk = static_cast<std::size_t>(link) * m_.K + kk;
    if (fr.reps_left < 0) {
      const double extra = m_.extra_call[lk];
      fr.reps_left = m_.whole_calls[lk] + (extra > 0 && rng_.uniform() < extra ? 1 : 0);
    }
    if (fr.reps_left > 0) {
      --fr.reps_left;
      return call(f, link);
    }
    if (fr.branch) break;  // a branch makes the calls of its one link
    ++fr.link;
    fr.reps_left = -1;
  }
  finish(f, Outcome::Ok);
}

void Run::finish(int f, Outcome outcome) {
  release(f);
  if (frame(f).branch || frame(f).part) return branch_done(f, outcome);
  Frame& fr = frame(f);
  fr.outcome = std::max(fr.outcome, outcome);
  fr.phase = Phase::Done;
  if (SpanRecord* sp = span_of(f)) {
    sp->end = now_;
    sp->outcome = static_cast<int>(fr.outcome);
  }
  if (fr.parent >= 0) {  // the answer travels back; the frame lives until it arrives
    schedule_frame(now_ + m_.links[static_cast<std::size_t>(fr.in_link)].latency(fr.cls), Ev::Returned,
                   f);
    return;
  }
  if (fr.background || fr.req < 0) return free_frame(f);  // req < 0: an orphan's queued job
  Request& r = requests_[static_cast<std::size_t>(fr.req)];
  if (fr.in_link < 0) {
    r.ack = now_;
    r.outcome = fr.outcome;
  }
  r.end = std::max(r.end, now_);
  const int q = fr.req;
  free_frame(f);
  if (--r.roots == 0) complete(q);
}

void Run::complete(int q) {
  Request& r = requests_[static_cast<std::size_t>(q)];
  ++r.gen;  // its frames still on their way are orphans from now on
  const auto k = static_cast<std::size_t>(r.cls);
  const bool answered = r.outcome != Outcome::Failed;
  if (r.trace >= 0) {
    TraceRecord& t = out_.traces[static_cast<std::size_t>(r.trace)];
    t.answered = r.ack;
    t.outcome = static_cast<int>(r.outcome);
  }
  if (timeline_) {
    if (answered) {
      ++step_answered_[k];
      step_latency_[k] += r.ack - r.arrival;
      step_latencies_[k].record(r.ack - r.arrival);
    }
    if (r.outcome == Outcome::Degraded) ++step_degraded_[k];
    if (!answered) ++step_failed_[k];
  }
  if (r.batch >= 0) {
    ClassCounts& c = out_.counts[k];
    BatchFigures& b = out_.batches[k][static_cast<std::size_t>(r.batch)];
    if (!answered) {
      b.failed.record(r.ack - r.arrival);
      b.failed_sum += r.ack - r.arrival;
      ++b.failed_count;
    } else {
      const double ack = r.ack - r.arrival;
      b.ack.record(ack);
      b.ack_sum += ack;
      if (m_.async[k]) {
        const double done = r.end - r.arrival;
        b.done.record(done);
        b.done_sum += done;
      }
      ++b.count;
    }
    ++(r.outcome == Outcome::Ok         ? c.success
       : r.outcome == Outcome::Degraded ? c.degraded
                                        : c.failed);
    if (r.refused && r.outcome == Outcome::Failed) ++c.refused;
    // A request ends once: a second end is a fault of the simulator's bookkeeping, which would
    // otherwise wrap the count in flight and run on to the hard stop.
    if (pending_[k] == 0)
      throw std::logic_error("internal error in the simulator: a request of class " +
                             std::to_string(k + 1) + " ended twice");
    --pending_[k];
    --total_pending_;
  }
  free_requests_.push_back(q);
}

}  // namespace archbench::sim
