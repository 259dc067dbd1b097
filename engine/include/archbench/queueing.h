#pragma once
// Closed forms for one multi-server station: Erlang C (M/M/c) and Allen–Cunneen (G/G/c).
#include <limits>
#include <span>

#include "archbench/distribution.h"

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
  AllenCunneenLight,  // Wq(M/M/c) · [(1 − ρ)·light-traffic ratio + ρ·(ca² + cs²)/2] (below)
  Pool,          // a blocking component's thread pool and its captives (docs/MODEL.md)
};
// "M/M/c", "G/G/c (Allen–Cunneen)", "G/G/c (Allen–Cunneen with its light-traffic limit)",
// "thread pool's closed network (MVA)".
const char* station_model_name(StationModel m);

struct StationSolution {
  bool saturated = false;   // ρ >= 1: no steady state
  double utilization = 0;   // ρ = λ·S / c
  double p_wait = 0;        // probability an arrival waits (Erlang C)
  double wait_mean = 0;     // mean wait in queue, seconds
  double wait_cond_mean = 0;  // mean wait of those who wait, seconds
  bool exact = false;       // true when M/M/c applies exactly (ca² = cs² = 1)
};

// One part of a station's holding time: a class's share of the arrivals (any positive weight;
// the parts are normalized) and its holding time's mean and variance.
struct HoldingPart {
  double weight = 0;
  Moments time;
};

// The light-traffic limit of Wq(M/G/c) / Wq(M/M/c) for the holding time that is the mixture of
// `parts`, each fitted to its two moments (ServiceShape::fit): c·E[min of c independent
// equilibrium residual holding times] / E[H]. As λ → 0 an M/G/c queue's probability of waiting
// tends to M/M/c's and the wait of those who wait to the minimum of c equilibrium residuals
// (Burman & Smith, "A light-traffic theorem for multi-server queues", Math. Oper. Res. 8, 1983,
// conjectured by Boxma, Cohen & Huffels, Oper. Res. 27, 1979). 1 for an exponential holding
// time, (1 + cs²)/2 for one server, c/(c + 1) for a constant one. The integral is taken by the
// trapezoidal rule in log x, step ½ (relative error below 1e-4 for smooth shapes, 1% for a
// constant holding time, whose kink at x = d the rule does not resolve).
double light_traffic_ratio(long long servers, std::span<const HoldingPart> parts);

// light_traffic_ratio where it lowers a station's wait below Allen–Cunneen's, else NaN: only for holding times more
// variable than exponential (cs² > 1; less variable ones are mostly blocking pools', whose
// factor is calibrated with the heavy-traffic form: docs/MODEL.md), not for one server (the
// ratio is then the heavy-traffic factor itself), a saturated station, or one whose arrivals
// wait with probability below 1e-7.
double station_light_ratio(long long servers, double lambda, double holding, double cs2,
                           std::span<const HoldingPart> parts);

// Station with `servers` servers, arrival rate `lambda` (1/s), mean holding time `service` (s),
// arrival and service squared coefficients of variation ca2 and cs2. M/M/c when both are 1;
// otherwise Wq = Wq(M/M/c) · [(1 − ρ)·light + ρ·(ca² + cs²)/2] (light capped below), with the Erlang C probability
// of waiting and an exponential conditional wait: Allen–Cunneen's heavy-traffic factor
// (ca² + cs²)/2, interpolated linearly in ρ with the light-traffic ratio `light`
// (light_traffic_ratio) as Boxma, Cohen & Huffels and Tijms ("A First Course in Stochastic
// Models", 2003) do for M/G/c. Without `light` (NaN), the heavy-traffic factor alone.
// Only where the light-traffic ratio is the smaller; and the callers ask for it only for holding
// times more variable than exponential (station_light_ratio), where Allen–Cunneen overestimates
// the wait of a lightly loaded station (by 80% for eight servers at ρ = 0.3 and cs² = 4 against
// simulation). Less variable ones keep the heavy-traffic factor (docs/MODEL.md says why).
StationSolution solve_station(long long servers, double lambda, double service, double ca2, double cs2,
                              double light = std::numeric_limits<double>::quiet_NaN());

// The factor above: (1 − ρ)·min(light, heavy) + ρ·heavy, or `heavy` when `light` is NaN or ρ ≥ 1.
double interpolated_wait_factor(double rho, double light, double heavy);

}  // namespace archbench
