#include "cli_commands.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "archbench/consistency_figures.h"

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/figures.h"
#include "archbench/format.h"
#include "archbench/partial.h"
#include "archbench/pattern_figures.h"
#include "archbench/project_io.h"
#include "archbench/report_json.h"
#include "archbench/solver.h"
#include "archbench/sweep.h"
#include "archbench/validate.h"
#include "cli_common.h"
#include "cli_table.h"

namespace archbench::cli {

const char* const kEvaluateHelp =
    "usage: archbench-cli evaluate FILE [--version NAME | --all] [--load X]\n"
    "                              [--format table|json|markdown] [--catalog DIR]\n"
    "\n"
    "Solves the queueing model of a version at its stated workload (× the load multiplier) and\n"
    "prints per-class latency (mean, p50, p95, p99; completion for asynchronous work), each\n"
    "component's arrival rate, utilization, wait, response time and cost, and the totals: cost\n"
    "per month and per million requests, maximum throughput multiplier and bottleneck.\n"
    "\n"
    "  --version NAME  the version to evaluate (default: the last one)\n"
    "  --all           every version, in order\n"
    "  --load X        multiply every class's rate by X (default 1)\n"
    "  --format F      table (default), json or markdown\n"
    "  --catalog DIR   component catalog folder (default: the installed one)\n"
    "\n"
    "An unfinished version (a class with no route yet, a balancer or cache not linked) is\n"
    "evaluated as far as it can be: the classes whose route is complete and the components they\n"
    "reach, then each problem with the component or class it concerns. Exit code 5 then.\n"
    "A component that carries no traffic is noted beside its cost.\n";

const char* const kSweepHelp =
    "usage: archbench-cli sweep FILE [--version NAME | --versions A,B] [--points N]\n"
    "                           [--format table|json|markdown]\n"
    "                           [--catalog DIR]\n"
    "\n"
    "Evaluates a version at N loads evenly spaced up to 99% of its saturation load and prints,\n"
    "for each, the offered rate, the p50/p95/p99 latency of every class, the bottleneck's\n"
    "utilization and the monthly cost.\n"
    "\n"
    "  --version NAME  the version (default: the last one)\n"
    "  --versions A,B  several versions, one sweep each (JSON: an array)\n"
    "  --points N      number of load points, 1 to 10000 (default 10)\n"
    "  --format F      table (default), json or markdown\n"
    "  --catalog DIR   component catalog folder (default: the installed one)\n";

const char* const kValidateHelp =
    "usage: archbench-cli validate FILE [--catalog DIR]\n"
    "\n"
    "Checks a project file against the format and the catalog and prints every problem with its\n"
    "place (JSON pointer, or line:column for a syntax error). Exit code 0 when valid, 1 if not.\n";

const char* const kCatalogHelp =
    "usage: archbench-cli catalog [--kind KIND] [--format table|json|markdown] [--catalog DIR]\n"
    "\n"
    "Lists the component kinds, their behaviour and their parameters with unit, default and\n"
    "range.\n";

bool Args::has(const std::string& flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& value_options,
                const std::vector<std::string>& flag_options) {
  Args a;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& s = argv[i];
    if (s.rfind("--", 0) != 0 || s == "--") {
      a.positional.push_back(s);
      continue;
    }
    std::string name = s.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (std::find(flag_options.begin(), flag_options.end(), name) != flag_options.end()) {
      if (inline_value) throw UsageError("--" + name + " takes no value");
      a.flags.push_back(name);
    } else if (std::find(value_options.begin(), value_options.end(), name) != value_options.end()) {
      if (!inline_value) {
        if (i + 1 >= argv.size()) throw UsageError("--" + name + " needs a value");
        value = argv[++i];
      }
      if (a.values.count(name)) throw UsageError("--" + name + " given twice");
      a.values[name] = value;
    } else {
      throw UsageError("unknown option --" + name);
    }
  }
  return a;
}

namespace {

// The evaluate report as sections of tables: the same figures for text and Markdown.
void print_report(const PartialEvaluation& e, std::size_t class_count, const std::string& project,
                  Format f, std::ostream& out) {
  const bool md = f == Format::Markdown;
  auto heading = [&](const std::string& s) { out << (md ? "### " + s + "\n\n" : s + "\n"); };
  auto table = [&](const Table& t) { out << (md ? t.markdown() : t.text()) << "\n"; };
  auto problems = [&] {
    heading("Problems (unfinished: " + partial_summary(e, class_count) + ")");
    for (const auto& p : e.problems) {
      std::string at = p.component.empty() ? p.request_class : p.component;
      if (!p.link_from.empty()) at = p.link_from + " → " + p.link_to;
      out << (md ? "- " : "  ") << (at.empty() ? "" : at + ": ") << p.message
          << (p.place.empty() ? "" : " (at " + p.place + ")") << "\n";
    }
  };
  if (!e.report) {
    out << (md ? "## " : "") << project << " — nothing can be computed\n\n";
    problems();
    return;
  }
  const Report& r = *e.report;

  out << (md ? "## " : "") << project << " — " << r.version << " at load ×"
      << format_multiplier(r.load) << " (" << format_rate(r.totals.offered_rate_per_s)
      << " offered at peak)" << (e.complete() ? "" : "; unfinished") << "\n\n";

  heading("Request classes (latency in ms)");
  Table classes{{"class", "op", "rate/s", "mean", "p50", "p95", "p99", "completion p95"},
                {false, false, true, true, true, true, true, true},
                {}};
  bool any_async = false;
  for (const auto& c : r.classes) {
    any_async = any_async || c.async;
    std::string done = "—";
    if (c.async) done = c.completion ? format_ms(c.completion->p95) : "saturated";
    classes.rows.push_back({c.name, to_string(c.op), format_significant(c.rate_per_s, 3),
                            ms_cell(c.latency, &Latency::mean), ms_cell(c.latency, &Latency::p50),
                            ms_cell(c.latency, &Latency::p95), ms_cell(c.latency, &Latency::p99),
                            done});
  }
  if (!any_async) {
    classes.headers.pop_back();
    for (auto& row : classes.rows) row.pop_back();
  }
  if (std::any_of(r.classes.begin(), r.classes.end(),
                  [](const ClassResult& c) { return c.refused_share.has_value(); })) {
    classes.headers.push_back("refused");
    classes.right.resize(classes.headers.size(), true);
    for (std::size_t i = 0; i < r.classes.size(); ++i)
      classes.rows[i].push_back(refused_share_text(r.classes[i]));
  }
  if (std::any_of(r.classes.begin(), r.classes.end(),
                  [](const ClassResult& c) { return c.duplicates_per_day.has_value(); })) {
    classes.headers.insert(classes.headers.end(), {"duplicates/day", "lost"});
    classes.right.resize(classes.headers.size(), true);
    for (std::size_t i = 0; i < r.classes.size(); ++i) {
      classes.rows[i].push_back(duplicates_text(r.classes[i]));
      classes.rows[i].push_back(lost_text(r.classes[i]));
    }
  }
  const bool any_stale = std::any_of(r.classes.begin(), r.classes.end(), [](const ClassResult& c) {
    return c.stale.has_value();
  });
  if (any_stale) {
    classes.headers.insert(classes.headers.end(), {"stale", "staleness"});
    classes.right.resize(classes.headers.size(), true);
    for (std::size_t i = 0; i < r.classes.size(); ++i) {
      classes.rows[i].push_back(stale_share_text(r.classes[i]));
      classes.rows[i].push_back(staleness_text(r.classes[i]));
    }
  }
  table(classes);
  for (const auto& c : r.classes)
    if (c.stale) out << "  " << c.name << ": " << stale_reads_text(c) << "\n";
  if (any_stale) out << "\n";
  for (const auto& c : r.classes) {
    if (c.saturated) out << "  " << c.name << ": " << c.reason << "\n";
    if (c.completion_saturated) out << "  " << c.name << " (completion): " << c.completion_reason << "\n";
  }
  if (std::any_of(r.classes.begin(), r.classes.end(),
                  [](const ClassResult& c) { return c.saturated || c.completion_saturated; }))
    out << "\n";

  heading("Components (per visit; utilization per server of the busiest station)");
  Table comps{{"component", "kind", "arrival/s", "util", "wait ms", "response ms", "cost/month"},
              {false, false, true, true, true, true, true},
              {}};
  for (const auto& c : r.components) {
    const bool client = c.behaviour == Behaviour::Client;
    const ComponentNote* note = e.note(c.id);
    const bool missing = note && note->kind == ComponentNote::Kind::NotComputed;
    std::string util = client ? "—" : c.utilization ? format_percent(*c.utilization) : "saturated";
    if (missing) util = "not computed";
    comps.rows.push_back({c.id, c.kind, missing ? "—" : format_significant(c.arrival_per_s, 3), util,
                          client ? "—" : opt_ms(c.wait_ms), client ? "—" : opt_ms(c.response_ms),
                          format_usd(c.cost_per_month)});
  }
  table(comps);
  for (const auto& c : r.components) {
    if (c.saturated) out << "  " << c.id << ": " << c.reason << "\n";
    if (c.rate_limit_per_s) out << "  " << c.id << ": " << rate_limit_text(c) << "\n";
    if (c.connections) out << "  " << c.id << " connections: " << connections_text(c) << "\n";
    if (c.shards) out << "  " << c.id << ": " << shards_text(c) << "\n";
    if (c.parallel_links > 0) out << "  " << c.id << ": " << fan_out_text(c) << "\n";
    if (c.autoscale) out << "  " << c.id << ": " << autoscale_text(*c.autoscale, c.utilization) << "\n";
    if (c.mesh) out << "  " << c.id << " " << mesh_text(*c.mesh) << "\n";
    if (c.replay) out << "  " << c.id << ": " << replay_text(*c.replay) << "\n";
  }
  for (const auto& n : e.notes) out << "  " << n.component << ": " << n.text << "\n";
  if (!e.notes.empty() || std::any_of(r.components.begin(), r.components.end(), [](const ComponentResult& c) {
        return c.saturated || c.rate_limit_per_s.has_value() || c.connections.has_value() ||
               c.shards.has_value() || c.parallel_links > 0 ||
               c.autoscale.has_value() || c.mesh.has_value() || c.replay.has_value();
      }))
    out << "\n";

  heading("Totals");
  const auto& t = r.totals;
  out << (md ? "- " : "  ") << "cost per month: " << format_usd(t.cost_per_month) << "\n";
  out << (md ? "- " : "  ") << "cost per million requests: "
      << cost_per_million_text(t)
      << (t.cost_per_million_note.empty() ? "" : ": " + t.cost_per_million_note)
      << "\n";
  out << (md ? "- " : "  ") << "max throughput: ";
  if (t.max_throughput_multiplier) {
    out << "×" << format_multiplier(*t.max_throughput_multiplier) << " the stated load ("
        << format_rate(*t.max_throughput_rate_per_s) << "); bottleneck: " << t.bottleneck << "\n";
    out << (md ? "- " : "  ") << "why: " << t.bottleneck_reason << "\n";
  } else {
    out << (t.bottleneck_reason.empty() ? "— (no traffic)" : "— (" + t.bottleneck_reason + ")")
        << "\n";
  }
  out << (md ? "- " : "  ") << "state: " << (t.saturated ? "SATURATED at this load" : "stable") << "\n";
  if (e.complete()) return;
  out << "\n";
  problems();
}

}  // namespace

int cmd_evaluate(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"version", "load", "format", "catalog"}, {"all"});
  const std::string file = file_of(a);
  const Format f = format_of(a);
  const double load = number_option(a, "load", 1.0, 0.0, 1e9);
  if (load > 0 && load < 1e-9) throw UsageError("--load below 1e-9 is a typo for 0");
  check_all_or_version(a);
  const Catalog catalog = catalog_of(a);
  const Project p = load_unfinished_project(file, catalog);
  const std::vector<const Version*> versions = versions_of(p, a, file);
  EvaluateOptions opt;
  opt.load = load;
  nlohmann::json all = nlohmann::json::array();
  bool complete = true;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const Version& v = *versions[i];
    const std::string prefix = "/versions/" + std::to_string(versions[i] - p.versions.data());
    const PartialEvaluation e = evaluate_partial(v, catalog, opt, prefix);
    complete = complete && e.complete();
    if (f == Format::Json) {
      all.push_back(partial_to_json(e, p.name, v.name, v.workload.size()));
      continue;
    }
    if (i) out << "\n";  // a blank line between versions, as sweep and availability do
    print_report(e, v.workload.size(), p.name, f, out);
  }
  if (f == Format::Json) out << (a.has("all") ? all : all.front()).dump(2) << "\n";
  return complete ? 0 : kExitUnfinished;
}

namespace {

void print_sweep(const Sweep& s, const Project& p, const Version& v, Format f, std::ostream& out) {
  const bool md = f == Format::Markdown;
  out << (md ? "## " : "") << p.name << " — " << v.name << ": load sweep\n\n";
  if (!s.max_throughput_multiplier) {
    out << "No traffic: nothing saturates.\n";
  } else {
    out << "Saturates at ×" << format_multiplier(*s.max_throughput_multiplier)
        << " the stated load; bottleneck: " << s.bottleneck << "\n\n";
  }
  Table t{{"load", "rate/s"}, {true, true}, {}};
  for (std::size_t k = 0; k < s.classes.size(); ++k) {
    for (const char* q : {"p50", "p95", "p99"}) {
      t.headers.push_back(s.classes[k] + " " + q + " ms");
      t.right.push_back(true);
    }
    if (s.async[k]) {
      t.headers.push_back(s.classes[k] + " done p95 ms");
      t.right.push_back(true);
    }
  }
  t.headers.push_back(s.bottleneck.empty() ? "bottleneck util" : s.bottleneck + " util");
  t.headers.push_back("cost/month");
  t.right.insert(t.right.end(), {true, true});
  for (const auto& pt : s.points) {
    std::vector<std::string> row{"×" + format_multiplier(pt.load), format_significant(pt.rate_per_s, 3)};
    for (std::size_t k = 0; k < pt.latency.size(); ++k) {
      for (double Latency::*field : {&Latency::p50, &Latency::p95, &Latency::p99})
        row.push_back(ms_cell(pt.latency[k], field));
      if (s.async[k]) row.push_back(ms_cell(pt.completion[k], &Latency::p95));
    }
    row.push_back(format_percent(pt.bottleneck_utilization));
    row.push_back(format_usd(pt.cost_per_month));
    t.rows.push_back(std::move(row));
  }
  out << (md ? t.markdown() : t.text());
}

}  // namespace

int cmd_sweep(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"version", "versions", "points", "format", "catalog"}, {});
  const std::string file = file_of(a);
  const Format f = format_of(a);
  const double points = number_option(a, "points", 10, 1, 10000);
  if (std::floor(points) != points) throw UsageError("--points needs a whole number");
  if (a.value("version") && a.value("versions")) throw UsageError("--version and --versions exclude each other");
  const Catalog catalog = catalog_of(a);
  const Project p = load_project(file, catalog);
  std::vector<const Version*> versions;
  if (auto list = a.value("versions")) {
    std::stringstream ss(*list);
    std::string name;
    while (std::getline(ss, name, ',')) {
      if (name.empty()) continue;
      const Version* v = p.version(name);
      if (!v) throw InputError(file, "", "no version named \"" + name + "\"");
      versions.push_back(v);
    }
    if (versions.empty()) throw UsageError("--versions needs at least one name");
  } else {
    versions.push_back(&version_of(p, a, file));
  }
  nlohmann::json all = nlohmann::json::array();
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const Sweep s = sweep(QueueingModel(*versions[i], catalog), static_cast<int>(points));
    if (f == Format::Json) {
      all.push_back(sweep_to_json(s, p.name));
      continue;
    }
    if (i) out << "\n";
    print_sweep(s, p, *versions[i], f, out);
  }
  if (f == Format::Json) out << (a.value("versions") ? all : all.front()).dump(2) << "\n";
  return 0;
}

namespace {

std::string count_of(std::size_t n, const std::string& one, const std::string& many = "") {
  return std::to_string(n) + " " + (n == 1 ? one : many.empty() ? one + "s" : many);
}

// The index of the version a JSON pointer lies in ("/versions/2/links/0/to" → 2), if any.
std::optional<std::size_t> version_index(const std::string& place) {
  const std::string prefix = "/versions/";
  if (place.rfind(prefix, 0) != 0) return std::nullopt;
  std::size_t index = 0;
  const char* begin = place.data() + prefix.size();
  const char* end = place.data() + place.size();
  const auto [next, ec] = std::from_chars(begin, end, index);
  if (ec != std::errc() || next == begin || (next != end && *next != '/')) return std::nullopt;
  return index;
}

// For a file of several versions that does not validate: each version OK or its problems
// (stderr has them all, in the file's order). A file whose versions cannot be read, or of one
// version, has nothing to add to that list.
void print_problems_by_version(const std::string& file, const InputError& e, std::ostream& out) {
  // The engine's error is what counts: reading the file again must not replace it.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return;
  nlohmann::json j;
  try {
    std::ifstream in(file, std::ios::binary);
    j = nlohmann::json::parse(in, nullptr, false);
  } catch (const std::exception&) {
    return;
  }
  if (!j.is_object() || !j.contains("versions") || !j["versions"].is_array()) return;
  const nlohmann::json& versions = j["versions"];
  if (versions.size() < 2) return;
  std::vector<std::vector<const Diagnostic*>> per_version(versions.size());
  std::vector<const Diagnostic*> whole_file;
  for (const auto& d : e.problems()) {
    const auto i = version_index(d.place);
    if (i && *i < versions.size())
      per_version[*i].push_back(&d);
    else
      whole_file.push_back(&d);
  }
  out << file << ": invalid — " << count_of(e.problems().size(), "problem") << "\n";
  auto list = [&](const std::vector<const Diagnostic*>& problems) {
    for (const Diagnostic* d : problems)
      out << "    " << (d->place.empty() ? "" : d->place + ": ") << d->message << "\n";
  };
  if (!whole_file.empty()) {
    out << "  the file: " << count_of(whole_file.size(), "problem") << "\n";
    list(whole_file);
  }
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const nlohmann::json& v = versions[i];
    const std::string name = v.is_object() && v.contains("name") && v["name"].is_string()
                                 ? v["name"].get<std::string>()
                                 : "version " + std::to_string(i + 1);
    out << "  " << name << ": "
        << (per_version[i].empty() ? "OK" : count_of(per_version[i].size(), "problem")) << "\n";
    list(per_version[i]);
  }
}

}  // namespace

int cmd_validate(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"catalog"}, {});
  const std::string file = file_of(a);
  const Catalog catalog = catalog_of(a);
  Project p;
  try {
    p = load_project(file, catalog);
  } catch (const InputError& e) {
    print_problems_by_version(file, e, out);
    throw;
  }
  std::size_t components = 0, links = 0, classes = 0;
  for (const auto& v : p.versions) {
    components += v.components.size();
    links += v.links.size();
    classes += v.workload.size();
  }
  out << file << ": valid — \"" << p.name << "\", " << p.versions.size() << " version(s), "
      << components << " components, " << links << " links, " << classes << " request classes\n";
  for (std::size_t i = 0; i < p.versions.size(); ++i) {
    const Version& v = p.versions[i];
    out << "  " << v.name << ": OK — " << count_of(v.components.size(), "component") << ", "
        << count_of(v.links.size(), "link") << ", "
        << count_of(v.workload.size(), "request class", "request classes") << "\n";
    // Valid, but worth a look (docs/PATTERNS.md): named by file and place like an error.
    for (const auto& w : design_warnings(v, catalog, "/versions/" + std::to_string(i)))
      out << "    warning: " << file << ": " << w.place << ": " << w.message << "\n";
  }
  return 0;
}

int cmd_catalog(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"kind", "format", "catalog"}, {});
  if (!a.positional.empty()) throw UsageError("unexpected argument '" + a.positional[0] + "'");
  const Format f = format_of(a);
  const Catalog catalog = catalog_of(a);
  std::vector<const KindDecl*> kinds;
  for (const auto& [name, k] : catalog.kinds()) {
    if (!a.value("kind") || *a.value("kind") == name) kinds.push_back(&k);
  }
  if (kinds.empty()) {
    const std::string dir = a.value("catalog").value_or(Catalog::default_dir().string());
    throw InputError(dir, "", "no kind named \"" + *a.value("kind") + "\"");
  }
  if (f == Format::Json) {
    nlohmann::json j = nlohmann::json::array();
    for (const KindDecl* k : kinds) {
      nlohmann::json params = nlohmann::json::array();
      for (const auto& p : k->params) {
        params.push_back({{"name", p.name}, {"label", p.label}, {"unit", p.unit},
                          {"type", to_string(p.type)}, {"default", p.default_value},
                          {"min", p.min}, {"max", p.max}, {"tooltip", p.tooltip}});
      }
      j.push_back({{"kind", k->kind}, {"label", k->label}, {"behaviour", to_string(k->behaviour)},
                   {"description", k->description}, {"source", k->source}, {"params", params}});
    }
    out << j.dump(2) << "\n";
    return 0;
  }
  const bool md = f == Format::Markdown;
  for (const KindDecl* k : kinds) {
    out << (md ? "### " : "") << k->kind << " — " << k->label << " (" << to_string(k->behaviour)
        << ")\n" << (md ? "\n" : "") << k->description << "\n\n";
    Table t{{"parameter", "type", "unit", "default", "range", "meaning"},
            {false, false, false, true, false, false},
            {}};
    for (const auto& p : k->params) {
      const std::string range =
          p.type == ParamType::Bool ? "true/false" : plain_number(p.min) + " – " + plain_number(p.max);
      const std::string def = p.type == ParamType::Bool ? (p.default_value != 0 ? "true" : "false")
                                                        : plain_number(p.default_value);
      t.rows.push_back({p.name, to_string(p.type), p.unit, def, range, p.tooltip});
    }
    if (!t.rows.empty()) out << (md ? t.markdown() : t.text());
    out << "\n";
  }
  return 0;
}

}  // namespace archbench::cli
