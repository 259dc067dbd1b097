// archbench-cli simulate: the discrete-event simulation of a version, with confidence intervals.
#include <charconv>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "archbench/format.h"
#include "archbench/project_io.h"
#include "archbench/simulate.h"
#include "archbench/simulate_json.h"
#include "cli_common.h"
#include "cli_table.h"

namespace archbench::cli {

const char* const kSimulateHelp =
    "usage: archbench-cli simulate FILE [--version NAME] [--load X] [--duration D] [--warmup D]\n"
    "                              [--seed N] [--replications R] [--threads T]\n"
    "                              [--format table|json|markdown] [--catalog DIR]\n"
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
    "  --format F          table (default), json or markdown\n"
    "  --catalog DIR       component catalog folder (default: the installed one)\n"
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
    throw UsageError("--seed needs a whole number from 0 to 18446744073709551615 (got '" + *v + "')");
  return x;
}

double duration_option(const Args& a, const std::string& name, double fallback, bool zero_allowed) {
  const auto v = a.value(name);
  if (!v) return fallback;
  if (zero_allowed && (*v == "0" || *v == "0s")) return 0;
  const auto d = parse_duration(*v);
  if (!d || *d > 1e9)
    throw UsageError("--" + name + " needs a time above 0 and up to 1e9 s, such as 90s, 10m or 2h (got '" +
                     *v + "')");
  return *d;
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

std::string with_interval(const Estimate& e) {
  return format_ms(e.value) + " ± " + format_ms(e.half_width);
}

void print_simulation(const SimReport& r, const std::string& project, Format f, std::ostream& out) {
  const bool md = f == Format::Markdown;
  auto heading = [&](const std::string& s) { out << (md ? "### " + s + "\n\n" : s + "\n"); };
  auto table = [&](const Table& t) { out << (md ? t.markdown() : t.text()) << "\n"; };

  out << (md ? "## " : "") << project << " — " << r.version << " simulated at load ×"
      << format_multiplier(r.load) << "\n\n";
  out << (md ? "- " : "  ") << format_duration(r.duration_s) << " of arrivals, the first "
      << format_duration(r.warmup_s) << " not measured; seed " << r.seed << "; "
      << r.replications << (r.replications == 1 ? " replication" : " replications") << "; "
      << count_text(r.events) << " events\n";
  out << (md ? "- " : "  ") << "± is the half-width of the 95% confidence interval, by "
      << (r.replications > 1 ? "replications" : std::to_string(r.batches) + " batch means")
      << "\n\n";

  auto latency_table = [&](bool completion) {
    Table t{{"class", "rate/s", "measured", "mean", "p50", "p95", "p99", "p99.9", "success"},
            {false, true, true, true, true, true, true, true, true},
            {}};
    for (const auto& c : r.classes) {
      const auto& l = completion ? c.completion : c.latency;
      if (completion && !c.async) continue;
      std::vector<std::string> row{c.name, format_significant(c.rate_per_s, 3),
                                   count_text(c.measured)};
      for (const Estimate SimLatency::*q : {&SimLatency::mean, &SimLatency::p50, &SimLatency::p95,
                                            &SimLatency::p99, &SimLatency::p999})
        row.push_back(l ? with_interval((*l).*q) : "—");
      row.push_back(c.measured > c.unfinished ? format_share(c.success) : "—");
      t.rows.push_back(std::move(row));
    }
    return t;
  };
  heading("Request classes (latency in ms)");
  table(latency_table(false));
  bool any_async = false;
  for (const auto& c : r.classes) any_async = any_async || c.async;
  if (any_async) {
    heading("Completion of asynchronous work (ms, until the last queued job ends)");
    table(latency_table(true));
  }
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
    t.rows.push_back({c.id, c.kind, format_significant(c.arrival_per_s, 3), format_percent(c.utilization),
                      format_significant(c.queue_length, 3),
                      count_text(static_cast<unsigned long long>(c.peak_queue)), format_ms(c.wait_ms)});
  }
  out << (md ? t.markdown() : t.text());
}

}  // namespace

int cmd_simulate(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv,
                            {"version", "load", "duration", "warmup", "seed", "replications",
                             "threads", "format", "catalog"},
                            {});
  const std::string file = file_of(a);
  const Format f = format_of(a);
  SimulateOptions o;
  o.load = number_option(a, "load", 1.0, 0.0, 1e9);
  if (o.load > 0 && o.load < 1e-9) throw UsageError("--load below 1e-9 is a typo for 0");
  o.duration_s = duration_option(a, "duration", 600, false);
  o.warmup_s = duration_option(a, "warmup", o.duration_s / 10, true);
  if (o.warmup_s >= o.duration_s)
    throw UsageError("--warmup (" + format_duration(o.warmup_s) + ") must be shorter than --duration (" +
                     format_duration(o.duration_s) + ")");
  o.seed = seed_option(a);
  o.replications = static_cast<int>(whole_option(a, "replications", 1, 1, 10000));
  o.threads = static_cast<int>(whole_option(a, "threads", 0, 1, 1024));
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  const Version& v = version_of(p, a, file);
  const SimReport r = simulate(v, catalog, o);
  if (f == Format::Json) {
    out << simulation_to_json(r, p.name).dump(2) << "\n";
  } else {
    print_simulation(r, p.name, f, out);
  }
  return 0;
}

}  // namespace archbench::cli
