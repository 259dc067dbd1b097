// Sharding (docs/PATTERNS.md#sharding): each shard has the component's base stations (a
// database's primary and replicas, a cache's instances). A class's visits go to one shard —
// the hottest with probability h, each of the S − 1 others with (1 − h)/(S − 1) — except its
// cross-shard share x, which visits every shard. So the hot shard's stations see
// (1 − x)·h + x of the class's visits and each other shard's (1 − x)(1 − h)/(S − 1) + x.
#include <algorithm>

#include "analytic/compiled.h"
#include "analytic/fan_out.h"

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

std::optional<ShardFigures> shard_figures(const CNode& n, const std::vector<StationResult>& stations) {
  if (n.shards <= 1) return std::nullopt;
  ShardFigures f;
  f.shards = n.shards;
  f.hot_share = n.hot_share;
  bool hot_saturated = false, other_saturated = false;
  double hot = 0, other = 0;
  for (const StationResult& s : stations) {
    const bool is_hot = s.shard == "hot";
    (is_hot ? hot_saturated : other_saturated) |= s.saturated;
    if (s.utilization) (is_hot ? hot : other) = std::max(is_hot ? hot : other, *s.utilization);
  }
  if (!hot_saturated) f.hot_utilization = hot;
  if (!other_saturated) f.other_utilization = other;
  return f;
}

}  // namespace archbench
