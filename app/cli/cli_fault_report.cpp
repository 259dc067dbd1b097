// Printing failure reports as tables or Markdown: a what-if scenario against the steady state,
// the impact matrix, and chaos experiments. Every figure comes from faults.h.
#include "cli_fault_report.h"

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "archbench/figures.h"
#include "archbench/format.h"
#include "cli_table.h"

namespace archbench::cli {

namespace {

std::string residual_text(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", r);
  return buf;
}

// "converged in 37 iterations (residual 4.1e-10)", or a warning naming the last residual.
std::string fixed_point_text(const ScenarioState& s, const std::string& what) {
  if (s.converged)
    return "Fixed point (" + what + "): converged in " + std::to_string(s.iterations) +
           " iterations, residual " + residual_text(s.residual);
  return "WARNING: the fixed point (" + what + ") did not converge in " +
         std::to_string(s.iterations) + " iterations (last residual " + residual_text(s.residual) +
         "); the figures are its last iterate, not a consistent state";
}

std::string faults_text(const std::vector<Fault>& faults) {
  std::string s;
  for (const auto& f : faults)
    s += (s.empty() ? "" : "; ") + describe(f) + " for " + format_duration(f.duration_s);
  return s;
}

std::string arrow(const std::string& from, const std::string& to) {
  return from == to ? to : from + " → " + to;
}

// Requests per second with 3 significant digits; a trickle left by a fault reads "<0.001".
std::string rate_cell(double per_s) {
  return per_s > 0 && per_s < 0.001 ? "<0.001" : format_significant(per_s, 3);
}

std::string utilization_cell(const ComponentOutcome& c) {
  if (c.down) return "down";
  if (c.saturated) {
    // Servers held by a hung callee saturate a station whose offered work is small: the
    // offered utilization only explains saturation when it exceeds 100%.
    if (c.offered_utilization > 1)
      return "saturated (offered " + format_percent(c.offered_utilization) + ")";
    return "saturated";
  }
  return c.utilization ? format_percent(*c.utilization) : "—";  // a client queues nothing
}

struct Printer {
  Format format;
  std::ostream& out;

  bool md() const { return format == Format::Markdown; }
  void heading(const std::string& s) const { out << (md() ? "### " + s + "\n\n" : s + "\n"); }
  void table(const Table& t) const { out << (md() ? t.markdown() : t.text()) << "\n"; }
  void line(const std::string& s) const { out << (md() ? "- " : "  ") << s << "\n"; }
};

const char* const kP95Note =
    "¹ ≈ marks a two-moment estimate: the steady report's exact p95 scaled by the change of a "
    "gamma fit of the mean and variance; \"timed out (T + x ms)\" is a timeout ceiling, not a "
    "distribution.";

void print_classes(const WhatIfReport& r, const Printer& p) {
  p.heading("Request classes (steady → faulted; latency of answered requests)");
  const bool any_async = std::any_of(r.faulted.classes.begin(), r.faulted.classes.end(),
                                     [](const ClassOutcome& c) { return c.async; });
  Table t{{"class", "rate/s", "success", "degraded", "failed", "mean ms", "p95 ms¹"},
          {false, true, true, true, true, true, true},
          {}};
  if (any_async) {
    t.headers.push_back("completion");
    t.right.push_back(false);
  }
  for (std::size_t k = 0; k < r.faulted.classes.size(); ++k) {
    const ClassOutcome& b = r.faulted.classes[k];
    const ClassOutcome* a = r.steady.request_class(b.name);
    const ClassOutcome& s = a ? *a : b;
    std::string failed = arrow(format_share(s.failed), format_share(b.failed));
    if (b.hung > 0) failed += " (" + format_share(b.hung) + " hang)";
    std::vector<std::string> row{
        b.name, rate_cell(b.rate_per_s), arrow(format_share(s.success), format_share(b.success)),
        arrow(format_share(s.degraded), format_share(b.degraded)), failed,
        arrow(answered_latency_text(s, AnsweredFigure::Mean),
              answered_latency_text(b, AnsweredFigure::Mean)),
        arrow(answered_latency_text(s, AnsweredFigure::P95),
              answered_latency_text(b, AnsweredFigure::P95))};
    if (any_async) row.push_back(completion_text(b, r.faulted));
    t.rows.push_back(std::move(row));
  }
  p.table(t);
  bool any = false;
  for (const auto& c : r.faulted.classes) {
    if (c.reason.empty()) continue;
    p.line(c.name + ": " + c.reason);
    any = true;
  }
  if (any) p.out << "\n";
}

void print_components(const WhatIfReport& r, const Printer& p) {
  p.heading("Components (steady → faulted; offered load includes retries)");
  Table t{{"component", "fault", "offered/s", "retries", "utilization", "instances up"},
          {false, false, true, true, true, true},
          {}};
  for (const auto& b : r.faulted.components) {
    const ComponentOutcome* a = r.steady.component(b.id);
    const ComponentOutcome& s = a ? *a : b;
    if (!b.faulted && s.offered_per_s <= 0 && b.offered_per_s <= 0) continue;  // carries no traffic
    t.rows.push_back(
        {b.id, b.fault.empty() ? "—" : b.fault,
         arrow(rate_cell(s.offered_per_s), rate_cell(b.offered_per_s)),
         b.retry_amplification == 1 ? "—" : "×" + format_multiplier(b.retry_amplification),
         arrow(utilization_cell(s), utilization_cell(b)),
         arrow(std::to_string(s.instances_up), std::to_string(b.instances_up))});
  }
  p.table(t);
  bool any = false;
  for (const auto& c : r.faulted.components) {
    if (c.reason.empty() || (!c.saturated && !c.down)) continue;
    p.line(c.id + ": " + c.reason);
    any = true;
  }
  if (any) p.out << "\n";
}

void print_links(const WhatIfReport& r, const Printer& p) {
  Table t{{"link", "attempts/call", "attempt failure", "timed out", "breaker admits",
           "bulkhead rejects"},
          {false, true, true, true, true, true},
          {}};
  for (const auto& l : r.faulted.links) {
    if (l.attempts_per_call == 1 && l.attempt_failure == 0 && l.breaker_admitted == 1 &&
        l.bulkhead_rejected == 0)
      continue;  // nothing to say: every call is one successful attempt
    t.rows.push_back({l.from + " → " + l.to, format_significant(l.attempts_per_call, 3),
                      format_share(l.attempt_failure), format_share(l.timed_out),
                      format_share(l.breaker_admitted), format_share(l.bulkhead_rejected)});
  }
  if (t.rows.empty()) return;
  p.heading("Links under stress (faulted; per attempt)");
  p.table(t);
}

void print_backlogs(const WhatIfReport& r, const Printer& p) {
  if (r.backlogs.empty()) return;
  p.heading("Queue backlogs (consumers slower than the inflow while the fault lasts)");
  Table t{{"queue", "inflow/s", "capacity/s during → after", "lasts", "backlog (messages)",
           "drain time", "oldest message"},
          {false, true, true, true, true, true, true},
          {}};
  for (const auto& b : r.backlogs) {
    t.rows.push_back(
        {b.queue, rate_cell(b.inflow_per_s),
         rate_cell(b.drain_capacity_per_s) + " → " + rate_cell(b.normal_capacity_per_s),
         format_duration(b.duration_s), format_significant(b.backlog_messages, 3),
         b.drain_s ? format_duration(*b.drain_s) : "never drains",
         format_duration(b.oldest_message_age_s)});
  }
  p.table(t);
}

void print_partitions(const WhatIfReport& r, const Printer& p) {
  for (const auto& part : r.partitions) {
    p.heading("Partition of " + part.store + " (configured " + (part.synchronous ? "CP" : "AP") +
              "): " + format_share(part.fraction) + " of requests on the cut-off side for " +
              format_duration(part.duration_s));
    Table t{{"class", "op", "CP: refused", "AP: stale reads", "AP: writes to reconcile"},
            {false, false, true, true, true},
            {}};
    for (const auto& c : part.classes) {
      t.rows.push_back({c.name, std::string(to_string(c.op)) + (c.strong ? " (strong)" : ""),
                        format_share(c.cp_failed),
                        format_share(c.ap_stale), format_significant(c.ap_divergent_writes, 3)});
    }
    p.table(t);
    p.line("AP divergence window: " + format_duration(part.divergence_window_s) +
           " (the sides disagree until the partition heals; divergent writes must then be "
           "reconciled)");
    p.out << "\n";
  }
}

}  // namespace

void print_what_if(const WhatIfReport& r, const std::string& project, Format f, std::ostream& out) {
  const Printer p{f, out};
  out << (p.md() ? "## " : "") << project << " — " << r.version << ": what if "
      << faults_text(r.faults) << "\n\n";
  for (const auto* s : {&r.steady, &r.faulted}) {
    if (!s->converged) out << fixed_point_text(*s, s == &r.steady ? "steady" : "faulted") << "\n\n";
  }
  print_classes(r, p);
  print_components(r, p);
  print_links(r, p);
  p.heading("Cascade (first cause first)");
  p.line(cascade_text(r));
  out << "\n";
  print_backlogs(r, p);
  if (!r.scale_ups.empty()) {
    p.heading("Autoscaling lag (the spike's load on the instances before it until new ones arrive)");
    for (const auto& s : r.scale_ups) p.line(scale_up_text(s));
    out << "\n";
  }
  print_partitions(r, p);
  if (r.faulted.converged) out << fixed_point_text(r.faulted, "faulted") << "\n";
  out << kP95Note << "\n";
}

namespace {


std::string impact_cell(const ImpactCell& c) {
  std::string s = format_share(c.success);
  if (c.answered != c.success) s += " (" + format_share(c.answered) + ")";
  return s;
}

}  // namespace

void print_impact(const ImpactMatrix& m, const std::string& project, Format f, std::ostream& out) {
  const Printer p{f, out};
  out << (p.md() ? "## " : "") << project << " — " << m.version
      << ": impact of each single crash\n\n";
  Table t{{"crashed", "criticality"}, {false, true}, {}};
  for (const auto& c : m.classes) {
    t.headers.insert(t.headers.end(), {c + " success", c + " p95 ms¹"});
    t.right.insert(t.right.end(), {true, true});
  }
  auto row = [&](const std::string& name, const std::string& criticality,
                 const std::vector<ImpactCell>& cells) {
    std::vector<std::string> r{name, criticality};
    for (const auto& c : cells) r.insert(r.end(), {impact_cell(c), impact_p95_text(c)});
    t.rows.push_back(std::move(r));
  };
  row("(steady state)", "—", m.steady);
  for (const auto& r : m.rows) row(r.component, format_share(r.criticality), r.cells);
  p.table(t);
  out << "Criticality: the rate-weighted share of requests no longer answered while the component "
         "is down.\n"
         "Success share, with the answered share in parentheses when fallbacks answer some "
         "requests;\n"
         "p95 of answered requests (— when none is answered or their wait is unbounded).\n"
      << kP95Note << "\n";
}

namespace {


std::string condition_text(const Condition& c) {
  const bool percent = c.metric != Metric::MeanMs && c.metric != Metric::P95Ms;
  std::string metric = to_string(c.metric);
  strip_suffix(metric, "_ms");
  return c.request_class + " " + metric + (c.op == Cmp::AtLeast ? " ≥ " : " ≤ ") +
         (percent ? plain_number(c.value) + "%" : format_ms(c.value) + " ms");
}

std::string observed_text(const ConditionResult& r) {
  const bool percent = r.condition.metric != Metric::MeanMs && r.condition.metric != Metric::P95Ms;
  if (!r.observed) return percent ? "—" : "saturated";
  return percent ? format_share(*r.observed / 100) : format_ms(*r.observed) + " ms";
}

std::string names_or(const std::vector<std::string>& names, const std::string& none) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? none : s;
}

}  // namespace

void print_experiment(const ExperimentResult& e, const Experiment& x, const std::string& project,
                      Format f, std::ostream& out) {
  const Printer p{f, out};
  out << (p.md() ? "## " : "") << project << " — " << e.report.version << ": experiment \""
      << e.name << "\": " << (e.passed ? "PASS" : "FAIL") << "\n\n";
  p.line("hypothesis: " + (e.hypothesis.empty() ? std::string("—") : e.hypothesis));
  p.line("faults: " + faults_text(e.report.faults));
  out << "\n";
  Table t{{"condition", "observed", "holds"}, {false, true, false}, {}};
  for (const auto& c : e.conditions)
    t.rows.push_back({condition_text(c.condition), observed_text(c), c.holds ? "✓" : "✗"});
  if (t.rows.empty())
    p.line("no steady-state conditions stated");
  else
    p.table(t);
  std::vector<std::string> affected;
  for (std::size_t i = 0; i < e.affected.size(); ++i)
    affected.push_back(e.affected[i] + (i < e.affected_why.size() ? " (" + e.affected_why[i] + ")" : ""));
  p.line("affected classes: " + names_or(affected, "none"));
  p.line("stated blast radius: " + names_or(x.blast_radius, "not stated"));
  p.line("outside the blast radius: " + names_or(e.outside_blast_radius, "none") +
         (e.outside_blast_radius.empty() ? "" : " ✗"));
  out << "\n";
  print_classes(e.report, p);
  for (const auto* s : {&e.report.steady, &e.report.faulted}) {
    if (!s->converged)
      out << fixed_point_text(*s, s == &e.report.steady ? "steady" : "faulted") << "\n";
  }
  out << "Result: " << (e.passed ? "PASS" : "FAIL") << "\n";
}


}  // namespace archbench::cli
