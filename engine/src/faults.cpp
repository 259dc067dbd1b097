// Failure analysis (work in progress: the resilience fixed point lands next).
#include "archbench/faults.h"

namespace archbench {

const ClassOutcome* ScenarioState::request_class(const std::string& name) const {
  for (const auto& c : classes) if (c.name == name) return &c;
  return nullptr;
}
const ComponentOutcome* ScenarioState::component(const std::string& id) const {
  for (const auto& c : components) if (c.id == id) return &c;
  return nullptr;
}

std::string describe(const Fault& f) { return std::string(to_string(f.type)) + " " + f.component; }

WhatIfReport what_if(const Version& version, const Catalog&, const std::vector<Fault>& faults,
                     const ResilienceOptions&) {
  WhatIfReport r;
  r.version = version.name;
  r.faults = faults;
  for (const auto& c : version.workload) {
    ClassOutcome o;
    o.name = c.name;
    r.steady.classes.push_back(o);
  }
  for (const auto& c : version.components) {
    ComponentOutcome o;
    o.id = c.id;
    r.steady.components.push_back(o);
  }
  r.faulted = r.steady;
  return r;
}

ImpactMatrix impact_matrix(const Version& version, const Catalog&, const ResilienceOptions&) {
  ImpactMatrix m;
  m.version = version.name;
  return m;
}

ExperimentResult run_experiment(const Version& version, const Catalog& catalog,
                                const Experiment& e, const ResilienceOptions& o) {
  ExperimentResult r;
  r.name = e.name;
  r.report = what_if(version, catalog, e.faults, o);
  return r;
}

}  // namespace archbench
