#include "archbench/compare.h"

#include <algorithm>
#include <cmath>

#include "archbench/catalog.h"
#include "archbench/error.h"
#include "archbench/validate.h"

namespace archbench {

namespace {

// Keeps the entries of a per-class map whose class the workload has (and "*").
std::map<std::string, double> keep_known(const std::map<std::string, double>& m,
                                         const std::vector<RequestClass>& workload) {
  std::map<std::string, double> out;
  for (const auto& [k, v] : m) {
    if (k == "*") out[k] = v;
    for (const auto& r : workload) {
      if (r.name == k) out[k] = v;
    }
  }
  return out;
}

}  // namespace

Version with_workload(const Version& target, const Version& source, std::vector<std::string>* notes,
                      const Catalog& catalog) {
  Version v = target;
  v.workload = source.workload;
  std::vector<std::string> clients;
  for (const auto& c : v.components) {
    const KindDecl* k = catalog.find(c.kind);
    if (k && k->behaviour == Behaviour::Client) clients.push_back(c.id);
  }
  if (clients.empty())
    throw InputError("version \"" + target.name + "\"", "", "has no client to receive another version's workload");
  for (auto& r : v.workload) {
    const bool ok = std::find(clients.begin(), clients.end(), r.entry) != clients.end();
    if (!ok) {
      if (notes) notes->push_back("class " + r.name + " enters at " + clients.front() + " (no client " + r.entry + " in " + target.name + ")");
      r.entry = clients.front();
    }
    if (!target.request_class(r.name) && notes)
      notes->push_back("class " + r.name + " is new to " + target.name +
                       ": it takes only links whose calls are the same for every class");
  }
  for (auto& c : v.components) {
    for (auto& [name, value] : c.params) {
      if (value.type == ParamValue::Type::PerClassMap) value.map = keep_known(value.map, v.workload);
    }
  }
  for (auto& l : v.links) {
    if (!l.calls.all) l.calls.by_class = keep_known(l.calls.by_class, v.workload);
  }
  return v;
}

std::optional<double> relative_change(const std::optional<double>& before,
                                      const std::optional<double>& after) {
  if (!before || !after || *before == 0 || !std::isfinite(*before) || !std::isfinite(*after))
    return std::nullopt;
  return (*after - *before) / std::fabs(*before);
}

Comparison compare_versions(const Project& project, const Catalog& catalog,
                            const CompareOptions& options) {
  Comparison out;
  out.project = project.name;
  out.workload_of = options.workload_of;
  auto find = [&](const std::string& name) -> const Version& {
    if (const Version* v = project.version(name)) return *v;
    std::string names;
    for (const auto& v : project.versions) names += (names.empty() ? "" : ", ") + v.name;
    throw InputError(project.name, "", "no version named \"" + name + "\" (versions: " + names + ")");
  };
  std::vector<const Version*> chosen;
  if (options.versions.empty()) {
    for (const auto& v : project.versions) chosen.push_back(&v);
  } else {
    for (const auto& name : options.versions) chosen.push_back(&find(name));
  }
  const Version* source = options.workload_of ? &find(*options.workload_of) : nullptr;

  for (const Version* v : chosen) {
    VersionResult r;
    r.name = v->name;
    r.notes = v->notes;
    r.components = v->components.size();
    const Version evaluated = source ? with_workload(*v, *source, &r.workload_notes, catalog) : *v;
    auto problems = validate_version(evaluated, catalog);
    if (!problems.empty()) {
      throw InputError("version \"" + v->name + "\"" + (source ? " with the workload of " + source->name : ""),
                       std::move(problems));
    }
    const QueueingModel model(evaluated, catalog);
    r.report = model.evaluate();
    if (options.sweep_points > 0) r.sweep = sweep(model, options.sweep_points);
    for (const auto& c : r.report.components) r.cost_by_kind[c.kind] += c.cost_per_month;
    try {
      r.availability = analyse_availability(evaluated, catalog);
    } catch (const std::exception&) {
      r.availability.reset();  // the rows read "—"; the latency and cost rows still stand
    }
    out.versions.push_back(std::move(r));
  }
  for (std::size_t i = 1; i < chosen.size(); ++i)
    out.steps.push_back(diff_versions(*chosen[i - 1], *chosen[i], &catalog));
  return out;
}

}  // namespace archbench
