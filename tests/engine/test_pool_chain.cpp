// The pool chain (engine/src/analytic/pool_chain.h): a blocking pool and its nest as one
// quasi-birth–death process, checked against closed forms where they exist.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "analytic/pool_chain.h"

using archbench::ChainPool;
using archbench::PoolStation;

namespace {

// Erlang C: P(wait) in M/M/c with offered load a = λS and ρ = a / c.
double erlang_c(int c, double a) {
  double term = 1, sum = 0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double top = term / (1 - a / c);  // a^c / c! / (1 − ρ)
  return top / (sum + top);
}

// A station of `servers` servers, `visits` per request of `service` s each (exponential).
PoolStation station(double visits, double service, long long servers) {
  return PoolStation{visits, service, 1.0, servers, 1, {}};
}

}  // namespace

TEST_CASE("A pool chain with nothing to call is the M/M/c queue", "[pool_chain]") {
  // Three threads, each request 100 ms of exponential work, λ = 24/s: a = 2.4, ρ = 0.8.
  // Erlang C = (2.304 / 0.2) / (1 + 2.4 + 2.88 + 11.52) = 0.647191; Wq = C / (cμ − λ) = 0.107865 s.
  const ChainPool pool{3, 0.1, {}, {}};
  const auto chain = archbench::solve_pool_chain({pool}, 24.0);
  REQUIRE(chain.has_value());
  CHECK(erlang_c(3, 2.4) == Approx(0.647191).epsilon(1e-5));
  CHECK(chain->p_wait == Approx(erlang_c(3, 2.4)).epsilon(1e-9));
  CHECK(chain->mean_wait == Approx(erlang_c(3, 2.4) / (30.0 - 24.0)).epsilon(1e-9));
  CHECK(archbench::correlation_factor(*chain) == Approx(1.0).epsilon(1e-9));
}

TEST_CASE("A one-thread pool chain is the M/G/1 queue and needs no correction", "[pool_chain]") {
  // One thread: think Z = 20 ms in V + 1 exponential segments, V = 2 visits to a one-server
  // station of S = 5 ms, routed geometrically. Alone in the nest, the holding time
  // H = T₀ + Σ_{i=1..K} (Yᵢ + Tᵢ), K geometric of mean V, T ~ exp(z = Z / (V + 1)), Y ~ exp(S):
  // E[H] = Z + V·S = 30 ms, Var H = z² + V (S² + z²) + V (V + 1) (S + z)².
  // Pollaczek–Khinchine at λ = 20/s (ρ = 0.6): Wq = λ E[H²] / (2 (1 − ρ)).
  const double Z = 0.020, S = 0.005, V = 2, lambda = 20;
  const ChainPool pool{1, Z, {station(V, S, 1)}, {-1}};
  const auto chain = archbench::solve_pool_chain({pool}, lambda);
  REQUIRE(chain.has_value());
  const double z = Z / (V + 1), mean = Z + V * S;
  const double var = z * z + V * (S * S + z * z) + V * (V + 1) * (S + z) * (S + z);
  const double second = var + mean * mean;
  CHECK(chain->p_wait == Approx(lambda * mean).epsilon(1e-9));
  CHECK(chain->mean_wait == Approx(lambda * second / (2 * (1 - lambda * mean))).epsilon(1e-9));
  CHECK(chain->cs2_alone == Approx(var / (mean * mean)).epsilon(1e-9));
  CHECK(archbench::correlation_factor(*chain) == Approx(1.0).epsilon(1e-9));
}

TEST_CASE("A pool chain's closed throughput is the exact MVA's for a product-form nest",
          "[pool_chain]") {
  // Four threads, think 30 ms, a one-connection db (4 ms, 3 visits) and a two-server cache
  // (1 ms, 2 visits): exponential and FCFS, so product form, and the chain's X(n) is the
  // load-dependent MVA's (Reiser & Lavenberg) for every n.
  const std::vector<PoolStation> stations{station(3, 0.004, 1), station(2, 0.001, 2)};
  const ChainPool pool{4, 0.030, stations, {-1, -1}};
  const auto chain = archbench::solve_pool_chain({pool}, 10.0);
  REQUIRE(chain.has_value());
  const auto X = archbench::pool_throughput(4, 0.030, stations);
  REQUIRE(chain->X.size() == X.size());
  for (std::size_t n = 1; n < X.size(); ++n) CHECK(chain->X[n] == Approx(X[n]).epsilon(1e-9));
}

TEST_CASE("Threads that share one busy connection wait longer than the flow-equivalent server says",
          "[pool_chain]") {
  // Three threads behind a single db connection that each request visits twice (db 64% busy
  // at this load): successive holding times are correlated through the db's queue, so the
  // chain's wait exceeds the FES's with independent holding times of the same SCV, and the
  // factor is above 1 — the front 3 chain of the agreement test (docs/MODEL.md).
  const ChainPool pool{3, 0.035, {station(2, 0.0055, 1)}, {-1}};
  const auto X = archbench::pool_throughput(3, 0.035, pool.stations);
  const auto chain = archbench::solve_pool_chain({pool}, 0.85 * X[3]);
  REQUIRE(chain.has_value());
  CHECK(chain->mean_wait > chain->fes_mean_wait * (1 + chain->cs2_alone) / 2 * 1.05);
  CHECK(archbench::correlation_factor(*chain) > 1.02);
}

TEST_CASE("A nest too large for the chain is left to the flow-equivalent server", "[pool_chain]") {
  // 16 threads over three stations: C(19, 3) = 969 states at full population, more than
  // kMaxChainPhases; 17 threads: more than kMaxChainThreads.
  const std::vector<PoolStation> stations{
      station(1, 0.001, 1), station(1, 0.001, 2), station(1, 0.001, 4)};
  const ChainPool pool{16, 0.05, stations, {-1, -1, -1}};
  CHECK(archbench::chain_corrects({pool}));
  CHECK_FALSE(archbench::solve_pool_chain({pool}, 100.0).has_value());
  CHECK_FALSE(archbench::chain_corrects({ChainPool{17, 0.05, stations, {-1, -1, -1}}}));
}

TEST_CASE("A nest where no call can wait needs no correction", "[pool_chain]") {
  // Four threads, a station with four servers and a nested pool of six threads: at most four
  // calls are ever in flight, so nobody queues. With three servers one call can wait.
  const ChainPool middle{6, 0.010, {station(1, 0.005, 8)}, {-1}};
  const ChainPool wide{4, 0.020, {station(1, 0.002, 4), station(1, 0, 6)},
                       {-1, 1}};
  CHECK_FALSE(archbench::chain_corrects({wide, middle}));
  ChainPool narrow = wide;
  narrow.stations[0].servers = 3;
  CHECK(archbench::chain_corrects({narrow, middle}));
}

TEST_CASE("A pool behind a pool with threads to spare is the flat closed network",
          "[pool_chain]") {
  // Front: 2 threads, think 20 ms, one call per request to a middle pool of 5 threads, which
  // never fill (at most 2 calls are in flight there). Middle: think 10 ms, one visit to a
  // one-connection db of 5 ms. The middle's thread limit never binds, so the nest is a closed
  // network with Markov routing over two delay stations and the db: product form, with the
  // throughput of the flat MVA with think 20 + 10 = 30 ms and the db's 5 ms demand.
  const ChainPool front{2, 0.020, {station(1, 0.0, 5)}, {1}};
  const ChainPool middle{5, 0.010, {station(1, 0.005, 1)}, {-1}};
  const auto chain = archbench::solve_pool_chain({front, middle}, 20.0);
  REQUIRE(chain.has_value());
  const auto X = archbench::pool_throughput(2, 0.030, {station(1, 0.005, 1)});
  // n = 1: 1 / 35 ms = 28.571/s; n = 2: MVA, R_db = 5 (1 + 5/35) = 5.714 ms, X = 2 / 35.714 ms.
  CHECK(X[1] == Approx(1 / 0.035).epsilon(1e-9));
  CHECK(X[2] == Approx(2 / (0.030 + 0.005 * (1 + 0.005 / 0.035))).epsilon(1e-9));
  CHECK(chain->X[1] == Approx(X[1]).epsilon(1e-9));
  CHECK(chain->X[2] == Approx(X[2]).epsilon(1e-9));
  // With one middle thread the limit binds: a second call waits for it, and X(2) is lower.
  const ChainPool narrow{1, 0.010, {station(1, 0.005, 1)}, {-1}};
  const auto bound = archbench::solve_pool_chain({front, narrow}, 20.0);
  REQUIRE(bound.has_value());
  CHECK(bound->X[2] < chain->X[2] * 0.99);
}
