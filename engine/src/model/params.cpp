#include "model/params.h"

namespace archbench::detail {

double param_number(const Component& c, const KindDecl& k, const std::string& name,
                    const std::string& cls, double fallback) {
  const ParamDecl* d = k.param(name);
  double value = d ? d->default_value : fallback;
  auto it = c.params.find(name);
  if (it == c.params.end()) return value;
  const ParamValue& v = it->second;
  if (v.type == ParamValue::Type::Number) return v.number;
  if (v.type == ParamValue::Type::PerClassMap) {
    if (auto m = v.map.find(cls); m != v.map.end()) return m->second;
    if (auto m = v.map.find("*"); m != v.map.end()) return m->second;
  }
  return value;
}

bool param_bool(const Component& c, const KindDecl& k, const std::string& name, bool fallback) {
  const ParamDecl* d = k.param(name);
  bool value = d ? d->default_value != 0 : fallback;
  auto it = c.params.find(name);
  if (it != c.params.end() && it->second.type == ParamValue::Type::Bool) return it->second.flag;
  return value;
}

std::string param_choice(const Component& c, const KindDecl& k, const std::string& name,
                         const std::string& fallback) {
  const ChoiceDecl* d = k.choice(name);
  if (!d) return fallback;
  auto it = c.params.find(name);
  if (it != c.params.end() && it->second.type == ParamValue::Type::Text) return it->second.text;
  return d->default_value;
}

double hit_ratio(const Component& c, const KindDecl& k, const RequestClass& r) {
  if (r.op == Op::Write) {
    auto it = c.params.find("hit_ratio");
    if (it != c.params.end() && it->second.type == ParamValue::Type::PerClassMap) {
      if (auto m = it->second.map.find(r.name); m != it->second.map.end()) return m->second;
    }
    return 0.0;
  }
  return param_number(c, k, "hit_ratio", r.name, 0.0);
}

std::vector<double> param_per_class(const Component& c, const KindDecl& k, const std::string& name,
                                    const std::vector<RequestClass>& classes, double fallback) {
  auto it = c.params.find(name);
  if (it == c.params.end() || it->second.type != ParamValue::Type::PerClassMap) {
    return std::vector<double>(classes.size(), param_number(c, k, name, "", fallback));
  }
  std::vector<double> out;
  out.reserve(classes.size());
  for (const auto& r : classes) out.push_back(param_number(c, k, name, r.name, fallback));
  return out;
}

std::vector<double> hit_ratios(const Component& c, const KindDecl& k,
                               const std::vector<RequestClass>& classes) {
  std::vector<double> out = param_per_class(c, k, "hit_ratio", classes, 0.0);
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (classes[i].op == Op::Write) out[i] = hit_ratio(c, k, classes[i]);
  }
  return out;
}

}  // namespace archbench::detail
