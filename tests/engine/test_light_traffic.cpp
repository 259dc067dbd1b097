// The light-traffic limit of an M/G/c queue's wait (queueing.h, light_traffic_ratio) and its
// interpolation with Allen–Cunneen's heavy-traffic factor.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "archbench/queueing.h"

using namespace archbench;

namespace {

// A holding time of mean m and squared coefficient of variation scv.
HoldingPart part(double weight, double m, double scv) { return {weight, Moments{m, scv * m * m, false}}; }

}  // namespace

TEST_CASE("Light traffic ratio is one for an exponential holding time at any server count",
          "[queueing][light]") {
  // min of c Exp(mean m) equilibrium residuals (again Exp(m)) has mean m/c: ratio c·(m/c)/m = 1.
  const std::vector<HoldingPart> parts{part(1, 0.02, 1)};
  for (long long c : {2LL, 8LL, 100LL, 5000LL}) {
    INFO("c = " << c);
    CHECK(light_traffic_ratio(c, parts) == Approx(1.0).epsilon(1e-4));
  }
}

TEST_CASE("Light traffic ratio of a constant holding time is c over c plus one", "[queueing][light]") {
  // The equilibrium residual of a constant d is Uniform(0, d); the minimum of c of them has
  // mean d/(c + 1), so the ratio is c/(c + 1): 2/3 for two servers, 8/9 for eight. The
  // integrand has a kink at x = d, which the trapezoidal rule in log x (step ½) resolves to
  // within 1% (0.663 for 2/3), against 1e-4 for the smooth shapes below.
  const std::vector<HoldingPart> parts{part(1, 0.004, 0)};
  CHECK(light_traffic_ratio(2, parts) == Approx(2.0 / 3.0).epsilon(1e-2));
  CHECK(light_traffic_ratio(8, parts) == Approx(8.0 / 9.0).epsilon(1e-2));
}

TEST_CASE("Light traffic ratio of a many phase Erlang holding time lies between its neighbours",
          "[queueing][light]") {
  // SCV 1/k fits a pure Erlang(k). The ratio falls from Erlang-2's 0.8125 towards the constant's
  // 2/3 as k grows: Erlang(16) is summed term by term, Erlang(17) by the incomplete gamma's
  // closed form, so the two must lie close (within 0.005) and in order; Erlang(900), nearly
  // constant, within 1% of 2/3 (the step of ½ in log x resolves its steep fall near x = mean
  // as it does the constant's kink: 0.663).
  auto ratio = [](double scv) { return light_traffic_ratio(2, std::vector<HoldingPart>{part(1, 0.05, scv)}); };
  const double e16 = ratio(1.0 / 16), e17 = ratio(1.0 / 17), e900 = ratio(1.0 / 900);
  CHECK(e16 < 0.8125);
  CHECK(e17 < e16);
  CHECK(e16 - e17 < 0.005);
  CHECK(e900 == Approx(2.0 / 3.0).epsilon(1e-2));
}

TEST_CASE("Light traffic ratio of an Erlang two holding time on two servers", "[queueing][light]") {
  // Erlang(2, r), mean 2/r (SCV ½): E[(S − x)⁺] = (2 + rx)e^{−rx}/r, so T(x) = (2 + rx)e^{−rx}/2 and
  // ∫ T² dx = (1/4r)∫(4 + 4y + y²)e^{−2y}dy = (1/4r)(2 + 1 + ¼) = 0.8125/r; the ratio is
  // 2·0.8125/r ÷ (2/r) = 0.8125.
  const std::vector<HoldingPart> parts{part(1, 0.05, 0.5)};
  CHECK(light_traffic_ratio(2, parts) == Approx(0.8125).epsilon(1e-4));
}

TEST_CASE("Light traffic ratio of two classes with exponential holding times of different means",
          "[queueing][light]") {
  // Weights 0.9 and 0.1, means 1 and 10 (E[S] = 1.9): T(x) = Σ p_i m_i e^{−x/m_i}/E[S] and
  // ∫ T² = Σ_ij p_i p_j m_i m_j · m_i m_j/(m_i + m_j) / E[S]² = (0.405 + 1.636364 + 5)/3.61
  // = 1.950516; the ratio is 2 · 1.950516 / 1.9 = 2.053175. Allen–Cunneen's (1 + cs²)/2 for this
  // mixture (E[S²] = 0.9·2 + 0.1·200 = 21.8, cs² = 21.8/3.61 − 1 = 5.0388) is 3.0194: in light
  // traffic a long holding time ties up one server of two, not the station.
  const std::vector<HoldingPart> parts{part(0.9, 1, 1), part(0.1, 10, 1)};
  CHECK(light_traffic_ratio(2, parts) == Approx(2.053175).epsilon(1e-4));
  // Weights need not be normalized.
  const std::vector<HoldingPart> scaled{part(9, 1, 1), part(1, 10, 1)};
  CHECK(light_traffic_ratio(2, scaled) == Approx(2.053175).epsilon(1e-4));
}

TEST_CASE("Light traffic ratio on one server is the Pollaczek Khinchine factor", "[queueing][light]") {
  // One server: E[R] = E[S²]/(2E[S]), ratio (1 + cs²)/2, here cs² = 4: 2.5.
  const std::vector<HoldingPart> parts{part(1, 0.1, 4)};
  CHECK(light_traffic_ratio(1, parts) == Approx(2.5).epsilon(1e-12));
}

TEST_CASE("A station interpolates between the light and heavy traffic factors by utilization",
          "[queueing][light]") {
  // Two servers, λ = 10/s, E[S] = 0.1 s: ρ = 0.5, a = 1. Erlang C(2, 1) = 1/3, M/M/2 conditional
  // wait 1/(2·10 − 10) = 0.1 s. cs² = 3, light ratio 1.4: factor 0.5·1.4 + 0.5·(1 + 3)/2 = 1.7.
  const StationSolution with = solve_station(2, 10, 0.1, 1.0, 3.0, 1.4);
  CHECK(with.p_wait == Approx(1.0 / 3.0).epsilon(1e-12));
  CHECK(with.wait_cond_mean == Approx(0.1 * 1.7).epsilon(1e-12));
  // Without a light-traffic ratio, Allen–Cunneen: 0.1·2 = 0.2 s.
  CHECK(solve_station(2, 10, 0.1, 1.0, 3.0).wait_cond_mean == Approx(0.2).epsilon(1e-12));
  CHECK(interpolated_wait_factor(0.25, 1.4, 2.0) == Approx(0.75 * 1.4 + 0.25 * 2.0).epsilon(1e-12));
  // A light-traffic ratio above the heavy-traffic factor (a constant holding time on two
  // servers: 2/3 against ½) leaves the heavy-traffic factor.
  CHECK(interpolated_wait_factor(0.25, 2.0 / 3.0, 0.5) == Approx(0.5).epsilon(1e-12));
  CHECK(solve_station(2, 10, 0.1, 1.0, 0.0, 2.0 / 3.0).wait_cond_mean == Approx(0.05).epsilon(1e-12));
}

TEST_CASE("A station light ratio is only computed where it changes the wait", "[queueing][light]") {
  const std::vector<HoldingPart> parts{part(0.9, 1, 1), part(0.1, 10, 1)};
  CHECK(std::isnan(station_light_ratio(1, 0.5, 1.9, 5.0388, parts)));    // one server
  CHECK(std::isnan(station_light_ratio(2, 0.5, 1.9, 1.0, parts)));       // exponential
  CHECK(std::isnan(station_light_ratio(2, 0.5, 1.9, 0.5, parts)));       // less variable
  CHECK(std::isnan(station_light_ratio(2, 1.2, 1.9, 5.0388, parts)));    // ρ = 1.14: saturated
  CHECK(std::isnan(station_light_ratio(200, 0.5, 1.9, 5.0388, parts)));  // never waits
  // More variable than exponential, yet a light-traffic ratio above the heavy-traffic factor:
  // two Erlang-5 parts of means 1 and 30, equal weights, on four servers (cs² 1.25: heavy
  // factor 1.125; the light-traffic ratio is above it), so Allen–Cunneen stands.
  const std::vector<HoldingPart> regular_parts{part(1, 1, 0.2), part(1, 30, 0.2)};
  const double heavy = (1 + 1.2 * (1 + 900) / 2 / (15.5 * 15.5) - 1) / 2;
  CHECK(heavy == Approx(1.125).epsilon(1e-3));
  CHECK(light_traffic_ratio(4, regular_parts) > heavy);
  CHECK(std::isnan(station_light_ratio(4, 0.1, 15.5, 2 * heavy - 1, regular_parts)));
  CHECK(station_light_ratio(2, 0.5, 1.9, 5.0388, parts) == Approx(2.053175).epsilon(1e-4));
}
