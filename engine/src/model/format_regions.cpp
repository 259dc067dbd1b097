#include "model/format_regions.h"

#include <cmath>

#include "model/project_write.h"

namespace archbench::detail {

bool is_format5_regions_param(const std::string& name) { return name == "replication_lag_ms"; }

void read_class_consistency(const json& j, const std::string& at, Problems& p, RequestClass& r) {
  std::string text;
  if (get_string(j, "consistency", at, p, text, false)) {
    if (const auto c = consistency_from(text))
      r.consistency = *c;
    else
      p.add(pointer_join(at, "consistency"),
            "unknown consistency \"" + text + "\" (strong, read_your_writes or eventual)");
  }
  get_string(j, "writes_from", at, p, r.writes_from, false);
  get_number(j, "keys", at, p, r.keys, false);
}

void read_component_regions(const json& j, const std::string& at, Problems& p, Component& c) {
  get_string(j, "region", at, p, c.region, false);
  get_string_array(j, "replica_regions", at, p, c.replica_regions);
}

void read_version_regions(const json& j, const std::string& at, Problems& p, Version& v) {
  const auto it = j.find("regions");
  if (it == j.end()) return;
  const std::string rat = pointer_join(at, "regions");
  if (!it->is_object()) {
    p.add(rat, std::string("expected an object with names and latency_ms, found ") +
                   json_type_name(*it));
    return;
  }
  reject_unknown_keys(*it, {"names", "latency_ms"}, rat, p, "the regions");
  get_string_array(*it, "names", rat, p, v.regions);
  const auto lt = it->find("latency_ms");
  if (lt == it->end()) return;
  const std::string lat = pointer_join(rat, "latency_ms");
  if (!lt->is_array()) {
    p.add(lat, std::string("expected an array of {\"between\": [A, B], \"ms\": N}, found ") +
                   json_type_name(*lt));
    return;
  }
  for (std::size_t i = 0; i < lt->size(); ++i) {
    const json& e = (*lt)[i];
    const std::string eat = pointer_join(lat, i);
    if (!e.is_object()) {
      p.add(eat, std::string("expected {\"between\": [A, B], \"ms\": N}, found ") +
                     json_type_name(e));
      continue;
    }
    reject_unknown_keys(e, {"between", "ms"}, eat, p, "a region latency");
    RegionLatency rl;
    std::vector<std::string> between;
    if (get_string_array(e, "between", eat, p, between)) {
      if (between.size() == 2) {
        rl.a = between[0];
        rl.b = between[1];
      } else {
        p.add(pointer_join(eat, "between"), "expected two region names");
      }
    } else if (!e.contains("between")) {
      p.add(eat, "missing \"between\": the two regions");
    }
    get_number(e, "ms", eat, p, rl.ms, true);
    v.region_latency.push_back(rl);
  }
}

void write_class_consistency(const RequestClass& r, json& out) {
  if (r.consistency) out["consistency"] = to_string(*r.consistency);
  if (!r.writes_from.empty()) out["writes_from"] = r.writes_from;
  if (r.keys != 1) out["keys"] = number_json(r.keys);
}

void write_component_regions(const Component& c, json& out) {
  if (!c.region.empty()) out["region"] = c.region;
  if (!c.replica_regions.empty()) out["replica_regions"] = c.replica_regions;
}

void write_version_regions(const Version& v, json& out) {
  if (v.regions.empty() && v.region_latency.empty()) return;
  json r = json::object();
  r["names"] = v.regions;
  json lat = json::array();
  for (const auto& l : v.region_latency)
    lat.push_back({{"between", json::array({l.a, l.b})}, {"ms", number_json(l.ms)}});
  if (!lat.empty()) r["latency_ms"] = std::move(lat);
  out["regions"] = std::move(r);
}

bool uses_format5_regions(const Version& v) {
  if (!v.regions.empty() || !v.region_latency.empty()) return true;
  for (const auto& r : v.workload)
    if (r.consistency || !r.writes_from.empty() || r.keys != 1) return true;
  for (const auto& c : v.components) {
    if (!c.region.empty() || !c.replica_regions.empty()) return true;
    for (const auto& [name, value] : c.params)
      if (is_format5_regions_param(name)) return true;
  }
  auto region_fault = [](const std::vector<Fault>& faults) {
    for (const auto& f : faults)
      if (f.type == FaultType::Region) return true;
    return false;
  };
  if (region_fault(v.faults)) return true;
  for (const auto& e : v.experiments)
    if (region_fault(e.faults)) return true;
  return false;
}

}  // namespace archbench::detail
