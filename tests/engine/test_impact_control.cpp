// The impact matrix reports its progress row by row and stops when asked, keeping what it has.
#include <catch2/catch.hpp>
#include <atomic>

#include "../bench/generated_architecture.h"
#include "archbench/faults.h"
#include "engine_fixture.h"

using namespace archbench;

TEST_CASE("Impact reports progress after every row", "[impact][progress]") {
  const Version v = bench::generated_architecture(5, 3);
  std::vector<std::pair<int, int>> calls;
  ImpactControl control;
  control.progress = [&](int done, int total) { calls.emplace_back(done, total); };
  const ImpactMatrix m = impact_matrix(v, engine_test::catalog(), {}, control);
  CHECK(m.complete);
  REQUIRE(calls.size() == m.rows.size());
  // One call per row, counting up to the number of rows.
  for (std::size_t i = 0; i < calls.size(); ++i) {
    CHECK(calls[i].first == static_cast<int>(i + 1));
    CHECK(calls[i].second == static_cast<int>(m.rows.size()));
  }
}

TEST_CASE("Impact stops when cancelled and keeps the finished rows", "[impact][progress]") {
  const Version v = bench::generated_architecture(5, 3);
  const ImpactMatrix full = impact_matrix(v, engine_test::catalog());
  std::atomic<bool> stop{false};
  ImpactControl control;
  control.cancel = &stop;
  control.progress = [&](int done, int) {
    if (done == 3) stop = true;
  };
  const ImpactMatrix m = impact_matrix(v, engine_test::catalog(), {}, control);
  CHECK_FALSE(m.complete);
  // Rows already taken by other threads may finish after the flag: at least 3, fewer than all.
  CHECK(m.rows.size() >= 3);
  CHECK(m.rows.size() < full.rows.size());
  for (const ImpactRow& r : m.rows) {
    for (const ImpactRow& f : full.rows) {
      if (f.component == r.component) CHECK(r.criticality == Approx(f.criticality).margin(1e-9));
    }
  }
  std::atomic<bool> already{true};
  ImpactControl before;
  before.cancel = &already;
  const ImpactMatrix none = impact_matrix(v, engine_test::catalog(), {}, before);
  CHECK_FALSE(none.complete);
  CHECK(none.rows.empty());
}
