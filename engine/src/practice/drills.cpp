// Failure drills generated from the candidate's design and answered by the engine: the
// bottleneck search (evaluate), a crash and a slowdown (what_if). The component and class a
// drill asks about are picked by a hash of the design, so the same design asks the same drills
// whatever the order of its file.
#include "archbench/drills.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

#include "model/project_write.h"
#include "archbench/faults.h"
#include "archbench/format.h"
#include "archbench/practice.h"
#include "archbench/solver.h"

namespace archbench {

const char* to_string(DrillKind k) {
  switch (k) {
    case DrillKind::SaturatesFirst: return "saturates_first";
    case DrillKind::CrashFails: return "crash_fails";
    case DrillKind::SlowLatency: return "slow_latency";
  }
  return "saturates_first";
}

namespace {

// FNV-1a over the design's canonical text (components and links sorted).
std::uint64_t design_seed(const Version& v) {
  std::vector<std::string> parts;
  for (const auto& c : v.components) {
    Component bare = c;
    bare.pos.reset();  // moving a box on the canvas is not a new design
    parts.push_back(detail::components_json({bare}).dump());
  }
  for (const auto& l : v.links) parts.push_back(detail::links_json({l}).dump());
  std::sort(parts.begin(), parts.end());
  std::uint64_t h = 1469598103934665603ull;
  for (const auto& p : parts)
    for (unsigned char ch : p) h = (h ^ ch) * 1099511628211ull;
  return h;
}

template <class T>
const T& pick(const std::vector<T>& xs, std::uint64_t seed, unsigned salt) {
  return xs[static_cast<std::size_t>((seed >> (salt * 8)) % xs.size())];
}

std::string joined(const std::vector<std::string>& xs) {
  std::string s;
  for (const auto& x : xs) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "none" : s;
}

std::set<std::string> answer_set(const std::string& text) {
  std::set<std::string> out;
  std::string cur;
  auto flush = [&] {
    const auto b = cur.find_first_not_of(' ');
    if (b != std::string::npos) out.insert(cur.substr(b, cur.find_last_not_of(' ') - b + 1));
    cur.clear();
  };
  for (char ch : text) {
    if (ch == ',') flush();
    else cur += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  flush();
  out.erase("none");
  return out;
}

}  // namespace

bool drill_answer_correct(const Drill& drill, const std::string& given) {
  if (drill.multiple) return answer_set(given) == answer_set(drill.answer);
  auto norm = [](const std::string& s) {
    std::string out;
    for (char ch : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto b = out.find_first_not_of(' ');
    return b == std::string::npos ? std::string() : out.substr(b, out.find_last_not_of(' ') - b + 1);
  };
  return norm(given) == norm(drill.answer);
}

std::vector<Drill> generate_drills(const Scenario& scenario, std::size_t stage, const Version& version,
                                   const Catalog& catalog) {
  const Version v = stage_version(scenario, stage, version);
  const Report r = evaluate(v, catalog);
  const std::uint64_t seed = design_seed(version);
  const std::string prefix = std::to_string(stage + 1) + "/";
  std::vector<std::string> busy;  // components with traffic, clients aside, sorted
  for (const auto& c : r.components)
    if (c.behaviour != Behaviour::Client && c.arrival_per_s > 0) busy.push_back(c.id);
  std::sort(busy.begin(), busy.end());
  std::vector<Drill> out;
  if (busy.empty()) return out;

  {
    Drill d;
    d.id = prefix + "saturates-first";
    d.kind = DrillKind::SaturatesFirst;
    d.stage = stage;
    d.question = "Which component saturates first if traffic doubles? (\"none\" if nothing does)";
    d.choices = busy;
    d.choices.push_back("none");
    const auto& m = r.totals.max_throughput_multiplier;
    d.answer = (r.totals.saturated || (m && *m < 2)) ? r.totals.bottleneck : "none";
    d.explanation = m ? r.totals.bottleneck + " saturates first, at ×" + format_multiplier(*m) +
                            " of this stage's traffic (" + format_rate(r.totals.max_throughput_rate_per_s.value_or(0)) + ")"
                      : "nothing carries traffic";
    out.push_back(std::move(d));
  }
  {
    const std::string& target = pick(busy, seed, 0);
    Fault f;
    f.type = FaultType::Crash;
    f.component = target;
    const WhatIfReport w = what_if(v, catalog, {f});
    std::vector<std::string> classes, failing, figures;
    for (const auto& c : w.faulted.classes) {
      classes.push_back(c.name);
      const double answered = c.success + c.degraded;
      if (answered < 0.99) failing.push_back(c.name);
      figures.push_back(c.name + " answered " + format_share(answered));
    }
    std::sort(classes.begin(), classes.end());
    std::sort(failing.begin(), failing.end());
    Drill d;
    d.id = prefix + "crash:" + target;
    d.kind = DrillKind::CrashFails;
    d.stage = stage;
    d.question = "Which classes lose more than 1% of their requests if " + target + " crashes? (\"none\" if none)";
    d.choices = classes;
    d.choices.push_back("none");
    d.multiple = true;
    d.answer = joined(failing);
    d.explanation = "with " + target + " down: " + joined(figures);
    out.push_back(std::move(d));
  }
  {
    // Slow a dependency: a store or an external service when the design has one.
    std::vector<std::string> deps;
    for (const auto& id : busy) {
      const auto* c = r.component(id);
      if (c->behaviour == Behaviour::Store || c->kind == "external_api") deps.push_back(id);
    }
    if (deps.empty()) deps = busy;
    std::vector<std::string> sync;
    for (const auto& c : r.classes)
      if (c.sync && !c.async) sync.push_back(c.name);
    std::sort(sync.begin(), sync.end());
    if (!sync.empty()) {
      const std::string& target = pick(deps, seed, 1);
      const std::string& cls = pick(sync, seed, 2);
      double limit = 100;
      for (const auto& l : scenario.stages[stage].requirements.latency)
        if (l.request_class == cls && !l.completion) limit = l.max_ms;
      Fault f;
      f.type = FaultType::Slow;
      f.component = target;
      f.factor = 3;
      const WhatIfReport w = what_if(v, catalog, {f});
      const ClassOutcome* o = w.faulted.request_class(cls);
      const ClassOutcome* before = w.steady.request_class(cls);
      const std::string lo = format_ms(limit), hi = format_ms(3 * limit);
      Drill d;
      d.id = prefix + "slow:" + target + ":" + cls;
      d.kind = DrillKind::SlowLatency;
      d.stage = stage;
      d.question = "With " + target + " 3× slower, is " + cls + " p95 below " + lo + " ms, " + lo + "–" + hi +
                   " ms, or above?";
      d.choices = {"below " + lo + " ms", lo + "–" + hi + " ms", "above " + hi + " ms"};
      const std::optional<double> p95 = o ? o->answered_p95_ms : std::nullopt;
      d.answer = !p95 ? d.choices[2] : *p95 < limit ? d.choices[0] : *p95 <= 3 * limit ? d.choices[1] : d.choices[2];
      d.explanation = cls + " p95 becomes " + (p95 ? format_ms(*p95) + " ms" : std::string("unbounded")) +
                      (before && before->answered_p95_ms ? " (from " + format_ms(*before->answered_p95_ms) + " ms)" : "");
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace archbench
