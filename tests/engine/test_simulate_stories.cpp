// What only time shows, in the presets' stored simulations (docs/SIMULATE.md): retries without
// jitter in one wave against full jitter's spread, the connection stampede of a restart against
// a rolling one, and a retry storm that a circuit breaker ends. Each expected figure comes from
// the preset's parameters by the rule written before it, not from a run.
#include <catch2/catch.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "archbench/error.h"
#include "archbench/project_io.h"
#include "archbench/simulate.h"
#include "engine_fixture.h"

namespace {

using namespace archbench;
using engine_test::catalog;
using engine_test::preset;

const Version& version_of(const std::string& file, const std::string& name) {
  for (const auto& v : preset(file).versions)
    if (v.name == name) return v;
  FAIL("no version " << name << " in " << file);
  throw;
}

SimReport run_stored(const std::string& file, const std::string& version, const std::string& sim) {
  const Version& v = version_of(file, version);
  const StoredSimulation* s = stored_simulation(v, sim);
  REQUIRE(s != nullptr);
  return simulate(v, catalog(), simulation_options(*s));
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto at = std::find(names.begin(), names.end(), name);
  REQUIRE(at != names.end());
  return static_cast<std::size_t>(at - names.begin());
}

const SimLinkResult& link(const SimReport& r, const std::string& from, const std::string& to) {
  for (const auto& l : r.links)
    if (l.from == from && l.to == to) return l;
  FAIL("no link " << from << " -> " << to << " in the report");
  throw;
}

// Peak attempts per second on a link over steps [from, to).
double peak_calls(const SimTimeline& t, const std::string& link, std::size_t from, std::size_t to) {
  const auto& series = t.calls_per_s[index_of(t.call_links, link)];
  double peak = 0;
  for (std::size_t i = from; i < to && i < series.size(); ++i) peak = std::max(peak, series[i]);
  return peak;
}

// Answered / arrived of class 0 over steps [from, to).
double answered_share(const SimTimeline& t, std::size_t from, std::size_t to) {
  double arrived = 0, answered = 0;
  for (std::size_t i = from; i < to; ++i) {
    arrived += static_cast<double>(t.arrived[0][i]);
    answered += static_cast<double>(t.answered[0][i]);
  }
  REQUIRE(arrived > 0);
  return answered / arrived;
}

constexpr const char* kRetries = "retries-in-time.archbench.json";
constexpr const char* kStampede = "restart-stampede.archbench.json";

}  // namespace

TEST_CASE("Retries without jitter come back as one wave and full jitter spreads them",
          "[sim][stories][jitter]") {
  // λ = 100/s; the database hangs from 60 s to 90 s and takes every call sent meanwhile
  // (no timeout): N = λ × 30 s = 3,000 calls, all failed together when the hang ends at 90 s.
  // Without jitter each retries after the first backoff, 5 s: the step [95 s, 96 s) carries
  // N + λ = 3,100 attempts (Poisson: ±√3,000 = 55, 2%; tolerance 6%). With full jitter the
  // retries are uniform over [90 s, 95 s): N / 5 + λ = 700 a second in each of those steps;
  // the highest of five binomial counts lies within about 3 standard deviations (√600 ≈ 25)
  // of 700: tolerance −10% +15%.
  const double lambda = 100, n = lambda * 30;
  const SimReport waves = run_stored(kRetries, "No jitter", "A 30-second database blip");
  const SimReport spread = run_stored(kRetries, "Full jitter", "A 30-second database blip");
  REQUIRE(waves.timeline.has_value());
  REQUIRE(spread.timeline.has_value());
  const double wave = peak_calls(*waves.timeline, "api → db", 90, 100);
  CHECK(wave == Approx(n + lambda).epsilon(0.06));
  CHECK(waves.timeline->calls_per_s[index_of(waves.timeline->call_links, "api → db")][95] == wave);
  const double jittered = peak_calls(*spread.timeline, "api → db", 90, 100);
  CHECK(jittered >= 0.9 * (n / 5 + lambda));
  CHECK(jittered <= 1.15 * (n / 5 + lambda));
  // The wave saturates the database (16 × 100/s = 1,600/s for 3,100): busy the whole second;
  // the spread load keeps it under half busy: (600 + 100) × 10 ms / 16 = 44%.
  const std::size_t db = index_of(waves.timeline->components, "db");
  CHECK(waves.timeline->utilization[db][95] > 0.95);
  CHECK(spread.timeline->utilization[db][92] == Approx(0.4375).epsilon(0.15));
  // Every request is answered in the end (3 retries, the database back after the first).
  CHECK(waves.request_class("read")->success == 1.0);
  CHECK(spread.request_class("read")->success == 1.0);
}

TEST_CASE("Equal jitter spreads the retries over the second half of the backoff",
          "[sim][stories][jitter]") {
  // Each wait uniform in [b/2, b] = [2.5 s, 5 s): the 3,000 failed calls arrive over 2.5 s,
  // 1,200 a second plus λ = 100 in each of the steps 93 and 94 (92.5–93 holds half as many),
  // and none in [90 s, 92 s).
  Version v = version_of(kRetries, "Full jitter");
  v.links[1].policy.jitter_equal = true;
  const SimReport r = simulate(v, catalog(), simulation_options(v.simulations.at(0)));
  REQUIRE(r.timeline.has_value());
  const auto& t = *r.timeline;
  CHECK(peak_calls(t, "api → db", 93, 95) == Approx(1300).epsilon(0.1));
  CHECK(peak_calls(t, "api → db", 90, 92) < 200);
  // Written as "equal" in format 5, and read back.
  Project p;
  p.name = "jitter";
  p.versions = {v};
  const std::string text = dump_project(p);
  CHECK(nlohmann::json::parse(text)["versions"][0]["links"][1]["policy"]["jitter"] == "equal");
  CHECK(required_format_version(p) == 5);
  CHECK(parse_project(text, "jitter.json", catalog()) == p);
}

TEST_CASE("A restart of every pod at once is refused connections and a rolling one is not",
          "[sim][stories][restart]") {
  // n = 24 pods × P = 20 connections = 480 of max_connections M = 500: 20 free. All at once,
  // the new pods open 480 while the old still hold theirs: 20 granted, 2nP − M = 460 refused,
  // on each try before the old pods stop at 70 s: at 60, 61, 63 and 67 s (1 s, then 2 s, 4 s):
  // 4 × 460 = 1,840. The next try, at 75 s (8 s later), finds the old pools closed: full again.
  const double n = 24, pool = 20, limit = 500;
  const SimReport all = run_stored(kStampede, "V1", "All pods restart at once");
  const SimLinkResult& l = link(all, "app", "db");
  CHECK(static_cast<double>(l.refused_pool_connections) == 4 * (2 * n * pool - limit));
  REQUIRE(l.pools_refilled_s.has_value());
  CHECK(*l.pools_refilled_s == Approx(75));
  // From 70 s to 75 s only the first pod has connections: 1/24 of the requests are answered
  // (binomial over about 1,600 requests: ±0.5 percentage point; tolerance 2.5 points).
  REQUIRE(all.timeline.has_value());
  CHECK(answered_share(*all.timeline, 71, 75) == Approx(1 / n).margin(0.025));
  // Afterwards all are answered (a step's answered count those ended in it: ±1 at the edges).
  CHECK(answered_share(*all.timeline, 76, 145) == Approx(1).margin(0.001));
  CHECK(l.refused_connections > 0);
  // Rolling: each new pod asks for P = 20 of the 20 free; none refused, no request failed,
  // and the last of the 24 pods is ready at 60 + 24 × 10 = 300 s.
  const SimReport rolling = run_stored(kStampede, "V1", "Rolling restart");
  const SimLinkResult& rl = link(rolling, "app", "db");
  CHECK(rl.refused_pool_connections == 0);
  CHECK(rl.refused_connections == 0);
  REQUIRE(rl.pools_refilled_s.has_value());
  CHECK(*rl.pools_refilled_s == Approx(60 + n * 10));
  CHECK(rolling.request_class("browse")->success == 1.0);
}

TEST_CASE("A retry storm keeps the recovered database saturated until a breaker sheds it",
          "[sim][stories][metastable]") {
  // λ = 70/s against μ = 100/s (ρ = 0.7), timeout 500 ms, 2 immediate retries (an M/M/1 wait
  // passes 500 ms with probability ρ·e^(−(μ−λ)·0.5 s) = 2·10⁻⁷: never in the steady state). The slowdown
  // (×3, μ = 33/s, 60–80 s) builds a queue whose wait passes the timeout: every attempt times
  // out and is retried, 3λ = 210 attempts a second for 100 served. After the slowdown the
  // queue still grows by 3λ − μ = 110 a second and nothing is answered: over [150 s, 250 s)
  // it grows by 11,000 (the attempts are Poisson: ±√21,000 = 145, 1.3%; tolerance 8%).
  const double lambda = 70, mu = 100;
  const SimReport storm = run_stored(kRetries, "Retry storm", "A 20-second slowdown");
  REQUIRE(storm.timeline.has_value());
  const auto& t = *storm.timeline;
  const std::size_t db = index_of(t.components, "db");
  CHECK(answered_share(t, 100, 300) < 0.01);
  CHECK(t.queue_length[db][250] - t.queue_length[db][150] ==
        Approx((3 * lambda - mu) * 100).epsilon(0.08));
  CHECK(t.utilization[db][200] > 0.99);
  // The breaker (half of the last 20 attempts failed: open 5 s, then a probe) refuses the calls
  // while the queue drains; once a probe is answered it closes, and the load is λ again.
  const SimReport broken = run_stored(kRetries, "Circuit breaker", "A 20-second slowdown");
  REQUIRE(broken.timeline.has_value());
  const auto& b = *broken.timeline;
  CHECK(answered_share(b, 100, 300) > 0.99);
  CHECK(b.queue_length[index_of(b.components, "db")][200] < 10);
  CHECK(link(broken, "api", "db").breaker_opened > 0);
}

TEST_CASE("Stored simulations round-trip and are checked against their version",
          "[sim][stories][format]") {
  const Project& p = preset(kStampede);
  const std::string text = dump_project(p);
  CHECK(nlohmann::json::parse(text)["format_version"] == 5);
  CHECK(parse_project(text, kStampede, catalog()) == p);
  // A format-4 file cannot carry them; a restart of nothing, or a window that ends before it
  // starts, is named at its place.
  nlohmann::json j = nlohmann::json::parse(text);
  j["format_version"] = 4;
  CHECK_THROWS_WITH(parse_project(j.dump(), "old.json", catalog()),
                    Catch::Contains("/versions/0/simulations") &&
                        Catch::Contains("needs format_version 5"));
  j["format_version"] = 5;
  j["versions"][0]["simulations"][0]["restarts"][0]["component"] = "nothing";
  j["versions"][0]["simulations"][1]["faults"] = {
      {{"type", "crash"}, {"component", "db"}, {"start_s", 90}, {"end_s", 60}}};
  try {
    parse_project(j.dump(), "bad.json", catalog());
    FAIL("accepted");
  } catch (const InputError& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Catch::Contains("/versions/0/simulations/0/restarts/0/component"));
    CHECK_THAT(what, Catch::Contains("/versions/0/simulations/1/faults/0/end_s"));
  }
  // A restart of a component without a pool into a limited callee has nothing to refill.
  SimulateOptions o;
  o.duration_s = 100;
  o.warmup_s = 10;
  o.restarts = {Restart{"db", 10, 5, false}};
  CHECK_THROWS_WITH(simulate(p.versions[0], catalog(), o),
                    Catch::Contains("restart of \"db\"") && Catch::Contains("pool_size"));
}
