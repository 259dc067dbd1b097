#include "archbench/simulate_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "archbench/catalog.h"

namespace archbench {

namespace {

using nlohmann::json;

// A number JSON can hold (finite), or null.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json estimate(const Estimate& e) {
  return {{"value", number(e.value)}, {"half_width", number(e.half_width)}};
}

json latency(const std::optional<SimLatency>& l) {
  if (!l) return nullptr;
  return {{"mean", estimate(l->mean)}, {"p50", estimate(l->p50)}, {"p95", estimate(l->p95)},
          {"p99", estimate(l->p99)}, {"p99_9", estimate(l->p999)}};
}

}  // namespace

json simulation_to_json(const SimReport& r, const std::string& project) {
  json classes = json::array();
  for (const auto& c : r.classes) {
    classes.push_back({{"name", c.name},
                       {"op", c.op == Op::Write ? "write" : "read"},
                       {"rate_per_s", number(c.rate_per_s)},
                       {"measured", c.measured},
                       {"unfinished", c.unfinished},
                       {"outcome", {{"success", number(c.success)},
                                    {"degraded", number(c.degraded)},
                                    {"failed", number(c.failed)}}},
                       {"latency_ms", latency(c.latency)},
                       {"async", c.async},
                       {"completion_ms", latency(c.completion)}});
  }
  json components = json::array();
  for (const auto& c : r.components) {
    json j = {{"id", c.id}, {"kind", c.kind}};
    if (!c.has_stations) {
      for (const char* k : {"arrival_per_s", "utilization", "queue_length", "peak_queue", "wait_ms"})
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
  return {{"project", project},
          {"version", r.version},
          {"load", number(r.load)},
          {"duration_s", number(r.duration_s)},
          {"warmup_s", number(r.warmup_s)},
          {"seed", r.seed},
          {"replications", r.replications},
          {"interval", {{"level", 0.95},
                        {"method", r.interval_method},
                        {"units", r.replications > 1 ? r.replications : r.batches}}},
          {"events", r.events},
          {"stopped_at_s", number(r.stopped_at_s)},
          {"classes", std::move(classes)},
          {"components", std::move(components)}};
}

}  // namespace archbench
