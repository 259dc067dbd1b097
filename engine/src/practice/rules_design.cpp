// Cost, resilience, simplicity and evolution rules. Failures are evaluated by what_if, costs
// and bottlenecks come from the stage's report: no figure is recomputed here.
#include <algorithm>
#include <cctype>
#include <set>

#include "archbench/faults.h"
#include "archbench/format.h"
#include "grade_rules.h"

namespace archbench::detail {

std::string fault_text(const FaultRequirement& f) {
  std::string classes;
  for (const auto& c : f.classes) classes += (classes.empty() ? "" : ", ") + c;
  std::string what;
  std::string kinds;
  for (const auto& k : f.kinds) kinds += (kinds.empty() ? "" : ", ") + k;
  switch (f.kind) {
    case SurviveKind::LoseAnyInstance: what = "losing any one node (" + kinds + ")"; break;
    case SurviveKind::AnyZone: what = "losing any one zone"; break;
    case SurviveKind::CacheFlush: what = "a flush of any cache"; break;
    case SurviveKind::SlowKind: what = "any " + kinds + " ×" + format_multiplier(f.factor) + " slower"; break;
    case SurviveKind::Spike: what = "a ×" + format_multiplier(f.factor) + " traffic spike"; break;
  }
  return "after " + what + ", " + classes + " answered >= " + format_share(f.min_percent / 100);
}

void cost_checks(const StageContext& c, std::vector<Check>& out) {
  const Totals& t = c.report.totals;
  if (const auto& budget = c.st().requirements.max_cost_per_month) {
    Check k{"cost", "budget", "cost <= " + format_usd(*budget) + " a month", t.cost_per_month <= *budget + 0.005,
            t.cost_per_month, most_expensive(c.report), 0, kBudgetPoints, ""};
    const auto* top = c.report.component(k.component);
    k.reason = format_usd(t.cost_per_month) + " a month" + (k.passed ? ", within " : ", over ") +
               format_usd(*budget) + (top ? "; the largest item is " + top->id + " at " + format_usd(top->cost_per_month) : "");
    k.points = k.passed ? k.max_points : 0;
    out.push_back(std::move(k));
  }
  Check k{"cost", "cost_efficiency", "cost per million requests <= ×" + format_multiplier(kEfficiencyFactor) + " the reference's",
          false, t.cost_per_million_requests, most_expensive(c.report), 0, kEfficiencyPoints, ""};
  const std::optional<double> ref = c.reference ? c.reference->totals.cost_per_million_requests : std::nullopt;
  if (!t.cost_per_million_requests && t.saturated) {
    k.reason = "saturated at this stage's traffic: cost per million requests is not meaningful for load the design "
               "cannot carry";
  } else if (!t.cost_per_million_requests) {
    k.reason = "no traffic reaches the design, so it has no cost per request";
  } else if (!ref) {
    k.passed = true;
    k.reason = "the reference has no cost per request to compare with";
  } else {
    k.passed = *t.cost_per_million_requests <= kEfficiencyFactor * *ref;
    k.reason = format_usd(*t.cost_per_million_requests) + " per million requests against the reference's " +
               format_usd(*ref);
  }
  k.points = k.passed ? k.max_points : 0;
  out.push_back(std::move(k));
}

namespace {

// The faults one requirement stands for on this design, each with the component it is about.
std::vector<std::pair<Fault, std::string>> faults_for(const StageContext& c, const FaultRequirement& f,
                                                      std::string& none) {
  std::vector<std::pair<Fault, std::string>> out;
  std::vector<const Component*> comps;
  for (const auto& comp : c.version.components) comps.push_back(&comp);
  std::sort(comps.begin(), comps.end(), [](auto* a, auto* b) { return a->id < b->id; });
  auto carries = [&](const Component& comp) {
    const auto* r = c.report.component(comp.id);
    return r && r->arrival_per_s > 0;
  };
  auto of_kind = [&](const Component& comp) {
    return std::find(f.kinds.begin(), f.kinds.end(), comp.kind) != f.kinds.end();
  };
  switch (f.kind) {
    case SurviveKind::LoseAnyInstance:
      for (const auto* comp : comps)
        if (of_kind(*comp) && carries(*comp)) {
          Fault x;
          x.type = FaultType::Lose;
          x.component = comp->id;
          out.emplace_back(x, comp->id);
        }
      none = "no component of these kinds carries traffic";
      break;
    case SurviveKind::SlowKind:
      for (const auto* comp : comps)
        if (of_kind(*comp) && carries(*comp)) {
          Fault x;
          x.type = FaultType::Slow;
          x.component = comp->id;
          x.factor = f.factor;
          out.emplace_back(x, comp->id);
        }
      none = "no component of these kinds carries traffic";
      break;
    case SurviveKind::CacheFlush:
      for (const auto* comp : comps) {
        const KindDecl* k = c.catalog.find(comp->kind);
        if (k && k->behaviour == Behaviour::Cache && carries(*comp)) {
          Fault x;
          x.type = FaultType::Flush;
          x.component = comp->id;
          out.emplace_back(x, comp->id);
        }
      }
      none = "no cache to flush";
      break;
    case SurviveKind::AnyZone: {
      std::set<std::string> zones;
      for (const auto* comp : comps) zones.insert(comp->zones.begin(), comp->zones.end());
      for (const auto& z : zones) {
        Fault x;
        x.type = FaultType::Zone;
        x.zone = z;
        out.emplace_back(x, "");
      }
      none = "no component states its zones";
      break;
    }
    case SurviveKind::Spike: {
      Fault x;
      x.type = FaultType::Spike;
      x.factor = f.factor;
      out.emplace_back(x, "");
      break;
    }
  }
  return out;
}

}  // namespace

void resilience_checks(const StageContext& c, std::vector<Check>& out) {
  for (const auto& f : c.st().requirements.faults) {
    Check k{"resilience", "resilience", fault_text(f), false, std::nullopt, "", 0, kResiliencePoints, ""};
    std::string absent;
    for (const auto& cls : f.classes)
      if (!c.has_class(cls)) absent = cls;
    if (!absent.empty()) {
      k.reason = "the attempt has no request class \"" + absent + "\"";
      out.push_back(std::move(k));
      continue;
    }
    std::string none;
    const auto faults = faults_for(c, f, none);
    if (faults.empty()) {
      // A zone outage cannot be survived by a design that does not say where it runs; the
      // other failures have nothing to hit.
      k.passed = f.kind != SurviveKind::AnyZone;
      k.reason = none;
      k.points = k.passed ? k.max_points : 0;
      out.push_back(std::move(k));
      continue;
    }
    double worst = 2;
    std::string worst_class, worst_fault, worst_why;
    // Only shares are read here: the p95 anchoring (a full evaluation per fault) is skipped.
    ResilienceOptions shares_only;
    shares_only.anchor_percentiles = false;
    for (const auto& [fault, comp] : faults) {
      const WhatIfReport w = what_if(c.version, c.catalog, {fault}, shares_only);
      for (const auto& cls : f.classes) {
        const ClassOutcome* o = w.faulted.request_class(cls);
        if (!o) continue;
        const double answered = o->success + o->degraded;
        if (answered < worst) {
          worst = answered;
          worst_class = cls;
          worst_fault = describe(fault);
          worst_why = o->reason;
          k.component = comp.empty() && !w.cascade.empty() ? w.cascade.front() : comp;
        }
      }
    }
    k.figure = worst * 100;
    k.passed = worst * 100 >= f.min_percent - 1e-9;
    k.reason = "worst case " + worst_fault + ": " + worst_class + " answered " + format_share(worst) +
               (worst_why.empty() ? "" : " (" + worst_why + ")");
    k.points = k.passed ? k.max_points : 0;
    out.push_back(std::move(k));
  }
}

void simplicity_checks(const StageContext& c, std::vector<Check>& out) {
  Check u{"simplicity", "unused", "every component carries traffic", true, 0.0, "", kUnusedPoints, kUnusedPoints,
          "every component carries traffic"};
  std::vector<std::string> idle;
  for (const auto& r : c.report.components)
    if (r.behaviour != Behaviour::Client && r.arrival_per_s <= 0) idle.push_back(r.id);
  std::sort(idle.begin(), idle.end());
  if (!idle.empty()) {
    std::string list;
    for (const auto& id : idle) list += (list.empty() ? "" : ", ") + id;
    u = {"simplicity", "unused", u.requirement, false, static_cast<double>(idle.size()), idle.front(), 0,
         kUnusedPoints, "no request reaches " + list};
  }
  out.push_back(std::move(u));

  Check o{"simplicity", "overbuilt", "cost <= ×" + format_multiplier(kOverbuiltFactor) + " the reference's",
          true, c.report.totals.cost_per_month, "", kOverbuiltPoints, kOverbuiltPoints, ""};
  if (c.reference) {
    const double ref = c.reference->totals.cost_per_month;
    o.passed = c.report.totals.cost_per_month <= kOverbuiltFactor * ref + 1e-9;
    o.component = most_expensive(c.report);
    o.reason = format_usd(c.report.totals.cost_per_month) + " a month against the reference's " + format_usd(ref) +
               " for the same traffic";
    if (!o.passed) o.reason += "; the largest item is " + o.component;
  } else {
    o.reason = "no reference to compare with";
  }
  o.points = o.passed ? o.max_points : 0;
  out.push_back(std::move(o));
}

namespace {

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

void evolution_checks(const StageContext& c, std::vector<Check>& out) {
  if (c.stage == 0 && !c.scenario.start) return;
  const std::string prev_bottleneck = c.previous_report ? c.previous_report->totals.bottleneck : "";
  Check t{"evolution", "trigger", "the notes name the trigger for the change", false, std::nullopt, prev_bottleneck,
          0, kTriggerPoints, ""};
  const std::string notes = lower(c.version.notes);
  if (notes.empty()) {
    t.reason = "version " + c.version.name + " has no notes: say what measurement made you change the design";
  } else if (notes.find("trigger") != std::string::npos ||
             (!prev_bottleneck.empty() && notes.find(lower(prev_bottleneck)) != std::string::npos)) {
    t.passed = true;
    t.reason = "the notes name the trigger";
  } else {
    t.reason = "the notes name neither a \"trigger\" nor the previous design's bottleneck" +
               (prev_bottleneck.empty() ? std::string() : " " + prev_bottleneck);
  }
  t.points = t.passed ? t.max_points : 0;
  out.push_back(std::move(t));

  Check a{"evolution", "bottleneck_addressed", "the change relieves the previous design's bottleneck", false,
          std::nullopt, prev_bottleneck, 0, kAddressedPoints, ""};
  const Totals& now = c.report.totals;
  if (!c.previous_report) {
    a.reason = "no version for the previous stage to compare with";
  } else if (prev_bottleneck.empty()) {
    a.passed = true;
    a.reason = "the previous design has no bottleneck";
  } else if (!now.bottleneck.empty() && now.bottleneck != prev_bottleneck) {
    a.passed = true;
    a.reason = "at this stage's traffic the bottleneck moved from " + prev_bottleneck + " to " + now.bottleneck;
  } else {
    const auto& before = c.previous_report->totals.max_throughput_multiplier;
    const auto& after = now.max_throughput_multiplier;
    if (before && after) {
      a.figure = *after / *before;
      a.passed = *after >= kRelievedFactor * *before;
      a.reason = prev_bottleneck + " is still the bottleneck; at this stage's traffic it saturates at ×" +
                 format_multiplier(*after) + " against ×" + format_multiplier(*before) + " in the previous design";
    } else {
      a.reason = prev_bottleneck + " is still the bottleneck";
    }
  }
  a.points = a.passed ? a.max_points : 0;
  out.push_back(std::move(a));
}

std::vector<Check> missing_stage_checks(const Scenario& scenario, std::size_t stage, const std::string& reason) {
  const Stage& st = scenario.stages[stage];
  const StageRequirements& r = st.requirements;
  std::vector<Check> out;
  auto add = [&](const char* group, const char* category, std::string req, double max) {
    out.push_back({group, category, std::move(req), false, std::nullopt, "", 0, max, reason});
  };
  for (const auto& sc : scenario.classes) add("requirements", "served", sc.name + " is answered by the design", kServedPoints);
  for (const auto& l : r.latency) add("requirements", "latency", latency_text(l), kLatencyPoints);
  for (const auto& a : r.availability)
    add("requirements", "availability", a.request_class + " availability >= " + format_share(a.slo_percent / 100),
        kAvailabilityPoints);
  if (r.headroom)
    add("requirements", "headroom", "no saturation below ×" + format_multiplier(*r.headroom) + " of the stage's traffic",
        kHeadroomPoints);
  for (const auto& n : r.read_primary)
    add("requirements", "consistency", n + " reads the primary (no cache, no replica)", kConsistencyPoints);
  for (const auto& n : r.durable) add("requirements", "durability", n + " crosses a message queue", kDurabilityPoints);
  if (r.max_cost_per_month) add("cost", "budget", "cost <= " + format_usd(*r.max_cost_per_month) + " a month", kBudgetPoints);
  add("cost", "cost_efficiency", "cost per million requests <= ×" + format_multiplier(kEfficiencyFactor) + " the reference's",
      kEfficiencyPoints);
  for (const auto& f : r.faults) add("resilience", "resilience", fault_text(f), kResiliencePoints);
  add("simplicity", "unused", "every component carries traffic", kUnusedPoints);
  add("simplicity", "overbuilt", "cost <= ×" + format_multiplier(kOverbuiltFactor) + " the reference's", kOverbuiltPoints);
  if (stage > 0 || scenario.start) {
    add("evolution", "trigger", "the notes name the trigger for the change", kTriggerPoints);
    add("evolution", "bottleneck_addressed", "the change relieves the previous design's bottleneck", kAddressedPoints);
  }
  return out;
}

}  // namespace archbench::detail
