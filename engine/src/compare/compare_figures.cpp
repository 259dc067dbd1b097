#include "archbench/compare_figures.h"

#include <algorithm>
#include <sstream>

#include "archbench/consistency_figures.h"
#include "archbench/format.h"

namespace archbench {

namespace {

const ClassAvailability* class_availability(const VersionResult& v, const std::string& cls) {
  if (!v.availability) return nullptr;
  for (const auto& c : v.availability->classes)
    if (c.name == cls) return &c;
  return nullptr;
}

ComparedFigure missing(const VersionResult& v, const std::string& cls) {
  if (!v.report.request_class(cls)) return {std::nullopt, "—", false, v.name + " has no class " + cls};
  return {std::nullopt, "—", false, "the availability of " + v.name + " cannot be analysed"};
}

// An objective as written: 99.9 → "99.9%", 99.95 → "99.95%" (six significant digits at most).
std::string percent_as_written(double percent) {
  std::ostringstream ss;
  ss << percent;
  return ss.str() + "%";
}

ComparedFigure saturated(const ClassAvailability& a) {
  return {std::nullopt, "saturated", true, a.saturated_reason};
}

}  // namespace

std::vector<std::string> compared_classes(const Comparison& c) {
  std::vector<std::string> out;
  for (const auto& v : c.versions)
    for (const auto& k : v.report.classes)
      if (std::find(out.begin(), out.end(), k.name) == out.end()) out.push_back(k.name);
  return out;
}

std::vector<std::string> compared_slo_classes(const Comparison& c) {
  std::vector<std::string> out;
  for (const auto& name : compared_classes(c)) {
    for (const auto& v : c.versions) {
      const ClassAvailability* a = class_availability(v, name);
      if (a && a->slo_percent) {
        out.push_back(name);
        break;
      }
    }
  }
  return out;
}

ComparedFigure max_throughput_figure(const VersionResult& v) {
  const auto& m = v.report.totals.max_throughput_multiplier;
  if (!m) return {std::nullopt, "—", false, "no traffic"};
  return {*m, "×" + format_multiplier(*m), false, {}};
}

std::string max_throughput_label(const Comparison& c) {
  return c.workload_of ? "max throughput (× the workload)" : "max throughput (× own load)";
}

ComparedFigure availability_figure(const VersionResult& v, const std::string& cls) {
  const ClassAvailability* a = class_availability(v, cls);
  if (!a) return missing(v, cls);
  if (a->saturated) return saturated(*a);
  return {a->availability, format_availability(a->availability), false, {}};
}

ComparedFigure downtime_figure(const VersionResult& v, const std::string& cls) {
  const ClassAvailability* a = class_availability(v, cls);
  if (!a) return missing(v, cls);
  if (a->saturated) return saturated(*a);
  return {a->downtime_minutes_per_month, format_duration(a->downtime_minutes_per_month * 60),
          false, {}};
}

ComparedFigure slo_figure(const VersionResult& v, const std::string& cls) {
  const ClassAvailability* a = class_availability(v, cls);
  if (!a) return missing(v, cls);
  if (!a->slo_percent) return {std::nullopt, "—", false, cls + " states no SLO in " + v.name};
  return {*a->slo_percent, percent_as_written(*a->slo_percent), false, {}};
}

ComparedFigure budget_used_figure(const VersionResult& v, const std::string& cls) {
  const ClassAvailability* a = class_availability(v, cls);
  if (!a) return missing(v, cls);
  if (!a->slo_percent) return {std::nullopt, "—", false, cls + " states no SLO in " + v.name};
  if (a->saturated) return saturated(*a);
  if (!a->budget_used) return {std::nullopt, "—", false, "no error budget"};
  const double used = *a->budget_used;
  return {used, format_percent(used) + (used > 1 ? " — missed" : " — met"), false, {}};
}

std::vector<std::string> compared_stale_classes(const Comparison& c) {
  std::vector<std::string> out;
  for (const auto& name : compared_classes(c)) {
    for (const auto& v : c.versions) {
      const ClassResult* k = v.report.request_class(name);
      if (k && k->stale) {
        out.push_back(name);
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> compared_replay_queues(const Comparison& c) {
  std::vector<std::string> out;
  for (const auto& v : c.versions)
    for (const auto& comp : v.report.components)
      if (comp.replay && std::find(out.begin(), out.end(), comp.id) == out.end()) out.push_back(comp.id);
  return out;
}

ComparedFigure stale_figure(const VersionResult& v, const std::string& cls) {
  const ClassResult* k = v.report.request_class(cls);
  if (!k) return {std::nullopt, "—", false, v.name + " has no class " + cls};
  const std::string text = stale_share_text(*k);
  if (k->strong) return {0.0, text, false, {}};
  if (!k->stale) return {std::nullopt, text, false, cls + " reads no lagging copy in " + v.name};
  if (k->stale->projection_unbounded)
    return {std::nullopt, text, true, "the projection's backlog grows without bound"};
  return {k->stale->stale_share, text, false, {}};
}

ComparedFigure replay_figure(const VersionResult& v, const std::string& queue) {
  const ComponentResult* q = v.report.component(queue);
  if (!q || !q->replay) return {std::nullopt, "—", false, queue + " states no replay in " + v.name};
  if (!q->replay->seconds) return {std::nullopt, "never", true, replay_text(*q->replay)};
  return {*q->replay->seconds, format_duration(*q->replay->seconds), false, {}};
}

}  // namespace archbench
