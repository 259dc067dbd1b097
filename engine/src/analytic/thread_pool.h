#pragma once
// A blocking component's thread pool and the stations its threads wait on, solved together as
// a flow-equivalent server (Chandy, Herzog & Woo 1975; Lazowska et al., "Quantitative System
// Performance", 1984, ch. 9 on memory constraints): the threads with their own work and their
// captive callees form a closed network, solved by exact load-dependent MVA for 1..N threads;
// its throughput X(n) is the service rate of a birth–death chain fed by the pool's Poisson
// arrivals. A pool whose every call comes from another pool's threads (front → middle) is a
// station of that pool's closed network with rate X(min(k, N)), and learns how many of its
// threads are busy from it. Exact when the callees are exponential FCFS stations; see
// docs/MODEL.md.
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
  // A nested pool: its throughput X(b) with b threads busy, b = 0..servers; the station
  // completes at rate X(min(k, servers)) with k visits present. Empty: min(k, c) / service.
  std::vector<double> rate;
};

// The closed network of 1..N threads.
struct ClosedPool {
  long long threads = 0;
  std::vector<double> X;                           // X[n], n = 0..N: requests per second
  std::vector<std::vector<double>> pw, cw;         // [station][n]: a visit arriving with n
                                                   // threads in the network: P(wait) and
                                                   // E[wait; wait > 0] (before the SCV scale)
  std::vector<std::vector<std::vector<double>>> present;  // [station][n][k]: P(k visits there)
                                                          // with n threads (nested pools only)
};

ClosedPool solve_closed(long long threads, double think, const std::vector<PoolStation>& stations);

struct PoolSolution {
  bool saturated = false;           // λ ≥ X(N): the queue for threads grows without bound
  WaitShape pool_wait;              // waiting for a thread
  std::vector<double> busy;         // P(b threads busy), b = 0..N (b = N: all, with a queue)
};

// The pool fed by Poisson arrivals at `lambda` (1/s): a birth–death chain of rate X(min(n, N)).
PoolSolution serve_poisson(const ClosedPool& pool, double lambda);

// The wait of one visit at each station, given how many threads are busy: a mixture over b
// weighted by the rate X(b) at which calls arrive with b threads busy.
std::vector<WaitShape> station_waits(const ClosedPool& pool, const std::vector<double>& busy,
                                     const std::vector<PoolStation>& stations);

// How many threads of the nested pool at `station` are busy, given how many of the outer
// pool's are: P(b) = Σ_n busy(n) · P(min(k, servers) = b | n).
std::vector<double> nested_busy(const ClosedPool& outer, const std::vector<double>& busy,
                                std::size_t station, long long servers);

// Pools larger than this are left to the open (Poisson) model: the exact MVA costs O(N²) per
// station, and with hundreds of threads the limit on calls in flight rarely binds.
inline constexpr long long kMaxPoolThreads = 256;

}  // namespace archbench
