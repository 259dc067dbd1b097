// Which stations a blocking pool's threads alone call (its captives, solved with the pool as a
// flow-equivalent server; thread_pool.h), and how many of a station's visits repeat the same
// request's call just returned.
#include <algorithm>

#include "analytic/compiled.h"
#include "analytic/thread_pool.h"

namespace archbench {

void CompiledVersion::compute_captives() {
  // A blocking caller holds a thread for each call it has in flight, and a non-blocking one
  // (cache, split, event loop) answers its caller only after its own calls return, so the calls
  // in flight at a node never exceed the threads of the first blocking component met on each
  // path up towards the clients. When that is one component on every path (and no path reaches
  // a client or a queue first), the node is its captive: they are solved together.
  std::vector<std::vector<int>> callers(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (const auto& l : nodes[i].out) callers[l.to].push_back(static_cast<int>(i));
  }
  captive_of.assign(nodes.size(), -1);
  captives.assign(nodes.size(), {});
  std::vector<int> seen(nodes.size(), -1);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (callers[i].empty() || nodes[i].roles.empty()) continue;
    int pool = -1;
    bool shared = false;
    std::vector<int> stack(callers[i].begin(), callers[i].end());
    while (!stack.empty() && !shared) {
      const int j = stack.back();
      stack.pop_back();
      if (seen[j] == static_cast<int>(i)) continue;
      seen[j] = static_cast<int>(i);
      const CNode& c = nodes[j];
      if (c.behaviour == Behaviour::Client || c.behaviour == Behaviour::Queue) {
        shared = true;
      } else if (c.blocking) {
        shared = pool >= 0 && pool != j;
        pool = j;
      } else {
        stack.insert(stack.end(), callers[j].begin(), callers[j].end());
      }
    }
    if (shared || pool < 0) continue;
    const CNode& p = nodes[pool];
    // Several instances are several pools sharing the callee: left to the open model.
    if (p.roles.size() != 1 || p.roles[0].count != 1 || p.roles[0].servers > kMaxPoolThreads)
      continue;
    captive_of[i] = pool;
  }
  for (auto it = callers_first.rbegin(); it != callers_first.rend(); ++it) {
    if (captive_of[*it] >= 0) captives[captive_of[*it]].push_back(*it);
  }
  behind_blocking.assign(nodes.size(), 0);
  for (int i : callers_first) {
    const CNode& c = nodes[static_cast<std::size_t>(i)];
    if (c.behaviour == Behaviour::Queue || !(c.blocking || behind_blocking[i])) continue;
    for (const auto& l : c.out) behind_blocking[l.to] = 1;
  }
  // Repeats: a link called c ≥ 1 times per visit makes c − 1 calls right after the previous
  // one returned; with several copies (instances, replicas) picked at random, 1/copies of
  // them reach the same station. Weighted by the classes' rates (the load cancels).
  std::vector<double> repeats(role_count, 0.0), all(role_count, 0.0);
  pair_repeat_share.assign(pair_count, 0.0);
  for (std::size_t k = 0; k < classes.size(); ++k) {
    const double rate = classes[k].peak_rate;
    for (const int node : class_nodes[k]) {  // the nodes it visits: nothing to add elsewhere
      const auto i = static_cast<std::size_t>(node);
      const CNode& n = nodes[i];
      for (std::size_t r = 0; r < n.roles.size(); ++r)
        all[role_offset[i] + r] += rate * visits[k][i] * n.roles[r].share[k];
      const bool one_call = n.behaviour == Behaviour::Split || n.behaviour == Behaviour::Queue ||
                            n.behaviour == Behaviour::Store;
      if (one_call) continue;
      const double miss = n.behaviour == Behaviour::Cache ? 1.0 - n.hit[k] : 1.0;
      for (const auto& l : n.out) {
        if (l.calls[k] < 1) continue;
        const CNode& to = nodes[l.to];
        const int pr = pair_index[static_cast<std::size_t>(l.to) * classes.size() + k];
        if (pr >= 0 && to.route[k] >= 0) {
          const auto& role = to.roles[static_cast<std::size_t>(to.route[k])];
          pair_repeat_share[static_cast<std::size_t>(pr)] +=
              visits[k][i] * miss * (l.calls[k] - 1) / role.count / visits[k][l.to];
        }
        for (std::size_t r = 0; r < to.roles.size(); ++r) {
          repeats[role_offset[l.to] + r] += rate * visits[k][i] * miss * (l.calls[k] - 1) *
                                            to.roles[r].share[k] / to.roles[r].count;
        }
      }
    }
  }
  for (double& f : pair_repeat_share) f = std::min(1.0, f);
  repeat_share.assign(role_count, 0.0);
  for (std::size_t r = 0; r < role_count; ++r) {
    if (all[r] > 0) repeat_share[r] = std::min(1.0, repeats[r] / all[r]);
  }
}

}  // namespace archbench
