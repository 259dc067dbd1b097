#include "failure/failure_modes.h"

#include "model/params.h"

namespace archbench::detail {

FailureModes failure_modes(const CompiledVersion& cv, const Version& v, const Catalog& catalog) {
  FailureModes m;
  m.failover.assign(cv.nodes.size(), 0);
  m.fall_through.assign(cv.nodes.size(), 0);
  for (std::size_t i = 0; i < cv.nodes.size() && i < v.components.size(); ++i) {
    const CNode& n = cv.nodes[i];
    const KindDecl* k = catalog.find(n.kind);
    if (!k) continue;
    const Component& c = v.components[i];
    // Kinds that declare nothing keep the behaviour they had before these modes existed.
    if (n.behaviour == Behaviour::Split) m.failover[i] = param_bool(c, *k, "health_checks", false);
    if (n.behaviour == Behaviour::Cache)
      m.fall_through[i] = param_choice(c, *k, "on_failure", "fail") == "fall_through";
  }
  return m;
}

double split_up_total(const CompiledVersion& cv, const CNode& n, int k, const std::vector<char>& down) {
  double up = 0;
  for (const auto& o : n.out) {
    if (!down[static_cast<std::size_t>(o.to)]) up += cv.route_probability(n, o, k);
  }
  return up;
}

double split_share(const CompiledVersion& cv, const CNode& n, std::size_t l, int k, bool failover,
                   const std::vector<char>& down, double up) {
  const double p = cv.route_probability(n, n.out[l], k);
  if (!failover || p <= 0) return p;
  if (up <= 0) return p;
  return down[static_cast<std::size_t>(n.out[l].to)] ? 0.0 : p / up;
}

double split_share(const CompiledVersion& cv, const CNode& n, std::size_t l, int k, bool failover,
                   const std::vector<char>& down) {
  return split_share(cv, n, l, k, failover, down, failover ? split_up_total(cv, n, k, down) : 0.0);
}

}  // namespace archbench::detail
