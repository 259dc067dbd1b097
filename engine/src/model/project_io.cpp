#include "archbench/project_io.h"
#include "archbench/text_file.h"

#include <cmath>
#include <fstream>
#include <set>

#include "archbench/catalog.h"
#include "archbench/validate.h"
#include "model/validate_routes.h"
#include "model/format_patterns.h"
#include "model/format_simulation.h"
#include "model/format_scaling.h"
#include "model/format_regions.h"
#include "model/json_util.h"
#include "model/plain_text.h"
#include "model/project_read.h"
#include "model/project_write.h"
#include "practice/attempt_json.h"

namespace archbench {

using detail::json;
using detail::pointer_join;
using detail::Problems;
using detail::components_json;
using detail::experiment_json;
using detail::faults_json;
using detail::links_json;
using detail::number_json;
using detail::array_field;
using detail::Reader;

int required_format_version(const Project& project) {
  for (const auto& v : project.versions)
    if (detail::uses_simulation_fields(v) || detail::uses_format5(v) ||
        detail::uses_scaling_fields(v) || detail::uses_format5_regions(v))
      return detail::kFormat5Version;
  for (const auto& v : project.versions)
    if (detail::uses_format4(v)) return detail::kPatternsFormatVersion;
  if (project.practice) return 3;
  for (const auto& v : project.versions) {
    if (!v.faults.empty() || !v.experiments.empty()) return 2;
    for (const auto& r : v.workload)
      if (r.slo_percent) return 2;
    for (const auto& c : v.components)
      if (!c.zones.empty()) return 2;
    for (const auto& l : v.links)
      if (!l.policy.is_default()) return 2;
  }
  return kOldestProjectFormatVersion;
}

std::string dump_fragment(const std::vector<Component>& components, const std::vector<Link>& links) {
  json j = json::object();
  j["components"] = components_json(components);
  j["links"] = links_json(links);
  return j.dump(2) + "\n";
}

void parse_fragment(const std::string& text, std::vector<Component>& components,
                    std::vector<Link>& links) {
  const std::string file = "clipboard";
  json j = detail::parse_json_text(text, file);
  Problems p;
  if (!j.is_object()) throw InputError(file, "", "expected an object with components and links");
  detail::reject_unknown_keys(j, {"components", "links"}, "", p, "a fragment");
  Reader reader{p, {}, {}, {}};  // a fragment has no format_version: it carries zones and policies as is
  if (const json* a = array_field(j, "components", "", p)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      components.push_back(reader.component((*a)[i], pointer_join("/components", i)));
  }
  if (j.contains("links")) {
    if (const json* a = array_field(j, "links", "", p)) {
      for (std::size_t i = 0; i < a->size(); ++i)
        links.push_back(reader.link((*a)[i], pointer_join("/links", i)));
    }
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));
}

namespace {

// The problems of an unfinished design, as (place, message): where a class goes (a balancer,
// queue or cache not linked yet, no queue for an asynchronous class), a class whose entry is no
// component (it was deleted), and a workload with no class yet.
std::set<std::pair<std::string, std::string>> unfinished_problems(const Version& v,
                                                                  const Catalog& catalog,
                                                                  const std::string& prefix) {
  std::set<std::pair<std::string, std::string>> kept;
  for (auto& r : detail::check_routes(v, catalog, prefix)) kept.insert({r.place, r.message});
  const std::string workload = pointer_join(prefix, "workload");
  for (auto& d : validate_version(v, catalog, prefix)) {
    if (d.place == workload) kept.insert({d.place, d.message});
    for (std::size_t k = 0; k < v.workload.size(); ++k)
      if (d.place == pointer_join(pointer_join(workload, k), "entry") &&
          !v.component(v.workload[k].entry))
        kept.insert({d.place, d.message});
  }
  return kept;
}

// Unfinished: a problem of a version's workload (where a class goes, its entry, no class at all)
// is left for evaluate_partial to report; parse_unfinished_project keeps such versions.
Project parse(const std::string& text, const std::string& file, const Catalog& catalog,
              bool unfinished) {
  json j = detail::parse_json_text(text, file);
  Problems p;
  Project project;
  if (!j.is_object()) {
    throw InputError(file, "", std::string("expected a JSON object at the top, found ") +
                                   detail::json_type_name(j));
  }
  std::string format;
  if (detail::get_string(j, "format", "", p, format, true) && format != kProjectFormat) {
    p.add("/format", "this is not an ArchBench project (format is \"" + format +
                         "\", expected \"" + kProjectFormat + "\")");
  }
  double fv = 0;
  if (detail::get_number(j, "format_version", "", p, fv, true)) {
    if (fv > kProjectFormatVersion) {
      throw InputError(file, "/format_version",
                       "the file was written by a newer ArchBench (format_version " +
                           detail::number_text(fv) + "); this build reads format_version " +
                           std::to_string(kProjectFormatVersion) +
                           " and older: upgrade ArchBench to open it");
    }
    if (fv < kOldestProjectFormatVersion || std::floor(fv) != fv) {
      p.add("/format_version", "unsupported format_version " + detail::number_text(fv) +
                                   " (expected 1, 2, 3, 4 or 5)");
    }
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));
  detail::reject_unknown_keys(
      j, {"format", "format_version", "name", "description", "versions", "practice"}, "", p,
      "the project");
  detail::get_string(j, "name", "", p, project.name, true);
  detail::get_string(j, "description", "", p, project.description, false);
  // The project's name and description are printed back: plain text only (as ids and names).
  if (auto problem = detail::text_problem(project.name))
    p.add("/name", "the project name \"" + detail::printable_text(project.name) + "\" " + *problem);
  if (auto problem = detail::text_problem(project.description, true))
    p.add("/description", "the description " + *problem);
  Reader reader{p, {}, {}, {}};
  if (const json* a = array_field(j, "versions", "", p)) {
    if (a->empty()) p.add("/versions", "a project needs at least one version");
    for (std::size_t i = 0; i < a->size(); ++i)
      project.versions.push_back(reader.version((*a)[i], pointer_join("/versions", i)));
  }
  if (fv < 2) {
    for (const auto& [place, key] : reader.v2_fields)
      p.add(place, "\"" + key + "\" needs format_version 2; this file says format_version " +
                       detail::number_text(fv));
  }
  if (fv < detail::kPatternsFormatVersion) {
    for (const auto& [place, key] : reader.v4_fields)
      p.add(place, "\"" + key + "\" needs format_version 4; this file says format_version " +
                       detail::number_text(fv));
  }
  detail::check_format5(project, fv, p);
  if (fv < detail::kFormat5Version) {
    for (const auto& [place, key] : reader.v5_fields)
      p.add(place, "\"" + key + "\" needs format_version 5; this file says format_version " +
                       detail::number_text(fv));
  }
  if (auto it = j.find("practice"); it != j.end()) {
    if (fv < 3)
      p.add("/practice", "\"practice\" needs format_version 3; this file says format_version " +
                             detail::number_text(fv));
    project.practice = detail::read_practice(*it, "/practice", p);
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));

  for (std::size_t i = 0; i < project.versions.size(); ++i) {
    const auto& v = project.versions[i];
    for (std::size_t k = 0; k < i; ++k) {
      if (project.versions[k].name == v.name)
        p.add(pointer_join(pointer_join("/versions", i), "name"),
              "duplicate version name \"" + v.name + "\"");
    }
    const std::string prefix = pointer_join("/versions", i);
    const auto kept = unfinished ? unfinished_problems(v, catalog, prefix)
                                 : std::set<std::pair<std::string, std::string>>{};
    for (auto& d : validate_version(v, catalog, prefix))
      if (!kept.count({d.place, d.message})) p.list.push_back(d);
    for (auto& d : validate_scenarios(v, catalog, pointer_join("/versions", i))) p.list.push_back(d);
    for (auto& d : detail::validate_simulations(v, catalog, prefix)) p.list.push_back(d);
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));
  return project;
}

}  // namespace

Project parse_project(const std::string& text, const std::string& file, const Catalog& catalog) {
  return parse(text, file, catalog, false);
}

Project parse_unfinished_project(const std::string& text, const std::string& file,
                                 const Catalog& catalog) {
  return parse(text, file, catalog, true);
}

Project load_project(const std::filesystem::path& path, const Catalog& catalog) {
  return parse_project(detail::read_text_file(path), path.string(), catalog);
}

Project load_unfinished_project(const std::filesystem::path& path, const Catalog& catalog) {
  return parse_unfinished_project(detail::read_text_file(path), path.string(), catalog);
}

json project_to_json(const Project& project) {
  json root = json::object();
  root["format"] = kProjectFormat;
  root["format_version"] = required_format_version(project);
  root["name"] = project.name;
  if (!project.description.empty()) root["description"] = project.description;
  json versions = json::array();
  for (const auto& v : project.versions) {
    json jv = json::object();
    jv["name"] = v.name;
    if (!v.notes.empty()) jv["notes"] = v.notes;
    json wl = json::array();
    for (const auto& r : v.workload) {
      json jr = json::object();
      jr["name"] = r.name;
      jr["entry"] = r.entry;
      jr["op"] = to_string(r.op);
      if (r.per_second) jr["per_second"] = number_json(*r.per_second);
      if (r.per_day) jr["per_day"] = number_json(*r.per_day);
      if (r.peak_factor) jr["peak_factor"] = number_json(*r.peak_factor);
      if (r.payload_kb != 0) jr["payload_kb"] = number_json(r.payload_kb);
      if (!r.sync) jr["sync"] = false;
      if (r.slo_percent) jr["slo_percent"] = number_json(*r.slo_percent);
      if (r.idempotent) jr["idempotent"] = true;
      if (r.cross_shard != 0) jr["cross_shard"] = number_json(r.cross_shard);
      detail::write_class_consistency(r, jr);
      wl.push_back(std::move(jr));
    }
    jv["workload"] = std::move(wl);
    jv["components"] = components_json(v.components);
    jv["links"] = links_json(v.links);
    if (!v.faults.empty()) jv["faults"] = faults_json(v.faults);
    if (!v.simulations.empty()) jv["simulations"] = detail::simulations_json(v.simulations);
    detail::write_version_regions(v, jv);
    if (!v.experiments.empty()) {
      json experiments = json::array();
      for (const auto& e : v.experiments) experiments.push_back(experiment_json(e));
      jv["experiments"] = std::move(experiments);
    }
    if (v.mesh) jv["mesh"] = detail::mesh_json(*v.mesh);
    versions.push_back(std::move(jv));
  }
  root["versions"] = std::move(versions);
  if (project.practice) root["practice"] = detail::practice_json(*project.practice);
  return root;
}

std::string dump_project(const Project& project) { return project_to_json(project).dump(2) + "\n"; }

void save_project(const Project& project, const std::filesystem::path& path) {
  write_text_file(path, dump_project(project));
}

}  // namespace archbench
