#include "archbench/practice_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "model/project_write.h"
#include "grade_rules.h"

namespace archbench {

using nlohmann::json;

namespace {

// Scores are shown to a tenth of a point; the check figures keep the engine's precision.
json score_json(double s) { return detail::number_json(std::round(s * 10) / 10); }

json check_json(const Check& c) {
  json o = {{"group", c.group},
            {"category", c.category},
            {"requirement", c.requirement},
            {"passed", c.passed},
            {"figure", c.figure ? json(*c.figure) : json(nullptr)},
            {"component", c.component.empty() ? json(nullptr) : json(c.component)},
            {"points", detail::number_json(c.points)},
            {"max_points", detail::number_json(c.max_points)},
            {"reason", c.reason}};
  return o;
}

json checks_json(const std::vector<Check>& checks) {
  json a = json::array();
  for (const auto& c : checks) a.push_back(check_json(c));
  return a;
}

json traffic_json(const Traffic& t) {
  json o = json::object();
  if (t.per_second) o["per_second"] = detail::number_json(*t.per_second);
  if (t.per_day) o["per_day"] = detail::number_json(*t.per_day);
  if (t.peak_factor) o["peak_factor"] = detail::number_json(*t.peak_factor);
  return o;
}

json stage_json(const Stage& st) {
  json traffic = json::object();
  for (const auto& [k, t] : st.traffic) traffic[k] = traffic_json(t);
  const StageRequirements& r = st.requirements;
  json req = json::object();
  json lat = json::array();
  for (const auto& l : r.latency)
    lat.push_back({{"class", l.request_class}, {"percentile", to_string(l.percentile)},
                   {"max_ms", detail::number_json(l.max_ms)}, {"completion", l.completion},
                   {"text", detail::latency_text(l)}});
  req["latency"] = std::move(lat);
  json av = json::array();
  for (const auto& a : r.availability)
    av.push_back({{"class", a.request_class}, {"slo_percent", detail::number_json(a.slo_percent)}});
  req["availability"] = std::move(av);
  req["max_cost_per_month"] = r.max_cost_per_month ? json(*r.max_cost_per_month) : json(nullptr);
  req["headroom"] = r.headroom ? json(*r.headroom) : json(nullptr);
  json faults = json::array();
  for (const auto& f : r.faults)
    faults.push_back({{"survive", to_string(f.kind)}, {"kinds", f.kinds}, {"factor", detail::number_json(f.factor)},
                      {"classes", f.classes}, {"min_percent", detail::number_json(f.min_percent)},
                      {"text", detail::fault_text(f)}});
  req["faults"] = std::move(faults);
  req["read_primary"] = r.read_primary;
  req["durable"] = r.durable;
  json hints = json::array();
  for (const auto& h : st.hints) hints.push_back({{"cost", detail::number_json(h.cost)}});
  return {{"name", st.name}, {"description", st.description}, {"traffic", std::move(traffic)},
          {"requirements", std::move(req)}, {"hints", std::move(hints)}};
}

}  // namespace

json stage_card_to_json(const StageCard& s) {
  return {{"name", s.name},
          {"version", s.missing ? json(nullptr) : json(s.version)},
          {"missing", s.missing},
          {"saturated", s.saturated},
          {"bottleneck", s.bottleneck.empty() ? json(nullptr) : json(s.bottleneck)},
          {"score", score_json(s.score)},
          {"passed", s.passed},
          {"checks", checks_json(s.checks)}};
}

json report_card_to_json(const ReportCard& card) {
  json stages = json::array();
  for (const auto& s : card.stages) stages.push_back(stage_card_to_json(s));
  return {{"scenario", card.scenario},
          {"score", score_json(card.score)},
          {"passed", card.passed},
          {"pass_mark", detail::number_json(card.pass_mark)},
          {"stages", std::move(stages)},
          {"estimates", checks_json(card.estimates)},
          {"drills", checks_json(card.drills)},
          {"notes", card.notes}};
}

json scenario_to_json(const Scenario& s, std::optional<std::size_t> stage) {
  json classes = json::array();
  for (const auto& c : s.classes)
    classes.push_back({{"name", c.name}, {"op", to_string(c.op)}, {"payload_kb", detail::number_json(c.payload_kb)},
                       {"sync", c.sync}, {"description", c.description}});
  json estimates = json::array();
  for (const auto& e : s.estimates)
    estimates.push_back({{"id", e.id}, {"question", e.question}, {"unit", e.unit},
                         {"tolerance_percent", detail::number_json(e.tolerance_percent)},
                         {"points", detail::number_json(e.points)}});
  json stages = json::array();
  for (std::size_t i = 0; i < s.stages.size(); ++i)
    if (!stage || *stage == i) stages.push_back(stage_json(s.stages[i]));
  return {{"id", s.id}, {"title", s.title}, {"difficulty", s.difficulty}, {"topics", s.topics},
          {"time_limit_min", detail::number_json(s.time_limit_min)}, {"pass_mark", detail::number_json(s.pass_mark)},
          {"statement", s.statement}, {"classes", std::move(classes)}, {"estimates", std::move(estimates)},
          {"stages", std::move(stages)},
          {"start", s.start ? json{{"components", detail::components_json(s.start->components)},
                                   {"links", detail::links_json(s.start->links)},
                                   {"notes", s.start->notes}}
                            : json(nullptr)}};
}

json drills_to_json(const std::vector<Drill>& drills, bool with_answers) {
  json a = json::array();
  for (const auto& d : drills) {
    json o = {{"id", d.id}, {"kind", to_string(d.kind)}, {"stage", d.stage + 1}, {"question", d.question},
              {"choices", d.choices}, {"multiple", d.multiple}};
    if (with_answers) {
      o["answer"] = d.answer;
      o["explanation"] = d.explanation;
    }
    a.push_back(std::move(o));
  }
  return a;
}

}  // namespace archbench
