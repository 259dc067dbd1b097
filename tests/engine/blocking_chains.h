#pragma once
// Generated blocking chains for the agreement tests: users → front (blocking, 1–8 threads) →
// middle (blocking, 1–8 threads) → database (1–4 connections), two request classes with their
// own service times and call counts, exponential or less variable (SCV ½) service. Seeded.
#include <random>
#include <string>

#include "archbench/model.h"

namespace engine_test {

inline archbench::Version blocking_chain(std::uint64_t seed, int front_threads, int middle_threads) {
  using archbench::ParamValue;
  std::mt19937_64 rng(seed);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
  archbench::Version v;
  v.name = "chain " + std::to_string(seed);
  for (const char* name : {"browse", "order"}) {
    archbench::RequestClass r;
    r.name = name;
    r.entry = "users";
    r.per_second = 1.0;  // scaled by the load multiplier
    v.workload.push_back(r);
  }
  v.workload[1].per_second = uni(0.2, 0.6);
  auto per_class = [&](double lo, double hi) {
    return ParamValue::of_map({{"browse", uni(lo, hi)}, {"order", uni(lo, hi)}});
  };
  auto comp = [](const std::string& id, const std::string& kind) {
    archbench::Component c;
    c.id = id;
    c.kind = kind;
    return c;
  };
  archbench::Component users = comp("users", "users");
  archbench::Component front = comp("front", "app_server");
  front.params = {{"concurrency", ParamValue::of(front_threads)},
                  {"service_ms", per_class(5, 30)},
                  {"blocking", ParamValue::of_bool(true)},
                  {"scv", ParamValue::of(pick(0, 1) ? 1.0 : 0.5)}};
  archbench::Component middle = comp("middle", "app_server");
  middle.params = {{"concurrency", ParamValue::of(middle_threads)},
                   {"service_ms", per_class(2, 12)},
                   {"blocking", ParamValue::of_bool(true)},
                   {"scv", ParamValue::of(pick(0, 1) ? 1.0 : 0.5)}};
  archbench::Component db = comp("db", "database");
  db.params = {{"concurrency", ParamValue::of(pick(1, 4))}, {"service_ms", per_class(1, 6)}};
  v.components = {users, front, middle, db};
  auto link = [&](const std::string& from, const std::string& to, archbench::PerClass calls) {
    archbench::Link l;
    l.from = from;
    l.to = to;
    l.calls = std::move(calls);
    l.latency_ms = uni(0, 2);
    return l;
  };
  archbench::PerClass once{1.0, {}};
  archbench::PerClass to_middle{std::nullopt, {{"browse", pick(1, 2)}, {"order", uni(0.5, 2.5)}}};
  archbench::PerClass to_db{std::nullopt, {{"browse", pick(1, 3)}, {"order", pick(1, 3)}}};
  v.links = {link("users", "front", once), link("front", "middle", to_middle),
             link("middle", "db", to_db)};
  return v;
}

}  // namespace engine_test
