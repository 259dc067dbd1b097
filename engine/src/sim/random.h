#pragma once
// The simulator's random numbers: xoshiro256++ (Blackman & Vigna, "Scrambled linear
// pseudorandom number generators", ACM TOMS 47(4), 2021), seeded through SplitMix64 so that
// every (seed, replication) pair gets its own stream. Written here rather than taken from
// <random>: std::exponential_distribution and friends are not specified bit for bit, and the
// same seed must give the same output; this is also about three times faster than mt19937_64.
#include <cmath>
#include <cstdint>

#include "archbench/distribution.h"

namespace archbench::sim {

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
  double exponential(double rate) { return -std::log(open_uniform()) / rate; }
  // Erlang(k) with phase rate `rate`: one logarithm of a product of uniforms.
  double erlang(int k, double rate) {
    double product = 1, log_sum = 0;
    for (int i = 0; i < k; ++i) {
      product *= open_uniform();
      if (product < 1e-200) {  // a thousand phases would underflow to 0
        log_sum += std::log(product);
        product = 1;
      }
    }
    return -(log_sum + std::log(product)) / rate;
  }
  int below(int n) { return static_cast<int>(uniform() * n); }

  // A service time drawn from the two-moment shape the analytic model fits (distribution.h).
  double sample(const ServiceShape& s) {
    using T = ServiceShape::Type;
    switch (s.type) {
      case T::Zero:
        return 0;
      case T::Deterministic:
        return s.mean;
      case T::Exponential:
        return exponential(s.rate1);
      case T::ErlangMix:
        return erlang(uniform() < s.p ? s.k - 1 : s.k, s.rate1);
      case T::Hyper2:
        return uniform() < s.p ? exponential(s.rate1) : exponential(s.rate2);
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
