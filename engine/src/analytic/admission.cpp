// Rate limits and load shedding (docs/PATTERNS.md, "Rate limiting"). A split with a limit of R
// requests per second, offered λ, admits min(λ, R) and refuses the rest at once (429), each
// request with the same probability 1 − R/λ: what lies behind it sees a Poisson stream of rate
// min(λ, R), and the limiter itself still does its own work for every request it is offered.
#include <algorithm>

#include "analytic/compiled.h"

namespace archbench {

bool CompiledVersion::has_rate_limits() const {
  return std::any_of(nodes.begin(), nodes.end(),
                     [](const CNode& n) { return n.rate_limit_per_s > 0; });
}

void CompiledVersion::admit_at(double load) {
  for (CNode& n : nodes) n.admit = 1;
  if (!has_rate_limits()) return;
  compute_visits();
  // Callers first: a limit upstream thins what reaches a limit below it, so each limit is
  // offered the traffic the limits above it admitted.
  for (int i : callers_first) {
    CNode& n = nodes[static_cast<std::size_t>(i)];
    if (n.rate_limit_per_s <= 0) continue;
    double offered = 0;
    for (std::size_t k = 0; k < classes.size(); ++k)
      offered += load * classes[k].peak_rate * visits[k][static_cast<std::size_t>(i)];
    if (offered <= n.rate_limit_per_s) continue;
    n.admit = n.rate_limit_per_s / offered;
    compute_visits();
  }
}

double CompiledVersion::refused_per_s(int i, double load) const {
  const CNode& n = nodes[static_cast<std::size_t>(i)];
  double offered = 0;
  for (std::size_t k = 0; k < classes.size(); ++k)
    offered += load * classes[k].peak_rate * visits[k][static_cast<std::size_t>(i)];
  return offered * (1 - n.admit);
}

double CompiledVersion::refused_per_request(int k) const {
  double refused = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    refused += visits[static_cast<std::size_t>(k)][i] * (1 - nodes[i].admit);
  return refused;
}

}  // namespace archbench
