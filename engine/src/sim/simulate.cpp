#include "archbench/simulate.h"
#include "archbench/scaling.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "analytic/compiled.h"
#include "archbench/error.h"
#include "archbench/validate.h"
#include "sim/replication.h"
#include "sim/sim_model.h"

namespace archbench {

double SimControl::fraction() const {
  const auto total = total_us.load(std::memory_order_relaxed);
  if (total <= 0) return 0;
  return std::clamp(static_cast<double>(simulated_us.load(std::memory_order_relaxed)) /
                        static_cast<double>(total),
                    0.0, 1.0);
}

namespace {

using sim::Histogram;

// Student t quantile t(0.975, df): exact to three decimals up to 30 degrees, then the
// Cornish–Fisher expansion around z = 1.959964 (error below 1e-4 from 30 on).
double t975(int df) {
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df <= 30) return table[std::max(df, 1) - 1];
  const double z = 1.959964, d = df;
  return z + (z * z * z + z) / (4 * d) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

// The 95% half-width of the mean of independent unit estimates.
double half_width(const std::vector<double>& units) {
  const std::size_t n = units.size();
  if (n < 2) return 0;
  double m = 0, v = 0;
  for (double x : units) m += x / static_cast<double>(n);
  for (double x : units) v += (x - m) * (x - m) / static_cast<double>(n - 1);
  return t975(static_cast<int>(n) - 1) * std::sqrt(v / static_cast<double>(n));
}

constexpr double kQuantiles[] = {0.5, 0.95, 0.99, 0.999};

// One unit of the interval estimate (a batch, or a whole replication): its figures per class.
struct UnitFigures {
  bool any = false;
  double sum = 0;  // s
  std::uint64_t count = 0;
  double mean = 0;
  double q[4] = {0, 0, 0, 0};
};

UnitFigures unit_of(const Histogram& h, double sum, std::uint64_t count) {
  UnitFigures u;
  if (count == 0) return u;
  u.any = true;
  u.sum = sum;
  u.count = count;
  u.mean = sum / static_cast<double>(count);
  for (int i = 0; i < 4; ++i) u.q[i] = h.quantile(kQuantiles[i]);
  return u;
}

// Everything kept of the runs for one class and one measure (ack or completion).
struct Pooled {
  Histogram all;
  std::vector<UnitFigures> units;
  std::uint64_t count() const { return all.count(); }
};

SimLatency latency_of(const Pooled& p) {
  SimLatency l;
  auto estimate = [&](double value, auto field) {
    std::vector<double> xs;
    for (const auto& u : p.units)
      if (u.any) xs.push_back(field(u) * 1000);
    return SimEstimate{value * 1000, half_width(xs)};
  };
  // The pooled mean sums the units in their order: the same figure whatever the threads did.
  double sum = 0;
  std::uint64_t count = 0;
  for (const auto& u : p.units) {
    sum += u.sum;
    count += u.count;
  }
  l.mean = estimate(sum / static_cast<double>(count), [](const UnitFigures& u) { return u.mean; });
  SimEstimate* targets[] = {&l.p50, &l.p95, &l.p99, &l.p999};
  for (int i = 0; i < 4; ++i)
    *targets[i] =
        estimate(p.all.quantile(kQuantiles[i]), [i](const UnitFigures& u) { return u.q[i]; });
  return l;
}

void check(const SimulateOptions& o) {
  auto bad = [](const std::string& what) { throw std::invalid_argument(what); };
  if (!(o.load >= 0) || o.load > 1e9) bad("the load multiplier must lie between 0 and 1e9");
  if (!(o.duration_s > 0) || o.duration_s > 1e9) bad("the duration must lie between 0 and 1e9 s");
  if (!(o.warmup_s >= 0) || o.warmup_s >= o.duration_s)
    bad("the warm-up must be shorter than the duration");
  if (!(o.timeline_step_s >= 0)) bad("the timeline's step must not be negative");
  if (o.timeline_step_s > 0 &&
      (o.duration_s + std::max(o.duration_s - o.warmup_s, 60.0)) / o.timeline_step_s > 1e7)
    bad("the timeline would have more than 10 million steps");
  if (o.replications < 1 || o.replications > 10000)
    bad("replications must lie between 1 and 10000");
  if (o.batches < 2 || o.batches > 100) bad("batches must lie between 2 and 100");
  if (o.threads < 0) bad("threads must not be negative");
  if (o.traces < 0 || o.traces > 1000) bad("traces must lie between 0 and 1000");
  const ArrivalShape& a = o.arrivals;
  if (a.kind == ArrivalShape::Kind::Bursty) {
    if (!(a.burst_factor >= 1 && a.burst_factor <= 1000))
      bad("the burst factor must lie between 1 and 1000");
    if (!(a.burst_share > 0 && a.burst_share < 1))
      bad("the burst share must lie strictly between 0 and 1");
    if (!(a.burst_mean_s > 0 && a.burst_mean_s <= 1e9))
      bad("the mean burst must last between 0 and 1e9 s");
  }
  if (a.profile == ArrivalShape::Profile::Ramp &&
      !(a.ramp_from >= 0 && a.ramp_to >= 0 && a.ramp_from <= 1000 && a.ramp_to <= 1000 &&
        a.ramp_from + a.ramp_to > 0))
    bad("a ramp's multipliers must lie between 0 and 1000, not both 0");
  if (a.profile == ArrivalShape::Profile::Daily &&
      !(a.daily_amplitude >= 0 && a.daily_amplitude <= 1 && a.daily_period_s > 0 &&
        a.daily_period_s <= 1e9 && std::isfinite(a.daily_peak_s)))
    bad("a daily curve's amplitude must lie between 0 and 1 and its period above 0");
}

// The options' faults against the model: ids to indices. Throws std::invalid_argument for a
// fault the simulator does not play (partition) or that names nothing in the version.
std::vector<sim::SimFault> resolve(const std::vector<TimedFault>& faults, const CompiledVersion& cv,
                                   const sim::SimModel& m) {
  std::vector<sim::SimFault> out;
  auto node_of = [&](const std::string& id) {
    for (std::size_t i = 0; i < cv.nodes.size(); ++i)
      if (cv.nodes[i].id == id) return static_cast<int>(i);
    throw std::invalid_argument("no component with id \"" + id + "\"");
  };
  for (const auto& tf : faults) {
    const Fault& f = tf.fault;
    if (!(tf.start_s >= 0) || !(tf.end_s > tf.start_s) || !std::isfinite(tf.end_s))
      throw std::invalid_argument("a fault's window must end after it starts");
    sim::SimFault x;
    x.type = f.type;
    x.start = tf.start_s;
    x.end = tf.end_s;
    x.factor = f.factor;
    x.add_s = f.add_ms / 1000;
    x.instances = f.instances;
    x.hit = f.hit_ratio;
    switch (f.type) {
      case FaultType::Partition:
        throw std::invalid_argument("a partition is not simulated (what-if evaluates it)");
      case FaultType::Spike:
        break;
      case FaultType::Region:
        x.region = f.zone;  // a region fault keeps its region in Fault::zone
        break;
      case FaultType::Zone: {
        const auto at = std::find(m.zones.begin(), m.zones.end(), f.zone);
        if (at == m.zones.end())
          throw std::invalid_argument("no component is placed in zone \"" + f.zone + "\"");
        x.zone = static_cast<int>(at - m.zones.begin());
        break;
      }
      case FaultType::Cut: {
        const int from = node_of(f.component), to = node_of(f.to);
        for (std::size_t l = 0; l < m.links.size(); ++l)
          if (m.links[l].from == from && m.links[l].to == to) x.link = static_cast<int>(l);
        if (x.link < 0) throw std::invalid_argument("no link " + f.component + " -> " + f.to);
        break;
      }
      default:
        x.node = node_of(f.component);
        break;
    }
    out.push_back(x);
  }
  return out;
}

}  // namespace

std::string SimSpan::place() const {
  if (shard < 0) return component;
  return component + " · " + (shard == 0 ? std::string("hot shard") : "shard " + std::to_string(shard + 1));
}

const SimClassResult* SimReport::request_class(const std::string& name) const {
  for (const auto& c : classes)
    if (c.name == name) return &c;
  return nullptr;
}

const SimComponentResult* SimReport::component(const std::string& id) const {
  for (const auto& c : components)
    if (c.id == id) return &c;
  return nullptr;
}

SimulationModel::SimulationModel(const Version& version, const Catalog& catalog)
    : compiled_(std::make_unique<CompiledVersion>(version, catalog)),
      model_(std::make_unique<sim::SimModel>(*compiled_, version, catalog)) {}
SimulationModel::~SimulationModel() = default;
SimulationModel::SimulationModel(SimulationModel&&) noexcept = default;
SimulationModel& SimulationModel::operator=(SimulationModel&&) noexcept = default;

SimReport SimulationModel::run(const SimulateOptions& options) const {
  check(options);
  const sim::SimModel& m = *model_;
  const std::vector<sim::SimFault> faults = resolve(options.faults, *compiled_, m);
  sim::check_restarts(options.restarts, m);
  const std::size_t K = m.K;
  const int R = options.replications;
  const int batches = R == 1 ? options.batches : 1;

  std::vector<Pooled> ack(K), done(K), fail(K);
  for (std::size_t k = 0; k < K; ++k)
    for (auto* p : {&ack[k], &done[k], &fail[k]})
      p->units.assign(static_cast<std::size_t>(R * batches), {});
  std::vector<std::vector<sim::StationFigures>> stations(static_cast<std::size_t>(R));
  std::vector<std::vector<sim::ClassCounts>> counts(static_cast<std::size_t>(R));
  std::vector<std::vector<sim::LinkFigures>> links(static_cast<std::size_t>(R));
  std::optional<SimTimeline> timeline;
  std::vector<sim::TraceRecord> traces;
  std::vector<std::uint64_t> events(static_cast<std::size_t>(R));
  std::vector<double> stopped(static_cast<std::size_t>(R));
  std::vector<double> measured_time(static_cast<std::size_t>(R));
  std::mutex merge;
  std::atomic<int> next{0};

  if (options.control) {
    options.control->simulated_us = 0;
    options.control->total_us =
        static_cast<std::int64_t>(std::llround(options.duration_s * 1e6)) * R;
  }
  // Each worker takes the next replication; its result is reduced into per-unit figures at
  // its index and its histograms are added to the pooled ones (integer counts: the order of
  // the additions does not change the sum), so the report does not depend on the scheduling.
  std::exception_ptr error;  // the first replication's exception (a cancel), rethrown below
  auto replicate = [&] {
    for (int r = next++; r < R; r = next++) {
      sim::ReplicationResult res = sim::run_replication(m, options, faults, r, batches,
                                                        r == 0 && options.timeline_step_s > 0);
      const auto ri = static_cast<std::size_t>(r);
      for (std::size_t k = 0; k < K; ++k) {
        for (int b = 0; b < batches; ++b) {
          const auto& f = res.batches[k][static_cast<std::size_t>(b)];
          const auto u = ri * static_cast<std::size_t>(batches) + static_cast<std::size_t>(b);
          ack[k].units[u] = unit_of(f.ack, f.ack_sum, f.count);
          if (m.async[k]) done[k].units[u] = unit_of(f.done, f.done_sum, f.count);
          fail[k].units[u] = unit_of(f.failed, f.failed_sum, f.failed_count);
        }
      }
      {
        const std::lock_guard<std::mutex> lock(merge);
        for (std::size_t k = 0; k < K; ++k) {
          for (const auto& f : res.batches[k]) {
            ack[k].all.merge(f.ack);
            if (m.async[k]) done[k].all.merge(f.done);
            fail[k].all.merge(f.failed);
          }
        }
      }
      stations[ri] = std::move(res.stations);
      links[ri] = std::move(res.links);
      if (res.timeline) timeline = std::move(res.timeline);
      if (r == 0) traces = std::move(res.traces);
      counts[ri] = std::move(res.counts);
      events[ri] = res.events;
      stopped[ri] = res.stopped_at;
      measured_time[ri] = res.measured_time;
    }
  };
  auto work = [&] {
    try {
      replicate();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(merge);
      if (!error) error = std::current_exception();
    }
  };
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const int threads = std::min(R, options.threads > 0 ? options.threads : static_cast<int>(cores));
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);

  SimReport rep;
  rep.version = compiled_->version_name;
  rep.load = options.load;
  rep.duration_s = options.duration_s;
  rep.warmup_s = options.warmup_s;
  rep.seed = options.seed;
  rep.replications = R;
  rep.batches = batches;
  rep.interval_method = R == 1 ? "batch means" : "replications";
  for (int r = 0; r < R; ++r) {
    rep.events += events[static_cast<std::size_t>(r)];
    rep.stopped_at_s = std::max(rep.stopped_at_s, stopped[static_cast<std::size_t>(r)]);
  }
  for (std::size_t k = 0; k < K; ++k) {
    const CClass& cl = compiled_->classes[k];
    SimClassResult c;
    c.name = cl.name;
    c.op = cl.op;
    c.rate_per_s = cl.peak_rate * options.load;
    c.async = m.async[k];
    sim::ClassCounts total;
    for (int r = 0; r < R; ++r) {
      const auto& x = counts[static_cast<std::size_t>(r)][k];
      total.measured += x.measured;
      total.unfinished += x.unfinished;
      total.success += x.success;
      total.degraded += x.degraded;
      total.failed += x.failed;
      total.refused += x.refused;
    }
    c.measured = total.measured;
    c.unfinished = total.unfinished;
    const double finished = static_cast<double>(total.success + total.degraded + total.failed);
    if (finished > 0) {
      c.success = static_cast<double>(total.success) / finished;
      c.degraded = static_cast<double>(total.degraded) / finished;
      c.failed = static_cast<double>(total.failed) / finished;
    }
    if (compiled_->has_rate_limits())
      c.refused = finished > 0 ? static_cast<double>(total.refused) / finished : 0.0;
    if (ack[k].count() > 0) c.latency = latency_of(ack[k]);
    if (c.async && done[k].count() > 0) c.completion = latency_of(done[k]);
    if (fail[k].count() > 0) c.failed_latency = latency_of(fail[k]);
    rep.classes.push_back(std::move(c));
  }
  // Components: station figures averaged over the replications, the busiest station's
  // utilization, queue lengths summed over the component's stations.
  for (std::size_t i = 0; i < compiled_->nodes.size(); ++i) {
    const CNode& n = compiled_->nodes[i];
    SimComponentResult c;
    c.id = n.id;
    c.kind = n.kind;
    c.behaviour = n.behaviour;
    double started = 0, starts = 0, wait = 0;  // visits, visits of one station
    for (std::size_t s = 0; s < m.station_node.size(); ++s) {
      if (m.station_node[s] != static_cast<int>(i)) continue;
      c.has_stations = true;
      double busy = 0;
      for (int r = 0; r < R; ++r) {
        const auto ri = static_cast<std::size_t>(r);
        const sim::StationFigures& f = stations[ri][s];
        const double t = measured_time[ri] * R;
        busy += f.busy_area / t;
        c.queue_length += f.queue_area / t;
        c.peak_queue = std::max(c.peak_queue, f.peak_queue);
        // A cross-shard visit starts at every shard and counts once, as evaluate counts it.
        started += (static_cast<double>(f.started - f.parts) +
                    static_cast<double>(f.parts) / std::max(1, n.shards)) / t;
        starts += static_cast<double>(f.started) / t;
        wait += f.wait_sum / t;
      }
      c.utilization = std::max(c.utilization, busy / static_cast<double>(m.servers[s]));
    }
    c.arrival_per_s = started;
    c.wait_ms = starts > 0 ? wait / starts * 1000 : 0;  // per station visit (a shard's)
    rep.components.push_back(std::move(c));
  }
  // Links where something other than plain calls happened, or that carry a breaker or a
  // bulkhead: counts summed over the replications, open share averaged.
  for (std::size_t l = 0; l < m.links.size(); ++l) {
    const sim::SimLink& sl = m.links[l];
    SimLinkResult x;
    x.from = compiled_->nodes[static_cast<std::size_t>(sl.from)].id;
    x.to = compiled_->nodes[static_cast<std::size_t>(sl.to)].id;
    for (int r = 0; r < R; ++r) {
      const auto ri = static_cast<std::size_t>(r);
      const sim::LinkFigures& f = links[ri][l];
      x.attempts += f.attempts;
      x.failed_attempts += f.failed;
      x.timeouts += f.timeouts;
      x.retries += f.retries;
      x.rejected_by_breaker += f.rejected_open;
      x.rejected_by_bulkhead += f.rejected_bulkhead;
      x.breaker_opened += f.opened;
      x.calls += f.calls;
      x.executions += f.executions;
      x.duplicates += f.duplicates;
      x.refused_connections += f.refused_connections;
      x.refused_pool_connections += f.refused_pool;
      if (f.refilled_at >= 0)
        x.pools_refilled_s = std::max(x.pools_refilled_s.value_or(0.0), f.refilled_at);
      x.breaker_open_share += f.open_time / (measured_time[ri] * R);
    }
    if (sl.breaker || sl.bulkhead > 0 || sl.lossy || sl.holds_connection || x.failed_attempts ||
        x.retries ||
        x.rejected_by_breaker || x.rejected_by_bulkhead || x.refused_connections ||
        x.refused_pool_connections || x.pools_refilled_s)
      rep.links.push_back(std::move(x));
  }
  rep.faults = options.faults;
  rep.restarts = options.restarts;
  rep.arrivals = options.arrivals;
  rep.balancing = options.balancing;
  static const char* const kOutcomes[] = {"success", "degraded", "failed"};
  auto outcome = [](int o) { return o < 0 ? "unfinished" : kOutcomes[o]; };
  for (const auto& t : traces) {
    SimTrace x;
    x.request_class = compiled_->classes[static_cast<std::size_t>(t.cls)].name;
    x.arrival_s = t.arrival;
    x.latency_ms = t.answered < 0 ? -1 : (t.answered - t.arrival) * 1000;
    x.outcome = outcome(t.outcome);
    auto ms = [&](double at) { return at < 0 ? -1.0 : (at - t.arrival) * 1000; };
    // Spans are recorded as visits open (a cross-shard visit's shards after calls sent beside
    // it); a trace lists them as a tree, each visit followed by its own, in the order sent.
    const std::size_t n = t.spans.size();
    std::vector<std::vector<std::size_t>> children(n);
    for (std::size_t i = 1; i < n; ++i)
      if (t.spans[i].parent >= 0) children[static_cast<std::size_t>(t.spans[i].parent)].push_back(i);
    std::vector<std::size_t> order;
    std::vector<int> renumbered(n, -1);
    std::vector<std::size_t> stack;
    if (n > 0) stack.push_back(0);
    while (!stack.empty()) {
      const std::size_t i = stack.back();
      stack.pop_back();
      renumbered[i] = static_cast<int>(order.size());
      order.push_back(i);
      for (auto c = children[i].rbegin(); c != children[i].rend(); ++c) stack.push_back(*c);
    }
    for (const std::size_t i : order) {
      const sim::SpanRecord& sp = t.spans[i];
      SimSpan y;
      y.parent = sp.parent < 0 ? -1 : renumbered[static_cast<std::size_t>(sp.parent)];
      y.component = compiled_->nodes[static_cast<std::size_t>(sp.node)].id;
      y.attempt = sp.attempt;
      y.sent_ms = ms(sp.sent);
      y.arrived_ms = ms(sp.arrived);
      if (sp.service_start >= 0) y.wait_ms = (sp.service_start - sp.arrived) * 1000;
      if (sp.service_end >= 0) y.service_ms = (sp.service_end - sp.service_start) * 1000;
      y.end_ms = ms(sp.end);
      y.outcome = outcome(sp.outcome);
      y.shard = sp.shard;
      x.spans.push_back(std::move(y));
    }
    rep.traces.push_back(std::move(x));
  }
  if (timeline) {
    for (const auto& c : compiled_->classes) timeline->classes.push_back(c.name);
    for (const auto& n : compiled_->nodes) timeline->components.push_back(n.id);
    for (const auto& sl : m.links)
      if (sl.breaker)
        timeline->links.push_back(compiled_->nodes[static_cast<std::size_t>(sl.from)].id + " → " +
                                  compiled_->nodes[static_cast<std::size_t>(sl.to)].id);
    for (const auto& sl : m.links) {
      const auto& nodes = compiled_->nodes;
      timeline->call_links.push_back(nodes[static_cast<std::size_t>(sl.from)].id + " → " +
                                     nodes[static_cast<std::size_t>(sl.to)].id);
    }
    rep.timeline = std::move(timeline);
  }
  return rep;
}

SimReport simulate(const Version& version, const Catalog& catalog, const SimulateOptions& options) {
  auto problems = validate_version(version, catalog);
  if (!problems.empty()) throw InputError("version \"" + version.name + "\"", std::move(problems));
  // Autoscaled components run the count evaluate picks for the simulated load, as fixed
  // instances (docs/PATTERNS.md, "Autoscaling"); a mesh is in the compiled links and services.
  return SimulationModel(scaled_for_load(version, catalog, options.load), catalog).run(options);
}

}  // namespace archbench
