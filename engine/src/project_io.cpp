#include "archbench/project_io.h"

#include <cmath>
#include <fstream>
#include <random>

#include "archbench/catalog.h"
#include "archbench/validate.h"
#include "json_util.h"

namespace archbench {

using detail::json;
using detail::pointer_join;
using detail::Problems;

namespace {

bool expect_object(const json& j, const std::string& at, Problems& p) {
  if (j.is_object()) return true;
  p.add(at, std::string("expected an object, found ") + detail::json_type_name(j));
  return false;
}

const json* array_field(const json& obj, const char* key, const std::string& at, Problems& p) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    p.add(at, std::string("missing \"") + key + "\"");
    return nullptr;
  }
  if (!it->is_array()) {
    p.add(pointer_join(at, key), std::string("expected an array, found ") + detail::json_type_name(*it));
    return nullptr;
  }
  return &*it;
}

// A number, or an object mapping class names to numbers.
bool read_per_class_map(const json& j, const std::string& at, Problems& p,
                        std::map<std::string, double>& out) {
  bool ok = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
      p.add(pointer_join(at, it.key()),
            std::string("expected a number, found ") + detail::json_type_name(*it));
      ok = false;
      continue;
    }
    out[it.key()] = it->get<double>();
  }
  return ok;
}

RequestClass parse_class(const json& j, const std::string& at, Problems& p) {
  RequestClass r;
  if (!expect_object(j, at, p)) return r;
  detail::reject_unknown_keys(
      j, {"name", "entry", "op", "per_second", "per_day", "peak_factor", "payload_kb", "sync"}, at,
      p, "a request class");
  detail::get_string(j, "name", at, p, r.name, true);
  detail::get_string(j, "entry", at, p, r.entry, true);
  std::string op = "read";
  if (detail::get_string(j, "op", at, p, op, false)) {
    if (op == "read") r.op = Op::Read;
    else if (op == "write") r.op = Op::Write;
    else p.add(pointer_join(at, "op"), "unknown op \"" + op + "\" (read or write)");
  }
  double v = 0;
  if (detail::get_number(j, "per_second", at, p, v, false)) r.per_second = v;
  if (detail::get_number(j, "per_day", at, p, v, false)) r.per_day = v;
  if (detail::get_number(j, "peak_factor", at, p, v, false)) r.peak_factor = v;
  detail::get_number(j, "payload_kb", at, p, r.payload_kb, false);
  detail::get_bool(j, "sync", at, p, r.sync);
  return r;
}

Component parse_component(const json& j, const std::string& at, Problems& p) {
  Component c;
  if (!expect_object(j, at, p)) return c;
  detail::reject_unknown_keys(j, {"id", "kind", "name", "pos", "params"}, at, p, "a component");
  detail::get_string(j, "id", at, p, c.id, true);
  detail::get_string(j, "kind", at, p, c.kind, true);
  detail::get_string(j, "name", at, p, c.name, false);
  if (auto it = j.find("pos"); it != j.end()) {
    if (it->is_array() && it->size() == 2 && (*it)[0].is_number() && (*it)[1].is_number() &&
        std::isfinite((*it)[0].get<double>()) && std::isfinite((*it)[1].get<double>())) {
      c.pos = std::array<double, 2>{(*it)[0].get<double>(), (*it)[1].get<double>()};
    } else {
      p.add(pointer_join(at, "pos"), "expected [x, y], two numbers");
    }
  }
  if (auto it = j.find("params"); it != j.end()) {
    const std::string pat = pointer_join(at, "params");
    if (!expect_object(*it, pat, p)) return c;
    for (auto pit = it->begin(); pit != it->end(); ++pit) {
      const std::string where = pointer_join(pat, pit.key());
      if (pit->is_boolean()) {
        c.params[pit.key()] = ParamValue::of_bool(pit->get<bool>());
      } else if (pit->is_number()) {
        double v = pit->get<double>();
        if (!std::isfinite(v)) p.add(where, "the number is too large");
        else c.params[pit.key()] = ParamValue::of(v);
      } else if (pit->is_object()) {
        std::map<std::string, double> m;
        if (read_per_class_map(*pit, where, p, m)) c.params[pit.key()] = ParamValue::of_map(std::move(m));
      } else {
        p.add(where, std::string("expected a number, true/false or a map per class, found ") +
                         detail::json_type_name(*pit));
      }
    }
  }
  return c;
}

Link parse_link(const json& j, const std::string& at, Problems& p) {
  Link l;
  if (!expect_object(j, at, p)) return l;
  detail::reject_unknown_keys(j, {"from", "to", "calls", "latency_ms", "weight"}, at, p, "a link");
  detail::get_string(j, "from", at, p, l.from, true);
  detail::get_string(j, "to", at, p, l.to, true);
  detail::get_number(j, "latency_ms", at, p, l.latency_ms, false);
  detail::get_number(j, "weight", at, p, l.weight, false);
  if (auto it = j.find("calls"); it != j.end()) {
    const std::string where = pointer_join(at, "calls");
    if (it->is_number() && std::isfinite(it->get<double>())) {
      l.calls = PerClass{it->get<double>(), {}};
    } else if (it->is_object()) {
      PerClass pc;
      read_per_class_map(*it, where, p, pc.by_class);
      l.calls = pc;
    } else {
      p.add(where, std::string("expected a number or a map per class, found ") +
                       detail::json_type_name(*it));
    }
  }
  return l;
}

Version parse_version(const json& j, const std::string& at, Problems& p) {
  Version v;
  if (!expect_object(j, at, p)) return v;
  detail::reject_unknown_keys(j, {"name", "notes", "workload", "components", "links"}, at, p,
                              "a version");
  detail::get_string(j, "name", at, p, v.name, true);
  detail::get_string(j, "notes", at, p, v.notes, false);
  if (const json* a = array_field(j, "workload", at, p)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      v.workload.push_back(parse_class((*a)[i], pointer_join(pointer_join(at, "workload"), i), p));
  }
  if (const json* a = array_field(j, "components", at, p)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      v.components.push_back(
          parse_component((*a)[i], pointer_join(pointer_join(at, "components"), i), p));
  }
  if (auto it = j.find("links"); it != j.end()) {
    if (const json* a = array_field(j, "links", at, p)) {
      for (std::size_t i = 0; i < a->size(); ++i)
        v.links.push_back(parse_link((*a)[i], pointer_join(pointer_join(at, "links"), i), p));
    }
  }
  return v;
}

// Writes integral values as integers so files stay as people write them.
json number_json(double v) {
  if (std::floor(v) == v && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  return v;
}

json param_to_json(const ParamValue& v) {
  switch (v.type) {
    case ParamValue::Type::Number: return number_json(v.number);
    case ParamValue::Type::Bool: return v.flag;
    case ParamValue::Type::PerClassMap: {
      json o = json::object();
      for (const auto& [k, x] : v.map) o[k] = number_json(x);
      return o;
    }
  }
  return nullptr;
}

json components_json(const std::vector<Component>& components) {
  json comps = json::array();
  for (const auto& c : components) {
    json jc = json::object();
    jc["id"] = c.id;
    jc["kind"] = c.kind;
    if (!c.name.empty()) jc["name"] = c.name;
    if (c.pos) jc["pos"] = json::array({number_json((*c.pos)[0]), number_json((*c.pos)[1])});
    if (!c.params.empty()) {
      json params = json::object();
      for (const auto& [k, val] : c.params) params[k] = param_to_json(val);
      jc["params"] = std::move(params);
    }
    comps.push_back(std::move(jc));
  }
  return comps;
}

json links_json(const std::vector<Link>& links) {
  json out = json::array();
  for (const auto& l : links) {
    json jl = json::object();
    jl["from"] = l.from;
    jl["to"] = l.to;
    if (l.calls.all) {
      if (*l.calls.all != 1.0) jl["calls"] = number_json(*l.calls.all);
    } else {
      json m = json::object();
      for (const auto& [k, x] : l.calls.by_class) m[k] = number_json(x);
      jl["calls"] = std::move(m);
    }
    if (l.latency_ms != 0) jl["latency_ms"] = number_json(l.latency_ms);
    if (l.weight != 1) jl["weight"] = number_json(l.weight);
    out.push_back(std::move(jl));
  }
  return out;
}

}  // namespace

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
  if (const json* a = array_field(j, "components", "", p)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      components.push_back(parse_component((*a)[i], pointer_join("/components", i), p));
  }
  if (j.contains("links")) {
    if (const json* a = array_field(j, "links", "", p)) {
      for (std::size_t i = 0; i < a->size(); ++i)
        links.push_back(parse_link((*a)[i], pointer_join("/links", i), p));
    }
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));
}

Project parse_project(const std::string& text, const std::string& file, const Catalog& catalog) {
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
                           std::to_string(kProjectFormatVersion) + ": upgrade ArchBench to open it");
    }
    if (fv != kProjectFormatVersion) {
      p.add("/format_version", "unsupported format_version " + detail::number_text(fv) +
                                   " (expected " + std::to_string(kProjectFormatVersion) + ")");
    }
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));
  detail::reject_unknown_keys(j, {"format", "format_version", "name", "description", "versions"},
                              "", p, "the project");
  detail::get_string(j, "name", "", p, project.name, true);
  detail::get_string(j, "description", "", p, project.description, false);
  if (const json* a = array_field(j, "versions", "", p)) {
    if (a->empty()) p.add("/versions", "a project needs at least one version");
    for (std::size_t i = 0; i < a->size(); ++i)
      project.versions.push_back(parse_version((*a)[i], pointer_join("/versions", i), p));
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));

  for (std::size_t i = 0; i < project.versions.size(); ++i) {
    const auto& v = project.versions[i];
    for (std::size_t k = 0; k < i; ++k) {
      if (project.versions[k].name == v.name)
        p.add(pointer_join(pointer_join("/versions", i), "name"),
              "duplicate version name \"" + v.name + "\"");
    }
    for (auto& d : validate_version(v, catalog, pointer_join("/versions", i))) p.list.push_back(d);
  }
  if (!p.empty()) throw InputError(file, std::move(p.list));
  return project;
}

Project load_project(const std::filesystem::path& path, const Catalog& catalog) {
  return parse_project(detail::read_text_file(path), path.string(), catalog);
}

json project_to_json(const Project& project) {
  json root = json::object();
  root["format"] = kProjectFormat;
  root["format_version"] = kProjectFormatVersion;
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
      wl.push_back(std::move(jr));
    }
    jv["workload"] = std::move(wl);
    jv["components"] = components_json(v.components);
    jv["links"] = links_json(v.links);
    versions.push_back(std::move(jv));
  }
  root["versions"] = std::move(versions);
  return root;
}

std::string dump_project(const Project& project) { return project_to_json(project).dump(2) + "\n"; }

void save_project(const Project& project, const std::filesystem::path& path) {
  const std::string text = dump_project(project);
  std::random_device rd;
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(rd());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path.string() + ": cannot write (cannot create a temporary file beside it)");
    out << text;
    out.flush();
    if (!out) {
      out.close();
      std::filesystem::remove(tmp);
      throw std::runtime_error(path.string() + ": cannot write (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    throw std::runtime_error(path.string() + ": cannot replace the file: " + ec.message());
  }
}

}  // namespace archbench
