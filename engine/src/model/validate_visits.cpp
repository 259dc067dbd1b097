#include "model/validate_visits.h"

#include <unordered_map>

#include "archbench/catalog.h"
#include "archbench/format.h"
#include "model/json_util.h"
#include "model/params.h"
#include "model/plain_text.h"

namespace archbench::detail {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Callers before callees (Kahn's algorithm); the version is known to be acyclic.
std::vector<std::size_t> callers_first(const Version& v,
                                       const std::unordered_map<std::string, std::size_t>& index,
                                       const std::vector<std::vector<std::size_t>>& out) {
  std::vector<std::size_t> indegree(v.components.size(), 0);
  for (const auto& l : v.links) ++indegree[index.at(l.to)];
  std::vector<std::size_t> order;
  order.reserve(v.components.size());
  for (std::size_t i = 0; i < v.components.size(); ++i)
    if (indegree[i] == 0) order.push_back(i);
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (std::size_t li : out[order[k]]) {
      const std::size_t to = index.at(v.links[li].to);
      if (--indegree[to] == 0) order.push_back(to);
    }
  }
  return order;
}

std::string chain_text(const Version& v, const std::vector<std::size_t>& path) {
  // path runs from the component back to the entry; long chains keep their two ends.
  std::vector<std::string> ids;
  for (auto it = path.rbegin(); it != path.rend(); ++it) ids.push_back(v.components[*it].id);
  std::string text;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids.size() > 8 && i == 3) {
      text += " → … (" + std::to_string(ids.size() - 6) + " more)";
      i = ids.size() - 4;
      continue;
    }
    text += (i ? " → " : "") + printable_text(ids[i]);
  }
  return text;
}

}  // namespace

std::vector<Diagnostic> check_visits(const Version& v, const Catalog& catalog,
                                     const std::string& prefix) {
  const std::size_t n = v.components.size();
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(n);
  for (std::size_t i = 0; i < n; ++i) index.emplace(v.components[i].id, i);
  std::vector<std::vector<std::size_t>> out(n);
  for (std::size_t i = 0; i < v.links.size(); ++i) out[index.at(v.links[i].from)].push_back(i);
  std::vector<const KindDecl*> kinds(n);
  for (std::size_t i = 0; i < n; ++i) kinds[i] = catalog.find(v.components[i].kind);
  const std::vector<std::size_t> order = callers_first(v, index, out);

  std::vector<Diagnostic> problems;
  std::vector<double> visits(n), calls(v.links.size());
  std::vector<std::size_t> best_link(n);  // the incoming link that brought the most visits
  std::vector<double> best(n);
  for (const RequestClass& r : v.workload) {
    auto entry = index.find(r.entry);
    if (entry == index.end()) continue;
    for (std::size_t i = 0; i < v.links.size(); ++i) calls[i] = v.links[i].calls.for_class(r.name, 0.0);
    std::fill(visits.begin(), visits.end(), 0.0);
    std::fill(best.begin(), best.end(), 0.0);
    std::fill(best_link.begin(), best_link.end(), kNone);
    visits[entry->second] = 1;
    // The same expected visits the solver computes: a service (or client) makes `calls` calls
    // per visit, a cache only on a miss, a split or queue sends each request down one link.
    for (std::size_t i : order) {
      if (visits[i] <= 0 || !kinds[i]) continue;
      if (visits[i] > kMaxVisitsPerRequest) {
        std::vector<std::size_t> path{i};
        for (std::size_t x = i; best_link[x] != kNone;) {
          x = index.at(v.links[best_link[x]].from);
          path.push_back(x);
        }
        problems.push_back(
            {pointer_join(pointer_join(pointer_join(prefix, "links"), best_link[i]), "calls"),
             "one request of class \"" + printable_text(r.name) + "\" would visit \"" +
                 printable_text(v.components[i].id) + "\" " + format_significant(visits[i], 3) +
                 " times: calls multiply along " + chain_text(v, path) +
                 "; a request may visit a component at most " +
                 format_significant(kMaxVisitsPerRequest, 1) +
                 " times (fewer calls per link, or a shorter chain)"});
        break;
      }
      const Behaviour b = kinds[i]->behaviour;
      double total = 0;  // a split's or queue's weighted calls
      if (b == Behaviour::Split || b == Behaviour::Queue)
        for (std::size_t li : out[i]) total += v.links[li].weight * calls[li];
      const double miss = b == Behaviour::Cache ? 1 - hit_ratio(v.components[i], *kinds[i], r) : 1;
      for (std::size_t li : out[i]) {
        double f = 0;
        switch (b) {
          case Behaviour::Client:
          case Behaviour::Service: f = calls[li]; break;
          case Behaviour::Cache: f = miss * calls[li]; break;
          case Behaviour::Split:
          case Behaviour::Queue: f = total > 0 ? v.links[li].weight * calls[li] / total : 0; break;
          case Behaviour::Store: f = 0; break;
        }
        const double add = visits[i] * f;
        const std::size_t to = index.at(v.links[li].to);
        visits[to] += add;
        if (add > best[to]) {
          best[to] = add;
          best_link[to] = li;
        }
      }
    }
  }
  return problems;
}

}  // namespace archbench::detail
