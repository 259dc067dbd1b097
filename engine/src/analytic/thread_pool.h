#pragma once
// A blocking component's thread pool and the stations its threads wait on, solved together as
// a flow-equivalent server (Chandy, Herzog & Woo 1975; Lazowska et al., "Quantitative System
// Performance", 1984, ch. 9 on memory constraints): the threads with their own work and their
// captive callees form a closed network, solved by exact load-dependent MVA for 1..N threads;
// its throughput X(n) is the service rate of a birth–death chain fed by the pool's Poisson
// arrivals. A pool whose every call comes from another pool's threads (front → middle) enters
// that pool's closed network as one station of rate X_middle(min(k, N_middle)), so at most the
// caller's threads are ever in flight there, and how many of its threads are busy comes from
// the caller's solution. Exact when the callees are exponential FCFS stations; see
// docs/MODEL.md.
#include <vector>

#include "archbench/distribution.h"

namespace archbench {

// A station every one of whose calls comes from the pool's threads.
struct PoolStation {
  double visits = 0;   // per request of the pool
  double service = 0;  // mean holding time per visit, s
  double scv = 1;      // of the holding time (scales the conditional wait as Allen–Cunneen)
  long long servers = 1;
  int copies = 1;  // identical stations sharing the visits (instances, replicas)
  // A nested pool: its own throughput X(b) with b of its `servers` threads busy, b = 0..servers;
  // it completes at rate X(min(k, servers)) with k calls present. Empty: min(k, c) / service.
  std::vector<double> rate;
};

// The throughput X(n) of the closed network with n = 0..N threads (X[0] = 0).
std::vector<double> pool_throughput(long long threads, double think,
                                    const std::vector<PoolStation>& stations);

struct PoolSolution {
  bool saturated = false;    // λ ≥ X(N): the queue for threads grows without bound
  WaitShape pool_wait;       // waiting for a thread
  std::vector<double> busy;  // P(b threads busy), b = 0..N (b = N: all, with or without a queue)
};

// The pool as one server of rate X(min(n, N)) fed by Poisson arrivals at `lambda` (1/s).
PoolSolution serve_poisson(const std::vector<double>& X, double lambda);

struct PoolWaits {
  std::vector<WaitShape> waits;             // per station: the wait of one visit
  std::vector<std::vector<double>> nested;  // per nested-pool station: P(b of its threads busy)
};

// The stations' waits given how many of the pool's threads are busy: a mixture over b weighted
// by the rate X(b) at which calls are made with b threads busy, of what a call sees then
// (arrival theorem). For a nested pool also how many of its threads are busy:
// P(b) = Σ_n busy(n) · P(min(k, servers) = b | n threads).
PoolWaits pool_waits(long long threads, double think, const std::vector<PoolStation>& stations,
                     const std::vector<double>& busy);

// Pools larger than this are left to the open (Poisson) model: the exact MVA costs O(N²) per
// station, and with hundreds of threads the limit on calls in flight rarely binds.
inline constexpr long long kMaxPoolThreads = 256;

// The variability of the pool's completions while every thread is busy, as the SCV that scales
// its conditional wait ((1 + cs²)/2): the holding time's own where the threads are the limit
// (X(n) still rising at n = N), the bottleneck's (the captive station or nested pool with the
// most demand per server) where it limits the pool instead (X(n) flat: the pool's completions
// are that station's). With s = N (X(N) − X(N − 1)) / X(N), the last thread's share of the
// throughput, the bottleneck's weight is 1 − 2s, none from s = ½: a calibration against the
// simulation (weighted 1 − s, it overstated the wait where the pool chain's factor acts, at
// s ≈ 0.75), docs/MODEL.md.
double departure_scv(const std::vector<double>& X, const std::vector<PoolStation>& stations,
                     double holding_scv);

}  // namespace archbench
