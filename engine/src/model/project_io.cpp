#include "archbench/project_io.h"
#include "archbench/text_file.h"

#include <cmath>
#include <fstream>
#include <set>

#include "archbench/catalog.h"
#include "archbench/validate.h"
#include "model/validate_routes.h"
#include "model/format_patterns.h"
#include "model/format_simulation.h"
#include "model/format_scaling.h"
#include "model/format_regions.h"
#include "model/json_util.h"
#include "model/plain_text.h"
#include "model/project_write.h"
#include "practice/attempt_json.h"

namespace archbench {

using detail::json;
using detail::pointer_join;
using detail::Problems;
using detail::components_json;
using detail::experiment_json;
using detail::faults_json;
using detail::links_json;
using detail::number_json;

namespace {

bool expect_object(const json& j, const std::string& at, Problems& p) {
  if (j.is_object()) return true;
  p.add(at, std::string("expected an object, found ") + detail::json_type_name(j));
  return false;
}

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

// Reads the parts of a project and remembers where fields of format_version 2 stand, so that a
// file declaring version 1 cannot carry them (an older build would refuse them as unknown).
struct Reader {
  Problems& p;
  std::vector<std::pair<std::string, std::string>> v2_fields;  // place, key
  std::vector<std::pair<std::string, std::string>> v4_fields;  // place, key
  std::vector<std::pair<std::string, std::string>> v5_fields;  // place, key

  void note_v2(const json& j, const char* key, const std::string& at) {
    if (j.contains(key)) v2_fields.emplace_back(pointer_join(at, key), key);
  }
  void note_v4(const json& j, const char* key, const std::string& at) {
    if (j.contains(key)) v4_fields.emplace_back(pointer_join(at, key), key);
  }
  void note_v5(const json& j, const char* key, const std::string& at) {
    if (j.contains(key)) v5_fields.emplace_back(pointer_join(at, key), key);
  }

  RequestClass request_class(const json& j, const std::string& at) {
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

  Component component(const json& j, const std::string& at) {
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

  void scaling(const json& j, const std::string& at, std::optional<Autoscale>& autoscale,
               std::optional<Mesh>& mesh) {
    detail::read_scaling(j, at, p, v5_fields, autoscale, mesh);
  }

  LinkPolicy policy(const json& j, const std::string& at) {
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

  Link link(const json& j, const std::string& at) {
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

  Fault fault(const json& j, const std::string& at) {
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

  std::vector<Fault> faults(const json& j, const char* key, const std::string& at) {
    std::vector<Fault> out;
    if (const json* a = array_field(j, key, at, p)) {
      for (std::size_t i = 0; i < a->size(); ++i)
        out.push_back(fault((*a)[i], pointer_join(pointer_join(at, key), i)));
    }
    return out;
  }

  Condition condition(const json& j, const std::string& at) {
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

  Experiment experiment(const json& j, const std::string& at) {
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

  Version version(const json& j, const std::string& at) {
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
};

}  // namespace

int required_format_version(const Project& project) {
  for (const auto& v : project.versions)
    if (detail::uses_simulation_fields(v) || detail::uses_format5(v) ||
        detail::uses_scaling_fields(v) || detail::uses_format5_regions(v))
      return detail::kFormat5Version;
  for (const auto& v : project.versions)
    if (detail::uses_format4(v)) return detail::kPatternsFormatVersion;
  if (project.practice) return 3;
  for (const auto& v : project.versions) {
    if (!v.faults.empty() || !v.experiments.empty()) return 2;
    for (const auto& r : v.workload)
      if (r.slo_percent) return 2;
    for (const auto& c : v.components)
      if (!c.zones.empty()) return 2;
    for (const auto& l : v.links)
      if (!l.policy.is_default()) return 2;
  }
  return kOldestProjectFormatVersion;
}

std::string dump_fragment(const std::vector<Component>& components, const std::vector<Link>& links) {
  json j = json::object();
  j["components"] = components_json(components);
  j["links"] = links_json(links);
  return j.dump(2) + "\n";
}

void parse_fragment(const std::string& text, std::vector<Component>& components,
                    std::vector<Link>& links) {
  const std::string file = "clipboard";
  json j = detail::parse_json_text(text, file);
  Problems p;
  if (!j.is_object()) throw InputError(file, "", "expected an object with components and links");
  detail::reject_unknown_keys(j, {"components", "links"}, "", p, "a fragment");
  Reader reader{p, {}, {}, {}};  // a fragment has no format_version: it carries zones and policies as is
  if (const json* a = array_field(j, "components", "", p)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      components.push_back(reader.component((*a)[i], pointer_join("/components", i)));
  }
  if (j.contains("links")) {
    if (const json* a = array_field(j, "links", "", p)) {
      for (std::size_t i = 0; i < a->size(); ++i)
        links.push_back(reader.link((*a)[i], pointer_join("/links", i)));
    }
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));
}

namespace {

// The problems of an unfinished design, as (place, message): where a class goes (a balancer,
// queue or cache not linked yet, no queue for an asynchronous class), a class whose entry is no
// component (it was deleted), and a workload with no class yet.
std::set<std::pair<std::string, std::string>> unfinished_problems(const Version& v,
                                                                  const Catalog& catalog,
                                                                  const std::string& prefix) {
  std::set<std::pair<std::string, std::string>> kept;
  for (auto& r : detail::check_routes(v, catalog, prefix)) kept.insert({r.place, r.message});
  const std::string workload = pointer_join(prefix, "workload");
  for (auto& d : validate_version(v, catalog, prefix)) {
    if (d.place == workload) kept.insert({d.place, d.message});
    for (std::size_t k = 0; k < v.workload.size(); ++k)
      if (d.place == pointer_join(pointer_join(workload, k), "entry") &&
          !v.component(v.workload[k].entry))
        kept.insert({d.place, d.message});
  }
  return kept;
}

// Unfinished: a problem of a version's workload (where a class goes, its entry, no class at all)
// is left for evaluate_partial to report; parse_unfinished_project keeps such versions.
Project parse(const std::string& text, const std::string& file, const Catalog& catalog,
              bool unfinished) {
  json j = detail::parse_json_text(text, file);
  Problems p;
  Project project;
  if (!j.is_object()) {
    throw InputError(file, "", std::string("expected a JSON object at the top, found ") +
                                   detail::json_type_name(j));
  }
  std::string format;
  if (detail::get_string(j, "format", "", p, format, true) && format != kProjectFormat) {
    p.add("/format", "this is not an ArchBench project (format is \"" + format +
                         "\", expected \"" + kProjectFormat + "\")");
  }
  double fv = 0;
  if (detail::get_number(j, "format_version", "", p, fv, true)) {
    if (fv > kProjectFormatVersion) {
      throw InputError(file, "/format_version",
                       "the file was written by a newer ArchBench (format_version " +
                           detail::number_text(fv) + "); this build reads format_version " +
                           std::to_string(kProjectFormatVersion) +
                           " and older: upgrade ArchBench to open it");
    }
    if (fv < kOldestProjectFormatVersion || std::floor(fv) != fv) {
      p.add("/format_version", "unsupported format_version " + detail::number_text(fv) +
                                   " (expected 1, 2, 3, 4 or 5)");
    }
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));
  detail::reject_unknown_keys(
      j, {"format", "format_version", "name", "description", "versions", "practice"}, "", p,
      "the project");
  detail::get_string(j, "name", "", p, project.name, true);
  detail::get_string(j, "description", "", p, project.description, false);
  // The project's name and description are printed back: plain text only (as ids and names).
  if (auto problem = detail::text_problem(project.name))
    p.add("/name", "the project name \"" + detail::printable_text(project.name) + "\" " + *problem);
  if (auto problem = detail::text_problem(project.description, true))
    p.add("/description", "the description " + *problem);
  Reader reader{p, {}, {}, {}};
  if (const json* a = array_field(j, "versions", "", p)) {
    if (a->empty()) p.add("/versions", "a project needs at least one version");
    for (std::size_t i = 0; i < a->size(); ++i)
      project.versions.push_back(reader.version((*a)[i], pointer_join("/versions", i)));
  }
  if (fv < 2) {
    for (const auto& [place, key] : reader.v2_fields)
      p.add(place, "\"" + key + "\" needs format_version 2; this file says format_version " +
                       detail::number_text(fv));
  }
  if (fv < detail::kPatternsFormatVersion) {
    for (const auto& [place, key] : reader.v4_fields)
      p.add(place, "\"" + key + "\" needs format_version 4; this file says format_version " +
                       detail::number_text(fv));
  }
  detail::check_format5(project, fv, p);
  if (fv < detail::kFormat5Version) {
    for (const auto& [place, key] : reader.v5_fields)
      p.add(place, "\"" + key + "\" needs format_version 5; this file says format_version " +
                       detail::number_text(fv));
  }
  if (auto it = j.find("practice"); it != j.end()) {
    if (fv < 3)
      p.add("/practice", "\"practice\" needs format_version 3; this file says format_version " +
                             detail::number_text(fv));
    project.practice = detail::read_practice(*it, "/practice", p);
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));

  for (std::size_t i = 0; i < project.versions.size(); ++i) {
    const auto& v = project.versions[i];
    for (std::size_t k = 0; k < i; ++k) {
      if (project.versions[k].name == v.name)
        p.add(pointer_join(pointer_join("/versions", i), "name"),
              "duplicate version name \"" + v.name + "\"");
    }
    const std::string prefix = pointer_join("/versions", i);
    const auto kept = unfinished ? unfinished_problems(v, catalog, prefix)
                                 : std::set<std::pair<std::string, std::string>>{};
    for (auto& d : validate_version(v, catalog, prefix))
      if (!kept.count({d.place, d.message})) p.list.push_back(d);
    for (auto& d : validate_scenarios(v, catalog, pointer_join("/versions", i))) p.list.push_back(d);
    for (auto& d : detail::validate_simulations(v, catalog, prefix)) p.list.push_back(d);
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));
  return project;
}

}  // namespace

Project parse_project(const std::string& text, const std::string& file, const Catalog& catalog) {
  return parse(text, file, catalog, false);
}

Project parse_unfinished_project(const std::string& text, const std::string& file,
                                 const Catalog& catalog) {
  return parse(text, file, catalog, true);
}

Project load_project(const std::filesystem::path& path, const Catalog& catalog) {
  return parse_project(detail::read_text_file(path), path.string(), catalog);
}

Project load_unfinished_project(const std::filesystem::path& path, const Catalog& catalog) {
  return parse_unfinished_project(detail::read_text_file(path), path.string(), catalog);
}

json project_to_json(const Project& project) {
  json root = json::object();
  root["format"] = kProjectFormat;
  root["format_version"] = required_format_version(project);
  root["name"] = project.name;
  if (!project.description.empty()) root["description"] = project.description;
  json versions = json::array();
  for (const auto& v : project.versions) {
    json jv = json::object();
    jv["name"] = v.name;
    if (!v.notes.empty()) jv["notes"] = v.notes;
    json wl = json::array();
    for (const auto& r : v.workload) {
      json jr = json::object();
      jr["name"] = r.name;
      jr["entry"] = r.entry;
      jr["op"] = to_string(r.op);
      if (r.per_second) jr["per_second"] = number_json(*r.per_second);
      if (r.per_day) jr["per_day"] = number_json(*r.per_day);
      if (r.peak_factor) jr["peak_factor"] = number_json(*r.peak_factor);
      if (r.payload_kb != 0) jr["payload_kb"] = number_json(r.payload_kb);
      if (!r.sync) jr["sync"] = false;
      if (r.slo_percent) jr["slo_percent"] = number_json(*r.slo_percent);
      if (r.idempotent) jr["idempotent"] = true;
      if (r.cross_shard != 0) jr["cross_shard"] = number_json(r.cross_shard);
      detail::write_class_consistency(r, jr);
      wl.push_back(std::move(jr));
    }
    jv["workload"] = std::move(wl);
    jv["components"] = components_json(v.components);
    jv["links"] = links_json(v.links);
    if (!v.faults.empty()) jv["faults"] = faults_json(v.faults);
    if (!v.simulations.empty()) jv["simulations"] = detail::simulations_json(v.simulations);
    detail::write_version_regions(v, jv);
    if (!v.experiments.empty()) {
      json experiments = json::array();
      for (const auto& e : v.experiments) experiments.push_back(experiment_json(e));
      jv["experiments"] = std::move(experiments);
    }
    if (v.mesh) jv["mesh"] = detail::mesh_json(*v.mesh);
    versions.push_back(std::move(jv));
  }
  root["versions"] = std::move(versions);
  if (project.practice) root["practice"] = detail::practice_json(*project.practice);
  return root;
}

std::string dump_project(const Project& project) { return project_to_json(project).dump(2) + "\n"; }

void save_project(const Project& project, const std::filesystem::path& path) {
  write_text_file(path, dump_project(project));
}

}  // namespace archbench
