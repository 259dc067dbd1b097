#pragma once
// A version resolved into flat arrays for the solver: indices instead of ids, parameters
// resolved per class, visit counts per class, and the callee-first order.
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/distribution.h"
#include "archbench/delivery.h"
#include "archbench/model.h"
#include "archbench/queueing.h"
#include "archbench/scaling.h"
#include "archbench/solver.h"

namespace archbench {

struct CLink {
  int to = 0;
  double latency_s = 0;          // one way
  // Per class, where regions make it differ (a database's reads served by replicas in another
  // region than its primary, docs/REGIONS.md); empty: latency_s for every class.
  std::vector<double> latency_k_s;
  double latency(std::size_t k) const { return latency_k_s.empty() ? latency_s : latency_k_s[k]; }
  double weight = 1;
  std::vector<double> calls;     // per class
  LinkPolicy policy;
  double loss = 0, duplicate = 0;  // per message lost; call delivered twice (delivery.cpp)
  bool idempotent = false;
  // What lost messages add to an answered call: timeouts and backoffs waited before the
  // attempt answered (archbench/delivery.h); empty for most links.
  std::vector<RetryDelay> retry;
};

// One role of stations of a component (instances, shared pool, primary, replicas).
struct CStationRole {
  std::string role;
  int count = 1;
  long long servers = 1;
  std::vector<double> share;  // per class: fraction of the component's visits one station gets
  int shard = 0;              // 0: not sharded; 1: the hot shard's; 2: the other shards' (shards.cpp)
};

struct CNode {
  std::string id, kind, name;
  const KindDecl* decl = nullptr;
  Behaviour behaviour = Behaviour::Service;
  long long instances = 1;
  long long concurrency = 1;
  bool blocking = false;
  double scv = 1;
  std::vector<double> service_s;    // per class
  std::vector<ServiceShape> shape;  // per class
  std::vector<double> hit;          // per class (caches)
  int replicas = 0;                 // stores
  double availability = 1;          // per instance (catalog "availability"; 1 when undeclared)
  int nodes = 1;                    // billed nodes
  double rate_limit_per_s = 0;      // splits: requests per second admitted in all; 0: no limit
  double admit = 1;                 // share of its visits a split passes on (admission.cpp)
  long long max_connections = 0;    // client connections one node accepts; 0: no limit
  long long pool_size = 0;          // connections each instance keeps to limited callees; 0: none
  int shards = 1;                   // stores and caches: partitions, each with the base roles
  double hot_share = 1;             // share of single-shard visits on the hottest shard
  bool parallel = false;            // services: the calls on the out links are made in parallel
  // Autoscaling (autoscale.cpp): compiled at `max` instances; autoscale_at picks the count for a
  // load and keeps the count the target asked for without the bounds (-1: none would do).
  std::optional<Autoscale> autoscale;
  long long autoscale_wanted = 0;
  std::optional<Mesh> mesh;  // its sidecar: service × (1 + cpu_overhead), hops on its links
  std::vector<double> replica_lag_s;  // stores: each replica's replication lag (consistency.cpp)
  double replay_events = 0;           // queues: events a rebuild replays (projection.cpp)
  std::vector<CLink> out;
  // Per class: Σ weight × calls over `out`, in link order (the denominator of a split's or a
  // queue's routing probability, summed once rather than once per link).
  std::vector<double> route_total;
  std::vector<CStationRole> roles;
  std::vector<int> route;           // per class: which role a visit waits at (-1: none); the
                                    // hot shard's when sharded
  std::vector<int> route_cold;      // per class: the other shards' role (-1: not sharded)
  // Cost parameters (0 when the kind has no such term).
  double cost_node_month = 0, cost_per_million = 0, cost_per_gb = 0, cost_gb_month = 0,
         storage_gb = 0, cost_gb_second = 0, memory_gb = 0;
};

struct CClass {
  std::string name;
  Op op = Op::Read;
  bool sync = true;
  int entry = 0;
  double peak_rate = 0;
  double average_rate = 0;
  double payload_kb = 0;
  bool idempotent = false;  // an idempotency key end to end (delivery.cpp)
  double cross_shard = 0;   // share of visits to a sharded component that go to every shard
  // Reads (consistency.cpp): strong reads go to the primary; the others may be stale, missing
  // the writes of `writers` (class indices) spread over `keys` keys.
  Consistency consistency = Consistency::Eventual;
  std::vector<int> writers;
  double keys = 1;
};

// The lag of a read model behind a writer's events: the queue they cross and the mean time from
// the enqueue until the work it causes ends (projection.cpp); infinite when its backlog grows.
struct ProjectionLag {
  int queue = -1;
  double seconds = 0;
};

// Mean-value state of one evaluation at a load multiplier.
struct RoleState {
  double lambda = 0;
  double holding = 0;       // mean holding time, s (meaningless when unbounded)
  double scv = 1;
  double light = std::numeric_limits<double>::quiet_NaN();  // light_traffic_ratio, NaN if not needed
  bool unbounded = false;   // some class holds a server forever (saturated downstream)
  bool saturated = false;
  bool exact = false;
  StationModel model = StationModel::MMc;
  double utilization = 0;
  WaitShape wait;
  // Multipliers of the wait's conditional mean for a fresh visit and for one that repeats its
  // request's call just returned (MeanState::class_wait); 1 unless a pool solution set them.
  double fresh = 1, again = 1;
};

struct NodeState {
  bool saturated = false;          // some role saturated
  bool own_saturation = false;     // saturated by its own load, not by a saturated callee
  int cause = -1;                  // node whose saturation this one inherits
};

// Flat arrays: sojourns indexed by (node, class) pair — only the pairs a class visits — and
// roles by [role_offset[node] + role].
struct MeanState {
  double load = 1;
  std::size_t K = 0;
  const std::vector<int>* pair_index = nullptr;  // [node * K + class] → pair, or -1
  std::vector<NodeState> nodes;
  std::vector<RoleState> roles;
  std::vector<Moments> down;        // downstream sojourn after own work (ack path)
  std::vector<Moments> down_done;   // same, until the last work the visit caused ends
  std::vector<Moments> visit;       // whole visit sojourn (ack path)
  std::vector<Moments> visit_done;  // from the visit's start to the end of the last work it caused
  // Per pair: the wait of one visit of this class at its station: the role's wait, with its
  // conditional mean scaled by the class's mix of fresh and repeated visits (RoleState::again).
  std::vector<WaitShape> class_wait;
  std::vector<WaitShape> class_wait_cold;  // per pair: the same at the other shards' station
  // Per pair (service, client, cache): the link whose call leads to the work that ends last
  // (the completion branch), or -1 when the visit's own response is the last thing to end.
  std::vector<int> done_link;
  bool any_saturated = false;

  std::size_t pair(int node, std::size_t k) const {
    return static_cast<std::size_t>((*pair_index)[node * K + k]);
  }
  // The sojourn of a visit; zero for a pair the class never visits.
  const Moments& visit_of(int node, std::size_t k, bool done) const {
    static const Moments none{};
    const int p = (*pair_index)[node * K + k];
    return p < 0 ? none : (done ? visit_done : visit)[static_cast<std::size_t>(p)];
  }
  // Whether the work a call on a link of one-way `latency_s` causes at `node` ends after the
  // call's response is back at the caller (by means; an unbounded time is the later one).
  bool caused_work_ends_later(int node, std::size_t k, double latency_s) const {
    const Moments& done = visit_of(node, k, true);
    const Moments& ack = visit_of(node, k, false);
    if (done.infinite || ack.infinite) return done.infinite && !ack.infinite;
    return done.mean + latency_s > ack.mean + 2 * latency_s;
  }
};

class CompiledVersion {
 public:
  CompiledVersion(const Version& v, const Catalog& catalog);

  std::string version_name;
  std::vector<CNode> nodes;
  std::vector<CClass> classes;
  std::vector<int> callers_first;           // topological order
  std::vector<std::vector<double>> visits;  // [class][node], per request of the class
  std::vector<std::vector<int>> node_classes;  // [node]: classes that visit it
  std::vector<std::vector<int>> class_nodes;   // [class]: nodes it visits, callees first
  std::vector<int> role_offset;                // [node]: first role in MeanState::roles
  std::vector<int> pair_index;                 // [node * K + class]: visited pair, or -1
  // [node]: the blocking component whose threads make every call that reaches it (directly or
  // through non-blocking components), when that component is one pool of threads; else -1.
  std::vector<int> captive_of;
  std::vector<std::vector<int>> captives;  // [pool node]: its captive nodes, callees first
  // [node]: some blocking component holds a thread while this node works for it (it is
  // reached from one, directly or through non-blocking components other than a queue).
  std::vector<char> behind_blocking;
  // [role]: the fraction of a station's visits that repeat, at once, the same request's call
  // just returned from it (a link called twice or more per visit, one call at a time).
  std::vector<double> repeat_share;
  std::vector<double> pair_repeat_share;  // [pair]: the same, of one class's visits to the node
  std::size_t pair_count = 0;
  std::size_t role_count = 0;

  // Split and queue routing probability of link `l` of node `n` for class `k` (n one of `nodes`).
  double route_probability(const CNode& n, const CLink& l, int k) const;
  // Visits one visit of class `k` to `n` brings the callee of its link `l`: the calls (a
  // cache's on a miss), a split's or a queue's routing probability (after rate limits).
  double visits_per_visit(const CNode& n, const CLink& l, int k) const;
  // Arrivals at the callee per call on link `l` of `n`: with loss and duplicates (delivery.h),
  // the attempts that reach it (its timeout's retries included) and their duplicates; 1 without.
  double arrivals_per_call(const CNode& n, const CLink& l) const;
  // `waits` false: only what the maximum-throughput search and the bottleneck's explanation
  // read (saturation, holding times, utilizations), without the pool chains' correction of
  // the pools' own waits (pool_chain.h), which none of those depend on.
  MeanState solve_means(double load, bool waits = true) const;

  // Rate limits (admission.cpp): whether some split has one, and the shares each admits at
  // `load`, set into CNode::admit with the visits recomputed below them.
  bool has_rate_limits() const;
  void admit_at(double load);
  // Requests per second the limit of node `i` refuses at `load` (after admit_at(load)).
  double refused_per_s(int i, double load) const;
  // Calls of one request of class `k` refused by rate limits on its way (after admit_at).
  double refused_per_request(int k) const;
  // Connection limits (connections.cpp): node `i`'s connection figures at `load` from the
  // solved state; null when it has no max_connections.
  std::optional<ConnectionFigures> connections(int i, double load, const MeanState& st) const;
  // Autoscaling (autoscale.cpp): whether some node autoscales; node `i` given `count` instances
  // (its stations follow); every autoscaled node given the count its target asks for at `load`
  // (rate limits applied); its figures for a report.
  bool has_autoscaling() const;
  void set_instances(int i, long long count);
  void autoscale_at(double load);
  std::optional<AutoscaleFigures> autoscale_figures(int i) const;
  // Consistency (consistency.cpp): the stale-read figures of read class `k` at `load`; null
  // when it reads no replica with a replication lag, or reads strongly.
  // A read model fed through a queue adds the projection's lag (from `st`) to its replicas'.
  std::optional<StaleReads> stale_reads(int k, double load, const MeanState& st) const;
  // Event sourcing (projection.cpp): the lag of node `i` behind the events of write class `w`
  // that reach it only through a message queue (the slowest such queue); null when none does,
  // or when the writer also reaches it without a queue (a store written in step, not a read model).
  std::optional<ProjectionLag> projection_lag(int w, int i, const MeanState& st) const;
  // The replay figures of queue `q` at `load` from the solved state; null without replay_events.
  std::optional<ReplayFigures> replay(int q, double load, const MeanState& st) const;

 private:
  void compile_roles(CNode& n, const std::vector<bool>& only_queue_callers);
  // Sharding (shards.cpp): the base roles of `n` become the hot shard's and the others'.
  void shard_roles(CNode& n);
  void compute_visits();
  void compute_captives();
};

}  // namespace archbench
