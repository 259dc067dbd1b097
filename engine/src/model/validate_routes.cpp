#include "model/validate_routes.h"

#include <unordered_map>

#include "archbench/catalog.h"
#include "model/json_util.h"
#include "model/params.h"
#include "model/plain_text.h"

namespace archbench::detail {

std::vector<RouteProblem> check_routes(const Version& v, const Catalog& catalog,
                                       const std::string& prefix) {
  const std::size_t n = v.components.size();
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(n);
  for (std::size_t i = 0; i < n; ++i) index.emplace(v.components[i].id, i);
  std::vector<std::vector<std::size_t>> out(n);
  for (std::size_t li = 0; li < v.links.size(); ++li) {
    auto from = index.find(v.links[li].from);
    if (from != index.end() && index.count(v.links[li].to)) out[from->second].push_back(li);
  }
  std::vector<RouteProblem> problems;
  for (std::size_t ci = 0; ci < v.workload.size(); ++ci) {
    const auto& r = v.workload[ci];
    auto entry = index.find(r.entry);
    if (entry == index.end()) continue;
    const std::string at = pointer_join(pointer_join(prefix, "workload"), ci);
    auto add = [&](RouteProblem::Kind kind, std::size_t component, std::string place,
                   std::string message) {
      problems.push_back({kind, ci, component, std::move(place), std::move(message)});
    };
    std::vector<bool> visited(n, false);
    std::vector<std::size_t> stack{entry->second};
    bool reaches_queue = false, goes_further = false;
    while (!stack.empty()) {
      const std::size_t ix = stack.back();
      stack.pop_back();
      if (visited[ix]) continue;
      visited[ix] = true;
      const Component& c = v.components[ix];
      const KindDecl* k = catalog.find(c.kind);
      if (!k) continue;
      double miss = 1;
      if (k->behaviour == Behaviour::Cache) miss = 1 - hit_ratio(c, *k, r);
      if (k->behaviour == Behaviour::Queue) reaches_queue = true;
      bool any = false;
      for (std::size_t li : out[ix]) {
        const Link& l = v.links[li];
        if (l.calls.for_class(r.name, 0.0) > 0 && miss > 0) {
          any = true;
          stack.push_back(index.at(l.to));
        }
      }
      if (ix == entry->second) goes_further = any;
      if ((k->behaviour == Behaviour::Split || k->behaviour == Behaviour::Queue) && !any) {
        add(RouteProblem::Kind::SplitNoLink, ix, at,
            "class \"" + r.name + "\" reaches " + k->label + " \"" + c.id +
                "\", but none of its links carries that class");
      }
      if (k->behaviour == Behaviour::Cache && miss > 0 && out[ix].empty()) {
        add(RouteProblem::Kind::CacheNoOrigin, ix, at,
            "misses of class \"" + r.name + "\" at " + k->label + " \"" + c.id +
                "\" have nowhere to go (link it to its origin)");
      }
    }
    const KindDecl* ek = catalog.find(v.components[entry->second].kind);
    if (!goes_further && ek && ek->behaviour == Behaviour::Client) {
      add(RouteProblem::Kind::Unrouted, entry->second, at,
          "class \"" + r.name + "\" goes no further than \"" + r.entry +
              "\": no link from it carries that class yet");
    }
    if (!r.sync && !reaches_queue) {
      add(RouteProblem::Kind::AsyncNoQueue, entry->second, pointer_join(at, "sync"),
          "class \"" + r.name +
              "\" is asynchronous but never reaches a message queue to acknowledge it");
    }
  }
  return problems;
}

}  // namespace archbench::detail
