#pragma once
// The compiled version (analytic/compiled.h) flattened for the event loop: nodes, links and
// stations in arrays indexed by integers, per-(node, class) and per-(link, class) figures in
// flat arrays, split and queue routing as cumulative probabilities. Built once per model and
// shared read-only by every replication.
#include <cstdint>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/distribution.h"
#include "archbench/model.h"
#include "sim/random.h"

namespace archbench {
class CompiledVersion;
}

namespace archbench::sim {

struct SimLink {
  int from = 0, to = 0;
  double latency_s = 0;  // one way
  std::vector<double> latency_k_s;  // per class where regions make it differ (CLink)
  double latency(int k) const {
    return latency_k_s.empty() ? latency_s : latency_k_s[static_cast<std::size_t>(k)];
  }
  // The caller's policy on this link, in seconds.
  double timeout_s = 0;  // 0: none
  int retries = 0;
  double backoff_s = 0, backoff_multiplier = 2;
  bool jitter = false;        // full jitter
  bool jitter_equal = false;  // with jitter: equal jitter (uniform in [backoff/2, backoff])
  bool breaker = false;
  double breaker_threshold = 0.5, breaker_open_s = 5;
  bool fallback_degraded = false;
  int bulkhead = 0;    // 0: unlimited
  bool async = false;  // a queue's delivery: no policy applies, nothing comes back
  // The network's faults (docs/PATTERNS.md): each message lost with `loss`, a call delivered
  // twice with `duplicate`; `lossy` when either is set (its calls' executions are counted).
  double loss = 0, duplicate = 0;
  bool lossy = false;
  bool holds_connection = false;  // a call holds one of the callee's limited connections
  // A caller with a pool into a callee with max_connections: the connections each caller
  // instance's pool holds (pool_size × the callee's nodes); 0 otherwise (run_restart.cpp).
  long long pool_want = 0;
};

struct SimNode {
  Behaviour behaviour = Behaviour::Service;
  bool blocking = false;
  bool replicated = false;    // a store with read replicas: role 0 the primary, role 1 the replicas
  bool pool = false;          // consumers behind a queue: one station of instances × concurrency
  bool failover = false;      // a split with health checks: down targets get no share
  bool fall_through = false;  // a cache whose callers read from the origin while it is down
  long long instances = 1, concurrency = 1;
  // A split's rate limit, requests per second (0: none): a token bucket refilled at this rate
  // holding at most `bucket` tokens (one second's worth, at least 1); a request that finds it
  // empty is refused (run_limits.cpp).
  double rate_limit = 0, bucket = 0;
  // A component with max_connections: the connections its callers without a pool may hold at
  // once (max_connections × nodes, less what the pools hold; -1: no limit), and the links those
  // calls come by (run_limits.cpp).
  long long conn_free = -1;
  long long conn_total = -1;  // max_connections × nodes (-1: no limit)
  std::vector<int> conn_links;
  // Zone of each instance (a database: primary, then replicas), as an index into
  // SimModel::zones; empty when the component lists no zones.
  std::vector<int> instance_zone;
  // Region of each instance (a database: primary, then replicas; docs/REGIONS.md); empty
  // strings where the component is not placed in a region.
  std::vector<std::string> instance_region;
  int role_first[2] = {-1, -1};  // first station of each role (of shard 0 when sharded)
  int role_count[2] = {0, 0};     // per shard
  // A sharded store or cache (docs/PATTERNS.md, Sharding): `shards` copies of its stations,
  // shard by shard (shard s's stations of role r are role_first[r] + s × shard_stride + j),
  // shard 0 the hot one; its instances are numbered the same way (shard × the instances of one
  // shard + the instance in it). A single-shard visit goes to shard 0 with probability
  // hot_share, else to one of the others at random; a cross-shard one to every shard at once.
  int shards = 1;
  int shard_stride = 0;
  double hot_share = 1;
  // Parallel fan-out: the calls on every out link are made at once (one after another within
  // a link), and the visit goes on when the last is answered.
  bool parallel = false;
  int out_first = 0, out_count = 0;  // links, in link order
};

struct SimModel {
  // `compiled` compiled from `version`.
  SimModel(const CompiledVersion& compiled, const Version& version, const Catalog& catalog);

  std::size_t K = 0;  // classes
  std::vector<SimNode> nodes;
  std::vector<SimLink> links;
  // [link * K + class]
  std::vector<int> whole_calls;      // ⌊calls⌋
  std::vector<double> extra_call;    // probability of one call more: calls − ⌊calls⌋
  std::vector<double> route_cum;     // split/queue: cumulative probability up to this link
  std::vector<std::uint8_t> routed;  // split/queue: whether this link is ever chosen
  // [node * K + class]
  std::vector<SampleShape> shape;
  std::vector<double> hit;
  std::vector<std::int8_t> role;  // which role's stations a visit waits at
  // [station]
  std::vector<long long> servers;
  std::vector<int> station_node;
  // [class]
  std::vector<int> entry;
  std::vector<double> peak_rate;
  std::vector<bool> write;
  std::vector<bool> async;         // reaches a message queue
  std::vector<double> cross_shard;  // share of its visits to a sharded component on every shard
  std::vector<std::string> zones;  // every zone some component lists
  std::vector<std::string> ids;    // [node]: the component's id
};

}  // namespace archbench::sim
