#pragma once
// The analytic solver: a pure function from a version (and options) to a report.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"
#include "archbench/queueing.h"
#include "archbench/scaling.h"

namespace archbench {

struct EvaluateOptions {
  double load = 1.0;              // multiplier on every class's rate
  bool percentiles = true;        // p50/p95/p99 by transform inversion (means are always exact)
  bool max_throughput = true;     // search the load multiplier at which the first station saturates
};

struct Latency {  // milliseconds
  double mean = 0;
  double p50 = 0;
  double p95 = 0;
  double p99 = 0;
};

// Stale reads of a read class from replicas that lag behind the primary (docs/REGIONS.md):
// writes to each key a Poisson process of rate λw, a replica L behind the primary; a read is
// stale when a write to its key came within the last L: P = 1 − e^(−λw·L).
struct StaleReads {
  Consistency consistency = Consistency::Eventual;
  double stale_share = 0;           // probability that one read returns stale data
  double staleness_ms = 0;          // expected staleness of a stale read: L/(1 − e^(−λw·L)) − 1/λw
  double mean_staleness_ms = 0;     // over every read (fresh ones count 0): L − (1 − e^(−λw·L))/λw
  double lag_ms = 0;                // the largest replica lag it reads behind
  double writes_per_key_per_s = 0;  // λw at the evaluated load
  double stale_per_s = 0;           // stale reads per second
  // A read model fed through a message queue (docs/PATTERNS.md, event sourcing): the queue, and the mean
  // time from an event's enqueue until the projection's work ends, added to every replica's lag.
  // `projection_unbounded`: that queue's backlog grows without bound (no stale figures then).
  std::string projection_queue;
  double projection_lag_ms = 0;
  bool projection_unbounded = false;
};

// A rebuild of the projections a message queue feeds (replay_events): the stored events replayed
// at the spare capacity its consumers and their callees keep while live events go on arriving.
struct ReplayFigures {
  double events = 0;
  double rate_per_s = 0;          // events replayed per second; 0: no spare capacity
  double live_per_s = 0;          // live messages per second through the queue meanwhile
  std::optional<double> seconds;  // events / rate; null when the rate is 0
  std::string limited_by;         // the component whose spare capacity sets the rate
};

struct ClassResult {
  std::string name;
  Op op = Op::Read;
  bool sync = true;
  double rate_per_s = 0;  // at the evaluated load
  bool saturated = false;
  std::string reason;                  // why it is saturated
  std::optional<Latency> latency;      // what the caller waits for (the ack at a queue)
  bool async = false;                  // crosses a message queue
  bool completion_saturated = false;
  std::string completion_reason;
  std::optional<Latency> completion;   // until its queued work is done (async only)
  // Rate limits on its path: the share of its requests refused at once (429); null when its
  // path meets no limit. Its latency figures are then those of the admitted requests.
  std::optional<double> refused_share;
  // Loss and duplicates on its path (docs/PATTERNS.md): set when a link it takes loses or
  // duplicates messages. Duplicate side effects per day (at the average rate) of its retried or
  // duplicated calls, for a write class whose calls are not idempotent (0 otherwise); the share
  // of its requests that fail because every attempt of a call was lost; whether some lossy link
  // on its path has no timeout (a lost call then waits for ever: the share hangs instead).
  std::optional<double> duplicates_per_day;
  std::optional<double> lost_share;
  bool lost_hang = false;
  // Consistency (docs/REGIONS.md): set for a read class that reads replicas with a replication
  // lag; null for strong reads and where no replica lags.
  std::optional<StaleReads> stale;
  bool strong = false;  // a strong read: served by the primary, never stale
};

// One kind of station of a component: its instances, a shared consumer pool, a database
// primary or its replicas. Figures are per station.
struct StationResult {
  std::string role;  // "instance", "pool", "primary", "replica", "edge"
  int count = 1;     // identical stations of this role
  long long servers = 1;  // servers per station
  double arrival_per_s = 0;
  double holding_ms = 0;              // mean time a server is held (finite unless saturated)
  double offered_utilization = 0;     // λ·H/c; may exceed 1; 0 when H is unbounded
  std::optional<double> utilization;  // null when saturated
  std::optional<double> wait_ms;
  bool saturated = false;
  bool exact = false;  // M/M/c exactly
  StationModel model = StationModel::MMc;  // how the wait was found
  double scv = 1;      // of the holding time
  std::string shard;   // sharded component: "hot" (the hottest shard's) or "others"; else empty
};

// A sharded component (docs/PATTERNS.md#sharding).
struct ShardFigures {
  int shards = 1;
  double hot_share = 0;  // of single-shard visits, on the hottest shard
  // Busiest station of the hot shard and of the other shards; null when saturated.
  std::optional<double> hot_utilization, other_utilization;
};

// Connections at a component with max_connections (docs/PATTERNS.md, "Connection limits"), per
// node (a database's primary and each replica have their own limit).
struct ConnectionFigures {
  long long limit = 0;           // max_connections per node
  long long pooled = 0;          // held open by the callers' pools: Σ instances × pool_size
  long long refused_pooled = 0;  // of those, beyond the limit: refused when the pools open
  std::string largest_pool;      // the caller whose pools hold the most ("api: 50 × 20")
  // Callers without a pool hold a connection while a call is in flight: the mean held at once
  // (Little: Σ λ × the call's round trip), the most they can hold (a blocking caller's threads;
  // -1: unbounded), and the share of their calls refused because every connection left is in
  // use (Erlang B over the connections the pools leave free; 0 when they always fit). Both are
  // null when the component is saturated (its calls' round trips are unbounded).
  std::optional<double> unpooled_in_use = 0.0;
  long long unpooled_max = 0;
  std::optional<double> refused_share = 0.0;
};

// One line of a component's monthly bill: usd_per_month = quantity × unit_price_usd.
struct CostItem {
  std::string term;  // "nodes", "requests", "transfer", "storage", "compute"
  double usd_per_month = 0;
  double quantity = 0;        // per month, in `unit`
  std::string unit;           // "node-months", "million requests", "GB", "GB-months", "GB-seconds"
  double unit_price_usd = 0;  // the catalog's (or the file's) price of one unit
};

struct ComponentResult {
  std::string id;
  std::string kind;
  std::string name;
  Behaviour behaviour = Behaviour::Service;
  double arrival_per_s = 0;  // visits per second, all classes
  std::optional<double> utilization;  // per server, busiest station; null when saturated
  std::optional<double> wait_ms;      // per visit, mean
  std::optional<double> response_ms;  // per visit: wait + own service (downstream excluded)
  std::optional<double> holding_ms;   // per visit: time a server is held
  bool saturated = false;
  std::string reason;
  double cost_per_month = 0;
  std::vector<CostItem> costs;
  std::vector<StationResult> stations;
  std::optional<ConnectionFigures> connections;  // set when it has max_connections
  std::optional<double> rate_limit_per_s;  // set when it has a rate limit
  double refused_per_s = 0;                // requests its rate limit refuses (429)
  std::optional<ShardFigures> shards;      // set when it has more than one shard
  int parallel_links = 0;                  // links it calls in parallel (fan-out); 0: in sequence
  std::optional<AutoscaleFigures> autoscale;  // set when it autoscales: the count chosen
  std::optional<MeshFigures> mesh;            // set when it has a sidecar
  std::optional<ReplayFigures> replay;        // set on a queue with replay_events
};

struct Totals {
  double offered_rate_per_s = 0;  // sum of class rates at this load
  double cost_per_month = 0;
  // Cost per month over the requests of a month. Null without traffic, and null when the load
  // saturates a station: the offered requests cannot all be carried, so a cost per offered
  // request would be too low (cost_per_million_note says why).
  std::optional<double> cost_per_million_requests;
  std::string cost_per_million_note;  // why there is no figure; empty when there is one
  std::optional<double> max_throughput_multiplier;  // null without traffic or when not searched
  std::optional<double> max_throughput_rate_per_s;
  std::string bottleneck;         // component id
  std::string bottleneck_reason;
  bool saturated = false;         // some station is saturated at this load
};

// What one link carries: the visits per second its calls bring the callee (retries and
// duplicates of a lossy link included, a cache's misses only, a split's share), at peak rate.
// The links into a component add up to its arrival rate.
struct LinkResult {
  std::string from, to;
  double calls_per_s = 0;
};

struct Report {
  std::string version;
  double load = 1;
  std::vector<ClassResult> classes;
  std::vector<ComponentResult> components;
  std::vector<LinkResult> links;  // every link, in the order of the callers
  Totals totals;

  const ComponentResult* component(const std::string& id) const;
  const LinkResult* link(const std::string& from, const std::string& to) const;
  const ClassResult* request_class(const std::string& name) const;
};

class CompiledVersion;

// A version compiled for repeated evaluation (sweeps, searches). It copies what it needs; the
// version and catalog may change afterwards. Construct only from a version that validates.
class QueueingModel {
 public:
  QueueingModel(const Version& version, const Catalog& catalog);
  ~QueueingModel();
  QueueingModel(QueueingModel&&) noexcept;
  QueueingModel& operator=(QueueingModel&&) noexcept;

  Report evaluate(const EvaluateOptions& options = {}) const;
  // The load multiplier at which the first station saturates, and that station (empty id and
  // nullopt when nothing carries traffic).
  std::pair<std::optional<double>, std::string> max_throughput() const;

 private:
  std::unique_ptr<CompiledVersion> impl_;
};

// Validates, compiles and evaluates; throws InputError (file "<version NAME>") on an invalid one.
Report evaluate(const Version& version, const Catalog& catalog, const EvaluateOptions& options = {});

}  // namespace archbench
