#pragma once
// A small discrete-event simulation of a version, written for the tests and independent of the
// engine's solver: it reads the public model (components, links, workload, catalog defaults)
// and plays requests through it one event at a time, so the analytic figures can be checked
// against what the model's rules produce in time rather than against themselves.
//
// What it simulates (the model's rules, docs/FORMAT.md): Poisson arrivals per class; every
// instance a FCFS station with `concurrency` servers (consumers behind a queue share one pool);
// a split picks one link by weight × calls and instances are picked uniformly; services call
// each link `calls` times in link order (⌊calls⌋ calls, one more with probability frac), one
// call at a time; a blocking component holds its server across its calls, a non-blocking one
// releases it after its own work; caches return on a hit; a queue acknowledges after its own
// work and delivers the message one way to a consumer; a database with replicas sends reads to
// a random replica, writes to the primary, and applies each write on every replica in the
// background. Network latency is a fixed delay each way. Service times are drawn from the
// same two-moment shape the engine fits to (mean, SCV) (archbench::ServiceShape), so what is
// compared is the queueing, not the choice of service distribution.
//
// Completion is wall-clock: from a request's arrival to the end of the last work it caused
// (its own response back at the client, or the end of a queued job, whichever is later).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/distribution.h"
#include "archbench/model.h"

namespace mini_sim {

struct Options {
  double load = 1;            // multiplier on every class's peak rate
  double warmup_s = 200;      // requests arriving before this are not measured
  double measure_s = 2000;    // requests arriving in [warmup, warmup + measure) are measured
  std::uint64_t seed = 1;
};

// A percentile estimate with the half-width of its 95% confidence interval by batch means
// (the measured requests split into 10 batches by arrival time; Student t, 9 degrees).
struct Estimate {
  double value = 0;
  double half_width = 0;
  double relative() const { return value > 0 ? half_width / value : 0; }
};

struct ClassStats {
  std::string name;
  std::size_t samples = 0;
  double mean_ms = 0;
  Estimate p95_ms;             // acknowledgement (a sync class: its response)
  double completion_mean_ms = 0;
  Estimate completion_p95_ms;  // wall-clock completion (equals the response without a queue)
};

struct Result {
  std::vector<ClassStats> classes;
  std::vector<std::pair<std::string, double>> utilization;  // component id → busiest station
  // Per component (id order as `utilization`): mean wait for a server and mean time a server is
  // held, per visit; the diagnostics that say which station's wait a latency miss comes from.
  std::vector<std::pair<std::string, double>> wait_ms, holding_ms, holding_scv;
  std::size_t events = 0;
  const ClassStats& of(const std::string& name) const {
    for (const auto& c : classes)
      if (c.name == name) return c;
    return classes.front();
  }
};

namespace detail {

inline double param(const archbench::Component& c, const archbench::KindDecl& k,
                    const std::string& name, const std::string& cls, double fallback) {
  const archbench::ParamDecl* d = k.param(name);
  double value = d ? d->default_value : fallback;
  auto it = c.params.find(name);
  if (it == c.params.end()) return value;
  const auto& v = it->second;
  using T = archbench::ParamValue::Type;
  if (v.type == T::Number) return v.number;
  if (v.type == T::Bool) return v.flag ? 1 : 0;
  if (auto m = v.map.find(cls); m != v.map.end()) return m->second;
  if (auto m = v.map.find("*"); m != v.map.end()) return m->second;
  return value;
}

struct Link {
  int to;
  double latency;
  double weight;
  std::vector<double> calls;  // per class
};

struct Station {
  explicit Station(long long s) : servers(s) {}
  long long servers = 1;
  long long busy = 0;
  std::deque<int> waiting;  // frames, FCFS
  double waited = 0, held = 0, held2 = 0;  // sums over the visits started, s (held2: squares)
  std::size_t visits = 0;
  double area = 0, last = 0;  // time integral of busy servers
  void account(double t) {
    area += static_cast<double>(busy) * (t - last);
    last = t;
  }
};

struct Node {
  std::string id;
  archbench::Behaviour behaviour;
  bool blocking = false;
  std::vector<archbench::ServiceShape> shape;  // per class
  std::vector<double> hit;                     // per class
  std::vector<Link> out;
  int first_station = -1, stations = 0;  // instance or pool stations
  int replica_first = -1, replicas = 0;  // a database's replicas (first_station: primary)
};

// One visit of a request at a node (or a background write applied on a replica).
struct Frame {
  int node = 0, cls = 0, req = 0, parent = -1;  // parent -1: a root (the request or queued job)
  double back = 0;                              // latency of the response to the parent
  int station = -1;
  std::size_t link = 0;
  int reps_left = -1;  // calls still to make on the current link (-1: not started)
  double asked = 0, started = 0;  // when it asked for a server, when it got one
  bool holding = false, decided = false, background = false;
};

struct Request {
  double arrival = 0, ack = 0, end = 0;
  int roots = 0;
  int cls = 0;
  bool measured = false;
};

enum class Ev : std::uint8_t { Arrival, Arrive, ServiceDone, Returned };
struct Event {
  double t;
  std::uint64_t seq;
  Ev type;
  int frame;
  bool operator>(const Event& o) const { return t != o.t ? t > o.t : seq > o.seq; }
};

class Sim {
 public:
  Sim(const archbench::Version& v, const archbench::Catalog& cat, const Options& o)
      : opt_(o), rng_(o.seed) {
    K_ = v.workload.size();
    ack_.resize(K_);
    done_.resize(K_);
    auto index = [&](const std::string& id) {
      for (std::size_t i = 0; i < v.components.size(); ++i)
        if (v.components[i].id == id) return static_cast<int>(i);
      return -1;
    };
    std::vector<bool> only_queue(v.components.size(), true), called(v.components.size(), false);
    for (const auto& c : v.components) {
      const archbench::KindDecl& k = *cat.find(c.kind);
      Node n;
      n.id = c.id;
      n.behaviour = k.behaviour;
      n.blocking = param(c, k, "blocking", "", 0) != 0;
      const double scv = param(c, k, "scv", "", 1);
      for (const auto& r : v.workload) {
        const bool client = k.behaviour == archbench::Behaviour::Client;
        n.shape.push_back(archbench::ServiceShape::fit(
            client ? 0 : param(c, k, "service_ms", r.name, 0) / 1000.0, scv));
        double h = 0;
        if (k.behaviour == archbench::Behaviour::Cache) {
          // Writes never hit unless a map names the class (the catalog's rule).
          auto it = c.params.find("hit_ratio");
          const bool named = it != c.params.end() && it->second.map.count(r.name);
          h = r.op == archbench::Op::Write && !named ? 0 : param(c, k, "hit_ratio", r.name, 0);
        }
        n.hit.push_back(h);
      }
      nodes_.push_back(std::move(n));
    }
    for (const auto& l : v.links) {
      Link sl{index(l.to), l.latency_ms / 1000.0, l.weight, {}};
      for (const auto& r : v.workload)
        sl.calls.push_back(l.calls.by_class.empty() ? l.calls.all.value_or(0.0)
                                                    : l.calls.for_class(r.name, 0.0));
      const int from = index(l.from);
      called[sl.to] = true;
      if (nodes_[from].behaviour != archbench::Behaviour::Queue) only_queue[sl.to] = false;
      nodes_[from].out.push_back(std::move(sl));
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const auto& c = v.components[i];
      const archbench::KindDecl& k = *cat.find(c.kind);
      Node& n = nodes_[i];
      if (n.behaviour == archbench::Behaviour::Client) continue;
      const long long inst = static_cast<long long>(param(c, k, "instances", "", 1));
      const long long conc = static_cast<long long>(param(c, k, "concurrency", "", 1));
      const int reps = static_cast<int>(param(c, k, "read_replicas", "", 0));
      n.first_station = static_cast<int>(stations_.size());
      if (n.behaviour == archbench::Behaviour::Store && reps > 0) {
        n.stations = 1;
        n.replica_first = n.first_station + 1;
        n.replicas = reps;
        for (int r = 0; r <= reps; ++r) stations_.emplace_back(conc);
      } else if (called[i] && only_queue[i]) {
        n.stations = 1;
        stations_.emplace_back(inst * conc);
      } else {
        n.stations = static_cast<int>(inst);
        for (long long r = 0; r < inst; ++r) stations_.emplace_back(conc);
      }
    }
    for (const auto& r : v.workload) {
      rate_.push_back(o.load * r.peak_rate());
      entry_.push_back(index(r.entry));
      write_.push_back(r.op == archbench::Op::Write);
      names_.push_back(r.name);
      total_rate_ += rate_.back();
    }
  }

  Result run() {
    const double end_arrivals = opt_.warmup_s + opt_.measure_s;
    schedule(exp_(total_rate_), Ev::Arrival, -1);
    std::size_t pending = 0;  // measured requests not finished yet
    bool arrivals = true;
    while (!calendar_.empty()) {
      const Event e = calendar_.top();
      calendar_.pop();
      now_ = e.t;
      ++events_;
      switch (e.type) {
        case Ev::Arrival: {
          if (now_ >= end_arrivals) arrivals = false;
          if (!arrivals) {
            if (pending == 0) calendar_ = {};
            break;
          }
          const int k = pick_class();
          Request r;
          r.arrival = now_;
          r.cls = k;
          r.measured = now_ >= opt_.warmup_s;
          r.roots = 1;
          if (r.measured) ++pending;
          requests_.push_back(r);
          const int f = new_frame(entry_[k], k, static_cast<int>(requests_.size() - 1), -1, 0);
          arrive(f);
          schedule(now_ + exp_(total_rate_), Ev::Arrival, -1);
          break;
        }
        case Ev::Arrive: arrive(e.frame); break;
        case Ev::ServiceDone: service_done(e.frame); break;
        case Ev::Returned: proceed(e.frame); break;
      }
      while (!finished_.empty()) {
        const int q = finished_.back();
        finished_.pop_back();
        if (requests_[q].measured) {
          record(requests_[q]);
          --pending;
        }
      }
      if (!arrivals && pending == 0) break;
    }
    return summarize();
  }

 private:
  void schedule(double t, Ev type, int frame) { calendar_.push({t, seq_++, type, frame}); }
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  double exp_(double rate) { return std::exponential_distribution<double>(rate)(rng_); }
  int pick_class() {
    double u = uniform() * total_rate_;
    for (std::size_t k = 0; k < K_; ++k) {
      if (u < rate_[k]) return static_cast<int>(k);
      u -= rate_[k];
    }
    return static_cast<int>(K_ - 1);
  }
  double sample(const archbench::ServiceShape& s) {
    using T = archbench::ServiceShape::Type;
    auto erlang = [&](int k, double rate) {
      double x = 0;
      for (int i = 0; i < k; ++i) x += exp_(rate);
      return x;
    };
    switch (s.type) {
      case T::Zero: return 0;
      case T::Deterministic: return s.mean;
      case T::Exponential: return exp_(s.rate1);
      case T::ErlangMix: return uniform() < s.p ? erlang(s.k - 1, s.rate1) : erlang(s.k, s.rate1);
      case T::Hyper2: return uniform() < s.p ? exp_(s.rate1) : exp_(s.rate2);
    }
    return 0;
  }
  int new_frame(int node, int cls, int req, int parent, double back) {
    int f;
    if (!free_.empty()) {
      f = free_.back();
      free_.pop_back();
      frames_[f] = Frame{};
    } else {
      f = static_cast<int>(frames_.size());
      frames_.emplace_back();
    }
    Frame& fr = frames_[f];
    fr.node = node;
    fr.cls = cls;
    fr.req = req;
    fr.parent = parent;
    fr.back = back;
    return f;
  }
  void start(int f, int s) {
    stations_[s].account(now_);
    ++stations_[s].busy;
    frames_[f].holding = true;
    frames_[f].started = now_;
    if (!frames_[f].background) {
      stations_[s].waited += now_ - frames_[f].asked;
      ++stations_[s].visits;
    }
    schedule(now_ + sample(nodes_[frames_[f].node].shape[frames_[f].cls]), Ev::ServiceDone, f);
  }
  void release(int f) {
    Frame& fr = frames_[f];
    if (!fr.holding) return;
    fr.holding = false;
    Station& s = stations_[fr.station];
    s.account(now_);
    if (!fr.background) {
      s.held += now_ - fr.started;
      s.held2 += (now_ - fr.started) * (now_ - fr.started);
    }
    --s.busy;
    if (!s.waiting.empty()) {
      const int next = s.waiting.front();
      s.waiting.pop_front();
      start(next, fr.station);
    }
  }
  void request_server(int f, int s) {
    frames_[f].station = s;
    frames_[f].asked = now_;
    if (stations_[s].busy < stations_[s].servers) start(f, s);
    else stations_[s].waiting.push_back(f);
  }
  void arrive(int f) {
    const Node& n = nodes_[frames_[f].node];
    const int k = frames_[f].cls;
    if (n.first_station < 0) return proceed(f);
    if (n.replicas > 0) {
      if (!write_[k]) {
        request_server(f, n.replica_first + static_cast<int>(uniform() * n.replicas));
        return;
      }
      for (int r = 0; r < n.replicas; ++r) {  // applied on every replica, not waited for
        const int b = new_frame(frames_[f].node, k, frames_[f].req, -1, 0);
        frames_[b].background = true;
        request_server(b, n.replica_first + r);
      }
      return request_server(f, n.first_station);
    }
    const int pick = n.stations > 1 ? static_cast<int>(uniform() * n.stations) : 0;
    request_server(f, n.first_station + std::min(pick, n.stations - 1));
  }
  void service_done(int f) {
    if (frames_[f].background) {
      release(f);
      free_.push_back(f);
      return;
    }
    if (!nodes_[frames_[f].node].blocking) release(f);
    proceed(f);
  }
  void call(int f, const Link& l, bool async) {
    const int cls = frames_[f].cls, req = frames_[f].req;  // new_frame may move frames_
    const int child = new_frame(l.to, cls, req, async ? -1 : f, l.latency);
    if (async) ++requests_[req].roots;
    schedule(now_ + l.latency, Ev::Arrive, child);
  }
  int one_of(const Node& n, int k) {
    double total = 0;
    for (const auto& l : n.out) total += l.weight * l.calls[k];
    double u = uniform() * total;
    for (std::size_t i = 0; i < n.out.size(); ++i) {
      const double w = n.out[i].weight * n.out[i].calls[k];
      if (w <= 0) continue;
      if (u < w) return static_cast<int>(i);
      u -= w;
    }
    for (std::size_t i = n.out.size(); i-- > 0;)
      if (n.out[i].weight * n.out[i].calls[k] > 0) return static_cast<int>(i);
    return -1;
  }
  // Continues a visit after its own work or after a call returned.
  void proceed(int f) {
    Frame& fr = frames_[f];
    const Node& n = nodes_[fr.node];
    const int k = fr.cls;
    using B = archbench::Behaviour;
    switch (n.behaviour) {
      case B::Store: return finish(f);
      case B::Split:
        if (fr.decided) return finish(f);
        fr.decided = true;
        if (const int l = one_of(n, k); l >= 0) return call(f, n.out[l], false);
        return finish(f);
      case B::Queue:
        if (const int l = one_of(n, k); l >= 0) call(f, n.out[l], true);
        return finish(f);  // acknowledged at once
      case B::Cache:
        if (!fr.decided) {
          fr.decided = true;
          if (uniform() < n.hit[k]) return finish(f);
        }
        break;
      case B::Client:
      case B::Service: break;
    }
    while (fr.link < n.out.size()) {
      if (fr.reps_left < 0) {
        const double c = n.out[fr.link].calls[k];
        const double whole = std::floor(c);
        fr.reps_left = static_cast<int>(whole) + (uniform() < c - whole ? 1 : 0);
      }
      if (fr.reps_left > 0) {
        --fr.reps_left;
        return call(f, n.out[fr.link], false);
      }
      ++fr.link;
      fr.reps_left = -1;
    }
    finish(f);
  }
  void finish(int f) {
    release(f);
    Frame& fr = frames_[f];
    if (fr.parent >= 0) {
      schedule(now_ + fr.back, Ev::Returned, fr.parent);
    } else {
      Request& r = requests_[fr.req];
      if (fr.node == entry_[r.cls] && r.ack == 0) r.ack = now_;
      r.end = std::max(r.end, now_);
      if (--r.roots == 0) finished_.push_back(fr.req);
    }
    free_.push_back(f);
  }
  void record(const Request& r) {
    ack_[r.cls].push_back({r.arrival, r.ack - r.arrival});
    done_[r.cls].push_back({r.arrival, r.end - r.arrival});
  }
  static Estimate p95(std::vector<std::pair<double, double>> s) {
    auto q = [](std::vector<double>& x) {
      if (x.empty()) return 0.0;
      const std::size_t i = static_cast<std::size_t>(0.95 * static_cast<double>(x.size() - 1));
      std::nth_element(x.begin(), x.begin() + static_cast<long>(i), x.end());
      return x[i];
    };
    std::sort(s.begin(), s.end());
    std::vector<double> all;
    for (const auto& p : s) all.push_back(p.second * 1000);
    Estimate e;
    e.value = q(all);
    constexpr int kBatches = 10;
    std::vector<double> b;
    for (int i = 0; i < kBatches; ++i) {
      std::vector<double> part;
      for (std::size_t j = s.size() * i / kBatches; j < s.size() * (i + 1) / kBatches; ++j)
        part.push_back(s[j].second * 1000);
      b.push_back(q(part));
    }
    double m = 0, v = 0;
    for (double x : b) m += x / kBatches;
    for (double x : b) v += (x - m) * (x - m) / (kBatches - 1);
    e.half_width = 2.262 * std::sqrt(v / kBatches);  // t(0.975, 9)
    return e;
  }
  Result summarize() {
    Result out;
    out.events = events_;
    for (std::size_t k = 0; k < K_; ++k) {
      ClassStats c;
      c.name = names_[k];
      c.samples = ack_[k].size();
      for (const auto& p : ack_[k]) c.mean_ms += p.second * 1000 / static_cast<double>(c.samples);
      for (const auto& p : done_[k])
        c.completion_mean_ms += p.second * 1000 / static_cast<double>(c.samples);
      c.p95_ms = p95(ack_[k]);
      c.completion_p95_ms = p95(done_[k]);
      out.classes.push_back(c);
    }
    for (const auto& n : nodes_) {
      if (n.first_station < 0) continue;
      double busiest = 0, waited = 0, held = 0, held2 = 0;
      std::size_t visits = 0;
      const int count = n.stations + n.replicas;
      for (int s = n.first_station; s < n.first_station + count; ++s) {
        stations_[s].account(now_);
        busiest = std::max(busiest, stations_[s].area / now_ / static_cast<double>(stations_[s].servers));
        waited += stations_[s].waited;
        held += stations_[s].held;
        held2 += stations_[s].held2;
        visits += stations_[s].visits;
      }
      out.utilization.push_back({n.id, busiest});
      const double per = visits > 0 ? 1000.0 / static_cast<double>(visits) : 0.0;
      out.wait_ms.push_back({n.id, waited * per});
      out.holding_ms.push_back({n.id, held * per});
      const double m1 = held * per / 1000, m2 = held2 * per / 1000;
      out.holding_scv.push_back({n.id, m1 > 0 ? m2 / (m1 * m1) - 1 : 0.0});
    }
    return out;
  }

  Options opt_;
  std::mt19937_64 rng_;
  std::size_t K_ = 0;
  std::vector<Node> nodes_;
  std::vector<Station> stations_;
  std::vector<double> rate_;
  std::vector<int> entry_;
  std::vector<bool> write_;
  std::vector<std::string> names_;
  double total_rate_ = 0;
  std::vector<Frame> frames_;
  std::vector<int> free_;
  std::vector<Request> requests_;
  std::vector<int> finished_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> calendar_;
  std::uint64_t seq_ = 0;
  double now_ = 0;
  std::size_t events_ = 0;
  std::vector<std::vector<std::pair<double, double>>> ack_, done_;  // per class: (arrival, s)
};

}  // namespace detail

inline Result simulate(const archbench::Version& v, const archbench::Catalog& cat, const Options& o) {
  detail::Sim s(v, cat, o);
  return s.run();
}

}  // namespace mini_sim
