#include "model/format_scaling.h"

#include "archbench/scaling.h"
#include "model/project_write.h"

namespace archbench::detail {

using json = nlohmann::json;

namespace {

// Reads the numeric fields declared in `fields` into `out` through set_field_value; a missing
// field keeps its default. Ranges are checked by validation (validate_scaling.cpp).
template <typename T>
T read_fields(const json& j, const std::string& at, Problems& p,
              const std::vector<ParamDecl>& fields, const char* what) {
  T out;
  if (!j.is_object()) {
    p.add(at, std::string("expected an object (") + what + "), found " + json_type_name(j));
    return out;
  }
  std::vector<const char*> keys;
  for (const auto& f : fields) keys.push_back(f.name.c_str());
  reject_unknown_keys(j, keys, at, p, what);
  for (const auto& f : fields) {
    if (f.type == ParamType::Integer) {
      int n = 0;  // a whole number: get_int names a fraction where it stands
      if (get_int(j, f.name.c_str(), at, p, n)) set_field_value(out, f.name, n);
      continue;
    }
    double v = 0;
    if (get_number(j, f.name.c_str(), at, p, v, false)) set_field_value(out, f.name, v);
  }
  return out;
}

template <typename T>
json write_fields(const T& value, const std::vector<ParamDecl>& fields) {
  json o = json::object();
  for (const auto& f : fields) o[f.name] = number_json(field_value(value, f.name));
  return o;
}

}  // namespace

Autoscale read_autoscale(const json& j, const std::string& at, Problems& p) {
  return read_fields<Autoscale>(j, at, p, autoscale_fields(), "an autoscale");
}

Mesh read_mesh(const json& j, const std::string& at, Problems& p) {
  return read_fields<Mesh>(j, at, p, mesh_fields(), "a mesh");
}

json autoscale_json(const Autoscale& a) { return write_fields(a, autoscale_fields()); }

json mesh_json(const Mesh& m) { return write_fields(m, mesh_fields()); }

void read_scaling(const json& j, const std::string& at, Problems& p,
                  std::vector<std::pair<std::string, std::string>>& noted,
                  std::optional<Autoscale>& autoscale, std::optional<Mesh>& mesh) {
  if (auto it = j.find("autoscale"); it != j.end()) {
    noted.emplace_back(pointer_join(at, "autoscale"), "autoscale");
    autoscale = read_autoscale(*it, pointer_join(at, "autoscale"), p);
  }
  if (auto it = j.find("mesh"); it != j.end()) {
    noted.emplace_back(pointer_join(at, "mesh"), "mesh");
    mesh = read_mesh(*it, pointer_join(at, "mesh"), p);
  }
}

bool uses_scaling_fields(const Version& v) {
  if (v.mesh) return true;
  for (const auto& c : v.components)
    if (c.autoscale || c.mesh) return true;
  return false;
}

}  // namespace archbench::detail
