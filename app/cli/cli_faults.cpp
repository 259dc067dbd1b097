// archbench-cli what-if, impact and chaos: failure scenarios against the steady state, the impact
// of each single crash, and saved chaos experiments. Every figure comes from faults.h.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "archbench/error.h"
#include "archbench/fault_json.h"
#include "archbench/fault_text.h"
#include "archbench/faults.h"
#include "archbench/format.h"
#include "archbench/project_io.h"
#include "cli_common.h"
#include "cli_fault_options.h"
#include "cli_fault_report.h"
#include "cli_table.h"

namespace archbench::cli {

const char* const kWhatIfHelp =
    "usage: archbench-cli what-if FILE [--version NAME | --all] [FAULT...] [--duration D]\n"
    "                             [--format table|json|markdown] [--catalog DIR]\n"
    "\n"
    "Evaluates a failure scenario with the links' resilience policies (timeouts, retries,\n"
    "circuit breakers, bulkheads) and reports it against the steady state: per class the\n"
    "success, degraded and failed shares and the latency of answered requests; per component\n"
    "the offered load (retries included), utilization and state; the cascade of saturated\n"
    "components; queue backlogs; partitions (CP and AP outcomes); and whether the fixed point\n"
    "converged. Without FAULT options, the version's saved \"faults\" are evaluated.\n"
    "\n"
    "FAULT options (combinable; each may be repeated):\n"
    "  --down ID, --crash ID  every instance of the component is down\n"
    "  --hang ID              the component accepts requests and never answers\n"
    "  --slow ID=3x           service time x 3; ID=+200ms (or +0.2s): 200 ms more per visit\n"
    "  --lose ID=N            N instances lost (a database: of primary and replicas); ID: 1\n"
    "  --flush ID[=R]         a cache's hit ratio falls to R (default 0: just flushed)\n"
    "  --cut A->B             the link from A to B is cut; A-B is accepted when exactly one way\n"
    "                         of splitting it names two components joined by a link\n"
    "  --zone NAME            every instance in the zone is down\n"
    "  --region NAME          every component in the region is down (a database: the nodes\n"
    "                         placed there; a strong read fails without its primary)\n"
    "  --spike X              every class's rate x X (3 or 3x)\n"
    "  --partition ID[=F]     a database partition; F (between 0 and 1) of the requests arrive\n"
    "                         on the cut-off side (default 0.5)\n"
    "  --duration D           how long every fault of the command lasts (saved ones too):\n"
    "                         90s, 10m, 2h or seconds; default 600 s. Sizes queue backlogs\n"
    "                         and divergence windows\n"
    "\n"
    "  --version NAME  the version (default: the last one)\n"
    "  --all           every version, in order; without FAULT options, versions with no saved\n"
    "                  faults are skipped (exit 2 when none has any)\n"
    "  --format F      table (default), json or markdown\n"
    "  --catalog DIR   component catalog folder (default: the installed one)\n"
    "\n"
    "Exit codes: 0 success; 1 invalid input (a fault naming no component, link, zone or region,\n"
    "with "
    "the option or JSON pointer that gave it); 2 bad usage (a malformed fault value, or no\n"
    "faults to evaluate).\n";

const char* const kImpactHelp =
    "usage: archbench-cli impact FILE [--version NAME | --all] [--format table|json|markdown]\n"
    "                            [--catalog DIR]\n"
    "\n"
    "Crashes every component that carries traffic, one at a time, and prints the impact\n"
    "matrix: one row per component, most critical first (criticality: the rate-weighted share\n"
    "of requests no longer answered), one column per class with the success share (the\n"
    "answered share in parentheses when fallbacks answer some requests) and the p95 latency of\n"
    "answered requests. The first row is the steady state.\n";

const char* const kChaosHelp =
    "usage: archbench-cli chaos FILE [--version NAME | --all] [--experiment NAME]\n"
    "                           [--format table|json|markdown] [--catalog DIR]\n"
    "\n"
    "Runs the version's saved chaos experiments (or the one named): for each, the hypothesis,\n"
    "every steady-state condition with the observed figure and whether it holds, the classes\n"
    "the faults affect and those outside the stated blast radius, and PASS or FAIL. With --all,\n"
    "versions without experiments (or without the named one) are skipped.\n"
    "\n"
    "Exit codes: 0 every experiment run passed; 3 at least one failed; 1 invalid input;\n"
    "2 bad usage (no experiments, or no experiment of that name: the names are listed).\n";

namespace {

}  // namespace

bool is_fault_flag(const std::string& name) {
  return std::find(std::begin(kFaultFlags), std::end(kFaultFlags), name) != std::end(kFaultFlags);
}

namespace {

// The option's value, read as the engine reads fault text (archbench/fault_text.h).
FaultSpec parse_fault(const std::string& flag, const std::string& value) {
  FaultSpec spec;
  spec.text = "--" + flag + " " + value;
  const ParsedFault parsed = parse_fault_value(*fault_type_from(flag), value);
  if (!parsed.fault) throw UsageError("--" + flag + " needs " + parsed.expected + " (got '" + value + "')");
  spec.fault = *parsed.fault;
  spec.cut = parsed.cut;
  return spec;
}

}  // namespace

// Takes the fault options (repeatable, kept in order) out of argv; the rest is for parse_args.
std::vector<FaultSpec> take_fault_options(std::vector<std::string>& argv) {
  std::vector<FaultSpec> specs;
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& s = argv[i];
    std::string name = s.rfind("--", 0) == 0 ? s.substr(2) : "";
    std::optional<std::string> value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (std::find(std::begin(kFaultFlags), std::end(kFaultFlags), name) == std::end(kFaultFlags)) {
      rest.push_back(s);
      continue;
    }
    if (!value) {
      if (i + 1 >= argv.size() || argv[i + 1].rfind("--", 0) == 0)
        throw UsageError("--" + name +
                         (name == "zone"      ? " needs a zone name"
                          : name == "region" ? " needs a region name"
                          : name == "spike" ? " needs a multiplier"
                                            : " needs a component id"));
      value = argv[++i];
    }
    specs.push_back(parse_fault(name, *value));
  }
  argv = std::move(rest);
  return specs;
}

namespace {

// "A-B" against a version (cut_candidates): exactly one link must fit.
Fault resolve_cut(const FaultSpec& spec, const Version& v, const std::string& file) {
  const auto fits = cut_candidates(v, spec.cut);
  if (fits.empty())
    throw InputError(file, spec.text,
                     "no link of version \"" + v.name + "\" joins two components named by \"" +
                         spec.cut + "\" (write FROM->TO)");
  if (fits.size() > 1) {
    std::string ways;
    for (const auto& [a, b] : fits) ways += (ways.empty() ? "" : " or ") + a + "->" + b;
    throw UsageError("--cut " + spec.cut + " is ambiguous: " + ways + "; write FROM->TO");
  }
  Fault f = spec.fault;
  f.component = fits.front().first;
  f.to = fits.front().second;
  return f;
}

// Index of the fault a diagnostic place under `base` points at ("/3/component" → 3), if any.
std::optional<std::size_t> fault_index(const std::string& place, const std::string& base) {
  if (place.rfind(base + "/", 0) != 0) return std::nullopt;
  std::size_t i = base.size() + 1, n = 0;
  const std::size_t start = i;
  while (i < place.size() && place[i] >= '0' && place[i] <= '9')
    n = n * 10 + static_cast<std::size_t>(place[i++] - '0');
  if (i == start) return std::nullopt;
  return n;
}

std::size_t index_of(const Project& p, const Version* v) {
  return static_cast<std::size_t>(v - p.versions.data());
}

}  // namespace

// The faults of one version: the command's (places are the options that gave them) or the saved
// ones (places are JSON pointers); InputError when validate_faults finds problems.
std::vector<Fault> faults_for(const Project& p, const Version& v, const Catalog& catalog,
                              const std::vector<FaultSpec>& specs, std::optional<double> duration_s,
                              const std::string& file) {
  std::vector<Fault> faults;
  std::string base = "/faults";
  if (!specs.empty()) {
    for (const auto& s : specs) faults.push_back(s.cut.empty() ? s.fault : resolve_cut(s, v, file));
  } else {
    faults = v.faults;
    base = "/versions/" + std::to_string(index_of(p, &v)) + "/faults";
  }
  if (duration_s)
    for (auto& f : faults) f.duration_s = *duration_s;
  std::vector<Diagnostic> problems = validate_faults(v, catalog, faults, base);
  const std::string duration_key = "/duration_s";
  for (auto& d : problems) {
    const bool about_duration = d.place.size() >= duration_key.size() &&
                                d.place.compare(d.place.size() - duration_key.size(),
                                                duration_key.size(), duration_key) == 0;
    if (duration_s && about_duration)
      d.place = "--duration";  // whatever the fault, the value is ours
    else if (const auto i = fault_index(d.place, base); i && *i < specs.size())
      d.place = specs[*i].text;
  }
  std::vector<Diagnostic> unique;  // one bad --duration is one problem, not one per fault
  for (auto& d : problems) {
    if (std::none_of(unique.begin(), unique.end(), [&](const Diagnostic& u) {
          return u.place == d.place && u.message == d.message;
        }))
      unique.push_back(std::move(d));
  }
  if (!unique.empty()) throw InputError(file, unique);
  return faults;
}

namespace {

struct Selection {
  Catalog catalog;
  Project project;
  std::vector<const Version*> versions;
  std::string file;
};

Selection select(const Args& a) {
  check_all_or_version(a);
  Selection s{catalog_of(a), {}, {}, file_of(a)};
  s.project = load_project(s.file, s.catalog);
  s.versions = versions_of(s.project, a, s.file);
  return s;
}

std::string version_names(const std::vector<const Version*>& versions) {
  std::string s;
  for (const Version* v : versions) s += (s.empty() ? "\"" : ", \"") + v->name + "\"";
  return s;
}

}  // namespace

int cmd_what_if(const std::vector<std::string>& argv_in, std::ostream& out) {
  std::vector<std::string> argv = argv_in;
  const std::vector<FaultSpec> specs = take_fault_options(argv);
  const Args a = parse_args(argv, {"version", "format", "catalog", "duration"}, {"all"});
  const std::string file = file_of(a);
  const Format f = format_of(a);
  std::optional<double> duration;
  if (const auto d = a.value("duration")) {
    duration = parse_duration(*d);
    if (!duration)
      throw UsageError("--duration needs a time above 0 such as 90s, 10m or 2h (got '" + *d + "')");
  }
  Selection sel = select(a);
  std::vector<const Version*> run;
  for (const Version* v : sel.versions) {
    if (specs.empty() && v->faults.empty()) {
      if (a.has("all"))
        std::cerr << "archbench-cli what-if: version \"" << v->name
                  << "\" has no saved faults; skipped\n";
      continue;
    }
    run.push_back(v);
  }
  if (run.empty())
    throw UsageError("no faults to evaluate: version " + version_names(sel.versions) +
                     " saves none; name some, e.g. --crash ID, --slow ID=3x or --cut A->B");
  nlohmann::json all = nlohmann::json::array();
  for (std::size_t i = 0; i < run.size(); ++i) {
    const Version& v = *run[i];
    const WhatIfReport r =
        what_if(v, sel.catalog, faults_for(sel.project, v, sel.catalog, specs, duration, file));
    if (f == Format::Json) {
      all.push_back(what_if_to_json(r, sel.project.name));
      continue;
    }
    if (i) out << "\n";
    print_what_if(r, sel.project.name, f, out);
  }
  if (f == Format::Json) out << (a.has("all") ? all : all.front()).dump(2) << "\n";
  return 0;
}


int cmd_impact(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"version", "format", "catalog"}, {"all"});
  file_of(a);
  const Format f = format_of(a);
  const Selection sel = select(a);
  nlohmann::json all = nlohmann::json::array();
  for (std::size_t i = 0; i < sel.versions.size(); ++i) {
    const ImpactMatrix m = impact_matrix(*sel.versions[i], sel.catalog);
    if (f == Format::Json) {
      all.push_back(impact_to_json(m, sel.project.name));
      continue;
    }
    if (i) out << "\n";
    print_impact(m, sel.project.name, f, out);
  }
  if (f == Format::Json) out << (a.has("all") ? all : all.front()).dump(2) << "\n";
  return 0;
}


int cmd_chaos(const std::vector<std::string>& argv, std::ostream& out) {
  const Args a = parse_args(argv, {"version", "format", "catalog", "experiment"}, {"all"});
  const std::string file = file_of(a);
  const Format f = format_of(a);
  const Selection sel = select(a);
  const auto wanted = a.value("experiment");
  // Which experiments of which versions run; checked before any runs.
  std::vector<std::pair<const Version*, std::vector<const Experiment*>>> plan;
  std::vector<std::string> names;
  for (const Version* v : sel.versions) {
    std::vector<const Experiment*> chosen;
    for (const auto& x : v->experiments) {
      if (std::find(names.begin(), names.end(), x.name) == names.end()) names.push_back(x.name);
      if (!wanted || x.name == *wanted) chosen.push_back(&x);
    }
    if (!chosen.empty()) plan.emplace_back(v, std::move(chosen));
  }
  if (plan.empty()) {
    if (names.empty())
      throw UsageError("version " + version_names(sel.versions) +
                       " saves no experiments (\"experiments\" in the file)");
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "\"" : ", \"") + n + "\"";
    throw UsageError("no experiment named \"" + *wanted + "\" (experiments: " + list + ")");
  }
  std::size_t failed = 0, total = 0;
  nlohmann::json all = nlohmann::json::array();
  for (const auto& [v, experiments] : plan) {
    const std::string base =
        "/versions/" + std::to_string(index_of(sel.project, v)) + "/experiments/";
    nlohmann::json list = nlohmann::json::array();
    bool version_passed = true;
    for (const Experiment* x : experiments) {
      const auto at = static_cast<std::size_t>(x - v->experiments.data());
      if (auto problems =
              validate_faults(*v, sel.catalog, x->faults, base + std::to_string(at) + "/faults");
          !problems.empty())
        throw InputError(file, problems);
      const ExperimentResult e = run_experiment(*v, sel.catalog, *x);
      ++total;
      if (!e.passed) ++failed;
      version_passed = version_passed && e.passed;
      if (f == Format::Json) {
        list.push_back(experiment_to_json(e, sel.project.name));
        continue;
      }
      if (total > 1) out << "\n";
      print_experiment(e, *x, sel.project.name, f, out);
    }
    if (f == Format::Json)
      all.push_back({{"project", sel.project.name},
                     {"version", v->name},
                     {"passed", version_passed},
                     {"experiments", list}});
  }
  if (f == Format::Json) {
    out << (a.has("all") ? all : all.front()).dump(2) << "\n";
  } else {
    out << "\n"
        << total << (total == 1 ? " experiment: " : " experiments: ") << total - failed
        << " passed, " << failed << " failed\n";
  }
  return failed ? 3 : 0;
}

}  // namespace archbench::cli
