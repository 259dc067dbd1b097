#include "archbench/scaling.h"

#include <cmath>

#include "archbench/format.h"
#include "archbench/pattern_figures.h"
#include "archbench/solver.h"

namespace archbench {

const std::vector<ParamDecl>& autoscale_fields() {
  static const std::vector<ParamDecl> fields = {
      {"min", "Fewest instances", "", ParamType::Integer, 1, 1, 10000,
       "The autoscaler never goes below this many instances, however light the load."},
      {"max", "Most instances", "", ParamType::Integer, 10, 1, 10000,
       "The autoscaler never goes above this many instances; above it the utilization passes "
       "the target and, past 100%, the component saturates."},
      {"target_utilization", "Target utilization", "", ParamType::Number, 0.7, 0.01, 0.99,
       "The autoscaler runs the fewest instances whose utilization (busy servers over servers) "
       "is at or below this share, like a Kubernetes HorizontalPodAutoscaler's target. "
       "Between 0 and 1, e.g. 0.7."},
      {"scale_up_delay_s", "Scale-up delay", "s", ParamType::Number, 60, 0, 86400,
       "Time from a rise in load to new instances serving: metrics window, decision, start-up "
       "and warm-up. During a spike the instances of the load before it carry the spike's load "
       "for this long; what they cannot carry piles up."},
  };
  return fields;
}

const std::vector<ParamDecl>& mesh_fields() {
  static const std::vector<ParamDecl> fields = {
      {"latency_ms_per_hop", "Sidecar latency per hop", "ms", ParamType::Number, 0.5, 0, 1000,
       "Added each way for each sidecar a call passes: the caller's on the way out, the "
       "callee's on the way in (Envoy/Istio: about 0.5 ms at the median, more at the tail)."},
      {"cpu_overhead", "Sidecar CPU overhead", "", ParamType::Number, 0.1, 0, 10,
       "The sidecar's work as a share of the component's own service time (0.1: 10% more "
       "service demand per visit)."},
      {"cost_per_instance_month", "Sidecar cost per instance", "$/month", ParamType::Number, 5, 0,
       100000,
       "Monthly price of the CPU and memory one sidecar reserves beside each instance "
       "(e.g. 0.1 vCPU and 128 MB)."},
  };
  return fields;
}

double field_value(const Autoscale& a, const std::string& name) {
  if (name == "min") return a.min;
  if (name == "max") return a.max;
  if (name == "target_utilization") return a.target_utilization;
  if (name == "scale_up_delay_s") return a.scale_up_delay_s;
  return 0;
}

void set_field_value(Autoscale& a, const std::string& name, double value) {
  if (name == "min") a.min = static_cast<int>(std::lround(value));
  if (name == "max") a.max = static_cast<int>(std::lround(value));
  if (name == "target_utilization") a.target_utilization = value;
  if (name == "scale_up_delay_s") a.scale_up_delay_s = value;
}

double field_value(const Mesh& m, const std::string& name) {
  if (name == "latency_ms_per_hop") return m.latency_ms_per_hop;
  if (name == "cpu_overhead") return m.cpu_overhead;
  if (name == "cost_per_instance_month") return m.cost_per_instance_month;
  return 0;
}

void set_field_value(Mesh& m, const std::string& name, double value) {
  if (name == "latency_ms_per_hop") m.latency_ms_per_hop = value;
  if (name == "cpu_overhead") m.cpu_overhead = value;
  if (name == "cost_per_instance_month") m.cost_per_instance_month = value;
}

bool runs_instances(const KindDecl& k) {
  return k.param("instances") != nullptr && k.behaviour != Behaviour::Queue &&
         k.behaviour != Behaviour::Client;
}

bool meshed_by_version(const KindDecl& k) {
  return runs_instances(k) && k.behaviour == Behaviour::Service;
}

std::optional<Mesh> effective_mesh(const Version& v, const Component& c, const Catalog& catalog) {
  if (c.mesh) return c.mesh;
  const KindDecl* k = catalog.find(c.kind);
  if (v.mesh && k && meshed_by_version(*k)) return v.mesh;
  return std::nullopt;
}

Version scaled_for_load(const Version& v, const Catalog& catalog, double load) {
  bool any = false;
  for (const auto& c : v.components) any = any || c.autoscale.has_value();
  if (!any) return v;
  EvaluateOptions o;
  o.load = load;
  o.percentiles = false;
  o.max_throughput = false;
  const Report r = evaluate(v, catalog, o);
  Version out = v;
  for (auto& c : out.components) {
    if (!c.autoscale) continue;
    if (const ComponentResult* cr = r.component(c.id); cr && cr->autoscale)
      c.params["instances"] = ParamValue::of(static_cast<double>(cr->autoscale->instances));
    c.autoscale.reset();
  }
  return out;
}

std::string autoscale_badge(const Autoscale& a) {
  return "auto " + std::to_string(a.min) + "–" + std::to_string(a.max);
}

std::string autoscale_text(const AutoscaleFigures& f, const std::optional<double>& utilization) {
  std::string s = format_count(f.instances) + (f.instances == 1 ? " instance" : " instances") +
                  " (auto " + std::to_string(f.min) + "–" + std::to_string(f.max) + ", target " +
                  format_percent(f.target_utilization) + ")";
  if (f.at_max()) s += " at max";
  if (!utilization) return s + ": saturated";
  s += ": " + format_percent(*utilization) + " utilization";
  if (f.at_max() && *utilization > f.target_utilization) s += ", above the target";
  return s;
}

std::string mesh_text(const MeshFigures& f) {
  return "sidecars: " + format_count(f.sidecars) + " × " +
         format_usd(f.sidecars > 0 ? f.cost_per_month / static_cast<double>(f.sidecars) : 0) +
         " = " + format_usd(f.cost_per_month) + "/month, +" + format_ms(f.latency_ms_per_hop) +
         " ms per hop each way, +" + format_percent(f.cpu_overhead) + " CPU";
}

std::string scale_up_text(const ScaleUpLag& s) {
  std::string t = s.component + ": " + format_count(s.instances_before) + " → " +
                  format_count(s.instances_after) + " instances after " +
                  format_duration(s.delay_s) + "; meanwhile " + format_rate(s.arrivals_per_s) +
                  " against a capacity of " + format_rate(s.capacity_before_per_s);
  if (s.backlog_requests <= 0) return t + ": no backlog, only a higher utilization";
  t += ": a backlog of " + format_count(std::llround(s.backlog_requests)) + " requests";
  if (!s.drain_s) return t + ", never drained (the new instances cannot carry the spike)";
  return t + ", drained " + format_duration(*s.drain_s) + " after the new instances arrive";
}

}  // namespace archbench
