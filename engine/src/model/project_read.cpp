// The project file's JSON, read: the request classes, components, links and their policies,
// faults, experiments and versions of a project (model/project_read.h).
#include "model/project_read.h"

#include <cmath>
#include <map>

#include "model/format_patterns.h"
#include "model/format_regions.h"
#include "model/format_scaling.h"
#include "model/format_simulation.h"

namespace archbench::detail {

namespace {

bool expect_object(const json& j, const std::string& at, Problems& p) {
  if (j.is_object()) return true;
  p.add(at, std::string("expected an object, found ") + detail::json_type_name(j));
  return false;
}

// A number, or an object mapping class names to numbers.
bool read_per_class_map(const json& j, const std::string& at, Problems& p,
                        std::map<std::string, double>& out) {
  bool ok = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
      p.add(pointer_join(at, it.key()),
            std::string("expected a number, found ") + detail::json_type_name(*it));
      ok = false;
      continue;
    }
    out[it.key()] = it->get<double>();
  }
  return ok;
}

const char* const kFaultTypes = "crash, hang, lose, slow, flush, cut, zone, spike, partition, region";

// The keys each fault type takes: anything else is a mistake worth naming.
std::vector<const char*> fault_keys(FaultType t) {
  switch (t) {
    case FaultType::Crash:
    case FaultType::Hang:
      return {"type", "component", "duration_s"};
    case FaultType::Lose:
      return {"type", "component", "instances", "duration_s"};
    case FaultType::Slow:
      return {"type", "component", "factor", "add_ms", "duration_s"};
    case FaultType::Flush:
      return {"type", "component", "hit_ratio", "duration_s"};
    case FaultType::Cut:
      return {"type", "from", "to", "duration_s"};
    case FaultType::Zone:
      return {"type", "zone", "duration_s"};
    case FaultType::Region:
      return {"type", "region", "duration_s"};
    case FaultType::Spike:
      return {"type", "factor", "duration_s"};
    case FaultType::Partition:
      return {"type", "component", "fraction", "duration_s"};
  }
  return {"type"};
}

}  // namespace

const json* array_field(const json& obj, const char* key, const std::string& at, Problems& p) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    p.add(at, std::string("missing \"") + key + "\"");
    return nullptr;
  }
  if (!it->is_array()) {
    p.add(pointer_join(at, key), std::string("expected an array, found ") + detail::json_type_name(*it));
    return nullptr;
  }
  return &*it;
}

RequestClass Reader::request_class(const json& j, const std::string& at) {
  RequestClass r;
  if (!expect_object(j, at, p)) return r;
  detail::reject_unknown_keys(j,
                              {"name", "entry", "op", "per_second", "per_day", "peak_factor",
                               "payload_kb", "sync", "slo_percent", "idempotent",
                               "cross_shard", "consistency", "writes_from", "keys"},
                              at, p, "a request class");
  note_v2(j, "slo_percent", at);
  note_v4(j, "idempotent", at);
  note_v5(j, "cross_shard", at);
  for (const char* key : detail::kClassRegionKeys) note_v5(j, key, at);
  detail::read_class_consistency(j, at, p, r);
  detail::get_string(j, "name", at, p, r.name, true);
  detail::get_string(j, "entry", at, p, r.entry, true);
  std::string op = "read";
  if (detail::get_string(j, "op", at, p, op, false)) {
    if (op == "read")
      r.op = Op::Read;
    else if (op == "write")
      r.op = Op::Write;
    else
      p.add(pointer_join(at, "op"), "unknown op \"" + op + "\" (read or write)");
  }
  double v = 0;
  if (detail::get_number(j, "per_second", at, p, v, false)) r.per_second = v;
  if (detail::get_number(j, "per_day", at, p, v, false)) r.per_day = v;
  if (detail::get_number(j, "peak_factor", at, p, v, false)) r.peak_factor = v;
  detail::get_number(j, "payload_kb", at, p, r.payload_kb, false);
  detail::get_bool(j, "sync", at, p, r.sync);
  if (detail::get_number(j, "slo_percent", at, p, v, false)) r.slo_percent = v;
  detail::get_bool(j, "idempotent", at, p, r.idempotent);
  detail::get_number(j, "cross_shard", at, p, r.cross_shard, false);
  return r;
}

Component Reader::component(const json& j, const std::string& at) {
  Component c;
  if (!expect_object(j, at, p)) return c;
  detail::reject_unknown_keys(j,
                              {"id", "kind", "name", "pos", "params", "zones", "autoscale", "mesh",
                               "region", "replica_regions"},
                              at, p, "a component");
  scaling(j, at, c.autoscale, c.mesh);
  note_v2(j, "zones", at);
  for (const char* key : detail::kComponentRegionKeys) note_v5(j, key, at);
  detail::read_component_regions(j, at, p, c);
  detail::get_string(j, "id", at, p, c.id, true);
  detail::get_string(j, "kind", at, p, c.kind, true);
  if (detail::is_format4_kind(c.kind)) v4_fields.emplace_back(pointer_join(at, "kind"), c.kind);
  detail::get_string(j, "name", at, p, c.name, false);
  detail::get_string_array(j, "zones", at, p, c.zones);
  if (auto it = j.find("pos"); it != j.end()) {
    if (it->is_array() && it->size() == 2 && (*it)[0].is_number() && (*it)[1].is_number() &&
        std::isfinite((*it)[0].get<double>()) && std::isfinite((*it)[1].get<double>())) {
      c.pos = std::array<double, 2>{(*it)[0].get<double>(), (*it)[1].get<double>()};
    } else {
      p.add(pointer_join(at, "pos"), "expected [x, y], two numbers");
    }
  }
  if (auto it = j.find("params"); it != j.end()) {
    const std::string pat = pointer_join(at, "params");
    if (!expect_object(*it, pat, p)) return c;
    for (auto pit = it->begin(); pit != it->end(); ++pit) {
      const std::string where = pointer_join(pat, pit.key());
      if (detail::is_format4_param(pit.key())) v4_fields.emplace_back(where, pit.key());
      if (detail::is_format5_param(pit.key()) || detail::is_format5_regions_param(pit.key()))
        v5_fields.emplace_back(where, pit.key());
      if (pit->is_boolean()) {
        c.params[pit.key()] = ParamValue::of_bool(pit->get<bool>());
      } else if (pit->is_number()) {
        double v = pit->get<double>();
        if (!std::isfinite(v))
          p.add(where, "the number is too large");
        else
          c.params[pit.key()] = ParamValue::of(v);
      } else if (pit->is_string()) {
        c.params[pit.key()] = ParamValue::of_text(pit->get<std::string>());
      } else if (pit->is_object()) {
        std::map<std::string, double> m;
        if (read_per_class_map(*pit, where, p, m))
          c.params[pit.key()] = ParamValue::of_map(std::move(m));
      } else {
        p.add(where, std::string("expected a number, true/false, a name or a map per class, found ") +
                         detail::json_type_name(*pit));
      }
    }
  }
  return c;
}

void Reader::scaling(const json& j, const std::string& at, std::optional<Autoscale>& autoscale,
                     std::optional<Mesh>& mesh) {
  detail::read_scaling(j, at, p, v5_fields, autoscale, mesh);
}

LinkPolicy Reader::policy(const json& j, const std::string& at) {
  LinkPolicy pol;
  if (!expect_object(j, at, p)) return pol;
  detail::reject_unknown_keys(j,
                              {"timeout_ms", "retries", "backoff_ms", "backoff_multiplier",
                               "jitter", "breaker", "bulkhead"},
                              at, p, "a link policy");
  detail::get_number(j, "timeout_ms", at, p, pol.timeout_ms, false);
  detail::get_int(j, "retries", at, p, pol.retries);
  detail::get_number(j, "backoff_ms", at, p, pol.backoff_ms, false);
  detail::get_number(j, "backoff_multiplier", at, p, pol.backoff_multiplier, false);
  detail::read_jitter(j, at, p, pol);  // format 5: also "none", "full" or "equal"
  detail::get_int(j, "bulkhead", at, p, pol.bulkhead);
  if (auto it = j.find("breaker"); it != j.end()) {
    const std::string bat = pointer_join(at, "breaker");
    if (expect_object(*it, bat, p)) {
      pol.breaker = true;
      detail::reject_unknown_keys(*it, {"threshold", "open_ms", "fallback"}, bat, p,
                                  "a circuit breaker");
      detail::get_number(*it, "threshold", bat, p, pol.breaker_threshold, false);
      detail::get_number(*it, "open_ms", bat, p, pol.breaker_open_ms, false);
      std::string fallback;
      if (detail::get_string(*it, "fallback", bat, p, fallback, false)) {
        if (fallback == "degraded")
          pol.fallback_degraded = true;
        else if (fallback != "fail")
          p.add(pointer_join(bat, "fallback"),
                "unknown fallback \"" + fallback + "\" (fail or degraded)");
      }
    }
  }
  return pol;
}

Link Reader::link(const json& j, const std::string& at) {
  Link l;
  if (!expect_object(j, at, p)) return l;
  detail::reject_unknown_keys(
      j, {"from", "to", "calls", "latency_ms", "weight", "policy", "loss", "duplicate", "idempotent"},
      at, p, "a link");
  note_v2(j, "policy", at);
  for (const char* key : {"loss", "duplicate", "idempotent"}) note_v4(j, key, at);
  detail::get_number(j, "loss", at, p, l.loss, false);
  detail::get_number(j, "duplicate", at, p, l.duplicate, false);
  detail::get_bool(j, "idempotent", at, p, l.idempotent);
  detail::get_string(j, "from", at, p, l.from, true);
  detail::get_string(j, "to", at, p, l.to, true);
  detail::get_number(j, "latency_ms", at, p, l.latency_ms, false);
  detail::get_number(j, "weight", at, p, l.weight, false);
  if (auto it = j.find("calls"); it != j.end()) {
    const std::string where = pointer_join(at, "calls");
    if (it->is_number() && std::isfinite(it->get<double>())) {
      l.calls = PerClass{it->get<double>(), {}};
    } else if (it->is_object()) {
      PerClass pc;
      read_per_class_map(*it, where, p, pc.by_class);
      l.calls = pc;
    } else {
      p.add(where, std::string("expected a number or a map per class, found ") +
                       detail::json_type_name(*it));
    }
  }
  if (auto it = j.find("policy"); it != j.end())
    l.policy = policy(*it, pointer_join(at, "policy"));
  return l;
}

Fault Reader::fault(const json& j, const std::string& at) {
  Fault f;
  if (!expect_object(j, at, p)) return f;
  std::string type;
  if (!detail::get_string(j, "type", at, p, type, true)) return f;
  const auto t = fault_type_from(type);
  if (!t) {
    p.add(pointer_join(at, "type"), "unknown fault type \"" + type + "\" (" + kFaultTypes + ")");
    return f;
  }
  f.type = *t;
  if (f.type == FaultType::Region) v5_fields.emplace_back(pointer_join(at, "type"), "region");
  const std::vector<const char*> keys = fault_keys(f.type);
  detail::reject_unknown_keys(j, keys, at, p, std::string("a ") + to_string(f.type) + " fault");
  auto takes = [&](const char* key) {
    for (const char* k : keys)
      if (std::string(k) == key) return true;
    return false;
  };
  switch (f.type) {
    case FaultType::Cut:
      detail::get_string(j, "from", at, p, f.component, true);
      detail::get_string(j, "to", at, p, f.to, true);
      break;
    case FaultType::Zone:
      detail::get_string(j, "zone", at, p, f.zone, true);
      break;
    case FaultType::Region:
      detail::get_string(j, "region", at, p, f.zone, true);
      break;
    case FaultType::Spike:
      detail::get_number(j, "factor", at, p, f.factor, true);
      break;
    default:
      detail::get_string(j, "component", at, p, f.component, true);
      break;
  }
  if (takes("instances")) detail::get_int(j, "instances", at, p, f.instances);
  if (f.type == FaultType::Slow) detail::get_number(j, "factor", at, p, f.factor, false);
  if (takes("add_ms")) detail::get_number(j, "add_ms", at, p, f.add_ms, false);
  if (takes("hit_ratio")) detail::get_number(j, "hit_ratio", at, p, f.hit_ratio, false);
  if (takes("fraction")) detail::get_number(j, "fraction", at, p, f.fraction, false);
  detail::get_number(j, "duration_s", at, p, f.duration_s, false);
  return f;
}

std::vector<Fault> Reader::faults(const json& j, const char* key, const std::string& at) {
  std::vector<Fault> out;
  if (const json* a = array_field(j, key, at, p)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      out.push_back(fault((*a)[i], pointer_join(pointer_join(at, key), i)));
  }
  return out;
}

Condition Reader::condition(const json& j, const std::string& at) {
  Condition c;
  if (!expect_object(j, at, p)) return c;
  detail::reject_unknown_keys(j, {"class", "metric", "op", "value"}, at, p, "a condition");
  detail::get_string(j, "class", at, p, c.request_class, true);
  std::string metric;
  if (detail::get_string(j, "metric", at, p, metric, true)) {
    if (const auto m = metric_from(metric))
      c.metric = *m;
    else
      p.add(pointer_join(at, "metric"),
            "unknown metric \"" + metric +
                "\" (success, answered, degraded, failed, mean_ms, p95_ms)");
  }
  std::string op;
  if (detail::get_string(j, "op", at, p, op, true)) {
    if (op == ">=")
      c.op = Cmp::AtLeast;
    else if (op == "<=")
      c.op = Cmp::AtMost;
    else
      p.add(pointer_join(at, "op"), "unknown comparison \"" + op + "\" (>= or <=)");
  }
  detail::get_number(j, "value", at, p, c.value, true);
  return c;
}

Experiment Reader::experiment(const json& j, const std::string& at) {
  Experiment e;
  if (!expect_object(j, at, p)) return e;
  detail::reject_unknown_keys(j, {"name", "hypothesis", "faults", "blast_radius", "conditions"},
                              at, p, "an experiment");
  detail::get_string(j, "name", at, p, e.name, true);
  detail::get_string(j, "hypothesis", at, p, e.hypothesis, false);
  e.faults = faults(j, "faults", at);
  detail::get_string_array(j, "blast_radius", at, p, e.blast_radius);
  if (j.contains("conditions")) {
    if (const json* a = array_field(j, "conditions", at, p)) {
      for (std::size_t i = 0; i < a->size(); ++i)
        e.conditions.push_back(
            condition((*a)[i], pointer_join(pointer_join(at, "conditions"), i)));
    }
  }
  return e;
}

Version Reader::version(const json& j, const std::string& at) {
  Version v;
  if (!expect_object(j, at, p)) return v;
  detail::reject_unknown_keys(
      j,
      {"name", "notes", "workload", "components", "links", "faults", "experiments",
       "simulations", "mesh", "regions"},
      at, p, "a version");
  std::optional<Autoscale> no_autoscale;
  scaling(j, at, no_autoscale, v.mesh);
  for (const char* key : detail::kVersionRegionKeys) note_v5(j, key, at);
  detail::read_version_regions(j, at, p, v);
  note_v2(j, "faults", at);
  note_v2(j, "experiments", at);
  detail::get_string(j, "name", at, p, v.name, true);
  detail::get_string(j, "notes", at, p, v.notes, false);
  if (const json* a = array_field(j, "workload", at, p)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      v.workload.push_back(request_class((*a)[i], pointer_join(pointer_join(at, "workload"), i)));
  }
  if (const json* a = array_field(j, "components", at, p)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      v.components.push_back(component((*a)[i], pointer_join(pointer_join(at, "components"), i)));
  }
  if (j.contains("links")) {
    if (const json* a = array_field(j, "links", at, p)) {
      for (std::size_t i = 0; i < a->size(); ++i)
        v.links.push_back(link((*a)[i], pointer_join(pointer_join(at, "links"), i)));
    }
  }
  if (j.contains("faults")) v.faults = faults(j, "faults", at);
  if (auto it = j.find("simulations"); it != j.end())  // format 5
    v.simulations = detail::read_simulations(
        *it, pointer_join(at, "simulations"), p,
        [this](const json& f, const std::string& fat) { return fault(f, fat); });
  if (j.contains("experiments")) {
    if (const json* a = array_field(j, "experiments", at, p)) {
      for (std::size_t i = 0; i < a->size(); ++i)
        v.experiments.push_back(
            experiment((*a)[i], pointer_join(pointer_join(at, "experiments"), i)));
    }
  }
  return v;
}

}  // namespace archbench::detail
