// Faults applied to a compiled version (faults_apply.h): the version as the faults leave it,
// counts read as earlier faults left them so that faults combine, and the fixed point's setup.
#include "failure/faults_apply.h"

#include <algorithm>

#include "archbench/format.h"
#include "archbench/regions.h"
#include "model/params.h"

namespace archbench::detail {

namespace {

const Component* find_component(const Version& v, const std::string& id) { return v.component(id); }

// A write, or a strong read: served by the primary only (docs/REGIONS.md).
bool goes_to_primary(const CClass& c) {
  return c.op == Op::Write || c.consistency == Consistency::Strong;
}

bool is_database(const Catalog& catalog, const Component& c) {
  const KindDecl* k = catalog.find(c.kind);
  return k && k->behaviour == Behaviour::Store && k->param("read_replicas");
}

// Instances of `c` (a database: its nodes, the primary first) in zone `z`.
std::vector<bool> in_zone(const Component& c, int units, const std::string& z) {
  std::vector<bool> out(static_cast<std::size_t>(units), false);
  if (c.zones.empty()) return out;
  for (int u = 0; u < units; ++u) out[static_cast<std::size_t>(u)] = c.zones[static_cast<std::size_t>(u) % c.zones.size()] == z;
  return out;
}

void note(Applied& a, const std::string& id, const std::string& what, bool own = true) {
  if (own) a.own.insert(id);
  std::string& t = a.text[id];
  t += (t.empty() ? "" : ", ") + what;
}

// Instances lost on a sharded component are whole shards, the hot one first
// (docs/PATTERNS.md#sharding): the requests that need one fail (make_setup); all lost is a crash.
bool lose_shards(Applied& a, const Component& c, const Catalog& catalog, int lost) {
  const KindDecl* k = catalog.find(c.kind);
  const int shards = k && k->param("shards") ? static_cast<int>(detail::param_number(c, *k, "shards", "", 1)) : 1;
  if (shards <= 1) return false;
  int& down = a.shards_down[c.id];
  down += lost;
  if (down >= shards) a.crashed.insert(c.id);
  note(a, c.id, "−" + std::to_string(lost) + (lost == 1 ? " shard" : " shards"));
  return true;
}

}  // namespace

Applied apply(const Version& v, const Catalog& catalog, const std::vector<Fault>& faults) {
  Applied a;
  a.version = v;
  auto set_number = [&](const std::string& id, const std::string& param, double value) {
    a.version.component(id)->params[param] = ParamValue::of(value);
  };
  // Counts are read from the version as the earlier faults left it, so faults combine (two
  // zones, a zone and a lost instance).
  auto lose = [&](const Component& original, int lost, const std::string& why) {
    const Component& c = *a.version.component(original.id);
    const KindDecl* k = catalog.find(c.kind);
    if (is_database(catalog, c)) {
      const int replicas = static_cast<int>(detail::param_number(c, *k, "read_replicas", "", 0));
      if (lost > replicas || (lost == replicas && a.primary_down.count(c.id))) {
        a.crashed.insert(c.id);
      } else {
        set_number(c.id, "read_replicas", replicas - lost);
      }
    } else {
      const int n = static_cast<int>(detail::param_number(c, *k, "instances", "", 1));
      if (lost >= n) a.crashed.insert(c.id);
      else set_number(c.id, "instances", n - lost);
    }
    note(a, c.id, why);
  };
  for (const Fault& f : faults) {
    switch (f.type) {
      case FaultType::Crash: a.crashed.insert(f.component); note(a, f.component, "crashed"); break;
      case FaultType::Hang: a.hanging.insert(f.component); note(a, f.component, "hangs"); break;
      case FaultType::Lose:
        if (const Component* c = find_component(v, f.component); c && lose_shards(a, *c, catalog, f.instances))
          break;
        if (const Component* c = find_component(v, f.component))
          lose(*c, f.instances, "−" + std::to_string(f.instances) + (f.instances == 1 ? " instance" : " instances"));
        break;
      case FaultType::Slow: {
        auto& s = a.slow[f.component];
        if (s.first == 0) s = {1.0, 0.0};
        s.first *= f.factor;
        s.second += f.add_ms / 1000.0;
        std::string t;
        if (f.factor != 1) t = "×" + format_multiplier(f.factor) + " slower";
        if (f.add_ms != 0) t += (t.empty() ? "+" : " +") + format_ms(f.add_ms) + " ms";
        note(a, f.component, t);
        break;
      }
      case FaultType::Flush:
        set_number(f.component, "hit_ratio", f.hit_ratio);
        note(a, f.component, f.hit_ratio == 0 ? "flushed" : "hit ratio " + format_percent(f.hit_ratio));
        break;
      case FaultType::Cut:
        a.cut.insert({f.component, f.to});
        note(a, f.component, "link to " + f.to + " cut", false);
        break;
      case FaultType::Zone:
        for (const Component& c : v.components) {
          if (c.zones.empty()) continue;
          const KindDecl* k = catalog.find(c.kind);
          if (!k) continue;
          // Placement follows the design as written: instance i in zones[i mod n], a
          // database's primary first.
          if (is_database(catalog, c)) {
            const int replicas = static_cast<int>(detail::param_number(c, *k, "read_replicas", "", 0));
            const auto hit = in_zone(c, replicas + 1, f.zone);
            const int lost_replicas = static_cast<int>(std::count(hit.begin() + 1, hit.end(), true));
            if (!hit[0] && lost_replicas == 0) continue;
            if (hit[0]) a.primary_down.insert(c.id);
            lose(c, lost_replicas, "zone " + f.zone + " down" + (hit[0] ? " (primary)" : ""));
          } else {
            const int n = static_cast<int>(detail::param_number(c, *k, "instances", "", 1));
            const auto hit = in_zone(c, n, f.zone);
            const int lost = static_cast<int>(std::count(hit.begin(), hit.end(), true));
            if (lost > 0) lose(c, lost, "zone " + f.zone + " down (−" + std::to_string(lost) + ")");
          }
        }
        break;
      case FaultType::Region:
        // Every component in the region is down; a database loses the nodes placed there (its
        // primary in its own region, replicas by replica_regions), as a zone outage does.
        for (const Component& c : v.components) {
          if (is_database(catalog, c)) {
            const KindDecl* k = catalog.find(c.kind);
            const int replicas = static_cast<int>(detail::param_number(c, *k, "read_replicas", "", 0));
            const bool primary = c.region == f.zone;
            int lost_replicas = 0;
            for (int r = 0; r < replicas; ++r) lost_replicas += replica_region(c, r) == f.zone;
            if (!primary && lost_replicas == 0) continue;
            if (primary) a.primary_down.insert(c.id);
            lose(c, lost_replicas, "region " + f.zone + " down" + (primary ? " (primary)" : ""));
          } else if (c.region == f.zone) {
            a.crashed.insert(c.id);
            note(a, c.id, "region " + f.zone + " down");
          }
        }
        break;
      case FaultType::Spike: a.spike *= f.factor; break;
      case FaultType::Partition:
        a.partitions.push_back(&f);
        note(a, f.component, "partitioned");
        break;
    }
  }
  return a;
}

Setup make_setup(const CompiledVersion& cv, const Applied& a, const Catalog& catalog, const Version& v) {
  const std::size_t N = cv.nodes.size(), K = cv.classes.size();
  Setup s;
  s.crashed.assign(N, 0);
  s.hanging.assign(N, 0);
  s.refuse.assign(N, std::vector<double>(K, 0.0));
  s.cut.resize(N);
  s.fault_text.assign(N, "");
  s.own_fault.assign(N, 0);
  s.stale.assign(K, 0.0);
  detail::FailureModes modes = detail::failure_modes(cv, v, catalog);
  s.failover = std::move(modes.failover);
  s.fall_through = std::move(modes.fall_through);
  for (std::size_t i = 0; i < N; ++i) {
    const CNode& n = cv.nodes[i];
    s.cut[i].assign(n.out.size(), 0);
    if (a.crashed.count(n.id)) s.crashed[i] = 1;
    if (a.hanging.count(n.id)) s.hanging[i] = 1;
    if (auto it = a.text.find(n.id); it != a.text.end()) s.fault_text[i] = it->second;
    if (a.own.count(n.id)) s.own_fault[i] = 1;
    for (std::size_t l = 0; l < n.out.size(); ++l) {
      if (a.cut.count({n.id, cv.nodes[static_cast<std::size_t>(n.out[l].to)].id})) s.cut[i][l] = 1;
    }
    if (auto it = a.shards_down.find(n.id); it != a.shards_down.end() && !s.crashed[i]) {
      // Single-shard requests fail on the lost shards' share (the hot shard's h, then
      // (1 − h)/(S − 1) each); every cross-shard request needs them all.
      const double S = n.shards, h = n.hot_share;
      const double lost = h + (it->second - 1) * (1 - h) / (S - 1);
      for (std::size_t k = 0; k < K; ++k) {
        const double x = cv.classes[k].cross_shard;
        s.refuse[i][k] = std::max(s.refuse[i][k], (1 - x) * lost + x);
      }
    }
    if (a.primary_down.count(n.id)) {
      for (std::size_t k = 0; k < K; ++k) {
        if (goes_to_primary(cv.classes[k])) s.refuse[i][k] = 1.0;
      }
    }
  }
  for (const Fault* f : a.partitions) {
    const Component* c = v.component(f->component);
    const KindDecl* k = c ? catalog.find(c->kind) : nullptr;
    if (!c || !k) continue;
    const bool cp = detail::param_bool(*c, *k, "synchronous_replication", false);
    for (std::size_t i = 0; i < N; ++i) {
      if (cv.nodes[i].id != f->component) continue;
      for (std::size_t kk = 0; kk < K; ++kk) {
        // The class's consistency decides for its reads (docs/REGIONS.md): a strong read on the
        // cut-off side cannot reach the primary and fails (CP); the others answer stale (AP).
        const bool strong = cv.classes[kk].op == Op::Read && cv.classes[kk].consistency == Consistency::Strong;
        if (cp || strong) s.refuse[i][kk] = std::max(s.refuse[i][kk], f->fraction);
        else if (cv.classes[kk].op == Op::Read)
          s.stale[kk] = std::max(s.stale[kk], f->fraction * std::min(1.0, cv.visits[kk][i]));
      }
    }
  }
  return s;
}

// Rate limits (docs/PATTERNS.md): a limiter refuses 1 − min(1, R/λ) of what it is offered at
// once, λ the scenario's rates (a spike included) at `load`, retries not counted; the refused
// fail fast there, as in the simulator (a 429 is a failure to its caller).
void refuse_above_rate_limits(Setup& s, const CompiledVersion& cv, double load) {
  if (!cv.has_rate_limits()) return;
  CompiledVersion admitted = cv;
  admitted.admit_at(load);
  for (std::size_t i = 0; i < admitted.nodes.size(); ++i) {
    const double refused = 1 - admitted.nodes[i].admit;
    if (refused <= 0) continue;
    for (std::size_t k = 0; k < admitted.classes.size(); ++k)
      s.refuse[i][k] = std::max(s.refuse[i][k], refused);
  }
}

CompiledVersion compile_faulted(const Applied& a, const Catalog& catalog) {
  CompiledVersion cv(a.version, catalog);
  for (auto& n : cv.nodes) {
    auto it = a.slow.find(n.id);
    if (it == a.slow.end()) continue;
    n.shape.clear();
    for (double& s : n.service_s) {
      s = s * it->second.first + it->second.second;
      n.shape.push_back(ServiceShape::fit(s, n.scv));
    }
  }
  for (auto& c : cv.classes) {
    c.peak_rate *= a.spike;
    c.average_rate *= a.spike;
  }
  return cv;
}

}  // namespace archbench::detail
