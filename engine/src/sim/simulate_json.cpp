#include "archbench/simulate_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "archbench/catalog.h"
#include "model/project_write.h"

namespace archbench {

namespace {

using nlohmann::json;

// A number JSON can hold (finite), or null.
json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

json estimate(const SimEstimate& e) {
  return {{"value", number(e.value)}, {"half_width", number(e.half_width)}};
}

json latency(const std::optional<SimLatency>& l) {
  if (!l) return nullptr;
  return {{"mean", estimate(l->mean)},
          {"p50", estimate(l->p50)},
          {"p95", estimate(l->p95)},
          {"p99", estimate(l->p99)},
          {"p99_9", estimate(l->p999)}};
}

// A fault as a project file writes it, with its window in place of its duration.
json timed_fault(const TimedFault& f) {
  json j = detail::faults_json({f.fault}).at(0);
  j.erase("duration_s");
  j["start_s"] = number(f.start_s);
  j["end_s"] = number(f.end_s);
  return j;
}

// Span `i` of `t` with its children nested, in the order they started.
json span_tree(const SimTrace& t, std::size_t i) {
  const SimSpan& sp = t.spans[i];
  auto time = [](double ms) { return ms < 0 ? json(nullptr) : number(ms); };
  json children = json::array();
  for (std::size_t j = i + 1; j < t.spans.size(); ++j)
    if (t.spans[j].parent == static_cast<int>(i)) children.push_back(span_tree(t, j));
  json j = {{"component", sp.component},      {"attempt", sp.attempt},
            {"sent_ms", time(sp.sent_ms)},    {"arrived_ms", time(sp.arrived_ms)},
            {"wait_ms", number(sp.wait_ms)},  {"service_ms", number(sp.service_ms)},
            {"end_ms", time(sp.end_ms)},      {"outcome", sp.outcome},
            {"children", std::move(children)}};
  if (sp.shard >= 0) j["shard"] = sp.shard;
  return j;
}

json arrivals(const ArrivalShape& a) {
  json j;
  switch (a.kind) {
    case ArrivalShape::Kind::Poisson:
      j["kind"] = "poisson";
      break;
    case ArrivalShape::Kind::Deterministic:
      j["kind"] = "deterministic";
      break;
    case ArrivalShape::Kind::Bursty:
      j["kind"] = "bursty";
      j["burst_factor"] = number(a.burst_factor);
      j["burst_share"] = number(a.burst_share);
      j["burst_mean_s"] = number(a.burst_mean_s);
      break;
  }
  switch (a.profile) {
    case ArrivalShape::Profile::Flat:
      j["profile"] = nullptr;
      break;
    case ArrivalShape::Profile::Ramp:
      j["profile"] = {{"kind", "ramp"}, {"from", number(a.ramp_from)}, {"to", number(a.ramp_to)}};
      break;
    case ArrivalShape::Profile::Daily:
      j["profile"] = {{"kind", "daily"},
                      {"amplitude", number(a.daily_amplitude)},
                      {"period_s", number(a.daily_period_s)},
                      {"peak_s", number(a.daily_peak_s)}};
      break;
  }
  return j;
}

}  // namespace

json timeline_to_json(const SimTimeline& t) {
  json classes = json::array();
  for (std::size_t k = 0; k < t.classes.size(); ++k) {
    json mean = json::array(), p95 = json::array();
    for (double v : t.mean_ms[k]) mean.push_back(number(v));
    for (double v : t.p95_ms[k]) p95.push_back(number(v));
    classes.push_back({{"name", t.classes[k]},
                       {"arrived", t.arrived[k]},
                       {"answered", t.answered[k]},
                       {"degraded", t.degraded[k]},
                       {"failed", t.failed[k]},
                       {"mean_ms", mean},
                       {"p95_ms", p95}});
  }
  json components = json::array();
  for (std::size_t i = 0; i < t.components.size(); ++i) {
    json util = json::array(), queue = json::array();
    for (double v : t.utilization[i]) util.push_back(number(v));
    for (double v : t.queue_length[i]) queue.push_back(number(v));
    components.push_back({{"id", t.components[i]},
                          {"utilization", util},
                          {"queue_length", queue},
                          {"instances_down", t.instances_down[i]}});
  }
  json breakers = json::array();
  for (std::size_t l = 0; l < t.links.size(); ++l)
    breakers.push_back({{"link", t.links[l]}, {"state", t.breaker[l]}});
  json calls = json::array();
  for (std::size_t l = 0; l < t.call_links.size(); ++l) {
    json rate = json::array();
    for (double v : t.calls_per_s[l]) rate.push_back(number(v));
    calls.push_back({{"link", t.call_links[l]}, {"calls_per_s", rate}});
  }
  return {{"step_s", number(t.step_s)},
          {"start_s", t.start_s},
          {"classes", std::move(classes)},
          {"components", std::move(components)},
          {"breakers", std::move(breakers)},
          {"links", std::move(calls)}};
}

json simulation_to_json(const SimReport& r, const std::string& project) {
  json classes = json::array();
  for (const auto& c : r.classes) {
    json outcome = {{"success", number(c.success)},
                    {"degraded", number(c.degraded)},
                    {"failed", number(c.failed)}};
    if (c.refused) outcome["refused"] = number(*c.refused);  // only with a rate limit
    classes.push_back({{"name", c.name},
                       {"op", c.op == Op::Write ? "write" : "read"},
                       {"rate_per_s", number(c.rate_per_s)},
                       {"measured", c.measured},
                       {"unfinished", c.unfinished},
                       {"outcome", outcome},
                       {"latency_ms", latency(c.latency)},
                       {"failed_latency_ms", latency(c.failed_latency)},
                       {"async", c.async},
                       {"completion_ms", latency(c.completion)}});
  }
  json components = json::array();
  for (const auto& c : r.components) {
    json j = {{"id", c.id}, {"kind", c.kind}};
    if (!c.has_stations) {
      for (const char* k :
           {"arrival_per_s", "utilization", "queue_length", "peak_queue", "wait_ms"})
        j[k] = nullptr;
    } else {
      j["arrival_per_s"] = number(c.arrival_per_s);
      j["utilization"] = number(c.utilization);
      j["queue_length"] = number(c.queue_length);
      j["peak_queue"] = c.peak_queue;
      j["wait_ms"] = number(c.wait_ms);
    }
    components.push_back(std::move(j));
  }
  json links = json::array();
  for (const auto& l : r.links) {
    links.push_back({{"from", l.from},
                     {"to", l.to},
                     {"attempts", l.attempts},
                     {"failed_attempts", l.failed_attempts},
                     {"timeouts", l.timeouts},
                     {"retries", l.retries},
                     {"rejected_by_breaker", l.rejected_by_breaker},
                     {"rejected_by_bulkhead", l.rejected_by_bulkhead},
                     {"breaker_opened", l.breaker_opened},
                     {"breaker_open_share", number(l.breaker_open_share)}});
    if (l.refused_connections > 0) links.back()["refused_connections"] = l.refused_connections;
    if (l.refused_pool_connections > 0 || l.pools_refilled_s) {  // a restart (format 5)
      links.back()["refused_pool_connections"] = l.refused_pool_connections;
      links.back()["pools_refilled_s"] =
          l.pools_refilled_s ? number(*l.pools_refilled_s) : json(nullptr);
    }
    if (l.calls > 0) {  // a lossy link (docs/PATTERNS.md)
      links.back()["calls"] = l.calls;
      links.back()["executions"] = l.executions;
      links.back()["duplicates"] = l.duplicates;
    }
  }
  json faults = json::array();
  for (const auto& f : r.faults) faults.push_back(timed_fault(f));
  json restarts = json::array();
  for (const auto& x : r.restarts)
    restarts.push_back({{"component", x.component},
                        {"start_s", number(x.start_s)},
                        {"startup_s", number(x.startup_s)},
                        {"rolling", x.rolling}});
  json traces = json::array();
  for (const auto& t : r.traces) {
    traces.push_back({{"class", t.request_class},
                      {"arrival_s", number(t.arrival_s)},
                      {"latency_ms", t.latency_ms < 0 ? json(nullptr) : number(t.latency_ms)},
                      {"outcome", t.outcome},
                      {"root", t.spans.empty() ? json(nullptr) : span_tree(t, 0)}});
  }
  json out = {{"project", project},
          {"arrivals", arrivals(r.arrivals)},
          {"balancing", r.balancing == SimulateOptions::Balancing::RoundRobin ? "round-robin"
                        : r.balancing == SimulateOptions::Balancing::LeastConnections
                            ? "least-connections"
                            : "random"},
          {"faults", std::move(faults)},
          {"links", std::move(links)},
          {"traces", std::move(traces)},
          {"version", r.version},
          {"load", number(r.load)},
          {"duration_s", number(r.duration_s)},
          {"warmup_s", number(r.warmup_s)},
          {"seed", r.seed},
          {"replications", r.replications},
          {"interval",
           {{"level", 0.95},
            {"method", r.interval_method},
            {"units", r.replications > 1 ? r.replications : r.batches}}},
          {"events", r.events},
          {"stopped_at_s", number(r.stopped_at_s)},
          {"classes", std::move(classes)},
          {"components", std::move(components)}};
  if (!restarts.empty()) out["restarts"] = std::move(restarts);  // format 5
  return out;
}

}  // namespace archbench
