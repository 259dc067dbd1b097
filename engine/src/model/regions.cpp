#include "archbench/regions.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

#include "model/json_util.h"
#include "model/params.h"
#include "model/plain_text.h"

namespace archbench {

using detail::number_text;
using detail::pointer_join;

std::optional<double> region_latency_ms(const Version& v, const std::string& a,
                                        const std::string& b) {
  if (a.empty() || b.empty() || a == b) return 0.0;
  for (const auto& l : v.region_latency)
    if ((l.a == a && l.b == b) || (l.a == b && l.b == a)) return l.ms;
  return std::nullopt;
}

const std::string& replica_region(const Component& c, int i) {
  if (c.replica_regions.empty() || i < 0) return c.region;
  return c.replica_regions[static_cast<std::size_t>(i) % c.replica_regions.size()];
}

double replica_lag_ms(const Version& v, const Component& c, double replication_lag_ms, int i) {
  return replication_lag_ms +
         region_latency_ms(v, c.region, replica_region(c, i)).value_or(0.0);
}

namespace {

bool is_database(const Catalog& catalog, const Component& c) {
  const KindDecl* k = catalog.find(c.kind);
  return k && k->behaviour == Behaviour::Store && k->param("read_replicas");
}

}  // namespace

std::vector<Diagnostic> validate_regions(const Version& v, const Catalog& catalog,
                                         const std::string& prefix) {
  std::vector<Diagnostic> out;
  auto add = [&](std::string place, std::string msg) {
    out.push_back({std::move(place), std::move(msg)});
  };
  const std::set<std::string> declared(v.regions.begin(), v.regions.end());
  std::string names;
  for (const auto& r : v.regions) names += (names.empty() ? "" : ", ") + r;
  auto unknown = [&](const std::string& r) {
    return "unknown region \"" + detail::printable_text(r) + "\" (" +
           (names.empty() ? std::string("the version declares no regions: list them in regions.names")
                          : "declared: " + names) +
           ")";
  };
  const std::string regions_at = pointer_join(prefix, "regions");
  for (std::size_t i = 0; i < v.regions.size(); ++i) {
    const std::string at = pointer_join(pointer_join(regions_at, "names"), i);
    const std::string& r = v.regions[i];
    if (r.empty()) add(at, "a region needs a name");
    else if (auto problem = detail::text_problem(r))
      add(at, "the region name \"" + detail::printable_text(r) + "\" " + *problem);
    if (std::find(v.regions.begin(), v.regions.begin() + static_cast<long>(i), r) !=
        v.regions.begin() + static_cast<long>(i))
      add(at, "duplicate region \"" + detail::printable_text(r) + "\"");
  }
  for (std::size_t i = 0; i < v.region_latency.size(); ++i) {
    const auto& l = v.region_latency[i];
    const std::string at = pointer_join(pointer_join(regions_at, "latency_ms"), i);
    for (const auto* r : {&l.a, &l.b})
      if (!r->empty() && !declared.count(*r)) add(pointer_join(at, "between"), unknown(*r));
    if (!std::isfinite(l.ms) || l.ms < 0 || l.ms > 1e6)
      add(pointer_join(at, "ms"), "a latency between regions is from 0 to 1e6 ms, not " +
                                      number_text(l.ms));
    if (!l.a.empty() && l.a == l.b)
      add(pointer_join(at, "between"), "a latency needs two different regions (within one "
                                       "region a link's own latency_ms applies)");
    for (std::size_t j = 0; j < i; ++j) {
      const auto& o = v.region_latency[j];
      if ((o.a == l.a && o.b == l.b) || (o.a == l.b && o.b == l.a))
        add(pointer_join(at, "between"), "the latency between \"" + l.a + "\" and \"" + l.b +
                                             "\" is already given at latency_ms/" +
                                             std::to_string(j));
    }
  }
  for (std::size_t i = 0; i < v.components.size(); ++i) {
    const Component& c = v.components[i];
    const std::string at = pointer_join(pointer_join(prefix, "components"), i);
    if (!c.region.empty() && !declared.count(c.region))
      add(pointer_join(at, "region"), unknown(c.region));
    if (!c.replica_regions.empty() && !is_database(catalog, c))
      add(pointer_join(at, "replica_regions"),
          "only a database has replicas to place (\"" + c.kind + "\" has none)");
    for (std::size_t r = 0; r < c.replica_regions.size(); ++r)
      if (!declared.count(c.replica_regions[r]))
        add(pointer_join(pointer_join(at, "replica_regions"), r), unknown(c.replica_regions[r]));
    if (!c.replica_regions.empty() && c.region.empty())
      add(pointer_join(at, "region"),
          "a database with replica_regions needs its own region (the primary's)");
    // Replicas placed elsewhere replicate over the latency between the regions.
    for (std::size_t r = 0; r < c.replica_regions.size(); ++r) {
      const auto& rr = c.replica_regions[r];
      if (declared.count(rr) && declared.count(c.region) &&
          !region_latency_ms(v, c.region, rr))
        add(pointer_join(pointer_join(at, "replica_regions"), r),
            "no latency between \"" + c.region + "\" and \"" + rr +
                "\" in regions.latency_ms: the replica's lag needs it");
    }
  }
  // The links' ends by id through one index (a lookup per link made a 100,000-component chain's
  // validation quadratic, 54 s); only where regions are declared, as no link crosses otherwise.
  std::unordered_map<std::string_view, const Component*> by_id;
  if (!declared.empty())
    for (const auto& c : v.components) by_id.emplace(c.id, &c);
  for (std::size_t i = 0; i < v.links.size() && !declared.empty(); ++i) {
    const Link& l = v.links[i];
    const auto ia = by_id.find(l.from), ib = by_id.find(l.to);
    const Component* a = ia == by_id.end() ? nullptr : ia->second;
    const Component* b = ib == by_id.end() ? nullptr : ib->second;
    if (!a || !b || !declared.count(a->region) || !declared.count(b->region)) continue;
    if (!region_latency_ms(v, a->region, b->region))
      add(pointer_join(pointer_join(prefix, "links"), i),
          "the link crosses from region \"" + a->region + "\" to \"" + b->region +
              "\" and regions.latency_ms gives no latency between them");
  }
  for (std::size_t k = 0; k < v.workload.size(); ++k) {
    const RequestClass& r = v.workload[k];
    const std::string at = pointer_join(pointer_join(prefix, "workload"), k);
    if (r.op == Op::Write && r.consistency)
      add(pointer_join(at, "consistency"),
          "consistency is for read classes: a write always goes to the primary");
    if (r.op == Op::Write && !r.writes_from.empty())
      add(pointer_join(at, "writes_from"), "writes_from is for read classes");
    if (!std::isfinite(r.keys) || r.keys < 1 || r.keys > 1e15)
      add(pointer_join(at, "keys"),
          "keys is the number of keys the class reads, from 1 to 1e15, not " + number_text(r.keys));
    if (!r.writes_from.empty()) {
      const RequestClass* w = v.request_class(r.writes_from);
      if (!w)
        add(pointer_join(at, "writes_from"), "no request class \"" + r.writes_from + "\"");
      else if (w->op != Op::Write)
        add(pointer_join(at, "writes_from"),
            "\"" + r.writes_from + "\" is a read class: writes_from names a write class");
    }
  }
  return out;
}

}  // namespace archbench
