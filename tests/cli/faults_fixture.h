#pragma once
// What the CLI's failure tests share (test_cli_faults.cpp, test_cli_impact_chaos.cpp): a
// project written to a temporary file, a preset as JSON, and the blog's V2 with SLOs, saved
// faults and two chaos experiments.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.h"

namespace cli_test {

// A project written to a temporary file for one test, removed afterwards.
struct TempProject {
  std::filesystem::path path;
  explicit TempProject(const nlohmann::json& project) {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("archbench_faults_test_" + std::to_string(::getpid()) + "_" +
            std::to_string(counter++) + ".archbench.json");
    std::ofstream(path) << project.dump(2);
  }
  ~TempProject() { std::filesystem::remove(path); }
  TempProject(const TempProject&) = delete;
  TempProject& operator=(const TempProject&) = delete;
  std::string file() const { return path.string(); }
};

inline nlohmann::json preset(const std::string& file) {
  return nlohmann::json::parse(slurp(file));
}

inline nlohmann::json& version_named(nlohmann::json& project, const std::string& name) {
  nlohmann::json& versions = project.at("versions");
  const auto it = std::find_if(versions.begin(), versions.end(),
                               [&](const nlohmann::json& v) { return v.at("name") == name; });
  REQUIRE(it != versions.end());
  return *it;
}

inline std::vector<std::string> with(std::vector<std::string> base,
                                     const std::vector<std::string>& extra) {
  base.insert(base.end(), extra.begin(), extra.end());
  return base;
}

// The blog's V2 with class SLOs, saved faults and two experiments: one whose conditions hold
// (media never touches the database) and one that cannot hold (every read passes the cache,
// which fails its reads while it is down: "on_failure": "fail").
inline nlohmann::json blog_with_experiments() {
  nlohmann::json p = preset(kBlog);
  p["format_version"] = 2;
  nlohmann::json& v = version_named(p, "V2");
  for (auto& c : v.at("components")) {
    if (c.at("id") == "cache") c["params"]["on_failure"] = "fail";
  }
  for (auto& c : v.at("workload")) c["slo_percent"] = 99.9;
  v["faults"] = nlohmann::json::array({{{"type", "crash"}, {"component", "db"}}});
  v["experiments"] = nlohmann::json::array(
      {{{"name", "db down"},
        {"hypothesis", "media keeps working while the database is down"},
        {"faults", nlohmann::json::array({{{"type", "crash"}, {"component", "db"}}})},
        {"blast_radius", nlohmann::json::array({"read_post", "comment"})},
        {"conditions",
         nlohmann::json::array(
             {{{"class", "media"}, {"metric", "success"}, {"op", ">="}, {"value", 99.9}},
              {{"class", "media"}, {"metric", "p95_ms"}, {"op", "<="}, {"value", 5000}}})}},
       {{"name", "cache gone"},
        {"hypothesis", "reads survive the cache"},
        {"faults", nlohmann::json::array({{{"type", "crash"}, {"component", "cache"}}})},
        {"blast_radius", nlohmann::json::array({"read_post"})},
        {"conditions",
         nlohmann::json::array(
             {{{"class", "read_post"}, {"metric", "success"}, {"op", ">="}, {"value", 99}}})}}});
  return p;
}

}  // namespace cli_test
