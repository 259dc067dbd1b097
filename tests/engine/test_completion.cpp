// Completion time of an asynchronous class: wall clock, from the request's arrival to the end
// of the last work it caused (docs/MODEL.md, "Completion time"), against closed forms and the
// mini simulation.
#include <catch2/catch.hpp>

#include <cmath>

#include "agreement_fixture.h"

using namespace archbench;

namespace {

Component make(const std::string& id, const std::string& kind, double service_ms, int servers) {
  Component c;
  c.id = id;
  c.kind = kind;
  if (kind == "users") return c;
  c.params = {{"service_ms", ParamValue::of(service_ms)},
              {"concurrency", ParamValue::of(servers)},
              {"instances", ParamValue::of(1)},
              {"scv", ParamValue::of(1)}};
  if (kind != "message_queue") c.params["blocking"] = ParamValue::of_bool(false);
  return c;
}

Link edge(const std::string& from, const std::string& to, double latency_ms) {
  Link l;
  l.from = from;
  l.to = to;
  l.calls = PerClass{1.0, {}};
  l.latency_ms = latency_ms;
  return l;
}

// users → app (M/M/1, 10 ms) → queue (M/M/1, 2 ms) → workers (M/M/1, `job_ms`), 20 jobs/s;
// `user_ms` one way between users and app, 1 ms app → queue, 3 ms queue → workers.
Version pipeline(double user_ms, double job_ms) {
  Version v;
  v.name = "pipeline";
  RequestClass job;
  job.name = "job";
  job.entry = "users";
  job.per_second = 20;
  job.sync = false;
  v.workload = {job};
  v.components = {make("users", "users", 0, 1), make("app", "app_server", 10, 1),
                  make("mq", "message_queue", 2, 1), make("workers", "worker_pool", job_ms, 1)};
  v.links = {edge("users", "app", user_ms), edge("app", "mq", 1), edge("mq", "workers", 3)};
  return v;
}

}  // namespace

TEST_CASE("Completion is the enqueue path plus the queued job when the job ends last",
          "[completion]") {
  // Ack = 2·5 ms + app 1/(100 − 20) + 2·1 ms + queue 1/(500 − 20) = 10 + 12.5 + 2 + 2.0833 ms.
  // The job (M/M/1, 40 ms: response 1/(25 − 20) = 200 ms) starts 3 ms after the enqueue and
  // outlasts the 1 + 5 ms the acknowledgement still travels, so completion = 5 + 12.5 + 1 +
  // 2.0833 + 3 + 200 = 223.58 ms; the old "in sequence" figure added those 6 ms.
  const Report r = evaluate(pipeline(5, 40), engine_test::catalog());
  const ClassResult& c = *r.request_class("job");
  REQUIRE(c.latency.has_value());
  REQUIRE(c.completion.has_value());
  CHECK(c.latency->mean == Approx(10 + 12.5 + 2 + 1000.0 / 480).epsilon(1e-9));
  CHECK(c.completion->mean == Approx(5 + 12.5 + 1 + 1000.0 / 480 + 3 + 200).epsilon(1e-9));
  CHECK(c.completion->p95 > c.latency->p95);
}

TEST_CASE("Completion is the acknowledgement when the own path ends after the queued job",
          "[completion]") {
  // Same pipeline with 200 ms one way to the users and a 1 ms job (response 1/(1000 − 20) =
  // 1.02 ms): the enqueue path plus the job (5.1 ms after the enqueue by means) ends before the
  // acknowledgement is back (201 ms after it), so completion = ack =
  // 400 + 12.5 + 2 + 2.0833 ms, mean and percentiles.
  const Report r = evaluate(pipeline(200, 1), engine_test::catalog());
  const ClassResult& c = *r.request_class("job");
  REQUIRE(c.latency.has_value());
  REQUIRE(c.completion.has_value());
  CHECK(c.latency->mean == Approx(400 + 12.5 + 2 + 1000.0 / 480).epsilon(1e-9));
  CHECK(c.completion->mean == Approx(c.latency->mean).epsilon(1e-12));
  CHECK(c.completion->p95 == Approx(c.latency->p95).epsilon(1e-9));
}

TEST_CASE("Image pipeline V1 completion agrees with the simulation at half of max throughput",
          "[agreement][completion]") {
  // Upload: API (blocking, 2 × 16 threads) stores to S3 and the DB, enqueues to SQS and is
  // acknowledged; a worker pool (24 threads, 7.5 s, SCV 0.037) then resizes. Simulated by the
  // engine's simulator, 4,400 s at 50% of the engine's max throughput (seed 7, 440 s warm-up,
  // ≈ 5,000 uploads); the 95%
  // half-width of the completion p95 by batch means is below 1%. Mean and p95 of the wall-clock
  // completion must be within 3% of the simulation's (the p95 widened by its half-width beyond
  // 1%, as in test_blocking_agreement.cpp).
  const auto& v = engine_test::preset("image-pipeline.archbench.json").versions.front();
  const auto a = engine_test::agree(v, 0.5, 4400);
  const ClassResult& c = *a.engine.request_class("upload");
  const auto& s = a.of("upload");
  REQUIRE(s.completion.has_value());
  const auto& done = *s.completion;
  INFO("simulated completion mean " << done.mean.value << " ms, p95 " << done.p95.value << " ± "
                                    << done.p95.half_width << " ms");
  REQUIRE(c.completion.has_value());
  CHECK(s.measured > 3000);
  CHECK(engine_test::relative(done.p95) < 0.03);
  CHECK(c.completion->mean == Approx(done.mean.value).epsilon(0.03));
  CHECK(c.completion->p95 ==
        Approx(done.p95.value)
            .epsilon(0.03 + std::max(0.0, engine_test::relative(done.p95) - 0.01)));
}
