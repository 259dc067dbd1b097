#pragma once
// The simulator's random numbers: xoshiro256++ (Blackman & Vigna, "Scrambled linear
// pseudorandom number generators", ACM TOMS 47(4), 2021), seeded through SplitMix64 so that
// every (seed, replication) pair gets its own stream. Written here rather than taken from
// <random>: std::exponential_distribution and friends are not specified bit for bit, and the
// same seed must give the same output; this is also about three times faster than mt19937_64.
// Exponential draws take Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating
// Random Variables", J. Stat. Softw. 5(8), 2000) with 256 layers of equal area: 98.9% of
// draws cost one 64-bit number, a multiplication and a comparison, against a logarithm for
// inversion; the rest fall back on the exact density, so the draws are exactly exponential.
#include <cmath>
#include <cstdint>

#include "archbench/distribution.h"

namespace archbench::sim {

// The ziggurat's tables for e^{-x} (random.cpp): layer i spans [0, x_i); k[i] is the part of
// it (× 2^53) wholly under the density, w[i] = x_i / 2^53, f[i] = e^{-x_i}.
struct ExpZiggurat {
  static constexpr double kR = 7.697117470131487;  // x_255: where the tail starts
  std::uint64_t k[256];
  double w[256];
  double f[256];
};
extern const ExpZiggurat kExpZiggurat;

// A service-time shape (distribution.h) as the simulator draws it: the phases' means rather
// than their rates, so that a draw multiplies instead of dividing.
struct SampleShape {
  using Type = ServiceShape::Type;
  Type type = Type::Zero;
  int k = 0;
  double p = 0;
  double mean = 0;
  double scale1 = 0, scale2 = 0;  // 1 / rate1, 1 / rate2
  static SampleShape of(const ServiceShape& s) {
    SampleShape d;
    d.type = s.type;
    d.k = s.k;
    d.p = s.p;
    d.mean = s.mean;
    d.scale1 = s.rate1 > 0 ? 1 / s.rate1 : 0;
    d.scale2 = s.rate2 > 0 ? 1 / s.rate2 : 0;
    return d;
  }
};

class Random {
 public:
  Random(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t x = seed ^ (0x9E3779B97F4A7C15ULL * (stream + 1));
    for (auto& w : s_) w = splitmix(x);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1): the top 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1]: safe under a logarithm.
  double open_uniform() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  double exponential(double rate) { return standard_exponential() / rate; }
  double exponential_mean(double mean) { return standard_exponential() * mean; }
  // Exp(1) by the ziggurat: the low 8 bits of a draw pick a layer, its top 53 bits a point.
  double standard_exponential() {
    const ExpZiggurat& z = kExpZiggurat;
    for (;;) {
      const std::uint64_t bits = next();
      const auto i = static_cast<unsigned>(bits & 0xFF);
      const std::uint64_t u = bits >> 11;
      const double x = static_cast<double>(u) * z.w[i];
      if (u < z.k[i]) return x;  // inside the layer's rectangle under the curve
      if (i == 0) return ExpZiggurat::kR - std::log(open_uniform());  // the tail: memoryless
      if (z.f[i] + (z.f[i - 1] - z.f[i]) * uniform() < std::exp(-x)) return x;
    }
  }
  // Erlang(k) with phase mean `scale`: one logarithm of a product of uniforms.
  double erlang(int k, double scale) {
    double product = 1, log_sum = 0;
    for (int i = 0; i < k; ++i) {
      product *= open_uniform();
      if (product < 1e-200) {  // a thousand phases would underflow to 0
        log_sum += std::log(product);
        product = 1;
      }
    }
    return -(log_sum + std::log(product)) * scale;
  }
  int below(int n) { return static_cast<int>(uniform() * n); }

  // A service time drawn from the two-moment shape the analytic model fits (distribution.h).
  double sample(const SampleShape& s) {
    using T = SampleShape::Type;
    switch (s.type) {
      case T::Zero:
        return 0;
      case T::Deterministic:
        return s.mean;
      case T::Exponential:
        return exponential_mean(s.mean);
      case T::ErlangMix:
        return erlang(uniform() < s.p ? s.k - 1 : s.k, s.scale1);
      case T::Hyper2:
        return exponential_mean(uniform() < s.p ? s.scale1 : s.scale2);
    }
    return 0;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t s_[4];
};

}  // namespace archbench::sim
