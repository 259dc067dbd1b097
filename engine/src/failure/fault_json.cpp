#include "archbench/fault_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace archbench {

using nlohmann::json;

namespace {

// Same rules as report_json.cpp: a figure that does not exist is null, never NaN or infinity.
json num(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}
json opt(const std::optional<double>& v) {
  return v ? num(*v) : json(nullptr);
}
json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

// Only the fields the fault's type uses, plus its description and duration.
json fault_json(const Fault& f) {
  json j = {{"type", to_string(f.type)}, {"description", describe(f)}};
  switch (f.type) {
    case FaultType::Crash:
    case FaultType::Hang:
      j["component"] = f.component;
      break;
    case FaultType::Lose:
      j["component"] = f.component;
      j["instances"] = f.instances;
      break;
    case FaultType::Slow:
      j["component"] = f.component;
      j["factor"] = num(f.factor);
      j["add_ms"] = num(f.add_ms);
      break;
    case FaultType::Flush:
      j["component"] = f.component;
      j["hit_ratio"] = num(f.hit_ratio);
      break;
    case FaultType::Cut:
      j["from"] = f.component;
      j["to"] = f.to;
      break;
    case FaultType::Zone:
      j["zone"] = f.zone;
      break;
    case FaultType::Region:
      j["region"] = f.zone;
      break;
    case FaultType::Spike:
      j["factor"] = num(f.factor);
      break;
    case FaultType::Partition:
      j["component"] = f.component;
      j["fraction"] = num(f.fraction);
      break;
  }
  j["duration_s"] = num(f.duration_s);
  return j;
}

json class_json(const ClassOutcome& c) {
  return {{"name", c.name},
          {"rate_per_s", num(c.rate_per_s)},
          {"success", num(c.success)},
          {"degraded", num(c.degraded)},
          {"answered", num(c.success + c.degraded)},
          {"failed", num(c.failed)},
          {"hung", num(c.hung)},
          {"stale_reads", num(c.stale_reads)},
          {"answered_mean_ms", opt(c.answered_mean_ms)},
          {"answered_p95_ms", opt(c.answered_p95_ms)},
          {"failed_mean_ms", opt(c.failed_mean_ms)},
          {"reason", text_or_null(c.reason)},
          {"p95_estimate", c.p95_estimate},
          {"timeout_ceiling_ms", opt(c.ceiling_timeout_ms)},
          {"async", c.async},
          {"completion_backlog_messages", num(c.completion_backlog_messages)},
          {"completion_delay_s", num(c.completion_delay_s)},
          {"completion_blocked_by", text_or_null(c.completion_blocked_by)}};
}

json component_json(const ComponentOutcome& c) {
  return {{"id", c.id},
          {"faulted", c.faulted},
          {"fault", text_or_null(c.fault)},
          {"offered_per_s", num(c.offered_per_s)},
          {"retry_amplification", num(c.retry_amplification)},
          {"served", num(c.served)},
          {"utilization", opt(c.utilization)},
          {"offered_utilization", num(c.offered_utilization)},
          {"saturated", c.saturated},
          {"down", c.down},
          {"instances_up", c.instances_up},
          {"reason", text_or_null(c.reason)},
          {"visit_success", num(c.visit_success)},
          {"visit_degraded", num(c.visit_degraded)},
          {"visit_failed", num(c.visit_failed)}};
}

json link_json(const LinkOutcome& l) {
  return {{"from", l.from},
          {"to", l.to},
          {"attempts_per_call", num(l.attempts_per_call)},
          {"attempt_failure", num(l.attempt_failure)},
          {"timed_out", num(l.timed_out)},
          {"breaker_admitted", num(l.breaker_admitted)},
          {"bulkhead_rejected", num(l.bulkhead_rejected)},
          {"calls_in_flight", num(l.calls_in_flight)},
          {"offered_per_s", num(l.offered_per_s)},
          {"carried_per_s", num(l.carried_per_s)}};
}

json state_json(const ScenarioState& s) {
  json classes = json::array(), comps = json::array(), links = json::array();
  for (const auto& c : s.classes) classes.push_back(class_json(c));
  for (const auto& c : s.components) comps.push_back(component_json(c));
  for (const auto& l : s.links) links.push_back(link_json(l));
  return {{"converged", s.converged}, {"iterations", s.iterations}, {"residual", num(s.residual)},
          {"classes", classes},       {"components", comps},        {"links", links}};
}

json backlog_json(const Backlog& b) {
  return {{"queue", b.queue},
          {"inflow_per_s", num(b.inflow_per_s)},
          {"drain_capacity_per_s", num(b.drain_capacity_per_s)},
          {"normal_capacity_per_s", num(b.normal_capacity_per_s)},
          {"duration_s", num(b.duration_s)},
          {"backlog_messages", num(b.backlog_messages)},
          {"drains", b.drain_s.has_value()},
          {"drain_s", opt(b.drain_s)},
          {"oldest_message_age_s", num(b.oldest_message_age_s)}};
}

json partition_json(const PartitionOutcome& p) {
  json classes = json::array();
  for (const auto& c : p.classes) {
    classes.push_back({{"name", c.name},
                       {"op", to_string(c.op)},
                       {"cp_failed", num(c.cp_failed)},
                       {"ap_stale", num(c.ap_stale)},
                       {"ap_divergent_writes", num(c.ap_divergent_writes)},
                       {"strong", c.strong}});
  }
  return {{"store", p.store},
          {"mode", p.synchronous ? "CP" : "AP"},
          {"fraction", num(p.fraction)},
          {"duration_s", num(p.duration_s)},
          {"divergence_window_s", num(p.divergence_window_s)},
          {"classes", classes}};
}

json cell_json(const std::string& cls, const ImpactCell& c) {
  return {{"class", cls},
          {"success", num(c.success)},
          {"answered", num(c.answered)},
          {"p95_ms", opt(c.p95_ms)},
          {"p95_estimate", c.p95_estimate},
          {"timeout_ceiling_ms", opt(c.ceiling_timeout_ms)}};
}

json cells_json(const std::vector<std::string>& classes, const std::vector<ImpactCell>& cells) {
  json out = json::array();
  for (std::size_t k = 0; k < cells.size(); ++k)
    out.push_back(cell_json(k < classes.size() ? classes[k] : std::string(), cells[k]));
  return out;
}

bool is_percent(Metric m) {
  return m != Metric::MeanMs && m != Metric::P95Ms;
}

}  // namespace

json what_if_to_json(const WhatIfReport& r, const std::string& project) {
  json faults = json::array(), backlogs = json::array(), partitions = json::array();
  for (const auto& f : r.faults) faults.push_back(fault_json(f));
  for (const auto& b : r.backlogs) backlogs.push_back(backlog_json(b));
  for (const auto& p : r.partitions) partitions.push_back(partition_json(p));
  json scale_ups = json::array();
  for (const auto& s : r.scale_ups) {
    scale_ups.push_back({{"component", s.component},
                         {"instances_before", s.instances_before},
                         {"instances_after", s.instances_after},
                         {"delay_s", s.delay_s},
                         {"arrivals_per_s", s.arrivals_per_s},
                         {"capacity_before_per_s", s.capacity_before_per_s},
                         {"capacity_after_per_s", s.capacity_after_per_s},
                         {"backlog_requests", s.backlog_requests},
                         {"drain_s", s.drain_s ? json(*s.drain_s) : json(nullptr)},
                         {"text", scale_up_text(s)}});
  }
  return {{"project", project},
          {"scale_ups", scale_ups},
          {"version", r.version},
          {"faults", faults},
          {"steady", state_json(r.steady)},
          {"faulted", state_json(r.faulted)},
          {"cascade", r.cascade},
          {"backlogs", backlogs},
          {"partitions", partitions}};
}

json impact_to_json(const ImpactMatrix& m, const std::string& project) {
  json rows = json::array();
  for (const auto& row : m.rows) {
    rows.push_back({{"component", row.component},
                    {"criticality", num(row.criticality)},
                    {"cells", cells_json(m.classes, row.cells)}});
  }
  return {{"project", project},
          {"version", m.version},
          {"classes", m.classes},
          {"steady", cells_json(m.classes, m.steady)},
          {"rows", rows}};
}

json experiment_to_json(const ExperimentResult& e, const std::string& project) {
  json conditions = json::array();
  for (const auto& c : e.conditions) {
    conditions.push_back({{"class", c.condition.request_class},
                          {"metric", to_string(c.condition.metric)},
                          {"op", c.condition.op == Cmp::AtLeast ? ">=" : "<="},
                          {"value", num(c.condition.value)},
                          {"unit", is_percent(c.condition.metric) ? "percent" : "ms"},
                          {"observed", opt(c.observed)},
                          {"holds", c.holds},
                          {"text", c.text}});
  }
  return {{"project", project},
          {"version", e.report.version},
          {"name", e.name},
          {"hypothesis", e.hypothesis},
          {"passed", e.passed},
          {"conditions", conditions},
          {"affected", e.affected},
          {"affected_why", e.affected_why},
          {"outside_blast_radius", e.outside_blast_radius},
          {"report", what_if_to_json(e.report, project)}};
}

}  // namespace archbench
