// Failure analysis: faults applied to a compiled version, resilience policies on the links, and
// the damped fixed point between failure probabilities, retries, load and holding times.
//
// Model (documented in docs/FAILURE.md):
// - A visit's outcome is a set of probabilities — answered (ok or degraded), failed, or hung
//   (never returns) — with the first two moments of the time of the answered and of the failed.
// - A call over a link makes attempts: each attempt sees the callee's outcome plus the round trip;
//   a timeout turns the part of an answer slower than T (two-moment gamma fit) and every hang
//   into a failure at T; retries repeat failed attempts (Σ p^i attempts for independent failures);
//   a circuit breaker admits a fraction of the calls, found so that the attempts' failure rate
//   sits at its threshold (one probe per open period when the callee is down); a bulkhead rejects
//   calls with the Erlang B probability of its concurrent-call limit; rejected and (with a
//   degraded fallback) failed calls are answered by the fallback.
// - A station offered more than it can carry (ρ ≥ 1) serves 1/ρ of its visits (fluid limit of a
//   many-server queue with abandonment): a caller with timeout T sees them answered at ≈ T and
//   the rest time out; a caller without a timeout waits without bound (hangs). Near ρ = 1 this
//   meets retries in two consistent states (healthy, or a retry storm); the damped iteration may
//   then not settle, and says so with its residual.
// - Blocking callers hold a server for their own work and their calls' whole time, failures and
//   timeouts included, so slow callees exhaust their callers (the cascading-timeout story).
// Iterated to a fixed point with damping; the last sweep's largest change is the residual.

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <cmath>
#include <thread>
#include <limits>

#include "archbench/affected.h"
#include "archbench/format.h"
#include "archbench/queueing.h"
#include "archbench/validate.h"
#include "analytic/compiled.h"
#include "failure/faults_apply.h"
#include "failure/fixed_point.h"
#include "failure/scale_up.h"
#include "failure/scenario_figures.h"
#include "model/params.h"

namespace archbench {

const ClassOutcome* ScenarioState::request_class(const std::string& name) const {
  for (const auto& c : classes) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const ComponentOutcome* ScenarioState::component(const std::string& id) const {
  for (const auto& c : components) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::string describe(const Fault& f) {
  const std::string q = "\"" + f.component + "\"";
  switch (f.type) {
    case FaultType::Crash: return "crash " + f.component;
    case FaultType::Hang: return "hang " + f.component;
    case FaultType::Lose:
      return "lose " + std::to_string(f.instances) + (f.instances == 1 ? " instance of " : " instances of ") +
             f.component;
    case FaultType::Slow: {
      std::string s = "slow " + f.component;
      if (f.factor != 1) s += " ×" + format_multiplier(f.factor);
      if (f.add_ms != 0) s += " +" + format_ms(f.add_ms) + " ms";
      return s;
    }
    case FaultType::Flush:
      return f.hit_ratio == 0 ? "flush " + f.component
                              : "flush " + f.component + " (hit ratio " + format_percent(f.hit_ratio) + ")";
    case FaultType::Cut: return "cut " + f.component + "→" + f.to;
    case FaultType::Zone: return "zone " + f.zone + " down";
    case FaultType::Region: return "region " + f.zone + " down";
    case FaultType::Spike: return "spike ×" + format_multiplier(f.factor);
    case FaultType::Partition:
      return "partition " + f.component + " (" + format_percent(f.fraction) + " cut off)";
  }
  (void)q;
  return "";
}

std::string describe(const Fault& f, const Version& v) {
  Fault named = f;
  if (const Component* c = v.component(f.component)) named.component = c->display_name();
  if (const Component* c = v.component(f.to)) named.to = c->display_name();
  return describe(named);
}

namespace {

using detail::FixedPoint;
using detail::Setup;
using detail::Applied;
using detail::apply;
using detail::compile_faulted;
using detail::make_setup;
using detail::refuse_above_rate_limits;

ScenarioState solve(const CompiledVersion& cv, const Setup& s, const ResilienceOptions& o) {
  return FixedPoint(cv, s, o).run();
}

// Capacity in visits per second of a component's busiest station: offered / ρ (= c / H).
double capacity_of(const ComponentOutcome& c) {
  if (c.down) return 0.0;
  if (c.saturated) return c.offered_per_s * c.served;  // what it gets through; 0 when stuck
  if (c.offered_utilization > 0) return c.offered_per_s / c.offered_utilization;
  return std::numeric_limits<double>::infinity();
}

// Fluid backlog of each queue whose consumers carry less than what flows in during the fault:
// it grows at (inflow − capacity) for the duration and drains at (normal capacity − inflow).
std::vector<Backlog> backlogs(const ScenarioState& steady, const CompiledVersion& faulted,
                              const ScenarioState& during, const Setup& setup, double duration_s) {
  std::vector<Backlog> out;
  for (std::size_t q = 0; q < faulted.nodes.size(); ++q) {
    const CNode& n = faulted.nodes[q];
    if (n.behaviour != Behaviour::Queue || setup.crashed[q] || setup.hanging[q]) continue;
    Backlog b;
    b.queue = n.id;
    b.duration_s = duration_s;
    double worst_drain = 0;
    bool never = false;
    for (const auto& l : n.out) {
      const std::size_t j = static_cast<std::size_t>(l.to);
      const double inflow = during.components[j].offered_per_s;
      if (inflow <= 0) continue;
      const double during_cap = std::min(capacity_of(during.components[j]), 1e300);
      const double normal_cap = std::min(capacity_of(steady.components[j]), 1e300);
      b.inflow_per_s += inflow;
      b.drain_capacity_per_s += std::min(during_cap, inflow);
      b.normal_capacity_per_s += std::min(normal_cap, 1e300);
      const double excess = inflow - during_cap;
      if (excess <= 0) continue;
      const double backlog = excess * duration_s;
      b.backlog_messages += backlog;
      // FIFO: the message at the head at the end arrived when the served ones ran out.
      b.oldest_message_age_s = std::max(b.oldest_message_age_s, duration_s * (1 - during_cap / inflow));
      const double spare = normal_cap - inflow;
      if (spare <= 0) never = true;
      else worst_drain = std::max(worst_drain, backlog / spare);
    }
    if (b.backlog_messages <= 0) continue;
    if (!never) b.drain_s = worst_drain;
    out.push_back(b);
  }
  return out;
}

std::vector<PartitionOutcome> partitions(const CompiledVersion& cv, const Applied& a, const Catalog& catalog,
                                         double load) {
  std::vector<PartitionOutcome> out;
  for (const Fault* f : a.partitions) {
    PartitionOutcome p;
    p.store = f->component;
    p.fraction = f->fraction;
    p.duration_s = f->duration_s;
    p.divergence_window_s = f->duration_s;
    const Component* c = a.version.component(f->component);
    const KindDecl* k = c ? catalog.find(c->kind) : nullptr;
    if (c && k) p.synchronous = detail::param_bool(*c, *k, "synchronous_replication", false);
    for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
      if (cv.nodes[i].id != f->component) continue;
      for (std::size_t kk = 0; kk < cv.classes.size(); ++kk) {
        const double reach = std::min(1.0, cv.visits[kk][i]);
        if (reach <= 0) continue;
        PartitionOutcome::PerClass pc;
        pc.name = cv.classes[kk].name;
        pc.op = cv.classes[kk].op;
        pc.cp_failed = f->fraction * reach;
        pc.strong = pc.op == Op::Read && cv.classes[kk].consistency == Consistency::Strong;
        if (pc.op == Op::Read && !pc.strong) pc.ap_stale = f->fraction * reach;
        else pc.ap_divergent_writes = load * cv.classes[kk].peak_rate * reach * f->fraction * f->duration_s;
        p.classes.push_back(pc);
      }
    }
    out.push_back(p);
  }
  return out;
}

// The steady report's own figures in the steady state; ceilings; the scenario's p95 anchored to
// the steady report (scenario_figures.h).
std::vector<detail::ClassAnchor> anchors_for(const Version& version, const Catalog& catalog,
                                             const ResilienceOptions& options,
                                             const ScenarioState& steady) {
  EvaluateOptions eo;
  eo.load = options.load;
  eo.max_throughput = false;
  return detail::class_anchors(QueueingModel(version, catalog).evaluate(eo), steady);
}

void finish_latency(const Version& version, const Catalog& catalog, const ResilienceOptions& options,
                    const CompiledVersion& base, const CompiledVersion& faulted,
                    ScenarioState& steady, ScenarioState& state) {
  detail::mark_ceilings(base, steady);
  detail::mark_ceilings(faulted, state);
  if (!options.anchor_percentiles) return;
  const auto anchors = anchors_for(version, catalog, options, steady);
  detail::anchor_latency(anchors, state, false);
  detail::anchor_latency(anchors, steady, true);
}

void check(const Version& version, const Catalog& catalog, const std::vector<Fault>& faults) {
  auto problems = validate_version(version, catalog);
  if (!problems.empty()) throw InputError("version \"" + version.name + "\"", std::move(problems));
  auto fp = validate_faults(version, catalog, faults, "/faults");
  if (!fp.empty()) throw InputError("version \"" + version.name + "\"", std::move(fp));
}

}  // namespace

WhatIfReport what_if(const Version& version, const Catalog& catalog, const std::vector<Fault>& faults,
                     const ResilienceOptions& options) {
  check(version, catalog, faults);
  WhatIfReport r;
  r.version = version.name;
  r.faults = faults;
  CompiledVersion base(version, catalog);
  base.autoscale_at(options.load);
  const Applied none = apply(version, catalog, {});
  Setup steady_setup = make_setup(base, none, catalog, version);
  refuse_above_rate_limits(steady_setup, base, options.load);
  r.steady = solve(base, steady_setup, options);
  const Applied applied = apply(version, catalog, faults);
  CompiledVersion cv = compile_faulted(applied, catalog);
  cv.autoscale_at(options.load);  // the counts of the spike's load, once they have arrived
  Setup setup = make_setup(cv, applied, catalog, version);
  refuse_above_rate_limits(setup, cv, options.load);
  r.faulted = solve(cv, setup, options);
  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    if (r.faulted.components[i].faulted && (r.faulted.components[i].down || r.faulted.components[i].saturated))
      r.cascade.push_back(cv.nodes[i].id);
  }
  for (auto it = cv.callers_first.rbegin(); it != cv.callers_first.rend(); ++it) {
    const auto& c = r.faulted.components[static_cast<std::size_t>(*it)];
    if (c.saturated && std::find(r.cascade.begin(), r.cascade.end(), c.id) == r.cascade.end())
      r.cascade.push_back(c.id);
  }
  double duration = 0;
  for (const Fault& f : faults) duration = std::max(duration, f.duration_s);
  if (duration <= 0) duration = 600;
  r.backlogs = backlogs(r.steady, cv, r.faulted, setup, duration);
  r.partitions = partitions(cv, applied, catalog, options.load);
  r.scale_ups = detail::scale_up_lags(base, cv, r.faulted, duration);
  finish_latency(version, catalog, options, base, cv, r.steady, r.faulted);
  detail::mark_completion(base, {}, r.steady);
  detail::mark_completion(cv, r.backlogs, r.faulted);
  return r;
}

ImpactMatrix impact_matrix(const Version& version, const Catalog& catalog, const ResilienceOptions& options,
                           const ImpactControl& control) {
  check(version, catalog, {});
  ImpactMatrix m;
  m.version = version.name;
  CompiledVersion cv(version, catalog);
  cv.autoscale_at(options.load);
  const Applied none = apply(version, catalog, {});
  Setup base = make_setup(cv, none, catalog, version);
  refuse_above_rate_limits(base, cv, options.load);
  FixedPoint steady_fp(cv, base, options);
  ScenarioState steady = steady_fp.run();
  // Steady cells show the steady report's p95; a crash's cells the estimate anchored to it.
  const auto anchors = anchors_for(version, catalog, options, steady);
  auto cells = [&](ScenarioState s, bool is_steady) {
    detail::mark_ceilings(cv, s);
    detail::anchor_latency(anchors, s, is_steady);
    std::vector<ImpactCell> out;
    for (const auto& c : s.classes)
      out.push_back({c.success, c.success + c.degraded, c.answered_p95_ms, c.p95_estimate,
                     c.ceiling_timeout_ms});
    return out;
  };
  for (const auto& c : cv.classes) m.classes.push_back(c.name);
  m.steady = cells(steady, true);
  double total_rate = 0;
  for (const auto& c : cv.classes) total_rate += c.peak_rate;
  std::vector<std::size_t> targets;
  for (std::size_t i = 0; i < cv.nodes.size(); ++i) {
    if (cv.nodes[i].behaviour != Behaviour::Client && !cv.node_classes[i].empty()) targets.push_back(i);
  }
  m.rows.resize(targets.size());
  // Cells show percentages to 0.01%: a tolerance of 1e-7 is ample, and each crash starts from the
  // steady solution. Rows are independent, so they are spread over the cores.
  ResilienceOptions row_options = options;
  row_options.tolerance = std::max(options.tolerance, 1e-7);
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex, progress_mutex;
  std::vector<char> done(targets.size(), 0);
  int finished = 0;
  auto cancelled = [&] { return control.cancel && control.cancel->load(std::memory_order_relaxed); };
  auto rows = [&] {
    // One copy of the setup per thread, the row's crash set and cleared again (a copy per row
    // is thousands of small vectors on a large version).
    Setup s = base;
    for (std::size_t t = next++; t < targets.size() && !cancelled(); t = next++) {
      const std::size_t i = targets[t];
      s.crashed[i] = 1;
      s.fault_text[i] = "crashed";
      FixedPoint fp(cv, s, row_options);
      fp.start_row(steady_fp);
      const ScenarioState st = fp.run(true);
      s.crashed[i] = 0;
      s.fault_text[i].clear();
      ImpactRow& row = m.rows[t];
      row.component = cv.nodes[i].id;
      row.cells = cells(st, false);
      double lost = 0;
      for (std::size_t k = 0; k < cv.classes.size(); ++k) {
        lost += cv.classes[k].peak_rate * std::max(0.0, m.steady[k].answered - row.cells[k].answered);
      }
      row.criticality = total_rate > 0 ? lost / total_rate : 0.0;
      const std::lock_guard<std::mutex> lock(progress_mutex);
      done[t] = 1;
      ++finished;
      if (control.progress) control.progress(finished, static_cast<int>(targets.size()));
    }
  };
  // An exception in a worker is carried to the caller (after every thread has stopped).
  auto work = [&] {
    try {
      rows();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = targets.size();
    }
  };
  const unsigned threads = targets.size() < 8 ? 1u : std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  if (finished < static_cast<int>(targets.size())) {
    m.complete = false;
    std::vector<ImpactRow> kept;
    for (std::size_t t = 0; t < targets.size(); ++t) {
      if (done[t]) kept.push_back(std::move(m.rows[t]));
    }
    m.rows = std::move(kept);
  }
  std::stable_sort(m.rows.begin(), m.rows.end(),
                   [](const ImpactRow& a, const ImpactRow& b) { return a.criticality > b.criticality; });
  return m;
}

ExperimentResult run_experiment(const Version& version, const Catalog& catalog, const Experiment& e,
                                const ResilienceOptions& options) {
  ExperimentResult r;
  r.name = e.name;
  r.hypothesis = e.hypothesis;
  r.report = what_if(version, catalog, e.faults, options);
  r.passed = true;
  for (const Condition& c : e.conditions) {
    ConditionResult cr;
    cr.condition = c;
    const ClassOutcome* o = r.report.faulted.request_class(c.request_class);
    if (o) {
      switch (c.metric) {
        case Metric::Success: cr.observed = o->success * 100; break;
        case Metric::Answered: cr.observed = (o->success + o->degraded) * 100; break;
        case Metric::Degraded: cr.observed = o->degraded * 100; break;
        case Metric::Failed: cr.observed = o->failed * 100; break;
        case Metric::MeanMs: cr.observed = o->answered_mean_ms; break;
        case Metric::P95Ms: cr.observed = o->answered_p95_ms; break;
      }
    }
    const bool percent = c.metric != Metric::MeanMs && c.metric != Metric::P95Ms;
    if (cr.observed) cr.holds = c.op == Cmp::AtLeast ? *cr.observed >= c.value : *cr.observed <= c.value;
    auto figure = [&](double x) { return percent ? format_percent(x / 100) : format_ms(x); };
    cr.text = c.request_class + " " + to_string(c.metric) + (c.op == Cmp::AtLeast ? " ≥ " : " ≤ ") +
              figure(c.value) + ": " + (cr.observed ? figure(*cr.observed) : std::string("none")) +
              (cr.holds ? " ✓" : " ✗");
    r.passed = r.passed && cr.holds;
    r.conditions.push_back(std::move(cr));
  }
  for (const AffectedClass& a : affected_classes(r.report)) {
    r.affected.push_back(a.name);
    r.affected_why.push_back(a.why);
    if (!e.blast_radius.empty() &&
        std::find(e.blast_radius.begin(), e.blast_radius.end(), a.name) == e.blast_radius.end())
      r.outside_blast_radius.push_back(a.name);
  }
  if (!r.outside_blast_radius.empty()) r.passed = false;
  return r;
}

}  // namespace archbench
