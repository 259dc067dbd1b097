#pragma once
// How components behave while one of their parts is down, from their kinds' declarations: a split
// with health checks sends a down target's share to the targets still up; a cache that falls
// through lets its callers read from the origin. Read by the availability analysis and by the
// failure analysis, so both follow the same rules. Private to the engine.
#include <vector>

#include "archbench/catalog.h"
#include "archbench/model.h"
#include "analytic/compiled.h"

namespace archbench::detail {

struct FailureModes {
  std::vector<char> failover;      // [node]: a split with health checks ("health_checks")
  std::vector<char> fall_through;  // [node]: a cache with "on_failure": "fall_through"
};

// `cv` compiled from `v`: nodes in the version's component order.
FailureModes failure_modes(const CompiledVersion& cv, const Version& v, const Catalog& catalog);

// A split's share for link `l` and class `k` when the targets marked in `down` are out: the
// routing probability renormalised over the targets still up (with failover), else unchanged.
// When every target is down the unchanged probability is returned (the calls fail there).
double split_share(const CompiledVersion& cv, const CNode& n, std::size_t l, int k, bool failover,
                   const std::vector<char>& down);
// The same with `up`, the routing probabilities of the links to targets not in `down` summed in
// link order (split_up_total), computed once per split and class: linear in a split's width
// where split_share alone is quadratic.
double split_up_total(const CompiledVersion& cv, const CNode& n, int k, const std::vector<char>& down);
double split_share(const CompiledVersion& cv, const CNode& n, std::size_t l, int k, bool failover,
                   const std::vector<char>& down, double up);

}  // namespace archbench::detail
