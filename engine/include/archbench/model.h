#pragma once
// The project model: a project holds versions; a version is a complete architecture.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace archbench {

// A number for every request class, or a map per class (with "*" for the rest).
struct PerClass {
  std::optional<double> all;          // set when written as one number
  std::map<std::string, double> by_class;

  // The value for a class: the map's entry, else "*", else `all`, else `fallback`.
  double for_class(const std::string& cls, double fallback) const;
  bool is_map() const { return !all.has_value(); }
  bool operator==(const PerClass&) const = default;
};

// A parameter value as written in the project file.
struct ParamValue {
  enum class Type { Number, Bool, PerClassMap };
  Type type = Type::Number;
  double number = 0;                  // Number
  bool flag = false;                  // Bool
  std::map<std::string, double> map;  // PerClassMap

  static ParamValue of(double v) { return {Type::Number, v, false, {}}; }
  static ParamValue of_bool(bool b) { return {Type::Bool, 0, b, {}}; }
  static ParamValue of_map(std::map<std::string, double> m) {
    return {Type::PerClassMap, 0, false, std::move(m)};
  }
  bool operator==(const ParamValue&) const = default;
};

enum class Op { Read, Write };
const char* to_string(Op op);

// One request class of the workload.
struct RequestClass {
  std::string name;
  std::string entry;  // id of a client component
  Op op = Op::Read;
  std::optional<double> per_second;  // exactly one of per_second and per_day is set
  std::optional<double> per_day;
  std::optional<double> peak_factor;  // only with per_day; 1 when absent
  double payload_kb = 0;
  bool sync = true;  // false: the caller only waits for an acknowledgement (needs a queue)

  // Design (peak) rate in requests per second, used by the queueing model.
  double peak_rate() const;
  // Average rate, used for monthly volumes and usage costs.
  double average_rate() const;
  bool operator==(const RequestClass&) const = default;
};

struct Component {
  std::string id;
  std::string kind;
  std::string name;  // display name; empty means "use the id"
  std::optional<std::array<double, 2>> pos;
  std::map<std::string, ParamValue> params;  // only what the file sets; the rest are defaults

  const std::string& display_name() const { return name.empty() ? id : name; }
  bool operator==(const Component&) const = default;
};

struct Link {
  std::string from;
  std::string to;
  PerClass calls{1.0, {}};  // expected calls per visit of the caller; a map's missing class is 0
  double latency_ms = 0;   // one-way network latency
  double weight = 1;       // share of a split or queue delivery (× calls)
  bool operator==(const Link&) const = default;
};

struct Version {
  std::string name;
  std::string notes;
  std::vector<RequestClass> workload;
  std::vector<Component> components;
  std::vector<Link> links;

  const Component* component(const std::string& id) const;
  Component* component(const std::string& id);
  const RequestClass* request_class(const std::string& class_name) const;
  bool operator==(const Version&) const = default;
};

struct Project {
  std::string name;
  std::string description;
  std::vector<Version> versions;

  const Version* version(const std::string& version_name) const;
  bool operator==(const Project&) const = default;
};

}  // namespace archbench
