#pragma once
// Closed forms for one multi-server station: Erlang C (M/M/c) and Allen–Cunneen (G/G/c).

namespace archbench {

// Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ
// (in servers) and c servers. Needs a < c. Computed through the Erlang B recursion
// B(k) = a·B(k-1) / (k + a·B(k-1)), which stays stable for thousands of servers.
double erlang_c(long long servers, double offered);
// Erlang B: the probability an arrival finds all `servers` busy in a loss system (M/G/c/c,
// insensitive to the holding-time distribution) offered `offered` erlangs.
double erlang_b(long long servers, double offered);

// Steady state of one station with Poisson-like arrivals.
// How a station's wait was found.
enum class StationModel : unsigned char {
  MMc,           // Erlang C, exact
  AllenCunneen,  // Wq(M/M/c) · (ca² + cs²)/2
  Pool,          // a blocking component's thread pool and its captives (docs/MODEL.md)
};
// "M/M/c", "G/G/c (Allen–Cunneen)", "thread pool's closed network (MVA)".
const char* station_model_name(StationModel m);

struct StationSolution {
  bool saturated = false;   // ρ >= 1: no steady state
  double utilization = 0;   // ρ = λ·S / c
  double p_wait = 0;        // probability an arrival waits (Erlang C)
  double wait_mean = 0;     // mean wait in queue, seconds
  double wait_cond_mean = 0;  // mean wait of those who wait, seconds
  bool exact = false;       // true when M/M/c applies exactly (ca² = cs² = 1)
};

// Station with `servers` servers, arrival rate `lambda` (1/s), mean holding time `service` (s),
// arrival and service squared coefficients of variation ca2 and cs2. M/M/c when both are 1;
// otherwise Allen–Cunneen: Wq = Wq(M/M/c) · (ca² + cs²) / 2, with the Erlang C probability of
// waiting and an exponential conditional wait.
StationSolution solve_station(long long servers, double lambda, double service, double ca2, double cs2);

}  // namespace archbench
