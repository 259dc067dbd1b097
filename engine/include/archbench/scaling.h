#pragma once
// Autoscaling and the service mesh (docs/PATTERNS.md): the declarations of their fields (the
// property editor and validation read them), which components they apply to, and the figures
// they add to a report.
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"

namespace archbench {

// The fields of `autoscale` (min, max, target_utilization, scale_up_delay_s) and of `mesh`
// (latency_ms_per_hop, cpu_overhead, cost_per_instance_month): name, label, unit, default,
// range and tooltip, declared once.
const std::vector<ParamDecl>& autoscale_fields();
const std::vector<ParamDecl>& mesh_fields();
double field_value(const Autoscale& a, const std::string& name);
void set_field_value(Autoscale& a, const std::string& name, double value);
double field_value(const Mesh& m, const std::string& name);
void set_field_value(Mesh& m, const std::string& name, double value);

// Whether a kind runs instances that can be added and removed, or that carry a sidecar: it
// declares "instances" and is not a message queue (a managed broker).
bool runs_instances(const KindDecl& k);
// Whether a version's mesh puts a sidecar on a kind: the services that run instances (app
// servers, worker pools, connection poolers). Gateways, balancers and caches take a sidecar
// only when they have their own `mesh`.
bool meshed_by_version(const KindDecl& k);
// The sidecar on a component: its own, else the version's where it applies; none otherwise.
std::optional<Mesh> effective_mesh(const Version& v, const Component& c, const Catalog& catalog);

// What the autoscaler chose for a component at the evaluated load.
struct AutoscaleFigures {
  int min = 1, max = 1;
  double target_utilization = 0.7;
  double scale_up_delay_s = 0;
  long long instances = 1;  // the smallest count in [min, max] at or below the target
  // The count the target asks for without the bounds (above max: "at max"); -1 when its
  // servers are held for ever by a saturated callee (no count would do).
  long long wanted = 1;
  bool at_max() const { return wanted < 0 || wanted > max; }
};

// The sidecars of a component.
struct MeshFigures {
  double latency_ms_per_hop = 0;
  double cpu_overhead = 0;
  long long sidecars = 0;  // one per instance
  double cost_per_month = 0;
};

// A spike's lag at an autoscaled component (what-if with a spike): the new instances arrive
// scale_up_delay_s after the rise; until then the instances of the load before the spike carry
// the load of the spike, and what they cannot carry piles up.
struct ScaleUpLag {
  std::string component;
  long long instances_before = 1, instances_after = 1;
  double delay_s = 0;              // min(scale_up_delay_s, the spike's duration)
  double arrivals_per_s = 0;       // visits per second during the spike
  double capacity_before_per_s = 0;  // instances_before × c / H
  double capacity_after_per_s = 0;   // instances_after × c / H
  double backlog_requests = 0;     // max(0, arrivals − capacity_before) × delay
  std::optional<double> drain_s;   // backlog / (capacity_after − arrivals); null: never drains
};

// The version with each autoscaled component's `autoscale` replaced by the instance count
// evaluate picks at `load` (for the simulator, which runs fixed counts).
Version scaled_for_load(const Version& v, const Catalog& catalog, double load);

// Lines the CLI and the app both print.
// "auto 2–10" (a canvas badge); "mesh" for a sidecar.
std::string autoscale_badge(const Autoscale& a);
// "4 instances (auto 2–10, target 70%): 63.2% utilization"; "… at max 10: 93.1% utilization,
// above the target" or "…: saturated".
std::string autoscale_text(const AutoscaleFigures& f, const std::optional<double>& utilization);
// "sidecars: 4 × $5.00 = $20.00/month, +0.5 ms per hop each way, +10% CPU".
std::string mesh_text(const MeshFigures& f);
// "api: 2 → 6 instances after 60 s; meanwhile 900 req/s against a capacity of 400 req/s: a
// backlog of 30,000 requests, drained 75 s after the new instances arrive".
std::string scale_up_text(const ScaleUpLag& s);

}  // namespace archbench
