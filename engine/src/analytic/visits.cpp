// Visits per request: how a visit of one component turns into visits of its callees (calls,
// cache misses, routing shares, and the retries and duplicates of lossy links), and the counts
// per class that every figure of the model starts from.
#include "analytic/compiled.h"
#include "archbench/delivery.h"

namespace archbench {

double CompiledVersion::route_probability(const CNode& n, const CLink& l, int k) const {
  const double total = n.route_total[static_cast<std::size_t>(k)];
  return total > 0 ? l.weight * l.calls[k] / total : 0.0;
}

double CompiledVersion::visits_per_visit(const CNode& n, const CLink& l, int k) const {
  switch (n.behaviour) {
    case Behaviour::Client:
    case Behaviour::Service: return l.calls[k];
    case Behaviour::Cache: return (1.0 - n.hit[k]) * l.calls[k];
    case Behaviour::Split:
    case Behaviour::Queue: return route_probability(n, l, k) * n.admit;
    case Behaviour::Store: return 0;
  }
  return 0;
}

double CompiledVersion::arrivals_per_call(const CNode& n, const CLink& l) const {
  // A queue's delivery is the broker's business (it redelivers): one arrival per message.
  if (n.behaviour == Behaviour::Queue || (l.loss <= 0 && l.duplicate <= 0)) return 1.0;
  return call_delivery(l.loss, l.duplicate, l.policy).executions;
}

void CompiledVersion::compute_visits() {
  visits.assign(classes.size(), std::vector<double>(nodes.size(), 0.0));
  for (std::size_t k = 0; k < classes.size(); ++k) {
    auto& v = visits[k];
    v[classes[k].entry] = 1.0;
    for (int i : callers_first) {
      if (v[i] <= 0) continue;
      const CNode& n = nodes[i];
      for (const auto& l : n.out)
        v[l.to] += v[i] * visits_per_visit(n, l, static_cast<int>(k)) * arrivals_per_call(n, l);
    }
  }
}

}  // namespace archbench
