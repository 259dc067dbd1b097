#include "analytic/pool_chain.h"

#include "analytic/dense_matrix.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace archbench {

namespace {

using dense::Mat;
using dense::inverse;
using dense::scaled;
using dense::solve;

// The nest as places where a top-level thread's call can be: each pool's think segment, each
// station copy, and (nested pools) the calls waiting for one of its threads.
struct Place {
  int pool = 0;
  bool think = false;
  double rate = 0;  // per customer (think) or per busy server (station)
  long long servers = 1;
};

struct Route {
  int place = -1;  // a station copy, or
  int pool = -1;   // a nested pool, or neither: done
  double p = 0;
};

struct Nest {
  std::vector<Place> places;
  std::vector<int> think_of, waiting_of, parent;
  std::vector<std::vector<int>> active_places;  // per pool: the places that hold its threads
  std::vector<std::vector<Route>> routes;       // per pool: from its think segment
};

// The places a pool's threads can be in (its think, its stations, and every place of the
// pools it calls, their waiting included).
void collect(const Nest& nest, int pool, std::vector<int>& out) {
  for (std::size_t x = 0; x < nest.places.size(); ++x) {
    int p = nest.places[x].pool;
    bool waiting_here = static_cast<int>(x) == nest.waiting_of[static_cast<std::size_t>(p)];
    if (p == pool && waiting_here) continue;
    while (p >= 0 && p != pool) p = nest.parent[static_cast<std::size_t>(p)];
    if (p == pool) out.push_back(static_cast<int>(x));
  }
}

std::optional<Nest> build(const std::vector<ChainPool>& pools) {
  Nest nest;
  const std::size_t P = pools.size();
  nest.think_of.assign(P, -1);
  nest.waiting_of.assign(P, -1);
  nest.parent.assign(P, -1);
  nest.routes.assign(P, {});
  for (std::size_t q = 0; q < P; ++q) {
    const ChainPool& cp = pools[q];
    if (cp.stations.size() != cp.nested.size()) return std::nullopt;
    double V = 0, demand = cp.think;
    for (const auto& s : cp.stations) {
      V += s.visits;
      demand += s.visits * s.service;
    }
    // A think segment far shorter than the rest makes the chain stiff: left to the FES.
    if (!(cp.think > 1e-6 * demand)) return std::nullopt;
    nest.think_of[q] = static_cast<int>(nest.places.size());
    nest.places.push_back({static_cast<int>(q), true, (V + 1) / cp.think, 0});
    for (std::size_t x = 0; x < cp.stations.size(); ++x) {
      const PoolStation& s = cp.stations[x];
      if (cp.nested[x] >= 0) {
        const auto child = static_cast<std::size_t>(cp.nested[x]);
        if (child <= q || child >= P) return std::nullopt;
        nest.parent[child] = static_cast<int>(q);
        nest.routes[q].push_back({-1, cp.nested[x], s.visits / (V + 1)});
        continue;
      }
      if (!(s.service > 0)) return std::nullopt;
      for (int c = 0; c < s.copies; ++c) {
        nest.routes[q].push_back({static_cast<int>(nest.places.size()), -1,
                                  s.visits / s.copies / (V + 1)});
        nest.places.push_back({static_cast<int>(q), false, 1.0 / s.service, s.servers});
      }
    }
    nest.routes[q].push_back({-1, -1, 1.0 / (V + 1)});
  }
  for (std::size_t q = 1; q < P; ++q) {
    if (nest.parent[q] < 0) return std::nullopt;
    nest.waiting_of[q] = static_cast<int>(nest.places.size());
    nest.places.push_back({static_cast<int>(q), false, 0.0, 0});
  }
  nest.active_places.assign(P, {});
  for (std::size_t q = 0; q < P; ++q) collect(nest, static_cast<int>(q), nest.active_places[q]);
  return nest;
}

using State = std::vector<int>;

struct Move {
  State to;
  double rate = 0;
  bool departs = false;  // a top-level request is done: the state is one call fewer
};

int active(const Nest& nest, const State& s, int pool) {
  int k = 0;
  for (int x : nest.active_places[static_cast<std::size_t>(pool)]) k += s[static_cast<std::size_t>(x)];
  return k;
}

// A thread of `pool` finishes its request: the caller's call returns to its think segment and a
// call waiting for this pool's threads takes the freed thread.
void finish(const Nest& nest, const std::vector<ChainPool>& pools, State s, int pool, double rate,
            std::vector<Move>& out) {
  const auto q = static_cast<std::size_t>(pool);
  if (nest.parent[q] < 0) {
    out.push_back({std::move(s), rate, true});
    return;
  }
  s[static_cast<std::size_t>(nest.think_of[static_cast<std::size_t>(nest.parent[q])])] += 1;
  const auto w = static_cast<std::size_t>(nest.waiting_of[q]);
  if (s[w] > 0 && active(nest, s, pool) < pools[q].threads) {
    s[w] -= 1;
    s[static_cast<std::size_t>(nest.think_of[q])] += 1;
  }
  out.push_back({std::move(s), rate, false});
}

std::vector<Move> moves(const Nest& nest, const std::vector<ChainPool>& pools, const State& s) {
  std::vector<Move> out;
  for (std::size_t x = 0; x < nest.places.size(); ++x) {
    const Place& pl = nest.places[x];
    if (s[x] == 0 || pl.rate <= 0) continue;
    State base = s;
    base[x] -= 1;
    if (!pl.think) {
      const double rate = std::min<double>(s[x], static_cast<double>(pl.servers)) * pl.rate;
      base[static_cast<std::size_t>(nest.think_of[static_cast<std::size_t>(pl.pool)])] += 1;
      out.push_back({std::move(base), rate, false});
      continue;
    }
    const double rate = s[x] * pl.rate;
    for (const Route& r : nest.routes[static_cast<std::size_t>(pl.pool)]) {
      if (r.p <= 0) continue;
      State to = base;
      if (r.place >= 0) {
        to[static_cast<std::size_t>(r.place)] += 1;
      } else if (r.pool >= 0) {
        const auto q = static_cast<std::size_t>(r.pool);
        const bool free = active(nest, to, r.pool) < pools[q].threads;
        to[static_cast<std::size_t>(free ? nest.think_of[q] : nest.waiting_of[q])] += 1;
      } else {
        finish(nest, pools, std::move(to), pl.pool, rate * r.p, out);
        continue;
      }
      out.push_back({std::move(to), rate * r.p, false});
    }
  }
  return out;
}

// Stationary distribution of a finite generator Q (rows sum to 0): π Q = 0, Σ π = 1.
std::optional<std::vector<double>> stationary(const Mat& Q) {
  const std::size_t n = Q.n;
  Mat A(n, n), b(n, 1);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) A(j, i) = Q(i, j);
  }
  for (std::size_t j = 0; j < n; ++j) A(n - 1, j) = 1.0;
  b(n - 1, 0) = 1.0;
  if (!solve(A, b)) return std::nullopt;
  return b.a;
}

// The chain's states by level (calls in the nest = busy top-level threads), each level's
// generator without arrivals (its diagonal holds every other outflow) and departure rates.
struct Levels {
  std::vector<std::vector<State>> states;
  std::map<State, std::size_t> index;  // within its level
  std::vector<Mat> local;
  std::vector<std::vector<double>> dep;
  std::size_t top_think = 0;
  State up(State s) const {
    s[top_think] += 1;
    return s;
  }
  State down(State s) const {
    s[top_think] -= 1;
    return s;
  }
};

// Reached from the empty state by arrivals, departures and moves inside the nest; empty when a
// level has more than kMaxChainPhases states.
std::optional<Levels> enumerate(const Nest& nest, const std::vector<ChainPool>& pools,
                                std::size_t N) {
  Levels lv;
  lv.states.resize(N + 1);
  lv.top_think = static_cast<std::size_t>(nest.think_of[0]);
  std::vector<std::pair<std::size_t, std::size_t>> work;
  auto reach = [&](State t, std::size_t n) {
    if (lv.index.count(t)) return true;
    if (lv.states[n].size() >= kMaxChainPhases) return false;
    lv.index[t] = lv.states[n].size();
    work.push_back({n, lv.states[n].size()});
    lv.states[n].push_back(std::move(t));
    return true;
  };
  reach(State(nest.places.size(), 0), 0);
  while (!work.empty()) {
    const auto [n, at] = work.back();
    work.pop_back();
    const State s = lv.states[n][at];
    for (auto& mv : moves(nest, pools, s)) {
      if (!reach(std::move(mv.to), mv.departs ? n - 1 : n)) return std::nullopt;
    }
    if (n < N && !reach(lv.up(s), n + 1)) return std::nullopt;
  }
  lv.local.resize(N + 1);
  lv.dep.resize(N + 1);
  for (std::size_t n = 0; n <= N; ++n) {
    const std::size_t S = lv.states[n].size();
    lv.local[n] = Mat(S, S);
    lv.dep[n].assign(S, 0.0);
    for (std::size_t i = 0; i < S; ++i) {
      for (auto& mv : moves(nest, pools, lv.states[n][i])) {
        lv.local[n](i, i) -= mv.rate;
        if (mv.departs) {
          lv.dep[n][i] += mv.rate;
        } else {
          lv.local[n](i, lv.index.at(mv.to)) += mv.rate;
        }
      }
    }
  }
  return lv;
}

// SCV of one request's holding time with the nest to itself: the time to absorption from the
// state with one call at the top pool's think segment (moments by (−T)⁻¹, T = level 1).
double alone_scv(const Levels& lv) {
  const Mat negT = scaled(lv.local[1], -1.0);
  Mat m1(negT.n, 1);
  for (std::size_t i = 0; i < negT.n; ++i) m1(i, 0) = 1.0;
  if (!solve(negT, m1)) return 1.0;
  Mat m2 = scaled(m1, 2.0);
  if (!solve(negT, m2)) return 1.0;
  const std::size_t s0 = lv.index.at(lv.up(lv.states[0][0]));
  const double e1 = m1(s0, 0), e2 = m2(s0, 0);
  return e1 > 0 ? std::max(0.0, e2 / (e1 * e1) - 1.0) : 1.0;
}

// R, the minimal solution of A0 + R A1 + R² A2 = 0 for the levels ≥ N: A0 = λ·I (an arrival
// queues), A2 = diag(departures) (the next queued request takes the thread, the phase is kept),
// A1 = the level's local generator less λ. G by logarithmic reduction (Latouche & Ramaswami,
// J. Appl. Prob. 30, 1993), then R = A0 (−A1 − A0 G)⁻¹.
std::optional<Mat> rate_matrix(const Mat& local, const std::vector<double>& dep, double lambda) {
  const std::size_t P = local.n;
  Mat negA1 = scaled(local, -1.0);
  for (std::size_t i = 0; i < P; ++i) negA1(i, i) += lambda;
  Mat inv;
  if (!inverse(negA1, inv)) return std::nullopt;
  Mat H = scaled(inv, lambda), L = inv;  // (−A1)⁻¹ A0 and (−A1)⁻¹ A2
  for (std::size_t i = 0; i < P; ++i) {
    for (std::size_t j = 0; j < P; ++j) L(i, j) *= dep[j];
  }
  Mat G = L, T = H;
  const Mat I = Mat::identity(P);
  for (int step = 0; step < 64; ++step) {
    const Mat U = H * L + L * H;
    const Mat HH = H * H, LL = L * L;
    Mat both(P, 2 * P);  // (I − U)⁻¹ [H² | L²] in one elimination
    for (std::size_t i = 0; i < P; ++i) {
      for (std::size_t j = 0; j < P; ++j) {
        both(i, j) = HH(i, j);
        both(i, P + j) = LL(i, j);
      }
    }
    if (!solve(I + scaled(U, -1.0), both)) return std::nullopt;
    for (std::size_t i = 0; i < P; ++i) {
      for (std::size_t j = 0; j < P; ++j) {
        H(i, j) = both(i, j);
        L(i, j) = both(i, P + j);
      }
    }
    G = G + T * L;
    T = T * H;
    double gap = 0;
    for (std::size_t i = 0; i < P; ++i) {
      double row = 0;
      for (std::size_t j = 0; j < P; ++j) row += G(i, j);
      gap = std::max(gap, std::abs(1.0 - row));
    }
    if (gap < 1e-12) break;
  }
  Mat R;
  if (!inverse(negA1 + scaled(G, -lambda), R)) return std::nullopt;
  return scaled(R, lambda);
}

}  // namespace

std::optional<ChainSolution> solve_pool_chain(const std::vector<ChainPool>& pools, double lambda) {
  if (pools.empty() || !(lambda > 0)) return std::nullopt;
  const auto nest = build(pools);
  if (!nest) return std::nullopt;
  const auto N = static_cast<std::size_t>(std::max<long long>(pools[0].threads, 1));
  const auto levels = enumerate(*nest, pools, N);
  if (!levels) return std::nullopt;
  const Levels& lv = *levels;
  // X(n): the closed nest with n calls, each one done replaced at once (the phase is kept).
  std::vector<double> X(N + 1, 0.0);
  for (std::size_t n = 1; n <= N; ++n) {
    Mat Q = lv.local[n];
    for (std::size_t i = 0; i < Q.n; ++i) Q(i, i) += lv.dep[n][i];
    const auto pi = stationary(Q);
    if (!pi) return std::nullopt;
    for (std::size_t i = 0; i < Q.n; ++i) X[n] += (*pi)[i] * lv.dep[n][i];
  }
  if (!(lambda < X[N])) return std::nullopt;
  ChainSolution out;
  out.X = X;
  out.cs2_alone = alone_scv(lv);
  const PoolSolution fes = serve_poisson(X, lambda);
  out.fes_p_wait = fes.pool_wait.p_wait;
  out.fes_mean_wait = fes.pool_wait.p_wait * fes.pool_wait.cond_mean;
  const std::size_t P = lv.states[N].size();
  const auto R = rate_matrix(lv.local[N], lv.dep[N], lambda);
  if (!R) return std::nullopt;
  // Levels 0..N by linear level reduction (the levels are block tridiagonal): level N closes
  // with R, π_{N−1} U_{N−1} + π_N (L_N + R A2) = 0, and going down π_n = π_{n−1} B_n with
  // B_n = U_{n−1} (−S_n)⁻¹, S_n = L_n + B_{n+1} D_{n+1} (L: local less λ; U: arrivals, λ from
  // each state to the one with a call more at the top think; D: departures, the reverse).
  std::vector<Mat> B(N + 1);
  Mat S = lv.local[N];
  for (std::size_t i = 0; i < P; ++i) {
    for (std::size_t j = 0; j < P; ++j) S(i, j) += (*R)(i, j) * lv.dep[N][j];
  }
  for (std::size_t n = N; n >= 1; --n) {
    for (std::size_t i = 0; i < S.n; ++i) S(i, i) -= lambda;
    Mat inv;
    if (!inverse(scaled(S, -1.0), inv)) return std::nullopt;
    const std::size_t below = lv.states[n - 1].size();
    B[n] = Mat(below, S.n);
    for (std::size_t i = 0; i < below; ++i) {
      const std::size_t u = lv.index.at(lv.up(lv.states[n - 1][i]));
      for (std::size_t j = 0; j < S.n; ++j) B[n](i, j) = lambda * inv(u, j);
    }
    Mat next = lv.local[n - 1];
    for (std::size_t i = 0; i < below; ++i) {
      for (std::size_t k = 0; k < S.n; ++k) {
        if (lv.dep[n][k] <= 0) continue;
        next(i, lv.index.at(lv.down(lv.states[n][k]))) += B[n](i, k) * lv.dep[n][k];
      }
    }
    S = std::move(next);
  }
  // Level 0 is the empty state alone; then normalise: Σ_{n<N} π_n 1 + π_N (I − R)⁻¹ 1 = 1.
  std::vector<double> pi{1.0};
  double mass = 1.0;
  for (std::size_t n = 1; n <= N; ++n) {
    std::vector<double> up(B[n].m, 0.0);
    for (std::size_t i = 0; i < B[n].n; ++i) {
      for (std::size_t j = 0; j < B[n].m; ++j) up[j] += pi[i] * B[n](i, j);
    }
    pi = std::move(up);
    if (n < N) {
      for (double v : pi) mass += v;
    }
  }
  Mat inv_IR;
  if (!inverse(Mat::identity(P) + scaled(*R, -1.0), inv_IR)) return std::nullopt;
  for (std::size_t i = 0; i < P; ++i) {
    for (std::size_t j = 0; j < P; ++j) mass += pi[i] * inv_IR(i, j);
  }
  if (!(mass > 0) || !std::isfinite(mass)) return std::nullopt;
  // P(all busy) = π_N (I − R)⁻¹ 1 (an arrival waits: PASTA), E[queue] = π_N R (I − R)⁻² 1,
  // E[wait] = E[queue] / λ (Little).
  const Mat RI = *R * inv_IR * inv_IR;
  double p_full = 0, queue = 0;
  for (std::size_t i = 0; i < P; ++i) {
    for (std::size_t j = 0; j < P; ++j) {
      p_full += pi[i] / mass * inv_IR(i, j);
      queue += pi[i] / mass * RI(i, j);
    }
  }
  if (!std::isfinite(p_full) || !std::isfinite(queue)) return std::nullopt;
  out.p_wait = std::clamp(p_full, 0.0, 1.0);
  out.mean_wait = std::max(0.0, queue / lambda);
  return out;
}

bool chain_corrects(const std::vector<ChainPool>& nest) {
  if (nest.empty() || nest[0].threads > static_cast<long long>(kMaxChainThreads)) return false;
  // With at most N calls in flight, a nest whose every station and pool has N servers or more
  // never queues: nothing correlates the holding times.
  const long long N = nest[0].threads;
  for (std::size_t q = 0; q < nest.size(); ++q) {
    if (q > 0 && nest[q].threads < N) return true;
    for (std::size_t x = 0; x < nest[q].stations.size(); ++x) {
      if (x < nest[q].nested.size() && nest[q].nested[x] < 0 && nest[q].stations[x].servers < N)
        return true;
    }
  }
  return false;
}

double correlation_factor(const ChainSolution& chain) {
  const double independent = chain.fes_mean_wait * (1.0 + chain.cs2_alone) / 2.0;
  if (!(independent > 0) || !(chain.mean_wait > 0)) return 1.0;
  const double kappa = chain.mean_wait / independent;
  const std::size_t N = chain.X.size() - 1;
  const double last = N >= 1 && chain.X[N] > 0
                          ? static_cast<double>(N) * (chain.X[N] - chain.X[N - 1]) / chain.X[N]
                          : 0.0;
  const double factor = std::pow(kappa, std::clamp(last, 0.0, 1.0) / 2.0);
  return std::isfinite(factor) && factor > 0 ? factor : 1.0;
}

}  // namespace archbench
