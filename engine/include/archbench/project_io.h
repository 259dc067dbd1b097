#pragma once
// Reading and writing *.archbench.json project files (format documented in docs/FORMAT.md).
#include <filesystem>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "archbench/model.h"

namespace archbench {

class Catalog;

inline constexpr const char* kProjectFormat = "archbench-project";
// Version 2 added class SLOs, zones, link policies, faults and experiments; version 3 the root
// "practice" record of an interview attempt; version 4 the parameters of the patterns
// (docs/PATTERNS.md: rate limits, …); version 5 the simulator's stored scenarios, sharding and
// parallel fan-out, autoscaling and the service mesh. The reader takes 1 to 5; the writer writes the lowest
// version that holds the project, so older builds still open files that use none of the new
// fields.
inline constexpr int kProjectFormatVersion = 5;
inline constexpr int kOldestProjectFormatVersion = 1;

// The format_version the writer gives `project`: 1 unless it uses a field of version 2 to 5.
int required_format_version(const Project& project);

// Parses and validates a project; throws InputError naming `file` and the place of each problem.
Project parse_project(const std::string& text, const std::string& file, const Catalog& catalog);
Project load_project(const std::filesystem::path& path, const Catalog& catalog);
// The same, keeping versions that are unfinished: a problem of a version's workload (a class
// with no route yet, an entry that is no component, no class at all) does not throw but is left
// for evaluate_partial (archbench/partial.h) to report. Any other problem throws as above.
Project parse_unfinished_project(const std::string& text, const std::string& file,
                                 const Catalog& catalog);
Project load_unfinished_project(const std::filesystem::path& path, const Catalog& catalog);

nlohmann::json project_to_json(const Project& project);
std::string dump_project(const Project& project);  // pretty-printed, ends with a newline
// Clipboard fragments: {"components": [...], "links": [...]} in the project format. Parsing
// checks the JSON structure only; the caller validates the version it pastes into.
std::string dump_fragment(const std::vector<Component>& components, const std::vector<Link>& links);
void parse_fragment(const std::string& text, std::vector<Component>& components,
                    std::vector<Link>& links);  // throws InputError (file "clipboard")

// Writes atomically (temporary file in the same folder, then rename); throws std::runtime_error.
void save_project(const Project& project, const std::filesystem::path& path);

}  // namespace archbench
