// Figures that more than one view shows, decided and formatted once (see figures.h).
#include "archbench/figures.h"

#include <cmath>

#include "archbench/compare.h"
#include "archbench/format.h"

namespace archbench {

const char* const kNoCascade = "none: no component fails or saturates";

std::string format_change_percent(double relative) {
  const double pct = std::fabs(relative) * 100;
  if (pct >= 10) {
    // Whole percent, every digit: "167%", "1,230%" (2 significant digits would say 170%).
    const double whole = std::round(pct);
    const int digits = static_cast<int>(std::floor(std::log10(whole))) + 1;
    return format_significant(whole, digits) + "%";
  }
  return format_significant(pct, 2) + "%";
}

FigureChange figure_change(const std::optional<double>& before, const std::optional<double>& after,
                           Direction better) {
  FigureChange out;
  out.relative = relative_change(before, after);
  if (!out.relative) return out;
  const double rel = *out.relative;
  if (std::fabs(rel) < kChangeEqual) {
    out.text = "=";
    return out;
  }
  out.text = (rel > 0 ? "▲ " : "▼ ") + format_change_percent(rel);
  if (std::fabs(rel) >= kChangeNoticeable && better != Direction::Neither) {
    const bool good = better == Direction::Lower ? rel < 0 : rel > 0;
    out.sense = good ? 1 : -1;
  }
  return out;
}

std::string change_suffix(const FigureChange& change) {
  if (change.text.empty()) return "";
  const char* verdict = change.sense > 0 ? " better" : change.sense < 0 ? " worse" : "";
  return " (" + change.text + verdict + ")";
}

std::vector<CascadeStep> cascade_steps(const WhatIfReport& r) {
  std::vector<CascadeStep> out;
  for (const auto& id : r.cascade) {
    CascadeStep step{id, ""};
    if (const ComponentOutcome* c = r.faulted.component(id)) {
      // A hung component is "down" in the outcome but answers nothing rather than failing fast.
      const bool hangs = c->fault.find("hangs") != std::string::npos;
      step.state = c->down ? (hangs ? "hangs" : "down") : c->saturated ? "saturated" : "";
    }
    out.push_back(std::move(step));
  }
  return out;
}

std::string cascade_text(const WhatIfReport& r) {
  std::string chain;
  for (const auto& step : cascade_steps(r)) {
    chain += (chain.empty() ? "" : " → ") + step.id;
    if (!step.state.empty()) chain += " (" + step.state + ")";
  }
  return chain.empty() ? kNoCascade : chain;
}

namespace {

// "3 s", "500 ms", "1.5 s": a timeout as it is written in a design.
std::string timeout_text(double ms) {
  if (ms >= 1000) {
    std::string s = format_significant(ms / 1000, 3);
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    return s + " s";
  }
  return format_ms(ms) + " ms";
}

}  // namespace

std::string format_timeout_ceiling(double timeout_ms, double total_ms) {
  // The rest of the path at the precision of the total as other figures show it (3 significant
  // digits): 3,060.5 ms after a 3 s timeout reads "3 s + 60 ms", as 3,060 would.
  double shown = total_ms;
  if (total_ms > 0) {
    const double scale = std::pow(10.0, 2 - std::floor(std::log10(total_ms)));
    shown = std::round(total_ms * scale) / scale;
  }
  const double rest = shown - timeout_ms;
  std::string s = "timed out (" + timeout_text(timeout_ms);
  if (rest > 0) {
    std::string r = format_ms(rest);
    if (r.find('.') != std::string::npos) {  // "60", not "60.0": the total's precision
      while (r.back() == '0') r.pop_back();
      if (r.back() == '.') r.pop_back();
    }
    s += " + " + r + " ms";
  }
  return s + ")";
}

std::string answered_latency_text(const ClassOutcome& c, AnsweredFigure figure) {
  const std::optional<double>& ms =
      figure == AnsweredFigure::Mean ? c.answered_mean_ms : c.answered_p95_ms;
  if (!ms) return c.success + c.degraded > 0 ? "saturated" : "—";
  if (c.ceiling_timeout_ms) return format_timeout_ceiling(*c.ceiling_timeout_ms, *ms);
  if (figure == AnsweredFigure::P95 && c.p95_estimate) return "≈" + format_ms(*ms);
  return format_ms(*ms);
}

std::string impact_p95_text(const ImpactCell& c) {
  if (!c.p95_ms) return "—";
  if (c.ceiling_timeout_ms) return format_timeout_ceiling(*c.ceiling_timeout_ms, *c.p95_ms);
  return (c.p95_estimate ? "≈" : "") + format_ms(*c.p95_ms);
}

std::string completion_text(const ClassOutcome& c, const ScenarioState& state) {
  if (!c.async) return "—";
  std::string s;
  if (c.completion_delay_s > 0)
    s = format_significant(c.completion_backlog_messages, 3) + " queued, oldest " +
        format_duration(c.completion_delay_s);
  if (!c.completion_blocked_by.empty()) {
    const ComponentOutcome* b = state.component(c.completion_blocked_by);
    s += (s.empty() ? "" : "; ") + c.completion_blocked_by + (b && b->down ? " down" : " saturated");
  }
  return s.empty() ? "on time" : s;
}

std::string cost_per_million_text(const Totals& t) {
  if (t.cost_per_million_requests) return format_usd(*t.cost_per_million_requests);
  if (!t.cost_per_million_note.empty())
    return t.saturated ? "not meaningful (saturated)" : "not computed (classes left out)";
  return "— (no traffic)";
}

}  // namespace archbench
