#include "archbench/partial.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "archbench/catalog.h"
#include "archbench/format.h"
#include "archbench/validate.h"
#include "model/json_util.h"
#include "model/params.h"
#include "model/validate_routes.h"

namespace archbench {

namespace {

// "<prefix>/components/3/params/x" → {"components", 3}; nothing for a version-level place.
std::optional<std::pair<std::string, std::size_t>> locate(const std::string& place,
                                                          const std::string& prefix) {
  if (place.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::string rest = place.substr(prefix.size());
  if (rest.empty() || rest[0] != '/') return std::nullopt;
  rest.erase(0, 1);
  const auto slash = rest.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const std::string section = rest.substr(0, slash);
  std::string digits = rest.substr(slash + 1);
  digits = digits.substr(0, digits.find('/'));
  if (digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::make_pair(section, static_cast<std::size_t>(std::stoul(digits)));
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i)
    s += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + ("\"" + names[i] + "\"");
  return s;
}

// Where each class goes in the version as written: the components it visits and the links it
// takes (calls above 0, a cache only on a miss). Links that name no component are skipped.
struct Reach {
  std::vector<std::vector<bool>> components;  // [class][component]
  std::vector<std::vector<bool>> links;       // [class][link]
};

Reach reach_of(const Version& v, const Catalog& catalog) {
  const std::size_t n = v.components.size();
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(v.components[i].id, i);
  std::vector<std::vector<std::size_t>> out(n);
  for (std::size_t li = 0; li < v.links.size(); ++li) {
    auto from = index.find(v.links[li].from);
    if (from != index.end() && index.count(v.links[li].to)) out[from->second].push_back(li);
  }
  Reach reach;
  for (const RequestClass& r : v.workload) {
    std::vector<bool> seen(n, false), taken(v.links.size(), false);
    auto entry = index.find(r.entry);
    std::vector<std::size_t> stack;
    if (entry != index.end()) stack.push_back(entry->second);
    while (!stack.empty()) {
      const std::size_t ix = stack.back();
      stack.pop_back();
      if (seen[ix]) continue;
      seen[ix] = true;
      const KindDecl* k = catalog.find(v.components[ix].kind);
      if (!k) continue;
      const double miss =
          k->behaviour == Behaviour::Cache ? 1 - detail::hit_ratio(v.components[ix], *k, r) : 1;
      if (miss <= 0 || k->behaviour == Behaviour::Store) continue;
      for (std::size_t li : out[ix]) {
        if (v.links[li].calls.for_class(r.name, 0.0) <= 0) continue;
        taken[li] = true;
        stack.push_back(index.at(v.links[li].to));
      }
    }
    reach.components.push_back(std::move(seen));
    reach.links.push_back(std::move(taken));
  }
  return reach;
}

// The version without the classes, components and links that cannot be computed; per-class
// maps lose the keys of the classes taken out. Indices map back to the version as written.
struct Reduced {
  Version version;
  std::vector<std::size_t> classes, components, links;
};

Reduced reduce(const Version& v, const std::vector<bool>& bad_class,
               const std::vector<bool>& bad_component, const std::vector<bool>& bad_link,
               bool bad_name) {
  Reduced r;
  r.version.name = bad_name ? "unfinished" : v.name;  // notes, faults, experiments: no figure
  r.version.mesh = v.mesh;
  r.version.regions = v.regions;  // where components stand, and the latencies between them
  r.version.region_latency = v.region_latency;
  std::set<std::string> dropped;
  for (std::size_t k = 0; k < v.workload.size(); ++k) {
    if (bad_class[k]) {
      dropped.insert(v.workload[k].name);
      continue;
    }
    r.version.workload.push_back(v.workload[k]);
    r.classes.push_back(k);
  }
  // A read whose writer is taken out counts no writes (rather than every other write class).
  for (auto& c : r.version.workload)
    if (dropped.count(c.writes_from)) c.keys = 1e15;
  std::set<std::string> kept_ids;
  for (std::size_t i = 0; i < v.components.size(); ++i) {
    if (bad_component[i]) continue;
    Component c = v.components[i];
    for (auto it = c.params.begin(); it != c.params.end();) {
      if (it->second.type == ParamValue::Type::PerClassMap) {
        for (const auto& name : dropped) it->second.map.erase(name);
        if (it->second.map.empty()) {
          it = c.params.erase(it);  // no class left that it names: the kind's default
          continue;
        }
      }
      ++it;
    }
    kept_ids.insert(c.id);
    r.version.components.push_back(std::move(c));
    r.components.push_back(i);
  }
  for (std::size_t li = 0; li < v.links.size(); ++li) {
    const Link& l = v.links[li];
    if (bad_link[li] || !kept_ids.count(l.from) || !kept_ids.count(l.to)) continue;
    Link copy = l;
    for (const auto& name : dropped) copy.calls.by_class.erase(name);
    r.version.links.push_back(std::move(copy));
    r.links.push_back(li);
  }
  return r;
}

}  // namespace

std::vector<const DesignProblem*> PartialEvaluation::problems_at(const std::string& component) const {
  std::vector<const DesignProblem*> out;
  for (const auto& p : problems)
    if (p.component == component) out.push_back(&p);
  return out;
}

const ComponentNote* PartialEvaluation::note(const std::string& component) const {
  for (const auto& n : notes)
    if (n.component == component) return &n;
  return nullptr;
}

PartialEvaluation evaluate_partial(const Version& v, const Catalog& catalog,
                                   const EvaluateOptions& options, const std::string& prefix) {
  PartialEvaluation out;
  const std::size_t K = v.workload.size();
  std::vector<bool> bad_class(K, false), bad_component(v.components.size(), false),
      bad_link(v.links.size(), false);
  bool bad_name = false;

  // Places a problem at what it concerns, and marks that as not computable.
  auto place = [&](std::string where, std::string message) {
    DesignProblem p{std::move(where), std::move(message), {}, {}, {}, {}};
    if (auto at = locate(p.place, prefix)) {
      const auto& [section, i] = *at;
      if (section == "workload" && i < K) {
        p.request_class = v.workload[i].name;
        bad_class[i] = true;
      } else if (section == "components" && i < v.components.size()) {
        p.component = v.components[i].id;
        bad_component[i] = true;
      } else if (section == "links" && i < v.links.size()) {
        p.link_from = v.links[i].from;
        p.link_to = v.links[i].to;
        p.component = p.link_from;
        bad_link[i] = true;
      }
    } else if (p.place == detail::pointer_join(prefix, "name")) {
      bad_name = true;
    }
    out.problems.push_back(std::move(p));
  };

  // Route problems carry the component where the route stops; validation reports the same words
  // (unless something else hides them), so those are taken from here only.
  const auto routes = detail::check_routes(v, catalog, prefix);
  std::set<std::pair<std::string, std::string>> route_keys;
  for (const auto& r : routes) route_keys.insert({r.place, r.message});
  for (auto& d : validate_version(v, catalog, prefix))
    if (!route_keys.count({d.place, d.message})) place(d.place, d.message);
  for (const auto& r : routes) {
    out.problems.push_back({r.place, r.message, v.components[r.component].id,
                            v.workload[r.request_class].name, {}, {}});
    bad_class[r.request_class] = true;
  }

  // A class that visits a component or takes a link with a problem cannot be computed either.
  const Reach reach = reach_of(v, catalog);
  for (std::size_t k = 0; k < K; ++k) {
    for (std::size_t i = 0; i < v.components.size() && !bad_class[k]; ++i)
      if (reach.components[k][i] && bad_component[i]) bad_class[k] = true;
    for (std::size_t li = 0; li < v.links.size() && !bad_class[k]; ++li)
      if (reach.links[k][li] && bad_link[li]) bad_class[k] = true;
  }

  // What is left may show problems that the first ones hid (validation stops early): each is
  // placed on the version as written and taken out in turn.
  std::optional<Reduced> reduced;
  for (int round = 0; round < 16; ++round) {
    Reduced r = reduce(v, bad_class, bad_component, bad_link, bad_name);
    auto again = validate_version(r.version, catalog);
    if (r.version.workload.empty())  // components and their cost are still worth showing
      std::erase_if(again, [](const Diagnostic& d) { return d.place == "/workload"; });
    if (again.empty()) {
      reduced = std::move(r);
      break;
    }
    bool progress = false;
    for (const auto& d : again) {
      auto at = locate(d.place, "");
      if (!at) continue;
      const auto& [section, i] = *at;
      std::string where;
      if (section == "workload" && i < r.classes.size() && !bad_class[r.classes[i]]) {
        bad_class[r.classes[i]] = progress = true;
        where = detail::pointer_join(detail::pointer_join(prefix, "workload"), r.classes[i]);
        out.problems.push_back({where, d.message, {}, v.workload[r.classes[i]].name, {}, {}});
      } else if (section == "components" && i < r.components.size()) {
        const std::size_t c = r.components[i];
        bad_component[c] = progress = true;
        where = detail::pointer_join(detail::pointer_join(prefix, "components"), c);
        out.problems.push_back({where, d.message, v.components[c].id, {}, {}, {}});
      } else if (section == "links" && i < r.links.size()) {
        const std::size_t li = r.links[i];
        bad_link[li] = progress = true;
        where = detail::pointer_join(detail::pointer_join(prefix, "links"), li);
        out.problems.push_back(
            {where, d.message, v.links[li].from, {}, v.links[li].from, v.links[li].to});
      }
    }
    if (!progress) break;
    for (std::size_t k = 0; k < K; ++k) {
      for (std::size_t i = 0; i < v.components.size() && !bad_class[k]; ++i)
        if (reach.components[k][i] && bad_component[i]) bad_class[k] = true;
      for (std::size_t li = 0; li < v.links.size() && !bad_class[k]; ++li)
        if (reach.links[k][li] && bad_link[li]) bad_class[k] = true;
    }
  }
  for (std::size_t k = 0; k < K; ++k)
    if (bad_class[k]) out.left_out.push_back(v.workload[k].name);
  if (!reduced) return out;

  try {
    out.report = QueueingModel(reduced->version, catalog).evaluate(options);
  } catch (const std::exception& e) {
    out.problems.push_back({prefix, e.what(), {}, {}, {}, {}});
    return out;
  }
  Report& rep = *out.report;
  rep.version = v.name;

  // A note on each component whose figures need one, in component order.
  for (std::size_t j = 0; j < reduced->components.size(); ++j) {
    const std::size_t i = reduced->components[j];
    ComponentResult& c = rep.components[j];
    std::vector<std::string> computed, missing;
    for (std::size_t k = 0; k < K; ++k) {
      if (!reach.components[k][i]) continue;
      (bad_class[k] ? missing : computed).push_back(v.workload[k].name);
    }
    const bool client = c.behaviour == Behaviour::Client;
    const std::string cost = c.cost_per_month > 0 ? "; its " + format_usd(c.cost_per_month) +
                                                        " a month counts in the total"
                                                  : "";
    ComponentNote note{c.id, ComponentNote::Kind::NoTraffic, {}};
    if (computed.empty() && missing.empty()) {
      note.text = (client ? "carries no traffic: no request class enters here"
                          : "carries no traffic: no request class reaches it") + cost;
    } else if (computed.empty()) {
      note.kind = ComponentNote::Kind::NotComputed;
      note.text = "not computed: only " + std::string(missing.size() > 1 ? "classes " : "class ") +
                  quoted_list(missing) +
                  (client ? (missing.size() > 1 ? " enter here" : " enters here")
                          : (missing.size() > 1 ? " reach it" : " reaches it")) +
                  ", and " +
                  (missing.size() > 1 ? "their routes are" : "its route is") + " incomplete";
      c.utilization.reset();
      c.wait_ms.reset();
      c.response_ms.reset();
      c.holding_ms.reset();
      c.stations.clear();
    } else if (!missing.empty() && !client) {
      note.kind = ComponentNote::Kind::Partial;
      note.text = "figures without " + std::string(missing.size() > 1 ? "classes " : "class ") +
                  quoted_list(missing) + " (" +
                  (missing.size() > 1 ? "their routes are" : "its route is") +
                  " incomplete): its load is understated";
    } else if (!missing.empty() || c.arrival_per_s > 0 || client) {
      continue;
    } else {
      note.text = "carries no traffic: the classes that reach it have a rate of 0" + cost;
    }
    if (note.kind == ComponentNote::Kind::NoTraffic) {
      // Nothing is served there: a wait or a response time would be made up.
      c.wait_ms.reset();
      c.response_ms.reset();
      c.holding_ms.reset();
    }
    out.notes.push_back(std::move(note));
  }
  if (!out.left_out.empty()) {
    rep.totals.cost_per_million_requests.reset();
    rep.totals.cost_per_million_note =
        "a cost per request would leave out the requests of " + quoted_list(out.left_out);
  }
  return out;
}

std::string partial_summary(const PartialEvaluation& e, std::size_t class_count) {
  if (e.complete()) return "complete";
  const std::size_t n = e.problems.size();
  std::string s = std::to_string(n) + (n == 1 ? " problem" : " problems");
  if (e.left_out.empty()) return s + "; every class computed";
  s += "; " + std::to_string(e.left_out.size()) + " of " + std::to_string(class_count) +
       (class_count == 1 ? " class" : " classes") + " not computed (";
  for (std::size_t i = 0; i < e.left_out.size(); ++i) s += (i ? ", " : "") + e.left_out[i];
  return s + ")";
}

}  // namespace archbench
