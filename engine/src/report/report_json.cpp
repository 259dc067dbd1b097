#include "archbench/report_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "archbench/consistency_figures.h"

namespace archbench {

using nlohmann::json;

namespace {

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
json opt(const std::optional<double>& v) { return v ? num(*v) : json(nullptr); }

json latency_json(const std::optional<Latency>& l) {
  if (!l) return nullptr;
  return {{"mean", num(l->mean)}, {"p50", num(l->p50)}, {"p95", num(l->p95)}, {"p99", num(l->p99)}};
}

}  // namespace

json report_to_json(const Report& r, const std::string& project) {
  json classes = json::array();
  for (const auto& c : r.classes) {
    json j = {{"name", c.name},
              {"op", to_string(c.op)},
              {"rate_per_s", num(c.rate_per_s)},
              {"saturated", c.saturated},
              {"latency_ms", latency_json(c.latency)},
              {"completion_ms", latency_json(c.completion)}};
    if (c.saturated) j["reason"] = c.reason;
    if (c.refused_share) j["refused_share"] = num(*c.refused_share);
    if (c.duplicates_per_day) {
      j["duplicates_per_day"] = num(*c.duplicates_per_day);
      j["lost_share"] = opt(c.lost_share);
      j["lost_hang"] = c.lost_hang;
    }
    if (c.stale) j["stale"] = stale_reads_json(*c.stale);
    if (c.strong) j["consistency"] = "strong";
    if (c.async) {
      j["completion_saturated"] = c.completion_saturated;
      if (c.completion_saturated) j["completion_reason"] = c.completion_reason;
    }
    classes.push_back(std::move(j));
  }
  json comps = json::array();
  for (const auto& c : r.components) {
    json stations = json::array();
    for (const auto& s : c.stations) {
      stations.push_back({{"role", s.role},
                          {"count", s.count},
                          {"servers", s.servers},
                          {"arrival_per_s", num(s.arrival_per_s)},
                          {"utilization", opt(s.utilization)},
                          {"offered_utilization", s.saturated && s.offered_utilization == 0
                                                      ? json(nullptr)
                                                      : num(s.offered_utilization)},
                          {"wait_ms", opt(s.wait_ms)},
                          {"holding_ms", s.saturated && s.holding_ms == 0 ? json(nullptr) : num(s.holding_ms)},
                          {"model", station_model_name(s.model)},
                          {"saturated", s.saturated}});
      if (!s.shard.empty()) stations.back()["shard"] = s.shard;
    }
    json costs = json::object();
    for (const auto& item : c.costs) costs[item.term] = num(item.usd_per_month);
    json j = {{"id", c.id},
              {"kind", c.kind},
              {"name", c.name},
              {"arrival_per_s", num(c.arrival_per_s)},
              {"utilization", opt(c.utilization)},
              {"wait_ms", opt(c.wait_ms)},
              {"response_ms", opt(c.response_ms)},
              {"holding_ms", opt(c.holding_ms)},
              {"saturated", c.saturated},
              {"cost_per_month", num(c.cost_per_month)},
              {"costs", costs},
              {"stations", stations}};
    if (c.saturated) j["reason"] = c.reason;
    if (c.connections) {
      const ConnectionFigures& f = *c.connections;
      j["connections"] = {{"limit", f.limit},
                          {"pooled", f.pooled},
                          {"refused_pooled", f.refused_pooled},
                          {"largest_pool", f.largest_pool},
                          {"unpooled_in_use", opt(f.unpooled_in_use)},
                          {"unpooled_max", f.unpooled_max < 0 ? json(nullptr) : json(f.unpooled_max)},
                          {"refused_share", opt(f.refused_share)}};
    }
    if (c.rate_limit_per_s) {
      j["rate_limit_per_s"] = num(*c.rate_limit_per_s);
      j["refused_per_s"] = num(c.refused_per_s);
    }
    if (c.shards) {
      j["shards"] = {{"shards", c.shards->shards},
                     {"hot_shard_share", num(c.shards->hot_share)},
                     {"hot_utilization", opt(c.shards->hot_utilization)},
                     {"other_utilization", opt(c.shards->other_utilization)}};
    }
    if (c.parallel_links > 0) j["parallel_links"] = c.parallel_links;
    if (c.autoscale) {
      const AutoscaleFigures& a = *c.autoscale;
      j["autoscale"] = {{"min", a.min},
                        {"max", a.max},
                        {"target_utilization", num(a.target_utilization)},
                        {"scale_up_delay_s", num(a.scale_up_delay_s)},
                        {"instances", a.instances},
                        {"wanted", a.wanted < 0 ? json(nullptr) : json(a.wanted)},
                        {"at_max", a.at_max()}};
    }
    if (c.mesh) {
      j["mesh"] = {{"latency_ms_per_hop", num(c.mesh->latency_ms_per_hop)},
                   {"cpu_overhead", num(c.mesh->cpu_overhead)},
                   {"sidecars", c.mesh->sidecars},
                   {"cost_per_month", num(c.mesh->cost_per_month)}};
    }
    if (c.replay) j["replay"] = replay_json(*c.replay);
    comps.push_back(std::move(j));
  }
  json totals = {{"offered_rate_per_s", num(r.totals.offered_rate_per_s)},
                 {"cost_per_month", num(r.totals.cost_per_month)},
                 {"cost_per_million_requests", opt(r.totals.cost_per_million_requests)},
                 {"cost_per_million_note", r.totals.cost_per_million_note.empty()
                                               ? json(nullptr)
                                               : json(r.totals.cost_per_million_note)},
                 {"max_throughput_multiplier", opt(r.totals.max_throughput_multiplier)},
                 {"max_throughput_rate_per_s", opt(r.totals.max_throughput_rate_per_s)},
                 {"bottleneck", r.totals.bottleneck.empty() ? json(nullptr) : json(r.totals.bottleneck)},
                 {"bottleneck_reason", r.totals.bottleneck_reason},
                 {"saturated", r.totals.saturated}};
  json links = json::array();
  for (const auto& l : r.links)
    links.push_back({{"from", l.from}, {"to", l.to}, {"calls_per_s", num(l.calls_per_s)}});
  return {{"project", project}, {"version", r.version}, {"load", num(r.load)},
          {"classes", classes}, {"components", comps}, {"links", links}, {"totals", totals}};
}

json sweep_to_json(const Sweep& s, const std::string& project) {
  json points = json::array();
  for (const auto& p : s.points) {
    json lat = json::object(), done = json::object();
    for (std::size_t k = 0; k < s.classes.size(); ++k) {
      lat[s.classes[k]] = latency_json(p.latency[k]);
      if (s.async[k]) done[s.classes[k]] = latency_json(p.completion[k]);
    }
    points.push_back({{"load", num(p.load)},
                      {"rate_per_s", num(p.rate_per_s)},
                      {"latency_ms", lat},
                      {"completion_ms", done},
                      {"bottleneck_utilization", num(p.bottleneck_utilization)},
                      {"cost_per_month", num(p.cost_per_month)}});
  }
  return {{"project", project},
          {"version", s.version},
          {"max_throughput_multiplier", opt(s.max_throughput_multiplier)},
          {"bottleneck", s.bottleneck.empty() ? json(nullptr) : json(s.bottleneck)},
          {"points", points}};
}

json diff_to_json(const VersionDiff& d) {
  auto items = [](const std::vector<ItemChange>& list) {
    json out = json::array();
    for (const auto& item : list) {
      json changes = json::array();
      for (const auto& c : item.changes) changes.push_back({{"field", c.field}, {"from", c.from}, {"to", c.to}});
      out.push_back({{"id", item.id}, {"changes", changes}});
    }
    return out;
  };
  return {{"from", d.from_version},
          {"to", d.to_version},
          {"components", {{"added", d.components_added}, {"removed", d.components_removed},
                          {"changed", items(d.components_changed)}}},
          {"links", {{"added", d.links_added}, {"removed", d.links_removed},
                     {"changed", items(d.links_changed)}}},
          {"workload", {{"added", d.classes_added}, {"removed", d.classes_removed},
                        {"changed", items(d.classes_changed)}}}};
}

json comparison_to_json(const Comparison& c) {
  json versions = json::array();
  for (const auto& v : c.versions) {
    json kinds = json::object();
    for (const auto& [k, usd] : v.cost_by_kind) kinds[k] = num(usd);
    json j = {{"name", v.name},
              {"notes", v.notes},
              {"components", v.components},
              {"cost_by_kind", kinds},
              {"workload_notes", v.workload_notes},
              {"report", report_to_json(v.report, c.project)}};
    if (v.sweep) j["sweep"] = sweep_to_json(*v.sweep, c.project);
    j["availability"] =
        v.availability ? availability_to_json(*v.availability, c.project, v.name) : json(nullptr);
    versions.push_back(std::move(j));
  }
  json steps = json::array();
  for (const auto& d : c.steps) steps.push_back(diff_to_json(d));
  return {{"project", c.project},
          {"workload_of", c.workload_of ? json(*c.workload_of) : json(nullptr)},
          {"versions", versions},
          {"steps", steps}};
}

json availability_to_json(const AvailabilityReport& r, const std::string& project,
                          const std::string& version) {
  json comps = json::array();
  for (const auto& c : r.components) {
    comps.push_back({{"id", c.id}, {"per_instance", num(c.per_instance)}, {"instances", c.instances},
                     {"needed", c.needed},
                     {"availability", c.saturated ? json(nullptr) : num(c.availability)},
                     {"saturated", c.saturated}});
  }
  json classes = json::array();
  for (const auto& c : r.classes) {
    // Saturated is a state, not 0% and a month of downtime: the figures are null.
    auto figure = [&](double v) { return c.saturated ? json(nullptr) : num(v); };
    classes.push_back({{"name", c.name},
                       {"availability", figure(c.availability)},
                       {"downtime_minutes_per_month", figure(c.downtime_minutes_per_month)},
                       {"downtime_hours_per_year", figure(c.downtime_hours_per_year)},
                       {"saturated", c.saturated},
                       {"saturated_reason", c.saturated ? json(c.saturated_reason) : json(nullptr)},
                       {"slo_percent", opt(c.slo_percent)},
                       {"error_budget_minutes_per_month", opt(c.error_budget_minutes_per_month)},
                       {"budget_used", c.saturated ? json(nullptr) : opt(c.budget_used)},
                       {"must_pass", c.must_pass},
                       {"single_points_of_failure", c.single_points_of_failure}});
  }
  return {{"project", project}, {"version", version}, {"classes", classes}, {"components", comps}};
}

}  // namespace archbench
