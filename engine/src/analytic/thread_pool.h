#pragma once
// A blocking component's thread pool and the stations its threads wait on, solved together as
// a flow-equivalent server (Chandy, Herzog & Woo 1975; Lazowska et al., "Quantitative System
// Performance", 1984, ch. 9 on memory constraints): the threads with their own work and their
// captive callees form a closed network, solved by exact load-dependent MVA for 1..N threads;
// its throughput X(n) is the service rate of a birth–death chain fed by the pool's Poisson
// arrivals. Exact when the callees are exponential FCFS stations; see docs/MODEL.md.
#include <vector>

#include "archbench/distribution.h"

namespace archbench {

// A station every one of whose calls comes from the pool's threads.
struct PoolStation {
  double visits = 0;    // per request of the pool
  double service = 0;   // mean holding time per visit, s
  double scv = 1;       // of the holding time (scales the conditional wait as Allen–Cunneen)
  long long servers = 1;
  int copies = 1;       // identical stations sharing the visits (instances, replicas)
};

struct PoolSolution {
  bool saturated = false;           // λ ≥ X(N): the queue for threads grows without bound
  WaitShape pool_wait;              // waiting for a thread
  std::vector<WaitShape> waits;     // per station: the wait of one visit
};

// `threads` threads serve requests arriving at `lambda` (1/s); besides the stations, a request
// holds its thread for `think` seconds (own work, network, other calls).
PoolSolution solve_pool(long long threads, double lambda, double think,
                        const std::vector<PoolStation>& stations);

// Pools larger than this are left to the open (Poisson) model: the exact MVA costs O(N²) per
// station, and with hundreds of threads the limit on calls in flight rarely binds.
inline constexpr long long kMaxPoolThreads = 256;

}  // namespace archbench
