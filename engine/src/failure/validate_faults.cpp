// Validation of faults: each names what exists, keeps its numbers within bounds, and appears
// once per component in a scenario. Places are JSON pointers in the project file's spelling.
#include <map>
#include <tuple>

#include "archbench/faults.h"
#include "model/json_util.h"
#include "model/params.h"

namespace archbench {

using detail::number_text;
using detail::pointer_join;

namespace {

struct FaultChecker {
  const Version& v;
  const Catalog& catalog;
  std::vector<Diagnostic> out;

  void add(std::string place, std::string msg) {
    out.push_back({std::move(place), std::move(msg)});
  }

  const KindDecl* kind_of(const Component& c) const { return catalog.find(c.kind); }

  // The component a fault names, or null after saying why it cannot be used.
  const Component* existing(const std::string& id, const std::string& at, const char* key) {
    if (id.empty()) {
      add(pointer_join(at, key), "the fault needs a component id");
      return nullptr;
    }
    const Component* c = v.component(id);
    if (!c) add(pointer_join(at, key), "no component with id \"" + id + "\"");
    return c;
  }

  // Fields a fault type does not read must keep their defaults: the file format has no place
  // for them, so they would be lost on save.
  void unused_fields(const Fault& f, const std::string& at) {
    const Fault d;
    const char* type = to_string(f.type);
    auto unused = [&](bool differs, bool applies, const char* key) {
      if (differs && !applies)
        add(pointer_join(at, key),
            std::string("\"") + key + "\" does not apply to a " + type + " fault");
    };
    const bool named =
        f.type != FaultType::Zone && f.type != FaultType::Spike && f.type != FaultType::Region;
    unused(!f.component.empty(), named, f.type == FaultType::Cut ? "from" : "component");
    unused(!f.to.empty(), f.type == FaultType::Cut, "to");
    unused(!f.zone.empty(), f.type == FaultType::Zone || f.type == FaultType::Region, "zone");
    unused(f.factor != d.factor, f.type == FaultType::Slow || f.type == FaultType::Spike, "factor");
    unused(f.add_ms != d.add_ms, f.type == FaultType::Slow, "add_ms");
    unused(f.instances != d.instances, f.type == FaultType::Lose, "instances");
    unused(f.hit_ratio != d.hit_ratio, f.type == FaultType::Flush, "hit_ratio");
    unused(f.fraction != d.fraction, f.type == FaultType::Partition, "fraction");
  }

  // Nodes that can be lost: a replicated store's primary and replicas, else its instances.
  int nodes(const Component& c, const KindDecl& k) const {
    if (k.param("shards") && detail::param_number(c, k, "shards", "", 1) > 1)
      return static_cast<int>(detail::param_number(c, k, "shards", "", 1));  // whole shards
    const double replicas = detail::param_number(c, k, "read_replicas", "", 0);
    if (k.behaviour == Behaviour::Store && replicas > 0) return 1 + static_cast<int>(replicas);
    return static_cast<int>(detail::param_number(c, k, "instances", "", 1));
  }

  void fault(const Fault& f, const std::string& at) {
    unused_fields(f, at);
    const Component* c = nullptr;
    switch (f.type) {
      case FaultType::Cut: {
        const Component* from = existing(f.component, at, "from");
        const Component* to = existing(f.to, at, "to");
        if (from && to) {
          bool linked = false;
          for (const auto& l : v.links) linked = linked || (l.from == f.component && l.to == f.to);
          if (!linked) add(at, "no link from \"" + f.component + "\" to \"" + f.to + "\" to cut");
        }
        break;
      }
      case FaultType::Zone: {
        bool placed = false;
        for (const auto& comp : v.components)
          for (const auto& z : comp.zones) placed = placed || z == f.zone;
        if (f.zone.empty())
          add(pointer_join(at, "zone"), "the fault needs a zone");
        else if (!placed)
          add(pointer_join(at, "zone"), "no component is placed in zone \"" + f.zone + "\"");
        break;
      }
      case FaultType::Region: {
        // Spelled as a zone outage: it names a place where components stand.
        bool placed = false;
        for (const auto& comp : v.components) {
          placed = placed || comp.region == f.zone;
          for (const auto& r : comp.replica_regions) placed = placed || r == f.zone;
        }
        if (f.zone.empty())
          add(pointer_join(at, "region"), "the fault needs a region");
        else if (!placed)
          add(pointer_join(at, "region"), "no component is placed in region \"" + f.zone + "\"");
        break;
      }
      case FaultType::Spike:
        if (!(f.factor > 0 && f.factor <= 1000))
          add(pointer_join(at, "factor"), "the spike factor is " + number_text(f.factor) +
                                              "; it must lie above 0 and at most 1000");
        break;
      default:
        c = existing(f.component, at, "component");
        break;
    }
    const KindDecl* k = c ? kind_of(*c) : nullptr;
    if (k && k->behaviour == Behaviour::Client)
      add(pointer_join(at, "component"),
          "\"" + c->id + "\" is a client (where requests come from); it cannot fail");
    switch (f.type) {
      case FaultType::Lose:
        if (f.instances < 1) {
          add(pointer_join(at, "instances"), "a lose fault takes at least 1 instance");
        } else if (k && k->behaviour != Behaviour::Client && f.instances > nodes(*c, *k)) {
          const int n = nodes(*c, *k);
          const int replicas =
              static_cast<int>(detail::param_number(*c, *k, "read_replicas", "", 0));
          const bool sharded = k->param("shards") && detail::param_number(*c, *k, "shards", "", 1) > 1;
          const std::string has = sharded ? std::to_string(n) + " shards (a lose fault takes whole shards)"
                                  : k->behaviour == Behaviour::Store && replicas > 0
                                      ? std::to_string(n) + " nodes (the primary and " +
                                            std::to_string(replicas) +
                                            (replicas == 1 ? " read replica)" : " read replicas)")
                                      : std::to_string(n) + (n == 1 ? " instance" : " instances");
          add(pointer_join(at, "instances"), "\"" + c->id + "\" has " + has +
                                                 "; a lose fault cannot take " +
                                                 std::to_string(f.instances));
        }
        break;
      case FaultType::Slow:
        if (!(f.factor > 0 && f.factor <= 1000))
          add(pointer_join(at, "factor"), "the slow-down factor is " + number_text(f.factor) +
                                              "; it must lie above 0 and at most 1000");
        if (!(f.add_ms >= 0 && f.add_ms <= 1e6))
          add(pointer_join(at, "add_ms"), "the added time is " + number_text(f.add_ms) +
                                              " ms; it must lie between 0 and 1e6 ms");
        if (f.factor == 1 && f.add_ms == 0)
          add(at, "a slow fault needs \"factor\" (other than 1) or \"add_ms\" (other than 0)");
        break;
      case FaultType::Flush:
        if (k && k->behaviour != Behaviour::Cache)
          add(pointer_join(at, "component"), "\"" + c->id + "\" (kind " + c->kind +
                                                 ") is not a cache; only a cache can be flushed");
        if (!(f.hit_ratio >= 0 && f.hit_ratio <= 1))
          add(pointer_join(at, "hit_ratio"),
              "the hit ratio is " + number_text(f.hit_ratio) + "; it must lie between 0 and 1");
        break;
      case FaultType::Partition:
        // A partition cuts read replicas off from their primary: it needs a store that has some.
        if (k && k->behaviour != Behaviour::Store)
          add(pointer_join(at, "component"),
              "\"" + c->id + "\" (kind " + c->kind +
                  ") is not a store; a partition splits a replicated store");
        else if (k && detail::param_number(*c, *k, "read_replicas", "", 0) < 1)
          add(pointer_join(at, "component"),
              "\"" + c->id + "\" has no read replicas; a partition splits a replicated store");
        if (!(f.fraction > 0 && f.fraction < 1))
          add(pointer_join(at, "fraction"), "the fraction is " + number_text(f.fraction) +
                                                "; it must lie strictly between 0 and 1");
        break;
      default:
        break;
    }
    if (!(f.duration_s > 0 && f.duration_s <= 1e7))
      add(pointer_join(at, "duration_s"), "the duration is " + number_text(f.duration_s) +
                                              " s; it must lie above 0 and at most 1e7 s");
  }

  void all(const std::vector<Fault>& faults, const std::string& base) {
    // One fault of a type per target: two "slow db" in one scenario contradict each other.
    std::map<std::tuple<FaultType, std::string, std::string, std::string>, std::size_t> first;
    for (std::size_t i = 0; i < faults.size(); ++i) {
      const Fault& f = faults[i];
      const std::string at = pointer_join(base, i);
      fault(f, at);
      auto [it, fresh] =
          first.emplace(std::make_tuple(f.type, f.component, f.to, f.zone), i);
      if (!fresh) {
        std::string target = f.type == FaultType::Cut ? "\"" + f.component + "\" → \"" + f.to + "\""
                             : f.type == FaultType::Zone  ? "zone \"" + f.zone + "\""
                             : f.type == FaultType::Region ? "region \"" + f.zone + "\""
                             : f.type == FaultType::Spike ? std::string("the workload")
                                                          : "\"" + f.component + "\"";
        add(at, std::string("a second ") + to_string(f.type) + " fault on " + target +
                    " clashes with " + pointer_join(base, it->second) +
                    "; a fault type appears once per component in a scenario");
      }
    }
  }
};

}  // namespace

std::vector<Diagnostic> validate_faults(const Version& version, const Catalog& catalog,
                                        const std::vector<Fault>& faults, const std::string& base) {
  FaultChecker c{version, catalog, {}};
  c.all(faults, base);
  return c.out;
}

}  // namespace archbench
