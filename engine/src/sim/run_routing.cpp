// Where a request goes: the link a split or a queue sends it down, and the instance of a
// component that serves a visit, by the balancing policy (random by weight, smooth weighted
// round-robin, or least connections).
#include <limits>

#include "sim/run.h"

namespace archbench::sim {

// Whether a visit of class k to `node` finds no server up (a message-queue consumer pool is
// never down to its callers: messages wait for it).
bool Run::node_down(int node, int k) const {
  const SimNode& n = m_.nodes[static_cast<std::size_t>(node)];
  if (n.role_first[0] < 0 || n.pool) return false;
  const NodeState& ns = nodes_[static_cast<std::size_t>(node)];
  if (n.replicated)
    return ns.up[0].empty() &&
           (m_.write[static_cast<std::size_t>(k)] || ns.up[1].empty() ||
            m_.role[static_cast<std::size_t>(node) * m_.K + static_cast<std::size_t>(k)] == 0);
  return ns.up[0].empty();
}

// The one link a split or a queue sends this request down, or -1. A split with health checks
// leaves out targets that are down, while any target is up.
int Run::one_of(const SimNode& n, int k) {
  const auto kk = static_cast<std::size_t>(k);
  double u = rng_.uniform();
  if (n.failover) {
    double up = 0, total = 0;
    for (int i = 0; i < n.out_count; ++i) {
      const auto lk = static_cast<std::size_t>(n.out_first + i) * m_.K + kk;
      const double p = m_.route_cum[lk] - (i > 0 ? m_.route_cum[lk - m_.K] : 0.0);
      total += p;
      if (!node_down(m_.links[static_cast<std::size_t>(n.out_first + i)].to, k)) up += p;
    }
    if (up > 0 && up < total) {
      u *= up;
      int last = -1;
      for (int i = 0; i < n.out_count; ++i) {
        const auto lk = static_cast<std::size_t>(n.out_first + i) * m_.K + kk;
        if (!m_.routed[lk] || node_down(m_.links[static_cast<std::size_t>(n.out_first + i)].to, k))
          continue;
        last = n.out_first + i;
        const double p = m_.route_cum[lk] - (i > 0 ? m_.route_cum[lk - m_.K] : 0.0);
        if (u < p) return last;
        u -= p;
      }
      return last;
    }
  }
  int last = -1;
  for (int i = 0; i < n.out_count; ++i) {
    const auto lk = static_cast<std::size_t>(n.out_first + i) * m_.K + kk;
    if (!m_.routed[lk]) continue;
    last = n.out_first + i;
    if (u < m_.route_cum[lk]) return last;
  }
  return last;  // u beyond a cumulative sum that rounded below 1
}

// A split's link by round-robin or least connections, among the targets up (with health
// checks). Round-robin is nginx's smooth weighted round-robin: each pick adds every candidate's
// share to its credit and takes the largest, which then pays the candidates' total. Least
// connections takes the fewest calls in flight per share, ties to the next in turn.
int Run::balanced(const SimNode& n, int k) {
  const auto kk = static_cast<std::size_t>(k);
  bool any_up = false;
  if (n.failover)
    for (int i = 0; i < n.out_count; ++i)
      any_up = any_up || !node_down(m_.links[static_cast<std::size_t>(n.out_first + i)].to, k);
  int best = -1;
  double best_score = 0, total = 0;
  const int turn = n.out_count > 0
                       ? static_cast<int>(turns_[static_cast<std::size_t>(n.out_first)]++ %
                                          static_cast<unsigned>(n.out_count))
                       : 0;
  for (int j = 0; j < n.out_count; ++j) {
    const int i = (turn + j) % n.out_count;
    const int link = n.out_first + i;
    const auto lk = static_cast<std::size_t>(link) * m_.K + kk;
    if (!m_.routed[lk]) continue;
    if (any_up && node_down(m_.links[static_cast<std::size_t>(link)].to, k)) continue;
    const double p = m_.route_cum[lk] - (i > 0 ? m_.route_cum[lk - m_.K] : 0.0);
    double score;
    if (balancing_ == SimulateOptions::Balancing::RoundRobin) {
      credit_[lk] += p;
      total += p;
      score = credit_[lk];
    } else {
      score = -static_cast<double>(links_[static_cast<std::size_t>(link)].in_flight) / p;
    }
    if (best < 0 || score > best_score) {
      best = link;
      best_score = score;
    }
  }
  if (best >= 0 && balancing_ == SimulateOptions::Balancing::RoundRobin)
    credit_[static_cast<std::size_t>(best) * m_.K + kk] -= total;
  return best;
}

// One of `count` stations of a role (those in `up`, or the role's stations in order when `up`
// is null): at random, in turn, or the one with the fewest visits (in service, waiting or held
// by a hang), ties to the next in turn.
int Run::pick_station(int node, int role, const int* up, int count) {
  const SimNode& n = m_.nodes[static_cast<std::size_t>(node)];
  auto station = [&](int i) { return up ? up[i] : n.role_first[role] + i; };
  if (balancing_ == SimulateOptions::Balancing::Random) return station(rng_.below(count));
  const auto key = static_cast<std::size_t>(node) * 2 + static_cast<std::size_t>(role);
  const int turn = static_cast<int>(rr_[key]++ % static_cast<unsigned>(count));
  if (balancing_ == SimulateOptions::Balancing::RoundRobin) return station(turn);
  int best = station(turn);
  auto load = [&](int s) {
    const Station& st = stations_[static_cast<std::size_t>(s)];
    return st.busy + static_cast<long long>(st.waiting.size() + st.parked.size());
  };
  long long best_load = load(best);
  for (int j = 1; j < count && best_load > 0; ++j) {
    const int s = station((turn + j) % count);
    const long long l = load(s);
    if (l < best_load) {
      best = s;
      best_load = l;
    }
  }
  return best;
}

}  // namespace archbench::sim
