// Requirement rules: latency per class and percentile, availability SLOs, headroom,
// consistency (reads at the primary) and durability (async work crosses a queue).
#include <algorithm>
#include <set>

#include "model/params.h"
#include "archbench/availability.h"
#include "archbench/format.h"
#include "grade_rules.h"

namespace archbench::detail {

bool StageContext::has_class(const std::string& name) const {
  return std::find(missing.begin(), missing.end(), name) == missing.end();
}

std::string most_saturated(const Report& r, double* offered) {
  std::string best;
  double top = -1;
  for (const auto& c : r.components) {
    if (!c.saturated) continue;
    double u = 0;
    for (const auto& s : c.stations) u = std::max(u, s.offered_utilization);
    if (u > top || (u == top && c.id < best)) {
      top = u;
      best = c.id;
    }
  }
  if (offered) *offered = top;
  return best;
}

std::string most_expensive(const Report& r) {
  std::string best;
  double top = -1;
  for (const auto& c : r.components) {
    if (c.cost_per_month > top || (c.cost_per_month == top && c.id < best)) {
      top = c.cost_per_month;
      best = c.id;
    }
  }
  return best;
}

std::string latency_text(const LatencyRequirement& l) {
  return l.request_class + (l.completion ? " completion " : " ") + to_string(l.percentile) +
         " <= " + format_ms(l.max_ms) + " ms";
}

namespace {

double pick(const Latency& l, Percentile p) {
  switch (p) {
    case Percentile::Mean: return l.mean;
    case Percentile::P50: return l.p50;
    case Percentile::P95: return l.p95;
    case Percentile::P99: return l.p99;
  }
  return l.p99;
}

Check missing_class(const char* group, const char* category, std::string req, double max,
                    const std::string& cls) {
  return {group, category, std::move(req), false, std::nullopt, "", 0, max,
          "the attempt has no request class \"" + cls + "\""};
}

// Why a saturated stage has no latency: the class's own reason names the component.
std::string saturation_reason(const Report& r, const ClassResult& cls, bool completion) {
  const std::string& why = completion ? cls.completion_reason : cls.reason;
  double u = 0;
  const std::string top = most_saturated(r, &u);
  std::string s = "saturated at this stage's traffic";
  if (!why.empty()) s += ": " + why;
  if (!top.empty() && u > 0) s += " (" + top + " offered " + format_percent(u) + " of its capacity)";
  return s;
}

// Every scenario class reaches a component beyond its client: a request nothing answers has no
// latency and no availability to speak of (an empty design must not pass on zeros).
void served(const StageContext& c, std::vector<Check>& out) {
  for (const auto& sc : c.scenario.classes) {
    const std::string req = sc.name + " is answered by the design";
    if (!c.has_class(sc.name)) {
      out.push_back(missing_class("requirements", "served", req, kServedPoints, sc.name));
      continue;
    }
    Check k{"requirements", "served", req, true, std::nullopt, "", kServedPoints, kServedPoints, ""};
    if (auto why = unserved_reason(c, sc.name)) {
      k.passed = false;
      k.points = 0;
      k.reason = *why;
      k.component = c.version.request_class(sc.name)->entry;
    } else {
      k.reason = sc.name + " reaches a component that answers it";
    }
    out.push_back(std::move(k));
  }
}

void latency(const StageContext& c, std::vector<Check>& out) {
  for (const auto& l : c.st().requirements.latency) {
    const std::string req = latency_text(l);
    const ClassResult* cls = c.report.request_class(l.request_class);
    if (!c.has_class(l.request_class) || !cls) {
      out.push_back(missing_class("requirements", "latency", req, kLatencyPoints, l.request_class));
      continue;
    }
    Check k{"requirements", "latency", req, false, std::nullopt, "", 0, kLatencyPoints, ""};
    const std::optional<Latency>& lat = l.completion ? cls->completion : cls->latency;
    if (auto why = unserved_reason(c, l.request_class)) {
      k.reason = *why;
    } else if (l.completion && !cls->async) {
      k.reason = "\"" + cls->name + "\" does not cross a message queue, so it has no completion time";
    } else if (!lat) {
      k.component = most_saturated(c.report);
      k.reason = saturation_reason(c.report, *cls, l.completion);
    } else {
      const double v = pick(*lat, l.percentile);
      k.figure = v;
      k.passed = v <= l.max_ms;
      // The slowest stop names where the time goes: the bottleneck of the stage.
      k.component = c.report.totals.bottleneck;
      k.reason = cls->name + " " + to_string(l.percentile) + " is " + format_ms(v) + " ms" +
                 (k.passed ? ", within " : ", above ") + format_ms(l.max_ms) + " ms";
      if (!k.passed && !k.component.empty())
        if (const auto* b = c.report.component(k.component); b && b->utilization)
          k.reason += "; the bottleneck " + b->id + " is at " + format_percent(*b->utilization) +
                      " of a server";
    }
    k.points = k.passed ? k.max_points : 0;
    out.push_back(std::move(k));
  }
}

void availability(const StageContext& c, std::vector<Check>& out) {
  const auto& reqs = c.st().requirements.availability;
  if (reqs.empty()) return;
  std::optional<AvailabilityReport> ar;
  std::string error;
  try {
    ar = analyse_availability(c.version, c.catalog);
  } catch (const std::exception& e) {
    error = e.what();
  }
  for (const auto& a : reqs) {
    const std::string req = a.request_class + " availability >= " + format_share(a.slo_percent / 100);
    if (!c.has_class(a.request_class)) {
      out.push_back(missing_class("requirements", "availability", req, kAvailabilityPoints, a.request_class));
      continue;
    }
    Check k{"requirements", "availability", req, false, std::nullopt, "", 0, kAvailabilityPoints, ""};
    const ClassAvailability* ca = nullptr;
    if (ar)
      for (const auto& x : ar->classes)
        if (x.name == a.request_class) ca = &x;
    if (auto why = unserved_reason(c, a.request_class)) {
      k.reason = *why;
    } else if (!ca) {
      k.reason = "availability could not be analysed: " + error;
    } else if (ca->saturated) {
      // Saturation is a state, not downtime: no figure (issue of "0% available" for a design
      // that is up but overloaded).
      k.component = most_saturated(c.report);
      k.reason = "saturated at this stage's traffic: " + a.request_class + " " + ca->saturated_reason +
                 ", so it has no availability figure";
    } else {
      k.figure = ca->availability * 100;
      k.passed = ca->availability * 100 >= a.slo_percent;
      k.reason = a.request_class + " is available " + format_availability(ca->availability) + " (" +
                 format_duration(ca->downtime_minutes_per_month * 60) + " down a month)";
      // The weakest link: a single point of failure, else the least available must-pass part.
      if (!ca->single_points_of_failure.empty()) {
        std::vector<std::string> spof = ca->single_points_of_failure;
        std::sort(spof.begin(), spof.end());
        k.component = spof.front();
        std::string list;
        for (const auto& s : spof) list += (list.empty() ? "" : ", ") + s;
        k.reason += "; single points of failure: " + list;
      } else {
        double low = 2;
        for (const auto& id : ca->must_pass)
          for (const auto& comp : ar->components)
            if (comp.id == id && (comp.availability < low || (comp.availability == low && id < k.component))) {
              low = comp.availability;
              k.component = id;
            }
        if (!k.component.empty()) k.reason += "; least available part: " + k.component + " " + format_availability(low);
      }
    }
    k.points = k.passed ? k.max_points : 0;
    out.push_back(std::move(k));
  }
}

void headroom(const StageContext& c, std::vector<Check>& out) {
  const auto& h = c.st().requirements.headroom;
  if (!h) return;
  Check k{"requirements", "headroom", "no saturation below ×" + format_multiplier(*h) + " of the stage's traffic",
          false, std::nullopt, "", 0, kHeadroomPoints, ""};
  const Totals& t = c.report.totals;
  double u = 0;
  const std::string top = most_saturated(c.report, &u);
  if (t.saturated) {
    k.component = top;
    k.figure = t.max_throughput_multiplier;
    k.reason = "saturated at this stage's traffic: " + top +
               (u > 0 ? " is offered " + format_percent(u) + " of its capacity" : std::string(" cannot keep up"));
  } else if (!t.max_throughput_multiplier) {
    k.passed = true;
    k.reason = "nothing carries traffic, so nothing saturates";
  } else {
    k.figure = *t.max_throughput_multiplier;
    k.component = t.bottleneck;
    k.passed = *t.max_throughput_multiplier >= *h;
    k.reason = t.bottleneck + " saturates first, at ×" + format_multiplier(*t.max_throughput_multiplier) +
               " of this stage's traffic";
    if (const auto* b = c.report.component(t.bottleneck); b && b->utilization)
      k.reason += " (" + format_percent(*b->utilization) + " of a server now)";
  }
  k.points = k.passed ? k.max_points : 0;
  out.push_back(std::move(k));
}

// The components a class can visit: links whose calls for the class are above zero.
std::vector<const Component*> visited(const Version& v, const RequestClass& r) {
  std::vector<const Component*> seen;
  std::vector<std::string> todo{r.entry};
  std::set<std::string> done;
  while (!todo.empty()) {
    const std::string id = todo.back();
    todo.pop_back();
    if (!done.insert(id).second) continue;
    if (const Component* comp = v.component(id)) seen.push_back(comp);
    for (const auto& l : v.links)
      if (l.from == id && l.calls.for_class(r.name, 0.0) > 0) todo.push_back(l.to);
  }
  std::sort(seen.begin(), seen.end(), [](auto* a, auto* b) { return a->id < b->id; });
  return seen;
}

void consistency(const StageContext& c, std::vector<Check>& out) {
  for (const auto& name : c.st().requirements.read_primary) {
    const std::string req = name + " reads the primary (no cache, no replica)";
    const RequestClass* r = c.version.request_class(name);
    if (!c.has_class(name) || !r) {
      out.push_back(missing_class("requirements", "consistency", req, kConsistencyPoints, name));
      continue;
    }
    Check k{"requirements", "consistency", req, true, std::nullopt, "", kConsistencyPoints,
            kConsistencyPoints, name + " reads and writes the primary only"};
    for (const Component* comp : visited(c.version, *r)) {
      const KindDecl* kind = c.catalog.find(comp->kind);
      if (!kind) continue;
      if (kind->behaviour == Behaviour::Cache) {
        const double hr = hit_ratio(*comp, *kind, *r);
        if (hr > 0) {
          k.passed = false;
          k.component = comp->id;
          k.figure = hr * 100;
          k.reason = name + " is answered by " + comp->id + " for " + format_percent(hr) +
                     " of its requests: a cached copy may be stale";
          break;
        }
      }
      if (kind->behaviour == Behaviour::Store && r->op == Op::Read &&
          param_number(*comp, *kind, "read_replicas", "", 0) > 0) {
        k.passed = false;
        k.component = comp->id;
        k.reason = name + " reads the replicas of " + comp->id +
                   ", which may lag the primary; give this class its own path to a store without replicas";
        break;
      }
    }
    k.points = k.passed ? k.max_points : 0;
    out.push_back(std::move(k));
  }
}

void durability(const StageContext& c, std::vector<Check>& out) {
  for (const auto& name : c.st().requirements.durable) {
    const std::string req = name + " crosses a message queue";
    const ClassResult* cls = c.report.request_class(name);
    if (!c.has_class(name) || !cls) {
      out.push_back(missing_class("requirements", "durability", req, kDurabilityPoints, name));
      continue;
    }
    Check k{"requirements", "durability", req, cls->async, std::nullopt, "", 0, kDurabilityPoints, ""};
    k.reason = cls->async ? name + " is acknowledged once a queue holds it"
                          : name + " never reaches a message queue: work in flight is lost when a worker dies";
    k.points = k.passed ? k.max_points : 0;
    out.push_back(std::move(k));
  }
}

}  // namespace

std::optional<std::string> unserved_reason(const StageContext& c, const std::string& name) {
  const RequestClass* r = c.version.request_class(name);
  if (!r) return std::nullopt;
  for (const Component* comp : visited(c.version, *r)) {
    const KindDecl* kind = c.catalog.find(comp->kind);
    if (comp->id != r->entry && kind && kind->behaviour != Behaviour::Client) return std::nullopt;
  }
  return name + " is answered by nothing: " + r->entry + " calls no component for it";
}

void requirement_checks(const StageContext& c, std::vector<Check>& out) {
  served(c, out);
  latency(c, out);
  availability(c, out);
  headroom(c, out);
  consistency(c, out);
  durability(c, out);
}

}  // namespace archbench::detail
