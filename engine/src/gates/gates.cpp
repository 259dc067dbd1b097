// Requirements on a version's figures: the grammar of docs/GATES.md, checked against the
// figures every view shows (formatted by the same functions).
#include "archbench/gates.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "archbench/availability.h"
#include "archbench/error.h"
#include "archbench/figures.h"
#include "archbench/format.h"
#include "archbench/model.h"
#include "archbench/solver.h"
#include "archbench/svg.h"

namespace archbench {

namespace {

const char* const kFigures =
    "CLASS.STAT, CLASS.completion.STAT, cost, cost_per_million, availability(CLASS), "
    "headroom, utilization(COMPONENT) or no-spof(CLASS)";

bool is_space(char c) { return c == ' ' || c == '\t'; }

// [begin, end) of `s` without surrounding blanks.
std::pair<std::size_t, std::size_t> trimmed(const std::string& s, std::size_t begin, std::size_t end) {
  while (begin < end && is_space(s[begin])) ++begin;
  while (end > begin && is_space(s[end - 1])) --end;
  return {begin, end};
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// "NAME(INNER)" for `name`: INNER, trimmed; nothing when `s` is not a call of `name`. `at` is
// the column of s[0].
std::optional<std::string> call_argument(const std::string& s, const std::string& name,
                                         std::size_t at) {
  if (!starts_with(s, name)) return std::nullopt;
  const auto [b, e] = trimmed(s, name.size(), s.size());
  if (b == e) return std::nullopt;
  if (s[b] != '(')
    throw GateSyntaxError(at + b, "expected '(' after " + name);
  if (s[e - 1] != ')') throw GateSyntaxError(at + e, "expected ')' to close " + name + "(");
  const auto [ib, ie] = trimmed(s, b + 1, e - 1);
  if (ib == ie) throw GateSyntaxError(at + b + 1, name + "() needs a name between the brackets");
  return s.substr(ib, ie - ib);
}

// The figure on the left of the comparison; `at` is the column of lhs[0].
void parse_figure(const std::string& lhs, std::size_t at, Gate& g) {
  if (lhs == "cost") {
    g.figure = Gate::Figure::Cost;
  } else if (lhs == "cost_per_million") {
    g.figure = Gate::Figure::CostPerMillion;
  } else if (lhs == "headroom") {
    g.figure = Gate::Figure::Headroom;
  } else if (lhs == "availability") {
    g.figure = Gate::Figure::Availability;
  } else if (auto a = call_argument(lhs, "availability", at)) {
    g.figure = Gate::Figure::Availability;
    g.subject = *a;
  } else if (auto u = call_argument(lhs, "utilization", at)) {
    g.figure = Gate::Figure::Utilization;
    g.subject = *u;
  } else {
    const auto dot = lhs.rfind('.');
    if (dot == std::string::npos || dot == 0)
      throw GateSyntaxError(at, "unknown figure '" + lhs + "': write " + kFigures);
    g.stat = lhs.substr(dot + 1);
    if (g.stat != "mean" && g.stat != "p50" && g.stat != "p95" && g.stat != "p99")
      throw GateSyntaxError(at + dot + 1, "unknown statistic '" + g.stat +
                                              "' after the class: mean, p50, p95 or p99");
    std::string name = lhs.substr(0, dot);
    const std::string completion = ".completion";
    g.figure = Gate::Figure::Latency;
    if (name.size() > completion.size() &&
        name.compare(name.size() - completion.size(), completion.size(), completion) == 0) {
      g.figure = Gate::Figure::Completion;
      name.resize(name.size() - completion.size());
    }
    g.subject = name;
  }
}

// The bound on the right, in the figure's unit; `at` is the column of rhs[0].
double parse_bound(std::string rhs, std::size_t at, Gate::Figure figure) {
  if (rhs.empty()) throw GateSyntaxError(at, "expected a number after the comparison");
  std::size_t lead = 0;
  if (rhs[0] == '$') {
    if (figure != Gate::Figure::Cost && figure != Gate::Figure::CostPerMillion)
      throw GateSyntaxError(at, "'$' goes with cost and cost_per_million only");
    lead = 1;
  }
  double v = 0;
  const char* first = rhs.data() + lead;
  const char* last = rhs.data() + rhs.size();
  auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || !std::isfinite(v))
    throw GateSyntaxError(at + lead, "expected a number, not '" + rhs.substr(lead) + "'");
  if (v < 0) throw GateSyntaxError(at + lead, "the bound must not be negative");
  while (ptr != last && is_space(*ptr)) ++ptr;
  const std::size_t unit_at = at + static_cast<std::size_t>(ptr - rhs.data());
  const std::string unit(ptr, last);
  auto bad_unit = [&](const char* allowed) {
    return GateSyntaxError(unit_at, "unknown unit '" + unit + "': " + allowed);
  };
  switch (figure) {
    case Gate::Figure::Latency:
    case Gate::Figure::Completion:
      if (unit.empty() || unit == "ms") return v;
      if (unit == "s") return v * 1000;
      throw bad_unit("a latency takes ms (the default) or s");
    case Gate::Figure::Cost:
    case Gate::Figure::CostPerMillion:
      if (unit.empty()) return v;
      if (unit == "k") return v * 1000;
      throw bad_unit("a cost is in dollars, optionally with k for thousands");
    case Gate::Figure::Availability:
    case Gate::Figure::Utilization:
      if (!unit.empty() && unit != "%") throw bad_unit("write a percentage, such as 99.9 or 99.9%");
      if (v > 100) throw GateSyntaxError(at, "a percentage is at most 100");
      return v / 100;
    case Gate::Figure::Headroom:
      if (!unit.empty() && unit != "x" && unit != "\u00d7")
        throw bad_unit("headroom is a multiple of the stated load, such as 2 or 2x");
      return v;
    case Gate::Figure::NoSpof:
      break;
  }
  throw GateSyntaxError(at, "no-spof takes no bound");
}

bool holds(double figure, Gate::Compare c, double bound) {
  switch (c) {
    case Gate::Compare::AtMost: return figure <= bound;
    case Gate::Compare::Below: return figure < bound;
    case Gate::Compare::AtLeast: return figure >= bound;
    case Gate::Compare::Above: return figure > bound;
  }
  return false;
}

std::string ms_text(double ms) { return format_ms(ms) + " ms"; }
std::string times_text(double m) { return "\u00d7" + format_multiplier(m); }

// A bound as written: up to 6 significant digits, no trailing zeros ("99.9", "2", "0.5").
std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string bound_text(const Gate& g) {
  switch (g.figure) {
    case Gate::Figure::Latency:
    case Gate::Figure::Completion: return ms_text(g.bound);
    case Gate::Figure::Cost:
    case Gate::Figure::CostPerMillion: return format_usd(g.bound);
    case Gate::Figure::Availability:
    case Gate::Figure::Utilization: return short_number(g.bound * 100) + "%";
    case Gate::Figure::Headroom: return "\u00d7" + short_number(g.bound);
    case Gate::Figure::NoSpof: return "none";
  }
  return {};
}

std::string names_of(const Version& v, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    const Component* c = v.component(id);
    out += (out.empty() ? "" : ", ") + (c ? c->display_name() : id);
  }
  return out;
}

std::string class_list(const Version& v) {
  std::string out;
  for (const auto& c : v.workload) out += (out.empty() ? "" : ", ") + c.name;
  return out.empty() ? "none" : out;
}

}  // namespace

Gate parse_gate(const std::string& raw) {
  const auto [b, e] = trimmed(raw, 0, raw.size());
  Gate g;
  g.text = raw.substr(b, e - b);
  const std::string& s = g.text;
  if (s.empty()) throw GateSyntaxError(1, "the requirement is empty");
  if (starts_with(s, "no-spof")) {
    g.figure = Gate::Figure::NoSpof;
    if (s.size() > 7) {
      const auto arg = call_argument(s, "no-spof", 1);
      if (!arg) throw GateSyntaxError(8, "expected '(' after no-spof");
      g.subject = *arg;
    }
    return g;
  }
  const auto op = s.find_first_of("<>=!");
  if (op == std::string::npos)
    throw GateSyntaxError(s.size() + 1, "expected a comparison (<=, <, >= or >) after '" + s + "'");
  std::size_t after = op + 1;
  if (s[op] == '<') {
    g.compare = Gate::Compare::Below;
    if (after < s.size() && s[after] == '=') g.compare = Gate::Compare::AtMost, ++after;
  } else if (s[op] == '>') {
    g.compare = Gate::Compare::Above;
    if (after < s.size() && s[after] == '=') g.compare = Gate::Compare::AtLeast, ++after;
  } else {
    throw GateSyntaxError(op + 1, "'" + std::string(1, s[op]) +
                                      "' is not a comparison: write <=, <, >= or >");
  }
  const auto [lb, le] = trimmed(s, 0, op);
  if (lb == le) throw GateSyntaxError(1, std::string("expected a figure before the comparison: ") + kFigures);
  parse_figure(s.substr(lb, le - lb), lb + 1, g);
  const auto [rb, re] = trimmed(s, after, s.size());
  if (rb == re) throw GateSyntaxError(s.size() + 1, "expected a number after the comparison");
  g.bound = parse_bound(s.substr(rb, re - rb), rb + 1, g.figure);
  return g;
}

bool GateCheck::all_hold() const {
  return std::all_of(results.begin(), results.end(), [](const GateResult& r) { return r.holds; });
}

GateCheck check_gates(const Version& v, const Catalog& catalog, const std::vector<Gate>& gates) {
  const std::string file = "<version " + v.name + ">";
  for (std::size_t i = 0; i < gates.size(); ++i) {
    const Gate& g = gates[i];
    const std::string place = "requirement " + std::to_string(i + 1) + " (" + g.text + ")";
    const bool is_class = g.figure == Gate::Figure::Latency || g.figure == Gate::Figure::Completion ||
                          g.figure == Gate::Figure::Availability || g.figure == Gate::Figure::NoSpof;
    if (is_class && !g.subject.empty() && !v.request_class(g.subject))
      throw InputError(file, place,
                       "no request class named '" + g.subject + "'; its classes: " + class_list(v));
    if (g.figure == Gate::Figure::Completion && v.request_class(g.subject)->sync)
      throw InputError(file, place,
                       "'" + g.subject +
                           "' is synchronous: it has no completion apart from its latency");
    if (g.figure == Gate::Figure::Utilization) {
      const bool found = std::any_of(v.components.begin(), v.components.end(), [&](const Component& c) {
        return c.id == g.subject || c.display_name() == g.subject;
      });
      if (!found) throw InputError(file, place, "no component named '" + g.subject + "'");
    }
  }

  const Report report = evaluate(v, catalog);
  std::optional<AvailabilityReport> availability;
  GateCheck out;
  out.version = v.name;
  for (const Gate& g : gates) {
    GateResult r;
    r.gate = g;
    r.bound_text = bound_text(g);
    switch (g.figure) {
      case Gate::Figure::Latency:
      case Gate::Figure::Completion: {
        const ClassResult* c = report.request_class(g.subject);
        const auto& lat = g.figure == Gate::Figure::Latency ? c->latency : c->completion;
        if (lat) {
          const double Latency::*field = g.stat == "mean"  ? &Latency::mean
                                         : g.stat == "p50" ? &Latency::p50
                                         : g.stat == "p95" ? &Latency::p95
                                                           : &Latency::p99;
          r.figure = (*lat).*field;
          r.figure_text = ms_text(*r.figure);
        } else {
          r.figure_text = "saturated";
        }
        break;
      }
      case Gate::Figure::Cost:
        r.figure = report.totals.cost_per_month;
        r.figure_text = format_usd(*r.figure);
        break;
      case Gate::Figure::CostPerMillion:
        r.figure = report.totals.cost_per_million_requests;
        r.figure_text = cost_per_million_text(report.totals);
        break;
      case Gate::Figure::Headroom:
        r.figure = report.totals.max_throughput_multiplier;
        r.figure_text = r.figure ? times_text(*r.figure)
                        : report.totals.saturated ? "saturated"
                                                  : "\u2014 (no traffic)";
        break;
      case Gate::Figure::Utilization: {
        const ComponentResult* c = nullptr;
        for (const auto& cr : report.components)
          if (cr.id == g.subject || cr.name == g.subject) c = &cr;
        if (c && c->utilization) {
          r.figure = *c->utilization;
          r.figure_text = format_percent(*r.figure);
        } else {
          r.figure_text = c && c->saturated ? "saturated" : "\u2014 (no traffic)";
        }
        break;
      }
      case Gate::Figure::Availability:
      case Gate::Figure::NoSpof: {
        if (!availability) availability = analyse_availability(v, catalog);
        std::vector<const ClassAvailability*> classes;
        for (const auto& c : availability->classes)
          if (g.subject.empty() || c.name == g.subject) classes.push_back(&c);
        if (g.figure == Gate::Figure::NoSpof) {
          // Each single point of failure once, in the order the classes meet them.
          std::vector<std::string> ids;
          for (const auto* c : classes)
            for (const auto& id : c->single_points_of_failure)
              if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
          r.holds = ids.empty();
          r.figure = static_cast<double>(ids.size());
          r.figure_text = ids.empty() ? "none" : names_of(v, ids);
          out.results.push_back(std::move(r));
          continue;
        }
        const ClassAvailability* worst = nullptr;
        for (const auto* c : classes)
          if (!worst || (c->saturated && !worst->saturated) ||
              (c->saturated == worst->saturated && c->availability < worst->availability))
            worst = c;
        if (!worst) {
          r.figure_text = "\u2014 (no classes)";
        } else if (worst->saturated) {
          r.figure_text = "saturated";
        } else {
          r.figure = worst->availability;
          r.figure_text = format_availability(*r.figure);
        }
        if (g.subject.empty() && worst) r.figure_text += " (" + worst->name + ")";
        break;
      }
    }
    r.holds = r.figure && holds(*r.figure, g.compare, g.bound);
    out.results.push_back(std::move(r));
  }
  return out;
}

std::string gates_junit_xml(const GateCheck& check, const std::string& project) {
  std::size_t failures = 0;
  for (const auto& r : check.results) failures += r.holds ? 0 : 1;
  const std::string suite = xml_text((project.empty() ? "project" : project) + " " + check.version);
  const std::string counts = " tests=\"" + std::to_string(check.results.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"0\"";
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<testsuites name=\"archbench check\"" + counts + ">\n";
  x += "  <testsuite name=\"" + suite + "\"" + counts + ">\n";
  for (const auto& r : check.results) {
    x += "    <testcase classname=\"archbench." + xml_text(check.version) + "\" name=\"" +
         xml_text(r.gate.text) + "\"";
    const std::string line = r.gate.text + ": " + r.figure_text +
                             (r.gate.figure == Gate::Figure::NoSpof ? "" : " against " + r.bound_text);
    if (r.holds) {
      x += ">\n      <system-out>" + xml_text(line) + "</system-out>\n    </testcase>\n";
    } else {
      x += ">\n      <failure message=\"" + xml_text(line) + "\" type=\"requirement\">" +
           xml_text(line) + "</failure>\n    </testcase>\n";
    }
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

}  // namespace archbench
