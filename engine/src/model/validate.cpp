#include "archbench/validate.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include "archbench/catalog.h"
#include "archbench/faults.h"
#include "model/json_util.h"
#include "model/params.h"
#include "model/validate_scaling.h"
#include "model/plain_text.h"
#include "archbench/regions.h"
#include "model/validate_routes.h"
#include "model/validate_shards.h"
#include "model/validate_visits.h"

namespace archbench {

using detail::number_text;
using detail::pointer_join;

namespace {

struct Checker {
  const Version& v;
  const Catalog& catalog;
  std::string prefix;
  std::vector<Diagnostic> out;
  std::set<std::string> class_names;
  // Id → index of its first component, and each component's outgoing links: lookups in O(1)
  // keep validation linear in the size of the design (10,000 components in milliseconds).
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::vector<std::size_t>> out_links;

  void add(std::string place, std::string msg) { out.push_back({std::move(place), std::move(msg)}); }

  void build_index() {
    index.reserve(v.components.size());
    for (std::size_t i = 0; i < v.components.size(); ++i) index.emplace(v.components[i].id, i);
    out_links.assign(v.components.size(), {});
    for (std::size_t i = 0; i < v.links.size(); ++i) {
      auto it = index.find(v.links[i].from);
      if (it != index.end()) out_links[it->second].push_back(i);
    }
  }

  const Component* component(const std::string& id) const {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &v.components[it->second];
  }

  // Ids and names are printed back in tables and messages: no control or bidi characters.
  void text(const std::string& s, const std::string& at, const char* what, bool multiline = false) {
    if (auto problem = detail::text_problem(s, multiline))
      add(at, std::string(what) + " \"" + detail::printable_text(s) + "\" " + *problem);
  }

  void range(const ParamDecl& d, double x, const std::string& at) {
    if (d.type == ParamType::Integer && std::floor(x) != x) {
      add(at, "\"" + d.name + "\" must be a whole number, found " + number_text(x));
    } else if (x < d.min) {
      add(at, "\"" + d.name + "\" is " + number_text(x) + ", below the minimum " +
                  number_text(d.min) + (d.unit.empty() ? "" : " " + d.unit));
    } else if (x > d.max) {
      add(at, "\"" + d.name + "\" is " + number_text(x) + ", above the maximum " +
                  number_text(d.max) + (d.unit.empty() ? "" : " " + d.unit));
    }
  }

  void check_class_keys(const std::map<std::string, double>& m, const std::string& at) {
    for (const auto& [k, x] : m) {
      if (k != "*" && !class_names.count(k)) {
        add(pointer_join(at, k), "unknown request class \"" + k + "\"");
      }
    }
  }

  void workload() {
    const std::string base = pointer_join(prefix, "workload");
    if (v.workload.empty()) add(base, "the workload has no request class");
    for (std::size_t i = 0; i < v.workload.size(); ++i) {
      const auto& r = v.workload[i];
      const std::string at = pointer_join(base, i);
      text(r.name, pointer_join(at, "name"), "the class name");
      if (r.name.empty()) add(pointer_join(at, "name"), "a request class needs a name");
      else if (!class_names.insert(r.name).second)
        add(pointer_join(at, "name"), "duplicate request class \"" + r.name + "\"");
      else if (r.name == "*")
        add(pointer_join(at, "name"), "\"*\" is reserved (it means every other class in a map)");
      const Component* e = component(r.entry);
      if (!e) {
        add(pointer_join(at, "entry"), "entry \"" + r.entry + "\" is not a component of this version");
      } else if (const KindDecl* k = catalog.find(e->kind); k && k->behaviour != Behaviour::Client) {
        add(pointer_join(at, "entry"), "entry \"" + r.entry + "\" is not a client (its kind is " +
                                           e->kind + "); requests enter at a users component");
      }
      if (r.per_second.has_value() == r.per_day.has_value()) {
        add(at, "give exactly one of \"per_second\" and \"per_day\"");
      }
      // Bounds keep every derived figure finite: a billion requests a second is beyond any
      // design, and a rate below 1e-9/s (one in 30 years) is a typo for 0.
      auto rate_ok = [&](const std::optional<double>& rate, const char* key, double max) {
        if (!rate) return;
        if (*rate < 0) add(pointer_join(at, key), "a rate cannot be negative");
        else if (*rate > max) add(pointer_join(at, key), std::string("the rate is above the maximum ") + number_text(max));
        else if (*rate > 0 && *rate < 1e-9) add(pointer_join(at, key), "the rate is too small (below 1e-9); write 0");
      };
      rate_ok(r.per_second, "per_second", 1e9);
      rate_ok(r.per_day, "per_day", 1e14);
      if (r.peak_factor) {
        if (!r.per_day) add(pointer_join(at, "peak_factor"), "\"peak_factor\" goes with \"per_day\"");
        else if (*r.peak_factor < 1 || *r.peak_factor > 1000)
          add(pointer_join(at, "peak_factor"), "the peak factor must lie between 1 and 1000");
      }
      if (r.payload_kb < 0 || r.payload_kb > 1e9)
        add(pointer_join(at, "payload_kb"), "the payload must lie between 0 and 1e9 KB");
      // 100% leaves no error budget and 0% promises nothing: both are typos for an objective.
      if (r.slo_percent && !(*r.slo_percent > 0 && *r.slo_percent < 100))
        add(pointer_join(at, "slo_percent"), "the SLO is " + number_text(*r.slo_percent) +
                                                 "%; it must lie strictly between 0 and 100");
    }
  }

  void components() {
    const std::string base = pointer_join(prefix, "components");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < v.components.size(); ++i) {
      const auto& c = v.components[i];
      const std::string at = pointer_join(base, i);
      text(c.id, pointer_join(at, "id"), "the id");
      text(c.name, pointer_join(at, "name"), "the name");
      if (c.id.empty()) add(pointer_join(at, "id"), "a component needs an id");
      else if (!ids.insert(c.id).second) add(pointer_join(at, "id"), "duplicate id \"" + c.id + "\"");
      if (c.pos && (std::fabs((*c.pos)[0]) > 1e7 || std::fabs((*c.pos)[1]) > 1e7))
        add(pointer_join(at, "pos"), "the position lies beyond ±1e7 on the canvas");
      zones(c, pointer_join(at, "zones"));
      const KindDecl* k = catalog.find(c.kind);
      if (!k) {
        std::string known;
        for (const auto& [name, decl] : catalog.kinds()) known += (known.empty() ? "" : ", ") + name;
        add(pointer_join(at, "kind"), "unknown kind \"" + c.kind + "\" (known: " + known + ")");
        continue;
      }
      for (const auto& [name, val] : c.params) {
        const std::string pat = pointer_join(pointer_join(at, "params"), name);
        const ParamDecl* d = k->param(name);
        if (const ChoiceDecl* choice = d ? nullptr : k->choice(name)) {
          choose(*choice, val, pat);
          continue;
        }
        if (val.type == ParamValue::Type::Text && d) {
          add(pat, "\"" + name + "\" must be " + (d->type == ParamType::Bool ? "true or false" : "a number") + ", found a string");
          continue;
        }
        if (!d) {
          std::string known;
          for (const auto& pd : k->params) known += (known.empty() ? "" : ", ") + pd.name;
          for (const auto& cd : k->choices) known += (known.empty() ? "" : ", ") + cd.name;
          add(pat, "unknown parameter \"" + name + "\" for kind " + c.kind +
                       (known.empty() ? " (it has none)" : " (known: " + known + ")"));
          continue;
        }
        switch (d->type) {
          case ParamType::Bool:
            if (val.type != ParamValue::Type::Bool) add(pat, "\"" + name + "\" must be true or false");
            break;
          case ParamType::Integer:
          case ParamType::Number:
            if (val.type != ParamValue::Type::Number) add(pat, "\"" + name + "\" must be a number");
            else range(*d, val.number, pat);
            break;
          case ParamType::PerClass:
            if (val.type == ParamValue::Type::Number) {
              range(*d, val.number, pat);
            } else if (val.type == ParamValue::Type::PerClassMap) {
              check_class_keys(val.map, pat);
              for (const auto& [cls, x] : val.map) range(*d, x, pointer_join(pat, cls));
            } else {
              add(pat, "\"" + name + "\" must be a number or a map per class");
            }
            break;
        }
      }
    }
  }

  // A choice parameter names one of its declared modes.
  void choose(const ChoiceDecl& d, const ParamValue& value, const std::string& at) {
    std::string names;
    for (const auto& c : d.choices) names += (names.empty() ? "\"" : ", \"") + c + "\"";
    if (value.type != ParamValue::Type::Text)
      add(at, "\"" + d.name + "\" must be one of " + names);
    else if (std::find(d.choices.begin(), d.choices.end(), value.text) == d.choices.end())
      add(at, "\"" + value.text + "\" is not a choice of \"" + d.name + "\" (" + names + ")");
  }

  void zones(const Component& c, const std::string& at) {
    if (c.zones.size() > 64)
      add(at, std::to_string(c.zones.size()) + " zones; a component spreads over at most 64");
    std::set<std::string> seen;
    for (std::size_t z = 0; z < c.zones.size(); ++z) {
      const std::string& name = c.zones[z];
      text(name, pointer_join(at, z), "the zone name");
      if (name.empty())
        add(pointer_join(at, z), "a zone needs a name");
      else if (name.size() > 100)
        add(pointer_join(at, z), "a zone name has at most 100 characters");
      else if (!seen.insert(name).second)
        add(pointer_join(at, z), "zone \"" + name + "\" is listed twice");
    }
  }

  // A number within [lo, hi] (NaN is outside); the message names the field and the bounds.
  void within(double x, double lo, double hi, const std::string& at, const char* what,
              const char* unit = "") {
    if (x >= lo && x <= hi) return;
    add(at, std::string(what) + " is " + number_text(x) + unit + "; it must lie between " +
                number_text(lo) + " and " + number_text(hi) + unit);
  }

  void policy(const LinkPolicy& pol, const std::string& at) {
    const LinkPolicy d;
    within(pol.timeout_ms, 0, 1e6, pointer_join(at, "timeout_ms"), "the timeout", " ms");
    within(pol.retries, 0, 10, pointer_join(at, "retries"), "the number of retries");
    within(pol.backoff_ms, 0, 1e6, pointer_join(at, "backoff_ms"), "the backoff", " ms");
    within(pol.backoff_multiplier, 1, 10, pointer_join(at, "backoff_multiplier"),
           "the backoff multiplier");
    within(pol.bulkhead, 0, 1e6, pointer_join(at, "bulkhead"), "the bulkhead");
    const std::string bat = pointer_join(at, "breaker");
    if (!(pol.breaker_threshold > 0 && pol.breaker_threshold <= 1))
      add(pointer_join(bat, "threshold"), "the breaker threshold is " +
                                              number_text(pol.breaker_threshold) +
                                              "; it must lie above 0 and at most 1");
    within(pol.breaker_open_ms, 1, 1e7, pointer_join(bat, "open_ms"), "the open time", " ms");
    // The file keeps breaker settings inside "breaker": with the breaker off they would be lost.
    if (!pol.breaker && (pol.breaker_threshold != d.breaker_threshold ||
                         pol.breaker_open_ms != d.breaker_open_ms || pol.fallback_degraded))
      add(at,
          "breaker settings (threshold, open time, degraded fallback) need the circuit breaker on");
  }

  Behaviour behaviour_of(const std::string& id) const {
    const Component* c = component(id);
    const KindDecl* k = c ? catalog.find(c->kind) : nullptr;
    return k ? k->behaviour : Behaviour::Service;
  }

  bool links() {
    const std::string base = pointer_join(prefix, "links");
    bool ok = true;
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < v.links.size(); ++i) {
      const auto& l = v.links[i];
      const std::string at = pointer_join(base, i);
      const Component* from = component(l.from);
      const Component* to = component(l.to);
      if (!from) add(pointer_join(at, "from"), "no component with id \"" + l.from + "\"");
      if (!to) add(pointer_join(at, "to"), "no component with id \"" + l.to + "\"");
      if (!from || !to) {
        ok = false;
        continue;
      }
      if (l.from == l.to) {
        add(at, "a link from \"" + l.from + "\" to itself");
        ok = false;
      }
      if (!seen.insert({l.from, l.to}).second) {
        add(at, "duplicate link " + l.from + " → " + l.to + " (use calls for several calls)");
      }
      if (catalog.find(to->kind) && behaviour_of(l.to) == Behaviour::Client) {
        add(pointer_join(at, "to"), "\"" + l.to + "\" is a client; nothing can call it");
      }
      if (catalog.find(from->kind) && behaviour_of(l.from) == Behaviour::Store) {
        add(pointer_join(at, "from"), "\"" + l.from + "\" is a store; it makes no calls");
      }
      if (l.latency_ms < 0) add(pointer_join(at, "latency_ms"), "a latency cannot be negative");
      else if (l.latency_ms > 1e6) add(pointer_join(at, "latency_ms"), "the latency is above the maximum 1e6 ms");
      // Loss of 1 would lose every call: a cut link, which is a fault, not a network property.
      if (!(l.loss >= 0 && l.loss < 1))
        add(pointer_join(at, "loss"), "the loss probability is " + number_text(l.loss) +
                                          "; it must lie in [0, 1)");
      if (!(l.duplicate >= 0 && l.duplicate <= 1))
        add(pointer_join(at, "duplicate"), "the duplicate probability is " +
                                               number_text(l.duplicate) + "; it must lie in [0, 1]");
      if (l.weight <= 0) add(pointer_join(at, "weight"), "a weight must be positive");
      else if (l.weight > 1e6 || l.weight < 1e-6)
        add(pointer_join(at, "weight"), "the weight must lie between 1e-6 and 1e6");
      // More than this many calls per visit is a typo, not a design (and would stall the solver).
      constexpr double kMaxCalls = 10000;
      if (l.calls.all && *l.calls.all < 0) add(pointer_join(at, "calls"), "calls cannot be negative");
      if (l.calls.all && *l.calls.all > kMaxCalls)
        add(pointer_join(at, "calls"), "calls is " + number_text(*l.calls.all) + ", above the maximum 10000");
      check_class_keys(l.calls.by_class, pointer_join(at, "calls"));
      for (const auto& [cls, x] : l.calls.by_class) {
        if (x < 0) add(pointer_join(pointer_join(at, "calls"), cls), "calls cannot be negative");
        if (x > kMaxCalls)
          add(pointer_join(pointer_join(at, "calls"), cls), "calls is " + number_text(x) + ", above the maximum 10000");
      }
      policy(l.policy, pointer_join(at, "policy"));
    }
    return ok;
  }

  // Refuses call cycles, naming one: a request could otherwise loop forever.
  bool acyclic() {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Graph g(v.components.size());
    for (const auto& l : v.links) boost::add_edge(index.at(l.from), index.at(l.to), g);

    struct CycleFinder : boost::default_dfs_visitor {
      std::vector<std::size_t>* parent;
      std::optional<std::pair<std::size_t, std::size_t>>* back;
      void tree_edge(Graph::edge_descriptor e, const Graph& gr) {
        (*parent)[boost::target(e, gr)] = boost::source(e, gr);
      }
      void back_edge(Graph::edge_descriptor e, const Graph& gr) {
        if (!*back) *back = std::make_pair(boost::source(e, gr), boost::target(e, gr));
      }
    };
    std::vector<std::size_t> parent(v.components.size(), SIZE_MAX);
    std::optional<std::pair<std::size_t, std::size_t>> back;
    CycleFinder vis;
    vis.parent = &parent;
    vis.back = &back;
    boost::depth_first_search(g, boost::visitor(vis));
    if (!back) return true;
    // Walk the DFS tree from the back edge's source up to its target to name the cycle.
    std::vector<std::string> path{v.components[back->first].id};
    for (std::size_t x = back->first; x != back->second && parent[x] != SIZE_MAX; x = parent[x])
      path.push_back(v.components[parent[x]].id);
    std::string text;
    for (auto it = path.rbegin(); it != path.rend(); ++it) text += *it + " → ";
    text += v.components[back->second].id;
    std::size_t link_index = 0;
    for (std::size_t i = 0; i < v.links.size(); ++i) {
      if (v.links[i].from == v.components[back->first].id &&
          v.links[i].to == v.components[back->second].id)
        link_index = i;
    }
    add(pointer_join(pointer_join(prefix, "links"), link_index),
        "the links form a cycle: " + text + " (requests would loop forever)");
    return false;
  }

  // Where each class can go: a split or queue needs a link the class may take, a cache needs
  // somewhere to send misses, an asynchronous class needs a queue to acknowledge it. A class
  // that goes no further than its client is unfinished, not invalid: the partial evaluation
  // reports it.
  void reachability() {
    for (auto& p : detail::check_routes(v, catalog, prefix))
      if (p.kind != detail::RouteProblem::Kind::Unrouted) add(p.place, p.message);
  }

  void faults(const std::vector<Fault>& list, const std::string& at) {
    for (auto& d : validate_faults(v, catalog, list, at)) out.push_back(std::move(d));
  }

  void request_class_name(const std::string& name, const std::string& at) {
    if (!class_names.count(name)) add(at, "unknown request class \"" + name + "\"");
  }

  void experiments() {
    const std::string base = pointer_join(prefix, "experiments");
    std::set<std::string> names;
    for (std::size_t i = 0; i < v.experiments.size(); ++i) {
      const Experiment& e = v.experiments[i];
      const std::string at = pointer_join(base, i);
      text(e.name, pointer_join(at, "name"), "the experiment name");
      text(e.hypothesis, pointer_join(at, "hypothesis"), "the hypothesis", true);
      if (e.name.empty())
        add(pointer_join(at, "name"), "an experiment needs a name");
      else if (!names.insert(e.name).second)
        add(pointer_join(at, "name"), "duplicate experiment name \"" + e.name + "\"");
      if (e.faults.empty())
        add(pointer_join(at, "faults"), "an experiment needs at least one fault");
      faults(e.faults, pointer_join(at, "faults"));
      std::set<std::string> radius;
      for (std::size_t k = 0; k < e.blast_radius.size(); ++k) {
        const std::string place = pointer_join(pointer_join(at, "blast_radius"), k);
        request_class_name(e.blast_radius[k], place);
        if (!radius.insert(e.blast_radius[k]).second)
          add(place, "class \"" + e.blast_radius[k] + "\" is listed twice");
      }
      for (std::size_t k = 0; k < e.conditions.size(); ++k) {
        const Condition& c = e.conditions[k];
        const std::string place = pointer_join(pointer_join(at, "conditions"), k);
        request_class_name(c.request_class, pointer_join(place, "class"));
        const bool latency = c.metric == Metric::MeanMs || c.metric == Metric::P95Ms;
        if (latency)
          within(c.value, 0, 1e9, pointer_join(place, "value"), "a latency", " ms");
        else
          within(c.value, 0, 100, pointer_join(place, "value"), "a percentage", "%");
      }
    }
  }
};

}  // namespace

std::vector<Diagnostic> validate_version(const Version& version, const Catalog& catalog,
                                         const std::string& prefix) {
  Checker c{version, catalog, prefix, {}, {}, {}, {}};
  c.build_index();
  c.text(version.name, pointer_join(prefix, "name"), "the version name");
  c.text(version.notes, pointer_join(prefix, "notes"), "the notes", true);
  if (version.name.empty()) c.add(pointer_join(prefix, "name"), "a version needs a name");
  c.workload();
  c.components();
  for (auto& d : detail::check_sharding(version, catalog, prefix)) c.out.push_back(std::move(d));
  for (auto& d : detail::check_scaling(version, catalog, prefix)) c.out.push_back(std::move(d));
  for (auto& d : validate_regions(version, catalog, prefix)) c.out.push_back(std::move(d));
  // Cycles are checked whenever every link names real components, so that all problems are
  // reported at once; where requests go is checked only on an otherwise valid version.
  const std::size_t before_links = c.out.size();
  const bool links_resolve = c.links();
  const bool clean = before_links == 0 && c.out.empty();
  if (links_resolve && c.acyclic() && clean) {
    c.reachability();
    // Visits multiply along chains of calls; past a bound every figure would overflow.
    if (c.out.empty())
      for (auto& d : detail::check_visits(version, catalog, prefix)) c.out.push_back(std::move(d));
  }
  return c.out;
}

std::vector<Diagnostic> validate_scenarios(const Version& version, const Catalog& catalog,
                                           const std::string& prefix) {
  // The design checks fill what the scenario checks look up (class names, ids); their own
  // problems are validate_version's to report.
  Checker c{version, catalog, prefix, {}, {}, {}, {}};
  c.build_index();
  c.workload();
  c.components();
  c.links();
  const auto design = static_cast<std::ptrdiff_t>(c.out.size());
  c.faults(version.faults, pointer_join(prefix, "faults"));
  c.experiments();
  return {c.out.begin() + design, c.out.end()};
}

}  // namespace archbench
