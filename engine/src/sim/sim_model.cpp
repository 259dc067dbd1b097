#include "sim/sim_model.h"

#include <algorithm>
#include <cmath>

#include "analytic/compiled.h"
#include "archbench/regions.h"
#include "failure/failure_modes.h"

namespace archbench::sim {

SimModel::SimModel(const CompiledVersion& c, const Version& version, const Catalog& catalog)
    : K(c.classes.size()) {
  const detail::FailureModes modes = detail::failure_modes(c, version, catalog);
  for (std::size_t i = 0; i < c.nodes.size(); ++i) {
    const CNode& n = c.nodes[i];
    SimNode s;
    ids.push_back(n.id);
    s.behaviour = n.behaviour;
    s.blocking = n.blocking;
    s.replicated = n.behaviour == Behaviour::Store && n.replicas > 0;
    s.pool = !n.roles.empty() && n.roles[0].role == "pool";
    s.failover = modes.failover[i] != 0;
    s.fall_through = modes.fall_through[i] != 0;
    s.rate_limit = n.rate_limit_per_s;
    s.bucket = n.rate_limit_per_s > 0 ? std::max(1.0, n.rate_limit_per_s * 1.0) : 0;
    const long long per_shard = s.replicated ? 1 + n.replicas : n.instances;
    s.shards = std::max(1, n.shards);
    s.hot_share = n.hot_share;
    s.parallel = n.parallel;
    s.instances = per_shard * s.shards;
    s.concurrency = n.concurrency;
    const auto& listed = version.components[i].zones;
    for (long long j = 0; !listed.empty() && j < s.instances; ++j) {
      const std::string& z = listed[static_cast<std::size_t>(j) % listed.size()];
      auto at = std::find(zones.begin(), zones.end(), z);
      if (at == zones.end()) at = zones.insert(zones.end(), z);
      s.instance_zone.push_back(static_cast<int>(at - zones.begin()));
    }
    for (long long j = 0; j < s.instances; ++j) {
      const long long local = j % per_shard;  // the instance within its shard
      s.instance_region.push_back(s.replicated && local > 0
                                      ? replica_region(version.components[i], static_cast<int>(local - 1))
                                      : version.components[i].region);
    }
    // A sharded node's compiled roles are its base roles for the hot shard, then the same for
    // the other shards together (CompiledVersion::shard_roles): the base ones, once per shard.
    const std::size_t base_roles = s.shards > 1 ? n.roles.size() / 2 : n.roles.size();
    for (int shard = 0; shard < s.shards; ++shard) {
      for (std::size_t r = 0; r < base_roles && r < 2; ++r) {
        if (shard == 0) {
          s.role_first[r] = static_cast<int>(servers.size());
          s.role_count[r] = n.roles[r].count;
          s.shard_stride += n.roles[r].count;
        }
        for (int j = 0; j < n.roles[r].count; ++j) {
          servers.push_back(n.roles[r].servers);
          station_node.push_back(static_cast<int>(nodes.size()));
        }
      }
    }
    s.out_first = static_cast<int>(links.size());
    s.out_count = static_cast<int>(n.out.size());
    const bool routes = n.behaviour == Behaviour::Split || n.behaviour == Behaviour::Queue;
    std::vector<double> cum(K, 0.0);
    for (const auto& l : n.out) {
      SimLink sl;
      sl.from = static_cast<int>(i);
      sl.to = l.to;
      sl.latency_s = l.latency_s;
      sl.latency_k_s = l.latency_k_s;
      sl.async = n.behaviour == Behaviour::Queue;
      const LinkPolicy& policy = l.policy;
      sl.timeout_s = policy.timeout_ms / 1000;
      sl.retries = policy.retries;
      sl.backoff_s = policy.backoff_ms / 1000;
      sl.backoff_multiplier = policy.backoff_multiplier;
      sl.jitter = policy.jitter;
      sl.jitter_equal = policy.jitter && policy.jitter_equal;
      sl.breaker = policy.breaker;
      sl.breaker_threshold = policy.breaker_threshold;
      sl.breaker_open_s = policy.breaker_open_ms / 1000;
      sl.fallback_degraded = policy.fallback_degraded;
      sl.bulkhead = policy.bulkhead;
      sl.loss = l.loss;
      sl.duplicate = l.duplicate;
      sl.lossy = l.loss > 0 || l.duplicate > 0;
      links.push_back(sl);
      for (std::size_t k = 0; k < K; ++k) {
        const double calls = l.calls[k];
        const double whole = std::floor(calls);
        whole_calls.push_back(static_cast<int>(whole));
        extra_call.push_back(calls - whole);
        const double p = routes ? c.route_probability(n, l, static_cast<int>(k)) : 0.0;
        cum[k] += p;
        route_cum.push_back(cum[k]);
        routed.push_back(p > 0 ? 1 : 0);
      }
    }
    for (std::size_t k = 0; k < K; ++k) {
      shape.push_back(SampleShape::of(n.shape[k]));
      hit.push_back(n.hit[k]);
      role.push_back(static_cast<std::int8_t>(n.route[k]));
    }
    nodes.push_back(std::move(s));
  }
  // Connection limits: pools hold theirs for good; calls without a pool hold one in flight.
  for (std::size_t t = 0; t < c.nodes.size(); ++t) {
    const CNode& target = c.nodes[t];
    if (target.max_connections <= 0) continue;
    long long pooled = 0;
    for (std::size_t l = 0; l < links.size(); ++l) {
      if (links[l].to != static_cast<int>(t)) continue;
      const CNode& caller = c.nodes[static_cast<std::size_t>(links[l].from)];
      if (caller.pool_size > 0) {
        pooled += caller.instances * caller.pool_size;
        links[l].pool_want = caller.pool_size * std::max(1, target.nodes);
      } else {
        links[l].holds_connection = true;
        nodes[t].conn_links.push_back(static_cast<int>(l));
      }
    }
    nodes[t].conn_free = std::max(0LL, target.max_connections - std::min(pooled, target.max_connections)) *
                         std::max(1, target.nodes);
    nodes[t].conn_total = target.max_connections * std::max(1, target.nodes);
  }
  for (std::size_t k = 0; k < K; ++k) {
    const auto& cl = c.classes[k];
    entry.push_back(cl.entry);
    peak_rate.push_back(cl.peak_rate);
    write.push_back(cl.op == Op::Write);
    cross_shard.push_back(cl.cross_shard);
    bool reaches_queue = false;
    for (std::size_t i = 0; i < c.nodes.size(); ++i)
      reaches_queue =
          reaches_queue || (c.nodes[i].behaviour == Behaviour::Queue && c.visits[k][i] > 0);
    async.push_back(reaches_queue);
  }
}

}  // namespace archbench::sim
