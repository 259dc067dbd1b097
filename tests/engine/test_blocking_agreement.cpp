// The analytic model against the engine's simulator (archbench/simulate.h) where the model
// approximates: blocking callers with few threads near saturation.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "agreement_fixture.h"
#include "blocking_chains.h"

using engine_test::agree;
using engine_test::preset;

namespace {

// Simulated time per case from ARCHBENCH_AGREEMENT_SECONDS (report runs), else `fallback`.
double seconds(double fallback) {
  const char* s = std::getenv("ARCHBENCH_AGREEMENT_SECONDS");
  return s ? std::atof(s) : fallback;
}

// The rule for a generated chain's class p95: within 3% of the simulated one, widened by the
// simulation's half-width beyond 0.5%.
double chain_allowance(const archbench::SimEstimate& s) {
  return 0.03 + std::max(0.0, engine_test::relative(s) - 0.005);
}

// The reports' verdicts: each class p95 beyond that allowance (the test's known gaps are not
// excepted here), and how many of all.
struct Verdicts {
  int figures = 0, misses = 0;
  void add(const engine_test::Agreement& a) {
    for (const auto& c : a.engine.classes) {
      if (!c.latency) continue;
      const auto& s = a.latency(c.name).p95;
      const double diff = c.latency->p95 / s.value - 1, allowed = chain_allowance(s);
      ++figures;
      if (std::abs(diff) <= allowed) continue;
      ++misses;
      std::printf("  %-12s beyond the allowance: %+.2f%% (allowed %.2f%%)\n", c.name.c_str(),
                  100 * diff, 100 * allowed);
    }
  }
  void summary() const {
    std::printf("%d of %d class p95s beyond the allowance\n", misses, figures);
  }
};

// One generated chain (front threads: the seed's last two digits) at `fraction` of max
// throughput, simulated for ARCHBENCH_AGREEMENT_SECONDS or `fallback` s, printed and judged.
void report_chain(std::uint64_t seed, double fraction, double fallback, Verdicts& verdicts) {
  const int t = static_cast<int>(seed % 100);
  const auto v = engine_test::blocking_chain(seed, t, 9 - t);
  const auto a = agree(v, fraction, seconds(fallback));
  engine_test::print(v.name + " front " + std::to_string(t) + " middle " +
                         std::to_string(9 - t) + " at " + std::to_string(fraction),
                     a);
  verdicts.add(a);
  CHECK(a.sim.events > 0);
}

}  // namespace

TEST_CASE("Agreement report for every preset version at half and 85 percent of max throughput",
          "[.report]") {
  for (const char* file :
       {"blog.archbench.json", "image-pipeline.archbench.json", "flash-sale.archbench.json"}) {
    for (const auto& v : preset(file).versions) {
      for (double f : {0.5, 0.85}) {
        const auto a = agree(v, f, seconds(20000));
        engine_test::print(std::string(file) + " " + v.name + " at " + std::to_string(f), a);
        CHECK(a.sim.events > 0);
      }
    }
  }
}

// Blog V1 and V2 (about 30 s each): one app of 4 blocking threads, and the database (V2: cache
// and database) only those threads call; the pools with few threads near saturation of issue
// 9. Every class's p95 within 3% of the simulated one (widened by the half-width beyond 0.5%),
// the half-width below 1.5% (0.1–1.1%): 50,000 s at 50% and 150,000 s at 85% of max
// throughput (seed 7), for the comments, 2.5% of the posts.
namespace {

void check_blog(std::size_t version) {
  const auto& v = preset("blog.archbench.json").versions.at(version);
  for (double f : {0.5, 0.85}) {
    const auto a = agree(v, f, seconds(f < 0.6 ? 50000 : 150000));
    for (const auto& c : a.engine.classes) {
      const auto& s = a.latency(c.name).p95;
      const double rel = engine_test::relative(s);
      INFO(v.name << " at " << f << " of max, " << c.name << ": engine "
                  << (c.latency ? c.latency->p95 : -1) << " ms, simulated " << s.value << " ± "
                  << s.half_width << " ms");
      REQUIRE(c.latency.has_value());
      CHECK(rel < 0.015);
      CHECK(c.latency->p95 == Approx(s.value).epsilon(0.03 + std::max(0.0, rel - 0.005)));
    }
  }
}

}  // namespace

TEST_CASE("Blog V1 agrees with the simulation at half and 85 percent of max throughput",
          "[agreement][blocking][long]") {
  check_blog(0);
}

TEST_CASE("Blog V2 agrees with the simulation at half and 85 percent of max throughput",
          "[agreement][blocking][long]") {
  check_blog(1);
}

TEST_CASE("Generated blocking chains report", "[.report]") {
  Verdicts verdicts;
  for (std::uint64_t seeds : {100, 200}) {
    for (std::uint64_t t = 1; t <= 8; ++t) {
      for (double f : {0.5, 0.85}) report_chain(seeds + t, f, 20000, verdicts);
    }
  }
  verdicts.summary();
}

// The chains the model still misses, or others: ARCHBENCH_CHAIN_SEEDS ("107 108 207 208"
// unless set) at each of ARCHBENCH_CHAIN_LOAD's fractions of max throughput ("0.85" unless
// set; "0.5 0.85" for both), each simulated for ARCHBENCH_AGREEMENT_SECONDS (50,000 s unless
// set; about 2 s each), for trying a change to the model quickly: all 32 cases in about a
// minute and a half, with the figures beyond the allowance counted at the end.
TEST_CASE("Generated blocking chains report for chosen seeds", "[.report]") {
  const char* list = std::getenv("ARCHBENCH_CHAIN_SEEDS");
  const char* load = std::getenv("ARCHBENCH_CHAIN_LOAD");
  std::vector<double> fractions;
  std::istringstream loads(load ? load : "0.85");
  for (double f = 0; loads >> f;) fractions.push_back(f);
  Verdicts verdicts;
  for (const double fraction : fractions) {
    std::istringstream in(list ? list : "107 108 207 208");
    for (std::uint64_t seed = 0; in >> seed;) {
      const int t = static_cast<int>(seed % 100);
      if (t < 1 || t > 8) {  // the front's threads are the seed's last two digits
        WARN("seed " << seed << " skipped: its last two digits, the front's threads, are not 1-8");
        continue;
      }
      report_chain(seed, fraction, 50000, verdicts);
    }
  }
  verdicts.summary();
}

namespace {

// Simulated time for a chain at `fraction` of max throughput with `front` threads: the 95%
// half-width of every class's p95 (batch means, seed 7) comes out at 0.1–0.8% at half of max
// and 0.4–1.4% at 85%, where a pool of one, two or eight threads, close to a single-server
// queue 85% busy, needs two to four times longer than the others (25–130 million events each;
// doubling every time halves the squared width, as the measured table in docs/MODEL.md did).
double chain_seconds(int front, double fraction) {
  if (fraction < 0.6) return 50000;
  return 100000 * (front == 1 ? 4 : front == 2 || front == 8 ? 2 : 1);
}

// Where the engine is known to be further than 3% from the simulation (docs/MODEL.md,
// "Where it is approximate"): the bound it must stay within, so that the test still fails if
// the model gets worse there.
double known_gap(std::uint64_t seed, double fraction) {
  struct Gap {
    std::uint64_t seed;
    double fraction, bound;
  };
  // A pool whose threads mostly wait on a nested pool that is the bottleneck, at 85% of max
  // throughput (docs/MODEL.md): a front of 8 threads behind a 1-thread middle whose front
  // wait comes out too long (seed 108: 41 ms against 27 simulated; order p95 +4.5%), and
  // front 7 behind a 2-thread middle, whose p95 is short where the waits at the front and at
  // the middle rise and fall together (seed 207: −5%).
  static const Gap gaps[] = {{108, 0.85, 0.07}, {207, 0.85, 0.07}};
  for (const Gap& g : gaps)
    if (g.seed == seed && g.fraction == fraction) return g.bound;
  return 0;
}

// users → front (blocking, t threads) → middle (blocking, 9 − t threads) → db, two classes,
// seeded (blocking_chains.h), simulated by the engine's simulator at 50% and 85% of the
// engine's maximum throughput: every class's p95 within 3% of the simulated one (widened by
// the simulation's half-width beyond 0.5%; the half-width below 2%), except the known gaps
// above.
void check_chain(std::uint64_t seed) {
  const int t = static_cast<int>(seed % 100);
  const auto v = engine_test::blocking_chain(seed, t, 9 - t);
  for (double f : {0.5, 0.85}) {
    const auto a = agree(v, f, seconds(chain_seconds(t, f)));
    const double gap = known_gap(seed, f);
    for (const auto& c : a.engine.classes) {
      const auto& s = a.latency(c.name).p95;
      const double rel = engine_test::relative(s);
      INFO("seed " << seed << ": front " << t << " middle " << 9 - t << " at " << f
                   << " of max, " << c.name << ": engine " << (c.latency ? c.latency->p95 : -1)
                   << " ms, simulated " << s.value << " ± " << s.half_width << " ms");
      REQUIRE(c.latency.has_value());
      CHECK(rel < 0.02);
      const double allowed = gap > 0 ? gap : chain_allowance(s);
      CHECK(c.latency->p95 == Approx(s.value).epsilon(allowed));
    }
  }
}

}  // namespace

// One test case per generated chain, so that ctest runs them side by side; each simulates
// 0.1–0.4 billion events in all (6–40 s in a Release build, 135 s for all of this file's
// agreement cases with ctest -j2 on two cores). Tagged [long]: the
// sanitizer build (scripts/sanitize.sh), 10–20 times slower, leaves them out.
TEST_CASE("Generated chain 101 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(101);
}
TEST_CASE("Generated chain 102 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(102);
}
TEST_CASE("Generated chain 103 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(103);
}
TEST_CASE("Generated chain 104 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(104);
}
TEST_CASE("Generated chain 105 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(105);
}
TEST_CASE("Generated chain 106 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(106);
}
TEST_CASE("Generated chain 107 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(107);
}
TEST_CASE("Generated chain 108 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(108);
}
// A second set, seeds 201–208 (the pool chain's factor was chosen on seeds 101–108).
TEST_CASE("Generated chain 201 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(201);
}
TEST_CASE("Generated chain 202 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(202);
}
TEST_CASE("Generated chain 203 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(203);
}
TEST_CASE("Generated chain 204 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(204);
}
TEST_CASE("Generated chain 205 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(205);
}
TEST_CASE("Generated chain 206 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(206);
}
TEST_CASE("Generated chain 207 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(207);
}
TEST_CASE("Generated chain 208 agrees with the simulation", "[agreement][blocking][long]") {
  check_chain(208);
}
