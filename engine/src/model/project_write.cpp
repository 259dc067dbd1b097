#include "model/project_write.h"

#include "model/format_regions.h"

#include <cmath>
#include <cstdint>

#include "model/format_simulation.h"
#include "model/format_scaling.h"

namespace archbench::detail {

using json = nlohmann::json;

// Writes integral values as integers so files stay as people write them.
json number_json(double v) {
  if (std::floor(v) == v && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  return v;
}

static json param_to_json(const ParamValue& v) {
  switch (v.type) {
    case ParamValue::Type::Number: return number_json(v.number);
    case ParamValue::Type::Bool: return v.flag;
    case ParamValue::Type::Text: return v.text;
    case ParamValue::Type::PerClassMap: {
      json o = json::object();
      for (const auto& [k, x] : v.map) o[k] = number_json(x);
      return o;
    }
  }
  return nullptr;
}

json components_json(const std::vector<Component>& components) {
  json comps = json::array();
  for (const auto& c : components) {
    json jc = json::object();
    jc["id"] = c.id;
    jc["kind"] = c.kind;
    if (!c.name.empty()) jc["name"] = c.name;
    if (c.pos) jc["pos"] = json::array({number_json((*c.pos)[0]), number_json((*c.pos)[1])});
    if (!c.zones.empty()) jc["zones"] = c.zones;
    if (c.autoscale) jc["autoscale"] = autoscale_json(*c.autoscale);
    if (c.mesh) jc["mesh"] = mesh_json(*c.mesh);
    write_component_regions(c, jc);
    if (!c.params.empty()) {
      json params = json::object();
      for (const auto& [k, val] : c.params) params[k] = param_to_json(val);
      jc["params"] = std::move(params);
    }
    comps.push_back(std::move(jc));
  }
  return comps;
}

// Only what differs from the default policy; "breaker" stands for the breaker being on.
static json policy_json(const LinkPolicy& pol) {
  const LinkPolicy d;
  json o = json::object();
  if (pol.timeout_ms != d.timeout_ms) o["timeout_ms"] = number_json(pol.timeout_ms);
  if (pol.retries != d.retries) o["retries"] = pol.retries;
  if (pol.backoff_ms != d.backoff_ms) o["backoff_ms"] = number_json(pol.backoff_ms);
  if (pol.backoff_multiplier != d.backoff_multiplier)
    o["backoff_multiplier"] = number_json(pol.backoff_multiplier);
  if (pol.jitter) o["jitter"] = jitter_json(pol);  // true, or "equal" (format 5)
  if (pol.breaker) {
    json b = json::object();
    if (pol.breaker_threshold != d.breaker_threshold)
      b["threshold"] = number_json(pol.breaker_threshold);
    if (pol.breaker_open_ms != d.breaker_open_ms) b["open_ms"] = number_json(pol.breaker_open_ms);
    if (pol.fallback_degraded) b["fallback"] = "degraded";
    o["breaker"] = std::move(b);
  }
  if (pol.bulkhead != d.bulkhead) o["bulkhead"] = pol.bulkhead;
  return o;
}

json links_json(const std::vector<Link>& links) {
  json out = json::array();
  for (const auto& l : links) {
    json jl = json::object();
    jl["from"] = l.from;
    jl["to"] = l.to;
    if (l.calls.all) {
      if (*l.calls.all != 1.0) jl["calls"] = number_json(*l.calls.all);
    } else {
      json m = json::object();
      for (const auto& [k, x] : l.calls.by_class) m[k] = number_json(x);
      jl["calls"] = std::move(m);
    }
    if (l.latency_ms != 0) jl["latency_ms"] = number_json(l.latency_ms);
    if (l.weight != 1) jl["weight"] = number_json(l.weight);
    if (!l.policy.is_default()) jl["policy"] = policy_json(l.policy);
    if (l.loss != 0) jl["loss"] = number_json(l.loss);
    if (l.duplicate != 0) jl["duplicate"] = number_json(l.duplicate);
    if (l.idempotent) jl["idempotent"] = true;
    out.push_back(std::move(jl));
  }
  return out;
}

// The fields of the fault's type that differ from their defaults (a spike always says by how much).
static json fault_json(const Fault& f) {
  const Fault d;
  json o = json::object();
  o["type"] = to_string(f.type);
  switch (f.type) {
    case FaultType::Cut:
      o["from"] = f.component;
      o["to"] = f.to;
      break;
    case FaultType::Zone:
      o["zone"] = f.zone;
      break;
    case FaultType::Region:
      o["region"] = f.zone;
      break;
    case FaultType::Spike:
      o["factor"] = number_json(f.factor);
      break;
    default:
      o["component"] = f.component;
      break;
  }
  if (f.type == FaultType::Lose && f.instances != d.instances) o["instances"] = f.instances;
  if (f.type == FaultType::Slow && f.factor != d.factor) o["factor"] = number_json(f.factor);
  if (f.type == FaultType::Slow && f.add_ms != d.add_ms) o["add_ms"] = number_json(f.add_ms);
  if (f.type == FaultType::Flush && f.hit_ratio != d.hit_ratio)
    o["hit_ratio"] = number_json(f.hit_ratio);
  if (f.type == FaultType::Partition && f.fraction != d.fraction)
    o["fraction"] = number_json(f.fraction);
  if (f.duration_s != d.duration_s) o["duration_s"] = number_json(f.duration_s);
  return o;
}

json faults_json(const std::vector<Fault>& faults) {
  json out = json::array();
  for (const auto& f : faults) out.push_back(fault_json(f));
  return out;
}

json experiment_json(const Experiment& e) {
  json o = json::object();
  o["name"] = e.name;
  if (!e.hypothesis.empty()) o["hypothesis"] = e.hypothesis;
  o["faults"] = faults_json(e.faults);
  if (!e.blast_radius.empty()) o["blast_radius"] = e.blast_radius;
  if (!e.conditions.empty()) {
    json conditions = json::array();
    for (const auto& c : e.conditions) {
      conditions.push_back({{"class", c.request_class},
                            {"metric", to_string(c.metric)},
                            {"op", c.op == Cmp::AtLeast ? ">=" : "<="},
                            {"value", number_json(c.value)}});
    }
    o["conditions"] = std::move(conditions);
  }
  return o;
}

}  // namespace archbench::detail
