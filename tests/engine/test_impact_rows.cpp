// An impact row solves only what the crash reaches, starting from the steady solution; it must
// give what a full what-if of the same crash gives. Checked on every preset version and on
// generated platforms with queues, caches, splits, replicas, fallbacks, timeouts and retries.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <random>
#include <sstream>

#include "archbench/faults.h"
#include "engine_fixture.h"
#include "varied_architecture.h"

using namespace archbench;

namespace {

// Rows are solved to a residual of 1e-7 and what-if to 1e-9, from different starts: fractions
// agree to 1e-6 (cells show 0.01%), times to 0.1%.
bool close(double a, double b, double abs) { return std::fabs(a - b) <= abs; }
bool close_ms(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || std::fabs(*a - *b) <= 1e-3 * std::max(std::fabs(*a), std::fabs(*b)) + 1e-9;
}

std::vector<std::string> differences(const Version& v) {
  const ImpactMatrix m = impact_matrix(v, engine_test::catalog());
  std::vector<std::string> out;
  for (const ImpactRow& row : m.rows) {
    Fault crash;
    crash.type = FaultType::Crash;
    crash.component = row.component;
    const WhatIfReport w = what_if(v, engine_test::catalog(), {crash});
    if (!w.faulted.converged) continue;  // no reference to compare with
    for (std::size_t k = 0; k < m.classes.size(); ++k) {
      const ImpactCell& c = row.cells[k];
      const ClassOutcome& o = w.faulted.classes.at(k);
      if (close(c.success, o.success, 1e-6) && close(c.answered, o.success + o.degraded, 1e-6) &&
          close_ms(c.p95_ms, o.answered_p95_ms) && c.ceiling_timeout_ms == o.ceiling_timeout_ms)
        continue;
      std::ostringstream s;
      s << v.name << " crash " << row.component << " " << m.classes[k] << ": row " << c.success << " "
        << c.answered << " " << c.p95_ms.value_or(-1) << ", what-if " << o.success << " "
        << o.success + o.degraded << " " << o.answered_p95_ms.value_or(-1);
      out.push_back(s.str());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Impact rows equal a what-if of the same crash in every preset", "[impact]") {
  int versions = 0;
  for (const auto& f : std::filesystem::directory_iterator(ARCHBENCH_TEST_PRESETS_DIR)) {
    const std::string name = f.path().filename().string();
    if (name.size() < 16 || name.substr(name.size() - 15) != ".archbench.json") continue;
    for (const Version& v : engine_test::preset(name).versions) {
      INFO(name);
      CHECK(differences(v) == std::vector<std::string>{});
      ++versions;
    }
  }
  CHECK(versions >= 6);
}

TEST_CASE("Impact rows equal a what-if of the same crash in generated platforms", "[impact][random]") {
  std::mt19937 rng(1541);
  for (int run = 0; run < 30; ++run) {
    const Version v = engine_test::varied_architecture(rng);
    INFO("run " << run << " with " << v.components.size() << " components");
    CHECK(differences(v) == std::vector<std::string>{});
  }
}

TEST_CASE("Impact rows equal a what-if of the same crash with timeouts retries and breakers", "[impact]") {
  Version v = bench::generated_architecture(5, 3);
  for (auto& l : v.links) {
    l.policy.timeout_ms = 50;
    l.policy.retries = 2;
    l.policy.breaker = true;
  }
  CHECK(differences(v) == std::vector<std::string>{});
}
