#include "sim/replication.h"

#include <algorithm>
#include <cmath>

#include "sim/event_calendar.h"
#include "sim/random.h"

namespace archbench::sim {

namespace {

// FCFS queue of frame ids: a ring buffer that only grows (no allocation once it is big enough).
class Fifo {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void push(int f) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) & (buf_.size() - 1)] = f;
    ++size_;
  }
  int pop() {
    const int f = buf_[head_];
    head_ = (head_ + 1) & (buf_.size() - 1);
    --size_;
    return f;
  }

 private:
  void grow() {
    std::vector<int> bigger(std::max<std::size_t>(16, buf_.size() * 2));
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buf_[(head_ + i) & (buf_.size() - 1)];
    buf_.swap(bigger);
    head_ = 0;
  }
  std::vector<int> buf_;
  std::size_t head_ = 0, size_ = 0;
};

struct Station {
  long long servers = 1;
  long long busy = 0;
  Fifo waiting;
  double last = 0;
  StationFigures fig;
  void account(double t) {
    const double dt = t - last;
    fig.busy_area += static_cast<double>(busy) * dt;
    fig.queue_area += static_cast<double>(waiting.size()) * dt;
    last = t;
  }
};

// One visit of a request at a node, or a write applied on a replica in the background.
struct Frame {
  double enqueued = 0;  // when it asked for a server
  int node = 0, cls = 0, req = -1;
  int parent = -1;   // the calling frame; -1 for a root (the request itself, or a queued job)
  int in_link = -1;  // link it came by; -1 for the request's own root at its client
  int station = -1;
  int link = 0;        // offset of the current outgoing link
  int reps_left = -1;  // calls still to make on it (-1: not decided yet)
  bool holding = false, decided = false, background = false;
};

struct Request {
  double arrival = 0, ack = 0, end = 0;
  int roots = 0;
  int cls = 0;
  int batch = -1;  // -1: arrived during the warm-up
  bool acked = false;
};

enum class Phase { Warmup, Measuring, Draining };

class Run {
 public:
  Run(const SimModel& m, const SimulateOptions& o, int index, int batches)
      : m_(m), o_(o), rng_(o.seed, static_cast<std::uint64_t>(index)), batches_(batches) {
    stations_.resize(m.servers.size());
    for (std::size_t s = 0; s < stations_.size(); ++s) stations_[s].servers = m.servers[s];
    rate_.resize(m.K);
    for (std::size_t k = 0; k < m.K; ++k) rate_[k] = o.load * m.peak_rate[k];
    out_.batches.assign(m.K, std::vector<BatchFigures>(static_cast<std::size_t>(batches)));
    out_.counts.assign(m.K, {});
    pending_.assign(m.K, 0);
    batch_len_ = (o.duration_s - o.warmup_s) / batches;
    frames_.reserve(1024);
    requests_.reserve(1024);
  }

  ReplicationResult run() {
    for (std::size_t k = 0; k < m_.K; ++k)
      if (rate_[k] > 0) calendar_.push(rng_.exponential(rate_[k]), Ev::ClassArrival, static_cast<int>(k));
    // Measured requests may outlast the arrivals; past this the run stops and counts them as
    // unfinished (a saturated station never drains).
    const double hard_stop = o_.duration_s + std::max(o_.duration_s - o_.warmup_s, 60.0);
    if (o_.warmup_s <= 0) phase_ = Phase::Measuring;
    while (!calendar_.empty()) {
      const Event e = calendar_.pop();
      const double t = e.t();
      if (phase_ == Phase::Warmup && t >= o_.warmup_s) start_measuring();
      if (phase_ == Phase::Measuring && t >= o_.duration_s) stop_measuring();
      if (phase_ == Phase::Draining && (total_pending_ == 0 || t > hard_stop)) break;
      now_ = t;
      ++out_.events;
      switch (e.type) {
        case Ev::ClassArrival: new_request(e.who); break;
        case Ev::Arrive: arrive(e.who); break;
        case Ev::ServiceDone: service_done(e.who); break;
        case Ev::Returned: proceed(e.who); break;
      }
    }
    if (phase_ == Phase::Warmup) start_measuring();
    if (phase_ == Phase::Measuring) stop_measuring();
    for (std::size_t k = 0; k < m_.K; ++k) out_.counts[k].unfinished = pending_[k];
    out_.stopped_at = now_;
    out_.measured_time = o_.duration_s - o_.warmup_s;
    return std::move(out_);
  }

 private:
  void start_measuring() {
    for (auto& s : stations_) {
      s.account(o_.warmup_s);
      s.fig = {};
    }
    phase_ = Phase::Measuring;
  }
  void stop_measuring() {
    out_.stations.reserve(stations_.size());
    for (auto& s : stations_) {
      s.account(o_.duration_s);
      out_.stations.push_back(s.fig);
    }
    phase_ = Phase::Draining;
  }

  int new_frame(int node, int cls, int req, int parent, int in_link) {
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
    return f;
  }
  Frame& frame(int f) { return frames_[static_cast<std::size_t>(f)]; }

  void new_request(int k) {
    const auto kk = static_cast<std::size_t>(k);
    if (now_ >= o_.duration_s) return;  // arrivals end; no next one
    int q;
    if (!free_requests_.empty()) {
      q = free_requests_.back();
      free_requests_.pop_back();
    } else {
      q = static_cast<int>(requests_.size());
      requests_.emplace_back();
    }
    Request& r = requests_[static_cast<std::size_t>(q)];
    r = Request{};
    r.arrival = now_;
    r.cls = k;
    r.roots = 1;
    if (phase_ == Phase::Measuring) {
      r.batch = std::min(batches_ - 1, static_cast<int>((now_ - o_.warmup_s) / batch_len_));
      ++out_.counts[kk].measured;
      ++pending_[kk];
      ++total_pending_;
    }
    calendar_.push(now_ + rng_.exponential(rate_[kk]), Ev::ClassArrival, k);
    arrive(new_frame(m_.entry[kk], k, q, -1, -1));
  }

  void arrive(int f) {
    const int node = frame(f).node, k = frame(f).cls;
    const SimNode& n = m_.nodes[static_cast<std::size_t>(node)];
    if (n.role_first[0] < 0) return proceed(f);  // a client: no station
    if (n.replicated && m_.write[static_cast<std::size_t>(k)]) {
      // A write goes to the primary and is applied on every replica, not waited for.
      for (int i = 0; i < n.role_count[1]; ++i) {
        const int b = new_frame(node, k, -1, -1, -1);
        frame(b).background = true;
        request_server(b, n.role_first[1] + i);
      }
      return request_server(f, n.role_first[0]);
    }
    const int role = m_.role[static_cast<std::size_t>(node) * m_.K + static_cast<std::size_t>(k)];
    const int count = n.role_count[role];
    request_server(f, n.role_first[role] + (count > 1 ? rng_.below(count) : 0));
  }

  void request_server(int f, int s) {
    Frame& fr = frame(f);
    fr.station = s;
    fr.enqueued = now_;
    Station& st = stations_[static_cast<std::size_t>(s)];
    if (st.busy < st.servers) return start(f, st);
    st.account(now_);
    st.waiting.push(f);
    if (phase_ == Phase::Measuring)
      st.fig.peak_queue = std::max(st.fig.peak_queue, static_cast<long long>(st.waiting.size()));
  }

  void start(int f, Station& st) {
    Frame& fr = frame(f);
    st.account(now_);
    ++st.busy;
    st.fig.wait_sum += now_ - fr.enqueued;
    ++st.fig.started;
    fr.holding = true;
    const auto pair = static_cast<std::size_t>(fr.node) * m_.K + static_cast<std::size_t>(fr.cls);
    calendar_.push(now_ + rng_.sample(m_.shape[pair]), Ev::ServiceDone, f);
  }

  void release(int f) {
    Frame& fr = frame(f);
    if (!fr.holding) return;
    fr.holding = false;
    Station& st = stations_[static_cast<std::size_t>(fr.station)];
    st.account(now_);
    --st.busy;
    if (!st.waiting.empty()) start(st.waiting.pop(), st);
  }

  void service_done(int f) {
    if (frame(f).background) {
      release(f);
      free_frames_.push_back(f);
      return;
    }
    if (!m_.nodes[static_cast<std::size_t>(frame(f).node)].blocking) release(f);
    proceed(f);
  }

  void call(int f, int link, bool async) {
    const int cls = frame(f).cls, req = frame(f).req;  // new_frame may move frames_
    const SimLink& l = m_.links[static_cast<std::size_t>(link)];
    const int child = new_frame(l.to, cls, req, async ? -1 : f, link);
    if (async) ++requests_[static_cast<std::size_t>(req)].roots;
    calendar_.push(now_ + l.latency_s, Ev::Arrive, child);
  }

  // The one link a split or a queue sends this request down, or -1.
  int one_of(const SimNode& n, int k) {
    const double u = rng_.uniform();
    int last = -1;
    for (int i = 0; i < n.out_count; ++i) {
      const auto lk = static_cast<std::size_t>(n.out_first + i) * m_.K + static_cast<std::size_t>(k);
      if (!m_.routed[lk]) continue;
      last = n.out_first + i;
      if (u < m_.route_cum[lk]) return last;
    }
    return last;  // u beyond a cumulative sum that rounded below 1
  }

  // Continues a visit after its own work or after a call returned.
  void proceed(int f) {
    Frame& fr = frame(f);
    const SimNode& n = m_.nodes[static_cast<std::size_t>(fr.node)];
    const int k = fr.cls;
    const auto kk = static_cast<std::size_t>(k);
    switch (n.behaviour) {
      case Behaviour::Store: return finish(f);
      case Behaviour::Split:
        if (fr.decided) return finish(f);
        fr.decided = true;
        if (const int l = one_of(n, k); l >= 0) return call(f, l, false);
        return finish(f);
      case Behaviour::Queue:
        if (const int l = one_of(n, k); l >= 0) call(f, l, true);
        return finish(f);  // acknowledged at once
      case Behaviour::Cache:
        if (!fr.decided) {
          fr.decided = true;
          if (rng_.uniform() < m_.hit[static_cast<std::size_t>(fr.node) * m_.K + kk]) return finish(f);
        }
        break;
      case Behaviour::Client:
      case Behaviour::Service: break;
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
        return call(f, link, false);
      }
      ++fr.link;
      fr.reps_left = -1;
    }
    finish(f);
  }

  void finish(int f) {
    release(f);
    const Frame& fr = frame(f);
    if (fr.parent >= 0) {
      calendar_.push(now_ + m_.links[static_cast<std::size_t>(fr.in_link)].latency_s, Ev::Returned,
                     fr.parent);
    } else {
      Request& r = requests_[static_cast<std::size_t>(fr.req)];
      if (fr.in_link < 0) {
        r.ack = now_;
        r.acked = true;
      }
      r.end = std::max(r.end, now_);
      if (--r.roots == 0) complete(fr.req);
    }
    free_frames_.push_back(f);
  }

  void complete(int q) {
    const Request& r = requests_[static_cast<std::size_t>(q)];
    if (r.batch >= 0) {
      const auto k = static_cast<std::size_t>(r.cls);
      BatchFigures& b = out_.batches[k][static_cast<std::size_t>(r.batch)];
      const double ack = r.ack - r.arrival;
      b.ack.record(ack);
      b.ack_sum += ack;
      if (m_.async[k]) {
        const double done = r.end - r.arrival;
        b.done.record(done);
        b.done_sum += done;
      }
      ++b.count;
      ++out_.counts[k].success;
      --pending_[k];
      --total_pending_;
    }
    free_requests_.push_back(q);
  }

  const SimModel& m_;
  const SimulateOptions& o_;
  Random rng_;
  int batches_;
  double batch_len_ = 1;
  Phase phase_ = Phase::Warmup;
  double now_ = 0;
  EventCalendar calendar_;
  std::vector<Station> stations_;
  std::vector<double> rate_;
  std::vector<Frame> frames_;
  std::vector<int> free_frames_;
  std::vector<Request> requests_;
  std::vector<int> free_requests_;
  std::vector<std::uint64_t> pending_;
  std::uint64_t total_pending_ = 0;
  ReplicationResult out_;
};

}  // namespace

ReplicationResult run_replication(const SimModel& model, const SimulateOptions& options, int index,
                                  int batches) {
  return Run(model, options, index, batches).run();
}

}  // namespace archbench::sim
