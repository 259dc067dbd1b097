// Faults switched on and off in simulated time, and the timeline. At each start or end of a
// fault the state every active fault implies is computed afresh (which instances are down,
// slow factors, flushed caches, hung stations, cut links, the traffic multiplier) and the
// differences are applied: visits a crashed instance held are lost, a restarted one takes its
// queue again, parked calls fail when a hang or a cut ends.
#include <algorithm>
#include <cmath>

#include "sim/run.h"

namespace archbench::sim {

void Run::fault_edge(int index, bool starts) {
  fault_active_[static_cast<std::size_t>(index)] = starts ? 1 : 0;
  apply_faults();
}

void Run::apply_faults() {
  std::vector<NodeState> next(nodes_.size());
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    next[i].instance_down.assign(nodes_[i].instance_down.size(), 0);
  std::vector<char> cut(links_.size(), 0);
  double spike = 1;
  for (std::size_t j = 0; j < faults_.size(); ++j) {
    if (!fault_active_[j]) continue;
    const SimFault& x = faults_[j];
    NodeState* ns = x.node >= 0 ? &next[static_cast<std::size_t>(x.node)] : nullptr;
    switch (x.type) {
      case FaultType::Crash:
        std::fill(ns->instance_down.begin(), ns->instance_down.end(), 1);
        break;
      case FaultType::Hang:
        ns->hung = true;
        break;
      case FaultType::Lose: {
        auto& down = ns->instance_down;
        const SimNode& n = m_.nodes[static_cast<std::size_t>(x.node)];
        if (n.shards > 1) {  // whole shards, the hot one (shard 0) first
          const std::size_t per_shard = down.size() / static_cast<std::size_t>(n.shards);
          const auto lost = static_cast<std::size_t>(std::min(x.instances, n.shards)) * per_shard;
          std::fill(down.begin(), down.begin() + static_cast<std::ptrdiff_t>(lost), 1);
          break;
        }
        // The last instances go first (a database: its replicas, then the primary, node 0).
        for (int i = 0; i < x.instances && i < static_cast<int>(down.size()); ++i)
          down[down.size() - 1 - static_cast<std::size_t>(i)] = 1;
        break;
      }
      case FaultType::Slow:
        ns->slow_factor *= x.factor;
        ns->slow_add += x.add_s;
        break;
      case FaultType::Flush:
        ns->flushed = true;
        ns->flush_hit = x.hit;
        break;
      case FaultType::Cut:
        cut[static_cast<std::size_t>(x.link)] = 1;
        break;
      case FaultType::Zone:
        for (std::size_t i = 0; i < m_.nodes.size(); ++i) {
          const auto& zones = m_.nodes[i].instance_zone;
          for (std::size_t n = 0; n < zones.size() && n < next[i].instance_down.size(); ++n)
            if (zones[n] == x.zone) next[i].instance_down[n] = 1;
        }
        break;
      case FaultType::Region:
        for (std::size_t i = 0; i < m_.nodes.size(); ++i) {
          const auto& regions = m_.nodes[i].instance_region;
          for (std::size_t n = 0; n < regions.size() && n < next[i].instance_down.size(); ++n)
            if (!x.region.empty() && regions[n] == x.region) next[i].instance_down[n] = 1;
        }
        break;
      case FaultType::Spike:
        spike *= x.factor;
        break;
      case FaultType::Partition:
        break;  // refused before the run
    }
  }
  any_down_ = false;
  any_slow_ = false;
  for (const auto& ns : next) {
    any_slow_ = any_slow_ || ns.slow_factor != 1 || ns.slow_add != 0;
    for (const char d : ns.instance_down) any_down_ = any_down_ || d;
  }
  // Stations: servers up, hung or not.
  for (std::size_t i = 0; i < m_.nodes.size(); ++i) {
    const SimNode& n = m_.nodes[i];
    NodeState& ns = nodes_[i];
    NodeState& to = next[i];
    ns.slow_factor = to.slow_factor;
    ns.slow_add = to.slow_add;
    ns.flushed = to.flushed;
    ns.flush_hit = to.flush_hit;
    ns.instance_down = to.instance_down;
    if (n.role_first[0] < 0) continue;
    const long long down =
        std::count(ns.instance_down.begin(), ns.instance_down.end(), static_cast<char>(1));
    int instance = 0;  // shard by shard, role by role (SimNode)
    ns.up[0].clear();
    ns.up[1].clear();
    for (int sr = 0; sr < 2 * n.shards; ++sr) {
      const int shard = sr / 2, r = sr % 2;
      for (int j = 0; j < n.role_count[r]; ++j, ++instance) {
        const int s = n.role_first[r] + shard * n.shard_stride + j;
        const Station& st = stations_[static_cast<std::size_t>(s)];
        const long long up =
            n.pool ? (n.instances - down) * n.concurrency
                   : (ns.instance_down[static_cast<std::size_t>(instance)] ? 0 : st.servers);
        if (up != st.up) station_capacity(s, up);
        if (up > 0) ns.up[r].push_back(s);
        Station& sm = stations_[static_cast<std::size_t>(s)];
        if (sm.hung != to.hung) {
          sm.hung = to.hung;
          if (!sm.hung) {
            // The hang ends with a restart: what it took never gets an answer (a consumer
            // pool's messages are delivered again).
            std::vector<int> parked;
            parked.swap(sm.parked);
            for (const int f : parked) {
              if (frame(f).phase != Phase::Parked) continue;
              if (n.pool) {
                request_server(f, s);
              } else {
                frame(f).phase = Phase::Calling;
                kill(f);
              }
            }
          }
        }
      }
    }
    ns.hung = to.hung;
  }
  // Links: attempts sent over a cut link fail when it is back (a queue's messages go on).
  for (std::size_t l = 0; l < links_.size(); ++l) {
    LinkState& ls = links_[l];
    const bool was = ls.cut;
    ls.cut = cut[l] != 0;
    if (!was || ls.cut) continue;
    std::vector<int> parked;
    parked.swap(ls.parked);
    for (const int child : parked) {
      if (m_.links[l].async) {
        schedule_frame(now_ + m_.links[l].latency(frame(child).cls), Ev::Arrive, child);
      } else {
        frame(child).outcome = Outcome::Failed;
        frame(child).phase = Phase::Done;
        schedule_frame(now_, Ev::Returned, child);
      }
    }
  }
  spike_ = spike;
  update_rates();
}

// A station's servers up change to `up`. Down to none, it loses every visit it holds or
// queues (they fail, and their callers learn it after the link's latency), except a consumer
// pool behind a queue, whose messages wait and whose jobs in progress go back to the queue.
// Fewer but some: visits in service finish; new ones start as servers free up. More: the
// queue starts on the new servers.
void Run::station_capacity(int s, long long up) {
  Station& st = stations_[static_cast<std::size_t>(s)];
  st.account(now_);
  const long long before = st.up;
  st.up = up;
  const int node = m_.station_node[static_cast<std::size_t>(s)];
  const bool pool = m_.nodes[static_cast<std::size_t>(node)].pool;
  if (up == 0 && before > 0) {
    // Every visit at this station, in service, waiting on a call or queued, in frame order;
    // the branches of parallel calls its visits make are lost after them (a consumer's job,
    // started again, no longer waits for them).
    std::vector<std::pair<int, std::uint32_t>> branches;  // frame, epoch
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      Frame& fr = frames_[i];
      if (fr.epoch == 0 || fr.station != s || fr.background != false) continue;
      if (fr.phase != Phase::InService && fr.phase != Phase::Calling) continue;
      const int f = static_cast<int>(i);
      if (fr.branch) {
        branches.emplace_back(f, fr.epoch);
      } else if (pool) {
        // The job starts again from the beginning when a consumer is back.
        if (fr.in_flight) --links_[static_cast<std::size_t>(fr.call_link)].in_flight;
        if (fr.holding) {
          fr.holding = false;
          --st.busy;
        }
        const Frame old = fr;
        fr = Frame{};
        fr.node = old.node;
        fr.cls = old.cls;
        fr.req = old.req;
        fr.in_link = old.in_link;
        fr.trace = old.trace;
        fr.span = old.span;
        fr.epoch = ++epochs_ == 0 ? ++epochs_ : epochs_;
        fr.station = s;
        fr.enqueued = now_;
        fr.phase = Phase::Waiting;
        st.waiting.push_front(f);
      } else {
        kill(f);
      }
    }
    for (const auto& [f, epoch] : branches)
      if (frame(f).epoch == epoch && frame(f).phase == Phase::Calling) kill(f);
    for (std::size_t i = 0; i < frames_.size(); ++i) {  // replicas' background writes
      Frame& fr = frames_[i];
      if (fr.epoch != 0 && fr.background && fr.station == s && fr.holding) {
        fr.holding = false;
        --st.busy;
        free_frame(static_cast<int>(i));
      }
    }
    if (!pool) {
      while (!st.waiting.empty()) {
        const int f = st.waiting.pop();
        if (frame(f).background) {
          free_frame(f);
        } else {
          frame(f).phase = Phase::Calling;
          kill(f);
        }
      }
      std::vector<int> parked;
      parked.swap(st.parked);
      for (const int f : parked) {
        if (frame(f).phase != Phase::Parked) continue;
        frame(f).phase = Phase::Calling;
        kill(f);
      }
    }
  }
  while (!st.waiting.empty() && st.busy < st.up) start(st.waiting.pop(), st);
}

// A visit lost with its station: its call in progress is abandoned, and it ends failed.
void Run::kill(int f) {
  Frame& fr = frame(f);
  if (fr.in_flight) {
    --links_[static_cast<std::size_t>(fr.call_link)].in_flight;
    if (m_.links[static_cast<std::size_t>(fr.call_link)].pool_want > 0)
      release_pool_connection(f, fr.call_link);
    fr.in_flight = false;
  }
  fr.token = 0;
  fr.call_link = -1;
  if (fr.holding) {
    Station& st = stations_[static_cast<std::size_t>(fr.station)];
    st.account(now_);
    --st.busy;
    fr.holding = false;
  }
  finish(f, Outcome::Failed);
}

void Run::open_timeline() {
  SimTimeline t;
  t.step_s = o_.timeline_step_s;
  const std::size_t K = m_.K;
  t.arrived.assign(K, {});
  t.answered.assign(K, {});
  t.degraded.assign(K, {});
  t.failed.assign(K, {});
  t.mean_ms.assign(K, {});
  t.p95_ms.assign(K, {});
  t.calls_per_s.assign(m_.links.size(), {});
  step_latencies_.assign(K, Histogram{});
  step_attempts_.assign(m_.links.size(), 0);
  t.utilization.assign(m_.nodes.size(), {});
  t.queue_length.assign(m_.nodes.size(), {});
  t.instances_down.assign(m_.nodes.size(), {});
  for (std::size_t l = 0; l < m_.links.size(); ++l)
    if (m_.links[l].breaker) breaker_links_.push_back(static_cast<int>(l));
  t.breaker.assign(breaker_links_.size(), {});
  step_arrived_.assign(K, 0);
  step_answered_.assign(K, 0);
  step_degraded_.assign(K, 0);
  step_failed_.assign(K, 0);
  step_latency_.assign(K, 0);
  out_.timeline = std::move(t);
  next_sample_ = o_.timeline_step_s;
}

// Closes the step that ends now, before any event at this time: states are those just before.
void Run::sample() {
  SimTimeline& t = *out_.timeline;
  const double step = t.step_s;
  t.start_s.push_back(now_ - step);
  for (std::size_t k = 0; k < m_.K; ++k) {
    t.arrived[k].push_back(step_arrived_[k]);
    t.answered[k].push_back(step_answered_[k]);
    t.degraded[k].push_back(step_degraded_[k]);
    t.failed[k].push_back(step_failed_[k]);
    t.mean_ms[k].push_back(
        step_answered_[k] ? 1000 * step_latency_[k] / static_cast<double>(step_answered_[k]) : 0);
    step_arrived_[k] = step_answered_[k] = step_degraded_[k] = step_failed_[k] = 0;
    step_latency_[k] = 0;
    t.p95_ms[k].push_back(1000 * step_latencies_[k].quantile(0.95));
    step_latencies_[k].clear();
  }
  for (std::size_t l = 0; l < step_attempts_.size(); ++l) {
    t.calls_per_s[l].push_back(static_cast<double>(step_attempts_[l]) / step);
    step_attempts_[l] = 0;
  }
  for (std::size_t i = 0; i < m_.nodes.size(); ++i) {
    // Utilization: of the busiest group of alike stations (a role of one shard: a database's
    // primary, its replicas, a sharded store's hot shard) over the run so far, averaged over
    // the group's servers, as the summary's busiest station is; the group is chosen on the
    // whole run, since a maximum over one step's noisy figures would be biased up. Queue:
    // visits waiting at all its stations.
    const SimNode& n = m_.nodes[i];
    double utilization = 0, busiest = -1, queue = 0;
    for (int sr = 0; n.role_first[0] >= 0 && sr < 2 * n.shards; ++sr) {
      const int shard = sr / 2, r = sr % 2;
      double busy = 0, total = 0, servers = 0;
      for (int j = 0; j < n.role_count[r]; ++j) {
        const int at = n.role_first[r] + shard * n.shard_stride + j;
        Station& st = stations_[static_cast<std::size_t>(at)];
        st.account(now_);
        busy += st.busy_area - st.busy_step;
        total += st.busy_area;
        queue += st.queue_area - st.queue_step;
        servers += static_cast<double>(st.servers);
        st.busy_step = st.busy_area;
        st.queue_step = st.queue_area;
      }
      if (servers > 0 && total / servers > busiest) {
        busiest = total / servers;
        utilization = busy / (step * servers);
      }
    }
    t.utilization[i].push_back(utilization);
    t.queue_length[i].push_back(queue / step);
    t.instances_down[i].push_back(static_cast<int>(std::count(
        nodes_[i].instance_down.begin(), nodes_[i].instance_down.end(), static_cast<char>(1))));
  }
  for (std::size_t j = 0; j < breaker_links_.size(); ++j) {
    const LinkState& ls = links_[static_cast<std::size_t>(breaker_links_[j])];
    const char* state = "closed";
    if (ls.breaker == LinkState::Breaker::HalfOpen ||
        (ls.breaker == LinkState::Breaker::Open && now_ >= ls.open_until))
      state = "half-open";
    else if (ls.breaker == LinkState::Breaker::Open)
      state = "open";
    t.breaker[j].push_back(state);
  }
}

void Run::report_progress() {
  const auto covered = static_cast<std::int64_t>(std::llround(std::min(now_, o_.duration_s) * 1e6));
  if (covered <= reported_us_) return;
  o_.control->simulated_us.fetch_add(covered - reported_us_, std::memory_order_relaxed);
  reported_us_ = covered;
}

}  // namespace archbench::sim
