#include "archbench/catalog.h"

#include <algorithm>
#include <cstdlib>

#include "archbench/data_dir.h"
#include "model/json_util.h"

namespace archbench {

using detail::json;
using detail::pointer_join;
using detail::Problems;

const char* to_string(Behaviour b) {
  switch (b) {
    case Behaviour::Client: return "client";
    case Behaviour::Split: return "split";
    case Behaviour::Service: return "service";
    case Behaviour::Cache: return "cache";
    case Behaviour::Queue: return "queue";
    case Behaviour::Store: return "store";
  }
  return "?";
}

std::optional<Behaviour> behaviour_from_string(const std::string& s) {
  for (auto b : {Behaviour::Client, Behaviour::Split, Behaviour::Service, Behaviour::Cache,
                 Behaviour::Queue, Behaviour::Store}) {
    if (s == to_string(b)) return b;
  }
  return std::nullopt;
}

const char* to_string(ParamType t) {
  switch (t) {
    case ParamType::Integer: return "integer";
    case ParamType::Number: return "number";
    case ParamType::Bool: return "bool";
    case ParamType::PerClass: return "per_class";
  }
  return "?";
}

const ParamDecl* KindDecl::param(const std::string& name) const {
  for (const auto& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const ChoiceDecl* KindDecl::choice(const std::string& name) const {
  for (const auto& c : choices) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const KindDecl* Catalog::find(const std::string& kind) const {
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? nullptr : &it->second;
}

namespace {

// Parameters the solver reads, with the type it expects and the behaviours that need them.
struct KnownParam {
  const char* name;
  ParamType type;
  bool integer_ok;  // a per_class or number parameter may not be declared integer, etc.
};

void check_engine_params(const KindDecl& k, const std::string& at, Problems& p) {
  auto expect = [&](const char* name, std::initializer_list<ParamType> types, bool required) {
    const ParamDecl* d = k.param(name);
    if (!d) {
      if (required) {
        p.add(pointer_join(at, "params"), std::string("behaviour \"") + to_string(k.behaviour) +
                                             "\" needs a parameter \"" + name + "\"");
      }
      return;
    }
    if (std::find(types.begin(), types.end(), d->type) == types.end()) {
      p.add(pointer_join(at, "params"), std::string("parameter \"") + name + "\" must be of type " +
                                           to_string(*types.begin()));
    }
  };
  const bool queueing = k.behaviour != Behaviour::Client;
  expect("service_ms", {ParamType::PerClass}, queueing);
  expect("instances", {ParamType::Integer}, false);
  expect("concurrency", {ParamType::Integer}, false);
  expect("scv", {ParamType::Number}, false);
  expect("blocking", {ParamType::Bool}, false);
  expect("hit_ratio", {ParamType::PerClass}, k.behaviour == Behaviour::Cache);
  expect("read_replicas", {ParamType::Integer}, false);
  if (k.param("read_replicas") && k.behaviour != Behaviour::Store) {
    p.add(pointer_join(at, "params"), "\"read_replicas\" only applies to behaviour \"store\"");
  }
  if (k.param("hit_ratio") && k.behaviour != Behaviour::Cache) {
    p.add(pointer_join(at, "params"), "\"hit_ratio\" only applies to behaviour \"cache\"");
  }
  if (const ParamDecl* h = k.param("hit_ratio"); h && (h->min < 0 || h->max > 1)) {
    p.add(pointer_join(at, "params"), "\"hit_ratio\" must range within [0, 1]");
  }
  // instances × concurrency servers must stay exact in 64-bit integers and in doubles.
  for (const char* positive : {"instances", "concurrency"}) {
    if (const ParamDecl* d = k.param(positive); d && (d->min < 1 || d->max > 1e7)) {
      p.add(pointer_join(at, "params"),
            std::string("\"") + positive + "\" must range within [1, 10000000]");
    }
  }
}

void parse_cost(const json& j, const std::string& at, KindDecl& k, Problems& p) {
  struct Term {
    const char* key;
    std::string CostModel::*field;
  };
  const Term terms[] = {{"per_node_month", &CostModel::per_node_month},
                        {"per_million_requests", &CostModel::per_million_requests},
                        {"per_gb_transfer", &CostModel::per_gb_transfer},
                        {"per_gb_month", &CostModel::per_gb_month},
                        {"storage_gb", &CostModel::storage_gb},
                        {"per_gb_second", &CostModel::per_gb_second},
                        {"memory_mb", &CostModel::memory_mb}};
  if (!j.is_object()) {
    p.add(at, std::string("expected an object, found ") + detail::json_type_name(j));
    return;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    const Term* term = nullptr;
    for (const auto& t : terms) {
      if (it.key() == t.key) term = &t;
    }
    const std::string where = pointer_join(at, it.key());
    if (!term) {
      p.add(where, "unknown cost term \"" + it.key() +
                       "\" (known: per_node_month, per_million_requests, per_gb_transfer, "
                       "per_gb_month, storage_gb, per_gb_second, memory_mb)");
      continue;
    }
    if (!it->is_string()) {
      p.add(where, "expected the name of a parameter");
      continue;
    }
    const std::string name = it->get<std::string>();
    const ParamDecl* d = k.param(name);
    if (!d) {
      p.add(where, "names \"" + name + "\", which is not a parameter of this kind");
    } else if (d->type != ParamType::Number && d->type != ParamType::Integer) {
      p.add(where, "parameter \"" + name + "\" must be a number to be used as a cost");
    }
    k.cost.*(term->field) = name;
  }
  if (k.cost.per_gb_month.empty() != k.cost.storage_gb.empty()) {
    p.add(at, "\"per_gb_month\" and \"storage_gb\" go together");
  }
  if (k.cost.per_gb_second.empty() != k.cost.memory_mb.empty()) {
    p.add(at, "\"per_gb_second\" and \"memory_mb\" go together");
  }
}

ChoiceDecl parse_choice(const json& j, const std::string& at, Problems& p) {
  ChoiceDecl d;
  detail::reject_unknown_keys(j, {"name", "label", "type", "choices", "default", "tooltip"}, at, p,
                              "a choice parameter");
  detail::get_string(j, "name", at, p, d.name, true);
  detail::get_string(j, "label", at, p, d.label, true);
  detail::get_string(j, "tooltip", at, p, d.tooltip, true);
  const auto it = j.find("choices");
  if (it == j.end() || !it->is_array() || it->empty()) {
    p.add(pointer_join(at, "choices"), "expected a non-empty array of names");
  } else {
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& c = (*it)[i];
      if (!c.is_string() || c.get<std::string>().empty()) p.add(pointer_join(pointer_join(at, "choices"), i), "expected a name");
      else d.choices.push_back(c.get<std::string>());
    }
  }
  if (detail::get_string(j, "default", at, p, d.default_value, true) &&
      std::find(d.choices.begin(), d.choices.end(), d.default_value) == d.choices.end())
    p.add(pointer_join(at, "default"), "the default \"" + d.default_value + "\" is not one of the choices");
  return d;
}

bool is_choice(const json& j) {
  const auto it = j.is_object() ? j.find("type") : j.end();
  return it != j.end() && it->is_string() && it->get<std::string>() == "choice";
}

ParamDecl parse_param(const json& j, const std::string& at, Problems& p) {
  ParamDecl d;
  if (!j.is_object()) {
    p.add(at, std::string("expected an object, found ") + detail::json_type_name(j));
    return d;
  }
  detail::reject_unknown_keys(j, {"name", "label", "unit", "type", "default", "min", "max", "tooltip"},
                              at, p, "a parameter");
  detail::get_string(j, "name", at, p, d.name, true);
  detail::get_string(j, "label", at, p, d.label, true);
  detail::get_string(j, "unit", at, p, d.unit, false);
  detail::get_string(j, "tooltip", at, p, d.tooltip, true);
  std::string type;
  if (detail::get_string(j, "type", at, p, type, true)) {
    if (type == "integer") d.type = ParamType::Integer;
    else if (type == "number") d.type = ParamType::Number;
    else if (type == "bool") d.type = ParamType::Bool;
    else if (type == "per_class") d.type = ParamType::PerClass;
    else p.add(pointer_join(at, "type"), "unknown type \"" + type + "\" (integer, number, bool, per_class, choice)");
  }
  if (d.type == ParamType::Bool) {
    bool b = false;
    if (!j.contains("default")) p.add(at, "missing \"default\"");
    else if (detail::get_bool(j, "default", at, p, b)) d.default_value = b ? 1 : 0;
    d.min = 0;
    d.max = 1;
    if (j.contains("min") || j.contains("max")) p.add(at, "a bool parameter has no min or max");
    return d;
  }
  detail::get_number(j, "default", at, p, d.default_value, true);
  bool has_min = detail::get_number(j, "min", at, p, d.min, true);
  bool has_max = detail::get_number(j, "max", at, p, d.max, true);
  if (has_min && has_max) {
    if (d.min > d.max) p.add(at, "min is greater than max");
    else if (d.default_value < d.min || d.default_value > d.max)
      p.add(pointer_join(at, "default"), "default lies outside [min, max]");
  }
  return d;
}

}  // namespace

void Catalog::add_from_json(const std::string& text, const std::string& file) {
  json j = detail::parse_json_text(text, file);
  Problems p;
  KindDecl k;
  if (!j.is_object()) {
    throw InputError(file, "", std::string("expected a JSON object, found ") + detail::json_type_name(j));
  }
  detail::reject_unknown_keys(
      j, {"kind", "label", "behaviour", "icon", "description", "source", "params", "cost"}, "", p,
      "a component kind");
  detail::get_string(j, "kind", "", p, k.kind, true);
  detail::get_string(j, "label", "", p, k.label, true);
  detail::get_string(j, "icon", "", p, k.icon, true);
  detail::get_string(j, "description", "", p, k.description, false);
  detail::get_string(j, "source", "", p, k.source, true);
  std::string behaviour;
  if (detail::get_string(j, "behaviour", "", p, behaviour, true)) {
    if (auto b = behaviour_from_string(behaviour)) k.behaviour = *b;
    else p.add("/behaviour", "unknown behaviour \"" + behaviour +
                                 "\" (client, split, service, cache, queue, store)");
  }
  if (auto it = j.find("params"); it == j.end() || !it->is_array()) {
    p.add("/params", "expected an array of parameters");
  } else {
    for (std::size_t i = 0; i < it->size(); ++i) {
      if (is_choice((*it)[i])) {
        ChoiceDecl c = parse_choice((*it)[i], pointer_join("/params", i), p);
        if (!c.name.empty() && (k.param(c.name) || k.choice(c.name)))
          p.add(pointer_join("/params", i), "parameter \"" + c.name + "\" is declared twice");
        k.choices.push_back(std::move(c));
        continue;
      }
      ParamDecl d = parse_param((*it)[i], pointer_join("/params", i), p);
      if (!d.name.empty() && (k.param(d.name) || k.choice(d.name))) {
        p.add(pointer_join("/params", i), "parameter \"" + d.name + "\" is declared twice");
      }
      k.params.push_back(std::move(d));
    }
  }
  if (p.empty()) {
    if (auto it = j.find("cost"); it != j.end()) parse_cost(*it, "/cost", k, p);
    check_engine_params(k, "", p);
  }
  if (!k.kind.empty() && find(k.kind)) p.add("/kind", "kind \"" + k.kind + "\" is declared twice");
  if (!p.empty()) throw InputError(file, std::move(p.list));
  kinds_.emplace(k.kind, std::move(k));
}

Catalog Catalog::load(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw InputError(dir.string(), "", "catalog directory not found");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw InputError(dir.string(), "", "the catalog directory has no *.json files");
  Catalog c;
  for (const auto& f : files) {
    c.add_from_json(detail::read_text_file(f), f.string());
    if (c.find(f.stem().string()) == nullptr) {
      throw InputError(f.string(), "/kind", "the kind must equal the file name \"" + f.stem().string() + "\"");
    }
  }
  return c;
}

std::filesystem::path Catalog::default_dir() {
  if (const char* env = std::getenv("ARCHBENCH_CATALOG"); env && *env) return env;
  return data_dir("components");
}

}  // namespace archbench
