#pragma once
// The project file's fields of format_version 5 for consistency and regions (docs/REGIONS.md):
// a class's consistency, the keys and writes it reads, a component's region and a database's
// replica regions, a version's regions and their latencies. Read and written here, so that
// project_io.cpp, project_read.cpp and project_write.cpp only call in.
#include <string>

#include <nlohmann/json.hpp>

#include "archbench/model.h"
#include "model/json_util.h"

namespace archbench::detail {

// Keys each object may carry in format 5 (added to the reader's list of allowed keys).
inline constexpr const char* kClassRegionKeys[] = {"consistency", "writes_from", "keys"};
inline constexpr const char* kComponentRegionKeys[] = {"region", "replica_regions"};
inline constexpr const char* kVersionRegionKeys[] = {"regions"};

// Whether a component parameter of this name first appeared in format_version 5.
bool is_format5_regions_param(const std::string& name);

void read_class_consistency(const json& j, const std::string& at, Problems& p, RequestClass& r);
void read_component_regions(const json& j, const std::string& at, Problems& p, Component& c);
void read_version_regions(const json& j, const std::string& at, Problems& p, Version& v);

void write_class_consistency(const RequestClass& r, json& out);
void write_component_regions(const Component& c, json& out);
void write_version_regions(const Version& v, json& out);

// Whether the version uses anything of format 5's consistency and regions.
bool uses_format5_regions(const Version& v);

}  // namespace archbench::detail
