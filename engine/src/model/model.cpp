#include "archbench/model.h"

namespace archbench {

double PerClass::for_class(const std::string& cls, double fallback) const {
  if (auto it = by_class.find(cls); it != by_class.end()) return it->second;
  if (auto it = by_class.find("*"); it != by_class.end()) return it->second;
  return all.value_or(fallback);
}

const char* to_string(Op op) { return op == Op::Read ? "read" : "write"; }

const char* to_string(Consistency c) {
  switch (c) {
    case Consistency::Strong: return "strong";
    case Consistency::ReadYourWrites: return "read_your_writes";
    case Consistency::Eventual: return "eventual";
  }
  return "eventual";
}

std::optional<Consistency> consistency_from(const std::string& s) {
  for (auto c : {Consistency::Strong, Consistency::ReadYourWrites, Consistency::Eventual})
    if (s == to_string(c)) return c;
  return std::nullopt;
}

double RequestClass::peak_rate() const {
  if (per_second) return *per_second;
  return per_day.value_or(0.0) / 86400.0 * peak_factor.value_or(1.0);
}

double RequestClass::average_rate() const {
  if (per_second) return *per_second;
  return per_day.value_or(0.0) / 86400.0;
}

const Component* Version::component(const std::string& id) const {
  for (const auto& c : components) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

Component* Version::component(const std::string& id) {
  for (auto& c : components) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const RequestClass* Version::request_class(const std::string& class_name) const {
  for (const auto& r : workload) {
    if (r.name == class_name) return &r;
  }
  return nullptr;
}

const Version* Project::version(const std::string& version_name) const {
  for (const auto& v : versions) {
    if (v.name == version_name) return &v;
  }
  return nullptr;
}

}  // namespace archbench

namespace archbench {

namespace {
constexpr const char* kFaultNames[] = {"crash", "hang", "lose", "slow", "flush",
                                       "cut", "zone", "spike", "partition", "region"};
constexpr const char* kMetricNames[] = {"success", "answered", "degraded", "failed", "mean_ms", "p95_ms"};
}  // namespace

const char* to_string(FaultType t) { return kFaultNames[static_cast<int>(t)]; }

std::optional<FaultType> fault_type_from(const std::string& s) {
  for (int i = 0; i < 10; ++i) {
    if (s == kFaultNames[i]) return static_cast<FaultType>(i);
  }
  if (s == "down") return FaultType::Crash;
  return std::nullopt;
}

const char* to_string(Metric m) { return kMetricNames[static_cast<int>(m)]; }

std::optional<Metric> metric_from(const std::string& s) {
  for (int i = 0; i < 6; ++i) {
    if (s == kMetricNames[i]) return static_cast<Metric>(i);
  }
  return std::nullopt;
}

}  // namespace archbench
