#include "sim/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace archbench::sim {

namespace {

constexpr int kShift = 52 - Histogram::kSubBits;
// Bits of 2^e shifted as a bucket key: the biased exponent followed by kSubBits zero bits.
constexpr std::int64_t key_of_power(int e) {
  return static_cast<std::int64_t>(e + 1023) << Histogram::kSubBits;
}
constexpr std::int64_t kFirstKey = key_of_power(Histogram::kMinExponent);

// The lower edge of bucket i, in seconds.
double lower_edge(int i) {
  const auto bits = static_cast<std::uint64_t>(kFirstKey + i) << kShift;
  return std::bit_cast<double>(bits);
}

}  // namespace

void Histogram::record(double seconds) {
  // A positive finite double's bits increase with its value; its key is exponent and top bits.
  const auto key = static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(seconds) >> kShift);
  std::int64_t i = key - kFirstKey;
  if (!(seconds > 0) || i < 0) i = 0;
  if (i >= kBuckets) i = kBuckets - 1;
  if (counts_.empty()) counts_.assign(kBuckets, 0);
  ++counts_[static_cast<std::size_t>(i)];
  ++total_;
}

void Histogram::merge(const Histogram& other) {
  if (other.counts_.empty()) return;
  if (counts_.empty()) counts_.assign(kBuckets, 0);
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  total_ += other.total_;
}

void Histogram::clear() {
  std::fill(counts_.begin(), counts_.end(), 0);
  total_ = 0;
}

double Histogram::quantile(double q) const {
  if (total_ == 0) return 0;
  // The value below which a fraction q of the samples lie, samples spread evenly in a bucket.
  const double rank = q * static_cast<double>(total_);
  double below = 0;
  for (int i = 0; i < kBuckets; ++i) {
    const auto c = static_cast<double>(counts_[static_cast<std::size_t>(i)]);
    if (c == 0) continue;
    if (below + c >= rank) {
      const double lo = lower_edge(i), hi = lower_edge(i + 1);
      return lo + (hi - lo) * std::clamp((rank - below) / c, 0.0, 1.0);
    }
    below += c;
  }
  return lower_edge(kBuckets);
}

}  // namespace archbench::sim
