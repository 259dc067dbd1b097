#include "analytic/compiled.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <stdexcept>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

#include "archbench/regions.h"
#include "model/params.h"

namespace archbench {

CompiledVersion::CompiledVersion(const Version& v, const Catalog& catalog) : version_name(v.name) {
  std::unordered_map<std::string, int> index;
  nodes.reserve(v.components.size());
  for (const auto& c : v.components) {
    const KindDecl* k = catalog.find(c.kind);
    if (!k) throw std::invalid_argument("unknown kind " + c.kind);
    index[c.id] = static_cast<int>(nodes.size());
    nodes.push_back({});
    CNode& n = nodes.back();
    n.id = c.id;
    n.kind = c.kind;
    n.name = c.display_name();
    n.decl = k;
    n.behaviour = k->behaviour;
  }
  for (const auto& r : v.workload) {
    CClass cc;
    cc.name = r.name;
    cc.op = r.op;
    cc.sync = r.sync;
    cc.entry = index.at(r.entry);
    cc.peak_rate = r.peak_rate();
    cc.average_rate = r.average_rate();
    cc.payload_kb = r.payload_kb;
    cc.idempotent = r.idempotent;
    cc.cross_shard = r.cross_shard;
    cc.consistency = r.consistency.value_or(Consistency::Eventual);
    cc.keys = r.keys;
    for (std::size_t w = 0; w < v.workload.size(); ++w)
      if (v.workload[w].op == Op::Write && (r.writes_from.empty() || v.workload[w].name == r.writes_from))
        cc.writers.push_back(static_cast<int>(w));
    classes.push_back(cc);
  }
  const std::size_t K = classes.size();
  // Sidecars (scaling.h): each adds its hop latency to every link it is an end of, each way.
  std::vector<double> hop_s(nodes.size(), 0.0);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    nodes[i].mesh = effective_mesh(v, v.components[i], catalog);
    if (nodes[i].mesh) hop_s[i] = nodes[i].mesh->latency_ms_per_hop / 1000.0;
  }
  std::vector<bool> only_queue_callers(nodes.size(), true);
  std::vector<bool> has_callers(nodes.size(), false);
  for (const auto& l : v.links) {
    CLink cl;
    cl.to = index.at(l.to);
    const int from = index.at(l.from);
    // A link between regions adds their latency to its own (docs/REGIONS.md); a mesh adds its
    // sidecar hops at both ends. (The ends by index: looking them up by id per link made a
    // 100,000-component chain's evaluation quadratic, 35 s.)
    const double hops_s = hop_s[static_cast<std::size_t>(from)] + hop_s[static_cast<std::size_t>(cl.to)];
    const std::string& caller_region = v.components[static_cast<std::size_t>(from)].region;
    const double to_primary =
        region_latency_ms(v, caller_region, v.components[static_cast<std::size_t>(cl.to)].region)
            .value_or(0.0);
    cl.latency_s = (l.latency_ms + to_primary) / 1000.0 + hops_s;
    cl.weight = l.weight;
    cl.policy = l.policy;
    cl.loss = l.loss;
    cl.retry = retry_delays(l.loss, l.policy);
    cl.duplicate = l.duplicate;
    cl.idempotent = l.idempotent;
    if (l.calls.by_class.empty()) {
      cl.calls.assign(v.workload.size(), l.calls.all.value_or(0.0));
    } else {
      for (const auto& r : v.workload) cl.calls.push_back(l.calls.for_class(r.name, 0.0));
    }
    // Reads served by a database's replicas travel to the replicas' regions (spread evenly),
    // writes and strong reads to the primary's.
    const Component& callee = v.components[static_cast<std::size_t>(cl.to)];
    const int replicas =
        nodes[cl.to].behaviour == Behaviour::Store
            ? static_cast<int>(detail::param_number(callee, *nodes[cl.to].decl, "read_replicas", "", 0))
            : 0;
    if (replicas > 0 && !callee.replica_regions.empty()) {
      double to_replicas = 0;
      for (int r = 0; r < replicas; ++r)
        to_replicas +=
            region_latency_ms(v, caller_region, replica_region(callee, r)).value_or(0.0) / replicas;
      if (to_replicas != to_primary) {
        for (const auto& c : classes) {
          const bool primary = c.op == Op::Write || c.consistency == Consistency::Strong;
          cl.latency_k_s.push_back((l.latency_ms + (primary ? to_primary : to_replicas)) / 1000.0 +
                                   hops_s);
        }
      }
    }
    has_callers[cl.to] = true;
    if (nodes[from].behaviour != Behaviour::Queue) only_queue_callers[cl.to] = false;
    nodes[from].out.push_back(std::move(cl));
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!has_callers[i]) only_queue_callers[i] = false;
    CNode& n = nodes[i];
    const Component& c = v.components[i];
    const KindDecl& k = *n.decl;
    n.instances = static_cast<long long>(detail::param_number(c, k, "instances", "", 1));
    n.autoscale = c.autoscale;
    if (n.autoscale) n.instances = n.autoscale->max;  // autoscale_at picks the count for a load
    n.concurrency = static_cast<long long>(detail::param_number(c, k, "concurrency", "", 1));
    n.blocking = detail::param_bool(c, k, "blocking", false);
    n.scv = detail::param_number(c, k, "scv", "", 1);
    n.replicas = static_cast<int>(detail::param_number(c, k, "read_replicas", "", 0));
    n.availability = detail::param_number(c, k, "availability", "", 1.0);
    n.rate_limit_per_s = detail::param_number(c, k, "rate_limit_per_s", "", 0.0);
    n.max_connections = static_cast<long long>(detail::param_number(c, k, "max_connections", "", 0));
    n.pool_size = static_cast<long long>(detail::param_number(c, k, "pool_size", "", 0));
    n.shards = std::max(1, static_cast<int>(detail::param_number(c, k, "shards", "", 1)));
    const double hot = detail::param_number(c, k, "hot_shard_share", "", 0.0);
    n.hot_share = hot > 0 ? hot : 1.0 / n.shards;  // 0: spread evenly
    n.parallel = n.behaviour == Behaviour::Service && detail::param_bool(c, k, "parallel_calls", false);
    // A node never runs more queries at once than it has connections (connections.cpp).
    if (n.max_connections > 0) n.concurrency = std::min(n.concurrency, n.max_connections);
    const double lag_ms = detail::param_number(c, k, "replication_lag_ms", "", 0.0);
    for (int r = 0; r < n.replicas; ++r)
      n.replica_lag_s.push_back(replica_lag_ms(v, c, lag_ms, r) / 1000.0);
    n.replay_events = detail::param_number(c, k, "replay_events", "", 0.0);
    const double mtbf = detail::param_number(c, k, "mtbf_hours", "", 0.0);
    const double mttr = detail::param_number(c, k, "mttr_hours", "", 0.0);
    if (mtbf > 0 && mttr > 0) n.availability = mtbf / (mtbf + mttr);  // steady-state availability
    if (n.behaviour == Behaviour::Client) {
      n.service_s.assign(v.workload.size(), 0.0);
    } else {
      n.service_s = detail::param_per_class(c, k, "service_ms", v.workload, 0);
      const double sidecar = n.mesh ? 1.0 + n.mesh->cpu_overhead : 1.0;
      for (double& s : n.service_s) s *= sidecar / 1000.0;
    }
    for (double s : n.service_s) n.shape.push_back(ServiceShape::fit(s, n.scv));
    n.hit = n.behaviour == Behaviour::Cache ? detail::hit_ratios(c, k, v.workload)
                                            : std::vector<double>(v.workload.size(), 0.0);
    auto cost = [&](const std::string& name) {
      return name.empty() ? 0.0 : detail::param_number(c, k, name, "", 0);
    };
    n.cost_node_month = cost(k.cost.per_node_month);
    n.cost_per_million = cost(k.cost.per_million_requests);
    n.cost_per_gb = cost(k.cost.per_gb_transfer);
    n.cost_gb_month = cost(k.cost.per_gb_month);
    n.storage_gb = cost(k.cost.storage_gb);
    n.cost_gb_second = cost(k.cost.per_gb_second);
    n.memory_gb = cost(k.cost.memory_mb) / 1024.0;
    compile_roles(n, only_queue_callers);
    n.route_total.assign(K, 0.0);
    for (std::size_t kk = 0; kk < K; ++kk) {
      for (const auto& o : n.out) n.route_total[kk] += o.weight * o.calls[kk];
    }
  }

  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (const auto& l : nodes[i].out) boost::add_edge(i, static_cast<std::size_t>(l.to), g);
  }
  std::vector<std::size_t> order;
  boost::topological_sort(g, std::back_inserter(order));  // callees first; throws on a cycle
  callers_first.assign(order.rbegin(), order.rend());
  compute_visits();
  node_classes.assign(nodes.size(), {});
  class_nodes.assign(classes.size(), {});
  pair_index.assign(nodes.size() * classes.size(), -1);
  for (auto it = callers_first.rbegin(); it != callers_first.rend(); ++it) {
    for (std::size_t k = 0; k < classes.size(); ++k) {
      if (visits[k][*it] <= 0) continue;
      node_classes[*it].push_back(static_cast<int>(k));
      class_nodes[k].push_back(*it);
      pair_index[static_cast<std::size_t>(*it) * classes.size() + k] = static_cast<int>(pair_count++);
    }
  }
  for (const auto& n : nodes) {
    role_offset.push_back(static_cast<int>(role_count));
    role_count += n.roles.size();
  }
  compute_captives();
}

void CompiledVersion::compile_roles(CNode& n, const std::vector<bool>& only_queue_callers) {
  const std::size_t K = classes.size();
  const int self = static_cast<int>(&n - nodes.data());
  n.route.assign(K, -1);
  n.route_cold.assign(K, -1);
  if (n.behaviour == Behaviour::Client) return;
  if (n.behaviour == Behaviour::Store && n.replicas > 0) {
    // Reads spread over the replicas; writes go to the primary and are applied on every replica.
    // Strong reads go to the primary (docs/REGIONS.md).
    CStationRole primary{"primary", 1, n.concurrency, std::vector<double>(K), 0};
    CStationRole replica{"replica", n.replicas, n.concurrency, std::vector<double>(K), 0};
    for (std::size_t k = 0; k < K; ++k) {
      const bool write = classes[k].op == Op::Write;
      const bool strong = !write && classes[k].consistency == Consistency::Strong;
      primary.share[k] = write || strong ? 1.0 : 0.0;
      replica.share[k] = write ? 1.0 : strong ? 0.0 : 1.0 / n.replicas;
      n.route[k] = write || strong ? 0 : 1;
    }
    n.roles = {primary, replica};
    n.nodes = 1 + n.replicas;
    shard_roles(n);
    return;
  }
  if (only_queue_callers[self]) {
    // Consumers behind a queue pull from one shared queue: one station with all servers.
    n.roles = {{"pool", 1, n.instances * n.concurrency, std::vector<double>(K, 1.0), 0}};
  } else {
    n.roles = {{"instance", static_cast<int>(n.instances), n.concurrency,
                std::vector<double>(K, 1.0 / static_cast<double>(n.instances)), 0}};
  }
  n.nodes = static_cast<int>(n.instances);
  n.route.assign(K, 0);
  shard_roles(n);
}

}  // namespace archbench
