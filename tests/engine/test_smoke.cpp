#include <catch2/catch.hpp>

#include "archbench/catalog.h"
#include "archbench/project_io.h"
#include "archbench/solver.h"

using namespace archbench;

TEST_CASE("blog preset loads and its V1 costs $100 a month", "[preset]") {
  const Catalog catalog = Catalog::load(ARCHBENCH_TEST_CATALOG_DIR);
  const Project p = load_project(std::string(ARCHBENCH_TEST_PRESETS_DIR) + "/blog.archbench.json", catalog);
  const Report r = evaluate(p.versions.at(0), catalog);
  // Line items: app $40 + PostgreSQL $42.70 + 20 GB × $0.115 + S3 $15 = $100.00
  CHECK(r.totals.cost_per_month == Approx(100.0).epsilon(1e-9));
}
