// The mean-value solution of a compiled version (CompiledVersion::solve_means): callees first,
// each class's downstream sojourn and visit, each station's arrivals, holding time and wait, and
// each blocking pool solved with its captive stations (thread_pool.h, pool_chain.h).
#include "analytic/compiled.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "archbench/queueing.h"
#include "analytic/fan_out.h"
#include "analytic/pool_chain.h"
#include "analytic/thread_pool.h"

namespace archbench {

namespace {

// Accumulates a probabilistic mixture of sojourns; the remaining probability is a zero time.
struct Mixer {
  double mean = 0, second = 0;
  bool infinite = false;
  void add(double p, const Moments& m) {
    if (p <= 0) return;
    if (m.infinite) infinite = true;
    mean += p * m.mean;
    second += p * m.second();
  }
  Moments result() const {
    if (infinite) return Moments::inf();
    return {mean, std::max(0.0, second - mean * mean), false};
  }
};

// The time a lossy link's retries add to an answered call: D_i with probability w_i.
Moments retry_moments(const std::vector<RetryDelay>& retry) {
  double mean = 0, second = 0;
  for (const RetryDelay& r : retry) {
    mean += r.weight * r.delay_s;
    second += r.weight * r.delay_s * r.delay_s;
  }
  return {mean, std::max(0.0, second - mean * mean), false};
}

}  // namespace

MeanState CompiledVersion::solve_means(double load, bool waits) const {
  const std::size_t K = classes.size();
  MeanState st;
  st.load = load;
  st.K = K;
  st.nodes.resize(nodes.size());
  st.roles.resize(role_count);
  st.pair_index = &pair_index;
  st.down.resize(pair_count);
  st.down_done.resize(pair_count);
  st.visit.resize(pair_count);
  st.visit_done.resize(pair_count);
  st.done_link.assign(pair_count, -1);
  st.class_wait.resize(pair_count);
  st.class_wait_cold.resize(pair_count);

  // Downstream sojourn of each class after the node's own work: round trips of its calls.
  // The completion path (wall clock, to the end of the last work the visit caused) is the
  // later of the visit's own end and, for each call whose caused work (a queued job) outlasts
  // its response, the time up to that call plus the caused work. The later of those is taken
  // as the branch with the later mean, not as the maximum of the distributions: exact when one
  // branch is surely longer (a queued job of seconds against the tens of milliseconds the
  // acknowledgement still needs to travel back), too short by E[max] − max of means otherwise.
  auto compose_down = [&](int i) {
    const CNode& n = nodes[i];
    for (int kk : node_classes[i]) {
      const std::size_t k = static_cast<std::size_t>(kk);
      auto trip = [&](const CLink& l) {
        Moments net = constant(2 * l.latency(k));
        if (!l.retry.empty()) net = seq(net, retry_moments(l.retry));  // timeouts and backoffs
        return seq(net, st.visit_of(l.to, k, false));
      };
      auto call_chain = [&] {
        Moments total{};
        if (n.parallel) {  // scatter-gather: the slowest branch (fan_out.h)
          std::vector<MaxBranch> branches;
          for (const auto& l : n.out) {
            if (l.calls[k] > 0) branches.push_back({repeat(trip(l), l.calls[k]), 1});
          }
          return max_moments(branches);
        }
        for (const auto& l : n.out) {
          if (l.calls[k] > 0) total = seq(total, repeat(trip(l), l.calls[k]));
        }
        return total;
      };
      // The calls in link order; returns the later branch and sets `chosen` to its link.
      auto completion_chain = [&](const Moments& ack, int& chosen) {
        chosen = -1;
        Moments best = ack, before{};
        for (std::size_t li = 0; li < n.out.size(); ++li) {
          const CLink& l = n.out[li];
          const double c = l.calls[k];
          if (c <= 0) continue;
          if (st.caused_work_ends_later(l.to, k, l.latency(k))) {
            Moments net = constant(l.latency(k));
            if (!l.retry.empty()) net = seq(net, retry_moments(l.retry));
            const Moments caused = seq(net, st.visit_of(l.to, k, true));
            Moments branch;
            if (c >= 1) {
              branch = seq(before, seq(repeat(trip(l), c - 1), caused));  // the last call's work
            } else {
              Moments after{};  // no call with probability 1 − c: the rest of the visit
              for (std::size_t lj = li + 1; lj < n.out.size(); ++lj) {
                const CLink& o = n.out[lj];
                if (o.calls[k] > 0) after = seq(after, repeat(trip(o), o.calls[k]));
              }
              branch = seq(before, mix(caused, c, after));
            }
            const bool later = branch.infinite ? !best.infinite
                                               : !best.infinite && branch.mean > best.mean;
            if (later) {
              best = branch;
              chosen = static_cast<int>(li);
            }
          }
          before = seq(before, repeat(trip(l), c));
        }
        return best;
      };
      auto one_of = [&](bool done, double latency_factor) {
        Mixer m;
        for (const auto& l : n.out) {
          const double p = route_probability(n, l, kk);
          if (p <= 0) continue;
          // A queue's consumer always ends after the acknowledgement; a split's callee may not.
          const bool caused =
              done && (latency_factor < 2 || st.caused_work_ends_later(l.to, k, l.latency(k)));
          const double lat = caused ? l.latency(k) : latency_factor * l.latency(k);
          Moments net = constant(lat);
          // A split's call may be retried; a broker redelivers what its delivery loses.
          if (!l.retry.empty() && n.behaviour != Behaviour::Queue)
            net = seq(net, retry_moments(l.retry));
          m.add(p, seq(net, st.visit_of(l.to, k, caused)));
        }
        return m.result();
      };
      const std::size_t pr = st.pair(i, k);
      Moments& down = st.down[pr];
      Moments& down_done = st.down_done[pr];
      int& chosen = st.done_link[pr];
      chosen = -1;
      switch (n.behaviour) {
        case Behaviour::Client:
        case Behaviour::Service:
          down = call_chain();
          down_done = completion_chain(down, chosen);
          break;
        case Behaviour::Cache: {
          const Moments miss = call_chain();
          down = mix(miss, 1.0 - n.hit[k], {});
          down_done = mix(completion_chain(miss, chosen), 1.0 - n.hit[k], {});
          break;
        }
        case Behaviour::Split:
          down = one_of(false, 2.0);
          down_done = one_of(true, 2.0);
          break;
        case Behaviour::Queue:
          down = {};                         // acknowledged at once
          down_done = one_of(true, 1.0);     // delivered one way to a consumer
          break;
        case Behaviour::Store: break;
      }
    }
  };
  // Arrival rate, holding time and its SCV of every station of the node, and (open model) its
  // wait: Erlang C for an exponential holding time, else Allen–Cunneen, interpolated with the
  // light-traffic limit (queueing.h) where the holding time is more variable than exponential
  // (cs² > 1), there are several servers and the limit lowers the factor.
  // `holding_parts`: each class's share and holding time.
  std::vector<HoldingPart> holding_parts;
  auto solve_roles = [&](int i) {
    const CNode& n = nodes[i];
    NodeState& ns = st.nodes[i];
    ns = {};
    bool downstream_time = false;
    for (std::size_t r = 0; r < n.roles.size(); ++r) {
      const CStationRole& role = n.roles[r];
      RoleState& rs = st.roles[role_offset[i] + r];
      rs = {};
      double m1 = 0, m2 = 0;
      holding_parts.clear();
      for (int kk : node_classes[i]) {
        const std::size_t k = static_cast<std::size_t>(kk);
        const double lam = load * classes[k].peak_rate * visits[k][i] * role.share[k];
        if (lam <= 0) continue;
        Moments h = n.shape[k].moments();
        if (n.blocking) {
          if (st.down[st.pair(i, k)].mean > 0) downstream_time = true;
          h = seq(h, st.down[st.pair(i, k)]);
        }
        rs.lambda += lam;
        if (h.infinite) {
          rs.unbounded = true;
          continue;
        }
        m1 += lam * h.mean;
        m2 += lam * h.second();
        holding_parts.push_back({lam, h});
      }
      if (rs.lambda > 0 && !rs.unbounded) {
        rs.holding = m1 / rs.lambda;
        const double second = m2 / rs.lambda;
        rs.scv = rs.holding > 0 ? std::max(0.0, second / (rs.holding * rs.holding) - 1.0) : 1.0;
        rs.light = station_light_ratio(role.servers, rs.lambda, rs.holding, rs.scv, holding_parts);
        const StationSolution sol = solve_station(role.servers, rs.lambda, rs.holding, 1.0, rs.scv, rs.light);
        rs.utilization = sol.utilization;
        rs.saturated = sol.saturated;
        rs.exact = sol.exact && !downstream_time;
        rs.model = rs.exact                 ? StationModel::MMc
                   : std::isnan(rs.light)    ? StationModel::AllenCunneen
                                             : StationModel::AllenCunneenLight;
        rs.wait = {sol.p_wait, sol.wait_cond_mean};
        if (rs.saturated) ns.own_saturation = true;
      }
      if (rs.unbounded) rs.saturated = true;
      if (rs.saturated) ns.saturated = true;
    }
  };
  auto compose_visit = [&](int i) {
    const CNode& n = nodes[i];
    for (int kk : node_classes[i]) {
      const std::size_t k = static_cast<std::size_t>(kk);
      Moments own = n.shape[k].moments();
      if (n.route[k] >= 0) {
        const RoleState& rs = st.roles[role_offset[i] + n.route[k]];
        const double f = pair_repeat_share[st.pair(i, k)];
        WaitShape& w = st.class_wait[st.pair(i, k)];
        w = rs.wait;
        w.cond_mean *= (1 - f) * rs.fresh + f * rs.again;
        own = rs.saturated ? Moments::inf() : seq(w.moments(), own);
        if (n.route_cold[k] >= 0) {
          const RoleState& cold = st.roles[role_offset[i] + n.route_cold[k]];
          WaitShape& wc = st.class_wait_cold[st.pair(i, k)];
          wc = cold.wait;
          wc.cond_mean *= (1 - f) * cold.fresh + f * cold.again;
          own = sharded_visit(n.shards, n.hot_share, classes[k].cross_shard, rs.saturated ? Moments::inf() : own,
                              cold.saturated ? Moments::inf() : seq(wc.moments(), n.shape[k].moments()));
        }
      }
      st.visit[st.pair(i, k)] = seq(own, st.down[st.pair(i, k)]);
      st.visit_done[st.pair(i, k)] = seq(own, st.down_done[st.pair(i, k)]);
    }
  };
  // A blocking pool and its captive stations, solved together (thread_pool.h): the captives'
  // waits and the pool's own wait replace the open model's, and the visits are composed again.
  // A captive that is itself a pool (front → middle) enters its caller's closed network as one
  // station of rate X_middle(min(k, N_middle)); once the outermost pool of such a nest is
  // solved, how many threads of each nested pool are busy comes from its caller's solution
  // rather than from Poisson arrivals (`settle_nest`). Each pool's network is solved once on the
  // way up and once more on the way down, so a chain of nested pools costs linear time.
  struct PoolRun {
    bool solved = false;
    double think = 0;
    std::vector<double> X;  // X(n), n = 0..threads
    std::vector<PoolStation> stations;
    std::vector<int> node_of, role_of;  // per station
    std::vector<double> fresh, again;   // per station: RoleState::fresh and again
  };
  std::vector<PoolRun> runs(nodes.size());
  auto nested_pool = [&](int m) { return nodes[m].blocking && runs[m].solved; };
  // Sets the waits of pool i's stations from `busy` (P(b of its threads busy)) and composes
  // its captives' visits again, callees first.
  auto settle_stations = [&](int i, const std::vector<double>& busy,
                             std::vector<std::vector<double>>* nested) {
    const PoolRun& run = runs[i];
    PoolWaits w = pool_waits(nodes[i].roles[0].servers, run.think, run.stations, busy);
    for (std::size_t x = 0; x < run.stations.size(); ++x) {
      RoleState& rs = st.roles[run.role_of[x]];
      rs.wait = w.waits[x];
      rs.exact = false;
      rs.model = StationModel::Pool;
      rs.fresh = run.fresh[x];
      rs.again = run.again[x];
    }
    if (nested) *nested = std::move(w.nested);
  };
  auto recompose_captives = [&](int i) {
    for (int m : captives[i]) {
      compose_down(m);
      if (nested_pool(m)) {
        // Its holding time with its captives' new waits; its wait for a thread is its caller's.
        RoleState& inner = st.roles[role_offset[m]];
        const RoleState kept = inner;
        solve_roles(m);
        inner.wait = kept.wait;
        inner.fresh = kept.fresh;
        inner.again = kept.again;
        inner.exact = inner.saturated = false;
        inner.model = StationModel::Pool;
        st.nodes[m].saturated = st.nodes[m].own_saturation = false;
      }
      compose_visit(m);
    }
  };
  // From the outermost pool i of a nest down: each nested pool's busy threads from its caller's
  // solution, its stations' waits from those; then the visits composed again from the deepest
  // pool up. Iterative (a nest can be thousands of pools deep).
  auto settle_nest = [&](int i, const std::vector<double>& busy) {
    std::vector<int> order{i};
    std::vector<std::vector<double>> busy_of{busy};
    for (std::size_t at = 0; at < order.size(); ++at) {
      const int p = order[at];
      std::vector<std::vector<double>> nested;
      settle_stations(p, busy_of[at], &nested);
      const PoolRun& run = runs[p];
      for (std::size_t x = 0; x < run.stations.size(); ++x) {
        if (nested[x].empty()) continue;
        order.push_back(run.node_of[x]);
        busy_of.push_back(std::move(nested[x]));
      }
    }
    for (std::size_t at = order.size(); at-- > 0;) recompose_captives(order[at]);
  };
  // When pool i is not solved (saturated), the nests of its captive pools are settled on their
  // own, each from its Poisson arrivals.
  auto settle_below = [&](int i) {
    for (int m : captives[i]) {
      if (!nested_pool(m)) continue;
      const PoolSolution alone = serve_poisson(runs[m].X, st.roles[role_offset[m]].lambda);
      if (!alone.saturated) settle_nest(m, alone.busy);
    }
  };
  // Pool i and the pools nested below it as the pieces of one Markov chain (pool_chain.h);
  // empty when the nest is too large for it.
  auto chain_nest = [&](int i) {
    std::vector<ChainPool> nest;
    std::vector<int> node{i};
    std::size_t places = 0;
    for (std::size_t at = 0; at < node.size(); ++at) {
      const PoolRun& run = runs[node[at]];
      // A nested pool's thread limit stays with the nested FES (X(min(k, c))): in the chain it
      // is lifted, as where it binds the chain's exponential times overstate the correlation
      // of a pool far less variable (docs/MODEL.md).
      ChainPool cp{nodes[node[at]].roles[0].servers, run.think, run.stations, {}};
      if (at > 0) cp.threads = std::max(cp.threads, nodes[i].roles[0].servers);
      for (std::size_t x = 0; x < run.stations.size(); ++x) {
        const bool inner = nested_pool(run.node_of[x]);
        cp.nested.push_back(inner ? static_cast<int>(node.size()) : -1);
        if (inner) node.push_back(run.node_of[x]);
        places += inner ? 2 : static_cast<std::size_t>(run.stations[x].copies);
      }
      nest.push_back(std::move(cp));
      if (++places > 16 || nest.size() > 4) return std::vector<ChainPool>{};
    }
    return nest;
  };
  auto solve_pool_of = [&](int i) {
    const CNode& n = nodes[i];
    RoleState& pool = st.roles[role_offset[i]];
    // The open model may call the pool saturated when only the Poisson waits of its callees
    // push it over; the pool's own solution decides.
    if (captives[i].empty() || pool.unbounded || pool.lambda <= 0) return settle_below(i);
    PoolRun run;
    run.think = pool.holding;
    bool has_nested = false;
    for (int m : captives[i]) {
      for (std::size_t r = 0; r < nodes[m].roles.size(); ++r) {
        const RoleState& rs = st.roles[role_offset[m] + r];
        if (rs.lambda <= 0) continue;
        if (rs.saturated) return settle_below(i);  // stays saturated: nothing to refine
        const int copies = nodes[m].roles[r].count;
        // A visit that repeats its request's call just returned arrives as that call leaves,
        // and finds the queue that built up behind it: a holding time less variable than
        // exponential does not shorten its wait as it does a fresh arrival's, so those visits
        // count as exponential (cs² = 1) in the scaling of the conditional wait, and each
        // class's visits get their own mix of the two.
        const double f = repeat_share[static_cast<std::size_t>(role_offset[m]) + r];
        const double scv = rs.scv < 1 ? rs.scv + f * (1 - rs.scv) : rs.scv;
        const double scale = (1 + scv) / 2;
        run.fresh.push_back(rs.scv < 1 ? (1 + rs.scv) / 2 / scale : 1.0);
        run.again.push_back(rs.scv < 1 ? 1 / scale : 1.0);
        PoolStation ps{copies * rs.lambda / pool.lambda, rs.holding, scv,
                       nodes[m].roles[r].servers, copies, {}};
        if (nested_pool(m)) {
          ps.rate = runs[m].X;
          has_nested = true;
        }
        run.think -= ps.visits * (rs.wait.moments().mean + rs.holding);
        run.stations.push_back(std::move(ps));
        run.node_of.push_back(m);
        run.role_of.push_back(role_offset[m] + static_cast<int>(r));
      }
    }
    run.X = pool_throughput(n.roles[0].servers, run.think, run.stations);
    run.solved = true;
    const PoolSolution sol = serve_poisson(run.X, pool.lambda);
    runs[i] = std::move(run);
    if (sol.saturated) {
      pool.saturated = true;
      st.nodes[i].saturated = st.nodes[i].own_saturation = true;
      return settle_below(i);
    }
    // With Poisson arrivals; a pool that is itself a captive keeps these until its caller's
    // solution replaces them (settle_nest, from the outermost pool).
    if (has_nested && captive_of[i] < 0) {
      settle_nest(i, sol.busy);
    } else {
      settle_stations(i, sol.busy, nullptr);
      recompose_captives(i);
    }
    compose_down(i);
    solve_roles(i);
    pool.saturated = false;
    st.nodes[i].saturated = st.nodes[i].own_saturation = false;
    {
      // The chain takes the holding time as exponential; scale its conditional wait by
      // (1 + cs²)/2 as Allen–Cunneen does for the open model, interpolated as there with the
      // light-traffic limit where the holding time is more variable than exponential.
      pool.wait = {sol.pool_wait.p_wait,
                   sol.pool_wait.cond_mean *
                       interpolated_wait_factor(pool.utilization, pool.light,
                                                (1.0 + departure_scv(runs[i].X, runs[i].stations, pool.scv)) / 2.0)};
      pool.exact = false;
      pool.model = StationModel::Pool;
      // Successive holding times correlated through a congested captive lengthen the wait
      // (pool_chain.h): where the nest is small enough, the Markov chain's factor. Only for a
      // pool no other thread waits on (a nested pool's wait comes from its caller's solution):
      // so this wait is in no holding time, and saturation does not depend on it.
      if (waits && !behind_blocking[i] && sol.pool_wait.p_wait > 1e-6) {
        const std::vector<ChainPool> nest = chain_nest(i);
        const auto chain = chain_corrects(nest) ? solve_pool_chain(nest, pool.lambda) : std::nullopt;
        if (chain) pool.wait.cond_mean *= correlation_factor(*chain);
      }
    }
  };

  for (auto it = callers_first.rbegin(); it != callers_first.rend(); ++it) {
    const int i = *it;
    const CNode& n = nodes[i];
    NodeState& ns = st.nodes[i];
    compose_down(i);
    solve_roles(i);
    if (n.blocking) solve_pool_of(i);
    compose_visit(i);
    if (ns.saturated) st.any_saturated = true;
    if (ns.own_saturation) {
      ns.cause = i;
    } else {
      // Inherit the cause from a callee that is saturated or whose visit never ends (a
      // non-blocking cache in front of a saturated database), so every reason names it.
      for (const auto& l : n.out) {
        if (st.nodes[l.to].cause >= 0) ns.cause = st.nodes[l.to].cause;
      }
    }
  }
  return st;
}

}  // namespace archbench
