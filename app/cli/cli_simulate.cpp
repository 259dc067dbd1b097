// archbench-cli simulate: the discrete-event simulation of a version, with confidence intervals.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "archbench/error.h"
#include "archbench/format.h"
#include "archbench/project_io.h"
#include "archbench/simulate.h"
#include "archbench/simulate_json.h"
#include "archbench/text_file.h"
#include "cli_common.h"
#include "cli_fault_options.h"
#include "cli_restarts.h"
#include "cli_table.h"

namespace archbench::cli {

const char* const kSimulateHelp =
    "usage: archbench-cli simulate FILE [--version NAME] [--load X] [--duration D] [--warmup D]\n"
    "                              [--seed N] [--replications R] [--threads T]\n"
    "                              [FAULT[@START-END]...] [--timeline FILE.csv|FILE.json]\n"
    "                              [--timeline-step D] [--traces N] [--arrivals KIND]\n"
    "                              [--ramp FROM-TO | --daily A] [...]\n"
    "                              [--format table|json|markdown]\n"
    "                              [--catalog DIR]\n"
    "\n"
    "Plays the version's traffic through its components one request at a time (a discrete-event\n"
    "simulation of the same model evaluate solves) and prints per class the latency mean, p50,\n"
    "p95, p99 and p99.9 with their 95% confidence intervals, and per component the utilization,\n"
    "queue length and wait. The same seed gives the same output.\n"
    "\n"
    "  --version NAME      the version to simulate (default: the last one)\n"
    "  --load X            multiply every class's rate by X (default 1)\n"
    "  --duration D        simulated time in which requests arrive, warm-up included, such as\n"
    "                      600s, 10m or 2h (default 600s)\n"
    "  --warmup D          requests arriving in this first part are not measured (default: a\n"
    "                      tenth of the duration; 0 for none)\n"
    "  --seed N            random seed, a whole number (default 1)\n"
    "  --replications R    independent runs, 1 to 10000 (default 1: intervals by 10 batch\n"
    "                      means; from 2: intervals over the replications)\n"
    "  --threads T         replications run at once, 1 to 1024 (default: every core)\n"
    "  --timeline FILE     write figures per step of simulated time (first replication) to\n"
    "                      FILE, CSV or JSON by its extension\n"
    "  --timeline-step D   the timeline's step (default 1s)\n"
    "  --traces N          record N whole requests, spread over the measured window, as\n"
    "                      trees of visits (first replication; 0 to 1000, default 0)\n"
    "  --arrivals KIND     poisson (default), deterministic or bursty (each class; the\n"
    "                      stated rate stays the mean)\n"
    "  --burst-factor X    bursty: rate in a burst / rate between bursts (default 5)\n"
    "  --burst-share F     bursty: share of the time in bursts (default 0.1)\n"
    "  --burst-length D    bursty: mean length of a burst (default 10s)\n"
    "  --ramp FROM-TO      multiply the rates from FROM at 0 to TO at the end, e.g. 0.5-2\n"
    "  --daily A           multiply the rates by 1 + A cos(2π (t − peak) / period), A 0 to 1\n"
    "  --daily-period D    the daily curve's period (default 24h)\n"
    "  --daily-peak D      when it peaks (default half the period)\n"
    "  --balancing P       how splits pick a target and visits an instance: random (default,\n"
    "                      by weight, as evaluate assumes), round-robin or least-connections\n"
    "  --format F          table (default), json or markdown\n"
    "  --catalog DIR       component catalog folder (default: the installed one)\n"
    "\n"
    "Faults take what-if's spellings (--crash ID, --hang ID, --slow ID=3x, --lose ID=N,\n"
    "--flush ID, --cut A->B, --zone NAME, --region NAME, --spike 3x), each with an optional window of\n"
    "simulated time: --crash db@60s-300s is down from 60 s to 300 s; --crash db@60s from 60 s\n"
    "on; without a window, the whole run. Timeouts, retries with backoff, circuit breakers and\n"
    "bulkheads of the links act as the project file sets them.\n"
    "\n"
    "  --restart ID[=STARTUP]@START          every instance replaced at once: new ones open\n"
    "                      their connection pools beside the old ones, ready after STARTUP\n"
    "                      (default 10s); the callee's max_connections refuses the excess\n"
    "  --rolling-restart ID[=STEP]@START     one instance at a time, each in STEP (10s)\n"
    "  --scenario NAME     a simulation stored with the version (its duration, load, seed,\n"
    "                      faults and restarts; options given here override them)\n"
    "\n"
    "The JSON contract is in docs/SIMULATE.md.\n";

namespace {

long long whole_option(const Args& a, const std::string& name, long long fallback, long long min,
                       long long max) {
  const auto v = a.value(name);
  if (!v) return fallback;
  long long x = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc() || ptr != v->data() + v->size() || x < min || x > max)
    throw UsageError("--" + name + " needs a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + " (got '" + *v + "')");
  return x;
}

std::uint64_t seed_option(const Args& a) {
  const auto v = a.value("seed");
  if (!v) return 1;
  std::uint64_t x = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc() || ptr != v->data() + v->size())
    throw UsageError("--seed needs a whole number from 0 to 18446744073709551615 (got '" + *v +
                     "')");
  return x;
}

double duration_option(const Args& a, const std::string& name, double fallback, bool zero_allowed) {
  const auto v = a.value(name);
  if (!v) return fallback;
  if (zero_allowed && (*v == "0" || *v == "0s")) return 0;
  const auto d = parse_duration(*v);
  if (!d || *d > 1e9)
    throw UsageError("--" + name +
                     " needs a time above 0 and up to 1e9 s, such as 90s, 10m or 2h (got '" + *v +
                     "')");
  return *d;
}

const std::vector<std::string> kSimulateOptions = {
    "version",      "load",         "duration",    "warmup",       "seed",          "replications",
    "threads",      "format",       "catalog",     "timeline",     "timeline-step", "traces",
    "arrivals",     "burst-factor", "burst-share", "burst-length", "ramp",          "daily",
    "daily-period", "daily-peak",   "balancing",   "scenario"};

// --arrivals, --burst-*, --ramp and --daily as an arrival shape.
ArrivalShape arrivals_option(const Args& a) {
  ArrivalShape s;
  const std::string kind = a.value("arrivals").value_or("poisson");
  if (kind == "deterministic") {
    s.kind = ArrivalShape::Kind::Deterministic;
  } else if (kind == "bursty") {
    s.kind = ArrivalShape::Kind::Bursty;
  } else if (kind != "poisson") {
    throw UsageError("--arrivals must be poisson, deterministic or bursty (got '" + kind + "')");
  }
  const bool bursty = s.kind == ArrivalShape::Kind::Bursty;
  for (const char* o : {"burst-factor", "burst-share", "burst-length"})
    if (!bursty && a.value(o)) throw UsageError(std::string("--") + o + " needs --arrivals bursty");
  s.burst_factor = number_option(a, "burst-factor", 5, 1, 1000);
  s.burst_share = number_option(a, "burst-share", 0.1, 1e-6, 1 - 1e-6);
  s.burst_mean_s = duration_option(a, "burst-length", 10, false);
  if (a.value("ramp") && a.value("daily"))
    throw UsageError("--ramp and --daily exclude each other");
  if (const auto ramp = a.value("ramp")) {
    const auto dash = ramp->find('-');
    const auto from = parse_number(ramp->substr(0, dash));
    const auto to = dash == std::string::npos ? std::nullopt : parse_number(ramp->substr(dash + 1));
    if (!from || !to || *from < 0 || *to < 0 || *from > 1000 || *to > 1000 || *from + *to <= 0)
      throw UsageError("--ramp needs FROM-TO, multipliers from 0 to 1000 such as 0.5-2 (got '" +
                       *ramp + "')");
    s.profile = ArrivalShape::Profile::Ramp;
    s.ramp_from = *from;
    s.ramp_to = *to;
  }
  if (a.value("daily")) {
    s.profile = ArrivalShape::Profile::Daily;
    s.daily_amplitude = number_option(a, "daily", 0.5, 0, 1);
    s.daily_period_s = duration_option(a, "daily-period", 86400, false);
    s.daily_peak_s = duration_option(a, "daily-peak", s.daily_period_s / 2, true);
  } else {
    for (const char* o : {"daily-period", "daily-peak"})
      if (a.value(o)) throw UsageError(std::string("--") + o + " needs --daily AMPLITUDE");
  }
  return s;
}

// A count as written: every digit, thousands grouped ("3,354,780").
std::string count_text(unsigned long long n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// A fault option's value split from its window: "db@60s-300s" → "db", [60, 300). `end_of_run`
// is the end when the window gives none.
struct Window {
  double start = 0, end = 0;
};

Window take_window(std::string& value, const std::string& flag, double end_of_run) {
  const auto at = value.rfind('@');
  if (at == std::string::npos) return {0, end_of_run};
  const std::string text = value.substr(at + 1);
  value.erase(at);
  auto time = [](const std::string& t) -> std::optional<double> {
    if (t == "0" || t == "0s") return 0.0;
    return parse_duration(t);
  };
  const auto dash = text.find('-');
  const auto start = time(text.substr(0, dash));
  const auto end =
      dash == std::string::npos ? std::optional<double>(end_of_run) : time(text.substr(dash + 1));
  const std::string where = "--" + flag + " " + value + "@" + text;
  if (!start || !end)
    throw UsageError(where + ": the window needs START-END or START, times such as 60s, 5m or 1h");
  if (*end <= *start) throw UsageError(where + ": the window must end after it starts");
  return {*start, *end};
}

// argv without its fault options and their values.
void drop_fault_options(std::vector<std::string>& argv) {
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& s = argv[i];
    std::string name = s.rfind("--", 0) == 0 ? s.substr(2) : "";
    const auto eq = name.find('=');
    if (eq != std::string::npos) name.erase(eq);
    if (!is_fault_flag(name)) {
      kept.push_back(s);
      continue;
    }
    if (eq == std::string::npos && i + 1 < argv.size() && argv[i + 1].rfind("--", 0) != 0) ++i;
  }
  argv = std::move(kept);
}

// Takes every fault option's window out of argv, in the order the options come.
std::vector<Window> take_windows(std::vector<std::string>& argv, double end_of_run) {
  std::vector<Window> windows;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string& s = argv[i];
    if (s.rfind("--", 0) != 0) continue;
    std::string name = s.substr(2);
    const auto eq = name.find('=');
    if (eq != std::string::npos) name.erase(eq);
    if (!is_fault_flag(name)) continue;
    if (eq != std::string::npos) {
      std::string value = s.substr(2 + eq + 1);
      windows.push_back(take_window(value, name, end_of_run));
      s = "--" + name + "=" + value;
    } else if (i + 1 < argv.size() && argv[i + 1].rfind("--", 0) != 0) {
      windows.push_back(take_window(argv[++i], name, end_of_run));
    }
  }
  return windows;
}

std::string with_interval(const SimEstimate& e) {
  return format_ms_interval(e.value, e.half_width);
}

// Each trace as an indented tree of visits, times in ms from the request's arrival.
void print_traces(const SimReport& r, bool md, std::ostream& out) {
  if (r.traces.empty()) return;
  out << "\n" << (md ? "### " : "") << "Traces (ms from the request's arrival)\n\n";
  if (md) out << "```text\n";
  for (const auto& t : r.traces) {
    out << t.request_class << " at " << format_significant(t.arrival_s, 4) << " s: " << t.outcome;
    if (t.latency_ms >= 0) out << " in " << format_ms(t.latency_ms) << " ms";
    out << "\n";
    std::vector<int> depth(t.spans.size(), 0);
    for (std::size_t i = 0; i < t.spans.size(); ++i) {
      const SimSpan& sp = t.spans[i];
      if (sp.parent >= 0) depth[i] = depth[static_cast<std::size_t>(sp.parent)] + 1;
      out << std::string(static_cast<std::size_t>(2 + 2 * depth[i]), ' ') << sp.place();
      if (sp.attempt > 0) out << " (retry " << sp.attempt << ")";
      if (sp.arrived_ms < 0) {
        out << ": sent at " << format_ms(sp.sent_ms) << ", never arrived\n";
        continue;
      }
      out << ": " << format_ms(sp.arrived_ms) << " → "
          << (sp.end_ms < 0 ? std::string("never") : format_ms(sp.end_ms));
      if (sp.wait_ms > 0 || sp.service_ms > 0)
        out << " (wait " << format_ms(sp.wait_ms) << ", work " << format_ms(sp.service_ms) << ")";
      if (sp.outcome != "success") out << ", " << sp.outcome;
      out << "\n";
    }
  }
  if (md) out << "```\n";
}

void print_simulation(const SimReport& r, const std::string& project, Format f, std::ostream& out) {
  const bool md = f == Format::Markdown;
  auto heading = [&](const std::string& s) { out << (md ? "### " + s + "\n\n" : s + "\n"); };
  auto table = [&](const Table& t) { out << (md ? t.markdown() : t.text()) << "\n"; };

  out << (md ? "## " : "") << project << " — " << r.version << " simulated at load ×"
      << format_multiplier(r.load) << "\n\n";
  out << (md ? "- " : "  ") << format_duration(r.duration_s) << " of arrivals, the first "
      << format_duration(r.warmup_s) << " not measured; seed " << r.seed << "; " << r.replications
      << (r.replications == 1 ? " replication" : " replications") << "; " << count_text(r.events)
      << " events\n";
  if (r.balancing != SimulateOptions::Balancing::Random)
    out << (md ? "- " : "  ") << "balancing: "
        << (r.balancing == SimulateOptions::Balancing::RoundRobin ? "round-robin"
                                                                  : "least connections")
        << "\n";
  const ArrivalShape& arr = r.arrivals;
  if (arr.kind == ArrivalShape::Kind::Deterministic)
    out << (md ? "- " : "  ") << "arrivals: deterministic, evenly spaced\n";
  if (arr.kind == ArrivalShape::Kind::Bursty)
    out << (md ? "- " : "  ") << "arrivals: bursty, ×" << format_multiplier(arr.burst_factor)
        << " in bursts " << format_percent(arr.burst_share) << " of the time, "
        << format_duration(arr.burst_mean_s) << " long on average\n";
  if (arr.profile == ArrivalShape::Profile::Ramp)
    out << (md ? "- " : "  ") << "rates ramp from ×" << format_multiplier(arr.ramp_from) << " to ×"
        << format_multiplier(arr.ramp_to) << "\n";
  if (arr.profile == ArrivalShape::Profile::Daily)
    out << (md ? "- " : "  ") << "rates follow a daily curve: ×(1 ± "
        << format_significant(arr.daily_amplitude, 3) << "), period "
        << format_duration(arr.daily_period_s) << ", peak at " << format_duration(arr.daily_peak_s)
        << "\n";
  for (const auto& tf : r.faults) {
    const Fault& x = tf.fault;
    out << (md ? "- " : "  ") << "fault: " << to_string(x.type) << " "
        << (x.type == FaultType::Cut     ? x.component + " -> " + x.to
            : x.type == FaultType::Zone  ? x.zone
            : x.type == FaultType::Region ? x.zone
            : x.type == FaultType::Spike ? "×" + format_multiplier(x.factor)
                                         : x.component)
        << " from " << plain_number(tf.start_s) << " s to " << plain_number(tf.end_s) << " s\n";
  }
  for (const auto& x : r.restarts) {
    out << (md ? "- " : "  ") << (x.rolling ? "rolling restart: " : "restart: ") << x.component
        << (x.rolling ? " one instance every " : " all instances at ") << plain_number(
            x.rolling ? x.startup_s : x.start_s) << " s"
        << (x.rolling ? " from " + plain_number(x.start_s) + " s"
                      : ", ready " + plain_number(x.startup_s) + " s later")
        << "\n";
    for (const auto& l : r.links) {
      if (l.from != x.component || (!l.refused_pool_connections && !l.pools_refilled_s)) continue;
      out << (md ? "  - " : "    ") << l.from << " → " << l.to << ": "
          << count_text(l.refused_pool_connections) << " pool connections refused, pools full "
          << (l.pools_refilled_s ? "again at " + plain_number(*l.pools_refilled_s) + " s"
                                 : std::string("never again"))
          << "\n";
    }
  }
  out << (md ? "- " : "  ") << "± is the half-width of the 95% confidence interval, by "
      << (r.replications > 1 ? "replications" : std::to_string(r.batches) + " batch means")
      << "\n\n";

  bool shares = !r.faults.empty();
  for (const auto& c : r.classes) shares = shares || c.degraded > 0 || c.failed > 0;
  auto latency_table = [&](bool completion) {
    Table t{{"class", "rate/s", "measured", "mean", "p50", "p95", "p99", "p99.9", "success"},
            {false, true, true, true, true, true, true, true, true},
            {}};
    if (shares) {
      t.headers.insert(t.headers.end(), {"degraded", "failed"});
      t.right.insert(t.right.end(), {true, true});
    }
    for (const auto& c : r.classes) {
      const auto& l = completion ? c.completion : c.latency;
      if (completion && !c.async) continue;
      std::vector<std::string> row{c.name, format_significant(c.rate_per_s, 3),
                                   count_text(c.measured)};
      for (const SimEstimate SimLatency::*q : {&SimLatency::mean, &SimLatency::p50, &SimLatency::p95,
                                            &SimLatency::p99, &SimLatency::p999})
        row.push_back(l ? with_interval((*l).*q) : "—");
      const bool any = c.measured > c.unfinished;
      row.push_back(any ? format_share(c.success) : "—");
      if (shares) {
        row.push_back(any ? format_share(c.degraded) : "—");
        row.push_back(any ? format_share(c.failed) : "—");
      }
      t.rows.push_back(std::move(row));
    }
    return t;
  };
  heading(shares ? "Request classes (latency in ms, of the answered requests)"
                 : "Request classes (latency in ms)");
  table(latency_table(false));
  bool any_async = false;
  for (const auto& c : r.classes) any_async = any_async || c.async;
  if (any_async) {
    heading("Completion of asynchronous work (ms, until the last queued job ends)");
    table(latency_table(true));
  }
  for (const auto& c : r.classes) {
    if (!c.failed_latency) continue;
    out << (md ? "- " : "  ") << c.name << ": " << format_share(c.failed)
        << " failed, the caller knowing it after " << format_ms(c.failed_latency->mean.value)
        << " ms on average (p95 " << format_ms(c.failed_latency->p95.value) << " ms)"
        << (c.refused && *c.refused > 0
                ? "; " + format_share(*c.refused) + " refused by a rate limit (429)"
                : "")
        << "\n";
  }
  if (std::any_of(r.classes.begin(), r.classes.end(),
                  [](const SimClassResult& c) { return c.failed_latency.has_value(); }))
    out << "\n";
  bool any_unfinished = false;
  for (const auto& c : r.classes) {
    if (c.unfinished == 0) continue;
    any_unfinished = true;
    out << (md ? "- " : "  ") << c.name << ": " << count_text(c.unfinished)
        << " measured requests were still in flight when the run stopped at "
        << format_duration(r.stopped_at_s) << " (a saturated station does not drain)\n";
  }
  if (any_unfinished) out << "\n";

  heading("Components (utilization per server of the busiest station; queue: visits waiting)");
  Table t{{"component", "kind", "arrival/s", "util", "queue", "peak queue", "wait ms"},
          {false, false, true, true, true, true, true},
          {}};
  for (const auto& c : r.components) {
    if (!c.has_stations) {
      t.rows.push_back({c.id, c.kind, "—", "—", "—", "—", "—"});
      continue;
    }
    t.rows.push_back({c.id, c.kind, format_significant(c.arrival_per_s, 3),
                      format_percent(c.utilization), format_significant(c.queue_length, 3),
                      count_text(static_cast<unsigned long long>(c.peak_queue)),
                      format_ms(c.wait_ms)});
  }
  out << (md ? t.markdown() : t.text());
  print_traces(r, md, out);
  if (r.links.empty()) return;
  out << "\n";
  heading("Links (calls over the measured window; breaker open: share of the time)");
  Table lt{{"link", "attempts", "failed", "timeouts", "retries", "rejected (breaker)",
            "rejected (bulkhead)", "breaker opened", "breaker open"},
           {false, true, true, true, true, true, true, true, true},
           {}};
  for (const auto& l : r.links) {
    lt.rows.push_back({l.from + " → " + l.to, count_text(l.attempts), count_text(l.failed_attempts),
                       count_text(l.timeouts), count_text(l.retries),
                       count_text(l.rejected_by_breaker), count_text(l.rejected_by_bulkhead),
                       count_text(l.breaker_opened), format_percent(l.breaker_open_share)});
  }
  out << (md ? lt.markdown() : lt.text());
}

// The timeline as CSV: one row per step, a column per figure.
std::string timeline_csv(const SimTimeline& t) {
  Table table{{"start_s"}, {true}, {}};
  for (const auto& c : t.classes)
    for (const char* what : {"arrived", "answered", "degraded", "failed", "mean_ms", "p95_ms"})
      table.headers.push_back(c + " " + what);
  for (const auto& c : t.components)
    for (const char* what : {"utilization", "queue_length", "instances_down"})
      table.headers.push_back(c + " " + what);
  for (const auto& l : t.links) table.headers.push_back(l + " breaker");
  for (const auto& l : t.call_links) table.headers.push_back(l + " calls_per_s");
  table.right.assign(table.headers.size(), true);
  for (std::size_t i = 0; i < t.start_s.size(); ++i) {
    std::vector<std::string> row{plain_number(t.start_s[i])};
    for (std::size_t k = 0; k < t.classes.size(); ++k) {
      for (const auto* series : {&t.arrived, &t.answered, &t.degraded, &t.failed})
        row.push_back(std::to_string((*series)[k][i]));
      row.push_back(plain_number(t.mean_ms[k][i]));
      row.push_back(plain_number(t.p95_ms[k][i]));
    }
    for (std::size_t c = 0; c < t.components.size(); ++c) {
      row.push_back(plain_number(t.utilization[c][i]));
      row.push_back(plain_number(t.queue_length[c][i]));
      row.push_back(std::to_string(t.instances_down[c][i]));
    }
    for (std::size_t l = 0; l < t.links.size(); ++l) row.push_back(t.breaker[l][i]);
    for (std::size_t l = 0; l < t.call_links.size(); ++l)
      row.push_back(plain_number(t.calls_per_s[l][i]));
    table.rows.push_back(std::move(row));
  }
  return table.csv();
}

}  // namespace

int cmd_simulate(const std::vector<std::string>& argv_in, std::ostream& out) {
  std::vector<std::string> argv = argv_in;
  const std::vector<Restart> restarts = take_restart_options(argv);
  // Windows are read before the fault values (which do not know "@"); their open ends need the
  // run's length, so --duration and --warmup are read first from a parse of the rest.
  std::vector<std::string> rest = argv;
  drop_fault_options(rest);
  const Args pre = parse_args(rest, kSimulateOptions, {});
  // --scenario NAME: a simulation stored with the version (format 5) gives the defaults.
  std::optional<StoredSimulation> stored;
  if (const auto name = pre.value("scenario")) {
    const std::string pfile = file_of(pre);
    const Project pp = load_project(pfile, catalog_of(pre));
    const Version& pv = version_of(pp, pre, pfile);
    const StoredSimulation* s = stored_simulation(pv, *name);
    if (!s) {
      std::string names;
      for (const auto& x : pv.simulations) names += (names.empty() ? "" : ", ") + x.name;
      throw InputError(pfile, "--scenario",
                       "version \"" + pv.name + "\" stores no simulation named \"" + *name +
                           "\" (" + (names.empty() ? "it stores none" : "it stores: " + names) +
                           ")");
    }
    stored = *s;
  }
  const SimulateOptions base = stored ? simulation_options(*stored) : SimulateOptions{};
  const double duration = duration_option(pre, "duration", base.duration_s, false);
  const double warmup = duration_option(
      pre, "warmup", stored && !pre.value("duration") ? base.warmup_s : duration / 10, true);
  const double end_of_run = duration + std::max(duration - warmup, 60.0);
  const std::vector<Window> windows = take_windows(argv, end_of_run);
  const std::vector<FaultSpec> specs = take_fault_options(argv);
  const Args a = parse_args(argv, kSimulateOptions, {});
  const std::string file = file_of(a);
  const Format f = format_of(a);
  SimulateOptions o;
  if (stored) o = base;
  o.load = number_option(a, "load", base.load, 0.0, 1e9);
  if (o.load > 0 && o.load < 1e-9) throw UsageError("--load below 1e-9 is a typo for 0");
  o.duration_s = duration;
  o.warmup_s = warmup;
  if (o.warmup_s >= o.duration_s)
    throw UsageError("--warmup (" + format_duration(o.warmup_s) +
                     ") must be shorter than --duration (" + format_duration(o.duration_s) + ")");
  if (a.value("seed") || !stored) o.seed = seed_option(a);
  o.replications = static_cast<int>(whole_option(a, "replications", 1, 1, 10000));
  o.threads = static_cast<int>(whole_option(a, "threads", 0, 1, 1024));
  o.traces = static_cast<int>(whole_option(a, "traces", 0, 0, 1000));
  o.arrivals = arrivals_option(a);
  const std::string balancing = a.value("balancing").value_or("random");
  if (balancing == "round-robin")
    o.balancing = SimulateOptions::Balancing::RoundRobin;
  else if (balancing == "least-connections")
    o.balancing = SimulateOptions::Balancing::LeastConnections;
  else if (balancing != "random")
    throw UsageError("--balancing must be random, round-robin or least-connections (got '" +
                     balancing + "')");
  const auto timeline = a.value("timeline");
  if (timeline) {
    const bool csv =
        timeline->size() > 4 && timeline->compare(timeline->size() - 4, 4, ".csv") == 0;
    const bool json =
        timeline->size() > 5 && timeline->compare(timeline->size() - 5, 5, ".json") == 0;
    if (!csv && !json)
      throw UsageError("--timeline needs a file ending in .csv or .json (got '" + *timeline + "')");
    o.timeline_step_s = duration_option(a, "timeline-step", 1, false);
  } else if (stored && !a.value("timeline-step")) {
    o.timeline_step_s = 0;  // the stored step serves the app's charts; no file asked for
  } else if (a.value("timeline-step")) {
    throw UsageError("--timeline-step needs --timeline FILE");
  }
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  const Version& v = version_of(p, a, file);
  if (!specs.empty()) {
    std::vector<FaultSpec> timed = specs;
    for (std::size_t i = 0; i < timed.size(); ++i) {
      timed[i].fault.duration_s = std::min(windows[i].end - windows[i].start, 1e7);
      for (const auto type : {FaultType::Partition})
        if (timed[i].fault.type == type)
          throw UsageError(timed[i].text + ": a partition is not simulated (what-if evaluates it)");
    }
    const std::vector<Fault> faults = faults_for(p, v, catalog, timed, std::nullopt, file);
    for (std::size_t i = 0; i < faults.size(); ++i)
      o.faults.push_back({faults[i], windows[i].start, windows[i].end});
  }
  o.restarts.insert(o.restarts.end(), restarts.begin(), restarts.end());
  for (const auto& x : o.restarts)
    if (!v.component(x.component))
      throw InputError(file, restart_spelling(x), "no component with id \"" + x.component + "\"");
  SimReport r;
  try {
    r = simulate(v, catalog, o);
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    if (what.find("restart of") == std::string::npos) throw;
    throw InputError(file, "--restart", what);  // a restart the model cannot play
  }
  if (timeline && r.timeline) {
    const std::string text =
        timeline->size() > 4 && timeline->compare(timeline->size() - 4, 4, ".csv") == 0
            ? timeline_csv(*r.timeline)
            : timeline_to_json(*r.timeline).dump(2) + "\n";
    write_text_file(*timeline, text);  // names the file when it fails
  }
  if (f == Format::Json) {
    out << simulation_to_json(r, p.name).dump(2) << "\n";
  } else {
    print_simulation(r, p.name, f, out);
  }
  return 0;
}

}  // namespace archbench::cli
