#pragma once
// A generated microservice platform for benchmarks and randomised tests: `domains` service
// domains of 10 components each (gateway, load balancer, app servers, Redis, PostgreSQL with a
// replica, queue, workers, S3, a function, an external API) behind one API gateway, and
// `classes` request classes, each routed to one domain. A domain's app calls the next domain's
// app (chains of five domains), so a request touches up to ~50 components, as requests of real
// platforms touch a handful of services rather than all of them.
#include <string>

#include "archbench/model.h"

namespace archbench::bench {

inline Version generated_architecture(int domains, int classes) {
  Version v;
  v.name = "generated";
  auto comp = [&](const std::string& id, const std::string& kind,
                  std::map<std::string, ParamValue> params = {}) {
    v.components.push_back({id, kind, "", std::nullopt, std::move(params), {}, {}, {}});
  };
  auto link = [&](const std::string& from, const std::string& to, PerClass calls, double lat) {
    v.links.push_back({from, to, std::move(calls), lat, 1.0, {}});
  };
  comp("users", "users");
  comp("gateway", "api_gateway");
  for (int c = 0; c < classes; ++c) {
    RequestClass r;
    r.name = "class" + std::to_string(c);
    r.entry = "users";
    r.op = c % 4 == 3 ? Op::Write : Op::Read;
    r.per_second = 5.0 + c % 7;
    v.workload.push_back(r);
  }
  link("users", "gateway", PerClass{1.0, {}}, 20);
  for (int d = 0; d < domains; ++d) {
    const std::string p = "d" + std::to_string(d) + "_";
    comp(p + "lb", "load_balancer");
    comp(p + "app", "app_server",
         {{"instances", ParamValue::of(3)}, {"concurrency", ParamValue::of(64)},
          {"service_ms", ParamValue::of(4 + d % 5)}});
    comp(p + "cache", "cache", {{"concurrency", ParamValue::of(4)}});
    comp(p + "db", "database",
         {{"read_replicas", ParamValue::of(1)}, {"concurrency", ParamValue::of(32)},
          {"service_ms", ParamValue::of(2)}});
    comp(p + "queue", "message_queue");
    comp(p + "workers", "worker_pool",
         {{"instances", ParamValue::of(2)}, {"concurrency", ParamValue::of(16)},
          {"service_ms", ParamValue::of(50)}});
    comp(p + "s3", "object_storage");
    comp(p + "fn", "function", {{"service_ms", ParamValue::of(30)}});
    comp(p + "ext", "external_api", {{"service_ms", ParamValue::of(80)}});
    comp(p + "gw", "api_gateway");
    link(p + "gw", p + "lb", PerClass{1.0, {}}, 0.2);
    link(p + "lb", p + "app", PerClass{1.0, {}}, 0.2);
    link(p + "app", p + "cache", PerClass{1.0, {}}, 0.3);
    link(p + "cache", p + "db", PerClass{2.0, {}}, 0.5);
    link(p + "app", p + "queue", PerClass{0.2, {}}, 0.5);
    link(p + "queue", p + "workers", PerClass{1.0, {}}, 0.5);
    link(p + "workers", p + "s3", PerClass{1.0, {}}, 1);
    link(p + "workers", p + "db", PerClass{1.0, {}}, 0.5);
    link(p + "app", p + "fn", PerClass{0.1, {}}, 1);
    link(p + "fn", p + "ext", PerClass{0.5, {}}, 20);
    if (d % 5 != 4 && d + 1 < domains) {
      link(p + "app", "d" + std::to_string(d + 1) + "_gw", PerClass{0.6, {}}, 0.5);
    }
  }
  // The top gateway routes each class to the first domain of one chain.
  for (int d = 0; d < domains; d += 5) {
    PerClass calls{std::nullopt, {}};
    for (int c = 0; c < classes; ++c) {
      if ((c * 5) % domains == d) calls.by_class["class" + std::to_string(c)] = 1;
    }
    if (calls.by_class.empty()) calls.by_class["class0"] = 0;
    link("gateway", "d" + std::to_string(d) + "_gw", calls, 0.5);
  }
  return v;
}

// users → gateway → N services (a split: one of them per request), one class.
inline Version fan_out(int n) {
  Version v;
  v.name = "fan-out";
  v.components.push_back({"users", "users", "", std::nullopt, {}, {}, {}, {}});
  v.components.push_back({"gw", "api_gateway", "", std::nullopt, {{"concurrency", ParamValue::of(100000)}}, {}, {}, {}});
  RequestClass r;
  r.name = "q";
  r.entry = "users";
  r.per_second = 100;
  v.workload.push_back(r);
  v.links.push_back({"users", "gw", PerClass{1.0, {}}, 1, 1.0, {}});
  for (int i = 0; i < n; ++i) {
    const std::string id = "s" + std::to_string(i);
    v.components.push_back({id, "app_server", "", std::nullopt, {{"service_ms", ParamValue::of(5)}}, {}, {}, {}});
    v.links.push_back({"gw", id, PerClass{1.0, {}}, 0.1, 1.0, {}});
  }
  return v;
}

}  // namespace archbench::bench
