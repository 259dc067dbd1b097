#pragma once
// Helpers shared by the catalog and project readers: JSON pointers, syntax errors, type names.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archbench/error.h"

namespace archbench::detail {

using json = nlohmann::json;

std::string pointer_join(const std::string& base, const std::string& key);
std::string pointer_join(const std::string& base, std::size_t index);

// Reads a whole file; throws InputError when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);
// Parses JSON; a syntax error becomes InputError at "line:column".
json parse_json_text(const std::string& text, const std::string& file);

const char* json_type_name(const json& j);
// A number as a user would write it: 12, 0.5, 1e-06.
std::string number_text(double v);

// Collects problems while walking a JSON document.
struct Problems {
  std::vector<Diagnostic> list;
  void add(std::string place, std::string message) {
    list.push_back({std::move(place), std::move(message)});
  }
  bool empty() const { return list.empty(); }
};

// Typed field access that records a problem (and returns false) on a wrong type.
bool get_string(const json& obj, const char* key, const std::string& at, Problems& p,
                std::string& out, bool required);
bool get_number(const json& obj, const char* key, const std::string& at, Problems& p,
                double& out, bool required);
bool get_bool(const json& obj, const char* key, const std::string& at, Problems& p, bool& out);
// A whole number that fits an int; a fraction or a huge value is recorded as a problem.
bool get_int(const json& obj, const char* key, const std::string& at, Problems& p, int& out);
// An array of strings; each element of the wrong type is recorded at its own place.
bool get_string_array(const json& obj, const char* key, const std::string& at, Problems& p,
                      std::vector<std::string>& out);
// Records every key of `obj` not in `allowed`.
void reject_unknown_keys(const json& obj, std::initializer_list<const char*> allowed,
                         const std::string& at, Problems& p, const char* what);
void reject_unknown_keys(const json& obj, const std::vector<const char*>& allowed,
                         const std::string& at, Problems& p, const std::string& what);

}  // namespace archbench::detail
