#pragma once
// The project model: a project holds versions; a version is a complete architecture.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archbench/attempt.h"

namespace archbench {

// A number for every request class, or a map per class (with "*" for the rest).
struct PerClass {
  std::optional<double> all;          // set when written as one number
  std::map<std::string, double> by_class;

  // The value for a class: the map's entry, else "*", else `all`, else `fallback`.
  double for_class(const std::string& cls, double fallback) const;
  bool is_map() const { return !all.has_value(); }
  bool operator==(const PerClass&) const = default;
};

// A parameter value as written in the project file.
struct ParamValue {
  enum class Type { Number, Bool, PerClassMap, Text };
  Type type = Type::Number;
  double number = 0;                  // Number
  bool flag = false;                  // Bool
  std::map<std::string, double> map;  // PerClassMap
  std::string text;                   // Text: one of a choice parameter's names

  static ParamValue of(double v) { return {Type::Number, v, false, {}, {}}; }
  static ParamValue of_bool(bool b) { return {Type::Bool, 0, b, {}, {}}; }
  static ParamValue of_map(std::map<std::string, double> m) {
    return {Type::PerClassMap, 0, false, std::move(m), {}};
  }
  static ParamValue of_text(std::string t) { return {Type::Text, 0, false, {}, std::move(t)}; }
  bool operator==(const ParamValue&) const = default;
};

enum class Op { Read, Write };
const char* to_string(Op op);

// Which copy of a database a read class may see (format 5, docs/REGIONS.md): strong reads the
// primary; read-your-writes and eventual are served by the replicas and may be stale.
enum class Consistency { Strong, ReadYourWrites, Eventual };
const char* to_string(Consistency c);
std::optional<Consistency> consistency_from(const std::string& s);

// One request class of the workload.
struct RequestClass {
  std::string name;
  std::string entry;  // id of a client component
  Op op = Op::Read;
  std::optional<double> per_second;  // exactly one of per_second and per_day is set
  std::optional<double> per_day;
  std::optional<double> peak_factor;  // only with per_day; 1 when absent
  double payload_kb = 0;
  bool sync = true;  // false: the caller only waits for an acknowledgement (needs a queue)
  std::optional<double> slo_percent;  // availability objective, e.g. 99.9 (percent of requests)
  bool idempotent = false;  // carries an idempotency key end to end: retries and duplicates are
                            // recognised by every callee (format 4, docs/PATTERNS.md)
  double cross_shard = 0;   // share of its visits to a sharded store or cache that fan out to
                            // every shard (format 5, docs/PATTERNS.md#sharding)
  // Consistency and replication lag (format 5, docs/REGIONS.md). Unset: reads spread over the
  // replicas as eventual ones do. The writes a read may miss: those of `writes_from` (empty:
  // every write class reaching the same database), spread evenly over `keys` keys.
  std::optional<Consistency> consistency;
  std::string writes_from;
  double keys = 1;

  // Design (peak) rate in requests per second, used by the queueing model.
  double peak_rate() const;
  // Average rate, used for monthly volumes and usage costs.
  double average_rate() const;
  bool operator==(const RequestClass&) const = default;
};

// Autoscaling of an instance-based component (format 5, docs/PATTERNS.md): evaluate picks the
// smallest instance count in [min, max] whose utilization is at most the target; new instances
// take scale_up_delay_s to arrive after a rise in load.
struct Autoscale {
  int min = 1;
  int max = 10;
  double target_utilization = 0.7;
  double scale_up_delay_s = 60;
  bool operator==(const Autoscale&) const = default;
};

// A service-mesh sidecar (format 5, docs/PATTERNS.md): on a component, or on a whole version
// (then on every service it runs). Each sidecar a call passes adds latency_ms_per_hop each way;
// it raises the component's service demand by cpu_overhead (0.1 = 10%) and costs
// cost_per_instance_month for each instance it runs beside.
struct Mesh {
  double latency_ms_per_hop = 0.5;
  double cpu_overhead = 0.1;
  double cost_per_instance_month = 5;
  bool operator==(const Mesh&) const = default;
};

struct Component {
  std::string id;
  std::string kind;
  std::string name;  // display name; empty means "use the id"
  std::optional<std::array<double, 2>> pos;
  std::map<std::string, ParamValue> params;  // only what the file sets; the rest are defaults
  std::vector<std::string> zones;  // instances (and a database's nodes) spread round-robin over these
  std::optional<Autoscale> autoscale{};  // format 5: the instance count follows the load
  std::optional<Mesh> mesh{};          // format 5: a sidecar beside each instance
  // Regions (format 5, docs/REGIONS.md): the component's region (a database's primary), and a
  // database's replicas spread round-robin over `replica_regions` (empty: with the primary).
  std::string region{};
  std::vector<std::string> replica_regions{};

  const std::string& display_name() const { return name.empty() ? id : name; }
  bool operator==(const Component&) const = default;
};

// How a caller protects itself on one link. The default protects nothing.
struct LinkPolicy {
  double timeout_ms = 0;           // per attempt; 0: wait as long as it takes
  int retries = 0;                 // attempts after the first when one fails or times out
  double backoff_ms = 0;           // wait before the first retry
  double backoff_multiplier = 2;   // each further retry waits this many times longer
  bool jitter = false;             // full jitter: each wait uniform in [0, backoff]
  // With jitter: equal jitter instead, half the backoff fixed and half uniform, so each wait is
  // uniform in [backoff/2, backoff] (format 5: "jitter": "equal").
  bool jitter_equal = false;
  bool breaker = false;            // circuit breaker on the attempts
  double breaker_threshold = 0.5;  // failed fraction of attempts that opens it
  double breaker_open_ms = 5000;   // how long it stays open before a probe
  bool fallback_degraded = false;  // open breaker or failed call: a degraded answer, not a failure
  int bulkhead = 0;                // most concurrent calls on this link; 0: unlimited

  bool is_default() const { return *this == LinkPolicy{}; }
  bool operator==(const LinkPolicy&) const = default;
};

struct Link {
  std::string from;
  std::string to;
  PerClass calls{1.0, {}};  // expected calls per visit of the caller; a map's missing class is 0
  double latency_ms = 0;   // one-way network latency
  double weight = 1;       // share of a split or queue delivery (× calls)
  LinkPolicy policy;
  // The network's faults on this link (format 4, docs/PATTERNS.md): each message (the call, its
  // answer) is lost with probability `loss`; a call is delivered twice with `duplicate`.
  double loss = 0;
  double duplicate = 0;
  bool idempotent = false;  // the callee recognises a repeated call (an idempotency key)
  bool operator==(const Link&) const = default;
};

enum class FaultType { Crash, Hang, Lose, Slow, Flush, Cut, Zone, Spike, Partition, Region };
const char* to_string(FaultType t);
std::optional<FaultType> fault_type_from(const std::string& s);

// One failure. Which fields matter depends on the type.
struct Fault {
  FaultType type = FaultType::Crash;
  std::string component;    // crash, hang, lose, slow, flush, partition; cut: the caller
  std::string to;           // cut: the callee
  std::string zone;         // zone; region: the region (every component and replica there is down)
  double factor = 1;        // slow: service time ×; spike: every class's rate ×
  double add_ms = 0;        // slow: + ms per visit
  int instances = 1;        // lose: instances (a database: replicas) lost
  double hit_ratio = 0;     // flush: the hit ratio while it lasts (0: just flushed)
  double fraction = 0.5;    // partition: share of requests that arrive on the cut-off side
  double duration_s = 600;  // how long it lasts: sizes queue backlogs and divergence windows

  bool operator==(const Fault&) const = default;
};

enum class Metric { Success, Answered, Degraded, Failed, MeanMs, P95Ms };
const char* to_string(Metric m);
std::optional<Metric> metric_from(const std::string& s);
enum class Cmp { AtLeast, AtMost };

// A steady-state condition of an experiment, e.g. browse success ≥ 99 (%).
struct Condition {
  std::string request_class;
  Metric metric = Metric::Success;
  Cmp op = Cmp::AtLeast;
  double value = 0;  // percent for rates, ms for latencies
  bool operator==(const Condition&) const = default;
};

struct Experiment {
  std::string name;
  std::string hypothesis;
  std::vector<Fault> faults;
  std::vector<std::string> blast_radius;  // classes it may affect; empty: not stated
  std::vector<Condition> conditions;
  bool operator==(const Experiment&) const = default;
};

// A fault (above) that holds over a window of simulated time, [start_s, end_s).
struct TimedFault {
  Fault fault;
  double start_s = 0;
  double end_s = 0;
  bool operator==(const TimedFault&) const = default;
};

// Every instance of a component replaced in simulated time (format 5, docs/SIMULATE.md): new
// instances start, open their connection pools, and take over from the old ones when ready,
// after startup_s. All at once, or rolling: one instance after the other, each in startup_s.
struct Restart {
  std::string component;
  double start_s = 0;
  double startup_s = 10;
  bool rolling = false;
  bool operator==(const Restart&) const = default;
};

// A simulation kept with a version (format 5): the run's length and load and what happens in
// it, so a project can carry the scenario its notes talk about (`simulate --scenario NAME`).
struct StoredSimulation {
  std::string name;
  std::string notes;  // what to look at
  double duration_s = 600;
  std::optional<double> warmup_s;  // default: a tenth of the duration
  double load = 1;
  std::uint64_t seed = 1;
  double timeline_step_s = 1;
  std::vector<TimedFault> faults;
  std::vector<Restart> restarts;
  bool operator==(const StoredSimulation&) const = default;
};

// The one-way network latency between two regions (either direction), added to a link whose
// ends lie in them (format 5, docs/REGIONS.md).
struct RegionLatency {
  std::string a, b;
  double ms = 0;
  bool operator==(const RegionLatency&) const = default;
};

struct Version {
  std::string name;
  std::string notes;
  std::vector<RequestClass> workload;
  std::vector<Component> components;
  std::vector<Link> links;
  std::vector<Fault> faults;  // the what-if scenario being looked at; empty: steady state
  std::vector<Experiment> experiments;
  std::vector<StoredSimulation> simulations;  // format 5
  std::optional<Mesh> mesh{};  // format 5: a sidecar on every service the version runs (scaling.h)
  std::vector<std::string> regions;           // the regions components may be placed in
  std::vector<RegionLatency> region_latency;  // between pairs of them

  const Component* component(const std::string& id) const;
  Component* component(const std::string& id);
  const RequestClass* request_class(const std::string& class_name) const;
  bool operator==(const Version&) const = default;
};

struct Project {
  std::string name;
  std::string description;
  std::vector<Version> versions;
  std::optional<PracticeRecord> practice;  // set when the project is an interview-practice attempt

  const Version* version(const std::string& version_name) const;
  bool operator==(const Project&) const = default;
};

}  // namespace archbench
