#pragma once
// A station whose every caller is a blocking thread: at most that many calls are ever in flight,
// so its arrivals are not Poisson. Solved as the finite-source (machine-repairman) queue
// M/M/c//N, the closed submodel a layered queueing network builds for a server and its callers.
#include "archbench/queueing.h"

namespace archbench {

// `sources` callers (the threads of the nearest blocking callers) keep `servers` servers busy
// with calls of mean length `service` (s) at the throughput `lambda` (1/s). The per-thread
// think time is whatever makes the closed model's throughput equal `lambda` (Rolia & Sevcik's
// method of layers; LQNS does the same for a non-reference task's idle time). The wait is the
// exact M/M/c//N wait seen by an arrival (arrival theorem: the state with N − 1 sources); for
// cs2 ≠ 1 its conditional mean is scaled by (1 + cs2)/2 as in Allen–Cunneen. Never `exact`.
StationSolution solve_finite_source(long long sources, long long servers, double lambda,
                                    double service, double cs2);

// Above this many sources the Poisson model differs from the finite one by well under 1% of
// the wait, and the open formulas are used (they are also cheaper).
inline constexpr long long kMaxFiniteSources = 1000;

}  // namespace archbench
