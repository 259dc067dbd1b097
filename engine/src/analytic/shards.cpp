// Sharding (docs/PATTERNS.md#sharding): each shard has the component's base stations (a
// database's primary and replicas, a cache's instances). A class's visits go to one shard —
// the hottest with probability h, each of the S − 1 others with (1 − h)/(S − 1) — except its
// cross-shard share x, which visits every shard. So the hot shard's stations see
// (1 − x)·h + x of the class's visits and each other shard's (1 − x)(1 − h)/(S − 1) + x.
#include "analytic/compiled.h"

namespace archbench {

void CompiledVersion::shard_roles(CNode& n) {
  if (n.shards <= 1 || n.roles.empty()) return;
  const std::size_t B = n.roles.size();
  const double S = n.shards, h = n.hot_share;
  std::vector<CStationRole> roles = n.roles;
  for (std::size_t r = 0; r < B; ++r) {
    CStationRole& hot = roles[r];
    CStationRole cold = n.roles[r];
    hot.shard = 1;
    cold.shard = 2;
    cold.count = n.roles[r].count * (n.shards - 1);
    for (std::size_t k = 0; k < classes.size(); ++k) {
      const double x = classes[k].cross_shard;
      hot.share[k] = n.roles[r].share[k] * ((1 - x) * h + x);
      cold.share[k] = n.roles[r].share[k] * ((1 - x) * (1 - h) / (S - 1) + x);
    }
    roles.push_back(std::move(cold));
  }
  n.roles = std::move(roles);
  for (std::size_t k = 0; k < classes.size(); ++k)
    if (n.route[k] >= 0) n.route_cold[k] = n.route[k] + static_cast<int>(B);
  n.nodes *= n.shards;
}

}  // namespace archbench
