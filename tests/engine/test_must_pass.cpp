// Must-pass components agree with the impact matrix: a component is must-pass for a class exactly
// when crashing it alone leaves the class with no successful request. Checked on every preset
// version and on generated platforms with queues, caches, splits, replicas and fallbacks.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "archbench/availability.h"
#include "archbench/faults.h"
#include "engine_fixture.h"
#include "varied_architecture.h"

using namespace archbench;

namespace {

// Every (class, component) pair where the two analyses disagree, as readable lines.
std::vector<std::string> disagreements(const Version& v) {
  const AvailabilityReport a = analyse_availability(v, engine_test::catalog());
  const ImpactMatrix m = impact_matrix(v, engine_test::catalog());
  std::vector<std::string> out;
  for (std::size_t k = 0; k < m.classes.size(); ++k) {
    const ClassAvailability& c = a.classes.at(k);
    REQUIRE(c.name == m.classes[k]);
    std::set<std::string> zero;
    for (const ImpactRow& row : m.rows) {
      // A crash that stops every request of the class: success exactly 0 (a dominator's failure
      // propagates as a product with 0); anything else keeps some requests succeeding.
      if (row.cells[k].success < 1e-12) zero.insert(row.component);
    }
    const std::set<std::string> must(c.must_pass.begin(), c.must_pass.end());
    for (const auto& id : zero) {
      if (!must.count(id)) out.push_back(v.name + " " + c.name + ": crash of " + id + " stops it, not must-pass");
    }
    for (const auto& id : must) {
      if (!zero.count(id)) out.push_back(v.name + " " + c.name + ": " + id + " is must-pass, its crash does not stop it");
    }
  }
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_CASE("Must-pass components are those whose crash stops the class in every preset", "[availability][impact]") {
  int versions = 0;
  for (const auto& f : std::filesystem::directory_iterator(ARCHBENCH_TEST_PRESETS_DIR)) {
    const std::string name = f.path().filename().string();
    if (name.size() < 16 || name.substr(name.size() - 15) != ".archbench.json") continue;
    for (const Version& v : engine_test::preset(name).versions) {
      INFO(name);
      CHECK(disagreements(v) == std::vector<std::string>{});
      ++versions;
    }
  }
  CHECK(versions >= 6);  // blog and image pipeline, three versions each
}

TEST_CASE("Image pipeline uploads must pass everything up to the queue", "[availability]") {
  // Uploads go users → cdn → lb → api → s3, db, sqs: the entry path upstream of the queue is
  // needed as much as what the API calls; the workers behind the queue are not.
  for (const Version& v : engine_test::preset("image-pipeline.archbench.json").versions) {
    const AvailabilityReport a = analyse_availability(v, engine_test::catalog());
    const ClassAvailability& upload = a.classes.at(0);
    REQUIRE(upload.name == "upload");
    INFO(v.name);
    for (const char* id : {"lb", "api", "sqs", "s3", "db"}) CHECK(contains(upload.must_pass, id));
    CHECK(contains(upload.must_pass, "cdn") == (v.component("cdn") != nullptr));
    CHECK_FALSE(contains(upload.must_pass, "workers"));
    CHECK_FALSE(contains(upload.must_pass, "functions"));
  }
}

TEST_CASE("Must-pass components are those whose crash stops the class in generated platforms", "[availability][impact][random]") {
  std::mt19937 rng(915);
  for (int run = 0; run < 50; ++run) {
    const Version v = engine_test::varied_architecture(rng);
    INFO("run " << run << " with " << v.components.size() << " components");
    CHECK(disagreements(v) == std::vector<std::string>{});
  }
}
