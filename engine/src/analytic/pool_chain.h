#pragma once
// A small blocking pool and the nest of pools and stations below it, solved as one Markov chain
// (a quasi-birth–death process: level = requests in the pool, phase = where its busy threads
// are in the nest) by matrix-geometric methods (Neuts, "Matrix-Geometric Solutions in
// Stochastic Models", 1981; the R matrix by logarithmic reduction, Latouche & Ramaswami,
// "Introduction to Matrix Analytic Methods in Stochastic Modeling", 1999, ch. 8). Used where
// the flow-equivalent server (thread_pool.h) misses the correlation of successive holding
// times through a congested captive: see docs/MODEL.md.
#include <cstddef>
#include <optional>
#include <vector>

#include "analytic/thread_pool.h"

namespace archbench {

// One pool of a nest. Each thread works in segments: a think segment (own work, network and
// calls outside the nest, exponential, think / (V + 1) each), then with probability v / (V + 1)
// a visit to station v (V = Σ visits), or with 1 / (V + 1) the request is done.
struct ChainPool {
  long long threads = 1;
  double think = 0;                   // s per request of this pool
  std::vector<PoolStation> stations;  // `rate` is ignored: a nested pool is `nested`
  std::vector<int> nested;            // per station: index of its pool in the nest, or -1
};

struct ChainSolution {
  double p_wait = 0;     // P(an arriving request finds every thread busy), exact for the chain
  double mean_wait = 0;  // E[wait for a thread], s, over all requests
  std::vector<double> X;     // the closed nest's throughput with n = 0..N calls, 1/s
  double fes_p_wait = 0;     // the same two from the flow-equivalent server on X(n)
  double fes_mean_wait = 0;
  double cs2_alone = 1;  // SCV of one request's holding time with the nest to itself
};

// The outermost pool is nest[0], fed by Poisson arrivals at `lambda` (1/s). Empty when a level
// has more than kMaxChainPhases states, a pool has (almost) no think time, or λ ≥ X(N).
std::optional<ChainSolution> solve_pool_chain(const std::vector<ChainPool>& nest, double lambda);

// Whether the engine corrects this nest's pool with the chain: at most kMaxChainThreads threads,
// and some station or nested pool with fewer servers than the pool has threads (otherwise no
// call ever waits in the nest, and nothing correlates the holding times).
bool chain_corrects(const std::vector<ChainPool>& nest);

// What the flow-equivalent server misses, as a factor on the pool's conditional wait: the
// chain's wait against the FES's with independent holding times of the chain's own SCV,
// κ = W / (W_FES · (1 + cs²_alone) / 2), taken as κ^(s/2) with s = N (X(N) − X(N − 1)) / X(N),
// the last thread's share of the throughput. 1 with one thread (M/G/1: κ = 1). A calibration
// against simulation, not a derivation: see docs/MODEL.md.
double correlation_factor(const ChainSolution& chain);

// A level of the chain holds at most this many states (P): the R matrix costs O(P³) per
// reduction step, each boundary level one P × P inversion. Larger nests keep the
// flow-equivalent server alone.
inline constexpr std::size_t kMaxChainPhases = 48;
// Pools with more threads keep the FES alone: the correlation it misses is a few-thread effect,
// and the boundary levels cost O(N P³).
inline constexpr std::size_t kMaxChainThreads = 16;

}  // namespace archbench
