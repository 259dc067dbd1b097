#pragma once
// The project file's JSON, read: each part of a version checked into the model types, with the
// places of fields a newer format_version brought (docs/FORMAT.md). Private to the engine;
// project_io.cpp reads whole projects and fragments with it, project_write.h writes.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archbench/model.h"
#include "model/json_util.h"

namespace archbench::detail {

// An array field, or nullptr with a problem when it is missing or not an array.
const json* array_field(const json& obj, const char* key, const std::string& at, Problems& p);

// Reads the parts of a project and remembers where fields of format_version 2 stand, so that a
// file declaring version 1 cannot carry them (an older build would refuse them as unknown).
struct Reader {
  Problems& p;
  std::vector<std::pair<std::string, std::string>> v2_fields;  // place, key
  std::vector<std::pair<std::string, std::string>> v4_fields;  // place, key
  std::vector<std::pair<std::string, std::string>> v5_fields;  // place, key

  void note_v2(const json& j, const char* key, const std::string& at) {
    if (j.contains(key)) v2_fields.emplace_back(pointer_join(at, key), key);
  }
  void note_v4(const json& j, const char* key, const std::string& at) {
    if (j.contains(key)) v4_fields.emplace_back(pointer_join(at, key), key);
  }
  void note_v5(const json& j, const char* key, const std::string& at) {
    if (j.contains(key)) v5_fields.emplace_back(pointer_join(at, key), key);
  }

  RequestClass request_class(const json& j, const std::string& at);
  Component component(const json& j, const std::string& at);
  void scaling(const json& j, const std::string& at, std::optional<Autoscale>& autoscale,
               std::optional<Mesh>& mesh);
  LinkPolicy policy(const json& j, const std::string& at);
  Link link(const json& j, const std::string& at);
  Fault fault(const json& j, const std::string& at);
  std::vector<Fault> faults(const json& j, const char* key, const std::string& at);
  Condition condition(const json& j, const std::string& at);
  Experiment experiment(const json& j, const std::string& at);
  Version version(const json& j, const std::string& at);
};

}  // namespace archbench::detail
