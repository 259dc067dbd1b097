#pragma once
// One replication's state and event handlers. Its members are defined in several files by job:
// run.cpp (the event loop: arrivals, stations, visits, and calls with the links' policies —
// timeouts, retries, bulkheads — kept in one file so the hot path inlines), run_breaker.cpp
// (circuit breakers), run_fanout.cpp (parallel calls and sharded components), run_faults.cpp
// (faults switched on and off in time, and the timeline), run_routing.cpp, run_limits.cpp,
// run_restart.cpp and run_setup.cpp.
#include <cstdint>
#include <vector>

#include "sim/event_calendar.h"
#include "sim/random.h"
#include "sim/replication.h"

namespace archbench::sim {

// A FIFO ring buffer that only grows (no allocation once it is big enough).
template <typename T>
class Ring {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const T& front() const { return buf_[head_]; }
  void push(const T& x) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) & (buf_.size() - 1)] = x;
    ++size_;
  }
  void push_front(const T& x) {
    if (size_ == buf_.size()) grow();
    head_ = (head_ + buf_.size() - 1) & (buf_.size() - 1);
    buf_[head_] = x;
    ++size_;
  }
  T pop() {
    const T x = buf_[head_];
    head_ = (head_ + 1) & (buf_.size() - 1);
    --size_;
    return x;
  }

 private:
  void grow() {
    std::vector<T> bigger(buf_.size() < 16 ? 16 : buf_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buf_[(head_ + i) & (buf_.size() - 1)];
    buf_.swap(bigger);
    head_ = 0;
  }
  std::vector<T> buf_;
  std::size_t head_ = 0, size_ = 0;
};

using Fifo = Ring<int>;  // FCFS queue of frame ids

// An attempt's timeout on a link. A link's timeout is one constant, so its deadlines come in
// the order the attempts were made: a FIFO per link holds them, and the calendar only the
// earliest that may still fire (most calls answer in time and never cost a calendar event).
struct Deadline {
  double at;
  int frame;
  std::uint32_t token;
};

struct Station {
  long long servers = 1;  // as configured
  long long up = 1;       // servers available now (fewer when instances are down)
  long long busy = 0;
  bool hung = false;
  Fifo waiting;
  std::vector<int> parked;  // visits a hung station took and will never answer
  double last = 0;
  // ∫ busy servers dt and ∫ waiting visits dt since the start; the measured window's and the
  // timeline's figures are differences of these.
  double busy_area = 0, queue_area = 0;
  double busy_mark = 0, queue_mark = 0;  // at the warm-up's end
  double busy_step = 0, queue_step = 0;  // at the timeline's last step
  StationFigures fig;
  void account(double t) {
    const double dt = t - last;
    busy_area += static_cast<double>(busy) * dt;
    queue_area += static_cast<double>(waiting.size()) * dt;
    last = t;
  }
};

enum class Phase : std::uint8_t { Transit, Waiting, InService, Calling, Parked, Done };
enum class Outcome : std::uint8_t { Ok, Degraded, Failed };

// One visit of a request at a node, or a write applied on a replica in the background.
struct Frame {
  double enqueued = 0;  // when it asked for a server
  int node = 0, cls = 0, req = -1;
  int parent = -1;   // the calling frame; -1 for a root (the request itself, or a queued job)
  int in_link = -1;  // link it came by; -1 for the request's own root at its client
  int station = -1;
  int link = 0;                    // offset of the current outgoing link
  int reps_left = -1;              // calls still to make on it (-1: not decided yet)
  int call_link = -1;              // link of the call in progress
  int attempt = 0;                 // of that call: 0 the first, then retries
  int trace = -1, span = -1;       // a traced request\'s trace, and this visit\'s span in it
  std::uint32_t epoch = 0;         // this allocation of the slot (events check it)
  std::uint32_t token = 0;         // the attempt or backoff being waited for (0: none)
  std::uint32_t parent_token = 0;  // the caller's attempt this visit answers
  std::uint32_t req_gen = 0;       // the allocation of its request's slot it belongs to
  // Lossy links (run_limits.cpp): the call in progress (caller) or made (callee), and whether
  // the callee has done it once already (caller).
  std::uint32_t call_token = 0;
  bool executed = false;
  // Forks (run_fanout.cpp): a parallel fan-out's branch (the calls on one link of its parent's
  // component) or a cross-shard visit's part (the visit at one shard); both report to their
  // parent, whose epoch they keep in parent_token, and which counts those still out.
  bool branch = false, part = false;
  int branches = 0;
  Phase phase = Phase::Transit;
  Outcome outcome = Outcome::Ok;
  bool holding = false, decided = false, background = false, in_flight = false;
};

struct Request {
  double arrival = 0, ack = 0, end = 0;
  int roots = 0;
  int cls = 0;
  // Counts the slot's completions: a frame whose req_gen differs works for a request that is
  // over (its caller was killed and the request failed while this visit was still on its way).
  std::uint32_t gen = 0;
  int batch = -1;  // -1: arrived during the warm-up
  int trace = -1;  // index in the traces, when it is one
  Outcome outcome = Outcome::Ok;
  bool refused = false;  // a rate limit refused one of its visits (429)
};

// A node's state under the faults active now.
struct NodeState {
  double slow_factor = 1, slow_add = 0;
  bool flushed = false;
  double flush_hit = 0;
  bool hung = false;
  std::vector<char> instance_down;  // [instance]
  std::vector<int> up[2];           // per role: stations with servers up
};

struct LinkState {
  enum class Breaker : std::uint8_t { Closed, Open, HalfOpen };
  bool cut = false;
  std::vector<int> parked;  // attempts sent while cut: they never arrive
  int in_flight = 0;
  Breaker breaker = Breaker::Closed;
  std::uint32_t window = 0;  // the last kWindow attempts, a bit set for each failure
  int recorded = 0;          // attempts in the window (up to kWindow)
  int window_at = 0;
  double open_until = 0, open_since = 0;
  bool probe_out = false;
  Ring<Deadline> deadlines;
  bool timer_set = false;  // a Timeout event for the first live deadline is in the calendar
  LinkFigures fig;
  static constexpr int kWindow = 20;
};

enum class RunPhase { Warmup, Measuring, Draining };

class Run {
 public:
  Run(const SimModel& m, const SimulateOptions& o, const std::vector<SimFault>& faults, int index,
      int batches, bool timeline);
  ReplicationResult run();

 private:
  // run_setup.cpp
  void start_measuring();
  void stop_measuring();
  // run.cpp (the first four below, inline in this header)
  int new_frame(int node, int cls, int req, int parent, int in_link);
  void free_frame(int f);
  Frame& frame(int f) { return frames_[static_cast<std::size_t>(f)]; }
  // Whether the frame works for a request still going (not an orphan, not background work).
  bool live(const Frame& fr) const {
    return fr.req >= 0 && requests_[static_cast<std::size_t>(fr.req)].gen == fr.req_gen;
  }
  void schedule_frame(double t, Ev type, int f);
  void new_request(int k, std::uint32_t epoch);
  void arrive(int f);
  bool node_down(int node, int k) const;
  void request_server(int f, int s);
  void none_up(int f);
  void start(int f, Station& st);
  void release(int f);
  void service_done(int f);
  // run_routing.cpp
  int one_of(const SimNode& n, int k);
  int balanced(const SimNode& n, int k);
  int pick_station(int node, int role, const int* up, int count);
  void proceed(int f);
  void finish(int f, Outcome outcome);
  void complete(int q);
  // run.cpp: calls and policies
  void call(int f, int link);
  void deliver(int f, int link);
  void attempt(int f);
  void returned(int child);
  void timer(int link);
  void timed_out(int f);
  void attempt_done(int f, Outcome outcome);
  void reject(int f, LinkState& ls, bool by_breaker);
  void record_attempt(int link, bool failed);
  bool breaker_admits(int link);
  std::uint32_t next_token() { return ++tokens_ == 0 ? ++tokens_ : tokens_; }
  void open_span(int f, int trace, int parent_span, int attempt);
  SpanRecord* span_of(int f) {
    const Frame& fr = frame(f);
    return fr.trace < 0 ? nullptr
                        : &out_.traces[static_cast<std::size_t>(fr.trace)]
                               .spans[static_cast<std::size_t>(fr.span)];
  }
  // run_fanout.cpp: parallel fan-out and sharded components
  void fan_out(int f);
  void arrive_sharded(int f);
  void visit_shard(int f, int shard);
  void branch_done(int b, Outcome outcome);
  void join(int f);
  std::vector<int> shard_up_;  // scratch: the stations up of one role of one shard
  // run_setup.cpp: arrivals
  double interarrival(std::size_t k);
  double profile_at(double t) const;
  void update_rates();
  void burst_switch();
  // run_limits.cpp
  bool admitted(int node);
  void count_execution(int f);
  bool connection_free(int node) const;
  void refuse_connection(int f);
  // run_restart.cpp: restarts, and the connection pools they open again
  struct PoolConns {              // a pooled link into a limited callee, per caller instance
    std::vector<long long> have;  // connections of the instance serving now
    std::vector<long long> next;  // of its replacement while it starts (-1: none)
    std::vector<long long> in_use;
    int short_count = 0;          // serving instances with fewer than the pool's size
  };
  struct RestartState {
    int node = -1;
    int groups = 1, ready = 0;  // groups replaced one after the other; how many are ready
    double backoff = 1;         // s until short pools try again (doubles, at most 30 s)
    bool tick_set = false;
  };
  void open_restarts();
  void restart_step(int r, std::uint32_t step);
  void reconnect(int r);
  long long grant(int link, long long wanted);
  bool take_pool_connection(int f, int link);
  void release_pool_connection(int f, int link);
  std::size_t pool_slot(int f) const;
  bool refill(int r);  // tries every short pool of restart r; true when none is short
  bool refill_done(int r) const;
  void note_refilled(int r);
  std::vector<PoolConns> pools_;         // [link]
  std::vector<RestartState> restarts_;   // [restart]
  std::vector<long long> conn_pooled_;   // [node]: connections its callers' pools hold
  // run_faults.cpp
  void fault_edge(int index, bool starts);
  void apply_faults();
  void station_capacity(int s, long long up);
  void kill(int f);
  void sample();
  void open_timeline();

  const SimModel& m_;
  const SimulateOptions& o_;
  const std::vector<SimFault>& faults_;
  Random rng_;
  int batches_;
  double batch_len_ = 1;
  RunPhase phase_ = RunPhase::Warmup;
  double now_ = 0;
  EventCalendar calendar_;
  std::vector<Station> stations_;
  std::vector<NodeState> nodes_;
  std::vector<LinkState> links_;
  std::vector<double> base_rate_, rate_;  // rate_: of the candidates (thinned by a profile)
  std::vector<double> gap_;               // 1 / rate_: the mean time between candidates
  double spike_ = 1;                      // product of the active spikes
  bool bursting_ = false;                 // a bursty process is in a burst
  double profile_max_ = 1;
  SimulateOptions::Balancing balancing_;
  std::vector<unsigned> rr_;     // [node × 2 + role]: round-robin turn over instances
  std::vector<unsigned> turns_;  // [link]: a split's turn (first link of the split)
  std::vector<double> credit_;   // [link × K + class]: smooth weighted round-robin credit
  std::vector<std::uint32_t> arrival_epoch_;
  std::vector<char> fault_active_;
  std::vector<Frame> frames_;
  std::vector<int> free_frames_;
  std::vector<Request> requests_;
  std::vector<int> free_requests_;
  std::vector<std::uint64_t> pending_;
  std::uint64_t total_pending_ = 0;
  std::uint32_t epochs_ = 0, tokens_ = 0;
  ReplicationResult out_;
  bool timeline_ = false;
  bool any_down_ = false;   // some instance is down: visits pick among those up
  bool any_slow_ = false;   // some component is slowed
  double next_trace_ = 0;   // arrival time after which the next request is traced
  double next_sample_ = 0;  // end of the timeline's current step
  // The timeline's counts of the current step, [class].
  std::vector<std::uint64_t> step_arrived_, step_answered_, step_degraded_, step_failed_;
  std::vector<double> step_latency_;
  std::vector<int> breaker_links_;  // links with a breaker, in the timeline's order
  std::vector<Histogram> step_latencies_;     // [class]: answered in the current step
  std::vector<std::uint64_t> step_attempts_;  // [link]: sent in the current step
  std::int64_t reported_us_ = 0;  // simulated time already added to o_.control (µs)
  void report_progress();
  // [node]: a rate-limited split's tokens, and when they were last counted.
  std::vector<double> bucket_tokens_, bucket_at_;
};

// Small and called on every visit from every part of the loop: defined here to be inlined.
inline int Run::new_frame(int node, int cls, int req, int parent, int in_link) {
  // A call inherits its caller's request allocation; a root takes the request's current one.
  const std::uint32_t gen = parent >= 0 ? frame(parent).req_gen
                            : req >= 0  ? requests_[static_cast<std::size_t>(req)].gen
                                        : 0;
  int f;
  if (!free_frames_.empty()) {
    f = free_frames_.back();
    free_frames_.pop_back();
  } else {
    f = static_cast<int>(frames_.size());
    frames_.emplace_back();
  }
  Frame& fr = frames_[static_cast<std::size_t>(f)];
  fr = Frame{};
  fr.node = node;
  fr.cls = cls;
  fr.req = req;
  fr.parent = parent;
  fr.in_link = in_link;
  fr.req_gen = gen;
  fr.epoch = ++epochs_ == 0 ? ++epochs_ : epochs_;
  return f;
}

inline void Run::free_frame(int f) {
  Frame& fr = frame(f);
  fr.epoch = 0;  // events still naming it are stale
  fr.token = 0;
  fr.phase = Phase::Done;
  free_frames_.push_back(f);
}

inline void Run::schedule_frame(double t, Ev type, int f) {
  calendar_.push(t, type, f, frame(f).epoch);
}

}  // namespace archbench::sim
