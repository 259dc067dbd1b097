// The simulator's event calendar (engine/src/sim/event_calendar.h): two 4-ary heaps (the
// classes' arrivals apart) under one sequence, where a push right after a pop takes the popped
// event's place. Whatever the interleaving, events come out by time, and events at the same
// time in the order they were pushed — the order every simulated figure depends on.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <tuple>

#include "sim/event_calendar.h"

using archbench::sim::Ev;
using archbench::sim::EventCalendar;

TEST_CASE("The event calendar pops by time then by push order under any interleaving",
          "[sim][calendar]") {
  // A reference: a sorted set of (time, push number, who). 200,000 random operations: each
  // pop is followed by 0, 1 or 2 pushes (as the simulator's handlers do), with times drawn
  // from a coarse grid so that ties are frequent, and every tenth push an arrival (the second
  // heap).
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int> pushes(0, 2), step(0, 20), kind(0, 9);
  EventCalendar calendar;
  std::set<std::tuple<double, std::uint64_t, int>> expected;
  std::uint64_t pushed = 0;
  double now = 0;
  auto push = [&] {
    const double t = now + step(rng) * 0.5;
    const Ev type = kind(rng) == 0 ? Ev::ClassArrival : Ev::Arrive;
    const int who = static_cast<int>(pushed);
    calendar.push(t, type, who);
    expected.insert({t, pushed++, who});
  };
  for (int i = 0; i < 50; ++i) push();
  std::uint64_t popped = 0, mismatches = 0;
  for (int op = 0; op < 200000 && !calendar.empty(); ++op) {
    REQUIRE(calendar.size() == expected.size());
    const auto e = calendar.pop();
    const auto first = *expected.begin();
    expected.erase(expected.begin());
    if (e.t() != std::get<0>(first) || e.who != std::get<2>(first)) ++mismatches;
    CHECK(e.t() >= now);
    now = e.t();
    ++popped;
    for (int k = pushes(rng) + (expected.size() < 10 ? 1 : 0); k > 0; --k) push();
  }
  CHECK(mismatches == 0);
  CHECK(popped > 100000);
  // Drained to the end, including the last popped event's place.
  while (!calendar.empty()) {
    const auto e = calendar.pop();
    REQUIRE_FALSE(expected.empty());
    CHECK(e.who == std::get<2>(*expected.begin()));
    expected.erase(expected.begin());
  }
  CHECK(expected.empty());
  CHECK(calendar.size() == 0);
}
